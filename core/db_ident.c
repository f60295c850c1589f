/*
 * Which SQLite file is integra's: the database carries SQLite's
 * application_id (INTEGRA_APPLICATION_ID, 'INTG'), set by init.  A file
 * with tables but neither that id nor integra's migration table belongs
 * to another program and is refused before anything is written to it; an
 * integra database made before the id existed (id 0, the migration
 * table) is accepted and gets the id at the next init.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"

#define INTEGRA_APPLICATION_ID 0x494e5447	/* "INTG" */

/* The first integer of the first row of sql, or -1 when it fails. */
static int64_t
query_int(struct dbconn *db, const char *sql)
{
	struct dbst *st;
	int64_t v = -1;

	if (dbc_prepare(db, sql, &st, NULL) != DB_OK)
		return -1;
	if (dbst_step(st) == DB_ROW)
		v = dbst_int(st, 0);
	dbst_finalize(st);
	return v;
}

/* The name of one table of the file, for the message; the caller frees. */
static char *
some_table(struct dbconn *db)
{
	struct dbst *st;
	char *name = NULL;

	if (dbc_prepare(db, "SELECT name FROM sqlite_master WHERE type = "
	    "'table' ORDER BY name LIMIT 1", &st, NULL) != DB_OK)
		return xstrdup("?");
	if (dbst_step(st) == DB_ROW && dbst_text(st, 0))
		name = xstrdup(dbst_text(st, 0));
	dbst_finalize(st);
	return name ? name : xstrdup("?");
}

/*
 * Refuses an SQLite file that is not integra's (see above), naming what it
 * holds; 0 for integra's database, an empty file or an older integra
 * database.  Reads only.
 */
int
db_identify(struct ctx *ctx, const char *path)
{
	int64_t id, tables, ours;
	char *t, *s = NULL;
	int rc;

	id = query_int(ctx->db, "PRAGMA application_id");
	if (id == INTEGRA_APPLICATION_ID)
		return 0;
	tables = query_int(ctx->db, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table'");
	ours = query_int(ctx->db, "SELECT group_concat(name, ',') = "
	    "'component,version,applied' FROM (SELECT name FROM "
	    "pragma_table_info('migration') ORDER BY cid)");
	if (id == 0 && (tables == 0 || ours == 1))
		return 0;
	if (id < 0 || tables < 0)
		return error_set(ctx, ERR_FAIL, "database '%s': cannot read its header: "
		    "%s", path, dbc_errmsg(ctx->db));
	t = tables == 0 ? xstrdup(_("no tables")) :
	    xasprintf(P_("%lld table, '%s'", "%lld tables such as '%s'",
	    (unsigned long)tables), (long long)tables, (s = some_table(ctx->db)));
	rc = error_set(ctx, ERR_FAIL, "database '%s' is not integra's: an SQLite "
	    "file of another program (application_id 0x%08x, %s), left "
	    "untouched; give integra's database with -d or 'database' in "
	    "integra.cfg, or a new path for 'integra init'", path,
	    (unsigned)(uint32_t)id, t);
	free(s);
	free(t);
	return rc;
}

/* Marks the database as integra's (init): sets the application_id. */
int
db_mark(struct ctx *ctx)
{
	char sql[64];

	if (dbc_is_pg(ctx->db))
		return 0;
	if (query_int(ctx->db, "PRAGMA application_id") == INTEGRA_APPLICATION_ID)
		return 0;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
	    INTEGRA_APPLICATION_ID);
	if (dbc_exec(ctx->db, sql) != DB_OK)
		return error_set(ctx, ERR_FAIL, "cannot mark the database as "
		    "integra's: %s", dbc_errmsg(ctx->db));
	return 0;
}
