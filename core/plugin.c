/*
 * The plugin loader and registry.  A plugin is `<dir>/<name>.so`, a
 * regular file owned by root or the running user and writable by nobody
 * else; it is opened with dlopen(RTLD_NOW | RTLD_LOCAL), its one exported
 * descriptor checked (magic, ABI major and minor, size) and its declared
 * tables validated before any of its code runs, and only then is init()
 * called.  Each refusal is one line naming the file, the check, what was
 * expected and what was found.  The registry hangs on ctx->plugins; the
 * plugins stay resident until plugins_unload().  The `integra plugin`
 * verbs and the dispatch of `integra AREA COMMAND` live here too.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"
#include "plugin_host.h"

#define NAME_MAX_LEN 32

/* The size of the descriptor of ABI 1.0: every later plugin is larger. */
#define PLUGIN_SIZE_1_0 (offsetof(struct integra_plugin, validate) + \
	sizeof(((struct integra_plugin *)0)->validate))

struct plugin {
	char *path;
	void *dl;
	const struct integra_plugin *p;
	struct integra_host host;
	bool inited;
};

struct plugins {
	bool loaded;
	struct plugin **v;
	size_t n;
	char **tried;		/* every name the loader tried, NULL-terminated */
	size_t ntried;
};

static const char *const type_names[] = {
	"null", "text", "integer", "real", "boolean", "date", "enum", "reference"
};
static const char *const ref_names[] = {
	"none", "organisation", "person", "programme"
};

static const char *
type_name(enum integra_type t)
{
	return (unsigned)t < ARRAY_SIZE(type_names) ? type_names[t] : "unknown";
}

static struct plugins *
registry(struct ctx *ctx)
{
	if (ctx->plugins == NULL)
		ctx->plugins = xcalloc(1, sizeof(*ctx->plugins));
	return ctx->plugins;
}

/* Stores "plugin 'PATH' refused: ..." and returns ERR_INVALID. */
static int
refuse(struct ctx *ctx, const char *path, const char *fmt, ...) PRINTF_LIKE(3, 4);

