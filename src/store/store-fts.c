/*
 * store/store-fts.c: the search index's tokenizer, "crier".  It yields
 * the very tokens (bytes, offsets, flags) of FTS5's "unicode61
 * remove_diacritics 2", for less work on feed text.
 *
 * The model: unicode61 treats every ASCII byte but the letters and digits
 * as a separator, folds A-Z to a-z and leaves digits and a-z alone, and
 * its reading of a multi-byte character never takes an ASCII byte (a
 * lead byte takes the continuation bytes 0x80-0xbf after it, whatever
 * they are; a stray one is a character of its own).  A token therefore
 * never crosses an ASCII separator, and what unicode61 makes of the bytes
 * between two of them depends on those bytes alone.  So the text is cut
 * at ASCII separators into spans:
 * - a span of ASCII letters and digits only is one token, lowercased here;
 * - a span with other bytes is tokenized here too if each of its other
 *   characters is well-formed UTF-8 of U+0080..U+FFFF: what unicode61
 *   does with such a character (does it start a token, go on with one,
 *   what does it fold to) is asked of unicode61 itself the first time the
 *   character is seen, and kept (a few dozen characters in the bench's
 *   25,000 items), and the tokens are then made by unicode61's own rules;
 * - any other span (invalid UTF-8, characters beyond U+FFFF such as
 *   emoji) goes to a real unicode61 instance, its offsets moved by the
 *   span's start.
 * tests/unit/t-fts.c compares the two on many texts, every character of
 * U+0080..U+FFFF and random bytes.  NOTE: unicode61's per-character work
 * (category and diacritic tables, both searched per character) was two
 * thirds of its cost on the bench; see migration 4 in store.c.
 *
 * It uses the fts5_tokenizer (v1) API of SQLite 3.20 and later.  Limits:
 * a database made with it needs it registered (store_fts_register()) to
 * read or write its search index, so the sqlite3 shell cannot search it.
 * The cache is per tokenizer instance (one per connection), so no locks.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/xmalloc.h"

/* byte classes: what unicode61 makes of a byte in the ASCII range */
#define FTS_TOKEN	0x01	/* a letter or digit, or any byte >= 0x80 */
#define FTS_UPPER	0x02	/* A-Z: folded to a-z */
#define FTS_HIGH	0x04	/* >= 0x80: part of a multi-byte character
				   or invalid */

#define T	FTS_TOKEN
#define U	(FTS_TOKEN | FTS_UPPER)
#define H	(FTS_TOKEN | FTS_HIGH)
static const unsigned char fts_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x10 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x20 */
	T, T, T, T, T, T, T, T, T, T, 0, 0, 0, 0, 0, 0,	/* 0x30 */
	0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,	/* 0x40 */
	U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,	/* 0x50 */
	0, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T,	/* 0x60 */
	T, T, T, T, T, T, T, T, T, T, T, 0, 0, 0, 0, 0,	/* 0x70 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0x80 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0x90 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0xa0 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0xb0 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0xc0 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0xd0 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0xe0 */
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,	/* 0xf0 */
};
#undef T
#undef U
#undef H

/* the registration's user data: unicode61, found once per connection */
struct fts_module {
	fts5_tokenizer	 u61;
	void		*u61_data;
};

/*
 * What unicode61 does with one character of U+0080..U+FFFF, learnt by
 * asking it (cp_probe()): whether it starts a token (a letter, digit or
 * private use character), whether it goes on with one (those and the
 * diacritics), and what it folds to.
 */
enum fts_cp_flags {
	CP_KNOWN	= 1 << 0,	/* probed */
	CP_START	= 1 << 1,
	CP_CONT		= 1 << 2,
	CP_ODD		= 1 << 3,	/* the probe made no sense: spans with
					   it go to unicode61 */
};
struct fts_cp {
	unsigned char	 flags;		/* enum fts_cp_flags */
	unsigned char	 len;		/* of fold, 0..4 */
	char		 fold[4];
};

/* one tokenizer instance (one per FTS5 table and connection) */
struct fts_tok {
	fts5_tokenizer	 u61;
	Fts5Tokenizer	*inner;		/* unicode61 remove_diacritics 2 */
	char		*fold;		/* the token being made */
	size_t		 foldcap;
	struct fts_cp	*cps[256];	/* by cp >> 8, allocated when seen */
};

/* a probe's tokens */
struct fts_probe {
	int	 n;
	int	 len[2], start[2], end[2];
	char	 tok[2][8];
};

/* what the unicode61 callback needs to pass a span's tokens on */
struct fts_span {
	void	*ctx;
	int	(*xtoken)(void *, int, const char *, int, int, int);
	int	 off;			/* the span's start in the text */
	int	 rc;			/* the caller's callback's last result */
};

