#!/bin/sh
# Spreadsheets as a Ukrainian office writes them: Excel's ';', old files
# in Windows-1251 (made here with iconv), Ukrainian headers and values
# (Табельний номер, ПІБ, Завершено, державна служба, міністерство), decimal
# commas, м. Київ and АР Крим, dates 23.07.2021, stray spaces around keys
# and values.  Every file is loaded and the stored rows checked with
# sqlite3.
. "$(dirname "$0")/lib.sh"

# cp1251 FILE: the text on standard input, in Windows-1251, CRLF.
cp1251() { sed 's/$/\r/' | iconv -f UTF-8 -t CP1251 >"$1"; }

ok "init" init

cp1251 "$T/orgs.csv" <<'EOF'
Код;Назва;Вид;Регіон;Підпорядкування
MOU ;Міністерство оборони України;Міністерство ;м. Київ;
NADS;Національне агентство України з питань державної служби; Агентство;місто Київ;
LODA;Львівська обласна державна адміністрація;ОДА;Львівська обл.;
KRYM;Представництво в АР Крим;інше;АР Крим;
SEV;Севастопольська міська рада;місцева рада;м. Севастополь;
A0001;Військова частина А0001;військова частина;Львівська область; MOU
EOF
fails 4 "a Windows-1251 file without --encoding is refused" import orgs "$T/orgs.csv"
err_has "with its line and a hint" "line 1, column 1: invalid UTF-8: it looks like Windows-1251; try --encoding cp1251"
db_is "nothing stored" "SELECT count(*) FROM organisation" "0"

ok "organisations in cp1251 with ';'" import orgs "$T/orgs.csv" --encoding cp1251
out_has "six added" "6 added, 0 updated, 0 unchanged, 0 rejected"
out_has "the summary says values were trimmed" "4 values had spaces around them: trimmed"
db_is "kinds stored as identifiers" \
	"SELECT group_concat(code || '=' || kind, ' ') FROM (SELECT id, code, kind, region FROM organisation ORDER BY id) AS s" \
	"MOU=ministry NADS=agency LODA=oblast-administration KRYM=other SEV=local-council A0001=military-unit"
db_is "regions in their one spelling" \
	"SELECT group_concat(code || '=' || region, ' ') FROM (SELECT id, code, kind, region FROM organisation ORDER BY id) AS s" \
	"MOU=Київ NADS=Київ LODA=Львівська KRYM=Автономна Республіка Крим SEV=Севастополь A0001=Львівська"
db_is "a key with a space after it is the key" "SELECT count(*) FROM organisation WHERE code = 'MOU'" "1"
db_is "the parent found through a trimmed code" \
	"SELECT p.code FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE o.code = 'A0001'" "MOU"
db_is "Cyrillic names read from cp1251" "SELECT name FROM organisation WHERE code = 'LODA'" \
	"Львівська обласна державна адміністрація"

cp1251 "$T/people.csv" <<'EOF'
Табельний номер;ПІБ;Організація;Посада;Служба;Категорія
0001 ;Гнатюк Олена Петрівна;NADS;головний спеціаліст;Державна служба;б
0002;Ґудзь Петро Іванович;MOU;;військова служба;капітан
0003;Їжак Ірина;LODA;начальник відділу;державна служба ;А
EOF
ok "people with Ukrainian headers and services" import people "$T/people.csv" --encoding cp1251
out_has "three added" "3 added, 0 updated, 0 unchanged, 0 rejected"
db_is "services and categories as identifiers" \
	"SELECT group_concat(key || '=' || service || '/' || category, ' ') FROM (SELECT id, key, service, category FROM person ORDER BY id) AS s" \
	"0001=civil-service/Б 0002=military/капітан 0003=civil-service/А"
db_is "ПІБ is the name" "SELECT name FROM person WHERE key = '0003'" "Їжак Ірина"

