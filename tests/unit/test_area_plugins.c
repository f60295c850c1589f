/*
 * Unit tests of the four area plugins through their descriptors alone,
 * as the host will use them: each build/plugins/<name>.so is opened with
 * dlopen, and a mock host (a real in-memory SQLite database with the core
 * schema, record access over small arrays, a minimal `run` for org add,
 * programme add and enrol) drives validate(), the commands and the
 * reports' SQL.  Report figures are checked against hand-computed values
 * on small fixed data.
 */
#include <dlfcn.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "integra.h"
#include "schema.h"

#define MAXV 32

/* The mock host's state for one plugin. */
struct integra_host {
	sqlite3 *db;
	const struct integra_plugin *pl;
	int errcode;
	char err[1024];
	struct buf emitted;	/* rows emitted, "a|b|c\n" */
	size_t ncols;		/* of the result being emitted */
	int runs;		/* api->run calls */
};

struct field_value {
	const char *name;
	struct integra_value v;
};

struct integra_record {
	enum integra_record_kind kind;
	struct field_value now[MAXV], old[MAXV], set[MAXV];
	int nnow, nold, nset;
	int has_old;
};

static char plugdir[1024];
static struct ctx test_ctx = { .audit_off = true };
static const struct integra_api mock_api;

/* -- values -- */

static struct integra_value
vt(const char *s)
{
	struct integra_value v = { INTEGRA_TEXT, 0, 0, s, s ? strlen(s) : 0 };

	if (s == NULL)
		v.type = INTEGRA_NULL;
	return v;
}

static struct integra_value
vr(double r)
{
	struct integra_value v = { INTEGRA_REAL, 0, r, NULL, 0 };

	return v;
}

static struct integra_value
vi(int64_t i)
{
	struct integra_value v = { INTEGRA_INTEGER, i, 0, NULL, 0 };

	return v;
}

static void
value_text(struct buf *b, const struct integra_value *v)
{
	switch (v->type) {
	case INTEGRA_NULL:
		buf_adds(b, "-");
		break;
	case INTEGRA_INTEGER:
	case INTEGRA_BOOLEAN:
		buf_printf(b, "%lld", (long long)v->i);
		break;
	case INTEGRA_REAL:
		buf_printf(b, "%g", v->r);
		break;
	default:
		buf_adds(b, v->s ? v->s : "-");
	}
}

static struct integra_value
column_value(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return vi(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return vr(sqlite3_column_double(st, i));
	case SQLITE_NULL:
		return vt(NULL);
	default:
		return vt((const char *)sqlite3_column_text(st, i));
	}
}

static void
bind_value(sqlite3_stmt *st, int i, const struct integra_value *v)
{
	switch (v->type) {
	case INTEGRA_NULL:
		sqlite3_bind_null(st, i);
		break;
	case INTEGRA_INTEGER:
	case INTEGRA_BOOLEAN:
		sqlite3_bind_int64(st, i, v->i);
		break;
	case INTEGRA_REAL:
		sqlite3_bind_double(st, i, v->r);
		break;
	default:
		sqlite3_bind_text(st, i, v->s, -1, SQLITE_TRANSIENT);
	}
}

/* -- the mock api -- */

static void
m_log(const struct integra_host *h, enum integra_log_level lvl, const char *fmt, ...)
{
	(void)h; (void)lvl; (void)fmt;
}

static int
m_error(const struct integra_host *h, int code, const char *fmt, ...)
{
	struct integra_host *mh = (struct integra_host *)h;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(mh->err, sizeof(mh->err), fmt, ap);
	va_end(ap);
	mh->errcode = code;
	return code;
}

static const struct integra_config_key *
config_key(const struct integra_host *h, const char *key)
{
	const struct integra_config_key *k;

	for (k = h->pl->config; k && k->name; k++)
		if (strcmp(k->name, key) == 0)
			return k;
	return NULL;
}

static int
m_config_int(const struct integra_host *h, const char *key, int64_t *out)
{
	const struct integra_config_key *k = config_key(h, key);

	if (k == NULL || k->def == NULL)
		return INTEGRA_ENOTFOUND;
	*out = strtoll(k->def, NULL, 10);
	return 0;
}

static int
m_config_real(const struct integra_host *h, const char *key, double *out)
{
	const struct integra_config_key *k = config_key(h, key);

	if (k == NULL || k->def == NULL)
		return INTEGRA_ENOTFOUND;
	*out = strtod(k->def, NULL);
	return 0;
}

static int
m_config_bool(const struct integra_host *h, const char *key, int *out)
{
	(void)h; (void)key; (void)out;
	return INTEGRA_ENOTFOUND;
}

static int
m_config_text(const struct integra_host *h, const char *key, const char **out)
{
	const struct integra_config_key *k = config_key(h, key);

	if (k == NULL || k->def == NULL)
		return INTEGRA_ENOTFOUND;
	*out = k->def;
	return 0;
}

static int
m_query(const struct integra_host *h, const char *sql,
    const struct integra_value *params, size_t nparams, integra_row_fn row, void *ud)
{
	struct integra_value cols[32];
	sqlite3_stmt *st;
	size_t i;
	int n, rc;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("query does not prepare: %s\n%s", sqlite3_errmsg(h->db), sql);
	assert_true(sqlite3_stmt_readonly(st));
	for (i = 0; i < nparams; i++)
		bind_value(st, (int)i + 1, &params[i]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_count(st);
		for (i = 0; i < (size_t)n; i++)
			cols[i] = column_value(st, (int)i);
		if (row(ud, cols, (size_t)n) != 0)
			break;
	}
	sqlite3_finalize(st);
	return 0;
}

