/*
 * xml-map.c: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 over the light XML tree
 * (xml_parse() in xml.h).
 *
 * The root element tells the format; the elements of a channel (feed) and
 * of an item (entry) are looked up in tables, one per vocabulary (RSS's
 * core, Atom, Dublin Core, DC terms, content:, XHTML, Media RSS, iTunes),
 * by local name in any case, and each names the handler that reads it
 * into the feed model (feed.h).  An element no table names is skipped.
 * xml:base is resolved down the tree with url_resolve().  Text constructs
 * follow RFC 4287 3.1 (text, html, xhtml) and Atom 0.3's mode attribute;
 * RSS fields that may hold either text or HTML are guessed as feedparser
 * does.  HTML goes through html_clean() with the element's base.
 */

#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/date.h"
#include "parse/encoding.h"
#include "parse/url.h"
#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/time.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

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
	int		 b64 = 0, unwrap = 0, has_markup = xml_has_elements(n);

	base = xml_node_base(n, parent_base);
	if (atom) {
		type = xml_attr(n, "type");
		mode = xml_attr(n, "mode");
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
				    xml_node_ns(n, &l) != NS_ATOM03;
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
			    xml_has_elements(n))
				k = TK_XHTML;
		}
	}
	/* escaped HTML in a div: its text is the HTML; other elements
	 * declared as escaped HTML are markup (feedparser) */
	if (atom && k == TK_HTML && type != NULL && xml_has_elements(n) &&
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
			char *db = xml_node_base(only, base);

			xml_serialize(&b, only->children);
			r = parse_html(b.s, b.len, db);
			free(db);
		} else {
			xml_serialize(&b, n->children);
			r = parse_html(b.s, b.len, base);
		}
		goto out;
	}
	xml_text_of(&b, n->children);
	encoding_fix_text(&b);
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

	xml_text_of(&b, n->children);
	encoding_fix_text(&b);
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
	nb = xml_node_base(n, base);
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
		xml_node_ns(c, &local);
		if (strcasecmp(local, "name") == 0)
			set_str(&name, plain(c));
		else if (strcasecmp(local, "email") == 0)
			set_str(&email, plain(c));
	}
	if (name == NULL && email == NULL && !xml_has_elements(n))
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
	const char *rel = xml_attr(n, "rel");

	if (rel == NULL || *rel == '\0')
		rel = "alternate";
	return strcasecmp(rel, want) == 0 ||
	    (strncmp(rel, "http://www.iana.org/assignments/relation/", 41) ==
	    0 && strcasecmp(rel + 41, want) == 0);
}

static char *
link_href(const struct xnode *n, const char *base)
{
	const char *href = xml_attr(n, "href");

	if (href != NULL && *href != '\0')
		return url_of(n, base, href);
	return url_of(n, base, NULL);
}

/* ---- entries ---- */

struct entry_state {
	const char *coreuri;	/* the root's unknown namespace, or NULL */
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
	const char *url = xml_attr(n, "url");

	if (url == NULL || *url == '\0' || st->nmedia >= 64)
		return;
	st->media = xreallocarray(st->media, st->nmedia + 1,
	    sizeof(*st->media));
	st->media_url = xreallocarray(st->media_url, st->nmedia + 1,
	    sizeof(*st->media_url));
	st->media[st->nmedia] = n;
	st->media_url[st->nmedia++] = url_of(n, base, url);
}

/* ---- feed level ---- */

struct feed_state {
	const char *coreuri;	/* the root's unknown namespace, or NULL */
	int	 atomdoc;	/* un-namespaced elements are Atom */
	time_t	 pubdate;
	char	*editor;	/* managingEditor / webMaster, low priority */
};

/* ---- the mapping ---- */

/*
 * The vocabulary an element belongs to once the document's defaults
 * apply: the root's unknown namespace is RSS's, and an Atom document's
 * un-namespaced elements are Atom's.
 */
enum vocab {
	V_RSS,		/* RSS 0.9x/1.0/2.0 core (NS_NONE, NS_RSS090) */
	V_ATOM,		/* Atom 1.0 and 0.3 */
	V_DC,
	V_DCTERMS,
	V_CONTENT,
	V_XHTML,
	V_MEDIA,
	V_ITUNES,
	V_SY,		/* the syndication module: the feed's update rate */
	V_NONE,		/* no handlers */
};

