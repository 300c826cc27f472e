/*
 * schedule.h: when a feed is due and when to poll it next.  sched never reads
 * the clock: `now` is passed in, so poll, the daemon and the tests agree.
 * Back-off after errors doubles the delay per consecutive failure, capped,
 * with a jitter drawn from a seed the caller passes (deterministic).
 */
#ifndef CRIER_SCHED_H
#define CRIER_SCHED_H

#include <time.h>

#include "conf.h"

#define SCHED_MAX_BACKOFF	(24 * 3600)	/* cap of the error back-off */
#define SCHED_MAX_RETRY_AFTER	(7 * 24 * 3600)	/* cap on Retry-After */
#define SCHED_MIN_DELAY		60		/* never sooner after an error */

/* the feed's interval: its own, else the [crier] default */
long long	sched_interval(const struct config *, const struct config_feed *);

/*
 * 1 when a feed is due at now.  next_poll is what the last poll set
 * (TIME_NONE: never polled: due).  A feed without errors is also due once
 * last_poll + interval has passed, so a shortened interval applies at
 * once.  A slack of a tenth of the interval (at most 5 minutes) keeps a
 * cron job that runs every interval from skipping a round when it starts
 * a few seconds early.
 */
int		sched_due(time_t now, time_t last_poll, time_t next_poll,
		    int error_count, long long interval);

/*
 * The time of the next poll after one at now.  error_count is the number
 * of consecutive failures including this one (0: it worked).  After
 * errors the delay is interval * 2^(error_count - 1), at least
 * SCHED_MIN_DELAY and at most max(interval, SCHED_MAX_BACKOFF), with a
 * +-10% jitter from seed.  retry_after (seconds, 0: none) from the server
 * pushes the next poll later, never earlier, up to SCHED_MAX_RETRY_AFTER.
 */
time_t		sched_next_poll(time_t now, long long interval,
		    int error_count, long retry_after, unsigned long long seed);

/* a seed for sched_next_poll from a feed URL and the time */
unsigned long long sched_seed(const char *url, time_t now);

#endif
