/*
 * The transcript: one person's professional development over a period,
 * to hand to the person: each completed programme with its provider,
 * kind, hours, credits (the core's one figure) and certificate, in the
 * user's output format (--format before the command).
 */
#include <stdio.h>
#include <string.h>

#include "cs.h"

static const struct integra_column transcript_columns[] = {
	{ .name = "date", .type = INTEGRA_DATE, .label = N_("Completed on"),
	  .total = INTEGRA_TOTAL_NONE },
	{ .name = "programme", .type = INTEGRA_TEXT, .label = N_("Code") },
	{ .name = "title", .type = INTEGRA_TEXT, .label = N_("Programme") },
	{ .name = "provider", .type = INTEGRA_TEXT, .label = N_("Provider") },
	{ .name = "kind", .type = INTEGRA_TEXT, .label = N_("Kind of training") },
	{ .name = "length", .type = INTEGRA_TEXT, .label = N_("Length") },
	{ .name = "content", .type = INTEGRA_TEXT, .label = N_("Content") },
	{ .name = "hours", .type = INTEGRA_REAL, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Hours"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "credits", .type = INTEGRA_REAL,
	  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE,
	  .label = N_("ECTS credits"), .total = INTEGRA_TOTAL_SUM },
	{ .name = "certificate", .type = INTEGRA_TEXT, .label = N_("Certificate") },
	{ .name = "certificate_date", .type = INTEGRA_DATE,
	  .label = N_("Certificate date") },
	{ .name = "valid_until", .type = INTEGRA_DATE, .label = N_("Valid until") },
};

/* Programmes recorded before the kinds of issue 15 have the length as
 * their kind (professional, short-term): shown as qualification upgrading
 * of that length. */
#define LEGACY_KIND \
	"CASE WHEN json_extract(p.fields, '$.kind') IN ('professional', 'short-term') " \
	"THEN '" KIND_QU "' ELSE json_extract(p.fields, '$.kind') END"
#define LEGACY_LENGTH \
	"coalesce(json_extract(p.fields, '$.length'), CASE WHEN json_extract(p.fields, " \
	"'$.kind') IN ('professional', 'short-term') THEN json_extract(p.fields, " \
	"'$.kind') END)"

/* Takes --from DATE and --to DATE after the person's key. */
static int
period(const struct integra_host *h, int argc, char **argv, char from[11],
    char to[11])
{
	int i, rc;

	*from = *to = '\0';
	for (i = 2; i < argc; i += 2) {
		if (i + 1 >= argc || (strcmp(argv[i], "--from") != 0 &&
		    strcmp(argv[i], "--to") != 0))
			return api->error(h, INTEGRA_EUSAGE, "transcript: unexpected '%s' "
			    "(expected --from DATE or --to DATE)", argv[i]);
		if ((rc = api->parse_date(h, argv[i + 1], argv[i][2] == 'f' ? from :
		    to)) != 0)
			return rc;
	}
	if (*from && *to && strcmp(from, to) > 0)
		return api->error(h, INTEGRA_EUSAGE, "transcript: --from %s is after "
		    "--to %s", from, to);
	return INTEGRA_OK;
}

/* transcript PERSON [--from DATE] [--to DATE] */
int
cs_transcript(const struct integra_host *h, int argc, char **argv)
{
	struct integra_value v[4] = { { .type = INTEGRA_INTEGER },
	    { .type = INTEGRA_NULL }, { .type = INTEGRA_NULL },
	    { .type = INTEGRA_REAL, .r = hours_per_credit } };
	char from[11], to[11], title[1024];
	struct cs_cell name = { .v.type = INTEGRA_NULL };
	int64_t person;
	int rc;

	if (argc < 2 || argv[1][0] == '-')
		return api->error(h, INTEGRA_EUSAGE, "transcript: give PERSON "
		    "[--from DATE] [--to DATE]");
	if ((rc = cs_person_check(h, argv[1], &person)) != 0 ||
	    (rc = period(h, argc, argv, from, to)) != 0)
		return rc;
	v[0].i = person;
	if (*from)
		v[1] = (struct integra_value){ .type = INTEGRA_TEXT, .s = from };
	if (*to)
		v[2] = (struct integra_value){ .type = INTEGRA_TEXT, .s = to };
	if ((rc = api->query(h, "SELECT name FROM person WHERE id = ?1", v, 1,
	    cs_first_value, &name)) != 0)
		return rc;
	snprintf(title, sizeof(title), CS_("Transcript of professional development: "
	    "%s (%s), %s to %s"), name.s, argv[1], *from ? from : "…", *to ? to : "…");
	return cs_emit_query(h, title, transcript_columns,
	    sizeof(transcript_columns) / sizeof(transcript_columns[0]),
	    "SELECT c.credit_date, p.code, p.title, coalesce(json_extract(p.fields, "
	    "'$.provider'), o.name), " LEGACY_KIND ", " LEGACY_LENGTH ", "
	    "json_extract(p.fields, '$.content'), "
	    "round(CAST(coalesce(pa.hours, c.credits * ?4) AS NUMERIC), 2), c.credits, "
	    "json_extract(pa.fields, '$.certificate'), "
	    "json_extract(pa.fields, '$.certificate_date'), "
	    "json_extract(pa.fields, '$.certificate_valid_until') "
	    "FROM participation_credits c JOIN programme p ON p.id = c.programme_id "
	    "AND p.area = '" AREA "' JOIN participation pa ON pa.id = c.participation_id "
	    "LEFT JOIN organisation o ON o.code = json_extract(p.fields, '$.provider_org') "
	    "WHERE c.person_id = ?1 AND c.credits IS NOT NULL "
	    "AND (?2 IS NULL OR c.credit_date >= ?2) AND (?3 IS NULL OR c.credit_date <= ?3) "
	    "ORDER BY c.credit_date, p.code", v, 4);
}
