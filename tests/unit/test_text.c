/*
 * Unit tests of text.c: display width of Cyrillic and CJK text, case
 * folding of Latin and Cyrillic (Є, І, Ї, Ґ, Ё too), the Ukrainian
 * collation order, and the detection of malformed UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "integra.h"

static int
collate(const char *a, const char *b)
{
	return text_collate(a, strlen(a), b, strlen(b));
}

static void
assert_fold(const char *in, const char *want)
{
	char *f = text_fold(in);

	assert_string_equal(f, want);
	free(f);
}

static void
test_text_width_ascii(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("MOU"), 3);
}

static void
test_text_width_cyrillic(void **state)
{
	(void)state;
	/* One column per letter, though two bytes each. */
	assert_int_equal(text_width("Київ"), 4);
	assert_int_equal(text_width("Ґанок Їжака"), 11);
	assert_int_equal(strlen("Київ"), 8);
}

static void
test_text_width_cjk(void **state)
{
	(void)state;
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width("a日b"), 4);
}

static void
test_text_width_combining(void **state)
{
	(void)state;
	/* й written as и + combining breve takes one column. */
	assert_int_equal(text_width("\xd0\xb8\xcc\x86"), 1);
}

static void
test_text_fold_latin(void **state)
{
	(void)state;
	assert_fold("Hello WORLD 123", "hello world 123");
}

static void
test_text_fold_cyrillic(void **state)
{
	(void)state;
	assert_fold("МІНІСТЕРСТВО", "міністерство");
	assert_fold("Є", "є");
	assert_fold("І", "і");
	assert_fold("Ї", "ї");
	assert_fold("Ґ", "ґ");
	assert_fold("Ё", "ё");
	assert_fold("ЄВРОПЕЙСЬКА ЇЖАК ҐАНОК", "європейська їжак ґанок");
}

static void
test_text_fold_lower_unchanged(void **state)
{
	(void)state;
	assert_fold("європейська інтеграція", "європейська інтеграція");
}

static void
test_text_fold_keeps_invalid_bytes(void **state)
{
	(void)state;
	assert_fold("A\xffZ", "a\xffz");
}

static void
test_text_collate_ukrainian_order(void **state)
{
	(void)state;
	assert_true(collate("Г", "Ґ") < 0);
	assert_true(collate("Ґ", "Д") < 0);
	assert_true(collate("Г", "Д") < 0);
	assert_true(collate("Е", "Є") < 0);
	assert_true(collate("Є", "Ж") < 0);
	assert_true(collate("И", "І") < 0);
	assert_true(collate("І", "Ї") < 0);
	assert_true(collate("Ї", "Й") < 0);
	assert_true(collate("Й", "К") < 0);
	assert_true(collate("Ь", "Ю") < 0);
	assert_true(collate("Ю", "Я") < 0);
}

static void
test_text_collate_words(void **state)
{
	(void)state;
	assert_true(collate("Гуманітарний", "Ґенеральний") < 0);
	assert_true(collate("Ґенеральний", "Державна") < 0);
	assert_true(collate("Ігор", "Їжак") < 0);
	assert_true(collate("Ярослав", "Яр") > 0);
}

static void
test_text_collate_case_insensitive_first(void **state)
{
	(void)state;
	/* Case only breaks ties: "ґанок" sorts with "Ґанок", before "Д". */
	assert_true(collate("ґанок", "Дах") < 0);
	assert_true(collate("Ґанок", "дах") < 0);
	assert_true(collate("a", "B") < 0);
	/* Still a total order: different strings never compare equal. */
	assert_int_not_equal(collate("Ґанок", "ґанок"), 0);
	assert_int_equal(collate("Ґанок", "Ґанок"), 0);
}

static void
test_text_collate_apostrophe_ignored(void **state)
{
	(void)state;
	/* м-а-р-я after м-а-р-і: the apostrophe does not count. */
	assert_true(collate("Мар'яна", "Марія") > 0);
	assert_true(collate("Мар\xe2\x80\x99яна", "Марія") > 0);
	assert_true(collate("Мар\xca\xbcяна", "Марія") > 0);
	assert_true(collate("В'ячеслав", "Вячеслав") != 0);
	assert_true(collate("В'ячеслав", "Вь") > 0);
}

static void
test_text_collate_latin_before_cyrillic(void **state)
{
	(void)state;
	assert_true(collate("Zeta", "Альфа") < 0);
	assert_true(collate("NATO", "НАТО") < 0);
	assert_true(collate("1 курс", "A course") < 0);
}

