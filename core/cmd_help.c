/*
 * integra help [COMMAND [VERB]]: the help of a command, as `integra
 * COMMAND VERB --help` prints it, or the top-level help.  It asks the
 * dispatcher it was given (ctx->plugin_env.run) to run those words with
 * --help, so that plugin commands are found the same way and the help
 * text has one generator.
 */
#include <stdlib.h>

#include "integra.h"

int
cmd_help_exec(struct ctx *ctx, struct args *a)
{
	char **argv = xcalloc((size_t)a->npos + 2, sizeof(char *));
	int i, rc;

	for (i = 0; i < a->npos; i++)
		argv[i] = a->pos[i];
	argv[i] = (char *)"--help";
	rc = ctx->plugin_env.run(ctx, a->npos + 1, argv, false);
	free(argv);
	return rc;
}
