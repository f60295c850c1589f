/*
 * The command table and dispatch: nouns and verbs looked up by name or
 * unambiguous prefix, `--help` at every level printed from the entries,
 * the shared setup that each entry's flags ask for (configuration,
 * plugins, database, one write transaction), and plugin commands through
 * the same path.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"

static const struct optdef no_opts[] = { { 0 } };

static const struct optdef cmd_deadlines_opts[] = {
	{ "overdue", 0, 0, NULL, "only what is past due" },
	{ "within", 0, OPT_ARG, "DAYS", "only what falls due within DAYS days" },
	{ "as-of", 0, OPT_ARG, "DATE", "answer as of DATE instead of today" },
	{ 0 }
};

/* The top-level commands, in alphabetical order. */
const struct cmd cmd_table[] = {
	{ "activity", "VERB ...", "sessions, cohorts or phases inside a programme",
	  NULL, NULL, 0, -1, 0, NULL, cmd_activity_verbs },
	{ "audit", "[--since DATE] [--entity KIND:KEY]", "show the audit log of every change",
	  NULL, cmd_audit_opts, 0, 0, CMD_DB, cmd_audit, NULL },
	{ "check", "", "check the database's integrity and references",
	  NULL, no_opts, 0, 0, CMD_DB | CMD_PLUGINS, cmd_check, NULL },
	{ "config", "VERB", "show the effective configuration",
	  NULL, NULL, 0, -1, 0, NULL, cmd_config_verbs },
	{ "daemon", "", "run export jobs when due, in the foreground",
	  NULL, cmd_daemon_opts, 0, 0, CMD_DB | CMD_PLUGINS, cmd_daemon, NULL },
	{ "deadlines", "[--overdue] [--within DAYS] [--as-of DATE]",
	  "what is due and what is late, across all areas",
	  NULL, cmd_deadlines_opts, 0, 0, CMD_DB | CMD_PLUGINS, cmd_deadlines, NULL },
	{ "enrol", "PROGRAMME PARTICIPANT...", "add people or organisations to a programme",
	  "A participant is a person key or, with --org, an organisation code.",
	  cmd_participation_enrol_opts, 2, -1, CMD_DB | CMD_WRITE | CMD_PLUGINS,
	  cmd_enrol, NULL },
	{ "import", "orgs|people|programmes|participation FILE [--area A]",
	  "load a CSV spreadsheet, checked row by row, all or nothing",
	  NULL, cmd_import_opts, 2, 2, CMD_DB | CMD_WRITE | CMD_PLUGINS, cmd_import, NULL },
	{ "init", "", "create the database or upgrade it to this version",
	  NULL, no_opts, 0, 0, CMD_PLUGINS, cmd_init, NULL },
	{ "job", "VERB ...", "scheduled export jobs",
	  NULL, NULL, 0, -1, 0, NULL, cmd_job_verbs },
	{ "org", "VERB ...", "organisations: ministries, oblast administrations, units",
	  NULL, NULL, 0, -1, 0, NULL, cmd_org_verbs },
	{ "participation", "VERB ...", "who takes part in which programme, and how far",
	  NULL, NULL, 0, -1, 0, NULL, cmd_participation_verbs },
	{ "person", "VERB ...", "civil servants, officials, service members",
	  NULL, NULL, 0, -1, 0, NULL, cmd_person_verbs },
	{ "plugin", "VERB ...", "list, describe and check plugins",
	  NULL, NULL, 0, -1, 0, NULL, cmd_plugin_verbs },
	{ "programme", "VERB ...", "programmes of each area of work",
	  NULL, NULL, 0, -1, 0, NULL, cmd_programme_verbs },
	{ "report", "list | NAME [--area A] [--from D] [--to D] [--by DIM] [-o FILE]",
	  "run a report: participation, coverage, deadlines, the plugins' reports",
	  NULL, cmd_report_opts, 1, 1, CMD_DB | CMD_PLUGINS, cmd_report, NULL },
	{ "status", "", "what the database holds, by area and status",
	  NULL, no_opts, 0, 0, CMD_DB | CMD_PLUGINS, cmd_status, NULL },
	{ 0 }
};

