/*
 * The rules of participation: who may take part (persons, or
 * organisations where the area's plugin allows them), in which role (the
 * area's roles, else "participant"), in which programmes (not a completed
 * or cancelled one), and how far: the status moves only forward
 * (nominated -> enrolled -> attended -> completed or failed; withdrawn
 * from any open state).  Also the checks of its dates, numbers and
 * result.
 */
#include <math.h>
#include <string.h>

#include "rules.h"

static const char *const default_roles[] = { "participant", NULL };
static const char *const enrol_statuses[] = { "nominated", "enrolled", NULL };

/* The roles an area allows (pl: its plugin, NULL when not loaded). */
const char *const *
participation_roles(const struct integra_plugin *pl)
{
	if (pl && pl->roles && pl->roles[0])
		return pl->roles;
	return default_roles;
}

static const char *const from_nominated[] = { "enrolled", "withdrawn", NULL };
static const char *const from_enrolled[] = { "attended", "withdrawn", NULL };
static const char *const from_attended[] = { "completed", "failed", "withdrawn",
	NULL };
static const struct moves moves[] = {
	{ .from = "nominated", .next = from_nominated },
	{ .from = "enrolled", .next = from_enrolled },
	{ .from = "attended", .next = from_attended },
	{ 0 }
};

/* The participation statuses that may follow `from`, NULL-terminated. */
const char *const *
participation_next(const char *from)
{
	return rules_next(moves, from);
}

/* Refuses a participation status change that skips or reverses a step. */
int
check_transition(struct ctx *ctx, const char *what, const char *from, const char *to)
{
	return check_move(ctx, what, from, to, participation_next(from));
}

/* Refuses new participants in a completed or cancelled programme. */
int
participation_check_open(struct ctx *ctx, const char *prog, const char *status)
{
	if (strcmp(status, "completed") == 0 || strcmp(status, "cancelled") == 0)
		return error_set(ctx, ERR_INVALID, "programme '%s' is %s: it takes no "
		    "new participants", prog, status);
	return 0;
}

/* Refuses organisations (or persons) where the area does not take them. */
int
participation_check_kind(struct ctx *ctx, const struct integra_plugin *pl,
    const char *prog, const char *area, bool is_org)
{
	unsigned kinds = pl && pl->participants ? pl->participants :
	    INTEGRA_PARTICIPANT_PERSON;
	unsigned want = is_org ? INTEGRA_PARTICIPANT_ORGANISATION :
	    INTEGRA_PARTICIPANT_PERSON;

	if (kinds & want)
		return 0;
	return error_set(ctx, ERR_INVALID, "programme '%s' of area '%s' takes %s only "
	    "as participants, not %s", prog, area,
	    kinds & INTEGRA_PARTICIPANT_PERSON ? "persons" : "organisations",
	    is_org ? "organisations" : "persons");
}

/* A role of the area (pl: its plugin), else "participant". */
int
participation_check_role(struct ctx *ctx, const struct integra_plugin *pl,
    const char *role)
{
	return check_enum(ctx, "role", role, participation_roles(pl));
}

static const struct rule rules[] = {
	{ .which = PART_STATUS, .type = RULE_ENUM, .what = N_("participation status"),
	  .allowed = participation_statuses },
	{ .which = PART_RESULT, .type = RULE_TEXT_OR_NONE, .what = N_("result") },
};

/* Checks a participation's status or result (which: PART_STATUS ...). */
int
participation_check(struct ctx *ctx, int which, const char *value)
{
	return rules_check(ctx, rules, ARRAY_SIZE(rules), which, value);
}

/* The status of a new enrolment: nominated or enrolled. */
int
participation_check_enrol_status(struct ctx *ctx, const char *status)
{
	return check_enum(ctx, "enrolment status", status, enrol_statuses);
}

/* A status `to` that exists and may follow `from` in the participation of
 * `who` in programme `prog`. */
int
participation_check_move(struct ctx *ctx, const char *prog, const char *who,
    const char *from, const char *to)
{
	char what[256];
	int rc;

	if ((rc = participation_check(ctx, PART_STATUS, to)) != 0)
		return rc;
	snprintf(what, sizeof(what), _("participation of '%s' in '%s'"), who, prog);
	return check_transition(ctx, what, from, to);
}

/* Hours or credits: a number, 0 or more, at most a thousand million. */
int
participation_check_number(struct ctx *ctx, const char *what, const char *s,
    double *out)
{
	int rc;

	if ((rc = check_number(ctx, what, s, out)) != 0)
		return rc;
	if (!isfinite(*out) || *out > 1e9)
		return error_set(ctx, ERR_INVALID, "invalid %s '%s' (too large)", what, s);
	return 0;
}
