/* tests/unit/t-tag.c: tag rules: match, exclude, fields, scope, feed tags */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "parse/feed.h"
#include "tag.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const char conf[] =
	"[feed \"https://a.example/feed\"]\n"		/* 1 */
	"    tags = humanitarian lang-es\n"
	"[feed \"https://b.example/feed\"]\n"
	"    tags = news\n"
	"[tag \"call\"]\n"				/* 5 */
	"    match = community call|webinar|q&a\n"
	"    match = join (our|the) (webinar|town hall)\n"
	"    exclude = recording|recap\n"
	"[tag \"deep\"]\n"
	"    match = hidden treasure\n"			/* 10 */
	"    fields = content\n"
	"[tag \"cat\"]\n"
	"    match = ^events$\n"
	"    fields = categories\n"
	"[tag \"who\"]\n"				/* 15 */
	"    match = ^jane\n"
	"    fields = author link\n"
	"[tag \"only-a\"]\n"
	"    match = report\n"
	"    feeds = https://a.example/feed\n"		/* 20 */
	"[tag \"es\"]\n"
	"    match = inscr(i|í)bete|convocatoria\n"
	"    feed-tags = lang-es\n"
	"[tag \"hiring\"]\n"
	"    match = we're hiring\n"			/* 25 */
	"[tag \"news\"]\n"
	"    match = breaking\n";

static struct tagger	*t;

/* the tags of one entry as "a=src,b=src" */
static void
tags_of(const char *feed, const char *title, const char *summary,
    const char *content, char *out, size_t len)
{
	struct entry		e;
	struct tag_result	r;
	struct buf		b = BUF_INIT;
	size_t			i;

	memset(&e, 0, sizeof(e));
	e.title = (char *)title;
	e.summary = (char *)summary;
	e.content = (char *)content;
	tagger_apply(t, feed, &e, &r);
	for (i = 0; i < r.n; i++)
		buf_addf(&b, "%s%s=%s", i ? "," : "", r.names[i],
		    r.sources[i]);
	snprintf(out, len, "%s", b.s);
	buf_release(&b);
	tag_result_release(&r);
}

static const struct {
	const char *feed, *title, *summary, *content, *want, *what;
} cases[] = {
	{ NULL, "Community Call: October", NULL, NULL, "call=call: title",
	  "a match in the title, any case" },
	{ NULL, "News", "<p>Please <em>join</em> <strong>our</strong> "
	  "town&nbsp;hall</p>", NULL, "call=call: summary",
	  "summary markup dropped and references decoded" },
	{ NULL, "Live Q&amp;A with the team", NULL, NULL,
	  "call=call: title", "&amp; in a title is '&'" },
	{ NULL, "Webinar recording", NULL, NULL, "",
	  "an exclude in the same field vetoes" },
	{ NULL, "Webinar on privacy", "A recap of what we said.", NULL, "",
	  "an exclude in another field vetoes" },
	{ NULL, "Hidden treasure", NULL, "<p>no</p>", "",
	  "fields = content does not look at the title" },
	{ NULL, "x", NULL, "<div>the <b>hidden</b> treasure</div>",
	  "deep=deep: content", "content is matched when named" },
	{ NULL, "x", NULL, "hidden treasure", "deep=deep: content", "" },
	{ NULL, "x", "<script>webinar</script><style>p{}</style>ok", NULL,
	  "", "script and style contents are not text" },
	{ "https://a.example/feed", "New report", NULL, NULL,
	  "humanitarian=feed,lang-es=feed,only-a=only-a: title",
	  "feed tags first, then a rule scoped to the feed" },
	{ "https://b.example/feed", "New report", NULL, NULL, "news=feed",
	  "a rule scoped to another feed does not apply" },
	{ "https://a.example/feed", "\xc2\xa1INSCR\xc3\x8d" "BETE YA!", NULL,
	  NULL, "humanitarian=feed,lang-es=feed,es=es: title",
	  "feed-tags scope; accented capitals fold to the pattern" },
	{ "https://b.example/feed", "Convocatoria", NULL, NULL, "news=feed",
	  "feed-tags scope excludes other feeds" },
	{ NULL, "We\xe2\x80\x99re hiring", NULL, NULL,
	  "hiring=hiring: title", "a typographic apostrophe is '" },
	{ "https://b.example/feed", "Breaking", NULL, NULL, "news=feed",
	  "a rule tag equal to a feed tag is listed once" },
	{ NULL, "Webi<b>nar</b>s", NULL, NULL, "call=call: title",
	  "inline markup does not split a word" },
};

