/*
 * The sources of the `deadlines` report: the core's programmes with a due
 * date, and each loaded plugin's rows (its descriptor's `deadlines` SQL,
 * ABI 1.1), joined with UNION ALL into the common table dl(code, area,
 * title, owner, due) that the report's queries (core/report.c) read.
 */
#include <stddef.h>

#include "integra.h"
#include "deadlines.h"

/* The core's rows: programmes with a due date that are still open; the
 * owner, else the lead or responsible organisation. */
#define DL_CORE \
	"SELECT p.code, p.area, p.title," \
	" coalesce((SELECT code FROM organisation WHERE id = p.owner_id)," \
	" (SELECT o.code FROM participation pa JOIN organisation o" \
	" ON o.id = pa.org_id WHERE pa.programme_id = p.id" \
	" AND pa.role IN ('lead', 'responsible')" \
	" ORDER BY pa.role = 'lead' DESC, o.code LIMIT 1))," \
	" p.due FROM programme p WHERE p.due IS NOT NULL" \
	" AND p.status NOT IN ('completed', 'cancelled')"

/* The columns every source gives, in order. */
#define DL_COLUMNS "code, area, title, owner, due"

/* The plugin's deadlines SQL when its descriptor holds the member. */
const char *
deadlines_of(const struct integra_plugin *p)
{
	if (p->size < offsetof(struct integra_plugin, deadlines) +
	    sizeof(p->deadlines))
		return NULL;
	return p->deadlines;
}

/* Prepares one plugin's source alone: one statement with the five
 * columns, read-only; the error names the plugin.  PostgreSQL checks a
 * statement without parameters when it first runs: there it is run once,
 * for no rows. */
static int
check_source(struct ctx *ctx, const struct integra_plugin *p, const char *sql)
{
	struct buf b = { 0 };
	struct dbst *st = NULL;
	int rc;

	buf_printf(&b, "SELECT " DL_COLUMNS " FROM (%s) src LIMIT 0", sql);
	rc = db_prepare_single(ctx, &st, b.s);
	buf_release(&b);
	if (rc == 0 && dbc_is_pg(ctx->db) && dbst_readonly(st) &&
	    dbst_step(st) != DB_DONE)
		rc = db_error(ctx, "cannot prepare SQL");
	if (rc != 0) {
		dbst_finalize(st);
		return error_set(ctx, rc, "deadlines of plugin '%s': %s", p->name,
		    ctx->errmsg);
	}
	if (!dbst_readonly(st))
		rc = error_set(ctx, ERR_FAIL, "deadlines of plugin '%s': not a "
		    "read-only query", p->name);
	dbst_finalize(st);
	return rc;
}

/* The deadlines query with every source before it as WITH dl. */
int
deadlines_sql(struct ctx *ctx, const char *outer, struct buf *out)
{
	const struct integra_plugin *p;
	const char *sql;
	size_t i, n = plugins_count(ctx);
	int rc;

	buf_adds(out, "WITH dl(" DL_COLUMNS ") AS (" DL_CORE);
	for (i = 0; i < n; i++) {
		if ((p = plugins_get(ctx, i)) == NULL || (sql = deadlines_of(p)) == NULL)
			continue;
		if ((rc = check_source(ctx, p, sql)) != 0)
			return rc;
		buf_printf(out, " UNION ALL SELECT " DL_COLUMNS " FROM (%s) src%zu", sql, i);
	}
	buf_printf(out, ") %s", outer);
	return 0;
}
