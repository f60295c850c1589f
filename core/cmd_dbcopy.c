/*
 * integra export-db FILE and integra import-db FILE: the whole register
 * as one JSON Lines dump (dbcopy.h), to move it from one database to
 * another (an office's SQLite file to the shared PostgreSQL server, and
 * back).  Export reads one snapshot and writes the file atomically;
 * import fills an empty, initialised database of the same schema in one
 * transaction, with every table's count checked, or stores nothing.
 * Written against the storage interface only: what differs between the
 * backends is behind dbc_is_pg().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dbcopy.h"

/* The columns of the per-table summary both commands print. */
static const struct integra_column summary_cols[] = {
	{ .name = "table", .type = INTEGRA_TEXT },
	{ .name = "rows", .type = INTEGRA_INTEGER },
	{ .name = "check", .type = INTEGRA_TEXT, .total = INTEGRA_TOTAL_NONE },
};

/* Prints one line per table: its name, its rows and "ok". */
static int
print_summary(struct ctx *ctx, const char *title, const struct dbcopy_tables *t,
    const int64_t *rows)
{
	struct integra_value v[3] = {
		{ .type = INTEGRA_TEXT }, { .type = INTEGRA_INTEGER },
		{ .type = INTEGRA_TEXT, .s = "ok" }
	};
	struct out *o;
	size_t i;
	int rc;

	if ((rc = out_open(ctx, title, summary_cols, ARRAY_SIZE(summary_cols),
	    &o)) != 0)
		return rc;
	for (i = 0; rc == 0 && i < t->n; i++) {
		v[0].s = t->name[i];
		v[1].i = rows[i];
		rc = out_row(o, v);
	}
	if (out_close(o, rc == 0) != 0 && rc == 0)
		rc = ctx->err ? ctx->err : ERR_FAIL;
	return rc;
}

/* Appends name as an SQL identifier in double quotes. */
static void
put_ident(struct buf *b, const char *name)
{
	buf_addc(b, '"');
	for (; *name; name++) {
		if (*name == '"')
			buf_addc(b, '"');
		buf_addc(b, *name);
	}
	buf_addc(b, '"');
}

/* The number of rows of table now. */
static int
count_rows(struct ctx *ctx, const char *table, int64_t *n)
{
	struct buf sql = { 0 };
	int rc;

	buf_adds(&sql, "SELECT count(*) FROM ");
	put_ident(&sql, table);
	rc = db_query_int(ctx, n, sql.s, "");
	buf_release(&sql);
	return rc;
}

/* Writes the finished line of b to fp and empties b. */
static void
put_line(FILE *fp, struct buf *b)
{
	buf_addc(b, '\n');
	fwrite(b->s, 1, b->len, fp);
	buf_reset(b);
}

/* The header: the dump format, each component's schema version, when
 * and from which backend. */
static int
export_header(struct ctx *ctx, FILE *fp, struct buf *b)
{
	struct dbst *st;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc, n = 0;

	if ((rc = db_prepare(ctx, &st, "SELECT component, max(version) FROM "
	    "migration GROUP BY component ORDER BY component <> 'core', "
	    "component")) != 0)
		return rc;
	buf_printf(b, "{\"integra_dump\": %d, \"schema\": {", DBCOPY_FORMAT);
	while ((rc = dbst_step(st)) == DB_ROW) {
		buf_adds(b, n++ ? ", " : "");
		jv_put_str(b, dbst_text(st, 0), (size_t)dbst_bytes(st, 0));
		buf_printf(b, ": %lld", (long long)dbst_int(st, 1));
	}
	rc = rc == DB_DONE ? 0 : db_error(ctx, "cannot read the schema versions");
	dbst_finalize(st);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	buf_printf(b, "}, \"exported\": \"%s\", \"source\": \"%s\"}", now,
	    dbc_is_pg(ctx->db) ? "postgresql" : "sqlite");
	put_line(fp, b);
	return rc;
}

