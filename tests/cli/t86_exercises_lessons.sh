#!/bin/sh
# Exercises as they are planned and learned from: the planning stages
# (forward only, dated), training objectives assessed once the exercise
# is conducted, and the lessons-learned workflow (submitted -> validated
# or rejected -> identified with action, action body and due date ->
# learned), with outstanding remedial actions in `integra deadlines`.
# Every refusal is one line and changes nothing.
. "$(dirname "$0")/areas.sh"

ok "ministry" org add MOD "Міністерство оборони України" --kind ministry
ok "a unit" org add U1 "Військова частина А0101" --kind military-unit --parent MOD
ok "the training command" org add KSP "Командування Сил підтримки ЗСУ" --kind military-unit --parent MOD
ok "Rapid Trident 2021" programme add exercises RT21 "Rapid Trident 2021" \
    --start 2021-09-20 --end 2021-10-01 --field kind=exercise --field type=FTX \
    --field source="public reports"
ok "a programme of another area" programme add decree D1 "Доручення" \
    --field decree=1/2021 --field term=none

# Stages.
ok "initiation" exercises stage set RT21 initiation --on 15.01.2021
ok "specification" exercises stage set RT21 specification --on 2021-03-01
ok "planning" exercises stage set RT21 planning --on 2021-05-10
before=$(snapshot)
fails 4 "objectives are not assessed while planning" exercises objective set RT21 TO-1 achieved
fails 4 "a stage backwards" exercises stage set RT21 initiation --on 2021-06-01
err_has "one line naming the current stage" \
    "exercise 'RT21' is already in stage 'planning' (since 2021-05-10): stages only move forward"
fails 4 "the same stage again" exercises stage set RT21 planning
fails 4 "a move dated before the last one" exercises stage set RT21 conduct --on 2021-05-01
err_has "names both dates" "--on 2021-05-01 is before exercise 'RT21' entered stage 'planning' (2021-05-10)"
fails 4 "an unknown stage" exercises stage set RT21 rehearsal
err_has "lists the stages" "unknown stage 'rehearsal' (allowed: initiation, specification, planning, conduct, after-action)"
fails 3 "a stage of no exercise" exercises stage set NOPE planning
fails 4 "a stage of a programme of another area" exercises stage set D1 planning
err_has "says so" "programme 'D1' is in area 'decree', not an exercise"
fails 4 "an impossible date" exercises stage set RT21 conduct --on 31.09.2021
fails 2 "--on without a date" exercises stage set RT21 conduct --on
fails 2 "a missing stage" exercises stage set RT21
fails 2 "an unknown verb" exercises stage move RT21 conduct
err_has "names it" "unknown verb 'move' for 'exercises stage' (verbs: set, list)"
same "nothing changed" "$(snapshot)" "$before"
ok "conduct" exercises stage set RT21 conduct --on 2021-09-20
ok "after-action" exercises stage set RT21 after-action --on 2021-10-02
ok "stage history" --format json exercises stage list RT21
json_is "each move with its dates" '[.[] | [.stage, .since, .until]]' \
    '[["initiation","2021-01-15","2021-03-01"],["specification","2021-03-01","2021-05-10"],["planning","2021-05-10","2021-09-20"],["conduct","2021-09-20","2021-10-02"],["after-action","2021-10-02",null]]'
ok "where each exercise is" --format json exercises stage list
json_is "the current stage" '[.[] | [.exercise, .stage, .since]]' '[["RT21","after-action","2021-10-02"]]'
db_is "stage moves are audited" "SELECT count(*) FROM audit WHERE entity = 'exercises_stage'" "5"

