/*
 * Unit tests of plugin_pgauth.c, the reading of a plugin's exec()
 * statement on PostgreSQL: which actions it puts to the authorizer's
 * callback (the table each write, creation, alteration or drop names, in
 * the order of the text), through comments, strings, quoted names,
 * schemas, WITH and sub-queries, and which statements it refuses whole.
 * No server is needed: DROP INDEX, which asks the server for the index's
 * table, is left to the CLI tests (t21).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "integra.h"
#include "plugin_pgauth.h"

/* The actions seen, "op x y;" each. */
struct seen {
	char log[512];
};

static const char *
op_name(int op)
{
	switch (op) {
	case SQLITE_INSERT: return "insert";
	case SQLITE_UPDATE: return "update";
	case SQLITE_DELETE: return "delete";
	case SQLITE_CREATE_TABLE: return "create_table";
	case SQLITE_CREATE_INDEX: return "create_index";
	case SQLITE_DROP_TABLE: return "drop_table";
	case SQLITE_ALTER_TABLE: return "alter";
	case SQLITE_ANALYZE: return "analyze";
	default: return "other";
	}
}

/* Allows the names of the plugin "good" (good_*) as object and table,
 * refuses anything else. */
static int
record(void *ud, int op, const char *x, const char *y, const char *db,
    const char *trigger)
{
	struct seen *s = ud;
	size_t len = strlen(s->log);

	(void)db;
	(void)trigger;
	snprintf(s->log + len, sizeof(s->log) - len, "%s %s %s;", op_name(op),
	    x ? x : "-", y ? y : "-");
	if (op == SQLITE_ALTER_TABLE)
		x = y;
	return x && strncmp(x, "good_", 5) == 0 && (y == NULL ||
	    strncmp(y, "good_", 5) == 0) ? DB_OK : SQLITE_DENY;
}

/* Checks sql: the result rc and the actions log. */
static void
check(const char *sql, int rc, const char *log)
{
	struct seen s = { .log = "" };
	int got = pgauth_check(NULL, sql, record, &s);

	if (got != rc)
		print_message("%s: %s\n", sql, s.log);
	assert_int_equal(got, rc);
	assert_string_equal(s.log, log);
}

static void
test_row_changes(void **state)
{
	(void)state;
	check("INSERT INTO good_note (text) SELECT name FROM organisation", 0,
	    "insert good_note good_note;");
	check("UPDATE ONLY good_note SET text = (SELECT name FROM person LIMIT 1)",
	    0, "update good_note good_note;");
	check("delete from GOOD_NOTE where id = ?1", 0,
	    "delete good_note good_note;");
	check("/* good_note */ DELETE FROM organisation", PGAUTH_DENIED,
	    "delete organisation organisation;");
	check("UPDATE \"organisation\" SET name = 'x'", PGAUTH_DENIED,
	    "update organisation organisation;");
	check("DELETE FROM public.organisation", PGAUTH_DENIED,
	    "delete organisation organisation;");
	check("/* a /* nested */ comment */ DELETE FROM audit", PGAUTH_DENIED,
	    "delete audit audit;");
	check("DELETE FROM pg_catalog.pg_class", PGAUTH_DENIED,
	    "delete pg_catalog.pg_class pg_catalog.pg_class;");
}

static void
test_not_writes(void **state)
{
	(void)state;
	check("UPDATE good_note SET text = 'DELETE FROM organisation'", 0,
	    "update good_note good_note;");
	check("UPDATE good_note SET text = E'it\\'s; DELETE FROM audit' -- "
	    "INSERT INTO audit\n", 0, "update good_note good_note;");
	check("SELECT $q$ DELETE FROM audit $q$, $$x$$ FROM good_note", 0, "");
	check("/* a /* nested */ DELETE FROM audit */ SELECT 1", 0, "");
	check("SELECT \"", 0, "");
	check("SELECT 'unterminated", 0, "");
	check("INSERT INTO good_note VALUES (1) ON CONFLICT (id) DO UPDATE SET "
	    "text = 'x'", 0, "insert good_note good_note;");
	check("SELECT * FROM good_note FOR NO KEY UPDATE", 0, "");
	check("CREATE TABLE good_t (p INTEGER REFERENCES person ON DELETE "
	    "CASCADE ON UPDATE CASCADE)", 0, "create_table good_t good_t;");
	/* a second statement is the prepare's to refuse */
	check("SELECT 1; DELETE FROM organisation", 0, "");
	check("", 0, "");
}

