/*
 * The options of a closed list typed in Ukrainian (vocab.h): which
 * option of which noun takes which list, and the identifiers put in place
 * of the names before the command reads its options.  Apart from vocab.c
 * because it knows the core's lists (validate.c), which use vocab.c.
 */
#include <string.h>

#include "integra.h"
#include "i18n.h"
#include "vocab.h"

/* The options that take a value of a closed list, by noun. */
struct vocab_opt {
	const char *noun, *opt, *what;
	const char *const *allowed;	/* NULL: a role (vocab_role) */
	bool loose;		/* other values are the command's to check */
};

static const struct vocab_opt opts[] = {
	{ .noun = "org", .opt = "kind", .what = N_("organisation kind"),
	  .allowed = org_kinds },
	{ .noun = "person", .opt = "service", .what = N_("service"),
	  .allowed = person_services },
	{ .noun = "person", .opt = "category", .what = N_("civil-service category"),
	  .allowed = civil_categories, .loose = true },
	{ .noun = "programme", .opt = "status", .what = N_("programme status"),
	  .allowed = programme_statuses },
	{ .noun = "participation", .opt = "status", .what = N_("participation status"),
	  .allowed = participation_statuses },
	{ .noun = "participation", .opt = "role", .what = N_("role") },
	{ .noun = "enrol", .opt = "status", .what = N_("participation status"),
	  .allowed = participation_statuses },
	{ .noun = "enrol", .opt = "role", .what = N_("role") },
	{ 0 }
};

/* Puts the identifier in *v, a value of option o; a rank given as a
 * category (loose) stays as it is. */
static int
vocab_arg(struct ctx *ctx, const struct vocab_opt *o, const char **v)
{
	const char *id, *other;

	if (**v == '\0')
		return 0;
	if (o->allowed == NULL) {
		*v = vocab_role(*v);
		return 0;
	}
	if (o->loose) {
		if (vocab_find(*v, o->allowed, NULL, &id, &other) == VOCAB_ONE)
			*v = id;
		return 0;
	}
	return vocab_enum(ctx, i18n_text(o->what), *v, o->allowed, v);
}

/*
 * Puts the identifier in place of every value typed in Ukrainian for an
 * option of a closed list, before the command reads its options: `path`
 * is the command ("integra org add"), a its parsed options.
 */
int
vocab_args(struct ctx *ctx, const char *path, struct args *a)
{
	const struct vocab_opt *o;
	size_t i, len;
	int k, rc;

	if (strncmp(path, "integra ", 8) == 0)
		path += 8;
	len = strcspn(path, " ");

	for (o = opts; o->noun; o++) {
		if (strlen(o->noun) != len || strncmp(o->noun, path, len) != 0)
			continue;
		for (i = 0; i < a->ndefs; i++) {
			if (strcmp(a->defs[i].name, o->opt) != 0)
				continue;
			for (k = 0; k < a->counts[i]; k++)
				if ((rc = vocab_arg(ctx, o, &a->vals[i][k])) != 0)
					return rc;
		}
	}
	return 0;
}
