/*
 * libFuzzer harness of the CSV reader (core/csv.c): the input is a whole
 * file, read record by record until the end or an error.  Besides the
 * sanitizers' findings it checks what csv.h promises: each field of a
 * record is NUL-terminated at its length, holds valid UTF-8 and no NUL,
 * and is no longer than the limit; every record of a file has the field
 * count of the first; lines only go forward; every call consumes input,
 * so the reader ends.  The fuzz build compiles csv.c with a tiny read
 * buffer (CSV_BUFSIZE), so records straddle many reads.
 */
#include "fuzz.h"
#include "csv.h"

#define FIELD_MAX 1024		/* small, so that the limit is reachable */

/* The promises about one record that csv_next() returned as a row. */
static void
check_row(const struct csv *c)
{
	size_t i;

	FUZZ_ASSERT(c->nfields > 0);
	FUZZ_ASSERT(c->nfields == c->expect);
	for (i = 0; i < c->nfields; i++) {
		FUZZ_ASSERT(c->field[i][c->len[i]] == '\0');
		FUZZ_ASSERT(strlen(c->field[i]) == c->len[i]);
		FUZZ_ASSERT(c->len[i] <= FIELD_MAX);
		FUZZ_ASSERT(csv_utf8_check(c->field[i], c->len[i]) == c->len[i]);
		FUZZ_ASSERT(text_valid_utf8(c->field[i], c->len[i]));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads one input as a whole file, record by record. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv c;
	int fd = fuzz_memfd(data, size), r;
	size_t calls = 0;
	int64_t line = 0;

	csv_init(&c, fd);
	c.field_max = FIELD_MAX;
	while ((r = csv_next(&c)) != CSV_EOF && r != CSV_ERROR) {
		FUZZ_ASSERT(r == CSV_ROW || r == CSV_BAD);
		FUZZ_ASSERT(++calls <= size);
		FUZZ_ASSERT(c.line > line);
		FUZZ_ASSERT(c.bytes <= size);
		line = c.line;
		if (r == CSV_ROW)
			check_row(&c);
		else
			FUZZ_ASSERT(c.err[0] != '\0');
	}
	if (r == CSV_ERROR)
		FUZZ_ASSERT(c.err[0] != '\0');
	csv_release(&c);
	close(fd);
	return 0;
}
