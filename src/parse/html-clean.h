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
/*
 * The same for markup that was XML (Atom type="xhtml", xhtml:body,
 * serialized): every "/>" closes its element, where in HTML a '/' on a
 * non-void element with attributes is ignored.
 */
void	html_clean_xml(struct buf *out, const char *html, size_t len,
	    const char *base);
/*
 * Appends s[0..len) (decoded text) escaped for HTML: &, <, > always, '"'
 * too inside attribute values (attr).  Invalid UTF-8 becomes U+FFFD, CR LF
 * becomes LF, other control characters are dropped.  The one escaper of
 * the sanitizer and of XHTML written out as HTML (xml-xhtml.c).
 */
void	html_escape(struct buf *b, const char *s, size_t len, int attr);
/* malloc'd convenience form */
char	*html_clean_str(const char *html, const char *base);
int	 html_is_element(const char *name, size_t len);
int	 html_is_void(const char *name, size_t len);

#endif
