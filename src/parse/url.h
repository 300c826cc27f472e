/*
 * url.h: URL resolution (RFC 3986 section 5) and canonical form for dedup.
 */
#ifndef CRIER_URL_H
#define CRIER_URL_H

/*
 * Resolves ref against base (either may be NULL).  Returns a malloc'd
 * string: the resolved URL, or a copy of ref when it cannot be resolved
 * (no base, or base not absolute).  NULL only when ref is NULL.
 */
char	*url_resolve(const char *base, const char *ref);
/* 1 if s has a scheme ("http:", "mailto:" ...) */
int	 url_is_absolute(const char *s);
/*
 * 1 if url_resolve(base, ref) gives ref back unchanged whatever base is,
 * ref being s[0..len): an absolute reference with no dot segment in its
 * path and nothing for the clean-up to drop (no NUL, tab or line break,
 * no whitespace or control at either end).  0 when it may not.
 */
int	 url_is_resolved(const char *s, size_t len);
/*
 * Canonical form for deduplication: scheme and host lower-cased, default
 * ports, fragment and tracking parameters (utm_*, fbclid, gclid, ...)
 * dropped, empty path as "/".  Malloc'd; a copy of url if it is not a
 * http(s) URL.
 */
char	*url_canonical(const char *url);
/*
 * Identity form for deduplication (what names one post, whatever the
 * site's move): url_canonical() without the scheme ("http"/"https"), a
 * leading "www." of the host and the path's trailing '/', so that
 * "http://www.x.org/p/" and "https://x.org/p" give "x.org/p".  Every
 * other query parameter stays.  Malloc'd; NULL if url is not a http(s)
 * URL with a host.  Never shown to people: it is not a link.
 */
char	*url_identity(const char *url);
/*
 * url_identity() of a URL already in canonical form, without a copy: it
 * is hp[0, len) then query (its '?' on, "" for none), both inside canon.
 * 0 (and nothing set) if canon is not a http(s) URL.
 */
int	 url_identity_view(const char *canon, const char **hp, size_t *len,
	    const char **query);

#endif
