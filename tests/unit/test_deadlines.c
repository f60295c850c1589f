/*
 * Unit tests of core/deadlines.c: which descriptors have a deadlines
 * source (the size must cover the ABI 1.1 member), the SQL that joins the
 * core's programmes with each loaded plugin's rows into dl, and the
 * refusal of a bad source naming its plugin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "plugin_fixture.h"
#include "deadlines.h"

/* The first column of the first row of sql on ctx's database. */
static long long
first_int(struct ctx *ctx, const char *sql)
{
	struct dbst *st;
	long long v = -1;

	assert_int_equal(dbc_prepare(ctx->db, sql, &st, NULL), SQLITE_OK);
	if (dbst_step(st) == DB_ROW)
		v = dbst_int(st, 0);
	dbst_finalize(st);
	return v;
}

static void
test_deadlines_of_size(void **state)
{
	struct integra_plugin p = { .size = sizeof(struct integra_plugin),
	    .deadlines = "SELECT 1" };

	(void)state;
	assert_string_equal(deadlines_of(&p), "SELECT 1");
	p.size = offsetof(struct integra_plugin, deadlines);
	assert_null(deadlines_of(&p));
	p.size = sizeof(struct integra_plugin);
	p.deadlines = NULL;
	assert_null(deadlines_of(&p));
}

static void
test_deadlines_sql_core_only(void **state)
{
	struct buf b = { 0 };
	struct ctx ctx;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(fixture_db(&ctx), 0);
	assert_int_equal(dbc_exec(ctx.db, "INSERT INTO programme (area, code, title, "
	    "due, status) VALUES ('x', 'P1', 'Т', '2021-09-23', 'planned'), "
	    "('x', 'P2', 'Т', '2021-09-23', 'completed'), ('x', 'P3', 'Т', NULL, "
	    "'planned')"), SQLITE_OK);
	assert_int_equal(deadlines_sql(&ctx, "SELECT count(*) FROM dl", &b), 0);
	assert_non_null(strstr(b.s, "WITH dl(code, area, title, owner, due) AS ("));
	assert_null(strstr(b.s, "UNION ALL"));
	assert_int_equal(first_int(&ctx, b.s), 1);
	buf_release(&b);
	fixture_release(&ctx);
}

static void
test_deadlines_sql_plugin_rows(void **state)
{
	struct buf b = { 0 };
	struct ctx ctx;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"late_rows\", \"late_old\"", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(plugins_count(&ctx), 2);
	assert_int_equal(fixture_db(&ctx), 0);
	assert_int_equal(deadlines_sql(&ctx, "SELECT count(*) FROM dl WHERE "
	    "area = 'late_rows'", &b), 0);
	assert_non_null(strstr(b.s, " UNION ALL SELECT code, area, title, owner, due FROM ("));
	assert_null(strstr(b.s, "never read"));
	assert_int_equal(first_int(&ctx, b.s), 3);
	buf_release(&b);
	fixture_release(&ctx);
}

static void
test_deadlines_sql_bad_source(void **state)
{
	struct buf b = { 0 };
	struct ctx ctx;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"late_bad\"", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(fixture_db(&ctx), 0);
	assert_int_not_equal(deadlines_sql(&ctx, "SELECT * FROM dl", &b), 0);
	assert_non_null(strstr(ctx.errmsg, "deadlines of plugin 'late_bad': "));
	assert_non_null(strstr(ctx.errmsg, "owner"));
	buf_release(&b);
	fixture_release(&ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadlines_of_size),
		cmocka_unit_test(test_deadlines_sql_core_only),
		cmocka_unit_test(test_deadlines_sql_plugin_rows),
		cmocka_unit_test(test_deadlines_sql_bad_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
