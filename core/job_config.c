/*
 * The export jobs of the configuration: reads the `jobs` list through the
 * configuration's node accessors (no libconfig here) and checks every job
 * when the configuration loads, so that a mistake is an error naming the
 * file and line, the job and the field, not a failed run at 3 a.m.: the
 * keys, the name, the schedule, the report and its arguments (parsed as
 * `integra report` parses them; the dimension, dates and --within checked),
 * the format, the output pattern and its directory, keep, mode, on_empty,
 * on_success and the mail keys (mail_to, mail_subject, mail_from,
 * sendmail).
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "integra.h"
#include "cfg_node.h"
#include "job.h"

static const char *const job_keys[] = {
	"name", "report", "args", "format", "output", "schedule", "keep", "mode",
	"on_empty", "on_success", "mail_to", "mail_subject", "mail_from",
	"sendmail", NULL
};
static const char *const on_empty_values[] = { "write", "skip", NULL };

/* Sets an error "file:line: job 'NAME': MESSAGE" for node n. */
static int
job_error(struct ctx *ctx, const struct cfg_node *n, const char *job,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static int
job_error(struct ctx *ctx, const struct cfg_node *n, const char *job,
    const char *fmt, ...)
{
	char *prefix = xasprintf("job '%s': ", job);
	va_list ap;

	va_start(ap, fmt);
	cfg_errorv(ctx, ctx->cfg, n, prefix, fmt, ap);
	va_end(ap);
	free(prefix);
	return ERR_INVALID;
}

/* job_error for the member key of grp (grp itself when it is absent) with
 * the message ctx holds now: "'KEY': MESSAGE". */
static int
job_error_why(struct ctx *ctx, const struct cfg_node *grp, const char *job,
    const char *key)
{
	const struct cfg_node *n = cfg_node_member(grp, key);
	char why[sizeof(ctx->errmsg)];

	memcpy(why, ctx->errmsg, sizeof(why));
	return job_error(ctx, n ? n : grp, job, "'%s': %s", key, why);
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
get_string(struct ctx *ctx, const struct cfg_node *grp, const char *job,
    const char *key, bool required, int *rc)
{
	const struct cfg_node *s = cfg_node_member(grp, key);
	const char *v;

	if (s == NULL) {
		if (required)
			*rc = job_error(ctx, grp, job, "'%s' is missing", key);
		return NULL;
	}
	v = cfg_node_string(s);
	if (v == NULL || (required && *v == '\0'))
		*rc = job_error(ctx, s, job, "'%s' must be a %sstring", key,
		    required ? "non-empty " : "");
	return v;
}

/* An array or list of strings as a NULL-terminated vector, or NULL. */
static int
get_strings(struct ctx *ctx, const struct cfg_node *grp, const char *job,
    const char *key, char ***out)
{
	const struct cfg_node *s = cfg_node_member(grp, key);
	const char *v;
	size_t i, n;

	*out = NULL;
	if (s == NULL)
		return 0;
	if (cfg_node_kind(s) != CFG_NODE_LIST)
		return job_error(ctx, s, job, "'%s' must be an array of strings: "
		    "[ \"...\", \"...\" ]", key);
	n = cfg_node_count(s);
	*out = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		if ((v = cfg_node_string(cfg_node_at(s, i))) == NULL)
			return job_error(ctx, s, job, "'%s' element %zu must be a string",
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

/* Finds a control character the output pattern would put in a file name:
 * a C0 or C1 one written in it, or %n or %t; its byte offset, or -1.
 * *what gets how it is written. */
static long
pattern_control(const char *p, const char **what)
{
	size_t i, k;
	long at;

	*what = "a control character";
	if ((at = job_control_char(p)) >= 0)
		return at;
	for (i = 0; p[i]; i++) {
		if (p[i] != '%')
			continue;
		for (k = i + 1; p[k] && strchr("_-0^#EO123456789", p[k]); k++)
			;
		if (p[k] == 'n' || p[k] == 't') {
			*what = p[k] == 'n' ? "%n (a newline)" : "%t (a tab)";
			return (long)i;
		}
		if (p[k] == '\0')
			break;
		i = k;
	}
	return -1;
}

/* Checks the output pattern: absolute, a file name without control
 * characters, an existing directory (with the pattern expanded for now). */
static int
check_output(struct ctx *ctx, const struct cfg_node *grp, const struct job *j)
{
	const struct cfg_node *s = cfg_node_member(grp, "output");
	char path[4096], *dir;
	const char *what;
	struct stat st;
	long at;
	int rc = 0;

	if ((at = pattern_control(j->output, &what)) >= 0)
		return job_error(ctx, s, j->name, "'output' has %s at byte %ld: a "
		    "file name may not hold control characters", what, at + 1);
	if (j->output[0] != '/')
		return job_error(ctx, s, j->name, "'output' must be an absolute path, "
		    "not '%s'", j->output);
	if (j->output[strlen(j->output) - 1] == '/')
		return job_error(ctx, s, j->name, "'output' must name a file, not a "
		    "directory: '%s'", j->output);
	if (job_path(j->output, time(NULL), path, sizeof(path)) == 0)
		return job_error(ctx, s, j->name, "'output' pattern '%s' gives an "
		    "empty or too long path", j->output);
	dir = xstrdup(path);
	if (stat(dirname(dir), &st) != 0 || !S_ISDIR(st.st_mode))
		rc = job_error(ctx, s, j->name, "'output' directory '%s' does not "
		    "exist", dir);
	free(dir);
	return rc;
}

/* The report's arguments must not name the format or the output, which
 * the job's own keys give. */
static int
args_own_keys(struct ctx *ctx, const struct cfg_node *grp, const struct job *j,
    int *argc)
{
	const char *a;

	for (*argc = 0; j->args && (a = j->args[*argc]) != NULL; (*argc)++)
		if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0 ||
		    strcmp(a, "-o") == 0 || strncmp(a, "--output", 8) == 0)
			return job_error(ctx, cfg_node_member(grp, "args"), j->name,
			    "'args': give the %s with the job's '%s' key, not '%s'",
			    a[2] == 'f' ? "format" : "output file",
			    a[2] == 'f' ? "format" : "output", a);
	return 0;
}

/* Parses the report's arguments as `integra report` does and checks them
 * as a run would: the dimension, the dates, --within.  Whether the area is
 * loaded is checked by each run (plugins may load later, or not at all). */
static int
parse_args(struct ctx *ctx, const struct cfg_node *grp, struct job *j)
{
	static char *none[] = { NULL };
	struct args a;
	int argc, rc;

	if ((rc = args_own_keys(ctx, grp, j, &argc)) != 0)
		return rc;
	rc = opt_parse(ctx, "integra report", cmd_report_opts, argc,
	    j->args ? j->args : none, &a);
	if (rc == 0 && a.npos > 0)
		rc = error_set(ctx, ERR_USAGE, "unexpected argument '%s' (the report "
		    "is the job's 'report' key)", a.pos[0]);
	if (rc == 0 && (rc = report_args(ctx, &a, &j->params)) == 0)
		j->excel = args_has(&a, "excel");
	args_release(&a);
	if (rc == 0)
		rc = report_check(ctx, j->report, &j->params);
	return rc == 0 ? 0 : job_error_why(ctx, grp, j->name, "args");
}

/* The report must exist (a core report or a loaded plugin's), the format
 * too; the format is resolved here, once. */
static int
check_report_format(struct ctx *ctx, const struct cfg_node *grp, struct job *j,
    const char *format)
{
	if (report_find(ctx, j->report, NULL) == NULL)
		return job_error_why(ctx, grp, j->name, "report");
	if ((j->format = out_format_find(ctx, format)) == NULL)
		return job_error_why(ctx, grp, j->name, "format");
	return 0;
}

static int
parse_keep(struct ctx *ctx, const struct cfg_node *grp, struct job *j)
{
	const struct cfg_node *s = cfg_node_member(grp, "keep");
	int64_t keep;

	if (s == NULL)
		return 0;
	if (!cfg_node_int(ctx->cfg, s, &keep) || keep < 0 || keep > 100000)
		return job_error(ctx, s, j->name, "'keep' must be a whole number "
		    "0..100000 (0 keeps every output)");
	j->keep = (int)keep;
	return 0;
}

/* The job's mode: output_mode by default (less any bit above 0666), or
 * its own, which may not exceed 0666. */
static int
parse_mode(struct ctx *ctx, const struct cfg_node *grp, struct job *j)
{
	const char *v;
	int rc = 0;

	j->mode = cfg_output_mode(ctx->cfg) & 0666;
	if ((v = get_string(ctx, grp, j->name, "mode", false, &rc)) == NULL)
		return rc;
	if (cfg_parse_mode(v, &j->mode) == 0)
		return 0;
	if (*v == '\0' || v[strspn(v, "01234567")] != '\0')
		return job_error(ctx, cfg_node_member(grp, "mode"), j->name,
		    "'mode' must be an octal mode as a string, such as \"0640\"");
	return job_error(ctx, cfg_node_member(grp, "mode"), j->name,
	    "'mode' must be at most 0666 (an output is never executable), "
	    "not \"%s\"; try \"0640\"", v);
}

static int
parse_schedule_keep_mode(struct ctx *ctx, const struct cfg_node *grp, struct job *j)
{
	const char *v;
	char err[256];
	int rc = 0;

	if (cron_parse(j->schedule, &j->cron, err, sizeof(err)) != 0)
		return job_error(ctx, cfg_node_member(grp, "schedule"), j->name,
		    "'schedule' \"%s\": %s", j->schedule, err);
	if ((rc = parse_keep(ctx, grp, j)) != 0 || (rc = parse_mode(ctx, grp, j)) != 0)
		return rc;
	if ((v = get_string(ctx, grp, j->name, "on_empty", false, &rc)) &&
	    !in_list(on_empty_values, v))
		return job_error(ctx, cfg_node_member(grp, "on_empty"), j->name,
		    "'on_empty' must be \"write\" or \"skip\", not '%s'", v);
	j->skip_empty = v && strcmp(v, "skip") == 0;
	return rc;
}

/* The group's keys are all known; *name is its name when it has one. */
static int
check_keys(struct ctx *ctx, const struct cfg_node *grp, const char *label,
    const char **name)
{
	const struct cfg_node *s;
	const char *v;
	size_t i;

	if (cfg_node_kind(grp) != CFG_NODE_GROUP)
		return job_error(ctx, grp, label, "must be a group { name = ...; ... }");
	if ((s = cfg_node_member(grp, "name")) != NULL &&
	    (v = cfg_node_string(s)) != NULL && *v)
		*name = v;
	for (i = 0; i < cfg_node_count(grp); i++) {
		s = cfg_node_at(grp, i);
		if (!in_list(job_keys, cfg_node_name(s)))
			return job_error(ctx, s, *name ? *name : label, "unknown key '%s' "
			    "(known: name, report, args, format, output, schedule, keep, "
			    "mode, on_empty, on_success, mail_to, mail_subject, mail_from, "
			    "sendmail)", cfg_node_name(s));
	}
	return 0;
}

/* Reads the string keys of a job: name, report, format, output, schedule,
 * args and on_success. */
static int
parse_strings(struct ctx *ctx, const struct cfg_node *grp, const char *label,
    struct job *j, const char **format)
{
	const char *v;
	int rc = 0;

	if ((v = get_string(ctx, grp, label, "name", true, &rc)) == NULL)
		return rc;
	if (!valid_job_name(v))
		return job_error(ctx, cfg_node_member(grp, "name"), v,
		    "'name' may hold only letters, digits, '.', '_' and '-'");
	j->name = xstrdup(v);
	if ((v = get_string(ctx, grp, j->name, "report", true, &rc)) == NULL)
		return rc;
	j->report = xstrdup(v);
	v = get_string(ctx, grp, j->name, "format", false, &rc);
	*format = v ? v : "csv";
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
		return job_error(ctx, cfg_node_member(grp, "on_success"),
		    j->name, "'on_success' must name a command: [ \"program\", \"arg\", ... ]");
	return 0;
}

/* mail_to: one address as a string, or an array of them; each checked. */
static int
parse_mail_to(struct ctx *ctx, const struct cfg_node *grp, struct job *j)
{
	const struct cfg_node *s = cfg_node_member(grp, "mail_to");
	const char *v;
	size_t i;
	int rc;

	if (s == NULL)
		return 0;
	if ((v = cfg_node_string(s)) != NULL) {
		j->mail_to = xcalloc(2, sizeof(char *));
		j->mail_to[0] = xstrdup(v);
	} else if ((rc = get_strings(ctx, grp, j->name, "mail_to", &j->mail_to)) != 0)
		return rc;
	if (j->mail_to[0] == NULL)
		return job_error(ctx, s, j->name, "'mail_to' must name at least one "
		    "address");
	for (i = 0; j->mail_to[i]; i++)
		if (!job_mail_address_ok(j->mail_to[i]))
			return job_error(ctx, s, j->name, "'mail_to': '%s' is not an "
			    "address such as \"kadry@mou.gov.ua\"", j->mail_to[i]);
	return 0;
}

/* A string key of the mail without control characters (a header may not
 * be split); NULL when absent. */
static int
get_mail_string(struct ctx *ctx, const struct cfg_node *grp, struct job *j,
    const char *key, char **out)
{
	const char *v, *what;
	int rc = 0;

	if ((v = get_string(ctx, grp, j->name, key, false, &rc)) == NULL)
		return rc;
	if (*v == '\0' || pattern_control(v, &what) >= 0)
		return job_error(ctx, cfg_node_member(grp, key), j->name, "'%s' must "
		    "be a non-empty string without control characters", key);
	*out = xstrdup(v);
	return 0;
}

/* The mail keys: mail_to, and mail_subject, mail_from and sendmail, which
 * only go with it. */
static int
parse_mail(struct ctx *ctx, const struct cfg_node *grp, struct job *j)
{
	static const char *const deps[] = { "mail_subject", "mail_from",
	    "sendmail", NULL };
	size_t i;
	int rc;

	if ((rc = parse_mail_to(ctx, grp, j)) != 0 ||
	    (rc = get_mail_string(ctx, grp, j, "mail_subject", &j->mail_subject)) ||
	    (rc = get_mail_string(ctx, grp, j, "mail_from", &j->mail_from)) ||
	    (rc = get_mail_string(ctx, grp, j, "sendmail", &j->sendmail)))
		return rc;
	for (i = 0; j->mail_to == NULL && deps[i]; i++)
		if (cfg_node_member(grp, deps[i]) != NULL)
			return job_error(ctx, cfg_node_member(grp, deps[i]), j->name,
			    "'%s' is given but 'mail_to' is not", deps[i]);
	if (j->mail_from && !job_mail_address_ok(j->mail_from))
		return job_error(ctx, cfg_node_member(grp, "mail_from"), j->name,
		    "'mail_from': '%s' is not an address such as "
		    "\"integra@mou.gov.ua\"", j->mail_from);
	return 0;
}

/* Reads one job group into j. */
static int
parse_job(struct ctx *ctx, const struct cfg_node *grp, size_t index, struct job *j)
{
	const char *name = NULL, *format = NULL;
	char label[32];
	int rc;

	snprintf(label, sizeof(label), "#%zu", index + 1);
	if ((rc = check_keys(ctx, grp, label, &name)) != 0 ||
	    (rc = parse_strings(ctx, grp, label, j, &format)) != 0 ||
	    (rc = parse_schedule_keep_mode(ctx, grp, j)) != 0 ||
	    (rc = check_report_format(ctx, grp, j, format)) != 0 ||
	    (rc = parse_args(ctx, grp, j)) != 0 ||
	    (rc = parse_mail(ctx, grp, j)) != 0)
		return rc;
	return check_output(ctx, grp, j);
}

/* Reads and checks every job of the configuration in ctx->cfg. */
int
jobs_load(struct ctx *ctx, struct jobs *out)
{
	const struct cfg_node *list = cfg_node_jobs(ctx->cfg), *grp;
	size_t i, k, n;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (list == NULL)
		return 0;
	n = cfg_node_count(list);
	out->v = xcalloc(n + 1, sizeof(*out->v));
	for (i = 0; rc == 0 && i < n; i++) {
		grp = cfg_node_at(list, i);
		rc = parse_job(ctx, grp, i, &out->v[i]);
		out->n = i + 1;
		for (k = 0; rc == 0 && k < i; k++)
			if (strcmp(out->v[k].name, out->v[i].name) == 0)
				rc = job_error(ctx, cfg_node_member(grp, "name"),
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
		free(jobs->v[i].output);
		free(jobs->v[i].schedule);
		free_vec(jobs->v[i].on_success);
		free_vec(jobs->v[i].mail_to);
		free(jobs->v[i].mail_subject);
		free(jobs->v[i].mail_from);
		free(jobs->v[i].sendmail);
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
