/*
 * bigram.h: the byte pairs a text holds, as a filter before a search.
 *
 * A text's pairs are set in a bitmap of all 65,536 pairs in one pass.
 * A string whose pairs are not all in it is not in the text: most of the
 * many words a tagger looks for are refused by a few bit tests, and only
 * the rest are searched for.  A string of one byte is never refused.
 */
#ifndef CRIER_BIGRAM_H
#define CRIER_BIGRAM_H

#include <stddef.h>
#include <stdint.h>

struct bigrams {
	uint64_t	w[65536 / 64];
};

/* the pairs of s[0..n) */
void	bigrams_make(struct bigrams *, const char *s, size_t n);

/* is the pair (a, b) in the text? */
static inline int
bigrams_has(const struct bigrams *bg, unsigned char a, unsigned char b)
{
	unsigned k = (unsigned)a << 8 | b;

	return (bg->w[k >> 6] >> (k & 63)) & 1;
}

/* 0 when s[0..n) cannot be in the text, 1 when it may be */
static inline int
bigrams_may_hold(const struct bigrams *bg, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i + 1 < n; i++)
		if (!bigrams_has(bg, u[i], u[i + 1]))
			return 0;
	return 1;
}

/*
 * The index of the byte of s[0..n) least likely in a text (English
 * letter frequencies, with space, digits and the lead bytes of Latin and
 * Arabic letters common): a search looks for the rarest first.
 */
size_t	bytes_rarest(const char *s, size_t n);

/*
 * bigrams_may_hold() that tests first the pair at k (the one with the
 * rarest byte, say): most strings not in a text fail there.
 */
static inline int
bigrams_may_hold_at(const struct bigrams *bg, const char *s, size_t n,
    size_t k)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 2) {
		if (k + 1 >= n)
			k = n - 2;
		if (!bigrams_has(bg, u[k], u[k + 1]))
			return 0;
	}
	return bigrams_may_hold(bg, s, n);
}

#endif
