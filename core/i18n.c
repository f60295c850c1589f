/*
 * The language of the messages, through gettext: the catalogs' directory
 * (the build tree's when the binary runs from it, else the installed
 * one), the language from LC_ALL / LC_MESSAGES / LANG or the
 * configuration key `language`, look-ups in a context (msgctxt) and
 * through a plugin's own textdomain, and dates written as the language
 * writes them.  Only LC_MESSAGES is taken from the environment: numbers,
 * character classes and collation stay those of the C locale, so that
 * CSV and JSON never change with the language.  Messages are always
 * UTF-8.  A missing or broken catalog leaves the English messages.
 */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "integra.h"

#ifndef INTEGRA_LOCALEDIR
#define INTEGRA_LOCALEDIR "/usr/local/share/locale"
#endif

static char localedir[PATH_MAX];

/*
 * Where the catalogs are: $INTEGRA_LOCALEDIR when set; else "locale"
 * beside the binary when that directory exists (the build tree: make
 * builds build/locale beside build/integra); else the directory built in
 * (make install puts the catalogs there).
 */
const char *
i18n_localedir(void)
{
	const char *env = getenv("INTEGRA_LOCALEDIR");
	char exe[PATH_MAX], cand[PATH_MAX + 16];
	struct stat st;
	ssize_t n;

	if (localedir[0])
		return localedir;
	snprintf(localedir, sizeof(localedir), "%s", INTEGRA_LOCALEDIR);
	if (env && *env) {
		snprintf(localedir, sizeof(localedir), "%s", env);
		return localedir;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return localedir;
	exe[n] = '\0';
	snprintf(cand, sizeof(cand), "%s/locale", dirname(exe));
	if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode) &&
	    strlen(cand) < sizeof(localedir))
		memcpy(localedir, cand, strlen(cand) + 1);
	return localedir;
}

/* True for a language name: ll, lll, ll_CC, optionally .codeset or
 * @modifier, or C / POSIX. */
static bool
is_language(const char *s)
{
	size_t i = 0;

	if (strcmp(s, "C") == 0 || strcmp(s, "POSIX") == 0)
		return true;
	while (s[i] >= 'a' && s[i] <= 'z')
		i++;
	if (i < 2 || i > 3)
		return false;
	if (s[i] == '_' && s[i + 1] >= 'A' && s[i + 1] <= 'Z' &&
	    s[i + 2] >= 'A' && s[i + 2] <= 'Z')
		i += 3;
	return s[i] == '\0' || s[i] == '.' || s[i] == '@';
}

/* Binds domain to dir, or to no directory (English) when a catalog there
 * that gettext would read for the language now is broken; messages in
 * UTF-8 whatever the locale's codeset. */
static void
bind_checked(const char *domain, const char *dir)
{
	bindtextdomain(domain, i18n_catalogs_sane(dir, domain) ? dir : "/dev/null");
	bind_textdomain_codeset(domain, "UTF-8");
}

/*
 * Sets the language: $LANGUAGE, which gettext reads before the locale,
 * and, when the messages' locale is C (where gettext ignores $LANGUAGE),
 * C.UTF-8 for them, which every glibc has.  "C" or "en" mean English.
 */
int
i18n_language(const char *lang)
{
	const char *cur;

	if (lang == NULL || !is_language(lang))
		return -1;
	if (strcmp(lang, "POSIX") == 0)
		lang = "C";
	setenv("LANGUAGE", lang, 1);
	cur = setlocale(LC_MESSAGES, NULL);
	if (strcmp(lang, "C") != 0 && (cur == NULL || strcmp(cur, "C") == 0 ||
	    strcmp(cur, "POSIX") == 0))
		setlocale(LC_MESSAGES, "C.UTF-8");
	bind_checked(INTEGRA_TEXTDOMAIN, i18n_localedir());
	textdomain(INTEGRA_TEXTDOMAIN);	/* forgets what was translated */
	return 0;
}

