/*
 * Unit tests of the loader (plugin.c) and the host table (plugin_api.c):
 * loading the fixture plugins once, refusals of the broken fixtures,
 * strict mode, formats, migrations and schema checks on an in-memory
 * database, writes confined to the plugin's own tables, read-only
 * queries, and shutdown at unload.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "plugin_fixture.h"

static void
test_plugin_load_once(void **state)
{
	struct ctx ctx;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"good\", \"other\"", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(plugins_count(&ctx), 2);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(plugins_count(&ctx), 2);
	assert_string_equal(plugins_get(&ctx, 0)->name, "good");
	assert_string_equal(plugins_get(&ctx, 1)->name, "other");
	assert_null(plugins_get(&ctx, 2));
	assert_string_equal(plugins_area(&ctx, "testing")->name, "good");
	assert_null(plugins_area(&ctx, "good"));
	assert_non_null(plugins_host(&ctx, plugins_get(&ctx, 0)));
	fixture_release(&ctx);
}

static void
test_plugin_refusals(void **state)
{
	static const struct {
		const char *file;
		const char *msg;
	} cases[] = {
		{ "wrong_magic", "refused: magic: expected 0x494e5447, found 0x12345678" },
		{ "wrong_major", "refused: ABI major version: expected 1, found 2" },
		{ "newer_minor", "refused: ABI minor version: expected at most 1, found 6" },
		{ "small_size", "refused: descriptor size: expected at least" },
		{ "bad_fields", "refused: field 'kind': enum values: expected at least one, found none" },
		{ "no_symbol", "refused: not an integra plugin: no symbol 'integra_plugin'" },
	};
	const struct integra_plugin *p;
	struct ctx ctx = { 0 };
	char *dir = fixture_dir(), *path;
	void *dl;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		path = xasprintf("%s/%s.so", dir, cases[i].file);
		assert_int_equal(plugins_open_file(&ctx, path, &dl, &p), ERR_INVALID);
		assert_null(dl);
		assert_null(p);
		assert_non_null(strstr(ctx.errmsg, path));
		assert_non_null(strstr(ctx.errmsg, cases[i].msg));
		free(path);
	}
	path = xasprintf("%s/good.so", dir);
	assert_int_equal(plugins_open_file(&ctx, path, &dl, &p), 0);
	assert_string_equal(p->name, "good");
	dlclose(dl);
	free(path);
	free(dir);
}

static void
test_plugin_failing_init(void **state)
{
	char *dir = fixture_dir(), *text;
	struct ctx ctx;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"failing_init\", \"good\"", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(plugins_count(&ctx), 1);
	assert_null(plugins_area(&ctx, "failing"));
	fixture_release(&ctx);

	assert_int_equal(fixture_ctx(&ctx, "\"good\"", NULL), 0);
	cfg_free(ctx.cfg);
	text = xasprintf("plugins = { dir = \"%s\"; strict = true; "
	    "enabled = [ \"good\", \"failing_init\" ]; };", dir);
	assert_int_equal(cfg_load_string(&ctx, text, "strict.cfg", &ctx.cfg), 0);
	free(text);
	free(dir);
	assert_int_equal(plugins_load(&ctx), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "refused: init failed: cannot reach the "
	    "registry at example.org"));
	fixture_release(&ctx);
}

static void
test_plugin_formats(void **state)
{
	struct ctx ctx;
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"good\"", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	assert_non_null(plugins_format(&ctx, "lines"));
	assert_null(plugins_format(&ctx, "xlsx"));
	plugins_format_names(&ctx, &b);
	assert_string_equal(b.s, "lines");
	buf_release(&b);
	fixture_release(&ctx);
}

static void
test_plugin_migrate_and_check(void **state)
{
	struct ctx ctx;
	int64_t n = 0;
	int v;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"good\"", NULL), 0);
	ctx.out = fopen("/dev/null", "w");
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(fixture_db(&ctx), 0);
	assert_int_equal(plugins_check_schema(&ctx), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "run 'integra init'"));
	assert_int_equal(plugins_migrate(&ctx), 0);
	assert_int_equal(db_schema_version(&ctx, "good", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_query_int(&ctx, &n, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'good_note'", ""), 0);
	assert_int_equal(n, 1);
	assert_int_equal(plugins_check_schema(&ctx), 0);
	assert_int_equal(plugins_migrate(&ctx), 0);
	assert_int_equal(db_set_version(&ctx, "good", 9), 0);
	assert_int_equal(plugins_migrate(&ctx), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "refusing to downgrade"));
	fclose(ctx.out);
	fixture_release(&ctx);
}

static int
count_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	int64_t *n = ud;

	assert_int_equal(ncols, 1);
	assert_int_equal(cols[0].type, INTEGRA_INTEGER);
	*n = cols[0].i;
	return 0;
}

static void
test_plugin_api_confined(void **state)
{
	const struct integra_host *h;
	struct integra_value v = { .type = INTEGRA_TEXT, .s = "x", .n = 1 };
	struct ctx ctx;
	int64_t n = -1;

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"good\"", NULL), 0);
	ctx.out = fopen("/dev/null", "w");
	assert_int_equal(plugins_load(&ctx), 0);
	assert_int_equal(fixture_db(&ctx), 0);
	assert_int_equal(plugins_migrate(&ctx), 0);
	h = plugins_host(&ctx, plugins_area(&ctx, "testing"));
	assert_int_equal(plugin_api.size, sizeof(struct integra_api));
	assert_int_equal(plugin_api.abi_major, INTEGRA_ABI_MAJOR);

	/* exec only inside a write transaction, and only on good_* tables */
	assert_int_equal(plugin_api.exec(h, "INSERT INTO good_note (text) VALUES (?1)",
	    &v, 1, NULL), ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "inside a write transaction"));
	assert_int_equal(db_begin(&ctx), 0);
	assert_int_equal(plugin_api.exec(h, "INSERT INTO good_note (text) VALUES (?1)",
	    &v, 1, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(plugin_api.exec(h, "DELETE FROM programme", NULL, 0, NULL),
	    ERR_FAIL);
	assert_non_null(strstr(ctx.errmsg, "not 'programme'"));
	assert_int_equal(plugin_api.exec(h, "CREATE TABLE evil (x)", NULL, 0, NULL),
	    ERR_FAIL);
	n = -1;
	assert_int_equal(plugin_api.exec(h, "CREATE TABLE good_more (x)", NULL, 0, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_commit(&ctx), 0);

	/* query is read-only */
	assert_int_equal(plugin_api.query(h, "SELECT count(*) FROM good_note", NULL, 0,
	    count_row, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(plugin_api.query(h, "DELETE FROM good_note", NULL, 0, NULL,
	    NULL), ERR_FAIL);
	fclose(ctx.out);
	fixture_release(&ctx);
}

static void
test_plugin_api_config_and_dates(void **state)
{
	const struct integra_host *h;
	struct ctx ctx;
	const char *label;
	int64_t max;
	double r;
	char d[11];

	(void)state;
	assert_int_equal(fixture_ctx(&ctx, "\"good\"", "good = { max_seats = 40; };"), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	h = plugins_host(&ctx, plugins_get(&ctx, 0));
	assert_int_equal(plugin_api.config_int(h, "max_seats", &max), 0);
	assert_int_equal(max, 40);
	assert_int_equal(plugin_api.config_real(h, "max_seats", &r), 0);
	assert_true(r == 40.0);
	assert_int_equal(plugin_api.config_text(h, "label", &label), 0);
	assert_string_equal(label, "Good");
	assert_int_equal(plugin_api.config_int(h, "label", &max), ERR_INVALID);
	assert_int_equal(plugin_api.config_int(h, "nosuch", &max), ERR_NOTFOUND);
	assert_int_equal(plugin_api.parse_date(h, "23.07.2021", d), 0);
	assert_string_equal(d, "2021-07-23");
	assert_int_equal(plugin_api.parse_date(h, "31.02.2021", d), ERR_INVALID);
	ctx.as_of = "2022-01-23";
	plugin_api.today(h, d);
	assert_string_equal(d, "2022-01-23");
	assert_int_equal(plugin_api.error(h, 5, "odd code"), INTEGRA_EFAIL);
	fixture_release(&ctx);
}

static void
test_plugin_shutdown_on_unload(void **state)
{
	char path[] = "/tmp/integra-shutdown-XXXXXX", buf[32] = "";
	struct ctx ctx;
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	setenv("GOOD_SHUTDOWN_MARK", path, 1);
	assert_int_equal(fixture_ctx(&ctx, "\"good\"", NULL), 0);
	assert_int_equal(plugins_load(&ctx), 0);
	fixture_release(&ctx);
	unsetenv("GOOD_SHUTDOWN_MARK");
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	unlink(path);
	assert_string_equal(buf, "shutdown\n");
	assert_null(ctx.plugins);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plugin_load_once),
		cmocka_unit_test(test_plugin_refusals),
		cmocka_unit_test(test_plugin_failing_init),
		cmocka_unit_test(test_plugin_formats),
		cmocka_unit_test(test_plugin_migrate_and_check),
		cmocka_unit_test(test_plugin_api_confined),
		cmocka_unit_test(test_plugin_api_config_and_dates),
		cmocka_unit_test(test_plugin_shutdown_on_unload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
