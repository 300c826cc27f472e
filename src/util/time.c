/*
 * time.c: UTC conversions that never read TZ (days-from-civil arithmetic).
 */
#include "config.h"

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

/*
 * NOTE: civil-from-days arithmetic (proleptic Gregorian, eras of 400
 * years from March 0000), not gmtime_r() and snprintf(): JSON output
 * and digests write a date or three per item.  Years 0 to 9999, as
 * civil().
 */
int
time_rfc3339(time_t t, char *out, size_t len)
{
	long long	 days, secs, z, era, doe, yoe, y, doy, mp, m, dd;

	if (t == TIME_NONE || len < 21)
		return -1;
	days = (long long)t / 86400;
	secs = (long long)t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999)
		return -1;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = 'T';
	out[11] = (char)('0' + secs / 36000);
	out[12] = (char)('0' + secs / 3600 % 10);
	out[13] = ':';
	out[14] = (char)('0' + secs / 600 % 6);
	out[15] = (char)('0' + secs / 60 % 10);
	out[16] = ':';
	out[17] = (char)('0' + secs % 60 / 10);
	out[18] = (char)('0' + secs % 10);
	out[19] = 'Z';
	out[20] = '\0';
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
