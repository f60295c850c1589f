/*
 * The procurement plugin: the acts needed to implement the Law of Ukraine
 * No. 808-IX "On Defence Procurement" (17 July 2020, in force 1 January
 * 2021).  A programme is one required act: the law and article that
 * require it, its type, its stage (drafting, public consultation,
 * approval, state registration, adopted, in force; or amended, suspended,
 * cancelled), how it was adopted, and which earlier act it amends,
 * suspends or cancels.  Stages move only forward, except to amended,
 * suspended or cancelled.  The bodies involved take part with role lead,
 * co-executor or approver.  Reports: adoption progress by responsible
 * body, overdue acts, and the lineage of each act.
 */
#include <stdio.h>
#include <string.h>

#include "integra/plugin.h"

#define AREA		"procurement"
#define DEFAULT_LAW	"808-IX"

static const struct integra_api *api;

static const char *const act_types[] = {
	"cabinet-resolution", "ministry-order", "law-amendment", NULL
};
/* In order; the last three are reachable from any stage but cancelled. */
static const char *const stages[] = {
	"drafting", "public-consultation", "approval", "state-registration",
	"adopted", "in-force", "amended", "suspended", "cancelled", NULL
};
#define STAGE_IN_FORCE	5
#define STAGE_AMENDED	6
#define STAGE_CANCELLED	8
static const char *const effects[] = { "amends", "suspends", "cancels", NULL };
/* The names people read for the values above (ABI 1.1), translated
 * through the textdomain. */
static const char *const act_type_labels[] = {
	N_("Cabinet of Ministers resolution"), N_("ministry order"),
	N_("amendment to the law"), NULL
};
static const char *const stage_labels[] = {
	N_("drafting"), N_("public consultation"), N_("approval"),
	N_("state registration"), N_("adopted"), N_("in force"), N_("amended"),
	N_("suspended"), N_("cancelled"), NULL
};
static const char *const effect_labels[] = {
	N_("amends"), N_("suspends"), N_("cancels"), NULL
};
static const char *const roles[] = { "lead", "co-executor", "approver", NULL };

