/*
 * xml.h: the parse module's internals, shared by parse.c (detection),
 * the XML files (xml*.c) and jsonfeed.c.  Not for use
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
 * are expanded.  Returns 1 with the rewritten document in out, or 0, out
 * untouched, when s needs no rewriting (the usual case): read s itself.
 * (xml-subset.c)
 */
int	 xml_fix_entities(struct buf *out, const char *s, size_t len);

/*
 * The markup at p[0] == '<' that is copied as it is (comment, CDATA
 * section, processing instruction, DOCTYPE): returns the first byte after
 * it, p + 1 for a tag.  A DOCTYPE's internal subset is noted in *sub,
 * *sublen.  (xml-subset.c)
 */
const char *xml_skip_markup(const char *p, const char *end,
	    const char **sub, size_t *sublen);

/*
 * Makes the HTML that feeds write into their XML well-formed XML before
 * libxml2 reads a document the hand-written reader gave up on.  Returns 1
 * with the repaired document in out, 0 when nothing needed repair.
 * (xml-repair.c)
 */
int	 xml_fix_markup(struct buf *out, const char *s, size_t len);

/*
 * Parses the UTF-8 document utf8[0..len) (after xml_fix_entities) as RSS
 * or Atom; libxml2 != 0 reads it with libxml2 alone.  Returns the feed,
 * or NULL with *cause set (malloc'd) when the document is no feed.
 * (xml-map.c)
 */
struct feed *xml_parse(const char *utf8, size_t len, const char *base,
	    int libxml2, char **cause);

/* ---- the light tree, as the format mapping reads it (xml.c) ---- */

struct xnode;
struct xtree;

/* the vocabularies feeds use, told by namespace URI */
enum xml_ns {
	NS_NONE,	/* no namespace or an RSS one: RSS core elements */
	NS_ATOM10,
	NS_ATOM03,
	NS_RDF,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_ITUNES,
	NS_XHTML,
	NS_RSS090,
	NS_SY,		/* RSS 1.0 syndication module */
	NS_OTHER,
};

/*
 * Has the parse in this thread spent its CPU budget, or was it told to
 * stop?  Cheap: the clock is read once in so many calls.  Readers call
 * it as they go and give up when it returns 1.  (parse.c)
 */
int	 parse_guard_tripped(void);

/* more attributes on one element make the document unreadable */
#define XML_MAX_ATTRS	512

/*
 * The tree of the document: the hand-written reader's, else (or with
 * libxml2 != 0) libxml2's after xml_fix_markup().  NULL with *cause set
 * when neither reads it.
 */
struct xtree *xml_read_tree(const char *utf8, size_t len, int libxml2,
	    char **cause);
/* the namespace of n and its local name in *local */
enum xml_ns xml_node_ns(const struct xnode *n, const char **local);
/* the value of n's attribute name (any namespace but xml:base), or NULL */
const char *xml_attr(const struct xnode *n, const char *name);
/* appends the text of n and its siblings, their elements' too */
void	 xml_text_of(struct buf *b, const struct xnode *n);
/* has n an element child? */
int	 xml_has_elements(const struct xnode *n);
/* a malloc'd base for n: its xml:base resolved against base, or a copy */
char	*xml_node_base(const struct xnode *n, const char *base);

/*
 * Appends the inline markup n and its siblings as HTML.  (xml-xhtml.c)
 */
void	 xml_serialize(struct buf *b, const struct xnode *n);

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
