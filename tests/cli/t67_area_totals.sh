#!/bin/sh
# The totals rows of the area plugins' reports (issue 14, item 2), read
# from the html's <tfoot> cell by cell, against figures computed by hand:
# sums of counts, shares as the ratio of the totals (never their sum or
# their average), and no total for a year, a target, a yes/no, distinct
# people counted per period, a date or days late; and a label on every
# column of every report and dimension, core and area.  Since the merge
# of main: ex_learning (objectives summed), dc_duties (occurrences late
# summed), posts_filled and posts_gained (shares of the totals) too.
. "$(dirname "$0")/areas.sh"

# total_is DESC WANT REPORT-ARGS...: the totals row of the report as
# html, its cells joined by '|', is WANT.
total_is() {
	desc=$1; want=$2; shift 2
	run --format html report "$@"
	got=$(sed -n 's/^<tfoot><tr>\(.*\)<\/tr><\/tfoot>$/\1/p' "$OUT" |
	    sed 's/<td[^>]*>//g; s/<\/td>/|/g')
	same "$desc" "$got" "$want"
}

# civil_service: МІН has P1-P3, ОДА has P4-P5; P1 completes CS1 (2
# credits) and CS2 (0.5), P2 CS1, P4 CS1 in 2022.
ok "ministry" org add MIN "Міністерство оборони" --kind ministry --region Київ
ok "oblast administration" org add ODA "Львівська ОДА" --kind oblast-administration --region Львівська
for p in P1:MIN P2:MIN P3:MIN P4:ODA P5:ODA; do
	ok "person ${p%:*}" person add "${p%:*}" "Особа ${p%:*}" --org "${p#*:}" --service civil-service
done
ok "CS1" programme add civil_service CS1 "Євроатлантична інтеграція" --field kind=professional --field credits=2
ok "CS2" programme add civil_service CS2 "НАТО: основи" --field kind=short-term --field credits=0.5
ok "enrol into CS1" enrol CS1 P1 P2 P4
ok "enrol into CS2" enrol CS2 P1
complete CS1 P1 2021-05-10
complete CS1 P2 2021-06-15
complete CS2 P1 2021-11-02
complete CS1 P4 2022-01-15
# coverage: people 3 + 2 = 5, completed 2 + 1 = 3, share 3 / 5 = 60 (the
# rows' shares 66.7 and 50 would sum to 116.7 or average 58.3)
total_is "cs_coverage by org: 5 people, 3 completed, 60 %" "total|||5|3|60|" cs_coverage --by org
total_is "cs_coverage by region: 2 organisations, 5, 3, 60 %" "total|2|5|3|60|" cs_coverage --by region
# credits: P1 2021 2.5, P2 2021 2, P4 2022 2: 6.5; year, target, met none
total_is "cs_credits by person: credits summed only" "total||||6.5|||" cs_credits
# by org: МІН 2 people 4.5 credits, ОДА 1 person 2 credits: 3 people, 0
# met, 6.5 credits, average 6.5 / 3 = 2.2 (not the rows' 2.25 and 2)
total_is "cs_credits by org: the average as the ratio of the totals" "total|||3|3|6.5|2.2||" cs_credits --by org
# completions in 2021-05, 2021-06, 2021-11, 2022-01: 4, 6.5 credits;
# distinct people per month are not summed
total_is "cs_completions by month" "total|4||6.5|" cs_completions

# exercises: RT21 (land, 2021) with U1 300 and U2 200, SB21 (maritime,
# 2021) with U1 150, CR22 (joint, 2022) with U2 50.
ok "MOD" org add MOD "Міністерство оборони України" --kind ministry --region Київ
ok "unit 1" org add U1 "Військова частина А0101" --kind military-unit --parent MOD
ok "unit 2" org add U2 "Військова частина А0202" --kind military-unit --parent MOD
ok "RT21" programme add exercises RT21 "Rapid Trident 2021" --start 2021-09-20 \
    --field kind=exercise --field domain=land --field source="звіти"
ok "SB21" programme add exercises SB21 "Sea Breeze 2021" --start 2021-06-28 \
    --field kind=exercise --field domain=maritime --field source="звіти"
ok "CR22" programme add exercises CR22 "Кібернавчання 2022" --start 2022-05-01 \
    --field kind=training --field domain=joint --field source="план"
