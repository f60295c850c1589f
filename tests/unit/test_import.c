/*
 * Unit tests of integra import (import*.c) run through the command table
 * on an in-memory database with the "good" fixture plugin (area
 * "testing"): the header checks, a bad row named by line and column in
 * the rejects file, the counts of a keyed re-import, participation loaded
 * into an empty table (the bulk path, a repeated key merged, the indexes
 * built again), and a rejects file that cannot be written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "plugin_fixture.h"

static char tmpdir[] = "/tmp/integra-test-import.XXXXXX";
static int serial;

/* The state of one test: the context and what the import printed. */
struct fix {
	struct ctx ctx;
	char *out;
	size_t outlen;
};

static int
group_setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (fixture_ctx(&f->ctx, "\"good\"", NULL) != 0 || fixture_db(&f->ctx) != 0)
		return -1;
	f->ctx.os_user = xstrdup("tester");
	f->ctx.cmdline = xstrdup("integra import");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	fixture_release(&f->ctx);
	free(f->ctx.os_user);
	free(f->ctx.cmdline);
	free(f->out);
	free(f);
	return 0;
}

/* Writes text to a new file in the private directory; returns its path. */
static char *
file(const char *text)
{
	char *path = xasprintf("%s/%d.csv", tmpdir, ++serial);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* Reads a whole file into a string. */
static char *
slurp(const char *path)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	buf_adds(&b, "");
	return b.s;
}

/* Runs `integra import KIND PATH [more...]`; f->out is what it printed. */
static int
import(struct fix *f, const char *kind, const char *path, const char *more1,
    const char *more2, const char *more3)
{
	char *argv[] = { "import", (char *)kind, (char *)path, (char *)more1,
	    (char *)more2, (char *)more3, NULL };
	int argc = 3, rc;

	while (argv[argc])
		argc++;
	free(f->out);
	f->out = NULL;
	f->ctx.out = open_memstream(&f->out, &f->outlen);
	f->ctx.err = 0;
	f->ctx.errmsg[0] = '\0';
	rc = cmd_run(&f->ctx, argc, argv);
	fclose(f->ctx.out);
	f->ctx.out = stdout;
	return rc;
}

static int64_t
count(struct fix *f, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(db_query_int(&f->ctx, &n, sql, ""), 0);
	return n;
}

static const char orgs[] =
    "code,name,kind,region\n"
    "MOU,Міністерство оборони України,ministry,Київ\n"
    "NADS,Національне агентство,agency,\n";

static void
test_import_header_unknown_column(void **state)
{
	struct fix *f = *state;
	char *path = file("code,name,colour\nX1,Перший,red\n");

	assert_int_equal(import(f, "orgs", path, NULL, NULL, NULL), ERR_INVALID);
	assert_non_null(strstr(f->ctx.errmsg, "unknown column 'colour' in the header"));
	assert_non_null(strstr(f->ctx.errmsg, "valid for orgs: code, name, kind"));
	assert_int_equal(count(f, "SELECT count(*) FROM organisation"), 0);
	free(path);
}

static void
test_import_header_missing_and_twice(void **state)
{
	struct fix *f = *state;
	char *lacks = file("code,kind\nX1,agency\n");
	char *twice = file("code,name,Code\nX1,Перший,X2\n");

	assert_int_equal(import(f, "orgs", lacks, NULL, NULL, NULL), ERR_INVALID);
	assert_non_null(strstr(f->ctx.errmsg, "the header lacks the column name"));
	assert_int_equal(import(f, "orgs", twice, NULL, NULL, NULL), ERR_INVALID);
	assert_non_null(strstr(f->ctx.errmsg, "column 'code' appears twice in the "
	    "header (columns 1 and 3)"));
	assert_int_equal(count(f, "SELECT count(*) FROM organisation"), 0);
	free(lacks);
	free(twice);
}

