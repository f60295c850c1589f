/*
 * The services the host hands to every plugin (struct integra_api): the
 * log, error messages, typed look-ups in the plugin's configuration group,
 * read-only queries, writes confined to the plugin's own tables by an
 * SQLite authorizer, core commands run with their full validation and
 * audit, the user's output format, dates, and record access.  Each call
 * gets the plugin's struct integra_host, which carries the one context.
 * A plugin's tables and indexes are registered to it (plugin_object) when
 * its exec() creates them, and exec() may change only those.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "plugin_auth_pg.h"
#include "plugin_host.h"

static const char *const level_names[] = {
	NC_("log level", "error"), NC_("log level", "warning"),
	NC_("log level", "info"), NC_("log level", "debug")
};

static void api_log(const struct integra_host *h, enum integra_log_level lvl,
    const char *fmt, ...) PRINTF_LIKE(3, 4);
static int api_error(const struct integra_host *h, int code, const char *fmt,
    ...) PRINTF_LIKE(3, 4);

static void
api_log(const struct integra_host *h, enum integra_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	if (lvl == INTEGRA_LOG_DEBUG && getenv("INTEGRA_DEBUG") == NULL)
		return;
	fprintf(stderr, "integra: %s: %s: ", h->plugin->name,
	    (unsigned)lvl < ARRAY_SIZE(level_names) ?
	    C_("log level", level_names[lvl]) : C_("log level", "log"));
	va_start(ap, fmt);
	vfprintf(stderr, i18n_dgettext(h->plugin->textdomain, fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
api_error(const struct integra_host *h, int code, const char *fmt, ...)
{
	va_list ap;

	if (code >= 0 || code < INTEGRA_EEXISTS)
		code = INTEGRA_EFAIL;
	va_start(ap, fmt);
	error_setv(h->ctx, code, i18n_dgettext(h->plugin->textdomain, fmt), ap);
	va_end(ap);
	return code;
}

/* The plugin's key, with an error when it is absent or of another type. */
static int
config_value(const struct integra_host *h, const char *key, enum integra_type want,
    struct integra_value *v)
{
	const char *p = h->plugin->name;

	if (cfg_group_lookup(h->ctx->cfg, p, h->plugin->config, key, v, NULL) != 0)
		return error_set(h->ctx, ERR_NOTFOUND, "plugin '%s': no configuration "
		    "value '%s.%s' and no default", p, p, key);
	if (v->type == want || (want == INTEGRA_REAL && v->type == INTEGRA_INTEGER) ||
	    (want == INTEGRA_TEXT && v->type == INTEGRA_DATE))
		return 0;
	return error_set(h->ctx, ERR_INVALID, "plugin '%s': configuration key '%s' is "
	    "not of the type asked for", p, key);
}

/*
 * The plugin's key as the C type that goes with want: int64_t for an
 * integer, double for a real, int for a boolean, const char * for text.
 */
static int
config_get(const struct integra_host *h, const char *key, enum integra_type want,
    void *out)
{
	struct integra_value v;
	int rc;

	if ((rc = config_value(h, key, want, &v)) != 0)
		return rc;
	if (want == INTEGRA_INTEGER)
		*(int64_t *)out = v.i;
	else if (want == INTEGRA_REAL)
		*(double *)out = v.type == INTEGRA_INTEGER ? (double)v.i : v.r;
	else if (want == INTEGRA_BOOLEAN)
		*(int *)out = v.i != 0;
	else
		*(const char **)out = v.s;
	return 0;
}

static int
api_config_int(const struct integra_host *h, const char *key, int64_t *out)
{
	return config_get(h, key, INTEGRA_INTEGER, out);
}

static int
api_config_real(const struct integra_host *h, const char *key, double *out)
{
	return config_get(h, key, INTEGRA_REAL, out);
}

static int
api_config_bool(const struct integra_host *h, const char *key, int *out)
{
	return config_get(h, key, INTEGRA_BOOLEAN, out);
}

static int
api_config_text(const struct integra_host *h, const char *key, const char **out)
{
	return config_get(h, key, INTEGRA_TEXT, out);
}