/* Appends column i of the current row; a text that is not UTF-8 (which
 * no import could read back) is refused, naming the row. */
static int
row_value(struct ctx *ctx, struct dbst *st, const char *table, int i,
    struct buf *b)
{
	struct integra_value v;

	db_column_value(st, i, INTEGRA_TEXT, &v);
	if (v.type == INTEGRA_TEXT && !text_valid_utf8(v.s, v.n))
		return error_set(ctx, ERR_INVALID, "table '%s', the row of %s %s: "
		    "column '%s' is not valid UTF-8; correct it before the move",
		    table, dbst_name(st, 0), dbst_text(st, 0), dbst_name(st, i));
	jv_put_value(b, &v);
	return 0;
}

/* The rows of st, one JSON array a line; *rows the rows written. */
static int
export_rows(struct ctx *ctx, FILE *fp, struct buf *b, struct dbst *st,
    const char *table, int64_t *rows)
{
	int i, rc;

	for (*rows = 0; (rc = dbst_step(st)) == DB_ROW; (*rows)++) {
		for (i = 0; i < dbst_ncols(st); i++) {
			buf_adds(b, i ? ", " : "[");
			if (row_value(ctx, st, table, i, b) != 0) {
				buf_reset(b);
				return ctx->err;
			}
		}
		buf_adds(b, "]");
		put_line(fp, b);
	}
	return rc == DB_DONE ? 0 : db_error(ctx, "cannot read the rows");
}

/* One table: its columns line, then a JSON array per row; *rows the rows
 * written, checked against the table's count. */
static int
export_table(struct ctx *ctx, FILE *fp, struct buf *b, const char *table,
    int64_t *rows)
{
	struct dbst *st;
	char *sql = dbcopy_select(table);
	int64_t n = 0;
	int i, rc;

	rc = db_prepare(ctx, &st, sql);
	free(sql);
	if (rc != 0)
		return rc;
	buf_adds(b, "{\"table\": ");
	jv_put_str(b, table, strlen(table));
	buf_adds(b, ", \"columns\": [");
	for (i = 0; i < dbst_ncols(st); i++) {
		buf_adds(b, i ? ", " : "");
		jv_put_str(b, dbst_name(st, i), strlen(dbst_name(st, i)));
	}
	buf_adds(b, "]}");
	put_line(fp, b);
	rc = export_rows(ctx, fp, b, st, table, rows);
	dbst_finalize(st);
	if (rc == 0 && (rc = count_rows(ctx, table, &n)) == 0 && n != *rows)
		rc = error_set(ctx, ERR_FAIL, "table '%s' has %lld rows but %lld were "
		    "read in order (an organisation that is its own ancestor?)", table,
		    (long long)n, (long long)*rows);
	return rc;
}

/* Writes the whole dump to fp: header, tables, counts. */
static int
export_all(struct ctx *ctx, FILE *fp, const struct dbcopy_tables *t,
    int64_t *rows)
{
	struct buf b = { 0 };
	size_t i;
	int rc;

	rc = export_header(ctx, fp, &b);
	for (i = 0; rc == 0 && i < t->n; i++)
		rc = export_table(ctx, fp, &b, t->name[i], &rows[i]);
	if (rc == 0) {
		buf_adds(&b, "{\"counts\": {");
		for (i = 0; i < t->n; i++) {
			buf_adds(&b, i ? ", " : "");
			jv_put_str(&b, t->name[i], strlen(t->name[i]));
			buf_printf(&b, ": %lld", (long long)rows[i]);
		}
		buf_adds(&b, "}}");
		put_line(fp, &b);
	}
	buf_release(&b);
	return rc;
}

/* Writes the dump to path ("-": the command's output, standard output
 * unless the dispatcher chose another, with no summary). */
