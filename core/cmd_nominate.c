/*
 * integra nominate, approve, admit, reject, nomination and seats: the
 * nomination workflow of every area.  A nomination is a participation
 * record (status nominated) with a nomination beside it: the nominating
 * organisation, who nominated and when.  `approve` records the national
 * authority's approval, `admit` enrols (only what was approved, where the
 * programme asks for approval), `reject` withdraws with a reason; each
 * records the operating-system user and the time.  `seats` keeps a
 * programme's capacity, whether it asks for approval, and the quota of
 * each organisation.  The participation records are written by the
 * participation commands themselves (cmd_enrol, `participation set`), so
 * their rules and the area's checks apply unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "nominate.h"

extern const struct optdef cmd_participation_enrol_opts[];
extern const struct cmd cmd_participation_verbs[];
int cmd_enrol(struct ctx *ctx, struct args *a);

const struct optdef cmd_nominate_opts[] = {
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("nominate for this activity of the programme") },
	{ .name = "by", .flags = OPT_ARG, .arg = "ORG",
	  .help = N_("the nominating organisation (default: the person's)") },
	{ .name = "role", .flags = OPT_ARG, .arg = "ROLE",
	  .help = N_("role of the nominees (default: the area's first)") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("a field the area declares") },
	{ 0 }
};

const struct optdef cmd_nomination_step_opts[] = {
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the nomination for this activity ('' for none)") },
	{ 0 }
};

const struct optdef cmd_reject_opts[] = {
	{ .name = "activity", .shortname = 'a', .flags = OPT_ARG, .arg = "CODE",
	  .help = N_("the nomination for this activity ('' for none)") },
	{ .name = "reason", .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("why the nomination is rejected (required)") },
	{ 0 }
};

/* The time of a step, as the audit log writes it. */
#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Runs a participation command's exec on argv (its options in opts). */
static int
call(struct ctx *ctx, const char *path, const struct optdef *opts,
    int (*exec)(struct ctx *, struct args *), int argc, char **argv)
{
	struct args a;
	int rc;

	if ((rc = opt_parse(ctx, path, opts, argc, argv, &a)) == 0)
		rc = exec(ctx, &a);
	args_release(&a);
	return rc;
}

/* The nominating organisation: --by, else the person's. */
static int
nominating_org(struct ctx *ctx, const char *by, const char *who, char **code,
    int64_t *id)
{
	struct dbst *st;
	int rc;

	if (by) {
		*code = xstrdup(by);
		return db_lookup_id(ctx, "organisation", "code", by, "organisation", id);
	}
	if ((rc = db_prepare(ctx, &st, "SELECT o.id, o.code FROM person pe "
	    "LEFT JOIN organisation o ON o.id = pe.org_id WHERE pe.key = ?")) != 0)
		return rc;
	db_bind(st, "t", who);
	if ((rc = dbst_step(st)) == DB_ROW && dbst_text(st, 1)) {
		*id = dbst_int(st, 0);
		*code = xstrdup(dbst_text(st, 1));
		rc = 0;
	} else if (rc == DB_ROW) {
		rc = error_set(ctx, ERR_INVALID, "person '%s' belongs to no "
		    "organisation: name the nominating one with --by ORG", who);
	} else {
		rc = rc == DB_DONE ? error_set(ctx, ERR_NOTFOUND, "no person '%s'",
		    who) : db_error(ctx, "cannot read person");
	}
	dbst_finalize(st);
	return rc;
}

/* Enrols one nominee as nominated, through `integra enrol`. */
static int
nominate_enrol(struct ctx *ctx, struct args *a, const char *who)
{
	const char *const *f = args_list(a, "field");
	size_t nf = 0;
	char **v;
	int n = 0, rc;

	while (f && f[nf])
		nf++;
	v = xcalloc(10 + 2 * nf, sizeof(*v));
	v[n++] = a->pos[0];
	v[n++] = (char *)who;
	v[n++] = "--status";
	v[n++] = "nominated";
	if (args_get(a, "activity")) {
		v[n++] = "--activity";
		v[n++] = (char *)args_get(a, "activity");
	}
	if (args_get(a, "role")) {
		v[n++] = "--role";
		v[n++] = (char *)args_get(a, "role");
	}
	for (; f && *f; f++) {
		v[n++] = "--field";
		v[n++] = (char *)*f;
	}
	rc = call(ctx, "nominate", cmd_participation_enrol_opts, cmd_enrol, n, v);
	free(v);
	return rc;
}

