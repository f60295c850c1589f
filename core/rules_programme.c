/*
 * The rules of a programme: its area must be a loaded plugin's, its code,
 * title and status are checked, it must not end before it starts, and its
 * status moves planned -> active -> completed, and planned or active ->
 * cancelled.  Also the lookup of a programme by code that activities and
 * participation start from.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* Finds a programme by code: id, area, status and the area's plugin;
 * ERR_NOTFOUND naming it.  The caller frees it with programme_ref_free. */
int
programme_find(struct ctx *ctx, const char *code, struct programme_ref *p)
{
	struct dbst *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_prepare(ctx, &st, "SELECT id, area, status FROM programme "
	    "WHERE code = ?")) != 0)
		return rc;
	db_bind(st, "t", code);
	if ((rc = dbst_step(st)) == DB_ROW) {
		p->id = dbst_int(st, 0);
		p->area = xstrdup(dbst_text(st, 1));
		p->status = xstrdup(dbst_text(st, 2));
		p->pl = plugins_area(ctx, p->area);
		rc = 0;
	} else {
		rc = rc == DB_DONE ? error_set(ctx, ERR_NOTFOUND, "no programme '%s'",
		    code) : db_error(ctx, "cannot read programme");
	}
	dbst_finalize(st);
	return rc;
}

/* Frees a programme found by programme_find and clears it. */
void
programme_ref_free(struct programme_ref *p)
{
	free(p->area);
	free(p->status);
	*p = (struct programme_ref){ .id = 0 };
}

/* The plugin of an area; ERR_INVALID naming the loaded areas if none. */
int
programme_area_plugin(struct ctx *ctx, const char *area,
    const struct integra_plugin **out)
{
	struct buf b = { 0 };
	size_t i, n = plugins_count(ctx);

	if ((*out = plugins_area(ctx, area)) != NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (plugins_get(ctx, i)->area)
			buf_printf(&b, "%s%s", b.len ? ", " : "", plugins_get(ctx, i)->area);
	error_set(ctx, ERR_INVALID, "unknown area '%s' (loaded: %s)", area,
	    b.s ? b.s : "none");
	buf_release(&b);
	return ERR_INVALID;
}

static const struct rule rules[] = {
	{ .which = PROG_CODE, .type = RULE_CODE, .what = N_("programme code") },
	{ .which = PROG_TITLE, .type = RULE_TEXT, .what = N_("programme title") },
	{ .which = PROG_STATUS, .type = RULE_ENUM, .what = N_("programme status"),
	  .allowed = programme_statuses },
};

/* Checks a programme's code, title or status (which: PROG_CODE ...). */
int
programme_check(struct ctx *ctx, int which, const char *value)
{
	return rules_check(ctx, rules, ARRAY_SIZE(rules), which, value);
}

static const char *const from_planned[] = { "active", "cancelled", NULL };
static const char *const from_active[] = { "completed", "cancelled", NULL };
static const struct moves moves[] = {
	{ .from = "planned", .next = from_planned },
	{ .from = "active", .next = from_active },
	{ 0 }
};

/* A status `to` that exists and may follow `from`. */
int
programme_check_move(struct ctx *ctx, const char *code, const char *from,
    const char *to)
{
	char what[160];
	int rc;

	if ((rc = programme_check(ctx, PROG_STATUS, to)) != 0)
		return rc;
	snprintf(what, sizeof(what), _("programme '%s'"), code);
	return check_move(ctx, what, from, to, rules_next(moves, from));
}
