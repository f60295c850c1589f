#!/bin/sh
# Bulk import: every row is checked with the commands' rules; every error
# is reported as FILE:LINE: column 'x': value 'v': reason (the first 100
# in full, then a count) and nothing is stored.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
ok "organisations" import orgs "$F/orgs.csv"
ok "people" import people "$F/people.csv"
ok "programmes" import programmes "$F/programmes.csv"
before=$(snapshot)

run import participation "$F/bad_person.csv"
same "a person key that does not exist: exit 4" "$RC" "4"
err_has "names file, line, column, value" "bad_person.csv:3: column 'person': value 'P9999': no such person"
err_has "nothing stored" "1 error in 1 row; nothing stored"

run import participation "$F/bad_status.csv"
same "a status not allowed: exit 4" "$RC" "4"
err_has "lists the statuses" "bad_status.csv:2: column 'status': value 'passed': invalid participation status 'passed' (allowed: nominated"

run import participation "$F/bad_numbers.csv"
same "bad numbers: exit 4" "$RC" "4"
err_has "negative hours" "bad_numbers.csv:2: column 'hours': value '-3'"
err_has "a malformed number" "bad_numbers.csv:3: column 'credits': value '1.5.2'"
if grep -q "column 'credits': value '1,5'" "$ERR"; then fail "a decimal comma is accepted"; else pass "a decimal comma is accepted"; fi

run import participation "$F/bad_dates.csv"
same "impossible dates: exit 4" "$RC" "4"
err_has "31 February" "bad_dates.csv:2: column 'start': value '31.02.2021'"
err_has "month 13" "bad_dates.csv:3: column 'start': value '2021-13-01'"

run import orgs "$F/bad_orgs_mixed.csv"
same "mixed errors: exit 4" "$RC" "4"
err_has "region" "bad_orgs_mixed.csv:2: column 'region': value 'Атлантида'"
err_has "kind" "bad_orgs_mixed.csv:3: column 'kind': value 'club'"
err_has "code" "bad_orgs_mixed.csv:4: column 'code': value 'X 3'"
err_has "empty name" "bad_orgs_mixed.csv:5: column 'name': value '': must not be empty"
err_has "unknown parent" "bad_orgs_mixed.csv:5: column 'parent': value 'NOPE': no such organisation"
err_has "count of errors and rows" "5 errors in 4 rows; nothing stored"
db_is "the good row X5 was not stored" "SELECT count(*) FROM organisation WHERE code='X5'" "0"

{ echo "code,name,kind"; i=1; while [ $i -le 150 ]; do echo "Z$i,Назва $i,club"; i=$((i + 1)); done; } >"$T/many.csv"
run import orgs "$T/many.csv"
same "150 bad rows: exit 4" "$RC" "4"
n=$(grep -c "column 'kind'" "$ERR")
same "the first 100 in full" "$n" "100"
err_has "then a count" "... and 50 more errors"
err_has "the summary counts all" "150 errors in 150 rows"

printf 'code,title,start,decree,term\nNEW-1,Нова програма,23.07.2021,5/2021,none\n' >"$T/prog_noarea.csv"
ok "programmes take their area from --area" import programmes "$T/prog_noarea.csv" --area decree
db_is "area stored" "SELECT area || ' ' || start FROM programme WHERE code = 'NEW-1'" "decree 2021-07-23"
printf 'area,code,title\nexercises,NEW-2,Інша\n' >"$T/prog_other.csv"
run import programmes "$T/prog_other.csv" --area decree
same "an area column that differs from --area: exit 4" "$RC" "4"
err_has "says so" "column 'area': value 'exercises': differs from --area"
run import participation "$F/participation.csv" --area decree
same "participation of another area than --area: exit 4" "$RC" "4"
err_has "names the programme" "column 'programme': value 'EI-2021': the programme is not in the area given by --area"
before=$(snapshot)

run import participation "$F/bad_person.csv" --dry-run
same "dry run reports the same errors" "$RC" "4"
same "nothing changed" "$(snapshot)" "$before"
finish
