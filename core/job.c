/*
 * Scheduled export jobs: reads and checks the `jobs` list of the
 * configuration (every error names the file and line, the job and the
 * field), keeps the scheduler's clock, works out when a job is due from
 * its job_run history (missed runs coalesced into one, like systemd's
 * Persistent=true), runs one job (the report into a temporary file in the
 * target directory, checksum, rename, directory fsync, then its job_run
 * row in a short transaction of its own, on_success and retention), and
 * holds the lock beside the database that keeps two schedulers apart.
 */
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <libgen.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integra.h"
#include "job.h"
#include "sha256.h"

static const char *const job_keys[] = {
	"name", "report", "args", "format", "output", "schedule", "keep", "mode",
	"on_empty", "on_success", NULL
};
static const char *const on_empty_values[] = { "write", "skip", NULL };

/* --- configuration --- */

/* strftime with the user's pattern (the pattern is data, not a literal). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static size_t
format_time(char *out, size_t n, const char *pattern, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return strftime(out, n, pattern, &tm);
}
#pragma GCC diagnostic pop

/* Sets an error "file:line: job 'NAME': MESSAGE" for setting s. */
static int
job_error(struct ctx *ctx, const config_setting_t *s, const char *job,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static int
job_error(struct ctx *ctx, const config_setting_t *s, const char *job,
    const char *fmt, ...)
{
	char *w = cfg_where(ctx->cfg, s), msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (job)
		error_set(ctx, ERR_INVALID, "%s: job '%s': %s", w, job, msg);
	else
		error_set(ctx, ERR_INVALID, "%s: %s", w, msg);
	free(w);
	return ERR_INVALID;
}

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* A string member; NULL with *rc set when present but not a string. */
static const char *
get_string(struct ctx *ctx, config_setting_t *grp, const char *job,
    const char *key, bool required, int *rc)
{
	config_setting_t *s = config_setting_get_member(grp, key);
	const char *v;

	if (s == NULL) {
		if (required)
			*rc = job_error(ctx, grp, job, "'%s' is missing", key);
		return NULL;
	}
	v = config_setting_get_string(s);
	if (v == NULL || (required && *v == '\0'))
		*rc = job_error(ctx, s, job, "'%s' must be a %sstring", key,
		    required ? "non-empty " : "");
	return v;
}

/* An array or list of strings as a NULL-terminated vector, or NULL. */
static int
get_strings(struct ctx *ctx, config_setting_t *grp, const char *job,
    const char *key, char ***out)
{
	config_setting_t *s = config_setting_get_member(grp, key), *e;
	const char *v;
	int i, n;

	*out = NULL;
	if (s == NULL)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST)
		return job_error(ctx, s, job, "'%s' must be an array of strings: "
		    "[ \"...\", \"...\" ]", key);
	n = config_setting_length(s);
	*out = xcalloc((size_t)n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if ((v = config_setting_get_string(e)) == NULL)
			return job_error(ctx, s, job, "'%s' element %d must be a string",
			    key, i + 1);
		(*out)[i] = xstrdup(v);
	}
	return 0;
}

