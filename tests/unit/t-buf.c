/* tests/unit/t-buf.c: struct buf keeps its invariants after every step */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"
#include "util/str.h"
#include "util/time.h"
#include "../tap.h"

int
main(void)
{
	struct buf	b = BUF_INIT, cap;
	char		*s, tmp[32];
	size_t		n;
	long long	secs;
	time_t		t;

	ok(b.s != NULL && b.len == 0 && b.s[0] == '\0', "BUF_INIT is empty");
	buf_adds(&b, "abc");
	buf_addf(&b, "%d-%s", 42, "x");
	is_str(b.s, "abc42-x", "buf_adds and buf_addf append");
	is_int((long long)b.len, 7, "length follows the contents");
	buf_truncate(&b, 2);
	is_str(b.s, "ab", "buf_truncate cuts and terminates");
	s = buf_detach(&b, &n);
	ok(strcmp(s, "ab") == 0 && n == 2 && b.len == 0 && b.s[0] == '\0',
	    "buf_detach hands over the contents and leaves an empty buffer");
	free(s);

	buf_init(&cap, 4);
	is_int(buf_adds(&cap, "1234"), 0, "an append up to the ceiling works");
	is_int(buf_adds(&cap, "5"), -1, "an append past the ceiling fails");
	is_str(cap.s, "1234", "a failed append leaves the buffer unchanged");
	buf_release(&cap);

	json_strz(&b, "a\"b\\c\n\x01\xff");
	is_str(b.s, "\"a\\\"b\\\\c\\n\\u0001\xef\xbf\xbd\"",
	    "json strings are escaped and invalid UTF-8 replaced");
	buf_reset(&b);
	{
		const char *esc = "red\x1b[31mtext\x1b]0;title\x07 ok\r";

		str_term_safe(&b, esc, strlen(esc));
	}
	is_str(b.s, "redtext ok", "terminal escape sequences are stripped");
	buf_release(&b);

	ok(time_parse_duration("90", &secs) == 0 && secs == 90,
	    "duration without a suffix is seconds");
	ok(time_parse_duration("6h", &secs) == 0 && secs == 21600,
	    "duration 6h");
	ok(time_parse_duration("2d", &secs) == 0 && secs == 172800,
	    "duration 2d");
	ok(time_parse_duration("5x", &secs) == -1, "duration 5x is rejected");
	ok(time_parse_duration("-1h", &secs) == -1, "negative duration is rejected");
	ok(time_from_utc(2022, 10, 20, 9, 0, 0, &t) == 0 &&
	    time_rfc3339(t, tmp, sizeof(tmp)) == 0 &&
	    strcmp(tmp, "2022-10-20T09:00:00Z") == 0, "time round trip");
	return done_testing();
}
