/*
 * tests/unit/t-sched.c: which feeds are due and when the next poll is,
 * with a first retry within minutes and exponential back-off after
 * errors, a capped Retry-After, a jitter that depends only on the seed,
 * and the server's hints (Cache-Control, Expires, <ttl>, sy:) raising the
 * interval up to max-interval.  Time is passed in: no sleeping.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "conf.h"
#include "fetch.h"
#include "parse/parse.h"
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
	{ "a 5 min retry of a 6 h feed: not at once", T0, T0, T0 + 300, 1,
	  6 * 3600, 0 },
	{ "a 5 min retry of a 6 h feed: 30 s early", T0, T0 - 270, T0 + 30,
	  1, 6 * 3600, 1 },
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

#define DAY	86400LL

static void
test_next(void)
{
	time_t	t, prev;
	int	n, grows = 1, within = 1;

	t = sched_next_poll(T0, 3600, 0, 0, DAY, 42);
	ok(t - T0 >= 3600 && t - T0 <= 3600 + 180,
	    "success: next poll one interval later, plus jitter (%lld)",
	    (long long)(t - T0));
	is_int(sched_next_poll(T0, 3600, 0, 0, DAY, 7),
	    sched_next_poll(T0, 3600, 0, 0, DAY, 7),
	    "success: the same seed, the same time");
	is_int(sched_next_poll(T0, 3600, 0, 7200, DAY, 1) - T0, 7200,
	    "Retry-After pushes the next poll later");
	t = sched_next_poll(T0, 3600, 0, 60, DAY, 1);
	ok(t - T0 >= 3600 && t - T0 <= 3600 + 180,
	    "Retry-After never makes it sooner (%lld)", (long long)(t - T0));
	is_int(sched_next_poll(T0, 3600, 0, 365L * 86400, DAY, 1) - T0,
	    SCHED_MAX_RETRY_AFTER, "Retry-After capped");
	is_int(sched_next_poll(T0, 600, 3, 7200, DAY, 1) - T0, 7200,
	    "Retry-After beats a shorter back-off");

	/* the first retry within minutes, whatever the interval */
	t = sched_next_poll(T0, 6 * 3600, 1, 0, DAY, 3);
	ok(t - T0 >= SCHED_FIRST_RETRY - SCHED_FIRST_RETRY / 10 &&
	    t - T0 <= SCHED_FIRST_RETRY + SCHED_FIRST_RETRY / 10,
	    "a 6 h feed that failed once is retried after about 5 min "
	    "(%lld s)", (long long)(t - T0));
	t = sched_next_poll(T0, 120, 1, 0, DAY, 3);
	ok(t - T0 >= 108 && t - T0 <= 132,
	    "a 2 min feed is retried after its interval (%lld s)",
	    (long long)(t - T0));

	/* then doubles, within +-10%, until the cap */
	prev = T0;
	for (n = 1; n <= 12; n++) {
		long long base = (long long)SCHED_FIRST_RETRY << (n - 1), lo,
		    hi;

		if (base > DAY)
			base = DAY;
		lo = base - base / 10;
		hi = base + base / 10;
		t = sched_next_poll(T0, 3600, n, 0, DAY, 12345);
		if (t - T0 < lo || t - T0 > hi)
			within = 0;
		if (n > 1 && base < DAY && t <= prev)
			grows = 0;
		prev = t;
	}
	ok(within, "back-off is 5 min * 2^(n-1) +-10%%");
	ok(grows, "back-off grows with each error");
	t = sched_next_poll(T0, 600, 40, 0, DAY, 99);
	ok(t - T0 <= DAY + DAY / 10 && t - T0 >= DAY - DAY / 10,
	    "back-off capped at max-interval (got %lld)",
	    (long long)(t - T0));
	t = sched_next_poll(T0, 600, 40, 0, 4 * 3600, 99);
	ok(t - T0 <= 4 * 3600 + 4 * 360,
	    "a shorter max-interval caps it sooner (got %lld)",
	    (long long)(t - T0));
	t = sched_next_poll(T0, 600, 40, 0, 0, 99);
	ok(t - T0 <= SCHED_MAX_BACKOFF + SCHED_MAX_BACKOFF / 10,
	    "max-interval 0: the default cap (got %lld)", (long long)(t - T0));
	t = sched_next_poll(T0, 7 * DAY, 30, 0, DAY, 99);
	ok(t - T0 >= 7 * DAY - 7 * DAY / 10 && t - T0 <= 7 * DAY + 7 * DAY / 10,
	    "a weekly feed backs off up to its own interval");
	t = sched_next_poll(T0, 5, 1, 0, DAY, 99);
	ok(t - T0 >= SCHED_MIN_DELAY - SCHED_MIN_DELAY / 10,
	    "at least a minute after an error");
	is_int(sched_next_poll(T0, 600, 3, 0, DAY, 5),
	    sched_next_poll(T0, 600, 3, 0, DAY, 5), "same seed, same time");
	ok(sched_next_poll(T0, 3600, 2, 0, DAY, 1) !=
	    sched_next_poll(T0, 3600, 2, 0, DAY, 2) ||
	    sched_next_poll(T0, 3600, 2, 0, DAY, 3) !=
	    sched_next_poll(T0, 3600, 2, 0, DAY, 4),
	    "different seeds spread the retries");
	ok(sched_seed("http://a/", T0) != sched_seed("http://b/", T0),
	    "seed depends on the URL");
}

