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

/* The core's values, each with the text saying where it came from. */
enum cfg_src {
	CFG_SRC_DATABASE,
	CFG_SRC_PLUGIN_DIR,
	CFG_SRC_PLUGIN_USER_DIR,
	CFG_SRC_ENABLED,
	CFG_SRC_STRICT,
	CFG_SRC_BUSY_TIMEOUT,
	CFG_SRC_OUTPUT_MODE,
	CFG_SRC_LANGUAGE,
	CFG_SRC_COUNT
};

struct cfg {
	char *path;		/* the main file, NULL when defaults serve */
	const char *path_how;	/* how it was found */
	config_t lc;
	bool have_lc;
	struct cfg_include *inc;	/* the text read, NULL with defaults */

	char *database;
	char *plugin_dir;
	char *plugin_user_dir;	/* searched after plugin_dir; "" for none */
	char **enabled;
	size_t nenabled;
	bool enabled_set;
	bool strict;
	int busy_timeout;
	unsigned output_mode;
	char *language;		/* the messages' language; NULL: the environment's */
	char *src[CFG_SRC_COUNT];	/* "file:line", "default", ... */
};

#endif
