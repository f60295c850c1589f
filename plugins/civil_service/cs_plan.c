/*
 * Individual development programmes: for each civil servant or local
 * self-government official and year, the planned items, each a programme
 * of the register or free text with its kind and planned credits, and a
 * status (planned, done, not-done).  The command `integra civil_service
 * plan add|show|close|import` and the plugin's table civil_service_plan.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs.h"

/* An option of a plan verb and the value given. */
struct opt {
	const char *name;
	const char *val;
};

/* One plan item as given on the command line or in a CSV row. */
struct item {
	const char *person, *year, *programme, *topic, *kind, *length, *content;
	const char *credits;
};

/* What a programme of the register gives a plan item. */
struct prog {
	int64_t id;
	char title[256], kind[CS_NAME_MAX], length[CS_NAME_MAX], content[CS_NAME_MAX];
	double credits;
};

int
cs_migrate(const struct integra_host *h, uint32_t from, uint32_t to)
{
	int rc;

	if (from < 1 && to >= 1) {
		if ((rc = api->exec(h, "CREATE TABLE civil_service_plan ("
		    "id INTEGER PRIMARY KEY, "
		    "person_id INTEGER NOT NULL REFERENCES person(id), "
		    "year INTEGER NOT NULL, "
		    "item INTEGER NOT NULL, "
		    "programme_id INTEGER REFERENCES programme(id), "
		    "topic TEXT NOT NULL, "
		    "kind TEXT NOT NULL, "
		    "length TEXT, "
		    "content TEXT, "
		    "credits REAL NOT NULL CHECK (credits > 0), "
		    "status TEXT NOT NULL DEFAULT 'planned' "
		    "CHECK (status IN ('planned', 'done', 'not-done')), "
		    "status_date TEXT)", NULL, 0, NULL)) != 0)
			return rc;
		if ((rc = api->exec(h, "CREATE UNIQUE INDEX civil_service_plan_item ON "
		    "civil_service_plan(person_id, year, item)", NULL, 0, NULL)) != 0)
			return rc;
	}
	return INTEGRA_OK;
}

static struct integra_value
text(const char *s)
{
	struct integra_value v = { .type = s ? INTEGRA_TEXT : INTEGRA_NULL, .s = s };

	return v;
}

static struct integra_value
integer(int64_t i)
{
	struct integra_value v = { .type = INTEGRA_INTEGER, .i = i };

	return v;
}

static struct integra_value
real(double r)
{
	struct integra_value v = { .type = isnan(r) ? INTEGRA_NULL : INTEGRA_REAL, .r = r };

	return v;
}

/* Splits argv[from..] into the options of opts (--name VALUE or
 * --name=VALUE) and at most npos positional arguments. */
static int
parse(const struct integra_host *h, int argc, char **argv, int from,
    struct opt *opts, const char **pos, int npos)
{
	int i, k, n = 0;
	size_t len;
	char *a;

	for (i = from; i < argc; i++) {
		a = argv[i];
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (n == npos)
				return api->error(h, INTEGRA_EUSAGE, "plan %s: unexpected "
				    "argument '%s'", argv[1], a);
			pos[n++] = a;
			continue;
		}
		len = strcspn(a + 2, "=");
		for (k = 0; opts[k].name; k++)
			if (strlen(opts[k].name) == len && strncmp(a + 2, opts[k].name, len) == 0)
				break;
		if (opts[k].name == NULL)
			return api->error(h, INTEGRA_EUSAGE, "plan %s: unknown option "
			    "'%s'", argv[1], a);
		if (a[2 + len] == '=')
			opts[k].val = a + 3 + len;
		else if (i + 1 < argc)
			opts[k].val = argv[++i];
		else
			return api->error(h, INTEGRA_EUSAGE, "plan %s: option '--%s' needs "
			    "a value", argv[1], opts[k].name);
	}
	return INTEGRA_OK;
}

/* A year as a plan has it: 2000 to 2100. */
static int
parse_year(const struct integra_host *h, const char *where, const char *s,
    int64_t *out)
{
	char *end;
	long y = s ? strtol(s, &end, 10) : 0;

	if (s == NULL || *s == '\0' || *end != '\0' || y < 2000 || y > 2100)
		return api->error(h, INTEGRA_EUSAGE, "%syear '%s' is not a year "
		    "(expected 2000 to 2100)", where, s ? s : "");
	*out = y;
	return INTEGRA_OK;
}