static bool
valid_job_name(const char *s)
{
	size_t i;

	if (*s == '\0' || strlen(s) > 64 || *s == '-' || *s == '.')
		return false;
	for (i = 0; s[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-", s[i]))
			return false;
	return true;
}

/* Checks the output pattern: absolute, a file name, an existing directory
 * (with the pattern expanded for now). */
static int
check_output(struct ctx *ctx, config_setting_t *grp, const struct job *j)
{
	config_setting_t *s = config_setting_get_member(grp, "output");
	char path[4096], *dir;
	struct stat st;
	int rc = 0;

	if (j->output[0] != '/')
		return job_error(ctx, s, j->name, "'output' must be an absolute path, "
		    "not '%s'", j->output);
	if (j->output[strlen(j->output) - 1] == '/')
		return job_error(ctx, s, j->name, "'output' must name a file, not a "
		    "directory: '%s'", j->output);
	if (format_time(path, sizeof(path), j->output, time(NULL)) == 0)
		return job_error(ctx, s, j->name, "'output' pattern '%s' gives an "
		    "empty or too long path", j->output);
	dir = xstrdup(path);
	if (stat(dirname(dir), &st) != 0 || !S_ISDIR(st.st_mode))
		rc = job_error(ctx, s, j->name, "'output' directory '%s' does not "
		    "exist", dir);
	free(dir);
	return rc;
}

static int
check_format(struct ctx *ctx, config_setting_t *grp, const struct job *j)
{
	config_setting_t *s = config_setting_get_member(grp, "format");
	char why[sizeof(ctx->errmsg)];

	if (out_format_find(ctx, j->format) != NULL)
		return 0;
	memcpy(why, ctx->errmsg, sizeof(why));
	return job_error(ctx, s ? s : grp, j->name, "'format': %s", why);
}

/* The job's report must exist: a core report or a loaded plugin's. */
static int
check_report(struct ctx *ctx, config_setting_t *grp, const struct job *j)
{
	config_setting_t *s = config_setting_get_member(grp, "report");
	char why[sizeof(ctx->errmsg)];

	if (report_find(ctx, j->report, NULL) != NULL)
		return 0;
	memcpy(why, ctx->errmsg, sizeof(why));
	return job_error(ctx, s ? s : grp, j->name, "'report': %s", why);
}

static int
parse_schedule_keep_mode(struct ctx *ctx, config_setting_t *grp, struct job *j)
{
	config_setting_t *s;
	const char *v;
	char err[256], *end;
	unsigned long m;
	int rc = 0;

	if (cron_parse(j->schedule, &j->cron, err, sizeof(err)) != 0)
		return job_error(ctx, config_setting_get_member(grp, "schedule"), j->name,
		    "'schedule' \"%s\": %s", j->schedule, err);
	if ((s = config_setting_get_member(grp, "keep")) != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_INT ||
		    config_setting_get_int(s) < 0 || config_setting_get_int(s) > 100000)
			return job_error(ctx, s, j->name, "'keep' must be a whole number "
			    "0..100000 (0 keeps every output)");
		j->keep = config_setting_get_int(s);
	}
	j->mode = cfg_output_mode(ctx->cfg);
	if ((v = get_string(ctx, grp, j->name, "mode", false, &rc)) != NULL) {
		errno = 0;
		m = strtoul(v, &end, 8);
		if (*v == '\0' || *end || errno || m > 0777)
			return job_error(ctx, config_setting_get_member(grp, "mode"), j->name,
			    "'mode' must be an octal mode as a string, such as \"0640\"");
		j->mode = (unsigned)m;
	}
	if (rc == 0 && (v = get_string(ctx, grp, j->name, "on_empty", false, &rc)) &&
	    !in_list(on_empty_values, v))
		return job_error(ctx, config_setting_get_member(grp, "on_empty"), j->name,
		    "'on_empty' must be \"write\" or \"skip\", not '%s'", v);
	j->skip_empty = v && strcmp(v, "skip") == 0;
	return rc;
}

/* Reads one job group into j. */
static int
parse_job(struct ctx *ctx, config_setting_t *grp, int index, struct job *j)
{
	config_setting_t *s;
	const char *v, *name = NULL;
	char label[32];
	int i, rc = 0;

	snprintf(label, sizeof(label), "#%d", index + 1);
	if (config_setting_type(grp) != CONFIG_TYPE_GROUP)
		return job_error(ctx, grp, label, "must be a group { name = ...; ... }");
	if ((s = config_setting_get_member(grp, "name")) != NULL &&
	    (v = config_setting_get_string(s)) != NULL && *v)
		name = v;
	for (i = 0; i < config_setting_length(grp); i++) {
		s = config_setting_get_elem(grp, (unsigned)i);
		if (!in_list(job_keys, config_setting_name(s)))
			return job_error(ctx, s, name ? name : label, "unknown key '%s' "
			    "(known: name, report, args, format, output, schedule, keep, "
			    "mode, on_empty, on_success)", config_setting_name(s));
	}
	if ((v = get_string(ctx, grp, label, "name", true, &rc)) == NULL)
		return rc;
	if (!valid_job_name(v))
		return job_error(ctx, config_setting_get_member(grp, "name"), v,
		    "'name' may hold only letters, digits, '.', '_' and '-'");
	j->name = xstrdup(v);
	if ((v = get_string(ctx, grp, j->name, "report", true, &rc)) == NULL)
		return rc;
	j->report = xstrdup(v);
	v = get_string(ctx, grp, j->name, "format", false, &rc);
	j->format = xstrdup(v ? v : "csv");
	if (rc != 0 || (v = get_string(ctx, grp, j->name, "output", true, &rc)) == NULL)
		return rc;
	j->output = xstrdup(v);
	if ((v = get_string(ctx, grp, j->name, "schedule", true, &rc)) == NULL)
		return rc;
	j->schedule = xstrdup(v);
	if ((rc = get_strings(ctx, grp, j->name, "args", &j->args)) != 0 ||
	    (rc = get_strings(ctx, grp, j->name, "on_success", &j->on_success)) != 0)
		return rc;
	if (j->on_success && j->on_success[0] == NULL)
		return job_error(ctx, config_setting_get_member(grp, "on_success"),
		    j->name, "'on_success' must name a command: [ \"program\", \"arg\", ... ]");
	if ((rc = parse_schedule_keep_mode(ctx, grp, j)) != 0 ||
	    (rc = check_report(ctx, grp, j)) != 0 ||
	    (rc = check_format(ctx, grp, j)) != 0)
		return rc;
	return check_output(ctx, grp, j);
}

/* Reads and checks every job of the configuration in ctx->cfg. */
int
jobs_load(struct ctx *ctx, struct jobs *out)
{
	config_setting_t *list = cfg_jobs(ctx->cfg), *grp;
	size_t i, k;
	int n, rc = 0;

	memset(out, 0, sizeof(*out));
	if (list == NULL)
		return 0;
	n = config_setting_length(list);
	out->v = xcalloc((size_t)n + 1, sizeof(*out->v));
	for (i = 0; rc == 0 && i < (size_t)n; i++) {
		grp = config_setting_get_elem(list, (unsigned)i);
		rc = parse_job(ctx, grp, (int)i, &out->v[i]);
		out->n = i + 1;
		for (k = 0; rc == 0 && k < i; k++)
			if (strcmp(out->v[k].name, out->v[i].name) == 0)
				rc = job_error(ctx, config_setting_get_member(grp, "name"),
				    out->v[i].name, "'name' is already used by job %zu", k + 1);
	}
	if (rc != 0)
		jobs_free(out);
	return rc;
}

static void
free_vec(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

void
jobs_free(struct jobs *jobs)
{
	size_t i;

	for (i = 0; i < jobs->n; i++) {
		free(jobs->v[i].name);
		free(jobs->v[i].report);
		free_vec(jobs->v[i].args);
		free(jobs->v[i].format);
		free(jobs->v[i].output);
		free(jobs->v[i].schedule);
		free_vec(jobs->v[i].on_success);
	}
	free(jobs->v);
	memset(jobs, 0, sizeof(*jobs));
}

const struct job *
jobs_find(const struct jobs *jobs, const char *name)
{
	size_t i;

	for (i = 0; i < jobs->n; i++)
		if (strcmp(jobs->v[i].name, name) == 0)
			return &jobs->v[i];
	return NULL;
}

/* --- time --- */

void
job_clock_init(struct job_clock *c, time_t simulated_start)
{
	c->simulated = simulated_start != (time_t)-1;
	c->start = simulated_start;
	clock_gettime(CLOCK_MONOTONIC, &c->mono0);
}

time_t
job_clock_now(const struct job_clock *c, int *ms)
{
	struct timespec ts;
	int64_t el;

	if (!c->simulated) {
		clock_gettime(CLOCK_REALTIME, &ts);
		if (ms)
			*ms = (int)(ts.tv_nsec / 1000000);
		return ts.tv_sec;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	el = (int64_t)(ts.tv_sec - c->mono0.tv_sec) * 1000 +
	    (ts.tv_nsec - c->mono0.tv_nsec) / 1000000;
	if (ms)
		*ms = (int)(el % 1000);
	return c->start + (time_t)(el / 1000);
}

/* The earliest instant showing local time *want (the first of two when
 * clocks go back); -1 when clocks skipped it. */
static time_t
local_first(const struct tm *want)
{
	time_t best = (time_t)-1, t;
	struct tm tm, back;
	int isdst;

	for (isdst = 0; isdst <= 1; isdst++) {
		tm = *want;
		tm.tm_isdst = isdst;
		t = mktime(&tm);
		if (t == (time_t)-1 || localtime_r(&t, &back) == NULL ||
		    back.tm_mday != want->tm_mday || back.tm_hour != want->tm_hour ||
		    back.tm_min != want->tm_min)
			continue;
		if (best == (time_t)-1 || t < best)
			best = t;
	}
	return best;
}

/* Reads an offset "+03:00", "-05:00" or "Z" into seconds east of UTC. */
static int
parse_offset(const char *p, int *out)
{
	if (strcmp(p, "Z") == 0) {
		*out = 0;
		return 0;
	}
	if ((*p != '+' && *p != '-') || strlen(p) != 6 || p[3] != ':' ||
	    strspn(p + 1, "0123456789") != 2 || strspn(p + 4, "0123456789") != 2)
		return -1;
	*out = (atoi(p + 1) * 3600 + atoi(p + 4) * 60) * (*p == '-' ? -1 : 1);
	return 0;
}

/* Reads "2021-07-26 06:00" or "2021-07-26T06:00", optionally with ":SS"
 * and an offset ("+03:00", "Z"); without one, local time (the first of
 * two when clocks go back). */
int
job_parse_time(struct ctx *ctx, const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec = 0, n = 0, off = 0;
	bool has_off = false;
	char sep;
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
	    (sep != ' ' && sep != 'T'))
		goto bad;
	if (s[n] == ':') {
		if (strspn(s + n + 1, "0123456789") != 2)
			goto bad;
		sec = atoi(s + n + 1);
		n += 3;
	}
	if (s[n] != '\0') {
		if (parse_offset(s + n, &off) != 0)
			goto bad;
		has_off = true;
	}
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 59 || h < 0 ||
	    mi < 0 || sec < 0)
		goto bad;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = has_off ? timegm(&tm) - off : local_first(&tm);
	if (t == (time_t)-1)
		return error_set(ctx, ERR_INVALID, "time '%s' does not exist in local "
		    "time (the clocks went forward)", s);
	*out = t;
	return 0;
bad:
	return error_set(ctx, ERR_INVALID, "invalid time '%s' (expected local time "
	    "as 2021-07-26 06:00 or 2021-07-26T06:00, optionally with :SS and an "
	    "offset such as +03:00)", s);
}

void
job_time_iso(time_t t, int ms, char out[40])
{
	struct tm tm;
	char z[8];
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
	if (ms >= 0)
		n += (size_t)snprintf(out + n, 40 - n, ".%03d", ms);
	strftime(z, sizeof(z), "%z", &tm);
	snprintf(out + n, 40 - n, "%.3s:%.2s", z, z + 3);
}

/* Reads what job_time_iso wrote; 0 or -1. */
int
job_time_parse_iso(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, oh, om, n = 0;
	const char *p;

	if (s == NULL || sscanf(s, "%d-%d-%dT%d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec,
	    &n) != 6)
		return -1;
	p = s + n;
	if (*p == '.')
		p += strspn(p + 1, "0123456789") + 1;
	if ((*p != '+' && *p != '-') || sscanf(p + 1, "%d:%d", &oh, &om) != 2)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	return 0;
}

/* --- when a job is due --- */

/* The text of the first column of the first row, or NULL (caller frees). */
static int
query_text(struct ctx *ctx, char **out, const char *sql, const char *job)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc;

	*out = NULL;
	if ((rc = db_prepare(ctx, &st, sql)) != 0)
		return rc;
	db_bind(st, "t", job);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v = sqlite3_column_text(st, 0);
		*out = v ? xstrdup((const char *)v) : NULL;
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_error(ctx, "cannot read the job history");
	}
	sqlite3_finalize(st);
	return rc;
}

