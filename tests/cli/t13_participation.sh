#!/bin/sh
# Enrolment and participation with the core alone (no plugin for the
# area: persons only, role participant, no fields): all-or-nothing
# enrolment, duplicates, capacity, status moves, dates, hours and credits,
# listing, show, remove, and refusals leaving the database unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

ok "init" init
ok "an organisation" org add LODA "Львівська ОДА" --kind oblast-administration
ok "person 1" person add 1 "Гнатюк Олена" --org LODA
ok "person 2" person add 2 "Ґудзь Петро"
ok "person 3" person add 3 "Дмитренко Ірина" --org LODA
ok "person 4" person add 4 "Єрмак Євген"
add_programme P1 "Курс"
add_programme P2 "Навчання" other
add_programme DONE "Завершений" test completed
ok "an activity with room for two" activity add P1 S1 "Сесія" --capacity 2

ok "enrol two people" enrol P1 1 2
db_is "stored as nominated participants" "SELECT group_concat(role || '/' || status, ' ') FROM participation" "participant/nominated participant/nominated"
today=$(sql "SELECT status_date FROM participation LIMIT 1")
if [ "$today" = "$(date +%F)" ] || [ "$today" = "$(date -u +%F)" ]; then pass "status date is today"; else fail "status date is today ($today)"; fi
ok "enrol as enrolled" enrol P2 3 --status enrolled
db_is "status enrolled" "SELECT status FROM participation WHERE programme_id = (SELECT id FROM programme WHERE code = 'P2')" "enrolled"
ok "enrol in an activity" enrol P1 3 --activity S1
ok "and in the programme itself" enrol P1 3

before=$(snapshot)
fails 4 "a duplicate enrolment is refused" enrol P1 4 2
err_has "the error names the programme and the participant" "person '2' is already enrolled in programme 'P1'"
db_is "and the other participant of that command is not stored" "SELECT count(*) FROM participation WHERE person_id = (SELECT id FROM person WHERE key = '4')" "0"
fails 4 "the same participant twice in one command is refused" enrol P2 4 4
fails 3 "an unknown participant stops the whole enrolment" enrol P1 4 99
err_has "the error names the person" "no person '99'"
fails 4 "a full activity refuses more" enrol P1 1 2 --activity S1
err_has "the error gives the capacity" "capacity 2"
fails 4 "organisations are refused where the area takes persons only" enrol P1 LODA --org
err_has "the error says persons only" "takes persons only"
fails 4 "a role the area does not allow is refused" enrol P1 4 --role observer
err_has "the error lists the roles" "allowed: participant"
fails 4 "enrolment status beyond enrolled is refused" enrol P1 4 --status attended
err_has "the error lists nominated and enrolled" "allowed: nominated, enrolled"
fails 4 "a completed programme takes nobody new" enrol DONE 4
fails 3 "an unknown programme" enrol NOPE 4
fails 3 "an unknown activity" enrol P1 4 --activity NOPE
fails 4 "fields are refused with no plugin" enrol P1 4 --field grade=5
same "failed enrolments changed nothing" "$(snapshot)" "$before"

before=$(snapshot)
fails 4 "a jump nominated -> completed is refused" participation set P1 1 --status completed
err_has "the error names the allowed next states" "allowed next: enrolled, withdrawn"
fails 4 "an impossible status date is refused" participation set P1 1 --status enrolled --date 2021-02-30
fails 4 "negative hours are refused" participation set P1 1 --hours -3
err_has "the error says so" "must not be negative"
fails 4 "negative credits are refused" participation set P1 1 --credits -0,5
fails 4 "hours that are not a number are refused" participation set P1 1 --hours lots
fails 4 "infinite hours are refused" participation set P1 1 --hours inf
fails 4 "an unknown status is refused" participation set P1 1 --status graduated
fails 4 "a role the area does not allow is refused" participation set P1 1 --role observer
fails 2 "a participant with several records needs --activity" participation set P1 3 --status enrolled
err_has "the error says how to pick one" "--activity"
fails 3 "a person not in the programme" participation set P1 4 --status enrolled
fails 3 "a participant not in that activity" participation set P1 1 --activity S1 --status enrolled
fails 2 "set with nothing to change" participation set P1 1
same "failed changes changed nothing" "$(snapshot)" "$before"

