/*
 * The heading block of a report (see report_heading.h): the issuing body
 * from the configuration key `organisation`, the report's title and the
 * question it answers in the user's language, and the facts a reader of
 * a printed report needs: as of which day, which period, area and
 * filters, grouped by what, made when (local time, the system's time
 * zone) and by which integra.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "integra.h"
#include "i18n.h"
#include "labels.h"
#include "report_heading.h"

/* A text of the report in the user's language: through the plugin's
 * textdomain (ABI 1.1) or the core's. */
static const char *
heading_text(const struct integra_plugin *p, const char *s)
{
	if (s == NULL)
		return NULL;
	if (p == NULL)
		return _(s);
	if (p->size >= offsetof(struct integra_plugin, textdomain) +
	    sizeof(p->textdomain) && p->textdomain)
		return dgettext(p->textdomain, s);
	return s;
}

void
heading_date(const char *iso, char out[11])
{
	if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
		snprintf(out, 11, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, 11, "%s", iso);
}

/* Adds one fact; value is taken (freed by report_heading_free). */
static void
fact(struct report_heading *rh, const char *label, char *value)
{
	size_t n = rh->h.nfacts;

	if (n >= HEADING_FACTS) {
		free(value);
		return;
	}
	rh->labels[n] = label;
	rh->values[n] = rh->owned[n] = value;
	rh->h.nfacts++;
}

/* The period as "01.10.2021 – 31.12.2021", "from ...", "to ...", or NULL. */
static char *
heading_period(const char *from, const char *to)
{
	char f[11], t[11];
	struct buf b = { 0 };

	heading_date(from, f);
	heading_date(to, t);
	if (from[0] && to[0])
		buf_printf(&b, "%s – %s", f, t);
	else if (from[0])
		buf_printf(&b, _("from %s"), f);
	else if (to[0])
		buf_printf(&b, _("until %s"), t);
	return b.s;
}

/* The areas of the in-tree plugins, named in the heading's filters; an
 * out-of-tree plugin names its own with NC_("area", NAME) in its domain. */
static const char *const area_names[] = {
	NC_("area", "civil_service"), NC_("area", "decree"),
	NC_("area", "exercises"), NC_("area", "posts"),
	NC_("area", "procurement"),
};

/* The area as a person reads it: its name in context "area" through the
 * core's catalog or the textdomain of the plugin that owns it, else (and
 * in English) its identifier. */
static const char *
heading_area(struct ctx *ctx, const char *area)
{
	const struct integra_plugin *p;
	const char *t = area;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(area_names); i++)
		if (strcmp(area_names[i], area) == 0)
			t = C_("area", area_names[i]);
	if (t == area && (p = plugins_find(ctx, area, NULL)) != NULL &&
	    p->textdomain)
		t = i18n_dpgettext(p->textdomain, "area", area);
	return t;
}

/* The dimension as a person reads it: the core's name of a column so
 * called ("org": Organisation), else the translated label of the
 * report's column so called, else (English as well) the identifier. */
static const char *
heading_dimension(struct ctx *ctx, const struct heading_input *in)
{
	const struct integra_column *c = in->rep->columns;
	const char *t = label_name(ctx, in->by);

	if (strcmp(t, in->by) != 0)
		return t;
	for (; c && c->name; c++)
		if (strcmp(c->name, in->by) == 0 && c->label &&
		    strcmp(t = label_column(ctx, c), c->label) != 0)
			return t;
	return in->by;
}

/* The filters: area, overdue, within N days; NULL when none. */
static char *
heading_filters(struct ctx *ctx, const struct heading_input *in)
{
	struct buf b = { 0 };

	if (in->area)
		buf_printf(&b, _("area %s"), heading_area(ctx, in->area));
	if (in->overdue)
		buf_printf(&b, "%s%s", b.len ? "; " : "", _("overdue only"));
	if (in->within >= 0) {
		buf_adds(&b, b.len ? "; " : "");
		buf_printf(&b, P_("due within %d day", "due within %d days",
		    (unsigned long)in->within), (int)in->within);
	}
	return b.s;
}

/* Now in local time, "30.11.2026 03:41 EET". */
static char *
heading_made(void)
{
	char s[64];
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(s, sizeof(s), "%d.%m.%Y %H:%M %Z", &tm) == 0)
		return xstrdup("?");
	return xstrdup(s);
}

/* Fills rh from in; report_heading_free() releases it. */
void
report_heading_make(struct ctx *ctx, const struct heading_input *in,
    struct report_heading *rh)
{
	const char *org = ctx->cfg ? cfg_organisation(ctx->cfg) : NULL;
	char d[11], *s;

	memset(rh, 0, sizeof(*rh));
	rh->h.size = sizeof(rh->h);
	rh->h.organisation = org && org[0] ? org : NULL;
	rh->h.title = heading_text(in->plugin, in->rep->title ? in->rep->title :
	    in->rep->name);
	rh->h.summary = heading_text(in->plugin, in->rep->summary);
	rh->h.fact_labels = rh->labels;
	rh->h.fact_values = rh->values;
	rh->h.rows_label = _("Rows");
	if (in->as_of[0]) {
		heading_date(in->as_of, d);
		fact(rh, _("As of"), xstrdup(d));
	}
	if ((s = heading_period(in->from, in->to)) != NULL)
		fact(rh, _("Period"), s);
	if ((s = heading_filters(ctx, in)) != NULL)
		fact(rh, _("Filters"), s);
	if (strcmp(in->by, "none") != 0)
		fact(rh, _("By"), xstrdup(heading_dimension(ctx, in)));
	fact(rh, _("Made"), heading_made());
	fact(rh, _("Version"), xstrdup("integra " INTEGRA_VERSION));
}

void
report_heading_free(struct report_heading *rh)
{
	size_t i;

	for (i = 0; i < rh->h.nfacts; i++)
		free(rh->owned[i]);
	memset(rh, 0, sizeof(*rh));
}
