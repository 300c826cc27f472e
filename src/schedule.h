/*
 * schedule.h: when a feed is due and when to poll it next.  sched never reads
 * the clock: `now` is passed in, so poll, the daemon and the tests agree.
 * A feed's interval is its own (or the default), raised, never lowered,
 * by what the server says (RSS <ttl>, sy:updatePeriod and
 * sy:updateFrequency, Cache-Control: max-age, Expires) up to max-interval.
 * After an error the feed is retried within minutes, then the delay
 * doubles per consecutive failure up to max-interval, with a jitter drawn
 * from a seed the caller passes (deterministic).  After a success the
 * next poll is up to 5% of the interval later (SCHED_JITTER_MAX at most),
 * so that feeds polled in one round do not stay in lockstep.
 */
#ifndef CRIER_SCHED_H
#define CRIER_SCHED_H

#include <stddef.h>
#include <time.h>

#include "conf.h"

#define SCHED_MAX_BACKOFF	(24 * 3600)	/* the back-off's cap when
						   max_interval is not given */
#define SCHED_MAX_RETRY_AFTER	(7 * 24 * 3600)	/* cap on Retry-After */
#define SCHED_MIN_DELAY		60		/* never sooner after an error */
#define SCHED_FIRST_RETRY	300		/* the first retry after an
						   error, at most */
#define SCHED_JITTER_MAX	180		/* the most a success's next
						   poll is put off */

/* the feed's interval: its own, else the [crier] default */
long long	sched_interval(const struct config *, const struct config_feed *);

/*
 * 1 when a feed is due at now.  next_poll is what the last poll set
 * (TIME_NONE: never polled: due).  A feed without errors is also due once
 * last_poll + interval has passed, so a shortened interval applies at
 * once.  A slack of a tenth of the interval (at most 5 minutes, at most
 * a tenth of the wait next_poll - last_poll) keeps a cron job that runs
 * every interval from skipping a round when it starts a few seconds
 * early.  The shortened-interval test allows for sched_jitter_max().
 */
int		sched_due(time_t now, time_t last_poll, time_t next_poll,
		    int error_count, long long interval);

/*
 * sched_due() with the slack at most window seconds (< 0: sched_due()'s
 * own): the daemon wakes when a feed is due and takes along only those
 * due within a short window, so that jittered feeds keep apart.
 */
int		sched_due_within(time_t now, time_t last_poll,
		    time_t next_poll, int error_count, long long interval,
		    long long window);

/* the most sched_next_poll() puts a success's next poll off: 5% of the
 * interval, at most SCHED_JITTER_MAX */
long long	sched_jitter_max(long long interval);

/*
 * The interval to poll at: interval (the configured one), raised to the
 * server's hint (seconds, 0: none) when that is longer, but by the hint
 * never past max_interval (0: SCHED_MAX_BACKOFF).  A configured interval
 * longer than max_interval is kept.
 */
long long	sched_effective_interval(long long interval, long long hint,
		    long long max_interval);

/*
 * The time of the next poll after one at now.  error_count is the number
 * of consecutive failures including this one (0: it worked: one interval
 * later, plus a jitter in [0, sched_jitter_max(interval)] from seed, never
 * past max(interval, max_interval)).  After errors the delay is min(interval, SCHED_FIRST_RETRY) *
 * 2^(error_count - 1), at least SCHED_MIN_DELAY and at most
 * max(interval, max_interval) (max_interval 0: SCHED_MAX_BACKOFF), with
 * a +-10% jitter from seed.  retry_after (seconds, 0: none) from the
 * server pushes the next poll later, never earlier, up to
 * SCHED_MAX_RETRY_AFTER.
 */
time_t		sched_next_poll(time_t now, long long interval,
		    int error_count, long retry_after, long long max_interval,
		    unsigned long long seed);

/*
 * What an HTTP response says of its freshness, in seconds (0: nothing,
 * or "revalidate every time"): Cache-Control's max-age, else Expires
 * minus Date (or minus now without a Date).  cache_control may be NULL;
 * expires and date are TIME_NONE when absent.
 */
long long	sched_http_hint(const char *cache_control, time_t expires,
		    time_t date, time_t now);

/*
 * What a feed document says of how often it changes, in seconds (0:
 * nothing), from what the parser read (struct feed): RSS <ttl> (in
 * seconds) and sy:updatePeriod (seconds) / sy:updateFrequency, the
 * longer of the two.
 */
long long	sched_feed_hint(long long ttl, long long sy_period,
		    long long sy_frequency);

/*
 * A failure streak is persistent (reported as an error, `poll` exits 1)
 * once it reached SCHED_FAIL_POLLS polls in a row or lasted
 * SCHED_FAIL_SECS since its first failure (since: TIME_NONE unknown).
 */
#define SCHED_FAIL_POLLS	3
#define SCHED_FAIL_SECS		(24 * 3600)
int		sched_failing(int streak, time_t since, time_t now);

/*
 * Whether a transfer to a host may start at now_ms (any clock, in ms):
 * 0 at once; -1 not while per_host transfers run there; else the ms to
 * wait so that starts to one host are spacing_ms apart (last_ms: the
 * host's last start, < 0 none yet).
 */
long long	sched_host_wait(long long now_ms, long long last_ms,
		    long long spacing_ms, int running, int per_host);

/* a seed for sched_next_poll from a feed URL and the time */
unsigned long long sched_seed(const char *url, time_t now);

#endif
