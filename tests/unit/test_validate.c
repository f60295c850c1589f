/*
 * Unit tests of validate.c: codes, free text (UTF-8, control characters,
 * the 1000-character limit counted in characters, not bytes), closed
 * lists, regions typed with or without "область", numbers with a decimal
 * comma, and the participation status transitions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "integra.h"
#include "rules.h"

static struct ctx ctx;

/* n copies of s, concatenated. */
static char *
repeat(const char *s, size_t n)
{
	struct buf b = { 0 };

	while (n--)
		buf_adds(&b, s);
	return b.s ? b.s : xstrdup("");
}

static void
test_validate_code(void **state)
{
	char *long_code = repeat("A", 65), *max_code = repeat("A", 64);

	(void)state;
	assert_int_equal(check_code(&ctx, "code", "MOU"), 0);
	assert_int_equal(check_code(&ctx, "code", "А0001"), 0);
	assert_int_equal(check_code(&ctx, "code", "civil-2021/1"), 0);
	assert_int_equal(check_code(&ctx, "code", max_code), 0);
	assert_int_equal(check_code(&ctx, "code", ""), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "code must not be empty");
	assert_int_equal(check_code(&ctx, "code", long_code), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "code is too long: 65 bytes (at most 64)");
	assert_int_equal(check_code(&ctx, "code", "A B"), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "code 'A B' contains a space or control character");
	assert_int_equal(check_code(&ctx, "code", "A\tB"), ERR_INVALID);
	assert_int_equal(check_code(&ctx, "code", "A\x7f"), ERR_INVALID);
	assert_int_equal(check_code(&ctx, "code", "A\xff"), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "code is not valid UTF-8 text");
	free(long_code);
	free(max_code);
}

static void
test_validate_text_length_in_characters(void **state)
{
	char *ok1000 = repeat("Ї", 1000), *bad1001 = repeat("Ї", 1001);
	char *latin = repeat("a", 1001);

	(void)state;
	/* 1000 Cyrillic letters are 2000 bytes and still allowed. */
	assert_int_equal(check_text(&ctx, "name", ok1000, false), 0);
	assert_int_equal(check_text(&ctx, "name", bad1001, false), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "name is too long: 1001 characters (at most 1000)");
	assert_int_equal(check_text(&ctx, "name", latin, false), ERR_INVALID);
	free(ok1000);
	free(bad1001);
	free(latin);
}

static void
test_validate_text_megabyte(void **state)
{
	char *big = repeat("x", 1 << 20);

	(void)state;
	assert_int_equal(check_text(&ctx, "title", big, false), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "title is too long: 1048576 characters"));
	free(big);
}

static void
test_validate_text_control_chars(void **state)
{
	(void)state;
	assert_int_equal(check_text(&ctx, "name", "рядок\tз табуляцією\nі рядком", false), 0);
	assert_int_equal(check_text(&ctx, "name", "bell\a", false), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "name contains a control character (byte 5)");
	assert_int_equal(check_text(&ctx, "name", "esc\x1b[31m", false), ERR_INVALID);
	assert_int_equal(check_text(&ctx, "name", "cr\r", false), ERR_INVALID);
	assert_int_equal(check_text(&ctx, "name", "del\x7f", false), ERR_INVALID);
	assert_int_equal(check_text(&ctx, "name", "Їжак\a", false), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "name contains a control character U+0007 "
	    "(character 5); remove it: it does not show or it reorders text, so "
	    "two values that look the same would differ");
}

/* C1 controls, bidirectional and zero-width characters: refused in codes
 * and in free text, with the character number. */
static void
test_validate_hidden_chars(void **state)
{
	(void)state;
	assert_int_equal(check_code(&ctx, "code", "K\xc2\x9b"), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "code 'K\xc2\x9b' contains a C1 control "
	    "character U+009B (character 2)"));
	assert_int_equal(check_code(&ctx, "code", "U\u200B9"), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "contains a zero-width character U+200B (character 2)"));
	assert_int_equal(check_code(&ctx, "code", "A\u202EB"), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "a bidirectional control character U+202E"));
	assert_int_equal(check_code(&ctx, "code", "\uFEFFA"), ERR_INVALID);
	assert_int_equal(check_code(&ctx, "code", "A\u2066B\u2069"), ERR_INVALID);
	assert_int_equal(check_text(&ctx, "name", "Мін\u202Eістерство", false), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "name contains a bidirectional control "
	    "character U+202E (character 4)"));
	assert_int_equal(check_text(&ctx, "name", "Центр\u200Dзв'язку", false), ERR_INVALID);
	assert_int_equal(check_text(&ctx, "name", "x\xc2\x85y", false), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "U+0085 (character 2)"));
	assert_int_equal(check_text(&ctx, "name", "a\u061Cb", false), ERR_INVALID);
	/* tab and newline stay allowed in free text, no-break space too */
	assert_int_equal(check_text(&ctx, "name", "a\tb\nc\u00A0d", false), 0);
}

