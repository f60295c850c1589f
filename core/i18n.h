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

#define INTEGRA_TEXTDOMAIN	"integra"

#define _(s)		gettext(s)
#define N_(s)		(s)
#define P_(s, p, n)	ngettext((s), (p), (n))

#endif /* INTEGRA_I18N_H */
