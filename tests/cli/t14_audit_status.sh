#!/bin/sh
# The audit log (filters by date, record and count, newest last), status
# (counts by kind, area and status) and check (clean, then with problems).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

ok "init" init
ok "check of an empty database" check
out_is "prints ok" "ok"
ok "status of an empty database" status
out_has "status names the database file" "$DB"
out_has "status gives the schema version" "schema"

ok "an organisation" org add MOU "Міністерство оборони України"
ok "a person" person add 1 "Гнатюк Олена" --org MOU
ok "another" person add 2 "Ґудзь Петро"
ok "change a person" person set 2 --name "Ґудзь Петро Іванович"

ok "audit" audit
same "every change is listed, oldest first" "$(awk 'NR > 2 { print $NF }' "$OUT" | wc -l)" "4"
ok "audit as json" --format json audit
json_ok "json has the columns" '.[0] | has("at") and has("os_user") and has("command") and has("entity") and has("entity_key") and has("action") and has("old") and has("new")'
json_ok "newest last" '.[0].action == "add" and .[0].entity == "organisation" and .[3].action == "change"'
json_ok "the command line is recorded" '.[3].command | contains("person set 2")'
json_ok "the OS user is recorded" '.[0].os_user | length > 0'
json_ok "old and new values of a change" '.[3].old | contains("Ґудзь Петро\"")'
ok "audit --limit 2" --format json audit --limit 2
json_ok "the last two, newest last" 'length == 2 and .[1].action == "change"'
ok "audit of one record" --format json audit --entity person:2
json_ok "only person 2" 'length == 2 and all(.entity_key == "2")'
ok "org is accepted for organisation" --format json audit --entity org:MOU
json_ok "the organisation's add" 'length == 1 and .[0].entity == "organisation"'
ok "audit since a date in DD.MM.YYYY" --format json audit --since 01.01.2000
json_ok "everything since 2000" 'length == 4'
ok "audit since tomorrow" --format json audit --since 2999-01-01
json_ok "nothing" 'length == 0'
before=$(snapshot)
fails 2 "an --entity without a key is refused" audit --entity person
fails 4 "an unknown entity kind is refused" audit --entity planet:1
err_has "the error lists the kinds" "allowed: organisation, person, programme, activity, participation"
fails 4 "a bad --since date is refused" audit --since 2021-02-30
fails 2 "a bad --limit is refused" audit --limit 0
fails 2 "a non-numeric --limit is refused" audit --limit ten
same "audit reads only" "$(snapshot)" "$before"
n=$(sql "SELECT count(*) FROM audit")
sql_refused "audit rows cannot be deleted" "DELETE FROM audit" "the audit log is append-only"
db_is "and are all still there" "SELECT count(*) FROM audit" "$n"

add_programme P1 "Курс" test planned
add_programme P2 "Навчання" test active
add_programme P3 "Навчання 2" other active
ok "enrol" enrol P1 1 2
ok "move one" participation set P1 1 --status enrolled
ok "an activity" activity add P1 S1 "Сесія"

ok "status" --format json status
json_ok "counts of each kind" 'map(select(.detail == null) | {(.item): .value}) | add | .organisations == 1 and .people == 2 and .programmes == 3 and .activities == 1 and .participation == 2'
json_ok "audit rows counted" 'map(select(.item == "audit rows"))[0].value == 8'
json_ok "programmes by area and status" 'map(select(.item == "programmes" and .detail != null) | {(.detail): .value}) | add == {"other active": 1, "test active": 1, "test planned": 1}'
json_ok "participation by status" 'map(select(.item == "participation" and .detail != null) | {(.detail): .value}) | add == {"enrolled": 1, "nominated": 1}'
ok "status as a table" status
out_has "table shows programmes by area" "area test: planned"

before=$(snapshot)
fails 4 "check reports programmes of areas with no loaded plugin" check
out_has "naming the area and the count" "area 'other' of 1 programme"
out_has "and the other area" "area 'test' of 2 programmes"
err_has "the error counts the problems" "check found 2 problems"
same "check changed nothing" "$(snapshot)" "$before"

# Damage the database's own checks find: a reference to a missing row put
# in behind the constraint's back (SQLite's shell does not enforce foreign
# keys, and the audit's trigger, which needs integra's functions, goes
# first; a server's replica role skips the triggers of foreign keys), and
# on PostgreSQL the audit's trigger switched off.
if [ -n "$PG" ]; then
	sql_do "a person's organisation removed behind the foreign key" \
	    "SET session_replication_role = replica; DELETE FROM organisation WHERE code = 'MOU'"
	sql_do "the audit of the activities switched off" \
	    "ALTER TABLE activity DISABLE TRIGGER USER"
else
	sql_do "a person's organisation removed behind the foreign key" \
	    "DROP TRIGGER organisation_audit_remove; DELETE FROM organisation WHERE code = 'MOU'"
fi
fails 4 "check reports the broken reference" check
out_has "naming the table, the row and the parent" \
    "problem: broken reference: person row $(sql "SELECT id FROM person WHERE key = '1'") refers to a missing organisation"
if [ -n "$PG" ]; then
	out_has "and the disabled trigger on PostgreSQL" "problem: integrity: trigger"
	out_has "of the activities" "of activity is disabled"
fi
finish
