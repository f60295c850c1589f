/*
 * Configuration with libconfig: finds the file (-c, $INTEGRA_CONFIG,
 * $XDG_CONFIG_HOME/integra/integra.cfg, /etc/integra/integra.cfg), expands
 * @include against the including file's directory, checks every key's
 * name, type and range with file and line in each error, and remembers
 * where each effective value came from for `integra config show`.
 */
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"

#define INCLUDE_DEPTH 10

/* Where one line of the expanded text came from. */
struct origin {
	const char *file;	/* borrowed from cfg.files */
	int line;
};

struct cfg {
	char *path;		/* the main file, NULL when defaults serve */
	const char *path_how;	/* how it was found */
	config_t lc;
	bool have_lc;
	char **files;		/* every file read, main first */
	size_t nfiles;
	struct origin *map;	/* expanded line (1-based) -> origin */
	size_t nmap;

	char *database;
	char *database_src;
	char *plugin_dir;
	char *plugin_dir_src;
	char **enabled;
	size_t nenabled;
	bool enabled_set;
	char *enabled_src;
	bool strict;
	char *strict_src;
	int busy_timeout;
	char *busy_timeout_src;
	unsigned output_mode;
	char *output_mode_src;
};

static const char *const top_keys[] = {
	"database", "busy_timeout", "output_mode", "plugins", "jobs", NULL
};
static const char *const plugin_keys[] = { "dir", "enabled", "strict", NULL };

/* "file:line" of a setting in the original files. */
static char *
where(const struct cfg *cfg, const config_setting_t *s)
{
	int line = s ? (int)config_setting_source_line(s) : 0;

	if (line > 0 && (size_t)line <= cfg->nmap)
		return xasprintf("%s:%d", cfg->map[line - 1].file,
		    cfg->map[line - 1].line);
	return xstrdup(cfg->path ? cfg->path : "configuration");
}

static int
cfg_error(struct ctx *ctx, const struct cfg *cfg, const config_setting_t *s,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static int
cfg_error(struct ctx *ctx, const struct cfg *cfg, const config_setting_t *s,
    const char *fmt, ...)
{
	char *w = where(cfg, s), msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set(ctx, ERR_INVALID, "%s: %s", w, msg);
	free(w);
	return ERR_INVALID;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Reads a whole file into out; 0 or the errno of the failure. */
static int
slurp(const char *path, struct buf *out)
{
	FILE *fp = fopen(path, "r");
	char chunk[8192];
	size_t n;
	int e = 0;

	if (fp == NULL)
		return errno ? errno : EIO;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(out, chunk, n);
	if (ferror(fp))
		e = errno ? errno : EIO;
	fclose(fp);
	return e;
}

static int
read_file(struct ctx *ctx, const char *path, struct buf *out)
{
	int e = slurp(path, out);

	if (e != 0)
		return error_set(ctx, ERR_FAIL, "cannot read configuration '%s': %s",
		    path, strerror(e));
	return 0;
}

/* If line is `@include "x"`, returns x (malloc'd), else NULL. */
static char *
include_target(const char *line, size_t n)
{
	const char *p = line, *end = line + n, *q;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < 8 || strncmp(p, "@include", 8) != 0)
		return NULL;
	p += 8;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '"')
		return NULL;
	q = memchr(p + 1, '"', (size_t)(end - p - 1));
	if (q == NULL)
		return NULL;
	return xstrndup(p + 1, (size_t)(q - p - 1));
}

static void
map_line(struct cfg *cfg, const char *file, int line)
{
	cfg->map = xrealloc(cfg->map, (cfg->nmap + 1) * sizeof(*cfg->map));
	cfg->map[cfg->nmap].file = file;
	cfg->map[cfg->nmap].line = line;
	cfg->nmap++;
}

static const char *
remember_file(struct cfg *cfg, const char *path)
{
	cfg->files = xrealloc(cfg->files, (cfg->nfiles + 1) * sizeof(char *));
	cfg->files[cfg->nfiles] = xstrdup(path);
	return cfg->files[cfg->nfiles++];
}

