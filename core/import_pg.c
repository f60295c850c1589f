/*
 * How import stores participation on PostgreSQL (import_bulk.c chooses
 * it, as it chooses its own ways on SQLite).  Checked rows go by COPY, in
 * its text format, into the temporary table import_rows; every PG_BATCH
 * rows, and at the end of the file, one INSERT ... SELECT ... ON CONFLICT
 * (the participation key) DO UPDATE ... WHERE the values differ moves
 * them into participation, in the import's transaction: all or nothing.
 * The rows that statement returns are the ones it added (xmax 0: a row
 * version an insert made) and the ones it changed; the others were
 * unchanged.
 *
 * No table is locked: imports of other organisations' files run beside
 * this one, and a key two imports give at once is settled by the unique
 * key (the second waits for the first to commit, then compares with its
 * row).  Rows go in key order, so two imports meet their common keys in
 * the same order.
 *
 * With --last-wins a key may come more than once in a file: its rows move
 * one generation at a time (the first row of every key, then the second,
 * ...), so each is compared with the one before it, as on SQLite.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "store_pg.h"

#define PG_BATCH 50000		/* rows staged before they are moved in */
#define COPY_CHUNK (256 * 1024)	/* bytes of COPY text sent at a time */

/* The columns of import_rows after line, as participation names them. */
#define PG_COLS "programme_id, activity_id, person_id, org_id, role, " \
	"status, start, \"end\", status_date, hours, credits, result, fields"
#define PG_KEY "programme_id, coalesce(activity_id, 0), " \
	"coalesce(person_id, 0), coalesce(org_id, 0)"

struct import_pg {
	struct pgconn *c;
	struct buf copy;	/* COPY text not sent yet */
	struct dbst *move;	/* import_rows into participation */
	int64_t staged;		/* rows in import_rows */
};

/* The value columns and whether the file gives each (import_bulk.c's
 * part_present): only those are set by an update and compared. */
static const struct {
	const char *name;
	int col;		/* the file's column; -1: the area fields */
} value_cols[] = {
	{ .name = "role", .col = A_ROLE },
	{ .name = "status", .col = A_STATUS },
	{ .name = "start", .col = A_START },
	{ .name = "\"end\"", .col = A_END },
	{ .name = "status_date", .col = A_STATUS_DATE },
	{ .name = "hours", .col = A_HOURS },
	{ .name = "credits", .col = A_CREDITS },
	{ .name = "result", .col = A_RESULT },
	{ .name = "fields", .col = -1 },
};

/* Whether the file gives value column i (the area fields: when it has
 * area columns; without, the stored ones stay). */
static bool
given(const struct import *imp, size_t i)
{
	return value_cols[i].col < 0 ? imp->narea > 0 : imp_has(imp, value_cols[i].col);
}

#define KEY_MATCH "p.programme_id = r.programme_id AND coalesce(p.activity_id, " \
	"0) = coalesce(r.activity_id, 0) AND coalesce(p.person_id, 0) = " \
	"coalesce(r.person_id, 0) AND coalesce(p.org_id, 0) = coalesce(r.org_id, 0)"

/* The value columns the file gives, as "SET" ("c = q.c, ...") or as a
 * list ("q.c, ..."), q the table's name in the statement. */
static void
value_list(const struct import *imp, struct buf *b, const char *q, bool set)
{
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(value_cols); i++) {
		if (!given(imp, i))
			continue;
		if (set)
			buf_printf(b, "%s%s = %s.%s", n++ ? ", " : "",
			    value_cols[i].name, q, value_cols[i].name);
		else
			buf_printf(b, "%s%s.%s", n++ ? ", " : "", q, value_cols[i].name);
	}
}

/* Appends "UPDATE ... RETURNING" of the stored rows whose values differ
 * from their staged ones, for a table that held rows. */
static void
update_sql(const struct import *imp, struct buf *b, const char *src)
{
	buf_adds(b, "upd AS (UPDATE participation AS p SET ");
	value_list(imp, b, "r", true);
	buf_printf(b, " FROM %s AS r WHERE " KEY_MATCH " AND (", src);
	value_list(imp, b, "p", false);
	buf_adds(b, ") IS DISTINCT FROM (");
	value_list(imp, b, "r", false);
	buf_adds(b, ") RETURNING 1), ");
}

/*
 * Appends the statement that moves the staged rows in and counts them:
 * its one row is (rows moved, added, changed).  Into a table that held
 * rows, the stored rows of the batch are updated where they differ and
 * only new keys are inserted, so that no id of the sequence is spent on a
 * row that was there; ON CONFLICT settles a key another import adds
 * meanwhile.  With --last-wins only generation ?1 moves (the ?1-th row of
 * each key in the file).
 */
