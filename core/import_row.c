/*
 * The current row of an import: its values by core column, its errors
 * (shown with file and line, kept as the row's reason for --rejects), the
 * key maps loaded on first use, the statements that add or change one
 * row of orgs, people or programmes, and the check of its area columns
 * by the area's plugin.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "rules.h"

/* Loads a whole table into the map on first use: `cols` are the key, the
 * id and optionally the extra text.  The map is sized from the row count
 * first, so that filling it rehashes nothing. */
static int
map_load(struct import *imp, struct keymap *m, const char *table, const char *cols)
{
	struct buf sql = { 0 };
	struct dbst *st = NULL;
	int64_t n = 0;
	int rc;

	if (m->loaded)
		return 0;
	m->loaded = true;
	buf_printf(&sql, "SELECT count(*) FROM %s", table);
	if ((rc = db_query_int(imp->ctx, &n, sql.s, "")) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT %s FROM %s", cols, table);
	if ((rc = db_prepare(imp->ctx, &st, sql.s)) != 0)
		goto out;
	keymap_reserve(m, (size_t)n);
	while ((rc = dbst_step(st)) == DB_ROW)
		keymap_put(m, dbst_text(st, 0),
		    dbst_int(st, 1), dbst_ncols(st) > 2 ?
		    dbst_text(st, 2) : NULL);
	rc = rc == DB_DONE ? 0 : db_error(imp->ctx, "cannot read keys");
out:
	dbst_finalize(st);
	buf_release(&sql);
	return rc;
}

/* Organisations by code. */
int
imp_load_orgs(struct import *imp)
{
	return map_load(imp, &imp->orgs, "organisation", "code, id");
}

/* People by key. */
int
imp_load_people(struct import *imp)
{
	return map_load(imp, &imp->people, "person", "key, id");
}

/* Programmes by code, with their area. */
int
imp_load_programmes(struct import *imp)
{
	return map_load(imp, &imp->programmes, "programme", "code, id, area");
}

/* Activities by "programme id/code" (a number holds no '/'). */
int
imp_load_activities(struct import *imp)
{
	return map_load(imp, &imp->activities, "activity",
	    "programme_id || '/' || code, id");
}

/* Makes the record of `line`, tidied already (import_tidy), the current
 * row: a row of the reader thread's (rows_piped). */
void
imp_use_row(struct import *imp, char **field, size_t *len, size_t nfields,
    int64_t line)
{
	imp->cur.field = field;
	imp->cur.len = len;
	imp->cur.nfields = nfields;
	imp->cur.line = line;
}

/* Makes the record of `line` the current row, tidied. */
void
imp_set_row(struct import *imp, char **field, size_t *len, size_t nfields, int64_t line)
{
	imp_use_row(imp, field, len, nfields, line);
	import_tidy(imp);
}

/* The value of core column i in the current row; NULL when the column is
 * absent or the cell empty. */
const char *
imp_val(const struct import *imp, int i)
{
	int c = imp->col[i];

	if (c < 0 || imp->cur.len[c] == 0)
		return NULL;
	return imp->cur.field[c];
}

/* True when the header has core column i. */
bool
imp_has(const struct import *imp, int i)
{
	return imp->col[i] >= 0;
}

/* Appends the escape of code point cp for a message: \n, \r, \t, \xNN
 * for another C0 control, \uNNNN for C1, bidirectional and zero-width
 * characters; returns its length in UTF-8. */
static size_t
add_escape(struct buf *b, uint32_t cp)
{
	if (cp == '\n')
		buf_adds(b, "\\n");
	else if (cp == '\r')
		buf_adds(b, "\\r");
	else if (cp == '\t')
		buf_adds(b, "\\t");
	else if (cp < 0x80)
		buf_printf(b, "\\x%02x", (unsigned)cp);
	else
		buf_printf(b, "\\u%04x", (unsigned)cp);
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Appends s[0..n) on one line, with the characters that would hide or
 * reorder text (text_find_hidden) shown as escapes. */
static void
add_escaped(struct buf *b, const char *s, size_t n)
{
	const char *p = s;
	size_t chr, at;
	uint32_t cp;

	while (p < s + n) {
		if (text_find_hidden(p, (size_t)(s + n - p), NULL, &cp, &chr,
		    &at) == TEXT_CLEAN) {
			buf_add(b, p, (size_t)(s + n - p));
			break;
		}
		buf_add(b, p, at - 1);
		p += at - 1;
		p += add_escape(b, cp);
	}
}

/* Appends a value for an error message: shortened and escaped. */
static void
add_shown(struct buf *b, const char *v)
{
	size_t n = strlen(v);

	if (n > VALUE_SHOWN) {
		n = VALUE_SHOWN;
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
	}
	add_escaped(b, v, n);
	if (n < strlen(v))
		buf_adds(b, "...");
}

/* Counts and shows one error of the current row, escaped (add_escaped),
 * and adds it to the row's reason (for --rejects). */
void
imp_emit(struct import *imp, const char *msg)
{
	struct buf e = { 0 };

	add_escaped(&e, msg, strlen(msg));
	buf_adds(&e, "");
	imp->errors++;
	if (imp->errors <= ERRORS_SHOWN) {
		if (imp->progress)
			fputs("\r\033[K", stderr);
		fprintf(stderr, "%s:%lld: %s\n", imp->name, (long long)imp->cur.line, e.s);
	}
	if (imp->reason.len)
		buf_adds(&imp->reason, "; ");
	buf_adds(&imp->reason, e.s);
	buf_release(&e);
	imp->bad = true;
}

/* Reports one error of the current row; `why` is the reason.  In the
 * reader thread the error is kept with the row and shown when the row is
 * stored, so errors keep the order of the file. */
void
imp_report(struct import *imp, const char *col, const char *value, const char *why)
{
	struct buf b = { 0 };

	if (col) {
		buf_printf(&b, _("column '%s': value '"), col);
		add_shown(&b, value ? value : "");
		buf_printf(&b, _("': %s"), i18n_text(why));
	} else {
		buf_adds(&b, i18n_text(why));
	}
	if (imp->defer)
		rowpipe_message(imp->defer, b.s);
	else
		imp_emit(imp, b.s);
	buf_release(&b);
	imp->bad = true;
}

/* Reports the error a check just set in ctx against core column i. */
void
imp_bad(struct import *imp, int i, const char *value)
{
	imp_report(imp, imp->kind->cols[i], value, imp->ctx->errmsg);
	imp->ctx->err = 0;
	imp->ctx->errmsg[0] = '\0';
}

/* A required column's value: reported when empty. */
const char *
imp_need(struct import *imp, int i)
{
	const char *v = imp_val(imp, i);

	if (v == NULL)
		imp_report(imp, imp->kind->cols[i], "", "must not be empty");
	return v;
}

/* Checks a code in core column i (NULL: nothing to check). */
void
imp_code(struct import *imp, int i, const char *what, const char *v)
{
	if (v && check_code(imp->ctx, what, v) != 0)
		imp_bad(imp, i, v);
}

/* Checks free text in core column i (NULL: nothing to check). */
void
imp_text(struct import *imp, int i, const char *what, const char *v)
{
	if (v && check_text(imp->ctx, what, v, false) != 0)
		imp_bad(imp, i, v);
}

/* Checks an enumerated value, giving def when empty. */
const char *
imp_enum(struct import *imp, int i, const char *what, const char *const *allowed,
    const char *def)
{
	const char *v = imp_val(imp, i);

	if (v == NULL)
		return def;
	if (check_enum(imp->ctx, what, v, allowed) != 0)
		imp_bad(imp, i, v);
	return v;
}

/* Normalises a date into out; NULL when empty or bad. */
const char *
imp_date(struct import *imp, int i, const char *what, char out[11])
{
	const char *v = imp_val(imp, i);

	if (v == NULL)
		return NULL;
	if (date_normalise(imp->ctx, what, v, out) != 0) {
		imp_bad(imp, i, v);
		return NULL;
	}
	return out;
}

/* Reports the error a rule returned (rc != 0) against core column i. */
void
imp_check(struct import *imp, int i, const char *value, int rc)
{
	if (rc != 0)
		imp_bad(imp, i, value);
}

/* Resolves an organisation code (0 and no error when empty). */
int
imp_org(struct import *imp, int i, int64_t *id)
{
	const char *v = imp_val(imp, i);
	struct keymap_slot *s;
	int rc;

	*id = 0;
	if (v == NULL)
		return 0;
	if ((rc = imp_load_orgs(imp)) != 0)
		return rc;
	if ((s = keymap_get(&imp->orgs, v)) != NULL)
		*id = s->id;
	else
		imp_report(imp, imp->kind->cols[i], v, "no such organisation");
	return 0;
}

/*
 * Runs the insert (id 0) or the update of row `id` with the values bound
 * to it; counts the row and returns the id of the stored row in *out.
 * The caller has looked the key up, so an insert that meets an existing
 * key is a failure, never a silent skip.
 */
int
imp_store(struct import *imp, int64_t id, int64_t *out)
{
	struct dbst *st = id ? imp->upd : imp->ins;
	int rc;

	*out = id;
	if (id && st == NULL) {
		imp->unchanged++;
		return 0;
	}
	if (id)
		dbst_bind_int(st, dbst_nparams(st), id);
	rc = dbst_step(st);
	dbst_reset(st);
	if (rc != DB_DONE)
		return db_error(imp->ctx, "cannot store");
	if (id == 0 && dbc_changes(imp->ctx->db) == 0) {
		*out = 0;
		return error_set(imp->ctx, ERR_FAIL, "%s:%lld: cannot store the row: its "
		    "key exists but was not found", imp->name, (long long)imp->cur.line);
	} else if (id == 0) {
		*out = dbc_last_id(imp->ctx->db);
		imp->added++;
	} else if (dbc_changes(imp->ctx->db) > 0) {
		imp->updated++;
	} else {
		imp->unchanged++;
	}
	return 0;
}

/*
 * Adds the current row (id 0), or changes stored row id, with the values
 * (types as db_bind's) bound to the insert or the update; a new key goes
 * into the map m with extra.
 */
int
imp_save(struct import *imp, struct keymap *m, const char *key, int64_t id,
    const char *extra, const char *types, ...)
{
	struct dbst *st = id ? imp->upd : imp->ins;
	bool added = id == 0;
	va_list ap;
	int rc;

	if (st != NULL) {
		va_start(ap, types);
		db_bindv(st, types, ap);
		va_end(ap);
	}
	if ((rc = imp_store(imp, id, &id)) == 0 && added)
		keymap_put(m, key, id, extra);
	return rc;
}

/* Appends expression e (or "@") with "@" replaced by parameter ?k. */
static void
add_expr(struct buf *b, const char *e, size_t k)
{
	for (e = e ? e : "@"; *e; e++)
		if (*e == '@')
			buf_printf(b, "?%zu", k);
		else
			buf_addc(b, *e);
}

/*
 * Prepares "INSERT INTO t (c...) VALUES (?1...)" and "UPDATE t SET c = ?k
 * ... WHERE (c...) IS NOT (?k...) AND id = ?N+1" over the columns that
 * are present, so an unchanged row is never rewritten and a column the
 * file lacks is kept.  exprs[i] (NULL: "@") wraps parameter ?(i+1).  The
 * SQL holds our own names only, never user text.
 */
int
imp_prepare_pair(struct import *imp, const char *table, const char *const *cols,
    const char *const *exprs, const bool *present)
{
	struct buf ins = { 0 }, set = { 0 }, a = { 0 }, b = { 0 };
	size_t i, n, nset = 0;
	int rc;

	buf_printf(&ins, "INSERT INTO %s (", table);
	for (n = 0; cols[n]; n++)
		buf_printf(&ins, "%s%s", n ? ", " : "", cols[n]);
	buf_adds(&ins, ") VALUES (");
	for (i = 0; i < n; i++) {
		buf_adds(&ins, i ? ", " : "");
		add_expr(&ins, exprs[i], i + 1);
		if (!present[i])
			continue;
		buf_printf(&set, "%s%s = ", nset ? ", " : "", cols[i]);
		add_expr(&set, exprs[i], i + 1);
		buf_printf(&a, "%s%s", nset ? ", " : "", cols[i]);
		buf_adds(&b, nset ? ", " : "");
		add_expr(&b, exprs[i], i + 1);
		nset++;
	}
	buf_adds(&ins, ") ON CONFLICT DO NOTHING");
	rc = db_prepare(imp->ctx, &imp->ins, ins.s);
	if (rc == 0 && nset > 0) {
		buf_reset(&ins);
		buf_printf(&ins, "UPDATE %s SET %s WHERE (%s) IS NOT (%s) AND id = ?%zu",
		    table, set.s, a.s, b.s, n + 1);
		rc = db_prepare(imp->ctx, &imp->upd, ins.s);
	}
	buf_release(&ins);
	buf_release(&set);
	buf_release(&a);
	buf_release(&b);
	return rc;
}

/* Collects the area columns of the current row as NAME=VALUE. */
static const char *const *
assignments(struct import *imp)
{
	size_t i, n = 0;

	for (i = 0; i < imp->narea; i++) {
		int c = imp->area_col[i];

		free(imp->assign[n]);
		imp->assign[n] = NULL;
		if (imp->cur.len[c] == 0)
			continue;
		imp->assign[n++] = xasprintf("%s=%s", imp->area_names[i],
		    imp->cur.field[c]);
	}
	free(imp->assign[n]);
	imp->assign[n] = NULL;
	return (const char *const *)imp->assign;
}

/*
 * The area fields of the current row merged into old_json, checked by
 * the area's plugin with the core values; *json is NULL after an error,
 * which is reported against the column it concerns when one alone fails.
 */
void
imp_fields(struct import *imp, const char *area, const char *old_json,
    const char *const *core, char **json)
{
	enum integra_record_kind rk = imp->kind->record;
	const char *const *as = assignments(imp);
	const char *one[2] = { NULL, NULL };
	char *j = NULL, why[sizeof(imp->ctx->errmsg)];
	size_t i, k;
	bool found = false;

	*json = NULL;
	if (rules_fields(imp->ctx, rk, area, as, old_json, core, NULL, json) == 0)
		return;
	snprintf(why, sizeof(why), "%s", imp->ctx->errmsg);
	for (i = 0; as[i]; i++) {
		one[0] = as[i];
		if (rules_fields(imp->ctx, rk, area, one, old_json, core, NULL, &j) == 0) {
			free(j);
			continue;
		}
		for (k = 0; k < imp->narea; k++)
			if (strncmp(as[i], imp->area_names[k], strlen(imp->area_names[k])) == 0 &&
			    as[i][strlen(imp->area_names[k])] == '=')
				break;
		/* Blame the column only when the message names it. */
		if (k == imp->narea || strstr(imp->ctx->errmsg, imp->area_names[k]) == NULL)
			continue;
		imp_report(imp, imp->area_names[k], as[i] + strlen(imp->area_names[k]) + 1,
		    imp->ctx->errmsg);
		found = true;
	}
	if (!found)
		imp_report(imp, NULL, NULL, why);
	imp->ctx->err = 0;
}