static int
need_db(const struct integra_host *h, const char *what)
{
	if (h->ctx->db == NULL)
		return error_set(h->ctx, ERR_FAIL, "plugin '%s': %s needs the database, "
		    "which is not open here (not during init)", h->plugin->name, what);
	return 0;
}

/* Prepares exactly one statement (db_prepare_single); a refusal names the
 * plugin. */
static int
prepare_one(const struct integra_host *h, const char *sql, struct dbst **st)
{
	if (db_prepare_single(h->ctx, st, sql) != 0)
		return error_set(h->ctx, h->ctx->err, "plugin '%s': %s", h->plugin->name,
		    h->ctx->errmsg);
	return 0;
}

static void
bind_values(struct dbst *st, const struct integra_value *params, size_t n)
{
	const struct integra_value *v;
	size_t i;

	for (i = 0; i < n; i++) {
		v = &params[i];
		switch (v->type) {
		case INTEGRA_INTEGER:
		case INTEGRA_BOOLEAN:
			dbst_bind_int(st, (int)i + 1, v->i);
			break;
		case INTEGRA_REAL:
			dbst_bind_double(st, (int)i + 1, v->r);
			break;
		case INTEGRA_NULL:
			dbst_bind_null(st, (int)i + 1);
			break;
		default:
			if (v->s)
				dbst_bind_text(st, (int)i + 1, v->s,
				    v->n ? (int)v->n : -1);
			else
				dbst_bind_null(st, (int)i + 1);
			break;
		}
	}
}

static void
column_values(struct dbst *st, struct integra_value *vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		db_column_value(st, i, INTEGRA_TEXT, &vals[i]);
}

static int
api_query(const struct integra_host *h, const char *sql,
    const struct integra_value *params, size_t nparams, integra_row_fn row, void *ud)
{
	struct integra_value *vals = NULL;
	struct dbst *st = NULL;
	int rc, n, step;

	if ((rc = need_db(h, "query()")) != 0)
		return rc;
	if ((rc = db_stmt_get(h->ctx, &st, sql)) != 0)
		return error_set(h->ctx, rc, "plugin '%s': %s", h->plugin->name,
		    h->ctx->errmsg);
	if (!dbst_readonly(st)) {
		db_stmt_put(h->ctx, st);
		return error_set(h->ctx, ERR_FAIL, "plugin '%s': query() takes read-only "
		    "statements; change data with exec() or run()", h->plugin->name);
	}
	bind_values(st, params, nparams);
	n = dbst_ncols(st);
	vals = xcalloc((size_t)n + 1, sizeof(*vals));
	while ((step = dbst_step(st)) == DB_ROW) {
		column_values(st, vals, n);
		if (row && row(ud, vals, (size_t)n) != 0)
			break;
	}
	if (step != DB_ROW && step != DB_DONE)
		rc = db_error(h->ctx, "plugin query failed");
	db_stmt_put(h->ctx, st);
	free(vals);
	return rc;
}

/* Why the authorizer refused an object. */
enum deny_why {
	DENY_OTHER = 1,		/* not a plugin's table, or no table at all */
	DENY_OWNED,		/* registered to another plugin */
	DENY_SPACE,		/* a new name in another plugin's name space */
	DENY_UNREG,		/* the plugin's prefix, but registered to nobody */
};

/* One plugin table or index and the plugin it is registered to. */
struct owned {
	char *name;
	char *plugin;
};

/*
 * What the authorizer knows and what it saw.  It may not query the
 * connection, so the registered tables and indexes (plugin_object) and the
 * names of every plugin the database or the process knows are read before
 * the statement is prepared.
 */
struct auth {
	const char *plugin;	/* the plugin running the statement */
	struct owned *reg;	/* plugin_object */
	size_t nreg;
	char **known;		/* plugin names: owners, migrations, loaded */
	size_t nknown;
	char denied[128];	/* the first object refused */
	char owner[64];		/* the plugin it belongs to, or "" */
	enum deny_why why;
	int op;			/* the first row change seen, 0 for none */
	char *table;		/* and its table */
	const char *kind;	/* "table" or "index" the statement creates, or NULL */
	char *created;		/* its name */
	char *created_tbl;	/* and its table */
	char *altered;		/* the table an ALTER TABLE changes, or NULL */
};

