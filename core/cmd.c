/*
 * The command table and the one dispatcher: nouns and verbs looked up by
 * name or unambiguous prefix, `--help` at every level printed from the
 * entries, the shared setup that each entry's flags ask for
 * (configuration, plugins, database, one write transaction).  The
 * plugins' commands are entries of the same kind (cmd_plugin.c), looked
 * up when no core command matches.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "agency.h"
#include "suggest.h"
#include "term.h"
#include "vocab.h"

/*
 * The entries, each defined in its own file: a noun's verb table in
 * cmd_<noun>.c, a single command's exec and options in its file.  They
 * are declared here, beside the one table that uses them, as tmux does.
 */
extern const struct cmd cmd_activity_verbs[];
extern const struct cmd cmd_agency_verbs[];
extern const struct cmd cmd_config_verbs[];
extern const struct cmd cmd_job_verbs[];
extern const struct cmd cmd_nomination_verbs[];
extern const struct cmd cmd_org_verbs[];
extern const struct cmd cmd_participation_verbs[];
extern const struct cmd cmd_person_verbs[];
extern const struct cmd cmd_plugin_verbs[];
extern const struct cmd cmd_programme_verbs[];
extern const struct cmd cmd_seats_verbs[];
extern const struct optdef cmd_audit_opts[];
extern const struct optdef cmd_daemon_opts[];
extern const struct optdef cmd_import_opts[];
extern const struct optdef cmd_nominate_opts[];
extern const struct optdef cmd_nomination_step_opts[];
extern const struct optdef cmd_participation_enrol_opts[];
extern const struct optdef cmd_reject_opts[];
extern const struct optdef cmd_report_opts[];
int cmd_admit(struct ctx *ctx, struct args *a);
int cmd_approve(struct ctx *ctx, struct args *a);
int cmd_audit(struct ctx *ctx, struct args *a);
int cmd_check(struct ctx *ctx, struct args *a);
int cmd_daemon(struct ctx *ctx, struct args *a);
int cmd_deadlines(struct ctx *ctx, struct args *a);
int cmd_enrol(struct ctx *ctx, struct args *a);
int cmd_export_db(struct ctx *ctx, struct args *a);
int cmd_help_exec(struct ctx *ctx, struct args *a);
int cmd_import(struct ctx *ctx, struct args *a);
int cmd_import_db(struct ctx *ctx, struct args *a);
int cmd_init(struct ctx *ctx, struct args *a);
int cmd_nominate(struct ctx *ctx, struct args *a);
int cmd_reject(struct ctx *ctx, struct args *a);
int cmd_report(struct ctx *ctx, struct args *a);
int cmd_status(struct ctx *ctx, struct args *a);

static const struct optdef cmd_deadlines_opts[] = {
	{ .name = "overdue", .help = N_("only what is past due") },
	{ .name = "within", .flags = OPT_ARG, .arg = "DAYS",
	  .help = N_("only what falls due within DAYS days") },
	{ .name = "as-of", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("answer as of DATE instead of today") },
	{ 0 }
};

