/*
 * integra enrol and integra participation: who takes part in which
 * programme (and, optionally, which activity of it), in what role, and how
 * far they got.  A participant is a person or, where the area's plugin
 * allows it, an organisation.  Status moves only forward (nominated ->
 * enrolled -> attended -> completed or failed; withdrawn from any open
 * state), as check_transition() says.  Without a plugin for the area a
 * programme takes persons only, in the role "participant", with no fields.
 */
#include <stdlib.h>
#include <string.h>

#include "nominate.h"
#include "correct.h"
#include "rules.h"

const struct optdef cmd_participation_enrol_opts[] = {
	{ .name = "org",
	  .help = N_("participants are organisation codes, not person keys") },
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("enrol in this activity of the programme") },
	{ .name = "role", .flags = OPT_ARG, .arg = "ROLE",
	  .help = N_("role of the participants (default: the area's first, participant)") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("nominated (default) or enrolled") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("a field the area declares") },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ .name = "org", .help = N_("PARTICIPANT is an organisation code") },
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the record of this activity ('' for none)") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("next status: enrolled, attended, completed, "
	  "failed or withdrawn") },
	{ .name = "date", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("date of the status (default today when it changes)") },
	{ .name = "start", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("first day of taking part ('' to clear)") },
	{ .name = "end", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("last day of taking part ('' to clear)") },
	{ .name = "hours", .flags = OPT_ARG, .arg = "H",
	  .help = N_("hours of study or service (0 or more)") },
	{ .name = "credits", .flags = OPT_ARG, .arg = "C",
	  .help = N_("credits earned (0 or more)") },
	{ .name = "result", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("result, grade or certificate ('' to clear)") },
	{ .name = "role", .flags = OPT_ARG, .arg = "ROLE", .help = N_("new role") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("set a field the area declares") },
	{ 0 }
};

static const struct optdef key_opts[] = {
	{ .name = "org", .help = N_("PARTICIPANT is an organisation code") },
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the record of this activity ('' for none)") },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ .name = "programme", .shortname = 'p', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only this programme") },
	{ .name = "person", .flags = OPT_ARG, .arg = "KEY", .help = N_("only this person") },
	{ .name = "org", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only this organisation and its people") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("only this status") },
	{ .name = "area", .flags = OPT_ARG, .arg = "AREA",
	  .help = N_("only programmes of this area") },
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only this activity") },
	{ .name = "output", .shortname = 'o', .flags = OPT_ARG, .arg = "FILE",
	  .help = N_("write the list to FILE atomically instead of standard output") },
	{ 0 }
};

/* Finds a participant: a person key, or an organisation code when is_org. */
static int
find_participant(struct ctx *ctx, const char *who, bool is_org, int64_t *person,
    int64_t *org)
{
	*person = *org = 0;
	if (is_org)
		return db_lookup_id(ctx, "organisation", "code", who, "organisation", org);
	return db_lookup_id(ctx, "person", "key", who, "person", person);
}

/* Finds an activity of a programme (0 when code is NULL). */
static int
find_activity(struct ctx *ctx, const struct programme_ref *p, const char *prog,
    const char *code, int64_t *id)
{
	int rc;

	*id = 0;
	if (code == NULL || *code == '\0')
		return 0;
	rc = db_query_int(ctx, id, "SELECT id FROM activity WHERE programme_id = ? "
	    "AND code = ?", "it", p->id, code);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no activity '%s' in programme '%s'",
		    code, prog);
	return rc;
}

/* Checks everything an enrolment shares across its participants. */
static int
enrol_check(struct ctx *ctx, struct args *a, const struct programme_ref *p,
    const char **role, const char **status)
{
	const char *prog = a->pos[0];
	int rc;

	*role = args_get(a, "role") ? args_get(a, "role") : participation_roles(p->pl)[0];
	*status = args_get(a, "status") ? args_get(a, "status") : "nominated";
	if ((rc = participation_check_open(ctx, prog, p->status)) != 0 ||
	    (rc = participation_check_kind(ctx, p->pl, prog, p->area,
	    args_has(a, "org"))) != 0 ||
	    (rc = participation_check_role(ctx, p->pl, *role)) != 0 ||
	    (rc = participation_check_enrol_status(ctx, *status)) != 0)
		return rc;
	return 0;
}

