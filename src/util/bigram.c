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

/* how rare byte c is in the texts crier reads, higher for rarer */
static int
byte_rarity(unsigned char c)
{
	static const char	 common[] = " etaoinshrdlcumwfgypbvkjxqz";
	const char		*r;

	if (c >= 0x80)
		return c == 0xc3 || c == 0xd8 || c == 0xd9 ? 0 : 20;
	if (c >= '0' && c <= '9')
		return 5;
	if (c != '\0' && (r = strchr(common, c)) != NULL)
		return (int)(r - common);
	return 30;	/* punctuation */
}

size_t
bytes_rarest(const char *s, size_t n)
{
	size_t	i, best = 0;
	int	rank, bestrank = -1;

	for (i = 0; i < n; i++)
		if ((rank = byte_rarity((unsigned char)s[i])) > bestrank) {
			bestrank = rank;
			best = i;
		}
	return best;
}
