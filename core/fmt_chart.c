/*
 * The charts of the html format (see fmt_chart.h).  A chart keeps, per
 * row with a value, the name of the bar, its code and the value, then
 * draws inline SVG with no script: horizontal bars for categories,
 * ranked by the measure and cut to the top CHART_TOP, or a line with
 * its points marked for months; and a timeline of the rows' dates (a
 * bar from start to end, a mark at a lone date).  It prints in black
 * and white: every value is written beside its bar or point.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "i18n.h"
#include "fmt_chart.h"
#include "fmt_value.h"

/* Names of columns whose rows keep their own order when charted. */
static const char *const ordered_names[] = { "month", "year", "period", "status", NULL };
/* Date columns a timeline runs from, and to. */
static const char *const from_names[] = { "start", "first", NULL };
static const char *const to_names[] = { "end", "last", "due", NULL };

#define TIMELINE_LEFT 312.0	/* where a timeline's axis starts */

void
fmt_escape(struct buf *b, const char *s, size_t n)
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

static bool
is_number(const struct integra_column *c)
{
	return c->type == INTEGRA_INTEGER || c->type == INTEGRA_REAL ||
	    c->flags & (INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE);
}

static bool
is_ordered(const struct integra_column *c)
{
	size_t i;

	for (i = 0; ordered_names[i]; i++)
		if (strcmp(c->name, ordered_names[i]) == 0)
			return true;
	return c->type == INTEGRA_DATE;
}

/* The charted column: the measure, else the first totalled column. */
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

/* The first date column called one of names, or -1. */
static int
find_date(const struct integra_column *cols, size_t ncols, const char *const *names)
{
	size_t i, k;

	for (k = 0; names[k]; k++)
		for (i = 0; i < ncols; i++)
			if (cols[i].type == INTEGRA_DATE && strcmp(cols[i].name, names[k]) == 0)
				return (int)i;
	return -1;
}

/* The bars' names: a "name" or "title" column, else the first that is
 * not a number (a year or a month counts as a name); the code is the
 * first such column before it. */
void
chart_init(struct chart *c, const struct integra_column *cols, size_t ncols)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->measure = pick_measure(cols, ncols);
	c->label = c->code = -1;
	for (i = 0; i < ncols; i++)
		if (strcmp(cols[i].name, "name") == 0 || strcmp(cols[i].name, "title") == 0)
			c->label = (int)i;
	for (i = 0; i < ncols; i++) {
		if ((int)i == c->measure || (is_number(&cols[i]) && !is_ordered(&cols[i])))
			continue;
		if (c->label < 0)
			c->label = (int)i;
		else if ((int)i < c->label && c->code < 0)
			c->code = (int)i;
	}
	c->ordered = c->label >= 0 && is_ordered(&cols[c->code >= 0 ? c->code : c->label]);
	c->line = c->label >= 0 && (strcmp(cols[c->label].name, "month") == 0 ||
	    strcmp(cols[c->label].name, "period") == 0);
	c->from = find_date(cols, ncols, from_names);
	c->to = find_date(cols, ncols, to_names);
}

/* The text of vals[col] cut at CHART_LABEL characters, or NULL. */
static char *
cell_text(const struct integra_value *vals, int col)
{
	struct buf b = { 0 };
	size_t n, chars = 0;
	char *s;

	if (col < 0)
		return NULL;
	fmt_value_text(&b, &vals[col]);
	for (n = 0; n < b.len; n++)
		if (((unsigned char)b.s[n] & 0xc0) != 0x80 && ++chars > CHART_LABEL)
			break;
	s = b.len ? xstrndup(b.s, n) : NULL;
	buf_release(&b);
	return s;
}

/* The name of the row's bar: its label, else its code, else its number. */
static char *
row_name(const struct chart *c, const struct integra_value *vals)
{
	char *s = cell_text(vals, c->label);

	if (s == NULL && c->label >= 0)
		return xstrdup(_("(none)"));
	if (s == NULL)
		s = cell_text(vals, c->code);
	return s ? s : xasprintf("%zu", c->rows);
}

