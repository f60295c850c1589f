/*
 * The PostgreSQL side of the storage interface (store_pg.h), on libpq.
 * A statement is translated (store_pg_sql.c) and prepared on the server
 * under a name of its own ("s17"); one without parameters is only sent
 * when run.  Its values are bound as text and its whole result is fetched
 * at its first step, so that other statements may run on the connection
 * while it is being stepped.  Prepared statements given up are
 * deallocated in batches, not one round trip each.  With a progress
 * handler set, a statement is sent and its result awaited in steps, so
 * that the handler can have the server cancel it.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"
#include "store_pg_sql.h"
#include "integra.h"

/* Type OIDs of pg_type.h (catalog/pg_type_d.h is not in libpq-dev). */
enum {
	OID_BOOL = 16,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_OID = 26,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700
};

#define DEALLOC_BATCH 32

struct pgconn {
	PGconn *conn;
	char errmsg[512];
	char sqlstate[6];
	int64_t changes;
	char *insert_table;	/* the table of the last INSERT run */
	char *seq_table;	/* the table whose id sequence is seq */
	char *seq;		/* that sequence, NULL when it has none */
	unsigned serial;	/* the number of the last statement's name */
	struct buf dealloc;	/* DEALLOCATE statements not yet sent */
	int ndealloc;
	int (*progress)(void *);	/* non-zero: stop the statement */
	void *progress_ud;
	int progress_rows;	/* rows of a result between two calls */
	bool copying;		/* a COPY ... FROM STDIN is open */
};

struct pgst {
	struct pgconn *c;
	struct pgsql t;
	char name[16];		/* its name on the server; "" until prepared */
	char **vals;		/* [0..nparams): bound text, NULL for NULL */
	const char **sv;	/* [0..nserver): the server's, from vals */
	unsigned *kinds;	/* [0..nparams): the type OID of each value bound */
	PGresult *res;		/* the result, from the first step */
	PGresult *desc;		/* the columns, when asked before a step */
	int row;
};

/* Keeps the error of a result (or of the connection when res is NULL). */
static void
set_error(struct pgconn *c, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (msg == NULL)
		msg = PQerrorMessage(c->conn);
	snprintf(c->errmsg, sizeof(c->errmsg), "%.*s", (int)strcspn(msg, "\n"), msg);
	snprintf(c->sqlstate, sizeof(c->sqlstate), "%s", state ? state : "");
}

/* Whether res is a success; if not, keeps its error and clears it. */
static bool
result_ok(struct pgconn *c, PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);

	if (res && (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ||
	    s == PGRES_EMPTY_QUERY))
		return true;
	set_error(c, res);
	PQclear(res);
	return false;
}

/* Counts the rows the command of res changed, as SQLite's changes():
 * only INSERT, UPDATE, DELETE, MERGE and COPY change it. */
static void
note_changes(struct pgconn *c, const PGresult *res)
{
	static const char *const verbs[] = { "INSERT ", "UPDATE ", "DELETE ",
	    "MERGE ", "COPY " };
	const char *status = PQcmdStatus((PGresult *)res);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(verbs); i++)
		if (strncmp(status, verbs[i], strlen(verbs[i])) == 0)
			c->changes = strtoll(PQcmdTuples((PGresult *)res), NULL, 10);
}

/* The server's notices (a table that "does not exist, skipping") are not
 * a person's business: dropped. */
