/*
 * The parts of integra import, private to them: the state of one import
 * (struct import) and what each file of the import offers the others.
 *
 *   import.c        the command: options, the file, its header, the row
 *                   loop, the rejects file, progress and the summary
 *   import_row.c    the current row: its values, its errors, the key maps
 *                   and the statements that store orgs, people, programmes
 *   import_load.c   the loaders of orgs, people and programmes
 *   import_part.c   the loader of participation, checks in the reader thread
 *   import_bulk.c   how participation is stored: appended to an empty
 *                   table, or staged and upserted in sorted batches
 *   import_pg.c     the same on PostgreSQL: by COPY, then one upsert a batch
 *   import_rejects.c  the rejects file of --keep-going, every write checked
 *   import_seen.c   the keys met, to refuse a key given twice in one file
 *   import_uk.c     spreadsheets of a Ukrainian office: Ukrainian column
 *                   names, values trimmed and put as identifiers
 *   import_edrpou.c the EDRPOU code of an organisation's row
 *
 * with csv.c (the reader), rowpipe.c (the reader thread) and keymap.c
 * (codes and keys to ids).  The rules of each record are rules_*.c's.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <time.h>

#include "integra.h"
#include "csv.h"
#include "keymap.h"
#include "rowpipe.h"

#define MAX_COLS 16		/* core columns of any kind */
#define ERRORS_SHOWN 100	/* errors printed in full */
#define VALUE_SHOWN 60		/* bytes of a value quoted in an error */
#define BATCH_ROWS 20000	/* participation rows stored at a time */
#define APPEND_ROWS 32		/* rows in one INSERT into an empty table */
#define APPEND_TEXT (256 * 1024)	/* text of rows waiting for it, at most */


/* The columns of each kind of file, in the order of its cols list. */
enum { O_CODE, O_NAME, O_KIND, O_REGION, O_PARENT, O_EDRPOU };
enum { P_KEY, P_NAME, P_ORG, P_POSITION, P_SERVICE, P_CATEGORY };
enum { G_AREA, G_CODE, G_TITLE, G_OWNER, G_START, G_END, G_DUE, G_STATUS };
enum { A_PROGRAMME, A_PERSON, A_ORG, A_PARTICIPANT, A_ACTIVITY, A_ROLE, A_STATUS,
	A_START, A_END, A_STATUS_DATE, A_HOURS, A_CREDITS, A_RESULT };

struct import;

/* The values of one enumerated column met lately that are not its
 * identifiers, and what they stand for (import_tidy): a file repeats a
 * handful of Ukrainian values, looked up once each. */
#define TIDY_MEMO 8
#define TIDY_COLS 8
struct tidy_memo {
	char *typed[TIDY_MEMO];
	const char *id[TIDY_MEMO];	/* NULL: left as typed */
	unsigned next;
};

/* The columns a header cell names (import_uk.c): core column core[i]
 * (-1: the area field name[i]); n > 1 when it is ambiguous. */
struct import_col {
	int n;
	int core[2];
	const char *name[2];
};

/* The keys of the rows met so far (import_seen.c): hashes and lines. */
struct import_seen {
	uint64_t *hash;		/* 0: an empty slot */
	int64_t *line;
	size_t cap, n;
};

/* The file line of each row appended to an empty participation table, in
 * the order appended, kept as the rows whose line is not the one after
 * the line before (a row over several lines, a refused row): a repeated
 * key is found by the unique index at the end, and named by its lines
 * from here, without a key set as large as the file. */
struct import_lines {
	int64_t *row, *line;	/* the jumps: row number (from 0), its line */
	size_t n, cap;
	int64_t rows, last;	/* rows noted; the line of the last one */
};

/* The record the row functions read: the reader's, or a copy of it. */
struct row {
	char **field;
	size_t *len;
	size_t nfields;
	int64_t line;
};

