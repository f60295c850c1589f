/*
 * integra plugin ABI.
 *
 * This header is the whole contract between the integra host and a plugin.
 * A plugin is a shared object that exports exactly one symbol, the const
 * descriptor `integra_plugin` (see INTEGRA_PLUGIN_DEFINE below).  The host
 * checks the descriptor's magic, ABI version and size before it calls any
 * plugin function, validates the declared tables, and only then calls
 * init().  (dlopen() runs a shared object's ELF constructors before any
 * check: a plugin must have none.)
 *
 * Rules that keep old plugins working with new hosts:
 *   - only the structs with a size member (integra_plugin, integra_api,
 *     integra_output) may grow, at the end, in a new minor version; the
 *     size says how much of it the other side knows about.  The other
 *     structs are used in arrays and change only with a new major version;
 *   - a plugin never links against host symbols and never sees SQLite or
 *     libconfig types: everything goes through struct integra_api;
 *   - strings handed to a plugin are borrowed and valid only during the
 *     call, unless the member's comment says otherwise.
 *
 * Build a plugin with:
 *   cc -shared -fPIC $(pkg-config --cflags integra-plugin) -o x.so x.c
 */
#ifndef INTEGRA_PLUGIN_H
#define INTEGRA_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "INTG" in ASCII: the first member of every descriptor. */
#define INTEGRA_PLUGIN_MAGIC	0x494e5447u
/* Incompatible changes bump the major; additions at the end bump the minor. */
#define INTEGRA_ABI_MAJOR	1
#define INTEGRA_ABI_MINOR	1
/* The one symbol the host looks up with dlsym(). */
#define INTEGRA_PLUGIN_SYMBOL	"integra_plugin"

#if defined(__GNUC__)
#define INTEGRA_EXPORT	__attribute__((visibility("default")))
#define INTEGRA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define INTEGRA_EXPORT
#define INTEGRA_PRINTF(f, a)
#endif

/* Result codes: 0 is success, the negatives below are failures. */
enum integra_status {
	INTEGRA_OK = 0,
	INTEGRA_EFAIL = -1,	/* anything else */
	INTEGRA_EUSAGE = -2,	/* wrong command-line arguments */
	INTEGRA_ENOTFOUND = -3,	/* a record or name does not exist */
	INTEGRA_EINVALID = -4,	/* the data is not acceptable */
	INTEGRA_EBUSY = -5,	/* the database is locked */
	INTEGRA_EEXISTS = -6	/* a key is already taken */
};

/* Value types of fields, query parameters and result columns. */
enum integra_type {
	INTEGRA_NULL = 0,	/* no value */
	INTEGRA_TEXT = 1,	/* UTF-8 text: s, n */
	INTEGRA_INTEGER = 2,	/* 64-bit integer: i */
	INTEGRA_REAL = 3,	/* double: r */
	INTEGRA_BOOLEAN = 4,	/* i is 0 or 1; "yes/no/true/false/1/0" on input */
	INTEGRA_DATE = 5,	/* s is "YYYY-MM-DD"; input also takes DD.MM.YYYY */
	INTEGRA_ENUM = 6,	/* s is one of the field's values */
	INTEGRA_REFERENCE = 7	/* s is the key of a record of field.ref */
};

/* One typed value.  Only the member that matches type is meaningful. */
struct integra_value {
	enum integra_type type;
	int64_t i;
	double r;
	const char *s;	/* text, date, enum, reference: NUL-terminated */
	size_t n;	/* length of s in bytes; in values a plugin passes to the
			 * host, 0 means "up to the NUL" */
};

/* The record kinds a plugin may add fields to. */
enum integra_record_kind {
	INTEGRA_RECORD_PROGRAMME = 1,
	INTEGRA_RECORD_ACTIVITY = 2,
	INTEGRA_RECORD_PARTICIPATION = 3
};

/* What a reference field points to. */
enum integra_ref {
	INTEGRA_REF_NONE = 0,
	INTEGRA_REF_ORGANISATION = 1,	/* organisation code */
	INTEGRA_REF_PERSON = 2,		/* person key */
	INTEGRA_REF_PROGRAMME = 3	/* programme code */
};

