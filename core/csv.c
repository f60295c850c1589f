/*
 * The strict RFC 4180 reader of csv.h.  A state machine that takes the
 * special bytes one at a time and runs over plain data with a table
 * lookup per byte; the record is assembled in one buffer that is reused,
 * so memory depends on the longest record, never on the file.  Lines and
 * columns count from 1; columns count characters.  Only lines are counted
 * as the data goes by: a column is worked out from byte offsets and the
 * record's data when an error names one, and UTF-8 is checked a whole
 * record at a time, eight ASCII bytes at once.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "csv.h"
#include "i18n.h"

#ifndef CSV_BUFSIZE
#define CSV_BUFSIZE (256 * 1024)
#endif

#define LOW7	0x7f7f7f7f7f7f7f7fULL
#define HIGH	0x8080808080808080ULL

enum state {
	S_START,	/* at the beginning of a field */
	S_PLAIN,	/* inside an unquoted field */
	S_QUOTED,	/* inside a quoted field */
	S_QUOTE,	/* a quote seen inside a quoted field */
	S_CR		/* a carriage return ended the record */
};

/* The bytes that end a run of data: STOP_PLAIN in an unquoted field,
 * STOP_QUOTED in a quoted one. */
enum { STOP_PLAIN = 1, STOP_QUOTED = 2 };

/* Makes d the delimiter: the stop table of the reader. */
static void
set_delim(struct csv *c, char d)
{
	memset(c->stop, 0, sizeof(c->stop));
	c->stop['"'] = STOP_PLAIN | STOP_QUOTED;
	c->stop['\n'] = STOP_PLAIN | STOP_QUOTED;
	c->stop['\r'] = STOP_PLAIN;
	c->stop[(unsigned char)d] = STOP_PLAIN;
	c->delim = d;
}

static int fail(struct csv *c, int64_t line, int64_t col, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static size_t utf8_seq(const unsigned char *p, size_t n);
static size_t utf8_scan(const unsigned char *p, size_t n, size_t *nuls);

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
	c->fbyte = xcalloc(c->cap, sizeof(*c->fbyte));
	c->reccap = 4096;
	c->rec = xmalloc(c->reccap);
	c->cur_line = 1;
}

void
csv_release(struct csv *c)
{
	if (c->cd != NULL)
		iconv_close((iconv_t)c->cd);
	free(c->raw);
	free(c->in);
	free(c->off);
	free(c->field);
	free(c->len);
	free(c->fline);
	free(c->fbyte);
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
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	if (line > 0)
		snprintf(c->err, sizeof(c->err), _("line %lld, column %lld: %s"),
		    (long long)line, (long long)col, msg);
	else
		snprintf(c->err, sizeof(c->err), "%s", msg);
	c->failed = true;
	return CSV_ERROR;
}

/* File offset of the next byte to read. */
static uint64_t
here(const struct csv *c)
{
	return c->base + c->inpos;
}

/*
 * The column of the byte `nbytes` bytes after the start of its line, when
 * the record's data before that byte ends at rec[rpos].  Quotes, commas
 * and the carriage return are ASCII, so every byte of the line counts but
 * the UTF-8 continuation bytes, which are all in the data since the last
 * line feed in it (or since the start of the record, which starts a line).
 */
static int64_t
column(const struct csv *c, size_t rpos, int64_t nbytes)
{
	const unsigned char *r = (const unsigned char *)c->rec;
	int64_t cont = 0;

	for (; rpos > 0 && r[rpos - 1] != '\n'; rpos--)
		if ((r[rpos - 1] & 0xc0) == 0x80)
			cont++;
	return 1 + nbytes - cont;
}

/* The column where the data of field i begins. */
static int64_t
field_col(const struct csv *c, size_t i)
{
	return column(c, c->off[i], c->fbyte[i]);
}

/* The column of the byte at file offset at, on the current line. */
static int64_t
col_at(const struct csv *c, uint64_t at)
{
	return column(c, c->reclen, (int64_t)(at - c->lstart));
}

/* The delimiter the first line of p[0..n) uses most: ';' or ','. */
static char
guess_delim(const char *p, size_t n)
{
	size_t i, comma = 0, semi = 0;
	bool quoted = false;

	for (i = 0; i < n && (quoted || p[i] != '\n'); i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted && p[i] == ',')
			comma++;
		else if (!quoted && p[i] == ';')
			semi++;
	}
	return semi > comma ? ';' : ',';
}

