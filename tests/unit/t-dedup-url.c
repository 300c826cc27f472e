/*
 * tests/unit/t-dedup-url.c: links that name the same item share one
 * canonical form, and links that name different items keep apart
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

int
main(void)
{
	size_t	i;

	plan((int)nitems(pairs));
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
