/*
 * What a plugin's exec() statement does, read from its first words, for
 * PostgreSQL, which has no authorizer: the action as SQLite's authorizer
 * codes it, and the names it would pass (core/plugin_auth_pg.c).
 */
#ifndef INTEGRA_PLUGIN_AUTH_PG_H
#define INTEGRA_PLUGIN_AUTH_PG_H

#define PG_AUTH_NAME 128

struct pg_auth_stmt {
	int op;			/* SQLITE_INSERT, ..., SQLITE_SELECT, or 0: other */
	char x[PG_AUTH_NAME];	/* the table or index (SQLite's first name) */
	char y[PG_AUTH_NAME];	/* CREATE INDEX's table, ALTER TABLE's table */
};

/* Reads the first statement of sql: what it does and to what.  A WITH
 * that writes, or any statement but reads and the changes a plugin may
 * make, is op 0. */
void plugin_auth_pg_read(const char *sql, struct pg_auth_stmt *out);

#endif