/* Line feeds in p[0..n). */
static int64_t
count_lines(const char *p, size_t n)
{
	int64_t k = 0;
	const char *e = p + n;

	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Refuses a file said to be in another encoding that is UTF-8: the
 * bytes from the first non-ASCII one in raw[0..n) all valid UTF-8. */
static int
not_utf8(struct csv *c, size_t n)
{
	const unsigned char *r = (const unsigned char *)c->raw;
	size_t i = 0, k;

	while (i < n && r[i] < 0x80)
		i++;
	if (i == n)
		return 0;
	c->enc_checked = true;
	if (utf8_seq(r + i, n - i) == 0)
		return 0;
	k = i + utf8_scan(r + i, n - i, NULL);
	if (k + 4 < n)
		return 0;
	return fail(c, 0, 0, N_("line %lld: the file is UTF-8, not %s: import it "
	    "without --encoding"), (long long)(c->raw_line + 1 + count_lines(c->raw, i)),
	    c->enc);
}

/* Converts what raw holds into buf[0..cap): bytes written, CSV_ERROR at a
 * byte the encoding does not have.  An incomplete character waits. */
static ssize_t
convert(struct csv *c, char *buf, size_t cap)
{
	char *ip = c->raw, *op = buf;
	size_t inleft = c->rawlen, outleft = cap;
	const char *nl;

	if (iconv((iconv_t)c->cd, &ip, &inleft, &op, &outleft) == (size_t)-1 &&
	    errno == EILSEQ) {
		nl = ip;
		while (nl > c->raw && nl[-1] != '\n')
			nl--;
		return fail(c, c->raw_line + 1 + count_lines(c->raw, (size_t)(ip - c->raw)),
		    (int64_t)(ip - nl) + 1, N_("byte 0x%02x is not %s text; is the file in "
		    "another encoding?"), (unsigned char)*ip, c->enc);
	}
	c->raw_line += count_lines(c->raw, (size_t)(ip - c->raw));
	memmove(c->raw, ip, inleft);
	c->rawlen = inleft;
	return op - buf;
}

/* Reads up to cap bytes into buf, converted to UTF-8 from the file's
 * encoding when it has one: bytes, 0 at the end, CSV_ERROR. */
static ssize_t
read_in(struct csv *c, char *buf, size_t cap)
{
	size_t want = c->cd ? cap / 3 : cap;
	ssize_t n, out = 0;

	do {
		if (c->cd)
			want = want > CSV_BUFSIZE / 3 - c->rawlen ?
			    CSV_BUFSIZE / 3 - c->rawlen : want;
		do
			n = read(c->fd, c->cd ? c->raw + c->rawlen : buf, want);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return fail(c, 0, 0, N_("cannot read: %s"), strerror(errno));
		if (c->cd == NULL || (n == 0 && c->rawlen == 0))
			return n;
		if (n == 0)
			return fail(c, 0, 0, N_("line %lld: the file ends inside a "
			    "character of %s"), (long long)c->raw_line + 1, c->enc);
		if (!c->enc_checked && c->rawlen == 0 && not_utf8(c, (size_t)n) != 0)
			return CSV_ERROR;
		c->rawlen += (size_t)n;
		out = convert(c, buf, cap);
	} while (out == 0);
	return out;
}

/* Reads fd in encoding enc, converted to UTF-8 by iconv. */
int
csv_set_encoding(struct csv *c, const char *enc, char *err, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", enc);

	if (cd == (iconv_t)-1) {
		snprintf(err, n, _("unknown encoding '%s' (iconv has no such name; "
		    "e.g. cp1251, windows-1251, koi8-u)"), enc);
		return -1;
	}
	c->cd = cd;
	c->enc = enc;
	c->raw = xmalloc(CSV_BUFSIZE / 3 + 8);
	return 0;
}

/* Reads more input: 1 when there is some, 0 at end of file, CSV_ERROR. */
static int
refill(struct csv *c)
{
	ssize_t n;

	if (c->eof)
		return 0;
	if ((n = read_in(c, c->in, CSV_BUFSIZE)) < 0)
		return (int)n;
	if (n == 0) {
		c->eof = true;
		return 0;
	}
	c->inlen = (size_t)n;
	c->inpos = 0;
	c->total += (uint64_t)n;
	c->base = c->total - c->inlen;
	if (!c->started) {
		c->started = true;
		/* A byte-order mark may arrive in pieces from a pipe. */
		while (c->inlen < 3 && memcmp(c->in, "\xef\xbb\xbf", c->inlen) == 0) {
			if ((n = read_in(c, c->in + c->inlen, CSV_BUFSIZE - c->inlen)) < 0)
				return (int)n;
			if (n == 0)
				break;
			c->inlen += (size_t)n;
			c->total += (uint64_t)n;
		}
		if (c->inlen >= 3 && memcmp(c->in, "\xef\xbb\xbf", 3) == 0) {
			c->inpos = 3;
			c->lstart = 3;	/* the mark takes no column */
		}
		if (c->inpos == c->inlen)
			return refill(c);
	}
	if (c->stop['\n'] == 0)
		set_delim(c, c->delim ? c->delim : guess_delim(c->in + c->inpos,
		    c->inlen - c->inpos));
	return 1;
}

/* Appends n bytes to the current field, within the field size limit. */
static inline int
add(struct csv *c, const char *p, size_t n)
{
	if (c->reclen - c->off[c->nfields] + n > c->field_max)
		return fail(c, c->fline[c->nfields], field_col(c, c->nfields),
		    N_("field longer than %zu bytes (the most a field may hold)"),
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

/* Marks where field nfields begins: its data starts at file offset at. */
static inline void
begin_field(struct csv *c, uint64_t at)
{
	c->fline[c->nfields] = c->cur_line;
	c->fbyte[c->nfields] = (int64_t)(at - c->lstart);
}

/* Ends the current field; the next one would begin at file offset at. */
static inline void
end_field(struct csv *c, uint64_t at)
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
		c->fbyte = xrealloc(c->fbyte, c->cap * sizeof(*c->fbyte));
	}
	c->off[c->nfields] = c->reclen;
	begin_field(c, at);
}

/* NUL bytes in the 8 bytes of w. */
static size_t
count_nuls(uint64_t w)
{
	uint64_t z = ~(((w & LOW7) + LOW7) | w) & HIGH;

	return (size_t)(((z >> 7) * 0x0101010101010101ULL) >> 56);
}

/* True when the eight bytes at p are ASCII without a NUL or, when nuls
 * is given, ASCII with their NULs added to *nuls. */
static bool
ascii8(const unsigned char *p, size_t *nuls)
{
	uint64_t w;

	memcpy(&w, p, 8);
	if (w & HIGH)
		return false;
	if (nuls == NULL)
		return count_nuls(w) == 0;
	*nuls += count_nuls(w);
	return true;
}

/* Bytes in the valid UTF-8 sequence of two to four bytes at p (n bytes
 * there), 0 when there is none. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t k, len;
	uint32_t cp;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	cp = p[0] & (0x7f >> len);
	for (k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* True when a two-byte character starts at p[i]. */
static bool
two_byte(const unsigned char *p, size_t i, size_t n)
{
	return i + 1 < n && p[i] >= 0xc2 && p[i] < 0xe0 &&
	    (p[i + 1] & 0xc0) == 0x80;
}

/*
 * Offset of the first byte at p that is not valid UTF-8, n if none.  A
 * NUL byte is invalid when nuls is NULL, else counted there.  ASCII goes
 * eight bytes at a time, and two-byte characters (Cyrillic) in a loop
 * of their own: two bytes from 0xc2 up are always a character.
 */
static size_t
utf8_scan(const unsigned char *p, size_t n, size_t *nuls)
{
	size_t i = 0, len;

	while (i < n) {
		if (i + 8 <= n && ascii8(p + i, nuls)) {
			i += 8;
		} else if (p[i] < 0x80) {
			if (p[i] == 0 && nuls == NULL)
				return i;
			if (p[i++] == 0)
				(*nuls)++;
		} else if (two_byte(p, i, n)) {
			do
				i += 2;
			while (two_byte(p, i, n));
		} else {
			if ((len = utf8_seq(p + i, n - i)) == 0)
				return i;
			i += len;
		}
	}
	return n;
}

size_t
csv_utf8_check(const char *s, size_t n)
{
	return utf8_scan((const unsigned char *)s, n, NULL);
}

/* The line and column of byte k of field i. */
static void
field_pos(const struct csv *c, size_t i, size_t k, int64_t *line, int64_t *col)
{
	const char *s = c->field[i];
	size_t j;

	*line = c->fline[i];
	*col = field_col(c, i);
	for (j = 0; j < k; j++) {
		if (s[j] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[j] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* True when the bytes from the first invalid one look like Cyrillic in
 * Windows-1251: two or more bytes that are its letters, and no other
 * byte above ASCII. */
static bool
looks_cp1251(const char *s, size_t n)
{
	static const char other[] = "\xa5\xa8\xaa\xaf\xb2\xb3\xb4\xb8\xba\xbf";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, letters = 0;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x80)
			continue;
		if (p[i] < 0xc0 && memchr(other, p[i], sizeof(other) - 1) == NULL)
			return false;
		letters++;
	}
	return letters >= 2;
}

/* UTF-8 of every field: the whole record at once (valid, and the only
 * NULs the field ends), or the first bad byte field by field. */
static int
check_utf8(struct csv *c)
{
	int64_t line, col;
	size_t i, k, nuls = 0;

	if (utf8_scan((const unsigned char *)c->rec, c->reclen, &nuls) == c->reclen &&
	    nuls == c->nfields)
		return CSV_ROW;
	for (i = 0; i < c->nfields; i++) {
		if ((k = csv_utf8_check(c->field[i], c->len[i])) == c->len[i])
			continue;
		field_pos(c, i, k, &line, &col);
		snprintf(c->err, sizeof(c->err), _("line %lld, column %lld: %s"),
		    (long long)line, (long long)col, !c->field[i][k] ? _("a NUL byte") :
		    looks_cp1251(c->field[i] + k, c->len[i] - k) ? _("invalid UTF-8: it "
		    "looks like Windows-1251; try --encoding cp1251") :
		    _("invalid UTF-8 (save the file as UTF-8)"));
		return CSV_BAD;
	}
	return CSV_ROW;
}

/* Completes a record: field pointers, the field count, UTF-8. */
static int
end_record(struct csv *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		c->field[i] = c->rec + c->off[i];
		c->len[i] = c->off[i + 1] - c->off[i] - 1;
	}
	if (c->expect == 0)
		c->expect = c->nfields;
	if (c->nfields > c->expect) {
		snprintf(c->err, sizeof(c->err), c->delim == ';' ? _("line %lld, column %lld: %zu "
		    "fields, expected %zu as in the header (a semicolon in an unquoted field?)") :
		    _("line %lld, column %lld: %zu fields, expected %zu as in the header (a "
		    "comma in an unquoted field?)"),
		    (long long)c->fline[c->expect], (long long)field_col(c, c->expect) - 1,
		    c->nfields, c->expect);
		return CSV_BAD;
	}
	if (c->nfields < c->expect) {
		snprintf(c->err, sizeof(c->err), _("line %lld, column %lld: %zu fields, "
		    "expected %zu as in the header"), (long long)c->end_line,
		    (long long)column(c, c->reclen, c->end_byte), c->nfields,
		    c->expect);
		return CSV_BAD;
	}
	return check_utf8(c);
}

/* The high bit of each byte of w that equals the byte of pat, and no
 * other bit (no carry crosses a byte). */
static uint64_t
bytes_equal(uint64_t w, uint64_t pat)
{
	uint64_t x = w ^ pat;

	return ~(((x & LOW7) + LOW7) | x) & HIGH;
}

#define ALL(b)	(0x0101010101010101ULL * (unsigned char)(b))

/* The high bit of each byte of w that ends data of class mask. */
static uint64_t
stops(uint64_t w, unsigned char mask, char delim)
{
	uint64_t m = bytes_equal(w, ALL('"')) | bytes_equal(w, ALL('\n'));

	if (mask == STOP_PLAIN)
		m |= bytes_equal(w, ALL(delim)) | bytes_equal(w, ALL('\r'));
	return m;
}

/* Length of the run of data bytes at p that no byte of class `mask` ends:
 * eight bytes at a time, then one by one. */
static size_t
span(const struct csv *c, const char *p, size_t n, unsigned char mask)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;
	uint64_t w, m;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((m = stops(w, mask, c->delim)) != 0)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
#else
	(void)w;
	(void)m;
#endif
	while (i < n && !(c->stop[s[i]] & mask))
		i++;
	return i;
}

