/*
 * The html output format: one self-contained page (inline CSS, no script,
 * nothing fetched from the network) with the result as a table and an
 * inline SVG chart of the main measure column (fmt_chart.c), under the
 * report's heading block, readable in a browser and printable.  It
 * implements struct integra_format exactly as a plugin's export format
 * would, and streams: rows are written as they come; the chart's names
 * and values are kept, and the chart is written last and shown first
 * (CSS order), as is the row count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "i18n.h"
#include "fmt_chart.h"
#include "fmt_value.h"

struct html {
	const struct integra_output *o;
	struct integra_column *cols;
	size_t ncols;
	size_t rows;
	struct fmt_totals totals;
	struct chart chart;
	struct buf line;
	struct buf cell;
};

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"\002\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>\001</title>\n<style>\n"
    "body{font-family:\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;margin:2em;"
    "color:#1b1b1b;background:#fff}\n"
    "main{display:flex;flex-direction:column;gap:1em}\n"
    "h1{font-size:1.4em;margin:0}header p{margin:.2em 0}\n"
    ".org{font-weight:bold;text-transform:uppercase;letter-spacing:.03em}\n"
    ".summary{font-style:italic}dl{display:grid;grid-template-columns:max-content auto;"
    "gap:.1em 1em;margin:.4em 0;font-size:.9em}dt{color:#444}dd{margin:0}\n"
    "header{order:0}.rows{order:0;margin:0;font-size:.9em}"
    ".chart{order:1}.table{order:2}footer{order:3;color:#666;font-size:.8em}\n"
    "table{border-collapse:collapse;font-size:.9em}\n"
    "th,td{border:1px solid #c8ccd2;padding:.25em .6em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#e9edf2}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.n,td.c,td.d{white-space:nowrap}\n"
    "tbody tr:nth-child(even){background:#f6f8fa}tfoot td{font-weight:bold}\n"
    "svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#1b1b1b}\n"
    "svg rect{fill:#1f5aa6}\n"
    "@media print{body{margin:0;font-size:9pt}th{background:#eee}"
    "thead{display:table-header-group}tr,.chart{break-inside:avoid}"
    "svg rect{fill:#555}}\n"
    "</style>\n</head>\n<body>\n<main>\n";

static int
html_write(struct html *h)
{
	return h->o->write(h->o->ud, h->line.s, h->line.len);
}

/* The language of the messages, as <html lang> names it: "en" in C and
 * English, the catalog's code under a translation. */
static const char *
html_lang(void)
{
	/* TRANSLATORS: the code of this translation's language (BCP 47),
	 * written as the lang attribute of the html pages: "uk". */
	return _("en");
}

/* Appends a string escaped. */
static void
html_text(struct buf *b, const char *s)
{
	fmt_escape(b, s, strlen(s));
}

/* The heading block: issuing body, title, question and facts; without
 * one, the title alone. */
static void
html_heading(struct html *h)
{
	const struct integra_heading *hd = fmt_heading(h->o);
	const char *t = h->o->title ? h->o->title : "integra";
	size_t i;

	buf_adds(&h->line, "<header>\n");
	if (hd && hd->organisation) {
		buf_adds(&h->line, "<p class=\"org\">");
		html_text(&h->line, hd->organisation);
		buf_adds(&h->line, "</p>\n");
	}
	buf_adds(&h->line, "<h1>");
	html_text(&h->line, hd && hd->title ? hd->title : t);
	buf_adds(&h->line, "</h1>\n");
	if (hd && hd->summary) {
		buf_adds(&h->line, "<p class=\"summary\">");
		html_text(&h->line, hd->summary);
		buf_adds(&h->line, "</p>\n");
	}
	for (i = 0; hd && i < hd->nfacts; i++) {
		buf_adds(&h->line, i ? "<dt>" : "<dl>\n<dt>");
		html_text(&h->line, hd->fact_labels[i]);
		buf_adds(&h->line, "</dt><dd>");
		html_text(&h->line, hd->fact_values[i]);
		buf_adds(&h->line, i + 1 == hd->nfacts ? "</dd>\n</dl>\n" : "</dd>\n");
	}
	buf_adds(&h->line, "</header>\n");
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
	fmt_totals_init(&h->totals, h->cols, ncols);
	chart_init(&h->chart, cols, ncols);
	/* the head with the escaped title at each \001, the language at \002 */
	for (p = html_head; (q = strpbrk(p, "\001\002")) != NULL; p = q + 1) {
		buf_add(&h->line, p, (size_t)(q - p));
		html_text(&h->line, *q == '\001' ? t : html_lang());
	}
	buf_adds(&h->line, p);
	html_heading(h);
	buf_adds(&h->line, "<section class=\"table\">\n<table>\n<thead><tr>");
	for (i = 0; i < ncols; i++) {
		buf_adds(&h->line, "<th>");
		html_text(&h->line, fmt_label(&cols[i]));
		buf_adds(&h->line, "</th>");
	}
	buf_adds(&h->line, "</tr></thead>\n<tbody>\n");
	*state = h;
	return html_write(h);
}

