/*
 * The plugins on the command line.  `integra plugin list|info|check`
 * show what is loaded and check a file without loading it, `integra
 * plugin rebind` binds an area to another plugin on purpose; and every
 * loaded plugin's commands become ordinary entries of the one dispatcher
 * (cmd.c): a noun per plugin (its area, or its name when it has none)
 * whose verbs are its commands, with the same --help, option parsing,
 * --format and write transaction as a core command.  Options the entry
 * does not declare reach the plugin as arguments, in order.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "plugin_host.h"
#include "labels.h"

/* The entries of a table whose first member is its name, up to the one
 * whose name is NULL (fields, reports, commands). */
static size_t
count_named(const void *table, size_t size)
{
	const char *p = table;
	size_t n = 0;

	while (p && *(const char *const *)(const void *)(p + n * size) != NULL)
		n++;
	return n;
}

#define COUNT(table) count_named((table), sizeof(*(table)))

static void
text_value(struct integra_value *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	v->type = s ? INTEGRA_TEXT : INTEGRA_NULL;
	v->s = s;
	v->n = s ? strlen(s) : 0;
}

static void
int_value(struct integra_value *v, int64_t i)
{
	memset(v, 0, sizeof(*v));
	v->type = INTEGRA_INTEGER;
	v->i = i;
	v->r = (double)i;
}

static int
plugin_list(struct ctx *ctx, struct args *a)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "version", .type = INTEGRA_TEXT, .flags = 0 },
		{ .name = "abi", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "area", .type = INTEGRA_TEXT, .flags = 0 },
		{ .name = "path", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "fields", .type = INTEGRA_INTEGER, .flags = 0 },
		{ .name = "reports", .type = INTEGRA_INTEGER, .flags = 0 }, { .name = "commands", .type = INTEGRA_INTEGER, .flags = 0 },
	};
	struct integra_value v[ARRAY_SIZE(cols)];
	const struct integra_plugin *p;
	const char *path = NULL;
	struct out *o;
	char abi[32];
	size_t i;
	int rc;

	(void)a;
	if ((rc = out_open(ctx, "plugins", cols, ARRAY_SIZE(cols), &o)) != 0)
		return rc;
	for (i = 0; rc == 0 && i < plugins_count(ctx); i++) {
		p = plugins_get(ctx, i);
		plugins_find(ctx, p->name, &path);
		snprintf(abi, sizeof(abi), "%u.%u", (unsigned)p->abi_major,
		    (unsigned)p->abi_minor);
		text_value(&v[0], p->name);
		text_value(&v[1], p->version);
		text_value(&v[2], abi);
		text_value(&v[3], p->area);
		text_value(&v[4], path);
		int_value(&v[5], (int64_t)COUNT(p->fields));
		int_value(&v[6], (int64_t)COUNT(p->reports));
		int_value(&v[7], (int64_t)COUNT(p->commands));
		rc = out_row(o, v);
	}
	return out_close(o, rc == 0) != 0 && rc == 0 ? ctx->err : rc;
}

/* One field of `plugin info`: identifiers as declared, then its label,
 * help and the names of its values in the plugin's textdomain. */
static void
info_field(FILE *fp, const struct integra_plugin *p, const struct integra_field *f)
{
	const char *const *v;

	fprintf(fp, "  %s.%s: %s", record_kind_name(f->record), f->name,
	    plugin_type_name(f->type));
	if (f->type == INTEGRA_REFERENCE)
		fprintf(fp, _(" to %s"), plugin_ref_name(f->ref));
	if (f->flags & INTEGRA_FIELD_REQUIRED)
		fprintf(fp, _(", required"));
	if (f->flags & INTEGRA_FIELD_DERIVED)
		fprintf(fp, _(", derived"));
	if (f->flags & INTEGRA_FIELD_BOUNDED)
		fprintf(fp, ", %g..%g", f->min, f->max);
	for (v = f->type == INTEGRA_ENUM ? f->values : NULL; v && *v; v++)
		fprintf(fp, "%s%s", v == f->values ? _(", one of: ") : ", ", *v);
	fprintf(fp, "\n");
	if (f->label)
		fprintf(fp, "      %s%s%s\n", label_plugin(p, f->label),
		    f->help ? ": " : "", f->help ? label_plugin(p, f->help) : "");
	for (v = f->type == INTEGRA_ENUM && f->value_labels ? f->values : NULL;
	    v && *v; v++)
		if (f->value_labels[v - f->values])
			fprintf(fp, "        %s: %s\n", *v,
			    label_plugin(p, f->value_labels[v - f->values]));
}

