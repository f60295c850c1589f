/*
 * Unit tests of db.c: opening a database file (mode 0600, its directory
 * created, WAL and foreign keys on), migrations applied once and recorded,
 * the schema check that refuses an uninitialised or older database, files
 * that are not SQLite, a read-only directory, the SQL functions, and the
 * audit triggers with their append-only log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "integra.h"
#include "schema.h"

static char tmpdir[] = "/tmp/integra-test-db.XXXXXX";
static int serial;

/* A context whose configured database is path (under tmpdir). */
static struct ctx *
ctx_new(const char *path)
{
	struct ctx *ctx = xcalloc(1, sizeof(*ctx));
	char *text = xasprintf("database = \"%s\";\nbusy_timeout = 100;\n", path);

	ctx->out = stdout;
	ctx->os_user = xstrdup("tester");
	ctx->cmdline = xstrdup("integra test");
	assert_int_equal(cfg_load_string(ctx, text, "test.cfg", &ctx->cfg), 0);
	free(text);
	return ctx;
}

/* A fresh path for a database in the private directory. */
static char *
fresh(const char *rel)
{
	return xasprintf("%s/%d/%s", tmpdir, ++serial, rel);
}

static void
ctx_free(struct ctx *ctx)
{
	db_close(ctx);
	cfg_free(ctx->cfg);
	free(ctx->os_user);
	free(ctx->cmdline);
	free(ctx);
}

/* An opened and migrated database. */
static struct ctx *
ready(void)
{
	char *path = fresh("db/integra.db");
	struct ctx *ctx = ctx_new(path);

	free(path);
	assert_int_equal(db_open(ctx, true), 0);
	assert_int_equal(db_migrate(ctx), 0);
	return ctx;
}

static int64_t
count(struct ctx *ctx, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(db_query_int(ctx, &n, sql, ""), 0);
	return n;
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("chmod -R u+w '%s'; rm -rf '%s'", tmpdir, tmpdir);
	int rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void
test_db_open_creates_file_and_directory(void **state)
{
	char *path = fresh("new/sub/dir/integra.db"), *dir;
	struct ctx *ctx = ctx_new(path);
	struct stat st;

	(void)state;
	umask(022);
	assert_int_equal(db_open(ctx, true), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	dir = xasprintf("%s/%d/new/sub/dir", tmpdir, serial);
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	free(dir);
	ctx_free(ctx);
	free(path);
}

static void
test_db_open_without_create_refuses_missing(void **state)
{
	char *path = fresh("none.db");
	struct ctx *ctx = ctx_new(path);

	(void)state;
	assert_int_equal(db_open(ctx, false), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "does not exist; run 'integra init'"));
	assert_int_equal(access(path, F_OK), -1);
	ctx_free(ctx);
	free(path);
}

static void
test_db_open_wal_and_foreign_keys(void **state)
{
	struct ctx *ctx = ready();
	struct dbst *st;

	(void)state;
	assert_int_equal(db_prepare(ctx, &st, "PRAGMA journal_mode"), 0);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_string_equal(dbst_text(st, 0), "wal");
	dbst_finalize(st);
	assert_int_equal(count(ctx, "PRAGMA foreign_keys"), 1);
	/* Foreign keys are enforced. */
	assert_int_not_equal(db_exec(ctx, "INSERT INTO person (key, name, org_id) "
	    "VALUES ('P1', 'Іван', 999)", ""), 0);
	ctx_free(ctx);
}

static void
test_db_migrate_twice_is_idempotent(void **state)
{
	struct ctx *ctx = ready();
	int v = 0;

	(void)state;
	assert_int_equal(count(ctx, "SELECT count(*) FROM migration WHERE component = 'core'"),
	    SCHEMA_VERSION);
	assert_int_equal(db_migrate(ctx), 0);
	assert_int_equal(db_migrate(ctx), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM migration WHERE component = 'core'"),
	    SCHEMA_VERSION);
	assert_int_equal(db_schema_version(ctx, "core", &v), 0);
	assert_int_equal(v, SCHEMA_VERSION);
	assert_int_equal(db_check_schema(ctx), 0);
	assert_false(ctx->in_tx);
	ctx_free(ctx);
}

static void
test_db_check_schema_refuses_uninitialised(void **state)
{
	char *path = fresh("empty.db");
	struct ctx *ctx = ctx_new(path);

	(void)state;
	assert_int_equal(db_open(ctx, true), 0);
	assert_int_equal(db_check_schema(ctx), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "is not initialised; run 'integra init'"));
	ctx_free(ctx);
	free(path);
}

