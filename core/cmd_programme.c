/*
 * integra programme: the programmes of each area of work — a training
 * course, an exercise, a set of regulations, an instruction of the decree —
 * each owned by the plugin of its area, which declares the programme's own
 * fields.  Status moves planned -> active -> completed, and planned or
 * active -> cancelled.  One static function per verb and the verb table at
 * the end.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"

/* The core values of a programme, in the order record_fields() names them. */
enum { P_AREA, P_CODE, P_TITLE, P_OWNER, P_START, P_END, P_DUE, P_STATUS, P_N };
static const char *const core_names[P_N] = {
	"area", "code", "title", "owner", "start", "end", "due", "status"
};

/* A stored programme: its id, core values (NULL when empty) and fields. */
struct prog {
	int64_t id;
	char *v[P_N];
	char *fields;
};

static const struct optdef add_opts[] = {
	{ "owner", 0, OPT_ARG, "ORG", "the organisation responsible" },
	{ "start", 0, OPT_ARG, "DATE", "first day" },
	{ "end", 0, OPT_ARG, "DATE", "last day" },
	{ "due", 0, OPT_ARG, "DATE", "deadline" },
	{ "status", 0, OPT_ARG, "STATUS", "planned (default), active, completed or cancelled" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "a field the area declares" },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ "title", 0, OPT_ARG, "TITLE", "new title" },
	{ "owner", 0, OPT_ARG, "ORG", "new owner ('' to clear)" },
	{ "start", 0, OPT_ARG, "DATE", "new first day ('' to clear)" },
	{ "end", 0, OPT_ARG, "DATE", "new last day ('' to clear)" },
	{ "due", 0, OPT_ARG, "DATE", "new deadline ('' to clear)" },
	{ "status", 0, OPT_ARG, "STATUS", "next status: active, completed or cancelled" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "set a field the area declares" },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ "area", 0, OPT_ARG, "AREA", "only this area, with its fields as columns" },
	{ "status", 0, OPT_ARG, "STATUS", "only this status" },
	{ "owner", 0, OPT_ARG, "ORG", "only those this organisation owns" },
	{ "overdue", 0, 0, NULL, "only those past due and not completed or cancelled" },
	{ "as-of", 0, OPT_ARG, "DATE", "judge --overdue as of DATE instead of today" },
	{ "search", 's', OPT_ARG, "TEXT", "code or title contains TEXT (any case)" },
	{ 0 }
};

static const struct optdef no_opts[] = { { 0 } };

/* The programme statuses that may follow `from`. */
static const char *const *
programme_next(const char *from)
{
	static const char *const planned[] = { "active", "cancelled", NULL };
	static const char *const active[] = { "completed", "cancelled", NULL };
	static const char *const none[] = { NULL };

	if (strcmp(from, "planned") == 0)
		return planned;
	if (strcmp(from, "active") == 0)
		return active;
	return none;
}

static int
check_status_move(struct ctx *ctx, const char *code, const char *from, const char *to)
{
	char what[160];

	snprintf(what, sizeof(what), "programme '%s'", code);
	return check_move(ctx, what, from, to, programme_next(from));
}

/* The plugin of an area; ERR_INVALID naming the loaded areas if none. */
static int
area_plugin(struct ctx *ctx, const char *area, const struct integra_plugin **out)
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

/* Normalises an optional date option into out (empty when absent or ''). */
static int
opt_date(struct ctx *ctx, const struct args *a, const char *name, char out[11])
{
	const char *s = args_get(a, name);

	out[0] = '\0';
	if (s == NULL || *s == '\0')
		return 0;
	return date_normalise(ctx, name, s, out);
}

static void
prog_free(struct prog *p)
{
	int i;

	for (i = 0; i < P_N; i++)
		free(p->v[i]);
	free(p->fields);
	memset(p, 0, sizeof(*p));
}

/* Loads a programme by code; ERR_NOTFOUND naming it. */
static int
prog_load(struct ctx *ctx, const char *code, struct prog *p)
{
	sqlite3_stmt *st;
	const char *s;
	int i, rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_prepare(ctx, &st, "SELECT p.id, p.area, p.code, p.title, o.code, "
	    "p.start, p.end, p.due, p.status, p.fields FROM programme p "
	    "LEFT JOIN organisation o ON o.id = p.owner_id WHERE p.code = ?")) != 0)
		return rc;
	db_bind(st, "t", code);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? error_set(ctx, ERR_NOTFOUND, "no programme '%s'",
		    code) : db_error(ctx, "cannot read programme");
		sqlite3_finalize(st);
		return rc;
	}
	p->id = sqlite3_column_int64(st, 0);
	for (i = 0; i < P_N; i++)
		if ((s = (const char *)sqlite3_column_text(st, i + 1)) != NULL)
			p->v[i] = xstrdup(s);
	p->fields = xstrdup((const char *)sqlite3_column_text(st, P_N + 1));
	sqlite3_finalize(st);
	return 0;
}