static void
test_validate_text_empty_and_utf8(void **state)
{
	(void)state;
	assert_int_equal(check_text(&ctx, "name", "", false), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "name must not be empty");
	assert_int_equal(check_text(&ctx, "name", "  \t", false), ERR_INVALID);
	assert_int_equal(check_text(&ctx, "position", "", true), 0);
	assert_int_equal(check_text(&ctx, "name", "bad\xc0\xafname", false), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "name is not valid UTF-8 text");
	/* SQL is just text. */
	assert_int_equal(check_text(&ctx, "name", "Robert'); DROP TABLE person;--", false), 0);
}

static void
test_validate_enum_lists_allowed(void **state)
{
	(void)state;
	assert_int_equal(check_enum(&ctx, "status", "active", programme_statuses), 0);
	assert_int_equal(check_enum(&ctx, "status", "done", programme_statuses), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "invalid status 'done' (allowed: planned, active, "
	    "completed, cancelled)");
	assert_int_equal(check_enum(&ctx, "category", "Б", civil_categories), 0);
	/* Latin B is not Cyrillic Б. */
	assert_int_equal(check_enum(&ctx, "category", "B", civil_categories), ERR_INVALID);
	assert_int_equal(check_enum(&ctx, "service", "military", person_services), 0);
}

/* The canonical region for s, or NULL when refused. */
static const char *
region(const char *s)
{
	const char *out = NULL;

	return check_region(&ctx, s, &out) == 0 ? out : NULL;
}

static void
test_validate_region(void **state)
{
	(void)state;
	assert_string_equal(region("Львівська"), "Львівська");
	assert_string_equal(region("львівська"), "Львівська");
	assert_string_equal(region("Львівська область"), "Львівська");
	assert_string_equal(region("ЛЬВІВСЬКА ОБЛАСТЬ"), "Львівська");
	assert_string_equal(region("Львівська обл."), "Львівська");
	assert_string_equal(region("Івано-Франківська область"), "Івано-Франківська");
	assert_string_equal(region("київ"), "Київ");
	assert_string_equal(region("Київська область"), "Київська");
	assert_string_equal(region("автономна республіка крим"), "Автономна Республіка Крим");
	assert_string_equal(region("Севастополь"), "Севастополь");
	assert_null(region("Атлантида"));
	assert_non_null(strstr(ctx.errmsg, "unknown region 'Атлантида'"));
	assert_null(region("область"));
	assert_null(region(""));
	assert_null(region("Lviv City"));
	/* every usual spelling, and the English names */
	assert_string_equal(region("м. Київ"), "Київ");
	assert_string_equal(region("м.Київ"), "Київ");
	assert_string_equal(region("місто Київ"), "Київ");
	assert_string_equal(region("Kyiv"), "Київ");
	assert_string_equal(region("Kyiv Oblast"), "Київська");
	assert_string_equal(region("АР Крим"), "Автономна Республіка Крим");
	assert_string_equal(region("Crimea"), "Автономна Республіка Крим");
	assert_string_equal(region("м. Севастополь"), "Севастополь");
	assert_string_equal(region("Lviv"), "Львівська");
	assert_string_equal(region("Lviv Oblast"), "Львівська");
	assert_string_equal(region(" Львівська обл. "), "Львівська");
}

