/*
 * Unit tests of the host table handed to plugins (plugin_api.c's
 * plugin_api), called as a plugin calls it, for a plugin "fake" whose
 * descriptor is here (no shared object is loaded): typed configuration
 * look-ups with their defaults and refusals, dates and today, error
 * codes, the log, read-only queries with typed parameters and columns,
 * exec() confined to the plugin's own tables and audited, and emitting a
 * result in the user's format.  test_plugin.c covers the same table
 * through a loaded fixture.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "plugin_fixture.h"
#include "plugin_host.h"

static const struct integra_config_key fake_config[] = {
	{ .name = "seats", .type = INTEGRA_INTEGER, .min = 1, .max = 100, .def = "10" },
	{ .name = "ratio", .type = INTEGRA_REAL, .min = 0, .max = 1, .def = "0.5" },
	{ .name = "strict", .type = INTEGRA_BOOLEAN, .def = "false" },
	{ .name = "motto", .type = INTEGRA_TEXT },
	{ .name = "start", .type = INTEGRA_DATE, .def = "2021-07-23" },
	{ .name = NULL },
};

static const struct integra_plugin fake = {
	.name = "fake",
	.version = "1.0",
	.config = fake_config,
};

/* A host for "fake" on a context configured with group (a libconfig
 * group body, may be empty), with an in-memory database when db. */
static struct integra_host
fake_host(struct ctx *ctx, const char *group, bool db)
{
	struct integra_host h = { .ctx = ctx, .plugin = &fake };
	char *extra = xasprintf("fake = { %s };", group);

	assert_int_equal(fixture_ctx(ctx, "\"fake\"", extra), 0);
	free(extra);
	if (db)
		assert_int_equal(fixture_db(ctx), 0);
	return h;
}

static void
test_api_config_values(void **state)
{
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "seats = 12; ratio = 0.25; strict = true; "
	    "motto = \"Слава Україні\";", false);
	const char *s;
	int64_t i;
	double r;
	int b;

	(void)state;
	assert_int_equal(plugin_api.config_int(&h, "seats", &i), 0);
	assert_int_equal(i, 12);
	assert_int_equal(plugin_api.config_real(&h, "ratio", &r), 0);
	assert_true(r == 0.25);
	assert_int_equal(plugin_api.config_real(&h, "seats", &r), 0);
	assert_true(r == 12.0);
	assert_int_equal(plugin_api.config_bool(&h, "strict", &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(plugin_api.config_text(&h, "motto", &s), 0);
	assert_string_equal(s, "Слава Україні");
	assert_int_equal(plugin_api.config_text(&h, "start", &s), 0);
	assert_string_equal(s, "2021-07-23");

	/* the wrong type asked for */
	assert_int_equal(plugin_api.config_int(&h, "motto", &i), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "plugin 'fake': configuration key 'motto' "
	    "is not of the type asked for"));
	assert_int_equal(plugin_api.config_int(&h, "ratio", &i), ERR_INVALID);
	assert_int_equal(plugin_api.config_bool(&h, "seats", &b), ERR_INVALID);
	assert_int_equal(plugin_api.config_real(&h, "motto", &r), ERR_INVALID);
	/* a key the plugin never declared */
	assert_int_equal(plugin_api.config_int(&h, "nosuch", &i), ERR_NOTFOUND);
	assert_non_null(strstr(ctx.errmsg, "'fake.nosuch'"));
	fixture_release(&ctx);
}

