/*
 * tests/fuzz/fuzz-htmltext.c: HTML to terminal text (htmltext_render()
 * with numbered links, wrapped and not) and the digest excerpt
 * (htmltext_brief()) on arbitrary bytes.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "util/buf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct htmltext_links	 links = HTMLTEXT_LINKS_INIT;
	struct buf		 b = BUF_INIT;
	char			*copy;

	if (size > 256 * 1024)
		return 0;
	/* no terminating NUL for the render: over-reads show */
	if ((copy = fuzz_copy(data, size, 0)) == NULL)
		return 0;
	htmltext_render(&b, copy, size, 32, &links);
	htmltext_links_print(&b, &links);
	htmltext_links_release(&links);
	buf_reset(&b);
	htmltext_render(&b, copy, size, 0, NULL);
	free(copy);
	/* htmltext_brief() reads a C string */
	if ((copy = fuzz_copy(data, size, 1)) == NULL) {
		buf_release(&b);
		return 0;
	}
	buf_reset(&b);
	htmltext_brief(&b, copy, HTMLTEXT_BRIEF_MAX);
	buf_release(&b);
	free(copy);
	return 0;
}
