/*
 * The loader's checks: everything the host verifies about a plugin file
 * before any of its code runs.  The file itself (a regular file, not a
 * link, owned by root or the running user, writable by nobody else), the
 * descriptor's four fixed members (magic, ABI major and minor, size) and
 * every declared table (identity, fields, configuration keys, reports,
 * formats, commands, roles).  Each refusal is one line naming the file,
 * the check, what was expected and what was found.  The registry that
 * keeps the loaded plugins is plugin.c.
 */
#include <dlfcn.h>
#include <errno.h>
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
	vsnprintf(msg, sizeof(msg), fmt, ap);
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

static const char *
file_kind(mode_t m)
{
	if (S_ISLNK(m))
		return "a symbolic link";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* The file checks: a regular file, not a link, owned by root or us, not
 * writable by group or others. */
static int
check_file(struct ctx *ctx, const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 && errno == ENOENT)
		return error_set(ctx, ERR_NOTFOUND, "plugin '%s': no such file", path);
	if (lstat(path, &st) != 0)
		return error_set(ctx, ERR_FAIL, "plugin '%s': cannot read: %s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return plugin_refuse(ctx, path,
		    "file type: expected a regular file, found %s",
		    file_kind(st.st_mode));
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return plugin_refuse(ctx, path,
		    "owner: expected root (uid 0) or the running "
		    "user (uid %u), found uid %u",
		    (unsigned)geteuid(), (unsigned)st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return plugin_refuse(ctx, path,
		    "permissions: expected no write permission for "
		    "group or others, found mode %04o; fix with: chmod go-w %s",
		    (unsigned)(st.st_mode & 07777), path);
	return 0;
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

int
plugins_open_file(struct ctx *ctx, const char *path, void **dlp,
    const struct integra_plugin **out)
{
	const struct integra_plugin *p;
	char *local;
	void *dl;
	int rc;

	*dlp = NULL;
	*out = NULL;
	if ((rc = check_file(ctx, path)) != 0)
		return rc;
	/* A name without a slash would send dlopen() searching the library
	 * path instead of opening the file that was checked. */
	local = strchr(path, '/') ? xstrdup(path) : xasprintf("./%s", path);
	dlerror();
	dl = dlopen(local, RTLD_NOW | RTLD_LOCAL);
	free(local);
	if (dl == NULL)
		return plugin_refuse(ctx, path,
		    "cannot load: %s; check its libraries with: "
		    "ldd %s",
		    dlerror(), path);
	p = dlsym(dl, INTEGRA_PLUGIN_SYMBOL);
	if (p == NULL) {
		dlclose(dl);
		return plugin_refuse(ctx, path, "not an integra plugin: no symbol '%s'",
		    INTEGRA_PLUGIN_SYMBOL);
	}
	if ((rc = check_descriptor(ctx, path, p)) != 0 ||
	    (rc = check_tables(ctx, path, p)) != 0) {
		dlclose(dl);
		return rc;
	}
	*dlp = dl;
	*out = p;
	return 0;
}

/* True when `word` typed as a command would reach a core command. */
