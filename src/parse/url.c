/*
 * url.c: URI reference resolution (RFC 3986 section 5) and the canonical
 * form of a link used as a dedup key.
 *
 * A reference is split with the regular expression of RFC 3986 appendix B
 * (scheme, authority, path, query, fragment, each with a "defined" flag so
 * that an empty query "?" differs from none), resolved with the strict
 * algorithm of 5.2.2, cleaned with remove_dot_segments (5.2.4) and put back
 * together as in 5.3.  No percent-decoding happens during resolution; only
 * url_canonical() normalises escapes (6.2.2).  Hostnames are not IDNA
 * converted and IP literals are taken as they are written.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/url.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

struct uri {
	const char	*scheme, *auth, *path, *query, *frag;
	size_t		 scheme_len, auth_len, path_len, query_len, frag_len;
	int		 has_scheme, has_auth, has_query, has_frag;
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}


static int
is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* length of "scheme:" without the colon, 0 if s does not start with one */
static size_t
scheme_len(const char *s)
{
	size_t	i;

	if (!is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':')
			return i;
		if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' &&
		    c != '.')
			return 0;
	}
	return 0;
}

int
url_is_absolute(const char *s)
{
	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return scheme_len(s) != 0;
}

/*
 * A reference as found in feeds: leading and trailing whitespace and
 * control characters dropped, tabs and line breaks inside removed with
 * the indentation around them (a long href wrapped over two lines).
 */
static char *
clean_ref(const char *s)
{
	struct buf	b = BUF_INIT;
	size_t		len;

	while (*s != '\0' && (unsigned char)*s <= 0x20)
		s++;
	len = strlen(s);
	while (len > 0 && (unsigned char)s[len - 1] <= 0x20)
		len--;
	/* the common case: nothing to drop inside */
	if (memchr(s, '\n', len) == NULL && memchr(s, '\r', len) == NULL &&
	    memchr(s, '\t', len) == NULL)
		return xstrndup(s, len);
	buf_grow(&b, len);
	for (; len > 0; s++, len--) {
		if (*s == '\n' || *s == '\r') {
			/* a line break and the indentation around it */
			while (b.len > 0 && (b.s[b.len - 1] == ' ' ||
			    b.s[b.len - 1] == '\t'))
				buf_truncate(&b, b.len - 1);
			while (len > 1 && (s[1] == ' ' || s[1] == '\t' ||
			    s[1] == '\n' || s[1] == '\r')) {
				s++;
				len--;
			}
			continue;
		}
		if (*s != '\t')
			buf_addc(&b, *s);
	}
	return buf_detach(&b, NULL);
}

/* RFC 3986 appendix B */
static void
uri_split(const char *s, struct uri *u)
{
	size_t	n;

	memset(u, 0, sizeof(*u));
	if ((n = scheme_len(s)) != 0) {
		u->has_scheme = 1;
		u->scheme = s;
		u->scheme_len = n;
		s += n + 1;
	}
	if (s[0] == '/' && s[1] == '/') {
		s += 2;
		u->has_auth = 1;
		u->auth = s;
		u->auth_len = strcspn(s, "/?#");
		s += u->auth_len;
	}
	u->path = s;
	u->path_len = strcspn(s, "?#");
	s += u->path_len;
	if (*s == '?') {
		s++;
		u->has_query = 1;
		u->query = s;
		u->query_len = strcspn(s, "#");
		s += u->query_len;
	}
	if (*s == '#') {
		s++;
		u->has_frag = 1;
		u->frag = s;
		u->frag_len = strlen(s);
	}
}

/* drops the last segment and its preceding "/" from out (5.2.4 C) */
static void
pop_segment(struct buf *out)
{
	size_t	n = out->len;

	while (n > 0 && out->s[n - 1] != '/')
		n--;
	if (n > 0)
		n--;
	buf_truncate(out, n);
}

/* 1 if the path p[0..len) has a "." or ".." segment */
static int
has_dot_segment(const char *p, size_t len)
{
	const char	*e = p + len, *d;

	for (d = p; (d = memchr(d, '.', (size_t)(e - d))) != NULL; d++) {
		if (d != p && d[-1] != '/')
			continue;
		if (d + 1 == e || d[1] == '/')
			return 1;
		if (d[1] == '.' && (d + 2 == e || d[2] == '/'))
			return 1;
	}
	return 0;
}

