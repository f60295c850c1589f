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

#define TEXT_MAX 1000		/* characters in a name or other free text */
#define CODE_MAX 64		/* bytes in a code or key */

static const char *const regions[] = {
	"Вінницька", "Волинська", "Дніпропетровська", "Донецька", "Житомирська",
	"Закарпатська", "Запорізька", "Івано-Франківська", "Київська",
	"Кіровоградська", "Луганська", "Львівська", "Миколаївська", "Одеська",
	"Полтавська", "Рівненська", "Сумська", "Тернопільська", "Харківська",
	"Херсонська", "Хмельницька", "Черкаська", "Чернівецька", "Чернігівська",
	"Автономна Республіка Крим", "Київ", "Севастополь", NULL
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

	what = i18n_text(what);
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

	what = i18n_text(what);
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

	what = i18n_text(what);
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

/* One of a NULL-terminated list; the error lists the allowed values. */
int
check_enum(struct ctx *ctx, const char *what, const char *s,
    const char *const *allowed)
{
	const char *const *p;
	struct buf b = { 0 };

	what = i18n_text(what);
	for (p = allowed; *p; p++)
		if (strcmp(*p, s) == 0)
			return 0;
	for (p = allowed; *p; p++)
		buf_printf(&b, "%s%s", p == allowed ? "" : ", ", *p);
	error_set(ctx, ERR_INVALID, "invalid %s '%s' (allowed: %s)", what, s, b.s);
	buf_release(&b);
	return ERR_INVALID;
}

/* Finds the canonical name of a region typed in any case, with or without
 * "область"/"обл."; sets *out to a static string. */
int
check_region(struct ctx *ctx, const char *s, const char **out)
{
	char *f = text_fold(s), *g;
	size_t n = strlen(f), i;
	static const char *const suffixes[] = { " область", " обл.", " обл", NULL };
	const char *const *suf;
	int rc = ERR_INVALID;

	for (suf = suffixes; *suf; suf++) {
		size_t k = strlen(*suf);

		if (n > k && strcmp(f + n - k, *suf) == 0) {
			f[n - k] = '\0';
			break;
		}
	}
	for (i = 0; regions[i]; i++) {
		g = text_fold(regions[i]);
		if (strcmp(f, g) == 0) {
			*out = regions[i];
			rc = 0;
		}
		free(g);
		if (rc == 0)
			break;
	}
	free(f);
	if (rc != 0)
		return error_set(ctx, ERR_INVALID,
		    "unknown region '%s' (an oblast such as 'Львівська', or "
		    "'Автономна Республіка Крим', 'Київ', 'Севастополь')", s);
	return 0;
}

/* A finite non-negative number (a decimal comma is accepted: 1,5). */
int
check_number(struct ctx *ctx, const char *what, const char *s, double *out)
{
	char buf[64], *end, *comma;
	double v;

	what = i18n_text(what);
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

	what = i18n_text(what);
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
