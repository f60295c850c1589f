/*
 * The register's database, whichever backend holds it (store.h): opening
 * by the setting, errors, migrations, transactions, and small
 * prepared-statement helpers.  Opening an SQLite file is db_sqlite.c's,
 * a PostgreSQL server db_pg.c's.  No SQL is ever built from user text:
 * values always go through bind parameters.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_pg.h"
#include "integra.h"
#include "agency.h"
#include "schema.h"

/* Sets an error from the connection's last failure. */
int
db_error(struct ctx *ctx, const char *what)
{
	what = i18n_text(what);
	switch (dbc_errclass(ctx->db)) {
	case DB_EBUSY:
		return error_set(ctx, ERR_BUSY,
		    "%s: the database is locked by another process (waited %d ms)",
		    what, cfg_busy_timeout(ctx->cfg));
	case DB_EUNIQUE:
		return error_set(ctx, ERR_EXISTS, "%s: %s", what, dbc_errmsg(ctx->db));
	case DB_ECONSTRAINT:
		return error_set(ctx, ERR_INVALID, "%s: %s", what, dbc_errmsg(ctx->db));
	case DB_EDENIED:
		return agency_denied(ctx, what);	/* one line, and audited */
	default:
		return error_set(ctx, ERR_FAIL, "%s: %s", what, dbc_errmsg(ctx->db));
	}
}

/*
 * Opens the configured database; with create, makes it if missing: a
 * PostgreSQL server's (db_pg.c) when the setting is a URI or a service,
 * else an SQLite file (db_sqlite.c).
 */
int
db_open(struct ctx *ctx, bool create)
{
	const char *path = cfg_database(ctx->cfg);

	if (store_is_pg_uri(path))
		return db_open_pg(ctx, path, create);
	return db_open_sqlite(ctx, path, create);
}

#define STMT_CACHE 32

/* Statements prepared once: hot paths (area fields of each imported row,
 * a plugin's query per record) would otherwise parse the same SQL again
 * for every row. */
struct stmt_cache {
	struct {
		char *sql;
		struct dbst *st;
		bool busy;
	} v[STMT_CACHE];
	size_t n;
	size_t next;		/* the slot to reuse when full */
};

static void
stmt_cache_free(struct ctx *ctx)
{
	struct stmt_cache *c = ctx->stmts;
	size_t i;

	for (i = 0; c && i < c->n; i++) {
		dbst_finalize(c->v[i].st);
		free(c->v[i].sql);
	}
	free(c);
	ctx->stmts = NULL;
}

/* A statement for sql: the cached one when it is free, else a new one
 * (cached when there is room or an idle slot to reuse). */
int
db_stmt_get(struct ctx *ctx, struct dbst **out, const char *sql)
{
	struct stmt_cache *c = ctx->stmts;
	size_t i, k;
	int rc;

	if (c == NULL)
		c = ctx->stmts = xcalloc(1, sizeof(*c));
	for (i = 0; i < c->n; i++) {
		if (!c->v[i].busy && strcmp(c->v[i].sql, sql) == 0) {
			c->v[i].busy = true;
			*out = c->v[i].st;
			return 0;
		}
	}
	if ((rc = db_prepare_single(ctx, out, sql)) != 0)
		return rc;
	if (c->n < STMT_CACHE) {
		k = c->n++;
	} else {
		for (i = 0, k = c->next; i < STMT_CACHE && c->v[k].busy; i++)
			k = (k + 1) % STMT_CACHE;
		if (c->v[k].busy)
			return 0;	/* all in use: the caller's statement stays its own */
		c->next = (k + 1) % STMT_CACHE;
		dbst_finalize(c->v[k].st);
		free(c->v[k].sql);
	}
	c->v[k].sql = xstrdup(sql);
	c->v[k].st = *out;
	c->v[k].busy = true;
	return 0;
}

/* Gives a statement from db_stmt_get() back: reset and unbound if cached,
 * finalized otherwise. */
void
db_stmt_put(struct ctx *ctx, struct dbst *st)
{
	struct stmt_cache *c = ctx->stmts;
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; c && i < c->n; i++) {
		if (c->v[i].st == st) {
			dbst_reset(st);
			dbst_clear(st);
			c->v[i].busy = false;
			return;
		}
	}
	dbst_finalize(st);
}

