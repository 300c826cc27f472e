/*
 * tests/unit/t-render-text.c: the text helpers the digest leans on,
 * each checked against a plain model on many generated inputs:
 * render_wrap() against the word-by-word wrap it replaced,
 * render_inline()'s shortcut for plain titles against its full HTML
 * path, render_date() against time_rfc3339(), render_item_json()
 * against the json_obj_*() calls it stands for.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "render/render.h"
#include "../tap.h"
#include "util/json.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define ROUNDS	20000

/* a small deterministic generator (xorshift64) */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static size_t
model_cols(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/* the wrap as the digest first did it: a word at a time */
static void
model_wrap(struct buf *out, const char *text, int width, const char *indent)
{
	const char	*p = text, *eol, *w, *we;
	size_t		 col, ind = model_cols(indent, strlen(indent)), wl;

	if (width <= 0)
		width = 72;
	while (*p) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		buf_adds(out, indent);
		col = ind;
		for (w = p; w < eol; w = we) {
			while (w < eol && *w == ' ')
				w++;
			if (w == eol)
				break;
			for (we = w; we < eol && *we != ' '; we++)
				;
			wl = model_cols(w, (size_t)(we - w));
			if (col > ind && col + 1 + wl > (size_t)width) {
				buf_addc(out, '\n');
				buf_adds(out, indent);
				col = ind;
			} else if (col > ind) {
				buf_addc(out, ' ');
				col++;
			}
			buf_add(out, w, (size_t)(we - w));
			col += wl;
		}
		buf_addc(out, '\n');
		p = *eol ? eol + 1 : eol;
	}
}

/* text of words: ASCII, UTF-8, lone continuation bytes, spaces, lines */
static void
gen_text(struct buf *b, int plain)
{
	static const char *const bits[] = { "a", "bc", "def", "word",
	    "longerword", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80",
	    "\x80", "\x80\x80", "x\xc3\xa9y", "supercalifragilistic", "1",
	    ";", "\t" };
	unsigned i, n = rnd(60);

	buf_reset(b);
	if (!plain && rnd(8) == 0)
		buf_adds(b, " ");
	for (i = 0; i < n; i++) {
		buf_adds(b, bits[rnd(nitems(bits))]);
		if (rnd(3) == 0)
			buf_adds(b, bits[rnd(nitems(bits))]);
		if (i + 1 == n)
			break;
		if (!plain && rnd(12) == 0)
			buf_adds(b, rnd(2) ? "  " : "\n");
		else if (!plain && rnd(20) == 0)
			buf_adds(b, " \n ");
		else
			buf_addc(b, ' ');
	}
	if (!plain && rnd(8) == 0)
		buf_adds(b, rnd(2) ? " " : "\n");
}

static int
test_wrap(void)
{
	static const char *const indents[] = { "", "    ", "  > ",
	    "\xc3\xa9\xc3\xa9 " };
	struct buf	 text = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	const char	*ind;
	int		 r, width, bad = 0;

	for (r = 0; r < ROUNDS; r++) {
		gen_text(&text, r % 2);
		width = r % 5 == 0 ? (int)rnd(12) - 2 : (int)rnd(90);
		ind = indents[rnd(nitems(indents))];
		buf_reset(&got);
		buf_reset(&want);
		/* appended to what is there, as the digest does */
		buf_adds(&got, "x");
		buf_adds(&want, "x");
		render_wrap(&got, text.s, width, ind);
		model_wrap(&want, text.s, width, ind);
		if (got.len != want.len || memcmp(got.s, want.s, got.len)) {
			if (bad++ == 0)
				printf("# width %d indent '%s' text '%s'\n"
				    "# got  '%s'\n# want '%s'\n", width, ind,
				    text.s, got.s, want.s);
		}
	}
	buf_release(&text);
	buf_release(&got);
	buf_release(&want);
	return bad;
}

/*
 * A title without '<' gives the same text with an empty element after
 * it (a space that is trimmed): the second always takes the full path,
 * the first the shortcut whenever it is plain.
 */
