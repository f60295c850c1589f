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

	fprintf(fp, "# configuration file: %s (%s)\n",
	    cfg->path ? cfg->path : "none", cfg->path_how ? cfg->path_how : "");
	n = cfg_include_files(cfg->inc, &files);
	for (i = 1; i < n; i++)
		fprintf(fp, "# included: %s\n", files[i]);
	fputs("database = ", fp);
	put_string(fp, cfg->database);
	fprintf(fp, ";\t# %s\n", cfg->src[CFG_SRC_DATABASE]);
	fprintf(fp, "busy_timeout = %d;\t# %s\n", cfg->busy_timeout,
	    cfg->src[CFG_SRC_BUSY_TIMEOUT]);
	fprintf(fp, "output_mode = \"%04o\";\t# %s\n", cfg->output_mode,
	    cfg->src[CFG_SRC_OUTPUT_MODE]);
	fputs("plugins.dir = ", fp);
	put_string(fp, cfg->plugin_dir);
	fprintf(fp, ";\t# %s\n", cfg->src[CFG_SRC_PLUGIN_DIR]);
	fputs("plugins.user_dir = ", fp);
	put_string(fp, cfg->plugin_user_dir);
	fprintf(fp, ";\t# %s\n", cfg->src[CFG_SRC_PLUGIN_USER_DIR]);
	fprintf(fp, "plugins.enabled = [");
	for (i = 0; i < cfg->nenabled; i++) {
		fputs(i ? ", " : " ", fp);
		put_string(fp, cfg->enabled[i]);
	}
	fprintf(fp, " ];\t# %s\n", cfg->src[CFG_SRC_ENABLED]);
	fprintf(fp, "plugins.strict = %s;\t# %s\n", cfg->strict ? "true" : "false",
	    cfg->src[CFG_SRC_STRICT]);
	return 0;
}

