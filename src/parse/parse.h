/*
 * parse.h: bytes + base URL -> struct feed.  No I/O, no printing.
 * Detection is by content (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed);
 * a document that is no feed is an error.
 */
#ifndef CRIER_PARSE_H
#define CRIER_PARSE_H

#include <signal.h>
#include <stddef.h>

#include "parse/feed.h"

/* s of the parsing thread's CPU a feed of a poll may take */
#define PARSE_CPU_BUDGET	5

struct parse_opts {
	const char	*base;		/* document URL, or NULL */
	const char	*charset;	/* charset from HTTP Content-Type, or NULL */
	int		 libxml2;	/* read XML with libxml2 alone, never
					   the hand-written reader (to compare
					   the two) */
	double		 cpu_budget;	/* s of the calling thread's CPU the
					   parse may take; 0: no limit */
	volatile sig_atomic_t *stop;	/* set (a signal): give up soon */
};

/*
 * Parses data[0..len).  On success returns a feed the caller frees with
 * feed_free().  On failure returns NULL and sets *cause to a malloc'd,
 * human-readable reason ("not a feed: HTML document", ...).  A parse
 * that spent its cpu_budget or saw *stop set gives up, whatever it read
 * so far, with a cause saying so.
 */
struct feed	*parse_feed(const char *data, size_t len,
		    const struct parse_opts *, char **cause);

/*
 * 1 when cause (from parse_feed()) says the document is no feed at all
 * (HTML, empty, another XML vocabulary) rather than a broken one.
 */
int		 parse_cause_not_feed(const char *cause);

#endif
