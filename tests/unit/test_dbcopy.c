/*
 * Unit tests of dbcopy.c: the values of a dump's lines written (escapes,
 * Cyrillic as it is, NULL, integers and reals that read back as what
 * they were) and read (every JSON form a dump holds, and the malformed
 * lines refused with the byte where they go wrong).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dbcopy.h"
#include "unit_db.h"

/* The JSON of one value, as a dump's row writes it. */
static char *
put(const struct integra_value *v)
{
	struct buf b = { 0 };

	jv_put_value(&b, v);
	return b.s;
}

static void
test_dbcopy_put_values(void **state)
{
	struct integra_value v = { .type = INTEGRA_NULL };
	char *s;

	(void)state;
	assert_string_equal(s = put(&v), "null");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_INTEGER, .i = -9007199254740993LL };
	assert_string_equal(s = put(&v), "-9007199254740993");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_REAL, .r = 2.0 };
	assert_string_equal(s = put(&v), "2.0");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_REAL, .r = 0.5 };
	assert_string_equal(s = put(&v), "0.5");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_REAL, .r = 1e300 };
	assert_string_equal(s = put(&v), "1e+300");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_TEXT, .s = "Міністерство оборони України",
	    .n = strlen("Міністерство оборони України") };
	assert_string_equal(s = put(&v), "\"Міністерство оборони України\"");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_TEXT, .s = "a\"b\\c\n\t\x01\x7f/", .n = 10 };
	assert_string_equal(s = put(&v), "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f/\"");
	free(s);
	v = (struct integra_value){ .type = INTEGRA_TEXT, .s = "", .n = 0 };
	assert_string_equal(s = put(&v), "\"\"");
	free(s);
}

/* Parses line, which must be good. */
static void
parse(const char *line, struct jv *v)
{
	char why[128] = "";

	if (!jv_parse(line, strlen(line), v, why, sizeof(why)))
		fail_msg("'%s' refused: %s", line, why);
}

static void
test_dbcopy_parse_row(void **state)
{
	struct jv v;

	(void)state;
	parse("[1, -2, 2.0, 1e3, null, true, \"Київ\", \"\\\"\\\\\\/\\b\\f\\n\\r\\t\", "
	    "\"\\u0407\\u0457\", \"\\ud83d\\ude00\", []]", &v);
	assert_int_equal(v.type, JV_ARR);
	assert_int_equal(v.n, 11);
	assert_int_equal(v.v[0].type, JV_INT);
	assert_int_equal(v.v[0].i, 1);
	assert_int_equal(v.v[1].i, -2);
	assert_int_equal(v.v[2].type, JV_REAL);
	assert_true(v.v[2].r == 2.0);
	assert_int_equal(v.v[3].type, JV_REAL);
	assert_true(v.v[3].r == 1000.0);
	assert_int_equal(v.v[4].type, JV_NULL);
	assert_int_equal(v.v[5].type, JV_BOOL);
	assert_string_equal(v.v[6].s, "Київ");
	assert_int_equal(v.v[6].n, strlen("Київ"));
	assert_string_equal(v.v[7].s, "\"\\/\b\f\n\r\t");
	assert_string_equal(v.v[8].s, "Її");
	assert_string_equal(v.v[9].s, "\xf0\x9f\x98\x80");
	assert_int_equal(v.v[10].type, JV_ARR);
	assert_int_equal(v.v[10].n, 0);
	jv_free(&v);
}

static void
test_dbcopy_parse_objects(void **state)
{
	const struct jv *schema;
	struct jv v;

	(void)state;
	parse("{\"integra_dump\": 1, \"schema\": {\"core\": 8, \"civil_service\": 1}, "
	    "\"exported\": \"2026-11-30T05:00:00Z\", \"source\": \"sqlite\"}", &v);
	assert_int_equal(v.type, JV_OBJ);
	assert_int_equal(jv_get(&v, "integra_dump")->i, 1);
	schema = jv_get(&v, "schema");
	assert_non_null(schema);
	assert_int_equal(jv_get(schema, "civil_service")->i, 1);
	assert_null(jv_get(schema, "decree"));
	assert_null(jv_get(&v, "counts"));
	assert_null(jv_get(jv_get(&v, "integra_dump"), "x"));
	jv_free(&v);
	parse("{}", &v);
	assert_int_equal(v.n, 0);
	jv_free(&v);
}

/* Every value written reads back as what it was. */
static void
test_dbcopy_round_trip(void **state)
{
	static const double reals[] = { 0.1, 1.0 / 3, 123456789.125, -0.0, 5e-324 };
	struct integra_value v = { .type = INTEGRA_REAL };
	struct jv back;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		v.r = reals[i];
		parse(s = put(&v), &back);
		assert_int_equal(back.type, JV_REAL);
		assert_memory_equal(&back.r, &reals[i], sizeof(double));
		free(s);
		jv_free(&back);
	}
	v = (struct integra_value){ .type = INTEGRA_TEXT,
	    .s = "Шевченко \"Тарас\"\\\r\n\x1f і ґ", .n = 0 };
	parse(s = put(&v), &back);
	assert_string_equal(back.s, v.s);
	free(s);
	jv_free(&back);
	v = (struct integra_value){ .type = INTEGRA_INTEGER, .i = INT64_MIN };
	parse(s = put(&v), &back);
	assert_int_equal(back.type, JV_INT);
	assert_true(back.i == INT64_MIN);
	free(s);
	jv_free(&back);
}

