/*
 * integra programme: the programmes of each area of work — a training
 * course, an exercise, a set of regulations, an instruction of the decree —
 * each owned by the plugin of its area, which declares the programme's own
 * fields.  Status moves planned -> active -> completed, and planned or
 * active -> cancelled.  One static function per verb and the verb table at
 * the end.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static const struct optdef add_opts[] = {
	{ .name = "owner", .flags = OPT_ARG, .arg = "ORG",
	  .help = N_("the organisation responsible") },
	{ .name = "start", .flags = OPT_ARG, .arg = "DATE", .help = N_("first day") },
	{ .name = "end", .flags = OPT_ARG, .arg = "DATE", .help = N_("last day") },
	{ .name = "due", .flags = OPT_ARG, .arg = "DATE", .help = N_("deadline") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("planned (default), active, completed or cancelled") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("a field the area declares") },
	{ 0 }
};

static const struct optdef set_opts[] = {
	{ .name = "title", .flags = OPT_ARG, .arg = "TITLE", .help = N_("new title") },
	{ .name = "owner", .flags = OPT_ARG, .arg = "ORG",
	  .help = N_("new owner ('' to clear)") },
	{ .name = "start", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("new first day ('' to clear)") },
	{ .name = "end", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("new last day ('' to clear)") },
	{ .name = "due", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("new deadline ('' to clear)") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("next status: active, completed or cancelled") },
	{ .name = "field", .shortname = 'f', .flags = OPT_ARG | OPT_MULTI,
	  .arg = "NAME=VALUE", .help = N_("set a field the area declares") },
	{ 0 }
};

static const struct optdef list_opts[] = {
	{ .name = "area", .flags = OPT_ARG, .arg = "AREA",
	  .help = N_("only this area, with its fields as columns") },
	{ .name = "status", .flags = OPT_ARG, .arg = "STATUS",
	  .help = N_("only this status") },
	{ .name = "owner", .flags = OPT_ARG, .arg = "ORG",
	  .help = N_("only those this organisation owns") },
	{ .name = "overdue",
	  .help = N_("only those past due and not completed or cancelled") },
	{ .name = "as-of", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("judge --overdue as of DATE instead of today") },
	{ .name = "search", .shortname = 's', .flags = OPT_ARG, .arg = "TEXT",
	  .help = N_("code or title contains TEXT (any case)") },
	{ 0 }
};

/* The rows that refer to a programme: programme remove refuses while any do. */
static const struct cmd_ref programme_refs[] = {
	{ .sql = "SELECT count(*) FROM activity WHERE programme_id = ?",
	  .noun = "activities" },
	{ .sql = "SELECT count(*) FROM participation WHERE programme_id = ?",
	  .noun = "participation records" },
	{ 0 }
};

/* What programme show and programme remove work on (cmd_show, cmd_remove). */
static const struct cmd_record programme_record = {
	.table = "programme", .keycol = "code", .refs = programme_refs,
	.show =
	    "SELECT p.code, p.area, p.title, o.code AS owner, p.start, p.end, p.due, "
	    "p.status, "
	    "(SELECT count(*) FROM activity WHERE programme_id = p.id) AS activities, "
	    "(SELECT count(*) FROM participation WHERE programme_id = p.id) AS participation, "
	    "(SELECT count(*) FROM participation WHERE programme_id = p.id "
	    "AND status = 'completed') AS completed, p.fields "
	    "FROM programme p LEFT JOIN organisation o ON o.id = p.owner_id "
	    "WHERE p.code = ?"
};

/* Loads a programme by code; ERR_NOTFOUND naming it. */
static int
prog_load(struct ctx *ctx, const char *code, struct stored *p)
{
	struct dbst *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = db_prepare(ctx, &st, "SELECT p.id, p.area, p.code, p.title, o.code, "
	    "p.start, p.end, p.due, p.status, p.fields FROM programme p "
	    "LEFT JOIN organisation o ON o.id = p.owner_id WHERE p.code = ?")) != 0)
		return rc;
	db_bind(st, "t", code);
	rc = stored_load(ctx, st, PROG_N, p, "cannot read programme");
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "no programme '%s'", code);
	return rc;
}

/* Resolves an owner code ('' or NULL: none, *id = 0). */
static int
find_owner(struct ctx *ctx, const char *owner, int64_t *id)
{
	*id = 0;
	if (owner == NULL || *owner == '\0')
		return 0;
	return db_lookup_id(ctx, "organisation", "code", owner, "organisation", id);
}

/* Checks the values of `programme add` into v (v[PROG_N] holds the three
 * dates' text). */
