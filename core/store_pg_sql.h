/*
 * The translation of integra's portable SQL (SQLite's syntax as the core
 * and the plugins write it) into PostgreSQL's (store_pg_sql.c): where a
 * statement ends, its parameters numbered $1, $2, ..., the NULL tests of
 * a parameter given one of their own, a few statements spelt
 * PostgreSQL's way, and whether it only reads.  No server needed.
 */
#ifndef INTEGRA_STORE_PG_SQL_H
#define INTEGRA_STORE_PG_SQL_H

#include <stdbool.h>
#include <stddef.h>

/* A statement translated: the SQL for the server, its parameters (as
 * SQLite numbers them) and their names. */
struct pgsql {
	char *sql;		/* PostgreSQL's text, NUL-terminated */
	int nparams;		/* the largest parameter number */
	char **names;		/* [1..nparams]: "?NNN", ":name", or NULL for "?" */
	bool readonly;		/* SELECT, VALUES, EXPLAIN, or WITH that only reads */
	char *insert_table;	/* the table of an INSERT, else NULL */
	int nserver;		/* the parameters the server sees */
	int *param_of;		/* [0..nserver): whose value each takes */
	unsigned *types;	/* [0..nserver): its type OID, 0 to infer */
};

/* The type OID of text, declared for a parameter only tested for NULL. */
#define PGSQL_TEXT_OID 25u
/* Not an OID: the parameter takes the type of the value bound to it (an
 * argument of json_object() and its kin, which the server cannot type). */
#define PGSQL_BIND_OID 0xffffffffu

/* Where the first statement of sql ends: just after its ';', or at the
 * end of sql; quotes, comments and dollar quotes are skipped. */
const char *pgsql_stmt_end(const char *sql);
/* Whether sql[0..n) holds only white space, semicolons and comments. */
bool pgsql_empty(const char *sql, size_t n);
/* Translates the statement sql[0..n) into *out. */
void pgsql_translate(const char *sql, size_t n, struct pgsql *out);
void pgsql_free(struct pgsql *t);
/* sql without its PRAGMA statements, or NULL when it has none. */
char *pgsql_strip_pragmas(const char *sql);

#endif