/* The top-level commands, in alphabetical order. */
const struct cmd cmd_table[] = {
	{ .name = "activity", .usage = "VERB ...",
	  .summary = N_("sessions, cohorts or phases inside a programme"),
	  .sub = cmd_activity_verbs },
	{ .name = "admit", .usage = "PROGRAMME PERSON [--activity CODE]",
	  .summary = N_("enrol a nominee (approved first where the programme asks)"),
	  .opts = cmd_nomination_step_opts, .min_args = 2, .max_args = 2,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = cmd_admit },
	{ .name = "agency", .usage = "VERB ...",
	  .summary = N_("which server roles change which organisations (PostgreSQL)"),
	  .sub = cmd_agency_verbs },
	{ .name = "approve", .usage = "PROGRAMME PERSON [--activity CODE]",
	  .summary = N_("record the national authority's approval of a nomination"),
	  .opts = cmd_nomination_step_opts, .min_args = 2, .max_args = 2,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = cmd_approve },
	{ .name = "audit",
	  .usage = "[--since DATE] [--entity KIND:KEY] [--limit N] [--full]",
	  .summary = N_("show the audit log of every change"),
	  .opts = cmd_audit_opts, .flags = CMD_DB, .exec = cmd_audit },
	{ .name = "check", .usage = "",
	  .summary = N_("check the database's integrity and references"),
	  .flags = CMD_DB | CMD_PLUGINS, .exec = cmd_check },
	{ .name = "config", .usage = "VERB",
	  .summary = N_("show the effective configuration"),
	  .sub = cmd_config_verbs },
	{ .name = "daemon", .usage = "",
	  .summary = N_("run export jobs when due, in the foreground"),
	  .opts = cmd_daemon_opts, .flags = CMD_DB | CMD_PLUGINS, .exec = cmd_daemon },
	{ .name = "deadlines", .usage = "[--overdue] [--within DAYS] [--as-of DATE]",
	  .summary = N_("what is due and what is late, across all areas"),
	  .opts = cmd_deadlines_opts, .flags = CMD_DB | CMD_PLUGINS,
	  .exec = cmd_deadlines },
	{ .name = "enrol", .usage = "PROGRAMME PARTICIPANT...",
	  .summary = N_("add people or organisations to a programme"),
	  .help = N_("A participant is a person key or, with --org, an organisation code."),
	  .opts = cmd_participation_enrol_opts, .min_args = 2, .max_args = -1,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = cmd_enrol },
	{ .name = "export-db", .usage = "FILE",
	  .summary = N_("write the whole register to FILE, to move it to another "
	  "database"),
	  .help = N_("FILE is a JSON Lines dump, written atomically; '-' writes it "
	  "to standard output. See import-db."),
	  .min_args = 1, .max_args = 1, .flags = CMD_DB, .exec = cmd_export_db },
	{ .name = "help", .usage = "[COMMAND [VERB]]",
	  .summary = N_("the help of a command, or this list"),
	  .max_args = 2, .flags = CMD_NOCFG, .exec = cmd_help_exec },
	{ .name = "import",
	  .usage = "orgs|people|programmes|participation FILE [--area A]",
	  .summary = N_("load a CSV spreadsheet, checked row by row, all or nothing"),
	  .opts = cmd_import_opts, .min_args = 2, .max_args = 2,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = cmd_import },
	{ .name = "import-db", .usage = "FILE",
	  .summary = N_("fill a newly initialised database from an export-db dump"),
	  .help = N_("The database must be initialised with the same plugins and "
	  "hold no records; every table's count is checked, and any difference "
	  "stores nothing. '-' reads standard input."),
	  .min_args = 1, .max_args = 1, .flags = CMD_DB | CMD_WRITE,
	  .exec = cmd_import_db },
	{ .name = "init", .usage = "",
	  .summary = N_("create the database or upgrade it to this version"),
	  .flags = CMD_PLUGINS, .exec = cmd_init },
	{ .name = "job", .usage = "VERB ...", .summary = N_("scheduled export jobs"),
	  .sub = cmd_job_verbs },
	{ .name = "nominate", .usage = "PROGRAMME PERSON... [--activity CODE] [--by ORG]",
	  .summary = N_("nominate people to a programme, within the quotas and capacity"),
	  .opts = cmd_nominate_opts, .min_args = 2, .max_args = -1,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = cmd_nominate },
	{ .name = "nomination", .usage = "VERB ...",
	  .summary = N_("the open nominations, and who decided what"),
	  .sub = cmd_nomination_verbs },
	{ .name = "org", .usage = "VERB ...",
	  .summary = N_("organisations: ministries, oblast administrations, units"),
	  .sub = cmd_org_verbs },
	{ .name = "participation", .usage = "VERB ...",
	  .summary = N_("who takes part in which programme, and how far"),
	  .sub = cmd_participation_verbs },
	{ .name = "person", .usage = "VERB ...",
	  .summary = N_("civil servants, officials, service members"),
	  .sub = cmd_person_verbs },
	{ .name = "plugin", .usage = "VERB ...",
	  .summary = N_("list, describe and check plugins"),
	  .sub = cmd_plugin_verbs },
	{ .name = "programme", .usage = "VERB ...",
	  .summary = N_("programmes of each area of work"),
	  .sub = cmd_programme_verbs },
	{ .name = "reject", .usage = "PROGRAMME PERSON --reason TEXT [--activity CODE]",
	  .summary = N_("reject a nomination, with the reason"),
	  .opts = cmd_reject_opts, .min_args = 2, .max_args = 2,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = cmd_reject },
	{ .name = "report",
	  .usage = "list | NAME [--area A] [--from D] [--to D] [--by DIM] [-o FILE]",
	  .summary = N_("run a report: participation, coverage, deadlines, the plugins' "
	  "reports"),
	  .opts = cmd_report_opts, .min_args = 1, .max_args = 1,
	  .flags = CMD_DB | CMD_PLUGINS, .exec = cmd_report },
	{ .name = "seats", .usage = "VERB ...",
	  .summary = N_("capacity, approval and quotas of programmes; seats used"),
	  .sub = cmd_seats_verbs },
	{ .name = "status", .usage = "",
	  .summary = N_("what the database holds, by area and status"),
	  .flags = CMD_DB | CMD_PLUGINS, .exec = cmd_status },
	{ 0 }
};

