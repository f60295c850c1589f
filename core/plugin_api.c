/*
 * The services the host hands to every plugin (struct integra_api): the
 * log, error messages, typed look-ups in the plugin's configuration group,
 * read-only queries, writes confined to the plugin's own tables by an
 * SQLite authorizer, core commands run with their full validation and
 * audit, the user's output format, dates, and record access.  Each call
 * gets the plugin's struct integra_host, which carries the one context.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "plugin_host.h"

static const char *const level_names[] = { "error", "warning", "info", "debug" };

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
	    (unsigned)lvl < ARRAY_SIZE(level_names) ? level_names[lvl] : "log");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
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
	error_setv(h->ctx, code, fmt, ap);
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
prepare_one(const struct integra_host *h, const char *sql, sqlite3_stmt **st)
{
	if (db_prepare_single(h->ctx, st, sql) != 0)
		return error_set(h->ctx, h->ctx->err, "plugin '%s': %s", h->plugin->name,
		    h->ctx->errmsg);
	return 0;
}

static void
bind_values(sqlite3_stmt *st, const struct integra_value *params, size_t n)
{
	const struct integra_value *v;
	size_t i;

	for (i = 0; i < n; i++) {
		v = &params[i];
		switch (v->type) {
		case INTEGRA_INTEGER:
		case INTEGRA_BOOLEAN:
			sqlite3_bind_int64(st, (int)i + 1, v->i);
			break;
		case INTEGRA_REAL:
			sqlite3_bind_double(st, (int)i + 1, v->r);
			break;
		case INTEGRA_NULL:
			sqlite3_bind_null(st, (int)i + 1);
			break;
		default:
			if (v->s)
				sqlite3_bind_text(st, (int)i + 1, v->s,
				    v->n ? (int)v->n : -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, (int)i + 1);
			break;
		}
	}
}

static void
column_values(sqlite3_stmt *st, struct integra_value *vals, int n)
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
	sqlite3_stmt *st = NULL;
	int rc, n, step;

	if ((rc = need_db(h, "query()")) != 0)
		return rc;
	if ((rc = db_stmt_get(h->ctx, &st, sql)) != 0)
		return error_set(h->ctx, rc, "plugin '%s': %s", h->plugin->name,
		    h->ctx->errmsg);
	if (!sqlite3_stmt_readonly(st)) {
		db_stmt_put(h->ctx, st);
		return error_set(h->ctx, ERR_FAIL, "plugin '%s': query() takes read-only "
		    "statements; change data with exec() or run()", h->plugin->name);
	}
	bind_values(st, params, nparams);
	n = sqlite3_column_count(st);
	vals = xcalloc((size_t)n + 1, sizeof(*vals));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		column_values(st, vals, n);
		if (row && row(ud, vals, (size_t)n) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = db_error(h->ctx, "plugin query failed");
	db_stmt_put(h->ctx, st);
	free(vals);
	return rc;
}

/* What the authorizer saw: the plugin's table prefix and the first table
 * it refused. */
struct auth {
	const char *prefix;
	size_t len;
	char denied[128];
	int op;			/* the first row change seen, 0 for none */
	char table[128];	/* and its table */
};

static bool
own_table(struct auth *a, const char *table)
{
	if (table == NULL)
		return false;
	return strncmp(table, a->prefix, a->len) == 0 || strcmp(table, "sqlite_master") == 0 ||
	    strcmp(table, "sqlite_schema") == 0 || strcmp(table, "sqlite_sequence") == 0;
}

static int
deny(struct auth *a, const char *what)
{
	if (a->denied[0] == '\0')
		snprintf(a->denied, sizeof(a->denied), "%s", what ? what : "?");
	return SQLITE_DENY;
}

/* Lets exec() read anything but change only tables named <plugin>_*. */
static int
authorize(void *ud, int op, const char *x, const char *y, const char *db,
    const char *trigger)
{
	struct auth *a = ud;

	(void)db;
	(void)trigger;
	switch (op) {
	case SQLITE_READ:
	case SQLITE_SELECT:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		if (a->op == 0 && x && strncmp(x, a->prefix, a->len) == 0) {
			a->op = op;
			snprintf(a->table, sizeof(a->table), "%s", x);
		}
		return own_table(a, x) ? SQLITE_OK : deny(a, x);
	case SQLITE_CREATE_TABLE:
	case SQLITE_DROP_TABLE:
	case SQLITE_ANALYZE:
		return own_table(a, x) ? SQLITE_OK : deny(a, x);
	case SQLITE_ALTER_TABLE:
		return own_table(a, y) ? SQLITE_OK : deny(a, y);
	case SQLITE_REINDEX:
		return x && strncmp(x, a->prefix, a->len) == 0 ? SQLITE_OK : deny(a, x);
	case SQLITE_CREATE_INDEX:
	case SQLITE_DROP_INDEX:
		return own_table(a, y) && strncmp(x, a->prefix, a->len) == 0 ?
		    SQLITE_OK : deny(a, own_table(a, y) ? x : y);
	default:
		return deny(a, "(a statement other than a change to the plugin's tables)");
	}
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

static int
api_exec(const struct integra_host *h, const char *sql,
    const struct integra_value *params, size_t nparams, int64_t *changes)
{
	struct ctx *ctx = h->ctx;
	struct auth a = { 0 };
	sqlite3_stmt *st = NULL;
	char *prefix;
	int64_t n = 0;
	int rc, step;

	if ((rc = need_db(h, "exec()")) != 0)
		return rc;
	if (!ctx->in_tx)
		return error_set(ctx, ERR_FAIL, "plugin '%s': exec() runs only inside a "
		    "write transaction (a command flagged INTEGRA_COMMAND_WRITES, or "
		    "migrate())", h->plugin->name);
	prefix = xasprintf("%s_", h->plugin->name);
	a.prefix = prefix;
	a.len = strlen(prefix);
	sqlite3_set_authorizer(ctx->db, authorize, &a);
	rc = prepare_one(h, sql, &st);
	if (rc != 0 && a.denied[0])
		rc = error_set(ctx, ERR_FAIL, "plugin '%s' may change only its own tables "
		    "(named %s*), not '%s'", h->plugin->name, prefix, a.denied);
	if (rc == 0) {
		bind_values(st, params, nparams);
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (step != SQLITE_DONE)
			rc = db_error(ctx, "plugin statement failed");
		else if (a.op)
			n = sqlite3_changes(ctx->db);
	}
	sqlite3_finalize(st);
	sqlite3_set_authorizer(ctx->db, NULL, NULL);
	if (rc == 0 && n > 0)
		rc = audit_exec(h, &a, sql, n);
	if (rc == 0 && changes)
		*changes = n;
	free(prefix);
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
