/*
 * Area fields of programmes, activities and participation: each
 * `--field NAME=VALUE` is checked against the fields the area's plugin
 * declared (name, record kind, type, allowed values, bounds, references
 * that must exist), merged into the record's stored fields, handed with
 * the core values to the plugin's validate(), and written back as a JSON
 * object of typed values.  Also the record access members of the host
 * table (record_get, record_old, record_set, record_kind).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "integra.h"
#include "plugin_host.h"
#include "vocab.h"

/* One declared field's value in a record being validated. */
struct rval {
	const struct integra_field *f;
	struct integra_value v;	/* type INTEGRA_NULL when absent */
	char *own;		/* the text v.s points to, owned */
};

#ifndef RECORD_SMALL
#define RECORD_SMALL 16	/* declared fields of a kind held without allocation */
#endif

struct integra_record {
	struct ctx *ctx;
	const struct integra_plugin *p;
	enum integra_record_kind kind;
	struct rval *cur;	/* one per declared field of this kind */
	struct rval *old;
	size_t n;
	const struct kv *core_new;
	const struct kv *core_old;	/* NULL for a new record */
	struct rval small[2 * RECORD_SMALL];	/* cur and old when n is small */
};

/* Sets rv to a copy of v (strings copied); NULL type clears it. */
static void
rval_set(struct rval *rv, const struct integra_value *v)
{
	char *copy = NULL;

	if (v && v->s && v->type != INTEGRA_NULL && v->type != INTEGRA_INTEGER &&
	    v->type != INTEGRA_REAL && v->type != INTEGRA_BOOLEAN)
		copy = xstrndup(v->s, v->n ? v->n : strlen(v->s));
	free(rv->own);
	rv->own = copy;
	memset(&rv->v, 0, sizeof(rv->v));
	if (v == NULL)
		return;
	rv->v = *v;
	rv->v.s = copy;
	rv->v.n = copy ? strlen(copy) : 0;
}

static struct rval *
find_rval(struct rval *vals, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(vals[i].f->name, name) == 0)
			return &vals[i];
	return NULL;
}

static const char *
kv_find(const struct kv *kv, const char *name, bool *found)
{
	*found = false;
	for (; kv && kv->name; kv++) {
		if (strcmp(kv->name, name) == 0) {
			*found = true;
			return kv->value;
		}
	}
	return NULL;
}

/* A value from the record's declared fields or its core values. */
static int
lookup(struct integra_record *rec, struct rval *vals, const struct kv *core,
    const char *name, struct integra_value *out)
{
	struct rval *rv = vals ? find_rval(vals, rec->n, name) : NULL;
	const char *s;
	bool found;

	memset(out, 0, sizeof(*out));
	if (rv) {
		*out = rv->v;
		return rv->v.type == INTEGRA_NULL ? INTEGRA_ENOTFOUND : 0;
	}
	s = kv_find(core, name, &found);
	if (s == NULL)
		return INTEGRA_ENOTFOUND;
	if (strcmp(name, "hours") == 0 || strcmp(name, "credits") == 0 ||
	    strcmp(name, "capacity") == 0) {
		out->type = INTEGRA_REAL;
		out->r = strtod(s, NULL);
		return 0;
	}
	out->type = INTEGRA_TEXT;
	out->s = s;
	out->n = strlen(s);
	return 0;
}

int
record_get(struct integra_record *rec, const char *name, struct integra_value *out)
{
	return lookup(rec, rec->cur, rec->core_new, name, out);
}

int
record_old(struct integra_record *rec, const char *name, struct integra_value *out)
{
	if (rec->core_old == NULL) {
		memset(out, 0, sizeof(*out));
		return INTEGRA_ENOTFOUND;
	}
	return lookup(rec, rec->old, rec->core_old, name, out);
}

enum integra_record_kind
record_kind(struct integra_record *rec)
{
	return rec->kind;
}