/* The locale the environment names for the messages, or NULL. */
static const char *
env_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vars); i++)
		if ((v = getenv(vars[i])) != NULL && *v)
			return v;
	return NULL;
}

/*
 * Binds the core's catalogs and takes the language of the messages from
 * the environment.  When the locale it names is not installed (no
 * uk_UA.UTF-8 generated), the language part of its name still chooses
 * the catalog, as if it had been given with i18n_language().
 */
void
i18n_init(void)
{
	const char *env = env_locale();
	char lang[64];

	if (setlocale(LC_MESSAGES, "") == NULL && env && is_language(env)) {
		snprintf(lang, sizeof(lang), "%.*s", (int)strcspn(env, ".@"), env);
		if (getenv("LANGUAGE") == NULL || !*getenv("LANGUAGE"))
			i18n_language(lang);
	}
	bind_checked(INTEGRA_TEXTDOMAIN, i18n_localedir());
	textdomain(INTEGRA_TEXTDOMAIN);
	/* strerror() in UTF-8 like the messages around it: with LC_CTYPE
	 * left "C" glibc would transliterate its Ukrainian to Latin. */
	bind_textdomain_codeset("libc", "UTF-8");
}

/* Binds a plugin's textdomain to its directory (NULL: the core's). */
void
i18n_bind(const char *domain, const char *dir)
{
	if (domain == NULL || *domain == '\0')
		return;
	if (dir != NULL || strcmp(domain, INTEGRA_TEXTDOMAIN) != 0)
		bind_checked(domain, dir ? dir : i18n_localedir());
}

/* gettext() of s, NULL and "" left as they are. */
const char *
i18n_text(const char *s)
{
	return s == NULL || *s == '\0' ? s : gettext(s);
}

/* Translates msgid through domain: NULL leaves it as written, "" is the
 * core's domain. */
const char *
i18n_dgettext(const char *domain, const char *msgid)
{
	if (domain == NULL || msgid == NULL || *msgid == '\0')
		return msgid;
	return dgettext(*domain ? domain : INTEGRA_TEXTDOMAIN, msgid);
}

/* msgid in context ctxt through domain, or msgid itself. */
const char *
i18n_dpgettext(const char *domain, const char *ctxt, const char *msgid)
{
	char key[512];
	const char *t;

	if (domain == NULL || msgid == NULL || *msgid == '\0')
		return msgid;
	if (snprintf(key, sizeof(key), "%s\004%s", ctxt, msgid) >= (int)sizeof(key))
		return msgid;
	t = dgettext(*domain ? domain : INTEGRA_TEXTDOMAIN, key);
	return t == key || strcmp(t, key) == 0 ? msgid : t;
}

const char *
i18n_pgettext(const char *ctxt, const char *msgid)
{
	return i18n_dpgettext("", ctxt, msgid);
}

/* An ISO date as the language writes it: the catalog translates the
 * pattern (%d.%m.%Y in Ukrainian); %d, %m and %Y are the day, the month
 * and the year, as strftime(3) has them, anything else is copied. */
bool
i18n_date(const char *s, size_t n, char out[16])
{
	/* TRANSLATORS: how a date is written: %d day, %m month, %Y year */
	const char *f = C_("date", "%Y-%m-%d");
	int v[3], k;
	size_t o = 0;

	if (s == NULL || n != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d", &v[0], &v[1], &v[2]) != 3 || v[1] < 1 ||
	    v[1] > 12 || v[2] < 1 || v[2] > 31)
		return false;
	for (; *f && o < 15; f++) {
		k = f[0] != '%' ? -1 : f[1] == 'Y' ? 0 : f[1] == 'm' ? 1 :
		    f[1] == 'd' ? 2 : -1;
		if (k < 0) {
			out[o++] = *f;
			continue;
		}
		if (o + (k ? 2 : 4) > 15)
			break;
		o += (size_t)snprintf(out + o, 16 - o, k ? "%02d" : "%04d", v[k]);
		f++;
	}
	out[o] = '\0';
	return true;
}
