/*
 * Checks of user input shared by every noun: codes, names and free text
 * (well-formed UTF-8, no control characters, C0 or C1, no bidirectional or
 * zero-width characters that make two values look alike, a sane length),
 * closed lists of values with an error that names what is allowed, and the
 * regions of Ukraine in one canonical spelling.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "vocab.h"

#define TEXT_MAX 1000		/* characters in a name or other free text */
#define CODE_MAX 64		/* bytes in a code or key */

/* The regions of Ukraine: the canonical name, then the other spellings
 * met in files (compared folded, after "м."/"місто" before and
 * "область"/"обл." after are taken off). */
#define REGION_NAMES 8
static const char *const regions[][REGION_NAMES] = {
	{ "Вінницька", "Vinnytsia", "Vinnytsia Oblast", "Vinnytska" },
	{ "Волинська", "Volyn", "Volyn Oblast", "Volynska" },
	{ "Дніпропетровська", "Dnipropetrovsk", "Dnipropetrovsk Oblast",
	  "Dnipropetrovska" },
	{ "Донецька", "Donetsk", "Donetsk Oblast", "Donetska" },
	{ "Житомирська", "Zhytomyr", "Zhytomyr Oblast", "Zhytomyrska" },
	{ "Закарпатська", "Zakarpattia", "Zakarpattia Oblast", "Zakarpatska" },
	{ "Запорізька", "Zaporizhzhia", "Zaporizhzhia Oblast", "Zaporizka" },
	{ "Івано-Франківська", "Ivano-Frankivsk", "Ivano-Frankivsk Oblast",
	  "Ivano-Frankivska" },
	{ "Київська", "Kyiv Oblast", "Kyivska" },
	{ "Кіровоградська", "Kirovohrad", "Kirovohrad Oblast", "Kirovohradska",
	  "Kropyvnytskyi" },
	{ "Луганська", "Luhansk", "Luhansk Oblast", "Luhanska" },
	{ "Львівська", "Lviv", "Lviv Oblast", "Lvivska" },
	{ "Миколаївська", "Mykolaiv", "Mykolaiv Oblast", "Mykolaivska" },
	{ "Одеська", "Odesa", "Odesa Oblast", "Odeska" },
	{ "Полтавська", "Poltava", "Poltava Oblast", "Poltavska" },
	{ "Рівненська", "Rivne", "Rivne Oblast", "Rivnenska" },
	{ "Сумська", "Sumy", "Sumy Oblast", "Sumska" },
	{ "Тернопільська", "Ternopil", "Ternopil Oblast", "Ternopilska" },
	{ "Харківська", "Kharkiv", "Kharkiv Oblast", "Kharkivska" },
	{ "Херсонська", "Kherson", "Kherson Oblast", "Khersonska" },
	{ "Хмельницька", "Khmelnytskyi", "Khmelnytskyi Oblast", "Khmelnytska" },
	{ "Черкаська", "Cherkasy", "Cherkasy Oblast", "Cherkaska" },
	{ "Чернівецька", "Chernivtsi", "Chernivtsi Oblast", "Chernivetska" },
	{ "Чернігівська", "Chernihiv", "Chernihiv Oblast", "Chernihivska" },
	{ "Автономна Республіка Крим", "АР Крим", "АРК", "Крим",
	  "Autonomous Republic of Crimea", "Crimea" },
	{ "Київ", "Kyiv", "Kyiv City", "Kiev" },
	{ "Севастополь", "Sevastopol", "Sevastopol City" },
	{ NULL }
};

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Refuses a character of s that can make it lie (see text_find_hidden):
 * C0 controls but those in allow, C1 controls, bidirectional controls and
 * zero-width characters, naming the character and its position.
 */
static int
check_hidden(struct ctx *ctx, const char *what, const char *s, size_t n,
    const char *allow)
{
	enum text_hidden h;
	uint32_t cp;
	size_t chr, byte;

	if ((h = text_find_hidden(s, n, allow, &cp, &chr, &byte)) == TEXT_CLEAN)
		return 0;
	if (h == TEXT_C0 && chr == byte)
		return error_set(ctx, ERR_INVALID,
		    "%s contains a control character (byte %zu)", what, byte);
	return error_set(ctx, ERR_INVALID, "%s contains %s U+%04X (character %zu); "
	    "remove it: it does not show or it reorders text, so two values "
	    "that look the same would differ", what, text_hidden_words(h), (unsigned)cp, chr);
}