static int
m_exec(const struct integra_host *h, const char *sql,
    const struct integra_value *params, size_t nparams, int64_t *changes)
{
	struct integra_host *mh = (struct integra_host *)h;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("exec does not prepare: %s\n%s", sqlite3_errmsg(h->db), sql);
	for (i = 0; i < nparams; i++)
		bind_value(st, (int)i + 1, &params[i]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (changes)
		*changes = sqlite3_changes(h->db);
	if (rc != SQLITE_DONE)
		return m_error(mh, INTEGRA_EFAIL, "%s", sqlite3_errmsg(h->db));
	return 0;
}

static void
sqlx(sqlite3 *db, const char *sql, const char *a, const char *b, const char *c,
    const char *d, const char *e)
{
	const char *p[] = { a, b, c, d, e };
	sqlite3_stmt *st;
	int i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	for (i = 0; i < 5; i++)
		if (p[i])
			sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

/* The value of option NAME in argv, or NULL. */
static const char *
opt(int argc, const char *const *argv, const char *name)
{
	int i;

	for (i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* Just enough of the core commands for `decree load`. */
static int
m_run(const struct integra_host *h, int argc, const char *const *argv, int show)
{
	struct integra_host *mh = (struct integra_host *)h;
	char k[64];
	int i;

	(void)show;
	mh->runs++;
	if (argc >= 4 && strcmp(argv[0], "org") == 0 && strcmp(argv[1], "add") == 0) {
		sqlx(h->db, "INSERT INTO organisation (code, name, kind) VALUES (?1, ?2, "
		    "coalesce(?3, 'other'))", argv[2], argv[3], opt(argc, argv, "--kind"),
		    NULL, NULL);
	} else if (argc >= 5 && strcmp(argv[0], "programme") == 0) {
		sqlx(h->db, "INSERT INTO programme (area, code, title, owner_id, start, due) "
		    "VALUES (?1, ?2, ?3, (SELECT id FROM organisation WHERE code = ?4), ?5, NULL)",
		    argv[2], argv[3], argv[4], opt(argc, argv, "--owner"),
		    opt(argc, argv, "--start"));
		sqlx(h->db, "UPDATE programme SET due = ?1 WHERE code = ?2",
		    opt(argc, argv, "--due"), argv[3], NULL, NULL, NULL);
		for (i = 5; i + 1 < argc; i++) {
			if (strcmp(argv[i], "--field") != 0)
				continue;
			snprintf(k, sizeof(k), "$.%.*s", (int)strcspn(argv[i + 1], "="),
			    argv[i + 1]);
			sqlx(h->db, "UPDATE programme SET fields = json_set(fields, ?1, ?2) "
			    "WHERE code = ?3", k, strchr(argv[i + 1], '=') + 1, argv[3],
			    NULL, NULL);
		}
	} else if (argc >= 3 && strcmp(argv[0], "enrol") == 0) {
		assert_non_null(opt(argc, argv, "--role"));
		sqlx(h->db, "INSERT INTO participation (programme_id, org_id, role) VALUES "
		    "((SELECT id FROM programme WHERE code = ?1), (SELECT id FROM "
		    "organisation WHERE code = ?2), ?3)", argv[1], argv[2],
		    opt(argc, argv, "--role"), NULL, NULL);
	} else {
		fail_msg("unexpected api->run %s %s", argv[0], argc > 1 ? argv[1] : "");
	}
	return 0;
}

static int
m_emit_begin(const struct integra_host *h, const char *title,
    const struct integra_column *cols, size_t ncols)
{
	struct integra_host *mh = (struct integra_host *)h;

	(void)title; (void)cols;
	buf_reset(&mh->emitted);
	mh->ncols = ncols;
	return 0;
}

static int
m_emit_row(const struct integra_host *h, const struct integra_value *vals)
{
	struct integra_host *mh = (struct integra_host *)h;
	size_t i;

	for (i = 0; i < mh->ncols; i++) {
		if (i > 0)
			buf_addc(&mh->emitted, '|');
		value_text(&mh->emitted, &vals[i]);
	}
	buf_addc(&mh->emitted, '\n');
	return 0;
}

static int
m_emit_end(const struct integra_host *h)
{
	(void)h;
	return 0;
}

static int
m_parse_date(const struct integra_host *h, const char *text, char out[11])
{
	int32_t d;

	if (date_parse(text, &d) != 0)
		return m_error((struct integra_host *)h, INTEGRA_EINVALID,
		    "invalid date '%s'", text);
	date_format(d, out);
	return 0;
}

static void
m_today(const struct integra_host *h, char out[11])
{
	(void)h;
	snprintf(out, 11, "%s", "2021-10-01");
}

static struct field_value *
find_fv(struct field_value *fv, int n, const char *name)
{
	int i;

	for (i = n - 1; i >= 0; i--)
		if (strcmp(fv[i].name, name) == 0)
			return &fv[i];
	return NULL;
}

static int
m_record_get(struct integra_record *rec, const char *name, struct integra_value *out)
{
	struct field_value *f = find_fv(rec->set, rec->nset, name);

	if (f == NULL)
		f = find_fv(rec->now, rec->nnow, name);
	if (f == NULL)
		return INTEGRA_ENOTFOUND;
	*out = f->v;
	return 0;
}

static int
m_record_old(struct integra_record *rec, const char *name, struct integra_value *out)
{
	struct field_value *f = find_fv(rec->old, rec->nold, name);

	if (f == NULL)
		return INTEGRA_ENOTFOUND;
	*out = f->v;
	return 0;
}

static int
m_record_set(struct integra_record *rec, const char *name, const struct integra_value *v)
{
	assert_true(rec->nset < MAXV);
	rec->set[rec->nset].name = name;
	rec->set[rec->nset++].v = *v;
	return 0;
}

static enum integra_record_kind
m_record_kind(struct integra_record *rec)
{
	return rec->kind;
}

static const struct integra_api mock_api = {
	.size = sizeof(struct integra_api),
	.abi_major = INTEGRA_ABI_MAJOR,
	.abi_minor = INTEGRA_ABI_MINOR,
	.log = m_log,
	.error = m_error,
	.config_int = m_config_int,
	.config_real = m_config_real,
	.config_bool = m_config_bool,
	.config_text = m_config_text,
	.query = m_query,
	.exec = m_exec,
	.run = m_run,
	.emit_begin = m_emit_begin,
	.emit_row = m_emit_row,
	.emit_end = m_emit_end,
	.parse_date = m_parse_date,
	.today = m_today,
	.record_get = m_record_get,
	.record_old = m_record_old,
	.record_set = m_record_set,
	.record_kind = m_record_kind,
};

/* -- fixture -- */

static void
run_sql(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s\n%s", err, sql);
}

/* Opens build/plugins/<name>.so and a fresh database, then init and migrate. */
static struct integra_host *
host_open(const char *name)
{
	struct integra_host *h = xcalloc(1, sizeof(*h));
	char path[1200], *sql;
	void *dl;
	int v;

	snprintf(path, sizeof(path), "%s/%s.so", plugdir, name);
	if ((dl = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)
		fail_msg("dlopen %s: %s", path, dlerror());
	h->pl = dlsym(dl, INTEGRA_PLUGIN_SYMBOL);
	assert_non_null(h->pl);
	assert_int_equal(h->pl->magic, INTEGRA_PLUGIN_MAGIC);
	assert_int_equal(h->pl->abi_major, INTEGRA_ABI_MAJOR);
	assert_true(h->pl->abi_minor <= INTEGRA_ABI_MINOR);
	assert_int_equal(h->pl->size, sizeof(struct integra_plugin));
	assert_string_equal(h->pl->name, name);
	assert_int_equal(sqlite3_open(":memory:", &h->db), SQLITE_OK);
	assert_int_equal(db_register_functions(&test_ctx, h->db), 0);
	run_sql(h->db, "PRAGMA foreign_keys = ON");
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		run_sql(h->db, sql);
		free(sql);
	}
	assert_int_equal(h->pl->init(&mock_api, h), 0);
	if (h->pl->migrate)
		assert_int_equal(h->pl->migrate(h, 0, h->pl->schema_version), 0);
	return h;
}

static void
host_close(struct integra_host *h)
{
	if (h->pl->shutdown)
		h->pl->shutdown(h);
	sqlite3_close(h->db);
	buf_release(&h->emitted);
	free(h);
}

static void
bind_param(struct integra_host *h, sqlite3_stmt *st, int i, const char *name,
    const char *as_of, const char *from, const char *to)
{
	const struct integra_config_key *k;

	if (strcmp(name, ":area") == 0)
		sqlite3_bind_text(st, i, h->pl->area, -1, SQLITE_STATIC);
	else if (strcmp(name, ":as_of") == 0 && as_of)
		sqlite3_bind_text(st, i, as_of, -1, SQLITE_STATIC);
	else if (strcmp(name, ":from") == 0 && from)
		sqlite3_bind_text(st, i, from, -1, SQLITE_STATIC);
	else if (strcmp(name, ":to") == 0 && to)
		sqlite3_bind_text(st, i, to, -1, SQLITE_STATIC);
	else if (strncmp(name, ":cfg_", 5) == 0) {
		k = config_key(h, name + 5);
		if (k == NULL)
			fail_msg("report parameter %s names no config key", name);
		if (k->type == INTEGRA_INTEGER)
			sqlite3_bind_int64(st, i, strtoll(k->def, NULL, 10));
		else if (k->type == INTEGRA_REAL)
			sqlite3_bind_double(st, i, strtod(k->def, NULL));
		else
			sqlite3_bind_text(st, i, k->def, -1, SQLITE_STATIC);
	} else if (strcmp(name, ":as_of") != 0 && strcmp(name, ":from") != 0 &&
	    strcmp(name, ":to") != 0 && strcmp(name, ":within") != 0)
		fail_msg("unknown report parameter %s", name);
}

/* Runs report NAME (dimension BY, NULL for the default) as the report engine
 * would; the rows as "a|b|c\n" text, header first.  The caller frees it. */
static char *
report(struct integra_host *h, const char *name, const char *by, const char *as_of,
    const char *from, const char *to, int maxcols)
{
	const struct integra_report *r;
	const struct integra_report_query *q;
	struct buf b = { 0 };
	struct integra_value v;
	sqlite3_stmt *st;
	int i, n;

	for (r = h->pl->reports; r->name && strcmp(r->name, name) != 0; r++)
		;
	assert_non_null(r->name);
	for (q = r->queries; q->by && by && strcmp(q->by, by) != 0; q++)
		;
	assert_non_null(q->by);
	if (sqlite3_prepare_v2(h->db, q->sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("report %s/%s: %s", name, q->by, sqlite3_errmsg(h->db));
	assert_true(sqlite3_stmt_readonly(st));
	for (i = 1; i <= sqlite3_bind_parameter_count(st); i++)
		bind_param(h, st, i, sqlite3_bind_parameter_name(st, i), as_of, from, to);
	n = sqlite3_column_count(st);
	if (maxcols > 0 && n > maxcols)
		n = maxcols;
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "|" : "", sqlite3_column_name(st, i));
	buf_addc(&b, '\n');
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_addc(&b, '|');
			v = column_value(st, i);
			value_text(&b, &v);
		}
		buf_addc(&b, '\n');
	}
	sqlite3_finalize(st);
	return b.s;
}

static void
assert_report_n(struct integra_host *h, const char *name, const char *by,
    const char *as_of, int maxcols, const char *want)
{
	char *got = report(h, name, by, as_of, NULL, NULL, maxcols);

	if (strcmp(got, want) != 0)
		fail_msg("report %s by %s:\n-- got:\n%s-- wanted:\n%s", name,
		    by ? by : "default", got, want);
	free(got);
}

static int64_t
count_sql(struct integra_host *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	assert_int_equal(sqlite3_prepare_v2(h->db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
rec_add(struct integra_record *rec, const char *name, struct integra_value v)
{
	rec->now[rec->nnow].name = name;
	rec->now[rec->nnow++].v = v;
}

static void
rec_was(struct integra_record *rec, const char *name, struct integra_value v)
{
	rec->old[rec->nold].name = name;
	rec->old[rec->nold++].v = v;
}

/* validate(); on failure the message must contain `want`. */
static void
check_validate(struct integra_host *h, struct integra_record *rec, const char *want)
{
	int rc;

	h->err[0] = '\0';
	rc = h->pl->validate(h, rec);
	if (want == NULL) {
		if (rc != 0)
			fail_msg("validate refused: %s", h->err);
		return;
	}
	assert_int_equal(rc, INTEGRA_EINVALID);
	if (strstr(h->err, want) == NULL)
		fail_msg("error '%s' lacks '%s'", h->err, want);
}

static const struct integra_command *
command(struct integra_host *h, const char *name)
{
	const struct integra_command *c;

	for (c = h->pl->commands; c && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	fail_msg("no command %s", name);
	return NULL;
}

static int
run_cmd(struct integra_host *h, const char *name, int argc, const char **argv)
{
	h->err[0] = '\0';
	return command(h, name)->exec(h, argc, (char **)argv);
}

#define assert_report(h, name, by, as_of, want) \
	assert_report_n(h, name, by, as_of, 0, want)

/* -- civil_service -- */

static const char cs_data[] =
"INSERT INTO organisation (id, code, name, kind, region) VALUES\n"
" (1, 'MIN', 'Міністерство оборони', 'ministry', 'Київ'),\n"
" (2, 'ODA', 'Львівська ОДА', 'oblast-administration', 'Львівська');\n"
"INSERT INTO person (id, key, name, org_id, service) VALUES\n"
" (1, 'P1', 'Андрієнко Олена', 1, 'civil-service'),\n"
" (2, 'P2', 'Бондар Іван', 1, 'civil-service'),\n"
" (3, 'P3', 'Вакуленко Петро', 1, 'civil-service'),\n"
" (4, 'P4', 'Ґудзь Ярина', 1, NULL),\n"
" (5, 'P5', 'Гнатюк Марія', 2, 'local-self-government'),\n"
" (6, 'P6', 'Дячук Ігор', 2, 'civil-service'),\n"
" (7, 'P7', 'Єременко Ліна', 2, 'civil-service'),\n"
" (8, 'P8', 'Жук Тарас', 2, 'military');\n"
"INSERT INTO programme (id, area, code, title, fields) VALUES\n"
" (1, 'civil_service', 'CS1', 'Євроатлантична інтеграція', "
"   '{\"kind\":\"professional\",\"credits\":2}'),\n"
" (2, 'civil_service', 'CS2', 'НАТО: основи', '{\"kind\":\"short-term\",\"credits\":0.5}'),\n"
" (3, 'civil_service', 'CS3', 'Стандарти НАТО', '{\"kind\":\"professional\",\"credits\":3}'),\n"
" (4, 'exercises', 'EX1', 'Навчання', '{}');\n"
"INSERT INTO participation (programme_id, person_id, status, status_date, fields) VALUES\n"
" (1, 1, 'completed', NULL, '{\"completion_date\":\"2021-05-10\"}'),\n"
" (2, 1, 'completed', NULL, '{\"completion_date\":\"2021-11-02\",\"credits_earned\":0.5}'),\n"
" (1, 2, 'completed', NULL, '{\"completion_date\":\"2021-06-15\",\"credits_earned\":2}'),\n"
" (3, 2, 'completed', NULL, '{\"completion_date\":\"2021-12-20\",\"credits_earned\":2}'),\n"
" (1, 3, 'attended', NULL, '{}'),\n"
" (2, 5, 'completed', '2022-01-15', '{}'),\n"
" (1, 6, 'withdrawn', NULL, '{}'),\n"
" (4, 8, 'completed', '2021-07-01', '{}');\n";

static void
test_area_plugins_cs_credits_by_kind(void **state)
{
	struct integra_host *h = host_open("civil_service");
	struct integra_record r1 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r2 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r3 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r4 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r5 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_value v;

	(void)state;
	rec_add(&r1, "kind", vt("professional"));
	rec_add(&r1, "credits", vr(1.5));
	check_validate(h, &r1, "field 'credits' = 1.5 is out of range for kind "
	    "'professional' (allowed: 2 or more ECTS credits)");
	rec_add(&r2, "kind", vt("short-term"));
	rec_add(&r2, "credits", vr(1.5));
	check_validate(h, &r2, "(allowed: 0.2 to 1 ECTS credits)");
	rec_add(&r3, "kind", vt("short-term"));
	rec_add(&r3, "credits", vr(0.5));
	check_validate(h, &r3, NULL);
	assert_int_equal(m_record_get(&r3, "hours", &v), 0);
	assert_int_equal(v.type, INTEGRA_REAL);
	assert_true(v.r > 14.999 && v.r < 15.001);
	rec_add(&r4, "kind", vt("professional"));
	check_validate(h, &r4, "field 'credits' is required for kind 'professional'");
	rec_add(&r5, "kind", vt("other"));
	rec_add(&r5, "credits", vr(0.1));
	check_validate(h, &r5, NULL);
	assert_int_equal(m_record_get(&r5, "hours", &v), 0);
	assert_true(v.r > 2.999 && v.r < 3.001);
	host_close(h);
}

static void
test_area_plugins_cs_earned_at_most_programme(void **state)
{
	struct integra_host *h = host_open("civil_service");
	struct integra_record r1 = { .kind = INTEGRA_RECORD_PARTICIPATION };
	struct integra_record r2 = { .kind = INTEGRA_RECORD_PARTICIPATION };

	(void)state;
	run_sql(h->db, cs_data);
	rec_add(&r1, "programme", vt("CS2"));
	rec_add(&r1, "credits_earned", vr(0.75));
	check_validate(h, &r1, "field 'credits_earned' = 0.75 is more than programme "
	    "'CS2' gives (allowed: 0 to 0.5 ECTS credits)");
	rec_add(&r2, "programme", vt("CS1"));
	rec_add(&r2, "credits_earned", vr(2));
	check_validate(h, &r2, NULL);
	host_close(h);
}

static void
test_area_plugins_cs_reports(void **state)
{
	struct integra_host *h = host_open("civil_service");

	(void)state;
	run_sql(h->db, cs_data);
	assert_report(h, "cs_coverage", NULL, NULL,
	    "org|name|region|people|completed|share\n"
	    "ODA|Львівська ОДА|Львівська|3|1|33.3\n"
	    "MIN|Міністерство оборони|Київ|4|2|50\n");
	assert_report(h, "cs_coverage", "org", "2021-12-31",
	    "org|name|region|people|completed|share\n"
	    "ODA|Львівська ОДА|Львівська|3|0|0\n"
	    "MIN|Міністерство оборони|Київ|4|2|50\n");
	assert_report(h, "cs_coverage", "region", NULL,
	    "region|orgs|people|completed|share\n"
	    "Київ|1|4|2|50\n"
	    "Львівська|1|3|1|33.3\n");
	assert_report(h, "cs_credits", NULL, NULL,
	    "person|name|org|year|credits|target|met\n"
	    "P1|Андрієнко Олена|MIN|2021|2.5|3|no\n"
	    "P2|Бондар Іван|MIN|2021|4|3|yes\n"
	    "P5|Гнатюк Марія|ODA|2022|0.5|3|no\n");
	assert_report(h, "cs_credits", "org", NULL,
	    "org|name|year|people|met|avg_credits|target\n"
	    "MIN|Міністерство оборони|2021|2|1|3.25|3\n"
	    "ODA|Львівська ОДА|2022|1|0|0.5|3\n");
	assert_report(h, "cs_completions", NULL, NULL,
	    "period|completions|people|credits\n"
	    "2021-05|1|1|2\n"
	    "2021-06|1|1|2\n"
	    "2021-11|1|1|0.5\n"
	    "2021-12|1|1|2\n"
	    "2022-01|1|1|0.5\n");
	assert_report(h, "cs_completions", "year", NULL,
	    "period|completions|people|credits\n"
	    "2021|4|2|6.5\n"
	    "2022|1|1|0.5\n");
	host_close(h);
}

/* -- exercises -- */

static const char ex_data[] =
"INSERT INTO organisation (id, code, name, kind) VALUES\n"
" (1, 'U1', 'Військова частина А0101', 'military-unit'),\n"
" (2, 'U2', 'Військова частина А0202', 'military-unit'),\n"
" (3, 'U3', 'Військова частина А0303', 'military-unit'),\n"
" (4, 'MOD', 'Міністерство оборони України', 'ministry');\n"
"INSERT INTO person (id, key, name, service) VALUES (1, 'S1', 'Коваль Андрій', 'military');\n"
"INSERT INTO programme (id, area, code, title, start, end, status, fields) VALUES\n"
" (1, 'exercises', 'RT21', 'Rapid Trident 2021', '2021-09-20', '2021-10-01', 'completed',"
"   '{\"kind\":\"exercise\",\"domain\":\"land\"}'),\n"
" (2, 'exercises', 'SB21', 'Sea Breeze 2021', '2021-06-28', '2021-07-10', 'completed',"
"   '{\"kind\":\"exercise\",\"domain\":\"maritime\"}'),\n"
" (3, 'exercises', 'CR22', 'Cyber 2022', '2022-05-01', NULL, 'planned',"
"   '{\"kind\":\"exercise\",\"domain\":\"joint\"}'),\n"
" (4, 'exercises', 'XX21', 'Cancelled', '2021-03-01', NULL, 'cancelled',"
"   '{\"kind\":\"exercise\",\"domain\":\"land\"}'),\n"
" (5, 'civil_service', 'CS1', 'Курс', NULL, NULL, 'planned', '{}');\n"
"INSERT INTO participation (programme_id, org_id, person_id, status, fields) VALUES\n"
" (1, 1, NULL, 'completed', '{\"headcount\":300}'),\n"
" (1, 2, NULL, 'completed', '{\"headcount\":200}'),\n"
" (1, NULL, 1, 'completed', '{}'),\n"
" (2, 1, NULL, 'completed', '{\"headcount\":150}'),\n"
" (2, 3, NULL, 'withdrawn', '{\"headcount\":999}'),\n"
" (3, 2, NULL, 'enrolled', '{\"headcount\":50}'),\n"
" (4, 1, NULL, 'withdrawn', '{\"headcount\":77}');\n";

static void
test_area_plugins_ex_headcount_units_only(void **state)
{
	struct integra_host *h = host_open("exercises");
	struct integra_record r1 = { .kind = INTEGRA_RECORD_PARTICIPATION };
	struct integra_record r2 = { .kind = INTEGRA_RECORD_PARTICIPATION };
	struct integra_record r3 = { .kind = INTEGRA_RECORD_PARTICIPATION };
	struct integra_record r4 = { .kind = INTEGRA_RECORD_PARTICIPATION };

	(void)state;
	run_sql(h->db, ex_data);
	rec_add(&r1, "participant_kind", vt("person"));
	rec_add(&r1, "participant", vt("S1"));
	rec_add(&r1, "headcount", vi(5));
	check_validate(h, &r1, "field 'headcount' = 5 is for units only: person 'S1'");
	rec_add(&r2, "participant_kind", vt("organisation"));
	rec_add(&r2, "participant", vt("MOD"));
	check_validate(h, &r2, "organisation 'MOD' is of kind 'ministry' (allowed in "
	    "exercises: organisations of kind military-unit");
	rec_add(&r3, "participant_kind", vt("organisation"));
	rec_add(&r3, "participant", vt("U1"));
	rec_add(&r3, "headcount", vi(120));
	check_validate(h, &r3, NULL);
	rec_add(&r4, "participant_kind", vt("person"));
	rec_add(&r4, "participant", vt("S1"));
	check_validate(h, &r4, NULL);
	host_close(h);
}

static void
test_area_plugins_ex_reports(void **state)
{
	struct integra_host *h = host_open("exercises");

	(void)state;
	run_sql(h->db, ex_data);
	assert_report(h, "ex_by_year", NULL, NULL,
	    "year|domain|exercises|units|people|headcount\n"
	    "2021|land|1|2|1|500\n"
	    "2021|maritime|1|1|0|150\n"
	    "2022|joint|1|1|0|50\n");
	assert_report(h, "ex_unit_record", NULL, NULL,
	    "unit|name|exercises|first|last|headcount\n"
	    "U1|Військова частина А0101|2|2021-06-28|2021-09-20|450\n"
	    "U2|Військова частина А0202|2|2021-09-20|2022-05-01|250\n");
	host_close(h);
}

static void
test_area_plugins_ex_lessons(void **state)
{
	struct integra_host *h = host_open("exercises");
	const char *a1[] = { "lesson", "submit", "RT21", "Зв'язок між штабами налагоджувати заздалегідь" };
	const char *a2[] = { "lesson", "submit", "SB21", "More interpreters on ships" };
	const char *a3[] = { "lesson", "submit", "NOPE", "text" };
	const char *a4[] = { "lesson", "submit", "CS1", "text" };
	const char *a5[] = { "lesson", "submit", "RT21", "   " };
	const char *a6[] = { "lesson", "list" };
	const char *a7[] = { "lesson", "list", "SB21" };
	const char *a8[] = { "lesson", "submit", "RT21" };
	const char *a9[] = { "lesson", "validate", "1", "--on", "2021-10-05" };
	const char *a10[] = { "lesson", "identify", "1", "--action", "Спільні тренування",
	    "--due", "2021-12-01" };
	const char *a11[] = { "lesson", "identify", "1", "--action", "Спільні тренування",
	    "--body", "U1", "--due", "2021-12-01", "--on", "2021-10-06" };

	(void)state;
	run_sql(h->db, ex_data);
	assert_int_equal(run_cmd(h, "lesson", 4, a1), 0);
	assert_string_equal(h->emitted.s, "1|RT21|submitted\n");
	assert_int_equal(run_cmd(h, "lesson", 4, a2), 0);
	assert_int_equal(run_cmd(h, "lesson", 4, a3), INTEGRA_ENOTFOUND);
	assert_string_equal(h->err, "no exercise 'NOPE'");
	assert_int_equal(run_cmd(h, "lesson", 4, a4), INTEGRA_EINVALID);
	assert_string_equal(h->err, "programme 'CS1' is in area 'civil_service', not an exercise");
	assert_int_equal(run_cmd(h, "lesson", 4, a5), INTEGRA_EINVALID);
	assert_int_equal(run_cmd(h, "lesson", 3, a8), INTEGRA_EUSAGE);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM exercises_lesson"), 2);
	assert_int_equal(run_cmd(h, "lesson", 2, a6), 0);
	assert_string_equal(h->emitted.s,
	    "RT21|1|2021-10-01|Зв'язок між штабами налагоджувати заздалегідь|submitted|-|-|-|-|-|-\n"
	    "SB21|2|2021-10-01|More interpreters on ships|submitted|-|-|-|-|-|-\n");
	assert_int_equal(run_cmd(h, "lesson", 3, a7), 0);
	assert_string_equal(h->emitted.s,
	    "SB21|2|2021-10-01|More interpreters on ships|submitted|-|-|-|-|-|-\n");
	assert_int_equal(run_cmd(h, "lesson", 5, a9), 0);
	assert_int_equal(run_cmd(h, "lesson", 7, a10), INTEGRA_EINVALID);
	assert_string_equal(h->err, "lesson 1: a lesson identified needs an action body "
	    "(--body ORG, the organisation that carries out the remedial action)");
	assert_int_equal(run_cmd(h, "lesson", 11, a11), 0);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM exercises_lesson WHERE "
	    "status = 'identified' AND due = '2021-12-01' AND body_id IS NOT NULL"), 1);
	host_close(h);
}

/* -- procurement -- */

static const char pr_data[] =
"INSERT INTO organisation (id, code, name, kind) VALUES\n"
" (1, 'CMU', 'Кабінет Міністрів України', 'government'),\n"
" (2, 'MOD', 'Міністерство оборони України', 'ministry'),\n"
" (3, 'MOE', 'Міністерство економіки України', 'ministry');\n"
"INSERT INTO programme (id, area, code, title, owner_id, due, fields) VALUES\n"
" (1, 'procurement', 'R363', 'Особливості оборонних закупівель', 1, '2021-03-01',"
"  '{\"act_type\":\"cabinet-resolution\",\"stage\":\"in-force\",\"adopted_ref\":\"No. 363\","
"   \"adopted_date\":\"2021-03-03\"}'),\n"
" (2, 'procurement', 'R1275', 'Зміни до постанови 363', 1, NULL,"
"  '{\"act_type\":\"cabinet-resolution\",\"stage\":\"adopted\",\"adopted_ref\":\"No. 1275\","
"   \"adopted_date\":\"2022-11-11\",\"amends\":\"R363\"}'),\n"
" (3, 'procurement', 'O1', 'Порядок планування', 2, '2021-06-01',"
"  '{\"act_type\":\"ministry-order\",\"stage\":\"drafting\"}'),\n"
" (4, 'procurement', 'O2', 'Порядок звітування', 2, '2022-01-01',"
"  '{\"act_type\":\"ministry-order\",\"stage\":\"approval\"}'),\n"
" (5, 'procurement', 'O3', 'Скасований наказ', 3, '2021-09-01',"
"  '{\"act_type\":\"ministry-order\",\"stage\":\"cancelled\"}'),\n"
" (6, 'procurement', 'S1', 'Зупинення дії', 1, NULL,"
"  '{\"act_type\":\"cabinet-resolution\",\"stage\":\"adopted\","
"   \"adopted_date\":\"2023-01-01\",\"amends\":\"R1275\",\"effect\":\"suspends\"}'),\n"
" (7, 'civil_service', 'CS1', 'Курс', NULL, NULL, '{}');\n"
"INSERT INTO participation (programme_id, org_id, role) VALUES (4, 3, 'lead'),\n"
" (4, 2, 'co-executor');\n";

/* validate() of a programme moving from stage `from` (NULL: new) to `to`. */
static void
stage_move(struct integra_host *h, const char *from, const char *to,
    const char *type, const char *want)
{
	struct integra_record r = { .kind = INTEGRA_RECORD_PROGRAMME };

	rec_add(&r, "code", vt("O9"));
	rec_add(&r, "act_type", vt(type));
	rec_add(&r, "stage", vt(to));
	if (from) {
		rec_was(&r, "code", vt("O9"));
		rec_was(&r, "stage", vt(from));
	}
	check_validate(h, &r, want);
}

static void
test_area_plugins_pr_stages(void **state)
{
	struct integra_host *h = host_open("procurement");
	const char *co = "cabinet-resolution", *mo = "ministry-order";

	(void)state;
	stage_move(h, "adopted", "approval", co, "field 'stage' cannot move back from "
	    "'adopted' to 'approval' (allowed: adopted, in-force, amended, suspended, "
	    "cancelled)");
	stage_move(h, "in-force", "drafting", co, "cannot move back");
	stage_move(h, "drafting", "approval", co, NULL);
	stage_move(h, "drafting", "in-force", co, NULL);
	stage_move(h, "adopted", "amended", co, NULL);
	stage_move(h, "approval", "cancelled", co, NULL);
	stage_move(h, "in-force", "suspended", co, NULL);
	stage_move(h, "suspended", "in-force", co, NULL);
	stage_move(h, "suspended", "adopted", co, "(allowed: in-force, amended");
	stage_move(h, "cancelled", "in-force", co, "field 'stage' cannot move from "
	    "'cancelled' to 'in-force'");
	stage_move(h, "approval", "state-registration", co, "field 'stage' = "
	    "'state-registration' applies to ministry orders only (act_type is "
	    "'cabinet-resolution')");
	stage_move(h, "approval", "state-registration", mo, NULL);
	stage_move(h, NULL, "adopted", co, NULL);
	host_close(h);
}

static void
test_area_plugins_pr_defaults_and_amends(void **state)
{
	struct integra_host *h = host_open("procurement");
	struct integra_record r1 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r2 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r3 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r4 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r5 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_value v;

	(void)state;
	run_sql(h->db, pr_data);
	rec_add(&r1, "code", vt("NEW"));
	rec_add(&r1, "act_type", vt("cabinet-resolution"));
	check_validate(h, &r1, NULL);
	assert_int_equal(m_record_get(&r1, "law", &v), 0);
	assert_string_equal(v.s, "808-IX");
	assert_int_equal(m_record_get(&r1, "stage", &v), 0);
	assert_string_equal(v.s, "drafting");
	rec_add(&r2, "code", vt("R363"));
	rec_add(&r2, "amends", vt("R363"));
	check_validate(h, &r2, "field 'amends' = 'R363': an act cannot amend itself");
	rec_add(&r3, "code", vt("R363"));
	rec_was(&r3, "code", vt("R363"));
	rec_add(&r3, "amends", vt("S1"));
	check_validate(h, &r3, "field 'amends' = 'S1' would make a loop");
	rec_add(&r4, "code", vt("NEW"));
	rec_add(&r4, "amends", vt("CS1"));
	check_validate(h, &r4, "field 'amends' = 'CS1' is a programme of area "
	    "'civil_service'");
	rec_add(&r5, "code", vt("NEW"));
	rec_add(&r5, "effect", vt("suspends"));
	check_validate(h, &r5, "field 'effect' needs field 'amends'");
	host_close(h);
}

static void
test_area_plugins_pr_reports(void **state)
{
	struct integra_host *h = host_open("procurement");

	(void)state;
	run_sql(h->db, pr_data);
	assert_report(h, "pr_progress", NULL, "2021-10-01",
	    "body|name|acts|adopted|in_force|overdue\n"
	    "CMU|Кабінет Міністрів України|3|1|1|0\n"
	    "MOE|Міністерство економіки України|1|0|0|0\n"
	    "MOD|Міністерство оборони України|1|0|0|1\n");
	assert_report(h, "pr_progress", "body", "2023-06-01",
	    "body|name|acts|adopted|in_force|overdue\n"
	    "CMU|Кабінет Міністрів України|3|3|1|0\n"
	    "MOE|Міністерство економіки України|1|0|0|1\n"
	    "MOD|Міністерство оборони України|1|0|0|1\n");
	assert_report(h, "pr_progress", "act_type", "2021-10-01",
	    "act_type|acts|adopted|in_force|overdue\n"
	    "cabinet-resolution|3|1|1|0\n"
	    "ministry-order|2|0|0|1\n");
	assert_report(h, "pr_overdue", NULL, "2021-10-01",
	    "act|responsible|act_type|stage|due|days_late|title\n"
	    "O1|MOD|ministry-order|drafting|2021-06-01|122|Порядок планування\n");
	assert_report(h, "pr_overdue", NULL, "2022-01-02",
	    "act|responsible|act_type|stage|due|days_late|title\n"
	    "O1|MOD|ministry-order|drafting|2021-06-01|215|Порядок планування\n"
	    "O2|MOE|ministry-order|approval|2022-01-01|1|Порядок звітування\n");
	assert_report(h, "pr_lineage", NULL, NULL,
	    "act|level|by_act|effect|of_act|stage|adopted_ref|adopted_date|title\n"
	    "R363|1|R1275|amends|R363|adopted|No. 1275|2022-11-11|Зміни до постанови 363\n"
	    "R363|2|S1|suspends|R1275|adopted|-|2023-01-01|Зупинення дії\n");
	host_close(h);
}

/* -- decree -- */

static const char dc_by_instruction_1001[] =
"instruction|responsible|term|due|status|days_late\n"
"307/2021/CMU-1|CMU|2 months|2021-09-23|overdue|8\n"
"307/2021/CMU-2|CMU|none|-|no term|-\n"
"307/2021/CMU-3|CMU|3 months|2021-10-23|in progress|-\n"
"307/2021/CMU-4|CMU|6 months|2022-01-23|in progress|-\n"
"307/2021/CMU-5|CMU|none|-|no term|-\n"
"307/2021/MOD-1|MOD|none|-|no term|-\n"
"307/2021/MOD-2|MOD|2 months|2021-09-23|overdue|8\n"
"307/2021/MOD-3|MOD|immediately|2021-07-23|overdue|70\n"
"307/2021/ALL-1|CEB|none|-|no term|-\n"
"307/2021/ALL-2|CEB|none|-|no term|-\n"
"307/2021/ALL-3|CEB|none|-|no term|-\n"
"307/2021/ALL-4|CEB|none|-|no term|-\n";

static void
test_area_plugins_dc_load_and_execution(void **state)
{
	struct integra_host *h = host_open("decree");
	const char *load[] = { "load" };
	char *got;

	(void)state;
	assert_int_equal(run_cmd(h, "load", 1, load), 0);
	assert_string_equal(h->emitted.s, "307/2021|2021-07-23|12|12|3|12\n");
	assert_int_equal(h->runs, 27);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM programme WHERE area = "
	    "'decree'"), 12);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM participation WHERE role = "
	    "'responsible'"), 12);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM programme WHERE "
	    "json_extract(fields, '$.decree') = '307/2021' AND owner_id IS NOT NULL"), 12);
	/* Idempotent: a second load runs nothing and changes nothing. */
	assert_int_equal(run_cmd(h, "load", 1, load), 0);
	assert_string_equal(h->emitted.s, "307/2021|2021-07-23|12|0|0|0\n");
	assert_int_equal(h->runs, 27);
	assert_report_n(h, "dc_execution", NULL, "2021-10-01", 6, dc_by_instruction_1001);
	got = report(h, "dc_execution", NULL, "2021-10-01", NULL, NULL, 0);
	assert_non_null(strstr(got, "|appoint at once a military representative of the "
	    "Mission of Ukraine to NATO\n"));
	free(got);
	assert_report(h, "dc_execution", "responsible", "2021-10-01",
	    "responsible|name|instructions|done|in_progress|overdue|no_term|most_days_late\n"
	    "CMU|Кабінет Міністрів України|5|0|2|1|2|8\n"
	    "CEB|Міністерства та інші центральні органи виконавчої влади|4|0|0|0|4|-\n"
	    "MOD|Міністерство оборони України|3|0|0|2|1|70\n");
	/* Done late: completed on 30 September, 7 days after the due date. */
	run_sql(h->db, "UPDATE programme SET status = 'completed', end = '2021-09-30' "
	    "WHERE code = '307/2021/CMU-1'");
	assert_report_n(h, "dc_execution", NULL, "2021-10-01", 6,
	    "instruction|responsible|term|due|status|days_late\n"
	    "307/2021/CMU-1|CMU|2 months|2021-09-23|done|7\n"
	    "307/2021/CMU-2|CMU|none|-|no term|-\n"
	    "307/2021/CMU-3|CMU|3 months|2021-10-23|in progress|-\n"
	    "307/2021/CMU-4|CMU|6 months|2022-01-23|in progress|-\n"
	    "307/2021/CMU-5|CMU|none|-|no term|-\n"
	    "307/2021/MOD-1|MOD|none|-|no term|-\n"
	    "307/2021/MOD-2|MOD|2 months|2021-09-23|overdue|8\n"
	    "307/2021/MOD-3|MOD|immediately|2021-07-23|overdue|70\n"
	    "307/2021/ALL-1|CEB|none|-|no term|-\n"
	    "307/2021/ALL-2|CEB|none|-|no term|-\n"
	    "307/2021/ALL-3|CEB|none|-|no term|-\n"
	    "307/2021/ALL-4|CEB|none|-|no term|-\n");
	/* As of a day before it was done, it was overdue. */
	got = report(h, "dc_execution", NULL, "2021-09-25", NULL, NULL, 6);
	assert_non_null(strstr(got, "307/2021/CMU-1|CMU|2 months|2021-09-23|overdue|2\n"));
	assert_non_null(strstr(got, "307/2021/MOD-3|MOD|immediately|2021-07-23|overdue|64\n"));
	free(got);
	/* On the due day itself nothing is late yet. */
	got = report(h, "dc_execution", NULL, "2021-07-23", NULL, NULL, 6);
	assert_null(strstr(got, "overdue"));
	free(got);
	host_close(h);
}

