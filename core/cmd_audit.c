/*
 * integra audit: the append-only log of every change, written by the
 * schema's triggers, shown oldest first (newest last), narrowed by date,
 * by one record (KIND:KEY) and to the last N entries.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"

const struct optdef cmd_audit_opts[] = {
	{ .name = "since", .flags = OPT_ARG, .arg = "DATE",
	  .help = N_("only changes on or after DATE") },
	{ .name = "entity", .shortname = 'e', .flags = OPT_ARG, .arg = "KIND:KEY",
	  .help = N_("only changes of one record: organisation "
	  "(or org), person, programme, activity or participation, and its key") },
	{ .name = "limit", .shortname = 'n', .flags = OPT_ARG, .arg = "N",
	  .help = N_("only the last N changes") },
	{ 0 }
};

static const char *const kinds[] = {
	"organisation", "person", "programme", "activity", "participation", NULL
};

/* Splits KIND:KEY; *kind points into a static list, *key into s. */
static int
parse_entity(struct ctx *ctx, const char *s, const char **kind, const char **key)
{
	const char *colon = strchr(s, ':');
	char k[32];
	size_t n, i;

	if (colon == NULL || colon == s || colon[1] == '\0' ||
	    (n = (size_t)(colon - s)) >= sizeof(k))
		return error_set(ctx, ERR_USAGE, "invalid --entity '%s' (expected KIND:KEY, "
		    "such as person:12345)", s);
	memcpy(k, s, n);
	k[n] = '\0';
	if (strcmp(k, "org") == 0)
		strcpy(k, "organisation");
	for (i = 0; kinds[i]; i++)
		if (strcmp(kinds[i], k) == 0)
			break;
	if (kinds[i] == NULL)
		return check_enum(ctx, "entity kind", k, kinds);
	*kind = kinds[i];
	*key = colon + 1;
	return 0;
}

static int
parse_limit(struct ctx *ctx, const char *s, int64_t *out)
{
	char *end;
	long long v;

	*out = -1;
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 1)
		return error_set(ctx, ERR_USAGE, "invalid --limit '%s' (a whole number, "
		    "1 or more)", s);
	*out = v;
	return 0;
}

/* A key matches itself and, for participation, the records under it
 * (PROGRAMME/PARTICIPANT matches PROGRAMME/PARTICIPANT/ACTIVITY). */
int
cmd_audit(struct ctx *ctx, struct args *a)
{
	const char *since = args_get(a, "since"), *ent = args_get(a, "entity");
	const char *kind = NULL, *key = NULL;
	char day[11] = "";
	int64_t limit;
	int rc;

	if ((since && (rc = date_normalise(ctx, "--since", since, day)) != 0) ||
	    (ent && (rc = parse_entity(ctx, ent, &kind, &key)) != 0) ||
	    (rc = parse_limit(ctx, args_get(a, "limit"), &limit)) != 0)
		return rc;
	return cmd_query(ctx, "Audit log",
	    "SELECT at, os_user, command, entity, entity_key, action, old, new "
	    "FROM (SELECT * FROM audit WHERE (?1 IS NULL OR at >= ?1) "
	    "AND (?2 IS NULL OR entity = ?2) "
	    "AND (?3 IS NULL OR entity_key = ?3 "
	    "OR substr(entity_key, 1, length(?3) + 1) = ?3 || '/') "
	    "ORDER BY id DESC LIMIT ?4) ORDER BY id", "ttti", *day ? day : NULL, kind,
	    key, limit);
}
