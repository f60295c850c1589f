/*
 * The reports of the rules of professional development (issue 15):
 * annual compliance (planned, earned and target credits of everyone in
 * the civil and local self-government service), the training needs of
 * categories Б and В from the individual development programmes, and
 * the certificates that expire soon.  Credits are the core's one figure
 * (participation_credits); the year is that of --to, else of --as-of.
 */
#include "cs.h"

/* The warnings of the compliance report: identifiers in csv and json,
 * named in the human formats by the labels layer, which looks each up as
 * a message of context "warning" (its name translated). */
const char *const cs_warnings[] = {
	NC_("warning", "self-education-over-cap"), NULL
};

/* The year reported: of --to, else of --as-of (today). */
#define YEAR "substr(coalesce(:to, :as_of), 1, 4)"

/* Everyone in scope with planned, earned and counted credits of the year:
 * self-education counts up to self_education_cap percent of the year's
 * credits; met when the counted credits reach the target. */
#define COMPLIANCE_CTE \
	"WITH e AS (SELECT c.person_id, " \
	"  total(CASE WHEN json_extract(p.fields, '$.kind') = '" KIND_SELF "' " \
	"    THEN 0 ELSE c.credits END) AS other, " \
	"  total(CASE WHEN json_extract(p.fields, '$.kind') = '" KIND_SELF "' " \
	"    THEN c.credits ELSE 0 END) AS self " \
	"  FROM " CS_CREDITS_FROM "WHERE c.credits IS NOT NULL " \
	"  AND substr(c.credit_date, 1, 4) = " YEAR " AND c.credit_date <= :as_of " \
	"  AND (:from IS NULL OR c.credit_date >= :from) GROUP BY c.person_id), " \
	"pl AS (SELECT person_id, total(credits) AS planned FROM civil_service_plan " \
	"  WHERE CAST(year AS TEXT) = " YEAR " AND status <> 'not-done' " \
	"  GROUP BY person_id), " \
	"s AS (SELECT pe.id, pe.key, pe.name, pe.org_id, pe.service, pe.category, " \
	"  coalesce(pl.planned, 0) AS planned, coalesce(e.other, 0) AS other, " \
	"  coalesce(e.self, 0) AS self, " \
	"  CAST(:cfg_self_education_cap AS DOUBLE PRECISION) / 100.0 AS cap, " \
	"  CAST(:cfg_annual_credits_target AS DOUBLE PRECISION) AS target " \
	"  FROM person pe LEFT JOIN e ON e.person_id = pe.id " \
	"  LEFT JOIN pl ON pl.person_id = pe.id " \
	"  WHERE pe.service IN ('civil-service', 'local-self-government')), " \
	"r AS (SELECT s.*, round(CAST(s.other + s.self AS NUMERIC), 2) AS earned, " \
	"  round(CAST(s.other + CASE WHEN s.self < s.cap * (s.other + s.self) " \
	"  THEN s.self ELSE s.cap * (s.other + s.self) END AS NUMERIC), 2) AS counted, " \
	"  CASE WHEN s.self > s.cap * (s.other + s.self) + 1e-9 THEN 1 ELSE 0 END AS over " \
	"  FROM s), " \
	"m AS (SELECT r.*, CASE WHEN r.counted >= r.target - 1e-9 THEN 1 ELSE 0 END AS ok " \
	"  FROM r) "

/* The totals of a group of m. */
#define GROUP_COLS \
	"count(*) AS people, sum(m.ok) AS met_count, " \
	"round(100.0 * sum(m.ok) / count(*), 1) AS share, " \
	"round(CAST(total(m.planned) AS NUMERIC), 2) AS planned, " \
	"round(CAST(total(m.counted) AS NUMERIC), 2) AS counted "

