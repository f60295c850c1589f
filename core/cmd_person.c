/*
 * integra person: civil servants, local self-government officials and
 * service members, each under a personnel or HR key, with their
 * organisation, position, kind of service and category (А, Б or В for a
 * civil servant, a rank for the military).  One static function per verb
 * and the verb table at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"

static const struct optdef add_opts[] = {
	{ .name = "org", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the organisation the person works in") },
	{ .name = "position", .flags = OPT_ARG, .arg = "TEXT", .help = N_("position held") },
	{ .name = "service", .flags = OPT_ARG, .arg = "SERVICE",
	  .help = N_("civil-service, local-self-government, military or other") },
	{ .name = "category", .flags = OPT_ARG, .arg = "CAT",
	  .help = N_("А, Б or В for civil service; the rank for military") },
	{ 0 }
};

static const struct optdef show_opts[] = {
	{ .name = "output", .shortname = 'o', .flags = OPT_ARG, .arg = "FILE",
	  .help = N_("write the person to FILE atomically instead of standard output") },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ .name = "name", .flags = OPT_ARG, .arg = "NAME", .help = N_("new name") },
	{ .name = "org", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("new organisation ('' to clear)") },
	{ .name = "position", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("new position ('' to clear)") },
	{ .name = "service", .flags = OPT_ARG, .arg = "SERVICE",
	  .help = N_("new kind of service ('' to clear)") },
	{ .name = "category", .flags = OPT_ARG, .arg = "CAT",
	  .help = N_("new category or rank ('' to clear)") },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ .name = "org", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only people of this organisation") },
	{ .name = "service", .flags = OPT_ARG, .arg = "SERVICE",
	  .help = N_("only this kind of service") },
	{ .name = "category", .flags = OPT_ARG, .arg = "CAT",
	  .help = N_("only this category or rank") },
	{ .name = "search", .shortname = 's', .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("key or name contains TEXT (any case)") },
	{ 0 }
};

/* The rows that refer to a person: person remove refuses while any do. */
static const struct cmd_ref person_refs[] = {
	{ .sql = "SELECT count(*) FROM participation WHERE person_id = ?",
	  .noun = "participation records" },
	{ .sql = "SELECT count(DISTINCT programme_id) FROM participation "
	  "WHERE person_id = ?", .noun = "programmes", .sep = " in " },
	{ 0 }
};

/* What person show and person remove work on (cmd_show, cmd_remove). */
static const struct cmd_record person_record = {
	.table = "person", .keycol = "key", .refs = person_refs,
	.show =
	    "SELECT p.key, p.name, o.code AS org, o.name AS org_name, p.position, "
	    "p.service, p.category, "
	    "(SELECT count(*) FROM participation WHERE person_id = p.id) AS participation, "
	    "(SELECT count(*) FROM participation WHERE person_id = p.id "
	    "AND status = 'completed') AS completed, "
	    "(SELECT count(*) FROM participation WHERE person_id = p.id "
	    "AND status IN ('nominated', 'enrolled', 'attended')) AS open, "
	    "(SELECT total(hours) FROM participation WHERE person_id = p.id) AS hours, "
	    "(SELECT round(CAST(total(credits) AS NUMERIC), 2) FROM participation_credits "
	    "WHERE person_id = p.id) AS credits "
	    "FROM person p LEFT JOIN organisation o ON o.id = p.org_id "
	    "WHERE p.key = ?"
};

/* The person's participation with the titles of the programmes and
 * activities and the name of the programme's owner, for person show. */
static const char person_part_sql[] =
    "SELECT p.code AS programme, p.title AS programme_title, "
    "ow.name AS owner, a.code AS activity, a.title AS activity_title, "
    "pa.status, pa.status_date, pa.hours, pa.credits "
    "FROM participation pa JOIN person pe ON pe.id = pa.person_id "
    "JOIN programme p ON p.id = pa.programme_id "
    "LEFT JOIN activity a ON a.id = pa.activity_id "
    "LEFT JOIN organisation ow ON ow.id = p.owner_id "
    "WHERE pe.key = ? ORDER BY p.code, a.code";

