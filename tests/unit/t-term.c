/*
 * tests/unit/t-term.c: what a terminal gets: display widths (wide
 * characters two columns, combining ones none), cutting with an
 * ellipsis, aligned columns fitted to a width with and without colour,
 * local dates with their zone, the one sanitizer dropping bidi controls
 * and the JSON escaper escaping C1 controls and DEL.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/str.h"
#include "util/term.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char	*s;
	size_t		 want;
} widths[] = {
	{ "",				0 },
	{ "abc",			3 },
	{ "caf\xc3\xa9",		4 },	/* é precomposed */
	{ "cafe\xcc\x81",		4 },	/* e + U+0301 combining */
	{ "\xe4\xb8\xad\xe6\x96\x87",	4 },	/* 中文: two wide */
	{ "a\xf0\x9f\x98\x80z",		4 },	/* an emoji: wide */
	{ "\xef\xbc\xa1",		2 },	/* fullwidth A */
	{ "x\xff",			2 },	/* invalid byte: one */
};

static const struct {
	const char	*s;
	size_t		 cols;
	const char	*want;
} fits[] = {
	{ "hello",			5, "hello" },
	{ "hello world",		8, "hello w\xe2\x80\xa6" },
	{ "hello",			1, "\xe2\x80\xa6" },
	{ "hello",			0, "" },
	/* 中文字: the third would need columns 5-6; 4 + ellipsis = 5 */
	{ "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5,
	  "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6" },
	/* an odd width: a wide character never split, one column left */
	{ "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4,
	  "\xe4\xb8\xad\xe2\x80\xa6" },
	/* the combining mark stays with its letter */
	{ "cafe\xcc\x81s!", 5, "cafe\xcc\x81\xe2\x80\xa6" },
};

/* what str_term_safe() keeps of feed text */
static const struct {
	const char	*in, *want, *name;
} safe[] = {
	{ "a\xe2\x80\xaeright\xe2\x80\xac", "aright", "RLO and PDF" },
	{ "\xe2\x81\xa6x\xe2\x81\xa9", "x", "LRI and PDI" },
	{ "\xe2\x81\xa7\xe2\x81\xa8y", "y", "RLI and FSI" },
	{ "l\xe2\x80\x8em\xe2\x80\x8fn", "lmn", "LRM and RLM" },
	{ "ar\xd8\x9c" "b", "arb", "ALM" },
	{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xad", "", "LRE RLE LRO" },
	{ "\x1b[31mred\x1b[0m", "red", "CSI" },
	{ "c1\xc2\x9b" "x", "c1x", "C1 CSI" },
	{ "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
	  "Hebrew letters kept" },
	{ "\xe2\x80\x94\xe2\x80\xa6", "\xe2\x80\x94\xe2\x80\xa6",
	  "dash and ellipsis kept" },
};

/* json_str() escapes, across the fast paths (long runs around them) */
static const struct {
	const char	*in, *want;
} jsons[] = {
	{ "a\x7f" "b", "\"a\\u007fb\"" },
	{ "\xc2\x85", "\"\\u0085\"" },
	{ "\xc2\x9f\xc2\xa0", "\"\\u009f\xc2\xa0\"" },
	{ "0123456789abcdef0123456789\xc2\x80", "\"0123456789abcdef0123456789\\u0080\"" },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc2\x9b",
	  "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\\u009b\"" },
	{ "0123456789abcdef\x7f", "\"0123456789abcdef\\u007f\"" },
	{ "abcdefgh\x7fijklmnop", "\"abcdefgh\\u007fijklmnop\"" },
};

static const struct term_col list_cols[] = {
	{ TERM_COL_RIGHT, 0, 0, "33" },
	{ 0, 0, 0, NULL },
	{ TERM_COL_SHRINK, 6, 12, "36" },
	{ TERM_COL_SHRINK, 8, 0, NULL },
};

