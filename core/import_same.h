/*
 * The stored participation a re-import compares its rows with
 * (import_same.c): a row whose values are those stored is counted
 * unchanged and costs little more than reading it.
 */
#ifndef IMPORT_SAME_H
#define IMPORT_SAME_H
#include <stdbool.h>
#include <stdint.h>

struct import;
struct part;

/* What a row is to the stored participation. */
struct same_match {
	int64_t id;		/* the stored row of its key, 0 when none */
	int64_t first;		/* the line of an earlier row of this key, or 0 */
	bool unchanged;		/* every value the file gives is the stored one */
	bool stored;		/* id was stored before the import began */
	const char *fields;	/* changed: the stored area fields, until the
				 * next row */
};

int same_open(struct import *imp);
int same_match(struct import *imp, const int64_t k[4], const struct part *v,
    struct same_match *m);
void same_close(struct import *imp);
#endif /* IMPORT_SAME_H */
