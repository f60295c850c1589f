/*
 * integra: the entry point.  Parses the global options, builds the one
 * context, runs the command and turns its result into one line on stderr
 * and an exit code.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"

static const char usage_line[] =
    "usage: integra [-c FILE] [-d DATABASE] [--format table|csv|json] COMMAND [ARGS]\n";

/* The command line as one string, quoted where a shell would need it. */
static char *
join_cmdline(int argc, char **argv)
{
	struct buf b = { 0 };
	const char *p;
	int i;

	for (i = 0; i < argc; i++) {
		if (i)
			buf_addc(&b, ' ');
		if (argv[i][0] && strcspn(argv[i], " \t\n'\"\\$`;&|<>()*?[]#~") ==
		    strlen(argv[i])) {
			buf_adds(&b, argv[i]);
			continue;
		}
		buf_addc(&b, '\'');
		for (p = argv[i]; *p; p++) {
			if (*p == '\'')
				buf_adds(&b, "'\\''");
			else
				buf_addc(&b, *p);
		}
		buf_addc(&b, '\'');
	}
	return b.s ? b.s : xstrdup("");
}

static char *
os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw && pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("uid %u", (unsigned)geteuid());
}

/* Takes the global options before the command; returns the index of the
 * command word, or -1 after a usage error. */
static int
global_options(struct ctx *ctx, int argc, char **argv, bool *done)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("integra %s (plugin ABI %d.%d)\n", INTEGRA_VERSION,
			    INTEGRA_ABI_MAJOR, INTEGRA_ABI_MINOR);
			*done = true;
			return i;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return i;
		if (i + 1 >= argc)
			goto usage;
		if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0)
			ctx->cfg_opt = argv[++i];
		else if (strcmp(a, "-d") == 0 || strcmp(a, "--database") == 0)
			ctx->db_opt = argv[++i];
		else if (strcmp(a, "--format") == 0)
			ctx->format = argv[++i];
		else
			goto usage;
	}
	return i;
usage:
	error_set(ctx, ERR_USAGE, "unknown or incomplete global option '%s'", argv[i]);
	return -1;
}

int
main(int argc, char **argv)
{
	struct ctx ctx = { 0 };
	bool done = false;
	int first, rc;

	ctx.out = stdout;
	first = global_options(&ctx, argc, argv, &done);
	if (done)
		return EXIT_OK;
	if (first < 0) {
		fprintf(stderr, "integra: %s\n%s", ctx.errmsg, usage_line);
		return EXIT_USAGE;
	}
	ctx.cmdline = join_cmdline(argc, argv);
	ctx.os_user = os_user();
	if (ctx.db_opt) {
		rc = cfg_load(&ctx, &ctx.cfg);
		if (rc == 0)
			cfg_set_database(ctx.cfg, ctx.db_opt, CFG_OPTION);
	} else {
		rc = 0;
	}
	if (rc == 0)
		rc = cmd_run(&ctx, argc - first, argv + first);
	if (rc != 0) {
		fflush(stdout);
		fprintf(stderr, "integra: %s\n", ctx.errmsg[0] ? ctx.errmsg :
		    "failed (no reason given)");
	}
	if (fflush(stdout) != 0 && rc == 0) {
		fprintf(stderr, "integra: cannot write to standard output\n");
		rc = ERR_FAIL;
	}
	db_close(&ctx);
	plugins_unload(&ctx);
	cfg_free(ctx.cfg);
	free(ctx.cmdline);
	free(ctx.os_user);
	return error_exit_code(rc);
}
