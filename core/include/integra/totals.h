/*
 * integra/totals.h: the totals row of a report as its columns declare it
 * (ABI 1.1 .total, .numerator, .denominator, .scale), for the host's
 * formats and a plugin's alike.  Header-only: a plugin links nothing of
 * the host.  Keep a sum and a count of numbers per column, add each row
 * with integra_totals_add(), then ask integra_totals_value() per column.
 *
 *   INTEGRA_TOTAL_DEFAULT  as ABI 1.0: a sum with INTEGRA_COLUMN_TOTAL, else none
 *   INTEGRA_TOTAL_SUM      the sum of the column's numbers
 *   INTEGRA_TOTAL_RATIO    sum(numerator) / sum(denominator) * scale (0: 1),
 *                          rounded to one decimal, as the reports round a share
 *   INTEGRA_TOTAL_NONE     none: a year, a code, a date, a share, a maximum
 *
 * A sum of a column that held no number (text in one dimension, a count
 * in another), a ratio of columns the result lacks and a ratio over a
 * zero denominator have no total either.
 */
#ifndef INTEGRA_TOTALS_H
#define INTEGRA_TOTALS_H

#include <math.h>
#include <string.h>

#include "integra/plugin.h"

/* The column called name among cols, or -1. */
static inline int
integra_totals_index(const struct integra_column *cols, size_t ncols, const char *name)
{
	size_t i;

	for (i = 0; name && i < ncols; i++)
		if (strcmp(cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* How column i totals, DEFAULT resolved; NONE when it cannot.  numbers
 * may be NULL (before any row: whether it is declared at all). */
static inline enum integra_total
integra_totals_how(const struct integra_column *cols, size_t ncols, size_t i,
    const size_t *numbers)
{
	const struct integra_column *c = &cols[i];
	enum integra_total t = c->total;

	if (t == INTEGRA_TOTAL_DEFAULT)
		t = c->flags & INTEGRA_COLUMN_TOTAL ? INTEGRA_TOTAL_SUM : INTEGRA_TOTAL_NONE;
	if (t == INTEGRA_TOTAL_SUM && numbers && numbers[i] == 0)
		return INTEGRA_TOTAL_NONE;
	if (t == INTEGRA_TOTAL_RATIO && (integra_totals_index(cols, ncols, c->numerator) < 0 ||
	    integra_totals_index(cols, ncols, c->denominator) < 0))
		return INTEGRA_TOTAL_NONE;
	return t;
}

/* Adds a row's numbers (finite INTEGER and REAL values) to the sums. */
static inline void
integra_totals_add(double *sum, size_t *numbers, const struct integra_value *vals,
    size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		if (vals[i].type == INTEGRA_INTEGER)
			sum[i] += (double)vals[i].i;
		else if (vals[i].type == INTEGRA_REAL && isfinite(vals[i].r))
			sum[i] += vals[i].r;
		else
			continue;
		numbers[i]++;
	}
}

/* The total of column i into *out; how it was made (NONE: no total). */
static inline enum integra_total
integra_totals_value(const struct integra_column *cols, size_t ncols, size_t i,
    const double *sum, const size_t *numbers, double *out)
{
	enum integra_total t = integra_totals_how(cols, ncols, i, numbers);
	const struct integra_column *c = &cols[i];
	int num, den;

	*out = 0;
	if (t == INTEGRA_TOTAL_SUM) {
		*out = sum[i];
	} else if (t == INTEGRA_TOTAL_RATIO) {
		num = integra_totals_index(cols, ncols, c->numerator);
		den = integra_totals_index(cols, ncols, c->denominator);
		if (sum[den] == 0)
			return INTEGRA_TOTAL_NONE;
		*out = round(10 * sum[num] / sum[den] * (c->scale ? c->scale : 1)) / 10;
	}
	return t;
}

#endif /* INTEGRA_TOTALS_H */
