/*
 * integra activity: the sessions, cohorts, exercise phases or stages inside
 * a programme, each under a code unique within its programme, with dates,
 * a location and an optional capacity that enrolment respects.  One static
 * function per verb and the verb table at the end.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"

/* The core values of an activity, in the order record_fields() names them. */
enum { A_PROGRAMME, A_CODE, A_TITLE, A_START, A_END, A_LOCATION, A_CAPACITY, A_N };
static const char *const core_names[A_N] = {
	"programme", "code", "title", "start", "end", "location", "capacity"
};

/* A stored activity with the area of its programme. */
struct act {
	int64_t id;
	int64_t programme_id;
	char *area;
	char *v[A_N];
	char *fields;
};

static const struct optdef add_opts[] = {
	{ "start", 0, OPT_ARG, "DATE", "first day" },
	{ "end", 0, OPT_ARG, "DATE", "last day" },
	{ "location", 0, OPT_ARG, "TEXT", "where it takes place" },
	{ "capacity", 0, OPT_ARG, "N", "most participants it takes" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "a field the area declares" },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ "title", 0, OPT_ARG, "TITLE", "new title" },
	{ "start", 0, OPT_ARG, "DATE", "new first day ('' to clear)" },
	{ "end", 0, OPT_ARG, "DATE", "new last day ('' to clear)" },
	{ "location", 0, OPT_ARG, "TEXT", "new location ('' to clear)" },
	{ "capacity", 0, OPT_ARG, "N", "new capacity ('' for no limit)" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "set a field the area declares" },
	{ 0 }
};

static const struct optdef no_opts[] = { { 0 } };

static void
act_free(struct act *p)
{
	int i;

	for (i = 0; i < A_N; i++)
		free(p->v[i]);
	free(p->area);
	free(p->fields);
	memset(p, 0, sizeof(*p));
}

/* Finds a programme's id and area; the caller frees *area. */
static int
find_programme(struct ctx *ctx, const char *code, int64_t *id, char **area)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(ctx, &st, "SELECT id, area FROM programme WHERE code = ?")) != 0)
		return rc;
	db_bind(st, "t", code);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*area = xstrdup((const char *)sqlite3_column_text(st, 1));
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? error_set(ctx, ERR_NOTFOUND, "no programme '%s'",
		    code) : db_error(ctx, "cannot read programme");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Loads an activity by programme and code. */
static int
act_load(struct ctx *ctx, const char *prog, const char *code, struct act *p)
{
	sqlite3_stmt *st;
	const char *s;
	int i, rc;

	memset(p, 0, sizeof(*p));
	if ((rc = find_programme(ctx, prog, &p->programme_id, &p->area)) != 0)
		return rc;
	if ((rc = db_prepare(ctx, &st, "SELECT a.id, ?1, a.code, a.title, a.start, "
	    "a.end, a.location, a.capacity, a.fields FROM activity a "
	    "WHERE a.programme_id = ?2 AND a.code = ?3")) != 0)
		return rc;
	db_bind(st, "tit", prog, p->programme_id, code);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? error_set(ctx, ERR_NOTFOUND,
		    "no activity '%s' in programme '%s'", code, prog) :
		    db_error(ctx, "cannot read activity");
		sqlite3_finalize(st);
		return rc;
	}
	p->id = sqlite3_column_int64(st, 0);
	for (i = 0; i < A_N; i++)
		if ((s = (const char *)sqlite3_column_text(st, i + 1)) != NULL)
			p->v[i] = xstrdup(s);
	p->fields = xstrdup((const char *)sqlite3_column_text(st, A_N + 1));
	sqlite3_finalize(st);
	return 0;
}

/* A capacity: a whole number >= 0, or '' for none (*out = -1). */
static int
check_capacity(struct ctx *ctx, const char *s, int64_t *out)
{
	char *end;
	long long v;

	*out = -1;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0 || v > 1000000000)
		return error_set(ctx, ERR_INVALID,
		    "invalid capacity '%s' (a whole number, 0 or more)", s);
	*out = v;
	return 0;
}

