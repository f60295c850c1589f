/*
 * Configuration with libconfig: finds the file (-c, $INTEGRA_CONFIG,
 * $XDG_CONFIG_HOME/integra/integra.cfg, /etc/integra/integra.cfg), has
 * cfg_include.c expand its @include lines, checks every key's name, type
 * and range with file and line in each error, remembers where each
 * effective value came from (cfg_show.c prints them), and answers the
 * look-ups of the core and of the plugins' groups.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfg_int.h"

static const char *const top_keys[] = {
	"database", "busy_timeout", "output_mode", "plugins", "jobs", "pager",
	"language", "corrections", "organisation", NULL
};
static const char *const plugin_keys[] = {
	"dir", "user_dir", "enabled", "strict", NULL
};

/* "file:line" of a setting in the original files. */
static char *
where(const struct cfg *cfg, const config_setting_t *s)
{
	char *w = cfg_include_where(cfg->inc,
	    s ? (int)config_setting_source_line(s) : 0);

	return w ? w : xstrdup(cfg->path ? cfg->path : "configuration");
}

static int
cfg_error(struct ctx *ctx, const struct cfg *cfg, const config_setting_t *s,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

/*
 * Reports an invalid setting (a libconfig setting, opaque to other
 * modules) as "file:line: PREFIXmessage"; returns ERR_INVALID.
 */
int
cfg_errorv(struct ctx *ctx, const struct cfg *cfg, const void *setting,
    const char *prefix, const char *fmt, va_list ap)
{
	char *w = where(cfg, setting), msg[1024];

	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	error_set(ctx, ERR_INVALID, "%s: %s%s", w, prefix, msg);
	free(w);
	return ERR_INVALID;
}

/* Reports an invalid setting as "file:line: message"; returns ERR_INVALID. */
static int
cfg_error(struct ctx *ctx, const struct cfg *cfg, const config_setting_t *s,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cfg_errorv(ctx, cfg, s, "", fmt, ap);
	va_end(ap);
	return ERR_INVALID;
}

/* Replaces *slot by s, which it takes over. */
static void
take(char **slot, char *s)
{
	free(*slot);
	*slot = s;
}

/* The names of list separated by ", ", for messages. */
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

/* Refuses a key that is none of known, listing them. */
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

/* Refuses a setting not of type (an integer serves where a number is
 * wanted); what says in words what is wanted. */
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

/* True for a byte that may be part of a setting's name. */
static bool
name_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '*';
}

/*
 * The text of the integer setting s as written, into lit (at most size-1
 * bytes, cut short with "..." when longer): libconfig 1.5 reads integers
 * with atoi() and strtoul(), so 4294967297 and 0x100000001 come back as
 * 1 and 99999999999999999999 as -1.  The literal is found again in the
 * text read, after the setting's name on its line.  Its length, or 0 when
 * it cannot be found (a list element).
 */
static size_t
int_literal(const struct cfg *cfg, const config_setting_t *s, char *lit,
    size_t size)
{
	const char *t, *name = config_setting_name(s), *p, *eol;
	size_t nlen, n;
	int line = (int)config_setting_source_line(s);

	if (cfg->inc == NULL || name == NULL || line <= 0 || size < 8)
		return 0;
	t = cfg_include_text(cfg->inc);
	while (--line > 0 && (t = strchr(t, '\n')) != NULL)
		t++;
	if (t == NULL)
		return 0;
	eol = strchr(t, '\n');
	nlen = strlen(name);
	for (p = t; *p && (!eol || p < eol); p++) {
		if (*p == '#' || (p[0] == '/' && p[1] == '/'))
			break;		/* a comment to the end of the line */
		if (p[0] == '/' && p[1] == '*') {
			if ((p = strstr(p + 2, "*/")) == NULL)
				break;
			p++;
			continue;
		}
		if (*p == '"') {	/* a string may hold anything */
			while (*++p && *p != '"' && *p != '\n')
				p += p[0] == '\\' && p[1];
			if (*p == '\0')
				break;
			continue;
		}
		if ((p > t && name_byte(p[-1])) || strncmp(p, name, nlen) != 0 ||
		    name_byte(p[nlen]))
			continue;
		p += nlen + strspn(p + nlen, " \t\r\n");
		if (*p != '=' && *p != ':')
			continue;
		p += 1 + strspn(p + 1, " \t\r\n");
		n = strspn(p, "+-0123456789abcdefABCDEFxXlL");
		if (n == 0)
			return 0;
		if (n < size)
			snprintf(lit, size, "%.*s", (int)n, p);
		else
			snprintf(lit, size, "%.*s...", (int)size - 4, p);
		return n;
	}
	return 0;
}