static void
test_hidden_writes(void **state)
{
	(void)state;
	check("WITH g AS (SELECT id FROM good_note) DELETE FROM organisation",
	    PGAUTH_DENIED, "delete organisation organisation;");
	check("WITH d AS (DELETE FROM organisation RETURNING id) INSERT INTO "
	    "good_note SELECT id FROM d", PGAUTH_DENIED,
	    "delete organisation organisation;");
	check("INSERT INTO good_note SELECT 1 FROM (SELECT 1) AS x WHERE EXISTS "
	    "(SELECT 1) AND 1 = (WITH u AS (UPDATE audit SET at = '' RETURNING 1) "
	    "SELECT 1)", PGAUTH_DENIED, "insert good_note good_note;update audit "
	    "audit;");
	check("SELECT name INTO organisation_copy FROM organisation", PGAUTH_DENIED,
	    "create_table organisation_copy organisation_copy;");
	check("SELECT name INTO TEMP good_x FROM organisation", PGAUTH_DENIED,
	    "other - -;");
}

static void
test_statements(void **state)
{
	(void)state;
	check("CREATE UNIQUE INDEX IF NOT EXISTS good_i ON ONLY public.good_note "
	    "(text)", 0, "create_index good_i good_note;");
	check("CREATE INDEX good_p ON programme (code)", PGAUTH_DENIED,
	    "create_index good_p programme;");
	check("CREATE TABLE IF NOT EXISTS good_c AS SELECT * FROM organisation", 0,
	    "create_table good_c good_c;");
	check("DROP TABLE IF EXISTS good_a, good_b CASCADE", 0,
	    "drop_table good_a -;drop_table good_b -;");
	check("DROP TABLE good_a, audit", PGAUTH_DENIED,
	    "drop_table good_a -;drop_table audit -;");
	check("ALTER TABLE IF EXISTS \"good_Note\" ADD COLUMN x TEXT", 0,
	    "alter main good_Note;");
	check("ANALYZE good_note", 0, "analyze good_note -;");
	check("CREATE VIEW good_v AS SELECT 1", PGAUTH_DENIED, "other - -;");
	check("CREATE TEMP TABLE good_t (a TEXT)", PGAUTH_DENIED, "other - -;");
	check("SET integra.audit_on = '0'", PGAUTH_DENIED, "other - -;");
	check("TRUNCATE good_note", PGAUTH_DENIED, "other - -;");
	check("DO $$BEGIN DELETE FROM organisation; END$$", PGAUTH_DENIED,
	    "other - -;");
	check("COPY good_note FROM '/etc/passwd'", PGAUTH_DENIED, "other - -;");
}

static void
test_functions(void **state)
{
	(void)state;
	check("SELECT set_config('integra.audit_on', '0', false)", PGAUTH_DENIED,
	    "other - -;");
	check("UPDATE good_note SET text = pg_catalog.pg_terminate_backend(1)",
	    PGAUTH_DENIED, "update good_note good_note;other - -;");
	check("SELECT \"setval\"('person_id_seq', 1)", PGAUTH_DENIED, "other - -;");
	check("SELECT lo_import('/etc/passwd')", PGAUTH_DENIED, "other - -;");
	check("SELECT query_to_xml('DELETE FROM audit', true, true, '')",
	    PGAUTH_DENIED, "other - -;");
	check("SELECT fold(name), json_extract(fields, '$.x') FROM good_note", 0, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_changes),
		cmocka_unit_test(test_not_writes),
		cmocka_unit_test(test_hidden_writes),
		cmocka_unit_test(test_statements),
		cmocka_unit_test(test_functions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
