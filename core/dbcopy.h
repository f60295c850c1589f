/*
 * Moving a register between databases (integra export-db, import-db):
 * the dump's JSON Lines, written and read here (dbcopy.c), and the
 * tables a dump holds, in an order their foreign keys allow.  The
 * commands are cmd_dbcopy.c's.
 */
#ifndef INTEGRA_DBCOPY_H
#define INTEGRA_DBCOPY_H

#include "integra.h"

#define DBCOPY_FORMAT 1		/* "integra_dump" of the header */
#define DBCOPY_DEPTH 8		/* the deepest nesting a line may have */

/* One JSON value of a dump's line. */
enum jv_type {
	JV_NULL = 0,
	JV_BOOL,
	JV_INT,
	JV_REAL,
	JV_STR,
	JV_ARR,
	JV_OBJ
};

struct jv {
	enum jv_type type;
	int64_t i;		/* JV_INT, JV_BOOL */
	double r;		/* JV_REAL */
	char *s;		/* JV_STR: UTF-8, NUL-terminated */
	size_t n;		/* JV_STR: bytes; JV_ARR, JV_OBJ: items */
	struct jv *v;		/* JV_ARR, JV_OBJ: the items */
	char **k;		/* JV_OBJ: the keys, parallel to v */
};

/* Parses one line (n bytes, no newline) into *out; on error, false and
 * a message of at most size bytes in why ("expected ',' at byte 12"). */
bool jv_parse(const char *s, size_t n, struct jv *out, char *why, size_t size);
void jv_free(struct jv *v);
/* The member key of object o, or NULL. */
const struct jv *jv_get(const struct jv *o, const char *key);

/* Appends a column's value as JSON: a number, null or a string. */
void jv_put_value(struct buf *b, const struct integra_value *v);

/* The tables of a dump, parents first: the core's in a fixed order, then
 * each plugin's recorded in plugin_object, ordered by their foreign keys. */
struct dbcopy_tables {
	char **name;
	size_t n;
};
int dbcopy_tables(struct ctx *ctx, struct dbcopy_tables *t);
void dbcopy_tables_free(struct dbcopy_tables *t);
/* The SELECT of a table's rows in dump order (parents before children);
 * the caller frees it. */
char *dbcopy_select(const char *table);

#endif
