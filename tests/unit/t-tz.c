/*
 * tests/unit/t-tz.c: zone files read by util/tz.c give the offsets the C
 * library gives (localtime_r() and mktime() with TZ set, here only, in
 * one thread), the footer's rules are followed past the last change, gaps
 * and overlaps follow tz.h's rule, broken files are refused, and four
 * threads may convert at once.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/time.h"
#include "util/tz.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const char *const zones[] = {
	"America/New_York", "Europe/Berlin", "Africa/Nairobi",
	"Asia/Kolkata", "America/Bogota", "Australia/Lord_Howe",
	"Pacific/Chatham", "Europe/Dublin", "America/Sao_Paulo",
	"Europe/Paris", "America/Los_Angeles", "Asia/Tehran",
	"Africa/Casablanca", "Pacific/Apia", "UTC",
};

#define T_FROM	0LL		/* 1970-01-01 */
#define T_TO	2240611200LL	/* 2041-01-01 */

static const char *
zonedir(void)
{
	const char *d = getenv("TZDIR");

	return d && *d ? d : "/usr/share/zoneinfo";
}

static void
use_tz(const char *name)
{
	setenv("TZ", name, 1);
	tzset();
}

static time_t
utc(int y, int mo, int d, int h, int mi)
{
	time_t t;

	if (time_from_utc(y, mo, d, h, mi, 0, &t) == -1)
		return 0;
	return t;
}

/* the C library's offset and DST flag at t, with TZ set */
static void
libc_at(time_t t, long *off, int *dst)
{
	struct tm tm;

	localtime_r(&t, &tm);
	*off = tm.tm_gmtoff;
	*dst = tm.tm_isdst;
}

/*
 * Offsets at sampled instants, and at each change (found by bisection
 * between two samples that differ) the second before, of and after it;
 * then local times around each change, every 15 minutes.  Returns the
 * number of changes seen.
 */
static int
check_zone(const char *name)
{
	const struct tz_zone	*z = tz_get(name);
	long			 lo, lo2;
	int32_t			 off;
	int			 d, ld, ld2, nchange = 0, bad = 0, badl = 0;
	int			 nlocal = 0, k;
	long long		 t, a, b, m, w;
	time_t			 tt, got, mk;
	struct tm		 g, tm;

	use_tz(name);
	for (t = T_FROM; t < T_TO; t += 86400 + 3607) {
		tt = (time_t)t;
		libc_at(tt, &lo, &ld);
		if (tz_offset(z, tt, &off, &d) == -1 || off != lo || d != ld) {
			if (bad++ < 3)
				printf("# %s at %lld: %d/%d, libc %ld/%d\n",
				    name, t, (int)off, d, lo, ld);
		}
		libc_at((time_t)(t + 86400 + 3607), &lo2, &ld2);
		if (lo2 == lo && ld2 == ld)
			continue;
		/* a change in (t, t + step]: find it */
		a = t;
		b = t + 86400 + 3607;
		while (b - a > 1) {
			m = a + (b - a) / 2;
			libc_at((time_t)m, &lo2, &ld2);
			if (lo2 == lo && ld2 == ld)
				a = m;
			else
				b = m;
		}
		nchange++;
		for (k = -1; k <= 1; k++) {
			libc_at((time_t)(b + k), &lo2, &ld2);
			if (tz_offset(z, (time_t)(b + k), &off, &d) == -1 ||
			    off != lo2 || d != ld2) {
				if (bad++ < 3)
					printf("# %s at change %lld%+d: %d/%d, "
					    "libc %ld/%d\n", name, b, k,
					    (int)off, d, lo2, ld2);
			}
		}
		/* local times from 3 hours before the change to 3 after */
		for (w = b + lo - 3 * 3600; w <= b + lo + 3 * 3600;
		    w += 15 * 60) {
			tt = (time_t)w;
			gmtime_r(&tt, &g);
			k = tz_local_to_utc(z, g.tm_year + 1900, g.tm_mon + 1,
			    g.tm_mday, g.tm_hour, g.tm_min, 0, &got);
			nlocal++;
			tm = g;
			tm.tm_isdst = -1;
			mk = mktime(&tm);
			if (k == TZ_EXACT && got == mk)
				continue;
			if (k == TZ_OVERLAP) {
				/* the first of two: the same wall time an
				 * offset change later, not before */
				libc_at(got, &lo2, &ld2);
				if (w - lo2 == got && (mk == got || mk > got))
					continue;
			}
			if (k == TZ_GAP) {
				/* read with the offset before the jump */
				libc_at(got, &lo2, &ld2);
				libc_at((time_t)(w - lo2), &lo2, &ld2);
				if (got == w - lo2)
					continue;
			}
			if (badl++ < 3)
				printf("# %s local %lld: rc %d %lld, mktime "
				    "%lld\n", name, w, k, (long long)got,
				    (long long)mk);
		}
	}
	ok(bad == 0, "%s: offsets as the C library's, 1970-2040, %d changes",
	    name, nchange);
	ok(badl == 0, "%s: %d local times around the changes", name, nlocal);
	return nchange;
}

