/*
 * @include expansion of configuration text.  libconfig 1.5 resolves an
 * include against the working directory, so the configuration modules
 * expand `@include "file"` lines themselves, against the directory of the
 * including file, at most INCLUDE_DEPTH deep (which also stops a cycle).
 * The result is one text for config_read_string() with a map from each of
 * its lines back to the file and line it came from, so that errors name
 * the file the reader wrote.  Only regular files of at most 1 MiB are
 * read, the main file and every include alike.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg_int.h"

#define INCLUDE_DEPTH 10
#define CFG_FILE_MAX (1024 * 1024)	/* the largest file read, in bytes */

/* Where one line of the expanded text came from. */
struct origin {
	const char *file;	/* borrowed from files */
	int line;
};

struct cfg_include {
	struct buf text;	/* the expanded text */
	char **files;		/* every file read, the main one first */
	size_t nfiles;
	struct origin *map;	/* expanded line (1-based) -> origin */
	size_t nmap;
};

static int expand(struct ctx *ctx, struct cfg_include *inc, const char *file,
    const char *text, size_t len, int depth);

/* The directory part of path: "." without a slash, "/" at the root. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * Reads a whole configuration file into out: only a regular file of at
 * most CFG_FILE_MAX bytes (a device such as /dev/zero or a FIFO would
 * grow without end or block), opened without blocking so that a FIFO is
 * seen before anything waits on it.  0, or an errno with *why set to the
 * reason in words when it is not one an errno says.
 */
static int
slurp(const char *path, struct buf *out, const char **why)
{
	char chunk[8192];
	struct stat st;
	ssize_t n;
	int fd, e = 0;

	*why = NULL;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return errno ? errno : EIO;
	if (fstat(fd, &st) != 0)
		e = errno ? errno : EIO;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL, *why = file_kind(st.st_mode);
	else if (st.st_size > CFG_FILE_MAX)
		e = EFBIG, *why = "larger than 1 MiB";
	while (e == 0 && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			e = errno ? errno : EIO;
		else if (out->len + (size_t)n > CFG_FILE_MAX)
			e = EFBIG, *why = "larger than 1 MiB";
		else
			buf_add(out, chunk, (size_t)n);
	}
	close(fd);
	return e;
}

/* The reason slurp() failed, in words. */
static const char *
slurp_why(int e, const char *why)
{
	return why ? why : strerror(e);
}

/* If line is `@include "x"`, returns x (malloc'd), else NULL. */
static char *
include_target(const char *line, size_t n)
{
	const char *p = line, *end = line + n, *q;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < 8 || strncmp(p, "@include", 8) != 0)
		return NULL;
	p += 8;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '"')
		return NULL;
	q = memchr(p + 1, '"', (size_t)(end - p - 1));
	if (q == NULL)
		return NULL;
	return xstrndup(p + 1, (size_t)(q - p - 1));
}

/* Appends one line of file to the expanded text and to the map. */
static void
add_line(struct cfg_include *inc, const char *file, int line, const char *s,
    size_t n)
{
	buf_add(&inc->text, s, n);
	buf_addc(&inc->text, '\n');
	inc->map = xrealloc(inc->map, (inc->nmap + 1) * sizeof(*inc->map));
	inc->map[inc->nmap].file = file;
	inc->map[inc->nmap].line = line;
	inc->nmap++;
}

/* Keeps a copy of path in the list of files read; returns the copy. */
static const char *
remember_file(struct cfg_include *inc, const char *path)
{
	inc->files = xrealloc(inc->files, (inc->nfiles + 1) * sizeof(char *));
	inc->files[inc->nfiles] = xstrdup(path);
	return inc->files[inc->nfiles++];
}

/* Expands the file that `@include "target"` at name:line names, resolved
 * against the directory of name. */
