/*
 * render/render-email.c: the `email` digest: one RFC 5322 message for
 * `sendmail -t`, with CRLF line endings and no line over 78 octets in
 * the headers or 76 in the bodies (quoted-printable, RFC 2045 6.7).
 *
 * Structure: multipart/alternative with a text/plain part (the text
 * digest) and a text/html part (the html digest), items inline.  When
 * events are in the digest the message is multipart/mixed: the
 * alternative first, then a text/calendar attachment (METHOD:PUBLISH).
 * NOTE: not a third alternative: a client shows only the "best" part of
 * an alternative, so Thunderbird and mutt would show the calendar instead
 * of the digest (or hide the calendar behind the HTML), and Gmail and
 * Outlook treat a text/calendar alternative as an invitation reply.  As
 * an attachment of a mixed message every client shows the digest and
 * offers the .ics to import.
 *
 * Headers: every value that comes from a feed or the config is cut to
 * one line (CR, LF and controls become spaces), bounded, and RFC 2047
 * encoded (UTF-8, "B") when it is not plain ASCII, so nothing can add a
 * header.  The Message-ID is a hash of the digest name, the item ids and
 * the window, so the same digest sent twice has the same id, and it and
 * the boundaries are known before any part is made: the text and HTML
 * parts are streamed (render_flush).  Boundaries start with "=_", which
 * quoted-printable text can never contain, and are still checked
 * against the calendar, the one part held in memory.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define HDR_LINE	78	/* RFC 5322 2.1.1: SHOULD */
#define HDR_VALUE_MAX	512	/* bytes of a header value kept */
#define EW_BYTES	40	/* UTF-8 bytes per encoded-word (68 chars) */
#define QP_LINE		76	/* RFC 2045 6.7 (5) */

/* a header value as one line: no controls, valid UTF-8, bounded */
static void
hdr_clean(struct buf *out, const char *s)
{
	struct buf	 u = BUF_INIT;
	const char	*p;
	size_t		 cut;

	if (s == NULL)
		return;
	utf8_sanitize(&u, s, strlen(s));
	for (p = u.s; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			buf_addc(out, ' ');
		else
			buf_addc(out, *p);
	}
	str_squeeze(out->s);
	out->len = strlen(out->s);
	if (out->len > HDR_VALUE_MAX) {
		cut = HDR_VALUE_MAX;
		while (cut > 0 && ((unsigned char)out->s[cut] & 0xc0) == 0x80)
			cut--;
		buf_truncate(out, cut);
	}
	buf_release(&u);
}

static int
needs_encoding(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80)
			return 1;
	}
	return strstr(s, "=?") != NULL;
}

static void
base64(struct buf *out, const unsigned char *p, size_t len)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long	v;
	size_t		i;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		buf_addc(out, tab[v >> 18 & 63]);
		buf_addc(out, tab[v >> 12 & 63]);
		buf_addc(out, tab[v >> 6 & 63]);
		buf_addc(out, tab[v & 63]);
	}
	if (len - i == 1) {
		v = (unsigned long)p[i] << 16;
		buf_addc(out, tab[v >> 18 & 63]);
		buf_addc(out, tab[v >> 12 & 63]);
		buf_adds(out, "==");
	} else if (len - i == 2) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8;
		buf_addc(out, tab[v >> 18 & 63]);
		buf_addc(out, tab[v >> 12 & 63]);
		buf_addc(out, tab[v >> 6 & 63]);
		buf_addc(out, '=');
	}
}

/*
 * RFC 2047 encoded-words for text, separated by spaces (the folding
 * points); each holds whole UTF-8 characters (RFC 2047 5 (3)).
 */
static void
encode_words(struct buf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), n;

	while (len > 0) {
		n = len < EW_BYTES ? len : EW_BYTES;
		while (n < len && n > 0 && (p[n] & 0xc0) == 0x80)
			n--;
		if (n == 0)
			n = len < EW_BYTES ? len : EW_BYTES;
		buf_adds(out, "=?UTF-8?B?");
		base64(out, p, n);
		buf_adds(out, "?=");
		p += n;
		len -= n;
		if (len > 0)
			buf_addc(out, ' ');
	}
}

