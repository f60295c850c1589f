/*
 * What the core output formats share (fmt_table.c, fmt_csv.c, fmt_json.c
 * and fmt_html.c), in fmt_value.c: numbers and values as text (printf
 * only for the reals that need it), and the formats' own copy of the
 * column descriptions.
 */
#ifndef INTEGRA_FMT_VALUE_H
#define INTEGRA_FMT_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "integra.h"

/* Internal column flag: the column holds a JSON object of area fields. */
#define OUT_COLUMN_JSON (1u << 16)


int fmt_write(const struct integra_output *o, const void *p, size_t n);
int fmt_puts(const struct integra_output *o, const char *s);
bool fmt_number(struct buf *b, const struct integra_value *v, int digits);
void fmt_value_text(struct buf *b, const struct integra_value *v);
struct integra_column *fmt_columns_copy(const struct integra_column *cols,
    size_t ncols);

/* A totals row as the columns declare it (integra/totals.h). */
struct fmt_totals {
	size_t ncols;
	const struct integra_column *cols;	/* borrowed: the format's copy */
	double *sum;		/* per column, of its numbers */
	size_t *numbers;	/* per column, how many numbers it held */
	bool any;		/* some column declares a total */
};

void fmt_totals_init(struct fmt_totals *t, const struct integra_column *cols,
    size_t ncols);
void fmt_totals_add(struct fmt_totals *t, const struct integra_value *vals);
bool fmt_totals_value(const struct fmt_totals *t, size_t i, struct integra_value *v);
void fmt_totals_free(struct fmt_totals *t);
const char *fmt_label(const struct integra_column *c);
const struct integra_heading *fmt_heading(const struct integra_output *o);

#endif /* INTEGRA_FMT_VALUE_H */