/* Nominates one person: the seat checked, the record enrolled, the
 * nomination written beside it. */
static int
nominate_one(struct ctx *ctx, struct args *a, struct seat_ask *s, const char *who)
{
	int64_t part;
	char *org = NULL, *key = NULL;
	int rc;

	s->who = who;
	if ((rc = nominating_org(ctx, args_get(a, "by"), who, &org, &s->org_id)) != 0)
		goto out;
	s->org = org;
	if ((rc = seats_check_quota(ctx, s)) != 0 ||
	    (rc = seats_check_capacity(ctx, s)) != 0 ||
	    (rc = nominate_enrol(ctx, a, who)) != 0 ||
	    (rc = db_query_int(ctx, &part, "SELECT pa.id FROM participation pa "
	    "JOIN person pe ON pe.id = pa.person_id WHERE pa.programme_id = ? "
	    "AND coalesce(pa.activity_id, 0) = ? AND pe.key = ?", "iit", s->prog_id,
	    s->act_id, who)) != 0)
		goto out;
	key = s->act_id ? xasprintf("%s/%s/%s", s->prog, who, s->act) :
	    xasprintf("%s/%s", s->prog, who);
	rc = db_exec(ctx, "INSERT INTO nomination (participation_id, key, org_id, "
	    "nominated, nominated_by) VALUES (?, ?, ?, " NOW ", ?)", "itit", part,
	    key, s->org_id, ctx->os_user ? ctx->os_user : "unknown");
out:
	s->org = NULL;
	free(org);
	free(key);
	return rc;
}

/* integra nominate PROGRAMME PERSON...: nominations, within the quotas. */
int
cmd_nominate(struct ctx *ctx, struct args *a)
{
	struct seat_ask s = { .prog = a->pos[0], .act = args_get(a, "activity") };
	struct programme_ref p;
	int i, rc;

	if ((rc = programme_find(ctx, s.prog, &p)) != 0)
		return rc;
	s.prog_id = p.id;
	programme_ref_free(&p);
	if (s.act && *s.act) {
		rc = db_query_int(ctx, &s.act_id, "SELECT id FROM activity WHERE "
		    "programme_id = ? AND code = ?", "it", s.prog_id, s.act);
		if (rc == ERR_NOTFOUND)
			return error_set(ctx, ERR_NOTFOUND, "no activity '%s' in "
			    "programme '%s'", s.act, s.prog);
		if (rc != 0)
			return rc;
	}
	for (i = 1; i < a->npos && rc == 0; i++)
		rc = nominate_one(ctx, a, &s, a->pos[i]);
	return rc;
}

/* One nomination found: its participation record, the programme, the
 * participation's status and the state of the nomination (the
 * participation's status once it left nominated; NULL when the record is
 * not a nomination). */
struct nom {
	int64_t part_id;
	int64_t prog_id;
	char *status;
	char *state;
};

/* Frees what nom_find found. */
static void
nom_free(struct nom *n)
{
	free(n->status);
	free(n->state);
	memset(n, 0, sizeof(*n));
}

/* The refusal of a nomination not found, or found several times. */
static int
nom_none(struct ctx *ctx, const struct args *a, int64_t n)
{
	const char *prog = a->pos[0], *who = a->pos[1], *act = args_get(a, "activity");
	struct programme_ref p;
	int rc;

	if (n > 1)
		return error_set(ctx, ERR_USAGE, "person '%s' has several records in "
		    "programme '%s': pick one with --activity CODE ('' for none)",
		    who, prog);
	if ((rc = programme_find(ctx, prog, &p)) != 0)
		return rc;
	programme_ref_free(&p);
	return error_set(ctx, ERR_NOTFOUND, "person '%s' is not nominated in programme "
	    "'%s'%s%s", who, prog, act && *act ? " activity " : "", act && *act ? act : "");
}

