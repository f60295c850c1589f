/*
 * Unit tests of sha256.c against the FIPS 180 examples and the NIST
 * long-message vector, fed whole, byte by byte and from a file.
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

#include "sha256.h"

static const struct {
	const char *msg;
	const char *hex;
} vectors[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

static void
test_sha256_fips_vectors(void **state)
{
	char hex[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		sha256_hex(vectors[i].msg, strlen(vectors[i].msg), hex);
		assert_string_equal(hex, vectors[i].hex);
	}
}

static void
test_sha256_byte_by_byte(void **state)
{
	struct sha256 s;
	uint8_t d[SHA256_LEN];
	const char *m = vectors[3].msg;
	char hex[65];
	size_t i;

	(void)state;
	sha256_init(&s);
	for (i = 0; m[i]; i++)
		sha256_update(&s, m + i, 1);
	sha256_final(&s, d);
	for (i = 0; i < SHA256_LEN; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
	assert_string_equal(hex, vectors[3].hex);
}

static void
test_sha256_million_a(void **state)
{
	char *m = malloc(1000000), hex[65];

	(void)state;
	memset(m, 'a', 1000000);
	sha256_hex(m, 1000000, hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

/* Lengths around the padding boundary (55, 56, 63, 64 bytes) agree
 * between one update and two. */
static void
test_sha256_padding_boundaries(void **state)
{
	static const size_t lens[] = { 55, 56, 57, 63, 64, 65, 119, 120 };
	char m[128], a[65], b[65];
	uint8_t d[SHA256_LEN];
	struct sha256 s;
	size_t i, j;

	(void)state;
	memset(m, 'x', sizeof(m));
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		sha256_hex(m, lens[i], a);
		sha256_init(&s);
		sha256_update(&s, m, lens[i] / 3);
		sha256_update(&s, m, lens[i] - lens[i] / 3);
		sha256_final(&s, d);
		for (j = 0; j < SHA256_LEN; j++)
			sprintf(b + 2 * j, "%02x", d[j]);
		assert_string_equal(a, b);
	}
}

static void
test_sha256_file(void **state)
{
	char path[] = "/tmp/test_sha256.XXXXXX", hex[65];
	uint64_t bytes = 0;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	assert_int_equal(sha256_file(path, hex, &bytes), 0);
	assert_string_equal(hex, vectors[1].hex);
	assert_int_equal(bytes, 3);
	unlink(path);
	assert_int_equal(sha256_file(path, hex, &bytes), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_fips_vectors),
		cmocka_unit_test(test_sha256_byte_by_byte),
		cmocka_unit_test(test_sha256_million_a),
		cmocka_unit_test(test_sha256_padding_boundaries),
		cmocka_unit_test(test_sha256_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
