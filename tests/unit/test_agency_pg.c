/*
 * Unit tests of agencies.  On PostgreSQL (a throw-away cluster of
 * tests/pg/cluster.sh, reached with libpq directly): the guards of
 * agency_pg_sql() over minimal tables with schema.c's columns,
 * checked connected as each role, whatever the client: an agency changes
 * the people, participation, nominations and organisations of its own
 * organisations and of those under them, and is refused (SQLSTATE 42501,
 * nothing changed) elsewhere; a coordinating role changes everything; a
 * role with no agency changes nothing; everyone reads every row.  On
 * SQLite: the writer check lets everything through and the refusal audit
 * writes its row in a transaction of its own.  The PostgreSQL cases skip
 * when PostgreSQL is not installed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#define HAVE_LIBPQ 1
#else
#define HAVE_LIBPQ 0
#endif

#include "agency.h"
#include "schema.h"
#include "store.h"
#include "unit_db.h"

/* ---- SQLite: the writer check and the refusal audit ---- */

/* A context on an in-memory SQLite register of the current schema. */
static struct ctx *
lite_ctx(void)
{
	struct ctx *ctx = xcalloc(1, sizeof(*ctx));
	char *sql;
	int v;

	ctx->os_user = xstrdup("tester");
	ctx->cmdline = xstrdup("integra person add П1");
	assert_int_equal(unit_memdb(ctx), 0);
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		assert_int_equal(dbc_exec(ctx->db, sql), DB_OK);
		free(sql);
	}
	return ctx;
}

static void
lite_free(struct ctx *ctx)
{
	dbc_close(ctx->db);
	free(ctx->os_user);
	free(ctx->cmdline);
	free(ctx);
}

static void
lite_writer_always(void **state)
{
	struct ctx *ctx = lite_ctx();
	char *role = (char *)"x";

	(void)state;
	assert_int_equal(agency_check_writer(ctx), 0);
	assert_int_equal(agency_current_role(ctx, &role), 0);
	assert_null(role);
	lite_free(ctx);
}

/* The one text of a query, or NULL; the caller frees it. */
static char *
lite_text(struct ctx *ctx, const char *sql)
{
	struct dbst *st;
	char *s = NULL;

	assert_int_equal(dbc_prepare(ctx->db, sql, &st, NULL), DB_OK);
	if (dbst_step(st) == DB_ROW && dbst_text(st, 0) != NULL)
		s = xstrdup(dbst_text(st, 0));
	dbst_finalize(st);
	return s;
}

static void
lite_refusal_audited(void **state)
{
	struct ctx *ctx = lite_ctx();
	char *s;

	(void)state;
	assert_int_equal(db_begin(ctx), 0);
	assert_int_equal(db_exec(ctx, "INSERT INTO person (key, name) VALUES "
	    "('П1', 'Петренко Олена Іванівна')", ""), 0);
	error_set(ctx, ERR_FAIL, "the refusal the user sees");
	assert_int_equal(agency_audit_refusal(ctx, "person", "П1",
	    "role \"a\" may not \\ change"), 0);
	assert_int_equal(ctx->err, ERR_FAIL);
	assert_string_equal(ctx->errmsg, "the refusal the user sees");
	assert_false(ctx->in_tx);
	s = lite_text(ctx, "SELECT count(*) FROM person");
	assert_string_equal(s, "0");	/* the refused change was rolled back */
	free(s);
	s = lite_text(ctx, "SELECT entity || '|' || entity_key || '|' || action || "
	    "'|' || os_user || '|' || command || '|' || json_extract(new, '$.why') "
	    "|| '|' || coalesce(json_extract(new, '$.role'), 'none') FROM audit");
	assert_string_equal(s, "person|П1|refused|tester|integra person add П1|"
	    "role \"a\" may not \\ change|none");
	free(s);
	lite_free(ctx);
}

/* A refusal in the guard's words (here from an SQLite trigger): one line
 * naming role, record and organisation; rolled back; audited with the
 * entity and key the message names. */