/* Field flags. */
enum integra_field_flags {
	INTEGRA_FIELD_REQUIRED = 1 << 0,	/* must be given when the record is added */
	INTEGRA_FIELD_BOUNDED = 1 << 1,		/* min and max apply (integer, real) */
	INTEGRA_FIELD_DERIVED = 1 << 2		/* set by validate(), never by the user */
};

/*
 * One field the plugin adds to a core record.  The host validates every
 * value against it before anything is stored, then stores it typed.
 * Tables end with an entry whose name is NULL.
 */
struct integra_field {
	const char *name;	/* identifier: [a-z][a-z0-9_]*, at most 32 bytes */
	const char *label;	/* human name for tables and help */
	enum integra_record_kind record;	/* which record it belongs to */
	enum integra_type type;	/* never INTEGRA_NULL */
	unsigned flags;		/* enum integra_field_flags */
	const char *const *values;	/* INTEGRA_ENUM: allowed values, NULL-terminated */
	double min;		/* with INTEGRA_FIELD_BOUNDED: lowest allowed value */
	double max;		/* with INTEGRA_FIELD_BOUNDED: highest allowed value */
	enum integra_ref ref;	/* INTEGRA_REFERENCE: what the key names */
	const char *help;	/* one line for `plugin info` and --help */
	/* ABI 1.1 */
	const char *const *value_labels;	/* INTEGRA_ENUM: human names, parallel to
				 * values (translated through the textdomain);
				 * NULL: the values themselves */
};

/* A key the plugin accepts in its own configuration group. */
struct integra_config_key {
	const char *name;	/* identifier, as for fields */
	enum integra_type type;	/* INTEGER, REAL, BOOLEAN, TEXT or DATE */
	double min;		/* bounds for INTEGER and REAL */
	double max;
	const char *def;	/* default, as text; NULL for none */
	const char *help;	/* one line */
};

/* Column flags for report columns. */
enum integra_column_flags {
	INTEGRA_COLUMN_TOTAL = 1 << 0,	/* the table format sums it in a totals row */
	INTEGRA_COLUMN_MEASURE = 1 << 1	/* the main measure: charts plot it */
};

/* How a totals row computes a column (ABI 1.1). */
enum integra_total {
	INTEGRA_TOTAL_DEFAULT = 0,	/* as ABI 1.0: summed with INTEGRA_COLUMN_TOTAL */
	INTEGRA_TOTAL_NONE,		/* left out: a year, a code, a date, a share */
	INTEGRA_TOTAL_SUM,		/* the sum of the column */
	INTEGRA_TOTAL_RATIO		/* total numerator / total denominator * scale */
};

/* One column of a result handed to an output format. */
struct integra_column {
	const char *name;	/* identifier, used as CSV/JSON key */
	enum integra_type type;	/* INTEGRA_NULL when the column mixes types */
	unsigned flags;		/* enum integra_column_flags */
	/* ABI 1.1 */
	const char *label;	/* header in human formats (translated through
				 * the textdomain); NULL: the name */
	enum integra_total total;	/* how a totals row computes it */
	const char *numerator;	/* INTEGRA_TOTAL_RATIO: column names */
	const char *denominator;
	double scale;		/* INTEGRA_TOTAL_RATIO: 100 for a percentage; 0 means 1 */
};

/*
 * One SQL text of a report, for one --by dimension.  The SQL is exactly one
 * read-only SELECT over the tables documented in integra-plugin(7).  The
 * host binds these named parameters and refuses any other, and any `?`:
 *   :area     --area, else the plugin's own area
 *   :from :to the period as "YYYY-MM-DD", NULL when not given
 *   :as_of    --as-of, else today: "YYYY-MM-DD", never NULL
 *   :overdue  1 with --overdue, else NULL
 *   :within   --within DAYS as an integer, else NULL
 *   :cfg_NAME the plugin's configuration key NAME (value or default)
 */
