/*
 * xmltree.c: the light XML tree's arena, its libxml2 reader (with
 * recovery) and a canonical dump for tests.
 *
 * libxml2 runs with recovery and without network, DTD loading or entity
 * substitution (XML_PARSE_NOENT is never set), through its streaming SAX2
 * interface: the tree is built as the document is read, no DOM is made.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
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

/*
 * libxml2's SAX2 interface builds the tree as the document is read; no
 * DOM is made.  The tree is the one libxml2's own DOM builder would make
 * (its SAX2.c is the model): adjacent character data is one node, an
 * undeclared prefix stays in the name ("dc:creator"), xmlns:xml is no
 * declaration, and only the root element is kept.
 */
struct sax {
	xmlParserCtxtPtr  ctxt;
	struct xtree	 *t;
	struct xnode	 *stack[512];	/* the open elements; libxml2 stops
					   at 256 (XML_PARSE_HUGE unset) */
	struct xnode	**tail[512];	/* where each one's next child goes */
	int		  depth;
	int		  done;		/* the root has ended */
	enum xkind	  pkind;	/* character data not yet a node */
	struct buf	  pending;
};

static const char *
dup0(struct xtree *t, const xmlChar *s)
{
	return s ? xtree_strdup(t, (const char *)s, strlen((const char *)s)) :
	    NULL;
}

static void
sax_append(struct sax *x, struct xnode *n)
{
	n->next = NULL;
	*x->tail[x->depth - 1] = n;
	x->tail[x->depth - 1] = &n->next;
}

/* the pending character data becomes a node */
static void
sax_flush(struct sax *x)
{
	struct xnode *n;

	if (x->pending.len == 0)
		return;
	n = xtree_alloc(x->t, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->kind = x->pkind;
	n->len = x->pending.len;
	n->s = xtree_strdup(x->t, x->pending.s, x->pending.len);
	sax_append(x, n);
	buf_truncate(&x->pending, 0);
}

/* the state, for events of the document itself: not for those of an
 * entity's replacement text, which libxml2 reads with a context of its
 * own */
static struct sax *
sax_of(void *ctx)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct sax		*x = ctxt->_private;

	if (x == NULL || x->ctxt != ctxt || x->done)
		return NULL;
	return x;
}

static void
sax_data(struct sax *x, enum xkind k, const char *s, size_t len)
{
	if (x->depth == 0 || len == 0)
		return;
	if (x->pending.len > 0 && x->pkind != k)
		sax_flush(x);
	x->pkind = k;
	buf_add(&x->pending, s, len);
}

static void
sax_characters(void *ctx, const xmlChar *s, int len)
{
	struct sax *x = sax_of(ctx);

	if (x != NULL && parse_guard_tripped())
		xmlStopParser(x->ctxt);
	else if (x != NULL)
		sax_data(x, XN_TEXT, (const char *)s, (size_t)len);
}

static void
sax_cdata(void *ctx, const xmlChar *s, int len)
{
	struct sax *x = sax_of(ctx);

	if (x != NULL)
		sax_data(x, XN_CDATA, (const char *)s, (size_t)len);
}

/* the text of the entity name: libxml2's content of an entity reference */
static void
sax_reference(void *ctx, const xmlChar *name)
{
	struct sax	*x = sax_of(ctx);
	xmlEntityPtr	 ent;

	if (x == NULL || x->depth == 0)
		return;
	sax_flush(x);
	ent = xmlGetDocEntity(x->ctxt->myDoc, name);
	if (ent != NULL && ent->etype == XML_INTERNAL_GENERAL_ENTITY &&
	    ent->content != NULL) {
		sax_data(x, XN_REF, (const char *)ent->content,
		    strlen((const char *)ent->content));
		sax_flush(x);
	}
}

/*
 * An attribute value as libxml2 passes it without entity substitution:
 * '&' stands as "&#38;" and a declared entity as "&name;" (its content).
 */
static const char *
sax_attr_value(struct sax *x, const xmlChar *v, const xmlChar *end)
{
	const char	*s = (const char *)v, *e = (const char *)end, *amp;
	struct buf	 b = BUF_INIT;
	const char	*r;

	if ((amp = memchr(s, '&', (size_t)(e - s))) == NULL)
		return xtree_strdup(x->t, s, (size_t)(e - s));
	while (amp != NULL) {
		const char *semi = memchr(amp, ';', (size_t)(e - amp));

		buf_add(&b, s, (size_t)(amp - s));
		if (semi == NULL) {
			s = amp;
			break;
		}
		if (semi - amp == 4 && memcmp(amp, "&#38", 4) == 0)
			buf_addc(&b, '&');
		else {
			char		*name = xstrndup(amp + 1,
					    (size_t)(semi - amp - 1));
			xmlEntityPtr	 ent;

			ent = xmlGetDocEntity(x->ctxt->myDoc,
			    (const xmlChar *)name);
			if (ent != NULL && ent->content != NULL)
				buf_adds(&b, (const char *)ent->content);
			free(name);
		}
		s = semi + 1;
		amp = memchr(s, '&', (size_t)(e - s));
	}
	buf_add(&b, s, (size_t)(e - s));
	r = xtree_strdup(x->t, b.s ? b.s : "", b.len);
	buf_release(&b);
	return r;
}

