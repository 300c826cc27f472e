/*
 * t-xmltok.c: the fast XML reader against libxml2.  Each document either
 * is read by the fast reader, and then its tree must be libxml2's tree
 * (serialized by xtree_dump), or makes the fast reader give up, and then
 * libxml2 must read it (the root it finds is checked).  Feeds the fast
 * reader gives up on keep their entries through parse_feed().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/feed.h"
#include "parse/parse.h"
#include "parse/xmltree.h"
#include "../tap.h"
#include "util/buf.h"

static const struct {
	int		 fast;	/* the fast reader takes it */
	const char	*doc;
	const char	*root;	/* libxml2's root, where the fast reader
				   gives up */
} docs[] = {
	{ 1, "<a/>", NULL },
	{ 1, "<a></a>", NULL },
	{ 1, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">"
	    "<channel><title>T &amp; U &lt;b&gt; &quot;q&quot; &apos;</title>"
	    "</channel></rss>\n", NULL },
	{ 1, "<?xml version='1.0'?><a>x&#60;y&#x3e;z&#38;&#233;&#x1F600;</a>", NULL },
	{ 1, "<a><![CDATA[<p>hi & <b>bye</b></p>]]></a>", NULL },
	{ 1, "<a>t1<![CDATA[c1]]>t2<![CDATA[c2]]><![CDATA[c3]]></a>", NULL },
	{ 1, "<a>x<!-- c -->y<?pi data?>z</a>", NULL },
	{ 1, "<a>\r\nline\rtwo\r\n<![CDATA[\r\nc\r]]></a>", NULL },
	{ 1, "<a b=\"1\" c='2' d=\"x&amp;y&#10;z\" e=\"t\tu\nv\r\nw\rx\"/>", NULL },
	{ 1, "<a b = \"1\"\n c\t=\t'\"'></a >", NULL },
	{ 1, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\" "
	    "xml:base=\"http://x/\"><entry xml:lang=\"fr\"><title type=\"xhtml\">"
	    "<div xmlns=\"http://www.w3.org/1999/xhtml\">a <b>b</b></div></title>"
	    "</entry><id>i</id></feed>", NULL },
	{ 1, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/"
	    "elements/1.1/\"><item rdf:about=\"http://x/1\"><dc:creator>me"
	    "</dc:creator></item></rdf:RDF>", NULL },
	{ 1, "<a xmlns:p=\"u1\"><p:b xmlns:p=\"u2\"><p:c/></p:b><p:d/></a>", NULL },
	{ 1, "<a xmlns=\"u1\"><b xmlns=\"\"><c/></b></a>", NULL },
	{ 1, "<a xmlns:x=\"u\" x:y=\"1\" y=\"2\"><x:b xmlns:z=\"v\" "
	    "z:q=\"3\"/></a>", NULL },
	{ 1, "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
	    "0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"
	    "<rss version=\"0.91\"><channel/></rss>", NULL },
	{ 1, "<!-- before --><?pi?>\n<a/>\n<!-- after -->\n", NULL },
	{ 1, "<a>  \n  <b> </b>\t</a>", NULL },
	{ 1, "<a>]] > ]></a>", NULL },
	{ 1, "<a>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbc\x81</a>", NULL },
	{ 1, "<a b=\"&#x10FFFF;\">&#xD7FF;&#xE000;&#xFFFD;</a>", NULL },
	{ 1, "<a b=\"\"></a>", NULL },
	{ 1, "<a><b/><c>t</c><d><e><f>deep</f></e></d></a>", NULL },
	{ 1, "<a xml:lang=\"\"><b/></a>", NULL },
	{ 1, "<a.b-c_d x.y=\"1\"/>", NULL },
	/* the fast reader gives up; libxml2 reads them, with that root
	 * (NULL: none) */
	{ 0, "", NULL },
	{ 0, "   ", NULL },
	{ 0, "<a>", "a" },
	{ 0, "<a></b>", "a" },
	{ 0, "<a><b></a>", "a" },
	{ 0, "<a>1 < 2</a>", "a" },
	{ 0, "<a>x</a><b/>", "a" },
	{ 0, "<a>x</a>junk", "a" },
	{ 0, "junk<a/>", NULL },
	{ 0, "<a>&nbsp;</a>", "a" },
	{ 0, "<a>&#0;</a>", "a" },
	{ 0, "<a>&#xFFFE;</a>", "a" },
	{ 0, "<a>&#;</a>", "a" },
	{ 0, "<a>x\x01y</a>", "a" },
	{ 0, "<a>x\xef\xbf\xbey</a>", "a" },
	{ 0, "<a>]]></a>", "a" },
	{ 0, "<a b=1/>", "a" },
	{ 0, "<a b/>", "a" },
	{ 0, "<a b=\"1\"c=\"2\"/>", "a" },
	{ 0, "<a b=\"1\" b=\"2\"/>", "a" },
	{ 0, "<a b=\"<\"/>", "a" },
	{ 0, "<a b=\"x/>", "a" },
	{ 0, "<dc:creator>x</dc:creator>", "dc:creator" },
	{ 0, "<a p:b=\"1\"/>", "a" },
	{ 0, "<a xmlns:p=\"u\" xmlns:q=\"u\" p:b=\"1\" q:b=\"2\"/>", "a" },
	{ 0, "<a xmlns:p=\"\"/>", "a" },
	{ 0, "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "a" },
	{ 0, "<!DOCTYPE a [<!ELEMENT a ANY>]><a/>", "a" },
	{ 0, "<a><!-- x -- y --></a>", "a" },
	{ 0, "<a><!-- x ---></a>", "a" },
	{ 0, "<a><![CDATA[x</a>", "a" },
	{ 0, "<![CDATA[x]]><a/>", NULL },
	{ 0, " <?xml version=\"1.0\"?><a/>", "a" },
	{ 0, "<?xml version=\"1.1\"?><a/>", "a" },
	{ 0, "<?xml encoding=\"utf-8\"?><a/>", "a" },
	{ 0, "<a><?xml version=\"1.0\"?></a>", "a" },
	{ 0, "<a:b:c/>", "a:b:c" },
	{ 0, "<:a/>", ":a" },
	{ 0, "<1a/>", NULL },
	{ 0, "<\xc3\xa9/>", "\xc3\xa9" },
	{ 0, "< a/>", NULL },
	{ 0, "<a></a >x", "a" },
	{ 0, "<html><body><p>x<br></p></body></html>", "html" },
	{ 0, "<a>&amp</a>", "a" },
	{ 0, "<a>&#x110000;</a>", "a" },
	{ 0, "<a>&#99999999999;</a>", "a" },
	{ 0, "<a/><!DOCTYPE a>", "a" },
	{ 0, "<a b='\x02'/>", "a" },
	{ 0, "<a><!-- \x02 --></a>", "a" },
	{ 0, "<xmlns:a/>", "xmlns:a" },
};

/*
 * Feeds the fast reader gives up on: parse_feed() reads them through
 * libxml2, and their items are all there.
 */
static const struct {
	const char	*doc;
	const char	*titles;	/* the entries' titles, '|' between */
} soup[] = {
	{ "<rss version=\"2.0\"><channel><title>T</title><item><title>one"
	    "</title><description>a<br>b</description></item><item><title>"
	    "two</title></item></channel></rss>", "one|two" },
	{ "<rss version=\"2.0\"><channel><item><title>one</title></item>"
	    "<item><title>two</title><description>cut", "one|two" },
	{ "<rss version=\"2.0\"><channel><item><title>one</Title></item>"
	    "<item><title>two</title></item></channel></rss>", "one|two" },
	{ "<rss version=\"2.0\"><channel><item><title>one</title>"
	    "<enclosure url=http://a/b.mp3 length=1 /></item><item><title>"
	    "two</title></item></channel></rss>", "one|two" },
	{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>a"
	    "</title><summary>1 < 2</summary></entry><entry><title>b</title>"
	    "</entry></feed>", "a|b" },
};

static char *
dump(const struct xtree *t)
{
	struct buf b = BUF_INIT;

	xtree_dump(&b, t);
	return buf_detach(&b, NULL);
}

int
main(void)
{
	size_t		 i;
	struct buf	 deep = BUF_INIT;
	struct xtree	*t;
	char		*cause = NULL;

	plan((int)(sizeof(docs) / sizeof(docs[0])) * 2 + 5 +
	    (int)(sizeof(soup) / sizeof(soup[0])) * 2);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		const char	*d = docs[i].doc;
		struct xtree	*fast, *lib;
		char		*fd = NULL, *ld = NULL;

		fast = xtok_read(d, strlen(d));
		ok((fast != NULL) == docs[i].fast, "doc %zu: fast reader %s",
		    i, docs[i].fast ? "reads it" : "gives up");
		lib = xtree_read_libxml2(d, strlen(d), &cause);
		free(cause);
		cause = NULL;
		if (fast != NULL)
			fd = dump(fast);
		if (lib != NULL)
			ld = dump(lib);
		if (fast != NULL)
			is_str(fd, ld ? ld : "(libxml2: none)",
			    "doc %zu: same tree as libxml2", i);
		else
			is_str(lib ? xtree_root(lib)->name : "(none)",
			    docs[i].root ? docs[i].root : "(none)",
			    "doc %zu: libxml2's root", i);
		free(fd);
		free(ld);
		xtree_free(fast);
		xtree_free(lib);
	}

	for (i = 0; i < sizeof(soup) / sizeof(soup[0]); i++) {
		const char	*d = soup[i].doc;
		struct buf	 titles = BUF_INIT;
		struct feed	*f;
		size_t		 j;

		t = xtok_read(d, strlen(d));
		ok(t == NULL, "soup %zu: the fast reader gives up", i);
		xtree_free(t);
		f = parse_feed(d, strlen(d), NULL, &cause);
		for (j = 0; f != NULL && j < f->nentries; j++)
			buf_addf(&titles, "%s%s", j > 0 ? "|" : "",
			    f->entries[j].title ? f->entries[j].title : "");
		is_str(f ? titles.s : cause, soup[i].titles,
		    "soup %zu: parse_feed() reads its entries", i);
		buf_release(&titles);
		feed_free(f);
		free(cause);
		cause = NULL;
	}

	/* a sample tree, by hand */
	{
		const char *s0 = "<a xmlns:p=\"u\" p:x=\"1&amp;2\">t<p:b/></a>";

		t = xtok_read(s0, strlen(s0));
	}
	if (t != NULL) {
		char *s = dump(t);

		is_str(s, "(a ns:p=u @p:x{u}=\"1&2\"T\"t\"(p:b {u}))",
		    "sample dump");
		free(s);
	} else
		ok(0, "sample read");
	xtree_free(t);

	/* depth is bounded: the fast reader gives up, nothing overflows */
	for (i = 0; i < 300; i++)
		buf_adds(&deep, "<a>");
	for (i = 0; i < 300; i++)
		buf_adds(&deep, "</a>");
	ok(xtok_read(deep.s, deep.len) == NULL, "300 levels: gives up");
	buf_reset(&deep);
	for (i = 0; i < 150; i++)
		buf_adds(&deep, "<a>");
	for (i = 0; i < 150; i++)
		buf_adds(&deep, "</a>");
	t = xtok_read(deep.s, deep.len);
	ok(t != NULL, "150 levels: read");
	xtree_free(t);
	buf_release(&deep);

	/* not NUL-terminated: the reader stays inside the length */
	t = xtok_read("<a>x</a>JUNK", 8);
	ok(t != NULL, "length, not NUL, ends the document");
	xtree_free(t);
	t = xtok_read("<a>x</a", 7);
	ok(t == NULL, "a truncated end tag: gives up");
	xtree_free(t);
	done_testing();
}
