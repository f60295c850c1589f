/*
 * The core schema as numbered migrations.  Each migration runs in its own
 * transaction and is recorded in the `migration` table; a migration, once
 * released, never changes: later changes come as new numbers.  The audit
 * triggers are generated from one description per audited table.
 */
#include <string.h>

#include "integra.h"
#include "schema.h"
#include "agency.h"

static const char migration_1[] =
"CREATE TABLE organisation (\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL COLLATE uk,\n"
"  kind TEXT NOT NULL DEFAULT 'other',\n"
"  region TEXT,\n"
"  parent_id INTEGER REFERENCES organisation(id)\n"
");\n"
"CREATE INDEX organisation_parent ON organisation(parent_id);\n"
"CREATE TABLE person (\n"
"  id INTEGER PRIMARY KEY,\n"
"  key TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL COLLATE uk,\n"
"  org_id INTEGER REFERENCES organisation(id),\n"
"  position TEXT,\n"
"  service TEXT,\n"
"  category TEXT\n"
");\n"
"CREATE INDEX person_org ON person(org_id);\n"
"CREATE TABLE programme (\n"
"  id INTEGER PRIMARY KEY,\n"
"  area TEXT NOT NULL,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  title TEXT NOT NULL COLLATE uk,\n"
"  owner_id INTEGER REFERENCES organisation(id),\n"
"  start TEXT,\n"
"  end TEXT,\n"
"  due TEXT,\n"
"  status TEXT NOT NULL DEFAULT 'planned'\n"
"    CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),\n"
"  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields))\n"
");\n"
"CREATE INDEX programme_area ON programme(area);\n"
"CREATE INDEX programme_owner ON programme(owner_id);\n"
"CREATE TABLE activity (\n"
"  id INTEGER PRIMARY KEY,\n"
"  programme_id INTEGER NOT NULL REFERENCES programme(id),\n"
"  code TEXT NOT NULL,\n"
"  title TEXT NOT NULL COLLATE uk,\n"
"  start TEXT,\n"
"  end TEXT,\n"
"  location TEXT,\n"
"  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),\n"
"  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),\n"
"  UNIQUE (programme_id, code)\n"
");\n"
"CREATE TABLE participation (\n"
"  id INTEGER PRIMARY KEY,\n"
"  programme_id INTEGER NOT NULL REFERENCES programme(id),\n"
"  activity_id INTEGER REFERENCES activity(id),\n"
"  person_id INTEGER REFERENCES person(id),\n"
"  org_id INTEGER REFERENCES organisation(id),\n"
"  role TEXT NOT NULL DEFAULT 'participant',\n"
"  status TEXT NOT NULL DEFAULT 'nominated' CHECK (status IN\n"
"    ('nominated', 'enrolled', 'attended', 'completed', 'failed', 'withdrawn')),\n"
"  start TEXT,\n"
"  end TEXT,\n"
"  status_date TEXT,\n"
"  hours REAL CHECK (hours IS NULL OR hours >= 0),\n"
"  credits REAL CHECK (credits IS NULL OR credits >= 0),\n"
"  result TEXT,\n"
"  fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),\n"
"  CHECK ((person_id IS NULL) <> (org_id IS NULL))\n"
");\n"
"CREATE UNIQUE INDEX participation_key ON participation(programme_id,\n"
"  coalesce(activity_id, 0), coalesce(person_id, 0), coalesce(org_id, 0));\n"
"CREATE INDEX participation_person ON participation(person_id);\n"
"CREATE INDEX participation_org ON participation(org_id);\n"
"CREATE INDEX participation_activity ON participation(activity_id);\n"
"CREATE TABLE audit (\n"
"  id INTEGER PRIMARY KEY,\n"
"  at TEXT NOT NULL,\n"
"  os_user TEXT NOT NULL,\n"
"  command TEXT NOT NULL,\n"
"  entity TEXT NOT NULL,\n"
"  entity_key TEXT NOT NULL,\n"
"  action TEXT NOT NULL,\n"
"  old TEXT,\n"
"  new TEXT\n"
");\n"
"CREATE INDEX audit_entity ON audit(entity, entity_key);\n"
"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit\n"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit\n"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n";

