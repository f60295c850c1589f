/*
 * Internal interfaces of the integra host: the context passed down from
 * main, the error API, allocation wrappers, and each core module's entry
 * points.  Nothing here is part of the plugin ABI (see integra/plugin.h).
 */
#ifndef INTEGRA_H
#define INTEGRA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "integra/plugin.h"
#include "i18n.h"
#include "store.h"

#ifndef INTEGRA_VERSION
#define INTEGRA_VERSION "0.1.0"
#endif

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Error codes: the plugin ABI's, so both sides speak one language. */
enum err {
	ERR_OK = INTEGRA_OK,
	ERR_FAIL = INTEGRA_EFAIL,
	ERR_USAGE = INTEGRA_EUSAGE,
	ERR_NOTFOUND = INTEGRA_ENOTFOUND,
	ERR_INVALID = INTEGRA_EINVALID,
	ERR_BUSY = INTEGRA_EBUSY,
	ERR_EXISTS = INTEGRA_EEXISTS
};

/* Process exit codes, as documented in integra(1). */
enum exit_code {
	EXIT_OK = 0,
	EXIT_FAILURE_ = 1,
	EXIT_USAGE = 2,
	EXIT_NOTFOUND = 3,
	EXIT_INVALID = 4,
	EXIT_BUSY = 5
};

struct cfg;
struct plugins;
struct plugin_cmds;
struct sqlite3;
struct out;
struct ctx;

/*
 * What the plugin host is given from above (host.c fills it in): the
 * services table handed to every plugin's init(), the way those services
 * run a core command (api->run), and the test of a name no plugin may
 * take as its command word.  Given as values so that the loader and the
 * services call no module above them.
 */
struct plugin_env {
	const struct integra_api *api;
	int (*run)(struct ctx *ctx, int argc, char **argv, bool quiet);
	bool (*reserved)(const char *word);
};

/* The one context, created in main and passed down. */
struct ctx {
	const char *cfg_opt;	/* -c FILE */
	const char *db_opt;	/* -d DATABASE */
	const char *format;	/* --format NAME, NULL for the default */
	bool labels;		/* --labels: csv with labels and names of values */
	const char *as_of;	/* --as-of of the command (report, deadlines), or NULL;
				 * what api->today() returns */
	char *cmdline;		/* the command line, for audit */
	char *os_user;		/* the operating-system user, for audit */
	struct cfg *cfg;
	struct dbconn *db;
	struct plugins *plugins;
	struct plugin_env plugin_env;	/* set by host_init() */
	struct plugin_cmds *plugin_cmds;	/* the plugins' command entries (cmd_plugin.c) */
	bool in_tx;		/* a write transaction is open */
	bool nested;		/* running inside another command's transaction */
	bool audit_off;		/* triggers write no audit rows (bulk import) */
	FILE *out;		/* where results go (stdout) */
	const struct out_target *target;	/* where the running command's results
				 * go when the dispatcher chose (-o FILE, a quiet
				 * nested command); NULL: ctx->out in ctx->format */
	unsigned term;		/* --no-pager, --vertical: CTX_* in term.h */
	int err;		/* last error code */
	char errmsg[2048];	/* last error message */
	struct stmt_cache *stmts;	/* statements prepared once (db.c) */
};