/*
 * tag_text_lower() of the keep-case text is tag_text() without
 * TAG_TEXT_KEEPCASE, for s with flags and max; 0 and a note if not.
 */
static int
lower_same(const char *s, size_t len, unsigned flags, size_t max)
{
	struct buf	keep = BUF_INIT, low = BUF_INIT, want = BUF_INIT;
	int		same;

	tag_text(&keep, s, len, flags | TAG_TEXT_KEEPCASE, max);
	tag_text_lower(&low, keep.s, keep.len);
	tag_text(&want, s, len, flags, max);
	same = low.len == want.len && memcmp(low.s, want.s, low.len) == 0;
	if (!same)
		printf("# lower differs: flags %u max %zu: \"%s\" vs \"%s\"\n",
		    flags, max, low.s, want.s);
	buf_release(&keep);
	buf_release(&low);
	buf_release(&want);
	return same;
}

/* every code point, as a reference and as UTF-8, alone and in words */
static int
lower_every_cp(void)
{
	struct buf	s = BUF_INIT;
	unsigned long	cp;
	int		bad = 0;

	for (cp = 1; cp <= 0x10ffff && bad < 5; cp++) {
		if (cp > 0x3100 && cp < 0xfe00 && cp % 97 != 0)
			continue;	/* nothing folds there */
		buf_reset(&s);
		buf_addf(&s, "Ab &#x%lX; C", cp);
		if (cp < 0xd800 || cp > 0xdfff)
			utf8_put(&s, cp);
		buf_adds(&s, "D ");
		if (cp < 0xd800 || cp > 0xdfff)
			utf8_put(&s, cp);
		if (!lower_same(s.s, s.len, TAG_TEXT_HTML, 1000) ||
		    !lower_same(s.s, s.len, 0, 1000) ||
		    !lower_same(s.s, s.len, TAG_TEXT_HTML, 9))
			bad++;
	}
	buf_release(&s);
	return bad == 0;
}

/* random texts of markup, references, capitals, spaces and bad bytes,
 * cut at every length */
static int
lower_random(void)
{
	static const char *const bits[] = { "A", "z", " ", "  ", "\t",
		"\n", "<b>", "</p>", "<script>X</script>", "<!-- Y -->",
		"&amp;", "&Eacute;", "&#xC9;", "&#376;", "&#x130;", "&nbsp;",
		"&bogus;", "&", "<", "\xc3\x89", "\xc3\xa9", "\xc5\xb8",
		"\xc4\xb0", "\xc4\xb1", "\xc5\x89", "\xc5\xbf",
		"\xce\xa3", "\xce\x86", "\xd0\x96", "\xd0\x81",
		"\xd0\xb6", "\xe2\x80\x94", "\xe2\x80\x99", "\xc2\xa0",
		"\xc2\xad", "\xff", "\xc3", "\xe2\x80", "\x7f", "\x01",
		"WORD", "Mixed Case Words", "\xd8\xa7\xd9\x84" };
	struct buf		 s = BUF_INIT;
	unsigned long long	 r = 42;
	size_t			 i, k, max;
	int			 bad = 0;

	for (i = 0; i < 3000 && bad < 5; i++) {
		buf_reset(&s);
		for (k = 0; k < 12; k++) {
			r = r * 6364136223846793005ULL +
			    1442695040888963407ULL;
			buf_adds(&s, bits[(r >> 33) % nitems(bits)]);
		}
		for (max = 1; max <= s.len + 1; max++)
			if (!lower_same(s.s, s.len, TAG_TEXT_HTML, max) ||
			    !lower_same(s.s, s.len, 0, max))
				bad++;
	}
	buf_release(&s);
	return bad == 0;
}

/*
 * The fast path (plain runs, two-byte characters) against the slow one:
 * a buffer with a ceiling under three times the input has no room made
 * for the fast path, so tag_text() goes byte by byte.
 */
