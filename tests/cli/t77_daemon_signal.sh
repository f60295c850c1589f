#!/bin/sh
# integra daemon stops within a second of SIGTERM (or SIGINT) whatever is
# due: two `* * * * *` jobs due in one pass, the signal comes while the
# first one's report runs: the report is abandoned (recorded as failed),
# the second job does not start, the daemon exits 0 and no file or
# temporary file is left.  (Before, it finished the first, then spun with
# the signal blocked and never exited.)  Also: kill -9 of a long export
# (report -o, job run) leaves nothing behind and the old file as it was
# (before, its temporary file stayed for ever).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"
ok "init" init
# 400,000 participations: the first job's report runs for a while.
seed <<'SQL'
INSERT INTO organisation (code, name, kind, region) VALUES ('MOU', 'Міністерство оборони', 'ministry', 'Київ');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO person (key, name, org_id) SELECT 'P' || i, 'Особа ' || i, 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO programme (area, code, title, owner_id, start, due, status)
 SELECT 'civil_service', 'G' || i, 'Програма ' || i, 1, '2021-01-01', '2022-01-01', 'active' FROM n;
INSERT INTO participation (programme_id, person_id, role, status, start, status_date, hours, credits)
 SELECT g.id, p.id, 'participant', 'completed', '2021-01-01', '2021-06-01', 30, 1 FROM programme g, person p;
SQL
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = (
  { name = "first"; report = "participation"; args = [ "--by", "none" ];
    output = "$OUTDIR/first-%H%M.csv"; schedule = "* * * * *"; },
  { name = "second"; report = "participation";
    output = "$OUTDIR/second-%H%M.csv"; schedule = "* * * * *"; }
);
CFG

# writing PID: true while the process has a file open in OUTDIR (the
# unnamed temporary file of a running export)
writing() { ls -l "/proc/$1/fd" 2>/dev/null | grep -qF -- "$OUTDIR/"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

for sig in TERM INT; do
	sql "DELETE FROM job_run"
	LOG="$T/daemon-$sig.log"
	"$BIN" daemon --now "2021-07-26 05:59:58" 2>"$LOG" &
	pid=$!
	i=0
	while ! writing $pid && kill -0 $pid 2>/dev/null && [ $i -lt 3000 ]; do
		sleep 0.01; i=$((i + 1)); done
	# Hold it still while the signal is sent, so that it surely comes
	# while the first report runs, then let it go and time the exit.
	if kill -STOP $pid 2>/dev/null && writing $pid; then
		pass "SIG$sig: the first job was running"
	else
		fail "SIG$sig: the first job was running"
	fi
	kill -$sig $pid
	t0=$(now_ms)
	kill -CONT $pid
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	ms=$(($(now_ms) - t0))
	if kill -0 $pid 2>/dev/null; then
		kill -9 $pid
		fail "SIG$sig: the daemon exits within a second (still running after 5 s)"
	elif [ "$ms" -le 1000 ]; then
		pass "SIG$sig: the daemon exits within a second ($ms ms)"
	else
		fail "SIG$sig: the daemon exits within a second (took $ms ms)"
	fi
	wait $pid
	RC=$?
	same "SIG$sig: exit 0" "$RC" "0"
	cp "$LOG" "$ERR"
	err_has "SIG$sig: the first job's report was abandoned" \
		"job 'first' scheduled 2021-07-26T06:00:00+03:00: failed: abandoned: the scheduler was told to stop"
	err_has "SIG$sig: the daemon says it stops" "daemon stopping"
	db_is "SIG$sig: the abandoned run is recorded as failed" \
		"SELECT job, outcome FROM job_run WHERE outcome <> 'armed'" "first|failed"
	db_is "SIG$sig: the second job did not start" \
		"SELECT count(*) FROM job_run WHERE job = 'second' AND outcome <> 'armed'" "0"
	same "SIG$sig: no file and no temporary file left" "$(ls -A "$OUTDIR")" ""
done

# kill_while_writing DESC ARGS...: starts integra ARGS, kills it with
# SIGKILL while it writes its output; the old big.csv is as it was and
# nothing else is in OUTDIR.
kill_while_writing() {
	desc=$1; shift
	printf 'old\n' >"$OUTDIR/big.csv"
	"$BIN" "$@" >/dev/null 2>&1 &
	pid=$!
	i=0
	while ! writing $pid && kill -0 $pid 2>/dev/null && [ $i -lt 3000 ]; do
		sleep 0.01; i=$((i + 1)); done
	if writing $pid && kill -9 $pid; then pass "$desc: killed while writing"; else
		fail "$desc: killed while writing"; fi
	wait $pid 2>/dev/null
	same "$desc: nothing left behind" "$(ls -A "$OUTDIR" | tr '\n' ' ')" "big.csv "
	same "$desc: the old file as it was" "$(cat "$OUTDIR/big.csv")" "old"
}
kill_while_writing "report -o" --format csv report participation --by none -o "$OUTDIR/big.csv"
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = ( { name = "big"; report = "participation"; args = [ "--by", "none" ];
    output = "$OUTDIR/big.csv"; schedule = "@daily"; } );
CFG
kill_while_writing "job run" job run big
finish
