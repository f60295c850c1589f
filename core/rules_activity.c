/*
 * The rules of an activity: its code and title are checked, it must not
 * end before it starts, its location is free text and its capacity a
 * whole number that the participants it already has must fit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static const struct rule rules[] = {
	{ .which = ACT_CODE, .type = RULE_CODE, .what = N_("activity code") },
	{ .which = ACT_TITLE, .type = RULE_TEXT, .what = N_("activity title") },
	{ .which = ACT_LOCATION, .type = RULE_TEXT_OR_NONE, .what = N_("location") },
};

/* Checks an activity's code, title or location (which: ACT_CODE ...). */
int
activity_check(struct ctx *ctx, int which, const char *value)
{
	return rules_check(ctx, rules, ARRAY_SIZE(rules), which, value);
}

/* A capacity: a whole number >= 0, or '' for none (*out = -1). */
int
activity_check_capacity(struct ctx *ctx, const char *s, int64_t *out)
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

/* The participants an activity has, not counting the withdrawn. */
static int
taken(struct ctx *ctx, int64_t id, int64_t *out)
{
	*out = 0;
	return db_query_int(ctx, out, "SELECT count(*) FROM participation "
	    "WHERE activity_id = ? AND status <> 'withdrawn'", "i", id);
}

/* Refuses a capacity (-1: none) below the participants already there. */
int
activity_check_room(struct ctx *ctx, int64_t id, const char *code, int64_t cap)
{
	int64_t n;
	int rc;

	if (cap < 0)
		return 0;
	if ((rc = taken(ctx, id, &n)) != 0)
		return rc;
	if (n > cap)
		return error_set(ctx, ERR_INVALID, "capacity %lld of activity '%s' is below "
		    "the %lld participants it already has", (long long)cap, code,
		    (long long)n);
	return 0;
}

/* Refuses an enrolment that overfilled activity id (0: none) of prog. */
int
activity_check_full(struct ctx *ctx, const char *prog, const char *code, int64_t id)
{
	int64_t cap = -1, n;
	int rc;

	if (id == 0)
		return 0;
	if ((rc = db_query_int(ctx, &cap, "SELECT coalesce(capacity, -1) FROM activity "
	    "WHERE id = ?", "i", id)) != 0 || (rc = taken(ctx, id, &n)) != 0)
		return rc;
	if (cap >= 0 && n > cap)
		return error_set(ctx, ERR_INVALID, "activity '%s' of programme '%s' is full: "
		    "capacity %lld, this would make %lld participants", code, prog,
		    (long long)cap, (long long)n);
	return 0;
}