static void
known_add(struct auth *a, const char *name)
{
	a->known = xrealloc(a->known, (a->nknown + 1) * sizeof(*a->known));
	a->known[a->nknown++] = xstrdup(name);
}

/* Reads plugin_object and the known plugin names into a. */
static int
owners_load(const struct integra_host *h, struct auth *a)
{
	struct dbst *st;
	const char *name, *plugin;
	size_t i;
	int rc;

	if ((rc = db_stmt_get(h->ctx, &st, "SELECT name, plugin FROM plugin_object "
	    "UNION ALL SELECT DISTINCT NULL, component FROM migration "
	    "WHERE component <> 'core'")) != 0)
		return rc;
	while ((rc = dbst_step(st)) == DB_ROW) {
		name = dbst_text(st, 0);
		plugin = dbst_text(st, 1);
		known_add(a, plugin);
		if (name == NULL)
			continue;
		a->reg = xrealloc(a->reg, (a->nreg + 1) * sizeof(*a->reg));
		a->reg[a->nreg].name = xstrdup(name);
		a->reg[a->nreg++].plugin = xstrdup(plugin);
	}
	rc = rc == DB_DONE ? 0 : db_error(h->ctx, "cannot read the plugins' tables");
	db_stmt_put(h->ctx, st);
	if (rc != 0)
		return rc;
	for (i = 0; i < plugins_count(h->ctx); i++)
		known_add(a, plugins_get(h->ctx, i)->name);
	known_add(a, a->plugin);
	return 0;
}

static void
owners_free(struct auth *a)
{
	size_t i;

	for (i = 0; i < a->nreg; i++) {
		free(a->reg[i].name);
		free(a->reg[i].plugin);
	}
	strv_free(a->known, a->nknown);
	free(a->reg);
	free(a->table);
	free(a->created);
	free(a->created_tbl);
	free(a->altered);
}

/* The plugin a table or index is registered to, or NULL. */
static const char *
registered(const struct auth *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nreg; i++)
		if (sqlite3_stricmp(a->reg[i].name, name) == 0)
			return a->reg[i].plugin;
	return NULL;
}

/* The known plugin whose name space (<plugin>_*) holds name: the one
 * with the longest such prefix, so that `nato` never owns `nato_posts_x`
 * while a plugin `nato_posts` is known; NULL for none. */
static const char *
space_of(const struct auth *a, const char *name)
{
	const char *best = NULL;
	size_t i, len;

	for (i = 0; i < a->nknown; i++) {
		len = strlen(a->known[i]);
		if (sqlite3_strnicmp(name, a->known[i], (int)len) == 0 &&
		    name[len] == '_' && (best == NULL || len > strlen(best)))
			best = a->known[i];
	}
	return best;
}

