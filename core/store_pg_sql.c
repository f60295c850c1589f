/*
 * The portable SQL of integra (SQLite's syntax as the core and the plugins
 * write it) turned into PostgreSQL's, one statement at a time: "?" and
 * "?NNN" become "$1", "$NNN" as SQLite would number them, ":name" and
 * "@name" take a number at their first use, as in SQLite, and a few
 * statements SQLite spells its own way are rewritten (stmt_rewrites), as
 * are the type names of a table's columns (ddl_type).
 * Nothing inside quotes, comments or dollar quotes is touched.  Function
 * calls are left alone: the server has the functions integra's SQL calls
 * (core/schema_pg.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store_pg_sql.h"
#include "integra.h"

enum tok_kind {
	T_SPACE,		/* white space or a comment */
	T_QUOTED,		/* '...', "...", `...`, or $tag$...$tag$ */
	T_WORD,			/* a keyword, an identifier or a number */
	T_PARAM,		/* ?, ?NNN, :name, @name */
	T_SEMI,
	T_OTHER
};

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t n;
};

/* Statements SQLite spells its own way, by their first two words. */
static const struct {
	const char *w1, *w2, *to;
} stmt_rewrites[] = {
	{ .w1 = "BEGIN", .w2 = "IMMEDIATE", .to = "BEGIN" },
	{ .w1 = "BEGIN", .w2 = "EXCLUSIVE", .to = "BEGIN" },
	{ .w1 = "BEGIN", .w2 = "DEFERRED", .to = "BEGIN" },
};

/* Words that start a statement that only reads. */
static const char *const read_words[] = {
	"SELECT", "VALUES", "EXPLAIN", "WITH", "TABLE", "SHOW"
};

/* Words that make such a statement write after all (a WITH holding an
 * INSERT, SELECT ... INTO a new table, EXPLAIN ANALYZE DELETE). */
static const char *const write_words[] = {
	"INSERT", "UPDATE", "DELETE", "MERGE", "INTO", "CREATE", "DROP",
	"ALTER", "TRUNCATE", "COPY", "GRANT", "REVOKE"
};

/* Whether c may start a word (a keyword, an identifier). */
static bool
is_word_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

/* Whether c may continue a word. */
static bool
is_word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* The length of a quoted string or identifier starting at s (its quote
 * doubled inside stands for itself); to the end when unterminated. */
static size_t
lex_quoted(const char *s, const char *e)
{
	const char *p;

	for (p = s + 1; p < e; p++)
		if (*p == *s) {
			if (p + 1 < e && p[1] == *s)
				p++;
			else
				return (size_t)(p + 1 - s);
		}
	return (size_t)(e - s);
}

/* The length of a comment at s (block comments nest, as the server's
 * do), or 0 when s starts none. */
static size_t
lex_comment(const char *s, const char *e)
{
	const char *p;
	int depth = 0;

	if (s + 1 < e && s[0] == '-' && s[1] == '-') {
		for (p = s; p < e && *p != '\n'; p++)
			;
		return (size_t)(p - s);
	}
	if (!(s + 1 < e && s[0] == '/' && s[1] == '*'))
		return 0;
	for (p = s; p + 1 < e; p++) {
		if (p[0] == '/' && p[1] == '*') {
			depth++;
			p++;
		} else if (p[0] == '*' && p[1] == '/') {
			p++;
			if (--depth == 0)
				return (size_t)(p + 1 - s);
		}
	}
	return (size_t)(e - s);
}

/* The length of a dollar quote $tag$...$tag$ at s, or 0 when s starts
 * none ("$1" is a parameter of PostgreSQL's, not a quote). */
static size_t
lex_dollar(const char *s, const char *e)
{
	const char *p = s + 1, *q;
	size_t tag;

	if (p < e && is_word_start((unsigned char)*p))
		while (p < e && is_word_char((unsigned char)*p) && *p != '$')
			p++;
	if (p >= e || *p != '$')
		return 0;
	tag = (size_t)(p + 1 - s);
	for (q = p + 1; q + tag <= e; q++)
		if (memcmp(q, s, tag) == 0)
			return (size_t)(q + tag - s);
	return (size_t)(e - s);
}