/* One audited table: how to name a row, and its values as JSON.  `R.` is
 * replaced by NEW. or OLD. */
struct audited {
	const char *table;
	const char *key;
	const char *json;
};

static const struct audited audited[] = {
	{ "organisation", "R.code",
	  "json_object('code', R.code, 'name', R.name, 'kind', R.kind, "
	  "'region', R.region, 'parent', (SELECT code FROM organisation "
	  "WHERE id = R.parent_id))" },
	{ "person", "R.key",
	  "json_object('key', R.key, 'name', R.name, 'org', (SELECT code FROM "
	  "organisation WHERE id = R.org_id), 'position', R.position, "
	  "'service', R.service, 'category', R.category)" },
	{ "programme", "R.code",
	  "json_object('area', R.area, 'code', R.code, 'title', R.title, "
	  "'owner', (SELECT code FROM organisation WHERE id = R.owner_id), "
	  "'start', R.start, 'end', R.end, 'due', R.due, 'status', R.status, "
	  "'fields', json(R.fields))" },
	{ "activity", "(SELECT code FROM programme WHERE id = R.programme_id) || '/' || R.code",
	  "json_object('programme', (SELECT code FROM programme WHERE id = "
	  "R.programme_id), 'code', R.code, 'title', R.title, 'start', R.start, "
	  "'end', R.end, 'location', R.location, 'capacity', R.capacity, "
	  "'fields', json(R.fields))" },
	{ "participation",
	  "(SELECT code FROM programme WHERE id = R.programme_id) || '/' || "
	  "coalesce((SELECT key FROM person WHERE id = R.person_id), "
	  "(SELECT code FROM organisation WHERE id = R.org_id)) || "
	  "coalesce('/' || (SELECT code FROM activity WHERE id = R.activity_id), '')",
	  "json_object('role', R.role, 'status', R.status, 'start', R.start, "
	  "'end', R.end, 'status_date', R.status_date, 'hours', R.hours, "
	  "'credits', R.credits, 'result', R.result, 'fields', json(R.fields))" },
};

static void
add_subst(struct buf *b, const char *s, const char *row)
{
	const char *p;

	while ((p = strstr(s, "R.")) != NULL) {
		buf_add(b, s, (size_t)(p - s));
		buf_adds(b, row);
		buf_addc(b, '.');
		s = p + 2;
	}
	buf_adds(b, s);
}

/* Appends the audit triggers of one table: of the events in mask (bit 0
 * add, 1 change, 2 remove). */
static void
audit_triggers(struct buf *b, const struct audited *t, unsigned mask)
{
	static const char *const ev[] = { "INSERT", "UPDATE", "DELETE" };
	static const char *const act[] = { "add", "change", "remove" };
	int i;

	for (i = 0; i < 3; i++) {
		const char *row = i == 2 ? "OLD" : "NEW";

		if (!(mask & (1u << i)))
			continue;
		buf_printf(b, "CREATE TRIGGER %s_audit_%s AFTER %s ON %s WHEN audit_on()",
		    t->table, act[i], ev[i], t->table);
		if (i == 1) {
			buf_adds(b, " AND ");
			add_subst(b, t->json, "OLD");
			buf_adds(b, " IS NOT ");
			add_subst(b, t->json, "NEW");
		}
		buf_printf(b, " BEGIN INSERT INTO audit (at, os_user, command, entity, "
		    "entity_key, action, old, new) VALUES (strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', "
		    "'now'), audit_user(), audit_command(), '%s', ", t->table);
		add_subst(b, t->key, row);
		buf_printf(b, ", '%s', ", act[i]);
		if (i == 0)
			buf_adds(b, "NULL");
		else
			add_subst(b, t->json, "OLD");
		buf_adds(b, ", ");
		if (i == 2)
			buf_adds(b, "NULL");
		else
			add_subst(b, t->json, "NEW");
		buf_adds(b, "); END;\n");
	}
}

