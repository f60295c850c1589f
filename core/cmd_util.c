/*
 * What the verbs of the record nouns share (cmd_org.c, cmd_person.c,
 * cmd_programme.c, cmd_activity.c, cmd_participation.c, and the listings
 * of cmd_audit.c and cmd_status.c): a query's rows printed as a listing or
 * as one record, and the show and remove verbs of a noun whose records
 * have one key, driven by the struct cmd_record of their entries.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "i18n.h"

/*
 * Runs a query with values bound by types (see db_bindv) and prints its
 * result: every row as a listing under title, or with CMD_RECORD for title
 * the one row as a record (ERR_NOTFOUND, with no message, when there is
 * none).
 */
int
cmd_query(struct ctx *ctx, const char *title, const char *sql, const char *types,
    ...)
{
	struct dbst *st;
	va_list ap;
	int rc;

	if ((rc = db_prepare(ctx, &st, sql)) != 0)
		return rc;
	va_start(ap, types);
	db_bindv(st, types, ap);
	va_end(ap);
	if (title == CMD_RECORD)
		return out_record(ctx, st);
	return out_query(ctx, title, st, NULL);
}

/* NOUN show KEY, for an entry whose .data is a struct cmd_record: the
 * record its show query finds by the key; ERR_NOTFOUND "no TABLE 'KEY'". */
int
cmd_show(struct ctx *ctx, struct args *a)
{
	const struct cmd_record *r = a->cmd->data;
	int rc;

	/* Stored keys are UTF-8: other bytes find nothing, and are not sent
	 * to a PostgreSQL server, which would refuse them as a parameter. */
	rc = !text_valid_utf8(a->pos[0], strlen(a->pos[0])) ? ERR_NOTFOUND :
	    cmd_query(ctx, CMD_RECORD, r->show, "t", a->pos[0]);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no %s '%s'",
		    C_("record", r->table), a->pos[0]);
	return rc;
}

/* Marks a message with a plural form in a table: its two English forms
 * as .one and .many, translated by ngettext() where the count is known. */
#define NP_(s, p)	.one = (s), .many = (p)

/* What a count of rows referring to a record is called, whole with its
 * count: the .noun (and .sep " in ") of the struct cmd_ref tables. */
static const struct ref_phrase {
	const char *noun;
	const char *sep;
	const char *one;
	const char *many;
} ref_phrases[] = {
	{ .noun = "people", NP_("%lld person", "%lld people") },
	{ .noun = "organisations",
	  NP_("%lld organisation", "%lld organisations") },
	{ .noun = "programmes", NP_("%lld programme", "%lld programmes") },
	{ .noun = "programmes", .sep = " in ",
	  NP_("in %lld programme", "in %lld programmes") },
	{ .noun = "activities", NP_("%lld activity", "%lld activities") },
	{ .noun = "participation records",
	  NP_("%lld participation record", "%lld participation records") },
};

/* Appends "N NOUN" of refs r, after sep, translated with its plural form;
 * a noun with no phrase above as it is.  The forms are the literals of
 * ref_phrases, whose conversions msgfmt --check holds to the msgid's. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
ref_count(struct buf *b, const struct cmd_ref *r, bool first, int64_t n)
{
	const struct ref_phrase *ph;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ref_phrases); i++) {
		ph = &ref_phrases[i];
		if (strcmp(ph->noun, r->noun) != 0 || (ph->sep == NULL) !=
		    (r->sep == NULL) || (ph->sep && strcmp(ph->sep, r->sep) != 0))
			continue;
		buf_adds(b, first ? "" : ph->sep ? " " : ", ");
		buf_printf(b, P_(ph->one, ph->many, (unsigned long)n),
		    (long long)n);
		return;
	}
	buf_adds(b, first ? "" : r->sep ? r->sep : ", ");
	buf_printf(b, "%lld %s", (long long)n, r->noun);
}
#pragma GCC diagnostic pop

/*
 * Deletes row id of table unless a count of refs finds rows that refer to
 * it; the refusal names the row by label and lists every count, each
 * after its separator.  cmd_remove's last step, and that of a remove verb
 * whose records have a key of more than one argument (activity).
 */
int
cmd_remove_unused(struct ctx *ctx, const char *table, int64_t id,
    const char *label, const struct cmd_ref *refs)
{
	struct buf b = { 0 };
	char sql[128];
	bool used = false;
	int64_t n;
	size_t i;
	int rc = 0;

	for (i = 0; refs[i].sql; i++) {
		n = 0;
		if ((rc = db_query_int(ctx, &n, refs[i].sql, "i", id)) != 0)
			break;
		ref_count(&b, &refs[i], i == 0, n);
		used = used || n != 0;
	}
	if (rc == 0 && used)
		rc = error_set(ctx, ERR_INVALID,
		    "cannot remove %s: still referenced by %s", label, b.s);
	buf_release(&b);
	if (rc != 0)
		return rc;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?", table);
	return db_exec(ctx, sql, "i", id);
}

/* A record of table named by key as the refusal of its removal names it:
 * "organisation 'MOU'", translated whole. */
static char *
remove_label(const char *table, const char *key)
{
	if (strcmp(table, "organisation") == 0)
		return xasprintf(C_("remove", "organisation '%s'"), key);
	if (strcmp(table, "person") == 0)
		return xasprintf(C_("remove", "person '%s'"), key);
	if (strcmp(table, "programme") == 0)
		return xasprintf(C_("remove", "programme '%s'"), key);
	return xasprintf("%s '%s'", table, key);
}

/* NOUN remove KEY, for an entry whose .data is a struct cmd_record: the
 * row of the key, unless rows refer to it (see cmd_remove_unused). */
int
cmd_remove(struct ctx *ctx, struct args *a)
{
	const struct cmd_record *r = a->cmd->data;
	char *label;
	int64_t id;
	int rc;

	if ((rc = db_lookup_id(ctx, r->table, r->keycol, a->pos[0], r->table, &id)) != 0)
		return rc;
	label = remove_label(r->table, a->pos[0]);
	rc = cmd_remove_unused(ctx, r->table, id, label, r->refs);
	free(label);
	return rc;
}
