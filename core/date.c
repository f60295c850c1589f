/*
 * Civil dates: parsing what users type (2021-07-23 or 23.07.2021),
 * rejecting impossible dates, ISO output, and the month arithmetic of
 * legal terms (31 August + 1 month is 30 September).  A date is held as
 * the number of days since 1970-01-01 in the proleptic Gregorian calendar.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "integra.h"

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool
date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
int32_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads exactly n digits at s into *out. */
static bool
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Reads YYYY-MM-DD or DD.MM.YYYY (D.M.YYYY too) into its parts, not
 * yet checked against the calendar; false for any other text. */
static bool
parse_ymd(const char *s, int *y, int *m, int *d)
{
	size_t n = strlen(s);
	const char *dot1, *dot2;

	if (n == 10 && s[4] == '-' && s[7] == '-')
		return digits(s, 4, y) && digits(s + 5, 2, m) && digits(s + 8, 2, d);
	/* The common DD.MM.YYYY first; anything else takes the general way. */
	if (n == 10 && s[2] == '.' && s[5] == '.' && digits(s, 2, d) &&
	    digits(s + 3, 2, m) && digits(s + 6, 4, y))
		return true;
	dot1 = strchr(s, '.');
	dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	return dot1 && dot2 && dot1 - s >= 1 && dot1 - s <= 2 &&
	    dot2 - dot1 - 1 >= 1 && dot2 - dot1 - 1 <= 2 && strlen(dot2 + 1) == 4 &&
	    digits(s, (int)(dot1 - s), d) &&
	    digits(dot1 + 1, (int)(dot2 - dot1 - 1), m) && digits(dot2 + 1, 4, y);
}

/* Parses YYYY-MM-DD or DD.MM.YYYY (D.M.YYYY too); ERR_INVALID otherwise. */
int
date_parse(const char *s, int32_t *days_out)
{
	int y, m, d;

	if (!parse_ymd(s, &y, &m, &d) || !date_valid(y, m, d))
		return ERR_INVALID;
	*days_out = date_from_ymd(y, m, d);
	return 0;
}

/* Writes YYYY-MM-DD (each part cut to its width) and a NUL. */
static void
format_ymd(unsigned y, unsigned m, unsigned d, char out[11])
{
	y %= 10000u;
	m %= 100u;
	d %= 100u;
	out[0] = (char)('0' + y / 1000u);
	out[1] = (char)('0' + y / 100u % 10u);
	out[2] = (char)('0' + y / 10u % 10u);
	out[3] = (char)('0' + y % 10u);
	out[4] = '-';
	out[5] = (char)('0' + m / 10u);
	out[6] = (char)('0' + m % 10u);
	out[7] = '-';
	out[8] = (char)('0' + d / 10u);
	out[9] = (char)('0' + d % 10u);
	out[10] = '\0';
}

void
date_format(int32_t days, char out[11])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	format_ymd((unsigned)y, (unsigned)m, (unsigned)d, out);
}

/* Adds months as a lawyer counts them: the same day of the later month,
 * or that month's last day when it is shorter. */
int32_t
date_add_months(int32_t days, int months)
{
	int y, m, d, total;

	date_to_ymd(days, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return date_from_ymd(y, m, d);
}

/* Today in local time. */
int32_t
date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Parses a user's date for field `what` into ISO text, or sets an error
 * that names the field and the value. */
int
date_normalise(struct ctx *ctx, const char *what, const char *in, char out[11])
{
	int y, m, d;

	/* A valid date's parts are its ISO text: no round trip through days. */
	if (!parse_ymd(in, &y, &m, &d) || !date_valid(y, m, d))
		return error_set(ctx, ERR_INVALID,
		    "invalid date for %s: '%s' (expected YYYY-MM-DD or DD.MM.YYYY, a real calendar day)",
		    what, in);
	format_ymd((unsigned)y, (unsigned)m, (unsigned)d, out);
	return 0;
}
