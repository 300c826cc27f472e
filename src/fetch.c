/*
 * fetch.c: every transfer of a poll through one libcurl multi handle,
 * in the caller's thread.
 *
 * At most opts->jobs transfers run at once and at most opts->per_host to
 * one host:port.  The per-host limit is our own queue rather than
 * CURLMOPT_MAX_HOST_CONNECTIONS, so a transfer's timeout only starts when
 * it really starts.  The multi handle shares its connection cache and DNS
 * cache between the transfers, so a host is connected to once per poll and
 * the connections are kept alive.
 *
 * Conditional GET: the request's ETag and Last-Modified go out as
 * If-None-Match and If-Modified-Since; a 304 comes back as status 304 with
 * an empty body.  Bodies are capped in the write callback (and up front by
 * Content-Length), decoded from every encoding curl supports.  Protocols
 * are http, https and file; redirects go to http(s) only, at most 5.
 *
 * Redirects into private addresses (fetch_addr_private()) are refused
 * unless the request's first connection went to one too or the request
 * allows them: checked as each connection is opened
 * (CURLOPT_OPENSOCKETFUNCTION, so a name that resolves to such an
 * address is caught too) and before each request goes out on a reused
 * one (CURLOPT_PREREQFUNCTION).
 *
 * Each finished transfer is handed to the caller's callback right away, in
 * this thread, after the freed slots were refilled and the new requests
 * sent, so the servers work while the caller parses and stores.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "util/i18n.h"
#include "fetch.h"
#include "schedule.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define FETCH_MAX_REDIRS	5
#define FETCH_MAX_HEADER	2048	/* longest header value we keep */

struct xfer {
	const struct fetch_req	*req;
	CURL			*easy;
	struct curl_slist	*headers;
	size_t			 host;		/* index in hosts */
	struct fetch_result	 res;
	size_t			 max_size;
	int			 too_big;
	int			 nresponses;	/* header blocks seen */
	int			 all_permanent;	/* every redirect 301/308 */
	long			 block_status;	/* status of the current block */
	int			 origin_private; /* first request: to one */
	char			 refused[INET6_ADDRSTRLEN]; /* a redirect
						   to it was refused */
	const char		*public_addrs;	/* see fetch_run() */
	char			 errbuf[CURL_ERROR_SIZE];
};

struct hostq {
	char		*name;
	int		 running;
	long long	 last_ms;	/* its last start, -1: none */
	long long	 spacing_ms;	/* between two starts */
};

struct fetcher {
	CURLM			*multi;
	const struct fetch_req	*reqs;
	size_t			 n;
	const struct fetch_opts	*opts;
	unsigned char		*started;
	size_t			*host_of;	/* request -> hosts index */
	struct hostq		*hosts;
	size_t			 nhosts;
	size_t			 first;		/* first request not started */
	struct xfer		**active;	/* jobs slots, NULL: free */
	int			 running;
	long long		 wake_ms;	/* a spaced request may start
						   then; -1: none waits */
	fetch_done_fn		*done;
	void			*arg;
	const char		*public_addrs;	/* CRIER_TEST_PUBLIC_ADDRS */
};

int
fetch_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

/* an IPv4 address in host order no public feed redirects to */
static int
v4_private(uint32_t a)
{
	return (a >> 24) == 0 ||		/* 0/8 "this network" */
	    (a >> 24) == 10 ||			/* 10/8 */
	    (a >> 22) == (100 << 2 | 1) ||	/* 100.64/10 shared */
	    (a >> 24) == 127 ||			/* 127/8 loopback */
	    (a >> 16) == (169 << 8 | 254) ||	/* 169.254/16 link-local */
	    (a >> 20) == (172 << 4 | 1) ||	/* 172.16/12 */
	    (a >> 8) == (192u << 16 | 0 << 8 | 0) || /* 192.0.0/24 */
	    (a >> 16) == (192u << 8 | 168) ||	/* 192.168/16 */
	    (a >> 17) == (198u << 7 | 18 >> 1) ||	/* 198.18/15 */
	    (a >> 28) >= 14;			/* multicast, reserved */
}

