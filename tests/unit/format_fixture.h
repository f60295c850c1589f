/*
 * Shared set-up of the output format unit tests (test_formats.c,
 * test_fmt_html.c): a format is driven only through its struct
 * integra_format callbacks, the plugin ABI, with a struct integra_output
 * whose write() collects the bytes into a buffer.
 */
#ifndef TEST_FORMAT_FIXTURE_H
#define TEST_FORMAT_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "integra.h"

/* Where the bytes go: a buffer, or an error from the nth write on. */
struct sink {
	struct buf b;
	int writes;
	int fail_at;		/* 0: never fails */
};

/* write() of struct integra_output: appends to the sink. */
static inline int
sink_write(void *ud, const void *p, size_t n)
{
	struct sink *s = ud;

	if (s->fail_at && ++s->writes >= s->fail_at)
		return INTEGRA_EFAIL;
	buf_add(&s->b, p, n);
	return 0;
}

/* An output on s, with a title and the Excel flag. */
static inline struct integra_output
sink_output(struct sink *s, const char *title, int excel)
{
	struct integra_output o = {
		.size = sizeof(struct integra_output),
		.title = title,
		.write = sink_write,
		.ud = s,
		.excel = excel,
	};

	return o;
}

/*
 * Writes nrows rows of ncols values (row-major) through format f with
 * open(), row() and close(ok = 1); returns what it wrote (the caller
 * frees it), or NULL if a callback failed.
 */
static inline char *
format_run(const struct integra_format *f, const char *title, int excel,
    const struct integra_column *cols, size_t ncols,
    const struct integra_value *vals, size_t nrows)
{
	struct sink s = { .fail_at = 0 };
	struct integra_output o = sink_output(&s, title, excel);
	void *state = NULL;
	size_t r;
	int rc;

	if (f->open(&o, cols, ncols, &state) != 0) {
		if (state)
			f->close(state, 0);
		buf_release(&s.b);
		return NULL;
	}
	for (r = 0, rc = 0; rc == 0 && r < nrows; r++)
		rc = f->row(state, vals + r * ncols);
	if (f->close(state, rc == 0) != 0 || rc != 0) {
		buf_release(&s.b);
		return NULL;
	}
	return s.b.s ? s.b.s : xstrdup("");
}

/* Value constructors. */
static inline struct integra_value
v_text(const char *s)
{
	struct integra_value v = { .type = INTEGRA_TEXT, .s = s, .n = strlen(s) };

	return v;
}

static inline struct integra_value
v_int(int64_t i)
{
	struct integra_value v = { .type = INTEGRA_INTEGER, .i = i };

	return v;
}

static inline struct integra_value
v_real(double r)
{
	struct integra_value v = { .type = INTEGRA_REAL, .r = r };

	return v;
}

static inline struct integra_value
v_null(void)
{
	struct integra_value v = { .type = INTEGRA_NULL };

	return v;
}

#endif