ok "units in RT21" enrol RT21 U1 U2 $ORG
ok "unit 1 in SB21" enrol SB21 U1 $ORG
ok "unit 2 in CR22" enrol CR22 U2 $ORG
for h in RT21:U1:300 RT21:U2:200 SB21:U1:150 CR22:U2:50; do
	IFS=: read -r x u n <<EOH
$h
EOH
	ok "headcount $x $u" participation set "$x" "$u" $ORG --field headcount="$n"
done
# by year: 3 exercises, 700 troops; units and people (distinct per row) none
total_is "ex_by_year: exercises and headcount summed" "total||3|||700|" ex_by_year
PY=
for p in python3 /usr/bin/python3; do
	if $p -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
ok "ex_by_year as xlsx" --format xlsx report ex_by_year -o "$T/y.xlsx"
if [ -z "$PY" ]; then
	skip "xlsx: years are numbers, totals are formulas" "no python3-openpyxl (make deps)"
elif $PY - "$T/y.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
assert wb.sheetnames == ["Exercises by year and domain"], wb.sheetnames
rows = list(ws.iter_rows(values_only=True))
h = [r[0] for r in rows].index("Year")
assert [r[0] for r in rows[h + 1:h + 4]] == [2021, 2021, 2022], rows
t = rows[h + 4]
assert t[0] == "total" and t[2] == "=SUM(C%d:C%d)" % (h + 2, h + 4) and t[3] is None, t
PYEOF
then pass "xlsx: years are numbers, the sheet named after the report, totals as formulas"; else
	fail "xlsx: years are numbers, the sheet named after the report, totals as formulas"; fi
ok "cs_coverage as xlsx" --format xlsx report cs_coverage -o "$T/c.xlsx"
if [ -n "$PY" ] && $PY -c 'import sys, openpyxl
n = openpyxl.load_workbook(sys.argv[1]).sheetnames
assert n == ["Coverage of professional develo"], n' "$T/c.xlsx"; then
	pass "xlsx: a long title cut to the 31 characters of a sheet name"; else
	fail "xlsx: a long title cut to the 31 characters of a sheet name"; fi
# units: U1 2 exercises 450, U2 2 exercises 250: 4, 700; first and last none
total_is "ex_unit_record: exercises and headcount summed" "total||4|||700|" ex_unit_record

# learning: RT21 with TO-1 achieved and TO-2 partly, SB21 with TO-1
# achieved, CR22 none: 3 objectives, 2 achieved, 1 partly, summed.
ok "RT21 TO-1" exercises objective add RT21 TO-1 "Планування спільної операції"
ok "RT21 TO-2" exercises objective add RT21 TO-2 "Взаємодія за стандартами НАТО"
ok "SB21 TO-1" exercises objective add SB21 TO-1 "Морська евакуація"
ok "RT21 TO-1 achieved" exercises objective set RT21 TO-1 achieved --on 2021-10-05
ok "RT21 TO-2 partly" exercises objective set RT21 TO-2 partly --on 2021-10-05
ok "SB21 TO-1 achieved" exercises objective set SB21 TO-1 achieved --on 2021-07-15
total_is "ex_learning: objectives and their results summed" "total|||3|2|1|0|0|0|0|0|0|" \
    ex_learning --as-of 2022-06-01

# procurement: CMU's R363 in force and adopted, MOD's O1 overdue as of
# 01.10.2021, MOE's O2 not yet due.
ok "CMU" org add CMU "Кабінет Міністрів України" --kind government --region Київ
ok "MOE" org add MOE "Міністерство економіки України" --kind ministry --region Київ
ok "R363" programme add procurement R363 "Особливості оборонних закупівель" --owner CMU \
    --due 2021-03-01 --field act_type=cabinet-resolution --field stage=in-force \
    --field adopted_date=03.03.2021
ok "O1" programme add procurement O1 "Порядок планування" --owner MOD --due 2021-06-01 \
    --field act_type=ministry-order
ok "O2" programme add procurement O2 "Порядок звітування" --owner MOE --due 2022-01-01 \
    --field act_type=ministry-order
total_is "pr_progress by body: 3 acts, 1 adopted, 1 in force, 1 overdue" "total||3|1|1|1|" \
    pr_progress --as-of 2021-10-01