/* where a mapped value goes; the entry's or the feed's, as the level is */
enum field {
	F_TITLE,
	F_SUMMARY,	/* an entry's summary, a feed's subtitle */
	F_CONTENT,
	F_PUBLISHED,
	F_UPDATED,
	F_PUBDATE,	/* the fallback for published (entry) or updated (feed) */
	F_LINK,
	F_AUTHOR,
	F_ID,
	F_LANGUAGE,	/* the feed's */
	F_EDITOR,	/* managingEditor, webMaster: the feed's author when it
			   has no other */
};

struct map_ctx {
	struct feed		*f;
	struct entry		*e;	/* NULL at the feed level */
	struct entry_state	*est;
	struct feed_state	*fst;
	enum xml_ns		 ns;	/* the element's, resolved */
	int			 atom;	/* in the Atom vocabulary */
	int			 atomdoc;
	const char		*base;
};

typedef void map_fn(struct map_ctx *, const struct xnode *, int field,
	    int kind);

/* an element of a vocabulary, matched by local name in any case, as
 * feedparser matches it */
struct map_el {
	const char	*local;
	map_fn		*fn;
	unsigned char	 field;		/* enum field */
	unsigned char	 kind;		/* enum tkind */
};

struct map_vocab {
	const struct map_el	*el;
	size_t			 n;
};

static enum vocab
vocab_of(const struct xnode *n, const char *coreuri, int atomdoc,
    enum xml_ns *nsp, const char **local)
{
	enum xml_ns ns = xml_node_ns(n, local);

	if (ns == NS_OTHER && coreuri != NULL && n->uri != NULL &&
	    strcmp(n->uri, coreuri) == 0)
		ns = NS_NONE;
	if (ns == NS_NONE && atomdoc)
		ns = NS_ATOM10;
	*nsp = ns;
	switch (ns) {
	case NS_NONE:
	case NS_RSS090:
		return V_RSS;
	case NS_ATOM10:
	case NS_ATOM03:
		return V_ATOM;
	case NS_DC:
		return V_DC;
	case NS_DCTERMS:
		return V_DCTERMS;
	case NS_CONTENT:
		return V_CONTENT;
	case NS_XHTML:
		return V_XHTML;
	case NS_MEDIA:
		return V_MEDIA;
	case NS_ITUNES:
		return V_ITUNES;
	case NS_SY:
		return V_SY;
	default:
		return V_NONE;
	}
}

static const struct map_el *
map_find(const struct map_vocab *map, enum vocab v, const char *local)
{
	const struct map_el	*el;
	size_t			 i;

	if (v == V_NONE)
		return NULL;
	for (i = 0, el = map[v].el; i < map[v].n; i++, el++)
		if (strcasecmp(el->local, local) == 0)
			return el;
	return NULL;
}

/* the text field f of the level, with its plain-text bit */
static char **
text_slot(struct map_ctx *c, int f, unsigned **bits, unsigned *bit)
{
	if (c->e != NULL) {
		*bits = &c->e->text;
		switch (f) {
		case F_TITLE:
			*bit = ENTRY_TITLE_TEXT;
			return &c->e->title;
		case F_SUMMARY:
			*bit = ENTRY_SUMMARY_TEXT;
			return &c->e->summary;
		default:
			*bit = ENTRY_CONTENT_TEXT;
			return &c->e->content;
		}
	}
	*bits = &c->f->text;
	if (f == F_TITLE) {
		*bit = FEED_TITLE_TEXT;
		return &c->f->title;
	}
	*bit = FEED_SUBTITLE_TEXT;
	return &c->f->subtitle;
}

static time_t *
date_slot(struct map_ctx *c, int f)
{
	if (c->e != NULL)
		return f == F_PUBLISHED ? &c->e->published :
		    f == F_UPDATED ? &c->e->updated : &c->est->pubdate;
	return f == F_UPDATED ? &c->f->updated : &c->fst->pubdate;
}

