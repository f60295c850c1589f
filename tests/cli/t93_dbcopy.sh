#!/bin/sh
# export-db and import-db: the register of cs_seed.sh (civil_service
# programmes with fields, participation, plans, audit rows) with an
# organisation whose parent came after it, an activity, nominations, a
# quota and an export job's run, exported to a JSON Lines dump and
# imported into a new SQLite file initialised with the same plugins; the
# two databases compared table by table and through person list,
# participation list, a report and the audit log.  Then the refusals: a
# target with rows, a schema version not the target's, a malformed line,
# a cut-short file, a dump of another plugin set or format, a table or
# column the target has not, a row the target refuses, a count that does
# not match; each leaves the target as it was.  Standard input ('-') both
# ways, and a text that is not UTF-8, which export-db refuses.  On
# PostgreSQL the register is the server's: exported from there into the
# SQLite file (the views read the same from both), and the SQLite copy's
# dump loaded into a new database on the server and back into SQLite,
# row by row the same, the server's audit role aside.
. "$(dirname "$0")/areas.sh"
. "$(dirname "$0")/cs_seed.sh"

ok "a department, added before its ministry" org add DKP \
    "Департамент кадрового забезпечення" --kind other --region Київ
ok "the ministry" org add MOU "Міністерство оборони України" --kind ministry \
    --region Київ --edrpou 00034022
ok "the department under the ministry" org set DKP --parent MOU
ok "an activity" activity add CS1 S1 "Сесія 23.07.2025, Київ" --start 23.07.2025 \
    --end 25.07.2025 --location "Київ, вул. Богомольця, 7" --capacity 20
ok "capacity of CS2" seats set CS2 --capacity 10
ok "quota of RNBO" seats quota CS2 RNBO 5
ok "nominate A3 and A5" nominate CS2 A3 A5 --by RNBO
ok "reject A5" reject CS2 A5 --reason "Не відповідає вимогам «Основи НАТО»"
ok "a text with quotes, a backslash and a tab" person set A3 \
    --position "$(printf 'Головний спеціаліст \\ "відділу"\tкадрів')"
mkdir -p "$XDG_CONFIG_HOME/integra"
printf 'jobs = ({ name = "weekly"; report = "participation"; format = "csv";\n  output = "%s/weekly.csv"; schedule = "0 6 * * MON"; });\n' "$T" \
    >"$XDG_CONFIG_HOME/integra/integra.cfg"
ok "an export job's run" job run weekly --now "2025-07-21 06:00"
db_is "a job run recorded" "SELECT count(*) FROM job_run WHERE outcome = 'ok'" "1"
SRC=$DB

# tables DB: every table of the dump as the sqlite3 shell prints it.
TABLES="organisation person programme activity participation nomination seat_plan seat_quota job_run audit civil_service_plan decree_duty decree_duty_done exercises_lesson exercises_objective exercises_stage"
tables() {
	for t in $TABLES; do
		echo "== $t"
		sqlite3 -batch -noheader "$1" "SELECT * FROM $t ORDER BY 1"
	done
}
# views DB: what a person reads of the register.
views() {
	"$BIN" -d "$1" --format csv person list
	"$BIN" -d "$1" --format csv participation list
	"$BIN" -d "$1" --format csv report participation --by org
	"$BIN" -d "$1" --format csv report cs_compliance --as-of 2025-12-31
	"$BIN" -d "$1" --format csv audit --full --limit 1000
	"$BIN" -d "$1" --format csv org list
}

ok "export-db" export-db "$T/dump.jsonl"
out_has "one line per table: organisation" "organisation"
out_has "its rows and ok" "ok"
run --format csv export-db "$T/dump.jsonl"
out_has "csv: organisation, 6 rows, ok" "organisation,6,ok"
out_has "csv: the audit rows" "audit,"
out_has "csv: the plugin's table" "civil_service_plan,7,ok"
line1=$(head -n 1 "$T/dump.jsonl")
V=$(sql "SELECT max(version) FROM migration WHERE component = 'core'")
SOURCE=sqlite
[ -z "$PG" ] || SOURCE=postgresql
case $line1 in
'{"integra_dump": 1, "schema": {"core": '"$V"', "civil_service": 1, '*'"source": "'$SOURCE'"}') pass "the header" ;;
*) fail "the header (is '$line1')" ;;
esac
if grep -qF '[6, "MOU", "Міністерство оборони України", "ministry", "Київ", null, "00034022"]' "$T/dump.jsonl"; then
	pass "Cyrillic as it is, NULL as null, ids as numbers"; else fail "a typed organisation row"; fi
