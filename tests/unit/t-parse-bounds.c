/*
 * t-parse-bounds.c: parse_feed() reads its input where it lies (a mapped
 * file, no terminating NUL), so it must never look past data[len).  Every
 * prefix of a few documents is parsed from a copy of exactly that size;
 * under AddressSanitizer any over-read aborts the test.  The documents
 * come from the shapes the parser tells apart (RSS, Atom, RDF, JSON Feed,
 * an HTML page) and from a fuzz-feed crash ("<html" alone).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/feed.h"
#include "parse/parse.h"
#include "../tap.h"
#include "util/xmalloc.h"

static const char *const docs[] = {
	"<html",
	"<!DOCTYPE html><html><body>x</body></html>",
	"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<rss version=\"2.0\"><channel><title>T &amp; &nbsp;</title>"
	"<item><title><![CDATA[a <b>]]></title><link>http://a/b</link>"
	"<description>&lt;p&gt;x&lt;/p&gt;</description>"
	"<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>"
	"</channel></rss>",
	"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a/\">"
	"<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	"x</div></title><entry><id>1</id><link href=\"p\"/>"
	"<updated>2003-12-13T18:30:02Z</updated></entry></feed>",
	"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rdf:RDF "
	"xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	"xmlns=\"http://purl.org/rss/1.0/\"><item><title>caf\xe9</title>"
	"</item></rdf:RDF>",
	"{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"j\","
	"\"items\":[{\"id\":\"1\",\"content_html\":\"<p>x</p>\"}]}",
};

int
main(void)
{
	size_t	 i, n, len;
	char	*copy, *cause;
	struct feed *f;
	int	 failed;

	plan((int)(sizeof(docs) / sizeof(docs[0])));
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		len = strlen(docs[i]);
		failed = 0;
		for (n = 0; n <= len; n++) {
			copy = xmalloc(n > 0 ? n : 1);
			memcpy(copy, docs[i], n);
			cause = NULL;
			f = parse_feed(copy, n, NULL, &cause);
			/* a feed, or a reason: never both, never neither */
			if ((f == NULL) == (cause == NULL))
				failed = 1;
			if (f != NULL)
				feed_free(f);
			free(cause);
			free(copy);
		}
		ok(!failed, "every prefix of document %zu (%zu bytes) "
		    "gives a feed or a reason", i + 1, len);
	}
	return done_testing();
}
