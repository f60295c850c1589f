/*
 * The exercises plugin: NATO operations, exercises and trainings that the
 * armed forces took part in or hosted (Rapid Trident, Sea Breeze, ...).
 * Units (organisations of kind military-unit) take part with a headcount,
 * people take part without one; roles are participant, observer, host and
 * staff.  Public figures disagree, so an exercise records the source of
 * its figures.  Reports: participation by year and domain, and each
 * unit's record.  The planning stages and training objectives (plan.c)
 * and the lessons-learned workflow (lessons.c) live in the plugin's own
 * tables; outstanding remedial actions show in `integra deadlines`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex.h"


static const char *const kinds[] = { "exercise", "operation", "training", NULL };
static const char *const types[] = { "CPX", "LIVEX", "CAX", "FTX", "other", NULL };
static const char *const leads[] = { "NATO", "nation", "multinational", NULL };
static const char *const domains[] = {
	"land", "maritime", "air", "cyber", "joint", NULL
};
static const char *const roles[] = {
	"participant", "observer", "host", "staff", NULL
};

static const struct integra_field fields[] = {
	{ .name = "kind",
	  .label = N_("Kind"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .values = kinds,
	  .help = N_("exercise, operation or training") },
	{ .name = "type",
	  .label = N_("Type"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = types,
	  .help = N_("CPX (command-post), LIVEX (live), CAX (computer-assisted), "
	  "FTX (field) or other") },
	{ .name = "lead",
	  .label = N_("Lead"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = leads,
	  .help = N_("who leads it: NATO, a nation or multinational") },
	{ .name = "host_nation",
	  .label = N_("Host nation"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("the nation (or nations) hosting it") },
	{ .name = "location",
	  .label = N_("Location"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("where it takes place") },
	{ .name = "domain",
	  .label = N_("Domain"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = domains,
	  .help = N_("land, maritime, air, cyber or joint") },
	{ .name = "nations",
	  .label = N_("Nations"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .min = 1,
	  .max = 200,
	  .help = N_("number of nations taking part, as the source says") },
	{ .name = "troops",
	  .label = N_("Troops"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = 10000000,
	  .help = N_("troops taking part in all, as the source says") },
	{ .name = "ships",
	  .label = N_("Ships"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = 100000,
	  .help = N_("ships, as the source says") },
	{ .name = "aircraft",
	  .label = N_("Aircraft"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = 100000,
	  .help = N_("aircraft, as the source says") },
	{ .name = "source",
	  .label = N_("Source"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .help = N_("where the figures come from (sources disagree)") },
	{ .name = "headcount",
	  .label = N_("Headcount"),
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .min = 1,
	  .max = 1000000,
	  .help = N_("service members a unit sent (units only)") },
	{ .name = NULL }
};

/* Participations that count: not withdrawn, of exercises not cancelled. */
#define COUNTED \
	"p.area = coalesce(:area, '" AREA "') AND p.status <> 'cancelled' " \
	"AND (:from IS NULL OR p.start >= :from) AND (:to IS NULL OR p.start <= :to) "

static const struct integra_report_query by_year_queries[] = {
	{ "year",
	  "SELECT substr(p.start, 1, 4) AS year, json_extract(p.fields, '$.domain') "
	  "AS domain, count(DISTINCT p.id) AS exercises, "
	  "count(DISTINCT pa.org_id) AS units, count(DISTINCT pa.person_id) AS people, "
	  "coalesce(sum(CAST(json_extract(pa.fields, '$.headcount') AS NUMERIC)), 0) "
	  "AS headcount "
	  "FROM programme p LEFT JOIN participation pa ON pa.programme_id = p.id "
	  "  AND pa.status <> 'withdrawn' "
	  "WHERE " COUNTED
	  "GROUP BY year, domain ORDER BY year, domain" },
	{ NULL, NULL }
};

