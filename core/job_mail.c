/*
 * Mail delivery of a job's output: the message (a short text part and the
 * output file attached, MIME multipart, base64, the subject encoded per
 * RFC 2047 when it is not ASCII, a non-ASCII file name per RFC 2231) is
 * written to an unnamed temporary file and handed to the system's
 * sendmail interface (`sendmail -t -oi`, which msmtp, Postfix and Exim all
 * provide) on its standard input.  There is no SMTP client here.  A
 * delivery that cannot start, exits non-zero or is killed is an error
 * saying why, with the first line sendmail wrote.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "integra.h"
#include "i18n.h"
#include "job.h"

/* A sendmail that has not finished after this long is killed. */
#define MAIL_TIMEOUT_SECONDS 600

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The content type of an output by the extension of its file name. */
static const struct {
	const char *ext;
	const char *type;
} mail_types[] = {
	{ .ext = "csv", .type = "text/csv; charset=UTF-8" },
	{ .ext = "txt", .type = "text/plain; charset=UTF-8" },
	{ .ext = "html", .type = "text/html; charset=UTF-8" },
	{ .ext = "json", .type = "application/json" },
	{ .ext = "pdf", .type = "application/pdf" },
	{ .ext = "xlsx", .type = "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ .ext = NULL, .type = NULL }
};

/* The MIME type for file name `name`; application/octet-stream when the
 * extension is not known. */
const char *
job_mail_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && mail_types[i].ext; i++)
		if (strcasecmp(dot + 1, mail_types[i].ext) == 0)
			return mail_types[i].type;
	return "application/octet-stream";
}

/* True when s is an address sendmail may be given: local@domain, at most
 * 254 bytes, no space, control character or any of the characters that
 * end an address in a header. */
bool
job_mail_address_ok(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(s) > 254 || *s == '-' || at[1] == '.' || at[1] == '-')
		return false;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f ||
		    strchr("<>()[]\\,;:\"", s[i]))
			return false;
	return true;
}

/* Appends the base64 of n bytes of p to b, lines of at most 76 characters
 * when wrap is set. */
static void
b64_put(struct buf *b, const unsigned char *p, size_t n, bool wrap)
{
	size_t i, col = 0;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_addc(b, b64[(v >> 18) & 63]);
		buf_addc(b, b64[(v >> 12) & 63]);
		buf_addc(b, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		buf_addc(b, i + 2 < n ? b64[v & 63] : '=');
		if (wrap && (col += 4) >= 76) {
			buf_addc(b, '\n');
			col = 0;
		}
	}
	if (wrap && col > 0)
		buf_addc(b, '\n');
}

static bool
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* Appends the header "NAME: TEXT", TEXT as RFC 2047 encoded words when it
 * is not ASCII: one word a line, each line at most 76 characters, words
 * split between UTF-8 sequences. */
void
job_mail_header(struct buf *b, const char *name, const char *text)
{
	size_t n, len, take, room;

	buf_printf(b, "%s:", name);
	if (is_ascii(text)) {
		buf_printf(b, " %s\n", text);
		return;
	}
	len = strlen(text);
	for (n = 0; n < len; n += take) {
		/* 76, less the indent (or "Name: "), less "=?UTF-8?B?" "?=" */
		room = (76 - (n ? 1 : strlen(name) + 2) - 12) / 4 * 3;
		take = len - n > room ? room : len - n;
		while (n + take < len && ((unsigned char)text[n + take] & 0xc0) == 0x80)
			take--;
		buf_adds(b, n ? "\n =?UTF-8?B?" : " =?UTF-8?B?");
		b64_put(b, (const unsigned char *)text + n, take, false);
		buf_adds(b, "?=");
	}
	buf_addc(b, '\n');
}

/* Appends a MIME parameter `name="value"`, or for a value that is not
 * plain ASCII `name*=UTF-8''percent-encoded` (RFC 2231). */
