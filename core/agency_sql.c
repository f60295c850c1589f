/*
 * The SQL of agencies, for both backends.  On SQLite core migration 9
 * makes the two tables only (an SQLite register has one office and no
 * roles).  On PostgreSQL it also makes the checks and puts the guard
 * triggers on the records that belong to an organisation: person,
 * participation, nomination and organisation itself.  Every role reads
 * every row (one register); a role adds, changes or removes a row only
 * when the row's organisation is one of its agency's, when its agency is
 * coordinating, or when it is the register's owner (a member of the role
 * that owns the functions, which superusers are).
 */
#include "agency.h"

/* The two tables; ID is the type of organisation.id on the backend.
 * An organisation removed takes its grants with it. */
#define AGENCY_TABLES(ID) \
	"CREATE TABLE IF NOT EXISTS agency (\n" \
	"  role TEXT PRIMARY KEY,\n" \
	"  name TEXT NOT NULL,\n" \
	"  coordinating INTEGER NOT NULL DEFAULT 0 CHECK (coordinating IN (0, 1))\n" \
	");\n" \
	"CREATE TABLE IF NOT EXISTS agency_org (\n" \
	"  role TEXT NOT NULL REFERENCES agency(role) ON DELETE CASCADE,\n" \
	"  org_id " ID " NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,\n" \
	"  PRIMARY KEY (role, org_id)\n" \
	");\n" \
	"CREATE INDEX IF NOT EXISTS agency_org_org ON agency_org(org_id);\n"

const char agency_sqlite_sql[] = AGENCY_TABLES("INTEGER");

/*
 * The checks, as functions the guard calls.  Inside a SECURITY DEFINER
 * function current_user is the owner (the administrator who ran init),
 * so the role asking is passed in by a wrapper that runs as the caller:
 * integra_may_write(org) asks for current_user.
 */
#define AGENCY_FUNCTIONS \
	"CREATE OR REPLACE FUNCTION integra_may_write_as(who name, org bigint)\n" \
	"  RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$\n" \
	"  SELECT pg_has_role(who, current_user, 'MEMBER')\n" \
	"    OR EXISTS (SELECT 1 FROM agency WHERE role = who AND coordinating = 1)\n" \
	"    OR EXISTS (SELECT 1 FROM agency_org WHERE role = who AND org_id = org)\n" \
	"$$;\n" \
	"CREATE OR REPLACE FUNCTION integra_has_agency_as(who name) RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$\n" \
	"  SELECT pg_has_role(who, current_user, 'MEMBER')\n" \
	"    OR EXISTS (SELECT 1 FROM agency WHERE role = who AND (coordinating = 1\n" \
	"    OR EXISTS (SELECT 1 FROM agency_org ao WHERE ao.role = who)))\n" \
	"$$;\n" \
	"CREATE OR REPLACE FUNCTION integra_may_write(org bigint) RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT integra_may_write_as(current_user, org)\n" \
	"$$;\n" \
	"CREATE OR REPLACE FUNCTION integra_has_agency() RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT integra_has_agency_as(current_user)\n" \
	"$$;\n"

/* An organisation added under one an agency holds is that agency's too,
 * as grant gave it every organisation under those named. */
#define AGENCY_TRIGGER \
	"CREATE OR REPLACE FUNCTION integra_agency_org_added() RETURNS trigger\n" \
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$\n" \
	"BEGIN\n" \
	"  INSERT INTO agency_org (role, org_id) SELECT role, NEW.id FROM agency_org\n" \
	"    WHERE org_id = NEW.parent_id ON CONFLICT DO NOTHING;\n" \
	"  RETURN NULL;\n" \
	"END $$;\n" \
	"CREATE OR REPLACE TRIGGER organisation_agency AFTER INSERT ON organisation\n" \
	"  FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL)\n" \
	"  EXECUTE FUNCTION integra_agency_org_added();\n"

/*
 * The guard: the old row's organisation (a change, a removal) and the new
 * row's (an addition, a change) must be the role's to change, else
 * SQLSTATE 42501 with one line naming the role, the row and the
 * organisation.  The organisation of an organisation row is itself, of a
 * new one its parent; of a person's participation the person's.
 * integra_guard_row() raises for one row (as jsonb) that is not the
 * role's.  integra_guard_set(), the trigger of an INSERT or UPDATE,
 * checks a whole statement at once: it returns at once for a role that
 * may change everything (asked once a statement), else finds in the
 * statement's transition tables (integra_old, integra_new) the first row
 * whose organisation is not one of the role's agency's, by one set-based
 * query, and raises for it.  A DELETE is guarded row by row, BEFORE
 * (integra_guard()): after the statement a foreign key still naming the
 * row would have refused it first, with a message that is no refusal.
 * No row policy hides a row, so an UPDATE or DELETE elsewhere is
 * refused aloud, never silently made to change nothing.
 */
