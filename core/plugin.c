/*
 * The plugin loader and registry.  A plugin is `<dir>/<name>.so`, from
 * the system plugin directory or, after it, the user's.  Loading a shared
 * object runs its code: dlopen() runs the object's ELF constructors before
 * anything in it can be checked.  So only trusted directories are read:
 * each directory, and every directory above it, is checked as OpenSSH's
 * StrictModes does (owned by root or the running user, writable by nobody
 * else, no symbolic link) before any file in it is opened; the file, a
 * regular file under the same rule, is opened without following a link and
 * loaded through /proc/self/fd from that descriptor (RTLD_NOW |
 * RTLD_LOCAL), so what was checked is what is loaded.  Then its one
 * exported descriptor is checked (magic, ABI major and minor, size) and its
 * declared tables validated before any of its callbacks runs, and only
 * then is init() called.  Each refusal is one line naming the file or
 * directory, the check, what was expected and what was found (the checks
 * are plugin_check.c).  The registry hangs on ctx->plugins; the plugins
 * stay resident until plugins_unload().  The plugins' commands reach the
 * dispatcher as ordinary entries (cmd_plugin.c).
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"
#include "plugin_host.h"
#include "sha256.h"

struct plugin {
	char *path;
	void *dl;
	int fd;			/* the file dl was loaded from, open while it is */
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
	struct plugin **unbound;	/* refused for their area's binding, kept
				 * resident until plugins_unload() */
	size_t nunbound;
};

static struct plugins *
registry(struct ctx *ctx)
{
	if (ctx->plugins == NULL)
		ctx->plugins = xcalloc(1, sizeof(*ctx->plugins));
	return ctx->plugins;
}

/*
 * The first name in table a that table b holds too, or NULL.  Both are
 * arrays of entries of the given size whose first member is the name,
 * ended by an entry with a NULL name; either may be NULL.
 */
static const char *
shared_name(const void *a, const void *b, size_t size)
{
	const char *const *x, *const *y;
	const char *p, *q;

	for (p = a; p && *(x = (const void *)p) != NULL; p += size)
		for (q = b; q && *(y = (const void *)q) != NULL; q += size)
			if (strcmp(*x, *y) == 0)
				return *x;
	return NULL;
}

/* Refuses a plugin whose kind (report, format) name plugin q has too. */
static int
shared_refuse(struct ctx *ctx, const char *path, const char *kind,
    const char *name, const struct integra_plugin *q)
{
	return plugin_refuse(ctx, path,
	    "%s '%s': expected a unique name, found it in plugin '%s' too",
	    kind, name, q->name);
}

/* Names that must be unique across the loaded plugins. */
static int
check_unique(struct ctx *ctx, struct plugins *reg, const char *path,
    const struct integra_plugin *p)
{
	const struct integra_plugin *q;
	const char *name;
	size_t i;

	if (ctx->plugin_env.reserved && ctx->plugin_env.reserved(plugin_key(p)))
		return plugin_refuse(ctx, path,
		    "%s: expected a name that is no core command "
		    "nor a prefix of one, found '%s'",
		    p->area ? "area" : "name", plugin_key(p));
	for (i = 0; i < reg->n; i++) {
		q = reg->v[i]->p;
		if (strcmp(q->name, p->name) == 0 || strcmp(plugin_key(q), p->name) == 0)
			return plugin_refuse(ctx, path,
			    "name: expected a unique plugin name, "
			    "found '%s', already loaded from '%s'",
			    p->name, reg->v[i]->path);
		if (p->area && (strcmp(plugin_key(q), p->area) == 0 ||
		    strcmp(q->name, p->area) == 0))
			return plugin_refuse(ctx, path,
			    "area: expected a unique area, found '%s', "
			    "already claimed by plugin '%s'",
			    p->area, q->name);
		if ((name = shared_name(p->reports, q->reports,
		    sizeof(*p->reports))) != NULL)
			return shared_refuse(ctx, path, "report", name, q);
		if ((name = shared_name(p->formats, q->formats,
		    sizeof(*p->formats))) != NULL)
			return shared_refuse(ctx, path, "format", name, q);
	}
	return 0;
}

