#!/bin/sh
# A simulated week of run-due every half hour (as a timer would call it):
# exactly the expected files, each run in the history with rows, bytes and
# a SHA-256 that matches the file, retention of the newest `keep` outputs
# (and nothing else), on_success with the path and the job name in its
# environment, the output mode, and catch-up after the machine was off.
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"
ok "init" init
"$BIN" --format csv report list 2>/dev/null | sed 1d | cut -d, -f1 >"$T/reports"
REPORT=$(grep -x -m1 -e participation -e coverage "$T/reports" || head -n1 "$T/reports")
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = (
  { name = "daily"; report = "$REPORT"; format = "csv";
    output = "$OUTDIR/daily-%Y-%m-%d.csv"; schedule = "0 6 * * *"; keep = 3;
    mode = "0640";
    on_success = [ "sh", "-c", "echo \"\$INTEGRA_JOB \$INTEGRA_OUTPUT\" >>'$T/hook.log'" ]; },
  { name = "weekly"; report = "$REPORT"; format = "json";
    output = "$OUTDIR/weekly-%G-W%V.json"; schedule = "30 7 * * MON"; },
  { name = "autumn"; report = "$REPORT"; format = "csv";
    output = "$T/autumn-%Y-%m-%d-%H%M%z.csv"; schedule = "30 3 31 10 *"; }
);
CFG
# a file that looks like an output but that no job wrote
touch "$OUTDIR/daily-2020-01-01.csv"

# run_due_at TIME: run-due at TIME, counting failures
failures=0
run_due_at() { "$BIN" job run-due --now "$1" >>"$T/run.log" 2>&1 || failures=$((failures + 1)); }

for day in 26 27 28 29 30 31; do
	for h in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23; do
		run_due_at "2021-07-$day $h:00"
		run_due_at "2021-07-$day $h:30"
	done
done
for h in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23; do
	run_due_at "2021-08-01 $h:00"
	run_due_at "2021-08-01 $h:30"
done
same "no run-due failed over the week" "$failures" "0"
db_is "daily ran 7 times, once a day at 06:00" \
	"SELECT count(*), min(scheduled), max(scheduled) FROM job_run WHERE job = 'daily' AND outcome = 'ok'" \
	"7|2021-07-26T06:00:00+03:00|2021-08-01T06:00:00+03:00"
db_is "every daily run started at its time" \
	"SELECT count(*) FROM job_run WHERE job = 'daily' AND outcome = 'ok' AND substr(started, 12, 5) <> '06:00'" "0"
db_is "weekly ran once, Monday 07:30" \
	"SELECT scheduled FROM job_run WHERE job = 'weekly' AND outcome = 'ok'" "2021-07-26T07:30:00+03:00"
db_is "no run failed" "SELECT count(*) FROM job_run WHERE outcome NOT IN ('ok', 'armed')" "0"
same "exactly the expected files (keep = 3 of daily, and the foreign file)" "$(cd "$OUTDIR" && ls -A | tr '\n' ' ')" \
	"daily-2020-01-01.csv daily-2021-07-30.csv daily-2021-07-31.csv daily-2021-08-01.csv weekly-2021-W30.json "
same "the output mode" "$(stat -c %a "$OUTDIR/daily-2021-08-01.csv")" "640"
same "on_success ran after every daily run" "$(wc -l <"$T/hook.log" | tr -d ' ')" "7"
same "on_success saw the job and the path" "$(tail -n1 "$T/hook.log")" "daily $OUTDIR/daily-2021-08-01.csv"
ok=0
for f in "$OUTDIR"/daily-2021-*.csv "$OUTDIR"/weekly-*.json; do
	want=$(sql "SELECT sha256 || ' ' || bytes FROM job_run WHERE path = '$f' AND outcome = 'ok' ORDER BY id DESC LIMIT 1")
	got="$(sha256sum "$f" | cut -d' ' -f1) $(stat -c %s "$f")"
	[ "$want" = "$got" ] || { ok=1; echo "$f: recorded '$want', found '$got'" >"$OUT"; }
done
[ $ok -eq 0 ] && pass "SHA-256 and bytes in the history match the files" || fail "SHA-256 and bytes match"
db_is "rows are recorded" "SELECT count(*) FROM job_run WHERE outcome = 'ok' AND rows IS NULL" "0"
ok "history lists every run" --format json job history
if jq -e 'length == 8 and all(.[]; .outcome == "ok" and (.sha256 | length) == 64)' "$OUT" >/dev/null; then
	pass "history json"; else fail "history json"; fi
ok "list after the week" job list --now "2021-08-01 23:59"
out_has "the next daily run" "2021-08-02T06:00:00+03:00"
out_has "the next weekly run" "2021-08-02T07:30:00+03:00"

# the machine was off from Monday 00:00 to Thursday 12:00
ok "catch-up after a gap" job run-due --now "2021-08-05 12:00"
db_is "daily ran once, for Thursday" \
	"SELECT count(*), max(scheduled) FROM job_run WHERE job = 'daily' AND started LIKE '2021-08-05T12:00%'" \
	"1|2021-08-05T06:00:00+03:00"
db_is "weekly ran once, for the missed Monday" \
	"SELECT count(*), max(scheduled) FROM job_run WHERE job = 'weekly' AND started LIKE '2021-08-05T12:00%'" \
	"1|2021-08-02T07:30:00+03:00"
[ -f "$OUTDIR/daily-2021-08-05.csv" ] && [ -f "$OUTDIR/weekly-2021-W31.json" ] &&
	pass "the catch-up files" || fail "the catch-up files"
[ ! -f "$OUTDIR/daily-2021-07-30.csv" ] && pass "retention removed the oldest" || fail "retention"
[ -f "$OUTDIR/daily-2020-01-01.csv" ] && pass "retention never touches files no job wrote" || fail "foreign file"
ok "no run right after" job run-due --now "2021-08-05 12:01"
same "nothing more ran" "$(sql "SELECT count(*) FROM job_run WHERE started LIKE '2021-08-05T12:01%'")" "0"
same "no temporary files left" "$(ls -A "$OUTDIR" | grep -c '^\.')" "0"

# fall back: 03:30 on 2021-10-31 occurs twice and runs once
ok "catch up before the autumn change" job run-due --now "2021-10-31 00:00"
ok "03:30 summer time" job run-due --now "2021-10-31T03:30+03:00"
ok "03:30 winter time" job run-due --now "2021-10-31T03:30+02:00"
ok "04:30 winter time" job run-due --now "2021-10-31T04:30+02:00"
db_is "the autumn job ran once" \
	"SELECT count(*), max(scheduled) FROM job_run WHERE job = 'autumn' AND outcome = 'ok'" \
	"1|2021-10-31T03:30:00+03:00"
same "one autumn file" "$(cd "$T" && ls autumn-*)" "autumn-2021-10-31-0330+0300.csv"
finish