static int
v6_private(const unsigned char *a)
{
	static const unsigned char zero[12];
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };

	/* ::, ::1, ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped),
	 * 64:ff9b::a.b.c.d (NAT64): by the IPv4 address inside */
	if (memcmp(a, zero, 12) == 0 || memcmp(a, nat64, 12) == 0 ||
	    (memcmp(a, zero, 10) == 0 && a[10] == 0xff && a[11] == 0xff))
		return v4_private((uint32_t)a[12] << 24 |
		    (uint32_t)a[13] << 16 | (uint32_t)a[14] << 8 | a[15]);
	return (a[0] & 0xfe) == 0xfc ||			/* fc00::/7 ULA */
	    (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||	/* fe80::/10 */
	    (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) ||	/* fec0::/10 */
	    a[0] == 0xff;				/* multicast */
}

int
fetch_addr_private(const char *ip)
{
	struct in_addr	v4;
	struct in6_addr	v6;

	if (inet_pton(AF_INET, ip, &v4) == 1)
		return v4_private(ntohl(v4.s_addr));
	if (inet_pton(AF_INET6, ip, &v6) == 1)
		return v6_private(v6.s6_addr);
	return -1;
}

/*
 * May a connection of x go to ip (text)?  Its first request may go
 * anywhere and notes whether that was private; a redirect goes to a
 * private address only after a private first one or when allowed.
 * NOTE: CRIER_TEST_PUBLIC_ADDRS lists addresses taken as public, so the
 * tests can play a public server on a second loopback address.
 */
static int
connect_ok(struct xfer *x, const char *ip)
{
	const char	*p;
	size_t		 n = strlen(ip);
	int		 priv = fetch_addr_private(ip) != 0;

	if (priv && x->public_addrs != NULL) {
		for (p = x->public_addrs; (p = strstr(p, ip)) != NULL; p += n)
			if ((p == x->public_addrs || p[-1] == ' ' ||
			    p[-1] == ',') && (p[n] == '\0' || p[n] == ' ' ||
			    p[n] == ','))
				priv = 0;
	}
	if (x->nresponses == 0) {
		x->origin_private |= priv;
		return 1;
	}
	if (!priv || x->origin_private || x->req->allow_private)
		return 1;
	snprintf(x->refused, sizeof(x->refused), "%s", ip);
	return 0;
}

static curl_socket_t
open_cb(void *udata, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer	*x = udata;
	char		 ip[INET6_ADDRSTRLEN] = "";

	if (purpose == CURLSOCKTYPE_IPCXN) {
		if (a->family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)
			    (void *)&a->addr)->sin_addr, ip, sizeof(ip));
		else if (a->family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)
			    (void *)&a->addr)->sin6_addr, ip, sizeof(ip));
		if (!connect_ok(x, ip))
			return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

#if LIBCURL_VERSION_NUM >= 0x075000	/* 7.80.0 */
static int
prereq_cb(void *udata, char *remote, char *local, int rport, int lport)
{
	(void)local, (void)rport, (void)lport;
	return connect_ok(udata, remote) ? CURL_PREREQFUNC_OK :
	    CURL_PREREQFUNC_ABORT;
}
#endif

