/*
 * integra enrol and integra participation: who takes part in which
 * programme (and, optionally, which activity of it), in what role, and how
 * far they got.  A participant is a person or, where the area's plugin
 * allows it, an organisation.  Status moves only forward (nominated ->
 * enrolled -> attended -> completed or failed; withdrawn from any open
 * state), as check_transition() says.  Without a plugin for the area a
 * programme takes persons only, in the role "participant", with no fields.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"

/* The core values of participation, in the order record_fields() names them. */
enum {
	R_PROGRAMME, R_ACTIVITY, R_PARTICIPANT, R_KIND, R_ROLE, R_STATUS, R_START,
	R_END, R_STATUS_DATE, R_HOURS, R_CREDITS, R_RESULT, R_N
};
static const char *const core_names[R_N] = {
	"programme", "activity", "participant", "participant_kind", "role", "status",
	"start", "end", "status_date", "hours", "credits", "result"
};

/* A programme as enrolment sees it. */
struct prog {
	int64_t id;
	char *area;
	char *status;
	const struct integra_plugin *pl;
};

/* One stored participation record. */
struct part {
	int64_t id;
	char *v[R_N];
	char *fields;
};

static const char *const default_roles[] = { "participant", NULL };
static const char *const enrol_statuses[] = { "nominated", "enrolled", NULL };

const struct optdef cmd_participation_enrol_opts[] = {
	{ "org", 0, 0, NULL, "participants are organisation codes, not person keys" },
	{ "activity", 'a', OPT_ARG, "CODE", "enrol in this activity of the programme" },
	{ "role", 0, OPT_ARG, "ROLE", "role of the participants (default: the area's first, participant)" },
	{ "status", 0, OPT_ARG, "STATUS", "nominated (default) or enrolled" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "a field the area declares" },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ "org", 0, 0, NULL, "PARTICIPANT is an organisation code" },
	{ "activity", 'a', OPT_ARG, "CODE", "the record of this activity ('' for none)" },
	{ "status", 0, OPT_ARG, "STATUS", "next status: enrolled, attended, completed, "
	  "failed or withdrawn" },
	{ "date", 0, OPT_ARG, "DATE", "date of the status (default today when it changes)" },
	{ "start", 0, OPT_ARG, "DATE", "first day of taking part ('' to clear)" },
	{ "end", 0, OPT_ARG, "DATE", "last day of taking part ('' to clear)" },
	{ "hours", 0, OPT_ARG, "H", "hours of study or service (0 or more)" },
	{ "credits", 0, OPT_ARG, "C", "credits earned (0 or more)" },
	{ "result", 0, OPT_ARG, "TEXT", "result, grade or certificate ('' to clear)" },
	{ "role", 0, OPT_ARG, "ROLE", "new role" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "set a field the area declares" },
	{ 0 }
};

static const struct optdef key_opts[] = {
	{ "org", 0, 0, NULL, "PARTICIPANT is an organisation code" },
	{ "activity", 'a', OPT_ARG, "CODE", "the record of this activity ('' for none)" },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ "programme", 'p', OPT_ARG, "CODE", "only this programme" },
	{ "person", 0, OPT_ARG, "KEY", "only this person" },
	{ "org", 0, OPT_ARG, "CODE", "only this organisation and its people" },
	{ "status", 0, OPT_ARG, "STATUS", "only this status" },
	{ "area", 0, OPT_ARG, "AREA", "only programmes of this area" },
	{ "activity", 'a', OPT_ARG, "CODE", "only this activity" },
	{ 0 }
};

static void
part_free(struct part *p)
{
	int i;

	for (i = 0; i < R_N; i++)
		free(p->v[i]);
	free(p->fields);
	memset(p, 0, sizeof(*p));
}

static void
prog_free(struct prog *p)
{
	free(p->area);
	free(p->status);
	memset(p, 0, sizeof(*p));
}

/* Today, or the --as-of date of the context. */
static void
today(struct ctx *ctx, char out[11])
{
	int32_t d;

	if (ctx->as_of && date_parse(ctx->as_of, &d) == 0)
		date_format(d, out);
	else
		date_format(date_today(), out);
}

