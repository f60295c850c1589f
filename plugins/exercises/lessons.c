/*
 * The lessons-learned workflow after NATO's Lessons Learned process, in
 * the table exercises_lesson: an observation is submitted; it is
 * validated, or rejected with a reason; a validated one becomes a lesson
 * identified, with a remedial action, an action body (an organisation)
 * and a due date; once the action is validated as done it is a lesson
 * learned.  Each step is one command and records its date.  Remedial
 * actions outstanding show in `integra deadlines` (ex_deadlines_sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex.h"

/* The lesson a step works on. */
struct lesson {
	int64_t id;
	char status[64];
	char since[64];		/* the date of its last step */
};

/* Version 2: the workflow's columns on the lessons of version 1, which
 * become submitted observations. */
int
ex_lessons_migrate(const struct integra_host *h)
{
	static const char *const cols[] = {
		"status TEXT NOT NULL DEFAULT 'submitted'", "decided TEXT",
		"reason TEXT", "action TEXT",
		"body_id INTEGER REFERENCES organisation(id)", "due TEXT",
		"identified TEXT", "learned TEXT",
	};
	char sql[128];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		snprintf(sql, sizeof(sql), "ALTER TABLE exercises_lesson ADD COLUMN %s",
		    cols[i]);
		if ((rc = ex_api->exec(h, sql, NULL, 0, NULL)) != 0)
			return rc;
	}
	return INTEGRA_OK;
}

/* Remedial actions identified and not yet learned as of :as_of. */
const char ex_deadlines_sql[] =
	"SELECT p.code || '/L' || l.id AS code, '" AREA "' AS area,"
	" l.action AS title, o.code AS owner, l.due AS due"
	" FROM exercises_lesson l JOIN programme p ON p.id = l.programme_id"
	" LEFT JOIN organisation o ON o.id = l.body_id"
	" WHERE l.identified <= :as_of AND (l.learned IS NULL OR l.learned > :as_of)";

/* Row callback: a lesson's id, status and last step's date. */
static int
lesson_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct lesson *l = ud;

	if (ncols >= 3) {
		l->id = cols[0].i;
		snprintf(l->status, sizeof(l->status), "%s", cols[1].s ? cols[1].s : "");
		snprintf(l->since, sizeof(l->since), "%s", cols[2].s ? cols[2].s : "");
	}
	return 1;
}

/* The lesson numbered text, which must be in status `want`, and the date
 * of the step (--on text or today), not before its last step. */
static int
lesson_step(const struct integra_host *h, const char *text, const char *want,
    const char *on_text, struct lesson *l, char on[11])
{
	struct integra_value p;
	char *end;
	long long n;
	int rc;

	memset(l, 0, sizeof(*l));
	n = strtoll(text, &end, 10);
	if (*text < '1' || *text > '9' || *end != '\0' || n <= 0)
		return ex_api->error(h, INTEGRA_EUSAGE, "invalid lesson number '%s' "
		    "(see 'exercises lesson list')", text);
	p = ex_int(n);
	if ((rc = ex_api->query(h, "SELECT id, status, coalesce(learned, identified, "
	    "decided, recorded) FROM exercises_lesson WHERE id = ?1", &p, 1,
	    lesson_row, l)) != 0)
		return rc;
	if (l->id == 0)
		return ex_api->error(h, INTEGRA_ENOTFOUND, "no lesson %lld", n);
	if (strcmp(l->status, want) != 0)
		return ex_api->error(h, INTEGRA_EINVALID, "lesson %lld is %s, not %s",
		    n, l->status, want);
	if ((rc = ex_date(h, on_text, on)) != 0)
		return rc;
	if (strcmp(on, l->since) < 0)
		return ex_api->error(h, INTEGRA_EINVALID, "--on %s is before lesson "
		    "%lld's last step (%s)", on, n, l->since);
	return INTEGRA_OK;
}

static const char *const on_opt[] = { "on", NULL };
static const struct integra_column submitted_cols[] = {
	{ .name = "lesson", .type = INTEGRA_INTEGER, .label = N_("Lesson") },
	{ .name = "exercise", .type = INTEGRA_TEXT, .label = N_("Exercise") },
	{ .name = "status", .type = INTEGRA_TEXT, .label = N_("Lesson status") },
};

