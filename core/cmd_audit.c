/*
 * integra audit: the append-only log of every change, written by the
 * schema's triggers, shown oldest first (newest last), narrowed by date,
 * by one record (KIND:KEY) and to the last N entries.  In the human
 * formats each change is one line that fits in 100 columns: the local
 * time, who, the record, and which fields changed from what to what
 * (shortened with "…"); --full, csv and json give every column as
 * stored (the time in UTC, the command line, old and new as JSON).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "i18n.h"

const struct optdef cmd_audit_opts[] = {
	{ .name = "since", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("only changes on or after DATE") },
	{ .name = "entity", .shortname = 'e', .flags = OPT_ARG, .arg = "KIND:KEY",
	  .help = N_("only changes of one record: organisation "
	  "(or org), person, programme, activity or participation, and its key") },
	{ .name = "limit", .shortname = 'n', .flags = OPT_ARG, .arg = "N",
	  .help = N_("only the last N changes") },
	{ .name = "full", .help = N_("every column as stored: UTC time, command "
	  "line, old and new values as JSON") },
	{ 0 }
};

/* The widest the columns of the summary may be: a line fits in
 * AUDIT_LINE columns, the change gets what the others leave. */
enum { AUDIT_LINE = 100, AUDIT_WHEN = 16, AUDIT_WHO = 10, AUDIT_RECORD = 28 };

/* The rows of the audit: the filters are ?1 since, ?2 kind, ?3 key, ?4
 * limit. */
#define AUDIT_ROWS \
	"SELECT * FROM audit WHERE (?1 IS NULL OR at >= ?1) " \
	"AND (?2 IS NULL OR entity = ?2) " \
	"AND (?3 IS NULL OR entity_key = ?3 " \
	"OR substr(entity_key, 1, length(?3) + 1) = ?3 || '/') " \
	"ORDER BY id DESC LIMIT ?4"

/* One line per change: the local time, who, the record, the action, and
 * the old and new values (JSON) for the fields to be compared. */
static const char audit_summary_sql[] =
    "SELECT strftime('%Y-%m-%d %H:%M', at, 'localtime'), os_user, "
    "entity || ' ' || entity_key, action, old, new "
    "FROM (" AUDIT_ROWS ") a ORDER BY id";

/* The fields of a change that differ, ?1 the new values and ?2 the old
 * (either may be NULL): name, old value, new value (NULL when absent),
 * in the order of the new JSON, then the removed ones in the order of the
 * old (a key's place in the text: PostgreSQL's join keeps no order). */
static const char audit_fields_sql[] =
    "SELECT key, ov, nv FROM (SELECT 1 AS part, "
    "instr(?1, '\"' || n.key || '\":') AS at, n.key, o.value AS ov, n.value AS nv "
    "FROM json_each(?1) n LEFT JOIN json_each(?2) o ON o.key = n.key "
    "WHERE o.value IS DISTINCT FROM n.value AND (?2 IS NOT NULL OR n.value IS NOT NULL) "
    "UNION ALL SELECT 2, instr(?2, '\"' || o.key || '\":'), o.key, o.value, NULL "
    "FROM json_each(?2) o "
    "WHERE o.key NOT IN (SELECT key FROM json_each(?1)) AND o.value IS NOT NULL) f "
    "ORDER BY part, at";

/* The widest who and record among the rows (in characters). */
static const char audit_widths_sql[] =
    "SELECT coalesce(max(length(os_user)), 0), "
    "coalesce(max(length(entity || ' ' || entity_key)), 0) FROM (" AUDIT_ROWS ") a";

static const struct integra_column audit_columns[] = {
	{ .name = "when", .type = INTEGRA_TEXT, .label = N_("when") },
	{ .name = "who", .type = INTEGRA_TEXT, .label = N_("who") },
	{ .name = "record", .type = INTEGRA_TEXT, .label = N_("record") },
	{ .name = "change", .type = INTEGRA_TEXT, .label = N_("change") },
};

static const char *const kinds[] = {
	"organisation", "person", "programme", "activity", "participation", NULL
};

/* Splits KIND:KEY; *kind points into a static list, *key into s. */
static int
parse_entity(struct ctx *ctx, const char *s, const char **kind, const char **key)
{
	const char *colon = strchr(s, ':');
	char k[32];
	size_t n, i;

	if (colon == NULL || colon == s || colon[1] == '\0' ||
	    (n = (size_t)(colon - s)) >= sizeof(k))
		return error_set(ctx, ERR_USAGE, "invalid --entity '%s' (expected KIND:KEY, "
		    "such as person:12345)", s);
	memcpy(k, s, n);
	k[n] = '\0';
	if (strcmp(k, "org") == 0)
		strcpy(k, "organisation");
	for (i = 0; kinds[i]; i++)
		if (strcmp(kinds[i], k) == 0)
			break;
	if (kinds[i] == NULL)
		return check_enum(ctx, "entity kind", k, kinds);
	*kind = kinds[i];
	*key = colon + 1;
	return 0;
}