static int
refuse(struct ctx *ctx, const char *path, const char *fmt, ...)
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
		if (i >= NAME_MAX_LEN || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static bool
in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
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
		return refuse(ctx, path, "file type: expected a regular file, found %s",
		    file_kind(st.st_mode));
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return refuse(ctx, path, "owner: expected root (uid 0) or the running "
		    "user (uid %u), found uid %u", (unsigned)geteuid(),
		    (unsigned)st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return refuse(ctx, path, "permissions: expected no write permission for "
		    "group or others, found mode %04o; fix with: chmod go-w %s",
		    (unsigned)(st.st_mode & 07777), path);
	return 0;
}

/* The four fixed members, read before anything else. */
static int
check_descriptor(struct ctx *ctx, const char *path, const struct integra_plugin *p)
{
	if (p->magic != INTEGRA_PLUGIN_MAGIC)
		return refuse(ctx, path, "magic: expected 0x%08x, found 0x%08x",
		    INTEGRA_PLUGIN_MAGIC, (unsigned)p->magic);
	if (p->abi_major != INTEGRA_ABI_MAJOR)
		return refuse(ctx, path, "ABI major version: expected %d, found %u; "
		    "rebuild the plugin against this integra's plugin.h",
		    INTEGRA_ABI_MAJOR, (unsigned)p->abi_major);
	if (p->abi_minor > INTEGRA_ABI_MINOR)
		return refuse(ctx, path, "ABI minor version: expected at most %d, "
		    "found %u; the plugin needs a newer integra", INTEGRA_ABI_MINOR,
		    (unsigned)p->abi_minor);
	if (p->size < PLUGIN_SIZE_1_0)
		return refuse(ctx, path, "descriptor size: expected at least %zu, "
		    "found %u", (size_t)PLUGIN_SIZE_1_0, (unsigned)p->size);
	return 0;
}

/* The base name of path without ".so", into out. */
/* The word that reaches a plugin's commands: its area, or its name when it
 * has none (a plugin that only adds formats, reports or commands). */
static const char *
plugin_key(const struct integra_plugin *p)
{
	return p->area ? p->area : p->name;
}

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

	if (!text_is_ident(p->name, NAME_MAX_LEN) || strcmp(p->name, "core") == 0)
		return refuse(ctx, path, "name: expected an identifier ([a-z][a-z0-9_]*, "
		    "at most %d bytes, not 'core'), found '%s'", NAME_MAX_LEN,
		    p->name ? p->name : "(null)");
	file_stem(path, stem, sizeof(stem));
	if (strcmp(stem, p->name) != 0)
		return refuse(ctx, path, "file name: expected '%s.so' for plugin '%s', "
		    "found '%s.so'", p->name, p->name, stem);
	if (p->area != NULL && !text_is_ident(p->area, NAME_MAX_LEN))
		return refuse(ctx, path, "area: expected an identifier ([a-z][a-z0-9_]*) "
		    "or none, found '%s'", p->area);
	if (p->area == NULL && ((p->fields && p->fields->name) || p->roles ||
	    p->participants || p->validate))
		return refuse(ctx, path, "area: expected one for a plugin with fields, "
		    "roles, participants or validate(), found none");
	if (p->version == NULL || *p->version == '\0')
		return refuse(ctx, path, "version: expected a version text, found none");
	if (p->schema_version > 0 && p->migrate == NULL)
		return refuse(ctx, path, "schema version %u: expected a migrate() "
		    "callback, found none", (unsigned)p->schema_version);
	if (p->participants & ~(unsigned)(INTEGRA_PARTICIPANT_PERSON |
	    INTEGRA_PARTICIPANT_ORGANISATION))
		return refuse(ctx, path, "participants: expected person and/or "
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

	if (!text_is_ident(n, NAME_MAX_LEN))
		return refuse(ctx, path, "field %zu: name: expected an identifier "
		    "([a-z][a-z0-9_]*, at most %d bytes), found '%s'", i, NAME_MAX_LEN, n);
	if (f->record < INTEGRA_RECORD_PROGRAMME || f->record > INTEGRA_RECORD_PARTICIPATION)
		return refuse(ctx, path, "field '%s': record kind: expected programme, "
		    "activity or participation (1..3), found %d", n, (int)f->record);
	if (f->type <= INTEGRA_NULL || f->type > INTEGRA_REFERENCE)
		return refuse(ctx, path, "field '%s': type: expected text, integer, real, "
		    "boolean, date, enum or reference (1..7), found %d", n, (int)f->type);
	core = record_core_names(f->record);
	if (in_list(core, n))
		return refuse(ctx, path, "field '%s': name: expected a name that is not "
		    "a core %s field, found '%s'", n, record_kind_name(f->record), n);
	if (f->type == INTEGRA_ENUM && (f->values == NULL || f->values[0] == NULL))
		return refuse(ctx, path, "field '%s': enum values: expected at least one, "
		    "found none", n);
	if (f->type == INTEGRA_REFERENCE && (f->ref < INTEGRA_REF_ORGANISATION ||
	    f->ref > INTEGRA_REF_PROGRAMME))
		return refuse(ctx, path, "field '%s': reference: expected organisation, "
		    "person or programme (1..3), found %d", n, (int)f->ref);
	if ((f->flags & INTEGRA_FIELD_BOUNDED) && f->type != INTEGRA_INTEGER &&
	    f->type != INTEGRA_REAL)
		return refuse(ctx, path, "field '%s': bounds: expected an integer or real "
		    "field, found type %s", n, type_name(f->type));
	if ((f->flags & INTEGRA_FIELD_BOUNDED) && !(f->min <= f->max))
		return refuse(ctx, path, "field '%s': bounds: expected min <= max, found "
		    "%g > %g", n, f->min, f->max);
	if ((f->flags & INTEGRA_FIELD_REQUIRED) && (f->flags & INTEGRA_FIELD_DERIVED))
		return refuse(ctx, path, "field '%s': flags: expected required or derived, "
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
				return refuse(ctx, path, "field '%s': expected a unique name "
				    "per record kind, found it twice on %s", f->name,
				    record_kind_name(f->record));
		for (v = f->type == INTEGRA_ENUM ? f->values : NULL; v && *v; v++) {
			if (**v == '\0' || !text_valid_utf8(*v, strlen(*v)))
				return refuse(ctx, path, "field '%s': enum value %zu: expected "
				    "non-empty UTF-8 text, found '%s'", f->name,
				    (size_t)(v - f->values) + 1, *v);
			for (w = f->values; w < v; w++)
				if (strcmp(*w, *v) == 0)
					return refuse(ctx, path, "field '%s': enum values: "
					    "expected unique values, found '%s' twice", f->name, *v);
		}
	}
	return 0;
}

static int
check_config(struct ctx *ctx, const char *path, const struct integra_config_key *keys)
{
	const struct integra_config_key *k, *j;

	for (k = keys; k && k->name; k++) {
		if (!text_is_ident(k->name, NAME_MAX_LEN))
			return refuse(ctx, path, "config key %zu: name: expected an "
			    "identifier, found '%s'", (size_t)(k - keys) + 1, k->name);
		if (k->type != INTEGRA_INTEGER && k->type != INTEGRA_REAL &&
		    k->type != INTEGRA_BOOLEAN && k->type != INTEGRA_TEXT &&
		    k->type != INTEGRA_DATE)
			return refuse(ctx, path, "config key '%s': type: expected integer, "
			    "real, boolean, text or date, found %s", k->name,
			    type_name(k->type));
		if (!(k->min <= k->max))
			return refuse(ctx, path, "config key '%s': bounds: expected min <= "
			    "max, found %g > %g", k->name, k->min, k->max);
		for (j = keys; j < k; j++)
			if (strcmp(j->name, k->name) == 0)
				return refuse(ctx, path, "config key '%s': expected a unique "
				    "name, found it twice", k->name);
	}
	return 0;
}

static int
check_report(struct ctx *ctx, const char *path, const struct integra_report *r)
{
	const struct integra_report_query *q, *o;

	if (r->queries == NULL || r->queries[0].by == NULL)
		return refuse(ctx, path, "report '%s': queries: expected at least one, "
		    "found none", r->name);
	for (q = r->queries; q->by; q++) {
		if (!text_is_ident(q->by, NAME_MAX_LEN))
			return refuse(ctx, path, "report '%s': dimension: expected an "
			    "identifier or 'none', found '%s'", r->name, q->by);
		if (q->sql == NULL || strspn(q->sql, " \t\r\n") == strlen(q->sql))
			return refuse(ctx, path, "report '%s' by '%s': SQL: expected a "
			    "SELECT, found none", r->name, q->by);
		for (o = r->queries; o < q; o++)
			if (strcmp(o->by, q->by) == 0)
				return refuse(ctx, path, "report '%s': dimension '%s': "
				    "expected once, found twice", r->name, q->by);
	}
	return 0;
}

static int
check_reports(struct ctx *ctx, const char *path, const struct integra_report *reports)
{
	const struct integra_report *r, *s;
	int rc;

	for (r = reports; r && r->name; r++) {
		if (!text_is_ident(r->name, NAME_MAX_LEN))
			return refuse(ctx, path, "report %zu: name: expected an identifier, "
			    "found '%s'", (size_t)(r - reports) + 1, r->name);
		if ((rc = check_report(ctx, path, r)) != 0)
			return rc;
		for (s = reports; s < r; s++)
			if (strcmp(s->name, r->name) == 0)
				return refuse(ctx, path, "report '%s': expected a unique name, "
				    "found it twice", r->name);
	}
	return 0;
}

static int
check_formats(struct ctx *ctx, const char *path, const struct integra_format *formats)
{
	static const char *const core[] = { "table", "csv", "json", NULL };
	const struct integra_format *f, *g;

	for (f = formats; f && f->name; f++) {
		if (!text_is_ident(f->name, NAME_MAX_LEN) || in_list(core, f->name))
			return refuse(ctx, path, "format %zu: name: expected an identifier "
			    "other than table, csv and json, found '%s'",
			    (size_t)(f - formats) + 1, f->name);
		if (f->open == NULL || f->row == NULL || f->close == NULL)
			return refuse(ctx, path, "format '%s': callbacks: expected open, row "
			    "and close, found a NULL", f->name);
		for (g = formats; g < f; g++)
			if (strcmp(g->name, f->name) == 0)
				return refuse(ctx, path, "format '%s': expected a unique name, "
				    "found it twice", f->name);
	}
	return 0;
}

static int
check_commands(struct ctx *ctx, const char *path, const struct integra_command *cmds)
{
	const struct integra_command *c, *d;

	for (c = cmds; c && c->name; c++) {
		if (!is_command_name(c->name))
			return refuse(ctx, path, "command %zu: name: expected [a-z][a-z0-9_-]*, "
			    "found '%s'", (size_t)(c - cmds) + 1, c->name);
		if (c->exec == NULL)
			return refuse(ctx, path, "command '%s': exec: expected a function, "
			    "found NULL", c->name);
		for (d = cmds; d < c; d++)
			if (strcmp(d->name, c->name) == 0)
				return refuse(ctx, path, "command '%s': expected a unique name, "
				    "found it twice", c->name);
	}
	return 0;
}

static int
check_roles(struct ctx *ctx, const char *path, const char *const *roles)
{
	const char *const *r;

	for (r = roles; r && *r; r++)
		if (!is_command_name(*r))
			return refuse(ctx, path, "role %zu: expected [a-z][a-z0-9_-]*, "
			    "found '%s'", (size_t)(r - roles) + 1, *r);
	return 0;
}

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
	    (rc = check_commands(ctx, path, p->commands)) != 0)
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
		return refuse(ctx, path, "cannot load: %s; check its libraries with: "
		    "ldd %s", dlerror(), path);
	p = dlsym(dl, INTEGRA_PLUGIN_SYMBOL);
	if (p == NULL) {
		dlclose(dl);
		return refuse(ctx, path, "not an integra plugin: no symbol '%s'",
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
static bool
shadows_core(const char *word)
{
	const struct cmd *c;

	for (c = cmd_table; c->name; c++)
		if (strncmp(c->name, word, strlen(word)) == 0)
			return true;
	return false;
}

/* Names that must be unique across the loaded plugins. */
static int
check_unique(struct ctx *ctx, struct plugins *reg, const char *path,
    const struct integra_plugin *p)
{
	const struct integra_report *r, *s;
	const struct integra_format *f, *g;
	const struct integra_plugin *q;
	size_t i;

	if (shadows_core(plugin_key(p)))
		return refuse(ctx, path, "%s: expected a name that is no core command "
		    "nor a prefix of one, found '%s'", p->area ? "area" : "name",
		    plugin_key(p));
	for (i = 0; i < reg->n; i++) {
		q = reg->v[i]->p;
		if (strcmp(q->name, p->name) == 0 || strcmp(plugin_key(q), p->name) == 0)
			return refuse(ctx, path, "name: expected a unique plugin name, "
			    "found '%s', already loaded from '%s'", p->name, reg->v[i]->path);
		if (p->area && (strcmp(plugin_key(q), p->area) == 0 ||
		    strcmp(q->name, p->area) == 0))
			return refuse(ctx, path, "area: expected a unique area, found '%s', "
			    "already claimed by plugin '%s'", p->area, q->name);
		for (r = p->reports; r && r->name; r++)
			for (s = q->reports; s && s->name; s++)
				if (strcmp(r->name, s->name) == 0)
					return refuse(ctx, path, "report '%s': expected a unique "
					    "name, found it in plugin '%s' too", r->name, q->name);
		for (f = p->formats; f && f->name; f++)
			for (g = q->formats; g && g->name; g++)
				if (strcmp(f->name, g->name) == 0)
					return refuse(ctx, path, "format '%s': expected a unique "
					    "name, found it in plugin '%s' too", f->name, q->name);
	}
	return 0;
}

static void
plugin_free(struct plugin *pl)
{
	if (pl == NULL)
		return;
	if (pl->dl)
		dlclose(pl->dl);
	free(pl->path);
	free(pl);
}

static void
remember_tried(struct plugins *reg, const char *name)
{
	reg->tried = xrealloc(reg->tried, (reg->ntried + 2) * sizeof(char *));
	reg->tried[reg->ntried++] = xstrdup(name);
	reg->tried[reg->ntried] = NULL;
}

/* Loads one plugin; on any failure nothing of it stays registered.  An
 * error in the user's configuration of the plugin sets *fatal. */
static int
load_one(struct ctx *ctx, struct plugins *reg, const char *name, const char *path,
    bool *fatal)
{
	struct plugin *pl = xcalloc(1, sizeof(*pl));
	char reason[sizeof(ctx->errmsg)];
	int rc;

	remember_tried(reg, name);
	pl->path = xstrdup(path);
	if ((rc = plugins_open_file(ctx, path, &pl->dl, &pl->p)) != 0 ||
	    (rc = check_unique(ctx, reg, path, pl->p)) != 0)
		goto fail;
	if ((rc = cfg_group_check(ctx, ctx->cfg, pl->p->name, pl->p->config)) != 0) {
		*fatal = true;
		goto fail;
	}
	pl->host.ctx = ctx;
	pl->host.plugin = pl->p;
	reg->v = xrealloc(reg->v, (reg->n + 1) * sizeof(*reg->v));
	reg->v[reg->n++] = pl;
	if (pl->p->init) {
		ctx->err = 0;
		rc = pl->p->init(&plugin_api, &pl->host);
		if (rc != 0) {
			reg->n--;
			snprintf(reason, sizeof(reason), "%s", ctx->err && ctx->errmsg[0] ?
			    ctx->errmsg : "no reason given");
			rc = refuse(ctx, path, "init failed: %s", reason);
			goto fail;
		}
	}
	pl->inited = true;
	return 0;
fail:
	plugin_free(pl);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of every *.so in dir, sorted; NULL-terminated. */
static char **
scan_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = xcalloc(1, sizeof(char *));
	size_t n = 0, len;

	while (d && (e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 3 || strcmp(e->d_name + len - 3, ".so") != 0)
			continue;
		names = xrealloc(names, (n + 2) * sizeof(char *));
		names[n++] = xstrndup(e->d_name, len - 3);
		names[n] = NULL;
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof(char *), cmp_str);
	return names;
}

static void
free_names(char **names)
{
	char **p;

	for (p = names; p && *p; p++)
		free(*p);
	free(names);
}

/* Loads the enabled plugins once per process.  A broken plugin is a
 * warning, or the error with plugins.strict. */
int
plugins_load(struct ctx *ctx)
{
	struct plugins *reg = registry(ctx);
	const char *const *enabled, *dir = cfg_plugin_dir(ctx->cfg);
	char **scanned = NULL, *path;
	size_t i, n;
	bool fatal = false;
	int rc = 0;

	if (reg->loaded)
		return 0;
	reg->loaded = true;
	if (cfg_plugins_configured(ctx->cfg)) {
		n = cfg_plugins_enabled(ctx->cfg, &enabled);
	} else {
		scanned = scan_dir(dir);
		enabled = (const char *const *)scanned;
		for (n = 0; scanned[n]; n++)
			;
	}
	for (i = 0; i < n && rc == 0; i++) {
		path = xasprintf("%s/%s.so", dir, enabled[i]);
		if (load_one(ctx, reg, enabled[i], path, &fatal) != 0) {
			if (fatal || cfg_plugins_strict(ctx->cfg))
				rc = ctx->err;
			else
				warn_msg("%s", ctx->errmsg);
		}
		free(path);
	}
	free_names(scanned);
	if (rc == 0)
		rc = cfg_check_groups(ctx, ctx->cfg, (const char *const *)reg->tried);
	if (rc == 0)
		ctx->err = 0;
	return rc;
}

void
plugins_unload(struct ctx *ctx)
{
	struct plugins *reg = ctx->plugins;
	struct plugin *pl;
	size_t i;

	if (reg == NULL)
		return;
	for (i = reg->n; i-- > 0;) {
		pl = reg->v[i];
		if (pl->inited && pl->p->shutdown)
			pl->p->shutdown(&pl->host);
		plugin_free(pl);
	}
	free(reg->v);
	free_names(reg->tried);
	free(reg);
	ctx->plugins = NULL;
}

static struct plugin *
find_plugin(struct ctx *ctx, const char *word)
{
	struct plugins *reg = ctx->plugins;
	size_t i;

	for (i = 0; reg && i < reg->n; i++)
		if (strcmp(plugin_key(reg->v[i]->p), word) == 0 ||
		    strcmp(reg->v[i]->p->name, word) == 0)
			return reg->v[i];
	return NULL;
}

const struct integra_plugin *
plugins_area(struct ctx *ctx, const char *area)
{
	struct plugins *reg = ctx->plugins;
	size_t i;

	for (i = 0; area && reg && i < reg->n; i++)
		if (reg->v[i]->p->area && strcmp(reg->v[i]->p->area, area) == 0)
			return reg->v[i]->p;
	return NULL;
}

/* The host context of a loaded plugin, for record validation. */
const struct integra_host *
plugins_host(struct ctx *ctx, const struct integra_plugin *p)
{
	struct plugins *reg = ctx->plugins;
	size_t i;

	for (i = 0; reg && i < reg->n; i++)
		if (reg->v[i]->p == p)
			return &reg->v[i]->host;
	return NULL;
}

size_t
plugins_count(struct ctx *ctx)
{
	return ctx->plugins ? ctx->plugins->n : 0;
}

const struct integra_plugin *
plugins_get(struct ctx *ctx, size_t i)
{
	return i < plugins_count(ctx) ? ctx->plugins->v[i]->p : NULL;
}

/* One plugin's migrations, in one transaction. */
static int
migrate_one(struct ctx *ctx, struct plugin *pl)
{
	int v, rc;

	if ((rc = db_schema_version(ctx, pl->p->name, &v)) != 0)
		return rc;
	if ((uint32_t)v > pl->p->schema_version)
		return error_set(ctx, ERR_FAIL, "database '%s' has plugin '%s' schema "
		    "version %d, newer than the plugin's %u; refusing to downgrade "
		    "(install the newer plugin)", cfg_database(ctx->cfg), pl->p->name, v,
		    (unsigned)pl->p->schema_version);
	if ((uint32_t)v == pl->p->schema_version)
		return 0;
	if ((rc = db_begin(ctx)) != 0)
		return rc;
	ctx->err = 0;
	rc = pl->p->migrate(&pl->host, (uint32_t)v, pl->p->schema_version);
	if (rc != 0 && ctx->err == 0)
		error_set(ctx, ERR_FAIL, "no reason given");
	if (rc != 0) {
		rc = error_set(ctx, ERR_FAIL, "plugin '%s' migration %d to %u failed: %s",
		    pl->p->name, v, (unsigned)pl->p->schema_version, ctx->errmsg);
		db_rollback(ctx);
		return rc;
	}
	if ((rc = db_set_version(ctx, pl->p->name, (int)pl->p->schema_version)) != 0 ||
	    (rc = db_commit(ctx)) != 0) {
		db_rollback(ctx);
		return rc;
	}
	fprintf(ctx->out, "plugin '%s': schema %d -> %u\n", pl->p->name, v,
	    (unsigned)pl->p->schema_version);
	return 0;
}

int
plugins_migrate(struct ctx *ctx)
{
	size_t i;
	int rc;

	for (i = 0; i < plugins_count(ctx); i++)
		if ((rc = migrate_one(ctx, ctx->plugins->v[i])) != 0)
			return rc;
	return 0;
}

int
plugins_check_schema(struct ctx *ctx)
{
	const struct integra_plugin *p;
	size_t i;
	int v, rc;

	for (i = 0; i < plugins_count(ctx); i++) {
		p = plugins_get(ctx, i);
		if ((rc = db_schema_version(ctx, p->name, &v)) != 0)
			return rc;
		if ((uint32_t)v < p->schema_version)
			return error_set(ctx, ERR_FAIL, "database '%s' has plugin '%s' schema "
			    "version %d, older than the plugin's %u; run 'integra init' to "
			    "upgrade it", cfg_database(ctx->cfg), p->name, v,
			    (unsigned)p->schema_version);
		if ((uint32_t)v > p->schema_version)
			return error_set(ctx, ERR_FAIL, "database '%s' has plugin '%s' schema "
			    "version %d, newer than the plugin's %u; install the newer plugin",
			    cfg_database(ctx->cfg), p->name, v, (unsigned)p->schema_version);
	}
	return 0;
}

/* Loads the plugins for a command that did not ask for them, so that a
 * plugin's --format serves every command; errors stay with the plugins. */
static void
need_plugins(struct ctx *ctx)
{
	if (ctx->cfg == NULL || (ctx->plugins && ctx->plugins->loaded))
		return;
	if (plugins_load(ctx) != 0)
		ctx->err = 0;
}

const struct integra_format *
plugins_format(struct ctx *ctx, const char *name)
{
	const struct integra_format *f;
	size_t i;

	need_plugins(ctx);
	for (i = 0; i < plugins_count(ctx); i++)
		for (f = plugins_get(ctx, i)->formats; f && f->name; f++)
			if (strcmp(f->name, name) == 0)
				return f;
	return NULL;
}

void
plugins_format_names(struct ctx *ctx, struct buf *b)
{
	const struct integra_format *f;
	size_t i;

	need_plugins(ctx);
	for (i = 0; i < plugins_count(ctx); i++)
		for (f = plugins_get(ctx, i)->formats; f && f->name; f++)
			buf_printf(b, "%s%s", b->len ? ", " : "", f->name);
}

void
plugins_help(struct ctx *ctx, FILE *fp)
{
	const struct integra_command *c;
	const struct integra_plugin *p;
	char left[80];
	bool any = false;
	size_t i;

	for (i = 0; i < plugins_count(ctx); i++) {
		p = plugins_get(ctx, i);
		for (c = p->commands; c && c->name; c++) {
			if (!any)
				fprintf(fp, "\nplugin commands:\n");
			any = true;
			snprintf(left, sizeof(left), "%s %s", plugin_key(p), c->name);
			fprintf(fp, "  %-28s %s\n", left, c->summary ? c->summary : "");
		}
	}
}

/* `integra AREA --help`: the plugin's commands. */
static void
area_help(FILE *fp, const struct integra_plugin *p)
{
	const struct integra_command *c;

	fprintf(fp, "usage: integra %s COMMAND [ARGS]\n\n%s (plugin %s %s)\n",
	    plugin_key(p), p->title ? p->title : plugin_key(p), p->name, p->version);
	fprintf(fp, "\ncommands:\n");
	for (c = p->commands; c && c->name; c++)
		fprintf(fp, "  %-14s %s\n", c->name, c->summary ? c->summary : "");
	if (p->commands == NULL || p->commands->name == NULL)
		fprintf(fp, "  (none)\n");
	fprintf(fp, "\nRun 'integra %s COMMAND --help' for a command's usage.\n",
	    plugin_key(p));
}

/* A command by exact name or unique prefix; NULL with an error. */
static const struct integra_command *
find_command(struct ctx *ctx, const struct integra_plugin *p, const char *word)
{
	const struct integra_command *c, *hit = NULL;
	struct buf cands = { 0 };
	size_t len = strlen(word);
	int n = 0;

	for (c = p->commands; c && c->name; c++) {
		if (strcmp(c->name, word) == 0)
			return c;
		if (len && strncmp(c->name, word, len) == 0) {
			hit = c;
			n++;
			buf_printf(&cands, "%s%s", cands.len ? ", " : "", c->name);
		}
	}
	if (n == 1)
		goto out;
	hit = NULL;
	if (n > 1)
		error_set(ctx, ERR_USAGE, "ambiguous command '%s' for 'integra %s': %s",
		    word, plugin_key(p), cands.s);
	else
		error_set(ctx, ERR_USAGE, "unknown command '%s' for 'integra %s' "
		    "(see 'integra %s --help')", word, plugin_key(p), plugin_key(p));
out:
	buf_release(&cands);
	return hit;
}

/* Runs one plugin command with the setup its flags ask for. */
static int
run_plugin_command(struct ctx *ctx, struct plugin *pl,
    const struct integra_command *c, int argc, char **argv)
{
	unsigned flags = CMD_DB | CMD_PLUGINS;
	char **av = xcalloc((size_t)argc + 1, sizeof(char *));
	int rc;

	if (c->flags & INTEGRA_COMMAND_WRITES)
		flags |= CMD_WRITE;
	memcpy(av, argv, (size_t)argc * sizeof(char *));
	av[0] = (char *)c->name;
	if ((rc = cmd_setup(ctx, flags)) == 0) {
		ctx->err = 0;
		rc = c->exec(&pl->host, argc, av);
		if (rc > 0)
			rc = ERR_FAIL;
		if (rc != 0 && ctx->err == 0)
			error_set(ctx, rc, "integra %s %s failed (no reason given)",
			    plugin_key(pl->p), c->name);
		if (pl->host.emit) {
			out_close(pl->host.emit, false);
			pl->host.emit = NULL;
		}
		rc = cmd_finish(ctx, flags, rc);
	} else if (ctx->in_tx && !ctx->nested) {
		db_rollback(ctx);
	}
	free(av);
	return rc;
}

int
plugins_run_command(struct ctx *ctx, int argc, char **argv)
{
	const struct integra_command *c;
	struct plugin *pl;
	int i;

	if (argc < 1 || (pl = find_plugin(ctx, argv[0])) == NULL)
		return ERR_NOTFOUND;
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		area_help(ctx->out, pl->p);
		return argc < 2 ? error_set(ctx, ERR_USAGE, "'integra %s' needs a command",
		    plugin_key(pl->p)) : 0;
	}
	if ((c = find_command(ctx, pl->p, argv[1])) == NULL)
		return ctx->err;
	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fprintf(ctx->out, "usage: integra %s %s%s%s\n\n%s\n", plugin_key(pl->p),
			    c->name, c->usage && *c->usage ? " " : "",
			    c->usage ? c->usage : "", c->summary ? c->summary : "");
			return 0;
		}
	}
	return run_plugin_command(ctx, pl, c, argc - 1, argv + 1);
}

