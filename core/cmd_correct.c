/*
 * integra participation correct: the one way to change a participation
 * record after it reached a final status (completed, failed, withdrawn).
 * It sets the final status again or the credits earned, with a reason the
 * audit keeps, and only for the operating-system users and groups named in
 * the configuration group `corrections` (users = [...]; groups = [...];).
 * Everything else about the record stays as it was.
 */
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg_node.h"
#include "correct.h"
#include "rules.h"

const struct optdef participation_correct_opts[] = {
	{ .name = "org", .help = N_("PARTICIPANT is an organisation code") },
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the record of this activity ('' for none)") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("the corrected final status: completed, failed or withdrawn") },
	{ .name = "date", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("the corrected status date (default: as it was)") },
	{ .name = "credits", .flags = OPT_ARG, .arg = "C",
	  .help = N_("the corrected credits earned (0 or more)") },
	{ .name = "reason", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("why the record is corrected (required; kept in the audit)") },
	{ 0 }
};

static const char *const final_statuses[] = { "completed", "failed", "withdrawn", NULL };

/* True when the list `key` of the corrections group names s (or, with
 * groups, a group the process is a member of). */
static bool
listed(struct ctx *ctx, const char *key, const char *user)
{
	const struct cfg_node *g = ctx->cfg ? cfg_node_group(ctx->cfg, "corrections") :
	    NULL;
	const struct cfg_node *l = g ? cfg_node_member(g, key) : NULL;
	gid_t gids[256];
	const char *s;
	struct group *gr;
	size_t i;
	int n, j;

	if (l == NULL)
		return false;
	n = getgroups((int)(sizeof(gids) / sizeof(gids[0])), gids);
	for (i = 0; i < cfg_node_count(l); i++) {
		if ((s = cfg_node_string(cfg_node_at(l, i))) == NULL)
			continue;
		if (user) {
			if (strcmp(s, user) == 0)
				return true;
			continue;
		}
		if ((gr = getgrnam(s)) == NULL)
			continue;
		if (gr->gr_gid == getegid())
			return true;
		for (j = 0; j < n; j++)
			if (gids[j] == gr->gr_gid)
				return true;
	}
	return false;
}

/* Checks the corrections group: only users and groups, each a list of
 * names; an error names the file and line. */
static int
corrections_check(struct ctx *ctx)
{
	const struct cfg_node *g = ctx->cfg ? cfg_node_group(ctx->cfg, "corrections") :
	    NULL, *m;
	const char *name;
	size_t i, j;
	char *where;
	int rc;

	if (g == NULL)
		return 0;
	for (i = 0; i < cfg_node_count(g); i++) {
		m = cfg_node_at(g, i);
		name = cfg_node_name(m);
		for (j = 0; j < cfg_node_count(m) && cfg_node_string(cfg_node_at(m, j)); j++)
			;
		if ((strcmp(name, "users") == 0 || strcmp(name, "groups") == 0) &&
		    cfg_node_kind(m) == CFG_NODE_LIST && j == cfg_node_count(m))
			continue;
		where = cfg_where(ctx->cfg, m);
		rc = error_set(ctx, ERR_FAIL, "%s: 'corrections.%s' is not allowed "
		    "(expected users = [ \"name\", ... ]; groups = [ \"group\", ... ];)",
		    where, name);
		free(where);
		return rc;
	}
	return 0;
}

/* Refuses the operating-system user unless corrections.users names it or
 * corrections.groups names one of its groups. */
static int
correct_allowed(struct ctx *ctx)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *user = pw ? pw->pw_name : "";
	int rc;

	if ((rc = corrections_check(ctx)) != 0)
		return rc;
	if (listed(ctx, "users", user) || listed(ctx, "groups", NULL))
		return 0;
	return error_set(ctx, ERR_FAIL, "user '%s' may not correct participation "
	    "records (allowed: the users and groups of 'corrections' in the "
	    "configuration)", user);
}