/*
 * The 64-bit value of the integer setting s, read from its text as
 * written; lit gets that text for messages.  0, or ERANGE when it does
 * not fit in 64 bits (then *out is meaningless).
 */
static int
setting_int64(const struct cfg *cfg, const config_setting_t *s,
    long long *out, char *lit, size_t size)
{
	char digits[64], *end;
	size_t n;
	bool hex;

	long long lc = config_setting_type(s) == CONFIG_TYPE_INT ?
	    config_setting_get_int(s) : config_setting_get_int64(s);

	if ((n = int_literal(cfg, s, lit, size)) == 0) {
		*out = lc;
		snprintf(lit, size, "%lld", *out);
		return 0;
	}
	lit[strcspn(lit, "lL")] = '\0';	/* 5L is 5 */
	if (n >= size || n >= sizeof(digits))
		return ERANGE;
	n = strlen(lit);
	memcpy(digits, lit, n);
	digits[n] = '\0';
	hex = strchr(digits, 'x') || strchr(digits, 'X');
	errno = 0;
	*out = strtoll(digits, &end, hex ? 16 : 10);
	if (errno == ERANGE || (hex && *out < 0))
		return ERANGE;
	/* Not the literal after all, unless libconfig's value is what it
	 * cut it to: then trust libconfig. */
	if (*end != '\0' || end == digits || (config_setting_type(s) ==
	    CONFIG_TYPE_INT ? (int)*out != (int)lc : *out != lc)) {
		*out = lc;
		snprintf(lit, size, "%lld", *out);
	}
	return 0;
}

/* The value of an integer setting (opaque) as written in the file, read
 * as 64 bits; false when it does not fit (libconfig would wrap it). */
bool
cfg_int64(const struct cfg *cfg, const void *setting, int64_t *out)
{
	char lit[64];
	long long v;

	if (setting_int64(cfg, setting, &v, lit, sizeof(lit)) != 0)
		return false;
	*out = (int64_t)v;
	return true;
}

/* Takes plugins.enabled: an array of distinct plugin names. */
static int
parse_enabled(struct ctx *ctx, struct cfg *cfg, config_setting_t *s)
{
	const char *v;
	int j;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST)
		return cfg_error(ctx, cfg, s,
		    "'plugins.enabled' must be an array of names");
	strv_free(cfg->enabled, cfg->nenabled);
	cfg->nenabled = 0;
	cfg->enabled = xcalloc(1, sizeof(char *));
	for (j = 0; j < config_setting_length(s); j++) {
		v = config_setting_get_string(config_setting_get_elem(s, (unsigned)j));
		if (v == NULL || !text_is_ident(v, 32))
			return cfg_error(ctx, cfg, s,
			    "'plugins.enabled' element %d must be a plugin name ([a-z][a-z0-9_]*)",
			    j + 1);
		if (text_in_list((const char *const *)cfg->enabled, v))
			return cfg_error(ctx, cfg, s,
			    "'plugins.enabled' names '%s' twice", v);
		cfg->enabled = xrealloc(cfg->enabled,
		    (cfg->nenabled + 2) * sizeof(char *));
		cfg->enabled[cfg->nenabled++] = xstrdup(v);
		cfg->enabled[cfg->nenabled] = NULL;
	}
	cfg->enabled_set = true;
	take(&cfg->src[CFG_SRC_ENABLED], where(cfg, s));
	return 0;
}