/* One kind of file: its columns and how a row is stored. */
struct kind {
	const char *name;	/* as on the command line */
	const char *const *cols;	/* core columns, NULL-terminated */
	enum integra_record_kind record;	/* 0: no area columns */
	int (*prepare)(struct import *imp);
	int (*row)(struct import *imp);
};

/* Values of a column that passed its rule, for a check that depends on
 * the value alone: a file repeats a handful (a status, a result). */
#define GOOD_MEMO 16
#define GOOD_LEN 64
struct good_memo {
	char v[GOOD_MEMO][GOOD_LEN];	/* "": free */
	unsigned next;
};

struct import {
	struct ctx *ctx;
	const struct kind *kind;
	const char *path;	/* as given; "-" is standard input */
	const char *name;	/* for messages */
	const char *area;	/* --area or NULL */
	char delim;		/* --delimiter, 0: from the header */
	const char *encoding;	/* --encoding, NULL: UTF-8 */
	bool dry_run, keep_going;
	bool last_wins;		/* --last-wins: a key twice, the later row wins */
	struct import_seen seen;	/* the keys met, without last_wins */
	struct import_lines lines;	/* of the rows appended (bulk path) */
	struct csv csv;
	int fd;
	uint64_t size;		/* bytes in the file, 0 if unknown */

	/* The header: nhead columns; core column i is at file column col[i]. */
	size_t nhead;
	char **head;
	int col[MAX_COLS];
	bool was_empty;		/* participation held no row when the import began */
	size_t narea;		/* area columns: their names and file columns */
	const char **area_names;
	int *area_col;

	struct dbst *ins, *upd, *find;
	/* Participation rows are staged in a temporary table and stored a
	 * batch at a time, in key order (see stage_flush). */
	struct dbst *stage, *flush_ins, *flush_max, *flush_del;
	int64_t staged;
	struct dbst *append;	/* into participation, empty at the start */
	struct dbst *append_many;	/* the same, APPEND_ROWS rows at a time */
	struct pending *pend;	/* rows waiting for append_many */
	int npend;
	struct buf pend_text;	/* their text */
	bool unchecked;		/* CHECK constraints off (see bulk_unchecked()) */
	char *reindex[16];	/* SQL of the indexes and triggers set aside */
	size_t nreindex;
	struct keymap orgs, people, programmes, activities;

	/* The current row. */
	struct row cur;
	uint64_t bytes;		/* of the file read up to the current row */
	struct rowpipe_slot *defer;	/* in the reader thread: errors go here */
	bool bad;
	struct buf reason;
	char **assign;		/* "name=value" for the area columns */
	const char *participant;	/* the participant's key or code */

	int64_t rows, added, updated, unchanged, rejected, errors;
	int64_t trimmed;	/* values with spaces around them trimmed */
	struct tidy_memo tidy[TIDY_COLS];	/* by enum_cols entry (import_uk.c) */
	bool tidy_ready;	/* tidy_free, tidy_enum worked out from the header */
	int tidy_free[4];	/* file columns of free text, -1: none */
	int tidy_enum[TIDY_COLS];	/* file column of each enum_cols entry */
	struct good_memo good[2];	/* status, result (import_part.c) */
	FILE *rejects;
	const char *rejects_path;
	bool progress;
	struct timespec t0, last;
	struct import_same *same;	/* the stored rows compared (import_same.c) */
	struct import_pg *pg;	/* the load on PostgreSQL (import_pg.c) */
	struct dbst *update;	/* a changed stored row, by id (bulk_update) */
};

/* A participation row's checked values; the numbers also as text, for
 * the area's checks. */
struct part {
	const char *role, *status, *start, *end, *sdate;
	char sd[11], ed[11], td[11], hbuf[32], cbuf[32];
	double hours, credits;
	bool has_hours, has_credits;
};

/* import_row.c */
int imp_load_orgs(struct import *imp);
int imp_load_people(struct import *imp);
int imp_load_programmes(struct import *imp);
int imp_load_activities(struct import *imp);
void imp_use_row(struct import *imp, char **field, size_t *len, size_t nfields,
    int64_t line);
