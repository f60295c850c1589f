/*
 * The plugin host's private interfaces: the per-plugin context behind the
 * ABI's opaque struct integra_host, and the loader's checks
 * (plugin_check.c) that the registry (plugin.c) uses.  Private to the
 * plugin modules (plugin.c, plugin_check.c, plugin_api.c, cmd_plugin.c,
 * record.c), so that nothing else depends on these members.
 */
#ifndef INTEGRA_PLUGIN_HOST_H
#define INTEGRA_PLUGIN_HOST_H

#include "integra.h"

/* Names a plugin declares: [a-z][a-z0-9_]* (commands also '-'), at most
 * this many bytes. */
#define PLUGIN_NAME_MAX 32

struct integra_host {
	struct ctx *ctx;
	const struct integra_plugin *plugin;
	struct out *emit;	/* open result of emit_begin(), or NULL */
};

/* plugin_check.c */
/* Stores "plugin 'PATH' refused: ..." and returns ERR_INVALID. */
int plugin_refuse(struct ctx *ctx, const char *path, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* A plugin file opened and loaded: the handle, its descriptor and the
 * open file it was loaded from (through /proc/self/fd). */
struct plugin_file {
	void *dl;
	const struct integra_plugin *p;
	int fd;
};
/* Opens and checks a plugin directory and every directory above it. */
int plugin_dir_open(struct ctx *ctx, const char *path, int *fdp);
/* Opens, checks and loads the plugin file path from the checked dirfd. */
int plugin_open_at(struct ctx *ctx, int dirfd, const char *path,
    struct plugin_file *pf);
void plugin_file_close(struct plugin_file *pf);
/* The word that reaches a plugin's commands: its area, or its name. */
const char *plugin_key(const struct integra_plugin *p);
const char *plugin_type_name(enum integra_type t);
const char *plugin_ref_name(enum integra_ref r);

/* plugin_compat.c */
/* The descriptor of the object dl in the current layout (a converted copy
 * for a plugin built against an older minor ABI). */
const struct integra_plugin *plugin_compat(const void *dl,
    const struct integra_plugin *p);
/* Frees the copies made for the object dl. */
void plugin_compat_release(const void *dl);

#endif