/* error.c */
int error_set(struct ctx *ctx, int code, const char *fmt, ...) PRINTF_LIKE(3, 4);
int error_setv(struct ctx *ctx, int code, const char *fmt, va_list ap);
int error_exit_code(int code);
void warn_msg(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void bug_at(const char *file, int line, const char *msg);
#define BUG(msg) bug_at(__FILE__, __LINE__, (msg))

/* xalloc.c: wrappers that abort on out-of-memory */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
void xstrset(char **slot, const char *s);
void strv_free(char **v, size_t n);

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_reset(struct buf *b);
void buf_release(struct buf *b);

/* text.c: UTF-8, display width, case folding, Ukrainian collation */
bool text_valid_utf8(const char *s, size_t n);
size_t text_width(const char *s);
char *text_fold(const char *s);
/* Appends s (n bytes) to b as a JSON string: quotes, backslashes and
 * control characters escaped, the rest (Cyrillic too) as it is. */
void jv_put_str(struct buf *b, const char *s, size_t n);
int text_collate(const char *a, size_t an, const char *b, size_t bn);
bool text_is_ident(const char *s, size_t maxlen);
bool text_in_list(const char *const *list, const char *s);
char *text_trim(const char *s);
/* Characters that can make a text lie (see text_find_hidden in text.c). */
enum text_hidden { TEXT_CLEAN = 0, TEXT_C0, TEXT_C1, TEXT_BIDI, TEXT_ZW };
enum text_hidden text_find_hidden(const char *s, size_t n, const char *allow,
    uint32_t *cp, size_t *chr, size_t *byte);
const char *text_hidden_words(enum text_hidden h);

/* fs.c: what kind of file a mode is, in words, for refusals */
const char *file_kind(unsigned mode);

/* date.c: civil dates as days since 1970-01-01 */
int date_parse(const char *s, int32_t *days_out);
void date_format(int32_t days, char out[11]);
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);
bool date_valid(int y, int m, int d);
int32_t date_add_months(int32_t days, int months);
int32_t date_today(void);
int date_normalise(struct ctx *ctx, const char *what, const char *in, char out[11]);

/* validate.c: checks of user input shared by the nouns */
int check_text(struct ctx *ctx, const char *what, const char *s, bool allow_empty);
int check_code(struct ctx *ctx, const char *what, const char *s);
int check_enum(struct ctx *ctx, const char *what, const char *s,
    const char *const *allowed);
int check_region(struct ctx *ctx, const char *s, const char **out);
int check_edrpou(struct ctx *ctx, const char *s);
int check_number(struct ctx *ctx, const char *what, const char *s, double *out);
int check_move(struct ctx *ctx, const char *what, const char *from, const char *to,
    const char *const *next);
extern const char *const org_kinds[];
extern const char *const person_services[];
extern const char *const civil_categories[];
extern const char *const programme_statuses[];
extern const char *const participation_statuses[];

/* cfg.c: configuration with libconfig */
enum cfg_source {
	CFG_DEFAULT = 0,
	CFG_FILE,
	CFG_OPTION,
	CFG_ENV
};
int cfg_load(struct ctx *ctx, struct cfg **out);
int cfg_load_file(struct ctx *ctx, const char *path, struct cfg **out);
int cfg_load_string(struct ctx *ctx, const char *text, const char *name, struct cfg **out);
void cfg_free(struct cfg *cfg);
const char *cfg_path(const struct cfg *cfg);
const char *cfg_database(const struct cfg *cfg);
const char *cfg_plugin_dir(const struct cfg *cfg);
/* The user's plugin directory, searched after cfg_plugin_dir(); "" for none. */
const char *cfg_plugin_user_dir(const struct cfg *cfg);
bool cfg_plugins_configured(const struct cfg *cfg);
size_t cfg_plugins_enabled(const struct cfg *cfg, const char *const **out);
bool cfg_plugins_strict(const struct cfg *cfg);
int cfg_busy_timeout(const struct cfg *cfg);
unsigned cfg_output_mode(const struct cfg *cfg);
/* `pager`: the pager's command line, "" for none; NULL when not set. */
const char *cfg_pager(const struct cfg *cfg);
void cfg_set_database(struct cfg *cfg, const char *path, enum cfg_source src);
int cfg_show(struct ctx *ctx);
/* The plugin's group (NULL when absent) as libconfig setting, opaque. */
void *cfg_group(const struct cfg *cfg, const char *name);
int cfg_group_check(struct ctx *ctx, const struct cfg *cfg, const char *name,
    const struct integra_config_key *keys);
int cfg_group_lookup(const struct cfg *cfg, const char *group,
    const struct integra_config_key *keys, const char *key,
    struct integra_value *out, const char **src);
void *cfg_jobs(const struct cfg *cfg);
const char *cfg_organisation(const struct cfg *cfg);

