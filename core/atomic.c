/*
 * Atomic file output for -o FILE and the export jobs: the result goes to
 * an unnamed temporary file in the target's directory (O_TMPFILE, so a
 * kill at any moment leaves nothing behind, and the final link stays on
 * one file system), with the configured mode (never above 0666); commit
 * flushes and syncs it, links it into place (straight to a new target, or
 * through a hidden name renamed over an existing one) and syncs the
 * directory.  Any failure leaves the previous target untouched.  Only
 * regular files are written: a device, FIFO, socket or symbolic link at
 * the path is refused.  Where the file system has no O_TMPFILE (or /proc
 * is not mounted) a named temporary file ".NAME.XXXXXX" is used as
 * before.  The stream handed out counts the bytes and, when the target
 * asks for its checksum (export jobs), hashes them (SHA-256) as it
 * writes them, so the checksum of a job's output needs no second reading.
 */
#include <sys/random.h>
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
#define ATOMIC_MODE_MAX 0666	/* read and write at most, never execute */

struct atomic {
	struct ctx *ctx;
	char *path;		/* the target */
	char *tmp;		/* the named temporary file, NULL when unnamed */
	char *dir;		/* the target's directory */
	char fdpath[32];	/* "/proc/self/fd/N" of the unnamed file */
	int fd;
	FILE *fp;		/* the hashing stream over fd */
	char *iobuf;
	bool hash;		/* the target asked for its checksum */
	struct sha256 sum;	/* of every byte written through fp, when hash */
	int64_t bytes;
};

/* The failure to read, write or sync path, each a whole sentence. */
static int
atomic_error(struct ctx *ctx, const char *what, const char *path, int err)
{
	if (strcmp(what, "read") == 0)
		return error_set(ctx, ERR_FAIL, "cannot read '%s': %s", path,
		    strerror(err));
	if (strcmp(what, "sync directory") == 0)
		return error_set(ctx, ERR_FAIL, "cannot sync directory '%s': %s",
		    path, strerror(err));
	return error_set(ctx, ERR_FAIL, "cannot write '%s': %s", path,
	    strerror(err));
}

/* The target must be absent or a regular file (not followed if it is a
 * symbolic link). */