/*
 * Migration 4: who owns what.  plugin_object names the plugin each plugin
 * table and index is registered to (api->exec registers what a plugin
 * creates; `integra init` adopts the tables plugins made before, see
 * plugin.c).  plugin_area binds each area to the plugin that first served
 * it (name, version, file and its SHA-256); its changes (a rebind, a new
 * version) and removals are audited, not the first binding, which is part
 * of setting up.  It may run again on what it made.
 */
static const char migration_4[] =
"CREATE TABLE IF NOT EXISTS plugin_object (\n"
"  name TEXT PRIMARY KEY COLLATE NOCASE,\n"
"  kind TEXT NOT NULL CHECK (kind IN ('table', 'index')),\n"
"  tbl TEXT NOT NULL COLLATE NOCASE,\n"
"  plugin TEXT NOT NULL,\n"
"  schema_version INTEGER NOT NULL,\n"
"  created TEXT NOT NULL\n"
");\n"
"CREATE INDEX IF NOT EXISTS plugin_object_plugin ON plugin_object(plugin);\n"
"CREATE TABLE IF NOT EXISTS plugin_area (\n"
"  area TEXT PRIMARY KEY,\n"
"  plugin TEXT NOT NULL,\n"
"  version TEXT NOT NULL,\n"
"  path TEXT NOT NULL,\n"
"  sha256 TEXT NOT NULL,\n"
"  bound TEXT NOT NULL\n"
");\n"
"DROP TRIGGER IF EXISTS plugin_area_audit_change;\n"
"DROP TRIGGER IF EXISTS plugin_area_audit_remove;\n";

/*
 * Migration 7: one credits figure.  The credits a participation earns are
 * defined here and nowhere else: none until it is completed; then the
 * credits recorded for it (--credits, or an area's field credits_earned)
 * when given, else the programme's credits (its field credits); credit_date
 * is the day they count on (the field completion_date, else the status
 * date, else the programme's end).  person show and the plugins' reports
 * read this view.
 */
static const char migration_7[] =
"DROP VIEW IF EXISTS participation_credits;\n"
"CREATE VIEW participation_credits AS SELECT pa.id AS participation_id,\n"
"  pa.person_id, pa.org_id, pa.programme_id, pa.status,\n"
"  CASE WHEN pa.status = 'completed' THEN CAST(coalesce(pa.credits,\n"
"    json_extract(pa.fields, '$.credits_earned'),\n"
"    json_extract(p.fields, '$.credits')) AS REAL) END AS credits,\n"
"  coalesce(json_extract(pa.fields, '$.completion_date'), pa.status_date,\n"
"    p.end) AS credit_date\n"
"FROM participation pa JOIN programme p ON p.id = pa.programme_id;\n";

static const struct audited audited_area = {
	"plugin_area", "R.area",
	"json_object('plugin', R.plugin, 'version', R.version, 'path', R.path, "
	"'sha256', R.sha256)"
};

/*
 * Migration 5: the EDRPOU code of an organisation (8 digits, checked by
 * check_edrpou), unique where given, and the audit of organisations with
 * it.
 */
static const char migration_5[] =
"ALTER TABLE organisation ADD COLUMN edrpou TEXT;\n"
"CREATE UNIQUE INDEX organisation_edrpou ON organisation(edrpou) "
"WHERE edrpou IS NOT NULL;\n"
"DROP TRIGGER IF EXISTS organisation_audit_add;\n"
"DROP TRIGGER IF EXISTS organisation_audit_change;\n"
"DROP TRIGGER IF EXISTS organisation_audit_remove;\n";

static const struct audited audited_org_5 = {
	"organisation", "R.code",
	"json_object('code', R.code, 'name', R.name, 'kind', R.kind, "
	"'region', R.region, 'parent', (SELECT code FROM organisation "
	"WHERE id = R.parent_id), 'edrpou', R.edrpou)"
};

/*
 * Migration 6: nominations with quotas and approval.  seat_plan holds a
 * programme's total capacity and whether its nominations need the
 * national authority's approval; seat_quota the seats of one
 * organisation in a programme or one of its activities; nomination the
 * workflow of one participation record that was nominated: the
 * nominating organisation, who nominated and when, who approved and when,
 * who enrolled or rejected it and when, and a rejection's reason; also
 * the key of its participation record (PROGRAMME/PERSON[/ACTIVITY], codes
 * that never change), so that the audit log names a nomination removed
 * with its record.  It may run again on what it made.  They go with what they belong to.
 */
