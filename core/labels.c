/*
 * Labels of the human formats: the headers of the core's columns and the
 * names of the core's enumeration values, each a message in the catalog
 * with its context ("column" for a header, the column's name for a
 * value), so that English shows the identifiers as they are and Ukrainian
 * shows words; and the same through the plugins' textdomains, for their
 * column labels and the value_labels of their enumerated fields.  The
 * tables below are what xgettext extracts and what may be translated:
 * nothing else typed in a cell is.
 */
#include <string.h>

#include "integra.h"
#include "labels.h"

/* The core's column identifiers, as the lists, reports and `show` name
 * them. */
static const char *const core_columns[] = {
	NC_("column", "code"), NC_("column", "name"), NC_("column", "kind"),
	NC_("column", "region"), NC_("column", "parent"), NC_("column", "key"),
	NC_("column", "org"), NC_("column", "org_name"), NC_("column", "position"),
	NC_("column", "service"), NC_("column", "category"), NC_("column", "area"),
	NC_("column", "title"), NC_("column", "owner"), NC_("column", "start"),
	NC_("column", "end"), NC_("column", "due"), NC_("column", "status"),
	NC_("column", "activities"), NC_("column", "activity"),
	NC_("column", "participation"), NC_("column", "participations"),
	NC_("column", "participant"), NC_("column", "participants"),
	NC_("column", "completed"), NC_("column", "programme"),
	NC_("column", "programmes"), NC_("column", "role"),
	NC_("column", "status_date"), NC_("column", "hours"),
	NC_("column", "credits"), NC_("column", "result"), NC_("column", "fields"),
	NC_("column", "location"), NC_("column", "capacity"), NC_("column", "at"),
	NC_("column", "os_user"), NC_("column", "command"), NC_("column", "entity"),
	NC_("column", "entity_key"), NC_("column", "action"), NC_("column", "old"),
	NC_("column", "new"), NC_("column", "summary"), NC_("column", "dimensions"),
	NC_("column", "people"), NC_("column", "share_pct"),
	NC_("column", "days_late"), NC_("column", "most_days_late"),
	NC_("column", "overdue"), NC_("column", "outstanding"), NC_("column", "open"),
	NC_("column", "nominated"), NC_("column", "enrolled"),
	NC_("column", "attended"), NC_("column", "failed"),
	NC_("column", "withdrawn"), NC_("column", "month"), NC_("column", "item"),
	NC_("column", "detail"), NC_("column", "value"), NC_("column", "duration"),
	NC_("column", "participant_kind"), NC_("column", "schedule"),
	NC_("column", "last_run"), NC_("column", "next_run"),
	NC_("column", "outcome"), NC_("column", "output"), NC_("column", "report"),
	NC_("column", "format"), NC_("column", "when"), NC_("column", "version"),
	NC_("column", "file"), NC_("column", "abi"), NC_("column", "year"),
	NC_("column", "n"), NC_("column", "id"), NC_("column", "total"),
	NC_("column", "bytes"), NC_("column", "rows"), NC_("column", "error"),
	NC_("column", "job"), NC_("column", "path"), NC_("column", "reports"),
	NC_("column", "commands"), NC_("column", "scheduled"),
	NC_("column", "started"), NC_("column", "sha256"), NC_("column", "person"),
	NC_("column", "period"), NC_("column", "target"), NC_("column", "share"),
	NC_("column", "met"), NC_("column", "completions"),
	NC_("column", "responsible"), NC_("column", "body"),
	NC_("column", "edrpou"), NC_("column", "programme_title"),
	NC_("column", "activity_title"), NC_("column", "quota"),
	NC_("column", "used"), NC_("column", "free"), NC_("column", "approved"),
	NC_("column", "state"), NC_("column", "nominated_by"),
	NC_("column", "approved_by"), NC_("column", "decided"),
	NC_("column", "decided_by"), NC_("column", "reason"),
	NULL
};

/* The kinds of record, as messages such as "no %s '%s'" name them. */
static const char *const records[] = {
	NC_("record", "organisation"), NC_("record", "person"),
	NC_("record", "programme"), NC_("record", "activity"),
	NC_("record", "participation"), NULL
};

/* An enumeration: the values of the columns called column. */
struct enum_labels {
	const char *column;
	const char *const *values;
};

