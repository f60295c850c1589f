/*
 * The statement a plugin's exec() runs on PostgreSQL, classified from
 * its first words as SQLite's authorizer would report it: INSERT [OR x]
 * INTO t, UPDATE [OR x] t, DELETE FROM t, CREATE [TEMP] TABLE [IF NOT
 * EXISTS] t, CREATE [UNIQUE] INDEX [IF NOT EXISTS] i ON t, DROP TABLE or
 * INDEX [IF EXISTS] n, ALTER TABLE t, and reads (SELECT, VALUES, a WITH
 * that changes nothing).  Names are unquoted, a schema's qualification
 * dropped, unquoted names folded to lower case as the server does.
 */
#include <ctype.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <string.h>

#include "plugin_auth_pg.h"

/* A reader of the statement's words. */
struct words {
	const char *s;
};

/* Skips white space and comments. */
static void
skip(struct words *w)
{
	for (;;) {
		while (isspace((unsigned char)*w->s))
			w->s++;
		if (w->s[0] == '-' && w->s[1] == '-')
			w->s += strcspn(w->s, "\n");
		else if (w->s[0] == '/' && w->s[1] == '*' && strstr(w->s + 2, "*/"))
			w->s = strstr(w->s + 2, "*/") + 2;
		else
			return;
	}
}

/* Reads one name part (quoted or not) into out; false when none. */
static bool
part(struct words *w, char *out, size_t size)
{
	size_t n = 0;

	if (*w->s == '"') {
		for (w->s++; *w->s && !(w->s[0] == '"' && w->s[1] != '"'); w->s++) {
			if (*w->s == '"')
				w->s++;
			if (n + 1 < size)
				out[n++] = *w->s;
		}
		if (*w->s == '"')
			w->s++;
	} else {
		for (; isalnum((unsigned char)*w->s) || *w->s == '_' ||
		    *w->s == '$' || (unsigned char)*w->s >= 0x80; w->s++)
			if (n + 1 < size)
				out[n++] = (char)tolower((unsigned char)*w->s);
	}
	out[n] = '\0';
	return n > 0;
}

/* The next word or name (its last part when qualified) into out, or
 * the next character of punctuation; "" at the end. */
static void
word(struct words *w, char *out, size_t size)
{
	skip(w);
	out[0] = '\0';
	if (*w->s == '\0')
		return;
	if (!part(w, out, size)) {
		out[0] = *w->s++;
		out[1] = '\0';
		return;
	}
	while (*w->s == '.') {
		w->s++;
		part(w, out, size);
	}
}

/* Reads the next word; true when it is kw (lower case). */
static bool
next_is(struct words *w, const char *kw)
{
	const char *at = w->s;
	char buf[PG_AUTH_NAME];

	word(w, buf, sizeof(buf));
	if (strcmp(buf, kw) == 0)
		return true;
	w->s = at;
	return false;
}

/* Skips IF [NOT] EXISTS, then reads a name into out. */
static void
name_after_if(struct words *w, char *out)
{
	if (next_is(w, "if")) {
		next_is(w, "not");
		next_is(w, "exists");
	}
	word(w, out, PG_AUTH_NAME);
}

/* Whether the rest of the statement holds a word that changes rows. */
static bool
writes(struct words *w)
{
	char buf[PG_AUTH_NAME];

	for (;;) {
		word(w, buf, sizeof(buf));
		if (buf[0] == '\0' || strcmp(buf, ";") == 0)
			return false;
		if (buf[0] == '\'') {
			while (*w->s && *w->s != '\'')
				w->s++;
			if (*w->s)
				w->s++;
			continue;
		}
		if (strcmp(buf, "insert") == 0 || strcmp(buf, "update") == 0 ||
		    strcmp(buf, "delete") == 0 || strcmp(buf, "merge") == 0)
			return true;
	}
}

/* CREATE ...: a table or an index. */
static void
read_create(struct words *w, struct pg_auth_stmt *o)
{
	if (!next_is(w, "temp"))
		next_is(w, "temporary");
	if (next_is(w, "table")) {
		o->op = SQLITE_CREATE_TABLE;
		name_after_if(w, o->x);
		return;
	}
	next_is(w, "unique");
	if (!next_is(w, "index"))
		return;
	o->op = SQLITE_CREATE_INDEX;
	name_after_if(w, o->x);
	if (next_is(w, "on")) {
		next_is(w, "only");
		word(w, o->y, sizeof(o->y));
	}
}

/* The statement's action after its first word (lower case) kw. */
static void
read_rest(struct words *w, const char *kw, struct pg_auth_stmt *o)
{
	char buf[PG_AUTH_NAME];

	if (strcmp(kw, "insert") == 0 || strcmp(kw, "replace") == 0) {
		if (next_is(w, "or"))
			word(w, buf, sizeof(buf));
		if (next_is(w, "into") && (o->op = SQLITE_INSERT))
			word(w, o->x, sizeof(o->x));
	} else if (strcmp(kw, "update") == 0) {
		if (next_is(w, "or"))
			word(w, buf, sizeof(buf));
		o->op = SQLITE_UPDATE;
		word(w, o->x, sizeof(o->x));
	} else if (strcmp(kw, "delete") == 0) {
		if (next_is(w, "from") && (o->op = SQLITE_DELETE))
			word(w, o->x, sizeof(o->x));
	} else if (strcmp(kw, "create") == 0) {
		read_create(w, o);
	} else if (strcmp(kw, "drop") == 0) {
		o->op = next_is(w, "table") ? SQLITE_DROP_TABLE :
		    next_is(w, "index") ? SQLITE_DROP_INDEX : 0;
		if (o->op)
			name_after_if(w, o->x);
	} else if (strcmp(kw, "alter") == 0) {
		if (next_is(w, "table") && (o->op = SQLITE_ALTER_TABLE))
			name_after_if(w, o->y);
	} else if (strcmp(kw, "select") == 0 || strcmp(kw, "values") == 0 ||
	    strcmp(kw, "with") == 0) {
		o->op = writes(w) ? 0 : SQLITE_SELECT;
	}
}

/* The first statement of sql, classified (see plugin_auth_pg.h). */
void
plugin_auth_pg_read(const char *sql, struct pg_auth_stmt *out)
{
	struct words w = { .s = sql };
	char kw[PG_AUTH_NAME];

	memset(out, 0, sizeof(*out));
	word(&w, kw, sizeof(kw));
	while (strcmp(kw, "(") == 0)
		word(&w, kw, sizeof(kw));
	read_rest(&w, kw, out);
}
