/*
 * xml-xhtml.c: inline XHTML of a feed (Atom type="xhtml", xhtml:body)
 * written out as HTML for the sanitizer (xml_serialize() in xml.h).
 *
 * The element and escaping rules here (HTML's void elements, what a text
 * and an attribute value escape) are written out as they were in xml.c;
 * html-clean.c has its own.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/xmalloc.h"

static void
escape_html(struct buf *b, const char *s, size_t len, int in_attr)
{
	const char *run = s, *end = s + len;

	for (; s < end; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = in_attr ? "&quot;" : NULL; break;
		default: rep = NULL;
		}
		if (rep == NULL)
			continue;
		buf_add(b, run, (size_t)(s - run));
		buf_adds(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

static int
is_void(const char *name)
{
	static const char *const v[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input",
		"link", "meta", "param", "source", "track", "wbr",
	};
	size_t i;

	for (i = 0; i < nitems(v); i++) {
		if (strcasecmp(name, v[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * Inline markup as HTML.  Prefixes are dropped from element names; a
 * foreign vocabulary (MathML, SVG) keeps its xmlns, and namespaced
 * attributes (xlink:href) keep prefix and declaration.
 */
static void
serialize(struct buf *b, const struct xnode *n, int depth, const char *pns)
{
	for (; n != NULL; n = n->next) {
		switch (n->kind) {
		case XN_TEXT:
		case XN_CDATA:
		case XN_REF:
			escape_html(b, n->s, n->len, 0);
			break;
		case XN_ELEM: {
			const struct xattr	*a;
			const struct xnsdef	*d;
			const char		*name, *c;
			const char		*href = n->uri;

			if (depth > 200) {	/* bounded recursion */
				xml_text_of(b, n->children);
				break;
			}
			if (xml_node_ns(n, &name) != NS_OTHER)
				href = NULL;
			else if ((c = strchr(name, ':')) != NULL)
				name = c + 1;
			buf_addc(b, '<');
			buf_adds(b, name);
			if (href != NULL && (pns == NULL ||
			    strcmp(pns, href) != 0)) {
				buf_adds(b, " xmlns=\"");
				escape_html(b, href, strlen(href), 1);
				buf_addc(b, '"');
			}
			for (d = n->nsdefs; d != NULL; d = d->next) {
				/* NOTE: the element's own prefix is dropped */
				if (d->prefix == NULL || (n->prefix != NULL &&
				    strcmp(d->prefix, n->prefix) == 0))
					continue;
				buf_addf(b, " xmlns:%s=\"", d->prefix);
				escape_html(b, d->uri, strlen(d->uri), 1);
				buf_addc(b, '"');
			}
			for (a = n->attrs; a != NULL; a = a->next) {
				if (a->prefix != NULL &&
				    strcmp(a->prefix, "xml") == 0)
					continue;
				buf_addc(b, ' ');
				if (a->prefix != NULL) {
					buf_adds(b, a->prefix);
					buf_addc(b, ':');
				}
				buf_adds(b, a->name);
				buf_adds(b, "=\"");
				escape_html(b, a->value, strlen(a->value), 1);
				buf_addc(b, '"');
			}
			if (n->children == NULL && is_void(name)) {
				buf_adds(b, " />");
				break;
			}
			buf_addc(b, '>');
			serialize(b, n->children, depth + 1, href ? href : pns);
			buf_adds(b, "</");
			buf_adds(b, name);
			buf_addc(b, '>');
			break;
		}
		default:
			break;
		}
	}
}

void
xml_serialize(struct buf *b, const struct xnode *n)
{
	serialize(b, n, 0, NULL);
}
