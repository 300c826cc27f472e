/*
 * tests/unit/t-opml.c: OPML as other readers write it reads into feeds,
 * titles and tags (folders and categories); what opml_write() writes
 * reads back the same; entities from a DTD are never expanded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "opml.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

/* "url|title|tag,tag;" for each feed */
static void
flat(struct buf *b, const struct opml *o)
{
	size_t i, j;

	buf_reset(b);
	for (i = 0; i < o->nfeeds; i++) {
		buf_addf(b, "%s|%s|", o->feeds[i].url,
		    o->feeds[i].title ? o->feeds[i].title : "-");
		for (j = 0; j < o->feeds[i].ntags; j++)
			buf_addf(b, "%s%s", j ? "," : "", o->feeds[i].tags[j]);
		buf_adds(b, ";");
	}
}

static const struct {
	const char *name, *doc, *want;
} cases[] = {
	{ "title, else text; text that is the URL is no title",
	  "<opml version=\"2.0\"><body>"
	  "<outline text=\"T\" title=\"Title\" xmlUrl=\"https://a.example/\"/>"
	  "<outline text=\"Text\" xmlurl=\"https://b.example/\"/>"
	  "<outline text=\"https://c.example/\" XMLURL=\" https://c.example/ \"/>"
	  "</body></opml>",
	  "https://a.example/|Title|;https://b.example/|Text|;"
	  "https://c.example/|-|;" },
	{ "nested folders and categories, no repeats",
	  "<opml><body><outline text=\"Digital Rights\"><outline title=\"x\">"
	  "<outline xmlUrl=\"https://a.example/\" category=\"/x,/p/q, digital-rights\"/>"
	  "</outline></outline><outline xmlUrl=\"https://b.example/\"/></body></opml>",
	  "https://a.example/|-|digital-rights,x,p,q;"
	  "https://b.example/|-|;" },
	{ "an external entity is never read, a DTD entity never expanded",
	  "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM "
	  "\"file:///etc/passwd\"><!ENTITY y \"YY\">]><opml><body>"
	  "<outline text=\"&x;&y;T\" xmlUrl=\"https://a.example/\"/>"
	  "</body></opml>",
	  "https://a.example/|T|;" },
	{ "broken markup is read as far as it goes",
	  "<opml><body><outline xmlUrl=\"https://a.example/\" text=\"A\">"
	  "<outline xmlUrl=\"https://b.example/\" text=\"B\"/>",
	  "https://a.example/|A|;https://b.example/|B|;" },
};

int
main(void)
{
	struct opml	 o, back;
	struct buf	 b = BUF_INIT, w = BUF_INIT, b2 = BUF_INIT;
	char		*cause = NULL;
	size_t		 i;

	plan((int)nitems(cases) + 5);
	for (i = 0; i < nitems(cases); i++) {
		memset(&o, 0, sizeof(o));
		if (opml_parse(cases[i].doc, strlen(cases[i].doc), &o,
		    &cause) == -1) {
			buf_reset(&b);
			buf_addf(&b, "error: %s", cause);
			free(cause);
			cause = NULL;
		} else
			flat(&b, &o);
		is_str(b.s, cases[i].want, "%s", cases[i].name);
		opml_release(&o);
	}
	memset(&o, 0, sizeof(o));
	ok(opml_parse("<rss/>", 6, &o, &cause) == -1 && cause != NULL,
	    "a document that is no OPML is an error");
	free(cause);
	cause = NULL;
	ok(opml_parse("", 0, &o, &cause) == -1, "an empty document is an error");
	free(cause);

	/* round trip: folders by first tag, categories, escapes */
	memset(&o, 0, sizeof(o));
	o.nfeeds = 3;
	o.feeds = xcalloc(3, sizeof(*o.feeds));
	o.feeds[0].url = xstrdup("https://a.example/?a=1&b=<2>");
	o.feeds[0].title = xstrdup("A \"quoted\" & <b>");
	o.feeds[0].ntags = 2;
	o.feeds[0].tags = xcalloc(2, sizeof(char *));
	o.feeds[0].tags[0] = xstrdup("t1");
	o.feeds[0].tags[1] = xstrdup("t2");
	o.feeds[1].url = xstrdup("https://b.example/");
	o.feeds[2].url = xstrdup("file:///tmp/c.xml");
	o.feeds[2].title = xstrdup("C");
	o.feeds[2].ntags = 1;
	o.feeds[2].tags = xcalloc(1, sizeof(char *));
	o.feeds[2].tags[0] = xstrdup("t2");
	opml_write(&w, o.feeds, o.nfeeds);
	ok(strstr(w.s, "category=\"/t1,/t2\"") != NULL &&
	    strstr(w.s, "&quot;quoted&quot; &amp; &lt;b&gt;") != NULL,
	    "export escapes and lists categories");
	memset(&back, 0, sizeof(back));
	ok(opml_parse(w.s, w.len, &back, &cause) == 0, "export reads back");
	flat(&b, &o);
	flat(&b2, &back);
	/* NOTE: folders come first, so b (untagged) moves after the others */
	is_str(b2.s, "https://a.example/?a=1&b=<2>|A \"quoted\" & <b>|t1,t2;"
	    "file:///tmp/c.xml|C|t2;https://b.example/|-|;",
	    "round trip keeps URLs, titles and tags");
	opml_release(&o);
	opml_release(&back);
	buf_release(&b);
	buf_release(&b2);
	buf_release(&w);
	return done_testing();
}
