/*
 * schedule.c: due times and back-off.  Pure functions of their arguments:
 * no clock, no I/O, no randomness beyond the seed the caller passes.
 * The model is newsboat's per-feed reload time plus the exponential
 * back-off with jitter that HTTP clients use against failing servers.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>

#include "schedule.h"
#include "util/time.h"

long long
sched_interval(const struct config *c, const struct config_feed *f)
{
	if (f != NULL && f->interval > 0)
		return f->interval;
	if (c != NULL && c->interval > 0)
		return c->interval;
	return CONFIG_DEFAULT_INTERVAL;
}

int
sched_due(time_t now, time_t last_poll, time_t next_poll, int error_count,
    long long interval)
{
	long long slack;

	if (next_poll == TIME_NONE || last_poll == TIME_NONE)
		return 1;
	if (interval < 1)
		interval = 1;
	slack = interval / 10;
	if (slack > 300)
		slack = 300;
	if ((long long)now + slack >= (long long)next_poll)
		return 1;
	/* the interval may have been shortened since the last poll */
	if (error_count == 0 &&
	    (long long)now + slack >= (long long)last_poll + interval)
		return 1;
	return 0;
}

/* splitmix64: a good 64-bit mix for a seed */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

time_t
sched_next_poll(time_t now, long long interval, int error_count,
    long retry_after, unsigned long long seed)
{
	long long	delay, cap, span, j;
	int		i;

	if (interval < 1)
		interval = 1;
	delay = interval;
	if (error_count > 0) {
		cap = interval > SCHED_MAX_BACKOFF ? interval :
		    SCHED_MAX_BACKOFF;
		for (i = 1; i < error_count && delay < cap; i++)
			delay *= 2;
		if (delay > cap)
			delay = cap;
		if (delay < SCHED_MIN_DELAY)
			delay = SCHED_MIN_DELAY;
		/* +-10% so failing feeds do not retry in lockstep */
		span = delay / 5;
		if (span > 0) {
			j = (long long)(mix64(seed) % (uint64_t)(span + 1));
			delay += j - span / 2;
		}
	}
	if (retry_after > 0) {
		if (retry_after > SCHED_MAX_RETRY_AFTER)
			retry_after = SCHED_MAX_RETRY_AFTER;
		if (retry_after > delay)
			delay = retry_after;
	}
	return (time_t)((long long)now + delay);
}

unsigned long long
sched_seed(const char *url, time_t now)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *url; url++) {
		h ^= (unsigned char)*url;
		h *= 1099511628211ULL;
	}
	return mix64(h ^ (uint64_t)now);
}
