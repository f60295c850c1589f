/*
 * The terminal: the pager that long results go through (pager.c) and the
 * vertical record view for results too wide for the terminal
 * (fmt_vertical.c), with the options that turn them on and off.
 */
#ifndef INTEGRA_TERM_H
#define INTEGRA_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "integra.h"

/* Bits of ctx->term, set by the options taken anywhere (opt.c). */
#define CTX_NO_PAGER	(1u << 0)	/* --no-pager */
#define CTX_VERTICAL	(1u << 1)	/* --vertical */

/* fmt_vertical.c */
extern const struct integra_format out_format_vertical;
extern const struct integra_format out_format_table_fit;
/* The width results must fit in on fd: COLUMNS, else the terminal's;
 * 0 when there is no limit. */
size_t fmt_term_width(int fd);
/* The format that really writes target t: for the table format, the
 * vertical view when --vertical was given, and on a stream the table that
 * turns vertical when it does not fit; else t's own. */
const struct integra_format *fmt_pick(const struct ctx *ctx,
    const struct out_target *t);

/* pager.c */
struct pager {
	pid_t pid;		/* the pager, or 0 when none runs */
	int saved;		/* standard output before the pager took it */
};
/* The pager's command line: $INTEGRA_PAGER, the configuration's `pager`,
 * $PAGER, else "less -FRX"; NULL when paging is off ("" or "cat"). */
const char *pager_command(const struct ctx *ctx);
/* Starts the pager on standard output when it is a terminal and paging is
 * not off; p->pid is 0 when it did not start.  Never fails the command: a
 * pager that cannot start is a warning. */
void pager_start(struct ctx *ctx, struct pager *p);
/* Gives standard output back and waits for the pager to end. */
void pager_finish(struct pager *p);

#endif /* INTEGRA_TERM_H */