/* Takes plugins.dir or plugins.user_dir (a string; "" turns the user
 * directory off) into *slot, with where it came from. */
static int
parse_dir(struct ctx *ctx, struct cfg *cfg, config_setting_t *s, char **slot,
    enum cfg_src src)
{
	char name[32];
	int rc;

	snprintf(name, sizeof(name), "plugins.%s", config_setting_name(s));
	if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_STRING, "a string")) != 0)
		return rc;
	take(slot, xstrdup(config_setting_get_string(s)));
	take(&cfg->src[src], where(cfg, s));
	return 0;
}

/* Checks the plugins group and takes its values. */
static int
parse_plugins(struct ctx *ctx, struct cfg *cfg, config_setting_t *grp)
{
	config_setting_t *s;
	const char *name;
	int i, rc;

	if ((rc = want_type(ctx, cfg, grp, "plugins", CONFIG_TYPE_GROUP,
	    "a group { dir = ...; enabled = [ ... ]; strict = ...; }")) != 0)
		return rc;
	for (i = 0; rc == 0 && i < config_setting_length(grp); i++) {
		s = config_setting_get_elem(grp, (unsigned)i);
		name = config_setting_name(s);
		if (!text_in_list(plugin_keys, name))
			return unknown_key(ctx, cfg, s, "plugins.", plugin_keys);
		if (strcmp(name, "dir") == 0)
			rc = parse_dir(ctx, cfg, s, &cfg->plugin_dir,
			    CFG_SRC_PLUGIN_DIR);
		else if (strcmp(name, "user_dir") == 0)
			rc = parse_dir(ctx, cfg, s, &cfg->plugin_user_dir,
			    CFG_SRC_PLUGIN_USER_DIR);
		else if (strcmp(name, "strict") == 0) {
			if ((rc = want_type(ctx, cfg, s, "plugins.strict",
			    CONFIG_TYPE_BOOL, "true or false")) != 0)
				return rc;
			cfg->strict = config_setting_get_bool(s);
			take(&cfg->src[CFG_SRC_STRICT], where(cfg, s));
		} else
			rc = parse_enabled(ctx, cfg, s);
	}
	return rc;
}

/* Reads a file mode such as "0640": octal, at most 0666 and without an
 * execute bit (an export is data, never a program); 0 or ERR_INVALID. */
int
cfg_parse_mode(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s == '\0' || s[strspn(s, "01234567")] != '\0')
		return ERR_INVALID;
	errno = 0;
	v = strtoul(s, &end, 8);
	if (errno || *end || (v & ~0666UL) != 0)
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
		if (config_setting_type(s) != CONFIG_TYPE_GROUP || text_in_list(top_keys, name))
			continue;
		if (!text_in_list((const char *const *)cfg->enabled, name))
			return cfg_error(ctx, cfg, s,
			    "unknown key '%s' (not a core key, nor an enabled plugin's group)",
			    name);
	}
	return 0;
}

/* Takes output_mode: an octal mode as a string, at most 0666 and without
 * execute bits (see cfg_parse_mode). */
static int
parse_output_mode(struct ctx *ctx, struct cfg *cfg, const config_setting_t *s)
{
	const char *v = config_setting_type(s) == CONFIG_TYPE_STRING ?
	    config_setting_get_string(s) : NULL;

	if (v && cfg_parse_mode(v, &cfg->output_mode) == 0)
		return 0;
	return cfg_error(ctx, cfg, s, "'output_mode' must be an octal mode as a "
	    "string, at most \"0666\" and without execute bits, such as "
	    "\"0640\"%s%s%s", v ? " (found \"" : "", v ? v : "", v ? "\")" : "");
}

/* language = "uk": the language of the messages, instead of the
 * environment's. */
