/*
 * tag.h: compiled [tag] rules (POSIX ERE, case-insensitive) and feed tags
 * -> the tag names of one entry, each with where it came from
 * ("feed", "community-call: title", ...).  No SQL.
 */
#ifndef CRIER_TAG_H
#define CRIER_TAG_H

#include <stddef.h>
#include <time.h>

#include "conf.h"
#include "parse/feed.h"
#include "util/buf.h"

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
/*
 * Whether every [tag] regex of c compiles, as tagger_new() would say,
 * without building the rest: 0, or -1 after naming the file and line.
 */
int		 tagger_check(const struct config *c);
/*
 * How the strings a pattern needs are looked for before regexec: the
 * default picks by their number (tag.c); tests force each way, and
 * TAG_LIT_NONE (always regexec), to compare them.
 */
enum tag_lit {
	TAG_LIT_AUTO,
	TAG_LIT_ONE_PASS,	/* all of them in one pass over a text */
	TAG_LIT_EACH,		/* each one by memchr() */
	TAG_LIT_NONE,
};
void		 tagger_set_literal(struct tagger *, enum tag_lit);
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
/*
 * Appends s[0..len), text made by tag_text() with TAG_TEXT_KEEPCASE, with
 * its letters lowercased: exactly what tag_text() makes of the same input
 * and flags without TAG_TEXT_KEEPCASE (the folding of the letters changes
 * no character's length, so even the cut at max falls alike).
 */
void		 tag_text_lower(struct buf *out, const char *s, size_t len);

/*
 * An entry's title, summary and content as tag_text() makes them with
 * TAG_TEXT_HTML | TAG_TEXT_KEEPCASE, at most TAG_MAX_TITLE,
 * TAG_MAX_SUMMARY and TAG_MAX_CONTENT bytes: made once, on first use,
 * for the rules (which lowercase them with tag_text_lower()) and the
 * event extraction (event.h).  Reusable: tag_texts_reset() for the next
 * entry keeps the memory.
 */
#define TAG_MAX_TITLE		1024
#define TAG_MAX_SUMMARY		4096
#define TAG_MAX_CONTENT		4096

enum {
	TAG_TEXT_TITLE,
	TAG_TEXT_SUMMARY,
	TAG_TEXT_CONTENT,
	TAG_TEXT_NFIELDS
};

struct tag_texts {
	const struct entry	*e;
	struct buf		 keep[TAG_TEXT_NFIELDS];
	struct buf		 lower[TAG_TEXT_NFIELDS];	/* the rules' */
	unsigned		 made;		/* bit i: keep[i] is made */
	unsigned		 made_lower;	/* bit i: lower[i] is made */
	unsigned		 caps;		/* bit i: keep[i] may have
						 * capitals beyond ASCII */
	/* event_extract_texts()'s answer for ev_posted, once asked */
	int			 ev_made, ev_rc, ev_allday;
	time_t			 ev_posted, ev_start, ev_end;
};

void		 tag_texts_init(struct tag_texts *, const struct entry *);
void		 tag_texts_reset(struct tag_texts *, const struct entry *);
void		 tag_texts_release(struct tag_texts *);
/* field TAG_TEXT_TITLE, ...: its text (empty when the entry has none) */
const struct buf *tag_texts_get(struct tag_texts *, int field);
/* the same lowercased, as the rules read it */
const struct buf *tag_texts_get_lower(struct tag_texts *, int field);
/*
 * tagger_apply() for the entry of tt, with its texts (made as needed and
 * left in tt for the event extraction).
 */
int		 tagger_apply_texts(const struct tagger *, const char *feed_url,
		    struct tag_texts *tt, struct tag_result *out);

#endif
