#!/bin/sh
# The lock beside the database (on PostgreSQL the server's advisory lock,
# seen from every machine): while another scheduler holds it, run-due
# and job run say "another run-due is running" and exit 5, changing
# nothing; a sleeping daemon holds none; two run-due started together
# never run the same job twice.
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"
ok "init" init
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = ( { name = "daily"; report = "coverage"; args = [ "--area", "no-such-area" ];
           output = "$OUTDIR/daily-%Y-%m-%d.csv"; schedule = "0 6 * * *"; } );
CFG
ok "arm" job run-due --now "2021-07-26 00:00"

if [ -z "$PG" ]; then
	LOCK="$DB.jobs.lock"
	[ -f "$LOCK" ] && pass "the lock file lies beside the database" || fail "lock file exists"
	same "the lock file is private" "$(stat -c %a "$LOCK")" "600"
	# holds the lock until $T/held is removed
	( flock -n 9 && touch "$T/held" && while [ -f "$T/held" ]; do sleep 0.1; done ) 9>"$LOCK" &
	holder=$!
else
	# the server's advisory lock, which schedulers on other machines see
	db_is "the server's job lock is let go after the run" \
		"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'" "0"
	touch "$T/held"
	{ echo "SELECT pg_advisory_lock(1229870151, 1);"
	  while [ -f "$T/held" ]; do sleep 0.1; done; } | psql -X -q "$DB" >/dev/null &
	holder=$!
	i=0; while [ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" != 1 ] &&
	    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fi
before=$(snapshot)
fails 5 "run-due while the lock is held" job run-due --now "2021-07-26 06:00"
err_has "it says why" "another run-due is running"
[ -z "$PG" ] || err_has "the server's lock" "the job lock of the database on the server is held"
fails 5 "job run while the lock is held" job run daily
same "nothing was run or recorded" "$(snapshot)" "$before"
ok "list works while the lock is held" job list
ok "history works while the lock is held" job history
rm -f "$T/held"
wait $holder

# a sleeping daemon holds no lock: run-due works beside it
"$BIN" daemon --now "2021-07-26 00:00" 2>"$T/daemon.log" &
daemon=$!
i=0; while ! grep -q "daemon started" "$T/daemon.log" && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
sleep 1
ok "run-due while the daemon sleeps" job run-due --now "2021-07-26 00:01"
[ -z "$PG" ] || db_is "the sleeping daemon holds no server lock" \
	"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'" "0"
kill -TERM $daemon
wait $daemon

# two at once: exactly one run for 06:00, whichever wins
"$BIN" job run-due --now "2021-07-26 06:00" >"$T/a.out" 2>"$T/a.err" &
a=$!
"$BIN" job run-due --now "2021-07-26 06:00" >"$T/b.out" 2>"$T/b.err" &
b=$!
wait $a; ra=$?
wait $b; rb=$?
db_is "two run-due at once ran the job once" \
	"SELECT count(*) FROM job_run WHERE scheduled = '2021-07-26T06:00:00+03:00' AND outcome <> 'armed'" "1"
case "$ra$rb" in
10|01|15|51) pass "exit codes: one run (1: its report failed), the other 0, 1 or 5" ;;
*) fail "exit codes were $ra and $rb" ;;
esac
finish