static int
fts_create(void *data, const char **argv, int argc, Fts5Tokenizer **out)
{
	static const char	*u61_args[] = { "remove_diacritics", "2" };
	struct fts_module	*m = data;
	struct fts_tok		*t;
	int			 rc;

	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR;	/* "crier" takes no options */
	t = xcalloc(1, sizeof(*t));
	t->u61 = m->u61;
	rc = m->u61.xCreate(m->u61_data, u61_args, 2, &t->inner);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
fts_delete(Fts5Tokenizer *p)
{
	struct fts_tok	*t = (struct fts_tok *)p;
	size_t		 i;

	if (t == NULL)
		return;
	if (t->inner != NULL)
		t->u61.xDelete(t->inner);
	for (i = 0; i < nitems(t->cps); i++)
		free(t->cps[i]);
	free(t->fold);
	free(t);
}

static int
probe_token(void *arg, int tflags, const char *tok, int n, int start,
    int end)
{
	struct fts_probe *pr = arg;

	if (pr->n < 2 && tflags == 0 && n >= 0 && n <= 8) {
		memcpy(pr->tok[pr->n], tok, (size_t)n);
		pr->len[pr->n] = n;
		pr->start[pr->n] = start;
		pr->end[pr->n] = end;
	}
	pr->n++;
	return SQLITE_OK;
}

/*
 * Asks unicode61 about the character u[0, n) alone, then between two
 * 'a's: one token of the whole text means it starts a token (alone) or
 * goes on with one (between), and the token is its folded form.  Any
 * other answer marks it CP_ODD.
 */
static void
cp_probe(struct fts_tok *t, const unsigned char *u, int n, struct fts_cp *cp)
{
	struct fts_probe	 one, mid;
	char			 text[8];
	int			 flags = CP_KNOWN;

	memset(&one, 0, sizeof(one));
	memset(&mid, 0, sizeof(mid));
	text[0] = 'a';
	memcpy(text + 1, u, (size_t)n);
	text[n + 1] = 'a';
	if (t->u61.xTokenize(t->inner, &one, FTS5_TOKENIZE_DOCUMENT,
	    text + 1, n, probe_token) != SQLITE_OK ||
	    t->u61.xTokenize(t->inner, &mid, FTS5_TOKENIZE_DOCUMENT,
	    text, n + 2, probe_token) != SQLITE_OK) {
		cp->flags = CP_KNOWN | CP_ODD;
		return;
	}
	if (mid.n == 1 && mid.start[0] == 0 && mid.end[0] == n + 2 &&
	    mid.len[0] >= 2 && mid.len[0] <= 6 && mid.tok[0][0] == 'a' &&
	    mid.tok[0][mid.len[0] - 1] == 'a') {
		flags |= CP_CONT;
		cp->len = (unsigned char)(mid.len[0] - 2);
		memcpy(cp->fold, mid.tok[0] + 1, cp->len);
	} else if (mid.n != 2 || mid.end[0] != 1 || mid.start[1] != n + 1)
		flags |= CP_ODD;
	if (one.n == 1 && one.start[0] == 0 && one.end[0] == n) {
		/* a starter goes on too, folded the same */
		flags |= CP_START;
		if (!(flags & CP_CONT) || one.len[0] != cp->len ||
		    memcmp(one.tok[0], cp->fold, cp->len) != 0)
			flags |= CP_ODD;
	} else if (one.n != 0)
		flags |= CP_ODD;
	cp->flags = (unsigned char)flags;
}

/*
 * The character at s[0, end): its code point's entry (probed if new)
 * and its length in *n; NULL if unicode61 would read it otherwise than
 * as one well-formed character of U+0080..U+FFFF (READ_UTF8 takes every
 * continuation byte after a lead byte, and makes surrogates, U+FFFE and
 * U+FFFF into U+FFFD), or if the probe made no sense of it.
 */
static const struct fts_cp *
cp_at(struct fts_tok *t, const unsigned char *s, const unsigned char *end,
    int *n)
{
	struct fts_cp	*page, *cp;
	unsigned int	 c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf && end - s >= 2 &&
	    (s[1] & 0xc0) == 0x80 && (end - s == 2 || (s[2] & 0xc0) != 0x80)) {
		c = (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu);
		*n = 2;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef && end - s >= 3 &&
	    (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
	    (end - s == 3 || (s[3] & 0xc0) != 0x80)) {
		c = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 |
		    (s[2] & 0x3fu);
		*n = 3;
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe)
			return NULL;
	} else
		return NULL;
	if ((page = t->cps[c >> 8]) == NULL)
		page = t->cps[c >> 8] = xcalloc(256, sizeof(*page));
	cp = &page[c & 0xff];
	if (cp->flags == 0)
		cp_probe(t, s, *n, cp);
	return (cp->flags & CP_ODD) ? NULL : cp;
}

/*
 * The tokens of the span s[a, b) of ASCII letters, digits and characters
 * of U+0080..U+FFFF, as unicode61 makes them: skip characters that start
 * no token; a token goes on over ASCII (lowercased) and characters that
 * go on with one (folded), and ends at the first that does not, which
 * is used up.  Returns -1, having called nothing, if a character is not
 * in the cache's reach (the caller hands the span to unicode61), else
 * the callback's last result.
 */
