/*
 * bigram.c: the byte pairs a text holds (bigram.h).
 */
#include "config.h"

#include <string.h>

#include "util/bigram.h"

void
bigrams_make(struct bigrams *bg, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;
	unsigned		 k;

	memset(bg->w, 0, sizeof(bg->w));
	for (i = 0; i + 1 < n; i++) {
		k = (unsigned)u[i] << 8 | u[i + 1];
		bg->w[k >> 6] |= (uint64_t)1 << (k & 63);
	}
}
