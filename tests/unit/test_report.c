/*
 * Unit tests of report.c and fmt_html.c: every core report and dimension
 * on a small fixed data set, checked against figures computed by hand;
 * the parameters (area, period, as-of, overdue, within); the errors for
 * an unknown report or dimension and a period that ends before it starts;
 * the html page; and the xlsx plugin's format driven directly.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "integra.h"
#include "unit_db.h"
#include "schema.h"

/* The data set of tests/cli/report_seed.sh; figures as of 2022-03-01. */
static const char data_sql[] =
"INSERT INTO organisation (code, name, kind, region) VALUES"
" ('MOU', 'Міністерство оборони', 'ministry', 'Київ'),"
" ('LODA', 'Львівська ОДА', 'oblast-administration', 'Львівська'),"
" ('ODA', 'Одеська ОДА', 'oblast-administration', 'Одеська'),"
" ('NAU', 'Нацагентство з питань державної служби', 'agency', 'Київ');"
"INSERT INTO person (key, name, org_id) VALUES"
" ('P1', 'Петро Іваненко', 1), ('P2', 'Ганна Коваль', 1), ('P3', 'Олег Бондар', 1),"
" ('P4', 'Ірина Мельник', 2), ('P5', 'Тарас Шевчук', 2), ('P6', 'Оксана Ткачук', 3),"
" ('P7', 'Юрій Кравець', NULL);"
"INSERT INTO programme (area, code, title, owner_id, start, due, status) VALUES"
" ('civil_service', 'CS1', 'Євроатлантична інтеграція', 4, '2021-09-01', '2022-01-23', 'active'),"
" ('civil_service', 'CS2', 'Короткий курс, \"НАТО\"', 4, '2022-02-01', '2022-06-30', 'planned'),"
" ('exercises', 'EX1', 'Rapid Trident 2021', 1, '2021-09-20', NULL, 'completed'),"
" ('decree', 'DEC1', 'CMU-1 аналіз програм', NULL, '2021-07-23', '2021-09-23', 'active'),"
" ('decree', 'DEC2', 'CMU-3 стандарти НАТО', 1, '2021-07-23', '2021-10-23', 'completed'),"
" ('decree', 'DEC3', 'CMU-4 програми', NULL, '2021-07-23', '2022-03-10', 'planned');"
"INSERT INTO participation (programme_id, person_id, org_id, role, status, start,"
" status_date, hours, credits) VALUES"
" (1, 1, NULL, 'participant', 'completed', '2021-09-01', '2021-11-15', 60, 2),"
" (1, 2, NULL, 'participant', 'completed', '2021-09-01', '2021-12-01', 60, 2),"
" (1, 4, NULL, 'participant', 'enrolled', '2021-09-01', NULL, NULL, NULL),"
" (1, 6, NULL, 'participant', 'withdrawn', NULL, '2021-10-01', NULL, NULL),"
" (2, 1, NULL, 'participant', 'nominated', NULL, NULL, NULL, NULL),"
" (2, 5, NULL, 'participant', 'completed', NULL, '2022-02-20', 30, 1),"
" (3, NULL, 1, 'participant', 'attended', NULL, '2021-10-01', NULL, NULL),"
" (3, 3, NULL, 'participant', 'completed', NULL, '2021-10-01', NULL, NULL),"
" (4, NULL, 3, 'lead', 'enrolled', NULL, NULL, NULL, NULL),"
" (6, NULL, 2, 'responsible', 'nominated', NULL, NULL, NULL, NULL),"
" (3, 7, NULL, 'participant', 'failed', NULL, '2021-10-01', NULL, NULL);";

struct fixture {
	struct ctx ctx;
	char *text;
	size_t len;
	int64_t rows;		/* rows the last run wrote */
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *sql;
	int v;

