/*
 * Running one export job: the report goes straight from the report engine
 * into the atomic writer (an unnamed temporary file beside the target,
 * the SHA-256 computed as the bytes are written, fsync, link into place,
 * fsync of the directory), the mail of the output when the job has
 * mail_to (job_mail.c), then the job_run row in a short transaction of
 * its own, on_success and retention.  Under the daemon a report is
 * abandoned when the daemon is told to stop.  Also the lock beside the
 * database that keeps two schedulers apart.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integra.h"
#include "job.h"
#include "sha256.h"

/* The output path of a run at time t, or NULL (caller frees). */
static char *
output_path(const struct job *job, time_t t)
{
	char path[4096];

	if (job_path(job->output, t, path, sizeof(path)) == 0)
		return NULL;
	return xstrdup(path);
}

/* The directory of path must be writable (named in the error). */
static int
check_dir(struct ctx *ctx, const char *path)
{
	char *copy = xstrdup(path), *dir = dirname(copy);
	int rc = 0;

	if (access(dir, W_OK | X_OK) != 0)
		rc = error_set(ctx, ERR_FAIL, "output directory '%s' is not writable: %s",
		    dir, strerror(errno));
	free(copy);
	return rc;
}

/* The progress handler while a report runs for the daemon: non-zero
 * (interrupt the statement; on PostgreSQL the server cancels it) once the
 * daemon is told to stop. */
static int
stop_progress(void *ud)
{
	const struct job_clock *clock = ud;

	return clock->stop() ? 1 : 0;
}

/* Runs the report into t; under the daemon (clock->stop set) the report
 * is abandoned when a stop comes while it runs. */
static int
run_report(struct ctx *ctx, const struct job *job, const struct job_clock *clock,
    const struct out_target *t, int64_t *rows)
{
	int rc;

	if (clock->stop == NULL)
		return report_run(ctx, job->report, &job->params, t, rows);
	dbc_progress_handler(ctx->db, 10000, stop_progress, (void *)clock);
	rc = report_run(ctx, job->report, &job->params, t, rows);
	dbc_progress_handler(ctx->db, 0, NULL, NULL);
	if (rc != 0 && clock->stop())
		rc = error_set(ctx, ERR_FAIL, "abandoned: the scheduler was told to "
		    "stop (SIGTERM or SIGINT) while the report ran");
	return rc;
}

/* Runs the job's report into the atomic writer for res->path; sets the
 * outcome, and for a written file its rows, size and checksum. */
static int
produce(struct ctx *ctx, const struct job *job, const struct job_clock *clock,
    struct job_result *res)
{
	struct out_target t = { .format = job->format, .excel = job->excel,
	    .mode = job->mode & 0666, .checksum = true };
	struct atomic_sum sum;
	struct atomic *file;
	int64_t rows = 0;
	int rc;

	if ((rc = report_area(ctx, job->params.area)) != 0 ||
	    (rc = check_dir(ctx, res->path)) != 0 ||
	    (rc = atomic_open(ctx, res->path, &t, &file)) != 0)
		return rc;
	if ((rc = run_report(ctx, job, clock, &t, &rows)) != 0) {
		atomic_abort(file);
		return rc;
	}
	res->rows = rows;
	if (rows == 0 && job->skip_empty) {
		atomic_abort(file);
		free(res->path);
		res->path = NULL;
		res->outcome = "skipped";
		return 0;
	}
	if ((rc = atomic_commit(file, &sum)) != 0)
		return rc;
	memcpy(res->sha256, sum.sha256, sizeof(res->sha256));
	res->bytes = sum.bytes;
	res->outcome = "ok";
	return 0;
}

/* Runs the on_success command with the output path and job name in its
 * environment, no shell; NULL, or why it failed (caller frees). */