static void
test_api_config_defaults(void **state)
{
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", false);
	const char *s = "unchanged";
	int64_t i;
	double r;
	int b = -1;

	(void)state;
	assert_int_equal(plugin_api.config_int(&h, "seats", &i), 0);
	assert_int_equal(i, 10);
	assert_int_equal(plugin_api.config_real(&h, "ratio", &r), 0);
	assert_true(r == 0.5);
	assert_int_equal(plugin_api.config_bool(&h, "strict", &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(plugin_api.config_text(&h, "motto", &s), ERR_NOTFOUND);
	assert_string_equal(s, "unchanged");
	assert_non_null(strstr(ctx.errmsg, "plugin 'fake': no configuration value "
	    "'fake.motto' and no default"));
	fixture_release(&ctx);
}

static void
test_api_dates(void **state)
{
	static const char *const bad[] = { "", "2021-02-29", "31.04.2021", "2021-7-23x",
	    "завтра" };
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", false);
	char d[11], today[11];
	size_t i;

	(void)state;
	assert_int_equal(plugin_api.parse_date(&h, "2021-07-23", d), 0);
	assert_string_equal(d, "2021-07-23");
	assert_int_equal(plugin_api.parse_date(&h, "23.07.2021", d), 0);
	assert_string_equal(d, "2021-07-23");
	assert_int_equal(plugin_api.parse_date(&h, "29.02.2024", d), 0);
	assert_string_equal(d, "2024-02-29");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(plugin_api.parse_date(&h, bad[i], d), ERR_INVALID);
		assert_non_null(strstr(ctx.errmsg, "expected YYYY-MM-DD or DD.MM.YYYY"));
	}
	assert_int_equal(plugin_api.parse_date(&h, NULL, d), ERR_INVALID);

	date_format(date_today(), today);
	plugin_api.today(&h, d);
	assert_string_equal(d, today);
	ctx.as_of = "2021-10-01";
	plugin_api.today(&h, d);
	assert_string_equal(d, "2021-10-01");
	fixture_release(&ctx);
}

static void
test_api_error_codes(void **state)
{
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", false);

	(void)state;
	assert_int_equal(plugin_api.error(&h, INTEGRA_EINVALID, "seats %d of %s", 5,
	    "Київ"), INTEGRA_EINVALID);
	assert_int_equal(ctx.err, ERR_INVALID);
	assert_string_equal(ctx.errmsg, "seats 5 of Київ");
	assert_int_equal(plugin_api.error(&h, INTEGRA_EEXISTS, "x"), INTEGRA_EEXISTS);
	/* not a failure code, or not one the ABI knows: a plain failure */
	assert_int_equal(plugin_api.error(&h, 0, "zero"), INTEGRA_EFAIL);
	assert_int_equal(plugin_api.error(&h, 3, "positive"), INTEGRA_EFAIL);
	assert_int_equal(plugin_api.error(&h, INTEGRA_EEXISTS - 1, "beyond"),
	    INTEGRA_EFAIL);
	assert_string_equal(ctx.errmsg, "beyond");
	fixture_release(&ctx);
}

/* What the log wrote on stderr, with INTEGRA_DEBUG set or not. */
static char *
logged(const struct integra_host *h, enum integra_log_level lvl)
{
	char buf[256] = "";
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);

	assert_non_null(tmp);
	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	plugin_api.log(h, lvl, "%d seats in %s", 3, "Київ");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	if (fgets(buf, sizeof(buf), tmp) == NULL)
		buf[0] = '\0';
	fclose(tmp);
	return xstrdup(buf);
}

static void
test_api_log(void **state)
{
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", false);
	char *s;

	(void)state;
	s = logged(&h, INTEGRA_LOG_WARNING);
	assert_string_equal(s, "integra: fake: warning: 3 seats in Київ\n");
	free(s);
	unsetenv("INTEGRA_DEBUG");
	s = logged(&h, INTEGRA_LOG_DEBUG);
	assert_string_equal(s, "");
	free(s);
	setenv("INTEGRA_DEBUG", "1", 1);
	s = logged(&h, INTEGRA_LOG_DEBUG);
	assert_string_equal(s, "integra: fake: debug: 3 seats in Київ\n");
	free(s);
	unsetenv("INTEGRA_DEBUG");
	fixture_release(&ctx);
}

/* Keeps the typed columns of each row; stops after `stop` rows if set. */
struct rows {
	int n;
	int stop;
	struct integra_value first[8];
	char text[64];
};

static int
keep_rows(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct rows *r = ud;
	size_t i;

	if (r->n++ == 0) {
		assert_true(ncols <= ARRAY_SIZE(r->first));
		for (i = 0; i < ncols; i++) {
			r->first[i] = cols[i];
			if (cols[i].type == INTEGRA_TEXT) {
				snprintf(r->text, sizeof(r->text), "%.*s", (int)cols[i].n,
				    cols[i].s);
				r->first[i].s = r->text;
			}
		}
	}
	return r->stop && r->n >= r->stop;
}

