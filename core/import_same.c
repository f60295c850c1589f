/*
 * Re-import: the stored participation an import compares its rows with.
 *
 * Offices send the same spreadsheet again every month with a few rows
 * changed.  Whether a stored row may be skipped is decided once per file
 * (same_open): when the file has no area columns, the stored area fields
 * are kept whatever the row says, so a row whose every core value is the
 * stored one would store the record that was checked when it was stored;
 * it is counted unchanged without being checked again by the area's
 * plugin or written.  `N unchanged` comes from comparing the values, never
 * from trusting the file.
 *
 * The rows of a file loaded once are stored in the order of the file, so
 * the next row of a re-sent file is most often the next stored row: a
 * scan of participation in id order walks along the file, and a row is
 * compared with the row under the scan.  A row that is not there (a new
 * row, a row moved) is looked up by its key; a short jump forward moves
 * the scan after it.  The lines of the stored rows met (4 bytes a row)
 * find a key given twice in the file without a key set as large as the
 * file; new keys are still kept by import_seen.c.  A changed row is
 * checked with the stored area fields read here and updated at once by
 * its id (bulk_update), on the page the scan has just read; new rows go
 * to the batches of import_bulk.c.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_same.h"

#define SAME_COLS "id, programme_id, coalesce(activity_id, 0), " \
	"coalesce(person_id, 0), coalesce(org_id, 0), role, status, start, \"end\", " \
	"status_date, hours, credits, result, fields FROM participation"
/* Columns of SAME_COLS. */
enum { S_ID, S_KEY, S_ROLE = 5, S_STATUS, S_START, S_END, S_SDATE, S_HOURS,
	S_CREDITS, S_RESULT, S_FIELDS };

struct import_same {
	struct dbst *scan;	/* participation in id order, from an id */
	struct dbst *find;	/* the row of a key */
	char *fields;		/* of the last row matched and changed */
	bool at_row;		/* the scan holds a row */
	int64_t lo, hi;		/* the ids stored when the import began */
	int64_t window;		/* how far forward the scan may jump */
	uint32_t *line;		/* the line of the row met, for ids lo..hi */
};

/* The scan's next row. */
static int
scan_step(struct import *imp, struct import_same *s)
{
	int rc = dbst_step(s->scan);

	s->at_row = rc == DB_ROW;
	if (rc == DB_ROW || rc == DB_DONE)
		return 0;
	return db_error(imp->ctx, "cannot read participation");
}

/* Moves the scan to the first row after id. */
static int
scan_from(struct import *imp, struct import_same *s, int64_t id)
{
	dbst_reset(s->scan);
	dbst_bind_int(s->scan, 1, id);
	return scan_step(imp, s);
}

/*
 * Prepares the comparison when the file allows it: participation held
 * rows, the file has no area columns, and the ids are dense enough for
 * the table of lines.  Otherwise every row goes the usual way.
 */
int
same_open(struct import *imp)
{
	struct import_same *s;
	int64_t n = 0, lo = 0, hi = 0;
	int rc;

	if (imp->was_empty || imp->narea > 0 || imp->append != NULL)
		return 0;
	if ((rc = db_query_int(imp->ctx, &n, "SELECT count(*) FROM participation",
	    "")) != 0 || (rc = db_query_int(imp->ctx, &lo, "SELECT min(id) FROM "
	    "participation", "")) != 0 || (rc = db_query_int(imp->ctx, &hi,
	    "SELECT max(id) FROM participation", "")) != 0)
		return rc;
	if (n == 0 || hi - lo + 1 > 4 * n + 1024)
		return 0;
	s = xcalloc(1, sizeof(*s));
	imp->same = s;
	s->lo = lo;
	s->hi = hi;
	s->window = n / 8 + 64;
	s->line = xcalloc((size_t)(hi - lo + 1), sizeof(*s->line));
	if ((rc = db_prepare(imp->ctx, &s->scan, "SELECT " SAME_COLS " WHERE id >= ?1 "
	    "ORDER BY id")) != 0 || (rc = db_prepare(imp->ctx, &s->find, "SELECT "
	    SAME_COLS " WHERE programme_id = ?1 AND coalesce(activity_id, 0) = ?2 "
	    "AND coalesce(person_id, 0) = ?3 AND coalesce(org_id, 0) = ?4")) != 0)
		return rc;
	return scan_from(imp, s, lo);
}

/* Text column i of st is s (NULL: SQL NULL). */
static bool
same_text(struct dbst *st, int i, const char *s)
{
	size_t n;

	if (dbst_type(st, i) == DB_NULL)
		return s == NULL;
	if (s == NULL || dbst_type(st, i) != DB_TEXT)
		return false;
	n = (size_t)dbst_bytes(st, i);
	return strlen(s) == n && memcmp(dbst_text(st, i), s, n) == 0;
}

