/*
 * The report engine.  A report is data (struct integra_report): a name, a
 * title, the question it answers and one SQL text per dimension (--by).
 * The core reports below use the very structs a plugin declares.  Running
 * a report binds the named parameters (:area, :from, :to, :as_of,
 * :overdue, :within and a plugin's :cfg_NAME), lets SQLite compute it and
 * streams the rows through an output target (struct out_target: the
 * format, resolved once, and the stream): standard output, a file written
 * atomically (-o FILE), or an export job's file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "deadlines.h"
#include "i18n.h"
#include "report_heading.h"
#include "suggest.h"

/* The date a participation counts at, for --from/--to and months. */
#define PA_DATE "coalesce(pa.status_date, pa.start, p.start)"

#define PA_FROM \
	" FROM participation pa JOIN programme p ON p.id = pa.programme_id"

#define PA_ORG \
	" LEFT JOIN person pe ON pe.id = pa.person_id" \
	" LEFT JOIN organisation o ON o.id = coalesce(pa.org_id, pe.org_id)"

#define PA_WHERE \
	" WHERE (:area IS NULL OR p.area = :area)" \
	" AND (:from IS NULL OR " PA_DATE " >= :from)" \
	" AND (:to IS NULL OR " PA_DATE " <= :to)"

#define PA_COUNTS \
	"sum(CASE WHEN pa.status = 'nominated' THEN 1 ELSE 0 END) AS nominated," \
	" sum(CASE WHEN pa.status = 'enrolled' THEN 1 ELSE 0 END) AS enrolled," \
	" sum(CASE WHEN pa.status = 'attended' THEN 1 ELSE 0 END) AS attended," \
	" sum(CASE WHEN pa.status = 'completed' THEN 1 ELSE 0 END) AS completed," \
	" sum(CASE WHEN pa.status = 'failed' THEN 1 ELSE 0 END) AS failed," \
	" sum(CASE WHEN pa.status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn," \
	" count(*) AS participations"

static const struct integra_report_query participation_queries[] = {
	{ "status",
	  "WITH s(status, ord) AS (VALUES ('nominated', 1), ('enrolled', 2),"
	  " ('attended', 3), ('completed', 4), ('failed', 5), ('withdrawn', 6)),"
	  " c AS (SELECT pa.status AS status, count(*) AS n" PA_FROM PA_WHERE
	  " GROUP BY pa.status)"
	  " SELECT s.status AS status, coalesce(c.n, 0) AS participations"
	  " FROM s LEFT JOIN c ON c.status = s.status ORDER BY s.ord" },
	{ "area",
	  "SELECT p.area AS area, " PA_COUNTS PA_FROM PA_WHERE
	  " GROUP BY p.area ORDER BY p.area" },
	{ "programme",
	  "SELECT p.code AS programme, p.area AS area, p.title AS title, "
	  PA_COUNTS PA_FROM PA_WHERE " GROUP BY p.id ORDER BY p.code" },
	{ "org",
	  "SELECT o.code AS org, o.name AS name, " PA_COUNTS PA_FROM PA_ORG
	  PA_WHERE " GROUP BY o.id ORDER BY o.name COLLATE uk, o.code" },
	{ "region",
	  "SELECT o.region AS region, " PA_COUNTS PA_FROM PA_ORG PA_WHERE
	  " GROUP BY o.region ORDER BY o.region COLLATE uk" },
	{ "month",
	  "SELECT substr(" PA_DATE ", 1, 7) AS month, " PA_COUNTS PA_FROM PA_WHERE
	  " GROUP BY 1 ORDER BY 1" },
	{ "none",
	  "SELECT p.code AS programme, p.area AS area,"
	  " coalesce(pe.key, po.code) AS participant,"
	  " CASE WHEN pa.person_id IS NULL THEN 'organisation' ELSE 'person' END"
	  " AS kind, coalesce(pe.name, po.name) AS name, o.code AS org,"
	  " o.region AS region, pa.role AS role, pa.status AS status,"
	  " pa.start AS start, pa.end AS \"end\", pa.status_date AS status_date,"
	  " pa.hours AS hours, pa.credits AS credits, pa.result AS result"
	  PA_FROM PA_ORG " LEFT JOIN organisation po ON po.id = pa.org_id"
	  PA_WHERE " ORDER BY pa.id" },
	{ NULL, NULL }
};

