/*
 * integra import: loads organisations, people, programmes or participation
 * from a CSV file (RFC 4180, strict; see csv.c) in one transaction.  The
 * header names the columns in any order; every row is checked with the
 * same rules as the commands; by default any error stores nothing, and
 * --keep-going stores the good rows and writes the bad ones to a rejects
 * file.  Rows are matched on their keys, so importing a file again
 * changes nothing.  Statements are prepared once, keys are resolved
 * through hash maps loaded on first use, and the file is streamed, so
 * memory depends on the number of distinct keys, not on the file.
 * This file holds the command and the row loop; import.h lists the others.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "import.h"

const struct optdef cmd_import_opts[] = {
	{ .name = "area", .flags = OPT_ARG, .arg = "AREA",
	  .help = N_("area of the programmes (and of the area "
	  "columns); participation rows must belong to it") },
	{ .name = "dry-run", .shortname = 'n',
	  .help = N_("check every row and store nothing") },
	{ .name = "keep-going", .shortname = 'k',
	  .help = N_("store the good rows, write the bad ones "
	  "to --rejects") },
	{ .name = "rejects", .flags = OPT_ARG, .arg = "FILE",
	  .help = N_("CSV of the refused rows with two more "
	  "columns, line and reason") },
	{ .name = "delimiter", .flags = OPT_ARG, .arg = "C",
	  .help = N_("the delimiter, ',' or ';' (default: the one the "
	  "header uses)") },
	{ .name = "encoding", .flags = OPT_ARG, .arg = "ENC",
	  .help = N_("the file's encoding, e.g. cp1251 (default UTF-8)") },
	{ .name = "last-wins",
	  .help = N_("a key given twice in the file: store the "
	  "later row over the earlier (else both lines are refused)") },
	{ 0 }
};

static const struct kind kinds[] = {
	{ .name = "orgs", .cols = import_org_cols, .prepare = import_org_prepare,
	  .row = import_org_row },
	{ .name = "people", .cols = import_person_cols,
	  .prepare = import_person_prepare, .row = import_person_row },
	{ .name = "programmes", .cols = import_programme_cols,
	  .record = INTEGRA_RECORD_PROGRAMME, .prepare = import_programme_prepare,
	  .row = import_programme_row },
	{ .name = "participation", .cols = import_part_cols,
	  .record = INTEGRA_RECORD_PARTICIPATION, .prepare = import_part_prepare,
	  .row = import_part_row },
	{ 0 }
};

/* Adds the area fields a column may name to b (comma-separated) and
 * returns the field called `name` when there is one. */
static const struct integra_field *
area_fields(struct import *imp, const char *name, struct buf *b)
{
	const struct integra_field *found = NULL, *f;
	const struct integra_plugin *pl;
	size_t i, n = plugins_count(imp->ctx);

	if (imp->kind->record == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		pl = plugins_get(imp->ctx, i);
		if (pl == NULL || pl->fields == NULL ||
		    (imp->area && strcmp(pl->area, imp->area) != 0))
			continue;
		for (f = pl->fields; f->name; f++) {
			if (f->record != imp->kind->record || (f->flags & INTEGRA_FIELD_DERIVED))
				continue;
			if (b && !(b->s && strstr(b->s, f->name)))
				buf_printf(b, ", %s", f->name);
			if (name && strcmp(f->name, name) == 0)
				found = f;
		}
	}
	return found;
}

/* Lists the columns a file of this kind may have, for messages. */
static void
valid_names(struct import *imp, struct buf *b)
{
	const char *const *c;

	for (c = imp->kind->cols; *c; c++)
		buf_printf(b, "%s%s", c == imp->kind->cols ? "" : ", ", *c);
	area_fields(imp, NULL, b);
}

/* Refuses a header cell that names no column; a header of one cell
 * holding the other delimiter was not split (--delimiter). */
