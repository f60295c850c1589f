/*
 * Agencies at run time: the role a PostgreSQL connection writes as,
 * whether it may write at all (a role with no agency is told so in one
 * line before it tries), and what follows a write the server refused: one
 * line naming the role, the record and the organisation, and an audit row
 * in a transaction of its own.  Only the storage interface (store.h) is
 * called, never db.c, so that db.c may call these.  The tables and
 * policies are agency_sql.c's; the commands cmd_agency.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agency.h"
#include "store.h"

/* The one value of sql (no parameters) as text into *out, to free; an
 * error naming what on failure. */
static int
query_text(struct ctx *ctx, const char *sql, const char *what, char **out)
{
	struct dbst *st = NULL;

	*out = NULL;
	if (dbc_prepare(ctx->db, sql, &st, NULL) == DB_OK && dbst_step(st) == DB_ROW &&
	    dbst_text(st, 0) != NULL)
		*out = xstrdup(dbst_text(st, 0));
	if (*out == NULL)
		error_set(ctx, ERR_FAIL, "%s: %s", i18n_text(what), dbc_errmsg(ctx->db));
	if (st != NULL)
		dbst_finalize(st);
	return *out != NULL ? 0 : ctx->err;
}

/* The role of the connection (current_user) into *out; NULL on SQLite. */
int
agency_current_role(struct ctx *ctx, char **out)
{
	*out = NULL;
	if (!dbc_is_pg(ctx->db))
		return 0;
	return query_text(ctx, "SELECT CAST(current_user AS TEXT)",
	    N_("cannot read the role of the connection"), out);
}

/* Whether the connected role may write at all: on PostgreSQL one that has
 * no agency (and does not own the register) is refused every write by
 * the guard triggers, so it is told whom to ask before it tries. */
int
agency_check_writer(struct ctx *ctx)
{
	char *ok, *role;
	int rc;

	if (!dbc_is_pg(ctx->db))
		return 0;
	if ((rc = query_text(ctx, agency_writer_sql, N_("cannot check the role's "
	    "agency"), &ok)) != 0)
		return rc;
	rc = strcmp(ok, "0") != 0;
	free(ok);
	if (rc)
		return 0;
	if ((rc = agency_current_role(ctx, &role)) != 0)
		return rc;
	rc = error_set(ctx, ERR_FAIL, "role '%s' has no agency in this register; "
	    "ask the administrator to run 'integra agency grant %s ORG'", role, role);
	free(role);
	return rc;
}

/* The audit row's new value: {"role": ..., "why": ...}. */
static char *
refusal_json(const char *role, const char *why)
{
	struct buf b = { 0 };

	buf_adds(&b, "{\"role\": ");
	if (role != NULL)
		jv_put_str(&b, role, strlen(role));
	else
		buf_adds(&b, "null");
	buf_adds(&b, ", \"why\": ");
	jv_put_str(&b, why != NULL ? why : "", why != NULL ? strlen(why) : 0);
	buf_addc(&b, '}');
	return b.s;
}

/* Inserts the audit row of a refusal: the values v[0..5] are at, os_user,
 * command, entity, key and new. */
static bool
insert_refusal(struct dbconn *c, const char *const v[6])
{
	struct dbst *st;
	bool ok;
	int i;

	if (dbc_prepare(c, "INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action, old, new) VALUES (?, ?, ?, ?, ?, 'refused', NULL, ?)",
	    &st, NULL) != DB_OK)
		return false;
	for (i = 0; i < 6; i++)
		dbst_bind_text(st, i + 1, v[i], -1);
	ok = dbst_step(st) == DB_DONE;
	dbst_finalize(st);
	return ok;
}

/* Writes the audit row of a refusal in a transaction of its own. */
static int
write_refusal(struct ctx *ctx, const char *entity, const char *key,
    const char *json)
{
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	const char *v[6];

	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	v[0] = at;
	v[1] = ctx->os_user ? ctx->os_user : "unknown";
	v[2] = ctx->cmdline ? ctx->cmdline : "";
	v[3] = entity;
	v[4] = key;
	v[5] = json;
	if (dbc_exec(ctx->db, "BEGIN") == DB_OK && insert_refusal(ctx->db, v) &&
	    dbc_exec(ctx->db, "COMMIT") == DB_OK)
		return 0;
	error_set(ctx, ERR_FAIL, "cannot audit the refusal: %s", dbc_errmsg(ctx->db));
	dbc_exec(ctx->db, "ROLLBACK");
	return ctx->err;
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
	if (ctx->in_tx) {
		dbc_exec(ctx->db, "ROLLBACK");
		ctx->in_tx = false;
	}
	rc = agency_current_role(ctx, &role);
	if (rc == 0) {
		json = refusal_json(role, why);
		rc = write_refusal(ctx, entity ? entity : "", key ? key : "", json);
		free(json);
	}
	free(role);
	ctx->err = err;
	memcpy(ctx->errmsg, saved, sizeof(saved));
	return rc;
}

/* The entity and key a guard's refusal names ("role 'R' may not change
 * ENTITY 'KEY'..."), into e and k (empty when msg is another refusal,
 * such as a missing table privilege). */
static void
refused_record(const char *msg, char *e, size_t elen, char *k, size_t klen)
{
	const char *p = strstr(msg, " may not change "), *q, *end;

	e[0] = k[0] = '\0';
	if (p == NULL)
		return;
	p += strlen(" may not change ");
	if ((q = strstr(p, " '")) == NULL || (end = strstr(q + 2, "'")) == NULL)
		return;
	snprintf(e, elen, "%.*s", (int)(q - p), p);
	/* a key holding a quote is doubled by the server: to the last "' of"
	 * or "': " */
	if ((p = strstr(q + 2, "' of organisation")) != NULL ||
	    (p = strstr(q + 2, "': ")) != NULL)
		end = p;
	snprintf(k, klen, "%.*s", (int)(end - (q + 2)), q + 2);
}

/*
 * A write refused by the server (SQLSTATE 42501, DB_EDENIED): the one
 * line "what: the server's reason" (which names the role, the record and
 * the organisation), the transaction rolled back, and the refusal audited.
 * Returns the error.
 */
int
agency_denied(struct ctx *ctx, const char *what)
{
	char entity[64], key[256];
	char *why = xstrdup(dbc_errmsg(ctx->db));
	int rc;

	rc = error_set(ctx, ERR_FAIL, "%s: %s", what, why);
	refused_record(why, entity, sizeof(entity), key, sizeof(key));
	agency_audit_refusal(ctx, entity, key, why);
	free(why);
	return rc;
}
