#!/bin/sh
# Reports end to end: `report list`, the figures of every core report on
# the fixed data set (tests/cli/report_seed.sh), `integra deadlines`, and
# every kind of bad input: one line on stderr, non-zero, nothing written.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

# The core reports alone: no plugin is loaded, whatever the build tree holds.
mkdir -p "$XDG_CONFIG_HOME/integra"
printf 'plugins = { enabled = [ ]; };\n' >"$XDG_CONFIG_HOME/integra/integra.cfg"
seed_reports || fail "seed the data set"

ok "report list" report list
out_has "list names participation with its dimensions" "status, area, programme, org, region, month, none"
out_has "list names coverage" "coverage       core"
out_has "list names deadlines" "deadlines      core"
ok "report list as csv" --format csv report list
same "list has a header and three reports" "$(wc -l <"$OUT")" "4"

ok "report list to a file" --format json report list -o "$T/reports.json"
if jq -e 'length == 3 and .[2].name == "deadlines" and .[2].dimensions == "none, area"' "$T/reports.json" >/dev/null; then
	pass "the list is in the file"; else fail "the list is in the file"; fi

ok "participation by status (default)" --format csv report participation
same "status counts" "$(tr -d '\r' <"$OUT")" "status,participations
nominated,2
enrolled,2
attended,1
completed,4
failed,1
withdrawn,1"

ok "participation by region, as a table" report participation --by region
out_has "table has a totals row" "total              2         2         1          4       1          1              11"
out_has "Київ counts" "Київ               1         0         1          3       0          0               5"

ok "participation by month in a period" --format csv report participation --by month --from 2021-10-01 --to 31.12.2021
same "months of the period" "$(tr -d '\r' <"$OUT")" "month,nominated,enrolled,attended,completed,failed,withdrawn,participations
2021-10,0,0,1,1,1,1,4
2021-11,0,0,0,1,0,0,1
2021-12,0,0,0,1,0,0,1"

ok "participation, every row" --format csv report participation --by none
same "11 rows and a header" "$(wc -l <"$OUT")" "12"

ok "coverage by org" --format csv report coverage
same "coverage figures" "$(tr -d '\r' <"$OUT")" "org,name,people,completed,share_pct
LODA,Львівська ОДА,2,1,50
MOU,Міністерство оборони,3,3,100
ODA,Одеська ОДА,1,0,0"
ok "coverage by region since December" --format csv report coverage --by region --from 2021-12-01
same "coverage by region figures" "$(tr -d '\r' <"$OUT")" "region,people,completed,share_pct
Київ,3,1,33.3
Львівська,2,1,50
Одеська,1,0,0"

ok "deadlines report as of a date" --format csv report deadlines --as-of 2022-03-01
same "deadlines figures" "$(tr -d '\r' <"$OUT")" 'code,area,title,owner,due,days_late,status
DEC1,decree,CMU-1 аналіз програм,ODA,2021-09-23,159,overdue
CS1,civil_service,Євроатлантична інтеграція,NAU,2022-01-23,37,overdue
DEC3,decree,CMU-4 програми,LODA,2022-03-10,,due
CS2,civil_service,"Короткий курс, ""НАТО""",NAU,2022-06-30,,due'
ok "deadlines command, overdue only" deadlines --overdue --as-of 01.03.2022
out_has "DEC1 is 159 days late" "2021-09-23        159  overdue"
out_lacks "what is not yet due is left out" "DEC3"
ok "deadlines command, due within 9 days" --format csv deadlines --within 9 --as-of 2022-03-01
same "only DEC3" "$(tr -d '\r' <"$OUT" | cut -d, -f1 | tr '\n' ' ')" "code DEC3 "
ok "deadlines by area" --format csv report deadlines --by area --as-of 2022-03-01
same "deadlines by area figures" "$(tr -d '\r' <"$OUT")" "area,outstanding,overdue,most_days_late
civil_service,2,1,37
decree,2,1,159"
ok "deadlines help" deadlines --help
out_has "help lists --within" "--within DAYS"

# -o FILE: atomic, mode 0640, the previous file replaced whole
mkdir -p "$T/exports"
ok "-o writes a file" --format csv report coverage -o "$T/exports/coverage.csv"
same "nothing on stdout with -o" "$(cat "$OUT")" ""
same "the file has the report" "$(head -1 "$T/exports/coverage.csv" | tr -d '\r')" "org,name,people,completed,share_pct"
same "the file has mode 0640" "$(stat -c %a "$T/exports/coverage.csv")" "640"
same "no temporary file is left" "$(ls -A "$T/exports")" "coverage.csv"
ok "-o replaces the previous file" --format json report coverage -o "$T/exports/coverage.csv"
if jq -e 'length == 3' "$T/exports/coverage.csv" >/dev/null; then pass "the file is the new report"; else fail "the file is the new report"; fi
cat >"$T/mode.cfg" <<CFG
database = "$DB";
output_mode = "0600";
plugins = { enabled = [ ]; };
CFG
ok "output_mode from the configuration" -c "$T/mode.cfg" report coverage -o "$T/exports/c600.txt"
same "mode 0600" "$(stat -c %a "$T/exports/c600.txt")" "600"

# bad input: one line, non-zero, nothing half-written
cp "$T/exports/coverage.csv" "$T/before.csv"
fails 2 "unknown report" report nosuch
err_has "the error lists the reports" "valid: participation, coverage, deadlines"
fails 2 "unknown dimension" report coverage --by month -o "$T/exports/coverage.csv"
err_has "the error lists the dimensions" "unknown dimension 'month' for report 'coverage' (valid: org, region)"
fails 2 "unknown format" --format pdf report coverage -o "$T/exports/coverage.csv"
err_has "the error lists the formats" "unknown format 'pdf' (valid: table, csv, json, html"
fails 2 "--from after --to" report participation --from 2022-01-02 --to 2022-01-01 -o "$T/exports/coverage.csv"
err_has "the error names both dates" "--from 2022-01-02 is after --to 2022-01-01"
fails 4 "an impossible date" report participation --from 2021-02-30
fails 3 "an area that is not loaded" report coverage --area nosuch -o "$T/exports/coverage.csv"
err_has "the error names the area" "area 'nosuch' is not loaded"
fails 2 "a bad --within" deadlines --within soon
fails 1 "-o into a missing directory" report coverage -o "$T/nodir/x.csv"
err_has "the error names the path and the reason" "cannot write '$T/nodir/x.csv': No such file or directory"
fails 1 "-o into a directory" report coverage -o "$T/exports"
fails 1 "-o /dev/full: not a regular file" --format csv report participation --by none -o /dev/full
err_has "is refused (a write error: test_atomic)" "refusing to write '/dev/full': it is a character device"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/ro" && chmod 0500 "$T/ro"
	fails 1 "-o into a read-only directory" report coverage -o "$T/ro/x.csv"
	err_has "permission denied is named" "Permission denied"
else
	skip "-o into a read-only directory" "running as root, which permissions do not stop"
fi
same "failures left the previous file untouched" "$(cmp "$T/before.csv" "$T/exports/coverage.csv" && echo same)" "same"
same "failures left no temporary file" "$(ls -A "$T/exports" | tr '\n' ' ')" "c600.txt coverage.csv "
fails 2 "report with no name" report
fails 2 "-o needs a value" report coverage -o

finish