const struct integra_report_query cs_compliance_queries[] = {
	{ "person", COMPLIANCE_CTE
	  "SELECT m.key AS person, m.name, o.code AS org, m.service, m.category, "
	  YEAR " AS year, round(CAST(m.planned AS NUMERIC), 2) AS planned, m.earned, "
	  "round(CAST(m.self AS NUMERIC), 2) AS self_education, m.counted, m.target, "
	  "CASE WHEN m.ok = 1 THEN 'yes' ELSE 'no' END AS met, "
	  "CASE WHEN m.over = 1 THEN 'self-education-over-cap' END AS warning "
	  "FROM m LEFT JOIN organisation o ON o.id = m.org_id "
	  "ORDER BY m.service, o.name COLLATE uk, m.name COLLATE uk, m.key" },
	{ "org", COMPLIANCE_CTE
	  "SELECT o.code AS org, o.name, m.service, " YEAR " AS year, " GROUP_COLS
	  "FROM m LEFT JOIN organisation o ON o.id = m.org_id "
	  "GROUP BY m.org_id, o.id, m.service ORDER BY m.service, o.name COLLATE uk" },
	{ "region", COMPLIANCE_CTE
	  "SELECT coalesce(o.region, '-') AS region, m.service, " YEAR " AS year, "
	  "count(DISTINCT m.org_id) AS orgs, " GROUP_COLS
	  "FROM m LEFT JOIN organisation o ON o.id = m.org_id "
	  "GROUP BY o.region, m.service ORDER BY m.service, region COLLATE uk" },
	{ "category", COMPLIANCE_CTE
	  "SELECT m.service, coalesce(m.category, '-') AS category, " YEAR " AS year, "
	  GROUP_COLS "FROM m GROUP BY m.service, m.category "
	  "ORDER BY m.service, category COLLATE uk" },
	{ "service", COMPLIANCE_CTE
	  "SELECT m.service, " YEAR " AS year, " GROUP_COLS
	  "FROM m GROUP BY m.service ORDER BY m.service" },
	{ NULL, NULL }
};

/* The columns that say whose row it is, in the reports by person. */
#define CS_WHO_COLUMNS \
	{ .name = "person", .type = INTEGRA_TEXT, .label = N_("Person"), \
	  .total = INTEGRA_TOTAL_NONE }, \
	{ .name = "name", .type = INTEGRA_TEXT, .label = N_("Name"), \
	  .total = INTEGRA_TOTAL_NONE }, \
	{ .name = "org", .type = INTEGRA_TEXT, .label = N_("Organisation"), \
	  .total = INTEGRA_TOTAL_NONE }

