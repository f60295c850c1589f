/*
 * Unit tests of plugin_auth_pg.c: a plugin's exec() statement read from
 * its words as SQLite's authorizer would report it, for PostgreSQL, which
 * has none: the action and the names, quoted, qualified or behind
 * comments; a WITH that writes and any other statement are op 0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <string.h>
#include <cmocka.h>

#include "plugin_auth_pg.h"

/* Reads sql and checks its op, x and y. */
static void
check(const char *sql, int op, const char *x, const char *y)
{
	struct pg_auth_stmt s;

	plugin_auth_pg_read(sql, &s);
	assert_int_equal(s.op, op);
	assert_string_equal(s.x, x);
	assert_string_equal(s.y, y);
}

static void
test_row_changes(void **state)
{
	(void)state;
	check("INSERT INTO good_note (text) VALUES ('x')", SQLITE_INSERT,
	    "good_note", "");
	check("insert or ignore into \"Good_Note\" VALUES (1)", SQLITE_INSERT,
	    "Good_Note", "");
	check("  -- a note\n/* c */ UPDATE public.programme SET title = 'x'",
	    SQLITE_UPDATE, "programme", "");
	check("DELETE FROM Good_Note WHERE id = ?", SQLITE_DELETE, "good_note", "");
}

static void
test_schema_changes(void **state)
{
	(void)state;
	check("CREATE TABLE IF NOT EXISTS good_x (id INTEGER PRIMARY KEY)",
	    SQLITE_CREATE_TABLE, "good_x", "");
	check("CREATE TEMP TABLE good_t (a)", SQLITE_CREATE_TABLE, "good_t", "");
	check("CREATE UNIQUE INDEX IF NOT EXISTS good_idx ON programme(code)",
	    SQLITE_CREATE_INDEX, "good_idx", "programme");
	check("DROP INDEX IF EXISTS programme_code", SQLITE_DROP_INDEX,
	    "programme_code", "");
	check("DROP TABLE good_x", SQLITE_DROP_TABLE, "good_x", "");
	check("ALTER TABLE good_note ADD COLUMN b TEXT", SQLITE_ALTER_TABLE, "",
	    "good_note");
}

static void
test_reads_and_others(void **state)
{
	(void)state;
	check("SELECT count(*) FROM programme", SQLITE_SELECT, "", "");
	check("WITH x AS (SELECT 1) SELECT * FROM x", SQLITE_SELECT, "", "");
	check("WITH x AS (SELECT 'delete') SELECT * FROM x", SQLITE_SELECT, "", "");
	check("WITH x AS (DELETE FROM programme RETURNING id) SELECT * FROM x",
	    0, "", "");
	check("TRUNCATE programme", 0, "", "");
	check("GRANT ALL ON programme TO PUBLIC", 0, "", "");
	check("", 0, "", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_changes),
		cmocka_unit_test(test_schema_changes),
		cmocka_unit_test(test_reads_and_others),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
