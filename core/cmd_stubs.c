/*
 * Placeholders for commands still being written; each work item replaces
 * its own block by a file of its own and deletes the block here.
 */
#include "integra.h"

/* -- import -- */
const struct optdef cmd_import_opts[] = { { 0 } };
int cmd_import(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }
