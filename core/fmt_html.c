/*
 * The html output format: one self-contained page (inline CSS, no script,
 * nothing fetched from the network) with the result as a table and an
 * inline SVG bar chart of the main measure column, readable in a browser
 * and printable.  It implements struct integra_format exactly as a
 * plugin's export format would, and streams: rows are written as they
 * come; only the first HTML_BARS labels and values are kept for the chart,
 * which is written last and shown first (CSS order).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "fmt_value.h"

#define HTML_BARS 60		/* bars in the chart at most */
#define HTML_LABEL 40		/* characters of a bar's label at most */

struct html {
	const struct integra_output *o;
	struct integra_column *cols;
	size_t ncols;
	int measure;		/* the charted column, -1 for none */
	int label;		/* the column naming each bar, -1 for the row number */
	size_t rows;
	double *totals;
	struct buf line;
	struct buf cell;
	char *labels[HTML_BARS];
	double values[HTML_BARS];
	size_t nbars;
};

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"uk\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>\001</title>\n<style>\n"
    "body{font-family:\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;margin:2em;"
    "color:#1b1b1b;background:#fff}\n"
    "main{display:flex;flex-direction:column;gap:1.5em}\n"
    "h1{font-size:1.4em;margin:0}\n"
    ".chart{order:1}.table{order:2}footer{order:3;color:#666;font-size:.8em}\n"
    "table{border-collapse:collapse;font-size:.9em}\n"
    "th,td{border:1px solid #c8ccd2;padding:.25em .6em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#e9edf2}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody tr:nth-child(even){background:#f6f8fa}tfoot td{font-weight:bold}\n"
    "svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#1b1b1b}\n"
    "svg rect{fill:#1f5aa6}\n"
    "@media print{body{margin:0;font-size:9pt}th{background:#eee}"
    "thead{display:table-header-group}tr,.chart{break-inside:avoid}"
    "svg rect{fill:#555}}\n"
    "</style>\n</head>\n<body>\n<main>\n<h1>\001</h1>\n";

/* Appends s[0..n) with the HTML special characters escaped. */
static void
html_escape(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

static int
html_write(struct html *h)
{
	return h->o->write(h->o->ud, h->line.s, h->line.len);
}

/* The column to chart: the measure, else the first totalled column. */
static int
pick_measure(const struct integra_column *cols, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (cols[i].flags & INTEGRA_COLUMN_MEASURE)
			return (int)i;
	for (i = 0; i < ncols; i++)
		if (cols[i].flags & INTEGRA_COLUMN_TOTAL)
			return (int)i;
	return -1;
}

/* The column that names the bars: the first that is not a number. */
static int
pick_label(const struct integra_column *cols, size_t ncols, int measure)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if ((int)i != measure && cols[i].type != INTEGRA_INTEGER &&
		    cols[i].type != INTEGRA_REAL && !(cols[i].flags &
		    (INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE)))
			return (int)i;
	return -1;
}

static int
html_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct html *h = xcalloc(1, sizeof(*h));
	const char *t = o->title ? o->title : "integra", *p, *q;
	size_t i;

	h->o = o;
	h->ncols = ncols;
	h->cols = fmt_columns_copy(cols, ncols);
	h->totals = xcalloc(ncols + 1, sizeof(double));
	h->measure = pick_measure(cols, ncols);
	h->label = pick_label(cols, ncols, h->measure);
	/* the head with the escaped title at each \001 */
	for (p = html_head; (q = strchr(p, '\001')) != NULL; p = q + 1) {
		buf_add(&h->line, p, (size_t)(q - p));
		html_escape(&h->line, t, strlen(t));
	}
	buf_adds(&h->line, p);
	buf_adds(&h->line, "<section class=\"table\">\n<table>\n<thead><tr>");
	for (i = 0; i < ncols; i++) {
		buf_adds(&h->line, "<th>");
		html_escape(&h->line, COL_LABEL(&cols[i]), strlen(COL_LABEL(&cols[i])));
		buf_adds(&h->line, "</th>");
	}
	buf_adds(&h->line, "</tr></thead>\n<tbody>\n");
	*state = h;
	return html_write(h);
}

/* Keeps the label and value of the row for the chart. */
static void
keep_bar(struct html *h, const struct integra_value *vals)
{
	const struct integra_value *m = &vals[h->measure];
	size_t n, chars = 0;

	if (h->nbars >= HTML_BARS)
		return;
	buf_reset(&h->cell);
	if (h->label >= 0)
		fmt_value_text(&h->cell, &vals[h->label]);
	if (h->cell.len == 0 && h->label >= 0)
		buf_adds(&h->cell, "(none)");
	else if (h->cell.len == 0)
		buf_printf(&h->cell, "%zu", h->rows + 1);
	/* cut at HTML_LABEL characters, on a UTF-8 boundary */
	for (n = 0; n < h->cell.len; n++)
		if (((unsigned char)h->cell.s[n] & 0xc0) != 0x80 && ++chars > HTML_LABEL)
			break;
	h->labels[h->nbars] = xstrndup(h->cell.s, n);
	h->values[h->nbars++] = m->type == INTEGRA_INTEGER ? (double)m->i :
	    m->type == INTEGRA_REAL && isfinite(m->r) ? m->r : 0;
}

