/*
 * Five-field cron expressions (minute hour day-of-month month day-of-week)
 * as cron(5) reads them: numbers, ranges, steps, lists, the names JAN-DEC
 * and SUN-SAT, and the macros @yearly, @monthly, @weekly, @daily and
 * @hourly.  When both day fields are restricted a day matches if either
 * does.  Next times are computed in local time across clock changes: a
 * local time skipped when clocks go forward runs once at the first valid
 * minute after it, a local time that occurs twice when clocks go back runs
 * once, at its first occurrence.
 */
#ifndef INTEGRA_CRON_H
#define INTEGRA_CRON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct cron {
	uint64_t minute;	/* bits 0..59 */
	uint32_t hour;		/* bits 0..23 */
	uint32_t mday;		/* bits 1..31 */
	uint32_t month;		/* bits 1..12 */
	uint32_t wday;		/* bits 0..6, Sunday 0 */
	bool mday_star;		/* the field began with '*' (unrestricted) */
	bool wday_star;
};

/*
 * Parses expr into *out.  0 on success; -1 with a reason in err (such as
 * "day of week: unknown name 'MOX'") otherwise.
 */
int cron_parse(const char *expr, struct cron *out, char *err, size_t errlen);

/* The first scheduled instant strictly after `after`, or (time_t)-1 when
 * the expression never matches (such as "0 0 30 2 *"). */
time_t cron_next(const struct cron *c, time_t after);

/* True when the local day containing civil date y-m-d is a scheduled day. */
bool cron_day_matches(const struct cron *c, int y, int m, int d);

/* The schedule in words ("at 06:00 on Monday"); the caller frees it. */
char *cron_describe(const struct cron *c);

#endif /* INTEGRA_CRON_H */
