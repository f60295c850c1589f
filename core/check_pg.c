/*
 * integra check on PostgreSQL.  The server keeps its own pages sound, so
 * what SQLite's integrity check finds in a file is, on a server, what
 * leaves integra's schema weaker than declared: an index a failed build
 * left invalid, a constraint added NOT VALID, a trigger (the audit's)
 * disabled.  Foreign keys are checked row by row as SQLite's
 * foreign_key_check does, since triggers can be bypassed
 * (session_replication_role = replica) and constraints left unchecked.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "check_pg.h"

const char check_pg_integrity_sql[] =
    "SELECT 'index ' || c.relname || ' is not valid (rebuild it with REINDEX)' "
    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "WHERE c.relnamespace = CAST(current_schema() AS regnamespace) "
    "AND NOT (i.indisvalid AND i.indisready) "
    "UNION ALL SELECT 'constraint ' || conname || ' of ' || "
    "CAST(CAST(conrelid AS regclass) AS TEXT) || ' is not validated' "
    "FROM pg_constraint WHERE NOT convalidated "
    "AND connamespace = CAST(current_schema() AS regnamespace) "
    "UNION ALL SELECT 'trigger ' || t.tgname || ' of ' || c.relname || "
    "' is disabled' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE c.relnamespace = CAST(current_schema() AS regnamespace) "
    "AND NOT t.tgisinternal AND t.tgenabled = 'D'";

/* The single-column foreign keys of integra's schema, quoted for SQL:
 * table, column, parent, parent's column, the table and the parent as
 * literals, and the row's identifier (id, else the column). */
static const char fk_sql[] =
    "SELECT quote_ident(c.relname), quote_ident(a.attname), "
    "quote_ident(p.relname), quote_ident(pa.attname), "
    "quote_literal(c.relname), quote_literal(p.relname), "
    "CASE WHEN EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid "
    "AND x.attname = 'id' AND NOT x.attisdropped) THEN 'id' "
    "ELSE quote_ident(a.attname) END "
    "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
    "JOIN pg_class p ON p.oid = k.confrelid "
    "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
    "JOIN pg_attribute pa ON pa.attrelid = k.confrelid "
    "AND pa.attnum = k.confkey[1] "
    "WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 "
    "AND k.connamespace = CAST(current_schema() AS regnamespace) "
    "ORDER BY c.relname, a.attname";

/* The union of one anti-join per foreign key (see check_pg.h). */
char *
check_pg_references_sql(struct ctx *ctx)
{
	struct buf b = { 0 };
	struct dbst *st;
	int rc;

	if (db_prepare(ctx, &st, fk_sql) != 0)
		return NULL;
	buf_adds(&b, "SELECT CAST(NULL AS TEXT) WHERE 1 = 0");
	while ((rc = dbst_step(st)) == DB_ROW)
		buf_printf(&b, " UNION ALL SELECT %s || ' row ' || "
		    "CAST(x.%s AS TEXT) || ' refers to a missing ' || %s "
		    "FROM %s x WHERE x.%s IS NOT NULL AND NOT EXISTS "
		    "(SELECT 1 FROM %s y WHERE y.%s = x.%s)",
		    dbst_text(st, 4), dbst_text(st, 6), dbst_text(st, 5),
		    dbst_text(st, 0), dbst_text(st, 1), dbst_text(st, 2),
		    dbst_text(st, 3), dbst_text(st, 1));
	if (rc != DB_DONE)
		db_error(ctx, "cannot read the foreign keys");
	dbst_finalize(st);
	if (rc != DB_DONE)
		buf_release(&b);
	return b.s;
}
