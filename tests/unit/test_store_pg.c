/*
 * Unit tests of the PostgreSQL side of the storage interface: the
 * translation of the portable SQL (store_pg_sql.c, no server needed), and,
 * when PostgreSQL is installed, the calls of store.h on a throw-away
 * cluster (tests/pg/cluster.sh) started in the setup and stopped in the
 * teardown: parameters, rows and their types, a statement run while
 * another is being stepped, reset, changes, the last id, a unique key's
 * refusal, COPY, the progress handler (a cancelled query, a stopped walk
 * of rows), and an unreachable server (which needs no server).
 * Without PostgreSQL the cases of a server are skipped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "integra.h"
#include "db_pg.h"
#include "store_pg.h"
#include "store_pg_sql.h"

static char cluster[64];	/* the cluster's directory, "" without one */
static char *uri;		/* its database */
static char os_user[] = "Олена Петренко";
static char cmdline[] = "integra test";

/* Translates sql, checks the result is want with nparams parameters. */
static void
check_translation(const char *sql, const char *want, int nparams)
{
	struct pgsql t;

	pgsql_translate(sql, strlen(sql), &t);
	assert_string_equal(t.sql, want);
	assert_int_equal(t.nparams, nparams);
	pgsql_free(&t);
}

static void
test_translate_params(void **state)
{
	(void)state;
	check_translation("SELECT * FROM person WHERE id = ? AND name = ?",
	    "SELECT * FROM person WHERE id = $1 AND name = $2", 2);
	check_translation("SELECT ?2, ?1, ?", "SELECT $2, $1, $3", 3);
	check_translation("SELECT '?', \"a?\", ? -- ?\n/* ? /* ? */ ? */ , ?",
	    "SELECT '?', \"a?\", $1 -- ?\n/* ? /* ? */ ? */ , $2", 2);
	check_translation("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1);
	check_translation("SELECT $$ ? $$, $f$ ?:x $f$, ?",
	    "SELECT $$ ? $$, $f$ ?:x $f$, $1", 1);
	check_translation("SELECT :from, :to, :from, x::text, @area",
	    "SELECT $1, $2, $1, x::text, $3", 3);
	check_translation("SELECT 'Міністерство оборони України' || ?",
	    "SELECT 'Міністерство оборони України' || $1", 1);
}

/* The names of the parameters, as SQLite's sqlite3_bind_parameter_name(). */
static void
test_translate_names(void **state)
{
	struct pgsql t;
	const char *sql = "SELECT ?, :area, ?5, :area, @to";

	(void)state;
	pgsql_translate(sql, strlen(sql), &t);
	assert_string_equal(t.sql, "SELECT $1, $2, $5, $2, $6");
	assert_int_equal(t.nparams, 6);
	assert_null(t.names[1]);
	assert_string_equal(t.names[2], ":area");
	assert_null(t.names[3]);
	assert_string_equal(t.names[5], "?5");
	assert_string_equal(t.names[6], "@to");
	assert_true(t.readonly);
	pgsql_free(&t);
}

/* A parameter tested for NULL and used elsewhere: the test gets a server
 * parameter of its own, declared text, that takes the same value. */
static void
test_translate_null_tests(void **state)
{
	struct pgsql t;
	const char *sql = "SELECT * FROM org WHERE (:kind IS NULL OR kind = :kind) "
	    "AND (? IS NOT NULL) AND (?4 is  /* x */ null OR id = ?4)";

	(void)state;
	pgsql_translate(sql, strlen(sql), &t);
	assert_string_equal(t.sql, "SELECT * FROM org WHERE ($5 IS NULL OR kind = $1) "
	    "AND ($2 IS NOT NULL) AND ($6 is  /* x */ null OR id = $4)");
	assert_int_equal(t.nparams, 4);
	assert_int_equal(t.nserver, 6);
	assert_int_equal(t.param_of[4], 1);
	assert_int_equal(t.param_of[5], 4);
	assert_int_equal(t.types[0], 0);
	assert_int_equal(t.types[1], PGSQL_TEXT_OID);	/* only tested */
	assert_int_equal(t.types[2], PGSQL_TEXT_OID);	/* not used */
	assert_int_equal(t.types[3], 0);
	assert_int_equal(t.types[4], PGSQL_TEXT_OID);
	pgsql_free(&t);
}

/* Parameters the server cannot type (arguments of json_object() and its
 * kin) take their value's type; one typed elsewhere too is left alone. */
static void
test_translate_untyped(void **state)
{
	struct pgsql t;
	const char *sql = "INSERT INTO audit VALUES (?, json_object('kind', ?, "
	    "'n', lower(?), 'k', ?1), ?3)";

	(void)state;
	pgsql_translate(sql, strlen(sql), &t);
	assert_string_equal(t.sql, "INSERT INTO audit VALUES ($1, json_object("
	    "'kind', $2, 'n', lower($3), 'k', $4), $3)");
	assert_int_equal(t.nserver, 4);
	assert_int_equal(t.types[0], 0);
	assert_int_equal(t.types[1], PGSQL_BIND_OID);
	assert_int_equal(t.types[2], 0);
	assert_int_equal(t.param_of[3], 1);
	assert_int_equal(t.types[3], PGSQL_BIND_OID);
	pgsql_free(&t);
}

static void
test_translate_statements(void **state)
{
	struct pgsql t;
	const char *sql = "INSERT INTO t VALUES (';'); SELECT 2";

	(void)state;
	check_translation("BEGIN IMMEDIATE", "BEGIN", 0);
	check_translation("  begin immediate;", "BEGIN;", 0);
	check_translation("BEGIN", "BEGIN", 0);
	check_translation("UPDATE o SET n = ? WHERE (n, k) IS NOT (?1, 'x') AND a IS b",
	    "UPDATE o SET n = $1 WHERE (n, k) IS DISTINCT FROM ($1, 'x') AND a "
	    "IS NOT DISTINCT FROM b", 1);
	check_translation("SELECT a IS NULL, b IS NOT TRUE, c IS NOT DISTINCT FROM d",
	    "SELECT a IS NULL, b IS NOT TRUE, c IS NOT DISTINCT FROM d", 0);
	check_translation("-- the import\nBEGIN /* now */ IMMEDIATE; ", "BEGIN; ", 0);
	assert_string_equal(pgsql_stmt_end(sql), " SELECT 2");
	assert_string_equal(pgsql_stmt_end("SELECT $x$;$x$; 1"), " 1");
	assert_null(pgsql_strip_pragmas("SELECT 'PRAGMA x'; -- PRAGMA\n"));
	assert_true(pgsql_empty(" ; -- x\n/* y */", 15));
	assert_false(pgsql_empty(" ; x", 4));
	pgsql_translate(sql, 27, &t);
	assert_false(t.readonly);
	assert_string_equal(t.insert_table, "t");
	pgsql_free(&t);
	pgsql_translate("WITH a AS (SELECT 1) SELECT * FROM a", 36, &t);
	assert_true(t.readonly);
	pgsql_free(&t);
	pgsql_translate("WITH a AS (DELETE FROM x RETURNING 1) SELECT 1", 46, &t);
	assert_false(t.readonly);
	pgsql_free(&t);
	pgsql_translate("SELECT 1 INTO newtable", 22, &t);
	assert_false(t.readonly);
	pgsql_free(&t);
}

/* Starts the cluster when PostgreSQL is installed. */
static int
setup(void **state)
{
	char dir[] = "/tmp/integra-pg.XXXXXX", line[512], *cmd;
	FILE *fp;

	(void)state;
	if (system("tests/pg/cluster.sh bindir >/dev/null 2>&1") != 0 ||
	    mkdtemp(dir) == NULL || chmod(dir, 0755) != 0)
		return 0;
	snprintf(cluster, sizeof(cluster), "%s", dir);
	cmd = xasprintf("tests/pg/cluster.sh start %s", dir);
	fp = popen(cmd, "r");
	free(cmd);
	if (fp && fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		uri = xstrdup(line);
	}
	if (fp)
		pclose(fp);
	return uri ? 0 : -1;
}

static int
teardown(void **state)
{
	char *cmd;

	(void)state;
	if (cluster[0] == '\0')
		return 0;
	cmd = xasprintf("tests/pg/cluster.sh stop %s; rm -rf %s", cluster, cluster);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove the cluster in %s\n", cluster);
	free(cmd);
	free(uri);
	return 0;
}

/* A context on the cluster's database (skips without one). */
static struct ctx *
open_ctx(const char *database, int busy_ms)
{
	struct ctx *ctx;
	char *text;

	if (database == NULL && uri == NULL)
		skip();
	ctx = xcalloc(1, sizeof(*ctx));
	text = xasprintf("database = \"%s\";\nbusy_timeout = %d;\n",
	    database ? database : uri, busy_ms);
	ctx->out = stdout;
	ctx->os_user = os_user;
	ctx->cmdline = cmdline;
	assert_int_equal(cfg_load_string(ctx, text, "test.cfg", &ctx->cfg), 0);
	free(text);
	return ctx;
}

static struct ctx *
connected(void)
{
	struct ctx *ctx = open_ctx(NULL, 2000);

	assert_int_equal(db_open(ctx, false), 0);
	assert_true(dbc_is_pg(ctx->db));
	return ctx;
}

/* Closes the connection and frees the context (its audit strings are
 * static). */
static void
ctx_free(struct ctx *ctx)
{
	db_close(ctx);
	cfg_free(ctx->cfg);
	free(ctx);
}

/* Runs sql (statements without parameters) on the connection. */
static void
exec_ok(struct ctx *ctx, const char *sql)
{
	if (dbc_exec(ctx->db, sql) != DB_OK)
		fail_msg("%s: %s", sql, dbc_errmsg(ctx->db));
}

/* Column i of st's first row, st run again. */
static const char *
setting(struct dbst *st, int i)
{
	dbst_reset(st);
	assert_int_equal(dbst_step(st), DB_ROW);
	return dbst_text(st, i);
}

static void
test_bind_and_types(void **state)
{
	struct ctx *ctx = connected();
	struct dbst *st;
	const char *tail;

	(void)state;
	assert_int_equal(dbc_prepare(ctx->db, "SELECT ?::bigint, ?::float8, "
	    "?::text, ?::text, true, 2.50::numeric, sum(x) FROM (VALUES "
	    "(9223372036854775807::bigint), (1)) v(x); SELECT 2", &st, &tail),
	    DB_OK);
	assert_string_equal(tail, " SELECT 2");
	assert_int_equal(dbst_nparams(st), 4);
	assert_int_equal(dbst_ncols(st), 7);
	dbst_bind_int(st, 1, -42);
	dbst_bind_double(st, 2, 0.1);
	dbst_bind_text(st, 3, "Іваненко Марія", -1);
	dbst_bind_null(st, 4);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_int_equal(dbst_type(st, 0), DB_INTEGER);
	assert_int_equal(dbst_int(st, 0), -42);
	assert_int_equal(dbst_type(st, 1), DB_FLOAT);
	assert_true(dbst_double(st, 1) == 0.1);
	assert_int_equal(dbst_type(st, 2), DB_TEXT);
	assert_string_equal(dbst_text(st, 2), "Іваненко Марія");
	assert_int_equal(dbst_bytes(st, 2), (int)strlen("Іваненко Марія"));
	assert_int_equal(dbst_type(st, 3), DB_NULL);
	assert_null(dbst_text(st, 3));
	assert_int_equal(dbst_type(st, 4), DB_INTEGER);
	assert_int_equal(dbst_int(st, 4), 1);
	assert_int_equal(dbst_type(st, 5), DB_FLOAT);
	assert_true(dbst_double(st, 5) == 2.5);
	assert_int_equal(dbst_type(st, 6), DB_FLOAT);	/* beyond bigint */
	assert_int_equal(dbst_step(st), DB_DONE);
	assert_true(dbst_readonly(st));
	dbst_finalize(st);
	/* a parameter tested for NULL and compared: the server takes it */
	assert_int_equal(dbc_prepare(ctx->db, "SELECT count(*) FROM (VALUES (1), "
	    "(2)) v(x) WHERE (? IS NULL OR x = ?1) AND (?2 IS NULL OR ?2 > 0)",
	    &st, NULL), DB_OK);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_int_equal(dbst_int(st, 0), 2);
	dbst_reset(st);
	dbst_bind_int(st, 1, 2);
	dbst_bind_text(st, 2, "5", -1);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_int_equal(dbst_int(st, 0), 1);
	dbst_finalize(st);
	/* arguments the server cannot type take their value's type */
	assert_int_equal(dbc_prepare(ctx->db, "SELECT format('%s|%s|%s', ?, ?, "
	    "json_build_object('n', ?2)), ?2 + 1", &st, NULL), DB_OK);
	dbst_bind_text(st, 1, "Київ", -1);
	dbst_bind_int(st, 2, 5);
	if (dbst_step(st) != DB_ROW)
		fail_msg("%s", dbc_errmsg(ctx->db));
	assert_string_equal(dbst_text(st, 0), "Київ|5|{\"n\" : 5}");
	assert_int_equal(dbst_int(st, 1), 6);
	dbst_finalize(st);
	/* SQLite's null-safe IS NOT */
	assert_int_equal(dbc_prepare(ctx->db, "SELECT count(*) FROM (VALUES (1, "
	    "NULL), (2, 'a')) v(x, y) WHERE y IS NOT ?", &st, NULL), DB_OK);
	dbst_bind_text(st, 1, "a", -1);
	assert_string_equal(setting(st, 0), "1");
	dbst_finalize(st);
	ctx_free(ctx);
}

static void
test_nested_reset_changes(void **state)
{
	struct ctx *ctx = connected();
	struct dbst *outer, *inner;
	int rows = 0;

	(void)state;
	exec_ok(ctx, "DROP TABLE IF EXISTS org; CREATE TABLE org (id bigint "
	    "GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code text UNIQUE, "
	    "name text)");
	assert_int_equal(dbc_prepare(ctx->db, "INSERT INTO org (code, name) "
	    "VALUES (?, ?)", &inner, NULL), DB_OK);
	assert_false(dbst_readonly(inner));
	dbst_bind_text(inner, 1, "MOU", -1);
	dbst_bind_text(inner, 2, "Міністерство оборони України", -1);
	assert_int_equal(dbst_step(inner), DB_DONE);
	assert_int_equal(dbc_changes(ctx->db), 1);
	assert_int_equal(dbc_last_id(ctx->db), 1);
	dbst_reset(inner);
	dbst_bind_text(inner, 1, "MON", -1);
	dbst_bind_text(inner, 2, "Міністерство освіти і науки України", -1);
	assert_int_equal(dbst_step(inner), DB_DONE);
	assert_int_equal(dbc_last_id(ctx->db), 2);
	dbst_finalize(inner);
	/* an UPDATE of every row while a SELECT of them is stepped */
	assert_int_equal(dbc_prepare(ctx->db, "SELECT id FROM org ORDER BY id",
	    &outer, NULL), DB_OK);
	while (dbst_step(outer) == DB_ROW) {
		assert_int_equal(dbc_prepare(ctx->db, "UPDATE org SET name = name "
		    "|| '.' WHERE id = ?", &inner, NULL), DB_OK);
		dbst_bind_int(inner, 1, dbst_int(outer, 0));
		assert_int_equal(dbst_step(inner), DB_DONE);
		assert_int_equal(dbc_changes(ctx->db), 1);
		dbst_finalize(inner);
		rows++;
	}
	assert_int_equal(rows, 2);
	dbst_reset(outer);
	assert_int_equal(dbst_step(outer), DB_ROW);
	assert_int_equal(dbst_int(outer, 0), 1);
	dbst_finalize(outer);
	assert_int_equal(dbc_prepare(ctx->db, "UPDATE org SET name = upper(name)",
	    &inner, NULL), DB_OK);
	assert_int_equal(dbst_step(inner), DB_DONE);
	assert_int_equal(dbc_changes(ctx->db), 2);
	dbst_finalize(inner);
	ctx_free(ctx);
}

/* The id of the row inserted, not of the row an audit trigger inserted
 * into another table meanwhile. */
static void
test_last_id_trigger(void **state)
{
	struct ctx *ctx = connected();
	int64_t id = 0;

	(void)state;
	exec_ok(ctx, "DROP TABLE IF EXISTS person, log; "
	    "CREATE TABLE log (id bigint GENERATED ALWAYS AS IDENTITY (START 1000), "
	    "what text); "
	    "CREATE TABLE person (id bigint GENERATED BY DEFAULT AS IDENTITY, name text); "
	    "CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
	    "INSERT INTO log (what) VALUES ('add; ' || NEW.name); RETURN NEW; END $$; "
	    "CREATE TRIGGER person_log AFTER INSERT ON person FOR EACH ROW "
	    "EXECUTE FUNCTION log_it()");
	assert_int_equal(db_run(ctx, NULL, "INSERT INTO person (name) VALUES (?)",
	    "t", "Коваленко Андрій"), 0);
	assert_int_equal(dbc_last_id(ctx->db), 1);
	assert_int_equal(db_run(ctx, NULL, "INSERT INTO log (what) VALUES (?)",
	    "t", "x"), 0);
	assert_int_equal(dbc_last_id(ctx->db), 1001);
	assert_int_equal(db_run(ctx, NULL, "INSERT INTO person (name) VALUES (?)",
	    "t", "Шевченко Тарас"), 0);
	assert_int_equal(dbc_last_id(ctx->db), 2);
	assert_int_equal(db_query_int(ctx, &id, "SELECT max(id) FROM log", ""), 0);
	assert_int_equal(id, 1002);
	exec_ok(ctx, "DROP TABLE person, log; DROP FUNCTION log_it()");
	ctx_free(ctx);
}

static void
test_unique_violation(void **state)
{
	struct ctx *ctx = connected();
	struct dbst *st;

	(void)state;
	exec_ok(ctx, "DROP TABLE IF EXISTS person; CREATE TABLE person (code "
	    "text PRIMARY KEY, born text CHECK (born > '1900'))");
	assert_int_equal(dbc_prepare(ctx->db, "INSERT INTO person VALUES (?, ?)",
	    &st, NULL), DB_OK);
	dbst_bind_text(st, 1, "1234567890", -1);
	dbst_bind_text(st, 2, "1985-07-23", -1);
	assert_int_equal(dbst_step(st), DB_DONE);
	dbst_reset(st);
	assert_int_equal(dbst_step(st), DB_ERROR);
	assert_int_equal(dbc_errclass(ctx->db), DB_EUNIQUE);
	assert_non_null(strstr(dbc_errmsg(ctx->db), "duplicate key"));
	assert_null(strchr(dbc_errmsg(ctx->db), '\n'));
	dbst_reset(st);
	dbst_bind_text(st, 1, "2234567890", -1);
	dbst_bind_text(st, 2, "1812-01-01", -1);
	assert_int_equal(dbst_step(st), DB_ERROR);
	assert_int_equal(dbc_errclass(ctx->db), DB_ECONSTRAINT);
	dbst_finalize(st);
	ctx_free(ctx);
}

static void
test_copy(void **state)
{
	struct ctx *ctx = connected();
	struct buf b = { 0 };
	int64_t rows = 0, n = 0;
	int i;

	(void)state;
	exec_ok(ctx, "DROP TABLE IF EXISTS part; CREATE TABLE part (id int, "
	    "who text, since date)");
	assert_int_equal(pg_copy_begin(ctx->db->pg, "COPY part FROM STDIN"), DB_OK);
	for (i = 1; i <= 10000; i++) {
		buf_printf(&b, "%d\tПетренко Олена %d\t2021-07-%02d\n", i, i, i % 28 + 1);
		if (b.len > 60000 || i == 10000) {
			assert_int_equal(pg_copy_put(ctx->db->pg, b.s, b.len), DB_OK);
			buf_reset(&b);
		}
	}
	buf_release(&b);
	assert_int_equal(pg_copy_end(ctx->db->pg, &rows), DB_OK);
	assert_int_equal(rows, 10000);
	assert_int_equal(db_query_int(ctx, &n, "SELECT count(DISTINCT id) FROM part "
	    "WHERE who LIKE 'Петренко%'", ""), 0);
	assert_int_equal(n, 10000);
	/* a bad row: the whole COPY refused */
	assert_int_equal(pg_copy_begin(ctx->db->pg, "COPY part FROM STDIN"), DB_OK);
	assert_int_equal(pg_copy_put(ctx->db->pg, "1\tx\t23.07.2021x\n", 16), DB_OK);
	assert_int_equal(pg_copy_end(ctx->db->pg, &rows), DB_ERROR);
	assert_non_null(strstr(dbc_errmsg(ctx->db), "date"));
	assert_int_equal(db_query_int(ctx, &n, "SELECT count(*) FROM part", ""), 0);
	assert_int_equal(n, 10000);
	ctx_free(ctx);
}

static void
test_session(void **state)
{
	struct ctx *ctx = connected();
	struct dbst *st;

	(void)state;
	assert_int_equal(dbc_prepare(ctx->db, "SELECT current_setting("
	    "'integra.os_user'), current_setting('integra.command'), "
	    "current_setting('integra.audit_on'), current_setting('DateStyle')",
	    &st, NULL), DB_OK);
	assert_int_equal(dbst_step(st), DB_ROW);
	assert_string_equal(dbst_text(st, 0), "Олена Петренко");
	assert_string_equal(dbst_text(st, 1), "integra test");
	assert_string_equal(dbst_text(st, 2), "1");
	assert_string_equal(dbst_text(st, 3), "ISO, YMD");
	/* a transaction begun with the audit off: off until its end */
	ctx->audit_off = true;
	assert_int_equal(db_begin(ctx), 0);
	assert_string_equal(setting(st, 2), "0");
	db_rollback(ctx);
	assert_string_equal(setting(st, 2), "1");
	/* outside a transaction: for the session */
	assert_int_equal(db_pg_audit(ctx, false), 0);
	assert_string_equal(setting(st, 2), "0");
	dbst_finalize(st);
	/* BEGIN IMMEDIATE is SQLite's: the server gets BEGIN */
	exec_ok(ctx, "BEGIN IMMEDIATE");
	exec_ok(ctx, "ROLLBACK");
	/* SQLite's settings are left out; the rest runs */
	exec_ok(ctx, "PRAGMA foreign_keys = OFF; PRAGMA threads = 2");
	exec_ok(ctx, "PRAGMA cache_size = -4096; SET lock_timeout = 1234; "
	    "PRAGMA 'x;y'");
	assert_int_equal(dbc_prepare(ctx->db, "SELECT current_setting("
	    "'lock_timeout')", &st, NULL), DB_OK);
	assert_string_equal(setting(st, 0), "1234ms");
	dbst_finalize(st);
	ctx_free(ctx);
}

static void
test_unreachable(void **state)
{
	char *bad;
	struct ctx *ctx;
	struct timespec t0, t1;

	(void)state;
	bad = xasprintf("postgresql:///integra?host=/nonexistent/%d/nosock",
	    (int)getpid());
	ctx = open_ctx(bad, 100);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(db_open(ctx, false), ERR_FAIL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec <= 2);
	assert_null(ctx->db);
	assert_non_null(strstr(ctx->errmsg, "/nosock"));
	assert_non_null(strstr(ctx->errmsg, "No such file"));
	assert_null(strchr(ctx->errmsg, '\n'));
	free(bad);
	ctx_free(ctx);
}

/* The progress handler of the tests: counts its calls, says stop once
 * told to (or from its call number stop_at on, when that is not 0). */
static int progress_calls, progress_stop, progress_stop_at;

static int
progress(void *ud)
{
	(void)ud;
	progress_calls++;
	return progress_stop || (progress_stop_at && progress_calls >= progress_stop_at);
}

/* A progress handler that says stop has the server cancel a long query
 * (asked every 100 ms while the server works); the connection serves on. */
static void
test_progress_cancels(void **state)
{
	struct ctx *ctx = connected();
	struct timespec t0, t1;
	struct dbst *st;

	(void)state;
	progress_calls = progress_stop = 0;
	progress_stop_at = 3;
	dbc_progress_handler(ctx->db, 10000, progress, NULL);
	assert_int_equal(dbc_prepare(ctx->db, "SELECT pg_sleep(20)", &st, NULL), DB_OK);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(dbst_step(st), DB_ERROR);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec <= 2);
	assert_non_null(strstr(dbc_errmsg(ctx->db), "canceling statement"));
	assert_int_equal(progress_calls, 3);
	dbst_finalize(st);
	dbc_progress_handler(ctx->db, 0, NULL, NULL);
	exec_ok(ctx, "SELECT 1");
	ctx_free(ctx);
}

