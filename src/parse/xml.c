/*
 * xml.c: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 over the light XML tree.
 *
 * The document arrives as UTF-8 with HTML entities already rewritten
 * (xml_fix_entities).  The fast reader (xmltok.c) builds the tree; what
 * it gives up on goes to libxml2 with recovery (xmltree.c).  Setting
 * CRIER_XML_READER=libxml2 in the environment forces the fallback,
 * CRIER_XML_READER=fast the fast reader alone (for tests).
 * Elements are matched by namespace URI and local name, not by prefix, as
 * feedparser does; an undeclared well-known prefix (dc:, content: ...)
 * still counts.  xml:base is resolved down the tree with url_resolve().
 * Text constructs follow RFC 4287 3.1 (text, html, xhtml) and Atom 0.3's
 * mode attribute; RSS fields that may hold either text or HTML are
 * guessed as feedparser does.  HTML goes through html_clean() with the
 * element's base.
 */

#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/date.h"
#include "parse/entities.h"
#include "parse/html-clean.h"
#include "parse/url.h"
#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/str.h"
#include "util/time.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* ---- entity pre-pass ---- */

static const unsigned short c1_cp1252[32] = {
	0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
	0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
};

static const char *
find(const char *s, const char *end, const char *pat)
{
	size_t n = strlen(pat);

	while (s + n <= end) {
		const char *p = memchr(s, pat[0], (size_t)(end - s));

		if (p == NULL || p + n > end)
			return NULL;
		if (memcmp(p, pat, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

/*
 * The internal subset of the DOCTYPE, and what is left of the bytes its
 * entities may add to the document: replacement texts nest ("billion
 * laughs"), so every expansion is charged to one budget.
 */
struct subset_ent {
	const char	*name;
	size_t		 nlen;
	const char	*v;		/* NULL: an external entity */
	size_t		 vlen;
	size_t		 pos;		/* declarations in document order */
};

struct subset {
	const char		*s;
	size_t			 len;
	size_t			 budget;
	int			 failed;	/* ran out of budget or depth */
	const char		*indexed;	/* the s that ents were made of */
	struct subset_ent	*ents;		/* sorted by name, then pos */
	size_t			 nents;
};

#define ENTITY_DEPTH	8	/* entities within entities within ... */
#define ENTITY_DECLS	4096	/* declarations read from one subset */

enum { ENT_NONE, ENT_INTERNAL, ENT_EXTERNAL };

static int
subset_ent_cmp(const void *a, const void *b)
{
	const struct subset_ent *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, n);

	if (c != 0)
		return c;
	if (x->nlen != y->nlen)
		return x->nlen < y->nlen ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* the general entities the subset declares, read once, sorted */
static void
subset_index(struct subset *sub)
{
	const char	*p = sub->s, *end = sub->s + sub->len, *name, *q;
	struct subset_ent *e;

	free(sub->ents);
	sub->ents = NULL;
	sub->nents = 0;
	sub->indexed = sub->s;
	while (sub->nents < ENTITY_DECLS &&
	    (p = find(p, end, "<!ENTITY")) != NULL) {
		for (p += 8; p < end && isspace((unsigned char)*p); p++)
			;
		for (name = p; p < end && !isspace((unsigned char)*p); p++)
			;
		if (p == name || *name == '%')
			continue;	/* a parameter entity */
		sub->ents = xreallocarray(sub->ents, sub->nents + 1,
		    sizeof(*sub->ents));
		e = &sub->ents[sub->nents];
		e->name = name;
		e->nlen = (size_t)(p - name);
		e->pos = sub->nents++;
		e->v = NULL;
		e->vlen = 0;
		for (; p < end && isspace((unsigned char)*p); p++)
			;
		if (p < end && (*p == '"' || *p == '\'') &&
		    (q = memchr(p + 1, *p, (size_t)(end - p - 1))) != NULL) {
			e->v = p + 1;
			e->vlen = (size_t)(q - p - 1);
			p = q;
		}
	}
	if (sub->nents > 1)
		qsort(sub->ents, sub->nents, sizeof(*sub->ents),
		    subset_ent_cmp);
}

/*
 * How the internal subset declares the general entity name[0..n): not at
 * all, with a replacement text (*v, *vlen: between its quotes), or as
 * an external entity, which is never loaded.  The first declaration
 * counts (XML 1.0 4.2).
 */
static int
subset_entity(struct subset *sub, const char *name, size_t n,
    const char **v, size_t *vlen)
{
	struct subset_ent	 key, *e;
	size_t			 lo = 0, hi;

	if (sub->indexed != sub->s)
		subset_index(sub);
	key.name = name;
	key.nlen = n;
	key.pos = 0;
	/* the first entry not below (name, 0): the first declaration */
	for (hi = sub->nents; lo < hi; ) {
		size_t mid = lo + (hi - lo) / 2;

		if (subset_ent_cmp(&sub->ents[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= sub->nents)
		return ENT_NONE;
	e = &sub->ents[lo];
	if (e->nlen != n || memcmp(e->name, name, n) != 0)
		return ENT_NONE;
	if (e->v == NULL)
		return ENT_EXTERNAL;
	*v = e->v;
	*vlen = e->vlen;
	return ENT_INTERNAL;
}

static int
is_xml_char(unsigned long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/* emits a character as text safe anywhere outside markup */
static void
put_char(struct buf *out, unsigned long cp)
{
	switch (cp) {
	case '<': buf_adds(out, "&#60;"); break;
	case '>': buf_adds(out, "&#62;"); break;
	case '&': buf_adds(out, "&#38;"); break;
	case '"': buf_adds(out, "&#34;"); break;
	case '\'': buf_adds(out, "&#39;"); break;
	default:
		utf8_put(out, is_xml_char(cp) ? cp : 0xfffd);
	}
}

static size_t	fix_ref(struct buf *, const char *, size_t, struct subset *,
		    int);

/*
 * Writes the replacement text v[0..vlen) of an entity of the internal
 * subset, its references handled as in the document.  It is written as
 * text: markup and quotes become character references, so that an
 * entity can neither open an element nor end an attribute value.
 */
static void
expand_entity(struct buf *out, const char *v, size_t vlen,
    struct subset *sub, int depth)
{
	size_t	i = 0;

	while (i < vlen) {
		switch (v[i]) {
		case '&':
			i += fix_ref(out, v + i, vlen - i, sub, depth);
			continue;
		case '<':
			buf_adds(out, "&#60;");
			break;
		case '"':
			buf_adds(out, "&#34;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		default:
			buf_addc(out, v[i]);
		}
		i++;
	}
}

/*
 * Handles the reference at s[0] == '&'; returns the bytes consumed.  An
 * entity of the internal subset is expanded here, within depth and the
 * subset's budget; past them, and for an external entity, the reference
 * stays as text, as feedparser shows an entity it cannot expand.
 */
static size_t
fix_ref(struct buf *out, const char *s, size_t len, struct subset *sub,
    int depth)
{
	const char	*v = NULL;
	size_t		 i = 1, n, vlen = 0;
	int		 kind;

	if (i < len && s[i] == '#') {
		unsigned long	cp = 0;
		int		hex = 0, digits = 0;

		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < len && digits < 10; i++, digits++) {
			unsigned char c = (unsigned char)s[i];

			if (isdigit(c))
				cp = cp * (hex ? 16 : 10) + (c - '0');
			else if (hex && isxdigit(c))
				cp = cp * 16 + (unsigned long)(tolower(c) - 'a' + 10);
			else
				break;
		}
		if (digits == 0 || (i < len && isalnum((unsigned char)s[i]))) {
			buf_adds(out, "&amp;");
			return 1;
		}
		if (i < len && s[i] == ';')
			i++;
		/* NOTE: C1 code points are mapped per field (fix_text) */
		put_char(out, cp);
		return i;
	}
	for (n = 0; i + n < len && n < 40 && isalnum((unsigned char)s[i + n]);
	    n++)
		;
	if (n == 0 || n == 40 || i + n >= len || s[i + n] != ';' ||
	    !isalpha((unsigned char)s[i])) {
		buf_adds(out, "&amp;");
		return 1;
	}
	if ((n == 2 && (memcmp(s + 1, "lt", 2) == 0 ||
	    memcmp(s + 1, "gt", 2) == 0)) ||
	    (n == 3 && memcmp(s + 1, "amp", 3) == 0) ||
	    (n == 4 && (memcmp(s + 1, "quot", 4) == 0 ||
	    memcmp(s + 1, "apos", 4) == 0))) {
		buf_add(out, s, n + 2);
		return n + 2;
	}
	kind = sub != NULL && sub->len > 0 ?
	    subset_entity(sub, s + 1, n, &v, &vlen) : ENT_NONE;
	if (kind != ENT_NONE) {
		size_t start = out->len;

		if (kind == ENT_EXTERNAL || depth >= ENTITY_DEPTH ||
		    vlen > sub->budget) {
			sub->failed |= kind == ENT_INTERNAL;
			buf_adds(out, "&amp;");
			return 1;
		}
		sub->budget -= vlen;
		expand_entity(out, v, vlen, sub, depth + 1);
		if (depth == 0 && sub->failed) {
			/* all of it or none: the reference stays as text,
			 * and the budget stays spent */
			sub->failed = 0;
			buf_truncate(out, start);
			buf_adds(out, "&amp;");
			return 1;
		}
		return n + 2;
	} else {
		const char *t = entity_lookup(s + 1, n);

		if (t == NULL) {
			buf_adds(out, "&amp;");	/* keep "&name;" as text */
			return 1;
		}
		if (t[0] != '\0' && t[1] == '\0' && strchr("<>&\"'", t[0]))
			put_char(out, (unsigned char)t[0]);
		else
			buf_adds(out, t);
		return n + 2;
	}
}

/* 1 for '&' and '<' */
static const unsigned char amp_lt[256] = { ['&'] = 1, ['<'] = 1 };

static const char *
skip_text(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;

	while (end - (const char *)u >= 8) {
		if (amp_lt[u[0]] | amp_lt[u[1]] | amp_lt[u[2]] |
		    amp_lt[u[3]] | amp_lt[u[4]] | amp_lt[u[5]] |
		    amp_lt[u[6]] | amp_lt[u[7]])
			break;
		u += 8;
	}
	while ((const char *)u < end && !amp_lt[*u])
		u++;
	return (const char *)u;
}

/*
 * The markup at p[0] == '<' the entity pass copies as it is: returns the
 * first byte after it (p + 1 for a tag).  A DOCTYPE's internal subset is
 * noted in *sub, *sublen.
 */
static const char *
skip_markup(const char *p, const char *end, const char **sub, size_t *sublen)
{
	const char *q = NULL;

	if (p + 1 >= end)
		return p + 1;
	if (p[1] == '?') {
		q = find(p + 2, end, "?>");
		q = q ? q + 2 : end;
	} else if (p[1] == '!') {
		if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = find(p + 4, end, "-->");
			q = q ? q + 3 : end;
		} else if ((size_t)(end - p) >= 9 &&
		    memcmp(p, "<![CDATA[", 9) == 0) {
			q = find(p + 9, end, "]]>");
			q = q ? q + 3 : end;
		} else if ((size_t)(end - p) >= 9 &&
		    strncasecmp(p, "<!DOCTYPE", 9) == 0) {
			const char *gt, *lb;

			gt = memchr(p, '>', (size_t)(end - p));
			lb = memchr(p, '[', (size_t)(end - p));
			if (lb != NULL && (gt == NULL || lb < gt)) {
				q = find(lb, end, "]");
				while (q != NULL && q + 1 < end) {
					const char *r = q + 1;

					while (r < end &&
					    isspace((unsigned char)*r))
						r++;
					if (r < end && *r == '>')
						break;
					q = find(q + 1, end, "]");
				}
				if (q != NULL) {
					*sub = lb;
					*sublen = (size_t)(q - lb);
					gt = memchr(q, '>',
					    (size_t)(end - q));
				}
			}
			q = gt ? gt + 1 : end;
		}
	}
	return q ? q : p + 1;
}

/*
 * The bytes fix_ref() consumes at s[0] == '&' when it writes them back
 * unchanged, 0 when it would change them.  tmp is scratch.
 */
static size_t
ref_same_slow(const char *s, size_t len, struct subset *sub,
    struct buf *tmp)
{
	size_t	k, budget = sub->budget;

	buf_truncate(tmp, 0);
	k = fix_ref(tmp, s, len, sub, 0);
	sub->budget = budget;	/* a look, not an expansion */
	sub->failed = 0;
	return tmp->len == k && memcmp(tmp->s, s, k) == 0 ? k : 0;
}

static inline size_t
ref_same(const char *s, const char *end, struct subset *sub, struct buf *tmp)
{
	size_t	len = (size_t)(end - s);

	/* the predefined five, by far the most frequent */
	if (len >= 4 && (s[1] == 'l' || s[1] == 'g') && s[2] == 't' &&
	    s[3] == ';')
		return 4;
	if (len >= 5 && memcmp(s + 1, "amp;", 4) == 0)
		return 5;
	if (len >= 6 && (memcmp(s + 1, "quot;", 5) == 0 ||
	    memcmp(s + 1, "apos;", 5) == 0))
		return 6;
	return ref_same_slow(s, len, sub, tmp);
}

int
xml_fix_entities(struct buf *out, const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *run, *ctx = s, *a;
	const char	*sub = NULL;
	size_t		 sublen = 0, k;
	struct buf	 tmp = BUF_INIT;
	struct subset	 ss;

	/* what entities may add: a few times the document */
	ss.s = NULL;
	ss.len = 0;
	ss.budget = 4 * len + 65536;
	ss.failed = 0;
	ss.indexed = NULL;
	ss.ents = NULL;
	ss.nents = 0;

	/*
	 * Most documents need nothing fixed: each '&' is checked where it
	 * is, and the markup that would keep it as it is (comments, CDATA
	 * ...) is looked at only when one would change.  Everything before
	 * ctx has been scanned as the rewriting loop below scans it.
	 */
	for (;;) {
		a = memchr(p, '&', (size_t)(end - p));
		if (a == NULL) {
			buf_release(&tmp);
			free(ss.ents);
			return 0;
		}
		if ((k = ref_same(a, end, &ss, &tmp)) > 0) {
			p = a + k;
			continue;
		}
		while (ctx < a && (ctx = skip_text(ctx, end)) < a) {
			if (*ctx == '&')
				ctx++;	/* unchanged, checked above */
			else if (*ctx != '<')
				ctx++;
			else
				ctx = skip_markup(ctx, end, &sub, &sublen);
			ss.s = sub;
			ss.len = sublen;
		}
		if (ctx > a) {
			p = ctx;	/* inside markup kept as it is */
			continue;
		}
		/* ctx == a: outside markup, with the subset now known */
		if ((k = ref_same(a, end, &ss, &tmp)) > 0) {
			p = a + k;
			continue;
		}
		break;
	}
	buf_release(&tmp);
	buf_grow(out, len + 16);
	buf_add(out, s, (size_t)(a - s));
	p = run = a;
	while ((p = skip_text(p, end)) < end) {
		if (*p == '&') {
			buf_add(out, run, (size_t)(p - run));
			p += fix_ref(out, p, (size_t)(end - p), &ss, 0);
			run = p;
			continue;
		}
		if (*p != '<') {
			p++;
			continue;
		}
		p = skip_markup(p, end, &sub, &sublen);
		ss.s = sub;
		ss.len = sublen;
	}
	buf_add(out, run, (size_t)(end - run));
	free(ss.ents);
	return 1;
}

/* ---- namespaces ---- */

enum ns {
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
	NS_OTHER,
};

static const struct {
	const char	*uri;
	enum ns		 ns;
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
};

static const struct {
	const char	*prefix;
	enum ns		 ns;
} ns_prefixes[] = {
	{ "dc", NS_DC }, { "content", NS_CONTENT }, { "media", NS_MEDIA },
	{ "itunes", NS_ITUNES }, { "atom", NS_ATOM10 },
	{ "dcterms", NS_DCTERMS }, { "xhtml", NS_XHTML }, { "rdf", NS_RDF },
};

/* the namespace of n and its local name in *local */
static enum ns
node_ns(const struct xnode *n, const char **local)
{
	const char	*name = n->name, *colon;
	size_t		 i;

	*local = name;
	if (n->uri != NULL) {
		/* the answer for the last URI, by far the most frequent */
		static _Thread_local char	 last[80];
		static _Thread_local enum ns	 last_ns;
		const char			*uri = n->uri;
		enum ns				 ns = NS_OTHER;
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

static int
is_atom(enum ns ns)
{
	return ns == NS_ATOM10 || ns == NS_ATOM03;
}

/* ---- node helpers ---- */

static const char *
attr(const struct xnode *n, const char *name)
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

/* appends the text of n and its siblings, their elements' too */
static void
text_of(struct buf *b, const struct xnode *n)
{
	size_t len = text_len(n);

	/* one allocation, not one for each doubling */
	if (len > 0)
		(void)buf_grow(b, len);
	text_add(b, n);
}

static int
has_elements(const struct xnode *n)
{
	for (n = n->children; n != NULL; n = n->next) {
		if (n->kind == XN_ELEM)
			return 1;
	}
	return 0;
}

/*
 * Has n, below it, an element other than a div?  feedparser reads
 * elements in an Atom type="html" construct as XHTML, except divs, which
 * it skips ("typepad does this"): a div around escaped HTML is no markup.
 */
static int
has_elements_but_div(const struct xnode *n, int depth)
{
	const char *l;

	for (n = n->children; n != NULL; n = n->next) {
		if (n->kind != XN_ELEM)
			continue;
		l = strchr(n->name, ':');
		if (strcasecmp(l != NULL ? l + 1 : n->name, "div") != 0 ||
		    (depth < 16 && has_elements_but_div(n, depth + 1)))
			return 1;
	}
	return 0;
}

/* a malloc'd base for n: its xml:base resolved against base, or a copy */
static char *
node_base(const struct xnode *n, const char *base)
{
	const char *xb;

	if (n->kind != XN_ELEM ||
	    (xb = xnode_attr_ns(n, "base", XML_NS_URI)) == NULL)
		return base ? xstrdup(base) : NULL;
	return url_resolve(base, xb);
}

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
				text_of(b, n->children);
				break;
			}
			if (node_ns(n, &name) != NS_OTHER)
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

/* ---- text fields ---- */

/*
 * Repairs what feedparser repairs in every value: UTF-8 that was read as
 * ISO-8859-1 and encoded again (all code points below 256 whose bytes
 * form valid UTF-8), then C1 controls that stand for windows-1252
 * characters ("don\x92t").
 */
/* the byte at *ip of s[0..len) read as Latin-1-in-UTF-8 (see fix_text) */
static unsigned char
latin1_next(const unsigned char *p, size_t *ip)
{
	size_t i = (*ip)++;

	if (p[i] < 0x80)
		return p[i];
	(*ip)++;
	return (unsigned char)(((p[i] & 0x03) << 6) | (p[i + 1] & 0x3f));
}

/*
 * 1 if the bytes that the U+0000-U+00FF text p[0..len) stands for are
 * valid UTF-8.  Stops at the first invalid sequence: for most text, which
 * is not doubly encoded, that is the first accented letter.
 */
static int
latin1_is_utf8(const unsigned char *p, size_t len)
{
	unsigned char	 d[4];
	size_t		 i = 0, j, k, n;

	while (i < len) {
		j = i;
		for (k = 0; k < sizeof(d) && j < len; k++)
			d[k] = latin1_next(p, &j);
		if (d[0] < 0x80) {
			(void)latin1_next(p, &i);
			continue;
		}
		n = utf8_valid_prefix(d, k);
		if (n == 0)
			return 0;
		while (n-- > 0)
			(void)latin1_next(p, &i);
	}
	return 1;
}

/* the end of the ASCII run of p[i..len) */
static inline size_t
ascii_prefix(const unsigned char *p, size_t i, size_t len)
{
	uint64_t v;

	while (len - i >= 8) {
		memcpy(&v, p + i, sizeof(v));
		if ((v &= 0x8080808080808080ULL) != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)(__builtin_ctzll(v) >> 3);
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < len && p[i] < 0x80)
		i++;
	return i;
}

static void
fix_text(struct buf *b)
{
	const unsigned char	*p = (const unsigned char *)b->s;
	struct buf		 t = BUF_INIT;
	size_t			 i, n;
	int			 high = 0, c1 = 0;

	i = ascii_prefix(p, 0, b->len);
	if (i == b->len)
		return;
	/* all of it in U+0000-U+00FF?  (p[0..i) is ASCII) */
	for (; i < b->len; i++) {
		if (p[i] < 0x80) {
			i = ascii_prefix(p, i, b->len) - 1;
			continue;
		}
		if ((p[i] != 0xc2 && p[i] != 0xc3) || i + 1 >= b->len)
			break;
		if (p[i] == 0xc2 && p[i + 1] < 0xa0)
			c1 = 1;
		high = 1;
		i++;
	}
	if (i == b->len && high && latin1_is_utf8(p, b->len)) {
		/* the Latin-1 bytes */
		for (i = 0; i < b->len; i++) {
			if (p[i] < 0x80)
				buf_addc(&t, p[i]);
			else {
				buf_addc(&t, ((p[i] & 0x03) << 6) |
				    (p[i + 1] & 0x3f));
				i++;
			}
		}
		for (i = 0; i < t.len; i += n) {
			n = utf8_valid_prefix((const unsigned char *)t.s + i,
			    t.len - i);
			if (n == 0)
				break;
		}
		if (i == t.len) {
			buf_release(b);
			*b = t;
			return;
		}
		buf_release(&t);
	}
	if (!c1) {
		const unsigned char *q = p, *end = p + b->len;

		while ((q = memchr(q, 0xc2, (size_t)(end - q))) != NULL &&
		    q + 1 < end && !(q[1] >= 0x80 && q[1] < 0xa0))
			q++;
		if (q == NULL || q + 1 >= end)
			return;
	}
	for (i = 0; i < b->len; i++) {
		if (p[i] == 0xc2 && i + 1 < b->len && p[i + 1] >= 0x80 &&
		    p[i + 1] < 0xa0) {
			utf8_put(&t, c1_cp1252[p[i + 1] - 0x80]);
			i++;
		} else
			buf_addc(&t, p[i]);
	}
	buf_release(b);
	*b = t;
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

static size_t
base64_decode(char *s, size_t len)
{
	size_t		i, o = 0;
	unsigned long	acc = 0;
	int		bits = 0;

	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i], v;

		if (c >= 'A' && c <= 'Z') v = c - 'A';
		else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
		else if (c >= '0' && c <= '9') v = c - '0' + 52;
		else if (c == '+' || c == '-') v = 62;
		else if (c == '/' || c == '_') v = 63;
		else if (c == '=') break;
		else continue;
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			s[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	s[o] = '\0';
	return o;
}

enum tkind {
	TK_TEXT,	/* plain text */
	TK_HTML,	/* escaped HTML */
	TK_XHTML,	/* inline markup */
	TK_GUESS,	/* RSS: feedparser's guess */
};

/*
 * The value of a text construct n as a malloc'd string (NULL if empty).
 * atom: read Atom's type and mode attributes; def: the kind without them.
 */
static char *
text_value(const struct xnode *n, const char *parent_base, int atom,
    enum tkind def, int *text)
{
	struct buf	 b = BUF_INIT;
	enum tkind	 k = def;
	const char	*type = NULL, *mode;
	char		*base, *r = NULL;
	int		 b64 = 0, unwrap = 0, has_markup = has_elements(n);

	base = node_base(n, parent_base);
	if (atom) {
		type = attr(n, "type");
		mode = attr(n, "mode");
		if (type != NULL && *type != '\0') {
			if (strcasecmp(type, "text") == 0 ||
			    strcasecmp(type, "text/plain") == 0)
				k = TK_TEXT;
			else if (strcasecmp(type, "html") == 0 ||
			    strcasecmp(type, "text/html") == 0)
				k = TK_HTML;
			else if (strcasestr(type, "xml") != NULL ||
			    strcasecmp(type, "xhtml") == 0) {
				const char *l;

				k = TK_XHTML;
				/* RFC 4287 3.1.1.3; Atom 0.3 keeps the div */
				unwrap = (strcasestr(type, "xhtml") != NULL ||
				    strcasecmp(type, "xhtml") == 0) &&
				    node_ns(n, &l) != NS_ATOM03;
			}
			else if (strncasecmp(type, "text/", 5) != 0)
				b64 = 1;	/* RFC 4287 4.1.3.3 */
		}
		if (mode != NULL) {
			if (strcasecmp(mode, "escaped") == 0 && k == TK_XHTML)
				k = TK_HTML;
			else if (strcasecmp(mode, "base64") == 0)
				b64 = 1;
			else if (strcasecmp(mode, "xml") == 0 && k == TK_TEXT &&
			    has_elements(n))
				k = TK_XHTML;
		}
	}
	/* escaped HTML in a div: its text is the HTML; other elements
	 * declared as escaped HTML are markup (feedparser) */
	if (atom && k == TK_HTML && type != NULL && has_elements(n) &&
	    !has_elements_but_div(n, 0))
		has_markup = 0;
	if (has_markup && !b64) {
		const struct xnode *c = n->children, *only = NULL;

		/* RFC 4287 3.1.1.3: the xhtml div is a wrapper, not content */
		for (; c != NULL; c = c->next) {
			if (c->kind == XN_ELEM) {
				if (only != NULL) {
					only = NULL;
					break;
				}
				only = c;
			} else if (c->kind == XN_TEXT) {
				size_t i = 0;

				while (i < c->len &&
				    isspace((unsigned char)c->s[i]))
					i++;
				if (i < c->len) {
					only = NULL;
					break;
				}
			}
		}
		if (unwrap && only != NULL &&
		    strcmp(only->name, "div") == 0 && only->uri != NULL &&
		    strcmp(only->uri, "http://www.w3.org/1999/xhtml") == 0) {
			char *db = node_base(only, base);

			serialize(&b, only->children, 0, NULL);
			r = parse_html(b.s, b.len, db);
			free(db);
		} else {
			serialize(&b, n->children, 0, NULL);
			r = parse_html(b.s, b.len, base);
		}
		goto out;
	}
	text_of(&b, n->children);
	fix_text(&b);
	if (b64) {
		b.len = base64_decode(b.s, b.len);
		if (k == TK_TEXT || def == TK_TEXT) {
			/* decoded bytes may be anything: keep valid UTF-8 */
			struct buf u = BUF_INIT;

			utf8_sanitize(&u, b.s, b.len);
			buf_release(&b);
			b = u;
		}
		if (k != TK_TEXT)
			k = TK_HTML;
	}
	*text = k == TK_TEXT;
	if (k == TK_GUESS)
		r = parse_guessed(b.s, b.len, base, text);
	else if (k == TK_TEXT)
		r = parse_text(b.s, b.len);
	else
		r = parse_html(b.s, b.len, base);
out:
	buf_release(&b);
	free(base);
	return r;
}

/* plain text of n, trimmed; NULL if empty */
static char *
plain(const struct xnode *n)
{
	struct buf	b = BUF_INIT;
	char		*r;

	text_of(&b, n->children);
	fix_text(&b);
	r = parse_text(b.s, b.len);
	buf_release(&b);
	return r;
}

/* a URL in n's text, resolved against n's base */
static char *
url_of(const struct xnode *n, const char *base, const char *value)
{
	char *nb, *t, *r;

	t = value ? parse_text(value, strlen(value)) : plain(n);
	if (t == NULL)
		return NULL;
	nb = node_base(n, base);
	r = url_resolve(nb, t);
	free(nb);
	free(t);
	return r;
}

static void
set_str(char **dst, char *v)
{
	if (*dst == NULL)
		*dst = v;
	else
		free(v);
}

/* set_str(), and the bit of *bits says whether *dst is plain text */
static void
set_text(char **dst, char *v, int text, unsigned *bits, unsigned bit)
{
	if (*dst != NULL || v == NULL) {
		free(v);
		return;
	}
	*dst = v;
	if (text)
		*bits |= bit;
	else
		*bits &= ~bit;
}

/* set_text() of n's text_value(), not made when *dst is already set */
static void
set_text_of(char **dst, unsigned *bits, unsigned bit, const struct xnode *n,
    const char *base, int atom, enum tkind def)
{
	char	*v;
	int	 text = 0;

	if (*dst != NULL)
		return;
	v = text_value(n, base, atom, def, &text);
	set_text(dst, v, text, bits, bit);
}

static void
set_date(time_t *dst, const struct xnode *n)
{
	char	*t;
	time_t	 v;

	/* NOTE: a later date element overrides an earlier one (feedparser) */
	t = plain(n);
	if (t != NULL && date_parse(t, &v) == 0)
		*dst = v;
	free(t);
}

/* Atom person construct: "name (email)" as feedparser writes it */
static char *
person(const struct xnode *n)
{
	const struct xnode	*c;
	const char	*local;
	char		*name = NULL, *email = NULL, *r;
	struct buf	 b = BUF_INIT;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->kind != XN_ELEM)
			continue;
		node_ns(c, &local);
		if (strcasecmp(local, "name") == 0)
			set_str(&name, plain(c));
		else if (strcasecmp(local, "email") == 0)
			set_str(&email, plain(c));
	}
	if (name == NULL && email == NULL && !has_elements(n))
		return plain(n);
	if (name != NULL && email != NULL)
		buf_addf(&b, "%s (%s)", name, email);
	else if (name != NULL)
		buf_adds(&b, name);
	else if (email != NULL)
		buf_adds(&b, email);
	free(name);
	free(email);
	r = parse_text(b.s, b.len);
	buf_release(&b);
	return r;
}

static long long
length_of(const char *s)
{
	char		*end;
	long long	 v;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtoll(s, &end, 10);
	if (v < 0 || v == LLONG_MAX)
		return -1;
	return v;
}

static void
add_enclosure(struct entry *e, char *url, const char *type,
    const char *length)
{
	struct enclosure	*x;
	size_t			 i;

	if (url == NULL)
		return;
	for (i = 0; i < e->nenclosures; i++) {
		if (strcmp(e->enclosures[i].url, url) == 0) {
			free(url);
			return;
		}
	}
	x = entry_add_enclosure(e);
	x->url = url;
	if (type != NULL && *type != '\0')
		x->type = parse_text(type, strlen(type));
	x->length = length_of(length);
}

static void
add_category(struct entry *e, char *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < e->ncategories; i++) {
		if (strcmp(e->categories[i], s) == 0) {
			free(s);
			return;
		}
	}
	e->categories = xreallocarray(e->categories, e->ncategories + 1,
	    sizeof(*e->categories));
	e->categories[e->ncategories++] = s;
}

/* "rel" of an Atom link, RFC 4287 4.2.7.2: alternate by default */
static int
rel_is(const struct xnode *n, const char *want)
{
	const char *rel = attr(n, "rel");

	if (rel == NULL || *rel == '\0')
		rel = "alternate";
	return strcasecmp(rel, want) == 0 ||
	    (strncmp(rel, "http://www.iana.org/assignments/relation/", 41) ==
	    0 && strcasecmp(rel + 41, want) == 0);
}

static char *
link_href(const struct xnode *n, const char *base)
{
	const char *href = attr(n, "href");

	if (href != NULL && *href != '\0')
		return url_of(n, base, href);
	return url_of(n, base, NULL);
}

/* ---- entries ---- */

struct entry_state {
	const char *coreuri;	/* the root's unknown namespace, or NULL */
	int	 atomdoc;	/* un-namespaced elements are Atom */
	int	 depth;		/* media:group, itunes:category nesting */
	char	*media_title;	/* fallbacks for title and summary */
	char	*media_desc;
	unsigned media_text;	/* their ENTRY_TITLE_TEXT, ENTRY_SUMMARY_TEXT */
	char	*guid_link;	/* guid with isPermaLink true */
	char	*alt_link;	/* atom:link rel=alternate in RSS */
	time_t	 pubdate;
	int	 ndesc;		/* description/summary seen */
	const struct xnode **media;	/* media:content, after the enclosures */
	char	**media_url;
	size_t	 nmedia;
};

/*
 * media:content is an enclosure too, but it comes after the item's own
 * enclosure elements wherever it stands: those are what other readers
 * list (feedparser has no media:content among its enclosures), and a
 * podcast's media:content often repeats its enclosure with less detail.
 */
static void
media_content(struct entry_state *st, const struct xnode *n, const char *base)
{
	const char *url = attr(n, "url");

	if (url == NULL || *url == '\0' || st->nmedia >= 64)
		return;
	st->media = xreallocarray(st->media, st->nmedia + 1,
	    sizeof(*st->media));
	st->media_url = xreallocarray(st->media_url, st->nmedia + 1,
	    sizeof(*st->media_url));
	st->media[st->nmedia] = n;
	st->media_url[st->nmedia++] = url_of(n, base, url);
}

static void
entry_child(struct entry *e, struct entry_state *st, const struct xnode *n,
    const char *base)
{
	const char	*local;
	enum ns		 ns = node_ns(n, &local);
	int		 atom;

	if (ns == NS_OTHER && st->coreuri != NULL && n->uri != NULL &&
	    strcmp(n->uri, st->coreuri) == 0)
		ns = NS_NONE;
	if (ns == NS_NONE && st->atomdoc)
		ns = NS_ATOM10;
	atom = is_atom(ns);

	if (ns == NS_NONE || ns == NS_RSS090) {
		if (strcasecmp(local, "title") == 0)
			set_text_of(&e->title, &e->text, ENTRY_TITLE_TEXT,
			    n, base, 0, TK_GUESS);
		else if (strcasecmp(local, "link") == 0)
			set_str(&e->link, url_of(n, base, NULL));
		else if (strcasecmp(local, "guid") == 0) {
			const char *pl = attr(n, "isPermaLink");

			set_str(&e->id, plain(n));
			if (st->guid_link == NULL && (pl == NULL ||
			    strcasecmp(pl, "true") == 0))
				st->guid_link = url_of(n, base, NULL);
		} else if (strcasecmp(local, "description") == 0 ||
		    strcasecmp(local, "summary") == 0) {
			int	 vt = 0;
			char	*v = text_value(n, base, 0, TK_HTML, &vt);

			/* NOTE: feedparser: the second of them is content */
			if (st->ndesc++ == 0)
				set_text(&e->summary, v, vt, &e->text,
				    ENTRY_SUMMARY_TEXT);
			else
				set_text(&e->content, v, vt, &e->text,
				    ENTRY_CONTENT_TEXT);
		} else if (strcasecmp(local, "pubDate") == 0 ||
		    strcasecmp(local, "issued") == 0)
			set_date(&e->published, n);
		else if (strcasecmp(local, "author") == 0)
			set_str(&e->author, plain(n));
		else if (strcasecmp(local, "category") == 0)
			add_category(e, plain(n));
		else if (strcasecmp(local, "tags") == 0) {
			char *t = plain(n), *p, *comma;

			for (p = t; p != NULL; p = comma) {
				if ((comma = strchr(p, ',')) != NULL)
					*comma++ = '\0';
				add_category(e, parse_text(p, strlen(p)));
			}
			free(t);
		} else if (strcasecmp(local, "enclosure") == 0) {
			const char *url = attr(n, "url");

			if (url != NULL && *url != '\0')
				add_enclosure(e, url_of(n, base, url),
				    attr(n, "type"), attr(n, "length"));
		}
		return;
	}
	if (atom) {
		if (strcasecmp(local, "title") == 0)
			set_text_of(&e->title, &e->text, ENTRY_TITLE_TEXT,
			    n, base, 1, TK_TEXT);
		else if (strcasecmp(local, "link") == 0) {
			if (rel_is(n, "alternate"))
				set_str(&e->link, link_href(n, base));
			else if (rel_is(n, "enclosure"))
				add_enclosure(e, link_href(n, base),
				    attr(n, "type"), attr(n, "length"));
		} else if (strcasecmp(local, "id") == 0) {
			char *id = plain(n);

			if (id != NULL && !url_is_absolute(id) &&
			    base != NULL) {
				char *r = url_of(n, base, id);

				free(id);
				id = r;
			}
			set_str(&e->id, id);
		} else if (strcasecmp(local, "summary") == 0)
			set_text_of(&e->summary, &e->text, ENTRY_SUMMARY_TEXT,
			    n, base, 1, TK_TEXT);
		else if (strcasecmp(local, "content") == 0)
			set_text_of(&e->content, &e->text, ENTRY_CONTENT_TEXT,
			    n, base, 1, TK_TEXT);
		else if (strcasecmp(local, "published") == 0 ||
		    strcasecmp(local, "issued") == 0 ||
		    strcasecmp(local, "created") == 0)
			set_date(strcasecmp(local, "created") == 0 ?
			    &st->pubdate : &e->published, n);
		else if (strcasecmp(local, "updated") == 0 ||
		    strcasecmp(local, "modified") == 0)
			set_date(&e->updated, n);
		else if (strcasecmp(local, "author") == 0)
			set_str(&e->author, person(n));
		else if (strcasecmp(local, "category") == 0) {
			const char *term = attr(n, "term");

			if (term != NULL)
				add_category(e, parse_text(term,
				    strlen(term)));
			else
				add_category(e, plain(n));
		}
		return;
	}
	switch (ns) {
	case NS_DC:
		if (strcasecmp(local, "title") == 0)
			set_text_of(&e->title, &e->text, ENTRY_TITLE_TEXT,
			    n, base, 0, TK_GUESS);
		else if (strcasecmp(local, "creator") == 0 ||
		    strcasecmp(local, "author") == 0)
			set_str(&e->author, plain(n));
		else if (strcasecmp(local, "date") == 0)
			set_date(&e->updated, n);
		else if (strcasecmp(local, "subject") == 0)
			add_category(e, plain(n));
		else if (strcasecmp(local, "description") == 0) {
			int	 vt = 0;
			char	*v = text_value(n, base, 0, TK_HTML, &vt);

			if (st->ndesc++ == 0)
				set_text(&e->summary, v, vt, &e->text,
				    ENTRY_SUMMARY_TEXT);
			else
				set_text(&e->content, v, vt, &e->text,
				    ENTRY_CONTENT_TEXT);
		} else if (strcasecmp(local, "identifier") == 0)
			set_str(&e->id, plain(n));
		break;
	case NS_DCTERMS:
		if (strcasecmp(local, "issued") == 0 ||
		    strcasecmp(local, "created") == 0)
			set_date(&e->published, n);
		else if (strcasecmp(local, "modified") == 0)
			set_date(&e->updated, n);
		break;
	case NS_CONTENT:
		if (strcasecmp(local, "encoded") == 0)
			set_text_of(&e->content, &e->text, ENTRY_CONTENT_TEXT,
			    n, base, 0, TK_HTML);
		break;
	case NS_XHTML:
		if (strcasecmp(local, "body") == 0 || strcasecmp(local, "div") == 0) {
			struct buf	 b = BUF_INIT;
			char		*nb = node_base(n, base);

			serialize(&b, n->children, 0, NULL);
			set_str(&e->content, parse_html(b.s, b.len, nb));
			buf_release(&b);
			free(nb);
		}
		break;
	case NS_MEDIA:
		if (strcasecmp(local, "content") == 0)
			media_content(st, n, base);
		/* media:content holds media:title and others, as a group does */
		if ((strcasecmp(local, "group") == 0 ||
		    strcasecmp(local, "content") == 0) && st->depth < 4) {
			const struct xnode	*c;
			char		*gb = node_base(n, base);

			st->depth++;
			for (c = n->children; c != NULL; c = c->next) {
				if (c->kind == XN_ELEM)
					entry_child(e, st, c, gb);
			}
			st->depth--;
			free(gb);
		} else if (strcasecmp(local, "category") == 0)
			add_category(e, plain(n));
		else if (strcasecmp(local, "title") == 0)
			set_text_of(&st->media_title, &st->media_text, ENTRY_TITLE_TEXT,
			    n, base, 0, TK_GUESS);
		else if (strcasecmp(local, "description") == 0)
			set_text_of(&st->media_desc, &st->media_text, ENTRY_SUMMARY_TEXT,
			    n, base, 0, TK_GUESS);
		break;
	case NS_ITUNES:
		if (strcasecmp(local, "author") == 0)
			set_str(&e->author, plain(n));
		else if (strcasecmp(local, "summary") == 0) {
			int	 vt = 0;
			char	*v = text_value(n, base, 0, TK_GUESS, &vt);

			/* NOTE: feedparser: after a description it is content */
			if (st->ndesc++ == 0)
				set_text(&e->summary, v, vt, &e->text,
				    ENTRY_SUMMARY_TEXT);
			else
				set_text(&e->content, v, vt, &e->text,
				    ENTRY_CONTENT_TEXT);
		} else if (strcasecmp(local, "keywords") == 0) {
			/* feedparser: comma-separated keywords are categories */
			char *t = plain(n), *p, *comma;

			for (p = t; p != NULL; p = comma) {
				if ((comma = strchr(p, ',')) != NULL)
					*comma++ = '\0';
				add_category(e, parse_text(p, strlen(p)));
			}
			free(t);
		} else if (strcasecmp(local, "subtitle") == 0 &&
		    e->summary == NULL)
			set_text_of(&e->summary, &e->text, ENTRY_SUMMARY_TEXT,
			    n, base, 0, TK_GUESS);
		else if (strcasecmp(local, "category") == 0 &&
		    st->depth < 4) {
			const char	*t = attr(n, "text");
			const struct xnode	*c;

			if (t != NULL)
				add_category(e, parse_text(t, strlen(t)));
			/* subcategories nest */
			st->depth++;
			for (c = n->children; c != NULL; c = c->next) {
				if (c->kind == XN_ELEM)
					entry_child(e, st, c, base);
			}
			st->depth--;
		}
		break;
	default:
		break;
	}
}

/* atom:link inside an RSS item */
static void
rss_atom_link(struct entry *e, struct entry_state *st, const struct xnode *n,
    const char *base)
{
	if (rel_is(n, "alternate"))
		set_str(&st->alt_link, link_href(n, base));
	else if (rel_is(n, "enclosure"))
		add_enclosure(e, link_href(n, base), attr(n, "type"),
		    attr(n, "length"));
}

static int	is_item(const struct xnode *, int, const char *);

#define ITEMS_NESTED	256	/* items in items read as the next items */

static void
parse_entry_at(struct feed *f, const struct xnode *item,
    const char *parent_base, int atomdoc, const char *coreuri, int depth)
{
	struct entry		*e = feed_add_entry(f);
	struct entry_state	 st;
	const struct xnode		*c;
	char			*base = node_base(item, parent_base);
	const char		*local;
	size_t			 i, nested = 0;

	memset(&st, 0, sizeof(st));
	st.pubdate = TIME_NONE;
	st.atomdoc = atomdoc;
	st.coreuri = coreuri;
	for (c = item->children; c != NULL; c = c->next) {
		if (c->kind != XN_ELEM)
			continue;
		if (is_item(c, atomdoc, coreuri)) {
			nested++;
			continue;
		}
		if (!atomdoc && node_ns(c, &local) == NS_ATOM10 &&
		    strcasecmp(local, "link") == 0)
			rss_atom_link(e, &st, c, base);
		else
			entry_child(e, &st, c, base);
	}
	if (e->link == NULL)
		e->link = st.alt_link ? st.alt_link : st.guid_link;
	if (e->link == st.alt_link)
		free(st.guid_link);
	else if (e->link == st.guid_link)
		free(st.alt_link);
	else {
		free(st.alt_link);
		free(st.guid_link);
	}
	if (e->published == TIME_NONE)
		e->published = st.pubdate;
	for (i = 0; i < st.nmedia; i++)
		add_enclosure(e, st.media_url[i], attr(st.media[i], "type"),
		    attr(st.media[i], "fileSize"));
	free(st.media);
	free(st.media_url);
	set_text(&e->title, st.media_title, st.media_text & ENTRY_TITLE_TEXT,
	    &e->text, ENTRY_TITLE_TEXT);
	set_text(&e->summary, st.media_desc,
	    st.media_text & ENTRY_SUMMARY_TEXT, &e->text, ENTRY_SUMMARY_TEXT);
	/* RSS 1.0 5.5: rdf:about is the item's URI */
	if (e->id == NULL) {
		const char *about = xnode_attr_ns(item, "about",
		    "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

		if (about != NULL)
			e->id = parse_text(about, strlen(about));
	}
	/*
	 * libxml2's recovery puts what follows an item left open (a
	 * truncated feed, a stray end tag) inside it: an item in an item
	 * is read as the next one, as feedparser reads it.  NOTE: e is
	 * not used past this point, feed_add_entry() may move it.
	 */
	for (c = item->children; nested > 0 && c != NULL &&
	    depth < ITEMS_NESTED; c = c->next)
		if (c->kind == XN_ELEM && is_item(c, atomdoc, coreuri))
			parse_entry_at(f, c, base, atomdoc, coreuri,
			    depth + 1);
	free(base);
}

static void
parse_entry(struct feed *f, const struct xnode *item, const char *parent_base,
    int atomdoc, const char *coreuri)
{
	parse_entry_at(f, item, parent_base, atomdoc, coreuri, 0);
}

/* ---- feed level ---- */

struct feed_state {
	const char *coreuri;	/* the root's unknown namespace, or NULL */
	int	 atomdoc;	/* un-namespaced elements are Atom */
	time_t	 pubdate;
	char	*editor;	/* managingEditor / webMaster, low priority */
};

static void
feed_child(struct feed *f, struct feed_state *st, const struct xnode *n,
    const char *base)
{
	const char	*local;
	enum ns		 ns = node_ns(n, &local);

	if (ns == NS_OTHER && st->coreuri != NULL && n->uri != NULL &&
	    strcmp(n->uri, st->coreuri) == 0)
		ns = NS_NONE;
	if (ns == NS_NONE && st->atomdoc)
		ns = NS_ATOM10;
	if (ns == NS_NONE || ns == NS_RSS090) {
		if (strcasecmp(local, "title") == 0)
			set_text_of(&f->title, &f->text, FEED_TITLE_TEXT,
			    n, base, 0, TK_GUESS);
		else if (strcasecmp(local, "link") == 0)
			set_str(&f->link, url_of(n, base, NULL));
		else if (strcasecmp(local, "description") == 0 ||
		    strcasecmp(local, "tagline") == 0 ||
		    strcasecmp(local, "subtitle") == 0)
			set_text_of(&f->subtitle, &f->text, FEED_SUBTITLE_TEXT,
			    n, base, 0, TK_HTML);
		else if (strcasecmp(local, "lastBuildDate") == 0)
			set_date(&f->updated, n);
		else if (strcasecmp(local, "pubDate") == 0)
			set_date(&st->pubdate, n);
		else if (strcasecmp(local, "language") == 0)
			set_str(&f->language, plain(n));
		else if (strcasecmp(local, "author") == 0)
			set_str(&f->author, plain(n));
		else if (strcasecmp(local, "managingEditor") == 0 ||
		    strcasecmp(local, "webMaster") == 0)
			set_str(&st->editor, plain(n));
		else if (strcasecmp(local, "guid") == 0)
			set_str(&f->id, plain(n));
		return;
	}
	if (is_atom(ns)) {
		if (strcasecmp(local, "title") == 0)
			set_text_of(&f->title, &f->text, FEED_TITLE_TEXT,
			    n, base, 1, TK_TEXT);
		else if (strcasecmp(local, "subtitle") == 0 ||
		    strcasecmp(local, "tagline") == 0)
			set_text_of(&f->subtitle, &f->text, FEED_SUBTITLE_TEXT,
			    n, base, 1, TK_TEXT);
		else if (strcasecmp(local, "link") == 0) {
			if (rel_is(n, "alternate"))
				set_str(&f->link, link_href(n, base));
		} else if (strcasecmp(local, "id") == 0) {
			char *id = plain(n);

			if (id != NULL && !url_is_absolute(id) &&
			    base != NULL) {
				char *r = url_of(n, base, id);

				free(id);
				id = r;
			}
			set_str(&f->id, id);
		} else if (strcasecmp(local, "updated") == 0 ||
		    strcasecmp(local, "modified") == 0)
			set_date(&f->updated, n);
		else if (strcasecmp(local, "published") == 0 ||
		    strcasecmp(local, "issued") == 0)
			set_date(&st->pubdate, n);
		else if (strcasecmp(local, "author") == 0)
			set_str(&f->author, person(n));
		return;
	}
	switch (ns) {
	case NS_DC:
		if (strcasecmp(local, "title") == 0)
			set_text_of(&f->title, &f->text, FEED_TITLE_TEXT,
			    n, base, 0, TK_GUESS);
		else if (strcasecmp(local, "creator") == 0 ||
		    strcasecmp(local, "author") == 0)
			set_str(&f->author, plain(n));
		else if (strcasecmp(local, "date") == 0)
			set_date(&f->updated, n);
		else if (strcasecmp(local, "language") == 0)
			set_str(&f->language, plain(n));
		else if (strcasecmp(local, "description") == 0)
			set_text_of(&f->subtitle, &f->text, FEED_SUBTITLE_TEXT,
			    n, base, 0, TK_HTML);
		break;
	case NS_DCTERMS:
		if (strcasecmp(local, "modified") == 0)
			set_date(&f->updated, n);
		break;
	case NS_ITUNES:
		if (strcasecmp(local, "author") == 0)
			set_str(&f->author, plain(n));
		else if (strcasecmp(local, "subtitle") == 0 ||
		    strcasecmp(local, "summary") == 0)
			set_text_of(&f->subtitle, &f->text, FEED_SUBTITLE_TEXT,
			    n, base, 0, TK_GUESS);
		break;
	default:
		break;
	}
}

static int
is_item(const struct xnode *n, int atom, const char *coreuri)
{
	const char	*local;
	enum ns		 ns = node_ns(n, &local);

	if (ns == NS_OTHER && coreuri != NULL && n->uri != NULL &&
	    strcmp(n->uri, coreuri) == 0)
		ns = NS_NONE;
	if (atom)
		return strcasecmp(local, "entry") == 0;
	return (ns == NS_NONE || ns == NS_RSS090) &&
	    strcasecmp(local, "item") == 0;
}

/* walks a channel (RSS) or feed (Atom) element */
static void
walk_channel(struct feed *f, struct feed_state *st, const struct xnode *ch,
    const char *parent_base, int atom)
{
	const struct xnode	*c;
	const char	*local;
	char		*base = node_base(ch, parent_base);

	if (f->language == NULL && atom && ch->lang != NULL)
		f->language = parse_text(ch->lang, strlen(ch->lang));
	for (c = ch->children; c != NULL; c = c->next) {
		if (c->kind != XN_ELEM)
			continue;
		if (is_item(c, atom, st->coreuri))
			parse_entry(f, c, base, atom, st->coreuri);
		else if (!atom && node_ns(c, &local) == NS_ATOM10 &&
		    strcasecmp(local, "link") == 0) {
			if (rel_is(c, "alternate"))
				set_str(&f->link, link_href(c, base));
		} else
			feed_child(f, st, c, base);
	}
	free(base);
}

static char *
cause_str(const char *s)
{
	return xstrdup(s);
}

/*
 * HTML's void elements, which feeds put unescaped into their XML as HTML
 * writes them ("<br>", "<img src=x>").  Not link and source: RSS has
 * elements of those names, with text.
 */
static int
is_void_name(const char *s, size_t n)
{
	return html_is_void(s, n) &&
	    !(n == 4 && strncasecmp(s, "link", 4) == 0) &&
	    !(n == 6 && strncasecmp(s, "source", 6) == 0);
}

#define MARKUP_DEPTH	256	/* open elements xml_fix_markup() follows */

/* can c start an XML name?  (bytes of UTF-8 beyond ASCII can) */
static int
is_name_start(int c)
{
	return isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}

static int
is_name_char(int c)
{
	return is_name_start(c) || isdigit(c) || c == '-' || c == '.';
}

/*
 * Writes the attributes of a start tag, p[0..len) after its name, with
 * every value quoted as XML wants it: href=/a -> href="/a", a bare
 * "checked" -> checked="checked".  Quoted values are copied as they are.
 * Returns 1 if it changed something.
 */
static int
fix_attrs(struct buf *out, const char *p, size_t len)
{
	const char	*end = p + len, *n0, *v0, *q;
	int		 changed = 0;

	while (p < end) {
		if (isspace((unsigned char)*p) || *p == '/') {
			buf_addc(out, *p++);
			continue;
		}
		for (n0 = p; p < end && !isspace((unsigned char)*p) &&
		    *p != '=' && *p != '/'; p++)
			;
		if (p == n0) {		/* a stray '=' */
			p++;
			changed = 1;
			continue;
		}
		buf_add(out, n0, (size_t)(p - n0));
		for (q = p; q < end && isspace((unsigned char)*q); q++)
			;
		if (q >= end || *q != '=') {
			buf_adds(out, "=\"");
			buf_add(out, n0, (size_t)(p - n0));
			buf_addc(out, '"');
			changed = 1;
			continue;
		}
		for (q++; q < end && isspace((unsigned char)*q); q++)
			;
		if (q < end && (*q == '"' || *q == '\'')) {
			const char *e = memchr(q + 1, *q, (size_t)(end - q - 1));

			e = e != NULL ? e + 1 : end;
			buf_add(out, p, (size_t)(e - p));
			p = e;
			continue;
		}
		for (v0 = q; q < end && !isspace((unsigned char)*q); q++)
			;
		buf_adds(out, "=\"");
		for (; v0 < q; v0++) {
			if (*v0 == '"')
				buf_adds(out, "&quot;");
			else
				buf_addc(out, *v0);
		}
		buf_addc(out, '"');
		p = q;
		changed = 1;
	}
	return changed;
}

struct open_el {
	const char	*name;
	size_t		 n;
};

/* the innermost of the open[0..depth) elements named name[0..n) in any
 * case, plus one; 0 if none is */
static size_t
open_find(const struct open_el *open, size_t depth, const char *name,
    size_t n)
{
	for (; depth > 0; depth--)
		if (open[depth - 1].n == n &&
		    strncasecmp(open[depth - 1].name, name, n) == 0)
			break;
	return depth;
}

/* writes the end tags of open[i - 1..depth), innermost first; the new
 * depth */
static size_t
open_close(struct buf *out, const struct open_el *open, size_t depth,
    size_t i)
{
	for (; depth >= i && depth > 0; depth--) {
		buf_add(out, "</", 2);
		buf_add(out, open[depth - 1].name, open[depth - 1].n);
		buf_addc(out, '>');
	}
	return depth;
}

/*
 * For the libxml2 reader, which gets the documents that are not well
 * formed, the HTML that feeds write into their XML is made XML first,
 * so that libxml2's recovery keeps what follows it:
 * - a '<' that starts no markup ("a < b") is escaped;
 * - attribute values are quoted (url=http://a/b.mp3);
 * - each start tag of a void element is closed where it stands ("<br>"
 *   -> "<br/>") and their end tags are dropped: libxml2 would keep the
 *   element open, and an item's other elements would go inside it;
 * - an end tag closes what is still open inside its element, as HTML's
 *   implied end tags do, matches its start tag in any case, and is
 *   dropped when it closes nothing: libxml2 takes an end tag to close
 *   the innermost element, whatever its name.
 * Comments, CDATA sections, processing instructions and the DOCTYPE are
 * copied as they are.  Returns 0 when there was nothing to change.
 */
static int
xml_fix_markup(struct buf *out, const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *run = s, *q, *name, *sub;
	size_t		 n, at, sublen, depth = 0, i;
	int		 changed = 0, close, isvoid, overflow = 0;
	struct open_el	 open[MARKUP_DEPTH];

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && (p[1] == '!' || p[1] == '?')) {
			p = skip_markup(p, end, &sub, &sublen);
			continue;
		}
		close = p + 1 < end && p[1] == '/';
		name = p + 1 + close;
		if (name >= end || !is_name_start((unsigned char)*name)) {
			buf_add(out, run, (size_t)(p - run));
			buf_adds(out, "&lt;");
			changed = 1;
			p = run = p + 1;
			continue;
		}
		for (q = name; q < end && is_name_char((unsigned char)*q); q++)
			;
		n = (size_t)(q - name);
		isvoid = is_void_name(name, n);
		/* the end of the tag: the first '>' outside quoted values */
		for (at = (size_t)(q - s); q < end && *q != '>' && *q != '<';
		    q++) {
			if ((*q == '"' || *q == '\'') && q[-1] == '=') {
				const char *e = memchr(q + 1, *q,
				    (size_t)(end - q - 1));

				if (e == NULL)
					break;
				q = e;
			}
		}
		if (q >= end || *q != '>') {
			p = q;
			continue;
		}
		if (close && (isvoid || overflow)) {
			if (isvoid) {
				buf_add(out, run, (size_t)(p - run));
				changed = 1;
				run = q + 1;
			}
			p = q + 1;
			continue;
		}
		if (close) {
			i = open_find(open, depth, name, n);
			if (i == depth && i > 0 &&
			    memcmp(open[i - 1].name, name, n) == 0) {
				depth--;	/* as XML wants it */
				p = q + 1;
				continue;
			}
			/*
			 * HTML's implied end tags: what is still open inside
			 * it ("<p>one<p>two</description>") closes with it,
			 * and "</title>" closes "<Title>".  An end tag that
			 * closes nothing is dropped.
			 */
			buf_add(out, run, (size_t)(p - run));
			if (i > 0)
				depth = open_close(out, open, depth, i);
			changed = 1;
			p = run = q + 1;
			continue;
		}
		/*
		 * Items never nest: an item (entry) that starts while one
		 * is open ends it, and what is open inside it, as a <p>
		 * ends a <p> in HTML.
		 */
		if (!overflow && ((n == 4 && strncasecmp(name, "item", 4) == 0) ||
		    (n == 5 && strncasecmp(name, "entry", 5) == 0))) {
			if ((i = open_find(open, depth, name, n)) > 0) {
				buf_add(out, run, (size_t)(p - run));
				depth = open_close(out, open, depth, i);
				changed = 1;
				run = p;
			}
		}
		buf_add(out, run, at - (size_t)(run - s));
		{
			const char	*a = s + at, *ae = q;
			int		 self = ae > a && ae[-1] == '/';

			/*
			 * "<a href=/x/>": HTML ends an unquoted value at the
			 * '>', so the '/' is the value's; in a feed's own
			 * element ("<enclosure type=audio/mpeg/>") it closes
			 * the tag.
			 */
			if (self && ae - 1 > a &&
			    !isspace((unsigned char)ae[-2]) && ae[-2] != '"' &&
			    ae[-2] != '\'' && !isvoid &&
			    html_is_element(name, n))
				self = 0;
			if (self)
				ae--;
			changed |= fix_attrs(out, a, (size_t)(ae - a));
			if (self || isvoid) {
				buf_adds(out, "/>");
				changed |= !self;
			} else {
				buf_addc(out, '>');
				if (depth < MARKUP_DEPTH) {
					open[depth].name = name;
					open[depth++].n = n;
				} else
					overflow = 1;	/* end tags as they are */
			}
		}
		p = run = q + 1;
	}
	if (!changed)
		return 0;
	buf_add(out, run, (size_t)(end - run));
	return 1;
}

/* the light tree of the document: the fast reader, else libxml2 */
static struct xtree *
read_tree(const char *utf8, size_t len, char **cause)
{
	const char	*r = getenv("CRIER_XML_READER");
	struct xtree	*t;
	struct buf	 fixed = BUF_INIT;

	if (r == NULL || strcmp(r, "libxml2") != 0) {
		if ((t = xtok_read(utf8, len)) != NULL ||
		    (r != NULL && strcmp(r, "fast") == 0)) {
			if (t == NULL)
				*cause = cause_str(_("not a feed: not an "
				    "XML document"));
			return t;
		}
	}
	if (xml_fix_markup(&fixed, utf8, len))
		t = xtree_read_libxml2(fixed.s, fixed.len, cause);
	else
		t = xtree_read_libxml2(utf8, len, cause);
	buf_release(&fixed);
	return t;
}

struct feed *
xml_parse(const char *utf8, size_t len, const char *docbase, char **cause)
{
	struct xtree	*doc;
	struct xnode	*root, *c;
	struct feed	*f = NULL;
	struct feed_state st;
	const char	*local;
	enum ns		 ns;
	char		*base = NULL;

	if ((doc = read_tree(utf8, len, cause)) == NULL)
		return NULL;
	root = xtree_root(doc);
	ns = node_ns(root, &local);
	memset(&st, 0, sizeof(st));
	st.pubdate = TIME_NONE;
	/* NOTE: RSS or Atom under an unknown URI: its elements are core */
	if (ns == NS_OTHER)
		st.coreuri = root->uri;
	base = node_base(root, docbase);
	if (strcasecmp(local, "html") == 0) {
		*cause = cause_str(_("not a feed: HTML document"));
		goto out;
	}
	f = feed_new();
	if (strcasecmp(local, "rss") == 0 || strcasecmp(local, "channel") == 0) {
		const char *v = attr(root, "version");

		f->format = v != NULL && strncmp(v, "0.9", 3) == 0 ?
		    FEED_FORMAT_RSS09X : FEED_FORMAT_RSS20;
		if (strcasecmp(local, "channel") == 0)
			walk_channel(f, &st, root, docbase, 0);
		else {
			for (c = root->children; c != NULL; c = c->next) {
				const char *l2;

				if (c->kind != XN_ELEM)
					continue;
				node_ns(c, &l2);
				if (strcasecmp(l2, "channel") == 0)
					walk_channel(f, &st, c, base, 0);
				else if (is_item(c, 0, st.coreuri))
					parse_entry(f, c, base, 0, st.coreuri);
			}
		}
	} else if (strcasecmp(local, "RDF") == 0 && (ns == NS_RDF ||
	    ns == NS_OTHER || ns == NS_NONE)) {
		const struct xnsdef *d;

		f->format = FEED_FORMAT_RSS10;
		for (d = root->nsdefs; d != NULL; d = d->next) {
			if (d->prefix == NULL &&
			    strstr(d->uri,
			    "netscape.com/rdf/simple/0.9") != NULL)
				f->format = FEED_FORMAT_RSS09X;
		}
		for (c = root->children; c != NULL; c = c->next) {
			const char *l2;
			enum ns ns2;

			if (c->kind != XN_ELEM)
				continue;
			ns2 = node_ns(c, &l2);
			if (ns2 == NS_RSS090)
				f->format = FEED_FORMAT_RSS09X;
			if (strcasecmp(l2, "channel") == 0)
				walk_channel(f, &st, c, base, 0);
			else if (is_item(c, 0, st.coreuri))
				parse_entry(f, c, base, 0, st.coreuri);
		}
	} else if (strcasecmp(local, "feed") == 0) {
		const char *v = attr(root, "version");

		if (ns == NS_ATOM03 || (ns != NS_ATOM10 && v != NULL &&
		    strncmp(v, "0.", 2) == 0))
			f->format = FEED_FORMAT_ATOM03;
		else
			f->format = FEED_FORMAT_ATOM10;
		st.atomdoc = 1;
		walk_channel(f, &st, root, docbase, 1);
	} else {
		feed_free(f);
		f = NULL;
		*cause = xmalloc(128);
		snprintf(*cause, 128, _("not a feed: unknown document "
		    "element <%.60s>"), local);
		goto out;
	}
	if (f->updated == TIME_NONE)
		f->updated = st.pubdate;
	if (f->author == NULL)
		f->author = st.editor;
	else
		free(st.editor);
	if (f->language != NULL) {
		char *l;

		/* "en_US" is a POSIX locale name; BCP 47 says "en-US" */
		for (l = f->language; *l != '\0'; l++)
			if (*l == '_')
				*l = '-';
	}
out:
	free(base);
	xtree_free(doc);
	return f;
}
