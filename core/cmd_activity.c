/*
 * integra activity: the sessions, cohorts, exercise phases or stages inside
 * a programme, each under a code unique within its programme, with dates,
 * a location and an optional capacity that enrolment respects.  One static
 * function per verb and the verb table at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* A stored activity with its programme. */
struct act {
	struct stored r;
	struct programme_ref prog;
};

static const struct optdef add_opts[] = {
	{ .name = "start", .flags = OPT_ARG, .arg = "DATE", .help = N_("first day") },
	{ .name = "end", .flags = OPT_ARG, .arg = "DATE", .help = N_("last day") },
	{ .name = "location", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("where it takes place") },
	{ .name = "capacity", .flags = OPT_ARG, .arg = "N",
	  .help = N_("most participants it takes") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("a field the area declares") },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ .name = "title", .flags = OPT_ARG, .arg = "TITLE", .help = N_("new title") },
	{ .name = "start", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("new first day ('' to clear)") },
	{ .name = "end", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("new last day ('' to clear)") },
	{ .name = "location", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("new location ('' to clear)") },
	{ .name = "capacity", .flags = OPT_ARG, .arg = "N",
	  .help = N_("new capacity ('' for no limit)") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("set a field the area declares") },
	{ 0 }
};

/* Frees an activity and its programme. */
static void
act_free(struct act *p)
{
	stored_free(&p->r);
	programme_ref_free(&p->prog);
}

/* Loads an activity by programme and code. */
static int
act_load(struct ctx *ctx, const char *prog, const char *code, struct act *p)
{
	struct dbst *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = programme_find(ctx, prog, &p->prog)) != 0)
		return rc;
	if ((rc = db_prepare(ctx, &st, "SELECT a.id, ?1, a.code, a.title, a.start, "
	    "a.end, a.location, a.capacity, a.fields FROM activity a "
	    "WHERE a.programme_id = ?2 AND a.code = ?3")) != 0)
		return rc;
	db_bind(st, "tit", prog, p->prog.id, code);
	rc = stored_load(ctx, st, ACT_N, &p->r, "cannot read activity");
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no activity '%s' in programme '%s'",
		    code, prog);
	return rc;
}

/* Checks the title, dates, location and capacity options into the values
 * v (title, location and capacity only when given). */
static int
apply_opts(struct ctx *ctx, const struct args *a, const char *title, char **v,
    int64_t *cap)
{
	static const char *const dates[] = { "start", "end" };
	const char *loc = args_get(a, "location");
	int i, rc;

	if (title && (rc = activity_check(ctx, ACT_TITLE, title)) != 0)
		return rc;
	if (title)
		xstrset(&v[ACT_TITLE], title);
	for (i = 0; i < 2; i++)
		if ((rc = rules_set_date(ctx, dates[i], args_get(a, dates[i]),
		    &v[ACT_START + i])) != 0)
			return rc;
	if ((rc = rules_order(ctx, "activity", v[ACT_CODE], v[ACT_START],
	    v[ACT_END])) != 0 || (rc = activity_check(ctx, ACT_LOCATION, loc)) != 0)
		return rc;
	if (loc)
		xstrset(&v[ACT_LOCATION], loc);
	if ((rc = activity_check_capacity(ctx, args_get(a, "capacity"), cap)) != 0)
		return rc;
	if (args_has(a, "capacity"))
		xstrset(&v[ACT_CAPACITY], args_get(a, "capacity"));
	return 0;
}

/* The area fields of activity n (old: as stored, or NULL for a new one). */
static int
act_fields(struct ctx *ctx, const struct args *a, const struct act *n,
    const struct act *old, char **json)
{
	return rules_fields(ctx, INTEGRA_RECORD_ACTIVITY, n->prog.area,
	    args_list(a, "field"), old ? old->r.fields : NULL, (const char *const *)n->r.v,
	    old ? (const char *const *)old->r.v : NULL, json);
}

