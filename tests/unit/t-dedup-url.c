/*
 * tests/unit/t-dedup-url.c: links that name the same item share one
 * canonical form, and links that name different items keep apart; the
 * identity form (issue 13) also ignores the scheme, "www." and a
 * trailing slash, and keeps every other query parameter
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/url.h"
#include "../tap.h"

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*a, *b;
	int		 same;
} pairs[] = {
	{ "http://Example.com/post/1", "http://example.com/post/1", 1 },
	{ "http://example.com:80/post/1", "http://example.com/post/1", 1 },
	{ "https://example.com:443/p", "https://example.com/p", 1 },
	{ "http://example.com/p#comments", "http://example.com/p", 1 },
	{ "http://example.com/p?utm_source=feedburner&utm_medium=feed"
	    "&utm_campaign=Feed%3A+x", "http://example.com/p", 1 },
	{ "http://example.com/p?id=3&fbclid=IwAR0", "http://example.com/p?id=3",
	    1 },
	{ "http://example.com", "http://example.com/", 1 },
	{ "http://example.com/a/../p", "http://example.com/p", 1 },
	{ "http://example.com/%7Ejo", "http://example.com/~jo", 1 },
	{ " http://example.com/p\n", "http://example.com/p", 1 },
	/* different items stay different */
	{ "http://example.com/p?id=3", "http://example.com/p?id=4", 0 },
	{ "http://example.com/p?a=1&b=2", "http://example.com/p?b=2&a=1", 0 },
	{ "http://example.com/P", "http://example.com/p", 0 },
	{ "http://example.com/p", "https://example.com/p", 0 },
	{ "http://example.com:8080/p", "http://example.com/p", 0 },
	{ "http://example.com/p/", "http://example.com/p", 0 },
	{ "http://example.com/p?ref=rss", "http://example.com/p", 0 },
};

static const struct {
	const char	*url, *want;	/* want NULL: no identity */
} idents[] = {
	{ "http://example.org/p/1", "example.org/p/1" },
	{ "https://example.org/p/1", "example.org/p/1" },
	{ "https://www.example.org/p/1/", "example.org/p/1" },
	{ "HTTP://WWW.Example.ORG:80/p/1#c", "example.org/p/1" },
	{ "https://example.org:443/", "example.org" },
	{ "https://example.org", "example.org" },
	{ "https://example.org/a//", "example.org/a" },
	{ "https://example.org/?p=123", "example.org?p=123" },
	{ "https://example.org/a/?id=5&utm_source=x&fbclid=y", "example.org/a?id=5" },
	{ "https://example.org/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&gclid=5",
	    "example.org/a" },
	{ "https://example.org:8443/a", "example.org:8443/a" },
	{ "https://www.com/a", "www.com/a" },
	{ "https://wwwx.example.org/a", "wwwx.example.org/a" },
	{ "https://example.org/P", "example.org/P" },
	{ "tag:example.org,2026:1", NULL },
	{ "urn:uuid:1234", NULL },
	{ "ftp://example.org/a", NULL },
	{ "/relative/only", NULL },
};

int
main(void)
{
	size_t	i;

	plan((int)(nitems(pairs) + nitems(idents)));
	for (i = 0; i < nitems(idents); i++) {
		char *id = url_identity(idents[i].url);

		is_str(id ? id : "(none)", idents[i].want ? idents[i].want :
		    "(none)", "identity of '%s'", idents[i].url);
		free(id);
	}
	for (i = 0; i < nitems(pairs); i++) {
		char	*a = url_canonical(pairs[i].a);
		char	*b = url_canonical(pairs[i].b);

		ok((strcmp(a, b) == 0) == pairs[i].same, "'%s' %s '%s'",
		    pairs[i].a, pairs[i].same ? "==" : "!=", pairs[i].b);
		if ((strcmp(a, b) == 0) != pairs[i].same)
			printf("#   '%s' vs '%s'\n", a, b);
		free(a);
		free(b);
	}
	return done_testing();
}
