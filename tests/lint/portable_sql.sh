#!/bin/sh
# Lint: the SQL of core/ and plugins/ runs on SQLite and on PostgreSQL.
# Reads the string literals of every core/*.c and plugins/*/*.c (comment
# lines left out, \" read as an identifier quote) and fails on a
# construct one of the two engines does not parse or types differently,
# naming the common form to write instead (docs/plugin-abi.md, "SQL that
# runs on both backends").  A file on the allow-list below may use the
# rules listed with it, for the reason given: SQLite-only code, or files
# whose owner still has to port them.  Prints one "ok" a rule, one
# "not ok" a line that breaks it.  Arguments, if any, are the files to
# read instead (relative to the top).
cd "$(dirname "$0")/../.." || exit 1
[ $# -gt 0 ] || set -- core/*.c plugins/*/*.c

# RULE<TAB>ERE (matched against the strings of one line)<TAB>what to write
rules='insert-or	INSERT OR (IGNORE|REPLACE|ABORT|FAIL|ROLLBACK)|REPLACE INTO	INSERT ... ON CONFLICT (...) DO NOTHING or DO UPDATE
limit-minus	LIMIT -1	no LIMIT, or LIMIT 9223372036854775807 when an OFFSET follows
ifnull	ifnull\(	coalesce()
printf	(printf|format)\(	|| and CASE (or format the value in C)
char	char\([0-9]	a bound parameter holding the character
catalog	sqlite_(master|schema|temp_master|temp_schema|sequence)|PRAGMA |pragma_	nothing common: SQLite-only code, with information_schema or pg_catalog on PostgreSQL
is-value	IS (NOT )?(\?|\(|'"'"'|:[a-z]|[a-z_]+\.[a-z_])	IS [NOT] DISTINCT FROM (IS only before NULL)
real	AS REAL\)	CAST(... AS DOUBLE PRECISION): REAL is a 4-byte float on PostgreSQL
end	(^|[ ,(])end( =|,|\))	"end" (quoted: END is reserved on PostgreSQL)
min-max	(^|[^a-z_])(min|max)\([^()]*,	CASE WHEN a < b THEN a ELSE b END (min and max of two values are SQLite-only)
bool-sum	(sum|total|avg|count)\([a-z_.]+ *(=|<>|<=|>=|<|>) 	sum(CASE WHEN ... THEN 1 ELSE 0 END): no booleans as numbers
json-sum	(sum|total|avg)\(json_extract	CAST(json_extract(...) AS NUMERIC): JSON values are text on PostgreSQL
when-param	WHEN \?[0-9]* THEN|(AND|OR|\() *NOT \?[0-9]*[ )]	? = 1: an integer is no boolean on PostgreSQL
sqlite-only	(iif|datetime|unixepoch|typeof|json_type|last_insert_rowid|total_changes|randomblob|zeroblob|likelihood)\(| GLOB | REGEXP |COLLATE NOCASE|WITHOUT ROWID|AUTOINCREMENT|INDEXED BY|rowid	nothing common under that name (see docs/sql-dialect.md)'

# FILE<TAB>RULES (comma-separated, or *)<TAB>why
allow='core/db_sqlite.c	*	opens an SQLite database: its PRAGMAs and functions
core/db_ident.c	catalog	identifies an SQLite file (application_id, sqlite_master, pragma_table_info); PostgreSQL: information_schema.tables/columns in db_pg.c
core/db.c	catalog	whether the migration table exists (sqlite_master); PostgreSQL: to_regclass('"'"'migration'"'"') or information_schema.tables
core/schema.c	*	the SQLite schema; PostgreSQL has its own in schema_pg.c
core/schema_pg.c	*	PostgreSQL only
core/schema_pg_fn.c	*	PostgreSQL only: the functions of SQLite'"'"'s names it defines there
core/agency_sql.c	printf	PostgreSQL only: format() in plpgsql, not SQLite'"'"'s printf
core/dbcopy.c	catalog	the foreign keys of a table: pragma_foreign_key_list on SQLite, pg_constraint on PostgreSQL
core/db_pg.c	*	PostgreSQL only
core/store_pg.c	*	PostgreSQL only
core/store_pg_sql.c	*	translates SQLite'"'"'s words into PostgreSQL'"'"'s, so it names them
core/report.c	catalog	the page cache and heap limit of a report: SQLite PRAGMAs, run only on SQLite (dbc_sqlite)
core/plugin.c	catalog	adopts plugin tables listed in sqlite_master; PostgreSQL: information_schema.tables (plus pg_indexes)
core/plugin_api.c	catalog,sqlite-only	the authorizer names SQLite'"'"'s catalog; a table looked up in sqlite_master COLLATE NOCASE; PostgreSQL: to_regclass(lower(name))
core/cmd_status.c	catalog,sqlite-only	integrity_check and foreign_key_check are SQLite'"'"'s; PostgreSQL enforces keys and has amcheck
core/import_bulk.c	*	the SQLite bulk load (PRAGMA, temp tables, rowid); helper perf17 owns it
core/import_row.c	is-value,char	perf17 owns it: (cols) IS NOT (vals) -> IS DISTINCT FROM, char(31) -> a bound separator
core/import_edrpou.c	is-value	perf17 owns it: code IS NOT ? -> IS DISTINCT FROM
core/import_same.c	end	perf17 owns it: end -> "end"'

PORTABLE_RULES=$rules PORTABLE_ALLOW=$allow awk -v me="$(basename "$0")" '
BEGIN {
	rules = ENVIRON["PORTABLE_RULES"]; allow = ENVIRON["PORTABLE_ALLOW"]
	n = split(rules, rl, "\n")
	for (i = 1; i <= n; i++) {
		split(rl[i], f, "\t")
		name[i] = f[1]; re[i] = f[2]; fix[i] = f[3]
	}
	m = split(allow, al, "\n")
	for (i = 1; i <= m; i++) {
		split(al[i], f, "\t")
		ok[f[1]] = "," f[2] ","
	}
}
# The strings of the line, \" read as an identifier quote.
function strings(s,    out) {
	gsub(/\\"/, "#", s)
	out = ""
	while (match(s, /"[^"]*"/)) {
		out = out substr(s, RSTART + 1, RLENGTH - 2)
		s = substr(s, RSTART + RLENGTH)
	}
	gsub(/#/, "\"", out)
	return out
}
/^[ \t]*(\/\*|\*|\/\/)/ { next }
{
	s = strings($0)
	if (s == "")
		next
	for (i = 1; i <= n; i++) {
		if (s !~ re[i])
			continue
		a = ok[FILENAME]
		if (a == ",*," || index(a, "," name[i] ","))
			continue
		print "not ok - " FILENAME ":" FNR ": " name[i] ": " fix[i]
		bad[i]++
	}
}
END {
	for (i = 1; i <= n; i++) {
		if (bad[i]) { fail++; continue }
		print "ok - no " name[i] " outside the allow-list"
		pass++
	}
	print "# " me ": " pass + 0 " passed, " fail + 0 " failed, 0 skipped"
	exit fail > 0
}' "$@"
