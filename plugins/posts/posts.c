/*
 * The posts plugin: positions of Ukrainians at NATO bodies (NATO HQ,
 * SHAPE, the Joint Force Commands, NCIA, the NATO Representation to
 * Ukraine and the others of the configured list `posts.bodies`).  A post
 * is a programme of area `posts` with its body, post code, grade (NATO
 * OF/OR, civilian A, B and G grades), kind (military or civilian), the
 * security clearance it requires and its dates; an assignment is a
 * participation with the clearance its holder has.  Checks: a grade of
 * the post's kind, a body of the list, a clearance held at least the
 * post's, one incumbent per post at a time (also between the rows of one
 * import).  Reports: posts filled and vacant by body and grade, tours
 * ending within N months, posts gained per year against a target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra/plugin.h"

#define AREA		"posts"
#define CODE_MAX	64	/* bytes of a programme code or participant key */
#define BODIES_DEFAULT \
	"NATO HQ; SHAPE; JFC Brunssum; JFC Naples; JFC Norfolk; ACT; NCIA; NSPA; " \
	"NATO Representation to Ukraine; NDC Rome; NSO; CMRE; NATO School " \
	"Oberammergau; JWC; JFTC; JALLC; MARCOM; AIRCOM; LANDCOM"
/* The participation statuses of an incumbent. */
#define INCUMBENT	"('enrolled', 'attended', 'completed')"

static const struct integra_api *api;

static const char *const kinds[] = { "military", "civilian", NULL };
static const char *const kind_labels[] = { N_("military"), N_("civilian"), NULL };
static const char *const grades[] = {
	"OF-1", "OF-2", "OF-3", "OF-4", "OF-5", "OF-6", "OF-7", "OF-8", "OF-9",
	"OR-1", "OR-2", "OR-3", "OR-4", "OR-5", "OR-6", "OR-7", "OR-8", "OR-9",
	"A1", "A2", "A3", "A4", "A5", "A6", "A7",
	"B1", "B2", "B3", "B4", "B5", "B6",
	"G1", "G2", "G3", "G4", "G5", "G6", "G7", NULL
};
/* In increasing order: what a clearance allows includes all before it. */
static const char *const clearances[] = { "NR", "NC", "NS", "CTS", NULL };
static const char *const clearance_labels[] = {
	N_("NATO RESTRICTED"), N_("NATO CONFIDENTIAL"), N_("NATO SECRET"),
	N_("COSMIC TOP SECRET"), NULL
};

static int cmd_bodies(const struct integra_host *, int, char **);

static const struct integra_field fields[] = {
	{ .name = "body", .label = N_("NATO body"), .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_TEXT, .flags = INTEGRA_FIELD_REQUIRED,
	  .help = N_("the NATO body of the post, one of posts.bodies") },
	{ .name = "post_code", .label = N_("Post code"),
	  .record = INTEGRA_RECORD_PROGRAMME, .type = INTEGRA_TEXT,
	  .flags = INTEGRA_FIELD_REQUIRED,
	  .help = N_("the body's number of the post (peacetime establishment)") },
	{ .name = "grade", .label = N_("Grade"), .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM, .flags = INTEGRA_FIELD_REQUIRED, .values = grades,
	  .help = N_("OF-1..OF-9, OR-1..OR-9 (military); A1..A7, B1..B6, G1..G7 "
	  "(civilian)") },
	{ .name = "kind", .label = N_("Kind"), .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM, .flags = INTEGRA_FIELD_REQUIRED, .values = kinds,
	  .value_labels = kind_labels, .help = N_("military or civilian") },
	{ .name = "clearance", .label = N_("Clearance required"),
	  .record = INTEGRA_RECORD_PROGRAMME, .type = INTEGRA_ENUM,
	  .flags = INTEGRA_FIELD_REQUIRED, .values = clearances,
	  .value_labels = clearance_labels,
	  .help = N_("security clearance the post requires: NR, NC, NS or CTS") },
	{ .name = "clearance", .label = N_("Clearance held"),
	  .record = INTEGRA_RECORD_PARTICIPATION, .type = INTEGRA_ENUM,
	  .flags = INTEGRA_FIELD_REQUIRED, .values = clearances,
	  .value_labels = clearance_labels,
	  .help = N_("security clearance the holder has: NR, NC, NS or CTS") },
	{ .name = NULL }
};

