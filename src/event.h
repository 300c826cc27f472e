/*
 * event.h: the announced date, time and zone of an event found in an
 * item's text ("27 October, 9-10AM EST/ 3-4 PM CET", "le 5 décembre à 15h
 * (heure de Paris)") -> start and end in UTC.  The year comes from the
 * post's date.  An ambiguous or missing time gives a date-only event.
 */
#ifndef CRIER_EVENT_H
#define CRIER_EVENT_H

#include <time.h>

#include "parse/feed.h"
#include "tag.h"

struct event {
	time_t	start;		/* UTC; midnight UTC of the day if allday */
	time_t	end;		/* TIME_NONE when not stated */
	int	allday;		/* 1: the date is known, the time is not */
};

/*
 * Looks for an announced event in e (title, summary, content).  posted is
 * the post's date (published, else updated, else first seen).  Returns 1
 * and fills *out when one was found, 0 when none.
 */
int	event_extract(const struct entry *e, time_t posted, struct event *out);
/*
 * The same for the entry of tt, reading its texts from tt (made as
 * needed; those the tagger made for tagger_apply_texts() are used as
 * they are).  Both touch nothing global: any thread may call them.
 */
int	event_extract_texts(struct tag_texts *tt, time_t posted,
	    struct event *out);
/*
 * Is ev ahead of a post of posted, as an announcement's is: on the day of
 * the post or later, within EVENT_AHEAD?
 */
#define EVENT_AHEAD	(270 * 86400)
int	event_ahead(const struct event *ev, time_t posted);
/*
 * Is ev the event a post announces, whatever its tags: a date and a time
 * ahead of the post.  (Tagged events keep a date alone.)
 */
int	event_stated(const struct event *ev, time_t posted);

#endif