static int
export_to(struct ctx *ctx, const char *path, const struct dbcopy_tables *t,
    int64_t *rows)
{
	struct out_target target;
	struct atomic *file;
	int rc;

	if (strcmp(path, "-") == 0) {
		rc = export_all(ctx, ctx->out, t, rows);
		if (rc == 0 && (fflush(ctx->out) != 0 || ferror(ctx->out)))
			rc = error_set(ctx, ERR_FAIL, "cannot write standard output: %s",
			    strerror(errno));
		return rc;
	}
	if ((rc = out_target_init(ctx, NULL, &target)) != 0)
		return rc;
	target.mode = 0600;	/* the register: personal data */
	if ((rc = atomic_open(ctx, path, &target, &file)) != 0)
		return rc;
	if ((rc = export_all(ctx, target.fp, t, rows)) != 0) {
		atomic_abort(file);
		return rc;
	}
	return atomic_commit(file, NULL);
}

/* integra export-db FILE: every table of the register, read in one
 * transaction (a consistent snapshot), into FILE. */
int
cmd_export_db(struct ctx *ctx, struct args *a)
{
	const char *path = a->pos[0];
	struct dbcopy_tables t = { 0 };
	int64_t *rows = NULL;
	int rc;

	if (dbc_exec(ctx->db, dbc_is_pg(ctx->db) ?
	    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN") != DB_OK)
		return db_error(ctx, "cannot start a transaction");
	if ((rc = dbcopy_tables(ctx, &t)) == 0) {
		rows = xcalloc(t.n + 1, sizeof(*rows));
		rc = export_to(ctx, path, &t, rows);
	}
	dbc_exec(ctx->db, "ROLLBACK");
	if (rc == 0 && strcmp(path, "-") != 0)
		rc = print_summary(ctx, _("Tables exported"), &t, rows);
	free(rows);
	dbcopy_tables_free(&t);
	return rc;
}

/* An import under way. */
struct imp {
	struct ctx *ctx;
	const char *file;	/* as named for messages */
	FILE *fp;
	size_t line;		/* the line being read, from 1 */
	struct dbcopy_tables t;	/* the target's tables */
	int64_t *rows;		/* rows read per table; -1 before its line */
	size_t cur;		/* the table being filled, t.n for none */
	struct dbst *ins;	/* its INSERT */
	size_t ncols;
	bool *skip;		/* [0..ncols): a column the target leaves out */
	bool done;		/* the counts line was read */
};

/* Refuses a target whose tables hold rows: the first such, with its count. */
static int
check_empty(struct imp *im)
{
	int64_t n;
	size_t i;
	int rc;

	for (i = 0; i < im->t.n; i++) {
		if ((rc = count_rows(im->ctx, im->t.name[i], &n)) != 0)
			return rc;
		if (n > 0)
			return error_set(im->ctx, ERR_EXISTS, "database '%s' is not "
			    "empty: table '%s' has %lld rows; import-db fills only a "
			    "newly initialised database", cfg_database(im->ctx->cfg),
			    im->t.name[i], (long long)n);
	}
	return 0;
}

/* The refusal of a component whose schema versions differ (0: none). */
static int
schema_differs(struct imp *im, const char *comp, int64_t dump, int64_t db)
{
	return error_set(im->ctx, ERR_INVALID, "schema of '%s' differs: dump '%s' "
	    "has version %lld, database '%s' has %lld (0: none); import into a "
	    "database initialised by the same integra with the same plugins", comp,
	    im->file, (long long)dump, cfg_database(im->ctx->cfg), (long long)db);
}

/* Every component's schema version of the dump must be the target's,
 * and the target may have no component the dump has not. */
static int
check_schema(struct imp *im, const struct jv *schema)
{
	struct dbst *st;
	size_t i;
	int v, rc = 0;

	for (i = 0; rc == 0 && i < schema->n; i++) {
		if ((rc = db_schema_version(im->ctx, schema->k[i], &v)) != 0)
			return rc;
		if (schema->v[i].type != JV_INT || schema->v[i].i != v)
			return schema_differs(im, schema->k[i], schema->v[i].type ==
			    JV_INT ? schema->v[i].i : 0, v);
	}
	if ((rc = db_prepare(im->ctx, &st, "SELECT component, max(version) FROM "
	    "migration GROUP BY component ORDER BY component")) != 0)
		return rc;
	while ((rc = dbst_step(st)) == DB_ROW)
		if (jv_get(schema, dbst_text(st, 0)) == NULL)
			break;
	if (rc == DB_ROW)
		rc = schema_differs(im, dbst_text(st, 0), 0, dbst_int(st, 1));
	else
		rc = rc == DB_DONE ? 0 : db_error(im->ctx, "cannot read the schema "
		    "versions");
	dbst_finalize(st);
	return rc;
}

/* A malformed line: the file, the line and why. */
static int
bad_line(struct imp *im, const char *why)
{
	return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: %s", im->file,
	    im->line, why);
}

/* The header line: the dump format and the schema versions. */
static int
read_header(struct imp *im, const struct jv *h)
{
	const struct jv *fmt = jv_get(h, "integra_dump");
	const struct jv *schema = jv_get(h, "schema");

	if (fmt == NULL || fmt->type != JV_INT)
		return bad_line(im, _("not an integra dump: the first line has no "
		    "\"integra_dump\""));
	if (fmt->i != DBCOPY_FORMAT)
		return error_set(im->ctx, ERR_INVALID, "dump '%s' is of format %lld; "
		    "this integra reads format %d", im->file, (long long)fmt->i,
		    DBCOPY_FORMAT);
	if (schema == NULL || schema->type != JV_OBJ)
		return bad_line(im, _("the header has no \"schema\" object"));
	return check_schema(im, schema);
}

/* Whether name is one of the n names of v. */
static bool
name_in(const char *name, char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

/* Whether the dump's column i is a name among the n of have, and not
 * one given before it. */
static bool
column_ok(const struct jv *cols, size_t i, char *const *have, size_t n)
{
	size_t j;

	if (cols->v[i].type != JV_STR || !name_in(cols->v[i].s, have, n))
		return false;
	for (j = 0; j < i; j++)
		if (strcmp(cols->v[j].s, cols->v[i].s) == 0)
			return false;
	return true;
}

/* Columns only one backend's schema has, which a target without them
 * leaves out of a dump of the other: a server's audit names the role
 * that wrote each row (schema_pg.c), and an SQLite file has no roles. */
static const struct {
	const char *table, *column;
} backend_only[] = {
	{ .table = "audit", .column = "db_role" },
};

/* Whether the dump's column i of table is one the target leaves out: a
 * column of backend_only that the target's table (have) has not. */
static bool
left_out(const char *table, const struct jv *cols, size_t i, char *const *have,
    size_t n)
{
	size_t j;

	if (cols->v[i].type != JV_STR || name_in(cols->v[i].s, have, n))
		return false;
	for (j = 0; j < ARRAY_SIZE(backend_only); j++)
		if (strcmp(backend_only[j].table, table) == 0 &&
		    strcmp(backend_only[j].column, cols->v[i].s) == 0)
			return true;
	return false;
}

/* Whether the dump's columns name name. */
static bool
dump_has(const struct jv *cols, const char *name)
{
	size_t i;

	for (i = 0; i < cols->n; i++)
		if (cols->v[i].type == JV_STR && strcmp(cols->v[i].s, name) == 0)
			return true;
	return false;
}

/* The INSERT of the dump's columns the target keeps (im->skip set); a
 * column of backend_only that the target has and the dump lacks is
 * NULL, not its default: the other backend did not record it. */
static char *
insert_sql(struct imp *im, const char *table, const struct jv *cols,
    char *const *have, size_t n)
{
	struct buf sql = { 0 };
	size_t i, k = 0, nulls = 0;

	buf_adds(&sql, "INSERT INTO ");
	put_ident(&sql, table);
	for (i = 0; i < cols->n; i++)
		if (!im->skip[i]) {
			buf_adds(&sql, k++ ? ", " : " (");
			put_ident(&sql, cols->v[i].s);
		}
	for (i = 0; i < ARRAY_SIZE(backend_only); i++)
		if (strcmp(backend_only[i].table, table) == 0 &&
		    name_in(backend_only[i].column, have, n) &&
		    !dump_has(cols, backend_only[i].column)) {
			buf_adds(&sql, k + nulls++ ? ", " : " (");
			put_ident(&sql, backend_only[i].column);
		}
	for (i = 0; i < k; i++)
		buf_adds(&sql, i ? ", ?" : ") VALUES (?");
	for (i = 0; i < nulls; i++)
		buf_adds(&sql, k + i ? ", NULL" : ") VALUES (NULL");
	buf_adds(&sql, ")");
	return sql.s;
}

/* Checks a table line's columns against the target table's (its names,
 * in any order, each once; a column the dump lacks, such as one only the
 * other backend has, takes its default, and one only the other backend
 * has is left out) and prepares its INSERT. */
static int
prepare_insert(struct imp *im, const char *table, const struct jv *cols)
{
	struct buf sql = { 0 };
	struct dbst *st;
	char **have = NULL;
	size_t i, n = 0;
	int rc;

	buf_adds(&sql, "SELECT * FROM ");
	put_ident(&sql, table);
	if ((rc = db_prepare(im->ctx, &st, sql.s)) != 0)
		goto out;
	n = (size_t)dbst_ncols(st);
	have = xcalloc(n + 1, sizeof(*have));
	for (i = 0; i < n; i++)
		have[i] = xstrdup(dbst_name(st, i));
	dbst_finalize(st);
	im->skip = xrealloc(im->skip, (cols->n + 1) * sizeof(*im->skip));
	for (i = 0; rc == 0 && i < cols->n; i++)
		if (!(im->skip[i] = left_out(table, cols, i, have, n)) &&
		    !column_ok(cols, i, have, n))
			rc = error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: "
			    "column %zu of table '%s' is not a column of the database's "
			    "table, or is given twice", im->file, im->line, i + 1, table);
	if (rc != 0)
		goto out;
	buf_release(&sql);
	sql.s = insert_sql(im, table, cols, have, n);
	rc = db_prepare(im->ctx, &im->ins, sql.s);
	im->ncols = cols->n;
out:
	strv_free(have, n);
	buf_release(&sql);
	return rc;
}

/* A table line: the table (one of the target's, given once) and its
 * columns; the rows that follow go into it. */
static int
start_table(struct imp *im, const struct jv *name, const struct jv *cols)
{
	size_t i;

	dbst_finalize(im->ins);
	im->ins = NULL;
	im->cur = im->t.n;
	if (name->type != JV_STR || cols == NULL || cols->type != JV_ARR ||
	    cols->n == 0)
		return bad_line(im, _("a table line needs \"table\", a name, and "
		    "\"columns\", a list of names"));
	for (i = 0; i < im->t.n && strcmp(im->t.name[i], name->s) != 0; i++)
		;
	if (i == im->t.n)
		return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: the "
		    "database has no table '%s' (was the dump made with other "
		    "plugins?)", im->file, im->line, name->s);
	if (im->rows[i] >= 0)
		return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: table "
		    "'%s' is given a second time", im->file, im->line, name->s);
	im->rows[i] = 0;
	im->cur = i;
	return prepare_insert(im, name->s, cols);
}