static int
header_unknown(struct import *imp, const char *name)
{
	struct buf b = { 0 };
	int rc;

	valid_names(imp, &b);
	if (imp->nhead == 1 && strpbrk(name, ",;\t") != NULL)
		rc = error_set(imp->ctx, ERR_INVALID, "%s: the header is one column "
		    "'%s': its names were not split; is the delimiter another one? "
		    "(give --delimiter ';' or --delimiter ',')", imp->name, name);
	else
		rc = error_set(imp->ctx, ERR_INVALID, "%s: unknown column '%s' in the "
		    "header (valid for %s%s%s: %s)", imp->name, name, imp->kind->name,
		    imp->area ? " of area " : "", imp->area ? imp->area : "", b.s);
	buf_release(&b);
	return rc;
}

/* Matches one header cell to a core column or an area field, by its
 * identifier or its Ukrainian name (import_uk.c). */
static int
header_column(struct import *imp, size_t i, char *name)
{
	struct import_col c;
	size_t k;

	import_header_names(imp, name, &c);
	if (c.n == 0)
		return header_unknown(imp, name);
	if (c.n > 1)
		return error_set(imp->ctx, ERR_INVALID, "%s: column %zu '%s' of the header "
		    "may be '%s' or '%s'; name it by its identifier", imp->name, i + 1,
		    name, c.name[0], c.name[1]);
	for (k = 0; k < i; k++)
		if (imp->head[k] != NULL && strcmp(imp->head[k], c.name[0]) == 0)
			return error_set(imp->ctx, ERR_INVALID, "%s: column '%s' appears "
			    "twice in the header (columns %zu and %zu)", imp->name,
			    c.name[0], k + 1, i + 1);
	free(imp->head[i]);
	imp->head[i] = xstrdup(c.name[0]);
	if (c.core[0] >= 0) {
		imp->col[c.core[0]] = (int)i;
		return 0;
	}
	imp->area_names[imp->narea] = imp->head[i];
	imp->area_col[imp->narea++] = (int)i;
	return 0;
}

/* Reports the required columns the header lacks. */
static int
header_required(struct import *imp)
{
	static const int first[] = { 0, 0, 1, 0 }, end[] = { 2, 2, 3, 1 };
	const char *miss = NULL;
	struct buf b = { 0 };
	int k = (int)(imp->kind - kinds), rc, i;

	for (i = first[k]; i < end[k] && !miss; i++)
		if (!imp_has(imp, i))
			miss = imp->kind->cols[i];
	if (k == 2 && !miss && !imp->area && !imp_has(imp, G_AREA))
		miss = "area (or give --area)";
	if (k == 3 && !miss && !imp_has(imp, A_PERSON) && !imp_has(imp, A_ORG) &&
	    !imp_has(imp, A_PARTICIPANT))
		miss = "person, org or participant";
	if (miss == NULL)
		return 0;
	valid_names(imp, &b);
	rc = error_set(imp->ctx, ERR_INVALID, "%s: the header lacks the column %s "
	    "(valid: %s)", imp->name, miss, b.s);
	buf_release(&b);
	return rc;
}

/* Reads the header: every name a column of the kind or an area field, no
 * name twice, the required ones there. */
static int
read_header(struct import *imp)
{
	struct buf b = { 0 };
	size_t i;
	int r, rc;

	r = csv_next(&imp->csv);
	if (r == CSV_EOF) {
		valid_names(imp, &b);
		rc = error_set(imp->ctx, ERR_INVALID, "%s is empty: the first line must "
		    "name the columns (valid for %s: %s)", imp->name, imp->kind->name, b.s);
		buf_release(&b);
		return rc;
	}
	if (r != CSV_ROW)
		return error_set(imp->ctx, ERR_INVALID, "%s: %s", imp->name, imp->csv.err);
	imp->nhead = imp->csv.nfields;
	imp->head = xcalloc(imp->nhead, sizeof(*imp->head));
	imp->area_names = xcalloc(imp->nhead, sizeof(*imp->area_names));
	imp->area_col = xcalloc(imp->nhead, sizeof(*imp->area_col));
	imp->assign = xcalloc(imp->nhead + 1, sizeof(*imp->assign));
	for (i = 0; i < MAX_COLS; i++)
		imp->col[i] = -1;
	for (i = 0; i < imp->nhead; i++) {
		imp->head[i] = text_trim(imp->csv.field[i]);
		if ((rc = header_column(imp, i, imp->head[i])) != 0)
			return rc;
	}
	return header_required(imp);
}