static int
prog_load(struct ctx *ctx, const char *code, struct prog *p)
{
	sqlite3_stmt *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_prepare(ctx, &st, "SELECT id, area, status FROM programme "
	    "WHERE code = ?")) != 0)
		return rc;
	db_bind(st, "t", code);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->area = xstrdup((const char *)sqlite3_column_text(st, 1));
		p->status = xstrdup((const char *)sqlite3_column_text(st, 2));
		p->pl = plugins_area(ctx, p->area);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? error_set(ctx, ERR_NOTFOUND, "no programme '%s'",
		    code) : db_error(ctx, "cannot read programme");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The roles a programme's area allows. */
static const char *const *
prog_roles(const struct prog *p)
{
	if (p->pl && p->pl->roles && p->pl->roles[0])
		return p->pl->roles;
	return default_roles;
}

/* Refuses organisations (or persons) where the area does not take them. */
static int
check_kind(struct ctx *ctx, const struct prog *p, const char *code, bool is_org)
{
	unsigned kinds = p->pl && p->pl->participants ? p->pl->participants :
	    INTEGRA_PARTICIPANT_PERSON;
	unsigned want = is_org ? INTEGRA_PARTICIPANT_ORGANISATION :
	    INTEGRA_PARTICIPANT_PERSON;

	if (kinds & want)
		return 0;
	return error_set(ctx, ERR_INVALID, "programme '%s' of area '%s' takes %s only "
	    "as participants, not %s", code, p->area,
	    kinds & INTEGRA_PARTICIPANT_PERSON ? "persons" : "organisations",
	    is_org ? "organisations" : "persons");
}

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
find_activity(struct ctx *ctx, const struct prog *p, const char *prog,
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
enrol_check(struct ctx *ctx, struct args *a, const struct prog *p,
    const char **role, const char **status)
{
	const char *prog = a->pos[0];
	int rc;

	*role = args_get(a, "role") ? args_get(a, "role") : prog_roles(p)[0];
	*status = args_get(a, "status") ? args_get(a, "status") : "nominated";
	if (strcmp(p->status, "completed") == 0 || strcmp(p->status, "cancelled") == 0)
		return error_set(ctx, ERR_INVALID, "programme '%s' is %s: it takes no "
		    "new participants", prog, p->status);
	if ((rc = check_kind(ctx, p, prog, args_has(a, "org"))) != 0 ||
	    (rc = check_enum(ctx, "role", *role, prog_roles(p))) != 0 ||
	    (rc = check_enum(ctx, "enrolment status", *status, enrol_statuses)) != 0)
		return rc;
	return 0;
}

/* Stores one participant of an enrolment. */
static int
enrol_one(struct ctx *ctx, struct args *a, const struct prog *p, int64_t act,
    const char *who, char **v)
{
	bool is_org = args_has(a, "org");
	int64_t person, org, dup = 0;
	struct kv kv[R_N + 1];
	char *json = NULL;
	int rc;

	if ((rc = find_participant(ctx, who, is_org, &person, &org)) != 0 ||
	    (rc = db_query_int(ctx, &dup, "SELECT count(*) FROM participation WHERE "
	    "programme_id = ? AND coalesce(activity_id, 0) = ? AND "
	    "coalesce(person_id, 0) = ? AND coalesce(org_id, 0) = ?", "iiii", p->id,
	    act, person, org)) != 0)
		return rc;
	if (dup)
		return error_set(ctx, ERR_EXISTS, "%s '%s' is already enrolled in "
		    "programme '%s'%s%s", is_org ? "organisation" : "person", who,
		    a->pos[0], act ? " activity " : "", act ? args_get(a, "activity") : "");
	v[R_PARTICIPANT] = (char *)who;
	kv_fill(kv, core_names, v, R_N);
	if ((rc = programme_fields(ctx, INTEGRA_RECORD_PARTICIPATION, p->area,
	    args_list(a, "field"), NULL, kv, NULL, &json)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO participation (programme_id, activity_id, "
	    "person_id, org_id, role, status, status_date, fields) VALUES "
	    "(?, nullif(?, 0), nullif(?, 0), nullif(?, 0), ?, ?, ?, ?)", "iiiitttt",
	    p->id, act, person, org, v[R_ROLE], v[R_STATUS], v[R_STATUS_DATE], json);
	free(json);
	return rc;
}

/* Refuses an enrolment that would overfill the activity. */
static int
check_capacity(struct ctx *ctx, const char *prog, const char *code, int64_t act)
{
	int64_t cap = -1, taken = 0;
	int rc;

	if (act == 0)
		return 0;
	if ((rc = db_query_int(ctx, &cap, "SELECT coalesce(capacity, -1) FROM activity "
	    "WHERE id = ?", "i", act)) != 0 ||
	    (rc = db_query_int(ctx, &taken, "SELECT count(*) FROM participation "
	    "WHERE activity_id = ? AND status <> 'withdrawn'", "i", act)) != 0)
		return rc;
	if (cap >= 0 && taken > cap)
		return error_set(ctx, ERR_INVALID, "activity '%s' of programme '%s' is full: "
		    "capacity %lld, this would make %lld participants", code, prog,
		    (long long)cap, (long long)taken);
	return 0;
}

int
cmd_enrol(struct ctx *ctx, struct args *a)
{
	const char *prog = a->pos[0], *role, *status, *actcode = args_get(a, "activity");
	char *v[R_N] = { 0 }, day[11];
	struct prog p;
	int64_t act = 0;
	int i, rc;

	if ((rc = prog_load(ctx, prog, &p)) != 0)
		return rc;
	if ((rc = enrol_check(ctx, a, &p, &role, &status)) != 0 ||
	    (rc = find_activity(ctx, &p, prog, actcode, &act)) != 0)
		goto out;
	today(ctx, day);
	v[R_PROGRAMME] = (char *)prog;
	v[R_ACTIVITY] = act ? (char *)actcode : NULL;
	v[R_KIND] = (char *)(args_has(a, "org") ? "organisation" : "person");
	v[R_ROLE] = (char *)role;
	v[R_STATUS] = (char *)status;
	v[R_STATUS_DATE] = day;
	for (i = 1; i < a->npos && rc == 0; i++)
		rc = enrol_one(ctx, a, &p, act, a->pos[i], v);
	if (rc == 0)
		rc = check_capacity(ctx, prog, actcode, act);
out:
	prog_free(&p);
	return rc;
}

/*
 * Finds the one participation record of a participant in a programme;
 * --activity picks among several ('' picks the one without an activity).
 */
static int
part_find(struct ctx *ctx, const struct args *a, struct part *out)
{
	const char *prog = a->pos[0], *who = a->pos[1], *act = args_get(a, "activity");
	bool is_org = args_has(a, "org");
	int64_t person, org, n = 0;
	sqlite3_stmt *st;
	const char *s;
	int i, rc;

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
	db_bind(st, "ttttii", prog, act, who, is_org ? "organisation" : "person",
	    person, org);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ++n == 1) {
		out->id = sqlite3_column_int64(st, 0);
		for (i = 0; i < R_N; i++)
			if ((s = (const char *)sqlite3_column_text(st, i + 1)) != NULL)
				out->v[i] = xstrdup(s);
		out->fields = xstrdup((const char *)sqlite3_column_text(st, R_N + 1));
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		n = db_error(ctx, "cannot read participation");
	sqlite3_finalize(st);
	if (n < 0)
		return (int)n;
	if (n == 0)
		return error_set(ctx, ERR_NOTFOUND, "%s '%s' takes no part in programme "
		    "'%s'%s%s", is_org ? "organisation" : "person", who, prog,
		    act && *act ? " activity " : "", act && *act ? act : "");
	if (n > 1)
		return error_set(ctx, ERR_USAGE, "%s '%s' has several records in programme "
		    "'%s': pick one with --activity CODE ('' for none)",
		    is_org ? "organisation" : "person", who, prog);
	return 0;
}

/* Applies --status and --date: a forward move only; the status date is
 * --date, else today when the status changes. */
static int
set_status(struct ctx *ctx, const struct args *a, const struct part *old, char **v)
{
	const char *to = args_get(a, "status"), *date = args_get(a, "date");
	char what[256], day[11];
	int rc;

	if (to) {
		snprintf(what, sizeof(what), "participation of '%s' in '%s'", a->pos[1],
		    a->pos[0]);
		if ((rc = check_enum(ctx, "participation status", to,
		    participation_statuses)) != 0 ||
		    (rc = check_transition(ctx, what, old->v[R_STATUS], to)) != 0)
			return rc;
		xstrset(&v[R_STATUS], to);
	}
	if (date) {
		if ((rc = date_normalise(ctx, "--date", date, day)) != 0)
			return rc;
		xstrset(&v[R_STATUS_DATE], day);
	} else if (to && strcmp(to, old->v[R_STATUS]) != 0) {
		today(ctx, day);
		xstrset(&v[R_STATUS_DATE], day);
	}
	return 0;
}

/* Applies the dates, numbers, result and role options. */
static int
set_values(struct ctx *ctx, const struct args *a, const struct prog *p, char **v)
{
	static const char *const dates[] = { "start", "end" };
	static const char *const nums[] = { "hours", "credits" };
	const char *s;
	char buf[64], day[11];
	double d;
	int i, rc;

	for (i = 0; i < 2; i++) {
		if ((s = args_get(a, dates[i])) == NULL)
			continue;
		day[0] = '\0';
		if (*s && (rc = date_normalise(ctx, dates[i], s, day)) != 0)
			return rc;
		xstrset(&v[R_START + i], day);
	}
	if (v[R_START] && v[R_END] && strcmp(v[R_START], v[R_END]) > 0)
		return error_set(ctx, ERR_INVALID, "participation would end (%s) before it "
		    "starts (%s)", v[R_END], v[R_START]);
	for (i = 0; i < 2; i++) {
		if ((s = args_get(a, nums[i])) == NULL)
			continue;
		if ((rc = check_number(ctx, nums[i], s, &d)) != 0)
			return rc;
		if (!isfinite(d) || d > 1e9)
			return error_set(ctx, ERR_INVALID, "invalid %s '%s' (too large)",
			    nums[i], s);
		snprintf(buf, sizeof(buf), "%.17g", d);
		xstrset(&v[R_HOURS + i], buf);
	}
	if ((s = args_get(a, "result")) != NULL) {
		if (*s && (rc = check_text(ctx, "result", s, false)) != 0)
			return rc;
		xstrset(&v[R_RESULT], s);
	}
	if ((s = args_get(a, "role")) != NULL) {
		if ((rc = check_enum(ctx, "role", s, prog_roles(p))) != 0)
			return rc;
		xstrset(&v[R_ROLE], s);
	}
	return 0;
}

static bool
set_nothing(const struct args *a)
{
	static const char *const opts[] = { "status", "date", "start", "end", "hours",
	    "credits", "result", "role", "field", NULL };
	const char *const *o;

	for (o = opts; *o; o++)
		if (args_has(a, *o))
			return false;
	return true;
}

static int
participation_set(struct ctx *ctx, struct args *a)
{
	struct part old = { 0 }, n = { 0 };
	struct kv ko[R_N + 1], kn[R_N + 1];
	struct prog p = { 0 };
	char *json = NULL;
	int i, rc;

	if (set_nothing(a))
		return error_set(ctx, ERR_USAGE, "nothing to change: give --status, --date, "
		    "--start, --end, --hours, --credits, --result, --role or --field");
	if ((rc = prog_load(ctx, a->pos[0], &p)) != 0 ||
	    (rc = part_find(ctx, a, &old)) != 0)
		goto out;
	for (i = 0; i < R_N; i++)
		xstrset(&n.v[i], old.v[i]);
	if ((rc = set_status(ctx, a, &old, n.v)) != 0 ||
	    (rc = set_values(ctx, a, &p, n.v)) != 0)
		goto out;
	kv_fill(ko, core_names, old.v, R_N);
	kv_fill(kn, core_names, n.v, R_N);
	if ((rc = programme_fields(ctx, INTEGRA_RECORD_PARTICIPATION, p.area,
	    args_list(a, "field"), old.fields, kn, ko, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE participation SET role = ?, status = ?, start = ?, "
	    "end = ?, status_date = ?, hours = CAST(? AS REAL), "
	    "credits = CAST(? AS REAL), result = ?, fields = ? WHERE id = ?",
	    "ttttttttti", n.v[R_ROLE], n.v[R_STATUS], n.v[R_START], n.v[R_END],
	    n.v[R_STATUS_DATE], n.v[R_HOURS], n.v[R_CREDITS], n.v[R_RESULT], json, old.id);
out:
	free(json);
	part_free(&old);
	part_free(&n);
	prog_free(&p);
	return rc;
}

static int
participation_remove(struct ctx *ctx, struct args *a)
{
	struct part p;
	int rc;

	if ((rc = part_find(ctx, a, &p)) == 0)
		rc = db_exec(ctx, "DELETE FROM participation WHERE id = ?", "i", p.id);
	part_free(&p);
	return rc;
}

/* The columns of list and show. */
#define PART_COLUMNS \
	"SELECT coalesce(pe.key, o.code) AS participant, " \
	"coalesce(pe.name, o.name) AS name, " \
	"CASE WHEN pe.id IS NULL THEN 'organisation' ELSE 'person' END AS kind, " \
	"p.code AS programme, a.code AS activity, pa.role, pa.status, pa.start, " \
	"pa.end, pa.status_date, pa.hours, pa.credits, pa.result, pa.fields " \
	"FROM participation pa JOIN programme p ON p.id = pa.programme_id " \
	"LEFT JOIN activity a ON a.id = pa.activity_id " \
	"LEFT JOIN person pe ON pe.id = pa.person_id " \
	"LEFT JOIN organisation o ON o.id = pa.org_id " \
	"LEFT JOIN organisation po ON po.id = pe.org_id "

static int
participation_show(struct ctx *ctx, struct args *a)
{
	struct part p;
	sqlite3_stmt *st;
	int rc;

	if ((rc = part_find(ctx, a, &p)) != 0 ||
	    (rc = db_prepare(ctx, &st, PART_COLUMNS "WHERE pa.id = ?")) != 0)
		goto out;
	db_bind(st, "i", p.id);
	rc = out_record(ctx, st);
out:
	part_free(&p);
	return rc;
}

static int
participation_list(struct ctx *ctx, struct args *a)
{
	const char *status = args_get(a, "status");
	sqlite3_stmt *st;
	int rc;

	if (status && (rc = check_enum(ctx, "participation status", status,
	    participation_statuses)) != 0)
		return rc;
	if ((rc = db_prepare(ctx, &st, PART_COLUMNS
	    "WHERE (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR pe.key = ?2) "
	    "AND (?3 IS NULL OR o.code = ?3 OR po.code = ?3) "
	    "AND (?4 IS NULL OR pa.status = ?4) AND (?5 IS NULL OR p.area = ?5) "
	    "AND (?6 IS NULL OR a.code = ?6) "
	    "ORDER BY p.code, coalesce(pe.name, o.name) COLLATE uk, participant, "
	    "activity")) != 0)
		return rc;
	db_bind(st, "tttttt", args_get(a, "programme"), args_get(a, "person"),
	    args_get(a, "org"), status, args_get(a, "area"), args_get(a, "activity"));
	return out_query(ctx, "Participation", st, NULL);
}

const struct cmd cmd_participation_verbs[] = {
	{ "list", "[--programme P] [--person K] [--org O] [--status S] [--area A] "
	  "[--activity CODE]", "list participation records", NULL, list_opts, 0, 0,
	  CMD_DB, participation_list, NULL },
	{ "remove", "PROGRAMME PARTICIPANT [--org] [--activity CODE]",
	  "remove a participation record", NULL, key_opts, 2, 2, CMD_DB | CMD_WRITE,
	  participation_remove, NULL },
	{ "set", "PROGRAMME PARTICIPANT [--org] [--status S] [--date D] [--hours H] "
	  "[--credits C] [--result TEXT] [--role R] [--field NAME=VALUE]...",
	  "record progress: status, hours, credits, result",
	  "Status moves nominated -> enrolled -> attended -> completed or failed;\n"
	  "withdrawn from any open state.", set_opts, 2, 2,
	  CMD_DB | CMD_WRITE | CMD_PLUGINS, participation_set, NULL },
	{ "show", "PROGRAMME PARTICIPANT [--org] [--activity CODE]",
	  "show one participation record", NULL, key_opts, 2, 2, CMD_DB,
	  participation_show, NULL },
	{ 0 }
};
