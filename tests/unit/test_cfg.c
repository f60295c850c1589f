/*
 * Unit tests of cfg.c: embedded defaults, each core key's type and range,
 * unknown keys named with file and line, plugin groups, @include resolved
 * against the including file (nested, missing, line numbers of syntax
 * errors mapped back through includes), the look-up order of the
 * configuration file, and cfg_include.c on its own (the expanded text, its
 * line map, the files read, the depth limit).  Files live in a private
 * temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cfg_int.h"
#include "integra.h"

static char tmpdir[] = "/tmp/integra-test-cfg.XXXXXX";

/* Writes text to tmpdir/rel, creating the directories on the way. */
static char *
put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, rel), *p;
	FILE *fp;

	for (p = path + strlen(tmpdir) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	}
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Loads text; returns the code and leaves the message in ctx. */
static int
load(struct ctx *ctx, const char *text, struct cfg **out)
{
	memset(ctx, 0, sizeof(*ctx));
	*out = NULL;
	return cfg_load_string(ctx, text, "t.cfg", out);
}

/* Asserts that text is refused and that the message starts with want. */
static void
refused(const char *text, const char *want)
{
	struct ctx ctx;
	struct cfg *cfg;

	assert_int_equal(load(&ctx, text, &cfg), ERR_INVALID);
	assert_null(cfg);
	if (strncmp(ctx.errmsg, want, strlen(want)) != 0)
		fail_msg("message '%s' does not start with '%s'", ctx.errmsg, want);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	unsetenv("INTEGRA_CONFIG");
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void
test_cfg_defaults(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;
	const char *const *en;

	(void)state;
	assert_int_equal(load(&ctx, "", &cfg), 0);
	assert_string_equal(cfg_database(cfg), "/srv/data/integra/integra.db");
	assert_int_equal(cfg_busy_timeout(cfg), 5000);
	assert_int_equal(cfg_output_mode(cfg), 0640);
	assert_false(cfg_plugins_configured(cfg));
	assert_false(cfg_plugins_strict(cfg));
	assert_int_equal(cfg_plugins_enabled(cfg, &en), 0);
	assert_non_null(cfg_plugin_dir(cfg));
	assert_null(cfg_jobs(cfg));
	cfg_free(cfg);
}

static void
test_cfg_every_core_key(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;
	const char *const *en;

	(void)state;
	assert_int_equal(load(&ctx,
	    "database = \"/var/lib/integra/x.db\";\n"
	    "busy_timeout = 200;\n"
	    "output_mode = \"0600\";\n"
	    "plugins = { dir = \"/opt/p\"; enabled = [ \"decree\", \"exercises\" ];\n"
	    "  strict = true; };\n", &cfg), 0);
	assert_string_equal(cfg_database(cfg), "/var/lib/integra/x.db");
	assert_int_equal(cfg_busy_timeout(cfg), 200);
	assert_int_equal(cfg_output_mode(cfg), 0600);
	assert_string_equal(cfg_plugin_dir(cfg), "/opt/p");
	assert_true(cfg_plugins_configured(cfg));
	assert_true(cfg_plugins_strict(cfg));
	assert_int_equal(cfg_plugins_enabled(cfg, &en), 2);
	assert_string_equal(en[0], "decree");
	assert_string_equal(en[1], "exercises");
	assert_null(en[2]);
	cfg_free(cfg);
}

static void
test_cfg_unknown_key_names_file_line(void **state)
{
	(void)state;
	refused("database = \"/x.db\";\n\ncolour = \"red\";\n",
	    "t.cfg:3: unknown key 'colour'");
	refused("plugins = {\n  dir = \"/p\";\n  enable = [ \"x\" ];\n};\n",
	    "t.cfg:3: unknown key 'plugins.enable'");
}

static void
test_cfg_wrong_type(void **state)
{
	(void)state;
	refused("busy_timeout = \"soon\";\n", "t.cfg:1: 'busy_timeout' must be an integer");
	refused("\ndatabase = 5;\n", "t.cfg:2: 'database' must be a string");
	refused("database = \"\";\n", "t.cfg:1: 'database' must not be empty");
	refused("plugins = 1;\n", "t.cfg:1: 'plugins' must be a group");
	refused("plugins = { strict = \"yes\"; };\n", "t.cfg:1: 'plugins.strict' must be true or false");
	refused("plugins = { dir = 1; };\n", "t.cfg:1: 'plugins.dir' must be a string");
	refused("plugins = { enabled = \"decree\"; };\n",
	    "t.cfg:1: 'plugins.enabled' must be an array");
	refused("plugins = { enabled = [ \"Decree\" ]; };\n",
	    "t.cfg:1: 'plugins.enabled' element 1 must be a plugin name");
	refused("jobs = 1;\n", "t.cfg:1: 'jobs' must be a list");
}

static void
test_cfg_busy_timeout_range(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;

	(void)state;
	refused("busy_timeout = -1;\n", "t.cfg:1: busy_timeout = -1 is out of range");
	refused("busy_timeout = 3600001;\n", "t.cfg:1: busy_timeout = 3600001 is out of range");
	refused("busy_timeout = 99999999999L;\n", "t.cfg:1: busy_timeout = 99999999999 is out of range");
	/* libconfig 1.5 reads these with atoi(): 1, -1 and 1 again */
	refused("busy_timeout = 4294967297;\n", "t.cfg:1: busy_timeout = 4294967297 is out of range");
	refused("busy_timeout = 99999999999999999999;\n",
	    "t.cfg:1: busy_timeout = 99999999999999999999 is out of range");
	refused("busy_timeout = 0x100000001;\n", "t.cfg:1: busy_timeout = 0x100000001 is out of range");
	refused("database = \"x\"; busy_timeout\n  = 4294967297;\n",
	    "t.cfg:1: busy_timeout = 4294967297 is out of range");
	refused("database = \"busy_timeout = 1\"; busy_timeout = 4294967297;\n",
	    "t.cfg:1: busy_timeout = 4294967297 is out of range");
	refused("busy_timeout = 4294967297; // 1\n", "t.cfg:1: busy_timeout = 4294967297 is out of range");
	/* a comment or a string that looks like the setting is not it */
	assert_int_equal(load(&ctx, "/* busy_timeout = 99999999999999999999 */ "
	    "busy_timeout = 12; # busy_timeout = 4294967297\n", &cfg), 0);
	assert_int_equal(cfg_busy_timeout(cfg), 12);
	cfg_free(cfg);
	assert_int_equal(load(&ctx, "busy_timeout = 0x10;", &cfg), 0);
	assert_int_equal(cfg_busy_timeout(cfg), 16);
	cfg_free(cfg);
	assert_int_equal(load(&ctx, "busy_timeout = 0;", &cfg), 0);
	assert_int_equal(cfg_busy_timeout(cfg), 0);
	cfg_free(cfg);
	assert_int_equal(load(&ctx, "busy_timeout = 3600000;", &cfg), 0);
	assert_int_equal(cfg_busy_timeout(cfg), 3600000);
	cfg_free(cfg);
}

static void
test_cfg_output_mode(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;

	(void)state;
	assert_int_equal(load(&ctx, "output_mode = \"644\";", &cfg), 0);
	assert_int_equal(cfg_output_mode(cfg), 0644);
	cfg_free(cfg);
	refused("output_mode = 640;\n", "t.cfg:1: 'output_mode' must be an octal mode");
	refused("output_mode = \"0999\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	refused("output_mode = \"01777\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	refused("output_mode = \"\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	/* an export is data: no execute bit, nothing above 0666 */
	refused("output_mode = \"0777\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	refused("output_mode = \"0750\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	refused("output_mode = \"0641\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	refused("output_mode = \" 0640\";\n", "t.cfg:1: 'output_mode' must be an octal mode");
	assert_int_equal(load(&ctx, "output_mode = \"0666\";", &cfg), 0);
	assert_int_equal(cfg_output_mode(cfg), 0666);
	cfg_free(cfg);
}

static void
test_cfg_plugin_groups(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;

	(void)state;
	/* With no enabled list any group may belong to a plugin. */
	assert_int_equal(load(&ctx, "civil_service = { hours_per_credit = 30; };", &cfg), 0);
	assert_non_null(cfg_group(cfg, "civil_service"));
	assert_null(cfg_group(cfg, "exercises"));
	cfg_free(cfg);
	/* With one, only the enabled plugins' groups are accepted. */
	assert_int_equal(load(&ctx, "plugins = { enabled = [ \"civil_service\" ]; };\n"
	    "civil_service = { hours_per_credit = 30; };", &cfg), 0);
	cfg_free(cfg);
	refused("plugins = { enabled = [ \"decree\" ]; };\n"
	    "civil_service = { hours_per_credit = 30; };\n",
	    "t.cfg:2: unknown key 'civil_service' (not a core key, nor an enabled plugin's group)");
}

static void
test_cfg_plugins_enabled_empty(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;
	const char *const *en;

	(void)state;
	/* An empty list loads no plugin, and accepts no plugin group. */
	assert_int_equal(load(&ctx, "plugins = { enabled = [ ]; };", &cfg), 0);
	assert_true(cfg_plugins_configured(cfg));
	assert_int_equal(cfg_plugins_enabled(cfg, &en), 0);
	cfg_free(cfg);
	refused("plugins = { enabled = [ ]; };\ncivil_service = { hours_per_credit = 30; };\n",
	    "t.cfg:2: unknown key 'civil_service'");
}

static void
test_cfg_plugin_groups_any_order(void **state)
{
	(void)state;
	/* The group comes before the plugins group that rules it out. */
	refused("civil_service = { hours_per_credit = 30; };\n"
	    "plugins = { enabled = [ \"decree\" ]; };\n",
	    "t.cfg:1: unknown key 'civil_service'");
}

static void
test_cfg_plugins_enabled_twice(void **state)
{
	(void)state;
	refused("plugins = { enabled = [ \"decree\", \"exercises\", \"decree\" ]; };\n",
	    "t.cfg:1: 'plugins.enabled' names 'decree' twice");
}

static void
test_cfg_show_quotes_strings(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;
	char buf[4096] = "";
	FILE *fp;

	(void)state;
	assert_int_equal(load(&ctx, "database = \"/srv/a \\\"b\\\".db\";", &cfg), 0);
	assert_string_equal(cfg_database(cfg), "/srv/a \"b\".db");
	fp = fmemopen(buf, sizeof(buf) - 1, "w");
	ctx.out = fp;
	ctx.cfg = cfg;
	cfg_show(&ctx);
	fclose(fp);
	assert_non_null(strstr(buf, "database = \"/srv/a \\\"b\\\".db\";\t# t.cfg:1"));
	cfg_free(cfg);
}

static const struct integra_config_key keys[] = {
	{ "hours_per_credit", INTEGRA_INTEGER, 1, 100, "30", "hours in one credit" },
	{ "base_date", INTEGRA_DATE, 0, 0, "2021-07-23", "the decree's date" },
	{ "strict", INTEGRA_BOOLEAN, 0, 0, NULL, "refuse unknown codes" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static void
test_cfg_group_check(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;

	(void)state;
	assert_int_equal(load(&ctx, "cs = { hours_per_credit = 30; base_date = \"23.07.2021\"; };\n"
	    "bad1 = {\n  hours = 30;\n};\n"
	    "bad2 = { hours_per_credit = \"30\"; };\n"
	    "bad3 = { hours_per_credit = 0; };\n"
	    "bad4 = { base_date = \"2021-02-30\"; };\n", &cfg), 0);
	assert_int_equal(cfg_group_check(&ctx, cfg, "cs", keys), 0);
	assert_int_equal(cfg_group_check(&ctx, cfg, "absent", keys), 0);
	assert_int_equal(cfg_group_check(&ctx, cfg, "bad1", keys), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "t.cfg:3: unknown key 'bad1.hours' "
	    "(known: hours_per_credit, base_date, strict)");
	assert_int_equal(cfg_group_check(&ctx, cfg, "bad2", keys), ERR_INVALID);
	assert_string_equal(ctx.errmsg, "t.cfg:5: 'bad2.hours_per_credit' must be an integer");
	assert_int_equal(cfg_group_check(&ctx, cfg, "bad3", keys), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "t.cfg:6: bad3.hours_per_credit = 0 is out of range"));
	assert_int_equal(cfg_group_check(&ctx, cfg, "bad4", keys), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "t.cfg:7: 'bad4.base_date' must be a date"));
	cfg_free(cfg);
	/* a plugin's integer is read in 64 bits, as written */
	assert_int_equal(load(&ctx, "b5 = { hours_per_credit = 4294967326; };\n"
	    "b6 = { hours_per_credit = 99999999999999999999; };\n", &cfg), 0);
	assert_int_equal(cfg_group_check(&ctx, cfg, "b5", keys), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "t.cfg:1: b5.hours_per_credit = 4294967326 is out of range"));
	assert_int_equal(cfg_group_check(&ctx, cfg, "b6", keys), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg,
	    "t.cfg:2: b6.hours_per_credit = 99999999999999999999 is out of range"));
	cfg_free(cfg);
}