/* the string field f of the level */
static char **
str_slot(struct map_ctx *c, int f)
{
	switch (f) {
	case F_LINK:
		return c->e ? &c->e->link : &c->f->link;
	case F_AUTHOR:
		return c->e ? &c->e->author : &c->f->author;
	case F_ID:
		return c->e ? &c->e->id : &c->f->id;
	case F_LANGUAGE:
		return &c->f->language;
	default:
		return &c->fst->editor;
	}
}

/* ---- handlers of both levels ---- */

/* a text construct (kind: how it is read without Atom's attributes) */
static void
m_text(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	unsigned	*bits, bit;
	char		**dst = text_slot(c, field, &bits, &bit);

	set_text_of(dst, bits, bit, n, c->base, c->atom, kind);
}

static void
m_date(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	(void)kind;
	set_date(date_slot(c, field), n);
}

/* how m_str() reads a string field */
enum { S_PLAIN, S_URL, S_PERSON };

/* the element's text trimmed, a URL in it, or Atom's person construct */
static void
m_str(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	set_str(str_slot(c, field), kind == S_URL ? url_of(n, c->base, NULL) :
	    kind == S_PERSON ? person(n) : plain(n));
}

/* a whole positive number of at most 9 digits in n's text, else 0 */
static long long
count_of(const struct xnode *n)
{
	char		*s = plain(n), *p;
	long long	 v = 0;

	if (s == NULL)
		return 0;
	for (p = s; *p >= '0' && *p <= '9' && p - s < 9; p++)
		v = v * 10 + (*p - '0');
	if (*p != '\0')
		v = 0;
	free(s);
	return v;
}

/* RSS <ttl>: minutes the feed may be cached */
static void
f_ttl(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	(void)field;
	(void)kind;
	if (c->e == NULL)
		c->f->ttl = count_of(n) * 60;
}

/* sy:updatePeriod (hourly ... yearly) and sy:updateFrequency */
static void
f_sy_period(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	static const struct {
		const char	*name;
		long long	 secs;
	} periods[] = {
		{ "hourly", 3600 }, { "daily", 86400 }, { "weekly", 604800 },
		{ "monthly", 2592000 }, { "yearly", 31536000 },
	};
	char	*s;
	size_t	 i;

	(void)field;
	(void)kind;
	if (c->e != NULL || (s = plain(n)) == NULL)
		return;
	for (i = 0; i < nitems(periods); i++)
		if (strcasecmp(s, periods[i].name) == 0)
			c->f->sy_period = periods[i].secs;
	free(s);
}

static void
f_sy_frequency(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	(void)field;
	(void)kind;
	if (c->e == NULL)
		c->f->sy_frequency = count_of(n);
}

/* atom:id, resolved against the base when relative */
static void
m_atom_id(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	char *id = plain(n);

	(void)kind;
	if (id != NULL && !url_is_absolute(id) && c->base != NULL) {
		char *r = url_of(n, c->base, id);

		free(id);
		id = r;
	}
	set_str(str_slot(c, field), id);
}

/* ---- entry handlers ---- */

static void	entry_child(struct map_ctx *, const struct xnode *);

/*
 * description, summary: feedparser reads the second of them as the
 * content
 */
static void
e_desc(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	int	 vt = 0;
	char	*v = text_value(n, c->base, 0, kind, &vt);

	(void)field;
	if (c->est->ndesc++ == 0)
		set_text(&c->e->summary, v, vt, &c->e->text,
		    ENTRY_SUMMARY_TEXT);
	else
		set_text(&c->e->content, v, vt, &c->e->text,
		    ENTRY_CONTENT_TEXT);
}

static void
e_guid(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	const char *pl = xml_attr(n, "isPermaLink");

	(void)field, (void)kind;
	set_str(&c->e->id, plain(n));
	if (c->est->guid_link == NULL && (pl == NULL ||
	    strcasecmp(pl, "true") == 0))
		c->est->guid_link = url_of(n, c->base, NULL);
}

static void
e_category(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	(void)field, (void)kind;
	add_category(c->e, plain(n));
}

/* comma-separated categories (feedparser) */
static void
e_tags(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	char *t = plain(n), *p, *comma;

	(void)field, (void)kind;
	for (p = t; p != NULL; p = comma) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma++ = '\0';
		add_category(c->e, parse_text(p, strlen(p)));
	}
	free(t);
}

