/*
 * integra deadlines: what is due and what is late across all areas, as of
 * today or --as-of.  It is the core `deadlines` report run through the
 * report engine, so every output format works here too.
 */
#include <string.h>

#include "integra.h"

int
cmd_deadlines(struct ctx *ctx, struct args *a)
{
	struct report_params p;
	const char *w = args_get(a, "within");
	int rc;

	memset(&p, 0, sizeof(p));
	p.as_of = args_get(a, "as-of");
	p.overdue = args_has(a, "overdue");
	p.within = -1;
	if (w && (rc = report_within(ctx, w, &p.within)) != 0)
		return rc;
	if (p.as_of)
		ctx->as_of = p.as_of;
	return report_command(ctx, "deadlines", &p, NULL, false);
}