static int
span_tokens(struct fts_tok *t, void *ctx, const unsigned char *s, int a,
    int b, int (*xtoken)(void *, int, const char *, int, int, int))
{
	const struct fts_cp	*cp;
	int			 i, n, start, end, len, rc = SQLITE_OK;

	for (i = a; i < b; i += n) {
		n = 1;
		if (s[i] >= 0x80 && cp_at(t, s + i, s + b, &n) == NULL)
			return -1;
	}
	if ((size_t)(b - a) * 2 > t->foldcap) {
		t->foldcap = (size_t)(b - a) * 2;
		free(t->fold);
		t->fold = xmalloc(t->foldcap);
	}
	i = a;
	while (i < b && rc == SQLITE_OK) {
		/* up to a character that starts a token */
		if (s[i] >= 0x80) {
			cp = cp_at(t, s + i, s + b, &n);
			if (!(cp->flags & CP_START)) {
				i += n;
				continue;
			}
		}
		start = i;
		end = i;
		len = 0;
		while (i < b) {
			if (s[i] < 0x80) {
				t->fold[len++] = (char)(s[i] |
				    (fts_class[s[i]] & FTS_UPPER ? 0x20 : 0));
				end = ++i;
				continue;
			}
			cp = cp_at(t, s + i, s + b, &n);
			i += n;
			if (!(cp->flags & CP_CONT))
				break;
			memcpy(t->fold + len, cp->fold, cp->len);
			len += cp->len;
			end = i;
		}
		rc = xtoken(ctx, 0, t->fold, len, start, end);
	}
	return rc;
}

/* a unicode61 token of a span: its offsets moved to the whole text's */
static int
fts_span_token(void *arg, int tflags, const char *tok, int n, int start,
    int end)
{
	struct fts_span *sp = arg;

	sp->rc = sp->xtoken(sp->ctx, tflags, tok, n, start + sp->off,
	    end + sp->off);
	return sp->rc;
}

static int
fts_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int ntext, int (*xtoken)(void *, int, const char *, int, int, int))
{
	struct fts_tok		*t = (struct fts_tok *)p;
	const unsigned char	*s = (const unsigned char *)text;
	struct fts_span		 sp;
	int			 i = 0, start, cls, j, rc = SQLITE_OK;

	while (rc == SQLITE_OK) {
		/* the separators, all ASCII, then a span up to the next */
		while (i < ntext && fts_class[s[i]] == 0)
			i++;
		if (i >= ntext)
			break;
		start = i;
		cls = 0;
		while (i < ntext && fts_class[s[i]] != 0)
			cls |= fts_class[s[i++]];
		if (cls & FTS_HIGH) {
			rc = span_tokens(t, ctx, s, start, i, xtoken);
			if (rc != -1)
				continue;
			sp.ctx = ctx;
			sp.xtoken = xtoken;
			sp.off = start;
			sp.rc = SQLITE_OK;
			rc = t->u61.xTokenize(t->inner, &sp, flags, text + start,
			    i - start, fts_span_token);
			/* NOTE: unicode61 stops at a callback's SQLITE_DONE
			 * and returns SQLITE_OK; so must the whole text */
			if (rc == SQLITE_OK)
				rc = sp.rc;
		} else if (cls & FTS_UPPER) {
			if ((size_t)(i - start) > t->foldcap) {
				t->foldcap = (size_t)(i - start) * 2;
				free(t->fold);
				t->fold = xmalloc(t->foldcap);
			}
			for (j = start; j < i; j++)
				t->fold[j - start] = (char)(s[j] |
				    (fts_class[s[j]] & FTS_UPPER ? 0x20 : 0));
			rc = xtoken(ctx, 0, t->fold, i - start, start, i);
		} else
			rc = xtoken(ctx, 0, text + start, i - start, start, i);
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

fts5_api *
store_fts5_api(sqlite3 *db)
{
	fts5_api	*api = NULL;
	sqlite3_stmt	*s;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(s);
	sqlite3_finalize(s);
	return api;
}

int
store_fts_register(sqlite3 *db)
{
	fts5_api		*api;
	fts5_tokenizer		 tok = { fts_create, fts_delete, fts_tokenize };
	struct fts_module	*m;
	int			 rc;

	if ((api = store_fts5_api(db)) == NULL)
		return SQLITE_ERROR;
	m = xcalloc(1, sizeof(*m));
	rc = api->xFindTokenizer(api, "unicode61", &m->u61_data, &m->u61);
	if (rc != SQLITE_OK) {
		free(m);
		return rc;
	}
	/* NOTE: SQLite frees m when the connection closes; if registering
	 * fails (out of memory) it does not, and m is left: store_open()
	 * fails and the program stops */
	return api->xCreateTokenizer(api, "crier", m, &tok, free);
}
