/*
 * Import of individual development programmes from CSV: a header row
 * naming the columns (person, year, programme, topic, kind, length,
 * content, credits; any order, only person and year required), then one
 * plan item a row.  The file is read with the core's strict CSV reader
 * (core/csv.c, built into this plugin); one bad row refuses the whole
 * file, which the host's transaction then leaves unchanged.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "cs.h"

/* What the core's allocation helpers (core/xalloc.c, built in with the
 * reader) call on a broken invariant: the host's error.c is not ours. */
void bug_at(const char *file, int line, const char *msg);

void
bug_at(const char *file, int line, const char *msg)
{
	fprintf(stderr, "integra: civil_service: BUG at %s:%d: %s\n", file, line, msg);
	abort();
}

#define NCOLS 8
static const char *const columns[NCOLS] = {
	"person", "year", "programme", "topic", "kind", "length", "content", "credits"
};

/* Maps the header's names to columns[]; map[i] is the field of column i,
 * or -1. */
static int
read_header(const struct integra_host *h, const char *path, struct csv *c,
    int *map)
{
	size_t f;
	int i;

	for (i = 0; i < NCOLS; i++)
		map[i] = -1;
	for (f = 0; f < c->nfields; f++) {
		for (i = 0; i < NCOLS && strcmp(c->field[f], columns[i]) != 0; i++)
			;
		if (i == NCOLS)
			return api->error(h, INTEGRA_EINVALID, "%s: line 1: unknown column "
			    "'%s' (allowed: person, year, programme, topic, kind, length, "
			    "content, credits)", path, c->field[f]);
		map[i] = (int)f;
	}
	if (map[0] < 0 || map[1] < 0)
		return api->error(h, INTEGRA_EINVALID, "%s: line 1: the columns 'person' "
		    "and 'year' are required", path);
	return INTEGRA_OK;
}

/* Reads every row after the header and adds its item. */
static int
read_rows(const struct integra_host *h, const char *path, struct csv *c,
    const int *map, int *n)
{
	const char *col[NCOLS];
	char where[512];
	int i, r, rc;

	while ((r = csv_next(c)) == CSV_ROW) {
		for (i = 0; i < NCOLS; i++)
			col[i] = map[i] >= 0 && *c->field[map[i]] ? c->field[map[i]] : NULL;
		snprintf(where, sizeof(where), "%s: line %lld: ", path, (long long)c->line);
		if ((rc = cs_plan_row(h, where, col)) != 0)
			return rc;
		(*n)++;
	}
	if (r != CSV_EOF)
		return api->error(h, INTEGRA_EINVALID, "%s: %s", path, c->err);
	return INTEGRA_OK;
}

int
cs_plan_import(const struct integra_host *h, const char *path)
{
	struct csv c;
	int fd, map[NCOLS], n = 0, r, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return api->error(h, INTEGRA_EFAIL, "cannot open '%s': %s", path,
		    strerror(errno));
	csv_init(&c, fd);
	if ((r = csv_next(&c)) != CSV_ROW)
		rc = api->error(h, INTEGRA_EINVALID, "%s: %s", path, r == CSV_EOF ?
		    "the file is empty (expected a header row)" : c.err);
	else if ((rc = read_header(h, path, &c, map)) == 0)
		rc = read_rows(h, path, &c, map, &n);
	csv_release(&c);
	close(fd);
	if (rc == 0)
		api->log(h, INTEGRA_LOG_INFO, CS_("imported %d plan items from %s"), n,
		    path);
	return rc;
}