/* Stores one participant of an enrolment. */
static int
enrol_one(struct ctx *ctx, struct args *a, const struct programme_ref *p,
    int64_t act, const char *who, const char **v)
{
	bool is_org = args_has(a, "org");
	int64_t person, org, dup = 0;
	char *json = NULL;
	int rc;

	if ((rc = find_participant(ctx, who, is_org, &person, &org)) != 0 ||
	    (rc = db_query_int(ctx, &dup, "SELECT count(*) FROM participation WHERE "
	    "programme_id = ? AND coalesce(activity_id, 0) = ? AND "
	    "coalesce(person_id, 0) = ? AND coalesce(org_id, 0) = ?", "iiii", p->id,
	    act, person, org)) != 0)
		return rc;
	if (dup && act)
		return error_set(ctx, ERR_EXISTS, "%s '%s' is already enrolled in "
		    "programme '%s' activity '%s'", C_("record", is_org ?
		    "organisation" : "person"), who, a->pos[0],
		    args_get(a, "activity"));
	if (dup)
		return error_set(ctx, ERR_EXISTS, "%s '%s' is already enrolled in "
		    "programme '%s'", C_("record", is_org ? "organisation" :
		    "person"), who, a->pos[0]);
	v[PART_PARTICIPANT] = who;
	if ((rc = rules_fields(ctx, INTEGRA_RECORD_PARTICIPATION, p->area,
	    args_list(a, "field"), NULL, v, NULL, &json)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO participation (programme_id, activity_id, "
	    "person_id, org_id, role, status, status_date, fields) VALUES "
	    "(?, nullif(?, 0), nullif(?, 0), nullif(?, 0), ?, ?, ?, ?)", "iiiitttt",
	    p->id, act, person, org, v[PART_ROLE], v[PART_STATUS],
	    v[PART_STATUS_DATE], json);
	free(json);
	return rc;
}

/* integra enrol PROGRAMME PARTICIPANT...: new participation records. */
int
cmd_enrol(struct ctx *ctx, struct args *a)
{
	const char *prog = a->pos[0], *actcode = args_get(a, "activity");
	const char *v[PART_N] = { 0 };
	struct programme_ref p;
	char day[11];
	int64_t act = 0;
	int i, rc;

	if ((rc = programme_find(ctx, prog, &p)) != 0)
		return rc;
	if ((rc = enrol_check(ctx, a, &p, &v[PART_ROLE], &v[PART_STATUS])) != 0 ||
	    (rc = find_activity(ctx, &p, prog, actcode, &act)) != 0)
		goto out;
	rules_today(ctx, day);
	v[PART_PROGRAMME] = prog;
	v[PART_ACTIVITY] = act ? actcode : NULL;
	v[PART_KIND] = args_has(a, "org") ? "organisation" : "person";
	v[PART_STATUS_DATE] = day;
	for (i = 1; i < a->npos && rc == 0; i++)
		rc = enrol_one(ctx, a, &p, act, a->pos[i], v);
	if (rc == 0)
		rc = activity_check_full(ctx, prog, actcode, act);
out:
	programme_ref_free(&p);
	return rc;
}

/* The error of a participant with no record, or several, in a programme. */
static int
part_none(struct ctx *ctx, const struct args *a, int64_t n)
{
	const char *prog = a->pos[0], *who = a->pos[1], *act = args_get(a, "activity");
	const char *kind = args_has(a, "org") ? "organisation" : "person";

	if (n == 0)
		return error_set(ctx, ERR_NOTFOUND, "%s '%s' takes no part in programme "
		    "'%s'%s%s", kind, who, prog, act && *act ? " activity " : "",
		    act && *act ? act : "");
	return error_set(ctx, ERR_USAGE, "%s '%s' has several records in programme "
	    "'%s': pick one with --activity CODE ('' for none)", kind, who, prog);
}

/*
 * Finds the one participation record of a participant in a programme;
 * --activity picks among several ('' picks the one without an activity).
 */
static int
part_find(struct ctx *ctx, const struct args *a, struct stored *out)
{
	const char *who = a->pos[1];
	bool is_org = args_has(a, "org");
	int64_t person, org, n = 0;
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = find_participant(ctx, who, is_org, &person, &org)) != 0)
		return rc;
	if ((rc = db_prepare(ctx, &st, "SELECT pa.id, p.code, a.code, ?3, ?4, pa.role, "
	    "pa.status, pa.start, pa.end, pa.status_date, pa.hours, pa.credits, "
	    "pa.result, pa.fields FROM participation pa "
	    "JOIN programme p ON p.id = pa.programme_id "
	    "LEFT JOIN activity a ON a.id = pa.activity_id WHERE p.code = ?1 "
	    "AND coalesce(pa.person_id, 0) = ?5 AND coalesce(pa.org_id, 0) = ?6 "
	    "AND (?2 IS NULL OR coalesce(a.code, '') = ?2)")) != 0)
		return rc;
	db_bind(st, "ttttii", a->pos[0], args_get(a, "activity"), who,
	    is_org ? "organisation" : "person", person, org);
	while ((rc = dbst_step(st)) == DB_ROW && ++n == 1)
		stored_read(out, st, PART_N);
	if (rc != DB_ROW && rc != DB_DONE)
		n = db_error(ctx, "cannot read participation");
	dbst_finalize(st);
	if (n < 0)
		return (int)n;
	return n == 1 ? 0 : part_none(ctx, a, n);
}