/* Checks the dates, location and capacity options into the values v. */
static int
apply_opts(struct ctx *ctx, const struct args *a, char **v, int64_t *cap)
{
	static const char *const dates[] = { "start", "end" };
	const char *loc = args_get(a, "location");
	char d[11];
	int i, rc;

	for (i = 0; i < 2; i++) {
		const char *s = args_get(a, dates[i]);

		if (s == NULL)
			continue;
		d[0] = '\0';
		if (*s && (rc = date_normalise(ctx, dates[i], s, d)) != 0)
			return rc;
		xstrset(&v[A_START + i], d);
	}
	if (v[A_START] && v[A_END] && strcmp(v[A_START], v[A_END]) > 0)
		return error_set(ctx, ERR_INVALID, "activity '%s' would end (%s) before it "
		    "starts (%s)", v[A_CODE], v[A_END], v[A_START]);
	if (loc) {
		if (*loc && (rc = check_text(ctx, "location", loc, false)) != 0)
			return rc;
		xstrset(&v[A_LOCATION], loc);
	}
	if ((rc = check_capacity(ctx, args_get(a, "capacity"), cap)) != 0)
		return rc;
	if (args_has(a, "capacity"))
		xstrset(&v[A_CAPACITY], args_get(a, "capacity"));
	return 0;
}

