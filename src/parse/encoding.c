/*
 * encoding.c: charset detection and conversion to UTF-8 for the parser.
 *
 * Order of trust (RFC 7303 and what browsers do): a byte order mark, then
 * the HTTP charset, then the XML declaration; UTF-8 otherwise.  UTF-8,
 * US-ASCII, ISO-8859-1 and windows-1252 are handled here, since they are
 * most feeds and windows-1252 is their common mislabel: a byte that is
 * not valid UTF-8 is read as windows-1252.  Every other charset goes
 * through iconv(3), with U+FFFD for what it cannot convert.
 *
 * encoding_fix_text() repairs the values of a feed after it is read:
 * doubly encoded UTF-8 and windows-1252 characters written as C1
 * controls, as feedparser repairs them.
 */

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "parse/encoding.h"
#include "util/simd.h"
#include "util/str.h"

/* windows-1252 0x80-0x9f; 0 where undefined (kept as the C1 code point) */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

enum cs {
	CS_UTF8,	/* also US-ASCII */
	CS_LATIN1,	/* ISO-8859-1 and windows-1252 */
	CS_OTHER,	/* iconv */
};

static unsigned long
cp1252_char(unsigned char c)
{
	if (c >= 0x80 && c < 0xa0 && cp1252[c - 0x80])
		return cp1252[c - 0x80];
	return c;
}

static void
put_latin1(struct buf *out, const unsigned char *p, size_t len)
{
	size_t i, run;

	for (i = 0; i < len; ) {
		for (run = i; run < len && p[run] < 0x80; run++)
			;
		if (run > i)
			buf_add(out, p + i, run - i);
		if (run == len)
			break;
		utf8_put(out, cp1252_char(p[run]));
		i = run + 1;
	}
}

/* 8 bytes of ASCII without NUL at p? */
static inline int
ascii8(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return ((v | ((v - SIMD_ONES) & ~v)) &
	    SIMD_HIGHS) == 0;
}

static void
put_utf8(struct buf *out, const unsigned char *p, size_t len)
{
	size_t i, run, n;

	for (i = 0; i < len; ) {
		/* valid UTF-8 stays in the run: one copy for all of it */
		run = i;
		for (;;) {
			while (len - run >= 8 && ascii8(p + run))
				run += 8;
			while (run < len && p[run] < 0x80 && p[run] != 0)
				run++;
			if (run < len && p[run] >= 0x80 &&
			    (n = utf8_seq(p + run, len - run)) > 0) {
				run += n;
				continue;
			}
			break;
		}
		if (run > i)
			buf_add(out, p + i, run - i);
		i = run;
		if (i == len)
			break;
		if (p[i] == 0) {
			i++;	/* NUL has no place in XML */
			continue;
		}
		/* NOTE: windows-1252 is the usual mislabel */
		utf8_put(out, cp1252_char(p[i]));
		i++;
	}
}

static int
put_iconv(struct buf *out, const char *p, size_t len, const char *cs)
{
	iconv_t	 cd;
	char	 tmp[8192];
	char	*in = (char *)p;
	size_t	 inleft = len;

	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return -1;
	while (inleft > 0) {
		char	*o = tmp;
		size_t	 oleft = sizeof(tmp), r;

		r = iconv(cd, &in, &inleft, &o, &oleft);
		if (o > tmp)
			utf8_sanitize(out, tmp, (size_t)(o - tmp));
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end): skip a byte */
		utf8_put(out, 0xfffd);
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return 0;
}

/* copies a charset name, trimmed and quote-free, into cs[size] */
static void
charset_copy(char *cs, size_t size, const char *s, size_t len)
{
	size_t i, n = 0;

	while (len > 0 && (isspace((unsigned char)*s) || *s == '"' ||
	    *s == '\''))
		s++, len--;
	for (i = 0; i < len && n + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isalnum(c) && c != '-' && c != '_' && c != '.' &&
		    c != ':')
			break;
		cs[n++] = (char)c;
	}
	cs[n] = '\0';
}

/* the encoding="..." of an ASCII-compatible XML declaration, or "" */
static void
xml_decl_charset(const char *p, size_t len, char *cs, size_t size)
{
	const char *end, *e;

	cs[0] = '\0';
	if (len < 6 || memcmp(p, "<?xml", 5) != 0)
		return;
	end = memchr(p, '>', len < 512 ? len : 512);
	if (end == NULL)
		return;
	for (e = p + 5; e + 8 < end; e++) {
		if (memcmp(e, "encoding", 8) != 0)
			continue;
		e += 8;
		while (e < end && (isspace((unsigned char)*e) || *e == '='))
			e++;
		charset_copy(cs, size, e, (size_t)(end - e));
		return;
	}
}