static void
lite_denied(void **state)
{
	struct ctx *ctx = lite_ctx();
	char *s;

	(void)state;
	assert_int_equal(dbc_exec(ctx->db, "CREATE TEMP TRIGGER guard BEFORE INSERT "
	    "ON person BEGIN SELECT RAISE(ABORT, 'role ''agency_a'' may not change "
	    "person ''О''Коннор'' of organisation ''LODA'': it is not one of its "
	    "agency''s'); END"), DB_OK);
	assert_int_equal(db_begin(ctx), 0);
	assert_int_equal(db_exec(ctx, "INSERT INTO organisation (code, name) VALUES "
	    "('LODA', 'Львівська ОДА')", ""), 0);
	assert_int_not_equal(dbc_exec(ctx->db, "INSERT INTO person (key, name) "
	    "VALUES ('x', 'y')"), DB_OK);
	assert_int_equal(agency_denied(ctx, "cannot add person"), ERR_FAIL);
	assert_string_equal(ctx->errmsg, "cannot add person: role 'agency_a' may not "
	    "change person 'О'Коннор' of organisation 'LODA': it is not one of its "
	    "agency's");
	assert_false(ctx->in_tx);
	s = lite_text(ctx, "SELECT count(*) FROM organisation");
	assert_string_equal(s, "0");
	free(s);
	s = lite_text(ctx, "SELECT entity || '|' || entity_key || '|' || "
	    "json_extract(new, '$.why') FROM audit WHERE action = 'refused'");
	assert_string_equal(s, "person|О'Коннор|role 'agency_a' may not change person "
	    "'О'Коннор' of organisation 'LODA': it is not one of its agency's");
	free(s);
	lite_free(ctx);
}

static void
pg_sql_text(void **state)
{
	static const char *const t[] = { "person", "participation", "nomination",
	    "organisation" };
	const char *sql = agency_pg_sql();
	char want[96];
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		snprintf(want, sizeof(want), "DROP TRIGGER IF EXISTS integra_guard "
		    "ON %s;", t[i]);
		assert_non_null(strstr(sql, want));
		snprintf(want, sizeof(want), "AFTER INSERT ON %s\n  REFERENCING NEW "
		    "TABLE AS integra_new\n  FOR EACH STATEMENT", t[i]);
		assert_non_null(strstr(sql, want));
	}
	assert_null(strstr(sql, "FOR EACH ROW EXECUTE FUNCTION integra_guard_set"));
	assert_non_null(strstr(sql, "SECURITY DEFINER"));
}

#if HAVE_LIBPQ
/* ---- PostgreSQL: the server refuses, whatever the client ---- */

static char pgdir[] = "/tmp/integra-pg.XXXXXX";
static char *admin_uri;
static PGconn *admin;

/* The minimal tables: the columns of schema.c that agencies read. */
static const char tables_sql[] =
"CREATE TABLE organisation (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE,\n"
"  name text NOT NULL, kind text NOT NULL DEFAULT 'other', region text,\n"
"  parent_id bigint REFERENCES organisation(id));\n"
"CREATE TABLE person (id bigserial PRIMARY KEY, key text NOT NULL UNIQUE,\n"
"  name text NOT NULL, org_id bigint REFERENCES organisation(id), position text,\n"
"  service text, category text);\n"
"CREATE TABLE programme (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE);\n"
"CREATE TABLE participation (id bigserial PRIMARY KEY,\n"
"  programme_id bigint NOT NULL REFERENCES programme(id), activity_id bigint,\n"
"  person_id bigint REFERENCES person(id), org_id bigint REFERENCES organisation(id),\n"
"  role text NOT NULL DEFAULT 'participant', status text NOT NULL DEFAULT 'nominated',\n"
"  CHECK ((person_id IS NULL) <> (org_id IS NULL)));\n"
"CREATE TABLE nomination (participation_id bigint PRIMARY KEY\n"
"  REFERENCES participation(id) ON DELETE CASCADE, key text NOT NULL,\n"
"  org_id bigint NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,\n"
"  state text NOT NULL DEFAULT 'nominated', nominated text NOT NULL,\n"
"  nominated_by text NOT NULL);\n"
"CREATE TABLE migration (component text, version integer);\n"
"CREATE TABLE audit (id bigserial PRIMARY KEY, at text NOT NULL, os_user text NOT NULL,\n"
"  command text NOT NULL, entity text NOT NULL, entity_key text NOT NULL,\n"
"  action text NOT NULL, old text, new text);\n";

/* The register: a ministry with a unit under it (agency_a's), an oblast
 * administration (agency_b's), a person in each, a programme. */