/* The latest scheduled time <= now at or after first (a slot itself). */
static time_t
last_slot(const struct cron *c, time_t first, time_t now)
{
	static const time_t windows[] = { 86400, 32 * 86400, 367 * 86400 };
	time_t t = first, n, from;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(windows); i++) {
		from = now - windows[i];
		if (from > first && (n = cron_next(c, from)) != (time_t)-1 && n <= now) {
			t = n;
			break;
		}
	}
	while ((n = cron_next(c, t)) != (time_t)-1 && n <= now)
		t = n;
	return t;
}

int
job_state(struct ctx *ctx, const struct job *job, time_t now, struct job_state *out)
{
	char *base = NULL, *failed = NULL;
	time_t first, ft;
	int rc;

	memset(out, 0, sizeof(*out));
	out->next = cron_next(&job->cron, now);
	if ((rc = query_text(ctx, &base, "SELECT scheduled FROM job_run WHERE job = ? "
	    "AND outcome IN ('ok', 'skipped', 'armed') AND scheduled IS NOT NULL "
	    "ORDER BY id DESC LIMIT 1", job->name)) != 0)
		return rc;
	if (base == NULL || job_time_parse_iso(base, &out->base) != 0)
		goto out;
	out->armed = true;
	first = cron_next(&job->cron, out->base);
	if (first == (time_t)-1 || first > now)
		goto out;
	/* due, unless the last attempt failed a moment ago */
	if ((rc = query_text(ctx, &failed, "SELECT CASE WHEN outcome = 'failed' "
	    "THEN started END FROM job_run WHERE job = ? AND scheduled IS NOT NULL "
	    "ORDER BY id DESC LIMIT 1", job->name)) != 0)
		goto out;
	if (failed && job_time_parse_iso(failed, &ft) == 0 && ft > out->base &&
	    ft + JOB_RETRY_SECONDS > now && ft <= now) {
		out->next = ft + JOB_RETRY_SECONDS;
		goto out;
	}
	out->due = true;
	out->slot = last_slot(&job->cron, first, now);
out:
	free(base);
	free(failed);
	return rc;
}

