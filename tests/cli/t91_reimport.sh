#!/bin/sh
# Cheap re-import (issue 17): a participation file sent again is compared
# with the stored rows value by value: unchanged rows are counted
# unchanged and not written, whatever order or date form the file uses; a
# value changed behind integra's back is found and put back; new and
# changed rows are stored and checked as before; a stored key given twice
# is refused with both lines (or the last row wins with --last-wins); an
# unchanged row is not checked again by the area's plugin, a changed one
# is.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
for k in orgs people programmes; do
	ok "the $k of the fixtures" import "$k" "$F/$k.csv"
done

# A file as an office sends it: BOM, CRLF, both date forms, a decimal
# comma, a Cyrillic result with a comma in quotes.
printf '\357\273\277programme,person,status,start,end,status_date,hours,credits,result\r
EI-2021,P0001,completed,01.09.2021,30.11.2021,30.11.2021,45,"1,5","зараховано, сертифікат № 17"\r
EI-2021,P0002,enrolled,2021-09-01,,2021-08-20,"7,5",,навчається\r
RT-2021,P0003,attended,20.09.2021,01.10.2021,,,,виконано\r
EI-2021,P0004,nominated,01.09.2021,,,,,кандидатуру погоджено\r
' >"$T/month1.csv"
ok "the first load" import participation "$T/month1.csv"
out_is "four added" "4 added, 0 updated, 0 unchanged, 0 rejected"
stored() { sql "SELECT group_concat(id || ':' || status || ':' || coalesce(start, '') || ':' ||
    coalesce(CAST(hours AS TEXT), '') || ':' || coalesce(CAST(credits AS TEXT), '') || ':' ||
    coalesce(result, ''), '|') FROM (SELECT * FROM participation ORDER BY id) AS s"; }
first=$(stored)

ok "the same file again" import participation "$T/month1.csv"
out_is "every row unchanged" "0 added, 0 updated, 4 unchanged, 0 rejected"
same "nothing written" "$(stored)" "$first"

# The same values written another way: ISO dates, a decimal point, LF,
# no BOM, the rows in another order.
printf 'programme,person,status,start,end,status_date,hours,credits,result
EI-2021,P0004,nominated,2021-09-01,,,,,кандидатуру погоджено
RT-2021,P0003,attended,2021-09-20,2021-10-01,,,,виконано
EI-2021,P0002,enrolled,01.09.2021,,20.08.2021,7.5,,навчається
EI-2021,P0001,completed,2021-09-01,2021-11-30,2021-11-30,45.0,1.5,"зараховано, сертифікат № 17"
' >"$T/other_form.csv"
ok "the same values in other forms and order" import participation "$T/other_form.csv"
out_is "compared as values: unchanged" "0 added, 0 updated, 4 unchanged, 0 rejected"
same "still nothing written" "$(stored)" "$first"

# behind DESC TABLE SQL: SQL changes TABLE with its audit trigger off.
behind() {
	if [ -n "$PG" ]; then	# the server's triggers read a setting
		sql_do "$1" "BEGIN; SELECT set_config('integra.audit_on', '0', true);
$3; COMMIT;"
	else
		sql_do "$1" "DROP TRIGGER $2_audit_change; $3"
	fi
}
behind "a result changed behind integra's back" participation \
    "UPDATE participation SET result = 'змінено' WHERE id = 3"
ok "the file again" import participation "$T/month1.csv"
out_is "the changed row is found by its values" "0 added, 1 updated, 3 unchanged, 0 rejected"
db_is "and put back" "SELECT result FROM participation WHERE id = 3" "виконано"

# A month's re-send: one row changed, one new row between the others.
printf 'programme,person,status,start,end,status_date,hours,credits,result\r
EI-2021,P0001,completed,01.09.2021,30.11.2021,30.11.2021,45,"1,5","зараховано, сертифікат № 17"\r
RT-2021,P0001,nominated,20.09.2021,,,,,кандидатуру погоджено\r
EI-2021,P0002,completed,2021-09-01,2021-11-30,2021-11-30,"7,5","0,5","зараховано, з відзнакою"\r
RT-2021,P0003,attended,20.09.2021,01.10.2021,,,,виконано\r
EI-2021,P0004,nominated,01.09.2021,,,,,кандидатуру погоджено\r
' >"$T/month2.csv"
ok "the re-send" import participation "$T/month2.csv"
out_is "one added, one updated, three unchanged" "1 added, 1 updated, 3 unchanged, 0 rejected"
db_is "the changed row stored" "SELECT status || ' ' || credits || ' ' || result FROM participation
    WHERE id = 2" "completed 0.5 зараховано, з відзнакою"
db_is "the new row stored after the others" "SELECT p.id FROM participation p JOIN person s
    ON s.id = p.person_id JOIN programme g ON g.id = p.programme_id
    WHERE s.key = 'P0001' AND g.code = 'RT-2021'" "5"

# A stored key given twice.
printf 'programme,person,status,start\nEI-2021,P0001,completed,01.09.2021\nEI-2021,P0004,nominated,01.09.2021\nEI-2021,P0001,failed,01.09.2021\n' >"$T/twice.csv"
before=$(snapshot)
run import participation "$T/twice.csv"
same "a stored key twice: exit 4" "$RC" "4"
err_has "both lines named" "twice.csv:4: programme 'EI-2021', person 'P0001' is given twice in this file, on lines 2 and 4"
same "nothing changed" "$(snapshot)" "$before"
ok "with --last-wins" import participation --last-wins "$T/twice.csv"
db_is "the last row wins" "SELECT status FROM participation WHERE id = 1" "failed"
printf 'programme,person,status,start\nEI-2021,P0001,completed,01.09.2021\nEI-2021,P0001,failed,01.09.2021\n' >"$T/back.csv"
ok "--last-wins, the last row the stored one" import participation --last-wins "$T/back.csv"
db_is "the last row still wins" "SELECT status FROM participation WHERE id = 1" "failed"

# The area's plugin checks a changed row against the stored fields; an
# unchanged row is not checked again.
ok "the re-send once more" import participation "$T/month2.csv"
out_is "the row of --last-wins put back" "0 added, 1 updated, 4 unchanged, 0 rejected"
printf 'programme,person,credits_earned\nEI-2021,P0002,2\n' >"$T/earned.csv"
ok "credits earned (an area column)" import participation "$T/earned.csv"
out_is "with area columns the rows are compared as before" "0 added, 1 updated, 0 unchanged, 0 rejected"
ok "again" import participation "$T/earned.csv"
out_is "unchanged" "0 added, 0 updated, 1 unchanged, 0 rejected"
behind "the programme's credits lowered behind integra's back" programme \
    "UPDATE programme SET fields = json_set(fields, '\$.credits', 1) WHERE code = 'EI-2021'"
ok "the re-send again" import participation "$T/month2.csv"
out_is "the unchanged row is not checked again" "0 added, 0 updated, 5 unchanged, 0 rejected"
sed 's/"7,5","0,5"/"8","0,5"/' "$T/month2.csv" >"$T/month3.csv"
before=$(snapshot)
run import participation "$T/month3.csv"
same "a changed row is checked against the stored fields: exit 4" "$RC" "4"
err_has "by the area's plugin" "credits_earned"
same "nothing changed by the refused file" "$(snapshot)" "$before"

finish
