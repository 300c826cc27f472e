/*
 * t-parse-bounds.c: parse_feed() reads its input where it lies (a mapped
 * file, no terminating NUL), so it must never look past data[len).  Every
 * prefix of a few documents is parsed from a copy of exactly that size;
 * under AddressSanitizer any over-read aborts the test.  The documents
 * come from the shapes the parser tells apart (RSS, Atom, RDF, JSON Feed,
 * an HTML page) and from a fuzz-feed crash ("<html" alone).
 *
 * And a parse is bounded: hostile documents (an element with 200,000
 * attributes, deep nesting, nested entities) give a feed or a reason in
 * well under a second, a CPU budget and a stop flag cut a long parse
 * short, and what was cut short is never a feed.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/feed.h"
#include "parse/parse.h"
#include "../tap.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* an RSS feed whose one item carries nattr attributes */
static void
attrs_doc(struct buf *b, size_t nattr)
{
	size_t i;

	buf_adds(b, "<rss version=\"2.0\"><channel><title>t</title><item");
	for (i = 0; i < nattr; i++)
		buf_addf(b, " a%zu=\"v\"", i);
	buf_adds(b, "><title>x</title><guid>g</guid></item></channel></rss>");
}

/* an RSS feed of n items */
static void
items_doc(struct buf *b, size_t n)
{
	size_t i;

	buf_adds(b, "<rss version=\"2.0\"><channel><title>t</title>");
	for (i = 0; i < n; i++)
		buf_addf(b, "<item><title>item %zu</title><guid>g%zu</guid>"
		    "<description>&lt;p&gt;text %zu&lt;/p&gt;</description>"
		    "</item>", i, i, i);
	buf_adds(b, "</channel></rss>");
}

/* parses b with opts; 1 when it gave a feed; the reason in *why */
static int
parse_buf(const struct buf *b, const struct parse_opts *o, double *secs,
    char **why)
{
	struct feed	*f;
	double		 t = now_s();

	*why = NULL;
	f = parse_feed(b->s, b->len, o, why);
	*secs = now_s() - t;
	if (f == NULL)
		return 0;
	feed_free(f);
	return 1;
}

/*
 * Was a parse of len bytes that took secs linear?  Compared with a plain
 * feed of as many bytes parsed here and now, so that the bound holds on
 * a loaded machine and under valgrind alike: a quadratic parse is
 * thousands of times slower, not ten.
 */
static int
linear(double secs, size_t len, double *base)
{
	struct buf	 b = BUF_INIT;
	double		 t;
	char		*why;
	int		 got;

	items_doc(&b, len / 140 + 1);
	got = parse_buf(&b, NULL, &t, &why);
	free(why);
	buf_release(&b);
	*base = t;
	return got && secs < 10 * t + 0.25;
}

static void
bounds(void)
{
	struct buf		 b = BUF_INIT;
	struct parse_opts	 o;
	volatile sig_atomic_t	 stop = 0;
	double			 secs, base;
	char			*why;
	size_t			 i;
	int			 got, lin;

	attrs_doc(&b, 200000);
	got = parse_buf(&b, NULL, &secs, &why);
	lin = linear(secs, b.len, &base);
	ok(!got && why && strstr(why, "512 attributes") && lin, "200,000 attributes on an element: "
	    "refused in %.2f s, a plain feed as long: %.2f s (%s)", secs,
	    base, why ? why : "");
	free(why);
	buf_reset(&b);
	attrs_doc(&b, 513);
	got = parse_buf(&b, NULL, &secs, &why);
	ok(!got && why && strstr(why, "attributes"), "513 attributes: "
	    "refused");
	free(why);
	buf_reset(&b);
	attrs_doc(&b, 500);
	got = parse_buf(&b, NULL, &secs, &why);
	ok(got, "500 attributes: read");
	free(why);

	/* nesting far deeper than either reader follows */
	buf_reset(&b);
	buf_adds(&b, "<rss version=\"2.0\"><channel><title>t</title><item>"
	    "<guid>g</guid><description>");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<x>");
	buf_adds(&b, "</description></item></channel></rss>");
	got = parse_buf(&b, NULL, &secs, &why);
	lin = linear(secs, b.len, &base);
	ok(lin, "100,000 open elements: %s in %.2f s, "
	    "a plain feed as long: %.2f s", got ? "read" : why, secs, base);
	free(why);

	/* entities nested 12 deep: 10^12 bytes if expanded */
	buf_reset(&b);
	buf_adds(&b, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 "
	    "\"ha\">");
	for (i = 1; i < 12; i++)
		buf_addf(&b, "<!ENTITY l%zu \"&l%zu;&l%zu;&l%zu;&l%zu;&l%zu;"
		    "&l%zu;&l%zu;&l%zu;&l%zu;&l%zu;\">", i, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	buf_adds(&b, "]><rss version=\"2.0\"><channel><title>t</title>"
	    "<item><title>&l11;</title><guid>g</guid></item></channel>"
	    "</rss>");
	got = parse_buf(&b, NULL, &secs, &why);
	/* expansions may add 4 times the document and 64 kB (xml-subset.c) */
	lin = linear(secs, 4 * b.len + 65536, &base);
	ok(lin, "billion laughs: %s in %.2f s, a "
	    "plain feed as long: %.2f s", got ? "read" : why, secs, base);
	free(why);

	/* a CPU budget far too small for 5,000 items */
	buf_reset(&b);
	items_doc(&b, 5000);
	memset(&o, 0, sizeof(o));
	o.cpu_budget = 1e-4;
	got = parse_buf(&b, &o, &secs, &why);
	ok(!got && why && strstr(why, "CPU"), "a spent CPU budget gives "
	    "no feed but a reason: %s", why ? why : "(none)");
	free(why);
	o.cpu_budget = 30;
	got = parse_buf(&b, &o, &secs, &why);
	ok(got, "the same document within its budget: read in %.2f s",
	    secs);
	free(why);
	o.stop = &stop;
	stop = 1;
	got = parse_buf(&b, &o, &secs, &why);
	ok(!got && why && strstr(why, "interrupted"), "the stop flag set: "
	    "no feed but a reason: %s", why ? why : "(none)");
	free(why);
	/* the limits of one parse do not outlive it */
	got = parse_buf(&b, NULL, &secs, &why);
	ok(got, "the next parse without limits reads it");
	free(why);
	buf_release(&b);
}

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

	plan((int)(sizeof(docs) / sizeof(docs[0])) + 9);
	bounds();
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