/* Free text: valid UTF-8, no control characters but tab and newline, no
 * bidirectional or zero-width characters, at most TEXT_MAX characters.
 * Empty only when allow_empty. */
int
check_text(struct ctx *ctx, const char *what, const char *s, bool allow_empty)
{
	size_t n = strlen(s);

	if (!text_valid_utf8(s, n))
		return error_set(ctx, ERR_INVALID, "%s is not valid UTF-8 text", what);
	if (!allow_empty && strspn(s, " \t\r\n") == n)
		return error_set(ctx, ERR_INVALID, "%s must not be empty", what);
	if (utf8_chars(s) > TEXT_MAX)
		return error_set(ctx, ERR_INVALID,
		    "%s is too long: %zu characters (at most %d)", what, utf8_chars(s),
		    TEXT_MAX);
	return check_hidden(ctx, what, s, n, "\t\n");
}

/* A code or key: 1..CODE_MAX bytes of UTF-8 without spaces, controls (C0
 * and C1), bidirectional or zero-width characters. */
int
check_code(struct ctx *ctx, const char *what, const char *s)
{
	size_t i, n = strlen(s);
	char *w;
	int rc;

	if (n == 0)
		return error_set(ctx, ERR_INVALID, "%s must not be empty", what);
	if (n > CODE_MAX)
		return error_set(ctx, ERR_INVALID, "%s is too long: %zu bytes (at most %d)",
		    what, n, CODE_MAX);
	if (!text_valid_utf8(s, n))
		return error_set(ctx, ERR_INVALID, "%s is not valid UTF-8 text", what);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return error_set(ctx, ERR_INVALID,
			    "%s '%s' contains a space or control character", what, s);
	w = xasprintf("%s '%s'", what, s);
	rc = check_hidden(ctx, w, s, n, NULL);
	free(w);
	return rc;
}

/* One of a NULL-terminated list, by its identifier or a Ukrainian name
 * (vocab.c); the error lists the allowed values. */
int
check_enum(struct ctx *ctx, const char *what, const char *s,
    const char *const *allowed)
{
	const char *id;

	return vocab_enum(ctx, what, s, allowed, &id);
}

/* Takes off what may stand around a region's name in f (folded, in
 * place): "м.", "місто" before, "область", "обл." after, spaces. */
static char *
region_core(char *f)
{
	static const char *const before[] = { "м. ", "м.", "місто ", NULL };
	static const char *const after[] = { " область", " обл.", " обл", NULL };
	const char *const *p;
	size_t n, k;

	while (*f == ' ')
		f++;
	for (p = before; *p; p++)
		if (strncmp(f, *p, strlen(*p)) == 0) {
			f += strlen(*p);
			break;
		}
	while (*f == ' ')
		f++;
	n = strlen(f);
	while (n > 0 && f[n - 1] == ' ')
		f[--n] = '\0';
	for (p = after; *p; p++) {
		k = strlen(*p);
		if (n > k && strcmp(f + n - k, *p) == 0) {
			f[n - k] = '\0';
			break;
		}
	}
	return f;
}

/* True when the folded f is one of the spellings of region r. */
static bool
region_is(const char *const *r, const char *f)
{
	size_t k;
	char *g;
	bool eq = false;

	for (k = 0; k < REGION_NAMES && r[k] && !eq; k++) {
		g = text_fold(r[k]);
		eq = strcmp(f, g) == 0;
		free(g);
	}
	return eq;
}

/* Finds the canonical name of a region typed in any case and any usual
 * spelling (м. Київ, місто Київ, АР Крим, Львівська обл., Lviv Oblast);
 * sets *out to a static string. */