static void
test_cfg_group_lookup(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;
	struct integra_value v;
	const char *src;

	(void)state;
	assert_int_equal(load(&ctx, "cs = { hours_per_credit = 25; };", &cfg), 0);
	assert_int_equal(cfg_group_lookup(cfg, "cs", keys, "hours_per_credit", &v, &src), 0);
	assert_int_equal(v.i, 25);
	assert_string_equal(src, "file");
	assert_int_equal(cfg_group_lookup(cfg, "cs", keys, "base_date", &v, &src), 0);
	assert_string_equal(v.s, "2021-07-23");
	assert_string_equal(src, "default");
	assert_int_equal(cfg_group_lookup(cfg, "cs", keys, "strict", &v, &src), ERR_NOTFOUND);
	assert_int_equal(cfg_group_lookup(cfg, "cs", keys, "nope", &v, &src), ERR_NOTFOUND);
	cfg_free(cfg);
}

static void
test_cfg_jobs_list(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;

	(void)state;
	assert_int_equal(load(&ctx, "jobs = ( { name = \"weekly\"; report = \"coverage\"; } );",
	    &cfg), 0);
	assert_non_null(cfg_jobs(cfg));
	cfg_free(cfg);
}

static void
test_cfg_syntax_error_line(void **state)
{
	(void)state;
	refused("database = \"/x.db\";\nbusy_timeout = ;\n", "t.cfg:2: ");
	refused("a = { b = 1;\n\n\n", "t.cfg:");
}

