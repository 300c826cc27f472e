/*
 * tests/fuzz/fuzz-event.c: event_extract() on arbitrary text, the first
 * line as the title and the rest as the summary, posted on a fixed date.
 * An event it finds must hold together: a date-only one starts at
 * midnight UTC and has no end, an end comes after the start within two
 * days.  Bytes that start with "TZif" are read as a zone file instead
 * (util/tz.c), and the zone is used every way.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "parse/feed.h"
#include "util/time.h"
#include "util/tz.h"
#include "fuzz.h"

#define POSTED	((time_t)1790812800)	/* 2026-10-01T00:00:00Z */

static void
zone(const uint8_t *data, size_t size)
{
	struct tz_zone	*z;
	time_t		 t;
	int32_t		 off;
	int		 y, d, rc;

	if ((z = tz_parse(data, size)) == NULL)
		return;
	for (y = 1960; y <= 2060; y += 4) {
		rc = tz_local_to_utc(z, y, 1 + y % 12, 1 + y % 28, y % 25,
		    y % 60, 0, &t);
		if (rc < -1 || rc > TZ_OVERLAP)
			abort();
		if (tz_offset(z, t, &off, &d) == 0 && (off < -89999 ||
		    off > 93599 || d < 0 || d > 1))
			abort();
	}
	tz_free(z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct entry	 e;
	struct event	 ev;
	char		*s, *nl;

	if (size > 64 * 1024)
		return 0;
	if (size >= 4 && memcmp(data, "TZif", 4) == 0) {
		zone(data, size);
		return 0;
	}
	if ((s = fuzz_copy(data, size, 1)) == NULL)
		return 0;
	memset(&e, 0, sizeof(e));
	e.title = s;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		e.summary = nl + 1;
	}
	if (event_extract(&e, POSTED, &ev) == 1) {
		if (ev.allday && (ev.end != TIME_NONE || ev.start % 86400 != 0))
			abort();
		if (!ev.allday && ev.end != TIME_NONE && (ev.end <= ev.start ||
		    ev.end - ev.start > 2 * 86400))
			abort();
	}
	free(s);
	return 0;
}
