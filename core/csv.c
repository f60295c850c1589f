/*
 * The strict RFC 4180 reader of csv.h.  A byte-at-a-time state machine
 * with fast spans over plain data; the record is assembled in one buffer
 * that is reused, so memory depends on the longest record, never on the
 * file.  Lines and columns count from 1; columns count characters.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "csv.h"

#define CSV_BUFSIZE (256 * 1024)

enum state {
	S_START,	/* at the beginning of a field */
	S_PLAIN,	/* inside an unquoted field */
	S_QUOTED,	/* inside a quoted field */
	S_QUOTE,	/* a quote seen inside a quoted field */
	S_CR		/* a carriage return ended the record */
};

static int fail(struct csv *c, int64_t line, int64_t col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

void
csv_init(struct csv *c, int fd)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->field_max = CSV_FIELD_MAX;
	c->in = xmalloc(CSV_BUFSIZE);
	c->cap = 16;
	c->off = xcalloc(c->cap + 1, sizeof(*c->off));
	c->field = xcalloc(c->cap, sizeof(*c->field));
	c->len = xcalloc(c->cap, sizeof(*c->len));
	c->fline = xcalloc(c->cap, sizeof(*c->fline));
	c->fcol = xcalloc(c->cap, sizeof(*c->fcol));
	c->reccap = 4096;
	c->rec = xmalloc(c->reccap);
	c->cur_line = 1;
	c->col = 1;
}

void
csv_release(struct csv *c)
{
	free(c->in);
	free(c->off);
	free(c->field);
	free(c->len);
	free(c->fline);
	free(c->fcol);
	free(c->rec);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/* Records a fatal error; every later csv_next() returns CSV_ERROR. */
static int
fail(struct csv *c, int64_t line, int64_t col, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(c->err, sizeof(c->err), "line %lld, column %lld: %s",
		    (long long)line, (long long)col, msg);
	else
		snprintf(c->err, sizeof(c->err), "%s", msg);
	c->failed = true;
	return CSV_ERROR;
}

/* Reads more input: 1 when there is some, 0 at end of file, CSV_ERROR. */
static int
refill(struct csv *c)
{
	ssize_t n;

	if (c->eof)
		return 0;
	do
		n = read(c->fd, c->in, CSV_BUFSIZE);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail(c, 0, 0, "cannot read: %s", strerror(errno));
	if (n == 0) {
		c->eof = true;
		return 0;
	}
	c->inlen = (size_t)n;
	c->inpos = 0;
	c->total += (uint64_t)n;
	if (!c->started) {
		c->started = true;
		/* A byte-order mark may arrive in pieces from a pipe. */
		while (c->inlen < 3 && memcmp(c->in, "\xef\xbb\xbf", c->inlen) == 0) {
			do
				n = read(c->fd, c->in + c->inlen, CSV_BUFSIZE - c->inlen);
			while (n < 0 && errno == EINTR);
			if (n <= 0)
				break;
			c->inlen += (size_t)n;
			c->total += (uint64_t)n;
		}
		if (c->inlen >= 3 && memcmp(c->in, "\xef\xbb\xbf", 3) == 0)
			c->inpos = 3;
		if (c->inpos == c->inlen)
			return refill(c);
	}
	return 1;
}

/* Appends n bytes to the current field, within the field size limit. */
static int
add(struct csv *c, const char *p, size_t n)
{
	if (c->reclen - c->off[c->nfields] + n > c->field_max)
		return fail(c, c->fline[c->nfields], c->fcol[c->nfields],
		    "field longer than %zu bytes (the most a field may hold)",
		    c->field_max);
	if (c->reclen + n + 1 > c->reccap) {
		while (c->reclen + n + 1 > c->reccap)
			c->reccap *= 2;
		c->rec = xrealloc(c->rec, c->reccap);
	}
	memcpy(c->rec + c->reclen, p, n);
	c->reclen += n;
	return 0;
}

/* Marks where field nfields begins: its data starts at the next column. */
static void
begin_field(struct csv *c, int64_t col)
{
	c->fline[c->nfields] = c->cur_line;
	c->fcol[c->nfields] = col;
}

static void
end_field(struct csv *c)
{
	size_t n = c->cap;

	if (c->reclen + 1 > c->reccap) {
		c->reccap *= 2;
		c->rec = xrealloc(c->rec, c->reccap);
	}
	c->rec[c->reclen++] = '\0';
	c->nfields++;
	if (c->nfields >= n) {
		c->cap = n * 2;
		c->off = xrealloc(c->off, (c->cap + 1) * sizeof(*c->off));
		c->field = xrealloc(c->field, c->cap * sizeof(*c->field));
		c->len = xrealloc(c->len, c->cap * sizeof(*c->len));
		c->fline = xrealloc(c->fline, c->cap * sizeof(*c->fline));
		c->fcol = xrealloc(c->fcol, c->cap * sizeof(*c->fcol));
	}
	c->off[c->nfields] = c->reclen;
	begin_field(c, c->col);
}

size_t
csv_utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		if (p[i] >= 0x01 && p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] < 0xc2 || p[i] > 0xf4)
			return i;
		len = p[i] < 0xe0 ? 2 : p[i] < 0xf0 ? 3 : 4;
		if (i + len > n)
			return i;
		cp = p[i] & (0x7f >> len);
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return i;
		i += len;
	}
	return n;
}

