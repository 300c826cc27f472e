/*
 * parse.c: parse_feed(), the parse stage's entry point.  Bytes go to UTF-8
 * (encoding.c), the format is told by content, never by file name or
 * Content-Type: a JSON object is a JSON Feed, anything else is XML read
 * as RSS or Atom (xml.c).  A document that is no feed is an error with a
 * reason, never an empty feed.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/encoding.h"
#include "parse/parse.h"
#include "parse/xml.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* skips whitespace, the XML declaration, comments and a DOCTYPE */
static const char *
skip_prolog(const char *p, const char *end)
{
	for (;;) {
		const char *q;

		while (p < end && isspace((unsigned char)*p))
			p++;
		if (end - p < 4 || p[0] != '<')
			return p;
		if (p[1] == '?')
			q = memchr(p, '>', (size_t)(end - p));
		else if (memcmp(p, "<!--", 4) == 0) {
			for (q = p + 4; q + 2 < end; q++)
				if (memcmp(q, "-->", 3) == 0)
					break;
			if (q + 2 >= end)
				return end;
			q += 2;
		} else
			return p;
		if (q == NULL)
			return end;
		p = q + 1;
	}
}

struct feed *
parse_feed(const char *data, size_t len, const struct parse_opts *opts,
    char **cause)
{
	struct buf	 u = BUF_INIT, x = BUF_INIT;
	struct feed	*f = NULL;
	const char	*s, *p, *end, *base = opts ? opts->base : NULL;
	size_t		 slen;
	int		 html;

	*cause = NULL;
	/* a valid UTF-8 document is read where it is, not copied */
	if (encoding_is_utf8(data, len, opts ? opts->charset : NULL)) {
		s = data;
		slen = len;
	} else {
		encoding_to_utf8(&u, data, len, opts ? opts->charset : NULL);
		s = u.s;
		slen = u.len;
	}
	end = s + slen;
	p = skip_prolog(s, end);
	if (p == end) {
		*cause = xstrdup(len == 0 ? _("not a feed: empty document") :
		    _("not a feed: no content"));
		goto out;
	}
	if (*p == '{' || *p == '[') {	/* '[': JSON, but no feed */
		f = jsonfeed_parse(s, slen, base, cause);
		goto out;
	}
	if (*p != '<') {
		*cause = xstrdup(_("not a feed: neither XML nor JSON"));
		goto out;
	}
	html = (end - p >= 14 && strncasecmp(p, "<!DOCTYPE html", 14) == 0) ||
	    (end - p >= 5 && strncasecmp(p, "<html", 5) == 0 &&
	    (end - p == 5 || isspace((unsigned char)p[5]) || p[5] == '>'));
	/* the tree points into the text it reads: u stays until the end */
	if (xml_fix_entities(&x, s, slen))
		f = xml_parse(x.s, x.len, base, cause);
	else
		f = xml_parse(s, slen, base, cause);
	/* NOTE: feeds may carry an XHTML DOCTYPE; only the root decides */
	if (f == NULL && html) {
		free(*cause);
		*cause = xstrdup(_("not a feed: HTML document"));
	}
out:
	buf_release(&u);
	buf_release(&x);
	if (f == NULL && *cause == NULL)
		*cause = xstrdup(_("not a feed"));
	return f;
}
