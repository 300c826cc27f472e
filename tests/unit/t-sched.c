/*
 * tests/unit/t-sched.c: which feeds are due and when the next poll is,
 * with exponential back-off after errors, a capped Retry-After and a
 * jitter that depends only on the seed.  Time is passed in: no sleeping.
 */
#include "config.h"

#include <string.h>

#include "conf.h"
#include "schedule.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

#define T0	((time_t)1700000000)

static const struct {
	const char	*name;
	time_t		 now, last, next;
	int		 errors;
	long long	 interval;
	int		 want;
} due_cases[] = {
	{ "never polled", T0, TIME_NONE, TIME_NONE, 0, 3600, 1 },
	{ "next poll passed", T0, T0 - 3600, T0 - 1, 0, 3600, 1 },
	{ "next poll exactly now", T0, T0 - 3600, T0, 0, 3600, 1 },
	{ "polled a minute ago", T0, T0 - 60, T0 + 3540, 0, 3600, 0 },
	{ "cron a few seconds early", T0, T0 - 3597, T0 + 3, 0, 3600, 1 },
	{ "ten minutes early", T0, T0 - 3000, T0 + 600, 0, 3600, 0 },
	{ "interval shortened", T0, T0 - 1800, T0 + 1800, 0, 900, 1 },
	{ "backing off after errors", T0, T0 - 1800, T0 + 7200, 3, 900, 0 },
	{ "back-off over", T0, T0 - 9000, T0 - 1, 3, 900, 1 },
};

static void
test_due(void)
{
	size_t i;

	for (i = 0; i < nitems(due_cases); i++)
		is_int(sched_due(due_cases[i].now, due_cases[i].last,
		    due_cases[i].next, due_cases[i].errors,
		    due_cases[i].interval), due_cases[i].want, "due: %s",
		    due_cases[i].name);
}

static void
test_next(void)
{
	time_t	t, prev;
	int	n, grows = 1, within = 1;

	is_int(sched_next_poll(T0, 3600, 0, 0, 42) - T0, 3600,
	    "success: next poll one interval later, no jitter");
	is_int(sched_next_poll(T0, 3600, 0, 0, 7) - T0, 3600,
	    "success: seed does not matter");
	is_int(sched_next_poll(T0, 3600, 0, 7200, 1) - T0, 7200,
	    "Retry-After pushes the next poll later");
	is_int(sched_next_poll(T0, 3600, 0, 60, 1) - T0, 3600,
	    "Retry-After never makes it sooner");
	is_int(sched_next_poll(T0, 3600, 0, 365L * 86400, 1) - T0,
	    SCHED_MAX_RETRY_AFTER, "Retry-After capped");

	/* back-off doubles, within +-10%, until the cap */
	prev = T0;
	for (n = 1; n <= 8; n++) {
		long long base = 600LL << (n - 1), lo, hi;

		if (base > SCHED_MAX_BACKOFF)
			base = SCHED_MAX_BACKOFF;
		lo = base - base / 10;
		hi = base + base / 10;
		t = sched_next_poll(T0, 600, n, 0, 12345);
		if (t - T0 < lo || t - T0 > hi)
			within = 0;
		if (n > 1 && base < SCHED_MAX_BACKOFF && t <= prev)
			grows = 0;
		prev = t;
	}
	ok(within, "back-off is interval * 2^(n-1) +-10%%");
	ok(grows, "back-off grows with each error");
	t = sched_next_poll(T0, 600, 40, 0, 99);
	ok(t - T0 <= SCHED_MAX_BACKOFF + SCHED_MAX_BACKOFF / 10,
	    "back-off capped at a day (got %lld)", (long long)(t - T0));
	t = sched_next_poll(T0, 7 * 86400, 5, 0, 99);
	ok(t - T0 >= 7 * 86400 - 7 * 86400 / 10,
	    "a weekly feed is never retried later than its interval allows");
	t = sched_next_poll(T0, 5, 1, 0, 99);
	ok(t - T0 >= SCHED_MIN_DELAY - SCHED_MIN_DELAY / 10,
	    "at least a minute after an error");
	is_int(sched_next_poll(T0, 600, 3, 0, 5),
	    sched_next_poll(T0, 600, 3, 0, 5), "same seed, same time");
	ok(sched_next_poll(T0, 3600, 2, 0, 1) !=
	    sched_next_poll(T0, 3600, 2, 0, 2) ||
	    sched_next_poll(T0, 3600, 2, 0, 3) !=
	    sched_next_poll(T0, 3600, 2, 0, 4),
	    "different seeds spread the retries");
	ok(sched_seed("http://a/", T0) != sched_seed("http://b/", T0),
	    "seed depends on the URL");
}

static void
test_interval(void)
{
	struct config		c;
	struct config_feed	f;

	config_init(&c);
	memset(&f, 0, sizeof(f));
	is_int(sched_interval(&c, &f), CONFIG_DEFAULT_INTERVAL,
	    "default interval");
	c.interval = 7200;
	is_int(sched_interval(&c, &f), 7200, "[crier] interval");
	f.interval = 300;
	is_int(sched_interval(&c, &f), 300, "feed's own interval");
	is_int(sched_interval(&c, NULL), 7200, "no feed: the default");
	config_release(&c);
}

int
main(void)
{
	test_due();
	test_next();
	test_interval();
	return done_testing();
}