# Training objectives.
ok "objective 1" exercises objective add RT21 TO-1 "Планування спільної операції багатонаціональним штабом"
ok "objective 2" exercises objective add RT21 TO-2 "Взаємодія підрозділів за стандартами НАТО"
ok "objective 3" exercises objective add RT21 TO-3 "Медична евакуація"
ok "TO-1 achieved" exercises objective set RT21 TO-1 achieved --on 2021-10-05
ok "TO-2 partly" exercises objective set RT21 TO-2 partly --on 2021-10-05
ok "TO-3 not achieved" exercises objective set RT21 TO-3 not-achieved
before=$(snapshot)
fails 4 "an objective code twice" exercises objective add RT21 TO-1 "Інше"
fails 4 "an empty objective" exercises objective add RT21 TO-4 " "
fails 4 "a code with a space" exercises objective add RT21 "TO 4" "Інше"
fails 4 "an unknown result" exercises objective set RT21 TO-1 excellent
err_has "lists the results" "unknown result 'excellent' (allowed: achieved, partly, not-achieved)"
fails 3 "an unknown objective" exercises objective set RT21 TO-9 achieved
err_has "names it" "exercise 'RT21' has no objective 'TO-9'"
same "nothing changed" "$(snapshot)" "$before"
ok "objectives" --format json exercises objective list RT21
json_is "each with its result" '[.[] | [.objective, .result, .assessed]]' \
    '[["TO-1","achieved","2021-10-05"],["TO-2","partly","2021-10-05"],["TO-3","not-achieved","'"$(date +%F)"'"]]'

# Lessons learned.
ok "observation 1" --format json exercises lesson submit RT21 "Штаби не мали спільної картини обстановки" --on 2021-10-01
json_is "its number is shown" '[.[] | [.lesson, .exercise, .status]]' '[[1,"RT21","submitted"]]'
ok "observation 2" exercises lesson submit RT21 "Забагато паперових звітів" --on 2021-10-01
ok "observation 3" exercises lesson submit RT21 "Мало перекладачів" --on 2021-10-02
ok "1 validated" exercises lesson validate 1 --on 2021-10-05
ok "2 rejected with a reason" exercises lesson reject 2 "Не підтверджено іншими учасниками" --on 2021-10-05
ok "3 validated" exercises lesson validate 3 --on 2021-10-05
ok "1 identified" exercises lesson identify 1 --action "Запровадити спільну систему відображення обстановки" \
    --body KSP --due 2021-12-01 --on 2021-10-10
ok "3 identified" exercises lesson identify 3 --action "Підготувати перекладачів" --body MOD --due 01.03.2022 --on 2021-10-10
ok "observation 4" exercises lesson submit RT21 "Пізно розгорнуто польовий госпіталь" --on 2021-10-02
ok "4 validated" exercises lesson validate 4 --on 2021-10-06
before=$(snapshot)
fails 4 "a lesson identified without an action body" exercises lesson identify 4 --action "Щось" --due 2022-01-01
err_has "one line" "lesson 4: a lesson identified needs an action body (--body ORG, the organisation that carries out the remedial action)"
fails 4 "identify a rejected observation" exercises lesson identify 2 --action "Щось" --body MOD --due 2022-01-01
err_has "says its status" "lesson 2 is rejected, not validated"
fails 4 "validate twice" exercises lesson validate 1
fails 4 "reject without a reason" exercises lesson reject 4 " "
fails 4 "learn before it is identified" exercises lesson learn 2
fails 3 "an unknown action body" exercises lesson identify 4 --action "x" --body NOPE --due 2022-01-01
fails 3 "an unknown lesson" exercises lesson validate 99
err_has "names it" "no lesson 99"
fails 2 "a lesson number that is not one" exercises lesson validate first
fails 4 "a step dated before the last one" exercises lesson learn 1 --on 2021-10-09
err_has "names the dates" "--on 2021-10-09 is before lesson 1's last step (2021-10-10)"
fails 4 "no remedial action" exercises lesson identify 4 --body MOD --due 2022-01-01
fails 4 "no due date" exercises lesson identify 4 --action "x" --body MOD
fails 4 "a due date before the lesson is identified" exercises lesson identify 4 --action "x" --body MOD --due 2021-10-01 --on 2021-10-10
err_has "names both" "--due 2021-10-01 is before the lesson is identified (2021-10-10)"
fails 4 "an unknown status" exercises lesson list --status lost
fails 2 "an unknown verb" exercises lesson close 1
fails 2 "no verb" exercises lesson
same "nothing changed" "$(snapshot)" "$before"
db_is "every step audited" "SELECT count(*) FROM audit WHERE entity = 'exercises_lesson'" "10"

