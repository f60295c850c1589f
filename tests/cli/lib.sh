# Shared helpers for the end-to-end tests: each test script sources this,
# gets a private temporary home (config, data, database), and asserts on
# the binary's stdout, stderr, exit code and the database afterwards.
# Every assertion prints "ok" or "not ok" with a description; the first
# failure's details go to stderr.  A check that cannot run on this
# machine says so with `skip DESC REASON` ("ok - DESC # SKIP REASON",
# counted as skipped, not passed).  Scripts end with `finish`.  A script
# that must not run beside others says why in a line "# run alone: ..."
# (see run.sh); every script here has its own temporary home.

set -u
: "${BUILD:=build}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/$BUILD/integra"
PLUGDIR="$ROOT/$BUILD/plugins"
FIXDIR="$ROOT/$BUILD/fixtures"
T=$(mktemp -d "${TMPDIR:-/tmp}/integra-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
unset INTEGRA_CONFIG INTEGRA_DATABASE LANGUAGE INTEGRA_LOCALEDIR
export LC_ALL=C.UTF-8 TZ=Europe/Kyiv
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
# VALGRIND=1 (make check VALGRIND=1): $BIN is a wrapper that runs the
# binary under tests/valgrind.sh, its reports in $BUILD/valgrind.  The
# binary then sees its own path as argv[0] (valgrind gives no other):
# $ARGV0 is what a command line recorded by integra starts with.
ARGV0=$BIN
if [ "${VALGRIND:-0}" = 1 ]; then
	mkdir -p "$T/valgrind"
	chmod 0755 "$T/valgrind"
	printf '#!/bin/sh\nexec "%s" "%s" "%s" "%s" "$@"\n' "$ROOT/tests/valgrind.sh" \
	    "$ROOT/$BUILD/valgrind" "$(basename "$0" .sh)" "$BIN" >"$T/valgrind/integra"
	chmod 0755 "$T/valgrind/integra"
	BIN="$T/valgrind/integra"
fi
DB="$XDG_DATA_HOME/integra/integra.db"
# On PostgreSQL (make check-pg: INTEGRA_TEST_PG is the socket directory of
# the throw-away cluster tests/pg/cluster.sh started) each script has a
# database of its own, made here and dropped at exit, and integra finds it
# through INTEGRA_DATABASE when neither -d nor a configuration names one;
# $DB is then its URI, and sql, sql_do, sql_refused and snapshot use psql.
# A script that tests what only an SQLite file has says so in a line
# "# backend: sqlite: REASON", and one listed in tests/pg/pending waits
# for its port: either is skipped as a whole.
PG=
if [ -n "${INTEGRA_TEST_PG:-}" ]; then
	PG=t_$(basename "$0" .sh | tr -c 'a-z0-9_\n' _)_$$
	DB="postgresql:///$PG?host=$INTEGRA_TEST_PG&user=integra_admin"
	export INTEGRA_DATABASE="$DB"
	reason=$(sed -n 's/^# backend: sqlite: //p' "$0")
	[ -n "$reason" ] || reason=$(awk -v s="$(basename "$0")" '$1 == s {
	    $1 = ""; sub(/^ /, ""); print "not yet on PostgreSQL: " $0 }' \
	    "$ROOT/tests/pg/pending")
	if [ -n "$reason" ]; then
		echo "ok - $(basename "$0") # SKIP $reason"
		echo "# $(basename "$0"): 0 passed, 0 failed, 1 skipped"
		exit 0
	fi
	psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres \
	    -c "CREATE DATABASE $PG" >/dev/null || exit 1
	trap 'rm -rf "$T"; psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres \
	    -c "DROP DATABASE IF EXISTS $PG WITH (FORCE)" >/dev/null 2>&1' EXIT
fi
PASS=0
FAIL=0
SKIP=0
OUT="$T/stdout"
ERR="$T/stderr"
RC=0

# Runs integra with the arguments; keeps stdout, stderr and the exit code.
run() {
	"$BIN" "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

pass() { PASS=$((PASS + 1)); echo "ok - $1"; }
# skip DESC REASON: the check DESC cannot run here, for REASON.
skip() { SKIP=$((SKIP + 1)); echo "ok - $1 # SKIP $2"; }
fail() {
	FAIL=$((FAIL + 1))
	echo "not ok - $1"
	{
		echo "--- $(basename "$0"): $1"
		echo "exit code: $RC"
		echo "stdout:"; head -c 2000 "$OUT" 2>/dev/null
		echo "stderr:"; head -c 2000 "$ERR" 2>/dev/null
	} >&2
}

# ok DESC ARGS...: integra ARGS exits 0.
ok() {
	desc=$1; shift
	run "$@"
	if [ "$RC" -eq 0 ]; then pass "$desc"; else fail "$desc"; fi
}

# fails CODE DESC ARGS...: integra ARGS exits CODE with exactly one line on stderr.
fails() {
	code=$1; desc=$2; shift 2
	run "$@"
	lines=$(wc -l <"$ERR")
	if [ "$RC" -eq "$code" ] && [ "$lines" -eq 1 ] && grep -q '^integra: ' "$ERR"; then
		pass "$desc"
	else
		fail "$desc (wanted exit $code and one 'integra:' line on stderr)"
	fi
}

# out_has DESC TEXT: the last stdout contains TEXT (fixed string).
out_has() {
	if grep -qF -- "$2" "$OUT"; then pass "$1"; else fail "$1 (stdout lacks '$2')"; fi
}
out_lacks() {
	if grep -qF -- "$2" "$OUT"; then fail "$1 (stdout has '$2')"; else pass "$1"; fi
}
# err_has DESC TEXT: the last stderr contains TEXT.
err_has() {
	if grep -qF -- "$2" "$ERR"; then pass "$1"; else fail "$1 (stderr lacks '$2')"; fi
}
# out_is DESC TEXT: the last stdout is exactly TEXT (plus final newline).
out_is() {
	if [ "$(cat "$OUT")" = "$2" ]; then pass "$1"; else
		fail "$1 (stdout is not '$2')"; fi
}

# sql QUERY: prints the result of a query on the test database.
# dbsh ARGS...: the database's shell with ARGS (the SQL last), stopping at
# the first error: sqlite3, or psql on PostgreSQL (unaligned, '|' between
# columns, as sqlite3 prints them).
dbsh() {
	if [ -n "$PG" ]; then
		psql -X -q -At -F'|' -v ON_ERROR_STOP=1 "$DB" -c "$1"
	else
		sqlite3 -batch -noheader -bail "$DB" "$1"
	fi
}
sql() { dbsh "$1"; }

# sql_do DESC SQL: changes the database behind integra's back (to build an
# older schema, a broken table...); SQL that fails is a failed check.
sql_do() {
	if dbsh "$2" >"$OUT" 2>"$ERR"; then pass "$1"; else
		RC=$?; fail "$1 (the database's shell failed)"; fi
}

# sql_refused DESC SQL MESSAGE: SQL run on the database fails with
# MESSAGE (a trigger's or a constraint's), not for any other reason.
sql_refused() {
	if dbsh "$2" >"$OUT" 2>"$ERR"; then
		RC=0; fail "$1 (the database's shell succeeded)"
	elif grep -qF -- "$3" "$ERR"; then pass "$1"; else
		RC=1; fail "$1 (stderr lacks '$3')"; fi
}

# db_is DESC QUERY EXPECTED: the query on the database gives EXPECTED.
db_is() {
	got=$(sql "$2" 2>&1)
	if [ "$got" = "$3" ]; then pass "$1"; else
		echo "$got" >"$OUT"; fail "$1 (query gave '$got', wanted '$3')"; fi
}

# db_matches DESC QUERY PATTERN: the query's result matches the shell
# pattern (case's), e.g. '[0-9][0-9]-*': SQLite's GLOB on both backends.
db_matches() {
	got=$(sql "$2" 2>&1)
	case $got in
	$3) pass "$1" ;;
	*) echo "$got" >"$OUT"; fail "$1 (query gave '$got', wanted $3)" ;;
	esac
}

# same DESC A B: two strings are equal.
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		printf '%s\n' "$2" >"$OUT"; printf '%s\n' "$3" >"$ERR"; fail "$1 (differ)"; fi
}

# Snapshot of every table, to prove a failed command changed nothing.
# Without a database to read, a line that differs each time: two failed
# snapshots never compare equal.
snapshot() {
	if [ -n "$PG" ] && n=$(sql 'SELECT count(*) FROM audit' 2>/dev/null); then
		pg_dump --data-only --inserts --no-owner -T audit -d "$DB" 2>/dev/null |
		    grep -v '^--\|^SET \|^SELECT pg_catalog.set\|^.restrict \|^.unrestrict '
		echo "$n"
	elif [ -f "$DB" ] && n=$(sqlite3 -bail "$DB" 'SELECT count(*) FROM audit' 2>/dev/null); then
		sqlite3 -batch "$DB" .dump 2>/dev/null | grep -v '^INSERT INTO audit'
		echo "$n"
	else
		echo "no snapshot of '$DB': $(date +%s%N) $$"
	fi
}

finish() {
	echo "# $(basename "$0"): $PASS passed, $FAIL failed, $SKIP skipped"
	[ "$FAIL" -eq 0 ]
}
