/*
 * Results on their way out: the core output formats (table, csv, json),
 * which implement struct integra_format exactly as a plugin's export
 * format does, and the plumbing that streams an SQLite statement through
 * whichever format the user chose.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "fmt_value.h"

/* Internal column flag: the column holds a JSON object of area fields. */
#define OUT_COLUMN_JSON (1u << 16)

struct out {
	struct ctx *ctx;
	struct out_target t;	/* a copy: the target is a value */
	const struct integra_format *f;
	void *state;
	struct integra_output o;
	struct integra_column *cols;
	size_t ncols;
	sqlite3_stmt *flatten;	/* JSON object -> "k=v; k=v" for text formats */
};

static int
write_all(const struct integra_output *o, const void *p, size_t n)
{
	return o->write(o->ud, p, n);
}

static int
write_str(const struct integra_output *o, const char *s)
{
	return o->write(o->ud, s, strlen(s));
}

/* ---- table: aligned by display width, numbers right-aligned ---- */

struct table {
	const struct integra_output *o;
	size_t ncols;
	struct integra_column *cols;
	char **cells;		/* rows * ncols, row-major */
	bool *numeric;		/* per cell */
	size_t rows;
	size_t cap;
	double *totals;
	bool any_total;
};

static int
table_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->o = o;
	t->ncols = ncols;
	t->cols = fmt_columns_copy(cols, ncols);
	t->totals = xcalloc(ncols, sizeof(double));
	for (i = 0; i < ncols; i++)
		if (cols[i].flags & INTEGRA_COLUMN_TOTAL)
			t->any_total = true;
	*state = t;
	return 0;
}

static int
table_row(void *state, const struct integra_value *vals)
{
	struct table *t = state;
	struct buf b = { 0 };
	size_t i, at;

	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof(char *));
		t->numeric = xrealloc(t->numeric, t->cap * t->ncols * sizeof(bool));
	}
	for (i = 0; i < t->ncols; i++) {
		at = t->rows * t->ncols + i;
		fmt_value_text(&b, &vals[i]);
		t->cells[at] = b.s ? xstrdup(b.s) : xstrdup("");
		t->numeric[at] = vals[i].type == INTEGRA_INTEGER ||
		    vals[i].type == INTEGRA_REAL;
		if (vals[i].type == INTEGRA_INTEGER)
			t->totals[i] += (double)vals[i].i;
		else if (vals[i].type == INTEGRA_REAL)
			t->totals[i] += vals[i].r;
	}
	buf_release(&b);
	t->rows++;
	return 0;
}

static int
table_line(struct table *t, char **cells, const bool *numeric, const size_t *w,
    struct buf *line)
{
	size_t i, cw, pad;

	buf_reset(line);
	for (i = 0; i < t->ncols; i++) {
		cw = text_width(cells[i]);
		pad = w[i] > cw ? w[i] - cw : 0;
		if (i)
			buf_adds(line, "  ");
		if (numeric && numeric[i])
			while (pad--)
				buf_addc(line, ' ');
		buf_adds(line, cells[i]);
		if ((!numeric || !numeric[i]) && i + 1 < t->ncols)
			while (pad--)
				buf_addc(line, ' ');
	}
	while (line->len && line->s[line->len - 1] == ' ')
		line->len--;
	buf_addc(line, '\n');
	return write_all(t->o, line->s, line->len);
}

static void
table_free(struct table *t)
{
	strv_free(t->cells, t->rows * t->ncols);
	free(t->numeric);
	free(t->cols);
	free(t->totals);
	free(t);
}