/* "Name: value" folded at spaces to HDR_LINE where it can be, CRLF */
static void
hdr_fold(struct buf *out, const char *name, const char *value)
{
	const char	*w = value, *we;
	size_t		 col, wl;

	buf_addf(out, "%s:", name);
	col = strlen(name) + 1;
	while (*w) {
		while (*w == ' ')
			w++;
		if (*w == '\0')
			break;
		for (we = w; *we && *we != ' '; we++)
			;
		wl = (size_t)(we - w);
		if (col + 1 + wl > HDR_LINE && col > strlen(name) + 1) {
			buf_adds(out, "\r\n");
			col = 0;
		}
		buf_addc(out, ' ');
		buf_add(out, w, wl);
		col += 1 + wl;
		w = we;
	}
	buf_adds(out, "\r\n");
}

/* an unstructured header (Subject) from untrusted text */
static void
hdr_text(struct buf *out, const char *name, const char *value)
{
	struct buf c = BUF_INIT, e = BUF_INIT;

	hdr_clean(&c, value);
	if (needs_encoding(c.s)) {
		encode_words(&e, c.s);
		hdr_fold(out, name, e.s);
	} else
		hdr_fold(out, name, c.s);
	buf_release(&c);
	buf_release(&e);
}

/*
 * An address list header (From, To) from config or options: each
 * "Name <addr>" or "addr"; a bad address is dropped; a display name is
 * quoted, or encoded when it is not ASCII.  fallback when none is left.
 */
static void
hdr_addr(struct buf *out, const char *name, const char *value,
    const char *fallback)
{
	struct buf	 c = BUF_INIT, v = BUF_INIT, dn = BUF_INIT;
	char		*p, *next, *lt, *gt, *a;
	size_t		 alen;
	int		 n = 0;

	hdr_clean(&c, value);
	for (p = c.s; p && *p; p = next) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		buf_reset(&dn);
		lt = strchr(p, '<');
		gt = lt ? strchr(lt, '>') : NULL;
		if (lt && gt) {
			*lt = '\0';
			*gt = '\0';
			a = str_trim(lt + 1);
			/* the display name without quotes */
			for (; *p; p++) {
				if (*p != '"' && *p != '\\')
					buf_addc(&dn, *p);
			}
			str_squeeze(dn.s);
			dn.len = strlen(dn.s);
		} else
			a = str_trim(p);
		alen = strlen(a);
		if (!str_mail_addr_ok(a, alen))
			continue;
		if (n++)
			buf_adds(&v, ", ");
		if (dn.len > 0 && needs_encoding(dn.s)) {
			encode_words(&v, dn.s);
			buf_adds(&v, " <");
		} else if (dn.len > 0)
			buf_addf(&v, "\"%s\" <", dn.s);
		buf_add(&v, a, alen);
		if (dn.len > 0)
			buf_addc(&v, '>');
	}
	hdr_fold(out, name, n > 0 ? v.s : fallback);
	buf_release(&c);
	buf_release(&v);
	buf_release(&dn);
}

/*
 * Quoted-printable (RFC 2045 6.7) with CRLF hard line breaks for both
 * "\n" and "\r\n" in s.  Also encoded: a '.' starting a line (sendmail
 * without -i ends the message there) and the F of "From " starting a
 * line (mbox).
 *
 * NOTE: it comes in pieces (a streamed digest): the encoder looks up to
 * four bytes ahead, so the last four of a piece wait for the next one
 * (hold) unless it is the last; *col carries the column over.
 */
struct qp {
	size_t		 col;
	struct buf	 hold;		/* bytes not encoded yet */
};

/* encodes s[0..len); returns the bytes used (all of them when last) */
static size_t
qp_run(struct buf *out, size_t *colp, const char *s, size_t len, int last)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len, *stop;
	size_t			 col = *colp, need;
	char			*o;
	int			 enc;

	/* NOTE: at most 3 bytes per byte plus "=\r\n" per 25 bytes */
	if (buf_grow(out, len * 3 + (len / 25 + 2) * 3) == -1)
		return len;
	stop = last ? end : len > 4 ? end - 4 : p;
	o = out->s + out->len;
	while (p < stop) {
		if (*p == '\r' && p + 1 < end && p[1] == '\n') {
			p++;
			continue;
		}
		if (*p == '\n') {
			*o++ = '\r';
			*o++ = '\n';
			col = 0;
			p++;
			continue;
		}
		enc = *p >= 0x7f || *p == '=' || (*p < 0x20 && *p != '\t');
		/* whitespace before a line break must be encoded */
		if ((*p == ' ' || *p == '\t') && (p + 1 == end ||
		    p[1] == '\n' || p[1] == '\r'))
			enc = 1;
		need = enc ? 3 : 1;
		/* keep room for the soft break '=' */
		if (col + need > QP_LINE - 1) {
			*o++ = '=';
			*o++ = '\r';
			*o++ = '\n';
			col = 0;
		}
		if (col == 0 && (*p == '.' || (*p == 'F' && end - p >= 5 &&
		    memcmp(p, "From ", 5) == 0))) {
			enc = 1;
			need = 3;
		}
		if (enc) {
			*o++ = '=';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		} else
			*o++ = (char)*p;
		col += need;
		p++;
	}
	if (last && col > 0) {
		*o++ = '\r';
		*o++ = '\n';
		col = 0;
	}
	*o = '\0';
	out->len = (size_t)(o - out->s);
	*colp = col;
	return (size_t)(p - (const unsigned char *)s);
}