/* The parameter at s, or 0 when s starts none ("::" is a cast). */
static size_t
lex_param(const char *s, const char *e)
{
	const char *p = s + 1;

	if (*s == '?') {
		while (p < e && isdigit((unsigned char)*p))
			p++;
		return (size_t)(p - s);
	}
	if ((*s != ':' && *s != '@') || p >= e || !is_word_start((unsigned char)*p))
		return 0;
	while (p < e && is_word_char((unsigned char)*p) && *p != '$')
		p++;
	return (size_t)(p - s);
}

/* The lexical element at s (s < e). */
static struct tok
lex(const char *s, const char *e)
{
	struct tok t = { .kind = T_OTHER, .s = s, .n = 1 };
	const char *p = s;

	if (isspace((unsigned char)*s)) {
		while (p < e && isspace((unsigned char)*p))
			p++;
		t.kind = T_SPACE;
		t.n = (size_t)(p - s);
	} else if ((t.n = lex_comment(s, e)) != 0) {
		t.kind = T_SPACE;
	} else if (*s == '\'' || *s == '"' || *s == '`') {
		t.kind = T_QUOTED;
		t.n = lex_quoted(s, e);
	} else if (*s == '$' && (t.n = lex_dollar(s, e)) != 0) {
		t.kind = T_QUOTED;
	} else if ((t.n = lex_param(s, e)) != 0) {
		t.kind = T_PARAM;
	} else if (is_word_start((unsigned char)*s) || isdigit((unsigned char)*s)) {
		while (p < e && (is_word_char((unsigned char)*p) || *p == '.'))
			p++;
		t.kind = T_WORD;
		t.n = (size_t)(p - s);
	} else {
		t.kind = *s == ';' ? T_SEMI : T_OTHER;
		t.n = s + 1 < e && s[0] == ':' && s[1] == ':' ? 2 : 1;
	}
	return t;
}

/* Where the first statement of sql ends (store_pg_sql.h). */
const char *
pgsql_stmt_end(const char *sql)
{
	const char *e = sql + strlen(sql);
	struct tok t;

	while (sql < e) {
		t = lex(sql, e);
		sql += t.n;
		if (t.kind == T_SEMI)
			break;
	}
	return sql;
}

/* Whether sql[0..n) holds no statement. */
bool
pgsql_empty(const char *sql, size_t n)
{
	const char *e = sql + n;
	struct tok t;

	for (; sql < e; sql += t.n)
		if ((t = lex(sql, e)).kind != T_SPACE && t.kind != T_SEMI)
			return false;
	return true;
}

/* Whether t is the word w, in any case. */
static bool
word_is(const struct tok *t, const char *w)
{
	return t->kind == T_WORD && strlen(w) == t->n &&
	    strncasecmp(t->s, w, t->n) == 0;
}

/* Whether t is one of the n words. */
static bool
word_in(const struct tok *t, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (word_is(t, words[i]))
			return true;
	return false;
}

/* The tokens of sql[0..n) that are not white space, at most max. */
static size_t
words(const char *sql, size_t n, struct tok *w, size_t max)
{
	const char *e = sql + n;
	size_t k = 0;
	struct tok t;

	for (; sql < e && k < max; sql += t.n)
		if ((t = lex(sql, e)).kind != T_SPACE)
			w[k++] = t;
	return k;
}

/* The number a parameter takes, SQLite's way: "?NNN" is NNN, "?" one more
 * than the largest so far, a name its number at its first use. */
static int
param_number(struct pgsql *out, const struct tok *t, size_t *cap)
{
	char *name = t->n > 1 ? xstrndup(t->s, t->n) : NULL;
	int k, i;

	if (name && name[0] != '?') {
		for (i = 1; i <= out->nparams; i++)
			if (out->names[i] && strcmp(out->names[i], name) == 0) {
				free(name);
				return i;
			}
	}
	k = name && name[0] == '?' ? atoi(name + 1) : out->nparams + 1;
	if (k < 1 || k > 32766)
		k = out->nparams + 1;
	while ((size_t)k >= *cap) {
		out->names = xrealloc(out->names, *cap * 2 * sizeof(char *));
		memset(out->names + *cap, 0, *cap * sizeof(char *));
		*cap *= 2;
	}
	free(out->names[k]);
	out->names[k] = name;
	if (k > out->nparams)
		out->nparams = k;
	return k;
}

