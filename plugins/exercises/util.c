/*
 * Helpers the commands of the exercises plugin share (see ex.h): typed
 * values, argument parsing, look-ups of exercises and organisations,
 * dates, text checks and listing rows through the host's output.
 */
#include <stdio.h>
#include <string.h>

#include "ex.h"

const struct integra_api *ex_api;

/* A text value; NULL gives a null value. */
struct integra_value
ex_text(const char *s)
{
	struct integra_value v = { INTEGRA_TEXT, 0, 0, s, s ? strlen(s) : 0 };

	if (s == NULL)
		v.type = INTEGRA_NULL;
	return v;
}

/* An integer value. */
struct integra_value
ex_int(int64_t i)
{
	struct integra_value v = { INTEGRA_INTEGER, i, 0, NULL, 0 };

	return v;
}

/* The index of option arg ("--name" or "--name=value") in a->names, or -1;
 * *inline_val is its value after '=' or NULL. */
static int
ex_option(const struct ex_args *a, const char *arg, const char **inline_val)
{
	size_t len;
	int k;

	*inline_val = NULL;
	for (k = 0; a->names[k]; k++) {
		len = strlen(a->names[k]);
		if (strncmp(arg + 2, a->names[k], len) != 0)
			continue;
		if (arg[2 + len] == '=')
			*inline_val = arg + 3 + len;
		if (arg[2 + len] == '=' || arg[2 + len] == '\0')
			return k;
	}
	return -1;
}

/* Splits the arguments after the verb into options and positionals. */
int
ex_parse(const struct integra_host *h, int argc, char **argv, struct ex_args *a,
    int min, int max, const char *usage)
{
	const char *v;
	int i, k;

	for (i = 2; i < argc; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '\0') {
			if (a->npos == EX_POS_MAX || a->npos == max)
				return ex_api->error(h, INTEGRA_EUSAGE, "too many arguments: "
				    "'%s' (usage: %s)", argv[i], usage);
			a->pos[a->npos++] = argv[i];
			continue;
		}
		k = argv[i][1] == '-' ? ex_option(a, argv[i], &v) : -1;
		if (k >= 0 && v == NULL && i + 1 < argc)
			v = argv[++i];
		if (k < 0 || v == NULL)
			return ex_api->error(h, INTEGRA_EUSAGE, "unknown option or "
			    "missing value '%s' (usage: %s)", argv[i], usage);
		a->val[k] = v;
	}
	if (a->npos < min)
		return ex_api->error(h, INTEGRA_EUSAGE, "missing arguments (usage: %s)",
		    usage);
	return INTEGRA_OK;
}

/* Row callback: the first column as an integer. */
int
ex_first_int(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *out = ud;

	if (ncols > 0 && cols[0].type == INTEGRA_INTEGER)
		*out = cols[0].i;
	return 1;
}

/* Row callback: the first column as text into char[64]. */
int
ex_first_text(void *ud, const struct integra_value *cols, size_t ncols)
{
	char *out = ud;

	if (ncols > 0 && cols[0].s)
		snprintf(out, 64, "%s", cols[0].s);
	return 1;
}

struct found {
	int64_t id;
	char area[64];
};

/* Row callback: a programme's id and area. */
static int
found_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct found *f = ud;

	if (ncols >= 2) {
		f->id = cols[0].i;
		snprintf(f->area, sizeof(f->area), "%s", cols[1].s ? cols[1].s : "");
	}
	return 1;
}

/* The id of an exercise, refusing a programme of another area. */
int
ex_find(const struct integra_host *h, const char *code, int64_t *id)
{
	struct integra_value p = ex_text(code);
	struct found f = { 0, "" };
	int rc;

	if ((rc = ex_api->query(h, "SELECT id, area FROM programme WHERE code = ?1",
	    &p, 1, found_row, &f)) != 0)
		return rc;
	if (f.id == 0)
		return ex_api->error(h, INTEGRA_ENOTFOUND, "no exercise '%s'", code);
	if (strcmp(f.area, AREA) != 0)
		return ex_api->error(h, INTEGRA_EINVALID, "programme '%s' is in area "
		    "'%s', not an exercise", code, f.area);
	*id = f.id;
	return INTEGRA_OK;
}

