#!/bin/sh
# Import of participation with the area plugins loaded: area columns are
# validated by the plugin (bounds, participant kinds, its validate()),
# stored typed in the record's fields, and a bad area value names its line
# and column while nothing is stored.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
ok "organisations" import orgs "$F/orgs.csv"
ok "people" import people "$F/people.csv"
ok "programmes of two areas" import programmes "$F/programmes.csv"

printf 'programme,person,status,credits_earned,certificate\n' >"$T/cs.csv"
printf 'EI-2021,P0001,completed,1.5,СЕРТ-001\n' >>"$T/cs.csv"
printf 'EI-2021,P0002,completed,2,СЕРТ-002\n' >>"$T/cs.csv"
ok "civil-service results with the area's columns" import participation "$T/cs.csv"
out_is "both added" "2 added, 0 updated, 0 unchanged, 0 rejected"
# The JSON text itself (json_type is SQLite's): a number, not a string.
db_is "credits earned stored as a number" \
	"SELECT json_extract(fields, '\$.credits_earned') FROM participation p JOIN person s ON s.id = p.person_id WHERE s.key = 'P0001' AND fields LIKE '%\"credits_earned\":1.5%'" \
	"1.5"
db_is "certificate stored" \
	"SELECT json_extract(fields, '\$.certificate') FROM participation p JOIN person s ON s.id = p.person_id WHERE s.key = 'P0002'" \
	"СЕРТ-002"
ok "the same file again" import participation "$T/cs.csv"
out_is "changes nothing" "0 added, 0 updated, 2 unchanged, 0 rejected"
printf 'programme,person,status,certificate\nEI-2021,P0001,completed,СЕРТ-001\nEI-2021,P0002,completed,СЕРТ-002-Б\n' >"$T/cert.csv"
ok "a changed area value on re-import" import participation "$T/cert.csv"
out_is "counts as an update" "0 added, 1 updated, 1 unchanged, 0 rejected"
db_is "the new value is stored, the other area field kept" \
	"SELECT json_extract(fields, '\$.certificate') || ' ' || json_extract(fields, '\$.credits_earned') FROM participation p JOIN person s ON s.id = p.person_id WHERE s.key = 'P0002'" \
	"СЕРТ-002-Б 2.0"
printf 'programme,person,status,hours\nEI-2021,P0001,completed,40\n' >"$T/core.csv"
ok "a file without area columns" import participation "$T/core.csv"
out_is "updates the core value" "0 added, 1 updated, 0 unchanged, 0 rejected"
db_is "and keeps the stored area fields" \
	"SELECT CAST(hours * 10 AS INTEGER) || ' ' || json_extract(fields, '\$.certificate') || ' ' || json_extract(fields, '\$.credits_earned') FROM participation p JOIN person s ON s.id = p.person_id WHERE s.key = 'P0001'" \
	"400 СЕРТ-001 1.5"

before=$(snapshot)
printf 'programme,person,status,credits_earned\nEI-2021,P0003,completed,5\n' >"$T/over.csv"
run import participation "$T/over.csv"
same "more credits than the programme gives is refused" "$RC" "4"
err_has "the row's line, column and value are named" "over.csv:2: column 'credits_earned': value '5'"
err_has "and the plugin's reason" "is more than programme 'EI-2021' gives (allowed: 0 to 2 ECTS credits)"
err_has "the summary says nothing was stored" "over.csv: 1 error in 1 row; nothing stored"
printf 'programme,org,status,headcount\nRT-2021,MOU,attended,0\n' >"$T/hc.csv"
run import participation "$T/hc.csv"
same "a zero headcount is refused" "$RC" "4"
err_has "the field and its range are named" "hc.csv:2: column 'headcount': value '0'"
same "refusals stored nothing" "$(snapshot)" "$before"

printf 'programme,org,status,headcount\nRT-2021,A0001,completed,350\n' >"$T/unit.csv"
ok "a unit's headcount in an exercise" import participation "$T/unit.csv"
db_is "headcount stored as an integer" \
	"SELECT json_extract(fields, '\$.headcount') FROM participation p JOIN organisation o ON o.id = p.org_id WHERE o.code = 'A0001' AND fields LIKE '%\"headcount\":350%' AND fields NOT LIKE '%\"headcount\":350.%'" \
	"350"
finish