static bool
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* True when word typed as a command would reach a core command. */
bool
cmd_reserved(const char *word)
{
	const struct cmd *c;

	for (c = cmd_table; c->name; c++)
		if (strncmp(c->name, word, strlen(word)) == 0)
			return true;
	return false;
}

/* The error for a name found in neither table (t2 may be NULL), with the
 * nearest names of both when one is near enough: "did you mean ...?". */
static int
unknown_error(struct ctx *ctx, const struct cmd *t1, const struct cmd *t2,
    const char *name, const char *path)
{
	const struct cmd *tables[] = { t1, t2 }, *c;
	struct suggest sg;
	char near[256];
	size_t i;

	suggest_init(&sg, name);
	for (i = 0; i < ARRAY_SIZE(tables); i++)
		for (c = tables[i]; c && c->name; c++)
			if (!(c->flags & CMD_HIDDEN))
				suggest_add(&sg, c->name);
	if (suggest_text(&sg, "", near, sizeof(near)) > 0)
		return error_set(ctx, ERR_USAGE, "unknown command '%s' for '%s'; did "
		    "you mean %s? (see '%s --help')", name, path, near, path);
	return error_set(ctx, ERR_USAGE, "unknown command '%s' for '%s' "
	    "(see '%s --help')", name, path, path);
}

/* How many entries of table name selects: its exact match (1), else the
 * entries it is a prefix of (hidden entries by their exact name only);
 * *hit is the last one, cands (when not NULL) lists their names. */
static int
cmd_match(const struct cmd *table, const char *name, const struct cmd **hit,
    struct buf *cands)
{
	const struct cmd *c;
	size_t len = strlen(name);
	int n = 0;

	*hit = NULL;
	for (c = table; c->name; c++) {
		if (strcmp(c->name, name) == 0) {
			*hit = c;
			return 1;
		}
		if (len > 0 && !(c->flags & CMD_HIDDEN) &&
		    strncmp(c->name, name, len) == 0) {
			*hit = c;
			n++;
			if (cands)
				buf_printf(cands, "%s%s", cands->len ? ", " : "", c->name);
		}
	}
	return n;
}

/* Looks a name up in a table: exact match, else unique prefix (hidden
 * entries by their exact name only). */
const struct cmd *
cmd_find(const struct cmd *table, const char *name, struct ctx *ctx, const char *path)
{
	const struct cmd *hit;
	struct buf cands = { 0 };
	int n = cmd_match(table, name, &hit, &cands);

	if (n > 1)
		error_set(ctx, ERR_USAGE, "ambiguous command '%s' for '%s': %s", name,
		    path, cands.s);
	else if (n == 0)
		unknown_error(ctx, table, NULL, name, path);
	buf_release(&cands);
	return n == 1 ? hit : NULL;
}

