/*
 * Recurring reporting duties: a duty falls due on a calendar rule
 * (recur.h), has a legal basis, a recipient and optionally a responsible
 * organisation, and runs from a start date.  Each occurrence is outstanding
 * until marked done.  `integra deadlines` shows each occurrence late
 * (its day passed, not done) and each duty's next one; the report
 * dc_duties shows, as of a day, the latest occurrence (done, done late,
 * late or due), how many are late since when, and the next one.  Tables:
 * decree_duty, decree_duty_done.
 */
#include <stdio.h>
#include <string.h>

#include "duties.h"
#include "recur.h"

#define TEXT_MAX	1000	/* bytes of a title, basis or recipient */
#define DUTY_ARGS_MAX	4	/* positional arguments of a verb */

static const struct integra_api *api;

/*
 * The occurrences of every duty (months from its start to 25 months after
 * ASOF, on the rule's day, real days only); pend(duty_id, due): those not
 * done on or before ASOF; nxt(duty_id, due): the earliest of them.
 */
#define DUTY_OCC(ASOF) \
	"WITH RECURSIVE m(duty_id, ym) AS (" \
	" SELECT id, date(start, 'start of month') FROM decree_duty" \
	" UNION ALL SELECT duty_id, date(ym, '+1 month') FROM m" \
	" WHERE ym < date(" ASOF ", '+25 months')), " \
	"occ(duty_id, due) AS (SELECT o.duty_id, o.due FROM (SELECT m.duty_id," \
	" substr(m.ym, 1, 7) || '-' || CASE WHEN d.day < 10 THEN '0' ELSE '' END" \
	" || d.day AS due FROM m" \
	" JOIN decree_duty d ON d.id = m.duty_id" \
	" WHERE (d.months >> (CAST(substr(m.ym, 6, 2) AS INTEGER) - 1)) & 1 = 1) o" \
	" JOIN decree_duty d ON d.id = o.duty_id" \
	" WHERE date(o.due, '+0 days') = o.due AND o.due >= d.start), " \
	"fin(duty_id, due, done) AS (SELECT duty_id, due, done FROM decree_duty_done" \
	" WHERE done <= " ASOF "), " \
	"pend(duty_id, due) AS (SELECT o.duty_id, o.due FROM occ o" \
	" WHERE NOT EXISTS (SELECT 1 FROM fin WHERE fin.duty_id = o.duty_id" \
	" AND fin.due = o.due)), " \
	"nxt(duty_id, due) AS (SELECT duty_id, min(due) FROM pend GROUP BY duty_id) "

/* Each occurrence late as of :as_of, and each duty's next one not done. */
const char duties_deadlines_sql[] = DUTY_OCC(":as_of")
	"SELECT d.code AS code, 'decree' AS area, d.title AS title,"
	" (SELECT code FROM organisation WHERE id = d.owner_id) AS owner,"
	" p.due AS due FROM pend p JOIN decree_duty d ON d.id = p.duty_id"
	" WHERE p.due < :as_of OR p.due = (SELECT min(q.due) FROM pend q"
	" WHERE q.duty_id = p.duty_id AND q.due >= :as_of)";

