/*
 * simd.h: what the parser's byte-scanning loops share (the UTF-8 check,
 * JSON and HTML escaping, the tokenizer): word-at-a-time constants and,
 * where SSE2 is there (every x86-64) and CRIER_NO_SIMD is not defined, a
 * test that passes runs of two-byte UTF-8 sixteen bytes at a time.
 */
#ifndef CRIER_SIMD_H
#define CRIER_SIMD_H

#include <stddef.h>
#include <stdint.h>

/* every byte 0x01, every byte 0x80: for tests on eight bytes at once */
#define SIMD_ONES	0x0101010101010101ULL
#define SIMD_HIGHS	0x8080808080808080ULL

/*
 * How far into the eight bytes m was made of (m != 0, a flag 0x80 in
 * each byte found) a byte loop can skip: to the first flag on a
 * little-endian machine, where the lowest flag of the borrow tricks is
 * exact; elsewhere none, and the byte loop finds it.
 */
static inline size_t
simd_skip8(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)(__builtin_ctzll(m) >> 3);
#else
	(void)m;
	return 0;
#endif
}

#if defined(__SSE2__) && !defined(CRIER_NO_SIMD)
#include <emmintrin.h>
#define CRIER_SSE2 1

/*
 * Are the 16 bytes v all either ASCII that ascii_ok (0xff bytes) lets
 * pass or whole two-byte UTF-8 sequences (0xc2-0xdf, 0x80-0xbf), the
 * last byte no lead?  c1: 0 to pass U+0080-U+009F, 1 to refuse them.
 * Text in Latin, Greek, Cyrillic, Hebrew, Arabic... passes sixteen bytes
 * at a time.
 */
static inline int
simd_utf8_block2(__m128i v, __m128i ascii_ok, int c1)
{
	__m128i	cont, lead;
	int	mc, ml;

	cont = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xc0)),
	    _mm_set1_epi8((char)0x80));
	lead = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xc1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xe0)));
	if (_mm_movemask_epi8(_mm_or_si128(ascii_ok,
	    _mm_or_si128(lead, cont))) != 0xffff)
		return 0;
	mc = _mm_movemask_epi8(cont);
	ml = _mm_movemask_epi8(lead);
	if (mc != ((ml << 1) & 0xffff) || (ml & 0x8000) != 0)
		return 0;
	/* 0xc2 then 0x80-0x9f */
	return !c1 || _mm_movemask_epi8(_mm_and_si128(
	    _mm_slli_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xc2)), 1),
	    _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xe0)),
	    _mm_set1_epi8((char)0x80)))) == 0;
}

/* bit b set: byte b of v is c */
static inline unsigned
simd_eq16(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

/* bit b set: byte b of v is in [lo, hi], both ASCII (0x80 and up never) */
static inline unsigned
simd_in16(__m128i v, char lo, char hi)
{
	return (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v,
	    _mm_set1_epi8((char)(lo - 1))), _mm_cmplt_epi8(v,
	    _mm_set1_epi8((char)(hi + 1)))));
}

/* v with A-Z lowercased */
static inline __m128i
simd_lower16(__m128i v)
{
	__m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));

	return _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(32)));
}

/*
 * Do the spaces sp (bits) of a block stay as they are when blanks are
 * squeezed: none next to another, and the first byte no space when a
 * space came before (after)?
 */
static inline int
simd_single_spaces(unsigned sp, int after)
{
	return (sp & (sp >> 1)) == 0 && !(after && (sp & 1));
}

/*
 * Bit b set: p[b] is in no word, for sixteen bytes; a word byte is an
 * ASCII letter or digit or any byte from 0x80 (UTF-8), as the word
 * scanners (util/wordlist.h, event.c) have it.
 */
static inline unsigned
simd_nonword16(const unsigned char *p)
{
	__m128i	v = _mm_loadu_si128((const __m128i *)(const void *)p);

	/* letters of either case; bytes from 0x80 are the sign bits */
	return ~(simd_in16(v, '0', '9') | simd_in16(_mm_or_si128(v,
	    _mm_set1_epi8(0x20)), 'a', 'z') |
	    (unsigned)_mm_movemask_epi8(v)) & 0xffff;
}
#endif

#endif
