#!/bin/sh
# The lock beside the database: while another scheduler holds it, run-due
# and job run say "another run-due is running" and exit 5, changing
# nothing; two run-due started together never run the same job twice.
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

LOCK="$DB.jobs.lock"
[ -f "$LOCK" ] && pass "the lock file lies beside the database" || fail "lock file exists"
same "the lock file is private" "$(stat -c %a "$LOCK")" "600"
# holds the lock until $T/held is removed
( flock -n 9 && touch "$T/held" && while [ -f "$T/held" ]; do sleep 0.1; done ) 9>"$LOCK" &
holder=$!
i=0; while [ ! -f "$T/held" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
before=$(snapshot)
fails 5 "run-due while the lock is held" job run-due --now "2021-07-26 06:00"
err_has "it says why" "another run-due is running"
fails 5 "job run while the lock is held" job run daily
same "nothing was run or recorded" "$(snapshot)" "$before"
ok "list works while the lock is held" job list
ok "history works while the lock is held" job history
rm -f "$T/held"
wait $holder

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
