/*
 * The civil_service plugin: professional development on Euro-Atlantic
 * integration for civil servants and local self-government officials.
 * Programmes are counted in ECTS credits: professional (certificate)
 * programmes of 2 or more credits, short-term programmes of 0.2 to 1
 * credit; hours are derived from credits at the configured hours per
 * credit (30 by default).  Reports: coverage of each organisation or
 * region, credits per person per year against an annual target, and
 * completions over time.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "integra/plugin.h"

#define AREA		"civil_service"
#define CREDITS_MAX	120.0	/* two academic years: more is a typing error */

static const struct integra_api *api;
static double hours_per_credit = 30;

static const char *const kinds[] = { "professional", "short-term", "other", NULL };
static const char *const formats[] = { "in-person", "online", "blended", NULL };

static const struct integra_field fields[] = {
	{ .name = "provider",
	  .label = "Provider",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = "who teaches it, e.g. the Higher School of Public Administration" },
	{ .name = "kind",
	  .label = "Kind",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .values = kinds,
	  .help = "professional (certificate, 2+ credits), short-term (0.2-1 credit) or other" },
	{ .name = "credits",
	  .label = "ECTS credits",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_REAL,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = CREDITS_MAX,
	  .help = "ECTS credits of the programme" },
	{ .name = "hours",
	  .label = "Hours",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_REAL,
	  .flags = INTEGRA_FIELD_DERIVED,
	  .help = "credits times hours_per_credit (derived)" },
	{ .name = "format",
	  .label = "Format",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = formats,
	  .help = "in-person, online or blended" },
	{ .name = "target_groups",
	  .label = "Target groups",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = "who it is for, e.g. categories Б and В" },
	{ .name = "credits_earned",
	  .label = "Credits earned",
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_REAL,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = CREDITS_MAX,
	  .help = "ECTS credits the participant earned (at most the programme's)" },
	{ .name = "certificate",
	  .label = "Certificate",
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_TEXT,
	  .help = "number of the certificate issued" },
	{ .name = "completion_date",
	  .label = "Completed on",
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_DATE,
	  .help = "the day the programme was completed" },
	{ .name = NULL }
};

static const struct integra_config_key config[] = {
	{ "hours_per_credit", INTEGRA_INTEGER, 1, 60, "30",
	  "hours of study in one ECTS credit" },
	{ "annual_credits_target", INTEGRA_REAL, 0, CREDITS_MAX, "3",
	  "ECTS credits each person should earn per year (cs_credits)" },
	{ NULL, 0, 0, 0, NULL, NULL }
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

/* Credits of each person in each year (completed participations). */
#define CREDITS_CTE \
	"WITH c AS (SELECT pa.person_id, substr(coalesce(" DONE_DATE ", p.end), 1, 4) " \
	"  AS year, coalesce(json_extract(pa.fields, '$.credits_earned'), pa.credits, " \
	"  json_extract(p.fields, '$.credits'), 0) AS credits " \
	"  FROM participation pa JOIN programme p ON p.id = pa.programme_id " \
	"  WHERE " DONE_WHERE "), " \
	"y AS (SELECT c.person_id, c.year, round(sum(c.credits), 2) AS credits, " \
	"  CAST(:cfg_annual_credits_target AS REAL) AS target FROM c " \
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
	  "sum(y.credits >= y.target - 1e-9) AS met, round(sum(y.credits), 2) AS credits, "
	  "round(avg(y.credits), 2) AS avg_credits, max(y.target) AS target "
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
	"count(DISTINCT pa.person_id) AS people, round(sum(coalesce(" \
	"json_extract(pa.fields, '$.credits_earned'), pa.credits, " \
	"json_extract(p.fields, '$.credits'), 0)), 2) AS credits " \
	"FROM participation pa JOIN programme p ON p.id = pa.programme_id " \
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
	{ "cs_coverage", "Coverage of professional development",
	  "what share of the people of each organisation or region completed at least "
	  "one programme", coverage_queries, coverage_columns },
	{ "cs_credits", "ECTS credits per person per year",
	  "who earned the annual target of credits in each year", credits_queries,
	  credits_columns },
	{ "cs_completions", "Completions over time",
	  "how many programmes were completed in each month or year",
	  completions_queries, completions_columns },
	{ NULL, NULL, NULL, NULL, NULL }
};

static int
cs_init(const struct integra_api *a, const struct integra_host *h)
{
	int64_t n;

	api = a;
	if (api->config_int(h, "hours_per_credit", &n) == 0 && n > 0)
		hours_per_credit = (double)n;
	return INTEGRA_OK;
}

/* A real field of the record, or NAN when it has none. */
static double
get_real(struct integra_record *rec, const char *name)
{
	struct integra_value v;

	if (api->record_get(rec, name, &v) != 0)
		return NAN;
	if (v.type == INTEGRA_REAL)
		return v.r;
	if (v.type == INTEGRA_INTEGER)
		return (double)v.i;
	return NAN;
}

/* Credits within the bounds of the kind; hours derived from them. */
static int
check_programme(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value kind, hours = { INTEGRA_NULL, 0, 0, NULL, 0 };
	double credits = get_real(rec, "credits"), lo = 0, hi = CREDITS_MAX;
	const char *range = NULL;

	if (api->record_get(rec, "kind", &kind) == 0 && kind.type != INTEGRA_NULL &&
	    kind.s) {
		if (strcmp(kind.s, "professional") == 0) {
			lo = 2;
			range = "2 or more";
		} else if (strcmp(kind.s, "short-term") == 0) {
			lo = 0.2;
			hi = 1;
			range = "0.2 to 1";
		}
	}
	if (range && isnan(credits))
		return api->error(h, INTEGRA_EINVALID, "field 'credits' is required for "
		    "kind '%s' (allowed: %s ECTS credits)", kind.s, range);
	if (range && (credits < lo - 1e-9 || credits > hi + 1e-9))
		return api->error(h, INTEGRA_EINVALID, "field 'credits' = %g is out of "
		    "range for kind '%s' (allowed: %s ECTS credits)", credits, kind.s,
		    range);
	if (!isnan(credits)) {
		hours.type = INTEGRA_REAL;
		hours.r = credits * hours_per_credit;
	}
	return api->record_set(rec, "hours", &hours);
}

static int
first_real(void *ud, const struct integra_value *cols, size_t ncols)
{
	double *out = ud;

	if (ncols > 0 && cols[0].type == INTEGRA_REAL)
		*out = cols[0].r;
	else if (ncols > 0 && cols[0].type == INTEGRA_INTEGER)
		*out = (double)cols[0].i;
	return 1;
}

/* Credits earned at most the programme's credits. */
static int
check_participation(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value prog;
	double earned = get_real(rec, "credits_earned"), credits = NAN;
	int rc;

	if (isnan(earned) || api->record_get(rec, "programme", &prog) != 0 ||
	    prog.type == INTEGRA_NULL || prog.s == NULL)
		return INTEGRA_OK;
	if ((rc = api->query(h, "SELECT json_extract(fields, '$.credits') FROM "
	    "programme WHERE code = ?1", &prog, 1, first_real, &credits)) != 0)
		return rc;
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
	.version = "1.0",
	.area = AREA,
	.title = "professional development of civil servants and local "
	    "self-government officials on Euro-Atlantic integration",
	.schema_version = 0,
	.participants = INTEGRA_PARTICIPANT_PERSON,
	.roles = NULL,
	.fields = fields,
	.config = config,
	.reports = reports,
	.init = cs_init,
	.validate = cs_validate,
);
