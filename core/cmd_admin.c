/*
 * Administration: `integra init` (create or upgrade the database, core and
 * plugin migrations) and `integra config show`.
 */
#include "integra.h"

/* Creates the database if missing and applies every pending migration of
 * the core and of each loaded plugin.  Safe to run again. */
int
cmd_init(struct ctx *ctx, struct args *a)
{
	int before, after, rc;

	(void)a;
	if ((rc = db_open(ctx, true)) != 0 ||
	    (rc = db_schema_version(ctx, "core", &before)) != 0 ||
	    (rc = db_migrate(ctx)) != 0 ||
	    (rc = plugins_migrate(ctx)) != 0 ||
	    (rc = db_schema_version(ctx, "core", &after)) != 0)
		return rc;
	if (before == after)
		fprintf(ctx->out, _("database '%s' is up to date (schema %d)\n"),
		    cfg_database(ctx->cfg), after);
	else if (before == 0)
		fprintf(ctx->out, _("created database '%s' (schema %d)\n"),
		    cfg_database(ctx->cfg), after);
	else
		fprintf(ctx->out, _("upgraded database '%s' from schema %d to %d\n"),
		    cfg_database(ctx->cfg), before, after);
	return 0;
}

static int
config_show(struct ctx *ctx, struct args *a)
{
	(void)a;
	return cfg_show(ctx);
}

const struct cmd cmd_config_verbs[] = {
	{ .name = "show", .usage = "",
	  .summary = N_("print the effective configuration and where each value came from"),
	  .flags = CMD_PLUGINS, .exec = config_show },
	{ 0 }
};
