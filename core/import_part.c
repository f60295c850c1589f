/*
 * The loader of participation: each row's programme, participant and
 * activity are resolved through the key maps and its values checked by
 * the participation rules (rules_participation.c), in the reader thread
 * (rowpipe.c); this thread then checks the area fields with the area's
 * plugin and hands the row to import_bulk.c to be stored.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_same.h"
#include "rules.h"

const char *const import_part_cols[] = { "programme", "person", "org",
	"participant", "activity", "role", "status", "start", "end", "status_date",
	"hours", "credits", "result", NULL };

/* A participation row checked against the file and the key maps alone:
 * what the reader thread works out (see import_part_rows). */
struct pcheck {
	int64_t k[4];		/* programme, activity, person, organisation */
	const char *area;	/* of the programme */
	const struct integra_plugin *pl;	/* of the area, or NULL */
	const char *participant;	/* the participant's key or code */
	struct part v;
	bool bad;		/* an error was found */
};

/* Prepares the load of participation: the plan (import_bulk.c), the read
 * of a stored row and every key map. */
int
import_part_prepare(struct import *imp)
{
	int rc;

	/* Every key map is whole before the first row: the reader thread
	 * looks keys up without the database. */
	if ((rc = bulk_unchecked(imp, true)) != 0 || (rc = bulk_plan(imp)) != 0 ||
	    (rc = db_prepare(imp->ctx, &imp->find, "SELECT id, fields FROM "
	    "participation WHERE programme_id = ?1 AND coalesce(activity_id, 0) = ?2 "
	    "AND coalesce(person_id, 0) = ?3 AND coalesce(org_id, 0) = ?4")) != 0 ||
	    (rc = imp_load_programmes(imp)) != 0 ||
	    (rc = imp_load_people(imp)) != 0 ||
	    (rc = imp_load_orgs(imp)) != 0 ||
	    (rc = imp_load_activities(imp)) != 0)
		return rc;
	if (imp->append || (rc = bulk_stage_prepare(imp)) != 0)
		return rc;
	return same_open(imp);
}

/* Resolves the programme of the row: id and area (NULL when bad). */
static void
part_programme(struct import *imp, int64_t *id, const char **area)
{
	const char *code = imp_need(imp, A_PROGRAMME);
	struct keymap_slot *s;

	*id = 0;
	*area = NULL;
	if (code == NULL)
		return;
	if ((s = keymap_get(&imp->programmes, code)) == NULL) {
		imp_report(imp, "programme", code, "no such programme");
		return;
	}
	if (imp->area && strcmp(s->extra, imp->area) != 0) {
		imp_report(imp, "programme", code, "the programme is not in the area "
		    "given by --area");
		return;
	}
	*id = s->id;
	*area = s->extra;
}

/* The participant's kind: where the area's plugin is loaded, the kinds
 * it takes (the participation rules); without it, any. */
static void
part_kind(struct import *imp, const struct integra_plugin *pl, const char *area,
    int col, bool is_org)
{
	if (pl == NULL)
		return;
	imp_check(imp, col, imp_val(imp, col), participation_check_kind(imp->ctx, pl,
	    imp_val(imp, A_PROGRAMME), area, is_org));
}

/* Resolves the participant: a person (*person) or an organisation (*org). */
static void
part_participant(struct import *imp, const struct integra_plugin *pl,
    const char *area, int64_t *person, int64_t *org)
{
	const char *p = imp_val(imp, A_PERSON), *o = imp_val(imp, A_ORG);
	const char *any = imp_val(imp, A_PARTICIPANT);
	struct keymap_slot *s = NULL;
	int col = p ? A_PERSON : o ? A_ORG : A_PARTICIPANT;

	*person = *org = 0;
	imp->participant = p ? p : o ? o : any;
	if ((p != NULL) + (o != NULL) + (any != NULL) != 1) {
		imp_report(imp, p && o ? "org" : "person", p && o ? o : "",
		    "give exactly one participant: a person key or an organisation code");
		return;
	}
	if ((p || any) && (s = keymap_get(&imp->people, p ? p : any)) != NULL)
		*person = s->id;
	else if ((o || any) && (s = keymap_get(&imp->orgs, o ? o : any)) != NULL)
		*org = s->id;
	if (s == NULL)
		imp_report(imp, import_part_cols[col], imp_val(imp, col), p ?
		    "no such person" : o ? "no such organisation" :
		    "no such person or organisation");
	else
		part_kind(imp, pl, area, col, *org != 0);
}

