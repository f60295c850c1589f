/*
 * The SQLite backend's opening of a file: made with mode 0600 in a
 * directory created for it, WAL, foreign keys, busy timeout, read-only
 * where this user cannot write; and the SQL functions the schema and
 * queries rely on (Ukrainian collation, case folding, the audit context).
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"

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

/* Closes the connection being opened (no statement of it exists yet). */
static void
close_conn(struct ctx *ctx)
{
	dbc_close(ctx->db);
	ctx->db = NULL;
}

/* Runs sql (the first read of the file when NULL); its error, if any,
 * stays in ctx->errmsg for open_failed(). */
static int
open_pragmas(struct ctx *ctx, struct sqlite3 *lite, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(lite, sql ? sql : "PRAGMA schema_version", NULL,
	    NULL, &err);

	snprintf(ctx->errmsg, sizeof(ctx->errmsg), "%s", err ? err : "");
	sqlite3_free(err);
	return rc;
}

/* Reports why the connection just opened cannot serve (rc SQLite's code,
 * its message in ctx->errmsg) and closes it; returns the error. */
static int
open_failed(struct ctx *ctx, const char *path, int rc)
{
	char buf[sizeof(ctx->errmsg)];
	const char *err = buf;

	memcpy(buf, ctx->errmsg, sizeof(buf));
	if (buf[0] == '\0')
		err = NULL;
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
	close_conn(ctx);
	return ctx->err;
}

/*
 * Opens the SQLite file path; with create, makes it if missing.  A file
 * of another program is refused before anything is written to it
 * (db_ident.c); read-only (see open_target) it is only read.
 */
int
db_open_sqlite(struct ctx *ctx, const char *path, bool create)
{
	struct sqlite3 *lite = NULL;
	char *target;
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
	rc = sqlite3_open_v2(target, &lite, flags, NULL);
	free(target);
	ctx->db = dbc_from_sqlite(lite);
	if (rc != SQLITE_OK) {
		rc = error_set(ctx, ERR_FAIL, "cannot open database '%s': %s", path,
		    cantopen_reason(path, lite ? sqlite3_errmsg(lite) :
		    sqlite3_errstr(rc)));
		close_conn(ctx);
		return rc;
	}
	sqlite3_extended_result_codes(lite, 1);
	sqlite3_busy_timeout(lite, cfg_busy_timeout(ctx->cfg));
	if (db_register_functions(ctx, lite) != 0) {
		rc = error_set(ctx, ERR_FAIL, "cannot register SQL functions: %s",
		    sqlite3_errmsg(lite));
		close_conn(ctx);
		return rc;
	}
	trace_open(lite);
	if ((rc = open_pragmas(ctx, lite, NULL)) != SQLITE_OK)
		return open_failed(ctx, path, rc);
	if ((rc = db_identify(ctx, path)) != 0) {
		close_conn(ctx);
		return rc;
	}
	rc = open_pragmas(ctx, lite, (flags & SQLITE_OPEN_READONLY) ?
	    "PRAGMA foreign_keys = ON" : "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
	return rc == SQLITE_OK ? 0 : open_failed(ctx, path, rc);
}
