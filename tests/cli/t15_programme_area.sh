#!/bin/sh
# Programmes, activities and participation of an area served by a plugin
# (the test-only tests/fixtures/area_test.c): area fields validated, stored
# typed, listed as columns and merged on change; organisations and the
# plugin's roles accepted.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

mkdir -p "$XDG_CONFIG_HOME/integra"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<CFG
plugins = { dir = "$FIXDIR"; enabled = [ "area_test" ]; };
CFG

ok "init" init
ok "an organisation" org add LODA "Львівська ОДА" --kind oblast-administration
ok "a person" person add 1 "Гнатюк Олена" --org LODA

ok "add a programme with fields" programme add test P1 "Курс «НАТО»" --owner LODA --start 23.07.2021 --end 2021-12-31 --due 31.12.2021 --field level=3 --field mode=online
db_is "dates stored as ISO" "SELECT start || ' ' || \"end\" || ' ' || due FROM programme WHERE code = 'P1'" "2021-07-23 2021-12-31 2021-12-31"
# The JSON text itself (json_type is SQLite's): a number, and a string.
db_matches "fields stored typed" "SELECT fields FROM programme WHERE code = 'P1'" \
    '*"level":3[,}]*'
db_matches "a text field as a string" "SELECT fields FROM programme WHERE code = 'P1'" \
    '*"mode":"online"[,}]*'

ok "add another" programme add test P2 "Другий курс" --status active

before=$(snapshot)
fails 4 "an unknown area names the loaded ones" programme add nowhere P3 "Курс"
err_has "the error lists the loaded areas" "unknown area 'nowhere' (loaded: test)"
fails 4 "a level out of bounds is refused" programme add test P3 "Курс" --field level=7
err_has "the error names the field" "level"
fails 4 "a mode not in the list is refused" programme add test P3 "Курс" --field mode=radio
err_has "the error lists the modes" "online"
fails 4 "an undeclared field is refused" programme add test P3 "Курс" --field colour=red
fails 4 "an impossible date is refused" programme add test P3 "Курс" --due 2021-02-30
fails 4 "the end before the start is refused" programme add test P3 "Курс" --start 2021-10-01 --end 2021-09-01
fails 4 "a duplicate code is refused" programme add test P1 "Курс"
err_has "the error names the code" "programme 'P1' already exists"
fails 4 "an unknown status is refused" programme add test P3 "Курс" --status done
same "failed commands changed nothing" "$(snapshot)" "$before"

ok "list one area" programme list --area test
out_has "the area's fields are columns" "level"
out_has "and so is mode" "mode"
ok "json list of the area" --format json programme list --area test
json_ok "typed field columns" '.[0].code == "P1" and .[0].level == 3 and .[0].mode == "online"'
ok "show" programme show P1
out_has "fields one per line" "level:"
ok "set one field, keep the other" programme set P1 --field level=4
db_is "fields merged" "SELECT json_extract(fields, '$.level') || ' ' || json_extract(fields, '$.mode') FROM programme WHERE code = 'P1'" "4 online"
fails 4 "a bad field value on set is refused" programme set P1 --field level=0

ok "enrol a person as observer" enrol P1 1 --role observer
ok "enrol an organisation" enrol P1 LODA --org
db_is "the organisation takes part" "SELECT count(*) FROM participation WHERE org_id IS NOT NULL" "1"
fails 4 "a role the plugin does not declare" enrol P2 1 --role boss
err_has "the error lists the plugin's roles" "allowed: participant, observer"
ok "an organisation's status moves" participation set P1 LODA --org --status enrolled
ok "list by organisation" participation list --org LODA
out_has "both the organisation and its person" "observer"
ok "check is clean with the plugin loaded" check
out_is "prints ok" "ok"
ok "audit of the programme" audit --full --entity programme:P1
out_has "the fields are in the audit" '"level":4'
finish
