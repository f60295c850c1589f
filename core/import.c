/*
 * integra import: loads organisations, people, programmes or participation
 * from a CSV file (RFC 4180, strict; see csv.c) in one transaction.  The
 * header names the columns in any order; every row is checked with the
 * same rules as the commands; by default any error stores nothing, and
 * --keep-going stores the good rows and writes the bad ones to a rejects
 * file.  Rows are matched on their keys, so importing a file again
 * changes nothing.  Statements are prepared once, keys are resolved
 * through hash maps loaded on first use, and the file is streamed, so
 * memory depends on the number of distinct keys, not on the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "integra.h"
#include "csv.h"
#include "keymap.h"
#include "rowpipe.h"

#define MAX_COLS 16		/* core columns of any kind */
#define ERRORS_SHOWN 100	/* errors printed in full */
#define VALUE_SHOWN 60		/* bytes of a value quoted in an error */
#define BATCH_ROWS 20000	/* participation rows stored at a time */
#define APPEND_ROWS 32		/* rows in one INSERT into an empty table */
#define APPEND_TEXT (256 * 1024)	/* text of rows waiting for it, at most */

const struct optdef cmd_import_opts[] = {
	{ "area", 0, OPT_ARG, "AREA", "area of the programmes (and of the area "
	  "columns); participation rows must belong to it" },
	{ "dry-run", 'n', 0, NULL, "check every row and store nothing" },
	{ "keep-going", 'k', 0, NULL, "store the good rows, write the bad ones "
	  "to --rejects" },
	{ "rejects", 0, OPT_ARG, "FILE", "CSV of the refused rows with two more "
	  "columns, line and reason" },
	{ 0 }
};

struct import;

/* The record the row functions read: the reader's, or a copy of it. */
struct row {
	char **field;
	size_t *len;
	size_t nfields;
	int64_t line;
};

/* One kind of file: its columns and how a row is stored. */
struct kind {
	const char *name;	/* as on the command line */
	const char *const *cols;	/* core columns, NULL-terminated */
	enum integra_record_kind record;	/* 0: no area columns */
	int (*prepare)(struct import *imp);
	int (*row)(struct import *imp);
};

struct import {
	struct ctx *ctx;
	const struct kind *kind;
	const char *path;	/* as given; "-" is standard input */
	const char *name;	/* for messages */
	const char *area;	/* --area or NULL */
	bool dry_run, keep_going;
	struct csv csv;
	int fd;
	uint64_t size;		/* bytes in the file, 0 if unknown */

	/* The header: nhead columns; core column i is at file column col[i]. */
	size_t nhead;
	char **head;
	int col[MAX_COLS];
	bool was_empty;		/* participation held no row when the import began */
	size_t narea;		/* area columns: their names and file columns */
	const char **area_names;
	int *area_col;

	sqlite3_stmt *ins, *upd, *find;
	/* Participation rows are staged in a temporary table and stored a
	 * batch at a time, in key order (see stage_flush). */
	sqlite3_stmt *stage, *flush_ins, *flush_max, *flush_del;
	int64_t staged;
	sqlite3_stmt *append;	/* into participation, empty at the start */
	sqlite3_stmt *append_many;	/* the same, APPEND_ROWS rows at a time */
	struct pending *pend;	/* rows waiting for append_many */
	int npend;
	struct buf pend_text;	/* their text */
	bool unchecked;		/* CHECK constraints off (see unchecked()) */
	char *reindex[16];	/* SQL of the indexes and triggers set aside */
	size_t nreindex;
	struct keymap orgs, people, programmes, activities;

	/* The current row. */
	struct row cur;
	uint64_t bytes;		/* of the file read up to the current row */
	struct rowpipe_slot *defer;	/* in the reader thread: errors go here */
	bool bad;
	struct buf reason;
	char **assign;		/* "name=value" for the area columns */
	const char *participant;	/* the participant's key or code */

	int64_t rows, added, updated, unchanged, rejected, errors;
	FILE *rejects;
	bool progress;
	struct timespec t0, last;
};

/* Loads a whole table into the map on first use: `cols` are the key, the
 * id and optionally the extra text.  The map is sized from the row count
 * first, so that filling it rehashes nothing. */
