/*
 * Recurring reporting duties of the decree plugin (duties.c): their
 * tables, the `decree duty` command, the dc_duties report and the rows
 * they add to `integra deadlines`.
 */
#ifndef DECREE_DUTIES_H
#define DECREE_DUTIES_H

#include "integra/plugin.h"

/* The SQL of the descriptor's `deadlines` member and of dc_duties. */
extern const char duties_deadlines_sql[];
extern const struct integra_report_query duties_queries[];
extern const struct integra_column duties_columns[];

void duties_init(const struct integra_api *a);
/* Creates the tables (schema version 1). */
int duties_migrate(const struct integra_host *h);
/* `decree duty add|list|done ...` */
int duties_cmd(const struct integra_host *h, int argc, char **argv);

#endif /* DECREE_DUTIES_H */