static int
check_target(struct ctx *ctx, const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? 0 : atomic_error(ctx, "write", path, errno);
	if (S_ISDIR(sb.st_mode))
		return error_set(ctx, ERR_FAIL, "cannot write '%s': is a directory", path);
	if (!S_ISREG(sb.st_mode))
		return error_set(ctx, ERR_FAIL, "refusing to write '%s': it is %s, and "
		    "outputs go only to regular files (remove it or choose another "
		    "path; without -o a result goes to standard output)", path,
		    file_kind(sb.st_mode));
	return 0;
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

/* Creates an unnamed file in the target's directory, reachable by the
 * name /proc/self/fd/N (a format that writes by path opens that, and
 * commit links it); false when the system cannot (no O_TMPFILE in this
 * file system, no /proc), so that a named one is made instead. */
static bool
open_unnamed(struct atomic *a)
{
	if ((a->fd = open(a->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)) < 0)
		return false;
	snprintf(a->fdpath, sizeof(a->fdpath), "/proc/self/fd/%d", a->fd);
	if (access(a->fdpath, F_OK) == 0)
		return true;
	close(a->fd);
	a->fd = -1;
	return false;
}

/* Creates the temporary file beside the target with mode: unnamed when
 * the system can, else named ".NAME.XXXXXX". */
static int
open_temp(struct atomic *a, unsigned mode)
{
	char *copy;
	int rc;

	if (open_unnamed(a) && fchmod(a->fd, (mode_t)mode) == 0)
		return 0;
	if (a->fd >= 0) {
		rc = atomic_error(a->ctx, "write", a->path, errno);
		close(a->fd);
		a->fd = -1;
		return rc;
	}
	copy = xstrdup(a->path);
	a->tmp = xasprintf("%s/.%s.XXXXXX", a->dir, basename(copy));
	free(copy);
	if ((a->fd = mkostemp(a->tmp, O_CLOEXEC)) >= 0 &&
	    fchmod(a->fd, (mode_t)mode) == 0)
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
 * atomic_commit or atomic_abort.  The mode loses any bit above 0666.  An
 * error names the path and the reason.
 */
int
atomic_open(struct ctx *ctx, const char *path, struct out_target *t,
    struct atomic **out)
{
	struct atomic *a;
	char *copy;
	int rc;

	if (path == NULL || *path == '\0')
		return error_set(ctx, ERR_USAGE, "empty output file name");
	if ((rc = check_target(ctx, path)) != 0)
		return rc;
	a = xcalloc(1, sizeof(*a));
	a->ctx = ctx;
	a->fd = -1;
	a->path = xstrdup(path);
	copy = xstrdup(path);
	a->dir = xstrdup(dirname(copy));
	free(copy);
	a->hash = t->checksum;
	if ((rc = open_temp(a, t->mode & ATOMIC_MODE_MAX)) == 0)
		rc = open_stream(a);
	if (rc != 0) {
		if (a->tmp)
			unlink(a->tmp);
		atomic_free(a);
		return rc;
	}
	t->fp = a->fp;
	t->path = a->tmp ? a->tmp : a->fdpath;
	t->name = a->path;
	*out = a;
	return 0;
}

/* Syncs the directory so that the new name survives a crash. */
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

/* Flushes the stream and syncs the file (still open); 0 or an error
 * naming the target and the cause. */
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
	if (err == 0 && fsync(a->fd) != 0)
		err = errno;
	return err ? atomic_error(a->ctx, "write", a->path, err) : 0;
}

/* The checksum and size of what was written.  A format that wrote the
 * file by its path (not through the stream), or a target that did not
 * ask for the checksum, is read back once. */
static int
file_sum(struct atomic *a, struct atomic_sum *sum)
{
	const char *name = a->tmp ? a->tmp : a->fdpath;
	uint64_t bytes = 0;
	struct stat sb;

	if (!a->hash || (fstat(a->fd, &sb) == 0 && (int64_t)sb.st_size != a->bytes)) {
		if (sha256_file(name, sum->sha256, &bytes) != 0)
			return atomic_error(a->ctx, "read", name, errno);
		sum->bytes = (int64_t)bytes;
		return 0;
	}
	sha256_final_hex(&a->sum, sum->sha256);
	sum->bytes = a->bytes;
	return 0;
}

/* Gives the unnamed file the hidden name ".NAME.XXXXXX" beside the target
 * (*tmp, caller frees), to be renamed over it. */
static int
link_hidden(struct atomic *a, char **tmp)
{
	char *copy = xstrdup(a->path), *base = basename(copy);
	uint32_t r;
	int i;

	for (i = 0; i < 100; i++) {
		if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
			r = (uint32_t)getpid() * 2654435761u + (uint32_t)i;
		*tmp = xasprintf("%s/.%s.%06x", a->dir, base, r & 0xffffff);
		if (linkat(AT_FDCWD, a->fdpath, AT_FDCWD, *tmp, AT_SYMLINK_FOLLOW) == 0)
			break;
		free(*tmp);
		*tmp = NULL;
		if (errno != EEXIST)
			break;
	}
	free(copy);
	return *tmp ? 0 : atomic_error(a->ctx, "write", a->path, errno ? errno : EEXIST);
}

/* Puts the finished file in place of the target: a named temporary file
 * by rename; an unnamed one linked straight to a new target, or linked
 * to a hidden name that is renamed over an existing one (the only moment
 * a kill could leave a name behind is between those two calls). */
static int
put_in_place(struct atomic *a)
{
	char *hidden = NULL;
	int rc;

	if ((rc = check_target(a->ctx, a->path)) != 0)
		return rc;
	if (a->tmp)
		return rename(a->tmp, a->path) == 0 ? 0 :
		    atomic_error(a->ctx, "write", a->path, errno);
	if (linkat(AT_FDCWD, a->fdpath, AT_FDCWD, a->path, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	if (errno != EEXIST)
		return atomic_error(a->ctx, "write", a->path, errno);
	if ((rc = link_hidden(a, &hidden)) != 0)
		return rc;
	if (rename(hidden, a->path) != 0) {
		rc = atomic_error(a->ctx, "write", a->path, errno);
		unlink(hidden);
	}
	free(hidden);
	return rc;
}

/*
 * Finishes the file: flush, fsync, link or rename into place, fsync of
 * the directory; sum (may be NULL) gets the checksum and size.  On
 * failure the temporary file is gone and the target is as it was.  Frees
 * a in every case.
 */
int
atomic_commit(struct atomic *a, struct atomic_sum *sum)
{
	int rc;

	rc = finish_file(a);
	if (rc == 0 && sum)
		rc = file_sum(a, sum);
	if (rc == 0)
		rc = put_in_place(a);
	if (rc != 0 && a->tmp)
		unlink(a->tmp);
	if (close(a->fd) != 0 && rc == 0 && errno != EINTR)
		rc = atomic_error(a->ctx, "write", a->path, errno);
	a->fd = -1;
	if (rc == 0)
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