static void
info_config(FILE *fp, const struct integra_plugin *p)
{
	const struct integra_config_key *k;

	fprintf(fp, _("\nconfiguration keys (group '%s'):\n"), p->name);
	for (k = p->config; k && k->name; k++) {
		fprintf(fp, "  %s.%s: %s", p->name, k->name, plugin_type_name(k->type));
		if ((k->type == INTEGRA_INTEGER || k->type == INTEGRA_REAL) &&
		    k->min < k->max)
			fprintf(fp, ", %g..%g", k->min, k->max);
		fprintf(fp, _(", default %s%s%s\n"), k->def ? k->def : _("none"),
		    k->help ? " - " : "", k->help ? label_plugin(p, k->help) : "");
	}
	if (p->config == NULL || p->config->name == NULL)
		fprintf(fp, _("  (none)\n"));
}

static void
info_reports(FILE *fp, const struct integra_plugin *p)
{
	const struct integra_report_query *q;
	const struct integra_report *r;
	const struct integra_format *f;

	fprintf(fp, _("\nreports:\n"));
	for (r = p->reports; r && r->name; r++) {
		fprintf(fp, _("  %s - %s\n      by:"), r->name, label_plugin(p,
		    r->summary ? r->summary : (r->title ? r->title : "")));
		for (q = r->queries; q->by; q++)
			fprintf(fp, " %s", q->by);
		fprintf(fp, "\n");
	}
	if (p->reports == NULL || p->reports->name == NULL)
		fprintf(fp, _("  (none)\n"));
	fprintf(fp, _("\nformats:\n"));
	for (f = p->formats; f && f->name; f++)
		fprintf(fp, "  %s (.%s) - %s\n", f->name, f->extension ? f->extension : "",
		    f->summary ? label_plugin(p, f->summary) : "");
	if (p->formats == NULL || p->formats->name == NULL)
		fprintf(fp, _("  (none)\n"));
}

static int
plugin_info(struct ctx *ctx, struct args *a)
{
	const struct integra_command *c;
	const struct integra_field *f;
	const char *const *r, *path = NULL;
	const struct integra_plugin *p = plugins_find(ctx, a->pos[0], &path);
	FILE *fp = ctx->out;

	if (p == NULL)
		return error_set(ctx, ERR_NOTFOUND, "no loaded plugin '%s' (see 'integra "
		    "plugin list')", a->pos[0]);
	fprintf(fp, _("plugin %s %s (ABI %u.%u)\n"), p->name, p->version,
	    (unsigned)p->abi_major, (unsigned)p->abi_minor);
	fprintf(fp, _("title: %s\narea: %s\nfile: %s\nschema version: %u\n"),
	    p->title ? label_plugin(p, p->title) : "",
	    p->area ? p->area : _("(none: formats only)"), path,
	    (unsigned)p->schema_version);
	fprintf(fp, _("participants: %s\nroles:"),
	    (p->participants & INTEGRA_PARTICIPANT_ORGANISATION) ?
	    ((p->participants & INTEGRA_PARTICIPANT_PERSON) ?
	    _("persons and organisations") : _("organisations")) : _("persons"));
	for (r = p->roles; r && *r; r++)
		fprintf(fp, " %s", *r);
	fprintf(fp, _("%s\n\nfields:\n"), p->roles && *p->roles ? "" : " participant");
	for (f = p->fields; f && f->name; f++)
		info_field(fp, p, f);
	if (p->fields == NULL || p->fields->name == NULL)
		fprintf(fp, _("  (none)\n"));
	info_config(fp, p);
	info_reports(fp, p);
	fprintf(fp, _("\ncommands:\n"));
	for (c = p->commands; c && c->name; c++)
		fprintf(fp, "  integra %s %s%s%s\n      %s%s\n", plugin_key(p), c->name,
		    c->usage && *c->usage ? " " : "", c->usage ? c->usage : "",
		    c->summary ? label_plugin(p, c->summary) : "",
		    (c->flags & INTEGRA_COMMAND_WRITES) ? _(" (changes data)") : "");
	if (p->commands == NULL || p->commands->name == NULL)
		fprintf(fp, _("  (none)\n"));
	return 0;
}

