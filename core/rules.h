/*
 * The rules of the three records an area extends — programme, activity,
 * participation — one module each (rules_programme.c, rules_activity.c,
 * rules_participation.c) and what they share (rules.c).  The commands
 * (cmd_programme.c, cmd_activity.c, cmd_participation.c) and import call
 * them alike: every check returns 0, or an error set with error_set()
 * that names the value, so a command stops at it and import reports it
 * against the column the value came from.
 */
#ifndef RULES_H
#define RULES_H

#include "integra.h"

/* The core values of each record, in the order of record_core_names(). */
enum programme_value {
	PROG_AREA, PROG_CODE, PROG_TITLE, PROG_OWNER, PROG_START, PROG_END, PROG_DUE,
	PROG_STATUS, PROG_N
};
enum activity_value {
	ACT_PROGRAMME, ACT_CODE, ACT_TITLE, ACT_START, ACT_END, ACT_LOCATION,
	ACT_CAPACITY, ACT_N
};
enum participation_value {
	PART_PROGRAMME, PART_ACTIVITY, PART_PARTICIPANT, PART_KIND, PART_ROLE,
	PART_STATUS, PART_START, PART_END, PART_STATUS_DATE, PART_HOURS, PART_CREDITS,
	PART_RESULT, PART_N
};

/* A stored record: its id, core values (NULL when empty) and area fields. */
#define STORED_MAX 16
struct stored {
	int64_t id;
	char *v[STORED_MAX];
	char *fields;
};

/* How one core value is checked (rules_check). */
enum rule_type {
	RULE_CODE = 1,		/* a code or key (check_code) */
	RULE_TEXT,		/* free text, not empty (check_text) */
	RULE_TEXT_OR_NONE,	/* free text, or '' for none */
	RULE_ENUM		/* one of allowed (check_enum) */
};
struct rule {
	int which;		/* the value: PROG_CODE, ACT_TITLE, ... */
	enum rule_type type;
	const char *what;	/* its name in messages */
	const char *const *allowed;	/* RULE_ENUM: NULL-terminated */
};

/* The statuses that may follow one status (a table ends with from NULL). */
struct moves {
	const char *from;
	const char *const *next;	/* NULL-terminated */
};

/* rules.c: what the records share */
const char *const *rules_next(const struct moves *moves, const char *from);
int rules_check(struct ctx *ctx, const struct rule *rules, size_t n, int which,
    const char *value);
void stored_read(struct stored *r, struct dbst *st, size_t n);
int stored_load(struct ctx *ctx, struct dbst *st, size_t n, struct stored *r,
    const char *what);
void stored_copy(struct stored *to, const struct stored *from, size_t n);
void stored_free(struct stored *r);
bool rules_no_change(const struct args *a, const char *const *opts);
int rules_fields(struct ctx *ctx, enum integra_record_kind kind, const char *area,
    const char *const *assign, const char *old_json, const char *const *vnew,
    const char *const *vold, char **json);
int rules_date(struct ctx *ctx, const char *what, const char *s, char out[11]);
int rules_set_date(struct ctx *ctx, const char *what, const char *s, char **slot);
int rules_order(struct ctx *ctx, const char *kind, const char *code,
    const char *start, const char *end);
void rules_today(struct ctx *ctx, char out[11]);

/* rules_programme.c */
struct programme_ref {
	int64_t id;
	char *area;
	char *status;
	const struct integra_plugin *pl;	/* of the area, NULL when not loaded */
};
int programme_find(struct ctx *ctx, const char *code, struct programme_ref *out);
void programme_ref_free(struct programme_ref *p);
int programme_area_plugin(struct ctx *ctx, const char *area,
    const struct integra_plugin **out);
int programme_check(struct ctx *ctx, int which, const char *value);
int programme_check_move(struct ctx *ctx, const char *code, const char *from,
    const char *to);

/* rules_activity.c */
int activity_check(struct ctx *ctx, int which, const char *value);
int activity_check_capacity(struct ctx *ctx, const char *s, int64_t *out);
int activity_check_room(struct ctx *ctx, int64_t id, const char *code, int64_t cap);
int activity_check_full(struct ctx *ctx, const char *prog, const char *code,
    int64_t id);

/* rules_participation.c */
const char *const *participation_roles(const struct integra_plugin *pl);
const char *const *participation_next(const char *from);
int check_transition(struct ctx *ctx, const char *what, const char *from,
    const char *to);
int participation_check_open(struct ctx *ctx, const char *prog, const char *status);
int participation_check_kind(struct ctx *ctx, const struct integra_plugin *pl,
    const char *prog, const char *area, bool is_org);
int participation_check_role(struct ctx *ctx, const struct integra_plugin *pl,
    const char *role);
int participation_check(struct ctx *ctx, int which, const char *value);
int participation_check_enrol_status(struct ctx *ctx, const char *status);
int participation_check_move(struct ctx *ctx, const char *prog, const char *who,
    const char *from, const char *to);
int participation_check_number(struct ctx *ctx, const char *what, const char *s,
    double *out);

#endif /* RULES_H */
