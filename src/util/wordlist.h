/*
 * wordlist.h: where the words and phrases of a fixed list start words of
 * a text, in one pass.
 *
 * The tagger's signals (announce.c) and the event reader's cities, days
 * and months (event.c) look for a few hundred lowercase words at every
 * word start of every post.  A list is made once, with filters of
 * 65,536 bits: the first two bytes of each word, a hash of the first
 * three of the longer words, and a hash of its first four (all of a
 * shorter one).  The text's word starts are walked once (sixteen bytes
 * at a time with SSE2), and where the bytes there fail a filter, as at
 * almost every start, no word is tried.
 *
 * A word starts where the byte before it is no letter, digit or byte of
 * a UTF-8 sequence (or at the start), and a listed word must end a word
 * of the text, unless it ends in '*' ("webinar*": webinars, webinaire)
 * or in a byte that is no letter or digit ("agenda:").
 */
#ifndef CRIER_WORDLIST_H
#define CRIER_WORDLIST_H

#include <stddef.h>
#include <stdint.h>

struct wordlist {
	const char	**word;		/* as given, '*' included */
	unsigned short	 *len;		/* '*' not counted */
	unsigned char	 *star;
	uint32_t	 *pre, *mask;	/* the first 4 bytes (fewer if
					 * shorter), little-endian */
	size_t		  n;
	uint64_t	 *pairs;	/* bit b0 | b1 << 8: some word starts
					 * with bytes b0, b1 (1024 words) */
	uint64_t	 *pairs2;	/* the same, of the words of 2 bytes */
	uint64_t	 *tri;		/* tri_hash() of the first 3 bytes of
					 * the longer words */
	unsigned char	  one[256];	/* a word of one byte is that byte */
	uint64_t	 *bits;		/* the filter: 1024 words */
	uint32_t	 *key;		/* the words' hashes, ascending */
	size_t		 *ord;		/* the word of each key, in list
					 * order among equal keys */
	unsigned	  lens;		/* bit l - 1: a word's hash reads
					 * l bytes (1 to 4) */
	size_t		  maxhit;	/* words that can match at one
					 * place, at most */
};

/*
 * The list of n words: the first member of each element of base, stride
 * bytes apart, a const char * that lives as long as the list.
 */
void	wordlist_make(struct wordlist *, const void *base, size_t n,
	    size_t stride);

/* the byte is a letter, a digit or part of a UTF-8 sequence */
extern const unsigned char wordlist_wordc_map[256];

static inline int
wordlist_wordc(unsigned char c)
{
	return wordlist_wordc_map[c];
}

/*
 * Calls fn(ud, at, word, len) for each listed word at a word start of
 * s[0..n), by position and, at one position, in the list's order; len is
 * the bytes matched.  fn returns nonzero to stop.  Returns what fn
 * returned last, or 0.
 */
int	wordlist_scan(const struct wordlist *, const char *s, size_t n,
	    int (*fn)(void *ud, size_t at, size_t word, size_t len), void *ud);

#endif
