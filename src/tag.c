/*
 * tag.c: compiled [tag] rules and feed tags -> the tags of one entry.
 *
 * A rule is a set of POSIX extended regexes (match), a set of vetoes
 * (exclude), the entry fields it looks at and an optional scope (feed
 * URLs or feed tags).  It gives its tag when some match hits some field
 * and no exclude hits any field.  Rules never see SQL or the network.
 *
 * Matching is byte-wise in the C locale whatever the program's locale
 * (uselocale around regcomp and regexec), so rules behave the same under
 * LC_ALL=C and a UTF-8 locale, and glibc stays on its fast single-byte
 * path.  Case-insensitivity beyond ASCII comes from tag_text(), which
 * lowercases the text (and the non-ASCII letters of the patterns) first;
 * a UTF-8 literal such as "é" then matches itself byte for byte.  Fields
 * that carry HTML are matched as the HTML tokenizer (parse/html-tok.c)
 * reads them: tags and raw text such as scripts dropped, references
 * decoded, and capped (the first few KB of a long content say what it is
 * about, and regexec time grows with the length).
 *
 * Speed: a post is passed over without regexec() when it lacks the
 * strings a pattern needs (relit.c: "webinar|town hall" needs one of
 * its words, "(nueva|la) gu(í|i)a" one of "nueva guía", "la guia"...),
 * found for all the rules in one pass over each text (lits_scan()), or,
 * when the rules need few strings, each by memchr() of its rarest byte
 * (has_lit()), which then reads less of the text; a
 * pattern that is only such strings is never given to regexec(), and the
 * others go to PCRE2's JIT when it reads them as glibc does.  Both
 * see the same bytes: the text and the pattern went through tag_text(),
 * so ASCII letters are lowercase on both sides (so no REG_ICASE, which
 * in the C locale would fold nothing else).  Every pattern is still
 * compiled by regcomp(), for its errors and as the fallback (t-tag and
 * t-tag-literal compare both paths).
 *
 * A rule with `signals =` also gives its tag on the decision of
 * announce.c (is this an announced community call, an event?), read once
 * per entry; its match lines add to that decision and its excludes veto
 * it, and the source it stores names the signals, for `show`.
 *
 * An entry's title, summary and content are rendered once, keeping their
 * case (struct tag_texts): the rules read them lowercased by
 * tag_text_lower(), the event extraction as they are.
 */
#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <pthread.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "announce.h"
#include "parse/html-tok.h"
#include "relit.h"
#include "tag.h"
#include "util/bigram.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/simd.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define TAG_MAX_SHORT		512
#define TAG_MAX_LINK		2048

/* internal to tag_text: keep whitespace as is (patterns) */
#define TAG_TEXT_RAW		(1u << 8)

/* one match or exclude pattern */
struct pat {
	regex_t		 re;
	pcre2_code	*pc;		/* the same, for PCRE2's JIT, or NULL */
	struct relit	 lit;		/* the strings a match needs */
	size_t		**key;		/* per string, the byte has_lit()
					 * looks for */
	uint32_t	**ids;		/* per string, its number among
					 * the tagger's lits */
};

struct rule {
	char		*name;
	struct pat	*match;
	size_t		 nmatch;
	struct pat	*exclude;
	size_t		 nexclude;
	unsigned	 fields;
	char		**feeds;
	size_t		 nfeeds;
	char		**feed_tags;
	size_t		 nfeed_tags;
	int		 signals;	/* enum config_signals */
};

struct tfeed {
	char		*url;
	char		**tags;
	size_t		 ntags;
};

struct feed_key {
	const char	*url;
	size_t		 i;		/* in the configuration */
};

/*
 * Every string the rules' regexes need, once: a text is scanned for all
 * of them in one pass (lits_scan()), and a rule then asks only which
 * were found.  A string of 4 bytes or more is looked for where the hash
 * of the text's next 4 bytes is in its filter, one of 3 bytes where the
 * next 3 are in another; the few shorter ones are searched for one by
 * one.
 */
struct lit_tab {
	uint64_t	 *bits;		/* 65,536: hashes of first bytes */
	uint32_t	 *key, *id;	/* hash and string, by hash */
	size_t		  nkey;
};

struct lits {
	const char	**s;		/* borrowed from the rules' relits */
	size_t		 *len;
	uint32_t	 *pre;		/* first 4 bytes, little-endian */
	size_t		  n, nwords;	/* nwords: of a found bitmap */
	struct lit_tab	  tab[2];	/* strings of 3 bytes, of 4 and more */
	uint64_t	 *pairs;	/* 65,536: their first 2 bytes */
	uint32_t	 *shortid;	/* strings of 1 or 2 bytes */
	size_t		  nshort;
};

struct tagger {
	struct lits	 lits;
	struct rule	*rules;
	size_t		 nrules;
	struct tfeed	*feeds;
	struct feed_key	*byurl;		/* feeds by URL, then config order */
	size_t		 nfeeds;
	locale_t	 cloc;		/* the C locale for regcomp/regexec */
	int		 noliteral;	/* always regexec (tests) */
	int		 one_pass;	/* lits_scan(), not each string alone */
};

/*
 * From how many strings one pass over a text (lits_scan(), a few
 * instructions a byte whatever their number) costs less than a memchr()
 * of each string's rarest byte (has_lit()): about twenty strings of
 * common words, measured on the bench corpus.
 */
#define LITS_ONE_PASS	20

static const struct {
	unsigned	 field;
	const char	*name;
} field_names[] = {
	{ TAG_FIELD_TITLE,	"title" },
	{ TAG_FIELD_SUMMARY,	"summary" },
	{ TAG_FIELD_CONTENT,	"content" },
	{ TAG_FIELD_CATEGORIES,	"categories" },
	{ TAG_FIELD_AUTHOR,	"author" },
	{ TAG_FIELD_LINK,	"link" },
};

/* ---- text ---------------------------------------------------------- */

/* lowercase and fold one code point; returns 0 to drop it */
static unsigned long
fold_cp(unsigned long cp, int lower)
{
	if (cp < 0x80) {
		if (lower && cp >= 'A' && cp <= 'Z')
			return cp + 32;
		if (cp < 0x20 || cp == 0x7f)
			return ' ';
		return cp;
	}
	if (!lower)
		goto fold;
	if ((cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17f) {
		if (cp == 0x178)
			return 0xff;
		if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 &&
		    cp <= 0x17e))
			return (cp & 1) ? cp + 1 : cp;
		if (cp == 0x130 || cp == 0x131 || cp == 0x138 ||
		    cp == 0x149 || cp == 0x17f)
			return cp;
		return (cp & 1) ? cp : cp + 1;
	}
	if (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 80;
fold:
	switch (cp) {
	case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
	case 0x205f: case 0x3000: case 0x85:
		return ' ';
	case 0xad: case 0x200b: case 0x200c: case 0x200d: case 0x2060:
	case 0xfeff:
		return 0;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xfe58: case 0xfe63: case 0xff0d:
		return '-';
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
	case 0x02bc: case 0x00b4:
		return '\'';
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0xab:
	case 0xbb:
		return '"';
	}
	if (cp >= 0x2000 && cp <= 0x200a)
		return ' ';
	return cp;
}