static int
check_dates(struct ctx *ctx, const char *code, const char *start, const char *end)
{
	if (start && end && *start && *end && strcmp(start, end) > 0)
		return error_set(ctx, ERR_INVALID,
		    "programme '%s' would end (%s) before it starts (%s)", code, end, start);
	return 0;
}

static int
programme_add(struct ctx *ctx, struct args *a)
{
	const struct integra_plugin *pl;
	const char *owner = args_get(a, "owner"), *status = args_get(a, "status");
	char start[11], end[11], due[11], *v[P_N] = { 0 }, *json = NULL;
	struct kv kv[P_N + 1];
	int64_t owner_id = 0;
	int rc;

	if ((rc = check_code(ctx, "programme code", a->pos[1])) != 0 ||
	    (rc = check_text(ctx, "programme title", a->pos[2], false)) != 0 ||
	    (rc = area_plugin(ctx, a->pos[0], &pl)) != 0 ||
	    (owner && *owner && (rc = db_lookup_id(ctx, "organisation", "code", owner,
	    "organisation", &owner_id)) != 0) ||
	    (rc = opt_date(ctx, a, "start", start)) != 0 ||
	    (rc = opt_date(ctx, a, "end", end)) != 0 ||
	    (rc = opt_date(ctx, a, "due", due)) != 0 ||
	    (rc = check_dates(ctx, a->pos[1], start, end)) != 0 ||
	    (status && (rc = check_enum(ctx, "programme status", status,
	    programme_statuses)) != 0))
		return rc;
	v[P_AREA] = a->pos[0];
	v[P_CODE] = a->pos[1];
	v[P_TITLE] = a->pos[2];
	v[P_OWNER] = owner && *owner ? (char *)owner : NULL;
	v[P_START] = *start ? start : NULL;
	v[P_END] = *end ? end : NULL;
	v[P_DUE] = *due ? due : NULL;
	v[P_STATUS] = (char *)(status ? status : "planned");
	kv_fill(kv, core_names, v, P_N);
	if ((rc = record_fields(ctx, INTEGRA_RECORD_PROGRAMME, a->pos[0],
	    args_list(a, "field"), NULL, kv, NULL, &json)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO programme (area, code, title, owner_id, start, "
	    "end, due, status, fields) VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?)",
	    "tttittttt", v[P_AREA], v[P_CODE], v[P_TITLE], owner_id, v[P_START],
	    v[P_END], v[P_DUE], v[P_STATUS], json);
	free(json);
	if (rc == ERR_EXISTS)
		return error_set(ctx, ERR_EXISTS, "programme '%s' already exists", a->pos[1]);
	return rc;
}

/* Replaces the value of slot i by a date option when given ('' clears). */
static int
set_date(struct ctx *ctx, const struct args *a, const char *name, char **slot)
{
	char d[11];
	int rc;

	if (!args_has(a, name))
		return 0;
	if ((rc = opt_date(ctx, a, name, d)) != 0)
		return rc;
	free(*slot);
	*slot = *d ? xstrdup(d) : NULL;
	return 0;
}

/* Applies the options of `programme set` to the values in n. */
static int
apply_set(struct ctx *ctx, const struct args *a, struct prog *old, struct prog *n,
    int64_t *owner_id)
{
	const char *title = args_get(a, "title"), *owner = args_get(a, "owner");
	const char *status = args_get(a, "status");
	int i, rc;

	for (i = 0; i < P_N; i++)
		n->v[i] = old->v[i] ? xstrdup(old->v[i]) : NULL;
	if (title) {
		if ((rc = check_text(ctx, "programme title", title, false)) != 0)
			return rc;
		free(n->v[P_TITLE]);
		n->v[P_TITLE] = xstrdup(title);
	}
	if (owner) {
		if (*owner && (rc = db_lookup_id(ctx, "organisation", "code", owner,
		    "organisation", owner_id)) != 0)
			return rc;
		free(n->v[P_OWNER]);
		n->v[P_OWNER] = *owner ? xstrdup(owner) : NULL;
	}
	if ((rc = set_date(ctx, a, "start", &n->v[P_START])) != 0 ||
	    (rc = set_date(ctx, a, "end", &n->v[P_END])) != 0 ||
	    (rc = set_date(ctx, a, "due", &n->v[P_DUE])) != 0 ||
	    (rc = check_dates(ctx, old->v[P_CODE], n->v[P_START], n->v[P_END])) != 0)
		return rc;
	if (status) {
		if ((rc = check_enum(ctx, "programme status", status,
		    programme_statuses)) != 0 ||
		    (rc = check_status_move(ctx, old->v[P_CODE], old->v[P_STATUS],
		    status)) != 0)
			return rc;
		free(n->v[P_STATUS]);
		n->v[P_STATUS] = xstrdup(status);
	}
	return 0;
}

/* The fields after a change: through the area's plugin when loaded; with
 * no plugin the stored fields stay and none may be set. */
int
programme_fields(struct ctx *ctx, enum integra_record_kind kind, const char *area,
    const char *const *assign, const char *old_json, const struct kv *kn,
    const struct kv *ko, char **json)
{
	if (plugins_area(ctx, area) != NULL)
		return record_fields(ctx, kind, area, assign, old_json, kn, ko, json);
	if (assign[0])
		return error_set(ctx, ERR_INVALID, "cannot set field '%s': no plugin of "
		    "area '%s' is loaded", assign[0], area);
	*json = xstrdup(old_json ? old_json : "{}");
	return 0;
}

static int
programme_set(struct ctx *ctx, struct args *a)
{
	struct prog old, n = { 0 };
	struct kv ko[P_N + 1], kn[P_N + 1];
	const char *const *assign = args_list(a, "field");
	char *json = NULL;
	int64_t owner_id = 0;
	int rc;

	if (!args_has(a, "title") && !args_has(a, "owner") && !args_has(a, "start") &&
	    !args_has(a, "end") && !args_has(a, "due") && !args_has(a, "status") &&
	    !assign[0])
		return error_set(ctx, ERR_USAGE, "nothing to change: give --title, --owner, "
		    "--start, --end, --due, --status or --field");
	if ((rc = prog_load(ctx, a->pos[0], &old)) != 0)
		return rc;
	if ((rc = apply_set(ctx, a, &old, &n, &owner_id)) != 0)
		goto out;
	kv_fill(ko, core_names, old.v, P_N);
	kv_fill(kn, core_names, n.v, P_N);
	if ((rc = programme_fields(ctx, INTEGRA_RECORD_PROGRAMME, old.v[P_AREA], assign,
	    old.fields, kn, ko, &json)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE programme SET title = ?, "
	    "owner_id = CASE WHEN ? THEN nullif(?, 0) ELSE owner_id END, "
	    "start = ?, end = ?, due = ?, status = ?, fields = ? WHERE id = ?",
	    "tdittttti", n.v[P_TITLE], args_has(a, "owner"), owner_id, n.v[P_START],
	    n.v[P_END], n.v[P_DUE], n.v[P_STATUS], json, old.id);
out:
	free(json);
	prog_free(&old);
	prog_free(&n);
	return rc;
}

static int
programme_remove(struct ctx *ctx, struct args *a)
{
	const char *code = a->pos[0];
	int64_t id, acts = 0, parts = 0;
	int rc;

	if ((rc = db_lookup_id(ctx, "programme", "code", code, "programme", &id)) != 0)
		return rc;
	if ((rc = db_query_int(ctx, &acts, "SELECT count(*) FROM activity "
	    "WHERE programme_id = ?", "i", id)) != 0 ||
	    (rc = db_query_int(ctx, &parts, "SELECT count(*) FROM participation "
	    "WHERE programme_id = ?", "i", id)) != 0)
		return rc;
	if (acts || parts)
		return error_set(ctx, ERR_INVALID,
		    "cannot remove programme '%s': still referenced by %lld activities, "
		    "%lld participation records", code, (long long)acts, (long long)parts);
	return db_exec(ctx, "DELETE FROM programme WHERE id = ?", "i", id);
}

/* The SELECT of `programme list`: with a loaded area, one column per
 * programme field it declares (validated identifiers), else `fields`. */
static char *
list_sql(struct ctx *ctx, const char *area)
{
	const struct integra_plugin *pl = area ? plugins_area(ctx, area) : NULL;
	const struct integra_field *f;
	struct buf b = { 0 };

	buf_adds(&b, "SELECT p.code, p.area, p.title, o.code AS owner, p.start, p.end, "
	    "p.due, p.status");
	for (f = pl ? pl->fields : NULL; f && f->name; f++)
		if (f->record == INTEGRA_RECORD_PROGRAMME && text_is_ident(f->name, 32))
			buf_printf(&b, ", json_extract(p.fields, '$.%s') AS \"%s\"",
			    f->name, f->name);
	if (pl == NULL)
		buf_adds(&b, ", p.fields");
	buf_adds(&b, " FROM programme p LEFT JOIN organisation o ON o.id = p.owner_id "
	    "WHERE (?1 IS NULL OR p.area = ?1) AND (?2 IS NULL OR p.status = ?2) "
	    "AND (?3 IS NULL OR o.code = ?3) "
	    "AND (NOT ?4 OR (p.due < ?5 AND p.status NOT IN ('completed', 'cancelled'))) "
	    "AND (?6 IS NULL OR instr(fold(p.title), fold(?6)) > 0 "
	    "OR instr(fold(p.code), fold(?6)) > 0) "
	    "ORDER BY p.area, p.due IS NULL, p.due, p.code");
	return b.s;
}

static int
programme_list(struct ctx *ctx, struct args *a)
{
	const char *status = args_get(a, "status"), *asof = args_get(a, "as-of");
	char day[11], *sql;
	sqlite3_stmt *st;
	int rc;

	if (status && (rc = check_enum(ctx, "programme status", status,
	    programme_statuses)) != 0)
		return rc;
	if (asof == NULL)
		asof = ctx->as_of;
	if (asof) {
		if ((rc = date_normalise(ctx, "--as-of", asof, day)) != 0)
			return rc;
	} else {
		date_format(date_today(), day);
	}
	sql = list_sql(ctx, args_get(a, "area"));
	rc = db_prepare(ctx, &st, sql);
	free(sql);
	if (rc != 0)
		return rc;
	db_bind(st, "tttdtt", args_get(a, "area"), status, args_get(a, "owner"),
	    args_has(a, "overdue"), day, args_get(a, "search"));
	return out_query(ctx, "Programmes", st, NULL);
}

static int
programme_show(struct ctx *ctx, struct args *a)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(ctx, &st,
	    "SELECT p.code, p.area, p.title, o.code AS owner, p.start, p.end, p.due, "
	    "p.status, "
	    "(SELECT count(*) FROM activity WHERE programme_id = p.id) AS activities, "
	    "(SELECT count(*) FROM participation WHERE programme_id = p.id) AS participation, "
	    "(SELECT count(*) FROM participation WHERE programme_id = p.id "
	    "AND status = 'completed') AS completed, p.fields "
	    "FROM programme p LEFT JOIN organisation o ON o.id = p.owner_id "
	    "WHERE p.code = ?")) != 0)
		return rc;
	db_bind(st, "t", a->pos[0]);
	rc = out_record(ctx, st);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no programme '%s'", a->pos[0]);
	return rc;
}

