/*
 * Cron expressions: parsing the five fields into bit sets, finding the
 * next scheduled instant in local time, and saying the schedule in words.
 * Next times walk the local calendar, day by day and then over the hours
 * and minutes the expression allows, and turn each local time into an
 * instant: the first of two when clocks go back, the first valid minute
 * after when the local time was skipped by clocks going forward.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cron.h"
#include "integra.h"

/* Days searched for a match: enough for 29 February across a century. */
#define SEARCH_DAYS (366 * 9)

struct field {
	const char *what;
	int lo;
	int hi;
	const char *const *names;	/* index 0 is the name of lo */
};

static const char *const month_names[] = {
	"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
	"NOV", "DEC", NULL
};
static const char *const day_names[] = {
	"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL
};
static const char *const month_words[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const day_words[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};

static const struct field fields[5] = {
	{ "minute", 0, 59, NULL },
	{ "hour", 0, 23, NULL },
	{ "day of month", 1, 31, NULL },
	{ "month", 1, 12, month_names },
	{ "day of week", 0, 7, day_names }
};

static const struct {
	const char *name;
	const char *expr;
} macros[] = {
	{ "@yearly", "0 0 1 1 *" },
	{ "@annually", "0 0 1 1 *" },
	{ "@monthly", "0 0 1 * *" },
	{ "@weekly", "0 0 * * 0" },
	{ "@daily", "0 0 * * *" },
	{ "@midnight", "0 0 * * *" },
	{ "@hourly", "0 * * * *" }
};

/* Reads a number or a name at *p; 0 or -1 with err set. */
static int
read_value(const struct field *f, const char **p, int *out, char *err, size_t errlen)
{
	const char *s = *p;
	char *end;
	long v;
	int i;

	if (isdigit((unsigned char)*s)) {
		v = strtol(s, &end, 10);
		if (v < f->lo || v > f->hi) {
			snprintf(err, errlen, "%s: %ld is out of range (%d-%d)", f->what, v,
			    f->lo, f->hi);
			return -1;
		}
		*p = end;
		*out = (int)v;
		return 0;
	}
	for (i = 0; f->names && f->names[i]; i++) {
		if (strncasecmp(s, f->names[i], 3) == 0 && !isalpha((unsigned char)s[3])) {
			*p = s + 3;
			*out = f->lo + i;
			return 0;
		}
	}
	for (i = 0; i < 16 && isalnum((unsigned char)s[i]); i++)
		;
	if (i == 0)
		snprintf(err, errlen, "%s: expected a number%s at '%s'", f->what,
		    f->names ? " or a name" : "", s);
	else
		snprintf(err, errlen, "%s: unknown %s '%.*s'", f->what,
		    f->names ? "name" : "value", i, s);
	return -1;
}

/* Parses one item of a list: *, a, a-b, each with an optional /step. */
static int
parse_item(const struct field *f, const char *s, uint64_t *bits, char *err,
    size_t errlen)
{
	const char *p = s;
	int lo = f->lo, hi = f->hi, step = 1, v;
	char *end;
	long st;

	if (*p == '*') {
		p++;
	} else {
		if (read_value(f, &p, &lo, err, errlen) != 0)
			return -1;
		hi = lo;
		if (*p == '-') {
			p++;
			if (read_value(f, &p, &hi, err, errlen) != 0)
				return -1;
			if (hi < lo) {
				snprintf(err, errlen, "%s: range '%s' runs backwards", f->what, s);
				return -1;
			}
		} else if (*p == '/') {
			hi = f->hi;
		}
	}
	if (*p == '/') {
		st = strtol(p + 1, &end, 10);
		if (!isdigit((unsigned char)p[1]) || st < 1 || st > f->hi) {
			snprintf(err, errlen, "%s: bad step in '%s'", f->what, s);
			return -1;
		}
		step = (int)st;
		p = end;
	}
	if (*p != '\0') {
		snprintf(err, errlen, "%s: unexpected '%s' in '%s'", f->what, p, s);
		return -1;
	}
	for (v = lo; v <= hi; v += step)
		*bits |= (uint64_t)1 << v;
	return 0;
}

/* Parses a comma-separated field into bits. */
static int
parse_field(const struct field *f, const char *text, uint64_t *bits, char *err,
    size_t errlen)
{
	char *copy = xstrdup(text), *item, *save = NULL;
	int rc = 0;

	*bits = 0;
	if (text[0] == ',' || text[strlen(text) - 1] == ',' || strstr(text, ",,")) {
		snprintf(err, errlen, "%s: empty item in '%s'", f->what, text);
		rc = -1;
	}
	for (item = strtok_r(copy, ",", &save); rc == 0 && item;
	    item = strtok_r(NULL, ",", &save))
		rc = parse_item(f, item, bits, err, errlen);
	free(copy);
	return rc;
}

int
cron_parse(const char *expr, struct cron *out, char *err, size_t errlen)
{
	char *copy, *tok[6], *save = NULL;
	const char *e = expr;
	uint64_t bits[5];
	size_t i;
	int n = 0, rc = 0;

	while (isspace((unsigned char)*e))
		e++;
	if (*e == '@') {
		for (i = 0; i < ARRAY_SIZE(macros); i++)
			if (strcasecmp(e, macros[i].name) == 0)
				return cron_parse(macros[i].expr, out, err, errlen);
		snprintf(err, errlen, "unknown macro '%s' (known: @yearly, @monthly, "
		    "@weekly, @daily, @hourly)", e);
		return -1;
	}
	copy = xstrdup(e);
	for (char *t = strtok_r(copy, " \t", &save); t && n < 6;
	    t = strtok_r(NULL, " \t", &save))
		tok[n++] = t;
	if (n != 5) {
		snprintf(err, errlen, "expected 5 fields (minute hour day-of-month "
		    "month day-of-week), found %s%d", n > 5 ? "more than " : "",
		    n > 5 ? 5 : n);
		free(copy);
		return -1;
	}
	for (i = 0; i < 5 && rc == 0; i++)
		rc = parse_field(&fields[i], tok[i], &bits[i], err, errlen);
	if (rc == 0) {
		memset(out, 0, sizeof(*out));
		out->minute = bits[0];
		out->hour = (uint32_t)bits[1];
		out->mday = (uint32_t)bits[2];
		out->month = (uint32_t)bits[3];
		out->wday = (uint32_t)((bits[4] | (bits[4] >> 7)) & 0x7f);
		out->mday_star = tok[2][0] == '*';
		out->wday_star = tok[4][0] == '*';
	}
	free(copy);
	return rc;
}

static int
weekday(int32_t days)
{
	return (int)(((days % 7) + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
}

bool
cron_day_matches(const struct cron *c, int y, int m, int d)
{
	bool dom = c->mday >> d & 1;
	bool dow = c->wday >> weekday(date_from_ymd(y, m, d)) & 1;

	if (!(c->month >> m & 1))
		return false;
	if (c->mday_star || c->wday_star)
		return dom && dow;
	return dom || dow;
}

/* The instant of local time `civil` (minutes since 1970 in local
 * reckoning) with DST flag isdst, if that local time exists with it. */
static bool
civil_try(int64_t civil, int isdst, time_t *out)
{
	time_t g = (time_t)(civil * 60), t;
	struct tm want, tm, back;

	gmtime_r(&g, &want);
	tm = want;
	tm.tm_isdst = isdst;
	t = mktime(&tm);
	if (t == (time_t)-1 || localtime_r(&t, &back) == NULL)
		return false;
	if (back.tm_year != want.tm_year || back.tm_mon != want.tm_mon ||
	    back.tm_mday != want.tm_mday || back.tm_hour != want.tm_hour ||
	    back.tm_min != want.tm_min)
		return false;
	*out = t;
	return true;
}

/* The earliest instant showing local time `civil`, or when clocks skipped
 * it, the first valid local minute after it. */
static time_t
civil_instant(int64_t civil)
{
	time_t best = (time_t)-1, t;
	int isdst, k;

	for (k = 0; k <= 24 * 60; k++) {
		for (isdst = 0; isdst <= 1; isdst++)
			if (civil_try(civil + k, isdst, &t) && (best == (time_t)-1 || t < best))
				best = t;
		if (best != (time_t)-1)
			return best;
	}
	return (time_t)-1;
}

/* Local time of instant t in minutes since 1970, local reckoning. */
static int64_t
civil_of(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_sec = 0;
	return (int64_t)timegm(&tm) / 60;
}

time_t
cron_next(const struct cron *c, time_t after)
{
	int64_t c0 = civil_of(after), day0 = c0 / 1440, day, cm;
	int y, m, d, h, mi;
	time_t t;

	for (day = day0; day < day0 + SEARCH_DAYS; day++) {
		date_to_ymd((int32_t)day, &y, &m, &d);
		if (!cron_day_matches(c, y, m, d))
			continue;
		for (h = 0; h < 24; h++) {
			if (!(c->hour >> h & 1))
				continue;
			for (mi = 0; mi < 60; mi++) {
				cm = day * 1440 + h * 60 + mi;
				if (!(c->minute >> mi & 1) || cm < c0)
					continue;
				t = civil_instant(cm);
				if (t != (time_t)-1 && t > after)
					return t;
			}
		}
	}
	return (time_t)-1;
}

/* --- in words --- */

static int
count_bits(uint64_t bits)
{
	return __builtin_popcountll(bits);
}

static int
lowest(uint64_t bits)
{
	return bits ? __builtin_ctzll(bits) : -1;
}

/* The step when bits are lo, lo+step, ... covering [lo, hi] evenly from lo;
 * 0 otherwise. */
static int
even_step(uint64_t bits, int lo, int hi)
{
	int first = lowest(bits), step, v;
	uint64_t want = 0;

	if (first != lo || count_bits(bits) < 2)
		return 0;
	step = lowest(bits & ~((uint64_t)1 << first)) - first;
	for (v = lo; v <= hi; v += step)
		want |= (uint64_t)1 << v;
	return want == bits ? step : 0;
}

/* Appends the set as "1-5, 7" with each value named by name(). */
static void
add_set(struct buf *b, uint64_t bits, int lo, int hi, const char *joiner,
    void (*name)(struct buf *, int))
{
	int v = lo, end, n = 0;

	while (v <= hi) {
		if (!(bits >> v & 1)) {
			v++;
			continue;
		}
		for (end = v; end + 1 <= hi && (bits >> (end + 1) & 1); end++)
			;
		if (n++)
			buf_adds(b, ", ");
		name(b, v);
		if (end > v + 1) {
			buf_adds(b, joiner);
			name(b, end);
		} else if (end == v + 1) {
			buf_adds(b, ", ");
			name(b, end);
		}
		v = end + 1;
	}
}

static void
name_num(struct buf *b, int v)
{
	buf_printf(b, "%d", v);
}

static void
name_month(struct buf *b, int v)
{
	buf_adds(b, month_words[v - 1]);
}

static void
name_day(struct buf *b, int v)
{
	buf_adds(b, day_words[v]);
}

/* The time-of-day part: "at 06:00", "every 15 minutes", ... */
static void
describe_time(struct buf *b, const struct cron *c)
{
	uint64_t all_min = ((uint64_t)1 << 60) - 1;
	uint32_t all_hour = (1u << 24) - 1;
	int nm = count_bits(c->minute), nh = count_bits(c->hour), step, h, m;

	if (c->minute == all_min && c->hour == all_hour) {
		buf_adds(b, "every minute");
	} else if (nm * nh <= 4) {
		buf_adds(b, "at ");
		for (h = 0, nh = 0; h < 24; h++)
			for (m = 0; m < 60; m++)
				if ((c->hour >> h & 1) && (c->minute >> m & 1))
					buf_printf(b, "%s%02d:%02d", nh++ ? ", " : "", h, m);
	} else {
		if (c->minute == all_min)
			buf_adds(b, "every minute");
		else if ((step = even_step(c->minute, 0, 59)) != 0)
			buf_printf(b, "every %d minutes", step);
		else if (nm == 1)
			buf_printf(b, "at minute %d", lowest(c->minute));
		else {
			buf_adds(b, "at minutes ");
			add_set(b, c->minute, 0, 59, "-", name_num);
		}
		if (c->hour == all_hour)
			buf_adds(b, nm == 1 ? " of every hour" : "");
		else if ((step = even_step(c->hour, 0, 23)) != 0)
			buf_printf(b, " of every %d hours", step);
		else {
			buf_adds(b, nh == 1 ? " past hour " : " past hours ");
			add_set(b, c->hour, 0, 23, "-", name_num);
		}
	}
}

/* The day part: " on Monday", " on day 1 of the month", " in January". */
static void
describe_days(struct buf *b, const struct cron *c)
{
	uint32_t all_mday = 0xfffffffeu, all_wday = 0x7f, all_month = 0x1ffe;
	bool dom = c->mday != all_mday, dow = c->wday != all_wday;

	if (dom) {
		buf_adds(b, count_bits(c->mday) == 1 ? " on day " : " on days ");
		add_set(b, c->mday, 1, 31, "-", name_num);
		buf_adds(b, " of the month");
	}
	if (dom && dow)
		buf_adds(b, c->mday_star || c->wday_star ? " and" : " or");
	if (dow) {
		buf_adds(b, " on ");
		add_set(b, c->wday, 0, 6, " to ", name_day);
	}
	if (!dom && !dow && c->hour != (1u << 24) - 1)
		buf_adds(b, " every day");
	if (c->month != all_month) {
		buf_adds(b, " in ");
		add_set(b, c->month, 1, 12, " to ", name_month);
	}
}

char *
cron_describe(const struct cron *c)
{
	struct buf b = { 0 };

	describe_time(&b, c);
	describe_days(&b, c);
	return b.s;
}
