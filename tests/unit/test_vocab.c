/*
 * Unit tests of vocab.c: enumerations typed in Ukrainian, in any case and
 * spacing, stored as their identifiers; labels as names; a name of two
 * identifiers refused naming both; the options of a command put right
 * before it reads them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "integra.h"
#include "vocab.h"

static struct ctx ctx;

/* The identifier vocab_enum gives for s, or NULL when it refuses. */
static const char *
id(const char *s, const char *const *allowed)
{
	const char *out = NULL;

	ctx.err = 0;
	ctx.errmsg[0] = '\0';
	return vocab_enum(&ctx, "value", s, allowed, &out) == 0 ? out : NULL;
}

static void
test_vocab_ukrainian_names(void **state)
{
	(void)state;
	assert_string_equal(id("completed", participation_statuses), "completed");
	assert_string_equal(id("Завершено", participation_statuses), "completed");
	assert_string_equal(id("ЗАВЕРШЕНО", programme_statuses), "completed");
	assert_string_equal(id("  державна   служба ", person_services), "civil-service");
	assert_string_equal(id("Civil Service", person_services), "civil-service");
	assert_string_equal(id("civil_service", person_services), "civil-service");
	assert_string_equal(id("міністерство", org_kinds), "ministry");
	assert_string_equal(id("ОДА", org_kinds), "oblast-administration");
	assert_string_equal(id("б", civil_categories), "Б");
	assert_string_equal(id("категорія В", civil_categories), "В");
	/* a list resolves to its own identifiers only */
	assert_null(id("міністерство", person_services));
	assert_non_null(strstr(ctx.errmsg, "invalid value 'міністерство' (allowed: "
	    "civil-service, local-self-government, military, other)"));
	/* Latin B is not Cyrillic Б */
	assert_null(id("B", civil_categories));
}

static void
test_vocab_ambiguous(void **state)
{
	(void)state;
	assert_null(id("Пройшов", participation_statuses));
	assert_string_equal(ctx.errmsg, "ambiguous value 'Пройшов': it may mean "
	    "'attended' or 'completed'; give the identifier");
	/* among programme statuses it is one */
	assert_string_equal(id("пройшов", programme_statuses), "completed");
}

static void
test_vocab_labels(void **state)
{
	static const char *const values[] = { "in-person", "online", NULL };
	static const char *const labels[] = { "In person", "Online", NULL };
	static const char *const twice[] = { "Same", "same", NULL };
	const char *out, *other;

	(void)state;
	assert_int_equal(vocab_find("IN PERSON", values, labels, &out, &other), VOCAB_ONE);
	assert_string_equal(out, "in-person");
	assert_int_equal(vocab_find("очна", values, labels, &out, &other), VOCAB_ONE);
	assert_string_equal(out, "in-person");
	assert_int_equal(vocab_find("online", values, NULL, &out, &other), VOCAB_ONE);
	assert_int_equal(vocab_find("x", values, labels, &out, &other), VOCAB_NONE);
	/* the exact identifier wins over another in another case */
	assert_int_equal(vocab_find("same", twice, NULL, &out, &other), VOCAB_ONE);
	assert_string_equal(out, "same");
	assert_int_equal(vocab_find("SAME", twice, NULL, &out, &other), VOCAB_TWO);
	assert_string_equal(out, "Same");
	assert_string_equal(other, "same");
}

static void
test_vocab_roles(void **state)
{
	(void)state;
	assert_string_equal(vocab_role("Спостерігач"), "observer");
	assert_string_equal(vocab_role("учасник"), "participant");
	assert_string_equal(vocab_role("captain"), "captain");
	/* two identifiers: left as typed, for the role check to refuse */
	assert_string_equal(vocab_role("пройшов"), "пройшов");
}

static void
test_vocab_args(void **state)
{
	static const struct optdef defs[] = {
		{ .name = "kind", .flags = OPT_ARG, .arg = "KIND" },
		{ 0 }
	};
	struct args a;
	char *argv[] = { "--kind", "Міністерство" };
	char *bad[] = { "--kind", "клуб" };

	(void)state;
	assert_int_equal(opt_parse(&ctx, "integra org add", defs, 2, argv, &a), 0);
	assert_int_equal(vocab_args(&ctx, "integra org add", &a), 0);
	assert_string_equal(args_get(&a, "kind"), "ministry");
	args_release(&a);
	/* another noun's option of the same name is not touched */
	assert_int_equal(opt_parse(&ctx, "integra audit list", defs, 2, argv, &a), 0);
	assert_int_equal(vocab_args(&ctx, "integra audit list", &a), 0);
	assert_string_equal(args_get(&a, "kind"), "Міністерство");
	args_release(&a);
	assert_int_equal(opt_parse(&ctx, "integra org add", defs, 2, bad, &a), 0);
	assert_int_equal(vocab_args(&ctx, "integra org add", &a), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "invalid organisation kind 'клуб'"));
	args_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab_ukrainian_names),
		cmocka_unit_test(test_vocab_ambiguous),
		cmocka_unit_test(test_vocab_labels),
		cmocka_unit_test(test_vocab_roles),
		cmocka_unit_test(test_vocab_args),
	};

	return cmocka_run_group_tests_name("vocab", tests, NULL, NULL);
}
