/*
 * tests/fuzz/fuzz-html.c: html_clean() and html_clean_xml() on arbitrary
 * bytes, with a base URL so that links get resolved.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/html-clean.h"
#include "util/buf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = BUF_INIT;
	char		*copy;

	if (size > 256 * 1024)
		return 0;
	if ((copy = fuzz_copy(data, size, 0)) == NULL)
		return 0;
	html_clean(&b, copy, size, "http://example.com/a/b.html");
	buf_reset(&b);
	html_clean_xml(&b, copy, size, NULL);
	buf_release(&b);
	free(copy);
	return 0;
}
