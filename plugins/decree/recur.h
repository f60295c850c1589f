/*
 * Calendar rules of recurring reporting duties: "quarterly 25" (the 25th
 * of each quarter's last month), "yearly 15.09", "monthly 10", also in
 * Ukrainian ("щокварталу 25", "щороку 01.02", "щомісяця 10").  A rule is
 * a set of months and a day; a rule whose day some of its months never
 * have (31 February, 31 June) is refused.  Pure code, no host calls, so
 * the unit tests include it directly.
 */
#ifndef DECREE_RECUR_H
#define DECREE_RECUR_H

#include <stddef.h>

struct decree_recur {
	unsigned months;	/* bit m-1 set: falls due in month m */
	int day;		/* day of the month, 1..31 */
};

/* Parses a rule; on failure returns -1 and writes the reason to err. */
int decree_recur_parse(const char *text, struct decree_recur *out, char *err,
    size_t errlen);
/* 1 when the ISO date iso is an occurrence of r, else 0. */
int decree_recur_is_due(const struct decree_recur *r, const char *iso);

#endif /* DECREE_RECUR_H */