/* The line and column of byte k of field i. */
static void
field_pos(const struct csv *c, size_t i, size_t k, int64_t *line, int64_t *col)
{
	const char *s = c->field[i];
	size_t j;

	*line = c->fline[i];
	*col = c->fcol[i];
	for (j = 0; j < k; j++) {
		if (s[j] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[j] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* Completes a record: field pointers, the field count, UTF-8. */
static int
end_record(struct csv *c)
{
	int64_t line, col;
	size_t i, k;

	for (i = 0; i < c->nfields; i++) {
		c->field[i] = c->rec + c->off[i];
		c->len[i] = c->off[i + 1] - c->off[i] - 1;
	}
	if (c->expect == 0)
		c->expect = c->nfields;
	if (c->nfields > c->expect) {
		snprintf(c->err, sizeof(c->err), "line %lld, column %lld: %zu fields, "
		    "expected %zu as in the header (a comma in an unquoted field?)",
		    (long long)c->fline[c->expect], (long long)c->fcol[c->expect] - 1,
		    c->nfields, c->expect);
		return CSV_BAD;
	}
	if (c->nfields < c->expect) {
		snprintf(c->err, sizeof(c->err), "line %lld, column %lld: %zu fields, "
		    "expected %zu as in the header", (long long)c->end_line,
		    (long long)c->end_col, c->nfields, c->expect);
		return CSV_BAD;
	}
	for (i = 0; i < c->nfields; i++) {
		if ((k = csv_utf8_check(c->field[i], c->len[i])) == c->len[i])
			continue;
		field_pos(c, i, k, &line, &col);
		snprintf(c->err, sizeof(c->err), "line %lld, column %lld: %s",
		    (long long)line, (long long)col, c->field[i][k] ? "invalid UTF-8 "
		    "(save the file as UTF-8)" : "a NUL byte");
		return CSV_BAD;
	}
	return CSV_ROW;
}

/* Length of the run of ordinary bytes at p; adds their columns. */
static size_t
span(const char *p, size_t n, bool quoted, int64_t *col)
{
	size_t i;
	unsigned char b;

	for (i = 0; i < n; i++) {
		b = (unsigned char)p[i];
		if (b == '"' || b == '\n' || (!quoted && (b == ',' || b == '\r')))
			break;
		if ((b & 0xc0) != 0x80)
			(*col)++;
	}
	return i;
}

static void
newline(struct csv *c)
{
	c->cur_line++;
	c->col = 1;
}

static void
mark_end(struct csv *c)
{
	c->end_line = c->cur_line;
	c->end_col = c->col;
}

/* At end of input in `state`: the last record, CSV_EOF or an error. */
static int
at_eof(struct csv *c, enum state state, bool blank)
{
	switch (state) {
	case S_START:
		if (c->nfields == 0)
			return CSV_EOF;
		mark_end(c);
		end_field(c);
		return end_record(c);
	case S_PLAIN:
	case S_QUOTE:
		mark_end(c);
		end_field(c);
		return end_record(c);
	case S_QUOTED:
		return fail(c, c->fline[c->nfields], c->fcol[c->nfields] - 1,
		    "a quoted field is not closed at the end of the file");
	case S_CR:
		return blank ? CSV_EOF : end_record(c);
	}
	return CSV_ERROR;
}

/* A line end after a field (or, with blank, on an empty line): ends the
 * record at a line feed, or waits in S_CR for the line feed. */
static int
line_end(struct csv *c, enum state *state, bool blank, char b)
{
	mark_end(c);
	if (!blank)
		end_field(c);
	if (b == '\r') {
		*state = S_CR;
		return 0;
	}
	newline(c);
	*state = S_START;
	if (blank) {
		c->line = c->cur_line;
		begin_field(c, c->col);
		return 0;
	}
	return end_record(c);
}

/* A byte at the start of a field. */
static int
step_start(struct csv *c, enum state *state, bool *blank, char b)
{
	if (b == '"') {
		c->col++;
		begin_field(c, c->col);
		*state = S_QUOTED;
		return 0;
	}
	if (b == ',') {
		c->col++;
		end_field(c);
		return 0;
	}
	if (b == '\r' || b == '\n') {
		*blank = c->nfields == 0;
		return line_end(c, state, *blank, b);
	}
	*state = S_PLAIN;
	if (((unsigned char)b & 0xc0) != 0x80)
		c->col++;
	return add(c, &b, 1);
}

/* A special byte in an unquoted field or after a quote in a quoted one. */
static int
step_after(struct csv *c, enum state *state, bool *blank, char b)
{
	if (b == '"' && *state == S_PLAIN)
		return fail(c, c->cur_line, c->col, "a quote inside an unquoted "
		    "field (quote the whole field and double the quote: \"a \"\"b\"\"\")");
	if (b == '"') {
		*state = S_QUOTED;
		c->col++;
		return add(c, &b, 1);
	}
	if (b == ',') {
		c->col++;
		end_field(c);
		*state = S_START;
		return 0;
	}
	if (b == '\r' || b == '\n') {
		*blank = false;
		return line_end(c, state, false, b);
	}
	return fail(c, c->cur_line, c->col, "unexpected character after a "
	    "closing quote (a field must end at its closing quote)");
}

/* One byte outside the fast spans; returns 0 to go on, else a result. */
static int
step(struct csv *c, enum state *state, bool *blank, char b)
{
	switch (*state) {
	case S_START:
		return step_start(c, state, blank, b);
	case S_PLAIN:
	case S_QUOTE:
		return step_after(c, state, blank, b);
	case S_QUOTED:
		if (b == '"') {
			c->col++;
			*state = S_QUOTE;
			return 0;
		}
		/* Only a line feed reaches here from the span. */
		newline(c);
		return add(c, &b, 1);
	case S_CR:
		if (b != '\n')
			return fail(c, c->cur_line, c->col, "a carriage return without "
			    "a line feed after it");
		newline(c);
		*state = S_START;
		if (*blank) {
			c->line = c->cur_line;
			begin_field(c, c->col);
			return 0;
		}
		return end_record(c);
	}
	return 0;
}

static int
next_record(struct csv *c)
{
	enum state state = S_START;
	bool blank = false;
	size_t n;
	int r;

	c->nfields = 0;
	c->reclen = 0;
	c->off[0] = 0;
	c->line = c->cur_line;
	begin_field(c, c->col);
	for (;;) {
		if (c->inpos == c->inlen) {
			if ((r = refill(c)) < 0)
				return r;
			if (r == 0)
				return at_eof(c, state, blank);
		}
		if (state == S_PLAIN || state == S_QUOTED) {
			n = span(c->in + c->inpos, c->inlen - c->inpos, state == S_QUOTED,
			    &c->col);
			if (n > 0 && (r = add(c, c->in + c->inpos, n)) != 0)
				return r;
			c->inpos += n;
			if (c->inpos == c->inlen)
				continue;
		}
		if ((r = step(c, &state, &blank, c->in[c->inpos++])) != 0)
			return r;
	}
}

int
csv_next(struct csv *c)
{
	int r;

	if (c->failed)
		return CSV_ERROR;
	r = next_record(c);
	c->bytes = c->total - (c->inlen - c->inpos);
	return r;
}