int
record_set(struct integra_record *rec, const char *name, const struct integra_value *val)
{
	struct rval *rv = find_rval(rec->cur, rec->n, name);
	const struct integra_field *f;

	if (rv == NULL)
		return error_set(rec->ctx, ERR_INVALID, "plugin '%s': record_set() of "
		    "'%s', which is no %s field of area '%s'", rec->p->name, name,
		    record_kind_name(rec->kind), rec->p->area);
	f = rv->f;
	if (val && val->type != INTEGRA_NULL && val->type != f->type &&
	    !(f->type == INTEGRA_REAL && val->type == INTEGRA_INTEGER))
		return error_set(rec->ctx, ERR_INVALID, "plugin '%s': record_set() of "
		    "'%s' with the wrong type", rec->p->name, name);
	if (val && val->type == INTEGRA_REAL && !isfinite(val->r))
		return error_set(rec->ctx, ERR_INVALID, "plugin '%s': record_set() of "
		    "'%s' with a non-finite number", rec->p->name, name);
	rval_set(rv, val);
	if (f->type == INTEGRA_REAL && val && val->type == INTEGRA_INTEGER) {
		rv->v.type = INTEGRA_REAL;
		rv->v.r = (double)val->i;
	}
	return 0;
}

/* The user-settable field names of one kind, for messages. */
static void
field_names(const struct integra_plugin *p, enum integra_record_kind kind,
    struct buf *b)
{
	const struct integra_field *f;

	for (f = p->fields; f && f->name; f++)
		if (f->record == kind && !(f->flags & INTEGRA_FIELD_DERIVED))
			buf_printf(b, "%s%s", b->len ? ", " : "", f->name);
	if (b->len == 0)
		buf_adds(b, _("none"));
}

static const struct integra_field *
find_field(const struct integra_plugin *p, const char *name, int kind)
{
	const struct integra_field *f;

	for (f = p ? p->fields : NULL; f && f->name; f++)
		if (strcmp(f->name, name) == 0 && (kind == 0 || (int)f->record == kind))
			return f;
	return NULL;
}

/* The declared field `name` of this record, or an error that says where
 * the name belongs if anywhere. */
static int
resolve_field(struct integra_record *rec, const char *area, const char *name,
    const struct integra_field **out)
{
	const struct integra_plugin *q;
	const struct integra_field *f;
	struct buf b = { 0 };
	size_t i;
	int rc;

	if ((f = find_field(rec->p, name, (int)rec->kind)) != NULL) {
		if (f->flags & INTEGRA_FIELD_DERIVED)
			return error_set(rec->ctx, ERR_INVALID, _("field '%s' of %s %s is "
			    "derived: the plugin sets it, users cannot"), name, area,
			    record_kind_name(rec->kind));
		*out = f;
		return 0;
	}
	if ((f = find_field(rec->p, name, 0)) != NULL)
		return error_set(rec->ctx, ERR_INVALID, "field '%s' of area '%s' belongs "
		    "to %s records, not to %s records", name, area,
		    record_kind_name(f->record), record_kind_name(rec->kind));
	for (i = 0; i < plugins_count(rec->ctx); i++) {
		q = plugins_get(rec->ctx, i);
		if (q != rec->p && find_field(q, name, 0))
			return error_set(rec->ctx, ERR_INVALID, "field '%s' belongs to area "
			    "'%s', not to '%s'", name, q->area, area);
	}
	field_names(rec->p, rec->kind, &b);
	rc = error_set(rec->ctx, ERR_INVALID, "unknown field '%s' for %s %s (fields: %s)",
	    name, area, record_kind_name(rec->kind), b.s);
	buf_release(&b);
	return rc;
}

static int
bad_value(struct ctx *ctx, const struct integra_field *f, const char *s,
    const char *expected)
{
	return error_set(ctx, ERR_INVALID, "invalid value '%s' for field '%s' "
	    "(expected %s)", s, f->name, expected);
}

