/*
 * What the core output formats share (out.c's table, csv and json,
 * fmt_html.c's page), in fmt_value.c: numbers and values as text (printf
 * only for the reals that need it), and the formats' own copy of the
 * column descriptions.
 */
#ifndef INTEGRA_FMT_VALUE_H
#define INTEGRA_FMT_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "integra.h"

bool fmt_number(struct buf *b, const struct integra_value *v, int digits);
void fmt_value_text(struct buf *b, const struct integra_value *v);
struct integra_column *fmt_columns_copy(const struct integra_column *cols,
    size_t ncols);

#endif /* INTEGRA_FMT_VALUE_H */