static void
move_sql(const struct import *imp, struct buf *b)
{
	const char *src = imp->last_wins ? "src" : "import_rows";
	size_t i, n = 0;
	bool update;

	for (i = 0; i < ARRAY_SIZE(value_cols); i++)
		n += given(imp, i);
	update = !imp->was_empty && n > 0;

	buf_adds(b, "WITH ");
	if (imp->last_wins)
		buf_adds(b, "src AS MATERIALIZED (SELECT * FROM (SELECT *, "
		    "row_number() OVER (PARTITION BY programme_id, activity_id, "
		    "person_id, org_id ORDER BY line) AS g FROM import_rows) AS q "
		    "WHERE g = ?1), ");
	if (update)
		update_sql(imp, b, src);
	buf_printf(b, "ins AS (INSERT INTO participation (" PG_COLS ") SELECT "
	    PG_COLS " FROM %s AS r ", src);
	if (!imp->was_empty)
		buf_adds(b, "WHERE NOT EXISTS (SELECT 1 FROM participation AS p "
		    "WHERE " KEY_MATCH ") ");
	/* Into an empty table in the order of the file, as on SQLite: the
	 * next re-import's scan of the ids walks along the file. */
	buf_adds(b, imp->was_empty ? "ORDER BY line " : "ORDER BY programme_id, "
	    "activity_id, person_id, org_id ");
	buf_adds(b, "ON CONFLICT (" PG_KEY ") ");
	if (n > 0) {
		buf_adds(b, "DO UPDATE SET ");
		value_list(imp, b, "excluded", true);
		buf_adds(b, " WHERE (");
		value_list(imp, b, "participation", false);
		buf_adds(b, ") IS DISTINCT FROM (");
		value_list(imp, b, "excluded", false);
		buf_adds(b, ") ");
	} else {
		buf_adds(b, "DO NOTHING ");
	}
	buf_printf(b, "RETURNING xmax = 0 AS added) SELECT %s, (SELECT count(*) "
	    "FROM ins WHERE added), (SELECT count(*) FROM ins WHERE NOT added)%s",
	    imp->last_wins ? "(SELECT count(*) FROM src)" : "0",
	    update ? " + (SELECT count(*) FROM upd)" : "");
}

/* Makes the staging table and prepares the move (import_part_prepare). */
int
pgimp_prepare(struct import *imp)
{
	struct import_pg *p;
	struct buf sql = { 0 };
	int rc;

	p = xcalloc(1, sizeof(*p));
	p->c = imp->ctx->db->pg;
	imp->pg = p;
	if ((rc = db_exec(imp->ctx, "DROP TABLE IF EXISTS pg_temp.import_rows", "")) != 0 ||
	    (rc = db_exec(imp->ctx, "CREATE TEMP TABLE import_rows (line bigint, "
	    "programme_id bigint, activity_id bigint, person_id bigint, "
	    "org_id bigint, role text, status text, start text, \"end\" text, "
	    "status_date text, hours double precision, credits double precision, "
	    "result text, fields text)", "")) != 0)
		return rc;
	move_sql(imp, &sql);
	rc = db_prepare(imp->ctx, &p->move, sql.s);
	buf_release(&sql);
	return rc;
}

/* Appends n bytes of s as a value of COPY's text format: a backslash,
 * tab, newline and carriage return escaped. */
static void
copy_text(struct buf *b, const char *s, size_t n)
{
	size_t i, from = 0;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (c != '\\' && c != '\t' && c != '\n' && c != '\r')
			continue;
		buf_add(b, s + from, i - from);
		buf_addc(b, '\\');
		buf_addc(b, c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
		from = i + 1;
	}
	buf_add(b, s + from, n - from);
}

/* Appends text s (NULL: \N), then the tab or newline after it. */
static void
copy_str(struct buf *b, const char *s, char after)
{
	if (s)
		copy_text(b, s, strlen(s));
	else
		buf_add(b, "\\N", 2);
	buf_addc(b, after);
}

/* Appends a whole number (0 and below: \N, for an id) and a tab. */
static void
copy_id(struct buf *b, int64_t v)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	if (v <= 0) {
		buf_add(b, "\\N\t", 3);
		return;
	}
	tmp[--i] = '\t';
	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_add(b, tmp + i, sizeof(tmp) - i);
}

/* Appends a checked number and a tab: its text (import_part.c's, whole
 * numbers and tenths below 100000, which read back as the same double)
 * or every digit the double needs; \N when not given. */
