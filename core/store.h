/*
 * The storage interface: one connection and its prepared statements, the
 * same calls whichever database holds the register.  A database setting
 * that is a file path opens SQLite (the embedded default); one that is a
 * "postgresql://" or "postgres://" URI, or "service=NAME", opens
 * PostgreSQL through libpq (store_pg.c).
 *
 * The calls mirror SQLite's C interface, which the core was written
 * against: a statement is prepared, its parameters (numbered from 1) are
 * bound, dbst_step() gives DB_ROW for each row and DB_DONE at the end, the
 * current row's columns (numbered from 0) are read, and the statement is
 * reset for another run or finalized.  Text handed to a bind is copied
 * unless bound with dbst_bind_static(), which SQLite may keep until the
 * next step or reset; text read from a column lives until the next step,
 * reset or finalize.  Parameters are written "?" in the SQL; the
 * PostgreSQL side numbers them.
 *
 * A statement of either backend is a struct dbst; a connection a struct
 * dbconn.  Neither is seen by plugins: they go through struct integra_api.
 */
#ifndef INTEGRA_STORE_H
#define INTEGRA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sqlite3;
struct sqlite3_stmt;
struct pgconn;
struct pgst;

/* Results of step and exec.  The values are SQLite's. */
enum {
	DB_OK = 0,
	DB_ERROR = 1,
	DB_ROW = 100,
	DB_DONE = 101
};

/* The type of a column's value in the current row.  The values are
 * SQLite's; PostgreSQL maps a column's type to one of them. */
enum {
	DB_INTEGER = 1,
	DB_FLOAT = 2,
	DB_TEXT = 3,
	DB_NULL = 5
};

/* What a failure was, as far as the caller acts on it. */
enum db_errclass {
	DB_EOTHER = 0,
	DB_EBUSY,		/* locked by another writer; waited and gave up */
	DB_EUNIQUE,		/* a unique or primary key would repeat */
	DB_ECONSTRAINT,		/* another constraint (check, foreign key, not null) */
	DB_EDENIED		/* refused by the server's permissions or a row policy */
};

enum db_kind {
	DB_SQLITE,
	DB_POSTGRES
};

/* A connection: exactly one of the two handles is set. */
struct dbconn {
	enum db_kind kind;
	struct sqlite3 *lite;
	struct pgconn *pg;
};

/* A prepared statement of the connection c: one handle, as c's. */
struct dbst {
	struct dbconn *c;
	struct sqlite3_stmt *lite;
	struct pgst *pg;
};

/* Whether a database setting names a PostgreSQL server rather than a file. */
bool store_is_pg_uri(const char *setting);

/* A connection of SQLite's handle lite (never NULL: an open that failed
 * still gives a handle to close). */
struct dbconn *dbc_from_sqlite(struct sqlite3 *lite);

/* Connection-wide calls (store.c). */
int dbc_prepare(struct dbconn *c, const char *sql, struct dbst **out,
    const char **tail);
int dbc_exec(struct dbconn *c, const char *sql);
int64_t dbc_changes(struct dbconn *c);
int64_t dbc_last_id(struct dbconn *c);
const char *dbc_errmsg(struct dbconn *c);
enum db_errclass dbc_errclass(struct dbconn *c);
void dbc_close(struct dbconn *c);
/* The SQLite handle, or NULL on PostgreSQL: for what only SQLite has
 * (functions and collations of ours, the authorizer, PRAGMAs). */
struct sqlite3 *dbc_sqlite(struct dbconn *c);
bool dbc_is_pg(const struct dbconn *c);
/* Whether the connection can only read (SQLite opened read-only). */
bool dbc_readonly(struct dbconn *c);
/* Calls fn(ud) now and then while a statement runs (SQLite: every n
 * virtual-machine steps; PostgreSQL: every 100 ms while the server works,
 * every n rows of a result); when it returns non-zero the statement stops
 * with an error (the server is asked to cancel it).  fn NULL: no more. */
void dbc_progress_handler(struct dbconn *c, int n, int (*fn)(void *), void *ud);

/* Statements (store.c). */
int dbst_step(struct dbst *st);
int dbst_reset(struct dbst *st);
void dbst_clear(struct dbst *st);
void dbst_finalize(struct dbst *st);
bool dbst_readonly(struct dbst *st);
int dbst_nparams(struct dbst *st);
const char *dbst_param_name(struct dbst *st, int i);
int dbst_bind_int(struct dbst *st, int i, int64_t v);
int dbst_bind_double(struct dbst *st, int i, double v);
int dbst_bind_text(struct dbst *st, int i, const char *s, int n);
int dbst_bind_static(struct dbst *st, int i, const char *s, int n);
int dbst_bind_null(struct dbst *st, int i);
int dbst_ncols(struct dbst *st);
const char *dbst_name(struct dbst *st, int i);
int dbst_type(struct dbst *st, int i);
int64_t dbst_int(struct dbst *st, int i);
double dbst_double(struct dbst *st, int i);
const char *dbst_text(struct dbst *st, int i);
int dbst_bytes(struct dbst *st, int i);

#endif
