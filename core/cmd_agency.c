/*
 * integra agency: which PostgreSQL role (an office's login) may change the
 * records of which organisations.  grant maps a role to organisations and
 * everything under them, or makes it coordinating (it changes
 * everything), and gives it the table privileges it needs; revoke takes
 * organisations or the whole agency away; list shows them.  The server
 * enforces it with the row policies of agency_sql.c.  An SQLite register
 * has one office and no roles: there every verb refuses.
 */
#include <stdlib.h>
#include <string.h>

#include "agency.h"
#include "store.h"

static const struct optdef grant_opts[] = {
	{ .name = "name", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("the agency's name (the role's, when not given)") },
	{ .name = "coordinating",
	  .help = N_("a coordinating office: reads and changes everything") },
	{ 0 }
};

/* Refuses on SQLite: agencies need the shared PostgreSQL register. */
static int
need_pg(struct ctx *ctx)
{
	if (dbc_is_pg(ctx->db))
		return 0;
	return error_set(ctx, ERR_FAIL, "an SQLite register has one office and "
	    "no roles: agencies need the shared PostgreSQL register (see "
	    "docs/agencies.md)");
}

/* The role name quoted as an SQL identifier by the server, into *out: the
 * role must exist (pg_roles), so nothing unchecked reaches the SQL. */
static int
role_quoted(struct ctx *ctx, const char *role, char **out)
{
	struct dbst *st;
	int rc;

	*out = NULL;
	if (db_prepare(ctx, &st, "SELECT quote_ident(rolname) FROM pg_roles "
	    "WHERE rolname = ?") != 0)
		return ctx->err;
	db_bind(st, "t", role);
	rc = dbst_step(st);
	if (rc == DB_ROW)
		*out = xstrdup(dbst_text(st, 0));
	else if (rc == DB_DONE)
		error_set(ctx, ERR_NOTFOUND, "no role '%s' on the server: create it "
		    "first (CREATE ROLE ... LOGIN, see docs/agencies.md)", role);
	else
		db_error(ctx, "cannot look up the role");
	dbst_finalize(st);
	return *out != NULL ? 0 : ctx->err;
}

/* Runs the GRANTs (or, with !grant, the REVOKEs) a role needs: it reads
 * every table of the register's schema; writes go through the row
 * policies; the agency tables and the migrations it only reads. */
static int
role_privileges(struct ctx *ctx, const char *quoted, bool grant)
{
	struct dbst *st;
	char *sql, *schema = NULL;
	int rc;

	if (db_prepare(ctx, &st, "SELECT quote_ident(current_schema())") != 0)
		return ctx->err;
	if (dbst_step(st) == DB_ROW)
		schema = xstrdup(dbst_text(st, 0));
	dbst_finalize(st);
	if (schema == NULL)
		return db_error(ctx, "cannot read the register's schema");
	sql = agency_privileges_sql(schema, quoted, grant);
	rc = dbc_exec(ctx->db, sql) == DB_OK ? 0 :
	    db_error(ctx, "cannot change the role's privileges");
	free(sql);
	free(schema);
	return rc;
}

/* The organisation code and every organisation under it, for role: added
 * to its agency, or with !add taken from it. */
static int
org_tree(struct ctx *ctx, const char *role, const char *code, bool add)
{
	int64_t id;
	int rc;

	if ((rc = db_lookup_id(ctx, "organisation", "code", code, "organisation",
	    &id)) != 0)
		return rc;
	return db_exec(ctx, add ? agency_org_add_sql : agency_org_remove_sql, "it",
	    id, role);
}

/* agency grant ROLE ORG... [--name TEXT] | ROLE --coordinating. */
static int
agency_grant(struct ctx *ctx, struct args *a)
{
	const char *role = a->pos[0], *name = args_get(a, "name");
	bool coord = args_has(a, "coordinating");
	char *quoted = NULL;
	int i, rc;

	if ((rc = need_pg(ctx)) != 0)
		return rc;
	if (!coord && a->npos < 2)
		return error_set(ctx, ERR_USAGE, "agency grant: give the "
		    "organisations of role '%s', or --coordinating", role);
	if ((name && (rc = check_text(ctx, "name", name, false)) != 0) ||
	    (rc = role_quoted(ctx, role, &quoted)) != 0)
		return rc;
	rc = db_exec(ctx, agency_upsert_sql, "ttd", role, name, (int)coord);
	for (i = 1; rc == 0 && i < a->npos; i++)
		rc = org_tree(ctx, role, a->pos[i], true);
	if (rc == 0)
		rc = role_privileges(ctx, quoted, true);
	free(quoted);
	return rc;
}

/* agency revoke ROLE [ORG...]: those organisations (and those under
 * them), or the whole agency and the role's right to write. */
static int
agency_revoke(struct ctx *ctx, struct args *a)
{
	const char *role = a->pos[0];
	char *quoted = NULL;
	int64_t n = 0;
	int i, rc;

	if ((rc = need_pg(ctx)) != 0)
		return rc;
	if ((rc = db_query_int(ctx, &n, "SELECT count(*) FROM agency WHERE role = ?",
	    "t", role)) != 0)
		return rc;
	if (n == 0)
		return error_set(ctx, ERR_NOTFOUND, "role '%s' has no agency in this "
		    "register", role);
	for (i = 1; rc == 0 && i < a->npos; i++)
		rc = org_tree(ctx, role, a->pos[i], false);
	if (rc != 0 || a->npos > 1)
		return rc;
	if ((rc = db_exec(ctx, "DELETE FROM agency WHERE role = ?", "t", role)) != 0)
		return rc;
	if (role_quoted(ctx, role, &quoted) != 0)
		return 0;	/* the role is gone from the server: nothing to revoke */
	rc = role_privileges(ctx, quoted, false);
	free(quoted);
	return rc;
}

/* agency list: each agency, whether it coordinates, its organisations. */
static int
agency_list(struct ctx *ctx, struct args *a)
{
	int rc;

	(void)a;
	if ((rc = need_pg(ctx)) != 0)
		return rc;
	return cmd_query(ctx, _("Agencies"),
	    "SELECT a.role, a.name, CASE WHEN a.coordinating = 1 THEN 'yes' ELSE "
	    "'no' END AS coordinating, (SELECT group_concat(c.code, ' ') FROM "
	    "(SELECT o.code FROM agency_org ao JOIN organisation o ON o.id = "
	    "ao.org_id WHERE ao.role = a.role ORDER BY o.code) AS c) AS orgs "
	    "FROM agency a ORDER BY a.role", "");
}

const struct cmd cmd_agency_verbs[] = {
	{ .name = "grant", .usage = "ROLE ORG... [--name TEXT] | ROLE --coordinating",
	  .summary = N_("let a server role change these organisations' records"),
	  .help = N_("Every organisation under those named is granted too."),
	  .opts = grant_opts, .min_args = 1, .max_args = -1,
	  .flags = CMD_DB | CMD_WRITE, .exec = agency_grant },
	{ .name = "list", .usage = "",
	  .summary = N_("the agencies, their roles and organisations"),
	  .flags = CMD_DB, .exec = agency_list },
	{ .name = "revoke", .usage = "ROLE [ORG...]",
	  .summary = N_("take organisations, or the whole agency, from a role"),
	  .min_args = 1, .max_args = -1,
	  .flags = CMD_DB | CMD_WRITE, .exec = agency_revoke },
	{ 0 }
};
