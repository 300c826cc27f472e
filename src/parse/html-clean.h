/*
 * html-clean.h: HTML sanitizing from an allow-list of elements and
 * attributes (feedparser's lists as the model), with relative href/src
 * resolved against a base URL.  Drops script, style, iframe, object,
 * embed, event handlers and javascript:/data:/vbscript: URLs (also when
 * entity-encoded or split by whitespace).  Output is well-formed enough to
 * embed: unclosed allowed elements are closed at the end.
 */
#ifndef CRIER_HTML_CLEAN_H
#define CRIER_HTML_CLEAN_H

#include <stddef.h>

#include "util/buf.h"

/* appends the sanitized form of html[0..len) to out; base may be NULL */
void	html_clean(struct buf *out, const char *html, size_t len,
	    const char *base);
/* malloc'd convenience form */
char	*html_clean_str(const char *html, const char *base);

#endif