static void
e_enclosure(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	const char *url = xml_attr(n, "url");

	(void)field, (void)kind;
	if (url != NULL && *url != '\0')
		add_enclosure(c->e, url_of(n, c->base, url),
		    xml_attr(n, "type"), xml_attr(n, "length"));
}

/*
 * An Atom link; in an RSS item, an atom:link of its own (not one in a
 * media:group) is a fallback for the item's link.
 */
static void
e_atom_link(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	(void)field, (void)kind;
	if (!c->atomdoc && c->ns == NS_ATOM10 && c->est->depth == 0) {
		if (rel_is(n, "alternate"))
			set_str(&c->est->alt_link, link_href(n, c->base));
		else if (rel_is(n, "enclosure"))
			add_enclosure(c->e, link_href(n, c->base),
			    xml_attr(n, "type"), xml_attr(n, "length"));
		return;
	}
	if (rel_is(n, "alternate"))
		set_str(&c->e->link, link_href(n, c->base));
	else if (rel_is(n, "enclosure"))
		add_enclosure(c->e, link_href(n, c->base),
		    xml_attr(n, "type"), xml_attr(n, "length"));
}

static void
e_atom_category(struct map_ctx *c, const struct xnode *n, int field,
    int kind)
{
	const char *term = xml_attr(n, "term");

	(void)field, (void)kind;
	if (term != NULL)
		add_category(c->e, parse_text(term, strlen(term)));
	else
		add_category(c->e, plain(n));
}

/* xhtml:body, xhtml:div: the content as inline markup */
static void
e_xhtml(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	struct buf	 b = BUF_INIT;
	char		*nb = xml_node_base(n, c->base);

	(void)field, (void)kind;
	xml_serialize(&b, n->children);
	set_str(&c->e->content, parse_html(b.s, b.len, nb));
	buf_release(&b);
	free(nb);
}

/* the elements in n, read as the item's own (media:group, media:content,
 * itunes:category); base: theirs */
static void
e_children(struct map_ctx *c, const struct xnode *n, const char *base)
{
	struct map_ctx		 cc = *c;
	const struct xnode	*k;

	if (c->est->depth >= 4)
		return;
	cc.base = base;
	c->est->depth++;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->kind == XN_ELEM)
			entry_child(&cc, k);
	}
	c->est->depth--;
}

static void
e_media_group(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	char *gb;

	(void)field, (void)kind;
	if (c->est->depth >= 4)
		return;
	gb = xml_node_base(n, c->base);
	e_children(c, n, gb);
	free(gb);
}

/* media:content is an enclosure, and holds media:title and others as a
 * group does */
static void
e_media_content(struct map_ctx *c, const struct xnode *n, int field,
    int kind)
{
	media_content(c->est, n, c->base);
	e_media_group(c, n, field, kind);
}

/* media:title, media:description: fallbacks for title and summary */
static void
e_media_text(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	struct entry_state *st = c->est;

	(void)kind;
	if (field == F_TITLE)
		set_text_of(&st->media_title, &st->media_text,
		    ENTRY_TITLE_TEXT, n, c->base, 0, TK_GUESS);
	else
		set_text_of(&st->media_desc, &st->media_text,
		    ENTRY_SUMMARY_TEXT, n, c->base, 0, TK_GUESS);
}

/* itunes:category: its text attribute; subcategories nest */
static void
e_itunes_category(struct map_ctx *c, const struct xnode *n, int field,
    int kind)
{
	const char *t = xml_attr(n, "text");

	(void)field, (void)kind;
	if (c->est->depth >= 4)
		return;
	if (t != NULL)
		add_category(c->e, parse_text(t, strlen(t)));
	e_children(c, n, c->base);
}

/* ---- feed handlers ---- */

static void
f_atom_link(struct map_ctx *c, const struct xnode *n, int field, int kind)
{
	(void)field, (void)kind;
	if (rel_is(n, "alternate"))
		set_str(&c->f->link, link_href(n, c->base));
}

/* ---- the tables ---- */

#define MAP(a)	{ a, nitems(a) }