static bool
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* Looks a name up in a table: exact match, else unique prefix. */
const struct cmd *
cmd_find(const struct cmd *table, const char *name, struct ctx *ctx, const char *path)
{
	const struct cmd *c, *hit = NULL;
	struct buf cands = { 0 };
	size_t len = strlen(name);
	int n = 0;

	for (c = table; c->name; c++) {
		if (strcmp(c->name, name) == 0)
			return c;
		if (len > 0 && strncmp(c->name, name, len) == 0) {
			hit = c;
			n++;
			buf_printf(&cands, "%s%s", cands.len ? ", " : "", c->name);
		}
	}
	if (n == 1) {
		buf_release(&cands);
		return hit;
	}
	if (n > 1)
		error_set(ctx, ERR_USAGE, "ambiguous command '%s' for '%s': %s", name,
		    path, cands.s);
	else
		error_set(ctx, ERR_USAGE, "unknown command '%s' for '%s' (see '%s --help')",
		    name, path, path);
	buf_release(&cands);
	return NULL;
}

/* Prints the help of one entry, from the entry itself. */
void
cmd_help(FILE *fp, const char *path, const struct cmd *c)
{
	const struct optdef *o;
	const struct cmd *v;
	char left[64];

	fprintf(fp, "usage: %s %s\n\n%s\n", path, c->usage, c->summary);
	if (c->help)
		fprintf(fp, "\n%s\n", c->help);
	if (c->sub) {
		fprintf(fp, "\nverbs:\n");
		for (v = c->sub; v->name; v++)
			fprintf(fp, "  %-10s %s\n", v->name, v->summary);
		fprintf(fp, "\nRun '%s VERB --help' for a verb's options.\n", path);
	}
	if (c->opts && c->opts->name) {
		fprintf(fp, "\noptions:\n");
		for (o = c->opts; o->name; o++) {
			if (o->shortname)
				snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname,
				    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
			else
				snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				    o->arg ? " " : "", o->arg ? o->arg : "");
			fprintf(fp, "  %-26s %s%s\n", left, o->help,
			    o->flags & OPT_MULTI ? " (repeatable)" : "");
		}
	}
}

/* Loads the configuration once. */
static int
need_cfg(struct ctx *ctx)
{
	if (ctx->cfg)
		return 0;
	return cfg_load(ctx, &ctx->cfg);
}

/* The setup an entry's flags ask for. */
int
cmd_setup(struct ctx *ctx, unsigned flags)
{
	int rc;

	if ((rc = need_cfg(ctx)) != 0)
		return rc;
	if ((flags & CMD_PLUGINS) && (rc = plugins_load(ctx)) != 0)
		return rc;
	if ((flags & CMD_DB) && ctx->db == NULL) {
		if ((rc = db_open(ctx, false)) != 0 || (rc = db_check_schema(ctx)) != 0)
			return rc;
		if ((flags & CMD_PLUGINS) && (rc = plugins_check_schema(ctx)) != 0)
			return rc;
	}
	if ((flags & CMD_WRITE) && !ctx->in_tx && (rc = db_begin(ctx)) != 0)
		return rc;
	return 0;
}

/* Ends what cmd_setup began: commit on success, roll back on failure. */
int
cmd_finish(struct ctx *ctx, unsigned flags, int rc)
{
	if (!(flags & CMD_WRITE) || !ctx->in_tx || ctx->nested)
		return rc;
	if (rc == 0)
		return db_commit(ctx);
	db_rollback(ctx);
	return rc;
}

