/*
 * Agencies: which PostgreSQL role may change the records of which
 * organisations (agency.c, cmd_agency.c), and the SQL that makes the
 * server enforce it (agency_sql.c).  An SQLite register has one office
 * and no roles: there these calls do nothing or refuse.
 */
#ifndef INTEGRA_AGENCY_H
#define INTEGRA_AGENCY_H

#include "integra.h"

/* The tables of core migration 9 on SQLite (schema.c). */
extern const char agency_sqlite_sql[];
/* Migration 9 on PostgreSQL: the tables, the functions the policies call,
 * row-level security on person, participation, nomination and
 * organisation, and the policies. */
const char *agency_pg_sql(void);
/* What agency grant and revoke run (portable SQL, "?N" parameters). */
extern const char agency_upsert_sql[];
extern const char agency_org_add_sql[];
extern const char agency_org_remove_sql[];
extern const char agency_writer_sql[];
char *agency_privileges_sql(const char *schema, const char *role, bool grant);

/* On PostgreSQL: 0 when the connected role may write at all (it has an
 * agency, a coordinating one, or owns the register), else one line saying
 * whom to ask.  On SQLite: 0. */
int agency_check_writer(struct ctx *ctx);
/* After a refused write was rolled back: one audit row (action 'refused',
 * entity and key, the role and why) in a transaction of its own.  Keeps
 * the error the caller set. */
int agency_audit_refusal(struct ctx *ctx, const char *entity, const char *key,
    const char *why);
/* A write the server refused (DB_EDENIED): one line, "what: " and the
 * server's reason; the transaction rolled back and the refusal audited
 * (entity and key as the server's guard names them).  For db_error. */
int agency_denied(struct ctx *ctx, const char *what);
/* The role of the connection (PostgreSQL's current_user) into *out, to
 * free; NULL on SQLite. */
int agency_current_role(struct ctx *ctx, char **out);

#endif
