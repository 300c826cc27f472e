/*
 * tests/unit/t-render.c: XML escaping and the iCalendar writer (lines of
 * at most 75 octets, folded between UTF-8 sequences, unfolding to the
 * escaped text); the event times and the Upcoming section of the
 * text, markdown and HTML digests
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "../tap.h"
#include "util/time.h"
#include "util/xmalloc.h"

static const struct { const char *in, *want; } xml_cases[] = {
	{ "a & b", "a &amp; b" },
	{ "<script>\"'", "&lt;script&gt;&quot;&#39;" },
	{ "bell\a and \x1b[31m", "bell and [31m" },
	{ "bad \xff utf-8", "bad \xef\xbf\xbd utf-8" },
	{ "tab\tnl\n", "tab\tnl\n" },
};

static int
max_line(const char *s, int *crlf)
{
	const char	*p, *e;
	int		 m = 0;

	*crlf = 1;
	for (p = s; *p; p = e + 1) {
		e = strchr(p, '\n');
		if (e == NULL)
			break;
		if (e == p || e[-1] != '\r')
			*crlf = 0;
		if (e - p - 1 > m)
			m = (int)(e - p - 1);
	}
	return m;
}

/*
 * 1 when no continuation line of s starts inside a UTF-8 sequence: the
 * byte after each "\r\n " is not a continuation byte (10xxxxxx)
 */
static int
ics_folds_ok(const char *s)
{
	const char *p;

	for (p = s; (p = strstr(p, "\r\n ")) != NULL; p += 3)
		if (((unsigned char)p[3] & 0xc0) == 0x80)
			return 0;
	return 1;
}

/*
 * 1 when the property name of s, unfolded (each "\r\n " removed), is
 * text escaped as RFC 5545 3.3.11 says, and its line was folded at
 * least once
 */
static int
ics_unfolds_to(const char *s, const char *name, const char *text)
{
	struct buf	 u = BUF_INIT, want = BUF_INIT;
	const char	*p, *e;
	int		 folded, r;

	if ((p = strstr(s, name)) == NULL || (e = strstr(p, "\r\n")) == NULL)
		return 0;
	while (e[2] == ' ')
		e = strstr(e + 2, "\r\n");
	folded = e != strstr(p, "\r\n");
	for (; p < e; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
			p += 2;
		else
			buf_addc(&u, *p);
	}
	buf_adds(&want, name);
	for (; *text; text++) {
		if (*text == ';' || *text == ',' || *text == '\\')
			buf_addc(&want, '\\');
		buf_addc(&want, *text);
	}
	r = folded && strcmp(u.s, want.s) == 0;
	if (!r)
		printf("# unfolded: %s\n# wanted:   %s\n", u.s, want.s);
	buf_release(&u);
	buf_release(&want);
	return r;
}

#define UP_TESTS	16

/* the offset of the first s in b after from, or -1 */
static long
at(const char *b, const char *s, long from)
{
	const char *p = from < 0 ? NULL : strstr(b + from, s);

	return p ? (long)(p - b) : -1;
}

static int
count(const char *b, const char *s)
{
	int n = 0;

	while ((b = strstr(b, s)) != NULL) {
		n++;
		b++;
	}
	return n;
}

/*
 * A digest of six items in one group: events in 3 days (a), in 1 day
 * (b), 2 days ago (c), none (d), in 20 days (e), and one in 2 days (f)
 * merged under another entry.
 */