/* One cell: numbers right-aligned, dates and codes (text without a
 * space) never broken. */
static void
html_cell(struct html *h, const struct integra_value *v)
{
	fmt_value_text(&h->cell, v);
	if (v->type == INTEGRA_INTEGER || v->type == INTEGRA_REAL)
		buf_adds(&h->line, "<td class=\"n\">");
	else if (v->type == INTEGRA_DATE)
		buf_adds(&h->line, "<td class=\"d\">");
	else if (h->cell.len && h->cell.len <= 32 && memchr(h->cell.s, ' ', h->cell.len) == NULL)
		buf_adds(&h->line, "<td class=\"c\">");
	else
		buf_adds(&h->line, "<td>");
	fmt_escape(&h->line, h->cell.s ? h->cell.s : "", h->cell.len);
	buf_adds(&h->line, "</td>");
}

static int
html_row(void *state, const struct integra_value *vals)
{
	struct html *h = state;
	size_t i;

	buf_reset(&h->line);
	buf_adds(&h->line, "<tr>");
	for (i = 0; i < h->ncols; i++)
		html_cell(h, &vals[i]);
	buf_adds(&h->line, "</tr>\n");
	fmt_totals_add(&h->totals, vals);
	chart_add(&h->chart, vals);
	h->rows++;
	return html_write(h);
}

/* The totals row, each column as it declares. */
static void
html_totals(struct html *h)
{
	struct integra_value v;
	size_t i;

	if (!h->totals.any || h->rows < 2)
		return;
	buf_adds(&h->line, "<tfoot><tr>");
	for (i = 0; i < h->ncols; i++) {
		if (fmt_totals_value(&h->totals, i, &v))
			html_cell(h, &v);
		else
			buf_printf(&h->line, "<td>%s</td>", i == 0 ? _("total") : "");
	}
	buf_adds(&h->line, "</tr></tfoot>\n");
}

static int
html_close(void *state, int ok)
{
	struct html *h = state;
	const struct integra_heading *hd = fmt_heading(h->o);
	int rc = 0;

	if (ok) {
		buf_reset(&h->line);
		buf_adds(&h->line, "</tbody>\n");
		html_totals(h);
		buf_adds(&h->line, "</table>\n</section>\n");
		if (h->chart.measure >= 0)
			chart_svg(&h->chart, &h->line, fmt_label(&h->cols[h->chart.measure]));
		chart_timeline_svg(&h->chart, &h->line);
		if (hd && hd->rows_label) {
			buf_adds(&h->line, "<p class=\"rows\">");
			html_text(&h->line, hd->rows_label);
			buf_printf(&h->line, ": %zu</p>\n", h->rows);
		}
		buf_printf(&h->line, "<footer>integra %s</footer>\n"
		    "</main>\n</body>\n</html>\n", INTEGRA_VERSION);
		rc = html_write(h);
	}
	chart_free(&h->chart);
	fmt_totals_free(&h->totals);
	buf_release(&h->line);
	buf_release(&h->cell);
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