static int
add_values(struct ctx *ctx, const struct args *a, char **v, char dates[3][11],
    int64_t *owner_id)
{
	static const char *const names[] = { "start", "end", "due" };
	const struct integra_plugin *pl;
	const char *status = args_get(a, "status");
	int i, rc;

	if ((rc = programme_check(ctx, PROG_CODE, a->pos[1])) != 0 ||
	    (rc = programme_check(ctx, PROG_TITLE, a->pos[2])) != 0 ||
	    (rc = programme_area_plugin(ctx, a->pos[0], &pl)) != 0 ||
	    (rc = find_owner(ctx, args_get(a, "owner"), owner_id)) != 0)
		return rc;
	for (i = 0; i < 3; i++) {
		if ((rc = rules_date(ctx, names[i], args_get(a, names[i]), dates[i])) != 0)
			return rc;
		v[PROG_START + i] = *dates[i] ? dates[i] : NULL;
	}
	if ((rc = rules_order(ctx, "programme", a->pos[1], v[PROG_START],
	    v[PROG_END])) != 0 || (status && (rc = programme_check(ctx, PROG_STATUS,
	    status)) != 0))
		return rc;
	v[PROG_AREA] = a->pos[0];
	v[PROG_CODE] = a->pos[1];
	v[PROG_TITLE] = a->pos[2];
	v[PROG_OWNER] = *owner_id ? (char *)args_get(a, "owner") : NULL;
	v[PROG_STATUS] = (char *)(status ? status : "planned");
	return 0;
}

/* programme add AREA CODE TITLE: a new programme of an area. */
static int
programme_add(struct ctx *ctx, struct args *a)
{
	char dates[3][11], *v[PROG_N] = { 0 }, *json = NULL;
	int64_t owner_id = 0;
	int rc;

	if ((rc = add_values(ctx, a, v, dates, &owner_id)) != 0 ||
	    (rc = rules_fields(ctx, INTEGRA_RECORD_PROGRAMME, a->pos[0],
	    args_list(a, "field"), NULL, (const char *const *)v, NULL, &json)) != 0)
		return rc;
	rc = db_exec(ctx, "INSERT INTO programme (area, code, title, owner_id, start, "
	    "\"end\", due, status, fields) VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?)",
	    "tttittttt", v[PROG_AREA], v[PROG_CODE], v[PROG_TITLE], owner_id,
	    v[PROG_START], v[PROG_END], v[PROG_DUE], v[PROG_STATUS], json);
	free(json);
	if (rc == ERR_EXISTS)
		return error_set(ctx, ERR_EXISTS, "programme '%s' already exists", a->pos[1]);
	return rc;
}

/* Applies the options of `programme set` to the values in n. */
static int
apply_set(struct ctx *ctx, const struct args *a, const struct stored *old,
    struct stored *n, int64_t *owner_id)
{
	static const char *const names[] = { "start", "end", "due" };
	const char *title = args_get(a, "title"), *owner = args_get(a, "owner");
	const char *status = args_get(a, "status");
	int i, rc;

	stored_copy(n, old, PROG_N);
	if (title && (rc = programme_check(ctx, PROG_TITLE, title)) != 0)
		return rc;
	if (title)
		xstrset(&n->v[PROG_TITLE], title);
	if (owner && (rc = find_owner(ctx, owner, owner_id)) != 0)
		return rc;
	if (owner)
		xstrset(&n->v[PROG_OWNER], owner);
	for (i = 0; i < 3; i++)
		if ((rc = rules_set_date(ctx, names[i], args_get(a, names[i]),
		    &n->v[PROG_START + i])) != 0)
			return rc;
	if ((rc = rules_order(ctx, "programme", old->v[PROG_CODE], n->v[PROG_START],
	    n->v[PROG_END])) != 0)
		return rc;
	if (status && (rc = programme_check_move(ctx, old->v[PROG_CODE],
	    old->v[PROG_STATUS], status)) != 0)
		return rc;
	if (status)
		xstrset(&n->v[PROG_STATUS], status);
	return 0;
}

/* programme set CODE: changes a programme; its status only forward. */
static int
programme_set(struct ctx *ctx, struct args *a)
{
	static const char *const opts[] = { "title", "owner", "start", "end", "due",
	    "status", "field", NULL };
	struct stored old, n = { 0 };
	char *json = NULL;
	int64_t owner_id = 0;
	int rc;

	if (rules_no_change(a, opts))
		return error_set(ctx, ERR_USAGE, "nothing to change: give --title, --owner, "
		    "--start, --end, --due, --status or --field");
	if ((rc = prog_load(ctx, a->pos[0], &old)) != 0)
		return rc;
	if ((rc = apply_set(ctx, a, &old, &n, &owner_id)) != 0 ||
	    (rc = rules_fields(ctx, INTEGRA_RECORD_PROGRAMME, old.v[PROG_AREA],
	    args_list(a, "field"), old.fields, (const char *const *)n.v, (const char *const *)old.v,
	    &json)) != 0)
		goto out;
	rc = db_exec(ctx, "UPDATE programme SET title = ?, "
	    "owner_id = CASE WHEN ? = 1 THEN nullif(?, 0) ELSE owner_id END, "
	    "start = ?, \"end\" = ?, due = ?, status = ?, fields = ? WHERE id = ?",
	    "tdittttti", n.v[PROG_TITLE], args_has(a, "owner"), owner_id,
	    n.v[PROG_START], n.v[PROG_END], n.v[PROG_DUE], n.v[PROG_STATUS], json, old.id);
out:
	free(json);
	stored_free(&old);
	stored_free(&n);
	return rc;
}

