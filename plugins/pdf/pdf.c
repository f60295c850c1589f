/*
 * The pdf export format, as a plugin: an A4 document drawn with Cairo and
 * Pango (Cyrillic shaped, DejaVu Sans from the system, nothing fetched):
 * the report's heading block (ABI 1.1), a chart of the measure (bars
 * ranked, or a line by month), a timeline of the rows' dates (start to
 * end, or a due date) as the html format draws it,
 * the table split across pages with its header repeated, a totals row as
 * the columns declare it, and "page N of M" at the foot of every page.
 * Rows are kept as text until close(), which lays out and draws the pages
 * (pdf_draw.c).  It declares no area: it only adds the format `pdf`, which
 * writes the output file itself.
 */
#include <libintl.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "integra/totals.h"

/* Names of columns whose rows keep their own order in a chart. */
static const char *const ordered_names[] = { "month", "year", "period", "status", NULL };
/* Date columns a timeline runs from, and to (as fmt_chart.c). */
static const char *const from_names[] = { "start", "first", NULL };
static const char *const to_names[] = { "end", "last", "due", NULL };

static const struct integra_api *pdf_api;
static const struct integra_host *pdf_host;

static int
pdf_init(const struct integra_api *api, const struct integra_host *h)
{
	pdf_api = api;
	pdf_host = h;
	return INTEGRA_OK;
}

const char *
pdf_text(const char *msgid)
{
	return dgettext("integra", msgid);
}

const char *
pdf_ntext(const char *one, const char *many, unsigned long n)
{
	return dngettext("integra", one, many, n);
}

static void *
xmalloc0(size_t n, size_t size)
{
	void *p = calloc(n + 1, size);

	if (p == NULL)
		abort();
	return p;
}

static void
pdf_free(struct pdf *p)
{
	size_t i;

	for (i = 0; p->cells && i < p->kept * p->ncols; i++)
		free(p->cells[i]);
	free(p->cells);
	free(p->numeric);
	free(p->cols);
	free(p->sum);
	free(p->numbers);
	free(p->bars);
	free(p);
}

/* The heading block of the output, or NULL before ABI 1.1. */
static const struct integra_heading *
pdf_heading(const struct integra_output *o)
{
	if (o->size <= offsetof(struct integra_output, heading))
		return NULL;
	return o->heading;
}

static bool
is_number(const struct integra_column *c)
{
	return c->type == INTEGRA_INTEGER || c->type == INTEGRA_REAL ||
	    c->flags & (INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE);
}

/* The chart's columns: the measure (else the first totalled column),
 * the names ("name" or "title", else the first text column), and
 * whether the rows keep their order. */
static void
pick_chart(struct pdf *p)
{
	size_t i, k;

	p->measure = p->label = -1;
	for (i = 0; i < p->ncols && p->measure < 0; i++)
		if (p->cols[i].flags & INTEGRA_COLUMN_MEASURE)
			p->measure = (int)i;
	for (i = 0; i < p->ncols && p->measure < 0; i++)
		if (p->cols[i].flags & INTEGRA_COLUMN_TOTAL)
			p->measure = (int)i;
	for (i = 0; i < p->ncols; i++)
		if (strcmp(p->cols[i].name, "name") == 0 || strcmp(p->cols[i].name, "title") == 0)
			p->label = (int)i;
	for (i = 0; i < p->ncols && p->label < 0; i++)
		if (!is_number(&p->cols[i]) || strcmp(p->cols[i].name, "year") == 0)
			p->label = (int)i;
	p->line = p->label >= 0 && (strcmp(p->cols[p->label].name, "month") == 0 ||
	    strcmp(p->cols[p->label].name, "period") == 0);
	for (i = 0; i < p->ncols; i++)
		for (k = 0; ordered_names[k]; k++)
			if (strcmp(p->cols[i].name, ordered_names[k]) == 0 &&
			    (int)i != p->measure && (int)i <= (p->label < 0 ? 0 : p->label))
				p->ordered = true;
}

