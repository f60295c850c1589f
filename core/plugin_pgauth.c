/*
 * PostgreSQL's stand-in for the SQLite authorizer that confines a plugin's
 * exec() to its own tables (plugin_api.c).  The server has no such hook,
 * so the statement is split into tokens (comments, strings, quoted and
 * dollar-quoted text understood) and read before it is prepared: what
 * kind of statement it is, and every table it would write, create, alter
 * or drop, also inside WITH and sub-queries.  Each is put to the same
 * callback, with the authorizer's action codes, so both backends refuse
 * the same statements with the same messages.  A statement other than
 * SELECT, VALUES, WITH, INSERT, UPDATE, DELETE, CREATE TABLE or INDEX,
 * DROP TABLE or INDEX, ALTER TABLE and ANALYZE is refused, and so is a
 * call of a function that changes the session or the server (set_config,
 * setval, pg_*, lo_*, ...), which the authorizer does not need to know.
 */
#include <ctype.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "plugin_pgauth.h"

/* One token: 'w' a word (lower case), 'q' a quoted identifier, 'p' one
 * character of punctuation, 'v' a value (string, number, parameter). */
struct tok {
	char kind;
	char *text;
};

struct pga {
	struct ctx *ctx;
	struct tok *t;
	size_t n;
	size_t i;
	pgauth_fn *fn;
	void *ud;
};

static void
tok_add(struct pga *p, char kind, const char *s, size_t len)
{
	size_t i;

	p->t = xrealloc(p->t, (p->n + 1) * sizeof(*p->t));
	p->t[p->n].kind = kind;
	p->t[p->n].text = xstrndup(s, len);
	if (kind == 'w')
		for (i = 0; i < len; i++)
			p->t[p->n].text[i] = (char)tolower((unsigned char)s[i]);
	p->n++;
}

/* The end of a quoted run starting at s (on its opening quote q); a
 * doubled quote stays inside, and so does \x when escapes is set. */
static const char *
quoted_end(const char *s, char q, bool escapes)
{
	for (s++; *s != '\0'; s++) {
		if (escapes && *s == '\\' && s[1] != '\0')
			s++;
		else if (*s == q && s[1] == q)
			s++;
		else if (*s == q)
			return s + 1;
	}
	return s;
}

/* The end of a comment or dollar-quoted string at s, or NULL if s starts
 * neither. */
static const char *
skip_end(const char *s)
{
	const char *e;
	size_t tag;
	int depth = 0;

	if (s[0] == '-' && s[1] == '-')
		return s + strcspn(s, "\n");
	if (s[0] == '/' && s[1] == '*') {
		for (e = s; *e != '\0'; e++) {
			if (e[0] == '/' && e[1] == '*')
				depth++, e++;
			else if (e[0] == '*' && e[1] == '/' && --depth == 0)
				return e + 2;
			else if (e[0] == '*' && e[1] == '/')
				e++;
		}
		return e;
	}
	if (s[0] != '$' || isdigit((unsigned char)s[1]))
		return NULL;
	for (e = s + 1; isalnum((unsigned char)*e) || *e == '_'; e++)
		;
	if (*e != '$')
		return NULL;
	tag = (size_t)(e - s) + 1;
	for (e++; *e != '\0'; e++)
		if (strncmp(e, s, tag) == 0)
			return e + tag;
	return e;
}

static bool
word_char(char c, bool first)
{
	return isalpha((unsigned char)c) || c == '_' || (c & 0x80) ||
	    (!first && (isdigit((unsigned char)c) || c == '$'));
}

/* Reads the token at s (not a blank) into p->t; returns where it ends.
 * Comments give no token, strings and dollar-quoted text a value. */
static const char *
lex_one(struct pga *p, const char *s)
{
	const char *e;

	if ((e = skip_end(s)) != NULL) {
		if (*s == '$')
			tok_add(p, 'v', s, 1);
		return e;
	}
	if (*s == '\'' || ((*s == 'e' || *s == 'E') && s[1] == '\'')) {
		tok_add(p, 'v', s, 1);
		return *s == '\'' ? quoted_end(s, '\'', false) :
		    quoted_end(s + 1, '\'', true);
	}
	if (*s == '"') {
		e = quoted_end(s, '"', false);
		tok_add(p, 'q', s + 1, (size_t)(e - s - 1) -
		    (e > s + 1 && e[-1] == '"'));
		return e;
	}
	if (word_char(*s, true)) {
		for (e = s + 1; word_char(*e, false); e++)
			;
		tok_add(p, 'w', s, (size_t)(e - s));
		return e;
	}
	if (isdigit((unsigned char)*s) || *s == '?' || *s == '$') {
		for (e = s + 1; isalnum((unsigned char)*e) || *e == '.'; e++)
			;
		tok_add(p, 'v', s, (size_t)(e - s));
		return e;
	}
	tok_add(p, 'p', s, 1);
	return s + 1;
}

