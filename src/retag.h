/*
 * retag.h: applying the current tag rules to every stored item (`crier
 * retag`, and a poll after the rules changed): tags recomputed with
 * tagger_apply(), events re-extracted for community-call and event
 * items (and dropped from items that lost those tags).  A hash of the
 * rules is kept in the store, so a poll can tell that they changed.
 */
#ifndef CRIER_RETAG_H
#define CRIER_RETAG_H

#include <time.h>

#include "conf.h"
#include "store/store.h"
#include "tag.h"

struct retag_stats {
	long long	items;		/* items looked at */
	long long	changed;	/* items whose tags or event changed */
	long long	events;		/* items whose event changed */
};

/* the hash of c's tag rules and feed tags, as 16 hex digits */
void	retag_rules_hash(const struct config *c, char out[17]);

/*
 * Re-tags every item of st with tagger (built from c) in one
 * transaction and records the rules' hash.  now stands in for a
 * missing post date.  0, or -1 with *cause (malloc'd).
 */
int	retag_run(struct store *st, const struct config *c,
	    const struct tagger *tagger, time_t now, struct retag_stats *,
	    char **cause);

/*
 * retag_run() when the rules' hash differs from the one stored (a store
 * that never had one is re-tagged once).  Returns 1 when it re-tagged,
 * 0 when the rules were unchanged, -1 with *cause.
 */
int	retag_if_changed(struct store *st, const struct config *c,
	    const struct tagger *tagger, time_t now, struct retag_stats *,
	    char **cause);

#endif
