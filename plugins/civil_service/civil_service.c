/*
 * The civil_service plugin: professional development of civil servants
 * and local self-government officials, as Cabinet Resolution No. 106 of
 * 6 February 2019 and the NADS orders on ECTS credits and on individual
 * development programmes describe it.  Programmes have a kind of training
 * (master's, qualification upgrading, internship, self-education) and,
 * for qualification upgrading, a length (professional: 2 or more ECTS
 * credits; short-term: 0.2 to 1) and a content (general, special): all
 * configurable lists with these defaults.  Hours are derived from credits
 * at the configured hours per credit (30).  This file holds the
 * descriptor, the fields, the configuration and the checks of records;
 * cs_plan.c the individual development programmes, cs_transcript.c the
 * transcript, cs_reports.c the reports added for the annual compliance.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

const struct integra_api *api;
double hours_per_credit = 30;
struct cs_list cs_kinds = { .key = "kinds" };
struct cs_list cs_lengths = { .key = "lengths" };
struct cs_list cs_contents = { .key = "contents" };

static const char *const formats[] = { "in-person", "online", "blended", NULL };

static const struct integra_field fields[] = {
	{ .name = "provider",
	  .label = N_("Provider"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("who teaches it, e.g. the Higher School of Public Administration") },
	{ .name = "kind",
	  .label = N_("Kind of training"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .help = N_("masters, qualification-upgrading, internship or self-education "
	  "(the configured kinds)") },
	{ .name = "length",
	  .label = N_("Length"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("qualification upgrading: professional (certificate, 2+ credits) "
	  "or short-term (0.2-1 credit)") },
	{ .name = "content",
	  .label = N_("Content"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("qualification upgrading: general or special") },
	{ .name = "provider_org",
	  .label = N_("Provider (organisation)"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_REFERENCE,
	  .ref = INTEGRA_REF_ORGANISATION,
	  .help = N_("the provider's organisation code: an education provider, "
	  "foreign and international ones too") },
	{ .name = "credits",
	  .label = N_("ECTS credits"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_REAL,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = CREDITS_MAX,
	  .help = N_("ECTS credits of the programme") },
	{ .name = "hours",
	  .label = N_("Hours"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_REAL,
	  .flags = INTEGRA_FIELD_DERIVED,
	  .help = N_("credits times hours_per_credit (derived)") },
	{ .name = "format",
	  .label = N_("Format"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = formats,
	  .help = N_("in-person, online or blended") },
	{ .name = "target_groups",
	  .label = N_("Target groups"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("who it is for, e.g. categories Б and В") },
	{ .name = "credits_earned",
	  .label = N_("Credits earned"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_REAL,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = CREDITS_MAX,
	  .help = N_("ECTS credits the participant earned (at most the programme's)") },
	{ .name = "certificate",
	  .label = N_("Certificate"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_TEXT,
	  .help = N_("number of the certificate issued") },
	{ .name = "completion_date",
	  .label = N_("Completed on"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_DATE,
	  .help = N_("the day the programme was completed") },
	{ .name = "certificate_issuer",
	  .label = N_("Certificate issued by"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_TEXT,
	  .help = N_("who issued the certificate") },
	{ .name = "certificate_date",
	  .label = N_("Certificate date"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_DATE,
	  .help = N_("the day the certificate was issued") },
	{ .name = "certificate_valid_until",
	  .label = N_("Valid until"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_DATE,
	  .help = N_("last day of a time-limited qualification (not before it was issued)") },
	{ .name = NULL }
};

static const struct integra_config_key config[] = {
	{ .name = "hours_per_credit", .type = INTEGRA_INTEGER, .min = 1, .max = 60,
	  .def = "30", .help = N_("hours of study in one ECTS credit") },
	{ .name = "annual_credits_target", .type = INTEGRA_REAL, .min = 0,
	  .max = CREDITS_MAX, .def = "1",
	  .help = N_("ECTS credits each person should earn per year (NADS: 1)") },
	{ .name = "self_education_cap", .type = INTEGRA_REAL, .min = 0, .max = 100,
	  .def = "50",
	  .help = N_("most of a person's annual credits self-education may make, in percent") },
	{ .name = "kinds", .type = INTEGRA_TEXT,
	  .def = "masters, " KIND_QU ", internship, " KIND_SELF,
	  .help = N_("kinds of training, comma-separated, each NAME or NAME LOW-HIGH") },
	{ .name = "lengths", .type = INTEGRA_TEXT,
	  .def = "professional 2-, short-term 0.2-1",
	  .help = N_("lengths of qualification upgrading with their credit bounds") },
	{ .name = "contents", .type = INTEGRA_TEXT, .def = "general, special",
	  .help = N_("contents of qualification upgrading") },
	{ .name = NULL }
};

/* The day a participation was completed: its own field, else the status date. */
#define DONE_DATE "coalesce(json_extract(pa.fields, '$.completion_date'), pa.status_date)"