static void
test_text_collate_prefix(void **state)
{
	(void)state;
	assert_true(collate("Київ", "Київська") < 0);
	assert_true(collate("", "а") < 0);
}

static void
test_text_utf8_valid(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("", 0));
	assert_true(text_valid_utf8("abc", 3));
	assert_true(text_valid_utf8("Київ", strlen("Київ")));
	assert_true(text_valid_utf8("日本", strlen("日本")));
	assert_true(text_valid_utf8("\xf0\x9f\x98\x80", 4));
}

static void
test_text_utf8_overlong(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("\xc0\xaf", 2));
	assert_false(text_valid_utf8("\xc1\xbf", 2));
	assert_false(text_valid_utf8("\xe0\x80\xaf", 3));
	assert_false(text_valid_utf8("\xf0\x80\x80\xaf", 4));
}

static void
test_text_utf8_surrogates(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("\xed\xa0\x80", 3));
	assert_false(text_valid_utf8("\xed\xbf\xbf", 3));
	assert_true(text_valid_utf8("\xed\x9f\xbf", 3));
}

static void
test_text_utf8_truncated(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("\xd0", 1));
	assert_false(text_valid_utf8("ab\xe2\x82", 4));
	assert_false(text_valid_utf8("\xf0\x9f\x98", 3));
	/* A continuation byte where a lead byte should be. */
	assert_false(text_valid_utf8("\x80", 1));
	/* A lead byte followed by a non-continuation. */
	assert_false(text_valid_utf8("\xd0" "a", 2));
}

static void
test_text_utf8_out_of_range(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("\xf4\x90\x80\x80", 4));
	assert_false(text_valid_utf8("\xf5\x80\x80\x80", 4));
	assert_false(text_valid_utf8("\xff", 1));
}

static void
test_text_utf8_nul_refused(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("a\0b", 3));
}

static void
test_text_is_ident(void **state)
{
	(void)state;
	assert_true(text_is_ident("civil_service", 32));
	assert_true(text_is_ident("a1", 32));
	assert_false(text_is_ident("1a", 32));
	assert_false(text_is_ident("Civil", 32));
	assert_false(text_is_ident("civil-service", 32));
	assert_false(text_is_ident("", 32));
	assert_false(text_is_ident("abcdef", 5));
}

static void
test_text_trim(void **state)
{
	char *t;

	(void)state;
	t = text_trim(" \t Київ \r\n");
	assert_string_equal(t, "Київ");
	free(t);
	t = text_trim("   ");
	assert_string_equal(t, "");
	free(t);
}

/* Characters that make a text lie are found with their position. */
static void
test_text_find_hidden(void **state)
{
	static const struct {
		const char *s;
		const char *allow;
		enum text_hidden h;
		uint32_t cp;
		size_t chr, byte;
	} cases[] = {
		{ "Міністерство", NULL, TEXT_CLEAN, 0, 0, 0 },
		{ "a\tb\nc", "\t\n", TEXT_CLEAN, 0, 0, 0 },
		{ "a\tb", NULL, TEXT_C0, 0x09, 2, 2 },
		{ "ab\x7f", NULL, TEXT_C0, 0x7f, 3, 3 },
		{ "K\xc2\x9b", NULL, TEXT_C1, 0x9b, 2, 2 },
		{ "ЇK\xc2\x85", NULL, TEXT_C1, 0x85, 3, 4 },
		{ "U\u200B9", NULL, TEXT_ZW, 0x200b, 2, 2 },
		{ "x\u200Dy", NULL, TEXT_ZW, 0x200d, 2, 2 },
		{ "\u2060", NULL, TEXT_ZW, 0x2060, 1, 1 },
		{ "\uFEFFa", NULL, TEXT_ZW, 0xfeff, 1, 1 },
		{ "ab\u202Ecd", NULL, TEXT_BIDI, 0x202e, 3, 3 },
		{ "\u202A", NULL, TEXT_BIDI, 0x202a, 1, 1 },
		{ "Київ\u2066", NULL, TEXT_BIDI, 0x2066, 5, 9 },
		{ "\u2069", NULL, TEXT_BIDI, 0x2069, 1, 1 },
		{ "a\u200E", NULL, TEXT_BIDI, 0x200e, 2, 2 },
		{ "a\u200F", NULL, TEXT_BIDI, 0x200f, 2, 2 },
		{ "a\u061C", NULL, TEXT_BIDI, 0x061c, 2, 2 },
		/* neighbours that are fine */
		{ "\u00A0\u2010\u2070\u0600", NULL, TEXT_CLEAN, 0, 0, 0 },
	};
	uint32_t cp;
	size_t i, chr, byte;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cp = 0;
		chr = byte = 0;
		assert_int_equal(text_find_hidden(cases[i].s, strlen(cases[i].s),
		    cases[i].allow, &cp, &chr, &byte), cases[i].h);
		if (cases[i].h == TEXT_CLEAN)
			continue;
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(chr, cases[i].chr);
		assert_int_equal(byte, cases[i].byte);
	}
	assert_string_equal(text_hidden_words(TEXT_ZW), "a zero-width character");
}

