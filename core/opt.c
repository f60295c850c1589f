/*
 * Option parsing driven by a command's option table, the same table that
 * `--help` prints: --name VALUE, --name=VALUE, -x VALUE, repeated options
 * collected in order, `--` ending the options.  --format, --no-pager and
 * --vertical are global and accepted anywhere.  Plugin commands parse their own options: for them
 * the unknown ones pass through as arguments (CMD_PASSTHRU).
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "suggest.h"
#include "term.h"

static const struct optdef *
find_long(const struct optdef *defs, const char *name, size_t len, size_t *idx)
{
	size_t i;

	for (i = 0; defs && defs[i].name; i++) {
		if (strlen(defs[i].name) == len &&
		    strncmp(defs[i].name, name, len) == 0) {
			*idx = i;
			return &defs[i];
		}
	}
	return NULL;
}

static const struct optdef *
find_short(const struct optdef *defs, char c, size_t *idx)
{
	size_t i;

	for (i = 0; defs && defs[i].name; i++) {
		if (defs[i].shortname == c) {
			*idx = i;
			return &defs[i];
		}
	}
	return NULL;
}

static void
add_value(struct args *a, size_t idx, const char *v)
{
	size_t n = (size_t)a->counts[idx];

	a->vals[idx] = xrealloc(a->vals[idx], (n + 2) * sizeof(char *));
	a->vals[idx][n] = v;
	a->vals[idx][n + 1] = NULL;
	a->counts[idx]++;
}

/* Takes the value of option d (at argv[*i], "=VALUE" in eq or the next
 * word) into a's slot idx. */
static int
take_value(struct ctx *ctx, const struct optdef *d, size_t idx, const char *eq,
    int argc, char **argv, int *i, struct args *a)
{
	const char *val;

	if (!(d->flags & OPT_ARG)) {
		if (eq)
			return error_set(ctx, ERR_USAGE, "option '--%s' takes no value",
			    d->name);
		add_value(a, idx, "1");
		return 0;
	}
	if (eq)
		val = eq + 1;
	else if (*i + 1 < argc)
		val = argv[++*i];
	else
		return error_set(ctx, ERR_USAGE, "option '--%s' needs a value (%s)",
		    d->name, d->arg ? d->arg : "VALUE");
	if (!(d->flags & OPT_MULTI) && a->counts[idx] > 0)
		return error_set(ctx, ERR_USAGE, "option '--%s' given twice", d->name);
	add_value(a, idx, val);
	return 0;
}

/* --format anywhere, when the command's table has no option of that name:
 * 1 when argv[*i] was it, 0 when not, or an error. */
static int
global_format(struct ctx *ctx, const struct optdef *defs, const char *arg,
    const char *eq, int argc, char **argv, int *i)
{
	size_t idx, len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);

	if (len != 6 || strncmp(arg + 2, "format", 6) != 0 ||
	    find_long(defs, "format", 6, &idx) != NULL)
		return 0;
	if (!eq && *i + 1 >= argc)
		return error_set(ctx, ERR_USAGE,
		    "option '--format' needs a value (table, csv, json)");
	ctx->format = eq ? eq + 1 : argv[++*i];
	return 1;
}

/* --no-pager and --vertical anywhere (unless the command's table has an
 * option of that name): 1 when argv[i] was one of them, else 0. */
static int
global_term(struct ctx *ctx, const struct optdef *defs, const char *arg)
{
	static const struct {
		const char *name;
		unsigned bit;
	} flags[] = {
		{ .name = "no-pager", .bit = CTX_NO_PAGER },
		{ .name = "vertical", .bit = CTX_VERTICAL },
	};
	size_t i, idx;

	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (strcmp(arg + 2, flags[i].name) == 0 &&
		    find_long(defs, flags[i].name, strlen(flags[i].name), &idx) == NULL) {
			ctx->term |= flags[i].bit;
			return 1;
		}
	return 0;
}

/* The error for an unknown option, with the nearest names of the
 * command's options and the global ones when one is near enough. */