/* Resolves the optional activity of programme `prog` (the map holds
 * every activity, loaded by import_part_prepare). */
static void
part_activity(struct import *imp, int64_t prog, int64_t *id)
{
	const char *code = imp_val(imp, A_ACTIVITY);
	struct keymap_slot *s;
	char key[128];

	*id = 0;
	if (code == NULL || prog == 0)
		return;
	snprintf(key, sizeof(key), "%lld/%s", (long long)prog, code);
	if ((s = keymap_get(&imp->activities, key)) != NULL)
		*id = s->id;
	else
		imp_report(imp, "activity", code, "no such activity in this programme");
}

/* The existing participation of the key: id and fields (NULL if none). */
static int
part_find(struct import *imp, const int64_t k[4], int64_t *id, char **fields)
{
	int i, rc;

	*id = 0;
	*fields = NULL;
	for (i = 0; i < 4; i++)
		dbst_bind_int(imp->find, i + 1, k[i]);
	if ((rc = dbst_step(imp->find)) == DB_ROW) {
		*id = dbst_int(imp->find, 0);
		*fields = xstrdup(dbst_text(imp->find, 1));
	}
	dbst_reset(imp->find);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	    db_error(imp->ctx, "cannot read participation");
}

/* A checked number as text for the area's checks: whole numbers, and
 * tenths below 100000 (7.5, 0.6: most hours and credits) as %g writes
 * them, without printf; the rest as %g. */
static const char *
number_text(char buf[32], double x)
{
	char tmp[24];
	long long n = (long long)x, tenths = -1;
	size_t i = 0, k = 0;

	if (x >= 0 && x < 1e5 && (double)n != x &&
	    (double)(long long)(x * 10 + 0.5) / 10 == x) {
		tenths = (long long)(x * 10 + 0.5);
		n = tenths / 10;
	} else if (x < 0 || x >= 1e15 || (double)n != x) {
		snprintf(buf, 32, "%g", x);
		return buf;
	}
	do
		tmp[i++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (i > 0)
		buf[k++] = tmp[--i];
	if (tenths >= 0) {
		buf[k++] = '.';
		buf[k++] = (char)('0' + tenths % 10);
	}
	buf[k] = '\0';
	return buf;
}

/*
 * The value of a plain decimal (digits, then maybe a point or comma and
 * digits: 66, 24,5) of at most 15 digits, as strtod gives it: the digits
 * as a whole number and a power of ten are exact doubles, and their
 * quotient is rounded once, as strtod rounds.  False for anything else,
 * left to the rules (check_number).
 */
static bool
plain_number(const char *v, double *out)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	long long m = 0;
	int digits = 0, frac = -1;

	for (; *v; v++) {
		if (*v >= '0' && *v <= '9') {
			m = m * 10 + (*v - '0');
			if (++digits > 15)
				return false;
			if (frac >= 0)
				frac++;
		} else if ((*v == ',' || *v == '.') && frac < 0 && digits > 0)
			frac = 0;
		else
			return false;
	}
	if (digits == 0 || frac == 0)
		return false;
	*out = frac > 0 ? (double)m / p10[frac] : (double)m;
	return *out <= 1e9;
}

/* Checks a number column by the participation rules; true when given
 * and good, then also kept as text in buf. */
static bool
part_number(struct import *imp, int i, const char *what, double *out, char buf[32])
{
	const char *v = imp_val(imp, i);

	if (v == NULL)
		return false;
	if (!plain_number(v, out) &&
	    participation_check_number(imp->ctx, what, v, out) != 0) {
		imp_check(imp, i, v, ERR_INVALID);
		return false;
	}
	number_text(buf, *out);
	return true;
}

/* Checks value v of participation by rule `which`; a value that passed
 * once is kept in m and taken without the check again (the rule looks at
 * the value alone). */
