/*
 * tz.c: zone files (TZif, RFC 8536) read into an immutable table, and
 * local wall time -> UTC from it, for any thread.
 *
 * A zone file holds the instants at which the zone's offset changed, the
 * offsets ("types"), and (version 2 on) a POSIX TZ string, the footer,
 * for instants after the last change ("EST5EDT,M3.2.0,M11.1.0": New York
 * from 2007 on).  Before the first change the zone has its first type.
 * Leap-second zones ("right/...") are refused.  Every count and index in
 * the file is checked before use: a short, long or corrupt file is refused
 * as a whole, never half read.
 *
 * Local -> UTC: the offsets in force within 27 hours of the local time
 * (no offset is 26 hours or more) are tried in turn; an offset o fits
 * when the zone's offset at L - o is o.  None fits in a gap, two in an
 * overlap: the rules for those are at the top of tz.h.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/str.h"
#include "util/time.h"
#include "util/tz.h"
#include "util/xmalloc.h"

#define TZ_T_LO		(-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define TZ_T_HI		(253370764800LL)	/* 9999-01-01T00:00:00Z */
#define TZ_WIN		(27 * 3600)		/* > any offset */
#define TZ_OFF_MIN	(-89999)		/* RFC 8536's bounds */
#define TZ_OFF_MAX	93599
#define TZ_STEPS_MAX	64		/* changes walked in a window */
#define TZ_CACHE_NEG	512		/* unknown names remembered */
#define TZ_NEVER	INT64_MAX

/* a date of the footer's rule: Jn, n or Mm.w.d, and the time of day */
struct tz_rdate {
	char	kind;			/* 'J', 'n' or 'M' */
	int	a, b, c;		/* n; or m, w, d */
	int32_t	time;			/* seconds after local midnight */
};

struct tz_rule {
	int32_t		std, dst;	/* seconds east of UTC */
	int		has_dst;
	struct tz_rdate	start, end;	/* of DST */
};

struct tz_zone {
	size_t		 ntrans;
	int64_t		*trans;		/* strictly ascending */
	unsigned char	*tidx;		/* type after each, < ntypes */
	size_t		 ntypes;	/* >= 1 */
	int32_t		*off;
	unsigned char	*isdst;
	int		 has_rule;	/* the footer, after the last change */
	struct tz_rule	 rule;
};

/* ---- the footer: a POSIX TZ string --------------------------------- */


/* 1 to max digits -> *v */
static const char *
rule_num(const char *s, int max, int *v)
{
	int k;

	*v = 0;
	for (k = 0; k < max && is_digit((unsigned char)*s); k++, s++)
		*v = *v * 10 + (*s - '0');
	return k ? s : NULL;
}

/* "EST", "<-03>", "<+0545>" */
static const char *
rule_name(const char *s)
{
	const char *b;

	if (*s == '<') {
		for (b = ++s; is_alpha((unsigned char)*s) ||
		    is_digit((unsigned char)*s) || *s == '+' || *s == '-';
		    s++)
			;
		return *s == '>' && s - b >= 3 ? s + 1 : NULL;
	}
	for (b = s; is_alpha((unsigned char)*s); s++)
		;
	return s - b >= 3 ? s : NULL;
}

/* [+-]hh[:mm[:ss]] with hh <= maxh -> seconds */
static const char *
rule_hms(const char *s, int maxh, int32_t *out)
{
	int	sign = 1, h, m = 0, sec = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if ((s = rule_num(s, 3, &h)) == NULL || h > maxh)
		return NULL;
	if (*s == ':') {
		if ((s = rule_num(s + 1, 2, &m)) == NULL || m > 59)
			return NULL;
		if (*s == ':' && ((s = rule_num(s + 1, 2, &sec)) == NULL ||
		    sec > 59))
			return NULL;
	}
	*out = sign * (h * 3600 + m * 60 + sec);
	return s;
}