/* Applies --status and --date: a forward move only; the status date is
 * --date, else today when the status changes. */
static int
set_status(struct ctx *ctx, const struct args *a, const struct stored *old, char **v)
{
	const char *to = args_get(a, "status"), *date = args_get(a, "date");
	char day[11];
	int rc;

	if (to && ((rc = participation_check_move(ctx, a->pos[0], a->pos[1],
	    old->v[PART_STATUS], to)) != 0 || (rc = nomination_check_status(ctx,
	    old->id, a->pos[0], a->pos[1], to)) != 0))
		return rc;
	if (to)
		xstrset(&v[PART_STATUS], to);
	if (date) {
		if ((rc = date_normalise(ctx, "--date", date, day)) != 0)
			return rc;
		xstrset(&v[PART_STATUS_DATE], day);
	} else if (to && strcmp(to, old->v[PART_STATUS]) != 0) {
		rules_today(ctx, day);
		xstrset(&v[PART_STATUS_DATE], day);
	}
	return 0;
}

/* Applies the --hours and --credits options. */
static int
set_numbers(struct ctx *ctx, const struct args *a, char **v)
{
	static const char *const nums[] = { "hours", "credits" };
	const char *s;
	char buf[64];
	double d;
	int i, rc;

	for (i = 0; i < 2; i++) {
		if ((s = args_get(a, nums[i])) == NULL)
			continue;
		if ((rc = participation_check_number(ctx, nums[i], s, &d)) != 0)
			return rc;
		snprintf(buf, sizeof(buf), "%.17g", d);
		xstrset(&v[PART_HOURS + i], buf);
	}
	return 0;
}

