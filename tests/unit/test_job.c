/*
 * Unit tests of job.c on an in-memory database: the --now forms, the ISO
 * times of the history across clock changes, and the due rule (arming, no
 * run before the scheduled time, coalesced missed runs, the retry delay
 * after a failure, success moving the base forward).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "integra.h"
#include "job.h"
#include "schema.h"

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
	    sqlite3_open(":memory:", &ctx.db) != SQLITE_OK ||
	    db_register_functions(&ctx, ctx.db) != 0)
		return -1;
	for (v = 1; v <= SCHEMA_VERSION; v++) {
		sql = schema_migration_sql(v);
		if (sqlite3_exec(ctx.db, sql, NULL, NULL, NULL) != SQLITE_OK)
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_job_parse_time),
		cmocka_unit_test(test_job_iso_round_trip),
		cmocka_unit_test(test_job_due_rule),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