/* Jn (1-365, no 29 February), n (0-365) or Mm.w.d, then [/time] */
static const char *
rule_date(const char *s, struct tz_rdate *r)
{
	memset(r, 0, sizeof(*r));
	r->kind = *s == 'J' || *s == 'M' ? *s++ : 'n';
	if ((s = rule_num(s, 3, &r->a)) == NULL)
		return NULL;
	if (r->kind == 'J' && (r->a < 1 || r->a > 365))
		return NULL;
	if (r->kind == 'n' && r->a > 365)
		return NULL;
	if (r->kind == 'M') {
		if (r->a < 1 || r->a > 12 || *s != '.' ||
		    (s = rule_num(s + 1, 1, &r->b)) == NULL ||
		    r->b < 1 || r->b > 5 || *s != '.' ||
		    (s = rule_num(s + 1, 1, &r->c)) == NULL || r->c > 6)
			return NULL;
	}
	r->time = 2 * 3600;
	if (*s == '/')
		s = rule_hms(s + 1, 167, &r->time);	/* RFC 8536 3.3.1 */
	return s;
}

static int
rule_parse(const char *s, struct tz_rule *r)
{
	int32_t v;

	memset(r, 0, sizeof(*r));
	if ((s = rule_name(s)) == NULL || (s = rule_hms(s, 24, &v)) == NULL)
		return -1;
	r->std = r->dst = -v;		/* POSIX counts west */
	if (*s == '\0')
		return 0;
	if ((s = rule_name(s)) == NULL)
		return -1;
	r->has_dst = 1;
	r->dst = r->std + 3600;
	if (*s != '\0' && *s != ',') {
		if ((s = rule_hms(s, 24, &v)) == NULL)
			return -1;
		r->dst = -v;
	}
	if (*s == '\0')		/* no rule: the US one, as glibc */
		s = ",M3.2.0,M11.1.0";
	if (*s != ',' || (s = rule_date(s + 1, &r->start)) == NULL ||
	    *s != ',' || (s = rule_date(s + 1, &r->end)) == NULL || *s != '\0')
		return -1;
	return 0;
}

static int
tz_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
tz_mdays(int y, int m)
{
	static const unsigned char d[] = { 31, 28, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };

	return d[m - 1] + (m == 2 && tz_leap(y));
}

/* the day (since 1970-01-01) r names in year y (0-9999) */
static int64_t
rdate_day(const struct tz_rdate *r, int y)
{
	time_t	t;
	int64_t	first, d;
	int	wd;

	if (time_from_utc(y, r->kind == 'M' ? r->a : 1, 1, 0, 0, 0, &t) == -1)
		return 0;	/* not reached: y is in range */
	first = (int64_t)t / 86400;
	if (r->kind == 'J')
		return first + r->a - 1 + (tz_leap(y) && r->a >= 60);
	if (r->kind == 'n')
		return first + r->a;
	wd = (int)(((first % 7) + 11) % 7);	/* 1970-01-01 was a Thursday */
	d = first + (r->c - wd + 7) % 7 + 7 * (r->b - 1);
	while (d >= first + tz_mdays(y, r->a))
		d -= 7;			/* M.5: the last one */
	return d;
}

struct tz_change {
	int64_t	at;
	int	dst;
};

/* the offset by the footer at t (in range), and its next change */
static void
rule_at(const struct tz_rule *r, int64_t t, int32_t *off, int *isdst,
    int64_t *next)
{
	struct tz_change	ch[6], c;
	struct tm		tm;
	time_t			tt = (time_t)t;
	size_t			i, j, n = 0;
	int			y, state, s;

	*off = r->std;
	*isdst = 0;
	*next = TZ_NEVER;
	if (!r->has_dst || gmtime_r(&tt, &tm) == NULL)
		return;
	/* the starts and ends of DST from the year before to the year after */
	for (y = tm.tm_year + 1900 - 1; y <= tm.tm_year + 1900 + 1; y++) {
		ch[n].at = rdate_day(&r->start, y) * 86400 + r->start.time -
		    r->std;
		ch[n++].dst = 1;
		ch[n].at = rdate_day(&r->end, y) * 86400 + r->end.time -
		    r->dst;
		ch[n++].dst = 0;
	}
	/* by time; an end before a start at the same instant (DST all year) */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && (ch[j].at < ch[j - 1].at ||
		    (ch[j].at == ch[j - 1].at && ch[j].dst < ch[j - 1].dst));
		    j--) {
			c = ch[j];
			ch[j] = ch[j - 1];
			ch[j - 1] = c;
		}
	state = !ch[0].dst;
	for (i = 0; i < n && ch[i].at <= t; i++)
		state = ch[i].dst;
	for (; i < n; i++) {
		s = ch[i].dst;
		while (i + 1 < n && ch[i + 1].at == ch[i].at)
			s = ch[++i].dst;
		if (s != state) {
			*next = ch[i].at;
			break;
		}
	}
	*isdst = state;
	*off = state ? r->dst : r->std;
}

