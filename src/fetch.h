/*
 * fetch.h: libcurl multi transfers.  At most opts->jobs transfers at once
 * and opts->per_host per host; conditional GET from the request's ETag and
 * Last-Modified; every encoding curl supports; connect, total and
 * low-speed timeouts; a body cap; http, https and file only, redirects to
 * http(s), at most 5.  fetch never parses and never runs SQL: each
 * finished transfer is handed to a callback in the caller's thread.
 */
#ifndef CRIER_FETCH_H
#define CRIER_FETCH_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"

struct fetch_req {
	const char	*url;
	const char	*etag;		/* sent as If-None-Match, or NULL */
	const char	*last_modified;	/* sent as If-Modified-Since, or NULL */
	int		 allow_private;	/* redirects may lead to private
					   addresses */
	void		*udata;		/* the caller's */
};

struct fetch_result {
	const struct fetch_req *req;
	int		 ok;		/* 1: transfer finished, see status */
	long		 status;	/* HTTP status; 200 for file:// */
	char		*error;		/* when !ok or status >= 400: why */
	const char	*error_class;	/* when !ok: "dns", "connect", "tls",
					   "timeout", "too-large", "redirect",
					   "transfer", "file" (static) */
	struct buf	 body;
	char		*etag;		/* from the response, or NULL */
	char		*last_modified;
	char		*content_type;
	char		*effective_url;	/* after redirects */
	int		 permanent_redirect; /* a 301/308 was followed */
	long		 retry_after;	/* seconds, 0 if none */
	char		*cache_control;
	time_t		 expires;	/* Expires, TIME_NONE if none */
	time_t		 date;		/* Date, TIME_NONE if none */
};

struct fetch_opts {
	int		 jobs;
	int		 per_host;
	long long	 host_spacing_ms;	/* between starts to one host;
						   -1: FETCH_HOST_SPACING_MS,
						   none to a loopback host */
	long		 timeout;		/* s, whole transfer */
	long		 connect_timeout;	/* s */
	long		 low_speed_time;	/* s below 1 byte/s -> abort */
	size_t		 max_size;		/* body cap */
	const char	*user_agent;
	volatile sig_atomic_t *stop;		/* set: start no more */
};

/* the default spacing: a second between two requests to one server */
#define FETCH_HOST_SPACING_MS	1000

typedef void fetch_done_fn(struct fetch_result *, void *arg);

/*
 * Runs every request; calls done for each (result freed after the call
 * returns; steal body with buf_detach if needed).  Returns 0, or -1 when
 * curl could not be set up at all.
 */
int	fetch_run(const struct fetch_req *reqs, size_t n,
	    const struct fetch_opts *opts, fetch_done_fn *done, void *arg);
/* the class of a failed transfer: curl's code, a body over the cap, the
 * number of redirects followed */
const char *fetch_error_class(int curlcode, int too_big, long redirects);
int	fetch_global_init(void);
/*
 * Is ip (text, IPv4 or IPv6) an address no redirect from a public one may
 * lead to: "this network", loopback, private (RFC 1918, fc00::/7), shared
 * (100.64/10), link-local (169.254/16, fe80::/10), benchmark, multicast
 * or reserved, also as IPv4-mapped, -compatible or NAT64 IPv6?  1 yes,
 * 0 no, -1 not an address.
 */
int	fetch_addr_private(const char *ip);
void	fetch_global_cleanup(void);

#endif
