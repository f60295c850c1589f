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

/* What a format prints as column c's header: the label the out layer
 * resolved for a human format, else the identifier. */
#define COL_LABEL(c)	((c)->label ? (c)->label : (c)->name)

int fmt_write(const struct integra_output *o, const void *p, size_t n);
int fmt_puts(const struct integra_output *o, const char *s);
bool fmt_number(struct buf *b, const struct integra_value *v, int digits);
void fmt_value_text(struct buf *b, const struct integra_value *v);
struct integra_column *fmt_columns_copy(const struct integra_column *cols,
    size_t ncols);

#endif /* INTEGRA_FMT_VALUE_H */