/* the offset at t (in range) and the instant it next changes */
static void
zone_at(const struct tz_zone *z, int64_t t, int32_t *off, int *isdst,
    int64_t *next)
{
	size_t lo, hi, mid;

	if (z->has_rule && (z->ntrans == 0 || t >= z->trans[z->ntrans - 1])) {
		rule_at(&z->rule, t, off, isdst, next);
		return;
	}
	if (z->ntrans == 0 || t < z->trans[0]) {
		*off = z->off[0];
		*isdst = z->isdst[0];
		*next = z->ntrans ? z->trans[0] : TZ_NEVER;
		return;
	}
	/* the last change at or before t */
	lo = 0;
	hi = z->ntrans;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (z->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	*off = z->off[z->tidx[lo]];
	*isdst = z->isdst[z->tidx[lo]];
	*next = lo + 1 < z->ntrans ? z->trans[lo + 1] : TZ_NEVER;
}

int
tz_offset(const struct tz_zone *z, time_t t, int32_t *utoff, int *isdst)
{
	int64_t next;

	if (z == NULL || (int64_t)t < TZ_T_LO || (int64_t)t >= TZ_T_HI)
		return -1;
	zone_at(z, (int64_t)t, utoff, isdst, &next);
	return 0;
}

int
tz_local_to_utc(const struct tz_zone *z, int year, int mon, int mday,
    int hour, int min, int sec, time_t *out)
{
	time_t	l;
	int64_t	L, s, next, t, first = 0, gap = 0;
	int32_t	off, prev;
	int	dst, steps, nfit = 0, have_gap = 0;

	if (z == NULL || year < 1 || year > 9998 || mon < 1 || mon > 12 ||
	    mday < 1 || mday > tz_mdays(year, mon) || hour < 0 ||
	    hour > 24 || min < 0 || min > 59 || sec < 0 || sec > 60 ||
	    time_from_utc(year, mon, mday, hour, min, sec, &l) == -1)
		return -1;
	L = (int64_t)l;			/* the wall clock, as if UTC */
	if (L - TZ_WIN < TZ_T_LO || L + TZ_WIN >= TZ_T_HI)
		return -1;
	/* each stretch [s, next) of one offset in the window */
	s = L - TZ_WIN;
	zone_at(z, s, &off, &dst, &next);
	prev = off;
	for (steps = 0;; steps++) {
		if (steps > TZ_STEPS_MAX)
			return -1;	/* a hostile file */
		t = L - off;
		if (t >= s && t < next) {
			if (nfit++ == 0)
				first = t;
		} else if (steps > 0 && !have_gap && L >= s + prev &&
		    L < s + off) {
			/* the clock jumped from s + prev to s + off */
			gap = L - prev;
			have_gap = 1;
		}
		if (next > L + TZ_WIN)
			break;
		s = next;
		prev = off;
		zone_at(z, s, &off, &dst, &next);
	}
	if (nfit == 0 && !have_gap)
		return -1;
	t = nfit ? first : gap;
	if ((int64_t)(time_t)t != t)
		return -1;
	*out = (time_t)t;
	return nfit > 1 ? TZ_OVERLAP : nfit ? TZ_EXACT : TZ_GAP;
}

/* ---- the file ------------------------------------------------------ */

struct tz_hdr {
	uint32_t	isut, isstd, leap, time, type, chr;
};

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
sget32(const unsigned char *p)
{
	uint32_t u = get32(p);

	return u & 0x80000000u ? (int64_t)u - 0x100000000LL : (int64_t)u;
}

static int64_t
sget64(const unsigned char *p)
{
	uint64_t u = (uint64_t)get32(p) << 32 | get32(p + 4);

	if (u & 0x8000000000000000ull)
		return -(int64_t)(~u) - 1;
	return (int64_t)u;
}

/*
 * The header at p[at] and the length of the data after it, with times of
 * tsz bytes; -1 when it does not hold or does not fit in n bytes.
 */
static int
hdr_get(const unsigned char *p, size_t n, size_t at, int tsz,
    struct tz_hdr *h, size_t *len)
{
	const unsigned char *q = p + at;

	if (at > n || n - at < 44 || memcmp(q, "TZif", 4) != 0)
		return -1;
	h->isut = get32(q + 20);
	h->isstd = get32(q + 24);
	h->leap = get32(q + 28);
	h->time = get32(q + 32);
	h->type = get32(q + 36);
	h->chr = get32(q + 40);
	if (h->type == 0 || h->type > 256 || h->chr == 0 ||
	    (h->isut != 0 && h->isut != h->type) ||
	    (h->isstd != 0 && h->isstd != h->type) ||
	    h->time > n || h->leap > n || h->chr > n)
		return -1;
	/* each count is at most n (1 MB): no overflow */
	*len = (size_t)h->time * (size_t)(tsz + 1) + (size_t)h->type * 6 +
	    h->chr + (size_t)h->leap * (size_t)(tsz + 4) + h->isstd + h->isut;
	return *len <= n - at - 44 ? 0 : -1;
}

/* the data block after the header h at p, times of tsz bytes */
static int
data_get(struct tz_zone *z, const unsigned char *p, const struct tz_hdr *h,
    int tsz)
{
	const unsigned char	*ti = p + (size_t)h->time * (size_t)tsz;
	const unsigned char	*ty = ti + h->time;
	size_t			 i;
	int64_t			 v;

	if (h->leap != 0)
		return -1;	/* leap seconds: not for wall clocks */
	z->ntrans = h->time;
	z->ntypes = h->type;
	z->trans = xcalloc(z->ntrans + 1, sizeof(*z->trans));
	z->tidx = xcalloc(z->ntrans + 1, 1);
	z->off = xcalloc(z->ntypes, sizeof(*z->off));
	z->isdst = xcalloc(z->ntypes, 1);
	for (i = 0; i < z->ntrans; i++) {
		z->trans[i] = tsz == 8 ? sget64(p + i * 8) : sget32(p + i * 4);
		if (i > 0 && z->trans[i] <= z->trans[i - 1])
			return -1;
		if ((z->tidx[i] = ti[i]) >= z->ntypes)
			return -1;
	}
	for (i = 0; i < z->ntypes; i++, ty += 6) {
		v = sget32(ty);
		if (v < TZ_OFF_MIN || v > TZ_OFF_MAX || ty[4] > 1 ||
		    ty[5] >= h->chr)
			return -1;
		z->off[i] = (int32_t)v;
		z->isdst[i] = ty[4];
	}
	return 0;
}

struct tz_zone *
tz_parse(const void *data, size_t n)
{
	const unsigned char	*p = data, *nl;
	struct tz_zone		*z;
	struct tz_hdr		 h;
	size_t			 len, at;
	char			 foot[256];
	int			 v2;

	if (p == NULL || n > TZ_FILE_MAX || hdr_get(p, n, 0, 4, &h, &len) == -1)
		return NULL;
	if (p[4] != 0 && (p[4] < '2' || p[4] > '9'))
		return NULL;
	v2 = p[4] != 0;
	at = 44;
	if (v2) {
		/* skip the 32-bit data, read the 64-bit */
		at += len;
		if (hdr_get(p, n, at, 8, &h, &len) == -1)
			return NULL;
		at += 44;
	}
	z = xcalloc(1, sizeof(*z));
	if (data_get(z, p + at, &h, v2 ? 8 : 4) == -1)
		goto bad;
	at += len;
	if (!v2)
		return z;
	/* "\nTZ string\n" */
	if (at >= n || p[at] != '\n' ||
	    (nl = memchr(p + at + 1, '\n', n - at - 1)) == NULL)
		goto bad;
	len = (size_t)(nl - (p + at + 1));
	if (len >= sizeof(foot))
		goto bad;
	memcpy(foot, p + at + 1, len);
	foot[len] = '\0';
	if (strlen(foot) != len)
		goto bad;
	if (len > 0) {
		if (rule_parse(foot, &z->rule) == -1)
			goto bad;
		z->has_rule = 1;
	}
	return z;
bad:
	tz_free(z);
	return NULL;
}

void
tz_free(struct tz_zone *z)
{
	if (z == NULL)
		return;
	free(z->trans);
	free(z->tidx);
	free(z->off);
	free(z->isdst);
	free(z);
}

int
tz_name_ok(const char *name)
{
	size_t		i, n;
	unsigned char	c;

	if (name == NULL || (n = strlen(name)) == 0 || n > 255 ||
	    name[0] == '/' || strstr(name, "..") != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)name[i];
		if (!is_alpha(c) && !is_digit(c) && c != '/' &&
		    c != '_' && c != '-' && c != '+' && c != '.')
			return 0;
	}
	return 1;
}