/* Binds the value of a row's column i (from 1): a number, a text or
 * null (a list or an object is refused before). */
static void
bind_value(struct dbst *st, int i, const struct jv *v)
{
	if (v->type == JV_INT || v->type == JV_BOOL)
		dbst_bind_int(st, i, v->i);
	else if (v->type == JV_REAL)
		dbst_bind_double(st, i, v->r);
	else if (v->type == JV_STR)
		dbst_bind_text(st, i, v->s, (int)v->n);
	else
		dbst_bind_null(st, i);
}

/* A row line: as many values as its table has columns, stored. */
static int
insert_row(struct imp *im, const struct jv *row)
{
	size_t i;
	int rc, k = 0;

	if (im->cur == im->t.n)
		return bad_line(im, _("a row before any table line"));
	if (row->n != im->ncols)
		return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: %zu "
		    "values for the %zu columns of table '%s'", im->file, im->line,
		    row->n, im->ncols, im->t.name[im->cur]);
	for (i = 0; i < row->n; i++)
		if (row->v[i].type == JV_ARR || row->v[i].type == JV_OBJ)
			return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: "
			    "value %zu is a list or an object, not a number, a text or "
			    "null", im->file, im->line, i + 1);
	dbst_reset(im->ins);
	for (i = 0; i < row->n; i++)
		if (!im->skip[i])
			bind_value(im->ins, ++k, &row->v[i]);
	rc = dbst_step(im->ins);
	if (rc != DB_DONE && rc != DB_ROW)
		return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: cannot "
		    "store the row in table '%s': %s", im->file, im->line,
		    im->t.name[im->cur], dbc_errmsg(im->ctx->db));
	im->rows[im->cur]++;
	return 0;
}

