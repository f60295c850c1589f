#!/bin/sh
# The exercises plugin end to end: exercises with the source of their
# figures, units with headcount, people without, roles, lessons learned,
# the two reports against hand-computed figures, and lessons submitted
# and listed (the workflow after that: t86_exercises_lessons.sh).
. "$(dirname "$0")/areas.sh"

ok "ministry" org add MOD "Міністерство оборони України" --kind ministry --region Київ
ok "unit 1" org add U1 "Військова частина А0101" --kind military-unit --region Львівська --parent MOD
ok "unit 2" org add U2 "Військова частина А0202" --kind military-unit --region Одеська --parent MOD
ok "unit 3" org add U3 "Військова частина А0303" --kind military-unit --parent MOD
ok "a service member" person add S1 "Коваль Андрій" --org U1 --service military --category капітан

ok "Rapid Trident 2021" programme add exercises RT21 "Rapid Trident 2021" \
    --start 2021-09-20 --end 2021-10-01 --field kind=exercise --field type=FTX \
    --field lead=multinational --field host_nation=Україна \
    --field location="Міжнародний центр миротворчості та безпеки, Яворів, Львівська область" \
    --field domain=land --field troops=6000 --field nations=15 \
    --field source="public reports: about 6,000 troops from 15 nations"
ok "Sea Breeze 2021" programme add exercises SB21 "Sea Breeze 2021" \
    --start 28.06.2021 --end 10.07.2021 --field kind=exercise --field type=LIVEX \
    --field lead=multinational --field host_nation="Україна, США" --field location="Одеська область" \
    --field domain=maritime --field nations=32 --field troops=5000 --field ships=32 \
    --field aircraft=40 --field source="co-hosts' announcements (figures vary)"
ok "a 2022 training" programme add exercises CR22 "Кібернавчання 2022" --start 2022-05-01 \
    --field kind=training --field type=CAX --field domain=joint --field source="план навчань"
db_matches "figures stored typed (the JSON text: json_type is SQLite's)" "SELECT fields FROM programme WHERE code = 'RT21'" '*"troops":6000[,}]*'

before=$(snapshot)
fails 4 "an exercise without a source refused" programme add exercises X1 "Навчання" --field kind=exercise
err_has "the missing field is named" "source"
fails 4 "an unknown exercise type refused" programme add exercises X2 "Навчання" \
    --field kind=exercise --field type=BIGX --field source=x
err_has "the types are listed" "CPX"
fails 4 "an unknown domain refused" programme add exercises X3 "Навчання" \
    --field kind=exercise --field domain=space --field source=x
fails 4 "a field of another area refused" programme add exercises X4 "Навчання" \
    --field kind=exercise --field source=x --field credits=2
same "nothing changed" "$(snapshot)" "$before"

ok "units take part" enrol RT21 U1 U2 $ORG --role participant
ok "a person takes part as staff" enrol RT21 S1 --role staff
ok "unit in Sea Breeze" enrol SB21 U1 $ORG
ok "unit 3 in Sea Breeze" enrol SB21 U3 $ORG
ok "unit 2 in the training" enrol CR22 U2 $ORG --role observer
ok "headcount of unit 1" participation set RT21 U1 $ORG --field headcount=300
ok "headcount of unit 2" participation set RT21 U2 $ORG --field headcount=200
ok "headcount in Sea Breeze" participation set SB21 U1 $ORG --field headcount=150
ok "headcount of unit 3" participation set SB21 U3 $ORG --field headcount=999
ok "unit 3 withdrew" participation set SB21 U3 $ORG --status withdrawn
ok "headcount in the training" participation set CR22 U2 $ORG --field headcount=50

before=$(snapshot)
fails 4 "a headcount on a person refused" participation set RT21 S1 --field headcount=5
err_has "the error says units only" "field 'headcount' = 5 is for units only: person 'S1'"
fails 4 "a ministry cannot take part" enrol RT21 MOD $ORG
err_has "the error names the kind" "organisation 'MOD' is of kind 'ministry'"
fails 4 "an unknown role refused" enrol SB21 S1 --role cook
err_has "the roles are listed" "observer"
fails 4 "a zero headcount refused" participation set RT21 U1 $ORG --field headcount=0
same "nothing changed" "$(snapshot)" "$before"

report_is "participation by year and domain" \
    '[.[] | [.year, .domain, .exercises, .units, .people, .headcount]]' \
    '[["2021","land",1,2,1,500],["2021","maritime",1,1,0,150],["2022","joint",1,1,0,50]]' ex_by_year
report_is "by year within --from/--to" '[.[] | [.year, .domain]]' '[["2021","land"]]' \
    ex_by_year --from 2021-09-01 --to 2021-12-31
report_is "each unit's record" '[.[] | [.unit, .exercises, .first, .last, .headcount]]' \
    '[["U1",2,"2021-06-28","2021-09-20",450],["U2",2,"2021-09-20","2022-05-01",250]]' ex_unit_record

ok "record a lesson" exercises lesson submit RT21 "Зв'язок між штабами налагоджувати заздалегідь"
ok "another lesson" exercises lesson submit SB21 "More interpreters on board"
fails 3 "a lesson of no exercise" exercises lesson submit NOPE "text"
err_has "names it" "no exercise 'NOPE'"
fails 4 "an empty lesson refused" exercises lesson submit RT21 "  "
fails 2 "a lesson without text is a usage error" exercises lesson submit RT21
fails 2 "the old form without a verb is a usage error" exercises lesson RT21 "text"
err_has "names the verbs" "unknown verb 'RT21' for 'exercises lesson' (verbs: submit, validate, reject, identify, learn, list)"
db_is "two lessons stored" "SELECT count(*) FROM exercises_lesson" "2"
ok "list the lessons" --format json exercises lesson list
json_is "both listed in order" '[.[] | [.exercise, .observation, .status]]' \
    '[["RT21","Зв'"'"'язок між штабами налагоджувати заздалегідь","submitted"],["SB21","More interpreters on board","submitted"]]'
ok "lessons of one exercise" exercises lesson list SB21
out_has "shows it" "More interpreters on board"
out_lacks "not the other" "Зв'язок"
finish