static int
include_one(struct ctx *ctx, struct cfg_include *inc, const char *name,
    int line, const char *target, int depth)
{
	struct buf sub = { 0 };
	const char *why;
	char *dir, *full;
	int rc, e;

	if (depth >= INCLUDE_DEPTH)
		return error_set(ctx, ERR_INVALID,
		    "%s:%d: @include nested more than %d deep", name, line,
		    INCLUDE_DEPTH);
	dir = dir_of(name);
	full = target[0] == '/' ? xstrdup(target) : xasprintf("%s/%s", dir, target);
	if ((e = slurp(full, &sub, &why)) != 0)
		rc = error_set(ctx, ERR_FAIL,
		    "%s:%d: cannot include '%s': %s%s", name, line, full,
		    slurp_why(e, why), why ? " (expected a regular file of at most 1 MiB)" : "");
	else
		rc = expand(ctx, inc, full, sub.s ? sub.s : "", sub.len, depth + 1);
	buf_release(&sub);
	free(full);
	free(dir);
	return rc;
}

/* Appends text (read from `file`) to the expanded text, replacing each
 * @include line by the file it names. */
static int
expand(struct ctx *ctx, struct cfg_include *inc, const char *file,
    const char *text, size_t len, int depth)
{
	const char *p = text, *end = text + len, *nl;
	const char *name = remember_file(inc, file);
	char *target;
	int line = 0, rc = 0;

	while (p < end && rc == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line++;
		target = include_target(p, (size_t)(nl - p));
		if (target == NULL)
			add_line(inc, name, line, p, (size_t)(nl - p));
		else
			rc = include_one(ctx, inc, name, line, target, depth);
		free(target);
		p = nl + 1;
	}
	return rc;
}

/* Expands the includes of text read from `name` (the file the includes are
 * resolved against); 0 with *out set, or an error naming file:line. */
int
cfg_include_expand(struct ctx *ctx, const char *name, const char *text,
    size_t len, struct cfg_include **out)
{
	struct cfg_include *inc = xcalloc(1, sizeof(*inc));
	int rc;

	*out = NULL;
	if ((rc = expand(ctx, inc, name, text, len, 0)) != 0) {
		cfg_include_free(inc);
		return rc;
	}
	*out = inc;
	return 0;
}

/* Reads the file at path and expands its includes, as above. */
int
cfg_include_read(struct ctx *ctx, const char *path, struct cfg_include **out)
{
	struct buf text = { 0 };
	const char *why;
	int rc, e;

	*out = NULL;
	if ((e = slurp(path, &text, &why)) != 0)
		rc = error_set(ctx, ERR_FAIL,
		    "cannot read configuration '%s': %s%s", path, slurp_why(e, why),
		    why ? " (expected a regular file of at most 1 MiB)" : "");
	else
		rc = cfg_include_expand(ctx, path, text.s ? text.s : "", text.len,
		    out);
	buf_release(&text);
	return rc;
}

/* The expanded text, NUL-terminated ("" for an empty file). */
const char *
cfg_include_text(const struct cfg_include *inc)
{
	return inc->text.s ? inc->text.s : "";
}

/* "file:line" that line (1-based) of the expanded text came from, for the
 * caller to free; NULL for no such line or no text. */
char *
cfg_include_where(const struct cfg_include *inc, int line)
{
	if (inc == NULL || line <= 0 || (size_t)line > inc->nmap)
		return NULL;
	return xasprintf("%s:%d", inc->map[line - 1].file,
	    inc->map[line - 1].line);
}

/* The files read, the main one first and then each include in the order
 * met (a file included twice stands twice); their number. */
size_t
cfg_include_files(const struct cfg_include *inc, const char *const **out)
{
	if (inc == NULL) {
		*out = NULL;
		return 0;
	}
	*out = (const char *const *)inc->files;
	return inc->nfiles;
}

/* Frees the expanded text, its map and its list of files. */
void
cfg_include_free(struct cfg_include *inc)
{
	size_t i;

	if (inc == NULL)
		return;
	for (i = 0; i < inc->nfiles; i++)
		free(inc->files[i]);
	free(inc->files);
	free(inc->map);
	buf_release(&inc->text);
	free(inc);
}