/* local times on a grid: each 4 days and 7 hours, against mktime() */
static void
check_local_grid(const char *name)
{
	const struct tz_zone	*z = tz_get(name);
	long long		 w;
	time_t			 tt, got, mk;
	struct tm		 g, tm;
	int			 rc, n = 0, bad = 0;

	use_tz(name);
	for (w = T_FROM + 86400; w < T_TO; w += 4 * 86400 + 7 * 3600 + 60) {
		tt = (time_t)w;
		gmtime_r(&tt, &g);
		rc = tz_local_to_utc(z, g.tm_year + 1900, g.tm_mon + 1,
		    g.tm_mday, g.tm_hour, g.tm_min, 0, &got);
		if (rc != TZ_EXACT)
			continue;	/* around a change: check_zone() */
		n++;
		tm = g;
		tm.tm_isdst = -1;
		mk = mktime(&tm);
		if (got != mk && bad++ < 3)
			printf("# %s %lld: %lld, mktime %lld\n", name, w,
			    (long long)got, (long long)mk);
	}
	ok(bad == 0 && n > 5000, "%s: %d local times as mktime()'s", name, n);
}

static void
is_local(const char *zone, int y, int mo, int d, int h, int mi,
    time_t want, int want_rc)
{
	time_t	got = 0;
	int	rc;

	rc = tz_local_to_utc(tz_get(zone), y, mo, d, h, mi, 0, &got);
	ok(rc == want_rc && got == want, "%s %04d-%02d-%02d %02d:%02d -> "
	    "%lld (%d)", zone, y, mo, d, h, mi, (long long)got, rc);
	if (rc != want_rc || got != want)
		printf("#   want %lld (%d)\n", (long long)want, want_rc);
}

/* ---- made-up files ------------------------------------------------- */

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * A version-2 file: no 32-bit data worth the name, then ntr changes to
 * the types of idx, types of offsets off (no DST flag but dst[]), and
 * the footer.  Returns its length in b.
 */
