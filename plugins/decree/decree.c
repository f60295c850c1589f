/*
 * The decree plugin: a decree's instructions as programmes of the area
 * "decree", each with its responsible body as a participant (role
 * "responsible") and a due date computed from its legal term.  The
 * instructions of Decree of the President of Ukraine No. 307/2021 are
 * compiled in (the same data as 307-2021.csv beside this file); another
 * decree loads from a file in that format:
 *
 *   ref,responsible_code,responsible_name,responsible_kind,term,instruction
 *
 * `integra decree load` is idempotent: it adds only what is missing.  The
 * report dc_execution says, as of a day, what is done, in progress,
 * overdue (and by how many days) or has no term.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra/plugin.h"
#include "terms.h"
#include "duties.h"

#define DECREE_307	"307/2021"
#define LINE_MAX_	4096
#define NFIELDS		6

/* One instruction as written in the decree (or a line of a file). */
struct instruction {
	const char *ref;
	const char *resp_code;
	const char *resp_name;
	const char *resp_kind;
	const char *term;
	const char *text;
};

static const char CMU_NAME[] = "Кабінет Міністрів України";
static const char MOD_NAME[] = "Міністерство оборони України";
static const char CEB_NAME[] = "Міністерства та інші центральні органи виконавчої влади";

/* Decree No. 307/2021 of 23 July 2021 (the NSDC decision of 4 June 2021). */
static const struct instruction decree_307[] = {
	{ "CMU-1", "CMU", CMU_NAME, "government", "2 months",
	  "analyse progress of the annual national programmes under the NATO-Ukraine "
	  "Commission and raise their efficiency" },
	{ "CMU-2", "CMU", CMU_NAME, "government", "none",
	  "work out separate structural subdivisions on Euro-Atlantic integration in "
	  "government agencies" },
	{ "CMU-3", "CMU", CMU_NAME, "government", "3 months",
	  "consider a national system for the transition of the security and defence "
	  "sector to NATO standards" },
	{ "CMU-4", "CMU", CMU_NAME, "government", "6 months",
	  "develop professional development programmes on Euro-Atlantic integration for "
	  "civil servants and local self-government officials" },
	{ "CMU-5", "CMU", CMU_NAME, "government", "none",
	  "adopt the laws and regulations needed to implement the law on defence "
	  "procurement" },
	{ "MOD-1", "MOD", MOD_NAME, "ministry", "none",
	  "extend the NATO-Ukraine memorandum on consultation, command, communications, "
	  "intelligence, surveillance and reconnaissance under the Partnership for Peace" },
	{ "MOD-2", "MOD", MOD_NAME, "ministry", "2 months",
	  "propose to the Cabinet better requirements for physical security, internal "
	  "control and reporting of military property" },
	{ "MOD-3", "MOD", MOD_NAME, "ministry", "immediately",
	  "appoint at once a military representative of the Mission of Ukraine to NATO" },
	{ "ALL-1", "CEB", CEB_NAME, "other", "none",
	  "participation of the Armed Forces in NATO operations, exercises and trainings" },
	{ "ALL-2", "CEB", CEB_NAME, "other", "none",
	  "intensify the dialogue of Ukrainian intelligence with NATO colleagues" },
	{ "ALL-3", "CEB", CEB_NAME, "other", "none",
	  "exchange experience in countering hybrid war with the Russian Federation" },
	{ "ALL-4", "CEB", CEB_NAME, "other", "none",
	  "assign Ukrainians to additional positions at NATO Headquarters and other "
	  "NATO bodies" },
};
#define DECREE_307_N (sizeof(decree_307) / sizeof(decree_307[0]))

/* The organisation kinds of the core (integra org add --kind). */
static const char *const org_kinds[] = {
	"ministry", "agency", "government", "oblast-administration",
	"local-council", "military-unit", "education-provider", "other", NULL
};

static const struct integra_api *api;

/* A loaded set of instructions, with the text of a file kept alive. */
struct batch {
	struct instruction *rows;
	char **lines;		/* owned copies of the file's lines */
	size_t n;
	size_t cap;
};

/* What a load did. */
struct tally {
	int64_t rows, new_instructions, new_bodies, new_links;
};

