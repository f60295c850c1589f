/*
 * `integra config show`: the effective core configuration printed in the
 * syntax of the file itself, each value with the file and line (or the
 * default) it came from, and the files the configuration included.
 */
#include <stdio.h>

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
	return 0;
}