/* The SQL type a field's JSON value is read as on PostgreSQL, whose
 * json_extract gives text (SQLite's gives the JSON's own type), or NULL. */
static const char *
field_cast(struct ctx *ctx, const struct integra_field *f)
{
	if (!dbc_is_pg(ctx->db))
		return NULL;
	if (f->type == INTEGRA_INTEGER || f->type == INTEGRA_BOOLEAN)
		return "INTEGER";
	return f->type == INTEGRA_REAL ? "DOUBLE PRECISION" : NULL;
}

/* The SELECT of `programme list`: with a loaded area, one column per
 * programme field it declares (validated identifiers), else `fields`. */
static char *
list_sql(struct ctx *ctx, const char *area)
{
	const struct integra_plugin *pl = area ? plugins_area(ctx, area) : NULL;
	const struct integra_field *f;
	struct buf b = { 0 };
	const char *cast;

	buf_adds(&b, "SELECT p.code, p.area, p.title, o.code AS owner, p.start, p.end, "
	    "p.due, p.status");
	for (f = pl ? pl->fields : NULL; f && f->name; f++)
		if (f->record == INTEGRA_RECORD_PROGRAMME &&
		    text_is_ident(f->name, 32) && (cast = field_cast(ctx, f)))
			buf_printf(&b, ", CAST(json_extract(p.fields, '$.%s') AS %s) "
			    "AS \"%s\"", f->name, cast, f->name);
		else if (f->record == INTEGRA_RECORD_PROGRAMME &&
		    text_is_ident(f->name, 32))
			buf_printf(&b, ", json_extract(p.fields, '$.%s') AS \"%s\"",
			    f->name, f->name);
	if (pl == NULL)
		buf_adds(&b, ", p.fields");
	buf_adds(&b, " FROM programme p LEFT JOIN organisation o ON o.id = p.owner_id "
	    "WHERE (?1 IS NULL OR p.area = ?1) AND (?2 IS NULL OR p.status = ?2) "
	    "AND (?3 IS NULL OR o.code = ?3) "
	    "AND (?4 = 0 OR (p.due < ?5 AND p.status NOT IN ('completed', 'cancelled'))) "
	    "AND " CMD_SEARCH_SQL("?6", "p.title", "p.code") " "
	    "ORDER BY p.area, p.due IS NULL, p.due, p.code");
	return b.s;
}

/* programme list: the programmes, filtered. */
static int
programme_list(struct ctx *ctx, struct args *a)
{
	const char *status = args_get(a, "status"), *asof = args_get(a, "as-of");
	char day[11], *sql;
	int rc;

	if (status && (rc = programme_check(ctx, PROG_STATUS, status)) != 0)
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
	rc = cmd_query(ctx, "Programmes", sql, "tttdtt", args_get(a, "area"), status,
	    args_get(a, "owner"), args_has(a, "overdue"), day, args_get(a, "search"));
	free(sql);
	return rc;
}

const struct cmd cmd_programme_verbs[] = {
	{ .name = "add",
	  .usage = "AREA CODE TITLE [--owner ORG] [--start D] [--end D] [--due D] "
	  "[--status S] [--field NAME=VALUE]...",
	  .summary = N_("add a programme to an area"),
	  .help = N_("AREA is the area of a loaded plugin "
	  "(see 'integra plugin list')."),
	  .opts = add_opts, .min_args = 3, .max_args = 3,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = programme_add },
	{ .name = "list",
	  .usage = "[--area A] [--status S] [--owner ORG] [--overdue] [--as-of D] "
	  "[--search TEXT]",
	  .summary = N_("list programmes"), .opts = list_opts,
	  .flags = CMD_DB | CMD_PLUGINS, .exec = programme_list },
	{ .name = "remove", .usage = "CODE",
	  .summary = N_("remove a programme with no activities or participation"),
	  .min_args = 1, .max_args = 1, .flags = CMD_DB | CMD_WRITE,
	  .exec = cmd_remove, .data = &programme_record },
	{ .name = "set",
	  .usage = "CODE [--title T] [--owner ORG] [--start D] [--end D] [--due D] "
	  "[--status S] [--field NAME=VALUE]...",
	  .summary = N_("change a programme"),
	  .help = N_("Status moves planned -> active -> completed; planned or active -> cancelled."),
	  .opts = set_opts, .min_args = 1, .max_args = 1,
	  .flags = CMD_DB | CMD_WRITE | CMD_PLUGINS, .exec = programme_set },
	{ .name = "show", .usage = "CODE",
	  .summary = N_("show one programme with its fields"), .min_args = 1,
	  .max_args = 1, .flags = CMD_DB | CMD_PLUGINS, .exec = cmd_show,
	  .data = &programme_record },
	{ 0 }
};
