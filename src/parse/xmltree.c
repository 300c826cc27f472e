/*
 * xmltree.c: the light XML tree's arena, its libxml2 reader (the
 * fallback, with recovery) and a canonical dump for tests.
 *
 * libxml2 runs with recovery and without network, DTD loading or entity
 * substitution (XML_PARSE_NOENT is never set); its DOM is converted node
 * by node and freed at once.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xmltree.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include <libxml/parser.h>
#include <libxml/tree.h>

#define ARENA_BLOCK	(64 * 1024)

struct block {
	struct block	*next;
	size_t		 used, cap;
	max_align_t	 data[];
};

struct xtree {
	struct block	*blocks;
	struct xnode	*root;
};

struct xtree *
xtree_new(void)
{
	return xcalloc(1, sizeof(struct xtree));
}

void *
xtree_alloc(struct xtree *t, size_t n)
{
	struct block	*b = t->blocks;
	size_t		 cap;
	void		*p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || b->cap - b->used < n) {
		cap = n > ARENA_BLOCK / 2 ? n : ARENA_BLOCK;
		b = xmalloc(sizeof(*b) + cap);
		b->cap = cap;
		b->used = 0;
		if (n > ARENA_BLOCK / 2 && t->blocks != NULL) {
			/* a big one: keep filling the current block */
			b->next = t->blocks->next;
			t->blocks->next = b;
		} else {
			b->next = t->blocks;
			t->blocks = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *
xtree_strdup(struct xtree *t, const char *s, size_t n)
{
	char *p = xtree_alloc(t, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
xtree_set_root(struct xtree *t, struct xnode *root)
{
	t->root = root;
}

struct xnode *
xtree_root(const struct xtree *t)
{
	return t->root;
}

void
xtree_free(struct xtree *t)
{
	struct block *b, *next;

	if (t == NULL)
		return;
	for (b = t->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(t);
}

const char *
xnode_attr_ns(const struct xnode *n, const char *name, const char *uri)
{
	const struct xattr *a;

	for (a = n->attrs; a != NULL; a = a->next) {
		if (strcmp(a->name, name) == 0 && a->uri != NULL &&
		    strcmp(a->uri, uri) == 0)
			return a->value;
	}
	return NULL;
}

/* ---- libxml2 ---- */

static const char *
dup0(struct xtree *t, const xmlChar *s)
{
	return s ? xtree_strdup(t, (const char *)s, strlen((const char *)s)) :
	    NULL;
}

static struct xnode *
convert(struct xtree *t, const xmlNode *n, const char *lang)
{
	struct xnode	*head = NULL, **tail = &head, *x;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE: {
			const xmlAttr	*a;
			const xmlNs	*d;
			struct xattr	**at;
			struct xnsdef	**dt;

			x = xtree_alloc(t, sizeof(*x));
			memset(x, 0, sizeof(*x));
			x->kind = XN_ELEM;
			x->name = dup0(t, n->name);
			if (n->ns != NULL) {
				x->prefix = dup0(t, n->ns->prefix);
				/* NOTE: xmlns="" puts no namespace */
				if (n->ns->href != NULL && n->ns->href[0] != 0)
					x->uri = dup0(t, n->ns->href);
			}
			x->lang = lang;
			dt = &x->nsdefs;
			for (d = n->nsDef; d != NULL; d = d->next) {
				*dt = xtree_alloc(t, sizeof(**dt));
				(*dt)->prefix = dup0(t, d->prefix);
				(*dt)->uri = d->href ? dup0(t, d->href) : "";
				(*dt)->next = NULL;
				dt = &(*dt)->next;
			}
			at = &x->attrs;
			for (a = n->properties; a != NULL; a = a->next) {
				xmlChar *v;

				*at = xtree_alloc(t, sizeof(**at));
				(*at)->next = NULL;
				(*at)->name = dup0(t, a->name);
				(*at)->prefix = NULL;
				(*at)->uri = NULL;
				if (a->ns != NULL) {
					(*at)->prefix = dup0(t, a->ns->prefix);
					(*at)->uri = dup0(t, a->ns->href);
				}
				v = xmlNodeGetContent((const xmlNode *)a);
				(*at)->value = v ? dup0(t, v) : "";
				xmlFree(v);
				if ((*at)->uri != NULL &&
				    strcmp((*at)->uri, XML_NS_URI) == 0 &&
				    strcmp((*at)->name, "lang") == 0)
					x->lang = (*at)->value;
				at = &(*at)->next;
			}
			x->children = convert(t, n->children, x->lang);
			break;
		}
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
		case XML_ENTITY_REF_NODE: {
			xmlChar		*v = NULL;
			const xmlChar	*c = n->content;

			if (n->type == XML_ENTITY_REF_NODE)
				c = v = xmlNodeGetContent(n);
			if (c == NULL) {
				xmlFree(v);
				continue;
			}
			x = xtree_alloc(t, sizeof(*x));
			memset(x, 0, sizeof(*x));
			x->kind = n->type == XML_TEXT_NODE ? XN_TEXT :
			    n->type == XML_CDATA_SECTION_NODE ? XN_CDATA :
			    XN_REF;
			x->len = strlen((const char *)c);
			x->s = xtree_strdup(t, (const char *)c, x->len);
			xmlFree(v);
			break;
		}
		default:
			continue;
		}
		*tail = x;
		tail = &x->next;
	}
	return head;
}

struct xtree *
xtree_read_libxml2(const char *s, size_t len, char **cause)
{
	xmlDoc		*doc;
	xmlNode		*root;
	struct xtree	*t;
	int		 opts;

	if (len > INT32_MAX) {
		*cause = xstrdup(_("document too large"));
		return NULL;
	}
	opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT;
	doc = xmlReadMemory(s, (int)len, NULL, "UTF-8", opts);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		*cause = xstrdup(_("not a feed: not an XML document"));
		return NULL;
	}
	t = xtree_new();
	/* the root alone: what follows it is not part of the tree */
	{
		xmlNode *next = root->next;

		root->next = NULL;
		t->root = convert(t, root, NULL);
		root->next = next;
	}
	xmlFreeDoc(doc);
	return t;
}

/* ---- dump ---- */

static void
dump_str(struct buf *out, const char *s, size_t n)
{
	size_t i;

	buf_addc(out, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			buf_addf(out, "\\%c", c);
		else if (c < 0x20)
			buf_addf(out, "\\x%02x", c);
		else
			buf_addc(out, c);
	}
	buf_addc(out, '"');
}

static void
dump_node(struct buf *out, const struct xnode *n)
{
	for (; n != NULL; n = n->next) {
		const struct xattr	*a;
		const struct xnsdef	*d;

		if (n->kind != XN_ELEM) {
			struct buf	 m = BUF_INIT;
			enum xkind	 k = n->kind;

			/* adjacent data of one kind is one run */
			buf_add(&m, n->s, n->len);
			while (n->next != NULL && n->next->kind == k) {
				n = n->next;
				buf_add(&m, n->s, n->len);
			}
			buf_addc(out, k == XN_TEXT ? 'T' : k == XN_CDATA ?
			    'C' : 'R');
			dump_str(out, m.s, m.len);
			buf_release(&m);
			continue;
		}
		buf_addf(out, "(%s%s%s", n->prefix ? n->prefix : "",
		    n->prefix ? ":" : "", n->name);
		if (n->uri != NULL)
			buf_addf(out, " {%s}", n->uri);
		if (n->lang != NULL)
			buf_addf(out, " lang=%s", n->lang);
		for (d = n->nsdefs; d != NULL; d = d->next)
			buf_addf(out, " ns:%s=%s", d->prefix ? d->prefix : "",
			    d->uri);
		for (a = n->attrs; a != NULL; a = a->next) {
			buf_addf(out, " @%s%s%s", a->prefix ? a->prefix : "",
			    a->prefix ? ":" : "", a->name);
			if (a->uri != NULL)
				buf_addf(out, "{%s}", a->uri);
			buf_addc(out, '=');
			dump_str(out, a->value, strlen(a->value));
		}
		dump_node(out, n->children);
		buf_addc(out, ')');
	}
}

void
xtree_dump(struct buf *out, const struct xtree *t)
{
	dump_node(out, t->root);
}
