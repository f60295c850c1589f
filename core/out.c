/*
 * Results on their way out: the registry of formats (the core's table,
 * csv, json and html in fmt_*.c, then the plugins'), the output target,
 * and the plumbing that streams an SQLite statement through whichever
 * format the user chose.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "fmt_value.h"
#include "term.h"
#include "labels.h"

struct out {
	struct ctx *ctx;
	struct out_target t;	/* a copy: the target is a value */
	const struct integra_format *f;
	void *state;
	struct integra_output o;
	struct integra_column *cols;
	size_t ncols;
	struct dbst *flatten;	/* JSON object -> "k=v; k=v" for text formats */
	bool human;		/* labels and values in the user's language */
	bool local_dates;	/* dates as the language writes them: the core's
				 * text formats; a plugin's format gets them ISO,
				 * typed, and writes them its own way (xlsx: date
				 * cells) */
	struct integra_value *hv;	/* a row as a person reads it */
	char (*dates)[16];	/* its dates, per column */
	bool *named;		/* per column: its values may have names */
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

/*
 * The stable machine interface: csv and json get the identifiers, the
 * column names and enumeration values exactly as stored, whatever the
 * language; every other format (table, html, the plugins') is read by a
 * person and gets labels, names of values and dates in the language of the
 * messages, and so does csv with --labels.
 */
static bool
is_human(const struct ctx *ctx, const struct out_target *t)
{
	if (t->format == &out_format_json)
		return false;
	return t->format != &out_format_csv || t->labels || ctx->labels;
}

/* Gives the columns of a human format their labels, and the machine
 * formats none. */
static void
set_labels(struct out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		o->cols[i].label = o->human ? label_column(o->ctx, &o->cols[i]) : NULL;
	if (o->human) {
		o->hv = xcalloc(o->ncols + 1, sizeof(*o->hv));
		o->dates = xcalloc(o->ncols + 1, sizeof(*o->dates));
		o->named = xcalloc(o->ncols + 1, sizeof(*o->named));
		for (i = 0; i < o->ncols; i++)
			o->named[i] = label_has_values(o->ctx, o->cols[i].name);
	}
}

/* Value v of column i as a person reads it: a date as the language writes
 * it, an enumeration value by its name. */
static void
human_value(struct out *o, size_t i, struct integra_value *v)
{
	const char *t;
	size_t n;

	if ((v->type != INTEGRA_TEXT && v->type != INTEGRA_DATE &&
	    v->type != INTEGRA_ENUM) || v->s == NULL)
		return;
	n = v->n ? v->n : strlen(v->s);
	if (o->local_dates && i18n_date(v->s, n, o->dates[i])) {
		v->s = o->dates[i];
		v->n = strlen(v->s);
	} else if (o->named[i] &&
	    (t = label_value(o->ctx, o->cols[i].name, v->s, n)) != v->s) {
		v->s = t;
		v->n = strlen(t);
	}
}

/* Frees o and what it holds. */
static void
out_free(struct out *o)
{
	free(o->hv);
	free(o->dates);
	free(o->named);
	free(o->cols);
	free(o);
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
	o->f = fmt_pick(ctx, t);	/* the table may turn vertical */
	o->ncols = ncols;
	o->cols = fmt_columns_copy(cols, ncols);
	o->human = is_human(ctx, t);
	o->local_dates = o->human && (o->f == &out_format_table ||
	    o->f == &out_format_html || o->f == &out_format_csv);
	set_labels(o);
	o->o.size = sizeof(o->o);
	o->o.path = t->path;
	o->o.title = o->human && ctx ? label_text(ctx, title) : title;
	o->o.write = file_write;
	o->o.ud = t->fp;
	o->o.excel = t->excel;
	o->o.heading = t->heading;
	o->state = NULL;
	rc = o->f->open(&o->o, o->cols, ncols, &o->state);
	if (rc != 0) {
		if (o->state)	/* begun, then failed: close() frees it */
			o->f->close(o->state, 0);
		out_free(o);
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
	size_t i;
	int rc;

	if (o->human) {
		memcpy(o->hv, vals, o->ncols * sizeof(*vals));
		for (i = 0; i < o->ncols; i++)
			human_value(o, i, &o->hv[i]);
		vals = o->hv;
	}
	rc = o->f->row(o->state, vals);

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
	dbst_finalize(o->flatten);
	out_free(o);
	return rc;
}

/* Converts one SQLite column of the current row to a value.  Columns
 * flagged JSON are flattened to "k=v; k=v" for the text formats. */
static int
column_value(struct out *o, struct dbst *st, int i, struct integra_value *v)
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
	dbst_reset(o->flatten);
	dbst_bind_text(o->flatten, 1, v->s, (int)v->n);
	if ((step = dbst_step(o->flatten)) != DB_ROW)
		return db_error(o->ctx, "cannot read the area fields");
	if (dbst_text(o->flatten, 0)) {
		v->s = dbst_text(o->flatten, 0);
		v->n = (size_t)dbst_bytes(o->flatten, 0);
	} else {
		v->type = INTEGRA_NULL;
	}
	return 0;
}

