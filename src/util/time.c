/*
 * time.c: UTC conversions that never read TZ (days-from-civil arithmetic).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/time.h"

static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
time_from_utc(int year, int mon, int mday, int hour, int min, int sec,
    time_t *out)
{
	long long t;

	if (mon < 1 || mon > 12 || year < 0 || year > 9999)
		return -1;
	t = days_from_civil(year, mon, mday) * 86400LL + hour * 3600LL +
	    min * 60LL + sec;
	*out = (time_t)t;
	return 0;
}

static int
civil(time_t t, struct tm *tm)
{
	if (gmtime_r(&t, tm) == NULL)
		return -1;
	if (tm->tm_year + 1900 < 0 || tm->tm_year + 1900 > 9999)
		return -1;
	return 0;
}

int
time_rfc3339(time_t t, char *out, size_t len)
{
	struct tm	tm;
	int		n;

	if (t == TIME_NONE || civil(t, &tm) == -1)
		return -1;
	/* NOTE: not strftime's %Y, which glibc does not pad below year 1000 */
	n = snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	if (n < 0 || (size_t)n >= len)
		return -1;
	return 0;
}

int
time_rfc5322(time_t t, char *out, size_t len)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	tm;
	int		n;

	if (civil(t, &tm) == -1)
		return -1;
	n = snprintf(out, len, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, mons[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (n < 0 || (size_t)n >= len)
		return -1;
	return 0;
}

int
time_parse_duration(const char *s, long long *secs)
{
	char		*end;
	long long	 v, mult = 1;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	if (v < 0 || v > 100LL * 365 * 86400)
		return -1;
	switch (*end) {
	case '\0': break;
	case 's': mult = 1; end++; break;
	case 'm': mult = 60; end++; break;
	case 'h': mult = 3600; end++; break;
	case 'd': mult = 86400; end++; break;
	case 'w': mult = 7 * 86400; end++; break;
	default: return -1;
	}
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0')
		return -1;
	*secs = v * mult;
	return 0;
}