static int
unknown_option(struct ctx *ctx, const struct optdef *defs, const char *arg,
    const char *cmdpath)
{
	static const char *const global[] = { "format", "no-pager", "vertical",
	    "help" };
	char word[80], near[256];
	struct suggest sg;
	size_t i;

	snprintf(word, sizeof(word), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	suggest_init(&sg, word);
	for (i = 0; arg[1] == '-' && defs && defs[i].name; i++)
		suggest_add(&sg, defs[i].name);
	for (i = 0; arg[1] == '-' && i < ARRAY_SIZE(global); i++)
		suggest_add(&sg, global[i]);
	if (arg[1] == '-' && suggest_text(&sg, "--", near, sizeof(near)) > 0)
		return error_set(ctx, ERR_USAGE, "unknown option '%s' for '%s'; did "
		    "you mean %s? (see '%s --help')", arg, cmdpath, near, cmdpath);
	return error_set(ctx, ERR_USAGE,
	    "unknown option '%s' for '%s' (see '%s --help')", arg, cmdpath, cmdpath);
}

/* Allocates the slots of out for the options of defs and argc words. */
static void
args_init(struct args *out, const struct optdef *defs, int argc)
{
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	while (defs && defs[n].name)
		n++;
	out->defs = defs;
	out->ndefs = n;
	out->vals = xcalloc(n + 1, sizeof(*out->vals));
	out->counts = xcalloc(n + 1, sizeof(*out->counts));
	out->pos = xcalloc((size_t)argc + 1, sizeof(char *));
}

/* Parses argv (after the command words) into out; ERR_USAGE on a bad
 * option, with a message naming the command.  With CMD_PASSTHRU in
 * flags, an option not in defs is kept as an argument, in order. */
int
opt_parse_flags(struct ctx *ctx, const char *cmdpath, const struct optdef *defs,
    unsigned flags, int argc, char **argv, struct args *out)
{
	const struct optdef *d;
	const char *arg, *eq;
	bool dashdash = false;
	size_t idx = 0;
	int i, rc;

	args_init(out, defs, argc);
	for (i = 0; i < argc; i++) {
		arg = argv[i];
		if (dashdash || arg[0] != '-' || arg[1] == '\0') {
			out->pos[out->npos++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			dashdash = true;
			continue;
		}
		eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
		if (arg[1] == '-' && (rc = global_format(ctx, defs, arg, eq, argc, argv,
		    &i)) != 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (arg[1] == '-' && global_term(ctx, defs, arg))
			continue;
		if (arg[1] == '-')
			d = find_long(defs, arg + 2, eq ? (size_t)(eq - arg - 2) :
			    strlen(arg + 2), &idx);
		else
			d = arg[2] == '\0' ? find_short(defs, arg[1], &idx) : NULL;
		if (d == NULL && (flags & CMD_PASSTHRU))
			out->pos[out->npos++] = argv[i];
		else if (d == NULL)
			return unknown_option(ctx, defs, arg, cmdpath);
		else if ((rc = take_value(ctx, d, idx, eq, argc, argv, &i, out)) != 0)
			return rc;
	}
	return 0;
}

/* opt_parse_flags without flags: every option must be in defs. */
int
opt_parse(struct ctx *ctx, const char *cmdpath, const struct optdef *defs,
    int argc, char **argv, struct args *out)
{
	return opt_parse_flags(ctx, cmdpath, defs, 0, argc, argv, out);
}

void
args_release(struct args *a)
{
	size_t i;

	for (i = 0; a->vals && i < a->ndefs; i++)
		free(a->vals[i]);
	free(a->vals);
	free(a->counts);
	free(a->pos);
	memset(a, 0, sizeof(*a));
}

static int
args_index(const struct args *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->ndefs; i++)
		if (strcmp(a->defs[i].name, name) == 0)
			return (int)i;
	BUG("option not in the command's table");
}

/* The (last) value of an option, or NULL when not given. */
const char *
args_get(const struct args *a, const char *name)
{
	int i = args_index(a, name);

	return a->counts[i] ? a->vals[i][a->counts[i] - 1] : NULL;
}

/* Every value of a repeatable option, NULL-terminated (never NULL). */
const char *const *
args_list(const struct args *a, const char *name)
{
	static const char *const none[] = { NULL };
	int i = args_index(a, name);

	return a->counts[i] ? a->vals[i] : none;
}

bool
args_has(const struct args *a, const char *name)
{
	return a->counts[args_index(a, name)] > 0;
}