static int
bad_enum(struct ctx *ctx, const struct integra_field *f, const char *s,
    const char *one, const char *two)
{
	const char *const *e;
	struct buf b = { 0 };
	int rc;

	if (two != NULL)
		return error_set(ctx, ERR_INVALID, "ambiguous value '%s' for field '%s': "
		    "it may mean '%s' or '%s'; give the identifier", s, f->name, one, two);
	for (e = f->values; *e; e++)
		buf_printf(&b, "%s%s", e == f->values ? "" : ", ", *e);
	rc = error_set(ctx, ERR_INVALID, "invalid value '%s' for field '%s' "
	    "(allowed: %s)", s, f->name, b.s);
	buf_release(&b);
	return rc;
}

static int
parse_boolean(const char *s, int64_t *out)
{
	static const char *const yes[] = { "yes", "true", "1", "так", NULL };
	static const char *const no[] = { "no", "false", "0", "ні", NULL };
	size_t i;

	for (i = 0; yes[i]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return ERR_INVALID;
}

static int
check_bounds(struct ctx *ctx, const struct integra_field *f, const char *s, double x)
{
	if ((f->flags & INTEGRA_FIELD_BOUNDED) && (x < f->min || x > f->max))
		return error_set(ctx, ERR_INVALID, "value '%s' for field '%s' is out of "
		    "range (%g..%g)", s, f->name, f->min, f->max);
	return 0;
}

static int
parse_number(struct ctx *ctx, const struct integra_field *f, const char *s,
    struct integra_value *v)
{
	char buf[64], *end, *comma;

	if (strlen(s) >= sizeof(buf) || *s == '\0')
		return bad_value(ctx, f, s, f->type == INTEGRA_INTEGER ? "an integer" :
		    "a number");
	strcpy(buf, s);
	if (f->type == INTEGRA_INTEGER) {
		errno = 0;
		v->i = strtoll(buf, &end, 10);
		if (*end != '\0' || end == buf || errno == ERANGE)
			return bad_value(ctx, f, s, "an integer");
		v->r = (double)v->i;
		return check_bounds(ctx, f, s, v->r);
	}
	if ((comma = strchr(buf, ',')) != NULL && strchr(comma + 1, ',') == NULL)
		*comma = '.';
	v->r = strtod(buf, &end);
	if (*end != '\0' || end == buf || !isfinite(v->r))
		return bad_value(ctx, f, s, "a number");
	return check_bounds(ctx, f, s, v->r);
}

static int
check_reference(struct ctx *ctx, const struct integra_field *f, const char *s)
{
	static const char *const sql[] = {
		NULL,
		"SELECT count(*) FROM organisation WHERE code = ?",
		"SELECT count(*) FROM person WHERE key = ?",
		"SELECT count(*) FROM programme WHERE code = ?",
	};
	static const char *const what[] = { NULL, "organisation", "person", "programme" };
	int64_t n = 0;
	int rc;

	if (ctx->db == NULL)
		return error_set(ctx, ERR_FAIL, "field '%s': no database to check "
		    "the reference", f->name);
	if ((rc = db_query_int(ctx, &n, sql[f->ref], "t", s)) != 0)
		return rc;
	if (n == 0)
		return error_set(ctx, ERR_NOTFOUND, "no %s '%s' (field '%s')",
		    C_("record", what[f->ref]), s, f->name);
	return 0;
}

/* Converts text typed by a user to the field's typed value. */
static int
convert(struct ctx *ctx, const struct integra_field *f, const char *s,
    struct integra_value *v, char date[11])
{
	const char *e2;
	char what[64];
	int32_t days;

	memset(v, 0, sizeof(*v));
	v->type = f->type;
	switch (f->type) {
	case INTEGRA_INTEGER:
	case INTEGRA_REAL:
		return parse_number(ctx, f, s, v);
	case INTEGRA_BOOLEAN:
		if (parse_boolean(s, &v->i) != 0)
			return bad_value(ctx, f, s, "yes, no, true, false, 1 or 0");
		return 0;
	case INTEGRA_DATE:
		if (date_parse(s, &days) != 0)
			return bad_value(ctx, f, s, "a date: YYYY-MM-DD or DD.MM.YYYY, a real "
			    "calendar day");
		date_format(days, date);
		v->s = date;
		break;
	case INTEGRA_ENUM:
		/* the identifier, or a name of it: vocab.c */
		if (vocab_find(s, f->values, f->value_labels, &v->s, &e2) != VOCAB_ONE)
			return bad_enum(ctx, f, s, v->s, e2);
		break;
	case INTEGRA_REFERENCE:
		snprintf(what, sizeof(what), _("field '%s'"), f->name);
		if (check_text(ctx, what, s, false) != 0 || check_reference(ctx, f, s) != 0)
			return ctx->err;
		v->s = s;
		break;
	default:
		snprintf(what, sizeof(what), _("field '%s'"), f->name);
		if (check_text(ctx, what, s, false) != 0)
			return ctx->err;
		v->s = s;
		break;
	}
	v->n = strlen(v->s);
	return 0;
}

/* Applies one NAME=VALUE; an empty value clears the field. */
static int
assign(struct integra_record *rec, const char *area, const char *a, bool *given)
{
	const char *eq = strchr(a, '=');
	const struct integra_field *f = NULL;
	struct integra_value v;
	char name[64], date[11];
	struct rval *rv;
	int rc;

	if (eq == NULL || eq == a || (size_t)(eq - a) >= sizeof(name))
		return error_set(rec->ctx, ERR_INVALID, "invalid field assignment '%s' "
		    "(expected NAME=VALUE)", a);
	snprintf(name, sizeof(name), "%.*s", (int)(eq - a), a);
	if ((rc = resolve_field(rec, area, name, &f)) != 0)
		return rc;
	rv = find_rval(rec->cur, rec->n, name);
	if (given[rv - rec->cur])
		return error_set(rec->ctx, ERR_INVALID, "field '%s' given twice", name);
	given[rv - rec->cur] = true;
	if (eq[1] == '\0') {
		if (f->flags & INTEGRA_FIELD_REQUIRED)
			return error_set(rec->ctx, ERR_INVALID, "field '%s' is required for "
			    "%s %s and cannot be cleared", name, area,
			    record_kind_name(rec->kind));
		rval_set(rv, NULL);
		return 0;
	}
	if ((rc = convert(rec->ctx, f, eq + 1, &v, date)) != 0)
		return rc;
	rval_set(rv, &v);
	return 0;
}

/* Reads the stored fields (a JSON object) into rec->old and rec->cur. */
static int
load_old(struct integra_record *rec, const char *old_json)
{
	struct dbst *st = NULL;
	struct integra_value v;
	struct rval *rv;
	const char *type;
	int rc;

	if (old_json == NULL)
		return 0;
	if ((rc = db_stmt_get(rec->ctx, &st, "SELECT key, type, atom FROM json_each(?)")) != 0)
		return rc;
	db_bind(st, "t", old_json);
	while ((rc = dbst_step(st)) == DB_ROW) {
		rv = find_rval(rec->old, rec->n, dbst_text(st, 0));
		type = dbst_text(st, 1);
		if (rv == NULL || strcmp(type, "null") == 0)
			continue;
		memset(&v, 0, sizeof(v));
		v.type = rv->f->type;
		v.i = dbst_int(st, 2);
		v.r = dbst_double(st, 2);
		v.s = dbst_text(st, 2);
		if (strcmp(type, "true") == 0 || strcmp(type, "false") == 0)
			v.i = type[0] == 't';
		rval_set(rv, &v);
		rval_set(&rec->cur[rv - rec->old], &v);
	}
	rc = rc == DB_DONE ? 0 : db_error(rec->ctx, "cannot read the stored fields");
	db_stmt_put(rec->ctx, st);
	return rc;
}

/*
 * A number as JSON text, as SQLite writes it (a real keeps ".0"): numbers
 * go to json_set as JSON, so that a PostgreSQL server, which types the
 * cached statement's parameter once, stores them as numbers too.
 */
static void
json_number(const struct integra_value *v, char *num, size_t size)
{
	if (v->type == INTEGRA_INTEGER) {
		snprintf(num, size, "%lld", (long long)v->i);
		return;
	}
	snprintf(num, size, "%.15g", v->r);
	if (strtod(num, NULL) != v->r)
		snprintf(num, size, "%.17g", v->r);
	if (strpbrk(num, ".en") == NULL)
		strncat(num, ".0", size - strlen(num) - 1);
}

/* Sets (or removes) one member of the JSON text in *json. */
static int
json_put(struct ctx *ctx, struct dbst *st, char **json, const struct rval *rv)
{
	const struct integra_value *v = &rv->v;
	char num[40];
	int rc;

	dbst_reset(st);
	dbst_clear(st);
	dbst_bind_text(st, 1, *json, -1);
	dbst_bind_static(st, 2, rv->f->name, -1);
	if (v->type == INTEGRA_NULL) {
		dbst_bind_int(st, 4, 2);
	} else if (v->type == INTEGRA_BOOLEAN) {
		dbst_bind_static(st, 3, v->i ? "true" : "false", -1);
		dbst_bind_int(st, 4, 1);
	} else if ((v->type == INTEGRA_INTEGER || v->type == INTEGRA_REAL) &&
	    isfinite(v->type == INTEGRA_REAL ? v->r : 0)) {
		json_number(v, num, sizeof(num));
		dbst_bind_text(st, 3, num, -1);
		dbst_bind_int(st, 4, 1);
	} else {
		if (v->type == INTEGRA_REAL)
			dbst_bind_double(st, 3, v->r);
		else
			dbst_bind_text(st, 3, v->s, -1);
		dbst_bind_int(st, 4, 0);
	}
	if ((rc = dbst_step(st)) != DB_ROW)
		return db_error(ctx, "cannot build the fields");
	free(*json);
	*json = xstrdup(dbst_text(st, 0));
	return 0;
}

/* True when two values of one field are the same. */
static bool
rval_same(const struct rval *a, const struct rval *b)
{
	if (a->v.type != b->v.type)
		return false;
	switch (a->v.type) {
	case INTEGRA_NULL:
		return true;
	case INTEGRA_INTEGER:
	case INTEGRA_BOOLEAN:
		return a->v.i == b->v.i;
	case INTEGRA_REAL:
		return a->v.r == b->v.r;
	default:
		return a->v.s && b->v.s && strcmp(a->v.s, b->v.s) == 0;
	}
}

static int
build_json(struct integra_record *rec, const char *old_json, char **out)
{
	struct dbst *st = NULL;
	char *json;
	size_t i;
	int rc;

	for (i = 0; i < rec->n && rval_same(&rec->cur[i], &rec->old[i]); i++)
		;
	if (i == rec->n) {	/* nothing changed: the stored text stands */
		*out = xstrdup(old_json ? old_json : "{}");
		return 0;
	}
	json = xstrdup(old_json ? old_json : "{}");

	rc = db_stmt_get(rec->ctx, &st, "SELECT CASE CAST(?4 AS INTEGER) "
	    "WHEN 0 THEN json_set(?1, '$.' || ?2, ?3) "
	    "WHEN 1 THEN json_set(?1, '$.' || ?2, json(?3)) "
	    "ELSE json_remove(?1, '$.' || ?2) END");
	for (i = 0; rc == 0 && i < rec->n; i++)
		rc = json_put(rec->ctx, st, &json, &rec->cur[i]);
	db_stmt_put(rec->ctx, st);
	if (rc != 0) {
		free(json);
		return rc;
	}
	*out = json;
	return 0;
}

static void
record_release(struct integra_record *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++) {
		free(rec->cur[i].own);
		free(rec->old[i].own);
	}
	if (rec->cur != rec->small) {
		free(rec->cur);
		free(rec->old);
	}
}

