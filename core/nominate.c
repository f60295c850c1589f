/*
 * The rules of nominations: a nomination takes a seat of its
 * organisation's quota (in the programme, and in the activity when the
 * activity has a quota of its own) and of the programme's capacity, and
 * is refused when either has no seat left; its steps move nominated ->
 * approved -> enrolled, or to rejected, and a programme that asks for
 * approval enrols only what the national authority approved.  A seat is
 * used by every participation record of the programme that is not
 * withdrawn; it counts for the nominating organisation, else the
 * person's, else the organisation taking part.
 */
#include <stdlib.h>
#include <string.h>

#include "nominate.h"

const char *const nomination_states[] = {
	"nominated", "approved", "enrolled", "rejected", NULL
};

static const char *const from_nominated[] = { "approved", "enrolled", "rejected",
	NULL };
static const char *const from_approved[] = { "enrolled", "rejected", NULL };
static const struct moves moves[] = {
	{ .from = "nominated", .next = from_nominated },
	{ .from = "approved", .next = from_approved },
	{ 0 }
};

/* Seats used in programme prog_id (act_id 0: all its activities) by org_id
 * (0: by everyone). */
#define SEATS_USED_SQL \
	"SELECT count(*) FROM participation pa " \
	"LEFT JOIN nomination n ON n.participation_id = pa.id " \
	"LEFT JOIN person pe ON pe.id = pa.person_id " \
	"WHERE pa.programme_id = ?1 AND (?2 = 0 OR pa.activity_id = ?2) " \
	"AND pa.status <> 'withdrawn' " \
	"AND (?3 = 0 OR coalesce(n.org_id, pe.org_id, pa.org_id) = ?3)"

/* Refuses a seat of one quota (act_id 0: the programme's) with none left. */
static int
quota_one(struct ctx *ctx, const struct seat_ask *s, int64_t act_id)
{
	int64_t quota, used;
	int rc;

	rc = db_query_int(ctx, &quota, "SELECT seats FROM seat_quota WHERE "
	    "programme_id = ? AND coalesce(activity_id, 0) = ? AND org_id = ?",
	    "iii", s->prog_id, act_id, s->org_id);
	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc != 0 || (rc = db_query_int(ctx, &used, SEATS_USED_SQL, "iii",
	    s->prog_id, act_id, s->org_id)) != 0)
		return rc;
	if (used < quota)
		return 0;
	return error_set(ctx, ERR_INVALID, "cannot nominate '%s': the quota of "
	    "organisation '%s' in programme '%s'%s%s is %lld seats and %lld are used",
	    s->who, s->org, s->prog, act_id ? " activity " : "", act_id ? s->act : "",
	    (long long)quota, (long long)used);
}

/* Refuses a nomination over the organisation's quota in the activity, then
 * in the programme. */
int
seats_check_quota(struct ctx *ctx, const struct seat_ask *s)
{
	int rc;

	if (s->act_id && (rc = quota_one(ctx, s, s->act_id)) != 0)
		return rc;
	return quota_one(ctx, s, 0);
}

/* Refuses a nomination when the programme's capacity is taken (an
 * activity's capacity is the activity's own rule, activity_check_full). */
int
seats_check_capacity(struct ctx *ctx, const struct seat_ask *s)
{
	int64_t cap, used;
	int rc;

	rc = db_query_int(ctx, &cap, "SELECT capacity FROM seat_plan WHERE "
	    "programme_id = ? AND capacity IS NOT NULL", "i", s->prog_id);
	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc != 0 || (rc = db_query_int(ctx, &used, SEATS_USED_SQL, "iii",
	    s->prog_id, (int64_t)0, (int64_t)0)) != 0)
		return rc;
	if (used < cap)
		return 0;
	return error_set(ctx, ERR_INVALID, "cannot nominate '%s': the capacity of "
	    "programme '%s' is %lld seats and %lld are used", s->who, s->prog,
	    (long long)cap, (long long)used);
}

/* Whether the programme's nominations need approval before enrolment. */
int
seats_approval(struct ctx *ctx, int64_t prog_id, bool *out)
{
	int64_t v = 0;
	int rc;

	rc = db_query_int(ctx, &v, "SELECT approval FROM seat_plan WHERE "
	    "programme_id = ?", "i", prog_id);
	*out = v != 0;
	return rc == ERR_NOTFOUND ? 0 : rc;
}

/* A step of a nomination from `from` to `to`: approval only of what is
 * nominated; enrolment of a nomination not yet approved only where the
 * programme asks for no approval. */
int
nomination_check_move(struct ctx *ctx, const char *prog, const char *who,
    const char *from, const char *to, bool approval)
{
	char what[256];

	if (strcmp(to, "approved") == 0 && strcmp(from, "nominated") != 0)
		return error_set(ctx, ERR_INVALID, "cannot approve '%s' in programme "
		    "'%s': the record is %s, not nominated", who, prog, from);
	if (strcmp(to, from) == 0)
		return error_set(ctx, ERR_INVALID, "the nomination of '%s' in programme "
		    "'%s' is already %s", who, prog, from);
	if (strcmp(to, "enrolled") == 0 && strcmp(from, "nominated") == 0 && approval)
		return error_set(ctx, ERR_INVALID, "cannot enrol '%s' in programme '%s': "
		    "the programme asks for approval and the nomination is not approved",
		    who, prog);
	snprintf(what, sizeof(what), "nomination of '%s' in '%s'", who, prog);
	return check_move(ctx, what, from, to, rules_next(moves, from));
}

/* Refuses `participation set --status enrolled` on a nomination that the
 * programme asks to be approved first (part_id: the participation). */
int
nomination_check_status(struct ctx *ctx, int64_t part_id, const char *prog,
    const char *who, const char *to)
{
	int64_t held = 0;
	int rc;

	if (strcmp(to, "enrolled") != 0)
		return 0;
	rc = db_query_int(ctx, &held, "SELECT CASE WHEN n.state = 'nominated' "
	    "AND coalesce(sp.approval, 0) = 1 THEN 1 ELSE 0 END FROM nomination n "
	    "JOIN participation pa ON pa.id = n.participation_id "
	    "LEFT JOIN seat_plan sp ON sp.programme_id = pa.programme_id "
	    "WHERE n.participation_id = ?", "i", part_id);
	if (rc == ERR_NOTFOUND || (rc == 0 && !held))
		return 0;
	return rc != 0 ? rc : nomination_check_move(ctx, prog, who, "nominated",
	    "enrolled", true);
}

/* A number of seats: a whole number from 0 to a million. */
int
seats_check_count(struct ctx *ctx, const char *what, const char *s, int64_t *out)
{
	char *end;
	long long n;

	n = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || n > 1000000)
		return error_set(ctx, ERR_INVALID, "invalid %s '%s' (expected a whole "
		    "number of seats from 0 to 1000000)", what, s);
	*out = n;
	return 0;
}