/* db.c: the register's database (store.h for the calls of a statement) */
int db_open(struct ctx *ctx, bool create);
/* db_sqlite.c, db_pg.c: db_open() of each backend. */
int db_open_sqlite(struct ctx *ctx, const char *path, bool create);
int db_open_pg(struct ctx *ctx, const char *uri, bool create);
void db_close(struct ctx *ctx);
int db_migrate(struct ctx *ctx);
int db_check_schema(struct ctx *ctx);
/* db_ident.c: refuses another program's SQLite file; init marks ours. */
int db_identify(struct ctx *ctx, const char *path);
int db_mark(struct ctx *ctx);
int db_schema_version(struct ctx *ctx, const char *component, int *out);
int db_set_version(struct ctx *ctx, const char *component, int version);
int db_begin(struct ctx *ctx);
int db_commit(struct ctx *ctx);
void db_rollback(struct ctx *ctx);
int db_savepoint(struct ctx *ctx);
void db_savepoint_end(struct ctx *ctx, bool keep);
int db_error(struct ctx *ctx, const char *what);
int db_register_functions(struct ctx *ctx, struct sqlite3 *db);
/* Prepared-statement helpers: binds take a printf-like spec, see db.c. */
struct dbst;
int db_prepare(struct ctx *ctx, struct dbst **out, const char *sql);
/* Exactly one statement: trailing SQL but white space and comments is refused. */
int db_prepare_single(struct ctx *ctx, struct dbst **out, const char *sql);
int db_step_done(struct ctx *ctx, struct dbst *st);
/* A statement prepared once per connection and reused: db_stmt_get()
 * hands it out reset and unbound, db_stmt_put() gives it back. */
int db_stmt_get(struct ctx *ctx, struct dbst **out, const char *sql);
void db_stmt_put(struct ctx *ctx, struct dbst *st);
int db_run(struct ctx *ctx, int64_t *out, const char *sql, const char *types, ...);
/* One statement with bound values, returning no row. */
#define db_exec(ctx, ...) db_run((ctx), NULL, __VA_ARGS__)
/* The integer in the first column of the first row; ERR_NOTFOUND for none. */
#define db_query_int(ctx, out, ...) db_run((ctx), (out), __VA_ARGS__)
int db_lookup_id(struct ctx *ctx, const char *table, const char *keycol,
    const char *key, const char *what, int64_t *out);
void db_bindv(struct dbst *st, const char *types, va_list ap);
void db_bind(struct dbst *st, const char *types, ...);
void db_column_value(struct dbst *st, int i, enum integra_type text_type,
    struct integra_value *v);

/* out.c: results in table, csv or json, or a plugin's format */
/* Where a result goes, a value: the format (resolved once), the stream,
 * and for a file its names and mode.  out_target_init() makes the one
 * for standard output; atomic_open() turns it into one for a file. */
struct out_target {
	const struct integra_format *format;
	FILE *fp;		/* the stream the rows are written to */
	const char *path;	/* the file being written (a temporary name), for
				 * formats that write it themselves; NULL for a stream */
	const char *name;	/* the file as the user named it, for messages;
				 * NULL for standard output */
	bool excel;		/* csv: a byte-order mark first */
	bool labels;		/* csv: labels and names of values, as a table has */
	bool checksum;		/* a file: its SHA-256 taken while it is written
				 * (export jobs record it); off, the bytes are
				 * not hashed */
	unsigned mode;		/* permissions of a new file */
	const struct integra_heading *heading;	/* a report's heading block, or NULL */
};
const struct integra_format *out_format_find(struct ctx *ctx, const char *name);
/* The target for ctx->out in format (NULL for "table"); ERR_USAGE naming
 * the valid formats when there is no such format. */
int out_target_init(struct ctx *ctx, const char *format, struct out_target *t);
/* Refuses a format that writes a file itself without one (to_file false),
 * and a binary format on a terminal. */
int out_target_check(struct ctx *ctx, const struct out_target *t, bool to_file);
/* A result into target t. */
int out_open_to(struct ctx *ctx, const struct out_target *t, const char *title,
    const struct integra_column *cols, size_t ncols, struct out **out);
/* A command's result: in ctx->format on ctx->out. */
int out_open(struct ctx *ctx, const char *title, const struct integra_column *cols,
    size_t ncols, struct out **out);
int out_row(struct out *o, const struct integra_value *vals);
int out_close(struct out *o, bool ok);
int out_query(struct ctx *ctx, const char *title, struct dbst *st,
    const struct integra_column *hints);
int out_record(struct ctx *ctx, struct dbst *st);
extern const struct integra_format out_format_table;
extern const struct integra_format out_format_csv;
extern const struct integra_format out_format_json;

