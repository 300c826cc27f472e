/*
 * tz.h: local wall time in an IANA zone -> UTC, read from the system's
 * zone files (TZif, RFC 8536) without TZ, tzset() or mktime(): nothing
 * global is changed, and any thread may call these.
 *
 * A local time that does not exist (the clock jumped over it: a "gap")
 * is read with the offset in force before the jump, so 02:30 on the day
 * New York goes from EST to EDT is 07:30 UTC (03:30 EDT).  A local time
 * that happens twice (the clock went back: an "overlap") is the first of
 * the two, so 01:30 on the day New York goes back to EST is 05:30 UTC
 * (01:30 EDT).  These are iCalendar's rules (RFC 5545, 3.3.5), and what
 * glibc's mktime() with tm_isdst = -1 gives for a gap.
 */
#ifndef CRIER_TZ_H
#define CRIER_TZ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TZ_FILE_MAX	(1024 * 1024)	/* a larger zone file is refused */

struct tz_zone;				/* immutable once made */

/* what tz_local_to_utc() found */
enum {
	TZ_EXACT = 0,			/* the local time happens once */
	TZ_GAP,				/* never: read with the earlier offset */
	TZ_OVERLAP,			/* twice: the first */
};

/*
 * The directory of the zone files for tz_get(), before any thread uses
 * it (NULL: $TZDIR, else /usr/share/zoneinfo; without a call, $TZDIR is
 * read once, at the first tz_get()).  Zones already loaded stay.
 */
void	tz_set_dir(const char *dir);
/* 1 when name is a zone name tz_get() will look for ("Europe/Paris") */
int	tz_name_ok(const char *name);
/*
 * The zone name, loaded from the zone directory at its first use and kept
 * for the life of the process; NULL when it is unknown, unreadable, too
 * large or corrupt.  Thread-safe.
 */
const struct tz_zone *tz_get(const char *name);

/* a zone from TZif bytes (not kept anywhere); NULL when invalid */
struct tz_zone	*tz_parse(const void *data, size_t len);
/* a zone from the file dir/name (not kept anywhere); NULL as tz_get() */
struct tz_zone	*tz_load(const char *dir, const char *name);
void		 tz_free(struct tz_zone *);

/*
 * The offset (seconds east of UTC) and the DST flag in force at t;
 * -1 when t is outside the years 1 to 9998.
 */
int	tz_offset(const struct tz_zone *, time_t t, int32_t *utoff,
	    int *isdst);
/*
 * Local wall time (hour 0-24, min 0-59, sec 0-60) in zone z -> UTC in
 * *out: TZ_EXACT, TZ_GAP or TZ_OVERLAP (see the top), -1 when the date is
 * not valid or out of range.
 */
int	tz_local_to_utc(const struct tz_zone *z, int year, int mon, int mday,
	    int hour, int min, int sec, time_t *out);

#endif
