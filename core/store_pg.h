/*
 * The PostgreSQL side of the storage interface (store_pg.c, libpq), called
 * by store.c when the connection is a server's.  The calls and their
 * results are those of store.h: DB_ROW / DB_DONE / DB_OK / DB_ERROR, types
 * DB_INTEGER / DB_FLOAT / DB_TEXT / DB_NULL, parameters numbered from 1 and
 * columns from 0.
 *
 * SQL is written in the portable dialect of docs/plugin-abi.md ("?"
 * parameters, the host's functions); pg_prepare() turns it into what the
 * server takes (store_pg_sql.c) before preparing it there.
 */
#ifndef INTEGRA_STORE_PG_H
#define INTEGRA_STORE_PG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct pgconn;
struct pgst;

/* Connects to conninfo (a URI or "service=NAME") within timeout_s seconds.
 * On failure returns -1 with why: one line naming the host and libpq's
 * reason. */
int pg_connect(const char *conninfo, int timeout_s, struct pgconn **out,
    char *why, size_t whylen);
void pg_disconnect(struct pgconn *c);

/* One statement of sql; *tail is where the rest of sql starts. */
int pg_prepare(struct pgconn *c, const char *sql, struct pgst **out,
    const char **tail);
int pg_exec(struct pgconn *c, const char *sql);
int64_t pg_changes(struct pgconn *c);
int64_t pg_last_id(struct pgconn *c);
const char *pg_errmsg(struct pgconn *c);
void pg_progress_handler(struct pgconn *c, int n, int (*fn)(void *), void *ud);
enum db_errclass pg_errclass(struct pgconn *c);

int pg_step(struct pgst *st);
int pg_reset(struct pgst *st);
void pg_clear(struct pgst *st);
void pg_finalize(struct pgst *st);
bool pg_readonly(struct pgst *st);
int pg_nparams(struct pgst *st);
const char *pg_param_name(struct pgst *st, int i);
int pg_bind_int(struct pgst *st, int i, int64_t v);
int pg_bind_double(struct pgst *st, int i, double v);
int pg_bind_text(struct pgst *st, int i, const char *s, int n);
int pg_bind_null(struct pgst *st, int i);
int pg_ncols(struct pgst *st);
const char *pg_name(struct pgst *st, int i);
int pg_type(struct pgst *st, int i);
int64_t pg_int(struct pgst *st, int i);
double pg_double(struct pgst *st, int i);
const char *pg_text(struct pgst *st, int i);
int pg_bytes(struct pgst *st, int i);

/* COPY ... FROM STDIN: rows in COPY's text format, one line each. */
int pg_copy_begin(struct pgconn *c, const char *copy_sql);
int pg_copy_put(struct pgconn *c, const char *data, size_t n);
int pg_copy_end(struct pgconn *c, int64_t *rows);
/* Whether a COPY is open: any other command ends it first (pg_copy_end). */
bool pg_copy_active(struct pgconn *c);

#endif