/* Completed participations of people in this area, within --from/--to/--as-of. */
#define DONE_WHERE \
	"p.area = coalesce(:area, '" AREA "') AND pa.status = 'completed' " \
	"AND pa.person_id IS NOT NULL " \
	"AND (:from IS NULL OR " DONE_DATE " >= :from) " \
	"AND (:to IS NULL OR " DONE_DATE " <= :to) " \
	"AND (:as_of IS NULL OR coalesce(" DONE_DATE ", :as_of) <= :as_of) "

static const struct integra_report_query coverage_queries[] = {
	{ "org",
	  "WITH done AS (SELECT DISTINCT pa.person_id FROM participation pa "
	  "  JOIN programme p ON p.id = pa.programme_id WHERE " DONE_WHERE ") "
	  "SELECT o.code AS org, o.name, o.region, count(pe.id) AS people, "
	  "count(done.person_id) AS completed, "
	  "round(100.0 * count(done.person_id) / count(pe.id), 1) AS share "
	  "FROM person pe JOIN organisation o ON o.id = pe.org_id "
	  "LEFT JOIN done ON done.person_id = pe.id "
	  "WHERE coalesce(pe.service, '') <> 'military' "
	  "GROUP BY o.id ORDER BY o.name COLLATE uk" },
	{ "region",
	  "WITH done AS (SELECT DISTINCT pa.person_id FROM participation pa "
	  "  JOIN programme p ON p.id = pa.programme_id WHERE " DONE_WHERE ") "
	  "SELECT coalesce(o.region, '-') AS region, count(DISTINCT o.id) AS orgs, "
	  "count(pe.id) AS people, count(done.person_id) AS completed, "
	  "round(100.0 * count(done.person_id) / count(pe.id), 1) AS share "
	  "FROM person pe JOIN organisation o ON o.id = pe.org_id "
	  "LEFT JOIN done ON done.person_id = pe.id "
	  "WHERE coalesce(pe.service, '') <> 'military' "
	  "GROUP BY o.region ORDER BY region COLLATE uk" },
	{ NULL, NULL }
};

