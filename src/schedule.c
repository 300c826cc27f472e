/*
 * schedule.c: due times and back-off.  Pure functions of their arguments:
 * no clock, no I/O, no randomness beyond the seed the caller passes.
 * The model is newsboat's per-feed reload time plus the exponential
 * back-off with jitter that HTTP clients use against failing servers.
 * The server's hints are read here too, from the headers and from the
 * head of the document as bytes: <ttl> and the sy: elements sit in the
 * channel, before the first item, under those names in every feed seen
 * (NOTE: until the parser hands them over in struct feed).
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "schedule.h"
#include "util/time.h"
#include "util/xmalloc.h"

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
	return sched_due_within(now, last_poll, next_poll, error_count,
	    interval, -1);
}

int
sched_due_within(time_t now, time_t last_poll, time_t next_poll,
    int error_count, long long interval, long long window)
{
	long long slack, wait;

	if (next_poll == TIME_NONE || last_poll == TIME_NONE)
		return 1;
	if (interval < 1)
		interval = 1;
	slack = interval / 10;
	if (slack > 300)
		slack = 300;
	/* a retry set sooner than the interval: a tenth of its wait */
	wait = (long long)next_poll - (long long)last_poll;
	if (slack > wait / 10)
		slack = wait > 0 ? wait / 10 : 0;
	if (window >= 0 && slack > window)
		slack = window;
	if ((long long)now + slack >= (long long)next_poll)
		return 1;
	/* the interval may have been shortened since the last poll (past
	 * what the jitter may have added to it) */
	if (error_count == 0 && (long long)now + slack >=
	    (long long)last_poll + interval + sched_jitter_max(interval))
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

/* a draw in [0, span] from seed: the one jitter of every delay here */
static long long
jitter(long long span, unsigned long long seed)
{
	if (span <= 0)
		return 0;
	return (long long)(mix64(seed) % (uint64_t)(span + 1));
}

long long
sched_jitter_max(long long interval)
{
	long long j = interval / 20;

	return j > SCHED_JITTER_MAX ? SCHED_JITTER_MAX : j < 0 ? 0 : j;
}

long long
sched_effective_interval(long long interval, long long hint,
    long long max_interval)
{
	if (max_interval < 1)
		max_interval = SCHED_MAX_BACKOFF;
	if (hint > max_interval)
		hint = max_interval;
	return hint > interval ? hint : interval;
}

time_t
sched_next_poll(time_t now, long long interval, int error_count,
    long retry_after, long long max_interval, unsigned long long seed)
{
	long long	delay, cap, span;
	int		i;

	if (interval < 1)
		interval = 1;
	if (max_interval < 1)
		max_interval = SCHED_MAX_BACKOFF;
	delay = interval;
	if (error_count > 0) {
		/* soon after the first failure, however long the interval */
		cap = interval > max_interval ? interval : max_interval;
		delay = interval < SCHED_FIRST_RETRY ? interval :
		    SCHED_FIRST_RETRY;
		for (i = 1; i < error_count && delay < cap; i++)
			delay *= 2;
		if (delay > cap)
			delay = cap;
		if (delay < SCHED_MIN_DELAY)
			delay = SCHED_MIN_DELAY;
		/* +-10% so failing feeds do not retry in lockstep */
		span = delay / 5;
		delay += jitter(span, seed) - span / 2;
	} else {
		/*
		 * Later, never sooner, so that a server's hint and the
		 * configured interval stay floors; a jitter no longer than
		 * sched_due()'s slack so a cron job still polls every run;
		 * feeds polled together drift apart round by round.
		 */
		cap = interval > max_interval ? interval : max_interval;
		delay += jitter(sched_jitter_max(interval), seed);
		if (delay > cap)
			delay = cap;
	}
	if (retry_after > 0) {
		if (retry_after > SCHED_MAX_RETRY_AFTER)
			retry_after = SCHED_MAX_RETRY_AFTER;
		if (retry_after > delay)
			delay = retry_after;
	}
	return (time_t)((long long)now + delay);
}

/* a run of decimal digits at s (at most 9), else -1 */
static long long
digits(const char *s, size_t len)
{
	long long	n = 0;
	size_t		i;

	for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (i == 9)
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return i == 0 ? -1 : n;
}

long long
sched_http_hint(const char *cc, time_t expires, time_t date, time_t now)
{
	const char	*p;
	size_t		 len;
	long long	 n, max_age = -1;

	for (p = cc; p != NULL && *p != '\0'; p += len) {
		p += strspn(p, " \t,");
		len = strcspn(p, ",");
		if ((len >= 8 && strncasecmp(p, "no-store", 8) == 0) ||
		    (len >= 8 && strncasecmp(p, "no-cache", 8) == 0))
			return 0;
		if (len > 8 && strncasecmp(p, "max-age=", 8) == 0) {
			n = digits(p + 8 + (p[8] == '"'), len - 8 -
			    (p[8] == '"'));
			if (n >= 0)
				max_age = n;
		}
	}
	if (max_age >= 0)
		return max_age;
	if (expires == TIME_NONE)
		return 0;
	if (date == TIME_NONE)
		date = now;
	return expires > date ? (long long)(expires - date) : 0;
}

long long
sched_feed_hint(long long ttl, long long sy_period, long long sy_frequency)
{
	long long sy = 0;

	/* NOTE: a frequency of 0 or none: once a period */
	if (sy_period > 0)
		sy = sy_period / (sy_frequency > 0 ? sy_frequency : 1);
	if (ttl < 0)
		ttl = 0;
	return ttl > sy ? ttl : sy;
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

int
sched_failing(int streak, time_t since, time_t now)
{
	if (streak <= 0)
		return 0;
	if (streak >= SCHED_FAIL_POLLS)
		return 1;
	return since != TIME_NONE && (long long)now - (long long)since >=
	    SCHED_FAIL_SECS;
}

long long
sched_host_wait(long long now_ms, long long last_ms, long long spacing_ms,
    int running, int per_host)
{
	if (per_host > 0 && running >= per_host)
		return -1;
	if (last_ms < 0 || spacing_ms <= 0 || now_ms - last_ms >= spacing_ms)
		return 0;
	return last_ms + spacing_ms - now_ms;
}
