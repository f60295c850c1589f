/*
 * Unit tests of the export jobs (job_config.c, job_clock.c, job_run.c) on
 * an in-memory database: the --now forms, the ISO times of the history
 * across clock changes, the due rule (arming, no run before the scheduled
 * time, coalesced missed runs, the retry delay after a failure, success
 * moving the base forward), the report's arguments checked at load with
 * file and line, a run written through the atomic writer with the
 * checksum of what it wrote, and a failed write recorded as a failure.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "integra.h"
#include "unit_db.h"
#include "job.h"
#include "schema.h"
#include "sha256.h"

static struct ctx ctx;

static int
setup(void **state)
{
	char *sql;
	int v;

	(void)state;
	setenv("TZ", "Europe/Kyiv", 1);
	tzset();
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = stdout;
	host_init(&ctx);
	if (cfg_load_string(&ctx, "", "test.cfg", &ctx.cfg) != 0 ||
	    unit_memdb(&ctx) != 0)
		return -1;
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		if (dbc_exec(ctx.db, sql) != SQLITE_OK)
			return -1;
		free(sql);
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(&ctx);
	cfg_free(ctx.cfg);
	return 0;
}

static time_t
at(const char *local)
{
	time_t t = 0;

	if (job_parse_time(&ctx, local, &t) != 0)
		fail_msg("'%s': %s", local, ctx.errmsg);
	return t;
}

/* An output path never holds a control character: job_path gives none
 * for a pattern that makes one (%n, %t, or one written in it). */
static void
test_job_path_control(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(job_path("/tmp/x-%Y.csv", 0, out, sizeof(out)), 15);
	assert_int_equal(job_path("/tmp/x-%n.csv", 0, out, sizeof(out)), 0);
	assert_int_equal(job_path("/tmp/x-%t.csv", 0, out, sizeof(out)), 0);
	assert_int_equal(job_path("/tmp/x-\x7f.csv", 0, out, sizeof(out)), 0);
	assert_int_equal(job_path("/tmp/x-%%n.csv", 0, out, sizeof(out)), 13);
	assert_int_equal(job_control_char("ab\xc2\x9b" "c"), 2);	/* C1: CSI */
	assert_int_equal(job_control_char("Київ"), -1);
	assert_int_equal(job_control_char("a\x01"), 1);
}

static void
test_job_parse_time(void **state)
{
	char iso[40];
	time_t t;

	(void)state;
	job_time_iso(at("2021-07-26 06:00"), -1, iso);
	assert_string_equal(iso, "2021-07-26T06:00:00+03:00");
	job_time_iso(at("2021-07-26T06:00"), 5, iso);
	assert_string_equal(iso, "2021-07-26T06:00:00.005+03:00");
	job_time_iso(at("2021-12-26T06:00:30"), -1, iso);
	assert_string_equal(iso, "2021-12-26T06:00:30+02:00");
	/* the repeated hour: the first occurrence, unless an offset says */
	job_time_iso(at("2021-10-31 03:30"), -1, iso);
	assert_string_equal(iso, "2021-10-31T03:30:00+03:00");
	job_time_iso(at("2021-10-31T03:30+02:00"), -1, iso);
	assert_string_equal(iso, "2021-10-31T03:30:00+02:00");
	job_time_iso(at("2021-10-31T00:30:00Z"), -1, iso);
	assert_string_equal(iso, "2021-10-31T03:30:00+03:00");
	assert_int_equal(job_parse_time(&ctx, "2021-10-31T03:30+2", &t), ERR_INVALID);
	assert_int_equal(job_parse_time(&ctx, "2021-03-28 03:30", &t), ERR_INVALID);
	assert_int_equal(job_parse_time(&ctx, "2021-02-29 03:30", &t), ERR_INVALID);
	assert_int_equal(job_parse_time(&ctx, "2021-07-26", &t), ERR_INVALID);
	assert_int_equal(job_parse_time(&ctx, "2021-07-26 06:00 x", &t), ERR_INVALID);
	assert_int_equal(job_parse_time(&ctx, "2021-07-26 24:00", &t), ERR_INVALID);
	assert_int_equal(job_parse_time(&ctx, "2021-07-26/06:00", &t), ERR_INVALID);
}

/* History times keep their offset, so both 03:30 of 2021-10-31 read back. */
static void
test_job_iso_round_trip(void **state)
{
	static const char *const times[] = {
		"2021-10-31T03:30:00+03:00", "2021-10-31T03:30:00+02:00",
		"2021-03-28T04:00:00.250+03:00", "2021-07-26T06:00:00+03:00"
	};
	char back[40];
	size_t i;
	time_t t;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(times); i++) {
		assert_int_equal(job_time_parse_iso(times[i], &t), 0);
		job_time_iso(t, strchr(times[i], '.') ? 250 : -1, back);
		assert_string_equal(back, times[i]);
	}
	assert_int_equal(job_time_parse_iso("2021-07-26 06:00", &t), -1);
	assert_int_equal(job_time_parse_iso(NULL, &t), -1);
}