static int
parse_language(struct ctx *ctx, struct cfg *cfg, const config_setting_t *s)
{
	const char *v = config_setting_type(s) == CONFIG_TYPE_STRING ?
	    config_setting_get_string(s) : NULL;

	if (v == NULL || i18n_language(v) != 0)
		return cfg_error(ctx, cfg, s, "'language' must be a language name as "
		    "a string, such as \"uk\" or \"en\"%s%s%s", v ? " (found \"" : "",
		    v ? v : "", v ? "\")" : "");
	take(&cfg->language, xstrdup(v));
	take(&cfg->src[CFG_SRC_LANGUAGE], where(cfg, s));
	return 0;
}

/* Checks the top level and takes the core's values. */
static int
parse_top(struct ctx *ctx, struct cfg *cfg)
{
	config_setting_t *root = config_root_setting(&cfg->lc), *s;
	const char *name;
	char lit[32];
	int i, rc;
	long long v;

	for (i = 0; i < config_setting_length(root); i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		name = config_setting_name(s);
		if (strcmp(name, "database") == 0) {
			if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_STRING,
			    "a string (a file path, a postgresql:// URI or "
			    "service=NAME)")) != 0)
				return rc;
			if (config_setting_get_string(s)[0] == '\0')
				return cfg_error(ctx, cfg, s, "'database' must not be empty");
			take(&cfg->database, xstrdup(config_setting_get_string(s)));
			take(&cfg->src[CFG_SRC_DATABASE], where(cfg, s));
		} else if (strcmp(name, "busy_timeout") == 0) {
			if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_INT,
			    "an integer (milliseconds)")) != 0)
				return rc;
			if (setting_int64(cfg, s, &v, lit, sizeof(lit)) != 0 ||
			    v < 0 || v > 3600000)
				return cfg_error(ctx, cfg, s,
				    "busy_timeout = %s is out of range (0..3600000 ms)", lit);
			cfg->busy_timeout = (int)v;
			take(&cfg->src[CFG_SRC_BUSY_TIMEOUT], where(cfg, s));
		} else if (strcmp(name, "output_mode") == 0) {
			if ((rc = parse_output_mode(ctx, cfg, s)) != 0)
				return rc;
			take(&cfg->src[CFG_SRC_OUTPUT_MODE], where(cfg, s));
		} else if (strcmp(name, "plugins") == 0) {
			if ((rc = parse_plugins(ctx, cfg, s)) != 0)
				return rc;
		} else if (strcmp(name, "organisation") == 0) {
			if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_STRING,
			    "a string (the issuing body of reports)")) != 0)
				return rc;
		} else if (strcmp(name, "pager") == 0) {
			if ((rc = want_type(ctx, cfg, s, name, CONFIG_TYPE_STRING,
			    "a string (the pager's command, \"\" for none)")) != 0)
				return rc;
		} else if (strcmp(name, "language") == 0) {
			if ((rc = parse_language(ctx, cfg, s)) != 0)
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
	return xstrdup(dirname(path));
}

/* True when path names a directory. */
static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The plugin directories looked for beside the binary, in order. */
static const struct {
	const char *rel;	/* relative to the binary's directory */
	const char *src;
} plugin_dirs[] = {
	{ .rel = "plugins", .src = N_("default (beside the binary)") },
	{ .rel = "../lib/integra/plugins",
	  .src = N_("default (installed beside the binary)") },
};

/* The default plugin directory: the first of plugin_dirs that exists,
 * else the one built in. */
static void
default_plugin_dir(struct cfg *cfg)
{
	char *dir = exe_dir(), *cand;
	size_t i;

	for (i = 0; dir && cfg->plugin_dir == NULL && i < ARRAY_SIZE(plugin_dirs); i++) {
		cand = xasprintf("%s/%s", dir, plugin_dirs[i].rel);
		if (is_dir(cand)) {
			cfg->plugin_dir = cand;
			cfg->src[CFG_SRC_PLUGIN_DIR] = xstrdup(plugin_dirs[i].src);
		} else
			free(cand);
	}
	free(dir);
	if (cfg->plugin_dir == NULL) {
		cfg->plugin_dir = xstrdup(INTEGRA_PLUGINDIR);
		cfg->src[CFG_SRC_PLUGIN_DIR] = xstrdup(N_("default (built in)"));
	}
}

