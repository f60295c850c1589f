#!/bin/sh
# make bench: one table of every figure of issue 17, each against its
# reference run in the same round, with its target and met/missed.
#
#   imports of 1,000,000 participation rows over 200,000 people, of the
#   realistic file (gen --style realistic: BOM, CRLF, both date forms,
#   decimal commas, Cyrillic results) and of the plain file of before,
#   against the sqlite3 shell's `.import --csv` of the same file into a
#   bare table: the first import, the same file again (all unchanged) and
#   a month's re-send (10% of the rows changed, 2% new);
#   every core and area report (its first dimension) and `participation
#   list` / `person list`, in csv against the same SQL in `sqlite3 -csv`
#   (integra's own statement, taken with INTEGRA_TRACE_SQL; the shell
#   knows neither the collation uk nor fold() and days_between(), so it
#   runs it with byte order and the equivalent built-ins), and in json
#   against `sqlite3 -json` (no target);
#   peak memory (maximum resident set) at 1,000,000 rows against the same
#   case at 10,000 rows.
#   on PostgreSQL (tests/bench/pg.sh, when it is installed): the first
#   import against psql's \copy, and 20 agencies' imports at once against
#   one after another.
#
# Every timed pair runs back to back in each of ROUNDS rounds (3), so that
# a slow spell of the shared machine falls on both alike; a figure is the
# median of its rounds and a ratio the median of the rounds' ratios.
# PEOPLE, ROWS, SMALL and ROUNDS override the sizes.
set -eu
: "${BUILD:=build}"
: "${PEOPLE:=200000}"
: "${ROWS:=1000000}"
: "${SMALL:=10000}"
: "${ROUNDS:=3}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
make --no-print-directory -s "$BUILD/bench/gen" "$BUILD/integra"
BIN="$ROOT/$BUILD/integra"
GEN="$ROOT/$BUILD/bench/gen"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME is missing: run 'make deps' as root" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is missing: run 'make deps' as root" >&2; exit 1; }
command -v perl >/dev/null || { echo "bench: perl is missing" >&2; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/integra-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export HOME="$W" XDG_CONFIG_HOME="$W/config" XDG_DATA_HOME="$W/data"
unset INTEGRA_CONFIG INTEGRA_TRACE_SQL
export LC_ALL=C.UTF-8
R="$W/results"
mkdir -p "$R"

# measure LABEL CMD...: runs CMD under time(1), its output to $W/out; sets
# SECS (to the millisecond, from date(1): time(1) gives hundredths) and KB.
measure() {
	label=$1
	shift
	t0=$(date +%s%N)
	if ! "$TIME" -f '%M' -o "$W/time" "$@" >"$W/out" 2>"$W/err"; then
		echo "bench: $label failed:" >&2
		cat "$W/err" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
	KB=$(cat "$W/time")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
# note CASE KIND VALUE: keeps a value of a case (int, ref, ratio, mem...).
note() { echo "$3" >>"$R/$1.$2"; }
values() { [ -f "$R/$1.$2" ] && cat "$R/$1.$2" || true; }

echo "generating: $PEOPLE people; $ROWS and $SMALL participation rows (seed 42)"
for s in big:$ROWS small:$SMALL; do
	d=${s%%:*} n=${s#*:}
	"$GEN" --orgs 500 --people "$PEOPLE" --participation "$n" --seed 42 \
	    --style realistic --out "$W/$d"
	"$GEN" --orgs 500 --people "$PEOPLE" --participation "$n" --seed 42 \
	    --style realistic --changed 10 --new 2 --out "$W/$d-resend"
	"$GEN" --orgs 500 --people "$PEOPLE" --participation "$n" --seed 42 \
	    --out "$W/$d-plain"
done
BASE="$W/base.db"
"$BIN" -d "$BASE" init >/dev/null
for k in orgs people programmes; do
	"$BIN" -d "$BASE" import "$k" "$W/big/$k.csv" >/dev/null
done
printf 'realistic file: %s bytes; plain file: %s bytes\n' \
    "$(wc -c <"$W/big/participation.csv")" "$(wc -c <"$W/big-plain/participation.csv")"

# import_case CASE DB FILE REF: integra imports FILE into DB, then the shell
# imports REF (the file itself, or the round's reference) into a bare table.
import_case() {
	measure "$1" "$BIN" -d "$2" import participation "$3"
	a=$SECS
	note "$1" mem "$KB"
	cp "$W/out" "$R/$1.summary"
	rm -f "$W/bare.db"
	measure "$1 (sqlite3)" sqlite3 "$W/bare.db" ".import --csv '$4' participation"
	note "$1" int "$a"
	note "$1" ref "$SECS"
	note "$1" ratio "$(ratio "$a" "$SECS")"
}

# The imports of one round: first, again unchanged, the re-send; the
# plain file's first import.
import_round() {
	cp "$BASE" "$W/$1.db"
	import_case "$1-first" "$W/$1.db" "$W/$2/participation.csv" \
	    "$W/$2/participation.csv"
	import_case "$1-again" "$W/$1.db" "$W/$2/participation.csv" \
	    "$W/$2/participation.csv"
	import_case "$1-resend" "$W/$1.db" "$W/$2-resend/participation.csv" \
	    "$W/$2-resend/participation.csv"
	cp "$BASE" "$W/$1-plain.db"
	import_case "$1-plain" "$W/$1-plain.db" "$W/$2-plain/participation.csv" \
	    "$W/$2-plain/participation.csv"
}

# The shell's version of a statement of integra's: byte order for the
# collation uk, fold(x) as x (searches are off), days_between(a, b) as the
# difference of the days.
shell_sql() {
	perl -pe 's/ COLLATE uk//g; s/\bfold\(/(/g;
	    s/days_between\(\s*((?&A))\s*,\s*((?&A))\s*\)
	    (?(DEFINE)(?<A>(?:[^(),\x27]|\x27[^\x27]*\x27|(?&P))+)
	    (?<P>\((?:[^()\x27]|\x27[^\x27]*\x27|(?&P))*\)))
	    /CAST(julianday($2) - julianday($1) AS INTEGER)/gx'
}

# The queries: NAME|integra arguments; the SQL of each is what integra ran
# longest (ties: the longest text), taken once on the database DB.
queries() {
	for r in $("$BIN" -d "$1" --format csv report list | tail -n +2 | cut -d, -f1); do
		echo "report-$r|report $r"
	done
	echo "participation-list|participation list"
	echo "person-list|person list"
}
capture_sql() {
	queries "$1" >"$W/queries"
	while IFS='|' read -r name args; do
		rm -f "$W/trace"
		# shellcheck disable=SC2086
		INTEGRA_TRACE_SQL="$W/trace" "$BIN" -d "$1" --format csv $args >/dev/null
		awk -F'\t' '$2 ~ /^(SELECT|WITH)/ { print $1 "\t" length($2) "\t" $2 }' \
		    "$W/trace" | sort -t"$(printf '\t')" -k1,1n -k2,2n | tail -1 |
		    cut -f3 | shell_sql >"$W/$name.sql"
	done <"$W/queries"
}

# One round of the reports and lists on DB: integra in csv and json, each
# after the shell's same SQL in the same mode.
query_round() {
	while IFS='|' read -r name args; do
		for f in csv json; do
			# A statement the shell cannot run (a function of
			# integra's it has no equivalent for) is left out.
			if ! sqlite3 "-$f" "$1" "EXPLAIN $(cat "$W/$name.sql")" \
			    >/dev/null 2>"$W/err"; then
				echo "$(head -1 "$W/err")" >"$R/$name-$f.skip"
				continue
			fi
			measure "sqlite3 $name" sqlite3 "-$f" -header "$1" \
			    "$(cat "$W/$name.sql")"
			b=$SECS
			# shellcheck disable=SC2086
			measure "integra $args" "$BIN" -d "$1" --format "$f" $args
			note "$name-$f" int "$SECS"
			note "$name-$f" ref "$b"
			note "$name-$f" ratio "$(ratio "$SECS" "$b")"
			note "$name-$f" mem "$KB"
		done
	done <"$W/queries"
}

echo "the imports at $SMALL rows (peak memory) ..."
import_round small small
cp "$W/small.db" "$W/small-q.db"
round=0
while [ "$round" -lt "$ROUNDS" ]; do
	round=$((round + 1))
	echo "round $round of $ROUNDS: imports ..."
	import_round big big
	if [ "$round" = 1 ]; then
		cp "$W/big.db" "$W/q.db"
		capture_sql "$W/q.db"
		query_round "$W/small-q.db"
		for f in "$R"/*-csv.* "$R"/*-json.*; do
			mv "$f" "$(dirname "$f")/small-$(basename "$f")"
		done
	fi
	echo "round $round of $ROUNDS: reports and lists ..."
	query_round "$W/q.db"
done
. "$ROOT/tests/bench/pg.sh"
pg_rounds

# row LABEL CASE TARGET: a line of the table; TARGET "-" for none.  Where
# the reference takes under 0.05 s the ratio measures the start of the
# two programs (integra opens its configuration and plugins), not the
# query: it is shown, and the target marked n/a.
row() {
	# shellcheck disable=SC2046
	i=$(median $(values "$2" int)) r=$(median $(values "$2" ref))
	# shellcheck disable=SC2046
	q=$(median $(values "$2" ratio))
	if [ -f "$R/$2.skip" ]; then
		printf '%-46s %s\n' "$1" "not timed: the shell cannot run it ($(cat "$R/$2.skip"))"
		return
	fi
	if [ "$3" = - ]; then
		m=""
	elif awk -v r="$r" 'BEGIN { exit !(r < 0.05) }'; then
		m="n/a (under 0.05 s)"
	else
		m=$(awk -v q="$q" -v t="$3" 'BEGIN { print (q <= t) ? "met" : "MISSED" }')
	fi
	printf '%-46s %9s %9s %6s %6s  %s\n' "$1" "$i" "$r" "$q" "$3" "$m"
}
# mrow LABEL CASE SMALLCASE: peak memory at ROWS against SMALL rows.
mrow() {
	[ -f "$R/$2.skip" ] && return
	# shellcheck disable=SC2046
	a=$(median $(values "$2" mem)) b=$(median $(values "$3" mem))
	q=$(ratio "$a" "$b")
	m=$(awk -v q="$q" 'BEGIN { print (q <= 1.2) ? "met" : "MISSED" }')
	printf '%-46s %9s %9s %6s %6s  %s\n' "$1" "$a" "$b" "$q" 1.2 "$m"
}

echo
echo "integra against its reference, $ROWS participation rows over $PEOPLE people"
echo "(seconds: medians of $ROUNDS interleaved rounds; ratio: the median of the"
echo " rounds' ratios; imports against the shell's .import of the same file;"
echo " reports and lists against their own SQL in sqlite3 -csv / -json;"
echo " memory: peak KiB at $ROWS rows against $SMALL rows)"
printf '%-46s %9s %9s %6s %6s  %s\n' figure integra reference ratio target result
row "import, realistic: first" big-first 1.3
row "import, realistic: again, unchanged" big-again 1.2
row "import, realistic: re-send 10%/2%" big-resend 1.5
row "import, plain file: first" big-plain 1.3
pg_rows
while IFS='|' read -r name args; do
	row "$args, csv" "$name-csv" 1.2
done <"$W/queries"
while IFS='|' read -r name args; do
	row "$args, json (vs sqlite3 -json)" "$name-json" -
done <"$W/queries"
mrow "peak memory: import, first" big-first small-first
mrow "peak memory: import, again" big-again small-again
mrow "peak memory: import, re-send" big-resend small-resend
mrow "peak memory: import, plain file" big-plain small-plain
while IFS='|' read -r name args; do
	mrow "peak memory: $args, csv" "$name-csv" "small-$name-csv"
done <"$W/queries"
echo
echo "integra's summaries: first: $(cat "$R/big-first.summary")"
echo "  again: $(cat "$R/big-again.summary"); re-send: $(cat "$R/big-resend.summary")"