/* Makes an SQLite file at path with sql run in it. */
static void
sqlite_file(const char *path, const char *sql)
{
	sqlite3 *db;
	char *dir = xstrdup(path);

	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0700);
	free(dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Another program's SQLite file is refused, init included; ours carries
 * application_id 'INTG'; an older one without it is accepted. */
static void
test_db_application_id(void **state)
{
	char *path = fresh("foreign.db");
	struct ctx *ctx = ctx_new(path);

	(void)state;
	sqlite_file(path, "CREATE TABLE notes (x)");
	assert_int_equal(db_open(ctx, true), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "is not integra's: an SQLite file of "
	    "another program (application_id 0x00000000, 1 table, 'notes')"));
	assert_null(ctx->db);
	ctx_free(ctx);
	free(path);
	ctx = ready();
	assert_int_equal(count(ctx, "PRAGMA application_id"), 0x494e5447);
	assert_int_equal(db_exec(ctx, "PRAGMA application_id = 0", ""), 0);
	db_close(ctx);
	assert_int_equal(db_open(ctx, false), 0);
	assert_int_equal(db_check_schema(ctx), 0);
	assert_int_equal(db_migrate(ctx), 0);
	assert_int_equal(count(ctx, "PRAGMA application_id"), 0x494e5447);
	ctx_free(ctx);
}

static void
test_db_check_schema_refuses_older(void **state)
{
	struct ctx *ctx = ready();
	int v = 0;

	(void)state;
	assert_int_equal(db_exec(ctx, "DELETE FROM migration WHERE component = 'core' "
	    "AND version = ?", "d", SCHEMA_VERSION), 0);
	assert_int_equal(db_check_schema(ctx), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "older than this integra's"));
	assert_non_null(strstr(ctx->errmsg, "run 'integra init' to upgrade it"));
	/* A newer one is refused too, with another hint. */
	assert_int_equal(db_set_version(ctx, "core", SCHEMA_VERSION + 1), 0);
	assert_int_equal(db_check_schema(ctx), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "use a newer integra"));
	assert_int_equal(db_migrate(ctx), ERR_FAIL);
	assert_int_equal(db_schema_version(ctx, "core", &v), 0);
	assert_int_equal(v, SCHEMA_VERSION + 1);
	ctx_free(ctx);
}

static void
test_db_migrate_upgrades_older(void **state)
{
	struct ctx *ctx = ready();

	(void)state;
	/* Back to schema 1: no job_run, whole-column participation indexes. */
	assert_int_equal(db_exec(ctx, "DROP TABLE job_run", ""), 0);
	assert_int_equal(db_exec(ctx, "DROP INDEX participation_person", ""), 0);
	assert_int_equal(db_exec(ctx, "CREATE INDEX participation_person ON "
	    "participation(person_id)", ""), 0);
	/* no EDRPOU column, which cannot be added twice */
	assert_int_equal(db_exec(ctx, "DROP INDEX organisation_edrpou", ""), 0);
	assert_int_equal(db_exec(ctx, "DROP TRIGGER organisation_audit_add", ""), 0);
	assert_int_equal(db_exec(ctx, "DROP TRIGGER organisation_audit_change", ""), 0);
	assert_int_equal(db_exec(ctx, "DROP TRIGGER organisation_audit_remove", ""), 0);
	assert_int_equal(db_exec(ctx, "ALTER TABLE organisation DROP COLUMN edrpou", ""), 0);
	assert_int_equal(db_exec(ctx, "DELETE FROM migration WHERE component = 'core' "
	    "AND version >= 2", ""), 0);
	assert_int_equal(db_migrate(ctx), 0);
	assert_int_equal(db_check_schema(ctx), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM job_run"), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM sqlite_master WHERE name = "
	    "'participation_person' AND sql LIKE '%WHERE person_id IS NOT NULL'"), 1);
	assert_int_equal(count(ctx, "SELECT max(version) FROM migration WHERE "
	    "component = 'core'"), SCHEMA_VERSION);
	ctx_free(ctx);
}

static void
test_db_open_refuses_not_sqlite(void **state)
{
	char *path = fresh("text.db"), *dir;
	struct ctx *ctx = ctx_new(path);
	FILE *fp;

	(void)state;
	dir = xasprintf("%s/%d", tmpdir, serial);
	mkdir(dir, 0700);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("name,code\nМіністерство оборони,MOU\nthis is a spreadsheet, not a database\n", fp);
	fclose(fp);
	assert_int_equal(db_open(ctx, true), ERR_FAIL);
	assert_null(ctx->db);
	assert_non_null(strstr(ctx->errmsg, "is not an SQLite database"));
	ctx_free(ctx);
	free(dir);
	free(path);
}

