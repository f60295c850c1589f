/*
 * Unit tests of the pdf plugin (plugins/pdf), loaded with dlopen() and
 * driven through its format descriptor as the host drives it: two
 * documents in one process (the font caches are released after each and
 * read again for the next, as a job daemon writes one pdf after another),
 * a heading read only when the output's size covers it, and a document
 * abandoned without a file written.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "integra/plugin.h"

static const struct integra_column cols[] = {
	{ .name = "org", .label = "Код", .type = INTEGRA_TEXT },
	{ .name = "people", .type = INTEGRA_INTEGER, .total = INTEGRA_TOTAL_SUM },
};

/* The pdf format of the built plugin, or NULL when it is not there. */
static const struct integra_format *
pdf_format(void **handle)
{
	char path[512];
	const char *b = getenv("BUILD");
	const struct integra_plugin *pl;

	snprintf(path, sizeof(path), "%s/plugins/pdf.so", b ? b : "build");
	if (access(path, R_OK) != 0 || (*handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return NULL;
	pl = dlsym(*handle, INTEGRA_PLUGIN_SYMBOL);
	return pl && pl->formats ? &pl->formats[0] : NULL;
}

/* Writes a two-row document to path through f; the output's size is
 * size (an older host's is shorter and has no heading). */
static void
write_doc(const struct integra_format *f, const char *path, uint32_t size, int ok)
{
	static const char *const labels[] = { "Станом на" };
	static const char *const values[] = { "01.03.2022" };
	struct integra_heading h = { .size = sizeof(h), .organisation = "Міністерство оборони України",
	    .title = "Охоплення", .nfacts = 1, .fact_labels = labels, .fact_values = values,
	    .rows_label = "Рядків" };
	struct integra_output o = { .size = size, .path = path, .title = "t", .heading = &h };
	struct integra_value v[2] = { { .type = INTEGRA_TEXT, .s = "МОУ" },
	    { .type = INTEGRA_INTEGER, .i = 3 } };
	void *st = NULL;

	assert_int_equal(f->open(&o, cols, 2, &st), 0);
	assert_int_equal(f->row(st, v), 0);
	v[1].i = 4;
	assert_int_equal(f->row(st, v), 0);
	assert_int_equal(f->close(st, ok), 0);
}

/* The first bytes of path are "%PDF-" and it holds more than a header. */
static void
assert_pdf(const char *path)
{
	char head[8] = { 0 };
	FILE *fp = fopen(path, "rb");
	long n;

	assert_non_null(fp);
	assert_int_equal(fread(head, 1, 5, fp), 5);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fclose(fp);
	assert_memory_equal(head, "%PDF-", 5);
	assert_true(n > 1000);
}

static void
test_pdf_two_documents(void **state)
{
	const struct integra_format *f;
	char a[] = "/tmp/integra-pdf.XXXXXX", b[] = "/tmp/integra-pdf.XXXXXX";
	void *h = NULL;

	(void)state;
	if ((f = pdf_format(&h)) == NULL)
		skip();
	assert_string_equal(f->name, "pdf");
	assert_true(f->flags & INTEGRA_FORMAT_NEEDS_FILE);
	close(mkstemp(a));
	close(mkstemp(b));
	write_doc(f, a, sizeof(struct integra_output), 1);
	write_doc(f, b, (uint32_t)offsetof(struct integra_output, heading), 1);
	assert_pdf(a);
	assert_pdf(b);
	unlink(a);
	unlink(b);
	dlclose(h);
}

static void
test_pdf_abandoned(void **state)
{
	const struct integra_format *f;
	char a[] = "/tmp/integra-pdf.XXXXXX";
	void *h = NULL;
	FILE *fp;

	(void)state;
	if ((f = pdf_format(&h)) == NULL)
		skip();
	close(mkstemp(a));
	write_doc(f, a, sizeof(struct integra_output), 0);
	fp = fopen(a, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	assert_int_equal(ftell(fp), 0);
	fclose(fp);
	unlink(a);
	dlclose(h);
}

#if defined(__SANITIZE_ADDRESS__)
/* fontconfig loses a few bytes parsing its configuration (see core/main.c). */
__attribute__((used, visibility("default"))) const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_two_documents),
		cmocka_unit_test(test_pdf_abandoned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
