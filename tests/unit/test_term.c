/*
 * Unit tests of fmt_vertical.c through the format callbacks: the vertical
 * record view (the record lines, labels before names, a value of several
 * lines continued under its field, "(no rows)"), and table-fit, which
 * writes the table when it fits COLUMNS and the vertical view when not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "integra.h"
#include "term.h"
#include "format_fixture.h"

static const struct integra_column cols[] = {
	{ .name = "code", .type = INTEGRA_TEXT },
	{ .name = "name", .type = INTEGRA_TEXT, .label = "Назва" },
	{ .name = "people", .type = INTEGRA_INTEGER },
};

static struct integra_value
text(const char *s)
{
	struct integra_value v = { .type = INTEGRA_TEXT, .s = s, .n = strlen(s) };

	return v;
}

static struct integra_value
integer(int64_t i)
{
	struct integra_value v = { .type = INTEGRA_INTEGER, .i = i, .r = (double)i };

	return v;
}

static void
test_vertical(void **state)
{
	struct integra_value vals[6];
	char *out;

	(void)state;
	vals[0] = text("MOU");
	vals[1] = text("Міністерство оборони України");
	vals[2] = integer(12);
	vals[3] = text("LODA");
	vals[4] = text("Львівська ОДА\nуправління персоналу");
	vals[5] = integer(3);
	out = format_run(&out_format_vertical, "t", 0, cols, 3, vals, 2);
	assert_non_null(out);
	assert_string_equal(out,
	    "-[ RECORD 1 ]---------\n"
	    "code   | MOU\n"
	    "Назва  | Міністерство оборони України\n"
	    "people | 12\n"
	    "-[ RECORD 2 ]---------\n"
	    "code   | LODA\n"
	    "Назва  | Львівська ОДА\n"
	    "       | управління персоналу\n"
	    "people | 3\n");
	free(out);
	out = format_run(&out_format_vertical, "t", 0, cols, 3, vals, 0);
	assert_string_equal(out, "(no rows)\n");
	free(out);
}

static void
test_fit(void **state)
{
	struct integra_value vals[3];
	char *out;

	(void)state;
	vals[0] = text("MOU");
	vals[1] = text("Міністерство оборони України");
	vals[2] = integer(12);
	/* code 4 + name 28 + people 6 + two gaps of 2: 42 columns */
	setenv("COLUMNS", "42", 1);
	out = format_run(&out_format_table_fit, "t", 0, cols, 3, vals, 1);
	assert_non_null(strstr(out, "MOU   Міністерство оборони України      12"));
	assert_null(strstr(out, "RECORD"));
	free(out);
	setenv("COLUMNS", "41", 1);
	out = format_run(&out_format_table_fit, "t", 0, cols, 3, vals, 1);
	assert_non_null(strstr(out, "-[ RECORD 1 ]"));
	assert_non_null(strstr(out, "people | 12\n"));
	free(out);
	unsetenv("COLUMNS");
	out = format_run(&out_format_table_fit, "t", 0, cols, 3, vals, 1);
	assert_null(strstr(out, "RECORD"));	/* no limit */
	free(out);
	assert_int_equal(fmt_term_width(-1), 0);
	setenv("COLUMNS", "100", 1);
	assert_int_equal(fmt_term_width(-1), 100);
	setenv("COLUMNS", "wide", 1);
	assert_int_equal(fmt_term_width(-1), 0);
	unsetenv("COLUMNS");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vertical),
		cmocka_unit_test(test_fit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
