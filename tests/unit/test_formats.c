/*
 * Unit tests of the core output formats table, csv and json, driven only
 * through their struct integra_format descriptors (the plugin ABI):
 * the table aligned by display width (Cyrillic, CJK), numbers to the
 * right, a totals row; CSV quoting, CRLF and the Excel byte-order mark;
 * JSON escaping and typed values; a failed write passed back.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "format_fixture.h"

static void
test_formats_descriptors(void **state)
{
	(void)state;
	assert_string_equal(out_format_table.name, "table");
	assert_string_equal(out_format_csv.name, "csv");
	assert_string_equal(out_format_json.name, "json");
	assert_string_equal(out_format_table.extension, "txt");
	assert_string_equal(out_format_csv.extension, "csv");
	assert_string_equal(out_format_json.extension, "json");
	assert_int_equal(out_format_table.flags | out_format_csv.flags |
	    out_format_json.flags, 0);
}

static void
test_table_display_width(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER },
		{ .name = "note", .type = INTEGRA_TEXT },
	};
	struct integra_value vals[] = {
		v_text("Київ"), v_int(3), v_text("a"),
		v_text("Львівська"), v_int(12), v_null(),
		v_text("日本"), v_int(100), v_text("Ґ"),
	};
	char *got;

	(void)state;
	got = format_run(&out_format_table, "t", 0, cols, 3, vals, 3);
	assert_non_null(got);
	assert_string_equal(got,
	    "name       n    note\n"
	    "---------  ---  ----\n"
	    "Київ         3  a\n"
	    "Львівська   12\n"
	    "日本       100  Ґ\n");
	free(got);
}

static void
test_table_totals_and_numbers(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "org", .type = INTEGRA_TEXT },
		{ .name = "people", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL },
		{ .name = "share", .type = INTEGRA_REAL },
	};
	struct integra_value vals[] = {
		v_text("MOU"), v_int(3), v_real(1.5),
		v_text("ODA"), v_int(10), v_real(0.25),
	};
	char *got;

	(void)state;
	got = format_run(&out_format_table, "t", 0, cols, 3, vals, 2);
	assert_non_null(got);
	assert_string_equal(got,
	    "org    people  share\n"
	    "-----  ------  -----\n"
	    "MOU         3    1.5\n"
	    "ODA        10   0.25\n"
	    "total      13\n");
	free(got);

	/* one row: nothing to total */
	got = format_run(&out_format_table, "t", 0, cols, 3, vals, 1);
	assert_non_null(got);
	assert_null(strstr(got, "total"));
	free(got);
}

static void
test_table_value_texts(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "v", .type = INTEGRA_NULL },
	};
	struct integra_value vals[] = {
		v_real(2.0), v_real(-0.5), v_real(1e20), v_real(NAN), v_int(INT64_MIN),
		{ .type = INTEGRA_BOOLEAN, .i = 1 }, { .type = INTEGRA_BOOLEAN, .i = 0 },
	};
	char *got;

	(void)state;
	got = format_run(&out_format_table, "t", 0, cols, 1, vals, ARRAY_SIZE(vals));
	assert_non_null(got);
	assert_string_equal(got,
	    "v\n"
	    "--------------------\n"
	    "                   2\n"
	    "                -0.5\n"
	    "               1e+20\n"
	    "\n"
	    "-9223372036854775808\n"
	    "yes\n"
	    "no\n");
	free(got);
}

/* An abandoned table (close with ok = 0) writes nothing. */
static void
test_table_abandoned(void **state)
{
	static const struct integra_column cols[] = { { .name = "a", .type = INTEGRA_TEXT } };
	struct integra_value v = v_text("x");
	struct sink s = { .fail_at = 0 };
	struct integra_output o = sink_output(&s, "t", 0);
	void *st = NULL;

	(void)state;
	assert_int_equal(out_format_table.open(&o, cols, 1, &st), 0);
	assert_int_equal(out_format_table.row(st, &v), 0);
	assert_int_equal(out_format_table.close(st, 0), 0);
	assert_int_equal(s.b.len, 0);
	buf_release(&s.b);
}

