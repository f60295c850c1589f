/*
 * Terms of a decree's instructions and the date arithmetic behind their
 * due dates.  A term is "N days", "N weeks", "N months", "N years" (also
 * in Ukrainian: "2 місяці", "6 місяців", "10 днів", "1 рік"), optionally
 * after "within"/"протягом", or "immediately" (due on the base date) or
 * "none" (no due date).  Dates are days since 1970-01-01 in the proleptic
 * Gregorian calendar (H. Hinnant's algorithms).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decree_i18n.h"
#include "terms.h"

#define TERM_MAX_N	1200	/* a hundred years of months is plenty */

struct unit {
	const char *word;
	enum decree_term_kind kind;
	int factor;
};

static const struct unit units[] = {
	{ "day", DECREE_TERM_DAYS, 1 }, { "days", DECREE_TERM_DAYS, 1 },
	{ "день", DECREE_TERM_DAYS, 1 }, { "дні", DECREE_TERM_DAYS, 1 },
	{ "днів", DECREE_TERM_DAYS, 1 },
	{ "week", DECREE_TERM_DAYS, 7 }, { "weeks", DECREE_TERM_DAYS, 7 },
	{ "тиждень", DECREE_TERM_DAYS, 7 }, { "тижні", DECREE_TERM_DAYS, 7 },
	{ "тижнів", DECREE_TERM_DAYS, 7 },
	{ "month", DECREE_TERM_MONTHS, 1 }, { "months", DECREE_TERM_MONTHS, 1 },
	{ "місяць", DECREE_TERM_MONTHS, 1 }, { "місяці", DECREE_TERM_MONTHS, 1 },
	{ "місяців", DECREE_TERM_MONTHS, 1 },
	{ "year", DECREE_TERM_MONTHS, 12 }, { "years", DECREE_TERM_MONTHS, 12 },
	{ "рік", DECREE_TERM_MONTHS, 12 }, { "роки", DECREE_TERM_MONTHS, 12 },
	{ "років", DECREE_TERM_MONTHS, 12 },
	{ NULL, DECREE_TERM_NONE, 0 }
};

static const char *const none_words[] = {
	"none", "no term", "без строку", "без терміну", "-", "\u2014", NULL
};
static const char *const now_words[] = {
	"immediately", "at once", "невідкладно", "негайно", NULL
};
static const char *const lead_words[] = { "within ", "протягом ", "in ", NULL };

static int
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Copies text lower-cased (ASCII only), trimmed, with runs of blanks
 * made one space.  Returns -1 when it does not fit. */
static int
normalise(const char *text, char *out, size_t outlen)
{
	size_t n = 0;
	int blank = 0;

	for (; *text && isspace((unsigned char)*text); text++)
		;
	for (; *text; text++) {
		if (isspace((unsigned char)*text)) {
			blank = 1;
			continue;
		}
		if (blank && n > 0 && n + 1 < outlen)
			out[n++] = ' ';
		blank = 0;
		if (n + 1 >= outlen)
			return -1;
		out[n++] = (char)tolower((unsigned char)*text);
	}
	out[n] = '\0';
	return 0;
}

/* "N unit" after the optional leading word; 0 when it is one. */
static int
parse_count(const char *s, struct decree_term *out)
{
	const struct unit *u;
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &end, 10);
	if (*end != ' ' || n < 1 || n > TERM_MAX_N)
		return -1;
	for (u = units; u->word; u++) {
		if (strcmp(end + 1, u->word) == 0) {
			out->kind = u->kind;
			out->n = (int)n * u->factor;
			return 0;
		}
	}
	return -1;
}

int
decree_term_parse(const char *text, struct decree_term *out, char *err,
    size_t errlen)
{
	const char *const *lead;
	const char *s;
	char buf[128];

	out->kind = DECREE_TERM_NONE;
	out->n = 0;
	if (normalise(text, buf, sizeof(buf)) != 0 || buf[0] == '\0') {
		if (buf[0] == '\0')
			snprintf(err, errlen, _("term '%.60s' is empty (allowed: N "
			    "days, N weeks, N months, N years, immediately or none)"),
			    text);
		else
			snprintf(err, errlen, _("term '%.60s' is too long (allowed: "
			    "N days, N weeks, N months, N years, immediately or "
			    "none)"), text);
		return -1;
	}
	if (in_list(buf, none_words))
		return 0;
	if (in_list(buf, now_words)) {
		out->kind = DECREE_TERM_IMMEDIATE;
		return 0;
	}
	s = buf;
	for (lead = lead_words; *lead; lead++)
		if (strncmp(s, *lead, strlen(*lead)) == 0)
			s += strlen(*lead);
	if (parse_count(s, out) == 0)
		return 0;
	snprintf(err, errlen, _("unknown term '%s' (allowed: N days, N weeks, N "
	    "months, N years, immediately or none)"), text);
	return -1;
}

static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

static unsigned
month_days(long y, unsigned m)
{
	static const unsigned len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

int
decree_date_parse(const char *s, long *days)
{
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || (unsigned)d > month_days(y, (unsigned)m))
		return -1;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

void
decree_date_format(long days, char out[11])
{
	long y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000) % 10000u,
	    m % 100u, d % 100u);
}

long
decree_add_months(long days, int months)
{
	long y, total;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	total = y * 12 + (long)(m - 1) + months;
	y = total / 12;
	m = (unsigned)(total % 12) + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return days_from_civil(y, m, d);
}

int
decree_due(const char *base, const struct decree_term *t, char out[11])
{
	long days;

	out[0] = '\0';
	if (decree_date_parse(base, &days) != 0)
		return -1;
	switch (t->kind) {
	case DECREE_TERM_NONE:
		return 0;
	case DECREE_TERM_IMMEDIATE:
		break;
	case DECREE_TERM_DAYS:
		days += t->n;
		break;
	case DECREE_TERM_MONTHS:
		days = decree_add_months(days, t->n);
		break;
	}
	decree_date_format(days, out);
	return 0;
}

int
decree_csv_split(char *line, char **fields, int max)
{
	char *r = line, *w;
	int n = 0;

	for (;;) {
		if (n == max)
			return -1;
		fields[n++] = w = r;
		if (*r == '"') {
			for (r++;; r++) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"')
					*w++ = *r++;
				else if (*r == '"')
					break;
				else
					*w++ = *r;
			}
			r++;
			if (*r != ',' && *r != '\0')
				return -1;
		} else {
			while (*r && *r != ',')
				*w++ = *r++;
		}
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		*w = '\0';
		r++;
	}
}