static void
test_cfg_include_relative_to_including_file(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg *cfg = NULL;
	char *main_cfg, buf[4096] = "";
	FILE *fp;

	(void)state;
	main_cfg = put("etc/integra.cfg", "# main\n@include \"../shared/core.cfg\"\n"
	    "output_mode = \"0600\";\n");
	free(put("shared/core.cfg", "busy_timeout = 100;\n@include \"db.cfg\"\n"));
	free(put("shared/db.cfg", "\n\ndatabase = \"/srv/x.db\";\n"));
	/* The test runs elsewhere: the paths must not depend on the cwd. */
	assert_int_equal(cfg_load_file(&ctx, main_cfg, &cfg), 0);
	assert_int_equal(cfg_busy_timeout(cfg), 100);
	assert_string_equal(cfg_database(cfg), "/srv/x.db");
	assert_int_equal(cfg_output_mode(cfg), 0600);
	fp = fmemopen(buf, sizeof(buf) - 1, "w");
	ctx.out = fp;
	ctx.cfg = cfg;
	assert_int_equal(cfg_show(&ctx), 0);
	fclose(fp);
	/* Each value names the file and line it came from. */
	assert_non_null(strstr(buf, "shared/db.cfg:3"));
	assert_non_null(strstr(buf, "shared/core.cfg:1"));
	assert_non_null(strstr(buf, "etc/integra.cfg:3"));
	assert_non_null(strstr(buf, "# included: "));
	cfg_free(cfg);
	free(main_cfg);
}

