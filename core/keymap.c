/*
 * The key map of keymap.h.  FNV-1a hashes; the table doubles when it is
 * 70% full.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "integra.h"
#include "keymap.h"

static uint64_t
hash_str(const char *s, size_t *len)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p;

	for (p = s; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	*len = (size_t)(p - s);
	return h;
}

static const char *
slot_key(const struct keymap_slot *s)
{
	const char *p;

	if (s->key[0] != '\0')
		return s->key;
	memcpy(&p, s->key + sizeof(char *), sizeof(p));
	return p;
}

/* The slot of key: its own, or the empty one where it would go. */
static struct keymap_slot *
find(const struct keymap *m, const char *key, uint64_t h)
{
	size_t i;

	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct keymap_slot *s = &m->slots[i];

		if (s->id == 0 || (s->hash == h && strcmp(slot_key(s), key) == 0))
			return s;
	}
}

struct keymap_slot *
keymap_get(const struct keymap *m, const char *key)
{
	struct keymap_slot *s;
	size_t len;

	if (m->cap == 0)
		return NULL;
	s = find(m, key, hash_str(key, &len));
	return s->id ? s : NULL;
}

/* Zeroed room for cap slots.  A table of several megabytes (the people
 * of a register) is looked up at random places, one row after another:
 * on huge pages, where the system gives them, the look-ups miss the TLB
 * far less. */
static struct keymap_slot *
slots_alloc(size_t cap)
{
	const size_t huge = (size_t)2 << 20;
	size_t size = cap * sizeof(struct keymap_slot);
	void *p;

	if (size < 2 * huge)
		return xcalloc(cap, sizeof(struct keymap_slot));
	size = (size + huge - 1) & ~(huge - 1);
	if (posix_memalign(&p, huge, size) != 0)
		return xcalloc(cap, sizeof(struct keymap_slot));
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	memset(p, 0, size);
	return p;
}

/* Rehashes into cap slots (a power of two). */
static void
resize(struct keymap *m, size_t cap)
{
	struct keymap_slot *old = m->slots;
	size_t i, oldcap = m->cap;

	m->cap = cap;
	m->slots = slots_alloc(m->cap);
	for (i = 0; i < oldcap; i++)
		if (old[i].id != 0)
			*find(m, slot_key(&old[i]), old[i].hash) = old[i];
	free(old);
}

void
keymap_reserve(struct keymap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 1024;

	while (n * 10 > cap * 7)
		cap *= 2;
	if (cap > m->cap)
		resize(m, cap);
}

void
keymap_put(struct keymap *m, const char *key, int64_t id, const char *extra)
{
	struct keymap_slot *s;
	size_t len;
	uint64_t h = hash_str(key, &len);

	if ((m->n + 1) * 10 > m->cap * 7)
		resize(m, m->cap ? m->cap * 2 : 1024);
	s = find(m, key, h);
	if (s->id == 0) {
		if (len > 0 && len < KEYMAP_INLINE) {
			memcpy(s->key, key, len + 1);
		} else {
			char *p = xstrdup(key);

			s->key[0] = '\0';
			memcpy(s->key + sizeof(char *), &p, sizeof(p));
		}
		s->hash = h;
		m->n++;
	}
	s->id = id;
	free(s->extra);
	s->extra = extra ? xstrdup(extra) : NULL;
}

void
keymap_free(struct keymap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		if (m->slots[i].id == 0)
			continue;
		if (m->slots[i].key[0] == '\0')
			free((char *)slot_key(&m->slots[i]));
		free(m->slots[i].extra);
	}
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
