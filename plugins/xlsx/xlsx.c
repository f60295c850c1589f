/*
 * The xlsx export format, as a plugin: a spreadsheet written with
 * libxlsxwriter, one worksheet named after the report.  Above the table,
 * the report's heading block (ABI 1.1: issuing body, title, question,
 * facts and the row count); then the header of column labels, bold,
 * frozen and with an autofilter; typed cells (numbers as numbers, dates
 * as dates shown dd.mm.yyyy, a year as a number, booleans as booleans,
 * text always as a string cell, so a name like "=1+1" is never a
 * formula); and a totals row of formulas as the columns declare them
 * (=SUM over the column, a ratio as the formula of the two totals), each
 * with its value cached for viewers that do not recalculate.  Column
 * widths are fitted to the longest text.  The sheet is kept in memory
 * until close() (the row count goes above the table).  It declares no
 * area: it only adds the format `xlsx`, which writes the output file
 * itself.
 */
#include <libintl.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "integra/plugin.h"
#include "integra/totals.h"

#define XLSX_MAX_ROWS 1048576	/* rows of a worksheet, header included */
#define XLSX_MAX_WIDTH 80	/* characters of a column at most */
#define XLSX_MAX_STRING 32767	/* characters of a cell at most */
#define XLSX_SHEET_NAME 31	/* characters of a sheet name at most */
#define T_(s) dgettext("integra", s)

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_format *big;	/* the title */
	lxw_format *italic;	/* the question */
	lxw_format *date;
	const char *path;
	size_t ncols;
	struct integra_column *cols;	/* copies of the descriptions */
	size_t *width;		/* per column, in characters */
	double *sum;		/* per column, of its numbers */
	size_t *numbers;	/* per column, how many numbers it held */
	lxw_row_t rows_cell;	/* the heading's row count, 0 for none */
	lxw_row_t header;	/* the row of column labels */
	lxw_row_t row;		/* the next row */
};

/* The host's services, kept from init() for error messages. */
static const struct integra_api *xlsx_api;
static const struct integra_host *xlsx_host;

static int
xlsx_init(const struct integra_api *api, const struct integra_host *h)
{
	xlsx_api = api;
	xlsx_host = h;
	return INTEGRA_OK;
}

/* Reports a libxlsxwriter failure; returns INTEGRA_EFAIL. */
static int
xlsx_fail(const struct xlsx *x, const char *what, lxw_error err)
{
	const char *path = x && x->path ? x->path : "?";

	if (xlsx_api && xlsx_host && strcmp(what, "start") == 0)
		return xlsx_api->error(xlsx_host, INTEGRA_EFAIL, "cannot start "
		    "xlsx '%s': %s", path, lxw_strerror(err));
	if (xlsx_api && xlsx_host)
		return xlsx_api->error(xlsx_host, INTEGRA_EFAIL, "cannot write "
		    "xlsx '%s': %s", path, lxw_strerror(err));
	return INTEGRA_EFAIL;
}

/* Characters (UTF-8 code points) in s[0..n). */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

static void
xlsx_free(struct xlsx *x)
{
	free(x->cols);
	free(x->width);
	free(x->sum);
	free(x->numbers);
	free(x);
}

/* The heading block of the report, or NULL (a host before ABI 1.1, or
 * not a report). */
static const struct integra_heading *
xlsx_heading(const struct integra_output *o)
{
	if (o->size <= offsetof(struct integra_output, heading))
		return NULL;
	return o->heading;
}

/* The sheet's name in out: the title cut to 31 characters on a UTF-8
 * boundary, without the characters Excel refuses ([]:*?/\) and
 * without a leading or trailing apostrophe. */
static void
sheet_name(const char *title, char *out, size_t size)
{
	size_t i, n = 0, chars = 0;

	for (i = 0; title[i] && n + 1 < size; i++) {
		if (((unsigned char)title[i] & 0xc0) != 0x80 && ++chars > XLSX_SHEET_NAME)
			break;
		out[n++] = strchr("[]:*?/\\", title[i]) ? ' ' : title[i];
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\''))
		n--;
	out[n] = '\0';
	if (out[0] == '\'')
		out[0] = ' ';
	if (n == 0)
		snprintf(out, size, "report");
}

/* Writes text at (row, col) in format f; NULL text writes nothing. */
static lxw_error
put(struct xlsx *x, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
	if (text == NULL)
		return LXW_NO_ERROR;
	return worksheet_write_string(x->ws, row, col, text, f);
}