static const struct integra_column by_year_columns[] = {
	{ .name = "year", .label = N_("Year"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "domain", .label = N_("Domain"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "exercises", .label = N_("Exercises"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "units", .label = N_("Units"), .type = INTEGRA_INTEGER,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "people", .label = N_("People"), .type = INTEGRA_INTEGER,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "headcount", .label = N_("Headcount"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = NULL }
};

static const struct integra_report_query unit_queries[] = {
	{ "unit",
	  "SELECT o.code AS unit, o.name, count(DISTINCT p.id) AS exercises, "
	  "min(p.start) AS \"first\", max(p.start) AS \"last\", "
	  "coalesce(sum(CAST(json_extract(pa.fields, '$.headcount') AS NUMERIC)), 0) "
	  "AS headcount "
	  "FROM participation pa JOIN programme p ON p.id = pa.programme_id "
	  "JOIN organisation o ON o.id = pa.org_id "
	  "WHERE pa.status <> 'withdrawn' AND " COUNTED
	  "GROUP BY o.id ORDER BY o.name COLLATE uk" },
	{ NULL, NULL }
};

static const struct integra_column unit_columns[] = {
	{ .name = "unit", .label = N_("Unit code"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "name", .label = N_("Unit"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "exercises", .label = N_("Exercises"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "first", .label = N_("First"), .type = INTEGRA_DATE,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "last", .label = N_("Last"), .type = INTEGRA_DATE,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "headcount", .label = N_("Headcount"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = NULL }
};

/* Each exercise as of :as_of: its stage, its objectives' results, its
 * observations and lessons, and the remedial actions late. */
static const struct integra_report_query learning_queries[] = {
	{ "exercise",
	  "SELECT p.code AS exercise, p.title,"
	  " (SELECT s.stage FROM exercises_stage s WHERE s.programme_id = p.id"
	  "  AND s.since <= :as_of ORDER BY s.id DESC LIMIT 1) AS stage,"
	  " (SELECT count(*) FROM exercises_objective o WHERE o.programme_id = p.id)"
	  "  AS objectives,"
	  " (SELECT count(*) FROM exercises_objective o WHERE o.programme_id = p.id"
	  "  AND o.result = 'achieved' AND o.assessed <= :as_of) AS achieved,"
	  " (SELECT count(*) FROM exercises_objective o WHERE o.programme_id = p.id"
	  "  AND o.result = 'partly' AND o.assessed <= :as_of) AS partly,"
	  " (SELECT count(*) FROM exercises_objective o WHERE o.programme_id = p.id"
	  "  AND o.result = 'not-achieved' AND o.assessed <= :as_of) AS not_achieved,"
	  " count(l.id) AS observations,"
	  " coalesce(sum(CASE WHEN l.status = 'rejected' AND l.decided <= :as_of"
	  "  THEN 1 ELSE 0 END), 0) AS rejected,"
	  " coalesce(sum(CASE WHEN l.identified <= :as_of AND (l.learned IS NULL"
	  "  OR l.learned > :as_of) THEN 1 ELSE 0 END), 0) AS actions_open,"
	  " coalesce(sum(CASE WHEN l.identified <= :as_of AND (l.learned IS NULL"
	  "  OR l.learned > :as_of) AND l.due < :as_of THEN 1 ELSE 0 END), 0)"
	  " AS actions_late,"
	  " coalesce(sum(CASE WHEN l.learned <= :as_of THEN 1 ELSE 0 END), 0)"
	  " AS learned "
	  "FROM programme p LEFT JOIN exercises_lesson l ON l.programme_id = p.id"
	  " AND l.recorded <= :as_of "
	  "WHERE p.area = coalesce(:area, '" AREA "') AND p.status <> 'cancelled'"
	  " AND (:from IS NULL OR p.start >= :from) AND (:to IS NULL OR p.start <= :to) "
	  "GROUP BY p.id ORDER BY p.start, p.code" },
	{ NULL, NULL }
};

#define LEARNING_COUNT(n, l) \
	{ .name = n, .type = INTEGRA_INTEGER, .label = l, .total = INTEGRA_TOTAL_SUM }

static const struct integra_column learning_columns[] = {
	{ .name = "exercise", .type = INTEGRA_TEXT, .label = N_("Exercise") },
	{ .name = "title", .type = INTEGRA_TEXT, .label = N_("Title"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "stage", .type = INTEGRA_TEXT, .label = N_("Stage") },
	LEARNING_COUNT("objectives", N_("Objectives")),
	LEARNING_COUNT("achieved", N_("Achieved")),
	LEARNING_COUNT("partly", N_("Partly achieved")),
	LEARNING_COUNT("not_achieved", N_("Not achieved")),
	LEARNING_COUNT("observations", N_("Observations")),
	LEARNING_COUNT("rejected", N_("Rejected")),
	LEARNING_COUNT("actions_open", N_("Actions open")),
	{ .name = "actions_late", .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_MEASURE, .label = N_("Actions late"),
	  .total = INTEGRA_TOTAL_SUM },
	LEARNING_COUNT("learned", N_("Lessons learned")),
	{ .name = NULL }
};

static const struct integra_report reports[] = {
	{ .name = "ex_by_year", .title = N_("Exercises by year and domain"),
	  .summary = N_("how many exercises, units and troops in each year and domain"),
	  .queries = by_year_queries, .columns = by_year_columns },
	{ .name = "ex_unit_record", .title = N_("Each unit's record of exercises"),
	  .summary = N_("which exercises each unit took part in, first and last, "
	  "with headcount"),
	  .queries = unit_queries, .columns = unit_columns },
	{ .name = "ex_learning", .title = N_("Exercises: stages, objectives and "
	  "lessons learned"),
	  .summary = N_("each exercise's stage, objectives achieved, observations, "
	  "remedial actions open and late, lessons learned, as of a day"),
	  .queries = learning_queries, .columns = learning_columns },
	{ .name = NULL }
};

static const struct integra_command commands[] = {
	{ .name = "lesson",
	  .usage = N_("submit EXERCISE TEXT | validate N | reject N REASON | "
	  "identify N --action TEXT --body ORG --due DATE | learn N | "
	  "list [EXERCISE] [--status S]; steps take [--on DATE]"),
	  .summary = N_("lessons learned: an observation submitted, validated or "
	  "rejected, identified with a remedial action, learned"),
	  .flags = INTEGRA_COMMAND_WRITES, .exec = ex_cmd_lesson },
	{ .name = "objective",
	  .usage = N_("add EXERCISE CODE TEXT | set EXERCISE CODE "
	  "achieved|partly|not-achieved [--on DATE] | list [EXERCISE]"),
	  .summary = N_("training objectives of an exercise and whether each was "
	  "achieved"),
	  .flags = INTEGRA_COMMAND_WRITES, .exec = ex_cmd_objective },
	{ .name = "stage",
	  .usage = N_("set EXERCISE initiation|specification|planning|conduct|"
	  "after-action [--on DATE] | list [EXERCISE]"),
	  .summary = N_("the planning stage of an exercise and when it moved"),
	  .flags = INTEGRA_COMMAND_WRITES, .exec = ex_cmd_stage },
	{ .name = NULL }
};

static int
ex_init(const struct integra_api *a, const struct integra_host *h)
{
	(void)h;
	ex_api = a;
	return INTEGRA_OK;
}

/* Version 1: lessons as free text; version 2: the planning stages, the
 * training objectives and the lessons-learned workflow. */
static int
ex_migrate(const struct integra_host *h, uint32_t from, uint32_t to)
{
	int rc;

	if (from < 1 && to >= 1) {
		if ((rc = ex_api->exec(h, "CREATE TABLE exercises_lesson ("
		    "id INTEGER PRIMARY KEY, "
		    "programme_id INTEGER NOT NULL REFERENCES programme(id), "
		    "recorded TEXT NOT NULL, "
		    "text TEXT NOT NULL)", NULL, 0, NULL)) != 0)
			return rc;
		if ((rc = ex_api->exec(h, "CREATE INDEX exercises_lesson_programme "
		    "ON exercises_lesson(programme_id)", NULL, 0, NULL)) != 0)
			return rc;
	}
	if (from < 2 && to >= 2) {
		if ((rc = ex_lessons_migrate(h)) != 0)
			return rc;
		return ex_plan_migrate(h);
	}
	return INTEGRA_OK;
}

/* Units only carry a headcount; organisations take part as units only. */
static int
check_participation(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value kind, who, head;
	char okind[64] = "";
	int has_head, rc;

	if (ex_api->record_get(rec, "participant_kind", &kind) != 0 || !kind.s ||
	    ex_api->record_get(rec, "participant", &who) != 0 || !who.s)
		return INTEGRA_OK;
	has_head = ex_api->record_get(rec, "headcount", &head) == 0 &&
	    head.type != INTEGRA_NULL;
	if (strcmp(kind.s, "person") == 0) {
		if (has_head)
			return ex_api->error(h, INTEGRA_EINVALID, "field 'headcount' = %lld "
			    "is for units only: person '%s' takes part alone (allowed: "
			    "a headcount on an organisation of kind military-unit)",
			    (long long)head.i, who.s);
		return INTEGRA_OK;
	}
	if ((rc = ex_api->query(h, "SELECT kind FROM organisation WHERE code = ?1",
	    &who, 1, ex_first_text, okind)) != 0)
		return rc;
	if (okind[0] && strcmp(okind, "military-unit") != 0)
		return ex_api->error(h, INTEGRA_EINVALID, "organisation '%s' is of kind "
		    "'%s' (allowed in exercises: organisations of kind military-unit, "
		    "or people)", who.s, okind);
	return INTEGRA_OK;
}

static int
ex_validate(const struct integra_host *h, struct integra_record *rec)
{
	if (ex_api->record_kind(rec) == INTEGRA_RECORD_PARTICIPATION)
		return check_participation(h, rec);
	return INTEGRA_OK;
}

INTEGRA_PLUGIN_DEFINE(
	.name = "exercises",
	.version = "1.1",
	.area = AREA,
	.title = N_("NATO operations, exercises and trainings: units, headcount, "
	    "planning stages, objectives, lessons learned"),
	.schema_version = 2,
	.participants = INTEGRA_PARTICIPANT_PERSON | INTEGRA_PARTICIPANT_ORGANISATION,
	.roles = roles,
	.fields = fields,
	.reports = reports,
	.commands = commands,
	.init = ex_init,
	.migrate = ex_migrate,
	.validate = ex_validate,
	.textdomain = "integra",
	.deadlines = ex_deadlines_sql,
);