/* A line feed was read: the next byte starts a line. */
static void
newline(struct csv *c)
{
	c->cur_line++;
	c->lstart = here(c);
}

/* The record ends at file offset at (a line end, or the end of file). */
static void
mark_end(struct csv *c, uint64_t at)
{
	c->end_line = c->cur_line;
	c->end_byte = (int64_t)(at - c->lstart);
}

/* At end of input in `state`: the last record, CSV_EOF or an error. */
static int
at_eof(struct csv *c, enum state state)
{
	switch (state) {
	case S_START:
		if (c->nfields == 0)
			return CSV_EOF;
		/* FALLTHROUGH */
	case S_PLAIN:
	case S_QUOTE:
		mark_end(c, here(c));
		end_field(c, here(c));
		return end_record(c);
	case S_QUOTED:
		return fail(c, c->fline[c->nfields], field_col(c, c->nfields) - 1,
		    N_("a quoted field is not closed at the end of the file"));
	case S_CR:
		/* a bare CR is an error everywhere, the end of the file too */
		return fail(c, c->cur_line, col_at(c, here(c) - 1), N_("a carriage "
		    "return without a line feed after it, at the end of the file"));
	}
	return CSV_ERROR;
}

/* A line end (the byte just read) after a field or, with blank, on an
 * empty line: ends the record at a line feed, or waits in S_CR for the
 * line feed. */