/* The counts line: each table's count as the dump gives it must be the
 * rows read and the rows the database now holds. */
static int
read_counts(struct imp *im, const struct jv *counts)
{
	const struct jv *c;
	int64_t n;
	size_t i;
	int rc;

	if (counts->type != JV_OBJ)
		return bad_line(im, _("\"counts\" is not an object"));
	for (i = 0; i < counts->n; i++)
		if (!name_in(counts->k[i], im->t.name, im->t.n))
			return error_set(im->ctx, ERR_INVALID, "dump '%s', line %zu: the "
			    "database has no table '%s' (was the dump made with other "
			    "plugins?)", im->file, im->line, counts->k[i]);
	for (i = 0; i < im->t.n; i++) {
		c = jv_get(counts, im->t.name[i]);
		if (im->rows[i] < 0 || c == NULL || c->type != JV_INT)
			return error_set(im->ctx, ERR_INVALID, "dump '%s': no table '%s' "
			    "in it, or no count of it in its counts line", im->file,
			    im->t.name[i]);
		if ((rc = count_rows(im->ctx, im->t.name[i], &n)) != 0)
			return rc;
		if (c->i != im->rows[i] || n != im->rows[i])
			return error_set(im->ctx, ERR_INVALID, "dump '%s': table '%s' "
			    "counts %lld rows, %lld were read and the database holds "
			    "%lld; nothing is stored", im->file, im->t.name[i],
			    (long long)c->i, (long long)im->rows[i], (long long)n);
	}
	im->done = true;
	return 0;
}