/* "scheme://[user@]host[:port]/..." -> "host:port", lower case */
static char *
host_key(const char *url)
{
	const char	*s, *e, *at;
	struct buf	 b = BUF_INIT;

	s = strstr(url, "://");
	if (s == NULL || strncasecmp(url, "file:", 5) == 0)
		return xstrdup("");
	s += 3;
	e = s + strcspn(s, "/?#");
	at = memchr(s, '@', e - s);
	if (at != NULL)
		s = at + 1;
	for (; s < e; s++)
		buf_addc(&b, (*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
	if (strchr(b.s, ':') == NULL || b.s[0] == '[')
		buf_adds(&b, strncasecmp(url, "https:", 6) == 0 ? ":443" :
		    ":80");
	return buf_detach(&b, NULL);
}

/*
 * A host key of this machine: a server of one's own (the tests, the
 * bench) needs no politeness unless host-spacing is set.
 */
static int
host_is_loopback(const char *key)
{
	return strncmp(key, "127.", 4) == 0 ||
	    strncmp(key, "localhost:", 10) == 0 ||
	    strncmp(key, "[::1]:", 6) == 0;
}

static void
hosts_build(struct fetcher *f)
{
	size_t	i, j, cap = 16, mask, h;
	size_t	*table;
	char	*key;

	/* open addressing over the host keys */
	while (cap < f->n * 2)
		cap *= 2;
	mask = cap - 1;
	table = xreallocarray(NULL, cap, sizeof(*table));
	for (i = 0; i < cap; i++)
		table[i] = SIZE_MAX;
	f->host_of = xreallocarray(NULL, f->n ? f->n : 1,
	    sizeof(*f->host_of));
	f->hosts = xreallocarray(NULL, f->n ? f->n : 1, sizeof(*f->hosts));
	for (i = 0; i < f->n; i++) {
		key = host_key(f->reqs[i].url);
		h = 5381;
		for (j = 0; key[j]; j++)
			h = h * 33 + (unsigned char)key[j];
		for (h &= mask; table[h] != SIZE_MAX; h = (h + 1) & mask) {
			if (strcmp(f->hosts[table[h]].name, key) == 0)
				break;
		}
		if (table[h] == SIZE_MAX) {
			table[h] = f->nhosts;
			f->hosts[f->nhosts].name = key;
			f->hosts[f->nhosts].running = 0;
			f->hosts[f->nhosts].last_ms = -1;
			f->hosts[f->nhosts].spacing_ms =
			    f->opts->host_spacing_ms >= 0 ?
			    f->opts->host_spacing_ms : host_is_loopback(key) ?
			    0 : FETCH_HOST_SPACING_MS;
			f->nhosts++;
		} else
			free(key);
		f->host_of[i] = table[h];
	}
	free(table);
}

static char *
header_value(const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len == 0 || len > FETCH_MAX_HEADER)
		return NULL;
	/* values go back out as request headers: no control characters */
	if (memchr(v, '\r', len) || memchr(v, '\n', len) || memchr(v, '\0',
	    len))
		return NULL;
	return xstrndup(v, len);
}

static void
set_header(char **dst, const char *v, size_t len)
{
	char *s = header_value(v, len);

	if (s == NULL)
		return;
	free(*dst);
	*dst = s;
}

static long
parse_retry_after(const char *v, size_t len)
{
	char	*s = header_value(v, len), *end;
	long	 n = 0;
	time_t	 t, now;

	if (s == NULL)
		return 0;
	if (*s >= '0' && *s <= '9') {
		errno = 0;
		n = strtol(s, &end, 10);
		if (errno != 0 || *end != '\0' || n < 0)
			n = 0;
	} else if ((t = curl_getdate(s, NULL)) != -1) {
		now = time(NULL);
		n = t > now ? (long)(t - now) : 0;
	}
	free(s);
	return n;
}

/* an HTTP date header, TIME_NONE when absent or unreadable */
static time_t
parse_http_date(const char *v, size_t len)
{
	char	*s = header_value(v, len);
	time_t	 t;

	if (s == NULL)
		return TIME_NONE;
	t = curl_getdate(s, NULL);
	free(s);
	return t == -1 ? TIME_NONE : t;
}

static size_t
header_cb(char *data, size_t size, size_t nmemb, void *udata)
{
	struct xfer	*x = udata;
	size_t		 len = size * nmemb;
	const char	*colon;
	size_t		 nlen;
	long		 code;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* a new response: after a redirect, forget the last one's */
		const char *sp = memchr(data, ' ', len);

		code = sp ? strtol(sp + 1, NULL, 10) : 0;
		if (code >= 100 && code < 200)
			return len;
		if (x->nresponses > 0 && x->block_status != 301 &&
		    x->block_status != 308)
			x->all_permanent = 0;
		x->nresponses++;
		x->block_status = code;
		free(x->res.etag);
		free(x->res.last_modified);
		free(x->res.content_type);
		free(x->res.cache_control);
		x->res.etag = x->res.last_modified = NULL;
		x->res.content_type = x->res.cache_control = NULL;
		x->res.retry_after = 0;
		x->res.expires = x->res.date = TIME_NONE;
		return len;
	}
	colon = memchr(data, ':', len);
	if (colon == NULL)
		return len;
	nlen = colon - data;
	colon++;
#define IS(name) (nlen == sizeof(name) - 1 && \
	    strncasecmp(data, name, nlen) == 0)
	if (IS("etag"))
		set_header(&x->res.etag, colon, len - (colon - data));
	else if (IS("last-modified"))
		set_header(&x->res.last_modified, colon, len - (colon - data));
	else if (IS("content-type"))
		set_header(&x->res.content_type, colon, len - (colon - data));
	else if (IS("cache-control"))
		set_header(&x->res.cache_control, colon, len - (colon - data));
	else if (IS("expires"))
		x->res.expires = parse_http_date(colon, len - (colon - data));
	else if (IS("date"))
		x->res.date = parse_http_date(colon, len - (colon - data));
	else if (IS("retry-after"))
		x->res.retry_after = parse_retry_after(colon,
		    len - (colon - data));