/* Splits sql into p->t, up to the end of its first statement. */
static void
lex(struct pga *p, const char *s)
{
	while (*s != '\0' && *s != ';')
		s = isspace((unsigned char)*s) ? s + 1 : lex_one(p, s);
}

static bool
is_word(const struct pga *p, size_t i, const char *w)
{
	return i < p->n && p->t[i].kind == 'w' && strcmp(p->t[i].text, w) == 0;
}

static bool
is_punct(const struct pga *p, size_t i, char c)
{
	return i < p->n && p->t[i].kind == 'p' && p->t[i].text[0] == c;
}

static bool
is_name(const struct pga *p, size_t i)
{
	return i < p->n && (p->t[i].kind == 'w' || p->t[i].kind == 'q');
}

/* Steps over the words given (all of them, or none). */
static bool
accept(struct pga *p, const char *w1, const char *w2, const char *w3)
{
	size_t i = p->i;

	if (!is_word(p, i, w1) || (w2 && !is_word(p, ++i, w2)) ||
	    (w3 && !is_word(p, ++i, w3)))
		return false;
	p->i = i + 1;
	return true;
}

/* Reads [schema.]name at p->i into buf ("" when there is none); a name in
 * the public schema is given without it. */
static void
name_at(struct pga *p, char *buf, size_t size)
{
	const char *schema;

	buf[0] = '\0';
	if (!is_name(p, p->i))
		return;
	if (is_punct(p, p->i + 1, '.') && is_name(p, p->i + 2)) {
		schema = p->t[p->i].text;
		if (strcmp(schema, "public") == 0)
			snprintf(buf, size, "%s", p->t[p->i + 2].text);
		else
			snprintf(buf, size, "%s.%s", schema, p->t[p->i + 2].text);
		p->i += 3;
		return;
	}
	snprintf(buf, size, "%s", p->t[p->i++].text);
}

/* Puts one action to the callback: 0 if allowed, else PGAUTH_DENIED. */
static int
ask(struct pga *p, int op, const char *x, const char *y)
{
	return p->fn(p->ud, op, x && *x ? x : NULL, y && *y ? y : NULL, "main",
	    NULL) == DB_OK ? 0 : PGAUTH_DENIED;
}

/* A refusal of the statement as a whole (the authorizer's default). */
static int
refuse(struct pga *p)
{
	return ask(p, SQLITE_PRAGMA, NULL, NULL);
}

/* Whether a function changes the session, the server or data beyond the
 * statement's tables. */
static bool
unsafe_function(const char *name)
{
	static const char *const exact[] = { "set_config", "setval", "nextval",
	    "ts_stat", "ts_rewrite", "dblink", "dblink_exec" };
	static const char *const prefix[] = { "pg_", "lo_", "dblink_" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(exact); i++)
		if (strcmp(name, exact[i]) == 0)
			return true;
	for (i = 0; i < ARRAY_SIZE(prefix); i++)
		if (strncmp(name, prefix[i], strlen(prefix[i])) == 0)
			return true;
	return strstr(name, "_to_xml") != NULL;
}

/* The table a row change at word i (insert, update, delete, into) would
 * write, put to the callback; 0 for a word that writes nothing there. */
static int
row_target(struct pga *p, size_t i)
{
	const char *w = p->t[i].text;
	const char *prev = i > 0 && p->t[i - 1].kind == 'w' ? p->t[i - 1].text : "";
	char name[128];
	int op;

	p->i = i + 1;
	if (strcmp(w, "insert") == 0 && accept(p, "into", NULL, NULL))
		op = SQLITE_INSERT;
	else if (strcmp(w, "update") == 0 && strcmp(prev, "for") != 0 &&
	    strcmp(prev, "key") != 0 && strcmp(prev, "do") != 0 &&
	    strcmp(prev, "on") != 0)
		op = SQLITE_UPDATE;
	else if (strcmp(w, "delete") == 0 && strcmp(prev, "on") != 0 &&
	    accept(p, "from", NULL, NULL))
		op = SQLITE_DELETE;
	else if (strcmp(w, "into") == 0 && strcmp(prev, "insert") != 0) {
		/* SELECT ... INTO [TABLE] name creates a table */
		if (is_word(p, p->i, "temp") || is_word(p, p->i, "temporary") ||
		    is_word(p, p->i, "unlogged"))
			return refuse(p);
		accept(p, "table", NULL, NULL);
		op = SQLITE_CREATE_TABLE;
	} else if (strcmp(w, "merge") == 0)
		return refuse(p);
	else
		return 0;
	accept(p, "only", NULL, NULL);
	name_at(p, name, sizeof(name));
	return ask(p, op, name, name);
}