static size_t
tzif(unsigned char *b, const long long *tr, const unsigned char *idx,
    size_t ntr, const int32_t *off, const unsigned char *dst, size_t ntypes,
    const char *footer)
{
	size_t	n = 0, i;

	/* v1 header and block: one type, one designation byte */
	memset(b, 0, 44);
	memcpy(b, "TZif2", 5);
	put32(b + 36, 1);
	put32(b + 40, 1);
	n = 44;
	memset(b + n, 0, 7);
	n += 7;
	memset(b + n, 0, 44);
	memcpy(b + n, "TZif2", 5);
	put32(b + n + 32, (uint32_t)ntr);
	put32(b + n + 36, (uint32_t)ntypes);
	put32(b + n + 40, 4);
	n += 44;
	for (i = 0; i < ntr; i++, n += 8) {
		put32(b + n, (uint32_t)((unsigned long long)tr[i] >> 32));
		put32(b + n + 4, (uint32_t)tr[i]);
	}
	for (i = 0; i < ntr; i++)
		b[n++] = idx[i];
	for (i = 0; i < ntypes; i++, n += 6) {
		put32(b + n, (uint32_t)off[i]);
		b[n + 4] = dst[i];
		b[n + 5] = 0;
	}
	memcpy(b + n, "ABC", 4);
	n += 4;
	n += (size_t)sprintf((char *)b + n, "\n%s\n", footer);
	return n;
}

/* a zone of no change, only the footer */
static struct tz_zone *
footer_zone(const char *footer)
{
	unsigned char	b[512];
	int32_t		off = 0;
	unsigned char	dst = 0;

	return tz_parse(b, tzif(b, NULL, NULL, 0, &off, &dst, 1, footer));
}

static int
off_at(const struct tz_zone *z, time_t t)
{
	int32_t	off = -1;
	int	d;

	if (tz_offset(z, t, &off, &d) == -1)
		return -99999;
	return (int)off;
}

/* the footer alone gives the offsets of zone name for 2030-2040 */
static void
footer_as(const char *footer, const char *name)
{
	const struct tz_zone	*sys = tz_get(name);
	struct tz_zone		*z = footer_zone(footer);
	long long		 t;
	int			 bad = 0;

	for (t = 1893456000LL; t < T_TO; t += 3 * 3600 + 17)
		bad += off_at(z, (time_t)t) != off_at(sys, (time_t)t);
	ok(z != NULL && bad == 0, "footer %s as %s", footer, name);
	tz_free(z);
}

