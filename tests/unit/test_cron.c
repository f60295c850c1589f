/*
 * Unit tests of cron.c: parsing (and its errors), next times over a table
 * of cases (steps, ranges, names, both day fields, month ends, leap years,
 * the clock changes of Europe/Kyiv on 2021-03-28 and 2021-10-31), and the
 * schedule in words.  Instants are written with their UTC offset so that
 * the repeated hour of the autumn change is unambiguous.
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

#include "cron.h"
#include "integra.h"

/* "2021-10-31T03:30+03:00" to an instant. */
static time_t
instant(const char *s)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, oh, om;
	char sign;

	if (sscanf(s, "%d-%d-%dT%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &sign, &oh,
	    &om) != 8)
		fail_msg("bad instant '%s' in the test table", s);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return timegm(&tm) - (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
}

static void
show(time_t t, char out[40])
{
	struct tm tm;
	char z[8];

	if (t == (time_t)-1) {
		strcpy(out, "never");
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, 40, "%Y-%m-%dT%H:%M", &tm);
	strftime(z, sizeof(z), "%z", &tm);
	snprintf(out + strlen(out), 40 - strlen(out), "%.3s:%.2s", z, z + 3);
}

static const struct {
	const char *expr;
	const char *after;
	const char *next;	/* "never" when it never matches */
} cases[] = {
	/* names, ranges, steps, lists */
	{ "0 6 * * MON", "2021-07-23T12:00+03:00", "2021-07-26T06:00+03:00" },
	{ "0 6 * * mon", "2021-07-26T06:00+03:00", "2021-08-02T06:00+03:00" },
	{ "0 6 * * 1", "2021-07-26T05:59+03:00", "2021-07-26T06:00+03:00" },
	{ "*/15 * * * *", "2021-07-26T06:07+03:00", "2021-07-26T06:15+03:00" },
	{ "*/15 * * * *", "2021-07-26T06:15+03:00", "2021-07-26T06:30+03:00" },
	{ "*/15 * * * *", "2021-07-26T23:50+03:00", "2021-07-27T00:00+03:00" },
	{ "5/20 * * * *", "2021-07-26T06:30+03:00", "2021-07-26T06:45+03:00" },
	{ "0 9-17/4 * * *", "2021-07-26T10:00+03:00", "2021-07-26T13:00+03:00" },
	{ "0 9-17/4 * * *", "2021-07-26T17:00+03:00", "2021-07-27T09:00+03:00" },
	{ "30 2 1,15 * *", "2021-07-02T00:00+03:00", "2021-07-15T02:30+03:00" },
	{ "0 0 1 JAN-MAR *", "2021-04-01T00:00+03:00", "2022-01-01T00:00+02:00" },
	{ "0 12 * * MON-FRI", "2021-07-23T13:00+03:00", "2021-07-26T12:00+03:00" },
	{ "0 12 * * SAT,SUN", "2021-07-23T13:00+03:00", "2021-07-24T12:00+03:00" },
	{ "0 0 * * 7", "2021-07-23T13:00+03:00", "2021-07-25T00:00+03:00" },
	{ "0 0 * * 5-7", "2021-07-24T01:00+03:00", "2021-07-25T00:00+03:00" },
	{ "0 0 * JUL,aug *", "2021-07-31T01:00+03:00", "2021-08-01T00:00+03:00" },
	{ "0 0 * JUL,aug *", "2021-08-31T01:00+03:00", "2022-07-01T00:00+03:00" },
	/* both day fields restricted: either matches (cron(5)) */
	{ "0 0 13 * FRI", "2021-07-01T00:00+03:00", "2021-07-02T00:00+03:00" },
	{ "0 0 13 * FRI", "2021-07-09T01:00+03:00", "2021-07-13T00:00+03:00" },
	/* a field beginning with '*' is unrestricted: both must match */
	{ "0 0 */2 * MON", "2021-07-01T00:00+03:00", "2021-07-05T00:00+03:00" },
	{ "0 0 */2 * MON", "2021-07-05T01:00+03:00", "2021-07-19T00:00+03:00" },
	{ "0 0 1 * *", "2021-07-05T01:00+03:00", "2021-08-01T00:00+03:00" },
	/* month ends and leap years */
	{ "0 0 31 * *", "2021-04-01T00:00+03:00", "2021-05-31T00:00+03:00" },
	{ "0 0 30 * *", "2021-02-01T00:00+02:00", "2021-03-30T00:00+03:00" },
	{ "0 0 31 * *", "2021-12-31T00:00+02:00", "2022-01-31T00:00+02:00" },
	{ "0 0 29 2 *", "2021-03-01T00:00+02:00", "2024-02-29T00:00+02:00" },
	{ "0 0 29 FEB *", "2024-02-29T00:00+02:00", "2028-02-29T00:00+02:00" },
	{ "59 23 28-29 2 *", "2023-02-28T23:59+02:00", "2024-02-28T23:59+02:00" },
	{ "0 0 30 2 *", "2021-01-01T00:00+02:00", "never" },
	{ "0 0 31 4,6,9,11 *", "2021-01-01T00:00+02:00", "never" },
	/* macros */
	{ "@daily", "2021-07-26T00:00+03:00", "2021-07-27T00:00+03:00" },
	{ "@midnight", "2021-07-26T12:00+03:00", "2021-07-27T00:00+03:00" },
	{ "@hourly", "2021-07-26T06:59+03:00", "2021-07-26T07:00+03:00" },
	{ "@weekly", "2021-07-26T06:00+03:00", "2021-08-01T00:00+03:00" },
	{ "@monthly", "2021-07-26T06:00+03:00", "2021-08-01T00:00+03:00" },
	{ "@yearly", "2021-07-26T06:00+03:00", "2022-01-01T00:00+02:00" },
	{ "@annually", "2021-07-26T06:00+03:00", "2022-01-01T00:00+02:00" },
	/* spring forward, Kyiv 2021-03-28: 03:00 EET becomes 04:00 EEST */
	{ "30 3 * * *", "2021-03-27T04:00+02:00", "2021-03-28T04:00+03:00" },
	{ "30 3 * * *", "2021-03-28T04:00+03:00", "2021-03-29T03:30+03:00" },
	{ "0 3 * * *", "2021-03-27T04:00+02:00", "2021-03-28T04:00+03:00" },
	{ "0 4 * * *", "2021-03-28T00:00+02:00", "2021-03-28T04:00+03:00" },
	{ "*/15 * * * *", "2021-03-28T02:50+02:00", "2021-03-28T04:00+03:00" },
	{ "*/15 * * * *", "2021-03-28T04:00+03:00", "2021-03-28T04:15+03:00" },
	{ "0 * * * *", "2021-03-28T02:00+02:00", "2021-03-28T04:00+03:00" },
	{ "0 2 * * *", "2021-03-27T04:00+02:00", "2021-03-28T02:00+02:00" },
	/* fall back, Kyiv 2021-10-31: 04:00 EEST becomes 03:00 EET */
	{ "30 3 * * *", "2021-10-30T12:00+03:00", "2021-10-31T03:30+03:00" },
	{ "30 3 * * *", "2021-10-31T03:30+03:00", "2021-11-01T03:30+02:00" },
	{ "30 3 * * *", "2021-10-31T03:10+02:00", "2021-11-01T03:30+02:00" },
	{ "*/30 * * * *", "2021-10-31T03:30+03:00", "2021-10-31T04:00+02:00" },
	{ "0 * * * *", "2021-10-31T02:00+03:00", "2021-10-31T03:00+03:00" },
	{ "0 * * * *", "2021-10-31T03:00+03:00", "2021-10-31T04:00+02:00" },
	{ "0 4 * * *", "2021-10-30T12:00+03:00", "2021-10-31T04:00+02:00" },
	{ "0 2 * * *", "2021-10-30T12:00+03:00", "2021-10-31T02:00+03:00" },
};