/* a part's headers, then the body is qp_feed()'s and qp_end()'s */
static void
part_head(struct buf *out, const char *boundary, const char *ctype,
    const char *extra)
{
	buf_addf(out, "--%s\r\n", boundary);
	buf_addf(out, "Content-Type: %s\r\n", ctype);
	buf_adds(out, "Content-Transfer-Encoding: quoted-printable\r\n");
	if (extra)
		buf_adds(out, extra);
	buf_adds(out, "\r\n");
}

/* a streamed part's body: encoded into out, handed on as it fills */
struct qp_sink {
	struct qp			 qp;
	struct buf			*out;
	const struct render_opts	*o;	/* the message's */
};

/* a render_opts.write: s is more of the part's body */
static int
qp_feed(const char *s, size_t len, void *arg)
{
	struct qp_sink	*k = arg;
	struct buf	*h = &k->qp.hold;
	size_t		 n;

	if (h->len == 0) {
		n = qp_run(k->out, &k->qp.col, s, len, 0);
		buf_add(h, s + n, len - n);
	} else {
		buf_add(h, s, len);
		n = qp_run(k->out, &k->qp.col, h->s, h->len, 0);
		memmove(h->s, h->s + n, h->len - n);
		buf_truncate(h, h->len - n);
	}
	render_flush(k->out, k->o, 0);
	return 0;
}

/* the end of a part's body */
static void
qp_end(struct qp_sink *k)
{
	qp_run(k->out, &k->qp.col, k->qp.hold.s, k->qp.hold.len, 1);
	buf_release(&k->qp.hold);
	/* RFC 2046 5.1.1: the CRLF before a boundary belongs to it */
	buf_adds(k->out, "\r\n");
	render_flush(k->out, k->o, 0);
}

/* a part made by renderer r, streamed when o streams */
static int
part_render(struct buf *out, const char *boundary, const char *ctype,
    const struct render_ops *r, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	struct render_opts	 po = *o;
	struct qp_sink		 k;
	struct buf		 body = BUF_INIT;
	int			 rc;

	part_head(out, boundary, ctype, NULL);
	memset(&k, 0, sizeof(k));
	buf_init(&k.qp.hold, 0);
	k.out = out;
	k.o = o;
	po.width = 72;
	po.write = qp_feed;
	po.write_arg = &k;
	rc = r->digest(&body, d, &po, cause);
	if (body.len > 0)
		qp_feed(body.s, body.len, &k);
	qp_end(&k);
	buf_release(&body);
	return rc;
}

/* a part from a body in memory */
static void
part(struct buf *out, const char *boundary, const char *ctype,
    const char *extra, const struct buf *body)
{
	size_t col = 0;

	part_head(out, boundary, ctype, extra);
	qp_run(out, &col, body->s, body->len, 1);
	buf_adds(out, "\r\n");
}

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* a boundary from seed that occurs in none of the bodies */
static void
boundary(char *out, size_t len, const char *kind, const char *seed,
    const struct buf *const *bodies, size_t nbodies)
{
	struct buf	s = BUF_INIT;
	char		h[17];
	size_t		i;
	int		n, clash;

	for (n = 0;; n++) {
		buf_reset(&s);
		buf_addf(&s, "%s/%s/%d", seed, kind, n);
		str_hash64(s.s, s.len, h);
		snprintf(out, len, "=_crier_%s_%s", kind, h);
		for (clash = 0, i = 0; i < nbodies && !clash; i++)
			clash = strstr(bodies[i]->s, out) != NULL;
		if (!clash)
			break;
	}
	buf_release(&s);
}