/* Appends text (read from `file`) to out, replacing @include lines by the
 * included file, resolved against the directory of the including file. */
static int
expand(struct ctx *ctx, struct cfg *cfg, const char *file, const char *text,
    size_t len, int depth, struct buf *out)
{
	const char *p = text, *end = text + len, *nl, *name = remember_file(cfg, file);
	char *target, *dir, *full;
	struct buf sub = { 0 };
	int line = 0, rc = 0, e;

	while (p < end && rc == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line++;
		target = include_target(p, (size_t)(nl - p));
		if (target == NULL) {
			buf_add(out, p, (size_t)(nl - p));
			buf_addc(out, '\n');
			map_line(cfg, name, line);
		} else if (depth >= INCLUDE_DEPTH) {
			rc = error_set(ctx, ERR_INVALID,
			    "%s:%d: @include nested more than %d deep", name, line,
			    INCLUDE_DEPTH);
		} else {
			dir = dir_of(name);
			full = target[0] == '/' ? xstrdup(target) :
			    xasprintf("%s/%s", dir, target);
			buf_reset(&sub);
			if ((e = slurp(full, &sub)) != 0)
				rc = error_set(ctx, ERR_FAIL, "%s:%d: cannot include '%s': %s",
				    name, line, full, strerror(e));
			else
				rc = expand(ctx, cfg, full, sub.s ? sub.s : "", sub.len,
				    depth + 1, out);
			free(full);
			free(dir);
		}
		free(target);
		p = nl + 1;
	}
	buf_release(&sub);
	return rc;
}

static void
free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static bool
in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static char *
join(const char *const *list)
{
	struct buf b = { 0 };

	for (; *list; list++) {
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, *list);
	}
	return b.s ? b.s : xstrdup("");
}

static int
unknown_key(struct ctx *ctx, struct cfg *cfg, const config_setting_t *s,
    const char *prefix, const char *const *known)
{
	char *k = join(known);
	int rc = cfg_error(ctx, cfg, s, "unknown key '%s%s' (known: %s)", prefix,
	    config_setting_name(s), k);

	free(k);
	return rc;
}

static int
want_type(struct ctx *ctx, struct cfg *cfg, const config_setting_t *s,
    const char *name, int type, const char *what)
{
	int t = config_setting_type(s);

	if (t == type || (type == CONFIG_TYPE_INT && t == CONFIG_TYPE_INT64) ||
	    (type == CONFIG_TYPE_FLOAT && (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64)))
		return 0;
	return cfg_error(ctx, cfg, s, "'%s' must be %s", name, what);
}

