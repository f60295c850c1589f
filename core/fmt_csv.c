/*
 * The csv format: RFC 4180 with CRLF in UTF-8; with --excel what Excel
 * and LibreOffice in a Ukrainian locale open with a double-click: a
 * byte-order mark, ';' between the cells, decimal commas in numbers, and
 * text that a spreadsheet would run as a formula kept as text.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "fmt_value.h"

/* ---- csv: RFC 4180, CRLF, UTF-8; --excel: a BOM, ';', decimal commas,
 * formulas kept text ---- */

struct csv {
	const struct integra_output *o;
	size_t ncols;
	char delim;		/* ',', or ';' for spreadsheets */
	struct buf line;
	struct buf cell;
};

/* One cell, quoted when it holds the delimiter d, a quote, a line end or
 * spaces at either end. */
static void
csv_field(struct buf *line, const char *s, size_t n, char d)
{
	const char special[] = { d, '"', '\r', '\n', '\0' };
	size_t i, start;

	if (strcspn(s, special) >= n && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		buf_add(line, s, n);
		return;
	}
	buf_addc(line, '"');
	for (i = 0; i < n; i = start) {
		for (start = i; start < n && s[start] != '"'; start++)
			;
		if (start < n)
			start++;	/* include the quote, then double it */
		buf_add(line, s + i, start - i);
		if (start > i && s[start - 1] == '"')
			buf_addc(line, '"');
	}
	buf_addc(line, '"');
}

/* Whether a spreadsheet would read text s as a formula: it starts with one
 * of the characters OWASP lists (= + - @, tab, carriage return). */
static bool
csv_formula(const char *s, size_t n)
{
	return n > 0 && memchr("=+-@\t\r", s[0], 6) != NULL;
}

/*
 * One text cell.  For spreadsheets (--excel) a cell that would start a
 * formula gets a leading apostrophe, so that it stays text; without
 * --excel the text goes out as it is, byte for byte.
 */
static void
csv_text(struct csv *c, const char *s, size_t n)
{
	if (!c->o->excel || !csv_formula(s, n)) {
		csv_field(&c->line, s, n, c->delim);
		return;
	}
	buf_reset(&c->cell);
	buf_addc(&c->cell, '\'');
	buf_add(&c->cell, s, n);
	csv_field(&c->line, c->cell.s, c->cell.len, c->delim);
}

/* A number; for spreadsheets (--excel) with a decimal comma, as a
 * Ukrainian locale writes it. */
static void
csv_number(struct csv *c, const struct integra_value *v)
{
	char *dot;

	fmt_value_text(&c->cell, v);
	if (c->o->excel && v->type == INTEGRA_REAL && c->cell.s != NULL &&
	    (dot = strchr(c->cell.s, '.')) != NULL)
		*dot = ',';
	buf_add(&c->line, c->cell.s ? c->cell.s : "", c->cell.len);
}

static int
csv_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct csv *c = xcalloc(1, sizeof(*c));
	size_t i;

	c->o = o;
	c->ncols = ncols;
	c->delim = o->excel ? ';' : ',';
	if (o->excel)
		buf_adds(&c->line, "\xef\xbb\xbf");
	for (i = 0; i < ncols; i++) {
		if (i)
			buf_addc(&c->line, c->delim);
		csv_text(c, cols[i].name, strlen(cols[i].name));
	}
	buf_adds(&c->line, "\r\n");
	*state = c;
	return fmt_write(o, c->line.s, c->line.len);
}

static int
csv_row(void *state, const struct integra_value *vals)
{
	struct csv *c = state;
	size_t i;

	buf_reset(&c->line);
	for (i = 0; i < c->ncols; i++) {
		if (i)
			buf_addc(&c->line, c->delim);
		if (vals[i].type == INTEGRA_TEXT || vals[i].type == INTEGRA_DATE ||
		    vals[i].type == INTEGRA_ENUM || vals[i].type == INTEGRA_REFERENCE) {
			if (vals[i].s)
				csv_text(c, vals[i].s, vals[i].n ? vals[i].n :
				    strlen(vals[i].s));
			continue;
		}
		csv_number(c, &vals[i]);
	}
	buf_adds(&c->line, "\r\n");
	return fmt_write(c->o, c->line.s, c->line.len);
}

static int
csv_close(void *state, int ok)
{
	struct csv *c = state;

	(void)ok;
	buf_release(&c->line);
	buf_release(&c->cell);
	free(c);
	return 0;
}

const struct integra_format out_format_csv = {
	.name = "csv",
	.summary = "comma-separated values (RFC 4180, UTF-8)",
	.extension = "csv",
	.open = csv_open,
	.row = csv_row,
	.close = csv_close,
};
