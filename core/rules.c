/*
 * What the rules of programmes, activities and participation share: the
 * check of a core value by a record's table of rules, the call of the
 * area plugin's checks with a record's core values, dates typed by a
 * user, the order of a start and an end, today's date, and a stored
 * record read from the database.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#define CORE_MAX 16	/* core values of any record kind */

/* Fills kv (NULL-terminated) from the core names of kind and values v. */
static const struct kv *
core_kv(struct kv *kv, enum integra_record_kind kind, const char *const *v)
{
	const char *const *names = record_core_names(kind);
	size_t n;

	if (v == NULL)
		return NULL;
	for (n = 0; names[n] && n < CORE_MAX - 1; n++)
		;
	kv_fill(kv, names, (char *const *)v, n);
	return kv;
}

/*
 * The area fields of a record after the assignments, checked by the
 * area's plugin (its validate() with the core values vnew, and vold for a
 * stored record, NULL for a new one); see record_fields().  v arrays are
 * in the order of record_core_names(kind), NULL for an empty value.
 */
int
rules_fields(struct ctx *ctx, enum integra_record_kind kind, const char *area,
    const char *const *assign, const char *old_json, const char *const *vnew,
    const char *const *vold, char **json)
{
	struct kv kn[CORE_MAX], ko[CORE_MAX];

	return record_fields(ctx, kind, area, assign, old_json,
	    core_kv(kn, kind, vnew), core_kv(ko, kind, vold), json);
}

/* Normalises a date typed by a user into out; NULL or '' leaves out empty. */
int
rules_date(struct ctx *ctx, const char *what, const char *s, char out[11])
{
	out[0] = '\0';
	if (s == NULL || *s == '\0')
		return 0;
	return date_normalise(ctx, what, s, out);
}

/* Replaces *slot by the date s when given (NULL: no change; '' clears). */
int
rules_set_date(struct ctx *ctx, const char *what, const char *s, char **slot)
{
	char d[11];
	int rc;

	if (s == NULL)
		return 0;
	if ((rc = rules_date(ctx, what, s, d)) != 0)
		return rc;
	free(*slot);
	*slot = *d ? xstrdup(d) : NULL;
	return 0;
}

/* Refuses a record that would end before it starts: "programme 'P1'
 * would end ...", or without a code "participation would end ...". */
int
rules_order(struct ctx *ctx, const char *kind, const char *code, const char *start,
    const char *end)
{
	if (start == NULL || end == NULL || !*start || !*end || strcmp(start, end) <= 0)
		return 0;
	if (code)
		return error_set(ctx, ERR_INVALID, "%s '%s' would end (%s) before it "
		    "starts (%s)", C_("record", kind), code, end, start);
	return error_set(ctx, ERR_INVALID, "%s would end (%s) before it starts (%s)",
	    C_("record", kind), end, start);
}

/* The statuses that may follow `from` in a table of moves; none for a
 * final or unknown status. */
const char *const *
rules_next(const struct moves *moves, const char *from)
{
	static const char *const none[] = { NULL };

	for (; moves->from; moves++)
		if (strcmp(moves->from, from) == 0)
			return moves->next;
	return none;
}

/* Checks one core value by the rule of a record's table that names it. */
int
rules_check(struct ctx *ctx, const struct rule *rules, size_t n, int which,
    const char *v)
{
	const struct rule *r = rules;

	while (r < rules + n && r->which != which)
		r++;
	if (r == rules + n)
		BUG("no rule for the value");
	switch (r->type) {
	case RULE_CODE:
		return check_code(ctx, r->what, v);
	case RULE_TEXT:
		return check_text(ctx, r->what, v, false);
	case RULE_TEXT_OR_NONE:
		return v == NULL || *v == '\0' ? 0 : check_text(ctx, r->what, v, false);
	case RULE_ENUM:
		return check_enum(ctx, r->what, v, r->allowed);
	}
	BUG("unknown rule type");
}

/* Today, or the --as-of date of the context. */
void
rules_today(struct ctx *ctx, char out[11])
{
	int32_t d;

	if (ctx->as_of && date_parse(ctx->as_of, &d) == 0)
		date_format(d, out);
	else
		date_format(date_today(), out);
}

/* Reads a stored record from the row of st: the id in column 0, n core
 * values after it, the fields after them. */
void
stored_read(struct stored *r, struct dbst *st, size_t n)
{
	const char *s;
	size_t i;

	stored_free(r);
	r->id = dbst_int(st, 0);
	for (i = 0; i < n && i < STORED_MAX; i++)
		if ((s = dbst_text(st, (int)i + 1)) != NULL)
			r->v[i] = xstrdup(s);
	if ((s = dbst_text(st, (int)n + 1)) != NULL)
		r->fields = xstrdup(s);
}

/* Runs st (prepared and bound) for its one row, read into r, and
 * finalizes it; ERR_NOTFOUND with no error set when there is no row,
 * `what` is the message of a failure to read. */
int
stored_load(struct ctx *ctx, struct dbst *st, size_t n, struct stored *r,
    const char *what)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = dbst_step(st)) == DB_ROW) {
		stored_read(r, st, n);
		rc = 0;
	} else {
		rc = rc == DB_DONE ? ERR_NOTFOUND : db_error(ctx, what);
	}
	dbst_finalize(st);
	return rc;
}

/* Copies the n core values of a record (not its id or fields). */
void
stored_copy(struct stored *to, const struct stored *from, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < STORED_MAX; i++)
		xstrset(&to->v[i], from->v[i]);
}

/* Frees a stored record and clears it. */
void
stored_free(struct stored *r)
{
	size_t i;

	for (i = 0; i < STORED_MAX; i++)
		free(r->v[i]);
	free(r->fields);
	memset(r, 0, sizeof(*r));
}

/* True when none of the options (NULL-terminated names) is given. */
bool
rules_no_change(const struct args *a, const char *const *opts)
{
	for (; *opts; opts++)
		if (args_has(a, *opts))
			return false;
	return true;
}
