/*
 * The PostgreSQL backend's opening of a server (a "postgresql://" URI or
 * "service=NAME", handed to libpq as is): the connection within the
 * configured timeout, the session's settings (encoding, date style, time
 * zone, lock timeout), and the audit context the server's triggers read
 * (integra.os_user, integra.command, integra.audit_on).
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "db_pg.h"
#include "store_pg.h"

/* The session's settings; lock_timeout is busy_timeout's counterpart. */
static const char session_sql[] =
    "SET application_name = 'integra'; "
    "SET client_encoding = 'UTF8'; "
    "SET DateStyle = 'ISO, YMD'";

/* Runs sql with the text values vals[0..n) bound, no rows wanted. */
static int
run(struct pgconn *c, const char *sql, const char *const *vals, int n)
{
	struct pgst *st = NULL;
	int i, rc;

	if ((rc = pg_prepare(c, sql, &st, NULL)) != DB_OK)
		return rc;
	for (i = 0; i < n && rc == DB_OK; i++)
		rc = pg_bind_text(st, i + 1, vals[i], -1);
	if (rc == DB_OK)
		rc = pg_step(st) == DB_ERROR ? DB_ERROR : DB_OK;
	pg_finalize(st);
	return rc;
}

/*
 * A copy of s with each byte that starts no valid UTF-8 sequence replaced
 * by '?': the server refuses such a setting, and the command it is read
 * from must reach integra's own check of its arguments (exit 4).
 */
static char *
utf8_clean(const char *s)
{
	char *out = xstrdup(s);
	size_t i, n, len = strlen(out);
	unsigned char b;

	for (i = 0; i < len; i += n) {
		b = (unsigned char)out[i];
		n = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
		if (n > len - i || !text_valid_utf8(out + i, n)) {
			out[i] = '?';
			n = 1;
		}
	}
	return out;
}

/* The session's settings and its audit context. */
static int
session_setup(struct ctx *ctx, struct pgconn *c)
{
	char *cmd = utf8_clean(ctx->cmdline ? ctx->cmdline : "");
	const char *audit[3] = { ctx->os_user ? ctx->os_user : "unknown",
	    cmd, ctx->audit_off ? "0" : "1" };
	const char *tz = getenv("TZ");
	char ms[24];
	const char *lock[1] = { ms };
	int rc;

	snprintf(ms, sizeof(ms), "%d", cfg_busy_timeout(ctx->cfg));
	rc = pg_exec(c, session_sql) != DB_OK ||
	    run(c, "SELECT set_config('lock_timeout', ?, false)", lock, 1) != DB_OK ||
	    run(c, "SELECT set_config('integra.os_user', ?, false), "
	    "set_config('integra.command', ?, false), "
	    "set_config('integra.audit_on', ?, false)", audit, 3) != DB_OK;
	free(cmd);
	if (rc)
		return error_set(ctx, ERR_FAIL, "cannot set up the session on "
		    "database server: %s", pg_errmsg(c));
	if (tz && *tz == ':')
		tz++;
	if (tz && *tz && *tz != '/' && run(c, "SELECT set_config('TimeZone', ?, "
	    "false)", &tz, 1) != DB_OK)
		warn_msg("time zone '%s' unknown to the database server: %s", tz,
		    pg_errmsg(c));
	return 0;
}

/*
 * Connects to the server uri within busy_timeout (rounded up to seconds,
 * at least 2) and makes the connection ctx->db.  The database must exist;
 * create changes nothing here ('integra init' makes the schema).
 */
int
db_open_pg(struct ctx *ctx, const char *uri, bool create)
{
	struct pgconn *c = NULL;
	char why[512];
	int timeout = (cfg_busy_timeout(ctx->cfg) + 999) / 1000, rc;

	(void)create;
	if (timeout < 2)
		timeout = 2;
	if (pg_connect(uri, timeout, &c, why, sizeof(why)) != 0)
		return error_set(ctx, ERR_FAIL, "cannot connect to the PostgreSQL "
		    "server on %s", why);
	ctx->db = xcalloc(1, sizeof(*ctx->db));
	ctx->db->kind = DB_POSTGRES;
	ctx->db->pg = c;
	if ((rc = session_setup(ctx, c)) != 0) {
		dbc_close(ctx->db);
		ctx->db = NULL;
	}
	return rc;
}

/* Sets integra.audit_on: for the open transaction only (it ends with it)
 * when one is open, else for the session. */
int
db_pg_audit(struct ctx *ctx, bool on)
{
	const char *v[2] = { on ? "1" : "0", ctx->in_tx ? "true" : "false" };

	if (ctx->db == NULL || !dbc_is_pg(ctx->db))
		return 0;
	if (run(ctx->db->pg, "SELECT set_config('integra.audit_on', ?, "
	    "CAST(? AS boolean))", v, 2) != DB_OK)
		return error_set(ctx, ERR_FAIL, "cannot switch the audit on the "
		    "database server: %s", pg_errmsg(ctx->db->pg));
	return 0;
}