/* Seconds from a to b. */
static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Redraws the progress line on a terminal, at most five times a second. */
static void
progress(struct import *imp, bool last)
{
	int64_t rows = imp->rows;
	struct timespec now;
	double t;

	if (!imp->progress || (!last && rows % 4096 != 0))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!last && elapsed(&imp->last, &now) < 0.2)
		return;
	imp->last = now;
	t = elapsed(&imp->t0, &now);
	fputs("\r\033[K", stderr);
	fprintf(stderr, P_("%s: %lld rows, %.0f rows/s",
	    "%s: %lld rows, %.0f rows/s", (unsigned long)rows), imp->name, (long long)rows,
	    t > 0 ? (double)rows / t : 0.0);
	if (imp->size)
		fprintf(stderr, ", %.0f%%", 100.0 * (double)imp->bytes /
		    (double)imp->size);
	if (last)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/*
 * Counts the current row (imp->cur), shows and keeps what is wrong with it
 * (r is what the reader found, err its message), and stores it when it is
 * good.  s carries the reader thread's checks of a participation row, or
 * is NULL: then the kind's row function checks and stores.
 */
static int
take_row(struct import *imp, int r, const char *err, struct rowpipe_slot *s)
{
	int rc = 0;

	imp->bad = false;
	imp->rows++;
	buf_reset(&imp->reason);
	if (r == CSV_BAD) {
		imp->errors++;
		imp->bad = true;
		buf_adds(&imp->reason, err);
		if (imp->errors <= ERRORS_SHOWN)
			fprintf(stderr, "%s: %s\n", imp->name, err);
	} else if (s != NULL) {
		rc = import_part_take(imp, s);
	} else {
		rc = imp->kind->row(imp);
	}
	if (rc == 0 && imp->bad) {
		imp->rejected++;
		rc = rejects_write(imp);
	}
	if (rc != 0)
		return rc;
	progress(imp, false);
	return 0;
}

/* Reads and stores every row in this thread. */
static int
rows_direct(struct import *imp)
{
	int r, rc;

	while ((r = csv_next(&imp->csv)) != CSV_EOF) {
		if (r == CSV_ERROR)
			return error_set(imp->ctx, ERR_INVALID, "%s: %s; nothing stored",
			    imp->name, imp->csv.err);
		imp_set_row(imp, imp->csv.field, imp->csv.len, imp->csv.nfields,
		    imp->csv.line);
		imp->bytes = imp->csv.bytes;
		if ((rc = take_row(imp, r, imp->csv.err, NULL)) != 0)
			return rc;
	}
	return 0;
}

/*
 * A participation file is read by two threads (rowpipe.h): the reader
 * parses the CSV and makes every check that needs only the file and the
 * key maps (import_part_check), while this thread checks the area fields
 * and stores, so parsing overlaps SQLite's work.  The reader works on its
 * own copy of the import and of the context, for the checks' messages;
 * the errors it finds travel with the row and are shown by this thread,
 * so they keep the order of the file.
 */
static int
rows_piped(struct import *imp)
{
	struct import rd = *imp;
	struct ctx rctx = *imp->ctx;
	struct rowpipe *p;
	struct rowpipe_slot *s;
	int rc;

	rd.ctx = &rctx;
	memset(&rd.reason, 0, sizeof(rd.reason));
	if ((rc = rowpipe_start(imp->ctx, &p, &imp->csv, import_part_check_size,
	    import_part_check, &rd)) != 0)
		return rc;
	while ((s = rowpipe_next(p))->r != CSV_EOF) {
		if (s->r == CSV_ERROR) {
			rc = error_set(imp->ctx, ERR_INVALID, "%s: %s; nothing stored",
			    imp->name, s->msgs.s);
			break;
		}
		/* The reader thread tidied a row it checked, in its slot. */
		(s->r == CSV_BAD ? imp_set_row : imp_use_row)(imp, s->field,
		    s->len, s->nfields, s->line);
		imp->bytes = s->bytes;
		if ((rc = take_row(imp, s->r, s->msgs.s, s)) != 0)
			break;
	}
	rowpipe_stop(p);
	imp->trimmed += rd.trimmed;
	import_tidy_free(&rd);
	memset(&imp->cur, 0, sizeof(imp->cur));
	return rc;
}

