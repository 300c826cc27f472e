/*
 * tests/unit/t-fts.c: the search index's tokenizer "crier" yields the
 * tokens of "unicode61 remove_diacritics 2" (bytes, offsets, flags) for
 * documents and queries alike: on a table of texts in many scripts, on
 * invalid UTF-8, on long words and on random bytes; it stops where
 * unicode61 stops when the callback says so; and search through the store
 * still finds words with and without their accents.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/feed.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

#define NRANDOM		4000

static const struct {
	const char	*name;
	const char	*s;
	int		 len;		/* -1: strlen(s) */
} cases[] = {
	{ "empty", "", -1 },
	{ "separators only", " ,.;:!?-_/\\'\"()[]{}<>@#$%^&*+=|~`\t\r\n", -1 },
	{ "plain words", "The quick brown fox jumps over the lazy dog", -1 },
	{ "mixed case", "MiXeD CaSe ABC abc XyZ iPhone McDONALD", -1 },
	{ "digits", "2024-10-20 v1.2.3 0x1F 42nd 3D", -1 },
	{ "punctuation inside words", "don't e-mail a_b c.d x/y &amp; &#233;",
	    -1 },
	{ "leading and trailing blanks", "   padded words   ", -1 },
	{ "accents", "café crème brûlée naïve résumé façade", -1 },
	{ "accented capitals", "ÜBER über Ueber ÀÉÎÕÜ Ångström", -1 },
	{ "accents beside ASCII", "xé éx AéB é-e e.é", -1 },
	{ "ligatures", "ﬁnance ﬂow Œuvre œuvre Æsir ĳ", -1 },
	{ "German sharp s", "Straße STRASSE ẞ groß", -1 },
	{ "Turkish dotted and dotless i", "İstanbul ıi İI DİYARBAKIR", -1 },
	{ "Greek", "Ἀθῆναι ΑΘΗΝΑ σοφός ΣΟΦΟΣ ά ΐ", -1 },
	{ "Cyrillic", "Москва ЁЛКА ёлка Й й Ѓ", -1 },
	{ "Arabic", "الانتخابات التشفير مُحَمَّد ١٢٣", -1 },
	{ "Hebrew", "שָׁלוֹם עולם", -1 },
	{ "CJK", "漢字かなカナ 中文，标点。한국어", -1 },
	{ "emoji", "emoji 😀👍🏽 a😀b ❤️ 🇫🇷 1️⃣", -1 },
	{ "combining marks", "e\xcc\x81 cafe\xcc\x81 \xcc\x81start "
	    "x\xcc\x81\xcc\x82y A\xcc\x8a \xcc\x81 a \xcc\x81", -1 },
	{ "combining mark after a separator", "a.\xcc\x81 b \xcc\x81\xcc\x82",
	    -1 },
	{ "NBSP", "a\xc2\xa0" "b \xc2\xa0lead trail\xc2\xa0", -1 },
	{ "other Unicode spaces", "a\xe2\x80\x83" "b a\xe2\x80\x8b" "b "
	    "a\xe3\x80\x80" "b a\xe2\x80\xa8" "b a\xe2\x80\xaf" "b "
	    "a\xe1\x9a\x80" "b", -1 },
	{ "soft hyphen and joiners", "co\xc2\xad" "op a\xe2\x80\x8d" "b "
	    "a\xe2\x80\x8c" "b", -1 },
	{ "Unicode punctuation", "«quoted» “smart” ‘single’ — dash…end",
	    -1 },
	{ "other digits and symbols", "x² ½ ①② ٣٤ 1٢3 €5 ℃ ™ ©", -1 },
	{ "Latin-1 letters", "ª º µ ÿ Ÿ ð Þ ø", -1 },
	{ "invalid UTF-8: stray continuation bytes", "a\x80" "b \x80\x80\x80"
	    "abc \xaa\xba\xb5 x\xbf", -1 },
	{ "invalid UTF-8: bad leads", "\xff\xfe x\xc3 y\xc3(z \xe2\x82 "
	    "\xf8\x88\x80\x80\x80 q\xfe", -1 },
	{ "invalid UTF-8: surrogates, overlong, beyond U+10FFFF",
	    "\xed\xa0\x80 \xc0\xaf \xc1\x81" "A \xf4\x90\x80\x80 "
	    "\xef\xbf\xbe \xef\xbf\xbf", -1 },
	{ "invalid UTF-8 at the end", "word\xe2\x82", -1 },
	{ "invalid UTF-8 alone", "\xc3", -1 },
	{ "NUL inside", "ab\0cd\0\xc3\xa9\0", 9 },
	{ "control bytes", "a\x01" "b\x7f" "c\x1b" "d", -1 },
	{ "one letter", "Z", -1 },
	{ "one accented letter", "É", -1 },
};

