/*
 * render/render-ics.c: events as RFC 5545 iCalendar, for `crier events
 * --format ics` and the text/calendar part of the email digest.  One
 * VCALENDAR (PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH)
 * with a VEVENT per item that has an event: UID stable per item (a hash
 * of its feed and guid), DTSTART/DTEND in UTC or VALUE=DATE for
 * date-only events.  RFC 5545 3.1: CRLF line endings, content lines
 * folded at 75 octets (never inside a UTF-8 sequence); 3.3.11: text
 * values escape backslash, ';', ',' and newlines.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define ICS_FOLD	75	/* octets per line, CRLF not counted */
#define ICS_DESC_MAX	1000	/* bytes of summary in DESCRIPTION */

/* appends one content line, folded, with CRLF */
static void
ics_line(struct buf *out, const char *line)
{
	const unsigned char	*p = (const unsigned char *)line;
	size_t			 col = 0, n;

	while (*p) {
		n = 1;
		if (*p >= 0xc0) {
			while (p[n] && (p[n] & 0xc0) == 0x80 && n < 4)
				n++;
		}
		if (col + n > ICS_FOLD) {
			buf_adds(out, "\r\n ");
			col = 1;
		}
		buf_add(out, p, n);
		col += n;
		p += n;
	}
	buf_adds(out, "\r\n");
}

/* appends text escaped as an RFC 5545 TEXT value */
static void
ics_text(struct buf *out, const char *s)
{
	struct buf	 u = BUF_INIT;
	const char	*p;

	if (s == NULL)
		return;
	utf8_sanitize(&u, s, strlen(s));
	for (p = u.s; *p; p++) {
		switch (*p) {
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case ';':
			buf_adds(out, "\\;");
			break;
		case ',':
			buf_adds(out, "\\,");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		default:
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				break;	/* CR, tabs, controls */
			buf_addc(out, *p);
		}
	}
	buf_release(&u);
}

/* a URI value: printable ASCII, the rest percent-encoded */
static void
ics_uri(struct buf *out, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if (*p >= 0x80 || *p == ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\')
			buf_addf(out, "%%%02X", *p);
		else
			buf_addc(out, *p);
	}
}

static int
ics_utc(char *out, size_t len, time_t t, int date_only)
{
	struct tm tm;

	if (t == TIME_NONE || gmtime_r(&t, &tm) == NULL)
		return -1;
	if (strftime(out, len, date_only ? "%Y%m%d" : "%Y%m%dT%H%M%SZ",
	    &tm) == 0)
		return -1;
	return 0;
}

static int
is_http(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 ||
	    strncmp(s, "https://", 8) == 0);
}

static void
ics_event(struct buf *out, const struct store_item *it, const char *ftitle,
    const char *stamp)
{
	struct buf	 l = BUF_INIT, t = BUF_INIT;
	char		 d[32], h[17];
	size_t		 i;
	time_t		 end;

	ics_line(out, "BEGIN:VEVENT");
	/* UID: stable across polls and databases: the feed and the guid */
	render_item_hash(it, h);
	/* NOTE: not the host: the email and `events` must agree */
	buf_addf(&l, "UID:crier-%s@crier.invalid", h);
	ics_line(out, l.s);
	buf_reset(&l);
	buf_addf(&l, "DTSTAMP:%s", stamp);
	ics_line(out, l.s);
	if (it->event_allday) {
		ics_utc(d, sizeof(d), it->event_start, 1);
		buf_reset(&l);
		buf_addf(&l, "DTSTART;VALUE=DATE:%s", d);
		ics_line(out, l.s);
		/* RFC 5545 3.6.1: DTEND of a date is exclusive */
		end = it->event_start + 24 * 3600;
		if (it->event_end != TIME_NONE && it->event_end > end)
			end = it->event_end + 24 * 3600;
		if (ics_utc(d, sizeof(d), end, 1) == 0) {
			buf_reset(&l);
			buf_addf(&l, "DTEND;VALUE=DATE:%s", d);
			ics_line(out, l.s);
		}
	} else {
		ics_utc(d, sizeof(d), it->event_start, 0);
		buf_reset(&l);
		buf_addf(&l, "DTSTART:%s", d);
		ics_line(out, l.s);
		if (it->event_end != TIME_NONE &&
		    it->event_end > it->event_start &&
		    ics_utc(d, sizeof(d), it->event_end, 0) == 0) {
			buf_reset(&l);
			buf_addf(&l, "DTEND:%s", d);
			ics_line(out, l.s);
		}
	}
	buf_reset(&l);
	buf_adds(&l, "SUMMARY:");
	render_inline(&t, it->title && *it->title ? it->title : "(untitled)");
	ics_text(&l, t.s);
	ics_line(out, l.s);
	if (is_http(it->link)) {
		buf_reset(&l);
		buf_adds(&l, "URL:");
		ics_uri(&l, it->link);
		ics_line(out, l.s);
	}
	buf_reset(&t);
	render_summary(&t, it, ICS_DESC_MAX);
	if (ftitle && *ftitle) {
		if (t.len)
			buf_adds(&t, "\n\n");
		render_inline(&t, ftitle);
	}
	if (it->link) {
		if (t.len)
			buf_addc(&t, '\n');
		buf_adds(&t, it->link);
	}
	if (t.len) {
		buf_reset(&l);
		buf_adds(&l, "DESCRIPTION:");
		ics_text(&l, t.s);
		ics_line(out, l.s);
	}
	if (it->ntags > 0) {
		buf_reset(&l);
		buf_adds(&l, "CATEGORIES:");
		for (i = 0; i < it->ntags; i++) {
			if (i)
				buf_addc(&l, ',');
			ics_text(&l, it->tags[i]);
		}
		ics_line(out, l.s);
	}
	ics_line(out, "END:VEVENT");
	buf_release(&l);
	buf_release(&t);
}

void
render_ics(struct buf *out, const struct store_item *const *items,
    const char *const *ftitles, size_t n, const struct render_opts *o)
{
	char	stamp[32];
	size_t	i;

	if (ics_utc(stamp, sizeof(stamp), o->now, 0) == -1)
		ics_utc(stamp, sizeof(stamp), 0, 0);
	ics_line(out, "BEGIN:VCALENDAR");
	ics_line(out, "PRODID:-//crier//crier events//EN");
	ics_line(out, "VERSION:2.0");
	ics_line(out, "CALSCALE:GREGORIAN");
	ics_line(out, "METHOD:PUBLISH");
	for (i = 0; i < n; i++) {
		if (items[i]->event_start == TIME_NONE)
			continue;
		ics_event(out, items[i], ftitles ? ftitles[i] : NULL, stamp);
	}
	ics_line(out, "END:VCALENDAR");
}
