/*
 * tests/fuzz/fuzz-date.c: date_parse() on arbitrary bytes.  A date it
 * accepts must print as RFC 3339 (years 0000-9999).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/date.h"
#include "util/time.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, out[32];
	time_t	 t;

	if (size > 4096)
		return 0;
	if ((s = fuzz_copy(data, size, 1)) == NULL)
		return 0;
	if (date_parse(s, &t) == 0 && time_rfc3339(t, out, sizeof(out)) == -1)
		abort();
	free(s);
	return 0;
}