static const struct integra_field fields[] = {
	{ .name = "law",
	  .label = N_("Law"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("the law that requires the act (default 808-IX)") },
	{ .name = "article",
	  .label = N_("Article"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("the article of the law, e.g. 'Art. 11 part 2'") },
	{ .name = "act_type",
	  .label = N_("Act type"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .values = act_types,
	  .value_labels = act_type_labels,
	  .help = N_("cabinet-resolution, ministry-order or law-amendment") },
	{ .name = "stage",
	  .label = N_("Stage"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = stages,
	  .value_labels = stage_labels,
	  .help = N_("drafting (default), public-consultation, approval, "
	  "state-registration, adopted, in-force; or amended, suspended, cancelled") },
	{ .name = "adopted_ref",
	  .label = N_("Adopted as"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("number of the adopted act, e.g. 'No. 363'") },
	{ .name = "adopted_date",
	  .label = N_("Adopted on"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_DATE,
	  .help = N_("date of adoption") },
	{ .name = "amends",
	  .label = N_("Amends"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_REFERENCE,
	  .ref = INTEGRA_REF_PROGRAMME,
	  .help = N_("the earlier act (programme code) this act acts on") },
	{ .name = "effect",
	  .label = N_("Effect"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = effects,
	  .value_labels = effect_labels,
	  .help = N_("what it does to that act: amends (default), suspends or cancels") },
	{ .name = NULL }
};

/* Acts with their stage; `done` when adopted as of :as_of. */
#define ACTS \
	"WITH d AS (SELECT coalesce(:as_of, date('now', 'localtime')) AS as_of), " \
	"a AS (SELECT p.id, p.code, p.title, p.due, p.owner_id, " \
	"  json_extract(p.fields, '$.act_type') AS act_type, " \
	"  coalesce(json_extract(p.fields, '$.stage'), 'drafting') AS stage, " \
	"  CASE WHEN coalesce(json_extract(p.fields, '$.stage'), 'drafting') IN " \
	"    ('adopted', 'in-force', 'amended', " \
	"    'suspended') AND coalesce(json_extract(p.fields, '$.adopted_date'), " \
	"    d.as_of) <= d.as_of THEN 1 ELSE 0 END AS done, d.as_of " \
	"  FROM programme p, d WHERE p.area = coalesce(:area, '" AREA "') " \
	"  AND p.status <> 'cancelled' " \
	"  AND coalesce(json_extract(p.fields, '$.stage'), '') <> 'cancelled'), " \
	"b AS (SELECT a.*, CASE WHEN a.done = 0 AND a.due < a.as_of THEN 1 ELSE 0 END " \
	"  AS overdue, CASE WHEN a.done = 0 AND a.due < a.as_of THEN " \
	"    CAST(julianday(a.as_of) - julianday(a.due) AS INTEGER) END AS days_late " \
	"  FROM a), " \
	"r AS (SELECT pa.programme_id, pa.org_id FROM participation pa " \
	"  WHERE pa.role = 'lead' AND pa.org_id IS NOT NULL " \
	"  UNION SELECT a.id, a.owner_id FROM a WHERE a.owner_id IS NOT NULL " \
	"  AND NOT EXISTS (SELECT 1 FROM participation pa WHERE pa.programme_id = a.id " \
	"  AND pa.role = 'lead')) "

static const struct integra_report_query progress_queries[] = {
	{ "body", ACTS
	  "SELECT o.code AS body, o.name, count(*) AS acts, sum(b.done) AS adopted, "
	  "sum(CASE WHEN b.done = 1 AND b.stage IN ('in-force', 'amended') THEN 1 "
	  "ELSE 0 END) AS in_force, "
	  "sum(b.overdue) AS overdue "
	  "FROM b JOIN r ON r.programme_id = b.id JOIN organisation o ON o.id = r.org_id "
	  "GROUP BY o.id ORDER BY o.name COLLATE uk" },
	{ "act_type", ACTS
	  "SELECT b.act_type, count(*) AS acts, sum(b.done) AS adopted, "
	  "sum(CASE WHEN b.done = 1 AND b.stage IN ('in-force', 'amended') THEN 1 "
	  "ELSE 0 END) AS in_force, "
	  "sum(b.overdue) AS overdue FROM b GROUP BY b.act_type ORDER BY b.act_type" },
	{ NULL, NULL }
};

static const struct integra_column progress_columns[] = {
	{ .name = "body", .label = N_("Body code"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "name", .label = N_("Body"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "act_type", .label = N_("Type of act"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "acts", .label = N_("Acts"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "adopted", .label = N_("Adopted"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = "in_force", .label = N_("In force"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "overdue", .label = N_("Overdue"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = NULL }
};

static const struct integra_report_query overdue_queries[] = {
	{ "none", ACTS
	  "SELECT b.code AS act, (SELECT group_concat(o.code, ', ') FROM r "
	  "  JOIN organisation o ON o.id = r.org_id WHERE r.programme_id = b.id) "
	  "  AS responsible, b.act_type, b.stage, b.due, b.days_late, b.title "
	  "FROM b WHERE b.overdue = 1 ORDER BY b.days_late DESC, b.code" },
	{ NULL, NULL }
};

static const struct integra_column overdue_columns[] = {
	{ .name = "act", .label = N_("Act"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "responsible", .label = N_("Responsible"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "act_type", .label = N_("Type of act"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "stage", .label = N_("Stage"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "due", .label = N_("Due"), .type = INTEGRA_DATE,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "days_late", .label = N_("Days late"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_NONE },
	{ .name = "title", .label = N_("Title"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = NULL }
};

static const struct integra_report_query lineage_queries[] = {
	{ "none",
	  "WITH RECURSIVE a AS (SELECT p.code, p.title, "
	  "  json_extract(p.fields, '$.amends') AS amends, "
	  "  coalesce(json_extract(p.fields, '$.effect'), 'amends') AS effect, "
	  "  coalesce(json_extract(p.fields, '$.stage'), 'drafting') AS stage, "
	  "  json_extract(p.fields, '$.adopted_ref') AS adopted_ref, "
	  "  json_extract(p.fields, '$.adopted_date') AS adopted_date "
	  "  FROM programme p WHERE p.area = coalesce(:area, '" AREA "')), "
	  "chain(root, code, level, path) AS ("
	  "  SELECT code, code, 0, code FROM a "
	  "  WHERE amends IS NULL OR amends NOT IN (SELECT code FROM a) "
	  "  UNION ALL SELECT chain.root, a.code, chain.level + 1, "
	  "  chain.path || ' > ' || a.code FROM chain JOIN a ON a.amends = chain.code "
	  "  WHERE chain.level < 32) "
	  "SELECT c.root AS act, c.level, a.code AS by_act, a.effect, a.amends AS of_act, "
	  "a.stage, a.adopted_ref, a.adopted_date, a.title "
	  "FROM chain c JOIN a ON a.code = c.code WHERE c.level > 0 "
	  "ORDER BY c.root, c.path" },
	{ NULL, NULL }
};

static const struct integra_column lineage_columns[] = {
	{ .name = "act", .label = N_("Act"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "level", .label = N_("Level"), .type = INTEGRA_INTEGER,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "by_act", .label = N_("By act"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "effect", .label = N_("Effect"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "of_act", .label = N_("Of act"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "stage", .label = N_("Stage"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "adopted_ref", .label = N_("Adopted as"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "adopted_date", .label = N_("Adopted on"), .type = INTEGRA_DATE,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "title", .label = N_("Title"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = NULL }
};

static const struct integra_report reports[] = {
	{ "pr_progress", N_("Adoption of the acts of the defence-procurement law"),
	  N_("how many required acts each responsible body has adopted, and how many "
	  "are overdue"), progress_queries, progress_columns },
	{ "pr_overdue", N_("Overdue acts"),
	  N_("which required acts are past due and not adopted"),
	  overdue_queries, overdue_columns },
	{ "pr_lineage", N_("Lineage of the acts"),
	  N_("what amended, suspended or cancelled each act, and in turn those acts"),
	  lineage_queries, lineage_columns },
	{ NULL, NULL, NULL, NULL, NULL }
};

static int
pr_init(const struct integra_api *a, const struct integra_host *h)
{
	(void)h;
	api = a;
	return INTEGRA_OK;
}

static int
stage_index(const char *s)
{
	int i;

	for (i = 0; s && stages[i]; i++)
		if (strcmp(stages[i], s) == 0)
			return i;
	return -1;
}

/* The text of a field, or NULL. */
static const char *
get_text(struct integra_record *rec, const char *name, int old)
{
	struct integra_value v = { 0 };

	if ((old ? api->record_old : api->record_get)(rec, name, &v) != 0 ||
	    v.type == INTEGRA_NULL)
		return NULL;
	return v.s;
}

/* The lowest stage reachable from `from` by moving forward. */
static int
floor_of(int from)
{
	return from == STAGE_AMENDED || from == STAGE_AMENDED + 1 ? STAGE_IN_FORCE : from;
}

/* Forward only, except to amended, suspended or cancelled. */
static int
check_stage(const struct integra_host *h, const char *from, const char *to)
{
	char allowed[256] = "";
	int f = stage_index(from), t = stage_index(to), i;

	if (f < 0 || t < 0 || f == t || (t >= STAGE_AMENDED && f != STAGE_CANCELLED))
		return INTEGRA_OK;
	if (f == STAGE_CANCELLED)
		return api->error(h, INTEGRA_EINVALID, "field 'stage' cannot move from "
		    "'cancelled' to '%s' (a cancelled act is final; add a new act)", to);
	if (t >= floor_of(f))
		return INTEGRA_OK;
	for (i = floor_of(f); stages[i]; i++) {
		strcat(allowed, i > floor_of(f) ? ", " : "");
		strcat(allowed, stages[i]);
	}
	return api->error(h, INTEGRA_EINVALID, "field 'stage' cannot move back from '%s' "
	    "to '%s' (allowed: %s)", from, to, allowed);
}

static int
first_text(void *ud, const struct integra_value *cols, size_t ncols)
{
	char *out = ud;

	if (ncols > 0 && cols[0].s)
		snprintf(out, 64, "%s", cols[0].s);
	return 1;
}

/* The act it amends: another act of this area, and no loop back. */
static int
check_amends(const struct integra_host *h, struct integra_record *rec)
{
	const char *amends = get_text(rec, "amends", 0), *code = get_text(rec, "code", 0);
	struct integra_value p[2];
	char area[64] = "", loop[64] = "";
	int rc;

	if (amends == NULL)
		return get_text(rec, "effect", 0) ? api->error(h, INTEGRA_EINVALID,
		    "field 'effect' needs field 'amends' (the act it acts on)") : 0;
	if (code && strcmp(code, amends) == 0)
		return api->error(h, INTEGRA_EINVALID, "field 'amends' = '%s': an act "
		    "cannot amend itself", amends);
	p[0] = (struct integra_value){ INTEGRA_TEXT, 0, 0, amends, strlen(amends) };
	if ((rc = api->query(h, "SELECT area FROM programme WHERE code = ?1", p, 1,
	    first_text, area)) != 0)
		return rc;
	if (area[0] && strcmp(area, AREA) != 0)
		return api->error(h, INTEGRA_EINVALID, "field 'amends' = '%s' is a "
		    "programme of area '%s' (allowed: an act of area '%s')",
		    amends, area, AREA);
	if (code == NULL)
		return INTEGRA_OK;
	p[1] = (struct integra_value){ INTEGRA_TEXT, 0, 0, code, strlen(code) };
	if ((rc = api->query(h, "WITH RECURSIVE up(code, n) AS (SELECT ?1, 0 UNION "
	    "SELECT json_extract(p.fields, '$.amends'), up.n + 1 FROM programme p "
	    "JOIN up ON p.code = up.code WHERE up.n < 64) "
	    "SELECT code FROM up WHERE code = ?2", p, 2, first_text, loop)) != 0)
		return rc;
	if (loop[0])
		return api->error(h, INTEGRA_EINVALID, "field 'amends' = '%s' would make "
		    "a loop: '%s' already amends '%s' through other acts", amends,
		    amends, code);
	return INTEGRA_OK;
}

/* Default law and stage of a new act; the host may refuse to set them. */
static void
set_defaults(struct integra_record *rec)
{
	struct integra_value v;

	if (get_text(rec, "law", 0) == NULL) {
		v = (struct integra_value){ INTEGRA_TEXT, 0, 0, DEFAULT_LAW,
		    strlen(DEFAULT_LAW) };
		(void)api->record_set(rec, "law", &v);
	}
	if (get_text(rec, "stage", 0) == NULL) {
		v = (struct integra_value){ INTEGRA_ENUM, 0, 0, "drafting", 8 };
		(void)api->record_set(rec, "stage", &v);
	}
}

static int
pr_validate(const struct integra_host *h, struct integra_record *rec)
{
	const char *stage, *type;
	int rc;

	if (api->record_kind(rec) != INTEGRA_RECORD_PROGRAMME)
		return INTEGRA_OK;
	if (get_text(rec, "code", 1) == NULL)
		set_defaults(rec);
	stage = get_text(rec, "stage", 0);
	type = get_text(rec, "act_type", 0);
	if (stage && (rc = check_stage(h, get_text(rec, "stage", 1), stage)) != 0)
		return rc;
	if (stage && type && strcmp(stage, "state-registration") == 0 &&
	    strcmp(type, "ministry-order") != 0)
		return api->error(h, INTEGRA_EINVALID, "field 'stage' = "
		    "'state-registration' applies to ministry orders only (act_type is "
		    "'%s')", type);
	return check_amends(h, rec);
}

INTEGRA_PLUGIN_DEFINE(
	.name = "procurement",
	.version = "1.0",
	.area = AREA,
	.title = N_("the acts that implement the defence-procurement law (No. 808-IX)"),
	.schema_version = 0,
	.participants = INTEGRA_PARTICIPANT_ORGANISATION,
	.roles = roles,
	.fields = fields,
	.reports = reports,
	.init = pr_init,
	.validate = pr_validate,
	.textdomain = "integra",
);