/* Applies the dates, numbers, result and role options. */
static int
set_values(struct ctx *ctx, const struct args *a, const struct programme_ref *p,
    char **v)
{
	static const char *const dates[] = { "start", "end" };
	const char *result = args_get(a, "result"), *role = args_get(a, "role");
	int i, rc;

	for (i = 0; i < 2; i++)
		if ((rc = rules_set_date(ctx, dates[i], args_get(a, dates[i]),
		    &v[PART_START + i])) != 0)
			return rc;
	if ((rc = rules_order(ctx, "participation", NULL, v[PART_START],
	    v[PART_END])) != 0 ||
	    (rc = set_numbers(ctx, a, v)) != 0 ||
	    (rc = participation_check(ctx, PART_RESULT, result)) != 0)
		return rc;
	if (result)
		xstrset(&v[PART_RESULT], result);
	if (role && (rc = participation_check_role(ctx, p->pl, role)) != 0)
		return rc;
	if (role)
		xstrset(&v[PART_ROLE], role);
	return 0;
}

/* participation correct PROGRAMME PARTICIPANT: an audited correction of
 * a final record (cmd_correct.c), found as participation set finds it. */
static int
participation_correct(struct ctx *ctx, struct args *a)
{
	struct stored old = { 0 };
	struct programme_ref p = { 0 };
	int rc;

	if ((rc = correct_check(ctx, a)) == 0 &&
	    (rc = programme_find(ctx, a->pos[0], &p)) == 0 &&
	    (rc = part_find(ctx, a, &old)) == 0)
		rc = correct_apply(ctx, a, &p, &old);
	stored_free(&old);
	programme_ref_free(&p);
	return rc;
}

