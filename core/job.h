/*
 * Scheduled export jobs, in four files: job_config.c reads and checks the
 * jobs of the configuration (the report's arguments too) at load;
 * job_clock.c keeps the scheduler's clock (real, or simulated from --now)
 * and decides when a job is due from its history; job_run.c runs one job
 * (the report straight into the atomic writer, checksum while writing,
 * mail, history row, on_success, retention) and holds the lock that keeps
 * two schedulers apart; job_mail.c mails an output through the system's
 * sendmail.  The verbs and the daemon are in cmd_job.c.
 */
#ifndef INTEGRA_JOB_H
#define INTEGRA_JOB_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "cron.h"
#include "integra.h"

/* A failed scheduled run is retried no sooner than this after it. */
#define JOB_RETRY_SECONDS 600

struct job {
	char *name;
	char *report;
	char **args;		/* NULL-terminated, as written */
	struct report_params params;	/* args, parsed and checked at load
					 * (the strings are args') */
	bool excel;		/* args had --excel */
	const struct integra_format *format;	/* resolved at load */
	char *output;		/* strftime pattern of the output path */
	char *schedule;		/* as written */
	struct cron cron;
	int keep;		/* newest outputs kept; 0 keeps all */
	unsigned mode;
	bool skip_empty;	/* on_empty = "skip" */
	char **on_success;	/* NULL-terminated argv, or NULL */
	char **mail_to;		/* NULL-terminated addresses, or NULL */
	char *mail_subject;	/* strftime pattern, or NULL */
	char *mail_from;	/* the From header, or NULL */
	char *sendmail;		/* the sendmail program, or NULL */
};

struct jobs {
	struct job *v;
	size_t n;
};

/* The scheduler's clock: real time, or simulated time starting at --now
 * and advancing with the real clock.  stop, set by the daemon (NULL
 * otherwise), is asked between jobs and while a report runs: true when
 * the scheduler was told to stop, so nothing more starts and the running
 * report is abandoned. */
struct job_clock {
	bool simulated;
	time_t start;
	struct timespec mono0;
	bool (*stop)(void);
};

/* Where a job stands at a given time. */
struct job_state {
	bool armed;		/* the scheduler has seen the job before */
	time_t base;		/* scheduled time of the last success (or arming) */
	bool due;
	time_t slot;		/* when due: the scheduled time to run for */
	time_t next;		/* when not due: the next time it will be */
};

/* What one run did. */
struct job_result {
	const char *outcome;	/* "ok", "skipped" or "failed" */
	int64_t rows;		/* -1 when unknown */
	int64_t bytes;		/* -1 when no file */
	char *path;
	char sha256[65];
	char *error;
};

/* job_config.c */
/* Reads and checks every job of ctx->cfg; an error names file:line, the
 * job and the field. */
int jobs_load(struct ctx *ctx, struct jobs *out);
void jobs_free(struct jobs *jobs);
const struct job *jobs_find(const struct jobs *jobs, const char *name);

/* job_clock.c */
/* The output path of a job for time t (strftime of the pattern); 0 when
 * the pattern gives an empty or too long path, or one with a control
 * character (C0 or C1). */
size_t job_path(const char *pattern, time_t t, char *out, size_t n);
/* The byte offset of the first control character (C0, DEL, C1) in s, or
 * -1. */
long job_control_char(const char *s);
void job_clock_init(struct job_clock *c, time_t simulated_start);
time_t job_clock_now(const struct job_clock *c, int *ms);
int job_parse_time(struct ctx *ctx, const char *s, time_t *out);
/* "2021-07-26T06:00:00+03:00" (with ".123" before the offset if ms >= 0). */
void job_time_iso(time_t t, int ms, char out[40]);
int job_time_parse_iso(const char *s, time_t *out);

int job_state(struct ctx *ctx, const struct job *job, time_t now,
    struct job_state *out);
int job_arm(struct ctx *ctx, const struct job *job, time_t now);

/* job_run.c */
/* Runs the job for scheduled time slot (0 for a run by hand), records a
 * job_run row and fills res (release with job_result_release).  Returns
 * 0 when the run succeeded, ERR_FAIL with the reason in ctx otherwise. */
int job_execute(struct ctx *ctx, const struct job *job, time_t slot,
    const struct job_clock *clock, struct job_result *res);
void job_result_release(struct job_result *res);

/* job_mail.c */
/* Mails the output of run res (its file in place) to the job's mail_to
 * through sendmail -t -oi; t is the run's time (for the subject). */
int job_mail(struct ctx *ctx, const struct job *job, const struct job_result *res,
    time_t t);
/* The whole message of that mail, in b. */
int job_mail_message(struct ctx *ctx, const struct job *job,
    const struct job_result *res, time_t t, struct buf *b);
/* Appends "NAME: TEXT\n", TEXT as RFC 2047 encoded words if not ASCII. */
void job_mail_header(struct buf *b, const char *name, const char *text);
/* The MIME type of a file by its extension. */
const char *job_mail_type(const char *name);
/* True when s is a plain address (local@domain) sendmail may be given. */
bool job_mail_address_ok(const char *s);

/* The lock beside the database (on PostgreSQL the server's advisory lock,
 * *fd_out JOB_LOCK_SERVER); ERR_BUSY when another holds it. */
#define JOB_LOCK_SERVER (-2)
int job_lock(struct ctx *ctx, const char *who, int *fd_out);
void job_unlock(struct ctx *ctx, int fd);

#endif /* INTEGRA_JOB_H */