static void
test_footers(void)
{
	struct tz_zone		*z;
	int			 bad;
	time_t			 got;

	footer_as("EST5EDT,M3.2.0,M11.1.0", "America/New_York");
	/* Dublin's DST is in winter, an hour less */
	footer_as("IST-1GMT0,M10.5.0,M3.5.0/1", "Europe/Dublin");

	/* Jn never counts 29 February: J60 is 1 March */
	z = footer_zone("AAA3BBB,J60,J300");
	ok(off_at(z, utc(2028, 2, 29, 12, 0)) == -3 * 3600 &&
	    off_at(z, utc(2028, 3, 1, 4, 59)) == -3 * 3600 &&
	    off_at(z, utc(2028, 3, 1, 5, 0)) == -2 * 3600,
	    "footer Jn: J60 is 1 March in a leap year");
	tz_free(z);
	/* n counts it: day 59 is 29 February in a leap year */
	z = footer_zone("AAA3BBB,59/2,300");
	ok(off_at(z, utc(2028, 2, 29, 4, 59)) == -3 * 3600 &&
	    off_at(z, utc(2028, 2, 29, 5, 0)) == -2 * 3600 &&
	    off_at(z, utc(2027, 3, 1, 5, 0)) == -2 * 3600 &&
	    off_at(z, utc(2027, 2, 28, 12, 0)) == -3 * 3600,
	    "footer n: day 59 is 29 February in a leap year");
	tz_free(z);
	/* southern: DST across the new year, 30-minute DST, quoted names */
	z = footer_zone("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
	ok(off_at(z, utc(2035, 1, 15, 0, 0)) == 11 * 3600 &&
	    off_at(z, utc(2035, 7, 15, 0, 0)) == 10 * 3600 + 1800,
	    "footer: Lord Howe's half hour");
	if (z != NULL) {
		/* 2035-10-07 02:00 -> 02:30: a 30-minute gap */
		ok(tz_local_to_utc(z, 2035, 10, 7, 2, 15, 0, &got) ==
		    TZ_GAP && got == utc(2035, 10, 7, 2, 15) - 37800,
		    "footer: in the 30-minute gap, the offset before");
	} else
		ok(0, "footer: in the 30-minute gap, the offset before");
	tz_free(z);
	/* DST all year (RFC 8536 3.3.1) */
	z = footer_zone("EST5EDT4,0/0,J365/25");
	ok(z != NULL && off_at(z, utc(2031, 1, 1, 0, 0)) == -4 * 3600 &&
	    off_at(z, utc(2031, 1, 1, 5, 0)) == -4 * 3600 &&
	    off_at(z, utc(2031, 7, 1, 0, 0)) == -4 * 3600 &&
	    off_at(z, utc(2031, 12, 31, 23, 0)) == -4 * 3600,
	    "footer: DST all year");
	tz_free(z);
	/* a rule time past the day, and a negative one (version 3) */
	z = footer_zone("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1");
	ok(z != NULL && off_at(z, utc(2030, 3, 31, 0, 59)) == -3 * 3600 &&
	    off_at(z, utc(2030, 3, 31, 1, 0)) == -2 * 3600,
	    "footer: a negative rule time is the day before");
	tz_free(z);
	z = footer_zone("AAA-2BBB,M3.5.4/24,M10.5.5/1");
	ok(z != NULL && off_at(z, utc(2030, 3, 28, 21, 59)) == 2 * 3600 &&
	    off_at(z, utc(2030, 3, 28, 22, 0)) == 3 * 3600,
	    "footer: 24:00 is the next day's midnight");
	tz_free(z);
	/* without DST; DST with no rule takes the US one */
	z = footer_zone("<+0545>-5:45");
	ok(z != NULL && off_at(z, utc(2039, 6, 1, 0, 0)) == 5 * 3600 +
	    45 * 60, "footer: a fixed offset");
	tz_free(z);
	z = footer_zone("EST5EDT");
	ok(z != NULL && off_at(z, utc(2030, 7, 1, 0, 0)) == -4 * 3600 &&
	    off_at(z, utc(2030, 12, 1, 0, 0)) == -5 * 3600,
	    "footer: DST without a rule");
	tz_free(z);
	{
		static const char *const bad_footers[] = { "E5", "EST",
		    "EST25", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,"
		    "M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J300",
		    "EST5EDT,366,300", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,",
		    "EST5EDT,M3.2.0/168,M11.1.0", "<ES>5", "<EST5",
		    "EST5:60", "EST5EDT,M3.2.0,M11.1.0x", "EST5 ",
		    "EST+", "EST5EDT,M3..0,M11.1.0" };
		size_t i;

		bad = 0;
		for (i = 0; i < nitems(bad_footers); i++) {
			z = footer_zone(bad_footers[i]);
			if (z != NULL) {
				printf("# accepted: %s\n", bad_footers[i]);
				bad++;
			}
			tz_free(z);
		}
		ok(bad == 0, "%zu broken footers refused",
		    nitems(bad_footers));
	}
}

/* ---- broken files -------------------------------------------------- */

static unsigned char *
slurp(const char *path, size_t *n)
{
	FILE		*f = fopen(path, "rb");
	unsigned char	*b;

	*n = 0;
	if (f == NULL)
		return NULL;
	b = xmalloc(TZ_FILE_MAX);
	*n = fread(b, 1, TZ_FILE_MAX, f);
	fclose(f);
	return b;
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return;
	fwrite(p, 1, n, f);
	fclose(f);
}

/*
 * Uses z every way: a parsed file must be safe to convert with, its
 * offsets in RFC 8536's bounds and its UTC within a day of the wall
 * time.  Returns the number of answers out of bounds.
 */
static int
exercise(const struct tz_zone *z)
{
	time_t	t, w;
	int32_t	off;
	int	d, y, bad = 0;

	for (y = 1970; y <= 2045; y += 5) {
		w = utc(y, 3, 30, 2, 30);
		if (tz_local_to_utc(z, y, 3, 30, 2, 30, 0, &t) >= 0 &&
		    (t < w - 26 * 3600 || t > w + 26 * 3600))
			bad++;
		if (tz_offset(z, utc(y, 10, 30, 1, 0), &off, &d) == 0 &&
		    (off < -89999 || off > 93599 || d < 0 || d > 1))
			bad++;
	}
	(void)tz_local_to_utc(z, 1, 1, 2, 0, 0, 0, &t);
	(void)tz_local_to_utc(z, 9998, 12, 30, 24, 0, 0, &t);
	return bad;
}

static void
test_broken(void)
{
	unsigned char	*b, *m;
	struct tz_zone	*z;
	char		 dir[64], path[128];
	size_t		 n, i, accepted = 0;
	unsigned int	 seed = 12345;
	int		 k, bad = 0;

	snprintf(path, sizeof(path), "%s/America/New_York", zonedir());
	if ((b = slurp(path, &n)) == NULL || n < 100) {
		ok(0, "read %s", path);
		free(b);
		return;
	}
	z = tz_parse(b, n);
	ok(z != NULL, "tz_parse: a whole file");
	tz_free(z);
	/* every truncation is refused */
	for (i = 0; i < n; i++) {
		if ((z = tz_parse(b, i)) != NULL)
			accepted++;
		tz_free(z);
	}
	is_int((long long)accepted, 0, "tz_parse: each of %zu truncations "
	    "refused", n);
	/* random bytes changed: refused, or safe to use */
	m = xmalloc(n);
	accepted = 0;
	for (i = 0; i < 3000; i++) {
		memcpy(m, b, n);
		for (k = 0; k < 1 + (int)(i % 4); k++) {
			seed = seed * 1103515245u + 12345u;
			m[(seed >> 8) % n] = (unsigned char)(seed >> 20);
		}
		if ((z = tz_parse(m, n)) != NULL) {
			accepted++;
			bad += exercise(z);
		}
		tz_free(z);
	}
	ok(bad == 0, "tz_parse: 3000 mutated files, %zu accepted and sane",
	    accepted);
	/* the counts of the 64-bit header: huge, or past the end */
	{
		size_t	v2 = 0;
		uint32_t	ntime, ntype;

		/* the second header: after the 32-bit block */
		for (i = 4; i + 4 < n; i++)
			if (memcmp(b + i, "TZif", 4) == 0) {
				v2 = i;
				break;
			}
		ok(v2 > 0, "the second header is found");
		memcpy(m, b, n);
		put32(m + v2 + 32, 0xffffffffu);
		ok(tz_parse(m, n) == NULL, "a huge count of changes: refused");
		memcpy(m, b, n);
		put32(m + v2 + 36, 0);
		ok(tz_parse(m, n) == NULL, "no type: refused");
		memcpy(m, b, n);
		put32(m + v2 + 36, 257);
		ok(tz_parse(m, n) == NULL, "257 types: refused");
		memcpy(m, b, n);
		put32(m + v2 + 28, 1);
		ok(tz_parse(m, n) == NULL, "leap seconds: refused");
		/* a type index past the types */
		memcpy(m, b, n);
		ntime = (uint32_t)m[v2 + 32] << 24 | (uint32_t)m[v2 + 33] << 16 |
		    (uint32_t)m[v2 + 34] << 8 | m[v2 + 35];
		ntype = (uint32_t)m[v2 + 36] << 24 | (uint32_t)m[v2 + 37] << 16 |
		    (uint32_t)m[v2 + 38] << 8 | m[v2 + 39];
		if (v2 + 44 + ntime * 9 < n) {
			m[v2 + 44 + ntime * 8 + ntime / 2] = (unsigned char)ntype;
			ok(tz_parse(m, n) == NULL, "a type past the types: "
			    "refused");
		} else
			ok(0, "a type past the types: refused");
		/* changes out of order */
		memcpy(m, b, n);
		if (ntime > 10) {
			memcpy(m + v2 + 44 + 5 * 8, b + v2 + 44 + 6 * 8, 8);
			ok(tz_parse(m, n) == NULL, "changes out of order: "
			    "refused");
		} else
			ok(0, "changes out of order: refused");
		/* no newline at the end of the footer */
		ok(tz_parse(b, n - 1) == NULL && tz_parse(NULL, 0) == NULL,
		    "a footer without its newline: refused");
		/* a version 1 file: the 32-bit block alone */
		memcpy(m, b, n);
		m[4] = 0;
		z = tz_parse(m, v2);
		ok(z != NULL && off_at(z, utc(2020, 7, 1, 12, 0)) ==
		    -4 * 3600, "a version 1 file");
		tz_free(z);
		m[4] = '1';
		ok(tz_parse(m, v2) == NULL, "version '1': refused");
	}
	free(m);

	/* files on disk: too large, a directory, a FIFO, unknown names */
	snprintf(dir, sizeof(dir), "/tmp/t-tz.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		free(b);
		return;
	}
	snprintf(path, sizeof(path), "%s/Good", dir);
	write_file(path, b, n);
	z = tz_load(dir, "Good");
	ok(z != NULL, "tz_load: a copy of New York");
	tz_free(z);
	snprintf(path, sizeof(path), "%s/Big", dir);
	m = xcalloc(1, TZ_FILE_MAX + 1);
	memcpy(m, b, n);
	write_file(path, m, TZ_FILE_MAX + 1);
	free(m);
	ok(tz_load(dir, "Big") == NULL, "tz_load: over 1 MB refused");
	snprintf(path, sizeof(path), "%s/Short", dir);
	write_file(path, b, 60);
	ok(tz_load(dir, "Short") == NULL, "tz_load: a short file refused");
	snprintf(path, sizeof(path), "%s/Empty", dir);
	write_file(path, b, 0);
	ok(tz_load(dir, "Empty") == NULL, "tz_load: an empty file refused");
	snprintf(path, sizeof(path), "%s/Dir", dir);
	mkdir(path, 0700);
	ok(tz_load(dir, "Dir") == NULL, "tz_load: a directory refused");
	snprintf(path, sizeof(path), "%s/Fifo", dir);
	ok(mkfifo(path, 0600) == 0 && tz_load(dir, "Fifo") == NULL,
	    "tz_load: a FIFO refused, without waiting");
	ok(tz_load(dir, "Missing") == NULL, "tz_load: a missing file");
	ok(tz_load(dir, "Dir/../Good") == NULL && tz_load(dir, "/Good") ==
	    NULL && tz_load(dir, "Go od") == NULL && tz_load(dir, "") == NULL,
	    "tz_load: names with .., a leading /, a space, empty refused");
	ok(tz_get("Nowhere/Atlantis") == NULL && tz_get("../etc/passwd") ==
	    NULL && tz_get("/etc/localtime") == NULL && tz_get(NULL) == NULL &&
	    tz_get("Nowhere/Atlantis") == NULL, "tz_get: unknown zones");
	ok(tz_name_ok("America/Argentina/Buenos_Aires") &&
	    tz_name_ok("Etc/GMT+5") && !tz_name_ok("a..b"),
	    "tz_name_ok");
	/* tz_set_dir: another directory, zones loaded before stay */
	{
		const struct tz_zone *ny = tz_get("America/New_York");

		tz_set_dir(dir);
		ok(tz_get("Good") != NULL && tz_get("Big") == NULL &&
		    tz_get("America/New_York") == ny,
		    "tz_set_dir: zones from another directory");
		tz_set_dir(NULL);
		ok(tz_get("Europe/Berlin") != NULL,
		    "tz_set_dir(NULL): the system's again");
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/Dir", dir);
	rmdir(path);
	for (i = 0; i < 5; i++) {
		static const char *const f[] = { "Good", "Big", "Short",
			"Empty", "Fifo" };

		snprintf(path, sizeof(path), "%s/%s", dir, f[i]);
		unlink(path);
	}
	rmdir(dir);
	free(b);
}

/* ---- threads ------------------------------------------------------- */

#define NTHREAD	4
#define NCASE	64

struct tcase {
	const char	*zone;
	int		 y, mo, d, h, mi;
	time_t		 want;
	int		 rc;
};

static struct tcase	tcases[NCASE];

static void *
stress(void *arg)
{
	long	bad = 0;
	time_t	got;
	int	i, k, rc;

	for (k = 0; k < 300; k++)
		for (i = 0; i < NCASE; i++) {
			const struct tcase *c = &tcases[(i + k +
			    (int)(intptr_t)arg * 7) % NCASE];

			rc = tz_local_to_utc(tz_get(c->zone), c->y, c->mo, c->d,
			    c->h, c->mi, 0, &got);
			if (rc != c->rc || (rc >= 0 && got != c->want))
				bad++;
		}
	return (void *)(intptr_t)bad;
}

static void
test_threads(void)
{
	pthread_t	th[NTHREAD];
	void		*r;
	long		 bad = 0;
	int		 i, started = 0;
	unsigned int	 seed = 777;

	/* expected values, made here in one thread with zones from files
	 * not yet cached: the threads race to load them */
	for (i = 0; i < NCASE; i++) {
		struct tcase		*c = &tcases[i];
		struct tz_zone		*z;
		static const char *const tz[] = { "Europe/Rome",
		    "America/Chicago", "Asia/Tokyo", "Australia/Sydney",
		    "America/Mexico_City", "Europe/London" };

		seed = seed * 1103515245u + 12345u;
		c->zone = tz[(seed >> 16) % nitems(tz)];
		c->y = 1975 + (int)((seed >> 8) % 60);
		c->mo = 1 + (int)((seed >> 4) % 12);
		c->d = 1 + (int)((seed >> 12) % 28);
		c->h = (int)((seed >> 3) % 24);
		c->mi = (int)((seed >> 19) % 60);
		z = tz_load(zonedir(), c->zone);
		c->rc = tz_local_to_utc(z, c->y, c->mo, c->d, c->h, c->mi, 0,
		    &c->want);
		tz_free(z);
	}
	for (i = 0; i < NTHREAD; i++)
		if (pthread_create(&th[i], NULL, stress,
		    (void *)(intptr_t)i) == 0)
			started++;
	for (i = 0; i < started; i++) {
		pthread_join(th[i], &r);
		bad += (long)(intptr_t)r;
	}
	ok(started == NTHREAD && bad == 0, "%d threads converting at once: "
	    "%ld wrong", started, bad);
}

int
main(void)
{
	char	path[256];
	size_t	i;
	int	have;

	snprintf(path, sizeof(path), "%s/America/New_York", zonedir());
	if (access(path, R_OK) != 0) {
		printf("1..0 # SKIP no zone files in %s\n", zonedir());
		return 0;
	}
	test_threads();
	for (i = 0; i < nitems(zones); i++) {
		snprintf(path, sizeof(path), "%s/%s", zonedir(), zones[i]);
		have = access(path, R_OK) == 0;
		ok(!have || tz_get(zones[i]) != NULL, "%s: loaded", zones[i]);
		if (!have)
			continue;
		check_zone(zones[i]);
		check_local_grid(zones[i]);
	}
	unsetenv("TZ");
	tzset();

	/* known answers, gaps and overlaps: tz.h's rule */
	is_local("America/New_York", 2023, 3, 12, 2, 30,
	    utc(2023, 3, 12, 7, 30), TZ_GAP);
	is_local("America/New_York", 2023, 11, 5, 1, 30,
	    utc(2023, 11, 5, 5, 30), TZ_OVERLAP);
	is_local("America/New_York", 2023, 11, 5, 2, 30,
	    utc(2023, 11, 5, 7, 30), TZ_EXACT);
	/* past the changes written out: the footer */
	is_local("America/New_York", 2027, 3, 14, 12, 0,
	    utc(2027, 3, 14, 16, 0), TZ_EXACT);
	is_local("America/New_York", 2027, 3, 13, 12, 0,
	    utc(2027, 3, 13, 17, 0), TZ_EXACT);
	is_local("America/New_York", 2039, 11, 6, 1, 30,
	    utc(2039, 11, 6, 5, 30), TZ_OVERLAP);
	is_local("America/New_York", 2040, 7, 4, 21, 0,
	    utc(2040, 7, 5, 1, 0), TZ_EXACT);
	is_local("America/New_York", 2060, 1, 10, 9, 0,
	    utc(2060, 1, 10, 14, 0), TZ_EXACT);
	is_local("Europe/Berlin", 2031, 3, 30, 2, 15,
	    utc(2031, 3, 30, 1, 15), TZ_GAP);
	is_local("Europe/Dublin", 2025, 1, 15, 12, 0,
	    utc(2025, 1, 15, 12, 0), TZ_EXACT);
	is_local("Europe/Dublin", 2025, 7, 15, 12, 0,
	    utc(2025, 7, 15, 11, 0), TZ_EXACT);
	is_local("Australia/Lord_Howe", 2025, 1, 15, 12, 0,
	    utc(2025, 1, 15, 1, 0), TZ_EXACT);
	is_local("Australia/Lord_Howe", 2025, 7, 15, 12, 0,
	    utc(2025, 7, 15, 1, 30), TZ_EXACT);
	is_local("Pacific/Chatham", 2025, 7, 15, 12, 0,
	    utc(2025, 7, 14, 23, 15), TZ_EXACT);
	is_local("Asia/Kolkata", 2026, 12, 7, 9, 0,
	    utc(2026, 12, 7, 3, 30), TZ_EXACT);
	is_local("Africa/Nairobi", 2023, 9, 7, 14, 0,
	    utc(2023, 9, 7, 11, 0), TZ_EXACT);
	is_local("America/Bogota", 2022, 11, 10, 16, 0,
	    utc(2022, 11, 10, 21, 0), TZ_EXACT);
	/* Sao Paulo's DST began at midnight; it ended in 2019 */
	is_local("America/Sao_Paulo", 2018, 11, 4, 0, 30,
	    utc(2018, 11, 4, 3, 30), TZ_GAP);
	is_local("America/Sao_Paulo", 2018, 12, 15, 12, 0,
	    utc(2018, 12, 15, 14, 0), TZ_EXACT);
	is_local("America/Sao_Paulo", 2026, 12, 15, 12, 0,
	    utc(2026, 12, 15, 15, 0), TZ_EXACT);
	/* 24:00 is the next midnight; bad dates are refused */
	is_local("Europe/Paris", 2026, 12, 7, 24, 0,
	    utc(2026, 12, 7, 23, 0), TZ_EXACT);
	{
		time_t t;

		ok(tz_local_to_utc(tz_get("UTC"), 2026, 2, 29, 12, 0, 0,
		    &t) == -1 && tz_local_to_utc(tz_get("UTC"), 2026, 13, 1,
		    12, 0, 0, &t) == -1 && tz_local_to_utc(tz_get("UTC"), 2026,
		    1, 1, 25, 0, 0, &t) == -1 && tz_local_to_utc(NULL, 2026, 1,
		    1, 1, 0, 0, &t) == -1 && tz_local_to_utc(tz_get("UTC"),
		    10000, 1, 1, 1, 0, 0, &t) == -1,
		    "tz_local_to_utc: bad dates and no zone refused");
	}

	test_footers();
	test_broken();
	return done_testing();
}
