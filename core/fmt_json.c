/*
 * The json format: an array of objects, one per row, keyed by the column
 * identifiers, with typed numbers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "fmt_value.h"

/* ---- json: an array of objects with typed numbers ---- */

struct json {
	const struct integra_output *o;
	struct integra_column *cols;
	size_t ncols;
	size_t rows;
	struct buf line;
	struct buf keys;	/* each column's `"name": ` (after ", "), run together */
	size_t *key_at;		/* where each column's key starts in keys; ncols + 1 */
};

/* Appends s as a JSON string. */
static void
json_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start;
	unsigned char c;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		for (start = i; i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' &&
		    s[i] != '\\'; i++)
			;
		buf_add(b, s + start, i - start);	/* the run needing no escape */
		if (i == n)
			break;
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n') {
			buf_adds(b, "\\n");
		} else if (c == '\r') {
			buf_adds(b, "\\r");
		} else if (c == '\t') {
			buf_adds(b, "\\t");
		} else if (c < 0x20) {
			buf_adds(b, "\\u00");
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

/* Appends a value as JSON; raw: text that is JSON already. */
static void
json_value(struct buf *b, const struct integra_value *v, bool raw)
{
	if (fmt_number(b, v, 17))
		return;
	if (v->type == INTEGRA_NULL || v->type == INTEGRA_REAL)
		buf_adds(b, "null");
	else if (v->type == INTEGRA_BOOLEAN)
		buf_adds(b, v->i ? "true" : "false");
	else if (raw && v->s)
		buf_add(b, v->s, v->n ? v->n : strlen(v->s));
	else
		json_string(b, v->s ? v->s : "", v->s ? (v->n ? v->n : strlen(v->s)) : 0);
}

static int
json_open(const struct integra_output *o, const struct integra_column *cols,
    size_t ncols, void **state)
{
	struct json *j = xcalloc(1, sizeof(*j));
	size_t i;

	j->o = o;
	j->ncols = ncols;
	j->cols = fmt_columns_copy(cols, ncols);
	j->key_at = xcalloc(ncols + 1, sizeof(size_t));
	for (i = 0; i < ncols; i++) {
		j->key_at[i] = j->keys.len;
		if (i)
			buf_adds(&j->keys, ", ");
		json_string(&j->keys, cols[i].name, strlen(cols[i].name));
		buf_adds(&j->keys, ": ");
	}
	j->key_at[ncols] = j->keys.len;
	*state = j;
	return fmt_puts(o, "[");
}

static int
json_row(void *state, const struct integra_value *vals)
{
	struct json *j = state;
	size_t i;

	buf_reset(&j->line);
	buf_adds(&j->line, j->rows++ ? ",\n  {" : "\n  {");
	for (i = 0; i < j->ncols; i++) {
		buf_add(&j->line, j->keys.s + j->key_at[i], j->key_at[i + 1] - j->key_at[i]);
		json_value(&j->line, &vals[i], (j->cols[i].flags & OUT_COLUMN_JSON) != 0);
	}
	buf_addc(&j->line, '}');
	return fmt_write(j->o, j->line.s, j->line.len);
}

static int
json_close(void *state, int ok)
{
	struct json *j = state;
	int rc = ok ? fmt_puts(j->o, j->rows ? "\n]\n" : "]\n") : 0;

	buf_release(&j->line);
	buf_release(&j->keys);
	free(j->key_at);
	free(j->cols);
	free(j);
	return rc;
}

const struct integra_format out_format_json = {
	.name = "json",
	.summary = N_("an array of JSON objects with typed values"),
	.extension = "json",
	.open = json_open,
	.row = json_row,
	.close = json_close,
};
