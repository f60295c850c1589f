/*
 * Placeholders for commands still being written; each work item replaces
 * its own block by a file of its own and deletes the block here.
 */
#include "integra.h"

/* -- core nouns: person, programme, activity, participation, audit, status -- */
const struct cmd cmd_person_verbs[] = { { 0 } };
const struct cmd cmd_programme_verbs[] = { { 0 } };
const struct cmd cmd_activity_verbs[] = { { 0 } };
const struct cmd cmd_participation_verbs[] = { { 0 } };
const struct optdef cmd_participation_enrol_opts[] = { { 0 } };
const struct optdef cmd_audit_opts[] = { { 0 } };
int cmd_enrol(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }
int cmd_audit(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }
int cmd_status(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }
int cmd_check(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }

/* -- deadlines (area plugins work) -- */
int cmd_deadlines(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }

/* -- reports and exports -- */
const struct optdef cmd_report_opts[] = { { 0 } };
int cmd_report(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }

/* -- jobs -- */
const struct cmd cmd_job_verbs[] = { { 0 } };
const struct optdef cmd_daemon_opts[] = { { 0 } };
int cmd_daemon(struct ctx *ctx, struct args *a) { (void)a; return error_set(ctx, ERR_FAIL, "not yet"); }