static bool
internal(const char *name)
{
	static const char *const names[] = { "sqlite_master", "sqlite_schema",
	    "sqlite_temp_master", "sqlite_temp_schema", "sqlite_sequence" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Refuses name (the first refusal is the one reported). */
static int
deny(struct auth *a, const char *name, enum deny_why why, const char *owner)
{
	if (a->why == 0) {
		snprintf(a->denied, sizeof(a->denied), "%s", name ? name : "?");
		snprintf(a->owner, sizeof(a->owner), "%s", owner ? owner : "");
		a->why = why;
	}
	return SQLITE_DENY;
}

/* A table or index registered to the plugin (or SQLite's own). */
static int
mine(struct auth *a, const char *name)
{
	const char *owner, *space;

	if (name == NULL)
		return deny(a, NULL, DENY_OTHER, NULL);
	if (internal(name))
		return DB_OK;
	if ((owner = registered(a, name)) != NULL)
		return strcmp(owner, a->plugin) == 0 ? DB_OK :
		    deny(a, name, DENY_OWNED, owner);
	space = space_of(a, name);
	return deny(a, name, space && strcmp(space, a->plugin) == 0 ? DENY_UNREG :
	    DENY_OTHER, NULL);
}

/* A name the plugin may create: registered to it, or in its own name
 * space and registered to nobody; remembered for registration. */
static int
may_create(struct auth *a, const char *kind, const char *name, const char *table)
{
	const char *owner, *space;

	if (name == NULL)
		return deny(a, NULL, DENY_OTHER, NULL);
	if ((owner = registered(a, name)) != NULL && strcmp(owner, a->plugin) != 0)
		return deny(a, name, DENY_OWNED, owner);
	space = space_of(a, name);
	if (owner == NULL && (space == NULL || strcmp(space, a->plugin) != 0))
		return deny(a, name, space ? DENY_SPACE : DENY_OTHER, space);
	a->kind = kind;
	xstrset(&a->created, name);
	xstrset(&a->created_tbl, table);
	return DB_OK;
}

/* A row change: remembered for the audit when it is to a plugin table. */
static int
row_change(struct auth *a, int op, const char *table)
{
	int rc = mine(a, table);

	if (rc == DB_OK && a->op == 0 && !internal(table)) {
		a->op = op;
		xstrset(&a->table, table);
	}
	return rc;
}

/* Lets exec() read anything but change only the tables and indexes
 * registered to the plugin, and create new ones only in its name space. */
static int
authorize(void *ud, int op, const char *x, const char *y, const char *db,
    const char *trigger)
{
	struct auth *a = ud;
	int rc;

	(void)db;
	(void)trigger;
	switch (op) {
	case SQLITE_READ:
	case SQLITE_SELECT:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return DB_OK;
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		return row_change(a, op, x);
	case SQLITE_CREATE_TABLE:
		return may_create(a, "table", x, x);
	case SQLITE_REINDEX:	/* also part of CREATE INDEX */
		if (a->created && x && sqlite3_stricmp(a->created, x) == 0)
			return DB_OK;
		return mine(a, x);
	case SQLITE_DROP_TABLE:
	case SQLITE_ANALYZE:
		return mine(a, x);
	case SQLITE_ALTER_TABLE:
		if ((rc = mine(a, y)) == DB_OK)
			xstrset(&a->altered, y);
		return rc;
	case SQLITE_CREATE_INDEX:
		return (rc = mine(a, y)) != DB_OK ? rc :
		    may_create(a, "index", x, y);
	case SQLITE_DROP_INDEX:
		return (rc = mine(a, y)) != DB_OK ? rc : mine(a, x);
	default:
		return deny(a, "(a statement other than a change to the plugin's "
		    "tables)", DENY_OTHER, NULL);
	}
}

/* The table of the index name on PostgreSQL into table ("" when there is
 * no such index): DROP INDEX names the index only. */
static int
index_table(struct ctx *ctx, const char *name, char *table, size_t size)
{
	struct dbst *st;
	int rc;

	table[0] = '\0';
	if ((rc = db_prepare(ctx, &st, "SELECT tablename FROM pg_indexes WHERE "
	    "schemaname = current_schema() AND indexname = ?")) != 0)
		return rc;
	db_bind(st, "t", name);
	if ((rc = dbst_step(st)) == DB_ROW)
		snprintf(table, size, "%s", dbst_text(st, 0));
	rc = rc == DB_ROW || rc == DB_DONE ? 0 : db_error(ctx, "cannot read the "
	    "indexes");
	dbst_finalize(st);
	return rc;
}

/* On PostgreSQL, which has no authorizer: what the statement does, read
 * from its words (plugin_auth_pg.c), put to authorize() as SQLite would
 * put it; DB_OK, or SQLITE_DENY with a->why set. */
static int
authorize_pg(struct ctx *ctx, struct auth *a, const char *sql, int *rc)
{
	struct pg_auth_stmt s;

	plugin_auth_pg_read(sql, &s);
	*rc = 0;
	if (s.op == SQLITE_DROP_INDEX &&
	    (*rc = index_table(ctx, s.x, s.y, sizeof(s.y))) != 0)
		return SQLITE_DENY;
	return authorize(a, s.op != 0 ? s.op : -1, s.x[0] ? s.x : NULL,
	    s.y[0] ? s.y : NULL, NULL, NULL);
}

/* The one-line refusal of what the authorizer denied. */
static int
exec_refused(const struct integra_host *h, const struct auth *a)
{
	const char *p = h->plugin->name;

	switch (a->why) {
	case DENY_OWNED:
		return error_set(h->ctx, ERR_FAIL, "plugin '%s' may change only its own "
		    "tables (named %s_*), not '%s', which belongs to plugin '%s'", p, p,
		    a->denied, a->owner);
	case DENY_SPACE:
		return error_set(h->ctx, ERR_FAIL, "plugin '%s' may not create '%s': the "
		    "name is in the name space of plugin '%s' (%s_*); name it %s_...", p,
		    a->denied, a->owner, a->owner, p);
	case DENY_UNREG:
		return error_set(h->ctx, ERR_FAIL, "plugin '%s' may change only the "
		    "tables registered to it, not '%s', which no plugin created through "
		    "exec() (run 'integra init' to adopt tables made before)", p,
		    a->denied);
	default:
		return error_set(h->ctx, ERR_FAIL, "plugin '%s' may change only its own "
		    "tables (named %s_*), not '%s'", p, p, a->denied);
	}
}

/* After a statement ran: registers the table or index it created to the
 * plugin; refuses a rename, since tables are registered by name. */
static int
exec_register(const struct integra_host *h, const struct auth *a)
{
	int64_t n = 1;
	int rc;

	if (a->altered && (rc = db_query_int(h->ctx, &n, dbc_is_pg(h->ctx->db) ?
	    "SELECT count(*) FROM pg_class WHERE relname = lower(?) AND "
	    "relnamespace = CAST(current_schema() AS regnamespace)" :
	    "SELECT count(*) FROM "
	    "sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", "t",
	    a->altered)) != 0)
		return rc;
	if (n == 0)
		return error_set(h->ctx, ERR_FAIL, "plugin '%s' may not rename its table "
		    "'%s': tables are registered by name (create a new table and copy "
		    "the rows)", h->plugin->name, a->altered);
	if (a->kind == NULL || a->created == NULL)
		return 0;
	return db_exec(h->ctx, "INSERT INTO plugin_object (name, kind, tbl, plugin, "
	    "schema_version, created) VALUES (?, ?, ?, ?, ?, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) ON CONFLICT (name) DO NOTHING",
	    "ttttd", a->created, a->kind, a->created_tbl, h->plugin->name,
	    (int)h->plugin->schema_version);
}

/* The audit row of a change to a plugin's table: the table, the plugin,
 * the statement and how many rows it changed. */
static int
audit_exec(const struct integra_host *h, const struct auth *a, const char *sql,
    int64_t rows)
{
	const char *action = a->op == SQLITE_INSERT ? "add" :
	    a->op == SQLITE_DELETE ? "remove" : "change";

	if (h->ctx->audit_off)
		return 0;
	return db_exec(h->ctx, "INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action, old, new) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now'), audit_user(), audit_command(), ?, ?, ?, NULL, "
	    "json_object('sql', ?, 'rows', ?))", "tttti", a->table, h->plugin->name,
	    action, sql, rows);
}

/* Prepares sql under the authorizer and runs it; *n is the rows it
 * changed in the plugin's tables. */
static int
exec_run(const struct integra_host *h, struct auth *a, const char *sql,
    const struct integra_value *params, size_t nparams, int64_t *n)
{
	struct ctx *ctx = h->ctx;
	struct dbst *st = NULL;
	int rc, step;

	if ((rc = owners_load(h, a)) != 0)
		return rc;
	if (dbc_sqlite(ctx->db))
		sqlite3_set_authorizer(dbc_sqlite(ctx->db), authorize, a);
	rc = prepare_one(h, sql, &st);
	if (rc == 0 && !dbc_sqlite(ctx->db) && authorize_pg(ctx, a, sql, &rc) != DB_OK)
		rc = rc != 0 ? rc : ERR_FAIL;
	if (rc != 0 && a->why != 0)
		rc = exec_refused(h, a);
	if (rc == 0) {
		bind_values(st, params, nparams);
		while ((step = dbst_step(st)) == DB_ROW)
			;
		if (step != DB_DONE)
			rc = db_error(ctx, "plugin statement failed");
		else if (a->op)
			*n = dbc_changes(ctx->db);
	}
	dbst_finalize(st);
	if (dbc_sqlite(ctx->db))
		sqlite3_set_authorizer(dbc_sqlite(ctx->db), NULL, NULL);
	return rc;
}

static int
api_exec(const struct integra_host *h, const char *sql,
    const struct integra_value *params, size_t nparams, int64_t *changes)
{
	struct ctx *ctx = h->ctx;
	struct auth a = { .plugin = h->plugin->name };
	int64_t n = 0;
	int rc;

	if ((rc = need_db(h, "exec()")) != 0)
		return rc;
	if (!ctx->in_tx)
		return error_set(ctx, ERR_FAIL, "plugin '%s': exec() runs only inside a "
		    "write transaction (a command flagged INTEGRA_COMMAND_WRITES, or "
		    "migrate())", h->plugin->name);
	rc = exec_run(h, &a, sql, params, nparams, &n);
	if (rc == 0)
		rc = exec_register(h, &a);
	if (rc == 0 && n > 0)
		rc = audit_exec(h, &a, sql, n);
	if (rc == 0 && changes)
		*changes = n;
	owners_free(&a);
	return rc;
}

/* A core command as argv, with its own validation and audit, run by the
 * dispatcher the host was given (ctx->plugin_env.run): inside the current
 * transaction when there is one; with show == 0 its results discarded. */
static int
api_run(const struct integra_host *h, int argc, const char *const *argv, int show)
{
	if (argc < 1)
		return error_set(h->ctx, ERR_USAGE, "plugin '%s': run() without a "
		    "command", h->plugin->name);
	h->ctx->err = 0;
	return h->ctx->plugin_env.run(h->ctx, argc, (char **)argv, !show);
}

/* Starts a result of the plugin's in the user's format on ctx->out. */
static int
api_emit_begin(const struct integra_host *h, const char *title,
    const struct integra_column *cols, size_t ncols)
{
	struct integra_host *mh = (struct integra_host *)h;

	if (h->emit)
		return error_set(h->ctx, ERR_FAIL, "plugin '%s': emit_begin() while a "
		    "result is open", h->plugin->name);
	return out_open(h->ctx, title, cols, ncols, &mh->emit);
}

static int
api_emit_row(const struct integra_host *h, const struct integra_value *vals)
{
	if (h->emit == NULL)
		return error_set(h->ctx, ERR_FAIL, "plugin '%s': emit_row() without "
		    "emit_begin()", h->plugin->name);
	return out_row(h->emit, vals);
}

static int
api_emit_end(const struct integra_host *h)
{
	struct integra_host *mh = (struct integra_host *)h;
	struct out *o = h->emit;

	if (o == NULL)
		return error_set(h->ctx, ERR_FAIL, "plugin '%s': emit_end() without "
		    "emit_begin()", h->plugin->name);
	mh->emit = NULL;
	return out_close(o, true);
}

static int
api_parse_date(const struct integra_host *h, const char *text, char out[11])
{
	return date_normalise(h->ctx, "date", text ? text : "", out);
}

/* Today, or the --as-of date of the command (report, deadlines) in ISO
 * form, as plugin.h promises. */
static void
api_today(const struct integra_host *h, char out[11])
{
	int32_t d;

	if (h->ctx->as_of && date_parse(h->ctx->as_of, &d) == 0)
		date_format(d, out);
	else
		date_format(date_today(), out);
}

const struct integra_api plugin_api = {
	.size = sizeof(struct integra_api),
	.abi_major = INTEGRA_ABI_MAJOR,
	.abi_minor = INTEGRA_ABI_MINOR,
	.log = api_log,
	.error = api_error,
	.config_int = api_config_int,
	.config_real = api_config_real,
	.config_bool = api_config_bool,
	.config_text = api_config_text,
	.query = api_query,
	.exec = api_exec,
	.run = api_run,
	.emit_begin = api_emit_begin,
	.emit_row = api_emit_row,
	.emit_end = api_emit_end,
	.parse_date = api_parse_date,
	.today = api_today,
	.record_get = record_get,
	.record_old = record_old,
	.record_set = record_set,
	.record_kind = record_kind,
};
