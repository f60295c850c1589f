/*
 * i18n.h: the gettext markers of the core.  A message a person reads is
 * written in English and marked: _() where it is used, N_() where it sits
 * in a table and is translated later, P_() where its form depends on a
 * count (Ukrainian has three: 1 рядок, 2 рядки, 5 рядків).  Messages passed
 * to error_set() and warn_msg() are translated there and need no marker.
 * Identifiers (column names in CSV and JSON, enumeration values, option
 * names) are never translated.
 */
#ifndef INTEGRA_I18N_H
#define INTEGRA_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define INTEGRA_TEXTDOMAIN	"integra"

#define _(s)		gettext(s)
#define N_(s)		(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
/* A message in a context, for short words that mean different things in
 * different places ("status" of a column, "completed" of a status):
 * C_("column", "code") is translated with msgctxt "column"; NC_() marks
 * one in a table; i18n_pgettext() looks one up at run time. */
#define C_(c, s)	i18n_pgettext((c), (s))
#define NC_(c, s)	(s)

/* i18n.c */
/* Binds the catalogs and takes the language from the environment. */
void i18n_init(void);
/* Sets the language of the messages (a configuration key): "uk", "en",
 * "uk_UA"; 0, or -1 when lang is not a language name. */
int i18n_language(const char *lang);
/* Where the core's catalogs are looked for. */
const char *i18n_localedir(void);
/* msgid translated in context ctxt, or msgid itself when the catalog has
 * none. */
const char *i18n_pgettext(const char *ctxt, const char *msgid)
    __attribute__((format_arg(2)));
/* The same through another textdomain (a plugin's); domain NULL: msgid. */
const char *i18n_dpgettext(const char *domain, const char *ctxt,
    const char *msgid) __attribute__((format_arg(3)));
/* gettext() for a string that may be NULL or empty (gettext("") would
 * be the catalog's header). */
const char *i18n_text(const char *s) __attribute__((format_arg(1)));
/* Translates msgid through domain (NULL: as written, "" the core's). */
const char *i18n_dgettext(const char *domain, const char *msgid)
    __attribute__((format_arg(2)));
/* Binds a plugin's textdomain to its localedir (NULL: the core's). */
void i18n_bind(const char *domain, const char *localedir);
/* i18n_mo.c: true when the catalogs of domain in dir that gettext may
 * read for the language now are whole (a broken one would crash it). */
bool i18n_catalogs_sane(const char *dir, const char *domain);
/* An ISO date "YYYY-MM-DD" as the language writes it (23.07.2021 in
 * Ukrainian) into out[16]; false when s is not such a date. */
bool i18n_date(const char *s, size_t n, char out[16]);

#endif /* INTEGRA_I18N_H */
