/*
 * Agencies at run time: the role a PostgreSQL connection writes as,
 * whether it may write at all (a role with no agency is told so in one
 * line before it tries), and the audit row of a write the server refused.
 * The tables and policies are agency_sql.c's; the commands cmd_agency.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agency.h"
#include "store.h"

/* The role of the connection (current_user) into *out; NULL on SQLite. */
int
agency_current_role(struct ctx *ctx, char **out)
{
	struct dbst *st;
	int rc;

	*out = NULL;
	if (!dbc_is_pg(ctx->db))
		return 0;
	if (db_prepare(ctx, &st, "SELECT CAST(current_user AS TEXT)") != 0)
		return ctx->err;
	rc = dbst_step(st);
	if (rc == DB_ROW && dbst_text(st, 0) != NULL)
		*out = xstrdup(dbst_text(st, 0));
	else
		rc = db_error(ctx, "cannot read the role of the connection");
	dbst_finalize(st);
	return *out != NULL ? 0 : rc;
}

/* Whether the connected role may write at all: on PostgreSQL one that has
 * no agency (and does not own the register) is refused every write by
 * the row policies, so it is told whom to ask before it tries. */
int
agency_check_writer(struct ctx *ctx)
{
	char *role;
	int64_t ok = 0;
	int rc;

	if (!dbc_is_pg(ctx->db))
		return 0;
	if ((rc = db_query_int(ctx, &ok, agency_writer_sql, "")) != 0)
		return rc;
	if (ok)
		return 0;
	if ((rc = agency_current_role(ctx, &role)) != 0)
		return rc;
	rc = error_set(ctx, ERR_FAIL, "role '%s' has no agency in this register; "
	    "ask the administrator to run 'integra agency grant %s ORG'", role, role);
	free(role);
	return rc;
}

/* Appends s to b as a JSON string. */
static void
json_text(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			buf_printf(b, "\\u%04x", (unsigned)(unsigned char)*s);
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* The audit row's new value: {"role": ..., "why": ...}. */
static char *
refusal_json(const char *role, const char *why)
{
	struct buf b = { 0 };

	buf_adds(&b, "{\"role\": ");
	if (role != NULL)
		json_text(&b, role);
	else
		buf_adds(&b, "null");
	buf_adds(&b, ", \"why\": ");
	json_text(&b, why != NULL ? why : "");
	buf_addc(&b, '}');
	return b.s;
}

/* Writes the audit row of a refusal in a transaction of its own. */
static int
write_refusal(struct ctx *ctx, const char *entity, const char *key,
    const char *json)
{
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	if ((rc = db_begin(ctx)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action, old, new) VALUES (?, ?, ?, ?, ?, 'refused', NULL, ?)",
	    "tttttt", at, ctx->os_user ? ctx->os_user : "unknown",
	    ctx->cmdline ? ctx->cmdline : "", entity, key, json);
	if (rc == 0)
		return db_commit(ctx);
	db_rollback(ctx);
	return rc;
}

/*
 * After a write the server refused: rolls back what is still open, then
 * writes one audit row (action 'refused', the entity and key, the role
 * and why as the new value) in a transaction of its own.  The caller's
 * error (ctx->err, ctx->errmsg) is what the user sees, so it is kept;
 * the return is the audit's own outcome.
 */
int
agency_audit_refusal(struct ctx *ctx, const char *entity, const char *key,
    const char *why)
{
	char saved[sizeof(ctx->errmsg)];
	int err = ctx->err, rc;
	char *role = NULL, *json;

	memcpy(saved, ctx->errmsg, sizeof(saved));
	if (ctx->in_tx)
		db_rollback(ctx);
	rc = agency_current_role(ctx, &role);
	if (rc == 0) {
		json = refusal_json(role, why);
		rc = write_refusal(ctx, entity, key ? key : "", json);
		free(json);
	}
	free(role);
	ctx->err = err;
	memcpy(ctx->errmsg, saved, sizeof(saved));
	return rc;
}