static int
test_inline(void)
{
	static const char *const bits[] = { "a", "Word", " ", " ", "  ",
	    "\t", "\n", "\r", "\x1b[31m", "\x7f", "&amp;", "&", "&#x41;",
	    "\xc3\xa9", "\xc2\x85", "\xc2\xa0", "\xe2\x80\x9c", "\xff",
	    "\xe2\x80", "\xf0\x9f\x98\x80", ">", ";", "\"", "x y" };
	struct buf	 in = BUF_INIT, full = BUF_INIT, got = BUF_INIT;
	struct buf	 want = BUF_INIT;
	unsigned	 i, n;
	int		 r, bad = 0;

	for (r = 0; r < ROUNDS; r++) {
		buf_reset(&in);
		n = rnd(12);
		for (i = 0; i < n; i++) {
			/* mostly plain titles: the shortcut's case */
			if (r % 3)
				buf_adds(&in, rnd(4) ? "Plain" : "\xc3\xa9t\xc3\xa9");
			if (r % 3 && i + 1 < n)
				buf_addc(&in, ' ');
			else if (r % 3 == 0)
				buf_adds(&in, bits[rnd(nitems(bits))]);
		}
		buf_reset(&full);
		buf_add(&full, in.s, in.len);
		buf_adds(&full, "<i></i>");
		buf_reset(&got);
		buf_reset(&want);
		buf_adds(&got, "[");
		buf_adds(&want, "[");
		render_inline(&got, in.s);
		render_inline(&want, full.s);
		if (strcmp(got.s, want.s) != 0 && bad++ == 0)
			printf("# in '%s'\n# got '%s'\n# want '%s'\n", in.s,
			    got.s, want.s);
	}
	buf_release(&in);
	buf_release(&full);
	buf_release(&got);
	buf_release(&want);
	return bad;
}

/* render_date() is time_rfc3339() cut to minutes, or "-" */
static int
check_date(time_t t)
{
	char	got[32], want[32], rfc[32];

	render_date(got, sizeof(got), t);
	if (t == TIME_NONE || time_rfc3339(t, rfc, sizeof(rfc)) == -1)
		snprintf(want, sizeof(want), "-");
	else {
		rfc[10] = ' ';
		rfc[16] = '\0';
		snprintf(want, sizeof(want), "%s", rfc);
	}
	if (strcmp(got, want) != 0) {
		printf("# %lld: got '%s' want '%s'\n", (long long)t, got, want);
		return 1;
	}
	return 0;
}

static int
test_date(void)
{
	static const long long edges[] = { 0, -1, 1, 59, 60, 86399, 86400,
	    -86400, -86401, 951782400LL, 951868800LL, 4107542400LL,
	    -62167219200LL, -62167219201LL, 253402300799LL, 253402300800LL,
	    -12219292800LL, INT64_MAX, INT64_MIN + 1, 1666256400LL };
	size_t	i;
	int	r, bad = 0;

	for (i = 0; i < nitems(edges); i++)
		bad += check_date((time_t)edges[i]);
	bad += check_date(TIME_NONE);
	for (r = 0; r < ROUNDS; r++) {
		/* all of years 0 to 9999 and a little past both ends */
		bad += check_date((time_t)((long long)rnd(330000000) *
		    1000 - 63000000000LL + rnd(1000)));
		bad += check_date((time_t)((long long)rnd(4000000000U) -
		    2000000000LL));
	}
	return bad;
}

/* render_item_json() as it was written with json.h */
static void
model_item_json(struct buf *b, const struct store_item *it,
    const char *ftitle)
{
	int	first = 1, efirst = 1;
	size_t	i;

	buf_addc(b, '{');
	json_obj_int(b, &first, "id", it->id);
	json_obj_str(b, &first, "guid", it->guid);
	json_obj_str(b, &first, "feed", it->feed_url);
	json_obj_str(b, &first, "feed_title", ftitle);
	json_obj_str(b, &first, "title", it->title);
	json_obj_str(b, &first, "link", it->link);
	json_obj_time(b, &first, "published", it->published);
	json_obj_time(b, &first, "updated", it->updated);
	json_obj_time(b, &first, "first_seen", it->first_seen);
	json_obj_key(b, &first, "tags");
	buf_addc(b, '[');
	for (i = 0; i < it->ntags; i++) {
		if (i)
			buf_addc(b, ',');
		json_strz(b, it->tags[i]);
	}
	buf_addc(b, ']');
	json_obj_bool(b, &first, "unread", it->unread);
	if (it->event_start != TIME_NONE) {
		json_obj_key(b, &first, "event");
		buf_addc(b, '{');
		json_obj_time(b, &efirst, "start", it->event_start);
		json_obj_time(b, &efirst, "end", it->event_end);
		buf_addc(b, '}');
	}
	buf_adds(b, "}\n");
}