static int
run_entry(struct ctx *ctx, const char *path, const struct cmd *c, int argc,
    char **argv)
{
	struct args a;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (is_help(argv[i])) {
			cmd_help(ctx->out, path, c);
			return 0;
		}
	}
	rc = opt_parse(ctx, path, c->opts, argc, argv, &a);
	if (rc == 0 && (a.npos < c->min_args || (c->max_args >= 0 &&
	    a.npos > c->max_args)))
		rc = error_set(ctx, ERR_USAGE, "%s for '%s'; usage: %s %s",
		    a.npos < c->min_args ? "missing arguments" : "too many arguments",
		    path, path, c->usage);
	if (rc == 0)
		rc = cmd_setup(ctx, c->flags);
	if (rc == 0)
		rc = cmd_finish(ctx, c->flags, c->exec(ctx, &a));
	else if (ctx->in_tx && !ctx->nested)
		db_rollback(ctx);
	args_release(&a);
	return rc;
}

/* Prints the top-level help, with the plugins' commands when they load. */
static void
top_help(struct ctx *ctx)
{
	const struct cmd *c;
	FILE *fp = ctx->out;

	fprintf(fp, "usage: integra [-c FILE] [-d DATABASE] [--format table|csv|json] "
	    "COMMAND [ARGS]\n\n"
	    "Tracks the programmes of Euro-Atlantic integration and who took part.\n\n"
	    "global options:\n"
	    "  -c, --config FILE          configuration file\n"
	    "  -d, --database FILE        database file\n"
	    "      --format NAME          output format of lists and reports\n"
	    "  -h, --help                 this help; 'integra COMMAND --help' for a command\n"
	    "  -V, --version              print the version\n\n"
	    "commands:\n");
	for (c = cmd_table; c->name; c++)
		fprintf(fp, "  %-14s %s\n", c->name, c->summary);
	if (need_cfg(ctx) == 0 && plugins_load(ctx) == 0)
		plugins_help(ctx, fp);
	fprintf(fp, "\nexit codes: 0 ok, 1 failure, 2 usage error, 3 not found, "
	    "4 invalid data, 5 locked or busy\n"
	    "See integra(1) and integra.cfg(5).\n");
}

/* Runs the command in argv[0..argc) (after the global options). */
int
cmd_run(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd *c, *v;
	char path[128];
	int rc;

	if (argc == 0 || is_help(argv[0])) {
		top_help(ctx);
		return argc == 0 ? error_set(ctx, ERR_USAGE, "no command given") : 0;
	}
	c = cmd_find(cmd_table, argv[0], ctx, "integra");
	if (c == NULL) {
		ctx->err = 0;
		if ((rc = need_cfg(ctx)) != 0 || (rc = plugins_load(ctx)) != 0)
			return rc;
		rc = plugins_run_command(ctx, argc, argv);
		if (rc != ERR_NOTFOUND || ctx->err != 0)
			return rc;
		cmd_find(cmd_table, argv[0], ctx, "integra");
		return ctx->err;
	}
	snprintf(path, sizeof(path), "integra %s", c->name);
	if (c->sub == NULL)
		return run_entry(ctx, path, c, argc - 1, argv + 1);
	if (argc < 2 || is_help(argv[1])) {
		cmd_help(ctx->out, path, c);
		return argc < 2 ? error_set(ctx, ERR_USAGE, "'%s' needs a verb", path) : 0;
	}
	if ((v = cmd_find(c->sub, argv[1], ctx, path)) == NULL)
		return ctx->err;
	snprintf(path, sizeof(path), "integra %s %s", c->name, v->name);
	return run_entry(ctx, path, v, argc - 2, argv + 2);
}

/* Runs a command for a plugin (api->run) inside the current transaction. */
int
cmd_run_nested(struct ctx *ctx, int argc, const char *const *argv)
{
	bool was = ctx->nested;
	int rc;

	ctx->nested = true;
	rc = cmd_run(ctx, argc, (char **)argv);
	ctx->nested = was;
	return rc;
}