ok "deadlines as of 1 January 2022" --format json deadlines --as-of 2022-01-01
json_is "both remedial actions, the first overdue" '[.[] | [.code, .area, .owner, .due, .days_late, .status]]' \
    '[["RT21/L1","exercises","KSP","2021-12-01",31,"overdue"],["RT21/L3","exercises","MOD","2022-03-01",null,"due"]]'
report_is "only overdue" '[.[] | .code]' '["RT21/L1"]' deadlines --overdue --as-of 2022-01-01
report_is "none before they were identified" 'length' '0' deadlines --as-of 2021-10-09
report_is "by area" '[.[] | [.area, .outstanding, .overdue]]' '[["exercises",2,1]]' deadlines --by area --as-of 2022-01-01
ok "1 learned" exercises lesson learn 1 --on 2022-01-15
report_is "the learned one leaves the deadlines" '[.[] | .code]' '["RT21/L3"]' deadlines --as-of 2022-01-16
report_is "but was there before it was learned" '[.[] | .code]' '["RT21/L1","RT21/L3"]' deadlines --as-of 2022-01-14
report_is "ex_learning as of 1 January 2022" \
    '[.[] | [.exercise, .stage, .objectives, .achieved, .partly, .not_achieved, .observations, .rejected, .actions_open, .actions_late, .learned]]' \
    '[["RT21","after-action",3,1,1,0,4,1,2,1,0]]' ex_learning --as-of 2022-01-01
report_is "ex_learning as of 1 February 2022: one learned" \
    '[.[] | [.actions_open, .actions_late, .learned]]' '[[1,0,1]]' ex_learning --as-of 2022-02-01
report_is "ex_learning as of 1 June 2021: still planning, nothing observed" \
    '[.[] | [.stage, .achieved, .observations, .actions_open]]' '[["planning",0,0,0]]' ex_learning --as-of 2021-06-01
ok "lessons" --format json exercises lesson list RT21
json_is "the whole workflow" '[.[] | [.lesson, .status, .decided, .reason, .body, .due, .learned]]' \
    '[[1,"learned","2021-10-05",null,"KSP","2021-12-01","2022-01-15"],[2,"rejected","2021-10-05","Не підтверджено іншими учасниками",null,null,null],[3,"identified","2021-10-05",null,"MOD","2022-03-01",null],[4,"validated","2021-10-06",null,null,null,null]]'
ok "lessons by status" --format json exercises lesson list --status identified
json_is "only the identified one" '[.[] | .lesson]' '[3]'

# A database of version 1 (lessons as free text) is upgraded by init: its
# lessons become submitted observations.
sql_do "back to the tables of version 1" "DROP TABLE exercises_stage; DROP TABLE exercises_objective;
DROP TABLE exercises_lesson; CREATE TABLE exercises_lesson (id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES programme(id), recorded TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX exercises_lesson_programme ON exercises_lesson(programme_id);
INSERT INTO exercises_lesson VALUES (7, (SELECT id FROM programme WHERE code = 'RT21'), '2021-10-01', 'Старий урок');
DELETE FROM plugin_object WHERE tbl IN ('exercises_stage', 'exercises_objective');
UPDATE migration SET version = 1 WHERE component = 'exercises';"
fails 1 "version 1 must be upgraded first" exercises lesson list
err_has "says how" "run 'integra init' to upgrade it"
ok "init upgrades it" init
db_is "the old lesson is a submitted observation" "SELECT id || ' ' || status || ' ' || text FROM exercises_lesson" "7 submitted Старий урок"
ok "and goes on through the workflow" exercises lesson validate 7 --on 2021-10-05
ok "stages work again" exercises stage set RT21 conduct --on 2021-09-20
finish
