/*
 * Unit tests of the participation status rules: participation_next()
 * lists the moves from each status, check_transition() accepts exactly
 * those (and staying put) and refuses the rest with a message naming the
 * allowed next states.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "integra.h"
#include "rules.h"

static struct ctx ctx;

/* Joins a NULL-terminated list with commas, into a static buffer. */
static const char *
join(const char *const *list)
{
	static char b[256];

	b[0] = '\0';
	for (; *list; list++) {
		if (b[0])
			strcat(b, ",");
		strcat(b, *list);
	}
	return b;
}

static void
test_participation_next_lists(void **state)
{
	(void)state;
	assert_string_equal(join(participation_next("nominated")), "enrolled,withdrawn");
	assert_string_equal(join(participation_next("enrolled")), "attended,withdrawn");
	assert_string_equal(join(participation_next("attended")),
	    "completed,failed,withdrawn");
	assert_string_equal(join(participation_next("completed")), "");
	assert_string_equal(join(participation_next("failed")), "");
	assert_string_equal(join(participation_next("withdrawn")), "");
	assert_string_equal(join(participation_next("no-such-status")), "");
}

static void
test_participation_forward_moves_allowed(void **state)
{
	(void)state;
	assert_int_equal(check_transition(&ctx, "p", "nominated", "enrolled"), 0);
	assert_int_equal(check_transition(&ctx, "p", "enrolled", "attended"), 0);
	assert_int_equal(check_transition(&ctx, "p", "attended", "completed"), 0);
	assert_int_equal(check_transition(&ctx, "p", "attended", "failed"), 0);
}

static void
test_participation_withdraw_from_open_states(void **state)
{
	static const char *const open[] = { "nominated", "enrolled", "attended", NULL };
	const char *const *s;

	(void)state;
	for (s = open; *s; s++)
		assert_int_equal(check_transition(&ctx, "p", *s, "withdrawn"), 0);
}

static void
test_participation_staying_put_allowed(void **state)
{
	const char *const *s;

	(void)state;
	for (s = participation_statuses; *s; s++)
		assert_int_equal(check_transition(&ctx, "p", *s, *s), 0);
}

static void
test_participation_jump_refused_naming_next(void **state)
{
	(void)state;
	ctx.err = 0;
	assert_int_equal(check_transition(&ctx, "participation of 'K1' in 'P1'",
	    "nominated", "completed"), ERR_INVALID);
	assert_int_equal(ctx.err, ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "'nominated'"));
	assert_non_null(strstr(ctx.errmsg, "'completed'"));
	assert_non_null(strstr(ctx.errmsg, "allowed next: enrolled, withdrawn"));
	assert_non_null(strstr(ctx.errmsg, "participation of 'K1' in 'P1'"));
}

static void
test_participation_backward_refused(void **state)
{
	(void)state;
	assert_int_equal(check_transition(&ctx, "p", "attended", "enrolled"), ERR_INVALID);
	assert_int_equal(check_transition(&ctx, "p", "enrolled", "nominated"), ERR_INVALID);
	assert_int_equal(check_transition(&ctx, "p", "completed", "failed"), ERR_INVALID);
}

static void
test_participation_final_states_refuse_all(void **state)
{
	static const char *const final[] = { "completed", "failed", "withdrawn", NULL };
	const char *const *f, *const *to;

	(void)state;
	for (f = final; *f; f++) {
		for (to = participation_statuses; *to; to++) {
			if (strcmp(*f, *to) == 0)
				continue;
			assert_int_equal(check_transition(&ctx, "p", *f, *to), ERR_INVALID);
			assert_non_null(strstr(ctx.errmsg, "none, it is final"));
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_participation_next_lists),
		cmocka_unit_test(test_participation_forward_moves_allowed),
		cmocka_unit_test(test_participation_withdraw_from_open_states),
		cmocka_unit_test(test_participation_staying_put_allowed),
		cmocka_unit_test(test_participation_jump_refused_naming_next),
		cmocka_unit_test(test_participation_backward_refused),
		cmocka_unit_test(test_participation_final_states_refuse_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
