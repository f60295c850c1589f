#!/bin/sh
# Enumerations typed in Ukrainian on the command line (kinds, services,
# categories, statuses, roles, regions in every usual spelling), under
# the C locale as a cron job runs; and what bad input gets: an ambiguous
# value refused naming both identifiers, a file in an encoding that is
# neither UTF-8 nor the one given refused with its line and a hint, a
# header cell that names two columns refused, a header that was not split
# by its delimiter, and a bad --delimiter or --encoding.  A refusal stores
# nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"
export LC_ALL=C

ok "init" init
ok "a ministry typed in Ukrainian, Kyiv as м. Київ" org add MOU "Міністерство оборони України" --kind Міністерство --region "м. Київ"
db_is "stored as identifier and canonical region" "SELECT kind || ' ' || region FROM organisation WHERE code = 'MOU'" "ministry Київ"
ok "an ОДА in Львівська обл." org add LODA "Львівська ОДА" --kind "обласна державна адміністрація" --region "Львівська обл."
ok "м.Київ without a space" org add KMDA "КМДА" --kind "МІСЦЕВА РАДА" --region "м.Київ"
ok "місто Київ" org add K2 "Друга" --region "місто Київ"
ok "АР Крим" org add KR "Представництво" --region "АР Крим"
ok "Автономна Республіка Крим" org add KR2 "Друге" --region "Автономна Республіка Крим"
ok "м. Севастополь" org add SEV "Севастопольська" --region "м. Севастополь"
ok "Львівська область" org add L2 "Третя" --region "Львівська область"
ok "the English names" org add L3 "Четверта" --region "Lviv Oblast"
db_is "every spelling stored as one" \
	"SELECT group_concat(code || '=' || region, ' ') FROM (SELECT id, code, region FROM organisation ORDER BY id) AS s" \
	"MOU=Київ LODA=Львівська KMDA=Київ K2=Київ KR=Автономна Республіка Крим KR2=Автономна Республіка Крим SEV=Севастополь L2=Львівська L3=Львівська"
db_is "kinds as identifiers" "SELECT group_concat(kind, ' ') FROM (SELECT id, kind FROM organisation WHERE code IN ('LODA', 'KMDA') ORDER BY id) AS s" \
	"oblast-administration local-council"
ok "list filtered by a kind in Ukrainian" org list --kind "міністерство"
out_has "finds the ministry" "MOU"
out_lacks "and nothing else" "LODA"
ok "set with a kind in Ukrainian" org set K2 --kind "Заклад освіти"
db_is "changed" "SELECT kind FROM organisation WHERE code = 'K2'" "education-provider"

ok "a civil servant: service and category in Ukrainian" person add 1 "Гнатюк Олена" --org MOU --service "державна служба" --category "б"
db_is "stored as identifiers" "SELECT service || ' ' || category FROM person WHERE key = '1'" "civil-service Б"
ok "a rank stays as typed" person add 2 "Ґудзь Петро" --service "Військова служба" --category "старший лейтенант"
db_is "military with a rank" "SELECT service || ' ' || category FROM person WHERE key = '2'" "military старший лейтенант"
fails 4 "an unknown service is refused" person add 3 "Хтось" --service "служба безпеки"
err_has "listing the identifiers" "invalid service 'служба безпеки' (allowed: civil-service, local-self-government, military, other)"

add_programme P1 "Курс"
ok "a programme status in Ukrainian" programme set P1 --status "Активна"
db_is "active" "SELECT status FROM programme WHERE code = 'P1'" "active"
ok "enrol as enrolled, role in Ukrainian" enrol P1 1 --status "Зараховано" --role "Учасник"
db_is "enrolled participant" "SELECT role || ' ' || status FROM participation" "participant enrolled"
ok "attended" participation set P1 1 --status "відвідав"

before=$(snapshot)
fails 4 "an ambiguous status is refused" participation set P1 1 --status "Пройшов"
err_has "naming both identifiers" "ambiguous participation status 'Пройшов': it may mean 'attended' or 'completed'; give the identifier"
same "nothing changed" "$(snapshot)" "$before"
ok "the identifier settles it" participation set P1 1 --status completed

# Import: the same refusal, with the line and the column.
printf 'programme,person,status\nP1,2,пройшла\n' >"$T/amb.csv"
run import participation "$T/amb.csv"
same "an ambiguous status in a file is refused" "$RC" "4"
same "reported with line and column" "$(head -1 "$ERR")" \
	"$T/amb.csv:2: column 'status': value 'пройшла': ambiguous participation status 'пройшла': it may mean 'attended' or 'completed'; give the identifier"

# A file in an encoding that is neither UTF-8 nor the one given.
printf 'code,name\nX1,Назва\n' >"$T/utf8.csv"
fails 4 "a UTF-8 file given as cp1251 is refused" import orgs "$T/utf8.csv" --encoding cp1251
err_has "with its line and a hint" "line 2: the file is UTF-8, not cp1251: import it without --encoding"
printf 'code,name\nX1,ab\230cd\n' >"$T/bad1251.csv"
fails 4 "a byte cp1251 does not have" import orgs "$T/bad1251.csv" --encoding cp1251
err_has "is named with its line and column" "line 2, column 6: byte 0x98 is not cp1251 text; is the file in another encoding?"
printf 'code,name\nX1,Назва\n' | iconv -f UTF-8 -t CP1251 >"$T/w.csv"
run import orgs "$T/w.csv"
same "a Windows-1251 file without --encoding is refused" "$RC" "4"
err_has "the line and the hint" "line 2, column 4: invalid UTF-8: it looks like Windows-1251; try --encoding cp1251"
printf 'code,name\nX1,ab\377\n' >"$T/junk.csv"
run import orgs "$T/junk.csv"
same "other bytes that are not UTF-8 are refused" "$RC" "4"
err_has "get the plain advice" "invalid UTF-8 (save the file as UTF-8)"
db_is "no organisation stored by the refused files" "SELECT count(*) FROM organisation WHERE code = 'X1'" "0"

# Headers.
printf 'Код,Табельний номер,Статус\nP1,1,completed\n' >"$T/two.csv"
fails 4 "a header cell that names two columns" import participation "$T/two.csv"
err_has "is refused naming both" "column 1 'Код' of the header may be 'programme' or 'activity'; name it by its identifier"
printf 'Табельний номер,ПІБ,key\n3,Хтось,3\n' >"$T/twice.csv"
fails 4 "a column named twice, once in Ukrainian" import people "$T/twice.csv"
err_has "is refused" "column 'key' appears twice in the header (columns 1 and 3)"
printf 'Табельний номер\tПІБ\n3\tХтось\n' >"$T/tab.csv"
fails 4 "a header that was not split" import people "$T/tab.csv"
err_has "gets a hint about the delimiter" "its names were not split; is the delimiter another one? (give --delimiter ';' or --delimiter ',')"
printf 'key;name\n3;Хтось\n' >"$T/semi.csv"
fails 4 "a ';' file read with --delimiter ','" import people "$T/semi.csv" --delimiter ','
err_has "gets the hint too" "the header is one column 'key;name'"
fails 2 "a delimiter that is not , or ;" import people "$T/semi.csv" --delimiter '|'
err_has "is a usage error" "invalid --delimiter '|' (allowed: ',' or ';')"
fails 2 "an encoding iconv does not know" import people "$T/semi.csv" --encoding martian
err_has "is named" "unknown encoding 'martian'"
db_is "no person stored by the refused files" "SELECT count(*) FROM person WHERE key = '3'" "0"

finish