/* The options part of an entry's help. */
static void
help_options(FILE *fp, const struct optdef *opts)
{
	const struct optdef *o;
	char left[64];

	fprintf(fp, _("\noptions:\n"));
	for (o = opts; o->name; o++) {
		if (o->shortname)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-26s %s%s\n", left, i18n_text(o->help),
		    o->flags & OPT_MULTI ? _(" (repeatable)") : "");
	}
}

/* Prints the help of one entry, core or plugin, from the entry itself. */
void
cmd_help(FILE *fp, const char *path, const struct cmd *c)
{
	const struct cmd *v;

	fprintf(fp, _("usage: %s%s%s\n\n%s\n"), path, *c->usage ? " " : "", c->usage,
	    i18n_text(c->summary));
	if (c->help)
		fprintf(fp, "\n%s\n", i18n_text(c->help));
	if (c->sub) {
		fprintf(fp, _("\nverbs:\n"));
		for (v = c->sub; v->name; v++)
			if (!(v->flags & CMD_HIDDEN))
				fprintf(fp, "  %-10s %s\n", v->name, i18n_text(v->summary));
		if (c->sub->name == NULL)
			fprintf(fp, _("  (none)\n"));
		fprintf(fp, _("\nRun '%s VERB --help' for a verb's options.\n"), path);
	}
	if (c->opts && c->opts->name)
		help_options(fp, c->opts);
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
static int
cmd_setup(struct ctx *ctx, unsigned flags)
{
	int rc;

	if (!(flags & CMD_NOCFG) && (rc = need_cfg(ctx)) != 0)
		return rc;
	if ((flags & CMD_PLUGINS) && (rc = plugins_load(ctx)) != 0)
		return rc;
	if ((flags & CMD_DB) && ctx->db == NULL) {
		if ((rc = db_open(ctx, false)) != 0 || (rc = db_check_schema(ctx)) != 0)
			return rc;
		if ((flags & CMD_PLUGINS) && (rc = plugins_check_schema(ctx)) != 0)
			return rc;
	}
	if ((flags & CMD_WRITE) && !ctx->in_tx && ((rc = db_begin(ctx)) != 0 ||
	    (rc = agency_check_writer(ctx)) != 0))
		return rc;
	return 0;
}

/* Ends what cmd_setup began: commit on success, roll back on failure. */
static int
cmd_finish(struct ctx *ctx, unsigned flags, int rc)
{
	if (!(flags & CMD_WRITE) || !ctx->in_tx || ctx->nested)
		return rc;
	if (rc == 0)
		return db_commit(ctx);
	db_rollback(ctx);
	return rc;
}

/* Runs an entry's exec with its results going to t (NULL: where they
 * go now): the one place where the running command's output changes. */
static int
exec_into(struct ctx *ctx, const struct cmd *c, struct args *a,
    const struct out_target *t)
{
	const struct out_target *saved_target = ctx->target;
	FILE *saved_out = ctx->out;
	int rc;

	if (t == NULL)
		return c->exec(ctx, a);
	ctx->target = t;
	ctx->out = t->fp;
	rc = c->exec(ctx, a);
	ctx->target = saved_target;
	ctx->out = saved_out;
	return rc;
}

/* Runs an entry with -o FILE: its results in the user's format, written
 * atomically to the file, which is replaced only when the command
 * succeeds. */
static int
exec_to_file(struct ctx *ctx, const struct cmd *c, struct args *a, const char *path)
{
	struct out_target t;
	struct atomic *file;
	int rc;

	if ((rc = out_target_init(ctx, ctx->format, &t)) != 0 ||
	    (rc = atomic_open(ctx, path, &t, &file)) != 0)
		return rc;
	if ((rc = exec_into(ctx, c, a, &t)) != 0) {
		atomic_abort(file);
		return rc;
	}
	return atomic_commit(file, NULL);
}

/* True when the results of the entry at path may go through the pager:
 * they go to standard output, and the command changes nothing (quitting
 * the pager early must not stop a change half-way: not the writing
 * commands, init, nor the jobs, which write files and their history) and
 * does not run on (the daemon). */
static bool
pageable(const struct ctx *ctx, const char *path, const struct cmd *c,
    const struct out_target *t)
{
	return t == NULL && !ctx->nested && ctx->out == stdout &&
	    !(c->flags & CMD_WRITE) && c->exec != cmd_daemon &&
	    c->exec != cmd_init && strncmp(path, "integra job ", 12) != 0;
}

/* Runs the exec of the entry at path where its results should go, through
 * the pager when they go to a terminal. */
static int
run_exec(struct ctx *ctx, const char *cmdpath, const struct cmd *c,
    struct args *a, const struct out_target *t)
{
	struct pager pager = { 0 };
	const char *path;
	int rc;

	if ((c->flags & CMD_OUTPUT) && (path = args_get(a, "output")) != NULL)
		return exec_to_file(ctx, c, a, path);
	if (pageable(ctx, cmdpath, c, t))
		pager_start(ctx, &pager);
	rc = exec_into(ctx, c, a, t);
	pager_finish(&pager);
	return rc;
}

/* Parses an entry's arguments, sets up what its flags ask for, runs it
 * with its results going to t (NULL: the user's format on ctx->out). */
static int
run_entry(struct ctx *ctx, const char *path, const struct cmd *c, int argc,
    char **argv, const struct out_target *t)
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
	rc = opt_parse_flags(ctx, path, c->opts, c->flags, argc, argv, &a);
	a.cmd = c;
	if (rc == 0 && a.npos < c->min_args)
		rc = error_set(ctx, ERR_USAGE, "missing arguments for '%s'; usage: "
		    "%s %s", path, path, c->usage);
	else if (rc == 0 && c->max_args >= 0 && a.npos > c->max_args)
		rc = error_set(ctx, ERR_USAGE, "too many arguments for '%s'; usage: "
		    "%s %s", path, path, c->usage);
	if (rc == 0)
		rc = vocab_args(ctx, path, &a);
	if (rc == 0)
		rc = cmd_setup(ctx, c->flags);
	if (rc == 0)
		rc = cmd_finish(ctx, c->flags, run_exec(ctx, path, c, &a, t));
	else if (ctx->in_tx && !ctx->nested)
		db_rollback(ctx);
	args_release(&a);
	return rc;
}