static int
email_digest(struct buf *out, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	struct buf			 ics = BUF_INIT, seed = BUF_INIT;
	struct buf			 v = BUF_INIT;
	const struct buf		*bodies[1];
	const struct store_item		**ev = NULL;
	const char			**evf = NULL;
	long long			*ids;
	const char			*host = render_host(o), *p;
	char				 date[64], h1[17], h2[17];
	char				 balt[64], bmix[64];
	size_t				 i, n, nev = 0;
	int				 rc = -1;

	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].merged ||
		    d->entries[i].item.event_start == TIME_NONE)
			continue;
		ev = xreallocarray(ev, nev + 1, sizeof(*ev));
		evf = xreallocarray(evf, nev + 1, sizeof(*evf));
		ev[nev] = &d->entries[i].item;
		evf[nev++] = d->entries[i].item.feed_title;
	}
	if (nev > 0)
		render_ics(&ics, ev, evf, nev, o);

	/* the Message-ID: name, sorted item ids, window */
	ids = digest_ids(d, &n);
	if (n > 1)
		qsort(ids, n, sizeof(*ids), id_cmp);
	buf_addf(&seed, "%s\n", o->name ? o->name : "");
	for (i = 0; i < n; i++)
		buf_addf(&seed, "%lld,", ids[i]);
	free(ids);
	if (o->name == NULL && d->since != TIME_NONE)
		buf_addf(&seed, "\n%lld", (long long)d->since);
	str_hash64(seed.s, seed.len, h1);
	buf_addc(&seed, '#');
	str_hash64(seed.s, seed.len, h2);

	/*
	 * NOTE: the text and HTML parts are streamed, so only the calendar
	 * is checked: a boundary starts with "=_", which no
	 * quoted-printable body can hold (every '=' is encoded), so the
	 * check is only a second belt
	 */
	bodies[0] = &ics;
	boundary(balt, sizeof(balt), "alt", seed.s, bodies, 1);
	boundary(bmix, sizeof(bmix), "mix", seed.s, bodies, 1);

	buf_addf(&v, "crier@%s", host);
	hdr_addr(out, "From", o->from, v.s);
	hdr_addr(out, "To", o->to, "root");
	buf_reset(&v);
	if (o->title)
		buf_adds(&v, o->title);
	else {
		buf_adds(&v, "crier digest");
		if (o->name)
			buf_addf(&v, " %s", o->name);
		buf_addf(&v, ": %zu item%s", d->nshown,
		    d->nshown == 1 ? "" : "s");
	}
	hdr_text(out, "Subject", v.s);
	if (time_rfc5322(o->now, date, sizeof(date)) == 0)
		buf_addf(out, "Date: %s\r\n", date);
	buf_addf(out, "Message-ID: <crier.%s%s@%s>\r\n", h1, h2, host);
	/* RFC 2919: list-id is a dot-atom */
	buf_reset(&v);
	for (p = o->name ? o->name : "digest"; *p && v.len < 60; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			buf_addc(&v, *p);
		else
			buf_addc(&v, '-');
	}
	if (v.len == 0)
		buf_adds(&v, "digest");
	buf_addf(out, "List-Id: crier digest <%s.crier.%s>\r\n", v.s, host);
	buf_adds(out, "Auto-Submitted: auto-generated\r\n"
	    "Precedence: bulk\r\n"
	    "MIME-Version: 1.0\r\n");
	if (nev > 0) {
		buf_addf(out, "Content-Type: multipart/mixed;\r\n"
		    " boundary=\"%s\"\r\n\r\n", bmix);
		buf_adds(out, "This is a multi-part message in MIME format."
		    "\r\n\r\n");
		buf_addf(out, "--%s\r\n", bmix);
	}
	buf_addf(out, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"%s\"\r\n\r\n", balt);
	if (nev == 0)
		buf_adds(out, "This is a multi-part message in MIME format."
		    "\r\n");
	buf_adds(out, "\r\n");
	render_flush(out, o, 0);
	if (part_render(out, balt, "text/plain; charset=utf-8",
	    &render_text_ops, d, o, cause) == -1 ||
	    part_render(out, balt, "text/html; charset=utf-8",
	    &render_html_ops, d, o, cause) == -1)
		goto out;
	buf_addf(out, "--%s--\r\n", balt);
	if (nev > 0) {
		buf_adds(out, "\r\n");
		part(out, bmix, "text/calendar; charset=utf-8; method=PUBLISH;"
		    "\r\n name=\"events.ics\"",
		    "Content-Disposition: attachment; filename=\"events.ics\""
		    "\r\n", &ics);
		buf_addf(out, "--%s--\r\n", bmix);
	}
	rc = 0;
out:
	free(ev);
	free(evf);
	buf_release(&ics);
	buf_release(&seed);
	buf_release(&v);
	return rc;
}

const struct render_ops render_email_ops = {
	"email",
	email_digest,
	RENDER_ONE_BODY,
};