#undef IS
	return len;
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *udata)
{
	struct xfer	*x = udata;
	size_t		 len = size * nmemb;

	if (buf_add(&x->res.body, data, len) == -1) {
		x->too_big = 1;
		return 0;	/* aborts with CURLE_WRITE_ERROR */
	}
	return len;
}

static void
add_conditional(struct xfer *x, const char *name, const char *v)
{
	char	*h;
	size_t	 i;

	if (v == NULL || *v == '\0' || strlen(v) > FETCH_MAX_HEADER)
		return;
	for (i = 0; v[i]; i++) {
		if ((unsigned char)v[i] < 0x20)
			return;
	}
	xasprintf(&h, "%s: %s", name, v);
	x->headers = curl_slist_append(x->headers, h);
	free(h);
}

static struct xfer *
xfer_new(struct fetcher *f, size_t i)
{
	const struct fetch_opts	*o = f->opts;
	struct xfer		*x = xcalloc(1, sizeof(*x));
	CURL			*e;

	x->req = &f->reqs[i];
	x->res.req = x->req;
	x->host = f->host_of[i];
	x->max_size = o->max_size;
	x->all_permanent = 1;
	x->public_addrs = f->public_addrs;
	x->res.expires = x->res.date = TIME_NONE;
	buf_init(&x->res.body, o->max_size);
	if ((e = curl_easy_init()) == NULL) {
		free(x);
		return NULL;
	}
	x->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, x->req->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_cb);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
#if LIBCURL_VERSION_NUM >= 0x075000
	curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, prereq_cb);
	curl_easy_setopt(e, CURLOPT_PREREQDATA, x);
#endif
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRS);
#if LIBCURL_VERSION_NUM >= 0x075500	/* 7.85.0 */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	/* "": every encoding this libcurl can decode */
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	if (o->user_agent)
		curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
	if (o->connect_timeout > 0)
		curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	if (o->timeout > 0)
		curl_easy_setopt(e, CURLOPT_TIMEOUT, o->timeout);
	if (o->low_speed_time > 0) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	}
	if (o->max_size > 0)
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)o->max_size);
	add_conditional(x, "If-None-Match", x->req->etag);
	add_conditional(x, "If-Modified-Since", x->req->last_modified);
	/* NOTE: feeds are small and servers often slow to answer 100 */
	x->headers = curl_slist_append(x->headers, "Expect:");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	return x;
}

static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	free(x->res.error);
	buf_release(&x->res.body);
	free(x->res.etag);
	free(x->res.last_modified);
	free(x->res.content_type);
	free(x->res.effective_url);
	free(x->res.cache_control);
	free(x);
}

const char *
fetch_error_class(int curlcode, int too_big, long redirects)
{
	switch ((CURLcode)curlcode) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return "dns";
	case CURLE_COULDNT_CONNECT:
		return "connect";
	case CURLE_OPERATION_TIMEDOUT:
		return "timeout";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_USE_SSL_FAILED:
		return "tls";
	case CURLE_FILESIZE_EXCEEDED:
		return "too-large";
	case CURLE_WRITE_ERROR:
		return too_big ? "too-large" : "transfer";
	case CURLE_TOO_MANY_REDIRECTS:
		return "redirect";
	case CURLE_UNSUPPORTED_PROTOCOL:
		return redirects > 0 ? "redirect" : "transfer";
	case CURLE_FILE_COULDNT_READ_FILE:
		return "file";
	default:
		/* reset, short body, bad encoding: the transfer broke */
		return "transfer";
	}
}