/*
 * The text of HTML for the rules, from the tokenizer (parse/html-tok.c):
 * markup dropped, a space for a tag that is not inline, references
 * decoded, blank runs of one.  It stops a good way past what the cap of
 * tag_text() can keep (folding only drops characters or makes them ASCII).
 */
struct htext {
	struct buf	*out;
	size_t		 stop;	/* bytes of text after which it stops */
};

static int
htext_space(struct htext *h)
{
	if (h->out->len > 0 && h->out->s[h->out->len - 1] != ' ')
		buf_addc(h->out, ' ');
	return h->out->len >= h->stop;
}

static int
htext_tag(void *ud, const struct html_tag *t)
{
	static const char *const inl[] = { "a", "b", "i", "u", "em",
		"strong", "span", "small", "sup", "sub", "abbr", "code",
		"mark", "time", "font", "s", "q" };
	size_t i;

	for (i = 0; t->nlen <= 6 && i < nitems(inl); i++)
		if (inl[i][0] == t->name[0] && strcmp(inl[i], t->name) == 0)
			return 0;
	return htext_space(ud);
}

static int
htext_text(void *ud, const char *s, size_t len)
{
	struct htext *h = ud;

	html_text_squeeze(h->out, s, len);
	return h->out->len >= h->stop;
}

static const struct html_tok_ops htext_ops = {
	htext_tag, htext_tag, htext_text, NULL, NULL, 1,
};

/*
 * The fast path's byte map, by lowercase: what a byte becomes when it
 * needs no folding but its case (a printable ASCII byte), FAST_SPACE for
 * a space, FAST_STOP where the slow path must look.
 */
#define FAST_SPECIAL	0x80	/* set in the two below */
#define FAST_SPACE	0x80
#define FAST_STOP	0xff
static unsigned char	fast_map[2][256];
/* the code points below U+0800 that fold_cp() changes when it lowers
 * (a superset of those it changes when not) */
static uint32_t		fast_fold2[0x800 / 32];
static pthread_once_t	fast_once = PTHREAD_ONCE_INIT;

/* does fold_cp(cp, 1) change cp, a code point below U+0800? */
#define FOLD2(cp)	((cp) >= 0x80 && (cp) < 0x800 && \
			    (fast_fold2[(cp) >> 5] & 1u << ((cp) & 31)))

static void
fast_map_make(void)
{
	int	m, b;

	for (m = 0; m < 2; m++)
		for (b = 0; b < 256; b++) {
			unsigned char o = FAST_STOP;

			if (b == ' ')
				o = FAST_SPACE;
			else if (b > 0x20 && b < 0x7f)
				o = (unsigned char)(m && b >= 'A' &&
				    b <= 'Z' ? b + 32 : b);
			fast_map[m][b] = o;
		}
	for (b = 0; b < 0x800; b++)
		if (fold_cp((unsigned long)b, 1) != (unsigned long)b)
			fast_fold2[b >> 5] |= 1u << (b & 31);
}

/* eight bytes as one word, byte-wise (tag_text_lower()) */
#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGH	0x8080808080808080ULL


/*
 * tag_text(); *caps (when not NULL) is set when the text may have a
 * capital beyond ASCII, one that tag_text_lower() must look at.
 */