const struct integra_report_query duties_queries[] = {
	{ "duty", DUTY_OCC(":as_of")
	  ", last(duty_id, due) AS (SELECT duty_id, max(due) FROM occ"
	  " WHERE due <= :as_of GROUP BY duty_id), "
	  "up(duty_id, due) AS (SELECT duty_id, min(due) FROM pend"
	  " WHERE due >= :as_of GROUP BY duty_id), "
	  "lt(duty_id, n, oldest) AS (SELECT duty_id, count(*), min(due) FROM pend"
	  " WHERE due < :as_of GROUP BY duty_id) "
	  "SELECT d.code AS duty, d.title, d.rule, d.recipient, d.basis,"
	  " (SELECT code FROM organisation WHERE id = d.owner_id) AS owner,"
	  " l.due AS last_due, f.done AS last_done,"
	  " CASE WHEN l.due IS NULL THEN NULL WHEN f.done <= l.due THEN 'done'"
	  " WHEN f.done IS NOT NULL THEN 'done late'"
	  " WHEN l.due < :as_of THEN 'late' ELSE 'due' END AS last_status,"
	  " coalesce(lt.n, 0) AS late, lt.oldest AS oldest_late,"
	  " days_between(lt.oldest, :as_of) AS days_late, u.due AS next_due,"
	  " CASE WHEN lt.n > 0 THEN 'overdue' ELSE 'due' END AS status "
	  "FROM decree_duty d LEFT JOIN last l ON l.duty_id = d.id"
	  " LEFT JOIN fin f ON f.duty_id = d.id AND f.due = l.due"
	  " LEFT JOIN lt ON lt.duty_id = d.id LEFT JOIN up u ON u.duty_id = d.id"
	  " ORDER BY coalesce(lt.oldest, u.due), d.code" },
	{ NULL, NULL }
};

