/*
 * tests/unit/t-render.c: XML escaping and the iCalendar writer (lines of
 * at most 75 octets, folded between UTF-8 sequences, unfolding to the
 * escaped text)
 */
#include "config.h"

#include <stdio.h>
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

	plan(nitems(xml_cases) + 9);
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
