/*
 * What the files of the civil_service plugin share: the host's services,
 * the configured classification of training (kinds, lengths, contents,
 * with their credit bounds), the SQL of the one credits figure as the
 * reports use it, and the entry points of each file.
 */
#ifndef CS_H
#define CS_H

#include <libintl.h>

#include "integra/plugin.h"

/* A message a person reads, translated through the plugin's textdomain. */
#define CS_(s)		dgettext("integra", s)
/* Marks a message of a context in a table (xgettext's NC_). */
#define NC_(c, s)	(s)

#define AREA		"civil_service"
#define CREDITS_MAX	120.0	/* two academic years: more is a typing error */
#define CS_CLASS_MAX	16	/* entries of one configured list */
#define CS_NAME_MAX	48

/* The kind of training whose length and content are classified. */
#define KIND_QU		"qualification-upgrading"
#define KIND_SELF	"self-education"

/* One entry of a configured list: a name and its credit bounds. */
struct cs_class {
	char name[CS_NAME_MAX];
	double lo, hi;		/* ECTS credits; 0 and CREDITS_MAX when unbounded */
	int bounded;
};

struct cs_list {
	const char *key;	/* the configuration key it comes from */
	struct cs_class v[CS_CLASS_MAX];
	int n;
};

extern const struct integra_api *api;
extern double hours_per_credit;
extern struct cs_list cs_kinds, cs_lengths, cs_contents;

/* civil_service.c */
int cs_lists_load(const struct integra_host *h);
const struct cs_class *cs_find(const struct cs_list *l, const char *name);
int cs_check_class(const struct integra_host *h, const char *what,
    const char *kind, const char *length, const char *content, double credits);
void cs_allowed(const struct cs_list *l, char *out, size_t size);

/* The first column of the first row of a query, text copied. */
struct cs_cell {
	struct integra_value v;
	char s[512];
};

/* cs_util.c */
double cs_real(const struct integra_value *v);
int cs_first_value(void *ud, const struct integra_value *cols, size_t ncols);
int cs_person_check(const struct integra_host *h, const char *key, int64_t *id);
int cs_emit_query(const struct integra_host *h, const char *title,
    const struct integra_column *cols, size_t ncols, const char *sql,
    const struct integra_value *params, size_t nparams);

/* cs_plan.c */
int cs_migrate(const struct integra_host *h, uint32_t from, uint32_t to);
int cs_plan(const struct integra_host *h, int argc, char **argv);
int cs_plan_row(const struct integra_host *h, const char *where,
    const char *const *col);

/* cs_import.c */
int cs_plan_import(const struct integra_host *h, const char *path);

/* cs_transcript.c */
int cs_transcript(const struct integra_host *h, int argc, char **argv);

/* cs_reports.c: the reports added with the rules of issue 15 */
extern const struct integra_report_query cs_compliance_queries[];
extern const struct integra_column cs_compliance_columns[];
extern const struct integra_report_query cs_needs_queries[];
extern const struct integra_column cs_needs_columns[];
extern const struct integra_report_query cs_expiring_queries[];
extern const struct integra_column cs_expiring_columns[];

/*
 * The credits of each participation of the area: the core's one figure
 * (the view participation_credits: credits earned if given, else the
 * programme's on completion), with the programme's kind.
 */
#define CS_CREDITS_FROM \
	"participation_credits c JOIN programme p ON p.id = c.programme_id " \
	"AND p.area = coalesce(:area, '" AREA "') "

/* cs_reports.c: the identifiers of the compliance report's warnings. */
extern const char *const cs_warnings[];

#endif /* CS_H */