static void
tag_text_caps(struct buf *out, const char *s, size_t len, unsigned flags,
    size_t max, int *caps)
{
	const char	*p = s, *end = s + len;
	size_t		 start = out->len, n;
	int		 space = 1;	/* drop leading spaces */
	int		 lower = !(flags & TAG_TEXT_KEEPCASE);
	int		 raw = (flags & TAG_TEXT_RAW) != 0;
	int		 fast;
	unsigned long	 cp;
	const unsigned char *map;

	if (s == NULL)
		return;
	if ((flags & TAG_TEXT_HTML) && (memchr(s, '<', len) != NULL ||
	    memchr(s, '&', len) != NULL)) {
		struct buf	text = BUF_INIT;
		struct htext	h = { &text, (size_t)-1 };

		if (max < (size_t)-1 / 4 - 64)
			h.stop = 4 * max + 64;
		html_tok(s, len, &htext_ops, &h);
		tag_text_caps(out, text.s, text.len, flags & ~TAG_TEXT_HTML,
		    max, caps);
		buf_release(&text);
		return;
	}
	pthread_once(&fast_once, fast_map_make);
	map = fast_map[lower];
	if (flags & TAG_TEXT_RAW)
		space = 0;
	/* room for the fast path: the text grows at most 3 times (a bad
	 * byte becomes U+FFFD) and stops a character past max */
	n = len < max ? len : max;
	fast = n < (size_t)-1 / 4 && buf_grow(out, 3 * n + 8) == 0;
	while (p < end && out->len - start < max) {
		unsigned char c = (unsigned char)*p;
		const char *seq;

		/*
		 * NOTE: the fast path: printable ASCII that needs no
		 * decoding and no folding but its case, and single spaces,
		 * written straight into the room made above; it stops where
		 * the slow path below must look (markup, references,
		 * control bytes, UTF-8) and at max, where that stops too.
		 */
		if (fast && (size_t)(out->cap - out->len) > 1) {
			size_t		 room = max - (out->len - start);
			const char	*lim;
			char		*d = out->s + out->len;

			if (room > out->cap - out->len - 1)
				room = out->cap - out->len - 1;
			lim = (size_t)(end - p) > room ? p + room : end;
			while (p < lim) {
				unsigned char	 o;
				unsigned	 u;

#ifdef CRIER_SSE2
				/* sixteen bytes of printable ASCII and single
				 * spaces at once, as the bytes below would go */
				if (!raw && lim - p >= 16) {
					__m128i	 v;
					unsigned sp;

					v = _mm_loadu_si128((const __m128i *)
					    (const void *)p);
					sp = simd_eq16(v, ' ');
					if (simd_in16(v, ' ', '~') == 0xffff &&
					    simd_single_spaces(sp, space)) {
						if (lower)
							v = simd_lower16(v);
						_mm_storeu_si128((__m128i *)
						    (void *)d, v);
						d += 16;
						p += 16;
						space = (sp >> 15) & 1;
						continue;
					}
				}
#endif
				o = map[(unsigned char)*p];

				if (!(o & FAST_SPECIAL)) {
					*d++ = (char)o;
					space = 0;
					p++;
					continue;
				}
				if (o == FAST_SPACE) {
					if (raw || !space)
						*d++ = ' ';
					space = !raw;
					p++;
					continue;
				}
				/* a two-byte character that folding leaves
				 * alone: its bytes, as the slow path would */
				u = (unsigned char)*p;
				if (u < 0xc2 || u > 0xdf || lim - p < 2 ||
				    ((unsigned char)p[1] & 0xc0) != 0x80)
					break;
				u = (u & 0x1f) << 6 | ((unsigned char)p[1] & 0x3f);
				if (fast_fold2[u >> 5] & 1u << (u & 31))
					break;
				d[0] = p[0];
				d[1] = p[1];
				d += 2;
				p += 2;
				space = 0;
			}
			out->len = (size_t)(d - out->s);
			out->s[out->len] = '\0';
			if (p >= end || out->len - start >= max)
				continue;
			c = (unsigned char)*p;
		}
		seq = NULL;
		if (c < 0x80) {
			cp = c;
			p++;
		} else if ((n = utf8_valid_prefix((const unsigned char *)p,
		    (size_t)(end - p))) > 0) {
			seq = p;
			if (n == 2)
				cp = ((c & 0x1fUL) << 6) | (p[1] & 0x3f);
			else if (n == 3)
				cp = ((c & 0x0fUL) << 12) |
				    ((p[1] & 0x3fUL) << 6) | (p[2] & 0x3f);
			else
				cp = ((c & 0x07UL) << 18) |
				    ((p[1] & 0x3fUL) << 12) |
				    ((p[2] & 0x3fUL) << 6) | (p[3] & 0x3f);
			p += n;
		} else {
			cp = 0xfffd;
			p++;
		}
		if (seq != NULL) {
			unsigned long	f = fold_cp(cp,
			    !(flags & TAG_TEXT_KEEPCASE));

			if (f == cp) {
				/* valid UTF-8 is canonical: its bytes are
				 * what utf8_put() would write */
				if (caps && FOLD2(cp))
					*caps = 1;
				space = 0;
				buf_add(out, seq, n);
				continue;
			}
			cp = f;
		} else
			cp = fold_cp(cp, !(flags & TAG_TEXT_KEEPCASE));
		if (cp == 0)
			continue;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			if (flags & TAG_TEXT_RAW) {
				buf_addc(out, ' ');
				continue;
			}
			if (!space)
				buf_addc(out, ' ');
			space = 1;
			continue;
		}
		if (caps && FOLD2(cp))
			*caps = 1;
		space = 0;
		utf8_put(out, cp);
	}
	if (out->len - start > max) {
		/* cut back to a character boundary */
		n = start + max;
		while (n > start && ((unsigned char)out->s[n] & 0xc0) == 0x80)
			n--;
		buf_truncate(out, n);
	}
	if (!(flags & TAG_TEXT_RAW) && out->len > start &&
	    out->s[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}

void
tag_text(struct buf *out, const char *s, size_t len, unsigned flags,
    size_t max)
{
	tag_text_caps(out, s, len, flags, max, NULL);
}

/* tag_text_lower(); caps 0: the text has no capital beyond ASCII */
static void
text_lower(struct buf *out, const char *s, size_t len, int caps)
{
	unsigned char	*p, *end;
	uint64_t	 x, h, up, high = 0;
	size_t		 start = out->len;

	if (len == 0 || buf_add(out, s, len) == -1)
		return;
	pthread_once(&fast_once, fast_map_make);
	p = (unsigned char *)out->s + start;
	end = p + len;
	/* A-Z, eight bytes at a time (bytes with the high bit set stay) */
	for (; end - p >= 8; p += 8) {
		memcpy(&x, p, 8);
		high |= x;
		h = x & ~SWAR_HIGH;
		up = (h + SWAR_ONES * (0x80 - 'A')) & ~(h + SWAR_ONES *
		    (0x80 - 'Z' - 1)) & ~x & SWAR_HIGH;
		x |= up >> 2;
		memcpy(p, &x, 8);
	}
	for (; p < end; p++) {
		high |= *p;
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	}
	if (!caps || !(high & SWAR_HIGH))
		return;
	/*
	 * The capitals beyond ASCII that fold_cp() lowercases all take two
	 * bytes, and so do their small letters; every other character of
	 * the text is one that fold_cp() left as it is, also when lowering
	 * (the folds of spaces, dashes and quotes went to ASCII).
	 */
	for (p = (unsigned char *)out->s + start; end - p >= 2; p++) {
		unsigned	 u;
		unsigned long	 f;

		if (*p < 0xc2 || *p > 0xdf || (p[1] & 0xc0) != 0x80)
			continue;
		u = (*p & 0x1fu) << 6 | (p[1] & 0x3fu);
		if (FOLD2(u)) {
			f = fold_cp(u, 1);
			if (f >= 0x80 && f < 0x800) {
				p[0] = (unsigned char)(0xc0 | f >> 6);
				p[1] = (unsigned char)(0x80 | (f & 0x3f));
			}
		}
		p++;
	}
}

void
tag_text_lower(struct buf *out, const char *s, size_t len)
{
	text_lower(out, s, len, 1);
}

/* ---- an entry's texts ---------------------------------------------- */

void
tag_texts_init(struct tag_texts *tt, const struct entry *e)
{
	size_t i;

	tt->e = e;
	for (i = 0; i < TAG_TEXT_NFIELDS; i++) {
		buf_init(&tt->keep[i], 0);
		buf_init(&tt->lower[i], 0);
	}
	tt->made = tt->made_lower = tt->caps = 0;
	tt->ev_made = 0;
}

void
tag_texts_reset(struct tag_texts *tt, const struct entry *e)
{
	size_t i;

	tt->e = e;
	for (i = 0; i < TAG_TEXT_NFIELDS; i++) {
		buf_reset(&tt->keep[i]);
		buf_reset(&tt->lower[i]);
	}
	tt->made = tt->made_lower = tt->caps = 0;
	tt->ev_made = 0;
}

void
tag_texts_release(struct tag_texts *tt)
{
	size_t i;

	for (i = 0; i < TAG_TEXT_NFIELDS; i++) {
		buf_release(&tt->keep[i]);
		buf_release(&tt->lower[i]);
	}
	tt->made = tt->made_lower = tt->caps = 0;
	tt->ev_made = 0;
}

const struct buf *
tag_texts_get(struct tag_texts *tt, int field)
{
	static const size_t	 max[TAG_TEXT_NFIELDS] = { TAG_MAX_TITLE,
		TAG_MAX_SUMMARY, TAG_MAX_CONTENT };
	const char		*s;
	int			 caps;

	if (field < 0 || field >= TAG_TEXT_NFIELDS)
		return NULL;
	if (!(tt->made & 1u << field)) {
		s = field == TAG_TEXT_TITLE ? tt->e->title :
		    field == TAG_TEXT_SUMMARY ? tt->e->summary :
		    tt->e->content;
		caps = 0;
		if (s)
			tag_text_caps(&tt->keep[field], s, strlen(s),
			    TAG_TEXT_HTML | TAG_TEXT_KEEPCASE, max[field],
			    &caps);
		if (caps)
			tt->caps |= 1u << field;
		tt->made |= 1u << field;
	}
	return &tt->keep[field];
}

/* the lowercase text of field, for the rules */
const struct buf *
tag_texts_get_lower(struct tag_texts *tt, int field)
{
	const struct buf *k;

	if (field < 0 || field >= TAG_TEXT_NFIELDS)
		return NULL;
	if (!(tt->made_lower & 1u << field)) {
		k = tag_texts_get(tt, field);
		text_lower(&tt->lower[field], k->s, k->len,
		    (tt->caps & 1u << field) != 0);
		tt->made_lower |= 1u << field;
	}
	return &tt->lower[field];
}

/* ---- rules --------------------------------------------------------- */

static char **
strv_dup(char *const *v, size_t n)
{
	char	**r;
	size_t	  i;

	if (n == 0)
		return NULL;
	r = xreallocarray(NULL, n, sizeof(*r));
	for (i = 0; i < n; i++)
		r[i] = xstrdup(v[i]);
	return r;
}

static void
pat_keys(struct pat *pt)
{
	size_t i, j;

	pt->key = xcalloc(pt->lit.nset ? pt->lit.nset : 1, sizeof(*pt->key));
	for (i = 0; i < pt->lit.nset; i++) {
		pt->key[i] = xcalloc(pt->lit.set[i].n, sizeof(**pt->key));
		for (j = 0; j < pt->lit.set[i].n; j++)
			pt->key[i][j] = bytes_rarest(pt->lit.set[i].s[j],
			    pt->lit.set[i].len[j]);
	}
}

static void
pat_free(struct pat *pt)
{
	size_t i;

	for (i = 0; pt->ids && i < pt->lit.nset; i++)
		free(pt->ids[i]);
	free(pt->ids);

	regfree(&pt->re);
	pcre2_code_free(pt->pc);
	for (i = 0; i < pt->lit.nset; i++)
		free(pt->key[i]);
	free(pt->key);
	relit_release(&pt->lit);
}

/*
 * is lit (n > 0 bytes) in s[0, len)?  memchr for its byte at key, the
 * one least common in text (bytes_rarest()), then the whole of it
 */
static int
has_lit(const char *s, size_t len, const char *lit, size_t n, size_t key)
{
	const char *p, *end;

	if (n > len)
		return 0;
	/* where lit[key] can be: from s + key to s + len - n + key */
	p = s + key;
	end = s + len - n + key + 1;
	while (p < end && (p = memchr(p, lit[key],
	    (size_t)(end - p))) != NULL) {
		if (memcmp(p - key, lit, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* a filter's hash of the first bytes x */
static inline uint32_t
lit_hash(uint32_t x)
{
	return (uint32_t)((x * UINT64_C(0x9e3779b97f4a7c15)) >> 48);
}

static void
lit_tab_make(struct lit_tab *tb, const uint64_t *kv, size_t n)
{
	size_t i;

	tb->bits = xcalloc(65536 / 64, sizeof(*tb->bits));
	tb->key = xcalloc(n ? n : 1, sizeof(*tb->key));
	tb->id = xcalloc(n ? n : 1, sizeof(*tb->id));
	tb->nkey = n;
	for (i = 0; i < n; i++) {
		tb->key[i] = (uint32_t)(kv[i] >> 32);
		tb->id[i] = (uint32_t)(kv[i] & 0xffffffff);
		tb->bits[tb->key[i] >> 6] |= UINT64_C(1) << (tb->key[i] & 63);
	}
}

static void
lit_tab_free(struct lit_tab *tb)
{
	free(tb->bits);
	free(tb->key);
	free(tb->id);
}

struct lit_ref {
	const char	*s;
	size_t		 len;
	uint32_t	*id;		/* where its number goes */
};

static int
lit_ref_cmp(const void *a, const void *b)
{
	const struct lit_ref *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/* the strings of every pattern in v[0..n) into refs (pt->ids made) */
static void
lits_refs(struct pat *v, size_t n, struct lit_ref **refs, size_t *nref,
    size_t *cap)
{
	size_t i, k, j;

	for (i = 0; i < n; i++) {
		struct pat *pt = &v[i];

		pt->ids = xcalloc(pt->lit.nset ? pt->lit.nset : 1,
		    sizeof(*pt->ids));
		for (k = 0; k < pt->lit.nset; k++) {
			pt->ids[k] = xcalloc(pt->lit.set[k].n ?
			    pt->lit.set[k].n : 1, sizeof(**pt->ids));
			for (j = 0; j < pt->lit.set[k].n; j++) {
				if (*nref == *cap) {
					*cap = *cap ? *cap * 2 : 256;
					*refs = xreallocarray(*refs, *cap,
					    sizeof(**refs));
				}
				(*refs)[*nref].s = pt->lit.set[k].s[j];
				(*refs)[*nref].len = pt->lit.set[k].len[j];
				(*refs)[(*nref)++].id = &pt->ids[k][j];
			}
		}
	}
}

/* numbers the rules' strings, the same string once, and makes the filter */
static void
lits_make(struct tagger *t)
{
	struct lits	*L = &t->lits;
	struct lit_ref	*refs = NULL;
	uint64_t	*kv;
	size_t		 nref = 0, cap = 0, i, j, l;
	uint32_t	 x;
	int		 t4;

	for (i = 0; i < t->nrules; i++) {
		lits_refs(t->rules[i].match, t->rules[i].nmatch, &refs, &nref,
		    &cap);
		lits_refs(t->rules[i].exclude, t->rules[i].nexclude, &refs,
		    &nref, &cap);
	}
	if (nref > 0)
		qsort(refs, nref, sizeof(*refs), lit_ref_cmp);
	L->s = xcalloc(nref ? nref : 1, sizeof(*L->s));
	L->len = xcalloc(nref ? nref : 1, sizeof(*L->len));
	for (i = 0; i < nref; i++) {
		if (i == 0 || lit_ref_cmp(&refs[i - 1], &refs[i]) != 0) {
			L->s[L->n] = refs[i].s;
			L->len[L->n++] = refs[i].len;
		}
		*refs[i].id = (uint32_t)(L->n - 1);
	}
	free(refs);
	L->nwords = (L->n + 63) / 64;
	L->pre = xcalloc(L->n ? L->n : 1, sizeof(*L->pre));
	L->pairs = xcalloc(65536 / 64, sizeof(*L->pairs));
	L->shortid = xcalloc(L->n ? L->n : 1, sizeof(*L->shortid));
	kv = xcalloc(L->n ? L->n : 1, sizeof(*kv));
	for (i = 0; i < L->n; i++) {
		for (x = 0, j = 0; j < 4 && j < L->len[i]; j++)
			x |= (uint32_t)(unsigned char)L->s[i][j] << (8 * j);
		L->pre[i] = x;
		if (L->len[i] < 3)
			L->shortid[L->nshort++] = (uint32_t)i;
		else
			L->pairs[(x & 0xffff) >> 6] |= UINT64_C(1) << (x & 63);
	}
	/* the strings of 3 bytes, then those of 4 and more */
	for (t4 = 0; t4 < 2; t4++) {
		size_t nk = 0;

		for (i = 0; i < L->n; i++) {
			l = L->len[i];
			if (l >= 3 && (l >= 4) == t4)
				kv[nk++] = (uint64_t)lit_hash(L->pre[i]) << 32 | i;
		}
		qsort(kv, nk, sizeof(*kv), str_u64_cmp);
		lit_tab_make(&L->tab[t4], kv, nk);
	}
	free(kv);
}

static void
lits_free(struct lits *L)
{
	free(L->s);
	free(L->len);
	free(L->pre);
	free(L->pairs);
	lit_tab_free(&L->tab[0]);
	lit_tab_free(&L->tab[1]);
	free(L->shortid);
}

/* the strings of table tb whose hash is h that are at s + i (x: the
 * next 4 bytes, m: the mask of those of them a string's first 4 are
 * compared with) into found */
static inline void
lit_tab_hits(const struct lits *L, const struct lit_tab *tb, uint32_t h,
    const char *s, size_t n, size_t i, uint32_t x, uint32_t m,
    uint64_t *found)
{
	size_t		 lo, l;
	uint32_t	 id;

	if (!(tb->bits[h >> 6] & (UINT64_C(1) << (h & 63))))
		return;
	for (lo = str_u32_lower(tb->key, tb->nkey, h);
	    lo < tb->nkey && tb->key[lo] == h; lo++) {
		id = tb->id[lo];
		l = L->len[id];
		if ((L->pre[id] & m) == (x & m) && l <= n - i &&
		    (l <= 4 || memcmp(s + i + 4, L->s[id] + 4, l - 4) == 0))
			found[id >> 6] |= UINT64_C(1) << (id & 63);
	}
}

/* which of the strings are in s[0..n): found, L->nwords words */
static void
lits_scan(const struct lits *L, const char *s, size_t n, uint64_t *found)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, k;
	uint32_t		 x, id;
	int			 three = L->tab[0].nkey > 0;

	memset(found, 0, L->nwords * sizeof(*found));
	for (k = 0; k < L->nshort; k++) {
		id = L->shortid[k];
		if (has_lit(s, n, L->s[id], L->len[id], 0))
			found[id >> 6] |= UINT64_C(1) << (id & 63);
	}
	for (i = 0; i + 3 <= n; i++) {
		x = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8;
		/* no string starts with these two bytes, as at most places */
		if (!(L->pairs[x >> 6] & (UINT64_C(1) << (x & 63))))
			continue;
		x |= (uint32_t)u[i + 2] << 16;
		if (three)
			lit_tab_hits(L, &L->tab[0], lit_hash(x), s, n, i, x,
			    0xffffff, found);
		if (i + 4 <= n) {
			x |= (uint32_t)u[i + 3] << 24;
			lit_tab_hits(L, &L->tab[1], lit_hash(x), s, n, i, x,
			    0xffffffff, found);
		}
	}
}

/* is one string of pt's set k among found (lits_scan())? */
static int
set_found(const struct pat *pt, size_t k, const uint64_t *found)
{
	const struct relit_set	*st = &pt->lit.set[k];
	size_t			 j;
	uint32_t		 id;

	for (j = 0; j < st->n; j++) {
		id = pt->ids[k][j];
		if (found[id >> 6] & (UINT64_C(1) << (id & 63)))
			return 1;
	}
	return 0;
}

/* is one string of pt's set k in s (categories and the short fields) */
static int
set_hit(const struct pat *pt, size_t k, const char *s, size_t len)
{
	const struct relit_set	*st = &pt->lit.set[k];
	size_t			 j;

	for (j = 0; j < st->n; j++)
		if (has_lit(s, len, st->s[j], st->len[j], pt->key[k][j]))
			return 1;
	return 0;
}

/* does the regex of pt match s?  *md: match data, made on first use */
static int
pat_match(const struct pat *pt, const char *s, size_t len,
    pcre2_match_data **md)
{
	int rc;

	if (pt->pc != NULL) {
		if (*md == NULL)
			*md = pcre2_match_data_create(1, NULL);
		if (*md != NULL) {
			rc = pcre2_jit_match(pt->pc, (PCRE2_SPTR)s, len, 0, 0,
			    *md, NULL);
			if (rc >= 0)
				return 1;
			if (rc == PCRE2_ERROR_NOMATCH)
				return 0;
			/* a limit: regexec() decides */
		}
	}
	return regexec(&pt->re, s, 0, NULL, 0) == 0;
}

/*
 * does pt hit s (len bytes, from tag_text)?  found, when not NULL, says
 * which of the rules' strings s holds (lits_scan()); else each string
 * of pt is searched for.
 */
static int
pat_hit(const struct tagger *t, const struct pat *pt, const char *s,
    size_t len, const uint64_t *found, pcre2_match_data **md)
{
	size_t k;

	if (t->noliteral)
		return regexec(&pt->re, s, 0, NULL, 0) == 0;
	if (pt->lit.exact)
		return found ? set_found(pt, 0, found) :
		    set_hit(pt, 0, s, len);
	/* a string every match needs is not in s: no match */
	for (k = 0; k < pt->lit.nset; k++)
		if (!(found ? set_found(pt, k, found) :
		    set_hit(pt, k, s, len)))
			return 0;
	return pat_match(pt, s, len, md);
}

/*
 * The pattern and the text are lowercase, so REG_ICASE would fold
 * nothing, and it makes regexec() translate every byte it reads.  Without
 * it, [:upper:] and [:lower:] would match nothing and only lowercase:
 * under REG_ICASE both were any letter, and so is [:alpha:].
 */
static void
case_classes(struct buf *pat)
{
	char *p;

	while ((p = strstr(pat->s, "[:upper:]")) != NULL ||
	    (p = strstr(pat->s, "[:lower:]")) != NULL)
		memcpy(p + 2, "alpha", 5);
}

/* the index past the bracket expression at p[i] ('['), or 0 */
static size_t
class_end(const char *p, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j < n && p[j] == '^')
		j++;
	if (j < n && p[j] == ']')
		j++;
	for (; j < n && p[j] != ']'; j++) {
		if (p[j] == '\\' && j + 1 < n)
			j++;
		else if (p[j] == '[' && j + 1 < n && (p[j + 1] == ':' ||
		    p[j + 1] == '.' || p[j + 1] == '=')) {
			char	 t = p[j + 1];
			size_t	 k;

			for (k = j + 2; k + 1 < n && !(p[k] == t &&
			    p[k + 1] == ']'); k++)
				;
			if (k + 1 >= n)
				return 0;
			j = k + 1;
		}
	}
	return j < n ? j + 1 : 0;
}

/*
 * Is a group that holds an anchor (^ or $) repeated, as "(^|a){2}"?
 * glibc lets such a group repeat where the anchor cannot match ("zab"
 * matches "(^|a){2}b"), PCRE2 does not: regexec() decides those alone.
 */
static int
anchor_repeated(const char *p)
{
	size_t	n = strlen(p), i, j, depth = 0;
	char	anchor[64] = { 0 };	/* per open group */

	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		else if (p[i] == '[') {
			if ((j = class_end(p, n, i)) == 0)
				return 1;
			i = j - 1;
		} else if (p[i] == '(') {
			if (++depth >= sizeof(anchor))
				return 1;
			anchor[depth] = 0;
		} else if (p[i] == ')' && depth > 0) {
			if (anchor[depth] && i + 1 < n &&
			    strchr("*+?{", p[i + 1]) != NULL)
				return 1;
			depth--;
			anchor[depth] |= anchor[depth + 1];
		} else if (p[i] == '^' || p[i] == '$')
			anchor[depth] = 1;
	}
	return 0;
}

#define WORD_BEFORE	"(^|[^[:alnum:]])"
#define WORD_AFTER	"([^[:alnum:]]|$)"

/*
 * The converted pattern, a branch at a time: "(^|[^[:alnum:]])" that
 * starts a top-level branch becomes "(?<![[:alnum:]])" and
 * "([^[:alnum:]]|$)" that ends one "(?![[:alnum:]])".  Whether there is
 * a match is all the tagger asks, and there they agree; but PCRE2 can
 * then look for the branch's first bytes instead of trying every byte
 * (the shipped report rules ran twice as fast).  NULL: leave it.
 */
static char *
pat_bounds(const char *p, size_t n, size_t *outlen)
{
	struct buf	 b = BUF_INIT;
	size_t		 i = 0, j, lb = strlen(WORD_BEFORE);
	size_t		 la = strlen(WORD_AFTER);
	int		 depth = 0, changed = 0;

	/* the leading verbs: "(*NUL)" */
	while (i + 1 < n && p[i] == '(' && p[i + 1] == '*') {
		for (j = i; j < n && p[j] != ')'; j++)
			;
		if (j == n)
			return NULL;
		buf_add(&b, p + i, j + 1 - i);
		i = j + 1;
	}
	for (;;) {
		/* a branch starts at i */
		if (n - i >= lb && memcmp(p + i, WORD_BEFORE, lb) == 0) {
			buf_adds(&b, "(?<![[:alnum:]])");
			i += lb;
			changed = 1;
		}
		for (; i < n; i++) {
			if (p[i] == '\\' && i + 1 < n) {
				buf_add(&b, p + i, 2);
				i++;
				continue;
			}
			if (p[i] == '[') {
				if ((j = class_end(p, n, i)) == 0) {
					buf_release(&b);
					return NULL;
				}
				buf_add(&b, p + i, j - i);
				i = j - 1;
				continue;
			}
			if (depth == 0 && p[i] == '|')
				break;
			/* a branch ends with the group */
			if (depth == 0 && n - i >= la &&
			    memcmp(p + i, WORD_AFTER, la) == 0 &&
			    (i + la == n || p[i + la] == '|')) {
				buf_adds(&b, "(?![[:alnum:]])");
				i += la - 1;
				changed = 1;
				continue;
			}
			if (p[i] == '(')
				depth++;
			else if (p[i] == ')' && --depth < 0) {
				buf_release(&b);
				return NULL;
			}
			buf_addc(&b, p[i]);
		}
		if (i >= n)
			break;
		buf_addc(&b, '|');
		i++;
	}
	if (!changed || depth != 0) {
		buf_release(&b);
		return NULL;
	}
	*outlen = b.len;
	return b.s;
}

/*
 * The regex for PCRE2's JIT, which runs it many times faster than
 * regexec() (the rules that need a regex run on most posts).  The ERE
 * is converted by PCRE2's own POSIX converter; a match is all the tagger
 * asks, so leftmost-longest and leftmost-first agree.  Bytes, not UTF-8,
 * as regexec() reads them in the C locale.  NULL when it cannot be done:
 * regexec() then matches alone.
 */
static pcre2_code *
pat_jit(const char *p)
{
	PCRE2_UCHAR	*conv = NULL;
	PCRE2_SIZE	 clen = 0, off;
	pcre2_code	*pc;
	char		*bounded;
	size_t		 blen;
	int		 err;

	if (pcre2_pattern_convert((PCRE2_SPTR)p, strlen(p),
	    PCRE2_CONVERT_POSIX_EXTENDED, &conv, &clen, NULL) != 0)
		return NULL;
	if ((bounded = pat_bounds((const char *)conv, clen, &blen)) != NULL) {
		pc = pcre2_compile((PCRE2_SPTR)bounded, blen,
		    PCRE2_DOLLAR_ENDONLY | PCRE2_DOTALL, &err, &off, NULL);
		free(bounded);
	} else
		pc = pcre2_compile(conv, clen, PCRE2_DOLLAR_ENDONLY |
		    PCRE2_DOTALL, &err, &off, NULL);
	pcre2_converted_pattern_free(conv);
	if (pc != NULL && pcre2_jit_compile(pc, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(pc);
		pc = NULL;
	}
	return pc;
}

/*
 * The rule src as regexec() reads it, into pat, compiled into re (in the
 * C locale, uselocale() by the caller); -1 after naming the file and line
 * of a regex that does not compile.
 */
static int
pat_regcomp(const struct config *c, const struct config_tag *ct,
    const struct config_str *src, struct buf *pat, regex_t *re)
{
	char	err[256];
	int	rc;

	buf_reset(pat);
	tag_text(pat, src->s, strlen(src->s), TAG_TEXT_RAW, (size_t)-1 / 2);
	case_classes(pat);
	if ((rc = regcomp(re, pat->s, REG_EXTENDED | REG_NOSUB)) == 0)
		return 0;
	regerror(rc, re, err, sizeof(err));
	log_config(c->path ? c->path : "feeds.conf",
	    src->line ? src->line : ct->line,
	    _("bad regex in [tag \"%s\"]: %s"), ct->name, err);
	return -1;
}

static int
compile_all(const struct config *c, const struct config_tag *ct,
    const struct config_str *src, size_t n, struct pat **out, size_t *nout,
    locale_t cloc)
{
	struct buf	 pat = BUF_INIT;
	struct pat	*v;
	size_t		 i;
	int		 ret = 0;
	locale_t	 old;

	*out = NULL;
	*nout = 0;
	if (n == 0)
		return 0;
	v = xcalloc(n, sizeof(*v));
	old = uselocale(cloc);
	for (i = 0; i < n; i++) {
		if (pat_regcomp(c, ct, &src[i], &pat, &v[i].re) == -1) {
			ret = -1;
			break;
		}
		relit_read(&v[i].lit, pat.s);
		pat_keys(&v[i]);
		/* PCRE2's converter and glibc disagree on odd syntax */
		v[i].pc = v[i].lit.plain && !anchor_repeated(pat.s) ?
		    pat_jit(pat.s) : NULL;
		(*nout)++;
	}
	uselocale(old);
	buf_release(&pat);
	*out = v;
	return ret;
}

static int
feed_cmp(const void *a, const void *b)
{
	const struct feed_key	*x = a, *y = b;
	int			 c = strcmp(x->url, y->url);

	return c != 0 ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* the first feed of the configuration with that URL, or NULL: a bsearch,
 * for a tagger with a thousand feeds tags every item */
static const struct tfeed *
feed_find(const struct tagger *t, const char *url)
{
	size_t	lo = 0, hi = t->nfeeds, m;

	if (url == NULL)
		return NULL;
	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (strcmp(t->byurl[m].url, url) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	if (lo < t->nfeeds && strcmp(t->byurl[lo].url, url) == 0)
		return &t->feeds[t->byurl[lo].i];
	return NULL;
}

int
tagger_check(const struct config *c)
{
	struct buf	 pat = BUF_INIT;
	regex_t		 re;
	locale_t	 cloc, old;
	size_t		 i, k;
	int		 rc = 0;

	if ((cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0) {
		log_error("newlocale");
		return -1;
	}
	old = uselocale(cloc);
	for (i = 0; i < c->ntags && rc == 0; i++) {
		const struct config_tag *ct = &c->tags[i];

		for (k = 0; k < ct->nmatch + ct->nexclude && rc == 0; k++) {
			rc = pat_regcomp(c, ct, k < ct->nmatch ?
			    &ct->match[k] : &ct->exclude[k - ct->nmatch],
			    &pat, &re);
			if (rc == 0)
				regfree(&re);
		}
	}
	uselocale(old);
	freelocale(cloc);
	buf_release(&pat);
	return rc;
}

struct tagger *
tagger_new(const struct config *c)
{
	struct tagger	*t;
	size_t		 i;
	int		 bad = 0;

	t = xcalloc(1, sizeof(*t));
	t->cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (t->cloc == (locale_t)0) {
		log_error("newlocale");
		free(t);
		return NULL;
	}
	t->nfeeds = c->nfeeds;
	if (c->nfeeds)
		t->feeds = xcalloc(c->nfeeds, sizeof(*t->feeds));
	t->byurl = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*t->byurl));
	for (i = 0; i < c->nfeeds; i++) {
		t->feeds[i].url = xstrdup(c->feeds[i].url);
		t->byurl[i].url = t->feeds[i].url;
		t->byurl[i].i = i;
		t->feeds[i].tags = strv_dup(c->feeds[i].tags,
		    c->feeds[i].ntags);
		t->feeds[i].ntags = c->feeds[i].ntags;
	}
	qsort(t->byurl, t->nfeeds, sizeof(*t->byurl), feed_cmp);
	if (c->ntags)
		t->rules = xcalloc(c->ntags, sizeof(*t->rules));
	for (i = 0; i < c->ntags && !bad; i++) {
		const struct config_tag	*ct = &c->tags[i];
		struct rule		*r = &t->rules[i];

		t->nrules++;
		r->name = xstrdup(ct->name);
		r->fields = ct->fields ? ct->fields :
		    TAG_FIELD_TITLE | TAG_FIELD_SUMMARY;
		r->feeds = strv_dup(ct->feeds, ct->nfeeds);
		r->nfeeds = ct->nfeeds;
		r->feed_tags = strv_dup(ct->feed_tags, ct->nfeed_tags);
		r->nfeed_tags = ct->nfeed_tags;
		r->signals = ct->signals;
		if (compile_all(c, ct, ct->match, ct->nmatch, &r->match,
		    &r->nmatch, t->cloc) == -1 ||
		    compile_all(c, ct, ct->exclude, ct->nexclude,
		    &r->exclude, &r->nexclude, t->cloc) == -1)
			bad = 1;
	}
	if (bad) {
		tagger_free(t);
		return NULL;
	}
	lits_make(t);
	tagger_set_literal(t, TAG_LIT_AUTO);
	log_debug("tag: %zu strings to look for, %s", t->lits.n,
	    t->one_pass ? "in one pass" : "one by one");
	return t;
}

void
tagger_free(struct tagger *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrules; i++) {
		struct rule *r = &t->rules[i];

		for (j = 0; j < r->nmatch; j++)
			pat_free(&r->match[j]);
		for (j = 0; j < r->nexclude; j++)
			pat_free(&r->exclude[j]);
		free(r->match);
		free(r->exclude);
		free(r->name);
		strv_free(r->feeds, r->nfeeds);
		strv_free(r->feed_tags, r->nfeed_tags);
	}
	free(t->rules);
	for (i = 0; i < t->nfeeds; i++) {
		free(t->feeds[i].url);
		strv_free(t->feeds[i].tags, t->feeds[i].ntags);
	}
	free(t->feeds);
	free(t->byurl);
	lits_free(&t->lits);
	if (t->cloc != (locale_t)0)
		freelocale(t->cloc);
	free(t);
}

static void
result_add(struct tag_result *out, const char *name, const char *rule,
    const char *field)
{
	size_t	i;
	char	*src;

	for (i = 0; i < out->n; i++)
		if (strcmp(out->names[i], name) == 0)
			return;
	if (rule)
		xasprintf(&src, "%s: %s", rule, field);
	else
		src = xstrdup(field);
	out->names = xreallocarray(out->names, out->n + 1,
	    sizeof(*out->names));
	out->sources = xreallocarray(out->sources, out->n + 1,
	    sizeof(*out->sources));
	out->names[out->n] = xstrdup(name);
	out->sources[out->n] = src;
	out->n++;
}

/* the entry's texts, made on first use: title, summary and content in
 * tt (shared with the event extraction), author and link in b */
struct texts {
	const struct tagger	*t;
	const struct entry	*e;
	struct tag_texts	*tt;
	pcre2_match_data	*md;
	struct buf		 b[6];
	int			 made[6];
	uint64_t		*found[3];	/* lits_scan() of title,
						 * summary, content */
	uint64_t		 fbuf[3][16];
};

/* field i's text (not categories) and its length */
static const char *
field_text(struct texts *tx, int i, size_t *len)
{
	const struct entry	*e = tx->e;
	const struct buf	*k;
	const char		*s = NULL;
	size_t			 max = TAG_MAX_SHORT;

	if (i == 0 || i == 1 || i == 2) {
		k = tag_texts_get_lower(tx->tt, i == 0 ? TAG_TEXT_TITLE :
		    i == 1 ? TAG_TEXT_SUMMARY : TAG_TEXT_CONTENT);
		*len = k->len;
		return k->s;
	}
	if (!tx->made[i]) {
		tx->made[i] = 1;
		if (i == 4)
			s = e->author;
		else if (i == 5) {
			s = e->link;
			max = TAG_MAX_LINK;
		}
		if (s)
			tag_text(&tx->b[i], s, strlen(s), 0, max);
	}
	*len = tx->b[i].len;
	return tx->b[i].s;
}

/* does any of v[0..n) hit field i?  categories are matched one by one */
static int
hit_field(struct texts *tx, int i, const struct pat *v, size_t n)
{
	struct buf		 cat = BUF_INIT;
	const uint64_t		*found;
	const char		*s;
	size_t			 j, k, len;
	int		 hit = 0;

	if (i == 3) {
		for (k = 0; k < tx->e->ncategories && !hit; k++) {
			buf_reset(&cat);
			tag_text(&cat, tx->e->categories[k],
			    strlen(tx->e->categories[k]), TAG_TEXT_HTML,
			    TAG_MAX_SHORT);
			for (j = 0; j < n && !hit; j++)
				hit = pat_hit(tx->t, &v[j], cat.s, cat.len,
				    NULL, &tx->md);
		}
		buf_release(&cat);
		return hit;
	}
	s = field_text(tx, i, &len);
	if (*s == '\0' || n == 0)
		return 0;
	/* title, summary and content: every rule's strings in one pass */
	found = NULL;
	if (i <= 2 && !tx->t->noliteral && tx->t->one_pass) {
		if (tx->found[i] == NULL) {
			tx->found[i] = tx->t->lits.nwords <= nitems(tx->fbuf[i]) ?
			    tx->fbuf[i] : xcalloc(tx->t->lits.nwords,
			    sizeof(*tx->found[i]));
			lits_scan(&tx->t->lits, s, len, tx->found[i]);
		}
		found = tx->found[i];
	}
	for (j = 0; j < n; j++)
		if (pat_hit(tx->t, &v[j], s, len, found, &tx->md))
			return 1;
	return 0;
}

static int
in_scope(const struct rule *r, const char *feed_url,
    const struct tfeed *f)
{
	size_t i, j;

	if (r->nfeeds == 0 && r->nfeed_tags == 0)
		return 1;
	for (i = 0; i < r->nfeeds && feed_url; i++)
		if (strcmp(r->feeds[i], feed_url) == 0)
			return 1;
	for (i = 0; i < r->nfeed_tags && f; i++)
		for (j = 0; j < f->ntags; j++)
			if (strcmp(r->feed_tags[i], f->tags[j]) == 0)
				return 1;
	return 0;
}

int
tagger_apply(const struct tagger *t, const char *feed_url,
    const struct entry *e, struct tag_result *out)
{
	struct tag_texts	tt;
	int			rc;

	tag_texts_init(&tt, e);
	rc = tagger_apply_texts(t, feed_url, &tt, out);
	tag_texts_release(&tt);
	return rc;
}

int
tagger_apply_texts(const struct tagger *t, const char *feed_url,
    struct tag_texts *tt, struct tag_result *out)
{
	const struct tfeed	*f = NULL;
	struct texts		 tx;
	struct announce		 an;
	size_t			 i, k;
	locale_t		 old;
	int			 have_an = 0;

	memset(out, 0, sizeof(*out));
	memset(&tx, 0, sizeof(tx));
	tx.e = tt->e;
	tx.tt = tt;
	tx.t = t;
	for (k = 0; k < nitems(tx.b); k++)
		buf_init(&tx.b[k], 0);
	f = feed_find(t, feed_url);
	for (i = 0; f && i < f->ntags; i++)
		result_add(out, f->tags[i], NULL, "feed");
	old = uselocale(t->cloc);
	for (i = 0; i < t->nrules; i++) {
		const struct rule	*r = &t->rules[i];
		int			 hit = -1, veto = 0, sig = 0;

		if (!in_scope(r, feed_url, f))
			continue;
		if (r->signals != CONFIG_SIGNALS_NONE) {
			/* read once for all the rules that ask */
			if (!have_an) {
				announce_read(tt, &an);
				have_an = 1;
			}
			sig = r->signals == CONFIG_SIGNALS_CALL ?
			    an.kind == ANNOUNCE_CALL :
			    an.event_kind == ANNOUNCE_EVENT;
		}
		for (k = 0; k < nitems(field_names) && hit < 0 && !sig; k++)
			if ((r->fields & field_names[k].field) &&
			    hit_field(&tx, (int)k, r->match, r->nmatch))
				hit = (int)k;
		if (hit < 0 && !sig)
			continue;
		for (k = 0; k < nitems(field_names) && !veto; k++)
			if ((r->fields & field_names[k].field) &&
			    hit_field(&tx, (int)k, r->exclude, r->nexclude))
				veto = 1;
		if (veto)
			continue;
		if (sig) {
			struct buf why = BUF_INIT;

			buf_addf(&why, "signals: %s", an.why.s);
			result_add(out, r->name, r->name, why.s);
			buf_release(&why);
		} else
			result_add(out, r->name, r->name,
			    field_names[hit].name);
	}
	if (have_an)
		announce_release(&an);
	uselocale(old);
	for (k = 0; k < nitems(tx.b); k++)
		buf_release(&tx.b[k]);
	for (k = 0; k < nitems(tx.found); k++)
		if (tx.found[k] != tx.fbuf[k])
			free(tx.found[k]);
	pcre2_match_data_free(tx.md);
	return 0;
}

void
tagger_set_literal(struct tagger *t, enum tag_lit how)
{
	t->noliteral = how == TAG_LIT_NONE;
	if (how == TAG_LIT_AUTO)
		t->one_pass = t->lits.n >= LITS_ONE_PASS;
	else
		t->one_pass = how == TAG_LIT_ONE_PASS;
}

void
tag_result_release(struct tag_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->names[i]);
		free(r->sources[i]);
	}
	free(r->names);
	free(r->sources);
	memset(r, 0, sizeof(*r));
}
