/*
 * The EDRPOU code of an organisation in an import of orgs: checked by its
 * check digit (check_edrpou) and refused when another organisation has
 * it, in the database or earlier in the file.
 */
#include <stdlib.h>

#include "i18n.h"
#include "import.h"

/* Checks the EDRPOU code in core column i of an organisation's row
 * (check_edrpou), and that no other organisation than `code` has it. */
int
import_edrpou(struct import *imp, int i, const char *code)
{
	const char *e = imp_val(imp, i);
	struct dbst *st;
	int rc;

	if (e == NULL)
		return 0;
	if (check_edrpou(imp->ctx, e) != 0) {
		imp_check(imp, i, e, ERR_INVALID);
		return 0;
	}
	if ((rc = db_stmt_get(imp->ctx, &st, "SELECT code FROM organisation WHERE "
	    "edrpou = ? AND code IS NOT ?")) != 0)
		return rc;
	db_bind(st, "tt", e, code);
	if (dbst_step(st) == DB_ROW) {
		char *why = xasprintf(_("belongs to organisation '%s' already"),
		    dbst_text(st, 0));

		imp_report(imp, imp->kind->cols[i], e, why);
		free(why);
	}
	db_stmt_put(imp->ctx, st);
	return 0;
}
