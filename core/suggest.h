/*
 * "Did you mean ...?": the names nearest to a mistyped word by edit
 * distance (Damerau-Levenshtein, adjacent transpositions counting one,
 * over UTF-8 code points), for the errors of unknown commands, verbs and
 * options.
 */
#ifndef INTEGRA_SUGGEST_H
#define INTEGRA_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX 3

struct suggest {
	const char *word;
	size_t best;		/* distance of the hits */
	size_t n;
	const char *hits[SUGGEST_MAX];
};

/* The edit distance between a and b, in code points. */
size_t suggest_distance(const char *a, const char *b);
void suggest_init(struct suggest *s, const char *word);
/* Considers candidate name (kept by pointer, not copied). */
void suggest_add(struct suggest *s, const char *name);
/* The hits as "'a'" or "'a', 'b'" in out, each after prefix ("--"); 0 when there is none near
 * enough, else the number of hits. */
size_t suggest_text(const struct suggest *s, const char *prefix, char *out,
    size_t n);

#endif /* INTEGRA_SUGGEST_H */
