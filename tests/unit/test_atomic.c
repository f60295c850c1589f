/*
 * Unit tests of atomic.c: a committed file replaces the target in one
 * rename with the configured mode; an abandoned or failed one leaves the
 * previous target untouched and no temporary file behind (a write error
 * too); only regular files are written, with a mode of at most 0666; the checksum
 * and size come from the bytes as they were written (or from the file,
 * when a format wrote it by its path).
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "integra.h"
#include "sha256.h"

struct fixture {
	struct ctx ctx;
	struct out_target t;	/* csv to stdout until atomic_open */
	char dir[64];
	char path[128];
};

static int
setup_cfg(void **state, const char *cfgtext)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->ctx.out = stdout;
	if (cfg_load_string(&f->ctx, cfgtext, "test.cfg", &f->ctx.cfg) != 0 ||
	    out_target_init(&f->ctx, "csv", &f->t) != 0)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/integra-atomic.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/out.csv", f->dir);
	*state = f;
	return 0;
}

static int
setup(void **state)
{
	return setup_cfg(state, "");
}

static int
setup_0600(void **state)
{
	return setup_cfg(state, "output_mode = \"0600\";");
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	cfg_free(f->ctx.cfg);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static char *
read_file(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Entries in the directory besides . and .. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_atomic_commit_replaces(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct stat sb;

	write_file(f->path, "old\n");
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	assert_ptr_not_equal(f->t.fp, stdout);
	assert_non_null(f->t.path);
	assert_string_not_equal(f->t.path, f->path);
	assert_string_equal(f->t.name, f->path);
	fputs("new\n", f->t.fp);
	assert_string_equal(read_file(f->path), "old\n");
	assert_int_equal(entries(f->dir), 1);	/* the new file has no name yet */
	assert_int_equal(atomic_commit(a, NULL), 0);
	assert_ptr_equal(f->ctx.out, stdout);
	assert_string_equal(read_file(f->path), "new\n");
	assert_int_equal(entries(f->dir), 1);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
}

static void
test_atomic_mode_from_config(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct stat sb;

	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	fputs("x\n", f->t.fp);
	assert_int_equal(atomic_commit(a, NULL), 0);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
}

static void
test_atomic_abort_keeps_previous(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;

	write_file(f->path, "old\n");
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	fputs("half a fi", f->t.fp);
	atomic_abort(a);
	assert_ptr_equal(f->ctx.out, stdout);
	assert_string_equal(read_file(f->path), "old\n");
	assert_int_equal(entries(f->dir), 1);
}

static void
test_atomic_missing_directory(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;
	char path[160];

	snprintf(path, sizeof(path), "%s/no/such/out.csv", f->dir);
	assert_int_not_equal(atomic_open(&f->ctx, path, &f->t, &a), 0);
	assert_null(a);
	assert_non_null(strstr(f->ctx.errmsg, path));
	assert_non_null(strstr(f->ctx.errmsg, "No such file or directory"));
	assert_ptr_equal(f->ctx.out, stdout);
	assert_int_equal(entries(f->dir), 0);
}

static void
test_atomic_directory_target(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;

	assert_int_not_equal(atomic_open(&f->ctx, f->dir, &f->t, &a), 0);
	assert_non_null(strstr(f->ctx.errmsg, "is a directory"));
}

/* A write that fails (here a file size limit, EFBIG, standing in for a
 * full disk) fails the commit with the cause and leaves no file. */
static void
test_atomic_write_error(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct rlimit old, small;
	void (*was)(int);
	int i, rc;

	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 4096;
	was = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	for (i = 0; i < 10000; i++)
		fputs("a line of an export that does not fit on the disk\n", f->t.fp);
	rc = atomic_commit(a, NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_not_equal(rc, 0);
	assert_non_null(strstr(f->ctx.errmsg, f->path));
	assert_non_null(strstr(f->ctx.errmsg, "File too large"));
	assert_ptr_equal(f->ctx.out, stdout);
	assert_int_equal(entries(f->dir), 0);
}

/* A refused target: the message names it and what it is, and nothing is
 * written through it. */
static void
refused(struct fixture *f, const char *path, const char *kind)
{
	struct atomic *a = NULL;

	f->ctx.errmsg[0] = '\0';
	assert_int_equal(atomic_open(&f->ctx, path, &f->t, &a), ERR_FAIL);
	assert_null(a);
	assert_non_null(strstr(f->ctx.errmsg, path));
	assert_non_null(strstr(f->ctx.errmsg, kind));
	assert_non_null(strstr(f->ctx.errmsg, "only to regular files"));
	assert_ptr_equal(f->ctx.out, stdout);
}

/* Devices, FIFOs, sockets and symbolic links are not written, in place
 * or by rename: the file a link points to stays as it was. */
static void
test_atomic_only_regular_files(void **state)
{
	struct fixture *f = *state;
	char fifo[160], link[160], sock[160];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int s;

	write_file(f->path, "old\n");
	snprintf(link, sizeof(link), "%s/link.csv", f->dir);
	assert_int_equal(symlink(f->path, link), 0);
	refused(f, link, "a symbolic link");
	assert_string_equal(read_file(f->path), "old\n");
	snprintf(fifo, sizeof(fifo), "%s/fifo", f->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	refused(f, fifo, "a FIFO");
	refused(f, "/dev/null", "a character device");
	snprintf(sock, sizeof(sock), "%s/sock", f->dir);
	assert_true(strlen(sock) < sizeof(sun.sun_path));
	memcpy(sun.sun_path, sock, strlen(sock) + 1);
	assert_true((s = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sun, sizeof(sun)), 0);
	refused(f, sock, "a socket");
	close(s);
	assert_int_equal(entries(f->dir), 4);
}

/* A mode above 0666 (0777 from a configuration) is clamped: never
 * executable, never set-id. */
static void
test_atomic_mode_clamped(void **state)
{
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct stat sb;

	f->t.mode = 07777;
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	fputs("x\n", f->t.fp);
	assert_int_equal(atomic_commit(a, NULL), 0);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0666);
}

/* The checksum of what went through the stream, without reading it back. */
static void
test_atomic_checksum_while_writing(void **state)
{
	static const char text[] = "name,n\r\nЛьвівська ОДА,2\r\n";
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct atomic_sum sum;
	char want[65];
	int i;

	f->t.checksum = true;
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	for (i = 0; i < 3; i++)
		fputs(text, f->t.fp);
	assert_int_equal(atomic_commit(a, &sum), 0);
	assert_int_equal(sum.bytes, 3 * (int64_t)strlen(text));
	assert_int_equal(sha256_file(f->path, want, NULL), 0);
	assert_string_equal(sum.sha256, want);
}

/* A target that did not ask for the checksum (report -o) is not hashed
 * while written; a sum asked for at commit is read back from the file. */
static void
test_atomic_checksum_not_asked(void **state)
{
	static const char text[] = "code,name\r\nMOU,Міністерство оборони\r\n";
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct atomic_sum sum;
	char want[65];

	f->t.checksum = false;
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	fputs(text, f->t.fp);
	assert_int_equal(atomic_commit(a, &sum), 0);
	sha256_hex(text, strlen(text), want);
	assert_string_equal(sum.sha256, want);
	assert_int_equal(sum.bytes, (int64_t)strlen(text));
}

/* A format that writes the file by its path (xlsx): the file is summed. */
static void
test_atomic_checksum_by_path(void **state)
{
	static const char text[] = "PK\003\004 a spreadsheet";
	struct fixture *f = *state;
	struct atomic *a = NULL;
	struct atomic_sum sum;
	char want[65];
	FILE *fp;

	f->t.checksum = true;
	assert_int_equal(atomic_open(&f->ctx, f->path, &f->t, &a), 0);
	assert_non_null(fp = fopen(f->t.path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(atomic_commit(a, &sum), 0);
	sha256_hex(text, strlen(text), want);
	assert_string_equal(sum.sha256, want);
	assert_int_equal(sum.bytes, (int64_t)strlen(text));
	assert_string_equal(read_file(f->path), text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_atomic_commit_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_mode_from_config, setup_0600,
		    teardown),
		cmocka_unit_test_setup_teardown(test_atomic_abort_keeps_previous, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_atomic_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_directory_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_only_regular_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_atomic_mode_clamped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_checksum_while_writing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_atomic_checksum_not_asked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_atomic_checksum_by_path, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