static int
setup_tz(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Kyiv", 1);
	tzset();
	return 0;
}

static void
test_cron_next_table(void **state)
{
	char got[40], err[200];
	struct cron c;
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (cron_parse(cases[i].expr, &c, err, sizeof(err)) != 0)
			fail_msg("'%s' did not parse: %s", cases[i].expr, err);
		show(cron_next(&c, instant(cases[i].after)), got);
		if (strcmp(got, cases[i].next) != 0) {
			print_error("'%s' after %s: got %s, wanted %s\n", cases[i].expr,
			    cases[i].after, got, cases[i].next);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Walks a whole day of clock change minute by minute: each scheduled
 * local time runs exactly once. */
static void
test_cron_dst_days_run_once(void **state)
{
	static const struct {
		const char *expr, *from, *to;
		int runs;
	} walks[] = {
		{ "30 3 * * *", "2021-03-27T12:00+02:00", "2021-03-28T12:00+03:00", 1 },
		{ "30 3 * * *", "2021-10-30T12:00+03:00", "2021-10-31T12:00+02:00", 1 },
		{ "*/15 * * * *", "2021-03-28T00:00+02:00", "2021-03-28T06:00+03:00", 19 },
		{ "*/15 * * * *", "2021-10-31T00:00+03:00", "2021-10-31T06:00+02:00", 23 },
		{ "0 * * * *", "2021-03-28T00:00+02:00", "2021-03-29T00:00+03:00", 22 },
		{ "0 * * * *", "2021-10-31T00:00+03:00", "2021-11-01T00:00+02:00", 23 },
	};
	char err[200];
	struct cron c;
	time_t t, end;
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(walks); i++) {
		assert_int_equal(cron_parse(walks[i].expr, &c, err, sizeof(err)), 0);
		end = instant(walks[i].to);
		n = 0;
		for (t = cron_next(&c, instant(walks[i].from)); t < end;
		    t = cron_next(&c, t))
			n++;
		if (n != walks[i].runs)
			fail_msg("'%s' from %s to %s: %d runs, wanted %d", walks[i].expr,
			    walks[i].from, walks[i].to, n, walks[i].runs);
	}
}

static void
test_cron_parse_errors(void **state)
{
	static const struct {
		const char *expr, *msg;
	} bad[] = {
		{ "60 * * * *", "minute: 60 is out of range (0-59)" },
		{ "* 24 * * *", "hour: 24 is out of range (0-23)" },
		{ "* * 0 * *", "day of month: 0 is out of range (1-31)" },
		{ "* * * 13 *", "month: 13 is out of range (1-12)" },
		{ "* * * * 8", "day of week: 8 is out of range (0-7)" },
		{ "0 6 * * MOX", "day of week: unknown name 'MOX'" },
		{ "0 6 * FOO *", "month: unknown name 'FOO'" },
		{ "0 6 * * MONDAY", "day of week: unknown name 'MONDAY'" },
		{ "5-1 * * * *", "minute: range '5-1' runs backwards" },
		{ "*/0 * * * *", "minute: bad step in '*/0'" },
		{ "1,,2 * * * *", "minute: empty item in '1,,2'" },
		{ "* * * *", "expected 5 fields (minute hour day-of-month month "
		  "day-of-week), found 4" },
		{ "* * * * * *", "expected 5 fields (minute hour day-of-month month "
		  "day-of-week), found more than 5" },
		{ "", "expected 5 fields (minute hour day-of-month month "
		  "day-of-week), found 0" },
		{ "@reboot", "unknown macro '@reboot' (known: @yearly, @monthly, "
		  "@weekly, @daily, @hourly)" },
		{ "1-x * * * *", "minute: unknown value 'x'" },
		{ "MON * * * *", "minute: unknown value 'MON'" },
	};
	char err[200];
	struct cron c;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err[0] = '\0';
		if (cron_parse(bad[i].expr, &c, err, sizeof(err)) == 0)
			fail_msg("'%s' parsed", bad[i].expr);
		assert_string_equal(err, bad[i].msg);
	}
}