static int
parse_plugins(struct ctx *ctx, struct cfg *cfg, config_setting_t *grp)
{
	config_setting_t *s, *e;
	int i, j, n, rc;
	const char *v;

	if ((rc = want_type(ctx, cfg, grp, "plugins", CONFIG_TYPE_GROUP,
	    "a group { dir = ...; enabled = [ ... ]; strict = ...; }")) != 0)
		return rc;
	n = config_setting_length(grp);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(grp, (unsigned)i);
		if (!in_list(plugin_keys, config_setting_name(s)))
			return unknown_key(ctx, cfg, s, "plugins.", plugin_keys);
		if (strcmp(config_setting_name(s), "dir") == 0) {
			if ((rc = want_type(ctx, cfg, s, "plugins.dir", CONFIG_TYPE_STRING,
			    "a string")) != 0)
				return rc;
			free(cfg->plugin_dir);
			free(cfg->plugin_dir_src);
			cfg->plugin_dir = xstrdup(config_setting_get_string(s));
			cfg->plugin_dir_src = where(cfg, s);
		} else if (strcmp(config_setting_name(s), "strict") == 0) {
			if ((rc = want_type(ctx, cfg, s, "plugins.strict", CONFIG_TYPE_BOOL,
			    "true or false")) != 0)
				return rc;
			cfg->strict = config_setting_get_bool(s);
			free(cfg->strict_src);
			cfg->strict_src = where(cfg, s);
		} else {
			if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
			    config_setting_type(s) != CONFIG_TYPE_LIST)
				return cfg_error(ctx, cfg, s,
				    "'plugins.enabled' must be an array of names");
			free_list(cfg->enabled, cfg->nenabled);
			cfg->nenabled = 0;
			cfg->enabled = xcalloc(1, sizeof(char *));
			for (j = 0; j < config_setting_length(s); j++) {
				e = config_setting_get_elem(s, (unsigned)j);
				v = config_setting_get_string(e);
				if (v == NULL || !text_is_ident(v, 32))
					return cfg_error(ctx, cfg, s,
					    "'plugins.enabled' element %d must be a plugin name ([a-z][a-z0-9_]*)",
					    j + 1);
				if (in_list((const char *const *)cfg->enabled, v))
					return cfg_error(ctx, cfg, s,
					    "'plugins.enabled' names '%s' twice", v);
				cfg->enabled = xrealloc(cfg->enabled,
				    (cfg->nenabled + 2) * sizeof(char *));
				cfg->enabled[cfg->nenabled++] = xstrdup(v);
				cfg->enabled[cfg->nenabled] = NULL;
			}
			cfg->enabled_set = true;
			free(cfg->enabled_src);
			cfg->enabled_src = where(cfg, s);
		}
	}
	return 0;
}

static int
parse_octal_mode(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s == '\0')
		return ERR_INVALID;
	errno = 0;
	v = strtoul(s, &end, 8);
	if (errno || *end || v > 0777)
		return ERR_INVALID;
	*out = (unsigned)v;
	return 0;
}

/* With plugins.enabled set, every other group must belong to an enabled
 * plugin, wherever in the file the plugins group is. */
static int
check_groups(struct ctx *ctx, struct cfg *cfg, config_setting_t *root)
{
	config_setting_t *s;
	const char *name;
	int i;

	if (!cfg->enabled_set)
		return 0;
	for (i = 0; i < config_setting_length(root); i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		name = config_setting_name(s);
		if (config_setting_type(s) != CONFIG_TYPE_GROUP || in_list(top_keys, name))
			continue;
		if (!in_list((const char *const *)cfg->enabled, name))
			return cfg_error(ctx, cfg, s,
			    "unknown key '%s' (not a core key, nor an enabled plugin's group)",
			    name);
	}
	return 0;
}

/* Checks the top level and takes the core's values. */
static int
parse_top(struct ctx *ctx, struct cfg *cfg)
{
	config_setting_t *root = config_root_setting(&cfg->lc), *s;
	const char *name;
	int i, rc;
	long long v;

	for (i = 0; i < config_setting_length(root); i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		name = config_setting_name(s);
		if (strcmp(name, "database") == 0) {
			if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_STRING,
			    "a string (the database path)")) != 0)
				return rc;
			if (config_setting_get_string(s)[0] == '\0')
				return cfg_error(ctx, cfg, s, "'database' must not be empty");
			free(cfg->database);
			free(cfg->database_src);
			cfg->database = xstrdup(config_setting_get_string(s));
			cfg->database_src = where(cfg, s);
		} else if (strcmp(name, "busy_timeout") == 0) {
			if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_INT,
			    "an integer (milliseconds)")) != 0)
				return rc;
			v = config_setting_get_int64(s);
			if (config_setting_type(s) == CONFIG_TYPE_INT)
				v = config_setting_get_int(s);
			if (v < 0 || v > 3600000)
				return cfg_error(ctx, cfg, s,
				    "busy_timeout = %lld is out of range (0..3600000 ms)", v);
			cfg->busy_timeout = (int)v;
			free(cfg->busy_timeout_src);
			cfg->busy_timeout_src = where(cfg, s);
		} else if (strcmp(name, "output_mode") == 0) {
			if (config_setting_type(s) != CONFIG_TYPE_STRING ||
			    parse_octal_mode(config_setting_get_string(s),
			    &cfg->output_mode) != 0)
				return cfg_error(ctx, cfg, s,
				    "'output_mode' must be an octal mode as a string, such as \"0640\"");
			free(cfg->output_mode_src);
			cfg->output_mode_src = where(cfg, s);
		} else if (strcmp(name, "plugins") == 0) {
			if ((rc = parse_plugins(ctx, cfg, s)) != 0)
				return rc;
		} else if (strcmp(name, "jobs") == 0) {
			if (config_setting_type(s) != CONFIG_TYPE_LIST)
				return cfg_error(ctx, cfg, s,
				    "'jobs' must be a list: jobs = ( { name = ...; ... } );");
		} else if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
			return unknown_key(ctx, cfg, s, "", top_keys);
		}
	}
	return check_groups(ctx, cfg, root);
}

