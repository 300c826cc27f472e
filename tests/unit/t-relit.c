/*
 * tests/unit/t-relit.c: the strings relit.c says a regex needs.  Known
 * answers for small patterns, then the promise the tagger relies on,
 * checked against regexec() over many made-up texts: a text that
 * matches holds a string of every set, and an exact pattern matches
 * exactly the texts that hold one of its strings.
 */
#include "config.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relit.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

/* the sets as "a|b / c", exact ones as "=a|b", none as "-" */
static void
show(const char *re, struct buf *out)
{
	struct relit	rl;
	size_t		i, j;

	buf_reset(out);
	relit_read(&rl, re);
	if (rl.nset == 0)
		buf_addf(out, "-");
	if (rl.exact)
		buf_addf(out, "=");
	for (i = 0; i < rl.nset; i++)
		for (j = 0; j < rl.set[i].n; j++)
			buf_addf(out, "%s%s", j ? "|" : i ? " / " : "",
			    rl.set[i].s[j]);
	relit_release(&rl);
}

static const struct {
	const char *re, *want;
} cases[] = {
	{ "webinar|town hall", "=webinar|town hall" },
	{ "gu(\xc3\xad|i)a", "=gu\xc3\xad" "a|guia" },
	{ "pr(a|o)ctic[ao]", "=practica|practico|proctica|proctico" },
	{ "colou?r", "colo / r" },
	{ "^news", "news" },
	{ "(^|[^[:alnum:]])informe([^[:alnum:]]|$)", "informe" },
	{ "a||b", "-" },
	{ "(x)\\1", "-" },
	{ "(report|reported) ([[:alnum:]]+ ){0,2}to",
	    "report |reported  / to" },
	{ "x{2,}", "x" },
	{ "ab*c", "a / c" },
	{ "(a|b(c|d))e", "=ae|bce|bde" },
	{ "(a|b)?c", "c" },
	{ "(a|.)b", "b" },
	{ "(ab|c.)d", "d / ab|c" },
	{ "(abc|de.)x", "abc|de / x" },
	{ "[[:space:]]*:", ":" },
	{ "[a-z]x", "x" },
	{ "[^a]x", "x" },
	{ "a\\.b", "=a.b" },
	{ "(a", "-" },
	{ "a)", "-" },
	{ "x{,3}", "-" },
	{ "(a|b|c|d|e|f|g|h|i)(a|b|c|d|e|f|g|h|i)",
	    "a|b|c|d|e|f|g|h|i / a|b|c|d|e|f|g|h|i" },
};

/* the shipped rules' kind of patterns, and some odd ones */
static const char *const pats[] = {
	"^(new |our )?(report|research|study|gu(\xc3\xad|i)a)s?[[:space:]]*:",
	"(^|[^[:alnum:]])(new|latest|our|this|the [0-9]{4}) "
	    "([[:alnum:]-]+ ){0,3}(report|study|index)s?([^[:alnum:]]|$)",
	"(publish|launch|read)(es|ed|s)? (the |our |a )*([[:alnum:]-]+ ){0,3}"
	    "(report|study)s?([^[:alnum:]]|$)",
	"(nueva|la) (gu(\xc3\xad|i)a|publicaci(\xc3\xb3|o)n)([^[:alnum:]]|$)",
	"^(gu(\xc3\xad|i)a|guide) (pr(\xc3\xa1|a)ctic[ao]|de |to )",
	"report (a|an|the) (bug|issue)|how to report",
	"(open|vacant) position|send (us )?your cv",
	"env(\xc3\xad|i)a(n)? (tus|sus) (comentarios|aportes)",
	"colou?r", "ab*c", "a+b", "(ab)+c", "x{2,3}y", "(a|b)?c", "^a|b$",
	"[ao]x", "(a|)b", "a.c", "(a|b(c|d))e", "the state of",
};

/* pieces the texts are made of */
static const char *const pieces[] = {
	"new ", "our ", "report", "research", "study", "gu\xc3\xad", "guia",
	"a", "s", ":", " ", "the ", "2024 ", "latest ", "index", "publish",
	"ed", "es", "nueva", "la ", "publicaci\xc3\xb3", "n", "guide",
	"pr\xc3\xa1", "practic", "o", "de ", "to ", "bug", "an ", "how ",
	"open ", "position", "send ", "us ", "your cv", "env", "\xc3\xad",
	"tus ", "comentarios", "b", "c", "x", "y", "e", "d", "colo", "u", "r",
	"state of", "-", ",", "\n",
};

static uint32_t seed = 12345;

static uint32_t
rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* does text hold a string of set k of rl? */
static int
holds(const struct relit *rl, size_t k, const char *text)
{
	size_t j;

	for (j = 0; j < rl->set[k].n; j++)
		if (strstr(text, rl->set[k].s[j]) != NULL)
			return 1;
	return 0;
}

int
main(void)
{
	struct buf	 got = BUF_INIT, text = BUF_INIT;
	struct relit	 rl;
	regex_t		 re;
	size_t		 i, k, p, n;
	int		 bad, matched, known = 0;

	plan((int)nitems(cases) + 3);
	for (i = 0; i < nitems(cases); i++) {
		show(cases[i].re, &got);
		is_str(got.s, cases[i].want, "%s", cases[i].re);
	}

	/* the promise, over made-up texts */
	bad = matched = 0;
	for (p = 0; p < nitems(pats); p++) {
		if (regcomp(&re, pats[p], REG_EXTENDED | REG_NOSUB) != 0) {
			ok(0, "regcomp %s", pats[p]);
			continue;
		}
		relit_read(&rl, pats[p]);
		if (rl.nset > 0)
			known++;
		for (n = 0; n < 4000; n++) {
			size_t len = 1 + rnd() % 12;

			buf_reset(&text);
			for (i = 0; i < len; i++)
				buf_addf(&text, "%s",
				    pieces[rnd() % nitems(pieces)]);
			if (regexec(&re, text.s, 0, NULL, 0) == 0) {
				matched++;
				for (k = 0; k < rl.nset; k++)
					if (!holds(&rl, k, text.s)) {
						if (bad++ < 5)
							printf("# '%s' matches "
							    "'%s' without set "
							    "%zu\n", pats[p],
							    text.s, k);
						break;
					}
			} else if (rl.exact && holds(&rl, 0, text.s)) {
				if (bad++ < 5)
					printf("# '%s' does not match '%s'\n",
					    pats[p], text.s);
			}
		}
		relit_release(&rl);
		regfree(&re);
	}
	ok(bad == 0, "no match without the strings it needs (%d wrong)", bad);
	ok(matched > 2000, "the texts matched %d times", matched);
	ok(known == (int)nitems(pats), "%d of %d patterns need strings",
	    known, (int)nitems(pats));
	buf_release(&got);
	buf_release(&text);
	return done_testing();
}