/* How the statement starts: a rewrite of stmt_rewrites (the length of
 * sql it replaces, comments before it included, in *skip), whether it
 * only reads, and the table of an INSERT. */
static const char *
classify(const char *sql, size_t n, struct pgsql *out, size_t *skip)
{
	struct tok w[8];
	size_t k = words(sql, n, w, 8), i;
	const char *e = sql + n, *start = sql;
	struct tok t;

	*skip = 0;
	out->readonly = k > 0 && word_in(&w[0], read_words, ARRAY_SIZE(read_words));
	for (; out->readonly && sql < e; sql += t.n) {
		t = lex(sql, e);
		if (word_in(&t, write_words, ARRAY_SIZE(write_words)))
			out->readonly = false;
	}
	for (i = 0; k >= 3 && word_is(&w[0], "INSERT") && i + 1 < k; i++)
		if (word_is(&w[i], "INTO") && w[i + 1].kind != T_OTHER) {
			out->insert_table = xstrndup(w[i + 1].s, w[i + 1].n);
			break;
		}
	for (i = 0; k >= 2 && i < ARRAY_SIZE(stmt_rewrites); i++)
		if (word_is(&w[0], stmt_rewrites[i].w1) &&
		    word_is(&w[1], stmt_rewrites[i].w2)) {
			*skip = (size_t)(w[1].s + w[1].n - start);
			return stmt_rewrites[i].to;
		}
	return NULL;
}

/* A parameter written in the translation: where, and whether it is
 * tested with IS [NOT] NULL there. */
struct occ {
	size_t at, len;
	int k;
	bool null_test;
	bool loose;		/* an argument of a function of untyped_args */
};

/* Functions whose arguments the server cannot type a parameter from
 * (VARIADIC "any"): a parameter used only there takes the type of the
 * value bound to it (PGSQL_BIND_OID). */
static const char *const untyped_args[] = {
	"json_object", "json_array", "json_build_object", "json_build_array",
	"printf", "format", "concat", "concat_ws"
};

/* The next token of sql[0..e) that is not white space. */
static struct tok
next_word(const char *sql, const char *e)
{
	struct tok t = { .kind = T_SPACE, .s = e, .n = 0 };

	while (sql < e && (t = lex(sql, e)).kind == T_SPACE)
		sql += t.n;
	return sql < e ? t : (struct tok){ .kind = T_SPACE, .s = e, .n = 0 };
}

/* Whether the statement sql[0..n) declares columns: CREATE [TEMP]
 * TABLE or ALTER TABLE, whose SQLite type names are the server's
 * (ddl_type). */
static bool
declares_columns(const char *sql, size_t n)
{
	struct tok w[3];
	size_t k = words(sql, n, w, 3);

	if (k >= 2 && word_is(&w[0], "ALTER"))
		return word_is(&w[1], "TABLE");
	if (k < 2 || !word_is(&w[0], "CREATE"))
		return false;
	return word_is(&w[1], "TABLE") || (k == 3 && word_is(&w[2], "TABLE") &&
	    (word_is(&w[1], "TEMP") || word_is(&w[1], "TEMPORARY")));
}

/* In a column declaration, SQLite's type word t (sql: what follows it)
 * as the server spells it, or NULL to keep it: an INTEGER PRIMARY KEY is
 * SQLite's row id, numbered by the table itself, so an identity there;
 * INTEGER is 64 bits in SQLite (bigint); REAL is 8 bytes (a server real
 * has 4); AUTOINCREMENT is what an identity does anyway. */
static const char *
ddl_type(const struct tok *t, const char *sql, const char *e)
{
	struct tok a, b;

	if (word_is(t, "INTEGER")) {
		a = next_word(sql, e);
		b = next_word(a.s + a.n, e);
		if (word_is(&a, "PRIMARY") && word_is(&b, "KEY"))
			return "bigint GENERATED BY DEFAULT AS IDENTITY";
		return "bigint";
	}
	if (word_is(t, "REAL"))
		return "double precision";
	if (word_is(t, "BLOB"))
		return "bytea";
	if (word_is(t, "AUTOINCREMENT"))
		return "";
	return NULL;
}