/* lesson submit EXERCISE TEXT: a new observation; prints its number. */
static int
lesson_submit(const struct integra_host *h, int argc, char **argv)
{
	struct ex_args a = { .names = on_opt };
	struct integra_value p[3];
	char on[11];
	int64_t id;
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 2, 2, "exercises lesson submit "
	    "EXERCISE TEXT [--on DATE]")) != 0)
		return rc;
	if (ex_blank(a.pos[1]))
		return ex_api->error(h, INTEGRA_EINVALID, "the observation must not "
		    "be empty");
	if ((rc = ex_too_long(h, a.pos[1])) != 0 ||
	    (rc = ex_find(h, a.pos[0], &id)) != 0 ||
	    (rc = ex_date(h, a.val[0], on)) != 0)
		return rc;
	p[0] = ex_int(id); p[1] = ex_text(on); p[2] = ex_text(a.pos[1]);
	if ((rc = ex_api->exec(h, "INSERT INTO exercises_lesson (programme_id, "
	    "recorded, text) VALUES (?1, ?2, ?3)", p, 3, NULL)) != 0)
		return rc;
	return ex_list(h, N_("Observation submitted"), submitted_cols, 3,
	    "SELECT l.id, p.code, l.status FROM exercises_lesson l "
	    "JOIN programme p ON p.id = l.programme_id "
	    "WHERE l.id = (SELECT max(id) FROM exercises_lesson)", NULL, 0);
}

/* lesson validate N / lesson learn N: a step with only a date. */
static int
lesson_simple(const struct integra_host *h, int argc, char **argv,
    const char *want, const char *sql)
{
	struct ex_args a = { .names = on_opt };
	struct integra_value p[2];
	struct lesson l;
	char usage[64], on[11];
	int rc;

	snprintf(usage, sizeof(usage), "exercises lesson %s N [--on DATE]", argv[1]);
	if ((rc = ex_parse(h, argc, argv, &a, 1, 1, usage)) != 0 ||
	    (rc = lesson_step(h, a.pos[0], want, a.val[0], &l, on)) != 0)
		return rc;
	p[0] = ex_int(l.id); p[1] = ex_text(on);
	return ex_api->exec(h, sql, p, 2, NULL);
}

/* lesson validate N: a submitted observation confirmed. */
static int
lesson_validate(const struct integra_host *h, int argc, char **argv)
{
	return lesson_simple(h, argc, argv, "submitted", "UPDATE exercises_lesson "
	    "SET status = 'validated', decided = ?2 WHERE id = ?1");
}

/* lesson learn N: the remedial action validated as done. */
static int
lesson_learn(const struct integra_host *h, int argc, char **argv)
{
	return lesson_simple(h, argc, argv, "identified", "UPDATE exercises_lesson "
	    "SET status = 'learned', learned = ?2 WHERE id = ?1");
}

/* lesson reject N REASON */
static int
lesson_reject(const struct integra_host *h, int argc, char **argv)
{
	struct ex_args a = { .names = on_opt };
	struct integra_value p[3];
	struct lesson l;
	char on[11];
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 2, 2, "exercises lesson reject N "
	    "REASON [--on DATE]")) != 0)
		return rc;
	if (ex_blank(a.pos[1]))
		return ex_api->error(h, INTEGRA_EINVALID, "a rejection needs its "
		    "reason");
	if ((rc = ex_too_long(h, a.pos[1])) != 0 ||
	    (rc = lesson_step(h, a.pos[0], "submitted", a.val[0], &l, on)) != 0)
		return rc;
	p[0] = ex_int(l.id); p[1] = ex_text(on); p[2] = ex_text(a.pos[1]);
	return ex_api->exec(h, "UPDATE exercises_lesson SET status = 'rejected', "
	    "decided = ?2, reason = ?3 WHERE id = ?1", p, 3, NULL);
}

static const char *const identify_opts[] = { "action", "body", "due", "on", NULL };
#define IDENTIFY_USAGE "exercises lesson identify N --action TEXT --body ORG " \
	"--due DATE [--on DATE]"

