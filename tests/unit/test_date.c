/*
 * Unit tests of date.c: the two input forms (ISO and DD.MM.YYYY, one-digit
 * day and month), impossible dates and leap years, month arithmetic of
 * legal terms with month-end clamping, and a parse/format round trip over
 * every day of three centuries.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "integra.h"

/* Parses s and returns it formatted as ISO, or "invalid". */
static const char *
iso(const char *s)
{
	static char out[11];
	int32_t d;

	if (date_parse(s, &d) != 0)
		return "invalid";
	date_format(d, out);
	return out;
}

/* ISO text of `from` plus `months`. */
static const char *
plus(const char *from, int months)
{
	static char out[11];
	int32_t d;

	assert_int_equal(date_parse(from, &d), 0);
	date_format(date_add_months(d, months), out);
	return out;
}

static void
test_date_parse_iso(void **state)
{
	(void)state;
	assert_string_equal(iso("2021-07-23"), "2021-07-23");
	assert_string_equal(iso("1970-01-01"), "1970-01-01");
	assert_string_equal(iso("2000-12-31"), "2000-12-31");
}

static void
test_date_parse_dotted(void **state)
{
	(void)state;
	assert_string_equal(iso("23.07.2021"), "2021-07-23");
	assert_string_equal(iso("01.01.2022"), "2022-01-01");
}

static void
test_date_parse_one_digit_day_month(void **state)
{
	(void)state;
	assert_string_equal(iso("3.7.2021"), "2021-07-03");
	assert_string_equal(iso("3.07.2021"), "2021-07-03");
	assert_string_equal(iso("03.7.2021"), "2021-07-03");
}

static void
test_date_parse_epoch_is_zero(void **state)
{
	int32_t d = -1;

	(void)state;
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("1970-01-02", &d), 0);
	assert_int_equal(d, 1);
}

static void
test_date_parse_malformed(void **state)
{
	(void)state;
	assert_string_equal(iso(""), "invalid");
	assert_string_equal(iso("2021-7-23"), "invalid");
	assert_string_equal(iso("2021/07/23"), "invalid");
	assert_string_equal(iso("23.07.21"), "invalid");
	assert_string_equal(iso("123.07.2021"), "invalid");
	assert_string_equal(iso("23..2021"), "invalid");
	assert_string_equal(iso("2021-07-23x"), "invalid");
	assert_string_equal(iso(" 2021-07-23"), "invalid");
	assert_string_equal(iso("a3.07.2021"), "invalid");
	assert_string_equal(iso("23.07.2021.1"), "invalid");
	assert_string_equal(iso("yesterday"), "invalid");
}

static void
test_date_parse_impossible(void **state)
{
	(void)state;
	assert_string_equal(iso("2021-02-30"), "invalid");
	assert_string_equal(iso("30.02.2021"), "invalid");
	assert_string_equal(iso("2020-02-30"), "invalid");
	assert_string_equal(iso("2021-02-29"), "invalid");
	assert_string_equal(iso("2021-04-31"), "invalid");
	assert_string_equal(iso("2021-13-01"), "invalid");
	assert_string_equal(iso("2021-00-10"), "invalid");
	assert_string_equal(iso("2021-01-00"), "invalid");
	assert_string_equal(iso("2021-01-32"), "invalid");
}

static void
test_date_parse_leap_years(void **state)
{
	(void)state;
	assert_string_equal(iso("2020-02-29"), "2020-02-29");
	assert_string_equal(iso("29.02.2020"), "2020-02-29");
	assert_string_equal(iso("2000-02-29"), "2000-02-29");
	assert_string_equal(iso("2100-02-29"), "invalid");
	assert_string_equal(iso("1900-02-29"), "invalid");
}

static void
test_date_valid(void **state)
{
	(void)state;
	assert_true(date_valid(2021, 7, 23));
	assert_false(date_valid(2021, 2, 30));
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2021, 0, 1));
}

static void
test_date_add_months_clamps_month_end(void **state)
{
	(void)state;
	assert_string_equal(plus("2021-08-31", 1), "2021-09-30");
	assert_string_equal(plus("2021-01-31", 1), "2021-02-28");
	assert_string_equal(plus("2020-01-31", 1), "2020-02-29");
	assert_string_equal(plus("2021-03-31", -1), "2021-02-28");
}

static void
test_date_add_months_decree_terms(void **state)
{
	(void)state;
	/* The terms of Decree No. 307/2021 of 23 July 2021. */
	assert_string_equal(plus("2021-07-23", 2), "2021-09-23");
	assert_string_equal(plus("2021-07-23", 3), "2021-10-23");
	assert_string_equal(plus("2021-07-23", 6), "2022-01-23");
}