static void
test_api_query(void **state)
{
	const struct integra_value params[] = {
		{ .type = INTEGRA_INTEGER, .i = 7 },
		{ .type = INTEGRA_REAL, .r = 1.5 },
		{ .type = INTEGRA_TEXT, .s = "Київ" },	/* .n = 0: up to the NUL */
		{ .type = INTEGRA_NULL },
		{ .type = INTEGRA_BOOLEAN, .i = 1 },
	};
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", false);
	struct rows r = { 0 };

	(void)state;
	/* no database yet, as during init() */
	assert_int_equal(plugin_api.query(&h, "SELECT 1", NULL, 0, keep_rows, &r),
	    ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "not during init"));
	assert_int_equal(fixture_db(&ctx), 0);

	assert_int_equal(plugin_api.query(&h, "SELECT ?1, ?2, ?3, ?4, ?5", params, 5,
	    keep_rows, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.first[0].type, INTEGRA_INTEGER);
	assert_int_equal(r.first[0].i, 7);
	assert_int_equal(r.first[1].type, INTEGRA_REAL);
	assert_true(r.first[1].r == 1.5);
	assert_int_equal(r.first[2].type, INTEGRA_TEXT);
	assert_string_equal(r.first[2].s, "Київ");
	assert_int_equal(r.first[3].type, INTEGRA_NULL);
	assert_int_equal(r.first[4].type, INTEGRA_INTEGER);
	assert_int_equal(r.first[4].i, 1);

	/* the callback stops the rows */
	memset(&r, 0, sizeof(r));
	r.stop = 3;
	assert_int_equal(plugin_api.query(&h, "WITH RECURSIVE c(x) AS (VALUES (1) "
	    "UNION ALL SELECT x + 1 FROM c WHERE x < 10) SELECT x FROM c", NULL, 0,
	    keep_rows, &r), 0);
	assert_int_equal(r.n, 3);

	/* read-only: no change, even to its own tables */
	assert_int_equal(plugin_api.query(&h, "DELETE FROM programme", NULL, 0, NULL,
	    NULL), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "query() takes read-only statements"));
	assert_int_equal(plugin_api.query(&h, "SELEC 1", NULL, 0, NULL, NULL),
	    ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "plugin 'fake'"));
	fixture_release(&ctx);
}

/* exec(sql) refused as a change outside the plugin's tables. */
static void
refused(struct integra_host *h, const char *sql, const char *what)
{
	char *want = xasprintf("may change only its own tables (named fake_*), not '%s'",
	    what);

	if (plugin_api.exec(h, sql, NULL, 0, NULL) != ERR_FAIL)
		fail_msg("exec() ran: %s", sql);
	if (strstr(h->ctx->errmsg, want) == NULL)
		fail_msg("%s: %s", sql, h->ctx->errmsg);
	free(want);
}

