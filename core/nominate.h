/*
 * Nominations with quotas and approval (nominate.c, cmd_nominate.c): the
 * seats of a programme (a total capacity, per organisation a quota, in
 * the programme or one activity), and the steps of a nomination:
 * nominated -> approved (by the national authority) -> enrolled, or
 * rejected with a reason.
 */
#ifndef INTEGRA_NOMINATE_H
#define INTEGRA_NOMINATE_H

#include "rules.h"

/* One seat asked for: where, for whom and on whose quota. */
struct seat_ask {
	const char *prog;	/* programme code */
	int64_t prog_id;
	const char *act;	/* activity code, NULL for none */
	int64_t act_id;		/* 0 for none */
	const char *org;	/* the nominating organisation's code */
	int64_t org_id;
	const char *who;	/* the person nominated, for messages */
};

extern const char *const nomination_states[];

/* The state of a nomination n of participation record pa, in SQL: the
 * participation's status once it left nominated (enrolled by other means,
 * withdrawn); NULL when pa has no nomination. */
#define NOMINATION_STATE \
	"CASE WHEN n.participation_id IS NULL THEN NULL " \
	"WHEN n.state = 'rejected' THEN 'rejected' " \
	"WHEN pa.status = 'nominated' THEN n.state ELSE pa.status END"

int seats_check_quota(struct ctx *ctx, const struct seat_ask *s);
int seats_check_capacity(struct ctx *ctx, const struct seat_ask *s);
int seats_approval(struct ctx *ctx, int64_t prog_id, bool *out);
int nomination_check_move(struct ctx *ctx, const char *prog, const char *who,
    const char *from, const char *to, bool approval);
int nomination_check_status(struct ctx *ctx, int64_t part_id, const char *prog,
    const char *who, const char *to);
int seats_check_count(struct ctx *ctx, const char *what, const char *s,
    int64_t *out);

#endif