/* A count that a totals row sums, and a text column that it leaves out. */
#define COUNT_COLUMN(n, l) { .name = n, .label = l, .type = INTEGRA_INTEGER, \
	.flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM }
#define TEXT_COLUMN(n, l) { .name = n, .label = l, .type = INTEGRA_TEXT, \
	.total = INTEGRA_TOTAL_NONE }
#define DATE_COLUMN(n, l) { .name = n, .label = l, .type = INTEGRA_DATE, \
	.total = INTEGRA_TOTAL_NONE }

/* Columns every core report shares: what names a row. */
#define NAMING_COLUMNS \
	TEXT_COLUMN("org", N_("Organisation code")), \
	TEXT_COLUMN("name", N_("Name")), \
	TEXT_COLUMN("region", N_("Region")), \
	TEXT_COLUMN("area", N_("Area")), \
	TEXT_COLUMN("programme", N_("Programme")), \
	TEXT_COLUMN("title", N_("Title")), \
	TEXT_COLUMN("status", N_("Status"))

static const struct integra_column participation_columns[] = {
	NAMING_COLUMNS,
	TEXT_COLUMN("month", N_("Month")),
	TEXT_COLUMN("participant", N_("Participant")),
	TEXT_COLUMN("kind", N_("Kind")),
	TEXT_COLUMN("role", N_("Role")),
	TEXT_COLUMN("result", N_("Result")),
	COUNT_COLUMN("nominated", N_("Nominated")),
	COUNT_COLUMN("enrolled", N_("Enrolled")),
	COUNT_COLUMN("attended", N_("Attended")),
	COUNT_COLUMN("completed", N_("Completed")),
	COUNT_COLUMN("failed", N_("Failed")),
	COUNT_COLUMN("withdrawn", N_("Withdrawn")),
	{ .name = "participations", .label = N_("Participations"),
	  .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE,
	  .total = INTEGRA_TOTAL_SUM },
	DATE_COLUMN("start", N_("Start")),
	DATE_COLUMN("end", N_("End")),
	DATE_COLUMN("status_date", N_("Status date")),
	{ .name = "hours", .label = N_("Hours"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "credits", .label = N_("Credits"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = NULL }
};

/* People who completed a programme of the area in the period. */
#define COVERAGE_DONE \
	"WITH done AS (SELECT DISTINCT pa.person_id AS id" PA_FROM \
	" WHERE pa.status = 'completed' AND pa.person_id IS NOT NULL" \
	" AND (:area IS NULL OR p.area = :area)" \
	" AND (:from IS NULL OR coalesce(pa.status_date, pa.end) >= :from)" \
	" AND (:to IS NULL OR coalesce(pa.status_date, pa.end) <= :to)) "

#define COVERAGE_COUNTS \
	" count(*) AS people, count(d.id) AS completed," \
	" round(100.0 * count(d.id) / count(*), 1) AS share_pct" \
	" FROM person pe JOIN organisation o ON o.id = pe.org_id" \
	" LEFT JOIN done d ON d.id = pe.id"

static const struct integra_report_query coverage_queries[] = {
	{ "org",
	  COVERAGE_DONE "SELECT o.code AS org, o.name AS name," COVERAGE_COUNTS
	  " GROUP BY o.id ORDER BY o.name COLLATE uk, o.code" },
	{ "region",
	  COVERAGE_DONE "SELECT o.region AS region," COVERAGE_COUNTS
	  " GROUP BY o.region ORDER BY o.region COLLATE uk" },
	{ NULL, NULL }
};

static const struct integra_column coverage_columns[] = {
	NAMING_COLUMNS,
	COUNT_COLUMN("people", N_("People")),
	COUNT_COLUMN("completed", N_("Completed")),
	{ .name = "share_pct", .label = N_("Share, %"), .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_RATIO,
	  .numerator = "completed", .denominator = "people", .scale = 100 },
	{ .name = NULL }
};

/* The deadlines queries read dl(code, area, title, owner, due): the core's
 * programmes and the plugins' rows, put before them by deadlines_sql(). */
#define DL_WHERE \
	" FROM dl WHERE dl.due IS NOT NULL AND (:area IS NULL OR dl.area = :area)" \
	" AND (:from IS NULL OR dl.due >= :from) AND (:to IS NULL OR dl.due <= :to)" \
	" AND ((:overdue IS NULL AND :within IS NULL)" \
	" OR (:overdue IS NOT NULL AND dl.due < :as_of)" \
	" OR (:within IS NOT NULL AND dl.due >= :as_of" \
	" AND days_between(:as_of, dl.due) <= :within))"

static const struct integra_report_query deadlines_queries[] = {
	{ "none",
	  "SELECT dl.code AS code, dl.area AS area, dl.title AS title,"
	  " dl.owner AS owner, dl.due AS due,"
	  " CASE WHEN days_between(dl.due, :as_of) > 0"
	  " THEN days_between(dl.due, :as_of) END AS days_late,"
	  " CASE WHEN dl.due < :as_of THEN 'overdue' ELSE 'due' END AS status"
	  DL_WHERE " ORDER BY dl.due, dl.code" },
	{ "area",
	  "SELECT dl.area AS area, count(*) AS outstanding,"
	  " sum(CASE WHEN dl.due < :as_of THEN 1 ELSE 0 END) AS overdue,"
	  " max(CASE WHEN days_between(dl.due, :as_of) > 0"
	  " THEN days_between(dl.due, :as_of) ELSE 0 END) AS most_days_late"
	  DL_WHERE " GROUP BY dl.area ORDER BY dl.area" },
	{ NULL, NULL }
};

static const struct integra_column deadlines_columns[] = {
	NAMING_COLUMNS,
	TEXT_COLUMN("code", N_("Code")),
	TEXT_COLUMN("owner", N_("Responsible")),
	DATE_COLUMN("due", N_("Due")),
	{ .name = "days_late", .label = N_("Days late"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_NONE },
	COUNT_COLUMN("outstanding", N_("Outstanding")),
	{ .name = "overdue", .label = N_("Overdue"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE,
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "most_days_late", .label = N_("Most days late"),
	  .type = INTEGRA_INTEGER, .total = INTEGRA_TOTAL_NONE },
	{ .name = NULL }
};

static const struct integra_report core_reports[] = {
	{ .name = "participation", .title = N_("Participation"),
	  .summary = N_("how many took part, by status, area, programme, organisation, "
	  "region or month"),
	  .queries = participation_queries, .columns = participation_columns },
	{ .name = "coverage", .title = N_("Coverage"),
	  .summary = N_("what share of each organisation's or region's people completed "
	  "a programme"),
	  .queries = coverage_queries, .columns = coverage_columns },
	{ .name = "deadlines", .title = N_("Deadlines"),
	  .summary = N_("which programmes are due or late, by how many days, and whose "
	  "they are"),
	  .queries = deadlines_queries, .columns = deadlines_columns },
	{ 0 }
};

const struct optdef cmd_report_opts[] = {
	{ .name = "area", .flags = OPT_ARG, .arg = "AREA",
	  .help = N_("only programmes of this area") },
	{ .name = "from", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("only what happened on or after DATE") },
	{ .name = "to", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("only what happened on or before DATE") },
	{ .name = "as-of", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("answer as of DATE instead of today") },
	{ .name = "by", .flags = OPT_ARG, .arg = "DIMENSION",
	  .help = N_("group by this dimension (see 'report list')") },
	{ .name = "output", .shortname = 'o', .flags = OPT_ARG, .arg = "FILE",
	  .help = N_("write to FILE atomically instead of stdout") },
	{ .name = "excel", .help = N_("csv for spreadsheets: a byte-order mark, ';', "
	  "decimal commas; formula-like text kept text") },
	{ .name = "overdue", .help = N_("deadlines: only what is past due") },
	{ .name = "within", .flags = OPT_ARG, .arg = "DAYS",
	  .help = N_("deadlines: only what falls due within DAYS days") },
	{ 0 }
};

/* A report ready to stream: its statement with every parameter bound. */
struct prepared {
	const struct integra_report *rep;
	const struct integra_plugin *plugin;
	const struct integra_report_query *q;
	struct dbst *st;
	char title[256];
	struct report_heading heading;
};

/* Appends name to the list b and offers it to sg. */
static void
name_add(struct buf *b, struct suggest *sg, const char *name)
{
	buf_printf(b, "%s%s", b->len ? ", " : "", name);
	suggest_add(sg, name);
}

/* Appends the names of every report to b and offers them to sg. */
static void
report_names(struct ctx *ctx, struct buf *b, struct suggest *sg)
{
	const struct integra_report *r;
	const struct integra_plugin *p;
	size_t i, n = plugins_count(ctx);

	for (r = core_reports; r->name; r++)
		name_add(b, sg, r->name);
	for (i = 0; i < n; i++)
		if ((p = plugins_get(ctx, i)) != NULL)
			for (r = p->reports; r && r->name; r++)
				name_add(b, sg, r->name);
}

const struct integra_report *
report_find(struct ctx *ctx, const char *name, const struct integra_plugin **plugin_out)
{
	const struct integra_report *r;
	const struct integra_plugin *p;
	struct buf names = { 0 };
	struct suggest sg;
	char near[256];
	size_t i, n = plugins_count(ctx);

	if (plugin_out)
		*plugin_out = NULL;
	for (r = core_reports; r->name; r++)
		if (strcmp(r->name, name) == 0)
			return r;
	for (i = 0; i < n; i++) {
		if ((p = plugins_get(ctx, i)) == NULL)
			continue;
		for (r = p->reports; r && r->name; r++) {
			if (strcmp(r->name, name) == 0) {
				if (plugin_out)
					*plugin_out = p;
				return r;
			}
		}
	}
	suggest_init(&sg, name);
	report_names(ctx, &names, &sg);
	if (suggest_text(&sg, "", near, sizeof(near)) > 0)
		error_set(ctx, ERR_USAGE, "unknown report '%s'; did you mean %s? "
		    "(valid: %s)", name, near, names.s);
	else
		error_set(ctx, ERR_USAGE, "unknown report '%s' (valid: %s)", name,
		    names.s);
	buf_release(&names);
	return NULL;
}

/* The query of dimension `by` (the first when NULL), or NULL with an
 * error listing the report's dimensions. */
static const struct integra_report_query *
report_query(struct ctx *ctx, const struct integra_report *r, const char *by)
{
	const struct integra_report_query *q;
	struct buf names = { 0 };
	struct suggest sg;
	char near[256];

	if (r->queries == NULL || r->queries->by == NULL) {
		error_set(ctx, ERR_FAIL, "report '%s' has no query", r->name);
		return NULL;
	}
	if (by == NULL)
		return r->queries;
	for (q = r->queries; q->by; q++)
		if (strcmp(q->by, by) == 0)
			return q;
	suggest_init(&sg, by);
	for (q = r->queries; q->by; q++)
		name_add(&names, &sg, q->by);
	if (suggest_text(&sg, "", near, sizeof(near)) > 0)
		error_set(ctx, ERR_USAGE, "unknown dimension '%s' for report '%s'; "
		    "did you mean %s? (valid: %s)", by, r->name, near, names.s);
	else
		error_set(ctx, ERR_USAGE, "unknown dimension '%s' for report '%s' "
		    "(valid: %s)", by, r->name, names.s);
	buf_release(&names);
	return NULL;
}

/* Binds a plugin's configuration value to parameter i. */
static int
bind_cfg(struct ctx *ctx, struct prepared *pr, int i, const char *key)
{
	struct integra_value v;
	struct dbst *st = pr->st;

	if (pr->plugin == NULL || ctx->cfg == NULL ||
	    cfg_group_lookup(ctx->cfg, pr->plugin->name, pr->plugin->config, key,
	    &v, NULL) != 0)
		return error_set(ctx, ERR_FAIL, "report '%s' uses ':cfg_%s', which is "
		    "not a configuration key of its plugin", pr->rep->name, key);
	if (v.type == INTEGRA_INTEGER || v.type == INTEGRA_BOOLEAN)
		dbst_bind_int(st, i, v.i);
	else if (v.type == INTEGRA_REAL)
		dbst_bind_double(st, i, v.r);
	else if (v.s)
		dbst_bind_text(st, i, v.s, -1);
	return 0;
}

static void
bind_text(struct dbst *st, int i, const char *s)
{
	if (s)
		dbst_bind_text(st, i, s, -1);
	else
		dbst_bind_null(st, i);
}

/* Binds every named parameter the report's SQL uses. */
static int
bind_params(struct ctx *ctx, struct prepared *pr, const struct report_params *p,
    const char *from, const char *to, const char *as_of)
{
	int i, n = dbst_nparams(pr->st), rc;
	const char *name;

	for (i = 1; i <= n; i++) {
		name = dbst_param_name(pr->st, i);
		if (name == NULL)
			return error_set(ctx, ERR_FAIL, "report '%s' uses an unnamed "
			    "parameter", pr->rep->name);
		if (strcmp(name, ":area") == 0)
			bind_text(pr->st, i, p->area ? p->area :
			    pr->plugin ? pr->plugin->area : NULL);
		else if (strcmp(name, ":from") == 0)
			bind_text(pr->st, i, from);
		else if (strcmp(name, ":to") == 0)
			bind_text(pr->st, i, to);
		else if (strcmp(name, ":as_of") == 0)
			bind_text(pr->st, i, as_of);
		else if (strcmp(name, ":overdue") == 0 && p->overdue)
			dbst_bind_int(pr->st, i, 1);
		else if (strcmp(name, ":overdue") == 0)
			dbst_bind_null(pr->st, i);
		else if (strcmp(name, ":within") == 0 && p->within >= 0)
			dbst_bind_int(pr->st, i, p->within);
		else if (strcmp(name, ":within") == 0)
			dbst_bind_null(pr->st, i);
		else if (strncmp(name, ":cfg_", 5) == 0) {
			if ((rc = bind_cfg(ctx, pr, i, name + 5)) != 0)
				return rc;
		} else
			return error_set(ctx, ERR_FAIL, "report '%s' uses unknown "
			    "parameter '%s'", pr->rep->name, name);
	}
	return 0;
}

/* Checks and normalises the dates: from <= to, as_of defaults to today. */
static int
report_dates(struct ctx *ctx, const struct report_params *p, char from[11],
    char to[11], char as_of[11])
{
	int rc;

	from[0] = to[0] = '\0';
	if (p->from && (rc = date_normalise(ctx, "--from", p->from, from)) != 0)
		return rc;
	if (p->to && (rc = date_normalise(ctx, "--to", p->to, to)) != 0)
		return rc;
	if (from[0] && to[0] && strcmp(from, to) > 0)
		return error_set(ctx, ERR_USAGE, "--from %s is after --to %s", from, to);
	if (p->as_of || ctx->as_of)
		return date_normalise(ctx, "--as-of", p->as_of ? p->as_of : ctx->as_of,
		    as_of);
	date_format(date_today(), as_of);
	return 0;
}

/* The heading: "Participation by org, civil_service, 2021-10-01 to 2021-12-31". */
static void
report_title(struct prepared *pr, const char *area, const char *from, const char *to)
{
	struct buf b = { 0 };

	buf_adds(&b, pr->rep->title ? i18n_text(pr->rep->title) : pr->rep->name);
	if (strcmp(pr->q->by, "none") != 0 && pr->rep->queries[1].by != NULL)
		buf_printf(&b, _(" by %s"), pr->q->by);
	if (area)
		buf_printf(&b, ", %s", area);
	if (from[0] && to[0])
		buf_printf(&b, _(", %s to %s"), from, to);
	else if (from[0])
		buf_printf(&b, _(", from %s"), from);
	else if (to[0])
		buf_printf(&b, _(", to %s"), to);
	snprintf(pr->title, sizeof(pr->title), "%s", b.s);
	buf_release(&b);
}

/* Puts the report, its dimension and its plugin before the message of a
 * statement that could not be prepared (a second statement among them). */
static int
prepare_error(struct ctx *ctx, const struct prepared *pr, int rc)
{
	if (pr->plugin)
		return error_set(ctx, rc, "report '%s' by '%s' of plugin '%s': %s",
		    pr->rep->name, pr->q->by, pr->plugin->name, ctx->errmsg);
	return error_set(ctx, rc, "report '%s' by '%s': %s", pr->rep->name, pr->q->by,
	    ctx->errmsg);
}

/* The SQL of the core deadlines report, with the plugins' sources before
 * it (deadlines.c); nothing for any other report. */
static int
report_sql(struct ctx *ctx, const struct prepared *pr, struct buf *sql)
{
	if (pr->plugin != NULL || strcmp(pr->rep->name, "deadlines") != 0)
		return 0;
	return deadlines_sql(ctx, pr->q->sql, sql);
}

/*
 * Bounds SQLite's memory for a report (nothing on PostgreSQL).  A report
 * reads once through tables that grow with the register, and groups,
 * sorts and keeps DISTINCT rows in temporary b-trees, each with a page
 * cache of its own (2 MB by default, whatever temp.cache_size says): at
 * 1,000,000 participation rows the peak of coverage, cs_coverage,
 * cs_credits and ex_by_year was 1.25-1.42 times that at 10,000.  The
 * caches of the two databases are made small, and a soft heap limit makes
 * every cache, the temporary ones too, reuse its pages rather than grow
 * (1.01-1.11 times); the pages come back from the system's file cache.
 */
#define REPORT_CACHE_KB 256
#define REPORT_HEAP_KB 1024
static void
report_cache(struct ctx *ctx)
{
	char sql[128];

	if (dbc_sqlite(ctx->db) == NULL)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA main.cache_size = -%d; "
	    "PRAGMA temp.cache_size = -%d; PRAGMA soft_heap_limit = %d",
	    REPORT_CACHE_KB, REPORT_CACHE_KB, REPORT_HEAP_KB * 1024);
	(void)dbc_exec(ctx->db, sql);
}

/* Finds the report and dimension, checks the parameters and prepares the
 * bound statement; on failure nothing is left to release. */
static int
report_prepare(struct ctx *ctx, const char *name, const struct report_params *p,
    struct prepared *pr)
{
	char from[11], to[11], as_of[11];
	struct buf sql = { 0 };
	int rc;

	memset(pr, 0, sizeof(*pr));
	if ((pr->rep = report_find(ctx, name, &pr->plugin)) == NULL)
		return ctx->err;
	if ((pr->q = report_query(ctx, pr->rep, p->by)) == NULL)
		return ctx->err;
	if ((rc = report_dates(ctx, p, from, to, as_of)) != 0)
		return rc;
	if ((rc = report_sql(ctx, pr, &sql)) != 0) {
		buf_release(&sql);
		return rc;
	}
	report_cache(ctx);
	rc = db_prepare_single(ctx, &pr->st, sql.len ? sql.s : pr->q->sql);
	buf_release(&sql);
	if (rc != 0)
		return prepare_error(ctx, pr, rc);
	if (!dbst_readonly(pr->st))
		rc = error_set(ctx, ERR_FAIL, "report '%s' is not a read-only query",
		    pr->rep->name);
	if (rc == 0)
		rc = bind_params(ctx, pr, p, from[0] ? from : NULL, to[0] ? to : NULL,
		    as_of);
	if (rc != 0) {
		dbst_finalize(pr->st);
		pr->st = NULL;
		return rc;
	}
	report_title(pr, p->area, from, to);
	report_heading_make(ctx, &(struct heading_input){ .rep = pr->rep,
	    .plugin = pr->plugin, .by = pr->q->by, .area = p->area, .from = from,
	    .to = to, .as_of = p->as_of || ctx->as_of ? as_of : "",
	    .overdue = p->overdue, .within = p->within }, &pr->heading);
	return 0;
}

/* Column descriptions of the statement, typed by the report's hints. */
static struct integra_column *
report_columns(struct dbst *st, const struct integra_column *hints, size_t *n)
{
	const struct integra_column *h;
	struct integra_column *cols;
	int i, nc = dbst_ncols(st);

	cols = xcalloc((size_t)nc + 1, sizeof(*cols));
	for (i = 0; i < nc; i++) {
		cols[i].name = dbst_name(st, i);
		for (h = hints; h && h->name; h++) {
			if (strcmp(h->name, cols[i].name) == 0) {
				cols[i] = *h;
				cols[i].name = dbst_name(st, i);
				break;
			}
		}
	}
	*n = (size_t)nc;
	return cols;
}

/* Replaces the format's message after a failed write to the output with
 * one naming the target (NULL for standard output) and the reason. */
static int
write_error(struct ctx *ctx, const char *target, int err)
{
	if (target)
		return error_set(ctx, ERR_FAIL, "cannot write '%s': %s", target,
		    strerror(err ? err : EIO));
	return error_set(ctx, ERR_FAIL, "cannot write to standard output: %s",
	    strerror(err ? err : EIO));
}

/* Streams the rows through target t's format; finalizes the statement.
 * A failed step is an error, never a short result. */
static int
report_stream(struct ctx *ctx, struct prepared *pr, const struct out_target *t,
    int64_t *rows_out)
{
	struct integra_column *cols;
	struct integra_value *vals;
	struct out_target ht = *t;
	struct out *o = NULL;
	size_t n, i;
	int64_t rows = 0;
	int rc, step = DB_DONE, werr = 0;

	cols = report_columns(pr->st, pr->rep->columns, &n);
	vals = xcalloc(n + 1, sizeof(*vals));
	ht.heading = &pr->heading.h;
	rc = out_open_to(ctx, &ht, pr->title, cols, n, &o);
	while (rc == 0 && (step = dbst_step(pr->st)) == DB_ROW) {
		for (i = 0; i < n; i++)
			db_column_value(pr->st, (int)i, cols[i].type == INTEGRA_DATE ?
			    INTEGRA_DATE : INTEGRA_TEXT, &vals[i]);
		if ((rc = out_row(o, vals)) == 0)
			rows++;
		else
			werr = errno;
	}
	if (rc == 0 && step != DB_DONE)
		rc = db_error(ctx, "report query failed");
	if (o && out_close(o, rc == 0) != 0 && rc == 0) {
		rc = ctx->err ? ctx->err : ERR_FAIL;
		werr = errno;
	}
	if (rc != 0 && ferror(t->fp))
		rc = write_error(ctx, t->name, werr);
	if (rows_out)
		*rows_out = rows;
	dbst_finalize(pr->st);
	pr->st = NULL;
	report_heading_free(&pr->heading);
	free(vals);
	free(cols);
	return rc;
}

int
report_run(struct ctx *ctx, const char *name, const struct report_params *p,
    const struct out_target *t, int64_t *rows)
{
	struct prepared pr;
	int rc;

	if (rows)
		*rows = 0;
	if ((rc = report_prepare(ctx, name, p, &pr)) != 0)
		return rc;
	return report_stream(ctx, &pr, t, rows);
}

/* An area named by --area must be a loaded plugin's. */
int
report_area(struct ctx *ctx, const char *area)
{
	if (area && plugins_area(ctx, area) == NULL)
		return error_set(ctx, ERR_NOTFOUND, "area '%s' is not loaded (see "
		    "'integra plugin list')", area);
	return 0;
}

/* Checks what report_run would check, without the database. */
int
report_check(struct ctx *ctx, const char *name, const struct report_params *p)
{
	const struct integra_report *r;
	char from[11], to[11], as_of[11];

	if ((r = report_find(ctx, name, NULL)) == NULL ||
	    report_query(ctx, r, p->by) == NULL)
		return ctx->err;
	return report_dates(ctx, p, from, to, as_of);
}

/* One line of `report list`: name, area, summary, dimensions. */
static int
list_row(struct out *o, const struct integra_report *r, const char *area)
{
	const struct integra_report_query *q;
	struct integra_value v[4];
	struct buf dims = { 0 };
	const char *text[4];
	size_t k;
	int rc;

	for (q = r->queries; q && q->by; q++)
		buf_printf(&dims, "%s%s", dims.len ? ", " : "", q->by);
	text[0] = r->name;
	text[1] = area;
	text[2] = r->summary ? r->summary : "";
	text[3] = dims.s ? dims.s : "";
	for (k = 0; k < 4; k++)
		v[k] = (struct integra_value){ INTEGRA_TEXT, 0, 0, text[k], strlen(text[k]) };
	rc = out_row(o, v);
	buf_release(&dims);
	return rc;
}

/* integra report list: every report with its area and dimensions. */
static int
report_list(struct ctx *ctx, const struct out_target *t)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "area", .type = INTEGRA_TEXT, .flags = 0 },
		{ .name = "summary", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "dimensions", .type = INTEGRA_TEXT, .flags = 0 }
	};
	const struct integra_plugin *p;
	const struct integra_report *r;
	size_t i, n = plugins_count(ctx);
	struct out *o;
	int rc;

	if ((rc = out_open_to(ctx, t, "Reports", cols, ARRAY_SIZE(cols), &o)) != 0)
		return rc;
	for (r = core_reports; rc == 0 && r->name; r++)
		rc = list_row(o, r, "core");
	for (i = 0; rc == 0 && i < n; i++) {
		if ((p = plugins_get(ctx, i)) == NULL)
			continue;
		for (r = p->reports; rc == 0 && r && r->name; r++)
			rc = list_row(o, r, p->area ? p->area : p->name);
	}
	if (out_close(o, rc == 0) != 0 && rc == 0)
		rc = ctx->err ? ctx->err : ERR_FAIL;
	return rc;
}