static void
mime_param(struct buf *b, const char *name, const char *v)
{
	const unsigned char *p;

	if (is_ascii(v) && strpbrk(v, "\"\\") == NULL) {
		buf_printf(b, "; %s=\"%s\"", name, v);
		return;
	}
	buf_printf(b, "; %s*=UTF-8''", name);
	for (p = (const unsigned char *)v; *p; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-_", *p) && *p)
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
}

/* The Date header's value for t, in English whatever the locale. */
static void
mail_date(time_t t, char out[64])
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	char zone[8];

	localtime_r(&t, &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	snprintf(out, 64, "%s, %02d %s %04d %02d:%02d:%02d %s", day[tm.tm_wday],
	    tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, zone);
}

/* Appends the headers of the message: From (when given), To, Subject,
 * Date, the MIME ones. */
static void
mail_headers(struct buf *b, const struct job *job, const char *subject,
    const char *boundary, time_t now)
{
	char date[64];
	size_t i;

	if (job->mail_from)
		buf_printf(b, "From: %s\n", job->mail_from);
	buf_adds(b, "To: ");
	for (i = 0; job->mail_to[i]; i++)
		buf_printf(b, "%s%s", i ? ",\n " : "", job->mail_to[i]);
	buf_addc(b, '\n');
	job_mail_header(b, "Subject", subject);
	mail_date(now, date);
	buf_printf(b, "Date: %s\n", date);
	buf_printf(b, "MIME-Version: 1.0\nX-Integra-Job: %s\n", job->name);
	buf_printf(b, "Content-Type: multipart/mixed;\n boundary=\"%s\"\n\n",
	    boundary);
	buf_adds(b, "This is a MIME message with the output attached.\n");
}

/* Appends the text part: what the attachment is. */
static void
mail_text(struct buf *b, const struct job *job, const struct job_result *res,
    const char *file)
{
	struct buf t = { 0 };

	buf_printf(&t, _("The attached file %s is the output of the scheduled "
	    "job \"%s\" (report \"%s\").\n"), file, job->name, job->report);
	if (res->rows >= 0)
		buf_printf(&t, P_("It has %lld row.\n", "It has %lld rows.\n",
		    (unsigned long)res->rows), (long long)res->rows);
	buf_printf(&t, "SHA-256: %s\n-- \nintegra %s\n", res->sha256,
	    INTEGRA_VERSION);
	buf_adds(b, "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n\n");
	b64_put(b, (const unsigned char *)t.s, t.len, true);
	buf_release(&t);
}

/* Appends the attachment: the file's bytes in base64. */
static int
mail_attach(struct ctx *ctx, struct buf *b, const char *path, const char *file)
{
	unsigned char chunk[57 * 64];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return error_set(ctx, ERR_FAIL, "mail: cannot read the output '%s': %s",
		    path, strerror(errno));
	buf_printf(b, "Content-Type: %s", job_mail_type(file));
	mime_param(b, "name", file);
	buf_adds(b, "\nContent-Disposition: attachment");
	mime_param(b, "filename", file);
	buf_adds(b, "\nContent-Transfer-Encoding: base64\n\n");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		b64_put(b, chunk, n, true);
	if (ferror(f)) {
		fclose(f);
		return error_set(ctx, ERR_FAIL, "mail: cannot read the output '%s': %s",
		    path, strerror(errno));
	}
	fclose(f);
	return 0;
}

/* Builds the whole message for the run res of job in b. */
int
job_mail_message(struct ctx *ctx, const struct job *job,
    const struct job_result *res, time_t t, struct buf *b)
{
	const char *file = strrchr(res->path, '/');
	char boundary[64], subject[1024];
	int rc;

	file = file ? file + 1 : res->path;
	snprintf(boundary, sizeof(boundary), "=_integra_%.16s_%ld", res->sha256,
	    (long)t);
	if (job->mail_subject == NULL ||
	    job_path(job->mail_subject, t, subject, sizeof(subject)) == 0)
		snprintf(subject, sizeof(subject), _("integra: %s (job %s)"), file,
		    job->name);
	mail_headers(b, job, subject, boundary, time(NULL));
	buf_printf(b, "\n--%s\n", boundary);
	mail_text(b, job, res, file);
	buf_printf(b, "\n--%s\n", boundary);
	if ((rc = mail_attach(ctx, b, res->path, file)) != 0)
		return rc;
	buf_printf(b, "\n--%s--\n", boundary);
	return 0;
}

/* The sendmail program: the job's, else `sendmail` on PATH, else the
 * usual places; NULL when there is none (caller frees). */
static char *
find_sendmail(const struct job *job)
{
	static const char *const fixed[] = { "/usr/sbin/sendmail",
	    "/usr/lib/sendmail", NULL };
	const char *path = getenv("PATH"), *end;
	char *cand;
	size_t i;

	if (job->sendmail)
		return xstrdup(job->sendmail);
	while (path && *path) {
		end = strchr(path, ':');
		cand = xasprintf("%.*s/sendmail", (int)(end ? end - path :
		    (ptrdiff_t)strlen(path)), path);
		if (*cand == '/' && access(cand, X_OK) == 0)
			return cand;
		free(cand);
		path = end ? end + 1 : NULL;
	}
	for (i = 0; fixed[i]; i++)
		if (access(fixed[i], X_OK) == 0)
			return xstrdup(fixed[i]);
	return NULL;
}

/* The first line of what sendmail wrote (in f), for the error. */
static void
first_line(FILE *f, char *out, size_t n)
{
	size_t len;

	out[0] = '\0';
	rewind(f);
	if (fgets(out, (int)n, f) == NULL)
		return;
	len = strcspn(out, "\r\n");
	out[len] = '\0';
	if (job_control_char(out) >= 0)
		out[job_control_char(out)] = '\0';
}

/* Runs prog -t -oi with stdin from msg and its output into log; the
 * child's status in *status. */
static int
spawn(struct ctx *ctx, const char *prog, FILE *msg, FILE *log, int *status)
{
	char *argv[] = { (char *)prog, (char *)"-t", (char *)"-oi", NULL };
	sigset_t none;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0)
		return error_set(ctx, ERR_FAIL, "mail: cannot start '%s': %s", prog,
		    strerror(errno));
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(fileno(msg), 0) < 0 || dup2(fileno(log), 1) < 0 ||
		    dup2(fileno(log), 2) < 0)
			_exit(127);
		alarm(MAIL_TIMEOUT_SECONDS);
		execvp(prog, argv);
		fprintf(stderr, "cannot run it: %s\n", strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return error_set(ctx, ERR_FAIL, "mail: cannot wait for '%s': %s",
			    prog, strerror(errno));
	return 0;
}

