/*
 * xml.h: the parse module's internals, shared by parse.c (detection),
 * xml.c (RSS and Atom through libxml2) and jsonfeed.c.  Not for use
 * outside src/parse/.
 */
#ifndef CRIER_PARSE_XML_H
#define CRIER_PARSE_XML_H

#include <stddef.h>

#include "parse/feed.h"
#include "util/buf.h"

/*
 * Rewrites the UTF-8 document s[0..len) into out so that libxml2 can read
 * it without a DTD: HTML named references XML does not define (&nbsp;,
 * &rsquo; ...) become their characters, numeric references to the C1
 * range become the windows-1252 characters, and a bare '&' becomes
 * "&amp;".  Comments, CDATA sections, processing instructions and the
 * DOCTYPE are copied as they are; entities the internal subset declares
 * are kept.  Returns 1 with the rewritten document in out, or 0, out
 * untouched, when s needs no rewriting (the usual case): read s itself.
 */
int	 xml_fix_entities(struct buf *out, const char *s, size_t len);

/*
 * Parses the UTF-8 document utf8[0..len) (after xml_fix_entities) as RSS
 * or Atom.  Returns the feed, or NULL with *cause set (malloc'd) when the
 * document is no feed.
 */
struct feed *xml_parse(const char *utf8, size_t len, const char *base,
	    char **cause);

/* JSON Feed 1.0/1.1; same contract */
struct feed *jsonfeed_parse(const char *utf8, size_t len, const char *base,
	    char **cause);

/*
 * Text field helpers shared by the format parsers.  parse_html() appends
 * sanitized HTML of s[0..len), relative URLs resolved against base;
 * parse_looks_like_html() is feedparser's guess for fields that may carry
 * either (RSS titles, JSON Feed summaries).
 */
int	 parse_looks_like_html(const char *s, size_t len);
char	*parse_html(const char *s, size_t len, const char *base);
/* plain text: trimmed copy, NULL if empty */
char	*parse_text(const char *s, size_t len);
/* parse_html() or parse_text(), as parse_looks_like_html() says; *text
 * is 1 for text */
char	*parse_guessed(const char *s, size_t len, const char *base, int *text);

#endif
