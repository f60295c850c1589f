#!/bin/sh
# The decree plugin end to end: `decree load` of the built-in Decree
# No. 307/2021 (idempotent), the execution report as of 1 October 2021
# (exactly CMU-1, MOD-2 and MOD-3 overdue, by 8, 8 and 70 days), another
# decree from a file, and bad files refused with the line named.
. "$(dirname "$0")/areas.sh"
CSV="$ROOT/plugins/decree/307-2021.csv"

ok "load the built-in decree" decree load
db_is "twelve instructions" "SELECT count(*) FROM programme WHERE area = 'decree'" "12"
db_is "three responsible bodies" "SELECT count(DISTINCT org_id) FROM participation WHERE role = 'responsible'" "3"
db_is "each instruction has its body" "SELECT count(*) FROM participation WHERE role = 'responsible'" "12"
db_is "due dates from 23 July 2021" \
    "SELECT group_concat(code || '=' || coalesce(due, '-'), ' ') FROM (SELECT code, due FROM programme WHERE area = 'decree' ORDER BY id) AS p" \
    "307/2021/CMU-1=2021-09-23 307/2021/CMU-2=- 307/2021/CMU-3=2021-10-23 307/2021/CMU-4=2022-01-23 307/2021/CMU-5=- 307/2021/MOD-1=- 307/2021/MOD-2=2021-09-23 307/2021/MOD-3=2021-07-23 307/2021/ALL-1=- 307/2021/ALL-2=- 307/2021/ALL-3=- 307/2021/ALL-4=-"
db_is "terms kept as written" "SELECT json_extract(fields, '\$.term') FROM programme WHERE code = '307/2021/MOD-3'" "immediately"

before=$(snapshot)
ok "a second load" decree load
same "a second load changes nothing" "$(snapshot)" "$before"
ok "the shipped file is the same decree" decree load "$CSV"
same "loading the file changes nothing either" "$(snapshot)" "$before"

report_is "overdue as of 1 October 2021: CMU-1, MOD-2, MOD-3" \
    '[.[] | select(.status == "overdue") | [.instruction, .responsible, .due, .days_late]]' \
    '[["307/2021/CMU-1","CMU","2021-09-23",8],["307/2021/MOD-2","MOD","2021-09-23",8],["307/2021/MOD-3","MOD","2021-07-23",70]]' \
    dc_execution --as-of 2021-10-01
ok "deadlines across all areas as of 1 October 2021" --format json deadlines --overdue --as-of 2021-10-01
json_is "exactly CMU-1, MOD-2 and MOD-3 are late, with their days late" \
    '[.[] | [.code, .days_late]] | sort' \
    '[["307/2021/CMU-1",8],["307/2021/MOD-2",8],["307/2021/MOD-3",70]]'
run --format json report dc_execution --as-of 2021-10-01
json_is "the other statuses" '[.[] | .status] | group_by(.) | map([.[0], length])' \
    '[["in progress",2],["no term",7],["overdue",3]]'
report_is "by responsible body" '[.[] | [.responsible, .instructions, .in_progress, .overdue, .no_term, .most_days_late]]' \
    '[["CMU",5,2,1,2,8],["CEB",4,0,0,4,null],["MOD",3,0,2,1,70]]' dc_execution --by responsible --as-of 2021-10-01
report_is "nothing is late on the decree's day" '[.[] | select(.status == "overdue")] | length' '0' \
    dc_execution --as-of 2021-07-23

ok "CMU-1 in progress" programme set 307/2021/CMU-1 --status active
ok "CMU-1 done on 30 September" programme set 307/2021/CMU-1 --status completed --end 2021-09-30
report_is "done, 7 days late" '[.[] | select(.instruction == "307/2021/CMU-1") | [.status, .days_late]]' \
    '[["done",7]]' dc_execution --as-of 2021-10-01
report_is "as of 25 September it was still overdue" '[.[] | select(.instruction == "307/2021/CMU-1") | [.status, .days_late]]' \
    '[["overdue",2]]' dc_execution --as-of 2021-09-25

# Another decree from a file, with its own base date.
cat >"$T/5-2021.csv" <<'EOC'
ref,responsible_code,responsible_name,responsible_kind,term,instruction
# a test decree
A-1,MFA,Міністерство закордонних справ України,ministry,1 month,"prepare, and report"
A-2,MOD,Міністерство оборони України,ministry,2 тижні,do more
A-3,MOD,Міністерство оборони України,ministry,none,keep going
EOC
ok "load another decree, number from the file name" decree load "$T/5-2021.csv" --base 31.08.2021
db_is "its instructions" "SELECT group_concat(code || '=' || coalesce(due, '-'), ' ') FROM (SELECT code, due FROM programme WHERE json_extract(fields, '\$.decree') = '5/2021' ORDER BY id) AS p" \
    "5/2021/A-1=2021-09-30 5/2021/A-2=2021-09-14 5/2021/A-3=-"
db_is "the new body was created" "SELECT kind FROM organisation WHERE code = 'MFA'" "ministry"
db_is "the existing body was reused" "SELECT count(*) FROM organisation WHERE code = 'MOD'" "1"

cat >"$T/bad.csv" <<'EOC'
ref,responsible_code,responsible_name,responsible_kind,term,instruction
B-1,MOD,Міністерство оборони України,ministry,2 months,first
B-2,MOD,Міністерство оборони України,ministry,2 fortnights,second
EOC
printf 'C-1,MOD,Міністерство,ministry,2 months\n' >"$T/short.csv"
before=$(snapshot)
fails 4 "an unknown term refused" decree load "$T/bad.csv" --decree 9/2021
err_has "the line and the term are named" "$T/bad.csv:3: unknown term '2 fortnights' (allowed: N days, N weeks, N months, N years, immediately or none)"
fails 4 "a short line refused" decree load "$T/short.csv" --decree 9/2021
err_has "the line is named" "short.csv:1: expected 6 fields"
fails 2 "a file without a number needs --decree" decree load "$T/bad.csv"
refused "a missing file" decree load "$T/none.csv" --decree 9/2021
fails 4 "an impossible base date" decree load --base 2021-02-30
fails 2 "an unknown option" decree load --colour red
same "nothing changed" "$(snapshot)" "$before"
finish