/* The heading block from row 0: issuing body, title, question, facts
 * (label, value), the row count (written at close) and a blank row. */
static lxw_error
write_heading(struct xlsx *x, const struct integra_heading *h)
{
	lxw_error err = LXW_NO_ERROR;
	size_t i;

	if (h == NULL)
		return LXW_NO_ERROR;
	if (h->organisation)
		err = put(x, x->row++, 0, h->organisation, x->bold);
	if (err == LXW_NO_ERROR && h->title)
		err = put(x, x->row++, 0, h->title, x->big);
	if (err == LXW_NO_ERROR && h->summary)
		err = put(x, x->row++, 0, h->summary, x->italic);
	for (i = 0; err == LXW_NO_ERROR && i < h->nfacts; i++) {
		err = put(x, x->row, 0, h->fact_labels[i], NULL);
		if (err == LXW_NO_ERROR)
			err = put(x, x->row, 1, h->fact_values[i], NULL);
		x->row++;
	}
	if (err == LXW_NO_ERROR && h->rows_label) {
		err = put(x, x->row, 0, h->rows_label, NULL);
		x->rows_cell = x->row++;
	}
	x->row++;
	return err;
}

/* The formats of the workbook. */
static void
add_formats(struct xlsx *x)
{
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->big = workbook_add_format(x->wb);
	format_set_bold(x->big);
	format_set_font_size(x->big, 14);
	x->italic = workbook_add_format(x->wb);
	format_set_italic(x->italic);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "dd.mm.yyyy");
}

/* The workbook and its one sheet, named after the report. */
static int
start_book(struct xlsx *x, const struct integra_output *o)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .use_zip64 = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	const struct integra_heading *h = xlsx_heading(o);
	char name[128];

	sheet_name(h && h->title ? h->title : o->title ? o->title : "report", name,
	    sizeof(name));
	if ((x->wb = workbook_new_opt(o->path, &opt)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, name)) == NULL) {
		if (x->wb)
			workbook_close(x->wb);
		return -1;
	}
	props.title = (char *)(o->title ? o->title : "integra report");
	props.author = (char *)"integra";
	props.company = (char *)(h && h->organisation ? h->organisation : "");
	workbook_set_properties(x->wb, &props);
	add_formats(x);
	return 0;
}

/* The label of column c in the header. */
static const char *
col_label(const struct integra_column *c)
{
	return c->label ? c->label : c->name;
}

static int
xlsx_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct xlsx *x;
	lxw_error err;
	size_t i;

	if (o->path == NULL || ncols > LXW_COL_MAX)
		return INTEGRA_EUSAGE;
	if ((x = calloc(1, sizeof(*x))) == NULL ||
	    (x->cols = calloc(ncols + 1, sizeof(*x->cols))) == NULL ||
	    (x->width = calloc(ncols + 1, sizeof(*x->width))) == NULL ||
	    (x->sum = calloc(ncols + 1, sizeof(*x->sum))) == NULL ||
	    (x->numbers = calloc(ncols + 1, sizeof(*x->numbers))) == NULL) {
		if (x)
			xlsx_free(x);
		return INTEGRA_EFAIL;
	}
	x->path = o->path;
	x->ncols = ncols;
	memcpy(x->cols, cols, ncols * sizeof(*cols));
	if (start_book(x, o) != 0) {
		xlsx_free(x);
		return xlsx_fail(NULL, "start", LXW_ERROR_CREATING_TMPFILE);
	}
	err = write_heading(x, xlsx_heading(o));
	x->header = x->row++;
	worksheet_freeze_panes(x->ws, x->header + 1, 0);
	for (i = 0; i < ncols && err == LXW_NO_ERROR; i++) {
		x->width[i] = utf8_chars(col_label(&cols[i]), strlen(col_label(&cols[i])));
		err = put(x, x->header, (lxw_col_t)i, col_label(&cols[i]), x->bold);
	}
	*state = x;
	return err == LXW_NO_ERROR ? INTEGRA_OK : xlsx_fail(x, "write", err);
}

/* Parses "YYYY-MM-DD"; 0 on success. */
static int
parse_date(const char *s, size_t n, lxw_datetime *dt)
{
	size_t i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	memset(dt, 0, sizeof(*dt));
	dt->year = atoi(s);
	dt->month = atoi(s + 5);
	dt->day = atoi(s + 8);
	return dt->year >= 1900 && dt->month >= 1 && dt->month <= 12 &&
	    dt->day >= 1 && dt->day <= 31 ? 0 : -1;
}