/* A date cell as days since 1970, INT32_MIN when it has none. */
static int32_t
cell_days(const struct integra_value *vals, int col)
{
	int32_t d;
	char iso[11];

	if (col < 0 || vals[col].s == NULL || vals[col].type == INTEGRA_NULL)
		return INT32_MIN;
	snprintf(iso, sizeof(iso), "%.*s", (int)(vals[col].n ? vals[col].n : 10),
	    vals[col].s);
	return date_parse(iso, &d) == 0 ? d : INT32_MIN;
}

/* Keeps the row's dates for the timeline, the first CHART_TOP of them. */
static void
keep_span(struct chart *c, const struct integra_value *vals)
{
	int32_t from = cell_days(vals, c->from), to = cell_days(vals, c->to);
	struct chart_span *sp;

	if (c->to < 0 || (from == INT32_MIN && to == INT32_MIN))
		return;
	if (c->nspan_rows++ >= CHART_TOP)
		return;
	sp = &c->spans[c->nspans++];
	sp->from = from;
	sp->to = to;
	sp->label = row_name(c, vals);
}

/* Keeps the row for the charts; not for the bars when its measure has
 * no value. */
void
chart_add(struct chart *c, const struct integra_value *vals)
{
	const struct integra_value *m;
	struct chart_bar *bar;

	c->rows++;
	keep_span(c, vals);
	if (c->measure < 0)
		return;
	m = &vals[c->measure];
	if (m->type != INTEGRA_INTEGER && !(m->type == INTEGRA_REAL && isfinite(m->r))) {
		c->omitted++;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->bars = xrealloc(c->bars, c->cap * sizeof(*c->bars));
	}
	bar = &c->bars[c->n++];
	bar->value = m->type == INTEGRA_INTEGER ? (double)m->i : m->r;
	bar->row = c->rows;
	bar->code = cell_text(vals, c->code);
	bar->label = row_name(c, vals);
}

/* Largest value first; equal values in the order they came. */
static int
by_value(const void *a, const void *b)
{
	const struct chart_bar *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Appends a number as the charts write it. */
static void
svg_number(struct buf *b, double v)
{
	struct integra_value n = { .type = INTEGRA_REAL, .r = v };

	fmt_number(b, &n, 6);
}

/* The chart's title line and, below the last bar or the axis at y, what
 * it leaves out. */
static void
svg_notes(const struct chart *c, struct buf *b, size_t shown, double y)
{
	size_t more = c->n - shown;

	if (more > 0) {
		buf_printf(b, "<text x=\"0\" y=\"%.0f\" font-style=\"italic\">", y);
		buf_printf(b, P_("and %zu more", "and %zu more", (unsigned long)more), more);
		buf_adds(b, "</text>\n");
		y += 18;
	}
	if (c->omitted > 0) {
		buf_printf(b, "<text x=\"0\" y=\"%.0f\" font-style=\"italic\">", y);
		buf_printf(b, P_("%zu row without a value is not shown",
		    "%zu rows without a value are not shown", (unsigned long)c->omitted),
		    c->omitted);
		buf_adds(b, "</text>\n");
	}
}

/* The opening of the SVG element, height h, and its title. */
static void
svg_open(struct buf *b, double h, const char *title)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 %.0f\" "
	    "width=\"800\" height=\"%.0f\" role=\"img\" aria-label=\"", h, h);
	fmt_escape(b, title, strlen(title));
	buf_adds(b, "\">\n<text x=\"0\" y=\"16\" font-weight=\"bold\">");
	fmt_escape(b, title, strlen(title));
	buf_adds(b, "</text>\n");
}

/* One bar at y, width w: its name left of it (its code in a tooltip),
 * its value right of it. */
