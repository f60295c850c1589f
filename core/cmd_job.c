/*
 * integra job and integra daemon: the verbs over the configured export
 * jobs (list, run, run-due, history) and the foreground scheduler for a
 * service manager.  run-due and the daemon share one rule: a job is due
 * when a scheduled time has come since its last successful run, missed
 * times are coalesced into one run, and the lock beside the database keeps
 * two schedulers from running at once.  The daemon stops within a second
 * of SIGTERM or SIGINT: nothing more starts and a running report is
 * abandoned.  The jobs are read in job_config.c, the due rule is in
 * job_clock.c, a run in job_run.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "job.h"
#include "suggest.h"

static const struct optdef now_opts[] = {
	{ .name = "now", .flags = OPT_ARG, .arg = "TIME",
	  .help = N_("act as if the local time were TIME (2021-07-26 06:00 or "
	  "2021-07-26T06:00; +03:00 picks one of a repeated hour)") },
	{ 0 }
};

static const struct optdef history_opts[] = {
	{ .name = "limit", .flags = OPT_ARG, .arg = "N",
	  .help = N_("only the newest N runs") },
	{ 0 }
};

const struct optdef cmd_daemon_opts[] = {
	{ .name = "now", .flags = OPT_ARG, .arg = "TIME",
	  .help = N_("start the clock at local TIME instead of the real time "
	  "(for testing)") },
	{ 0 }
};

/* The daemon's signals: kept blocked the whole time and taken with
 * sigtimedwait, while it sleeps and whenever it asks whether to stop (no
 * handler runs in the middle of a job). */
static sigset_t daemon_set;
static bool got_hup, got_term;

/* Takes the daemon's pending signals, waiting up to ms for the first:
 * SIGHUP asks for a reload, SIGTERM and SIGINT for a stop. */