/* ---- integra plugin list | info | check ---- */

static size_t
count_fields(const struct integra_plugin *p)
{
	const struct integra_field *f;
	size_t n = 0;

	for (f = p->fields; f && f->name; f++)
		n++;
	return n;
}

static size_t
count_reports(const struct integra_plugin *p)
{
	const struct integra_report *r;
	size_t n = 0;

	for (r = p->reports; r && r->name; r++)
		n++;
	return n;
}

static size_t
count_commands(const struct integra_plugin *p)
{
	const struct integra_command *c;
	size_t n = 0;

	for (c = p->commands; c && c->name; c++)
		n++;
	return n;
}

static void
text_value(struct integra_value *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	v->type = s ? INTEGRA_TEXT : INTEGRA_NULL;
	v->s = s;
	v->n = s ? strlen(s) : 0;
}

static void
int_value(struct integra_value *v, int64_t i)
{
	memset(v, 0, sizeof(*v));
	v->type = INTEGRA_INTEGER;
	v->i = i;
	v->r = (double)i;
}

static int
plugin_list(struct ctx *ctx, struct args *a)
{
	static const struct integra_column cols[] = {
		{ "name", INTEGRA_TEXT, 0 }, { "version", INTEGRA_TEXT, 0 },
		{ "abi", INTEGRA_TEXT, 0 }, { "area", INTEGRA_TEXT, 0 },
		{ "path", INTEGRA_TEXT, 0 }, { "fields", INTEGRA_INTEGER, 0 },
		{ "reports", INTEGRA_INTEGER, 0 }, { "commands", INTEGRA_INTEGER, 0 },
	};
	struct integra_value v[ARRAY_SIZE(cols)];
	const struct integra_plugin *p;
	struct out *o;
	char abi[32];
	size_t i;
	int rc;

	(void)a;
	if ((rc = out_open(ctx, "plugins", cols, ARRAY_SIZE(cols), &o)) != 0)
		return rc;
	for (i = 0; rc == 0 && i < plugins_count(ctx); i++) {
		p = plugins_get(ctx, i);
		snprintf(abi, sizeof(abi), "%u.%u", (unsigned)p->abi_major,
		    (unsigned)p->abi_minor);
		text_value(&v[0], p->name);
		text_value(&v[1], p->version);
		text_value(&v[2], abi);
		text_value(&v[3], p->area);
		text_value(&v[4], ctx->plugins->v[i]->path);
		int_value(&v[5], (int64_t)count_fields(p));
		int_value(&v[6], (int64_t)count_reports(p));
		int_value(&v[7], (int64_t)count_commands(p));
		rc = out_row(o, v);
	}
	return out_close(o, rc == 0) != 0 && rc == 0 ? ctx->err : rc;
}

