#!/bin/sh
# Bulk import under stress: a database locked by another writer (wait for
# the busy timeout, then exit 5 with a clear message), and an import
# killed with SIGKILL in the middle (the database holds exactly what it
# held before).  Also: a key repeated in one file, and a large file
# streamed through standard input.  On PostgreSQL the other writer holds
# a row the import needs (an organisation it added, not committed), the
# kill comes once the import has moved rows into participation, and the
# server also ends the import's session itself (pg_terminate_backend).
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/integra"
echo 'busy_timeout = 300;' >"$XDG_CONFIG_HOME/integra/integra.cfg"
ok "init" init
printf 'code,name\nMOU,Міністерство оборони України\n' >"$T/o.csv"
ok "an organisation" import orgs "$T/o.csv"

# People and a big participation file, generated.
awk 'BEGIN { print "key,name,org"; for (i = 1; i <= 20000; i++) printf "P%06d,Особа %d,MOU\n", i, i }' >"$T/p.csv"
ok "20,000 people" import people "$T/p.csv"
printf 'area,code,title,kind,credits\n' >"$T/g.csv"
awk 'BEGIN { for (i = 1; i <= 40; i++) printf "civil_service,G%02d,Програма %d,short-term,1\n", i, i }' >>"$T/g.csv"
ok "40 programmes" import programmes "$T/g.csv"
awk 'BEGIN { print "programme,person,status,start,hours,credits"
	for (g = 1; g <= 20; g++) for (i = 1; i <= 20000; i++)
		printf "G%02d,P%06d,completed,23.07.2021,30,\"1,0\"\n", g, i }' >"$T/big.csv"
before=$(snapshot)

