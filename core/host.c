/*
 * The wiring of the plugin host, done once from the top: the services
 * table every plugin's init() receives (plugin_api.c), the dispatcher
 * those services use to run a core command (cmd.c), and the names no
 * plugin may take.  Handing these down as values keeps the loader and
 * the services free of calls into the modules above them.
 */
#include "integra.h"

void
host_init(struct ctx *ctx)
{
	ctx->plugin_env = (struct plugin_env){
		.api = &plugin_api,
		.run = cmd_run_nested,
		.reserved = cmd_reserved,
	};
}
