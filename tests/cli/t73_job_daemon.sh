#!/bin/sh
# integra daemon in the foreground: runs a job when due with one log line
# on stderr, reloads the configuration on SIGHUP (keeping the old one when
# the new one is bad), and exits 0 on SIGTERM and on SIGINT.
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"
ok "init" init
good_cfg() {
	cat >"$CFGDIR/integra.cfg" <<CFG
jobs = ( { name = "daily"; report = "coverage"; args = [ "--area", "no-such-area" ];
           output = "$OUTDIR/daily-%Y-%m-%d.csv"; schedule = "0 6 * * *"; } $1 );
CFG
}
good_cfg ""
LOG="$T/daemon.log"

# wait_log TEXT: waits up to 30 s for TEXT in the daemon's log
wait_log() {
	i=0
	while ! grep -qF -- "$1" "$LOG" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1)); done
	if grep -qF -- "$1" "$LOG"; then pass "daemon log: $1"; else
		cp "$LOG" "$ERR"; fail "daemon log lacks '$1'"; fi
}

"$BIN" daemon --now "2021-07-26 05:59:58" 2>"$LOG" &
pid=$!
wait_log "daemon started"
wait_log "job 'daily' scheduled 2021-07-26T06:00:00+03:00: failed"
same "one log line per run" "$(grep -c "job 'daily'" "$LOG")" "1"
db_is "the run is in the history" \
	"SELECT scheduled, outcome FROM job_run WHERE outcome <> 'armed'" \
	"2021-07-26T06:00:00+03:00|failed"

good_cfg ", { name = \"hourly\"; report = \"coverage\"; output = \"$OUTDIR/h.csv\"; schedule = \"@hourly\"; }"
kill -HUP $pid
wait_log "configuration reloaded: 2 jobs"
echo "jobs = ( { name = \"broken\"; } );" >"$CFGDIR/integra.cfg"
kill -HUP $pid
wait_log "reload failed, keeping the old configuration"
kill -0 $pid 2>/dev/null && pass "a bad reload leaves the daemon running" || fail "daemon died on a bad reload"
kill -TERM $pid
wait $pid
RC=$?
same "SIGTERM: exit 0" "$RC" "0"
wait_log "daemon stopping"

good_cfg ""
LOG="$T/daemon2.log"
"$BIN" daemon 2>"$LOG" &
pid=$!
wait_log "daemon started"
kill -INT $pid
wait $pid
RC=$?
same "SIGINT: exit 0" "$RC" "0"
finish
