/*
 * Unit tests of the strict RFC 4180 reader (core/csv.c): what it accepts
 * (BOM, CRLF and LF, a last line without newline, quoted commas, quotes
 * and line breaks, Cyrillic, spaces as data) and every malformation it
 * refuses with line and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integra.h"
#include "csv.h"

struct fixture {
	FILE *fp;
	struct csv c;
};

static struct fixture f;

/* Starts reading n bytes of text from a temporary file. */
static struct csv *
open_text(const char *text, size_t n)
{
	f.fp = tmpfile();
	assert_non_null(f.fp);
	assert_int_equal(fwrite(text, 1, n, f.fp), n);
	fflush(f.fp);
	rewind(f.fp);
	csv_init(&f.c, fileno(f.fp));
	return &f.c;
}

static struct csv *
open_str(const char *text)
{
	return open_text(text, strlen(text));
}

static int
teardown(void **state)
{
	(void)state;
	csv_release(&f.c);
	if (f.fp)
		fclose(f.fp);
	f.fp = NULL;
	return 0;
}

/* Asserts the next record is a row with the given fields. */
static void
expect_row(struct csv *c, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(c->nfields, n);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);

		assert_string_equal(c->field[i], want);
		assert_int_equal(c->len[i], strlen(want));
	}
	va_end(ap);
}