/*
 * Writes text, cut to the most a cell holds, on a UTF-8 boundary.  Text
 * goes only through worksheet_write_string(), which makes a string cell
 * (an inline string in constant-memory mode, <c t="inlineStr">) whatever
 * its first character: libxlsxwriter writes a formula (<f>) only when
 * asked with worksheet_write_formula(), so "=1+1" or "@SUM(A1)" is shown
 * as it is and never evaluated.  The text needs no apostrophe.
 */
static lxw_error
write_text(struct xlsx *x, lxw_col_t c, const char *s, size_t n, size_t *chars)
{
	char *cut;
	size_t i, k = 0;
	lxw_error err;

	*chars = utf8_chars(s, n);
	if (*chars <= XLSX_MAX_STRING)
		return worksheet_write_string(x->ws, x->row, c, s, NULL);
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++k > XLSX_MAX_STRING)
			break;
	if ((cut = malloc(i + 1)) == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	memcpy(cut, s, i);
	cut[i] = '\0';
	err = worksheet_write_string(x->ws, x->row, c, cut, NULL);
	free(cut);
	*chars = XLSX_MAX_STRING;
	return err;
}

/* A year written as text ("2021") in a column called year: a number. */
static int
is_year(const struct integra_column *c, const char *s, size_t n)
{
	size_t i;

	if (strcmp(c->name, "year") != 0 || n != 4)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Writes one typed cell; *chars is its width in characters. */
static lxw_error
write_cell(struct xlsx *x, lxw_col_t c, const struct integra_value *v, size_t *chars)
{
	char num[32];
	lxw_datetime dt;
	size_t n;

	switch (v->type) {
	case INTEGRA_NULL:
		*chars = 0;
		return LXW_NO_ERROR;
	case INTEGRA_INTEGER:
		*chars = (size_t)snprintf(num, sizeof(num), "%lld", (long long)v->i);
		return worksheet_write_number(x->ws, x->row, c, (double)v->i, NULL);
	case INTEGRA_REAL:
		*chars = (size_t)snprintf(num, sizeof(num), "%.10g", v->r);
		return worksheet_write_number(x->ws, x->row, c, v->r, NULL);
	case INTEGRA_BOOLEAN:
		*chars = 5;
		return worksheet_write_boolean(x->ws, x->row, c, v->i != 0, NULL);
	default:
		if (v->s == NULL) {
			*chars = 0;
			return LXW_NO_ERROR;
		}
		n = v->n ? v->n : strlen(v->s);
		if ((v->type == INTEGRA_DATE || x->cols[c].type == INTEGRA_DATE) &&
		    parse_date(v->s, n, &dt) == 0) {
			*chars = 10;
			return worksheet_write_datetime(x->ws, x->row, c, &dt, x->date);
		}
		if (is_year(&x->cols[c], v->s, n)) {
			*chars = 4;
			return worksheet_write_number(x->ws, x->row, c, atof(v->s), NULL);
		}
		return write_text(x, c, v->s, n, chars);
	}
}

static int
xlsx_row(void *state, const struct integra_value *vals)
{
	struct xlsx *x = state;
	lxw_error err;
	size_t i, chars;

	if (x->row >= XLSX_MAX_ROWS) {
		if (xlsx_api && xlsx_host)
			return xlsx_api->error(xlsx_host, INTEGRA_EFAIL, "cannot write xlsx "
			    "'%s': more rows than a worksheet holds (%d)", x->path,
			    XLSX_MAX_ROWS);
		return INTEGRA_EFAIL;
	}
	for (i = 0; i < x->ncols; i++) {
		if ((err = write_cell(x, (lxw_col_t)i, &vals[i], &chars)) != LXW_NO_ERROR)
			return xlsx_fail(x, "write", err);
		if (chars > x->width[i])
			x->width[i] = chars;
	}
	integra_totals_add(x->sum, x->numbers, vals, x->ncols);
	x->row++;
	return INTEGRA_OK;
}

/* The totals cell of column i at row r: =SUM(first:last), or the ratio
 * of the two columns' sums times the scale, rounded to one decimal. */
static lxw_error
write_total(struct xlsx *x, size_t i, lxw_row_t r, enum integra_total t)
{
	char f[256], a[16], b[16], na[16], nb[16], da[16], db[16];
	int num = integra_totals_index(x->cols, x->ncols, x->cols[i].numerator);
	int den = integra_totals_index(x->cols, x->ncols, x->cols[i].denominator);
	double scale = x->cols[i].scale ? x->cols[i].scale : 1, v;

	lxw_rowcol_to_cell(a, x->header + 1, (lxw_col_t)i);
	lxw_rowcol_to_cell(b, r - 1, (lxw_col_t)i);
	if (t == INTEGRA_TOTAL_SUM) {
		snprintf(f, sizeof(f), "=SUM(%s:%s)", a, b);
		return worksheet_write_formula_num(x->ws, r, (lxw_col_t)i, f, x->bold,
		    x->sum[i]);
	}
	lxw_rowcol_to_cell(na, x->header + 1, (lxw_col_t)num);
	lxw_rowcol_to_cell(nb, r - 1, (lxw_col_t)num);
	lxw_rowcol_to_cell(da, x->header + 1, (lxw_col_t)den);
	lxw_rowcol_to_cell(db, r - 1, (lxw_col_t)den);
	snprintf(f, sizeof(f), "=IF(SUM(%s:%s)=0,\"\",ROUND(SUM(%s:%s)/SUM(%s:%s)*%g,1))",
	    da, db, na, nb, da, db, scale);
	if (integra_totals_value(x->cols, x->ncols, i, x->sum, x->numbers, &v) ==
	    INTEGRA_TOTAL_NONE)
		return worksheet_write_formula_str(x->ws, r, (lxw_col_t)i, f, x->bold, "");
	return worksheet_write_formula_num(x->ws, r, (lxw_col_t)i, f, x->bold, v);
}

/* The totals row under more than one row, when a column has a total;
 * "total" in the first column when it has none. */
static lxw_error
write_totals(struct xlsx *x)
{
	lxw_error err = LXW_NO_ERROR;
	enum integra_total t;
	size_t i, any = 0;

	for (i = 0; i < x->ncols; i++)
		any += integra_totals_how(x->cols, x->ncols, i, x->numbers) != INTEGRA_TOTAL_NONE;
	if (any == 0 || x->row - x->header - 1 < 2)
		return LXW_NO_ERROR;
	for (i = 0; i < x->ncols && err == LXW_NO_ERROR; i++) {
		if ((t = integra_totals_how(x->cols, x->ncols, i, x->numbers)) !=
		    INTEGRA_TOTAL_NONE)
			err = write_total(x, i, x->row, t);
		else if (i == 0)
			err = put(x, x->row, 0, T_("total"), x->bold);
	}
	x->row++;
	return err;
}

/* The row count in the heading, the totals, the autofilter over the
 * header and the data, the fitted widths. */
static lxw_error
finish_sheet(struct xlsx *x)
{
	lxw_row_t last = x->row - 1;
	lxw_error err = LXW_NO_ERROR;
	size_t i, w;

	if (x->rows_cell)
		err = worksheet_write_number(x->ws, x->rows_cell, 1,
		    (double)(x->row - x->header - 1), NULL);
	if (err == LXW_NO_ERROR && x->ncols > 0)
		err = worksheet_autofilter(x->ws, x->header, 0, last,
		    (lxw_col_t)(x->ncols - 1));
	if (err == LXW_NO_ERROR)
		err = write_totals(x);
	for (i = 0; i < x->ncols; i++) {
		w = x->width[i] + 2;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)(w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w), NULL);
	}
	return err;
}

static int
xlsx_close(void *state, int ok)
{
	struct xlsx *x = state;
	lxw_error err = ok ? finish_sheet(x) : LXW_NO_ERROR, cerr;

	cerr = workbook_close(x->wb);
	if (err == LXW_NO_ERROR)
		err = cerr;
	if (ok && err != LXW_NO_ERROR) {
		xlsx_fail(x, "write", err);
		xlsx_free(x);
		return INTEGRA_EFAIL;
	}
	xlsx_free(x);
	return INTEGRA_OK;
}

static const struct integra_format xlsx_formats[] = {
	{ "xlsx", N_("Excel workbook: the heading, typed cells, a frozen header with "
	  "a filter, totals as formulas, fitted columns"),
	  "xlsx", INTEGRA_FORMAT_NEEDS_FILE | INTEGRA_FORMAT_BINARY,
	  xlsx_open, xlsx_row, xlsx_close },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};

INTEGRA_PLUGIN_DEFINE(
	.name = "xlsx",
	.version = "1.0",
	.area = NULL,
	.title = N_("xlsx export format (libxlsxwriter)"),
	.formats = xlsx_formats,
	.init = xlsx_init,
	.textdomain = "integra");
