/*
 * wordlist.c: listed words at the word starts of a text (wordlist.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/simd.h"
#include "util/str.h"
#include "util/wordlist.h"
#include "util/xmalloc.h"

#define W16	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
const unsigned char wordlist_wordc_map[256] = {
	/* 0x00-0x2f: controls, space, punctuation */
	[0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0-9 */
	[0x41] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* A-M */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* N-Z */
	[0x61] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* a-m */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* n-z */
	[0x80] = W16, W16, W16, W16, W16, W16, W16, W16	/* UTF-8 */
};
#undef W16

/* the filter's hash of a word's first l bytes, p (l from 1 to 4) */
static inline uint32_t
pre_hash(uint32_t p, unsigned l)
{
	return (uint32_t)((((uint64_t)l << 32 | p) *
	    UINT64_C(0x9e3779b97f4a7c15)) >> 48);
}

/* the second filter's hash of the first 3 bytes of x */
static inline uint32_t
tri_hash(uint32_t x)
{
	return ((x & 0xffffff) * UINT32_C(0x9e3779b1)) >> 16;
}

void
wordlist_make(struct wordlist *wl, const void *base, size_t n, size_t stride)
{
	const char	*w;
	uint64_t	*kj;		/* key << 32 | word */
	size_t		 j, k, l;
	uint32_t	 h;
	unsigned	 hl;

	memset(wl, 0, sizeof(*wl));
	wl->n = n;
	wl->word = xcalloc(n ? n : 1, sizeof(*wl->word));
	wl->len = xcalloc(n ? n : 1, sizeof(*wl->len));
	wl->star = xcalloc(n ? n : 1, sizeof(*wl->star));
	wl->pre = xcalloc(n ? n : 1, sizeof(*wl->pre));
	wl->mask = xcalloc(n ? n : 1, sizeof(*wl->mask));
	wl->bits = xcalloc(65536 / 64, sizeof(*wl->bits));
	wl->pairs = xcalloc(65536 / 64, sizeof(*wl->pairs));
	wl->pairs2 = xcalloc(65536 / 64, sizeof(*wl->pairs2));
	wl->tri = xcalloc(65536 / 64, sizeof(*wl->tri));
	wl->ord = xcalloc(n ? n : 1, sizeof(*wl->ord));
	wl->key = xcalloc(n ? n : 1, sizeof(*wl->key));
	kj = xcalloc(n ? n : 1, sizeof(*kj));
	for (j = 0; j < n; j++) {
		memcpy(&w, (const char *)base + j * stride, sizeof(w));
		l = strlen(w);
		wl->word[j] = w;
		wl->star[j] = l > 1 && w[l - 1] == '*';
		wl->len[j] = (unsigned short)(l - wl->star[j]);
		for (k = 0; k < 4 && k < wl->len[j]; k++) {
			wl->pre[j] |= (uint32_t)(unsigned char)w[k] << (8 * k);
			wl->mask[j] |= (uint32_t)0xff << (8 * k);
		}
		hl = (unsigned)k;
		if (hl == 1)
			wl->one[(unsigned char)w[0]] = 1;
		else if (hl > 1) {
			h = (uint32_t)(wl->pre[j] & 0xffff);
			wl->pairs[h >> 6] |= UINT64_C(1) << (h & 63);
			if (hl == 2)
				wl->pairs2[h >> 6] |= UINT64_C(1) << (h & 63);
			else {
				h = tri_hash(wl->pre[j]);
				wl->tri[h >> 6] |= UINT64_C(1) << (h & 63);
			}
		}
		h = 0;
		if (hl > 0) {		/* "" is never at a word start */
			wl->lens |= 1u << (hl - 1);
			h = pre_hash(wl->pre[j], hl);
			wl->bits[h >> 6] |= UINT64_C(1) << (h & 63);
		}
		kj[j] = (uint64_t)h << 32 | j;
	}
	/* the words by key, for the few starts the filter lets through */
	qsort(kj, n, sizeof(*kj), str_u64_cmp);
	for (j = 0, k = 0; j < n; j++) {
		wl->key[j] = (uint32_t)(kj[j] >> 32);
		wl->ord[j] = (size_t)(kj[j] & 0xffffffff);
		/* k: the longest run of one key */
		for (l = 1; j + l < n && kj[j + l] >> 32 == kj[j] >> 32; l++)
			;
		if (l > k)
			k = l;
	}
	free(kj);
	/* at one place, the hits of each hash length share one key */
	wl->maxhit = 4 * k < n ? 4 * k : n;
}

/* does word j end a match at s + i (x: the text's next 4 bytes)? */
static inline int
word_at(const struct wordlist *wl, size_t j, const char *s, size_t n,
    size_t i, uint32_t x)
{
	size_t l = wl->len[j];

	if (l == 0 || (x & wl->mask[j]) != wl->pre[j] || i + l > n ||
	    (l > 4 && memcmp(s + i + 4, wl->word[j] + 4, l - 4) != 0))
		return 0;
	return wl->star[j] || i + l == n ||
	    !wordlist_wordc((unsigned char)s[i + l]) ||
	    !wordlist_wordc((unsigned char)wl->word[j][l - 1]);
}