void
db_close(struct ctx *ctx)
{
	if (ctx->db == NULL)
		return;
	stmt_cache_free(ctx);
	if (ctx->in_tx)
		db_rollback(ctx);
	dbc_close(ctx->db);
	ctx->db = NULL;
}

int
db_prepare(struct ctx *ctx, struct dbst **out, const char *sql)
{
	if (dbc_prepare(ctx->db, sql, out, NULL) != DB_OK) {
		*out = NULL;
		return db_error(ctx, "cannot prepare statement");
	}
	return 0;
}

/* Where the SQL after a statement's end (sqlite3_prepare_v2's tail) holds
 * more than white space, semicolons and comments (-- to the end of the
 * line, slash-star to star-slash): the first such byte, or NULL. */
static const char *
sql_rest(const char *s)
{
	const char *e;

	for (;;) {
		s += strspn(s, " \t\n\f\r;");
		if (s[0] == '-' && s[1] == '-')
			s += strcspn(s, "\n");
		else if (s[0] == '/' && s[1] == '*')
			s = (e = strstr(s + 2, "*/")) != NULL ? e + 2 : s + strlen(s);
		else
			return *s ? s : NULL;
	}
}

/*
 * Prepares exactly one statement: a second statement after it is refused,
 * never ignored or run, and the message quotes its start.  White space and
 * comments after the statement are accepted.
 */
int
db_prepare_single(struct ctx *ctx, struct dbst **out, const char *sql)
{
	const char *tail = NULL, *rest;
	int n;

	if (dbc_prepare(ctx->db, sql, out, &tail) != DB_OK) {
		*out = NULL;
		return db_error(ctx, "cannot prepare SQL");
	}
	if (*out == NULL)
		return error_set(ctx, ERR_FAIL, "expected exactly one SQL statement, "
		    "found none");
	if ((rest = sql_rest(tail ? tail : "")) == NULL)
		return 0;
	dbst_finalize(*out);
	*out = NULL;
	if ((n = (int)strcspn(rest, "\n")) > 48)
		for (n = 48; n > 0 && ((unsigned char)rest[n] & 0xc0) == 0x80; n--)
			;	/* cut on a character's first byte */
	return error_set(ctx, ERR_FAIL, "expected exactly one SQL statement, found "
	    "another after it: '%.*s%s' (run each statement by itself)", n, rest,
	    rest[n] ? "..." : "");
}

/*
 * Binds values by a type string: 't' text (const char *, NULL binds NULL),
 * 'i' int64_t, 'd' int, 'r' double, 'n' NULL (no argument).
 */
void
db_bindv(struct dbst *st, const char *types, va_list ap)
{
	const char *s;
	int i;

	for (i = 1; *types; types++, i++) {
		switch (*types) {
		case 't':
			s = va_arg(ap, const char *);
			if (s)
				dbst_bind_text(st, i, s, -1);
			else
				dbst_bind_null(st, i);
			break;
		case 'i':
			dbst_bind_int(st, i, va_arg(ap, int64_t));
			break;
		case 'd':
			dbst_bind_int(st, i, va_arg(ap, int));
			break;
		case 'r':
			dbst_bind_double(st, i, va_arg(ap, double));
			break;
		case 'n':
			dbst_bind_null(st, i);
			break;
		default:
			BUG("unknown bind type");
		}
	}
}

void
db_bind(struct dbst *st, const char *types, ...)
{
	va_list ap;

	va_start(ap, types);
	db_bindv(st, types, ap);
	va_end(ap);
}

/* Steps a statement that returns no rows and finalizes it. */
int
db_step_done(struct ctx *ctx, struct dbst *st)
{
	int rc = dbst_step(st);

	if (rc != DB_DONE && rc != DB_ROW) {
		rc = db_error(ctx, "cannot store");
		dbst_finalize(st);
		return rc;
	}
	dbst_finalize(st);
	return 0;
}

/* The current row's column i as a value borrowed from the statement; text
 * is typed text_type (INTEGRA_TEXT, or INTEGRA_DATE for a date column). */