static int
fast_same(void)
{
	static const char *const texts[] = {
		"Plain  ASCII words, with  double spaces and CAPS <b>x</b>",
		"D\xc3\xa9j\xc3\xa0 \xc3\x89T\xc3\x89 \xd0\x96\xd0\xb6 "
		"\xce\xa3\xcf\x83 \xc2\xab x \xc2\xbb \xc2\xa0 \xc2\xad- "
		"\xc5\xb8\xc4\xb0 &Eacute;",
		"\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb4\xd9\x81\xd9\x8a\xd8\xb1 x",
		/* sixteen-byte blocks: spaces at their ends and across */
		"   Leading spaces, then A Long Run Of Plain ASCII Words With "
		"Single Spaces Only And Then Some More abcdefghijklmno "
		" pqrstuvwxyzABCDE  FGHIJKLMNOPQRS\tTUVWXYZ 0123456789 ~!@",
		"abcdefghijklmno  pqrstuvwxyzabcde fghijklmnopqrst uvwxyz "
		"              trailing",
	};
	struct buf	a, b;
	size_t		i, len, max;
	unsigned	f;
	int		bad = 0;

	for (i = 0; i < nitems(texts); i++)
		for (f = 0; f < 4; f++)
			for (max = 1; max < 100; max++) {
				len = strlen(texts[i]);
				buf_init(&a, 0);
				buf_init(&b, len + 8);
				tag_text(&a, texts[i], len, f, max);
				tag_text(&b, texts[i], len, f, max);
				if (strcmp(a.s, b.s) != 0) {
					printf("# fast \"%s\" slow \"%s\"\n",
					    a.s, b.s);
					bad++;
				}
				buf_release(&a);
				buf_release(&b);
			}
	return bad == 0;
}

static int
bad_regex_reported(const char *text, const char *want)
{
	struct config	 c;
	struct tagger	*bad;
	char		 tmpl[] = "/tmp/t-tag.XXXXXX", got[512] = "";
	int		 fd, saved, rc;
	ssize_t		 n;

	config_init(&c);
	if (config_parse(&c, "t.conf", text, strlen(text)) == -1)
		return 0;
	fflush(stderr);
	fd = mkstemp(tmpl);
	saved = dup(2);
	dup2(fd, 2);
	bad = tagger_new(&c);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(tmpl);
	rc = bad == NULL && strstr(got, want) != NULL;
	if (!rc)
		printf("#   stderr: %s\n", got);
	tagger_free(bad);
	config_release(&c);
	return rc;
}

