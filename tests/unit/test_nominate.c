/*
 * Unit tests of the nomination rules (core/nominate.c): the steps a
 * nomination may take, approval before enrolment where the programme asks
 * for it, seat counts, and the quota and capacity checks against a
 * database in a temporary directory, whose refusals name the numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integra.h"
#include "nominate.h"

static struct ctx ctx;

static void
test_nominate_steps_allowed(void **state)
{
	(void)state;
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "nominated",
	    "approved", true), 0);
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "approved",
	    "enrolled", true), 0);
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "nominated",
	    "enrolled", false), 0);
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "nominated",
	    "rejected", true), 0);
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "approved",
	    "rejected", false), 0);
}

static void
test_nominate_approval_only_of_nominated(void **state)
{
	static const char *const not[] = { "approved", "enrolled", "rejected",
	    "withdrawn", "attended", NULL };
	const char *const *s;
	char want[128];

	(void)state;
	for (s = not; *s; s++) {
		assert_int_equal(nomination_check_move(&ctx, "P", "p1", *s, "approved",
		    false), ERR_INVALID);
		snprintf(want, sizeof(want), "the record is %s, not nominated", *s);
		assert_non_null(strstr(ctx.errmsg, want));
	}
}

static void
test_nominate_enrol_needs_approval(void **state)
{
	(void)state;
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "nominated",
	    "enrolled", true), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "asks for approval"));
}

static void
test_nominate_final_states(void **state)
{
	(void)state;
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "rejected",
	    "enrolled", false), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "none, it is final"));
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "enrolled",
	    "enrolled", false), ERR_INVALID);
	assert_non_null(strstr(ctx.errmsg, "already enrolled"));
	assert_int_equal(nomination_check_move(&ctx, "P", "p1", "withdrawn",
	    "rejected", false), ERR_INVALID);
}

static void
test_nominate_seat_counts(void **state)
{
	static const char *const bad[] = { "", "-1", "+1", " 1", "1.5", "1000001",
	    "99999999999999999999", "два", NULL };
	const char *const *s;
	int64_t n = -1;

	(void)state;
	assert_int_equal(seats_check_count(&ctx, "quota", "0", &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(seats_check_count(&ctx, "quota", "1000000", &n), 0);
	assert_int_equal(n, 1000000);
	for (s = bad; *s; s++) {
		assert_int_equal(seats_check_count(&ctx, "quota", *s, &n), ERR_INVALID);
		assert_non_null(strstr(ctx.errmsg, "invalid quota"));
	}
}

static char tmpdir[] = "/tmp/test_nominate.XXXXXX";
static int serial;

/* A fresh database in the private directory with a programme, two
 * organisations, three people of the first, a quota of 2 for it and a
 * capacity of 3. */
static struct ctx *
seated(void)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	char *text;

	c->out = stdout;
	c->os_user = xstrdup("tester");
	c->cmdline = xstrdup("integra test");
	text = xasprintf("database = \"%s/%d.db\";\n", tmpdir, ++serial);
	assert_int_equal(cfg_load_string(c, text, "t.cfg", &c->cfg), 0);
	free(text);
	assert_int_equal(db_open(c, true), 0);
	assert_int_equal(db_migrate(c), 0);
	assert_int_equal(db_exec(c, "INSERT INTO organisation (id, code, name) VALUES "
	    "(1, 'MOD', 'Міністерство оборони України'), (2, 'MFA', "
	    "'Міністерство закордонних справ України')", ""), 0);
	assert_int_equal(db_exec(c, "INSERT INTO person (id, key, name, org_id) VALUES "
	    "(1, 'p1', 'Коваленко Іван', 1), (2, 'p2', 'Шевченко Олена', 1), "
	    "(3, 'p3', 'Бойко Петро', 1)", ""), 0);
	assert_int_equal(db_exec(c, "INSERT INTO programme (id, area, code, title) "
	    "VALUES (1, 'x', 'NDC', 'Курс')", ""), 0);
	assert_int_equal(db_exec(c, "INSERT INTO seat_quota (programme_id, org_id, "
	    "seats) VALUES (1, 1, 2)", ""), 0);
	assert_int_equal(db_exec(c, "INSERT INTO seat_plan (programme_id, capacity, "
	    "approval) VALUES (1, 3, 1)", ""), 0);
	return c;
}

static void
unseat(struct ctx *c)
{
	db_close(c);
	cfg_free(c->cfg);
	free(c->os_user);
	free(c->cmdline);
	free(c);
}

static void
test_nominate_quota_counts_the_organisation(void **state)
{
	struct ctx *c = seated();
	struct seat_ask s = { .prog = "NDC", .prog_id = 1, .org = "MOD", .org_id = 1,
	    .who = "p3" };
	bool approval = false;

	(void)state;
	assert_int_equal(seats_check_quota(c, &s), 0);
	assert_int_equal(db_exec(c, "INSERT INTO participation (programme_id, "
	    "person_id) VALUES (1, 1), (1, 2)", ""), 0);
	assert_int_equal(seats_check_quota(c, &s), ERR_INVALID);
	assert_string_equal(c->errmsg, "cannot nominate 'p3': the quota of "
	    "organisation 'MOD' in programme 'NDC' is 2 seats and 2 are used");
	/* A withdrawn record frees its seat. */
	assert_int_equal(db_exec(c, "UPDATE participation SET status = 'withdrawn' "
	    "WHERE person_id = 2", ""), 0);
	assert_int_equal(seats_check_quota(c, &s), 0);
	/* Another organisation has no quota here. */
	s.org = "MFA";
	s.org_id = 2;
	assert_int_equal(seats_check_quota(c, &s), 0);
	assert_int_equal(seats_approval(c, 1, &approval), 0);
	assert_true(approval);
	unseat(c);
}

static void
test_nominate_capacity_counts_everyone(void **state)
{
	struct ctx *c = seated();
	struct seat_ask s = { .prog = "NDC", .prog_id = 1, .org = "MFA", .org_id = 2,
	    .who = "p9" };

	(void)state;
	assert_int_equal(db_exec(c, "INSERT INTO participation (programme_id, "
	    "person_id, org_id) VALUES (1, 1, NULL), (1, 2, NULL), (1, NULL, 2)",
	    ""), 0);
	assert_int_equal(seats_check_capacity(c, &s), ERR_INVALID);
	assert_string_equal(c->errmsg, "cannot nominate 'p9': the capacity of "
	    "programme 'NDC' is 3 seats and 3 are used");
	assert_int_equal(db_exec(c, "UPDATE seat_plan SET capacity = NULL", ""), 0);
	assert_int_equal(seats_check_capacity(c, &s), 0);
	unseat(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nominate_steps_allowed),
		cmocka_unit_test(test_nominate_approval_only_of_nominated),
		cmocka_unit_test(test_nominate_enrol_needs_approval),
		cmocka_unit_test(test_nominate_final_states),
		cmocka_unit_test(test_nominate_seat_counts),
		cmocka_unit_test(test_nominate_quota_counts_the_organisation),
		cmocka_unit_test(test_nominate_capacity_counts_everyone),
	};

	int rc;

	if (mkdtemp(tmpdir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	for (; serial > 0; serial--) {
		char *path = xasprintf("%s/%d.db", tmpdir, serial);

		unlink(path);
		free(path);
	}
	rmdir(tmpdir);
	return rc;
}
