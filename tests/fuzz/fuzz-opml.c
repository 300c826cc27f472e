/*
 * tests/fuzz/fuzz-opml.c: opml_parse() on arbitrary bytes, then what
 * opml_write() makes of the feeds it found, read again.  Errors are
 * fine, crashes, leaks and network or file access are not.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opml.h"
#include "util/buf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct opml	 o, back;
	struct buf	 out = BUF_INIT;
	char		*cause = NULL;

	if (size > 256 * 1024)
		return 0;
	memset(&o, 0, sizeof(o));
	if (opml_parse((const char *)data, size, &o, &cause) == -1) {
		free(cause);
		return 0;
	}
	opml_write(&out, o.feeds, o.nfeeds);
	memset(&back, 0, sizeof(back));
	if (opml_parse(out.s, out.len, &back, &cause) == -1)
		abort();	/* what we write is OPML */
	opml_release(&back);
	opml_release(&o);
	buf_release(&out);
	return 0;
}
