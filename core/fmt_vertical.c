/*
 * The vertical record view, as psql's \x: one block per record, a line
 * "-[ RECORD N ]-" and then one line per column, "label | value".  Two
 * formats: `vertical` itself (--vertical, --format vertical), and
 * `table-fit`, which the output plumbing uses for the table format on a
 * terminal: it keeps the rows, and at the end writes them as the table
 * format would when the table fits the width (COLUMNS, or the terminal's),
 * else vertically.  Also the width of the terminal, for both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "integra.h"
#include "i18n.h"
#include "fmt_value.h"
#include "term.h"

/* The width results must fit in for fd: COLUMNS when it is a number,
 * else the terminal's when fd is one (-1: none); 0 when there is no
 * limit. */
size_t
fmt_term_width(int fd)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (cols && *cols) {
		n = strtol(cols, &end, 10);
		if (*end == '\0' && n > 0 && n < 100000)
			return (size_t)n;
	}
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* The header of a column in the human formats: its label, else its name. */
static const char *
col_header(const struct integra_column *c)
{
	return c->label && *c->label ? c->label : c->name;
}

/* ---- vertical ---- */

struct vertical {
	const struct integra_output *o;
	struct integra_column *cols;
	size_t ncols;
	size_t w;		/* widest header */
	size_t rows;
	struct buf line;
};

static int
vertical_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct vertical *v = xcalloc(1, sizeof(*v));
	size_t i;

	v->o = o;
	v->ncols = ncols;
	v->cols = fmt_columns_copy(cols, ncols);
	for (i = 0; i < ncols; i++)
		if (text_width(col_header(&cols[i])) > v->w)
			v->w = text_width(col_header(&cols[i]));
	*state = v;
	return 0;
}

/* Appends n times c. */
static void
repeat(struct buf *b, char c, size_t n)
{
	while (n--)
		buf_addc(b, c);
}

/* Appends "label | value", a value of several lines continued under it. */
static void
vertical_field(struct vertical *v, const char *label, const char *val)
{
	const char *nl;

	buf_adds(&v->line, label);
	repeat(&v->line, ' ', v->w - text_width(label));
	buf_adds(&v->line, " |");
	do {
		nl = strchr(val, '\n');
		if (nl != val && *val)
			buf_addc(&v->line, ' ');
		buf_add(&v->line, val, nl ? (size_t)(nl - val) : strlen(val));
		buf_addc(&v->line, '\n');
		if (nl) {
			repeat(&v->line, ' ', v->w);
			buf_adds(&v->line, " |");
		}
		val = nl ? nl + 1 : val;
	} while (nl);
}

static int
vertical_row(void *state, const struct integra_value *vals)
{
	struct vertical *v = state;
	struct buf b = { 0 };
	size_t i, len;
	int rc;

	buf_reset(&v->line);
	len = (size_t)snprintf(NULL, 0, "-[ RECORD %zu ]", v->rows + 1);
	buf_printf(&v->line, "-[ RECORD %zu ]", ++v->rows);
	if (v->w + 1 > len) {	/* the '+' above the '|' of the fields */
		repeat(&v->line, '-', v->w + 1 - len);
		buf_addc(&v->line, '+');
	}
	buf_adds(&v->line, "---------\n");
	for (i = 0; i < v->ncols; i++) {
		buf_reset(&b);
		fmt_value_text(&b, &vals[i]);
		vertical_field(v, col_header(&v->cols[i]), b.s ? b.s : "");
	}
	rc = fmt_write(v->o, v->line.s, v->line.len);
	buf_release(&b);
	return rc;
}

static int
vertical_close(void *state, int ok)
{
	struct vertical *v = state;
	int rc = 0;

	if (ok && v->rows == 0)
		rc = fmt_puts(v->o, _("(no rows)\n"));
	buf_release(&v->line);
	free(v->cols);
	free(v);
	return rc;
}

const struct integra_format out_format_vertical = {
	.name = "vertical",
	.summary = "one block per record, for wide results (as psql \\x)",
	.extension = "txt",
	.open = vertical_open,
	.row = vertical_row,
	.close = vertical_close,
};

