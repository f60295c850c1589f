#!/bin/sh
# People end to end: add, list in Ukrainian order, case-insensitive
# Cyrillic search, show with counts, set, remove, service and category
# checks, and bad input leaving the database unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

ok "init" init
ok "add an organisation" org add MOU "Міністерство оборони України" --kind ministry
ok "add a civil servant" person add 1001 "Гнатюк Олена" --org MOU --service civil-service --category Б --position "головний спеціаліст"
ok "add with Ґ" person add 1002 "Ґудзь Петро" --service military --category "старший лейтенант"
ok "add with Д" person add 1003 "Дмитренко Ірина"
ok "add with И" person add 1004 "Иваненко Ян"
ok "add with І" person add 1005 "Іваненко Ігор" --service local-self-government
ok "add with Ї" person add 1006 "Їжак Яна"
ok "add with Й" person add 1007 "Йосипенко Юрій"
ok "add with Є" person add 1008 "Єрмак Євген" --org MOU
ok "add with Е" person add 1009 "Еней Степан"

ok "list" person list
same "names in Ukrainian order (Г < Ґ < Д, Е < Є, И < І < Ї < Й)" "$(column 2)" \
	"Гнатюк Ґудзь Дмитренко Еней Єрмак Иваненко Іваненко Їжак Йосипенко "

ok "search Є by lower case" person list --search "єрмак"
out_has "finds Єрмак" "1008"
out_lacks "and only him" "1001"
ok "search є by upper case" person list --search "ЄВГЕН"
out_has "finds Євген" "1008"
ok "search І/і" person list --search "ІГОР"
out_has "finds Ігор" "1005"
out_lacks "not Иваненко" "1004"
ok "search Ї/ї" person list --search "їЖАК"
out_has "finds Їжак" "1006"
ok "search Ґ/ґ" person list --search "ґУДЗЬ"
out_has "finds Ґудзь" "1002"
out_lacks "Ґ is not Г" "1001"
ok "search by key" person list --search 1003
out_has "finds by key" "Дмитренко"
ok "filter by organisation" person list --org MOU
same "people of MOU" "$(column 1)" "1001 1008 "
ok "filter by service" person list --service military
same "the military" "$(column 1)" "1002 "
ok "json list" --format json person list
json_ok "json has every person with typed keys" 'length == 9 and .[0].key == "1001" and .[0].org == "MOU"'
ok "csv list" --format csv person list --org MOU
out_has "csv header" "key,name,org,position,service,category"

ok "show" person show 1001
out_has "show names the organisation" "Міністерство оборони України"
out_has "show counts participation" "participation:"
out_has "show prints the position" "головний спеціаліст"

before=$(snapshot)
fails 4 "duplicate key refused" person add 1001 "Інша Особа"
err_has "the error names the key" "person '1001' already exists"
fails 4 "civil-service category must be А, Б or В" person add 2001 "Хтось" --service civil-service --category Г
err_has "the error lists the categories" "allowed: А, Б, В"
fails 4 "Latin B is not Cyrillic Б" person add 2002 "Хтось" --service civil-service --category B
fails 4 "unknown service refused" person add 2003 "Хтось" --service navy
err_has "the error lists the services" "allowed: civil-service, local-self-government, military, other"
fails 3 "unknown organisation refused" person add 2004 "Хтось" --org NOPE
fails 4 "empty name refused" person add 2005 ""
fails 4 "key with a space refused" person add "20 06" "Хтось"
fails 4 "invalid UTF-8 refused" person add 2007 "$(printf 'bad\377')"
fails 4 "setting civil service on a colonel's rank refused" person set 1002 --service civil-service
fails 2 "set with nothing to change" person set 1001
fails 3 "set of a missing person" person set 9999 --name "Ніхто"
fails 3 "show of a missing person" person show 9999
fails 3 "remove of a missing person" person remove 9999
fails 2 "missing arguments" person add 3001
fails 2 "unknown option" person add 3002 "Хтось" --rank general
same "failed commands changed nothing" "$(snapshot)" "$before"

ok "SQL text in a name is stored verbatim" person add 4001 "O'Brien'); DROP TABLE person;--"
db_is "read back verbatim" "SELECT name FROM person WHERE key = '4001'" "O'Brien'); DROP TABLE person;--"
db_is "the table is still there" "SELECT count(*) FROM person" "10"

ok "set the name and category" person set 1002 --name "Ґудзь Петро Іванович" --category "капітан"
db_is "stored" "SELECT name || '|' || category FROM person WHERE key = '1002'" "Ґудзь Петро Іванович|капітан"
ok "move to civil service with a category" person set 1002 --service civil-service --category А
db_is "service and category changed together" "SELECT service || category FROM person WHERE key = '1002'" "civil-serviceА"
ok "clear the organisation" person set 1008 --org ""
db_is "organisation cleared" "SELECT count(*) FROM person WHERE key = '1008' AND org_id IS NULL" "1"

add_programme P1 "Курс"
ok "enrol" enrol P1 1001
db_is "1001 takes part" "SELECT count(*) FROM participation" "1"
before=$(snapshot)
fails 4 "removing a person with participation is refused" person remove 1001
err_has "the refusal counts the records" "1 participation record in 1 programme"
fails 4 "removing the organisation of a person is refused" org remove MOU
same "refusals changed nothing" "$(snapshot)" "$before"
ok "remove a person with no participation" person remove 4001
db_is "gone" "SELECT count(*) FROM person WHERE key = '4001'" "0"

ok "audit shows people" audit --full --entity person:1002
out_has "the change of name is there" "Ґудзь Петро Іванович"
db_is "every change to people is audited (10 adds, 3 sets, 1 remove)" \
	"SELECT count(*) FROM audit WHERE entity = 'person'" "14"
finish
