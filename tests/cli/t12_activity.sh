#!/bin/sh
# Activities end to end: add, list, show, set (dates, capacity), remove,
# and refusals leaving the database unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

ok "init" init
add_programme P1 "Курс"
add_programme P2 "Інший курс"
ok "add an activity" activity add P1 S2 "Друга сесія" --start 01.10.2021 --end 05.10.2021 --location "Львів" --capacity 2
ok "add another" activity add P1 S1 "Перша сесія" --start 2021-09-20 --capacity 10
ok "the same code in another programme" activity add P2 S1 "Сесія"
db_is "dates stored as ISO" "SELECT start || ' ' || \"end\" FROM activity WHERE code = 'S2'" "2021-10-01 2021-10-05"
ok "list" activity list P1
same "listed by start" "$(column 1)" "S1 S2 "
ok "show" activity show P1 S2
out_has "show prints the location" "Львів"
out_has "show prints the capacity" "capacity:"
ok "json" --format json activity show P1 S2
json_ok "json has the capacity as a number" '.[0].capacity == 2 and .[0].participants == 0'

before=$(snapshot)
fails 4 "duplicate code in a programme refused" activity add P1 S1 "Знову"
err_has "the error names both" "activity 'S1' already exists in programme 'P1'"
fails 3 "unknown programme" activity add NOPE S1 "Сесія"
fails 4 "impossible date" activity add P1 S3 "Сесія" --start 2021-02-30
fails 4 "end before start" activity add P1 S3 "Сесія" --start 2021-10-05 --end 2021-10-01
fails 4 "negative capacity" activity add P1 S3 "Сесія" --capacity -1
fails 4 "capacity not a number" activity add P1 S3 "Сесія" --capacity many
fails 4 "fields without a plugin" activity add P1 S3 "Сесія" --field room=5
fails 3 "show of a missing activity" activity show P1 NOPE
fails 3 "set of a missing activity" activity set P1 NOPE --title "Х"
fails 2 "set with nothing to change" activity set P1 S1
fails 3 "list of a missing programme" activity list NOPE
same "failed commands changed nothing" "$(snapshot)" "$before"

ok "set the title and location" activity set P1 S1 --title "Перша сесія (змінена)" --location ""
db_is "changed" "SELECT title || '|' || coalesce(location, '-') FROM activity WHERE code = 'S1' AND programme_id = (SELECT id FROM programme WHERE code = 'P1')" "Перша сесія (змінена)|-"
ok "capacity kept when not given" activity set P1 S2 --end 06.10.2021
db_is "capacity still 2" "SELECT capacity FROM activity WHERE code = 'S2'" "2"
ok "SQL text in a location is stored verbatim" activity set P2 S1 --location "'; DELETE FROM activity;--"
db_is "read back verbatim" "SELECT location FROM activity WHERE programme_id = (SELECT id FROM programme WHERE code = 'P2')" "'; DELETE FROM activity;--"

ok "people" person add 1 "Гнатюк Олена"
ok "more people" person add 2 "Дмитренко Ірина"
ok "enrol two in S2" enrol P1 1 2 --activity S2
before=$(snapshot)
fails 4 "capacity below the enrolled refused" activity set P1 S2 --capacity 1
err_has "the error counts them" "below the 2 participants"
fails 4 "removing a referenced activity refused" activity remove P1 S2
err_has "the refusal counts the records" "2 participation records"
same "refusals changed nothing" "$(snapshot)" "$before"
ok "withdraw one" participation set P1 2 --activity S2 --status withdrawn
ok "now capacity 1 fits" activity set P1 S2 --capacity 1
db_is "capacity 1 stored" "SELECT capacity FROM activity WHERE code = 'S2'" "1"
ok "capacity '' removes the limit" activity set P1 S2 --capacity ""
db_is "no limit" "SELECT count(*) FROM activity WHERE code = 'S2' AND capacity IS NULL" "1"
ok "remove an unreferenced activity" activity remove P1 S1
db_is "gone" "SELECT count(*) FROM activity WHERE programme_id = (SELECT id FROM programme WHERE code = 'P1')" "1"

ok "audit of activities" audit --entity activity:P1/S2
out_has "the audit keys activities by programme" "P1/S2"
db_is "every change to activities is audited (3 adds, 5 sets, 1 remove)" \
	"SELECT count(*) FROM audit WHERE entity = 'activity'" "9"
finish
