#!/bin/sh
# Programmes without an area plugin (the core alone): add refused for an
# unknown area, rows put in directly are listed, shown, changed (dates,
# status moves), filtered (--overdue --as-of) and removed, and bad input
# leaves the database unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

ok "init" init
ok "add an owner" org add KMU "Кабінет Міністрів України" --kind government
before=$(snapshot)
fails 4 "programme add refuses an area no plugin serves" programme add nowhere P0 "Курс"
err_has "the error names the area and the loaded ones" "unknown area 'nowhere' (loaded:"
same "the refusal changed nothing" "$(snapshot)" "$before"

add_programme CMU-1 "Аналіз річних національних програм" decree planned 2021-09-23
add_programme CMU-4 "Програми підвищення кваліфікації" decree active 2022-01-23
add_programme CMU-2 "Структурні підрозділи з євроінтеграції" decree planned
add_programme EX-1 "Rapid Trident 2021" exercises completed 2021-10-01
add_programme P1 "Курс «євроатлантична інтеграція»" test

ok "list" programme list
out_has "list shows a programme" "CMU-1"
out_has "list has the fields column without --area plugin" "fields"
ok "list one area" programme list --area exercises
same "only that area" "$(column 1)" "EX-1 "
ok "list by status" programme list --status planned
same "only planned" "$(column 1)" "CMU-1 CMU-2 P1 "
ok "overdue as of a date" programme list --overdue --as-of 01.12.2021
same "past due and still open (completed ones are not late)" "$(column 1)" "CMU-1 "
ok "overdue later" programme list --overdue --as-of 2022-02-01
same "both decree items are late" "$(column 1)" "CMU-1 CMU-4 "
ok "search is case-insensitive" programme list --search "ЄВРОІНТЕГРАЦІЇ"
same "found by title" "$(column 1)" "CMU-2 "
ok "json" --format json programme list --area decree
json_ok "json lists three with fields as an object" 'length == 3 and (.[0].fields | type) == "object"'

ok "show" programme show CMU-1
out_has "show prints the title" "Аналіз річних національних програм"
out_has "show prints the due date" "2021-09-23"
out_has "show counts activities" "activities:"

ok "set dates in DD.MM.YYYY" programme set CMU-1 --start 23.07.2021 --end 23.09.2021 --owner KMU
db_is "dates stored as ISO" "SELECT start || ' ' || \"end\" FROM programme WHERE code = 'CMU-1'" "2021-07-23 2021-09-23"
db_is "owner stored" "SELECT o.code FROM programme p JOIN organisation o ON o.id = p.owner_id WHERE p.code = 'CMU-1'" "KMU"
ok "list by owner" programme list --owner KMU
same "owned by the Cabinet" "$(column 1)" "CMU-1 "

before=$(snapshot)
fails 4 "an impossible date is refused" programme set CMU-1 --due 2021-02-30
err_has "the error names the date" "'2021-02-30'"
fails 4 "the end before the start is refused" programme set CMU-1 --end 01.07.2021
err_has "the error says so" "before it starts"
fails 4 "planned -> completed is refused" programme set CMU-1 --status completed
err_has "the error names the allowed moves" "allowed next: active, cancelled"
fails 4 "completed is final" programme set EX-1 --status active
err_has "the error says it is final" "none, it is final"
fails 4 "an unknown status is refused" programme set CMU-1 --status done
fails 4 "fields cannot be set with no plugin for the area" programme set P1 --field level=3
err_has "the error names the area" "area 'test'"
fails 4 "an empty title is refused" programme set CMU-1 --title ""
fails 3 "an unknown owner is refused" programme set CMU-1 --owner NOPE
fails 3 "set of a missing programme" programme set NOPE --title "Х"
fails 2 "set with nothing to change" programme set CMU-1
fails 3 "show of a missing programme" programme show NOPE
fails 4 "an unknown status filter is refused" programme list --status done
fails 4 "a bad --as-of is refused" programme list --overdue --as-of 31.02.2022
same "failed commands changed nothing" "$(snapshot)" "$before"

ok "planned -> active" programme set CMU-1 --status active
ok "active -> completed" programme set CMU-1 --status completed
db_is "status stored" "SELECT status FROM programme WHERE code = 'CMU-1'" "completed"
ok "planned -> cancelled" programme set CMU-2 --status cancelled
db_is "cancelled stored" "SELECT status FROM programme WHERE code = 'CMU-2'" "cancelled"
ok "SQL text in a title is stored verbatim" programme set P1 --title "x'); DROP TABLE programme;--"
db_is "read back verbatim" "SELECT title FROM programme WHERE code = 'P1'" "x'); DROP TABLE programme;--"
ok "clear the due date" programme set CMU-4 --due ""
db_is "due cleared" "SELECT count(*) FROM programme WHERE code = 'CMU-4' AND due IS NULL" "1"

ok "an activity" activity add CMU-4 S1 "Сесія 1"
ok "a person" person add 1 "Гнатюк Олена"
ok "enrolled" enrol CMU-4 1
before=$(snapshot)
fails 4 "removing a referenced programme is refused" programme remove CMU-4
err_has "the refusal counts what references it" "1 activity, 1 participation record"
fails 4 "removing the owner of a programme is refused" org remove KMU
err_has "and counts the programmes" "1 programme,"
same "refusals changed nothing" "$(snapshot)" "$before"
ok "remove an unreferenced programme" programme remove EX-1
db_is "it is gone" "SELECT count(*) FROM programme WHERE code = 'EX-1'" "0"

ok "audit of one programme" audit --full --entity programme:CMU-1
out_has "the status change is in the audit" '"status":"completed"'
db_is "every change to programmes is audited (6 sets, 1 remove)" \
	"SELECT count(*) FROM audit WHERE entity = 'programme'" "7"
finish