/* person show KEY: the record; in the table format also the programmes
 * and activities the person takes part in, by title (when there are
 * any). */
static int
person_show(struct ctx *ctx, struct args *a)
{
	int64_t n = 0;
	int rc;

	if ((rc = cmd_show(ctx, a)) != 0)
		return rc;
	if ((ctx->format && strcmp(ctx->format, "table") != 0) ||
	    (rc = db_run(ctx, &n, "SELECT count(*) FROM participation pa JOIN "
	    "person pe ON pe.id = pa.person_id WHERE pe.key = ?", "t",
	    a->pos[0])) != 0 || n == 0)
		return rc;
	fputc('\n', ctx->out);
	return cmd_query(ctx, "Participation", person_part_sql, "t", a->pos[0]);
}

/* Empty text counts as "not given" for the optional attributes. */
static const char *
nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* Checks service and category together: a civil servant's category is
 * one of А, Б, В; anything else is free text (a rank, for example). */
static int
check_service(struct ctx *ctx, const char *service, const char *category)
{
	int rc;

	if (service && (rc = check_enum(ctx, "service", service, person_services)) != 0)
		return rc;
	if (category == NULL)
		return 0;
	if (service && strcmp(service, "civil-service") == 0)
		return check_enum(ctx, "civil-service category", category, civil_categories);
	return check_text(ctx, "category", category, false);
}

/* Checks the optional attributes shared by add and set; resolves the
 * organisation (0 for none). */
static int
check_attrs(struct ctx *ctx, const struct args *a, int64_t *org)
{
	const char *o = nz(args_get(a, "org")), *pos = nz(args_get(a, "position"));
	int rc;

	if (pos && (rc = check_text(ctx, "position", pos, false)) != 0)
		return rc;
	*org = 0;
	if (o)
		return db_lookup_id(ctx, "organisation", "code", o, "organisation", org);
	return 0;
}

