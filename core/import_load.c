/*
 * The loaders of organisations, people and programmes: each checks a row
 * by the rules of its record (validate.c, rules_programme.c), resolves
 * its references through the key maps and adds the row, or changes the
 * stored one with the same key when its values differ.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "rules.h"

const char *const import_org_cols[] = { "code", "name", "kind", "region", "parent",
	"edrpou", NULL };

/* Prepares the statements that add or change an organisation. */
int
import_org_prepare(struct import *imp)
{
	static const char *const cols[] = { "code", "name", "kind", "region",
		"parent_id", "edrpou", NULL };
	static const char *const exprs[] = { NULL, NULL, "coalesce(@, 'other')",
		NULL, "nullif(@, 0)", NULL };
	bool present[] = { false, true, imp_has(imp, O_KIND), imp_has(imp, O_REGION),
		imp_has(imp, O_PARENT), imp_has(imp, O_EDRPOU) };

	return imp_prepare_pair(imp, "organisation", cols, exprs, present);
}

/* True when making `parent` the parent of `id` would close a loop. */
static int
org_loop(struct import *imp, int64_t id, int64_t parent, bool *loop)
{
	int64_t n = 0;
	int rc;

	rc = db_query_int(imp->ctx, &n, "WITH RECURSIVE up(id) AS (SELECT CAST(? AS BIGINT) UNION "
	    "SELECT o.parent_id FROM organisation o JOIN up ON o.id = up.id "
	    "WHERE o.parent_id IS NOT NULL) SELECT count(*) FROM up WHERE id = ?",
	    "ii", parent, id);
	*loop = n > 0;
	return rc;
}

/* Checks and stores one row of organisations. */
int
import_org_row(struct import *imp)
{
	const char *code = imp_need(imp, O_CODE), *name = imp_need(imp, O_NAME);
	const char *r = imp_val(imp, O_REGION), *region = NULL, *kind;
	struct keymap_slot *s;
	int64_t parent, id;
	bool loop = false;
	int rc;

	imp_code(imp, O_CODE, "organisation code", code);
	imp_text(imp, O_NAME, "organisation name", name);
	kind = imp_enum(imp, O_KIND, "organisation kind", org_kinds, NULL);
	if (r)
		imp_check(imp, O_REGION, r, check_region(imp->ctx, r, &region));
	if ((rc = import_edrpou(imp, O_EDRPOU, code)) != 0 ||
	    (rc = imp_org(imp, O_PARENT, &parent)) != 0 ||
	    (rc = imp_load_orgs(imp)) != 0 || imp->bad ||
	    imp_once(imp, "code", code, code, strlen(code)))
		return rc;
	s = keymap_get(&imp->orgs, code);
	id = s ? s->id : 0;
	if (id && parent && (rc = org_loop(imp, id, parent, &loop)) != 0)
		return rc;
	if (loop || (id && id == parent)) {
		imp_report(imp, "parent", imp_val(imp, O_PARENT), "that organisation is inside "
		    "this one (a loop)");
		return 0;
	}
	return imp_save(imp, &imp->orgs, code, id, NULL, "ttttit", code, name, kind,
	    region, parent, imp_val(imp, O_EDRPOU));
}

const char *const import_person_cols[] = { "key", "name", "org", "position",
	"service", "category", NULL };

/* Prepares the statements that add or change a person. */
int
import_person_prepare(struct import *imp)
{
	static const char *const cols[] = { "key", "name", "org_id", "position",
		"service", "category", NULL };
	static const char *const exprs[] = { NULL, NULL, "nullif(@, 0)", NULL, NULL,
		NULL };
	bool present[] = { false, true, imp_has(imp, P_ORG), imp_has(imp, P_POSITION),
		imp_has(imp, P_SERVICE), imp_has(imp, P_CATEGORY) };

	return imp_prepare_pair(imp, "person", cols, exprs, present);
}

/* Checks and stores one row of people. */
int
import_person_row(struct import *imp)
{
	const char *key = imp_need(imp, P_KEY), *name = imp_need(imp, P_NAME);
	const char *pos = imp_val(imp, P_POSITION), *cat = imp_val(imp, P_CATEGORY);
	const char *service;
	struct keymap_slot *s;
	int64_t org;
	int rc;

	imp_code(imp, P_KEY, "person key", key);
	imp_text(imp, P_NAME, "person name", name);
	imp_text(imp, P_POSITION, "position", pos);
	service = imp_enum(imp, P_SERVICE, "service", person_services, NULL);
	if (cat && service && strcmp(service, "civil-service") == 0) {
		imp_check(imp, P_CATEGORY, cat, check_enum(imp->ctx,
		    "civil service category", cat, civil_categories));
	} else {
		imp_text(imp, P_CATEGORY, "category", cat);
	}
	if ((rc = imp_load_people(imp)) != 0 ||
	    (rc = imp_org(imp, P_ORG, &org)) != 0 || imp->bad ||
	    imp_once(imp, "key", key, key, strlen(key)))
		return rc;
	s = keymap_get(&imp->people, key);
	return imp_save(imp, &imp->people, key, s ? s->id : 0, NULL, "ttittt", key,
	    name, org, pos, service, cat);
}

const char *const import_programme_cols[] = { "area", "code", "title", "owner",
	"start", "end", "due", "status", NULL };

/* Prepares the statements that add or change a programme, and the
 * read of its stored fields. */