static int
table_close(void *state, int ok)
{
	struct table *t = state;
	size_t *w = xcalloc(t->ncols, sizeof(size_t)), i, r;
	char **hdr = xcalloc(t->ncols, sizeof(char *)), **tot = NULL;
	bool *totnum = NULL;
	struct buf line = { 0 }, b = { 0 };
	int rc = 0;

	if (!ok)
		goto out;
	for (i = 0; i < t->ncols; i++) {
		hdr[i] = xstrdup(t->cols[i].name);
		w[i] = text_width(hdr[i]);
		for (r = 0; r < t->rows; r++)
			if (text_width(t->cells[r * t->ncols + i]) > w[i])
				w[i] = text_width(t->cells[r * t->ncols + i]);
	}
	if (t->any_total && t->rows > 1) {
		tot = xcalloc(t->ncols, sizeof(char *));
		totnum = xcalloc(t->ncols, sizeof(bool));
		for (i = 0; i < t->ncols; i++) {
			buf_reset(&b);
			if (t->cols[i].flags & INTEGRA_COLUMN_TOTAL)
				buf_printf(&b, "%.15g", t->totals[i]);
			else if (i == 0)
				buf_adds(&b, "total");
			tot[i] = xstrdup(b.s ? b.s : "");
			totnum[i] = (t->cols[i].flags & INTEGRA_COLUMN_TOTAL) != 0;
			if (text_width(tot[i]) > w[i])
				w[i] = text_width(tot[i]);
		}
	}
	rc = table_line(t, hdr, NULL, w, &line);
	for (i = 0; rc == 0 && i < t->ncols; i++) {
		buf_reset(&b);
		for (r = 0; r < w[i]; r++)
			buf_addc(&b, '-');
		free(hdr[i]);
		hdr[i] = xstrdup(b.s ? b.s : "");
	}
	if (rc == 0)
		rc = table_line(t, hdr, NULL, w, &line);
	for (i = 0; i < t->ncols; i++)
		free(hdr[i]);
	for (r = 0; rc == 0 && r < t->rows; r++)
		rc = table_line(t, t->cells + r * t->ncols, t->numeric + r * t->ncols,
		    w, &line);
	if (rc == 0 && tot)
		rc = table_line(t, tot, totnum, w, &line);
	for (i = 0; tot && i < t->ncols; i++)
		free(tot[i]);
out:
	free(tot);
	free(totnum);
	free(hdr);
	free(w);
	buf_release(&line);
	buf_release(&b);
	table_free(t);
	return rc;
}

const struct integra_format out_format_table = {
	.name = "table",
	.summary = "aligned columns for the terminal",
	.extension = "txt",
	.open = table_open,
	.row = table_row,
	.close = table_close,
};

/* ---- csv: RFC 4180, CRLF, UTF-8; --excel: a BOM, formulas kept text ---- */

struct csv {
	const struct integra_output *o;
	size_t ncols;
	struct buf line;
	struct buf cell;
};

static void
csv_field(struct buf *line, const char *s, size_t n)
{
	size_t i, start;

	if (strcspn(s, ",\"\r\n") >= n && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		buf_add(line, s, n);
		return;
	}
	buf_addc(line, '"');
	for (i = 0; i < n; i = start) {
		for (start = i; start < n && s[start] != '"'; start++)
			;
		if (start < n)
			start++;	/* include the quote, then double it */
		buf_add(line, s + i, start - i);
		if (start > i && s[start - 1] == '"')
			buf_addc(line, '"');
	}
	buf_addc(line, '"');
}

/* Whether a spreadsheet would read text s as a formula: it starts with one
 * of the characters OWASP lists (= + - @, tab, carriage return). */
static bool
csv_formula(const char *s, size_t n)
{
	return n > 0 && memchr("=+-@\t\r", s[0], 6) != NULL;
}

/*
 * One text cell.  For spreadsheets (--excel) a cell that would start a
 * formula gets a leading apostrophe, so that it stays text; without
 * --excel the text goes out as it is, byte for byte.
 */
static void
csv_text(struct csv *c, const char *s, size_t n)
{
	if (!c->o->excel || !csv_formula(s, n)) {
		csv_field(&c->line, s, n);
		return;
	}
	buf_reset(&c->cell);
	buf_addc(&c->cell, '\'');
	buf_add(&c->cell, s, n);
	csv_field(&c->line, c->cell.s, c->cell.len);
}

