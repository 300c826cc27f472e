/*
 * tag.h: compiled [tag] rules (POSIX ERE, case-insensitive) and feed tags
 * -> the tag names of one entry, each with where it came from
 * ("feed", "community-call: title", ...).  No SQL.
 */
#ifndef CRIER_TAG_H
#define CRIER_TAG_H

#include <stddef.h>

#include "config.h"
#include "feed.h"

struct tagger;

struct tag_result {
	char	**names;	/* tag names, unique */
	char	**sources;	/* "feed" or "RULE:FIELD" for names[i] */
	size_t	 n;
};

/*
 * Compiles every rule of c.  A regex that does not compile is reported as
 * "crier: FILE:LINE: ..." and makes the call return NULL.
 */
struct tagger	*tagger_new(const struct config *c);
void		 tagger_free(struct tagger *);
/* on (the default): plain-word patterns skip regexec (tests turn it off
 * to compare the two paths) */
void		 tagger_set_literal(struct tagger *, int on);
/*
 * Tags of entry e of the feed at feed_url (feed tags from the config
 * included).  Fills *out (caller releases with tag_result_release).
 */
int		 tagger_apply(const struct tagger *, const char *feed_url,
		    const struct entry *e, struct tag_result *out);
void		 tag_result_release(struct tag_result *);

/*
 * Appends the text of s[0..len) to out the way rules and event extraction
 * see it: with TAG_TEXT_HTML markup is dropped (script and style with
 * their contents) and character references decoded; then Latin, Greek and
 * Cyrillic capitals are lowercased, typographic spaces, dashes and quotes
 * folded to ASCII, and whitespace runs collapsed to one space.  At most
 * max bytes are appended (cut on a character boundary).  With
 * TAG_TEXT_KEEPCASE the letters keep their case (event.c looks at
 * "ET" versus "et").
 */
enum tag_text_flags {
	TAG_TEXT_HTML		= 1 << 0,
	TAG_TEXT_KEEPCASE	= 1 << 1,
};
void		 tag_text(struct buf *out, const char *s, size_t len,
		    unsigned flags, size_t max);

#endif