static int
person_add(struct ctx *ctx, struct args *a)
{
	const char *key = a->pos[0], *name = a->pos[1];
	const char *service = nz(args_get(a, "service"));
	const char *category = nz(args_get(a, "category"));
	int64_t org;
	int rc;

	if ((rc = check_code(ctx, "person key", key)) != 0 ||
	    (rc = check_text(ctx, "person name", name, false)) != 0 ||
	    (rc = check_service(ctx, service, category)) != 0 ||
	    (rc = check_attrs(ctx, a, &org)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO person (key, name, org_id, position, service, "
	    "category) VALUES (?, ?, nullif(?, 0), ?, ?, ?)", "ttittt", key, name, org,
	    nz(args_get(a, "position")), service, category);
	if (rc == ERR_EXISTS)
		return error_set(ctx, ERR_EXISTS, "person '%s' already exists", key);
	return rc;
}

/* Reads the stored service and category of a person (either may be NULL);
 * the caller frees both. */
static int
stored_service(struct ctx *ctx, int64_t id, char **service, char **category)
{
	struct dbst *st;
	const char *s, *c;
	int rc;

	if (db_prepare(ctx, &st, "SELECT service, category FROM person WHERE id = ?") != 0)
		return ctx->err;
	db_bind(st, "i", id);
	*service = *category = NULL;
	if ((rc = dbst_step(st)) == DB_ROW) {
		s = dbst_text(st, 0);
		c = dbst_text(st, 1);
		*service = s ? xstrdup(s) : NULL;
		*category = c ? xstrdup(c) : NULL;
	}
	rc = rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_error(ctx, "cannot read the person");
	dbst_finalize(st);
	return rc;
}

static int
person_set(struct ctx *ctx, struct args *a)
{
	const char *key = a->pos[0], *name = args_get(a, "name");
	const char *o = args_get(a, "org"), *pos = args_get(a, "position");
	const char *sv = args_get(a, "service"), *cat = args_get(a, "category");
	char *old_sv = NULL, *old_cat = NULL;
	int64_t id, org;
	int rc;

	if (!name && !o && !pos && !sv && !cat)
		return error_set(ctx, ERR_USAGE, "nothing to change: give --name, --org, "
		    "--position, --service or --category");
	if ((rc = db_lookup_id(ctx, "person", "key", key, "person", &id)) != 0)
		return rc;
	if ((name && (rc = check_text(ctx, "person name", name, false)) != 0) ||
	    (rc = check_attrs(ctx, a, &org)) != 0 ||
	    (rc = stored_service(ctx, id, &old_sv, &old_cat)) != 0)
		goto out;
	if ((rc = check_service(ctx, sv ? nz(sv) : old_sv, cat ? nz(cat) : old_cat)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE person SET name = coalesce(?, name), "
	    "org_id = CASE WHEN ? = 1 THEN nullif(?, 0) ELSE org_id END, "
	    "position = CASE WHEN ? = 1 THEN ? ELSE position END, "
	    "service = CASE WHEN ? = 1 THEN ? ELSE service END, "
	    "category = CASE WHEN ? = 1 THEN ? ELSE category END WHERE id = ?",
	    "tdidtdtdti", name, o != NULL, org, pos != NULL, nz(pos), sv != NULL, nz(sv),
	    cat != NULL, nz(cat), id);
out:
	free(old_sv);
	free(old_cat);
	return rc;
}

/* person list: the people, filtered, in Ukrainian alphabetical order. */
static int
person_list(struct ctx *ctx, struct args *a)
{
	const char *sv = args_get(a, "service");
	int rc;

	if (sv && (rc = check_enum(ctx, "service", sv, person_services)) != 0)
		return rc;
	return cmd_query(ctx, "People",
	    "SELECT p.key, p.name, o.code AS org, p.position, p.service, p.category "
	    "FROM person p LEFT JOIN organisation o ON o.id = p.org_id "
	    "WHERE (?1 IS NULL OR o.code = ?1) AND (?2 IS NULL OR p.service = ?2) "
	    "AND (?3 IS NULL OR p.category = ?3) "
	    "AND " CMD_SEARCH_SQL("?4", "p.name", "p.key") " "
	    "ORDER BY p.name COLLATE uk, p.key", "tttt", args_get(a, "org"), sv,
	    args_get(a, "category"), args_get(a, "search"));
}

const struct cmd cmd_person_verbs[] = {
	{ .name = "add",
	  .usage = "KEY NAME [--org CODE] [--position P] [--service S] [--category C]",
	  .summary = N_("add a person"), .help = N_("KEY is the personnel or HR number."),
	  .opts = add_opts, .min_args = 2, .max_args = 2, .flags = CMD_DB | CMD_WRITE,
	  .exec = person_add },
	{ .name = "list",
	  .usage = "[--org CODE] [--service S] [--category C] [--search TEXT]",
	  .summary = N_("list people in Ukrainian alphabetical order"), .opts = list_opts,
	  .flags = CMD_DB, .exec = person_list },
	{ .name = "remove", .usage = "KEY",
	  .summary = N_("remove a person with no participation"), .min_args = 1,
	  .max_args = 1, .flags = CMD_DB | CMD_WRITE, .exec = cmd_remove,
	  .data = &person_record },
	{ .name = "set",
	  .usage = "KEY [--name N] [--org CODE] [--position P] [--service S] [--category C]",
	  .summary = N_("change a person"), .opts = set_opts, .min_args = 1, .max_args = 1,
	  .flags = CMD_DB | CMD_WRITE, .exec = person_set },
	{ .name = "show", .usage = "KEY [-o FILE]",
	  .summary = N_("show one person with counts of participation and the "
	  "programmes by title"), .opts = show_opts, .min_args = 1,
	  .max_args = 1, .flags = CMD_DB | CMD_OUTPUT, .exec = person_show,
	  .data = &person_record },
	{ 0 }
};