static const struct map_el entry_rss[] = {
	{ "title",		m_text,		F_TITLE,	TK_GUESS },
	{ "link",		m_str,		F_LINK,		S_URL },
	{ "guid",		e_guid,		0,		0 },
	{ "description",	e_desc,		0,		TK_HTML },
	{ "summary",		e_desc,		0,		TK_HTML },
	{ "pubDate",		m_date,		F_PUBLISHED,	0 },
	{ "issued",		m_date,		F_PUBLISHED,	0 },
	{ "author",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "category",		e_category,	0,		0 },
	{ "tags",		e_tags,		0,		0 },
	{ "enclosure",		e_enclosure,	0,		0 },
};

static const struct map_el entry_atom[] = {
	{ "title",		m_text,		F_TITLE,	TK_TEXT },
	{ "link",		e_atom_link,	0,		0 },
	{ "id",			m_atom_id,	F_ID,		0 },
	{ "summary",		m_text,		F_SUMMARY,	TK_TEXT },
	{ "content",		m_text,		F_CONTENT,	TK_TEXT },
	{ "published",		m_date,		F_PUBLISHED,	0 },
	{ "issued",		m_date,		F_PUBLISHED,	0 },
	{ "created",		m_date,		F_PUBDATE,	0 },
	{ "updated",		m_date,		F_UPDATED,	0 },
	{ "modified",		m_date,		F_UPDATED,	0 },
	{ "author",		m_str,		F_AUTHOR,	S_PERSON },
	{ "category",		e_atom_category, 0,		0 },
};

static const struct map_el entry_dc[] = {
	{ "title",		m_text,		F_TITLE,	TK_GUESS },
	{ "creator",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "author",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "date",		m_date,		F_UPDATED,	0 },
	{ "subject",		e_category,	0,		0 },
	{ "description",	e_desc,		0,		TK_HTML },
	{ "identifier",		m_str,		F_ID,		S_PLAIN },
};

static const struct map_el entry_dcterms[] = {
	{ "issued",		m_date,		F_PUBLISHED,	0 },
	{ "created",		m_date,		F_PUBLISHED,	0 },
	{ "modified",		m_date,		F_UPDATED,	0 },
};

static const struct map_el entry_content[] = {
	{ "encoded",		m_text,		F_CONTENT,	TK_HTML },
};

static const struct map_el entry_xhtml[] = {
	{ "body",		e_xhtml,	0,		0 },
	{ "div",		e_xhtml,	0,		0 },
};

static const struct map_el entry_media[] = {
	{ "content",		e_media_content, 0,		0 },
	{ "group",		e_media_group,	0,		0 },
	{ "category",		e_category,	0,		0 },
	{ "title",		e_media_text,	F_TITLE,	0 },
	{ "description",	e_media_text,	F_SUMMARY,	0 },
};

static const struct map_el entry_itunes[] = {
	{ "author",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "summary",		e_desc,		0,		TK_GUESS },
	{ "keywords",		e_tags,		0,		0 },
	{ "subtitle",		m_text,		F_SUMMARY,	TK_GUESS },
	{ "category",		e_itunes_category, 0,		0 },
};

static const struct map_vocab entry_map[V_NONE] = {
	[V_RSS] = MAP(entry_rss),
	[V_ATOM] = MAP(entry_atom),
	[V_DC] = MAP(entry_dc),
	[V_DCTERMS] = MAP(entry_dcterms),
	[V_CONTENT] = MAP(entry_content),
	[V_XHTML] = MAP(entry_xhtml),
	[V_MEDIA] = MAP(entry_media),
	[V_ITUNES] = MAP(entry_itunes),
};

static const struct map_el feed_rss[] = {
	{ "title",		m_text,		F_TITLE,	TK_GUESS },
	{ "link",		m_str,		F_LINK,		S_URL },
	{ "description",	m_text,		F_SUMMARY,	TK_HTML },
	{ "tagline",		m_text,		F_SUMMARY,	TK_HTML },
	{ "subtitle",		m_text,		F_SUMMARY,	TK_HTML },
	{ "lastBuildDate",	m_date,		F_UPDATED,	0 },
	{ "pubDate",		m_date,		F_PUBDATE,	0 },
	{ "language",		m_str,		F_LANGUAGE,	S_PLAIN },
	{ "author",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "managingEditor",	m_str,		F_EDITOR,	S_PLAIN },
	{ "webMaster",		m_str,		F_EDITOR,	S_PLAIN },
	{ "guid",		m_str,		F_ID,		S_PLAIN },
	{ "ttl",		f_ttl,		0,		0 },
};

