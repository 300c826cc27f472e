/*
 * tests/unit/t-tag-literal.c: the plain-word fast paths of tag rules give
 * what regexec gives.  Three taggers over one configuration, one looking
 * for the rules' strings in one pass, one each by memchr(), and one
 * forced to regexec, tag many entries (ASCII and UTF-8, any case,
 * markup, words glued to others); their results must agree, and some
 * known answers must come out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "parse/feed.h"
#include "tag.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const char conf[] =
	"[tag \"call\"]\n"
	"    match = community call\n"
	"    match = webinar|town hall\n"
	"    fields = title summary content\n"
	"[tag \"sec\"]\n"
	"    match = encryption|chiffrement|cifrado|\xd8\xa7\xd9\x84\xd8\xaa"
	"\xd8\xb4\xd9\x81\xd9\x8a\xd8\xb1\n"
	"    match = surveillance|vigilancia\n"
	"    exclude = spam\n"
	"    fields = title content\n"
	"[tag \"elec\"]\n"
	"    match = election|\xc3\x89lection|elecciones\n"
	"    fields = title summary\n"
	"[tag \"caps\"]\n"
	"    match = Q&A|WE'RE HIRING|\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5"
	"\xd1\x82\n"		/* Привет */
	"[tag \"regex\"]\n"	/* not literal: the regexec path in both */
	"    match = ^news|colou?r\n"
	"[tag \"cat\"]\n"
	"    match = events\n"
	"    fields = categories\n"
	/* word bounds at a branch's ends: lookarounds for PCRE2 */
	"[tag \"bound\"]\n"
	"    match = (^|[^[:alnum:]])(new|our) report([^[:alnum:]]|$)|"
	"x(^|[^[:alnum:]])y|(^|[^[:alnum:]])informe([^[:alnum:]]|$)\n"
	"    match = (^|[^[:alnum:]])[(]gu(í|i)a([^[:alnum:]]|$)z\n"
	"    fields = title summary\n"
	/* a repeated group with an anchor: glibc and PCRE2 differ */
	"[tag \"anchor\"]\n"
	"    match = (^|q){2}kz\n"
	"    fields = title\n";

static const char *const words[] = {
	"community call", "Community Call", "COMMUNITY  CALL",
	"community\ncall", "communitycall", "webinar", "WEBINARS",
	"web inar", "town hall", "Town&nbsp;Hall", "town-hall", "Encryption",
	"end-to-end ENCRYPTION", "chiffrement", "CHIFFREMENT", "cifrado",
	"CIFRADO", "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb4\xd9\x81\xd9\x8a\xd8\xb1",
	"\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb4\xd9\x81\xd9\x8a", "surveillance",
	"Vigilancia", "spam", "election", "\xc3\x89LECTION",
	"\xc3\xa9lection", "\xc3\xa9lections", "elecciones", "ELECCIONES",
	"q&a", "Q&amp;A", "we're hiring", "We\xe2\x80\x99re Hiring",
	"\xd0\x9f\xd0\xa0\xd0\x98\xd0\x92\xd0\x95\xd0\xa2",
	"\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", "news", "colour",
	"color", "<b>webi</b>nar", "<p>town</p><p>hall</p>", "caf\xc3\xa9",
	"\xe2\x80\x94", "x", "", "our report", "your report",
	"new reports", "renew report", "Our Report:", "informe",
	"informes", "el informe.", "reinforme", "x y", "xy", "(gu\xc3\xad" "a z",
	"(guia)z", "a(guia z", "zqkz", "qqkz",
};

static struct tagger *fast, *each, *slow;

static void
bail(const char *what)
{
	printf("Bail out! %s\n", what);
	exit(1);
}

static void
result_str(const struct tagger *t, const struct entry *e, struct buf *out)
{
	struct tag_result	r;
	size_t			i;

	buf_reset(out);
	tagger_apply(t, NULL, e, &r);
	for (i = 0; i < r.n; i++)
		buf_addf(out, "%s%s=%s", i ? "," : "", r.names[i],
		    r.sources[i]);
	tag_result_release(&r);
}

