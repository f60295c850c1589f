/*
 * Unit tests of the language of the messages (core/i18n.c, core/labels.c)
 * and of the loading of ABI 1.0 plugins (core/plugin_compat.c): dates as
 * the language writes them, the language key's names, look-ups in a
 * context, column labels and enumeration names in English and Ukrainian
 * (the catalog the build made, beside the binary's directory), and a 1.0
 * descriptor with 1.0-stride tables converted to the current layout.
 */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integra.h"
#include "labels.h"
#include "plugin_host.h"
#include "../fixtures/abi_1_0.h"

/* Points the catalogs at $BUILD/locale (this binary is $BUILD/tests/x). */
static int
setup(void **state)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	(void)state;
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	snprintf(dir, sizeof(dir), "%s/../locale", dirname(exe));
	setenv("INTEGRA_LOCALEDIR", dir, 1);
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "C", 1);
	i18n_init();
	return 0;
}

static void
test_date_english(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(i18n_language("C"), 0);
	assert_true(i18n_date("2021-07-23", 10, out));
	assert_string_equal(out, "2021-07-23");
	assert_false(i18n_date("2021-13-01", 10, out));
	assert_false(i18n_date("23.07.2021", 10, out));
	assert_false(i18n_date("2021-07-2", 9, out));
	assert_false(i18n_date("2021-07-23 10:00", 16, out));
	assert_false(i18n_date(NULL, 0, out));
}

static void
test_language_names(void **state)
{
	(void)state;
	assert_int_equal(i18n_language("у"), -1);
	assert_int_equal(i18n_language("ukrainian"), -1);
	assert_int_equal(i18n_language("u"), -1);
	assert_int_equal(i18n_language("uk_ua"), -1);
	assert_int_equal(i18n_language(""), -1);
	assert_int_equal(i18n_language(NULL), -1);
	assert_int_equal(i18n_language("uk_UA.UTF-8"), 0);
	assert_int_equal(i18n_language("en"), 0);
	assert_int_equal(i18n_language("POSIX"), 0);
}

static void
test_ukrainian(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(i18n_language("uk"), 0);
	assert_true(i18n_date("2021-07-23", 10, out));
	assert_string_equal(out, "23.07.2021");
	assert_string_equal(i18n_pgettext("status", "completed"), "завершено");
	assert_string_equal(label_name(NULL, "code"), "Код");
	assert_string_equal(label_value(NULL, "kind", "oblast-administration", 0),
	    "обласна адміністрація");
	/* n bytes of a longer text: only the value counts */
	assert_string_equal(label_value(NULL, "status", "failedXYZ", 6), "не завершив");
	assert_string_equal(_("no command given"), "не задано команду");
	assert_string_equal(ngettext("row", "rows", 1), "рядок");
	assert_string_equal(ngettext("row", "rows", 3), "рядки");
	assert_string_equal(ngettext("row", "rows", 5), "рядків");
	assert_string_equal(ngettext("row", "rows", 11), "рядків");
	assert_string_equal(ngettext("row", "rows", 21), "рядок");
	assert_string_equal(ngettext("row", "rows", 22), "рядки");
	/* what is not in a table is never translated */
	assert_string_equal(label_value(NULL, "title", "completed", 0), "completed");
	assert_string_equal(label_name(NULL, "no_such_column"), "no_such_column");
	assert_string_equal(i18n_text(""), "");
	assert_null(i18n_text(NULL));
	assert_string_equal(i18n_dgettext(NULL, "no command given"), "no command given");
}

static void
test_english_identifiers(void **state)
{
	(void)state;
	assert_int_equal(i18n_language("en"), 0);
	assert_string_equal(label_name(NULL, "code"), "code");
	assert_string_equal(label_value(NULL, "kind", "oblast-administration", 0),
	    "oblast-administration");
	assert_string_equal(_("no command given"), "no command given");
	assert_string_equal(ngettext("row", "rows", 1), "row");
	assert_string_equal(ngettext("row", "rows", 2), "rows");
}

/* Writes n bytes (0: all) of the build's Ukrainian catalog, the word at
 * `at` replaced by w when at is not -1, as DIR/uk/LC_MESSAGES/t.mo. */
static void
write_catalog(const char *dir, size_t n, long at, uint32_t w)
{
	char path[PATH_MAX];
	unsigned char buf[1 << 20];
	FILE *fp;
	size_t got;

	snprintf(path, sizeof(path), "%s/uk/LC_MESSAGES/integra.mo", getenv("INTEGRA_LOCALEDIR"));
	assert_non_null(fp = fopen(path, "rb"));
	got = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_true(got > 64 && got < sizeof(buf));
	if (at >= 0)
		memcpy(buf + at, &w, sizeof(w));
	snprintf(path, sizeof(path), "mkdir -p %s/uk/LC_MESSAGES", dir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof(path), "%s/uk/LC_MESSAGES/t.mo", dir);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(buf, 1, n ? n : got, fp), n ? n : got);
	fclose(fp);
}

