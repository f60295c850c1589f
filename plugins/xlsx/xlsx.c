/*
 * The xlsx export format, as a plugin: a spreadsheet written with
 * libxlsxwriter in constant-memory mode (each row goes to disk as it
 * comes), with typed cells (numbers as numbers, dates as dates shown
 * yyyy-mm-dd, booleans as booleans, text always as a string cell, so a
 * name like "=1+1" is never a formula), the header row bold and frozen, and
 * the column widths fitted to the longest text.  It declares no area: it
 * only adds the format `xlsx`, which writes the output file itself.
 */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "integra/plugin.h"

#define XLSX_MAX_ROWS 1048576	/* rows of a worksheet, header included */
#define XLSX_MAX_WIDTH 80	/* characters of a column at most */
#define XLSX_MAX_STRING 32767	/* characters of a cell at most */

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_format *date;
	const char *path;
	size_t ncols;
	enum integra_type *types;
	size_t *width;		/* per column, in characters */
	lxw_row_t row;
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
	if (xlsx_api && xlsx_host)
		return xlsx_api->error(xlsx_host, INTEGRA_EFAIL, "cannot %s xlsx '%s': %s",
		    what, x && x->path ? x->path : "?", lxw_strerror(err));
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
	free(x->types);
	free(x->width);
	free(x);
}

static int
xlsx_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	struct xlsx *x;
	lxw_error err = LXW_NO_ERROR;
	size_t i;

	if (o->path == NULL || ncols > LXW_COL_MAX)
		return INTEGRA_EUSAGE;
	if ((x = calloc(1, sizeof(*x))) == NULL ||
	    (x->types = calloc(ncols + 1, sizeof(*x->types))) == NULL ||
	    (x->width = calloc(ncols + 1, sizeof(*x->width))) == NULL) {
		if (x)
			xlsx_free(x);
		return INTEGRA_EFAIL;
	}
	x->path = o->path;
	x->ncols = ncols;
	if ((x->wb = workbook_new_opt(o->path, &opt)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, "report")) == NULL) {
		if (x->wb)
			workbook_close(x->wb);
		xlsx_free(x);
		return xlsx_fail(NULL, "start", LXW_ERROR_CREATING_TMPFILE);
	}
	props.title = (char *)(o->title ? o->title : "integra report");
	props.author = (char *)"integra";
	workbook_set_properties(x->wb, &props);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	worksheet_freeze_panes(x->ws, 1, 0);
	for (i = 0; i < ncols && err == LXW_NO_ERROR; i++) {
		x->types[i] = cols[i].type;
		x->width[i] = utf8_chars(cols[i].name, strlen(cols[i].name));
		err = worksheet_write_string(x->ws, 0, (lxw_col_t)i, cols[i].name, x->bold);
	}
	x->row = 1;
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
		if ((v->type == INTEGRA_DATE || x->types[c] == INTEGRA_DATE) &&
		    parse_date(v->s, n, &dt) == 0) {
			*chars = 10;
			return worksheet_write_datetime(x->ws, x->row, c, &dt, x->date);
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
	x->row++;
	return INTEGRA_OK;
}

static int
xlsx_close(void *state, int ok)
{
	struct xlsx *x = state;
	lxw_error err;
	size_t i, w;

	for (i = 0; i < x->ncols; i++) {
		w = x->width[i] + 2;
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)(w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w), NULL);
	}
	err = workbook_close(x->wb);
	if (ok && err != LXW_NO_ERROR) {
		xlsx_fail(x, "write", err);
		xlsx_free(x);
		return INTEGRA_EFAIL;
	}
	xlsx_free(x);
	return INTEGRA_OK;
}

static const struct integra_format xlsx_formats[] = {
	{ "xlsx", "Excel workbook: typed cells, bold frozen header, fitted columns",
	  "xlsx", INTEGRA_FORMAT_NEEDS_FILE | INTEGRA_FORMAT_BINARY,
	  xlsx_open, xlsx_row, xlsx_close },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL }
};

INTEGRA_PLUGIN_DEFINE(
	.name = "xlsx",
	.version = "1.0",
	.area = NULL,
	.title = "xlsx export format (libxlsxwriter)",
	.formats = xlsx_formats,
	.init = xlsx_init);
