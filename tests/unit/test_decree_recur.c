/*
 * Unit tests of the decree plugin's recurrence rules (plugins/decree/
 * recur.c, included here with terms.c for its calendar): the three kinds
 * in English and Ukrainian, the days that fall due, and the refusals of
 * rules that can never fire or would skip months.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../plugins/decree/terms.c"
#include "../../plugins/decree/recur.c"

/* The reason a rule is refused, or "" when it is accepted. */
static const char *
refusal(const char *rule)
{
	static char err[256];
	struct decree_recur r;

	err[0] = '\0';
	if (decree_recur_parse(rule, &r, err, sizeof(err)) == 0)
		return "";
	return err;
}

static void
test_decree_recur_kinds(void **state)
{
	struct decree_recur r;
	char err[256];

	(void)state;
	assert_int_equal(decree_recur_parse("quarterly 25", &r, err, sizeof(err)), 0);
	assert_int_equal(r.months, 0x924u);
	assert_int_equal(r.day, 25);
	assert_int_equal(decree_recur_parse("yearly 15.09", &r, err, sizeof(err)), 0);
	assert_int_equal(r.months, 1u << 8);
	assert_int_equal(r.day, 15);
	assert_int_equal(decree_recur_parse("щороку 01.02", &r, err, sizeof(err)), 0);
	assert_int_equal(r.months, 1u << 1);
	assert_int_equal(r.day, 1);
	assert_int_equal(decree_recur_parse("monthly 10", &r, err, sizeof(err)), 0);
	assert_int_equal(r.months, 0xfffu);
	assert_int_equal(decree_recur_parse("щокварталу 25", &r, err, sizeof(err)), 0);
	assert_int_equal(r.months, 0x924u);
}

static void
test_decree_recur_due(void **state)
{
	struct decree_recur r;
	char err[256];

	(void)state;
	assert_int_equal(decree_recur_parse("quarterly 25", &r, err, sizeof(err)), 0);
	assert_true(decree_recur_is_due(&r, "2021-09-25"));
	assert_true(decree_recur_is_due(&r, "2021-12-25"));
	assert_false(decree_recur_is_due(&r, "2021-10-25"));
	assert_false(decree_recur_is_due(&r, "2021-09-24"));
	assert_false(decree_recur_is_due(&r, "2021-09-31"));
	assert_false(decree_recur_is_due(&r, "25.09.2021"));
	assert_int_equal(decree_recur_parse("yearly 29.02", &r, err, sizeof(err)), 0);
	assert_true(decree_recur_is_due(&r, "2024-02-29"));
	assert_false(decree_recur_is_due(&r, "2023-02-29"));
}

static void
test_decree_recur_refused(void **state)
{
	(void)state;
	assert_string_equal(refusal("yearly 31.02"), "recurrence 'yearly 31.02' can "
	    "never fall due: there is no day 31 in February");
	assert_string_equal(refusal("yearly 31.04"), "recurrence 'yearly 31.04' can "
	    "never fall due: there is no day 31 in April");
	assert_string_equal(refusal("quarterly 31"), "recurrence 'quarterly 31' would "
	    "skip months: there is no day 31 in June (allowed: a day every month of the "
	    "rule has)");
	assert_string_equal(refusal("monthly 30"), "recurrence 'monthly 30' would "
	    "skip months: there is no day 30 in February (allowed: a day every month of "
	    "the rule has)");
	assert_string_equal(refusal("weekly 3"), "unknown recurrence 'weekly 3' "
	    "(allowed: yearly DD.MM, quarterly DD, monthly DD)");
	assert_string_equal(refusal("yearly 15.13"), "unknown recurrence 'yearly "
	    "15.13' (allowed: yearly DD.MM, quarterly DD, monthly DD)");
	assert_string_equal(refusal("monthly 0"), "unknown recurrence 'monthly 0' "
	    "(allowed: yearly DD.MM, quarterly DD, monthly DD)");
	assert_string_equal(refusal("monthly 10 days"), "unknown recurrence "
	    "'monthly 10 days' (allowed: yearly DD.MM, quarterly DD, monthly DD)");
	assert_string_equal(refusal("yearly"), "unknown recurrence 'yearly' "
	    "(allowed: yearly DD.MM, quarterly DD, monthly DD)");
	assert_string_equal(refusal("monthly 28"), "");
	assert_string_equal(refusal("quarterly 30"), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decree_recur_kinds),
		cmocka_unit_test(test_decree_recur_due),
		cmocka_unit_test(test_decree_recur_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
