/*
 * Unit tests of the core schema on PostgreSQL (schema_pg.c,
 * schema_pg_fn.c), against a throw-away cluster (tests/pg/cluster.sh)
 * and, for comparison, an in-memory SQLite database of schema.c's
 * migrations: the same tables and columns; an insert audited by the
 * database with the fields SQLite's trigger writes, and the database
 * role, also for a role that may not write the audit; the audit log
 * append-only; audit_on '0' writing none; the
 * dialect's functions giving what SQLite gives; COLLATE uk in Ukrainian
 * order.  Every case is skipped when PostgreSQL is not installed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "unit_db.h"
#include "schema.h"

/* The cluster and the SQLite database the cases compare. */
struct both {
	char dir[64];
	char *uri;
	PGconn *pg;
	struct ctx ctx;
};

static struct both *both;

/* Starts a cluster in a new directory; its URI, or NULL. */
static char *
cluster_start(char *dir, size_t n)
{
	char cmd[256], uri[512];
	FILE *fp;

	snprintf(dir, n, "/tmp/integra-pg.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(cmd, sizeof(cmd), "chmod 0755 %s && tests/pg/cluster.sh start %s",
	    dir, dir);
	if ((fp = popen(cmd, "r")) == NULL)
		return NULL;
	if (fgets(uri, sizeof(uri), fp) == NULL)
		uri[0] = '\0';
	if (pclose(fp) != 0 || uri[0] == '\0')
		return NULL;
	uri[strcspn(uri, "\n")] = '\0';
	return xstrdup(uri);
}

/* Runs sql on the server; true when it succeeded. */
static bool
pg_ok(const char *sql)
{
	PGresult *r = PQexec(both->pg, sql);
	ExecStatusType s = PQresultStatus(r);

	PQclear(r);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/* Applies core migrations 1..SCHEMA_VERSION on both databases, each on
 * PostgreSQL in its own transaction as db_migrate runs it. */
static void
apply_all(void)
{
	char *sql;
	int v;

	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_pg_migration_sql(v);
		assert_true(pg_ok("BEGIN"));
		if (!pg_ok(sql))
			fail_msg("migration %d: %s", v, PQerrorMessage(both->pg));
		assert_true(pg_ok("COMMIT"));
		free(sql);
		sql = schema_migration_sql(v);
		assert_int_equal(dbc_exec(both->ctx.db, sql), DB_OK);
		free(sql);
	}
}

/* Drops the server's notices (DROP ... IF EXISTS of what is not there). */
static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static int
setup(void **state)
{
	char *uri;

	(void)state;
	if (system("tests/pg/cluster.sh bindir >/dev/null 2>&1") != 0)
		return 0;
	both = xcalloc(1, sizeof(*both));
	if ((uri = cluster_start(both->dir, sizeof(both->dir))) == NULL)
		return -1;
	both->pg = PQconnectdb(uri);
	both->uri = uri;
	if (PQstatus(both->pg) != CONNECTION_OK)
		return -1;
	PQsetNoticeProcessor(both->pg, quiet, NULL);
	both->ctx.out = stdout;
	both->ctx.os_user = xstrdup("tester");
	both->ctx.cmdline = xstrdup("integra person add");
	if (unit_memdb(&both->ctx) != 0)
		return -1;
	if (!pg_ok("SELECT set_config('integra.os_user', 'tester', false), "
	    "set_config('integra.command', 'integra person add', false)"))
		return -1;
	apply_all();
	return 0;
}

static int
teardown(void **state)
{
	char cmd[256];

	(void)state;
	if (both == NULL)
		return 0;
	PQfinish(both->pg);
	free(both->uri);
	dbc_close(both->ctx.db);
	free(both->ctx.os_user);
	free(both->ctx.cmdline);
	snprintf(cmd, sizeof(cmd), "tests/pg/cluster.sh stop %s; rm -rf %s",
	    both->dir, both->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot stop the cluster in %s\n", both->dir);
	free(both);
	both = NULL;
	return 0;
}

/* Every row of sql on PostgreSQL, its columns joined by '|', a line a
 * row; NULL written "NULL".  The caller frees it. */
static char *
pg_rows(const char *sql)
{
	PGresult *r = PQexec(both->pg, sql);
	struct buf b = { 0 };
	int i, j;

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(both->pg));
	for (i = 0; i < PQntuples(r); i++)
		for (j = 0; j < PQnfields(r); j++)
			buf_printf(&b, "%s%c", PQgetisnull(r, i, j) ? "NULL" :
			    PQgetvalue(r, i, j), j + 1 < PQnfields(r) ? '|' : '\n');
	PQclear(r);
	return b.s ? b.s : xstrdup("");
}