static void
sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct sax	*x = sax_of(ctx);
	struct xnode	*n;
	struct xattr	**at;
	struct xnsdef	**dt;
	int		 i;

	if (x == NULL)
		return;
	if (x->depth >= (int)nitems(x->stack) || parse_guard_tripped()) {
		xmlStopParser(x->ctxt);
		return;
	}
	if (x->depth > 0)
		sax_flush(x);
	n = xtree_alloc(x->t, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->kind = XN_ELEM;
	if (prefix != NULL && uri == NULL) {
		/* an undeclared prefix: the name keeps it */
		size_t pl = strlen((const char *)prefix);
		size_t ll = strlen((const char *)local);
		char *q = xtree_alloc(x->t, pl + ll + 2);

		memcpy(q, prefix, pl);
		q[pl] = ':';
		memcpy(q + pl + 1, local, ll + 1);
		n->name = q;
	} else {
		n->name = dup0(x->t, local);
		if (uri != NULL) {
			n->prefix = dup0(x->t, prefix);
			n->uri = uri[0] != '\0' ? dup0(x->t, uri) : NULL;
		}
	}
	n->lang = x->depth > 0 ? x->stack[x->depth - 1]->lang : NULL;
	dt = &n->nsdefs;
	for (i = 0; i < nns; i++) {
		const xmlChar *p = ns[2 * i], *u = ns[2 * i + 1];

		if (p != NULL && strcmp((const char *)p, "xml") == 0)
			continue;
		*dt = xtree_alloc(x->t, sizeof(**dt));
		(*dt)->prefix = dup0(x->t, p);
		(*dt)->uri = u ? dup0(x->t, u) : "";
		(*dt)->next = NULL;
		dt = &(*dt)->next;
	}
	at = &n->attrs;
	for (i = 0; i < nattrs - ndefaulted; i++) {
		const xmlChar **a = attrs + 5 * i;

		*at = xtree_alloc(x->t, sizeof(**at));
		(*at)->next = NULL;
		(*at)->prefix = NULL;
		(*at)->uri = NULL;
		if (a[1] != NULL && a[2] == NULL) {
			struct buf q = BUF_INIT;

			buf_addf(&q, "%s:%s", a[1], a[0]);
			(*at)->name = xtree_strdup(x->t, q.s, q.len);
			buf_release(&q);
		} else {
			(*at)->name = dup0(x->t, a[0]);
			if (a[1] != NULL) {
				(*at)->prefix = dup0(x->t, a[1]);
				(*at)->uri = dup0(x->t, a[2]);
			}
		}
		(*at)->value = sax_attr_value(x, a[3], a[4]);
		if ((*at)->uri != NULL &&
		    strcmp((*at)->uri, XML_NS_URI) == 0 &&
		    strcmp((*at)->name, "lang") == 0)
			n->lang = (*at)->value;
		at = &(*at)->next;
	}
	if (x->depth == 0)
		x->t->root = n;
	else
		sax_append(x, n);
	x->stack[x->depth] = n;
	x->tail[x->depth] = &n->children;
	x->depth++;
}

static void
sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct sax *x = sax_of(ctx);

	(void)local, (void)prefix, (void)uri;
	if (x == NULL || x->depth == 0)
		return;
	sax_flush(x);
	if (--x->depth == 0)
		x->done = 1;	/* what follows the root is no part of it */
}

struct xtree *
xtree_read_libxml2(const char *s, size_t len, char **cause)
{
	xmlParserCtxtPtr	 ctxt;
	xmlSAXHandler		*h;
	xmlDocPtr		 doc;
	struct sax		 x;
	int			 opts;

	if (len > INT32_MAX) {
		*cause = xstrdup(_("document too large"));
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		*cause = xstrdup(_("out of memory"));
		return NULL;
	}
	memset(&x, 0, sizeof(x));
	buf_init(&x.pending, 0);
	x.ctxt = ctxt;
	x.t = xtree_new();
	ctxt->_private = &x;
	/* libxml2's own handlers keep the DOCTYPE's entities; these build
	 * the tree */
	h = ctxt->sax;
	h->startElementNs = sax_start;
	h->endElementNs = sax_end;
	h->characters = sax_characters;
	h->ignorableWhitespace = sax_characters;
	h->cdataBlock = sax_cdata;
	h->reference = sax_reference;
	h->comment = NULL;
	h->processingInstruction = NULL;
	/* recovery; no network, DTD loading or entity substitution */
	opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;
	doc = xmlCtxtReadMemory(ctxt, s, (int)len, NULL, "UTF-8", opts);
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	/* a truncated document: its last text is in what is still open */
	if (!x.done && x.depth > 0)
		sax_flush(&x);
	buf_release(&x.pending);
	if (x.t->root == NULL) {
		xtree_free(x.t);
		*cause = xstrdup(_("not well-formed XML: no element "
		    "could be read"));
		return NULL;
	}
	return x.t;
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
