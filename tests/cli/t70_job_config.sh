#!/bin/sh
# Export jobs in the configuration: a good configuration listed with its
# schedule as written and in words, and every kind of bad job refused at
# load with the file, line, job and field named, the report's arguments
# (dimension, dates, options) included.
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
CFG="$CFGDIR/integra.cfg"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"

# jobs_cfg TEXT: the configuration is `jobs = ( TEXT );` (TEXT from line 2).
jobs_cfg() { printf 'jobs = (\n%s\n);\n' "$1" >"$CFG"; }

ok "init" init
ok "no jobs: list is empty" job list
out_lacks "no job listed" "weekly"

jobs_cfg "{ name = \"weekly\";
  report = \"coverage\";
  args = [ \"--by\", \"org\" ];
  format = \"csv\";
  output = \"$OUTDIR/coverage-%Y-%m-%d.csv\";
  schedule = \"0 6 * * MON\";
  keep = 8; },
{ name = \"quarter-hourly\"; report = \"participation\"; format = \"json\";
  output = \"$OUTDIR/p-%H%M.json\"; schedule = \"*/15 * * * *\";
  mode = \"0600\"; on_empty = \"skip\"; on_success = [ \"true\" ]; }"
ok "list with two jobs" job list --now "2021-07-23 12:00"
out_has "schedule as written" "0 6 * * MON"
out_has "schedule in words" "at 06:00 on Monday"
out_has "next run of the weekly job" "2021-07-26T06:00:00+03:00"
out_has "steps in words" "every 15 minutes"
out_has "next quarter hour" "2021-07-23T12:15:00+03:00"
ok "list as json" --format json job list --now "2021-07-23 12:00"
if jq -e 'length == 2 and .[0].name == "weekly" and .[0].last_run == null and
    .[1].when == "every 15 minutes"' "$OUT" >/dev/null; then
	pass "json list parses"; else fail "json list parses"; fi
ok "list on the spring-forward day (03:30 does not exist)" job list --now "2021-03-28 02:59"
out_has "the quarter-hourly job next runs at 04:00 summer time" "2021-03-28T04:00:00+03:00"

before=$(snapshot)
# each bad job: the error names file:line, the job and the field
bad() {
	desc=$1; want=$2; shift 2
	jobs_cfg "$1"
	fails 4 "$desc" job list
	err_has "$desc: the error says where and what" "$want"
}
good_tail="report = \"coverage\";
  output = \"$OUTDIR/c.csv\";"
bad "a bad day name" "integra.cfg:4: job 'w': 'schedule' \"0 6 * * MOX\": day of week: unknown name 'MOX'" \
	"{ name = \"w\"; $good_tail
  schedule = \"0 6 * * MOX\"; }"
bad "a minute out of range" "integra.cfg:2: job 'w': 'schedule' \"61 6 * * *\": minute: 61 is out of range (0-59)" \
	"{ name = \"w\"; schedule = \"61 6 * * *\"; $good_tail }"
bad "four fields" "job 'w': 'schedule' \"0 6 * *\": expected 5 fields" \
	"{ name = \"w\"; schedule = \"0 6 * *\"; $good_tail }"
bad "an unknown key" "integra.cfg:4: job 'w': unknown key 'cron'" \
	"{ name = \"w\"; $good_tail
  cron = \"x\"; schedule = \"@daily\"; }"
bad "no output" "job 'w': 'output' is missing" \
	"{ name = \"w\"; report = \"coverage\"; schedule = \"@daily\"; }"
bad "no name" "job '#1': 'name' is missing" \
	"{ $good_tail schedule = \"@daily\"; }"
bad "a directory that does not exist" "integra.cfg:3: job 'w': 'output' directory '$T/nowhere' does not exist" \
	"{ name = \"w\"; report = \"coverage\"; schedule = \"@daily\";
  output = \"$T/nowhere/x-%Y.csv\"; }"
bad "a relative output" "job 'w': 'output' must be an absolute path" \
	"{ name = \"w\"; report = \"coverage\"; schedule = \"@daily\"; output = \"x.csv\"; }"
bad "an unknown format" "integra.cfg:4: job 'w': 'format': unknown format 'odt'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\";
  format = \"odt\"; }"
bad "an unknown report" "integra.cfg:2: job 'w': 'report': unknown report 'coverag'" \
	"{ name = \"w\"; report = \"coverag\"; schedule = \"@daily\";
  output = \"$OUTDIR/x.csv\"; }"
bad "a bad mode" "job 'w': 'mode' must be an octal mode" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; mode = \"rw-r--r--\"; }"
bad "a bad on_empty" "job 'w': 'on_empty' must be \"write\" or \"skip\", not 'ignore'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; on_empty = \"ignore\"; }"
bad "a negative keep" "job 'w': 'keep' must be a whole number" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; keep = -1; }"
bad "a keep that libconfig would wrap to 1" "job 'w': 'keep' must be a whole number" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; keep = 4294967297; }"
bad "an empty on_success" "job 'w': 'on_success' must name a command" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; on_success = [ ]; }"
bad "args that are not strings" "job 'w': 'args' element 1 must be a string" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; args = ( 1 ); }"
# the report's arguments are parsed and checked when the configuration loads
bad "a bad --by" "integra.cfg:4: job 'w': 'args': unknown dimension 'month' for report 'coverage' (valid: org, region)" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\";
  args = [ \"--by\", \"month\" ]; }"
bad "an unknown option" "integra.cfg:3: job 'w': 'args': unknown option '--no-such-option' for 'integra report'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; args = [ \"--no-such-option\" ]; }"
bad "an impossible --from" "integra.cfg:4: job 'w': 'args': invalid date for --from: '2021-02-30'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\";
  args = [ \"--from\", \"2021-02-30\" ]; }"
bad "a bad --within" "job 'w': 'args': invalid --within 'soon'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; args = [ \"--within\", \"soon\" ]; }"
bad "a period that ends before it starts" "job 'w': 'args': --from 2022-01-02 is after --to 2022-01-01" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\";
  args = [ \"--from\", \"2022-01-02\", \"--to\", \"2022-01-01\" ]; }"
bad "--format in args" "job 'w': 'args': give the format with the job's 'format' key, not '--format'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; args = [ \"--format\", \"json\" ]; }"
bad "-o in args" "job 'w': 'args': give the output file with the job's 'output' key, not '-o'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; args = [ \"-o\", \"/tmp/x\" ]; }"
bad "a report name in args" "job 'w': 'args': unexpected argument 'coverage'" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; args = [ \"coverage\" ]; }"
bad "a duplicate name" "integra.cfg:4: job 'w': 'name' is already used by job 1" \
	"{ name = \"w\"; $good_tail schedule = \"@daily\"; },
{ name = \"w\"; $good_tail schedule = \"@hourly\"; }"
bad "a name with a slash" "job '../x': 'name' may hold only letters" \
	"{ name = \"../x\"; $good_tail schedule = \"@daily\"; }"
bad "an unknown macro" "job 'w': 'schedule' \"@reboot\": unknown macro '@reboot'" \
	"{ name = \"w\"; $good_tail schedule = \"@reboot\"; }"
fails 4 "run-due refuses a bad configuration too" job run-due
same "refused configurations changed nothing" "$(snapshot)" "$before"

# errors in an included file name that file
printf 'jobs = (\n@include "jobs.inc"\n);\n' >"$CFG"
printf '{ name = "inc"; %s\n  schedule = "0 25 * * *"; }\n' "$good_tail" >"$CFGDIR/jobs.inc"
fails 4 "a bad job in an included file" job list
err_has "the included file and its line are named" "jobs.inc:3: job 'inc': 'schedule' \"0 25 * * *\": hour: 25 is out of range"

jobs_cfg "{ name = \"w\"; $good_tail schedule = \"@daily\"; }"
fails 3 "running an unknown job" job run nope
err_has "the error lists the jobs" "no job 'nope' in the configuration (jobs: w)"
fails 3 "history of an unknown job" job history nope
fails 4 "a bad --now" job run-due --now "next tuesday"
err_has "the error shows the accepted forms" "expected local time as 2021-07-26 06:00"
fails 4 "an impossible date in --now" job list --now "2021-02-30 06:00"
fails 4 "a local time skipped by the clocks" job list --now "2021-03-28 03:30"
err_has "the error says the clocks went forward" "does not exist in local time"
ok "ISO --now with T and seconds" job list --now "2021-07-26T06:00:30"
fails 2 "history --limit must be positive" job history --limit 0

# the example configuration loads (paths moved here; xlsx needs its plugin)
sed -e "s|/srv/exports|$OUTDIR|" \
	-e "s|/var/lib/integra/integra.db|$(printf '%s' "$DB" | sed 's/&/\\&/g')|" \
	"$ROOT/config/jobs-example.cfg" >"$T/example.cfg"
"$BIN" -c "$T/example.cfg" plugin list 2>/dev/null | grep -q xlsx ||
	sed -i 's|"xlsx";|"csv";|' "$T/example.cfg"
"$BIN" -c "$T/example.cfg" plugin list 2>/dev/null | grep -q pdf ||
	sed -i 's|"pdf";|"csv";|' "$T/example.cfg"
ok "the example configuration loads" -c "$T/example.cfg" job list
out_has "its weekly job" "at 06:00 on Monday"
out_has "its daily job" "at 05:30 every day"
out_has "its monthly job that mails" "at 07:00 on day 1 of the month"
finish