/* participation set PROGRAMME PARTICIPANT: records progress. */
static int
participation_set(struct ctx *ctx, struct args *a)
{
	static const char *const opts[] = { "status", "date", "start", "end", "hours",
	    "credits", "result", "role", "field", NULL };
	struct stored old = { 0 }, n = { 0 };
	struct programme_ref p = { 0 };
	char *json = NULL;
	int rc;

	if (rules_no_change(a, opts))
		return error_set(ctx, ERR_USAGE, "nothing to change: give --status, --date, "
		    "--start, --end, --hours, --credits, --result, --role or --field");
	if ((rc = programme_find(ctx, a->pos[0], &p)) != 0 ||
	    (rc = part_find(ctx, a, &old)) != 0)
		goto out;
	stored_copy(&n, &old, PART_N);
	if ((rc = set_status(ctx, a, &old, n.v)) != 0 ||
	    (rc = set_values(ctx, a, &p, n.v)) != 0 ||
	    (rc = rules_fields(ctx, INTEGRA_RECORD_PARTICIPATION, p.area,
	    args_list(a, "field"), old.fields, (const char *const *)n.v, (const char *const *)old.v, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE participation SET role = ?, status = ?, start = ?, "
	    "\"end\" = ?, status_date = ?, hours = CAST(? AS DOUBLE PRECISION), "
	    "credits = CAST(? AS DOUBLE PRECISION), result = ?, fields = ? "
	    "WHERE id = ?",
	    "ttttttttti", n.v[PART_ROLE], n.v[PART_STATUS], n.v[PART_START],
	    n.v[PART_END], n.v[PART_STATUS_DATE], n.v[PART_HOURS], n.v[PART_CREDITS],
	    n.v[PART_RESULT], json, old.id);
out:
	free(json);
	stored_free(&old);
	stored_free(&n);
	programme_ref_free(&p);
	return rc;
}

/* participation remove PROGRAMME PARTICIPANT. */
static int
participation_remove(struct ctx *ctx, struct args *a)
{
	struct stored p;
	int rc;

	if ((rc = part_find(ctx, a, &p)) == 0)
		rc = db_exec(ctx, "DELETE FROM participation WHERE id = ?", "i", p.id);
	stored_free(&p);
	return rc;
}

/* The columns of list and show. */
#define PART_COLUMNS \
	"SELECT coalesce(pe.key, o.code) AS participant, " \
	"coalesce(pe.name, o.name) AS name, " \
	"CASE WHEN pe.id IS NULL THEN 'organisation' ELSE 'person' END AS kind, " \
	"p.code AS programme, p.title AS programme_title, a.code AS activity, " \
	"a.title AS activity_title, pa.role, pa.status, pa.start, " \
	"pa.end, pa.status_date, pa.hours, pa.credits, pa.result, pa.fields " \
	"FROM participation pa JOIN programme p ON p.id = pa.programme_id " \
	"LEFT JOIN activity a ON a.id = pa.activity_id " \
	"LEFT JOIN person pe ON pe.id = pa.person_id " \
	"LEFT JOIN organisation o ON o.id = pa.org_id " \
	"LEFT JOIN organisation po ON po.id = pe.org_id "

/* participation show PROGRAMME PARTICIPANT. */
static int
participation_show(struct ctx *ctx, struct args *a)
{
	struct stored p;
	int rc;

	if ((rc = part_find(ctx, a, &p)) == 0)
		rc = cmd_query(ctx, CMD_RECORD, PART_COLUMNS "WHERE pa.id = ?", "i", p.id);
	stored_free(&p);
	return rc;
}

/* participation list: the records, filtered. */
static int
participation_list(struct ctx *ctx, struct args *a)
{
	const char *status = args_get(a, "status");
	int rc;

	if (status && (rc = check_enum(ctx, "participation status", status,
	    participation_statuses)) != 0)
		return rc;
	return cmd_query(ctx, "Participation", PART_COLUMNS
	    "WHERE (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR pe.key = ?2) "
	    "AND (?3 IS NULL OR o.code = ?3 OR po.code = ?3) "
	    "AND (?4 IS NULL OR pa.status = ?4) AND (?5 IS NULL OR p.area = ?5) "
	    "AND (?6 IS NULL OR a.code = ?6) "
	    "ORDER BY p.code, coalesce(pe.name, o.name) COLLATE uk, participant, "
	    "activity", "tttttt", args_get(a, "programme"), args_get(a, "person"),
	    args_get(a, "org"), status, args_get(a, "area"), args_get(a, "activity"));
}

const struct cmd cmd_participation_verbs[] = {
	{ .name = "correct",
	  .usage = "PROGRAMME PARTICIPANT [--org] [--activity CODE] [--status S] "
	  "[--date D] [--credits C] --reason TEXT",
	  .summary = N_("correct a final status or the credits, with a reason (audited)"),
	  .help = N_("Allowed only to the users and groups named in the configuration:\n"
	  "corrections = { users = [ \"name\" ]; groups = [ \"group\" ]; };"),
	  .opts = participation_correct_opts, .min_args = 2, .max_args = 2,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = participation_correct },
	{ .name = "list",
	  .usage = "[--programme P] [--person K] [--org O] [--status S] [--area A] "
	  "[--activity CODE] [-o FILE]",
	  .summary = N_("list participation records, with the programmes' and "
	  "activities' titles"), .opts = list_opts, .flags = CMD_DB | CMD_OUTPUT,
	  .exec = participation_list },
	{ .name = "remove", .usage = "PROGRAMME PARTICIPANT [--org] [--activity CODE]",
	  .summary = N_("remove a participation record"), .opts = key_opts, .min_args = 2,
	  .max_args = 2, .flags = CMD_DB | CMD_WRITE, .exec = participation_remove },
	{ .name = "set",
	  .usage = "PROGRAMME PARTICIPANT [--org] [--status S] [--date D] [--hours H] "
	  "[--credits C] [--result TEXT] [--role R] [--field NAME=VALUE]...",
	  .summary = N_("record progress: status, hours, credits, result"),
	  .help = N_("Status moves nominated -> enrolled -> attended -> completed or failed;\n"
	  "withdrawn from any open state."),
	  .opts = set_opts, .min_args = 2, .max_args = 2,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = participation_set },
	{ .name = "show", .usage = "PROGRAMME PARTICIPANT [--org] [--activity CODE]",
	  .summary = N_("show one participation record"), .opts = key_opts, .min_args = 2,
	  .max_args = 2, .flags = CMD_DB, .exec = participation_show },
	{ 0 }
};