static int
plugin_check(struct ctx *ctx, struct args *a)
{
	const struct integra_plugin *p;
	void *dl;
	int rc;

	if ((rc = plugins_open_file(ctx, a->pos[0], &dl, &p)) != 0)
		return rc;
	if ((rc = cfg_group_check(ctx, ctx->cfg, p->name, p->config)) != 0) {
		dlclose(dl);
		return rc;
	}
	fprintf(ctx->out, _("%s: ok (plugin %s %s, ABI %u.%u)\n"), a->pos[0], p->name,
	    p->version, (unsigned)p->abi_major, (unsigned)p->abi_minor);
	dlclose(dl);
	return 0;
}

/* integra plugin rebind AREA: loads the plugins (without the binding
 * check that would refuse the one meant) and binds the area to the one
 * loaded for it, in the command's transaction, audited. */
static int
plugin_rebind(struct ctx *ctx, struct args *a)
{
	int rc;

	if ((rc = plugins_load(ctx)) != 0)
		return rc;
	return plugins_rebind(ctx, a->pos[0]);
}

const struct cmd cmd_plugin_verbs[] = {
	{ .name = "check", .usage = "FILE",
	  .summary = N_("run every loader check on a plugin file, without init()"),
	  .help = N_("Checks the directories above the file (owner, permissions, no "
	  "symbolic link),\nthe file (regular, owner, permissions), dlopen, the "
	  "descriptor (magic, ABI\nversion, size), the declared tables and the "
	  "plugin's group in the\nconfiguration; init() is not called and no database is opened.\n"
	  "Loading the file runs its ELF constructors (as the loader does): check only\n"
	  "files you would trust to load.\n"
	  "Exit 4 when the plugin would be refused."),
	  .min_args = 1, .max_args = 1, .exec = plugin_check },
	{ .name = "info", .usage = "NAME", .summary = N_("show everything a plugin declares"),
	  .min_args = 1, .max_args = 1, .flags = CMD_PLUGINS, .exec = plugin_info },
	{ .name = "list", .usage = "",
	  .summary = N_("list the loaded plugins with their ABI version"),
	  .flags = CMD_PLUGINS, .exec = plugin_list },
	{ .name = "rebind", .usage = "AREA",
	  .summary = N_("bind an area to the plugin loaded for it now, on purpose"),
	  .help = N_("The database records which plugin first served each area (name, "
	  "version,\nfile, SHA-256); another plugin claiming the area is refused. "
	  "rebind records\nthe plugin loaded for AREA now instead, audited."),
	  .min_args = 1, .max_args = 1, .flags = CMD_DB | CMD_WRITE,
	  .exec = plugin_rebind },
	{ 0 }
};

/* ---- the plugins' commands as entries of the dispatcher ---- */

/* The options the host gives every plugin command; the others it passes
 * through to the plugin (and --format is global). */
static const struct optdef plugin_verb_opts[] = {
	{ .name = "output", .shortname = 'o', .flags = OPT_ARG, .arg = "FILE",
	  .help = N_("write the results to FILE atomically instead of standard output") },
	{ 0 }
};

/* What a verb entry of a plugin noun runs. */
struct plugin_verb {
	const struct integra_plugin *plugin;
	const struct integra_command *command;
};

/* Every entry built for the loaded plugins, freed by cmd_plugin_release(). */
struct plugin_cmds {
	struct cmd *nouns;	/* NULL-terminated by name */
	struct cmd **verbs;	/* per plugin */
	struct plugin_verb **pv;	/* per plugin */
	char **summaries;	/* per plugin */
	size_t n;
};

/* Runs a plugin command: argv is the command's name and the arguments
 * the dispatcher passed through; the setup (database, transaction) is
 * the dispatcher's. */