static enum cs
classify(const char *cs)
{
	if (cs[0] == '\0' || strcasecmp(cs, "utf-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0 || strcasecmp(cs, "us-ascii") == 0 ||
	    strcasecmp(cs, "ascii") == 0)
		return CS_UTF8;
	if (strcasecmp(cs, "iso-8859-1") == 0 ||
	    strcasecmp(cs, "iso8859-1") == 0 ||
	    strcasecmp(cs, "latin1") == 0 ||
	    strcasecmp(cs, "latin-1") == 0 ||
	    strcasecmp(cs, "windows-1252") == 0 ||
	    strcasecmp(cs, "cp1252") == 0 ||
	    strcasecmp(cs, "iso_8859-1") == 0)
		return CS_LATIN1;
	return CS_OTHER;
}

static int
is_wide(const char *cs)
{
	return strncasecmp(cs, "utf-16", 6) == 0 ||
	    strncasecmp(cs, "utf-32", 6) == 0 ||
	    strncasecmp(cs, "ucs-2", 5) == 0 ||
	    strncasecmp(cs, "ucs-4", 5) == 0 ||
	    strncasecmp(cs, "utf16", 5) == 0 ||
	    strncasecmp(cs, "utf32", 5) == 0;
}

/* the charset of data[0..len) and the bytes of BOM to skip */
static enum cs
detect(const char *data, size_t len, const char *http_charset, char *cs,
    size_t cssize, size_t *skipp)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t	 skip = 0;

	cs[0] = '\0';
	*skipp = 0;
	/* 1. byte order marks */
	if (len >= 4 && memcmp(u, "\x00\x00\xfe\xff", 4) == 0) {
		memcpy(cs, "UTF-32BE", 9);
		skip = 4;
	} else if (len >= 4 && memcmp(u, "\xff\xfe\x00\x00", 4) == 0) {
		memcpy(cs, "UTF-32LE", 9);
		skip = 4;
	} else if (len >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0) {
		*skipp = 3;
		return CS_UTF8;
	} else if (len >= 2 && memcmp(u, "\xfe\xff", 2) == 0) {
		memcpy(cs, "UTF-16BE", 9);
		skip = 2;
	} else if (len >= 2 && memcmp(u, "\xff\xfe", 2) == 0) {
		memcpy(cs, "UTF-16LE", 9);
		skip = 2;
	}
	/* UTF-16/32 without a BOM: the pattern of '<' and '?' */
	else if (len >= 4 && memcmp(u, "\x00\x00\x00\x3c", 4) == 0)
		memcpy(cs, "UTF-32BE", 9);
	else if (len >= 4 && memcmp(u, "\x3c\x00\x00\x00", 4) == 0)
		memcpy(cs, "UTF-32LE", 9);
	else if (len >= 4 && memcmp(u, "\x00\x3c\x00\x3f", 4) == 0)
		memcpy(cs, "UTF-16BE", 9);
	else if (len >= 4 && memcmp(u, "\x3c\x00\x3f\x00", 4) == 0)
		memcpy(cs, "UTF-16LE", 9);

	/* 2. HTTP charset, 3. XML declaration */
	if (cs[0] == '\0' && http_charset != NULL)
		charset_copy(cs, cssize, http_charset, strlen(http_charset));
	if (cs[0] == '\0')
		xml_decl_charset(data, len, cs, cssize);
	/* an 8-bit document that calls itself UTF-16 is lying */
	if (skip == 0 && is_wide(cs) && len >= 2 && u[0] != 0 && u[1] != 0)
		cs[0] = '\0';
	*skipp = skip;
	return classify(cs);
}

void
encoding_to_utf8(struct buf *out, const char *data, size_t len,
    const char *http_charset)
{
	const unsigned char *u = (const unsigned char *)data;
	char	 cs[64];
	size_t	 skip;

	buf_grow(out, len);	/* most documents are UTF-8: one allocation */
	switch (detect(data, len, http_charset, cs, sizeof(cs), &skip)) {
	case CS_UTF8:
		put_utf8(out, u + skip, len - skip);
		break;
	case CS_LATIN1:
		put_latin1(out, u + skip, len - skip);
		break;
	case CS_OTHER:
		if (put_iconv(out, data + skip, len - skip, cs) == -1)
			put_utf8(out, u + skip, len - skip);
		break;
	}
}