static void
test_cfg_include_missing(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg *cfg = NULL;
	char *path, *want;

	(void)state;
	path = put("missing/integra.cfg", "busy_timeout = 1;\n@include \"nope.cfg\"\n");
	assert_int_equal(cfg_load_file(&ctx, path, &cfg), ERR_FAIL);
	assert_null(cfg);
	want = xasprintf("%s:2: cannot include '%s/missing/nope.cfg': No such file or directory",
	    path, tmpdir);
	assert_string_equal(ctx.errmsg, want);
	free(want);
	free(path);
}

static void
test_cfg_include_loop(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg *cfg = NULL;
	char *path;

	(void)state;
	path = put("loop/self.cfg", "@include \"self.cfg\"\n");
	assert_int_equal(cfg_load_file(&ctx, path, &cfg), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "@include nested more than"));
	free(path);
}

static void
test_cfg_include_errors_map_lines(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg *cfg = NULL;
	char *path, *inc, *want;

	(void)state;
	/* A syntax error inside the included file names that file. */
	path = put("map1/main.cfg", "busy_timeout = 1;\n@include \"inc.cfg\"\noutput_mode = \"0600\";\n");
	inc = put("map1/inc.cfg", "database = \"/x.db\";\nplugins = { dir = ; };\n");
	assert_int_equal(cfg_load_file(&ctx, path, &cfg), ERR_INVALID);
	want = xasprintf("%s:2: ", inc);
	assert_memory_equal(ctx.errmsg, want, strlen(want));
	free(want);
	free(inc);
	free(path);
	/* One after the include names the main file's own line. */
	path = put("map2/main.cfg", "@include \"inc.cfg\"\n\nbusy_timeout = ;\n");
	free(put("map2/inc.cfg", "a = {\n};\nb = {\n};\n"));
	assert_int_equal(cfg_load_file(&ctx, path, &cfg), ERR_INVALID);
	want = xasprintf("%s:3: ", path);
	assert_memory_equal(ctx.errmsg, want, strlen(want));
	free(want);
	free(path);
	/* So does an unknown key in a nested include. */
	path = put("map3/main.cfg", "\n@include \"sub/a.cfg\"\n");
	free(put("map3/sub/a.cfg", "\n@include \"b.cfg\"\n"));
	inc = put("map3/sub/b.cfg", "\n\n\ncolour = 1;\n");
	assert_int_equal(cfg_load_file(&ctx, path, &cfg), ERR_INVALID);
	want = xasprintf("%s:4: unknown key 'colour'", inc);
	assert_memory_equal(ctx.errmsg, want, strlen(want));
	free(want);
	free(inc);
	free(path);
}