const struct integra_column duties_columns[] = {
	{ .name = "duty", .type = INTEGRA_TEXT, .label = N_("Duty"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "title", .type = INTEGRA_TEXT, .label = N_("Title"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "rule", .type = INTEGRA_TEXT, .label = N_("Recurs"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "recipient", .type = INTEGRA_TEXT, .label = N_("Reported to"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "basis", .type = INTEGRA_TEXT, .label = N_("Basis"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "owner", .type = INTEGRA_TEXT, .label = N_("Responsible"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "status", .type = INTEGRA_TEXT, .label = N_("Status"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "last_due", .type = INTEGRA_DATE, .label = N_("Last due") },
	{ .name = "last_done", .type = INTEGRA_DATE, .label = N_("Done on") },
	{ .name = "last_status", .type = INTEGRA_TEXT, .label = N_("Last status") },
	{ .name = "late", .type = INTEGRA_INTEGER, .label = N_("Occurrences late"),
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "oldest_late", .type = INTEGRA_DATE, .label = N_("Oldest late") },
	{ .name = "days_late", .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_MEASURE, .label = N_("Days overdue"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "next_due", .type = INTEGRA_DATE, .label = N_("Next due") },
	{ .name = NULL }
};

/* The options a verb takes, each with a value; the rest are positional. */
struct duty_args {
	const char *const *names;	/* option names without "--", NULL-ended */
	const char *val[6];		/* parallel to names */
	const char *pos[DUTY_ARGS_MAX];
	int npos;
};

/* Keeps the host services for the duty commands. */
void
duties_init(const struct integra_api *a)
{
	api = a;
}

/* Creates the tables of schema version 1. */
int
duties_migrate(const struct integra_host *h)
{
	static const char *const sql[] = {
		"CREATE TABLE decree_duty (id INTEGER PRIMARY KEY, code TEXT NOT NULL, "
		"title TEXT NOT NULL, basis TEXT NOT NULL, recipient TEXT NOT NULL, "
		"rule TEXT NOT NULL, months INTEGER NOT NULL, day INTEGER NOT NULL, "
		"start TEXT NOT NULL, owner_id INTEGER REFERENCES organisation(id))",
		"CREATE UNIQUE INDEX decree_duty_code ON decree_duty(code)",
		"CREATE TABLE decree_duty_done (id INTEGER PRIMARY KEY, "
		"duty_id INTEGER NOT NULL REFERENCES decree_duty(id), "
		"due TEXT NOT NULL, done TEXT NOT NULL)",
		"CREATE UNIQUE INDEX decree_duty_done_due ON decree_duty_done(duty_id, due)",
	};
	size_t i;
	int rc;

	/* UNIQUE as indexes of their own: exec() refuses an inline one. */
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if ((rc = api->exec(h, sql[i], NULL, 0, NULL)) != 0)
			return rc;
	return INTEGRA_OK;
}

/* A text value; NULL gives a null value. */
static struct integra_value
tv(const char *s)
{
	struct integra_value v = { INTEGRA_TEXT, 0, 0, s, s ? strlen(s) : 0 };

	if (s == NULL)
		v.type = INTEGRA_NULL;
	return v;
}

/* An integer value. */
static struct integra_value
iv(int64_t i)
{
	struct integra_value v = { INTEGRA_INTEGER, i, 0, NULL, 0 };

	return v;
}

/* Refuses fewer than min or more than max positional arguments. */
static int
arg_count(const struct integra_host *h, int n, int min, int max,
    const char *usage)
{
	if (n < min)
		return api->error(h, INTEGRA_EUSAGE, "missing arguments (usage: "
		    "decree duty %s)", usage);
	if (n > max)
		return api->error(h, INTEGRA_EUSAGE, "too many arguments (usage: "
		    "decree duty %s)", usage);
	return INTEGRA_OK;
}

/* Splits argv from index 2 into the verb's options and positionals; the
 * usage goes into every refusal. */
static int
duty_parse(const struct integra_host *h, int argc, char **argv,
    struct duty_args *a, const char *usage)
{
	const char *arg;
	size_t len;
	int i, k;

	for (i = 2; i < argc; i++) {
		arg = argv[i];
		for (k = 0; arg[0] == '-' && arg[1] == '-' && a->names[k]; k++) {
			len = strlen(a->names[k]);
			if (strncmp(arg + 2, a->names[k], len) != 0)
				continue;
			if (arg[2 + len] == '=')
				a->val[k] = arg + 3 + len;
			else if (arg[2 + len] == '\0' && i + 1 < argc)
				a->val[k] = argv[++i];
			else
				continue;
			break;
		}
		if (arg[0] == '-' && arg[1] != '\0' && (arg[1] != '-' || !a->names[k]))
			return api->error(h, INTEGRA_EUSAGE, "unknown option or missing "
			    "value '%s' (usage: decree duty %s)", arg, usage);
		if (arg[0] == '-' && arg[1] != '\0')
			continue;
		if (a->npos == DUTY_ARGS_MAX)
			return arg_count(h, a->npos + 1, 0, DUTY_ARGS_MAX, usage);
		a->pos[a->npos++] = arg;
	}
	return INTEGRA_OK;
}

/* Refuses an empty or too long text given for what. */
static int
check_text(const struct integra_host *h, const char *what, const char *s)
{
	if (s == NULL || s[strspn(s, " \t\n")] == '\0')
		return api->error(h, INTEGRA_EINVALID, "the duty's %s must not be "
		    "empty", what);
	if (strlen(s) > TEXT_MAX)
		return api->error(h, INTEGRA_EINVALID, "the duty's %s is too long: "
		    "%zu bytes (at most %d)", what, strlen(s), TEXT_MAX);
	return INTEGRA_OK;
}

/* Row callback: the first column as an integer (0 when NULL). */
static int
first_id(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *out = ud;

	if (ncols > 0 && cols[0].type == INTEGRA_INTEGER)
		*out = cols[0].i;
	return 1;
}

/* The id of organisation code into *id; an error when there is none. */
static int
owner_id(const struct integra_host *h, const char *code, int64_t *id)
{
	struct integra_value p = tv(code);
	int rc;

	*id = 0;
	if (code == NULL)
		return INTEGRA_OK;
	if ((rc = api->query(h, "SELECT id FROM organisation WHERE code = ?1", &p, 1,
	    first_id, id)) != 0)
		return rc;
	if (*id == 0)
		return api->error(h, INTEGRA_ENOTFOUND, "no organisation '%s' (the "
		    "duty's --owner)", code);
	return INTEGRA_OK;
}

static const char *const add_opts[] = {
	"rule", "basis", "recipient", "owner", "from", NULL
};
#define ADD_USAGE "add CODE TITLE --rule RULE --basis TEXT --recipient TEXT " \
	"[--owner ORG] [--from DATE]"

/* Checks the code, the texts and the rule of `duty add`. */
static int
add_check(const struct integra_host *h, const struct duty_args *a,
    struct decree_recur *r)
{
	char err[256];
	int rc;

	if ((rc = arg_count(h, a->npos, 2, 2, ADD_USAGE)) != 0)
		return rc;
	if (!*a->pos[0] || strlen(a->pos[0]) > 64 || a->pos[0][strcspn(a->pos[0],
	    " \t\n")] != '\0')
		return api->error(h, INTEGRA_EINVALID, "invalid duty code '%s' (1 to 64 "
		    "bytes, no spaces)", a->pos[0]);
	if ((rc = check_text(h, "TITLE", a->pos[1])) != 0 ||
	    (rc = check_text(h, "--basis", a->val[1])) != 0 ||
	    (rc = check_text(h, "--recipient", a->val[2])) != 0)
		return rc;
	if (a->val[0] == NULL)
		return api->error(h, INTEGRA_EUSAGE, "a duty needs --rule (e.g. "
		    "'quarterly 25', 'yearly 15.09')");
	if (decree_recur_parse(a->val[0], r, err, sizeof(err)) != 0)
		return api->error(h, INTEGRA_EINVALID, "--rule: %s", err);
	return INTEGRA_OK;
}

/* decree duty add: checks everything, then one INSERT. */
static int
duty_add(const struct integra_host *h, int argc, char **argv)
{
	struct duty_args a = { .names = add_opts };
	struct integra_value p[9];
	struct decree_recur r;
	char start[11];
	int64_t owner, n = 0;
	int rc;

	if ((rc = duty_parse(h, argc, argv, &a, ADD_USAGE)) != 0 ||
	    (rc = add_check(h, &a, &r)) != 0 ||
	    (rc = owner_id(h, a.val[3], &owner)) != 0)
		return rc;
	if (a.val[4] == NULL)
		api->today(h, start);
	else if (api->parse_date(h, a.val[4], start) != 0)
		return INTEGRA_EINVALID;
	p[0] = tv(a.pos[0]);
	if ((rc = api->query(h, "SELECT id FROM decree_duty WHERE code = ?1", p, 1,
	    first_id, &n)) != 0)
		return rc;
	if (n != 0)
		return api->error(h, INTEGRA_EEXISTS, "duty '%s' already exists",
		    a.pos[0]);
	p[1] = tv(a.pos[1]); p[2] = tv(a.val[1]); p[3] = tv(a.val[2]);
	p[4] = tv(a.val[0]); p[5] = iv(r.months); p[6] = iv(r.day);
	p[7] = tv(start); p[8] = owner ? iv(owner) : tv(NULL);
	return api->exec(h, "INSERT INTO decree_duty (code, title, basis, recipient, "
	    "rule, months, day, start, owner_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9)", p, 9, NULL);
}

/* The duty being marked done. */
struct duty {
	int64_t id;
	struct decree_recur r;
	char start[11];
	char next[11];
};

/* Row callback: a duty's id, months, day and start. */
static int
duty_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct duty *d = ud;

	if (ncols >= 4) {
		d->id = cols[0].i;
		d->r.months = (unsigned)cols[1].i;
		d->r.day = (int)cols[2].i;
		snprintf(d->start, sizeof(d->start), "%s", cols[3].s ? cols[3].s : "");
	}
	return 1;
}

/* Row callback: the first column as a date into char[11]. */
static int
next_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	char *out = ud;

	if (ncols > 0 && cols[0].s)
		snprintf(out, 11, "%s", cols[0].s);
	return 1;
}

/* Finds the duty `code` and its earliest occurrence not done by `on`. */
static int
duty_find(const struct integra_host *h, const char *code, const char *on,
    struct duty *d)
{
	struct integra_value p[2] = { tv(code), tv(on) };
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = api->query(h, "SELECT id, months, day, start FROM decree_duty "
	    "WHERE code = ?1", p, 1, duty_row, d)) != 0)
		return rc;
	if (d->id == 0)
		return api->error(h, INTEGRA_ENOTFOUND, "no duty '%s'", code);
	return api->query(h, DUTY_OCC("?2") "SELECT n.due FROM nxt n JOIN decree_duty "
	    "d ON d.id = n.duty_id WHERE d.code = ?1", p, 2, next_row, d->next);
}

static const char *const done_opts[] = { "on", NULL };
#define DONE_USAGE "done CODE [DUE] [--on DATE]"

/* decree duty done: marks one occurrence (DUE, else the earliest one
 * outstanding) done on --on, else today. */
static int
duty_done(const struct integra_host *h, int argc, char **argv)
{
	struct duty_args a = { .names = done_opts };
	struct integra_value p[3];
	char on[11], due[11];
	struct duty d;
	int64_t n = 0;
	int rc;

	if ((rc = duty_parse(h, argc, argv, &a, DONE_USAGE)) != 0)
		return rc;
	if ((rc = arg_count(h, a.npos, 1, 2, DONE_USAGE)) != 0)
		return rc;
	if (a.val[0] == NULL)
		api->today(h, on);
	else if (api->parse_date(h, a.val[0], on) != 0)
		return INTEGRA_EINVALID;
	if ((rc = duty_find(h, a.pos[0], on, &d)) != 0)
		return rc;
	if (a.npos == 1)
		snprintf(due, sizeof(due), "%s", d.next);
	else if (api->parse_date(h, a.pos[1], due) != 0)
		return INTEGRA_EINVALID;
	if (!decree_recur_is_due(&d.r, due) || strcmp(due, d.start) < 0)
		return api->error(h, INTEGRA_EINVALID, "duty '%s' does not fall due on "
		    "%s (its next outstanding occurrence: %s)", a.pos[0], due,
		    d.next[0] ? d.next : "none");
	p[0] = iv(d.id); p[1] = tv(due); p[2] = tv(on);
	if ((rc = api->query(h, "SELECT count(*) FROM decree_duty_done WHERE "
	    "duty_id = ?1 AND due = ?2", p, 2, first_id, &n)) != 0)
		return rc;
	if (n != 0)
		return api->error(h, INTEGRA_EEXISTS, "duty '%s' due %s is already "
		    "done", a.pos[0], due);
	return api->exec(h, "INSERT INTO decree_duty_done (duty_id, due, done) "
	    "VALUES (?1, ?2, ?3)", p, 3, NULL);
}

static const char *const list_opts[] = { "as-of", NULL };
#define LIST_USAGE "list [--as-of DATE]"

/* decree duty list: the report dc_duties, as of --as-of or today. */
static int
duty_list(const struct integra_host *h, int argc, char **argv)
{
	struct duty_args a = { .names = list_opts };
	const char *run[] = { "report", "dc_duties", "--as-of", NULL };
	int rc;

	if ((rc = duty_parse(h, argc, argv, &a, LIST_USAGE)) != 0)
		return rc;
	if ((rc = arg_count(h, a.npos, 0, 0, LIST_USAGE)) != 0)
		return rc;
	run[3] = a.val[0];
	return api->run(h, a.val[0] ? 4 : 2, run, 1);
}

/* Runs the verb of `decree duty`. */
int
duties_cmd(const struct integra_host *h, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return duty_add(h, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "done") == 0)
		return duty_done(h, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return duty_list(h, argc, argv);
	if (argc < 2)
		return api->error(h, INTEGRA_EUSAGE, "missing verb for 'decree duty' "
		    "(verbs: add, done, list)");
	return api->error(h, INTEGRA_EUSAGE, "unknown verb '%s' for 'decree duty' "
	    "(verbs: add, done, list)", argv[1]);
}