static void
test_csv_quoting(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "code", .type = INTEGRA_TEXT },
		{ .name = "name, full", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER },
		{ .name = "r", .type = INTEGRA_REAL },
	};
	struct integra_value vals[] = {
		v_text("MOU"), v_text("Міністерство \"оборони\""), v_int(3), v_real(1.5),
		v_text("A,B"), v_text("line\nbreak"), v_null(), v_null(),
		v_text(" lead"), v_text("trail "), v_int(-7), v_real(0.1),
		v_text(""), v_text("cr\r"), v_int(0), v_real(2.0),
		v_text("\""), v_text("mid dle"), v_int(1), v_real(1e20),
	};
	char *got;

	(void)state;
	got = format_run(&out_format_csv, "t", 0, cols, 4, vals, 5);
	assert_non_null(got);
	assert_string_equal(got,
	    "code,\"name, full\",n,r\r\n"
	    "MOU,\"Міністерство \"\"оборони\"\"\",3,1.5\r\n"
	    "\"A,B\",\"line\nbreak\",,\r\n"
	    "\" lead\",\"trail \",-7,0.1\r\n"
	    ",\"cr\r\",0,2\r\n"
	    "\"\"\"\",mid dle,1,1e+20\r\n");
	free(got);
}

static void
test_csv_excel_bom(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "назва", .type = INTEGRA_TEXT },
	};
	struct integra_value vals[] = { v_text("Київ"), v_text("Львів") };
	char *got;

	(void)state;
	got = format_run(&out_format_csv, "t", 1, cols, 1, vals, 2);
	assert_non_null(got);
	assert_string_equal(got, "\xef\xbb\xbfназва\r\nКиїв\r\nЛьвів\r\n");
	free(got);
	got = format_run(&out_format_csv, "t", 0, cols, 1, vals, 2);
	assert_non_null(got);
	assert_string_equal(got, "назва\r\nКиїв\r\nЛьвів\r\n");
	free(got);
	/* the mark comes once, even with no rows */
	got = format_run(&out_format_csv, "t", 1, cols, 1, vals, 0);
	assert_non_null(got);
	assert_string_equal(got, "\xef\xbb\xbfназва\r\n");
	free(got);
}

/* Names a spreadsheet would run as formulas and their neighbours: each
 * as the csv field --excel writes and as plain csv writes it. */
static const struct {
	const char *name, *excel, *plain;
} formulas[] = {
	{ "=1+1", "'=1+1", "=1+1" },
	{ "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0" },
	{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"",
	  "\"=HYPERLINK(\"\"http://x\"\")\"" },
	{ "@SUM(A1)", "'@SUM(A1)", "@SUM(A1)" },
	{ "-2+3", "'-2+3", "-2+3" },
	{ "\tTAB", "'\tTAB", "\tTAB" },
	{ "\rCR", "\"'\rCR\"", "\"\rCR\"" },
	{ "a=1", "a=1", "a=1" },
	{ " =1", "\" =1\"", "\" =1\"" },
	{ "'quoted", "'quoted", "'quoted" },
	{ "", "", "" },
};

/* Each name in a row beside a negative integer and a negative real, which
 * are numbers and never guarded: what csv writes must be exactly the
 * expected fields, with --excel or without. */
static void
formula_check(int excel)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER },
		{ .name = "r", .type = INTEGRA_REAL },
	};
	struct integra_value vals[3 * ARRAY_SIZE(formulas)];
	struct buf want = { 0 };
	char *got;
	size_t i;

	buf_adds(&want, excel ? "\xef\xbb\xbfname;n;r\r\n" : "name,n,r\r\n");
	for (i = 0; i < ARRAY_SIZE(formulas); i++) {
		vals[3 * i] = v_text(formulas[i].name);
		vals[3 * i + 1] = v_int(-2);
		vals[3 * i + 2] = v_real(-1.5);
		/* --excel: ';' between cells, a decimal comma */
		buf_printf(&want, excel ? "%s;-2;-1,5\r\n" : "%s,-2,-1.5\r\n",
		    excel ? formulas[i].excel : formulas[i].plain);
	}
	got = format_run(&out_format_csv, "t", excel, cols, 3, vals, i);
	assert_non_null(got);
	assert_string_equal(got, want.s);
	free(got);
	buf_release(&want);
}

static void
test_csv_excel_formulas(void **state)
{
	(void)state;
	formula_check(1);
}

static void
test_csv_plain_formulas_verbatim(void **state)
{
	(void)state;
	formula_check(0);
}

/* A column name that looks like a formula is guarded in the header too;
 * a date cell is text like any other. */
static void
test_csv_excel_formula_header(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "-total", .type = INTEGRA_INTEGER },
		{ .name = "due", .type = INTEGRA_DATE },
	};
	struct integra_value vals[] = { v_int(-3), v_text("=2021") };
	char *got;

	(void)state;
	vals[1].type = INTEGRA_DATE;
	got = format_run(&out_format_csv, "t", 1, cols, 2, vals, 1);
	assert_non_null(got);
	assert_string_equal(got, "\xef\xbb\xbf'-total;due\r\n-3;'=2021\r\n");
	free(got);
}

