/*
 * integra seats and integra nomination: a programme's seats (its total
 * capacity, whether its nominations need approval, the quota of each
 * organisation in the programme or one of its activities), the seats each
 * organisation used, and the nominations still open.
 */
#include <stdlib.h>
#include <string.h>

#include "nominate.h"

static const char *const yes_no[] = { "yes", "no", NULL };

static const struct optdef set_opts[] = {
	{ .name = "capacity", .flags = OPT_ARG, .arg = "N",
	  .help = N_("seats in the programme in all ('none' for no limit)") },
	{ .name = "approval", .flags = OPT_ARG, .arg = "yes|no",
	  .help = N_("whether nominations need the national authority's approval") },
	{ 0 }
};

static const struct optdef quota_opts[] = {
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the quota in this activity of the programme") },
	{ 0 }
};

static const struct optdef seats_list_opts[] = {
	{ .name = "programme", .shortname = 'p', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only this programme") },
	{ .name = "org", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only this organisation") },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ .name = "programme", .shortname = 'p', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only this programme") },
	{ .name = "org", .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("only the nominations of this organisation") },
	{ .name = "all", .help = N_("also the nominations decided (enrolled, rejected)") },
	{ 0 }
};

/* A seat count or 'none' into *out (-1 for none). */
static int
count_or_none(struct ctx *ctx, const char *what, const char *s, int64_t *out)
{
	if (strcmp(s, "none") == 0) {
		*out = -1;
		return 0;
	}
	return seats_check_count(ctx, what, s, out);
}

/* seats set PROGRAMME [--capacity N] [--approval yes|no]. */
static int
seats_set(struct ctx *ctx, struct args *a)
{
	const char *cap = args_get(a, "capacity"), *appr = args_get(a, "approval");
	struct programme_ref p;
	int64_t c = -1, old_c = -1, old_a = 0;
	int rc;

	if (cap == NULL && appr == NULL)
		return error_set(ctx, ERR_USAGE, "nothing to change: give --capacity "
		    "or --approval");
	if ((cap && (rc = count_or_none(ctx, "capacity", cap, &c)) != 0) ||
	    (appr && (rc = check_enum(ctx, "approval", appr, yes_no)) != 0) ||
	    (rc = programme_find(ctx, a->pos[0], &p)) != 0)
		return rc;
	rc = db_query_int(ctx, &old_c, "SELECT coalesce(capacity, -1) FROM seat_plan "
	    "WHERE programme_id = ?", "i", p.id);
	if (rc == 0)
		rc = db_query_int(ctx, &old_a, "SELECT approval FROM seat_plan WHERE "
		    "programme_id = ?", "i", p.id);
	if (rc == 0 || rc == ERR_NOTFOUND)
		rc = db_exec(ctx, "INSERT INTO seat_plan (programme_id, capacity, "
		    "approval) VALUES (?1, nullif(?2, -1), ?3) ON CONFLICT (programme_id) "
		    "DO UPDATE SET capacity = excluded.capacity, approval = "
		    "excluded.approval", "iii", p.id, cap ? c : old_c,
		    appr ? (int64_t)(strcmp(appr, "yes") == 0) : old_a);
	programme_ref_free(&p);
	return rc;
}

/* seats quota PROGRAMME ORG SEATS|none [--activity CODE]. */
static int
seats_quota(struct ctx *ctx, struct args *a)
{
	const char *act = args_get(a, "activity");
	struct programme_ref p;
	int64_t seats, org, aid = 0, id = 0;
	int rc;

	if ((rc = count_or_none(ctx, "quota", a->pos[2], &seats)) != 0 ||
	    (rc = programme_find(ctx, a->pos[0], &p)) != 0)
		return rc;
	if ((rc = db_lookup_id(ctx, "organisation", "code", a->pos[1], "organisation",
	    &org)) == 0 && act && (rc = db_query_int(ctx, &aid, "SELECT id FROM "
	    "activity WHERE programme_id = ? AND code = ?", "it", p.id, act)) ==
	    ERR_NOTFOUND)
		rc = error_set(ctx, ERR_NOTFOUND, "no activity '%s' in programme '%s'",
		    act, a->pos[0]);
	if (rc == 0 && (rc = db_query_int(ctx, &id, "SELECT id FROM seat_quota WHERE "
	    "programme_id = ? AND coalesce(activity_id, 0) = ? AND org_id = ?", "iii",
	    p.id, aid, org)) == ERR_NOTFOUND)
		rc = 0;
	if (rc == 0 && seats < 0)
		rc = db_exec(ctx, "DELETE FROM seat_quota WHERE id = ?", "i", id);
	else if (rc == 0 && id)
		rc = db_exec(ctx, "UPDATE seat_quota SET seats = ? WHERE id = ?", "ii",
		    seats, id);
	else if (rc == 0)
		rc = db_exec(ctx, "INSERT INTO seat_quota (programme_id, activity_id, "
		    "org_id, seats) VALUES (?, nullif(?, 0), ?, ?)", "iiii", p.id, aid,
		    org, seats);
	programme_ref_free(&p);
	return rc;
}

/* The organisation a seat counts for. */
#define SEAT_ORG "coalesce(n.org_id, pe.org_id, pa.org_id)"

/* The rows of seats list: each quota, and each organisation that used
 * seats in a programme with seats or nominations but has no quota there. */