static int
html_row(void *state, const struct integra_value *vals)
{
	struct html *h = state;
	const struct integra_value *v;
	size_t i;

	buf_reset(&h->line);
	buf_adds(&h->line, "<tr>");
	for (i = 0; i < h->ncols; i++) {
		v = &vals[i];
		buf_adds(&h->line, v->type == INTEGRA_INTEGER || v->type == INTEGRA_REAL ?
		    "<td class=\"n\">" : "<td>");
		fmt_value_text(&h->cell, v);
		html_escape(&h->line, h->cell.s ? h->cell.s : "", h->cell.len);
		buf_adds(&h->line, "</td>");
		if (v->type == INTEGRA_INTEGER)
			h->totals[i] += (double)v->i;
		else if (v->type == INTEGRA_REAL && isfinite(v->r))
			h->totals[i] += v->r;
	}
	buf_adds(&h->line, "</tr>\n");
	if (h->measure >= 0)
		keep_bar(h, vals);
	h->rows++;
	return html_write(h);
}

/* The totals row of the columns marked INTEGRA_COLUMN_TOTAL. */
static void
html_totals(struct html *h)
{
	size_t i;
	bool any = false;

	for (i = 0; i < h->ncols; i++)
		if (h->cols[i].flags & INTEGRA_COLUMN_TOTAL)
			any = true;
	if (!any || h->rows < 2)
		return;
	buf_adds(&h->line, "<tfoot><tr>");
	for (i = 0; i < h->ncols; i++) {
		if (h->cols[i].flags & INTEGRA_COLUMN_TOTAL)
			buf_printf(&h->line, "<td class=\"n\">%.15g</td>", h->totals[i]);
		else
			buf_adds(&h->line, i == 0 ? "<td>total</td>" : "<td></td>");
	}
	buf_adds(&h->line, "</tr></tfoot>\n");
}

/* The SVG bar chart of the kept bars, horizontal bars scaled to the
 * largest value. */
static void
html_chart(struct html *h)
{
	const double left = 260, width = 440, bar = 20, gap = 6, top = 28;
	double max = 0, w, y;
	size_t i, height = (size_t)(top + (double)h->nbars * (bar + gap) + 10);

	for (i = 0; i < h->nbars; i++)
		if (h->values[i] > max)
			max = h->values[i];
	buf_adds(&h->line, "<section class=\"chart\">\n");
	buf_printf(&h->line, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 800 %zu\" width=\"800\" height=\"%zu\" role=\"img\" "
	    "aria-label=\"", height, height);
	html_escape(&h->line, COL_LABEL(&h->cols[h->measure]), strlen(COL_LABEL(&h->cols[h->measure])));
	buf_adds(&h->line, "\">\n<text x=\"0\" y=\"16\" font-weight=\"bold\">");
	html_escape(&h->line, COL_LABEL(&h->cols[h->measure]), strlen(COL_LABEL(&h->cols[h->measure])));
	if (h->rows > h->nbars)
		buf_printf(&h->line, P_(" (first %zu of %zu rows)", " (first %zu of %zu rows)", h->rows), h->nbars, h->rows);
	buf_adds(&h->line, "</text>\n");
	for (i = 0; i < h->nbars; i++) {
		y = top + (double)i * (bar + gap);
		w = max > 0 && h->values[i] > 0 ? width * h->values[i] / max : 0;
		buf_printf(&h->line, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
		    left - 8, y + bar - 5);
		html_escape(&h->line, h->labels[i], strlen(h->labels[i]));
		buf_printf(&h->line, "</text><rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.0f\"/><text x=\"%.1f\" y=\"%.1f\">%.15g</text>\n",
		    left, y, w, bar, left + w + 6, y + bar - 5, h->values[i]);
	}
	buf_adds(&h->line, "</svg>\n</section>\n");
}

static int
html_close(void *state, int ok)
{
	struct html *h = state;
	size_t i;
	int rc = 0;

	if (ok) {
		buf_reset(&h->line);
		buf_adds(&h->line, "</tbody>\n");
		html_totals(h);
		buf_adds(&h->line, "</table>\n</section>\n");
		if (h->measure >= 0 && h->nbars > 0)
			html_chart(h);
		buf_printf(&h->line, "<footer>%zu rows · integra %s</footer>\n"
		    "</main>\n</body>\n</html>\n", h->rows, INTEGRA_VERSION);
		rc = html_write(h);
	}
	for (i = 0; i < h->nbars; i++)
		free(h->labels[i]);
	buf_release(&h->line);
	buf_release(&h->cell);
	free(h->totals);
	free(h->cols);
	free(h);
	return rc;
}

const struct integra_format out_format_html = {
	.name = "html",
	.summary = N_("one self-contained web page: a table and a bar chart"),
	.extension = "html",
	.open = html_open,
	.row = html_row,
	.close = html_close,
};
