/*
 * The pager, as git has one: a command's results on a terminal go through
 * $PAGER (by default `less -FRX`, which quits at once when they fit one
 * screen, keeps colours and leaves the text on the screen).  Never when
 * standard output is not a terminal; off with --no-pager, with `pager =
 * ""` in the configuration, or with a pager of "cat".  The terminal's
 * width is handed on in COLUMNS first, so that the results are laid out
 * for the terminal, not for the pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "integra.h"
#include "term.h"

/* The pager's command line, or NULL when paging is off. */
const char *
pager_command(const struct ctx *ctx)
{
	const char *p = getenv("INTEGRA_PAGER");

	if (p == NULL && ctx->cfg)
		p = cfg_pager(ctx->cfg);
	if (p == NULL)
		p = getenv("PAGER");
	if (p == NULL)
		p = "less -FRX";
	p += strspn(p, " \t");
	if (*p == '\0' || strcmp(p, "cat") == 0)
		return NULL;
	return p;
}

/* True when the user's format is a plugin's binary one (the core's are
 * text): its bytes never go to a pager, and out.c refuses them on a
 * terminal only while standard output is still the terminal. */
static bool
binary_format(struct ctx *ctx)
{
	const struct integra_format *f;

	if (ctx->format == NULL || ctx->plugins == NULL)
		return false;
	f = plugins_format(ctx, ctx->format);
	return f && (f->flags & INTEGRA_FORMAT_BINARY);
}

/* In the child: the pager reads the pipe and runs through the shell, as
 * git runs it; LESS and LV get git's defaults when unset. */
static void
pager_exec(const char *cmd, int fds[2])
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(fds[0], 0) < 0)
		_exit(127);
	close(fds[0]);
	close(fds[1]);
	setenv("LESS", "FRX", 0);
	setenv("LV", "-c", 0);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	fprintf(stderr, "integra: cannot run the pager '%s': %s\n", cmd,
	    strerror(errno));
	_exit(127);
}

/* Starts the pager on standard output (see term.h). */
void
pager_start(struct ctx *ctx, struct pager *p)
{
	const char *cmd = pager_command(ctx);
	char width[24];
	int fds[2];

	p->pid = 0;
	p->saved = -1;
	if (cmd == NULL || (ctx->term & CTX_NO_PAGER) || !isatty(STDOUT_FILENO) ||
	    binary_format(ctx))
		return;
	if (getenv("COLUMNS") == NULL && fmt_term_width(STDOUT_FILENO) > 0) {
		snprintf(width, sizeof(width), "%zu", fmt_term_width(STDOUT_FILENO));
		setenv("COLUMNS", width, 1);
	}
	fflush(stdout);
	if (pipe2(fds, O_CLOEXEC) != 0) {
		warn_msg("cannot start the pager: %s", strerror(errno));
		return;
	}
	if ((p->pid = fork()) < 0) {
		warn_msg("cannot start the pager '%s': %s", cmd, strerror(errno));
		p->pid = 0;
	} else if (p->pid == 0) {
		pager_exec(cmd, fds);
	} else {
		p->saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
		dup2(fds[1], STDOUT_FILENO);
	}
	close(fds[0]);
	close(fds[1]);
}

/* Gives standard output back (the pager sees the end of its input) and
 * waits for the pager to end. */
void
pager_finish(struct pager *p)
{
	int status;

	if (p->pid == 0)
		return;
	fflush(stdout);
	clearerr(stdout);
	if (p->saved >= 0) {
		dup2(p->saved, STDOUT_FILENO);
		close(p->saved);
	}
	while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
		;
	p->pid = 0;
}
