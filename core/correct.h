/*
 * The audited correction of a participation record (cmd_correct.c): its
 * options, its checks and the change itself; `participation correct`
 * (cmd_participation.c) finds the record as `participation set` does.
 */
#ifndef INTEGRA_CORRECT_H
#define INTEGRA_CORRECT_H

#include "integra.h"

extern const struct optdef participation_correct_opts[];
struct programme_ref;
struct stored;

int correct_check(struct ctx *ctx, struct args *a);
int correct_apply(struct ctx *ctx, struct args *a, const struct programme_ref *p,
    const struct stored *old);

#endif /* INTEGRA_CORRECT_H */
