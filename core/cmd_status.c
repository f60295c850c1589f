/*
 * integra status and integra check.  status says what the database holds:
 * where it is, its schema version, how many records of each kind, the
 * programmes by area and status and the participation by status, in one
 * listing.  check looks for damage: SQLite's integrity and foreign-key
 * checks, fields that are not valid JSON, programmes whose area has no
 * loaded plugin, and areas bound to a plugin other than the one that
 * claims them now; it prints each problem and exits 4, or prints "ok".
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "check_pg.h"

/* integra status: what the database holds, as one listing. */
int
cmd_status(struct ctx *ctx, struct args *a)
{
	struct sqlite3 *lite = dbc_sqlite(ctx->db);
	const char *path = lite ? sqlite3_db_filename(lite, "main") :
	    cfg_database(ctx->cfg);

	(void)a;
	return cmd_query(ctx, "Status",
	    "SELECT item, detail, value FROM ("
	    "SELECT 1 AS o, 'database' AS item, ?1 AS detail, NULL AS value "
	    "UNION ALL SELECT 2, 'schema', component, max(version) FROM migration "
	    "GROUP BY component "
	    "UNION ALL SELECT 3, 'organisations', NULL, count(*) FROM organisation "
	    "UNION ALL SELECT 4, 'people', NULL, count(*) FROM person "
	    "UNION ALL SELECT 5, 'programmes', NULL, count(*) FROM programme "
	    "UNION ALL SELECT 6, 'activities', NULL, count(*) FROM activity "
	    "UNION ALL SELECT 7, 'participation', NULL, count(*) FROM participation "
	    "UNION ALL SELECT 8, 'audit rows', NULL, count(*) FROM audit "
	    "UNION ALL SELECT 9, 'programmes', area || ' ' || status, count(*) "
	    "FROM programme GROUP BY area, status "
	    "UNION ALL SELECT 10, 'participation', status, count(*) FROM participation "
	    "GROUP BY status) s ORDER BY o, detail", "t",
	    path && *path ? path : ":memory:");
}

/* Prints one problem and counts it. */
static void
problem(struct ctx *ctx, int *n, const char *what, const char *detail)
{
	fprintf(ctx->out, _("problem: %s%s%s\n"), what, detail ? ": " : "",
	    detail ? detail : "");
	(*n)++;
}

/* Runs a query and reports each row's first column (when not "ok"). */
static int
check_rows(struct ctx *ctx, int *n, const char *what, const char *sql)
{
	struct dbst *st;
	const char *s;
	int rc;

	if ((rc = db_prepare(ctx, &st, sql)) != 0)
		return rc;
	while ((rc = dbst_step(st)) == DB_ROW) {
		s = dbst_text(st, 0);
		if (s == NULL || strcmp(s, "ok") != 0)
			problem(ctx, n, what, s);
	}
	dbst_finalize(st);
	return rc == DB_DONE ? 0 : db_error(ctx, what);
}

/* Reports the areas of programmes that no loaded plugin serves. */
static int
check_areas(struct ctx *ctx, int *n)
{
	struct dbst *st;
	const char *area;
	char *msg;
	int64_t n_prog;
	int rc;

	if ((rc = db_prepare(ctx, &st, "SELECT area, count(*) FROM programme "
	    "GROUP BY area ORDER BY area")) != 0)
		return rc;
	while ((rc = dbst_step(st)) == DB_ROW) {
		area = dbst_text(st, 0);
		if (plugins_area(ctx, area) != NULL)
			continue;
		n_prog = dbst_int(st, 1);
		msg = xasprintf(P_("area '%s' of %lld programme",
		    "area '%s' of %lld programmes", (unsigned long)n_prog), area,
		    (long long)n_prog);
		problem(ctx, n, _("no loaded plugin"), msg);
		free(msg);
	}
	dbst_finalize(st);
	return rc == DB_DONE ? 0 : db_error(ctx, "cannot read programmes");
}

/* Reports areas bound to a plugin other than the one that claims them
 * now (which was refused when the database was opened). */
static int
check_bindings(struct ctx *ctx, int *n)
{
	const struct integra_plugin *p;
	const char *area, *path = NULL;
	struct dbst *st;
	char *msg;
	int rc;

	if ((rc = db_prepare(ctx, &st, "SELECT area, plugin, version, path FROM "
	    "plugin_area ORDER BY area")) != 0)
		return rc;
	while ((rc = dbst_step(st)) == DB_ROW) {
		area = dbst_text(st, 0);
		p = plugins_area_claimant(ctx, area, &path);
		if (p == NULL || strcmp(p->name, dbst_text(st,
		    1)) == 0)
			continue;
		msg = xasprintf(_("area '%s' is bound to plugin '%s' %s ('%s'), not to "
		    "the loaded plugin '%s' %s ('%s'); 'integra plugin rebind %s' binds "
		    "it on purpose"), area, dbst_text(st, 1),
		    dbst_text(st, 2), dbst_text(st, 3), p->name,
		    p->version, path, area);
		problem(ctx, n, _("area bound to another plugin"), msg);
		free(msg);
	}
	dbst_finalize(st);
	return rc == DB_DONE ? 0 : db_error(ctx, "cannot read the area bindings");
}

/* The integrity and foreign-key checks: SQLite's pragmas, or on
 * PostgreSQL their counterparts of check_pg.c. */
static int
check_store(struct ctx *ctx, int *n)
{
	char *refs;
	int rc;

	if (!dbc_is_pg(ctx->db))
		return (rc = check_rows(ctx, n, "integrity",
		    "PRAGMA integrity_check")) != 0 ? rc :
		    check_rows(ctx, n, "broken reference", "SELECT \"table\" || "
		    "' row ' || rowid || ' refers to a missing ' || parent "
		    "FROM pragma_foreign_key_check");
	if ((rc = check_rows(ctx, n, "integrity", check_pg_integrity_sql)) != 0)
		return rc;
	if ((refs = check_pg_references_sql(ctx)) == NULL)
		return ERR_FAIL;
	rc = check_rows(ctx, n, "broken reference", refs);
	free(refs);
	return rc;
}

int
cmd_check(struct ctx *ctx, struct args *a)
{
	int n = 0, rc;

	(void)a;
	if ((rc = check_store(ctx, &n)) != 0 ||
	    (rc = check_rows(ctx, &n, "fields are not valid JSON",
	    "SELECT 'programme ' || code FROM programme WHERE NOT json_valid(fields) "
	    "UNION ALL SELECT 'activity ' || id FROM activity WHERE NOT json_valid(fields) "
	    "UNION ALL SELECT 'participation ' || id FROM participation "
	    "WHERE NOT json_valid(fields)")) != 0 ||
	    (rc = check_areas(ctx, &n)) != 0 ||
	    (rc = check_bindings(ctx, &n)) != 0)
		return rc;
	if (n)
		return error_set(ctx, ERR_INVALID, P_("check found %d problem",
		    "check found %d problems", (unsigned long)n), n);
	fprintf(ctx->out, _("ok\n"));
	return 0;
}