/* tags of an entry with the given fields, by the one-pass tagger; counts
 * disagreements of either fast one with the regexec one in *bad */
static void
both(const char *title, const char *summary, const char *content,
    char *cat, int *bad, struct buf *got)
{
	struct entry	e;
	struct buf	b = BUF_INIT;

	memset(&e, 0, sizeof(e));
	e.title = (char *)title;
	e.summary = (char *)summary;
	e.content = (char *)content;
	if (cat) {
		e.categories = &cat;
		e.ncategories = 1;
	}
	result_str(fast, &e, got);
	result_str(each, &e, &b);
	if (strcmp(got->s, b.s) != 0) {
		if (*bad < 5)
			printf("# one pass '%s' each '%s'\n", got->s, b.s);
		(*bad)++;
	}
	result_str(slow, &e, &b);
	if (strcmp(got->s, b.s) != 0) {
		if (*bad < 5)
			printf("# fast '%s' regexec '%s' for title '%s' "
			    "summary '%s' content '%s'", got->s, b.s,
			    title ? title : "", summary ? summary : "",
			    content ? content : "");
		(*bad)++;
	}
	buf_release(&b);
}

int
main(void)
{
	struct config	 c;
	struct buf	 got = BUF_INIT, txt = BUF_INIT;
	size_t		 i, j, n = nitems(words);
	int		 bad = 0, cases = 0;

	plan(8);
	config_init(&c);
	if (config_parse(&c, "t.conf", conf, strlen(conf)) == -1)
		bail("config");
	fast = tagger_new(&c);
	each = tagger_new(&c);
	slow = tagger_new(&c);
	if (fast == NULL || each == NULL || slow == NULL)
		bail("tagger");
	tagger_set_literal(fast, TAG_LIT_ONE_PASS);
	tagger_set_literal(each, TAG_LIT_EACH);
	tagger_set_literal(slow, TAG_LIT_NONE);

	/* every word and every pair, in each field, glued and spaced */
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			buf_reset(&txt);
			buf_addf(&txt, "%s %s", words[i], words[j]);
			both(txt.s, NULL, NULL, NULL, &bad, &got);
			both(NULL, txt.s, NULL, NULL, &bad, &got);
			both("t", NULL, txt.s, NULL, &bad, &got);
			buf_reset(&txt);
			buf_addf(&txt, "%s%s", words[i], words[j]);
			both(txt.s, txt.s, txt.s, NULL, &bad, &got);
			both("t", NULL, NULL, txt.s, &bad, &got);
			cases += 5;
		}
	}
	ok(bad == 0, "both fast paths agree with regexec on %d entries "
	    "(%d differ)", cases, bad);

	both("Join our Community Call", NULL, NULL, NULL, &bad, &got);
	is_str(got.s, "call=call: title", "a literal with a space, any case");
	both("x", NULL, "<p>Le chiffrement de bout en bout</p>", NULL, &bad,
	    &got);
	is_str(got.s, "sec=sec: content", "a literal in the content");
	both("\xc3\x89LECTION 2024", NULL, NULL, NULL, &bad, &got);
	is_str(got.s, "elec=elec: title", "a UTF-8 capital folds");
	both("\xd0\x9f\xd0\xa0\xd0\x98\xd0\x92\xd0\x95\xd0\xa2", NULL, NULL,
	    NULL, &bad, &got);
	is_str(got.s, "caps=caps: title", "Cyrillic capitals fold");
	both("Encryption spam", NULL, NULL, NULL, &bad, &got);
	is_str(got.s, "", "an exclude vetoes");
	both("webinar", "colour", NULL, NULL, &bad, &got);
	is_str(got.s, "call=call: title,regex=regex: summary",
	    "literal and regex rules side by side");
	{
		char ev[] = "Events";

		both("no", NULL, NULL, ev, &bad, &got);
	}
	is_str(got.s, "cat=cat: categories", "a category");

	tagger_free(fast);
	tagger_free(each);
	tagger_free(slow);
	config_release(&c);
	buf_release(&got);
	buf_release(&txt);
	return done_testing();
}
