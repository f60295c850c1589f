/*
 * The plugin registry (placeholder until the loader lands): no plugins.
 */
#include <string.h>

#include "integra.h"

int plugins_load(struct ctx *ctx) { (void)ctx; return 0; }
void plugins_unload(struct ctx *ctx) { (void)ctx; }
const struct integra_plugin *plugins_area(struct ctx *ctx, const char *area)
{ (void)ctx; (void)area; return NULL; }
size_t plugins_count(struct ctx *ctx) { (void)ctx; return 0; }
const struct integra_plugin *plugins_get(struct ctx *ctx, size_t i) { (void)ctx; (void)i; return NULL; }
int plugins_migrate(struct ctx *ctx) { (void)ctx; return 0; }
int plugins_check_schema(struct ctx *ctx) { (void)ctx; return 0; }
void plugins_help(struct ctx *ctx, FILE *fp) { (void)ctx; (void)fp; }
int plugins_run_command(struct ctx *ctx, int argc, char **argv) { (void)ctx; (void)argc; (void)argv; return ERR_NOTFOUND; }
const struct integra_format *plugins_format(struct ctx *ctx, const char *name) { (void)ctx; (void)name; return NULL; }
void plugins_format_names(struct ctx *ctx, struct buf *b) { (void)ctx; (void)b; }
const struct cmd cmd_plugin_verbs[] = { { 0 } };