/* Number column i of st is x (unset: SQL NULL). */
static bool
same_real(struct dbst *st, int i, bool set, double x)
{
	int t = dbst_type(st, i);

	if (t == DB_NULL)
		return !set;
	return set && (t == DB_FLOAT || t == DB_INTEGER) &&
	    dbst_double(st, i) == x;
}

/* Every value the file gives (its columns) is the one in st, with the
 * defaults of role and status that an insert would store. */
static bool
same_values(struct import *imp, struct dbst *st, const struct part *v)
{
	return (!imp_has(imp, A_ROLE) ||
	    same_text(st, S_ROLE, v->role ? v->role : "participant")) &&
	    (!imp_has(imp, A_STATUS) ||
	    same_text(st, S_STATUS, v->status ? v->status : "nominated")) &&
	    (!imp_has(imp, A_START) || same_text(st, S_START, v->start)) &&
	    (!imp_has(imp, A_END) || same_text(st, S_END, v->end)) &&
	    (!imp_has(imp, A_STATUS_DATE) || same_text(st, S_SDATE, v->sdate)) &&
	    (!imp_has(imp, A_HOURS) || same_real(st, S_HOURS, v->has_hours, v->hours)) &&
	    (!imp_has(imp, A_CREDITS) ||
	    same_real(st, S_CREDITS, v->has_credits, v->credits)) &&
	    (!imp_has(imp, A_RESULT) || same_text(st, S_RESULT, imp_val(imp, A_RESULT)));
}

/* The key of the row in st is k. */
static bool
same_key(struct dbst *st, const int64_t k[4])
{
	int i;

	for (i = 0; i < 4; i++)
		if (dbst_int(st, S_KEY + i) != k[i])
			return false;
	return true;
}

/* Keeps the area fields of a changed stored row (the row in st) for its
 * checks. */
static void
keep_fields(struct import_same *s, struct dbst *st, struct same_match *m)
{
	free(s->fields);
	s->fields = xstrdup(dbst_text(st, S_FIELDS));
	m->fields = s->fields;
}

/* Looks the key up: its stored row, compared, in m. */
static int
find_key(struct import *imp, struct import_same *s, const int64_t k[4],
    const struct part *v, struct same_match *m)
{
	int i, rc;

	for (i = 0; i < 4; i++)
		dbst_bind_int(s->find, i + 1, k[i]);
	if ((rc = dbst_step(s->find)) == DB_ROW) {
		m->id = dbst_int(s->find, S_ID);
		if (!(m->unchanged = same_values(imp, s->find, v)))
			keep_fields(s, s->find, m);
	}
	dbst_reset(s->find);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_error(imp->ctx, "cannot read participation");
}

/* Notes the current line as the row of stored id; the line of an
 * earlier row of the same id goes to m->first. */
static void
note_line(struct import *imp, struct import_same *s, struct same_match *m)
{
	uint32_t *l = &s->line[m->id - s->lo];
	int64_t line = imp->cur.line;

	m->stored = true;
	if (*l != 0)
		m->first = *l;
	else
		*l = line > 0 && line < UINT32_MAX ? (uint32_t)line : UINT32_MAX;
}

/*
 * What the checked row of key k with values v is to the stored rows: its
 * id, whether its values are the stored ones, and the line of an earlier
 * row of the file with the same stored key (see above).
 */
int
same_match(struct import *imp, const int64_t k[4], const struct part *v,
    struct same_match *m)
{
	struct import_same *s = imp->same;
	int64_t at;
	int rc;

	memset(m, 0, sizeof(*m));
	if (s->at_row && same_key(s->scan, k)) {
		m->id = dbst_int(s->scan, S_ID);
		if (!(m->unchanged = same_values(imp, s->scan, v)))
			keep_fields(s, s->scan, m);
		rc = scan_step(imp, s);
	} else if ((rc = find_key(imp, s, k, v, m)) == 0 && s->at_row) {
		at = dbst_int(s->scan, S_ID);
		if (m->id > at && m->id - at <= s->window)
			rc = scan_from(imp, s, m->id + 1);
	}
	if (rc == 0 && m->id >= s->lo && m->id <= s->hi)
		note_line(imp, s, m);
	return rc;
}

/* Ends the comparison (before the indexes are built again); again is
 * harmless. */
void
same_close(struct import *imp)
{
	struct import_same *s = imp->same;

	if (s == NULL)
		return;
	dbst_finalize(s->scan);
	dbst_finalize(s->find);
	free(s->fields);
	free(s->line);
	free(s);
	imp->same = NULL;
}