static void
svg_bar(struct buf *b, const struct chart_bar *bar, double y, double w)
{
	const double left = 300, height = 20;

	buf_adds(b, "<g><title>");
	if (bar->code) {
		fmt_escape(b, bar->code, strlen(bar->code));
		buf_adds(b, " · ");
	}
	fmt_escape(b, bar->label, strlen(bar->label));
	buf_printf(b, "</title><text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
	    left - 8, y + height - 5);
	fmt_escape(b, bar->label, strlen(bar->label));
	buf_printf(b, "</text><rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.0f\"/><text x=\"%.1f\" y=\"%.1f\">", left, y, w, height,
	    left + w + 6, y + height - 5);
	svg_number(b, bar->value);
	buf_adds(b, "</text></g>\n");
}

/* Horizontal bars, ranked unless ordered, at most CHART_TOP. */
static void
svg_bars(struct chart *c, struct buf *b, const char *title)
{
	const double width = 400, step = 26, top = 28;
	size_t i, shown = c->n < CHART_TOP ? c->n : CHART_TOP;
	double max = 0, w, notes = (c->n > shown) + (c->omitted > 0);

	if (!c->ordered)
		qsort(c->bars, c->n, sizeof(*c->bars), by_value);
	for (i = 0; i < shown; i++)
		if (c->bars[i].value > max)
			max = c->bars[i].value;
	svg_open(b, top + (double)shown * step + 18 * notes + 10, title);
	for (i = 0; i < shown; i++) {
		w = max > 0 && c->bars[i].value > 0 ? width * c->bars[i].value / max : 0;
		svg_bar(b, &c->bars[i], top + (double)i * step, w);
	}
	svg_notes(c, b, shown, top + (double)shown * step + 14);
}

/* A line through the values in their order, each point marked and
 * labelled with its value; every k-th name below the axis. */
static void
svg_line(struct chart *c, struct buf *b, const char *title)
{
	const double left = 40, width = 720, top = 40, height = 200;
	size_t i, shown = c->n < CHART_LINE ? c->n : CHART_LINE;
	size_t k = shown / 12 + 1;
	double max = 0, x, y, dx = shown > 1 ? width / (double)(shown - 1) : 0;

	for (i = 0; i < shown; i++)
		if (c->bars[i].value > max)
			max = c->bars[i].value;
	svg_open(b, top + height + 70, title);
	buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
	    "stroke=\"#1b1b1b\"/>\n<polyline fill=\"none\" stroke=\"#1f5aa6\" "
	    "stroke-width=\"2\" points=\"", left, top + height, left + width,
	    top + height);
	for (i = 0; i < shown; i++)
		buf_printf(b, "%s%.1f,%.1f", i ? " " : "", left + dx * (double)i,
		    top + height - (max > 0 ? height * c->bars[i].value / max : 0));
	buf_adds(b, "\"/>\n");
	for (i = 0; i < shown; i++) {
		x = left + dx * (double)i;
		y = top + height - (max > 0 ? height * c->bars[i].value / max : 0);
		buf_adds(b, "<g><title>");
		fmt_escape(b, c->bars[i].label, strlen(c->bars[i].label));
		buf_printf(b, "</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"#1b1b1b\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		    x, y, x, y - 8);
		svg_number(b, c->bars[i].value);
		buf_adds(b, "</text></g>\n");
		if (i % k == 0) {
			buf_printf(b, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">",
			    x, top + height + 18);
			fmt_escape(b, c->bars[i].label, strlen(c->bars[i].label));
			buf_adds(b, "</text>\n");
		}
	}
	svg_notes(c, b, shown, top + height + 44);
}

/* The chart as inline SVG in a section, or nothing without bars. */
void
chart_svg(struct chart *c, struct buf *b, const char *title)
{
	if (c->n == 0)
		return;
	buf_adds(b, "<section class=\"chart\">\n");
	if (c->line && c->n > 1)
		svg_line(c, b, title);
	else
		svg_bars(c, b, title);
	buf_adds(b, "</svg>\n</section>\n");
}