/* Every table the tokens from i on write, and every unsafe call. */
static int
scan(struct pga *p, size_t i)
{
	int rc;

	for (; i < p->n; i++) {
		if (p->t[i].kind == 'w' && (rc = row_target(p, i)) != 0)
			return rc;
		if (is_name(p, i) && is_punct(p, i + 1, '(') &&
		    unsafe_function(p->t[i].text))
			return refuse(p);
	}
	return 0;
}

/* The table an index belongs to; the index's own name when none is found. */
static int
index_table(struct pga *p, const char *index, char *buf, size_t size)
{
	struct dbst *st;
	int rc, step;

	snprintf(buf, size, "%s", index);
	if ((rc = db_prepare(p->ctx, &st, "SELECT tablename FROM pg_indexes "
	    "WHERE schemaname = current_schema() AND indexname = ?")) != 0)
		return rc;
	dbst_bind_text(st, 1, index, -1);
	if ((step = dbst_step(st)) == DB_ROW && dbst_text(st, 0))
		snprintf(buf, size, "%s", dbst_text(st, 0));
	else if (step != DB_DONE)
		rc = db_error(p->ctx, "cannot find the table of an index");
	dbst_finalize(st);
	return rc;
}

/* CREATE TABLE name ... | CREATE [UNIQUE] INDEX [name] ON table ... */
static int
check_create(struct pga *p)
{
	char name[128], table[128];
	int rc;

	if (accept(p, "table", NULL, NULL)) {
		accept(p, "if", "not", "exists");
		name_at(p, name, sizeof(name));
		if ((rc = ask(p, SQLITE_CREATE_TABLE, name, name)) != 0)
			return rc;
		return scan(p, p->i);
	}
	accept(p, "unique", NULL, NULL);
	if (!accept(p, "index", NULL, NULL))
		return refuse(p);
	accept(p, "concurrently", NULL, NULL);
	accept(p, "if", "not", "exists");
	name[0] = '\0';
	if (!is_word(p, p->i, "on"))
		name_at(p, name, sizeof(name));
	if (!accept(p, "on", NULL, NULL))
		return refuse(p);
	accept(p, "only", NULL, NULL);
	name_at(p, table, sizeof(table));
	if ((rc = ask(p, SQLITE_CREATE_INDEX, name, table)) != 0)
		return rc;
	return scan(p, p->i);
}

/* DROP TABLE|INDEX [IF EXISTS] name [, name...] */
static int
check_drop(struct pga *p)
{
	char name[128], table[128];
	bool index;
	int rc;

	if (!(index = accept(p, "index", NULL, NULL)) &&
	    !accept(p, "table", NULL, NULL))
		return refuse(p);
	if (index)
		accept(p, "concurrently", NULL, NULL);
	accept(p, "if", "exists", NULL);
	do {
		name_at(p, name, sizeof(name));
		if (!index)
			rc = ask(p, SQLITE_DROP_TABLE, name, NULL);
		else if ((rc = index_table(p, name, table, sizeof(table))) == 0)
			rc = ask(p, SQLITE_DROP_INDEX, name, table);
		if (rc != 0)
			return rc;
	} while (is_punct(p, p->i, ',') && ++p->i);
	return 0;
}

/* The statement's kind from its first words, then what it changes. */
static int
check_statement(struct pga *p)
{
	static const char *const dml[] = { "select", "values", "with", "insert",
	    "update", "delete", "table" };
	char name[128];
	size_t i;

	if (p->n == 0)
		return 0;	/* nothing to run: the prepare says so */
	for (i = 0; i < ARRAY_SIZE(dml); i++)
		if (is_word(p, 0, dml[i]))
			return scan(p, 0);
	p->i = 1;
	if (is_word(p, 0, "create"))
		return check_create(p);
	if (is_word(p, 0, "drop"))
		return check_drop(p);
	if (is_word(p, 0, "alter") && accept(p, "table", NULL, NULL)) {
		accept(p, "if", "exists", NULL);
		accept(p, "only", NULL, NULL);
		name_at(p, name, sizeof(name));
		return ask(p, SQLITE_ALTER_TABLE, "main", name);
	}
	if (is_word(p, 0, "analyze") || is_word(p, 0, "analyse")) {
		accept(p, "verbose", NULL, NULL);
		name_at(p, name, sizeof(name));
		return ask(p, SQLITE_ANALYZE, name, NULL);
	}
	return refuse(p);
}

int
pgauth_check(struct ctx *ctx, const char *sql, pgauth_fn *fn, void *ud)
{
	struct pga p = { .ctx = ctx, .fn = fn, .ud = ud };
	size_t i;
	int rc;

	lex(&p, sql);
	rc = check_statement(&p);
	for (i = 0; i < p.n; i++)
		free(p.t[i].text);
	free(p.t);
	return rc;
}