static void
add_run(const char *job, const char *sched, const char *started, const char *outcome)
{
	assert_int_equal(db_exec(&ctx, "INSERT INTO job_run (job, scheduled, started, "
	    "outcome) VALUES (?, ?, ?, ?)", "tttt", job, sched, started, outcome), 0);
}

static void
test_job_due_rule(void **state)
{
	struct job job = { .name = (char *)"daily" };
	struct job_state st;
	char err[100], iso[40];

	(void)state;
	assert_int_equal(cron_parse("0 6 * * *", &job.cron, err, sizeof(err)), 0);
	assert_int_equal(job_state(&ctx, &job, at("2021-07-26 00:00"), &st), 0);
	assert_false(st.armed);
	assert_int_equal(job_arm(&ctx, &job, at("2021-07-26 00:00")), 0);
	assert_int_equal(job_state(&ctx, &job, at("2021-07-26 05:59"), &st), 0);
	assert_true(st.armed);
	assert_false(st.due);
	assert_true(st.next == at("2021-07-26 06:00"));
	/* three days missed: one run, for the latest time */
	assert_int_equal(job_state(&ctx, &job, at("2021-07-29 12:00"), &st), 0);
	assert_true(st.due);
	job_time_iso(st.slot, -1, iso);
	assert_string_equal(iso, "2021-07-29T06:00:00+03:00");
	/* it failed: retried no sooner than ten minutes later */
	add_run("daily", iso, "2021-07-29T12:00:00.000+03:00", "failed");
	assert_int_equal(job_state(&ctx, &job, at("2021-07-29 12:09"), &st), 0);
	assert_false(st.due);
	assert_true(st.next == at("2021-07-29 12:10"));
	assert_int_equal(job_state(&ctx, &job, at("2021-07-29 12:10"), &st), 0);
	assert_true(st.due);
	/* it succeeded: nothing until tomorrow 06:00 */
	add_run("daily", iso, "2021-07-29T12:10:00.000+03:00", "ok");
	assert_int_equal(job_state(&ctx, &job, at("2021-07-29 23:59"), &st), 0);
	assert_false(st.due);
	assert_true(st.next == at("2021-07-30 06:00"));
	/* a run by hand (no scheduled time) changes nothing */
	add_run("daily", NULL, "2021-07-30T05:00:00.000+03:00", "ok");
	assert_int_equal(job_state(&ctx, &job, at("2021-07-30 06:00"), &st), 0);
	assert_true(st.due);
	assert_true(st.slot == at("2021-07-30 06:00"));
}

/* Loads the jobs of `jobs = ( TEXT );` (TEXT from line 2 of test.cfg);
 * returns jobs_load's code, the configuration stays in ctx until the next
 * call. */
static int
load_jobs(const char *text, struct jobs *jobs)
{
	struct cfg *cfg = NULL;
	char *all = xasprintf("jobs = (\n%s\n);\n", text);
	int rc;

	assert_int_equal(cfg_load_string(&ctx, all, "test.cfg", &cfg), 0);
	free(all);
	cfg_free(ctx.cfg);
	ctx.cfg = cfg;
	rc = jobs_load(&ctx, jobs);
	return rc;
}

static void
assert_bad_job(const char *text, const char *want)
{
	struct jobs jobs;

	assert_int_equal(load_jobs(text, &jobs), ERR_INVALID);
	if (strstr(ctx.errmsg, want) == NULL)
		fail_msg("got '%s', wanted '%s'", ctx.errmsg, want);
	assert_int_equal(jobs.n, 0);
}

/* The report's arguments are parsed and checked when the jobs load. */
static void
test_job_args_checked_at_load(void **state)
{
	struct jobs jobs;
	const struct job *j;

	(void)state;
	assert_int_equal(load_jobs("{ name = \"w\"; report = \"deadlines\";\n"
	    "  output = \"/tmp/w.csv\"; schedule = \"@daily\";\n"
	    "  args = [ \"--by\", \"area\", \"--within=30\", \"--excel\" ]; }",
	    &jobs), 0);
	assert_non_null(j = jobs_find(&jobs, "w"));
	assert_string_equal(j->params.by, "area");
	assert_int_equal(j->params.within, 30);
	assert_null(j->params.area);
	assert_true(j->excel);
	assert_string_equal(j->format->name, "csv");
	jobs_free(&jobs);
	assert_bad_job("{ name = \"w\"; report = \"coverage\";\n"
	    "  output = \"/tmp/w.csv\"; schedule = \"@daily\";\n"
	    "  args = [ \"--by\", \"month\" ]; }",
	    "test.cfg:4: job 'w': 'args': unknown dimension 'month' for report "
	    "'coverage' (valid: org, region)");
	assert_bad_job("{ name = \"w\"; report = \"coverage\"; args = [ \"-x\" ];\n"
	    "  output = \"/tmp/w.csv\"; schedule = \"@daily\"; }",
	    "test.cfg:2: job 'w': 'args': unknown option '-x'");
	assert_bad_job("{ name = \"w\"; report = \"participation\";\n"
	    "  output = \"/tmp/w.csv\"; schedule = \"@daily\";\n\n"
	    "  args = [ \"--to\", \"2021-01-01\", \"--from\", \"2021-06-01\" ]; }",
	    "test.cfg:5: job 'w': 'args': --from 2021-06-01 is after --to 2021-01-01");
	assert_bad_job("{ name = \"w\"; report = \"participation\";\n"
	    "  output = \"/tmp/w.csv\"; schedule = \"@daily\";\n"
	    "  args = [ \"--format=json\" ]; }",
	    "test.cfg:4: job 'w': 'args': give the format with the job's 'format' key");
}

