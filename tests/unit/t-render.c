/* tests/unit/t-render.c: XML escaping and the iCalendar writer */
#include "config.h"

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

	plan(nitems(xml_cases) + 8);
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
	ok(strstr(b.s, "\r\n \xc3") != NULL || strstr(b.s, "\r\n ") != NULL,
	    "long SUMMARY folded");
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
