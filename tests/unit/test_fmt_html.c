/*
 * Unit tests of the html format (fmt_html.c), driven only through its
 * struct integra_format descriptor: a well-formed document (every tag
 * closed in order, every & an entity, no bare <), the lang attribute,
 * the title and every cell escaped, numbers marked, totals, the chart
 * of the measure column with labels cut on a character boundary, and
 * nothing fetched from the network.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "format_fixture.h"

#define DEPTH 64

/* Whether the tag name n (length len) is one HTML writes without an end tag. */
static bool
void_tag(const char *n, size_t len)
{
	static const char *const names[] = { "meta", "br", "hr", "img", "link", "input" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strlen(names[i]) == len && strncmp(n, names[i], len) == 0)
			return true;
	return false;
}

/* Fails the test unless the entity at s is &name; or &#digits;. */
static void
check_entity(const char *s)
{
	size_t n = 1;

	if (s[n] == '#')
		n++;
	while (isalnum((unsigned char)s[n]))
		n++;
	if (n < 2 || s[n] != ';')
		fail_msg("a bare & at '%.20s'", s);
}

/* Fails the test unless doc is well-formed: the doctype, then tags that
 * close in the order they opened, void and self-closed tags apart. */
static void
check_well_formed(const char *doc)
{
	const char *stack[DEPTH], *p = doc, *name, *end;
	size_t len[DEPTH], depth = 0, n;
	bool closing;

	assert_true(strncmp(doc, "<!DOCTYPE html>\n", 16) == 0);
	p += 16;
	for (; *p; p++) {
		if (*p == '&')
			check_entity(p);
		if (*p != '<')
			continue;
		closing = p[1] == '/';
		name = p + 1 + closing;
		for (n = 0; isalnum((unsigned char)name[n]); n++)
			;
		if (n == 0)
			fail_msg("a bare < at '%.20s'", p);
		if ((end = strchr(name, '>')) == NULL)
			fail_msg("a tag without its > at '%.20s'", p);
		if (closing) {
			if (depth == 0 || len[depth - 1] != n ||
			    strncmp(stack[depth - 1], name, n) != 0)
				fail_msg("</%.*s> closes the wrong tag", (int)n, name);
			depth--;
		} else if (end[-1] != '/' && !void_tag(name, n)) {
			assert_true(depth < DEPTH);
			stack[depth] = name;
			len[depth++] = n;
		}
		p = end;
	}
	if (depth != 0)
		fail_msg("<%.*s> is never closed", (int)len[depth - 1], stack[depth - 1]);
}

static void
test_html_well_formed_and_escaped(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "назва <i>", .type = INTEGRA_TEXT },
		{ .name = "people", .type = INTEGRA_INTEGER,
		  .flags = INTEGRA_COLUMN_TOTAL | INTEGRA_COLUMN_MEASURE },
		{ .name = "share", .type = INTEGRA_REAL },
	};
	struct integra_value vals[] = {
		v_text("A < B & \"C\" 'D'"), v_int(3), v_real(1.5),
		v_text("Львівська ОДА"), v_int(10), v_null(),
	};
	char *got;

	(void)state;
	got = format_run(&out_format_html, "Звіт <b> & \"x\"", 0, cols, 3, vals, 2);
	assert_non_null(got);
	check_well_formed(got);
	assert_non_null(strstr(got, "<html lang=\"en\">\n"));
	assert_non_null(strstr(got, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(got, "<title>Звіт &lt;b&gt; &amp; &quot;x&quot;</title>"));
	assert_non_null(strstr(got, "<h1>Звіт &lt;b&gt; &amp; &quot;x&quot;</h1>"));
	assert_non_null(strstr(got, "<th>назва &lt;i&gt;</th><th>people</th>"
	    "<th>share</th>"));
	assert_non_null(strstr(got, "<tr><td>A &lt; B &amp; &quot;C&quot; &#39;D&#39;"
	    "</td><td class=\"n\">3</td><td class=\"n\">1.5</td></tr>\n"));
	assert_non_null(strstr(got, "<tr><td>Львівська ОДА</td><td class=\"n\">10</td>"
	    "<td></td></tr>\n"));
	assert_non_null(strstr(got, "<tfoot><tr><td>total</td><td class=\"n\">13</td>"
	    "<td></td></tr></tfoot>"));
	/* the chart of people, its labels escaped too */
	assert_non_null(strstr(got, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(got, "aria-label=\"people\""));
	assert_non_null(strstr(got, ">A &lt; B &amp; &quot;C&quot; &#39;D&#39;</text>"));
	assert_non_null(strstr(got, "<footer>integra "));
	/* no heading block outside a report: no row count either */
	assert_null(strstr(got, "class=\"rows\""));
	assert_string_equal(got + strlen(got) - 16, "</body>\n</html>\n");
	/* self-contained */
	assert_null(strstr(got, "<script"));
	assert_null(strstr(got, "<link"));
	assert_null(strstr(got, "url("));
	free(got);
}

static void
test_html_untitled_no_measure(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "code", .type = INTEGRA_TEXT },
	};
	struct integra_value vals[] = { v_text("MOU") };
	char *got;

	(void)state;
	got = format_run(&out_format_html, NULL, 0, cols, 1, vals, 1);
	assert_non_null(got);
	check_well_formed(got);
	assert_non_null(strstr(got, "<title>integra</title>"));
	assert_null(strstr(got, "<svg"));
	assert_null(strstr(got, "<tfoot>"));
	assert_non_null(strstr(got, "<footer>integra"));
	free(got);
}