static const struct integra_config_key config[] = {
	{ .name = "bodies", .type = INTEGRA_TEXT, .def = BODIES_DEFAULT,
	  .help = N_("the NATO bodies, separated by semicolons") },
	{ .name = "annual_target", .type = INTEGRA_INTEGER, .min = 0, .max = 10000,
	  .def = "10", .help = N_("posts to be gained each year") },
	{ .name = "rotation_months", .type = INTEGRA_INTEGER, .min = 1, .max = 120,
	  .def = "6", .help = N_("posts_rotation: tours ending within this many "
	  "months (or --within DAYS)") },
	{ .name = NULL }
};

/* Posts of the area (or --area), not cancelled. */
#define POSTS "p.area = coalesce(:area, '" AREA "') AND p.status <> 'cancelled' "
/* The post's tour covers :as_of. */
#define OPEN_AT(s, e) \
	"coalesce(" s ", :as_of) <= :as_of AND coalesce(" e ", :as_of) >= :as_of "

static const struct integra_report_query filled_queries[] = {
	{ "body",
	  "SELECT body, grade, count(*) AS posts, sum(filled) AS filled, "
	  "count(*) - sum(filled) AS vacant, "
	  "round(100.0 * sum(filled) / count(*), 1) AS filled_pct FROM ("
	  "SELECT json_extract(p.fields, '$.body') AS body, "
	  "json_extract(p.fields, '$.grade') AS grade, "
	  "CASE WHEN EXISTS (SELECT 1 FROM participation pa WHERE pa.programme_id = p.id "
	  "AND pa.status IN " INCUMBENT " AND "
	  OPEN_AT("coalesce(pa.start, p.start)", "coalesce(pa.end, p.end)")
	  ") THEN 1 ELSE 0 END AS filled FROM programme p WHERE " POSTS
	  "AND " OPEN_AT("p.start", "p.end") ") f "
	  "GROUP BY body, grade ORDER BY body, grade" },
	{ NULL, NULL }
};

