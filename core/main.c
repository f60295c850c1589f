/*
 * integra: the entry point.  Parses the global options, builds the one
 * context, runs the command and turns its result into one line on stderr
 * and an exit code.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integra.h"
#include "term.h"

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

/* The name of uid from the password database, or "uid N". */
static char *
uid_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("uid %u", (unsigned)uid);
}

/*
 * The user sudo says invoked us, or NULL.  The environment is trusted only
 * when the process really runs as root (real and effective uid 0), as sudo
 * leaves it, and $SUDO_UID agrees with the uid of $SUDO_USER in the
 * password database: anyone can set $SUDO_USER, only root can be root.
 */
static const char *
sudo_user(void)
{
	const char *user = getenv("SUDO_USER"), *uid = getenv("SUDO_UID");
	struct passwd *pw;
	char *end;
	unsigned long n;

	if (getuid() != 0 || geteuid() != 0 || !user || !*user || !uid || !*uid)
		return NULL;
	errno = 0;
	n = strtoul(uid, &end, 10);
	if (errno || *end || uid[0] == '-' || (pw = getpwnam(user)) == NULL ||
	    (unsigned long)pw->pw_uid != n || pw->pw_uid == 0)
		return NULL;
	return user;
}

/*
 * The operating-system user for the audit log: the effective user, then
 * the real user when it differs (a set-uid start), then the invoking user
 * under a real sudo.  Nothing the caller's environment says can change the
 * first two.
 */
static char *
os_user(void)
{
	const char *sudo = sudo_user();
	char *name = uid_name(geteuid()), *real, *both;

	if (getuid() != geteuid()) {
		real = uid_name(getuid());
		both = xasprintf("%s (real user %s)", name, real);
		free(real);
		free(name);
		name = both;
	}
	if (sudo) {
		both = xasprintf("%s (sudo from %s)", name, sudo);
		free(name);
		name = both;
	}
	return name;
}

/* The length of the UTF-8 sequence whose lead byte is c, or 0. */
static size_t
lead_len(unsigned char c)
{
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Prints "integra: msg" as exactly one line: control characters and
 * bytes that are not UTF-8 (from user input quoted in the message) are
 * written as escapes, and so are C1 controls, bidirectional and zero-width
 * characters (\u202e), which a terminal would obey or hide. */
static void
print_error(const char *msg)
{
	const unsigned char *p = (const unsigned char *)msg;
	size_t n, chr, byte;
	uint32_t cp;

	fputs("integra: ", stderr);
	while (*p) {
		n = *p < 0x80 ? 1 : lead_len(*p);
		if (*p == '\n')
			fputs("\\n", stderr);
		else if (*p == '\t')
			fputs("\\t", stderr);
		else if (*p < 0x20 || *p == 0x7f || n == 0 ||
		    strnlen((const char *)p, n) < n || !text_valid_utf8((const char *)p, n))
			fprintf(stderr, "\\x%02x", *p);
		else if (text_find_hidden((const char *)p, n, NULL, &cp, &chr,
		    &byte) != TEXT_CLEAN) {
			fprintf(stderr, "\\u%04x", (unsigned)cp);
			p += n;
			continue;
		} else {
			fwrite(p, 1, n, stderr);
			p += n;
			continue;
		}
		p++;
	}
	fputc('\n', stderr);
}

/* True when the first len bytes of a are the short or the long name. */
static bool
opt_is(const char *a, size_t len, const char *shortname, const char *longname)
{
	return (strlen(shortname) == len && strncmp(a, shortname, len) == 0) ||
	    (strlen(longname) == len && strncmp(a, longname, len) == 0);
}

/* Takes the global options before the command; returns the index of the
 * command word, or -1 after a usage error. */
static int
global_options(struct ctx *ctx, int argc, char **argv, bool *done)
{
	const char **slot;
	const char *a, *eq;
	size_t len;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0)
			return i + 1;
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("integra %s (plugin ABI %d.%d)\n", INTEGRA_VERSION,
			    INTEGRA_ABI_MAJOR, INTEGRA_ABI_MINOR);
			*done = true;
			return i;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return i;
		if (strcmp(a, "--no-pager") == 0 || strcmp(a, "--vertical") == 0) {
			ctx->term |= a[2] == 'n' ? CTX_NO_PAGER : CTX_VERTICAL;
			continue;
		}
		eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
		len = eq ? (size_t)(eq - a) : strlen(a);
		if (opt_is(a, len, "-c", "--config"))
			slot = &ctx->cfg_opt;
		else if (opt_is(a, len, "-d", "--database"))
			slot = &ctx->db_opt;
		else if (opt_is(a, len, "", "--format"))
			slot = &ctx->format;
		else
			return error_set(ctx, ERR_USAGE, "unknown global option '%s' "
			    "(see 'integra --help')", a), -1;
		if (eq)
			*slot = eq + 1;
		else if (i + 1 < argc)
			*slot = argv[++i];
		else
			return error_set(ctx, ERR_USAGE, "option '%.*s' needs a value",
			    (int)len, a), -1;
		if (**slot == '\0')
			return error_set(ctx, ERR_USAGE, "option '%.*s' needs a non-empty value",
			    (int)len, a), -1;
	}
	return i;
}

int
main(int argc, char **argv)
{
	struct ctx ctx = { 0 };
	bool done = false;
	int first, rc;

	ctx.out = stdout;
	host_init(&ctx);
	first = global_options(&ctx, argc, argv, &done);
	if (done)
		return EXIT_OK;
	if (first < 0) {
		print_error(ctx.errmsg);
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
		print_error(ctx.errmsg[0] ? ctx.errmsg : "failed (no reason given)");
	}
	errno = 0;
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0) {
		fprintf(stderr, "integra: cannot write to standard output%s%s\n",
		    errno ? ": " : "", errno ? strerror(errno) : "");
		rc = ERR_FAIL;
	}
	db_close(&ctx);
	cmd_plugin_release(&ctx);
	plugins_unload(&ctx);
	cfg_free(ctx.cfg);
	free(ctx.cmdline);
	free(ctx.os_user);
	return error_exit_code(rc);
}