static int
csv_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct csv *c = xcalloc(1, sizeof(*c));
	size_t i;

	c->o = o;
	c->ncols = ncols;
	if (o->excel)
		buf_adds(&c->line, "\xef\xbb\xbf");
	for (i = 0; i < ncols; i++) {
		if (i)
			buf_addc(&c->line, ',');
		csv_text(c, cols[i].name, strlen(cols[i].name));
	}
	buf_adds(&c->line, "\r\n");
	*state = c;
	return write_all(o, c->line.s, c->line.len);
}

static int
csv_row(void *state, const struct integra_value *vals)
{
	struct csv *c = state;
	size_t i;

	buf_reset(&c->line);
	for (i = 0; i < c->ncols; i++) {
		if (i)
			buf_addc(&c->line, ',');
		if (vals[i].type == INTEGRA_TEXT || vals[i].type == INTEGRA_DATE ||
		    vals[i].type == INTEGRA_ENUM || vals[i].type == INTEGRA_REFERENCE) {
			if (vals[i].s)
				csv_text(c, vals[i].s, vals[i].n ? vals[i].n :
				    strlen(vals[i].s));
			continue;
		}
		fmt_value_text(&c->cell, &vals[i]);
		buf_add(&c->line, c->cell.s ? c->cell.s : "", c->cell.len);
	}
	buf_adds(&c->line, "\r\n");
	return write_all(c->o, c->line.s, c->line.len);
}

static int
csv_close(void *state, int ok)
{
	struct csv *c = state;

	(void)ok;
	buf_release(&c->line);
	buf_release(&c->cell);
	free(c);
	return 0;
}

const struct integra_format out_format_csv = {
	.name = "csv",
	.summary = "comma-separated values (RFC 4180, UTF-8)",
	.extension = "csv",
	.open = csv_open,
	.row = csv_row,
	.close = csv_close,
};

/* ---- json: an array of objects with typed numbers ---- */

struct json {
	const struct integra_output *o;
	struct integra_column *cols;
	size_t ncols;
	size_t rows;
	struct buf line;
	struct buf keys;	/* each column's `"name": ` (after ", "), run together */
	size_t *key_at;		/* where each column's key starts in keys; ncols + 1 */
};

/* Appends s as a JSON string. */
static void
json_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start;
	unsigned char c;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		for (start = i; i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' &&
		    s[i] != '\\'; i++)
			;
		buf_add(b, s + start, i - start);	/* the run needing no escape */
		if (i == n)
			break;
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\r') {
			buf_adds(b, "\\r");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (c < 0x20) {
			buf_adds(b, "\\u00");
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

/* Appends a value as JSON; raw: text that is JSON already. */
static void
json_value(struct buf *b, const struct integra_value *v, bool raw)
{
	if (fmt_number(b, v, 17))
		return;
	if (v->type == INTEGRA_NULL || v->type == INTEGRA_REAL)
		buf_adds(b, "null");
	else if (v->type == INTEGRA_BOOLEAN)
		buf_adds(b, v->i ? "true" : "false");
	else if (raw && v->s)
		buf_add(b, v->s, v->n ? v->n : strlen(v->s));
	else
		json_string(b, v->s ? v->s : "", v->s ? (v->n ? v->n : strlen(v->s)) : 0);
}

static int
json_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct json *j = xcalloc(1, sizeof(*j));
	size_t i;

	j->o = o;
	j->ncols = ncols;
	j->cols = fmt_columns_copy(cols, ncols);
	j->key_at = xcalloc(ncols + 1, sizeof(size_t));
	for (i = 0; i < ncols; i++) {
		j->key_at[i] = j->keys.len;
		if (i)
			buf_adds(&j->keys, ", ");
		json_string(&j->keys, cols[i].name, strlen(cols[i].name));
		buf_adds(&j->keys, ": ");
	}
	j->key_at[ncols] = j->keys.len;
	*state = j;
	return write_str(o, "[");
}

