/*
 * libFuzzer harness of `integra import participation FILE --keep-going
 * --rejects FILE` (core/import*.c): the input is the whole file, read by
 * the reader thread (rowpipe.c) that makes the row checks of
 * import_part.c while this thread checks the area fields and stores.
 * The database is built once as tests/unit/test_import.c builds it (the
 * core schema in memory, the "good" fixture plugin for the area
 * "testing", two organisations, three people, one programme) and copied
 * afresh for every input, so each run starts from the same state.  A
 * refusal must say why; an import that succeeded must leave no dangling
 * reference.
 */
#include <sqlite3.h>

#include "fuzz.h"
#include "plugin_fixture.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ctx ctx;
static sqlite3 *pristine;
static char *rejects;

/* Runs `integra import KIND PATH --keep-going --rejects REJECTS`. */
static int
import(const char *kind, const char *path)
{
	char *argv[] = { "import", (char *)kind, (char *)path, "--keep-going",
	    "--rejects", rejects, NULL };

	ctx.err = 0;
	ctx.errmsg[0] = '\0';
	return cmd_run(&ctx, (int)ARRAY_SIZE(argv) - 1, argv);
}

/* Imports text as a file of kind; aborts when it fails. */
static void
seed(const char *kind, const char *text)
{
	char *path = fuzz_file("seed.csv", (const uint8_t *)text, strlen(text));

	if (import(kind, path) != 0) {
		fprintf(stderr, "seeding %s: %s\n", kind, ctx.errmsg);
		abort();
	}
	free(path);
}

/* Copies the database from into a new in-memory database. */
static sqlite3 *
copy_of(sqlite3 *from)
{
	sqlite3 *to;
	sqlite3_backup *b;

	FUZZ_ASSERT(sqlite3_open(":memory:", &to) == SQLITE_OK);
	b = sqlite3_backup_init(to, "main", from, "main");
	FUZZ_ASSERT(b != NULL);
	FUZZ_ASSERT(sqlite3_backup_step(b, -1) == SQLITE_DONE);
	FUZZ_ASSERT(sqlite3_backup_finish(b) == SQLITE_OK);
	return to;
}

/* Unloads the plugin and frees what the set-up made, at exit. */
static void
release(void)
{
	fixture_release(&ctx);
	sqlite3_close(pristine);
	free(ctx.os_user);
	free(ctx.cmdline);
	free(rejects);
	fclose(ctx.out);
}

/* Builds the database every input starts from. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "Europe/Kyiv", 1);
	if (fixture_ctx(&ctx, "\"good\"", NULL) != 0 || fixture_db(&ctx) != 0) {
		fprintf(stderr, "fuzz_import: cannot set up: %s\n", ctx.errmsg);
		abort();
	}
	ctx.os_user = xstrdup("fuzzer");
	ctx.cmdline = xstrdup("integra import");
	ctx.out = fopen("/dev/null", "w");
	FUZZ_ASSERT(ctx.out != NULL);
	rejects = xasprintf("%s/rejects.csv", fuzz_dir());
	seed("orgs", "code,name,kind,region\n"
	    "MOU,Міністерство оборони України,ministry,Київ\n"
	    "NADS,Національне агентство,agency,\n");
	seed("people", "key,name,org\nK1,Перша,MOU\nK2,Друга,MOU\nK3,Третя,NADS\n");
	seed("programmes", "area,code,title,level\ntesting,P1,Курс,basic\n");
	pristine = copy_of(dbc_sqlite(ctx.db));
	db_close(&ctx);
	atexit(release);
	return 0;
}

/* The number a query gives. */
static int64_t
count(const char *sql)
{
	int64_t n = -1;

	FUZZ_ASSERT(db_query_int(&ctx, &n, sql, "") == 0);
	return n;
}

/* Imports one input into a fresh copy of the database. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_file("input.csv", data, size);
	int rc;

	ctx.db = dbc_from_sqlite(copy_of(pristine));
	FUZZ_ASSERT(db_register_functions(&ctx, dbc_sqlite(ctx.db)) == 0);
	rc = import("participation", path);
	if (rc != 0) {
		FUZZ_ASSERT(ctx.errmsg[0] != '\0');
	} else {
		FUZZ_ASSERT(count("SELECT count(*) FROM participation WHERE "
		    "person_id NOT IN (SELECT id FROM person) OR org_id NOT IN "
		    "(SELECT id FROM organisation) OR programme_id NOT IN "
		    "(SELECT id FROM programme)") == 0);
	}
	FUZZ_ASSERT(!ctx.in_tx);
	db_close(&ctx);
	free(path);
	return 0;
}
