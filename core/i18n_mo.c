/*
 * Message catalogs checked before gettext reads them.  glibc maps a .mo
 * file and trusts the offsets in it: a truncated or damaged catalog makes
 * it read past the end of the file (a crash, or garbage for messages).
 * integra falls back to English instead: the catalogs that gettext would
 * open for the language now (each entry of $LANGUAGE, or the messages'
 * locale, with the variants gettext tries: without @modifier, without
 * .codeset, without _TERRITORY, the codeset normalised) are read and
 * their header and string tables checked to lie inside the file; a
 * domain with one that does not is bound to no directory.
 */
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "integra.h"

#define MO_MAGIC	0x950412deu
#define MO_MAX		(64u << 20)	/* a bigger catalog is not ours */
#define LANG_MAX	64

/* The 32-bit word at p, in the catalog's byte order. */
static uint32_t
word(const unsigned char *p, bool swap)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return swap ? __builtin_bswap32(v) : v;
}

/* A table of n (length, offset) pairs at off: inside the file, and each
 * string it points to too, with its NUL. */
static bool
table_sane(const unsigned char *m, size_t size, bool swap, uint32_t n,
    uint32_t off)
{
	uint32_t i, len, at;

	if (off > size || n > (size - off) / 8)
		return false;
	for (i = 0; i < n; i++) {
		len = word(m + off + 8 * i, swap);
		at = word(m + off + 8 * i + 4, swap);
		if (at >= size || len >= size - at || m[at + len] != '\0')
			return false;
	}
	return true;
}

/* True when the size bytes at m are a catalog that gettext reads within
 * them.  Catalogs with system-dependent strings (revision 1) are not
 * checked further and count as broken: integra's have none. */
static bool
mo_sane(const unsigned char *m, size_t size)
{
	uint32_t magic, rev, n, hsize, hoff;
	bool swap;

	if (size < 28)
		return false;
	memcpy(&magic, m, sizeof(magic));
	if (magic != MO_MAGIC && __builtin_bswap32(magic) != MO_MAGIC)
		return false;
	swap = magic != MO_MAGIC;
	rev = word(m + 4, swap);
	n = word(m + 8, swap);
	hsize = word(m + 20, swap);
	hoff = word(m + 24, swap);
	if (rev != 0 && !(rev == 1 && size >= 48 && word(m + 36, swap) == 0))
		return false;
	if (hsize != 0 && (hoff > size || hsize > (size - hoff) / 4))
		return false;
	return table_sane(m, size, swap, n, word(m + 12, swap)) &&
	    table_sane(m, size, swap, n, word(m + 16, swap));
}

/* The catalog DIR/LANG/LC_MESSAGES/DOMAIN.mo: true when it is absent
 * (gettext passes over it) or sane. */
static bool
file_sane(const char *dir, const char *lang, const char *domain)
{
	char *path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, lang, domain);
	unsigned char *m = NULL;
	struct stat st;
	ssize_t got = 0;
	bool ok = true;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	free(path);
	if (fd < 0)
		return true;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		ok = st.st_size > 0 && (uint64_t)st.st_size <= MO_MAX;
		if (ok) {
			m = xmalloc((size_t)st.st_size);
			got = read(fd, m, (size_t)st.st_size);
			ok = got == st.st_size && mo_sane(m, (size_t)got);
		}
	}
	free(m);
	close(fd);
	return ok;
}

/* Every variant of the language name that gettext tries, checked. */
static bool
name_sane(const char *dir, const char *name, const char *domain)
{
	char v[5][LANG_MAX], *o;
	const char *cs = strchr(name, '.');
	size_t k, n = 4;

	snprintf(v[0], LANG_MAX, "%s", name);
	snprintf(v[1], LANG_MAX, "%.*s", (int)strcspn(name, "@"), name);
	snprintf(v[2], LANG_MAX, "%.*s", (int)strcspn(name, ".@"), name);
	snprintf(v[3], LANG_MAX, "%.*s", (int)strcspn(name, "_.@"), name);
	if (cs != NULL) {	/* uk_UA.UTF-8 is looked for as uk_UA.utf8 too */
		snprintf(v[4], LANG_MAX, "%.*s.", LANG_MAX - 2, v[2]);
		for (o = v[4] + strlen(v[4]), cs++; *cs && *cs != '@' &&
		    o < v[4] + LANG_MAX - 1; cs++)
			if ((*cs >= '0' && *cs <= '9') || (*cs >= 'a' && *cs <= 'z'))
				*o++ = *cs;
			else if (*cs >= 'A' && *cs <= 'Z')
				*o++ = (char)(*cs - 'A' + 'a');
		*o = '\0';
		n = 5;
	}
	for (k = 0; k < n; k++)
		if (v[k][0] && (k == 0 || strcmp(v[k], v[k - 1]) != 0) &&
		    !file_sane(dir, v[k], domain))
			return false;
	return true;
}

/* True when every catalog of domain in dir that gettext may read for the
 * language now is sane (or absent). */
bool
i18n_catalogs_sane(const char *dir, const char *domain)
{
	const char *loc = setlocale(LC_MESSAGES, NULL), *lang = getenv("LANGUAGE");
	char list[256], *save = NULL, *e;

	if (dir == NULL || domain == NULL || loc == NULL || strcmp(loc, "C") == 0 ||
	    strcmp(loc, "POSIX") == 0)
		return true;
	snprintf(list, sizeof(list), "%s", lang && *lang ? lang : loc);
	for (e = strtok_r(list, ":", &save); e; e = strtok_r(NULL, ":", &save))
		if (strchr(e, '/') == NULL && !name_sane(dir, e, domain))
			return false;
	return true;
}
