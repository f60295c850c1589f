/*
 * libFuzzer harness of the date parser (core/date.c): the input is one
 * string given to date_parse() and date_normalise().  A date accepted
 * must be a valid civil date that formats as YYYY-MM-DD and parses back
 * to the same day; date_normalise() must agree with date_parse(), and a
 * refusal must say why.  Month arithmetic on an accepted date must land
 * on real days of the calendar.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The promises about a date that date_parse() accepted. */
static void
check_date(int32_t days)
{
	char out[11];
	int32_t again, later;
	int y, m, d, k;

	date_format(days, out);
	FUZZ_ASSERT(strlen(out) == 10);
	FUZZ_ASSERT(date_parse(out, &again) == 0 && again == days);
	date_to_ymd(days, &y, &m, &d);
	FUZZ_ASSERT(date_valid(y, m, d));
	FUZZ_ASSERT(date_from_ymd(y, m, d) == days);
	for (k = -13; k <= 13; k += 13) {
		later = date_add_months(days, k);
		date_to_ymd(later, &y, &m, &d);
		FUZZ_ASSERT(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		FUZZ_ASSERT(date_from_ymd(y, m, d) == later);
	}
}

/* Parses one input as a date both ways and checks they agree. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), norm[11];
	struct ctx ctx;
	int32_t days, again;
	int rc, nrc;

	memset(&ctx, 0, sizeof(ctx));
	rc = date_parse(s, &days);
	nrc = date_normalise(&ctx, "date", s, norm);
	FUZZ_ASSERT((rc == 0) == (nrc == 0));
	if (rc == 0) {
		check_date(days);
		FUZZ_ASSERT(date_parse(norm, &again) == 0 && again == days);
	} else {
		FUZZ_ASSERT(rc == ERR_INVALID && ctx.errmsg[0] != '\0');
	}
	free(s);
	return 0;
}