/* The same of sql on SQLite. */
static char *
lite_rows(const char *sql)
{
	struct dbst *st;
	struct buf b = { 0 };
	int j, n;

	if (dbc_prepare(both->ctx.db, sql, &st, NULL) != DB_OK)
		fail_msg("%s: %s", sql, dbc_errmsg(both->ctx.db));
	n = dbst_ncols(st);
	while (dbst_step(st) == DB_ROW)
		for (j = 0; j < n; j++)
			buf_printf(&b, "%s%c", dbst_type(st, j) == DB_NULL ? "NULL" :
			    dbst_text(st, j), j + 1 < n ? '|' : '\n');
	dbst_finalize(st);
	return b.s ? b.s : xstrdup("");
}

/* Runs sql on both; each must succeed. */
static void
exec_both(const char *sql)
{
	if (!pg_ok(sql))
		fail_msg("%s: %s", sql, PQerrorMessage(both->pg));
	assert_int_equal(dbc_exec(both->ctx.db, sql), DB_OK);
}

/* Every table and view of SQLite's schema with every column has the
 * same names on PostgreSQL, and nothing more but the audit's db_role. */
static void
test_schema_pg_same_tables(void **state)
{
	char *lite, *pg;

	(void)state;
	if (both == NULL)
		skip();
	lite = lite_rows("SELECT m.name, c.name FROM sqlite_master m, "
	    "pragma_table_info(m.name) c WHERE m.type IN ('table', 'view') "
	    "ORDER BY 1, 2");
	pg = pg_rows("SELECT table_name::text COLLATE \"C\", column_name::text "
	    "COLLATE \"C\" FROM information_schema.columns WHERE table_schema = "
	    "'public' AND (table_name, column_name) <> ('audit', 'db_role') "
	    "ORDER BY 1, 2");
	assert_true(strlen(lite) > 500);
	assert_string_equal(pg, lite);
	free(lite);
	free(pg);
	pg = pg_rows("SELECT count(*) FROM information_schema.columns WHERE "
	    "table_name = 'audit' AND column_name = 'db_role'");
	assert_string_equal(pg, "1\n");
	free(pg);
}

#define AUDIT_ROW "SELECT os_user, command, entity, entity_key, action, " \
	"old, new, CASE WHEN at LIKE '____-__-__T__:__:__Z' THEN 1 END FROM audit "

/* A person added and changed: the audit rows of both are the same,
 * field by field; PostgreSQL's also names the database role. */
static void
test_schema_pg_audit_same_as_sqlite(void **state)
{
	char *lite, *pg;

	(void)state;
	if (both == NULL)
		skip();
	exec_both("INSERT INTO organisation (code, name, edrpou) VALUES "
	    "('mou', 'Міністерство оборони України', '00034022')");
	exec_both("INSERT INTO person (key, name, org_id, position) VALUES "
	    "('1234567890', 'Ґалаган Ірина Олегівна', (SELECT id FROM organisation "
	    "WHERE code = 'mou'), 'головний спеціаліст')");
	exec_both("UPDATE person SET service = 'державна служба' "
	    "WHERE key = '1234567890'");
	exec_both("UPDATE person SET service = 'державна служба' "
	    "WHERE key = '1234567890'");
	lite = lite_rows(AUDIT_ROW "WHERE entity = 'person' ORDER BY id");
	pg = pg_rows(AUDIT_ROW "WHERE entity = 'person' ORDER BY id");
	assert_string_equal(pg, lite);
	assert_non_null(strstr(pg, "|add|NULL|{\"key\":\"1234567890\","
	    "\"name\":\"Ґалаган Ірина Олегівна\",\"org\":\"mou\""));
	assert_non_null(strstr(pg, "|change|"));
	free(lite);
	free(pg);
	pg = pg_rows("SELECT DISTINCT db_role FROM audit");
	assert_string_equal(pg, "integra_admin\n");
	free(pg);
}