/* The first date column named one of names, in their order; -1. */
static int
find_date(const struct pdf *p, const char *const *names)
{
	size_t i, k;

	for (k = 0; names[k]; k++)
		for (i = 0; i < p->ncols; i++)
			if (p->cols[i].type == INTEGRA_DATE &&
			    strcmp(p->cols[i].name, names[k]) == 0)
				return (int)i;
	return -1;
}

static int
pdf_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct pdf *p;
	size_t i;

	if (o->path == NULL)
		return INTEGRA_EUSAGE;
	p = xmalloc0(1, sizeof(*p));
	p->o = o;
	p->heading = pdf_heading(o);
	p->ncols = ncols;
	p->cols = xmalloc0(ncols, sizeof(*cols));
	memcpy(p->cols, cols, ncols * sizeof(*cols));
	p->numeric = xmalloc0(ncols, sizeof(bool));
	p->sum = xmalloc0(ncols, sizeof(double));
	p->numbers = xmalloc0(ncols, sizeof(size_t));
	for (i = 0; i < ncols; i++)
		p->numeric[i] = cols[i].type == INTEGRA_INTEGER || cols[i].type == INTEGRA_REAL;
	pick_chart(p);
	p->from = find_date(p, from_names);
	p->to = find_date(p, to_names);
	*state = p;
	return INTEGRA_OK;
}

/* A value as the document shows it; dates as DD.MM.YYYY. */
static char *
cell_text(const struct integra_value *v)
{
	char buf[64];
	const char *s = v->s;
	size_t n;

	switch (v->type) {
	case INTEGRA_NULL:
		return strdup("");
	case INTEGRA_INTEGER:
		snprintf(buf, sizeof(buf), "%lld", (long long)v->i);
		return strdup(buf);
	case INTEGRA_REAL:
		snprintf(buf, sizeof(buf), isfinite(v->r) ? "%.10g" : "", v->r);
		return strdup(buf);
	case INTEGRA_BOOLEAN:
		return strdup(v->i ? pdf_text("yes") : pdf_text("no"));
	default:
		n = s ? (v->n ? v->n : strlen(s)) : 0;
		if (v->type == INTEGRA_DATE && n == 10 && s[4] == '-' && s[7] == '-') {
			snprintf(buf, sizeof(buf), "%.2s.%.2s.%.4s", s + 8, s + 5, s);
			return strdup(buf);
		}
		return s ? strndup(s, n) : strdup("");
	}
}

/* Keeps a row of texts; NULL texts come from vals. */
static void
keep(struct pdf *p, const struct integra_value *vals)
{
	size_t i;

	if (p->kept == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		if ((p->cells = realloc(p->cells, p->cap * (p->ncols + 1) *
		    sizeof(char *))) == NULL)
			abort();
	}
	for (i = 0; i < p->ncols; i++)
		if ((p->cells[p->kept * p->ncols + i] = cell_text(&vals[i])) == NULL)
			abort();
	p->kept++;
}

/* A "YYYY-MM-DD" cell as days since 1970 (the civil calendar's
 * proleptic count), INT32_MIN when it is not a date. */