/* lesson identify N --action TEXT --body ORG --due DATE */
static int
lesson_identify(const struct integra_host *h, int argc, char **argv)
{
	struct ex_args a = { .names = identify_opts };
	struct integra_value p[5];
	struct lesson l;
	char on[11], due[11];
	int64_t body;
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 1, 1, IDENTIFY_USAGE)) != 0)
		return rc;
	if (a.val[1] == NULL)
		return ex_api->error(h, INTEGRA_EINVALID, "lesson %s: a lesson identified "
		    "needs an action body (--body ORG, the organisation that carries "
		    "out the remedial action)", a.pos[0]);
	if (ex_blank(a.val[0]))
		return ex_api->error(h, INTEGRA_EINVALID, "lesson %s: a lesson identified "
		    "needs its remedial action (--action TEXT)", a.pos[0]);
	if ((rc = ex_too_long(h, a.val[0])) != 0)
		return rc;
	if (a.val[2] == NULL)
		return ex_api->error(h, INTEGRA_EINVALID, "lesson %s: a lesson identified "
		    "needs a due date for its remedial action (--due DATE)", a.pos[0]);
	if ((rc = lesson_step(h, a.pos[0], "validated", a.val[3], &l, on)) != 0 ||
	    (rc = ex_body(h, a.val[1], &body)) != 0 ||
	    (rc = ex_date(h, a.val[2], due)) != 0)
		return rc;
	if (strcmp(due, on) < 0)
		return ex_api->error(h, INTEGRA_EINVALID, "--due %s is before the lesson "
		    "is identified (%s)", due, on);
	p[0] = ex_int(l.id); p[1] = ex_text(on); p[2] = ex_text(a.val[0]);
	p[3] = ex_int(body); p[4] = ex_text(due);
	return ex_api->exec(h, "UPDATE exercises_lesson SET status = 'identified', "
	    "identified = ?2, action = ?3, body_id = ?4, due = ?5 WHERE id = ?1",
	    p, 5, NULL);
}

static const char *const list_opts[] = { "status", NULL };
static const struct integra_column lesson_cols[] = {
	{ .name = "exercise", .type = INTEGRA_TEXT, .label = N_("Exercise") },
	{ .name = "lesson", .type = INTEGRA_INTEGER, .label = N_("Lesson") },
	{ .name = "recorded", .type = INTEGRA_DATE, .label = N_("Submitted") },
	{ .name = "observation", .type = INTEGRA_TEXT, .label = N_("Observation") },
	{ .name = "status", .type = INTEGRA_TEXT, .label = N_("Lesson status") },
	{ .name = "decided", .type = INTEGRA_DATE, .label = N_("Decided") },
	{ .name = "reason", .type = INTEGRA_TEXT, .label = N_("Rejection reason") },
	{ .name = "action", .type = INTEGRA_TEXT, .label = N_("Remedial action") },
	{ .name = "body", .type = INTEGRA_TEXT, .label = N_("Action body") },
	{ .name = "due", .type = INTEGRA_DATE, .label = N_("Action due") },
	{ .name = "learned", .type = INTEGRA_DATE, .label = N_("Learned") },
};

/* lesson list [EXERCISE] [--status STATUS] */
static int
lesson_list(const struct integra_host *h, int argc, char **argv)
{
	static const char *const statuses[] = { "submitted", "validated",
	    "rejected", "identified", "learned", NULL };
	struct ex_args a = { .names = list_opts };
	struct integra_value p[2];
	const char *const *s;
	int64_t id;
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 0, 1, "exercises lesson list "
	    "[EXERCISE] [--status STATUS]")) != 0)
		return rc;
	for (s = statuses; a.val[0] && *s && strcmp(*s, a.val[0]) != 0; s++)
		;
	if (a.val[0] && *s == NULL)
		return ex_api->error(h, INTEGRA_EINVALID, "unknown lesson status '%s' "
		    "(allowed: submitted, validated, rejected, identified, learned)",
		    a.val[0]);
	if (a.npos == 1 && (rc = ex_find(h, a.pos[0], &id)) != 0)
		return rc;
	p[0] = ex_text(a.npos ? a.pos[0] : NULL); p[1] = ex_text(a.val[0]);
	return ex_list(h, N_("Lessons learned"), lesson_cols, 11,
	    "SELECT p.code, l.id, l.recorded, l.text, l.status, l.decided, l.reason, "
	    "l.action, o.code, l.due, l.learned FROM exercises_lesson l "
	    "JOIN programme p ON p.id = l.programme_id "
	    "LEFT JOIN organisation o ON o.id = l.body_id "
	    "WHERE (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR l.status = ?2) "
	    "ORDER BY p.code, l.id", p, 2);
}

/* Runs the verb of `exercises lesson`. */
int
ex_cmd_lesson(const struct integra_host *h, int argc, char **argv)
{
	static const struct ex_verb verbs[] = {
		{ "submit", lesson_submit }, { "validate", lesson_validate },
		{ "reject", lesson_reject }, { "identify", lesson_identify },
		{ "learn", lesson_learn }, { "list", lesson_list }, { NULL, NULL }
	};

	return ex_dispatch(h, argc, argv, "lesson", verbs);
}