/* A catalog gettext would read past its end counts as broken. */
static void
test_catalog_checks(void **state)
{
	char dir[] = "/tmp/test_i18n.XXXXXX", path_rm[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(i18n_language("uk"), 0);
	assert_true(i18n_catalogs_sane(dir, "t"));	/* absent */
	write_catalog(dir, 0, -1, 0);
	assert_true(i18n_catalogs_sane(dir, "t"));	/* whole */
	write_catalog(dir, 64, -1, 0);
	assert_false(i18n_catalogs_sane(dir, "t"));	/* truncated */
	write_catalog(dir, 0, 12, 0x7fffffff);
	assert_false(i18n_catalogs_sane(dir, "t"));	/* table offset outside */
	write_catalog(dir, 0, 8, 0x10000000);
	assert_false(i18n_catalogs_sane(dir, "t"));	/* too many strings */
	write_catalog(dir, 0, 0, 0x12345678);
	assert_false(i18n_catalogs_sane(dir, "t"));	/* not a catalog */
	write_catalog(dir, 0, 4, 7);
	assert_false(i18n_catalogs_sane(dir, "t"));	/* an unknown revision */
	assert_int_equal(i18n_language("C"), 0);
	setlocale(LC_MESSAGES, "C");
	assert_true(i18n_catalogs_sane(dir, "t"));	/* English reads none */
	snprintf(path_rm, sizeof(path_rm), "rm -rf %s", dir);
	assert_int_equal(system(path_rm), 0);
}

/* A plugin as built against ABI 1.0. */
static const char *const grades[] = { "low", "high", NULL };
static const struct integra_field_1_0 old_fields[] = {
	{ .name = "grade", .label = "Grade", .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM, .values = grades, .help = "how demanding" },
	{ .name = "hours_min", .label = "Minimum hours",
	  .record = INTEGRA_RECORD_PROGRAMME, .type = INTEGRA_INTEGER,
	  .flags = INTEGRA_FIELD_BOUNDED, .min = 1, .max = 40, .help = "at least" },
	{ .name = "mark", .record = INTEGRA_RECORD_PARTICIPATION,
	  .type = INTEGRA_REAL, .max = 12 },
	{ .name = NULL }
};
static const struct integra_column_1_0 old_columns[] = {
	{ .name = "grade", .type = INTEGRA_TEXT },
	{ .name = "programmes", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL },
	{ .name = "hours", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_MEASURE },
	{ NULL }
};
static const struct integra_report old_reports[] = {
	{ "a", "A", "first", NULL, NULL },
	{ "b", "B", "second", NULL, (const struct integra_column *)(const void *)old_columns },
	{ NULL }
};
static const struct integra_plugin_1_0 old = {
	.magic = INTEGRA_PLUGIN_MAGIC, .abi_major = 1, .abi_minor = 0,
	.size = sizeof(struct integra_plugin_1_0), .name = "old", .version = "1",
	.area = "old", .fields = old_fields, .reports = old_reports,
};

static void
test_compat_1_0(void **state)
{
	const struct integra_plugin *p;
	static int dl;

	(void)state;
	p = plugin_compat(&dl, (const struct integra_plugin *)(const void *)&old);
	assert_ptr_not_equal(p, (const void *)&old);
	assert_int_equal(p->abi_minor, 0);
	assert_string_equal(p->name, "old");
	assert_null(p->textdomain);
	assert_null(p->localedir);
	assert_string_equal(p->fields[1].name, "hours_min");
	assert_string_equal(p->fields[1].label, "Minimum hours");
	assert_int_equal(p->fields[1].flags, INTEGRA_FIELD_BOUNDED);
	assert_true(p->fields[1].max == 40);
	assert_string_equal(p->fields[1].help, "at least");
	assert_null(p->fields[1].value_labels);
	assert_string_equal(p->fields[2].name, "mark");
	assert_int_equal(p->fields[2].record, INTEGRA_RECORD_PARTICIPATION);
	assert_null(p->fields[3].name);
	assert_null(p->reports[0].columns);
	assert_string_equal(p->reports[1].summary, "second");
	assert_string_equal(p->reports[1].columns[1].name, "programmes");
	assert_int_equal(p->reports[1].columns[1].flags, INTEGRA_COLUMN_TOTAL);
	assert_string_equal(p->reports[1].columns[2].name, "hours");
	assert_int_equal(p->reports[1].columns[2].type, INTEGRA_INTEGER);
	assert_null(p->reports[1].columns[2].label);
	assert_int_equal(p->reports[1].columns[2].total, INTEGRA_TOTAL_DEFAULT);
	assert_null(p->reports[1].columns[3].name);
	assert_null(p->reports[2].name);
	plugin_compat_release(&dl);
}

/* A current plugin is its own descriptor. */
static void
test_compat_current(void **state)
{
	static const struct integra_plugin cur = {
		INTEGRA_PLUGIN_HEADER, .name = "cur", .version = "1"
	};
	static int dl;

	(void)state;
	assert_ptr_equal(plugin_compat(&dl, &cur), &cur);
	plugin_compat_release(&dl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_english),
		cmocka_unit_test(test_language_names),
		cmocka_unit_test(test_ukrainian),
		cmocka_unit_test(test_english_identifiers),
		cmocka_unit_test(test_catalog_checks),
		cmocka_unit_test(test_compat_1_0),
		cmocka_unit_test(test_compat_current),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
