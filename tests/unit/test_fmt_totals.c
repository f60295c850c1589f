/*
 * Unit tests of the totals row every human format shows (fmt_totals_* in
 * fmt_value.c) and of the charts' choices (fmt_chart.c): a sum is an
 * integer when whole, a ratio is the ratio of the totals times the scale,
 * a column declared NONE (a share, a year) has none, ABI 1.0's
 * INTEGRA_COLUMN_TOTAL still sums, a sum of no numbers is blank; the
 * chart names bars by a name column with the code beside it, leaves out
 * rows without a value, and keeps the order of months.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "format_fixture.h"
#include "fmt_chart.h"
#include "fmt_value.h"

static const struct integra_column cols[] = {
	{ .name = "region", .type = INTEGRA_TEXT },
	{ .name = "year", .type = INTEGRA_INTEGER, .total = INTEGRA_TOTAL_NONE },
	{ .name = "people", .type = INTEGRA_INTEGER, .total = INTEGRA_TOTAL_SUM },
	{ .name = "completed", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL },
	{ .name = "share", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_MEASURE,
	  .total = INTEGRA_TOTAL_RATIO, .numerator = "completed",
	  .denominator = "people", .scale = 100 },
	{ .name = "hours", .type = INTEGRA_REAL, .total = INTEGRA_TOTAL_SUM },
	{ .name = "odd", .type = INTEGRA_REAL, .total = INTEGRA_TOTAL_RATIO,
	  .numerator = "nope", .denominator = "people" },
};

static void
test_totals_by_declaration(void **state)
{
	struct integra_value r1[] = { v_text("Київ"), v_int(2021), v_int(3), v_int(2),
	    v_real(66.7), v_real(1.5), v_null() };
	struct integra_value r2[] = { v_text("Львів"), v_int(2022), v_int(2), v_int(1),
	    v_real(50), v_real(2.25), v_null() };
	struct fmt_totals t;
	struct integra_value v;

	(void)state;
	fmt_totals_init(&t, cols, ARRAY_SIZE(cols));
	assert_true(t.any);
	fmt_totals_add(&t, r1);
	fmt_totals_add(&t, r2);
	assert_false(fmt_totals_value(&t, 0, &v));
	assert_int_equal(v.type, INTEGRA_NULL);
	assert_false(fmt_totals_value(&t, 1, &v));	/* a year: none */
	assert_true(fmt_totals_value(&t, 2, &v));
	assert_int_equal(v.type, INTEGRA_INTEGER);
	assert_int_equal(v.i, 5);
	assert_true(fmt_totals_value(&t, 3, &v));	/* ABI 1.0's flag */
	assert_int_equal(v.i, 3);
	assert_true(fmt_totals_value(&t, 4, &v));	/* 3 / 5, not 116.7 */
	assert_int_equal(v.type, INTEGRA_REAL);
	assert_true(v.r == 60.0);
	assert_true(fmt_totals_value(&t, 5, &v));
	assert_int_equal(v.type, INTEGRA_REAL);
	assert_true(v.r == 3.75);
	assert_false(fmt_totals_value(&t, 6, &v));	/* a ratio of no column */
	fmt_totals_free(&t);
}

static void
test_totals_blank_when_no_number(void **state)
{
	static const struct integra_column c[] = {
		{ .name = "met", .type = INTEGRA_NULL, .total = INTEGRA_TOTAL_SUM },
		{ .name = "share", .type = INTEGRA_REAL, .total = INTEGRA_TOTAL_RATIO,
		  .numerator = "met", .denominator = "met", .scale = 0 },
	};
	struct integra_value r[] = { v_text("yes"), v_null() };
	struct fmt_totals t;
	struct integra_value v;

	(void)state;
	fmt_totals_init(&t, c, 2);
	fmt_totals_add(&t, r);
	assert_false(fmt_totals_value(&t, 0, &v));
	assert_false(fmt_totals_value(&t, 1, &v));	/* denominator 0 */
	fmt_totals_free(&t);
}

static void
test_chart_names_and_values(void **state)
{
	static const struct integra_column c[] = {
		{ .name = "org", .type = INTEGRA_TEXT },
		{ .name = "name", .type = INTEGRA_TEXT },
		{ .name = "days", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_MEASURE },
	};
	struct integra_value r1[] = { v_text("ORG00102"), v_text("Одеська ОДА"), v_int(7) };
	struct integra_value r2[] = { v_text("ORG00103"), v_text("Львівська ОДА"), v_null() };
	struct chart ch;
	struct buf b = { 0 };

	(void)state;
	chart_init(&ch, c, 3);
	assert_int_equal(ch.measure, 2);
	assert_int_equal(ch.label, 1);
	assert_int_equal(ch.code, 0);
	assert_false(ch.ordered);
	chart_add(&ch, r1);
	chart_add(&ch, r2);
	assert_int_equal(ch.n, 1);
	assert_int_equal(ch.omitted, 1);
	chart_svg(&ch, &b, "Днів");
	assert_non_null(strstr(b.s, "<title>ORG00102 · Одеська ОДА</title>"));
	assert_non_null(strstr(b.s, ">Одеська ОДА</text>"));
	assert_null(strstr(b.s, "Львівська"));
	assert_non_null(strstr(b.s, "1 row without a value is not shown"));
	buf_release(&b);
	chart_free(&ch);
}

static void
test_chart_months_in_order(void **state)
{
	static const struct integra_column c[] = {
		{ .name = "month", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL },
	};
	struct integra_value r1[] = { v_text("2021-10"), v_int(1) };
	struct integra_value r2[] = { v_text("2021-11"), v_int(5) };
	struct chart ch;
	struct buf b = { 0 };

	(void)state;
	chart_init(&ch, c, 2);
	assert_true(ch.ordered);
	assert_true(ch.line);
	chart_add(&ch, r1);
	chart_add(&ch, r2);
	chart_svg(&ch, &b, "n");
	assert_non_null(strstr(b.s, "<polyline"));
	assert_true(strstr(b.s, ">2021-10<") < strstr(b.s, ">2021-11<"));
	buf_release(&b);
	chart_free(&ch);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_totals_by_declaration),
		cmocka_unit_test(test_totals_blank_when_no_number),
		cmocka_unit_test(test_chart_names_and_values),
		cmocka_unit_test(test_chart_months_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