/* Ends an output that may be a file: committed when rc is 0, else
 * abandoned; returns the outcome. */
static int
output_end(struct atomic *file, int rc)
{
	if (file && rc == 0)
		return atomic_commit(file, NULL);
	if (file)
		atomic_abort(file);
	return rc;
}

/* report list, to stdout or atomically to output. */
static int
report_list_to(struct ctx *ctx, const char *output)
{
	struct out_target t;
	struct atomic *file = NULL;
	int rc;

	if ((rc = out_target_init(ctx, ctx->format, &t)) != 0)
		return rc;
	if (output && (rc = atomic_open(ctx, output, &t, &file)) != 0)
		return rc;
	return output_end(file, report_list(ctx, &t));
}

/* Parses a --within value: whole days, 0 to 100000. */
int
report_within(struct ctx *ctx, const char *text, int64_t *out)
{
	char *end;
	long long days;

	days = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || days < 0 || days > 100000)
		return error_set(ctx, ERR_USAGE, "invalid --within '%s' (expected "
		    "a number of days, 0 to 100000)", text);
	*out = days;
	return 0;
}

/* Reads the options of `report` into params. */
int
report_args(struct ctx *ctx, const struct args *a, struct report_params *p)
{
	const char *w = args_get(a, "within");

	memset(p, 0, sizeof(*p));
	p->area = args_get(a, "area");
	p->from = args_get(a, "from");
	p->to = args_get(a, "to");
	p->as_of = args_get(a, "as-of");
	p->by = args_get(a, "by");
	p->overdue = args_has(a, "overdue");
	p->within = -1;
	return w ? report_within(ctx, w, &p->within) : 0;
}