/* The audit log refuses UPDATE, DELETE and TRUNCATE. */
static void
test_schema_pg_audit_append_only(void **state)
{
	char *before, *after;

	(void)state;
	if (both == NULL)
		skip();
	assert_true(pg_ok("INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action) VALUES ('2021-07-23T10:00:00Z', 'tester', "
	    "'integra', 'person', 'x', 'add')"));
	before = pg_rows("SELECT id, os_user, entity_key FROM audit ORDER BY id");
	assert_false(pg_ok("UPDATE audit SET os_user = 'intruder'"));
	assert_false(pg_ok("DELETE FROM audit"));
	assert_false(pg_ok("TRUNCATE audit"));
	after = pg_rows("SELECT id, os_user, entity_key FROM audit ORDER BY id");
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* integra.audit_on '0' (a bulk import) writes no audit row; '1' does. */
static void
test_schema_pg_audit_off(void **state)
{
	char *n;

	(void)state;
	if (both == NULL)
		skip();
	assert_true(pg_ok("SELECT set_config('integra.audit_on', '0', false)"));
	assert_true(pg_ok("INSERT INTO organisation (code, name) VALUES "
	    "('dsa', 'Державна служба статистики України')"));
	assert_true(pg_ok("UPDATE organisation SET region = 'Київ' WHERE code = 'dsa'"));
	assert_true(pg_ok("SELECT set_config('integra.audit_on', '1', false)"));
	n = pg_rows("SELECT count(*) FROM audit WHERE entity_key = 'dsa'");
	assert_string_equal(n, "0\n");
	free(n);
	assert_true(pg_ok("DELETE FROM organisation WHERE code = 'dsa'"));
	n = pg_rows("SELECT action FROM audit WHERE entity_key = 'dsa'");
	assert_string_equal(n, "remove\n");
	free(n);
}

/* A role that may change people but not write the audit table is
 * audited all the same, under its own name; it cannot write the audit
 * itself.  It is a coordinating agency's (migration 9), so the row
 * policies let it change every person. */
static void
test_schema_pg_audit_other_role(void **state)
{
	char *uri, *p, *rows;
	PGconn *clerk;
	PGresult *r;

	(void)state;
	if (both == NULL)
		skip();
	assert_true(pg_ok("CREATE ROLE clerk LOGIN; "
	    "GRANT SELECT, INSERT, UPDATE ON person, organisation TO clerk; "
	    "INSERT INTO agency (role, name, coordinating) VALUES "
	    "('clerk', 'Канцелярія', 1)"));
	p = strstr(both->uri, "user=integra_admin");
	assert_non_null(p);
	uri = xasprintf("%.*suser=clerk", (int)(p - both->uri), both->uri);
	clerk = PQconnectdb(uri);
	free(uri);
	assert_int_equal(PQstatus(clerk), CONNECTION_OK);
	r = PQexec(clerk, "INSERT INTO person (key, name) VALUES "
	    "('2345678901', 'Остапчук Марія Іванівна')");
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	r = PQexec(clerk, "INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action) VALUES ('2021-07-23T10:00:00Z', 'x', 'x', "
	    "'person', 'forged', 'add')");
	assert_int_equal(PQresultStatus(r), PGRES_FATAL_ERROR);
	PQclear(r);
	PQfinish(clerk);
	rows = pg_rows("SELECT os_user, action, db_role FROM audit "
	    "WHERE entity_key IN ('2345678901', 'forged')");
	assert_string_equal(rows, "unknown|add|clerk\n");
	free(rows);
}

/* The schema made by a database's owner who is no superuser: every
 * migration applies, json_object gives text values. */
static void
test_schema_pg_owner_not_superuser(void **state)
{
	char *info, *sql;
	PGconn *owner;
	PGresult *r;
	int v;

	(void)state;
	if (both == NULL)
		skip();
	assert_true(pg_ok("CREATE ROLE kadry LOGIN"));
	assert_true(pg_ok("CREATE DATABASE kadry OWNER kadry"));
	info = xasprintf("host=%s/sock dbname=kadry user=kadry", both->dir);
	owner = PQconnectdb(info);
	free(info);
	assert_int_equal(PQstatus(owner), CONNECTION_OK);
	PQsetNoticeProcessor(owner, quiet, NULL);
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_pg_migration_sql(v);
		r = PQexec(owner, sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK &&
		    PQresultStatus(r) != PGRES_TUPLES_OK)
			fail_msg("migration %d: %s", v, PQerrorMessage(owner));
		PQclear(r);
		free(sql);
	}
	r = PQexec(owner, "SELECT json_object('sql', 'CREATE TABLE x', 'rows', '5')");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(r, 0, 0),
	    "{\"sql\" : \"CREATE TABLE x\", \"rows\" : \"5\"}");
	PQclear(r);
	PQfinish(owner);
}