static const char data_sql[] =
"CREATE ROLE agency_a LOGIN; CREATE ROLE agency_b LOGIN;\n"
"CREATE ROLE coord LOGIN; CREATE ROLE nobody_role LOGIN;\n"
"INSERT INTO organisation (code, name, kind) VALUES\n"
"  ('MOU', 'Міністерство оборони України', 'ministry'),\n"
"  ('LODA', 'Львівська обласна державна адміністрація', 'oblast-administration');\n"
"INSERT INTO organisation (code, name, parent_id) VALUES\n"
"  ('A0001', 'Військова частина А0001', (SELECT id FROM organisation WHERE code = 'MOU'));\n"
"INSERT INTO organisation (code, name, parent_id) VALUES\n"
"  ('A0001-1', 'Відділ кадрів А0001', (SELECT id FROM organisation WHERE code = 'A0001'));\n"
"INSERT INTO person (key, name, org_id) SELECT 'a1', 'Петренко Олена Іванівна', id\n"
"  FROM organisation WHERE code = 'MOU';\n"
"INSERT INTO person (key, name, org_id) SELECT 'u1', 'Коваленко Андрій Петрович', id\n"
"  FROM organisation WHERE code = 'A0001-1';\n"
"INSERT INTO person (key, name, org_id) SELECT 'b1', 'Шевчук Марія Степанівна', id\n"
"  FROM organisation WHERE code = 'LODA';\n"
"INSERT INTO programme (code) VALUES ('LEAD-2021');\n"
"INSERT INTO participation (programme_id, person_id) SELECT p.id, pe.id\n"
"  FROM programme p, person pe WHERE pe.key = 'a1';\n"
"INSERT INTO nomination (participation_id, key, org_id, nominated, nominated_by)\n"
"  SELECT pa.id, 'LEAD-2021/a1', pe.org_id, '23.07.2021', 'integra_admin'\n"
"  FROM participation pa JOIN person pe ON pe.id = pa.person_id;\n";

/* sql with integra's "?N" parameters as PostgreSQL's "$N". */
static char *
dollars(const char *sql)
{
	char *s = xstrdup(sql), *p;

	for (p = s; (p = strchr(p, '?')) != NULL; p++)
		*p = '$';
	return s;
}

/* Runs sql (integra's "?N" parameters, n texts) on c; the result. */
static PGresult *
run(PGconn *c, const char *sql, int n, const char *const *params)
{
	char *s = dollars(sql);
	PGresult *r = n == 0 ? PQexec(c, s) :
	    PQexecParams(c, s, n, NULL, params, NULL, NULL, 0);

	free(s);
	return r;
}

