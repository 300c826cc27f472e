/*
 * opml.c: OPML 2.0 subscription lists (opml.h).  In: libxml2 builds the
 * document with recovery and without network access, DTD loading or
 * entity substitution (XML_PARSE_NOENT and XML_PARSE_DTDLOAD are never
 * set; a user-defined entity in an attribute is dropped, never expanded).
 * The readers that export OPML differ in small ways, all read here:
 * attribute names in any case (xmlUrl, xmlurl), a title in title or only
 * in text, folders nested to any depth, and tags as folders or as the
 * category attribute ("/tag1,/tag2", OPML 2.0: comma-separated,
 * slash-delimited paths).  Out: one level of folders, by first tag, and
 * every tag in category.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "opml.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define OPML_MAX_DEPTH	64	/* folders inside folders */
#define OPML_MAX_TAG	128	/* bytes of one tag */

/* the value of n's attribute name (any case), malloc'd, or NULL */
static char *
attr(const xmlNode *n, const char *name)
{
	const xmlAttr	*a;
	const xmlNode	*c;
	struct buf	 b = BUF_INIT;

	for (a = n->properties; a != NULL; a = a->next) {
		if (xmlStrcasecmp(a->name, (const xmlChar *)name) != 0)
			continue;
		/* NOTE: text only: an entity reference is never expanded */
		for (c = a->children; c != NULL; c = c->next) {
			if (c->type == XML_TEXT_NODE && c->content)
				buf_adds(&b, (const char *)c->content);
		}
		return buf_detach(&b, NULL);
	}
	return NULL;
}

/* s with its blanks trimmed, NULL when nothing is left (s freed) */
static char *
trimmed(char *s)
{
	char	*p, *e;

	if (s == NULL)
		return NULL;
	for (p = s; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
		;
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	if (e == p) {
		free(s);
		return NULL;
	}
	memmove(s, p, (size_t)(e - p));
	s[e - p] = '\0';
	return s;
}

/*
 * A folder or category name as a tag: blanks and commas (which separate
 * tags in feeds.conf) become '-', ASCII letters lower case, controls
 * go.  NULL when empty.
 */
static char *
tag_of(const char *s, size_t len)
{
	struct buf	b = BUF_INIT;
	size_t		i;
	unsigned char	c;

	for (i = 0; i < len && b.len < OPML_MAX_TAG; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			continue;
		if (c == ' ' || c == ',')
			c = '-';
		/* feeds.conf's tags are lower case by custom */
		buf_addc(&b, c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
	}
	while (b.len > 0 && b.s[b.len - 1] == '-')
		buf_truncate(&b, b.len - 1);
	if (b.len == 0 || strspn(b.s, "-") == b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static void
tag_add(struct opml_feed *f, char *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i], t) == 0) {
			free(t);
			return;
		}
	}
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(*f->tags));
	f->tags[f->ntags++] = t;
}

/* "/a/b,/c" -> a, b, c */
static void
categories(struct opml_feed *f, const char *cat)
{
	const char	*p = cat, *e;

	while (*p) {
		while (*p == ',' || *p == '/' || *p == ' ' || *p == '\t')
			p++;
		for (e = p; *e && *e != ',' && *e != '/'; e++)
			;
		if (e > p) {
			while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			tag_add(f, tag_of(p, (size_t)(e - p)));
		}
		while (*e && *e != ',' && *e != '/')
			e++;
		p = e;
	}
}

struct walk {
	struct opml	*o;
	char		*folders[OPML_MAX_DEPTH];
	size_t		 depth;
};

static void
outline(struct walk *w, const xmlNode *n)
{
	struct opml_feed	 f;
	char			*url, *title, *text, *cat, *folder = NULL;
	const xmlNode		*c;
	size_t			 i;
	int			 pushed;

	url = trimmed(attr(n, "xmlUrl"));
	title = trimmed(attr(n, "title"));
	text = trimmed(attr(n, "text"));
	if (url != NULL) {
		memset(&f, 0, sizeof(f));
		f.url = url;
		if (title == NULL && text != NULL && strcmp(text, url) != 0) {
			title = text;
			text = NULL;
		}
		f.title = title;
		title = NULL;
		for (i = 0; i < w->depth; i++)
			if (w->folders[i])
				tag_add(&f, xstrdup(w->folders[i]));
		if ((cat = attr(n, "category")) != NULL)
			categories(&f, cat);
		free(cat);
		w->o->feeds = xreallocarray(w->o->feeds, w->o->nfeeds + 1,
		    sizeof(*w->o->feeds));
		w->o->feeds[w->o->nfeeds++] = f;
	} else {
		if (text != NULL)
			folder = tag_of(text, strlen(text));
		else if (title != NULL)
			folder = tag_of(title, strlen(title));
	}
	free(title);
	free(text);
	/* a feed's children are read too (some lists nest feeds in feeds);
	 * a folder deeper than OPML_MAX_DEPTH gives no more tags */
	pushed = w->depth < OPML_MAX_DEPTH;
	if (pushed) {
		w->folders[w->depth++] = folder;
		folder = NULL;
	}
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(c->name, (const xmlChar *)"outline") == 0)
			outline(w, c);
	}
	if (pushed)
		free(w->folders[--w->depth]);
	free(folder);
}