static void
test_date_add_months_across_years(void **state)
{
	(void)state;
	assert_string_equal(plus("2021-12-15", 1), "2022-01-15");
	assert_string_equal(plus("2021-07-23", 24), "2023-07-23");
	assert_string_equal(plus("2022-01-15", -1), "2021-12-15");
	assert_string_equal(plus("2021-07-23", 0), "2021-07-23");
}

static void
test_date_round_trip(void **state)
{
	int32_t first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2200, 12, 31);
	int32_t d, back;
	int y, m, dd, py = 1899, pm = 12, pd = 31;
	char s[11];

	(void)state;
	for (d = first; d <= last; d++) {
		date_format(d, s);
		assert_int_equal(date_parse(s, &back), 0);
		assert_int_equal(back, d);
		date_to_ymd(d, &y, &m, &dd);
		assert_true(date_valid(y, m, dd));
		assert_int_equal(date_from_ymd(y, m, dd), d);
		/* Each day follows the one before it in the calendar. */
		if (dd == 1)
			assert_true((m == pm + 1 && y == py) || (m == 1 && pm == 12 &&
			    y == py + 1));
		else
			assert_true(dd == pd + 1 && m == pm && y == py);
		py = y;
		pm = m;
		pd = dd;
	}
}

static void
test_date_normalise_error_names_field(void **state)
{
	struct ctx ctx = { 0 };
	char out[11];

	(void)state;
	assert_int_equal(date_normalise(&ctx, "--start", "23.07.2021", out), 0);
	assert_string_equal(out, "2021-07-23");
	assert_int_equal(date_normalise(&ctx, "--start", "2021-02-30", out), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "--start"));
	assert_non_null(strstr(ctx.errmsg, "'2021-02-30'"));
}

/* date_normalise (its own fast way) agrees with date_parse + date_format
 * on every day in both forms, and on text that is no date. */
static void
test_date_normalise_matches_parse(void **state)
{
	static const char *const odd[] = { "", "1.2.2021", "01.2.2021", "1.02.2021",
	    "01.02.2021", "0a.02.2021", "01.0b.2021", "01.02.202c", "01-02-2021",
	    "2021-07-2x", "2021.07.23", "1.1.1900", "31.12.9999", "1.1.1899",
	    "99.99.9999", "2021-07-23 ", ".01.2021", "01..2021", "1.1.10000", NULL };
	struct ctx ctx = { 0 };
	char in[32], want[11], got[11];
	int32_t d, days;
	int y, m, dd, i, rc;

	(void)state;
	for (d = date_from_ymd(1900, 1, 1); d <= date_from_ymd(9999, 12, 31); d++) {
		date_to_ymd(d, &y, &m, &dd);
		date_format(d, want);
		snprintf(in, sizeof(in), "%02d.%02d.%04d", dd, m, y);
		assert_int_equal(date_normalise(&ctx, "x", in, got), 0);
		assert_string_equal(got, want);
		assert_int_equal(date_normalise(&ctx, "x", want, got), 0);
		assert_string_equal(got, want);
	}
	for (i = 0; odd[i]; i++) {
		rc = date_parse(odd[i], &days);
		assert_int_equal(date_normalise(&ctx, "x", odd[i], got), rc);
		if (rc == 0) {
			date_format(days, want);
			assert_string_equal(got, want);
		}
	}
}

static void
test_date_format_pads_digits(void **state)
{
	char s[11];

	(void)state;
	date_format(date_from_ymd(999, 3, 4), s);
	assert_string_equal(s, "0999-03-04");
	date_format(date_from_ymd(2021, 12, 31), s);
	assert_string_equal(s, "2021-12-31");
	date_format(0, s);
	assert_string_equal(s, "1970-01-01");
}

static void
test_date_today_is_plausible(void **state)
{
	(void)state;
	assert_true(date_today() > date_from_ymd(2021, 1, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_iso),
		cmocka_unit_test(test_date_parse_dotted),
		cmocka_unit_test(test_date_parse_one_digit_day_month),
		cmocka_unit_test(test_date_parse_epoch_is_zero),
		cmocka_unit_test(test_date_parse_malformed),
		cmocka_unit_test(test_date_parse_impossible),
		cmocka_unit_test(test_date_parse_leap_years),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_add_months_clamps_month_end),
		cmocka_unit_test(test_date_add_months_decree_terms),
		cmocka_unit_test(test_date_add_months_across_years),
		cmocka_unit_test(test_date_round_trip),
		cmocka_unit_test(test_date_normalise_error_names_field),
		cmocka_unit_test(test_date_normalise_matches_parse),
		cmocka_unit_test(test_date_format_pads_digits),
		cmocka_unit_test(test_date_today_is_plausible),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