# Another writer holds the lock (until told, at most 10 s): wait, then exit 5.
if [ -n "$PG" ]; then
	( printf "BEGIN;\nINSERT INTO organisation (code, name) VALUES ('NADS', 'Агентство');\n"
	  printf '\\! touch %s\n' "$T/locked"
	  i=0; while [ ! -e "$T/release" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	  printf 'ROLLBACK;\n' ) | psql -X -q "$DB" >/dev/null &
	printf 'code,name\nMOU,Міністерство оборони України\nNADS,Національне агентство\n' >"$T/o2.csv"
else
	( printf 'BEGIN IMMEDIATE;\n.shell touch %s\n' "$T/locked"
	  i=0; while [ ! -e "$T/release" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	  printf 'ROLLBACK;\n' ) | sqlite3 "$DB" &
	cp "$T/o.csv" "$T/o2.csv"
fi
locker=$!
i=0
while [ ! -e "$T/locked" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
same "the other writer holds the lock" "$(test -e "$T/locked" && echo yes)" "yes"
fails 5 "a locked database: exit 5 after the busy timeout" import orgs "$T/o2.csv"
err_has "says it is locked" "locked by another process (waited 300 ms)"
touch "$T/release"
wait "$locker"
same "the locked import changed nothing" "$(snapshot)" "$before"

# Kill -9 in the middle of a big import: nothing half-loaded.
"$BIN" import participation "$T/big.csv" >/dev/null 2>&1 &
pid=$!
# Kill it once it is writing: its write-ahead log has grown past 1 MB (on
# PostgreSQL: it has moved a batch into participation, which it holds).
writing() {
	if [ -n "$PG" ]; then
		[ "$(sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid =
		    l.relation WHERE c.relname = 'participation' AND l.pid <>
		    pg_backend_pid() AND l.mode = 'RowExclusiveLock'")" != 0 ]
	else
		[ "$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)" -ge 1048576 ]
	fi
}
i=0
while [ "$i" -lt 500 ] && kill -0 "$pid" 2>/dev/null && ! writing; do
	sleep 0.01
	i=$((i + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	kill -9 "$pid"
	pass "the import was running when killed"
else
	fail "the import was running when killed (it ended too soon)"
fi
wait "$pid" 2>/dev/null
db_is "no participation after the kill" "SELECT count(*) FROM participation" "0"
if [ -n "$PG" ]; then	# nothing is set aside on PostgreSQL (the agency guard: three triggers)
	db_is "the database is intact: every index valid" "SELECT CASE WHEN bool_and(indisvalid AND indisready) THEN 'ok' END FROM pg_index WHERE indrelid = CAST('participation' AS regclass)" "ok"
	db_is "the indexes and triggers are all there" \
		"SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'participation') + (SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST('participation' AS regclass) AND NOT tgisinternal)" "11"
else
	db_is "the database is intact" "PRAGMA integrity_check" "ok"
	db_is "the indexes and triggers set aside for the load are all there" \
		"SELECT count(*) FROM sqlite_master WHERE tbl_name = 'participation' AND type IN ('index', 'trigger')" "7"
fi
same "the killed import left the database as it was" "$(snapshot)" "$before"

# The server ends the import's session in the middle (an administrator,
# a restart): one line, exit 1, nothing stored.
if [ -n "$PG" ]; then
	head -n 100001 "$T/big.csv" >"$T/100k.csv"
	"$BIN" import participation "$T/100k.csv" >"$OUT" 2>"$ERR" &
	pid=$!
	i=0
	while [ "$i" -lt 500 ] && kill -0 "$pid" 2>/dev/null && ! writing; do
		sleep 0.01
		i=$((i + 1))
	done
	sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE
	    application_name = 'integra' AND datname = current_database() AND
	    pid <> pg_backend_pid()" >/dev/null	# this script's database only
	wait "$pid"
	RC=$?
	same "the session ended by the server: exit 1" "$RC" "1"
	same "one line on stderr" "$(wc -l <"$ERR" | tr -d ' ')" "1"
	if grep -qE '^integra: cannot .*: .*(server|connection)' "$ERR"; then
		pass "saying why"; else fail "saying why"; fi
	same "and nothing stored" "$(snapshot)" "$before"
else
	skip "the session ended by the server" "an SQLite file has no server"
fi

# Keys repeated in a file are refused, naming both lines, unless
# --last-wins; then, loaded into the empty table, they are counted as row
# by row (the first added, a later one updated when it differs from the
# one before, else unchanged), and the last row of each key wins.
# save / restore: the participation now, and back to it (a copy of the
# file; on PostgreSQL the rows, put back with the audit off).
save() {
	if [ -n "$PG" ]; then
		sql "COPY (SELECT * FROM participation) TO STDOUT" >"$T/saved.part"
	else
		cp "$DB" "$T/saved.db"
	fi
}
restore() {
	if [ -n "$PG" ]; then
		{ printf "BEGIN;\nSELECT set_config('integra.audit_on', '0', true);\n"
		  printf 'DELETE FROM participation;\nCOPY participation FROM STDIN;\n'
		  cat "$T/saved.part"; printf '\\.\nCOMMIT;\n'; } | psql -X -q "$DB" >/dev/null
	else
		cp "$T/saved.db" "$DB"
		rm -f "$DB-wal" "$DB-shm"
	fi
}
save
printf 'programme,person,status\nG01,P000001,failed\nG01,P000001,withdrawn\nG02,P000002,completed\nG02,P000002,completed\nG01,P000001,withdrawn\nG03,P000003,enrolled\n' >"$T/rep.csv"
before=$(snapshot)
run import participation "$T/rep.csv"
same "repeated keys without --last-wins are refused" "$RC" "4"
err_has "naming both lines" "rep.csv:3: programme 'G01', person 'P000001' is given twice in this file, on lines 2 and 3 (keep one of the rows, or pass --last-wins"
# Into an empty table the unique index finds the repeats at the end (no
# key set as large as the file): the first repeat in file order is named.
err_lacks() { if grep -qF -- "$2" "$ERR"; then fail "$1"; else pass "$1"; fi; }
if [ -n "$PG" ]; then	# every key is kept as it comes: each repeat named
	err_has "and each later repeat" "on lines 4 and 5"
else
	err_lacks "only the first repeat" "on lines 4 and 5"
fi
same "and nothing is stored" "$(snapshot)" "$before"
ok "repeated keys into the empty table" import participation "$T/rep.csv" --last-wins
out_is "counts" "3 added, 1 updated, 2 unchanged, 0 rejected"
db_is "one row a key, the last one's values" \
	"SELECT group_concat(k, ' ') FROM (SELECT g.code || '/' || x.key || '/' || p.status AS k FROM participation p JOIN programme g ON g.id = p.programme_id JOIN person x ON x.id = p.person_id ORDER BY p.programme_id) AS s" \
	"G01/P000001/withdrawn G02/P000002/completed G03/P000003/enrolled"
if [ -n "$PG" ]; then
	db_is "the unique key is there" "SELECT count(*) FROM pg_indexes WHERE indexname = 'participation_key'" "1"
else
	db_is "the unique key is back" "SELECT count(*) FROM sqlite_master WHERE name = 'participation_key'" "1"
	db_is "and the helper index is gone" "SELECT count(*) FROM sqlite_master WHERE name = 'participation_import_repeats'" "0"
fi
restore

# The same file through standard input, to the end.
"$BIN" import participation - <"$T/big.csv" >"$OUT" 2>"$ERR"
RC=$?
same "400,000 rows from standard input" "$RC" "0"
out_is "all added" "400000 added, 0 updated, 0 unchanged, 0 rejected"
db_is "stored" "SELECT count(*), CAST(sum(credits) AS INTEGER) FROM participation" "400000|400000"
db_is "one audit row, not 400,000" "SELECT count(*) FROM audit WHERE entity = 'participation'" "0"
db_is "the import is audited once" "SELECT entity_key FROM audit ORDER BY id DESC LIMIT 1" "<stdin>"

# A key twice in one file: refused, or with --last-wins the last row wins,
# the second counts as an update.
save
printf 'programme,person,status\nG01,P000001,failed\nG01,P000001,withdrawn\nG02,P000002,completed\n' >"$T/dup.csv"
run import participation "$T/dup.csv"
same "a key repeated in one file is refused" "$RC" "4"
err_has "naming both lines" "dup.csv:3: programme 'G01', person 'P000001' is given twice in this file, on lines 2 and 3"
ok "a key repeated in one file, --last-wins" import participation "$T/dup.csv" --last-wins
out_is "counts" "0 added, 2 updated, 1 unchanged, 0 rejected"
db_is "the last row wins" "SELECT p.status FROM participation p JOIN programme g ON g.id = p.programme_id JOIN person x ON x.id = p.person_id WHERE g.code = 'G01' AND x.key = 'P000001'" "withdrawn"

# On a terminal, a progress bar on stderr; never on a pipe (t50).
if command -v script >/dev/null 2>&1; then
	script -qc "'$BIN' import participation '$T/dup.csv' --last-wins" /dev/null >"$OUT" 2>&1
	out_has "progress on a terminal: rows, rows/s, percent" "rows/s, 100%"
else
	skip "progress on a terminal" "no script(1) to give it a terminal"
fi
finish
