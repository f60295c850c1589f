/*
 * The SQL of agencies, for both backends.  On SQLite core migration 9
 * makes the two tables only (an SQLite register has one office and no
 * roles).  On PostgreSQL it also makes the functions the row policies
 * call and turns row-level security on for the records that belong to an
 * organisation: person, participation, nomination and organisation
 * itself.  Every role reads every row (one register); a role adds,
 * changes or removes a row only when the row's organisation is one of
 * its agency's, when its agency is coordinating, or when it is the
 * register's owner (a member of the role that owns the functions, which
 * superusers are).
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
 * The checks, as functions so that each policy is one line.  Inside a
 * SECURITY DEFINER function current_user is the owner (the administrator
 * who ran init), so the role asking is passed in by a wrapper that runs
 * as the caller: integra_may_write(org) asks for current_user.
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
	"$$;\n" \
	"CREATE OR REPLACE FUNCTION integra_may_write_part(org bigint, who bigint)\n" \
	"  RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT integra_may_write(coalesce(org,\n" \
	"    (SELECT p.org_id FROM person p WHERE p.id = who)))\n" \
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
 * The guard of each changed row, a BEFORE trigger: the old row's
 * organisation (a change, a removal) and the new row's (an addition, a
 * change) must be the role's to change, else SQLSTATE 42501 with one line
 * naming the role and the organisation.  A policy whose USING clause
 * hid the row would make an UPDATE or DELETE change nothing, silently:
 * the policies below let UPDATE and DELETE see every row, and the guard
 * refuses, aloud.  The organisation of an organisation row is itself, of
 * a new one its parent; of a person's participation the person's.
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
	"  IF TG_OP <> 'INSERT' THEN\n" \
	"    PERFORM integra_guard_row(TG_TABLE_NAME, to_jsonb(OLD), false);\n" \
	"  END IF;\n" \
	"  IF TG_OP <> 'DELETE' THEN\n" \
	"    PERFORM integra_guard_row(TG_TABLE_NAME, to_jsonb(NEW), TG_OP = 'INSERT');\n" \
	"    RETURN NEW;\n" \
	"  END IF;\n" \
	"  RETURN OLD;\n" \
	"END $$;\n"

/* Row-level security on table t: everyone reads; a new row or a changed
 * one must pass its check (the backstop of the guard, which runs first). */
#define AGENCY_POLICIES(t, add, may) \
	"ALTER TABLE " t " ENABLE ROW LEVEL SECURITY;\n" \
	"ALTER TABLE " t " FORCE ROW LEVEL SECURITY;\n" \
	"DROP POLICY IF EXISTS integra_read ON " t ";\n" \
	"DROP POLICY IF EXISTS integra_add ON " t ";\n" \
	"DROP POLICY IF EXISTS integra_change ON " t ";\n" \
	"DROP POLICY IF EXISTS integra_remove ON " t ";\n" \
	"CREATE POLICY integra_read ON " t " FOR SELECT USING (true);\n" \
	"CREATE POLICY integra_add ON " t " FOR INSERT WITH CHECK (" add ");\n" \
	"CREATE POLICY integra_change ON " t " FOR UPDATE USING (true)" \
	" WITH CHECK (" may ");\n" \
	"CREATE POLICY integra_remove ON " t " FOR DELETE USING (true);\n" \
	"CREATE OR REPLACE TRIGGER integra_guard BEFORE INSERT OR UPDATE OR DELETE ON " t "\n" \
	"  FOR EACH ROW EXECUTE FUNCTION integra_guard();\n"

#define MAY(x) "integra_may_write(" x ")"

static const char agency_pg[] =
    AGENCY_TABLES("BIGINT")
    AGENCY_FUNCTIONS
    AGENCY_GUARD
    AGENCY_TRIGGER
    AGENCY_POLICIES("person", MAY("org_id"), MAY("org_id"))
    AGENCY_POLICIES("participation", "integra_may_write_part(org_id, person_id)",
	"integra_may_write_part(org_id, person_id)")
    AGENCY_POLICIES("nomination", MAY("org_id"), MAY("org_id"))
    AGENCY_POLICIES("organisation", MAY("parent_id"), MAY("id"));

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
 * through the row policies, and only reads the agency tables and the
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