static char *
curl_reason(struct xfer *x, CURLcode rc, const struct fetch_opts *o)
{
	char	*s;
	long	 oserr = 0, redirs = 0;
	double	 connect = 0;

	curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &oserr);
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirs);
	if (x->refused[0] != '\0') {
		xasprintf(&s, _("redirect to the private address %s refused "
		    "(allow-private = true allows it)"), x->refused);
		return s;
	}
	switch (rc) {
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (rc == CURLE_FILESIZE_EXCEEDED || x->too_big) {
			xasprintf(&s, _("body larger than %zu bytes"),
			    x->max_size);
			return s;
		}
		break;
	case CURLE_COULDNT_CONNECT:
		if (oserr == ECONNREFUSED)
			return xstrdup(_("connection refused"));
		if (oserr != 0) {
			xasprintf(&s, _("cannot connect: %s"),
			    strerror((int)oserr));
			return s;
		}
		return xstrdup(_("cannot connect"));
	case CURLE_COULDNT_RESOLVE_HOST:
		return xstrdup(_("cannot resolve the host name"));
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME, &connect);
		if (connect <= 0 && strstr(x->errbuf, "onnect") != NULL) {
			xasprintf(&s, _("connection timed out after %ld s"),
			    o->connect_timeout);
			return s;
		}
		if (strstr(x->errbuf, "too slow") != NULL) {
			xasprintf(&s, _("timed out: no data for %ld s"),
			    o->low_speed_time);
			return s;
		}
		xasprintf(&s, _("timed out after %ld s"), o->timeout);
		return s;
	case CURLE_TOO_MANY_REDIRECTS:
		xasprintf(&s, _("too many redirects (more than %d)"),
		    FETCH_MAX_REDIRS);
		return s;
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (redirs > 0 || strstr(x->errbuf, "edirect") != NULL)
			return xstrdup(_("redirect to a protocol other than "
			    "http or https refused"));
		return xstrdup(_("unsupported protocol"));
	case CURLE_FILE_COULDNT_READ_FILE:
		return xstrdup(_("cannot read the file"));
	case CURLE_GOT_NOTHING:
		return xstrdup(_("empty reply from the server"));
	case CURLE_PEER_FAILED_VERIFICATION:
		return xstrdup(_("TLS certificate verification failed"));
	case CURLE_BAD_CONTENT_ENCODING:
		return xstrdup(_("cannot decode the content encoding"));
	default:
		break;
	}
	if (x->errbuf[0] != '\0')
		xasprintf(&s, "%s", x->errbuf);
	else
		xasprintf(&s, "%s", curl_easy_strerror(rc));
	return s;
}

static void
xfer_finish(struct xfer *x, CURLcode rc, const struct fetch_opts *o)
{
	struct fetch_result	*r = &x->res;
	char			*url = NULL;
	long			 status = 0, redirs = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url) ==
	    CURLE_OK && url != NULL)
		r->effective_url = xstrdup(url);
	else
		r->effective_url = xstrdup(x->req->url);
	r->permanent_redirect = x->nresponses > 1 && x->all_permanent;
	if (rc != CURLE_OK) {
		r->ok = 0;
		r->status = status;
		r->error = curl_reason(x, rc, o);
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirs);
		r->error_class = fetch_error_class(rc, x->too_big, redirs);
		buf_release(&r->body);
		return;
	}
	r->ok = 1;
	if (strncasecmp(r->effective_url, "file:", 5) == 0 || status == 0)
		status = 200;
	r->status = status;
	if (status == 304) {
		buf_release(&r->body);
	} else if (status >= 400) {
		xasprintf(&r->error, "HTTP %ld", status);
		buf_release(&r->body);
	} else if (status < 200 || status >= 300) {
		xasprintf(&r->error, _("unexpected HTTP status %ld"), status);
		buf_release(&r->body);
	}
}

/* the monotonic clock in ms, for the spacing between starts to a host */
static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Starts transfers while there are free slots, at most per_host at once
 * to one host and host_spacing_ms between two starts there
 * (sched_host_wait()); f->wake_ms tells when a spaced one may start.
 * 0, or -1 on a curl error.
 */
static int
fill(struct fetcher *f)
{
	const struct fetch_opts	*o = f->opts;
	struct xfer		*x;
	struct hostq		*h;
	size_t			 i, s;
	long long		 now = mono_ms(), w;
	int			 per_host = o->per_host > 0 ? o->per_host : 2;
	int			 jobs = o->jobs > 0 ? o->jobs : 1;

	f->wake_ms = -1;
	while (f->first < f->n && f->started[f->first])
		f->first++;
	for (i = f->first; i < f->n && f->running < jobs; i++) {
		if (o->stop && *o->stop)
			return 0;
		if (f->started[i])
			continue;
		h = &f->hosts[f->host_of[i]];
		/* file:// has no host to spare: only the job limit applies */
		if (h->name[0] != '\0' && (w = sched_host_wait(now, h->last_ms,
		    h->spacing_ms, h->running, per_host)) != 0) {
			if (w > 0 && (f->wake_ms < 0 || now + w < f->wake_ms))
				f->wake_ms = now + w;
			continue;
		}
		h->last_ms = now;
		f->started[i] = 1;
		if ((x = xfer_new(f, i)) == NULL)
			return -1;
		if (curl_multi_add_handle(f->multi, x->easy) != CURLM_OK) {
			xfer_free(x);
			return -1;
		}
		f->hosts[x->host].running++;
		f->running++;
		for (s = 0; f->active[s] != NULL; s++)
			;
		f->active[s] = x;
	}
	return 0;
}

