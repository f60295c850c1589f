#!/bin/sh
# Bulk import end to end: organisations, people, programmes and
# participation from spreadsheet-style CSV (BOM, CRLF, quoted commas,
# quotes and line breaks, Cyrillic, 23.07.2021 dates, a decimal comma);
# a second import changes nothing; changed rows are updated; one audit
# row per import.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
ok "import organisations (BOM, CRLF, quoted, header in any case)" import orgs "$F/orgs.csv"
out_is "summary counts the new rows" "4 added, 0 updated, 0 unchanged, 0 rejected"
db_is "quoted comma kept" "SELECT name FROM organisation WHERE code='LODA'" \
	"Львівська обласна державна адміністрація, м. Львів"
db_is "doubled quote unescaped" "SELECT name FROM organisation WHERE code='A0001'" \
	'Військова частина А0001 "Яворів"'
db_is "region canonical" "SELECT region FROM organisation WHERE code='LODA'" "Львівська"
db_is "parent resolved" "SELECT p.code FROM organisation o JOIN organisation p ON p.id=o.parent_id WHERE o.code='A0001'" "MOU"
db_is "last line without newline loaded" "SELECT kind FROM organisation WHERE code='NADS'" "agency"

ok "import people (columns in another order, a line break in a name)" import people "$F/people.csv"
out_is "four people added" "4 added, 0 updated, 0 unchanged, 0 rejected"
db_is "line break kept in a quoted field" "SELECT name FROM person WHERE key='P0002'" \
	"Коваленко Олена
Миколаївна"
db_is "spaces kept as data" "SELECT '[' || name || ']' FROM person WHERE key='P0004'" "[  Бондар Ірина  ]"
db_is "category of a civil servant" "SELECT category FROM person WHERE key='P0002'" "А"

ok "import programmes" import programmes "$F/programmes.csv"
db_is "dates stored as ISO" "SELECT start || ' ' || \"end\" || ' ' || due FROM programme WHERE code='EI-2021'" \
	"2021-09-01 2021-11-30 2022-01-23"
ok "import participation" import participation "$F/participation.csv"
out_is "three participation rows" "3 added, 0 updated, 0 unchanged, 0 rejected"
db_is "decimal comma accepted for credits" "SELECT credits FROM participation p JOIN person x ON x.id=p.person_id WHERE x.key='P0001'" "1.5"
db_is "status is a state, any valid one" "SELECT group_concat(status, ' ') FROM (SELECT status FROM participation ORDER BY id) AS s" "completed enrolled attended"
if [ -n "$PG" ]; then
	# PostgreSQL: nothing is set aside (other imports may run at once);
	# the indexes and triggers are those init made, every index valid.
	db_is "the indexes and triggers of participation are all there" \
		"SELECT group_concat(name, ' ') FROM (SELECT indexname AS name FROM pg_indexes WHERE tablename = 'participation' UNION ALL SELECT tgname FROM pg_trigger WHERE tgrelid = CAST('participation' AS regclass) AND NOT tgisinternal ORDER BY name) AS s" \
		"integra_guard_add integra_guard_change integra_guard_remove participation_activity participation_audit_add participation_audit_change participation_audit_remove participation_key participation_org participation_person participation_pkey"
	db_is "the index by person is as the schema made it" \
		"SELECT indexdef FROM pg_indexes WHERE indexname = 'participation_person'" \
		"CREATE INDEX participation_person ON public.participation USING btree (person_id) WHERE (person_id IS NOT NULL)"
	db_is "and every index is valid" "SELECT CASE WHEN bool_and(indisvalid AND indisready) THEN 'ok' END FROM pg_index WHERE indrelid = CAST('participation' AS regclass)" "ok"
else
	db_is "the indexes and triggers set aside for the load are back" \
		"SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'participation' AND type IN ('index', 'trigger') ORDER BY name) AS s" \
		"participation_activity participation_audit_add participation_audit_change participation_audit_remove participation_key participation_org participation_person"
	db_is "the index by person is as the schema made it" \
		"SELECT sql FROM sqlite_master WHERE name = 'participation_person'" \
		"CREATE INDEX participation_person ON participation(person_id) WHERE person_id IS NOT NULL"
	db_is "and the database is sound" "PRAGMA integrity_check" "ok"
fi
ok "an organisation takes part" import participation "$F/participation_orgs.csv"
db_is "organisation participant stored" "SELECT count(*) FROM participation WHERE org_id IS NOT NULL" "1"

before=$(snapshot)
ok "re-import of organisations" import orgs "$F/orgs.csv"
out_is "all unchanged" "0 added, 0 updated, 4 unchanged, 0 rejected"
ok "re-import of people" import people "$F/people.csv"
out_is "people unchanged" "0 added, 0 updated, 4 unchanged, 0 rejected"
ok "re-import of participation" import participation "$F/participation.csv"
out_is "participation unchanged" "0 added, 0 updated, 3 unchanged, 0 rejected"
after=$(snapshot)
same "only audit rows were added by re-imports" "$(echo "$after" | sed '$d')" "$(echo "$before" | sed '$d')"

printf 'key,name,position\nP0001,Петренко Іван Олексійович,заступник начальника\nP0005,Мельник Андрій,\n' >"$T/p2.csv"
ok "a changed file updates and adds" import people "$T/p2.csv"
out_is "one updated, one added" "1 added, 1 updated, 0 unchanged, 0 rejected"
db_is "column absent from the file is kept" "SELECT count(*) FROM person WHERE key='P0001' AND org_id IS NOT NULL" "1"
db_is "position updated" "SELECT position FROM person WHERE key='P0001'" "заступник начальника"

db_is "one audit row per import, none per row" "SELECT count(*) FROM audit" "9"
db_is "the audit row names the file and counts" \
	"SELECT entity || ' ' || json_extract(new, '\$.added') || ' ' || json_extract(new, '\$.updated') FROM audit ORDER BY id DESC LIMIT 1" \
	"import 1 1"

printf 'code,name\nSTD1,Зі стандартного входу\n' | "$BIN" import orgs - >"$OUT" 2>"$ERR"
RC=$?
if [ "$RC" -eq 0 ]; then pass "'-' reads standard input"; else fail "'-' reads standard input"; fi
db_is "row from stdin stored" "SELECT name FROM organisation WHERE code='STD1'" "Зі стандартного входу"

printf 'code,name\n' >"$T/header_only.csv"
ok "a header alone imports nothing" import orgs "$T/header_only.csv"
out_is "zero counts" "0 added, 0 updated, 0 unchanged, 0 rejected"
ok "the progress bar stays off when stderr is not a terminal" import orgs "$F/orgs.csv"
same "stderr is empty" "$(cat "$ERR")" ""
finish
