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
	"CREATE TABLE agency (\n" \
	"  role TEXT PRIMARY KEY,\n" \
	"  name TEXT NOT NULL,\n" \
	"  coordinating INTEGER NOT NULL DEFAULT 0 CHECK (coordinating IN (0, 1))\n" \
	");\n" \
	"CREATE TABLE agency_org (\n" \
	"  role TEXT NOT NULL REFERENCES agency(role) ON DELETE CASCADE,\n" \
	"  org_id " ID " NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,\n" \
	"  PRIMARY KEY (role, org_id)\n" \
	");\n" \
	"CREATE INDEX agency_org_org ON agency_org(org_id);\n"

const char agency_sqlite_sql[] = AGENCY_TABLES("INTEGER");

/*
 * The checks, as functions so that each policy is one line.  Inside a
 * SECURITY DEFINER function current_user is the owner (the administrator
 * who ran init), so the role asking is passed in by a wrapper that runs
 * as the caller: integra_may_write(org) asks for current_user.
 */
#define AGENCY_FUNCTIONS \
	"CREATE FUNCTION integra_may_write_as(who name, org bigint) RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$\n" \
	"  SELECT pg_has_role(who, current_user, 'MEMBER')\n" \
	"    OR EXISTS (SELECT 1 FROM agency WHERE role = who AND coordinating = 1)\n" \
	"    OR EXISTS (SELECT 1 FROM agency_org WHERE role = who AND org_id = org)\n" \
	"$$;\n" \
	"CREATE FUNCTION integra_has_agency_as(who name) RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$\n" \
	"  SELECT pg_has_role(who, current_user, 'MEMBER')\n" \
	"    OR EXISTS (SELECT 1 FROM agency WHERE role = who AND (coordinating = 1\n" \
	"    OR EXISTS (SELECT 1 FROM agency_org ao WHERE ao.role = who)))\n" \
	"$$;\n" \
	"CREATE FUNCTION integra_may_write(org bigint) RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT integra_may_write_as(current_user, org)\n" \
	"$$;\n" \
	"CREATE FUNCTION integra_has_agency() RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT integra_has_agency_as(current_user)\n" \
	"$$;\n" \
	"CREATE FUNCTION integra_may_write_part(org bigint, who bigint) RETURNS boolean\n" \
	"  LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$\n" \
	"  SELECT integra_may_write(coalesce(org,\n" \
	"    (SELECT p.org_id FROM person p WHERE p.id = who)))\n" \
	"$$;\n"

/* An organisation added under one an agency holds is that agency's too,
 * as grant gave it every organisation under those named. */
#define AGENCY_TRIGGER \
	"CREATE FUNCTION integra_agency_org_added() RETURNS trigger\n" \
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$\n" \
	"BEGIN\n" \
	"  INSERT INTO agency_org (role, org_id) SELECT role, NEW.id FROM agency_org\n" \
	"    WHERE org_id = NEW.parent_id ON CONFLICT DO NOTHING;\n" \
	"  RETURN NULL;\n" \
	"END $$;\n" \
	"CREATE TRIGGER organisation_agency AFTER INSERT ON organisation\n" \
	"  FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL)\n" \
	"  EXECUTE FUNCTION integra_agency_org_added();\n"

/* Row-level security on table t: everyone reads; a new row passes add,
 * a changed or removed one may. */
#define AGENCY_POLICIES(t, add, may) \
	"ALTER TABLE " t " ENABLE ROW LEVEL SECURITY;\n" \
	"ALTER TABLE " t " FORCE ROW LEVEL SECURITY;\n" \
	"CREATE POLICY integra_read ON " t " FOR SELECT USING (true);\n" \
	"CREATE POLICY integra_add ON " t " FOR INSERT WITH CHECK (" add ");\n" \
	"CREATE POLICY integra_change ON " t " FOR UPDATE USING (" may ")" \
	" WITH CHECK (" may ");\n" \
	"CREATE POLICY integra_remove ON " t " FOR DELETE USING (" may ");\n"

#define MAY(x) "integra_may_write(" x ")"

static const char agency_pg[] =
    AGENCY_TABLES("BIGINT")
    AGENCY_FUNCTIONS
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