static int
plugin_verb_exec(struct ctx *ctx, struct args *a)
{
	const struct plugin_verb *pv = a->cmd->data;
	struct integra_host *h;
	char **av = xcalloc((size_t)a->npos + 2, sizeof(char *));
	int rc;

	if ((h = (struct integra_host *)plugins_host(ctx, pv->plugin)) == NULL) {
		free(av);
		return error_set(ctx, ERR_INVALID, "plugin '%s' was refused for area "
		    "'%s' (see the warning above)", pv->plugin->name,
		    plugin_key(pv->plugin));
	}
	av[0] = (char *)pv->command->name;
	memcpy(av + 1, a->pos, (size_t)a->npos * sizeof(char *));
	ctx->err = 0;
	rc = pv->command->exec(h, a->npos + 1, av);
	if (rc > 0)
		rc = ERR_FAIL;
	if (rc != 0 && ctx->err == 0)
		error_set(ctx, rc, "integra %s %s failed (no reason given)",
		    plugin_key(pv->plugin), pv->command->name);
	if (h->emit) {	/* begun and never ended: abandoned */
		out_close(h->emit, false);
		h->emit = NULL;
	}
	free(av);
	return rc;
}

/* The verb entries of one plugin's commands, NULL-terminated. */
static struct cmd *
plugin_verbs(const struct integra_plugin *p, struct plugin_verb **pv_out)
{
	size_t i, n = COUNT(p->commands);
	struct plugin_verb *pv = xcalloc(n + 1, sizeof(*pv));
	struct cmd *v = xcalloc(n + 1, sizeof(*v));
	const struct integra_command *c;

	for (i = 0; i < n; i++) {
		c = &p->commands[i];
		pv[i] = (struct plugin_verb){ .plugin = p, .command = c };
		v[i] = (struct cmd){
			.name = c->name,
			.usage = c->usage ? label_plugin(p, c->usage) : "",
			.summary = c->summary ? label_plugin(p, c->summary) : "",
			.max_args = -1,
			.opts = plugin_verb_opts,
			.flags = CMD_DB | CMD_PLUGINS | CMD_PASSTHRU | CMD_OUTPUT |
			    ((c->flags & INTEGRA_COMMAND_WRITES) ? CMD_WRITE : 0),
			.exec = plugin_verb_exec,
			.data = &pv[i],
		};
	}
	*pv_out = pv;
	return v;
}

/* The noun entry of a plugin: its area (or name); hidden when it is the
 * name of a plugin that has an area, which reaches the same verbs. */
static struct cmd
plugin_noun(const char *word, const char *summary, const struct cmd *verbs,
    bool hidden)
{
	return (struct cmd){
		.name = word,
		.usage = "COMMAND [ARGS]",
		.summary = summary,
		.max_args = -1,
		.flags = hidden ? CMD_HIDDEN : 0,
		.sub = verbs,
	};
}

static struct plugin_cmds *
plugin_cmds_build(struct ctx *ctx)
{
	struct plugin_cmds *t = xcalloc(1, sizeof(*t));
	const struct integra_plugin *p;
	size_t i, k = 0;

	t->n = plugins_count(ctx);
	t->nouns = xcalloc(2 * t->n + 1, sizeof(*t->nouns));
	t->verbs = xcalloc(t->n + 1, sizeof(*t->verbs));
	t->pv = xcalloc(t->n + 1, sizeof(*t->pv));
	t->summaries = xcalloc(t->n + 1, sizeof(*t->summaries));
	for (i = 0; i < t->n; i++) {
		p = plugins_get(ctx, i);
		t->verbs[i] = plugin_verbs(p, &t->pv[i]);
		t->summaries[i] = xasprintf(_("%s (plugin %s %s)"), p->title ?
		    label_plugin(p, p->title) : plugin_key(p), p->name, p->version);
		t->nouns[k++] = plugin_noun(plugin_key(p), t->summaries[i], t->verbs[i],
		    false);
		if (strcmp(plugin_key(p), p->name) != 0)
			t->nouns[k++] = plugin_noun(p->name, t->summaries[i], t->verbs[i],
			    true);
	}
	return t;
}

/* The nouns of the loaded plugins, built once (after plugins_load()). */
const struct cmd *
cmd_plugin_table(struct ctx *ctx)
{
	if (ctx->plugin_cmds == NULL)
		ctx->plugin_cmds = plugin_cmds_build(ctx);
	return ctx->plugin_cmds->nouns;
}

void
cmd_plugin_release(struct ctx *ctx)
{
	struct plugin_cmds *t = ctx->plugin_cmds;
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->verbs[i]);
		free(t->pv[i]);
	}
	free(t->nouns);
	free(t->verbs);
	free(t->pv);
	strv_free(t->summaries, t->n);
	free(t);
	ctx->plugin_cmds = NULL;
}