int
encoding_is_utf8(const char *data, size_t len, const char *http_charset)
{
	const unsigned char *p = (const unsigned char *)data;
	char	 cs[64];
	size_t	 skip, i = 0, n;

	if (detect(data, len, http_charset, cs, sizeof(cs), &skip) !=
	    CS_UTF8 || skip != 0)
		return 0;
	/* the scan of put_utf8(), without the copy */
	for (;;) {
#ifdef CRIER_SSE2
		/* 16 at a time: non-ASCII or NUL */
		while (len - i >= 16) {
			__m128i	v = _mm_loadu_si128((const void *)(p + i));
			__m128i	z = _mm_cmpeq_epi8(v, _mm_setzero_si128());
			int	k = _mm_movemask_epi8(v) | _mm_movemask_epi8(z);

			if (k != 0 && !simd_utf8_block2(v, _mm_andnot_si128(
			    _mm_or_si128(z, _mm_cmplt_epi8(v,
			    _mm_setzero_si128())), _mm_set1_epi8((char)0xff)),
			    0)) {
				i += (size_t)__builtin_ctz((unsigned)k);
				break;
			}
			i += 16;
		}
#endif
		while (len - i >= 8) {
			uint64_t v, m;

			memcpy(&v, p + i, sizeof(v));
			/* NUL or non-ASCII; the lowest flag is exact */
			m = (v | ((v - SIMD_ONES) & ~v)) &
			    SIMD_HIGHS;
			if (m != 0) {
				i += simd_skip8(m);
				break;
			}
			i += 8;
		}
		while (i < len && p[i] < 0x80 && p[i] != 0)
			i++;
		if (i < len && p[i] >= 0x80 &&
		    (n = utf8_seq(p + i, len - i)) > 0) {
			i += n;
			/* text that is not ASCII: characters in a row */
			while (i < len && p[i] >= 0x80 &&
			    (n = utf8_seq(p + i, len - i)) > 0)
				i += n;
			continue;
		}
		return i == len;
	}
}

/* ---- repair of values already in UTF-8 ---- */

/* the byte at *ip of s[0..len) read as Latin-1-in-UTF-8 (see encoding_fix_text) */
static unsigned char
latin1_next(const unsigned char *p, size_t *ip)
{
	size_t i = (*ip)++;

	if (p[i] < 0x80)
		return p[i];
	(*ip)++;
	return (unsigned char)(((p[i] & 0x03) << 6) | (p[i + 1] & 0x3f));
}

/*
 * 1 if the bytes that the U+0000-U+00FF text p[0..len) stands for are
 * valid UTF-8.  Stops at the first invalid sequence: for most text, which
 * is not doubly encoded, that is the first accented letter.
 */
static int
latin1_is_utf8(const unsigned char *p, size_t len)
{
	unsigned char	 d[4];
	size_t		 i = 0, j, k, n;

	while (i < len) {
		j = i;
		for (k = 0; k < sizeof(d) && j < len; k++)
			d[k] = latin1_next(p, &j);
		if (d[0] < 0x80) {
			(void)latin1_next(p, &i);
			continue;
		}
		n = utf8_valid_prefix(d, k);
		if (n == 0)
			return 0;
		while (n-- > 0)
			(void)latin1_next(p, &i);
	}
	return 1;
}

/* the end of the ASCII run of p[i..len) */
static inline size_t
ascii_prefix(const unsigned char *p, size_t i, size_t len)
{
	uint64_t v;

	while (len - i >= 8) {
		memcpy(&v, p + i, sizeof(v));
		if ((v &= SIMD_HIGHS) != 0) {
			i += simd_skip8(v);
			break;
		}
		i += 8;
	}
	while (i < len && p[i] < 0x80)
		i++;
	return i;
}

void
encoding_fix_text(struct buf *b)
{
	const unsigned char	*p = (const unsigned char *)b->s;
	struct buf		 t = BUF_INIT;
	size_t			 i, n;
	int			 high = 0, c1 = 0;

	i = ascii_prefix(p, 0, b->len);
	if (i == b->len)
		return;
	/* all of it in U+0000-U+00FF?  (p[0..i) is ASCII) */
	for (; i < b->len; i++) {
		if (p[i] < 0x80) {
			i = ascii_prefix(p, i, b->len) - 1;
			continue;
		}
		if ((p[i] != 0xc2 && p[i] != 0xc3) || i + 1 >= b->len)
			break;
		if (p[i] == 0xc2 && p[i + 1] < 0xa0)
			c1 = 1;
		high = 1;
		i++;
	}
	if (i == b->len && high && latin1_is_utf8(p, b->len)) {
		/* the Latin-1 bytes */
		for (i = 0; i < b->len; i++) {
			if (p[i] < 0x80)
				buf_addc(&t, p[i]);
			else {
				buf_addc(&t, ((p[i] & 0x03) << 6) |
				    (p[i + 1] & 0x3f));
				i++;
			}
		}
		for (i = 0; i < t.len; i += n) {
			n = utf8_valid_prefix((const unsigned char *)t.s + i,
			    t.len - i);
			if (n == 0)
				break;
		}
		if (i == t.len) {
			buf_release(b);
			*b = t;
			return;
		}
		buf_release(&t);
	}
	if (!c1) {
		const unsigned char *q = p, *end = p + b->len;

		while ((q = memchr(q, 0xc2, (size_t)(end - q))) != NULL &&
		    q + 1 < end && !(q[1] >= 0x80 && q[1] < 0xa0))
			q++;
		if (q == NULL || q + 1 >= end)
			return;
	}
	for (i = 0; i < b->len; i++) {
		if (p[i] == 0xc2 && i + 1 < b->len && p[i + 1] >= 0x80 &&
		    p[i + 1] < 0xa0) {
			utf8_put(&t, cp1252_char(p[i + 1]));
			i++;
		} else
			buf_addc(&t, p[i]);
	}
	buf_release(b);
	*b = t;
}
