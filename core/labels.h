/*
 * What people read in place of identifiers in the human formats (table,
 * html, the plugins' formats, csv with --labels): a column's label and an
 * enumeration value's name, translated.  labels.c; used by out.c and the
 * commands that print records and declarations.  CSV and JSON keep the
 * identifiers.
 */
#ifndef INTEGRA_LABELS_H
#define INTEGRA_LABELS_H

#include "integra.h"

/* The header of column c: its label translated through the catalog that
 * has it (the core's, then the plugins'), else the core's label of its
 * name, else its name. */
const char *label_column(struct ctx *ctx, const struct integra_column *c);
/* The header of a column called name with no label of its own. */
const char *label_name(struct ctx *ctx, const char *name);
/* True when label_value() may name the values of a column called column;
 * false: they are shown as they are. */
bool label_has_values(struct ctx *ctx, const char *column);
/* The name of value in column (a status, a kind, ...) translated, or
 * value itself; value of n bytes (0: up to the NUL). */
const char *label_value(struct ctx *ctx, const char *column, const char *value,
    size_t n);
/* A title or summary, the core's or a loaded plugin's, translated. */
const char *label_text(struct ctx *ctx, const char *s);
/* A plugin's string s (label, title, summary, help) translated through
 * its textdomain. */
const char *label_plugin(const struct integra_plugin *p, const char *s);

#endif