static const char *const statuses[] = {
	NC_("status", "planned"), NC_("status", "active"),
	NC_("status", "completed"), NC_("status", "cancelled"),
	NC_("status", "nominated"), NC_("status", "enrolled"),
	NC_("status", "attended"), NC_("status", "failed"),
	NC_("status", "withdrawn"), NULL
};
static const char *const kinds[] = {
	NC_("kind", "ministry"), NC_("kind", "agency"), NC_("kind", "government"),
	NC_("kind", "oblast-administration"), NC_("kind", "local-council"),
	NC_("kind", "military-unit"), NC_("kind", "education-provider"),
	NC_("kind", "other"), NC_("kind", "person"), NC_("kind", "organisation"),
	NULL
};
static const char *const participant_kinds[] = {
	NC_("participant_kind", "person"), NC_("participant_kind", "organisation"),
	NULL
};
static const char *const services[] = {
	NC_("service", "civil-service"), NC_("service", "local-self-government"),
	NC_("service", "military"), NC_("service", "other"), NULL
};
static const char *const roles[] = {
	NC_("role", "participant"), NC_("role", "trainer"), NULL
};
static const char *const entities[] = {
	NC_("entity", "organisation"), NC_("entity", "person"),
	NC_("entity", "programme"), NC_("entity", "activity"),
	NC_("entity", "participation"), NC_("entity", "plugin"), NULL
};
static const char *const actions[] = {
	NC_("action", "add"), NC_("action", "change"), NC_("action", "remove"),
	NC_("action", "correct"), NULL
};
static const char *const items[] = {
	NC_("item", "database"), NC_("item", "schema"),
	NC_("item", "organisations"), NC_("item", "people"),
	NC_("item", "programmes"), NC_("item", "activities"),
	NC_("item", "participation"), NC_("item", "audit rows"),
	NC_("item", "plugin"), NC_("item", "configuration"), NULL
};

static const char *const states[] = {
	NC_("state", "nominated"), NC_("state", "approved"),
	NC_("state", "enrolled"), NC_("state", "rejected"), NULL
};
static const struct enum_labels enums[] = {
	{ .column = "state", .values = states },
	{ .column = "status", .values = statuses },
	{ .column = "kind", .values = kinds },
	{ .column = "participant_kind", .values = participant_kinds },
	{ .column = "service", .values = services },
	{ .column = "role", .values = roles },
	{ .column = "entity", .values = entities },
	{ .column = "action", .values = actions },
	{ .column = "item", .values = items },
	{ .column = "record", .values = records },
};

/* The entry of list equal to the n bytes of s, or NULL. */
static const char *
find(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return *list;
	return NULL;
}

/* The header of a column called name with no label of its own: the
 * core's label when name is one of the core's columns, else name. */
const char *
label_name(struct ctx *ctx, const char *name)
{
	const char *known;

	(void)ctx;
	if (name == NULL || (known = find(core_columns, name, strlen(name))) == NULL)
		return name;
	return C_("column", known);
}

/* A string the plugins declared, translated through the first textdomain
 * of a loaded plugin that has it. */
static const char *
plugins_text(struct ctx *ctx, const char *s)
{
	if (s == NULL || *s == '\0')
		return s;
	const struct integra_plugin *p;
	const char *t;
	size_t i, n = plugins_count(ctx);

	for (i = 0; i < n; i++) {
		p = plugins_get(ctx, i);
		if (p->textdomain && (t = i18n_dgettext(p->textdomain, s)) != s &&
		    strcmp(t, s) != 0)
			return t;
	}
	return s;
}

/* A title or summary, the core's or a plugin's, translated. */
const char *
label_text(struct ctx *ctx, const char *s)
{
	const char *t = i18n_text(s);

	return t != s ? t : plugins_text(ctx, s);
}

/* The header of column c. */
const char *
label_column(struct ctx *ctx, const struct integra_column *c)
{
	const char *t;

	if (c->label == NULL || *c->label == '\0')
		return label_name(ctx, c->name);
	if ((t = gettext(c->label)) != c->label && strcmp(t, c->label) != 0)
		return t;
	return plugins_text(ctx, c->label);
}

/* The value_label of a plugin's enumerated field called column for
 * value, translated; NULL when no plugin declares one. */