/* 70 rows: the chart draws the top 20 by value and says how many more;
 * a label of 50 Cyrillic letters is cut at 40, on a character boundary. */
static void
test_html_chart_bars_and_labels(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "who", .type = INTEGRA_TEXT },
		{ .name = "n", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_MEASURE },
	};
	struct integra_value vals[140];
	struct buf longname = { 0 }, want = { 0 };
	const char *p;
	size_t i, rects = 0;
	char *got;

	(void)state;
	for (i = 0; i < 50; i++)
		buf_adds(&longname, "Ї");
	for (i = 0; i < 40; i++)
		buf_adds(&want, "Ї");
	for (i = 0; i < 70; i++) {
		vals[2 * i] = v_text(i == 0 ? longname.s : "x");
		vals[2 * i + 1] = v_int(i == 0 ? 1000 : (int64_t)i + 1);
	}
	got = format_run(&out_format_html, "bars", 0, cols, 2, vals, 70);
	assert_non_null(got);
	check_well_formed(got);
	for (p = got; (p = strstr(p, "<rect ")) != NULL; p++)
		rects++;
	assert_int_equal(rects, 20);
	assert_non_null(strstr(got, "and 50 more</text>"));
	/* ranked: the largest first, then 70, 69, ... */
	assert_non_null(strstr(got, "y=\"28.0\" width=\"400.0\""));
	assert_non_null(strstr(got, ">1000</text>"));
	assert_non_null(strstr(got, ">70</text>"));
	assert_null(strstr(got, ">50</text>"));
	buf_printf(&want, "</text><rect");
	assert_non_null(strstr(got, want.s));
	buf_release(&longname);
	buf_release(&want);
	free(got);
}

/* Abandoned (close with ok = 0): nothing after the rows, state freed. */
static void
test_html_abandoned(void **state)
{
	static const struct integra_column cols[] = {
		{ .name = "n", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_MEASURE },
	};
	struct integra_value v = v_int(1);
	struct sink s = { .fail_at = 0 };
	struct integra_output o = sink_output(&s, "t", 0);
	void *st = NULL;

	(void)state;
	assert_string_equal(out_format_html.name, "html");
	assert_string_equal(out_format_html.extension, "html");
	assert_int_equal(out_format_html.open(&o, cols, 1, &st), 0);
	assert_int_equal(out_format_html.row(st, &v), 0);
	assert_int_equal(out_format_html.close(st, 0), 0);
	assert_non_null(s.b.s);
	assert_null(strstr(s.b.s, "</html>"));
	assert_null(strstr(s.b.s, "<svg"));
	assert_string_equal(s.b.s + s.b.len - 6, "</tr>\n");
	buf_release(&s.b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_well_formed_and_escaped),
		cmocka_unit_test(test_html_untitled_no_measure),
		cmocka_unit_test(test_html_chart_bars_and_labels),
		cmocka_unit_test(test_html_abandoned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