/* sql on c must succeed. */
static void
must(PGconn *c, const char *sql, int n, const char *const *params)
{
	PGresult *r = run(c, sql, n, params);
	ExecStatusType st = PQresultStatus(r);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

/* The one value of a query on c, to free. */
static char *
value(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	char *s;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	s = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return s;
}

/* Grants as `integra agency grant ROLE ORG... [--coordinating]` does. */
static void
grant(const char *role, bool coord, const char *const *orgs)
{
	const char *p[3] = { role, NULL, coord ? "1" : "0" };
	char *schema = value(admin, "SELECT quote_ident(current_schema())"), *sql;
	char *q = xasprintf("SELECT quote_ident('%s')", role), *quoted = value(admin, q);
	char id[32];
	PGresult *r;

	must(admin, "BEGIN", 0, NULL);
	must(admin, agency_upsert_sql, 3, p);
	for (; orgs && *orgs; orgs++) {
		r = PQexecParams(admin, "SELECT id FROM organisation WHERE code = $1",
		    1, NULL, orgs, NULL, NULL, 0);
		assert_int_equal(PQntuples(r), 1);
		snprintf(id, sizeof(id), "%s", PQgetvalue(r, 0, 0));
		PQclear(r);
		must(admin, agency_org_add_sql, 2, (const char *[]){ id, role });
	}
	sql = agency_privileges_sql(schema, quoted, true);
	must(admin, sql, 0, NULL);
	must(admin, "COMMIT", 0, NULL);
	free(sql);
	free(q);
	free(quoted);
	free(schema);
}

/* A connection as role. */
static PGconn *
as(const char *role)
{
	char *uri = xasprintf("%s", admin_uri), *u = strstr(uri, "user=");
	char *full;
	PGconn *c;

	assert_non_null(u);
	*u = '\0';
	full = xasprintf("%suser=%s", uri, role);
	c = PQconnectdb(full);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("connect as %s: %s", role, PQerrorMessage(c));
	free(full);
	free(uri);
	return c;
}

static void pg_stop(void);

static int
pg_setup(void **state)
{
	char *cmd, line[512] = "";
	FILE *fp;

	(void)state;
	if (system("tests/pg/cluster.sh bindir >/dev/null 2>&1") != 0 ||
	    mkdtemp(pgdir) == NULL || chmod(pgdir, 0755) != 0)
		return 0;
	cmd = xasprintf("tests/pg/cluster.sh start %s", pgdir);
	fp = popen(cmd, "r");
	free(cmd);
	admin_uri = xstrdup("");
	atexit(pg_stop);
	if (fp == NULL || fgets(line, sizeof(line), fp) == NULL || pclose(fp) != 0)
		return -1;
	line[strcspn(line, "\n")] = '\0';
	xstrset(&admin_uri, line);
	admin = PQconnectdb(admin_uri);
	if (PQstatus(admin) != CONNECTION_OK)
		return -1;
	must(admin, "SET client_min_messages = warning", 0, NULL);
	must(admin, tables_sql, 0, NULL);
	must(admin, agency_pg_sql(), 0, NULL);
	must(admin, agency_pg_sql(), 0, NULL);	/* it may run again on what it made */
	must(admin, data_sql, 0, NULL);
	grant("agency_a", false, (const char *[]){ "MOU", NULL });
	grant("agency_b", false, (const char *[]){ "LODA", NULL });
	grant("coord", true, NULL);
	return 0;
}

/* Stops the cluster and removes its directory, whatever ended the tests
 * (a failed setup too: it is registered with atexit once started). */
static void
pg_stop(void)
{
	char *cmd;

	if (admin != NULL)
		PQfinish(admin);
	admin = NULL;
	if (admin_uri == NULL)
		return;
	cmd = xasprintf("tests/pg/cluster.sh stop %s; rm -rf %s", pgdir, pgdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not stop the cluster in %s\n", pgdir);
	free(cmd);
	free(admin_uri);
	admin_uri = NULL;
}

static int
pg_teardown(void **state)
{
	(void)state;
	pg_stop();
	return 0;
}

#define NEED_PG() do { \
	if (admin == NULL) \
		skip(); \
} while (0)

/* sql as c succeeds and changes n rows. */
static void
changes(PGconn *c, const char *sql, int n)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	assert_int_equal(atoi(PQcmdTuples(r)), n);
	PQclear(r);
}

/* sql as c is refused with SQLSTATE 42501, its message holding want. */
static void
refused(PGconn *c, const char *sql, const char *want)
{
	PGresult *r = PQexec(c, sql);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);

	if (state == NULL || strcmp(state, "42501") != 0)
		fail_msg("%s: wanted 42501, got %s: %s", sql, state ? state : "success",
		    PQerrorMessage(c));
	if (want != NULL && (msg == NULL || strstr(msg, want) == NULL))
		fail_msg("%s: message '%s' lacks '%s'", sql, msg ? msg : "", want);
	PQclear(r);
}

/* The register's state as the administrator sees it, to compare. */
static char *
snapshot(void)
{
	return value(admin, "SELECT (SELECT string_agg(key || ':' || name || ':' || "
	    "coalesce(org_id, 0), ',' ORDER BY key) FROM person) || '/' || "
	    "(SELECT string_agg(code || ':' || name, ',' ORDER BY code) FROM "
	    "organisation) || '/' || (SELECT count(*) FROM participation) || '/' || "
	    "(SELECT count(*) FROM nomination)");
}

#define ORG(code) "(SELECT id FROM organisation WHERE code = '" code "')"
#define PERSON(key) "(SELECT id FROM person WHERE key = '" key "')"

/* Adds the person key named name in the organisation code (NULL: none)
 * as c, which succeeds. */
static void
add_person(PGconn *c, const char *key, const char *name, const char *code)
{
	char *sql = xasprintf("INSERT INTO person (key, name, org_id) VALUES ('%s', "
	    "'%s', (SELECT id FROM organisation WHERE code = '%s'))", key, name,
	    code ? code : "");

	changes(c, sql, 1);
	free(sql);
}