static void
record_init(struct integra_record *rec, struct ctx *ctx,
    const struct integra_plugin *p, enum integra_record_kind kind)
{
	const struct integra_field *f;
	size_t n = 0;

	rec->ctx = ctx;
	rec->p = p;
	rec->kind = kind;
	rec->core_new = NULL;
	rec->core_old = NULL;
	for (f = p->fields; f && f->name; f++)
		if (f->record == kind)
			n++;
	if (n <= RECORD_SMALL) {
		rec->cur = rec->small;
		rec->old = rec->small + RECORD_SMALL;
	} else {
		rec->cur = xcalloc(n, sizeof(*rec->cur));
		rec->old = xcalloc(n, sizeof(*rec->old));
	}
	/* Each entry in use is set whole: no value, no text. */
	rec->n = 0;
	for (f = p->fields; f && f->name; f++) {
		if (f->record != kind)
			continue;
		rec->cur[rec->n] = (struct rval){ .f = f };
		rec->old[rec->n++] = (struct rval){ .f = f };
	}
}

/* Required fields of a new record, after the user's assignments. */
static int
check_required(struct integra_record *rec, const char *area)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if ((rec->cur[i].f->flags & INTEGRA_FIELD_REQUIRED) &&
		    rec->cur[i].v.type == INTEGRA_NULL)
			return error_set(rec->ctx, ERR_INVALID, "missing required field "
			    "'%s' of %s %ss", rec->cur[i].f->name, area,
			    record_kind_name(rec->kind));
	return 0;
}

