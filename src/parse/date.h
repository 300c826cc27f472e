/*
 * date.h: feed dates -> UTC time_t.  RFC 822/2822 (with and without
 * weekday, 2-digit years, named, numeric and military zones, missing zone =
 * UTC), RFC 3339 / W3CDTF (fractions, partial dates), ISO 8601 variants,
 * asctime, and localized day and month names.  Unparseable dates are
 * rejected, never replaced by "now".
 */
#ifndef CRIER_DATE_H
#define CRIER_DATE_H

#include <time.h>

/* 0 and *out set on success, -1 if s is no date crier understands */
int	date_parse(const char *s, time_t *out);

#endif