/*
 * The words of hash h whose hashes read l bytes and that are at s + i,
 * appended to hit[*nhit].
 */
static void
key_hits(const struct wordlist *wl, uint32_t h, size_t l, const char *s,
    size_t n, size_t i, uint32_t x, size_t *hit, size_t *nhit)
{
	size_t lo, j;

	for (lo = str_u32_lower(wl->key, wl->n, h);
	    lo < wl->n && wl->key[lo] == h; lo++) {
		j = wl->ord[lo];
		if ((wl->len[j] < 4 ? wl->len[j] : 4) == l &&
		    word_at(wl, j, s, n, i, x))
			hit[(*nhit)++] = j;
	}
}

/*
 * The listed words at s + i, a word start, whose first bytes x (the
 * text's next 4) passed the pair filter, in the list's order, to fn;
 * hit: room for wl->maxhit of them.
 */
static int
hits_at(const struct wordlist *wl, const char *s, size_t n, size_t i,
    uint32_t x, size_t *hit, int (*fn)(void *, size_t, size_t, size_t),
    void *ud)
{
	size_t		 j, l, m, nhit = 0, t;
	uint32_t	 h;
	int		 rc = 0;

	/* a word of 2 bytes there, or the first 3 of a longer one */
	if (!wl->one[(unsigned char)s[i]] && !(wl->pairs2[(x & 0xffff) >> 6] &
	    (UINT64_C(1) << (x & 63)))) {
		h = tri_hash(x);
		if (!(wl->tri[h >> 6] & (UINT64_C(1) << (h & 63))))
			return 0;
	}
	for (l = 1; l <= 4; l++) {
		if (!(wl->lens & (1u << (l - 1))))
			continue;
		h = pre_hash(l == 4 ? x : x & ((UINT32_C(1) << (8 * l)) - 1),
		    (unsigned)l);
		if (wl->bits[h >> 6] & (UINT64_C(1) << (h & 63)))
			key_hits(wl, h, l, s, n, i, x, hit, &nhit);
	}
	/* in the list's order (a few at most) */
	for (m = 1; m < nhit; m++)
		for (t = m; t > 0 && hit[t - 1] > hit[t]; t--) {
			j = hit[t];
			hit[t] = hit[t - 1];
			hit[t - 1] = j;
		}
	for (m = 0; m < nhit && rc == 0; m++)
		rc = fn(ud, i, hit[m], wl->len[hit[m]]);
	return rc;
}

/* hits_at() for a word start, where almost every start fails the pairs */
static inline int
scan_at(const struct wordlist *wl, const char *s, size_t n, size_t i,
    size_t *hit, int (*fn)(void *, size_t, size_t, size_t), void *ud)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t	 x;
	size_t		 l;

	/* the first two bytes rule out almost every start */
	x = (uint32_t)u[i] | (i + 1 < n ? (uint32_t)u[i + 1] << 8 : 0);
	if (!wl->one[u[i]] && !(wl->pairs[x >> 6] & (UINT64_C(1) << (x & 63))))
		return 0;
	/* the text's next 4 bytes, zero past its end */
	for (l = 2; l < 4 && i + l < n; l++)
		x |= (uint32_t)u[i + l] << (8 * l);
	return hits_at(wl, s, n, i, x, hit, fn, ud);
}

int
wordlist_scan(const struct wordlist *wl, const char *s, size_t n,
    int (*fn)(void *, size_t, size_t, size_t), void *ud)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t		 hit_small[32], *hit = hit_small;
	size_t		 i, j;
	int		 rc = 0;

	if (n == 0 || wl->n == 0)
		return 0;
	if (wl->maxhit > nitems(hit_small))
		hit = xmalloc(wl->maxhit * sizeof(*hit));
	i = 0;
#ifdef CRIER_SSE2
	{
		unsigned	 prev = 1;	/* the text's start is a start */
		unsigned	 nw, st;

		/*
		 * Sixteen bytes at a time: a word starts after a byte that
		 * is in no word, so the starts are those bytes' bits
		 * moved up by one; each start is tried in turn.
		 */
		for (; n - i >= 16 && rc == 0; i += 16) {
			nw = simd_nonword16(u + i);
			st = (nw << 1 | prev) & 0xffff;
			prev = nw >> 15;
			while (st != 0 && rc == 0) {
				j = (size_t)__builtin_ctz(st);
				st &= st - 1;
				rc = scan_at(wl, s, n, i + j, hit, fn, ud);
			}
		}
		/* the rest, below, from a start: past the word that
		 * goes on from the last block and the byte that ends it */
		if (rc == 0 && i < n && !prev) {
			while (i < n && wordlist_wordc(u[i]))
				i++;
			i++;
		}
	}
#endif
	/* i is at a word start: the text's first byte, or one after a
	 * byte that is not in a word */
	while (i < n && rc == 0) {
		rc = scan_at(wl, s, n, i, hit, fn, ud);
		if (wordlist_wordc(u[i])) {
			/* the rest of the word starts nothing */
			for (j = i + 1; j < n && wordlist_wordc(u[j]); j++)
				;
			i = j + 1;
		} else
			i++;
	}
	if (hit != hit_small)
		free(hit);
	return rc;
}
