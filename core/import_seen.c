/*
 * The keys an import has met, to refuse a key given twice in one file
 * (naming both lines) unless the user asked for --last-wins.  A key is
 * kept as a 64-bit hash with the line of its row (16 bytes) in an
 * open-addressed table that doubles when three quarters full; two different keys
 * would need the same 64-bit hash to be taken for one.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* FNV-1a over the bytes, then a final mix so that the low bits used to
 * pick a slot depend on every byte; never 0 (an empty slot). */
static uint64_t
key_hash(const void *key, size_t n)
{
	const unsigned char *p = key;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h ? h : 1;
}

/* The slot of hash h: its own, or the empty one where it would go. */
static size_t
slot_of(const struct import_seen *s, uint64_t h)
{
	size_t i = (size_t)h & (s->cap - 1);

	while (s->hash[i] != 0 && s->hash[i] != h)
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* Doubles the table (or makes its first one). */
static void
grow(struct import_seen *s)
{
	struct import_seen old = *s;
	size_t i, j;

	s->cap = old.cap ? old.cap * 2 : 1024;
	s->hash = xcalloc(s->cap, sizeof(*s->hash));
	s->line = xcalloc(s->cap, sizeof(*s->line));
	for (i = 0; i < old.cap; i++) {
		if (old.hash[i] == 0)
			continue;
		j = slot_of(s, old.hash[i]);
		s->hash[j] = old.hash[i];
		s->line[j] = old.line[i];
	}
	free(old.hash);
	free(old.line);
}

/* Records the key (n bytes) at line; returns the line of an earlier row
 * with the same key, or 0 when it is new. */
int64_t
import_seen_put(struct import_seen *s, const void *key, size_t n, int64_t line)
{
	uint64_t h = key_hash(key, n);
	size_t i;

	if (4 * (s->n + 1) > 3 * s->cap)
		grow(s);
	i = slot_of(s, h);
	if (s->hash[i] == h)
		return s->line[i];
	s->hash[i] = h;
	s->line[i] = line;
	s->n++;
	return 0;
}

void
import_seen_free(struct import_seen *s)
{
	free(s->hash);
	free(s->line);
	memset(s, 0, sizeof(*s));
}

/*
 * Reports the current row as repeating the key of line `first`: as column
 * col with value shown, or, with col NULL, with shown saying the key in
 * words.
 */
void
imp_twice(struct import *imp, const char *col, const char *shown, int64_t first)
{
	char *why = xasprintf(_("%s%sgiven twice in this file, on lines %lld and "
	    "%lld (keep one of the rows, or pass --last-wins to store the later "
	    "one over the earlier)"), col ? "" : shown, col ? "" : " is ",
	    (long long)first, (long long)imp->cur.line);

	imp_report(imp, col, shown, why);
	free(why);
}

/*
 * Refuses the current row when its key (n bytes at key) was on an earlier
 * good row of this file, naming both lines (see imp_twice).  With
 * --last-wins every row passes and the later one is stored over the
 * earlier.  True when the row was refused.
 */
bool
imp_once(struct import *imp, const char *col, const char *shown,
    const void *key, size_t n)
{
	int64_t first;

	if (imp->last_wins ||
	    (first = import_seen_put(&imp->seen, key, n, imp->cur.line)) == 0)
		return false;
	imp_twice(imp, col, shown, first);
	return true;
}

/* Notes the line of the next row appended. */
void
import_lines_note(struct import_lines *l, int64_t line)
{
	if (l->rows == 0 || line != l->last + 1) {
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->row = xrealloc(l->row, l->cap * sizeof(*l->row));
			l->line = xrealloc(l->line, l->cap * sizeof(*l->line));
		}
		l->row[l->n] = l->rows;
		l->line[l->n++] = line;
	}
	l->last = line;
	l->rows++;
}

/* The line of appended row `row` (from 0); 0 when there is none. */
int64_t
import_lines_of(const struct import_lines *l, int64_t row)
{
	size_t lo = 0, hi = l->n;

	if (row < 0 || row >= l->rows || l->n == 0)
		return 0;
	while (hi - lo > 1) {	/* the last jump at or before row */
		size_t mid = lo + (hi - lo) / 2;

		if (l->row[mid] <= row)
			lo = mid;
		else
			hi = mid;
	}
	return l->line[lo] + (row - l->row[lo]);
}

void
import_lines_free(struct import_lines *l)
{
	free(l->row);
	free(l->line);
	memset(l, 0, sizeof(*l));
}
