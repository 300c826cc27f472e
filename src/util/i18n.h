/*
 * i18n.h: gettext markers.  _() translates what people read, N_() marks a
 * string in a static table, Q_() picks a plural form.  A --disable-nls
 * build compiles them away.  Never translate what programs read.
 */
#ifndef CRIER_I18N_H
#define CRIER_I18N_H

#if defined(ENABLE_NLS) && ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define Q_(s, p, n)	ngettext((s), (p), (n))
#else
#define _(s)		((const char *)(s))
#define Q_(s, p, n)	((n) == 1 ? (const char *)(s) : (const char *)(p))
#endif
#define N_(s)		(s)

#endif