static void
daemon_take(int64_t ms)
{
	struct timespec ts;
	int sig;

	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	for (;;) {
		if ((sig = sigtimedwait(&daemon_set, NULL, &ts)) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (sig == SIGHUP)
			got_hup = true;
		else
			got_term = true;
		ts.tv_sec = 0;
		ts.tv_nsec = 0;
	}
}

/* The daemon's stop check (struct job_clock's stop): true once SIGTERM or
 * SIGINT came; nothing more starts and a running report is abandoned. */
static bool
daemon_stop(void)
{
	if (!got_term)
		daemon_take(0);
	return got_term;
}

/* True when the clock's scheduler was told to stop. */
static bool
stop_requested(const struct job_clock *clock)
{
	return clock->stop != NULL && clock->stop();
}

/* The clock of a command: --now, else real time. */
static int
clock_from_args(struct ctx *ctx, const struct args *a, struct job_clock *c)
{
	const char *now = args_get(a, "now");
	time_t t = (time_t)-1;
	int rc;

	if (now && (rc = job_parse_time(ctx, now, &t)) != 0)
		return rc;
	job_clock_init(c, t);
	return 0;
}

/* One line about one run: "job 'x' scheduled ...: ok, 12 rows, ...";
 * 0, or -1 with errno set when it could not be written. */
static int
log_run(FILE *fp, const struct job *job, time_t slot, const struct job_result *r)
{
	char when[40];

	if (slot)
		job_time_iso(slot, -1, when);
	fprintf(fp, "%sjob '%s' %s%s: %s", fp == stderr ? "integra: " : "", job->name,
	    slot ? _("scheduled ") : _("run by hand"), slot ? when : "", r->outcome);
	if (strcmp(r->outcome, "failed") == 0)
		fprintf(fp, ": %s\n", r->error ? r->error : _("no reason given"));
	else if (strcmp(r->outcome, "skipped") == 0)
		fputs(_(" (no rows, on_empty = \"skip\")\n"), fp);
	else {
		fprintf(fp, _(", %lld rows, %lld bytes, %s"), (long long)r->rows,
		    (long long)r->bytes, r->path);
		if (job->mail_to)
			fprintf(fp, _(", mailed to %s%s"), job->mail_to[0],
			    job->mail_to[1] ? _(" and others") : "");
		fprintf(fp, "%s%s\n", r->error ? "; " : "", r->error ? r->error : "");
	}
	return fflush(fp) != 0 || ferror(fp) ? -1 : 0;
}

/* log_run to the command's output: a line that cannot be written fails
 * the command (unless it failed already). */
static int
log_run_out(struct ctx *ctx, FILE *fp, const struct job *job, time_t slot,
    const struct job_result *r, int rc)
{
	if (log_run(fp, job, slot, r) == 0 || fp == stderr || rc != 0)
		return rc;
	return error_set(ctx, ERR_FAIL, "cannot write to standard output: %s",
	    strerror(errno ? errno : EIO));
}

/* One row of `job list`: last is the statement reading the job's last run. */
static int
list_row(struct ctx *ctx, struct out *o, struct dbst *last, const struct job *job,
    time_t now)
{
	struct integra_value v[6];
	struct job_state stt;
	char next[40], *words;
	size_t k;
	int rc;

	if ((rc = job_state(ctx, job, now, &stt)) != 0)
		return rc;
	if (stt.due)
		snprintf(next, sizeof(next), _("due now"));
	else if (stt.next == (time_t)-1)
		snprintf(next, sizeof(next), _("never"));
	else
		job_time_iso(stt.next, -1, next);
	words = cron_describe(&job->cron);
	memset(v, 0, sizeof(v));
	for (k = 0; k < ARRAY_SIZE(v); k++)
		v[k].type = INTEGRA_TEXT;
	v[0].s = job->name;
	v[1].s = job->schedule;
	v[2].s = words;
	v[5].s = next;
	dbst_reset(last);
	db_bind(last, "t", job->name);
	if ((rc = dbst_step(last)) == DB_ROW) {
		v[3].s = dbst_text(last, 0);
		v[4].s = dbst_text(last, 1);
	} else {
		v[3].type = v[4].type = INTEGRA_NULL;
	}
	for (k = 0; k < ARRAY_SIZE(v); k++)
		v[k].n = v[k].s ? strlen(v[k].s) : 0;
	if (rc == DB_ROW || rc == DB_DONE)
		rc = out_row(o, v);
	else
		rc = db_error(ctx, "cannot read the job history");
	free(words);
	return rc;
}

static int
job_list(struct ctx *ctx, struct args *a)
{
	static const struct integra_column cols[] = {
		{ .name = "name", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "schedule", .type = INTEGRA_TEXT, .flags = 0 },
		{ .name = "when", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "last_run", .type = INTEGRA_TEXT, .flags = 0 },
		{ .name = "outcome", .type = INTEGRA_TEXT, .flags = 0 }, { .name = "next_run", .type = INTEGRA_TEXT, .flags = 0 }
	};
	struct job_clock clock;
	struct jobs jobs;
	struct out *o = NULL;
	struct dbst *last = NULL;
	time_t now;
	size_t i;
	int rc;

	if ((rc = clock_from_args(ctx, a, &clock)) != 0 ||
	    (rc = jobs_load(ctx, &jobs)) != 0)
		return rc;
	now = job_clock_now(&clock, NULL);
	if ((rc = db_prepare(ctx, &last, "SELECT started, outcome FROM job_run "
	    "WHERE job = ? AND outcome <> 'armed' ORDER BY id DESC LIMIT 1")) != 0 ||
	    (rc = out_open(ctx, "Export jobs", cols, ARRAY_SIZE(cols), &o)) != 0)
		goto out;
	for (i = 0; rc == 0 && i < jobs.n; i++)
		rc = list_row(ctx, o, last, &jobs.v[i], now);
	if (out_close(o, rc == 0) != 0 && rc == 0)
		rc = ctx->err ? ctx->err : ERR_FAIL;
out:
	dbst_finalize(last);
	jobs_free(&jobs);
	return rc;
}

static int
no_job(struct ctx *ctx, const struct jobs *jobs, const char *name)
{
	struct buf b = { 0 };
	struct suggest sg;
	char near[256];
	size_t i;
	int rc;

	suggest_init(&sg, name);
	for (i = 0; i < jobs->n; i++) {
		buf_printf(&b, "%s%s", i ? ", " : "", jobs->v[i].name);
		suggest_add(&sg, jobs->v[i].name);
	}
	if (suggest_text(&sg, "", near, sizeof(near)) > 0)
		rc = error_set(ctx, ERR_NOTFOUND, "no job '%s' in the configuration; "
		    "did you mean %s? (jobs: %s)", name, near, b.s);
	else
		rc = error_set(ctx, ERR_NOTFOUND, "no job '%s' in the configuration "
		    "(jobs: %s)", name, b.s ? b.s : "none");
	buf_release(&b);
	return rc;
}

static int
job_run(struct ctx *ctx, struct args *a)
{
	struct job_clock clock;
	struct job_result res;
	const struct job *job;
	struct jobs jobs;
	int rc, fd = -1;

	if ((rc = clock_from_args(ctx, a, &clock)) != 0 ||
	    (rc = jobs_load(ctx, &jobs)) != 0)
		return rc;
	if ((job = jobs_find(&jobs, a->pos[0])) == NULL) {
		rc = no_job(ctx, &jobs, a->pos[0]);
		goto out;
	}
	if ((rc = job_lock(ctx, "job run", &fd)) != 0)
		goto out;
	rc = job_execute(ctx, job, 0, &clock, &res);
	rc = log_run_out(ctx, ctx->out, job, 0, &res, rc);
	job_result_release(&res);
out:
	job_unlock(ctx, fd);
	jobs_free(&jobs);
	return rc;
}

/* Runs every due job once (arming jobs seen for the first time); counts
 * runs and failures.  Starts nothing more once the clock's scheduler is
 * told to stop. */
static int
run_due_jobs(struct ctx *ctx, const struct jobs *jobs, const struct job_clock *clock,
    FILE *log, int *runs, int *failed)
{
	struct job_result res;
	struct job_state st;
	size_t i;
	int rc;

	for (i = 0; i < jobs->n && !stop_requested(clock); i++) {
		if ((rc = job_state(ctx, &jobs->v[i], job_clock_now(clock, NULL), &st)) != 0)
			return rc;
		if (!st.armed) {
			if ((rc = job_arm(ctx, &jobs->v[i], job_clock_now(clock, NULL))) != 0)
				return rc;
			continue;
		}
		if (!st.due)
			continue;
		rc = job_execute(ctx, &jobs->v[i], st.slot, clock, &res);
		(*runs)++;
		if (rc != 0)
			(*failed)++;
		if (strcmp(res.outcome, "failed") == 0)
			rc = 0;		/* recorded; the next job runs */
		/* else: the history could not be written; stop */
		rc = log_run_out(ctx, log, &jobs->v[i], st.slot, &res, rc);
		job_result_release(&res);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
job_run_due(struct ctx *ctx, struct args *a)
{
	struct job_clock clock;
	struct jobs jobs;
	int rc, fd = -1, runs = 0, failed = 0;

	if ((rc = clock_from_args(ctx, a, &clock)) != 0 ||
	    (rc = jobs_load(ctx, &jobs)) != 0)
		return rc;
	if ((rc = job_lock(ctx, "run-due", &fd)) == 0)
		rc = run_due_jobs(ctx, &jobs, &clock, ctx->out, &runs, &failed);
	if (rc == 0 && failed)
		rc = error_set(ctx, ERR_FAIL, "%d of %d job runs failed (see 'integra "
		    "job history')", failed, runs);
	job_unlock(ctx, fd);
	jobs_free(&jobs);
	return rc;
}

static int
job_history(struct ctx *ctx, struct args *a)
{
	const char *name = a->npos ? a->pos[0] : NULL, *lim = args_get(a, "limit");
	struct dbst *st;
	int64_t n = 0, limit = INT64_MAX;
	char *end;
	int rc;

	if (lim) {
		limit = strtoll(lim, &end, 10);
		if (*lim == '\0' || *end || limit < 1)
			return error_set(ctx, ERR_USAGE, "--limit wants a positive whole "
			    "number, not '%s'", lim);
	}
	if (name && (rc = db_query_int(ctx, &n, "SELECT count(*) FROM job_run "
	    "WHERE job = ?", "t", name)) != 0)
		return rc;
	if (name && n == 0) {
		struct jobs jobs;

		if ((rc = jobs_load(ctx, &jobs)) != 0)
			return rc;
		rc = jobs_find(&jobs, name) ? 0 : no_job(ctx, &jobs, name);
		jobs_free(&jobs);
		if (rc != 0)
			return rc;
	}
	if ((rc = db_prepare(ctx, &st, "SELECT * FROM (SELECT id, job, scheduled, "
	    "started, round(CAST((julianday(finished) - julianday(started)) * 86400 "
	    "AS NUMERIC), 3) "
	    "AS duration, outcome, rows, bytes, path, sha256, error FROM job_run "
	    "WHERE outcome <> 'armed' AND (?1 IS NULL OR job = ?1) "
	    "ORDER BY id DESC LIMIT ?2) r ORDER BY id")) != 0)
		return rc;
	db_bind(st, "ti", name, limit);
	return out_query(ctx, "Job history", st, NULL);
}

/* --- the daemon --- */

/* Reloads the configuration and the jobs; on error keeps the old ones. */
static void
daemon_reload(struct ctx *ctx, struct jobs *jobs)
{
	struct cfg *old = ctx->cfg, *fresh = NULL;
	struct jobs nj;

	ctx->cfg = NULL;
	if (cfg_load(ctx, &fresh) != 0) {
		warn_msg("reload failed, keeping the old configuration: %s", ctx->errmsg);
		ctx->cfg = old;
		return;
	}
	if (strcmp(cfg_database(fresh), cfg_database(old)) != 0)
		warn_msg("reload: the database stays '%s' until a restart",
		    cfg_database(old));
	cfg_set_database(fresh, cfg_database(old), CFG_OPTION);
	ctx->cfg = fresh;
	if (jobs_load(ctx, &nj) != 0) {
		warn_msg("reload failed, keeping the old configuration: %s", ctx->errmsg);
		ctx->cfg = old;
		cfg_free(fresh);
		return;
	}
	cfg_free(old);
	jobs_free(jobs);
	*jobs = nj;
	warn_msg("configuration reloaded: %zu jobs", jobs->n);
}

/* One pass: runs what is due under the lock; returns when to wake (in a
 * minute after an error, so that a failing database is not hammered). */
static time_t
daemon_pass(struct ctx *ctx, const struct jobs *jobs, const struct job_clock *clock)
{
	struct job_state st;
	time_t now, wake;
	int fd, rc, runs = 0, failed = 0;
	size_t i;

	now = job_clock_now(clock, NULL);
	wake = now + 60;
	if (job_lock(ctx, "daemon", &fd) != 0) {
		warn_msg("%s", ctx->errmsg);
		return wake;
	}
	if ((rc = run_due_jobs(ctx, jobs, clock, stderr, &runs, &failed)) != 0)
		warn_msg("%s", ctx->errmsg);
	job_unlock(ctx, fd);
	if (rc != 0)
		return job_clock_now(clock, NULL) + 60;
	now = job_clock_now(clock, NULL);
	for (i = 0; i < jobs->n; i++) {
		if (job_state(ctx, &jobs->v[i], now, &st) != 0)
			continue;
		if (st.due)
			wake = now;
		else if (st.next != (time_t)-1 && st.next < wake)
			wake = st.next;
	}
	return wake;
}

/* Sleeps until the clock shows `wake` (at most a minute at a time, so that
 * a changed wall clock is noticed), or a signal comes. */
static void
daemon_sleep(const struct job_clock *clock, time_t wake)
{
	int64_t ms_left;
	time_t now;
	int ms;

	now = job_clock_now(clock, &ms);
	ms_left = (int64_t)(wake - now) * 1000 - ms;
	if (ms_left <= 0)
		return;
	daemon_take(ms_left > 60000 ? 60000 : ms_left);
}

/* Blocks SIGHUP, SIGTERM and SIGINT for the daemon's life (daemon_take
 * takes them); *old gets the mask to restore. */
static void
daemon_signals(sigset_t *old)
{
	sigemptyset(&daemon_set);
	sigaddset(&daemon_set, SIGHUP);
	sigaddset(&daemon_set, SIGTERM);
	sigaddset(&daemon_set, SIGINT);
	sigprocmask(SIG_BLOCK, &daemon_set, old);
	got_hup = got_term = false;
}

int
cmd_daemon(struct ctx *ctx, struct args *a)
{
	struct job_clock clock;
	sigset_t old;
	struct jobs jobs;
	time_t wake;
	int rc;

	if ((rc = clock_from_args(ctx, a, &clock)) != 0 ||
	    (rc = jobs_load(ctx, &jobs)) != 0)
		return rc;
	clock.stop = daemon_stop;
	daemon_signals(&old);
	warn_msg("daemon started (pid %ld, %zu jobs, database '%s')", (long)getpid(),
	    jobs.n, cfg_database(ctx->cfg));
	while (!daemon_stop()) {
		if (got_hup) {
			got_hup = false;
			daemon_reload(ctx, &jobs);
			continue;
		}
		wake = daemon_pass(ctx, &jobs, &clock);
		if (!got_term && !got_hup)
			daemon_sleep(&clock, wake);
	}
	warn_msg("daemon stopping");
	sigprocmask(SIG_SETMASK, &old, NULL);
	jobs_free(&jobs);
	return 0;
}

const struct cmd cmd_job_verbs[] = {
	{ .name = "history", .usage = "[NAME] [--limit N]",
	  .summary = N_("each run with its outcome, rows, bytes, path and SHA-256"),
	  .help = N_("Shows each run: job, scheduled time, start, duration in seconds, "
	  "outcome\n(ok, skipped, failed), rows, bytes, output path, SHA-256 and "
	  "error."),
	  .opts = history_opts, .max_args = 1, .flags = CMD_DB | CMD_PLUGINS,
	  .exec = job_history },
	{ .name = "list", .usage = "[--now TIME]",
	  .summary = N_("the jobs with their schedule, last run and next run"),
	  .opts = now_opts, .flags = CMD_DB | CMD_PLUGINS, .exec = job_list },
	{ .name = "run", .usage = "NAME [--now TIME]",
	  .summary = N_("run a job now, whatever its schedule"), .opts = now_opts,
	  .min_args = 1, .max_args = 1, .flags = CMD_DB | CMD_PLUGINS,
	  .exec = job_run },
	{ .name = "run-due", .usage = "[--now TIME]",
	  .summary = N_("run the jobs that are due (missed runs coalesced into one)"),
	  .help = N_("Runs every job whose scheduled time has come since its last "
	  "successful\nrun; made to be called every minute by cron or a systemd "
	  "timer.  A job\nseen for the first time is armed: it first runs at its "
	  "next scheduled\ntime.  A failed run is retried no sooner than 10 minutes "
	  "later.  Exits 1\nwhen a run failed, and 5 when another run-due (or the "
	  "daemon) holds the\nlock beside the database."),
	  .opts = now_opts, .flags = CMD_DB | CMD_PLUGINS, .exec = job_run_due },
	{ 0 }
};
