/*
 * The rejects file of import --keep-going: the header of the imported
 * file with two more columns, line and reason, then every refused row as
 * it was read.  Every write is checked: a file that cannot be written in
 * full (a full disk, an I/O error) fails the import with its cause, and
 * the import then stores nothing, rather than leave a rejects file that
 * silently lacks rows.  The file gets the mode of reports (output_mode),
 * not 0666 less the umask.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"

/* The error of a failed write to the rejects file; errno is its cause. */
static int
write_failed(struct import *imp)
{
	return error_set(imp->ctx, ERR_FAIL, "cannot write the rejects file '%s': %s; "
	    "nothing stored", imp->rejects_path, strerror(errno ? errno : EIO));
}

/* Writes one CSV field, quoted when it needs to be; false when a write
 * failed. */
static bool
put_field(FILE *fp, const char *s, bool first)
{
	bool ok = true;

	if (!first)
		ok = putc(',', fp) != EOF;
	if (strpbrk(s, ",\"\r\n") == NULL && *s != ' ')
		return fputs(s, fp) != EOF && ok;
	ok = putc('"', fp) != EOF && ok;
	for (; *s && ok; s++) {
		if (*s == '"')
			ok = putc('"', fp) != EOF;
		ok = putc(*s, fp) != EOF && ok;
	}
	return putc('"', fp) != EOF && ok;
}

/* Ends a record: the line and the reason, then CRLF. */
static int
put_end(struct import *imp, const char *line, const char *reason)
{
	errno = 0;
	if (!put_field(imp->rejects, line, false) ||
	    !put_field(imp->rejects, reason, false) ||
	    fputs("\r\n", imp->rejects) == EOF || ferror(imp->rejects))
		return write_failed(imp);
	return 0;
}

/* Opens path for writing; a regular file of ours gets the reports' mode
 * (output_mode, never above 0666), whatever the umask: the rows are
 * personal data.  NULL with errno set on failure. */
static FILE *
rejects_create(struct ctx *ctx, const char *path)
{
	mode_t mode = (mode_t)(ctx->cfg ? cfg_output_mode(ctx->cfg) : 0640) & 0666;
	struct stat sb;
	FILE *fp;
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || (S_ISREG(sb.st_mode) && sb.st_uid == geteuid() &&
	    fchmod(fd, mode) != 0) || (fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	return fp;
}

/* Creates the rejects file (never the file being imported) and writes
 * its header. */
int
rejects_open(struct import *imp, const char *path)
{
	struct stat in, out;
	size_t i;

	if (stat(path, &out) == 0 && fstat(imp->fd, &in) == 0 &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino)
		return error_set(imp->ctx, ERR_USAGE, "--rejects '%s' is the file being "
		    "imported", path);
	if ((imp->rejects = rejects_create(imp->ctx, path)) == NULL)
		return error_set(imp->ctx, ERR_FAIL, "cannot create '%s': %s", path,
		    strerror(errno));
	imp->rejects_path = path;
	errno = 0;
	for (i = 0; i < imp->nhead; i++)
		if (!put_field(imp->rejects, imp->csv.field[i], i == 0))
			return write_failed(imp);
	return put_end(imp, "line", "reason");
}

/* Writes the current row, its line and why, to the rejects file. */
int
rejects_write(struct import *imp)
{
	char line[32];
	size_t i;

	if (imp->rejects == NULL)
		return 0;
	errno = 0;
	for (i = 0; i < imp->nhead || i < imp->cur.nfields; i++)
		if (!put_field(imp->rejects, i < imp->cur.nfields ? imp->cur.field[i] :
		    "", i == 0))
			return write_failed(imp);
	snprintf(line, sizeof(line), "%lld", (long long)imp->cur.line);
	return put_end(imp, line, imp->reason.s ? imp->reason.s : "");
}

/* Writes out and closes the rejects file: a failure of either is the
 * import's. */
int
rejects_close(struct import *imp)
{
	FILE *fp = imp->rejects;

	if (fp == NULL)
		return 0;
	imp->rejects = NULL;
	errno = 0;
	if (fflush(fp) == EOF || ferror(fp)) {
		int e = errno;

		fclose(fp);
		errno = e;
		return write_failed(imp);
	}
	errno = 0;
	if (fclose(fp) == EOF)
		return write_failed(imp);
	return 0;
}

/* Closes the rejects file after a failed import (what it holds is of no
 * use: the import stored nothing). */
void
rejects_abort(struct import *imp)
{
	if (imp->rejects)
		fclose(imp->rejects);
	imp->rejects = NULL;
}