const struct cmd cmd_programme_verbs[] = {
	{ "add", "AREA CODE TITLE [--owner ORG] [--start D] [--end D] [--due D] "
	  "[--status S] [--field NAME=VALUE]...",
	  "add a programme to an area", "AREA is the area of a loaded plugin "
	  "(see 'integra plugin list').", add_opts, 3, 3,
	  CMD_DB | CMD_WRITE | CMD_PLUGINS, programme_add, NULL },
	{ "list", "[--area A] [--status S] [--owner ORG] [--overdue] [--as-of D] "
	  "[--search TEXT]", "list programmes", NULL, list_opts, 0, 0,
	  CMD_DB | CMD_PLUGINS, programme_list, NULL },
	{ "remove", "CODE", "remove a programme with no activities or participation",
	  NULL, no_opts, 1, 1, CMD_DB | CMD_WRITE, programme_remove, NULL },
	{ "set", "CODE [--title T] [--owner ORG] [--start D] [--end D] [--due D] "
	  "[--status S] [--field NAME=VALUE]...", "change a programme",
	  "Status moves planned -> active -> completed; planned or active -> cancelled.",
	  set_opts, 1, 1, CMD_DB | CMD_WRITE | CMD_PLUGINS, programme_set, NULL },
	{ "show", "CODE", "show one programme with its fields", NULL, no_opts, 1, 1,
	  CMD_DB, programme_show, NULL },
	{ 0 }
};