static const char migration_6[] =
"CREATE TABLE IF NOT EXISTS seat_plan (\n"
"  programme_id INTEGER PRIMARY KEY REFERENCES programme(id) ON DELETE CASCADE,\n"
"  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),\n"
"  approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1))\n"
");\n"
"CREATE TABLE IF NOT EXISTS seat_quota (\n"
"  id INTEGER PRIMARY KEY,\n"
"  programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,\n"
"  activity_id INTEGER REFERENCES activity(id) ON DELETE CASCADE,\n"
"  org_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,\n"
"  seats INTEGER NOT NULL CHECK (seats >= 0)\n"
");\n"
"CREATE UNIQUE INDEX IF NOT EXISTS seat_quota_key ON seat_quota(programme_id,\n"
"  coalesce(activity_id, 0), org_id);\n"
"CREATE TABLE IF NOT EXISTS nomination (\n"
"  participation_id INTEGER PRIMARY KEY\n"
"    REFERENCES participation(id) ON DELETE CASCADE,\n"
"  key TEXT NOT NULL,\n"
"  org_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,\n"
"  state TEXT NOT NULL DEFAULT 'nominated'\n"
"    CHECK (state IN ('nominated', 'approved', 'enrolled', 'rejected')),\n"
"  nominated TEXT NOT NULL,\n"
"  nominated_by TEXT NOT NULL,\n"
"  approved TEXT,\n"
"  approved_by TEXT,\n"
"  decided TEXT,\n"
"  decided_by TEXT,\n"
"  reason TEXT\n"
");\n"
"CREATE INDEX IF NOT EXISTS nomination_org ON nomination(org_id);\n"
"DROP TRIGGER IF EXISTS seat_plan_audit_add;\n"
"DROP TRIGGER IF EXISTS seat_plan_audit_change;\n"
"DROP TRIGGER IF EXISTS seat_plan_audit_remove;\n"
"DROP TRIGGER IF EXISTS seat_quota_audit_add;\n"
"DROP TRIGGER IF EXISTS seat_quota_audit_change;\n"
"DROP TRIGGER IF EXISTS seat_quota_audit_remove;\n"
"DROP TRIGGER IF EXISTS nomination_audit_add;\n"
"DROP TRIGGER IF EXISTS nomination_audit_change;\n"
"DROP TRIGGER IF EXISTS nomination_audit_remove;\n";

/* A code of the audit key, or the row id once the row is gone (a seat
 * plan or quota removed with its programme, activity or organisation). */
#define SEAT_CODE(table, col, id) \
	"coalesce((SELECT " col " FROM " table " WHERE id = " id "), '#' || " id ")"

static const struct audited audited_seats[] = {
	{ "seat_plan", SEAT_CODE("programme", "code", "R.programme_id"),
	  "json_object('capacity', R.capacity, 'approval', R.approval)" },
	{ "seat_quota",
	  SEAT_CODE("programme", "code", "R.programme_id") " || coalesce('/' || "
	  SEAT_CODE("activity", "code", "R.activity_id") ", '') || ':' || "
	  SEAT_CODE("organisation", "code", "R.org_id"),
	  "json_object('seats', R.seats)" },
	{ "nomination", "R.key",
	  "json_object('org', (SELECT code FROM organisation WHERE id = R.org_id), "
	  "'state', R.state, 'nominated', R.nominated, 'nominated_by', "
	  "R.nominated_by, 'approved', R.approved, 'approved_by', R.approved_by, "
	  "'decided', R.decided, 'decided_by', R.decided_by, 'reason', R.reason)" },
};

/* Migration 2: the history of export job runs. */
static const char migration_2[] =
"CREATE TABLE job_run (\n"
"  id INTEGER PRIMARY KEY,\n"
"  job TEXT NOT NULL,\n"
"  scheduled TEXT,\n"
"  started TEXT NOT NULL,\n"
"  finished TEXT,\n"
"  outcome TEXT NOT NULL,\n"
"  rows INTEGER,\n"
"  bytes INTEGER,\n"
"  path TEXT,\n"
"  sha256 TEXT,\n"
"  error TEXT\n"
");\n"
"CREATE INDEX job_run_job ON job_run(job, started);\n";