/* Finds the one record of person a->pos[1] in programme a->pos[0]. */
static int
nom_find(struct ctx *ctx, const struct args *a, struct nom *out)
{
	struct dbst *st;
	int64_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(ctx, &st, "SELECT pa.id, pa.programme_id, pa.status, "
	    NOMINATION_STATE " FROM participation pa "
	    "JOIN programme p ON p.id = pa.programme_id "
	    "JOIN person pe ON pe.id = pa.person_id "
	    "LEFT JOIN activity ac ON ac.id = pa.activity_id "
	    "LEFT JOIN nomination n ON n.participation_id = pa.id "
	    "WHERE p.code = ?1 AND pe.key = ?2 "
	    "AND (?3 IS NULL OR coalesce(ac.code, '') = ?3)")) != 0)
		return rc;
	db_bind(st, "ttt", a->pos[0], a->pos[1], args_get(a, "activity"));
	while ((rc = dbst_step(st)) == DB_ROW && ++n == 1) {
		out->part_id = dbst_int(st, 0);
		out->prog_id = dbst_int(st, 1);
		out->status = xstrdup(dbst_text(st, 2));
		if (dbst_type(st, 3) != DB_NULL)
			out->state = xstrdup(dbst_text(st, 3));
	}
	rc = rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_error(ctx, "cannot read nomination");
	dbst_finalize(st);
	if (rc == 0 && n != 1)
		rc = nom_none(ctx, a, n);
	if (rc != 0)
		nom_free(out);
	return rc;
}

/* The participation status each step leaves the record in. */
static const char *
step_status(const char *to)
{
	if (strcmp(to, "enrolled") == 0)
		return "enrolled";
	if (strcmp(to, "rejected") == 0)
		return "withdrawn";
	return NULL;
}

/* Moves the participation record through `participation set`. */
static int
step_participation(struct ctx *ctx, const struct args *a, const char *status)
{
	const struct cmd *c;
	char *v[6];
	int n = 0;

	for (c = cmd_participation_verbs; strcmp(c->name, "set") != 0; c++)
		;
	v[n++] = a->pos[0];
	v[n++] = a->pos[1];
	v[n++] = "--status";
	v[n++] = (char *)status;
	if (args_get(a, "activity")) {
		v[n++] = "--activity";
		v[n++] = (char *)args_get(a, "activity");
	}
	return call(ctx, "participation set", c->opts, c->exec, n, v);
}

/* One step of a nomination to state `to` (verb: the command's name, for
 * the refusal of a record that is no nomination), with a reason or none. */
static int
nomination_step(struct ctx *ctx, struct args *a, const char *verb, const char *to,
    const char *reason)
{
	struct nom n;
	bool approval;
	int rc;

	if ((rc = nom_find(ctx, a, &n)) != 0)
		return rc;
	if (n.state == NULL)
		rc = error_set(ctx, ERR_INVALID, "cannot %s '%s' in programme '%s': "
		    "the record is %s and was not nominated with 'integra nominate'",
		    verb, a->pos[1], a->pos[0], n.status);
	else if ((rc = seats_approval(ctx, n.prog_id, &approval)) == 0 &&
	    (rc = nomination_check_move(ctx, a->pos[0], a->pos[1], n.state, to,
	    approval)) == 0 &&
	    (rc = db_exec(ctx, strcmp(to, "approved") == 0 ?
	    "UPDATE nomination SET state = ?, approved = " NOW ", approved_by = ?, "
	    "reason = ? WHERE participation_id = ?" :
	    "UPDATE nomination SET state = ?, decided = " NOW ", decided_by = ?, "
	    "reason = ? WHERE participation_id = ?", "ttti", to,
	    ctx->os_user ? ctx->os_user : "unknown", reason, n.part_id)) == 0 &&
	    step_status(to))
		rc = step_participation(ctx, a, step_status(to));
	nom_free(&n);
	return rc;
}

/* integra approve PROGRAMME PERSON: the national authority approved. */
int
cmd_approve(struct ctx *ctx, struct args *a)
{
	return nomination_step(ctx, a, "approve", "approved", NULL);
}

/* integra admit PROGRAMME PERSON: the nominee is enrolled. */
int
cmd_admit(struct ctx *ctx, struct args *a)
{
	return nomination_step(ctx, a, "admit", "enrolled", NULL);
}

/* integra reject PROGRAMME PERSON --reason TEXT. */
int
cmd_reject(struct ctx *ctx, struct args *a)
{
	const char *reason = args_get(a, "reason");
	int rc;

	if (reason == NULL)
		return error_set(ctx, ERR_USAGE, "a rejection needs its reason: "
		    "--reason TEXT");
	if ((rc = check_text(ctx, "reason", reason, false)) != 0)
		return rc;
	return nomination_step(ctx, a, "reject", "rejected", reason);
}