	f->ctx.audit_off = true;
	if (cfg_load_string(&f->ctx, "", "test.cfg", &f->ctx.cfg) != 0 ||
	    unit_memdb(&f->ctx) != 0)
		return -1;
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		if (dbc_exec(f->ctx.db, sql) != SQLITE_OK)
			return -1;
		free(sql);
	}
	if (dbc_exec(f->ctx.db, data_sql) != SQLITE_OK)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	db_close(&f->ctx);
	plugins_unload(&f->ctx);
	cfg_free(f->ctx.cfg);
	free(f->text);
	free(f);
	return 0;
}

/* Runs a report in csv (or the given format); returns its output. */
static const char *
run_fmt(struct fixture *f, const char *format, const char *name,
    const struct report_params *p, int want_rc)
{
	struct out_target t;
	FILE *fp;
	int rc;

	free(f->text);
	f->text = NULL;
	fp = open_memstream(&f->text, &f->len);
	assert_non_null(fp);
	f->ctx.out = fp;
	f->ctx.err = 0;
	f->ctx.errmsg[0] = '\0';
	f->rows = -1;
	if ((rc = out_target_init(&f->ctx, format, &t)) == 0)
		rc = report_run(&f->ctx, name, p, &t, &f->rows);
	assert_int_equal(rc, want_rc);
	fclose(fp);
	f->ctx.out = stdout;
	host_init(&f->ctx);
	return f->text;
}

static const char *
run(struct fixture *f, const char *name, const char *by, int want_rc)
{
	struct report_params p = { .by = by, .as_of = "2022-03-01", .within = -1 };

	return run_fmt(f, "csv", name, &p, want_rc);
}

#define HDR "nominated,enrolled,attended,completed,failed,withdrawn,participations\r\n"

static void
test_report_participation_by_status(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "participation", NULL, 0),
	    "status,participations\r\nnominated,2\r\nenrolled,2\r\nattended,1\r\n"
	    "completed,4\r\nfailed,1\r\nwithdrawn,1\r\n");
	assert_int_equal(f->rows, 6);
}

static void
test_report_participation_by_area(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "participation", "area", 0), "area," HDR
	    "civil_service,1,1,0,3,0,1,6\r\ndecree,1,1,0,0,0,0,2\r\n"
	    "exercises,0,0,1,1,1,0,3\r\n");
}

static void
test_report_participation_by_programme(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "participation", "programme", 0),
	    "programme,area,title," HDR
	    "CS1,civil_service,Євроатлантична інтеграція,0,1,0,2,0,1,4\r\n"
	    "CS2,civil_service,\"Короткий курс, \"\"НАТО\"\"\",1,0,0,1,0,0,2\r\n"
	    "DEC1,decree,CMU-1 аналіз програм,0,1,0,0,0,0,1\r\n"
	    "DEC3,decree,CMU-4 програми,1,0,0,0,0,0,1\r\n"
	    "EX1,exercises,Rapid Trident 2021,0,0,1,1,1,0,3\r\n");
}

static void
test_report_participation_by_org(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "participation", "org", 0), "org,name," HDR
	    ",,0,0,0,0,1,0,1\r\n"
	    "LODA,Львівська ОДА,1,1,0,1,0,0,3\r\n"
	    "MOU,Міністерство оборони,1,0,1,3,0,0,5\r\n"
	    "ODA,Одеська ОДА,0,1,0,0,0,1,2\r\n");
}

static void
test_report_participation_by_region(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "participation", "region", 0), "region," HDR
	    ",0,0,0,0,1,0,1\r\nКиїв,1,0,1,3,0,0,5\r\nЛьвівська,1,1,0,1,0,0,3\r\n"
	    "Одеська,0,1,0,0,0,1,2\r\n");
}

static void
test_report_participation_by_month(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(run(f, "participation", "month", 0), "month," HDR
	    "2021-07,1,1,0,0,0,0,2\r\n2021-09,0,1,0,0,0,0,1\r\n"
	    "2021-10,0,0,1,1,1,1,4\r\n2021-11,0,0,0,1,0,0,1\r\n"
	    "2021-12,0,0,0,1,0,0,1\r\n2022-02,1,0,0,1,0,0,2\r\n");
}

