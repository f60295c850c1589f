/*
 * The one error API: a failing function stores its message in the context
 * with error_set() and returns the code; main prints it once as
 * "integra: message" and maps the code to an exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"

/* Stores a formatted message and returns code, as it is given (a plugin's
 * message comes translated through its own textdomain).  The message may
 * quote the previous one (ctx->errmsg) to add context. */
int
error_setv(struct ctx *ctx, int code, const char *fmt, va_list ap)
{
	char msg[sizeof(ctx->errmsg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	memcpy(ctx->errmsg, msg, sizeof(msg));
	ctx->err = code;
	return code;
}

/* Stores the message fmt, translated, and returns code, for `return
 * error_set(...)`. */
int
error_set(struct ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_setv(ctx, code, gettext(fmt), ap);
	va_end(ap);
	return code;
}

/* Maps an error code to the exit status documented in integra(1). */
int
error_exit_code(int code)
{
	switch (code) {
	case ERR_OK:
		return EXIT_OK;
	case ERR_USAGE:
		return EXIT_USAGE;
	case ERR_NOTFOUND:
		return EXIT_NOTFOUND;
	case ERR_INVALID:
	case ERR_EXISTS:
		return EXIT_INVALID;
	case ERR_BUSY:
		return EXIT_BUSY;
	default:
		return EXIT_FAILURE_;
	}
}

/* Prints "integra: " and the message fmt, translated, on stderr. */
void
warn_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("integra: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, gettext(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
bug_at(const char *file, int line, const char *msg)
{
	fprintf(stderr, "integra: BUG at %s:%d: %s\n", file, line, msg);
	abort();
}