/* Reads and stores every row; ERR_INVALID after an unreadable file. */
static int
import_rows(struct import *imp)
{
	int rc = imp->kind->record == INTEGRA_RECORD_PARTICIPATION ?
	    rows_piped(imp) : rows_direct(imp);

	progress(imp, true);
	if (rc != 0)
		return rc;
	return bulk_flush(imp);
}

/* Opens the file (or standard input) and learns its size for progress. */
static int
open_input(struct import *imp)
{
	struct stat sb;

	if (strcmp(imp->path, "-") == 0) {
		imp->fd = STDIN_FILENO;
		imp->name = "<stdin>";
	} else if ((imp->fd = open(imp->path, O_RDONLY | O_CLOEXEC)) < 0) {
		return error_set(imp->ctx, errno == ENOENT ? ERR_NOTFOUND : ERR_FAIL,
		    "cannot open '%s': %s", imp->path, strerror(errno));
	} else {
		imp->name = imp->path;
	}
	if (fstat(imp->fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		return error_set(imp->ctx, ERR_FAIL, "cannot import '%s': it is a directory",
		    imp->path);
	if (fstat(imp->fd, &sb) == 0 && S_ISREG(sb.st_mode))
		imp->size = (uint64_t)sb.st_size;
	csv_init(&imp->csv, imp->fd);
	imp->csv.delim = imp->delim;
	if (imp->encoding && csv_set_encoding(&imp->csv, imp->encoding, imp->ctx->errmsg,
	    sizeof(imp->ctx->errmsg)) != 0)
		return error_set(imp->ctx, ERR_USAGE, "%s", imp->ctx->errmsg);
	return 0;
}

/* The one audit row of an import: the file and the counts. */
static int
audit_import(struct import *imp)
{
	return db_exec(imp->ctx, "INSERT INTO audit (at, os_user, command, entity, "
	    "entity_key, action, old, new) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now'), audit_user(), audit_command(), 'import', ?, 'import', NULL, "
	    "json_object('kind', ?, 'added', ?, 'updated', ?, 'unchanged', ?, "
	    "'rejected', ?))", "ttiiii", imp->name, imp->kind->name, imp->added,
	    imp->updated, imp->unchanged, imp->rejected);
}

/* Ends the import: the summary, or the refusal when rows were bad. */
static int
import_finish(struct import *imp)
{
	struct ctx *ctx = imp->ctx;

	if (imp->errors > ERRORS_SHOWN)
		fprintf(stderr, _("%s: ... and %lld more errors\n"), imp->name,
		    (long long)(imp->errors - ERRORS_SHOWN));
	if (imp->rejected && !imp->keep_going)
		return error_set(ctx, ERR_INVALID, "%s: %lld %s in %lld %s; nothing "
		    "stored (fix the file, or store the good rows with --keep-going "
		    "--rejects FILE)", imp->name, (long long)imp->errors,
		    P_("error", "errors", (unsigned long)imp->errors), (long long)imp->rejected,
		    P_("row", "rows", (unsigned long)imp->rejected));
	fprintf(ctx->out, P_("%s%lld added, %lld updated, %lld unchanged, %lld rejected\n",
	    "%s%lld added, %lld updated, %lld unchanged, %lld rejected\n",
	    (unsigned long)imp->added),
	    imp->dry_run ? _("dry run, nothing stored: ") : "", (long long)imp->added,
	    (long long)imp->updated, (long long)imp->unchanged,
	    (long long)imp->rejected);
	if (imp->trimmed > 0)
		fprintf(ctx->out, P_("%lld value had spaces around it: trimmed\n",
		    "%lld values had spaces around them: trimmed\n",
		    (unsigned long)imp->trimmed), (long long)imp->trimmed);
	if (imp->dry_run) {
		db_rollback(ctx);
		return 0;
	}
	return audit_import(imp);
}

/* Frees everything the import holds. */
static void
import_release(struct import *imp)
{
	dbst_finalize(imp->ins);
	dbst_finalize(imp->upd);
	dbst_finalize(imp->find);
	bulk_release(imp);
	keymap_free(&imp->orgs);
	keymap_free(&imp->people);
	keymap_free(&imp->programmes);
	keymap_free(&imp->activities);
	strv_free(imp->head, imp->nhead);
	strv_free(imp->assign, imp->nhead);
	free(imp->area_names);
	free(imp->area_col);
	buf_release(&imp->reason);
	import_seen_free(&imp->seen);
	import_tidy_free(imp);
	import_lines_free(&imp->lines);
	csv_release(&imp->csv);
	if (imp->fd > STDIN_FILENO)
		close(imp->fd);
	rejects_abort(imp);
}

/* Takes --delimiter and --encoding: how the file is written. */
static int
import_format(struct ctx *ctx, struct args *a, struct import *imp)
{
	const char *d = args_get(a, "delimiter");

	if (d && strcmp(d, ",") != 0 && strcmp(d, ";") != 0)
		return error_set(ctx, ERR_USAGE, "invalid --delimiter '%s' (allowed: ',' "
		    "or ';')", d);
	imp->delim = d ? d[0] : 0;
	imp->encoding = args_get(a, "encoding");
	if (imp->encoding && (strcasecmp(imp->encoding, "utf-8") == 0 ||
	    strcasecmp(imp->encoding, "utf8") == 0))
		imp->encoding = NULL;
	return 0;
}

/* Checks the command line: the kind and the option combinations. */
static int
import_args(struct ctx *ctx, struct args *a, struct import *imp)
{
	const struct kind *k;
	int rc;

	for (k = kinds; k->name; k++)
		if (strcmp(k->name, a->pos[0]) == 0)
			break;
	if (k->name == NULL)
		return error_set(ctx, ERR_USAGE, "cannot import '%s' (allowed: orgs, "
		    "people, programmes, participation)", a->pos[0]);
	imp->ctx = ctx;
	imp->kind = k;
	imp->path = a->pos[1];
	imp->name = a->pos[1];
	imp->area = args_get(a, "area");
	imp->dry_run = args_has(a, "dry-run");
	imp->keep_going = args_has(a, "keep-going");
	imp->last_wins = args_has(a, "last-wins");
	imp->fd = -1;
	if ((rc = import_format(ctx, a, imp)) != 0)
		return rc;
	if (imp->keep_going != (args_get(a, "rejects") != NULL))
		return error_set(ctx, ERR_USAGE, "--keep-going and --rejects FILE go "
		    "together: the refused rows must be written somewhere");
	if (imp->area && k->record == 0)
		return error_set(ctx, ERR_USAGE, "--area applies to programmes and "
		    "participation only");
	if (imp->area && plugins_count(ctx) > 0 && plugins_area(ctx, imp->area) == NULL)
		return error_set(ctx, ERR_NOTFOUND, "no plugin of area '%s' is loaded",
		    imp->area);
	return 0;
}

/* integra import KIND FILE: checks every row and stores the file in one
 * transaction. */
int
cmd_import(struct ctx *ctx, struct args *a)
{
	struct import imp = { 0 };
	bool audit = ctx->audit_off;
	int rc;

	if ((rc = import_args(ctx, a, &imp)) != 0)
		return rc;
	if ((rc = open_input(&imp)) != 0 || (rc = read_header(&imp)) != 0)
		goto out;
	if (args_get(a, "rejects") && (rc = rejects_open(&imp, args_get(a, "rejects"))) != 0)
		goto out;
	ctx->audit_off = true;
	if ((rc = bulk_begin(ctx)) != 0)
		goto out;
	if ((rc = imp.kind->prepare(&imp)) != 0)
		goto out;
	imp.progress = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &imp.t0);
	imp.last = imp.t0;
	if ((rc = import_rows(&imp)) != 0 || (rc = rejects_close(&imp)) != 0 ||
	    (rc = bulk_restore(&imp)) != 0 ||
	    (imp.unchecked && (rc = bulk_unchecked(&imp, false)) != 0))
		goto out;
	ctx->audit_off = audit;
	rc = import_finish(&imp);
out:
	ctx->audit_off = audit;
	import_release(&imp);
	return rc;
}