if grep -qF '"Головний спеціаліст \\ \"відділу\"\tкадрів"' "$T/dump.jsonl"; then
	pass "quotes, backslash and tab escaped"; else fail "escapes in the dump"; fi
if [ "$(grep -n '^\[6, "MOU"' "$T/dump.jsonl" | cut -d: -f1)" -lt "$(grep -n '^\[5, "DKP"' "$T/dump.jsonl" | cut -d: -f1)" ]; then
	pass "the parent organisation before its child"; else fail "parents first"; fi
if tail -n 1 "$T/dump.jsonl" | grep -q '^{"counts": {"organisation": 6, "agency": 0, "agency_org": 0, "person": 8, '; then
	pass "the counts line last"; else fail "the counts line"; fi
mode=$(stat -c %a "$T/dump.jsonl")
same "the dump readable by its owner only" "$mode" "600"

NEW="$T/new/integra.db"
ok "init a new database" -d "$NEW" init
ok "import-db into it" -d "$NEW" import-db "$T/dump.jsonl"
out_has "import: one line per table" "civil_service_plan"
run --format csv -d "$NEW" import-db "$T/dump.jsonl"
# nodbrole DUMP: the dump without the server's audit role (audit.db_role,
# the last column), which an SQLite file has not.
nodbrole() {
	awk '/^\{"table": / { a = ($0 ~ /"table": "audit"/); if (a) sub(/, "db_role"\]/, "]");
	    print; next } a { sub(/, ("[^"]*"|null)\]$/, "]") } { print }' "$1"
}
if [ -n "$PG" ]; then	# the source's tables as the dump has them
	nodbrole "$T/dump.jsonl" | sed 1d >"$T/src.tables"
	"$BIN" -d "$NEW" export-db - | sed 1d >"$T/new.tables"
else
	tables "$SRC" >"$T/src.tables"
	tables "$NEW" >"$T/new.tables"
fi
if cmp -s "$T/src.tables" "$T/new.tables"; then pass "every table the same, row by row"; else
	diff "$T/src.tables" "$T/new.tables" | head -20 >"$ERR"; fail "tables differ"; fi
views "$SRC" >"$T/src.views" 2>&1
views "$NEW" >"$T/new.views" 2>&1
if ! grep -q '^integra:' "$T/src.views" && grep -q 'Андрієнко Олена' "$T/src.views" &&
    grep -q 'Не відповідає вимогам' "$T/src.views"; then pass "the views read without error"; else
	fail "the views of the source"; fi
if cmp -s "$T/src.views" "$T/new.views"; then pass "person list, participation list, reports, audit the same"; else
	diff "$T/src.views" "$T/new.views" | head -20 >"$ERR"; fail "views differ"; fi
db_is "no audit row written by the import" "SELECT count(*) FROM audit" \
    "$(sqlite3 "$NEW" 'SELECT count(*) FROM audit')"
ok "the copy takes new records" -d "$NEW" person add A9 "Ярошенко Оксана" --org MOU
db_is "with new ids" "SELECT max(id) FROM person" "8"
same "after the copied ones" "$(sqlite3 "$NEW" "SELECT id FROM person WHERE key = 'A9'")" "9"
ok "export of the copy" -d "$NEW" export-db "$T/copy.jsonl"
ok "export to standard output" export-db -
if [ "$(sed 1d "$OUT")" = "$(sed 1d "$T/dump.jsonl")" ]; then pass "'-': the dump on stdout, no summary"; else
	fail "'-': the dump on stdout"; fi

# snap DB: the database as the sqlite3 shell dumps it.
snap() { sqlite3 -batch "$1" .dump; }
refuse() {
	desc=$1; code=$2; want=$3; shift 3
	before=$(snap "$TGT")
	fails "$code" "$desc" -d "$TGT" import-db "$@"
	err_has "$desc: the message" "$want"
	same "$desc: the target unchanged" "$before" "$(snap "$TGT")"
}
TGT=$NEW
refuse "a target with rows" 4 "table 'organisation' has 6 rows" "$T/dump.jsonl"