/* The plugins' nouns, loading the plugins first; NULL when they cannot
 * load (the error is set). */
static const struct cmd *
plugin_table(struct ctx *ctx)
{
	if (need_cfg(ctx) != 0 || plugins_load(ctx) != 0)
		return NULL;
	return cmd_plugin_table(ctx);
}

/* Prints the commands of the plugins' nouns, for the top-level help. */
static void
help_plugin_commands(FILE *fp, const struct cmd *nouns)
{
	const struct cmd *n, *v;
	char left[80];
	bool any = false;

	for (n = nouns; n && n->name; n++) {
		for (v = n->sub; !(n->flags & CMD_HIDDEN) && v->name; v++) {
			if (!any)
				fprintf(fp, _("\nplugin commands:\n"));
			any = true;
			snprintf(left, sizeof(left), "%s %s", n->name, v->name);
			fprintf(fp, "  %-28s %s\n", left, i18n_text(v->summary));
		}
	}
}

/* Prints the top-level help, with the plugins' commands when they load. */
static void
top_help(struct ctx *ctx)
{
	const struct cmd *c;
	FILE *fp = ctx->out;

	fputs(_("usage: integra [-c FILE] [-d DATABASE] [--format table|csv|json] "
	    "COMMAND [ARGS]\n\n"
	    "Tracks the programmes of Euro-Atlantic integration and who took part.\n\n"
	    "global options:\n"
	    "  -c, --config FILE          configuration file\n"
	    "  -d, --database FILE        database file\n"
	    "      --format NAME          output format of lists and reports\n"
	    "      --no-pager             never send the results through the pager\n"
	    "      --vertical             one block per record instead of a table\n"
	    "      --labels               csv with the labels and names a table shows\n"
	    "  -h, --help                 this help; 'integra COMMAND --help' for a command\n"
	    "  -V, --version              print the version\n\n"
	    "commands:\n"), fp);
	for (c = cmd_table; c->name; c++)
		fprintf(fp, "  %-14s %s\n", c->name, i18n_text(c->summary));
	help_plugin_commands(fp, plugin_table(ctx));
	ctx->err = 0;
	fputs(_("\nexit codes: 0 ok, 1 failure, 2 usage error, 3 not found, "
	    "4 invalid data, 5 locked or busy\n"
	    "See integra(1) and integra.cfg(5).\n"), fp);
}