/* Expressions of the dialect run on both. */
static const char *const exprs[] = {
	"fold('ҐАЛАГАН Ірина ЇЖАК Єва Straße ÀÉ Ёж ЎЄ')",
	"fold(NULL)",
	"days_between('2021-07-23', '01.08.2021')",
	"days_between('2021-02-28', '2024-02-29')",
	"days_between('2021-02-30', '2021-03-01')",
	"days_between(NULL, '2021-03-01')",
	"json_extract('{\"a\":{\"b\":[1,2.5,\"x\"]},\"t\":true}', '$.a.b[2]')",
	"json_extract('{\"a\":{\"b\":[1,2.5,\"x\"]},\"t\":true}', '$.a.b[1]')",
	"json_extract('{\"a\":{\"b\":[1,2.5,\"x\"]},\"t\":true}', '$.t')",
	"json_extract('{\"a\":{\"b\":[1,2.5,\"x\"]},\"t\":true}', '$.a')",
	"json_extract('{\"kind\":\"самоосвіта\"}', '$.kind')",
	"json_extract('{\"kind\":\"самоосвіта\"}', '$.missing')",
	"json_extract(json_object('rows', 40, 'sql', 'Київ'), '$.rows')",
	"json_extract(json_object('rows', 40, 'sql', 'Київ'), '$.sql')",
	"strftime('%Y', '2021-07-23')",
	"strftime('%m', '2021-07-23')",
	"strftime('%Y-%m', '2021-07-23')",
	"strftime('%s', '2021-07-23 10:11:12')",
	"strftime('%Y-%m-%dT%H:%M:%SZ', '2021-07-23T10:11:12Z')",
	"strftime('%d.%m.%Y', '2021-07-23', '+1 month')",
	"strftime('%j %w %H:%M:%S %%Y', '2021-07-23 10:11:12')",
	"strftime('%Y-%m-%d', '2021-07-23', 'start of year', '+1 years')",
	"strftime('%Y', 'сьогодні')",
	"date('2021-01-31', '+1 month')",
	"date('2021-07-23', '+' || 30 || ' days')",
	"date('2021-07-23', 'start of month')",
	"date('2021-02-30', '+0 days')",
	"date('2021-12-15', '+25 months')",
	"julianday('2021-07-23')",
	"julianday('2021-07-23 12:00:00') - julianday('2021-07-01')",
	"(SELECT total(x) FROM (SELECT 1.5 AS x UNION ALL SELECT NULL "
	"UNION ALL SELECT 2) t)",
	"(SELECT total(x) FROM (SELECT 1.5 AS x) t WHERE x < 0)",
	"(SELECT round(total(x), 2) FROM (SELECT 1.234 AS x UNION ALL "
	"SELECT 2.222) t)",
	"(SELECT group_concat(x) FROM (SELECT 'Ірина' AS x UNION ALL "
	"SELECT NULL UNION ALL SELECT 'Олег') t)",
	"(SELECT group_concat(x, '; ') FROM (SELECT 'mou' AS x UNION ALL "
	"SELECT 'dsa') t)",
	"(SELECT group_concat(x) FROM (SELECT 'a' AS x) t WHERE x = 'b')",
	"ifnull(NULL, 'немає')",
	"instr('Ґалаган Ірина', 'Ірина')",
	"json_set('{\"a\":1,\"b\":\"x\"}', '$.c', 'самоосвіта')",
	"json_set('{\"a\":1,\"b\":\"x\"}', '$.b', 2)",
	"json_set('{\"a\":1}', '$.b', json('[1, {\"c\": null}]'))",
	"json_remove('{\"a\":1,\"b\":\"x\"}', '$.b')",
	"(SELECT json(x) FROM (SELECT '{ \"a\" : [\"x y\", 1] }' AS x) t)",
	"(SELECT group_concat(key || '=' || coalesce(value, '') || ':' || type "
	"|| ':' || coalesce(atom, 'NULL'), '; ') FROM json_each('{\"k\":"
	"\"Київ\",\"n\":1.5,\"i\":7,\"o\":{\"a\":1},\"t\":true,\"f\":false,"
	"\"z\":null,\"l\":[1,2]}'))",
	"(SELECT group_concat(key || '=' || value) FROM json_each('[\"a\",2]'))",
};

