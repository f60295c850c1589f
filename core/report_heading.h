/*
 * The heading block of a report (report_heading.c): who issues it, what
 * it answers, as of when, with which filters and dimension, when it was
 * made and by which integra, for the human formats (struct
 * integra_heading, handed to every format through struct integra_output).
 */
#ifndef INTEGRA_REPORT_HEADING_H
#define INTEGRA_REPORT_HEADING_H

#include "integra.h"

#define HEADING_FACTS 8

struct report_heading {
	struct integra_heading h;
	const char *labels[HEADING_FACTS];
	const char *values[HEADING_FACTS];
	char *owned[HEADING_FACTS];	/* the values made here */
};

/* What the heading is made of: the dates already "YYYY-MM-DD" ("" when
 * not given). */
struct heading_input {
	const struct integra_report *rep;
	const struct integra_plugin *plugin;
	const char *by;		/* the dimension, "none" for none */
	const char *area;
	const char *from;
	const char *to;
	const char *as_of;	/* "" unless given */
	bool overdue;
	int64_t within;		/* -1 for none */
};

void report_heading_make(struct ctx *ctx, const struct heading_input *in,
    struct report_heading *rh);
void report_heading_free(struct report_heading *rh);
/* "YYYY-MM-DD" as "DD.MM.YYYY" into out[11]; other text copied (cut). */
void heading_date(const char *iso, char out[11]);

#endif /* INTEGRA_REPORT_HEADING_H */
