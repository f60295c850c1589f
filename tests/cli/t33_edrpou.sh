#!/bin/sh
# EDRPOU codes of organisations: given with `org add|set --edrpou`, checked
# with the check-digit rule, one organisation's only, shown by `org show`
# and `org list`, found with `org list --edrpou`, cleared with '',
# imported in an `edrpou` column (or `Код ЄДРПОУ`), and audited.
. "$(dirname "$0")/lib.sh"

ok "init" init
ok "add with an EDRPOU code" org add MOU "Міністерство оборони України" --kind ministry --edrpou 00034022
db_is "stored" "SELECT edrpou FROM organisation WHERE code = 'MOU'" "00034022"
ok "a code of the range weighted 7, 1..6" org add NADS "Національне агентство України з питань державної служби" --edrpou 40000006
ok "show" org show MOU
out_has "shows it" "00034022"
ok "list" --format csv org list
out_has "the column in csv" "code,name,kind,region,parent,edrpou"
ok "list by EDRPOU" org list --edrpou 40000006
out_has "finds it" "NADS"
out_lacks "and no other" "MOU"

before=$(snapshot)
fails 4 "a wrong check digit is refused" org add X "Хибна" --edrpou 00034023
err_has "naming the digits" "invalid EDRPOU code '00034023': its check digit is 3, the code's digits give 2 (a digit typed wrong?)"
fails 4 "seven digits are refused" org add X "Коротка" --edrpou 0003402
err_has "saying what it is" "invalid EDRPOU code '0003402' (8 digits)"
fails 4 "letters are refused" org add X "Літери" --edrpou 0003402A
fails 4 "another organisation's code is refused" org add X "Двійник" --edrpou 00034022
err_has "naming the one that has it" "EDRPOU code 00034022 belongs to organisation 'MOU' already"
fails 4 "so is setting it on another" org set NADS --edrpou 00034022
same "nothing changed" "$(snapshot)" "$before"

ok "setting its own code again" org set MOU --edrpou 00034022
ok "a code that needs the second pass" org set NADS --edrpou 30000005
db_is "changed" "SELECT edrpou FROM organisation WHERE code = 'NADS'" "30000005"
db_is "audited with the old and new code" \
	"SELECT json_extract(old, '\$.edrpou') || ' ' || json_extract(new, '\$.edrpou') FROM audit WHERE entity_key = 'NADS' AND action = 'change'" \
	"40000006 30000005"
ok "cleared with ''" org set NADS --edrpou ''
db_is "no code" "SELECT count(*) FROM organisation WHERE code = 'NADS' AND edrpou IS NULL" "1"

printf 'Код;Назва;Код ЄДРПОУ\nKMU;Кабінет Міністрів України;00031101\nMOU;Міністерство оборони України;00034022\nV;Відомство;\n' >"$T/orgs.csv"
ok "import with a Ukrainian EDRPOU column" import orgs "$T/orgs.csv"
out_has "one added, one unchanged, one added without a code" "2 added, 0 updated, 1 unchanged, 0 rejected"
db_is "stored" "SELECT edrpou FROM organisation WHERE code = 'KMU'" "00031101"
printf 'code,name,edrpou\nA1,Перша,00034023\nA2,Друга,00034022\nA3,Третя,30000005\nA4,Четверта,30000005\n' >"$T/bad.csv"
before=$(snapshot)
run import orgs "$T/bad.csv"
same "bad codes in a file are refused" "$RC" "4"
err_has "a wrong check digit with its line" "bad.csv:2: column 'edrpou': value '00034023': invalid EDRPOU code '00034023': its check digit is 3"
err_has "a code another organisation has" "bad.csv:3: column 'edrpou': value '00034022': belongs to organisation 'MOU' already"
err_has "a code given twice in the file" "bad.csv:5: column 'edrpou': value '30000005': belongs to organisation 'A3' already"
same "nothing stored" "$(snapshot)" "$before"

finish