/* Hands the message in msg to sendmail; an error says why it failed. */
static int
deliver(struct ctx *ctx, const struct job *job, FILE *msg)
{
	char *prog = find_sendmail(job), said[256];
	FILE *log = NULL;
	int rc, status;

	if (prog == NULL)
		return error_set(ctx, ERR_FAIL, "mail: no sendmail program (looked on "
		    "PATH, in /usr/sbin and /usr/lib); install msmtp-mta, postfix or "
		    "exim4, or give the job's 'sendmail' key");
	if ((log = tmpfile()) == NULL)
		rc = error_set(ctx, ERR_FAIL, "mail: cannot make a temporary file: %s",
		    strerror(errno));
	else if ((rc = spawn(ctx, prog, msg, log, &status)) == 0 &&
	    !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		first_line(log, said, sizeof(said));
		if (WIFEXITED(status))
			rc = error_set(ctx, ERR_FAIL, "mail: '%s' exited with status %d%s%s",
			    prog, WEXITSTATUS(status), *said ? ": " : "", said);
		else
			rc = error_set(ctx, ERR_FAIL, "mail: '%s' was killed by signal %d "
			    "(%s)", prog, WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
	if (log)
		fclose(log);
	free(prog);
	return rc;
}

/* Mails the output of run res (its file in place) to the job's mail_to;
 * t is the run's time (scheduled, or now for a run by hand). */
int
job_mail(struct ctx *ctx, const struct job *job, const struct job_result *res,
    time_t t)
{
	struct buf b = { 0 };
	FILE *msg;
	int rc;

	if ((rc = job_mail_message(ctx, job, res, t, &b)) != 0) {
		buf_release(&b);
		return rc;
	}
	if ((msg = tmpfile()) == NULL || fwrite(b.s, 1, b.len, msg) != b.len ||
	    fflush(msg) != 0 || lseek(fileno(msg), 0, SEEK_SET) != 0)
		rc = error_set(ctx, ERR_FAIL, "mail: cannot write the message to a "
		    "temporary file: %s", strerror(errno));
	else
		rc = deliver(ctx, job, msg);
	if (msg)
		fclose(msg);
	buf_release(&b);
	return rc;
}
