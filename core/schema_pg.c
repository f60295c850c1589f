/*
 * Placeholder of the core schema on PostgreSQL until schema_pg.c lands.
 */
#include "integra.h"
#include "schema.h"

char *
schema_pg_migration_sql(int version)
{
	return xasprintf("SELECT 'migration %d is not written for PostgreSQL' "
	    "FROM no_such_table", version);
}
