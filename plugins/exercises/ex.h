/*
 * What the files of the exercises plugin share: the host's services, the
 * typed values they bind, the look-up of an exercise, of an organisation
 * and of a date option, and the parsing of a command's arguments.
 * exercises.c holds the descriptor; plan.c the planning stages and the
 * training objectives; lessons.c the lessons-learned workflow.
 */
#ifndef EXERCISES_EX_H
#define EXERCISES_EX_H

#include <stdint.h>

#include "integra/plugin.h"

#define AREA		"exercises"
#define EX_TEXT_MAX	4000	/* bytes of an observation, action, objective */
#define EX_POS_MAX	3	/* positional arguments after a verb */

extern const struct integra_api *ex_api;

/* A command's arguments after its verb: options with a value, named in
 * names (without "--"), and the positional ones. */
struct ex_args {
	const char *const *names;	/* NULL-terminated */
	const char *val[5];		/* parallel to names; NULL when absent */
	const char *pos[EX_POS_MAX];
	int npos;
};

struct integra_value ex_text(const char *s);
struct integra_value ex_int(int64_t i);
/* Parses argv[2..] into a; `usage` (after the command) goes into every
 * refusal; the positional count must be in [min, max]. */
int ex_parse(const struct integra_host *h, int argc, char **argv, struct ex_args *a,
    int min, int max, const char *usage);
/* The id of exercise code; an error naming it when there is none or it is
 * a programme of another area. */
int ex_find(const struct integra_host *h, const char *code, int64_t *id);
/* The id of the action body `code`; an error naming it when there is none. */
int ex_body(const struct integra_host *h, const char *code, int64_t *id);
/* The date of option `opt` (its text may be NULL: today) into out. */
int ex_date(const struct integra_host *h, const char *text, char out[11]);
/* Whether a text is missing or only blanks; the refusal of one too long. */
int ex_blank(const char *s);
int ex_too_long(const struct integra_host *h, const char *s);
/* Row callbacks: the first column as an integer (int64_t *), as text
 * (char[64]). */
int ex_first_int(void *ud, const struct integra_value *cols, size_t ncols);
int ex_first_text(void *ud, const struct integra_value *cols, size_t ncols);
/* Emits every row of a query through the host's output. */
int ex_emit_rows(void *ud, const struct integra_value *cols, size_t ncols);
/* Runs sql (params p) and emits its rows under title and cols. */
int ex_list(const struct integra_host *h, const char *title,
    const struct integra_column *cols, size_t ncols, const char *sql,
    const struct integra_value *p, size_t np);

/* `exercises COMMAND list [EXERCISE]`: sql's rows (?1 the exercise's code
 * or NULL) under title and cols. */
int ex_list_of(const struct integra_host *h, int argc, char **argv,
    const char *usage, const char *title, const struct integra_column *cols,
    size_t ncols, const char *sql);
/* One verb of a command and what runs it. */
struct ex_verb {
	const char *name;
	int (*run)(const struct integra_host *h, int argc, char **argv);
};
/* Runs the verb argv[1] of `exercises COMMAND` from table (ended by a NULL
 * name), or refuses a missing or unknown one listing the verbs. */
int ex_dispatch(const struct integra_host *h, int argc, char **argv,
    const char *command, const struct ex_verb *table);

int ex_cmd_stage(const struct integra_host *h, int argc, char **argv);
int ex_cmd_objective(const struct integra_host *h, int argc, char **argv);
int ex_cmd_lesson(const struct integra_host *h, int argc, char **argv);
int ex_plan_migrate(const struct integra_host *h);
int ex_lessons_migrate(const struct integra_host *h);
extern const char ex_deadlines_sql[];

#endif /* EXERCISES_EX_H */