/* One parsed line, by what it is. */
static int
read_line(struct imp *im, const struct jv *v)
{
	const struct jv *x;

	if (im->done)
		return bad_line(im, _("more after the counts line"));
	if (im->line == 1)
		return v->type == JV_OBJ ? read_header(im, v) : bad_line(im,
		    _("not an integra dump: the first line is not its header"));
	if (v->type == JV_ARR)
		return insert_row(im, v);
	if (v->type == JV_OBJ && (x = jv_get(v, "table")) != NULL)
		return start_table(im, x, jv_get(v, "columns"));
	if (v->type == JV_OBJ && (x = jv_get(v, "counts")) != NULL)
		return read_counts(im, x);
	return bad_line(im, _("expected a table line, a row (a list) or the "
	    "counts line"));
}

/* Reads the dump line by line until its counts line. */
static int
read_dump(struct imp *im)
{
	char *line = NULL, why[128];
	size_t cap = 0;
	ssize_t len;
	struct jv v;
	int rc = 0;

	while (rc == 0 && (len = getline(&line, &cap, im->fp)) >= 0) {
		im->line++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (!jv_parse(line, (size_t)len, &v, why, sizeof(why)))
			rc = bad_line(im, why);
		else
			rc = read_line(im, &v);
		jv_free(&v);
	}
	free(line);
	if (rc == 0 && ferror(im->fp))
		rc = error_set(im->ctx, ERR_FAIL, "cannot read '%s': %s", im->file,
		    strerror(errno));
	if (rc == 0 && !im->done)
		rc = error_set(im->ctx, ERR_INVALID, "dump '%s' ends at line %zu "
		    "without its counts line (cut short?); nothing is stored",
		    im->file, im->line);
	return rc;
}

