/*
 * UTF-8 text as people in a Ukrainian ministry type it: validation,
 * display width for aligned tables, case folding for search (Latin and
 * Cyrillic, including Є/є, І/і, Ї/ї, Ґ/ґ, Ё/ё), and a collation that sorts
 * names in Ukrainian alphabetical order (Г < Ґ < Д, Е < Є, И < І < Ї < Й).
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"

/* The Ukrainian alphabet in order, with the Russian letters where a
 * reader of either language would look for them. */
static const char uk_alphabet[] =
    "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя";

/* Decodes one code point at s (n bytes left); returns its length, or 0
 * for an invalid sequence (then *cp is the byte itself). */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = s[0];
		return 0;
	}
	if (n < len) {
		*cp = s[0];
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = s[0];
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = s[0];
		return 0;
	}
	*cp = c;
	return len;
}

static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* True when s[0..n) is well-formed UTF-8 without NUL bytes. */
bool
text_valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, len;

	while (i < n) {
		if (p[i] == 0)
			return false;
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

/* The class of a code point that can make a text look other than it is. */
static enum text_hidden
cp_hidden(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return TEXT_C0;
	if (cp >= 0x80 && cp <= 0x9f)
		return TEXT_C1;
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c)
		return TEXT_BIDI;
	if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff)
		return TEXT_ZW;
	return TEXT_CLEAN;
}

/*
 * Finds the first character of the UTF-8 text s[0..n) that can hide or
 * disguise what it says: a C0 control or DEL (except the bytes in allow,
 * such as "\t\n"), a C1 control (U+0080..U+009F), a bidirectional
 * override, embedding, isolate or mark, or a zero-width character.  Two
 * keys that differ only by one of these look the same.  Returns its class
 * (TEXT_CLEAN when there is none) and sets *cp, *chr (1-based character
 * number) and *byte (1-based byte offset); an invalid sequence ends the
 * search (validity is text_valid_utf8's concern).
 */
enum text_hidden
text_find_hidden(const char *s, size_t n, const char *allow, uint32_t *cp,
    size_t *chr, size_t *byte)
{
	const unsigned char *p = (const unsigned char *)s;
	enum text_hidden h;
	size_t i = 0, len, k = 0;

	while (i < n) {
		if ((len = utf8_decode(p + i, n - i, cp)) == 0)
			break;
		k++;
		h = cp_hidden(*cp);
		if (h != TEXT_CLEAN && !(h == TEXT_C0 && *cp != 0 && allow &&
		    strchr(allow, (int)*cp) != NULL)) {
			*chr = k;
			*byte = i + 1;
			return h;
		}
		i += len;
	}
	return TEXT_CLEAN;
}

/* What a class of text_find_hidden() is, in words, for messages. */
const char *
text_hidden_words(enum text_hidden h)
{
	switch (h) {
	case TEXT_C0:
		return "a control character";
	case TEXT_C1:
		return "a C1 control character";
	case TEXT_BIDI:
		return "a bidirectional control character";
	case TEXT_ZW:
		return "a zero-width character";
	default:
		return "nothing hidden";
	}
}

static int
cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x483 && cp <= 0x489) ||
	    cp == 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

/* The number of terminal columns s takes. */
size_t
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			w++;
			i++;
			continue;
		}
		w += (size_t)cp_width(cp);
		i += len;
	}
	return w;
}

static uint32_t
cp_fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	if (cp == 0x490)
		return 0x491;
	return cp;
}

/* A lower-case copy of s for case-insensitive search; the caller frees it. */
char *
text_fold(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0, len;
	char *out = xmalloc(n * 2 + 1);
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			out[o++] = (char)p[i++];
			continue;
		}
		o += utf8_encode(cp_fold(cp), out + o);
		i += len;
	}
	out[o] = '\0';
	return out;
}

