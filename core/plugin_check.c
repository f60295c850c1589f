/*
 * The loader's checks: everything the host verifies about a plugin before
 * and after it loads it.  Before: the plugin directory and every directory
 * above it, as OpenSSH's StrictModes checks paths (owned by root or the
 * running user, writable by nobody else but a sticky ancestor such as
 * /tmp, the directory no symbolic link), and the file itself (a regular
 * file, not a link, under the same owner and mode rule), opened by
 * descriptor and loaded through /proc/self/fd so what was checked is what
 * is loaded.  Loading runs the object's ELF constructors; that is why the
 * directories are checked first.  After: the descriptor's four fixed
 * members (magic, ABI major and minor, size) and every declared table
 * (identity, fields, configuration keys, reports, formats, commands,
 * roles), before any callback runs.  Each refusal is one line naming the
 * file or directory, the check, what was expected and what was found, and
 * the fix when there is one.  The registry that keeps the loaded plugins
 * is plugin.c.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"
#include "plugin_host.h"

/* The size of the descriptor of ABI 1.0: every later plugin is larger. */
#define PLUGIN_SIZE_1_0 (offsetof(struct integra_plugin, validate) + \
	sizeof(((struct integra_plugin *)0)->validate))

static const char *const type_names[] = {
	"null", "text", "integer", "real", "boolean", "date", "enum", "reference"
};
static const char *const ref_names[] = {
	"none", "organisation", "person", "programme"
};

/* The name of a value type, as `plugin info` and the refusals say it. */
const char *
plugin_type_name(enum integra_type t)
{
	return (unsigned)t < ARRAY_SIZE(type_names) ? type_names[t] : "unknown";
}

/* The name of what a reference field points to. */
const char *
plugin_ref_name(enum integra_ref r)
{
	return (unsigned)r < ARRAY_SIZE(ref_names) ? ref_names[r] : "unknown";
}


/* Stores "plugin 'PATH' refused: ..." and returns ERR_INVALID. */
int
plugin_refuse(struct ctx *ctx, const char *path, const char *fmt, ...)
{
	char msg[1536];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	return error_set(ctx, ERR_INVALID, "plugin '%s' refused: %s", path, msg);
}