static int
run_validate(struct integra_record *rec)
{
	const struct integra_host *h = plugins_host(rec->ctx, rec->p);
	int rc;

	if (rec->p->validate == NULL || h == NULL)
		return 0;
	rec->ctx->err = 0;
	rc = rec->p->validate(h, rec);
	if (rc == 0)
		return 0;
	if (rec->ctx->err == 0)
		return error_set(rec->ctx, ERR_INVALID, "plugin '%s' refused the %s "
		    "(no reason given)", rec->p->name, record_kind_name(rec->kind));
	return rec->ctx->err;
}

int
record_fields(struct ctx *ctx, enum integra_record_kind kind, const char *area,
    const char *const *assignments, const char *old_json,
    const struct kv *core_new, const struct kv *core_old, char **json_out)
{
	const struct integra_plugin *p = plugins_area(ctx, area);
	struct integra_record rec;
	bool small_given[RECORD_SMALL], *given;
	size_t i;
	int rc = 0;

	*json_out = NULL;
	if (p == NULL) {
		if (assignments && assignments[0])
			return error_set(ctx, ERR_INVALID, "cannot check field '%s': no "
			    "plugin for area '%s' is loaded (see 'integra plugin list')",
			    assignments[0], area ? area : "");
		*json_out = xstrdup(old_json ? old_json : "{}");
		return 0;
	}
	record_init(&rec, ctx, p, kind);
	rec.core_new = core_new;
	rec.core_old = old_json ? core_old : NULL;
	given = small_given;
	if (rec.n > RECORD_SMALL)
		given = xcalloc(rec.n, sizeof(*given));
	else if (assignments && assignments[0])
		memset(given, 0, rec.n * sizeof(*given));
	rc = load_old(&rec, old_json);
	for (i = 0; rc == 0 && assignments && assignments[i]; i++)
		rc = assign(&rec, area, assignments[i], given);
	if (rc == 0 && old_json == NULL)
		rc = check_required(&rec, area);
	if (rc == 0)
		rc = run_validate(&rec);
	if (rc == 0)
		rc = build_json(&rec, old_json, json_out);
	if (given != small_given)
		free(given);
	record_release(&rec);
	return rc;
}

/* Fills a NULL-terminated kv list (n + 1 entries) from parallel arrays of
 * names and values. */
void
kv_fill(struct kv *kv, const char *const *names, char *const *values, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		kv[i].name = names[i];
		kv[i].value = values[i];
	}
	kv[n].name = NULL;
	kv[n].value = NULL;
}