static void
plugin_free(struct plugin *pl)
{
	if (pl == NULL)
		return;
	plugin_file_close(&(struct plugin_file){ .dl = pl->dl, .fd = pl->fd });
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
load_one(struct ctx *ctx, struct plugins *reg, const char *name, int dirfd,
    const char *path, bool *fatal)
{
	struct plugin *pl = xcalloc(1, sizeof(*pl));
	char reason[sizeof(ctx->errmsg)];
	struct plugin_file pf;
	int rc;

	remember_tried(reg, name);
	pl->path = xstrdup(path);
	pl->fd = -1;
	if ((rc = plugin_open_at(ctx, dirfd, path, &pf)) != 0)
		goto fail;
	pl->dl = pf.dl;
	pl->fd = pf.fd;
	pl->p = pf.p;
	if ((rc = check_unique(ctx, reg, path, pl->p)) != 0)
		goto fail;
	if ((rc = cfg_group_check(ctx, ctx->cfg, pl->p->name, pl->p->config)) != 0) {
		*fatal = true;
		goto fail;
	}
	i18n_bind(pl->p->textdomain, pl->p->localedir);
	pl->host.ctx = ctx;
	pl->host.plugin = pl->p;
	reg->v = xrealloc(reg->v, (reg->n + 1) * sizeof(*reg->v));
	reg->v[reg->n++] = pl;
	if (pl->p->init) {
		ctx->err = 0;
		rc = pl->p->init(ctx->plugin_env.api, &pl->host);
		if (rc != 0) {
			reg->n--;
			snprintf(reason, sizeof(reason), "%s",
			    ctx->err && ctx->errmsg[0] ? ctx->errmsg : "no reason given");
			rc = plugin_refuse(ctx, path, "init failed: %s", reason);
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

static void
free_names(char **names)
{
	char **p;

	for (p = names; p && *p; p++)
		free(*p);
	free(names);
}

/* The plugin directories in search order: the system one, then the
 * user's; each open and checked, or -1 (missing, or refused). */
struct dirs {
	const char *path[2];
	int fd[2];
	bool refused[2];
	size_t n;
};

/* A plugin to load: its name and the directory it is in. */
struct found {
	char *name;
	size_t dir;
};

/* Opens and checks the plugin directories.  A missing one is skipped; a
 * refused one is a warning and skipped, or the error with plugins.strict. */
static int
dirs_open(struct ctx *ctx, struct dirs *d)
{
	const char *sys = cfg_plugin_dir(ctx->cfg), *user = cfg_plugin_user_dir(ctx->cfg);
	size_t i;
	int rc;

	d->n = 0;
	d->path[d->n++] = sys;
	if (user != NULL && *user != '\0' && strcmp(user, sys) != 0)
		d->path[d->n++] = user;
	for (i = 0; i < d->n; i++)
		d->fd[i] = -1;
	for (i = 0; i < d->n; i++) {
		rc = plugin_dir_open(ctx, d->path[i], &d->fd[i]);
		d->refused[i] = rc != 0 && rc != ERR_NOTFOUND;
		if (d->refused[i] && cfg_plugins_strict(ctx->cfg))
			return rc;
		if (d->refused[i])
			warn_msg("%s", ctx->errmsg);
	}
	ctx->err = 0;
	return 0;
}

static void
dirs_close(struct dirs *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->fd[i] >= 0)
			close(d->fd[i]);
}

/* True when f[0..n) has name. */
static bool
found_has(const struct found *f, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return true;
	return false;
}

/* Appends the names of every *.so in the open directory d->fd[k], sorted,
 * that an earlier directory did not have, to *f (of *n). */
static void
scan_dir(struct dirs *d, size_t k, struct found **f, size_t *n)
{
	int fd = d->fd[k] >= 0 ? dup(d->fd[k]) : -1;
	DIR *dp = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	size_t len, first = *n;
	char *name;

	if (dp == NULL && fd >= 0)
		close(fd);
	while (dp && (e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 3 || strcmp(e->d_name + len - 3, ".so") != 0)
			continue;
		name = xstrndup(e->d_name, len - 3);
		if (found_has(*f, first, name)) {
			free(name);
			continue;
		}
		*f = xrealloc(*f, (*n + 1) * sizeof(**f));
		(*f)[(*n)++] = (struct found){ .name = name, .dir = k };
	}
	if (dp)
		closedir(dp);
	if (*n > first)
		qsort(*f + first, *n - first, sizeof(**f), cmp_str);
}

/* The plugins to load: the enabled ones, each from the first directory
 * that has its file (else the first directory, to say it is missing), or
 * every .so of the directories. */
static size_t
find_plugins(struct ctx *ctx, struct dirs *d, struct found **f)
{
	const char *const *enabled;
	struct stat st;
	size_t i, k, n = 0;
	char *file;

	*f = NULL;
	if (!cfg_plugins_configured(ctx->cfg)) {
		for (k = 0; k < d->n; k++)
			scan_dir(d, k, f, &n);
		return n;
	}
	n = cfg_plugins_enabled(ctx->cfg, &enabled);
	*f = xcalloc(n + 1, sizeof(**f));
	for (i = 0; i < n; i++) {
		file = xasprintf("%s.so", enabled[i]);
		for (k = 0; k < d->n && (d->fd[k] < 0 ||
		    fstatat(d->fd[k], file, &st, AT_SYMLINK_NOFOLLOW) != 0); k++)
			;
		(*f)[i] = (struct found){ .name = xstrdup(enabled[i]),
		    .dir = k < d->n ? k : 0 };
		free(file);
	}
	return n;
}

/* Loads the plugins found; a broken one is a warning, or the error with
 * plugins.strict or when the user's configuration of it is wrong.  The
 * plugins of a refused directory are skipped (its refusal was said). */
static int
load_found(struct ctx *ctx, struct plugins *reg, struct dirs *d,
    const struct found *f, size_t n)
{
	bool fatal = false;
	char *path;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		path = xasprintf("%s/%s.so", d->path[f[i].dir], f[i].name);
		if (d->refused[f[i].dir])
			remember_tried(reg, f[i].name);
		else if (load_one(ctx, reg, f[i].name, d->fd[f[i].dir], path,
		    &fatal) != 0) {
			if (fatal || cfg_plugins_strict(ctx->cfg))
				rc = ctx->err;
			else
				warn_msg("%s", ctx->errmsg);
		}
		free(path);
	}
	for (i = 0; i < n; i++)
		free(f[i].name);
	return rc;
}

/* Loads the enabled plugins once per process, from the system plugin
 * directory and then the user's, each checked first. */
int
plugins_load(struct ctx *ctx)
{
	struct plugins *reg = registry(ctx);
	struct dirs d;
	struct found *f = NULL;
	size_t n;
	int rc;

	if (reg->loaded)
		return 0;
	if (ctx->plugin_env.api == NULL)
		BUG("plugins_load() before host_init()");
	reg->loaded = true;
	if ((rc = dirs_open(ctx, &d)) == 0) {
		n = find_plugins(ctx, &d, &f);
		rc = load_found(ctx, reg, &d, f, n);
	}
	free(f);
	dirs_close(&d);
	if (rc == 0)
		rc = cfg_check_groups(ctx, ctx->cfg, (const char *const *)reg->tried);
	if (rc == 0)
		ctx->err = 0;
	return rc;
}

static void plugins_unload_unbound(struct plugins *reg);

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
	plugins_unload_unbound(reg);
	free(reg->v);
	free_names(reg->tried);
	free(reg);
	ctx->plugins = NULL;
}

/* The loaded plugin whose area or name is word, and the file it came from. */
const struct integra_plugin *
plugins_find(struct ctx *ctx, const char *word, const char **path_out)
{
	struct plugins *reg = ctx->plugins;
	size_t i;

	for (i = 0; reg && i < reg->n; i++) {
		if (strcmp(plugin_key(reg->v[i]->p), word) == 0 ||
		    strcmp(reg->v[i]->p->name, word) == 0) {
			if (path_out)
				*path_out = reg->v[i]->path;
			return reg->v[i]->p;
		}
	}
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
	fprintf(ctx->out, _("plugin '%s': schema %d -> %u\n"), pl->p->name, v,
	    (unsigned)pl->p->schema_version);
	return 0;
}

static int adopt_tables(struct ctx *ctx);
static int bindings_check(struct ctx *ctx);

/* init: adopts the plugin tables made before they were registered, checks
 * the areas' bindings, then runs each plugin's migrations. */
int
plugins_migrate(struct ctx *ctx)
{
	size_t i;
	int rc;

	if ((rc = adopt_tables(ctx)) != 0 || (rc = bindings_check(ctx)) != 0)
		return rc;
	for (i = 0; i < plugins_count(ctx); i++)
		if ((rc = migrate_one(ctx, ctx->plugins->v[i])) != 0)
			return rc;
	return 0;
}

/* On opening the database: each plugin's schema version is the one it
 * declares, and each area plugin is the one its area is bound to. */
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
			return error_set(ctx, ERR_FAIL,
			    "database '%s' has plugin '%s' schema "
			    "version %d, older than the plugin's %u; run 'integra init' "
			    "to "
			    "upgrade it",
			    cfg_database(ctx->cfg), p->name, v,
			    (unsigned)p->schema_version);
		if ((uint32_t)v > p->schema_version)
			return error_set(ctx, ERR_FAIL,
			    "database '%s' has plugin '%s' schema "
			    "version %d, newer than the plugin's %u; install the newer "
			    "plugin",
			    cfg_database(ctx->cfg), p->name, v,
			    (unsigned)p->schema_version);
	}
	return bindings_check(ctx);
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

