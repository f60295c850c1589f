/*
 * "Did you mean ...?" (see suggest.h): the edit distance between two
 * words and the nearest of the names a word may have meant.  A name is
 * near enough when at most a third of the word's letters (at least one,
 * at most three) are wrong, so that "lsit" finds "list" and "orgg" finds
 * "org", while "x" suggests nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "suggest.h"

/* Longer words are not compared (nothing a command takes is longer). */
#define SUGGEST_LEN 64

/* Decodes s into at most SUGGEST_LEN code points (a byte that does not
 * start a valid sequence counts as one); returns the count. */
static size_t
code_points(const char *s, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, len, k;
	uint32_t cp;

	while (*p && n < SUGGEST_LEN) {
		len = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 :
		    *p >= 0xc0 ? 2 : 1;
		cp = len == 1 ? *p : *p & (0x3f >> (len - 1));
		for (k = 1; k < len && (p[k] & 0xc0) == 0x80; k++)
			cp = cp << 6 | (p[k] & 0x3f);
		if (k < len) {
			cp = *p;
			len = 1;
		}
		out[n++] = cp;
		p += len;
	}
	return n;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* The optimal string alignment distance: insertions, deletions,
 * substitutions and transpositions of neighbours, each counting one. */
size_t
suggest_distance(const char *a, const char *b)
{
	static const size_t W = SUGGEST_LEN + 1;
	uint32_t x[SUGGEST_LEN], y[SUGGEST_LEN];
	size_t d[(SUGGEST_LEN + 1) * (SUGGEST_LEN + 1)];
	size_t n = code_points(a, x), m = code_points(b, y), i, j, cost;

	for (i = 0; i <= n; i++)
		d[i * W] = i;
	for (j = 0; j <= m; j++)
		d[j] = j;
	for (i = 1; i <= n; i++) {
		for (j = 1; j <= m; j++) {
			cost = x[i - 1] == y[j - 1] ? 0 : 1;
			d[i * W + j] = min3(d[(i - 1) * W + j] + 1, d[i * W + j - 1] + 1,
			    d[(i - 1) * W + j - 1] + cost);
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
			    d[(i - 2) * W + j - 2] + 1 < d[i * W + j])
				d[i * W + j] = d[(i - 2) * W + j - 2] + 1;
		}
	}
	return d[n * W + m];
}

void
suggest_init(struct suggest *s, const char *word)
{
	memset(s, 0, sizeof(*s));
	s->word = word;
	s->best = SIZE_MAX;
}

/* Considers name: kept when it is as near as the best so far. */
void
suggest_add(struct suggest *s, const char *name)
{
	size_t d = suggest_distance(s->word, name), i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->hits[i], name) == 0)
			return;
	if (d < s->best) {
		s->best = d;
		s->n = 0;
	}
	if (d == s->best && s->n < SUGGEST_MAX)
		s->hits[s->n++] = name;
}

/* The hits as text (see suggest.h). */
size_t
suggest_text(const struct suggest *s, const char *prefix, char *out, size_t n)
{
	uint32_t cps[SUGGEST_LEN];
	size_t len = code_points(s->word, cps), limit, i, at = 0;

	limit = len / 3 < 1 ? 1 : len / 3 > 3 ? 3 : len / 3;
	out[0] = '\0';
	if (s->n == 0 || s->best == 0 || s->best > limit || s->best >= len)
		return 0;
	for (i = 0; i < s->n && at < n; i++) {
		if (i)
			at += (size_t)snprintf(out + at, n - at, ", ");
		/* a name quoted as the language quotes it: «org» in Ukrainian */
		if (at < n)
			at += (size_t)snprintf(out + at, n - at, _("'%s%s'"), prefix,
			    s->hits[i]);
	}
	return s->n;
}
