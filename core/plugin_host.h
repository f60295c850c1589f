/*
 * The host's per-plugin context behind the ABI's opaque struct
 * integra_host: private to the plugin modules (plugin.c, plugin_api.c,
 * record.c), so that nothing else depends on its members.
 */
#ifndef INTEGRA_PLUGIN_HOST_H
#define INTEGRA_PLUGIN_HOST_H

#include "integra.h"

struct integra_host {
	struct ctx *ctx;
	const struct integra_plugin *plugin;
	struct out *emit;	/* open result of emit_begin(), or NULL */
};

#endif