TGT="$T/empty/integra.db"
ok "an empty target" -d "$TGT" init
sed '1s/"core": '"$V"'/"core": 7/' "$T/dump.jsonl" >"$T/old.jsonl"
refuse "another schema version" 4 "schema of 'core' differs: dump '$T/old.jsonl' has version 7, database '$TGT' has $V" "$T/old.jsonl"
sed '5s/]$/,]/' "$T/dump.jsonl" >"$T/bad.jsonl"
refuse "a malformed line" 4 "dump '$T/bad.jsonl', line 5: unexpected character at byte" "$T/bad.jsonl"
sed '7s/^\[/{/' "$T/dump.jsonl" >"$T/bad2.jsonl"
refuse "a row that is no list" 4 "dump '$T/bad2.jsonl', line 7: expected a string key" "$T/bad2.jsonl"
sed '3s/, null, null\]$/, null]/' "$T/dump.jsonl" >"$T/short.jsonl"
refuse "a row short of a value" 4 "line 3: 6 values for the 7 columns of table 'organisation'" "$T/short.jsonl"
sed '$d' "$T/dump.jsonl" >"$T/cut.jsonl"
n=$(wc -l <"$T/cut.jsonl")
refuse "a file cut short" 4 "dump '$T/cut.jsonl' ends at line $n without its counts line" "$T/cut.jsonl"
sed '$s/"person": 8/"person": 9/' "$T/dump.jsonl" >"$T/count.jsonl"
refuse "a count that does not match" 4 "table 'person' counts 9 rows, 8 were read" "$T/count.jsonl"
: >"$T/none.jsonl"
refuse "an empty file" 4 "ends at line 0 without its counts line" "$T/none.jsonl"
sed '1s/"integra_dump": 1/"integra_dump": 2/' "$T/dump.jsonl" >"$T/v2.jsonl"
refuse "a dump of a later format" 4 "dump '$T/v2.jsonl' is of format 2; this integra reads format 1" "$T/v2.jsonl"
sed '1s/^{"integra_dump": 1, //; 1s/^/{/' "$T/dump.jsonl" >"$T/nohead.jsonl"
refuse "no header" 4 "dump '$T/nohead.jsonl', line 1: not an integra dump" "$T/nohead.jsonl"
sed '2s/"organisation"/"organization"/' "$T/dump.jsonl" >"$T/table.jsonl"
refuse "a table the database has not" 4 "line 2: the database has no table 'organization'" "$T/table.jsonl"
sed '2s/"edrpou"/"edrpou", "extra"/' "$T/dump.jsonl" >"$T/cols.jsonl"
refuse "a column the table has not" 4 "line 2: column 8 of table 'organisation' is not a column" "$T/cols.jsonl"
sed '3s/^\[1,/[4,/' "$T/dump.jsonl" >"$T/dup.jsonl"
refuse "a row the database refuses" 4 "line 6: cannot store the row in table 'organisation'" "$T/dup.jsonl"
refuse "no such file" 3 "cannot open '$T/nothing.jsonl'" "$T/nothing.jsonl"

printf 'plugins = { enabled = [ "civil_service" ]; };\n' >"$T/cs.cfg"
TGT="$T/cs/integra.db"
ok "a target with civil_service alone" -c "$T/cs.cfg" -d "$TGT" init
before=$(snap "$TGT")
fails 4 "a dump of another plugin set" -c "$T/cs.cfg" -d "$TGT" import-db "$T/dump.jsonl"
err_has "names the plugin missing in the target" "schema of 'decree' differs: dump '$T/dump.jsonl' has version 1, database '$TGT' has 0"
same "the target unchanged" "$before" "$(snap "$TGT")"
fails 1 "import-db needs an initialised database" -d "$T/nowhere.db" import-db "$T/dump.jsonl"

FEWER="$T/fewer/integra.db"
ok "a target for a dump without a column" -d "$FEWER" init
sed -E '2s/, "edrpou"\]/]/; 3,8s/, (null|"00034022")\]$/]/' "$T/dump.jsonl" >"$T/fewer.jsonl"
ok "a column the dump lacks takes its default" -d "$FEWER" import-db "$T/fewer.jsonl"
same "organisations stored, without EDRPOU codes" \
    "$(sqlite3 "$FEWER" 'SELECT count(*), count(edrpou) FROM organisation')" "6|0"
