/*
 * Atomic file output for -o FILE and the export jobs: the result goes to a
 * temporary file beside the target (".NAME.XXXXXX", so the rename stays on
 * one file system), with the target's mode; commit flushes, syncs,
 * renames over the target and syncs the directory.  Any failure removes
 * the temporary file and leaves the previous target untouched.  A target
 * that exists and is not a regular file (/dev/stdout, a pipe, /dev/full)
 * is written in place, since it cannot be replaced by a rename.  The
 * stream handed out counts the bytes and, when the target asks for its
 * checksum (export jobs), hashes them (SHA-256) as it writes them, so the
 * checksum of a job's output needs no second reading.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "sha256.h"

#define ATOMIC_BUFSIZE (256 * 1024)

struct atomic {
	struct ctx *ctx;
	char *path;		/* the target */
	char *tmp;		/* the temporary file, NULL when writing in place */
	char *dir;		/* the target's directory */
	int fd;
	FILE *fp;		/* the hashing stream over fd */
	char *iobuf;
	bool hash;		/* the target asked for its checksum */
	struct sha256 sum;	/* of every byte written through fp, when hash */
	int64_t bytes;
};

static int
atomic_error(struct ctx *ctx, const char *what, const char *path, int err)
{
	return error_set(ctx, ERR_FAIL, "cannot %s '%s': %s", what, path,
	    strerror(err));
}

/* The stream's write: all of buf to the file, hashed; 0 with errno set on
 * failure (the stream then has its error flag). */
