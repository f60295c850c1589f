/*
 * Exercise planning after NATO's exercise process: the stages
 * (initiation, specification, planning, conduct, after-action), each
 * move of an exercise recorded with its date in exercises_stage; and the
 * training objectives of each exercise in exercises_objective, each
 * assessed as achieved, partly achieved or not achieved once the exercise
 * has been conducted.
 */
#include <stdio.h>
#include <string.h>

#include "ex.h"

#define CODE_MAX	32	/* bytes of an objective's code */

static const char *const stages[] = {
	"initiation", "specification", "planning", "conduct", "after-action", NULL
};
static const char *const results[] = {
	"achieved", "partly", "not-achieved", NULL
};

/* Creates the tables of stages and objectives (schema 2). */
int
ex_plan_migrate(const struct integra_host *h)
{
	static const char *const sql[] = {
		"CREATE TABLE exercises_stage (id INTEGER PRIMARY KEY, "
		"programme_id INTEGER NOT NULL REFERENCES programme(id), "
		"stage TEXT NOT NULL, since TEXT NOT NULL)",
		"CREATE INDEX exercises_stage_programme ON exercises_stage(programme_id)",
		"CREATE TABLE exercises_objective (id INTEGER PRIMARY KEY, "
		"programme_id INTEGER NOT NULL REFERENCES programme(id), "
		"code TEXT NOT NULL, text TEXT NOT NULL, result TEXT, assessed TEXT)",
		"CREATE UNIQUE INDEX exercises_objective_code "
		"ON exercises_objective(programme_id, code)",
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if ((rc = ex_api->exec(h, sql[i], NULL, 0, NULL)) != 0)
			return rc;
	return INTEGRA_OK;
}

/* The position of word in list, or -1. */
static int
index_of(const char *const *list, const char *word)
{
	int i;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return -1;
}

/* The exercise's current stage and since when ("" when none). */
struct current {
	char stage[64];
	char since[64];
};

/* Row callback: a stage and its date. */
static int
current_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct current *c = ud;

	if (ncols >= 2 && cols[0].s && cols[1].s) {
		snprintf(c->stage, sizeof(c->stage), "%s", cols[0].s);
		snprintf(c->since, sizeof(c->since), "%s", cols[1].s);
	}
	return 1;
}

/* The exercise's last move, empty when it has none. */
static int
current_stage(const struct integra_host *h, int64_t id, struct current *c)
{
	struct integra_value p = ex_int(id);

	memset(c, 0, sizeof(*c));
	return ex_api->query(h, "SELECT stage, since FROM exercises_stage "
	    "WHERE programme_id = ?1 ORDER BY id DESC LIMIT 1", &p, 1, current_row, c);
}

static const char *const on_opt[] = { "on", NULL };
static const char *const no_opts[] = { NULL };
#define STAGE_SET_USAGE "exercises stage set EXERCISE STAGE [--on DATE]"

/* stage set: a move forward, on or after the last move's date. */
static int
stage_set(const struct integra_host *h, int argc, char **argv)
{
	struct ex_args a = { .names = on_opt };
	struct integra_value p[3];
	struct current c;
	char on[11];
	int64_t id;
	int rc, to;

	if ((rc = ex_parse(h, argc, argv, &a, 2, 2, STAGE_SET_USAGE)) != 0 ||
	    (rc = ex_find(h, a.pos[0], &id)) != 0)
		return rc;
	if ((to = index_of(stages, a.pos[1])) < 0)
		return ex_api->error(h, INTEGRA_EINVALID, "unknown stage '%s' (allowed: "
		    "initiation, specification, planning, conduct, after-action)",
		    a.pos[1]);
	if ((rc = ex_date(h, a.val[0], on)) != 0 ||
	    (rc = current_stage(h, id, &c)) != 0)
		return rc;
	if (c.stage[0] && index_of(stages, c.stage) >= to)
		return ex_api->error(h, INTEGRA_EINVALID, "exercise '%s' is already in "
		    "stage '%s' (since %s): stages only move forward (initiation, "
		    "specification, planning, conduct, after-action)", a.pos[0],
		    c.stage, c.since);
	if (c.stage[0] && strcmp(on, c.since) < 0)
		return ex_api->error(h, INTEGRA_EINVALID, "--on %s is before exercise "
		    "'%s' entered stage '%s' (%s)", on, a.pos[0], c.stage, c.since);
	p[0] = ex_int(id); p[1] = ex_text(a.pos[1]); p[2] = ex_text(on);
	return ex_api->exec(h, "INSERT INTO exercises_stage (programme_id, stage, "
	    "since) VALUES (?1, ?2, ?3)", p, 3, NULL);
}

static const struct integra_column stage_cols[] = {
	{ .name = "exercise", .type = INTEGRA_TEXT, .label = N_("Exercise") },
	{ .name = "stage", .type = INTEGRA_TEXT, .label = N_("Stage") },
	{ .name = "since", .type = INTEGRA_DATE, .label = N_("Stage since") },
	{ .name = "until", .type = INTEGRA_DATE, .label = N_("Stage until") },
};

/* stage list [EXERCISE]: each move of one exercise, or where each is. */
static int
stage_list(const struct integra_host *h, int argc, char **argv)
{
	return ex_list_of(h, argc, argv, "exercises stage list [EXERCISE]",
	    N_("Exercise stages"), stage_cols, 4,
	    "SELECT p.code, s.stage, s.since, (SELECT min(n.since) FROM exercises_stage n "
	    "  WHERE n.programme_id = s.programme_id AND n.id > s.id) AS until "
	    "FROM exercises_stage s JOIN programme p ON p.id = s.programme_id "
	    "WHERE (?1 IS NULL AND s.id = (SELECT max(id) FROM exercises_stage l "
	    "  WHERE l.programme_id = s.programme_id)) OR p.code = ?1 "
	    "ORDER BY p.code, s.id");
}