static void
test_csv_simple_lf(void **state)
{
	struct csv *c = open_str("a,b,c\n1,2,3\n");

	(void)state;
	expect_row(c, 3, "a", "b", "c");
	assert_int_equal(c->line, 1);
	expect_row(c, 3, "1", "2", "3");
	assert_int_equal(c->line, 2);
	assert_int_equal(csv_next(c), CSV_EOF);
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_crlf_and_bom(void **state)
{
	struct csv *c = open_str("\xef\xbb\xbfkey,name\r\nP1,Іван\r\n");

	(void)state;
	expect_row(c, 2, "key", "name");
	expect_row(c, 2, "P1", "Іван");
	assert_int_equal(csv_next(c), CSV_EOF);
	assert_int_equal(c->bytes, strlen("\xef\xbb\xbfkey,name\r\nP1,Іван\r\n"));
}

static void
test_csv_last_line_without_newline(void **state)
{
	struct csv *c = open_str("a,b\r\n1,2");

	(void)state;
	expect_row(c, 2, "a", "b");
	expect_row(c, 2, "1", "2");
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_quoted_specials(void **state)
{
	struct csv *c = open_str("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n"
	    "\"\",,\"\"\"\"\n");

	(void)state;
	expect_row(c, 3, "a", "b", "c");
	expect_row(c, 3, "x, y", "say \"hi\"", "two\r\nlines");
	assert_int_equal(c->line, 2);
	expect_row(c, 3, "", "", "\"");
	assert_int_equal(c->line, 4);
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_spaces_are_data(void **state)
{
	struct csv *c = open_str("a,b\n  x , y\t\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	expect_row(c, 2, "  x ", " y\t");
}

static void
test_csv_empty_last_field(void **state)
{
	struct csv *c = open_str("a,b\n1,\n2,");

	(void)state;
	expect_row(c, 2, "a", "b");
	expect_row(c, 2, "1", "");
	expect_row(c, 2, "2", "");
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_blank_lines_skipped(void **state)
{
	struct csv *c = open_str("a,b\n\n1,2\r\n\r\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	expect_row(c, 2, "1", "2");
	assert_int_equal(c->line, 3);
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_empty_file(void **state)
{
	struct csv *c = open_str("");

	(void)state;
	assert_int_equal(csv_next(c), CSV_EOF);
	teardown(NULL);
	c = open_str("\xef\xbb\xbf");
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_stray_quote(void **state)
{
	struct csv *c = open_str("a,b\nfoo,ba\"r\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_string_equal(c->err, "line 2, column 7: a quote inside an unquoted "
	    "field (quote the whole field and double the quote: \"a \"\"b\"\"\")");
	assert_int_equal(csv_next(c), CSV_ERROR);
}

static void
test_csv_text_after_closing_quote(void **state)
{
	struct csv *c = open_str("a,b\n\"x\"y,2\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_non_null(strstr(c->err, "line 2, column 4: unexpected character"));
}

static void
test_csv_unterminated_quote(void **state)
{
	struct csv *c = open_str("a,b\n1,\"open\n2,3\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_string_equal(c->err, "line 2, column 3: a quoted field is not closed "
	    "at the end of the file");
}

static void
test_csv_too_many_fields(void **state)
{
	struct csv *c = open_str("a,b\n1,2,3\n4,5\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_non_null(strstr(c->err, "line 2, column 4: 3 fields, expected 2"));
	assert_int_equal(c->nfields, 3);
	expect_row(c, 2, "4", "5");
}

static void
test_csv_too_few_fields(void **state)
{
	struct csv *c = open_str("a,b,c\n1,2\n4,5,6");

	(void)state;
	expect_row(c, 3, "a", "b", "c");
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_non_null(strstr(c->err, "line 2, column 4: 2 fields, expected 3"));
	expect_row(c, 3, "4", "5", "6");
}

static void
test_csv_invalid_utf8(void **state)
{
	struct csv *c = open_str("a,b\nІван,ab\xff\n\"x\ny\xc3\",2\nok,ok\n");

	(void)state;
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_string_equal(c->err, "line 2, column 8: invalid UTF-8 (save the file as UTF-8)");
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_non_null(strstr(c->err, "line 4, column 2: invalid UTF-8"));
	expect_row(c, 2, "ok", "ok");
}

static void
test_csv_nul_byte(void **state)
{
	struct csv *c = open_text("a\nx\0y\n", 6);

	(void)state;
	expect_row(c, 1, "a");
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_non_null(strstr(c->err, "line 2, column 2: a NUL byte"));
}

static void
test_csv_field_limit(void **state)
{
	size_t n = 10 * 1024 * 1024;
	char *big = malloc(n + 16);
	struct csv *c;

	(void)state;
	memcpy(big, "a,b\n1,", 6);
	memset(big + 6, 'x', n);
	memcpy(big + 6 + n, "\n", 1);
	c = open_text(big, n + 7);
	free(big);
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_non_null(strstr(c->err, "line 2, column 3: field longer than 65536 bytes"));
}

static void
test_csv_field_at_limit(void **state)
{
	size_t n = CSV_FIELD_MAX;
	char *big = malloc(n + 16);
	struct csv *c;

	(void)state;
	big[0] = '"';
	memset(big + 1, 'y', n);
	memcpy(big + 1 + n, "\"\n", 2);
	c = open_text(big, n + 3);
	free(big);
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(c->len[0], n);
}

static void
test_csv_bare_cr(void **state)
{
	struct csv *c = open_str("a,b\r1,2\n");

	(void)state;
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_non_null(strstr(c->err, "carriage return"));
}

/* A bare CR as the last byte of the file is the same error, after the
 * last record or on a blank last line; CRLF at the end stays fine. */
static void
test_csv_bare_cr_at_eof(void **state)
{
	struct csv *c = open_str("a,b\n1,2\r");

	(void)state;
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_non_null(strstr(c->err, "line 2, column 4: a carriage return without a line feed"));
	teardown(NULL);
	c = open_str("a,b\n1,2\n\r");
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_non_null(strstr(c->err, "line 3, column 1: a carriage return"));
	teardown(NULL);
	c = open_str("a,b\n1,2\r\n");
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_many_fields_and_long_records(void **state)
{
	struct buf b = { 0 };
	struct csv *c;
	char want[64];
	int i, r;

	(void)state;
	for (i = 0; i < 100; i++)
		buf_printf(&b, "%sc%d", i ? "," : "", i);
	buf_adds(&b, "\n");
	for (r = 0; r < 3000; r++) {
		for (i = 0; i < 100; i++)
			buf_printf(&b, "%s\"Петренко, %d\"", i ? "," : "", r * 100 + i);
		buf_adds(&b, "\r\n");
	}
	c = open_text(b.s, b.len);
	buf_release(&b);
	assert_int_equal(csv_next(c), CSV_ROW);
	assert_int_equal(c->nfields, 100);
	for (r = 0; r < 3000; r++) {
		assert_int_equal(csv_next(c), CSV_ROW);
		assert_int_equal(c->line, r + 2);
		snprintf(want, sizeof(want), "Петренко, %d", r * 100 + 99);
		assert_string_equal(c->field[99], want);
	}
	assert_int_equal(csv_next(c), CSV_EOF);
}

/* Reads records until an error; returns its code, the message in c->err. */
static int
first_error(struct csv *c)
{
	int r;

	while ((r = csv_next(c)) == CSV_ROW)
		;
	return r;
}

/* Columns count characters from the start of the line, also after
 * Cyrillic text, a byte-order mark and line breaks inside quotes. */
static void
test_csv_error_columns_count_characters(void **state)
{
	static const struct {
		const char *text;
		int result;
		const char *err;
	} t[] = {
		{ "a,b\nІван,\"x\"y\n", CSV_ERROR, "line 2, column 9: unexpected character" },
		{ "a,b\n\"Іва\nн\",ab\"c\n", CSV_ERROR, "line 3, column 6: a quote inside" },
		{ "\xef\xbb\xbf" "ab\"c\n", CSV_ERROR, "line 1, column 3: a quote inside" },
		{ "a,b,c\nІ,ї\n", CSV_BAD, "line 2, column 4: 2 fields, expected 3" },
		{ "ї,б\rx", CSV_ERROR, "line 1, column 4: a carriage return without" },
		{ "a,b\n\"І\n\",1,ї\n", CSV_BAD, "line 3, column 4: 3 fields, expected 2" },
		{ "a,b\n\"ї\nї\xff\",1\n", CSV_BAD, "line 3, column 2: invalid UTF-8" },
		{ "a\n\"ї\n\nxy", CSV_ERROR, "line 2, column 1: a quoted field is not closed" },
		{ "a,b\nї,\"x\n", CSV_ERROR, "line 2, column 3: a quoted field is not closed" },
	};
	struct csv *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = open_str(t[i].text);
		assert_int_equal(first_error(c), t[i].result);
		assert_string_equal(strstr(c->err, "line"), c->err);
		if (strncmp(c->err, t[i].err, strlen(t[i].err)) != 0)
			fail_msg("%s: got '%s'", t[i].err, c->err);
		teardown(NULL);
	}
}

/* Long plain and quoted fields, ASCII and not, with every special byte
 * at every offset of an eight-byte word. */
static void
test_csv_specials_at_every_offset(void **state)
{
	struct buf b = { 0 };
	struct csv *c;
	char want[64];
	int i;

	(void)state;
	buf_adds(&b, "a,b\n");
	for (i = 0; i < 24; i++)
		buf_printf(&b, "%.*s,\"%.*s\"\"ї\n\"\r\n", i, "abcdefghijklmnopqrstuvwxyz",
		    i, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	c = open_text(b.s, b.len);
	buf_release(&b);
	expect_row(c, 2, "a", "b");
	for (i = 0; i < 24; i++) {
		snprintf(want, sizeof(want), "%.*s\"ї\n", i, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		assert_int_equal(csv_next(c), CSV_ROW);
		assert_int_equal(c->len[0], (size_t)i);
		assert_string_equal(c->field[1], want);
		assert_int_equal(c->line, 2 + 2 * i);
	}
	assert_int_equal(csv_next(c), CSV_EOF);
}

static void
test_csv_stdin_pipe_bom_in_pieces(void **state)
{
	int p[2];
	struct csv c;

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "\xef", 1), 1);
	csv_init(&c, p[0]);
	if (fork() == 0) {
		usleep(20000);
		if (write(p[1], "\xbb\xbfx,y\n", 6) != 6)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(csv_next(&c), CSV_ROW);
	assert_string_equal(c.field[0], "x");
	assert_int_equal(csv_next(&c), CSV_EOF);
	csv_release(&c);
	close(p[0]);
}

/* The delimiter: the one the header uses most, quoted ones not counted,
 * or the one given; the other is data. */
static void
test_csv_delimiter(void **state)
{
	struct csv *c = open_str("\xef\xbb\xbf" "a;\"b,c\";d\r\n1,5;\"x;y\";2,5\r\n");

	(void)state;
	expect_row(c, 3, "a", "b,c", "d");
	expect_row(c, 3, "1,5", "x;y", "2,5");
	assert_int_equal(csv_next(c), CSV_EOF);
	teardown(NULL);
	c = open_str("a,b;c\n1,2;3\n");
	expect_row(c, 2, "a", "b;c");
	teardown(NULL);
	c = open_str("a;b\n1;2;3\n");
	c->delim = ',';
	expect_row(c, 1, "a;b");
	expect_row(c, 1, "1;2;3");
	teardown(NULL);
	c = open_str("a;b\n1;2;3\n");
	expect_row(c, 2, "a", "b");
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_string_equal(c->err, "line 2, column 4: 3 fields, expected 2 as in the "
	    "header (a semicolon in an unquoted field?)");
}

/* Windows-1251 through iconv: Cyrillic, lines counted in the file. */
static void
test_csv_encoding(void **state)
{
	/* "Код;Назва\nMOU;Міністерство\n" in Windows-1251 */
	static const char cp[] = "\xca\xee\xe4;\xcd\xe0\xe7\xe2\xe0\n"
	    "MOU;\xcc\xb3\xed\xb3\xf1\xf2\xe5\xf0\xf1\xf2\xe2\xee\n";
	struct csv *c = open_str(cp);
	char err[256];

	(void)state;
	assert_int_equal(csv_set_encoding(c, "cp1251", err, sizeof(err)), 0);
	expect_row(c, 2, "Код", "Назва");
	expect_row(c, 2, "MOU", "Міністерство");
	assert_int_equal(csv_next(c), CSV_EOF);
	teardown(NULL);
	/* without the encoding: refused with a hint */
	c = open_str(cp);
	assert_int_equal(csv_next(c), CSV_BAD);
	assert_string_equal(c->err, "line 1, column 1: invalid UTF-8: it looks like "
	    "Windows-1251; try --encoding cp1251");
	teardown(NULL);
	/* UTF-8 given as cp1251, after an ASCII line */
	c = open_str("a;b\nx;Київ\n");
	assert_int_equal(csv_set_encoding(c, "cp1251", err, sizeof(err)), 0);
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_string_equal(c->err, "line 2: the file is UTF-8, not cp1251: import it "
	    "without --encoding");
	teardown(NULL);
	/* a byte cp1251 does not have */
	c = open_str("a;b\nx;ab\x98\n");
	assert_int_equal(csv_set_encoding(c, "cp1251", err, sizeof(err)), 0);
	assert_int_equal(csv_next(c), CSV_ERROR);
	assert_string_equal(c->err, "line 2, column 5: byte 0x98 is not cp1251 text; is "
	    "the file in another encoding?");
	teardown(NULL);
	c = open_str("");
	assert_int_equal(csv_set_encoding(c, "no-such-encoding", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown encoding 'no-such-encoding'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_csv_simple_lf, teardown),
		cmocka_unit_test_teardown(test_csv_crlf_and_bom, teardown),
		cmocka_unit_test_teardown(test_csv_last_line_without_newline, teardown),
		cmocka_unit_test_teardown(test_csv_quoted_specials, teardown),
		cmocka_unit_test_teardown(test_csv_spaces_are_data, teardown),
		cmocka_unit_test_teardown(test_csv_empty_last_field, teardown),
		cmocka_unit_test_teardown(test_csv_blank_lines_skipped, teardown),
		cmocka_unit_test_teardown(test_csv_empty_file, teardown),
		cmocka_unit_test_teardown(test_csv_stray_quote, teardown),
		cmocka_unit_test_teardown(test_csv_text_after_closing_quote, teardown),
		cmocka_unit_test_teardown(test_csv_unterminated_quote, teardown),
		cmocka_unit_test_teardown(test_csv_too_many_fields, teardown),
		cmocka_unit_test_teardown(test_csv_too_few_fields, teardown),
		cmocka_unit_test_teardown(test_csv_invalid_utf8, teardown),
		cmocka_unit_test_teardown(test_csv_nul_byte, teardown),
		cmocka_unit_test_teardown(test_csv_field_limit, teardown),
		cmocka_unit_test_teardown(test_csv_field_at_limit, teardown),
		cmocka_unit_test_teardown(test_csv_bare_cr, teardown),
		cmocka_unit_test_teardown(test_csv_bare_cr_at_eof, teardown),
		cmocka_unit_test_teardown(test_csv_many_fields_and_long_records, teardown),
		cmocka_unit_test_teardown(test_csv_error_columns_count_characters, teardown),
		cmocka_unit_test_teardown(test_csv_specials_at_every_offset, teardown),
		cmocka_unit_test(test_csv_stdin_pipe_bom_in_pieces),
		cmocka_unit_test_teardown(test_csv_delimiter, teardown),
		cmocka_unit_test_teardown(test_csv_encoding, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
