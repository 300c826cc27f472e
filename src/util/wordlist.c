/*
 * wordlist.c: listed words at the word starts of a text (wordlist.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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

void
wordlist_make(struct wordlist *wl, const void *base, size_t n, size_t stride)
{
	const char	*w;
	size_t		 j, k, l;

	memset(wl, 0, sizeof(*wl));
	wl->n = n;
	wl->word = xcalloc(n ? n : 1, sizeof(*wl->word));
	wl->len = xcalloc(n ? n : 1, sizeof(*wl->len));
	wl->star = xcalloc(n ? n : 1, sizeof(*wl->star));
	wl->pre = xcalloc(n ? n : 1, sizeof(*wl->pre));
	wl->mask = xcalloc(n ? n : 1, sizeof(*wl->mask));
	wl->rare = xcalloc(n ? n : 1, sizeof(*wl->rare));
	for (j = 0; j < n; j++) {
		memcpy(&w, (const char *)base + j * stride, sizeof(w));
		l = strlen(w);
		wl->word[j] = w;
		wl->star[j] = l > 1 && w[l - 1] == '*';
		wl->len[j] = (unsigned short)(l - wl->star[j]);
		wl->first[(unsigned char)w[0]] = 1;
		wl->rare[j] = (unsigned short)bytes_rarest(w, wl->len[j]);
		for (k = 0; k < 4 && k < wl->len[j]; k++) {
			wl->pre[j] |= (uint32_t)(unsigned char)w[k] << (8 * k);
			wl->mask[j] |= (uint32_t)0xff << (8 * k);
		}
	}
}

int
wordlist_scan(const struct wordlist *wl, const char *s, size_t n,
    const struct bigrams *bg,
    int (*fn)(void *, size_t, size_t, size_t), void *ud)
{
	size_t		*next, head[256], *tail[256];
	const unsigned char *u = (const unsigned char *)s;
	unsigned char	 used[256];
	uint32_t	 x;
	size_t		 i, j, k, l, none = wl->n;
	int		 rc = 0, any = 0;

	if (n == 0 || wl->n == 0)
		return 0;
	next = xmalloc(wl->n * sizeof(*next));
	memset(used, 0, sizeof(used));
	/* the words that may be in s, chained by first byte in order */
	for (j = 0; j < wl->n; j++) {
		unsigned char c = (unsigned char)wl->word[j][0];

		if (bg != NULL && !bigrams_may_hold_at(bg, wl->word[j],
		    wl->len[j], wl->rare[j]))
			continue;
		if (!used[c]) {
			used[c] = 1;
			head[c] = none;
			tail[c] = &head[c];
		}
		next[j] = none;
		*tail[c] = j;
		tail[c] = &next[j];
		any = 1;
	}
	/* i is at a word start: the text's first byte, or one after a
	 * byte that is not in a word */
	for (i = 0; any && i < n && rc == 0; ) {
		unsigned char c = u[i];

		if (wordlist_wordc(c)) {
			/* the rest of the word starts nothing */
			for (j = i + 1; j < n && wordlist_wordc(u[j]); j++)
				;
			k = j + 1;
		} else
			k = i + 1;
		if (!used[c]) {
			i = k;
			continue;
		}
		/* the text's next 4 bytes, zero past its end */
		if (i + 4 <= n)
			x = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8 |
			    (uint32_t)u[i + 2] << 16 | (uint32_t)u[i + 3] << 24;
		else
			for (x = 0, l = 0; i + l < n; l++)
				x |= (uint32_t)u[i + l] << (8 * l);
		for (j = head[c]; j != none && rc == 0; j = next[j]) {
			l = wl->len[j];
			if ((x & wl->mask[j]) != wl->pre[j] || i + l > n ||
			    (l > 4 && memcmp(s + i + 4, wl->word[j] + 4,
			    l - 4) != 0))
				continue;
			if (!wl->star[j] && i + l < n &&
			    wordlist_wordc((unsigned char)s[i + l]) &&
			    wordlist_wordc((unsigned char)wl->word[j][l - 1]))
				continue;
			rc = fn(ud, i, j, l);
		}
		i = k;
	}
	free(next);
	return rc;
}
