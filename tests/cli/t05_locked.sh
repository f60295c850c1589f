#!/bin/sh
# A database locked by another process: with busy_timeout = 200 in the
# configuration, a write command waits about that long, then exits 5
# with one clear line and changes nothing; readers are not blocked (WAL).
# On PostgreSQL the other process is a psql session holding a table lock
# (lock_timeout is busy_timeout there).
. "$(dirname "$0")/lib.sh"

# pg_hold READY RELEASE MODE [SQL]: a psql session locks organisation in
# MODE (and runs SQL), touches READY, and rolls back once RELEASE exists.
pg_hold() {
	( printf 'BEGIN;\nLOCK TABLE organisation IN %s MODE;\n%s\n\\! touch %s\n' \
	    "$3" "${4:-}" "$1"
	  i=0; while [ ! -e "$2" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	  printf 'ROLLBACK;\n' ) | psql -X -q "$DB" >/dev/null
}

printf 'busy_timeout = 200;\n' >"$T/fast.cfg"
ok "init" -c "$T/fast.cfg" init
ok "add an organisation" -c "$T/fast.cfg" org add MOU "Міністерство оборони України"

# Another process opens a write transaction and holds it until told.
if [ -n "$PG" ]; then
	pg_hold "$T/locked" "$T/release" EXCLUSIVE &
else
python3 - "$DB" "$T/locked" "$T/release" <<'PY' &
import os, sqlite3, sys, time
db, ready, release = sys.argv[1:4]
con = sqlite3.connect(db, isolation_level=None, timeout=5)
con.execute("BEGIN IMMEDIATE")
open(ready, "w").close()
for _ in range(300):
    if os.path.exists(release):
        break
    time.sleep(0.05)
con.execute("ROLLBACK")
con.close()
PY
fi
holder=$!
i=0
while [ ! -e "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
same "the other process holds the lock" "$(test -e "$T/locked" && echo yes)" "yes"

start=$(date +%s%N)
fails 5 "a write command on a locked database exits 5" -c "$T/fast.cfg" org add LODA "Львівська ОДА"
end=$(date +%s%N)
err_has "the message says the database is locked" "the database is locked by another process (waited 200 ms)"
ms=$(( (end - start) / 1000000 ))
if [ "$ms" -ge 150 ] && [ "$ms" -lt 3000 ]; then pass "it waited about busy_timeout ($ms ms)"
else fail "it waited about busy_timeout ($ms ms)"; fi
ok "a reader is not blocked by the writer" -c "$T/fast.cfg" org list
out_has "and sees the committed data" "MOU"

touch "$T/release"
wait "$holder"
ok "after the lock is released the write succeeds" -c "$T/fast.cfg" org add LODA "Львівська ОДА"
db_is "one organisation was added, once" "SELECT count(*) FROM organisation WHERE code = 'LODA'" "1"

# The same with the sqlite3 shell holding an exclusive lock.
# (The shell cannot write audited tables: it lacks integra's audit functions.)
if [ -n "$PG" ]; then
	pg_hold "$T/shell-locked" "$T/shell-release" "ACCESS EXCLUSIVE" \
	    "CREATE TABLE scratch (x integer);" &
else
( printf '.timeout 5000\nBEGIN EXCLUSIVE;\nCREATE TABLE scratch (x);\n.shell touch %s\n' \
    "$T/shell-locked"
  i=0; while [ ! -e "$T/shell-release" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
  printf 'ROLLBACK;\n' ) | sqlite3 "$DB" &
fi
shell=$!
i=0
while [ ! -e "$T/shell-locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
same "the shell holds the lock" "$(test -e "$T/shell-locked" && echo yes)" "yes"
fails 5 "a lock held by the sqlite3 shell gives exit 5 too" -c "$T/fast.cfg" org set LODA --name "Львівська обласна державна адміністрація"
err_has "with the same message" "locked by another process"
touch "$T/shell-release"
wait "$shell"
db_is "the failed command changed nothing" "SELECT name FROM organisation WHERE code = 'LODA'" "Львівська ОДА"
if [ -n "$PG" ]; then
	db_is "and the other process's rollback left nothing" \
	    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'scratch'" "0"
else
	db_is "and the other process's rollback left nothing" \
	    "SELECT count(*) FROM sqlite_master WHERE name = 'scratch'" "0"
fi
finish