/* Sign of a byte comparison, as text_collate breaks ties. */
static int
bytes_sign(const char *a, const char *b)
{
	int c = strcmp(a, b);

	return (c > 0) - (c < 0);
}

/*
 * Comparing from where two texts first differ gives the order of
 * comparing from the start.  A leading apostrophe (') on one text and a
 * modifier letter apostrophe (U+02BC) on the other are both ignored by the
 * weights but differ in their first byte, so that comparison runs from
 * the start: it must agree, on texts that share prefixes ending inside a
 * character (і U+0456 and ї U+0457 share their first byte), with invalid
 * bytes among them.
 */
static void
test_text_collate_shared_prefix(void **state)
{
	static const char *const piece[] = { "а", "і", "ї", "и", "є", "е", "ґ",
		"г", "І", "Ї", "'", "\xca\xbc", "\xd1", "\x96", "A", "a", " ", "1" };
	char a[64], b[64], a1[80], b1[80], a2[80], b2[80];
	uint64_t r = 12345;
	int n, k, want, got, fwd, rev;

	(void)state;
	assert_true(collate("Іжак", "Їжак") < 0);
	assert_true(collate("Ковалі", "Ковали") > 0);
	assert_true(collate("Ковалїв", "Коваліб") > 0);
	for (n = 0; n < 50000; n++) {
		a[0] = '\0';
		for (k = 0; k < 4; k++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			strcat(a, piece[(r >> 33) % 18]);
		}
		strcpy(b, a);
		for (k = 0; k < 3; k++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			strcat(a, piece[(r >> 33) % 18]);
			strcat(b, piece[(r >> 45) % 18]);
		}
		snprintf(a1, sizeof(a1), "'%s", a);
		snprintf(b1, sizeof(b1), "\xca\xbc%s", b);
		snprintf(a2, sizeof(a2), "\xca\xbc%s", a);
		snprintf(b2, sizeof(b2), "'%s", b);
		fwd = collate(a1, b1);
		rev = collate(a2, b2);
		/* -1 and 1: equal weights, the tie broken by the first byte */
		want = fwd == -1 && rev == 1 ? bytes_sign(a, b) : fwd;
		got = collate(a, b);
		assert_int_equal(got, want);
		assert_int_equal(collate(b, a), -want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_width_ascii),
		cmocka_unit_test(test_text_width_cyrillic),
		cmocka_unit_test(test_text_width_cjk),
		cmocka_unit_test(test_text_width_combining),
		cmocka_unit_test(test_text_fold_latin),
		cmocka_unit_test(test_text_fold_cyrillic),
		cmocka_unit_test(test_text_fold_lower_unchanged),
		cmocka_unit_test(test_text_fold_keeps_invalid_bytes),
		cmocka_unit_test(test_text_collate_ukrainian_order),
		cmocka_unit_test(test_text_collate_words),
		cmocka_unit_test(test_text_collate_case_insensitive_first),
		cmocka_unit_test(test_text_collate_apostrophe_ignored),
		cmocka_unit_test(test_text_collate_latin_before_cyrillic),
		cmocka_unit_test(test_text_collate_prefix),
		cmocka_unit_test(test_text_collate_shared_prefix),
		cmocka_unit_test(test_text_utf8_valid),
		cmocka_unit_test(test_text_utf8_overlong),
		cmocka_unit_test(test_text_utf8_surrogates),
		cmocka_unit_test(test_text_utf8_truncated),
		cmocka_unit_test(test_text_utf8_out_of_range),
		cmocka_unit_test(test_text_utf8_nul_refused),
		cmocka_unit_test(test_text_is_ident),
		cmocka_unit_test(test_text_trim),
		cmocka_unit_test(test_text_find_hidden),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