/* A result already fetched is walked with the handler asked every n rows:
 * a stop ends it at the next of them; without the handler every row comes. */
static void
test_progress_rows(void **state)
{
	struct ctx *ctx = connected();
	struct dbst *st;
	int rows = 0, rc;

	(void)state;
	progress_calls = progress_stop = progress_stop_at = 0;
	dbc_progress_handler(ctx->db, 10, progress, NULL);
	assert_int_equal(dbc_prepare(ctx->db, "SELECT generate_series(1, 100)",
	    &st, NULL), DB_OK);
	while ((rc = dbst_step(st)) == DB_ROW)
		if (++rows == 26)
			progress_stop = 1;
	assert_int_equal(rc, DB_ERROR);
	assert_int_equal(rows, 30);
	assert_string_equal(dbc_errmsg(ctx->db), "interrupted");
	dbc_progress_handler(ctx->db, 0, NULL, NULL);
	dbst_reset(st);
	rows = 0;
	while (dbst_step(st) == DB_ROW)
		rows++;
	assert_int_equal(rows, 100);
	dbst_finalize(st);
	ctx_free(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translate_params),
		cmocka_unit_test(test_translate_names),
		cmocka_unit_test(test_translate_null_tests),
		cmocka_unit_test(test_translate_untyped),
		cmocka_unit_test(test_translate_statements),
		cmocka_unit_test(test_bind_and_types),
		cmocka_unit_test(test_nested_reset_changes),
		cmocka_unit_test(test_last_id_trigger),
		cmocka_unit_test(test_unique_violation),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_unreachable),
		cmocka_unit_test(test_progress_cancels),
		cmocka_unit_test(test_progress_rows),
	};

	return cmocka_run_group_tests_name("store_pg", tests, setup, teardown);
}