int
main(void)
{
	struct config	c;
	struct buf	b = BUF_INIT;
	char		got[512], *big;
	size_t		i;

	plan((int)nitems(cases) + 15);
	config_init(&c);
	if (config_parse(&c, "t.conf", conf, strlen(conf)) == -1) {
		printf("Bail out! test config does not parse\n");
		return 1;
	}
	t = tagger_new(&c);
	ok(t != NULL, "the rules compile");
	for (i = 0; i < nitems(cases); i++) {
		tags_of(cases[i].feed, cases[i].title, cases[i].summary,
		    cases[i].content, got, sizeof(got));
		is_str(got, cases[i].want, "%s", cases[i].what[0] ?
		    cases[i].what : cases[i].content);
	}
	{
		struct entry		e;
		struct tag_result	r;
		char			*cats[2];

		cats[0] = (char *)"News";
		cats[1] = (char *)"Events";
		memset(&e, 0, sizeof(e));
		e.title = (char *)"x";
		e.categories = cats;
		e.ncategories = 2;
		e.author = (char *)"Jane Doe";
		tagger_apply(t, NULL, &e, &r);
		ok(r.n == 2 && strcmp(r.names[0], "cat") == 0 &&
		    strcmp(r.sources[0], "cat: categories") == 0 &&
		    strcmp(r.sources[1], "who: author") == 0,
		    "categories matched one by one (^...$), author field");
		tag_result_release(&r);
		e.author = NULL;
		e.link = (char *)"JANE.example/x";
		e.ncategories = 0;
		tagger_apply(t, NULL, &e, &r);
		ok(r.n == 1 && strcmp(r.sources[0], "who: link") == 0,
		    "the link field");
		tag_result_release(&r);
	}
	/* a match past the first 4 KB of content is not seen (the cap) */
	big = xmalloc(20001);
	memset(big, 'x', 20000);
	big[19990] = ' ';
	memcpy(big + 19991, "hidden t", 8);
	big[19999] = ' ';
	big[20000] = '\0';
	tags_of(NULL, "x", NULL, big, got, sizeof(got));
	is_str(got, "", "content is cut before matching");
	free(big);
	/* the same results in a UTF-8 locale, if there is one */
	if (setlocale(LC_ALL, "C.UTF-8") || setlocale(LC_ALL, "en_US.UTF-8")) {
		tags_of("https://a.example/feed", "\xc2\xa1INSCR\xc3\x8d"
		    "BETE YA!", NULL, NULL, got, sizeof(got));
		is_str(got, "humanitarian=feed,lang-es=feed,es=es: title",
		    "accents match in a UTF-8 locale too");
		setlocale(LC_ALL, "C");
	} else
		ok(1, "# SKIP no UTF-8 locale");
	{
		/* the texts shared by the rules and the events */
		struct entry		e;
		struct tag_texts	tt;
		struct tag_result	r1, r2;

		memset(&e, 0, sizeof(e));
		e.title = (char *)"<b>\xc3\x89T\xc3\x89</b> Community Call";
		e.summary = (char *)"Join &amp; see";
		tag_texts_init(&tt, &e);
		is_str(tag_texts_get(&tt, TAG_TEXT_TITLE)->s,
		    "\xc3\x89T\xc3\x89 Community Call",
		    "tag_texts: the title keeps its case");
		tagger_apply_texts(t, NULL, &tt, &r1);
		tagger_apply(t, NULL, &e, &r2);
		ok(r1.n == 1 && r2.n == 1 &&
		    strcmp(r1.sources[0], r2.sources[0]) == 0 &&
		    strcmp(tag_texts_get(&tt, TAG_TEXT_SUMMARY)->s,
		    "Join & see") == 0 && tag_texts_get(&tt, 3) == NULL,
		    "tagger_apply_texts: as tagger_apply, texts kept");
		tag_result_release(&r1);
		tag_result_release(&r2);
		/* reset for the next entry: nothing of the last one stays */
		e.title = (char *)"Other";
		e.summary = NULL;
		tag_texts_reset(&tt, &e);
		tagger_apply_texts(t, NULL, &tt, &r1);
		ok(r1.n == 0 && strcmp(tag_texts_get(&tt,
		    TAG_TEXT_TITLE)->s, "Other") == 0 &&
		    tag_texts_get(&tt, TAG_TEXT_SUMMARY)->len == 0,
		    "tag_texts_reset: the next entry's texts");
		tag_result_release(&r1);
		tag_texts_release(&tt);
	}
	tagger_free(t);
	config_release(&c);

	ok(bad_regex_reported("[tag \"x\"]\n    match = ok\n"
	    "    match = (unclosed\n", "t.conf:3:"),
	    "a bad match regex: NULL and FILE:LINE");
	ok(bad_regex_reported("\n[tag \"y\"]\n    match = ok\n"
	    "    exclude = a{2,1}\n", "t.conf:4:"),
	    "a bad exclude regex: NULL and FILE:LINE");
	{
		const char *h = "<p>  Caf&eacute; &#x2013; \xc3\x89T\xc3\x89 "
		    "&amp;&lt;b&gt; </p>";

		tag_text(&b, h, strlen(h), TAG_TEXT_HTML, 1000);
	}
	is_str(b.s, "caf\xc3\xa9 - \xc3\xa9t\xc3\xa9 &<b>",
	    "tag_text: markup, references, case, dashes, spaces");
	buf_reset(&b);
	tag_text(&b, "\xc3\xa9\xc3\xa9\xc3\xa9", 6, 0, 3);
	is_str(b.s, "\xc3\xa9", "tag_text cuts on a character boundary");
	buf_release(&b);

	ok(lower_every_cp(), "tag_text_lower: every code point as the "
	    "lowercasing tag_text() makes it");
	ok(lower_random(), "tag_text_lower: random texts cut at every length");
	ok(fast_same(), "tag_text: the fast paths as the slow one");
	return done_testing();
}