static void
test_report_participation_none(void **state)
{
	struct fixture *f = *state;
	const char *out = run(f, "participation", "none", 0);

	assert_int_equal(f->rows, 11);
	assert_non_null(strstr(out, "programme,area,participant,kind,name,org,region,"
	    "role,status,start,end,status_date,hours,credits,result\r\n"
	    "CS1,civil_service,P1,person,Петро Іваненко,MOU,Київ,participant,"
	    "completed,2021-09-01,,2021-11-15,60,2,\r\n"));
	assert_non_null(strstr(out, "EX1,exercises,MOU,organisation,Міністерство "
	    "оборони,MOU,Київ,participant,attended,,,2021-10-01,,,\r\n"));
	assert_non_null(strstr(out, "EX1,exercises,P7,person,Юрій Кравець,,,"
	    "participant,failed,,,2021-10-01,,,\r\n"));
}

static void
test_report_participation_period(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .from = "01.10.2021", .to = "2021-12-31",
	    .within = -1 };

	assert_string_equal(run_fmt(f, "csv", "participation", &p, 0),
	    "status,participations\r\nnominated,0\r\nenrolled,0\r\nattended,1\r\n"
	    "completed,3\r\nfailed,1\r\nwithdrawn,1\r\n");
	p.area = "civil_service";
	p.by = "area";
	assert_string_equal(run_fmt(f, "csv", "participation", &p, 0),
	    "area," HDR "civil_service,0,0,0,2,0,1,3\r\n");
}

static void
test_report_coverage(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .area = "civil_service", .within = -1 };

	assert_string_equal(run(f, "coverage", NULL, 0),
	    "org,name,people,completed,share_pct\r\n"
	    "LODA,Львівська ОДА,2,1,50\r\nMOU,Міністерство оборони,3,3,100\r\n"
	    "ODA,Одеська ОДА,1,0,0\r\n");
	assert_string_equal(run(f, "coverage", "region", 0),
	    "region,people,completed,share_pct\r\n"
	    "Київ,3,3,100\r\nЛьвівська,2,1,50\r\nОдеська,1,0,0\r\n");
	assert_string_equal(run_fmt(f, "csv", "coverage", &p, 0),
	    "org,name,people,completed,share_pct\r\n"
	    "LODA,Львівська ОДА,2,1,50\r\nMOU,Міністерство оборони,3,2,66.7\r\n"
	    "ODA,Одеська ОДА,1,0,0\r\n");
	p.area = NULL;
	p.from = "2021-12-01";
	assert_string_equal(run_fmt(f, "csv", "coverage", &p, 0),
	    "org,name,people,completed,share_pct\r\n"
	    "LODA,Львівська ОДА,2,1,50\r\nMOU,Міністерство оборони,3,1,33.3\r\n"
	    "ODA,Одеська ОДА,1,0,0\r\n");
}

#define DL_HDR "code,area,title,owner,due,days_late,status\r\n"
#define DL_DEC1 "DEC1,decree,CMU-1 аналіз програм,ODA,2021-09-23,159,overdue\r\n"
#define DL_CS1 "CS1,civil_service,Євроатлантична інтеграція,NAU,2022-01-23,37,overdue\r\n"
#define DL_DEC3 "DEC3,decree,CMU-4 програми,LODA,2022-03-10,,due\r\n"
#define DL_CS2 "CS2,civil_service,\"Короткий курс, \"\"НАТО\"\"\",NAU,2022-06-30,,due\r\n"