static void
notice_drop(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* Connects with libpq (conninfo a URI or a service, expanded as dbname);
 * on failure why is "HOST port PORT: reason", one line. */
int
pg_connect(const char *conninfo, int timeout_s, struct pgconn **out,
    char *why, size_t whylen)
{
	const char *keys[] = { "dbname", "connect_timeout", "client_encoding", NULL };
	char timeout[16];
	const char *vals[] = { conninfo, timeout, "UTF8", NULL };
	PGconn *conn;
	const char *host, *msg;

	snprintf(timeout, sizeof(timeout), "%d", timeout_s);
	conn = PQconnectdbParams(keys, vals, 1);
	*out = NULL;
	if (conn && PQstatus(conn) == CONNECTION_OK) {
		*out = xcalloc(1, sizeof(**out));
		(*out)->conn = conn;
		PQsetNoticeProcessor(conn, notice_drop, NULL);
		return 0;
	}
	host = conn ? PQhost(conn) : NULL;
	msg = conn ? PQerrorMessage(conn) : "out of memory";
	if (strncmp(msg, "connection to server ", 21) == 0 && strstr(msg, "failed: "))
		msg = strstr(msg, "failed: ") + 8;
	snprintf(why, whylen, "%s%s%s: %.*s",
	    host && *host ? host : "localhost", conn && *PQport(conn) ? " port " : "",
	    conn ? PQport(conn) : "", (int)strcspn(msg, "\n"), msg);
	PQfinish(conn);
	return -1;
}

/* Closes the connection and frees what it holds. */
void
pg_disconnect(struct pgconn *c)
{
	if (c == NULL)
		return;
	PQfinish(c->conn);
	buf_release(&c->dealloc);
	free(c->insert_table);
	free(c->seq_table);
	free(c->seq);
	free(c);
}

/* Ends a COPY left open (pg_copy_active) before another command runs on
 * the connection, which takes none while one is open; a failure of the
 * COPY is then the command's. */
static int
copy_pause(struct pgconn *c)
{
	int64_t rows;

	return c->copying ? pg_copy_end(c, &rows) : DB_OK;
}

/* Sends the DEALLOCATE statements kept, unless a failed transaction
 * refuses every command until its end, or a COPY is open (they wait for
 * the next time). */
static void
dealloc_flush(struct pgconn *c)
{
	if (c->ndealloc == 0 || c->copying ||
	    PQtransactionStatus(c->conn) == PQTRANS_INERROR)
		return;
	PQclear(PQexec(c->conn, c->dealloc.s));
	buf_reset(&c->dealloc);
	c->ndealloc = 0;
}

/* Prepares st on the server under a new name. */
static int
st_prepare(struct pgst *st)
{
	struct pgconn *c = st->c;
	PGresult *res;
	char name[16];
	unsigned *ty = xcalloc((size_t)st->t.nserver + 1, sizeof(*ty));
	int i;

	if (copy_pause(c) != DB_OK) {
		free(ty);
		return DB_ERROR;
	}
	for (i = 0; i < st->t.nserver; i++) {
		ty[i] = st->t.types[i];
		if (ty[i] == PGSQL_BIND_OID)
			ty[i] = st->kinds[st->t.param_of[i] - 1];
	}
	dealloc_flush(c);
	snprintf(name, sizeof(name), "s%u", ++c->serial);
	res = PQprepare(c->conn, name, st->t.sql, st->t.nserver, ty);
	free(ty);
	if (!result_ok(c, res))
		return DB_ERROR;
	PQclear(res);
	memcpy(st->name, name, sizeof(name));
	return DB_OK;
}

/* Whether a parameter of st takes the type of its value: st is then
 * prepared at its first run, when the values are bound. */
static bool
bind_typed(const struct pgst *st)
{
	int i;

	for (i = 0; i < st->t.nserver; i++)
		if (st->t.types[i] == PGSQL_BIND_OID)
			return true;
	return false;
}

/* Translates the first statement of sql and prepares it on the server
 * when it has parameters; SQL of only comments gives DB_OK, *out NULL. */
int
pg_prepare(struct pgconn *c, const char *sql, struct pgst **out,
    const char **tail)
{
	const char *end = pgsql_stmt_end(sql);
	struct pgst *st;
	int i;

	*out = NULL;
	if (tail)
		*tail = end;
	if (pgsql_empty(sql, (size_t)(end - sql)))
		return DB_OK;
	st = xcalloc(1, sizeof(*st));
	st->c = c;
	pgsql_translate(sql, (size_t)(end - sql), &st->t);
	st->vals = xcalloc((size_t)st->t.nparams + 1, sizeof(char *));
	st->sv = xcalloc((size_t)st->t.nserver + 1, sizeof(char *));
	st->kinds = xcalloc((size_t)st->t.nparams + 1, sizeof(unsigned));
	for (i = 0; i < st->t.nparams; i++)
		st->kinds[i] = PGSQL_TEXT_OID;
	st->row = -1;
	if (st->t.nparams > 0 && !bind_typed(st) && st_prepare(st) != DB_OK) {
		pg_finalize(st);
		return DB_ERROR;
	}
	*out = st;
	return DB_OK;
}

/* Runs sql as is, every statement of it, no parameters: only a lone
 * BEGIN IMMEDIATE and its kin are rewritten, and PRAGMA statements
 * (SQLite's settings) are left out. */
int
pg_exec(struct pgconn *c, const char *sql)
{
	char *own = pgsql_strip_pragmas(sql);
	struct pgsql t;
	PGresult *res;

	if (copy_pause(c) != DB_OK)
		return DB_ERROR;
	dealloc_flush(c);
	if (own)
		sql = own;
	if (pgsql_stmt_end(sql)[0] == '\0') {
		pgsql_translate(sql, strlen(sql), &t);
		res = PQexec(c->conn, t.sql);
		pgsql_free(&t);
	} else {
		res = PQexec(c->conn, sql);
	}
	free(own);
	if (!result_ok(c, res))
		return DB_ERROR;
	note_changes(c, res);
	PQclear(res);
	return DB_OK;
}

/* Rows changed by the last INSERT, UPDATE, DELETE, MERGE or COPY. */
int64_t
pg_changes(struct pgconn *c)
{
	return c->changes;
}

/* Runs the one-value query sql with the text value v as $1 (none when
 * NULL): the value, or NULL (SQL NULL, or an error kept). */
static char *
query_value(struct pgconn *c, const char *sql, const char *v)
{
	PGresult *res;
	char *out = NULL;

	if (copy_pause(c) != DB_OK)
		return NULL;
	res = PQexecParams(c->conn, sql, v != NULL, NULL, &v, NULL, NULL, 0);
	if (!result_ok(c, res))
		return NULL;
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		out = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return out;
}

/*
 * The id the last INSERT gave its row: currval() of the sequence of the
 * "id" column of the table that INSERT named (looked up once a table,
 * without an error for a table with no such column), which an audit
 * trigger inserting into another table does not move;
 * lastval() when the table is not known or has no such sequence.
 */
int64_t
pg_last_id(struct pgconn *c)
{
	char *v;
	int64_t id;

	if (c->insert_table && (c->seq_table == NULL ||
	    strcmp(c->seq_table, c->insert_table) != 0)) {
		free(c->seq);
		c->seq = query_value(c, "SELECT pg_get_serial_sequence(attrelid::"
		    "regclass::text, attname) FROM pg_attribute WHERE attrelid = "
		    "to_regclass($1) AND attname = 'id' AND NOT attisdropped",
		    c->insert_table);
		xstrset(&c->seq_table, c->insert_table);
	}
	if (c->insert_table && c->seq)
		v = query_value(c, "SELECT currval($1::regclass)", c->seq);
	else
		v = query_value(c, "SELECT lastval()", NULL);
	id = v ? strtoll(v, NULL, 10) : 0;
	free(v);
	return id;
}

/* The server's primary message of the last failure, one line. */
const char *
pg_errmsg(struct pgconn *c)
{
	return c->errmsg[0] ? c->errmsg : "not an error";
}

/* What the last failure was, by its SQLSTATE. */
enum db_errclass
pg_errclass(struct pgconn *c)
{
	static const struct {
		const char *state;
		size_t n;
		enum db_errclass class;
	} map[] = {
		{ .state = "23505", .n = 5, .class = DB_EUNIQUE },
		{ .state = "23", .n = 2, .class = DB_ECONSTRAINT },
		{ .state = "40P01", .n = 5, .class = DB_EBUSY },
		{ .state = "55P03", .n = 5, .class = DB_EBUSY },
		{ .state = "40001", .n = 5, .class = DB_EBUSY },
		{ .state = "42501", .n = 5, .class = DB_EDENIED },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (strncmp(c->sqlstate, map[i].state, map[i].n) == 0)
			return map[i].class;
	return DB_EOTHER;
}

void
pg_progress_handler(struct pgconn *c, int n, int (*fn)(void *), void *ud)
{
	c->progress = fn;
	c->progress_ud = ud;
	c->progress_rows = n > 0 ? n : 1;
}

/* Asks the server to cancel what the connection runs (best effort: the
 * result then says whether it was). */
static void
cancel(struct pgconn *c)
{
	PGcancel *cn = PQgetCancel(c->conn);
	char why[256];

	if (cn) {
		PQcancel(cn, why, sizeof(why));
		PQfreeCancel(cn);
	}
}

/* The result of the command just sent, as PQexec gives it (the first
 * error, else the last result), asking the progress handler every 100 ms
 * while the server works and cancelling the command when it says so. */
static PGresult *
await_result(struct pgconn *c)
{
	struct pollfd pfd = { .fd = PQsocket(c->conn), .events = POLLIN };
	PGresult *res, *keep = NULL;
	bool asked = false;

	for (;;) {
		while (PQisBusy(c->conn)) {
			if (!asked && c->progress(c->progress_ud)) {
				cancel(c);
				asked = true;
			}
			if ((poll(&pfd, 1, 100) < 0 && errno != EINTR) ||
			    !PQconsumeInput(c->conn))
				break;
		}
		if ((res = PQgetResult(c->conn)) == NULL)
			return keep;
		if (keep && PQresultStatus(keep) == PGRES_FATAL_ERROR) {
			PQclear(res);
		} else {
			PQclear(keep);
			keep = res;
		}
	}
}

/* Sends st's SQL (prepared or not) and returns its result. */
static PGresult *
st_send(struct pgst *st)
{
	struct pgconn *c = st->c;
	int sent;

	if (c->progress == NULL)
		return st->name[0] ? PQexecPrepared(c->conn, st->name,
		    st->t.nserver, st->sv, NULL, NULL, 0) : PQexec(c->conn, st->t.sql);
	sent = st->name[0] ? PQsendQueryPrepared(c->conn, st->name,
	    st->t.nserver, st->sv, NULL, NULL, 0) : PQsendQuery(c->conn, st->t.sql);
	return sent ? await_result(c) : NULL;
}

/* Runs st with its values bound; the whole result is kept. */
static int
st_run(struct pgst *st)
{
	struct pgconn *c = st->c;
	PGresult *res;
	int i;

	if (copy_pause(c) != DB_OK)
		return DB_ERROR;
	dealloc_flush(c);
	for (i = 0; i < st->t.nserver; i++)
		st->sv[i] = st->vals[st->t.param_of[i] - 1];
	if (st->name[0] == '\0' && st->t.nserver > 0 && st_prepare(st) != DB_OK)
		return DB_ERROR;
	res = st_send(st);
	if (!result_ok(c, res))
		return DB_ERROR;
	note_changes(c, res);
	if (st->t.insert_table)
		xstrset(&c->insert_table, st->t.insert_table);
	st->res = res;
	st->row = -1;
	return DB_OK;
}

/* Runs st at its first step (the whole result fetched), then walks its
 * rows: DB_ROW each, DB_DONE at the end (DB_ERROR "interrupted" when the
 * progress handler, asked every n rows, says stop). */
int
pg_step(struct pgst *st)
{
	if (st->res == NULL && st_run(st) != DB_OK)
		return DB_ERROR;
	if (st->row + 1 < PQntuples(st->res)) {
		st->row++;
		if (st->c->progress && st->row % st->c->progress_rows == 0 &&
		    st->c->progress(st->c->progress_ud)) {
			snprintf(st->c->errmsg, sizeof(st->c->errmsg), "interrupted");
			snprintf(st->c->sqlstate, sizeof(st->c->sqlstate), "57014");
			return DB_ERROR;
		}
		return DB_ROW;
	}
	st->row = PQntuples(st->res);
	return DB_DONE;
}

/* Drops st's result: the next step runs it again. */
int
pg_reset(struct pgst *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	return DB_OK;
}

/* Unbinds every parameter (all NULL). */
void
pg_clear(struct pgst *st)
{
	int i;

	for (i = 0; i < st->t.nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

/* Frees st; its prepared statement is deallocated with the next batch. */
void
pg_finalize(struct pgst *st)
{
	struct pgconn *c;

	if (st == NULL)
		return;
	c = st->c;
	if (st->name[0]) {
		buf_printf(&c->dealloc, "DEALLOCATE %s;", st->name);
		if (++c->ndealloc >= DEALLOC_BATCH)
			dealloc_flush(c);
	}
	pg_clear(st);
	PQclear(st->res);
	PQclear(st->desc);
	free(st->vals);
	free(st->sv);
	free(st->kinds);
	pgsql_free(&st->t);
	free(st);
}

/* Whether st only reads, from its SQL (store_pg_sql.c). */
bool
pg_readonly(struct pgst *st)
{
	return st->t.readonly;
}

/* The largest parameter number of st. */
int
pg_nparams(struct pgst *st)
{
	return st->t.nparams;
}

/* Parameter i's name: ":name", "?NNN", or NULL for "?". */
const char *
pg_param_name(struct pgst *st, int i)
{
	return i >= 1 && i <= st->t.nparams ? st->t.names[i] : NULL;
}

/* Keeps text s (NULL for NULL) as the value of parameter i, of the type
 * kind (for a parameter typed by its value). */
static int
bind(struct pgst *st, int i, char *s, unsigned kind)
{
	if (i < 1 || i > st->t.nparams) {
		free(s);
		snprintf(st->c->errmsg, sizeof(st->c->errmsg),
		    "parameter %d out of range (1 to %d)", i, st->t.nparams);
		return DB_ERROR;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = s;
	st->kinds[i - 1] = kind;
	return DB_OK;
}

/* The binds: each value kept as text until the next run. */
int
pg_bind_int(struct pgst *st, int i, int64_t v)
{
	return bind(st, i, xasprintf("%lld", (long long)v), OID_INT8);
}

int
pg_bind_double(struct pgst *st, int i, double v)
{
	return bind(st, i, xasprintf("%.17g", v), OID_FLOAT8);
}

int
pg_bind_text(struct pgst *st, int i, const char *s, int n)
{
	return bind(st, i, n < 0 ? xstrdup(s) : xstrndup(s, (size_t)n),
	    PGSQL_TEXT_OID);
}

int
pg_bind_null(struct pgst *st, int i)
{
	return bind(st, i, NULL, PGSQL_TEXT_OID);
}

/* The result that describes the columns: the rows' when run, else the
 * prepared statement's description (prepared now if it was not). */
static PGresult *
columns(struct pgst *st)
{
	if (st->res)
		return st->res;
	if (st->desc == NULL && copy_pause(st->c) == DB_OK &&
	    (st->name[0] || st_prepare(st) == DB_OK)) {
		st->desc = PQdescribePrepared(st->c->conn, st->name);
		if (!result_ok(st->c, st->desc))
			st->desc = NULL;
	}
	return st->desc;
}

/* The number of columns of st's result. */
int
pg_ncols(struct pgst *st)
{
	PGresult *r = columns(st);

	return r ? PQnfields(r) : 0;
}

/* Column i's name. */
const char *
pg_name(struct pgst *st, int i)
{
	PGresult *r = columns(st);

	return r && i >= 0 && i < PQnfields(r) ? PQfname(r, i) : NULL;
}

/* Whether the current row has a value in column i. */
static bool
has_value(struct pgst *st, int i)
{
	return st->res && st->row >= 0 && st->row < PQntuples(st->res) &&
	    i >= 0 && i < PQnfields(st->res) && !PQgetisnull(st->res, st->row, i);
}

/* The type of column i's value in the current row: by the column's type;
 * a numeric with no fraction that fits 64 bits (sum() of bigints) is an
 * integer, as SQLite's would be. */
int
pg_type(struct pgst *st, int i)
{
	const char *v;

	if (!has_value(st, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID: case OID_BOOL:
		return DB_INTEGER;
	case OID_FLOAT4: case OID_FLOAT8:
		return DB_FLOAT;
	case OID_NUMERIC:
		v = PQgetvalue(st->res, st->row, i);
		return strpbrk(v, ".eEN") || strlen(v) > 18 ? DB_FLOAT : DB_INTEGER;
	default:
		return DB_TEXT;
	}
}

/* Column i as an integer (a bool 1 or 0, a fraction truncated). */
int64_t
pg_int(struct pgst *st, int i)
{
	const char *v;

	if (!has_value(st, i))
		return 0;
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == OID_BOOL)
		return v[0] == 't';
	if (strpbrk(v, ".eE"))
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

/* Column i as a double. */
double
pg_double(struct pgst *st, int i)
{
	if (!has_value(st, i))
		return 0;
	if (PQftype(st->res, i) == OID_BOOL)
		return PQgetvalue(st->res, st->row, i)[0] == 't';
	return strtod(PQgetvalue(st->res, st->row, i), NULL);
}

/* Column i's text; a bool reads "1" or "0", as the integer it is. */
const char *
pg_text(struct pgst *st, int i)
{
	const char *v;

	if (!has_value(st, i))
		return NULL;
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == OID_BOOL)
		return v[0] == 't' ? "1" : "0";
	return v;
}

/* The length in bytes of column i's text. */
int
pg_bytes(struct pgst *st, int i)
{
	if (!has_value(st, i))
		return 0;
	if (PQftype(st->res, i) == OID_BOOL)
		return 1;
	return PQgetlength(st->res, st->row, i);
}

/* Starts COPY ... FROM STDIN. */
int
pg_copy_begin(struct pgconn *c, const char *copy_sql)
{
	PGresult *res;

	if (copy_pause(c) != DB_OK)
		return DB_ERROR;
	dealloc_flush(c);
	res = PQexec(c->conn, copy_sql);
	if (PQresultStatus(res) == PGRES_COPY_IN) {
		PQclear(res);
		c->copying = true;
		return DB_OK;
	}
	if (result_ok(c, res)) {
		PQclear(res);
		snprintf(c->errmsg, sizeof(c->errmsg), "not a COPY ... FROM STDIN: %s",
		    copy_sql);
	}
	return DB_ERROR;
}

/* Whether a COPY ... FROM STDIN is open: a COPY begun is ended by
 * pg_copy_end, or by the next other command run on the connection. */
bool
pg_copy_active(struct pgconn *c)
{
	return c->copying;
}

/* Sends rows of COPY's text format, any number of bytes at a time. */
int
pg_copy_put(struct pgconn *c, const char *data, size_t n)
{
	if (n > INT32_MAX || PQputCopyData(c->conn, data, (int)n) != 1) {
		set_error(c, NULL);
		return DB_ERROR;
	}
	return DB_OK;
}

/* Ends the COPY; *rows the rows it stored. */
int
pg_copy_end(struct pgconn *c, int64_t *rows)
{
	PGresult *res, *last = NULL;
	int rc = DB_OK;

	*rows = 0;
	c->copying = false;
	if (PQputCopyEnd(c->conn, NULL) != 1) {
		set_error(c, NULL);
		return DB_ERROR;
	}
	while ((res = PQgetResult(c->conn)) != NULL) {
		PQclear(last);
		last = res;
	}
	if (!result_ok(c, last))
		return DB_ERROR;
	note_changes(c, last);
	*rows = c->changes;
	PQclear(last);
	return rc;
}