static const char *
plugins_value(struct ctx *ctx, const char *column, const char *value, size_t n)
{
	const struct integra_plugin *p;
	const struct integra_field *f;
	const char *hit;
	size_t i, k, np = plugins_count(ctx);

	for (i = 0; i < np; i++) {
		p = plugins_get(ctx, i);
		for (f = p->fields; f && f->name; f++) {
			if (f->type != INTEGRA_ENUM || f->value_labels == NULL ||
			    strcmp(f->name, column) != 0 ||
			    (hit = find(f->values, value, n)) == NULL)
				continue;
			for (k = 0; f->values[k] != hit; k++)
				;
			return f->value_labels[k] ?
			    label_plugin(p, f->value_labels[k]) : NULL;
		}
	}
	return NULL;
}

/* True when the values of a column called column may have names
 * (label_value() would look them up): a core enumeration, a plugin's
 * enumerated field with value_labels, the summaries of `report list`. */
bool
label_has_values(struct ctx *ctx, const char *column)
{
	const struct integra_field *f;
	size_t i;

	if (column == NULL)
		return false;
	if (strcmp(column, "summary") == 0 || strcmp(column, "detail") == 0 ||
	    strcmp(column, "warning") == 0)
		return true;
	for (i = 0; i < ARRAY_SIZE(enums); i++)
		if (strcmp(enums[i].column, column) == 0)
			return true;
	for (i = 0; ctx && i < plugins_count(ctx); i++)
		for (f = plugins_get(ctx, i)->fields; f && f->name; f++)
			if (f->value_labels && strcmp(f->name, column) == 0)
				return true;
	return false;
}

/* A detail of `integra status`: a status named, "AREA STATUS" as one
 * translated phrase, anything else (a schema's component) as it is.  The
 * phrase is kept until the next call. */
static const char *
label_detail(const char *value, size_t n)
{
	static char phrase[256];
	const char *sp = memchr(value, ' ', n), *known;

	if ((known = find(statuses, value, n)) != NULL)
		return i18n_pgettext("status", known);
	if (sp == NULL || (known = find(statuses, sp + 1,
	    n - (size_t)(sp + 1 - value))) == NULL)
		return value;
	/* TRANSLATORS: a line of `integra status`: the programmes of an
	 * area (an identifier) with a status: "area civil_service: planned" */
	snprintf(phrase, sizeof(phrase), _("area %.*s: %s"), (int)(sp - value),
	    value, i18n_pgettext("status", known));
	return phrase;
}

/* A value of a column whose values are identifiers named by messages in
 * the context of the column's name ("warning": the warnings a plugin's
 * report gives, NC_("warning", "self-education-over-cap")): through the
 * core's catalog, then the plugins' textdomains; value when none has it. */
static const char *
context_value(struct ctx *ctx, const char *column, const char *value)
{
	const char *t = i18n_pgettext(column, value);
	size_t i;

	for (i = 0; t == value && ctx && i < plugins_count(ctx); i++)
		t = i18n_dpgettext(plugins_get(ctx, i)->textdomain, column, value);
	return t;
}

/* The name of value in column, translated, or value itself. */
const char *
label_value(struct ctx *ctx, const char *column, const char *value, size_t n)
{
	const char *known, *t;
	size_t i;

	if (column == NULL || value == NULL)
		return value;
	if (n == 0)
		n = strlen(value);
	if (strcmp(column, "summary") == 0 && value[n] == '\0')
		return label_text(ctx, value);
	if (strcmp(column, "detail") == 0)
		return label_detail(value, n);
	if (strcmp(column, "warning") == 0 && value[n] == '\0')
		return context_value(ctx, column, value);
	for (i = 0; i < ARRAY_SIZE(enums); i++)
		if (strcmp(enums[i].column, column) == 0 &&
		    (known = find(enums[i].values, value, n)) != NULL)
			return i18n_pgettext(column, known);
	if (ctx && (t = plugins_value(ctx, column, value, n)) != NULL)
		return t;
	return value;
}

/* A plugin's string translated through its textdomain. */
const char *
label_plugin(const struct integra_plugin *p, const char *s)
{
	return p ? i18n_dgettext(p->textdomain, s) : s;
}