static void
test_import_bad_row_names_line_and_column(void **state)
{
	struct fix *f = *state;
	char *path = file("code,name,kind\nX1,Перший,agency\nX2,Другий,club\n"
	    "X3,Третій,\n");
	char *rej = xasprintf("%s/rejects.csv", tmpdir), *text;

	assert_int_equal(import(f, "orgs", path, NULL, NULL, NULL), ERR_INVALID);
	assert_non_null(strstr(f->ctx.errmsg, "1 error in 1 row; nothing stored"));
	assert_int_equal(count(f, "SELECT count(*) FROM organisation"), 0);
	assert_int_equal(import(f, "orgs", path, "--keep-going", "--rejects", rej), 0);
	assert_string_equal(f->out, "2 added, 0 updated, 0 unchanged, 1 rejected\n");
	text = slurp(rej);
	assert_string_equal(text, "code,name,kind,line,reason\r\n"
	    "X2,Другий,club,3,\"column 'kind': value 'club': invalid organisation "
	    "kind 'club' (allowed: ministry, agency, government, "
	    "oblast-administration, local-council, military-unit, "
	    "education-provider, other)\"\r\n");
	free(text);
	free(rej);
	free(path);
}

static void
test_import_keyed_reimport_counts(void **state)
{
	struct fix *f = *state;
	char *first = file(orgs);
	char *changed = file("code,name,kind,region\n"
	    "MOU,Міністерство оборони України,ministry,Київ\n"
	    "NADS,Національне агентство України з питань державної служби,agency,\n"
	    "X9,Новий,,\n");

	assert_int_equal(import(f, "orgs", first, NULL, NULL, NULL), 0);
	assert_string_equal(f->out, "2 added, 0 updated, 0 unchanged, 0 rejected\n");
	assert_int_equal(import(f, "orgs", first, NULL, NULL, NULL), 0);
	assert_string_equal(f->out, "0 added, 0 updated, 2 unchanged, 0 rejected\n");
	assert_int_equal(import(f, "orgs", changed, "--dry-run", NULL, NULL), 0);
	assert_string_equal(f->out, "dry run, nothing stored: 1 added, 1 updated, "
	    "1 unchanged, 0 rejected\n");
	assert_int_equal(count(f, "SELECT count(*) FROM organisation"), 2);
	assert_int_equal(import(f, "orgs", changed, NULL, NULL, NULL), 0);
	assert_string_equal(f->out, "1 added, 1 updated, 1 unchanged, 0 rejected\n");
	assert_int_equal(count(f, "SELECT count(*) FROM organisation"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE entity = 'import'"),
	    3);
	free(first);
	free(changed);
}

/* Organisations, people and one programme of area "testing". */
static void
seed(struct fix *f)
{
	char *o = file(orgs);
	char *p = file("key,name,org\nK1,Перша,MOU\nK2,Друга,MOU\nK3,Третя,NADS\n");
	char *g = file("area,code,title,level\ntesting,P1,Курс,basic\n");

	assert_int_equal(import(f, "orgs", o, NULL, NULL, NULL), 0);
	assert_int_equal(import(f, "people", p, NULL, NULL, NULL), 0);
	assert_int_equal(import(f, "programmes", g, NULL, NULL, NULL), 0);
	assert_string_equal(f->out, "1 added, 0 updated, 0 unchanged, 0 rejected\n");
	free(o);
	free(p);
	free(g);
}

static void
test_import_bulk_into_empty_table(void **state)
{
	struct fix *f = *state;
	struct buf csv = { 0 };
	char *path, *again;
	int i;

	seed(f);
	/* 70 rows: more than two batches of appended rows, and keys repeated:
	 * refused without --last-wins; with it counted as row by row (K1
	 * changed once, K3 the same 65 times more) and merged, the last row
	 * winning. */
	buf_adds(&csv, "programme,participant,role,status,hours,score\n");
	buf_adds(&csv, "P1,K1,participant,nominated,10,50\n");
	buf_adds(&csv, "P1,K2,trainer,enrolled,,\n");
	buf_adds(&csv, "P1,NADS,participant,attended,\"1,5\",\n");
	for (i = 0; i < 66; i++)
		buf_adds(&csv, "P1,K3,participant,enrolled,,\n");
	buf_adds(&csv, "P1,K1,participant,completed,45,90\n");
	path = file(csv.s);
	assert_int_equal(count(f, "SELECT count(*) FROM participation"), 0);
	assert_int_equal(import(f, "participation", path, NULL, NULL, NULL), ERR_INVALID);
	assert_int_equal(import(f, "participation", path, "--last-wins", NULL, NULL), 0);
	assert_string_equal(f->out, "4 added, 1 updated, 65 unchanged, 0 rejected\n");
	assert_int_equal(count(f, "SELECT count(*) FROM participation"), 4);
	assert_int_equal(count(f, "SELECT hours FROM participation p JOIN person k "
	    "ON k.id = p.person_id WHERE k.key = 'K1' AND status = 'completed'"), 45);
	assert_int_equal(count(f, "SELECT json_extract(fields, '$.score') FROM "
	    "participation p JOIN person k ON k.id = p.person_id WHERE k.key = 'K1'"), 90);
	assert_int_equal(count(f, "SELECT count(*) FROM sqlite_master WHERE name IN "
	    "('participation_key', 'participation_person')"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'trigger' AND name LIKE 'participation_audit_%'"), 3);
	again = file("programme,participant,status\nP1,K2,attended\nP1,K1,completed\n");
	assert_int_equal(import(f, "participation", again, NULL, NULL, NULL), 0);
	assert_string_equal(f->out, "0 added, 1 updated, 1 unchanged, 0 rejected\n");
	buf_release(&csv);
	free(path);
	free(again);
}

/* Imports participation file `csv` with --keep-going and a rejects
 * file, checks the summary printed; returns the rejects file's text. */
static char *
import_rejected(struct fix *f, const char *csv, const char *summary)
{
	char *path = file(csv), *rej = xasprintf("%s/rej%d.csv", tmpdir, serial);
	char *text;

	assert_int_equal(import(f, "participation", path, "--keep-going", "--rejects",
	    rej), 0);
	assert_string_equal(f->out, summary);
	text = slurp(rej);
	free(rej);
	free(path);
	return text;
}

/* The participation rules refuse bad rows, and the shortcuts of the
 * reader thread (plain numbers, values that passed once) store what the
 * rules would. */
static void
test_import_participation_rules(void **state)
{
	struct fix *f = *state;
	char *text;

	seed(f);
	text = import_rejected(f, "programme,person,role,status,start,end,hours\n"
	    "P1,K1,captain,,,,\n"
	    "P1,K2,,passed,,,\n"
	    "P1,K3,,,02.10.2021,01.10.2021,\n"
	    "P1,K9,,,,,\n"
	    "P1,K1,,,,,2000000000\n",
	    "0 added, 0 updated, 0 unchanged, 5 rejected\n");
	assert_non_null(strstr(text, ",2,\"column 'role': value 'captain': invalid "
	    "role 'captain' (allowed: participant, trainer)\""));
	assert_non_null(strstr(text, ",3,\"column 'status': value 'passed': invalid "
	    "participation status 'passed'"));
	assert_non_null(strstr(text, ",4,column 'end': value '01.10.2021': "
	    "participation would end (2021-10-01) before it starts (2021-10-02)\r\n"));
	assert_non_null(strstr(text, ",5,column 'person': value 'K9': no such person"));
	assert_non_null(strstr(text, ",6,column 'hours': value '2000000000': invalid "
	    "hours '2000000000' (too large)"));
	free(text);
	/* Numbers read by the fast path (plain decimals) and by the rules
	 * (the rest) are stored alike; a result or status that passed once
	 * is taken again, and a value that differs only by a hidden
	 * character is still refused. */
	text = import_rejected(f, "programme,person,status,hours,credits,result\n"
	    "P1,K1,completed,\"7,5\",0.25,зараховано\n"
	    "P1,K2,completed,1e1,.5,зараховано\n"
	    "P1,K3,completed,66,5.,зарах\xe2\x80\x8bовано\n",
	    "2 added, 0 updated, 0 unchanged, 1 rejected\n");
	assert_int_equal(count(f, "SELECT count(*) FROM participation WHERE "
	    "status = 'completed' AND result = 'зараховано' AND ((hours = 7.5 AND "
	    "credits = 0.25) OR (hours = 10 AND credits = 0.5))"), 2);
	assert_non_null(strstr(text, ",4,\"column 'result': value "));
	assert_non_null(strstr(text, "U+200B"));
	free(text);
}

static void
test_import_rejects_unwritable_fails(void **state)
{
	struct fix *f = *state;
	char *path = file("code,name,kind\nX1,Перший,agency\nX2,Другий,club\n");

	assert_int_equal(import(f, "orgs", path, "--keep-going", "--rejects",
	    "/dev/full"), ERR_FAIL);
	assert_string_equal(f->ctx.errmsg, "cannot write the rejects file '/dev/full': "
	    "No space left on device; nothing stored");
	assert_int_equal(count(f, "SELECT count(*) FROM organisation"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 0);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_header_unknown_column,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_header_missing_and_twice,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad_row_names_line_and_column,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_keyed_reimport_counts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bulk_into_empty_table,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_participation_rules,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_rejects_unwritable_fails,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