static ssize_t
hash_write(void *cookie, const char *buf, size_t n)
{
	struct atomic *a = cookie;
	size_t done = 0;
	ssize_t w;

	while (done < n) {
		if ((w = write(a->fd, buf + done, n - done)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)w;
	}
	if (a->hash)
		sha256_update(&a->sum, buf, done);
	a->bytes += (int64_t)done;
	return done == n ? (ssize_t)n : 0;
}

/* Wraps a->fd in the hashing stream with a large buffer. */
static int
open_stream(struct atomic *a)
{
	static const cookie_io_functions_t io = { .write = hash_write };

	if ((a->fp = fopencookie(a, "w", io)) == NULL)
		return atomic_error(a->ctx, "write", a->path, errno);
	a->iobuf = xmalloc(ATOMIC_BUFSIZE);
	setvbuf(a->fp, a->iobuf, _IOFBF, ATOMIC_BUFSIZE);
	sha256_init(&a->sum);
	return 0;
}

/* Opens a target that is not a regular file (a device or a pipe) directly. */
static int
open_in_place(struct atomic *a)
{
	if ((a->fd = open(a->path, O_WRONLY | O_CLOEXEC)) < 0)
		return atomic_error(a->ctx, "write", a->path, errno);
	return 0;
}

/* Creates the temporary file beside the target with mode. */
static int
open_temp(struct atomic *a, unsigned mode)
{
	char *copy = xstrdup(a->path);
	int rc;

	a->tmp = xasprintf("%s/.%s.XXXXXX", a->dir, basename(copy));
	free(copy);
	if ((a->fd = mkstemp(a->tmp)) >= 0 && fchmod(a->fd, (mode_t)mode) == 0)
		return 0;
	rc = atomic_error(a->ctx, "write", a->path, errno);
	if (a->fd >= 0) {
		close(a->fd);
		a->fd = -1;
		unlink(a->tmp);
	}
	free(a->tmp);
	a->tmp = NULL;
	return rc;
}

static void
atomic_free(struct atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	free(a->path);
	free(a->tmp);
	free(a->dir);
	free(a->iobuf);
	free(a);
}

/*
 * Starts writing path: t (format, excel and mode set by the caller) gets
 * the temporary file as its stream and path, and path as its name, until
 * atomic_commit or atomic_abort.  An error names the path and the reason.
 */
int
atomic_open(struct ctx *ctx, const char *path, struct out_target *t,
    struct atomic **out)
{
	struct atomic *a;
	struct stat sb;
	char *copy;
	int rc;

	if (path == NULL || *path == '\0')
		return error_set(ctx, ERR_USAGE, "empty output file name");
	a = xcalloc(1, sizeof(*a));
	a->ctx = ctx;
	a->fd = -1;
	a->path = xstrdup(path);
	copy = xstrdup(path);
	a->dir = xstrdup(dirname(copy));
	free(copy);
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		rc = error_set(ctx, ERR_FAIL, "cannot write '%s': is a directory", path);
	else if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		rc = open_in_place(a);
	else
		rc = open_temp(a, t->mode);
	a->hash = t->checksum;
	if (rc == 0)
		rc = open_stream(a);
	if (rc != 0) {
		if (a->tmp)
			unlink(a->tmp);
		atomic_free(a);
		return rc;
	}
	t->fp = a->fp;
	t->path = a->tmp ? a->tmp : a->path;
	t->name = a->path;
	*out = a;
	return 0;
}

/* Syncs the directory so that the rename survives a crash. */
static int
sync_dir(struct atomic *a)
{
	int fd = open(a->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return atomic_error(a->ctx, "sync directory", a->dir, errno);
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = atomic_error(a->ctx, "sync directory", a->dir, errno);
	close(fd);
	return rc;
}

/* Flushes the stream, syncs and closes the file; 0 or an error naming the
 * target and the cause. */
static int
finish_file(struct atomic *a)
{
	int err = 0;

	errno = 0;
	if (fflush(a->fp) != 0 || ferror(a->fp))
		err = errno ? errno : EIO;
	if (fclose(a->fp) != 0 && err == 0)
		err = errno ? errno : EIO;
	a->fp = NULL;
	if (err == 0 && fsync(a->fd) != 0 && (a->tmp || (errno != EINVAL &&
	    errno != EROFS && errno != ENOTSUP)))
		err = errno;
	if (close(a->fd) != 0 && err == 0 && errno != EINTR)
		err = errno;
	a->fd = -1;
	return err ? atomic_error(a->ctx, "write", a->path, err) : 0;
}

/* The checksum and size of what was written.  A format that wrote the
 * file by its path (not through the stream), or a target that did not
 * ask for the checksum, is read back once. */
static int
file_sum(struct atomic *a, struct atomic_sum *sum)
{
	uint64_t bytes = 0;
	struct stat sb;

	if (!a->hash || (a->tmp && stat(a->tmp, &sb) == 0 &&
	    (int64_t)sb.st_size != a->bytes)) {
		if (sha256_file(a->tmp ? a->tmp : a->path, sum->sha256, &bytes) != 0)
			return atomic_error(a->ctx, "read", a->tmp ? a->tmp : a->path,
			    errno);
		sum->bytes = (int64_t)bytes;
		return 0;
	}
	sha256_final_hex(&a->sum, sum->sha256);
	sum->bytes = a->bytes;
	return 0;
}

/*
 * Finishes the file: flush, fsync, rename over the target, fsync of the
 * directory; sum (may be NULL) gets the checksum and size.  On failure
 * the temporary file is removed and the target is as it was.  Frees a in
 * every case.
 */
int
atomic_commit(struct atomic *a, struct atomic_sum *sum)
{
	int rc;

	rc = finish_file(a);
	if (rc == 0 && sum)
		rc = file_sum(a, sum);
	if (rc == 0 && a->tmp && rename(a->tmp, a->path) != 0)
		rc = atomic_error(a->ctx, "write", a->path, errno);
	if (rc != 0 && a->tmp)
		unlink(a->tmp);
	else if (rc == 0 && a->tmp)
		rc = sync_dir(a);
	atomic_free(a);
	return rc;
}

/* Abandons the file: the temporary file goes, the target stays as it was. */
void
atomic_abort(struct atomic *a)
{
	if (a == NULL)
		return;
	if (a->fp)
		fclose(a->fp);
	if (a->tmp)
		unlink(a->tmp);
	atomic_free(a);
}