static void
test_api_exec_confined(void **state)
{
	const struct integra_value text = { .type = INTEGRA_TEXT, .s = "перша", .n = 10 };
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", true);
	int64_t n = -1, m = -1;

	(void)state;
	assert_int_equal(plugin_api.exec(&h, "CREATE TABLE fake_note (x)", NULL, 0,
	    NULL), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "inside a write transaction"));
	assert_int_equal(db_begin(&ctx), 0);
	assert_int_equal(plugin_api.exec(&h, "CREATE TABLE fake_note (id INTEGER "
	    "PRIMARY KEY, text TEXT)", NULL, 0, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(plugin_api.exec(&h, "CREATE INDEX fake_note_text ON "
	    "fake_note(text)", NULL, 0, NULL), 0);
	assert_int_equal(plugin_api.exec(&h, "ALTER TABLE fake_note ADD COLUMN seats "
	    "INTEGER", NULL, 0, NULL), 0);
	/* reading core tables is allowed */
	assert_int_equal(plugin_api.exec(&h, "INSERT INTO fake_note (text) SELECT code "
	    "FROM programme", NULL, 0, &n), 0);
	assert_int_equal(n, 0);

	refused(&h, "DELETE FROM programme", "programme");
	refused(&h, "INSERT INTO audit (at) VALUES ('x')", "audit");
	refused(&h, "DROP TABLE organisation", "organisation");
	refused(&h, "CREATE TABLE fakenews (x)", "fakenews");
	refused(&h, "CREATE TABLE fake (x)", "fake");
	refused(&h, "ALTER TABLE person ADD COLUMN x", "person");
	refused(&h, "CREATE INDEX other_text ON fake_note(text)", "other_text");
	refused(&h, "CREATE INDEX fake_code ON programme(code)", "programme");
	refused(&h, "CREATE VIEW fake_v AS SELECT 1",
	    "(a statement other than a change to the plugin's tables)");
	refused(&h, "CREATE TRIGGER fake_t AFTER INSERT ON fake_note BEGIN SELECT 1; END",
	    "(a statement other than a change to the plugin's tables)");
	refused(&h, "PRAGMA user_version = 5",
	    "(a statement other than a change to the plugin's tables)");
	refused(&h, "ATTACH ':memory:' AS other",
	    "(a statement other than a change to the plugin's tables)");
	assert_int_equal(plugin_api.exec(&h, "INSERT INTO fake_note (text) VALUES ('a'); "
	    "DELETE FROM programme", NULL, 0, NULL), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "expected exactly one SQL statement"));

	/* changes counted and audited: table, plugin, action, SQL and rows */
	assert_int_equal(plugin_api.exec(&h, "INSERT INTO fake_note (text) VALUES (?1)",
	    &text, 1, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(plugin_api.exec(&h, "INSERT INTO fake_note (text) VALUES ('b')",
	    NULL, 0, NULL), 0);
	assert_int_equal(plugin_api.exec(&h, "UPDATE fake_note SET seats = 3", NULL, 0,
	    &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(db_query_int(&ctx, &m, "SELECT count(*) FROM audit WHERE "
	    "entity = 'fake_note' AND entity_key = 'fake' AND action = 'change' AND "
	    "json_extract(new, '$.rows') = 2 AND json_extract(new, '$.sql') = "
	    "'UPDATE fake_note SET seats = 3'", ""), 0);
	assert_int_equal(m, 1);
	assert_int_equal(db_query_int(&ctx, &m, "SELECT count(*) FROM fake_note WHERE "
	    "text = 'перша'", ""), 0);
	assert_int_equal(m, 1);
	ctx.audit_off = true;
	assert_int_equal(plugin_api.exec(&h, "DELETE FROM fake_note", NULL, 0, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(db_query_int(&ctx, &m, "SELECT count(*) FROM audit WHERE "
	    "action = 'remove'", ""), 0);
	assert_int_equal(m, 0);
	assert_int_equal(db_query_int(&ctx, &m, "SELECT count(*) FROM audit", ""), 0);
	assert_int_equal(m, 3);
	assert_int_equal(db_commit(&ctx), 0);
	fixture_release(&ctx);
}

static void
test_api_emit(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "назва", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER },
	};
	const struct integra_value row[] = {
		{ .type = INTEGRA_TEXT, .s = "Київ, центр" },
		{ .type = INTEGRA_INTEGER, .i = 3 },
	};
	struct ctx ctx;
	struct integra_host h = fake_host(&ctx, "", false);
	char *text = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(plugin_api.emit_row(&h, row), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "emit_row() without emit_begin()"));
	assert_int_equal(plugin_api.emit_end(&h), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "emit_end() without emit_begin()"));

	ctx.out = open_memstream(&text, &len);
	assert_non_null(ctx.out);
	ctx.format = "csv";
	assert_int_equal(plugin_api.emit_begin(&h, "title", cols, 2), 0);
	assert_int_equal(plugin_api.emit_begin(&h, "title", cols, 2), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "emit_begin() while a result is open"));
	assert_int_equal(plugin_api.emit_row(&h, row), 0);
	assert_int_equal(plugin_api.emit_end(&h), 0);
	fclose(ctx.out);
	ctx.out = stdout;
	assert_string_equal(text, "назва,n\r\n\"Київ, центр\",3\r\n");
	free(text);
	fixture_release(&ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_config_values),
		cmocka_unit_test(test_api_config_defaults),
		cmocka_unit_test(test_api_dates),
		cmocka_unit_test(test_api_error_codes),
		cmocka_unit_test(test_api_log),
		cmocka_unit_test(test_api_query),
		cmocka_unit_test(test_api_exec_confined),
		cmocka_unit_test(test_api_emit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
