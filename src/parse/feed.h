/*
 * feed.h: the parsed feed as plain data, what the parse stage hands to the
 * store and to `crier parse --json`.  Every string is malloc'd, valid UTF-8,
 * or NULL when the feed does not carry the field.  Dates are UTC time_t,
 * TIME_NONE when absent or unparseable.  feed_free() frees everything.
 */
#ifndef CRIER_FEED_H
#define CRIER_FEED_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "util/buf.h"

enum feed_format {
	FEED_FORMAT_UNKNOWN = 0,
	FEED_FORMAT_RSS09X,
	FEED_FORMAT_RSS10,
	FEED_FORMAT_RSS20,
	FEED_FORMAT_ATOM03,
	FEED_FORMAT_ATOM10,
	FEED_FORMAT_JSONFEED,
};

struct enclosure {
	char		*url;
	char		*type;
	long long	 length;	/* -1 when not given */
};

/*
 * Which fields are plain text rather than HTML (an Atom type="text"
 * construct, an RSS title that does not look like HTML): `parse --json`
 * gives them as they are, as feedparser does; feed_text_to_html() makes
 * them HTML for the store, where "Using <vector>" must keep its
 * "<vector>".
 */
#define ENTRY_TITLE_TEXT	0x1
#define ENTRY_SUMMARY_TEXT	0x2
#define ENTRY_CONTENT_TEXT	0x4
#define ENTRY_ESCAPED		0x8	/* feed_text_to_html() has run */
#define FEED_TITLE_TEXT		0x1
#define FEED_SUBTITLE_TEXT	0x2

struct entry {
	char		*id;		/* guid / atom:id / json id */
	char		*title;		/* HTML where the feed has HTML */
	char		*link;		/* absolute where resolvable */
	time_t		 published;
	time_t		 updated;
	char		*author;
	char		*summary;	/* sanitized HTML or text */
	char		*content;	/* sanitized HTML or text */
	char		**categories;
	size_t		 ncategories;
	struct enclosure *enclosures;
	size_t		 nenclosures;
	unsigned	 text;		/* ENTRY_*_TEXT */
};

struct feed {
	enum feed_format format;
	char		*title;
	char		*link;
	char		*id;
	char		*subtitle;
	time_t		 updated;
	char		*language;
	char		*author;
	unsigned	 text;		/* FEED_*_TEXT */
	/* how often the feed says it changes, for the poll's schedule (not
	 * in `parse --json`): 0 when it does not say */
	long long	 ttl;		/* RSS <ttl>, in seconds */
	long long	 sy_period;	/* sy:updatePeriod, in seconds */
	long long	 sy_frequency;	/* sy:updateFrequency, times a period */
	struct entry	*entries;
	size_t		 nentries;
	size_t		 centries;	/* allocated */
};

struct feed	*feed_new(void);
void		 feed_free(struct feed *);
/* appends a zeroed entry (dates TIME_NONE, lengths -1) and returns it */
struct entry	*feed_add_entry(struct feed *);
void		 entry_add_category(struct entry *, const char *);
struct enclosure *entry_add_enclosure(struct entry *);
void		 entry_release(struct entry *);
const char	*feed_format_name(enum feed_format);
/* the fields marked plain text, escaped into HTML; entries keep their
 * marks, with ENTRY_ESCAPED, for store_item_key() */
void		 feed_text_to_html(struct feed *f);
/* appends to b the text feed_text_to_html() made s of, as it was (an
 * item keyed by its title keeps its key) */
void		 feed_text_unescape(struct buf *b, const char *s);
/* `crier parse --json` output (SPEC.md) for f, appended to b */
void		 feed_to_json(const struct feed *f, struct buf *b);
/* the same written to fp in chunks; -1 if a write fails */
int		 feed_write_json(const struct feed *f, FILE *fp);

#endif
