/*
 * The scheduler's clock and the due rule of the export jobs: the clock is
 * real time, or simulated time that starts at --now and advances with the
 * real clock; times are read (--now) and written (job_run history) in ISO
 * form with their offset, so both occurrences of a repeated hour read
 * back; a job is due when a scheduled time has come since its last
 * successful run (missed runs coalesced into one, like systemd's
 * Persistent=true), a failed run is retried no sooner than
 * JOB_RETRY_SECONDS later.  Also the output path of a run (the pattern
 * expanded for its time).
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "job.h"

/* The byte offset of the first control character in s (C0, DEL, or C1
 * as UTF-8), or -1. */
long
job_control_char(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; u[i]; i++)
		if (u[i] < 0x20 || u[i] == 0x7f ||
		    (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f))
			return (long)i;
	return -1;
}

/* strftime with the user's pattern (the pattern is data, not a literal);
 * 0 when the result is empty, too long or holds a control character. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
size_t
job_path(const char *pattern, time_t t, char *out, size_t n)
{
	struct tm tm;
	size_t len;

	localtime_r(&t, &tm);
	if ((len = strftime(out, n, pattern, &tm)) == 0 || job_control_char(out) >= 0)
		return 0;
	return len;
}
#pragma GCC diagnostic pop

/* A clock: simulated from simulated_start, or real when it is -1; no
 * stop check. */
void
job_clock_init(struct job_clock *c, time_t simulated_start)
{
	c->simulated = simulated_start != (time_t)-1;
	c->stop = NULL;
	c->start = simulated_start;
	clock_gettime(CLOCK_MONOTONIC, &c->mono0);
}

/* The clock's time; *ms (may be NULL) gets the milliseconds. */
time_t
job_clock_now(const struct job_clock *c, int *ms)
{
	struct timespec ts;
	int64_t el;

	if (!c->simulated) {
		clock_gettime(CLOCK_REALTIME, &ts);
		if (ms)
			*ms = (int)(ts.tv_nsec / 1000000);
		return ts.tv_sec;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	el = (int64_t)(ts.tv_sec - c->mono0.tv_sec) * 1000 +
	    (ts.tv_nsec - c->mono0.tv_nsec) / 1000000;
	if (ms)
		*ms = (int)(el % 1000);
	return c->start + (time_t)(el / 1000);
}

/* The earliest instant showing local time *want (the first of two when
 * clocks go back); -1 when clocks skipped it. */
static time_t
local_first(const struct tm *want)
{
	time_t best = (time_t)-1, t;
	struct tm tm, back;
	int isdst;

	for (isdst = 0; isdst <= 1; isdst++) {
		tm = *want;
		tm.tm_isdst = isdst;
		t = mktime(&tm);
		if (t == (time_t)-1 || localtime_r(&t, &back) == NULL ||
		    back.tm_mday != want->tm_mday || back.tm_hour != want->tm_hour ||
		    back.tm_min != want->tm_min)
			continue;
		if (best == (time_t)-1 || t < best)
			best = t;
	}
	return best;
}

/* A broken-down time from its civil parts (month 1..12). */
static void
tm_set(struct tm *tm, int y, int mo, int d, int h, int mi, int sec)
{
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = sec;
}

/* Reads an offset "+03:00", "-05:00" or "Z" into seconds east of UTC. */
static int
parse_offset(const char *p, int *out)
{
	if (strcmp(p, "Z") == 0) {
		*out = 0;
		return 0;
	}
	if ((*p != '+' && *p != '-') || strlen(p) != 6 || p[3] != ':' ||
	    strspn(p + 1, "0123456789") != 2 || strspn(p + 4, "0123456789") != 2)
		return -1;
	*out = (atoi(p + 1) * 3600 + atoi(p + 4) * 60) * (*p == '-' ? -1 : 1);
	return 0;
}

/* Reads "2021-07-26 06:00" or "2021-07-26T06:00", optionally with ":SS"
 * and an offset ("+03:00", "Z"); without one, local time (the first of
 * two when clocks go back). */
int
job_parse_time(struct ctx *ctx, const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec = 0, n = 0, off = 0;
	bool has_off = false;
	char sep;
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
	    (sep != ' ' && sep != 'T'))
		goto bad;
	if (s[n] == ':') {
		if (strspn(s + n + 1, "0123456789") != 2)
			goto bad;
		sec = atoi(s + n + 1);
		n += 3;
	}
	if (s[n] != '\0') {
		if (parse_offset(s + n, &off) != 0)
			goto bad;
		has_off = true;
	}
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 59 || h < 0 ||
	    mi < 0 || sec < 0)
		goto bad;
	tm_set(&tm, y, mo, d, h, mi, sec);
	t = has_off ? timegm(&tm) - off : local_first(&tm);
	if (t == (time_t)-1)
		return error_set(ctx, ERR_INVALID, "time '%s' does not exist in local "
		    "time (the clocks went forward)", s);
	*out = t;
	return 0;
