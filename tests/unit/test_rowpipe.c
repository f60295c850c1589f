/*
 * Unit tests of rowpipe.c, the reader thread of a CSV file: every record
 * arrives once, in file order, with its own copy of the fields and the
 * check's results and messages; bad records and the end arrive as the
 * reader saw them; a record far longer than the rest is carried and its
 * buffer given back; and the caller may stop at any row, however far the
 * reader has gone.
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
#include "rowpipe.h"

struct checked {
	long value;		/* the second field as a number */
	int seen;		/* times the check ran on this slot's row */
};

static FILE *fp;
static struct csv csv;
static struct ctx ctx;

/* Starts reading the file written to fp, past its header. */
static void
begin(void)
{
	fflush(fp);
	rewind(fp);
	csv_init(&csv, fileno(fp));
	assert_int_equal(csv_next(&csv), CSV_ROW);
}

/* Opens a file of `rows` records "name,i" after a header. */
static void
open_rows(long rows, long odd_every)
{
	long i;

	fp = tmpfile();
	assert_non_null(fp);
	fputs("name,number\n", fp);
	for (i = 1; i <= rows; i++) {
		if (odd_every && i % odd_every == 0)
			fprintf(fp, "Запис %ld,%ld,зайве\n", i, i);	/* a field too many */
		else
			fprintf(fp, "\"Запис, %ld\",%ld\n", i, i);
	}
	begin();
}

static int
teardown(void **state)
{
	(void)state;
	csv_release(&csv);
	if (fp)
		fclose(fp);
	fp = NULL;
	return 0;
}

/* The check: the number, and a message for multiples of 1000. */
static void
check(void *arg, struct rowpipe_slot *s)
{
	struct checked *c = s->data;
	long *calls = arg;

	(*calls)++;
	c->value = strtol(s->field[1], NULL, 10);
	c->seen = 1;
	if (c->value % 1000 == 0)
		rowpipe_message(s, "a round number");
}

static void
test_rowpipe_every_row_in_order(void **state)
{
	struct rowpipe *p = NULL;
	struct rowpipe_slot *s;
	long calls = 0, i = 0, bad = 0;
	char name[64];

	(void)state;
	open_rows(100000, 7919);
	assert_int_equal(rowpipe_start(&ctx, &p, &csv, sizeof(struct checked), check,
	    &calls), 0);
	while ((s = rowpipe_next(p))->r != CSV_EOF) {
		i++;
		assert_int_equal(s->line, i + 1);
		if (i % 7919 == 0) {
			assert_int_equal(s->r, CSV_BAD);
			assert_non_null(strstr(s->msgs.s, "3 fields, expected 2"));
			bad++;
			continue;
		}
		assert_int_equal(s->r, CSV_ROW);
		snprintf(name, sizeof(name), "Запис, %ld", i);
		assert_string_equal(s->field[0], name);
		assert_int_equal(s->len[0], strlen(name));
		assert_int_equal(((struct checked *)s->data)->value, i);
		if (i % 1000 == 0)
			assert_string_equal(s->msgs.s, "a round number");
		else
			assert_int_equal(s->msgs.len, 0);
	}
	assert_int_equal(i, 100000);
	assert_int_equal(bad, 100000 / 7919);
	rowpipe_stop(p);
	assert_int_equal(calls, 100000 - bad);	/* checked once each, after the join */
}

static void
test_rowpipe_error_ends(void **state)
{
	struct rowpipe *p = NULL;
	struct rowpipe_slot *s;
	long calls = 0, rows = 0;

	(void)state;
	fp = tmpfile();
	assert_non_null(fp);
	fputs("a,b\n1,2\n3,\"unterminated\n", fp);
	begin();
	assert_int_equal(rowpipe_start(&ctx, &p, &csv, sizeof(struct checked), check,
	    &calls), 0);
	while ((s = rowpipe_next(p))->r == CSV_ROW)
		rows++;
	assert_int_equal(rows, 1);
	assert_int_equal(s->r, CSV_ERROR);
	assert_non_null(strstr(s->msgs.s, "not closed at the end of the file"));
	rowpipe_stop(p);
}

static void
test_rowpipe_long_record(void **state)
{
	struct rowpipe *p = NULL;
	struct rowpipe_slot *s;
	long calls = 0, i;
	char *big = malloc(60000);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 59999);
	big[59999] = '\0';
	fp = tmpfile();
	assert_non_null(fp);
	fputs("a,b\n", fp);
	for (i = 1; i <= 5000; i++)
		fprintf(fp, "%s,%ld\n", i % 2048 == 1 ? big : "y", i);
	begin();
	assert_int_equal(rowpipe_start(&ctx, &p, &csv, sizeof(struct checked), check,
	    &calls), 0);
	for (i = 1; (s = rowpipe_next(p))->r != CSV_EOF; i++) {
		assert_int_equal(s->r, CSV_ROW);
		assert_string_equal(s->field[0], i % 2048 == 1 ? big : "y");
		assert_int_equal(((struct checked *)s->data)->value, i);
	}
	assert_int_equal(i, 5001);
	rowpipe_stop(p);
	free(big);
}

static void
test_rowpipe_stop_early(void **state)
{
	struct rowpipe *p = NULL;
	long calls = 0, i;

	(void)state;
	open_rows(50000, 0);
	assert_int_equal(rowpipe_start(&ctx, &p, &csv, sizeof(struct checked), check,
	    &calls), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(rowpipe_next(p)->r, CSV_ROW);
	rowpipe_stop(p);	/* the reader is ahead, or waiting for room */
	assert_true(calls >= 3 && calls < 50000);

	/* Stopped before a single row was taken. */
	teardown(NULL);
	open_rows(10, 0);
	calls = 0;
	assert_int_equal(rowpipe_start(&ctx, &p, &csv, sizeof(struct checked), check,
	    &calls), 0);
	rowpipe_stop(p);
	assert_true(calls <= 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_rowpipe_every_row_in_order, teardown),
		cmocka_unit_test_teardown(test_rowpipe_error_ends, teardown),
		cmocka_unit_test_teardown(test_rowpipe_long_record, teardown),
		cmocka_unit_test_teardown(test_rowpipe_stop_early, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