/* The directory of the running binary, or NULL. */
static char *
exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	return dir_of(path);
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
set_defaults(struct cfg *cfg)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *dir = exe_dir(), *cand;

	if (xdg && xdg[0] == '/')
		cfg->database = xasprintf("%s/integra/integra.db", xdg);
	else
		cfg->database = xasprintf("%s/.local/share/integra/integra.db",
		    home && *home ? home : ".");
	cfg->database_src = xstrdup("default (user data directory)");
	cfg->plugin_dir = NULL;
	if (dir) {
		cand = xasprintf("%s/plugins", dir);
		if (is_dir(cand)) {
			cfg->plugin_dir = cand;
			cfg->plugin_dir_src = xstrdup("default (beside the binary)");
		} else {
			free(cand);
			cand = xasprintf("%s/../lib/integra/plugins", dir);
			if (is_dir(cand)) {
				cfg->plugin_dir = cand;
				cfg->plugin_dir_src = xstrdup("default (installed beside the binary)");
			} else {
				free(cand);
			}
		}
	}
	if (cfg->plugin_dir == NULL) {
		cfg->plugin_dir = xstrdup(INTEGRA_PLUGINDIR);
		cfg->plugin_dir_src = xstrdup("default (built in)");
	}
	free(dir);
	cfg->enabled_src = xstrdup("default (every .so in the plugin directory)");
	cfg->strict_src = xstrdup("default");
	cfg->busy_timeout = 5000;
	cfg->busy_timeout_src = xstrdup("default");
	cfg->output_mode = 0640;
	cfg->output_mode_src = xstrdup("default");
}

static struct cfg *
cfg_new(void)
{
	struct cfg *cfg = xcalloc(1, sizeof(*cfg));

	set_defaults(cfg);
	return cfg;
}

/* Parses text read from `name` into cfg; 0 or an error naming file:line. */
static int
cfg_parse(struct ctx *ctx, struct cfg *cfg, const char *name, const char *text,
    size_t len)
{
	struct buf all = { 0 };
	int rc, line;

	if ((rc = expand(ctx, cfg, name, text, len, 0, &all)) != 0)
		goto out;
	config_init(&cfg->lc);
	cfg->have_lc = true;
	if (config_read_string(&cfg->lc, all.s ? all.s : "") != CONFIG_TRUE) {
		line = config_error_line(&cfg->lc);
		if (line > 0 && (size_t)line <= cfg->nmap)
			rc = error_set(ctx, ERR_INVALID, "%s:%d: %s",
			    cfg->map[line - 1].file, cfg->map[line - 1].line,
			    config_error_text(&cfg->lc));
		else
			rc = error_set(ctx, ERR_INVALID, "%s: %s", name,
			    config_error_text(&cfg->lc));
		goto out;
	}
	rc = parse_top(ctx, cfg);
out:
	buf_release(&all);
	return rc;
}

