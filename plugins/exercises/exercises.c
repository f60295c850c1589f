/*
 * The exercises plugin: NATO operations, exercises and trainings that the
 * armed forces took part in or hosted (Rapid Trident, Sea Breeze, ...).
 * Units (organisations of kind military-unit) take part with a headcount,
 * people take part without one; roles are participant, observer, host and
 * staff.  Public figures disagree, so an exercise records the source of
 * its figures.  Lessons learned are kept in the plugin's own table
 * exercises_lesson.  Reports: participation by year and domain, and each
 * unit's record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra/plugin.h"

#define AREA		"exercises"
#define LESSON_MAX	4000	/* bytes of one lesson */

static const struct integra_api *api;

static const char *const kinds[] = { "exercise", "operation", "training", NULL };
static const char *const types[] = { "CPX", "LIVEX", "CAX", "FTX", "other", NULL };
static const char *const leads[] = { "NATO", "nation", "multinational", NULL };
static const char *const domains[] = {
	"land", "maritime", "air", "cyber", "joint", NULL
};
static const char *const roles[] = {
	"participant", "observer", "host", "staff", NULL
};

static int cmd_lesson(const struct integra_host *, int, char **);
static int cmd_lessons(const struct integra_host *, int, char **);

static const struct integra_field fields[] = {
	{ .name = "kind",
	  .label = "Kind",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .values = kinds,
	  .help = "exercise, operation or training" },
	{ .name = "type",
	  .label = "Type",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = types,
	  .help = "CPX (command-post), LIVEX (live), CAX (computer-assisted), "
	  "FTX (field) or other" },
	{ .name = "lead",
	  .label = "Lead",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = leads,
	  .help = "who leads it: NATO, a nation or multinational" },
	{ .name = "host_nation",
	  .label = "Host nation",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = "the nation (or nations) hosting it" },
	{ .name = "location",
	  .label = "Location",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = "where it takes place" },
	{ .name = "domain",
	  .label = "Domain",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM,
	  .values = domains,
	  .help = "land, maritime, air, cyber or joint" },
	{ .name = "nations",
	  .label = "Nations",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .min = 1,
	  .max = 200,
	  .help = "number of nations taking part, as the source says" },
	{ .name = "troops",
	  .label = "Troops",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = 10000000,
	  .help = "troops taking part in all, as the source says" },
	{ .name = "ships",
	  .label = "Ships",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = 100000,
	  .help = "ships, as the source says" },
	{ .name = "aircraft",
	  .label = "Aircraft",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .max = 100000,
	  .help = "aircraft, as the source says" },
	{ .name = "source",
	  .label = "Source",
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .help = "where the figures come from (sources disagree)" },
	{ .name = "headcount",
	  .label = "Headcount",
	  .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED,
	  .min = 1,
	  .max = 1000000,
	  .help = "service members a unit sent (units only)" },
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
	  "coalesce(sum(json_extract(pa.fields, '$.headcount')), 0) AS headcount "
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
	  "coalesce(sum(json_extract(pa.fields, '$.headcount')), 0) AS headcount "
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

static const struct integra_report reports[] = {
	{ "ex_by_year", "Exercises by year and domain",
	  "how many exercises, units and troops in each year and domain",
	  by_year_queries, by_year_columns },
	{ "ex_unit_record", "Each unit's record of exercises",
	  "which exercises each unit took part in, first and last, with headcount",
	  unit_queries, unit_columns },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct integra_command commands[] = {
	{ "lesson", "EXERCISE TEXT", "record a lesson learned in an exercise",
	  INTEGRA_COMMAND_WRITES, cmd_lesson },
	{ "lessons", "[EXERCISE]", "list lessons learned, of one exercise or all",
	  0, cmd_lessons },
	{ NULL, NULL, NULL, 0, NULL }
};

static int
ex_init(const struct integra_api *a, const struct integra_host *h)
{
	(void)h;
	api = a;
	return INTEGRA_OK;
}

static int
ex_migrate(const struct integra_host *h, uint32_t from, uint32_t to)
{
	int rc;

	if (from < 1 && to >= 1) {
		if ((rc = api->exec(h, "CREATE TABLE exercises_lesson ("
		    "id INTEGER PRIMARY KEY, "
		    "programme_id INTEGER NOT NULL REFERENCES programme(id), "
		    "recorded TEXT NOT NULL, "
		    "text TEXT NOT NULL)", NULL, 0, NULL)) != 0)
			return rc;
		if ((rc = api->exec(h, "CREATE INDEX exercises_lesson_programme "
		    "ON exercises_lesson(programme_id)", NULL, 0, NULL)) != 0)
			return rc;
	}
	return INTEGRA_OK;
}

static struct integra_value
text(const char *s)
{
	struct integra_value v = { INTEGRA_TEXT, 0, 0, s, s ? strlen(s) : 0 };

	if (s == NULL)
		v.type = INTEGRA_NULL;
	return v;
}

/* Row callback: the first column as text into a 64-byte buffer. */
static int
first_text(void *ud, const struct integra_value *cols, size_t ncols)
{
	char *out = ud;

	if (ncols > 0 && cols[0].s)
		snprintf(out, 64, "%s", cols[0].s);
	return 1;
}

/* Units only carry a headcount; organisations take part as units only. */
static int
check_participation(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value kind, who, head;
	char okind[64] = "";
	int has_head, rc;

	if (api->record_get(rec, "participant_kind", &kind) != 0 || !kind.s ||
	    api->record_get(rec, "participant", &who) != 0 || !who.s)
		return INTEGRA_OK;
	has_head = api->record_get(rec, "headcount", &head) == 0 &&
	    head.type != INTEGRA_NULL;
	if (strcmp(kind.s, "person") == 0) {
		if (has_head)
			return api->error(h, INTEGRA_EINVALID, "field 'headcount' = %lld "
			    "is for units only: person '%s' takes part alone (allowed: "
			    "a headcount on an organisation of kind military-unit)",
			    (long long)head.i, who.s);
		return INTEGRA_OK;
	}
	if ((rc = api->query(h, "SELECT kind FROM organisation WHERE code = ?1",
	    &who, 1, first_text, okind)) != 0)
		return rc;
	if (okind[0] && strcmp(okind, "military-unit") != 0)
		return api->error(h, INTEGRA_EINVALID, "organisation '%s' is of kind "
		    "'%s' (allowed in exercises: organisations of kind military-unit, "
		    "or people)", who.s, okind);
	return INTEGRA_OK;
}

static int
ex_validate(const struct integra_host *h, struct integra_record *rec)
{
	if (api->record_kind(rec) == INTEGRA_RECORD_PARTICIPATION)
		return check_participation(h, rec);
	return INTEGRA_OK;
}

struct found {
	int64_t id;
	char area[64];
};

static int
found_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct found *f = ud;

	if (ncols >= 2) {
		f->id = cols[0].i;
		snprintf(f->area, sizeof(f->area), "%s", cols[1].s ? cols[1].s : "");
	}
	return 1;
}

/* The id of exercise `code`, with an error naming it when it is none. */
static int
find_exercise(const struct integra_host *h, const char *code, int64_t *id)
{
	struct integra_value p = text(code);
	struct found f = { 0, "" };
	int rc;

	if ((rc = api->query(h, "SELECT id, area FROM programme WHERE code = ?1",
	    &p, 1, found_row, &f)) != 0)
		return rc;
	if (f.id == 0)
		return api->error(h, INTEGRA_ENOTFOUND, "no exercise '%s'", code);
	if (strcmp(f.area, AREA) != 0)
		return api->error(h, INTEGRA_EINVALID, "programme '%s' is in area '%s', "
		    "not an exercise", code, f.area);
	*id = f.id;
	return INTEGRA_OK;
}

static int
cmd_lesson(const struct integra_host *h, int argc, char **argv)
{
	struct integra_value p[3];
	char today[11];
	int64_t id;
	int rc;

	if (argc != 3)
		return api->error(h, INTEGRA_EUSAGE, "%s arguments for 'exercises "
		    "lesson'; usage: exercises lesson EXERCISE TEXT",
		    argc < 3 ? "missing" : "too many");
	if (argv[2][strspn(argv[2], " \t\n")] == '\0')
		return api->error(h, INTEGRA_EINVALID, "the lesson must not be empty");
	if (strlen(argv[2]) > LESSON_MAX)
		return api->error(h, INTEGRA_EINVALID, "the lesson is too long: %zu bytes "
		    "(at most %d)", strlen(argv[2]), LESSON_MAX);
	if ((rc = find_exercise(h, argv[1], &id)) != 0)
		return rc;
	api->today(h, today);
	p[0] = (struct integra_value){ INTEGRA_INTEGER, id, 0, NULL, 0 };
	p[1] = text(today);
	p[2] = text(argv[2]);
	return api->exec(h, "INSERT INTO exercises_lesson (programme_id, recorded, text) "
	    "VALUES (?1, ?2, ?3)", p, 3, NULL);
}

static int
emit_lesson(void *ud, const struct integra_value *cols, size_t ncols)
{
	const struct integra_host *h = ud;

	(void)ncols;
	return api->emit_row(h, cols) != 0;
}

static int
cmd_lessons(const struct integra_host *h, int argc, char **argv)
{
	static const struct integra_column cols[] = {
		{ .name = "exercise", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "id", .type = INTEGRA_INTEGER, .flags = 0 },
		{ .name = "recorded", .type = INTEGRA_DATE, .flags = 0 }, { .name = "lesson", .type = INTEGRA_TEXT, .flags = 0 },
	};
	struct integra_value p = text(argc > 1 ? argv[1] : NULL);
	int64_t id;
	int rc;

	if (argc > 2)
		return api->error(h, INTEGRA_EUSAGE, "too many arguments for 'exercises "
		    "lessons'; usage: exercises lessons [EXERCISE]");
	if (argc > 1 && (rc = find_exercise(h, argv[1], &id)) != 0)
		return rc;
	if ((rc = api->emit_begin(h, "Lessons learned", cols, 4)) != 0)
		return rc;
	rc = api->query(h, "SELECT p.code, l.id, l.recorded, l.text "
	    "FROM exercises_lesson l JOIN programme p ON p.id = l.programme_id "
	    "WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.code, l.id", &p, 1,
	    emit_lesson, (void *)h);
	if (rc != 0)
		return rc;
	return api->emit_end(h);
}

INTEGRA_PLUGIN_DEFINE(
	.name = "exercises",
	.version = "1.0",
	.area = AREA,
	.title = "NATO operations, exercises and trainings: units, headcount, lessons",
	.schema_version = 1,
	.participants = INTEGRA_PARTICIPANT_PERSON | INTEGRA_PARTICIPANT_ORGANISATION,
	.roles = roles,
	.fields = fields,
	.reports = reports,
	.commands = commands,
	.init = ex_init,
	.migrate = ex_migrate,
	.validate = ex_validate,
);