/* one tokenizer of the connection, by name and arguments */
struct tok {
	fts5_tokenizer	 m;
	Fts5Tokenizer	*t;
};

/* what a tokenizing gave: the tokens, and how it ended */
struct got {
	struct buf	 b;
	int		 n;
	int		 stop_after;	/* > 0: return stop_rc at that token */
	int		 stop_rc;
};

static int
tok_open(fts5_api *api, const char *name, const char **argv, int argc,
    struct tok *out)
{
	void *data;

	memset(out, 0, sizeof(*out));
	if (api->xFindTokenizer(api, name, &data, &out->m) != SQLITE_OK)
		return -1;
	if (out->m.xCreate(data, argv, argc, &out->t) != SQLITE_OK)
		return -1;
	return 0;
}

static int
token_cb(void *arg, int tflags, const char *tok, int n, int start, int end)
{
	struct got	*g = arg;
	int		 i;

	if (g->b.len > 0)
		buf_add(&g->b, " ", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tok[i];

		if (c < 0x20 || c == 0x7f || c == '\\' || c == ' ')
			buf_addf(&g->b, "\\x%02x", c);
		else
			buf_add(&g->b, tok + i, 1);
	}
	buf_addf(&g->b, "@%d-%d", start, end);
	if (tflags != 0)
		buf_addf(&g->b, "/%d", tflags);
	g->n++;
	if (g->stop_after > 0 && g->n == g->stop_after)
		return g->stop_rc;
	return SQLITE_OK;
}

/* the tokens of s[0, len) as one line; the tokenizer's result after it */
static void
tokens(struct tok *t, int flags, const char *s, int len, struct got *g)
{
	int rc;

	buf_reset(&g->b);
	g->n = 0;
	rc = t->m.xTokenize(t->t, g, flags, s, len, token_cb);
	buf_addf(&g->b, " => %d", rc);
}

/* crier and unicode61 agree on s as a document and as a query */
static int
same(struct tok *crier, struct tok *u61, const char *s, int len,
    struct got *a, struct got *b)
{
	static const int flags[] = {
		FTS5_TOKENIZE_DOCUMENT,
		FTS5_TOKENIZE_QUERY,
		FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX,
		FTS5_TOKENIZE_AUX,
	};
	size_t i;

	for (i = 0; i < nitems(flags); i++) {
		tokens(crier, flags[i], s, len, a);
		tokens(u61, flags[i], s, len, b);
		if (strcmp(a->b.s, b->b.s) != 0)
			return 0;
	}
	return 1;
}