static int cmd_load(const struct integra_host *, int, char **);

static const char *const roles[] = { "responsible", "co-executor", NULL };

static const struct integra_field fields[] = {
	{ .name = "decree",
	  .label = N_("Decree"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .help = N_("number of the decree, e.g. 307/2021") },
	{ .name = "ref",
	  .label = N_("Ref."),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .help = N_("the instruction's reference inside the decree, e.g. CMU-1") },
	{ .name = "term",
	  .label = N_("Term"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .help = N_("legal term: N days, N weeks, N months, N years, immediately or none") },
	{ .name = "base",
	  .label = N_("Base date"),
	  .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_DATE,
	  .help = N_("the date the term runs from") },
	{ .name = NULL }
};

static const struct integra_config_key config[] = {
	{ .name = "base_date", .type = INTEGRA_DATE, .def = "2021-07-23",
	  .help = N_("date the terms of the built-in decree run from (the "
	  "decree's date)") },
	{ .name = NULL }
};

/* One row per instruction, with its status as of :as_of. */
#define EXEC_CTE \
	"WITH d AS (SELECT coalesce(:as_of, date('now', 'localtime')) AS as_of), " \
	"i AS (SELECT p.id, p.code, p.title, p.due, " \
	"  json_extract(p.fields, '$.decree') AS decree, " \
	"  json_extract(p.fields, '$.term') AS term, " \
	"  CASE WHEN p.status = 'completed' AND (p.end IS NULL OR p.end <= d.as_of) " \
	"    THEN 'done' WHEN p.due IS NULL THEN 'no term' " \
	"    WHEN p.due < d.as_of THEN 'overdue' ELSE 'in progress' END AS status, " \
	"  CASE WHEN p.status = 'completed' AND (p.end IS NULL OR p.end <= d.as_of) " \
	"    THEN CASE WHEN p.end > p.due THEN " \
	"      CAST(julianday(p.end) - julianday(p.due) AS INTEGER) END " \
	"    WHEN p.due < d.as_of THEN " \
	"      CAST(julianday(d.as_of) - julianday(p.due) AS INTEGER) END AS days_late " \
	"  FROM programme p, d WHERE p.area = 'decree' AND p.status <> 'cancelled') "

static const struct integra_report_query exec_queries[] = {
	{ "instruction", EXEC_CTE
	  "SELECT i.code AS instruction, "
	  "(SELECT group_concat(o.code, ', ') FROM participation pa "
	  "  JOIN organisation o ON o.id = pa.org_id "
	  "  WHERE pa.programme_id = i.id AND pa.role = 'responsible') AS responsible, "
	  "i.term, i.due, i.status, i.days_late, i.title "
	  "FROM i ORDER BY i.decree, i.id" },
	{ "responsible", EXEC_CTE
	  "SELECT o.code AS responsible, o.name, count(*) AS instructions, "
	  "sum(CASE WHEN i.status = 'done' THEN 1 ELSE 0 END) AS done, "
	  "sum(CASE WHEN i.status = 'in progress' THEN 1 ELSE 0 END) AS in_progress, "
	  "sum(CASE WHEN i.status = 'overdue' THEN 1 ELSE 0 END) AS overdue, "
	  "sum(CASE WHEN i.status = 'no term' THEN 1 ELSE 0 END) AS no_term, "
	  "max(i.days_late) AS most_days_late "
	  "FROM i JOIN participation pa ON pa.programme_id = i.id "
	  "  AND pa.role = 'responsible' "
	  "JOIN organisation o ON o.id = pa.org_id "
	  "GROUP BY o.id ORDER BY o.name COLLATE uk" },
	{ NULL, NULL }
};

static const struct integra_column exec_columns[] = {
	{ .name = "instruction", .label = N_("Instruction"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "responsible", .label = N_("Responsible"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "name", .label = N_("Organisation"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "term", .label = N_("Term"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "status", .label = N_("Status"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "title", .label = N_("Title"), .type = INTEGRA_TEXT,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "instructions", .label = N_("Instructions"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "done", .label = N_("Done"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "in_progress", .label = N_("In progress"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "overdue", .label = N_("Overdue"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = "no_term", .label = N_("No term"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_TOTAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "days_late", .label = N_("Days late"), .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_NONE },
	{ .name = "most_days_late", .label = N_("Most days late"), .type = INTEGRA_INTEGER,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "due", .label = N_("Due"), .type = INTEGRA_DATE,
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = NULL }
};

static const struct integra_report reports[] = {
	{ .name = "dc_execution", .title = N_("Execution of the decree's instructions"),
	  .summary = N_("which instructions are done, in progress, overdue (days "
	  "late) or have no term, as of a day"),
	  .queries = exec_queries, .columns = exec_columns },
	{ .name = "dc_duties", .title = N_("Recurring reporting duties"),
	  .summary = N_("each recurring duty's latest occurrence (done, done late, "
	  "late or due) and its next one, as of a day"),
	  .queries = duties_queries, .columns = duties_columns },
	{ .name = NULL }
};

static const struct integra_command commands[] = {
	{ .name = "load", .usage = N_("[FILE] [--base DATE] [--decree NUMBER]"),
	  .summary = N_("load a decree's instructions (built in: No. 307/2021); "
	  "idempotent"),
	  .flags = INTEGRA_COMMAND_WRITES, .exec = cmd_load },
	{ .name = "duty",
	  .usage = N_("add CODE TITLE --rule RULE --basis TEXT --recipient TEXT "
	  "[--owner ORG] [--from DATE] | done CODE [DUE] [--on DATE] | "
	  "list [--as-of DATE]"),
	  .summary = N_("recurring reporting duties: add one, mark an occurrence "
	  "done, list them with their next occurrence"),
	  .flags = INTEGRA_COMMAND_WRITES, .exec = duties_cmd },
	{ .name = NULL }
};

static int
decree_init(const struct integra_api *a, const struct integra_host *h)
{
	(void)h;
	api = a;
	duties_init(a);
	return INTEGRA_OK;
}

/* Version 1: the tables of recurring duties. */
static int
decree_migrate(const struct integra_host *h, uint32_t from, uint32_t to)
{
	if (from < 1 && to >= 1)
		return duties_migrate(h);
	return INTEGRA_OK;
}

/* A programme of the area: its term must be one we can count. */
static int
decree_validate(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value v;
	struct decree_term t;
	char err[256];

	if (api->record_kind(rec) != INTEGRA_RECORD_PROGRAMME)
		return INTEGRA_OK;
	if (api->record_get(rec, "term", &v) != 0 || v.type == INTEGRA_NULL || !v.s)
		return INTEGRA_OK;
	if (decree_term_parse(v.s, &t, err, sizeof(err)) != 0)
		return api->error(h, INTEGRA_EINVALID, "field 'term': %s", err);
	return INTEGRA_OK;
}

/* Row callback: the first column as an integer. */
static int
first_int(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *out = ud;

	if (ncols > 0)
		*out = cols[0].type == INTEGRA_INTEGER ? cols[0].i : 0;
	return 1;
}

/* Row callback: the first column as text into a 64-byte buffer. */
static int
first_text(void *ud, const struct integra_value *cols, size_t ncols)
{
	char *out = ud;

	if (ncols > 0 && cols[0].s)
		snprintf(out, 64, "%s", cols[0].s);
	return 1;
}

static struct integra_value
text(const char *s)
{
	struct integra_value v = { INTEGRA_TEXT, 0, 0, s, strlen(s) };

	return v;
}

static int
count(const struct integra_host *h, const char *sql, const char *a,
    const char *b, int64_t *out)
{
	struct integra_value p[2];

	p[0] = text(a);
	if (b)
		p[1] = text(b);
	*out = 0;
	return api->query(h, sql, p, b ? 2 : 1, first_int, out);
}

/* Adds the responsible body unless it exists. */
static int
ensure_body(const struct integra_host *h, const struct instruction *r,
    struct tally *t)
{
	const char *argv[] = { "org", "add", r->resp_code, r->resp_name, "--kind",
	    r->resp_kind };
	int64_t n;
	int rc;

	if ((rc = count(h, "SELECT count(*) FROM organisation WHERE code = ?1",
	    r->resp_code, NULL, &n)) != 0)
		return rc;
	if (n > 0)
		return INTEGRA_OK;
	t->new_bodies++;
	return api->run(h, 6, argv, 0);
}

/* Adds the instruction as a programme unless it exists. */
static int
ensure_programme(const struct integra_host *h, const struct instruction *r,
    const char *code, const char *decree, const char *base, struct tally *t)
{
	char area[64] = "", due[11], f_dec[128], f_ref[128], f_term[160], f_base[32];
	const char *argv[20];
	struct decree_term term;
	char err[256] = "not a date";
	int argc = 0, rc;

	if ((rc = api->query(h, "SELECT area FROM programme WHERE code = ?1",
	    &(struct integra_value){ INTEGRA_TEXT, 0, 0, code, strlen(code) }, 1,
	    first_text, area)) != 0)
		return rc;
	if (area[0] != '\0' && strcmp(area, "decree") != 0)
		return api->error(h, INTEGRA_EEXISTS, "programme '%s' already exists "
		    "in area '%s'", code, area);
	if (area[0] != '\0')
		return INTEGRA_OK;
	if (decree_term_parse(r->term, &term, err, sizeof(err)) != 0 ||
	    decree_due(base, &term, due) != 0)
		return api->error(h, INTEGRA_EINVALID, "instruction '%s': %s", code, err);
	snprintf(f_dec, sizeof(f_dec), "decree=%s", decree);
	snprintf(f_ref, sizeof(f_ref), "ref=%s", r->ref);
	snprintf(f_term, sizeof(f_term), "term=%s", r->term);
	snprintf(f_base, sizeof(f_base), "base=%s", base);
	argv[argc++] = "programme"; argv[argc++] = "add"; argv[argc++] = "decree";
	argv[argc++] = code; argv[argc++] = r->text;
	argv[argc++] = "--owner"; argv[argc++] = r->resp_code;
	argv[argc++] = "--start"; argv[argc++] = base;
	if (due[0]) {
		argv[argc++] = "--due";
		argv[argc++] = due;
	}
	argv[argc++] = "--field"; argv[argc++] = f_dec;
	argv[argc++] = "--field"; argv[argc++] = f_ref;
	argv[argc++] = "--field"; argv[argc++] = f_term;
	argv[argc++] = "--field"; argv[argc++] = f_base;
	t->new_instructions++;
	return api->run(h, argc, argv, 0);
}

/* Makes the body a participant of its instruction unless it is. */
static int
ensure_link(const struct integra_host *h, const struct instruction *r,
    const char *code, struct tally *t)
{
	const char *argv[] = { "enrol", code, r->resp_code, "--org", "--role",
	    "responsible" };
	int64_t n;
	int rc;

	if ((rc = count(h, "SELECT count(*) FROM participation pa "
	    "JOIN programme p ON p.id = pa.programme_id "
	    "JOIN organisation o ON o.id = pa.org_id "
	    "WHERE p.code = ?1 AND o.code = ?2", code, r->resp_code, &n)) != 0)
		return rc;
	if (n > 0)
		return INTEGRA_OK;
	t->new_links++;
	return api->run(h, 6, argv, 0);
}

static void
batch_add(struct batch *b, const struct instruction *r)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->rows = realloc(b->rows, b->cap * sizeof(*b->rows));
		b->lines = realloc(b->lines, b->cap * sizeof(*b->lines));
		if (b->rows == NULL || b->lines == NULL)
			abort();
	}
	b->lines[b->n] = NULL;
	b->rows[b->n++] = *r;
}

static void
batch_free(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->lines[i]);
	free(b->lines);
	free(b->rows);
}

/* Checks one line's fields; the error names file and line. */
static int
check_line(const struct integra_host *h, const char *path, int lineno,
    const struct instruction *r)
{
	const char *const *k;
	struct decree_term t;
	char err[256];

	if (!*r->ref || !*r->resp_code || !*r->resp_name || !*r->text)
		return api->error(h, INTEGRA_EINVALID, "%s:%d: ref, responsible_code, "
		    "responsible_name and instruction must not be empty", path, lineno);
	if (strchr(r->ref, ' ') || strchr(r->resp_code, ' '))
		return api->error(h, INTEGRA_EINVALID, "%s:%d: ref and responsible_code "
		    "must not contain spaces", path, lineno);
	for (k = org_kinds; *k; k++)
		if (strcmp(*k, r->resp_kind) == 0)
			break;
	if (*k == NULL)
		return api->error(h, INTEGRA_EINVALID, "%s:%d: unknown responsible_kind "
		    "'%s' (allowed: ministry, agency, government, oblast-administration, "
		    "local-council, military-unit, education-provider, other)", path,
		    lineno, r->resp_kind);
	if (decree_term_parse(r->term, &t, err, sizeof(err)) != 0)
		return api->error(h, INTEGRA_EINVALID, "%s:%d: %s", path, lineno, err);
	return INTEGRA_OK;
}

/* Parses one non-comment line into the batch. */
static int
read_line(const struct integra_host *h, const char *path, int lineno, char *line,
    struct batch *b)
{
	struct instruction r;
	char *f[NFIELDS], *copy;
	int n, rc;

	if ((copy = malloc(strlen(line) + 1)) == NULL)
		abort();
	strcpy(copy, line);
	n = decree_csv_split(copy, f, NFIELDS);
	if (n != NFIELDS) {
		free(copy);
		if (n < 0)
			return api->error(h, INTEGRA_EINVALID, "%s:%d: expected %d fields "
			    "(ref,responsible_code,responsible_name,responsible_kind,term,"
			    "instruction), found an open quote or more fields", path,
			    lineno, NFIELDS);
		return api->error(h, INTEGRA_EINVALID, "%s:%d: expected %d fields "
		    "(ref,responsible_code,responsible_name,responsible_kind,term,"
		    "instruction), found %d", path, lineno, NFIELDS, n);
	}
	r = (struct instruction){ f[0], f[1], f[2], f[3], f[4], f[5] };
	if ((rc = check_line(h, path, lineno, &r)) != 0) {
		free(copy);
		return rc;
	}
	batch_add(b, &r);
	b->lines[b->n - 1] = copy;
	return INTEGRA_OK;
}

/* Reads a whole file; nothing is loaded unless every line is good. */
static int
read_file(const struct integra_host *h, const char *path, struct batch *b)
{
	char line[LINE_MAX_];
	int lineno = 0, rc = INTEGRA_OK;
	size_t len;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return api->error(h, INTEGRA_ENOTFOUND, "cannot open '%s': %s", path,
		    strerror(errno));
	while (rc == INTEGRA_OK && fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		len = strlen(line);
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			rc = api->error(h, INTEGRA_EINVALID, "%s:%d: line longer than %d "
			    "bytes", path, lineno, LINE_MAX_ - 2);
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#' || (lineno == 1 &&
		    strncmp(line, "ref,", 4) == 0))
			continue;
		rc = read_line(h, path, lineno, line, b);
	}
	fclose(fp);
	if (rc == INTEGRA_OK && b->n == 0)
		rc = api->error(h, INTEGRA_EINVALID, "'%s' holds no instructions", path);
	return rc;
}

/* The decree number from a file name like 307-2021.csv, into out[64]. */
static int
number_from_path(const char *path, char out[64])
{
	const char *base = strrchr(path, '/');
	int a, b, n = 0;

	base = base ? base + 1 : path;
	if (sscanf(base, "%d-%d.csv%n", &a, &b, &n) != 2 || n == 0 ||
	    base[n] != '\0' || a < 1 || b < 1000)
		return -1;
	snprintf(out, 64, "%d/%d", a, b);
	return 0;
}

/* Parses load's arguments: [FILE] [--base DATE] [--decree NUMBER]. */
static int
load_args(const struct integra_host *h, int argc, char **argv, const char **file,
    char base[11], char decree[64])
{
	const char *b = NULL, *d = NULL;
	int i;

	*file = NULL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--base") == 0 && i + 1 < argc) {
			b = argv[++i];
		} else if (strncmp(argv[i], "--base=", 7) == 0) {
			b = argv[i] + 7;
		} else if (strcmp(argv[i], "--decree") == 0 && i + 1 < argc) {
			d = argv[++i];
		} else if (strncmp(argv[i], "--decree=", 9) == 0) {
			d = argv[i] + 9;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return api->error(h, INTEGRA_EUSAGE, "unknown option or missing "
			    "value '%s' for 'decree load' (usage: decree load [FILE] "
			    "[--base DATE] [--decree NUMBER])", argv[i]);
		} else if (*file == NULL) {
			*file = argv[i];
		} else {
			return api->error(h, INTEGRA_EUSAGE, "too many arguments for "
			    "'decree load': '%s'", argv[i]);
		}
	}
	if (b == NULL && api->config_text(h, "base_date", &b) != 0)
		b = "2021-07-23";
	if (api->parse_date(h, b, base) != 0)
		return INTEGRA_EINVALID;
	if (d != NULL && (!*d || strchr(d, ' ') || strlen(d) > 40))
		return api->error(h, INTEGRA_EINVALID, "invalid decree number '%s' "
		    "(e.g. 307/2021)", d);
	if (d != NULL)
		snprintf(decree, 64, "%s", d);
	else if (*file == NULL)
		snprintf(decree, 64, "%s", DECREE_307);
	else if (number_from_path(*file, decree) != 0)
		return api->error(h, INTEGRA_EUSAGE, "give the decree's number with "
		    "--decree (the file name '%s' is not like 307-2021.csv)", *file);
	return INTEGRA_OK;
}

/* Prints what the load did, on the user's format. */
static int
show_tally(const struct integra_host *h, const char *decree, const char *base,
    const struct tally *t)
{
	static const struct integra_column cols[] = {
		{ .name = "decree", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "base", .type = INTEGRA_DATE, .flags = 0 },
		{ .name = "instructions", .type = INTEGRA_INTEGER, .flags = 0 },
		{ .name = "new_instructions", .type = INTEGRA_INTEGER, .flags = 0 },
		{ .name = "new_bodies", .type = INTEGRA_INTEGER, .flags = 0 },
		{ .name = "new_responsible", .type = INTEGRA_INTEGER, .flags = 0 },
	};
	struct integra_value v[6] = {
		text(decree), { INTEGRA_DATE, 0, 0, base, strlen(base) },
		{ INTEGRA_INTEGER, t->rows, 0, NULL, 0 },
		{ INTEGRA_INTEGER, t->new_instructions, 0, NULL, 0 },
		{ INTEGRA_INTEGER, t->new_bodies, 0, NULL, 0 },
		{ INTEGRA_INTEGER, t->new_links, 0, NULL, 0 },
	};
	int rc;

	if ((rc = api->emit_begin(h, "decree load", cols, 6)) != 0 ||
	    (rc = api->emit_row(h, v)) != 0)
		return rc;
	return api->emit_end(h);
}

static int
cmd_load(const struct integra_host *h, int argc, char **argv)
{
	struct batch b = { 0 };
	struct tally t = { 0 };
	const char *file;
	char base[11], decree[64], code[160];
	size_t i;
	int rc;

	if ((rc = load_args(h, argc, argv, &file, base, decree)) != 0)
		return rc;
	if (file == NULL)
		for (i = 0; i < DECREE_307_N; i++)
			batch_add(&b, &decree_307[i]);
	else if ((rc = read_file(h, file, &b)) != 0)
		goto out;
	for (i = 0; i < b.n && rc == 0; i++) {
		snprintf(code, sizeof(code), "%s/%s", decree, b.rows[i].ref);
		t.rows++;
		if ((rc = ensure_body(h, &b.rows[i], &t)) == 0 &&
		    (rc = ensure_programme(h, &b.rows[i], code, decree, base, &t)) == 0)
			rc = ensure_link(h, &b.rows[i], code, &t);
	}
	if (rc == 0)
		rc = show_tally(h, decree, base, &t);
out:
	batch_free(&b);
	return rc;
}

INTEGRA_PLUGIN_DEFINE(
	.name = "decree",
	.version = "1.0",
	.area = "decree",
	.title = N_("a decree's instructions, their responsible bodies and legal "
	    "terms; recurring reporting duties"),
	.schema_version = 1,
	.participants = INTEGRA_PARTICIPANT_ORGANISATION,
	.roles = roles,
	.fields = fields,
	.config = config,
	.reports = reports,
	.commands = commands,
	.init = decree_init,
	.migrate = decree_migrate,
	.validate = decree_validate,
	.textdomain = "integra",
	.deadlines = duties_deadlines_sql,
);