static char *
run_hook(const struct job *job, const char *path)
{
	sigset_t none;
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0)
		return xasprintf(_("on_success: cannot start '%s': %s"), job->on_success[0],
		    strerror(errno));
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		setenv("INTEGRA_OUTPUT", path, 1);
		setenv("INTEGRA_JOB", job->name, 1);
		execvp(job->on_success[0], job->on_success);
		fprintf(stderr, _("integra: on_success of job '%s': cannot run '%s': %s\n"),
		    job->name, job->on_success[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return xasprintf(_("on_success: cannot wait for '%s': %s"),
			    job->on_success[0], strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NULL;
	if (WIFEXITED(status))
		return xasprintf(_("on_success command '%s' exited with status %d"),
		    job->on_success[0], WEXITSTATUS(status));
	return xasprintf(_("on_success command '%s' was killed by signal %d"),
	    job->on_success[0], WTERMSIG(status));
}

/* Removes an old output path unless it changed since the job wrote it
 * (sum: the checksum recorded for it). */
static void
prune_file(const struct job *job, const char *path, const char *sum)
{
	char now[2 * SHA256_LEN + 1];

	if (sha256_file(path, now, NULL) != 0)
		return;		/* gone already */
	if (sum == NULL || strcmp(sum, now) != 0)
		warn_msg("job '%s': not removing '%s': it changed since the job "
		    "wrote it", job->name, path);
	else if (unlink(path) != 0)
		warn_msg("job '%s': cannot remove old output '%s': %s", job->name,
		    path, strerror(errno));
}

/* Removes this job's outputs beyond the newest `keep`: only paths that
 * job_run records for this job alone, and only while the file still has
 * the checksum recorded for it.  The run succeeded already: a failure
 * here is a warning. */
static void
prune(struct ctx *ctx, const struct job *job, const char *current)
{
	struct dbst *st;
	const char *path;
	int step;

	if (job->keep <= 0)
		return;
	if (db_prepare(ctx, &st,
	    "SELECT r.path, r.sha256, r.id FROM job_run r "
	    "WHERE r.job = ?1 AND r.outcome = 'ok' AND r.path IS NOT NULL "
	    "AND r.id = (SELECT max(x.id) FROM job_run x WHERE x.job = ?1 "
	    "AND x.outcome = 'ok' AND x.path = r.path) AND NOT EXISTS (SELECT 1 "
	    "FROM job_run o WHERE o.path = r.path AND o.job <> ?1 AND o.outcome = 'ok') "
	    "ORDER BY r.id DESC LIMIT 9223372036854775807 OFFSET ?2") != 0) {
		warn_msg("job '%s': retention: %s", job->name, ctx->errmsg);
		return;
	}
	db_bind(st, "td", job->name, job->keep);
	while ((step = dbst_step(st)) == DB_ROW) {
		path = dbst_text(st, 0);
		if (strcmp(path, current) != 0)
			prune_file(job, path, dbst_text(st, 1));
	}
	if (step != DB_DONE)
		warn_msg("job '%s': retention stopped: cannot read the job history: %s",
		    job->name, dbc_errmsg(ctx->db));
	dbst_finalize(st);
}

/* Writes the job_run row of a run; keeps the error of the run in ctx. */
static int
record(struct ctx *ctx, const struct job *job, time_t slot, const char *started,
    const char *finished, const struct job_result *res)
{
	char sched[40];
	int saved = ctx->err;
	char msg[sizeof(ctx->errmsg)];
	int rc;

	memcpy(msg, ctx->errmsg, sizeof(msg));
	if (slot)
		job_time_iso(slot, -1, sched);
	rc = db_exec(ctx, "INSERT INTO job_run (job, scheduled, started, finished, "
	    "outcome, rows, bytes, path, sha256, error) VALUES (?, ?, ?, ?, ?, "
	    "nullif(?, -1), nullif(?, -1), ?, nullif(?, ''), ?)", "tttttiitt" "t",
	    job->name, slot ? sched : NULL, started, finished, res->outcome,
	    res->rows, res->bytes, res->path, res->sha256, res->error);
	if (rc == 0) {
		ctx->err = saved;
		memcpy(ctx->errmsg, msg, sizeof(msg));
	}
	return rc;
}

/* Runs the job for slot (0: by hand), records the run, then on_success
 * and retention. */
int
job_execute(struct ctx *ctx, const struct job *job, time_t slot,
    const struct job_clock *clock, struct job_result *res)
{
	char started[40], finished[40];
	int ms, rc;
	time_t t;

	memset(res, 0, sizeof(*res));
	res->rows = -1;
	res->bytes = -1;
	res->outcome = "failed";
	t = job_clock_now(clock, &ms);
	job_time_iso(t, ms, started);
	res->path = output_path(job, slot ? slot : t);
	if (res->path == NULL)
		rc = error_set(ctx, ERR_FAIL, "output pattern '%s' gives no path "
		    "(empty, too long, or with a control character)", job->output);
	else
		rc = produce(ctx, job, clock, res);
	if (rc == 0 && res->path && job->mail_to &&
	    (rc = job_mail(ctx, job, res, slot ? slot : t)) != 0)
		res->outcome = "failed";	/* the file stays */
	if (rc != 0)
		res->error = xstrdup(ctx->errmsg);
	else if (res->path && job->on_success)
		res->error = run_hook(job, res->path);
	t = job_clock_now(clock, &ms);
	job_time_iso(t, ms, finished);
	if (record(ctx, job, slot, started, finished, res) != 0)
		return ctx->err;
	if (rc == 0 && res->path)
		prune(ctx, job, res->path);
	if (rc != 0)
		return error_set(ctx, ERR_FAIL, "job '%s' failed: %s", job->name,
		    res->error);
	return 0;
}

void
job_result_release(struct job_result *res)
{
	free(res->path);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

/* --- the lock --- */

/*
 * On PostgreSQL the lock is the server's session-level advisory lock
 * (integra's application id "INTG", 1) in the database: it keeps apart
 * schedulers on every machine that shares the server, and goes with the
 * connection when a scheduler dies.
 */
#define JOB_LOCK_SQL(fn) "SELECT CASE WHEN " fn "(1229870151, 1) " \
	"THEN 1 ELSE 0 END"

/* Takes the server's job lock; ERR_BUSY when another session holds it. */
static int
server_lock(struct ctx *ctx, const char *who, int *fd_out)
{
	int64_t got = 0;
	int rc;

	*fd_out = -1;
	if ((rc = db_query_int(ctx, &got, JOB_LOCK_SQL("pg_try_advisory_lock"),
	    "")) != 0)
		return rc;
	if (got != 1)
		return error_set(ctx, ERR_BUSY, "%s: another run-due is running "
		    "(the job lock of the database on the server is held, perhaps "
		    "by another machine); try again later", who);
	*fd_out = JOB_LOCK_SERVER;
	return 0;
}

/* Takes the jobs' lock without waiting: flock on the file beside an
 * SQLite database, the server's advisory lock on PostgreSQL. */
int
job_lock(struct ctx *ctx, const char *who, int *fd_out)
{
	char *path;
	int fd, rc = 0;

	if (dbc_is_pg(ctx->db))
		return server_lock(ctx, who, fd_out);
	path = xasprintf("%s.jobs.lock", cfg_database(ctx->cfg));
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = error_set(ctx, ERR_FAIL, "cannot open lock file '%s': %s", path,
		    strerror(errno));
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		rc = errno == EWOULDBLOCK ?
		    error_set(ctx, ERR_BUSY, "%s: another run-due is running "
		    "(lock '%s' is held); try again later", who, path) :
		    error_set(ctx, ERR_FAIL, "cannot lock '%s': %s", path,
		    strerror(errno));
		close(fd);
		fd = -1;
	}
	free(path);
	*fd_out = fd;
	return rc;
}

/* Lets the lock go; on the server without touching ctx's error (the
 * command's own), and a lock left by a failure goes with the connection. */
void
job_unlock(struct ctx *ctx, int fd)
{
	if (fd == JOB_LOCK_SERVER)
		(void)dbc_exec(ctx->db, JOB_LOCK_SQL("pg_advisory_unlock"));
	else if (fd >= 0)
		close(fd);
}