static int
line_end(struct csv *c, enum state *state, bool blank, char b)
{
	mark_end(c, here(c) - 1);
	if (!blank)
		end_field(c, here(c) - 1);
	if (b == '\r') {
		*state = S_CR;
		return 0;
	}
	newline(c);
	*state = S_START;
	if (blank) {
		c->line = c->cur_line;
		begin_field(c, here(c));
		return 0;
	}
	return end_record(c);
}

/* A special byte (just read) at the start of a field. */
static int
step_start(struct csv *c, enum state *state, bool *blank, char b)
{
	if (b == '"') {
		begin_field(c, here(c));
		*state = S_QUOTED;
		return 0;
	}
	if (b == c->delim) {
		end_field(c, here(c));
		return 0;
	}
	*blank = c->nfields == 0;
	return line_end(c, state, *blank, b);
}

/* A special byte in an unquoted field or after a quote in a quoted one. */
static int
step_after(struct csv *c, enum state *state, bool *blank, char b)
{
	if (b == '"' && *state == S_PLAIN)
		return fail(c, c->cur_line, col_at(c, here(c) - 1), N_("a quote inside "
		    "an unquoted field (quote the whole field and double the quote: "
		    "\"a \"\"b\"\"\")"));
	if (b == '"') {
		*state = S_QUOTED;
		return add(c, &b, 1);
	}
	if (b == c->delim) {
		end_field(c, here(c));
		*state = S_START;
		return 0;
	}
	if (b == '\r' || b == '\n') {
		*blank = false;
		return line_end(c, state, false, b);
	}
	return fail(c, c->cur_line, col_at(c, here(c) - 1), N_("unexpected character "
	    "after a closing quote (a field must end at its closing quote)"));
}