static int
activity_add(struct ctx *ctx, struct args *a)
{
	struct act n = { 0 };
	struct kv kv[A_N + 1];
	char *json = NULL;
	int64_t cap;
	int rc;

	if ((rc = check_code(ctx, "activity code", a->pos[1])) != 0 ||
	    (rc = check_text(ctx, "activity title", a->pos[2], false)) != 0 ||
	    (rc = find_programme(ctx, a->pos[0], &n.programme_id, &n.area)) != 0)
		goto out;
	xstrset(&n.v[A_PROGRAMME], a->pos[0]);
	xstrset(&n.v[A_CODE], a->pos[1]);
	xstrset(&n.v[A_TITLE], a->pos[2]);
	if ((rc = apply_opts(ctx, a, n.v, &cap)) != 0)
		goto out;
	kv_fill(kv, core_names, n.v, A_N);
	if ((rc = programme_fields(ctx, INTEGRA_RECORD_ACTIVITY, n.area,
	    args_list(a, "field"), NULL, kv, NULL, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "INSERT INTO activity (programme_id, code, title, start, end, "
	    "location, capacity, fields) VALUES (?, ?, ?, ?, ?, ?, nullif(?, -1), ?)",
	    "itttttit", n.programme_id, n.v[A_CODE], n.v[A_TITLE], n.v[A_START],
	    n.v[A_END], n.v[A_LOCATION], cap, json);
	if (rc == ERR_EXISTS)
		rc = error_set(ctx, ERR_EXISTS, "activity '%s' already exists in "
		    "programme '%s'", a->pos[1], a->pos[0]);
out:
	free(json);
	act_free(&n);
	return rc;
}

/* Refuses a capacity below the number already taking part. */
static int
check_room(struct ctx *ctx, const struct act *p, int64_t cap)
{
	int64_t taken = 0;
	int rc;

	if (cap < 0)
		return 0;
	if ((rc = db_query_int(ctx, &taken, "SELECT count(*) FROM participation "
	    "WHERE activity_id = ? AND status <> 'withdrawn'", "i", p->id)) != 0)
		return rc;
	if (taken > cap)
		return error_set(ctx, ERR_INVALID, "capacity %lld of activity '%s' is below "
		    "the %lld participants it already has", (long long)cap, p->v[A_CODE],
		    (long long)taken);
	return 0;
}

static int
activity_set(struct ctx *ctx, struct args *a)
{
	struct act old, n = { 0 };
	struct kv ko[A_N + 1], kn[A_N + 1];
	const char *const *assign = args_list(a, "field");
	const char *title = args_get(a, "title");
	char *json = NULL;
	int64_t cap;
	int i, rc;

	if (!title && !args_has(a, "start") && !args_has(a, "end") &&
	    !args_has(a, "location") && !args_has(a, "capacity") && !assign[0])
		return error_set(ctx, ERR_USAGE, "nothing to change: give --title, --start, "
		    "--end, --location, --capacity or --field");
	if ((rc = act_load(ctx, a->pos[0], a->pos[1], &old)) != 0)
		goto out;
	for (i = 0; i < A_N; i++)
		xstrset(&n.v[i], old.v[i]);
	if (title && (rc = check_text(ctx, "activity title", title, false)) != 0)
		goto out;
	if (title)
		xstrset(&n.v[A_TITLE], title);
	if ((rc = apply_opts(ctx, a, n.v, &cap)) != 0 ||
	    (rc = check_room(ctx, &old, cap)) != 0)
		goto out;
	kv_fill(ko, core_names, old.v, A_N);
	kv_fill(kn, core_names, n.v, A_N);
	if ((rc = programme_fields(ctx, INTEGRA_RECORD_ACTIVITY, old.area, assign,
	    old.fields, kn, ko, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE activity SET title = ?, start = ?, end = ?, "
	    "location = ?, capacity = CAST(? AS INTEGER), fields = ? WHERE id = ?",
	    "tttttti", n.v[A_TITLE], n.v[A_START],
	    n.v[A_END], n.v[A_LOCATION], n.v[A_CAPACITY], json, old.id);
out:
	free(json);
	act_free(&old);
	act_free(&n);
	return rc;
}

static int
activity_remove(struct ctx *ctx, struct args *a)
{
	struct act p;
	int64_t parts = 0;
	int rc;

	if ((rc = act_load(ctx, a->pos[0], a->pos[1], &p)) != 0)
		goto out;
	if ((rc = db_query_int(ctx, &parts, "SELECT count(*) FROM participation "
	    "WHERE activity_id = ?", "i", p.id)) != 0)
		goto out;
	if (parts)
		rc = error_set(ctx, ERR_INVALID, "cannot remove activity '%s' of programme "
		    "'%s': still referenced by %lld participation records", a->pos[1],
		    a->pos[0], (long long)parts);
	else
		rc = db_exec(ctx, "DELETE FROM activity WHERE id = ?", "i", p.id);
out:
	act_free(&p);
	return rc;
}

/* The columns shared by list and show. */
#define ACTIVITY_COLUMNS \
	"SELECT a.code, a.title, a.start, a.end, a.location, a.capacity, " \
	"(SELECT count(*) FROM participation WHERE activity_id = a.id " \
	"AND status <> 'withdrawn') AS participants, a.fields " \
	"FROM activity a JOIN programme p ON p.id = a.programme_id WHERE p.code = ?1 "

static int
activity_list(struct ctx *ctx, struct args *a)
{
	int64_t id;
	char *area = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = find_programme(ctx, a->pos[0], &id, &area)) != 0)
		return rc;
	free(area);
	if ((rc = db_prepare(ctx, &st, ACTIVITY_COLUMNS
	    "ORDER BY a.start IS NULL, a.start, a.code")) != 0)
		return rc;
	db_bind(st, "t", a->pos[0]);
	return out_query(ctx, "Activities", st, NULL);
}

static int
activity_show(struct ctx *ctx, struct args *a)
{
	int64_t id;
	char *area = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = find_programme(ctx, a->pos[0], &id, &area)) != 0)
		return rc;
	free(area);
	if ((rc = db_prepare(ctx, &st, ACTIVITY_COLUMNS "AND a.code = ?2")) != 0)
		return rc;
	db_bind(st, "tt", a->pos[0], a->pos[1]);
	rc = out_record(ctx, st);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no activity '%s' in programme '%s'",
		    a->pos[1], a->pos[0]);
	return rc;
}

const struct cmd cmd_activity_verbs[] = {
	{ "add", "PROGRAMME CODE TITLE [--start D] [--end D] [--location L] "
	  "[--capacity N] [--field NAME=VALUE]...", "add an activity to a programme",
	  NULL, add_opts, 3, 3, CMD_DB | CMD_WRITE | CMD_PLUGINS, activity_add, NULL },
	{ "list", "PROGRAMME", "list the activities of a programme", NULL, no_opts,
	  1, 1, CMD_DB, activity_list, NULL },
	{ "remove", "PROGRAMME CODE", "remove an activity with no participation", NULL,
	  no_opts, 2, 2, CMD_DB | CMD_WRITE, activity_remove, NULL },
	{ "set", "PROGRAMME CODE [--title T] [--start D] [--end D] [--location L] "
	  "[--capacity N] [--field NAME=VALUE]...", "change an activity", NULL,
	  set_opts, 2, 2, CMD_DB | CMD_WRITE | CMD_PLUGINS, activity_set, NULL },
	{ "show", "PROGRAMME CODE", "show one activity", NULL, no_opts, 2, 2, CMD_DB,
	  activity_show, NULL },
	{ 0 }
};