static void
test_json_escaping_and_types(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER },
		{ .name = "r", .type = INTEGRA_REAL },
		{ .name = "say \"hi\"", .type = INTEGRA_BOOLEAN },
	};
	struct integra_value vals[] = {
		v_text("Київ \"центр\"\\"), v_int(-1), v_real(1.5),
		{ .type = INTEGRA_BOOLEAN, .i = 1 },
		v_text("a\nb\tc\rd\x01" "e/\x1f"), v_null(), v_real(NAN),
		{ .type = INTEGRA_BOOLEAN, .i = 0 },
		v_null(), v_int(INT64_MAX), v_real(1e20), v_null(),
	};
	char *got;

	(void)state;
	got = format_run(&out_format_json, "t", 0, cols, 4, vals, 3);
	assert_non_null(got);
	assert_string_equal(got,
	    "[\n"
	    "  {\"name\": \"Київ \\\"центр\\\"\\\\\", \"n\": -1, \"r\": 1.5, "
	    "\"say \\\"hi\\\"\": true},\n"
	    "  {\"name\": \"a\\nb\\tc\\rd\\u0001e/\\u001f\", \"n\": null, \"r\": null, "
	    "\"say \\\"hi\\\"\": false},\n"
	    "  {\"name\": null, \"n\": 9223372036854775807, \"r\": 1e+20, "
	    "\"say \\\"hi\\\"\": null}\n"
	    "]\n");
	free(got);
}

static void
test_json_empty_and_numbers(void **state)
{
	static const struct integra_column cols[] = { { .name = "x", .type = INTEGRA_REAL } };
	struct integra_value vals[] = { v_real(0.1), v_real(-0.5), v_real(123456.789),
	    v_real(0.0) };
	char *got;

	(void)state;
	got = format_run(&out_format_json, "t", 0, cols, 1, vals, 0);
	assert_non_null(got);
	assert_string_equal(got, "[]\n");
	free(got);
	got = format_run(&out_format_json, "t", 0, cols, 1, vals, 4);
	assert_non_null(got);
	assert_string_equal(got, "[\n  {\"x\": 0.1},\n  {\"x\": -0.5},\n"
	    "  {\"x\": 123456.789},\n  {\"x\": 0}\n]\n");
	free(got);
}

/* A write that fails: each format passes the error back, and close()
 * still frees its state (the sanitizer build checks that).  Each case
 * fails the nth write: the header (csv, json: written by open(); the
 * table writes all at close(): its header, the rule under it, a row). */
static void
test_formats_write_error(void **state)
{
	static const struct integra_column cols[] = { { .name = "a", .type = INTEGRA_TEXT } };
	static const struct {
		const struct integra_format *f;
		int fail_at;
	} cases[] = {
		{ &out_format_table, 1 }, { &out_format_table, 2 },
		{ &out_format_table, 3 },
		{ &out_format_csv, 1 }, { &out_format_csv, 2 },
		{ &out_format_json, 1 }, { &out_format_json, 2 },
	};
	struct integra_value v = v_text("x");
	struct sink s;
	struct integra_output o;
	void *st;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(&s, 0, sizeof(s));
		s.fail_at = cases[i].fail_at;
		o = sink_output(&s, "t", 0);
		st = NULL;
		rc = cases[i].f->open(&o, cols, 1, &st);
		assert_non_null(st);
		if (rc == 0)
			rc = cases[i].f->row(st, &v);
		if (rc == 0)
			rc = cases[i].f->close(st, 1);
		else
			cases[i].f->close(st, 0);
		assert_int_equal(rc, INTEGRA_EFAIL);
		buf_release(&s.b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats_descriptors),
		cmocka_unit_test(test_table_display_width),
		cmocka_unit_test(test_table_totals_and_numbers),
		cmocka_unit_test(test_table_value_texts),
		cmocka_unit_test(test_table_abandoned),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_excel_bom),
		cmocka_unit_test(test_csv_excel_formulas),
		cmocka_unit_test(test_csv_plain_formulas_verbatim),
		cmocka_unit_test(test_csv_excel_formula_header),
		cmocka_unit_test(test_json_escaping_and_types),
		cmocka_unit_test(test_json_empty_and_numbers),
		cmocka_unit_test(test_formats_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
