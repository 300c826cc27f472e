/*
 * xml.c: reading an XML feed into the light tree (xmltree.h), and what
 * every XML job reads of the tree: namespaces, attributes, text, xml:base;
 * with the text field helpers the format parsers share (xml.h).
 *
 * Elements are told by namespace URI and local name, not by prefix, as
 * feedparser does; an undeclared well-known prefix (dc:, content: ...)
 * still counts.  The other XML jobs have their own files: the entity
 * pass (xml-subset.c), tag-soup repair (xml-repair.c), inline XHTML
 * (xml-xhtml.c) and the RSS/Atom/RDF mapping (xml-map.c).
 */

#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/entities.h"
#include "parse/html-clean.h"
#include "parse/url.h"
#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * Does a start tag of s[0..len) carry more than max attributes?  A scan
 * of the bytes, linear: libxml2 checks each attribute of an element
 * against those before it, and 200,000 of them take minutes.
 */
static int
too_many_attrs(const char *s, size_t len, size_t max)
{
	const char	*p = s, *end = s + len, *sub;
	size_t		 sublen, n;
	char		 q;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && (p[1] == '!' || p[1] == '?')) {
			p = xml_skip_markup(p, end, &sub, &sublen);
			continue;
		}
		n = 0;
		q = 0;
		for (p++; p < end; p++) {
			if (q != 0) {
				if (*p == q)
					q = 0;
			} else if (*p == '"' || *p == '\'')
				q = *p;
			else if (*p == '=') {
				if (++n > max)
					return 1;
			} else if (*p == '>' || *p == '<')
				break;
		}
		if (p >= end)
			break;
	}
	return 0;
}

/*
 * The tree of the document.  The hand-written reader (xmltok.c) reads
 * well-formed documents; what it gives up on is repaired
 * (xml_fix_markup()) and read by libxml2 with recovery (xmltree.c).
 */
struct xtree *
xml_read_tree(const char *utf8, size_t len, int libxml2, char **cause)
{
	struct xtree	*t;
	struct buf	 fixed = BUF_INIT;

	if (!libxml2 && (t = xtok_read(utf8, len)) != NULL)
		return t;
	if (too_many_attrs(utf8, len, XML_MAX_ATTRS)) {
		xasprintf(cause, _("not read: an element has more than %d "
		    "attributes"), XML_MAX_ATTRS);
		return NULL;
	}
	if (xml_fix_markup(&fixed, utf8, len))
		t = xtree_read_libxml2(fixed.s, fixed.len, cause);
	else
		t = xtree_read_libxml2(utf8, len, cause);
	buf_release(&fixed);
	return t;
}

/* ---- namespaces ---- */


static const struct {
	const char	*uri;
	enum xml_ns	 ns;
} ns_uris[] = {
	{ "http://www.w3.org/2005/Atom",			NS_ATOM10 },
	{ "http://purl.org/dc/elements/1.1/",			NS_DC },
	{ "http://purl.org/rss/1.0/modules/content/",		NS_CONTENT },
	{ "http://purl.org/rss/1.0/",				NS_NONE },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#",	NS_RDF },
	{ "http://search.yahoo.com/mrss/",			NS_MEDIA },
	{ "http://search.yahoo.com/mrss",			NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd",	NS_ITUNES },
	{ "https://www.itunes.com/dtds/podcast-1.0.dtd",	NS_ITUNES },
	{ "http://purl.org/dc/terms/",				NS_DCTERMS },
	{ "http://purl.org/atom/ns#",				NS_ATOM03 },
	{ "http://www.w3.org/1999/xhtml",			NS_XHTML },
	{ "http://my.netscape.com/rdf/simple/0.9/",		NS_RSS090 },
	{ "http://purl.org/dc/elements/1.0/",			NS_DC },
	{ "http://backend.userland.com/rss2",			NS_NONE },
	{ "http://backend.userland.com/rss",			NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss",		NS_NONE },
	{ "http://purl.org/net/rss1.1#",			NS_NONE },
	{ "http://channel.netscape.com/rdf/simple/0.9/",	NS_RSS090 },
	{ "http://purl.org/rss/1.0/modules/syndication/",	NS_SY },
};

static const struct {
	const char	*prefix;
	enum xml_ns	 ns;
} ns_prefixes[] = {
	{ "dc", NS_DC }, { "content", NS_CONTENT }, { "media", NS_MEDIA },
	{ "itunes", NS_ITUNES }, { "atom", NS_ATOM10 },
	{ "dcterms", NS_DCTERMS }, { "xhtml", NS_XHTML }, { "rdf", NS_RDF },
	{ "sy", NS_SY },
};

enum xml_ns
xml_node_ns(const struct xnode *n, const char **local)
{
	const char	*name = n->name, *colon;
	size_t		 i;

	*local = name;
	if (n->uri != NULL) {
		/* the answer for the last URI, by far the most frequent */
		static _Thread_local char	 last[80];
		static _Thread_local enum xml_ns last_ns;
		const char			*uri = n->uri;
		enum xml_ns			 ns = NS_OTHER;
		size_t				 len;

		if (last[0] != '\0' && strcmp(uri, last) == 0)
			return last_ns;
		for (i = 0; i < nitems(ns_uris); i++) {
			if (strcasecmp(uri, ns_uris[i].uri) == 0) {
				ns = ns_uris[i].ns;
				break;
			}
		}
		if ((len = strlen(uri)) > 0 && len < sizeof(last)) {
			memcpy(last, uri, len + 1);
			last_ns = ns;
		}
		return ns;
	}
	/* recovery keeps "dc:creator" as the name of an undeclared prefix */
	if ((colon = strchr(name, ':')) != NULL) {
		*local = colon + 1;
		for (i = 0; i < nitems(ns_prefixes); i++) {
			if (strlen(ns_prefixes[i].prefix) ==
			    (size_t)(colon - name) &&
			    strncmp(name, ns_prefixes[i].prefix,
			    (size_t)(colon - name)) == 0)
				return ns_prefixes[i].ns;
		}
		return NS_OTHER;
	}
	return NS_NONE;
}


/* ---- node helpers ---- */

const char *
xml_attr(const struct xnode *n, const char *name)
{
	const struct xattr *a;

	for (a = n->attrs; a != NULL; a = a->next) {
		if (strcmp(a->name, name) == 0 &&
		    (a->uri == NULL || strcmp(name, "base") != 0))
			return a->value;
	}
	return NULL;
}

static size_t
text_len(const struct xnode *n)
{
	size_t len = 0;

	for (; n != NULL; n = n->next) {
		if (n->kind == XN_ELEM)
			len += text_len(n->children);
		else
			len += n->len;
	}
	return len;
}

static void
text_add(struct buf *b, const struct xnode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == XN_ELEM)
			text_add(b, n->children);
		else
			buf_add(b, n->s, n->len);
	}
}

