/*
 * opml.h: OPML 2.0 subscription lists in and out (opml.org/spec2).
 * Plain data in, plain data out: no config, no database.
 */
#ifndef CRIER_OPML_H
#define CRIER_OPML_H

#include <stddef.h>

#include "util/buf.h"

struct opml_feed {
	char	 *url;		/* xmlUrl, as written */
	char	 *title;	/* title, else text; NULL: none */
	char	 *html_url;	/* the site (htmlUrl), NULL: none; written,
				   not read */
	char	**tags;		/* the folders above it, then its
				   categories, no repeats */
	size_t	  ntags;
};

struct opml {
	struct opml_feed	*feeds;
	size_t			 nfeeds;
};

/*
 * Reads the OPML document data[0..len) into o (zeroed by the caller):
 * every outline with an xmlUrl is a feed, any other outline a folder
 * whose text (or title) tags the feeds inside it.  libxml2 reads it
 * without network access, external DTDs or entity expansion.  Returns 0,
 * or -1 with a malloc'd *cause when it is no OPML document.
 */
int	opml_parse(const char *data, size_t len, struct opml *o, char **cause);
void	opml_release(struct opml *);
/*
 * Appends an OPML 2.0 document of feeds[0..n) to out: a feed with tags
 * sits in the folder of its first tag and lists all its tags in its
 * category attribute ("/tag1,/tag2"), so that a reader of either form
 * gets them back.
 */
void	opml_write(struct buf *out, const struct opml_feed *feeds, size_t n);

#endif