/* activity add PROGRAMME CODE TITLE: a new activity of a programme. */
static int
activity_add(struct ctx *ctx, struct args *a)
{
	struct act n = { 0 };
	char *json = NULL;
	int64_t cap;
	int rc;

	if ((rc = activity_check(ctx, ACT_CODE, a->pos[1])) != 0 ||
	    (rc = activity_check(ctx, ACT_TITLE, a->pos[2])) != 0 ||
	    (rc = programme_find(ctx, a->pos[0], &n.prog)) != 0)
		goto out;
	xstrset(&n.r.v[ACT_PROGRAMME], a->pos[0]);
	xstrset(&n.r.v[ACT_CODE], a->pos[1]);
	xstrset(&n.r.v[ACT_TITLE], a->pos[2]);
	if ((rc = apply_opts(ctx, a, NULL, n.r.v, &cap)) != 0 ||
	    (rc = act_fields(ctx, a, &n, NULL, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "INSERT INTO activity (programme_id, code, title, start, \"end\", "
	    "location, capacity, fields) VALUES (?, ?, ?, ?, ?, ?, nullif(?, -1), ?)",
	    "itttttit", n.prog.id, n.r.v[ACT_CODE], n.r.v[ACT_TITLE], n.r.v[ACT_START],
	    n.r.v[ACT_END], n.r.v[ACT_LOCATION], cap, json);
	if (rc == ERR_EXISTS)
		rc = error_set(ctx, ERR_EXISTS, "activity '%s' already exists in "
		    "programme '%s'", a->pos[1], a->pos[0]);
out:
	free(json);
	act_free(&n);
	return rc;
}

/* activity set PROGRAMME CODE: changes an activity. */
static int
activity_set(struct ctx *ctx, struct args *a)
{
	static const char *const opts[] = { "title", "start", "end", "location",
	    "capacity", "field", NULL };
	struct act old, n = { 0 };
	char *json = NULL;
	int64_t cap;
	int rc;

	if (rules_no_change(a, opts))
		return error_set(ctx, ERR_USAGE, "nothing to change: give --title, --start, "
		    "--end, --location, --capacity or --field");
	if ((rc = act_load(ctx, a->pos[0], a->pos[1], &old)) != 0)
		goto out;
	stored_copy(&n.r, &old.r, ACT_N);
	n.prog.area = xstrdup(old.prog.area);
	if ((rc = apply_opts(ctx, a, args_get(a, "title"), n.r.v, &cap)) != 0 ||
	    (rc = activity_check_room(ctx, old.r.id, old.r.v[ACT_CODE], cap)) != 0 ||
	    (rc = act_fields(ctx, a, &n, &old, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE activity SET title = ?, start = ?, \"end\" = ?, "
	    "location = ?, capacity = CAST(? AS INTEGER), fields = ? WHERE id = ?",
	    "tttttti", n.r.v[ACT_TITLE], n.r.v[ACT_START], n.r.v[ACT_END],
	    n.r.v[ACT_LOCATION], n.r.v[ACT_CAPACITY], json, old.r.id);
out:
	free(json);
	act_free(&old);
	act_free(&n);
	return rc;
}

/* The rows that refer to an activity, for activity remove. */
static const struct cmd_ref activity_refs[] = {
	{ .sql = "SELECT count(*) FROM participation WHERE activity_id = ?",
	  .noun = "participation records" },
	{ 0 }
};

/* activity remove PROGRAMME CODE: only an activity with no participation. */
static int
activity_remove(struct ctx *ctx, struct args *a)
{
	struct act p;
	char *label;
	int rc;

	if ((rc = act_load(ctx, a->pos[0], a->pos[1], &p)) == 0) {
		label = xasprintf(_("activity '%s' of programme '%s'"), a->pos[1], a->pos[0]);
		rc = cmd_remove_unused(ctx, "activity", p.r.id, label, activity_refs);
		free(label);
	}
	act_free(&p);
	return rc;
}

/* The columns shared by list and show. */
#define ACTIVITY_COLUMNS \
	"SELECT a.code, a.title, a.start, a.end, a.location, a.capacity, " \
	"(SELECT count(*) FROM participation WHERE activity_id = a.id " \
	"AND status <> 'withdrawn') AS participants, a.fields " \
	"FROM activity a JOIN programme p ON p.id = a.programme_id WHERE p.code = ?1 "

/* Lists the activities of a programme, or shows the one of a->pos[1]. */
static int
activity_output(struct ctx *ctx, struct args *a, bool one)
{
	struct programme_ref prog;
	int rc;

	if ((rc = programme_find(ctx, a->pos[0], &prog)) != 0)
		return rc;
	programme_ref_free(&prog);
	if (!one)
		return cmd_query(ctx, "Activities", ACTIVITY_COLUMNS
		    "ORDER BY a.start IS NULL, a.start, a.code", "t", a->pos[0]);
	rc = cmd_query(ctx, CMD_RECORD, ACTIVITY_COLUMNS "AND a.code = ?2", "tt",
	    a->pos[0], a->pos[1]);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no activity '%s' in programme '%s'",
		    a->pos[1], a->pos[0]);
	return rc;
}

/* activity list PROGRAMME. */
static int
activity_list(struct ctx *ctx, struct args *a)
{
	return activity_output(ctx, a, false);
}

/* activity show PROGRAMME CODE. */
static int
activity_show(struct ctx *ctx, struct args *a)
{
	return activity_output(ctx, a, true);
}

const struct cmd cmd_activity_verbs[] = {
	{ .name = "add",
	  .usage = "PROGRAMME CODE TITLE [--start D] [--end D] [--location L] "
	  "[--capacity N] [--field NAME=VALUE]...",
	  .summary = N_("add an activity to a programme"), .opts = add_opts, .min_args = 3,
	  .max_args = 3, .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS,
	  .exec = activity_add },
	{ .name = "list", .usage = "PROGRAMME",
	  .summary = N_("list the activities of a programme"), .min_args = 1,
	  .max_args = 1, .flags = CMD_DB, .exec = activity_list },
	{ .name = "remove", .usage = "PROGRAMME CODE",
	  .summary = N_("remove an activity with no participation"), .min_args = 2,
	  .max_args = 2, .flags = CMD_DB | CMD_WRITE, .exec = activity_remove },
	{ .name = "set",
	  .usage = "PROGRAMME CODE [--title T] [--start D] [--end D] [--location L] "
	  "[--capacity N] [--field NAME=VALUE]...",
	  .summary = N_("change an activity"), .opts = set_opts, .min_args = 2,
	  .max_args = 2, .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS,
	  .exec = activity_set },
	{ .name = "show", .usage = "PROGRAMME CODE", .summary = N_("show one activity"),
	  .min_args = 2, .max_args = 2, .flags = CMD_DB, .exec = activity_show },
	{ 0 }
};