static int32_t
cell_days(const struct integra_value *vals, int col)
{
	const char *s = col >= 0 ? vals[col].s : NULL;
	int y, m, d;
	unsigned era, yoe, doy;

	if (s == NULL || vals[col].type != INTEGRA_DATE ||
	    sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31 || y < 1)
		return INT32_MIN;
	y -= m <= 2;
	era = (unsigned)y / 400;
	yoe = (unsigned)y - era * 400;
	doy = (unsigned)(153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	return (int32_t)(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

void
pdf_day_text(int32_t days, char out[11])
{
	int32_t z = days + 719468, era = z / 146097;
	unsigned doe = (unsigned)(z - era * 146097), yoe, doy, mp, d, m;
	int y;

	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = (int)yoe + era * 400 + (m <= 2);
	snprintf(out, 11, "%02u.%02u.%04u", d % 100, m % 100, (unsigned)y % 10000);
}

/* Keeps the row's dates for the timeline, the first PDF_SPANS of them,
 * named by the chart's name column (the row just kept). */
static void
keep_span(struct pdf *p, const struct integra_value *vals)
{
	int32_t from = cell_days(vals, p->from), to = cell_days(vals, p->to);
	struct pdf_span *sp;
	const char *name;

	if (p->to < 0 || (from == INT32_MIN && to == INT32_MIN))
		return;
	if (p->nspan_rows++ >= PDF_SPANS)
		return;
	name = p->label >= 0 ? p->cells[(p->kept - 1) * p->ncols + (size_t)p->label] : "";
	sp = &p->spans[p->nspans++];
	sp->from = from;
	sp->to = to;
	sp->label = name[0] ? name : pdf_text("(none)");
}

static int
pdf_row(void *state, const struct integra_value *vals)
{
	struct pdf *p = state;
	const struct integra_value *m;

	integra_totals_add(p->sum, p->numbers, vals, p->ncols);
	keep(p, vals);
	keep_span(p, vals);
	p->rows++;
	if (p->measure < 0)
		return INTEGRA_OK;
	m = &vals[p->measure];
	if (m->type != INTEGRA_INTEGER && !(m->type == INTEGRA_REAL && isfinite(m->r))) {
		p->omitted++;
		return INTEGRA_OK;
	}
	if ((p->bars = realloc(p->bars, (p->nbars + 1) * sizeof(*p->bars))) == NULL)
		abort();
	p->bars[p->nbars].value = m->type == INTEGRA_INTEGER ? (double)m->i : m->r;
	p->bars[p->nbars].row = p->rows - 1;
	p->bars[p->nbars++].label = p->label >= 0 ?
	    p->cells[(p->kept - 1) * p->ncols + (size_t)p->label] : "";
	return INTEGRA_OK;
}

/* Keeps the totals row under more than one row when a column has one. */
static void
add_totals(struct pdf *p)
{
	struct integra_value *v = xmalloc0(p->ncols, sizeof(*v));
	size_t i, any = 0;

	for (i = 0; i < p->ncols; i++) {
		if (integra_totals_value(p->cols, p->ncols, i, p->sum, p->numbers, &v[i].r) !=
		    INTEGRA_TOTAL_NONE) {
			v[i].type = INTEGRA_REAL;
			any++;
		}
	}
	if (any > 0 && p->rows > 1) {
		if (v[0].type == INTEGRA_NULL)
			v[0] = (struct integra_value){ .type = INTEGRA_TEXT,
			    .s = pdf_text("total") };
		keep(p, v);
		p->totals = true;
	}
	free(v);
}

/* Largest value first; equal values in the order they came. */
static int
by_value(const void *a, const void *b)
{
	const struct pdf_bar *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int
pdf_close(void *state, int ok)
{
	struct pdf *p = state;
	const char *why = NULL;
	int rc = INTEGRA_OK;

	if (ok) {
		add_totals(p);
		if (!p->ordered && p->nbars > 1)
			qsort(p->bars, p->nbars, sizeof(*p->bars), by_value);
		if (pdf_draw(p, &why) != 0) {
			rc = INTEGRA_EFAIL;
			if (pdf_api && pdf_host)
				pdf_api->error(pdf_host, INTEGRA_EFAIL, "cannot write pdf '%s': %s",
				    p->o->path, why ? why : "?");
		}
	}
	pdf_free(p);
	return rc;
}

static const struct integra_format pdf_formats[] = {
	{ .name = "pdf",
	  .summary = N_("A4 document: the heading, a chart, the table across pages "
	  "with its header repeated, page numbers"),
	  .extension = "pdf",
	  .flags = INTEGRA_FORMAT_NEEDS_FILE | INTEGRA_FORMAT_BINARY,
	  .open = pdf_open, .row = pdf_row, .close = pdf_close },
	{ .name = NULL }
};

INTEGRA_PLUGIN_DEFINE(
	.name = "pdf",
	.version = "1.0",
	.area = NULL,
	.title = N_("pdf export format (Cairo and Pango)"),
	.formats = pdf_formats,
	.init = pdf_init,
	.textdomain = "integra");