void
xml_text_of(struct buf *b, const struct xnode *n)
{
	size_t len = text_len(n);

	/* one allocation, not one for each doubling */
	if (len > 0)
		(void)buf_grow(b, len);
	text_add(b, n);
}

int
xml_has_elements(const struct xnode *n)
{
	for (n = n->children; n != NULL; n = n->next) {
		if (n->kind == XN_ELEM)
			return 1;
	}
	return 0;
}

char *
xml_node_base(const struct xnode *n, const char *base)
{
	const char *xb;

	if (n->kind != XN_ELEM ||
	    (xb = xnode_attr_ns(n, "base", XML_NS_URI)) == NULL)
		return base ? xstrdup(base) : NULL;
	return url_resolve(base, xb);
}

char *
parse_text(const char *s, size_t len)
{
	char *r;

	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	/* exactly the bytes: no buffer to grow */
	r = xmalloc(len + 1);
	memcpy(r, s, len);
	r[len] = '\0';
	return r;
}

char *
parse_html(const char *s, size_t len, const char *base)
{
	struct buf	b = BUF_INIT;
	char		*r;

	/* the cleaned text is rarely longer: one allocation, no regrowth */
	(void)buf_grow(&b, len);
	html_clean(&b, s, len, base);
	r = parse_text(b.s, b.len);
	buf_release(&b);
	return r;
}

/* a byte of a regular expression's \w in Python: UTF-8 letters count */
static int
is_word(int c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/*
 * feedparser's _looks_like_html(): an end tag "</x>" or a character
 * reference "&x;" / "&#n;" makes text HTML, unless some "<x" or "</x" names
 * no element the sanitizer keeps, or some "&x;" no known entity.  So
 * "Using <vector> in C++" stays text, where a sanitizer would drop
 * "<vector>" as an unknown tag.
 *
 * This is a scan of feedparser's regular expressions (</(\w+)>, </?(\w+),
 * &#?\w+; and &(\w+);) over the raw bytes, not a reading of HTML, and it
 * stays one: html_tok() would answer differently.  The expressions see
 * "<3", "<_x" and "<é" as tags (the tokenizer: text, so "I <3 it &amp;
 * more" would become HTML), see the tags and references inside comments
 * and attribute values (which the tokenizer hides or passes raw), and
 * take "</b >" as no end tag.
 */
int
parse_looks_like_html(const char *s, size_t len)
{
	const char	*p, *q, *name, *end = s + len;
	int		 evidence = 0;

	for (p = s; p < end; p++) {
		if (*p == '<') {
			q = p + 1;
			if (q < end && *q == '/')
				q++;
			for (name = q; q < end && is_word((unsigned char)*q);
			    q++)
				;
			if (q == name)
				continue;
			if (!html_is_element(name, (size_t)(q - name)))
				return 0;
			if (p[1] == '/' && q < end && *q == '>')
				evidence = 1;
		} else if (*p == '&') {
			int num = p + 1 < end && p[1] == '#';

			q = p + 1 + num;
			for (name = q; q < end && is_word((unsigned char)*q);
			    q++)
				;
			if (q == name || q >= end || *q != ';')
				continue;
			if (!num && entity_lookup(name, (size_t)(q - name)) ==
			    NULL)
				return 0;
			evidence = 1;
		}
	}
	return evidence;
}

char *
parse_guessed(const char *s, size_t len, const char *base, int *text)
{
	*text = !parse_looks_like_html(s, len);
	return *text ? parse_text(s, len) : parse_html(s, len, base);
}