static void
upcoming_tests(void)
{
	static const char	*names[] = { "Alpha call", "Beta call",
	    "Past call", "Plain news", "Far call", "Merged call" };
	static const long	 days[] = { 3, 1, -2, 0, 20, 2 };
	struct digest_entry	 ents[6], *shown[5];
	struct digest_feed	 fd;
	struct digest_group	 gr;
	struct digest		 d;
	struct render_opts	 o;
	struct buf		 b = BUF_INIT;
	char			 links[6][64];
	long			 up, pa, pb, g;
	size_t			 i, n = 0;

	memset(&o, 0, sizeof(o));
	time_from_utc(2023, 10, 1, 12, 0, 0, &o.now);
	memset(ents, 0, sizeof(ents));
	for (i = 0; i < 6; i++) {
		struct store_item *it = &ents[i].item;

		snprintf(links[i], sizeof(links[i]),
		    "https://a.example/%zu", i);
		it->id = (long long)i + 1;
		it->feed_url = (char *)"https://a.example/feed";
		it->title = (char *)names[i];
		it->link = links[i];
		it->published = it->updated = TIME_NONE;
		it->first_seen = o.now - 3600;
		it->event_start = it->event_end = TIME_NONE;
		if (days[i] != 0) {
			it->event_start = o.now + days[i] * 86400 + 3600;
			it->event_end = it->event_start + 3600;
		}
		if (i == 5)
			ents[i].merged = 1;
		else
			shown[n++] = &ents[i];
	}
	memset(&fd, 0, sizeof(fd));
	fd.title = "Alpha Org";
	fd.url = "https://a.example/feed";
	fd.entries = shown;
	fd.nentries = n;
	memset(&gr, 0, sizeof(gr));
	gr.tag = (char *)"community-call";
	gr.feeds = &fd;
	gr.nfeeds = 1;
	memset(&d, 0, sizeof(d));
	d.since = TIME_NONE;
	d.entries = ents;
	d.nentries = 6;
	d.nshown = n;
	d.groups = &gr;
	d.ngroups = 1;

	/* 2023-10-02 13:00 UTC is 15:00 in Paris (CEST) */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	render_text_ops.digest(&b, &d, &o, NULL);
	up = at(b.s, "== Upcoming ==", 0);
	g = at(b.s, "== community-call ==", 0);
	pb = at(b.s, "Beta call", up);
	pa = at(b.s, "Alpha call", up);
	ok(up >= 0 && g > up, "text: Upcoming before the groups");
	ok(pb > up && pa > pb && pa < g, "text: soonest first");
	ok(at(b.s, "Past call", up) > g && at(b.s, "Far call", up) > g &&
	    at(b.s, "Merged call", 0) < 0,
	    "text: no past, far or merged event in Upcoming");
	ok(count(b.s, "Beta call") == 2 && count(b.s, "Alpha call") == 2,
	    "text: each event once in Upcoming, once in its group");
	ok(at(b.s, "event: 2023-10-02 13:00 UTC - 2023-10-02 14:00 UTC\n",
	    g) > 0, "text: an item shows its start and end in UTC");
	ok(at(b.s, "2023-10-02 15:00 CEST - 2023-10-02 16:00 CEST", g) > 0,
	    "text: and in the local zone, named");
	ok(at(b.s, "https://a.example/1\n", up) < g,
	    "text: Upcoming gives the link");

	buf_reset(&b);
	render_html_ops.digest(&b, &d, &o, NULL);
	up = at(b.s, ">Upcoming</h2>", 0);
	ok(up >= 0 && at(b.s, "href=\"#item-1\"", up) >= 0 &&
	    at(b.s, "href=\"#item-1\"", up) < at(b.s, "href=\"#item-0\"",
	    up), "html: Upcoming soonest first, linking to anchors");
	ok(at(b.s, "<div id=\"item-1\"", up) > 0 &&
	    count(b.s, "href=\"#item-") == 2,
	    "html: the anchors exist; two upcoming events");
	ok(at(b.s, "2023-10-02 13:00 UTC - 2023-10-02 14:00 UTC</div>", 0) >
	    0, "html: an item shows its start and end in UTC");

	buf_reset(&b);
	render_markdown_ops.digest(&b, &d, &o, NULL);
	up = at(b.s, "## Upcoming\n", 0);
	g = at(b.s, "## community-call", 0);
	ok(up >= 0 && at(b.s, "](https://a.example/1)", up) <
	    at(b.s, "](https://a.example/0)", up) &&
	    at(b.s, "](https://a.example/0)", up) < g,
	    "markdown: Upcoming soonest first, with links");

	/* no event to come: no Upcoming heading */
	o.now += 30 * 86400;
	buf_reset(&b);
	render_text_ops.digest(&b, &d, &o, NULL);
	ok(strstr(b.s, "Upcoming") == NULL &&
	    strstr(b.s, "event: ") != NULL,
	    "text: no Upcoming without events to come");
	buf_reset(&b);
	render_html_ops.digest(&b, &d, &o, NULL);
	ok(strstr(b.s, "Upcoming") == NULL, "html: no Upcoming either");
	buf_reset(&b);
	render_markdown_ops.digest(&b, &d, &o, NULL);
	ok(strstr(b.s, "Upcoming") == NULL, "markdown: no Upcoming either");

	/* on the day of an all-day event, it is still to come */
	d.nentries = 1;
	ents[0].item.event_allday = 1;
	ents[0].item.event_start = o.now - 6 * 3600;
	free(render_upcoming(&d, o.now, &n));
	ok(n == 1, "an all-day event of today is upcoming");
	ents[0].item.event_allday = 0;
	ents[0].item.event_start = o.now - 1;
	free(render_upcoming(&d, o.now, &n));
	ok(n == 0, "a timed event that began is not");
	unsetenv("TZ");
	tzset();
	buf_release(&b);
}