struct integra_report_query {
	const char *by;		/* dimension name; "none" when there is none */
	const char *sql;
};

/* A report: data-first, computed in the database by the host. */
struct integra_report {
	const char *name;	/* identifier, unique across all plugins */
	const char *title;	/* heading for HTML and XLSX */
	const char *summary;	/* the question it answers, one line */
	const struct integra_report_query *queries;	/* first is the default; NULL-terminated by by */
	const struct integra_column *columns;	/* optional column types and flags, by name; NULL-terminated */
};

/* Where an output format writes. */
struct integra_output {
	uint32_t size;		/* sizeof(struct integra_output) of the host */
	const char *path;	/* file being written (a temporary name), NULL for stdout */
	const char *title;	/* report title */
	/* Writes len bytes; returns 0 or a negative integra_status. */
	int (*write)(void *ud, const void *buf, size_t len);
	void *ud;
	int excel;		/* CSV: add a byte-order mark for spreadsheet programs */
};

/* Format flags. */
enum integra_format_flags {
	INTEGRA_FORMAT_NEEDS_FILE = 1 << 0,	/* writes output.path itself; refused on stdout */
	INTEGRA_FORMAT_BINARY = 1 << 1		/* never written to a terminal */
};

/*
 * An output format.  open() starts a document with the given columns, row()
 * is called once per row with ncols values, close() finishes it (ok != 0) or
 * abandons it (ok == 0) and always frees state.  When open() fails after
 * setting *state, the host calls close(state, 0); an open() that fails
 * before setting *state frees what it made itself.
 */
struct integra_format {
	const char *name;	/* identifier: what --format takes */
	const char *summary;
	const char *extension;	/* without the dot */
	unsigned flags;		/* enum integra_format_flags */
	int (*open)(const struct integra_output *out,
	    const struct integra_column *cols, size_t ncols, void **state);
	int (*row)(void *state, const struct integra_value *vals);
	int (*close)(void *state, int ok);
};

struct integra_host;	/* opaque: the host's context for this plugin */
struct integra_record;	/* opaque: a record being validated */

/* A command: `integra AREA NAME ARGS...`. */
enum integra_command_flags {
	INTEGRA_COMMAND_WRITES = 1 << 0	/* runs in a write transaction */
};

struct integra_command {
	const char *name;	/* identifier */
	const char *usage;	/* arguments after the name, for --help */
	const char *summary;	/* one line */
	unsigned flags;		/* enum integra_command_flags */
	/* argv[0] is the command name.  Returns an integra_status. */
	int (*exec)(const struct integra_host *h, int argc, char **argv);
};

/* Log levels. */
enum integra_log_level {
	INTEGRA_LOG_ERROR = 0,
	INTEGRA_LOG_WARNING = 1,
	INTEGRA_LOG_INFO = 2,
	INTEGRA_LOG_DEBUG = 3
};

/* Callback for rows of a query: return 0 to go on, non-zero to stop. */
typedef int (*integra_row_fn)(void *ud, const struct integra_value *cols,
    size_t ncols);

/*
 * Services the host offers, passed to init() and valid until shutdown().
 * Check api->size before using a member added after ABI 1.0.
 */
struct integra_api {
	uint32_t size;		/* sizeof(struct integra_api) of the host */
	uint16_t abi_major;	/* the host's ABI version */
	uint16_t abi_minor;

	/* Writes one line to the host's log (stderr). */
	void (*log)(const struct integra_host *h, enum integra_log_level lvl,
	    const char *fmt, ...) INTEGRA_PRINTF(3, 4);
	/* Sets the error the host reports; returns code for `return api->error(...)`. */
	int (*error)(const struct integra_host *h, int code, const char *fmt,
	    ...) INTEGRA_PRINTF(3, 4);

