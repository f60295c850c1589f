/*
 * An in-memory SQLite database as the connection of a test's context,
 * with integra's SQL functions: what db_open() would give, without a file.
 */
#ifndef INTEGRA_UNIT_DB_H
#define INTEGRA_UNIT_DB_H

#include <sqlite3.h>

#include "integra.h"

static inline int
unit_memdb(struct ctx *ctx)
{
	struct sqlite3 *lite = NULL;

	if (sqlite3_open(":memory:", &lite) != SQLITE_OK) {
		sqlite3_close(lite);
		return -1;
	}
	ctx->db = dbc_from_sqlite(lite);
	return db_register_functions(ctx, lite);
}

#endif
