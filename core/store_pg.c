/*
 * Placeholder of the PostgreSQL side until store_pg.c lands: every call
 * fails, saying this build has no PostgreSQL support.
 */
#include "store_pg.h"

#include <stdio.h>

int
pg_connect(const char *conninfo, int timeout_s, struct pgconn **out, char *why, size_t whylen)
{
	(void)conninfo;
	(void)timeout_s;
	(void)out;
	(void)why;
	(void)whylen;
	snprintf(why, whylen, "this integra was built without PostgreSQL support");
	return -1;
}

void
pg_disconnect(struct pgconn *c)
{
	(void)c;
}

int
pg_prepare(struct pgconn *c, const char *sql, struct pgst **out, const char **tail)
{
	(void)c;
	(void)sql;
	(void)out;
	(void)tail;
	return DB_ERROR;
}

int
pg_exec(struct pgconn *c, const char *sql)
{
	(void)c;
	(void)sql;
	return DB_ERROR;
}

int64_t
pg_changes(struct pgconn *c)
{
	(void)c;
	return 0;
}

int64_t
pg_last_id(struct pgconn *c)
{
	(void)c;
	return 0;
}

const char *
pg_errmsg(struct pgconn *c)
{
	(void)c;
	return "no PostgreSQL support";
}

enum db_errclass
pg_errclass(struct pgconn *c)
{
	(void)c;
	return DB_EOTHER;
}

int
pg_step(struct pgst *st)
{
	(void)st;
	return DB_ERROR;
}

int
pg_reset(struct pgst *st)
{
	(void)st;
	return DB_ERROR;
}

void
pg_clear(struct pgst *st)
{
	(void)st;
}

void
pg_finalize(struct pgst *st)
{
	(void)st;
}

bool
pg_readonly(struct pgst *st)
{
	(void)st;
	return false;
}

int
pg_nparams(struct pgst *st)
{
	(void)st;
	return DB_ERROR;
}

const char *
pg_param_name(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return "no PostgreSQL support";
}

int
pg_bind_int(struct pgst *st, int i, int64_t v)
{
	(void)st;
	(void)i;
	(void)v;
	return DB_ERROR;
}

int
pg_bind_double(struct pgst *st, int i, double v)
{
	(void)st;
	(void)i;
	(void)v;
	return DB_ERROR;
}

int
pg_bind_text(struct pgst *st, int i, const char *s, int n)
{
	(void)st;
	(void)i;
	(void)s;
	(void)n;
	return DB_ERROR;
}

int
pg_bind_null(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return DB_ERROR;
}

int
pg_ncols(struct pgst *st)
{
	(void)st;
	return DB_ERROR;
}

const char *
pg_name(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return "no PostgreSQL support";
}

int
pg_type(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return DB_ERROR;
}

int64_t
pg_int(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return 0;
}

double
pg_double(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return 0;
}

const char *
pg_text(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return "no PostgreSQL support";
}

int
pg_bytes(struct pgst *st, int i)
{
	(void)st;
	(void)i;
	return DB_ERROR;
}

int
pg_copy_begin(struct pgconn *c, const char *copy_sql)
{
	(void)c;
	(void)copy_sql;
	return DB_ERROR;
}

int
pg_copy_put(struct pgconn *c, const char *data, size_t n)
{
	(void)c;
	(void)data;
	(void)n;
	return DB_ERROR;
}

int
pg_copy_end(struct pgconn *c, int64_t *rows)
{
	(void)c;
	(void)rows;
	return DB_ERROR;
}
