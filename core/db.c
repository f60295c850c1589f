/*
 * SQLite storage: opening (file mode 0600, directory created, WAL,
 * foreign keys, busy timeout, read-only where this user cannot write), the SQL functions the schema relies on
 * (Ukrainian collation, case folding, the audit context), migrations,
 * transactions, and small prepared-statement helpers.  No SQL is ever
 * built from user text: values always go through bind parameters.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"
#include "schema.h"

/* Sets an error from the connection's last SQLite error. */
int
db_error(struct ctx *ctx, const char *what)
{
	int code = sqlite3_errcode(ctx->db);

	what = i18n_text(what);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return error_set(ctx, ERR_BUSY,
		    "%s: the database is locked by another process (waited %d ms)",
		    what, cfg_busy_timeout(ctx->cfg));
	if (sqlite3_extended_errcode(ctx->db) == SQLITE_CONSTRAINT_UNIQUE ||
	    sqlite3_extended_errcode(ctx->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
		return error_set(ctx, ERR_EXISTS, "%s: %s", what, sqlite3_errmsg(ctx->db));
	if (code == SQLITE_CONSTRAINT)
		return error_set(ctx, ERR_INVALID, "%s: %s", what, sqlite3_errmsg(ctx->db));
	return error_set(ctx, ERR_FAIL, "%s: %s", what, sqlite3_errmsg(ctx->db));
}

static int
collate_uk(void *ud, int an, const void *a, int bn, const void *b)
{
	(void)ud;
	return text_collate(a, (size_t)an, b, (size_t)bn);
}

static void
fn_fold(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *f;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(c);
		return;
	}
	f = text_fold(s);
	sqlite3_result_text(c, f, -1, free);
}

/* The context an audit_*() SQL function reads; none takes arguments. */
static const struct ctx *
audit_ctx(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	return sqlite3_user_data(c);
}

/* audit_user(): the operating-system user, "unknown" if not known. */
static void
fn_audit_user(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = audit_ctx(c, argc, argv)->os_user;

	sqlite3_result_text(c, s ? s : "unknown", -1, SQLITE_TRANSIENT);
}

/* audit_command(): the command line being run, "" if not known. */
static void
fn_audit_command(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *s = audit_ctx(c, argc, argv)->cmdline;

	sqlite3_result_text(c, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* audit_on(): 1 unless auditing is switched off for this run. */
static void
fn_audit_on(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	sqlite3_result_int(c, !audit_ctx(c, argc, argv)->audit_off);
}

/* Days between two ISO dates (b - a), NULL if either is NULL or bad. */
static void
fn_days_between(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *a = (const char *)sqlite3_value_text(argv[0]);
	const char *b = (const char *)sqlite3_value_text(argv[1]);
	int32_t da, db;

	(void)argc;
	if (a == NULL || b == NULL || date_parse(a, &da) != 0 ||
	    date_parse(b, &db) != 0) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_int(c, db - da);
}

/* One line a statement run, for INTEGRA_TRACE_SQL: its nanoseconds and
 * its SQL with the values of its parameters. */
static int
trace_sql(unsigned type, void *ud, void *st, void *ns)
{
	FILE *fp = ud;
	char *sql, *c;

	if (type != SQLITE_TRACE_PROFILE || (sql = sqlite3_expanded_sql(st)) == NULL)
		return 0;
	for (c = sql; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	fprintf(fp, "%lld\t%s\n", (long long)*(sqlite3_int64 *)ns, sql);
	fflush(fp);
	sqlite3_free(sql);
	return 0;
}

/* INTEGRA_TRACE_SQL=FILE appends every statement run to FILE (see
 * trace_sql): `make bench` times the same SQL in the sqlite3 shell. */
static void
trace_open(sqlite3 *db)
{
	const char *path = getenv("INTEGRA_TRACE_SQL");
	FILE *fp;

	if (path && *path && (fp = fopen(path, "a")) != NULL)
		sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, trace_sql, fp);
}

int
db_register_functions(struct ctx *ctx, sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;

	if (sqlite3_create_collation(db, "uk", SQLITE_UTF8, NULL, collate_uk) ||
	    sqlite3_create_function(db, "fold", 1, flags, NULL, fn_fold, NULL, NULL) ||
	    sqlite3_create_function(db, "days_between", 2, flags, NULL,
	    fn_days_between, NULL, NULL) ||
	    sqlite3_create_function(db, "audit_user", 0, SQLITE_UTF8, ctx,
	    fn_audit_user, NULL, NULL) ||
	    sqlite3_create_function(db, "audit_command", 0, SQLITE_UTF8, ctx,
	    fn_audit_command, NULL, NULL) ||
	    sqlite3_create_function(db, "audit_on", 0, SQLITE_UTF8, ctx,
	    fn_audit_on, NULL, NULL))
		return ERR_FAIL;
	return 0;
}

/* mkdir -p with mode 0700 for the directories we create. */
static int
make_dirs(struct ctx *ctx, const char *path)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			rc = error_set(ctx, ERR_FAIL, "cannot create directory '%s': %s",
			    dir, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Creates the file with mode 0600 before SQLite opens it, so the database
 * is never readable by others, whatever the umask. */
static int
create_file(struct ctx *ctx, const char *path)
{
	int fd;

	if (make_dirs(ctx, path) != 0)
		return ERR_FAIL;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set(ctx, ERR_FAIL, "cannot create database '%s': %s", path,
		    strerror(errno));
	close(fd);
	return 0;
}

/* Why SQLite could not open path, in the words of the system when it
 * has some: a directory, or no permission to read and write. */
static const char *
cantopen_reason(const char *path, const char *sqlite_msg)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return "it is a directory";
	if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0)
		return strerror(errno);
	return sqlite_msg;
}

/* True when this user (the effective one, as for a set-uid start) may
 * create files in the directory of path. */
static bool
dir_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	bool ok = faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;

	free(dir);
	return ok;
}

/* True when path with suffix appended exists. */
static bool
exists_with(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	bool ok = faccessat(AT_FDCWD, p, F_OK, AT_EACCESS) == 0;

	free(p);
	return ok;
}

/*
 * What to hand sqlite3_open_v2() for path, and its flags: read-write, or
 * read-only when this user cannot write the file or its directory (a read
 * command then works, and db_begin() says why a write cannot).  A WAL
 * database needs its -wal and -shm files beside it; where SQLite cannot
 * create them and none is there, the file is opened as immutable (the
 * whole database is in the file; a writer that starts meanwhile is not
 * seen).  The caller frees the result.
 */
static char *
open_target(const char *path, bool create, int *flags)
{
	struct buf uri = { 0 };
	const char *p;
	bool dir_ok = dir_writable(path);

	*flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (create || (dir_ok && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0))
		return xstrdup(path);
	*flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
	if (dir_ok || exists_with(path, "-wal") || exists_with(path, "-shm"))
		return xstrdup(path);
	*flags |= SQLITE_OPEN_URI;
	buf_adds(&uri, "file:");
	for (p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	buf_adds(&uri, "?immutable=1");
	return uri.s;
}

/* Reports why the connection just opened cannot serve (err from SQLite,
 * rc its code) and closes it; returns the error. */
static int
open_failed(struct ctx *ctx, const char *path, int rc, char *err)
{
	if ((rc & 0xff) == SQLITE_NOTADB)
		error_set(ctx, ERR_FAIL,
		    "cannot open database '%s': the file is not an SQLite database",
		    path);
	else if ((rc & 0xff) == SQLITE_BUSY)
		error_set(ctx, ERR_BUSY, "cannot open database '%s': %s", path,
		    err ? err : "locked");
	else if ((rc & 0xff) == SQLITE_CANTOPEN)
		error_set(ctx, ERR_FAIL, "cannot open database '%s': %s", path,
		    cantopen_reason(path, err ? err : sqlite3_errstr(rc)));
	else if (rc != SQLITE_OK)
		error_set(ctx, ERR_FAIL, "cannot open database '%s': %s", path,
		    err ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	db_close(ctx);
	return ctx->err;
}

/*
 * Opens the configured database; with create, makes it if missing.  A
 * file of another program is refused before anything is written to it
 * (db_ident.c); read-only (see open_target) it is only read.
 */
int
db_open(struct ctx *ctx, bool create)
{
	const char *path = cfg_database(ctx->cfg);
	char *err = NULL, *target;
	int rc, flags;

	if (faccessat(AT_FDCWD, path, F_OK, AT_EACCESS) != 0) {
		if (!create)
			return error_set(ctx, ERR_FAIL,
			    "database '%s' does not exist; run 'integra init' to create it",
			    path);
		if (create_file(ctx, path) != 0)
			return ERR_FAIL;
	}
	target = open_target(path, create, &flags);
	rc = sqlite3_open_v2(target, &ctx->db, flags, NULL);
	free(target);
	if (rc != SQLITE_OK) {
		rc = error_set(ctx, ERR_FAIL, "cannot open database '%s': %s", path,
		    cantopen_reason(path, ctx->db ? sqlite3_errmsg(ctx->db) :
		    sqlite3_errstr(rc)));
		db_close(ctx);
		return rc;
	}
	sqlite3_extended_result_codes(ctx->db, 1);
	sqlite3_busy_timeout(ctx->db, cfg_busy_timeout(ctx->cfg));
	if (db_register_functions(ctx, ctx->db) != 0) {
		db_error(ctx, "cannot register SQL functions");
		db_close(ctx);
		return ERR_FAIL;
	}
	trace_open(ctx->db);
	rc = sqlite3_exec(ctx->db, "PRAGMA schema_version", NULL, NULL, &err);
	if (rc != SQLITE_OK)
		return open_failed(ctx, path, rc, err);
	if ((rc = db_identify(ctx, path)) != 0) {
		db_close(ctx);
		return rc;
	}
	rc = sqlite3_exec(ctx->db, (flags & SQLITE_OPEN_READONLY) ?
	    "PRAGMA foreign_keys = ON" : "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON",
	    NULL, NULL, &err);
	return rc == SQLITE_OK ? 0 : open_failed(ctx, path, rc, err);
}

#define STMT_CACHE 32

/* Statements prepared once: hot paths (area fields of each imported row,
 * a plugin's query per record) would otherwise parse the same SQL again
 * for every row. */
struct stmt_cache {
	struct {
		char *sql;
		sqlite3_stmt *st;
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
		sqlite3_finalize(c->v[i].st);
		free(c->v[i].sql);
	}
	free(c);
	ctx->stmts = NULL;
}

/* A statement for sql: the cached one when it is free, else a new one
 * (cached when there is room or an idle slot to reuse). */
int
db_stmt_get(struct ctx *ctx, sqlite3_stmt **out, const char *sql)
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
		sqlite3_finalize(c->v[k].st);
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
db_stmt_put(struct ctx *ctx, sqlite3_stmt *st)
{
	struct stmt_cache *c = ctx->stmts;
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; c && i < c->n; i++) {
		if (c->v[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->v[i].busy = false;
			return;
		}
	}
	sqlite3_finalize(st);
}

void
db_close(struct ctx *ctx)
{
	if (ctx->db == NULL)
		return;
	stmt_cache_free(ctx);
	if (ctx->in_tx)
		db_rollback(ctx);
	sqlite3_close_v2(ctx->db);
	ctx->db = NULL;
}

int
db_prepare(struct ctx *ctx, sqlite3_stmt **out, const char *sql)
{
	if (sqlite3_prepare_v2(ctx->db, sql, -1, out, NULL) != SQLITE_OK) {
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
db_prepare_single(struct ctx *ctx, sqlite3_stmt **out, const char *sql)
{
	const char *tail = NULL, *rest;
	int n;

	if (sqlite3_prepare_v2(ctx->db, sql, -1, out, &tail) != SQLITE_OK) {
		*out = NULL;
		return db_error(ctx, "cannot prepare SQL");
	}
	if (*out == NULL)
		return error_set(ctx, ERR_FAIL, "expected exactly one SQL statement, "
		    "found none");
	if ((rest = sql_rest(tail ? tail : "")) == NULL)
		return 0;
	sqlite3_finalize(*out);
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
db_bindv(sqlite3_stmt *st, const char *types, va_list ap)
{
	const char *s;
	int i;

	for (i = 1; *types; types++, i++) {
		switch (*types) {
		case 't':
			s = va_arg(ap, const char *);
			if (s)
				sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i);
			break;
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'd':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'r':
			sqlite3_bind_double(st, i, va_arg(ap, double));
			break;
		case 'n':
			sqlite3_bind_null(st, i);
			break;
		default:
			BUG("unknown bind type");
		}
	}
}

void
db_bind(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;

	va_start(ap, types);
	db_bindv(st, types, ap);
	va_end(ap);
}

/* Steps a statement that returns no rows and finalizes it. */
int
db_step_done(struct ctx *ctx, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = db_error(ctx, "cannot store");
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return 0;
}

/* The current row's column i as a value borrowed from the statement; text
 * is typed text_type (INTEGRA_TEXT, or INTEGRA_DATE for a date column). */
void
db_column_value(sqlite3_stmt *st, int i, enum integra_type text_type,
    struct integra_value *v)
{
	v->i = 0;
	v->r = 0;
	v->s = NULL;
	v->n = 0;
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		v->type = INTEGRA_INTEGER;
		v->i = sqlite3_column_int64(st, i);
		v->r = (double)v->i;
		break;
	case SQLITE_FLOAT:
		v->type = INTEGRA_REAL;
		v->r = sqlite3_column_double(st, i);
		break;
	case SQLITE_NULL:
		v->type = INTEGRA_NULL;
		break;
	default:
		v->type = text_type;
		v->s = (const char *)sqlite3_column_text(st, i);
		v->n = (size_t)sqlite3_column_bytes(st, i);
		break;
	}
}

/* Runs sql with the values bound as types says (db_bindv).  With out,
 * the first column of the first row is an integer for *out, and no row
 * is ERR_NOTFOUND; without, the statement must return no row. */
int
db_run(struct ctx *ctx, int64_t *out, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if (db_prepare(ctx, &st, sql) != 0)
		return ctx->err;
	va_start(ap, types);
	db_bindv(st, types, ap);
	va_end(ap);
	if (out == NULL)
		return db_step_done(ctx, st);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = ERR_NOTFOUND;
	} else {
		rc = db_error(ctx, "query failed");
	}
	sqlite3_finalize(st);
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
	rc = db_query_int(ctx, out, sql, "t", key);
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
	if (sqlite3_db_readonly(ctx->db, "main") == 1)
		return error_set(ctx, ERR_FAIL, "cannot write to database '%s': it "
		    "is open read-only, as user '%s' cannot write the file or its "
		    "directory (which must hold its -wal and -shm files); write as "
		    "its owner, or give this user write access to both",
		    cfg_database(ctx->cfg), ctx->os_user ? ctx->os_user : "?");
	if (sqlite3_exec(ctx->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(ctx, "cannot start a transaction");
	ctx->in_tx = true;
	return 0;
}

int
db_commit(struct ctx *ctx)
{
	if (sqlite3_exec(ctx->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
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
	sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
	ctx->in_tx = false;
}

/* A savepoint inside the open transaction: a nested command's changes
 * can be undone alone. */
int
db_savepoint(struct ctx *ctx)
{
	if (sqlite3_exec(ctx->db, "SAVEPOINT integra_nested", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_error(ctx, "cannot start a savepoint");
	return 0;
}

/* Ends the savepoint: its changes kept, or undone when keep is false. */
void
db_savepoint_end(struct ctx *ctx, bool keep)
{
	if (!keep)
		sqlite3_exec(ctx->db, "ROLLBACK TO integra_nested", NULL, NULL, NULL);
	sqlite3_exec(ctx->db, "RELEASE integra_nested", NULL, NULL, NULL);
}

static bool
has_migration_table(struct ctx *ctx)
{
	int64_t n = 0;

	return db_query_int(ctx, &n, "SELECT count(*) FROM sqlite_master WHERE "
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
	return db_exec(ctx, "INSERT INTO migration (component, version, applied) "
	    "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", "td",
	    component, version);
}

/* Marks the database as integra's and brings the core schema to
 * SCHEMA_VERSION, one transaction a migration. */
int
db_migrate(struct ctx *ctx)
{
	char *sql, *err = NULL;
	int v, rc;

	if ((rc = db_mark(ctx)) != 0)
		return rc;
	if (sqlite3_exec(ctx->db, "CREATE TABLE IF NOT EXISTS migration ("
	    "component TEXT NOT NULL, version INTEGER NOT NULL, applied TEXT NOT NULL, "
	    "PRIMARY KEY (component, version))", NULL, NULL, NULL) != SQLITE_OK)
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
		sql = schema_migration_sql(v);
		if (sqlite3_exec(ctx->db, sql, NULL, NULL, &err) != SQLITE_OK) {
			rc = error_set(ctx, ERR_FAIL, "core migration %d (%s) failed: %s", v,
			    schema_migration_name(v), err);
			sqlite3_free(err);
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

/* Refuses an uninitialised, older or newer database. */
int
db_check_schema(struct ctx *ctx)
{
	int v, rc;

	if ((rc = db_schema_version(ctx, "core", &v)) != 0)
		return rc;
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