static const struct map_el feed_sy[] = {
	{ "updatePeriod",	f_sy_period,	0,		0 },
	{ "updateFrequency",	f_sy_frequency,	0,		0 },
};

static const struct map_el feed_atom[] = {
	{ "title",		m_text,		F_TITLE,	TK_TEXT },
	{ "subtitle",		m_text,		F_SUMMARY,	TK_TEXT },
	{ "tagline",		m_text,		F_SUMMARY,	TK_TEXT },
	{ "link",		f_atom_link,	0,		0 },
	{ "id",			m_atom_id,	F_ID,		0 },
	{ "updated",		m_date,		F_UPDATED,	0 },
	{ "modified",		m_date,		F_UPDATED,	0 },
	{ "published",		m_date,		F_PUBDATE,	0 },
	{ "issued",		m_date,		F_PUBDATE,	0 },
	{ "author",		m_str,		F_AUTHOR,	S_PERSON },
};

static const struct map_el feed_dc[] = {
	{ "title",		m_text,		F_TITLE,	TK_GUESS },
	{ "creator",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "author",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "date",		m_date,		F_UPDATED,	0 },
	{ "language",		m_str,		F_LANGUAGE,	S_PLAIN },
	{ "description",	m_text,		F_SUMMARY,	TK_HTML },
};

static const struct map_el feed_dcterms[] = {
	{ "modified",		m_date,		F_UPDATED,	0 },
};

static const struct map_el feed_itunes[] = {
	{ "author",		m_str,		F_AUTHOR,	S_PLAIN },
	{ "subtitle",		m_text,		F_SUMMARY,	TK_GUESS },
	{ "summary",		m_text,		F_SUMMARY,	TK_GUESS },
};

static const struct map_vocab feed_map[V_NONE] = {
	[V_RSS] = MAP(feed_rss),
	[V_ATOM] = MAP(feed_atom),
	[V_DC] = MAP(feed_dc),
	[V_DCTERMS] = MAP(feed_dcterms),
	[V_ITUNES] = MAP(feed_itunes),
	[V_SY] = MAP(feed_sy),
};

/* an element of an item, vocabulary and local name told */
static void
map_child(struct map_ctx *c, const struct map_vocab *map, enum vocab v,
    const char *local, const struct xnode *n)
{
	const struct map_el *el = map_find(map, v, local);

	if (el == NULL)
		return;
	c->atom = v == V_ATOM;
	el->fn(c, n, el->field, el->kind);
}

static void
entry_child(struct map_ctx *c, const struct xnode *n)
{
	const char	*local;
	enum vocab	 v = vocab_of(n, c->est->coreuri, c->atomdoc, &c->ns,
			    &local);

	map_child(c, entry_map, v, local, n);
}

/* is n, of vocabulary v, an item (RSS) or an entry (Atom)? */
static int
is_item_v(enum vocab v, const char *local, int atomdoc)
{
	if (atomdoc)
		return strcasecmp(local, "entry") == 0;
	return v == V_RSS && strcasecmp(local, "item") == 0;
}

static int
is_item(const struct xnode *n, int atomdoc, const char *coreuri)
{
	const char	*local;
	enum xml_ns	 ns;
	enum vocab	 v = vocab_of(n, coreuri, 0, &ns, &local);

	return is_item_v(v, local, atomdoc);
}

#define ITEMS_NESTED	256	/* items in items read as the next items */