ok "nominated -> enrolled with a date in DD.MM.YYYY" participation set P1 1 --status enrolled --date 23.07.2021
db_is "status date stored as ISO" "SELECT status_date FROM participation WHERE person_id = (SELECT id FROM person WHERE key = '1')" "2021-07-23"
ok "enrolled -> attended with hours and credits (decimal comma)" participation set P1 1 --status attended --hours 45 --credits 1,5
# Tenths as integers: the shells print reals differently (45.0 and 45).
db_is "numbers stored" "SELECT CAST(hours * 10 AS INTEGER) || ' ' || CAST(credits * 10 AS INTEGER) FROM participation WHERE person_id = (SELECT id FROM person WHERE key = '1')" "450 15"
ok "attended -> completed with a result" participation set P1 1 --status completed --result "сертифікат №1'); DROP TABLE participation;--"
db_is "result stored verbatim" "SELECT result FROM participation WHERE person_id = (SELECT id FROM person WHERE key = '1')" "сертифікат №1'); DROP TABLE participation;--"
before=$(snapshot)
fails 4 "completed is final" participation set P1 1 --status withdrawn
err_has "the error says it is final" "none, it is final"
same "and nothing changed" "$(snapshot)" "$before"
ok "withdraw from nominated" participation set P1 2 --status withdrawn
ok "the record without an activity is picked with --activity ''" participation set P1 3 --activity "" --status enrolled
ok "the activity's record by its code" participation set P1 3 --activity S1 --hours 8
db_is "each change went to its own record" \
    "SELECT group_concat(coalesce(a.code, '-') || ':' || p.status || ':' || coalesce(CAST(CAST(p.hours * 10 AS INTEGER) AS TEXT), ''), ' ') FROM (SELECT * FROM participation ORDER BY id) p LEFT JOIN activity a ON a.id = p.activity_id WHERE p.programme_id = (SELECT id FROM programme WHERE code = 'P1') AND p.person_id = (SELECT id FROM person WHERE key = '3')" \
    "S1:nominated:80 -:enrolled:"

ok "list" participation list
out_has "list has names" "Гнатюк Олена"
ok "list one programme" participation list --programme P2
same "only P2" "$(column 1)" "3 "
ok "list one person" participation list --person 3
same "both programmes of person 3" "$(column 5)" "P1 P1 P2 "
ok "list by organisation (its people)" participation list --org LODA
same "people of LODA" "$(column 1)" "1 3 3 3 "
ok "list by status" participation list --status withdrawn
same "the withdrawn" "$(column 1)" "2 "
ok "list by area" participation list --area other
same "the area of P2" "$(column 5)" "P2 "
ok "list by activity" participation list --activity S1
same "the activity" "$(column 1)" "3 "
ok "json" --format json participation list --person 1
json_ok "json has typed numbers" '.[0].hours == 45 and .[0].credits == 1.5 and .[0].status == "completed"'
ok "show" participation show P1 1
out_has "show prints the status" "completed"
out_has "show prints the status date" "status_date:"
fails 3 "show of a missing record" participation show P1 4
fails 4 "a person with participation cannot be removed" person remove 3
err_has "the refusal counts the records" "3 participation records in 2 programmes"

ok "remove a record" participation remove P1 3 --activity S1
db_is "gone" "SELECT count(*) FROM participation WHERE activity_id IS NOT NULL" "0"
fails 3 "remove it again" participation remove P1 3 --activity S1

ok "audit of one participant in a programme, activities included" audit --entity participation:P1/3
out_has "the activity record is there" "P1/3/S1"
out_has "the removal is there" "remove"
db_is "every change to participation is audited (5 adds, 6 sets, 1 remove)" \
	"SELECT count(*) FROM audit WHERE entity = 'participation'" "12"
finish