/* The EDRPOU check digit: both weightings, the second pass, the refusals. */
static void
test_validate_edrpou(void **state)
{
	(void)state;
	assert_int_equal(check_edrpou(&ctx, "00034022"), 0);	/* weights 1..7 */
	assert_int_equal(check_edrpou(&ctx, "00031101"), 0);
	assert_int_equal(check_edrpou(&ctx, "40000006"), 0);	/* 7, 1..6 */
	assert_int_equal(check_edrpou(&ctx, "00000035"), 0);	/* second pass, 3..9 */
	assert_int_equal(check_edrpou(&ctx, "30000005"), 0);	/* second pass, 9, 3..8 */
	assert_int_equal(check_edrpou(&ctx, "60000006"), 0);	/* 60000000 is in range */
	assert_int_equal(check_edrpou(&ctx, "60000012"), 0);	/* above it: 1..7 */
	assert_int_equal(check_edrpou(&ctx, "00034023"), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "invalid EDRPOU code '00034023': its check "
	    "digit is 3, the code's digits give 2 (a digit typed wrong?)");
	assert_int_equal(check_edrpou(&ctx, "00000030"), ERR_INVALID);
	assert_int_equal(check_edrpou(&ctx, "0003402"), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "(8 digits)"));
	assert_int_equal(check_edrpou(&ctx, "0003402a"), ERR_INVALID);
	assert_int_equal(check_edrpou(&ctx, " 00034022"), ERR_INVALID);
}

static void
test_validate_number(void **state)
{
	double v = -1;

	(void)state;
	assert_int_equal(check_number(&ctx, "hours", "30", &v), 0);
	assert_true(v == 30.0);
	assert_int_equal(check_number(&ctx, "credits", "1,5", &v), 0);
	assert_true(v == 1.5);
	assert_int_equal(check_number(&ctx, "credits", "0.2", &v), 0);
	assert_true(v == 0.2);
	assert_int_equal(check_number(&ctx, "hours", "0", &v), 0);
	assert_true(v == 0.0);
}

static void
test_validate_number_refused(void **state)
{
	double v = 7;

	(void)state;
	assert_int_equal(check_number(&ctx, "hours", "-1", &v), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "invalid hours '-1' (must not be negative)");
	assert_int_equal(check_number(&ctx, "hours", "-0,5", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", "", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", "abc", &v), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "invalid hours 'abc' (a number)");
	assert_int_equal(check_number(&ctx, "hours", "1,5,0", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", "12h", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", "nan", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", "inf", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", "1e400", &v), ERR_INVALID);
	assert_int_equal(check_number(&ctx, "hours", " 5", &v), ERR_INVALID);
	assert_true(v == 7);
}

static void
test_validate_transitions(void **state)
{
	(void)state;
	assert_int_equal(check_transition(&ctx, "status", "nominated", "enrolled"), 0);
	assert_int_equal(check_transition(&ctx, "status", "enrolled", "attended"), 0);
	assert_int_equal(check_transition(&ctx, "status", "attended", "completed"), 0);
	assert_int_equal(check_transition(&ctx, "status", "attended", "failed"), 0);
	assert_int_equal(check_transition(&ctx, "status", "nominated", "withdrawn"), 0);
	assert_int_equal(check_transition(&ctx, "status", "attended", "withdrawn"), 0);
	assert_int_equal(check_transition(&ctx, "status", "enrolled", "enrolled"), 0);
	assert_int_equal(check_transition(&ctx, "status", "nominated", "completed"),
	    ERR_INVALID);
	assert_string_equal(ctx.errmsg, "status cannot move from 'nominated' to 'completed' "
	    "(allowed next: enrolled, withdrawn)");
	assert_int_equal(check_transition(&ctx, "status", "completed", "attended"),
	    ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "allowed next: none, it is final"));
	assert_int_equal(check_transition(&ctx, "status", "withdrawn", "enrolled"),
	    ERR_INVALID);
	assert_null(participation_next("failed")[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_code),
		cmocka_unit_test(test_validate_text_length_in_characters),
		cmocka_unit_test(test_validate_text_megabyte),
		cmocka_unit_test(test_validate_text_control_chars),
		cmocka_unit_test(test_validate_text_empty_and_utf8),
		cmocka_unit_test(test_validate_enum_lists_allowed),
		cmocka_unit_test(test_validate_region),
		cmocka_unit_test(test_validate_edrpou),
		cmocka_unit_test(test_validate_number),
		cmocka_unit_test(test_validate_number_refused),
		cmocka_unit_test(test_validate_transitions),
		cmocka_unit_test(test_validate_hidden_chars),
	};

	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
