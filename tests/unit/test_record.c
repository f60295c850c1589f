/*
 * Unit tests of record.c: area fields checked against the declarations of
 * the "good" fixture plugin (area "testing") and stored as typed JSON, on
 * an in-memory database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "plugin_fixture.h"

static const struct kv core_new[] = {
	{ "area", "testing" }, { "code", "P1" }, { "title", "Курс" },
	{ "status", "planned" }, { NULL, NULL }
};

static int
setup(void **state)
{
	struct ctx *ctx = calloc(1, sizeof(*ctx));

	if (fixture_ctx(ctx, "\"good\", \"other\"", NULL) != 0 ||
	    plugins_load(ctx) != 0 || fixture_db(ctx) != 0)
		return -1;
	if (db_exec(ctx, "INSERT INTO organisation (code, name) VALUES ('MOU', 'Міністерство')",
	    "") != 0)
		return -1;
	*state = ctx;
	return 0;
}

static int
teardown(void **state)
{
	fixture_release(*state);
	free(*state);
	return 0;
}

/* Runs record_fields for a new programme; returns rc, *json set on success. */
static int
fields(struct ctx *ctx, const char *old, const char *const *a, char **json)
{
	ctx->err = 0;
	ctx->errmsg[0] = '\0';
	return record_fields(ctx, INTEGRA_RECORD_PROGRAMME, "testing", a, old, core_new,
	    old ? core_new : NULL, json);
}

static char *
extract(struct ctx *ctx, const char *json, const char *path)
{
	struct dbst *st;
	char *r = NULL;

	assert_int_equal(db_prepare(ctx, &st, "SELECT json_extract(?, ?), "
	    "json_type(?, ?)"), 0);
	db_bind(st, "tttt", json, path, json, path);
	if (dbst_step(st) == DB_ROW && dbst_text(st, 0))
		r = xasprintf("%s:%s", dbst_text(st, 1), dbst_text(st, 0));
	dbst_finalize(st);
	return r ? r : xstrdup("absent");
}

static void
assert_member(struct ctx *ctx, const char *json, const char *path, const char *want)
{
	char *got = extract(ctx, json, path);

	assert_string_equal(got, want);
	free(got);
}

static void
test_record_no_plugin_passthrough(void **state)
{
	struct ctx *ctx = *state;
	const char *none[] = { NULL }, *one[] = { "x=1", NULL };
	char *json = NULL;

	assert_int_equal(record_fields(ctx, INTEGRA_RECORD_PROGRAMME, "nosuch", none,
	    NULL, core_new, NULL, &json), 0);
	assert_string_equal(json, "{}");
	free(json);
	assert_int_equal(record_fields(ctx, INTEGRA_RECORD_PROGRAMME, "nosuch", NULL,
	    "{\"a\":1}", core_new, core_new, &json), 0);
	assert_string_equal(json, "{\"a\":1}");
	free(json);
	assert_int_equal(record_fields(ctx, INTEGRA_RECORD_PROGRAMME, "nosuch", one,
	    NULL, core_new, NULL, &json), ERR_INVALID);
	assert_non_null(strstr(ctx->errmsg, "no plugin for area 'nosuch' is loaded"));
}

static void
test_record_typed_values(void **state)
{
	struct ctx *ctx = *state;
	const char *a[] = { "level=Advanced", "seats=10", "cost=1000,5", "funded=так",
	    "approved=23.07.2021", "provider=MOU", "note=Курс «НАТО»", NULL };
	char *json = NULL;

	assert_int_equal(fields(ctx, NULL, a, &json), 0);
	assert_member(ctx, json, "$.level", "text:advanced");
	assert_member(ctx, json, "$.seats", "integer:10");
	assert_member(ctx, json, "$.cost", "real:1000.5");
	assert_member(ctx, json, "$.funded", "true:1");
	assert_member(ctx, json, "$.approved", "text:2021-07-23");
	assert_member(ctx, json, "$.provider", "text:MOU");
	assert_member(ctx, json, "$.note", "text:Курс «НАТО»");
	assert_member(ctx, json, "$.cost_per_seat", "real:100.05");
	free(json);
}