static void
test_cron_describe(void **state)
{
	static const struct {
		const char *expr, *words;
	} d[] = {
		{ "0 6 * * MON", "at 06:00 on Monday" },
		{ "0 6 * * 1-5", "at 06:00 on Monday to Friday" },
		{ "0 6 * * SAT,SUN", "at 06:00 on Sunday, Saturday" },
		{ "*/15 * * * *", "every 15 minutes" },
		{ "* * * * *", "every minute" },
		{ "@daily", "at 00:00 every day" },
		{ "@hourly", "at minute 0 of every hour" },
		{ "0 0 1 * *", "at 00:00 on day 1 of the month" },
		{ "0 0 13 * FRI", "at 00:00 on day 13 of the month or on Friday" },
		{ "30 8,17 * * *", "at 08:30, 17:30 every day" },
		{ "0 0 1 1 *", "at 00:00 on day 1 of the month in January" },
		{ "0 9-17 * * MON-FRI", "at minute 0 past hours 9-17 on Monday to Friday" },
		{ "0 0 1 */3 *", "at 00:00 on day 1 of the month in January, April, "
		  "July, October" },
	};
	char err[200], *w;
	struct cron c;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(d); i++) {
		assert_int_equal(cron_parse(d[i].expr, &c, err, sizeof(err)), 0);
		w = cron_describe(&c);
		assert_string_equal(w, d[i].words);
		free(w);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cron_next_table),
		cmocka_unit_test(test_cron_dst_days_run_once),
		cmocka_unit_test(test_cron_parse_errors),
		cmocka_unit_test(test_cron_describe),
	};

	return cmocka_run_group_tests(tests, setup_tz, NULL);
}