/* ---- table-fit: the table, or vertical when it is too wide ---- */

struct fit {
	const struct integra_output *o;
	struct integra_column *cols;
	size_t ncols;
	size_t *w;		/* per column: the widest header or cell */
	struct integra_value *vals;	/* rows * ncols, the texts copied */
	size_t rows, cap;
	size_t limit;
};

static int
fit_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct fit *f = xcalloc(1, sizeof(*f));
	size_t i;

	f->o = o;
	f->ncols = ncols;
	f->cols = fmt_columns_copy(cols, ncols);
	f->w = xcalloc(ncols + 1, sizeof(size_t));
	for (i = 0; i < ncols; i++)
		f->w[i] = text_width(col_header(&cols[i]));
	f->limit = fmt_term_width(-1);	/* COLUMNS: fmt_pick set it */
	*state = f;
	return 0;
}

static int
fit_row(void *state, const struct integra_value *vals)
{
	struct fit *f = state;
	struct integra_value *v;
	struct buf b = { 0 };
	size_t i, len;

	if (f->rows == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->vals = xrealloc(f->vals, f->cap * f->ncols * sizeof(*f->vals));
	}
	for (i = 0; i < f->ncols; i++) {
		v = &f->vals[f->rows * f->ncols + i];
		*v = vals[i];
		if (vals[i].s) {
			len = vals[i].n ? vals[i].n : strlen(vals[i].s);
			v->s = xstrndup(vals[i].s, len);
			v->n = len;
		}
		buf_reset(&b);
		fmt_value_text(&b, v);
		if (b.s && text_width(b.s) > f->w[i])
			f->w[i] = text_width(b.s);
	}
	buf_release(&b);
	f->rows++;
	return 0;
}

/* Replays the rows kept into format fmt. */
static int
fit_replay(struct fit *f, const struct integra_format *fmt)
{
	void *st = NULL;
	size_t r;
	int rc;

	if ((rc = fmt->open(f->o, f->cols, f->ncols, &st)) != 0) {
		if (st)
			fmt->close(st, 0);
		return rc;
	}
	for (r = 0; rc == 0 && r < f->rows; r++)
		rc = fmt->row(st, f->vals + r * f->ncols);
	return fmt->close(st, rc == 0) ? (rc ? rc : ERR_FAIL) : rc;
}

static int
fit_close(void *state, int ok)
{
	struct fit *f = state;
	size_t i, width = 0;
	int rc = 0;

	for (i = 0; i < f->ncols; i++)
		width += f->w[i] + (i ? 2 : 0);
	if (ok)
		rc = fit_replay(f, f->limit && width > f->limit && f->rows > 0 ?
		    &out_format_vertical : &out_format_table);
	for (i = 0; i < f->rows * f->ncols; i++)
		free((char *)f->vals[i].s);
	free(f->vals);
	free(f->w);
	free(f->cols);
	free(f);
	return rc;
}

const struct integra_format out_format_table_fit = {
	.name = "table",
	.summary = "aligned columns, or one block per record when too wide",
	.extension = "txt",
	.open = fit_open,
	.row = fit_row,
	.close = fit_close,
};

/* The format that writes target t (see term.h).  The terminal's width
 * is put in COLUMNS when it is not there, where table-fit reads it. */
const struct integra_format *
fmt_pick(const struct ctx *ctx, const struct out_target *t)
{
	if (t->format != &out_format_table)
		return t->format;
	char width[24];
	size_t w;

	if (ctx->term & CTX_VERTICAL)
		return &out_format_vertical;
	if (t->path || t->name || t->fp == NULL ||
	    (w = fmt_term_width(fileno(t->fp))) == 0)
		return t->format;
	if (getenv("COLUMNS") == NULL) {	/* for table-fit, as git does */
		snprintf(width, sizeof(width), "%zu", w);
		setenv("COLUMNS", width, 1);
	}
	return &out_format_table_fit;
}