sed '2s/"columns": \[.*\]/"columns": []/' "$T/dump.jsonl" >"$T/nocols.jsonl"
TGT="$T/empty/integra.db"
refuse "a table of no columns" 4 "line 2: a table line needs" "$T/nocols.jsonl"

STDIN="$T/stdin/integra.db"
ok "another empty target" -d "$STDIN" init
"$BIN" -d "$STDIN" --format csv import-db - <"$T/dump.jsonl" >"$OUT" 2>"$ERR"
RC=$?
if [ "$RC" -eq 0 ] && grep -q '^person,8,ok' "$OUT"; then pass "import-db - reads standard input"; else
	fail "import-db - reads standard input"; fi
sed '$d' "$T/dump.jsonl" | "$BIN" -d "$T/empty/integra.db" import-db - >"$OUT" 2>"$ERR"
RC=$?
if [ "$RC" -eq 4 ] && grep -qF "dump 'standard input' ends at line" "$ERR"; then
	pass "standard input cut short: refused, named"; else fail "standard input cut short"; fi

if [ -n "$PG" ]; then
	# SQLite -> PostgreSQL -> SQLite: the SQLite copy (with A9) onto the
	# server, in a database of its own, and from there into a new file.
	PG2=${PG}_2
	URI2="postgresql:///$PG2?host=$INTEGRA_TEST_PG&user=integra_admin"
	psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres \
	    -c "CREATE DATABASE $PG2" >/dev/null || fail "a second database"
	trap 'rm -rf "$T"; for d in $PG $PG2; do psql -X -q -h "$INTEGRA_TEST_PG" \
	    -U integra_admin -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" \
	    >/dev/null 2>&1; done' EXIT
	ok "a new database on the server" -d "$URI2" init
	ok "the SQLite copy's dump imported there" -d "$URI2" --format csv import-db "$T/copy.jsonl"
	out_has "the people counted, A9 too" "person,9,ok"
	out_has "and the audit rows" "audit,$(sqlite3 "$NEW" 'SELECT count(*) FROM audit'),ok"
	ok "exported from the server" -d "$URI2" export-db "$T/pg2.jsonl"
	same "the server holds the SQLite copy row by row (its audit role aside)" \
	    "$(nodbrole "$T/pg2.jsonl" | sed 1d)" "$(sed 1d "$T/copy.jsonl")"
	same "the copied audit rows have no server role (the file recorded none)" \
	    "$(psql -X -At "$URI2" -c "SELECT count(*) FROM audit WHERE db_role IS NULL")" \
	    "$(sqlite3 "$NEW" 'SELECT count(*) FROM audit')"
	BACK="$T/back/integra.db"
	ok "a new SQLite file" -d "$BACK" init
	ok "the server's dump imported into it" -d "$BACK" --format csv import-db "$T/pg2.jsonl"
	out_has "the people counted" "person,9,ok"
	ok "exported again" -d "$BACK" export-db "$T/back.jsonl"
	same "SQLite -> PostgreSQL -> SQLite: every row the same" \
	    "$(sed 1d "$T/back.jsonl")" "$(sed 1d "$T/copy.jsonl")"
	views "$URI2" >"$T/pg2.views" 2>&1
	views "$NEW" >"$T/new2.views" 2>&1
	if cmp -s "$T/pg2.views" "$T/new2.views"; then pass "the views the same on the server and in the file"; else
		diff "$T/pg2.views" "$T/new2.views" | head -20 >"$ERR"; fail "views differ (server, file)"; fi
fi

sqlite3 "$NEW" "UPDATE job_run SET error = CAST(x'd0ff' AS TEXT)"
fails 4 "a text that is not UTF-8 is not exported" -d "$NEW" export-db "$T/bad-out.jsonl"
err_has "naming the table, the row and the column" "table 'job_run', the row of id 1: column 'error' is not valid UTF-8"
if [ -e "$T/bad-out.jsonl" ]; then fail "no file left behind"; else pass "no file left behind"; fi

finish