static int
json_row(void *state, const struct integra_value *vals)
{
	struct json *j = state;
	size_t i;

	buf_reset(&j->line);
	buf_adds(&j->line, j->rows++ ? ",\n  {" : "\n  {");
	for (i = 0; i < j->ncols; i++) {
		buf_add(&j->line, j->keys.s + j->key_at[i], j->key_at[i + 1] - j->key_at[i]);
		json_value(&j->line, &vals[i], (j->cols[i].flags & OUT_COLUMN_JSON) != 0);
	}
	buf_addc(&j->line, '}');
	return write_all(j->o, j->line.s, j->line.len);
}

static int
json_close(void *state, int ok)
{
	struct json *j = state;
	int rc = ok ? write_str(j->o, j->rows ? "\n]\n" : "]\n") : 0;

	buf_release(&j->line);
	buf_release(&j->keys);
	free(j->key_at);
	free(j->cols);
	free(j);
	return rc;
}

const struct integra_format out_format_json = {
	.name = "json",
	.summary = "an array of JSON objects with typed values",
	.extension = "json",
	.open = json_open,
	.row = json_row,
	.close = json_close,
};

/* ---- plumbing ---- */

static const struct integra_format *const core_formats[] = {
	&out_format_table, &out_format_csv, &out_format_json, &out_format_html
};

/* The format called name: a core one, else a plugin's; NULL with an error
 * that lists the valid names. */
const struct integra_format *
out_format_find(struct ctx *ctx, const char *name)
{
	const struct integra_format *f;
	struct buf names = { 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(core_formats); i++)
		if (strcmp(core_formats[i]->name, name) == 0)
			return core_formats[i];
	if ((f = plugins_format(ctx, name)) != NULL)
		return f;
	for (i = 0; i < ARRAY_SIZE(core_formats); i++)
		buf_printf(&names, "%s%s", i ? ", " : "", core_formats[i]->name);
	plugins_format_names(ctx, &names);
	error_set(ctx, ERR_USAGE, "unknown format '%s' (valid: %s)", name, names.s);
	buf_release(&names);
	return NULL;
}

static int
file_write(void *ud, const void *buf, size_t len)
{
	FILE *fp = ud;

	if (len && fwrite(buf, 1, len, fp) != len)
		return ERR_FAIL;
	return 0;
}

/* The target for ctx->out in the format called name (NULL for "table"). */
int
out_target_init(struct ctx *ctx, const char *name, struct out_target *t)
{
	memset(t, 0, sizeof(*t));
	if ((t->format = out_format_find(ctx, name ? name : "table")) == NULL)
		return ctx->err;
	t->fp = ctx->out;
	t->mode = ctx->cfg ? cfg_output_mode(ctx->cfg) : 0640;
	return 0;
}

/* Refuses what the format cannot do on this target. */
int
out_target_check(struct ctx *ctx, const struct out_target *t, bool to_file)
{
	const struct integra_format *f = t->format;

	if (f->flags & INTEGRA_FORMAT_NEEDS_FILE && !to_file)
		return error_set(ctx, ERR_USAGE,
		    "format '%s' writes a file: give one with -o FILE", f->name);
	if (f->flags & INTEGRA_FORMAT_BINARY && !to_file && isatty(fileno(t->fp)))
		return error_set(ctx, ERR_USAGE,
		    "format '%s' is binary: give a file with -o FILE", f->name);
	return 0;
}

