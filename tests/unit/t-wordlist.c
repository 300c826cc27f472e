/*
 * tests/unit/t-wordlist.c: the word-list scanner (util/wordlist.h) and
 * the byte-pair filter under it (util/bigram.h).  Known answers at word
 * boundaries, '*', UTF-8 and the text's end, then the scanner against a
 * plain search of every word at every word start over made-up texts,
 * with and without the pairs.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/bigram.h"
#include "util/buf.h"
#include "util/wordlist.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char	*w;
	int		 id;
} words[] = {
	{ "webinar*", 0 }, { "web", 1 }, { "community call", 2 },
	{ "agenda:", 3 }, { "caf\xc3\xa9", 4 }, { "a", 5 }, { "ab", 6 },
	{ "abcde", 7 }, { "call", 8 }, { "lu.ma/", 9 },
};

static struct wordlist wl;

static int
hit_log(void *ud, size_t at, size_t j, size_t len)
{
	buf_addf(ud, "%s%zu:%d:%zu", ((struct buf *)ud)->len ? " " : "", at,
	    words[j].id, len);
	return 0;
}

static void
scan_str(const char *s, int pairs, struct buf *out)
{
	struct bigrams *bg = NULL;

	buf_reset(out);
	if (pairs) {
		bg = xmalloc(sizeof(*bg));
		bigrams_make(bg, s, strlen(s));
	}
	wordlist_scan(&wl, s, strlen(s), bg, hit_log, out);
	free(bg);
}

/* the same by brute force: every word at every word start */
static void
brute(const char *s, struct buf *out)
{
	size_t i, j, l, n = strlen(s);

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (i > 0 && wordlist_wordc((unsigned char)s[i - 1]))
			continue;
		for (j = 0; j < nitems(words); j++) {
			int star;

			l = strlen(words[j].w);
			star = words[j].w[l - 1] == '*';
			l -= star;
			if (i + l > n || memcmp(s + i, words[j].w, l) != 0)
				continue;
			if (!star && i + l < n &&
			    wordlist_wordc((unsigned char)s[i + l]) &&
			    wordlist_wordc((unsigned char)words[j].w[l - 1]))
				continue;
			buf_addf(out, "%s%zu:%d:%zu", out->len ? " " : "", i,
			    words[j].id, l);
		}
	}
}

static int
stop_first(void *ud, size_t at, size_t j, size_t len)
{
	(void)ud;
	(void)len;
	return (int)(at * 100 + j) + 1;
}

int
main(void)
{
	static const char *const pieces[] = {
		"web", "inar", "webinars", " ", "community", "call", "calls",
		"agenda", ":", "caf\xc3\xa9", "caf", "\xc3\xa9", "a", "b",
		"abcde", "abcd", "lu.ma/", "lu", ".", "x", "-", "\n",
	};
	struct buf	 got = BUF_INIT, want = BUF_INIT, text = BUF_INIT;
	struct bigrams	 bg;
	uint32_t	 seed = 7;
	size_t		 i, n;
	int		 bad = 0;

	plan(12);
	wordlist_make(&wl, words, nitems(words), sizeof(words[0]));

	scan_str("Webinar", 0, &got);
	is_str(got.s, "", "bytes as they are: no case folding");
	scan_str("webinars and a web", 0, &got);
	is_str(got.s, "0:0:7 13:5:1 15:1:3", "'*' goes on; words end");
	scan_str("webs", 0, &got);
	is_str(got.s, "", "a word must end where the text's does");
	scan_str("the agenda:today", 1, &got);
	is_str(got.s, "4:3:7", "a word ending in ':' needs no boundary");
	scan_str("caf\xc3\xa9s caf\xc3\xa9", 1, &got);
	is_str(got.s, "7:4:5", "UTF-8 letters are word bytes");
	scan_str("xab ab", 0, &got);
	is_str(got.s, "4:6:2", "not inside a word");
	scan_str("abcd", 0, &got);
	is_str(got.s, "", "a word longer than the text's rest");
	scan_str("ab", 0, &got);
	is_str(got.s, "0:6:2", "a short word at the very end");

	n = strlen("zz community call");
	ok(wordlist_scan(&wl, "zz community call", n, NULL, stop_first,
	    NULL) == 3 * 100 + 2 + 1, "fn's nonzero stops and is returned");

	bigrams_make(&bg, "hello world", 11);
	ok(bigrams_may_hold(&bg, "lo w", 4) && !bigrams_may_hold(&bg, "low",
	    3) && bigrams_may_hold(&bg, "q", 1),
	    "pairs: present, absent, one byte never refused");

	for (n = 0; n < 20000; n++) {
		size_t len = 1 + (seed = seed * 1103515245u + 12345u) % 9;

		buf_reset(&text);
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf_addf(&text, "%s", pieces[(seed >> 8) %
			    nitems(pieces)]);
		}
		brute(text.s, &want);
		scan_str(text.s, (int)(n & 1), &got);
		if (strcmp(got.s, want.s) != 0 && bad++ < 5)
			printf("# '%s': got '%s', want '%s'\n", text.s, got.s,
			    want.s);
	}
	ok(bad == 0, "the scanner agrees with a plain search on 20000 texts "
	    "(%d differ)", bad);
	ok(wl.n == nitems(words) && wl.star[0] && wl.len[0] == 7,
	    "the list holds %zu words, '*' not counted", wl.n);
	buf_release(&got);
	buf_release(&want);
	buf_release(&text);
	return done_testing();
}
