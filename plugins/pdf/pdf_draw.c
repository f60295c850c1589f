/*
 * The pages of the pdf format (see pdf.h): an A4 Cairo PDF surface, text
 * laid out by Pango (shaping, wrapping, DejaVu Sans through fontconfig,
 * at 72 units per inch so that sizes are points), portrait, or landscape
 * when the table is too wide for portrait.  Codes, dates and numbers
 * (cells without a space) keep their width and never break; text
 * columns share the rest and wrap at words.  The first page has the
 * heading block, the chart and the timeline of the rows' dates; the table follows, split across pages
 * with its header repeated on each; every page ends with "page N of M".
 * Two passes: the rows' heights are measured and the pages counted, then
 * the pages are drawn.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "pdf.h"

#define PAGE_W 595.28		/* A4 in points */
#define PAGE_H 841.89
#define MARGIN 40.0
#define FOOT 30.0		/* space kept for the footer */
#define PAD 3.0			/* inside a cell */
#define COL_MAX 220.0		/* widest a column grows on its own */
#define FONT "DejaVu Sans"

struct draw {
	struct pdf *p;
	cairo_t *cr;
	PangoLayout *lay;
	double *w;		/* column widths */
	double *h;		/* row heights, kept rows; h[kept] the header's */
	bool *fixed;		/* per column: kept at its natural width */
	double pw, ph;		/* the page: A4 portrait or landscape */
	double y;		/* where the next thing goes */
	int page, pages;
	bool dry;		/* measuring: nothing is drawn */
};

static void next_page(struct draw *d);

/* Sets the layout's text, font ("bold 8"), width (0: none) and alignment;
 * returns its height. */