/* A command name: [a-z][a-z0-9_-]*, at most 32 bytes. */
static bool
is_command_name(const char *s)
{
	size_t i;

	if (s == NULL || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (i = 0; s[i]; i++)
		if (i >= PLUGIN_NAME_MAX || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/* The owner and mode rule of the file and of every directory above it,
 * after OpenSSH's StrictModes: owned by root or the running user, and
 * writable by nobody else.  An ancestor of the plugin directory (never the
 * directory itself, never the file) may be writable by others when its
 * sticky bit is set, as /tmp is: then only root and the owner of an entry
 * can rename or remove it, and the entry below (checked too) is ours or
 * root's.  what is "plugin" or "plugin directory", path what the refusal
 * is about, node the file or directory that failed. */
static int
check_owner_mode(struct ctx *ctx, const char *what, const char *path,
    const char *node, const struct stat *st, bool ancestor)
{
	unsigned m = (unsigned)(st->st_mode & 07777), uid = (unsigned)geteuid();
	char at[PATH_MAX + 8] = "";

	if (strcmp(path, node) != 0)
		snprintf(at, sizeof(at), "'%s': ", node);
	if (st->st_uid != 0 && st->st_uid != uid && ancestor)
		return error_set(ctx, ERR_INVALID, "%s '%s' refused: %sowner: "
		    "expected root (uid 0) or the running user (uid %u), found "
		    "uid %u; fix: use a plugin directory below directories of "
		    "root's or yours only", what, path, at, uid,
		    (unsigned)st->st_uid);
	if (st->st_uid != 0 && st->st_uid != uid)
		return error_set(ctx, ERR_INVALID, "%s '%s' refused: %sowner: "
		    "expected root (uid 0) or the running user (uid %u), found "
		    "uid %u; fix with: chown %u %s", what, path, at, uid,
		    (unsigned)st->st_uid, uid, node);
	if ((m & (S_IWGRP | S_IWOTH)) && !(ancestor && (m & S_ISVTX)))
		return error_set(ctx, ERR_INVALID, "%s '%s' refused: %spermissions: "
		    "expected no write permission for group or others%s, found "
		    "mode %04o; fix with: chmod go-w %s", what, path, at,
		    ancestor ? " (or the sticky bit, as on /tmp)" : "", m, node);
	return 0;
}

/* Cuts the last component off an absolute path: "/a/b" -> "/a" -> "/". */
static void
parent_name(char *node)
{
	char *slash = strrchr(node, '/');

	if (slash == node)
		node[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
}

#ifdef O_PATH
#define O_WALK (O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define O_WALK (O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif

/*
 * Every directory above the open plugin directory fd (whose stat is st)
 * up to the root, walked through ".." from the descriptor, so what is
 * checked is the directory that will be read whatever links the
 * configured path went through; the names in refusals are its real path.
 */
static int
check_above(struct ctx *ctx, const char *path, int fd, const struct stat *st)
{
	char node[PATH_MAX];
	struct stat cur = *st, up;
	int at = fd, next, rc = 0;

	if (realpath(path, node) == NULL)
		snprintf(node, sizeof(node), "%s", path);
	for (;;) {
		next = openat(at, "..", O_WALK);
		if (next < 0 || fstat(next, &up) != 0) {
			rc = error_set(ctx, ERR_FAIL, "plugin directory '%s': cannot "
			    "check the directory above '%s': %s", path, node,
			    strerror(errno));
			break;
		}
		if (at != fd)
			close(at);
		at = next;
		if (up.st_dev == cur.st_dev && up.st_ino == cur.st_ino)
			break;		/* the root is its own parent */
		parent_name(node);
		if ((rc = check_owner_mode(ctx, "plugin directory", path, node, &up,
		    true)) != 0)
			break;
		cur = up;
	}
	if (next >= 0 && next != at)
		close(next);
	if (at != fd)
		close(at);
	return rc;
}

/* A symbolic link at node (lstat st) on the way to the plugin directory
 * path: it must be root's or ours, in a directory that only root or we can
 * change (or a sticky one), else whoever can change it picks the
 * directory that is read. */
static int
check_link(struct ctx *ctx, const char *path, char *node, const struct stat *st)
{
	char real[PATH_MAX];
	struct stat pst;
	unsigned uid = (unsigned)geteuid();

	if (st->st_uid != 0 && st->st_uid != uid)
		return error_set(ctx, ERR_INVALID, "plugin directory '%s' refused: "
		    "'%s': symbolic link owner: expected root (uid 0) or the running "
		    "user (uid %u), found uid %u; fix with: name the directory "
		    "itself (%s)", path, node, uid, (unsigned)st->st_uid,
		    realpath(path, real) ? real : "its real path");
	parent_name(node);
	if (stat(node, &pst) != 0)
		return error_set(ctx, ERR_FAIL, "plugin directory '%s': cannot read "
		    "'%s': %s", path, node, strerror(errno));
	return check_owner_mode(ctx, "plugin directory", path, node, &pst, true);
}

/* Every symbolic link among the components of path above its last (which
 * must be no link at all): none that someone else could change. */
static int
check_links(struct ctx *ctx, const char *path)
{
	char full[PATH_MAX], node[PATH_MAX], *slash;
	struct stat st;
	int rc;

	if (path[0] != '/' && getcwd(node, sizeof(node)) == NULL)
		return 0;	/* the walk from the descriptor still checks */
	if ((path[0] == '/' ? snprintf(full, sizeof(full), "%s", path) :
	    snprintf(full, sizeof(full), "%s/%s", node, path)) >= (int)sizeof(full))
		return 0;	/* too long to open anyway */
	for (slash = strchr(full + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		snprintf(node, sizeof(node), "%.*s", (int)(slash - full), full);
		if (lstat(node, &st) == 0 && S_ISLNK(st.st_mode) &&
		    (rc = check_link(ctx, path, node, &st)) != 0)
			return rc;
	}
	return 0;
}

/* Why path could not be opened as a plugin directory. */
static int
dir_open_error(struct ctx *ctx, const char *path)
{
	char real[PATH_MAX];
	struct stat st;
	int e = errno;

	if (e == ENOENT)
		return error_set(ctx, ERR_NOTFOUND,
		    "plugin directory '%s': no such directory", path);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return error_set(ctx, ERR_INVALID, "plugin directory '%s' refused: "
		    "file type: expected a directory, not a symbolic link that can "
		    "be changed under it, found a symbolic link; fix with: name "
		    "the directory itself (%s)", path,
		    realpath(path, real) ? real : "its target");
	if (lstat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		return error_set(ctx, ERR_INVALID, "plugin directory '%s' refused: "
		    "file type: expected a directory, found %s", path,
		    file_kind(st.st_mode));
	return error_set(ctx, ERR_FAIL, "plugin directory '%s': cannot open: %s",
	    path, strerror(e));
}

/* Opens the plugin directory path, not through a symbolic link, and checks
 * it and every directory above it; 0 with *fdp, ERR_NOTFOUND when there
 * is no such directory, else one line naming the directory that failed,
 * the check, expected and found, and the fix. */
int
plugin_dir_open(struct ctx *ctx, const char *path, int *fdp)
{
	struct stat st;
	int fd, rc;

	*fdp = -1;
	if ((rc = check_links(ctx, path)) != 0)
		return rc;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return dir_open_error(ctx, path);
	if (fstat(fd, &st) != 0)
		rc = error_set(ctx, ERR_FAIL, "plugin directory '%s': cannot read: %s",
		    path, strerror(errno));
	else if ((rc = check_owner_mode(ctx, "plugin directory", path, path, &st,
	    false)) == 0)
		rc = check_above(ctx, path, fd, &st);
	if (rc != 0) {
		close(fd);
		return rc;
	}
	*fdp = fd;
	return 0;
}

/* The file checks on what was opened: a regular file owned by root or us,
 * not writable by group or others. */
static int
check_file(struct ctx *ctx, const char *path, const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return plugin_refuse(ctx, path,
		    "file type: expected a regular file, found %s",
		    file_kind(st->st_mode));
	return check_owner_mode(ctx, "plugin", path, path, st, false);
}

/* The four fixed members, read before anything else. */
static int
check_descriptor(struct ctx *ctx, const char *path, const struct integra_plugin *p)
{
	if (p->magic != INTEGRA_PLUGIN_MAGIC)
		return plugin_refuse(ctx, path, "magic: expected 0x%08x, found 0x%08x",
		    INTEGRA_PLUGIN_MAGIC, (unsigned)p->magic);
	if (p->abi_major != INTEGRA_ABI_MAJOR)
		return plugin_refuse(ctx, path,
		    "ABI major version: expected %d, found %u; "
		    "rebuild the plugin against this integra's plugin.h",
		    INTEGRA_ABI_MAJOR, (unsigned)p->abi_major);
	if (p->abi_minor > INTEGRA_ABI_MINOR)
		return plugin_refuse(ctx, path, "ABI minor version: expected at most %d, "
		    "found %u; the plugin needs a newer integra", INTEGRA_ABI_MINOR,
		    (unsigned)p->abi_minor);
	if (p->size < PLUGIN_SIZE_1_0)
		return plugin_refuse(ctx, path, "descriptor size: expected at least %zu, "
		    "found %u", (size_t)PLUGIN_SIZE_1_0, (unsigned)p->size);
	return 0;
}

/* The word that reaches a plugin's commands: its area, or its name when it
 * has none (a plugin that only adds formats, reports or commands). */
const char *
plugin_key(const struct integra_plugin *p)
{
	return p->area ? p->area : p->name;
}

/* The base name of path without ".so", into out. */
static void
file_stem(const char *path, char *out, size_t n)
{
	const char *b = strrchr(path, '/');
	size_t len;

	b = b ? b + 1 : path;
	len = strlen(b);
	if (len > 3 && strcmp(b + len - 3, ".so") == 0)
		len -= 3;
	snprintf(out, n, "%.*s", (int)len, b);
}

static int
check_identity(struct ctx *ctx, const char *path, const struct integra_plugin *p)
{
	char stem[256];

	if (!text_is_ident(p->name, PLUGIN_NAME_MAX) || strcmp(p->name, "core") == 0)
		return plugin_refuse(ctx, path,
		    "name: expected an identifier ([a-z][a-z0-9_]*, "
		    "at most %d bytes, not 'core'), found '%s'",
		    PLUGIN_NAME_MAX, p->name ? p->name : "(null)");
	file_stem(path, stem, sizeof(stem));
	if (strcmp(stem, p->name) != 0)
		return plugin_refuse(ctx, path,
		    "file name: expected '%s.so' for plugin '%s', "
		    "found '%s.so'",
		    p->name, p->name, stem);
	if (p->area != NULL && !text_is_ident(p->area, PLUGIN_NAME_MAX))
		return plugin_refuse(ctx, path,
		    "area: expected an identifier ([a-z][a-z0-9_]*) "
		    "or none, found '%s'", p->area);
	if (p->area == NULL && ((p->fields && p->fields->name) || p->roles ||
	    p->participants || p->validate))
		return plugin_refuse(ctx, path,
		    "area: expected one for a plugin with fields, "
		    "roles, participants or validate(), found none");
	if (p->version == NULL || *p->version == '\0')
		return plugin_refuse(ctx, path, "version: expected a version text, "
		    "found none");
	if (p->schema_version > 0 && p->migrate == NULL)
		return plugin_refuse(ctx, path, "schema version %u: expected a migrate() "
		    "callback, found none", (unsigned)p->schema_version);
	if (p->participants & ~(unsigned)(INTEGRA_PARTICIPANT_PERSON |
	    INTEGRA_PARTICIPANT_ORGANISATION))
		return plugin_refuse(ctx, path, "participants: expected person and/or "
		    "organisation flags, found 0x%x", p->participants);
	return 0;
}

/* One field entry; i is its 1-based position for the message. */
static int
check_field(struct ctx *ctx, const char *path, const struct integra_field *f,
    size_t i)
{
	const char *const *core;
	const char *n = f->name;

	if (!text_is_ident(n, PLUGIN_NAME_MAX))
		return plugin_refuse(ctx, path,
		    "field %zu: name: expected an identifier "
		    "([a-z][a-z0-9_]*, at most %d bytes), found '%s'",
		    i, PLUGIN_NAME_MAX, n);
	if (f->record < INTEGRA_RECORD_PROGRAMME ||
	    f->record > INTEGRA_RECORD_PARTICIPATION)
		return plugin_refuse(ctx, path,
		    "field '%s': record kind: expected programme, "
		    "activity or participation (1..3), found %d",
		    n, (int)f->record);
	if (f->type <= INTEGRA_NULL || f->type > INTEGRA_REFERENCE)
		return plugin_refuse(ctx, path,
		    "field '%s': type: expected text, integer, real, "
		    "boolean, date, enum or reference (1..7), found %d",
		    n, (int)f->type);
	core = record_core_names(f->record);
	if (text_in_list(core, n))
		return plugin_refuse(ctx, path,
		    "field '%s': name: expected a name that is not "
		    "a core %s field, found '%s'",
		    n, record_kind_name(f->record), n);
	if (f->type == INTEGRA_ENUM && (f->values == NULL || f->values[0] == NULL))
		return plugin_refuse(ctx, path,
		    "field '%s': enum values: expected at least one, "
		    "found none", n);
	if (f->type == INTEGRA_REFERENCE && (f->ref < INTEGRA_REF_ORGANISATION ||
	    f->ref > INTEGRA_REF_PROGRAMME))
		return plugin_refuse(ctx, path,
		    "field '%s': reference: expected organisation, "
		    "person or programme (1..3), found %d",
		    n, (int)f->ref);
	if ((f->flags & INTEGRA_FIELD_BOUNDED) && f->type != INTEGRA_INTEGER &&
	    f->type != INTEGRA_REAL)
		return plugin_refuse(ctx, path,
		    "field '%s': bounds: expected an integer or real "
		    "field, found type %s",
		    n, plugin_type_name(f->type));
	if ((f->flags & INTEGRA_FIELD_BOUNDED) && !(f->min <= f->max))
		return plugin_refuse(ctx, path,
		    "field '%s': bounds: expected min <= max, found "
		    "%g > %g",
		    n, f->min, f->max);
	if ((f->flags & INTEGRA_FIELD_REQUIRED) && (f->flags & INTEGRA_FIELD_DERIVED))
		return plugin_refuse(ctx, path,
		    "field '%s': flags: expected required or derived, "
		    "found both", n);
	return 0;
}

static int
check_fields(struct ctx *ctx, const char *path, const struct integra_field *fields)
{
	const struct integra_field *f, *g;
	const char *const *v, *const *w;
	int rc;

	for (f = fields; f && f->name; f++) {
		if ((rc = check_field(ctx, path, f, (size_t)(f - fields) + 1)) != 0)
			return rc;
		for (g = fields; g < f; g++)
			if (strcmp(g->name, f->name) == 0 && g->record == f->record)
				return plugin_refuse(ctx, path,
				    "field '%s': expected a unique name "
				    "per record kind, found it twice on %s",
				    f->name, record_kind_name(f->record));
		for (v = f->type == INTEGRA_ENUM ? f->values : NULL; v && *v; v++) {
			if (**v == '\0' || !text_valid_utf8(*v, strlen(*v)))
				return plugin_refuse(ctx, path,
				    "field '%s': enum value %zu: expected "
				    "non-empty UTF-8 text, found '%s'",
				    f->name, (size_t)(v - f->values) + 1, *v);
			for (w = f->values; w < v; w++)
				if (strcmp(*w, *v) == 0)
					return plugin_refuse(ctx, path,
					    "field '%s': enum values: "
					    "expected unique values, found '%s' twice",
					    f->name, *v);
		}
	}
	return 0;
}

/* Refuses entry i (from 1) of a table of kind whose name is no identifier. */
static int
check_name(struct ctx *ctx, const char *path, const char *kind, size_t i,
    const char *name)
{
	if (!text_is_ident(name, PLUGIN_NAME_MAX))
		return plugin_refuse(ctx, path,
		    "%s %zu: name: expected an identifier, found '%s'",
		    kind, i, name);
	return 0;
}

/* The configuration keys a plugin declares: names, types and bounds. */
static int
check_config(struct ctx *ctx, const char *path, const struct integra_config_key *keys)
{
	const struct integra_config_key *k;

	for (k = keys; k && k->name; k++) {
		if (check_name(ctx, path, "config key", (size_t)(k - keys) + 1,
		    k->name) != 0)
			return ctx->err;
		if (k->type != INTEGRA_INTEGER && k->type != INTEGRA_REAL &&
		    k->type != INTEGRA_BOOLEAN && k->type != INTEGRA_TEXT &&
		    k->type != INTEGRA_DATE)
			return plugin_refuse(ctx, path,
			    "config key '%s': type: expected integer, "
			    "real, boolean, text or date, found %s",
			    k->name, plugin_type_name(k->type));
		if (!(k->min <= k->max))
			return plugin_refuse(ctx, path,
			    "config key '%s': bounds: expected min <= "
			    "max, found %g > %g",
			    k->name, k->min, k->max);
	}
	return 0;
}

static int
check_report(struct ctx *ctx, const char *path, const struct integra_report *r)
{
	const struct integra_report_query *q, *o;

	if (r->queries == NULL || r->queries[0].by == NULL)
		return plugin_refuse(ctx, path,
		    "report '%s': queries: expected at least one, "
		    "found none", r->name);
	for (q = r->queries; q->by; q++) {
		if (!text_is_ident(q->by, PLUGIN_NAME_MAX))
			return plugin_refuse(ctx, path,
			    "report '%s': dimension: expected an "
			    "identifier or 'none', found '%s'", r->name, q->by);
		if (q->sql == NULL || strspn(q->sql, " \t\r\n") == strlen(q->sql))
			return plugin_refuse(ctx, path,
			    "report '%s' by '%s': SQL: expected a "
			    "SELECT, found none", r->name, q->by);
		for (o = r->queries; o < q; o++)
			if (strcmp(o->by, q->by) == 0)
				return plugin_refuse(ctx, path,
				    "report '%s': dimension '%s': "
				    "expected once, found twice", r->name, q->by);
	}
	return 0;
}

static int
check_reports(struct ctx *ctx, const char *path, const struct integra_report *reports)
{
	const struct integra_report *r;
	int rc;

	for (r = reports; r && r->name; r++) {
		if ((rc = check_name(ctx, path, "report",
		    (size_t)(r - reports) + 1, r->name)) != 0 ||
		    (rc = check_report(ctx, path, r)) != 0)
			return rc;
	}
	return 0;
}

static int
check_formats(struct ctx *ctx, const char *path, const struct integra_format *formats)
{
	static const char *const core[] = { "table", "csv", "json", NULL };
	const struct integra_format *f;

	for (f = formats; f && f->name; f++) {
		if (!text_is_ident(f->name, PLUGIN_NAME_MAX) || text_in_list(core, f->name))
			return plugin_refuse(ctx, path,
			    "format %zu: name: expected an identifier "
			    "other than table, csv and json, found '%s'",
			    (size_t)(f - formats) + 1, f->name);
		if (f->open == NULL || f->row == NULL || f->close == NULL)
			return plugin_refuse(ctx, path,
			    "format '%s': callbacks: expected open, row "
			    "and close, found a NULL", f->name);
	}
	return 0;
}

static int
check_commands(struct ctx *ctx, const char *path, const struct integra_command *cmds)
{
	const struct integra_command *c;

	for (c = cmds; c && c->name; c++) {
		if (!is_command_name(c->name))
			return plugin_refuse(ctx, path,
			    "command %zu: name: expected [a-z][a-z0-9_-]*, "
			    "found '%s'",
			    (size_t)(c - cmds) + 1, c->name);
		if (c->exec == NULL)
			return plugin_refuse(ctx, path,
			    "command '%s': exec: expected a function, "
			    "found NULL", c->name);
	}
	return 0;
}

static int
check_roles(struct ctx *ctx, const char *path, const char *const *roles)
{
	const char *const *r;

	for (r = roles; r && *r; r++)
		if (!is_command_name(*r))
			return plugin_refuse(ctx, path,
			    "role %zu: expected [a-z][a-z0-9_-]*, "
			    "found '%s'",
			    (size_t)(r - roles) + 1, *r);
	return 0;
}

/* The name of entry i of a table whose first member is its name. */
static const char *
name_at(const void *table, size_t size, size_t i)
{
	return *(const char *const *)(const void *)((const char *)table + i * size);
}

/* Each name once in a table whose first member is its name (config keys,
 * reports, formats, commands); what says which table it is. */
static int
check_unique(struct ctx *ctx, const char *path, const char *what,
    const void *table, size_t size)
{
	size_t i, j;

	for (i = 0; table && name_at(table, size, i); i++)
		for (j = 0; j < i; j++)
			if (strcmp(name_at(table, size, j), name_at(table, size, i)) == 0)
				return plugin_refuse(ctx, path, "%s '%s': expected a unique "
				    "name, found it twice", what, name_at(table, size, i));
	return 0;
}

#define CHECK_UNIQUE(ctx, path, what, t) \
	check_unique((ctx), (path), (what), (t), sizeof(*(t)))

/* Every declared table, before any plugin code runs. */
static int
check_tables(struct ctx *ctx, const char *path, const struct integra_plugin *p)
{
	int rc;

	if ((rc = check_identity(ctx, path, p)) != 0 ||
	    (rc = check_roles(ctx, path, p->roles)) != 0 ||
	    (rc = check_fields(ctx, path, p->fields)) != 0 ||
	    (rc = check_config(ctx, path, p->config)) != 0 ||
	    (rc = check_reports(ctx, path, p->reports)) != 0 ||
	    (rc = check_formats(ctx, path, p->formats)) != 0 ||
	    (rc = check_commands(ctx, path, p->commands)) != 0 ||
	    (rc = CHECK_UNIQUE(ctx, path, "config key", p->config)) != 0 ||
	    (rc = CHECK_UNIQUE(ctx, path, "report", p->reports)) != 0 ||
	    (rc = CHECK_UNIQUE(ctx, path, "format", p->formats)) != 0 ||
	    (rc = CHECK_UNIQUE(ctx, path, "command", p->commands)) != 0)
		return rc;
	return 0;
}

/* The last component of path. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* dlerror()'s text with the descriptor's name put back to path. */
static void
load_error(struct ctx *ctx, const char *path, const char *fdname)
{
	const char *e = dlerror();
	size_t n = strlen(fdname);

	if (e == NULL)
		e = "unknown error";
	if (strncmp(e, fdname, n) == 0)
		plugin_refuse(ctx, path, "cannot load: %s%s; check its libraries "
		    "with: ldd %s", path, e + n, path);
	else
		plugin_refuse(ctx, path, "cannot load: %s; check its libraries with: "
		    "ldd %s", e, path);
}

/* Loads the open file pf->fd through /proc/self/fd, so that what dlopen()
 * maps is the file that was checked, not whatever the name holds now;
 * then its descriptor and tables. */
static int
load_fd(struct ctx *ctx, const char *path, struct plugin_file *pf)
{
	char fdname[64];
	int rc;

	snprintf(fdname, sizeof(fdname), "/proc/self/fd/%d", pf->fd);
	if (access(fdname, F_OK) != 0)
		return plugin_refuse(ctx, path, "cannot load: %s: %s; the loader "
		    "opens the file it checked through /proc (mount it)", fdname,
		    strerror(errno));
	dlerror();
	if ((pf->dl = dlopen(fdname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		load_error(ctx, path, fdname);
		return ctx->err;
	}
	pf->p = dlsym(pf->dl, INTEGRA_PLUGIN_SYMBOL);
	if (pf->p == NULL)
		rc = plugin_refuse(ctx, path, "not an integra plugin: no symbol "
		    "'%s'", INTEGRA_PLUGIN_SYMBOL);
	else if ((rc = check_descriptor(ctx, path, pf->p)) == 0) {
		pf->p = plugin_compat(pf->dl, pf->p);
		rc = check_tables(ctx, path, pf->p);
	}
	return rc;
}

/*
 * Opens the plugin file path, which is in the checked directory dirfd
 * (-1: none), without following a link, checks what was opened and loads
 * it; then the descriptor and the tables, before any of its code but the
 * ELF constructors runs.  On success pf holds the handle, the descriptor
 * and the open file, which must stay open while the handle is (its
 * /proc/self/fd name is the object's name to the dynamic loader): close
 * both with plugin_file_close().
 */
int
plugin_open_at(struct ctx *ctx, int dirfd, const char *path,
    struct plugin_file *pf)
{
	const char *name = base_name(path);
	struct stat st;
	int rc;

	memset(pf, 0, sizeof(*pf));
	pf->fd = -1;
	if (dirfd < 0 || fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return dirfd < 0 || errno == ENOENT ?
		    error_set(ctx, ERR_NOTFOUND, "plugin '%s': no such file", path) :
		    error_set(ctx, ERR_FAIL, "plugin '%s': cannot read: %s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return check_file(ctx, path, &st);
	pf->fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (pf->fd < 0 || fstat(pf->fd, &st) != 0)
		rc = error_set(ctx, ERR_FAIL, "plugin '%s': cannot read: %s", path,
		    strerror(errno));
	else if ((rc = check_file(ctx, path, &st)) == 0)
		rc = load_fd(ctx, path, pf);
	if (rc != 0)
		plugin_file_close(pf);
	return rc;
}

/* Unloads pf and closes its file.  The file stays open (for the life of
 * the process) when the object could not be unloaded, so that no later
 * plugin opened at the same descriptor is taken for it. */
void
plugin_file_close(struct plugin_file *pf)
{
	char fdname[64];
	void *still;

	if (pf->dl != NULL) {
		plugin_compat_release(pf->dl);
		dlclose(pf->dl);
		snprintf(fdname, sizeof(fdname), "/proc/self/fd/%d", pf->fd);
		if ((still = dlopen(fdname, RTLD_LAZY | RTLD_NOLOAD)) != NULL) {
			dlclose(still);
			pf->fd = -1;
		}
	}
	if (pf->fd >= 0)
		close(pf->fd);
	memset(pf, 0, sizeof(*pf));
	pf->fd = -1;
}

int
plugins_open_file(struct ctx *ctx, const char *path, void **dlp,
    const struct integra_plugin **out)
{
	const char *name = base_name(path);
	struct plugin_file pf;
	char *dir;
	int dirfd, rc;

	*dlp = NULL;
	*out = NULL;
	dir = name == path ? xstrdup(".") : name == path + 1 ? xstrdup("/") :
	    xstrndup(path, (size_t)(name - path - 1));
	rc = plugin_dir_open(ctx, dir, &dirfd);
	free(dir);
	if (rc == ERR_NOTFOUND)
		return error_set(ctx, ERR_NOTFOUND, "plugin '%s': no such file", path);
	if (rc != 0)
		return rc;
	rc = plugin_open_at(ctx, dirfd, path, &pf);
	close(dirfd);
	if (rc != 0)
		return rc;
	/* The handle is the caller's to dlclose(); the file stays open (close
	 * on exec) for the life of the process, since glibc takes a later
	 * dlopen() of the same /proc/self/fd name for this object while it is
	 * loaded, and only the caller knows when it no longer is. */
	*dlp = pf.dl;
	*out = pf.p;
	return 0;
}

/* True when `word` typed as a command would reach a core command. */
