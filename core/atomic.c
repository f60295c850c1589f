/*
 * Atomic file output for -o FILE and the export jobs: the result goes to a
 * temporary file beside the target (".NAME.XXXXXX", so the rename stays on
 * one file system), with the configured mode; commit flushes, syncs,
 * renames over the target and syncs the directory.  Any failure removes
 * the temporary file and leaves the previous target untouched.  A target
 * that exists and is not a regular file (/dev/stdout, a pipe, /dev/full)
 * is written in place, since it cannot be replaced by a rename.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"

#define ATOMIC_BUFSIZE (256 * 1024)

struct atomic {
	struct ctx *ctx;
	char *path;		/* the target */
	char *tmp;		/* the temporary file, NULL when writing in place */
	char *dir;		/* the target's directory */
	FILE *fp;
	char *iobuf;
	FILE *saved_out;
	const char *saved_sink;
};

static int
atomic_error(struct ctx *ctx, const char *what, const char *path, int err)
{
	return error_set(ctx, ERR_FAIL, "cannot %s '%s': %s", what, path,
	    strerror(err));
}

/* Opens a target that is not a regular file (a device or a pipe) directly. */
static int
open_in_place(struct atomic *a)
{
	int fd = open(a->path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return atomic_error(a->ctx, "write", a->path, errno);
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return atomic_error(a->ctx, "write", a->path, errno);
	}
	return 0;
}

/* Creates the temporary file beside the target with the configured mode. */
static int
open_temp(struct atomic *a)
{
	char *copy = xstrdup(a->path);
	unsigned mode = a->ctx->cfg ? cfg_output_mode(a->ctx->cfg) : 0640;
	int fd, rc = 0;

	a->tmp = xasprintf("%s/.%s.XXXXXX", a->dir, basename(copy));
	free(copy);
	if ((fd = mkstemp(a->tmp)) < 0) {
		rc = atomic_error(a->ctx, "write", a->path, errno);
		free(a->tmp);
		a->tmp = NULL;
		return rc;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || (a->fp = fdopen(fd, "w")) == NULL) {
		rc = atomic_error(a->ctx, "write", a->path, errno);
		close(fd);
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
	return rc;
}

static void
atomic_free(struct atomic *a)
{
	a->ctx->out = a->saved_out;
	a->ctx->sink_path = a->saved_sink;
	free(a->path);
	free(a->tmp);
	free(a->dir);
	free(a->iobuf);
	free(a);
}

/*
 * Starts writing path: sets ctx->out to the temporary file and
 * ctx->sink_path to its name until atomic_commit or atomic_abort, which
 * restore both.  An error names the path and the reason.
 */
int
atomic_open(struct ctx *ctx, const char *path, struct atomic **out)
{
	struct atomic *a;
	struct stat sb;
	char *copy;
	int rc;

	if (path == NULL || *path == '\0')
		return error_set(ctx, ERR_USAGE, "empty output file name");
	a = xcalloc(1, sizeof(*a));
	a->ctx = ctx;
	a->path = xstrdup(path);
	copy = xstrdup(path);
	a->dir = xstrdup(dirname(copy));
	free(copy);
	a->saved_out = ctx->out;
	a->saved_sink = ctx->sink_path;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		rc = error_set(ctx, ERR_FAIL, "cannot write '%s': is a directory", path);
	else if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		rc = open_in_place(a);
	else
		rc = open_temp(a);
	if (rc != 0) {
		atomic_free(a);
		return rc;
	}
	a->iobuf = xmalloc(ATOMIC_BUFSIZE);
	setvbuf(a->fp, a->iobuf, _IOFBF, ATOMIC_BUFSIZE);
	ctx->out = a->fp;
	ctx->sink_path = a->tmp ? a->tmp : a->path;
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

/* Flushes, syncs and closes the file; 0 or an error naming the target. */
static int
finish_file(struct atomic *a)
{
	int err = 0;

	if (fflush(a->fp) != 0 || ferror(a->fp))
		err = errno ? errno : EIO;
	else if (fsync(fileno(a->fp)) != 0 && (a->tmp || (errno != EINVAL &&
	    errno != EROFS && errno != ENOTSUP)))
		err = errno;
	if (fclose(a->fp) != 0 && err == 0)
		err = errno;
	a->fp = NULL;
	return err ? atomic_error(a->ctx, "write", a->path, err) : 0;
}

/*
 * Finishes the file: flush, fsync, rename over the target, fsync of the
 * directory.  On failure the temporary file is removed and the target is
 * as it was.  Frees a in every case.
 */
int
atomic_commit(struct atomic *a)
{
	int rc;

	errno = 0;
	rc = finish_file(a);
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