static int
part_rule(struct import *imp, struct good_memo *m, int which, const char *v)
{
	size_t n = v ? strlen(v) : 0;
	unsigned k;
	int rc;

	if (n == 0 || n >= GOOD_LEN)
		return participation_check(imp->ctx, which, v);
	for (k = 0; k < GOOD_MEMO; k++)
		if (strcmp(m->v[k], v) == 0)
			return 0;
	if ((rc = participation_check(imp->ctx, which, v)) == 0)
		memcpy(m->v[m->next++ % GOOD_MEMO], v, n + 1);
	return rc;
}

/* Checks role, status, dates, numbers and result of a participation row
 * by the participation rules.  Where the area's plugin is not loaded its
 * roles are unknown, and any role that is a code is taken. */
static void
part_values(struct import *imp, const struct integra_plugin *pl, struct part *v)
{
	struct ctx *ctx = imp->ctx;
	const char *result = imp_val(imp, A_RESULT);

	v->role = imp_val(imp, A_ROLE);
	if (v->role && pl)
		imp_check(imp, A_ROLE, v->role, participation_check_role(ctx, pl, v->role));
	else if (v->role)
		imp_code(imp, A_ROLE, "role", v->role);
	v->status = imp_val(imp, A_STATUS);
	if (v->status)
		imp_check(imp, A_STATUS, v->status, part_rule(imp, &imp->good[0],
		    PART_STATUS, v->status));
	v->start = imp_date(imp, A_START, "start", v->sd);
	v->end = imp_date(imp, A_END, "end", v->ed);
	v->sdate = imp_date(imp, A_STATUS_DATE, "status date", v->td);
	imp_check(imp, A_END, imp_val(imp, A_END), rules_order(ctx, "participation", NULL,
	    v->start, v->end));
	v->has_hours = part_number(imp, A_HOURS, "hours", &v->hours, v->hbuf);
	v->has_credits = part_number(imp, A_CREDITS, "credits", &v->credits, v->cbuf);
	imp_check(imp, A_RESULT, result, part_rule(imp, &imp->good[1], PART_RESULT,
	    result));
}
/* Checks the area fields with the row's values (merged into the stored
 * ones, old), then hands the row over to be stored: as an update of
 * stored row id, or (id 0) to be added or merged by its key. */
static int
part_store(struct import *imp, const char *area, const int64_t k[4],
    const struct part *v, const char *old, int64_t id)
{
	const char *core[PART_N] = {
		[PART_PROGRAMME] = imp_val(imp, A_PROGRAMME),
		[PART_ACTIVITY] = imp_val(imp, A_ACTIVITY),
		[PART_PARTICIPANT] = imp->participant,
		[PART_KIND] = k[2] ? "person" : "organisation",
		[PART_ROLE] = v->role ? v->role : "participant",
		[PART_STATUS] = v->status ? v->status : "nominated",
		[PART_START] = v->start, [PART_END] = v->end,
		[PART_STATUS_DATE] = v->sdate,
		[PART_HOURS] = v->has_hours ? v->hbuf : NULL,
		[PART_CREDITS] = v->has_credits ? v->cbuf : NULL,
		[PART_RESULT] = imp_val(imp, A_RESULT),
	};
	char *json = NULL;
	int rc = 0;

	imp_fields(imp, area, old, core, &json);
	if (!imp->bad)
		rc = id ? bulk_update(imp, id, k, v, json) : bulk_add(imp, k, v, json);
	free(json);
	return rc;
}

/* Makes every check of the current row that needs only the file and the
 * key maps (in the reader thread). */
static void
part_check(struct import *imp, struct pcheck *c)
{
	memset(c->k, 0, sizeof(c->k));
	c->pl = NULL;
	part_programme(imp, &c->k[0], &c->area);
	if (c->area)
		c->pl = plugins_area(imp->ctx, c->area);
	part_participant(imp, c->pl, c->area, &c->k[2], &c->k[3]);
	part_activity(imp, c->k[0], &c->k[1]);
	part_values(imp, c->pl, &c->v);
	c->participant = imp->participant;
}

/* Refuses the current row as repeating the key of line `first`. */
static void
part_twice(struct import *imp, const struct pcheck *c, int64_t first)
{
	const char *act = imp_val(imp, A_ACTIVITY);
	char *shown;

	shown = xasprintf(_("programme '%s', %s '%s'%s%s%s"), imp_val(imp, A_PROGRAMME),
	    c->k[2] ? "person" : "organisation", c->participant,
	    act ? ", activity '" : "", act ? act : "", act ? "'" : "");
	imp_twice(imp, NULL, shown, first);
	free(shown);
}

