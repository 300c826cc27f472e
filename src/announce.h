/*
 * announce.h: is an entry an announcement of a live event, and of one
 * people join online (a community call, a webinar, a Space)?  One
 * decision from several signals (the format, an invitation, a
 * registration link, an event date after the post, the post's
 * categories, signs of a past or cancelled event), each named so that
 * `show` can say why.  Used by tag.c for the rules that ask for it
 * (`signals =` in a [tag] section).  No SQL.
 */
#ifndef CRIER_ANNOUNCE_H
#define CRIER_ANNOUNCE_H

#include <time.h>

#include "tag.h"
#include "util/buf.h"

enum announce_kind {
	ANNOUNCE_NONE = 0,
	ANNOUNCE_EVENT,		/* an upcoming event, online or not */
	ANNOUNCE_CALL,		/* ... that people join online, live */
};

struct announce {
	int		kind;		/* enum announce_kind */
	int		event_kind;	/* the decision for "event" */
	struct buf	why;		/* the signals, "format 'webinar', ..." */
};

/*
 * Reads the signals of the entry of tt (its title, summary and
 * categories, the links of its summary and content; the event date
 * against its published or updated date) into *a: a->kind is the
 * decision for community calls, a->event_kind for events, a->why names
 * the signals for and against.  The caller releases a->why.
 */
void	announce_read(struct tag_texts *tt, struct announce *a);
void	announce_release(struct announce *a);

#endif
