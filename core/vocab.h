/*
 * vocab.h: enumerations typed in Ukrainian.  A value typed for a closed
 * list (an option or an import column) may be its identifier or one of
 * its Ukrainian names, in any case, with spaces, hyphens and underscores
 * alike; it is stored as the identifier.  The Ukrainian names are a
 * table of this module (vocab.c), not the message catalog, so they are
 * understood whatever the locale: a Ukrainian file imported by a cron job
 * running in C.  A value that names two identifiers is refused naming
 * both.
 */
#ifndef VOCAB_H
#define VOCAB_H

#include "integra.h"

/* What vocab_find found. */
enum vocab_match {
	VOCAB_NONE,	/* no identifier */
	VOCAB_ONE,	/* *out is the identifier */
	VOCAB_TWO	/* *out and *other: two identifiers it could mean */
};

char *vocab_normal(const char *s);
bool vocab_same(const char *n, const char *s);
enum vocab_match vocab_find(const char *s, const char *const *allowed,
    const char *const *labels, const char **out, const char **other);
int vocab_enum(struct ctx *ctx, const char *what, const char *s,
    const char *const *allowed, const char **out);
int vocab_args(struct ctx *ctx, const char *path, struct args *a);
const char *vocab_role(const char *s);

#endif /* VOCAB_H */