static void
abort_all(struct fetcher *f, int jobs)
{
	int i;

	for (i = 0; i < jobs; i++) {
		if (f->active[i] == NULL)
			continue;
		curl_multi_remove_handle(f->multi, f->active[i]->easy);
		xfer_free(f->active[i]);
		f->active[i] = NULL;
	}
	f->running = 0;
}

int
fetch_run(const struct fetch_req *reqs, size_t n,
    const struct fetch_opts *opts, fetch_done_fn *done, void *arg)
{
	struct fetcher	 f;
	struct xfer	*x, **finished = NULL;
	CURLMsg		*m;
	int		 still, left, rc = 0, nfin, i, wait_ms;
	int		 jobs = opts->jobs > 0 ? opts->jobs : 1;
	size_t		 h;

	memset(&f, 0, sizeof(f));
	f.reqs = reqs;
	f.n = n;
	f.opts = opts;
	f.done = done;
	f.arg = arg;
	f.public_addrs = getenv("CRIER_TEST_PUBLIC_ADDRS");
	if (n == 0)
		return 0;
	if ((f.multi = curl_multi_init()) == NULL)
		return -1;
	f.started = xcalloc(n, 1);
	hosts_build(&f);
	curl_multi_setopt(f.multi, CURLMOPT_MAXCONNECTS, (long)jobs * 2);
	finished = xreallocarray(NULL, (size_t)jobs + 1, sizeof(*finished));
	f.active = xcalloc((size_t)jobs, sizeof(*f.active));
	if (fill(&f) == -1) {
		rc = -1;
		goto out;
	}
	while (f.running > 0 || f.wake_ms >= 0) {
		if (opts->stop && *opts->stop)
			break;
		/* a request held back by the spacing whose time came */
		if (f.wake_ms >= 0 && mono_ms() >= f.wake_ms &&
		    fill(&f) == -1) {
			rc = -1;
			break;
		}
		if (curl_multi_perform(f.multi, &still) != CURLM_OK) {
			rc = -1;
			break;
		}
		/* collect what finished, refill the slots, then report */
		nfin = 0;
		while ((m = curl_multi_info_read(f.multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			x = NULL;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
			    (char **)&x);
			xfer_finish(x, m->data.result, opts);
			curl_multi_remove_handle(f.multi, x->easy);
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
			f.hosts[x->host].running--;
			f.running--;
			for (i = 0; i < jobs; i++) {
				if (f.active[i] == x)
					f.active[i] = NULL;
			}
			finished[nfin++] = x;
			if (nfin > jobs)
				break;
		}
		if (nfin > 0) {
			if (fill(&f) == -1)
				rc = -1;
			if (f.running > 0)
				curl_multi_perform(f.multi, &still);
			for (i = 0; i < nfin; i++) {
				done(&finished[i]->res, arg);
				xfer_free(finished[i]);
			}
			if (rc == -1)
				break;
			continue;
		}
		wait_ms = 500;
		if (f.wake_ms >= 0) {
			long long d = f.wake_ms - mono_ms();

			wait_ms = d < 0 ? 0 : d < 500 ? (int)d : 500;
		}
		if (curl_multi_poll(f.multi, NULL, 0, wait_ms, NULL) !=
		    CURLM_OK) {
			if (opts->stop == NULL || !*opts->stop)
				rc = -1;
			break;
		}
	}
out:
	if (f.running > 0)
		abort_all(&f, jobs);
	curl_multi_cleanup(f.multi);
	for (h = 0; h < f.nhosts; h++)
		free(f.hosts[h].name);
	free(f.hosts);
	free(f.host_of);
	free(f.started);
	free(f.active);
	free(finished);
	return rc;
}