static void
pg_agency_changes_its_own(void **state)
{
	PGconn *a;

	(void)state;
	NEED_PG();
	a = as("agency_a");
	add_person(a, "a2", "Бондаренко Ігор Васильович", "MOU");
	add_person(a, "u2", "Мельник Оксана Миколаївна", "A0001-1");
	changes(a, "UPDATE person SET position = 'головний спеціаліст' WHERE key "
	    "IN ('a1', 'u1')", 2);
	changes(a, "UPDATE person SET org_id = " ORG("A0001") " WHERE key = 'u2'", 1);
	changes(a, "INSERT INTO participation (programme_id, person_id) SELECT id, "
	    PERSON("a2") " FROM programme", 1);
	changes(a, "INSERT INTO participation (programme_id, org_id) SELECT id, "
	    ORG("A0001") " FROM programme", 1);
	changes(a, "INSERT INTO nomination (participation_id, key, org_id, nominated, "
	    "nominated_by) SELECT id, 'LEAD-2021/a2', " ORG("MOU") ", '23.07.2021', "
	    "'agency_a' FROM participation WHERE person_id = " PERSON("a2"), 1);
	changes(a, "UPDATE organisation SET name = 'Міністерство оборони України "
	    "(центральний апарат)' WHERE code = 'MOU'", 1);
	changes(a, "DELETE FROM participation WHERE person_id = " PERSON("a2"), 1);
	changes(a, "DELETE FROM participation WHERE org_id = " ORG("A0001"), 1);
	changes(a, "DELETE FROM person WHERE key IN ('a2', 'u2')", 2);
	/* a table the administrator makes later (a plugin's) by default
	 * privileges */
	must(admin, "CREATE TABLE later_note (id bigserial PRIMARY KEY, note text)",
	    0, NULL);
	changes(a, "INSERT INTO later_note (note) VALUES ('нотатка')", 1);
	PQfinish(a);
}

static void
pg_agency_refused_elsewhere(void **state)
{
	char *before, *after;
	PGconn *a;

	(void)state;
	NEED_PG();
	before = snapshot();
	a = as("agency_a");
	refused(a, "INSERT INTO person (key, name, org_id) VALUES ('b2', "
	    "'Ткаченко Віра Олегівна', " ORG("LODA") ")", "organisation 'LODA'");
	refused(a, "UPDATE person SET name = 'Інша' WHERE key = 'b1'", "role 'agency_a'");
	refused(a, "DELETE FROM person WHERE key = 'b1'", "role 'agency_a' may not "
	    "change person 'b1' of organisation 'LODA': it is not one of its agency's");
	refused(a, "UPDATE person SET org_id = " ORG("LODA") " WHERE key = 'a1'",
	    "organisation 'LODA'");
	refused(a, "UPDATE person SET org_id = NULL WHERE key = 'a1'", NULL);
	refused(a, "INSERT INTO participation (programme_id, person_id) SELECT id, "
	    PERSON("b1") " FROM programme", "organisation 'LODA'");
	refused(a, "INSERT INTO participation (programme_id, org_id) SELECT id, "
	    ORG("LODA") " FROM programme", NULL);
	refused(a, "UPDATE organisation SET name = 'Інша' WHERE code = 'LODA'",
	    "organisation 'LODA'");
	refused(a, "INSERT INTO organisation (code, name) VALUES ('TOP', 'Нова')", NULL);
	refused(a, "INSERT INTO organisation (code, name, parent_id) VALUES ('L2', "
	    "'Нова', " ORG("LODA") ")", NULL);
	refused(a, "INSERT INTO agency_org (role, org_id) SELECT 'agency_a', id "
	    "FROM organisation", "permission denied");
	refused(a, "UPDATE agency SET coordinating = 1", "permission denied");
	after = snapshot();
	assert_string_equal(after, before);
	/* the refusal's audit row, written after the rollback, is the role's
	 * to write */
	changes(a, "INSERT INTO audit (at, os_user, command, entity, entity_key, "
	    "action, new) VALUES ('2021-07-23T09:00:00Z', 'hr', 'integra person rm b1', "
	    "'person', 'b1', 'refused', '{\"role\": \"agency_a\"}')", 1);
	free(before);
	free(after);
	PQfinish(a);
}

