/*
 * Calendar rules of recurring duties (see recur.h): the kind word, then a
 * day ("quarterly 25", "monthly 10") or a day and month ("yearly 15.09").
 * February counts 29 days, so "yearly 29.02" is accepted (it falls due in
 * leap years) while "yearly 31.02" can never fire and is refused.
 */
#include <stdio.h>
#include <string.h>

#include "decree_i18n.h"
#include "recur.h"
#include "terms.h"

#define ALL_MONTHS	0xfffu
#define QUARTER_ENDS	((1u << 2) | (1u << 5) | (1u << 8) | (1u << 11))

enum recur_kind { RECUR_YEARLY, RECUR_QUARTERLY, RECUR_MONTHLY };

struct recur_word {
	const char *word;
	enum recur_kind kind;
};

static const struct recur_word recur_words[] = {
	{ "yearly", RECUR_YEARLY }, { "annually", RECUR_YEARLY },
	{ "щороку", RECUR_YEARLY }, { "щорічно", RECUR_YEARLY },
	{ "quarterly", RECUR_QUARTERLY }, { "щокварталу", RECUR_QUARTERLY },
	{ "щоквартально", RECUR_QUARTERLY },
	{ "monthly", RECUR_MONTHLY }, { "щомісяця", RECUR_MONTHLY },
	{ "щомісячно", RECUR_MONTHLY },
	{ NULL, RECUR_YEARLY }
};

/* The months as a reason names the one that lacks a day. */
static const char *const month_names[] = {
	N_("in January"), N_("in February"), N_("in March"), N_("in April"),
	N_("in May"), N_("in June"), N_("in July"), N_("in August"),
	N_("in September"), N_("in October"), N_("in November"),
	N_("in December")
};

/* The most days month m (1..12) ever has: February 29. */
static int
max_days(int m)
{
	static const int len[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return len[m - 1];
}

/* The kind word at the start of s; *rest after it and its blanks. */
static int
recur_kind(const char *s, enum recur_kind *kind, const char **rest)
{
	const struct recur_word *w;
	size_t n;

	for (w = recur_words; w->word; w++) {
		n = strlen(w->word);
		if (strncmp(s, w->word, n) == 0 && (s[n] == ' ' || s[n] == '\t')) {
			*kind = w->kind;
			for (s += n; *s == ' ' || *s == '\t'; s++)
				;
			*rest = s;
			return 0;
		}
	}
	return -1;
}

/* The day, and for a yearly rule the month, after the kind word. */
static int
recur_when(enum recur_kind kind, const char *s, struct decree_recur *out)
{
	int d, m, n = 0;

	if (kind == RECUR_YEARLY) {
		if (sscanf(s, "%2d.%2d%n", &d, &m, &n) != 2 || s[n] != '\0' ||
		    m < 1 || m > 12)
			return -1;
		out->months = 1u << (m - 1);
	} else {
		if (sscanf(s, "%2d%n", &d, &n) != 1 || s[n] != '\0')
			return -1;
		out->months = kind == RECUR_QUARTERLY ? QUARTER_ENDS : ALL_MONTHS;
	}
	if (d < 1 || d > 31)
		return -1;
	out->day = d;
	return 0;
}

/* Parses a rule and refuses a day its months do not all have. */
int
decree_recur_parse(const char *text, struct decree_recur *out, char *err,
    size_t errlen)
{
	enum recur_kind kind;
	const char *rest;
	int m;

	if (recur_kind(text, &kind, &rest) != 0 || recur_when(kind, rest, out) != 0) {
		snprintf(err, errlen, _("unknown recurrence '%s' (allowed: yearly "
		    "DD.MM, quarterly DD, monthly DD)"), text);
		return -1;
	}
	for (m = 1; m <= 12; m++) {
		if (!(out->months & (1u << (m - 1))) || out->day <= max_days(m))
			continue;
		if (kind == RECUR_YEARLY)
			snprintf(err, errlen, _("recurrence '%s' can never fall "
			    "due: there is no day %d %s"), text, out->day,
			    _(month_names[m - 1]));
		else
			snprintf(err, errlen, _("recurrence '%s' would skip months: "
			    "there is no day %d %s (allowed: a day every month of "
			    "the rule has)"), text, out->day, _(month_names[m - 1]));
		return -1;
	}
	return 0;
}

/* Whether an ISO date is an occurrence of the rule. */
int
decree_recur_is_due(const struct decree_recur *r, const char *iso)
{
	long days;
	int m, d;

	if (decree_date_parse(iso, &days) != 0 ||
	    sscanf(iso + 5, "%2d-%2d", &m, &d) != 2)
		return 0;
	return (r->months & (1u << (m - 1))) != 0 && d == r->day;
}