# UTF-8 with a byte-order mark and ';', as Excel's "CSV UTF-8" saves it.
printf '\357\273\277Сфера;Код;Назва;Відповідальна організація;Дата початку;Дата завершення;Строк;Статус;kind;credits\r\n' >"$T/prog.csv"
printf 'civil_service;EI-2021 ;Євроатлантична інтеграція;NADS;23.07.2021;30.11.2021;23.01.2022;Активна;професійна;2,5\r\n' >>"$T/prog.csv"
printf 'civil_service;EI-2022;Стандарти НАТО;NADS;01.02.2022;;;заплановано;короткострокова;0,4\r\n' >>"$T/prog.csv"
ok "programmes with Ukrainian headers, dates and decimal commas" import programmes "$T/prog.csv"
out_has "two added" "2 added, 0 updated, 0 unchanged, 0 rejected"
db_is "dates as ISO, statuses as identifiers" \
	"SELECT group_concat(code || ' ' || start || ' ' || coalesce(due, '-') || ' ' || status, '|') FROM (SELECT id, code, start, due, status, fields FROM programme ORDER BY id) AS s" \
	"EI-2021 2021-07-23 2022-01-23 active|EI-2022 2022-02-01 - planned"
db_is "the area's enumeration in Ukrainian stored as its identifier" \
	"SELECT group_concat(json_extract(fields, '\$.kind'), ' ') FROM (SELECT id, code, start, due, status, fields FROM programme ORDER BY id) AS s" \
	"professional short-term"
# The JSON text itself (json_type is SQLite's): numbers, not strings.
db_is "decimal commas stored as numbers" \
	"SELECT group_concat(json_extract(fields, '\$.credits'), ' ') FROM (SELECT id, code, start, due, status, fields FROM programme WHERE fields LIKE '%\"credits\":2.5%' OR fields LIKE '%\"credits\":0.4%' ORDER BY id) AS s" \
	"2.5 0.4"

cp1251 "$T/part.csv" <<'EOF'
Програма;Табельний номер;Роль;Статус;Дата початку;Дата завершення;Години;Кредити;Результат
EI-2021; 0001 ;учасник;Завершено;23.07.2021;30.11.2021;75;2,5;зараховано
EI-2021;0003;Учасник;зараховано;23.07.2021;;;;
EI-2022;0001;;висунуто;;;0,5;;
EOF
ok "participation in cp1251 with Ukrainian statuses" import participation "$T/part.csv" --encoding cp1251
out_has "three added" "3 added, 0 updated, 0 unchanged, 0 rejected"
db_is "statuses and roles as identifiers" \
	"SELECT group_concat(x, ' ') FROM (SELECT g.code || '/' || s.key || '=' || p.role || ':' || p.status AS x FROM participation p JOIN programme g ON g.id = p.programme_id JOIN person s ON s.id = p.person_id ORDER BY p.id) AS q" \
	"EI-2021/0001=participant:completed EI-2021/0003=participant:enrolled EI-2022/0001=participant:nominated"
db_is "hours and credits with decimal commas" \
	"SELECT group_concat(coalesce(CAST(CAST(hours * 10 AS INTEGER) AS TEXT), '-') || ' ' || coalesce(CAST(CAST(credits * 10 AS INTEGER) AS TEXT), '-'), '|') FROM (SELECT * FROM participation ORDER BY id) AS s" \
	"750 25|- -|5 -"
db_is "free text keeps its words" "SELECT result FROM participation WHERE result IS NOT NULL" "зараховано"

ok "the same office file again" import participation "$T/part.csv" --encoding cp1251
out_has "changes nothing" "0 added, 0 updated, 3 unchanged, 0 rejected"
out_lacks "and trims nothing it has not trimmed" "values had spaces"

# The delimiter given, and a comma file still read as before.
printf 'code;name\nX1;"Назва; з крапкою з комою"\n' >"$T/semi.csv"
ok "--delimiter ';'" import orgs "$T/semi.csv" --delimiter ';'
db_is "a quoted ';' is data" "SELECT name FROM organisation WHERE code = 'X1'" "Назва; з крапкою з комою"
printf 'code,name,kind\nX2,"Назва, з комою; і крапкою з комою",Міністерство\n' >"$T/comma.csv"
ok "a comma file with a ';' in a quoted name" import orgs "$T/comma.csv"
db_is "read with ','" "SELECT kind || ' ' || name FROM organisation WHERE code = 'X2'" \
	"ministry Назва, з комою; і крапкою з комою"
printf 'Код,Назва\nX3,Третя\n' | iconv -f UTF-8 -t KOI8-U >"$T/koi.csv"
ok "another encoding iconv knows" import orgs "$T/koi.csv" --encoding koi8-u
db_is "read through iconv" "SELECT name FROM organisation WHERE code = 'X3'" "Третя"
ok "--encoding utf-8 is the default" import orgs "$T/comma.csv" --encoding UTF-8

finish