static void
info_field(FILE *fp, const struct integra_field *f)
{
	const char *const *v;

	fprintf(fp, "  %s.%s: %s", record_kind_name(f->record), f->name,
	    type_name(f->type));
	if (f->type == INTEGRA_REFERENCE)
		fprintf(fp, " to %s", ref_names[f->ref]);
	if (f->flags & INTEGRA_FIELD_REQUIRED)
		fprintf(fp, ", required");
	if (f->flags & INTEGRA_FIELD_DERIVED)
		fprintf(fp, ", derived");
	if (f->flags & INTEGRA_FIELD_BOUNDED)
		fprintf(fp, ", %g..%g", f->min, f->max);
	for (v = f->type == INTEGRA_ENUM ? f->values : NULL; v && *v; v++)
		fprintf(fp, "%s%s", v == f->values ? ", one of: " : ", ", *v);
	fprintf(fp, "\n");
	if (f->label)
		fprintf(fp, "      %s%s%s\n", f->label, f->help ? ": " : "",
		    f->help ? f->help : "");
}

static void
info_config(FILE *fp, const struct integra_plugin *p)
{
	const struct integra_config_key *k;

	fprintf(fp, "\nconfiguration keys (group '%s'):\n", p->name);
	for (k = p->config; k && k->name; k++) {
		fprintf(fp, "  %s.%s: %s", p->name, k->name, type_name(k->type));
		if ((k->type == INTEGRA_INTEGER || k->type == INTEGRA_REAL) &&
		    k->min < k->max)
			fprintf(fp, ", %g..%g", k->min, k->max);
		fprintf(fp, ", default %s%s%s\n", k->def ? k->def : "none",
		    k->help ? " - " : "", k->help ? k->help : "");
	}
	if (p->config == NULL || p->config->name == NULL)
		fprintf(fp, "  (none)\n");
}

