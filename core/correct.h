/*
 * The audited correction of a participation record (cmd_correct.c): its
 * options and its command, listed among the participation verbs.
 */
#ifndef INTEGRA_CORRECT_H
#define INTEGRA_CORRECT_H

#include "integra.h"

extern const struct optdef participation_correct_opts[];
int participation_correct(struct ctx *ctx, struct args *a);

#endif /* INTEGRA_CORRECT_H */
