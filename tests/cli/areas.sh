# Shared set-up of the area plugins' end-to-end tests (t40..t49): sources
# lib.sh and creates the database.  Also the one place that knows how an
# organisation is named as a participant.
. "$(dirname "$0")/lib.sh"

# `integra enrol P CODE $ORG` / `participation set P CODE $ORG ...`: the
# participant is an organisation code.
ORG=--org

ok "init" init

# json_is DESC JQ EXPECTED: the last stdout (JSON) through jq -c gives EXPECTED.
json_is() {
	got=$(jq -c "$2" "$OUT" 2>&1)
	if [ "$got" = "$3" ]; then pass "$1"; else
		echo "$got" >"$ERR"; fail "$1 (jq gave '$got', wanted '$3')"; fi
}

# report_is DESC JQ EXPECTED REPORT-ARGS...: runs the report as JSON and
# compares the rows through JQ.
report_is() {
	desc=$1; filter=$2; want=$3; shift 3
	run --format json report "$@"
	if [ "$RC" -ne 0 ]; then fail "$desc (report exited $RC)"; return; fi
	json_is "$desc" "$filter" "$want"
}

# complete PROGRAMME PARTICIPANT DATE [OPTIONS...]: nominated to completed.
complete() {
	p=$1; who=$2; d=$3; shift 3
	"$BIN" participation set "$p" "$who" --status enrolled >/dev/null 2>&1 &&
	"$BIN" participation set "$p" "$who" --status attended >/dev/null 2>&1 &&
	ok "$p $who completed" participation set "$p" "$who" --status completed \
	    --date "$d" "$@"
}

# refused DESC ARGS...: integra ARGS fails (any code) with one line on stderr.
refused() {
	desc=$1; shift
	run "$@"
	if [ "$RC" -ne 0 ] && [ "$(wc -l <"$ERR")" -eq 1 ]; then pass "$desc"; else
		fail "$desc (wanted a failure with one line on stderr)"; fi
}