/* Starts a result in target t's format on its stream. */
int
out_open_to(struct ctx *ctx, const struct out_target *t, const char *title,
    const struct integra_column *cols, size_t ncols, struct out **outp)
{
	struct out *o;
	int rc;

	if ((rc = out_target_check(ctx, t, t->path != NULL)) != 0)
		return rc;
	o = xcalloc(1, sizeof(*o));
	o->ctx = ctx;
	o->t = *t;
	o->f = t->format;
	o->ncols = ncols;
	o->cols = fmt_columns_copy(cols, ncols);
	o->o.size = sizeof(o->o);
	o->o.path = t->path;
	o->o.title = title;
	o->o.write = file_write;
	o->o.ud = t->fp;
	o->o.excel = t->excel;
	o->state = NULL;
	rc = o->f->open(&o->o, o->cols, ncols, &o->state);
	if (rc != 0) {
		if (o->state)	/* begun, then failed: close() frees it */
			o->f->close(o->state, 0);
		free(o->cols);
		free(o);
		return ctx->err ? ctx->err : error_set(ctx, ERR_FAIL,
		    "cannot start %s output", t->format->name);
	}
	*outp = o;
	return 0;
}

/* Starts a command's result: where the dispatcher sends it, else the
 * user's format on ctx->out. */
int
out_open(struct ctx *ctx, const char *title, const struct integra_column *cols,
    size_t ncols, struct out **outp)
{
	struct out_target t;
	int rc;

	if (ctx->target)
		return out_open_to(ctx, ctx->target, title, cols, ncols, outp);
	if ((rc = out_target_init(ctx, ctx->format, &t)) != 0)
		return rc;
	return out_open_to(ctx, &t, title, cols, ncols, outp);
}

int
out_row(struct out *o, const struct integra_value *vals)
{
	int rc = o->f->row(o->state, vals);

	if (rc != 0 && o->ctx->err == 0)
		error_set(o->ctx, ERR_FAIL, "cannot write %s output", o->f->name);
	return rc;
}

/* Ends the result: the format's close, then the stream flushed; a write
 * that failed on the way (the stream's error flag) fails it too. */
int
out_close(struct out *o, bool ok)
{
	int rc = o->f->close(o->state, ok);

	if (ok && rc == 0 && (fflush(o->t.fp) != 0 || ferror(o->t.fp)))
		rc = ERR_FAIL;
	if (ok && rc != 0 && o->ctx->err == 0)
		error_set(o->ctx, ERR_FAIL, "cannot write %s output", o->f->name);
	sqlite3_finalize(o->flatten);
	free(o->cols);
	free(o);
	return rc;
}

/* Converts one SQLite column of the current row to a value.  Columns
 * flagged JSON are flattened to "k=v; k=v" for the text formats. */
static int
column_value(struct out *o, sqlite3_stmt *st, int i, struct integra_value *v)
{
	int step;

	db_column_value(st, i, o->cols[i].type == INTEGRA_DATE ? INTEGRA_DATE :
	    INTEGRA_TEXT, v);
	if (v->s == NULL || !(o->cols[i].flags & OUT_COLUMN_JSON) ||
	    o->f == &out_format_json)
		return 0;
	if (o->flatten == NULL && db_prepare(o->ctx, &o->flatten, "SELECT "
	    "group_concat(key || '=' || coalesce(value, ''), '; ') FROM json_each(?)") != 0)
		return o->ctx->err;
	sqlite3_reset(o->flatten);
	sqlite3_bind_text(o->flatten, 1, v->s, (int)v->n, SQLITE_TRANSIENT);
	if ((step = sqlite3_step(o->flatten)) != SQLITE_ROW)
		return db_error(o->ctx, "cannot read the area fields");
	if (sqlite3_column_text(o->flatten, 0)) {
		v->s = (const char *)sqlite3_column_text(o->flatten, 0);
		v->n = (size_t)sqlite3_column_bytes(o->flatten, 0);
	} else {
		v->type = INTEGRA_NULL;
	}
	return 0;
}