/* Records that the scheduler has seen the job: its runs count from now. */
int
job_arm(struct ctx *ctx, const struct job *job, time_t now)
{
	char t[40];

	job_time_iso(now, -1, t);
	return db_exec(ctx, "INSERT INTO job_run (job, scheduled, started, finished, "
	    "outcome) VALUES (?, ?, ?, ?, 'armed')", "tttt", job->name, t, t, t);
}

/* --- running a job --- */

static char *
output_path(const struct job *job, time_t t)
{
	char path[4096];

	if (format_time(path, sizeof(path), job->output, t) == 0)
		return NULL;
	return xstrdup(path);
}

/* Runs `integra report REPORT ARGS... --format F -o TMP` in this process. */
static int
run_report(struct ctx *ctx, const struct job *job, const char *tmp, int64_t *rows)
{
	const char *saved_format = ctx->format, *saved_output = ctx->output;
	size_t nargs = 0, i, k = 0;
	char **argv;
	int rc;

	while (job->args && job->args[nargs])
		nargs++;
	argv = xcalloc(nargs + 7, sizeof(char *));
	argv[k++] = (char *)"report";
	argv[k++] = job->report;
	for (i = 0; i < nargs; i++)
		argv[k++] = job->args[i];
	argv[k++] = (char *)"--format";
	argv[k++] = job->format;
	argv[k++] = (char *)"-o";
	argv[k++] = (char *)tmp;
	ctx->err = 0;
	ctx->errmsg[0] = '\0';
	ctx->format = NULL;
	ctx->output = NULL;
	ctx->rows_out = -1;
	rc = cmd_run(ctx, (int)k, argv);
	*rows = ctx->rows_out;
	ctx->format = saved_format;
	ctx->output = saved_output;
	if (rc != 0 && ctx->errmsg[0] == '\0')
		error_set(ctx, rc, "report '%s' failed (no reason given)", job->report);
	free(argv);
	return rc;
}

