/*
 * Small helpers the files of the civil_service plugin share: numbers out
 * of values, the first cell of a query, the check that a person may have
 * an individual development programme, and a query streamed to the
 * user's output format.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cs.h"

/* A number out of a value, NAN when it holds none. */
double
cs_real(const struct integra_value *v)
{
	if (v->type == INTEGRA_REAL)
		return v->r;
	if (v->type == INTEGRA_INTEGER)
		return (double)v->i;
	return NAN;
}

/* Row callback: keeps the first column of the first row in a cs_cell. */
int
cs_first_value(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct cs_cell *c = ud;

	if (ncols == 0)
		return 1;
	c->v = cols[0];
	if (cols[0].type == INTEGRA_TEXT && cols[0].s) {
		snprintf(c->s, sizeof(c->s), "%s", cols[0].s);
		c->v.s = c->s;
		c->v.n = strlen(c->s);
	}
	return 1;
}

/* Row callback: the first column as an integer id. */
static int
first_id(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *id = ud;

	if (ncols >= 1 && cols[0].type == INTEGRA_INTEGER)
		*id = cols[0].i;
	return 1;
}

/* The id of a person in the civil or the local self-government service;
 * an error for anyone else. */
int
cs_person_check(const struct integra_host *h, const char *key, int64_t *id)
{
	struct integra_value p = { .type = INTEGRA_TEXT, .s = key };
	struct cs_cell service = { .v.type = INTEGRA_NULL };
	int rc;

	*id = 0;
	if ((rc = api->query(h, "SELECT id FROM person WHERE key = ?1", &p, 1,
	    first_id, id)) != 0)
		return rc;
	if (*id == 0)
		return api->error(h, INTEGRA_ENOTFOUND, "no person '%s'", key);
	if ((rc = api->query(h, "SELECT coalesce(service, '') FROM person WHERE "
	    "key = ?1", &p, 1, cs_first_value, &service)) != 0)
		return rc;
	if (strcmp(service.s, "civil-service") != 0 &&
	    strcmp(service.s, "local-self-government") != 0)
		return api->error(h, INTEGRA_EINVALID, "person '%s' is in service '%s', "
		    "not in the civil or local self-government service (allowed: "
		    "civil-service, local-self-government)", key,
		    *service.s ? service.s : "(none)");
	return INTEGRA_OK;
}

struct emit {
	const struct integra_host *h;
	int rc;
};

static int
emit_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct emit *e = ud;

	(void)ncols;
	return (e->rc = api->emit_row(e->h, cols)) != 0;
}

/* Runs a query and hands its rows to the user's output format. */
int
cs_emit_query(const struct integra_host *h, const char *title,
    const struct integra_column *cols, size_t ncols, const char *sql,
    const struct integra_value *params, size_t nparams)
{
	struct emit e = { .h = h };
	int rc;

	if ((rc = api->emit_begin(h, title, cols, ncols)) != 0)
		return rc;
	if ((rc = api->query(h, sql, params, nparams, emit_row, &e)) == 0)
		rc = e.rc;
	if (rc != 0)
		return rc;
	return api->emit_end(h);
}
