#!/bin/sh
# A database every SQLite tool can read (issue 17): the sqlite3 shell and
# python3's sqlite3 module, neither of which knows integra's collation
# `uk` or its functions, read, sort and compare every column of every
# table, on a new database and on one upgraded from before it (whose names
# were declared COLLATE uk); integra's own lists still sort Cyrillic names
# in Ukrainian order (Г < Ґ, Е < Є, И < І < Ї).  On PostgreSQL only the
# lists run: the rest is the SQLite file's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nouns_lib.sh"

ok "init" init
ok "an organisation with Є" org add ORG2 "Єдиний центр" --kind agency --region "Київ"
ok "an organisation with Е" org add ORG1 "Експертна рада" --kind agency
ok "an organisation with Ґ" org add ORG4 "Ґрунтовий інститут" --kind other
ok "an organisation with Г" org add ORG3 "Головне управління" --kind ministry
ok "person Ї" person add 1006 "Їжак Яна" --org ORG1
ok "person І" person add 1005 "Іваненко Ігор"
ok "person И" person add 1004 "Иваненко Ян"
ok "person Є" person add 1008 "Єрмак Євген" --org ORG2
ok "person Е" person add 1009 "Еней Степан"
ok "person Ґ" person add 1002 "Ґудзь Петро"
ok "person Г" person add 1001 "Гнатюк Олена"
add_programme P1 "Євроатлантична інтеграція"
ok "an activity" activity add P1 S1 "Ігрова сесія" --start 23.07.2021
ok "enrol" enrol P1 1001 1002 1005

# readable_shell DESC: every table read by the sqlite3 shell, sorted by
# each of its columns and compared on each (what needs a collation).
readable_shell() {
	bad=""
	for t in $(sql "SELECT name FROM sqlite_master WHERE type = 'table' AND
	    name NOT LIKE 'sqlite_%'"); do
		cols=$(sql "SELECT group_concat('\"' || name || '\"', ', ') FROM
		    pragma_table_info('$t')")
		first=$(sql "SELECT '\"' || name || '\"' FROM pragma_table_info('$t') LIMIT 1")
		if ! sqlite3 -batch -bail "$DB" "SELECT * FROM \"$t\" ORDER BY $cols;
		    SELECT count(*) FROM \"$t\" WHERE $first = $first OR $first < 'Я'" \
		    >"$OUT" 2>"$ERR"; then
			bad="$bad $t"
		fi
	done
	if [ -z "$bad" ]; then pass "$1"; else fail "$1 (cannot read:$bad)"; fi
}

# readable_python DESC: the same with python3's sqlite3 module.
readable_python() {
	if ! command -v python3 >/dev/null; then
		skip "$1" "python3 is missing"
		return
	fi
	if python3 - "$DB" >"$OUT" 2>"$ERR" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master "
    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
for t in tables:
    cols = [r[1] for r in db.execute("SELECT * FROM pragma_table_info(?)", (t,))]
    q = ", ".join('"%s"' % c for c in cols)
    db.execute('SELECT * FROM "%s" ORDER BY %s' % (t, q)).fetchall()
    for c in cols:
        db.execute('SELECT count(*) FROM "%s" WHERE "%s" = ? OR "%s" > ?'
            % (t, c, c), ("Є", "Ї")).fetchall()
names = [r[0] for r in db.execute("SELECT name FROM person ORDER BY name")]
print(len(tables), len(names))
PY
	then pass "$1"; else fail "$1"; fi
}

if [ -n "$PG" ]; then
	skip "SQLite's tools read, sort and compare every table" \
	    "the file's subject: a server is read through its own collations"
else
	readable_shell "the sqlite3 shell reads, sorts and compares every table"
	readable_python "python3's sqlite3 reads, sorts and compares every table"
	db_is "no table declares the collation uk" "SELECT count(*) FROM sqlite_master
	    WHERE sql LIKE '%COLLATE uk%'" "0"
	db_is "the shell sorts the names (by bytes, without integra)" \
	    "SELECT group_concat(key, ' ') FROM (SELECT key FROM person ORDER BY name)" \
	    "1008 1005 1006 1001 1009 1004 1002"
fi

ok "person list" --format csv person list
same "people in Ukrainian order (Г < Ґ < Е < Є < И < І < Ї)" \
    "$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')" \
    "1001 1002 1009 1008 1004 1005 1006 "
ok "person list in json" --format json person list
same "the same order in json" "$(jq -r '.[].key' "$OUT" 2>/dev/null | tr '\n' ' ')" \
    "1001 1002 1009 1008 1004 1005 1006 "
ok "org list" --format csv org list
same "organisations in Ukrainian order (Г < Ґ < Е < Є)" \
    "$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')" "ORG3 ORG4 ORG1 ORG2 "
ok "participation list" --format csv participation list
same "participants in Ukrainian order (Г < Ґ < І)" \
    "$(tail -n +2 "$OUT" | grep -o '10[0-9][0-9]' | tr '\n' ' ')" "1001 1002 1005 "
ok "search folds Є without the shell knowing fold()" person list --search "єрмак"
out_has "finds Єрмак" "1008"

if [ -n "$PG" ]; then
	skip "an SQLite file from before migration 7 upgraded" \
	    "its COLLATE uk declarations were SQLite's; the server's schema never had them"
else
	# A database from before this migration, its names declared COLLATE uk
	# as migration 1 made them: `integra init` upgrades it, and the shell
	# reads it after.  The migration's number is its place in core/schema.c's
	# table of migrations, whose entries each hold one string, the name
	# (numbers change when branches are merged).
	v=$(sed -n '/^} migrations\[\] = {/,/^};/p' "$ROOT/core/schema.c" |
	    grep -o '"[^"]*"' | grep -n "tables readable without integra's collation" |
	    cut -d: -f1)
	same "the migration found in core/schema.c" "${v:+found}" "found"
	sql_do "back to the old declarations" "PRAGMA writable_schema = ON;
	UPDATE sqlite_master SET sql = replace(replace(sql, ' name TEXT NOT NULL,',
	  ' name TEXT NOT NULL COLLATE uk,'), ' title TEXT NOT NULL,',
	  ' title TEXT NOT NULL COLLATE uk,') WHERE type = 'table' AND name IN
	  ('organisation', 'person', 'programme', 'activity');
	PRAGMA writable_schema = OFF;
	DELETE FROM migration WHERE component = 'core' AND version >= ${v:-0};"
	if sqlite3 -batch "$DB" "SELECT name FROM person ORDER BY name" >/dev/null 2>&1; then
		fail "the old schema needs the collation (the shell read it)"
	else
		pass "the old schema needs the collation"
	fi
	fails 1 "integra refuses the old schema before the upgrade" person list
	err_has "and says to run init" "run 'integra init'"
	ok "init upgrades it" init
	out_has "from the schema before" "from schema $((${v:-1} - 1))"
	db_is "no table declares the collation uk after the upgrade" "SELECT count(*)
	    FROM sqlite_master WHERE sql LIKE '%COLLATE uk%'" "0"
	db_is "the upgraded database is intact" "PRAGMA integrity_check" "ok"
	db_is "and keeps its rows" "SELECT count(*) FROM person" "7"
	readable_shell "the sqlite3 shell reads every table of the upgraded database"
	readable_python "python3's sqlite3 reads every table of the upgraded database"
fi

ok "person list after the upgrade" --format csv person list
same "still in Ukrainian order" "$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')" \
    "1001 1002 1009 1008 1004 1005 1006 "

finish
