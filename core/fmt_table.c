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
	return fmt_write(t->o, line->s, line->len);
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
		hdr[i] = xstrdup(t->cols[i].label ? t->cols[i].label : t->cols[i].name);
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
				buf_adds(&b, _("total"));
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
	.summary = N_("aligned columns for the terminal"),
	.extension = "txt",
	.open = table_open,
	.row = table_row,
	.close = table_close,
};