/* Option parsing, driven by each command's option table (opt.c). */
enum opt_flags {
	OPT_ARG = 1 << 0,	/* takes a value */
	OPT_MULTI = 1 << 1	/* may repeat; values collected in order */
};

struct optdef {
	const char *name;	/* long name, without "--" */
	char shortname;		/* 0 for none */
	unsigned flags;
	const char *arg;	/* name of the value in help */
	const char *help;
};

struct args {
	const struct cmd *cmd;	/* the entry being run */
	int npos;
	char **pos;
	const struct optdef *defs;
	size_t ndefs;
	const char ***vals;	/* per option: NULL-terminated list of values */
	int *counts;		/* per option: how often given */
};

/* Command flags: shared setup done before exec. */
enum cmd_flags {
	CMD_DB = 1 << 0,	/* needs an initialised database */
	CMD_WRITE = 1 << 1,	/* changes data: one write transaction */
	CMD_PLUGINS = 1 << 2,	/* needs the plugins loaded */
	CMD_NOCFG = 1 << 3,	/* works without a configuration */
	CMD_PASSTHRU = 1 << 4,	/* options not in the table reach exec as
				 * arguments, in order (plugin commands) */
	CMD_HIDDEN = 1 << 5,	/* found by its exact name only, not listed */
	CMD_OUTPUT = 1 << 6	/* its "output" option (-o FILE) sends the results
				 * to FILE, written atomically */
};

struct cmd {
	const char *name;
	const char *usage;	/* arguments, for help */
	const char *summary;	/* one line */
	const char *help;	/* more text for `--help`, or NULL */
	const struct optdef *opts;	/* NULL-terminated by name */
	int min_args;
	int max_args;		/* -1: no limit */
	unsigned flags;
	int (*exec)(struct ctx *ctx, struct args *args);
	const struct cmd *sub;	/* verbs, NULL-terminated by name */
	const void *data;	/* the entry's own data, read by its exec through
				 * args->cmd: a plugin command, or the
				 * struct cmd_record of a generic show/remove */
};

int opt_parse(struct ctx *ctx, const char *cmdpath, const struct optdef *defs,
    int argc, char **argv, struct args *out);
/* opt_parse with CMD_PASSTHRU in flags: unknown options become arguments. */
int opt_parse_flags(struct ctx *ctx, const char *cmdpath, const struct optdef *defs,
    unsigned flags, int argc, char **argv, struct args *out);
void args_release(struct args *a);
const char *args_get(const struct args *a, const char *name);
const char *const *args_list(const struct args *a, const char *name);
bool args_has(const struct args *a, const char *name);

/* cmd.c: the command table and the one dispatcher, for core and plugin
 * commands alike */
int cmd_run(struct ctx *ctx, int argc, char **argv);
/* Runs a core command for a plugin (api->run): behind a savepoint inside
 * the caller's transaction when one is open; quiet, results discarded. */
int cmd_run_nested(struct ctx *ctx, int argc, char **argv, bool quiet);
const struct cmd *cmd_find(const struct cmd *table, const char *name, struct ctx *ctx,
    const char *path);
void cmd_help(FILE *fp, const char *path, const struct cmd *c);
/* True when word typed as a command would reach a core command (it is
 * one's name or a prefix of one): what no plugin may take. */
bool cmd_reserved(const char *word);
extern const struct cmd cmd_table[];

/* cmd_plugin.c: `integra plugin list|info|check`, and the plugins'
 * commands as entries of the dispatcher: one noun per loaded plugin (its
 * area, or its name when it has none), its commands the verbs. */
const struct cmd *cmd_plugin_table(struct ctx *ctx);
void cmd_plugin_release(struct ctx *ctx);

/* cmd_util.c: what the verbs of the record nouns share */
#define CMD_RECORD NULL	/* cmd_query's title: the one row as a record */
/* The SQL of a list's --search TEXT filter, TEXT the parameter p: the
 * record's name or key contains it, in any case (p NULL: every record). */
#define CMD_SEARCH_SQL(p, name, key) \
	"(" p " IS NULL OR instr(fold(" name "), fold(" p ")) > 0 " \
	"OR instr(fold(" key "), fold(" p ")) > 0)"
int cmd_query(struct ctx *ctx, const char *title, const char *sql, const char *types,
    ...);
/* A count of the rows that refer to one being removed: a query with one
 * parameter (the id); the refusal says "N NOUN" after sep (", " when NULL,
 * nothing before the first count). */