static void
test_cfg_missing_file_given(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg *cfg = NULL;

	(void)state;
	ctx.cfg_opt = "/nonexistent/integra.cfg";
	assert_int_equal(cfg_load(&ctx, &cfg), ERR_FAIL);
	assert_null(cfg);
	assert_string_equal(ctx.errmsg, "cannot read configuration "
	    "'/nonexistent/integra.cfg': No such file or directory");
}

/* Loads through the look-up order and returns the busy_timeout found. */
static int
timeout_found(const char *opt)
{
	struct ctx ctx = { 0 };
	struct cfg *cfg = NULL;
	int t;

	ctx.cfg_opt = opt;
	assert_int_equal(cfg_load(&ctx, &cfg), 0);
	t = cfg_busy_timeout(cfg);
	cfg_free(cfg);
	return t;
}

static void
test_cfg_lookup_order(void **state)
{
	char *opt, *env, *xdg, *xdgdir;

	(void)state;
	opt = put("order/opt.cfg", "busy_timeout = 1;\n");
	env = put("order/env.cfg", "busy_timeout = 2;\n");
	xdg = put("order/xdg/integra/integra.cfg", "busy_timeout = 3;\n");
	xdgdir = xasprintf("%s/order/xdg", tmpdir);
	setenv("XDG_CONFIG_HOME", xdgdir, 1);
	setenv("INTEGRA_CONFIG", env, 1);
	assert_int_equal(timeout_found(opt), 1);
	assert_int_equal(timeout_found(NULL), 2);
	unsetenv("INTEGRA_CONFIG");
	assert_int_equal(timeout_found(NULL), 3);
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	if (access("/etc/integra/integra.cfg", F_OK) != 0)
		assert_int_equal(timeout_found(NULL), 5000);
	unsetenv("XDG_CONFIG_HOME");
	free(opt);
	free(env);
	free(xdg);
	free(xdgdir);
}

static void
test_cfg_set_database_source(void **state)
{
	struct ctx ctx;
	struct cfg *cfg;
	char buf[4096] = "";
	FILE *fp;

	(void)state;
	assert_int_equal(load(&ctx, "database = \"/a.db\";", &cfg), 0);
	cfg_set_database(cfg, "/b.db", CFG_OPTION);
	assert_string_equal(cfg_database(cfg), "/b.db");
	fp = fmemopen(buf, sizeof(buf) - 1, "w");
	ctx.out = fp;
	ctx.cfg = cfg;
	cfg_show(&ctx);
	fclose(fp);
	assert_non_null(strstr(buf, "database = \"/b.db\";\t# -d option"));
	cfg_free(cfg);
}