#define AGENCY_GUARD \
	"CREATE OR REPLACE FUNCTION integra_row_org(tab text, r jsonb, adding boolean)\n" \
	"  RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT CASE WHEN tab = 'organisation' AND adding THEN\n" \
	"    (r->>'parent_id')::bigint WHEN tab = 'organisation' THEN\n" \
	"    (r->>'id')::bigint ELSE coalesce((r->>'org_id')::bigint,\n" \
	"    (SELECT p.org_id FROM person p WHERE p.id = (r->>'person_id')::bigint))\n" \
	"    END\n" \
	"$$;\n" \
	"CREATE OR REPLACE FUNCTION integra_guard_row(tab text, r jsonb, adding boolean)\n" \
	"  RETURNS void LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$\n" \
	"DECLARE\n" \
	"  org bigint := integra_row_org(tab, r, adding);\n" \
	"  what text := format('role ''%s'' may not change %s ''%s''', current_user,\n" \
	"    tab, coalesce(r->>'key', r->>'code', '#' || (r->>'id')));\n" \
	"BEGIN\n" \
	"  IF integra_may_write(org) THEN\n" \
	"    RETURN;\n" \
	"  ELSIF NOT integra_has_agency() THEN\n" \
	"    RAISE EXCEPTION '%: it has no agency in this register; ask the '\n" \
	"      'administrator to run ''integra agency grant % ORG''', what,\n" \
	"      current_user USING ERRCODE = '42501';\n" \
	"  END IF;\n" \
	"  RAISE EXCEPTION '% of organisation ''%'': it is not one of its agency''s',\n" \
	"    what, coalesce((SELECT o.code FROM organisation o WHERE o.id = org),\n" \
	"    'none') USING ERRCODE = '42501';\n" \
	"END $$;\n" \
	"CREATE OR REPLACE FUNCTION integra_guard() RETURNS trigger\n" \
	"  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$\n" \
	"BEGIN\n" \
	"  PERFORM integra_guard_row(TG_TABLE_NAME, to_jsonb(OLD), false);\n" \
	"  RETURN OLD;\n" \
	"END $$;\n" \
	"CREATE OR REPLACE FUNCTION integra_guard_set() RETURNS trigger\n" \
	"  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$\n" \
	"DECLARE\n" \
	"  side text;\n" \
	"  adding boolean := TG_OP = 'INSERT';\n" \
	"  held boolean;\n" \
	"  r jsonb;\n" \
	"BEGIN\n" \
	"  IF integra_may_write_as(current_user, NULL) THEN\n" \
	"    RETURN NULL;\n" \
	"  END IF;\n" \
	"  held := integra_has_agency();\n" \
	"  FOREACH side IN ARRAY CASE TG_OP WHEN 'INSERT' THEN '{integra_new}'::text[]\n" \
	"    ELSE '{integra_old,integra_new}' END LOOP\n" \
	"    EXECUTE format('SELECT to_jsonb(s) FROM (SELECT t.*, row_number() '\n" \
	"      'OVER () AS integra_n FROM %I t) s%s WHERE NOT $1 OR NOT EXISTS (SELECT 1 '\n" \
	"      'FROM agency_org a WHERE a.role = current_user AND a.org_id = %s) '\n" \
	"      'ORDER BY s.integra_n LIMIT 1', side,\n" \
	"      CASE TG_TABLE_NAME WHEN 'participation' THEN\n" \
	"      ' LEFT JOIN person p ON s.org_id IS NULL AND p.id = s.person_id' END,\n" \
	"      CASE TG_TABLE_NAME WHEN 'participation' THEN 'coalesce(s.org_id, p.org_id)'\n" \
	"      WHEN 'organisation' THEN CASE WHEN adding THEN 's.parent_id' ELSE 's.id' END\n" \
	"      ELSE 's.org_id' END) INTO r USING held;\n" \
	"    IF r IS NOT NULL THEN\n" \
	"      PERFORM integra_guard_row(TG_TABLE_NAME, r, adding);\n" \
	"    END IF;\n" \
	"  END LOOP;\n" \
	"  RETURN NULL;\n" \
	"END $$;\n"

/* The guard on table t, one trigger an event (PostgreSQL takes
 * transition tables only on a trigger of one event).  No row policy: the
 * row policies of the first migration 9 and its guard of every event row
 * by row are dropped, when there, as the guard refuses every event
 * itself; every role reads every row. */