void imp_set_row(struct import *imp, char **field, size_t *len, size_t nfields,
    int64_t line);
const char *imp_val(const struct import *imp, int i);
bool imp_has(const struct import *imp, int i);
void imp_emit(struct import *imp, const char *msg);
void imp_report(struct import *imp, const char *col, const char *value,
    const char *why);
const char *imp_need(struct import *imp, int i);
void imp_check(struct import *imp, int i, const char *value, int rc);
void imp_code(struct import *imp, int i, const char *what, const char *v);
void imp_text(struct import *imp, int i, const char *what, const char *v);
const char *imp_enum(struct import *imp, int i, const char *what,
    const char *const *allowed, const char *def);
const char *imp_date(struct import *imp, int i, const char *what, char out[11]);
int imp_org(struct import *imp, int i, int64_t *id);
int imp_store(struct import *imp, int64_t id, int64_t *out);
int imp_save(struct import *imp, struct keymap *m, const char *key, int64_t id,
    const char *extra, const char *types, ...);
int imp_prepare_pair(struct import *imp, const char *table, const char *const *cols,
    const char *const *exprs, const bool *present);
void imp_fields(struct import *imp, const char *area, const char *old_json,
    const char *const *core, char **json);

/* import_load.c */
extern const char *const import_org_cols[];
extern const char *const import_person_cols[];
extern const char *const import_programme_cols[];
int import_org_prepare(struct import *imp);
int import_org_row(struct import *imp);
int import_person_prepare(struct import *imp);
int import_person_row(struct import *imp);
int import_programme_prepare(struct import *imp);
int import_programme_row(struct import *imp);

/* import_part.c */
extern const char *const import_part_cols[];
int import_part_prepare(struct import *imp);
int import_part_row(struct import *imp);
extern const size_t import_part_check_size;
void import_part_check(void *arg, struct rowpipe_slot *s);
int import_part_take(struct import *imp, struct rowpipe_slot *s);

/* import_bulk.c */
int bulk_begin(struct ctx *ctx);
int bulk_unchecked(struct import *imp, bool on);
int bulk_plan(struct import *imp);
int bulk_stage_prepare(struct import *imp);
int bulk_add(struct import *imp, const int64_t k[4], const struct part *v,
    const char *json);
int bulk_update(struct import *imp, int64_t id, const int64_t k[4],
    const struct part *v, const char *json);
int bulk_flush(struct import *imp);
int bulk_restore(struct import *imp);
void bulk_release(struct import *imp);

/* import_pg.c */
int pgimp_prepare(struct import *imp);
int pgimp_add(struct import *imp, const int64_t k[4], const struct part *v,
    const char *json);
int pgimp_flush(struct import *imp);
void pgimp_release(struct import *imp);

/* import_seen.c */
void import_lines_note(struct import_lines *l, int64_t line);
int64_t import_lines_of(const struct import_lines *l, int64_t row);
void import_lines_free(struct import_lines *l);
int64_t import_seen_put(struct import_seen *s, const void *key, size_t n,
    int64_t line);
void import_seen_free(struct import_seen *s);
bool imp_once(struct import *imp, const char *col, const char *shown,
    const void *key, size_t n);
void imp_twice(struct import *imp, const char *col, const char *shown,
    int64_t first);

/* import_uk.c */
void import_header_names(const struct import *imp, const char *cell,
    struct import_col *c);
void import_tidy(struct import *imp);
void import_tidy_free(struct import *imp);

/* import_edrpou.c */
int import_edrpou(struct import *imp, int i, const char *code);

/* import_rejects.c */
int rejects_open(struct import *imp, const char *path);
int rejects_write(struct import *imp);
int rejects_close(struct import *imp);
void rejects_abort(struct import *imp);

#endif /* IMPORT_H */
