/*
 * integra org: organisations — ministries, agencies, oblast
 * administrations, local councils, military units — with their region and
 * parent.  One static function per verb and the verb table at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"

static const struct optdef add_opts[] = {
	{ .name = "kind", .flags = OPT_ARG, .arg = "KIND",
	  .help = N_("ministry, agency, government, oblast-administration, "
	  "local-council, military-unit, education-provider or other (default)") },
	{ .name = "region", .flags = OPT_ARG, .arg = "REGION",
	  .help = N_("oblast, 'Київ', 'Севастополь' or 'Автономна Республіка Крим'") },
	{ .name = "parent", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the organisation it belongs to") },
	{ .name = "edrpou", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("its EDRPOU code (8 digits, check digit checked)") },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ .name = "name", .flags = OPT_ARG, .arg = "NAME", .help = N_("new name") },
	{ .name = "kind", .flags = OPT_ARG, .arg = "KIND", .help = N_("new kind") },
	{ .name = "region", .flags = OPT_ARG, .arg = "REGION",
	  .help = N_("new region ('' to clear)") },
	{ .name = "parent", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("new parent ('' to clear)") },
	{ .name = "edrpou", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("new EDRPOU code ('' to clear)") },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ .name = "kind", .flags = OPT_ARG, .arg = "KIND", .help = N_("only this kind") },
	{ .name = "region", .flags = OPT_ARG, .arg = "REGION",
	  .help = N_("only this region") },
	{ .name = "parent", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only those under this organisation") },
	{ .name = "search", .shortname = 's', .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("code or name contains TEXT (any case)") },
	{ .name = "edrpou", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only the one with this EDRPOU code") },
	{ 0 }
};

/* The rows that refer to an organisation: org remove refuses while any do. */
static const struct cmd_ref org_refs[] = {
	{ .sql = "SELECT count(*) FROM person WHERE org_id = ?", .noun = "people" },
	{ .sql = "SELECT count(*) FROM organisation WHERE parent_id = ?",
	  .noun = "organisations" },
	{ .sql = "SELECT count(*) FROM programme WHERE owner_id = ?",
	  .noun = "programmes" },
	{ .sql = "SELECT count(*) FROM participation WHERE org_id = ?",
	  .noun = "participation records" },
	{ 0 }
};

/* What org show and org remove work on (cmd_show, cmd_remove). */
static const struct cmd_record org_record = {
	.table = "organisation", .keycol = "code", .refs = org_refs,
	.show =
	    "SELECT o.code, o.name, o.kind, o.region, p.code AS parent, o.edrpou, "
	    "(SELECT count(*) FROM person WHERE org_id = o.id) AS people, "
	    "(SELECT count(*) FROM programme WHERE owner_id = o.id) AS programmes, "
	    "(SELECT count(*) FROM participation WHERE org_id = o.id) AS participation "
	    "FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id "
	    "WHERE o.code = ?"
};

/* Checks an EDRPOU code given (NULL or '': none) and refuses one that
 * another organisation than `code` has, naming it. */
static int
check_org_edrpou(struct ctx *ctx, const char *e, const char *code)
{
	struct dbst *st;
	int rc;

	if (e == NULL || *e == '\0')
		return 0;
	if ((rc = check_edrpou(ctx, e)) != 0 || (rc = db_prepare(ctx, &st,
	    "SELECT code FROM organisation WHERE edrpou = ? AND code <> ?")) != 0)
		return rc;
	db_bind(st, "tt", e, code);
	if (dbst_step(st) == DB_ROW)
		rc = error_set(ctx, ERR_EXISTS, "EDRPOU code %s belongs to organisation "
		    "'%s' already", e, dbst_text(st, 0));
	dbst_finalize(st);
	return rc;
}

/* Checks the optional attributes shared by add and set; resolves the
 * parent code to an id (0 for none) and the region to its canonical name. */
static int
check_attrs(struct ctx *ctx, const struct args *a, const char *code,
    const char **region, int64_t *parent)
{
	const char *kind = args_get(a, "kind"), *r = args_get(a, "region");
	const char *p = args_get(a, "parent");
	int rc;

	if (kind && (rc = check_enum(ctx, "organisation kind", kind, org_kinds)) != 0)
		return rc;
	*region = NULL;
	if (r && *r && (rc = check_region(ctx, r, region)) != 0)
		return rc;
	if ((rc = check_org_edrpou(ctx, args_get(a, "edrpou"), code)) != 0)
		return rc;
	*parent = 0;
	if (p && *p)
		return db_lookup_id(ctx, "organisation", "code", p, "organisation", parent);
	return 0;
}