static int
parse_limit(struct ctx *ctx, const char *s, int64_t *out)
{
	char *end;
	long long v;

	*out = INT64_MAX;
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 1)
		return error_set(ctx, ERR_USAGE, "invalid --limit '%s' (a whole number, "
		    "1 or more)", s);
	*out = v;
	return 0;
}

/* Appends s to b, shortened to at most max display columns: what does
 * not fit is cut at a character and ends in "…"; line breaks and tabs
 * are spaces. */
static void
add_short(struct buf *b, const char *s, size_t max)
{
	char *flat = xstrdup(s ? s : ""), *p, one[5];
	size_t w = 0, len;

	for (p = flat; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	if (text_width(flat) <= max) {
		buf_adds(b, flat);
		free(flat);
		return;
	}
	for (p = flat; *p; p += len) {
		len = (unsigned char)*p < 0x80 ? 1 : (unsigned char)*p >= 0xf0 ? 4 :
		    (unsigned char)*p >= 0xe0 ? 3 : 2;
		len = strnlen(p, len);
		memcpy(one, p, len);
		one[len] = '\0';
		if ((w += text_width(one)) > max - 1)
			break;
		buf_adds(b, one);
	}
	buf_adds(b, "…");
	free(flat);
}

/* At most this many fields are listed in a summary line. */
#define AUDIT_FIELDS 32

/* The fields of one change, as the fields statement gives them. */
struct fields {
	size_t n;
	const char *name[AUDIT_FIELDS];
	char *val[AUDIT_FIELDS][2];	/* old, new; NULL when absent */
};

/* The widest a value may be so that every value, each cut to it, fits in
 * room columns together (at least 6). */
static size_t
value_cap(const struct fields *fl, size_t room)
{
	size_t cap, sum, i, k, w;

	for (cap = 7; cap <= room; cap++) {
		for (sum = 0, i = 0; i < fl->n; i++)
			for (k = 0; k < 2; k++)
				if (fl->val[i][k]) {
					w = text_width(fl->val[i][k]);
					sum += w < cap ? w : cap;
				}
		if (sum > room)
			break;
	}
	return cap - 1;
}

/* The fields that differ between old and new as the text of a summary in
 * about max columns: "field: old -> new; ..." for a change, the values
 * cut alike (the longest first) so that each changed field is seen;
 * "field=value, ..." in order for an addition or a removal. */
static void
summary_fields(struct dbst *f, const char *old, const char *new, size_t max,
    struct buf *out)
{
	struct fields fl = { 0 };
	bool both = old && new;
	size_t names = 0, cap, i, k;

	dbst_reset(f);
	db_bind(f, "tt", new, old);
	for (; fl.n < AUDIT_FIELDS && dbst_step(f) == DB_ROW; fl.n++) {
		fl.name[fl.n] = xstrdup(dbst_text(f, 0));
		for (k = 0; k < 2; k++)
			fl.val[fl.n][k] = dbst_type(f, (int)k + 1) == DB_NULL ?
			    NULL : xstrdup(dbst_text(f, (int)k + 1));
		names += text_width(fl.name[fl.n]) + (both ? 8 : 3);
	}
	cap = both ? value_cap(&fl, max > names ? max - names : 0) : 40;
	for (i = 0; i < fl.n; i++) {
		buf_printf(out, "%s%s%s", i ? (both ? "; " : ", ") : "", fl.name[i],
		    both ? ": " : "=");
		for (k = both ? 0 : !!new; k < (both ? 2u : 1u + !!new); k++) {
			add_short(out, fl.val[i][k] ? fl.val[i][k] : "-", cap);
			if (both && k == 0)
				buf_adds(out, " -> ");
		}
		free((char *)fl.name[i]);
		free(fl.val[i][0]);
		free(fl.val[i][1]);
	}
}

/* Writes the summary of the current row of st: when, who, the record,
 * "action fields", each shortened to its column's max. */
static int
summary_row(struct out *o, struct dbst *st, struct dbst *f, const size_t max[4])
{
	struct integra_value v[4] = { 0 };
	struct buf cell[4] = { { 0 } }, change = { 0 };
	const char *action = dbst_text(st, 3);
	size_t i;
	int rc;

	for (i = 0; i < 3; i++)
		add_short(&cell[i], dbst_text(st, (int)i), max[i]);
	buf_printf(&change, "%s ", action);
	summary_fields(f, dbst_text(st, 4),
	    dbst_text(st, 5), max[3] - text_width(action) - 1,
	    &change);
	add_short(&cell[3], change.s, max[3]);
	for (i = 0; i < 4; i++) {
		v[i].type = INTEGRA_TEXT;
		v[i].s = cell[i].s ? cell[i].s : "";
		v[i].n = strlen(v[i].s);
	}
	rc = out_row(o, v);
	for (i = 0; i < 4; i++)
		buf_release(&cell[i]);
	buf_release(&change);
	return rc;
}

/* The widths of the summary's columns for these rows: who and the
 * record as wide as they need up to their limits, the change the rest. */
static int
summary_widths(struct ctx *ctx, const char *since, const char *kind,
    const char *key, int64_t limit, size_t max[4])
{
	struct dbst *st;
	size_t who, rec;
	int rc;

	if ((rc = db_prepare(ctx, &st, audit_widths_sql)) != 0)
		return rc;
	db_bind(st, "ttti", since, kind, key, limit);
	if (dbst_step(st) != DB_ROW) {
		dbst_finalize(st);
		return db_error(ctx, "cannot read the audit log");
	}
	who = (size_t)dbst_int(st, 0);
	rec = (size_t)dbst_int(st, 1);
	dbst_finalize(st);
	max[0] = AUDIT_WHEN;
	max[1] = who < 3 ? 3 : who > AUDIT_WHO ? AUDIT_WHO : who;
	max[2] = rec < 6 ? 6 : rec > AUDIT_RECORD ? AUDIT_RECORD : rec;
	max[3] = AUDIT_LINE - 6 - max[0] - max[1] - max[2];
	return 0;
}

/* The audit as one summary line per change. */
static int
audit_summary(struct ctx *ctx, const char *since, const char *kind,
    const char *key, int64_t limit)
{
	struct out *o = NULL;
	struct dbst *st, *f;
	size_t max[4];
	int rc, step = DB_DONE;

	if ((rc = summary_widths(ctx, since, kind, key, limit, max)) != 0 ||
	    (rc = db_prepare(ctx, &f, audit_fields_sql)) != 0)
		return rc;
	if ((rc = db_prepare(ctx, &st, audit_summary_sql)) != 0) {
		dbst_finalize(f);
		return rc;
	}
	db_bind(st, "ttti", since, kind, key, limit);
	rc = out_open(ctx, _("Audit log"), audit_columns, ARRAY_SIZE(audit_columns), &o);
	while (rc == 0 && (step = dbst_step(st)) == DB_ROW)
		rc = summary_row(o, st, f, max);
	if (rc == 0 && step != DB_DONE)
		rc = db_error(ctx, "cannot read the audit log");
	if (o)
		rc = out_close(o, rc == 0) ? (rc ? rc : ctx->err) : rc;
	dbst_finalize(st);
	dbst_finalize(f);
	return rc;
}

/* True when the format is one for machines (csv, json): they get every
 * column as stored. */
static bool
machine_format(const struct ctx *ctx)
{
	return ctx->format && (strcmp(ctx->format, "csv") == 0 ||
	    strcmp(ctx->format, "json") == 0);
}

/* A key matches itself and, for participation, the records under it
 * (PROGRAMME/PARTICIPANT matches PROGRAMME/PARTICIPANT/ACTIVITY). */
int
cmd_audit(struct ctx *ctx, struct args *a)
{
	const char *since = args_get(a, "since"), *ent = args_get(a, "entity");
	const char *kind = NULL, *key = NULL;
	char day[11] = "";
	int64_t limit;
	int rc;

	if ((since && (rc = date_normalise(ctx, "--since", since, day)) != 0) ||
	    (ent && (rc = parse_entity(ctx, ent, &kind, &key)) != 0) ||
	    (rc = parse_limit(ctx, args_get(a, "limit"), &limit)) != 0)
		return rc;
	if (!args_has(a, "full") && !machine_format(ctx))
		return audit_summary(ctx, *day ? day : NULL, kind, key, limit);
	return cmd_query(ctx, "Audit log",
	    "SELECT at, os_user, command, entity, entity_key, action, old, new "
	    "FROM (" AUDIT_ROWS ") a ORDER BY id", "ttti", *day ? day : NULL, kind,
	    key, limit);
}