#define AGENCY_GUARD_ON(t) \
	"DROP POLICY IF EXISTS integra_read ON " t ";\n" \
	"DROP POLICY IF EXISTS integra_add ON " t ";\n" \
	"DROP POLICY IF EXISTS integra_change ON " t ";\n" \
	"DROP POLICY IF EXISTS integra_remove ON " t ";\n" \
	"ALTER TABLE " t " NO FORCE ROW LEVEL SECURITY;\n" \
	"ALTER TABLE " t " DISABLE ROW LEVEL SECURITY;\n" \
	"DROP TRIGGER IF EXISTS integra_guard ON " t ";\n" \
	"CREATE OR REPLACE TRIGGER integra_guard_add AFTER INSERT ON " t "\n" \
	"  REFERENCING NEW TABLE AS integra_new\n" \
	"  FOR EACH STATEMENT EXECUTE FUNCTION integra_guard_set();\n" \
	"CREATE OR REPLACE TRIGGER integra_guard_change AFTER UPDATE ON " t "\n" \
	"  REFERENCING OLD TABLE AS integra_old NEW TABLE AS integra_new\n" \
	"  FOR EACH STATEMENT EXECUTE FUNCTION integra_guard_set();\n" \
	"CREATE OR REPLACE TRIGGER integra_guard_remove BEFORE DELETE ON " t "\n" \
	"  FOR EACH ROW EXECUTE FUNCTION integra_guard();\n"

static const char agency_pg[] =
    AGENCY_TABLES("BIGINT")
    AGENCY_FUNCTIONS
    AGENCY_GUARD
    AGENCY_TRIGGER
    AGENCY_GUARD_ON("person")
    AGENCY_GUARD_ON("participation")
    AGENCY_GUARD_ON("nomination")
    AGENCY_GUARD_ON("organisation")
    "DROP FUNCTION IF EXISTS integra_may_write_part(bigint, bigint);\n";

/* The PostgreSQL SQL of core migration 9 (schema_pg.c runs it). */
const char *
agency_pg_sql(void)
{
	return agency_pg;
}

/* Adds or updates the agency of role ?1: its name ?2 (NULL: kept, or the
 * role's for a new one), coordinating when ?3 is 1 (never taken back
 * here). */
const char agency_upsert_sql[] =
    "INSERT INTO agency (role, name, coordinating) VALUES (?1, coalesce(?2, ?1), "
    "?3) ON CONFLICT (role) DO UPDATE SET name = coalesce(?2, agency.name), "
    "coordinating = CASE WHEN ?3 = 1 THEN 1 ELSE agency.coordinating END";

/* The organisation ?1 and every organisation under it (parent_id, to any
 * depth). */
#define AGENCY_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM organisation WHERE id = ?1 " \
	"UNION SELECT o.id FROM organisation o JOIN sub ON o.parent_id = sub.id) "

/* Gives role ?2 the organisation ?1 and those under it. */
const char agency_org_add_sql[] = AGENCY_SUBTREE
    "INSERT INTO agency_org (role, org_id) SELECT ?2, id FROM sub WHERE true "
    "ON CONFLICT DO NOTHING";

/* Takes from role ?2 the organisation ?1 and those under it. */
const char agency_org_remove_sql[] = AGENCY_SUBTREE
    "DELETE FROM agency_org WHERE role = ?2 AND org_id IN (SELECT id FROM sub)";

/*
 * The privileges a role needs in schema (both already quoted as
 * identifiers by the server): with grant, it reads every table and writes
 * through the guard, and only reads the agency tables and the
 * migrations; the tables made later by the administrator (a plugin's)
 * too, by default privileges; without, it can no longer write anything.
 * The caller frees the SQL.
 */
char *
agency_privileges_sql(const char *schema, const char *role, bool grant)
{
	if (!grant)
		return xasprintf("REVOKE INSERT, UPDATE, DELETE ON ALL TABLES IN "
		    "SCHEMA %1$s FROM %2$s;\n"
		    "ALTER DEFAULT PRIVILEGES IN SCHEMA %1$s REVOKE INSERT, UPDATE, "
		    "DELETE ON TABLES FROM %2$s;\n", schema, role);
	return xasprintf("GRANT USAGE ON SCHEMA %1$s TO %2$s;\n"
	    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1$s "
	    "TO %2$s;\n"
	    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA %1$s TO %2$s;\n"
	    "ALTER DEFAULT PRIVILEGES IN SCHEMA %1$s GRANT SELECT, INSERT, UPDATE, "
	    "DELETE ON TABLES TO %2$s;\n"
	    "ALTER DEFAULT PRIVILEGES IN SCHEMA %1$s GRANT USAGE ON SEQUENCES "
	    "TO %2$s;\n"
	    "REVOKE INSERT, UPDATE, DELETE ON agency, agency_org, migration "
	    "FROM %2$s;\n", schema, role);
}

/* 1 when the connected role may write at all, else 0 (PostgreSQL). */
const char agency_writer_sql[] = "SELECT CAST(integra_has_agency() AS INTEGER)";