/* Asserts that line of the expanded text maps to tmpdir/rel:fline. */
static void
maps_to(const struct cfg_include *inc, int line, const char *rel, int fline)
{
	char *got = cfg_include_where(inc, line);
	char *want = xasprintf("%s/%s:%d", tmpdir, rel, fline);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

/* Asserts that expanding the file tmpdir/rel fails with code and the
 * message want. */
static void
include_refused(const char *rel, int code, const char *want)
{
	struct ctx ctx = { 0 };
	struct cfg_include *inc = NULL;
	char *path = xasprintf("%s/%s", tmpdir, rel);

	assert_int_equal(cfg_include_read(&ctx, path, &inc), code);
	assert_null(inc);
	assert_string_equal(ctx.errmsg, want);
	free(path);
}

/* Writes dir/f0.cfg .. dir/fN.cfg, each including the next on its second
 * line, the last holding one setting. */
static void
put_chain(const char *dir, int n)
{
	char rel[64], body[64];
	int i;

	for (i = 0; i <= n; i++) {
		snprintf(rel, sizeof(rel), "%s/f%d.cfg", dir, i);
		snprintf(body, sizeof(body), "\n@include \"f%d.cfg\"\n", i + 1);
		free(put(rel, i < n ? body : "k = 1;\n"));
	}
}

static void
test_cfg_include_nested(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg_include *inc = NULL;
	const char *const *files;
	char *path;

	(void)state;
	path = put("nest/main.cfg", "a = 1;\n  @include \"one.cfg\"\nz = 26;");
	free(put("nest/one.cfg", "b = 2;\n@include\t\"two.cfg\"\nc = 3;\n"));
	free(put("nest/two.cfg", "d = 4;\n"));
	assert_int_equal(cfg_include_read(&ctx, path, &inc), 0);
	/* Include lines give way to the files; the last line gets its
	 * newline. */
	assert_string_equal(cfg_include_text(inc),
	    "a = 1;\nb = 2;\nd = 4;\nc = 3;\nz = 26;\n");
	maps_to(inc, 1, "nest/main.cfg", 1);
	maps_to(inc, 2, "nest/one.cfg", 1);
	maps_to(inc, 3, "nest/two.cfg", 1);
	maps_to(inc, 4, "nest/one.cfg", 3);
	maps_to(inc, 5, "nest/main.cfg", 3);
	assert_null(cfg_include_where(inc, 0));
	assert_null(cfg_include_where(inc, 6));
	assert_null(cfg_include_where(NULL, 1));
	assert_int_equal(cfg_include_files(inc, &files), 3);
	assert_string_equal(files[0], path);
	assert_non_null(strstr(files[1], "nest/one.cfg"));
	assert_non_null(strstr(files[2], "nest/two.cfg"));
	assert_int_equal(cfg_include_files(NULL, &files), 0);
	cfg_include_free(inc);
	free(path);
}

static void
test_cfg_include_against_including_file(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg_include *inc = NULL;
	char *path, *cwd = getcwd(NULL, 0), *dir, *abs, *text, *w;

	(void)state;
	/* Run from rel/, where a leaf.cfg of its own stands: the include in
	 * b/mid.cfg still takes b/leaf.cfg. */
	path = put("rel/a/main.cfg", "@include \"../b/mid.cfg\"\n");
	free(put("rel/b/mid.cfg", "@include \"leaf.cfg\"\n"));
	free(put("rel/b/leaf.cfg", "x = \"b\";\n"));
	free(put("rel/leaf.cfg", "x = \"cwd\";\n"));
	dir = xasprintf("%s/rel", tmpdir);
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(cfg_include_read(&ctx, path, &inc), 0);
	assert_string_equal(cfg_include_text(inc), "x = \"b\";\n");
	maps_to(inc, 1, "rel/a/../b/leaf.cfg", 1);
	cfg_include_free(inc);
	/* Text from a name with no directory resolves against the working
	 * directory; an absolute include stands as it is. */
	abs = xasprintf("%s/rel/b/leaf.cfg", tmpdir);
	text = xasprintf("@include \"leaf.cfg\"\n@include \"%s\"\n", abs);
	assert_int_equal(cfg_include_expand(&ctx, "t.cfg", text, strlen(text),
	    &inc), 0);
	assert_string_equal(cfg_include_text(inc), "x = \"cwd\";\nx = \"b\";\n");
	w = cfg_include_where(inc, 1);
	assert_string_equal(w, "./leaf.cfg:1");
	free(w);
	maps_to(inc, 2, "rel/b/leaf.cfg", 1);
	cfg_include_free(inc);
	assert_int_equal(chdir(cwd), 0);
	free(text);
	free(abs);
	free(dir);
	free(cwd);
	free(path);
}

static void
test_cfg_include_depth_and_cycle(void **state)
{
	struct ctx ctx = { 0 };
	struct cfg_include *inc = NULL;
	char *path, *want;

	(void)state;
	/* Ten levels below the main file are read... */
	put_chain("deep10", 10);
	path = xasprintf("%s/deep10/f0.cfg", tmpdir);
	assert_int_equal(cfg_include_read(&ctx, path, &inc), 0);
	assert_string_equal(cfg_include_text(inc), "\n\n\n\n\n\n\n\n\n\nk = 1;\n");
	maps_to(inc, 11, "deep10/f10.cfg", 1);
	cfg_include_free(inc);
	free(path);
	/* ...an eleventh is not, and the include that asks for it is named. */
	put_chain("deep11", 11);
	want = xasprintf("%s/deep11/f10.cfg:2: @include nested more than 10 deep",
	    tmpdir);
	include_refused("deep11/f0.cfg", ERR_INVALID, want);
	free(want);
	/* A cycle ends at the same limit. */
	free(put("cycle/a.cfg", "a = 1;\n@include \"b.cfg\"\n"));
	free(put("cycle/b.cfg", "\n\n@include \"a.cfg\"\n"));
	want = xasprintf("%s/cycle/a.cfg:2: @include nested more than 10 deep",
	    tmpdir);
	include_refused("cycle/a.cfg", ERR_INVALID, want);
	free(want);
}

static void
test_cfg_include_missing_named(void **state)
{
	char *want;

	(void)state;
	/* The include that names a missing file is named, in its own file. */
	free(put("gone/main.cfg", "@include \"sub/mid.cfg\"\n"));
	free(put("gone/sub/mid.cfg", "a = 1;\n\n@include \"nope.cfg\"\n"));
	want = xasprintf("%s/gone/sub/mid.cfg:3: cannot include "
	    "'%s/gone/sub/nope.cfg': No such file or directory", tmpdir, tmpdir);
	include_refused("gone/main.cfg", ERR_FAIL, want);
	free(want);
	/* Only regular files of at most 1 MiB: a device would never end. */
	free(put("dev/main.cfg", "a = 1;\n@include \"/dev/zero\"\n"));
	want = xasprintf("%s/dev/main.cfg:2: cannot include '/dev/zero': a character device "
	    "(expected a regular file of at most 1 MiB)", tmpdir);
	include_refused("dev/main.cfg", ERR_FAIL, want);
	free(want);
	/* So is a main file that cannot be read. */
	want = xasprintf("cannot read configuration '%s/gone/none.cfg': "
	    "No such file or directory", tmpdir);
	include_refused("gone/none.cfg", ERR_FAIL, want);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfg_defaults),
		cmocka_unit_test(test_cfg_every_core_key),
		cmocka_unit_test(test_cfg_unknown_key_names_file_line),
		cmocka_unit_test(test_cfg_wrong_type),
		cmocka_unit_test(test_cfg_busy_timeout_range),
		cmocka_unit_test(test_cfg_output_mode),
		cmocka_unit_test(test_cfg_plugin_groups),
		cmocka_unit_test(test_cfg_plugins_enabled_empty),
		cmocka_unit_test(test_cfg_plugin_groups_any_order),
		cmocka_unit_test(test_cfg_plugins_enabled_twice),
		cmocka_unit_test(test_cfg_show_quotes_strings),
		cmocka_unit_test(test_cfg_group_check),
		cmocka_unit_test(test_cfg_group_lookup),
		cmocka_unit_test(test_cfg_jobs_list),
		cmocka_unit_test(test_cfg_syntax_error_line),
		cmocka_unit_test(test_cfg_include_relative_to_including_file),
		cmocka_unit_test(test_cfg_include_missing),
		cmocka_unit_test(test_cfg_include_loop),
		cmocka_unit_test(test_cfg_include_errors_map_lines),
		cmocka_unit_test(test_cfg_missing_file_given),
		cmocka_unit_test(test_cfg_lookup_order),
		cmocka_unit_test(test_cfg_set_database_source),
		cmocka_unit_test(test_cfg_include_nested),
		cmocka_unit_test(test_cfg_include_against_including_file),
		cmocka_unit_test(test_cfg_include_depth_and_cycle),
		cmocka_unit_test(test_cfg_include_missing_named),
	};

	return cmocka_run_group_tests_name("cfg", tests, setup, teardown);
}
