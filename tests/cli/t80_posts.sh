#!/bin/sh
# The posts plugin end to end: posts at NATO bodies (a body of the
# configured list, a grade of the post's kind, the clearance it requires),
# assignments with the clearance held, one incumbent per post at a time
# (also between two rows of one import), and the three reports against
# hand-computed figures.  Every refusal is one line and changes nothing.
. "$(dirname "$0")/areas.sh"

ok "ministry" org add MOD "Міністерство оборони України" --kind ministry
ok "foreign ministry" org add MFA "Міністерство закордонних справ України" --kind ministry
ok "p1" person add p1 "Коваленко Іван Петрович" --org MOD --service military
ok "p2" person add p2 "Шевченко Олена Василівна" --org MOD --service military
ok "p3" person add p3 "Бойко Петро Іванович" --org MFA
ok "p4" person add p4 "Мельник Ганна Олегівна" --org MFA
ok "p5" person add p5 "Ткаченко Юрій Миколайович" --org MOD

# post CODE BODY GRADE KIND CLEARANCE START [END]: a post of area posts.
post() {
	code=$1 body=$2 grade=$3 kind=$4 clr=$5 start=$6; shift 6
	ok "post $code" programme add posts "$code" "Посада $code" --owner MOD \
	    --start "$start" ${1:+--end "$1"} -f body="$body" -f post_code="$code-PE" \
	    -f grade="$grade" -f kind="$kind" -f clearance="$clr"
}

post SHAPE-J5 SHAPE OF-4 military NS 01.08.2024 31.07.2027
post SHAPE-J2 SHAPE OF-3 military CTS 2025-01-01
post NCIA-C7 NCIA A3 civilian NC 2025-03-01 2028-02-29
post NRU-1 "NATO Representation to Ukraine" A2 civilian NR 2023-09-01
post JFCB-L1 "JFC Brunssum" OF-3 military NS 2025-01-01 2027-12-31
db_is "five posts with their fields" \
    "SELECT group_concat(code || ':' || json_extract(fields, '\$.grade') || ':' || json_extract(fields, '\$.clearance'), ' ') FROM (SELECT code, fields FROM programme ORDER BY id) AS p" \
    "SHAPE-J5:OF-4:NS SHAPE-J2:OF-3:CTS NCIA-C7:A3:NC NRU-1:A2:NR JFCB-L1:OF-3:NS"

# Bad posts.
before=$(snapshot)
fails 4 "a body not in the list" programme add posts X1 "x" -f body="NATO Moon Base" \
    -f post_code=1 -f grade=OF-2 -f kind=military -f clearance=NR
err_has "names the body and the list" "field 'body' = 'NATO Moon Base' is not a NATO body of posts.bodies"
fails 4 "a military grade on a civilian post" programme add posts X1 "x" -f body=NSPA \
    -f post_code=1 -f grade=OF-2 -f kind=civilian -f clearance=NR
err_has "names the grade and what is allowed" "field 'grade' = 'OF-2' is not a grade of a civilian post (allowed: A1..A7, B1..B6, G1..G7)"
fails 4 "a civilian grade on a military post" programme add posts X1 "x" -f body=NSPA \
    -f post_code=1 -f grade=B2 -f kind=military -f clearance=NR
fails 4 "an unknown grade" programme add posts X1 "x" -f body=NSPA \
    -f post_code=1 -f grade=OF-10 -f kind=military -f clearance=NR
fails 4 "an unknown clearance" programme add posts X1 "x" -f body=NSPA \
    -f post_code=1 -f grade=OF-2 -f kind=military -f clearance=TOP
fails 4 "a post without its clearance" programme add posts X1 "x" -f body=NSPA \
    -f post_code=1 -f grade=OF-2 -f kind=military
fails 4 "a post code of the body already open" programme add posts X1 "x" -f body=SHAPE \
    -f post_code=SHAPE-J5-PE -f grade=OF-2 -f kind=military -f clearance=NR
err_has "names the post that has it" "field 'post_code' = 'SHAPE-J5-PE' of 'SHAPE' is already post 'SHAPE-J5', which is open: complete or cancel it first"
same "the refusals changed nothing" "$(snapshot)" "$before"
ok "the same code at another body" programme add posts NSPA-1 "x" -f body=NSPA \
    -f post_code=SHAPE-J5-PE -f grade=OF-2 -f kind=military -f clearance=NR --status cancelled

# Assignments.
ok "p1 on SHAPE-J5" enrol SHAPE-J5 p1 --status enrolled -f clearance=NS
ok "p3 on NCIA-C7 with more than needed" enrol NCIA-C7 p3 --status enrolled -f clearance=CTS
ok "p4 on NRU-1, from 2023 to 2026" enrol NRU-1 p4 --status enrolled -f clearance=NR
ok "p4's tour" participation set NRU-1 p4 --start 2023-09-01 --end 2026-08-31
before=$(snapshot)
fails 4 "a clearance below the post's" enrol SHAPE-J2 p2 --status enrolled -f clearance=NS
err_has "names both clearances" "field 'clearance' = 'NS' of 'p2' is below the clearance post 'SHAPE-J2' requires (CTS)"
fails 4 "an assignment without the clearance held" enrol SHAPE-J2 p2 --status enrolled
fails 4 "a second incumbent" enrol SHAPE-J5 p2 --status enrolled -f clearance=CTS
err_has "names the incumbent and both tours" \
    "post 'SHAPE-J5' already has an incumbent then: 'p1' from 2024-08-01 to 2027-07-31 (the tour of 'p2' from 2024-08-01 to 2027-07-31 overlaps it)"
