/*
 * Unit tests of opt.c: long and short options, --name=value, repeatable
 * options kept in order, `--` ending the options, the global --format,
 * and the usage errors for unknown options and missing values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "integra.h"

static const struct optdef defs[] = {
	{ "kind", 'k', OPT_ARG, "KIND", "the kind" },
	{ "field", 'f', OPT_ARG | OPT_MULTI, "NAME=VALUE", "an area field" },
	{ "overdue", 0, 0, NULL, "only what is late" },
	{ "verbose", 'v', 0, NULL, "say more" },
	{ 0 }
};

/* Parses the NULL-terminated words into a; returns opt_parse's code. */
static int
parse(struct ctx *ctx, struct args *a, const char **words)
{
	static char *argv[32];
	int argc = 0;

	while (words[argc]) {
		argv[argc] = (char *)words[argc];
		argc++;
	}
	memset(ctx, 0, sizeof(*ctx));
	return opt_parse(ctx, "integra org add", defs, argc, argv, a);
}

static void
test_opt_long_and_positional(void **state)
{
	const char *w[] = { "MOU", "--kind", "ministry", "Міністерство", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), 0);
	assert_int_equal(a.npos, 2);
	assert_string_equal(a.pos[0], "MOU");
	assert_string_equal(a.pos[1], "Міністерство");
	assert_string_equal(args_get(&a, "kind"), "ministry");
	assert_true(args_has(&a, "kind"));
	assert_false(args_has(&a, "overdue"));
	assert_null(args_get(&a, "overdue"));
	args_release(&a);
}

static void
test_opt_short(void **state)
{
	const char *w[] = { "-k", "agency", "-v", "X", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), 0);
	assert_string_equal(args_get(&a, "kind"), "agency");
	assert_true(args_has(&a, "verbose"));
	assert_int_equal(a.npos, 1);
	args_release(&a);
}

static void
test_opt_equals_value(void **state)
{
	const char *w[] = { "--kind=local-council", "--field=hours=30", "--field=", NULL };
	const char *const *list;
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), 0);
	assert_string_equal(args_get(&a, "kind"), "local-council");
	list = args_list(&a, "field");
	assert_string_equal(list[0], "hours=30");
	assert_string_equal(list[1], "");
	assert_null(list[2]);
	args_release(&a);
}

static void
test_opt_repeat_keeps_order(void **state)
{
	const char *w[] = { "--field", "a=1", "-f", "b=2", "--field=c=3", NULL };
	const char *const *list;
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), 0);
	list = args_list(&a, "field");
	assert_string_equal(list[0], "a=1");
	assert_string_equal(list[1], "b=2");
	assert_string_equal(list[2], "c=3");
	assert_null(list[3]);
	assert_string_equal(args_get(&a, "field"), "c=3");
	/* An option never given has an empty list, not NULL. */
	assert_non_null(args_list(&a, "kind"));
	assert_null(args_list(&a, "kind")[0]);
	args_release(&a);
}

static void
test_opt_repeat_refused_when_single(void **state)
{
	const char *w[] = { "--kind", "a", "--kind", "b", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), ERR_USAGE);
	assert_string_equal(ctx.errmsg, "option '--kind' given twice");
	args_release(&a);
}

static void
test_opt_double_dash_ends_options(void **state)
{
	const char *w[] = { "--overdue", "--", "--kind", "-v", "-", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), 0);
	assert_true(args_has(&a, "overdue"));
	assert_false(args_has(&a, "kind"));
	assert_int_equal(a.npos, 3);
	assert_string_equal(a.pos[0], "--kind");
	assert_string_equal(a.pos[1], "-v");
	assert_string_equal(a.pos[2], "-");
	args_release(&a);
}

static void
test_opt_dash_is_positional(void **state)
{
	const char *w[] = { "-", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), 0);
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "-");
	args_release(&a);
}

static void
test_opt_unknown(void **state)
{
	const char *w1[] = { "X", "--colour", "red", NULL };
	const char *w2[] = { "-x", NULL };
	const char *w3[] = { "-kv", NULL };
	const char *w4[] = { "--kin", "x", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w1), ERR_USAGE);
	assert_string_equal(ctx.errmsg, "unknown option '--colour' for 'integra org add' "
	    "(see 'integra org add --help')");
	args_release(&a);
	assert_int_equal(parse(&ctx, &a, w2), ERR_USAGE);
	args_release(&a);
	/* Short options are not bundled. */
	assert_int_equal(parse(&ctx, &a, w3), ERR_USAGE);
	args_release(&a);
	/* Nor are long options abbreviated. */
	assert_int_equal(parse(&ctx, &a, w4), ERR_USAGE);
	args_release(&a);
}

static void
test_opt_missing_value(void **state)
{
	const char *w1[] = { "X", "--kind", NULL };
	const char *w2[] = { "-f", NULL };
	const char *w3[] = { "--format", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w1), ERR_USAGE);
	assert_string_equal(ctx.errmsg, "option '--kind' needs a value (KIND)");
	args_release(&a);
	assert_int_equal(parse(&ctx, &a, w2), ERR_USAGE);
	assert_string_equal(ctx.errmsg, "option '--field' needs a value (NAME=VALUE)");
	args_release(&a);
	assert_int_equal(parse(&ctx, &a, w3), ERR_USAGE);
	args_release(&a);
}

static void
test_opt_flag_takes_no_value(void **state)
{
	const char *w[] = { "--overdue=yes", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w), ERR_USAGE);
	assert_string_equal(ctx.errmsg, "option '--overdue' takes no value");
	args_release(&a);
}

static void
test_opt_format_is_global(void **state)
{
	const char *w1[] = { "X", "--format", "json", NULL };
	const char *w2[] = { "--format=csv", "X", NULL };
	struct ctx ctx;
	struct args a;

	(void)state;
	assert_int_equal(parse(&ctx, &a, w1), 0);
	assert_string_equal(ctx.format, "json");
	assert_int_equal(a.npos, 1);
	args_release(&a);
	assert_int_equal(parse(&ctx, &a, w2), 0);
	assert_string_equal(ctx.format, "csv");
	args_release(&a);
}

static void
test_opt_no_table(void **state)
{
	char *argv[] = { "a", "b" };
	struct ctx ctx = { 0 };
	struct args a;

	(void)state;
	assert_int_equal(opt_parse(&ctx, "integra status", NULL, 2, argv, &a), 0);
	assert_int_equal(a.npos, 2);
	args_release(&a);
	argv[0] = "--x";
	assert_int_equal(opt_parse(&ctx, "integra status", NULL, 1, argv, &a), ERR_USAGE);
	args_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt_long_and_positional),
		cmocka_unit_test(test_opt_short),
		cmocka_unit_test(test_opt_equals_value),
		cmocka_unit_test(test_opt_repeat_keeps_order),
		cmocka_unit_test(test_opt_repeat_refused_when_single),
		cmocka_unit_test(test_opt_double_dash_ends_options),
		cmocka_unit_test(test_opt_dash_is_positional),
		cmocka_unit_test(test_opt_unknown),
		cmocka_unit_test(test_opt_missing_value),
		cmocka_unit_test(test_opt_flag_takes_no_value),
		cmocka_unit_test(test_opt_format_is_global),
		cmocka_unit_test(test_opt_no_table),
	};

	return cmocka_run_group_tests_name("opt", tests, NULL, NULL);
}
