/*
 * tests/unit/t-wordlist.c: the word-list scanner (util/wordlist.h) and
 * the byte-pair filter (util/bigram.h).  Known answers at word
 * boundaries, '*', UTF-8 and the text's end, then the scanner against a
 * plain search of every word at every word start over made-up texts.
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

struct word {
	const char	*w;
	int		 id;
};

static const struct word words[] = {
	{ "webinar*", 0 }, { "web", 1 }, { "community call", 2 },
	{ "agenda:", 3 }, { "caf\xc3\xa9", 4 }, { "a", 5 }, { "ab", 6 },
	{ "abcde", 7 }, { "call", 8 }, { "lu.ma/", 9 },
};

#define NBIG	(nitems(words) + 400)

/* the words above, then made-up ones: more than fit the scanner's
 * stack, many sharing first bytes */
static struct word	big[NBIG];
static char		big_text[NBIG][24];

/* at one place, words of every length, listed longest first */
static const struct word nest[] = {
	{ "community call", 0 }, { "com*", 1 }, { "co*", 2 }, { "c*", 3 },
};

static struct wordlist	wl, wl_big, wl_nest;

struct log {
	struct buf		*out;
	const struct word	*words;
};

static int
hit_log(void *ud, size_t at, size_t j, size_t len)
{
	struct log *lg = ud;

	buf_addf(lg->out, "%s%zu:%d:%zu", lg->out->len ? " " : "", at,
	    lg->words[j].id, len);
	return 0;
}

static void
scan_list(const struct wordlist *l, const struct word *w, const char *s,
    struct buf *out)
{
	struct log lg = { out, w };

	buf_reset(out);
	wordlist_scan(l, s, strlen(s), hit_log, &lg);
}

static void
scan_str(const char *s, struct buf *out)
{
	scan_list(&wl, words, s, out);
}

/* the same by brute force: every word of w[0..nw) at every word start */
static void
brute(const struct word *w, size_t nw, const char *s, struct buf *out)
{
	size_t i, j, l, n = strlen(s);

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (i > 0 && wordlist_wordc((unsigned char)s[i - 1]))
			continue;
		for (j = 0; j < nw; j++) {
			int star;

			l = strlen(w[j].w);
			star = w[j].w[l - 1] == '*';
			l -= star;
			if (i + l > n || memcmp(s + i, w[j].w, l) != 0)
				continue;
			if (!star && i + l < n &&
			    wordlist_wordc((unsigned char)s[i + l]) &&
			    wordlist_wordc((unsigned char)w[j].w[l - 1]))
				continue;
			buf_addf(out, "%s%zu:%d:%zu", out->len ? " " : "", i,
			    w[j].id, l);
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
	static const char *const bits[] = {
		"w", "we", "web", "c", "ca", "cal", "call", " ", "a", "b",
		"\xc3\xa9", ".", ":", "x", "inar", "-",
	};
	struct bigrams	 bg;
	uint32_t	 seed = 7;
	size_t		 i, j, n;
	int		 bad = 0, bad_big = 0;

	plan(14);
	wordlist_make(&wl, words, nitems(words), sizeof(words[0]));
	for (j = 0; j < NBIG; j++) {
		if (j < nitems(words)) {
			big[j] = words[j];
			continue;
		}
		/* one to four bits, and a '*' now and then */
		big_text[j][0] = '\0';
		n = 1 + (seed = seed * 1103515245u + 12345u) % 4;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(big_text[j], bits[(seed >> 8) % nitems(bits)]);
		}
		if ((seed >> 20) % 3 == 0)
			strcat(big_text[j], "*");
		big[j].w = big_text[j];
		big[j].id = (int)j;
	}
	wordlist_make(&wl_big, big, NBIG, sizeof(big[0]));

	scan_str("Webinar", &got);
	is_str(got.s, "", "bytes as they are: no case folding");
	scan_str("webinars and a web", &got);
	is_str(got.s, "0:0:7 13:5:1 15:1:3", "'*' goes on; words end");
	scan_str("webs", &got);
	is_str(got.s, "", "a word must end where the text's does");
	scan_str("the agenda:today", &got);
	is_str(got.s, "4:3:7", "a word ending in ':' needs no boundary");
	scan_str("caf\xc3\xa9s caf\xc3\xa9", &got);
	is_str(got.s, "7:4:5", "UTF-8 letters are word bytes");
	scan_str("xab ab", &got);
	is_str(got.s, "4:6:2", "not inside a word");
	scan_str("abcd", &got);
	is_str(got.s, "", "a word longer than the text's rest");
	scan_str("ab", &got);
	is_str(got.s, "0:6:2", "a short word at the very end");

	wordlist_make(&wl_nest, nest, nitems(nest), sizeof(nest[0]));
	scan_list(&wl_nest, nest, "a community call", &got);
	is_str(got.s, "2:0:14 2:1:3 2:2:2 2:3:1 12:3:1",
	    "at one place, in the list's order");

	n = strlen("zz community call");
	ok(wordlist_scan(&wl, "zz community call", n, stop_first, NULL) ==
	    3 * 100 + 2 + 1, "fn's nonzero stops and is returned");

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
		brute(words, nitems(words), text.s, &want);
		scan_str(text.s, &got);
		if (strcmp(got.s, want.s) != 0 && bad++ < 5)
			printf("# '%s': got '%s', want '%s'\n", text.s, got.s,
			    want.s);
		brute(big, NBIG, text.s, &want);
		scan_list(&wl_big, big, text.s, &got);
		if (strcmp(got.s, want.s) != 0 && bad_big++ < 5)
			printf("# '%s' (big): got '%s', want '%s'\n", text.s,
			    got.s, want.s);
	}
	ok(bad == 0, "the scanner agrees with a plain search on 20000 texts "
	    "(%d differ)", bad);
	ok(bad_big == 0, "and so does a list of %zu words (%d differ)",
	    (size_t)NBIG, bad_big);
	ok(wl.n == nitems(words) && wl.star[0] && wl.len[0] == 7,
	    "the list holds %zu words, '*' not counted", wl.n);
	buf_release(&got);
	buf_release(&want);
	buf_release(&text);
	return done_testing();
}