/*
 * Steps through the formats of every plugin in load order: f NULL gives
 * the first (loading the plugins), else the one after f, which is of
 * plugin *i; NULL after the last.
 */
static const struct integra_format *
format_next(struct ctx *ctx, size_t *i, const struct integra_format *f)
{
	if (f == NULL) {
		need_plugins(ctx);
		*i = 0;
	} else if ((++f)->name != NULL)
		return f;
	else
		(*i)++;
	for (; *i < plugins_count(ctx); (*i)++)
		if ((f = plugins_get(ctx, *i)->formats) != NULL && f->name != NULL)
			return f;
	return NULL;
}

/* The plugin format called name, or NULL. */
const struct integra_format *
plugins_format(struct ctx *ctx, const char *name)
{
	const struct integra_format *f;
	size_t i;

	for (f = format_next(ctx, &i, NULL); f; f = format_next(ctx, &i, f))
		if (strcmp(f->name, name) == 0)
			break;
	return f;
}

/* Appends the names of the plugin formats to b, comma-separated. */
void
plugins_format_names(struct ctx *ctx, struct buf *b)
{
	const struct integra_format *f;
	size_t i;

	for (f = format_next(ctx, &i, NULL); f; f = format_next(ctx, &i, f))
		buf_printf(b, "%s%s", b->len ? ", " : "", f->name);
}