struct tz_zone *
tz_load(const char *dir, const char *name)
{
	struct tz_zone	*z;
	struct stat	 st;
	unsigned char	*b;
	char		 path[4096];
	size_t		 cap, got = 0;
	ssize_t		 r;
	int		 fd, len;

	if (dir == NULL || !tz_name_ok(name))
		return NULL;
	len = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (len < 0 || (size_t)len >= sizeof(path))
		return NULL;
	/* O_NONBLOCK: a FIFO planted there does not hang us */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > TZ_FILE_MAX) {
		close(fd);
		return NULL;
	}
	cap = (size_t)st.st_size + 1;	/* one more: the file grew */
	b = xmalloc(cap);
	for (;;) {
		r = read(fd, b + got, cap - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
		if (got == cap)
			break;
	}
	close(fd);
	z = r == -1 || got == cap ? NULL : tz_parse(b, got);
	free(b);
	return z;
}

/* ---- zones by name, loaded once ------------------------------------ */

struct tz_entry {
	char		*name;
	struct tz_zone	*z;		/* NULL: not known */
};

static pthread_mutex_t	 tz_mu = PTHREAD_MUTEX_INITIALIZER;
static char		*tz_dir;	/* NULL until the first use */
static struct tz_entry	*tz_cache;
static size_t		 tz_ncache, tz_capcache, tz_nneg;