static void
test_effective(void)
{
	is_int(sched_effective_interval(3600, 0, DAY), 3600, "no hint");
	is_int(sched_effective_interval(3600, 7200, DAY), 7200,
	    "a longer hint raises the interval");
	is_int(sched_effective_interval(3600, 60, DAY), 3600,
	    "a shorter hint never lowers it");
	is_int(sched_effective_interval(3600, 30 * DAY, DAY), DAY,
	    "a hint is capped by max-interval");
	is_int(sched_effective_interval(3 * DAY, 30 * DAY, DAY), 3 * DAY,
	    "a configured interval past max-interval stays");
	is_int(sched_effective_interval(3600, 30 * DAY, 0), SCHED_MAX_BACKOFF,
	    "max-interval 0: the default cap");
}

static void
test_http_hint(void)
{
	is_int(sched_http_hint(NULL, TIME_NONE, TIME_NONE, T0), 0,
	    "no headers, no hint");
	is_int(sched_http_hint("max-age=7200", TIME_NONE, TIME_NONE, T0), 7200,
	    "max-age");
	is_int(sched_http_hint("public, MAX-AGE=600, must-revalidate",
	    TIME_NONE, TIME_NONE, T0), 600, "max-age among others, any case");
	is_int(sched_http_hint("max-age=\"900\"", TIME_NONE, TIME_NONE, T0),
	    900, "quoted max-age");
	is_int(sched_http_hint("no-cache, max-age=600", TIME_NONE, TIME_NONE,
	    T0), 0, "no-cache: no hint");
	is_int(sched_http_hint("no-store", T0 + 600, T0, T0), 0,
	    "no-store: no hint, even with Expires");
	is_int(sched_http_hint("max-age=x", TIME_NONE, TIME_NONE, T0), 0,
	    "a broken max-age is ignored");
	is_int(sched_http_hint("max-age=99999999999", TIME_NONE, TIME_NONE,
	    T0), 0, "an absurd max-age is ignored");
	is_int(sched_http_hint("max-age=300", T0 + 9000, T0, T0), 300,
	    "max-age wins over Expires");
	is_int(sched_http_hint(NULL, T0 + 5400, T0 - 100, T0), 5500,
	    "Expires counts from the response's Date");
	is_int(sched_http_hint("public", T0 + 5400, TIME_NONE, T0), 5400,
	    "Expires without a Date counts from now");
	is_int(sched_http_hint(NULL, T0 - 10, T0, T0), 0,
	    "an Expires in the past: no hint");
}

#define SY_NS	"http://purl.org/rss/1.0/modules/syndication/"

/* the parser reads <ttl> and sy: into struct feed; sched_feed_hint()
 * makes the hint of them */
