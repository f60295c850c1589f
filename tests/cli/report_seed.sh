# The small fixed data set of the report tests (t60-t69), sourced after
# lib.sh.  `seed` runs SQL from stdin on $DB with the audit triggers set
# aside (they call functions only integra registers) and puts them back.
# The hand-computed figures the tests check are in docs/reports.md terms:
# as of 2022-03-01, 11 participations, 7 people in 3 organisations.

seed() {
	if [ -n "$PG" ]; then	# the server's triggers read a setting
		{ echo "BEGIN;"; echo "SELECT set_config('integra.audit_on', '0', true);"
		  cat; echo "COMMIT;"; } | psql -X -q -v ON_ERROR_STOP=1 "$DB" >/dev/null
		return
	fi
	trig=$(sqlite3 "$DB" "SELECT sql || ';' FROM sqlite_master
	    WHERE type = 'trigger' AND name LIKE '%\_audit\_%' ESCAPE '\'")
	drop=$(sqlite3 "$DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
	    WHERE type = 'trigger' AND name LIKE '%\_audit\_%' ESCAPE '\'")
	{ echo "BEGIN;"; echo "$drop"; cat; echo "$trig"; echo "COMMIT;"; } |
	    sqlite3 -bail "$DB"
}

seed_reports() {
	"$BIN" init >/dev/null || return 1
	seed <<'SQL'
INSERT INTO organisation (code, name, kind, region) VALUES
 ('MOU', 'Міністерство оборони', 'ministry', 'Київ'),
 ('LODA', 'Львівська ОДА', 'oblast-administration', 'Львівська'),
 ('ODA', 'Одеська ОДА', 'oblast-administration', 'Одеська'),
 ('NAU', 'Нацагентство з питань державної служби', 'agency', 'Київ');
INSERT INTO person (key, name, org_id) VALUES
 ('P1', 'Петро Іваненко', 1), ('P2', 'Ганна Коваль', 1), ('P3', 'Олег Бондар', 1),
 ('P4', 'Ірина Мельник', 2), ('P5', 'Тарас Шевчук', 2), ('P6', 'Оксана Ткачук', 3),
 ('P7', 'Юрій Кравець', NULL);
INSERT INTO programme (area, code, title, owner_id, start, due, status) VALUES
 ('civil_service', 'CS1', 'Євроатлантична інтеграція', 4, '2021-09-01', '2022-01-23', 'active'),
 ('civil_service', 'CS2', 'Короткий курс, "НАТО"', 4, '2022-02-01', '2022-06-30', 'planned'),
 ('exercises', 'EX1', 'Rapid Trident 2021', 1, '2021-09-20', NULL, 'completed'),
 ('decree', 'DEC1', 'CMU-1 аналіз програм', NULL, '2021-07-23', '2021-09-23', 'active'),
 ('decree', 'DEC2', 'CMU-3 стандарти НАТО', 1, '2021-07-23', '2021-10-23', 'completed'),
 ('decree', 'DEC3', 'CMU-4 програми', NULL, '2021-07-23', '2022-03-10', 'planned');
INSERT INTO participation (programme_id, person_id, org_id, role, status, start, status_date, hours, credits) VALUES
 (1, 1, NULL, 'participant', 'completed', '2021-09-01', '2021-11-15', 60, 2),
 (1, 2, NULL, 'participant', 'completed', '2021-09-01', '2021-12-01', 60, 2),
 (1, 4, NULL, 'participant', 'enrolled', '2021-09-01', NULL, NULL, NULL),
 (1, 6, NULL, 'participant', 'withdrawn', NULL, '2021-10-01', NULL, NULL),
 (2, 1, NULL, 'participant', 'nominated', NULL, NULL, NULL, NULL),
 (2, 5, NULL, 'participant', 'completed', NULL, '2022-02-20', 30, 1),
 (3, NULL, 1, 'participant', 'attended', NULL, '2021-10-01', NULL, NULL),
 (3, 3, NULL, 'participant', 'completed', NULL, '2021-10-01', NULL, NULL),
 (4, NULL, 3, 'lead', 'enrolled', NULL, NULL, NULL, NULL),
 (6, NULL, 2, 'responsible', 'nominated', NULL, NULL, NULL, NULL),
 (3, 7, NULL, 'participant', 'failed', NULL, '2021-10-01', NULL, NULL);
SQL
}

# Organisations and people named like spreadsheet formulas (F1-F6, one
# person each), for the exports that must keep them text (t61, t63).
seed_formulas() {
	seed <<'SQL'
INSERT INTO organisation (code, name, kind, region) VALUES
 ('F1', '=1+1', 'agency', 'Київ'), ('F2', '+cmd|'' /C calc''!A0', 'agency', 'Київ'),
 ('F3', '=HYPERLINK("http://x")', 'agency', 'Київ'), ('F4', '@SUM(A1)', 'agency', 'Київ'),
 ('F5', '-2+3', 'agency', 'Київ'), ('F6', char(9) || 'TAB', 'agency', 'Київ');
INSERT INTO person (key, name, org_id) SELECT 'Q' || code, name, id FROM organisation
 WHERE code LIKE 'F_';
SQL
}

# seed_districts N STEP: N district administrations R01.. of one person
# each (keys KR01..), those whose person id is a multiple of STEP having
# completed CS1 on 2021-12-01: long tables for charts and pages (t65, t66).
seed_districts() {
	seed <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO organisation (code, name, kind, region)
 SELECT printf('R%02d', i), printf('Районна державна адміністрація №%d', i), 'agency', 'Київ' FROM n;
INSERT INTO person (key, name, org_id) SELECT 'K' || code, 'Особа ' || code, id
 FROM organisation WHERE code LIKE 'R__';
INSERT INTO participation (programme_id, person_id, role, status, status_date)
 SELECT 1, id, 'participant', 'completed', '2021-12-01' FROM person
 WHERE key LIKE 'KR__' AND id % $2 = 0;
SQL
}