static void
parse_entry_at(struct feed *f, const struct xnode *item,
    const char *parent_base, int atomdoc, const char *coreuri, int depth)
{
	struct entry		*e;
	struct entry_state	 st;
	struct map_ctx		 mc;
	const struct xnode	*c;
	char			*base;
	const char		*local;
	enum vocab		 v;
	size_t			 i, nested = 0;

	/* parse_feed() drops the feed when its budget was spent */
	if (parse_guard_tripped())
		return;
	e = feed_add_entry(f);
	base = xml_node_base(item, parent_base);

	memset(&st, 0, sizeof(st));
	st.pubdate = TIME_NONE;
	st.coreuri = coreuri;
	memset(&mc, 0, sizeof(mc));
	mc.f = f;
	mc.e = e;
	mc.est = &st;
	mc.atomdoc = atomdoc;
	mc.base = base;
	for (c = item->children; c != NULL; c = c->next) {
		if (c->kind != XN_ELEM)
			continue;
		v = vocab_of(c, coreuri, atomdoc, &mc.ns, &local);
		if (is_item_v(v, local, atomdoc)) {
			nested++;
			continue;
		}
		map_child(&mc, entry_map, v, local, c);
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
		add_enclosure(e, st.media_url[i], xml_attr(st.media[i], "type"),
		    xml_attr(st.media[i], "fileSize"));
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


/* walks a channel (RSS) or feed (Atom) element */
static void
walk_channel(struct feed *f, struct feed_state *st, const struct xnode *ch,
    const char *parent_base, int atom)
{
	struct map_ctx		 mc;
	const struct xnode	*c;
	const char		*local;
	char			*base = xml_node_base(ch, parent_base);
	enum vocab		 v;

	if (f->language == NULL && atom && ch->lang != NULL)
		f->language = parse_text(ch->lang, strlen(ch->lang));
	memset(&mc, 0, sizeof(mc));
	mc.f = f;
	mc.fst = st;
	mc.atomdoc = st->atomdoc;
	mc.base = base;
	for (c = ch->children; c != NULL; c = c->next) {
		if (c->kind != XN_ELEM)
			continue;
		v = vocab_of(c, st->coreuri, st->atomdoc, &mc.ns, &local);
		if (is_item_v(v, local, atom))
			parse_entry(f, c, base, atom, st->coreuri);
		else
			map_child(&mc, feed_map, v, local, c);
	}
	free(base);
}

struct feed *
xml_parse(const char *utf8, size_t len, const char *docbase, int libxml2,
    char **cause)
{
	struct xtree	*doc;
	struct xnode	*root, *c;
	struct feed	*f = NULL;
	struct feed_state st;
	const char	*local;
	enum xml_ns		 ns;
	char		*base = NULL;

	if ((doc = xml_read_tree(utf8, len, libxml2, cause)) == NULL)
		return NULL;
	root = xtree_root(doc);
	ns = xml_node_ns(root, &local);
	memset(&st, 0, sizeof(st));
	st.pubdate = TIME_NONE;
	/* NOTE: RSS or Atom under an unknown URI: its elements are core */
	if (ns == NS_OTHER)
		st.coreuri = root->uri;
	base = xml_node_base(root, docbase);
	if (strcasecmp(local, "html") == 0) {
		*cause = xstrdup(_("not a feed: HTML document"));
		goto out;
	}
	f = feed_new();
	if (strcasecmp(local, "rss") == 0 || strcasecmp(local, "channel") == 0) {
		const char *v = xml_attr(root, "version");

		f->format = v != NULL && strncmp(v, "0.9", 3) == 0 ?
		    FEED_FORMAT_RSS09X : FEED_FORMAT_RSS20;
		if (strcasecmp(local, "channel") == 0)
			walk_channel(f, &st, root, docbase, 0);
		else {
			for (c = root->children; c != NULL; c = c->next) {
				const char *l2;

				if (c->kind != XN_ELEM)
					continue;
				xml_node_ns(c, &l2);
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
			enum xml_ns ns2;

			if (c->kind != XN_ELEM)
				continue;
			ns2 = xml_node_ns(c, &l2);
			if (ns2 == NS_RSS090)
				f->format = FEED_FORMAT_RSS09X;
			if (strcasecmp(l2, "channel") == 0)
				walk_channel(f, &st, c, base, 0);
			else if (is_item(c, 0, st.coreuri))
				parse_entry(f, c, base, 0, st.coreuri);
		}
	} else if (strcasecmp(local, "feed") == 0) {
		const char *v = xml_attr(root, "version");

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