static void
test_feed_hint(void)
{
	static const struct {
		const char	*name;
		const char	*doc;
		long long	 want;
	} cases[] = {
		{ "no hint", "<rss version=\"2.0\"><channel><title>t</title>"
		  "<item><ttl>5</ttl></item></channel></rss>", 0 },
		{ "RSS ttl in minutes", "<rss version=\"2.0\"><channel>"
		  "<ttl> 90 </ttl><item/></channel></rss>", 5400 },
		{ "a broken ttl", "<rss version=\"2.0\"><channel><ttl>1h"
		  "</ttl></channel></rss>", 0 },
		{ "sy daily (RSS 1.0)", "<rdf:RDF xmlns:rdf=\"http://www.w3.org"
		  "/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/"
		  "1.0/\" xmlns:sy=\"" SY_NS "\"><channel><title>t</title>"
		  "<sy:updatePeriod>daily</sy:updatePeriod></channel>"
		  "<item><title>i</title></item></rdf:RDF>", 86400 },
		{ "sy hourly, twice", "<rss version=\"2.0\" xmlns:sy=\""
		  SY_NS "\"><channel><sy:updatePeriod>hourly"
		  "</sy:updatePeriod><sy:updateFrequency>2"
		  "</sy:updateFrequency></channel></rss>", 1800 },
		{ "another prefix for the sy namespace", "<rss version=\"2.0\""
		  " xmlns:s=\"" SY_NS "\"><channel><s:updatePeriod>weekly"
		  "</s:updatePeriod></channel></rss>", 604800 },
		{ "sy: in another namespace: ignored", "<rss version=\"2.0\""
		  " xmlns:sy=\"http://example.org/sy\"><channel>"
		  "<sy:updatePeriod>daily</sy:updatePeriod></channel></rss>",
		  0 },
		{ "the longer of ttl and sy", "<rss version=\"2.0\" xmlns:sy="
		  "\"" SY_NS "\"><channel><ttl>60</ttl><sy:updatePeriod>"
		  "daily</sy:updatePeriod></channel></rss>", 86400 },
		{ "a frequency of 0 is ignored", "<rss version=\"2.0\" "
		  "xmlns:sy=\"" SY_NS "\"><channel><sy:updatePeriod>weekly"
		  "</sy:updatePeriod><sy:updateFrequency>0"
		  "</sy:updateFrequency></channel></rss>", 604800 },
		{ "an unknown period", "<rss version=\"2.0\" xmlns:sy=\""
		  SY_NS "\"><channel><sy:updatePeriod>often"
		  "</sy:updatePeriod></channel></rss>", 0 },
		{ "not an element named like it", "<rss version=\"2.0\">"
		  "<channel><ttlx>5</ttlx><ttl/></channel></rss>", 0 },
		{ "in an Atom entry: ignored", "<feed xmlns=\"http://www.w3"
		  ".org/2005/Atom\"><entry><ttl>60</ttl></entry></feed>", 0 },
		{ "after the items: still the channel's", "<rss version="
		  "\"2.0\"><channel><item><title>i</title></item>"
		  "<ttl>60</ttl></channel></rss>", 3600 },
	};
	struct parse_opts	 po;
	struct feed		*f;
	char			*cause;
	size_t			 i;

	memset(&po, 0, sizeof(po));
	for (i = 0; i < nitems(cases); i++) {
		cause = NULL;
		f = parse_feed(cases[i].doc, strlen(cases[i].doc), &po,
		    &cause);
		if (f == NULL) {
			ok(0, "feed hint: %s: %s", cases[i].name, cause);
			free(cause);
			continue;
		}
		is_int(sched_feed_hint(f->ttl, f->sy_period, f->sy_frequency),
		    cases[i].want, "feed hint: %s", cases[i].name);
		feed_free(f);
	}
	is_int(sched_feed_hint(0, 0, 0), 0, "feed hint: none");
	is_int(sched_feed_hint(0, 86400, 3), 28800, "feed hint: 3 a day");
	is_int(sched_feed_hint(7200, 3600, 0), 7200, "feed hint: ttl longer");
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

/* a failure streak is persistent at 3 polls in a row or after a day */
static void
test_failing(void)
{
	ok(!sched_failing(0, TIME_NONE, T0), "no failure: not failing");
	ok(!sched_failing(1, T0, T0), "one failure: transient");
	ok(!sched_failing(2, T0 - 3600, T0), "two in an hour: transient");
	ok(sched_failing(3, T0, T0), "three polls in a row: persistent");
	ok(sched_failing(2, T0 - 24 * 3600, T0), "two over a day: persistent");
	ok(sched_failing(1, T0 - 24 * 3600 - 1, T0),
	    "one, a day after the streak began: persistent");
	ok(!sched_failing(1, T0 - 24 * 3600 + 1, T0), "a second short: not");
	ok(!sched_failing(2, TIME_NONE, T0), "since unknown: by count only");
	ok(!sched_failing(0, T0 - 7 * 24 * 3600, T0),
	    "a stale since without a streak: not failing");
}

/* the class of a failed transfer, from curl's code */
static void
test_error_class(void)
{
	is_str(fetch_error_class(CURLE_COULDNT_RESOLVE_HOST, 0, 0), "dns",
	    "cannot resolve: dns");
	is_str(fetch_error_class(CURLE_COULDNT_CONNECT, 0, 0), "connect",
	    "refused: connect");
	is_str(fetch_error_class(CURLE_OPERATION_TIMEDOUT, 0, 0), "timeout",
	    "timed out: timeout");
	is_str(fetch_error_class(CURLE_PEER_FAILED_VERIFICATION, 0, 0), "tls",
	    "bad certificate: tls");
	is_str(fetch_error_class(CURLE_SSL_CONNECT_ERROR, 0, 0), "tls",
	    "handshake: tls");
	is_str(fetch_error_class(CURLE_FILESIZE_EXCEEDED, 0, 0), "too-large",
	    "Content-Length over the cap: too-large");
	is_str(fetch_error_class(CURLE_WRITE_ERROR, 1, 0), "too-large",
	    "body over the cap: too-large");
	is_str(fetch_error_class(CURLE_WRITE_ERROR, 0, 0), "transfer",
	    "other write error: transfer");
	is_str(fetch_error_class(CURLE_TOO_MANY_REDIRECTS, 0, 6), "redirect",
	    "redirect loop: redirect");
	is_str(fetch_error_class(CURLE_UNSUPPORTED_PROTOCOL, 0, 1),
	    "redirect", "redirect to file://: redirect");
	is_str(fetch_error_class(CURLE_UNSUPPORTED_PROTOCOL, 0, 0),
	    "transfer", "an unsupported URL: transfer");
	is_str(fetch_error_class(CURLE_RECV_ERROR, 0, 0), "transfer",
	    "reset mid-body: transfer");
	is_str(fetch_error_class(CURLE_PARTIAL_FILE, 0, 0), "transfer",
	    "short body: transfer");
}

/* when a transfer to a host may start: per-host limit, then spacing */
static void
test_host_wait(void)
{
	is_int(sched_host_wait(5000, -1, 1000, 0, 2), 0,
	    "host: a first request starts at once");
	is_int(sched_host_wait(5000, 4600, 1000, 1, 2), 600,
	    "host: 400 ms after the last start: 600 more");
	is_int(sched_host_wait(5000, 4000, 1000, 1, 2), 0,
	    "host: the spacing has passed");
	is_int(sched_host_wait(5000, 1000, 1000, 2, 2), -1,
	    "host: per-host transfers running: wait for one to end");
	is_int(sched_host_wait(5000, 4999, 0, 1, 2), 0,
	    "host: no spacing: at once");
	is_int(sched_host_wait(5000, 4999, 1000, 5, 0), 999,
	    "host: no per-host limit, spacing still");
	is_int(sched_host_wait(5000, 5000, 250, 0, 2), 250,
	    "host: started this very ms");
}

/*
 * A success's jitter: never sooner than the interval (the configured one
 * or a server's hint: the floor), at most 5% and SCHED_JITTER_MAX later,
 * never past max-interval, and feeds polled together drift apart.
 */
#define NFEEDS	50
#define NROUNDS	10

static void
test_jitter(void)
{
	static const long long ivs[] = { 60, 900, 3600, 6 * 3600, 7 * DAY };
	time_t		t[NFEEDS];
	long long	d, lo = -1, hi = -1;
	size_t		i;
	int		k, n, floor_ok = 1, bound_ok = 1, distinct;
	char		url[64];

	is_int(sched_jitter_max(3600), 180, "jitter: 5%% of an hour");
	is_int(sched_jitter_max(900), 45, "jitter: 5%% of 15 min");
	is_int(sched_jitter_max(DAY), SCHED_JITTER_MAX,
	    "jitter: capped for a day");
	is_int(sched_jitter_max(10), 0, "jitter: none under 20 s");
	for (i = 0; i < nitems(ivs); i++)
		for (n = 0; n < 1000; n++) {
			d = sched_next_poll(T0, ivs[i], 0, 0, 30 * DAY,
			    sched_seed("http://a.example/", T0 + n)) - T0;
			if (d < ivs[i])
				floor_ok = 0;
			if (d > ivs[i] + sched_jitter_max(ivs[i]) ||
			    d > ivs[i] + ivs[i] / 20)
				bound_ok = 0;
			if (ivs[i] == 3600) {
				lo = lo == -1 || d < lo ? d : lo;
				hi = d > hi ? d : hi;
			}
		}
	ok(floor_ok, "jitter: never sooner than the interval");
	ok(bound_ok, "jitter: at most 5%%, at most SCHED_JITTER_MAX");
	ok(lo <= 3600 + 10 && hi >= 3600 + 170,
	    "jitter: spans its range (%lld..%lld)", lo, hi);
	/* a hint-raised interval (here 2 h) stays the floor */
	d = sched_next_poll(T0, 7200, 0, 0, DAY, 5) - T0;
	ok(d >= 7200 && d <= 7200 + 180, "jitter: a hint is a floor (%lld)",
	    d);
	/* max-interval is a ceiling, and a longer interval gets none */
	for (n = 0, k = 1; n < 200; n++) {
		if (sched_next_poll(T0, DAY - 10, 0, 0, DAY, n) - T0 > DAY)
			k = 0;
		if (sched_next_poll(T0, 2 * DAY, 0, 0, DAY, n) - T0 !=
		    2 * DAY)
			k = 0;
	}
	ok(k, "jitter: never past max-interval");
	/* Retry-After stays a floor, the jitter a bound above it */
	d = sched_next_poll(T0, 3600, 0, 3700, DAY, 5) - T0;
	ok(d >= 3700 && d <= 3600 + 180, "jitter: Retry-After a floor (%lld)",
	    d);

	/* NFEEDS feeds of one interval, polled in one round, drift apart */
	for (i = 0; i < NFEEDS; i++)
		t[i] = T0;
	for (k = 0; k < NROUNDS; k++)
		for (i = 0; i < NFEEDS; i++) {
			snprintf(url, sizeof(url), "http://h%zu.example/", i);
			t[i] = sched_next_poll(t[i], 3600, 0, 0, DAY,
			    sched_seed(url, t[i]));
		}
	for (i = 1, distinct = 0; i < NFEEDS; i++)
		if (t[i] != t[0])
			distinct++;
	lo = hi = t[0];
	for (i = 0; i < NFEEDS; i++) {
		lo = t[i] < lo ? t[i] : lo;
		hi = t[i] > hi ? t[i] : hi;
	}
	ok(distinct >= NFEEDS - 5, "jitter: %d of %d feeds apart from the "
	    "first after %d rounds", distinct, NFEEDS - 1, NROUNDS);
	ok(hi - lo >= 180, "jitter: spread over %lld s after %d rounds",
	    hi - lo, NROUNDS);
	ok(lo - T0 >= NROUNDS * 3600 && hi - T0 <= NROUNDS * (3600 + 180),
	    "jitter: within the rounds' bounds");
	/* the daemon's short window keeps them apart; cron's slack does not */
	is_int(sched_due_within(T0 + 3600, T0, T0 + 3700, 0, 3600, 30), 0,
	    "due within 30 s: 100 s early is not due");
	is_int(sched_due_within(T0 + 3680, T0, T0 + 3700, 0, 3600, 30), 1,
	    "due within 30 s: 20 s early is due");
	is_int(sched_due(T0 + 3600, T0, T0 + 3780, 0, 3600), 1,
	    "cron's slack takes the largest jitter along");
	is_int(sched_due_within(T0 + 3600, T0, T0 + 3780, 0, 3600, 30), 0,
	    "the daemon waits for the jitter");
}

/*
 * The daemon's loop over pure functions: 500 feeds of 1 h, new, all due
 * at once; each round starts at the earliest next poll and takes those
 * due within 30 s.  The first round takes all 500; later ones a fraction.
 */
#define DFEEDS	500

static void
test_daemon_rounds(void)
{
	static time_t	last[DFEEDS], next[DFEEDS];
	time_t		now = T0;
	char		url[64];
	size_t		i;
	int		n, first = 0, late_max = 0, rounds = 0;

	for (i = 0; i < DFEEDS; i++)
		last[i] = next[i] = TIME_NONE;
	while (now < T0 + 24 * 3600) {
		for (i = 0, n = 0; i < DFEEDS; i++) {
			if (!sched_due_within(now, last[i], next[i], 0, 3600,
			    30))
				continue;
			snprintf(url, sizeof(url), "http://f%zu.example/", i);
			last[i] = now;
			next[i] = sched_next_poll(now, 3600, 0, 0, 0,
			    sched_seed(url, now));
			n++;
		}
		if (rounds++ == 0)
			first = n;
		else if (now >= T0 + 12 * 3600 && n > late_max)
			late_max = n;
		for (i = 0, now = next[0]; i < DFEEDS; i++)
			now = next[i] < now ? next[i] : now;
	}
	is_int(first, DFEEDS, "daemon: the first round polls every feed");
	ok(late_max <= DFEEDS / 4, "daemon: after 12 h no round polls more than %d of %d feeds "
	    "(%d rounds in a day)", late_max, DFEEDS, rounds);
}

int
main(void)
{
	test_host_wait();
	test_failing();
	test_error_class();
	test_due();
	test_next();
	test_jitter();
	test_daemon_rounds();
	test_effective();
	test_http_hint();
	test_feed_hint();
	test_interval();
	return done_testing();
}