void
db_column_value(struct dbst *st, int i, enum integra_type text_type,
    struct integra_value *v)
{
	v->i = 0;
	v->r = 0;
	v->s = NULL;
	v->n = 0;
	switch (dbst_type(st, i)) {
	case DB_INTEGER:
		v->type = INTEGRA_INTEGER;
		v->i = dbst_int(st, i);
		v->r = (double)v->i;
		break;
	case DB_FLOAT:
		v->type = INTEGRA_REAL;
		v->r = dbst_double(st, i);
		break;
	case DB_NULL:
		v->type = INTEGRA_NULL;
		break;
	default:
		v->type = text_type;
		v->s = dbst_text(st, i);
		v->n = (size_t)dbst_bytes(st, i);
		break;
	}
}

/* Runs sql with the values bound as types says (db_bindv).  With out,
 * the first column of the first row is an integer for *out, and no row
 * is ERR_NOTFOUND; without, the statement must return no row. */
int
db_run(struct ctx *ctx, int64_t *out, const char *sql, const char *types, ...)
{
	struct dbst *st;
	va_list ap;
	int rc;

	if (db_prepare(ctx, &st, sql) != 0)
		return ctx->err;
	va_start(ap, types);
	db_bindv(st, types, ap);
	va_end(ap);
	if (out == NULL)
		return db_step_done(ctx, st);
	rc = dbst_step(st);
	if (rc == DB_ROW) {
		*out = dbst_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = ERR_NOTFOUND;
	} else {
		rc = db_error(ctx, "query failed");
	}
	dbst_finalize(st);
	return rc;
}

/* Finds the id of a row by its user-facing key; the error names `what`. */
int
db_lookup_id(struct ctx *ctx, const char *table, const char *keycol,
    const char *key, const char *what, int64_t *out)
{
	char sql[128];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE %s = ?", table, keycol);
	/* Stored keys are UTF-8 (as in cmd_show): other bytes find nothing. */
	rc = !text_valid_utf8(key, strlen(key)) ? ERR_NOTFOUND :
	    db_query_int(ctx, out, sql, "t", key);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no %s '%s'",
		    C_("record", what), key);
	return rc;
}

/* Starts the write transaction of a command; a database opened read-only
 * (see open_target) says why instead. */
int
db_begin(struct ctx *ctx)
{
	if (dbc_readonly(ctx->db))
		return error_set(ctx, ERR_FAIL, "cannot write to database '%s': it "
		    "is open read-only, as user '%s' cannot write the file or its "
		    "directory (which must hold its -wal and -shm files); write as "
		    "its owner, or give this user write access to both",
		    cfg_database(ctx->cfg), ctx->os_user ? ctx->os_user : "?");
	if (dbc_exec(ctx->db, dbc_is_pg(ctx->db) ? "BEGIN" : "BEGIN IMMEDIATE") !=
	    DB_OK)
		return db_error(ctx, "cannot start a transaction");
	ctx->in_tx = true;
	if (ctx->audit_off && dbc_is_pg(ctx->db))
		return db_pg_audit(ctx, false);
	return 0;
}

int
db_commit(struct ctx *ctx)
{
	if (dbc_exec(ctx->db, "COMMIT") != DB_OK) {
		db_error(ctx, "cannot commit");
		db_rollback(ctx);
		return ctx->err;
	}
	ctx->in_tx = false;
	return 0;
}

void
db_rollback(struct ctx *ctx)
{
	dbc_exec(ctx->db, "ROLLBACK");
	ctx->in_tx = false;
}

/* A savepoint inside the open transaction: a nested command's changes
 * can be undone alone. */
int
db_savepoint(struct ctx *ctx)
{
	if (dbc_exec(ctx->db, "SAVEPOINT integra_nested") !=
	    DB_OK)
		return db_error(ctx, "cannot start a savepoint");
	return 0;
}

/* Ends the savepoint: its changes kept, or undone when keep is false. */
void
db_savepoint_end(struct ctx *ctx, bool keep)
{
	if (!keep)
		dbc_exec(ctx->db, "ROLLBACK TO integra_nested");
	dbc_exec(ctx->db, "RELEASE integra_nested");
}

/* Whether the migration table exists; on PostgreSQL from the catalogue,
 * which (unlike information_schema) shows it to a role that may not read
 * it too, so that such a role is told so, not that nothing is there. */
static bool
has_migration_table(struct ctx *ctx)
{
	int64_t n = 0;

	return db_query_int(ctx, &n, dbc_is_pg(ctx->db) ?
	    "SELECT count(*) FROM pg_class WHERE relname = 'migration' "
	    "AND relnamespace = CAST(current_schema() AS regnamespace)" :
	    "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'migration'", "") == 0 && n > 0;
}

