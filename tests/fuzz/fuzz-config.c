/*
 * tests/fuzz/fuzz-config.c: config_parse() on arbitrary bytes (a
 * feeds.conf in git-config syntax).  Errors are fine, crashes and leaks
 * are not.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* NOTE: by path, since "config.h" alone finds autoconf's in the build dir */
#include "conf.h"
#include "util/log.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c;
	char		*copy;

	if (size > 64 * 1024)
		return 0;
	if ((copy = fuzz_copy(data, size, 0)) == NULL)
		return 0;
	log_verbose = -1;	/* warnings for unknown keys are no finding */
	config_init(&c);
	(void)config_parse(&c, "fuzz.conf", copy, size);
	config_release(&c);
	free(copy);
	return 0;
}