/* A job of the coverage report with format csv writing into dir. */
static int
one_job(const char *output, struct jobs *jobs)
{
	char *text = xasprintf("{ name = \"c\"; report = \"coverage\"; "
	    "output = \"%s\"; schedule = \"@daily\"; mode = \"0600\"; }", output);
	int rc = load_jobs(text, jobs);

	free(text);
	return rc;
}

/* A run goes through the atomic writer: the file appears whole with the
 * job's mode, and the history has the checksum and size of what was
 * written. */
static void
test_job_run_checksum(void **state)
{
	char dir[] = "/tmp/integra-job.XXXXXX", *out, sum[65], *cmd;
	struct job_result res;
	struct job_clock clock;
	struct jobs jobs;
	struct stat sb;
	uint64_t bytes;
	int64_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	out = xasprintf("%s/c.csv", dir);
	assert_int_equal(one_job(out, &jobs), 0);
	assert_int_equal(db_exec(&ctx, "INSERT INTO organisation (code, name, kind, "
	    "region) VALUES ('MOU', 'Міністерство', 'ministry', 'Київ')", ""), 0);
	assert_int_equal(db_exec(&ctx, "INSERT INTO person (key, name, org_id) "
	    "VALUES ('P1', 'Петро Іваненко', 1)", ""), 0);
	job_clock_init(&clock, (time_t)-1);
	assert_int_equal(job_execute(&ctx, &jobs.v[0], 0, &clock, &res), 0);
	assert_string_equal(res.outcome, "ok");
	assert_int_equal(res.rows, 1);
	assert_string_equal(res.path, out);
	assert_int_equal(sha256_file(out, sum, &bytes), 0);
	assert_string_equal(res.sha256, sum);
	assert_int_equal(res.bytes, (int64_t)bytes);
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(db_query_int(&ctx, &n, "SELECT count(*) FROM job_run WHERE "
	    "job = 'c' AND outcome = 'ok' AND sha256 = ? AND bytes = ?", "ti", sum,
	    (int64_t)bytes), 0);
	assert_int_equal(n, 1);
	job_result_release(&res);
	jobs_free(&jobs);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(out);
}

/* A write that fails (a file size limit, EFBIG, standing in for a full
 * disk) is a failed run with its cause, in the result and in the
 * history; nothing is recorded as written and no file is left. */
static void
test_job_run_write_failure(void **state)
{
	char dir[] = "/tmp/integra-job.XXXXXX", *out, *cmd;
	struct rlimit old, small;
	struct job_result res;
	struct job_clock clock;
	struct jobs jobs;
	void (*was)(int);
	int64_t n;
	int rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	out = xasprintf("%s/c.csv", dir);
	assert_int_equal(one_job(out, &jobs), 0);
	job_clock_init(&clock, (time_t)-1);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 1;
	was = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc = job_execute(&ctx, &jobs.v[0], 0, &clock, &res);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_equal(rc, ERR_FAIL);
	assert_string_equal(res.outcome, "failed");
	assert_non_null(strstr(res.error, "File too large"));
	assert_non_null(strstr(res.error, out));
	assert_non_null(strstr(ctx.errmsg, "job 'c' failed: "));
	assert_int_equal(db_query_int(&ctx, &n, "SELECT count(*) FROM job_run WHERE "
	    "job = 'c' AND outcome = 'failed' AND sha256 IS NULL AND bytes IS NULL "
	    "AND error LIKE '%File too large%'", ""), 0);
	assert_int_equal(n, 1);
	assert_int_equal(access(out, F_OK), -1);
	job_result_release(&res);
	jobs_free(&jobs);
	cmd = xasprintf("rmdir '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_job_path_control),
		cmocka_unit_test(test_job_parse_time),
		cmocka_unit_test(test_job_iso_round_trip),
		cmocka_unit_test(test_job_due_rule),
		cmocka_unit_test(test_job_args_checked_at_load),
		cmocka_unit_test(test_job_run_checksum),
		cmocka_unit_test(test_job_run_write_failure),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
