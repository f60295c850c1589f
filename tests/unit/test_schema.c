/*
 * Unit tests of the core schema (schema.c): every migration from 1 to
 * SCHEMA_VERSION exists and is named, none beyond; they apply in order on
 * an empty database and not out of it; db_migrate records each version
 * once, in order, with its time; upgrading from any earlier version gives
 * the schema a new database gets; every audited table has its three
 * audit triggers and the audit log refuses changes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "unit_db.h"
#include "schema.h"

/* A context on an empty in-memory database with integra's SQL functions. */
static void
empty_db(struct ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->out = stdout;
	ctx->os_user = xstrdup("tester");
	ctx->cmdline = xstrdup("integra test");
	assert_int_equal(cfg_load_string(ctx, "database = \":memory:\";\n", "test.cfg",
	    &ctx->cfg), 0);
	assert_int_equal(unit_memdb(ctx), 0);
}

static void
release(struct ctx *ctx)
{
	db_close(ctx);
	cfg_free(ctx->cfg);
	free(ctx->os_user);
	free(ctx->cmdline);
}

/* Runs core migration v's SQL; returns the SQLite result code. */
static int
apply(struct ctx *ctx, int v)
{
	char *sql = schema_migration_sql(v);
	int rc;

	assert_non_null(sql);
	rc = dbc_exec(ctx->db, sql);
	free(sql);
	return rc;
}

/* Every object of the schema but the migration table, one per line:
 * type, name and SQL, in name order. */
static char *
schema_text(struct ctx *ctx)
{
	struct buf b = { 0 };
	struct dbst *st;

	assert_int_equal(dbc_prepare(ctx->db, "SELECT type, name, "
	    "coalesce(sql, '') FROM sqlite_master WHERE tbl_name <> 'migration' "
	    "ORDER BY type, name", &st, NULL), DB_OK);
	while (dbst_step(st) == DB_ROW)
		buf_printf(&b, "%s %s %s\n", dbst_text(st, 0),
		    dbst_text(st, 1),
		    dbst_text(st, 2));
	dbst_finalize(st);
	return b.s ? b.s : xstrdup("");
}

static int64_t
count(struct ctx *ctx, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(db_query_int(ctx, &n, sql, ""), 0);
	return n;
}

static void
test_schema_migrations_numbered(void **state)
{
	char *sql;
	int v;

	(void)state;
	assert_true(SCHEMA_VERSION >= 1);
	assert_null(schema_migration_sql(0));
	assert_null(schema_migration_sql(SCHEMA_VERSION + 1));
	assert_null(schema_migration_name(0));
	assert_null(schema_migration_name(SCHEMA_VERSION + 1));
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		assert_non_null(sql);
		assert_true(strlen(sql) > 0);
		free(sql);
		assert_non_null(schema_migration_name(v));
		assert_true(strlen(schema_migration_name(v)) > 0);
	}
}

/* In order, each applies on what the ones before made; one that changes
 * what an earlier one made (3, which rebuilds indexes of 1) does not
 * apply on an empty database. */
