/*
 * The storage interface of store.h: each call goes to SQLite's C
 * interface or to store_pg.c, by the handle the connection or statement
 * holds.  A branch a call costs the embedded path nothing measurable
 * (make bench).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_pg.h"
#include "integra.h"

/* Whether a database setting names a PostgreSQL server: a libpq URI or a
 * "service=" connection string; anything else is a file path. */
bool
store_is_pg_uri(const char *s)
{
	return s != NULL && (strncmp(s, "postgresql://", 13) == 0 ||
	    strncmp(s, "postgres://", 11) == 0 || strncmp(s, "service=", 8) == 0);
}

struct dbconn *
dbc_from_sqlite(struct sqlite3 *lite)
{
	struct dbconn *c = xcalloc(1, sizeof(*c));

	c->kind = DB_SQLITE;
	c->lite = lite;
	return c;
}

/* Prepares the first statement of sql; *tail (when given) is where the
 * rest starts.  SQL that holds only white space and comments gives
 * DB_OK and *out NULL, as SQLite does. */
int
dbc_prepare(struct dbconn *c, const char *sql, struct dbst **out,
    const char **tail)
{
	struct sqlite3_stmt *ls = NULL;
	struct pgst *ps = NULL;
	const char *t = NULL;
	int rc;

	*out = NULL;
	if (c->lite)
		rc = sqlite3_prepare_v2(c->lite, sql, -1, &ls, &t);
	else
		rc = pg_prepare(c->pg, sql, &ps, &t);
	if (tail)
		*tail = t;
	if (rc != DB_OK || (ls == NULL && ps == NULL))
		return rc;
	*out = xcalloc(1, sizeof(**out));
	(*out)->c = c;
	(*out)->lite = ls;
	(*out)->pg = ps;
	return DB_OK;
}

/* Runs every statement of sql, none with parameters. */
int
dbc_exec(struct dbconn *c, const char *sql)
{
	return c->lite ? sqlite3_exec(c->lite, sql, NULL, NULL, NULL) :
	    pg_exec(c->pg, sql);
}

/* Rows changed by the last INSERT, UPDATE or DELETE. */
int64_t
dbc_changes(struct dbconn *c)
{
	return c->lite ? sqlite3_changes(c->lite) : pg_changes(c->pg);
}

/* The id the last INSERT gave its row. */
int64_t
dbc_last_id(struct dbconn *c)
{
	return c->lite ? sqlite3_last_insert_rowid(c->lite) : pg_last_id(c->pg);
}

const char *
dbc_errmsg(struct dbconn *c)
{
	return c->lite ? sqlite3_errmsg(c->lite) : pg_errmsg(c->pg);
}

/* What the last failure was: busy, a unique key, another constraint; a
 * refusal by the server's permissions is PostgreSQL's alone (SQLite's
 * authorizer refusing a plugin's statement is reported by its caller). */
enum db_errclass
dbc_errclass(struct dbconn *c)
{
	int x;

	if (c->pg)
		return pg_errclass(c->pg);
	x = sqlite3_extended_errcode(c->lite);
	if ((x & 0xff) == SQLITE_BUSY || (x & 0xff) == SQLITE_LOCKED)
		return DB_EBUSY;
	if (x == SQLITE_CONSTRAINT_UNIQUE || x == SQLITE_CONSTRAINT_PRIMARYKEY)
		return DB_EUNIQUE;
	if ((x & 0xff) == SQLITE_CONSTRAINT)
		return DB_ECONSTRAINT;
	return DB_EOTHER;
}

/* Closes the connection and frees it; statements must be finalized. */
void
dbc_close(struct dbconn *c)
{
	if (c == NULL)
		return;
	if (c->lite)
		sqlite3_close_v2(c->lite);
	if (c->pg)
		pg_disconnect(c->pg);
	free(c);
}

struct sqlite3 *
dbc_sqlite(struct dbconn *c)
{
	return c->lite;
}

bool
dbc_is_pg(const struct dbconn *c)
{
	return c->kind == DB_POSTGRES;
}

