/*
 * libFuzzer harness of the cron parser (core/cron.c): the input is one
 * schedule expression.  A refusal must say why; an accepted expression
 * must set at least one bit of every field and nothing outside its range,
 * describe itself in words, and give next times that go forward and fall
 * on scheduled days, across the spring and autumn clock changes of
 * Europe/Kyiv.
 */
#include <time.h>

#include "fuzz.h"
#include "cron.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Schedules are computed in Kyiv time, with its clock changes. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "Europe/Kyiv", 1);
	tzset();
	return 0;
}

/* The next two times after `after` go forward, on scheduled days. */
static void
check_next(const struct cron *c, time_t after)
{
	time_t t = after;
	struct tm tm;
	int i;

	for (i = 0; i < 2; i++) {
		after = t;
		if ((t = cron_next(c, after)) == (time_t)-1)
			return;
		FUZZ_ASSERT(t > after);
		FUZZ_ASSERT(localtime_r(&t, &tm) != NULL);
		FUZZ_ASSERT(cron_day_matches(c, tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday));
	}
}

/* Parses one expression and checks what it gives; see the top of the file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), err[256] = "", *words;
	struct cron c;

	if (cron_parse(s, &c, err, sizeof(err)) != 0) {
		FUZZ_ASSERT(err[0] != '\0');
		free(s);
		return 0;
	}
	FUZZ_ASSERT(c.minute != 0 && c.minute >> 60 == 0);
	FUZZ_ASSERT(c.hour != 0 && c.hour >> 24 == 0);
	FUZZ_ASSERT(c.mday != 0 && (c.mday & 1) == 0);
	FUZZ_ASSERT(c.month != 0 && (c.month & 1) == 0 && c.month >> 13 == 0);
	FUZZ_ASSERT(c.wday != 0 && c.wday >> 7 == 0);
	words = cron_describe(&c);
	FUZZ_ASSERT(words != NULL && words[0] != '\0');
	free(words);
	check_next(&c, 1616889600);	/* 2021-03-28 02:00 EET: clocks go forward */
	check_next(&c, 1635634800);	/* 2021-10-31 02:00 EEST: clocks go back */
	free(s);
	return 0;
}