/* The recorded schema version of a component: 0 when none. */
int
db_schema_version(struct ctx *ctx, const char *component, int *out)
{
	int64_t v = 0;
	int rc;

	*out = 0;
	if (!has_migration_table(ctx))
		return 0;
	rc = db_query_int(ctx, &v, "SELECT coalesce(max(version), 0) FROM migration "
	    "WHERE component = ?", "t", component);
	if (rc != 0)
		return rc;
	*out = (int)v;
	return 0;
}

int
db_set_version(struct ctx *ctx, const char *component, int version)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	return db_exec(ctx, "INSERT INTO migration (component, version, applied) "
	    "VALUES (?, ?, ?)", "tdt", component, version, now);
}

/* Marks the database as integra's and brings the core schema to
 * SCHEMA_VERSION, one transaction a migration. */
int
db_migrate(struct ctx *ctx)
{
	char *sql;
	int v, rc;

	if ((rc = db_mark(ctx)) != 0)
		return rc;
	if (dbc_exec(ctx->db, "CREATE TABLE IF NOT EXISTS migration ("
	    "component TEXT NOT NULL, version INTEGER NOT NULL, applied TEXT NOT NULL, "
	    "PRIMARY KEY (component, version))") != DB_OK)
		return db_error(ctx, "cannot create the migration table");
	if ((rc = db_schema_version(ctx, "core", &v)) != 0)
		return rc;
	if (v > SCHEMA_VERSION)
		return error_set(ctx, ERR_FAIL,
		    "database '%s' has schema version %d, newer than this integra's %d; "
		    "use a newer integra", cfg_database(ctx->cfg), v, SCHEMA_VERSION);
	for (v++; v <= SCHEMA_VERSION; v++) {
		if ((rc = db_begin(ctx)) != 0)
			return rc;
		sql = dbc_is_pg(ctx->db) ? schema_pg_migration_sql(v) :
		    schema_migration_sql(v);
		if (dbc_exec(ctx->db, sql) != DB_OK) {
			rc = error_set(ctx, ERR_FAIL, "core migration %d (%s) failed: %s", v,
			    schema_migration_name(v), dbc_errmsg(ctx->db));
			free(sql);
			db_rollback(ctx);
			return rc;
		}
		free(sql);
		if ((rc = db_set_version(ctx, "core", v)) != 0 ||
		    (rc = db_commit(ctx)) != 0) {
			db_rollback(ctx);
			return rc;
		}
	}
	return 0;
}

/* After reading the schema version failed with rc: on PostgreSQL, a role
 * that may not read the register (no agency was ever granted to it) is
 * told whom to ask, not the server's "permission denied". */
static int
unreadable(struct ctx *ctx, int rc)
{
	int64_t ok = 1;
	char *role = NULL;

	if (!dbc_is_pg(ctx->db) || db_query_int(ctx, &ok, "SELECT CASE WHEN "
	    "has_table_privilege('migration', 'SELECT') THEN 1 ELSE 0 END",
	    "") != 0 || ok || agency_current_role(ctx, &role) != 0 || role == NULL)
		return rc;
	rc = error_set(ctx, ERR_FAIL, "role '%s' may not read this register; "
	    "ask the administrator to run 'integra agency grant %s ORG'", role, role);
	free(role);
	return rc;
}

/* Refuses an uninitialised, older or newer database. */
int
db_check_schema(struct ctx *ctx)
{
	int v, rc;

	if ((rc = db_schema_version(ctx, "core", &v)) != 0)
		return unreadable(ctx, rc);
	if (v == 0)
		return error_set(ctx, ERR_FAIL,
		    "database '%s' is not initialised; run 'integra init'",
		    cfg_database(ctx->cfg));
	if (v < SCHEMA_VERSION)
		return error_set(ctx, ERR_FAIL,
		    "database '%s' has schema version %d, older than this integra's %d; "
		    "run 'integra init' to upgrade it", cfg_database(ctx->cfg), v,
		    SCHEMA_VERSION);
	if (v > SCHEMA_VERSION)
		return error_set(ctx, ERR_FAIL,
		    "database '%s' has schema version %d, newer than this integra's %d; "
		    "use a newer integra", cfg_database(ctx->cfg), v, SCHEMA_VERSION);
	return 0;
}