/* The user's plugin directory, searched after the system one:
 * $XDG_DATA_HOME/integra/plugins, else ~/.local/share/integra/plugins;
 * none without a home. */
static char *
default_user_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		return xasprintf("%s/integra/plugins", xdg);
	if (home && home[0] == '/')
		return xasprintf("%s/.local/share/integra/plugins", home);
	return xstrdup("");
}

/* Where the embedded defaults come from (the plugin directory's is set
 * with the directory). */
static const char *const default_src[CFG_SRC_COUNT] = {
	[CFG_SRC_DATABASE] = N_("default (user data directory)"),
	[CFG_SRC_PLUGIN_USER_DIR] = N_("default (the user's data directory)"),
	[CFG_SRC_ENABLED] = N_("default (every .so in the plugin directories)"),
	[CFG_SRC_STRICT] = N_("default"),
	[CFG_SRC_BUSY_TIMEOUT] = N_("default"),
	[CFG_SRC_OUTPUT_MODE] = N_("default"),
	[CFG_SRC_LANGUAGE] = N_("default (LC_ALL, LC_MESSAGES, LANG)"),
};

/* A configuration of the embedded defaults. */
static struct cfg *
cfg_new(void)
{
	struct cfg *cfg = xcalloc(1, sizeof(*cfg));
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *env = getenv("INTEGRA_DATABASE");
	size_t i;

	if (env && *env)
		cfg->database = xstrdup(env);
	else if (xdg && xdg[0] == '/')
		cfg->database = xasprintf("%s/integra/integra.db", xdg);
	else
		cfg->database = xasprintf("%s/.local/share/integra/integra.db",
		    home && *home ? home : ".");
	default_plugin_dir(cfg);
	cfg->plugin_user_dir = default_user_dir();
	cfg->busy_timeout = 5000;
	cfg->output_mode = 0640;
	for (i = 0; i < CFG_SRC_COUNT; i++)
		if (default_src[i] != NULL)
			cfg->src[i] = xstrdup(default_src[i]);
	if (env && *env)
		xstrset(&cfg->src[CFG_SRC_DATABASE], N_("$INTEGRA_DATABASE"));
	return cfg;
}

/* Frees cfg and all it holds; NULL is allowed. */
void
cfg_free(struct cfg *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	if (cfg->have_lc)
		config_destroy(&cfg->lc);
	cfg_include_free(cfg->inc);
	strv_free(cfg->enabled, cfg->nenabled);
	for (i = 0; i < CFG_SRC_COUNT; i++)
		free(cfg->src[i]);
	free(cfg->path);
	free(cfg->database);
	free(cfg->plugin_dir);
	free(cfg->plugin_user_dir);
	free(cfg->language);
	free(cfg);
}

/* Parses the expanded text of inc, read from `name`, into a new
 * configuration; 0 with *out set, or an error naming file:line.  Takes
 * inc in either case. */
static int
cfg_parse(struct ctx *ctx, const char *name, struct cfg_include *inc,
    struct cfg **out)
{
	struct cfg *cfg = cfg_new();
	char *w;
	int rc;

