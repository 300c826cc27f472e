/*
 * time.h: UTC time helpers.  Inside crier times are UTC time_t; TIME_NONE
 * marks "not known" (a feed without a date).
 */
#ifndef CRIER_TIME_H
#define CRIER_TIME_H

#include <stddef.h>
#include <time.h>

#define TIME_NONE ((time_t)INT64_MIN)

#include <stdint.h>

/* timegm() for broken-down UTC, without touching TZ; -1 on overflow */
int	time_from_utc(int year, int mon /* 1-12 */, int mday, int hour,
	    int min, int sec, time_t *out);
/* YYYY-MM-DDTHH:MM:SSZ (21 bytes with the NUL); -1 if it does not fit or
 * the year is not 0 to 9999 */
int	time_rfc3339(time_t, char *, size_t);
/* RFC 5322 date: "Thu, 20 Oct 2022 09:00:00 +0000" */
int	time_rfc5322(time_t, char *, size_t);
/* "90", "30s", "15m", "6h", "1d", "1w" -> seconds; -1 on a bad value */
int	time_parse_duration(const char *, long long *secs);

#endif