static void
copy_number(struct buf *b, bool set, double x, const char *text)
{
	char tmp[32];
	bool exact = x >= 0 && ((x < 1e15 && (double)(long long)x == x) ||
	    (x < 1e5 && (double)(long long)(x * 10 + 0.5) / 10 == x));

	if (!set) {
		buf_add(b, "\\N\t", 3);
		return;
	}
	if (!exact)
		snprintf(tmp, sizeof(tmp), "%.17g", x);
	copy_str(b, exact ? text : tmp, '\t');
}

/* Sends the COPY text kept, in a COPY begun now unless one is open (any
 * other statement on the connection ends it: store_pg.c). */
static int
copy_send(struct import *imp)
{
	struct import_pg *p = imp->pg;

	if (p->copy.len == 0)
		return 0;
	if (!pg_copy_active(p->c) && pg_copy_begin(p->c, "COPY import_rows (line, "
	    PG_COLS ") FROM STDIN") != DB_OK)
		return db_error(imp->ctx, "cannot store participation");
	if (pg_copy_put(p->c, p->copy.s, p->copy.len) != DB_OK)
		return db_error(imp->ctx, "cannot store participation");
	buf_reset(&p->copy);
	return 0;
}

/* Runs the move once (generation g with --last-wins) and counts its
 * rows; *moved is the rows of the generation. */
static int
move_run(struct import *imp, int64_t g, int64_t *moved)
{
	struct dbst *st = imp->pg->move;
	int64_t added, changed;
	int rc;

	if (imp->last_wins)
		dbst_bind_int(st, 1, g);
	if ((rc = dbst_step(st)) != DB_ROW) {
		dbst_reset(st);
		return db_error(imp->ctx, "cannot store participation");
	}
	*moved = imp->last_wins ? dbst_int(st, 0) : imp->pg->staged;
	added = dbst_int(st, 1);
	changed = dbst_int(st, 2);
	dbst_reset(st);
	imp->added += added;
	imp->updated += changed;
	imp->unchanged += *moved - added - changed;
	return 0;
}

/* Moves the staged rows into participation and empties import_rows. */
static int
stage_move(struct import *imp)
{
	struct import_pg *p = imp->pg;
	int64_t rows, g = 1, moved = 0;
	int rc;

	if ((rc = copy_send(imp)) != 0)
		return rc;
	if (pg_copy_active(p->c) && pg_copy_end(p->c, &rows) != DB_OK)
		return db_error(imp->ctx, "cannot store participation");
	if (p->staged == 0)
		return 0;
	do
		rc = move_run(imp, g++, &moved);
	while (rc == 0 && imp->last_wins && moved > 0);
	p->staged = 0;
	if (rc == 0)
		rc = db_exec(imp->ctx, "TRUNCATE import_rows", "");
	return rc;
}

/* Stages a checked row with its area fields (json); moves the rows in
 * when PG_BATCH are staged. */
int
pgimp_add(struct import *imp, const int64_t k[4], const struct part *v,
    const char *json)
{
	struct import_pg *p = imp->pg;
	struct buf *b = &p->copy;
	int i;

	copy_id(b, imp->cur.line);
	for (i = 0; i < 4; i++)
		copy_id(b, k[i]);
	copy_str(b, v->role ? v->role : "participant", '\t');
	copy_str(b, v->status ? v->status : "nominated", '\t');
	copy_str(b, v->start, '\t');
	copy_str(b, v->end, '\t');
	copy_str(b, v->sdate, '\t');
	copy_number(b, v->has_hours, v->hours, v->hbuf);
	copy_number(b, v->has_credits, v->credits, v->cbuf);
	copy_str(b, imp_val(imp, A_RESULT), '\t');
	copy_str(b, json ? json : "{}", '\n');
	if (++p->staged >= PG_BATCH)
		return stage_move(imp);
	return b->len >= COPY_CHUNK ? copy_send(imp) : 0;
}

/* Moves in the rows still staged at the end of the file. */
int
pgimp_flush(struct import *imp)
{
	return imp->pg ? stage_move(imp) : 0;
}

/* Frees the statements and text of the load; the staging table goes. */
void
pgimp_release(struct import *imp)
{
	struct import_pg *p = imp->pg;
	int64_t rows;

	if (p == NULL)
		return;
	if (pg_copy_active(p->c))
		pg_copy_end(p->c, &rows);
	dbst_finalize(p->move);
	buf_release(&p->copy);
	dbc_exec(imp->ctx->db, "DROP TABLE IF EXISTS pg_temp.import_rows");
	free(p);
	imp->pg = NULL;
}