/* url_is_resolved(): 1 for NUL, tab, LF, CR; 2 for '/'; 4 for '?', '#' */
static const unsigned char ref_class[256] = {
	['\0'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
	['/'] = 2, ['?'] = 4, ['#'] = 4,
};

int
url_is_resolved(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, p0;
	uint64_t		 v;
	int			 c;

	if (len == 0 || u[0] <= 0x20 || u[len - 1] <= 0x20)
		return 0;
	/* eight at a time: is any byte below 0x0e (NUL, tab, LF, CR)? */
	for (; len - i >= 8; i += 8) {
		memcpy(&v, u + i, sizeof(v));
		if (((v - 0x0e0e0e0e0e0e0e0eULL) & ~v & 0x8080808080808080ULL)
		    != 0)
			break;
	}
	for (; i < len; i++)
		if (ref_class[u[i]] & 1)
			return 0;
	/* the scheme, as scheme_len() reads it */
	if (!is_alpha(u[0]))
		return 0;
	for (i = 1; i < len && u[i] != ':'; i++) {
		c = u[i];
		if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' &&
		    c != '.')
			return 0;
	}
	if (i >= len)
		return 0;
	i++;
	/* the authority and the path, as uri_split() cuts them */
	if (len - i >= 2 && u[i] == '/' && u[i + 1] == '/')
		for (i += 2; i < len && (ref_class[u[i]] & 6) == 0; i++)
			;
	for (p0 = i; i < len && (ref_class[u[i]] & 4) == 0; i++)
		;
	return !has_dot_segment(s + p0, i - p0);
}

/* RFC 3986 5.2.4 remove_dot_segments, appending to out */
static void
remove_dots(struct buf *out, const char *p, size_t len)
{
	struct buf	res = BUF_INIT;
	const char	*e = p + len;

	while (p < e) {
		size_t rest = (size_t)(e - p), seg;

		/* A: "../" and "./" prefixes */
		if (rest >= 3 && memcmp(p, "../", 3) == 0) {
			p += 3;
			continue;
		}
		if (rest >= 2 && memcmp(p, "./", 2) == 0) {
			p += 2;
			continue;
		}
		/* B: "/./" or a final "/." */
		if (rest >= 3 && memcmp(p, "/./", 3) == 0) {
			p += 2;
			continue;
		}
		if (rest == 2 && memcmp(p, "/.", 2) == 0) {
			buf_addc(&res, '/');
			p += 2;
			continue;
		}
		/* C: "/../" or a final "/.." */
		if (rest >= 4 && memcmp(p, "/../", 4) == 0) {
			p += 3;
			pop_segment(&res);
			continue;
		}
		if (rest == 3 && memcmp(p, "/..", 3) == 0) {
			p += 3;
			pop_segment(&res);
			buf_addc(&res, '/');
			continue;
		}
		/* D: a lone "." or ".." */
		if ((rest == 1 && p[0] == '.') ||
		    (rest == 2 && memcmp(p, "..", 2) == 0))
			break;
		/* E: move the first segment, with its leading "/" */
		seg = *p == '/' ? 1 : 0;
		while (p + seg < e && p[seg] != '/')
			seg++;
		buf_add(&res, p, seg);
		p += seg;
	}
	buf_add(out, res.s, res.len);
	buf_release(&res);
}