int
import_programme_prepare(struct import *imp)
{
	static const char *const cols[] = { "area", "code", "title", "owner_id",
		"start", "\"end\"", "due", "status", "fields", NULL };
	static const char *const exprs[] = { NULL, NULL, NULL, "nullif(@, 0)", NULL,
		NULL, NULL, "coalesce(@, 'planned')", NULL };
	bool present[] = { false, false, true, imp_has(imp, G_OWNER), imp_has(imp, G_START),
		imp_has(imp, G_END), imp_has(imp, G_DUE), imp_has(imp, G_STATUS), true };

	int rc;

	if ((rc = db_prepare(imp->ctx, &imp->find,
	    "SELECT fields FROM programme WHERE id = ?")) != 0)
		return rc;
	return imp_prepare_pair(imp, "programme", cols, exprs, present);
}

/* The area of a programme row: the column or --area; checked.  With no
 * plugin loaded at all, any area name is taken as it is. */
static const char *
programme_area(struct import *imp)
{
	const struct integra_plugin *pl;
	const char *area = imp_val(imp, G_AREA);

	if (area == NULL && imp->area)
		return imp->area;
	if (area == NULL)
		return imp_need(imp, G_AREA);
	if (imp->area && strcmp(area, imp->area) != 0) {
		imp_report(imp, "area", area, "differs from --area");
		return NULL;
	}
	if (!text_is_ident(area, 32))
		imp_report(imp, "area", area, "not an area name (lower-case letters, "
		    "digits and _)");
	else if (plugins_count(imp->ctx) > 0)
		imp_check(imp, G_AREA, area, programme_area_plugin(imp->ctx, area, &pl));
	return area;
}

/* Finds the fields of record `id` with imp->find; NULL for none. */
static int
old_fields(struct import *imp, int64_t id, char **out)
{
	int rc;

	*out = NULL;
	if (id == 0)
		return 0;
	dbst_bind_int(imp->find, 1, id);
	if ((rc = dbst_step(imp->find)) == DB_ROW)
		*out = xstrdup(dbst_text(imp->find, 0));
	dbst_reset(imp->find);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_error(imp->ctx, "cannot read a programme");
}

/* Checks the values of a programme row by the programme rules into v, in
 * the order of record_core_names(); status as the file gives it, in
 * v[PROG_N]. */
static void
programme_values(struct import *imp, const char **v, char dates[3][11])
{
	static const char *const names[] = { "start", "end", "due" };
	struct ctx *ctx = imp->ctx;
	int i;

	v[PROG_AREA] = programme_area(imp);
	v[PROG_CODE] = imp_need(imp, G_CODE);
	v[PROG_TITLE] = imp_need(imp, G_TITLE);
	v[PROG_OWNER] = imp_val(imp, G_OWNER);
	if (v[PROG_CODE])
		imp_check(imp, G_CODE, v[PROG_CODE], programme_check(ctx, PROG_CODE,
		    v[PROG_CODE]));
	if (v[PROG_TITLE])
		imp_check(imp, G_TITLE, v[PROG_TITLE], programme_check(ctx, PROG_TITLE,
		    v[PROG_TITLE]));
	for (i = 0; i < 3; i++)
		v[PROG_START + i] = imp_date(imp, G_START + i, names[i], dates[i]);
	imp_check(imp, G_END, imp_val(imp, G_END), rules_order(ctx, "programme",
	    v[PROG_CODE] ? v[PROG_CODE] : "", v[PROG_START], v[PROG_END]));
	v[PROG_N] = imp_val(imp, G_STATUS);
	v[PROG_STATUS] = v[PROG_N] ? v[PROG_N] : "planned";
	if (v[PROG_N])
		imp_check(imp, G_STATUS, v[PROG_N], programme_check(ctx, PROG_STATUS,
		    v[PROG_N]));
}

/* Checks and stores one row of programmes, its area columns merged into
 * the stored fields. */
int
import_programme_row(struct import *imp)
{
	const char *v[PROG_N + 1];
	char dates[3][11], *old = NULL, *json = NULL;
	struct keymap_slot *s;
	int64_t owner, id = 0;
	int rc;

	programme_values(imp, v, dates);
	if ((rc = imp_org(imp, G_OWNER, &owner)) != 0 || (rc = imp_load_programmes(imp)) != 0)
		return rc;
	if (imp->bad)
		return 0;
	s = keymap_get(&imp->programmes, v[PROG_CODE]);
	if (s && strcmp(s->extra, v[PROG_AREA]) != 0) {
		imp_report(imp, "area", v[PROG_AREA], "the programme exists in another area");
		return 0;
	}
	id = s ? s->id : 0;
	if ((rc = old_fields(imp, id, &old)) != 0)
		return rc;
	imp_fields(imp, v[PROG_AREA], old, v, &json);
	if (!imp->bad && !imp_once(imp, "code", v[PROG_CODE], v[PROG_CODE],
	    strlen(v[PROG_CODE])))
		rc = imp_save(imp, &imp->programmes, v[PROG_CODE], id, v[PROG_AREA],
		    "tttittttt", v[PROG_AREA], v[PROG_CODE], v[PROG_TITLE], owner,
		    v[PROG_START], v[PROG_END], v[PROG_DUE], v[PROG_N], json);
	free(old);
	free(json);
	return rc;
}