const struct integra_column cs_compliance_columns[] = {
	CS_WHO_COLUMNS,
	{ .name = "service", .type = INTEGRA_TEXT, .label = N_("Service"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "category", .type = INTEGRA_TEXT, .label = N_("Category"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "region", .type = INTEGRA_TEXT, .label = N_("Region"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "year", .type = INTEGRA_TEXT, .label = N_("Year"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "orgs", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Organisations"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "people", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("People"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "met", .type = INTEGRA_TEXT, .label = N_("Met the target") },
	{ .name = "met_count", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Met the target"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "share", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_MEASURE,
	  .label = N_("Share, %"), .total = INTEGRA_TOTAL_RATIO, .numerator = "met_count",
	  .denominator = "people", .scale = 100 },
	{ .name = "planned", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Planned credits"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "earned", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Credits earned"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "self_education", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Self-education"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "counted", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Credits counted"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "target", .type = INTEGRA_REAL, .label = N_("Target"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "warning", .type = INTEGRA_TEXT, .label = N_("Warning") },
	{ .name = NULL }
};

/* Plan items of the year of civil servants of categories Б and В. */
#define NEEDS_FROM \
	"FROM civil_service_plan pl JOIN person pe ON pe.id = pl.person_id " \
	"WHERE pe.service = 'civil-service' AND pe.category IN ('Б', 'В') " \
	"AND CAST(pl.year AS TEXT) = " YEAR " "

const struct integra_report_query cs_needs_queries[] = {
	{ "topic",
	  "SELECT pl.topic, pl.kind, pl.length, pl.content, " YEAR " AS year, "
	  "count(DISTINCT pl.person_id) AS people, count(*) AS items, "
	  "round(CAST(total(pl.credits) AS NUMERIC), 2) AS planned " NEEDS_FROM
	  "GROUP BY pl.topic, pl.kind, pl.length, pl.content "
	  "ORDER BY planned DESC, pl.topic COLLATE uk" },
	{ "category",
	  "SELECT pe.category, " YEAR " AS year, count(DISTINCT pl.person_id) AS people, "
	  "count(DISTINCT pl.topic) AS topics, count(*) AS items, "
	  "round(CAST(total(pl.credits) AS NUMERIC), 2) AS planned " NEEDS_FROM
	  "GROUP BY pe.category ORDER BY pe.category COLLATE uk" },
	{ "kind",
	  "SELECT pl.kind, " YEAR " AS year, count(DISTINCT pl.person_id) AS people, "
	  "count(*) AS items, round(CAST(total(pl.credits) AS NUMERIC), 2) AS planned " NEEDS_FROM
	  "GROUP BY pl.kind ORDER BY pl.kind" },
	{ NULL, NULL }
};

const struct integra_column cs_needs_columns[] = {
	{ .name = "topic", .type = INTEGRA_TEXT, .label = N_("Topic") },
	{ .name = "kind", .type = INTEGRA_TEXT, .label = N_("Kind of training") },
	{ .name = "length", .type = INTEGRA_TEXT, .label = N_("Length") },
	{ .name = "content", .type = INTEGRA_TEXT, .label = N_("Content") },
	{ .name = "category", .type = INTEGRA_TEXT, .label = N_("Category") },
	{ .name = "year", .type = INTEGRA_TEXT, .label = N_("Year"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "people", .type = INTEGRA_INTEGER, .label = N_("People"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "topics", .type = INTEGRA_INTEGER, .label = N_("Topics"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "items", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Plan items"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "planned", .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE,
	  .label = N_("Planned credits"), .total = INTEGRA_TOTAL_SUM },
	{ .name = NULL }
};

/* Certificates valid until a day within --within days (30 when not given)
 * of --as-of; with --overdue, those already expired too. */
const struct integra_report_query cs_expiring_queries[] = {
	{ "none",
	  "WITH x AS (SELECT pa.person_id, p.code, p.title, "
	  "  json_extract(pa.fields, '$.certificate') AS certificate, "
	  "  json_extract(pa.fields, '$.certificate_issuer') AS issuer, "
	  "  json_extract(pa.fields, '$.certificate_date') AS issued, "
	  "  json_extract(pa.fields, '$.certificate_valid_until') AS valid_until "
	  "  FROM participation pa JOIN programme p ON p.id = pa.programme_id "
	  "  WHERE p.area = coalesce(:area, '" AREA "') AND pa.person_id IS NOT NULL) "
	  "SELECT pe.key AS person, pe.name, o.code AS org, x.code AS programme, "
	  "x.title, x.certificate, x.issuer, x.issued, x.valid_until, "
	  "CAST(julianday(x.valid_until) - julianday(:as_of) AS INTEGER) AS days_left "
	  "FROM x JOIN person pe ON pe.id = x.person_id "
	  "LEFT JOIN organisation o ON o.id = pe.org_id "
	  "WHERE x.valid_until IS NOT NULL "
	  "AND x.valid_until <= date(:as_of, '+' || coalesce(:within, 30) || ' days') "
	  "AND (x.valid_until >= :as_of OR :overdue IS NOT NULL) "
	  "ORDER BY x.valid_until, pe.name COLLATE uk, pe.key" },
	{ NULL, NULL }
};

const struct integra_column cs_expiring_columns[] = {
	CS_WHO_COLUMNS,
	{ .name = "programme", .type = INTEGRA_TEXT, .label = N_("Programme"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "title", .type = INTEGRA_TEXT, .label = N_("Title"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "issued", .type = INTEGRA_DATE, .label = N_("Issued") },
	{ .name = "valid_until", .type = INTEGRA_DATE, .label = N_("Valid until") },
	{ .name = "days_left", .type = INTEGRA_INTEGER, .label = N_("Days left"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "certificate", .type = INTEGRA_TEXT, .label = N_("Certificate") },
	{ .name = "issuer", .type = INTEGRA_TEXT, .label = N_("Issued by") },
	{ .name = NULL }
};