static void
info_reports(FILE *fp, const struct integra_plugin *p)
{
	const struct integra_report_query *q;
	const struct integra_report *r;
	const struct integra_format *f;

	fprintf(fp, "\nreports:\n");
	for (r = p->reports; r && r->name; r++) {
		fprintf(fp, "  %s - %s\n      by:", r->name, r->summary ? r->summary :
		    (r->title ? r->title : ""));
		for (q = r->queries; q->by; q++)
			fprintf(fp, " %s", q->by);
		fprintf(fp, "\n");
	}
	if (p->reports == NULL || p->reports->name == NULL)
		fprintf(fp, "  (none)\n");
	fprintf(fp, "\nformats:\n");
	for (f = p->formats; f && f->name; f++)
		fprintf(fp, "  %s (.%s) - %s\n", f->name, f->extension ? f->extension : "",
		    f->summary ? f->summary : "");
	if (p->formats == NULL || p->formats->name == NULL)
		fprintf(fp, "  (none)\n");
}

static int
plugin_info(struct ctx *ctx, struct args *a)
{
	const struct integra_command *c;
	const struct integra_field *f;
	const struct integra_plugin *p;
	struct plugin *pl = find_plugin(ctx, a->pos[0]);
	const char *const *r;
	FILE *fp = ctx->out;

	if (pl == NULL)
		return error_set(ctx, ERR_NOTFOUND, "no loaded plugin '%s' (see 'integra "
		    "plugin list')", a->pos[0]);
	p = pl->p;
	fprintf(fp, "plugin %s %s (ABI %u.%u)\n", p->name, p->version,
	    (unsigned)p->abi_major, (unsigned)p->abi_minor);
	fprintf(fp, "title: %s\narea: %s\nfile: %s\nschema version: %u\n",
	    p->title ? p->title : "", p->area ? p->area : "(none: formats only)", pl->path, (unsigned)p->schema_version);
	fprintf(fp, "participants: %s\nroles:",
	    (p->participants & INTEGRA_PARTICIPANT_ORGANISATION) ?
	    ((p->participants & INTEGRA_PARTICIPANT_PERSON) ?
	    "persons and organisations" : "organisations") : "persons");
	for (r = p->roles; r && *r; r++)
		fprintf(fp, " %s", *r);
	fprintf(fp, "%s\n\nfields:\n", p->roles && *p->roles ? "" : " participant");
	for (f = p->fields; f && f->name; f++)
		info_field(fp, f);
	if (p->fields == NULL || p->fields->name == NULL)
		fprintf(fp, "  (none)\n");
	info_config(fp, p);
	info_reports(fp, p);
	fprintf(fp, "\ncommands:\n");
	for (c = p->commands; c && c->name; c++)
		fprintf(fp, "  integra %s %s%s%s\n      %s%s\n", plugin_key(p), c->name,
		    c->usage && *c->usage ? " " : "", c->usage ? c->usage : "",
		    c->summary ? c->summary : "",
		    (c->flags & INTEGRA_COMMAND_WRITES) ? " (changes data)" : "");
	if (p->commands == NULL || p->commands->name == NULL)
		fprintf(fp, "  (none)\n");
	return 0;
}