static int
test_item_json(void)
{
	static const long long ids[] = { 0, 1, -1, 42, 9223372036854775807LL,
	    -9223372036854775807LL - 1, 1234567890123LL };
	static const long long times[] = { 0, -1, 1666256400LL,
	    -62167219200LL, -62167219201LL, 253402300799LL, 253402300800LL,
	    951782399LL, INT64_MAX };
	static char s1[] = "", s2[] = "plain", s3[] = "q\"uo\\te\n";
	static char s4[] = "\xc3\xa9t\xc3\xa9 \x01 \xff", t1[] = "a\"b";
	static char t2[] = "fr";
	char *const		 strs[] = { NULL, s1, s2, s3, s4 };
	char			*tags[2] = { t1, t2 };
	struct store_item	 it;
	struct buf		 got = BUF_INIT, want = BUF_INIT;
	int			 r, bad = 0;

	for (r = 0; r < ROUNDS; r++) {
		memset(&it, 0, sizeof(it));
		it.id = (long long)ids[rnd(nitems(ids))];
		it.guid = strs[rnd(nitems(strs))];
		it.feed_url = strs[rnd(nitems(strs))];
		it.title = strs[rnd(nitems(strs))];
		it.link = strs[rnd(nitems(strs))];
#define TM() (rnd(5) == 0 ? TIME_NONE : rnd(3) == 0 ? \
	(time_t)((long long)rnd(4000000000U) * 100 - 100000000000LL) : \
	(time_t)times[rnd(nitems(times))])
		it.published = TM();
		it.updated = TM();
		it.first_seen = TM();
		it.event_start = TM();
		it.event_end = TM();
		it.unread = (int)rnd(2);
		it.tags = tags;
		it.ntags = rnd(3);
		buf_reset(&got);
		buf_reset(&want);
		render_item_json(&got, &it, NULL);
		model_item_json(&want, &it, NULL);
		if (strcmp(got.s, want.s) != 0 && bad++ == 0)
			printf("# got  %s# want %s", got.s, want.s);
		buf_reset(&got);
		buf_reset(&want);
		render_item_json(&got, &it, it.title);
		model_item_json(&want, &it, it.title);
		if (strcmp(got.s, want.s) != 0 && bad++ == 0)
			printf("# got  %s# want %s", got.s, want.s);
	}
	buf_release(&got);
	buf_release(&want);
	return bad;
}

/* render_inline(html) is want */
static int
inline_is(const char *html, const char *want)
{
	struct buf	b = BUF_INIT;
	int		r;

	render_inline(&b, html);
	r = strcmp(b.s, want) == 0;
	if (!r)
		printf("# got '%s', want '%s'\n", b.s, want);
	buf_release(&b);
	return r;
}

int
main(void)
{
	char	small[8];

	plan(10);
	ok(test_wrap() == 0, "render_wrap matches the word-by-word wrap");
	ok(test_inline() == 0, "render_inline: plain titles as the full path");
	ok(test_date() == 0, "render_date matches time_rfc3339");
	ok(test_item_json() == 0, "render_item_json matches json_obj_*");
	render_date(small, sizeof(small), 1666256400);
	is_str(small, "2022-10", "render_date cuts to the room given");
	render_date(small, 2, TIME_NONE);
	is_str(small, "-", "render_date: no date");
	ok(inline_is("Caf&eacute;<script>x = '<b>s</b>';</script> <b>ok</b>",
	    "Caf\xc3\xa9 ok"), "render_inline: no script text, no markup");
	ok(inline_is("a<title>t</title>b<style>c</style>d", "a b d"),
	    "render_inline: title and style text dropped, tags are spaces");
	ok(inline_is("a < b &amp c", "a < b & c"),
	    "render_inline: a bare '<' is text; references as HTML reads them");
	ok(inline_is("x<!-- <p>y</p> -->z", "xz"),
	    "render_inline: comments dropped");
	return done_testing();
}