/* One special byte (just read); returns 0 to go on, else a result. */
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
			*state = S_QUOTE;
			return 0;
		}
		/* Only a line feed reaches here from the span. */
		newline(c);
		return add(c, &b, 1);
	case S_CR:
		if (b != '\n')
			return fail(c, c->cur_line, col_at(c, here(c) - 2), N_("a carriage "
			    "return without a line feed after it"));
		newline(c);
		*state = S_START;
		if (*blank) {
			c->line = c->cur_line;
			begin_field(c, here(c));
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
	unsigned char b;
	size_t n;
	int r;

	c->nfields = 0;
	c->reclen = 0;
	c->off[0] = 0;
	c->line = c->cur_line;
	begin_field(c, here(c));
	for (;;) {
		if (c->inpos == c->inlen) {
			if ((r = refill(c)) < 0)
				return r;
			if (r == 0)
				return at_eof(c, state);
		}
		/* Data at the start of a field begins an unquoted one. */
		b = (unsigned char)c->in[c->inpos];
		if (state == S_START && !(c->stop[b] & STOP_PLAIN))
			state = S_PLAIN;
		if (state == S_PLAIN || state == S_QUOTED) {
			n = span(c, c->in + c->inpos, c->inlen - c->inpos,
			    state == S_QUOTED ? STOP_QUOTED : STOP_PLAIN);
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
