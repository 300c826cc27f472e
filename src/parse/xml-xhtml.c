/*
 * xml-xhtml.c: inline XHTML of a feed (Atom type="xhtml", xhtml:body)
 * written out as HTML for the sanitizer (xml_serialize() in xml.h).
 * HTML's void elements and its escaping are html-clean.c's.
 */

#include "config.h"

#include <string.h>

#include "parse/html-clean.h"
#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/buf.h"

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
			html_escape(b, n->s, n->len, 0);
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
				html_escape(b, href, strlen(href), 1);
				buf_addc(b, '"');
			}
			for (d = n->nsdefs; d != NULL; d = d->next) {
				/* NOTE: the element's own prefix is dropped */
				if (d->prefix == NULL || (n->prefix != NULL &&
				    strcmp(d->prefix, n->prefix) == 0))
					continue;
				buf_addf(b, " xmlns:%s=\"", d->prefix);
				html_escape(b, d->uri, strlen(d->uri), 1);
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
				html_escape(b, a->value, strlen(a->value), 1);
				buf_addc(b, '"');
			}
			if (n->children == NULL &&
			    html_is_void(name, strlen(name))) {
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