/*
 * Runs a report to standard output or, with output, atomically to that
 * file: checks the area, the format and every parameter before anything
 * is written.  The format is looked up here, once.
 */
int
report_command(struct ctx *ctx, const char *name, const struct report_params *p,
    const char *output, bool excel)
{
	struct out_target t;
	struct prepared pr;
	struct atomic *file = NULL;
	int rc;

	if ((rc = report_area(ctx, p->area)) != 0 ||
	    (rc = out_target_init(ctx, ctx->format, &t)) != 0 ||
	    (rc = out_target_check(ctx, &t, output != NULL)) != 0 ||
	    (rc = report_prepare(ctx, name, p, &pr)) != 0)
		return rc;
	t.excel = excel;
	if (output && (rc = atomic_open(ctx, output, &t, &file)) != 0) {
		dbst_finalize(pr.st);
		report_heading_free(&pr.heading);
		return rc;
	}
	return output_end(file, report_stream(ctx, &pr, &t, NULL));
}

/* integra report: the --as-of date is also what api->today() answers. */
int
cmd_report(struct ctx *ctx, struct args *a)
{
	struct report_params p;
	int rc;

	if (strcmp(a->pos[0], "list") == 0)
		return report_list_to(ctx, args_get(a, "output"));
	if ((rc = report_args(ctx, a, &p)) != 0)
		return rc;
	if (p.as_of)
		ctx->as_of = p.as_of;
	return report_command(ctx, a->pos[0], &p, args_get(a, "output"),
	    args_has(a, "excel"));
}
