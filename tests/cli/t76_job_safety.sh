#!/bin/sh
# Safety of real runs: an output directory that becomes unwritable keeps
# the previous file and records the failure; two run-due at once write
# one file and one history row; on_empty = "skip" writes nothing for an
# empty report; SIGTERM while the daemon runs a job's on_success command
# lets it finish (file and history row) and exits 0 (SIGTERM during the
# report itself: t77).
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
GUARDED="$T/guarded"
mkdir -p "$CFGDIR" "$OUTDIR" "$GUARDED"
ok "init" init
"$BIN" --format csv report list 2>/dev/null | sed 1d | cut -d, -f1 >"$T/reports"
REPORT=$(grep -x -m1 -e participation -e coverage "$T/reports" || head -n1 "$T/reports")
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = (
  { name = "guarded"; report = "$REPORT"; output = "$GUARDED/g.csv"; schedule = "0 12 * * *"; },
  { name = "busy"; report = "$REPORT"; output = "$OUTDIR/busy-%Y-%m-%d.csv";
    schedule = "0 6 * * *"; on_success = [ "sleep", "2" ]; },
  { name = "empty"; report = "coverage"; output = "$OUTDIR/empty.csv";
    schedule = "@yearly"; on_empty = "skip"; }
);
CFG

# unwritable output directory
ok "a first run writes the file" job run guarded
sum=$(sha256sum "$GUARDED/g.csv")
# As root, permissions do not stop a write: the immutable attribute does.
if [ "$(id -u)" -ne 0 ]; then
	lock() { chmod 555 "$GUARDED"; }
	unlock() { chmod 755 "$GUARDED"; }
else
	lock() { chattr +i "$GUARDED"; }
	unlock() { chattr -i "$GUARDED"; }
fi
if lock 2>/dev/null; then
	run job run guarded
	unlock
	same "a run into an unwritable directory fails" "$RC" "1"
	err_has "the error names the directory" "'$GUARDED'"
	same "the old file is intact" "$(sha256sum "$GUARDED/g.csv")" "$sum"
	same "no temporary file is left" "$(ls -A "$GUARDED")" "g.csv"
	db_is "the failure is recorded" \
		"SELECT outcome, CASE WHEN error LIKE '%$GUARDED%' THEN 1 ELSE 0 END FROM job_run WHERE job = 'guarded' ORDER BY id DESC LIMIT 1" \
		"failed|1"
else
	fail "the output directory can be made unwritable (chmod, or chattr as root)"
fi

# on_empty = "skip": coverage has no row on a database without people
ok "the empty job runs" job run empty
db_is "an empty report is skipped" \
	"SELECT rows, outcome FROM job_run WHERE job = 'empty' ORDER BY id DESC LIMIT 1" "0|skipped"
same "no file for a skipped run" "$(ls -A "$OUTDIR")" ""

# two run-due at once (busy takes two seconds in on_success)
ok "arm" job run-due --now "2021-07-26 05:00"
"$BIN" job run-due --now "2021-07-26 06:00" >"$T/a.out" 2>"$T/a.err" &
a=$!
"$BIN" job run-due --now "2021-07-26 06:00" >"$T/b.out" 2>"$T/b.err" &
b=$!
wait $a; ra=$?
wait $b; rb=$?
case "$ra$rb" in
05|50|00) pass "one run-due ran, the other found nothing to do or the lock held ($ra, $rb)" ;;
*) cat "$T/a.err" "$T/b.err" >"$ERR"; fail "exit codes $ra and $rb" ;;
esac
grep -qh "another run-due is running" "$T/a.err" "$T/b.err" || [ "$ra$rb" = "00" ] &&
	pass "the second one said why" || fail "the second one said why"
db_is "the job ran once" "SELECT count(*) FROM job_run WHERE job = 'busy' AND outcome = 'ok'" "1"

# SIGTERM while the daemon runs a job
sql_do "clear the history" "DELETE FROM job_run"
rm -f "$OUTDIR"/busy-*
LOG="$T/daemon.log"
"$BIN" daemon --now "2021-07-27 05:59:59" 2>"$LOG" &
pid=$!
i=0
while [ ! -f "$OUTDIR/busy-2021-07-27.csv" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $pid
wait $pid
RC=$?
same "SIGTERM during a run: exit 0" "$RC" "0"
db_is "the running job finished and was recorded" \
	"SELECT outcome, scheduled FROM job_run WHERE job = 'busy' AND outcome <> 'armed'" "ok|2021-07-27T06:00:00+03:00"
grep -q "job 'busy' scheduled 2021-07-27T06:00:00+03:00: ok" "$LOG" && pass "one log line for the run" ||
	{ cp "$LOG" "$ERR"; fail "one log line for the run"; }
same "no temporary files left" "$(ls -A "$OUTDIR" | grep -c '^\.')" "0"
finish