/* with tz_mu held */
static void
dir_set(const char *dir)
{
	free(tz_dir);
	if (dir == NULL && ((dir = getenv("TZDIR")) == NULL || *dir == '\0'))
		dir = "/usr/share/zoneinfo";
	tz_dir = xstrdup(dir);
}

void
tz_set_dir(const char *dir)
{
	size_t i, k;

	pthread_mutex_lock(&tz_mu);
	dir_set(dir);
	/* the names not found may be in the new directory */
	for (i = k = 0; i < tz_ncache; i++) {
		if (tz_cache[i].z == NULL)
			free(tz_cache[i].name);
		else
			tz_cache[k++] = tz_cache[i];
	}
	tz_ncache = k;
	tz_nneg = 0;
	pthread_mutex_unlock(&tz_mu);
}

const struct tz_zone *
tz_get(const char *name)
{
	struct tz_zone	*z;
	size_t		 i;

	if (!tz_name_ok(name))
		return NULL;
	pthread_mutex_lock(&tz_mu);
	for (i = 0; i < tz_ncache; i++)
		if (strcmp(tz_cache[i].name, name) == 0) {
			z = tz_cache[i].z;
			pthread_mutex_unlock(&tz_mu);
			return z;
		}
	if (tz_dir == NULL)
		dir_set(NULL);
	z = tz_load(tz_dir, name);
	/* a zone is kept for good (there are as many as files); an unknown
	 * name only while there are few */
	if (z != NULL || tz_nneg < TZ_CACHE_NEG) {
		if (tz_ncache == tz_capcache) {
			tz_capcache = tz_capcache ? tz_capcache * 2 : 16;
			tz_cache = xreallocarray(tz_cache, tz_capcache,
			    sizeof(*tz_cache));
		}
		tz_cache[tz_ncache].name = xstrdup(name);
		tz_cache[tz_ncache++].z = z;
		tz_nneg += z == NULL;
	}
	pthread_mutex_unlock(&tz_mu);
	return z;
}
