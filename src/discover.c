/*
 * discover.c: feed autodiscovery in a web page (discover.h).  The page
 * goes through the one HTML tokenizer (parse/html-tok.c); a <link> whose
 * rel has the token "alternate" and whose type is a feed's media type
 * names a feed (the RSS autodiscovery convention, and HTML's
 * rel=alternate).  <base href> changes what relative links resolve
 * against (HTML, "document base URL").  No I/O: `crier add` fetches.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "discover.h"
#include "parse/html-tok.h"
#include "parse/url.h"
#include "util/xmalloc.h"

struct disc {
	char	 *base;		/* <base href>, resolved; else the page */
	char	**urls;
	size_t	  n;
};

static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml",
	"application/feed+json", "application/rdf+xml",
};

static const char *const usual_paths[] = {
	"/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml",
};

static void
add_url(struct disc *d, char *u)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (strcmp(d->urls[i], u) == 0) {
			free(u);
			return;
		}
	}
	d->urls = xreallocarray(d->urls, d->n + 1, sizeof(*d->urls));
	d->urls[d->n++] = u;
}

/* does the space-separated list s[0..len) have the token word? */
static int
has_token(const char *s, size_t len, const char *word)
{
	size_t i = 0, j, wl = strlen(word);

	while (i < len) {
		while (i < len && html_is_space((unsigned char)s[i]))
			i++;
		for (j = i; j < len && !html_is_space((unsigned char)s[j]); j++)
			;
		if (j - i == wl && strncasecmp(s + i, word, wl) == 0)
			return 1;
		i = j;
	}
	return 0;
}

static int
feed_type(const char *s, size_t len)
{
	size_t i, n;

	while (len > 0 && html_is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	/* NOTE: parameters (";charset=...") and blanks end the type */
	for (n = 0; n < len && s[n] != ';' && !html_is_space((unsigned char)s[n]);
	    n++)
		;
	for (i = 0; i < sizeof(feed_types) / sizeof(feed_types[0]); i++) {
		if (strlen(feed_types[i]) == n &&
		    strncasecmp(s, feed_types[i], n) == 0)
			return 1;
	}
	return 0;
}

static char *
attr_text(const struct html_attr *a)
{
	struct buf b = BUF_INIT;

	html_attr_decode(&b, a->val, a->vlen);
	return buf_detach(&b, NULL);
}

static int
on_start(void *ud, const struct html_tag *t)
{
	struct disc		*d = ud;
	const struct html_attr	*rel, *type, *href;
	char			*h, *u;

	if (strcmp(t->name, "base") == 0 &&
	    (href = html_tag_attr(t, "href")) != NULL) {
		h = attr_text(href);
		u = url_resolve(d->base, h);
		free(h);
		free(d->base);
		d->base = u;
		return 0;
	}
	if (strcmp(t->name, "link") != 0 ||
	    (rel = html_tag_attr(t, "rel")) == NULL ||
	    (type = html_tag_attr(t, "type")) == NULL ||
	    (href = html_tag_attr(t, "href")) == NULL)
		return 0;
	if (!has_token(rel->val, rel->vlen, "alternate") ||
	    !feed_type(type->val, type->vlen))
		return 0;
	h = attr_text(href);
	if (*h != '\0')
		add_url(d, url_resolve(d->base, h));
	free(h);
	return 0;
}

size_t
discover_usual(const char *base, char ***out)
{
	struct disc	d;
	size_t		i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < sizeof(usual_paths) / sizeof(usual_paths[0]); i++)
		add_url(&d, url_resolve(base, usual_paths[i]));
	*out = d.urls;
	return d.n;
}

size_t
discover_feeds(const char *html, size_t len, const char *base, int tail,
    char ***out)
{
	static const struct html_tok_ops ops = { .start = on_start };
	struct disc	 d;
	char		**usual = NULL;
	size_t		 i, n;

	memset(&d, 0, sizeof(d));
	d.base = xstrdup(base ? base : "");
	html_tok(html, len, &ops, &d);
	if (tail) {
		n = discover_usual(base, &usual);
		for (i = 0; i < n; i++)
			add_url(&d, usual[i]);
		free(usual);
	}
	free(d.base);
	*out = d.urls;
	return d.n;
}