total_is "pr_progress by act type" "total|3|1|1|1|" pr_progress --by act_type --as-of 2021-10-01
run --format html report pr_overdue --as-of 2022-01-02
out_lacks "pr_overdue: days late are not summed" "<tfoot>"

# posts: SHAPE-J5 (OF-4, filled from 2024), SHAPE-J2 (OF-3) and NCIA-C7
# (A3), both vacant.  On 01.06.2025: 3 posts, 1 filled, 2 vacant, filled
# 1 / 3 = 33.3 % (not the rows' 0 + 0 + 100).  Gained: 2024 1, 2025 2
# against 10 a year: 3 of 20, 17 short, 3 / 20 = 15 %.
ok "a post holder" person add X1 "Коваленко Іван Петрович" --org MOD --service military
ok "SHAPE-J5" programme add posts SHAPE-J5 "Посада J5" --owner MOD --start 01.08.2024 \
    --end 31.07.2027 -f body=SHAPE -f post_code=SHAPE-J5-PE -f grade=OF-4 -f kind=military \
    -f clearance=NS
ok "SHAPE-J2" programme add posts SHAPE-J2 "Посада J2" --owner MOD --start 2025-01-01 \
    -f body=SHAPE -f post_code=SHAPE-J2-PE -f grade=OF-3 -f kind=military -f clearance=CTS
ok "NCIA-C7" programme add posts NCIA-C7 "Посада C7" --owner MOD --start 2025-03-01 \
    -f body=NCIA -f post_code=NCIA-C7-PE -f grade=A3 -f kind=civilian -f clearance=NC
ok "X1 on SHAPE-J5" enrol SHAPE-J5 X1 --status enrolled -f clearance=NS
total_is "posts_filled: the share filled of the totals" "total||3|1|2|33.3|" \
    posts_filled --as-of 2025-06-01
total_is "posts_gained: gained against the targets' sum" "total|3|20|17|15|" posts_gained

# decree: the built-in decree No. 307/2021 as of 01.10.2021 (t43): CMU 5
# instructions (2 in progress, 1 overdue, 2 without a term), CEB 4 (all
# without a term), MOD 3 (2 overdue, 1 without a term).
ok "load the decree" decree load
total_is "dc_execution by responsible: 12, 0, 2, 3, 7; the most days late not summed" \
    "total||12|0|2|3|7||" dc_execution --by responsible --as-of 2021-10-01
run --format html report dc_execution --as-of 2021-10-01
out_lacks "dc_execution by instruction: days late are not summed" "<tfoot>"
# duties (as t85): as of 01.04.2022 ANP-Q has missed two quarters (Q3
# done late), NEEDS its February summary, NOTE nothing: 2 + 1 = 3 late;
# days overdue (since the oldest) not summed
ok "ANP-Q" decree duty add ANP-Q "Звіт про виконання РНП" --rule "quarterly 25" \
    --basis "Указ № 307/2021" --recipient "Кабінет Міністрів України" --from 23.07.2021
ok "NOTE" decree duty add NOTE "Аналітична записка" --rule "yearly 15.09" \
    --basis "Указ № 307/2021" --recipient "Офіс Президента України" --from 2021-07-23
ok "NEEDS" decree duty add NEEDS "Потреби у навчанні" --rule "yearly 01.02" \
    --basis "Постанова КМУ № 106" --recipient "НАДС" --from 2021-07-23
ok "ANP-Q Q3 done late" decree duty done ANP-Q --on 28.09.2021
ok "NOTE done" decree duty done NOTE 2021-09-15 --on 2021-09-14
total_is "dc_duties: occurrences late summed, days overdue not" "total|||||||||3|||||" \
    dc_duties --as-of 2022-04-01
# Every column of every report and dimension, core and area, is labelled:
# a header starts with a capital letter (an identifier never does).
run --format json report list
jq -r '.[] | .name as $n | .dimensions | split(", ")[] | "\($n) \(.)"' "$OUT" |
    while read -r name by; do
	"$BIN" --format html report "$name" --by "$by" --as-of 2021-10-01 |
	    grep -o '<th>[^<]*</th>' | sed 's/<th>//; s/<\/th>//' |
	    grep -v '^[[:upper:]]' | sed "s/^/$name --by $by: /"
done >"$T/unlabelled"
same "every report column has a label" "$(cat "$T/unlabelled")" ""
finish