/* Migration 3: most participation names a person and no activity, so
 * indexes of the set columns alone are as useful to look-ups (x = ?
 * implies x IS NOT NULL) and much cheaper to build after a bulk load. */
static const char migration_3[] =
"DROP INDEX participation_person;\n"
"DROP INDEX participation_org;\n"
"DROP INDEX participation_activity;\n"
"CREATE INDEX participation_person ON participation(person_id) "
"WHERE person_id IS NOT NULL;\n"
"CREATE INDEX participation_org ON participation(org_id) "
"WHERE org_id IS NOT NULL;\n"
"CREATE INDEX participation_activity ON participation(activity_id) "
"WHERE activity_id IS NOT NULL;\n";

/*
 * Migration 8: tables every SQLite tool can read.  The names and titles
 * of migration 1 were declared COLLATE uk, a collation only integra
 * registers, so that the sqlite3 shell or Python's sqlite3 module could
 * not sort or compare them ("no such collation sequence: uk").  The
 * columns become plain TEXT; integra's own queries name the collation
 * where they sort (ORDER BY name COLLATE uk).  No index holds those
 * columns and the collation breaks ties by bytes, so equality is the same
 * and the stored pages do not change: only the declarations in the
 * schema are rewritten (the SQLite way to change what a table declares
 * without copying it).  RESET makes this connection read the schema
 * again (a later ALTER TABLE edits the declaration it parsed), and a
 * table created and dropped at once makes every other connection do so.
 */
static const char migration_8[] =
"PRAGMA writable_schema = ON;\n"
"UPDATE sqlite_master SET sql = replace(sql, ' COLLATE uk,', ',')\n"
"  WHERE type = 'table' AND name IN ('organisation', 'person', 'programme',\n"
"  'activity') AND sql LIKE '% COLLATE uk,%';\n"
"PRAGMA writable_schema = RESET;\n"
"CREATE TABLE migration_8_reload (x);\n"
"DROP TABLE migration_8_reload;\n";

/* The core migrations in order: each one's SQL, the tables whose audit
 * triggers it (re)creates and which of add, change, remove they log
 * (a bit each), and its name. */
static const struct migration {
	const char *sql;
	const struct audited *audited;
	size_t naudited;
	unsigned mask;
	const char *name;
} migrations[] = {
	{ migration_1, audited, ARRAY_SIZE(audited), 7, "core tables and audit" },
	{ migration_2, NULL, 0, 0, "export job runs" },
	{ migration_3, NULL, 0, 0, "partial indexes of participation" },
	{ migration_4, &audited_area, 1, 6, "plugin tables and area bindings" },
	{ migration_5, &audited_org_5, 1, 7, "EDRPOU codes of organisations" },
	{ migration_6, audited_seats, ARRAY_SIZE(audited_seats), 7,
	  "nominations, quotas and approval" },
	{ migration_7, NULL, 0, 0, "one credits figure (participation_credits)" },
	{ migration_8, NULL, 0, 0, "tables readable without integra's collation" },
	{ agency_sqlite_sql, NULL, 0, 0, "agencies: server roles and their organisations" },
};
_Static_assert(ARRAY_SIZE(migrations) == SCHEMA_VERSION,
    "SCHEMA_VERSION is the number of core migrations");

/* The SQL of core migration `version` (1-based); the caller frees it. */
char *
schema_migration_sql(int version)
{
	const struct migration *m;
	struct buf b = { 0 };
	size_t i;

	if (version < 1 || version > (int)ARRAY_SIZE(migrations))
		return NULL;
	m = &migrations[version - 1];
	buf_adds(&b, m->sql);
	for (i = 0; i < m->naudited; i++)
		audit_triggers(&b, &m->audited[i], m->mask);
	return b.s;
}

/* The name of core migration `version`, or NULL. */
const char *
schema_migration_name(int version)
{
	if (version < 1 || version > (int)ARRAY_SIZE(migrations))
		return NULL;
	return migrations[version - 1].name;
}