int
main(void)
{
	struct term_table	 t;
	struct buf		 b = BUF_INIT;
	char			 date[64];
	size_t			 i;
	const char		*r1[] = { "7", "2022-10-20", "Alpha Org",
	    "Community call on privacy" };
	const char		*r2[] = { "12", "2022-10-21",
	    "A very long feed title", "\xe4\xb8\xad\xe6\x96\x87 report" };
	const char		*r3[] = { "3", "2022-10-22", "B\tx",
	    "\x1b]0;pwn\x07" "evil\xe2\x80\xae" "title" };

	plan((int)(nitems(widths) * 2 + nitems(fits) + nitems(safe) +
	    nitems(jsons) + 17));
	/* the built-in table (C locale), then the locale's wcwidth() */
	for (i = 0; i < nitems(widths); i++)
		is_int((long long)term_width(widths[i].s, strlen(widths[i].s)),
		    (long long)widths[i].want, "C locale: width of '%s'",
		    widths[i].s);
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
	for (i = 0; i < nitems(widths); i++)
		is_int((long long)term_width(widths[i].s, strlen(widths[i].s)),
		    (long long)widths[i].want, "UTF-8 locale: width of '%s'",
		    widths[i].s);
	setlocale(LC_CTYPE, "C");

	for (i = 0; i < nitems(fits); i++) {
		buf_reset(&b);
		term_fit(&b, fits[i].s, strlen(fits[i].s), fits[i].cols);
		is_str(b.s, fits[i].want, "fit '%s' in %zu columns",
		    fits[i].s, fits[i].cols);
	}
	for (i = 0; i < nitems(safe); i++) {
		buf_reset(&b);
		str_term_safe(&b, safe[i].in, strlen(safe[i].in));
		is_str(b.s, safe[i].want, "str_term_safe: %s", safe[i].name);
	}
	ok(!str_term_unsafe("caf\xc3\xa9 \xe2\x80\x94 ok\n", 12),
	    "str_term_unsafe: plain UTF-8 text is safe");
	ok(str_term_unsafe("a\xe2\x81\xa7" "b", 5),
	    "str_term_unsafe: a bidi isolate is not");
	ok(str_term_unsafe("a\x1b[2Jb", 6),
	    "str_term_unsafe: an escape sequence is not");
	for (i = 0; i < nitems(jsons); i++) {
		buf_reset(&b);
		json_strz(&b, jsons[i].in);
		is_str(b.s, jsons[i].want, "json_str escapes C1 and DEL (%zu)",
		    i);
	}

	/* 2 + 2 + 10 + 2 + 12 + 2 + 25 = 55 wide: fits 60 as it is */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 60, 0);
	term_table_add(&t, &b, r1, NULL);
	term_table_add(&t, &b, r2, "1");
	is_int((long long)b.len, 0, "table: rows held until the widths are set");
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s,
	    " 7  2022-10-20  Alpha Org     Community call on privacy\n"
	    "12  2022-10-21  A very long\xe2\x80\xa6  \xe4\xb8\xad\xe6\x96\x87 report\n",
	    "table: aligned, the feed cut to its max, no colour");

	/* 40 columns: the title shrinks first, down to its 8 */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 40, 0);
	term_table_add(&t, &b, r1, NULL);
	term_table_add(&t, &b, r2, NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s,
	    " 7  2022-10-20  Alpha Org     Community\xe2\x80\xa6\n"
	    "12  2022-10-21  A very long\xe2\x80\xa6  \xe4\xb8\xad\xe6\x96\x87 repo"
	    "\xe2\x80\xa6\n",
	    "table: 40 columns, the title cut with an ellipsis by width");

	/* 30 columns: then the feed, down to its 6 */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 30, 0);
	term_table_add(&t, &b, r1, NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "7  2022-10-20  Alpha\xe2\x80\xa6  Communi\xe2\x80\xa6\n",
	    "table: 30 columns, the feed cut too");

	/* colour: a column's SGR, a row's SGR with it, reset after */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 80, 1);
	term_table_add(&t, &b, r1, "1");
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "\033[1;33m7\033[m  \033[1m2022-10-20\033[m  "
	    "\033[1;36mAlpha Org\033[m  \033[1mCommunity call on privacy"
	    "\033[m\n", "table: colour by column and row");

	/* hostile cells: no escape, tab or bidi control gets through */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 80, 0);
	term_table_add(&t, &b, r3, NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "3  2022-10-22  B x  eviltitle\n",
	    "table: cells made terminal-safe, on one line");

	/* a note under a row: indented, cut to the width, no column's
	 * width set by it, its marks bold in colour and dropped without */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 30, 0);
	term_table_add(&t, &b, r1, NULL);
	term_table_note(&t, &b, "error \x01" "since\x02 a\x1b[2Jb\tc and "
	    "much more text", NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "7  2022-10-20  Alpha\xe2\x80\xa6  Communi\xe2\x80\xa6\n"
	    "    error since ab c and much\xe2\x80\xa6\n",
	    "note: indented, safe, cut to the width, marks dropped");
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 80, 1);
	term_table_note(&t, &b, "a \x01" "word\x02 b", "2");
	term_table_add(&t, &b, r1, NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "    \033[2ma \033[1mword\033[m\033[2m b\033[m\n"
	    "\033[33m7\033[m  2022-10-20  \033[36mAlpha Org\033[m  "
	    "Community call on privacy\n",
	    "note: in colour, its marks bold, the row's SGR kept");
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 12, 1);
	term_table_note(&t, &b, "\x01" "abcdefghijk\x02", NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "    \033[1mabcdefg\xe2\x80\xa6\033[m\n",
	    "note: cut inside the bold, reset after");
	/* once the widths are set, a note streams too */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 12, 0);
	for (i = 0; i < TERM_TABLE_HOLD; i++)
		term_table_note(&t, &b, "x", NULL);
	buf_reset(&b);
	term_table_note(&t, &b, "0123456789", NULL);
	term_table_release(&t);
	is_str(b.s, "    0123456\xe2\x80\xa6\n", "note: streamed, cut");

	/* past TERM_TABLE_HOLD rows the rest stream with the same widths */
	buf_reset(&b);
	term_table_init(&t, list_cols, nitems(list_cols), 80, 0);
	for (i = 0; i < TERM_TABLE_HOLD; i++)
		term_table_add(&t, &b, r1, NULL);
	ok(b.len > 0, "table: the held rows written once the hold is full");
	buf_reset(&b);
	term_table_add(&t, &b, r2, NULL);
	term_table_flush(&t, &b);
	term_table_release(&t);
	is_str(b.s, "12  2022-10-21  A very l\xe2\x80\xa6  "
	    "\xe4\xb8\xad\xe6\x96\x87 report\n",
	    "table: a later row cut to the widths set, a number whole");

	/* show's body wraps by display width: 30 wide characters (60
	 * columns) at a width of 30 make two lines of 15 */
	buf_reset(&b);
	for (i = 0; i < 30; i++)
		buf_adds(&b, "\xe4\xb8\xad");
	{
		struct buf	out = BUF_INIT;
		char		*nl;

		htmltext_wrap(&out, b.s, b.len, 30, "");
		nl = strchr(out.s, '\n');
		ok(nl != NULL && (size_t)(nl - out.s) == 45 &&
		    strlen(nl + 1) == 46, "htmltext: wide characters count two");
		buf_release(&out);
	}

	/* TZ comes from the environment: the harness sets TZ=UTC */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	term_date(date, sizeof(date), 1666256400);	/* 09:00Z */
	is_str(date, "2022-10-20 11:00 CEST", "term_date: local, zone shown");
	buf_release(&b);
	return done_testing();
}
