/*
 * Unit tests of keymap.c: short keys kept in the slot and long ones
 * outside it, Cyrillic keys, growth past many doublings, room made ahead,
 * changes of an existing key, and absent keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "keymap.h"

static void
test_keymap_short_and_long_keys(void **state)
{
	struct keymap m = { 0 };
	const char *longkey = "ОРГАНІЗАЦІЯ-З-ДУЖЕ-ДОВГИМ-КОДОМ-2021";
	char edge[KEYMAP_INLINE + 1];

	(void)state;
	assert_null(keymap_get(&m, "P1"));
	memset(edge, 'x', KEYMAP_INLINE);
	edge[KEYMAP_INLINE - 1] = '\0';		/* longest inline key */
	keymap_put(&m, "P1", 1, NULL);
	keymap_put(&m, longkey, 2, "exercises");
	keymap_put(&m, edge, 3, NULL);
	edge[KEYMAP_INLINE - 1] = 'y';
	edge[KEYMAP_INLINE] = '\0';		/* one byte too long */
	keymap_put(&m, edge, 4, NULL);
	assert_int_equal(keymap_get(&m, "P1")->id, 1);
	assert_null(keymap_get(&m, "P1 "));
	assert_null(keymap_get(&m, "p1"));
	assert_int_equal(keymap_get(&m, longkey)->id, 2);
	assert_string_equal(keymap_get(&m, longkey)->extra, "exercises");
	assert_int_equal(keymap_get(&m, edge)->id, 4);
	edge[KEYMAP_INLINE - 1] = '\0';
	assert_int_equal(keymap_get(&m, edge)->id, 3);
	assert_int_equal(m.n, 4);
	keymap_free(&m);
	assert_null(keymap_get(&m, "P1"));
}

static void
test_keymap_many_keys(void **state)
{
	struct keymap m = { 0 };
	char key[64];
	int64_t i;

	(void)state;
	for (i = 1; i <= 200000; i++) {
		snprintf(key, sizeof(key), i % 7 ? "P%07lld" : "Шевченко-Тарас-%lld-довгий-ключ",
		    (long long)i);
		keymap_put(&m, key, i, NULL);
	}
	assert_int_equal(m.n, 200000);
	assert_true(m.cap >= 200000 * 10 / 7);
	for (i = 1; i <= 200000; i++) {
		snprintf(key, sizeof(key), i % 7 ? "P%07lld" : "Шевченко-Тарас-%lld-довгий-ключ",
		    (long long)i);
		assert_non_null(keymap_get(&m, key));
		assert_int_equal(keymap_get(&m, key)->id, i);
	}
	assert_null(keymap_get(&m, "P0200001"));
	keymap_free(&m);
}

static void
test_keymap_put_changes(void **state)
{
	struct keymap m = { 0 };

	(void)state;
	keymap_put(&m, "CS-01", 5, "civil_service");
	keymap_put(&m, "CS-01", 6, "exercises");
	keymap_put(&m, "CS-01", 7, NULL);
	assert_int_equal(m.n, 1);
	assert_int_equal(keymap_get(&m, "CS-01")->id, 7);
	assert_null(keymap_get(&m, "CS-01")->extra);
	keymap_free(&m);
}

static void
test_keymap_reserve_holds_all(void **state)
{
	struct keymap m = { 0 };
	char key[32];
	size_t cap;
	int64_t i;

	(void)state;
	keymap_put(&m, "P0", 99, NULL);
	keymap_reserve(&m, 50000);
	cap = m.cap;
	assert_true(cap * 7 >= 50000 * 10);
	assert_int_equal(keymap_get(&m, "P0")->id, 99);	/* kept by the rehash */
	for (i = 1; i < 50000; i++) {
		snprintf(key, sizeof(key), "P%lld", (long long)i);
		keymap_put(&m, key, i, NULL);
	}
	assert_int_equal(m.cap, cap);	/* no growth on the way */
	assert_int_equal(keymap_get(&m, "P49999")->id, 49999);
	keymap_reserve(&m, 10);		/* never shrinks */
	assert_int_equal(m.cap, cap);
	keymap_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keymap_short_and_long_keys),
		cmocka_unit_test(test_keymap_many_keys),
		cmocka_unit_test(test_keymap_put_changes),
		cmocka_unit_test(test_keymap_reserve_holds_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
