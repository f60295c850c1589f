/*
 * The check of a plugin's exec() statement on PostgreSQL, which has no
 * authorizer: the statement is read before it is prepared and each object
 * it would change is put to the same callback SQLite's authorizer calls.
 */
#ifndef INTEGRA_PLUGIN_PGAUTH_H
#define INTEGRA_PLUGIN_PGAUTH_H

struct ctx;

/* As sqlite3_set_authorizer()'s callback: DB_OK to allow, else a refusal. */
typedef int pgauth_fn(void *ud, int op, const char *x, const char *y,
    const char *db, const char *trigger);

/* 0 when every object sql changes is allowed, PGAUTH_DENIED when fn
 * refused one, or an error code (already set) when a look-up failed. */
#define PGAUTH_DENIED (-1)
int pgauth_check(struct ctx *ctx, const char *sql, pgauth_fn *fn, void *ud);

#endif
