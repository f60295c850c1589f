/*
 * Legal terms of a decree's instructions ("2 months", "immediately",
 * "none", ...) and the civil-date arithmetic that turns them into due
 * dates, counted as a lawyer counts: a term in months ends on the same
 * day of the last month, or on that month's last day when it has no such
 * day (31 August + 1 month = 30 September).  Pure code, no host calls, so
 * the unit tests include it directly.
 */
#ifndef DECREE_TERMS_H
#define DECREE_TERMS_H

#include <stddef.h>

enum decree_term_kind {
	DECREE_TERM_NONE = 0,		/* no term: no due date */
	DECREE_TERM_IMMEDIATE,		/* due on the base date itself */
	DECREE_TERM_DAYS,		/* n days after the base date */
	DECREE_TERM_MONTHS		/* n months after the base date */
};

struct decree_term {
	enum decree_term_kind kind;
	int n;				/* days or months */
};

/* Parses a term; on failure returns -1 and writes the reason to err. */
int decree_term_parse(const char *text, struct decree_term *out, char *err,
    size_t errlen);
/* Parses an ISO date "YYYY-MM-DD" (a real day) into days since 1970-01-01. */
int decree_date_parse(const char *s, long *days);
void decree_date_format(long days, char out[11]);
/* days plus months, clamped to the end of the month. */
long decree_add_months(long days, int months);
/* The due date of a term from base (ISO) into out: "" for no term.
 * Returns -1 when base is not a date. */
int decree_due(const char *base, const struct decree_term *t, char out[11]);

/* Splits one CSV line in place (RFC 4180 quoting: "a, b" and "" for a
 * quote) into at most max fields; returns the number of fields, or -1 for
 * an unterminated quote or more than max fields. */
int decree_csv_split(char *line, char **fields, int max);

#endif /* DECREE_TERMS_H */