/* Runs the verb of `exercises stage`. */
int
ex_cmd_stage(const struct integra_host *h, int argc, char **argv)
{
	static const struct ex_verb verbs[] = {
		{ "set", stage_set }, { "list", stage_list }, { NULL, NULL }
	};

	return ex_dispatch(h, argc, argv, "stage", verbs);
}

#define OBJ_ADD_USAGE "exercises objective add EXERCISE CODE TEXT"

/* objective add: a new objective, not yet assessed. */
static int
objective_add(const struct integra_host *h, int argc, char **argv)
{
	struct ex_args a = { .names = no_opts };
	struct integra_value p[3];
	int64_t id, n = 0;
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 3, 3, OBJ_ADD_USAGE)) != 0 ||
	    (rc = ex_find(h, a.pos[0], &id)) != 0)
		return rc;
	if (strlen(a.pos[1]) == 0 || strlen(a.pos[1]) > CODE_MAX ||
	    a.pos[1][strcspn(a.pos[1], " \t\n")] != '\0')
		return ex_api->error(h, INTEGRA_EINVALID, "invalid objective code '%s' "
		    "(1 to %d bytes, no spaces, e.g. TO-1)", a.pos[1], CODE_MAX);
	if (ex_blank(a.pos[2]))
		return ex_api->error(h, INTEGRA_EINVALID, "the objective's text must "
		    "not be empty");
	if ((rc = ex_too_long(h, a.pos[2])) != 0)
		return rc;
	p[0] = ex_int(id); p[1] = ex_text(a.pos[1]); p[2] = ex_text(a.pos[2]);
	if ((rc = ex_api->query(h, "SELECT count(*) FROM exercises_objective WHERE "
	    "programme_id = ?1 AND code = ?2", p, 2, ex_first_int, &n)) != 0)
		return rc;
	if (n != 0)
		return ex_api->error(h, INTEGRA_EEXISTS, "exercise '%s' already has "
		    "objective '%s'", a.pos[0], a.pos[1]);
	return ex_api->exec(h, "INSERT INTO exercises_objective (programme_id, code, "
	    "text) VALUES (?1, ?2, ?3)", p, 3, NULL);
}

/* Objectives are assessed once the exercise is conducted (when its stage
 * is recorded at all). */
static int
check_assessable(const struct integra_host *h, const char *code, int64_t id)
{
	struct current c;
	int rc;

	if ((rc = current_stage(h, id, &c)) != 0)
		return rc;
	if (c.stage[0] && index_of(stages, c.stage) < index_of(stages, "conduct"))
		return ex_api->error(h, INTEGRA_EINVALID, "exercise '%s' is in stage "
		    "'%s': objectives are assessed from stage 'conduct' on", code,
		    c.stage);
	return INTEGRA_OK;
}

#define OBJ_SET_USAGE "exercises objective set EXERCISE CODE RESULT [--on DATE]"

/* objective set: its result (achieved, partly, not-achieved) and date. */
static int
objective_set(const struct integra_host *h, int argc, char **argv)
{
	struct ex_args a = { .names = on_opt };
	struct integra_value p[4];
	int64_t id, changes = 0;
	char on[11];
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 3, 3, OBJ_SET_USAGE)) != 0 ||
	    (rc = ex_find(h, a.pos[0], &id)) != 0)
		return rc;
	if (index_of(results, a.pos[2]) < 0)
		return ex_api->error(h, INTEGRA_EINVALID, "unknown result '%s' "
		    "(allowed: achieved, partly, not-achieved)", a.pos[2]);
	if ((rc = ex_date(h, a.val[0], on)) != 0 ||
	    (rc = check_assessable(h, a.pos[0], id)) != 0)
		return rc;
	p[0] = ex_int(id); p[1] = ex_text(a.pos[1]); p[2] = ex_text(a.pos[2]);
	p[3] = ex_text(on);
	if ((rc = ex_api->exec(h, "UPDATE exercises_objective SET result = ?3, "
	    "assessed = ?4 WHERE programme_id = ?1 AND code = ?2", p, 4,
	    &changes)) != 0)
		return rc;
	if (changes == 0)
		return ex_api->error(h, INTEGRA_ENOTFOUND, "exercise '%s' has no "
		    "objective '%s'", a.pos[0], a.pos[1]);
	return INTEGRA_OK;
}

static const struct integra_column objective_cols[] = {
	{ .name = "exercise", .type = INTEGRA_TEXT, .label = N_("Exercise") },
	{ .name = "objective", .type = INTEGRA_TEXT, .label = N_("Objective") },
	{ .name = "text", .type = INTEGRA_TEXT, .label = N_("Training objective") },
	{ .name = "result", .type = INTEGRA_TEXT, .label = N_("Objective result") },
	{ .name = "assessed", .type = INTEGRA_DATE, .label = N_("Assessed") },
};

/* objective list [EXERCISE] */
static int
objective_list(const struct integra_host *h, int argc, char **argv)
{
	return ex_list_of(h, argc, argv, "exercises objective list [EXERCISE]",
	    N_("Training objectives"), objective_cols, 5,
	    "SELECT p.code, o.code, o.text, o.result, o.assessed "
	    "FROM exercises_objective o JOIN programme p ON p.id = o.programme_id "
	    "WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.code, o.id");
}

/* Runs the verb of `exercises objective`. */
int
ex_cmd_objective(const struct integra_host *h, int argc, char **argv)
{
	static const struct ex_verb verbs[] = {
		{ "add", objective_add }, { "set", objective_set },
		{ "list", objective_list }, { NULL, NULL }
	};

	return ex_dispatch(h, argc, argv, "objective", verbs);
}
