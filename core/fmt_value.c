/*
 * What the core output formats share (see fmt_value.h): integers and reals
 * written without printf (fmt_number), a value as display text
 * (fmt_value_text), and the copy of the column descriptions each format
 * keeps (fmt_columns_copy), the writes to a format's output (fmt_write,
 * fmt_puts), and the totals row every human format shows (fmt_totals_*).
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "fmt_value.h"
#include "integra/totals.h"

/* Writes i in decimal into out (at least 21 bytes); returns the length. */
static size_t
fmt_int(char *out, int64_t i)
{
	char tmp[24];
	uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
	size_t n = 0, k = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (i < 0)
		out[k++] = '-';
	while (n)
		out[k++] = tmp[--n];
	out[k] = '\0';
	return k;
}

/*
 * Writes a finite r into out (at least 32 bytes) as printf's "%.<digits>g"
 * would for the values that need it, and exactly (the shortest text that
 * reads back as r) for whole numbers and numbers of at most three decimals
 * below 1e11, the common case of hours and credits, without printf.
 */
static size_t
fmt_real(char *out, double r, int digits)
{
	double s = r * 1000;
	int64_t k;
	size_t n;
	int frac;

	if (!(fabs(r) < 1e11) || s != floor(s) || (double)(k = (int64_t)s) / 1000.0 != r ||
	    (r == 0 && signbit(r)))
		return (size_t)snprintf(out, 32, "%.*g", digits, r);
	n = fmt_int(out, k / 1000);
	if (k < 0 && k > -1000) {	/* -0.5: the sign the integer part lacks */
		memmove(out + 1, out, ++n);
		out[0] = '-';
	}
	if ((frac = (int)(k < 0 ? -(k % 1000) : k % 1000)) == 0)
		return n;
	out[n++] = '.';
	out[n++] = (char)('0' + frac / 100);
	out[n++] = (char)('0' + frac / 10 % 10);
	out[n++] = (char)('0' + frac % 10);
	while (out[n - 1] == '0')
		n--;
	out[n] = '\0';
	return n;
}

/*
 * Appends an integer, or a finite real with digits significant digits
 * where it needs them; false (nothing appended) for any other value.
 */
bool
fmt_number(struct buf *b, const struct integra_value *v, int digits)
{
	char num[32];

	if (v->type == INTEGRA_INTEGER)
		buf_add(b, num, fmt_int(num, v->i));
	else if (v->type == INTEGRA_REAL && isfinite(v->r))
		buf_add(b, num, fmt_real(num, v->r, digits));
	else
		return false;
	return true;
}

/* Formats a value as text into b (empty for NULL and for a real that is
 * not finite). */
void
fmt_value_text(struct buf *b, const struct integra_value *v)
{
	buf_reset(b);
	if (fmt_number(b, v, 15) || v->type == INTEGRA_NULL ||
	    v->type == INTEGRA_REAL)
		return;
	if (v->type == INTEGRA_BOOLEAN)
		buf_adds(b, v->i ? "yes" : "no");
	else if (v->s)
		buf_add(b, v->s, v->n ? v->n : strlen(v->s));
}

/* A copy of the n column descriptions, zero-terminated; the caller frees it. */
struct integra_column *
fmt_columns_copy(const struct integra_column *cols, size_t ncols)
{
	struct integra_column *c = xcalloc(ncols + 1, sizeof(*c));

	memcpy(c, cols, ncols * sizeof(*c));
	return c;
}

/* Writes n bytes to the format's output; 0 or an error code. */
int
fmt_write(const struct integra_output *o, const void *p, size_t n)
{
	return o->write(o->ud, p, n);
}

/* Writes a string to the format's output; 0 or an error code. */
int
fmt_puts(const struct integra_output *o, const char *s)
{
	return o->write(o->ud, s, strlen(s));
}

/* The header of column c in a human format: its label, else its name. */
const char *
fmt_label(const struct integra_column *c)
{
	return c->label ? c->label : c->name;
}

/* Keeps cols (the format's own copy) and sums for each column. */
void
fmt_totals_init(struct fmt_totals *t, const struct integra_column *cols,
    size_t ncols)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->cols = cols;
	t->sum = xcalloc(ncols + 1, sizeof(*t->sum));
	t->numbers = xcalloc(ncols + 1, sizeof(*t->numbers));
	for (i = 0; i < ncols; i++)
		if (integra_totals_how(cols, ncols, i, NULL) != INTEGRA_TOTAL_NONE)
			t->any = true;
}

/* Adds a row's numbers to the sums. */
void
fmt_totals_add(struct fmt_totals *t, const struct integra_value *vals)
{
	integra_totals_add(t->sum, t->numbers, vals, t->ncols);
}

/*
 * The total of column i into v (see integra/totals.h): a sum, an integer
 * when it is whole, or a ratio; false (v NULL) when it has none.
 */
bool
fmt_totals_value(const struct fmt_totals *t, size_t i, struct integra_value *v)
{
	enum integra_total how;
	double d;

	memset(v, 0, sizeof(*v));
	v->type = INTEGRA_NULL;
	how = integra_totals_value(t->cols, t->ncols, i, t->sum, t->numbers, &d);
	if (how == INTEGRA_TOTAL_NONE)
		return false;
	if (how == INTEGRA_TOTAL_SUM && d == floor(d) && fabs(d) < 9e15) {
		v->type = INTEGRA_INTEGER;
		v->i = (int64_t)d;
	} else {
		v->type = INTEGRA_REAL;
		v->r = d;
	}
	return true;
}

/* Frees what fmt_totals_init made. */
void
fmt_totals_free(struct fmt_totals *t)
{
	free(t->sum);
	free(t->numbers);
}

/* The report's heading block of output o, or NULL (not a report, or a
 * host older than ABI 1.1). */
const struct integra_heading *
fmt_heading(const struct integra_output *o)
{
	if (o->size <= offsetof(struct integra_output, heading))
		return NULL;
	return o->heading;
}