static int
map_load(struct import *imp, struct keymap *m, const char *table, const char *cols)
{
	struct buf sql = { 0 };
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	int rc;

	if (m->loaded)
		return 0;
	m->loaded = true;
	buf_printf(&sql, "SELECT count(*) FROM %s", table);
	if ((rc = db_query_int(imp->ctx, &n, sql.s, "")) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT %s FROM %s", cols, table);
	if ((rc = db_prepare(imp->ctx, &st, sql.s)) != 0)
		goto out;
	keymap_reserve(m, (size_t)n);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		keymap_put(m, (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_count(st) > 2 ?
		    (const char *)sqlite3_column_text(st, 2) : NULL);
	rc = rc == SQLITE_DONE ? 0 : db_error(imp->ctx, "cannot read keys");
out:
	sqlite3_finalize(st);
	buf_release(&sql);
	return rc;
}

static int
load_orgs(struct import *imp)
{
	return map_load(imp, &imp->orgs, "organisation", "code, id");
}

static int
load_people(struct import *imp)
{
	return map_load(imp, &imp->people, "person", "key, id");
}

static int
load_programmes(struct import *imp)
{
	return map_load(imp, &imp->programmes, "programme", "code, id, area");
}

/* Activities by "programme id, unit separator, code". */
static int
load_activities(struct import *imp)
{
	return map_load(imp, &imp->activities, "activity",
	    "programme_id || char(31) || code, id");
}

/* ---- rows: values and errors ---- */

/* Makes the record of `line` the current row. */
static void
set_row(struct import *imp, char **field, size_t *len, size_t nfields, int64_t line)
{
	imp->cur.field = field;
	imp->cur.len = len;
	imp->cur.nfields = nfields;
	imp->cur.line = line;
}

/* The value of core column i in the current row; NULL when the column is
 * absent or the cell empty. */
static const char *
val(const struct import *imp, int i)
{
	int c = imp->col[i];

	if (c < 0 || imp->cur.len[c] == 0)
		return NULL;
	return imp->cur.field[c];
}

static bool
has(const struct import *imp, int i)
{
	return imp->col[i] >= 0;
}

/* Appends a value for an error message: shortened, on one line. */
static void
add_shown(struct buf *b, const char *v)
{
	size_t n = strlen(v), i;

	if (n > VALUE_SHOWN) {
		n = VALUE_SHOWN;
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		if (v[i] == '\n')
			buf_adds(b, "\\n");
		else if (v[i] == '\r')
			buf_adds(b, "\\r");
		else
			buf_addc(b, v[i]);
	}
	if (n < strlen(v))
		buf_adds(b, "...");
}

/* Counts and shows one error of the current row, and adds it to the
 * row's reason (for --rejects). */
static void
emit(struct import *imp, const char *msg)
{
	imp->errors++;
	if (imp->errors <= ERRORS_SHOWN) {
		if (imp->progress)
			fputs("\r\033[K", stderr);
		fprintf(stderr, "%s:%lld: %s\n", imp->name, (long long)imp->cur.line, msg);
	}
	if (imp->reason.len)
		buf_adds(&imp->reason, "; ");
	buf_adds(&imp->reason, msg);
	imp->bad = true;
}

/* Reports one error of the current row; `why` is the reason.  In the
 * reader thread the error is kept with the row and shown when the row is
 * stored, so errors keep the order of the file. */
static void
report(struct import *imp, const char *col, const char *value, const char *why)
{
	struct buf b = { 0 };

	if (col) {
		buf_printf(&b, "column '%s': value '", col);
		add_shown(&b, value ? value : "");
		buf_printf(&b, "': %s", why);
	} else {
		buf_adds(&b, why);
	}
	if (imp->defer)
		rowpipe_message(imp->defer, b.s);
	else
		emit(imp, b.s);
	buf_release(&b);
	imp->bad = true;
}

/* Reports the error a check just set in ctx against core column i. */
static void
bad(struct import *imp, int i, const char *value)
{
	report(imp, imp->kind->cols[i], value, imp->ctx->errmsg);
	imp->ctx->err = 0;
	imp->ctx->errmsg[0] = '\0';
}

/* A required column's value: reported when empty. */
static const char *
need(struct import *imp, int i)
{
	const char *v = val(imp, i);

	if (v == NULL)
		report(imp, imp->kind->cols[i], "", "must not be empty");
	return v;
}

static void
ck_code(struct import *imp, int i, const char *what, const char *v)
{
	if (v && check_code(imp->ctx, what, v) != 0)
		bad(imp, i, v);
}

static void
ck_text(struct import *imp, int i, const char *what, const char *v)
{
	if (v && check_text(imp->ctx, what, v, false) != 0)
		bad(imp, i, v);
}

/* Checks an enumerated value, giving def when empty. */
static const char *
ck_enum(struct import *imp, int i, const char *what, const char *const *allowed,
    const char *def)
{
	const char *v = val(imp, i);

	if (v == NULL)
		return def;
	if (check_enum(imp->ctx, what, v, allowed) != 0)
		bad(imp, i, v);
	return v;
}

/* Normalises a date into out; NULL when empty or bad. */
static const char *
ck_date(struct import *imp, int i, const char *what, char out[11])
{
	const char *v = val(imp, i);

	if (v == NULL)
		return NULL;
	if (date_normalise(imp->ctx, what, v, out) != 0) {
		bad(imp, i, v);
		return NULL;
	}
	return out;
}

static bool
ck_number(struct import *imp, int i, const char *what, double *out)
{
	const char *v = val(imp, i);

	if (v == NULL)
		return false;
	if (check_number(imp->ctx, what, v, out) != 0) {
		bad(imp, i, v);
		return false;
	}
	return true;
}

/* Refuses an end date before the start date. */
static void
ck_order(struct import *imp, int i, const char *start, const char *end)
{
	if (start && end && strcmp(end, start) < 0)
		report(imp, imp->kind->cols[i], val(imp, i),
		    "ends before it starts");
}

/* Resolves an organisation code (0 and no error when empty). */
static int
ck_org(struct import *imp, int i, int64_t *id)
{
	const char *v = val(imp, i);
	struct keymap_slot *s;
	int rc;

	*id = 0;
	if (v == NULL)
		return 0;
	if ((rc = load_orgs(imp)) != 0)
		return rc;
	if ((s = keymap_get(&imp->orgs, v)) != NULL)
		*id = s->id;
	else
		report(imp, imp->kind->cols[i], v, "no such organisation");
	return 0;
}

static void
bind_text(sqlite3_stmt *st, int n, const char *s)
{
	if (s)
		sqlite3_bind_text(st, n, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, n);
}

static void
bind_id(sqlite3_stmt *st, int n, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, n, id);
	else
		sqlite3_bind_null(st, n);
}

static void
bind_real(sqlite3_stmt *st, int n, bool set, double v)
{
	if (set)
		sqlite3_bind_double(st, n, v);
	else
		sqlite3_bind_null(st, n);
}

/*
 * Runs the insert (id 0) or the update of row `id` with the values bound
 * to it; counts the row and returns the id of the stored row in *out.
 * The caller has looked the key up, so an insert that meets an existing
 * key is a failure, never a silent skip.
 */
static int
store(struct import *imp, int64_t id, int64_t *out)
{
	sqlite3_stmt *st = id ? imp->upd : imp->ins;
	int rc;

	*out = id;
	if (id && st == NULL) {
		imp->unchanged++;
		return 0;
	}
	if (id)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_count(st), id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(imp->ctx, "cannot store");
	if (id == 0 && sqlite3_changes(imp->ctx->db) == 0) {
		*out = 0;
		return error_set(imp->ctx, ERR_FAIL, "%s:%lld: cannot store the row: its "
		    "key exists but was not found", imp->name, (long long)imp->cur.line);
	} else if (id == 0) {
		*out = sqlite3_last_insert_rowid(imp->ctx->db);
		imp->added++;
	} else if (sqlite3_changes(imp->ctx->db) > 0) {
		imp->updated++;
	} else {
		imp->unchanged++;
	}
	return 0;
}

/* Appends expression e (or "@") with "@" replaced by parameter ?k. */
static void
add_expr(struct buf *b, const char *e, size_t k)
{
	for (e = e ? e : "@"; *e; e++)
		if (*e == '@')
			buf_printf(b, "?%zu", k);
		else
			buf_addc(b, *e);
}

/*
 * Prepares "INSERT INTO t (c...) VALUES (?1...)" and "UPDATE t SET c = ?k
 * ... WHERE (c...) IS NOT (?k...) AND id = ?N+1" over the columns that
 * are present, so an unchanged row is never rewritten and a column the
 * file lacks is kept.  exprs[i] (NULL: "@") wraps parameter ?(i+1).  The
 * SQL holds our own names only, never user text.
 */
static int
prepare_pair(struct import *imp, const char *table, const char *const *cols,
    const char *const *exprs, const bool *present)
{
	struct buf ins = { 0 }, set = { 0 }, a = { 0 }, b = { 0 };
	size_t i, n, nset = 0;
	int rc;

	buf_printf(&ins, "INSERT INTO %s (", table);
	for (n = 0; cols[n]; n++)
		buf_printf(&ins, "%s%s", n ? ", " : "", cols[n]);
	buf_adds(&ins, ") VALUES (");
	for (i = 0; i < n; i++) {
		buf_adds(&ins, i ? ", " : "");
		add_expr(&ins, exprs[i], i + 1);
		if (!present[i])
			continue;
		buf_printf(&set, "%s%s = ", nset ? ", " : "", cols[i]);
		add_expr(&set, exprs[i], i + 1);
		buf_printf(&a, "%s%s", nset ? ", " : "", cols[i]);
		buf_adds(&b, nset ? ", " : "");
		add_expr(&b, exprs[i], i + 1);
		nset++;
	}
	buf_adds(&ins, ") ON CONFLICT DO NOTHING");
	rc = db_prepare(imp->ctx, &imp->ins, ins.s);
	if (rc == 0 && nset > 0) {
		buf_reset(&ins);
		buf_printf(&ins, "UPDATE %s SET %s WHERE (%s) IS NOT (%s) AND id = ?%zu",
		    table, set.s, a.s, b.s, n + 1);
		rc = db_prepare(imp->ctx, &imp->upd, ins.s);
	}
	buf_release(&ins);
	buf_release(&set);
	buf_release(&a);
	buf_release(&b);
	return rc;
}

/* ---- area fields ---- */

/* Collects the area columns of the current row as NAME=VALUE. */
static const char *const *
assignments(struct import *imp)
{
	size_t i, n = 0;

	for (i = 0; i < imp->narea; i++) {
		int c = imp->area_col[i];

		free(imp->assign[n]);
		imp->assign[n] = NULL;
		if (imp->cur.len[c] == 0)
			continue;
		imp->assign[n++] = xasprintf("%s=%s", imp->area_names[i],
		    imp->cur.field[c]);
	}
	free(imp->assign[n]);
	imp->assign[n] = NULL;
	return (const char *const *)imp->assign;
}

/*
 * The area fields of the current row merged into old_json, checked by
 * the area's plugin with the core values; *json is NULL after an error,
 * which is reported against the column it concerns when one alone fails.
 */
static void
row_fields(struct import *imp, const char *area, const char *old_json,
    const struct kv *core, char **json)
{
	enum integra_record_kind rk = imp->kind->record;
	const char *const *as = assignments(imp);
	const char *one[2] = { NULL, NULL };
	char *j = NULL, why[sizeof(imp->ctx->errmsg)];
	size_t i, k;
	bool found = false;

	*json = NULL;
	if (record_fields(imp->ctx, rk, area, as, old_json, core, NULL, json) == 0)
		return;
	snprintf(why, sizeof(why), "%s", imp->ctx->errmsg);
	for (i = 0; as[i]; i++) {
		one[0] = as[i];
		if (record_fields(imp->ctx, rk, area, one, old_json, core, NULL, &j) == 0) {
			free(j);
			continue;
		}
		for (k = 0; k < imp->narea; k++)
			if (strncmp(as[i], imp->area_names[k], strlen(imp->area_names[k])) == 0 &&
			    as[i][strlen(imp->area_names[k])] == '=')
				break;
		/* Blame the column only when the message names it. */
		if (k == imp->narea || strstr(imp->ctx->errmsg, imp->area_names[k]) == NULL)
			continue;
		report(imp, imp->area_names[k], as[i] + strlen(imp->area_names[k]) + 1,
		    imp->ctx->errmsg);
		found = true;
	}
	if (!found)
		report(imp, NULL, NULL, why);
	imp->ctx->err = 0;
}

/* ---- organisations ---- */

enum { O_CODE, O_NAME, O_KIND, O_REGION, O_PARENT };
static const char *const org_cols[] = { "code", "name", "kind", "region", "parent", NULL };

static int
prepare_org(struct import *imp)
{
	static const char *const cols[] = { "code", "name", "kind", "region",
		"parent_id", NULL };
	static const char *const exprs[] = { NULL, NULL, "coalesce(@, 'other')",
		NULL, NULL };
	bool present[] = { false, true, has(imp, O_KIND), has(imp, O_REGION),
		has(imp, O_PARENT) };

	return prepare_pair(imp, "organisation", cols, exprs, present);
}

/* True when making `parent` the parent of `id` would close a loop. */
static int
org_loop(struct import *imp, int64_t id, int64_t parent, bool *loop)
{
	int64_t n = 0;
	int rc;

	rc = db_query_int(imp->ctx, &n, "WITH RECURSIVE up(id) AS (SELECT ? UNION "
	    "SELECT o.parent_id FROM organisation o JOIN up ON o.id = up.id "
	    "WHERE o.parent_id IS NOT NULL) SELECT count(*) FROM up WHERE id = ?",
	    "ii", parent, id);
	*loop = n > 0;
	return rc;
}

static int
row_org(struct import *imp)
{
	const char *code = need(imp, O_CODE), *name = need(imp, O_NAME);
	const char *r = val(imp, O_REGION), *region = NULL, *kind;
	struct keymap_slot *s;
	sqlite3_stmt *st;
	int64_t parent, id;
	bool loop = false;
	int rc;

	ck_code(imp, O_CODE, "organisation code", code);
	ck_text(imp, O_NAME, "organisation name", name);
	kind = ck_enum(imp, O_KIND, "organisation kind", org_kinds, NULL);
	if (r && check_region(imp->ctx, r, &region) != 0)
		bad(imp, O_REGION, r);
	if ((rc = ck_org(imp, O_PARENT, &parent)) != 0)
		return rc;
	if (imp->bad)
		return 0;
	if ((rc = load_orgs(imp)) != 0)
		return rc;
	s = keymap_get(&imp->orgs, code);
	id = s ? s->id : 0;
	if (id && parent && (rc = org_loop(imp, id, parent, &loop)) != 0)
		return rc;
	if (loop || (id && id == parent)) {
		report(imp, "parent", val(imp, O_PARENT), "that organisation is inside "
		    "this one (a loop)");
		return 0;
	}
	if ((st = id ? imp->upd : imp->ins) != NULL) {
		bind_text(st, 1, code);
		bind_text(st, 2, name);
		bind_text(st, 3, kind);
		bind_text(st, 4, region);
		bind_id(st, 5, parent);
	}
	if ((rc = store(imp, id, &id)) == 0 && s == NULL)
		keymap_put(&imp->orgs, code, id, NULL);
	return rc;
}

/* ---- people ---- */

enum { P_KEY, P_NAME, P_ORG, P_POSITION, P_SERVICE, P_CATEGORY };
static const char *const person_cols[] = { "key", "name", "org", "position",
	"service", "category", NULL };

static int
prepare_person(struct import *imp)
{
	static const char *const cols[] = { "key", "name", "org_id", "position",
		"service", "category", NULL };
	static const char *const exprs[] = { NULL, NULL, NULL, NULL, NULL, NULL };
	bool present[] = { false, true, has(imp, P_ORG), has(imp, P_POSITION),
		has(imp, P_SERVICE), has(imp, P_CATEGORY) };

	return prepare_pair(imp, "person", cols, exprs, present);
}

static int
row_person(struct import *imp)
{
	const char *key = need(imp, P_KEY), *name = need(imp, P_NAME);
	const char *pos = val(imp, P_POSITION), *cat = val(imp, P_CATEGORY);
	const char *service;
	struct keymap_slot *s;
	sqlite3_stmt *st;
	int64_t org, id;
	int rc;

	ck_code(imp, P_KEY, "person key", key);
	ck_text(imp, P_NAME, "person name", name);
	ck_text(imp, P_POSITION, "position", pos);
	service = ck_enum(imp, P_SERVICE, "service", person_services, NULL);
	if (cat && service && strcmp(service, "civil-service") == 0) {
		if (check_enum(imp->ctx, "civil service category", cat,
		    civil_categories) != 0)
			bad(imp, P_CATEGORY, cat);
	} else {
		ck_text(imp, P_CATEGORY, "category", cat);
	}
	if ((rc = ck_org(imp, P_ORG, &org)) != 0)
		return rc;
	if (imp->bad)
		return 0;
	if ((rc = load_people(imp)) != 0)
		return rc;
	s = keymap_get(&imp->people, key);
	id = s ? s->id : 0;
	if ((st = id ? imp->upd : imp->ins) != NULL) {
		bind_text(st, 1, key);
		bind_text(st, 2, name);
		bind_id(st, 3, org);
		bind_text(st, 4, pos);
		bind_text(st, 5, service);
		bind_text(st, 6, cat);
	}
	if ((rc = store(imp, id, &id)) == 0 && s == NULL)
		keymap_put(&imp->people, key, id, NULL);
	return rc;
}

/* ---- programmes ---- */

enum { G_AREA, G_CODE, G_TITLE, G_OWNER, G_START, G_END, G_DUE, G_STATUS };
static const char *const programme_cols[] = { "area", "code", "title", "owner",
	"start", "end", "due", "status", NULL };

static int
prepare_programme(struct import *imp)
{
	static const char *const cols[] = { "area", "code", "title", "owner_id",
		"start", "end", "due", "status", "fields", NULL };
	static const char *const exprs[] = { NULL, NULL, NULL, NULL, NULL, NULL,
		NULL, "coalesce(@, 'planned')", NULL };
	bool present[] = { false, false, true, has(imp, G_OWNER), has(imp, G_START),
		has(imp, G_END), has(imp, G_DUE), has(imp, G_STATUS), true };

	int rc;

	if ((rc = db_prepare(imp->ctx, &imp->find,
	    "SELECT fields FROM programme WHERE id = ?")) != 0)
		return rc;
	return prepare_pair(imp, "programme", cols, exprs, present);
}

/* The area of a programme row: the column or --area; checked. */
static const char *
programme_area(struct import *imp)
{
	const char *area = val(imp, G_AREA);

	if (area == NULL && imp->area)
		return imp->area;
	if (area == NULL)
		return need(imp, G_AREA);
	if (imp->area && strcmp(area, imp->area) != 0) {
		report(imp, "area", area, "differs from --area");
		return NULL;
	}
	if (!text_is_ident(area, 32))
		report(imp, "area", area, "not an area name (lower-case letters, "
		    "digits and _)");
	else if (plugins_count(imp->ctx) > 0 && plugins_area(imp->ctx, area) == NULL)
		report(imp, "area", area, "no plugin of that area is loaded");
	return area;
}

/* Finds the fields of record `id` with imp->find; NULL for none. */
static int
old_fields(struct import *imp, int64_t id, char **out)
{
	int rc;

	*out = NULL;
	if (id == 0)
		return 0;
	sqlite3_bind_int64(imp->find, 1, id);
	if ((rc = sqlite3_step(imp->find)) == SQLITE_ROW)
		*out = xstrdup((const char *)sqlite3_column_text(imp->find, 0));
	sqlite3_reset(imp->find);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_error(imp->ctx, "cannot read a programme");
}

static int
row_programme(struct import *imp)
{
	const char *area = programme_area(imp), *code = need(imp, G_CODE);
	const char *title = need(imp, G_TITLE), *start, *end, *due, *status;
	char sd[11], ed[11], dd[11], *old = NULL, *json = NULL;
	struct keymap_slot *s;
	sqlite3_stmt *st;
	int64_t owner, id = 0;
	int rc;

	ck_code(imp, G_CODE, "programme code", code);
	ck_text(imp, G_TITLE, "programme title", title);
	start = ck_date(imp, G_START, "start", sd);
	end = ck_date(imp, G_END, "end", ed);
	due = ck_date(imp, G_DUE, "due", dd);
	ck_order(imp, G_END, start, end);
	status = ck_enum(imp, G_STATUS, "programme status", programme_statuses, "planned");
	if ((rc = ck_org(imp, G_OWNER, &owner)) != 0 || (rc = load_programmes(imp)) != 0)
		return rc;
	if (imp->bad)
		return 0;
	s = keymap_get(&imp->programmes, code);
	if (s && strcmp(s->extra, area) != 0) {
		report(imp, "area", area, "the programme exists in another area");
		return 0;
	}
	id = s ? s->id : 0;
	if ((rc = old_fields(imp, id, &old)) != 0)
		return rc;
	{
		const struct kv core[] = { { "area", area }, { "code", code },
			{ "title", title }, { "owner", val(imp, G_OWNER) },
			{ "start", start }, { "end", end }, { "due", due },
			{ "status", status }, { NULL, NULL } };

		row_fields(imp, area, old, core, &json);
	}
	if (!imp->bad && (st = id ? imp->upd : imp->ins) != NULL) {
		bind_text(st, 1, area);
		bind_text(st, 2, code);
		bind_text(st, 3, title);
		bind_id(st, 4, owner);
		bind_text(st, 5, start);
		bind_text(st, 6, end);
		bind_text(st, 7, due);
		bind_text(st, 8, val(imp, G_STATUS));
		bind_text(st, 9, json);
	}
	if (!imp->bad && (rc = store(imp, id, &id)) == 0 && s == NULL)
		keymap_put(&imp->programmes, code, id, area);
	free(old);
	free(json);
	return rc;
}

/* ---- participation ---- */

enum { A_PROGRAMME, A_PERSON, A_ORG, A_PARTICIPANT, A_ACTIVITY, A_ROLE, A_STATUS,
	A_START, A_END, A_STATUS_DATE, A_HOURS, A_CREDITS, A_RESULT };
static const char *const participation_cols[] = { "programme", "person", "org",
	"participant", "activity", "role", "status", "start", "end", "status_date",
	"hours", "credits", "result", NULL };

/*
 * Participation is stored in one of two ways, chosen when the import
 * begins (load_plan):
 *
 * - Into an empty table (the first load of a spreadsheet), checked rows
 *   are appended to participation APPEND_ROWS at a time, with the unique
 *   key and the index by person set aside; the two are built again at the
 *   end, one sort each (index_restore).  The indexes of organisations and
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
prepare_insert(struct import *imp, sqlite3_stmt **st, const char *table, int rows)
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
static int
unchecked(struct import *imp, bool on)
{
	imp->unchecked = on;
	if (sqlite3_exec(imp->ctx->db, on ? "PRAGMA ignore_check_constraints = ON" :
	    "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL) != SQLITE_OK)
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

static int
stage_prepare(struct import *imp)
{
	struct buf ins = { 0 }, a = { 0 }, b = { 0 }, set = { 0 };
	size_t i, nset = 0;
	int rc;

	if ((rc = db_exec(imp->ctx, "CREATE TEMP TABLE import_rows (programme_id, "
	    "activity_id, person_id, org_id, role, status, start, end, status_date, "
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

static int
step_reset(struct import *imp, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 :
	    db_error(imp->ctx, "cannot store participation");
}

static int
max_id(struct import *imp, int64_t *out)
{
	int rc = sqlite3_step(imp->flush_max);

	*out = rc == SQLITE_ROW ? sqlite3_column_int64(imp->flush_max, 0) : 0;
	sqlite3_reset(imp->flush_max);
	return rc == SQLITE_ROW ? 0 : db_error(imp->ctx, "cannot read participation");
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
	changed = sqlite3_changes(imp->ctx->db);
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

/* Stages the bound row; stores the batch when it is full. */
static int
stage_row(struct import *imp)
{
	int rc;

	if ((rc = step_reset(imp, imp->stage)) != 0)
		return rc;
	imp->staged++;
	return imp->staged >= BATCH_ROWS ? stage_flush(imp) : 0;
}

/* Sets aside the indexes or triggers (type) of participation whose name
 * matches `like`, keeping their SQL for index_restore. */
static int
set_aside(struct import *imp, const char *type, const char *like)
{
	sqlite3_stmt *st;
	struct buf drop = { 0 };
	int rc;

	if ((rc = db_prepare(imp->ctx, &st, "SELECT name, sql FROM sqlite_master "
	    "WHERE type = ?1 AND tbl_name = 'participation' AND sql IS NOT NULL "
	    "AND name LIKE ?2 ORDER BY name <> 'participation_key', name")) != 0)
		return rc;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, like, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    imp->nreindex < sizeof(imp->reindex) / sizeof(imp->reindex[0])) {
		imp->reindex[imp->nreindex++] =
		    xstrdup((const char *)sqlite3_column_text(st, 1));
		buf_printf(&drop, "DROP %s \"%s\";", type,
		    (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_error(imp->ctx, "cannot read the schema of participation");
	if (rc == 0 && drop.s && sqlite3_exec(imp->ctx->db, drop.s, NULL, NULL,
	    NULL) != SQLITE_OK)
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
static int
load_plan(struct import *imp)
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
	sqlite3_stmt *st = NULL;
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
		if (sqlite3_step(st) == SQLITE_ROW) {
			later = sqlite3_column_int64(st, 0);
			changed = sqlite3_column_int64(st, 1);
		} else {
			rc = db_error(imp->ctx, "cannot merge repeated keys");
		}
		sqlite3_finalize(st);
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

/* Builds the indexes and triggers set aside by load_plan again; a key given
 * twice in the file fails the unique index, which is built again after
 * merge_repeats. */
static int
index_restore(struct import *imp)
{
	size_t i;
	int rc;

	for (i = 0; i < imp->nreindex; i++) {
		rc = sqlite3_exec(imp->ctx->db, imp->reindex[i], NULL, NULL, NULL);
		if ((rc & 0xff) == SQLITE_CONSTRAINT && imp->append) {
			sqlite3_finalize(imp->append);
			imp->append = NULL;
			if ((rc = merge_repeats(imp)) != 0)
				return rc;
			rc = sqlite3_exec(imp->ctx->db, imp->reindex[i], NULL, NULL, NULL);
		}
		if (rc != SQLITE_OK)
			return db_error(imp->ctx, "cannot build the indexes of participation");
	}
	return 0;
}

static int
prepare_participation(struct import *imp)
{
	int rc;

	/* Every key map is whole before the first row: the reader thread
	 * looks keys up without the database. */
	if ((rc = unchecked(imp, true)) != 0 || (rc = load_plan(imp)) != 0 ||
	    (rc = db_prepare(imp->ctx, &imp->find, "SELECT id, fields FROM "
	    "participation WHERE programme_id = ?1 AND coalesce(activity_id, 0) = ?2 "
	    "AND coalesce(person_id, 0) = ?3 AND coalesce(org_id, 0) = ?4")) != 0 ||
	    (rc = load_programmes(imp)) != 0 ||
	    (rc = load_people(imp)) != 0 ||
	    (rc = load_orgs(imp)) != 0 ||
	    (rc = load_activities(imp)) != 0)
		return rc;
	return imp->append ? 0 : stage_prepare(imp);
}

/* Resolves the programme of the row: id and area (NULL when bad). */
static void
part_programme(struct import *imp, int64_t *id, const char **area)
{
	const char *code = need(imp, A_PROGRAMME);
	struct keymap_slot *s;

	*id = 0;
	*area = NULL;
	if (code == NULL)
		return;
	if ((s = keymap_get(&imp->programmes, code)) == NULL) {
		report(imp, "programme", code, "no such programme");
		return;
	}
	if (imp->area && strcmp(s->extra, imp->area) != 0) {
		report(imp, "programme", code, "the programme is not in the area "
		    "given by --area");
		return;
	}
	*id = s->id;
	*area = s->extra;
}

/* Resolves the participant: a person (*person) or an organisation (*org). */
static void
part_participant(struct import *imp, const struct integra_plugin *pl,
    int64_t *person, int64_t *org)
{
	const char *p = val(imp, A_PERSON), *o = val(imp, A_ORG);
	const char *any = val(imp, A_PARTICIPANT);
	struct keymap_slot *s = NULL;
	unsigned kinds = pl ? (pl->participants ? pl->participants :
	    INTEGRA_PARTICIPANT_PERSON) : ~0u;
	int col = p ? A_PERSON : o ? A_ORG : A_PARTICIPANT;

	*person = *org = 0;
	imp->participant = p ? p : o ? o : any;
	if ((p != NULL) + (o != NULL) + (any != NULL) != 1) {
		report(imp, p && o ? "org" : "person", p && o ? o : "",
		    "give exactly one participant: a person key or an organisation code");
		return;
	}
	if ((p || any) && (s = keymap_get(&imp->people, p ? p : any)) != NULL)
		*person = s->id;
	else if ((o || any) && (s = keymap_get(&imp->orgs, o ? o : any)) != NULL)
		*org = s->id;
	if (s == NULL)
		report(imp, participation_cols[col], val(imp, col), p ? "no such person" :
		    o ? "no such organisation" : "no such person or organisation");
	else if ((*person && !(kinds & INTEGRA_PARTICIPANT_PERSON)) ||
	    (*org && !(kinds & INTEGRA_PARTICIPANT_ORGANISATION)))
		report(imp, participation_cols[col], val(imp, col), *person ?
		    "this area's participants are organisations, not people" :
		    "this area's participants are people, not organisations");
}

/* Resolves the optional activity of programme `prog` (the map holds
 * every activity, loaded by prepare_participation). */
static void
part_activity(struct import *imp, int64_t prog, int64_t *id)
{
	const char *code = val(imp, A_ACTIVITY);
	struct keymap_slot *s;
	char key[128];

	*id = 0;
	if (code == NULL || prog == 0)
		return;
	snprintf(key, sizeof(key), "%lld\x1f%s", (long long)prog, code);
	if ((s = keymap_get(&imp->activities, key)) != NULL)
		*id = s->id;
	else
		report(imp, "activity", code, "no such activity in this programme");
}

/* The existing participation of the key: id and fields (NULL if none). */
static int
part_find(struct import *imp, const int64_t k[4], int64_t *id, char **fields)
{
	int i, rc;

	*id = 0;
	*fields = NULL;
	for (i = 0; i < 4; i++)
		sqlite3_bind_int64(imp->find, i + 1, k[i]);
	if ((rc = sqlite3_step(imp->find)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(imp->find, 0);
		*fields = xstrdup((const char *)sqlite3_column_text(imp->find, 1));
	}
	sqlite3_reset(imp->find);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_error(imp->ctx, "cannot read participation");
}

/* A checked number as text for the area's checks: whole numbers without
 * printf, the rest as %g. */
static const char *
number_text(char buf[32], double x)
{
	char tmp[24];
	long long n = (long long)x;
	size_t i = 0, k = 0;

	if (x < 0 || x >= 1e15 || (double)n != x) {
		snprintf(buf, 32, "%g", x);
		return buf;
	}
	do
		tmp[i++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (i > 0)
		buf[k++] = tmp[--i];
	buf[k] = '\0';
	return buf;
}

/* Checks role, status, dates and numbers of a participation row; the
 * numbers are also kept as text, for the area's checks. */
struct part {
	const char *role, *status, *start, *end, *sdate;
	char sd[11], ed[11], td[11], hbuf[32], cbuf[32];
	double hours, credits;
	bool has_hours, has_credits;
};

static void
part_values(struct import *imp, const struct integra_plugin *pl, struct part *v)
{
	static const char *const only[] = { "participant", NULL };
	const char *role = val(imp, A_ROLE);

	v->role = role;
	if (role && pl && check_enum(imp->ctx, "role", role, pl->roles ? pl->roles :
	    only) != 0)
		bad(imp, A_ROLE, role);
	else if (role && !pl)
		ck_code(imp, A_ROLE, "role", role);
	v->status = ck_enum(imp, A_STATUS, "participation status",
	    participation_statuses, NULL);
	v->start = ck_date(imp, A_START, "start", v->sd);
	v->end = ck_date(imp, A_END, "end", v->ed);
	v->sdate = ck_date(imp, A_STATUS_DATE, "status date", v->td);
	ck_order(imp, A_END, v->start, v->end);
	if ((v->has_hours = ck_number(imp, A_HOURS, "hours", &v->hours)))
		number_text(v->hbuf, v->hours);
	if ((v->has_credits = ck_number(imp, A_CREDITS, "credits", &v->credits)))
		number_text(v->cbuf, v->credits);
	ck_text(imp, A_RESULT, "result", val(imp, A_RESULT));
}

/*
 * A checked row waits in imp->pend, its text copied (the reader thread
 * reuses the record a row came from), until it is bound: staged at once,
 * or appended to the empty table APPEND_ROWS at a time through one INSERT
 * of that many rows, which pays the cost of running a statement once for
 * them all.
 */
enum { P_ROLE, P_STATUS, P_START, P_END, P_SDATE, P_RESULT, P_FIELDS, P_TEXTS };

struct pending {
	int64_t k[4];
	double hours, credits;
	bool has_hours, has_credits;
	size_t off[P_TEXTS];	/* in imp->pend_text */
	int len[P_TEXTS];	/* -1: NULL */
};

static void
pend_text(struct import *imp, struct pending *p, int i, const char *s, size_t n)
{
	p->len[i] = s ? (int)n : -1;
	p->off[i] = imp->pend_text.len;
	if (s)
		buf_add(&imp->pend_text, s, n);
}

static void
pend_cell(struct import *imp, struct pending *p, int i, int col)
{
	const char *v = val(imp, col);

	pend_text(imp, p, i, v, v ? imp->cur.len[imp->col[col]] : 0);
}

/* Binds pending row p as row `row` of st. */
static void
pend_bind(struct import *imp, sqlite3_stmt *st, int row, const struct pending *p)
{
	static const int param[P_TEXTS] = { 5, 6, 7, 8, 9, 12, 13 };
	int i, base = row * PART_NCOLS;

	for (i = 0; i < 4; i++)
		bind_id(st, base + i + 1, p->k[i]);
	for (i = 0; i < P_TEXTS; i++)
		if (p->len[i] < 0)
			sqlite3_bind_null(st, base + param[i]);
		else
			sqlite3_bind_text(st, base + param[i], p->len[i] ?
			    imp->pend_text.s + p->off[i] : "", p->len[i], SQLITE_STATIC);
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

/* Checks the area fields with the row's values (merged into the stored
 * ones, old), then stores the row. */
static int
part_store(struct import *imp, const char *area, const int64_t k[4],
    const struct part *v, const char *old)
{
	const struct kv core[] = { { "programme", val(imp, A_PROGRAMME) },
		{ "activity", val(imp, A_ACTIVITY) },
		{ "participant", imp->participant },
		{ "participant_kind", k[2] ? "person" : "organisation" },
		{ "role", v->role ? v->role : "participant" },
		{ "status", v->status ? v->status : "nominated" },
		{ "start", v->start }, { "end", v->end }, { "status_date", v->sdate },
		{ "hours", v->has_hours ? v->hbuf : NULL },
		{ "credits", v->has_credits ? v->cbuf : NULL },
		{ "result", val(imp, A_RESULT) }, { NULL, NULL } };
	char *json = NULL;

	row_fields(imp, area, old, core, &json);
	if (imp->bad) {
		free(json);
		return 0;
	}
	pend_row(imp, k, v, json);
	free(json);
	if (imp->append == NULL)
		return stage_pending(imp);
	if (imp->npend == APPEND_ROWS || imp->pend_text.len > APPEND_TEXT)
		return append_flush(imp);
	return 0;
}

/* A participation row checked against the file and the key maps alone:
 * what the reader thread works out (see rows_piped). */
struct pcheck {
	int64_t k[4];		/* programme, activity, person, organisation */
	const char *area;	/* of the programme */
	const struct integra_plugin *pl;	/* of the area, or NULL */
	const char *participant;	/* the participant's key or code */
	struct part v;
	bool bad;		/* an error was found */
};

static void
part_check(struct import *imp, struct pcheck *c)
{
	memset(c->k, 0, sizeof(c->k));
	c->pl = NULL;
	part_programme(imp, &c->k[0], &c->area);
	if (c->area)
		c->pl = plugins_area(imp->ctx, c->area);
	part_participant(imp, c->pl, &c->k[2], &c->k[3]);
	part_activity(imp, c->k[0], &c->k[1]);
	part_values(imp, c->pl, &c->v);
	c->participant = imp->participant;
}

/* Stores a checked row.  When the area has nothing to check against the
 * stored row, or the table was empty, the row is stored as it is;
 * otherwise its area fields are merged into the stored ones and checked
 * first.  (A key repeated in the file is checked against the stored row,
 * not against its earlier line.) */
static int
part_save(struct import *imp, struct pcheck *c)
{
	const struct integra_plugin *pl = c->pl;
	char *old = NULL;
	int64_t id = 0;
	int rc;

	imp->participant = c->participant;
	if (imp->was_empty || (imp->narea == 0 && (pl == NULL ||
	    (pl->fields == NULL && pl->validate == NULL))))
		return part_store(imp, c->area, c->k, &c->v, NULL);
	if ((rc = part_find(imp, c->k, &id, &old)) == 0)
		rc = part_store(imp, c->area, c->k, &c->v, old);
	free(old);
	return rc;
}

static int
row_participation(struct import *imp)
{
	struct pcheck c;

	part_check(imp, &c);
	return imp->bad ? 0 : part_save(imp, &c);
}

/* ---- the file ---- */

static const struct kind kinds[] = {
	{ "orgs", org_cols, 0, prepare_org, row_org },
	{ "people", person_cols, 0, prepare_person, row_person },
	{ "programmes", programme_cols, INTEGRA_RECORD_PROGRAMME, prepare_programme,
	  row_programme },
	{ "participation", participation_cols, INTEGRA_RECORD_PARTICIPATION,
	  prepare_participation, row_participation },
	{ NULL, NULL, 0, NULL, NULL }
};

/* Adds the area fields a column may name to b (comma-separated) and
 * returns the field called `name` when there is one. */
static const struct integra_field *
area_fields(struct import *imp, const char *name, struct buf *b)
{
	const struct integra_field *found = NULL, *f;
	const struct integra_plugin *pl;
	size_t i, n = plugins_count(imp->ctx);

	if (imp->kind->record == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		pl = plugins_get(imp->ctx, i);
		if (pl == NULL || pl->fields == NULL ||
		    (imp->area && strcmp(pl->area, imp->area) != 0))
			continue;
		for (f = pl->fields; f->name; f++) {
			if (f->record != imp->kind->record || (f->flags & INTEGRA_FIELD_DERIVED))
				continue;
			if (b && !(b->s && strstr(b->s, f->name)))
				buf_printf(b, ", %s", f->name);
			if (name && strcmp(f->name, name) == 0)
				found = f;
		}
	}
	return found;
}

static void
valid_names(struct import *imp, struct buf *b)
{
	const char *const *c;

	for (c = imp->kind->cols; *c; c++)
		buf_printf(b, "%s%s", c == imp->kind->cols ? "" : ", ", *c);
	area_fields(imp, NULL, b);
}

/* Matches one header name to a core column or an area field. */
static int
header_column(struct import *imp, size_t i, char *name)
{
	struct buf b = { 0 };
	size_t k;
	int rc;

	for (k = 0; name[k]; k++)
		if (name[k] >= 'A' && name[k] <= 'Z')
			name[k] = (char)(name[k] - 'A' + 'a');
	for (k = 0; k < i; k++)
		if (strcmp(imp->head[k], name) == 0)
			return error_set(imp->ctx, ERR_INVALID, "%s: column '%s' appears "
			    "twice in the header (columns %zu and %zu)", imp->name, name,
			    k + 1, i + 1);
	for (k = 0; imp->kind->cols[k]; k++) {
		if (strcmp(imp->kind->cols[k], name) == 0) {
			imp->col[k] = (int)i;
			return 0;
		}
	}
	if (area_fields(imp, name, NULL) != NULL) {
		imp->area_names[imp->narea] = name;
		imp->area_col[imp->narea++] = (int)i;
		return 0;
	}
	valid_names(imp, &b);
	rc = error_set(imp->ctx, ERR_INVALID, "%s: unknown column '%s' in the header "
	    "(valid for %s%s%s: %s)", imp->name, name, imp->kind->name,
	    imp->area ? " of area " : "", imp->area ? imp->area : "", b.s);
	buf_release(&b);
	return rc;
}

/* Reports the required columns the header lacks. */
static int
header_required(struct import *imp)
{
	static const int first[] = { 0, 0, 1, 0 }, end[] = { 2, 2, 3, 1 };
	const char *miss = NULL;
	struct buf b = { 0 };
	int k = (int)(imp->kind - kinds), rc, i;

	for (i = first[k]; i < end[k] && !miss; i++)
		if (!has(imp, i))
			miss = imp->kind->cols[i];
	if (k == 2 && !miss && !imp->area && !has(imp, G_AREA))
		miss = "area (or give --area)";
	if (k == 3 && !miss && !has(imp, A_PERSON) && !has(imp, A_ORG) &&
	    !has(imp, A_PARTICIPANT))
		miss = "person, org or participant";
	if (miss == NULL)
		return 0;
	valid_names(imp, &b);
	rc = error_set(imp->ctx, ERR_INVALID, "%s: the header lacks the column %s "
	    "(valid: %s)", imp->name, miss, b.s);
	buf_release(&b);
	return rc;
}

static int
read_header(struct import *imp)
{
	struct buf b = { 0 };
	size_t i;
	int r, rc;

	r = csv_next(&imp->csv);
	if (r == CSV_EOF) {
		valid_names(imp, &b);
		rc = error_set(imp->ctx, ERR_INVALID, "%s is empty: the first line must "
		    "name the columns (valid for %s: %s)", imp->name, imp->kind->name, b.s);
		buf_release(&b);
		return rc;
	}
	if (r != CSV_ROW)
		return error_set(imp->ctx, ERR_INVALID, "%s: %s", imp->name, imp->csv.err);
	imp->nhead = imp->csv.nfields;
	imp->head = xcalloc(imp->nhead, sizeof(*imp->head));
	imp->area_names = xcalloc(imp->nhead, sizeof(*imp->area_names));
	imp->area_col = xcalloc(imp->nhead, sizeof(*imp->area_col));
	imp->assign = xcalloc(imp->nhead + 1, sizeof(*imp->assign));
	for (i = 0; i < MAX_COLS; i++)
		imp->col[i] = -1;
	for (i = 0; i < imp->nhead; i++) {
		imp->head[i] = text_trim(imp->csv.field[i]);
		if ((rc = header_column(imp, i, imp->head[i])) != 0)
			return rc;
	}
	return header_required(imp);
}

/* Writes one CSV field, quoted when it needs to be. */
static void
put_field(FILE *fp, const char *s, bool first)
{
	if (!first)
		putc(',', fp);
	if (strpbrk(s, ",\"\r\n") == NULL && *s != ' ') {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

static int
open_rejects(struct import *imp, const char *path)
{
	struct stat in, out;
	size_t i;

	if (stat(path, &out) == 0 && fstat(imp->fd, &in) == 0 &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino)
		return error_set(imp->ctx, ERR_USAGE, "--rejects '%s' is the file being "
		    "imported", path);
	if ((imp->rejects = fopen(path, "w")) == NULL)
		return error_set(imp->ctx, ERR_FAIL, "cannot create '%s': %s", path,
		    strerror(errno));
	for (i = 0; i < imp->nhead; i++)
		put_field(imp->rejects, imp->csv.field[i], i == 0);
	put_field(imp->rejects, "line", false);
	put_field(imp->rejects, "reason", false);
	fputs("\r\n", imp->rejects);
	return 0;
}

/* Writes the current row, its line and why, to the rejects file. */
static void
write_reject(struct import *imp)
{
	char line[32];
	size_t i;

	if (imp->rejects == NULL)
		return;
	for (i = 0; i < imp->nhead || i < imp->cur.nfields; i++)
		put_field(imp->rejects, i < imp->cur.nfields ? imp->cur.field[i] : "",
		    i == 0);
	snprintf(line, sizeof(line), "%lld", (long long)imp->cur.line);
	put_field(imp->rejects, line, false);
	put_field(imp->rejects, imp->reason.s ? imp->reason.s : "", false);
	fputs("\r\n", imp->rejects);
}

static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Redraws the progress line on a terminal, at most five times a second. */
static void
progress(struct import *imp, bool last)
{
	int64_t rows = imp->rows;
	struct timespec now;
	double t;

	if (!imp->progress || (!last && rows % 4096 != 0))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!last && elapsed(&imp->last, &now) < 0.2)
		return;
	imp->last = now;
	t = elapsed(&imp->t0, &now);
	fprintf(stderr, "\r\033[K%s: %lld rows, %.0f rows/s", imp->name, (long long)rows,
	    t > 0 ? (double)rows / t : 0.0);
	if (imp->size)
		fprintf(stderr, ", %.0f%%", 100.0 * (double)imp->bytes /
		    (double)imp->size);
	if (last)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/*
 * Counts the current row (imp->cur), shows and keeps what is wrong with it
 * (r is what the reader found, err its message), and stores it when it is
 * good.  s carries the reader thread's checks of a participation row, or
 * is NULL: then the kind's row function checks and stores.
 */
static int
take_row(struct import *imp, int r, const char *err, struct rowpipe_slot *s);

/* ---- the reader thread ---- */

/*
 * A participation file is read by two threads (rowpipe.h): the reader
 * parses the CSV and makes every check that needs only the file and the
 * key maps (part_check), while this thread checks the area fields and
 * stores, so parsing overlaps SQLite's work.  The reader works on its own
 * copy of the import and of the context, for the checks' messages; the
 * errors it finds travel with the row and are shown by this thread, so
 * they keep the order of the file.
 */
static void
check_slot(void *arg, struct rowpipe_slot *s)
{
	struct import *rd = arg;
	struct pcheck *c = s->data;

	set_row(rd, s->field, s->len, s->nfields, s->line);
	rd->bad = false;
	rd->defer = s;
	part_check(rd, c);
	c->bad = rd->bad;
}

static int
rows_piped(struct import *imp)
{
	struct import rd = *imp;
	struct ctx rctx = *imp->ctx;
	struct rowpipe *p;
	struct rowpipe_slot *s;
	int rc;

	rd.ctx = &rctx;
	memset(&rd.reason, 0, sizeof(rd.reason));
	if ((rc = rowpipe_start(imp->ctx, &p, &imp->csv, sizeof(struct pcheck),
	    check_slot, &rd)) != 0)
		return rc;
	while ((s = rowpipe_next(p))->r != CSV_EOF) {
		if (s->r == CSV_ERROR) {
			rc = error_set(imp->ctx, ERR_INVALID, "%s: %s; nothing stored",
			    imp->name, s->msgs.s);
			break;
		}
		set_row(imp, s->field, s->len, s->nfields, s->line);
		imp->bytes = s->bytes;
		if ((rc = take_row(imp, s->r, s->msgs.s, s)) != 0)
			break;
	}
	rowpipe_stop(p);
	memset(&imp->cur, 0, sizeof(imp->cur));
	return rc;
}

/* ---- rows ---- */

static int
take_row(struct import *imp, int r, const char *err, struct rowpipe_slot *s)
{
	struct pcheck *c = s ? s->data : NULL;
	const char *m;
	int rc = 0;

	imp->bad = false;
	imp->rows++;
	buf_reset(&imp->reason);
	if (r == CSV_BAD) {
		imp->errors++;
		imp->bad = true;
		buf_adds(&imp->reason, err);
		if (imp->errors <= ERRORS_SHOWN)
			fprintf(stderr, "%s: %s\n", imp->name, err);
	} else if (s != NULL) {
		for (m = s->msgs.s; m && m < s->msgs.s + s->msgs.len; m += strlen(m) + 1)
			emit(imp, m);
		if (!c->bad)
			rc = part_save(imp, c);
	} else {
		rc = imp->kind->row(imp);
	}
	if (rc != 0)
		return rc;
	if (imp->bad) {
		imp->rejected++;
		write_reject(imp);
	}
	progress(imp, false);
	return 0;
}

/* Reads and stores every row in this thread. */
static int
rows_direct(struct import *imp)
{
	int r, rc;

	while ((r = csv_next(&imp->csv)) != CSV_EOF) {
		if (r == CSV_ERROR)
			return error_set(imp->ctx, ERR_INVALID, "%s: %s; nothing stored",
			    imp->name, imp->csv.err);
		set_row(imp, imp->csv.field, imp->csv.len, imp->csv.nfields,
		    imp->csv.line);
		imp->bytes = imp->csv.bytes;
		if ((rc = take_row(imp, r, imp->csv.err, NULL)) != 0)
			return rc;
	}
	return 0;
}

/* Reads and stores every row; ERR_INVALID after an unreadable file. */
static int
import_rows(struct import *imp)
{
	int rc = imp->kind->record == INTEGRA_RECORD_PARTICIPATION ?
	    rows_piped(imp) : rows_direct(imp);

	progress(imp, true);
	if (rc != 0)
		return rc;
	return imp->append ? append_flush(imp) : stage_flush(imp);
}

/* ---- the command ---- */

/* Opens the file (or standard input) and learns its size for progress. */
static int
open_input(struct import *imp)
{
	struct stat sb;

	if (strcmp(imp->path, "-") == 0) {
		imp->fd = STDIN_FILENO;
		imp->name = "<stdin>";
	} else if ((imp->fd = open(imp->path, O_RDONLY | O_CLOEXEC)) < 0) {
		return error_set(imp->ctx, errno == ENOENT ? ERR_NOTFOUND : ERR_FAIL,
		    "cannot open '%s': %s", imp->path, strerror(errno));
	} else {
		imp->name = imp->path;
	}
	if (fstat(imp->fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		return error_set(imp->ctx, ERR_FAIL, "cannot import '%s': it is a directory",
		    imp->path);
	if (fstat(imp->fd, &sb) == 0 && S_ISREG(sb.st_mode))
		imp->size = (uint64_t)sb.st_size;
	csv_init(&imp->csv, imp->fd);
	return 0;
}

/* The one audit row of an import: the file and the counts. */
static int
audit_import(struct import *imp)
{
	return db_exec(imp->ctx, "INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action, old, new) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now'), audit_user(), audit_command(), 'import', ?, 'import', NULL, "
	    "json_object('kind', ?, 'added', ?, 'updated', ?, 'unchanged', ?, "
	    "'rejected', ?))", "ttiiii", imp->name, imp->kind->name, imp->added,
	    imp->updated, imp->unchanged, imp->rejected);
}

/* Ends the import: the summary, or the refusal when rows were bad. */
static int
import_finish(struct import *imp)
{
	struct ctx *ctx = imp->ctx;

	if (imp->errors > ERRORS_SHOWN)
		fprintf(stderr, "%s: ... and %lld more errors\n", imp->name,
		    (long long)(imp->errors - ERRORS_SHOWN));
	if (imp->rejected && !imp->keep_going)
		return error_set(ctx, ERR_INVALID, "%s: %lld %s in %lld %s; nothing "
		    "stored (fix the file, or store the good rows with --keep-going "
		    "--rejects FILE)", imp->name, (long long)imp->errors,
		    imp->errors == 1 ? "error" : "errors", (long long)imp->rejected,
		    imp->rejected == 1 ? "row" : "rows");
	fprintf(ctx->out, "%s%lld added, %lld updated, %lld unchanged, %lld rejected\n",
	    imp->dry_run ? "dry run, nothing stored: " : "", (long long)imp->added,
	    (long long)imp->updated, (long long)imp->unchanged,
	    (long long)imp->rejected);
	if (imp->dry_run) {
		db_rollback(ctx);
		return 0;
	}
	return audit_import(imp);
}

static void
import_release(struct import *imp)
{
	size_t i;

	sqlite3_finalize(imp->ins);
	sqlite3_finalize(imp->upd);
	sqlite3_finalize(imp->find);
	sqlite3_finalize(imp->stage);
	sqlite3_finalize(imp->flush_ins);
	sqlite3_finalize(imp->flush_max);
	sqlite3_finalize(imp->flush_del);
	sqlite3_finalize(imp->append);
	sqlite3_finalize(imp->append_many);
	free(imp->pend);
	buf_release(&imp->pend_text);
	if (imp->unchecked)
		unchecked(imp, false);
	if (imp->stage)
		sqlite3_exec(imp->ctx->db, "DROP TABLE IF EXISTS temp.import_rows",
		    NULL, NULL, NULL);
	keymap_free(&imp->orgs);
	keymap_free(&imp->people);
	keymap_free(&imp->programmes);
	keymap_free(&imp->activities);
	for (i = 0; i < imp->nhead; i++) {
		free(imp->head[i]);
		free(imp->assign[i]);
	}
	free(imp->head);
	free(imp->area_names);
	free(imp->area_col);
	free(imp->assign);
	buf_release(&imp->reason);
	for (i = 0; i < imp->nreindex; i++)
		free(imp->reindex[i]);
	csv_release(&imp->csv);
	if (imp->fd > STDIN_FILENO)
		close(imp->fd);
	if (imp->rejects)
		fclose(imp->rejects);
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
static int
bulk_begin(struct ctx *ctx)
{
	if (ctx->nested)
		return 0;
	if (sqlite3_exec(ctx->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(ctx, "cannot start the import");
	ctx->in_tx = false;
	if (sqlite3_exec(ctx->db, "PRAGMA foreign_keys = OFF; PRAGMA main.cache_size = "
	    "-4096; PRAGMA temp.cache_size = -6000; PRAGMA threads = 2", NULL, NULL,
	    NULL) != SQLITE_OK)
		return db_error(ctx, "cannot start the import");
	return db_begin(ctx);
}

/* Checks the command line: the kind and the option combinations. */
static int
import_args(struct ctx *ctx, struct args *a, struct import *imp)
{
	const struct kind *k;

	for (k = kinds; k->name; k++)
		if (strcmp(k->name, a->pos[0]) == 0)
			break;
	if (k->name == NULL)
		return error_set(ctx, ERR_USAGE, "cannot import '%s' (allowed: orgs, "
		    "people, programmes, participation)", a->pos[0]);
	imp->ctx = ctx;
	imp->kind = k;
	imp->path = a->pos[1];
	imp->name = a->pos[1];
	imp->area = args_get(a, "area");
	imp->dry_run = args_has(a, "dry-run");
	imp->keep_going = args_has(a, "keep-going");
	imp->fd = -1;
	if (imp->keep_going != (args_get(a, "rejects") != NULL))
		return error_set(ctx, ERR_USAGE, "--keep-going and --rejects FILE go "
		    "together: the refused rows must be written somewhere");
	if (imp->area && k->record == 0)
		return error_set(ctx, ERR_USAGE, "--area applies to programmes and "
		    "participation only");
	if (imp->area && plugins_count(ctx) > 0 && plugins_area(ctx, imp->area) == NULL)
		return error_set(ctx, ERR_NOTFOUND, "no plugin of area '%s' is loaded",
		    imp->area);
	return 0;
}

int
cmd_import(struct ctx *ctx, struct args *a)
{
	struct import imp = { 0 };
	bool audit = ctx->audit_off;
	int rc;

	if ((rc = import_args(ctx, a, &imp)) != 0)
		return rc;
	if ((rc = open_input(&imp)) != 0 || (rc = read_header(&imp)) != 0)
		goto out;
	if (args_get(a, "rejects") && (rc = open_rejects(&imp, args_get(a, "rejects"))) != 0)
		goto out;
	ctx->audit_off = true;
	if ((rc = bulk_begin(ctx)) != 0)
		goto out;
	if ((rc = imp.kind->prepare(&imp)) != 0)
		goto out;
	imp.progress = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &imp.t0);
	imp.last = imp.t0;
	if ((rc = import_rows(&imp)) != 0 || (rc = index_restore(&imp)) != 0 ||
	    (imp.unchecked && (rc = unchecked(&imp, false)) != 0))
		goto out;
	ctx->audit_off = audit;
	rc = import_finish(&imp);
out:
	ctx->audit_off = audit;
	import_release(&imp);
	return rc;
}