static void
test_record_unknown_field(void **state)
{
	struct ctx *ctx = *state;
	const char *a[] = { "level=basic", "colour=red", NULL };
	char *json = NULL;

	assert_int_equal(fields(ctx, NULL, a, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "unknown field 'colour' for testing programme "
	    "(fields: level, seats, cost, funded, approved, provider, note)");
	assert_null(json);
}

static void
test_record_field_elsewhere(void **state)
{
	struct ctx *ctx = *state;
	const char *other[] = { "level=basic", "budget=5", NULL };
	const char *kind[] = { "level=basic", "score=5", NULL };
	const char *derived[] = { "level=basic", "cost_per_seat=5", NULL };
	char *json = NULL;

	assert_int_equal(fields(ctx, NULL, other, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "field 'budget' belongs to area 'other', not to 'testing'");
	assert_int_equal(fields(ctx, NULL, kind, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "field 'score' of area 'testing' belongs to "
	    "participation records, not to programme records");
	assert_int_equal(fields(ctx, NULL, derived, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "field 'cost_per_seat' of testing programme is "
	    "derived: the plugin sets it, users cannot");
}

static void
test_record_bad_values(void **state)
{
	static const struct {
		const char *assign;
		int rc;
		const char *msg;
	} cases[] = {
		{ "seats=ten", ERR_INVALID, "invalid value 'ten' for field 'seats' (expected an integer)" },
		{ "seats=501", ERR_INVALID, "value '501' for field 'seats' is out of range (1..500)" },
		{ "seats=0", ERR_INVALID, "value '0' for field 'seats' is out of range (1..500)" },
		{ "cost=1,2,3", ERR_INVALID, "invalid value '1,2,3' for field 'cost' (expected a number)" },
		{ "funded=maybe", ERR_INVALID, "invalid value 'maybe' for field 'funded' (expected yes, no, true, false, 1 or 0)" },
		{ "approved=2021-02-30", ERR_INVALID, "invalid value '2021-02-30' for field 'approved' (expected a date: YYYY-MM-DD or DD.MM.YYYY, a real calendar day)" },
		{ "provider=NOPE", ERR_NOTFOUND, "no organisation 'NOPE' (field 'provider')" },
		{ "level=expert", ERR_INVALID, "invalid value 'expert' for field 'level' (allowed: basic, advanced)" },
		{ "note=\x01", ERR_INVALID, "field 'note' contains a control character (byte 1)" },
		{ "noequals", ERR_INVALID, "invalid field assignment 'noequals' (expected NAME=VALUE)" },
	};
	struct ctx *ctx = *state;
	const char *a[3] = { "level=basic", NULL, NULL };
	char *json = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		a[0] = strncmp(cases[i].assign, "level=", 6) ? "level=basic" : "seats=5";
		a[1] = cases[i].assign;
		assert_int_equal(fields(ctx, NULL, a, &json), cases[i].rc);
		assert_string_equal(ctx->errmsg, cases[i].msg);
	}
}

static void
test_record_required_and_twice(void **state)
{
	struct ctx *ctx = *state;
	const char *none[] = { "seats=5", NULL }, *twice[] = { "level=basic",
	    "level=advanced", NULL }, *clear[] = { "level=", NULL };
	char *json = NULL;

	assert_int_equal(fields(ctx, NULL, none, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "missing required field 'level' of testing "
	    "programmes");
	assert_int_equal(fields(ctx, NULL, twice, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "field 'level' given twice");
	assert_int_equal(fields(ctx, "{\"level\":\"basic\"}", clear, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "field 'level' is required for testing "
	    "programme and cannot be cleared");
	/* An existing record need not be given the required field again. */
	assert_int_equal(fields(ctx, "{\"level\":\"basic\"}", none, &json), 0);
	free(json);
}

static void
test_record_merge_and_clear(void **state)
{
	struct ctx *ctx = *state;
	const char *a[] = { "seats=6", "note=", NULL };
	char *json = NULL;

	assert_int_equal(fields(ctx, "{\"level\":\"basic\",\"seats\":5,\"note\":\"x\","
	    "\"legacy\":1}", a, &json), 0);
	assert_member(ctx, json, "$.level", "text:basic");
	assert_member(ctx, json, "$.seats", "integer:6");
	assert_member(ctx, json, "$.note", "absent");
	assert_member(ctx, json, "$.legacy", "integer:1");
	free(json);
}

static void
test_record_validate_hook(void **state)
{
	struct ctx *ctx = *state;
	const char *down[] = { "level=basic", NULL };
	const char *funded[] = { "level=basic", "funded=yes", NULL };
	static const struct kv cancelled[] = {
		{ "area", "testing" }, { "code", "P1" }, { "status", "cancelled" },
		{ NULL, NULL }
	};
	char *json = NULL;

	assert_int_equal(fields(ctx, "{\"level\":\"advanced\"}", down, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "level cannot go down from 'advanced' to 'basic'");
	ctx->err = 0;
	assert_int_equal(record_fields(ctx, INTEGRA_RECORD_PROGRAMME, "testing", funded,
	    NULL, cancelled, NULL, &json), ERR_INVALID);
	assert_string_equal(ctx->errmsg, "a cancelled programme cannot be funded");
	assert_int_equal(fields(ctx, NULL, funded, &json), 0);
	assert_member(ctx, json, "$.funded", "true:1");
	free(json);
}

static void
test_record_participation_fields(void **state)
{
	struct ctx *ctx = *state;
	const char *a[] = { "score=87,5", NULL }, *bad[] = { "level=basic", NULL };
	static const struct kv core[] = {
		{ "programme", "P1" }, { "participant", "1001" }, { "hours", "30" },
		{ NULL, NULL }
	};
	char *json = NULL;

	assert_int_equal(record_fields(ctx, INTEGRA_RECORD_PARTICIPATION, "testing", a,
	    NULL, core, NULL, &json), 0);
	assert_member(ctx, json, "$.score", "real:87.5");
	free(json);
	json = NULL;
	assert_int_equal(record_fields(ctx, INTEGRA_RECORD_PARTICIPATION, "testing", bad,
	    NULL, core, NULL, &json), ERR_INVALID);
	assert_null(json);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_no_plugin_passthrough),
		cmocka_unit_test(test_record_typed_values),
		cmocka_unit_test(test_record_unknown_field),
		cmocka_unit_test(test_record_field_elsewhere),
		cmocka_unit_test(test_record_bad_values),
		cmocka_unit_test(test_record_required_and_twice),
		cmocka_unit_test(test_record_merge_and_clear),
		cmocka_unit_test(test_record_validate_hook),
		cmocka_unit_test(test_record_participation_fields),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