static void
test_schema_applies_in_order(void **state)
{
	struct ctx ctx;
	int v;

	(void)state;
	empty_db(&ctx);
	assert_int_not_equal(apply(&ctx, 3), SQLITE_OK);
	for (v = 1; v <= SCHEMA_VERSION; v++)
		assert_int_equal(apply(&ctx, v), SQLITE_OK);
	assert_int_equal(count(&ctx, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name IN ('organisation', 'person', 'programme', "
	    "'activity', 'participation', 'audit', 'job_run')"), 7);
	release(&ctx);
}

/* db_migrate on an empty database: each version recorded once, in
 * order, with an ISO 8601 UTC time; the version read back. */
static void
test_schema_migrate_records_versions(void **state)
{
	struct ctx ctx;
	int v = -1;

	(void)state;
	empty_db(&ctx);
	assert_int_equal(db_schema_version(&ctx, "core", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_migrate(&ctx), 0);
	assert_int_equal(db_schema_version(&ctx, "core", &v), 0);
	assert_int_equal(v, SCHEMA_VERSION);
	assert_int_equal(count(&ctx, "SELECT count(*) FROM migration WHERE component = "
	    "'core'"), SCHEMA_VERSION);
	assert_int_equal(count(&ctx, "SELECT count(DISTINCT version) FROM migration "
	    "WHERE component = 'core' AND version BETWEEN 1 AND (SELECT max(version) "
	    "FROM migration)"), SCHEMA_VERSION);
	/* recorded in the order applied: rowid order is version order */
	assert_int_equal(count(&ctx, "SELECT count(*) FROM migration a JOIN migration b "
	    "ON a.rowid < b.rowid WHERE a.version > b.version"), 0);
	assert_int_equal(count(&ctx, "SELECT count(*) FROM migration WHERE applied GLOB "
	    "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"),
	    SCHEMA_VERSION);
	assert_int_equal(db_check_schema(&ctx), 0);
	assert_false(ctx.in_tx);
	release(&ctx);
}

/* From every earlier version, db_migrate gives what a new database has. */
static void
test_schema_upgrade_from_each_version(void **state)
{
	struct ctx fresh, old;
	char *want, *got;
	int from, v;

	(void)state;
	empty_db(&fresh);
	assert_int_equal(db_migrate(&fresh), 0);
	want = schema_text(&fresh);
	release(&fresh);
	for (from = 1; from < SCHEMA_VERSION; from++) {
		empty_db(&old);
		assert_int_equal(dbc_exec(old.db, "CREATE TABLE migration (component "
		    "TEXT NOT NULL, version INTEGER NOT NULL, applied TEXT NOT NULL, "
		    "PRIMARY KEY (component, version))"), SQLITE_OK);
		for (v = 1; v <= from; v++) {
			assert_int_equal(apply(&old, v), SQLITE_OK);
			assert_int_equal(db_set_version(&old, "core", v), 0);
		}
		assert_int_equal(db_check_schema(&old), ERR_FAIL);
		assert_non_null(strstr(old.errmsg, "run 'integra init' to upgrade it"));
		assert_int_equal(db_migrate(&old), 0);
		assert_int_equal(db_check_schema(&old), 0);
		got = schema_text(&old);
		assert_string_equal(got, want);
		free(got);
		release(&old);
	}
	free(want);
}

/* Each audited table has its add, change and remove triggers, and the
 * audit log's own triggers refuse an update and a delete. */
static void
test_schema_audit_triggers(void **state)
{
	static const char *const tables[] = {
		"organisation", "person", "programme", "activity", "participation",
	};
	static const char *const kinds[] = { "add", "change", "remove" };
	struct ctx ctx;
	char *q;
	size_t i, k;

	(void)state;
	empty_db(&ctx);
	assert_int_equal(db_migrate(&ctx), 0);
	for (i = 0; i < ARRAY_SIZE(tables); i++)
		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			q = xasprintf("SELECT count(*) FROM sqlite_master WHERE type = "
			    "'trigger' AND name = '%s_audit_%s' AND tbl_name = '%s'",
			    tables[i], kinds[k], tables[i]);
			assert_int_equal(count(&ctx, q), 1);
			free(q);
		}
	assert_int_equal(db_exec(&ctx, "INSERT INTO organisation (code, name) VALUES "
	    "('MOU', 'Міністерство оборони України')", ""), 0);
	assert_int_equal(count(&ctx, "SELECT count(*) FROM audit WHERE entity = "
	    "'organisation' AND entity_key = 'MOU' AND action = 'add' AND "
	    "json_extract(new, '$.name') = 'Міністерство оборони України'"), 1);
	assert_int_not_equal(db_exec(&ctx, "UPDATE audit SET os_user = 'x'", ""), 0);
	assert_non_null(strstr(ctx.errmsg, "the audit log is append-only"));
	assert_int_not_equal(db_exec(&ctx, "DELETE FROM audit", ""), 0);
	assert_non_null(strstr(ctx.errmsg, "the audit log is append-only"));
	assert_int_equal(count(&ctx, "SELECT count(*) FROM audit WHERE os_user = "
	    "'tester'"), 1);
	release(&ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_migrations_numbered),
		cmocka_unit_test(test_schema_applies_in_order),
		cmocka_unit_test(test_schema_migrate_records_versions),
		cmocka_unit_test(test_schema_upgrade_from_each_version),
		cmocka_unit_test(test_schema_audit_triggers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
