/*
 * The dump of integra export-db and import-db: one JSON Lines file, each
 * line a JSON value (the header, a table's columns, a row, the counts).
 * Here are the reading of a line into a tree of values and the writing of
 * a column's value, and the tables a dump holds, parents first.  Nothing
 * here depends on the backend but the one query of foreign keys.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dbcopy.h"

/* A line being parsed. */
struct jp {
	const char *s;
	size_t n;
	size_t pos;
	char *why;
	size_t size;
};

/* Sets why: what is wrong (a message marked N_()) and where. */
static bool
jp_fail(struct jp *p, const char *what)
{
	snprintf(p->why, p->size, _("%s at byte %zu"), i18n_text(what), p->pos + 1);
	return false;
}

static void
jp_space(struct jp *p)
{
	while (p->pos < p->n && strchr(" \t\r", p->s[p->pos]) != NULL)
		p->pos++;
}

/* Takes the word w (true, false, null) at the current position. */
static bool
jp_word(struct jp *p, const char *w)
{
	size_t len = strlen(w);

	if (p->n - p->pos < len || memcmp(p->s + p->pos, w, len) != 0)
		return false;
	p->pos += len;
	return true;
}

/* Four hex digits of a \u escape. */
static bool
jp_hex4(struct jp *p, unsigned *out)
{
	unsigned v = 0;
	int i, c;

	if (p->n - p->pos < 4)
		return jp_fail(p, N_("incomplete \\u escape"));
	for (i = 0; i < 4; i++) {
		c = p->s[p->pos + i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return jp_fail(p, N_("bad \\u escape"));
	}
	p->pos += 4;
	*out = v;
	return true;
}

/* Appends code point cp as UTF-8. */
static void
put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xc0 | cp >> 6));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xe0 | cp >> 12));
		buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (char)(0xf0 | cp >> 18));
		buf_addc(b, (char)(0x80 | (cp >> 12 & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A \u escape (the backslash and u taken), a surrogate pair as one. */
static bool
jp_unicode(struct jp *p, struct buf *b)
{
	unsigned cp, lo;

	if (!jp_hex4(p, &cp))
		return false;
	if (cp >= 0xdc00 && cp < 0xe000)
		return jp_fail(p, N_("lone low surrogate in \\u escape"));
	if (cp >= 0xd800 && cp < 0xdc00) {
		if (!jp_word(p, "\\u") || !jp_hex4(p, &lo) || lo < 0xdc00 || lo >= 0xe000)
			return jp_fail(p, N_("high surrogate without its low half"));
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return jp_fail(p, N_("\\u0000 (a NUL character) in a string"));
	put_utf8(b, cp);
	return true;
}

/* One escape after a backslash. */
static bool
jp_escape(struct jp *p, struct buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;

	if (p->pos >= p->n)
		return jp_fail(p, N_("unterminated string"));
	if (p->s[p->pos] == 'u') {
		p->pos++;
		return jp_unicode(p, b);
	}
	if ((e = strchr(from, p->s[p->pos])) == NULL || *e == '\0')
		return jp_fail(p, N_("unknown escape"));
	buf_addc(b, to[e - from]);
	p->pos++;
	return true;
}

/* A string (at its opening quote) into out. */
static bool
jp_string(struct jp *p, struct jv *out)
{
	struct buf b = { 0 };
	unsigned char c;

	buf_adds(&b, "");
	for (p->pos++; p->pos < p->n; ) {
		c = (unsigned char)p->s[p->pos];
		if (c == '"') {
			p->pos++;
			out->type = JV_STR;
			out->n = b.len;
			out->s = b.s;
			return true;
		}
		if (c < 0x20) {
			buf_release(&b);
			return jp_fail(p, N_("control character in a string"));
		}
		p->pos++;
		if (c != '\\')
			buf_addc(&b, (char)c);
		else if (!jp_escape(p, &b)) {
			buf_release(&b);
			return false;
		}
	}
	buf_release(&b);
	return jp_fail(p, N_("unterminated string"));
}

/* A number: an integer unless it has a fraction or an exponent. */
static bool
jp_number(struct jp *p, struct jv *out)
{
	size_t start = p->pos, len;
	char tmp[64], *end;
	bool real = false;

	while (p->pos < p->n && strchr("+-0123456789.eE", p->s[p->pos]) != NULL) {
		real |= strchr(".eE", p->s[p->pos]) != NULL;
		p->pos++;
	}
	len = p->pos - start;
	if (len == 0 || len >= sizeof(tmp)) {
		p->pos = start;
		return jp_fail(p, len ? N_("number too long") : N_("unexpected character"));
	}
	memcpy(tmp, p->s + start, len);
	tmp[len] = '\0';
	errno = 0;
	if (real)
		out->r = strtod(tmp, &end);
	else
		out->i = strtoll(tmp, &end, 10);
	out->type = real ? JV_REAL : JV_INT;
	if (real && errno == ERANGE && isfinite(out->r))
		errno = 0;	/* a subnormal, read as close as it can be */
	if (*end != '\0' || errno != 0 || tmp[0] == '+') {
		p->pos = start;
		return jp_fail(p, errno ? N_("number out of range") :
		    N_("malformed number"));
	}
	return true;
}

static bool jp_value(struct jp *p, struct jv *out, int depth);

/* Adds an empty item to an array or object, returning it. */
static struct jv *
jv_push(struct jv *a)
{
	a->v = xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	if (a->type == JV_OBJ) {
		a->k = xrealloc(a->k, (a->n + 1) * sizeof(*a->k));
		a->k[a->n] = NULL;
	}
	memset(&a->v[a->n], 0, sizeof(*a->v));
	return &a->v[a->n++];
}

/* An object member's key and colon. */
static bool
jp_key(struct jp *p, struct jv *o)
{
	struct jv key = { 0 };

	jp_space(p);
	if (p->pos >= p->n || p->s[p->pos] != '"')
		return jp_fail(p, N_("expected a string key"));
	if (!jp_string(p, &key))
		return false;
	jv_push(o);
	o->k[o->n - 1] = key.s;
	jp_space(p);
	if (p->pos >= p->n || p->s[p->pos] != ':')
		return jp_fail(p, N_("expected ':'"));
	p->pos++;
	return true;
}

/* An array or object (at its bracket). */
static bool
jp_list(struct jp *p, struct jv *out, int depth)
{
	char close = p->s[p->pos] == '[' ? ']' : '}';

	out->type = close == ']' ? JV_ARR : JV_OBJ;
	if (depth >= DBCOPY_DEPTH)
		return jp_fail(p, N_("nested too deeply"));
	p->pos++;
	jp_space(p);
	if (p->pos < p->n && p->s[p->pos] == close) {
		p->pos++;
		return true;
	}
	for (;;) {
		if (out->type == JV_OBJ && !jp_key(p, out))
			return false;
		if (!jp_value(p, out->type == JV_OBJ ? &out->v[out->n - 1] :
		    jv_push(out), depth + 1))
			return false;
		jp_space(p);
		if (p->pos < p->n && p->s[p->pos] == close) {
			p->pos++;
			return true;
		}
		if (p->pos >= p->n || p->s[p->pos] != ',')
			return jp_fail(p, close == ']' ? N_("expected ',' or ']'") :
			    N_("expected ',' or '}'"));
		p->pos++;
	}
}

static bool
jp_value(struct jp *p, struct jv *out, int depth)
{
	jp_space(p);
	if (p->pos >= p->n)
		return jp_fail(p, N_("unexpected end of line"));
	switch (p->s[p->pos]) {
	case '"':
		return jp_string(p, out);
	case '[':
	case '{':
		return jp_list(p, out, depth);
	case 't':
	case 'f':
		out->type = JV_BOOL;
		out->i = p->s[p->pos] == 't';
		if (jp_word(p, out->i ? "true" : "false"))
			return true;
		return jp_fail(p, N_("unexpected character"));
	case 'n':
		out->type = JV_NULL;
		return jp_word(p, "null") ? true : jp_fail(p, N_("unexpected character"));
	default:
		return jp_number(p, out);
	}
}

/* Parses one line into *out (freed with jv_free, also on failure). */
bool
jv_parse(const char *s, size_t n, struct jv *out, char *why, size_t size)
{
	struct jp p = { .s = s, .n = n, .why = why, .size = size };

	memset(out, 0, sizeof(*out));
	if (!text_valid_utf8(s, n))
		return jp_fail(&p, N_("not valid UTF-8"));
	if (!jp_value(&p, out, 0))
		return false;
	jp_space(&p);
	if (p.pos < n)
		return jp_fail(&p, N_("more after the value"));
	return true;
}

void
jv_free(struct jv *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; (v->type == JV_ARR || v->type == JV_OBJ) && i < v->n; i++) {
		jv_free(&v->v[i]);
		if (v->k)
			free(v->k[i]);
	}
	free(v->v);
	free(v->k);
	free(v->s);
	memset(v, 0, sizeof(*v));
}

const struct jv *
jv_get(const struct jv *o, const char *key)
{
	size_t i;

	for (i = 0; o->type == JV_OBJ && i < o->n; i++)
		if (o->k[i] && strcmp(o->k[i], key) == 0)
			return &o->v[i];
	return NULL;
}

/* Appends a column's value: an integer as digits, a real always with a
 * fraction or an exponent (so that it reads back as a real), NULL and
 * what is not a finite number as null, text as a string. */
void
jv_put_value(struct buf *b, const struct integra_value *v)
{
	char num[40];

	switch (v->type) {
	case INTEGRA_NULL:
		buf_adds(b, "null");
		break;
	case INTEGRA_INTEGER:
	case INTEGRA_BOOLEAN:
		buf_printf(b, "%lld", (long long)v->i);
		break;
	case INTEGRA_REAL:
		if (!isfinite(v->r)) {
			buf_adds(b, "null");
			break;
		}
		snprintf(num, sizeof(num), "%.15g", v->r);
		if (strtod(num, NULL) != v->r)
			snprintf(num, sizeof(num), "%.17g", v->r);
		buf_adds(b, num);
		if (strpbrk(num, ".e") == NULL)
			buf_adds(b, ".0");
		break;
	default:
		jv_put_str(b, v->s ? v->s : "", v->s ? (v->n ? v->n : strlen(v->s)) : 0);
		break;
	}
}

/* The core's tables in the order their foreign keys allow.  Not the
 * migration table, plugin_object nor plugin_area: the target's own init
 * writes them. */
static const char *const core_tables[] = {
	"organisation", "agency", "agency_org", "person", "programme", "activity",
	"participation", "nomination", "seat_plan", "seat_quota", "job_run", "audit"
};

/* The tables table refers to by foreign keys, its own name excepted. */
static int
table_parents(struct ctx *ctx, const char *table, char ***out, size_t *n)
{
	struct dbst *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare(ctx, &st, dbc_is_pg(ctx->db) ?
	    "SELECT DISTINCT confrelid::regclass::text FROM pg_constraint "
	    "WHERE contype = 'f' AND conrelid = to_regclass(?)" :
	    "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)")) != 0)
		return rc;
	db_bind(st, "t", table);
	while ((rc = dbst_step(st)) == DB_ROW) {
		if (strcmp(dbst_text(st, 0), table) == 0)
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = xstrdup(dbst_text(st, 0));
	}
	rc = rc == DB_DONE ? 0 : db_error(ctx, "cannot read foreign keys");
	dbst_finalize(st);
	return rc;
}

/* Whether none of parents is still among todo (not yet placed). */
static bool
parents_placed(char **todo, size_t ntodo, char **parents, size_t np)
{
	size_t i, j;

	for (i = 0; i < np; i++)
		for (j = 0; j < ntodo; j++)
			if (todo[j] && strcmp(todo[j], parents[i]) == 0)
				return false;
	return true;
}

/* Moves todo[i] to the end of t. */
static void
place(struct dbcopy_tables *t, char **todo, size_t i)
{
	t->name[t->n++] = todo[i];
	todo[i] = NULL;
}

/* Moves the names of todo into t, each after the tables it refers to
 * (a cycle, which no foreign key lets anyone fill, in the order given). */
static int
order_tables(struct ctx *ctx, struct dbcopy_tables *t, char **todo, size_t n)
{
	char **parents;
	size_t i, np, left = n;
	bool moved, ok;
	int rc;

	while (left > 0) {
		moved = false;
		for (i = 0; i < n; i++) {
			if (todo[i] == NULL)
				continue;
			if ((rc = table_parents(ctx, todo[i], &parents, &np)) != 0)
				return rc;
			ok = parents_placed(todo, n, parents, np);
			strv_free(parents, np);
			if (ok) {
				place(t, todo, i);
				left--;
				moved = true;
			}
		}
		for (i = 0; !moved && i < n; i++) {
			if (todo[i] != NULL) {
				place(t, todo, i);
				left--;
				break;
			}
		}
	}
	return 0;
}

/* The core's tables, then the plugins' (plugin_object), parents first. */
int
dbcopy_tables(struct ctx *ctx, struct dbcopy_tables *t)
{
	struct dbst *st;
	char **todo = NULL;
	size_t i, n = 0;
	int rc;

	if ((rc = db_prepare(ctx, &st, "SELECT name FROM plugin_object "
	    "WHERE kind = 'table' ORDER BY plugin, name")) != 0)
		return rc;
	while ((rc = dbst_step(st)) == DB_ROW) {
		todo = xrealloc(todo, (n + 1) * sizeof(*todo));
		todo[n++] = xstrdup(dbst_text(st, 0));
	}
	rc = rc == DB_DONE ? 0 : db_error(ctx, "cannot read the plugins' tables");
	dbst_finalize(st);
	t->n = 0;
	t->name = xcalloc(ARRAY_SIZE(core_tables) + n + 1, sizeof(*t->name));
	for (i = 0; i < ARRAY_SIZE(core_tables); i++)
		t->name[t->n++] = xstrdup(core_tables[i]);
	if (rc == 0)
		rc = order_tables(ctx, t, todo, n);
	strv_free(todo, n);
	return rc;
}

void
dbcopy_tables_free(struct dbcopy_tables *t)
{
	strv_free(t->name, t->n);
	t->name = NULL;
	t->n = 0;
}

/* The rows of table in dump order: organisations parents first (a
 * recursive walk down from those with none), any other table by its first
 * column (its id, or the key it shares with its parent). */
char *
dbcopy_select(const char *table)
{
	if (strcmp(table, "organisation") == 0)
		return xstrdup("WITH RECURSIVE tree (id, depth) AS (SELECT id, 0 FROM "
		    "organisation WHERE parent_id IS NULL UNION ALL SELECT o.id, "
		    "t.depth + 1 FROM organisation o JOIN tree t ON o.parent_id = t.id) "
		    "SELECT o.* FROM organisation o JOIN tree USING (id) "
		    "ORDER BY tree.depth, o.id");
	return xasprintf("SELECT * FROM %s ORDER BY 1", table);
}
