/*
 * The charts of the html format (fmt_chart.c): which column is charted
 * and which names the bars, the rows kept for it, and the inline SVG
 * drawn from them: bars labelled with names (the code in a tooltip),
 * ranked by the measure unless the rows have an order of their own
 * (months, years, statuses), rows without a value left out, the top
 * CHART_TOP with "and M more"; a line for rows by month; and, when the
 * rows have dates (start to end, first to last, or a due date), a
 * timeline of the first CHART_TOP rows in their order.
 */
#ifndef INTEGRA_FMT_CHART_H
#define INTEGRA_FMT_CHART_H

#include "integra.h"

#define CHART_TOP 20		/* bars of a ranking at most */
#define CHART_LINE 120		/* points of a line at most */
#define CHART_LABEL 40		/* characters of a bar's label at most */

struct chart_bar {
	char *label;
	char *code;		/* NULL when the label is the code */
	double value;
	size_t row;		/* order of arrival */
};

/* One row of a timeline: days since 1970, INT32_MIN when absent. */
struct chart_span {
	char *label;
	int32_t from;
	int32_t to;
};

struct chart {
	int measure;		/* the charted column, -1 for none */
	int label;		/* the column naming a bar, -1 for the row number */
	int code;		/* the column with its code, -1 for none */
	bool ordered;		/* rows have an order of their own: not ranked */
	bool line;		/* drawn as a line (months) */
	size_t rows;		/* rows seen */
	size_t omitted;		/* rows without a value */
	struct chart_bar *bars;
	size_t n, cap;
	int from;		/* timeline: the start column, -1 for none */
	int to;			/* timeline: the end or due column, -1: no timeline */
	struct chart_span spans[CHART_TOP];
	size_t nspans;		/* rows kept for the timeline */
	size_t nspan_rows;	/* rows with a date */
};

void chart_init(struct chart *c, const struct integra_column *cols, size_t ncols);
void chart_add(struct chart *c, const struct integra_value *vals);
void chart_svg(struct chart *c, struct buf *b, const char *title);
void chart_timeline_svg(struct chart *c, struct buf *b);
void chart_free(struct chart *c);
void fmt_escape(struct buf *b, const char *s, size_t n);

#endif /* INTEGRA_FMT_CHART_H */