/* ---- what the database records of the plugins ---- */

/*
 * Registers to their plugin the tables and indexes plugins made before
 * plugin_object existed (or that were made by hand): an object whose name
 * and table are in the name space (<plugin>_*) of plugins recorded in
 * `migration` goes to the one with the longest name.  Safe to run again.
 * The tables and indexes are SQLite's sqlite_master, or on PostgreSQL the
 * catalogue's (exec() there registers what it creates as on SQLite since
 * it checks statements too; tables made by hand are adopted alike).
 */
static int
adopt_tables(struct ctx *ctx)
{
	struct buf sql = { 0 };
	int rc;

	buf_adds(&sql, "INSERT INTO plugin_object (name, kind, tbl, plugin, "
	    "schema_version, created) SELECT name, type, tbl_name, owner, "
	    "(SELECT max(version) FROM migration WHERE component = owner), "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM (SELECT m.name, m.type, "
	    "m.tbl_name, (SELECT c.component FROM migration c WHERE c.component <> "
	    "'core' AND substr(lower(m.name), 1, length(c.component) + 1) = "
	    "c.component || '_' ORDER BY length(c.component) DESC LIMIT 1) AS owner "
	    "FROM (");
	buf_adds(&sql, dbc_is_pg(ctx->db) ? "SELECT CAST(k.relname AS TEXT) COLLATE "
	    "nocase AS name, CASE k.relkind WHEN 'i' THEN 'index' ELSE 'table' END AS type, "
	    "CAST(coalesce(t.relname, k.relname) AS TEXT) AS tbl_name FROM pg_class "
	    "k LEFT JOIN pg_index i ON i.indexrelid = k.oid LEFT JOIN pg_class t ON "
	    "t.oid = i.indrelid WHERE k.relnamespace = CAST(current_schema() AS "
	    "regnamespace) AND k.relkind IN ('r', 'p', 'i')" :
	    "SELECT name, type, tbl_name FROM sqlite_master WHERE type IN "
	    "('table', 'index') AND substr(name, 1, 7) <> 'sqlite_'");
	buf_adds(&sql, ") m WHERE m.name NOT IN (SELECT name FROM plugin_object) "
	    "AND EXISTS (SELECT 1 FROM migration c WHERE c.component <> 'core' AND "
	    "substr(lower(m.tbl_name), 1, length(c.component) + 1) = "
	    "c.component || '_')) x WHERE owner IS NOT NULL");
	rc = db_exec(ctx, sql.s, "");
	buf_release(&sql);
	return rc;
}

/* An area's binding as recorded in plugin_area. */
struct binding {
	bool found;
	char plugin[PLUGIN_NAME_MAX + 1];
	char version[64];
	char path[4096];
	char sha256[2 * SHA256_LEN + 1];
};

static void
column_copy(char *dst, size_t size, struct dbst *st, int col)
{
	const char *s = dbst_text(st, col);

	snprintf(dst, size, "%s", s ? s : "");
}

static int
binding_read(struct ctx *ctx, const char *area, struct binding *b)
{
	struct dbst *st;
	int rc;

	memset(b, 0, sizeof(*b));
	if ((rc = db_stmt_get(ctx, &st, "SELECT plugin, version, path, sha256 FROM "
	    "plugin_area WHERE area = ?")) != 0)
		return rc;
	dbst_bind_text(st, 1, area, -1);
	if ((rc = dbst_step(st)) == DB_ROW) {
		b->found = true;
		column_copy(b->plugin, sizeof(b->plugin), st, 0);
		column_copy(b->version, sizeof(b->version), st, 1);
		column_copy(b->path, sizeof(b->path), st, 2);
		column_copy(b->sha256, sizeof(b->sha256), st, 3);
	}
	db_stmt_put(ctx, st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_error(ctx, "cannot read the area bindings");
	return 0;
}

/* Binds pl's area to pl as it is now: name, version, file, checksum
 * (audited by plugin_area's triggers). */
static int
binding_write(struct ctx *ctx, const struct plugin *pl, const char *sha)
{
	return db_exec(ctx, "INSERT INTO plugin_area (area, plugin, version, path, "
	    "sha256, bound) VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now')) ON CONFLICT (area) DO UPDATE SET plugin = excluded.plugin, "
	    "version = excluded.version, path = excluded.path, sha256 = "
	    "excluded.sha256, bound = excluded.bound", "ttttt", pl->p->area,
	    pl->p->name, pl->p->version, pl->path, sha);
}

/* The checksum of the file the plugin was loaded from: read through the
 * descriptor that was checked and loaded, not by its path again. */
static int
plugin_sha256(struct ctx *ctx, const struct plugin *pl, char sha[2 * SHA256_LEN + 1])
{
	char fdpath[32];

	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", pl->fd);
	if (sha256_file(pl->fd >= 0 ? fdpath : pl->path, sha, NULL) != 0)
		return error_set(ctx, ERR_FAIL, "cannot read plugin '%s': %s", pl->path,
		    strerror(errno));
	return 0;
}

/* The refusal of pl, which claims an area bound to another plugin. */
static int
binding_refuse(struct ctx *ctx, const struct plugin *pl, const struct binding *b)
{
	return plugin_refuse(ctx, pl->path, "area '%s': expected plugin '%s' %s "
	    "('%s', sha256 %.16s...), to which database '%s' binds the area, found "
	    "plugin '%s' %s; remove or disable '%s', or bind the area to it on "
	    "purpose with 'integra plugin rebind %s'", pl->p->area, b->plugin,
	    b->version, b->path, b->sha256, cfg_database(ctx->cfg), pl->p->name,
	    pl->p->version, pl->path, pl->p->area);
}

/*
 * Checks one area plugin against its area's binding: an unbound area is
 * bound to it, a new version or build of the bound plugin updated (when
 * the database can be written; in a transaction of our own, *own_tx, when
 * none is open), another plugin refused (*refused).
 */
static int
bind_one(struct ctx *ctx, const struct plugin *pl, bool *own_tx, bool *refused)
{
	char sha[2 * SHA256_LEN + 1];
	struct binding b;
	int rc;

	if ((rc = binding_read(ctx, pl->p->area, &b)) != 0)
		return rc;
	if (b.found && strcmp(b.plugin, pl->p->name) != 0) {
		*refused = true;
		return binding_refuse(ctx, pl, &b);
	}
	if ((rc = plugin_sha256(ctx, pl, sha)) != 0)
		return rc;
	if ((b.found && strcmp(b.version, pl->p->version) == 0 &&
	    strcmp(b.path, pl->path) == 0 && strcmp(b.sha256, sha) == 0) ||
	    dbc_readonly(ctx->db))
		return 0;
	if (!ctx->in_tx) {
		if ((rc = db_begin(ctx)) != 0)
			return rc;
		*own_tx = true;
	}
	return binding_write(ctx, pl, sha);
}

/* Moves the i-th loaded plugin aside: it stays resident (its commands'
 * entries may point into it) but nothing finds it any more. */
static void
set_aside(struct plugins *reg, size_t i)
{
	reg->unbound = xrealloc(reg->unbound, (reg->nunbound + 1) *
	    sizeof(*reg->unbound));
	reg->unbound[reg->nunbound++] = reg->v[i];
	memmove(reg->v + i, reg->v + i + 1, (reg->n - i - 1) * sizeof(*reg->v));
	reg->n--;
}

/*
 * Checks every loaded area plugin against its area's binding.  A plugin
 * that is not the bound one is refused before it can validate anything: a
 * warning, and it is set aside; the error with plugins.strict.
 */
static int
bindings_check(struct ctx *ctx)
{
	struct plugins *reg = ctx->plugins;
	bool own_tx = false, refused;
	size_t i = 0;
	int rc = 0;

	while (rc == 0 && reg && i < reg->n) {
		refused = false;
		if (reg->v[i]->p->area == NULL ||
		    (rc = bind_one(ctx, reg->v[i], &own_tx, &refused)) == 0) {
			i++;
			continue;
		}
		if (!refused || cfg_plugins_strict(ctx->cfg))
			break;
		warn_msg("%s", ctx->errmsg);
		set_aside(reg, i);
		ctx->err = 0;
		rc = 0;
	}
	if (own_tx && rc == 0)
		return db_commit(ctx);
	if (own_tx)
		db_rollback(ctx);
	return rc;
}

/* Shuts down and frees the plugins set aside for their area's binding. */
static void
plugins_unload_unbound(struct plugins *reg)
{
	struct plugin *pl;
	size_t i;

	for (i = reg->nunbound; i-- > 0;) {
		pl = reg->unbound[i];
		if (pl->inited && pl->p->shutdown)
			pl->p->shutdown(&pl->host);
		plugin_free(pl);
	}
	free(reg->unbound);
}

/* The plugin, loaded or set aside, that claims area, and its file. */
const struct integra_plugin *
plugins_area_claimant(struct ctx *ctx, const char *area, const char **path_out)
{
	struct plugins *reg = ctx->plugins;
	struct plugin *pl;
	size_t i;

	for (i = 0; reg && i < reg->n + reg->nunbound; i++) {
		pl = i < reg->n ? reg->v[i] : reg->unbound[i - reg->n];
		if (pl->p->area && strcmp(pl->p->area, area) == 0) {
			if (path_out)
				*path_out = pl->path;
			return pl->p;
		}
	}
	return NULL;
}

/* integra plugin rebind AREA: binds area to the plugin loaded for it now,
 * on purpose; says what it was bound to before. */
int
plugins_rebind(struct ctx *ctx, const char *area)
{
	char sha[2 * SHA256_LEN + 1];
	const struct plugin *pl = NULL;
	struct binding b;
	size_t i;
	int rc;

	for (i = 0; ctx->plugins && i < ctx->plugins->n && pl == NULL; i++)
		if (ctx->plugins->v[i]->p->area &&
		    strcmp(ctx->plugins->v[i]->p->area, area) == 0)
			pl = ctx->plugins->v[i];
	if (pl == NULL)
		return error_set(ctx, ERR_NOTFOUND, "no loaded plugin claims area '%s' "
		    "(see 'integra plugin list')", area);
	if ((rc = binding_read(ctx, area, &b)) != 0 ||
	    (rc = plugin_sha256(ctx, pl, sha)) != 0 ||
	    (rc = binding_write(ctx, pl, sha)) != 0)
		return rc;
	fprintf(ctx->out, _("area '%s': bound to plugin '%s' %s ('%s', sha256 %s)"),
	    area, pl->p->name, pl->p->version, pl->path, sha);
	if (b.found)
		fprintf(ctx->out, _(", was plugin '%s' %s ('%s', sha256 %s)"), b.plugin,
		    b.version, b.path, b.sha256);
	fprintf(ctx->out, "\n");
	return 0;
}