#define SEAT_KEYS \
	"SELECT programme_id, activity_id, org_id, seats FROM seat_quota " \
	"UNION SELECT DISTINCT pa.programme_id, CAST(NULL AS INTEGER), " SEAT_ORG \
	", CAST(NULL AS INTEGER) " \
	"FROM participation pa LEFT JOIN nomination n ON n.participation_id = pa.id " \
	"LEFT JOIN person pe ON pe.id = pa.person_id " \
	"WHERE pa.status <> 'withdrawn' AND " SEAT_ORG " IS NOT NULL " \
	"AND (n.org_id IS NOT NULL OR pa.programme_id IN (SELECT programme_id " \
	"FROM seat_quota UNION SELECT programme_id FROM seat_plan)) " \
	"AND NOT EXISTS (SELECT 1 FROM seat_quota q WHERE q.programme_id = " \
	"pa.programme_id AND q.activity_id IS NULL AND q.org_id = " SEAT_ORG ")"

/* Seats used by k.org_id in k's programme (and activity, if any), by state. */
#define SEAT_USED(cond) \
	"(SELECT count(*) FROM participation pa " \
	"LEFT JOIN nomination n ON n.participation_id = pa.id " \
	"LEFT JOIN person pe ON pe.id = pa.person_id " \
	"WHERE pa.programme_id = k.programme_id AND (k.activity_id IS NULL OR " \
	"pa.activity_id = k.activity_id) AND pa.status <> 'withdrawn' AND " \
	SEAT_ORG " = k.org_id" cond ")"

/* seats list [--programme P] [--org O]: seats used per organisation. */
static int
seats_list(struct ctx *ctx, struct args *a)
{
	return cmd_query(ctx, _("Seats used per organisation"),
	    "SELECT p.code AS programme, ac.code AS activity, o.code AS org, "
	    "o.name AS name, k.seats AS quota, "
	    SEAT_USED(" AND pa.status = 'nominated' AND n.state = 'nominated'")
	    " AS nominated, "
	    SEAT_USED(" AND pa.status = 'nominated' AND n.state = 'approved'")
	    " AS approved, " SEAT_USED("") " AS used, "
	    "k.seats - " SEAT_USED("") " AS free, sp.capacity AS capacity "
	    "FROM (" SEAT_KEYS ") k JOIN programme p ON p.id = k.programme_id "
	    "JOIN organisation o ON o.id = k.org_id "
	    "LEFT JOIN activity ac ON ac.id = k.activity_id "
	    "LEFT JOIN seat_plan sp ON sp.programme_id = k.programme_id "
	    "WHERE (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR o.code = ?2) "
	    "ORDER BY p.code, coalesce(ac.code, ''), o.name COLLATE uk, o.code", "tt",
	    args_get(a, "programme"), args_get(a, "org"));
}

/* nomination list [--programme P] [--org O] [--all]: the open nominations. */
static int
nomination_list(struct ctx *ctx, struct args *a)
{
	return cmd_query(ctx, _("Nominations"),
	    "SELECT * FROM (SELECT p.code AS programme, ac.code AS activity, "
	    "pe.key AS person, pe.name AS name, o.code AS org, "
	    NOMINATION_STATE " AS state, "
	    "n.nominated, n.nominated_by, n.approved, n.approved_by, n.decided, "
	    "n.decided_by, n.reason "
	    "FROM nomination n JOIN participation pa ON pa.id = n.participation_id "
	    "JOIN programme p ON p.id = pa.programme_id "
	    "JOIN person pe ON pe.id = pa.person_id "
	    "JOIN organisation o ON o.id = n.org_id "
	    "LEFT JOIN activity ac ON ac.id = pa.activity_id "
	    "WHERE (?1 IS NULL OR p.code = ?1) AND (?2 IS NULL OR o.code = ?2)) "
	    "AS x WHERE ?3 = 1 OR state IN ('nominated', 'approved') "
	    "ORDER BY programme, coalesce(activity, ''), name COLLATE uk, person",
	    "ttd", args_get(a, "programme"), args_get(a, "org"),
	    (int)args_has(a, "all"));
}

const struct cmd cmd_seats_verbs[] = {
	{ .name = "list", .usage = "[--programme P] [--org O]",
	  .summary = N_("seats used per organisation, against the quotas"),
	  .opts = seats_list_opts, .flags = CMD_DB, .exec = seats_list },
	{ .name = "quota", .usage = "PROGRAMME ORG SEATS|none [--activity CODE]",
	  .summary = N_("the seats of one organisation in a programme or activity"),
	  .opts = quota_opts, .min_args = 3, .max_args = 3,
	  .flags = CMD_DB | CMD_WRITE, .exec = seats_quota },
	{ .name = "set", .usage = "PROGRAMME [--capacity N|none] [--approval yes|no]",
	  .summary = N_("a programme's capacity, and whether nominations need approval"),
	  .opts = set_opts, .min_args = 1, .max_args = 1,
	  .flags = CMD_DB | CMD_WRITE, .exec = seats_set },
	{ 0 }
};

const struct cmd cmd_nomination_verbs[] = {
	{ .name = "list", .usage = "[--programme P] [--org O] [--all]",
	  .summary = N_("the open nominations (nominated or approved)"),
	  .opts = list_opts, .flags = CMD_DB, .exec = nomination_list },
	{ 0 }
};