	/* Typed look-ups in the plugin's own configuration group; the
	 * declared default serves when the key is absent. 0, or
	 * INTEGRA_ENOTFOUND when neither exists, or INTEGRA_EINVALID when
	 * the key has another type. */
	int (*config_int)(const struct integra_host *h, const char *key, int64_t *out);
	int (*config_real)(const struct integra_host *h, const char *key, double *out);
	int (*config_bool)(const struct integra_host *h, const char *key, int *out);
	/* *out is borrowed and lives until shutdown(). */
	int (*config_text)(const struct integra_host *h, const char *key, const char **out);

	/* Runs one read-only SELECT with positional parameters (?1..?n);
	 * calls row() for each row with the columns typed INTEGER, REAL,
	 * TEXT or NULL (valid only during the call).  Not during init():
	 * the database is opened after the plugins load.  Returns 0 or an
	 * integra_status. */
	int (*query)(const struct integra_host *h, const char *sql,
	    const struct integra_value *params, size_t nparams,
	    integra_row_fn row, void *ud);
	/* Runs one statement that changes the plugin's own tables (named
	 * <plugin name>_*, enforced by the host), inside the host's
	 * transaction: only in migrate() and in commands flagged
	 * INTEGRA_COMMAND_WRITES.  CREATE/ALTER/DROP TABLE and INDEX on its
	 * own tables are allowed (index names carry the prefix too);
	 * triggers, views, PRAGMA and ATTACH are not.  A statement that
	 * changes rows is recorded in the audit log (entity: the table; key:
	 * the plugin's name).  *changes (rows changed) may be NULL. */
	int (*exec)(const struct integra_host *h, const char *sql,
	    const struct integra_value *params, size_t nparams, int64_t *changes);
	/* Runs a core command, as if typed after `integra`, with the same
	 * validation and audit: the way a plugin adds or changes
	 * organisations, programmes or participation.  Inside the host's write
	 * transaction it runs in a savepoint (a failed command leaves none of
	 * its changes); without one, in a transaction of its own.  Output of
	 * the command is discarded unless show is non-zero. */
	int (*run)(const struct integra_host *h, int argc, const char *const *argv,
	    int show);

	/* Starts a result on the user's chosen output format (the global
	 * --format; plugin commands have no -o).  Then emit_row() per row,
	 * and emit_end() once. */
	int (*emit_begin)(const struct integra_host *h, const char *title,
	    const struct integra_column *cols, size_t ncols);
	int (*emit_row)(const struct integra_host *h, const struct integra_value *vals);
	int (*emit_end)(const struct integra_host *h);

	/* Parses a date as users type it (2021-07-23 or 23.07.2021) into
	 * out[11] as "YYYY-MM-DD".  INTEGRA_EINVALID with a message if not. */
	int (*parse_date)(const struct integra_host *h, const char *text, char out[11]);
	/* Today as "YYYY-MM-DD", or the date of the running command's
	 * --as-of option (report, deadlines) when it was given. */
	void (*today)(const struct integra_host *h, char out[11]);

	/* Record access inside validate(): the new value of a field (core
	 * fields too: "status", "start", "due", ...), the value before this
	 * change (INTEGRA_ENOTFOUND when the record is new or had none, and
	 * during `integra import`, which passes no old values), and
	 * setting a field of the record (usually a derived one; the value
	 * must have the field's type, INTEGRA_NULL removes it).
	 *
	 * A plugin field comes with its declared type; a core value comes as
	 * TEXT, except hours, credits and capacity, which come as REAL.  A
	 * name without a value gives INTEGRA_ENOTFOUND and out->type
	 * INTEGRA_NULL.  Core names per record kind (see integra-plugin(7)):
	 *   programme:     area code title owner start end due status
	 *   activity:      programme code title start end location capacity
	 *   participation: programme activity participant participant_kind
	 *                  role status start end status_date hours credits
	 *                  result */
	int (*record_get)(struct integra_record *rec, const char *name,
	    struct integra_value *out);
	int (*record_old)(struct integra_record *rec, const char *name,
	    struct integra_value *out);
	int (*record_set)(struct integra_record *rec, const char *name,
	    const struct integra_value *val);
	/* Which record kind this is. */
	enum integra_record_kind (*record_kind)(struct integra_record *rec);
};

