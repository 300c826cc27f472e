/*
 * discover.h: the feeds a web page names, for `crier add PAGE`.
 */
#ifndef CRIER_DISCOVER_H
#define CRIER_DISCOVER_H

#include <stddef.h>

/*
 * The feeds that the HTML html[0..len), fetched from base, links with
 * <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">,
 * resolved against <base href> and base, in document order, without
 * repeats; then, when tail is set, the usual paths (/feed, /rss.xml,
 * /atom.xml, /index.xml, /feed.xml) on base's site.  Returns the count
 * and a malloc'd array of malloc'd URLs in *out (strv_free()).
 */
size_t	discover_feeds(const char *html, size_t len, const char *base,
	    int tail, char ***out);
/* the usual feed paths resolved against base, as discover_feeds() adds */
size_t	discover_usual(const char *base, char ***out);

#endif
