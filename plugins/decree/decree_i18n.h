/*
 * The markers of the reasons the decree plugin's parsers (terms.c,
 * recur.c) write: a reason is put inside a message the host translates,
 * so it is translated whole where it is made, through the plugin's
 * textdomain ("integra"), and xgettext extracts it as the core's _().
 */
#ifndef DECREE_I18N_H
#define DECREE_I18N_H

#include <libintl.h>

#define DECREE_TEXTDOMAIN	"integra"

#undef _
#define _(s)		dgettext(DECREE_TEXTDOMAIN, (s))
#ifndef N_
#define N_(s)		(s)
#endif

#endif /* DECREE_I18N_H */