char *
url_resolve(const char *base, const char *ref)
{
	struct uri	 b, r;
	struct buf	 out = BUF_INIT, path = BUF_INIT;
	char		*rs, *bs;
	const char	*q;
	size_t		 qlen;
	int		 has_q;

	if (ref == NULL)
		return NULL;
	rs = clean_ref(ref);
	if (base == NULL || !url_is_absolute(base))
		return rs;
	uri_split(rs, &r);
	/*
	 * An absolute reference without dot segments resolves to itself:
	 * the pieces below would put it back together byte for byte.
	 */
	if (r.has_scheme && !has_dot_segment(r.path, r.path_len))
		return rs;
	bs = clean_ref(base);
	uri_split(bs, &b);

	/* RFC 3986 5.2.2, strict: a scheme in the reference wins */
	if (r.has_scheme)
		buf_add(&out, r.scheme, r.scheme_len);
	else
		buf_add(&out, b.scheme, b.scheme_len);
	buf_addc(&out, ':');
	/* then an authority in the reference does */
	if (r.has_scheme || r.has_auth) {
		if (r.has_auth) {
			buf_adds(&out, "//");
			buf_add(&out, r.auth, r.auth_len);
		}
		remove_dots(&out, r.path, r.path_len);
		q = r.query, qlen = r.query_len, has_q = r.has_query;
		goto tail;
	}
	if (b.has_auth) {
		buf_adds(&out, "//");
		buf_add(&out, b.auth, b.auth_len);
	}
	if (r.path_len == 0) {
		buf_add(&out, b.path, b.path_len);
		if (r.has_query)
			q = r.query, qlen = r.query_len, has_q = 1;
		else
			q = b.query, qlen = b.query_len, has_q = b.has_query;
		goto tail;
	}
	if (r.path[0] == '/')
		buf_add(&path, r.path, r.path_len);
	else {
		/* 5.2.3 merge */
		if (b.has_auth && b.path_len == 0)
			buf_addc(&path, '/');
		else {
			size_t n = b.path_len;

			while (n > 0 && b.path[n - 1] != '/')
				n--;
			buf_add(&path, b.path, n);
		}
		buf_add(&path, r.path, r.path_len);
	}
	remove_dots(&out, path.s, path.len);
	q = r.query, qlen = r.query_len, has_q = r.has_query;
tail:
	if (has_q) {
		buf_addc(&out, '?');
		buf_add(&out, q, qlen);
	}
	if (r.has_frag) {
		buf_addc(&out, '#');
		buf_add(&out, r.frag, r.frag_len);
	}
	buf_release(&path);
	free(bs);
	free(rs);
	return buf_detach(&out, NULL);
}

/* query parameters that only track the reader */
static const char *const tracking[] = {
	"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid",
	"mc_eid", "igshid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp",
	"hsctatracking", "ref_src", "ref_url", "yclid", "_openstat",
	"mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
	"twclid", "ttclid", "srsltid", "wickedid", "rb_clickid", "s_cid",
};

static int
is_tracking(const char *k, size_t len)
{
	size_t	i;

	if (len >= 4 && strncasecmp(k, "utm_", 4) == 0)
		return 1;
	for (i = 0; i < nitems(tracking); i++)
		if (strlen(tracking[i]) == len &&
		    strncasecmp(k, tracking[i], len) == 0)
			return 1;
	return 0;
}

/*
 * RFC 3986 6.2.2.1-2: hex digits of escapes upper-cased, escaped
 * unreserved characters decoded, spaces, controls and stray '%'
 * escaped.
 */
static void
add_normalised(struct buf *out, const char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	i;

	for (i = 0; i < len; i++) {
		if (p[i] == '%' && i + 2 < len &&
		    is_hex((unsigned char)p[i + 1]) &&
		    is_hex((unsigned char)p[i + 2])) {
			int h = (unsigned char)p[i + 1];
			int l = (unsigned char)p[i + 2];
			int v;

			h = is_digit(h) ? h - '0' : lower(h) - 'a' + 10;
			l = is_digit(l) ? l - '0' : lower(l) - 'a' + 10;
			v = h * 16 + l;
			if (is_alpha(v) || is_digit(v) || v == '-' || v == '.' ||
			    v == '_' || v == '~')
				buf_addc(out, v);
			else {
				buf_addc(out, '%');
				buf_addc(out, hex[h]);
				buf_addc(out, hex[l]);
			}
			i += 2;
			continue;
		}
		if ((unsigned char)p[i] <= 0x20 || p[i] == 0x7f ||
		    p[i] == '%') {
			/*
			 * a space left inside a link; a '%' that starts no
			 * escape, so that a decoded "%%34e" cannot become
			 * "%4e" and then "N" (the canonical form is a fixed
			 * point)
			 */
			buf_addc(out, '%');
			buf_addc(out, hex[(unsigned char)p[i] >> 4]);
			buf_addc(out, hex[p[i] & 0xf]);
			continue;
		}
		buf_addc(out, p[i]);
	}
}

