/*
 * tests/fuzz/fuzz-url.c: url_resolve(), url_canonical() and
 * url_is_absolute() on arbitrary bytes: "BASE\nREF".  Checks that an
 * absolute base gives an absolute result and that the canonical form is a
 * fixed point.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/url.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *base, *ref, *nl, *r, *c, *cc;

	if (size > 4096)
		return 0;
	if ((s = fuzz_copy(data, size, 1)) == NULL)
		return 0;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		base = s;
		ref = nl + 1;
	} else {
		base = NULL;
		ref = s;
	}
	r = url_resolve(base, ref);
	if (r == NULL)
		abort();
	if (base != NULL && url_is_absolute(base) && !url_is_absolute(r))
		abort();
	c = url_canonical(r);
	cc = url_canonical(c);
	if (c == NULL || cc == NULL || strcmp(c, cc) != 0)
		abort();
	free(cc);
	free(c);
	free(r);
	free(s);
	return 0;
}