static void
pg_new_organisation_under_granted(void **state)
{
	PGconn *a, *b;

	(void)state;
	NEED_PG();
	a = as("agency_a");
	b = as("agency_b");
	changes(a, "INSERT INTO organisation (code, name, parent_id) VALUES ('A0002', "
	    "'Військова частина А0002', " ORG("MOU") ")", 1);
	add_person(a, "n1", "Лисенко Петро Остапович", "A0002");
	refused(b, "DELETE FROM person WHERE key = 'n1'", "organisation 'A0002'");
	refused(b, "DELETE FROM nomination", "organisation 'MOU'");
	refused(b, "UPDATE participation SET status = 'enrolled'", "organisation 'MOU'");
	changes(a, "DELETE FROM person WHERE key = 'n1'", 1);
	PQfinish(a);
	PQfinish(b);
}

static void
pg_coordinating_changes_everything(void **state)
{
	PGconn *c;

	(void)state;
	NEED_PG();
	c = as("coord");
	add_person(c, "c1", "Гончаренко Юлія Романівна", "LODA");
	add_person(c, "c2", "Без організації", NULL);
	changes(c, "UPDATE person SET category = 'В' WHERE key IN ('a1', 'b1', 'u1')", 3);
	changes(c, "INSERT INTO organisation (code, name) VALUES ('NAZK', "
	    "'Національне агентство з питань запобігання корупції')", 1);
	changes(c, "DELETE FROM organisation WHERE code = 'NAZK'", 1);
	changes(c, "DELETE FROM person WHERE key IN ('c1', 'c2')", 2);
	PQfinish(c);
}

static void
pg_no_agency_changes_nothing(void **state)
{
	char *before, *after, *n;
	PGconn *c;

	(void)state;
	NEED_PG();
	before = snapshot();
	c = as("nobody_role");
	n = value(c, agency_writer_sql);
	assert_string_equal(n, "0");
	free(n);
	/* the table privileges of another role: only the guard stops it */
	must(admin, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
	    "public TO nobody_role", 0, NULL);
	must(admin, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO nobody_role",
	    0, NULL);
	refused(c, "INSERT INTO person (key, name, org_id) VALUES ('x1', 'Хтось', "
	    ORG("MOU") ")", "role 'nobody_role' may not change person 'x1': it has no agency in "
	    "this register; ask the administrator to run 'integra agency grant "
	    "nobody_role ORG'");
	refused(c, "UPDATE person SET name = 'Хтось'", "has no agency");
	refused(c, "DELETE FROM person", "has no agency");
	refused(c, "UPDATE organisation SET name = 'Хтось'", "has no agency");
	refused(c, "DELETE FROM nomination", NULL);
	refused(c, "DELETE FROM participation", NULL);
	after = snapshot();
	assert_string_equal(after, before);
	free(before);
	free(after);
	PQfinish(c);
}