static void
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Checksums the finished temporary file and renames it into place. */
static int
place(struct ctx *ctx, const struct job *job, const char *tmp, const char *dir,
    struct job_result *res)
{
	uint64_t bytes = 0;

	if (chmod(tmp, job->mode) != 0)
		return error_set(ctx, ERR_FAIL, "cannot set mode of '%s': %s", tmp,
		    strerror(errno));
	if (sha256_file(tmp, res->sha256, &bytes) != 0)
		return error_set(ctx, ERR_FAIL, "cannot read '%s': %s", tmp,
		    strerror(errno));
	if (rename(tmp, res->path) != 0)
		return error_set(ctx, ERR_FAIL, "cannot rename '%s' to '%s': %s", tmp,
		    res->path, strerror(errno));
	fsync_dir(dir);
	res->bytes = (int64_t)bytes;
	res->outcome = "ok";
	return 0;
}

/* Writes the job's output for res->path; sets res->outcome. */
static int
produce(struct ctx *ctx, const struct job *job, struct job_result *res)
{
	char *d1 = xstrdup(res->path), *d2 = xstrdup(res->path), *dir, *tmp;
	struct stat st;
	int rc;

	dir = dirname(d1);
	tmp = xasprintf("%s/.integra-job-%ld-%s", dir, (long)getpid(), basename(d2));
	if (access(dir, W_OK | X_OK) != 0) {
		rc = error_set(ctx, ERR_FAIL, "output directory '%s' is not writable: %s",
		    dir, strerror(errno));
		goto out;
	}
	(void)unlink(tmp);
	if ((rc = run_report(ctx, job, tmp, &res->rows)) != 0)
		goto out;
	if (stat(tmp, &st) != 0) {
		rc = error_set(ctx, ERR_FAIL, "report '%s' wrote no file", job->report);
		goto out;
	}
	if (res->rows == 0 && job->skip_empty) {
		free(res->path);
		res->path = NULL;
		res->outcome = "skipped";
		goto out;
	}
	rc = place(ctx, job, tmp, dir, res);
out:
	(void)unlink(tmp);
	free(tmp);
	free(d1);
	free(d2);
	return rc;
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
		return xasprintf("on_success: cannot start '%s': %s", job->on_success[0],
		    strerror(errno));
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		setenv("INTEGRA_OUTPUT", path, 1);
		setenv("INTEGRA_JOB", job->name, 1);
		execvp(job->on_success[0], job->on_success);
		fprintf(stderr, "integra: on_success of job '%s': cannot run '%s': %s\n",
		    job->name, job->on_success[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return xasprintf("on_success: cannot wait for '%s': %s",
			    job->on_success[0], strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NULL;
	if (WIFEXITED(status))
		return xasprintf("on_success command '%s' exited with status %d",
		    job->on_success[0], WEXITSTATUS(status));
	return xasprintf("on_success command '%s' was killed by signal %d",
	    job->on_success[0], WTERMSIG(status));
}

/* Removes this job's outputs beyond the newest `keep`: only paths that
 * job_run records for this job alone, and only while the file still has
 * the checksum recorded for it. */
static void
prune(struct ctx *ctx, const struct job *job, const char *current)
{
	sqlite3_stmt *st;
	const char *path, *sum;
	char now[65];

	if (job->keep <= 0 || db_prepare(ctx, &st,
	    "SELECT r.path, r.sha256, max(r.id) FROM job_run r "
	    "WHERE r.job = ?1 AND r.outcome = 'ok' AND r.path IS NOT NULL "
	    "GROUP BY r.path HAVING NOT EXISTS (SELECT 1 FROM job_run o "
	    "WHERE o.path = r.path AND o.job <> ?1 AND o.outcome = 'ok') "
	    "ORDER BY max(r.id) DESC LIMIT -1 OFFSET ?2") != 0)
		return;
	db_bind(st, "td", job->name, job->keep);
	while (sqlite3_step(st) == SQLITE_ROW) {
		path = (const char *)sqlite3_column_text(st, 0);
		sum = (const char *)sqlite3_column_text(st, 1);
		if (strcmp(path, current) == 0 || sha256_file(path, now, NULL) != 0)
			continue;
		if (sum == NULL || strcmp(sum, now) != 0)
			warn_msg("job '%s': not removing '%s': it changed since the job "
			    "wrote it", job->name, path);
		else if (unlink(path) != 0)
			warn_msg("job '%s': cannot remove old output '%s': %s", job->name,
			    path, strerror(errno));
	}
	sqlite3_finalize(st);
}

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
		rc = error_set(ctx, ERR_FAIL, "output pattern '%s' gives no path",
		    job->output);
	else
		rc = produce(ctx, job, res);
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

int
job_lock(struct ctx *ctx, const char *who, int *fd_out)
{
	char *path = xasprintf("%s.jobs.lock", cfg_database(ctx->cfg));
	int fd, rc = 0;

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

void
job_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