/* Two results alike: the same text, or the same number written
 * otherwise (SQLite writes 22.0 where PostgreSQL writes 22). */
static bool
same_value(const char *a, const char *b)
{
	char *ea, *eb;
	double x, y;

	if (strcmp(a, b) == 0)
		return true;
	x = strtod(a, &ea);
	y = strtod(b, &eb);
	return ea != a && eb != b && strcmp(ea, "\n") == 0 &&
	    strcmp(eb, "\n") == 0 && x == y;
}

/* Each of exprs gives on PostgreSQL what it gives on SQLite. */
static void
test_schema_pg_functions_as_sqlite(void **state)
{
	char *sql, *lite, *pg;
	size_t i;

	(void)state;
	if (both == NULL)
		skip();
	for (i = 0; i < ARRAY_SIZE(exprs); i++) {
		sql = xasprintf("SELECT %s", exprs[i]);
		lite = lite_rows(sql);
		pg = pg_rows(sql);
		if (!same_value(lite, pg))
			fail_msg("%s: SQLite %s, PostgreSQL %s", exprs[i], lite, pg);
		free(sql);
		free(lite);
		free(pg);
	}
}

/* Names in Ukrainian order: Г < Ґ, Е < Є, И < І < Ї < Й; as SQLite's uk. */
static void
test_schema_pg_collate_uk(void **state)
{
	static const char want[] = "Гаврилюк\nҐудзь\nДмитренко\nЕрдеї\n"
	    "Єрмоленко\nИващенко\nІваненко\nЇжакевич\nЙосипенко\n";
	static const char sql[] = "SELECT n FROM (SELECT 'Їжакевич' AS n "
	    "UNION ALL SELECT 'Іваненко' UNION ALL SELECT 'Єрмоленко' "
	    "UNION ALL SELECT 'Йосипенко' UNION ALL SELECT 'Ґудзь' "
	    "UNION ALL SELECT 'Иващенко' UNION ALL SELECT 'Ердеї' "
	    "UNION ALL SELECT 'Дмитренко' UNION ALL SELECT 'Гаврилюк') t "
	    "ORDER BY n COLLATE uk";
	char *lite, *pg;

	(void)state;
	if (both == NULL)
		skip();
	pg = pg_rows(sql);
	lite = lite_rows(sql);
	assert_string_equal(pg, want);
	assert_string_equal(lite, want);
	free(pg);
	free(lite);
}

/* Every migration has its PostgreSQL form, none beyond. */
static void
test_schema_pg_numbered(void **state)
{
	char *sql;
	int v;

	(void)state;
	assert_null(schema_pg_migration_sql(0));
	assert_null(schema_pg_migration_sql(SCHEMA_VERSION + 1));
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		assert_non_null(sql = schema_pg_migration_sql(v));
		free(sql);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_pg_numbered),
		cmocka_unit_test(test_schema_pg_same_tables),
		cmocka_unit_test(test_schema_pg_audit_same_as_sqlite),
		cmocka_unit_test(test_schema_pg_audit_append_only),
		cmocka_unit_test(test_schema_pg_audit_off),
		cmocka_unit_test(test_schema_pg_audit_other_role),
		cmocka_unit_test(test_schema_pg_owner_not_superuser),
		cmocka_unit_test(test_schema_pg_functions_as_sqlite),
		cmocka_unit_test(test_schema_pg_collate_uk),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