struct cmd_ref {
	const char *sql;
	const char *noun;
	const char *sep;
};
/* A noun whose records have one key (a->pos[0]): the .data of its show
 * and remove entries, whose exec is cmd_show and cmd_remove. */
struct cmd_record {
	const char *table;	/* also what messages call a record */
	const char *keycol;	/* the column of the key */
	const char *show;	/* the SELECT of show, the key its one parameter */
	const struct cmd_ref *refs;	/* what stops a removal, NULL-terminated */
};
int cmd_show(struct ctx *ctx, struct args *a);
int cmd_remove(struct ctx *ctx, struct args *a);
int cmd_remove_unused(struct ctx *ctx, const char *table, int64_t id,
    const char *label, const struct cmd_ref *refs);

/* host.c: fills ctx->plugin_env (the services table, the dispatcher,
 * the reserved names); main and the tests call it once. */
void host_init(struct ctx *ctx);

/* import.c, csv.c (bulk import) */
extern const struct optdef cmd_import_opts[];
int cmd_import(struct ctx *ctx, struct args *a);

/* report.c, atomic.c (reports and exports) */
extern const struct optdef cmd_report_opts[];
int cmd_report(struct ctx *ctx, struct args *a);
/* What a report run takes besides its name (all optional). */
struct report_params {
	const char *area;	/* :area */
	const char *from;	/* :from, a date as the user typed it */
	const char *to;		/* :to */
	const char *as_of;	/* :as_of; NULL for ctx->as_of, else today */
	const char *by;		/* the dimension; NULL for the report's first */
	bool overdue;		/* :overdue (deadlines: only what is late) */
	int64_t within;		/* :within DAYS (deadlines), -1 for none */
};
/* The report called name, core or a loaded plugin's; NULL with an
 * ERR_USAGE error listing the valid names.  *plugin_out (may be NULL) is
 * the owning plugin, NULL for a core report. */
const struct integra_report *report_find(struct ctx *ctx, const char *name,
    const struct integra_plugin **plugin_out);
/* Checks a run before anything is opened: the report, the dimension and
 * the dates. */
int report_check(struct ctx *ctx, const char *name, const struct report_params *p);
/* ERR_NOTFOUND unless area (NULL for none) is a loaded plugin's. */
int report_area(struct ctx *ctx, const char *area);
/* Runs a report into target t; *rows (may be NULL) gets the rows written. */
int report_run(struct ctx *ctx, const char *name, const struct report_params *p,
    const struct out_target *t, int64_t *rows);
/* What `integra report NAME` does: checks everything, then runs the report
 * in ctx->format to standard output or, with output, atomically to that
 * file (excel: csv with a byte-order mark). */
int report_command(struct ctx *ctx, const char *name, const struct report_params *p,
    const char *output, bool excel);
/* Parses a --within DAYS value. */
int report_within(struct ctx *ctx, const char *text, int64_t *out);
/* Reads the report options of a (the table cmd_report_opts) into p. */
int report_args(struct ctx *ctx, const struct args *a, struct report_params *p);
/* Writes a file atomically: atomic_open points t (its format, excel and
 * mode set by the caller) at a temporary file beside path (t->fp, t->path;
 * t->name = path) until commit (flush, fsync, rename, fsync of the
 * directory) or abort (nothing changes); both free the handle.  The
 * checksum is computed while the bytes are written. */
struct atomic;
struct atomic_sum {
	char sha256[65];	/* hex digest of the file */
	int64_t bytes;
};
int atomic_open(struct ctx *ctx, const char *path, struct out_target *t,
    struct atomic **out);
/* sum (may be NULL) gets the file's checksum and size. */
int atomic_commit(struct atomic *a, struct atomic_sum *sum);
void atomic_abort(struct atomic *a);
/* fmt_html.c: the html format, a core writer like out_format_csv */
extern const struct integra_format out_format_html;

/* job.c, cron.c (scheduled export jobs) */
extern const struct cmd cmd_job_verbs[];
extern const struct optdef cmd_daemon_opts[];
int cmd_daemon(struct ctx *ctx, struct args *a);
/* cfg.c: "file:line" of a libconfig setting (opaque); the caller frees it. */
char *cfg_where(const struct cfg *cfg, const void *setting);
/* cfg.c: an integer setting (opaque) as written, in 64 bits; false when
 * it does not fit. */
