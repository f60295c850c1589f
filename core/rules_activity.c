/*
 * The rules of an activity: its code and title are checked, it must not
 * end before it starts, its location is free text and its capacity a
 * whole number that the participants it already has must fit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

int
activity_check_code(struct ctx *ctx, const char *code)
{
	return check_code(ctx, "activity code", code);
}

int
activity_check_title(struct ctx *ctx, const char *title)
{
	return check_text(ctx, "activity title", title, false);
}

/* Refuses an activity that would end before it starts. */
int
activity_check_dates(struct ctx *ctx, const char *code, const char *start,
    const char *end)
{
	char what[160];

	snprintf(what, sizeof(what), "activity '%s'", code);
	return rules_order(ctx, what, start, end);
}

/* A location: free text, or '' for none. */
int
activity_check_location(struct ctx *ctx, const char *location)
{
	if (location == NULL || *location == '\0')
		return 0;
	return check_text(ctx, "location", location, false);
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

/* The area fields of an activity, checked by its programme's plugin. */
int
activity_fields(struct ctx *ctx, const char *area, const char *const *assign,
    const char *old_json, const char *const *vnew, const char *const *vold,
    char **json)
{
	return rules_fields(ctx, INTEGRA_RECORD_ACTIVITY, area, assign, old_json,
	    vnew, vold, json);
}
