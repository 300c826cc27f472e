/*
 * tests/fuzz/fuzz-feed.c: parse_feed() on arbitrary bytes, then the
 * `parse --json` printer on what it returns.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/feed.h"
#include "parse/parse.h"
#include "util/buf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_opts	 opts = {
		.base = "http://example.com/blog/feed.xml"
	};
	struct buf		 b = BUF_INIT;
	struct feed		*f;
	char			*cause = NULL, *copy;

	if (size > 1024 * 1024)
		return 0;
	if ((copy = fuzz_copy(data, size, 0)) == NULL)
		return 0;
	f = parse_feed(copy, size, &opts, &cause);
	if (f != NULL) {
		feed_to_json(f, &b);
		feed_free(f);
	} else if (cause == NULL)
		abort();		/* a failure always says why */
	buf_release(&b);
	free(cause);
	free(copy);
	return 0;
}