/* The id of the organisation that is an action body. */
int
ex_body(const struct integra_host *h, const char *code, int64_t *id)
{
	struct integra_value p = ex_text(code);
	int rc;

	*id = 0;
	if ((rc = ex_api->query(h, "SELECT id FROM organisation WHERE code = ?1",
	    &p, 1, ex_first_int, id)) != 0)
		return rc;
	if (*id == 0)
		return ex_api->error(h, INTEGRA_ENOTFOUND, "no organisation '%s' (the "
		    "action body, --body)", code);
	return INTEGRA_OK;
}

/* A date as typed, or today. */
int
ex_date(const struct integra_host *h, const char *text, char out[11])
{
	if (text == NULL) {
		ex_api->today(h, out);
		return INTEGRA_OK;
	}
	return ex_api->parse_date(h, text, out) != 0 ? INTEGRA_EINVALID : INTEGRA_OK;
}

/* Whether a text is missing or only blanks. */
int
ex_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\n")] == '\0';
}

/* Refuses a text longer than EX_TEXT_MAX bytes. */
int
ex_too_long(const struct integra_host *h, const char *s)
{
	if (strlen(s) > EX_TEXT_MAX)
		return ex_api->error(h, INTEGRA_EINVALID, "text too long: %zu bytes "
		    "(at most %d)", strlen(s), EX_TEXT_MAX);
	return INTEGRA_OK;
}

/* Row callback: emits the row through the host. */
int
ex_emit_rows(void *ud, const struct integra_value *cols, size_t ncols)
{
	const struct integra_host *h = ud;

	(void)ncols;
	return ex_api->emit_row(h, cols) != 0;
}

/* Runs a query and emits its rows as one result. */
int
ex_list(const struct integra_host *h, const char *title,
    const struct integra_column *cols, size_t ncols, const char *sql,
    const struct integra_value *p, size_t np)
{
	int rc;

	if ((rc = ex_api->emit_begin(h, title, cols, ncols)) != 0)
		return rc;
	if ((rc = ex_api->query(h, sql, p, np, ex_emit_rows, (void *)h)) != 0)
		return rc;
	return ex_api->emit_end(h);
}

/* Runs the verb argv[1] of `exercises COMMAND` from its table; refuses a
 * missing or unknown one, listing the verbs. */
int
ex_dispatch(const struct integra_host *h, int argc, char **argv,
    const char *command, const struct ex_verb *table)
{
	const struct ex_verb *v;
	char verbs[160] = "";
	size_t n = 0;

	for (v = table; argc >= 2 && v->name; v++)
		if (strcmp(v->name, argv[1]) == 0)
			return v->run(h, argc, argv);
	for (v = table; v->name && n < sizeof(verbs); v++)
		n += (size_t)snprintf(verbs + n, sizeof(verbs) - n, "%s%s",
		    v == table ? "" : ", ", v->name);
	if (argc < 2)
		return ex_api->error(h, INTEGRA_EUSAGE, "missing verb for 'exercises "
		    "%s' (verbs: %s)", command, verbs);
	return ex_api->error(h, INTEGRA_EUSAGE, "unknown verb '%s' for 'exercises "
	    "%s' (verbs: %s)", argv[1], command, verbs);
}

/* The list verbs: [EXERCISE] checked, then the rows. */
int
ex_list_of(const struct integra_host *h, int argc, char **argv,
    const char *usage, const char *title, const struct integra_column *cols,
    size_t ncols, const char *sql)
{
	static const char *const none[] = { NULL };
	struct ex_args a = { .names = none };
	struct integra_value p;
	int64_t id;
	int rc;

	if ((rc = ex_parse(h, argc, argv, &a, 0, 1, usage)) != 0)
		return rc;
	if (a.npos == 1 && (rc = ex_find(h, a.pos[0], &id)) != 0)
		return rc;
	p = ex_text(a.npos ? a.pos[0] : NULL);
	return ex_list(h, title, cols, ncols, sql, &p, 1);
}