/* The earliest and latest day of the kept spans. */
static void
span_range(const struct chart *c, int32_t *lo, int32_t *hi)
{
	size_t i;

	*lo = INT32_MAX;
	*hi = INT32_MIN;
	for (i = 0; i < c->nspans; i++) {
		if (c->spans[i].from != INT32_MIN && c->spans[i].from < *lo)
			*lo = c->spans[i].from;
		if (c->spans[i].to != INT32_MIN && c->spans[i].to < *lo)
			*lo = c->spans[i].to;
		if (c->spans[i].from > *hi)
			*hi = c->spans[i].from;
		if (c->spans[i].to > *hi)
			*hi = c->spans[i].to;
	}
	if (*hi - *lo < 30) {
		*lo -= 15;
		*hi += 15;
	}
}

/* Appends a day as DD.MM.YYYY. */
static void
svg_day(struct buf *b, int32_t days)
{
	char iso[11];

	date_format(days, iso);
	buf_printf(b, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
}

/* One row of the timeline at y: its name, a bar from start to end (or a
 * diamond at a lone date), the dates in its tooltip. */
static void
svg_span(struct buf *b, const struct chart_span *sp, double y, int32_t lo, double scale)
{
	const double left = TIMELINE_LEFT;
	double x1, x2;

	buf_adds(b, "<g><title>");
	fmt_escape(b, sp->label, strlen(sp->label));
	buf_adds(b, ": ");
	if (sp->from != INT32_MIN) {
		svg_day(b, sp->from);
		buf_adds(b, " – ");
	}
	if (sp->to != INT32_MIN)
		svg_day(b, sp->to);
	buf_printf(b, "</title><text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">",
	    left - 20, y + 12);
	fmt_escape(b, sp->label, strlen(sp->label));
	buf_adds(b, "</text>");
	x1 = left + scale * (double)((sp->from != INT32_MIN ? sp->from : sp->to) - lo);
	x2 = left + scale * (double)((sp->to != INT32_MIN ? sp->to : sp->from) - lo);
	if (sp->from != INT32_MIN && sp->to != INT32_MIN)
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\"/>",
		    x1, y + 2, x2 - x1 > 2 ? x2 - x1 : 2);
	else
		buf_printf(b, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"#1b1b1b\"/>",
		    x2, y + 2);
	buf_adds(b, "</g>\n");
}

/* The timeline: the first CHART_TOP dated rows in their order on one
 * time axis, the first and last day written under it. */
void
chart_timeline_svg(struct chart *c, struct buf *b)
{
	const double left = TIMELINE_LEFT, width = 448, step = 20, top = 28;
	double axis = top + (double)c->nspans * step + 4, scale;
	int32_t lo, hi;
	size_t i;

	if (c->nspans == 0)
		return;
	span_range(c, &lo, &hi);
	scale = width / (double)(hi - lo);
	buf_adds(b, "<section class=\"chart timeline\">\n");
	svg_open(b, axis + 40 + 18 * (c->nspan_rows > c->nspans), _("Timeline"));
	for (i = 0; i < c->nspans; i++)
		svg_span(b, &c->spans[i], top + (double)i * step, lo, scale);
	buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
	    "stroke=\"#1b1b1b\"/>\n<text x=\"%.0f\" y=\"%.0f\">", left, axis,
	    left + width, axis, left, axis + 16);
	svg_day(b, lo);
	buf_printf(b, "</text><text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">",
	    left + width, axis + 16);
	svg_day(b, hi);
	buf_adds(b, "</text>\n");
	if (c->nspan_rows > c->nspans) {
		buf_printf(b, "<text x=\"0\" y=\"%.0f\" font-style=\"italic\">", axis + 34);
		buf_printf(b, P_("and %zu more", "and %zu more",
		    (unsigned long)(c->nspan_rows - c->nspans)), c->nspan_rows - c->nspans);
		buf_adds(b, "</text>\n");
	}
	buf_adds(b, "</svg>\n</section>\n");
}

void
chart_free(struct chart *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->bars[i].label);
		free(c->bars[i].code);
	}
	for (i = 0; i < c->nspans; i++)
		free(c->spans[i].label);
	free(c->bars);
	memset(c, 0, sizeof(*c));
}