/* The shipped CSV gives exactly the built-in data. */
static void
test_area_plugins_dc_file_matches_builtin(void **state)
{
	struct integra_host *a = host_open("decree"), *b = host_open("decree");
	const char *la[] = { "load" };
	const char *lb[] = { "load", "plugins/decree/307-2021.csv" };
	const char *dump = "SELECT group_concat(p.area || '|' || p.code || '|' || p.title "
	    "|| '|' || coalesce(p.due, '-') || '|' || p.start || '|' || p.fields || '|' || "
	    "o.code || '|' || o.name || '|' || o.kind, char(10)) FROM programme p "
	    "JOIN organisation o ON o.id = p.owner_id";
	sqlite3_stmt *sa, *sb;

	(void)state;
	assert_int_equal(run_cmd(a, "load", 1, la), 0);
	if (run_cmd(b, "load", 2, lb) != 0)
		fail_msg("load of the shipped file: %s", b->err);
	assert_int_equal(sqlite3_prepare_v2(a->db, dump, -1, &sa, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(b->db, dump, -1, &sb, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(sa), SQLITE_ROW);
	assert_int_equal(sqlite3_step(sb), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(sa, 0), sqlite3_column_text(sb, 0));
	sqlite3_finalize(sa);
	sqlite3_finalize(sb);
	host_close(a);
	host_close(b);
}

static char *
write_file(const char *text)
{
	char *path = xstrdup("/tmp/integra-decree-XXXXXX.csv");
	FILE *fp;
	int fd;

	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
test_area_plugins_dc_file_errors(void **state)
{
	struct integra_host *h = host_open("decree");
	char *bad_term = write_file("ref,responsible_code,responsible_name,responsible_kind,term,instruction\n"
	    "A-1,CMU,Кабінет Міністрів України,government,2 months,do one thing\n"
	    "A-2,CMU,Кабінет Міністрів України,government,2 fortnights,do another\n");
	char *short_line = write_file("A-1,CMU,Кабінет,government,2 months\n");
	char *bad_kind = write_file("A-1,CMU,Кабінет,club,2 months,do it\n");
	char *good = write_file("# another decree\n"
	    "A-1,MOU,Міністерство оборони України,ministry,1 month,\"do it, now\"\n"
	    "A-2,MOU,Міністерство оборони України,ministry,2 тижні,do more\n");
	const char *a1[] = { "load", bad_term, "--decree", "1/2022" };
	const char *a2[] = { "load", short_line, "--decree", "1/2022" };
	const char *a3[] = { "load", bad_kind, "--decree", "1/2022" };
	const char *a4[] = { "load", good };
	const char *a5[] = { "load", good, "--decree=5/2021", "--base", "31.08.2021" };
	const char *a6[] = { "load", "/nonexistent/x.csv", "--decree", "1/2022" };
	const char *a7[] = { "load", "--base", "2021-02-30" };
	const char *a8[] = { "load", "--frobnicate" };
	char want[512];

	(void)state;
	assert_int_equal(run_cmd(h, "load", 4, a1), INTEGRA_EINVALID);
	snprintf(want, sizeof(want), "%s:3: unknown term '2 fortnights' (allowed: N days, "
	    "N weeks, N months, N years, immediately or none)", bad_term);
	assert_string_equal(h->err, want);
	assert_int_equal(h->runs, 0);
	assert_int_equal(run_cmd(h, "load", 4, a2), INTEGRA_EINVALID);
	assert_non_null(strstr(h->err, ":1: expected 6 fields"));
	assert_int_equal(run_cmd(h, "load", 4, a3), INTEGRA_EINVALID);
	assert_non_null(strstr(h->err, ":1: unknown responsible_kind 'club'"));
	assert_int_equal(run_cmd(h, "load", 2, a4), INTEGRA_EUSAGE);
	assert_non_null(strstr(h->err, "give the decree's number with --decree"));
	assert_int_equal(run_cmd(h, "load", 4, a6), INTEGRA_ENOTFOUND);
	assert_int_equal(run_cmd(h, "load", 3, a7), INTEGRA_EINVALID);
	assert_int_equal(run_cmd(h, "load", 2, a8), INTEGRA_EUSAGE);
	assert_int_equal(h->runs, 0);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM programme"), 0);
	assert_int_equal(run_cmd(h, "load", 5, a5), 0);
	assert_string_equal(h->emitted.s, "5/2021|2021-08-31|2|2|1|2\n");
	assert_int_equal(count_sql(h, "SELECT count(*) FROM programme WHERE code = "
	    "'5/2021/A-1' AND due = '2021-09-30' AND title = 'do it, now'"), 1);
	assert_int_equal(count_sql(h, "SELECT count(*) FROM programme WHERE code = "
	    "'5/2021/A-2' AND due = '2021-09-14' AND json_extract(fields, '$.term') = "
	    "'2 тижні'"), 1);
	unlink(bad_term); unlink(short_line); unlink(bad_kind); unlink(good);
	free(bad_term); free(short_line); free(bad_kind); free(good);
	host_close(h);
}

static void
test_area_plugins_dc_validate_term(void **state)
{
	struct integra_host *h = host_open("decree");
	struct integra_record r1 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record r2 = { .kind = INTEGRA_RECORD_PROGRAMME };

	(void)state;
	rec_add(&r1, "term", vt("2 fortnights"));
	check_validate(h, &r1, "field 'term': unknown term '2 fortnights'");
	rec_add(&r2, "term", vt("3 місяці"));
	check_validate(h, &r2, NULL);
	host_close(h);
}

/* -- every plugin's tables, as a strict loader would check them -- */

static bool
is_ident(const char *s)
{
	return s && text_is_ident(s, 32);
}

static void
check_tables(struct integra_host *h, struct buf *report_names)
{
	const struct integra_plugin *pl = h->pl;
	const struct integra_field *f, *g;
	const struct integra_report *r;
	const struct integra_report_query *q;
	const struct integra_command *c;
	const char *const *v;
	char *rows;

	assert_true(is_ident(pl->name) && is_ident(pl->area));
	assert_non_null(pl->version);
	assert_non_null(pl->title);
	for (f = pl->fields; f && f->name; f++) {
		if (!is_ident(f->name))
			fail_msg("%s: field name '%s'", pl->name, f->name);
		for (g = pl->fields; g != f; g++)
			if (strcmp(g->name, f->name) == 0 && g->record == f->record)
				fail_msg("%s: field '%s' twice", pl->name, f->name);
		assert_non_null(f->label);
		assert_non_null(f->help);
		assert_true(f->type != INTEGRA_NULL);
		assert_true(f->type != INTEGRA_ENUM || (f->values && f->values[0]));
		assert_true(f->type != INTEGRA_REFERENCE || f->ref != INTEGRA_REF_NONE);
		assert_true(!(f->flags & INTEGRA_FIELD_BOUNDED) || f->min <= f->max);
		assert_true(!(f->flags & INTEGRA_FIELD_REQUIRED) ||
		    !(f->flags & INTEGRA_FIELD_DERIVED));
	}
	for (v = pl->roles; v && *v; v++)
		assert_true(is_ident(*v) || strchr(*v, '-'));
	for (c = pl->commands; c && c->name; c++) {
		assert_true(is_ident(c->name));
		assert_non_null(c->exec);
	}
	for (r = pl->reports; r && r->name; r++) {
		assert_true(is_ident(r->name));
		if (strstr(report_names->s ? report_names->s : "", r->name))
			fail_msg("report name '%s' used twice", r->name);
		buf_printf(report_names, " %s ", r->name);
		assert_non_null(r->queries);
		assert_non_null(r->queries[0].by);
		/* Every dimension runs on an empty database, as of a day and not. */
		for (q = r->queries; q->by; q++) {
			assert_true(is_ident(q->by));
			rows = report(h, r->name, q->by, NULL, NULL, NULL, 0);
			free(rows);
			rows = report(h, r->name, q->by, "2021-10-01", "2021-01-01",
			    "2021-12-31", 0);
			free(rows);
		}
	}
}

static void
test_area_plugins_tables(void **state)
{
	static const char *const names[] = {
		"civil_service", "exercises", "procurement", "decree"
	};
	struct buf reports = { 0 };
	struct integra_host *h;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		h = host_open(names[i]);
		check_tables(h, &reports);
		host_close(h);
	}
	buf_release(&reports);
}

/* -- posts -- */

static const char po_data[] =
"INSERT INTO organisation (id, code, name, kind) VALUES\n"
" (1, 'MOD', 'Міністерство оборони України', 'ministry');\n"
"INSERT INTO person (id, key, name, org_id) VALUES (1, 'P1', 'Коваленко Іван', 1),\n"
" (2, 'P2', 'Шевченко Олена', 1), (3, 'P3', 'Бойко Петро', 1);\n"
"INSERT INTO programme (id, area, code, title, start, end, status, fields) VALUES\n"
" (1, 'posts', 'SHAPE-J5', 'Офіцер J5', '2020-08-01', '2023-07-31', 'active',"
"   '{\"body\":\"SHAPE\",\"post_code\":\"J5-1\",\"grade\":\"OF-4\",\"kind\":\"military\","
"   \"clearance\":\"NS\"}'),\n"
" (2, 'posts', 'NCIA-C7', 'Інженер', '2021-03-01', NULL, 'active',"
"   '{\"body\":\"NCIA\",\"post_code\":\"C-7\",\"grade\":\"A3\",\"kind\":\"civilian\","
"   \"clearance\":\"NC\"}'),\n"
" (3, 'posts', 'NRU-1', 'Радник', '2021-09-01', NULL, 'cancelled',"
"   '{\"body\":\"NSPA\",\"post_code\":\"N-1\",\"grade\":\"A2\",\"kind\":\"civilian\","
"   \"clearance\":\"NR\"}'),\n"
" (4, 'posts', 'JFCB-L1', 'Офіцер зв''язку', '2021-01-01', '2022-12-31', 'active',"
"   '{\"body\":\"JFC Brunssum\",\"post_code\":\"L-1\",\"grade\":\"OF-3\","
"   \"kind\":\"military\",\"clearance\":\"NS\"}');\n"
"INSERT INTO participation (programme_id, person_id, status, start, end, fields) VALUES\n"
" (1, 1, 'enrolled', NULL, NULL, '{\"clearance\":\"NS\"}'),\n"
" (4, 2, 'enrolled', '2021-01-01', '2021-12-31', '{\"clearance\":\"CTS\"}'),\n"
" (2, 3, 'nominated', NULL, NULL, '{\"clearance\":\"NC\"}');\n";

/* An assignment record of person who to post, with its status, clearance
 * held and tour (NULL: the post's). */
static void
po_assignment(struct integra_record *r, const char *post, const char *who,
    const char *status, const char *held, const char *start, const char *end)
{
	r->kind = INTEGRA_RECORD_PARTICIPATION;
	rec_add(r, "programme", vt(post));
	rec_add(r, "participant", vt(who));
	rec_add(r, "status", vt(status));
	rec_add(r, "clearance", vt(held));
	rec_add(r, "start", vt(start));
	rec_add(r, "end", vt(end));
}

static void
test_area_plugins_po_posts(void **state)
{
	struct integra_host *h = host_open("posts");
	struct integra_record p1 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record p2 = { .kind = INTEGRA_RECORD_PROGRAMME };
	struct integra_record p3 = { .kind = INTEGRA_RECORD_PROGRAMME };

	(void)state;
	rec_add(&p1, "body", vt("NATO Moon Base"));
	check_validate(h, &p1, "field 'body' = 'NATO Moon Base' is not a NATO body");
	rec_add(&p2, "body", vt("NATO Representation to Ukraine"));
	rec_add(&p2, "grade", vt("OF-2"));
	rec_add(&p2, "kind", vt("civilian"));
	check_validate(h, &p2, "field 'grade' = 'OF-2' is not a grade of a civilian "
	    "post (allowed: A1..A7, B1..B6, G1..G7)");
	rec_add(&p3, "body", vt("NCIA"));
	rec_add(&p3, "grade", vt("B2"));
	rec_add(&p3, "kind", vt("civilian"));
	check_validate(h, &p3, NULL);
	host_close(h);
}

static void
test_area_plugins_po_assignments(void **state)
{
	struct integra_host *h = host_open("posts");
	struct integra_record r[6] = { { 0 } };

	(void)state;
	run_sql(h->db, po_data);
	po_assignment(&r[0], "SHAPE-J5", "P2", "enrolled", "NC", "2023-08-01", NULL);
	check_validate(h, &r[0], "field 'clearance' = 'NC' of 'P2' is below the "
	    "clearance post 'SHAPE-J5' requires (NS)");
	po_assignment(&r[1], "SHAPE-J5", "P2", "enrolled", "CTS", "2023-01-01", NULL);
	check_validate(h, &r[1], "post 'SHAPE-J5' already has an incumbent then: "
	    "'P1' from 2020-08-01 to 2023-07-31 (the tour of 'P2' from 2023-01-01 to "
	    "2023-07-31 overlaps it)");
	po_assignment(&r[2], "SHAPE-J5", "P2", "nominated", "CTS", NULL, NULL);
	check_validate(h, &r[2], NULL);
	po_assignment(&r[3], "SHAPE-J5", "P2", "enrolled", "CTS", "2023-08-01", NULL);
	check_validate(h, &r[3], NULL);
	/* Two rows of one import: the first is not stored yet. */
	po_assignment(&r[4], "NCIA-C7", "P3", "enrolled", "NC", "2021-03-01", "2022-12-31");
	check_validate(h, &r[4], NULL);
	po_assignment(&r[5], "NCIA-C7", "P1", "enrolled", "NS", "2022-06-01", NULL);
	check_validate(h, &r[5], "post 'NCIA-C7' already has an incumbent then: 'P3' "
	    "from 2021-03-01 to 2022-12-31");
	host_close(h);
}

static void
test_area_plugins_po_reports(void **state)
{
	struct integra_host *h = host_open("posts");
	struct buf names = { 0 };

	(void)state;
	check_tables(h, &names);
	buf_release(&names);
	run_sql(h->db, po_data);
	assert_report(h, "posts_filled", NULL, "2021-10-01",
	    "body|grade|posts|filled|vacant|filled_pct\n"
	    "JFC Brunssum|OF-3|1|1|0|100\n"
	    "NCIA|A3|1|0|1|0\n"
	    "SHAPE|OF-4|1|1|0|100\n");
	assert_report(h, "posts_filled", NULL, "2022-06-01",
	    "body|grade|posts|filled|vacant|filled_pct\n"
	    "JFC Brunssum|OF-3|1|0|1|0\n"
	    "NCIA|A3|1|0|1|0\n"
	    "SHAPE|OF-4|1|1|0|100\n");
	assert_report(h, "posts_rotation", NULL, "2021-10-01",
	    "body|post|post_code|grade|person|name|tour_end|days_left\n"
	    "JFC Brunssum|JFCB-L1|L-1|OF-3|P2|Шевченко Олена|2021-12-31|91\n");
	assert_report(h, "posts_gained", NULL, NULL,
	    "year|gained|target|shortfall|target_pct\n"
	    "2020|1|10|9|10\n"
	    "2021|2|10|8|20\n");
	host_close(h);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_area_plugins_tables),
		cmocka_unit_test(test_area_plugins_cs_credits_by_kind),
		cmocka_unit_test(test_area_plugins_cs_earned_at_most_programme),
		cmocka_unit_test(test_area_plugins_cs_reports),
		cmocka_unit_test(test_area_plugins_ex_headcount_units_only),
		cmocka_unit_test(test_area_plugins_ex_reports),
		cmocka_unit_test(test_area_plugins_ex_lessons),
		cmocka_unit_test(test_area_plugins_pr_stages),
		cmocka_unit_test(test_area_plugins_pr_defaults_and_amends),
		cmocka_unit_test(test_area_plugins_pr_reports),
		cmocka_unit_test(test_area_plugins_dc_load_and_execution),
		cmocka_unit_test(test_area_plugins_dc_file_matches_builtin),
		cmocka_unit_test(test_area_plugins_dc_file_errors),
		cmocka_unit_test(test_area_plugins_dc_validate_term),
		cmocka_unit_test(test_area_plugins_po_posts),
		cmocka_unit_test(test_area_plugins_po_assignments),
		cmocka_unit_test(test_area_plugins_po_reports),
	};
	char *copy = xstrdup(argc > 0 ? argv[0] : "build/tests/x");

	/* build/tests/test_area_plugins -> build/plugins */
	snprintf(plugdir, sizeof(plugdir), "%s/plugins", dirname(dirname(copy)));
	free(copy);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
