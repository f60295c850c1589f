/*
 * `integra config show`: the effective core configuration printed in the
 * syntax of the file itself, each value with the file and line (or the
 * default) it came from, and the files the configuration included.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cfg_int.h"

/* Prints s as a libconfig string literal. */
static void
put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* The setting at path ("pager", "corrections.users") of the file, or
 * NULL when it is not set (or defaults serve). */
static const config_setting_t *
setting(const struct cfg *cfg, const char *path)
{
	if (!cfg->have_lc)
		return NULL;
	return config_lookup(&cfg->lc, path);
}

/* Ends the line of setting s: ";\t# file:line", or the default's source
 * dflt when s is NULL. */
static void
put_source(FILE *fp, const struct cfg *cfg, const config_setting_t *s,
    const char *dflt)
{
	char *w = s ? cfg_include_where(cfg->inc,
	    (int)config_setting_source_line(s)) : NULL;

	fprintf(fp, ";\t# %s\n", w ? w : _(dflt));
	free(w);
}

/* Prints the string key as set, else commented out with the value dflt
 * that serves instead and its source dsrc. */
static void
show_string(FILE *fp, const struct cfg *cfg, const char *key,
    const char *dflt, const char *dsrc)
{
	const config_setting_t *s = setting(cfg, key);

	fprintf(fp, "%s%s = ", s ? "" : "# ", key);
	put_string(fp, s ? config_setting_get_string(s) : dflt);
	put_source(fp, cfg, s, dsrc);
}

/* Prints the list of names at path (corrections.users, ...); when it is
 * not set, commented out and empty, with the default's source dsrc. */
static void
show_names(FILE *fp, const struct cfg *cfg, const char *path, const char *dsrc)
{
	const config_setting_t *s = setting(cfg, path), *e;
	int i, n = s ? config_setting_length(s) : 0;

	fprintf(fp, "%s%s = [", s ? "" : "# ", path);
	for (i = 0; i < n; i++) {
		fputs(i ? ", " : " ", fp);
		e = config_setting_get_elem(s, (unsigned)i);
		put_string(fp, config_setting_get_string(e) ?
		    config_setting_get_string(e) : "");
	}
	fputs(" ]", fp);
	put_source(fp, cfg, s, dsrc);
}

/* Prints the keys read where they are used (pager, organisation,
 * corrections): the pager as the environment, the file or the default
 * gives it (the order pager.c follows). */
static void
show_used_keys(FILE *fp, const struct cfg *cfg)
{
	const char *env = getenv("INTEGRA_PAGER"), *pager = getenv("PAGER");

	if (env != NULL) {
		fputs("pager = ", fp);
		put_string(fp, env);
		fprintf(fp, ";\t# %s\n", _("environment ($INTEGRA_PAGER)"));
	} else
		show_string(fp, cfg, "pager", pager ? pager : "less -FRX",
		    pager ? N_("default ($PAGER)") : N_("default"));
	show_string(fp, cfg, "organisation", "",
	    N_("default (reports name no issuing body)"));
	show_names(fp, cfg, "corrections.users",
	    N_("default (no user may correct records)"));
	show_names(fp, cfg, "corrections.groups",
	    N_("default (no group may correct records)"));
}

/* Prints the effective core configuration with where each value came
 * from, in the syntax of the file itself. */
int
cfg_show(struct ctx *ctx)
{
	const struct cfg *cfg = ctx->cfg;
	FILE *fp = ctx->out;
	const char *const *files;
	size_t i, n;

	fprintf(fp, _("# configuration file: %s (%s)\n"),
	    cfg->path ? cfg->path : _("none"), cfg->path_how ? _(cfg->path_how) : "");
	n = cfg_include_files(cfg->inc, &files);
	for (i = 1; i < n; i++)
		fprintf(fp, _("# included: %s\n"), files[i]);
	fputs("database = ", fp);
	put_string(fp, cfg->database);
	fprintf(fp, ";\t# %s\n", _(cfg->src[CFG_SRC_DATABASE]));
	fprintf(fp, "busy_timeout = %d;\t# %s\n", cfg->busy_timeout,
	    _(cfg->src[CFG_SRC_BUSY_TIMEOUT]));
	fprintf(fp, "output_mode = \"%04o\";\t# %s\n", cfg->output_mode,
	    _(cfg->src[CFG_SRC_OUTPUT_MODE]));
	fputs("plugins.dir = ", fp);
	put_string(fp, cfg->plugin_dir);
	fprintf(fp, ";\t# %s\n", _(cfg->src[CFG_SRC_PLUGIN_DIR]));
	fputs("plugins.user_dir = ", fp);
	put_string(fp, cfg->plugin_user_dir);
	fprintf(fp, ";\t# %s\n", _(cfg->src[CFG_SRC_PLUGIN_USER_DIR]));
	fprintf(fp, "plugins.enabled = [");
	for (i = 0; i < cfg->nenabled; i++) {
		fputs(i ? ", " : " ", fp);
		put_string(fp, cfg->enabled[i]);
	}
	fprintf(fp, " ];\t# %s\n", _(cfg->src[CFG_SRC_ENABLED]));
	fprintf(fp, "plugins.strict = %s;\t# %s\n", cfg->strict ? "true" : "false",
	    _(cfg->src[CFG_SRC_STRICT]));
	fputs(cfg->language ? "language = " : "# language = ", fp);
	put_string(fp, cfg->language ? cfg->language : "");
	fprintf(fp, ";\t# %s\n", _(cfg->src[CFG_SRC_LANGUAGE]));
	show_used_keys(fp, cfg);
	return 0;
}