/* Column descriptions of a statement, with hints taken by name. */
static struct integra_column *
stmt_columns(sqlite3_stmt *st, const struct integra_column *hints, size_t *n)
{
	struct integra_column *cols;
	const struct integra_column *h;
	int i, nc = sqlite3_column_count(st);

	cols = xcalloc((size_t)nc + 1, sizeof(*cols));
	for (i = 0; i < nc; i++) {
		cols[i].name = sqlite3_column_name(st, i);
		if (strcmp(cols[i].name, "fields") == 0)
			cols[i].flags |= OUT_COLUMN_JSON;
		for (h = hints; h && h->name; h++) {
			if (strcmp(h->name, cols[i].name) == 0) {
				cols[i].type = h->type;
				cols[i].flags |= h->flags;
			}
		}
	}
	*n = (size_t)nc;
	return cols;
}

/* Streams every row of a prepared statement through the user's format to
 * ctx->out; finalizes the statement.  A failed step is an error, not a
 * short result. */
int
out_query(struct ctx *ctx, const char *title, sqlite3_stmt *st,
    const struct integra_column *hints)
{
	struct integra_column *cols;
	struct integra_value *vals;
	struct out *o = NULL;
	size_t n, i;
	int rc, step = SQLITE_DONE;

	cols = stmt_columns(st, hints, &n);
	vals = xcalloc(n + 1, sizeof(*vals));
	rc = out_open(ctx, title, cols, n, &o);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; rc == 0 && i < n; i++)
			rc = column_value(o, st, (int)i, &vals[i]);
		if (rc == 0)
			rc = out_row(o, vals);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(ctx, "query failed");
	if (o)
		rc = out_close(o, rc == 0) ? (rc ? rc : ctx->err) : rc;
	sqlite3_finalize(st);
	free(vals);
	free(cols);
	return rc;
}

/* Prints the area fields (a JSON object) one per line, names padded to w. */
static int
record_fields_lines(struct ctx *ctx, const char *json, size_t w)
{
	sqlite3_stmt *each;
	const char *name, *val;
	int step, rc;

	if (db_prepare(ctx, &each, "SELECT key, value FROM json_each(?)") != 0)
		return ctx->err;
	sqlite3_bind_text(each, 1, json ? json : "{}", -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(each)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(each, 0);
		val = (const char *)sqlite3_column_text(each, 1);
		fprintf(ctx->out, "%s:%*s %s\n", name,
		    (int)(w > text_width(name) ? w - text_width(name) : 0), "",
		    val ? val : "");
	}
	rc = step == SQLITE_DONE ? 0 : db_error(ctx, "cannot read the area fields");
	sqlite3_finalize(each);
	return rc;
}

/* The record of the current row vertically: one line per column, the
 * area fields one per line. */
static int
record_lines(struct ctx *ctx, sqlite3_stmt *st)
{
	size_t w = 0, i, n;
	int nc = sqlite3_column_count(st), rc = 0;
	const char *name, *val;

	for (i = 0; i < (size_t)nc; i++)
		if ((n = text_width(sqlite3_column_name(st, (int)i))) > w)
			w = n;
	for (i = 0; rc == 0 && i < (size_t)nc; i++) {
		name = sqlite3_column_name(st, (int)i);
		val = (const char *)sqlite3_column_text(st, (int)i);
		if (strcmp(name, "fields") == 0)
			rc = record_fields_lines(ctx, val, w);
		else
			fprintf(ctx->out, "%s:%*s %s\n", name,
			    (int)(w - text_width(name)), "", val ? val : "");
	}
	return rc;
}

/* Shows one record: vertically for the table format (area fields one per
 * line), as one row otherwise.  ERR_NOTFOUND when the query has no row. */
int
out_record(struct ctx *ctx, struct sqlite3_stmt *st)
{
	int rc;

	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? ERR_NOTFOUND : db_error(ctx, "query failed");
	}
	if (ctx->format && strcmp(ctx->format, "table") != 0) {
		sqlite3_reset(st);
		return out_query(ctx, NULL, st, NULL);
	}
	rc = record_lines(ctx, st);
	sqlite3_finalize(st);
	if (rc == 0 && (fflush(ctx->out) != 0 || ferror(ctx->out)))
		rc = error_set(ctx, ERR_FAIL, "cannot write output");
	return rc;
}