/* Kinds of participant a plugin's programmes accept. */
enum integra_participant_flags {
	INTEGRA_PARTICIPANT_PERSON = 1 << 0,
	INTEGRA_PARTICIPANT_ORGANISATION = 1 << 1
};

/*
 * The descriptor.  The first four members never move.  Tables end with a
 * NULL name; any table may be NULL.
 */
struct integra_plugin {
	uint32_t magic;		/* INTEGRA_PLUGIN_MAGIC */
	uint16_t abi_major;	/* INTEGRA_ABI_MAJOR the plugin was built with */
	uint16_t abi_minor;	/* INTEGRA_ABI_MINOR the plugin was built with */
	uint32_t size;		/* sizeof(struct integra_plugin) */

	const char *name;	/* identifier; the file must be <name>.so */
	const char *version;	/* the plugin's own version, free text */
	const char *area;	/* the area its programmes belong to: identifier;
				 * NULL for a plugin that owns no programmes
				 * (only formats, reports or commands), whose
				 * commands are then `integra NAME COMMAND` */
	const char *title;	/* one line: what area of work */
	uint32_t schema_version;	/* of the plugin's own tables; 0 if none */
	unsigned participants;	/* enum integra_participant_flags; 0 means persons */
	const char *const *roles;	/* allowed participation roles; NULL: "participant" only */
	const struct integra_field *fields;
	const struct integra_config_key *config;
	const struct integra_report *reports;
	const struct integra_format *formats;
	const struct integra_command *commands;

	/* Called once after the checks; returns an integra_status.  On
	 * failure the host unregisters everything the plugin declared. */
	int (*init)(const struct integra_api *api, const struct integra_host *h);
	/* Brings the plugin's tables from schema version `from` to `to`,
	 * inside the host's transaction (`integra init`). */
	int (*migrate)(const struct integra_host *h, uint32_t from, uint32_t to);
	/* Called once before the host exits. */
	void (*shutdown)(const struct integra_host *h);
	/* Checks a whole record of this area after each field passed its own
	 * checks; may set derived fields.  Returns 0 or INTEGRA_EINVALID after
	 * api->error() naming the field, the value and what is allowed. */
	int (*validate)(const struct integra_host *h, struct integra_record *rec);

	/* ABI 1.1 */
	const char *textdomain;	/* gettext domain of the plugin's labels,
				 * titles, summaries, help and messages;
				 * NULL: shown as written */
	const char *localedir;	/* where its catalogs are; NULL: the host's */
	/* ABI 1.1: the plugin's rows of `integra deadlines` (and the report
	 * `deadlines`): one read-only SELECT of exactly the columns code,
	 * area, title, owner (an organisation code or NULL) and due
	 * ("YYYY-MM-DD") of what is outstanding as of :as_of; it may use
	 * :as_of, :area, :from and :to, never :cfg_NAME.  The host adds
	 * days late, the status and the filters.  NULL: none. */
	const char *deadlines;
};

/* Marks a string for xgettext where it sits in a table; the host
 * translates it through the plugin's textdomain when it shows it. */
#ifndef N_
#define N_(s) (s)
#endif

/* Fills the four fixed members. */
#define INTEGRA_PLUGIN_HEADER						\
	.magic = INTEGRA_PLUGIN_MAGIC,					\
	.abi_major = INTEGRA_ABI_MAJOR,					\
	.abi_minor = INTEGRA_ABI_MINOR,					\
	.size = sizeof(struct integra_plugin)

/* Defines the exported descriptor: INTEGRA_PLUGIN_DEFINE(.name = "x", ...); */
#define INTEGRA_PLUGIN_DEFINE(...)					\
	INTEGRA_EXPORT const struct integra_plugin integra_plugin = {	\
		INTEGRA_PLUGIN_HEADER, __VA_ARGS__ }

#ifdef __cplusplus
}
#endif

#endif /* INTEGRA_PLUGIN_H */
