/*
 * How import stores participation, into an empty table or one that holds
 * rows (see below), and the settings of a bulk load: foreign keys, page
 * caches, CHECK constraints, and the indexes and audit triggers set aside
 * while it runs and built again before the commit.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_same.h"

/*
 * Participation is stored in one of two ways, chosen when the import
 * begins (bulk_plan):
 *
 * - Into an empty table (the first load of a spreadsheet), checked rows
 *   are appended to participation APPEND_ROWS at a time, with the unique
 *   key and the index by person set aside; the two are built again at the
 *   end, one sort each (bulk_restore).  The indexes of organisations and
 *   activities hold only the rows that name one, so they stay.  A key
 *   given twice in the file makes the unique index fail; then the
 *   repeated rows are merged, the last one winning, and the index is
 *   built again (merge_repeats).
 * - Into a table that holds rows, checked rows go to temp.import_rows,
 *   and every BATCH_ROWS rows one INSERT ... SELECT in key order (file
 *   order within a key, so a key repeated in the file ends with its last
 *   row) adds the new ones and, ON CONFLICT, changes the existing ones
 *   whose values differ.  The sorted batch touches each index page once.
 *
 * Either way the DDL happens inside the import's transaction, so a
 * failed or killed import leaves the table and its indexes as they were.
 */

/* The participation columns as stored, in binding order (?1 ...). */
static const char *const part_cols[] = { "programme_id", "activity_id",
	"person_id", "org_id", "role", "status", "start", "end", "status_date",
	"hours", "credits", "result", "fields", NULL };
#define PART_NCOLS 13
#define PART_KEY "programme_id, coalesce(activity_id, 0), " \
	"coalesce(person_id, 0), coalesce(org_id, 0)"

/* Appends the values of `rows` rows, "(?1, ..., ?13), (?14, ...)", with
 * the defaults of role, status and fields. */
static void
values_sql(struct buf *b, int rows)
{
	int r, p;

	for (r = 0; r < rows; r++) {
		p = r * PART_NCOLS;
		buf_printf(b, "%s(?%d, ?%d, ?%d, ?%d, coalesce(?%d, 'participant'), "
		    "coalesce(?%d, 'nominated'), ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, "
		    "coalesce(?%d, '{}'))", r ? ", " : "", p + 1, p + 2, p + 3, p + 4,
		    p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11, p + 12, p + 13);
	}
}