/* Whether sql (just after a parameter) reads IS NULL or IS NOT NULL. */
static bool
is_null_test(const char *sql, const char *e)
{
	struct tok t = next_word(sql, e);

	if (!word_is(&t, "IS"))
		return false;
	t = next_word(t.s + t.n, e);
	if (word_is(&t, "NOT"))
		t = next_word(t.s + t.n, e);
	return word_is(&t, "NULL");
}

/*
 * The server cannot type a parameter from "$1 IS NULL" or from an
 * argument of json_object() (untyped_args), and refuses "$1 IS NULL OR
 * kind = $1" (SQLite has no types to infer).  Each such use of a
 * parameter used elsewhere too becomes a server parameter of its own that
 * takes the same value (param_of): declared text for a NULL test, typed
 * by the value bound for an argument.  A parameter used only in such
 * places is typed so too; one not used at all is declared text.
 */
static void
split_null_tests(struct pgsql *out, struct buf *b, const struct occ *o,
    size_t nocc)
{
	bool *plain = xcalloc((size_t)out->nparams + 1, sizeof(bool));
	bool *loose = xcalloc((size_t)out->nparams + 1, sizeof(bool));
	size_t i, max = (size_t)out->nparams + nocc, pos = 0;
	struct buf nb = { 0 };

	for (i = 0; i < nocc; i++)
		if (o[i].loose)
			loose[o[i].k] = true;
		else if (!o[i].null_test)
			plain[o[i].k] = true;
	out->param_of = xcalloc(max + 1, sizeof(int));
	out->types = xcalloc(max + 1, sizeof(unsigned));
	for (i = 0; i < (size_t)out->nparams; i++) {
		out->param_of[i] = (int)i + 1;
		out->types[i] = plain[i + 1] ? 0 : loose[i + 1] ? PGSQL_BIND_OID :
		    PGSQL_TEXT_OID;
	}
	out->nserver = out->nparams;
	for (i = 0; i < nocc; i++) {
		if (o[i].loose ? !plain[o[i].k] : !o[i].null_test ||
		    (!plain[o[i].k] && !loose[o[i].k]))
			continue;
		buf_add(&nb, b->s + pos, o[i].at - pos);
		buf_printf(&nb, "$%d", out->nserver + 1);
		out->param_of[out->nserver] = o[i].k;
		out->types[out->nserver++] = o[i].loose ? PGSQL_BIND_OID :
		    PGSQL_TEXT_OID;
		pos = o[i].at + o[i].len;
	}
	if (nb.s) {
		buf_add(&nb, b->s + pos, b->len - pos);
		buf_release(b);
		*b = nb;
	}
	free(plain);
	free(loose);
}

/* What may follow IS (or IS NOT) on the server as in SQLite: anything
 * else is SQLite's null-safe comparison "a IS b", "a IS NOT b". */
static const char *const is_operands[] = {
	"NULL", "TRUE", "FALSE", "UNKNOWN", "NOT", "DISTINCT", "OF", "JSON",
	"DOCUMENT", "NORMALIZED"
};

/* At the word IS of sql: SQLite's "IS b" and "IS NOT b" as the server
 * spells them (IS NOT DISTINCT FROM, IS DISTINCT FROM), the length of sql
 * they replace in *used; NULL when sql needs no rewrite. */
static const char *
is_rewrite(const char *sql, const char *e, size_t *used)
{
	struct tok is = lex(sql, e), a, b;

	if (!word_is(&is, "IS"))
		return NULL;
	a = next_word(sql + is.n, e);
	if (!word_is(&a, "NOT")) {
		if (a.n == 0 || word_in(&a, is_operands, ARRAY_SIZE(is_operands)))
			return NULL;
		*used = is.n;
		return "IS NOT DISTINCT FROM";
	}
	b = next_word(a.s + a.n, e);
	if (b.n == 0 || word_in(&b, is_operands, ARRAY_SIZE(is_operands)))
		return NULL;
	*used = (size_t)(a.s + a.n - sql);
	return "IS DISTINCT FROM";
}

