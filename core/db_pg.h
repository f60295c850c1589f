/*
 * What the PostgreSQL opening (db_pg.c) offers beyond db_open_pg(): the
 * audit switch of the session, which the server's triggers read.
 */
#ifndef INTEGRA_DB_PG_H
#define INTEGRA_DB_PG_H

#include <stdbool.h>

struct ctx;

/* Tells the server whether the triggers write audit rows (integra.audit_on):
 * until the end of the open transaction when one is open (db_begin() calls
 * it for a transaction begun with ctx->audit_off), else for the session.
 * A no-op on SQLite, whose audit_on() reads ctx->audit_off itself.  Call it
 * where ctx->audit_off changes inside a transaction. */
int db_pg_audit(struct ctx *ctx, bool on);

#endif