static void
test_db_open_parent_is_a_file(void **state)
{
	char *file = fresh("plain"), *path, *dir;
	struct ctx *ctx;
	FILE *fp;

	(void)state;
	dir = xasprintf("%s/%d", tmpdir, serial);
	mkdir(dir, 0700);
	fp = fopen(file, "w");
	fclose(fp);
	path = xasprintf("%s/integra.db", file);
	ctx = ctx_new(path);
	assert_int_equal(db_open(ctx, true), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "cannot create"));
	ctx_free(ctx);
	free(path);
	free(dir);
	free(file);
}

static void
test_db_open_directory_refused(void **state)
{
	char *path = fresh("dir.db");
	struct ctx *ctx = ctx_new(path);
	char *cmd = xasprintf("mkdir -p '%s'", path);

	(void)state;
	assert_int_equal(system(cmd), 0);
	assert_int_equal(db_open(ctx, true), ERR_FAIL);
	assert_non_null(strstr(ctx->errmsg, "it is a directory"));
	free(cmd);
	ctx_free(ctx);
	free(path);
}

/* In a child that is not root (root ignores permissions): 0 when
 * db_open refuses and leaves no file behind. */
static int
child_read_only(const char *dir, const char *path)
{
	struct ctx *ctx;

	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 2;
	if (access(dir, W_OK) == 0)
		return 3;
	ctx = ctx_new(path);
	if (db_open(ctx, true) != ERR_FAIL || strstr(ctx->errmsg, "cannot create") == NULL)
		return 4;
	return access(path, F_OK) == 0 ? 5 : 0;
}

static void
test_db_open_read_only_directory(void **state)
{
	char *path = fresh("ro/integra.db"), *top, *dir;
	int status = -1;
	pid_t pid;

	(void)state;
	top = xasprintf("%s/%d", tmpdir, serial);
	dir = xasprintf("%s/ro", top);
	chmod(tmpdir, 0755);
	mkdir(top, 0755);
	mkdir(dir, 0555);
	chmod(dir, 0555);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child_read_only(dir, path));
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	chmod(tmpdir, 0700);
	free(dir);
	free(top);
	free(path);
}

static void
test_db_audit_triggers_write_rows(void **state)
{
	struct ctx *ctx = ready();
	struct dbst *st;

	(void)state;
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES (?, ?)",
	    "tt", "MOU", "Міністерство оборони"), 0);
	assert_int_equal(db_exec(ctx, "UPDATE organisation SET name = ? WHERE code = ?",
	    "tt", "Міністерство оборони України", "MOU"), 0);
	/* An update that changes nothing writes nothing. */
	assert_int_equal(db_exec(ctx, "UPDATE organisation SET name = name", ""), 0);
	assert_int_equal(db_exec(ctx, "DELETE FROM organisation WHERE code = 'MOU'", ""), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM audit"), 3);
	assert_int_equal(db_prepare(ctx, &st, "SELECT os_user, command, entity, entity_key, "
	    "action, json_extract(old, '$.name'), json_extract(new, '$.name') "
	    "FROM audit WHERE action = 'change'"), 0);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_string_equal(dbst_text(st, 0), "tester");
	assert_string_equal(dbst_text(st, 1), "integra test");
	assert_string_equal(dbst_text(st, 2), "organisation");
	assert_string_equal(dbst_text(st, 3), "MOU");
	assert_string_equal(dbst_text(st, 5), "Міністерство оборони");
	assert_string_equal(dbst_text(st, 6),
	    "Міністерство оборони України");
	dbst_finalize(st);
	ctx_free(ctx);
}

static void
test_db_audit_off(void **state)
{
	struct ctx *ctx = ready();

	(void)state;
	ctx->audit_off = true;
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'Б')",
	    ""), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM audit"), 0);
	ctx_free(ctx);
}

static void
test_db_audit_is_append_only(void **state)
{
	struct ctx *ctx = ready();

	(void)state;
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'Б')",
	    ""), 0);
	assert_int_not_equal(db_exec(ctx, "UPDATE audit SET os_user = 'mallory'", ""), 0);
	assert_non_null(strstr(ctx->errmsg, "append-only"));
	assert_int_not_equal(db_exec(ctx, "DELETE FROM audit", ""), 0);
	assert_non_null(strstr(ctx->errmsg, "append-only"));
	assert_int_equal(count(ctx, "SELECT count(*) FROM audit WHERE os_user = 'tester'"), 1);
	ctx_free(ctx);
}