int
main(void)
{
	struct store_item	 it;
	const struct store_item	*items[1];
	const char		*titles[1] = { "Feed, with; specials" };
	struct render_opts	 o;
	struct buf		 b = BUF_INIT;
	char			 tag[] = "community-call", *tags[1] = { tag };
	char			 url[] = "https://a.example/feed", guid[] = "g1";
	char			 link[] = "https://a.example/call";
	char			 title[] = "Caf\xc3\xa9 call; \xc3\xa9t\xc3\xa9, \xc3\xa9t\xc3\xa9 "
	    "\xc3\xa9t\xc3\xa9 \xc3\xa9t\xc3\xa9 \xc3\xa9t\xc3\xa9 "
	    "\xc3\xa9t\xc3\xa9 \xc3\xa9t\xc3\xa9 back\\slash";
	size_t			 i;
	int			 crlf;

	plan(nitems(xml_cases) + 9 + UP_TESTS);
	upcoming_tests();
	for (i = 0; i < nitems(xml_cases); i++) {
		buf_reset(&b);
		render_xml_escape(&b, xml_cases[i].in);
		is_str(b.s, xml_cases[i].want, "xml escape %zu", i);
	}

	memset(&it, 0, sizeof(it));
	it.id = 7;
	it.feed_url = url;
	it.guid = guid;
	it.title = title;
	it.link = link;
	it.published = it.updated = it.first_seen = TIME_NONE;
	it.tags = tags;
	it.ntags = 1;
	time_from_utc(2023, 10, 27, 13, 0, 0, &it.event_start);
	time_from_utc(2023, 10, 27, 14, 0, 0, &it.event_end);
	items[0] = &it;
	memset(&o, 0, sizeof(o));
	time_from_utc(2023, 10, 1, 0, 0, 0, &o.now);
	buf_reset(&b);
	render_ics(&b, items, titles, 1, &o);
	ok(max_line(b.s, &crlf) <= 75, "ics lines fit in 75 octets");
	ok(crlf, "ics lines end with CRLF");
	ok(strstr(b.s, "DTSTART:20231027T130000Z\r\n") != NULL, "DTSTART UTC");
	ok(strstr(b.s, "DTEND:20231027T140000Z\r\n") != NULL, "DTEND UTC");
	ok(strstr(b.s, "SUMMARY:Caf\xc3\xa9 call\\; \xc3\xa9t\xc3\xa9\\,") !=
	    NULL, "SUMMARY escapes ; and ,");
	ok(ics_folds_ok(b.s), "ics folds never split a UTF-8 sequence");
	ok(ics_unfolds_to(b.s, "SUMMARY:", title),
	    "long SUMMARY folded, and unfolds to the escaped title");
	it.event_allday = 1;
	buf_reset(&b);
	render_ics(&b, items, titles, 1, &o);
	ok(strstr(b.s, "DTSTART;VALUE=DATE:20231027\r\n") != NULL,
	    "all-day DTSTART is a DATE");
	ok(strstr(b.s, "DTEND;VALUE=DATE:20231028\r\n") != NULL,
	    "all-day DTEND is the next day");
	buf_release(&b);
	return done_testing();
}
