# The PostgreSQL figures of make bench (issue 18), sourced by run.sh,
# which gives measure, note, ratio and row, the generated files in $W/big
# and its results in $R.  On a throw-away cluster (tests/pg/cluster.sh):
#
#   pg-first     integra imports the realistic participation file ($ROWS
#                rows) into a register on the server, against `psql
#                \copy` of the same file into a bare table of text
#                columns (target 1.5);
#   pg-agencies  $AGENCIES agencies each import a file of $AGENCY_ROWS rows
#                of their own organisations' people, all at once, against
#                the same files one after another (target 1.5); after
#                each, every row must be stored exactly once.
#
# Without PostgreSQL the figures are skipped and the table says why.
# PG_ROUNDS (1), AGENCIES (20) and AGENCY_ROWS (50000) override the sizes.
: "${PG_ROUNDS:=1}"
: "${AGENCIES:=20}"
: "${AGENCY_ROWS:=50000}"
PG_SKIP=

# pg_uri DB: the URI of database DB of the cluster in $PGD.
pg_uri() { echo "postgresql:///$1?host=$PGD/sock&user=integra_admin"; }
# pg_sql DB SQL: runs SQL on database DB, its rows unaligned.
pg_sql() {
	PGOPTIONS='-c client_min_messages=warning' psql -X -q -At \
	    -v ON_ERROR_STOP=1 "$(pg_uri "$1")" -c "$2"
}
# pg_new DB: database DB made afresh from the template pgbase.
pg_new() {
	pg_sql postgres "DROP DATABASE IF EXISTS $1" >/dev/null
	pg_sql postgres "CREATE DATABASE $1 TEMPLATE pgbase" >/dev/null
}

# The template: init, and the organisations, people and programmes of the
# generated register.
pg_template() {
	pg_sql postgres "CREATE DATABASE pgbase" >/dev/null
	INTEGRA_DATABASE=$(pg_uri pgbase) "$BIN" init >/dev/null || return 1
	for k in orgs people programmes; do
		INTEGRA_DATABASE=$(pg_uri pgbase) "$BIN" import "$k" \
		    "$W/big/$k.csv" >/dev/null || return 1
	done
}

# The agencies' files: agency a holds the organisations whose number is a
# modulo AGENCIES; its file gives its people in the civil-service
# programmes (which take people), AGENCY_ROWS rows at most.
pg_agency_files() {
	awk -F, -v n="$AGENCIES" -v max="$AGENCY_ROWS" -v dir="$W" '
	FILENAME ~ /programmes/ { if ($1 == "civil_service") prog[np++] = $2; next }
	FNR == 1 { next }
	{ a = substr($3, 4) % n; who[a, cnt[a]++] = $1 }
	END {
		for (a = 0; a < n; a++) {
			f = dir "/agency" a ".csv"
			print "programme,person,status,hours" >f
			rows = 0
			for (p = 0; p < np && rows < max; p++)
				for (i = 0; i < cnt[a] && rows < max; i++) {
					printf "%s,%s,completed,%d\n", prog[p], who[a, i], 8 + p % 3 >f
					rows++
				}
			close(f)
		}
	}' "$W/big/programmes.csv" "$W/big/people.csv"
}

# pg_agencies DB MODE: the agencies' files into DB, all at once (MODE
# "at-once") or one after another; fails when any import fails.
pg_agencies() {
	a=0
	pids=
	while [ "$a" -lt "$AGENCIES" ]; do
		if [ "$2" = at-once ]; then
			INTEGRA_DATABASE=$(pg_uri "$1") "$BIN" import participation \
			    "$W/agency$a.csv" >/dev/null &
			pids="$pids $!"
		else
			INTEGRA_DATABASE=$(pg_uri "$1") "$BIN" import participation \
			    "$W/agency$a.csv" >/dev/null || return 1
		fi
		a=$((a + 1))
	done
	for p in $pids; do
		wait "$p" || return 1
	done
}

# pg_once DB: every row of the agencies' files stored exactly once.
pg_once() {
	want=$(cat "$W"/agency*.csv | grep -vc '^programme,')
	got=$(pg_sql "$1" "SELECT count(*) || ' ' || count(DISTINCT (programme_id,
	    person_id)) FROM participation")
	[ "$got" = "$want $want" ] || {
		echo "bench: $1 holds $got rows (total, distinct keys), not $want" >&2
		return 1
	}
}

# clock CMD...: runs CMD (a function too); sets SECS, as measure does.
clock() {
	t0=$(date +%s%N)
	"$@" || { echo "bench: $* failed" >&2; return 1; }
	t1=$(date +%s%N)
	SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
}

# One round of the PostgreSQL figures.
pg_round() {
	pg_new pgfirst
	measure "pg-first" env INTEGRA_DATABASE="$(pg_uri pgfirst)" "$BIN" import \
	    participation "$W/big/participation.csv"
	a=$SECS
	cols=$(head -1 "$W/big/participation.csv" | tr -d '\r' | awk -F, '{
	    for (i = 1; i <= NF; i++) printf "%sc%d text", (i > 1 ? ", " : ""), i }')
	pg_sql pgfirst "CREATE TABLE bare ($cols)"
	measure "pg-first (psql)" psql -X -q "$(pg_uri pgfirst)" -c \
	    "\\copy bare FROM '$W/big/participation.csv' WITH (FORMAT csv, HEADER true)"
	note pg-first int "$a"
	note pg-first ref "$SECS"
	note pg-first ratio "$(ratio "$a" "$SECS")"
	pg_new pgseq
	clock pg_agencies pgseq one-by-one || return 1
	b=$SECS
	pg_once pgseq || return 1
	pg_new pgconc
	clock pg_agencies pgconc at-once || return 1
	pg_once pgconc || return 1
	note pg-agencies int "$SECS"
	note pg-agencies ref "$b"
	note pg-agencies ratio "$(ratio "$SECS" "$b")"
}

# Every round, on a cluster of its own, stopped at the end.
pg_rounds() {
	if ! "$ROOT/tests/pg/cluster.sh" bindir >/dev/null 2>&1; then
		PG_SKIP="PostgreSQL is not installed (make deps)"
		return 0
	fi
	PGD=$(mktemp -d /tmp/integra-pg.XXXXXX)
	chmod 0755 "$PGD"
	if ! "$ROOT/tests/pg/cluster.sh" start "$PGD" >/dev/null; then
		PG_SKIP="the throw-away cluster does not start"
		return 0
	fi
	echo "PostgreSQL: the template register and the agencies' files ..."
	(
		trap '"$ROOT/tests/pg/cluster.sh" stop "$PGD"; rm -rf "$PGD"' EXIT
		pg_template && pg_agency_files || exit 1
		round=0
		while [ "$round" -lt "$PG_ROUNDS" ]; do
			round=$((round + 1))
			echo "PostgreSQL round $round of $PG_ROUNDS ..."
			pg_round || exit 1
		done
	) || PG_SKIP="a PostgreSQL figure failed (see above)"
}

# The table's lines of the PostgreSQL figures.
pg_rows() {
	if [ -n "$PG_SKIP" ]; then
		printf '%-46s %s\n' "PostgreSQL figures" "skipped: $PG_SKIP"
		return
	fi
	row "PostgreSQL: import, realistic: first" pg-first 1.5
	row "PostgreSQL: $AGENCIES agencies at once" pg-agencies 1.5
}