static double
layout(struct draw *d, const char *text, const char *font, double width,
    PangoAlignment align)
{
	PangoFontDescription *f;
	char name[64];
	int pw, ph;

	snprintf(name, sizeof(name), "%s %s", FONT, font);
	f = pango_font_description_from_string(name);
	pango_layout_set_font_description(d->lay, f);
	pango_font_description_free(f);
	pango_layout_set_width(d->lay, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(d->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(d->lay, align);
	pango_layout_set_text(d->lay, text, -1);
	pango_layout_get_size(d->lay, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

/* The natural width of text in font. */
static double
text_width(struct draw *d, const char *text, const char *font)
{
	int pw, ph;

	layout(d, text, font, 0, PANGO_ALIGN_LEFT);
	pango_layout_get_size(d->lay, &pw, &ph);
	return (double)pw / PANGO_SCALE;
}

/* Draws text at (x, y), width w; returns its height. */
static double
text_at(struct draw *d, const char *text, const char *font, double x, double y,
    double w, PangoAlignment align)
{
	double h = layout(d, text, font, w, align);

	if (!d->dry) {
		cairo_move_to(d->cr, x, y);
		pango_cairo_show_layout(d->cr, d->lay);
	}
	return h;
}

/* The header's label of column i. */
static const char *
label(const struct pdf *p, size_t i)
{
	return p->cols[i].label ? p->cols[i].label : p->cols[i].name;
}

/* The width of the widest word of text (a header wraps at words). */
static double
widest_word(struct draw *d, const char *text, const char *font)
{
	char *copy = strdup(text), *w, *save = NULL;
	double max = 0;

	if (copy == NULL)
		abort();
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		max = fmax(max, text_width(d, w, font));
	free(copy);
	return max;
}

/* Column i's natural width; *fixed when no cell has a space (a code, a
 * date, a number: never broken). */
static double
natural_width(struct draw *d, size_t i, bool *fixed)
{
	struct pdf *p = d->p;
	double w = widest_word(d, label(p, i), "bold 7.5"), cw;
	const char *cell;
	size_t r;

	*fixed = true;
	for (r = 0; r < p->kept; r++) {
		cell = p->cells[r * p->ncols + i];
		if ((cw = text_width(d, cell, "7.5")) > w)
			w = cw;
		if (strchr(cell, ' ') && !p->numeric[i])
			*fixed = false;
	}
	return fmin(w, COL_MAX) + 2 * PAD;
}

/* Column widths: each its natural width up to COL_MAX, with its header
 * on one line when all fit portrait so; else headers wrap at words, the
 * page turned landscape when they pass portrait; when they still do not fit, the
 * text columns share what the fixed ones leave (all shrink when even
 * those do not fit). */
static void
fit_columns(struct draw *d)
{
	struct pdf *p = d->p;
	double avail, fixed = 0, text = 0, f = 0;
	bool fx;
	size_t i;

	for (i = 0; i < p->ncols; i++) {
		d->w[i] = natural_width(d, i, &fx);
		*(fx ? &fixed : &text) += d->w[i];
		d->fixed[i] = fx;
		f += fmax(d->w[i], text_width(d, label(p, i), "bold 7.5") + 2 * PAD);
	}
	if (f <= d->pw - 2 * MARGIN) {	/* headers on one line too */
		for (i = 0; i < p->ncols; i++)
			d->w[i] = fmax(d->w[i], text_width(d, label(p, i), "bold 7.5") + 2 * PAD);
		return;
	}
	if (fixed + text > d->pw - 2 * MARGIN) {
		d->pw = PAGE_H;
		d->ph = PAGE_W;
	}
	avail = d->pw - 2 * MARGIN;
	if (fixed + text <= avail)
		return;
	f = fixed < avail && text > 0 ? (avail - fixed) / text : avail / (fixed + text);
	for (i = 0; i < p->ncols; i++)
		if (!d->fixed[i] || fixed >= avail || text == 0)
			d->w[i] *= f;
}

/* The height of each kept row and of the header, wrapped to the widths. */
static void
measure_rows(struct draw *d)
{
	struct pdf *p = d->p;
	double h;
	size_t i, r;

	for (r = 0; r <= p->kept; r++) {
		d->h[r] = 0;
		for (i = 0; i < p->ncols; i++) {
			h = r == p->kept ? layout(d, label(p, i), "bold 7.5", d->w[i] - 2 * PAD,
			    PANGO_ALIGN_LEFT) : layout(d, p->cells[r * p->ncols + i], "7.5",
			    d->w[i] - 2 * PAD, PANGO_ALIGN_LEFT);
			d->h[r] = fmax(d->h[r], h + 2 * PAD);
		}
	}
}

/* One line of the heading at d->y, then the space after it. */
static void
heading_line(struct draw *d, const char *text, const char *font, double after)
{
	d->y += text_at(d, text, font, MARGIN, d->y, d->pw - 2 * MARGIN,
	    PANGO_ALIGN_LEFT) + after;
}

/* The heading block: issuing body, title, question, facts, row count. */
static void
draw_heading(struct draw *d)
{
	const struct integra_heading *h = d->p->heading;
	char line[512];
	size_t i;

	if (h == NULL) {
		heading_line(d, d->p->o->title ? d->p->o->title : "integra", "bold 14", 8);
		return;
	}
	if (h->organisation)
		heading_line(d, h->organisation, "bold 9", 4);
	if (h->title)
		heading_line(d, h->title, "bold 14", 3);
	if (h->summary)
		heading_line(d, h->summary, "italic 8.5", 5);
	for (i = 0; i < h->nfacts; i++) {
		snprintf(line, sizeof(line), "%s: %s", h->fact_labels[i], h->fact_values[i]);
		heading_line(d, line, "8", 1);
	}
	if (h->rows_label) {
		snprintf(line, sizeof(line), "%s: %zu", h->rows_label, d->p->rows);
		heading_line(d, line, "8", 1);
	}
	d->y += 10;
}

/* One point of a line at (x, y), its value above it and, when named,
 * its name below the axis at ny. */
static void
draw_point(struct draw *d, const struct pdf_bar *b, double x, double y, double ny,
    bool named)
{
	char num[64];

	if (!d->dry) {
		cairo_new_path(d->cr);	/* no line from the last text */
		cairo_arc(d->cr, x, y, 2.2, 0, 2 * M_PI);
		cairo_fill(d->cr);
	}
	snprintf(num, sizeof(num), "%.10g", b->value);
	text_at(d, num, "7", x - 20, y - 11, 40, PANGO_ALIGN_CENTER);
	if (named)
		text_at(d, b->label, "7", x - 30, ny, 60, PANGO_ALIGN_CENTER);
}

/* One bar: its name right-aligned before it, its value after it. */
static void
draw_bar(struct draw *d, const struct pdf_bar *b, double max)
{
	const double left = MARGIN + 180, width = 250, height = 10;
	double w = max > 0 && b->value > 0 ? width * b->value / max : 0;
	char num[64];

	pango_layout_set_ellipsize(d->lay, PANGO_ELLIPSIZE_END);
	text_at(d, b->label, "7.5", MARGIN, d->y, 172, PANGO_ALIGN_RIGHT);
	pango_layout_set_ellipsize(d->lay, PANGO_ELLIPSIZE_NONE);
	if (!d->dry) {
		cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
		cairo_rectangle(d->cr, left, d->y + 1, w, height);
		cairo_fill(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
	snprintf(num, sizeof(num), "%.10g", b->value);
	text_at(d, num, "7.5", left + w + 4, d->y, 0, PANGO_ALIGN_LEFT);
	d->y += 14;
}

/* A line through the values of the rows in their order (at most
 * PDF_LINE), each point marked and labelled, every k-th name below. */
static void
draw_line(struct draw *d)
{
	struct pdf *p = d->p;
	size_t i, n = p->nbars < PDF_LINE ? p->nbars : PDF_LINE, k = n / 12 + 1;
	double left = MARGIN + 10, width = d->pw - 2 * MARGIN - 20, height = 110;
	double top = d->y + 12, max = 0, x, y, dx = width / (double)(n - 1);

	for (i = 0; i < n; i++)
		max = fmax(max, p->bars[i].value);
	if (!d->dry)
		cairo_new_path(d->cr);
	for (i = 0; !d->dry && i < n; i++) {
		x = left + dx * (double)i;
		y = top + height - (max > 0 ? height * p->bars[i].value / max : 0);
		(i ? cairo_line_to : cairo_move_to)(d->cr, x, y);
	}
	if (!d->dry) {
		cairo_set_line_width(d->cr, 1.2);
		cairo_stroke(d->cr);
		cairo_new_path(d->cr);
		cairo_move_to(d->cr, left, top + height + 2);
		cairo_line_to(d->cr, left + width, top + height + 2);
		cairo_set_line_width(d->cr, 0.5);
		cairo_stroke(d->cr);
	}
	for (i = 0; i < n; i++)
		draw_point(d, &p->bars[i], left + dx * (double)i, top + height -
		    (max > 0 ? height * p->bars[i].value / max : 0), top + height + 4,
		    i % k == 0);
	d->y = top + height + 18;
}

/* The chart of the measure: the top PDF_TOP bars, or a line for months,
 * then what it leaves out. */
static void
draw_chart(struct draw *d)
{
	struct pdf *p = d->p;
	size_t i, shown = p->nbars < PDF_TOP ? p->nbars : PDF_TOP;
	double max = 0;
	char line[256];

	if (p->measure < 0 || shown == 0)
		return;
	for (i = 0; i < shown; i++)
		max = fmax(max, p->bars[i].value);
	heading_line(d, label(p, (size_t)p->measure), "bold 9", 4);
	if (p->line && p->nbars > 1) {
		draw_line(d);
		shown = p->nbars < PDF_LINE ? p->nbars : PDF_LINE;
	}
	for (i = 0; !p->line && i < shown; i++)
		draw_bar(d, &p->bars[i], max);
	if (p->nbars > shown) {
		snprintf(line, sizeof(line), pdf_ntext("and %zu more", "and %zu more",
		    (unsigned long)(p->nbars - shown)), p->nbars - shown);
		heading_line(d, line, "italic 7.5", 2);
	}
	if (p->omitted > 0) {
		snprintf(line, sizeof(line), pdf_ntext("%zu row without a value is not shown",
		    "%zu rows without a value are not shown", (unsigned long)p->omitted),
		    p->omitted);
		heading_line(d, line, "italic 7.5", 2);
	}
	d->y += 10;
}

/* The earliest and latest day of the timeline, a month at least. */
static void
span_range(const struct pdf *p, int32_t *lo, int32_t *hi)
{
	const struct pdf_span *sp;
	size_t i;

	*lo = INT32_MAX;
	*hi = INT32_MIN;
	for (i = 0; i < p->nspans; i++) {
		sp = &p->spans[i];
		if (sp->from != INT32_MIN)
			*lo = sp->from < *lo ? sp->from : *lo;
		if (sp->to != INT32_MIN)
			*lo = sp->to < *lo ? sp->to : *lo;
		*hi = sp->from > *hi ? sp->from : *hi;
		*hi = sp->to > *hi ? sp->to : *hi;
	}
	if (*hi - *lo < 30) {
		*lo -= 15;
		*hi += 15;
	}
}

/* One row of the timeline: its name right-aligned before the axis, a
 * bar from start to end (a diamond at a lone date), its dates after. */
static void
draw_span(struct draw *d, const struct pdf_span *sp, double left, double scale,
    int32_t lo)
{
	int32_t a = sp->from != INT32_MIN ? sp->from : sp->to;
	int32_t b = sp->to != INT32_MIN ? sp->to : sp->from;
	double x1 = left + scale * (double)(a - lo), x2 = left + scale * (double)(b - lo);
	char da[11], db[11], dates[32];

	pango_layout_set_ellipsize(d->lay, PANGO_ELLIPSIZE_END);
	text_at(d, sp->label, "7.5", MARGIN, d->y, 172, PANGO_ALIGN_RIGHT);
	pango_layout_set_ellipsize(d->lay, PANGO_ELLIPSIZE_NONE);
	if (!d->dry) {
		cairo_new_path(d->cr);
		cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
		if (sp->from != INT32_MIN && sp->to != INT32_MIN)
			cairo_rectangle(d->cr, x1, d->y + 1, fmax(x2 - x1, 2), 10);
		else {
			cairo_move_to(d->cr, x2, d->y + 1);
			cairo_rel_line_to(d->cr, 5, 5);
			cairo_rel_line_to(d->cr, -5, 5);
			cairo_rel_line_to(d->cr, -5, -5);
			cairo_close_path(d->cr);
		}
		cairo_fill(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
	pdf_day_text(a, da);
	pdf_day_text(b, db);
	snprintf(dates, sizeof(dates), a == b ? "%s" : "%s – %s", da, db);
	text_at(d, dates, "7", x2 + 7, d->y + 0.5, 0, PANGO_ALIGN_LEFT);
	d->y += 14;
}

/* The timeline: the first PDF_SPANS dated rows in their order on one
 * time axis, its first and last day written under it (on the next page
 * when it does not fit on this one). */
static void
draw_timeline(struct draw *d)
{
	struct pdf *p = d->p;
	double left = MARGIN + 180, width = d->pw - 2 * MARGIN - 180 - 110, scale;
	int32_t lo, hi;
	char day[11], line[128];
	size_t i;

	if (p->nspans == 0)
		return;
	if (d->y + 14 * (double)p->nspans + 60 > d->ph - MARGIN - FOOT)
		next_page(d);
	span_range(p, &lo, &hi);
	scale = width / (double)(hi - lo);
	heading_line(d, pdf_text("Timeline"), "bold 9", 4);
	for (i = 0; i < p->nspans; i++)
		draw_span(d, &p->spans[i], left, scale, lo);
	if (!d->dry) {
		cairo_new_path(d->cr);
		cairo_move_to(d->cr, left, d->y + 2);
		cairo_line_to(d->cr, left + width, d->y + 2);
		cairo_set_line_width(d->cr, 0.5);
		cairo_stroke(d->cr);
	}
	pdf_day_text(lo, day);
	text_at(d, day, "7", left, d->y + 4, 0, PANGO_ALIGN_LEFT);
	pdf_day_text(hi, day);
	text_at(d, day, "7", left + width - 60, d->y + 4, 60, PANGO_ALIGN_RIGHT);
	d->y += 16;
	if (p->nspan_rows > p->nspans) {
		snprintf(line, sizeof(line), pdf_ntext("and %zu more", "and %zu more",
		    (unsigned long)(p->nspan_rows - p->nspans)), p->nspan_rows - p->nspans);
		heading_line(d, line, "italic 7.5", 2);
	}
	d->y += 10;
}

/* Row r of the table (r == kept: the header), at d->y. */
static void
draw_row(struct draw *d, size_t r)
{
	struct pdf *p = d->p;
	bool head = r == p->kept, total = p->totals && r + 1 == p->kept;
	double x = MARGIN;
	size_t i;

	for (i = 0; i < p->ncols; i++) {
		if (!d->dry) {
			cairo_rectangle(d->cr, x, d->y, d->w[i], d->h[r]);
			cairo_set_source_rgb(d->cr, 0.88, 0.88, 0.88);
			if (head)
				cairo_fill_preserve(d->cr);
			cairo_set_source_rgb(d->cr, 0.55, 0.55, 0.55);
			cairo_set_line_width(d->cr, 0.4);
			cairo_stroke(d->cr);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
		}
		text_at(d, head ? label(p, i) : p->cells[r * p->ncols + i],
		    head || total ? "bold 7.5" : "7.5", x + PAD, d->y + PAD, d->w[i] - 2 * PAD,
		    p->numeric[i] && !head ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		x += d->w[i];
	}
	d->y += d->h[r];
}

/* The footer of the page: "page N of M". */
static void
draw_footer(struct draw *d)
{
	char line[128];

	snprintf(line, sizeof(line), pdf_text("page %d of %d"), d->page, d->pages);
	if (!d->dry)
		cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
	text_at(d, line, "7.5", MARGIN, d->ph - MARGIN, d->pw - 2 * MARGIN,
	    PANGO_ALIGN_CENTER);
	if (!d->dry)
		cairo_set_source_rgb(d->cr, 0, 0, 0);
}

/* Ends the page with its footer and starts the next. */
static void
next_page(struct draw *d)
{
	draw_footer(d);
	if (!d->dry)
		cairo_show_page(d->cr);
	d->page++;
	d->y = MARGIN;
}

/* The table from d->y on, split across pages, the header on each. */
static void
draw_table(struct draw *d)
{
	size_t r = 0, kept = d->p->kept, first;
	double bottom = d->ph - MARGIN - FOOT;

	if (d->y + d->h[kept] + (kept ? d->h[0] : 0) > bottom)
		next_page(d);
	for (;;) {
		draw_row(d, kept);
		for (first = r; r < kept && (r == first || d->y + d->h[r] <= bottom); r++)
			draw_row(d, r);
		if (r >= kept)
			break;
		next_page(d);
	}
	draw_footer(d);
}

/* One pass over the whole document. */
static void
draw_all(struct draw *d, bool dry)
{
	d->dry = dry;
	d->page = 1;
	d->y = MARGIN;
	draw_heading(d);
	draw_chart(d);
	draw_timeline(d);
	draw_table(d);
	if (dry)
		d->pages = d->page;
}

int
pdf_draw(struct pdf *p, const char **why)
{
	struct draw d = { .p = p, .pw = PAGE_W, .ph = PAGE_H };
	cairo_surface_t *s = cairo_pdf_surface_create(p->o->path, PAGE_W, PAGE_H);
	PangoFontMap *fm;
	cairo_status_t st;
	PangoContext *pc;

	d.cr = cairo_create(s);
	/* fontconfig's one configuration, read here before Pango starts a
	 * thread that would read a second one beside it */
	FcInit();
	fm = pango_cairo_font_map_new();	/* ours, freed below with its fonts */
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), FcConfigGetCurrent());
	pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(d.cr, pc);
	pango_cairo_context_set_resolution(pc, 72);
	d.lay = pango_layout_new(pc);
	d.w = calloc(p->ncols + 1, sizeof(double));
	d.h = calloc(p->kept + 1, sizeof(double));
	d.fixed = calloc(p->ncols + 1, sizeof(bool));
	if (d.w == NULL || d.h == NULL || d.fixed == NULL)
		abort();
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    p->o->title ? p->o->title : "integra");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "integra");
	fit_columns(&d);
	cairo_pdf_surface_set_size(s, d.pw, d.ph);
	measure_rows(&d);
	draw_all(&d, true);
	draw_all(&d, false);
	g_object_unref(d.lay);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(d.cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	free(d.w);
	free(d.h);
	free(d.fixed);
	*why = st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string(st);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
