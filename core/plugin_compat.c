/*
 * Plugins built against an older minor version of the ABI.  A plugin of
 * ABI 1.0 has a smaller descriptor, and its field and column tables are
 * arrays of the 1.0 structs, whose stride is smaller than today's: read
 * with the current layout, their second entry would be read from the
 * middle of the first.  The loader hands such a plugin's descriptor to
 * plugin_compat(), which copies it, and those tables, into the current
 * layout (later members zero: no labels, no textdomain, totals as 1.0
 * said them); every other part of the host only ever sees current
 * structs.  The copies live as long as the object they were made from:
 * plugin_compat_release() frees them when it is unloaded.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "plugin_host.h"

/* struct integra_field as ABI 1.0 laid it out. */
struct integra_field_1_0 {
	const char *name;
	const char *label;
	enum integra_record_kind record;
	enum integra_type type;
	unsigned flags;
	const char *const *values;
	double min;
	double max;
	enum integra_ref ref;
	const char *help;
};

/* struct integra_column as ABI 1.0 laid it out. */
struct integra_column_1_0 {
	const char *name;
	enum integra_type type;
	unsigned flags;
};

/* One converted descriptor and the tables made for it. */
struct compat {
	const void *dl;		/* the object it was made from */
	struct integra_plugin *p;
	struct integra_field *fields;
	struct integra_report *reports;
	struct integra_column **columns;	/* one array per report */
	size_t nreports;
	struct compat *next;
};

static struct compat *compats;

/* The entries of a table whose first member is a name, up to the entry
 * whose name is NULL; stride is the size of an entry. */
static size_t
table_len(const void *table, size_t stride)
{
	const char *p = table;
	size_t n = 0;

	while (p && *(const char *const *)(const void *)(p + n * stride) != NULL)
		n++;
	return n;
}

/* The fields of a 1.0 table in the current layout, or NULL for none. */
static struct integra_field *
convert_fields(const struct integra_field_1_0 *old)
{
	size_t n = table_len(old, sizeof(*old)), i;
	struct integra_field *f;

	if (old == NULL)
		return NULL;
	f = xcalloc(n + 1, sizeof(*f));
	for (i = 0; i < n; i++)
		f[i] = (struct integra_field){ .name = old[i].name,
		    .label = old[i].label, .record = old[i].record,
		    .type = old[i].type, .flags = old[i].flags,
		    .values = old[i].values, .min = old[i].min, .max = old[i].max,
		    .ref = old[i].ref, .help = old[i].help };
	return f;
}

/* The columns of a 1.0 table in the current layout, or NULL for none. */
static struct integra_column *
convert_columns(const struct integra_column_1_0 *old)
{
	size_t n = table_len(old, sizeof(*old)), i;
	struct integra_column *c;

	if (old == NULL)
		return NULL;
	c = xcalloc(n + 1, sizeof(*c));
	for (i = 0; i < n; i++)
		c[i] = (struct integra_column){ .name = old[i].name,
		    .type = old[i].type, .flags = old[i].flags };
	return c;
}

/* The reports of a 1.0 plugin with their column tables converted. */
static void
convert_reports(struct compat *c, const struct integra_report *old)
{
	size_t n = table_len(old, sizeof(*old)), i;

	if (old == NULL)
		return;
	c->reports = xcalloc(n + 1, sizeof(*c->reports));
	c->columns = xcalloc(n + 1, sizeof(*c->columns));
	c->nreports = n;
	for (i = 0; i < n; i++) {
		c->reports[i] = old[i];
		c->columns[i] = convert_columns((const void *)old[i].columns);
		c->reports[i].columns = c->columns[i];
	}
}

/*
 * The descriptor p of the object dl in the current layout: p itself when
 * it is current, else a copy (the first p->size bytes; the members it
 * does not have are zero) whose field and column tables are converted
 * when the plugin was built against ABI 1.0.  The caller has checked the
 * magic, the major version and that size covers ABI 1.0's descriptor.
 */
const struct integra_plugin *
plugin_compat(const void *dl, const struct integra_plugin *p)
{
	struct compat *c;

	if (p->abi_minor >= 1 && p->size >= sizeof(*p))
		return p;
	c = xcalloc(1, sizeof(*c));
	c->dl = dl;
	c->p = xcalloc(1, sizeof(*c->p));
	memcpy(c->p, p, p->size < sizeof(*p) ? p->size : sizeof(*p));
	c->p->size = sizeof(*p);
	if (p->abi_minor == 0) {
		c->fields = convert_fields((const void *)p->fields);
		c->p->fields = c->fields;
		convert_reports(c, p->reports);
		c->p->reports = c->reports;
	}
	c->next = compats;
	compats = c;
	return c->p;
}

/* Frees the converted descriptors made for the object dl. */
void
plugin_compat_release(const void *dl)
{
	struct compat **pp = &compats, *c;
	size_t i;

	while ((c = *pp) != NULL) {
		if (c->dl != dl) {
			pp = &c->next;
			continue;
		}
		*pp = c->next;
		for (i = 0; i < c->nreports; i++)
			free(c->columns[i]);
		free(c->columns);
		free(c->reports);
		free(c->fields);
		free(c->p);
		free(c);
	}
}