int
check_region(struct ctx *ctx, const char *s, const char **out)
{
	char *f = text_fold(s), *c = region_core(f);
	size_t i;

	for (i = 0; regions[i][0] && !region_is(regions[i], c) &&
	    !region_is(regions[i], f); i++)
		;
	free(f);
	if (regions[i][0] == NULL)
		return error_set(ctx, ERR_INVALID,
		    "unknown region '%s' (an oblast such as 'Львівська', or "
		    "'Автономна Республіка Крим', 'Київ', 'Севастополь')", s);
	*out = regions[i][0];
	return 0;
}

/*
 * An EDRPOU code (ЄДРПОУ, the register number of a Ukrainian legal entity):
 * 8 digits, the last a check digit.  The published rule: the first seven
 * digits weighted 1..7 (7, 1..6 for codes from 30000000 to 60000000), the
 * sum modulo 11; a remainder of 10 is worked out again with every weight
 * 2 more, and a 10 then is 0.
 */
int
check_edrpou(struct ctx *ctx, const char *s)
{
	long n;
	int i, pass, sum = 0, shift;

	if (strlen(s) != 8 || strspn(s, "0123456789") != 8)
		return error_set(ctx, ERR_INVALID, "invalid EDRPOU code '%s' (8 digits)", s);
	n = strtol(s, NULL, 10);
	shift = n >= 30000000 && n <= 60000000 ? 6 : 0;
	for (pass = 0; pass < 2; pass++) {
		for (sum = 0, i = 0; i < 7; i++)
			sum += (s[i] - '0') * ((i + shift) % 7 + 1 + 2 * pass);
		if ((sum %= 11) != 10)
			break;
	}
	if (sum % 10 != s[7] - '0')
		return error_set(ctx, ERR_INVALID, "invalid EDRPOU code '%s': its check "
		    "digit is %c, the code's digits give %d (a digit typed wrong?)", s,
		    s[7], sum % 10);
	return 0;
}

/* A finite non-negative number (a decimal comma is accepted: 1,5). */
int
check_number(struct ctx *ctx, const char *what, const char *s, double *out)
{
	char buf[64], *end, *comma;
	double v;

	if (strlen(s) >= sizeof(buf) || *s == '\0')
		return error_set(ctx, ERR_INVALID, "invalid %s '%s' (a number)", what, s);
	memcpy(buf, s, strlen(s) + 1);
	if ((comma = strchr(buf, ',')) != NULL && strchr(comma + 1, ',') == NULL)
		*comma = '.';
	v = strtod(buf, &end);
	if (*end != '\0' || end == buf || !isfinite(v) || *buf == ' ')
		return error_set(ctx, ERR_INVALID, "invalid %s '%s' (a number)", what, s);
	if (v < 0)
		return error_set(ctx, ERR_INVALID, "invalid %s '%s' (must not be negative)",
		    what, s);
	*out = v;
	return 0;
}

/* Closed lists shared by the nouns, import and reports. */
const char *const org_kinds[] = {
	"ministry", "agency", "government", "oblast-administration",
	"local-council", "military-unit", "education-provider", "other", NULL
};
const char *const person_services[] = {
	"civil-service", "local-self-government", "military", "other", NULL
};
const char *const civil_categories[] = { "А", "Б", "В", NULL };
const char *const programme_statuses[] = {
	"planned", "active", "completed", "cancelled", NULL
};
const char *const participation_statuses[] = {
	"nominated", "enrolled", "attended", "completed", "failed", "withdrawn", NULL
};

/* Refuses a status change to anything but one of next (the moves allowed
 * from `from`); the error names them.  Staying put is allowed. */
int
check_move(struct ctx *ctx, const char *what, const char *from, const char *to,
    const char *const *next)
{
	const char *const *p;
	struct buf b = { 0 };

	if (strcmp(from, to) == 0)
		return 0;
	for (p = next; *p; p++)
		if (strcmp(*p, to) == 0)
			return 0;
	for (p = next; *p; p++)
		buf_printf(&b, "%s%s", p == next ? "" : ", ", *p);
	error_set(ctx, ERR_INVALID, "%s cannot move from '%s' to '%s' (allowed next: %s)",
	    what, from, to, b.s ? b.s : "none, it is final");
	buf_release(&b);
	return ERR_INVALID;
}