static const struct integra_column coverage_columns[] = {
	{ .name = "org", .label = N_("Organisation code"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "name", .label = N_("Organisation"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "region", .label = N_("Region"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "orgs", .label = N_("Organisations"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "people", .label = N_("People"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "completed", .label = N_("Completed"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "share", .label = N_("Share, %"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_RATIO,
	  .numerator = "completed", .denominator = "people", .scale = 100 },
	{ .name = NULL }
};

/* Credits of each person in each year (completed participations): the
 * core's one figure, participation_credits. */
#define CREDITS_CTE \
	"WITH c AS (SELECT pa.person_id, substr(pc.credit_date, 1, 4) AS year, " \
	"  coalesce(pc.credits, 0) AS credits FROM participation pa " \
	"  JOIN programme p ON p.id = pa.programme_id " \
	"  JOIN participation_credits pc ON pc.participation_id = pa.id " \
	"  WHERE " DONE_WHERE "), " \
"y AS (SELECT c.person_id, c.year, " \
	"  round(CAST(sum(c.credits) AS NUMERIC), 2) AS credits, " \
	"  CAST(:cfg_annual_credits_target AS DOUBLE PRECISION) AS target FROM c " \
	"  WHERE c.year IS NOT NULL GROUP BY c.person_id, c.year) "

static const struct integra_report_query credits_queries[] = {
	{ "person", CREDITS_CTE
	  "SELECT pe.key AS person, pe.name, o.code AS org, y.year, y.credits, y.target, "
	  "CASE WHEN y.credits >= y.target - 1e-9 THEN 'yes' ELSE 'no' END AS met "
	  "FROM y JOIN person pe ON pe.id = y.person_id "
	  "LEFT JOIN organisation o ON o.id = pe.org_id "
	  "ORDER BY y.year, pe.name COLLATE uk, pe.key" },
	{ "org", CREDITS_CTE
	  "SELECT o.code AS org, o.name, y.year, count(*) AS people, "
	  "sum(CASE WHEN y.credits >= y.target - 1e-9 THEN 1 ELSE 0 END) AS met, "
	  "round(CAST(sum(y.credits) AS NUMERIC), 2) AS credits, "
	  "round(CAST(avg(y.credits) AS NUMERIC), 2) AS avg_credits, max(y.target) AS target "
	  "FROM y JOIN person pe ON pe.id = y.person_id "
	  "JOIN organisation o ON o.id = pe.org_id "
	  "GROUP BY o.id, y.year ORDER BY y.year, o.name COLLATE uk" },
	{ NULL, NULL }
};

static const struct integra_column credits_columns[] = {
	{ .name = "person", .label = N_("Person"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "name", .label = N_("Name"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "org", .label = N_("Organisation code"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "year", .label = N_("Year"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "credits", .label = N_("Credits"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "target", .label = N_("Target"), .type = INTEGRA_REAL,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "people", .label = N_("People"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "met", .label = N_("Target met"), .type = INTEGRA_NULL,
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "avg_credits", .label = N_("Average credits"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_RATIO,
	  .numerator = "credits", .denominator = "people", .scale = 1 },
	{ .name = NULL }
};

#define COMPLETIONS(len) \
	"SELECT substr(" DONE_DATE ", 1, " #len ") AS period, count(*) AS completions, " \
	"count(DISTINCT pa.person_id) AS people, " \
	"round(CAST(total(pc.credits) AS NUMERIC), 2) AS credits " \
	"FROM participation pa JOIN programme p ON p.id = pa.programme_id " \
	"JOIN participation_credits pc ON pc.participation_id = pa.id " \
	"WHERE " DONE_WHERE "AND " DONE_DATE " IS NOT NULL " \
	"GROUP BY period ORDER BY period"

static const struct integra_report_query completions_queries[] = {
	{ "month", COMPLETIONS(7) },
	{ "year", COMPLETIONS(4) },
	{ NULL, NULL }
};

static const struct integra_column completions_columns[] = {
	{ .name = "period", .label = N_("Period"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "completions", .label = N_("Completions"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = "people", .label = N_("People"), .type = INTEGRA_INTEGER,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "credits", .label = N_("Credits"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = NULL }
};

static const struct integra_report reports[] = {
	{ "cs_coverage", N_("Coverage of professional development"),
	  N_("what share of the people of each organisation or region completed at "
	  "least one programme"), coverage_queries, coverage_columns },
	{ "cs_credits", N_("ECTS credits per person per year"),
	  N_("who of those with credits earned the annual target in each year "
	  "(cs_compliance counts everyone)"), credits_queries, credits_columns },
	{ "cs_completions", N_("Completions over time"),
	  N_("how many programmes were completed in each month or year"),
	  completions_queries, completions_columns },
	{ "cs_compliance", N_("Annual professional development: planned, earned, target"),
	  N_("who in the civil and local self-government service earned the annual "
	  "target of ECTS credits, everyone counted"), cs_compliance_queries,
	  cs_compliance_columns },
	{ "cs_needs", N_("Training needs of categories Б and В"),
	  N_("what the individual development programmes of the year plan: topics, "
	  "credits, people"), cs_needs_queries, cs_needs_columns },
	{ "cs_certificates", N_("Certificates expiring"),
	  N_("whose time-limited qualification runs out within --within days "
	  "(30 if not given)"), cs_expiring_queries, cs_expiring_columns },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct integra_command commands[] = {
	{ .name = "plan",
	  .usage = "add PERSON YEAR (--programme CODE [--credits C] | --topic TEXT "
	  "--kind K [--length L] [--content C] --credits C) | show PERSON [YEAR] | "
	  "close PERSON YEAR ITEM --status done|not-done [--date D] | import FILE",
	  .summary = N_("individual development programmes: add, show, close items, "
	  "import from CSV"), .flags = INTEGRA_COMMAND_WRITES, .exec = cs_plan },
	{ .name = "transcript", .usage = "PERSON [--from DATE] [--to DATE]",
	  .summary = N_("one person's training over a period, to hand to the person"),
	  .exec = cs_transcript },
	{ .name = NULL }
};

/* Reads one entry "NAME" or "NAME LOW-HIGH" (HIGH may be left out) of a
 * configured list into c; 0 or -1 when it is not one. */
static int
parse_class(char *text, struct cs_class *c)
{
	char *sp, *dash, *end;
	size_t len;

	text += strspn(text, " \t");
	len = strcspn(text, " \t");
	if (len == 0 || len >= sizeof(c->name) || strspn(text,
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != len || text[0] < 'a' ||
	    text[0] > 'z')
		return -1;
	memcpy(c->name, text, len);
	c->name[len] = '\0';
	c->lo = 0;
	c->hi = CREDITS_MAX;
	c->bounded = 0;
	sp = text + len + strspn(text + len, " \t");
	if (*sp == '\0')
		return 0;
	c->bounded = 1;
	c->lo = strtod(sp, &dash);
	if (dash == sp || *dash != '-' || c->lo < 0)
		return -1;
	if (dash[1] == '\0' || strspn(dash + 1, " \t") == strlen(dash + 1))
		return 0;
	c->hi = strtod(dash + 1, &end);
	if (end == dash + 1 || end[strspn(end, " \t")] != '\0' || c->hi < c->lo ||
	    c->hi > CREDITS_MAX)
		return -1;
	return 0;
}

/* Reads the configured list l->key (comma-separated entries). */
static int
load_list(const struct integra_host *h, struct cs_list *l)
{
	const char *text;
	char buf[1024], *save = NULL, *tok;

	l->n = 0;
	if (api->config_text(h, l->key, &text) != 0 || strlen(text) >= sizeof(buf))
		return api->error(h, INTEGRA_EINVALID, "civil_service.%s: expected a "
		    "comma-separated list shorter than %zu bytes", l->key, sizeof(buf));
	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		tok += strspn(tok, " \t");
		if (l->n == CS_CLASS_MAX || parse_class(tok, &l->v[l->n]) != 0)
			return api->error(h, INTEGRA_EINVALID, "civil_service.%s: entry "
			    "'%s' is not NAME or NAME LOW-HIGH (e.g. 'short-term 0.2-1'), "
			    "or there are more than %d", l->key, tok, CS_CLASS_MAX);
		l->n++;
	}
	if (l->n == 0)
		return api->error(h, INTEGRA_EINVALID, "civil_service.%s: the list is "
		    "empty", l->key);
	return INTEGRA_OK;
}

int
cs_lists_load(const struct integra_host *h)
{
	int rc;

	if ((rc = load_list(h, &cs_kinds)) != 0 || (rc = load_list(h, &cs_lengths)) != 0)
		return rc;
	return load_list(h, &cs_contents);
}

/* The entry called name of a configured list, or NULL. */
const struct cs_class *
cs_find(const struct cs_list *l, const char *name)
{
	int i;

	for (i = 0; name && i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

/* The names of a configured list, comma-separated, for messages. */
void
cs_allowed(const struct cs_list *l, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < l->n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "",
		    l->v[i].name);
}

static int
cs_init(const struct integra_api *a, const struct integra_host *h)
{
	int64_t n;

	api = a;
	if (api->config_int(h, "hours_per_credit", &n) == 0 && n > 0)
		hours_per_credit = (double)n;
	return cs_lists_load(h);
}

/* A real field of the record, or NAN when it has none. */
static double
get_real(struct integra_record *rec, const char *name)
{
	struct integra_value v;

	if (api->record_get(rec, name, &v) != 0)
		return NAN;
	return cs_real(&v);
}

/* A text field of the record, or NULL. */
static const char *
get_text(struct integra_record *rec, const char *name)
{
	struct integra_value v;

	if (api->record_get(rec, name, &v) != 0 || v.type == INTEGRA_NULL)
		return NULL;
	return v.s;
}

/* Credits within the bounds of c (called `label` in messages). */
static int
check_bounds(const struct integra_host *h, const char *what, const char *label,
    const struct cs_class *c, double credits)
{
	char range[64];

	if (c == NULL || !c->bounded)
		return INTEGRA_OK;
	if (c->hi >= CREDITS_MAX)
		snprintf(range, sizeof(range), "%g or more", c->lo);
	else
		snprintf(range, sizeof(range), "%g to %g", c->lo, c->hi);
	if (isnan(credits))
		return api->error(h, INTEGRA_EINVALID, "%s is required for %s '%s' "
		    "(allowed: %s ECTS credits)", what, label, c->name, range);
	if (credits < c->lo - 1e-9 || credits > c->hi + 1e-9)
		return api->error(h, INTEGRA_EINVALID, "%s = %g is out of range for %s "
		    "'%s' (allowed: %s ECTS credits)", what, credits, label, c->name,
		    range);
	return INTEGRA_OK;
}

/* An optional length or content: in its list, and only for qualification
 * upgrading. */
static int
check_sub(const struct integra_host *h, const char *kind, const struct cs_list *l,
    const char *field, const char *value)
{
	char allowed[512];

	if (value == NULL)
		return INTEGRA_OK;
	if (strcmp(kind, KIND_QU) != 0)
		return api->error(h, INTEGRA_EINVALID, "%s '%s' applies only to kind '%s', not "
		    "'%s'", field, value, KIND_QU, kind);
	if (cs_find(l, value) == NULL) {
		cs_allowed(l, allowed, sizeof(allowed));
		return api->error(h, INTEGRA_EINVALID, "%s = '%s' is not allowed "
		    "(allowed: %s)", field, value, allowed);
	}
	return INTEGRA_OK;
}

/*
 * The classification of a programme or a plan item: the kind in the
 * configured kinds (or, as before, professional, short-term or other: a
 * length given as the kind); for qualification upgrading a length, which
 * bounds the credits, and an optional content.  `what` names the credits
 * in messages.
 */
int
cs_check_class(const struct integra_host *h, const char *what, const char *kind,
    const char *length, const char *content, double credits)
{
	const struct cs_class *k = cs_find(&cs_kinds, kind), *old;
	char allowed[512];
	int rc;

	if (kind && k == NULL && (old = cs_find(&cs_lengths, kind)) != NULL &&
	    length == NULL && content == NULL)
		return check_bounds(h, what, "kind", old, credits);
	if (kind && k == NULL && strcmp(kind, "other") == 0 && !length && !content)
		return INTEGRA_OK;
	if (k == NULL) {
		cs_allowed(&cs_kinds, allowed, sizeof(allowed));
		return api->error(h, INTEGRA_EINVALID, "kind '%s' is not a kind of "
		    "training (allowed: %s)", kind ? kind : "", allowed);
	}
	if ((rc = check_sub(h, kind, &cs_lengths, "length", length)) != 0 ||
	    (rc = check_sub(h, kind, &cs_contents, "content", content)) != 0)
		return rc;
	if (strcmp(kind, KIND_QU) == 0 && length == NULL) {
		cs_allowed(&cs_lengths, allowed, sizeof(allowed));
		return api->error(h, INTEGRA_EINVALID, "length is required for kind '%s' "
		    "(allowed: %s)", KIND_QU, allowed);
	}
	if (length)
		return check_bounds(h, what, "length", cs_find(&cs_lengths, length),
		    credits);
	return check_bounds(h, what, "kind", k, credits);
}

/* The provider, when it is an organisation: of kind education provider. */
static int
check_provider(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value code;
	struct cs_cell kind = { .v.type = INTEGRA_NULL };
	int rc;

	if (api->record_get(rec, "provider_org", &code) != 0 || code.type == INTEGRA_NULL)
		return INTEGRA_OK;
	if ((rc = api->query(h, "SELECT kind FROM organisation WHERE code = ?1",
	    &code, 1, cs_first_value, &kind)) != 0)
		return rc;
	if (kind.v.type == INTEGRA_TEXT && strcmp(kind.s, "education-provider") != 0)
		return api->error(h, INTEGRA_EINVALID, "field 'provider_org' = '%s' is an "
		    "organisation of kind '%s', not an education provider", code.s,
		    kind.s);
	return INTEGRA_OK;
}

/* Classification and credits within their bounds; hours derived. */
/* True when the two-byte Cyrillic letters at a and b are the same letter
 * in upper and lower case (А-Я and а-я, with Є І Ї Ґ). */
static int
same_letter(const char *a, const char *b)
{
	static const char *const pairs[] = { "АаБбВвГгҐґДдЕеЄєЖжЗзИиІіЇїЙйКкЛл"
	    "МмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЬьЮюЯя" };
	const char *p = pairs[0];

	for (; *p; p += 4)
		if ((strncmp(a, p, 2) == 0 && strncmp(b, p + 2, 2) == 0) ||
		    (strncmp(b, p, 2) == 0 && strncmp(a, p + 2, 2) == 0))
			return 1;
	return 0;
}

/* The Ukrainian names an HR office types for the default kinds, lengths
 * and contents, each with its identifier (used when that identifier is
 * in the configured list). */
static const struct {
	const char *uk, *id;
} uk_names[] = {
	{ "магістратура", "masters" }, { "магістерська програма", "masters" },
	{ "підвищення кваліфікації", "qualification-upgrading" },
	{ "стажування", "internship" }, { "самоосвіта", "self-education" },
	{ "професійна", "professional" }, { "професійне навчання", "professional" },
	{ "короткострокова", "short-term" },
	{ "короткострокове навчання", "short-term" },
	{ "загальна", "general" }, { "спеціальна", "special" },
};

/* Puts the identifier in place of a Ukrainian name in field, when the name
 * is one of uk_names (as typed, or with a capital first letter) and its
 * identifier is in list l. */
static int
cs_identifier(struct integra_record *rec, const char *field, const struct cs_list *l)
{
	struct integra_value v = { .type = INTEGRA_TEXT };
	const char *s = get_text(rec, field);
	size_t i, n;

	if (s == NULL || cs_find(l, s) != NULL)
		return INTEGRA_OK;
	for (i = 0; i < sizeof(uk_names) / sizeof(uk_names[0]); i++) {
		n = strlen(uk_names[i].uk);
		/* the first letter is two bytes in UTF-8: compare the rest, and
		 * the first in either case */
		if (strlen(s) != n || strcmp(s + 2, uk_names[i].uk + 2) != 0 ||
		    cs_find(l, uk_names[i].id) == NULL)
			continue;
		if (strncmp(s, uk_names[i].uk, 2) != 0 && !same_letter(s, uk_names[i].uk))
			continue;
		v.s = uk_names[i].id;
		v.n = 0;
		return api->record_set(rec, field, &v);
	}
	return INTEGRA_OK;
}

static int
check_programme(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value hours = { .type = INTEGRA_NULL };
	double credits = get_real(rec, "credits");
	int rc;

	/* a kind, or as before a length given as the kind */
	if ((rc = cs_identifier(rec, "kind", &cs_kinds)) != 0 ||
	    (rc = cs_identifier(rec, "kind", &cs_lengths)) != 0 ||
	    (rc = cs_identifier(rec, "length", &cs_lengths)) != 0 ||
	    (rc = cs_identifier(rec, "content", &cs_contents)) != 0)
		return rc;
	if ((rc = cs_check_class(h, "field 'credits'", get_text(rec, "kind"),
	    get_text(rec, "length"), get_text(rec, "content"), credits)) != 0 ||
	    (rc = check_provider(h, rec)) != 0)
		return rc;
	if (!isnan(credits)) {
		hours.type = INTEGRA_REAL;
		hours.r = credits * hours_per_credit;
	}
	return api->record_set(rec, "hours", &hours);
}

/* Credits earned at most the programme's credits; a certificate valid
 * until a day on or after it was issued. */
static int
check_participation(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value prog;
	struct cs_cell cv = { .v.type = INTEGRA_NULL };
	double earned = get_real(rec, "credits_earned"), credits;
	const char *issued = get_text(rec, "certificate_date");
	const char *until = get_text(rec, "certificate_valid_until");
	int rc;

	if (issued && until && strcmp(until, issued) < 0)
		return api->error(h, INTEGRA_EINVALID, "field 'certificate_valid_until' = "
		    "%s is before 'certificate_date' = %s (allowed: that day or later)",
		    until, issued);
	if (isnan(earned) || api->record_get(rec, "programme", &prog) != 0 ||
	    prog.type == INTEGRA_NULL || prog.s == NULL)
		return INTEGRA_OK;
	/* A number on both backends (PostgreSQL's json_extract gives text). */
	if ((rc = api->query(h, "SELECT CAST(json_extract(fields, '$.credits') AS "
	    "DOUBLE PRECISION) FROM programme WHERE code = ?1", &prog, 1,
	    cs_first_value, &cv)) != 0)
		return rc;
	credits = cs_real(&cv.v);
	if (!isnan(credits) && earned > credits + 1e-9)
		return api->error(h, INTEGRA_EINVALID, "field 'credits_earned' = %g is more "
		    "than programme '%s' gives (allowed: 0 to %g ECTS credits)", earned,
		    prog.s, credits);
	return INTEGRA_OK;
}

static int
cs_validate(const struct integra_host *h, struct integra_record *rec)
{
	switch (api->record_kind(rec)) {
	case INTEGRA_RECORD_PROGRAMME:
		return check_programme(h, rec);
	case INTEGRA_RECORD_PARTICIPATION:
		return check_participation(h, rec);
	default:
		return INTEGRA_OK;
	}
}

INTEGRA_PLUGIN_DEFINE(
	.name = "civil_service",
	.version = "2.0",
	.area = AREA,
	.title = N_("professional development of civil servants and local "
	    "self-government officials on Euro-Atlantic integration"),
	.schema_version = 1,
	.participants = INTEGRA_PARTICIPANT_PERSON,
	.roles = NULL,
	.fields = fields,
	.config = config,
	.reports = reports,
	.commands = commands,
	.init = cs_init,
	.migrate = cs_migrate,
	.validate = cs_validate,
	.textdomain = "integra",
);