/* Applies --status, --date and --credits to v; the record must be final. */
static int
correct_values(struct ctx *ctx, const struct args *a, const struct stored *old,
    char **v)
{
	const char *to = args_get(a, "status"), *date = args_get(a, "date");
	const char *cr = args_get(a, "credits");
	char buf[64];
	double d;
	int rc;

	if (!text_in_list(final_statuses, old->v[PART_STATUS]))
		return error_set(ctx, ERR_INVALID, "participation %s/%s is %s, not final "
		    "(completed, failed or withdrawn): change it with participation set",
		    a->pos[0], a->pos[1], old->v[PART_STATUS]);
	if (to && (rc = check_enum(ctx, "corrected status", to, final_statuses)) != 0)
		return rc;
	if (to)
		xstrset(&v[PART_STATUS], to);
	if (date && (rc = rules_set_date(ctx, "--date", date,
	    &v[PART_STATUS_DATE])) != 0)
		return rc;
	if (cr == NULL)
		return 0;
	if ((rc = participation_check_number(ctx, "credits", cr, &d)) != 0)
		return rc;
	snprintf(buf, sizeof(buf), "%.17g", d);
	xstrset(&v[PART_CREDITS], buf);
	return 0;
}

/* The audit row of the correction: what it was, what it is, and why. */
static int
correct_audit(struct ctx *ctx, const struct args *a, const struct stored *old,
    char *const *v)
{
	const char *act = args_get(a, "activity");
	char *key = xasprintf("%s/%s%s%s", a->pos[0], a->pos[1], act && *act ? "/" : "",
	    act && *act ? act : "");
	int rc;

	rc = db_exec(ctx, "INSERT INTO audit (at, os_user, command, entity, entity_key, "
	    "action, old, new) SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
	    "audit_user(), audit_command(), 'participation', ?, 'correct', "
	    "json_object('status', ?, 'status_date', ?, "
	    "'credits', CAST(? AS DOUBLE PRECISION)), "
	    "json_object('status', ?, 'status_date', ?, "
	    "'credits', CAST(? AS DOUBLE PRECISION), 'reason', ?) WHERE audit_on()", "tttttttt", key, old->v[PART_STATUS],
	    old->v[PART_STATUS_DATE], old->v[PART_CREDITS], v[PART_STATUS],
	    v[PART_STATUS_DATE], v[PART_CREDITS], args_get(a, "reason"));
	free(key);
	return rc;
}

/* Checks a correction before its record is looked up: something to
 * correct, a reason, and a user the configuration allows. */
int
correct_check(struct ctx *ctx, struct args *a)
{
	static const char *const opts[] = { "status", "date", "credits", NULL };
	const char *reason = args_get(a, "reason");

	if (rules_no_change(a, opts))
		return error_set(ctx, ERR_USAGE, "nothing to correct: give --status, "
		    "--date or --credits");
	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		return error_set(ctx, ERR_USAGE, "a correction needs --reason TEXT "
		    "(kept in the audit)");
	return correct_allowed(ctx);
}

/* Corrects old, the record of programme p that participation set's
 * look-up found: its area's checks, the row, and the audit with the
 * reason. */
int
correct_apply(struct ctx *ctx, struct args *a, const struct programme_ref *p,
    const struct stored *old)
{
	struct stored n = { 0 };
	char *json = NULL;
	int rc;

	stored_copy(&n, old, PART_N);
	if ((rc = correct_values(ctx, a, old, n.v)) == 0 &&
	    (rc = rules_fields(ctx, INTEGRA_RECORD_PARTICIPATION, p->area, NULL,
	    old->fields, (const char *const *)n.v, (const char *const *)old->v,
	    &json)) == 0)
		rc = db_exec(ctx, "UPDATE participation SET status = ?, status_date = ?, "
		    "credits = CAST(? AS DOUBLE PRECISION), fields = ? WHERE id = ?",
		    "tttti",
		    n.v[PART_STATUS], n.v[PART_STATUS_DATE], n.v[PART_CREDITS], json,
		    old->id);
	if (rc == 0)
		rc = correct_audit(ctx, a, old, n.v);
	free(json);
	stored_free(&n);
	return rc;
}