static void
test_report_deadlines(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .as_of = "2022-03-01", .within = -1 };

	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0),
	    DL_HDR DL_DEC1 DL_CS1 DL_DEC3 DL_CS2);
	p.overdue = true;
	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0),
	    DL_HDR DL_DEC1 DL_CS1);
	p.within = 9;
	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0),
	    DL_HDR DL_DEC1 DL_CS1 DL_DEC3);
	p.overdue = false;
	p.within = 8;
	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0), DL_HDR);
	p.within = 200;
	p.area = "civil_service";
	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0), DL_HDR DL_CS2);
	p.area = NULL;
	p.within = -1;
	p.by = "area";
	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0),
	    "area,outstanding,overdue,most_days_late\r\n"
	    "civil_service,2,1,37\r\ndecree,2,1,159\r\n");
	p.by = NULL;
	p.as_of = "2021-09-24";
	p.overdue = true;
	assert_string_equal(run_fmt(f, "csv", "deadlines", &p, 0), DL_HDR
	    "DEC1,decree,CMU-1 аналіз програм,ODA,2021-09-23,1,overdue\r\n");
}

static void
test_report_json_typed(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .as_of = "2022-03-01", .within = -1,
	    .overdue = true };

	assert_non_null(strstr(run_fmt(f, "json", "deadlines", &p, 0),
	    "{\"code\": \"DEC1\", \"area\": \"decree\", \"title\": \"CMU-1 аналіз "
	    "програм\", \"owner\": \"ODA\", \"due\": \"2021-09-23\", "
	    "\"days_late\": 159, \"status\": \"overdue\"}"));
}

/* Unknown reports and dimensions: the names near enough guessed. */
static const struct {
	const char *name, *by, *msg;
} unknown_names[] = {
	{ .name = "nosuch", .msg = "unknown report 'nosuch' (valid: "
	  "participation, coverage, deadlines)" },
	{ .name = "coverage", .by = "month", .msg = "unknown dimension 'month' "
	  "for report 'coverage' (valid: org, region)" },
	{ .name = "coverge", .msg = "unknown report 'coverge'; did you mean "
	  "'coverage'? (valid: participation, coverage, deadlines)" },
	{ .name = "coverage", .by = "regoin", .msg = "unknown dimension 'regoin' "
	  "for report 'coverage'; did you mean 'region'? (valid: org, region)" },
};

static void
test_report_errors(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .from = "2022-01-02", .to = "2022-01-01",
	    .within = -1 };
	size_t i;

	for (i = 0; i < sizeof(unknown_names) / sizeof(unknown_names[0]); i++) {
		run(f, unknown_names[i].name, unknown_names[i].by, ERR_USAGE);
		assert_string_equal(f->ctx.errmsg, unknown_names[i].msg);
	}
	run_fmt(f, "csv", "participation", &p, ERR_USAGE);
	assert_string_equal(f->ctx.errmsg, "--from 2022-01-02 is after --to 2022-01-01");
	p.from = "2021-02-30";
	run_fmt(f, "csv", "participation", &p, ERR_INVALID);
	assert_non_null(strstr(f->ctx.errmsg, "'2021-02-30'"));
	p.from = NULL;
	run_fmt(f, "pdf", "participation", &p, ERR_USAGE);
	assert_non_null(strstr(f->ctx.errmsg, "unknown format 'pdf' (valid: table, "
	    "csv, json, html"));
}

/* A write that fails (a full disk) is an error with its cause, not a
 * short result. */
static void
test_report_write_failure(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .by = "none", .within = -1 };
	struct out_target t;
	int64_t rows = -1;

	if ((f->ctx.out = fopen("/dev/full", "w")) == NULL)
		skip();
	setvbuf(f->ctx.out, NULL, _IOFBF, 64);
	assert_int_equal(out_target_init(&f->ctx, "csv", &t), 0);
	assert_int_equal(report_run(&f->ctx, "participation", &p, &t, &rows), ERR_FAIL);
	assert_string_equal(f->ctx.errmsg, "cannot write to standard output: "
	    "No space left on device");
	clearerr(f->ctx.out);
	t.name = "/dev/full";
	assert_int_equal(report_run(&f->ctx, "participation", &p, &t, &rows), ERR_FAIL);
	assert_string_equal(f->ctx.errmsg, "cannot write '/dev/full': No space left "
	    "on device");
	fclose(f->ctx.out);
	f->ctx.out = stdout;
}

