#!/bin/sh
# When jobs are due, with a simulated clock (--now) and jobs whose report
# fails: arming, no run before the scheduled time, the failure recorded
# with its error, retries no sooner than 10 minutes, missed runs coalesced
# into one, runs by hand, the spring-forward day, and the history.
# The runs fail on purpose: the report's area is not loaded, which a run
# checks (the arguments themselves are checked when the configuration
# loads, see t70).
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"
ok "init" init
REPORT=coverage
if "$BIN" --format csv report list >"$T/reports" 2>/dev/null; then
	REPORT=$(sed -n '2s/,.*//p' "$T/reports")
fi
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = (
  { name = "daily"; report = "$REPORT"; args = [ "--area", "no-such-area" ];
    output = "$OUTDIR/daily-%Y-%m-%d.csv"; schedule = "0 6 * * *"; },
  { name = "weekly"; report = "$REPORT"; args = [ "--area", "no-such-area" ];
    output = "$OUTDIR/weekly-%Y-%m-%d.csv"; schedule = "30 7 * * MON"; },
  { name = "spring"; report = "$REPORT"; args = [ "--area", "no-such-area" ];
    output = "$OUTDIR/spring-%Y-%m-%d-%H%M.csv"; schedule = "30 3 28 3 *"; },
  { name = "autumn"; report = "$REPORT"; args = [ "--area", "no-such-area" ];
    output = "$OUTDIR/autumn-%Y-%m-%d-%H%M.csv"; schedule = "30 3 31 10 *"; }
);
CFG
runs() { sql "SELECT count(*) FROM job_run WHERE outcome <> 'armed' ${1:-}"; }

ok "the first run-due arms the jobs and runs nothing" job run-due --now "2021-07-26 00:00"
db_is "four jobs armed" "SELECT count(*) FROM job_run WHERE outcome = 'armed'" "4"
ok "history shows no run" job history
out_lacks "no job in the history" "daily"
ok "no run before the scheduled time" job run-due --now "2021-07-26 05:59"
same "still no runs" "$(runs)" "0"

fails 1 "at 06:00 the daily job runs, and its failure fails run-due" job run-due --now "2021-07-26 06:00"
out_has "one line about the run" "job 'daily' scheduled 2021-07-26T06:00:00+03:00: failed"
err_has "run-due says how many failed" "1 of 1 job runs failed"
db_is "the failure is recorded with its scheduled time" \
	"SELECT job, scheduled, outcome, rows, bytes, sha256 FROM job_run WHERE outcome <> 'armed'" \
	"daily|2021-07-26T06:00:00+03:00|failed|||"
db_is "the error is recorded" \
	"SELECT CASE WHEN error LIKE '%area ''no-such-area'' is not loaded%' THEN 1 ELSE 0 END FROM job_run WHERE outcome = 'failed'" "1"
db_is "no output was written" "SELECT 1" "1"
same "no file in the output directory" "$(ls "$OUTDIR")" ""

ok "a failed run is not retried within 10 minutes" job run-due --now "2021-07-26 06:09"
same "still one run" "$(runs)" "1"
ok "list shows the last outcome" job list --now "2021-07-26 06:09"
out_has "the outcome" "failed"
out_has "the retry time" "2021-07-26T06:10:00+03:00"
fails 1 "after 10 minutes it is retried" job run-due --now "2021-07-26 06:16"
same "two runs, both for 06:00" "$(runs "AND scheduled = '2021-07-26T06:00:00+03:00'")" "2"

fails 1 "at 07:30 on Monday the weekly job runs, and daily is retried" \
	job run-due --now "2021-07-26 07:30"
err_has "two runs failed" "2 of 2 job runs failed"
same "weekly ran for 07:30" "$(runs "AND job = 'weekly' AND scheduled = '2021-07-26T07:30:00+03:00'")" "1"

# the machine was off from Monday to Thursday noon: one run each
fails 1 "catch-up after a gap" job run-due --now "2021-07-29 12:00"
same "daily runs once, for the latest missed time" \
	"$(runs "AND job = 'daily' AND started LIKE '2021-07-29T12:00%'")" "1"
db_is "its scheduled time is Thursday 06:00" \
	"SELECT scheduled FROM job_run WHERE job = 'daily' ORDER BY id DESC LIMIT 1" \
	"2021-07-29T06:00:00+03:00"
db_is "the weekly job is retried for Monday" \
	"SELECT scheduled FROM job_run WHERE job = 'weekly' ORDER BY id DESC LIMIT 1" \
	"2021-07-26T07:30:00+03:00"
same "spring never ran in July" "$(runs "AND job = 'spring'")" "0"

n=$(runs)
fails 1 "a run by hand" job run daily --now "2021-07-29 13:00"
out_has "the run by hand is reported" "job 'daily' run by hand: failed"
# (--now starts a clock that runs: the milliseconds are those the process took)
got=$(sql "SELECT coalesce(scheduled, 'none') || '|' || started
	 FROM job_run ORDER BY id DESC LIMIT 1" 2>&1)
case $got in
'none|2021-07-29T13:00:0'[0-9].[0-9][0-9][0-9]'+03:00')
	pass "a run by hand has no scheduled time, and started at --now" ;;
*)	echo "$got" >"$OUT"
	fail "a run by hand has no scheduled time, and started at --now (query gave '$got')" ;;
esac
same "one more run" "$(runs)" "$((n + 1))"

ok "history of one job" --format json job history weekly
if jq -e 'length == 2 and all(.[]; .job == "weekly" and .outcome == "failed" and
    (.duration | type) == "number" and .error != null)' "$OUT" >/dev/null; then
	pass "history rows have the documented fields"; else fail "history rows have the documented fields"; fi
ok "history --limit" --format json job history --limit 1
if jq -e 'length == 1 and (.[0].started | test("^2021-07-29T13:00:0[0-9][.][0-9]{3}[+]03:00$"))' "$OUT" >/dev/null; then
	pass "the newest run"; else fail "the newest run"; fi
ok "history of a configured job that never ran" job history spring

# spring forward: 03:30 does not exist on 2021-03-28 and runs at 04:00
sql_do "clear the history" "DELETE FROM job_run"
ok "arm before the spring change" job run-due --now "2021-03-27 12:00"
ok "02:59 winter time: nothing yet" job run-due --now "2021-03-28 02:59"
fails 1 "04:00 summer time: the 03:30 job runs" job run-due --now "2021-03-28 04:00"
db_is "it ran once, for 04:00 summer time" \
	"SELECT job, scheduled FROM job_run WHERE outcome = 'failed'" \
	"spring|2021-03-28T04:00:00+03:00"

# fall back: 03:30 on 2021-10-31 happens twice and is one scheduled time
sql_do "clear the history" "DELETE FROM job_run"
ok "arm before the autumn change" job run-due --now "2021-10-30 12:00"
fails 1 "03:30 summer time: the job runs" job run-due --now "2021-10-31T03:30+03:00"
fails 1 "03:30 winter time: only the retry of that same run" job run-due --now "2021-10-31T03:30+02:00"
db_is "both runs are for the first 03:30" \
	"SELECT count(*), count(DISTINCT scheduled), max(scheduled) FROM job_run WHERE job = 'autumn' AND outcome = 'failed'" \
	"2|1|2021-10-31T03:30:00+03:00"
finish
