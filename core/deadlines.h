/*
 * deadlines.h: the sources of the `deadlines` report.  The core's own
 * rows (programmes with a due date, not completed or cancelled) and the
 * rows each loaded plugin declares in its descriptor's `deadlines` SQL
 * (ABI 1.1) are joined into one common table dl(code, area, title, owner,
 * due) that the report's queries read.
 */
#ifndef INTEGRA_DEADLINES_H
#define INTEGRA_DEADLINES_H

struct ctx;
struct buf;
struct integra_plugin;

/* The plugin's deadlines SQL, or NULL when it has none or its descriptor
 * is too small to hold the member. */
const char *deadlines_of(const struct integra_plugin *p);
/* Writes into out the SQL of the deadlines report's query `outer` (which
 * reads the table dl), preceded by the sources as WITH dl(...).  Each
 * plugin's source is prepared alone first, so that a bad one is an error
 * naming its plugin. */
int deadlines_sql(struct ctx *ctx, const char *outer, struct buf *out);

#endif /* INTEGRA_DEADLINES_H */
