/*
 * Shared set-up of the plugin and record unit tests: a context whose
 * configuration enables fixture plugins from build/fixtures (found beside
 * the test binary), and an in-memory database with the core schema.
 */
#ifndef TEST_PLUGIN_FIXTURE_H
#define TEST_PLUGIN_FIXTURE_H

#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <unistd.h>

#include "integra.h"
#include "unit_db.h"
#include "schema.h"

/* The fixtures directory: <dir of this binary>/../fixtures. */
static char *
fixture_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0)
		return xstrdup("build/fixtures");
	path[n] = '\0';
	if ((slash = strrchr(path, '/')) != NULL)
		*slash = '\0';
	return xasprintf("%s/../fixtures", path);
}

/* A context with plugins `enabled` (a libconfig array body) loaded. */
static int
fixture_ctx(struct ctx *ctx, const char *enabled, const char *extra)
{
	char *dir = fixture_dir(), *text;
	int rc;

	memset(ctx, 0, sizeof(*ctx));
	ctx->out = stdout;
	host_init(ctx);
	text = xasprintf("plugins = { dir = \"%s\"; enabled = [ %s ]; };\n%s", dir,
	    enabled, extra ? extra : "");
	rc = cfg_load_string(ctx, text, "test.cfg", &ctx->cfg);
	free(text);
	free(dir);
	return rc;
}

/* An in-memory database with every core migration. */
static int
fixture_db(struct ctx *ctx)
{
	char *sql;
	int v;

	if (unit_memdb(ctx) != 0)
		return -1;
	if (dbc_exec(ctx->db, "CREATE TABLE migration (component TEXT NOT NULL, "
	    "version INTEGER NOT NULL, applied TEXT NOT NULL, "
	    "PRIMARY KEY (component, version))") != SQLITE_OK)
		return -1;
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		if (dbc_exec(ctx->db, sql) != SQLITE_OK) {
			free(sql);
			return -1;
		}
		free(sql);
		if (db_set_version(ctx, "core", v) != 0)
			return -1;
	}
	return 0;
}

static void
fixture_release(struct ctx *ctx)
{
	db_close(ctx);
	plugins_unload(ctx);
	cfg_free(ctx->cfg);
	ctx->cfg = NULL;
}

#endif
