/*
 * pipeline.h: one poll round, shared by `crier poll` and the daemon:
 * config + store + now -> the due feeds fetched, parsed, merged, tagged
 * and their state stored, all in the caller's thread (one writer).
 */
#ifndef CRIER_PIPELINE_H
#define CRIER_PIPELINE_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "conf.h"
#include "store/store.h"
#include "tag.h"

struct pipeline_opts {
	int			 force;		/* every feed, due or not */
	int			 jobs;		/* 0: the config's */
	const char		**urls;		/* only these feeds (polled
						   whether due or not) */
	size_t			 nurls;
	time_t			 now;
	long long		 window;	/* > 0: due within so many
						   seconds (the daemon), else
						   sched_due()'s slack */
	volatile sig_atomic_t	*stop;		/* set: start no more */
};

struct pipeline_stats {
	int	due;		/* feeds fetched */
	int	ok;		/* 200 and stored */
	int	not_modified;	/* 304 */
	int	failed;
	int	persistent;	/* of which failing persistently
				   (sched_failing()) */
	int	added;		/* new items */
	int	updated;	/* edited items */
	int	interrupted;	/* stop was set before all were done */
};

/*
 * Polls the feeds of c that are due at opts->now (all with force, only
 * opts->urls when given: each must be a feed of c).  Failed feeds are
 * reported as "crier: URL: message" and stored as failures; the others
 * are stored.  tagger may be NULL (no tags).  Returns 0 when the round
 * ran (see stats->failed), -1 when it could not (store or curl broken,
 * an unknown URL in opts->urls), after printing why.
 */
int	pipeline_poll(struct store *, const struct config *c,
	    const struct tagger *tagger, const struct pipeline_opts *,
	    struct pipeline_stats *);

/*
 * When the tag rules of c differ from those the stored items were tagged
 * with, re-tags the stored items (poll, and the daemon at its start and
 * after a reload); a failure is logged and the round goes on.
 */
void	pipeline_retag(struct store *, const struct config *c,
	    const struct tagger *tagger, time_t now);

/*
 * 1 when the feed answered 410 Gone and is polled no more: its [feed]
 * section cf (NULL: no longer in the config) did not change since.
 */
int	pipeline_feed_gone(const struct config_feed *cf,
	    const struct store_feed *sf);

/*
 * The earliest next poll of the enabled feeds of c at now (for the
 * daemon's sleep); now itself when one is due (within window seconds
 * when > 0, as pipeline_opts' window), TIME_NONE without feeds.
 */
time_t	pipeline_next_wakeup(struct store *, const struct config *c,
	    time_t now, long long window);

#endif
