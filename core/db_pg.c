/*
 * Placeholder of the PostgreSQL opening until db_pg.c lands.
 */
#include "integra.h"

int
db_open_pg(struct ctx *ctx, const char *uri, bool create)
{
	(void)create;
	return error_set(ctx, ERR_FAIL, "cannot open database '%s': this "
	    "integra was built without PostgreSQL support", uri);
}
