/*
 * parse.c: parse_feed(), the parse stage's entry point.  Bytes go to UTF-8
 * (encoding.c), the format is told by content, never by file name or
 * Content-Type: a JSON object is a JSON Feed, anything else is XML read
 * as RSS or Atom (xml.c).  A document that is no feed is an error with a
 * reason, never an empty feed.
 */

#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/* byte order marks: one, or several where templates were pasted together */
static const char *
skip_boms(const char *p, const char *end)
{
	while (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	return p;
}

/* is there a start tag of a feed's root element in p[0..len), with or
 * without a prefix ("<rss", "<atom:feed")? */
static int
has_feed_root(const char *p, size_t len)
{
	static const char *const roots[] = { "rss", "feed", "RDF", "channel" };
	const char	*end = p + len, *lt, *name, *q;
	size_t		 i, n;

	for (; (lt = memchr(p, '<', (size_t)(end - p))) != NULL; p = lt + 1) {
		for (q = name = lt + 1; q < end && (isalnum((unsigned char)*q) ||
		    *q == ':' || *q == '-' || *q == '_' || *q == '.'); q++)
			if (*q == ':')
				name = q + 1;
		n = (size_t)(q - name);
		for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
			if (strlen(roots[i]) == n &&
			    strncasecmp(name, roots[i], n) == 0)
				return 1;
	}
	return 0;
}

/*
 * What comes before an XML declaration is not part of the document, as
 * the declaration can only start one: PHP's warnings printed before a
 * WordPress feed, say.  It is skipped when the declaration comes within
 * the first 64 KiB and the text before it holds no feed element.
 */
#define JUNK_MAX	(64 * 1024)

static const char *
skip_junk(const char *p, const char *end)
{
	const char	*q, *lim = end - p > JUNK_MAX ? p + JUNK_MAX : end;
	size_t		 n = (size_t)(lim - p);

	if (n < 6 || memcmp(p, "<?xml", 5) == 0)
		return p;
	/* "<?xml " and not "<?xml-stylesheet" */
	for (q = p; (q = memchr(q, '<', (size_t)(lim - q))) != NULL; q++)
		if (lim - q >= 6 && memcmp(q, "<?xml", 5) == 0 &&
		    isspace((unsigned char)q[5]))
			break;
	if (q == NULL || has_feed_root(p, (size_t)(q - p)))
		return p;
	return q;
}

static struct feed *parse_doc(const char *, size_t,
		    const struct parse_opts *, char **);

/*
 * The limits of the parse running in this thread (parse_feed() sets
 * them): its CPU budget and the caller's stop flag.  Thread-local, so the
 * readers deep below check them without a parameter through every layer.
 */
static _Thread_local struct {
	double			 deadline;	/* thread CPU s; 0: none */
	volatile sig_atomic_t	*stop;
	unsigned		 calls;
	int			 tripped;	/* 1: budget spent, 2: stop */
} guard;

static double
thread_cpu(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == -1)
		return 0;
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
parse_guard_tripped(void)
{
	if (guard.tripped)
		return 1;
	if (guard.stop != NULL && *guard.stop) {
		guard.tripped = 2;
		return 1;
	}
	/* NOTE: a clock read is a system call: one in 256 calls */
	if (guard.deadline == 0 || ++guard.calls % 256 != 0)
		return 0;
	if (thread_cpu() > guard.deadline)
		guard.tripped = 1;
	return guard.tripped != 0;
}

struct feed *
parse_feed(const char *data, size_t len, const struct parse_opts *opts,
    char **cause)
{
	struct feed *f;

	memset(&guard, 0, sizeof(guard));
	if (opts != NULL && opts->cpu_budget > 0)
		guard.deadline = thread_cpu() + opts->cpu_budget;
	if (opts != NULL)
		guard.stop = opts->stop;
	f = parse_doc(data, len, opts, cause);
	if (guard.tripped) {
		if (f != NULL)
			feed_free(f);
		f = NULL;
		free(*cause);
		if (guard.tripped == 2)
			*cause = xstrdup(_("parse interrupted"));
		else
			xasprintf(cause, _("not read: the parse took more "
			    "than %g s of CPU"), opts->cpu_budget);
	}
	memset(&guard, 0, sizeof(guard));
	return f;
}

static struct feed *
parse_doc(const char *data, size_t len, const struct parse_opts *opts,
    char **cause)
{
	struct buf	 u = BUF_INIT, x = BUF_INIT;
	struct feed	*f = NULL;
	const char	*s, *p, *end, *base = opts ? opts->base : NULL;
	size_t		 slen;
	int		 html, libxml2 = opts ? opts->libxml2 : 0;

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
	s = skip_junk(skip_boms(s, end), end);
	slen = (size_t)(end - s);
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
		f = xml_parse(x.s, x.len, base, libxml2, cause);
	else
		f = xml_parse(s, slen, base, libxml2, cause);
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

int
parse_cause_not_feed(const char *cause)
{
	/* TRANSLATORS: every "not a feed: ..." message starts with this */
	const char *p = _("not a feed");

	return strncmp(cause, p, strlen(p)) == 0;
}