	cfg->path = xstrdup(name);
	cfg->path_how = N_("given");
	cfg->inc = inc;
	config_init(&cfg->lc);
	cfg->have_lc = true;
	if (config_read_string(&cfg->lc, cfg_include_text(inc)) != CONFIG_TRUE) {
		w = cfg_include_where(inc, config_error_line(&cfg->lc));
		rc = error_set(ctx, ERR_INVALID, "%s: %s", w ? w : name,
		    config_error_text(&cfg->lc));
		free(w);
	} else
		rc = parse_top(ctx, cfg);
	if (rc != 0) {
		cfg_free(cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

/* Loads text as if read from the file `name`. */
int
cfg_load_string(struct ctx *ctx, const char *text, const char *name, struct cfg **out)
{
	struct cfg_include *inc;
	int rc;

	if ((rc = cfg_include_expand(ctx, name, text, strlen(text), &inc)) != 0)
		return rc;
	return cfg_parse(ctx, name, inc, out);
}

/* Loads the file at path. */
int
cfg_load_file(struct ctx *ctx, const char *path, struct cfg **out)
{
	struct cfg_include *inc;
	int rc;

	if ((rc = cfg_include_read(ctx, path, &inc)) != 0)
		return rc;
	return cfg_parse(ctx, path, inc, out);
}

#define SYSTEM_CFG "/etc/integra/integra.cfg"

/* The configuration file in the documented order (-c, $INTEGRA_CONFIG,
 * the user's, the system's), or NULL for none; *how says how it was
 * found. */
static char *
find_file(const struct ctx *ctx, const char **how)
{
	const char *env = getenv("INTEGRA_CONFIG"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *cand = NULL;

	if (ctx->cfg_opt) {
		*how = N_("from -c");
		return xstrdup(ctx->cfg_opt);
	}
	if (env && *env) {
		*how = N_("from $INTEGRA_CONFIG");
		return xstrdup(env);
	}
	if (xdg && xdg[0] == '/')
		cand = xasprintf("%s/integra/integra.cfg", xdg);
	else if (home && *home)
		cand = xasprintf("%s/.config/integra/integra.cfg", home);
	if (cand && access(cand, F_OK) == 0) {
		*how = N_("from the user's configuration directory");
		return cand;
	}
	free(cand);
	if (access(SYSTEM_CFG, F_OK) != 0)
		return NULL;
	*how = N_("system-wide");
	return xstrdup(SYSTEM_CFG);
}

/* Finds and loads the configuration; embedded defaults without a file. */
int
cfg_load(struct ctx *ctx, struct cfg **out)
{
	const char *how = NULL;
	char *path = find_file(ctx, &how);
	int rc;

	if (path == NULL) {
		*out = cfg_new();
		(*out)->path_how = N_("none found; embedded defaults");
		return 0;
	}
	if ((rc = cfg_load_file(ctx, path, out)) == 0)
		(*out)->path_how = how;
	free(path);
	return rc;
}

const char *cfg_path(const struct cfg *cfg) { return cfg->path; }
const char *cfg_database(const struct cfg *cfg) { return cfg->database; }
const char *cfg_plugin_dir(const struct cfg *cfg) { return cfg->plugin_dir; }
const char *cfg_plugin_user_dir(const struct cfg *cfg) { return cfg->plugin_user_dir; }
bool cfg_plugins_configured(const struct cfg *cfg) { return cfg->enabled_set; }
bool cfg_plugins_strict(const struct cfg *cfg) { return cfg->strict; }
int cfg_busy_timeout(const struct cfg *cfg) { return cfg->busy_timeout; }
unsigned cfg_output_mode(const struct cfg *cfg) { return cfg->output_mode; }

/* The `pager` key, read where it stands (parse_top checked its type). */
const char *
cfg_pager(const struct cfg *cfg)
{
	config_setting_t *s;

	if (!cfg->have_lc)
		return NULL;
	s = config_setting_get_member(config_root_setting(&cfg->lc), "pager");
	return s ? config_setting_get_string(s) : NULL;
}

/* The names in plugins.enabled and their number. */
size_t
cfg_plugins_enabled(const struct cfg *cfg, const char *const **out)
{
	*out = (const char *const *)cfg->enabled;
	return cfg->nenabled;
}

/* Replaces the database path, saying where the new one came from. */
void
cfg_set_database(struct cfg *cfg, const char *path, enum cfg_source src)
{
	take(&cfg->database, xstrdup(path));
	take(&cfg->src[CFG_SRC_DATABASE], xstrdup(src == CFG_OPTION ? N_("-d option") :
	    src == CFG_ENV ? N_("environment") : N_("set")));
}

/* The top-level group called name, or NULL. */
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

/* The issuing body printed at the head of reports, or NULL. */
const char *
cfg_organisation(const struct cfg *cfg)
{
	const config_setting_t *s;

	if (cfg == NULL || !cfg->have_lc)
		return NULL;
	s = config_setting_get_member(config_root_setting(&cfg->lc), "organisation");
	return s ? config_setting_get_string(s) : NULL;
}

/* The declared key called name, or NULL. */
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
to_value(const struct cfg *cfg, const struct integra_config_key *k,
    const config_setting_t *s, const char *text, struct integra_value *out)
{
	int t = s ? config_setting_type(s) : 0;
	int32_t days;
	char *end, lit[32];
	long long v;

	memset(out, 0, sizeof(*out));
	out->type = k->type;
	switch (k->type) {
	case INTEGRA_INTEGER:
		if (s && (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64)) {
			if (setting_int64(cfg, s, &v, lit, sizeof(lit)) != 0)
				return ERR_INVALID;
			out->i = v;
		} else if (s || text == NULL) {
			return ERR_INVALID;
		} else {
			out->i = strtoll(text, &end, 10);
		}
		out->r = (double)out->i;
		break;
	case INTEGRA_REAL:
		if (s && t == CONFIG_TYPE_FLOAT) {
			out->r = config_setting_get_float(s);
		} else if (s && (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64)) {
			if (setting_int64(cfg, s, &v, lit, sizeof(lit)) != 0)
				return ERR_INVALID;
			out->r = (double)v;
		} else if (s || text == NULL) {
			return ERR_INVALID;
		} else {
			out->r = strtod(text, &end);
		}
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

/* What a value of type t must be, in words, for messages. */
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

/* Checks the value of a plugin's key k, set by s in group name: its type
 * and its declared range; an integer is read as written, in 64 bits. */
static int
check_value(struct ctx *ctx, const struct cfg *cfg, const char *name,
    const struct integra_config_key *k, const config_setting_t *s)
{
	struct integra_value v;
	char lit[32];
	long long i = 0;
	int t = config_setting_type(s);
	bool isint = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
	double x;

	if (isint && (k->type == INTEGRA_INTEGER || k->type == INTEGRA_REAL) &&
	    setting_int64(cfg, s, &i, lit, sizeof(lit)) != 0)
		return cfg_error(ctx, (struct cfg *)cfg, s,
		    "%s.%s = %s is out of range (a 64-bit integer)", name, k->name, lit);
	if (to_value(cfg, k, s, NULL, &v) != 0)
		return cfg_error(ctx, (struct cfg *)cfg, s, "'%s.%s' must be %s",
		    name, k->name, type_words(k->type));
	x = k->type == INTEGRA_INTEGER ? (double)v.i : v.r;
	if (k->type != INTEGRA_INTEGER)
		snprintf(lit, sizeof(lit), "%g", x);
	if ((k->type == INTEGRA_INTEGER || k->type == INTEGRA_REAL) &&
	    k->min < k->max && (x < k->min || x > k->max))
		return cfg_error(ctx, (struct cfg *)cfg, s,
		    "%s.%s = %s is out of range (%g..%g)", name, k->name, lit,
		    k->min, k->max);
	return 0;
}

/* Checks a plugin's group against the keys the plugin declared. */
int
cfg_group_check(struct ctx *ctx, const struct cfg *cfg, const char *name,
    const struct integra_config_key *keys)
{
	config_setting_t *grp = cfg_group(cfg, name), *s;
	const struct integra_config_key *k;
	struct buf known = { 0 };
	int i, rc = 0;

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
		rc = check_value(ctx, cfg, name, k, s);
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
	return to_value(cfg, k, s, k->def, out);
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
		    text_in_list(top_keys, config_setting_name(s)) ||
		    (known && text_in_list(known, config_setting_name(s))))
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
