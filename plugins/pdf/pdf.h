/*
 * The pdf export format (plugins/pdf): what pdf.c (the format: rows kept,
 * totals, the chart's bars) hands to pdf_draw.c (the pages: Cairo and
 * Pango on an A4 PDF surface).
 */
#ifndef INTEGRA_PDF_H
#define INTEGRA_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "integra/plugin.h"

#define PDF_TOP 15		/* bars of the chart at most */
#define PDF_LINE 120		/* points of a line at most */
#define PDF_SPANS 20		/* rows of the timeline at most, as in html */

/* One bar of the chart. */
struct pdf_bar {
	const char *label;	/* borrowed from the cells */
	double value;
	size_t row;
};

/* One row of the timeline: days since 1970, INT32_MIN when absent. */
struct pdf_span {
	const char *label;	/* borrowed from the cells */
	int32_t from;
	int32_t to;
};

/* The document: the result kept whole, then drawn. */
struct pdf {
	const struct integra_output *o;
	const struct integra_heading *heading;	/* NULL without one */
	size_t ncols;
	struct integra_column *cols;
	char **cells;		/* rows * ncols texts, row-major; the totals
				 * row last when there is one */
	bool *numeric;		/* per column: right-aligned */
	size_t rows;		/* data rows */
	size_t kept;		/* rows kept, the totals row included */
	size_t cap;
	bool totals;		/* the last kept row is the totals row */
	double *sum;		/* per column */
	size_t *numbers;	/* per column, how many numbers it held */
	int measure;		/* the charted column, -1 for none */
	int label;		/* the column naming the bars, -1 for none */
	bool ordered;		/* rows keep their order in the chart */
	bool line;		/* drawn as a line (rows by month or period) */
	struct pdf_bar *bars;	/* rows with a value */
	size_t nbars;
	size_t omitted;		/* rows without a value */
	int from;		/* timeline: the start column, -1 for none */
	int to;			/* timeline: the end or due column, -1: no timeline */
	struct pdf_span spans[PDF_SPANS];	/* the first dated rows */
	size_t nspans;
	size_t nspan_rows;	/* rows with a date */
};

/* Writes days since 1970 as DD.MM.YYYY. */
void pdf_day_text(int32_t days, char out[11]);
/* Draws the whole document into o->path; 0 or -1 with *why set. */
int pdf_draw(struct pdf *p, const char **why);
/* Text of the user's language, from the textdomain "integra"; the
 * second by count n. */
const char *pdf_text(const char *msgid) __attribute__((format_arg(1)));
const char *pdf_ntext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

#endif /* INTEGRA_PDF_H */
