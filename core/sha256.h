/*
 * SHA-256 (FIPS 180-4), our own small implementation, for the checksums
 * of export job outputs recorded in job_run: computed by the atomic writer
 * as it writes, and read back from a file before retention removes it.
 */
#ifndef INTEGRA_SHA256_H
#define INTEGRA_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t block[64];
	size_t fill;		/* bytes waiting in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_LEN]);
/* sha256_final, the digest as 64 lower-case hex digits and a NUL. */
void sha256_final_hex(struct sha256 *s, char out[2 * SHA256_LEN + 1]);
/* The digest of n bytes as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[2 * SHA256_LEN + 1]);
/* The digest of a file's contents as hex; 0, or -1 with errno set. */
int sha256_file(const char *path, char out[2 * SHA256_LEN + 1], uint64_t *bytes);

#endif /* INTEGRA_SHA256_H */