/* Planned credits: a number above 0 and at most CREDITS_MAX; a decimal
 * comma is taken as a point. */
static int
parse_credits(const struct integra_host *h, const char *where, const char *s,
    double *out)
{
	char buf[64], *end, *c;

	snprintf(buf, sizeof(buf), "%s", s);
	if ((c = strchr(buf, ',')) != NULL)
		*c = '.';
	*out = strtod(buf, &end);
	if (*buf == '\0' || *end != '\0' || !(*out > 0) || *out > CREDITS_MAX)
		return api->error(h, INTEGRA_EINVALID, "%splanned credits '%s' are not "
		    "a number above 0 and at most %g", where, s, CREDITS_MAX);
	return INTEGRA_OK;
}

static void
copy_col(char *to, size_t size, const struct integra_value *v)
{
	snprintf(to, size, "%s", v->type == INTEGRA_TEXT && v->s ? v->s : "");
}

static int
prog_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct prog *p = ud;

	if (ncols < 6)
		return 1;
	p->id = cols[0].i;
	copy_col(p->title, sizeof(p->title), &cols[1]);
	copy_col(p->kind, sizeof(p->kind), &cols[2]);
	copy_col(p->length, sizeof(p->length), &cols[3]);
	copy_col(p->content, sizeof(p->content), &cols[4]);
	p->credits = cs_real(&cols[5]);
	return 1;
}

/* Fills the item from the programme it names: title, classification and,
 * unless given, credits. */
static int
from_programme(const struct integra_host *h, const char *where, struct item *it,
    struct prog *p)
{
	struct integra_value code = text(it->programme);
	int rc;

	memset(p, 0, sizeof(*p));
	if (it->topic || it->kind || it->length || it->content)
		return api->error(h, INTEGRA_EUSAGE, "%sgive either a programme, or a "
		    "topic with its kind, not both", where);
	if ((rc = api->query(h, "SELECT id, title, json_extract(fields, '$.kind'), "
	    "json_extract(fields, '$.length'), json_extract(fields, '$.content'), "
	    "CAST(json_extract(fields, '$.credits') AS DOUBLE PRECISION) "
	    "FROM programme WHERE code = ?1 AND "
	    "area = '" AREA "'", &code, 1, prog_row, p)) != 0)
		return rc;
	if (p->id == 0)
		return api->error(h, INTEGRA_ENOTFOUND, "%sno programme '%s' in area '%s'",
		    where, it->programme, AREA);
	it->topic = p->title;
	it->kind = p->kind;
	it->length = *p->length ? p->length : NULL;
	it->content = *p->content ? p->content : NULL;
	return INTEGRA_OK;
}

static int
next_item(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *n = ud;

	if (ncols > 0 && cols[0].type == INTEGRA_INTEGER)
		*n = cols[0].i;
	return 1;
}

/* Checks one item and adds it as the next of the person's plan for the
 * year; `where` prefixes messages (a file and line on import). */
static int
add_item(const struct integra_host *h, const char *where, struct item it)
{
	struct prog p = { 0 };
	struct integra_value v[9];
	int64_t person, year, item = 1;
	double credits = NAN;
	char what[600];
	int rc;

	if ((rc = cs_person_check(h, it.person, &person)) != 0 ||
	    (rc = parse_year(h, where, it.year, &year)) != 0 ||
	    (it.programme && (rc = from_programme(h, where, &it, &p)) != 0) ||
	    (it.credits && (rc = parse_credits(h, where, it.credits, &credits)) != 0))
		return rc;
	if (isnan(credits))
		credits = p.credits;
	if (it.topic == NULL || *it.topic == '\0' || it.kind == NULL || isnan(credits))
		return api->error(h, INTEGRA_EUSAGE, "%sa plan item needs a programme, "
		    "or a topic with its kind and planned credits", where);
	snprintf(what, sizeof(what), "%splanned credits", where);
	if ((rc = cs_check_class(h, what, it.kind, it.length, it.content,
	    credits)) != 0)
		return rc;
	v[0] = integer(person);
	v[1] = integer(year);
	if ((rc = api->query(h, "SELECT coalesce(max(item), 0) + 1 FROM "
	    "civil_service_plan WHERE person_id = ?1 AND year = ?2", v, 2,
	    next_item, &item)) != 0)
		return rc;
	v[2] = integer(item);
	v[3] = p.id ? integer(p.id) : text(NULL);
	v[4] = text(it.topic);
	v[5] = text(it.kind);
	v[6] = text(it.length);
	v[7] = text(it.content);
	v[8] = real(credits);
	return api->exec(h, "INSERT INTO civil_service_plan (person_id, year, item, "
	    "programme_id, topic, kind, length, content, credits) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9)", v, 9, NULL);
}