static int
plugin_check(struct ctx *ctx, struct args *a)
{
	const struct integra_plugin *p;
	void *dl;
	int rc;

	if ((rc = plugins_open_file(ctx, a->pos[0], &dl, &p)) != 0)
		return rc;
	if ((rc = cfg_group_check(ctx, ctx->cfg, p->name, p->config)) != 0) {
		dlclose(dl);
		return rc;
	}
	fprintf(ctx->out, "%s: ok (plugin %s %s, ABI %u.%u)\n", a->pos[0], p->name,
	    p->version, (unsigned)p->abi_major, (unsigned)p->abi_minor);
	dlclose(dl);
	return 0;
}

static const struct optdef no_opts[] = { { 0 } };

const struct cmd cmd_plugin_verbs[] = {
	{ "check", "FILE", "run every loader check on a plugin file, without loading it",
	  "Checks the file (regular, owner, permissions), dlopen, the descriptor\n"
	  "(magic, ABI version, size), the declared tables and the plugin's group in\n"
	  "the configuration; init() is not called and no database is opened.\n"
	  "Exit 4 when the plugin would be refused.",
	  no_opts, 1, 1, 0, plugin_check, NULL },
	{ "info", "NAME", "show everything a plugin declares", NULL, no_opts, 1, 1,
	  CMD_PLUGINS, plugin_info, NULL },
	{ "list", "", "list the loaded plugins with their ABI version", NULL, no_opts,
	  0, 0, CMD_PLUGINS, plugin_list, NULL },
	{ 0 }
};