#define CALLS_MAX 32

/* The parentheses open at a point of the SQL: for each, whether it holds
 * the arguments of a function of untyped_args. */
struct calls {
	int depth;
	bool loose[CALLS_MAX];
	bool next_loose;	/* the last word names such a function */
};

/* Follows the parentheses through token t (rest: the SQL after it). */
static void
calls_note(struct calls *c, const struct tok *t, const char *rest,
    const char *e)
{
	bool fn = c->next_loose;

	c->next_loose = false;
	if (t->kind == T_WORD) {
		c->next_loose = word_in(t, untyped_args, ARRAY_SIZE(untyped_args)) &&
		    rest < e && *rest == '(';
	} else if (t->kind == T_OTHER && *t->s == '(') {
		if (c->depth < CALLS_MAX)
			c->loose[c->depth] = fn;
		c->depth++;
	} else if (t->kind == T_OTHER && *t->s == ')' && c->depth > 0) {
		c->depth--;
	}
}

/* Translates the statement sql[0..n) into *out (store_pg_sql.h). */
void
pgsql_translate(const char *sql, size_t n, struct pgsql *out)
{
	struct buf b = { 0 };
	const char *e = sql + n, *to;
	size_t cap = 8, skip, nocc = 0;
	struct calls calls = { .depth = 0 };
	struct occ *o = xcalloc(n + 1, sizeof(*o));
	struct tok t;
	bool ddl = declares_columns(sql, n);

	memset(out, 0, sizeof(*out));
	out->names = xcalloc(cap, sizeof(char *));
	while (sql < e && isspace((unsigned char)*sql))
		sql++;
	if ((to = classify(sql, (size_t)(e - sql), out, &skip)) != NULL) {
		buf_adds(&b, to);
		sql += skip;
	}
	for (; sql < e; sql += t.n) {
		t = lex(sql, e);
		calls_note(&calls, &t, sql + t.n, e);
		if (t.kind == T_WORD && (to = is_rewrite(sql, e, &t.n)) != NULL) {
			buf_adds(&b, to);
			continue;
		}
		if (ddl && t.kind == T_WORD &&
		    (to = ddl_type(&t, sql + t.n, e)) != NULL) {
			buf_adds(&b, to);
			continue;
		}
		if (t.kind != T_PARAM) {
			buf_add(&b, t.s, t.n);
			continue;
		}
		o[nocc].at = b.len;
		o[nocc].k = param_number(out, &t, &cap);
		o[nocc].null_test = is_null_test(sql + t.n, e);
		o[nocc].loose = calls.depth > 0 && calls.depth <= CALLS_MAX &&
		    calls.loose[calls.depth - 1];
		buf_printf(&b, "$%d", o[nocc].k);
		o[nocc].len = b.len - o[nocc].at;
		nocc++;
	}
	split_null_tests(out, &b, o, nocc);
	free(o);
	out->sql = b.s ? b.s : xstrdup("");
}

/* sql without its PRAGMA statements (SQLite's own settings, which have no
 * counterpart on the server), or NULL when it has none. */
char *
pgsql_strip_pragmas(const char *sql)
{
	struct buf b = { 0 };
	const char *end;
	struct tok w[1];
	bool found = false;

	for (; *sql; sql = end) {
		end = pgsql_stmt_end(sql);
		if (words(sql, (size_t)(end - sql), w, 1) == 1 &&
		    word_is(&w[0], "PRAGMA"))
			found = true;
		else
			buf_add(&b, sql, (size_t)(end - sql));
	}
	if (!found) {
		buf_release(&b);
		return NULL;
	}
	return b.s ? b.s : xstrdup("");
}

/* Frees what a translation holds. */
void
pgsql_free(struct pgsql *t)
{
	int i;

	for (i = 0; t->names && i <= t->nparams; i++)
		free(t->names[i]);
	free(t->names);
	free(t->param_of);
	free(t->types);
	free(t->sql);
	free(t->insert_table);
	memset(t, 0, sizeof(*t));
}
