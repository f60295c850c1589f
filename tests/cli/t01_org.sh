#!/bin/sh
# Organisations end to end: add, list in Ukrainian order, search, set,
# remove, and every kind of bad input leaving the database unchanged.
. "$(dirname "$0")/lib.sh"

fails 1 "commands refuse a database that does not exist" org list
err_has "the error says to run init" "run 'integra init'"
ok "init creates the database" init
db_is "the database file has mode 0600" "SELECT 1" "1"
if [ -n "$PG" ]; then
	skip "mode is 0600" "a database on a server has no file mode"
else
	same "mode is 0600" "$(stat -c %a "$DB")" "600"
fi
ok "init again is idempotent" init
out_has "second init says up to date" "up to date"

ok "add a ministry" org add MOU "Міністерство оборони України" --kind ministry --region Київ
ok "add an oblast administration" org add LODA "Львівська ОДА" --kind oblast-administration --region "львівська область"
ok "add a unit under the ministry" org add A0001 "Військова частина А0001" --kind military-unit --parent MOU
ok "add with Ґ" org add GOV "Ґенеральний штаб" --kind agency
ok "add with Г" org add HUM "Гуманітарний центр"
ok "add with Д" org add DSNS "Державна служба з надзвичайних ситуацій" --kind agency
db_is "region stored canonically" "SELECT region FROM organisation WHERE code='LODA'" "Львівська"

ok "list" org list
names=$(awk 'NR>2 {print $2}' "$OUT" | tr '\n' ' ')
same "listing in Ukrainian order (Г < Ґ < Д)" "$names" "Військова Гуманітарний Ґенеральний Державна Львівська Міністерство "

ok "search is case-insensitive for Cyrillic" org list --search "ҐЕНЕРАЛЬНИЙ"
out_has "search finds Ґ in either case" "GOV"
out_lacks "search leaves out the rest" "MOU"

ok "json list" --format json org list
if jq -e 'length == 6 and .[0].code == "A0001"' "$OUT" >/dev/null; then pass "json parses"; else fail "json parses"; fi

before=$(snapshot)
fails 4 "duplicate code refused" org add MOU "Інше"
fails 4 "unknown kind refused" org add X1 "Щось" --kind club
err_has "the error lists the kinds" "allowed: ministry"
fails 4 "unknown region refused" org add X2 "Щось" --region Атлантида
fails 3 "unknown parent refused" org add X3 "Щось" --parent NOPE
fails 4 "empty name refused" org add X4 ""
big=$(head -c 130000 /dev/zero | tr '\0' 'a')
fails 4 "a 130 kB name (the most one argument can carry) is refused" org add X5 "$big"
fails 4 "invalid UTF-8 refused" org add X6 "$(printf 'bad\377name')"
fails 4 "removing a referenced organisation is refused" org remove MOU
err_has "the refusal counts what references it" "0 people, 1 organisation,"
fails 4 "a parent loop is refused" org set MOU --parent A0001
fails 2 "unknown option is a usage error" org add X7 "Name" --colour red
fails 2 "unknown verb is a usage error" org frobnicate
same "failed commands changed nothing" "$(snapshot)" "$before"

ok "SQL text in a name is stored verbatim" org add INJ "Robert'); DROP TABLE organisation;--"
db_is "and read back verbatim" "SELECT name FROM organisation WHERE code='INJ'" "Robert'); DROP TABLE organisation;--"
ok "set changes the name" org set HUM --name "Гуманітарний центр (новий)"
db_is "new name stored" "SELECT name FROM organisation WHERE code='HUM'" "Гуманітарний центр (новий)"
ok "remove an unreferenced organisation" org remove INJ
db_is "it is gone" "SELECT count(*) FROM organisation WHERE code='INJ'" "0"
fails 3 "show of a missing code" org show NOPE
ok "a verb prefix works" org sh MOU
out_has "show prints the name" "Міністерство оборони України"
db_is "every change is audited" "SELECT count(*) FROM audit WHERE entity='organisation'" "9"
finish