same "the refusals changed nothing" "$(snapshot)" "$before"
ok "a candidate is no incumbent" enrol SHAPE-J5 p2 -f clearance=CTS
before=$(snapshot)
fails 4 "nor may the candidate become one in the same tour" participation set SHAPE-J5 p2 --status enrolled
same "changed nothing" "$(snapshot)" "$before"
ok "the successor's tour begins after" participation set SHAPE-J5 p2 --status enrolled \
    --start 01.08.2027 --end 31.07.2030
fails 4 "and may not be moved into the incumbent's" participation set SHAPE-J5 p2 --start 2027-07-01

# One import: two rows for the same post that overlap.
cat >"$T/tours.csv" <<'EOC'
programme,person,status,start,end,clearance
JFCB-L1,p5,enrolled,01.01.2025,31.12.2026,NS
JFCB-L1,p2,enrolled,01.06.2026,31.12.2027,CTS
EOC
before=$(snapshot)
run import participation "$T/tours.csv"
if [ "$RC" -eq 4 ] && grep -qF "tours.csv:3: post 'JFCB-L1' already has an incumbent then: 'p5' from 2025-01-01 to 2026-12-31" "$ERR"; then
	pass "two overlapping rows of one import: the second refused with its line"
else fail "two overlapping rows of one import: the second refused with its line"; fi
same "the import changed nothing" "$(snapshot)" "$before"
cat >"$T/tours.csv" <<'EOC'
programme,person,status,start,end,clearance
JFCB-L1,p5,enrolled,01.01.2025,31.12.2026,NS
JFCB-L1,p2,enrolled,01.01.2027,31.12.2027,NR
EOC
run import participation "$T/tours.csv"
if [ "$RC" -eq 4 ] && grep -qF "tours.csv:3: column 'clearance'" "$ERR"; then
	pass "an imported clearance below the post's is refused"
else fail "an imported clearance below the post's is refused"; fi
cat >"$T/tours.csv" <<'EOC'
programme,person,status,start,end,clearance
JFCB-L1,p5,enrolled,01.01.2025,31.12.2026,NS
JFCB-L1,p2,nominated,01.06.2026,31.12.2027,CTS
EOC
ok "an incumbent and a candidate in one import" import participation "$T/tours.csv"

# Reports.
report_is "filled and vacant on 1 June 2025, by body and grade" \
    '[.[] | [.body, .grade, .posts, .filled, .vacant, .filled_pct]]' \
    '[["JFC Brunssum","OF-3",1,1,0,100],["NATO Representation to Ukraine","A2",1,1,0,100],["NCIA","A3",1,1,0,100],["SHAPE","OF-3",1,0,1,0],["SHAPE","OF-4",1,1,0,100]]' \
    posts_filled --as-of 2025-06-01
report_is "on 1 January 2027 the NRU tour is over" \
    '[.[] | select(.vacant > 0) | [.body, .grade]]' \
    '[["JFC Brunssum","OF-3"],["NATO Representation to Ukraine","A2"],["SHAPE","OF-3"]]' \
    posts_filled --as-of 2027-01-01
report_is "tours ending within 6 months of 1 March 2026" \
    '[.[] | [.post, .person, .tour_end, .days_left]]' \
    '[["NRU-1","p4","2026-08-31",183]]' posts_rotation --as-of 2026-03-01
report_is "within 400 days" '[.[] | [.post, .person]]' \
    '[["NRU-1","p4"],["JFCB-L1","p5"]]' posts_rotation --as-of 2026-03-01 --within 400
report_is "posts gained per year against the target of 10" \
    '[.[] | [.year, .gained, .target, .shortfall, .target_pct]]' \
    '[["2023",1,10,9,10],["2024",1,10,9,10],["2025",3,10,7,30]]' posts_gained

# Configuration: another list of bodies, another target.
cat >"$T/posts.cfg" <<EOC
database = "$DB";
posts = { bodies = "NATO HQ; Allied Command Transformation"; annual_target = 2; };
EOC
ok "the configured bodies" -c "$T/posts.cfg" --format json posts bodies
same "two bodies" "$(jq -c '[.[] | [.body, .posts]]' "$OUT")" '[["NATO HQ",0],["Allied Command Transformation",0]]'
fails 4 "SHAPE is not in that list" -c "$T/posts.cfg" programme add posts X2 "x" \
    -f body=SHAPE -f post_code=1 -f grade=OF-2 -f kind=military -f clearance=NR
ok "a body of the list" -c "$T/posts.cfg" programme add posts ACT-1 "x" --start 2025-05-01 \
    -f body="Allied Command Transformation" -f post_code=1 -f grade=OF-2 -f kind=military \
    -f clearance=NR
run -c "$T/posts.cfg" --format json report posts_gained
json_is "against the configured target" '[.[] | [.year, .gained, .target, .target_pct]]' \
    '[["2023",1,2,50],["2024",1,2,50],["2025",4,2,200]]'
ok "the default bodies" --format json posts bodies
json_is "SHAPE has two posts, one filled today or not" '[.[] | select(.body == "SHAPE") | .posts]' '[2]'
ok "plugin info" plugin info posts
out_has "its reports" "posts_rotation"
finish
