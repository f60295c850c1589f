/*
 * Unit tests of suggest.c (the edit distance and "did you mean") and of
 * the pure parts of job_mail.c: RFC 2047 subjects, content types by
 * extension, the addresses a job may mail to, and a whole message
 * (headers, recipients, the attachment in base64).
 */
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
#include "job.h"
#include "suggest.h"

static void
test_distance(void **state)
{
	static const struct {
		const char *a, *b;
		size_t d;
	} cases[] = {
		{ .a = "", .b = "", .d = 0 },
		{ .a = "org", .b = "org", .d = 0 },
		{ .a = "orgg", .b = "org", .d = 1 },
		{ .a = "lsit", .b = "list", .d = 1 },	/* a transposition */
		{ .a = "reprot", .b = "report", .d = 1 },
		{ .a = "partcipation", .b = "participation", .d = 1 },
		{ .a = "kitten", .b = "sitting", .d = 3 },
		{ .a = "", .b = "abc", .d = 3 },
		/* code points, not bytes: one Cyrillic letter is one edit */
		{ .a = "звіт", .b = "звіти", .d = 1 },
		{ .a = "звiт", .b = "звіт", .d = 1 },	/* Latin i for і */
		{ .a = "ca", .b = "abc", .d = 3 },	/* OSA, not full Damerau */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (suggest_distance(cases[i].a, cases[i].b) != cases[i].d)
			fail_msg("distance('%s', '%s') = %zu, wanted %zu", cases[i].a,
			    cases[i].b, suggest_distance(cases[i].a, cases[i].b),
			    cases[i].d);
		assert_int_equal(suggest_distance(cases[i].b, cases[i].a), cases[i].d);
	}
}

/* The suggestion text for word among names. */
static const char *
suggest_for(const char *word, const char *const *names, const char *prefix)
{
	static char out[256];
	struct suggest s;

	suggest_init(&s, word);
	for (; *names; names++)
		suggest_add(&s, *names);
	if (suggest_text(&s, prefix, out, sizeof(out)) == 0)
		return "";
	return out;
}

static void
test_suggest(void **state)
{
	static const char *const nouns[] = { "activity", "audit", "org",
	    "participation", "person", "programme", "report", "status", NULL };
	static const char *const verbs[] = { "add", "list", "show", "edit",
	    "remove", NULL };

	(void)state;
	assert_string_equal(suggest_for("orgg", nouns, ""), "'org'");
	assert_string_equal(suggest_for("reprot", nouns, ""), "'report'");
	assert_string_equal(suggest_for("lsit", verbs, ""), "'list'");
	assert_string_equal(suggest_for("shwo", verbs, ""), "'show'");
	assert_string_equal(suggest_for("ad", verbs, ""), "'add'");
	/* nothing near enough */
	assert_string_equal(suggest_for("x", nouns, ""), "");
	assert_string_equal(suggest_for("zzzzzz", nouns, ""), "");
	assert_string_equal(suggest_for("pe", nouns, ""), "");
	/* a tie lists both */
	assert_string_equal(suggest_for("cat", (const char *const[]){ "bat",
	    "cap", "dog", NULL }, ""), "'bat', 'cap'");
	assert_string_equal(suggest_for("regoin", (const char *const[]){ "region",
	    "kind", NULL }, "--"), "'--region'");
}

static void
test_mail_header(void **state)
{
	struct buf b = { 0 };
	char *line, *save = NULL;
	size_t words = 0;

	(void)state;
	job_mail_header(&b, "Subject", "Weekly coverage");
	assert_string_equal(b.s, "Subject: Weekly coverage\n");
	buf_reset(&b);
	job_mail_header(&b, "Subject", "Звіт");
	/* "Звіт" is d0 97 d0 b2 d1 96 d1 82 */
	assert_string_equal(b.s, "Subject: =?UTF-8?B?0JfQstGW0YI=?=\n");
	buf_reset(&b);
	job_mail_header(&b, "Subject", "Охоплення навчанням державних службовців "
	    "Міністерства оборони України станом на 26.07.2021");
	for (line = strtok_r(b.s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		assert_true(strlen(line) <= 76);
		assert_non_null(strstr(line, "=?UTF-8?B?"));
		assert_true(words == 0 || line[0] == ' ');
		words++;
	}
	assert_true(words >= 3);
	buf_release(&b);
}

static void
test_mail_type_address(void **state)
{
	(void)state;
	assert_string_equal(job_mail_type("a.csv"), "text/csv; charset=UTF-8");
	assert_string_equal(job_mail_type("звіт.XLSX"), "application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(job_mail_type("a.pdf"), "application/pdf");
	assert_string_equal(job_mail_type("a"), "application/octet-stream");
	assert_string_equal(job_mail_type("a.tar.gz"), "application/octet-stream");
	assert_true(job_mail_address_ok("kadry@mou.gov.ua"));
	assert_true(job_mail_address_ok("o.petrenko+zvit@mil.gov.ua"));
	assert_true(job_mail_address_ok("kadry@міноборони.укр"));
	assert_false(job_mail_address_ok("kadry"));
	assert_false(job_mail_address_ok("@mou.gov.ua"));
	assert_false(job_mail_address_ok("kadry@"));
	assert_false(job_mail_address_ok("a@b@c"));
	assert_false(job_mail_address_ok("-oQ/tmp@x.ua"));
	assert_false(job_mail_address_ok("a b@x.ua"));
	assert_false(job_mail_address_ok("a@x.ua\nBcc: e@vil"));
	assert_false(job_mail_address_ok("Kadry <kadry@mou.gov.ua>"));
	assert_false(job_mail_address_ok("a@x.ua,b@y.ua"));
}

static void
test_mail_message(void **state)
{
	char dir[] = "/tmp/test_suggest.XXXXXX", path[128];
	char *to[] = { (char *)"kadry@mou.gov.ua", (char *)"viddil@mou.gov.ua", NULL };
	struct job job = { .name = (char *)"weekly", .report = (char *)"coverage",
	    .mail_to = to, .mail_subject = (char *)"Звіт %d.%m.%Y" };
	struct job_result res = { .rows = 2, .bytes = 5 };
	struct ctx ctx = { 0 };
	struct buf b = { 0 };
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/coverage.csv", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("a,b\n", f);	/* base64: YSxiCg== */
	fclose(f);
	res.path = path;
	memset(res.sha256, 'a', 64);
	assert_int_equal(job_mail_message(&ctx, &job, &res, 1627268400, &b), 0);
	assert_non_null(strstr(b.s, "To: kadry@mou.gov.ua,\n viddil@mou.gov.ua\n"));
	/* "Звіт 26.07.2021" in the scheduled time of Kyiv (TZ is set) */
	assert_non_null(strstr(b.s, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(b.s, "MIME-Version: 1.0\n"));
	assert_non_null(strstr(b.s, "Content-Type: multipart/mixed;\n boundary="));
	assert_non_null(strstr(b.s, "Content-Type: text/csv; charset=UTF-8; "
	    "name=\"coverage.csv\"\nContent-Disposition: attachment; "
	    "filename=\"coverage.csv\"\nContent-Transfer-Encoding: base64\n\n"
	    "YSxiCg==\n"));
	assert_null(strstr(b.s, "From:"));
	unlink(path);
	rmdir(dir);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_mail_header),
		cmocka_unit_test(test_mail_type_address),
		cmocka_unit_test(test_mail_message),
	};

	setenv("TZ", "Europe/Kyiv", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
