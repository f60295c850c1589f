/*
 * The table format: columns aligned by display width, numbers
 * right-aligned, a totals row for the columns that declare one.  It
 * implements struct integra_format as a plugin's format does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "fmt_value.h"
#include "i18n.h"

/* ---- table: aligned by display width, numbers right-aligned ---- */

struct table {
	const struct integra_output *o;
	size_t ncols;
	struct integra_column *cols;
	char **cells;		/* rows * ncols, row-major */
	bool *numeric;		/* per cell */
	size_t rows;
	size_t cap;
	struct fmt_totals totals;
};

static int
table_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->o = o;
	t->ncols = ncols;
	t->cols = fmt_columns_copy(cols, ncols);
	fmt_totals_init(&t->totals, t->cols, ncols);
	*state = t;
	return 0;
}

/* Makes room for one more row. */
static void
table_grow(struct table *t)
{
	if (t->rows < t->cap)
		return;
	t->cap = t->cap ? t->cap * 2 : 64;
	t->cells = xrealloc(t->cells, t->cap * (t->ncols + 1) * sizeof(char *));
	t->numeric = xrealloc(t->numeric, t->cap * (t->ncols + 1) * sizeof(bool));
}

/* Keeps the row's cells as text, at row number t->rows. */
static void
table_keep(struct table *t, const struct integra_value *vals)
{
	struct buf b = { 0 };
	size_t i, at;

	table_grow(t);
	for (i = 0; i < t->ncols; i++) {
		at = t->rows * t->ncols + i;
		fmt_value_text(&b, &vals[i]);
		t->cells[at] = b.s ? xstrdup(b.s) : xstrdup("");
		t->numeric[at] = vals[i].type == INTEGRA_INTEGER ||
		    vals[i].type == INTEGRA_REAL;
	}
	buf_release(&b);
	t->rows++;
}

static int
table_row(void *state, const struct integra_value *vals)
{
	struct table *t = state;

	fmt_totals_add(&t->totals, vals);
	table_keep(t, vals);
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
	return fmt_write(t->o, line->s, line->len);
}

static void
table_free(struct table *t)
{
	strv_free(t->cells, t->rows * t->ncols);
	free(t->numeric);
	free(t->cols);
	fmt_totals_free(&t->totals);
	free(t);
}

/* Adds the totals row as the last kept row (first cell "total" when it
 * has none of its own); the rows it counts stay t->rows - 1. */
static void
table_add_totals(struct table *t)
{
	struct integra_value *v = xcalloc(t->ncols + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < t->ncols; i++)
		fmt_totals_value(&t->totals, i, &v[i]);
	if (v[0].type == INTEGRA_NULL)
		v[0] = (struct integra_value){ .type = INTEGRA_TEXT, .s = _("total") };
	table_keep(t, v);
	free(v);
}

/* The heading block above the table: issuing body, title, the question,
 * the facts and the row count, then a blank line. */
static int
table_heading(struct table *t, size_t rows)
{
	const struct integra_heading *h = fmt_heading(t->o);
	struct buf b = { 0 };
	size_t i;
	int rc;

	if (h == NULL)
		return 0;
	if (h->organisation)
		buf_printf(&b, "%s\n", h->organisation);
	if (h->title)
		buf_printf(&b, "%s\n", h->title);
	if (h->summary)
		buf_printf(&b, "%s\n", h->summary);
	for (i = 0; i < h->nfacts; i++)
		buf_printf(&b, "%s: %s\n", h->fact_labels[i], h->fact_values[i]);
	if (h->rows_label)
		buf_printf(&b, "%s: %zu\n", h->rows_label, rows);
	buf_addc(&b, '\n');
	rc = fmt_write(t->o, b.s, b.len);
	buf_release(&b);
	return rc;
}

/* The header line and its underline, widths w. */
static int
table_header(struct table *t, const size_t *w)
{
	char **hdr = xcalloc(t->ncols + 1, sizeof(char *));
	struct buf line = { 0 }, b = { 0 };
	size_t i, r;
	int rc;

	for (i = 0; i < t->ncols; i++)
		hdr[i] = xstrdup(fmt_label(&t->cols[i]));
	rc = table_line(t, hdr, NULL, w, &line);
	for (i = 0; i < t->ncols; i++) {
		buf_reset(&b);
		for (r = 0; r < w[i]; r++)
			buf_addc(&b, '-');
		free(hdr[i]);
		hdr[i] = xstrdup(b.s ? b.s : "");
	}
	if (rc == 0)
		rc = table_line(t, hdr, NULL, w, &line);
	strv_free(hdr, t->ncols);
	buf_release(&line);
	buf_release(&b);
	return rc;
}

static int
table_close(void *state, int ok)
{
	struct table *t = state;
	size_t *w = xcalloc(t->ncols + 1, sizeof(size_t)), i, r, rows = t->rows;
	struct buf line = { 0 };
	int rc = 0;

	if (!ok)
		goto out;
	if (t->totals.any && rows > 1)
		table_add_totals(t);
	for (i = 0; i < t->ncols; i++) {
		w[i] = text_width(fmt_label(&t->cols[i]));
		for (r = 0; r < t->rows; r++)
			if (text_width(t->cells[r * t->ncols + i]) > w[i])
				w[i] = text_width(t->cells[r * t->ncols + i]);
	}
	if ((rc = table_heading(t, rows)) == 0)
		rc = table_header(t, w);
	for (r = 0; rc == 0 && r < t->rows; r++)
		rc = table_line(t, t->cells + r * t->ncols, t->numeric + r * t->ncols,
		    w, &line);
out:
	free(w);
	buf_release(&line);
	table_free(t);
	return rc;
}

const struct integra_format out_format_table = {
	.name = "table",
	.summary = N_("aligned columns for the terminal"),
	.extension = "txt",
	.open = table_open,
	.row = table_row,
	.close = table_close,
};
