/*
 * What the PostgreSQL opening (db_pg.c) offers beyond db_open_pg(): the
 * audit switch of the session, which the server's triggers read.
 */
#ifndef INTEGRA_DB_PG_H
#define INTEGRA_DB_PG_H

#include <stdbool.h>

struct ctx;

/* Tells the server whether the triggers write audit rows (integra.audit_on)
 * from now on in this session; a no-op on SQLite, whose audit_on() reads
 * ctx->audit_off itself.  Call it where ctx->audit_off changes. */
int db_pg_audit(struct ctx *ctx, bool on);

#endif