static const struct integra_column filled_columns[] = {
	{ .name = "body", .type = INTEGRA_TEXT, .label = N_("NATO body"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "grade", .type = INTEGRA_TEXT, .label = N_("Grade"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "posts", .type = INTEGRA_INTEGER, .label = N_("Posts"),
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "filled", .type = INTEGRA_INTEGER, .label = N_("Filled"),
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = "vacant", .type = INTEGRA_INTEGER, .label = N_("Vacant"),
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "filled_pct", .type = INTEGRA_REAL, .label = N_("Filled, %"),
	  .total = INTEGRA_TOTAL_RATIO, .numerator = "filled",
	  .denominator = "posts", .scale = 100 },
	{ .name = NULL }
};

static const struct integra_report_query rotation_queries[] = {
	{ "none",
	  "SELECT json_extract(p.fields, '$.body') AS body, p.code AS post, "
	  "json_extract(p.fields, '$.post_code') AS post_code, "
	  "json_extract(p.fields, '$.grade') AS grade, pe.key AS person, "
	  "pe.name AS name, coalesce(pa.end, p.end) AS tour_end, "
	  "days_between(:as_of, coalesce(pa.end, p.end)) AS days_left "
	  "FROM participation pa JOIN programme p ON p.id = pa.programme_id "
	  "JOIN person pe ON pe.id = pa.person_id "
	  "WHERE " POSTS "AND pa.status IN ('enrolled', 'attended') "
	  "AND coalesce(pa.end, p.end) >= :as_of AND coalesce(pa.end, p.end) <= "
	  "CASE WHEN :within IS NULL "
	  "THEN date(:as_of, '+' || :cfg_rotation_months || ' months') "
	  "ELSE date(:as_of, '+' || :within || ' days') END "
	  "ORDER BY tour_end, body, post" },
	{ NULL, NULL }
};

static const struct integra_column rotation_columns[] = {
	{ .name = "body", .type = INTEGRA_TEXT, .label = N_("NATO body"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "post", .type = INTEGRA_TEXT, .label = N_("Post"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "post_code", .type = INTEGRA_TEXT, .label = N_("Post code"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "grade", .type = INTEGRA_TEXT, .label = N_("Grade"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "person", .type = INTEGRA_TEXT, .label = N_("Person"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "name", .type = INTEGRA_TEXT, .label = N_("Name"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "tour_end", .type = INTEGRA_DATE, .label = N_("Tour ends"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "days_left", .type = INTEGRA_INTEGER, .label = N_("Days left"),
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_NONE },
	{ .name = NULL }
};

/* The yearly target, typed for PostgreSQL (a bare parameter is text). */
#define TARGET "CAST(:cfg_annual_target AS INTEGER)"

static const struct integra_report_query gained_queries[] = {
	{ "year",
	  "SELECT year, gained, " TARGET " AS target, "
	  "CASE WHEN " TARGET " > gained THEN " TARGET " - gained "
	  "ELSE 0 END AS shortfall, "
	  "CASE WHEN " TARGET " > 0 THEN round(100.0 * gained / "
	  TARGET ", 1) END AS target_pct FROM ("
	  "SELECT substr(p.start, 1, 4) AS year, count(*) AS gained "
	  "FROM programme p WHERE " POSTS "AND p.start IS NOT NULL "
	  "AND (:from IS NULL OR p.start >= :from) AND (:to IS NULL OR p.start <= :to) "
	  "GROUP BY year) g ORDER BY year" },
	{ NULL, NULL }
};

static const struct integra_column gained_columns[] = {
	{ .name = "year", .type = INTEGRA_TEXT, .label = N_("Year"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "gained", .type = INTEGRA_INTEGER, .label = N_("Posts gained"),
	  .flags = INTEGRA_COLUMN_MEASURE, .total = INTEGRA_TOTAL_SUM },
	{ .name = "target", .type = INTEGRA_INTEGER, .label = N_("Target"),
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "shortfall", .type = INTEGRA_INTEGER, .label = N_("Short of target"),
	  .total = INTEGRA_TOTAL_SUM },
	{ .name = "target_pct", .type = INTEGRA_REAL, .label = N_("Of target, %"),
	  .total = INTEGRA_TOTAL_RATIO, .numerator = "gained",
	  .denominator = "target", .scale = 100 },
	{ .name = NULL }
};

static const struct integra_report reports[] = {
	{ .name = "posts_filled", .title = N_("Posts at NATO bodies, filled and vacant"),
	  .summary = N_("how many posts of each body and grade are filled and vacant "
	  "on a date (--as-of)"),
	  .queries = filled_queries, .columns = filled_columns },
	{ .name = "posts_rotation", .title = N_("Tours ending soon"),
	  .summary = N_("whose tour ends within posts.rotation_months (or --within "
	  "DAYS): rotation planning"),
	  .queries = rotation_queries, .columns = rotation_columns },
	{ .name = "posts_gained", .title = N_("Posts gained per year"),
	  .summary = N_("how many posts were gained each year, against "
	  "posts.annual_target"),
	  .queries = gained_queries, .columns = gained_columns },
	{ .name = NULL }
};

static const struct integra_command commands[] = {
	{ .name = "bodies", .usage = "",
	  .summary = N_("the NATO bodies of posts.bodies, with their posts"),
	  .exec = cmd_bodies },
	{ .name = NULL }
};

/* Keeps the services table. */
static int
posts_init(const struct integra_api *a, const struct integra_host *h)
{
	(void)h;
	api = a;
	return INTEGRA_OK;
}

/* A text value, or NULL for s NULL. */
static struct integra_value
text(const char *s)
{
	struct integra_value v = { INTEGRA_TEXT, 0, 0, s, 0 };

	if (s == NULL)
		v.type = INTEGRA_NULL;
	return v;
}

/* Calls fn(name, len, ud) for each body of posts.bodies, trimmed, until
 * fn returns non-zero; returns that, or 0. */
static int
each_body(const struct integra_host *h, int (*fn)(const char *, size_t, void *),
    void *ud)
{
	const char *list = BODIES_DEFAULT, *p, *end;
	size_t n;
	int rc;

	api->config_text(h, "bodies", &list);
	for (p = list; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		for (n = (size_t)(end - p); n > 0 && (p[n - 1] == ' ' ||
		    p[n - 1] == '\t'); n--)
			;
		if (n > 0 && (rc = fn(p, n, ud)) != 0)
			return rc;
	}
	return 0;
}

/* each_body() callback: 1 when the body is ud. */
static int
body_is(const char *name, size_t len, void *ud)
{
	const char *want = ud;

	return strlen(want) == len && memcmp(want, name, len) == 0;
}

/* A value as text into dst of size bytes ("" for none). */
static void
copy(char *dst, size_t size, const struct integra_value *v)
{
	snprintf(dst, size, "%s", v->type != INTEGRA_NULL && v->s ? v->s : "");
}

/* Row callback: the first column as text into a CODE_MAX buffer. */
static int
first_text(void *ud, const struct integra_value *cols, size_t ncols)
{
	if (ncols > 0)
		copy(ud, CODE_MAX, &cols[0]);
	return 1;
}

/* Refuses a post code of the body that another open post has. */
static int
check_post_code(const struct integra_host *h, struct integra_record *rec,
    const char *body)
{
	struct integra_value p[3];
	char other[CODE_MAX] = "";
	int rc;

	if (api->record_get(rec, "post_code", &p[1]) != 0 || !p[1].s ||
	    api->record_get(rec, "code", &p[2]) != 0 || !p[2].s)
		return INTEGRA_OK;
	p[0] = text(body);
	if ((rc = api->query(h, "SELECT code FROM programme WHERE area = '" AREA "' "
	    "AND status IN ('planned', 'active') AND code <> ?3 "
	    "AND json_extract(fields, '$.body') = ?1 "
	    "AND json_extract(fields, '$.post_code') = ?2 LIMIT 1", p, 3,
	    first_text, other)) != 0)
		return rc;
	if (other[0])
		return api->error(h, INTEGRA_EINVALID, "field 'post_code' = '%s' of "
		    "'%s' is already post '%s', which is open: complete or cancel it "
		    "first", p[1].s, body, other);
	return INTEGRA_OK;
}

/* A programme: a body of the list, a post code no other open post of the
 * body has, a grade of the post's kind. */
static int
check_post(const struct integra_host *h, struct integra_record *rec)
{
	struct integra_value body = { .type = INTEGRA_NULL }, grade, kind;
	int military, rc;

	if (api->record_get(rec, "body", &body) == 0 && body.s &&
	    !each_body(h, body_is, (void *)body.s))
		return api->error(h, INTEGRA_EINVALID, "field 'body' = '%s' is not a "
		    "NATO body of posts.bodies (see 'integra posts bodies')", body.s);
	if (body.s && (rc = check_post_code(h, rec, body.s)) != 0)
		return rc;
	if (api->record_get(rec, "grade", &grade) != 0 || !grade.s ||
	    api->record_get(rec, "kind", &kind) != 0 || !kind.s)
		return INTEGRA_OK;
	military = grade.s[0] == 'O';
	if (military != (strcmp(kind.s, "military") == 0))
		return api->error(h, INTEGRA_EINVALID, "field 'grade' = '%s' is not a "
		    "grade of a %s post (allowed: %s)", grade.s, kind.s, military ?
		    "A1..A7, B1..B6, G1..G7" : "OF-1..OF-9, OR-1..OR-9");
	return INTEGRA_OK;
}

/* What validate() knows of the post an assignment is for. */
struct post {
	int found;
	char clearance[8];
	char start[11];
	char end[11];
};

/* Row callback: the post's clearance, start and end. */
static int
post_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct post *p = ud;

	if (ncols == 3) {
		p->found = 1;
		copy(p->clearance, sizeof(p->clearance), &cols[0]);
		copy(p->start, sizeof(p->start), &cols[1]);
		copy(p->end, sizeof(p->end), &cols[2]);
	}
	return 1;
}

/* The rank of a clearance, NR lowest; -1 when unknown. */
static int
rank(const char *c)
{
	int i;

	for (i = 0; clearances[i]; i++)
		if (strcmp(clearances[i], c) == 0)
			return i;
	return -1;
}

/* One tour of a post: whose, from when, to when ("" open). */
struct tour {
	char post[CODE_MAX];
	char who[CODE_MAX];
	char start[11];
	char end[11];
};

/*
 * The incumbents this process accepted: a second incumbent in the same
 * import is refused although the first is not yet stored.  The plugin
 * lives for one command (the daemon stores no assignments).
 */
static struct tour *seen;
static size_t nseen;

/* Whether two tours share a day ("" is open). */
static int
overlaps(const struct tour *a, const struct tour *b)
{
	return (!*a->start || !*b->end || strcmp(a->start, b->end) <= 0) &&
	    (!*b->start || !*a->end || strcmp(b->start, a->end) <= 0);
}

/* Row callback: another incumbent's key, start and end. */
static int
incumbent_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct tour *t = ud;

	if (ncols == 3) {
		copy(t->who, sizeof(t->who), &cols[0]);
		copy(t->start, sizeof(t->start), &cols[1]);
		copy(t->end, sizeof(t->end), &cols[2]);
	}
	return 1;
}

/* The refusal of a second incumbent. */
static int
second(const struct integra_host *h, const struct tour *t, const struct tour *other)
{
	return api->error(h, INTEGRA_EINVALID, "post '%s' already has an incumbent "
	    "then: '%s' from %s to %s (the tour of '%s' from %s to %s overlaps it)",
	    t->post, other->who, *other->start ? other->start : "the start",
	    *other->end ? other->end : "no end", t->who,
	    *t->start ? t->start : "the start", *t->end ? t->end : "no end");
}

/* Refuses a tour that overlaps another incumbent's, stored or seen. */
static int
check_incumbent(const struct integra_host *h, const struct tour *t)
{
	struct integra_value p[4] = { text(t->post), text(t->who),
	    text(*t->start ? t->start : NULL), text(*t->end ? t->end : NULL) };
	struct tour other = { .who = "" };
	size_t i;
	int rc;

	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i].post, t->post) == 0 &&
		    strcmp(seen[i].who, t->who) != 0 && overlaps(&seen[i], t))
			return second(h, t, &seen[i]);
	if ((rc = api->query(h, "SELECT coalesce(pe.key, o.code), "
	    "coalesce(pa.start, p.start), coalesce(pa.end, p.end) "
	    "FROM participation pa JOIN programme p ON p.id = pa.programme_id "
	    "LEFT JOIN person pe ON pe.id = pa.person_id "
	    "LEFT JOIN organisation o ON o.id = pa.org_id "
	    "WHERE p.code = ?1 AND coalesce(pe.key, o.code) <> ?2 "
	    "AND pa.status IN " INCUMBENT
	    " AND (?4 IS NULL OR coalesce(pa.start, p.start) IS NULL "
	    "OR coalesce(pa.start, p.start) <= ?4) "
	    "AND (?3 IS NULL OR coalesce(pa.end, p.end) IS NULL "
	    "OR coalesce(pa.end, p.end) >= ?3) ORDER BY 2 LIMIT 1", p, 4,
	    incumbent_row, &other)) != 0)
		return rc;
	if (other.who[0])
		return second(h, t, &other);
	seen = realloc(seen, (nseen + 1) * sizeof(*seen));
	if (seen == NULL)
		abort();
	seen[nseen++] = *t;
	return INTEGRA_OK;
}

/* Reads the value of name as text into dst ("" when none). */
static void
get(struct integra_record *rec, const char *name, char *dst, size_t size)
{
	struct integra_value v;

	if (api->record_get(rec, name, &v) != 0)
		v.type = INTEGRA_NULL;
	copy(dst, size, &v);
}

/* An assignment: the clearance held at least the post's; an incumbent
 * (enrolled, attended, completed) alone on the post in its tour. */
static int
check_assignment(const struct integra_host *h, struct integra_record *rec)
{
	struct tour t;
	struct post post = { 0 };
	char held[8], status[16];
	struct integra_value code;
	int rc;

	get(rec, "programme", t.post, sizeof(t.post));
	get(rec, "participant", t.who, sizeof(t.who));
	get(rec, "clearance", held, sizeof(held));
	get(rec, "status", status, sizeof(status));
	code = text(t.post);
	if ((rc = api->query(h, "SELECT json_extract(p.fields, '$.clearance'), "
	    "p.start, p.end FROM programme p WHERE p.code = ?1", &code, 1, post_row,
	    &post)) != 0)
		return rc;
	if (!post.found)
		return INTEGRA_OK;
	if (*held && rank(held) < rank(post.clearance))
		return api->error(h, INTEGRA_EINVALID, "field 'clearance' = '%s' of '%s' "
		    "is below the clearance post '%s' requires (%s)", held, t.who,
		    t.post, post.clearance);
	if (strstr(INCUMBENT, status) == NULL || !*status)
		return INTEGRA_OK;
	get(rec, "start", t.start, sizeof(t.start));
	get(rec, "end", t.end, sizeof(t.end));
	if (!*t.start)
		memcpy(t.start, post.start, sizeof(t.start));
	if (!*t.end)
		memcpy(t.end, post.end, sizeof(t.end));
	return check_incumbent(h, &t);
}

/* Frees the incumbents seen. */
static void
posts_shutdown(const struct integra_host *h)
{
	(void)h;
	free(seen);
	seen = NULL;
	nseen = 0;
}

/* Checks a post or an assignment. */
static int
posts_validate(const struct integra_host *h, struct integra_record *rec)
{
	switch (api->record_kind(rec)) {
	case INTEGRA_RECORD_PROGRAMME:
		return check_post(h, rec);
	case INTEGRA_RECORD_PARTICIPATION:
		return check_assignment(h, rec);
	default:
		return INTEGRA_OK;
	}
}

/* What `posts bodies` passes to each body's row. */
struct bodies {
	const struct integra_host *h;
	int rc;
};

/* Row callback: two counts. */
static int
count_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *n = ud;

	if (ncols == 2) {
		n[0] = cols[0].i;
		n[1] = cols[1].i;
	}
	return 1;
}

/* One row of `posts bodies`: the body, its posts and their incumbents now. */
static int
body_row(const char *name, size_t len, void *ud)
{
	struct bodies *b = ud;
	char body[256], today[11];
	struct integra_value p[2], row[3];
	int64_t n[2] = { 0, 0 };

	snprintf(body, sizeof(body), "%.*s", (int)len, name);
	api->today(b->h, today);
	p[0] = text(body);
	p[1] = text(today);
	if ((b->rc = api->query(b->h, "SELECT count(*), count(*) FILTER (WHERE "
	    "EXISTS (SELECT 1 FROM participation pa WHERE pa.programme_id = p.id AND "
	    "pa.status IN " INCUMBENT " AND coalesce(pa.start, p.start, ?2) <= ?2 "
	    "AND coalesce(pa.end, p.end, ?2) >= ?2)) FROM programme p WHERE "
	    "p.area = '" AREA "' AND json_extract(p.fields, '$.body') = ?1",
	    p, 2, count_row, n)) != 0)
		return 1;
	row[0] = text(body);
	row[1] = (struct integra_value){ .type = INTEGRA_INTEGER, .i = n[0] };
	row[2] = (struct integra_value){ .type = INTEGRA_INTEGER, .i = n[1] };
	return (b->rc = api->emit_row(b->h, row)) != 0;
}

/* integra posts bodies: the configured bodies, each with its posts. */
static int
cmd_bodies(const struct integra_host *h, int argc, char **argv)
{
	static const struct integra_column cols[] = {
		{ .name = "body", .type = INTEGRA_TEXT, .label = N_("NATO body"),
		  .total = INTEGRA_TOTAL_NONE },
		{ .name = "posts", .type = INTEGRA_INTEGER, .label = N_("Posts"),
		  .total = INTEGRA_TOTAL_SUM },
		{ .name = "filled", .type = INTEGRA_INTEGER, .label = N_("Filled"),
		  .total = INTEGRA_TOTAL_SUM },
	};
	struct bodies b = { h, 0 };
	int rc;

	(void)argv;
	if (argc > 1)
		return api->error(h, INTEGRA_EUSAGE, "too many arguments for 'posts "
		    "bodies'; usage: posts bodies");
	if ((rc = api->emit_begin(h, N_("NATO bodies"), cols, 3)) != 0)
		return rc;
	each_body(h, body_row, &b);
	if (b.rc != 0)
		return b.rc;
	return api->emit_end(h);
}

INTEGRA_PLUGIN_DEFINE(
	.name = "posts",
	.version = "1.0",
	.area = AREA,
	.title = N_("Posts of Ukrainians at NATO bodies: grades, clearances, tours"),
	.fields = fields,
	.config = config,
	.reports = reports,
	.commands = commands,
	.init = posts_init,
	.shutdown = posts_shutdown,
	.validate = posts_validate,
	.textdomain = "integra",
);