static void
test_db_unique_violation_is_exists(void **state)
{
	struct ctx *ctx = ready();

	(void)state;
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'Б')",
	    ""), 0);
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'В')",
	    ""), ERR_EXISTS);
	ctx_free(ctx);
}

static void
test_db_transaction_rollback(void **state)
{
	struct ctx *ctx = ready();

	(void)state;
	assert_int_equal(db_begin(ctx), 0);
	assert_true(ctx->in_tx);
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'Б')",
	    ""), 0);
	db_rollback(ctx);
	assert_false(ctx->in_tx);
	assert_int_equal(count(ctx, "SELECT count(*) FROM organisation"), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(db_begin(ctx), 0);
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'Б')",
	    ""), 0);
	assert_int_equal(db_commit(ctx), 0);
	assert_int_equal(count(ctx, "SELECT count(*) FROM organisation"), 1);
	ctx_free(ctx);
}

static void
test_db_busy_when_locked(void **state)
{
	struct ctx *ctx = ready(), *other;
	char *path = xstrdup(cfg_database(ctx->cfg));

	(void)state;
	assert_int_equal(db_begin(ctx), 0);
	other = ctx_new(path);
	assert_int_equal(db_open(other, false), 0);
	assert_int_equal(db_begin(other), ERR_BUSY);
	assert_non_null(strstr(other->errmsg, "locked by another process (waited 100 ms)"));
	ctx_free(other);
	ctx_free(ctx);
	free(path);
}

static void
test_db_sql_functions(void **state)
{
	struct ctx *ctx = ready();
	struct dbst *st;

	(void)state;
	assert_int_equal(count(ctx, "SELECT fold('ЄВРО Ґ') = 'євро ґ'"), 1);
	assert_int_equal(count(ctx, "SELECT instr(fold('Міністерство ОБОРОНИ'), fold('оборони')) > 0"), 1);
	assert_int_equal(count(ctx, "SELECT days_between('2021-07-23', '23.09.2021')"), 62);
	assert_int_equal(count(ctx, "SELECT days_between('2021-02-30', '2021-03-01') IS NULL"), 1);
	assert_int_equal(count(ctx, "SELECT 'Ґ' < 'Д' COLLATE uk"), 1);
	assert_int_equal(count(ctx, "SELECT 'Г' < 'Ґ' COLLATE uk"), 1);
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES "
	    "('1', 'Дніпро'), ('2', 'Ґудзик'), ('3', 'Гора'), ('4', 'Їжак'), ('5', 'Іван')", ""), 0);
	assert_int_equal(db_prepare(ctx, &st, "SELECT group_concat(code, '') FROM "
	    "(SELECT code FROM organisation ORDER BY name COLLATE uk)"), 0);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_string_equal(dbst_text(st, 0), "32154");
	dbst_finalize(st);
	ctx_free(ctx);
}

static void
test_db_lookup_id(void **state)
{
	struct ctx *ctx = ready();
	int64_t id = 0;

	(void)state;
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('A', 'Б')",
	    ""), 0);
	assert_int_equal(db_lookup_id(ctx, "organisation", "code", "A", "organisation", &id), 0);
	assert_true(id > 0);
	assert_int_equal(db_lookup_id(ctx, "organisation", "code", "Z", "organisation", &id),
	    ERR_NOTFOUND);
	assert_string_equal(ctx->errmsg, "no organisation 'Z'");
	ctx_free(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db_open_creates_file_and_directory),
		cmocka_unit_test(test_db_open_without_create_refuses_missing),
		cmocka_unit_test(test_db_open_wal_and_foreign_keys),
		cmocka_unit_test(test_db_migrate_twice_is_idempotent),
		cmocka_unit_test(test_db_check_schema_refuses_uninitialised),
		cmocka_unit_test(test_db_application_id),
		cmocka_unit_test(test_db_check_schema_refuses_older),
		cmocka_unit_test(test_db_migrate_upgrades_older),
		cmocka_unit_test(test_db_open_refuses_not_sqlite),
		cmocka_unit_test(test_db_open_parent_is_a_file),
		cmocka_unit_test(test_db_open_directory_refused),
		cmocka_unit_test(test_db_open_read_only_directory),
		cmocka_unit_test(test_db_audit_triggers_write_rows),
		cmocka_unit_test(test_db_audit_off),
		cmocka_unit_test(test_db_audit_is_append_only),
		cmocka_unit_test(test_db_unique_violation_is_exists),
		cmocka_unit_test(test_db_transaction_rollback),
		cmocka_unit_test(test_db_busy_when_locked),
		cmocka_unit_test(test_db_sql_functions),
		cmocka_unit_test(test_db_lookup_id),
	};

	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