/* plan add PERSON YEAR (--programme CODE [--credits C] | --topic TEXT
 * --kind K [--length L] [--content C] --credits C) */
static int
plan_add(const struct integra_host *h, int argc, char **argv)
{
	struct opt o[] = { { .name = "programme" }, { .name = "topic" }, { .name = "kind" }, { .name = "length" },
	    { .name = "content" }, { .name = "credits" }, { .name = NULL } };
	const char *pos[2] = { NULL, NULL };
	struct item it;
	int rc;

	if ((rc = parse(h, argc, argv, 2, o, pos, 2)) != 0)
		return rc;
	if (pos[1] == NULL)
		return api->error(h, INTEGRA_EUSAGE, "plan add: give PERSON YEAR, then "
		    "--programme CODE, or --topic TEXT --kind K --credits C");
	it = (struct item){ .person = pos[0], .year = pos[1], .programme = o[0].val,
	    .topic = o[1].val, .kind = o[2].val, .length = o[3].val,
	    .content = o[4].val, .credits = o[5].val };
	return add_item(h, "", it);
}

static const struct integra_column plan_columns[] = {
	{ .name = "year", .type = INTEGRA_INTEGER, .label = N_("Year"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "item", .type = INTEGRA_INTEGER, .label = N_("Item"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "topic", .type = INTEGRA_TEXT, .label = N_("Topic") },
	{ .name = "programme", .type = INTEGRA_TEXT, .label = N_("Programme") },
	{ .name = "kind", .type = INTEGRA_TEXT, .label = N_("Kind of training") },
	{ .name = "length", .type = INTEGRA_TEXT, .label = N_("Length") },
	{ .name = "content", .type = INTEGRA_TEXT, .label = N_("Content") },
	{ .name = "planned", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Planned credits"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "earned", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Credits earned"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "status", .type = INTEGRA_TEXT, .label = N_("Status") },
	{ .name = "status_date", .type = INTEGRA_TEXT, .label = N_("Status date") },
};

/* plan show PERSON [YEAR]: the items with the credits earned from the
 * programme of each in its year (the core's one figure). */
static int
plan_show(const struct integra_host *h, int argc, char **argv)
{
	struct opt o[] = { { .name = NULL } };
	const char *pos[2] = { NULL, NULL };
	struct integra_value v[2];
	int64_t person, year = 0;
	char title[256];
	int rc;

	if ((rc = parse(h, argc, argv, 2, o, pos, 2)) != 0)
		return rc;
	if (pos[0] == NULL)
		return api->error(h, INTEGRA_EUSAGE, "plan show: give PERSON [YEAR]");
	if ((rc = cs_person_check(h, pos[0], &person)) != 0 ||
	    (pos[1] && (rc = parse_year(h, "", pos[1], &year)) != 0))
		return rc;
	v[0] = integer(person);
	v[1] = year ? integer(year) : text(NULL);
	snprintf(title, sizeof(title), CS_("Individual development programme: %s"),
	    pos[0]);
	return cs_emit_query(h, title, plan_columns,
	    sizeof(plan_columns) / sizeof(plan_columns[0]),
	    "SELECT pl.year, pl.item, pl.topic, p.code, pl.kind, pl.length, "
	    "pl.content, pl.credits, (SELECT round(CAST(total(c.credits) AS NUMERIC), 2) FROM "
	    "participation_credits c WHERE c.person_id = pl.person_id AND "
	    "c.programme_id = pl.programme_id AND substr(c.credit_date, 1, 4) = "
	    "CAST(pl.year AS TEXT)), pl.status, pl.status_date "
	    "FROM civil_service_plan pl LEFT JOIN programme p ON p.id = pl.programme_id "
	    "WHERE pl.person_id = ?1 AND (?2 IS NULL OR pl.year = ?2) "
	    "ORDER BY pl.year, pl.item", v, 2);
}

/* plan close PERSON YEAR ITEM --status done|not-done [--date D] */
static int
plan_close(const struct integra_host *h, int argc, char **argv)
{
	struct opt o[] = { { .name = "status" }, { .name = "date" }, { .name = NULL } };
	const char *pos[3] = { NULL, NULL, NULL };
	struct integra_value v[5];
	int64_t person, year, changes = 0;
	char day[11], *end;
	long item;
	int rc;

	if ((rc = parse(h, argc, argv, 2, o, pos, 3)) != 0)
		return rc;
	if (pos[2] == NULL || o[0].val == NULL)
		return api->error(h, INTEGRA_EUSAGE, "plan close: give PERSON YEAR ITEM "
		    "--status done|not-done [--date DATE]");
	item = strtol(pos[2], &end, 10);
	if (*end != '\0' || item < 1)
		return api->error(h, INTEGRA_EUSAGE, "plan close: item '%s' is not an "
		    "item number (1 or more)", pos[2]);
	if (strcmp(o[0].val, "done") != 0 && strcmp(o[0].val, "not-done") != 0)
		return api->error(h, INTEGRA_EINVALID, "plan close: status '%s' is not "
		    "allowed (allowed: done, not-done)", o[0].val);
	if ((rc = cs_person_check(h, pos[0], &person)) != 0 ||
	    (rc = parse_year(h, "", pos[1], &year)) != 0)
		return rc;
	if (o[1].val)
		rc = api->parse_date(h, o[1].val, day);
	else
		api->today(h, day);
	if (rc != 0)
		return rc;
	v[0] = text(o[0].val);
	v[1] = text(day);
	v[2] = integer(person);
	v[3] = integer(year);
	v[4] = integer(item);
	if ((rc = api->exec(h, "UPDATE civil_service_plan SET status = ?1, "
	    "status_date = ?2 WHERE person_id = ?3 AND year = ?4 AND item = ?5 "
	    "AND status = 'planned'", v, 5, &changes)) != 0)
		return rc;
	if (changes == 0)
		return api->error(h, INTEGRA_ENOTFOUND, "plan close: no open item %ld "
		    "in the plan of '%s' for %s", item, pos[0], pos[1]);
	return INTEGRA_OK;
}

/* integra civil_service plan VERB ... */
int
cs_plan(const struct integra_host *h, int argc, char **argv)
{
	const char *pos[1] = { NULL };
	struct opt none[] = { { .name = NULL } };
	int rc;

	if (argc < 2)
		return api->error(h, INTEGRA_EUSAGE, "plan: give a verb: add, show, "
		    "close or import");
	if (strcmp(argv[1], "add") == 0)
		return plan_add(h, argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return plan_show(h, argc, argv);
	if (strcmp(argv[1], "close") == 0)
		return plan_close(h, argc, argv);
	if (strcmp(argv[1], "import") != 0)
		return api->error(h, INTEGRA_EUSAGE, "plan: unknown verb '%s' (allowed: "
		    "add, show, close, import)", argv[1]);
	if ((rc = parse(h, argc, argv, 2, none, pos, 1)) != 0)
		return rc;
	if (pos[0] == NULL)
		return api->error(h, INTEGRA_EUSAGE, "plan import: give FILE (CSV)");
	return cs_plan_import(h, pos[0]);
}

/* Adds the item of one CSV row; the columns by the header's names. */
int
cs_plan_row(const struct integra_host *h, const char *where, const char *const *col)
{
	struct item it = { .person = col[0], .year = col[1], .programme = col[2],
	    .topic = col[3], .kind = col[4], .length = col[5], .content = col[6],
	    .credits = col[7] };

	return add_item(h, where, it);
}