bool
dbc_readonly(struct dbconn *c)
{
	return c->lite && sqlite3_db_readonly(c->lite, "main") == 1;
}

void
dbc_progress_handler(struct dbconn *c, int n, int (*fn)(void *), void *ud)
{
	if (c->lite)
		sqlite3_progress_handler(c->lite, n, fn, ud);
	else
		pg_progress_handler(c->pg, n, fn, ud);
}

/* Finalizes st and frees it; NULL is a no-op. */
void
dbst_finalize(struct dbst *st)
{
	if (st == NULL)
		return;
	if (st->lite)
		sqlite3_finalize(st->lite);
	else
		pg_finalize(st->pg);
	free(st);
}

/* Unbinds every parameter (all NULL). */
void
dbst_clear(struct dbst *st)
{
	if (st->lite)
		sqlite3_clear_bindings(st->lite);
	else
		pg_clear(st->pg);
}

/*
 * The other statement calls, each SQLite's namesake or store_pg.c's.
 */
int
dbst_step(struct dbst *st)
{
	return st->lite ? sqlite3_step(st->lite) :
	    pg_step(st->pg);
}

int
dbst_reset(struct dbst *st)
{
	return st->lite ? sqlite3_reset(st->lite) :
	    pg_reset(st->pg);
}

bool
dbst_readonly(struct dbst *st)
{
	return st->lite ? sqlite3_stmt_readonly(st->lite) != 0 :
	    pg_readonly(st->pg);
}

int
dbst_nparams(struct dbst *st)
{
	return st->lite ? sqlite3_bind_parameter_count(st->lite) :
	    pg_nparams(st->pg);
}

const char *
dbst_param_name(struct dbst *st, int i)
{
	return st->lite ? sqlite3_bind_parameter_name(st->lite, i) :
	    pg_param_name(st->pg, i);
}

int
dbst_bind_int(struct dbst *st, int i, int64_t v)
{
	return st->lite ? sqlite3_bind_int64(st->lite, i, v) :
	    pg_bind_int(st->pg, i, v);
}

int
dbst_bind_double(struct dbst *st, int i, double v)
{
	return st->lite ? sqlite3_bind_double(st->lite, i, v) :
	    pg_bind_double(st->pg, i, v);
}

int
dbst_bind_text(struct dbst *st, int i, const char *s, int n)
{
	return st->lite ? sqlite3_bind_text(st->lite, i, s, n, SQLITE_TRANSIENT) :
	    pg_bind_text(st->pg, i, s, n);
}

int
dbst_bind_static(struct dbst *st, int i, const char *s, int n)
{
	return st->lite ? sqlite3_bind_text(st->lite, i, s, n, SQLITE_STATIC) :
	    pg_bind_text(st->pg, i, s, n);
}

int
dbst_bind_null(struct dbst *st, int i)
{
	return st->lite ? sqlite3_bind_null(st->lite, i) :
	    pg_bind_null(st->pg, i);
}

int
dbst_ncols(struct dbst *st)
{
	return st->lite ? sqlite3_column_count(st->lite) :
	    pg_ncols(st->pg);
}

const char *
dbst_name(struct dbst *st, int i)
{
	return st->lite ? sqlite3_column_name(st->lite, i) :
	    pg_name(st->pg, i);
}

int
dbst_type(struct dbst *st, int i)
{
	return st->lite ? sqlite3_column_type(st->lite, i) :
	    pg_type(st->pg, i);
}

int64_t
dbst_int(struct dbst *st, int i)
{
	return st->lite ? sqlite3_column_int64(st->lite, i) :
	    pg_int(st->pg, i);
}

double
dbst_double(struct dbst *st, int i)
{
	return st->lite ? sqlite3_column_double(st->lite, i) :
	    pg_double(st->pg, i);
}

const char *
dbst_text(struct dbst *st, int i)
{
	return st->lite ? (const char *)sqlite3_column_text(st->lite, i) :
	    pg_text(st->pg, i);
}

int
dbst_bytes(struct dbst *st, int i)
{
	return st->lite ? sqlite3_column_bytes(st->lite, i) :
	    pg_bytes(st->pg, i);
}