/* Prepares "INSERT INTO table (the columns) VALUES" with `rows` rows. */
static int
prepare_insert(struct import *imp, struct dbst **st, const char *table, int rows)
{
	struct buf b = { 0 };
	size_t i;
	int rc;

	buf_printf(&b, "INSERT INTO %s (", table);
	for (i = 0; part_cols[i]; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", part_cols[i]);
	buf_adds(&b, ") VALUES ");
	values_sql(&b, rows);
	rc = db_prepare(imp->ctx, st, b.s);
	buf_release(&b);
	return rc;
}

/*
 * The CHECK constraints of participation repeat what every row has passed
 * (status, hours, credits, one participant, JSON fields); compiled into
 * the statements that store rows they would cost a temporary b-tree per
 * row (status IN (...)), so the import runs without them.  The setting
 * must stay on while the statements run: changing it expires prepared
 * statements, which SQLite would prepare again with the checks.
 */
int
bulk_unchecked(struct import *imp, bool on)
{
	imp->unchecked = on;
	if (dbc_exec(imp->ctx->db, on ? "PRAGMA ignore_check_constraints = ON" :
	    "PRAGMA ignore_check_constraints = OFF") != DB_OK)
		return db_error(imp->ctx, "cannot prepare participation for the load");
	return 0;
}

/* The value columns the file gives, for "SET c = excluded.c" and the
 * comparison that leaves an unchanged row alone.  Area fields count when
 * the file has area columns (each row's are merged into the stored ones
 * before it is staged); without, the stored fields are kept. */
static bool
part_present(const struct import *imp, size_t i)
{
	static const int file_col[] = { -1, -1, -1, -1, A_ROLE, A_STATUS, A_START,
		A_END, A_STATUS_DATE, A_HOURS, A_CREDITS, A_RESULT };

	if (i == PART_NCOLS - 1)	/* fields */
		return imp->narea > 0;
	return file_col[i] >= 0 && imp->col[file_col[i]] >= 0;
}

/* Creates the staging table and prepares the batch upsert into a table
 * that holds rows. */
int
bulk_stage_prepare(struct import *imp)
{
	struct buf ins = { 0 }, a = { 0 }, b = { 0 }, set = { 0 };
	size_t i, nset = 0;
	int rc;

	if ((rc = db_exec(imp->ctx, "CREATE TEMP TABLE import_rows (programme_id, "
	    "activity_id, person_id, org_id, role, status, start, \"end\", status_date, "
	    "hours, credits, result, fields)", "")) != 0 ||
	    (rc = prepare_insert(imp, &imp->stage, "temp.import_rows", 1)) != 0 ||
	    (rc = db_prepare(imp->ctx, &imp->flush_del, "DELETE FROM temp.import_rows")) != 0)
		return rc;
	buf_adds(&ins, "INSERT INTO participation (");
	for (i = 0; part_cols[i]; i++)
		buf_printf(&ins, "%s%s", i ? ", " : "", part_cols[i]);
	buf_adds(&ins, ") SELECT programme_id, activity_id, person_id, org_id");
	for (i = 4; part_cols[i]; i++) {
		buf_printf(&ins, ", %s", part_cols[i]);
		if (!part_present(imp, i))
			continue;
		buf_printf(&set, "%s%s = excluded.%s", nset ? ", " : "", part_cols[i],
		    part_cols[i]);
		buf_printf(&a, "%sparticipation.%s", nset ? ", " : "", part_cols[i]);
		buf_printf(&b, "%sexcluded.%s", nset ? ", " : "", part_cols[i]);
		nset++;
	}
	buf_adds(&ins, " FROM temp.import_rows WHERE true ORDER BY programme_id, "
	    "activity_id, person_id, org_id, rowid ON CONFLICT (" PART_KEY ") ");
	if (nset > 0)
		buf_printf(&ins, "DO UPDATE SET %s WHERE (%s) IS NOT (%s)", set.s, a.s, b.s);
	else
		buf_adds(&ins, "DO NOTHING");
	rc = db_prepare(imp->ctx, &imp->flush_ins, ins.s);
	if (rc == 0)
		rc = db_prepare(imp->ctx, &imp->flush_max, "SELECT coalesce(max(id), 0) "
		    "FROM participation");
	buf_release(&ins);
	buf_release(&a);
	buf_release(&b);
	buf_release(&set);
	return rc;
}

/* Runs a statement once and resets it. */
static int
step_reset(struct import *imp, struct dbst *st)
{
	int rc = dbst_step(st);

	dbst_reset(st);
	return rc == DB_DONE || rc == DB_ROW ? 0 :
	    db_error(imp->ctx, "cannot store participation");
}

/* The largest id of participation. */
static int
max_id(struct import *imp, int64_t *out)
{
	int rc = dbst_step(imp->flush_max);

	*out = rc == DB_ROW ? dbst_int(imp->flush_max, 0) : 0;
	dbst_reset(imp->flush_max);
	return rc == DB_ROW ? 0 : db_error(imp->ctx, "cannot read participation");
}

/* Stores the staged batch in one upsert in key order and counts its rows. */
static int
stage_flush(struct import *imp)
{
	int64_t before, after, changed;
	int rc;

	if (imp->staged == 0 || imp->stage == NULL)
		return 0;
	if ((rc = max_id(imp, &before)) != 0 ||
	    (rc = step_reset(imp, imp->flush_ins)) != 0)
		return rc;
	changed = dbc_changes(imp->ctx->db);
	if ((rc = max_id(imp, &after)) != 0 ||
	    (rc = step_reset(imp, imp->flush_del)) != 0)
		return rc;
	/* New rows take the ids after the largest: the rest were updated. */
	imp->added += after - before;
	imp->updated += changed - (after - before);
	imp->unchanged += imp->staged - changed;
	imp->staged = 0;
	return 0;
}

/* Stages the bound row; stores the batch when it is full.  In a re-import
 * compared with the stored rows (import_same.c) only new rows are staged,
 * each appended at the end of the table: small batches keep the staging
 * table, and memory, small whatever the file. */
static int
stage_row(struct import *imp)
{
	int rc;

	if ((rc = step_reset(imp, imp->stage)) != 0)
		return rc;
	imp->staged++;
	return imp->staged >= (imp->same ? BATCH_ROWS / 20 : BATCH_ROWS) ?
	    stage_flush(imp) : 0;
}

/* Sets aside the indexes or triggers (type) of participation whose name
 * matches `like`, keeping their SQL for bulk_restore. */
static int
set_aside(struct import *imp, const char *type, const char *like)
{
	struct dbst *st;
	struct buf drop = { 0 };
	int rc;

	if ((rc = db_prepare(imp->ctx, &st, "SELECT name, sql FROM sqlite_master "
	    "WHERE type = ?1 AND tbl_name = 'participation' AND sql IS NOT NULL "
	    "AND name LIKE ?2 ORDER BY name <> 'participation_key', name")) != 0)
		return rc;
	dbst_bind_static(st, 1, type, -1);
	dbst_bind_static(st, 2, like, -1);
	while ((rc = dbst_step(st)) == DB_ROW &&
	    imp->nreindex < sizeof(imp->reindex) / sizeof(imp->reindex[0])) {
		imp->reindex[imp->nreindex++] =
		    xstrdup(dbst_text(st, 1));
		buf_printf(&drop, "DROP %s \"%s\";", type,
		    dbst_text(st, 0));
	}
	dbst_finalize(st);
	rc = rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_error(imp->ctx, "cannot read the schema of participation");
	if (rc == 0 && drop.s && dbc_exec(imp->ctx->db, drop.s) != DB_OK)
		rc = db_error(imp->ctx, "cannot prepare participation for the load");
	buf_release(&drop);
	return rc;
}

/*
 * Chooses how participation is stored (see above).  Into a table that
 * holds rows but far fewer than the file brings (a row is taken as at
 * most 200 bytes, so the guess errs on the side of keeping the index),
 * the index by person alone is set aside: one sort at the end instead of
 * an insert at a random place for every row.  An import run by a plugin
 * inside another command changes no schema.
 */
int
bulk_plan(struct import *imp)
{
	int64_t n = 0;
	int rc;

	if ((rc = db_query_int(imp->ctx, &n, "SELECT count(*) FROM participation",
	    "")) != 0)
		return rc;
	imp->was_empty = n == 0;
	if (imp->ctx->nested)
		return 0;
	/* The audit triggers are off for an import, which writes one audit
	 * row of its own; even off, each would cost a sub-program per row. */
	if ((rc = set_aside(imp, "trigger", "participation_audit_%")) != 0)
		return rc;
	if (n == 0) {
		/* Appending needs few pages in memory, and the sorts that build
		 * the indexes keep as much in memory as the page cache may hold,
		 * so a small cache keeps memory flat whatever the file. */
		if ((rc = set_aside(imp, "index", "participation_key")) != 0 ||
		    (rc = set_aside(imp, "index", "participation_person")) != 0 ||
		    (rc = db_exec(imp->ctx, "PRAGMA main.cache_size = -1024", "")) != 0)
			return rc;
		if ((rc = prepare_insert(imp, &imp->append, "participation", 1)) != 0)
			return rc;
		return prepare_insert(imp, &imp->append_many, "participation",
		    APPEND_ROWS);
	}
	if (imp->size > 0 && (int64_t)(imp->size / 200) > n)
		return set_aside(imp, "index", "participation_person");
	return 0;
}

/* Appends "c1, c2 ..." of the value columns, or "lag(c1) OVER w, ...". */
static void
value_list(struct buf *b, bool lag)
{
	size_t i;

	for (i = 4; part_cols[i]; i++)
		buf_printf(b, lag ? "%slag(%s) OVER w" : "%s%s", i > 4 ? ", " : "",
		    part_cols[i]);
}

/*
 * A key the file gave more than once, loaded into the empty table: its
 * rows are counted as the row-by-row import would (the first added, each
 * later one updated when its values differ from the one before, else
 * unchanged), then the last row of each key stays and the others go.
 */
static int
merge_repeats(struct import *imp)
{
	struct buf q = { 0 };
	struct dbst *st = NULL;
	int64_t later = 0, changed = 0;
	int rc;

	if ((rc = db_exec(imp->ctx, "CREATE INDEX participation_import_repeats ON "
	    "participation(" PART_KEY ", id)", "")) != 0)
		return rc;
	buf_adds(&q, "SELECT count(*), coalesce(sum(changed), 0) FROM (SELECT (");
	value_list(&q, false);
	buf_adds(&q, ") IS NOT (");
	value_list(&q, true);
	buf_adds(&q, ") AS changed, row_number() OVER w AS n FROM participation "
	    "WINDOW w AS (PARTITION BY " PART_KEY " ORDER BY id)) WHERE n > 1");
	if ((rc = db_prepare(imp->ctx, &st, q.s)) == 0) {
		if (dbst_step(st) == DB_ROW) {
			later = dbst_int(st, 0);
			changed = dbst_int(st, 1);
		} else {
			rc = db_error(imp->ctx, "cannot merge repeated keys");
		}
		dbst_finalize(st);
	}
	buf_release(&q);
	if (rc == 0)
		rc = db_exec(imp->ctx, "DELETE FROM participation AS p WHERE EXISTS "
		    "(SELECT 1 FROM participation AS q WHERE q.programme_id = "
		    "p.programme_id AND coalesce(q.activity_id, 0) = coalesce("
		    "p.activity_id, 0) AND coalesce(q.person_id, 0) = coalesce("
		    "p.person_id, 0) AND coalesce(q.org_id, 0) = coalesce(p.org_id, 0) "
		    "AND q.id > p.id)", "");
	if (rc == 0)
		rc = db_exec(imp->ctx, "DROP INDEX participation_import_repeats", "");
	if (rc == 0) {
		imp->added -= later;
		imp->updated += changed;
		imp->unchanged += later - changed;
	}
	return rc;
}

/* The words of a repeated key, from the row of id: "programme 'P',
 * person 'K'" and the activity when there is one. */
static char *
repeat_words(struct dbst *st)
{
	const char *prog = dbst_text(st, 2);
	const char *person = dbst_text(st, 3);
	const char *org = dbst_text(st, 4);
	const char *act = dbst_text(st, 5);

	return xasprintf(_("programme '%s', %s '%s'%s%s%s"), prog ? prog : "",
	    person ? "person" : "organisation", person ? person : org ? org : "",
	    act ? ", activity '" : "", act ? act : "", act ? "'" : "");
}

/*
 * A key the file gave more than once, found by the unique index of a load
 * into an empty table without --last-wins: the import is refused, naming
 * the first key repeated, in file order, and the lines of its two rows
 * (import_lines_of).
 */
static int
repeat_refused(struct import *imp)
{
	struct dbst *st = NULL;
	int64_t first = 0, l1, l2;
	char *words;
	int rc;

	if ((rc = db_query_int(imp->ctx, &first, "SELECT min(id) FROM participation",
	    "")) != 0 || (rc = db_prepare(imp->ctx, &st, "SELECT d.i1, d.i2, p.code, "
	    "pe.key, o.code, a.code FROM (SELECT i1, i2 FROM (SELECT id AS i2, "
	    "lag(id) OVER (PARTITION BY " PART_KEY " ORDER BY id) AS i1 FROM "
	    "participation) WHERE i1 IS NOT NULL ORDER BY i2 LIMIT 1) AS d "
	    "JOIN participation x ON x.id = d.i1 JOIN programme p ON "
	    "p.id = x.programme_id LEFT JOIN person pe ON pe.id = x.person_id LEFT "
	    "JOIN organisation o ON o.id = x.org_id LEFT JOIN activity a ON a.id = "
	    "x.activity_id")) != 0)
		return rc;
	if (dbst_step(st) != DB_ROW) {
		rc = db_error(imp->ctx, "cannot find the repeated key");
		dbst_finalize(st);
		return rc;
	}
	l1 = import_lines_of(&imp->lines, dbst_int(st, 0) - first);
	l2 = import_lines_of(&imp->lines, dbst_int(st, 1) - first);
	words = repeat_words(st);
	rc = error_set(imp->ctx, ERR_INVALID, "%s:%lld: %s is given twice in this "
	    "file, on lines %lld and %lld (keep one of the rows, or pass --last-wins "
	    "to store the later one over the earlier)", imp->name, (long long)l2,
	    words, (long long)l1, (long long)l2);
	free(words);
	dbst_finalize(st);
	return rc;
}

/* Builds the indexes and triggers set aside by bulk_plan again; a key given
 * twice in the file fails the unique index: the import is refused, or with
 * --last-wins the index is built again after merge_repeats. */
int
bulk_restore(struct import *imp)
{
	size_t i;
	int rc;

	for (i = 0; i < imp->nreindex; i++) {
		rc = dbc_exec(imp->ctx->db, imp->reindex[i]);
		if (rc != DB_OK && dbc_errclass(imp->ctx->db) == DB_EUNIQUE &&
		    imp->append && !imp->last_wins)
			return repeat_refused(imp);
		if (rc != DB_OK && dbc_errclass(imp->ctx->db) == DB_EUNIQUE &&
		    imp->append) {
			dbst_finalize(imp->append);
			imp->append = NULL;
			if ((rc = merge_repeats(imp)) != 0)
				return rc;
			rc = dbc_exec(imp->ctx->db, imp->reindex[i]);
		}
		if (rc != DB_OK)
			return db_error(imp->ctx, "cannot build the indexes of participation");
	}
	return 0;
}

enum { P_ROLE, P_STATUS, P_START, P_END, P_SDATE, P_RESULT, P_FIELDS, P_TEXTS };

struct pending {
	int64_t k[4];
	double hours, credits;
	bool has_hours, has_credits;
	size_t off[P_TEXTS];	/* in imp->pend_text */
	int len[P_TEXTS];	/* -1: NULL */
};

/* Keeps text s (n bytes, NULL for none) as value i of waiting row p. */
static void
pend_text(struct import *imp, struct pending *p, int i, const char *s, size_t n)
{
	p->len[i] = s ? (int)n : -1;
	p->off[i] = imp->pend_text.len;
	if (s)
		buf_add(&imp->pend_text, s, n);
}

/* Keeps the value of core column col of the current row as value i of p. */
static void
pend_cell(struct import *imp, struct pending *p, int i, int col)
{
	const char *v = imp_val(imp, col);

	pend_text(imp, p, i, v, v ? imp->cur.len[imp->col[col]] : 0);
}

/* Binds an id, NULL for 0. */
static void
bind_id(struct dbst *st, int n, int64_t id)
{
	if (id)
		dbst_bind_int(st, n, id);
	else
		dbst_bind_null(st, n);
}

/* Binds a number when set, else NULL. */
static void
bind_real(struct dbst *st, int n, bool set, double v)
{
	if (set)
		dbst_bind_double(st, n, v);
	else
		dbst_bind_null(st, n);
}

/* Binds pending row p as row `row` of st. */
static void
pend_bind(struct import *imp, struct dbst *st, int row, const struct pending *p)
{
	static const int param[P_TEXTS] = { 5, 6, 7, 8, 9, 12, 13 };
	int i, base = row * PART_NCOLS;

	for (i = 0; i < 4; i++)
		bind_id(st, base + i + 1, p->k[i]);
	for (i = 0; i < P_TEXTS; i++)
		if (p->len[i] < 0)
			dbst_bind_null(st, base + param[i]);
		else
			dbst_bind_static(st, base + param[i], p->len[i] ?
			    imp->pend_text.s + p->off[i] : "", p->len[i]);
	bind_real(st, base + 10, p->has_hours, p->hours);
	bind_real(st, base + 11, p->has_credits, p->credits);
}

/* Appends the waiting rows: all at once when there are APPEND_ROWS, else
 * one by one (at the end of the file, or when their text is large). */
static int
append_flush(struct import *imp)
{
	int i, rc = 0;

	if (imp->npend == APPEND_ROWS) {
		for (i = 0; i < imp->npend; i++)
			pend_bind(imp, imp->append_many, i, &imp->pend[i]);
		rc = step_reset(imp, imp->append_many);
	} else {
		for (i = 0; rc == 0 && i < imp->npend; i++) {
			pend_bind(imp, imp->append, 0, &imp->pend[i]);
			rc = step_reset(imp, imp->append);
		}
	}
	if (rc == 0)
		imp->added += imp->npend;
	imp->npend = 0;
	buf_reset(&imp->pend_text);
	return rc;
}

/* Copies a checked row and its fields into the waiting rows. */
static void
pend_row(struct import *imp, const int64_t k[4], const struct part *v,
    const char *json)
{
	struct pending *p;

	if (imp->pend == NULL)
		imp->pend = xcalloc(APPEND_ROWS, sizeof(*imp->pend));
	p = &imp->pend[imp->npend++];
	memcpy(p->k, k, sizeof(p->k));
	p->has_hours = v->has_hours;
	p->hours = v->hours;
	p->has_credits = v->has_credits;
	p->credits = v->credits;
	pend_cell(imp, p, P_ROLE, A_ROLE);
	pend_cell(imp, p, P_STATUS, A_STATUS);
	pend_text(imp, p, P_START, v->start, v->start ? strlen(v->start) : 0);
	pend_text(imp, p, P_END, v->end, v->end ? strlen(v->end) : 0);
	pend_text(imp, p, P_SDATE, v->sdate, v->sdate ? strlen(v->sdate) : 0);
	pend_cell(imp, p, P_RESULT, A_RESULT);
	pend_text(imp, p, P_FIELDS, json, json ? strlen(json) : 0);
}

/* Prepares "UPDATE participation SET (the value columns the file gives)
 * WHERE id = ?14", binding as pend_bind does (bulk_update). */
static int
prepare_update(struct import *imp)
{
	static const char *const expr[] = { [4] = "coalesce(?5, 'participant')",
		[5] = "coalesce(?6, 'nominated')", [6] = "?7", [7] = "?8", [8] = "?9",
		[9] = "?10", [10] = "?11", [11] = "?12", [12] = "coalesce(?13, '{}')" };
	struct buf b = { 0 };
	size_t i, n = 0;
	int rc;

	buf_adds(&b, "UPDATE participation SET ");
	for (i = 4; part_cols[i]; i++)
		if (part_present(imp, i))
			buf_printf(&b, "%s%s = %s", n++ ? ", " : "", part_cols[i], expr[i]);
	if (n == 0)
		buf_adds(&b, "id = id");
	buf_adds(&b, " WHERE id = ?14");
	rc = db_prepare(imp->ctx, &imp->update, b.s);
	buf_release(&b);
	return rc;
}

/* Updates stored row id with a checked row whose values differ from it
 * (import_same.c), at once: the scan has just read its page. */
int
bulk_update(struct import *imp, int64_t id, const int64_t k[4],
    const struct part *v, const char *json)
{
	int rc;

	if (imp->update == NULL && (rc = prepare_update(imp)) != 0)
		return rc;
	pend_row(imp, k, v, json);
	pend_bind(imp, imp->update, 0, &imp->pend[0]);
	dbst_bind_int(imp->update, 14, id);
	rc = step_reset(imp, imp->update);
	imp->npend = 0;
	buf_reset(&imp->pend_text);
	if (rc == 0)
		imp->updated++;
	return rc;
}

/* Stages the one waiting row (a table that held rows). */
static int
stage_pending(struct import *imp)
{
	int rc;

	pend_bind(imp, imp->stage, 0, &imp->pend[0]);
	rc = stage_row(imp);
	imp->npend = 0;
	buf_reset(&imp->pend_text);
	return rc;
}

/*
 * Re-opens the command's (still empty) transaction with the settings of a
 * bulk load: no foreign-key checks, which SQLite reads only outside a
 * transaction (the import resolves every reference itself through its key
 * maps, under the write lock, so a row never names a missing parent), and
 * bounded page caches for the database and for the staging table.  The
 * durability of the commit is unchanged.  (temp_store = MEMORY would keep
 * statement journals in memory too, and a batch statement's journal grows
 * with the pages it touches: measured, it made memory grow with the file.)
 */
int
bulk_begin(struct ctx *ctx)
{
	if (ctx->nested)
		return 0;
	if (dbc_exec(ctx->db, "COMMIT") != DB_OK)
		return db_error(ctx, "cannot start the import");
	ctx->in_tx = false;
	if (dbc_exec(ctx->db, "PRAGMA foreign_keys = OFF; PRAGMA main.cache_size = "
	    "-4096; PRAGMA temp.cache_size = -6000; PRAGMA threads = 2") != DB_OK)
		return db_error(ctx, "cannot start the import");
	return db_begin(ctx);
}

/* Stores a checked participation row with its fields (json): staged at
 * once, or appended with the rows waiting for one INSERT. */
int
bulk_add(struct import *imp, const int64_t k[4], const struct part *v,
    const char *json)
{
	pend_row(imp, k, v, json);
	if (imp->append == NULL)
		return stage_pending(imp);
	import_lines_note(&imp->lines, imp->cur.line);
	if (imp->npend == APPEND_ROWS || imp->pend_text.len > APPEND_TEXT)
		return append_flush(imp);
	return 0;
}

/* Stores the rows still waiting at the end of the file. */
int
bulk_flush(struct import *imp)
{
	same_close(imp);
	return imp->append ? append_flush(imp) : stage_flush(imp);
}

/* Frees the statements and rows of the load; the CHECK constraints are
 * on again and the staging table gone. */
void
bulk_release(struct import *imp)
{
	size_t i;

	same_close(imp);
	dbst_finalize(imp->stage);
	dbst_finalize(imp->flush_ins);
	dbst_finalize(imp->flush_max);
	dbst_finalize(imp->flush_del);
	dbst_finalize(imp->append);
	dbst_finalize(imp->append_many);
	dbst_finalize(imp->update);
	free(imp->pend);
	buf_release(&imp->pend_text);
	if (imp->unchecked)
		bulk_unchecked(imp, false);
	if (imp->stage)
		dbc_exec(imp->ctx->db, "DROP TABLE IF EXISTS temp.import_rows");
	for (i = 0; i < imp->nreindex; i++)
		free(imp->reindex[i]);
}