bad:
	return error_set(ctx, ERR_INVALID, "invalid time '%s' (expected local time "
	    "as 2021-07-26 06:00 or 2021-07-26T06:00, optionally with :SS and an "
	    "offset such as +03:00)", s);
}

/* t in local time as ISO 8601 with its offset (milliseconds when ms >= 0). */
void
job_time_iso(time_t t, int ms, char out[40])
{
	struct tm tm;
	char z[8];
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
	if (ms >= 0)
		n += (size_t)snprintf(out + n, 40 - n, ".%03d", ms);
	strftime(z, sizeof(z), "%z", &tm);
	snprintf(out + n, 40 - n, "%.3s:%.2s", z, z + 3);
}

/* Reads what job_time_iso wrote; 0 or -1. */
int
job_time_parse_iso(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, oh, om, n = 0;
	const char *p;

	if (s == NULL || sscanf(s, "%d-%d-%dT%d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec,
	    &n) != 6)
		return -1;
	p = s + n;
	if (*p == '.')
		p += strspn(p + 1, "0123456789") + 1;
	if ((*p != '+' && *p != '-') || sscanf(p + 1, "%d:%d", &oh, &om) != 2)
		return -1;
	tm_set(&tm, y, mo, d, h, mi, sec);
	*out = timegm(&tm) - (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	return 0;
}

/* --- when a job is due --- */

/* The text of the first column of the first row, or NULL (caller frees). */
static int
query_text(struct ctx *ctx, char **out, const char *sql, const char *job)
{
	struct dbst *st;
	const char *v;
	int rc;

	*out = NULL;
	if ((rc = db_prepare(ctx, &st, sql)) != 0)
		return rc;
	db_bind(st, "t", job);
	rc = dbst_step(st);
	if (rc == DB_ROW) {
		v = dbst_text(st, 0);
		*out = v ? xstrdup(v) : NULL;
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = 0;
	} else {
		rc = db_error(ctx, "cannot read the job history");
	}
	dbst_finalize(st);
	return rc;
}

/* The latest scheduled time <= now at or after first (a slot itself). */
static time_t
last_slot(const struct cron *c, time_t first, time_t now)
{
	static const time_t windows[] = { 86400, 32 * 86400, 367 * 86400 };
	time_t t = first, n, from;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(windows); i++) {
		from = now - windows[i];
		if (from > first && (n = cron_next(c, from)) != (time_t)-1 && n <= now) {
			t = n;
			break;
		}
	}
	while ((n = cron_next(c, t)) != (time_t)-1 && n <= now)
		t = n;
	return t;
}

/* Where the job stands at now, from its job_run history. */
int
job_state(struct ctx *ctx, const struct job *job, time_t now, struct job_state *out)
{
	char *base = NULL, *failed = NULL;
	time_t first, ft;
	int rc;

	memset(out, 0, sizeof(*out));
	out->next = cron_next(&job->cron, now);
	if ((rc = query_text(ctx, &base, "SELECT scheduled FROM job_run WHERE job = ? "
	    "AND outcome IN ('ok', 'skipped', 'armed') AND scheduled IS NOT NULL "
	    "ORDER BY id DESC LIMIT 1", job->name)) != 0)
		return rc;
	if (base == NULL || job_time_parse_iso(base, &out->base) != 0)
		goto out;
	out->armed = true;
	first = cron_next(&job->cron, out->base);
	if (first == (time_t)-1 || first > now)
		goto out;
	/* due, unless the last attempt failed a moment ago */
	if ((rc = query_text(ctx, &failed, "SELECT CASE WHEN outcome = 'failed' "
	    "THEN started END FROM job_run WHERE job = ? AND scheduled IS NOT NULL "
	    "ORDER BY id DESC LIMIT 1", job->name)) != 0)
		goto out;
	if (failed && job_time_parse_iso(failed, &ft) == 0 && ft > out->base &&
	    ft + JOB_RETRY_SECONDS > now && ft <= now) {
		out->next = ft + JOB_RETRY_SECONDS;
		goto out;
	}
	out->due = true;
	out->slot = last_slot(&job->cron, first, now);
out:
	free(base);
	free(failed);
	return rc;
}

/* Records that the scheduler has seen the job: its runs count from now. */
int
job_arm(struct ctx *ctx, const struct job *job, time_t now)
{
	char t[40];

	job_time_iso(now, -1, t);
	return db_exec(ctx, "INSERT INTO job_run (job, scheduled, started, finished, "
	    "outcome) VALUES (?, ?, ?, ?, 'armed')", "tttt", job->name, t, t, t);
}