int
opml_parse(const char *data, size_t len, struct opml *o, char **cause)
{
	struct walk	 w;
	xmlDoc		*doc;
	const xmlNode	*root, *c;
	int		 opts;

	if (len > (size_t)INT32_MAX) {
		*cause = xstrdup(_("not an OPML document: too large"));
		return -1;
	}
	opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING;
	doc = xmlReadMemory(data, (int)len, NULL, NULL, opts);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    xmlStrcasecmp(root->name, (const xmlChar *)"opml") != 0) {
		if (doc)
			xmlFreeDoc(doc);
		*cause = xstrdup(_("not an OPML document"));
		return -1;
	}
	memset(&w, 0, sizeof(w));
	w.o = o;
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(c->name, (const xmlChar *)"body") == 0)
			break;
	}
	for (c = c ? c->children : NULL; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(c->name, (const xmlChar *)"outline") == 0)
			outline(&w, c);
	}
	xmlFreeDoc(doc);
	return 0;
}

void
opml_release(struct opml *o)
{
	size_t i;

	for (i = 0; i < o->nfeeds; i++) {
		free(o->feeds[i].url);
		free(o->feeds[i].title);
		strv_free(o->feeds[i].tags, o->feeds[i].ntags);
	}
	free(o->feeds);
	o->feeds = NULL;
	o->nfeeds = 0;
}

/* s as an XML attribute value; controls XML 1.0 cannot carry dropped */
static void
add_attr(struct buf *b, const char *name, const char *s)
{
	buf_addf(b, " %s=\"", name);
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\t':
			buf_adds(b, "&#9;");
			break;
		case '\n':
			buf_adds(b, "&#10;");
			break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				buf_addc(b, *s);
		}
	}
	buf_addc(b, '"');
}

static void
add_feed(struct buf *b, const struct opml_feed *f, const char *indent)
{
	struct buf	cat = BUF_INIT;
	size_t		i;

	buf_addf(b, "%s<outline type=\"rss\"", indent);
	add_attr(b, "text", f->title ? f->title : f->url);
	if (f->title)
		add_attr(b, "title", f->title);
	add_attr(b, "xmlUrl", f->url);
	if (f->html_url && *f->html_url)
		add_attr(b, "htmlUrl", f->html_url);
	for (i = 0; i < f->ntags; i++)
		buf_addf(&cat, "%s/%s", i ? "," : "", f->tags[i]);
	if (f->ntags > 0)
		add_attr(b, "category", cat.s);
	buf_adds(b, "/>\n");
	buf_release(&cat);
}

void
opml_write(struct buf *out, const struct opml_feed *feeds, size_t n)
{
	char	*done = xcalloc(n + 1, 1);
	size_t	 i, j;

	buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>crier subscriptions</title>\n"
	    "  </head>\n"
	    "  <body>\n");
	/* NOTE: folders in the order of their first feed */
	for (i = 0; i < n; i++) {
		if (done[i] || feeds[i].ntags == 0)
			continue;
		buf_adds(out, "    <outline");
		add_attr(out, "text", feeds[i].tags[0]);
		add_attr(out, "title", feeds[i].tags[0]);
		buf_adds(out, ">\n");
		for (j = i; j < n; j++) {
			if (done[j] || feeds[j].ntags == 0 ||
			    strcmp(feeds[j].tags[0], feeds[i].tags[0]) != 0)
				continue;
			add_feed(out, &feeds[j], "      ");
			done[j] = 1;
		}
		buf_adds(out, "    </outline>\n");
	}
	for (i = 0; i < n; i++) {
		if (!done[i])
			add_feed(out, &feeds[i], "    ");
	}
	buf_adds(out, "  </body>\n</opml>\n");
	free(done);
}