/* Primary weight of a code point; 0 means ignorable (apostrophes). */
static uint32_t
cp_weight(uint32_t cp)
{
	static uint32_t cyr[64];
	static bool ready;
	const unsigned char *p;
	uint32_t c;
	size_t len, i, rank;

	if (!ready) {
		p = (const unsigned char *)uk_alphabet;
		for (i = 0, rank = 1; p[i]; i += len, rank++) {
			len = utf8_decode(p + i, strlen(uk_alphabet) - i, &c);
			if (c == 0x491)
				cyr[63] = (uint32_t)rank;	/* ґ lives outside а..я */
			else if (c >= 0x450 && c <= 0x45f)
				cyr[c - 0x450 + 32] = (uint32_t)rank;
			else
				cyr[c - 0x430] = (uint32_t)rank;
		}
		ready = true;
	}
	cp = cp_fold(cp);
	if (cp == '\'' || cp == 0x2019 || cp == 0x2bc)
		return 0;
	if (cp == ' ')
		return 1;
	if (cp >= '0' && cp <= '9')
		return 100 + (cp - '0');
	if (cp >= 'a' && cp <= 'z')
		return 200 + (cp - 'a');
	if (cp >= 0x430 && cp <= 0x44f && cyr[cp - 0x430])
		return 300 + cyr[cp - 0x430];
	if (cp >= 0x450 && cp <= 0x45f && cyr[cp - 0x450 + 32])
		return 300 + cyr[cp - 0x450 + 32];
	if (cp == 0x491)
		return 300 + cyr[63];
	if (cp < 0x80)
		return 2 + cp;	/* other ASCII punctuation before letters */
	return 1000 + cp;
}

/* The weight of code point cp below 0x800 (one or two bytes of UTF-8:
 * ASCII and Cyrillic), from a table made on first use. */
static uint32_t
short_weight(uint32_t cp)
{
	static uint32_t w[0x800];
	static bool ready;
	uint32_t c;

	if (!ready) {
		for (c = 0; c < 0x800; c++)
			w[c] = cp_weight(c);
		ready = true;
	}
	return w[cp];
}

/* Next non-ignorable primary weight at *i, or 0 at the end. */
static uint32_t
next_weight(const unsigned char *s, size_t n, size_t *i)
{
	uint32_t cp, w;
	size_t len;

	while (*i < n) {
		cp = s[*i];
		if (cp < 0x80) {
			w = short_weight(cp);
			*i += 1;
		} else if (cp >= 0xc2 && cp <= 0xdf && *i + 1 < n &&
		    (s[*i + 1] & 0xc0) == 0x80) {
			w = short_weight((cp & 0x1f) << 6 | (s[*i + 1] & 0x3f));
			*i += 2;
		} else {
			len = utf8_decode(s + *i, n - *i, &cp);
			*i += len ? len : 1;
			w = len ? cp_weight(cp) : 0x200000 + cp;
		}
		if (w != 0)
			return w;
	}
	return 0;
}

/* Where two texts start to differ, at the start of a character: equal
 * bytes before it have equal weights, so comparing may begin there. */
static size_t
common_prefix(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	size_t k = 0, m = an < bn ? an : bn;

	while (k < m && a[k] == b[k])
		k++;
	while (k > 0 && ((k < an && (a[k] & 0xc0) == 0x80) ||
	    (k < bn && (b[k] & 0xc0) == 0x80)))
		k--;
	return k;
}

/* Compares in Ukrainian alphabetical order, ignoring case first, then
 * breaking ties by bytes so the order is total. */
int
text_collate(const char *a, size_t an, const char *b, size_t bn)
{
	const unsigned char *pa = (const unsigned char *)a;
	const unsigned char *pb = (const unsigned char *)b;
	size_t i, j;
	uint32_t wa, wb;
	int c;

	i = j = common_prefix(pa, an, pb, bn);
	do {
		wa = next_weight(pa, an, &i);
		wb = next_weight(pb, bn, &j);
		if (wa != wb)
			return wa < wb ? -1 : 1;
	} while (wa != 0);
	c = memcmp(a, b, an < bn ? an : bn);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return an < bn ? -1 : an > bn;
}

/* True for [a-z][a-z0-9_]* of at most maxlen bytes. */
bool
text_is_ident(const char *s, size_t maxlen)
{
	size_t i;

	if (s == NULL || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (i = 0; s[i]; i++) {
		if (i >= maxlen)
			return false;
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_'))
			return false;
	}
	return true;
}

/* True when s is one of the NULL-terminated list (a NULL list is empty). */
bool
text_in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* A copy of s without leading and trailing ASCII white space. */
char *
text_trim(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

/* Appends s as a JSON string: quotes, backslashes and control characters
 * escaped, the rest (Cyrillic too) as it is. */
void
jv_put_str(struct buf *b, const char *s, size_t n)
{
	static const char esc[] = "\"\\\b\f\n\r\t", rep[] = "\"\\bfnrt";
	const char *e;
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c != '\0' && (e = strchr(esc, (int)c)) != NULL) {
			buf_addc(b, '\\');
			buf_addc(b, rep[e - esc]);
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}