/* PostgreSQL: each table's identity sequence moved past its largest id,
 * so that the next row added gets a new one. */
static int
move_sequences(struct imp *im)
{
	struct buf sql = { 0 };
	struct dbst *st;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < im->t.n; i++) {
		buf_reset(&sql);
		buf_adds(&sql, "SELECT * FROM ");
		put_ident(&sql, im->t.name[i]);
		if ((rc = db_prepare(im->ctx, &st, sql.s)) != 0)
			break;
		rc = dbst_ncols(st) > 0 && strcmp(dbst_name(st, 0), "id") == 0;
		dbst_finalize(st);
		if (rc == 0)
			continue;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
		    "max(id)) FROM ", im->t.name[i]);
		put_ident(&sql, im->t.name[i]);
		rc = db_prepare(im->ctx, &st, sql.s);
		if (rc == 0 && dbst_step(st) != DB_ROW)
			rc = db_error(im->ctx, "cannot move the identity sequence");
		dbst_finalize(st);
	}
	buf_release(&sql);
	return rc;
}

/* Fills the target from the open dump, with the audit triggers silent. */
static int
import_all(struct imp *im)
{
	struct ctx *ctx = im->ctx;
	bool audit = ctx->audit_off;
	int rc;

	if ((rc = dbcopy_tables(ctx, &im->t)) != 0)
		return rc;
	im->rows = xcalloc(im->t.n + 1, sizeof(*im->rows));
	memset(im->rows, 0xff, im->t.n * sizeof(*im->rows));	/* -1 each */
	im->cur = im->t.n;
	if ((rc = check_empty(im)) != 0)
		return rc;
	ctx->audit_off = true;
	if (dbc_is_pg(ctx->db) && (rc = db_query_int(ctx, &(int64_t){ 0 },
	    "SELECT 0 FROM (SELECT set_config('integra.audit_on', '0', true)) x",
	    "")) != 0)
		goto out;
	if ((rc = read_dump(im)) == 0 && dbc_is_pg(ctx->db))
		rc = move_sequences(im);
	if (rc == 0 && dbc_is_pg(ctx->db))
		rc = db_query_int(ctx, &(int64_t){ 0 }, "SELECT 0 FROM (SELECT "
		    "set_config('integra.audit_on', '1', true)) x", "");
out:
	ctx->audit_off = audit;
	return rc;
}

/* integra import-db FILE: the dump of export-db into this database, which
 * must be initialised with the same schema and hold no rows; all of it in
 * one transaction, or nothing. */
int
cmd_import_db(struct ctx *ctx, struct args *a)
{
	struct imp im = { .ctx = ctx, .file = a->pos[0] };
	int rc;

	if (strcmp(im.file, "-") == 0) {
		im.fp = stdin;
		im.file = _("standard input");
	} else if ((im.fp = fopen(im.file, "r")) == NULL) {
		return error_set(ctx, ERR_NOTFOUND, "cannot open '%s': %s", im.file,
		    strerror(errno));
	}
	rc = import_all(&im);
	dbst_finalize(im.ins);
	free(im.skip);
	if (im.fp != stdin)
		fclose(im.fp);
	if (rc == 0)
		rc = print_summary(ctx, _("Tables imported"), &im.t, im.rows);
	free(im.rows);
	dbcopy_tables_free(&im.t);
	return rc;
}