char *
url_canonical(const char *url)
{
	struct uri	 u;
	struct buf	 out = BUF_INIT, path = BUF_INIT;
	char		*s;
	const char	*host, *port, *at, *e, *p;
	size_t		 i, host_len, port_len;
	int		 https, first = 1;

	if (url == NULL)
		return NULL;
	s = clean_ref(url);
	uri_split(s, &u);
	https = u.scheme_len == 5 && strncasecmp(u.scheme, "https", 5) == 0;
	if (!u.has_scheme || !u.has_auth || (!https && !(u.scheme_len == 4 &&
	    strncasecmp(u.scheme, "http", 4) == 0)))
		return s;

	for (i = 0; i < u.scheme_len; i++)
		buf_addc(&out, lower((unsigned char)u.scheme[i]));
	buf_adds(&out, "://");

	/* authority: [userinfo@]host[:port]; userinfo keeps its case */
	e = u.auth + u.auth_len;
	at = NULL;
	for (p = u.auth; p < e; p++)
		if (*p == '@')
			at = p;
	host = at != NULL ? at + 1 : u.auth;
	if (at != NULL)
		buf_add(&out, u.auth, (size_t)(host - u.auth));
	p = host;
	if (*p == '[') {			/* IP literal */
		while (p < e && *p != ']')
			p++;
		if (p < e)
			p++;
	} else
		while (p < e && *p != ':')
			p++;
	host_len = (size_t)(p - host);
	port = NULL;
	port_len = 0;
	if (p < e && *p == ':') {
		port = p + 1;
		port_len = (size_t)(e - port);
	}
	for (i = 0; i < host_len; i++)
		buf_addc(&out, lower((unsigned char)host[i]));
	if (port != NULL && port_len > 0 &&
	    !(port_len == 2 && !https && memcmp(port, "80", 2) == 0) &&
	    !(port_len == 3 && https && memcmp(port, "443", 3) == 0)) {
		buf_addc(&out, ':');
		buf_add(&out, port, port_len);
	}

	/*
	 * path: escapes normalised, then dot segments removed (RFC 3986
	 * 6.2.2 order, so "%2E%2E" goes too), "" as "/"
	 */
	add_normalised(&path, u.path, u.path_len);
	if (path.len == 0)
		buf_addc(&out, '/');
	else
		remove_dots(&out, path.s, path.len);

	/* query: tracking parameters out, the others in their order */
	if (u.has_query) {
		const char *q = u.query, *qe = u.query + u.query_len;

		while (q < qe) {
			const char	*amp = memchr(q, '&', (size_t)(qe - q));
			size_t		 plen, klen;

			if (amp == NULL)
				amp = qe;
			plen = (size_t)(amp - q);
			/*
			 * the name is judged once normalised, so "utm%5Fx"
			 * goes as "utm_x" does (the canonical form must be
			 * a fixed point: a fuzz-url find)
			 */
			buf_reset(&path);
			add_normalised(&path, q, plen);
			klen = 0;
			while (klen < path.len && path.s[klen] != '=')
				klen++;
			if (path.len > 0 && !is_tracking(path.s, klen)) {
				buf_addc(&out, first ? '?' : '&');
				buf_add(&out, path.s, path.len);
				first = 0;
			}
			q = amp + 1;
		}
	}
	buf_release(&path);
	free(s);
	return buf_detach(&out, NULL);
}

int
url_identity_view(const char *canon, const char **hp, size_t *len,
    const char **query)
{
	const char *p, *path, *q;
	size_t n;

	if (strncmp(canon, "https://", 8) == 0)
		p = canon + 8;
	else if (strncmp(canon, "http://", 7) == 0)
		p = canon + 7;
	else
		return 0;
	/* NOTE: "www." only when a name is left after it ("www.com") */
	if (strncmp(p, "www.", 4) == 0 &&
	    strcspn(p + 4, ".") < strcspn(p + 4, "/"))
		p += 4;
	path = p + strcspn(p, "/");
	q = path + strcspn(path, "?");
	n = (size_t)(q - p);
	while (n > (size_t)(path - p) && p[n - 1] == '/')
		n--;
	*hp = p;
	*len = n;
	*query = q;
	return 1;
}

char *
url_identity(const char *url)
{
	struct buf	 out = BUF_INIT;
	const char	*hp, *q;
	char		*c;
	size_t		 n;

	if (url == NULL || (c = url_canonical(url)) == NULL)
		return NULL;
	if (!url_identity_view(c, &hp, &n, &q)) {
		free(c);
		return NULL;
	}
	buf_add(&out, hp, n);
	buf_adds(&out, q);
	free(c);
	return buf_detach(&out, NULL);
}
