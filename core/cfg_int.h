/*
 * Private to the configuration modules (cfg.c, cfg_include.c,
 * cfg_show.c): the members of struct cfg, and the @include expansion of
 * cfg_include.c that turns a file into one text for libconfig with a map
 * from each line of that text back to the file and line it came from.
 */
#ifndef INTEGRA_CFG_INT_H
#define INTEGRA_CFG_INT_H

#include <libconfig.h>

#include "integra.h"

/* cfg_include.c: a configuration text with its includes expanded. */
struct cfg_include;
int cfg_include_read(struct ctx *ctx, const char *path, struct cfg_include **out);
int cfg_include_expand(struct ctx *ctx, const char *name, const char *text,
    size_t len, struct cfg_include **out);
const char *cfg_include_text(const struct cfg_include *inc);
char *cfg_include_where(const struct cfg_include *inc, int line);
size_t cfg_include_files(const struct cfg_include *inc, const char *const **out);
void cfg_include_free(struct cfg_include *inc);

struct cfg {
	char *path;		/* the main file, NULL when defaults serve */
	const char *path_how;	/* how it was found */
	config_t lc;
	bool have_lc;
	struct cfg_include *inc;	/* the text read, NULL with defaults */

	char *database;
	char *database_src;
	char *plugin_dir;
	char *plugin_dir_src;
	char **enabled;
	size_t nenabled;
	bool enabled_set;
	char *enabled_src;
	bool strict;
	char *strict_src;
	int busy_timeout;
	char *busy_timeout_src;
	unsigned output_mode;
	char *output_mode_src;
};

#endif