static void
test_dbcopy_parse_refused(void **state)
{
	static const struct {
		const char *line;
		const char *why;
	} bad[] = {
		{ "[1, 2,]", "unexpected character at byte 7" },
		{ "[1 2]", "expected ',' or ']' at byte 4" },
		{ "{\"a\" 1}", "expected ':' at byte 6" },
		{ "{1: 2}", "expected a string key at byte 2" },
		{ "[\"abc", "unterminated string at byte 6" },
		{ "[\"a\tb\"]", "control character in a string at byte 4" },
		{ "[\"\\x\"]", "unknown escape at byte 4" },
		{ "[\"\\u00zz\"]", "bad \\u escape at byte 5" },
		{ "[\"\\ud83d\"]", "high surrogate without its low half" },
		{ "[\"\\u0000\"]", "\\u0000 (a NUL character) in a string" },
		{ "[99999999999999999999]", "number out of range at byte 2" },
		{ "[1e999]", "number out of range at byte 2" },
		{ "[1.2.3]", "malformed number at byte 2" },
		{ "[1] x", "more after the value at byte 5" },
		{ "", "unexpected end of line at byte 1" },
		{ "[nul]", "unexpected character at byte 2" },
		{ "[[[[[[[[[[1]]]]]]]]]]", "nested too deeply" },
		{ "[\"\xff\"]", "not valid UTF-8" },
	};
	char why[128];
	struct jv v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		if (jv_parse(bad[i].line, strlen(bad[i].line), &v, why, sizeof(why)))
			fail_msg("'%s' accepted", bad[i].line);
		if (strstr(why, bad[i].why) == NULL)
			fail_msg("'%s': '%s', wanted '%s'", bad[i].line, why, bad[i].why);
		jv_free(&v);
	}
}

/* The plugins' tables come after the core's, each after the tables it
 * refers to whatever their names, a reference to itself aside; indexes
 * are no tables. */
static void
test_dbcopy_tables_parents_first(void **state)
{
	struct ctx ctx = { 0 };
	struct dbcopy_tables t = { 0 };

	(void)state;
	assert_int_equal(unit_memdb(&ctx), 0);
	assert_int_equal(dbc_exec(ctx.db, "CREATE TABLE plugin_object (name TEXT, "
	    "kind TEXT, tbl TEXT, plugin TEXT, schema_version INTEGER, created TEXT);"
	    "CREATE TABLE x_parent (id INTEGER PRIMARY KEY);"
	    "CREATE TABLE a_child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES "
	    "x_parent(id));"
	    "CREATE TABLE m_self (id INTEGER PRIMARY KEY, up INTEGER REFERENCES "
	    "m_self(id), c INTEGER REFERENCES a_child(id));"
	    "INSERT INTO plugin_object VALUES ('a_child', 'table', 'a_child', 'x', 1, ''),"
	    "('m_self', 'table', 'm_self', 'x', 1, ''),"
	    "('x_parent', 'table', 'x_parent', 'x', 1, ''),"
	    "('a_child_p', 'index', 'a_child', 'x', 1, '')"), DB_OK);
	assert_int_equal(dbcopy_tables(&ctx, &t), 0);
	assert_int_equal(t.n, 15);
	assert_string_equal(t.name[0], "organisation");
	assert_string_equal(t.name[11], "audit");
	assert_string_equal(t.name[12], "x_parent");
	assert_string_equal(t.name[13], "a_child");
	assert_string_equal(t.name[14], "m_self");
	dbcopy_tables_free(&t);
	dbc_close(ctx.db);
}

/* Organisations are read parents first; other tables by their first
 * column. */
static void
test_dbcopy_select(void **state)
{
	char *sql;

	(void)state;
	sql = dbcopy_select("person");
	assert_string_equal(sql, "SELECT * FROM person ORDER BY 1");
	free(sql);
	sql = dbcopy_select("organisation");
	assert_non_null(strstr(sql, "WITH RECURSIVE"));
	assert_non_null(strstr(sql, "ORDER BY tree.depth, o.id"));
	free(sql);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dbcopy_put_values),
		cmocka_unit_test(test_dbcopy_parse_row),
		cmocka_unit_test(test_dbcopy_parse_objects),
		cmocka_unit_test(test_dbcopy_round_trip),
		cmocka_unit_test(test_dbcopy_parse_refused),
		cmocka_unit_test(test_dbcopy_tables_parents_first),
		cmocka_unit_test(test_dbcopy_select),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