/* The top-level entry for word: a core command, else a plugin's noun
 * (the plugins are loaded only then).  NULL with the error set. */
static const struct cmd *
find_top(struct ctx *ctx, const char *word)
{
	const struct cmd *c, *nouns;

	if (cmd_match(cmd_table, word, &c, NULL) > 0)
		return cmd_find(cmd_table, word, ctx, "integra");
	if ((nouns = plugin_table(ctx)) == NULL)
		return NULL;
	if (cmd_match(nouns, word, &c, NULL) > 0)
		return cmd_find(nouns, word, ctx, "integra");
	unknown_error(ctx, cmd_table, nouns, word, "integra");
	return NULL;
}

/* Runs the command in argv[0..argc): the entry, or a noun and its verb,
 * with its results going to t (NULL: the user's format on ctx->out). */
static int
dispatch(struct ctx *ctx, int argc, char **argv, const struct out_target *t)
{
	const struct cmd *c, *v;
	char path[128];

	if (argc == 0 || is_help(argv[0])) {
		top_help(ctx);
		return argc == 0 ? error_set(ctx, ERR_USAGE, "no command given") : 0;
	}
	if ((c = find_top(ctx, argv[0])) == NULL)
		return ctx->err;
	snprintf(path, sizeof(path), "integra %s", c->name);
	if (c->sub == NULL)
		return run_entry(ctx, path, c, argc - 1, argv + 1, t);
	if (argc < 2 || is_help(argv[1])) {
		cmd_help(ctx->out, path, c);
		return argc < 2 ? error_set(ctx, ERR_USAGE, "'%s' needs a verb",
		    path) : 0;
	}
	if ((v = cmd_find(c->sub, argv[1], ctx, path)) == NULL)
		return ctx->err;
	snprintf(path, sizeof(path), "integra %s %s", c->name, v->name);
	return run_entry(ctx, path, v, argc - 2, argv + 2, t);
}

/* Runs the command typed after the global options. */
int
cmd_run(struct ctx *ctx, int argc, char **argv)
{
	return dispatch(ctx, argc, argv, NULL);
}

/* Runs a core command for a plugin (api->run).  Inside the caller's
 * transaction it runs behind a savepoint, neither committing nor rolling
 * back: a failed command leaves none of its changes, even if the plugin
 * goes on.  Quiet, its results go to /dev/null. */
int
cmd_run_nested(struct ctx *ctx, int argc, char **argv, bool quiet)
{
	struct out_target sink, *t = NULL;
	bool was = ctx->nested;
	int rc;

	if (quiet) {
		if ((rc = out_target_init(ctx, NULL, &sink)) != 0)
			return rc;
		if ((sink.fp = fopen("/dev/null", "w")) == NULL)
			return error_set(ctx, ERR_FAIL, "cannot open /dev/null: %s",
			    strerror(errno));
		t = &sink;
	}
	if (!ctx->in_tx) {
		rc = dispatch(ctx, argc, argv, t);
	} else if ((rc = db_savepoint(ctx)) == 0) {
		ctx->nested = true;
		rc = dispatch(ctx, argc, argv, t);
		ctx->nested = was;
		db_savepoint_end(ctx, rc == 0);
	}
	if (t)
		fclose(t->fp);
	return rc;
}
