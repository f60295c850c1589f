/* The core schema's migrations (schema.c). */
#ifndef INTEGRA_SCHEMA_H
#define INTEGRA_SCHEMA_H

/* The newest core schema version this build knows. */
#define SCHEMA_VERSION 9

char *schema_migration_sql(int version);
const char *schema_migration_name(int version);
/* The same migration on PostgreSQL (schema_pg.c). */
char *schema_pg_migration_sql(int version);

#endif
