/*
 * tests/unit/t-discover.c: the feeds a page links (rel=alternate with a
 * feed type), resolved against <base> and the page, then the usual paths.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char *name, *html, *base, *want;
} cases[] = {
	{ "rss and atom links, relative and absolute",
	  "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" "
	  "href=\"/feed/\"><LINK REL='Alternate home' TYPE='application/atom+xml; "
	  "charset=utf-8' HREF='https://x.example/atom'></head></html>",
	  "https://site.example/blog/post",
	  "https://site.example/feed/ https://x.example/atom " },
	{ "other rels and types are no feeds",
	  "<link rel=stylesheet type=text/css href=a.css>"
	  "<link rel=alternate type=text/html href=/fr/>"
	  "<link rel=alternate hreflang=fr href=/fr/feed>",
	  "https://site.example/", "" },
	{ "base href, entities, repeats once",
	  "<base href=\"https://cdn.example/x/\">"
	  "<link rel=alternate type=application/feed+json href=\"f.json?a=1&amp;b=2\">"
	  "<link rel=alternate type=application/feed+json href=\"f.json?a=1&amp;b=2\">",
	  "https://site.example/", "https://cdn.example/x/f.json?a=1&b=2 " },
	{ "a link in a comment or a script is none",
	  "<!-- <link rel=alternate type=application/rss+xml href=/c> -->"
	  "<script>'<link rel=alternate type=application/rss+xml href=/s>'</script>",
	  "https://site.example/", "" },
	{ "file:// pages",
	  "<link rel=alternate type=application/rss+xml href=feed.xml>",
	  "file:///tmp/site/index.html", "file:///tmp/site/feed.xml " },
};

static void
joined(struct buf *b, char **v, size_t n)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++)
		buf_addf(b, "%s ", v[i]);
}

int
main(void)
{
	struct buf	 b = BUF_INIT;
	char		**v;
	size_t		 i, n;

	plan((int)nitems(cases) + 1);
	for (i = 0; i < nitems(cases); i++) {
		n = discover_feeds(cases[i].html, strlen(cases[i].html),
		    cases[i].base, 0, &v);
		joined(&b, v, n);
		is_str(b.s, cases[i].want, "%s", cases[i].name);
		strv_free(v, n);
	}
	n = discover_feeds("<p>", 3, "https://s.example/a/b", 1, &v);
	joined(&b, v, n);
	is_str(b.s, "https://s.example/feed https://s.example/rss.xml "
	    "https://s.example/atom.xml https://s.example/index.xml "
	    "https://s.example/feed.xml ", "the usual paths, on the site");
	strv_free(v, n);
	buf_release(&b);
	return done_testing();
}
