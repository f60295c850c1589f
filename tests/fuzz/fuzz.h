/*
 * Shared helpers of the libFuzzer harnesses in tests/fuzz: the input as a
 * NUL-terminated string, as a file descriptor (an anonymous memory file),
 * and as a file in a private directory.  A harness that finds a broken
 * promise (not a crash, which the sanitizers catch) calls FUZZ_ASSERT,
 * which aborts with the condition, so libFuzzer saves the input.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "integra.h"

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* The input as a string (cut at its first NUL); the caller frees it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

/* Writes all of data to fd; aborts when it cannot. */
static inline void
fuzz_write(int fd, const uint8_t *data, size_t size)
{
	ssize_t n;

	while (size > 0) {
		n = write(fd, data, size);
		FUZZ_ASSERT(n > 0);
		data += n;
		size -= (size_t)n;
	}
}

/* The input in an anonymous memory file, positioned at its start. */
static inline int
fuzz_memfd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);

	FUZZ_ASSERT(fd >= 0);
	fuzz_write(fd, data, size);
	FUZZ_ASSERT(lseek(fd, 0, SEEK_SET) == 0);
	return fd;
}

/* A private directory for the files of one run, removed at exit. */
static char fuzz_dir_path[] = "/tmp/integra-fuzz.XXXXXX";

static void
fuzz_dir_remove(void)
{
	char *cmd = xasprintf("rm -rf '%s'", fuzz_dir_path);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fuzz_dir_path);
	free(cmd);
}

static inline const char *
fuzz_dir(void)
{
	static int made;

	if (!made) {
		FUZZ_ASSERT(mkdtemp(fuzz_dir_path) != NULL);
		atexit(fuzz_dir_remove);
		made = 1;
	}
	return fuzz_dir_path;
}

/* Writes data to the file name in the private directory; returns its path. */
static inline char *
fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	char *path = xasprintf("%s/%s", fuzz_dir(), name);
	FILE *fp = fopen(path, "w");

	FUZZ_ASSERT(fp != NULL);
	FUZZ_ASSERT(fwrite(data, 1, size, fp) == size);
	FUZZ_ASSERT(fclose(fp) == 0);
	return path;
}

#endif /* FUZZ_H */