int
cfg_load_string(struct ctx *ctx, const char *text, const char *name, struct cfg **out)
{
	struct cfg *cfg = cfg_new();
	int rc;

	cfg->path = xstrdup(name);
	cfg->path_how = "given";
	rc = cfg_parse(ctx, cfg, name, text, strlen(text));
	if (rc != 0) {
		cfg_free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

int
cfg_load_file(struct ctx *ctx, const char *path, struct cfg **out)
{
	struct buf text = { 0 };
	struct cfg *cfg;
	int rc;

	if ((rc = read_file(ctx, path, &text)) != 0)
		return rc;
	cfg = cfg_new();
	cfg->path = xstrdup(path);
	cfg->path_how = "given";
	rc = cfg_parse(ctx, cfg, path, text.s ? text.s : "", text.len);
	buf_release(&text);
	if (rc != 0) {
		cfg_free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

/* Finds and loads the configuration in the documented order. */
int
cfg_load(struct ctx *ctx, struct cfg **out)
{
	const char *env = getenv("INTEGRA_CONFIG"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME"), *how = NULL;
	char *cand = NULL;
	int rc;

	if (ctx->cfg_opt) {
		cand = xstrdup(ctx->cfg_opt);
		how = "from -c";
	} else if (env && *env) {
		cand = xstrdup(env);
		how = "from $INTEGRA_CONFIG";
	} else {
		if (xdg && xdg[0] == '/')
			cand = xasprintf("%s/integra/integra.cfg", xdg);
		else if (home && *home)
			cand = xasprintf("%s/.config/integra/integra.cfg", home);
		if (cand && access(cand, F_OK) == 0) {
			how = "from the user's configuration directory";
		} else {
			free(cand);
			cand = NULL;
			if (access("/etc/integra/integra.cfg", F_OK) == 0) {
				cand = xstrdup("/etc/integra/integra.cfg");
				how = "system-wide";
			}
		}
	}
	if (cand == NULL) {
		*out = cfg_new();
		(*out)->path_how = "none found; embedded defaults";
		return 0;
	}
	rc = cfg_load_file(ctx, cand, out);
	if (rc == 0)
		(*out)->path_how = how;
	free(cand);
	return rc;
}

void
cfg_free(struct cfg *cfg)
{
	if (cfg == NULL)
		return;
	if (cfg->have_lc)
		config_destroy(&cfg->lc);
	free_list(cfg->files, cfg->nfiles);
	free_list(cfg->enabled, cfg->nenabled);
	free(cfg->map);
	free(cfg->path);
	free(cfg->database);
	free(cfg->database_src);
	free(cfg->plugin_dir);
	free(cfg->plugin_dir_src);
	free(cfg->enabled_src);
	free(cfg->strict_src);
	free(cfg->busy_timeout_src);
	free(cfg->output_mode_src);
	free(cfg);
}

const char *cfg_path(const struct cfg *cfg) { return cfg->path; }
const char *cfg_database(const struct cfg *cfg) { return cfg->database; }
const char *cfg_plugin_dir(const struct cfg *cfg) { return cfg->plugin_dir; }
bool cfg_plugins_configured(const struct cfg *cfg) { return cfg->enabled_set; }
bool cfg_plugins_strict(const struct cfg *cfg) { return cfg->strict; }
int cfg_busy_timeout(const struct cfg *cfg) { return cfg->busy_timeout; }
unsigned cfg_output_mode(const struct cfg *cfg) { return cfg->output_mode; }

size_t
cfg_plugins_enabled(const struct cfg *cfg, const char *const **out)
{
	*out = (const char *const *)cfg->enabled;
	return cfg->nenabled;
}

void
cfg_set_database(struct cfg *cfg, const char *path, enum cfg_source src)
{
	free(cfg->database);
	free(cfg->database_src);
	cfg->database = xstrdup(path);
	cfg->database_src = xstrdup(src == CFG_OPTION ? "-d option" :
	    src == CFG_ENV ? "environment" : "set");
}

void *
cfg_group(const struct cfg *cfg, const char *name)
{
	config_setting_t *s;

	if (!cfg->have_lc)
		return NULL;
	s = config_setting_get_member(config_root_setting(&cfg->lc), name);
	return s && config_setting_type(s) == CONFIG_TYPE_GROUP ? s : NULL;
}

void *
cfg_jobs(const struct cfg *cfg)
{
	if (!cfg->have_lc)
		return NULL;
	return config_setting_get_member(config_root_setting(&cfg->lc), "jobs");
}

static const struct integra_config_key *
find_key(const struct integra_config_key *keys, const char *name)
{
	for (; keys && keys->name; keys++)
		if (strcmp(keys->name, name) == 0)
			return keys;
	return NULL;
}

/* Converts a setting or a default text to a typed value; 0 or ERR_INVALID. */
static int
to_value(const struct integra_config_key *k, const config_setting_t *s,
    const char *text, struct integra_value *out)
{
	int t = s ? config_setting_type(s) : 0;
	int32_t days;
	char *end;

	memset(out, 0, sizeof(*out));
	out->type = k->type;
	switch (k->type) {
	case INTEGRA_INTEGER:
		if (s && (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64))
			out->i = t == CONFIG_TYPE_INT ? config_setting_get_int(s) :
			    config_setting_get_int64(s);
		else if (s || text == NULL)
			return ERR_INVALID;
		else
			out->i = strtoll(text, &end, 10);
		out->r = (double)out->i;
		break;
	case INTEGRA_REAL:
		if (s && t == CONFIG_TYPE_FLOAT)
			out->r = config_setting_get_float(s);
		else if (s && (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64))
			out->r = (double)config_setting_get_int64(s);
		else if (s || text == NULL)
			return ERR_INVALID;
		else
			out->r = strtod(text, &end);
		break;
	case INTEGRA_BOOLEAN:
		if (s && t == CONFIG_TYPE_BOOL)
			out->i = config_setting_get_bool(s);
		else if (s || text == NULL)
			return ERR_INVALID;
		else
			out->i = strcmp(text, "true") == 0;
		break;
	default:
		if (s && t != CONFIG_TYPE_STRING)
			return ERR_INVALID;
		out->s = s ? config_setting_get_string(s) : text;
		if (out->s == NULL)
			return ERR_INVALID;
		out->n = strlen(out->s);
		if (k->type == INTEGRA_DATE && date_parse(out->s, &days) != 0)
			return ERR_INVALID;
		break;
	}
	return 0;
}

static const char *
type_words(enum integra_type t)
{
	switch (t) {
	case INTEGRA_INTEGER:
		return "an integer";
	case INTEGRA_REAL:
		return "a number";
	case INTEGRA_BOOLEAN:
		return "true or false";
	case INTEGRA_DATE:
		return "a date as a string (\"2021-07-23\" or \"23.07.2021\")";
	default:
		return "a string";
	}
}

/* Checks a plugin's group against the keys the plugin declared. */
int
cfg_group_check(struct ctx *ctx, const struct cfg *cfg, const char *name,
    const struct integra_config_key *keys)
{
	config_setting_t *grp = cfg_group(cfg, name), *s;
	const struct integra_config_key *k;
	struct integra_value v;
	struct buf known = { 0 };
	int i, rc = 0;
	double x;

	for (i = 0; grp && rc == 0 && i < config_setting_length(grp); i++) {
		s = config_setting_get_elem(grp, (unsigned)i);
		k = find_key(keys, config_setting_name(s));
		if (k == NULL) {
			for (k = keys; k && k->name; k++)
				buf_printf(&known, "%s%s", known.len ? ", " : "", k->name);
			rc = cfg_error(ctx, (struct cfg *)cfg, s,
			    "unknown key '%s.%s' (known: %s)", name,
			    config_setting_name(s), known.len ? known.s : "none");
			break;
		}
		if (to_value(k, s, NULL, &v) != 0) {
			rc = cfg_error(ctx, (struct cfg *)cfg, s, "'%s.%s' must be %s",
			    name, k->name, type_words(k->type));
			break;
		}
		x = k->type == INTEGRA_INTEGER ? (double)v.i : v.r;
		if ((k->type == INTEGRA_INTEGER || k->type == INTEGRA_REAL) &&
		    k->min < k->max && (x < k->min || x > k->max))
			rc = cfg_error(ctx, (struct cfg *)cfg, s,
			    "%s.%s = %g is out of range (%g..%g)", name, k->name, x,
			    k->min, k->max);
	}
	buf_release(&known);
	return rc;
}

/* The value of a plugin's key: its setting or its declared default. */
int
cfg_group_lookup(const struct cfg *cfg, const char *group,
    const struct integra_config_key *keys, const char *key,
    struct integra_value *out, const char **src)
{
	config_setting_t *grp = cfg_group(cfg, group), *s;
	const struct integra_config_key *k = find_key(keys, key);

	if (k == NULL)
		return ERR_NOTFOUND;
	s = grp ? config_setting_get_member(grp, key) : NULL;
	if (s == NULL && k->def == NULL)
		return ERR_NOTFOUND;
	if (src)
		*src = s ? "file" : "default";
	return to_value(k, s, k->def, out);
}

/* Prints s as a libconfig string literal. */
static void
put_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* Prints the effective core configuration with where each value came
 * from, in the syntax of the file itself. */
int
cfg_show(struct ctx *ctx)
{
	const struct cfg *cfg = ctx->cfg;
	FILE *fp = ctx->out;
	size_t i;

	fprintf(fp, "# configuration file: %s (%s)\n",
	    cfg->path ? cfg->path : "none", cfg->path_how ? cfg->path_how : "");
	for (i = 1; i < cfg->nfiles; i++)
		fprintf(fp, "# included: %s\n", cfg->files[i]);
	fputs("database = ", fp);
	put_string(fp, cfg->database);
	fprintf(fp, ";\t# %s\n", cfg->database_src);
	fprintf(fp, "busy_timeout = %d;\t# %s\n", cfg->busy_timeout,
	    cfg->busy_timeout_src);
	fprintf(fp, "output_mode = \"%04o\";\t# %s\n", cfg->output_mode,
	    cfg->output_mode_src);
	fputs("plugins.dir = ", fp);
	put_string(fp, cfg->plugin_dir);
	fprintf(fp, ";\t# %s\n", cfg->plugin_dir_src);
	fprintf(fp, "plugins.enabled = [");
	for (i = 0; i < cfg->nenabled; i++) {
		fputs(i ? ", " : " ", fp);
		put_string(fp, cfg->enabled[i]);
	}
	fprintf(fp, " ];\t# %s\n", cfg->enabled_src);
	fprintf(fp, "plugins.strict = %s;\t# %s\n", cfg->strict ? "true" : "false",
	    cfg->strict_src);
	return 0;
}

/* Refuses a top-level group that is no core key and not in `known` (the
 * plugins loaded or tried), naming its file and line. */
int
cfg_check_groups(struct ctx *ctx, const struct cfg *cfg, const char *const *known)
{
	config_setting_t *root, *s;
	int i;

	if (!cfg->have_lc)
		return 0;
	root = config_root_setting(&cfg->lc);
	for (i = 0; i < config_setting_length(root); i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		if (config_setting_type(s) != CONFIG_TYPE_GROUP ||
		    in_list(top_keys, config_setting_name(s)) ||
		    (known && in_list(known, config_setting_name(s))))
			continue;
		return cfg_error(ctx, (struct cfg *)cfg, s,
		    "unknown key '%s' (not a core key, nor a loaded plugin's group)",
		    config_setting_name(s));
	}
	return 0;
}

/* "file:line" of a setting (a libconfig setting, opaque here), for errors
 * that other modules report; the caller frees it. */
char *
cfg_where(const struct cfg *cfg, const void *setting)
{
	return where(cfg, setting);
}
