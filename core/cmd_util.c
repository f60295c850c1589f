/*
 * What the verbs of the record nouns share (cmd_org.c, cmd_person.c,
 * cmd_programme.c, cmd_activity.c, cmd_participation.c, and the listings
 * of cmd_audit.c and cmd_status.c): a query's rows printed as a listing or
 * as one record, a record shown by its key, and the removal of a row only
 * when nothing refers to it.
 */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "integra.h"

/*
 * Runs a query with values bound by types (see db_bindv) and prints its
 * result: every row as a listing under title, or with CMD_RECORD for title
 * the one row as a record (ERR_NOTFOUND, with no message, when there is
 * none).
 */
int
cmd_query(struct ctx *ctx, const char *title, const char *sql, const char *types,
    ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if ((rc = db_prepare(ctx, &st, sql)) != 0)
		return rc;
	va_start(ap, types);
	db_bindv(st, types, ap);
	va_end(ap);
	if (title == CMD_RECORD)
		return out_record(ctx, st);
	return out_query(ctx, title, st, NULL);
}

/* Shows the record a query with one parameter, key, finds; ERR_NOTFOUND
 * "no WHAT 'KEY'" when it finds none. */
int
cmd_show(struct ctx *ctx, const char *what, const char *key, const char *sql)
{
	int rc;

	rc = cmd_query(ctx, CMD_RECORD, sql, "t", key);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no %s '%s'", what, key);
	return rc;
}

/*
 * Deletes row id of table unless a count of refs finds rows that refer to
 * it; the refusal names the row by label and lists every count, each
 * after its separator.
 */
int
cmd_remove_unused(struct ctx *ctx, const char *table, int64_t id,
    const char *label, const struct cmd_ref *refs)
{
	struct buf b = { 0 };
	char sql[128];
	bool used = false;
	int64_t n;
	size_t i;
	int rc = 0;

	for (i = 0; refs[i].sql && rc == 0; i++) {
		n = 0;
		if ((rc = db_query_int(ctx, &n, refs[i].sql, "i", id)) != 0)
			break;
		buf_printf(&b, "%s%lld %s", i == 0 ? "" : refs[i].sep ? refs[i].sep : ", ",
		    (long long)n, refs[i].noun);
		used = used || n != 0;
	}
	if (rc == 0 && used)
		rc = error_set(ctx, ERR_INVALID, "cannot remove %s: still referenced by %s",
		    label, b.s);
	buf_release(&b);
	if (rc != 0)
		return rc;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?", table);
	return db_exec(ctx, sql, "i", id);
}

/* Removes the row of table whose keycol is key, unless refs find rows
 * that refer to it (see cmd_remove_unused); table names it in messages. */
int
cmd_remove(struct ctx *ctx, const char *table, const char *keycol, const char *key,
    const struct cmd_ref *refs)
{
	char *label;
	int64_t id;
	int rc;

	if ((rc = db_lookup_id(ctx, table, keycol, key, table, &id)) != 0)
		return rc;
	label = xasprintf("%s '%s'", table, key);
	rc = cmd_remove_unused(ctx, table, id, label, refs);
	free(label);
	return rc;
}