bool cfg_int64(const struct cfg *cfg, const void *setting, int64_t *out);
/* cfg.c: the error "file:line: PREFIXmessage" of a setting; a mode "0640". */
int cfg_errorv(struct ctx *ctx, const struct cfg *cfg, const void *setting,
    const char *prefix, const char *fmt, va_list ap);
int cfg_parse_mode(const char *s, unsigned *out);

/* deadlines (area plugins work) */

/* core nouns: person, programme, activity, participation, audit, status */
struct kv;

/* record.c: area fields of programmes, activities and participation */
struct kv {
	const char *name;
	const char *value;	/* text as stored; NULL for none */
};
/*
 * Validates the --field NAME=VALUE assignments of a record of `area`
 * against the plugin's declared fields, merges them into old_json (the
 * record's fields before, NULL for a new record), runs the plugin's
 * validate() with the core values (core_new, core_old: NULL-terminated by
 * name; core_old NULL for a new record), and returns the fields to store
 * as a JSON object in *json_out (the caller frees it).
 *
 * Core values passed by name (text, NULL when absent), which a plugin
 * reads with api->record_get():
 *   programme:     area, code, title, owner, start, end, due, status
 *   activity:      programme, code, title, start, end, location, capacity
 *   participation: programme, activity, participant, participant_kind
 *                  ("person" or "organisation"), role, status, start, end,
 *                  status_date, hours, credits, result
 */
void kv_fill(struct kv *kv, const char *const *names, char *const *values, size_t n);
int record_fields(struct ctx *ctx, enum integra_record_kind kind, const char *area,
    const char *const *assignments, const char *old_json,
    const struct kv *core_new, const struct kv *core_old, char **json_out);

/* plugin.c: the loader */
int plugins_load(struct ctx *ctx);
void plugins_unload(struct ctx *ctx);
const struct integra_plugin *plugins_area(struct ctx *ctx, const char *area);
size_t plugins_count(struct ctx *ctx);
const struct integra_plugin *plugins_get(struct ctx *ctx, size_t i);
int plugins_migrate(struct ctx *ctx);
int plugins_check_schema(struct ctx *ctx);
/* The plugin claiming area, loaded or refused for the area's binding, and
 * its file (*path_out may be NULL); NULL when none. */
const struct integra_plugin *plugins_area_claimant(struct ctx *ctx, const char *area,
    const char **path_out);
/* Binds area to the plugin loaded for it (integra plugin rebind). */
int plugins_rebind(struct ctx *ctx, const char *area);
const struct integra_format *plugins_format(struct ctx *ctx, const char *name);
void plugins_format_names(struct ctx *ctx, struct buf *b);
/* The loaded plugin whose area or name is word, and the file it came
 * from (*path_out may be NULL); NULL when none. */
const struct integra_plugin *plugins_find(struct ctx *ctx, const char *word,
    const char **path_out);
/* Every loader check on one file (`integra plugin check`): no init, no
 * database.  On success *out is the descriptor and *dl the handle to
 * dlclose(); on refusal an ERR_INVALID naming the file and the check. */
int plugins_open_file(struct ctx *ctx, const char *path, void **dl,
    const struct integra_plugin **out);

/* The host context of a loaded plugin (NULL if p is not loaded). */
const struct integra_host *plugins_host(struct ctx *ctx, const struct integra_plugin *p);

/* cfg.c: a top-level group that names no plugin in known (NULL-terminated)
 * is an error with file and line. */
int cfg_check_groups(struct ctx *ctx, const struct cfg *cfg, const char *const *known);

/* plugin_api.c: the table of host services handed to every plugin */
extern const struct integra_api plugin_api;

/* record.c: the record access members of the host table */
int record_get(struct integra_record *rec, const char *name, struct integra_value *out);
int record_old(struct integra_record *rec, const char *name, struct integra_value *out);
int record_set(struct integra_record *rec, const char *name,
    const struct integra_value *val);
enum integra_record_kind record_kind(struct integra_record *rec);
/* entity.c: the name of a record kind; its core field names, NULL-terminated. */
const char *record_kind_name(enum integra_record_kind kind);
const char *const *record_core_names(enum integra_record_kind kind);

#endif /* INTEGRA_H */