static void
pg_everyone_reads_everything(void **state)
{
	static const char *const roles[] = { "agency_a", "agency_b", "coord",
	    "nobody_role" };
	char *want = value(admin, "SELECT (SELECT count(*) FROM person) || ' ' || "
	    "(SELECT count(*) FROM organisation)"), *got;
	PGconn *c;
	size_t i;

	(void)state;
	NEED_PG();
	must(admin, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO nobody_role", 0, NULL);
	for (i = 0; i < 4; i++) {
		c = as(roles[i]);
		got = value(c, "SELECT (SELECT count(*) FROM person) || ' ' || "
		    "(SELECT count(*) FROM organisation)");
		assert_string_equal(got, want);
		free(got);
		got = value(c, agency_writer_sql);
		assert_string_equal(got, i < 3 ? "1" : "0");
		free(got);
		PQfinish(c);
	}
	free(want);
}

static void
pg_revoke_takes_the_tree(void **state)
{
	char id[32], *s;
	PGconn *a;

	(void)state;
	NEED_PG();
	s = value(admin, "SELECT id FROM organisation WHERE code = 'A0001'");
	snprintf(id, sizeof(id), "%s", s);
	free(s);
	must(admin, agency_org_remove_sql, 2, (const char *[]){ id, "agency_a" });
	a = as("agency_a");
	refused(a, "UPDATE person SET name = name WHERE key = 'u1'",
	    "organisation 'A0001-1'");
	changes(a, "UPDATE person SET name = name WHERE key = 'a1'", 1);
	PQfinish(a);
	grant("agency_a", false, (const char *[]){ "MOU", NULL });
	a = as("agency_a");
	changes(a, "UPDATE person SET name = name WHERE key = 'u1'", 1);
	PQfinish(a);
}

/* A statement is checked as a whole and refused for its first row that
 * is not the role's (new rows in the order given, an upsert's changed
 * rows too); the guard of an addition or change is one trigger a
 * statement, no row policy is left, and migration 9 run over its first
 * form (row policies, forced row-level security, a guard on each row)
 * takes that away. */
static void
pg_guard_per_statement(void **state)
{
	char *before, *after, *n;
	PGconn *a;

	(void)state;
	NEED_PG();
	before = snapshot();
	a = as("agency_a");
	refused(a, "INSERT INTO person (key, name, org_id) VALUES ('a7', 'Кравець "
	    "Ганна Юріївна', " ORG("MOU") "), ('b7', 'Бойко Тарас Іванович', "
	    ORG("LODA") "), ('b8', 'Олійник Зоя Петрівна', " ORG("LODA") ")",
	    "role 'agency_a' may not change person 'b7' of organisation 'LODA': "
	    "it is not one of its agency's");
	refused(a, "INSERT INTO participation (programme_id, person_id) SELECT "
	    "pr.id, pe.id FROM programme pr, person pe ORDER BY pe.key", "of "
	    "organisation 'LODA'");
	refused(a, "UPDATE person SET position = 'спеціаліст'", "person 'b1' of "
	    "organisation 'LODA'");
	refused(a, "INSERT INTO person (key, name, org_id) VALUES ('b1', 'Шевчук', "
	    ORG("MOU") ") ON CONFLICT (key) DO UPDATE SET org_id = EXCLUDED.org_id",
	    "person 'b1' of organisation 'LODA'");
	after = snapshot();
	assert_string_equal(after, before);
	PQfinish(a);
	n = value(admin, "SELECT string_agg(tgname || ':' || (tgtype & 1), ' ' "
	    "ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'person'::regclass "
	    "AND tgname LIKE 'integra_guard%'");
	assert_string_equal(n, "integra_guard_add:0 integra_guard_change:0 "
	    "integra_guard_remove:1");
	free(n);
	must(admin, "ALTER TABLE person ENABLE ROW LEVEL SECURITY; ALTER TABLE "
	    "person FORCE ROW LEVEL SECURITY; CREATE POLICY integra_add ON person "
	    "FOR INSERT WITH CHECK (false); CREATE TRIGGER integra_guard BEFORE "
	    "INSERT ON person FOR EACH ROW EXECUTE FUNCTION integra_guard()", 0, NULL);
	must(admin, agency_pg_sql(), 0, NULL);
	n = value(admin, "SELECT (SELECT count(*) FROM pg_policies) || ' ' || "
	    "(SELECT count(*) FROM pg_class WHERE relrowsecurity OR "
	    "relforcerowsecurity) || ' ' || (SELECT count(*) FROM pg_trigger WHERE "
	    "tgname = 'integra_guard')");
	assert_string_equal(n, "0 0 0");
	free(n);
	free(before);
	free(after);
}
#endif

int
main(void)
{
	const struct CMUnitTest lite[] = {
		cmocka_unit_test(lite_writer_always),
		cmocka_unit_test(lite_refusal_audited),
		cmocka_unit_test(lite_denied),
		cmocka_unit_test(pg_sql_text),
	};
	int rc = cmocka_run_group_tests_name("agency_sqlite", lite, NULL, NULL);
#if HAVE_LIBPQ
	const struct CMUnitTest pg[] = {
		cmocka_unit_test(pg_agency_changes_its_own),
		cmocka_unit_test(pg_agency_refused_elsewhere),
		cmocka_unit_test(pg_new_organisation_under_granted),
		cmocka_unit_test(pg_coordinating_changes_everything),
		cmocka_unit_test(pg_no_agency_changes_nothing),
		cmocka_unit_test(pg_everyone_reads_everything),
		cmocka_unit_test(pg_revoke_takes_the_tree),
		cmocka_unit_test(pg_guard_per_statement),
	};

	rc |= cmocka_run_group_tests_name("agency_pg", pg, pg_setup, pg_teardown);
#endif
	return rc;
}