static int
utf8(int c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | c >> 12);
	out[1] = (char)(0x80 | (c >> 6 & 0x3f));
	out[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

/* a byte string from pieces feeds are made of, and from any bytes */
static int
random_text(char *out, int max)
{
	static const char *pieces[] = {
		"a", "Z", "q", "0", "9", " ", ".", "-", "_", "'", "\t", "<",
		"é", "É", "ß", "İ", "ı", "ﬁ", "Σ", "ς", "ё", "Ё", "ع", "中",
		"😀", "\xcc\x81", "\xcc\xa7", "\xc2\xa0", "\xe2\x80\x83",
		"\xe2\x80\x8b", "\xc2\xad", "\xd9\x8e", "\xe3\x80\x80",
		"\x80", "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f", "\xff",
		"\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\0",
	};
	int n = 0, want = rand() % max, k;

	while (n < want) {
		if (rand() % 5 == 0 && n + 3 <= max) {
			k = 0x80 + rand() % (0x10000 - 0x80);
			if (k < 0xd800 || k > 0xdfff)
				n += utf8(k, out + n);
			continue;
		}
		if (rand() % 4 == 0) {
			out[n++] = (char)(rand() % 256);
			continue;
		}
		k = rand() % (int)nitems(pieces);
		if (pieces[k][0] == '\0') {
			out[n++] = '\0';
			continue;
		}
		if (n + (int)strlen(pieces[k]) > max)
			break;
		memcpy(out + n, pieces[k], strlen(pieces[k]));
		n += (int)strlen(pieces[k]);
	}
	return n;
}

static void
test_tokenizer(void)
{
	static const char	*u61_args[] = { "remove_diacritics", "2" };
	static const char	*bad_args[] = { "remove_diacritics" };
	sqlite3			*db;
	fts5_api		*api;
	struct tok		 crier, u61, bad;
	struct got		 a = { BUF_INIT, 0, 0, 0 };
	struct got		 b = { BUF_INIT, 0, 0, 0 };
	struct buf		 s = BUF_INIT;
	size_t			 i;
	int			 k, n, len, bad_n = 0;
	char			 r[96], *first = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    store_fts_register(db) != SQLITE_OK || (api = store_fts5_api(db)) == NULL ||
	    tok_open(api, "crier", NULL, 0, &crier) == -1 ||
	    tok_open(api, "unicode61", u61_args, 2, &u61) == -1) {
		printf("Bail out! cannot set up the tokenizers\n");
		exit(1);
	}
	ok(tok_open(api, "crier", bad_args, 1, &bad) == -1,
	    "crier takes no options");

	for (i = 0; i < nitems(cases); i++) {
		len = cases[i].len < 0 ? (int)strlen(cases[i].s) : cases[i].len;
		same(&crier, &u61, cases[i].s, len, &a, &b);
		is_str(a.b.s, b.b.s, "%s: same tokens", cases[i].name);
	}

	/* every byte value once, between letters and alone */
	buf_reset(&s);
	for (k = 1; k < 256; k++) {
		buf_addf(&s, "a%c", k);
		buf_add(&s, "b ", 2);
	}
	k = same(&crier, &u61, s.s, (int)s.len, &a, &b);
	ok(k, "each byte value between letters: same tokens (%d)", a.n);
	for (k = 0, n = 0; k < 256; k++) {
		char c = (char)k;

		n += same(&crier, &u61, &c, 1, &a, &b);
	}
	is_int(n, 256, "each byte value alone: same tokens");

	/* long words: ASCII, upper case, accented, mixed */
	buf_reset(&s);
	for (k = 0; k < 100000; k++)
		buf_add(&s, "A", 1);
	buf_add(&s, " ", 1);
	for (k = 0; k < 50000; k++)
		buf_add(&s, "z", 1);
	ok(same(&crier, &u61, s.s, (int)s.len, &a, &b),
	    "100,000 capitals and 50,000 small letters: same tokens");
	buf_reset(&s);
	for (k = 0; k < 20000; k++)
		buf_adds(&s, k % 7 ? "Éa" : "e\xcc\x81Z");
	buf_adds(&s, " tail");
	ok(same(&crier, &u61, s.s, (int)s.len, &a, &b),
	    "a 60 KB word of accents and ASCII: same tokens");

	/* a callback that stops: SQLITE_DONE ends quietly, errors return */
	for (k = 0, n = 0; k < 14; k++) {
		static const char text[] = "one twé three Four 5ive ﬁ six";

		a.stop_after = b.stop_after = k / 2 + 1;
		a.stop_rc = b.stop_rc = k % 2 ? SQLITE_DONE : SQLITE_NOMEM;
		n += same(&crier, &u61, text, (int)strlen(text), &a, &b) &&
		    a.n == k / 2 + 1;
	}
	a.stop_after = b.stop_after = 0;
	is_int(n, 14, "a callback's SQLITE_DONE or error stops both alike");

	/* every character of U+0080..U+FFFF alone and among others */
	for (k = 0x80, n = 0; k <= 0xffff; k++) {
		char	u[4];
		int	ul;

		if (k >= 0xd800 && k <= 0xdfff)
			continue;
		ul = utf8(k, u);
		buf_reset(&s);
		buf_add(&s, u, (size_t)ul);		/* alone, at the start */
		buf_adds(&s, " X");			/* after ASCII */
		buf_add(&s, u, (size_t)ul);
		buf_adds(&s, "y ");			/* before ASCII */
		buf_add(&s, u, (size_t)ul);
		buf_add(&s, u, (size_t)ul);		/* twice */
		buf_adds(&s, "7 é");			/* after a letter */
		buf_add(&s, u, (size_t)ul);
		buf_adds(&s, " Ì");		/* after a diacritic */
		buf_add(&s, u, (size_t)ul);
		buf_adds(&s, "Яâ");		/* before a separator */
		buf_add(&s, u, (size_t)ul);		/* at the end */
		if (!same(&crier, &u61, s.s, (int)s.len, &a, &b) && bad_n++ == 0)
			xasprintf(&first, "#  U+%04X\n#  crier: %s\n#    u61: %s\n",
			    k, a.b.s, b.b.s);
		n++;
	}
	ok(bad_n == 0, "each of %d characters in eight places: same tokens",
	    n);
	if (first != NULL)
		printf("%s", first);
	free(first);
	first = NULL;
	bad_n = 0;

	/* random byte strings, fixed seed */
	srand(20241020);
	for (k = 0, n = 0; k < NRANDOM; k++) {
		len = random_text(r, (int)sizeof(r));
		if (!same(&crier, &u61, r, len, &a, &b)) {
			if (bad_n++ == 0)
				xasprintf(&first, "#  crier: %s\n#    u61: %s\n",
				    a.b.s, b.b.s);
			continue;
		}
		n += a.n;
	}
	ok(bad_n == 0, "%d random byte strings (%d tokens): same tokens",
	    NRANDOM, n);
	if (first != NULL)
		printf("%s", first);
	free(first);

	crier.m.xDelete(crier.t);
	u61.m.xDelete(u61.t);
	buf_release(&a.b);
	buf_release(&b.b);
	buf_release(&s);
	sqlite3_close(db);
}