/* Refuses a row whose key (programme, activity, participant) was on an
 * earlier row of the file, unless --last-wins (import_seen.c); the words
 * for the message are made only then.  Rows appended to an empty table
 * are not kept here: the unique index finds a repeated key at the end
 * (bulk_restore), so memory does not grow with the file. */
static bool
part_repeated(struct import *imp, const struct pcheck *c)
{
	int64_t first;

	if (imp->last_wins || imp->append != NULL ||
	    (first = import_seen_put(&imp->seen, c->k,
	    sizeof(c->k), imp->cur.line)) == 0)
		return false;
	part_twice(imp, c, first);
	return true;
}

/*
 * Compares the row with the stored one of its key (import_same.c), where
 * the file allows; true when the row needs nothing more: its values are
 * the stored ones (counted unchanged), or it repeats a stored key met on
 * an earlier line (refused, unless --last-wins).  A key not stored when
 * the import began is kept by part_repeated.  A changed stored row met
 * for the first time is updated by its id (see part_save).
 */
static bool
part_same(struct import *imp, const struct pcheck *c, struct same_match *m,
    int *rc)
{
	if ((*rc = same_match(imp, c->k, &c->v, m)) != 0)
		return true;
	if (!m->stored)
		return part_repeated(imp, c);
	if (m->first != 0 && !imp->last_wins) {
		part_twice(imp, c, m->first);
		return true;
	}
	if (m->unchanged && m->first == 0) {
		imp->unchanged++;
		return true;
	}
	return false;
}

/* Stores a checked row.  When the area has nothing to check against the
 * stored row, or the table was empty, the row is stored as it is;
 * otherwise its area fields are merged into the stored ones and checked
 * first.  A key repeated in the file is refused, or with --last-wins
 * checked against the stored row, not against its earlier line. */
static int
part_save(struct import *imp, struct pcheck *c)
{
	const struct integra_plugin *pl = c->pl;
	struct same_match m = { 0 };
	char *old = NULL;
	int64_t id = 0;
	int rc = 0;

	imp->participant = c->participant;
	if (imp->same ? part_same(imp, c, &m, &rc) : part_repeated(imp, c))
		return rc;
	if (m.stored && m.first == 0)
		return part_store(imp, c->area, c->k, &c->v, m.fields, m.id);
	if (imp->was_empty || (imp->narea == 0 && (pl == NULL ||
	    (pl->fields == NULL && pl->validate == NULL))))
		return part_store(imp, c->area, c->k, &c->v, NULL, 0);
	if ((rc = part_find(imp, c->k, &id, &old)) == 0)
		rc = part_store(imp, c->area, c->k, &c->v, old, 0);
	free(old);
	return rc;
}

/* Checks and stores one row of participation in this thread. */
int
import_part_row(struct import *imp)
{
	struct pcheck c;

	part_check(imp, &c);
	return imp->bad ? 0 : part_save(imp, &c);
}

/* Shows the errors the reader thread found in the row of slot s, and
 * stores the row when it is good. */
int
import_part_take(struct import *imp, struct rowpipe_slot *s)
{
	struct pcheck *c = s->data;
	const char *m;

	for (m = s->msgs.s; m && m < s->msgs.s + s->msgs.len; m += strlen(m) + 1)
		imp_emit(imp, m);
	return c->bad ? 0 : part_save(imp, c);
}

/* The size of what import_part_check() works out for a row. */
const size_t import_part_check_size = sizeof(struct pcheck);

/*
 * The reader thread's work on one row of a participation file (see
 * rows_piped in import.c): every check that needs only the file and the
 * key maps (part_check), on the reader's own copy of the import (arg)
 * and of the context, for the checks' messages; the errors it finds
 * travel with the row in slot s.
 */
void
import_part_check(void *arg, struct rowpipe_slot *s)
{
	struct import *rd = arg;
	struct pcheck *c = s->data;

	imp_set_row(rd, s->field, s->len, s->nfields, s->line);
	rd->bad = false;
	rd->defer = s;
	part_check(rd, c);
	c->bad = rd->bad;
}