/* Column descriptions of a statement, with hints taken by name. */
static struct integra_column *
stmt_columns(struct dbst *st, const struct integra_column *hints, size_t *n)
{
	struct integra_column *cols;
	const struct integra_column *h;
	int i, nc = dbst_ncols(st);

	cols = xcalloc((size_t)nc + 1, sizeof(*cols));
	for (i = 0; i < nc; i++) {
		cols[i].name = dbst_name(st, i);
		if (strcmp(cols[i].name, "fields") == 0)
			cols[i].flags |= OUT_COLUMN_JSON;
		for (h = hints; h && h->name; h++) {
			if (strcmp(h->name, cols[i].name) == 0) {
				cols[i].type = h->type;
				cols[i].flags |= h->flags;
				cols[i].label = h->label;
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
out_query(struct ctx *ctx, const char *title, struct dbst *st,
    const struct integra_column *hints)
{
	struct integra_column *cols;
	struct integra_value *vals;
	struct out *o = NULL;
	size_t n, i;
	int rc, step = DB_DONE;

	cols = stmt_columns(st, hints, &n);
	vals = xcalloc(n + 1, sizeof(*vals));
	rc = out_open(ctx, title, cols, n, &o);
	while (rc == 0 && (step = dbst_step(st)) == DB_ROW) {
		for (i = 0; rc == 0 && i < n; i++)
			rc = column_value(o, st, (int)i, &vals[i]);
		if (rc == 0)
			rc = out_row(o, vals);
	}
	if (rc == 0 && step != DB_DONE)
		rc = db_error(ctx, "query failed");
	if (o)
		rc = out_close(o, rc == 0) ? (rc ? rc : ctx->err) : rc;
	dbst_finalize(st);
	free(vals);
	free(cols);
	return rc;
}

/* One line of a record shown vertically: the label of name padded to w,
 * the value as a person reads it (a date as the language writes it, an
 * enumeration value by its name). */
static void
record_line(struct ctx *ctx, const char *label, const char *name,
    const char *val, size_t w)
{
	char date[16];
	size_t lw = text_width(label);

	if (val && i18n_date(val, strlen(val), date))
		val = date;
	else if (val)
		val = label_value(ctx, name, val, 0);
	fprintf(ctx->out, "%s:%*s %s\n", label, (int)(w > lw ? w - lw : 0), "",
	    val ? val : "");
}

/* The label of the area field called name: the one a loaded plugin
 * declares, translated, else name. */
static const char *
field_label(struct ctx *ctx, const char *name)
{
	const struct integra_plugin *p;
	const struct integra_field *f;
	size_t i;

	for (i = 0; i < plugins_count(ctx); i++) {
		p = plugins_get(ctx, i);
		for (f = p->fields; f && f->name; f++)
			if (strcmp(f->name, name) == 0 && f->label && *f->label &&
			    strcmp(label_plugin(p, f->label), f->label) != 0)
				return label_plugin(p, f->label);
	}
	return name;
}

/* Prints the area fields (a JSON object) one per line, names padded to w. */
static int
record_fields_lines(struct ctx *ctx, const char *json, size_t w)
{
	struct dbst *each;
	const char *name;
	int step, rc;

	if (db_prepare(ctx, &each, "SELECT key, value FROM json_each(?)") != 0)
		return ctx->err;
	dbst_bind_text(each, 1, json ? json : "{}", -1);
	while ((step = dbst_step(each)) == DB_ROW) {
		name = dbst_text(each, 0);
		record_line(ctx, field_label(ctx, name), name,
		    dbst_text(each, 1), w);
	}
	rc = step == DB_DONE ? 0 : db_error(ctx, "cannot read the area fields");
	dbst_finalize(each);
	return rc;
}

/* The record of the current row vertically: one line per column, the
 * area fields one per line; labels and values in the user's language. */
static int
record_lines(struct ctx *ctx, struct dbst *st)
{
	size_t w = 0, i, n;
	int nc = dbst_ncols(st), rc = 0;
	const char *name, *val;

	for (i = 0; i < (size_t)nc; i++)
		if ((n = text_width(label_name(ctx, dbst_name(st, (int)i)))) > w)
			w = n;
	for (i = 0; rc == 0 && i < (size_t)nc; i++) {
		name = dbst_name(st, (int)i);
		val = dbst_text(st, (int)i);
		if (strcmp(name, "fields") == 0)
			rc = record_fields_lines(ctx, val, w);
		else
			record_line(ctx, label_name(ctx, name), name, val, w);
	}
	return rc;
}

/* Shows one record: vertically for the table format (area fields one per
 * line), as one row otherwise.  ERR_NOTFOUND when the query has no row. */
int
out_record(struct ctx *ctx, struct dbst *st)
{
	int rc;

	if ((rc = dbst_step(st)) != DB_ROW) {
		dbst_finalize(st);
		return rc == DB_DONE ? ERR_NOTFOUND : db_error(ctx, "query failed");
	}
	if (ctx->format && strcmp(ctx->format, "table") != 0) {
		dbst_reset(st);
		return out_query(ctx, NULL, st, NULL);
	}
	rc = record_lines(ctx, st);
	dbst_finalize(st);
	if (rc == 0 && (fflush(ctx->out) != 0 || ferror(ctx->out)))
		rc = error_set(ctx, ERR_FAIL, "cannot write output");
	return rc;
}
