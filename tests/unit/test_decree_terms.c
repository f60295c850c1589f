/*
 * Unit tests of the decree plugin's pure logic (plugins/decree/terms.c,
 * included here): legal terms, due dates counted as a lawyer counts
 * (month ends clamped), the calendar, and the CSV line splitter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../plugins/decree/terms.c"

/* The due date of `term` from `base`, or "ERR" when the term is refused. */
static const char *
due_of(const char *base, const char *term)
{
	static char out[11];
	struct decree_term t;
	char err[256];

	if (decree_term_parse(term, &t, err, sizeof(err)) != 0)
		return "ERR";
	if (decree_due(base, &t, out) != 0)
		return "BADBASE";
	return out;
}

static void
test_decree_terms_reference_decree(void **state)
{
	(void)state;
	/* The twelve instructions of 307/2021 from 23 July 2021. */
	assert_string_equal(due_of("2021-07-23", "2 months"), "2021-09-23");
	assert_string_equal(due_of("2021-07-23", "3 months"), "2021-10-23");
	assert_string_equal(due_of("2021-07-23", "6 months"), "2022-01-23");
	assert_string_equal(due_of("2021-07-23", "immediately"), "2021-07-23");
	assert_string_equal(due_of("2021-07-23", "none"), "");
}

static void
test_decree_terms_month_end(void **state)
{
	(void)state;
	assert_string_equal(due_of("2021-08-31", "1 month"), "2021-09-30");
	assert_string_equal(due_of("2024-01-31", "1 month"), "2024-02-29");
	assert_string_equal(due_of("2023-01-31", "1 month"), "2023-02-28");
	assert_string_equal(due_of("2021-12-31", "2 months"), "2022-02-28");
	assert_string_equal(due_of("2021-11-30", "3 months"), "2022-02-28");
	assert_string_equal(due_of("2024-02-29", "1 year"), "2025-02-28");
	assert_string_equal(due_of("2021-07-23", "12 months"), "2022-07-23");
	assert_string_equal(due_of("2021-10-31", "1 month"), "2021-11-30");
}

static void
test_decree_terms_days_and_weeks(void **state)
{
	(void)state;
	assert_string_equal(due_of("2021-07-23", "10 days"), "2021-08-02");
	assert_string_equal(due_of("2021-12-25", "1 day"), "2021-12-26");
	assert_string_equal(due_of("2021-07-23", "2 weeks"), "2021-08-06");
	assert_string_equal(due_of("2024-02-28", "2 days"), "2024-03-01");
	assert_string_equal(due_of("2021-12-31", "1 day"), "2022-01-01");
}

static void
test_decree_terms_ukrainian_and_spelling(void **state)
{
	(void)state;
	assert_string_equal(due_of("2021-07-23", "2 місяці"), "2021-09-23");
	assert_string_equal(due_of("2021-07-23", "6 місяців"), "2022-01-23");
	assert_string_equal(due_of("2021-07-23", "1 місяць"), "2021-08-23");
	assert_string_equal(due_of("2021-07-23", "протягом 3 місяців"), "2021-10-23");
	assert_string_equal(due_of("2021-07-23", "10 днів"), "2021-08-02");
	assert_string_equal(due_of("2021-07-23", "невідкладно"), "2021-07-23");
	assert_string_equal(due_of("2021-07-23", "  Within  2   MONTHS "), "2021-09-23");
	assert_string_equal(due_of("2021-07-23", "Immediately"), "2021-07-23");
	assert_string_equal(due_of("2021-07-23", "None"), "");
}

static void
test_decree_terms_refused(void **state)
{
	struct decree_term t;
	char err[256];

	(void)state;
	assert_string_equal(due_of("2021-07-23", "2 fortnights"), "ERR");
	assert_string_equal(due_of("2021-07-23", "soon"), "ERR");
	assert_string_equal(due_of("2021-07-23", "0 months"), "ERR");
	assert_string_equal(due_of("2021-07-23", "-1 months"), "ERR");
	assert_string_equal(due_of("2021-07-23", "2"), "ERR");
	assert_string_equal(due_of("2021-07-23", "months"), "ERR");
	assert_string_equal(due_of("2021-07-23", "2 months later"), "ERR");
	assert_string_equal(due_of("2021-07-23", "99999999999999999999 days"), "ERR");
	assert_string_equal(due_of("2021-07-23", ""), "ERR");
	assert_int_equal(decree_term_parse("2 fortnights", &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown term '2 fortnights'"));
	assert_non_null(strstr(err, "allowed: N days, N weeks, N months"));
	assert_int_equal(decree_term_parse("", &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "empty"));
}

static void
test_decree_terms_dates(void **state)
{
	long d;
	char out[11];

	(void)state;
	assert_int_equal(decree_date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(decree_date_parse("2021-07-23", &d), 0);
	decree_date_format(d, out);
	assert_string_equal(out, "2021-07-23");
	assert_int_equal(decree_date_parse("2021-02-29", &d), -1);
	assert_int_equal(decree_date_parse("2024-02-29", &d), 0);
	assert_int_equal(decree_date_parse("2021-13-01", &d), -1);
	assert_int_equal(decree_date_parse("23.07.2021", &d), -1);
	assert_int_equal(decree_date_parse("2021-7-23", &d), -1);
	assert_string_equal(due_of("2021-02-30", "1 day"), "BADBASE");
	/* Days between: 23 July to 1 October 2021 is 70 days (MOD-3 late). */
	{
		long a, b;

		assert_int_equal(decree_date_parse("2021-07-23", &a), 0);
		assert_int_equal(decree_date_parse("2021-10-01", &b), 0);
		assert_int_equal(b - a, 70);
	}
}

static void
test_decree_terms_csv_split(void **state)
{
	char line1[] = "CMU-1,CMU,Кабінет Міністрів України,government,2 months,analyse";
	char line2[] = "MOD-1,MOD,\"Міністерство, оборони\",ministry,none,\"say \"\"hi\"\", all\"";
	char line3[] = "a,\"open";
	char line4[] = "a,b,c,d,e,f,g";
	char line5[] = "a,,c";
	char *f[6];

	(void)state;
	assert_int_equal(decree_csv_split(line1, f, 6), 6);
	assert_string_equal(f[2], "Кабінет Міністрів України");
	assert_string_equal(f[5], "analyse");
	assert_int_equal(decree_csv_split(line2, f, 6), 6);
	assert_string_equal(f[2], "Міністерство, оборони");
	assert_string_equal(f[5], "say \"hi\", all");
	assert_int_equal(decree_csv_split(line3, f, 6), -1);
	assert_int_equal(decree_csv_split(line4, f, 6), -1);
	assert_int_equal(decree_csv_split(line5, f, 6), 3);
	assert_string_equal(f[1], "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decree_terms_reference_decree),
		cmocka_unit_test(test_decree_terms_month_end),
		cmocka_unit_test(test_decree_terms_days_and_weeks),
		cmocka_unit_test(test_decree_terms_ukrainian_and_spelling),
		cmocka_unit_test(test_decree_terms_refused),
		cmocka_unit_test(test_decree_terms_dates),
		cmocka_unit_test(test_decree_terms_csv_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
