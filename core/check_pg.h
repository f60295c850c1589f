/*
 * integra check on PostgreSQL: the server's counterparts of SQLite's
 * PRAGMA integrity_check and PRAGMA foreign_key_check, as queries whose
 * rows are the problems (core/check_pg.c).
 */
#ifndef INTEGRA_CHECK_PG_H
#define INTEGRA_CHECK_PG_H

struct ctx;

/* One row per index left invalid by a failed build, constraint not
 * validated, or trigger (the audit's) disabled, in integra's schema. */
extern const char check_pg_integrity_sql[];

/* A query with one row per row that refers to a missing row through a
 * foreign key of integra's schema ("T row ID refers to a missing P"), or
 * NULL with the error set; the caller frees it. */
char *check_pg_references_sql(struct ctx *ctx);

#endif
