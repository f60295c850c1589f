/*
 * A hash map from a text key (an organisation code, a person key, a
 * programme code) to a row id and an optional text, for import's look-ups
 * of a whole table held in memory.  Open addressing with linear probing;
 * keys of up to KEYMAP_INLINE - 1 bytes live in the slot itself, so a
 * look-up touches one cache line.  Ids must not be 0.
 */
#ifndef KEYMAP_H
#define KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEYMAP_INLINE 24

struct keymap_slot {
	uint64_t hash;
	int64_t id;		/* 0: the slot is empty */
	char *extra;		/* owned, or NULL */
	char key[KEYMAP_INLINE];	/* NUL-terminated; a longer key is
					 * owned and its pointer kept here
					 * after a first NUL byte */
};

struct keymap {
	struct keymap_slot *slots;
	size_t cap, n;
	bool loaded;		/* for the caller: filled from its table */
};

/* Makes room for n keys in all, so that adding them rehashes nothing. */
void keymap_reserve(struct keymap *m, size_t n);
/* The entry of key, or NULL. */
struct keymap_slot *keymap_get(const struct keymap *m, const char *key);
/* Adds key or changes its id and extra (copied; NULL for none). */
void keymap_put(struct keymap *m, const char *key, int64_t id, const char *extra);
void keymap_free(struct keymap *m);

#endif /* KEYMAP_H */