/* `report --as-of` is also the date api->today() answers plugins. */
static void
test_report_as_of_for_today(void **state)
{
	struct fixture *f = *state;
	char *argv[] = { (char *)"deadlines", (char *)"--as-of", (char *)"01.03.2022",
	    (char *)"--overdue", NULL };
	struct args a;
	FILE *fp;

	fp = open_memstream(&f->text, &f->len);
	assert_non_null(fp);
	f->ctx.out = fp;
	f->ctx.format = "csv";
	assert_int_equal(opt_parse(&f->ctx, "report", cmd_report_opts, 4, argv, &a), 0);
	assert_null(f->ctx.as_of);
	assert_int_equal(cmd_report(&f->ctx, &a), 0);
	assert_string_equal(f->ctx.as_of, "01.03.2022");
	args_release(&a);
	fclose(fp);
	f->ctx.out = stdout;
	assert_non_null(strstr(f->text, "DEC1,decree,"));
	assert_null(strstr(f->text, "DEC3"));
}

static void
test_report_table_totals(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .by = "region", .within = -1 };
	const char *out = run_fmt(f, "table", "participation", &p, 0);

	assert_non_null(strstr(out, "\ntotal              2         2         1"
	    "          4       1          1              11\n"));
}

static void
test_report_html(void **state)
{
	struct fixture *f = *state;
	struct report_params p = { .by = "programme", .within = -1 };
	const char *out = run_fmt(f, "html", "participation", &p, 0);

	assert_true(strncmp(out, "<!DOCTYPE html>", 15) == 0);
	assert_non_null(strstr(out, "<title>Participation by programme</title>"));
	assert_non_null(strstr(out, "<td>Короткий курс, &quot;НАТО&quot;</td>"));
	assert_non_null(strstr(out, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	/* ranked and named: CS1's 4 participations the longest bar, then
	 * EX1's 3; the codes in the tooltips */
	assert_non_null(strstr(out, "<title>CS1 · Євроатлантична інтеграція</title>"));
	assert_non_null(strstr(out, ">Євроатлантична інтеграція</text><rect x=\"300\" "
	    "y=\"28.0\" width=\"400.0\""));
	assert_non_null(strstr(out, ">Rapid Trident 2021</text><rect x=\"300\" "
	    "y=\"54.0\" width=\"300.0\""));
	assert_non_null(strstr(out, "@media print"));
	assert_null(strstr(out, "http://www.w3.org/2000/svg\"/"));
	assert_null(strstr(out, "src="));
	assert_non_null(strstr(out, "<tfoot><tr><td>total</td>"));
	assert_true(strstr(out, "</html>\n") != NULL);
	p.area = "civil_service";
	p.from = "2021-10-01";
	p.to = "2021-12-31";
	out = run_fmt(f, "html", "participation", &p, 0);
	assert_non_null(strstr(out, "<title>Participation by programme, civil_service, "
	    "2021-10-01 to 2021-12-31</title>"));
	/* the heading block: the title, then the facts */
	assert_non_null(strstr(out, "<h1>Participation</h1>"));
	assert_non_null(strstr(out, "<dt>Period</dt><dd>01.10.2021 – 31.12.2021</dd>"));
	assert_non_null(strstr(out, "<dt>Filters</dt><dd>area civil_service</dd>"));
	assert_non_null(strstr(out, "<dt>By</dt><dd>programme</dd>"));
	assert_non_null(strstr(out, "<p class=\"rows\">Rows: "));
}

/* The path of the built xlsx plugin, or NULL when it is not there. */
static const char *
xlsx_plugin(void)
{
	static char path[512];
	const char *b = getenv("BUILD");

	snprintf(path, sizeof(path), "%s/plugins/xlsx.so", b ? b : "build");
	return access(path, R_OK) == 0 ? path : NULL;
}

static int
write_out(void *ud, const void *buf, size_t len)
{
	(void)ud;
	(void)buf;
	(void)len;
	return 0;
}

static void
test_report_xlsx_plugin(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "n", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL },
		{ .name = "share", .type = INTEGRA_REAL, .flags = 0 }, { .name = "due", .type = INTEGRA_DATE, .flags = 0 },
		{ .name = "ok", .type = INTEGRA_BOOLEAN, .flags = 0 }
	};
	struct integra_value v[5] = {
		{ INTEGRA_TEXT, 0, 0, "Львівська ОДА", 0 }, { INTEGRA_INTEGER, 42, 0, NULL, 0 },
		{ INTEGRA_REAL, 0, 66.7, NULL, 0 }, { INTEGRA_DATE, 0, 0, "2022-01-23", 10 },
		{ INTEGRA_BOOLEAN, 1, 0, NULL, 0 }
	};
	const struct integra_plugin *pl;
	const struct integra_format *fm;
	struct integra_output o = { .size = sizeof(o), .title = "Test", .write = write_out };
	const char *so = xlsx_plugin();
	char path[] = "/tmp/integra-xlsx.XXXXXX", cmd[1024];
	void *h, *st;
	int fd;

	(void)state;
	if (so == NULL || (h = dlopen(so, RTLD_NOW | RTLD_LOCAL)) == NULL)
		skip();
	pl = dlsym(h, INTEGRA_PLUGIN_SYMBOL);
	assert_non_null(pl);
	assert_int_equal(pl->magic, INTEGRA_PLUGIN_MAGIC);
	fm = &pl->formats[0];
	assert_string_equal(fm->name, "xlsx");
	assert_true(fm->flags & INTEGRA_FORMAT_NEEDS_FILE);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	o.path = path;
	assert_int_equal(fm->open(&o, cols, 5, &st), 0);
	assert_int_equal(fm->row(st, v), 0);
	v[0].s = "a much longer organisation name";
	v[3].type = INTEGRA_NULL;
	assert_int_equal(fm->row(st, v), 0);
	assert_int_equal(fm->close(st, 1), 0);
	/* the spreadsheet read back by openpyxl: typed cells, bold frozen header */
	snprintf(cmd, sizeof(cmd), "for py in python3 /usr/bin/python3; do "
	    "$py -c 'import openpyxl' 2>/dev/null && exec $py -c '"
	    "import openpyxl, datetime, sys\n"
	    "ws = openpyxl.load_workbook(open(sys.argv[1], \"rb\")).active\n"
	    "r = [c.value for c in ws[2]]\n"
	    "assert r[0] == \"Львівська ОДА\" and r[1] == 42 and type(r[1]) is int, r\n"
	    "assert r[2] == 66.7 and r[3] == datetime.datetime(2022, 1, 23), r\n"
	    "assert ws[\"D2\"].is_date and ws[\"A1\"].font.b and ws.freeze_panes == \"A2\"\n"
	    "assert ws[\"D3\"].value is None and r[4] is True\n"
	    "assert ws.column_dimensions[\"A\"].width >= 31\n' %s; done; exit 77",
	    path);
	fd = system(cmd);
	unlink(path);
	dlclose(h);
	if (WEXITSTATUS(fd) == 77)
		skip();
	assert_int_equal(fd, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_report_participation_by_status),
		T(test_report_participation_by_area),
		T(test_report_participation_by_programme),
		T(test_report_participation_by_org),
		T(test_report_participation_by_region),
		T(test_report_participation_by_month),
		T(test_report_participation_none),
		T(test_report_participation_period),
		T(test_report_coverage),
		T(test_report_deadlines),
		T(test_report_json_typed),
		T(test_report_errors),
		T(test_report_write_failure),
		T(test_report_as_of_for_today),
		T(test_report_table_totals),
		T(test_report_html),
		T(test_report_xlsx_plugin),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