static int
org_add(struct ctx *ctx, struct args *a)
{
	const char *code = a->pos[0], *name = a->pos[1], *region;
	const char *kind = args_get(a, "kind");
	int64_t parent;
	int rc;

	if ((rc = check_code(ctx, "organisation code", code)) != 0 ||
	    (rc = check_text(ctx, "organisation name", name, false)) != 0 ||
	    (rc = check_attrs(ctx, a, code, &region, &parent)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO organisation (code, name, kind, region, parent_id, "
	    "edrpou) VALUES (?, ?, ?, ?, nullif(?, 0), nullif(?, ''))", "ttttit", code,
	    name, kind ? kind : "other", region, parent, args_get(a, "edrpou"));
	if (rc == ERR_EXISTS)
		return error_set(ctx, ERR_EXISTS, "organisation '%s' already exists", code);
	return rc;
}

/* True when making `parent` the parent of `id` would close a loop. */
static int
would_loop(struct ctx *ctx, int64_t id, int64_t parent, bool *loop)
{
	int64_t n = 0;
	int rc;

	rc = db_query_int(ctx, &n, "WITH RECURSIVE up(id) AS (SELECT CAST(? AS BIGINT) UNION "
	    "SELECT o.parent_id FROM organisation o JOIN up ON o.id = up.id "
	    "WHERE o.parent_id IS NOT NULL) SELECT count(*) FROM up WHERE id = ?",
	    "ii", parent, id);
	*loop = n > 0;
	return rc;
}

static int
org_set(struct ctx *ctx, struct args *a)
{
	const char *code = a->pos[0], *name = args_get(a, "name"), *region;
	const char *kind = args_get(a, "kind"), *r = args_get(a, "region");
	const char *p = args_get(a, "parent"), *e = args_get(a, "edrpou");
	int64_t id, parent;
	bool loop = false;
	int rc;

	if (!name && !kind && !r && !p && !e)
		return error_set(ctx, ERR_USAGE, "nothing to change: give --name, --kind, "
		    "--region, --parent or --edrpou");
	if ((rc = db_lookup_id(ctx, "organisation", "code", code, "organisation",
	    &id)) != 0)
		return rc;
	if ((name && (rc = check_text(ctx, "organisation name", name, false)) != 0) ||
	    (rc = check_attrs(ctx, a, code, &region, &parent)) != 0)
		return rc;
	if (parent && (rc = would_loop(ctx, id, parent, &loop)) != 0)
		return rc;
	if (loop)
		return error_set(ctx, ERR_INVALID,
		    "organisation '%s' cannot be placed under '%s': that is inside it", code, p);
	return db_exec(ctx, "UPDATE organisation SET name = coalesce(?, name), "
	    "kind = coalesce(?, kind), "
	    "region = CASE WHEN ? = 1 THEN ? ELSE region END, "
	    "parent_id = CASE WHEN ? = 1 THEN nullif(?, 0) ELSE parent_id END, "
	    "edrpou = CASE WHEN ? = 1 THEN nullif(?, '') ELSE edrpou END WHERE id = ?",
	    "ttdtdidti", name, kind, r != NULL, region, p != NULL, parent, e != NULL, e,
	    id);
}

/* org list: the organisations, filtered, in Ukrainian alphabetical order. */
static int
org_list(struct ctx *ctx, struct args *a)
{
	const char *region = NULL, *r = args_get(a, "region");
	int rc;

	if (r && (rc = check_region(ctx, r, &region)) != 0)
		return rc;
	return cmd_query(ctx, "Organisations",
	    "SELECT o.code, o.name, o.kind, o.region, p.code AS parent, o.edrpou "
	    "FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id "
	    "WHERE (?1 IS NULL OR o.kind = ?1) AND (?2 IS NULL OR o.region = ?2) "
	    "AND (?3 IS NULL OR p.code = ?3) "
	    "AND " CMD_SEARCH_SQL("?4", "o.name", "o.code") " "
	    "AND (?5 IS NULL OR o.edrpou = ?5) "
	    "ORDER BY o.name COLLATE uk, o.code", "ttttt", args_get(a, "kind"), region,
	    args_get(a, "parent"), args_get(a, "search"), args_get(a, "edrpou"));
}

const struct cmd cmd_org_verbs[] = {
	{ .name = "add",
	  .usage = "CODE NAME [--kind K] [--region R] [--parent CODE] [--edrpou CODE]",
	  .summary = N_("add an organisation"), .opts = add_opts, .min_args = 2,
	  .max_args = 2, .flags = CMD_DB | CMD_WRITE, .exec = org_add },
	{ .name = "list",
	  .usage = "[--kind K] [--region R] [--parent CODE] [--search TEXT] "
	  "[--edrpou CODE]",
	  .summary = N_("list organisations in Ukrainian alphabetical order"),
	  .opts = list_opts, .flags = CMD_DB, .exec = org_list },
	{ .name = "remove", .usage = "CODE",
	  .summary = N_("remove an organisation nothing refers to"), .min_args = 1,
	  .max_args = 1, .flags = CMD_DB | CMD_WRITE, .exec = cmd_remove,
	  .data = &org_record },
	{ .name = "set",
	  .usage = "CODE [--name N] [--kind K] [--region R] [--parent CODE] "
	  "[--edrpou CODE]",
	  .summary = N_("change an organisation"), .opts = set_opts, .min_args = 1,
	  .max_args = 1, .flags = CMD_DB | CMD_WRITE, .exec = org_set },
	{ .name = "show", .usage = "CODE", .summary = N_("show one organisation"),
	  .min_args = 1, .max_args = 1, .flags = CMD_DB, .exec = cmd_show,
	  .data = &org_record },
	{ 0 }
};
