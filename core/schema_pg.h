/* The core schema on PostgreSQL (schema_pg.c) and the SQL functions it
 * creates (schema_pg_fn.c). */
#ifndef INTEGRA_SCHEMA_PG_H
#define INTEGRA_SCHEMA_PG_H

struct buf;

/* Appends the SQL that creates the portable dialect's functions. */
void schema_pg_functions(struct buf *b);

#endif