static int
count_cb(const struct store_item *it, void *arg)
{
	(void)it;
	(*(long long *)arg)++;
	return 0;
}

static long long
nsearch(struct store *st, const char *query)
{
	struct store_query	q;
	long long		n = 0;

	store_query_init(&q);
	q.search = query;
	if (store_items_query(st, &q, count_cb, &n) == -1)
		return -1;
	return n;
}

static const struct {
	const char	*title, *content;
} items[] = {
	{ "Café society", "<p>Über die Straße nach İstanbul</p>" },
	{ "Plain English title", "<p>A resume of the naive facade</p>" },
	{ "Москва news", "<p>ПРАГА and <b>Ἀθῆναι</b></p>" },
};

static const struct {
	const char	*query;
	long long	 want;
} searches[] = {
	{ "cafe", 1 },			/* unaccented query, accented text */
	{ "CAFÉ", 1 },
	{ "résumé", 1 },		/* accented query, unaccented text */
	{ "naïve", 1 },
	{ "uber", 1 },
	{ "strasse", 0 },		/* ß is not ss */
	{ "straße", 1 },
	{ "title:plain", 1 },		/* a title word */
	{ "title:resume", 0 },		/* a body word is not in the title */
	{ "body:facade", 1 },
	{ "plai*", 1 },			/* prefixes */
	{ "caf*", 1 },
	{ "fa*", 1 },
	{ "москва", 1 },
	{ "прага", 1 },
	{ "ἀθῆναι", 1 },
	{ "english OR news", 2 },
	{ "p", 0 },			/* markup is not indexed */
	{ "b", 0 },
};

static void
test_store(void)
{
	static char		 dir[] = "/tmp/crier-fts.XXXXXX";
	static const char	*sfx[] = { "", "-wal", "-shm", ".lock" };
	struct store		*w, *r;
	struct store_feed	 sf;
	struct feed		*f;
	struct entry		*e;
	char			*path, *cause = NULL, id[8];
	size_t			 i;
	long long		 n;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	xasprintf(&path, "%s/crier.db", dir);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "a new database opens with the tokenizer%s%s",
	    cause ? ": " : "", cause ? cause : "");
	if (w == NULL || store_feed_get(w, "https://example.org/f", &sf) == -1) {
		printf("Bail out! cannot make a store\n");
		exit(1);
	}
	f = feed_new();
	for (i = 0; i < nitems(items); i++) {
		e = feed_add_entry(f);
		snprintf(id, sizeof(id), "i%zu", i);
		e->id = xstrdup(id);
		e->title = xstrdup(items[i].title);
		e->content = xstrdup(items[i].content);
		e->published = 1000 + (time_t)i;
	}
	ok(store_items_merge(w, sf.id, f, 2000, NULL, NULL, NULL) == 0,
	    "three items merge");
	feed_free(f);
	for (i = 0; i < nitems(searches); i++)
		is_int(nsearch(w, searches[i].query), searches[i].want,
		    "search '%s'", searches[i].query);

	/* an edit goes through the delete and update triggers, which must
	 * see the tokens the insert made */
	f = feed_new();
	e = feed_add_entry(f);
	e->id = xstrdup("i0");
	e->title = xstrdup("Crème society");
	e->content = xstrdup("<p>Nothing else</p>");
	e->published = 1000;
	ok(store_items_merge(w, sf.id, f, 3000, NULL, NULL, NULL) == 0,
	    "an edit merges");
	feed_free(f);
	n = nsearch(w, "cafe") * 100 + nsearch(w, "uber") * 10 +
	    nsearch(w, "creme");
	is_int(n, 1, "after the edit: the old words are gone, the new found");

	/* a reader registers it too */
	r = store_open(path, STORE_READONLY, &cause);
	ok(r != NULL && nsearch(r, "creme") == 1 && nsearch(r, "plain") == 1,
	    "a reader searches the index");
	store_close(r);
	store_feed_release(&sf);
	store_close(w);
	free(cause);
	for (i = 0; i < nitems(sfx); i++) {
		xasprintf(&cause, "%s%s", path, sfx[i]);
		unlink(cause);
		free(cause);
	}
	rmdir(dir);
	free(path);
}

int
main(void)
{
	plan(1 + (int)nitems(cases) + 7 + (int)nitems(searches) + 5);
	test_tokenizer();
	test_store();
	return done_testing();
}
