/*
 * json.c: JSON output helpers (RFC 8259 string escaping, always valid UTF-8).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "util/json.h"
#include "util/simd.h"
#include "util/str.h"
#include "util/time.h"

/* 1 for the bytes copied as they are: printable ASCII but '"', '\\' and
 * DEL, which a terminal reading the JSON would act on */
static const unsigned char json_plain[256] = {
	['\x20'] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};


/*
 * Bit 7 set in each byte of the 8 at p that json_plain[] does not pass
 * (control, DEL, '"', '\\', non-ASCII).  The lowest flagged byte is exact;
 * bits above it may be false (borrows), never missing.
 */
static inline uint64_t
unplain8(const unsigned char *p)
{
	uint64_t v, q, b, d;

	memcpy(&v, p, sizeof(v));
	q = v ^ (SIMD_ONES * '"');
	b = v ^ (SIMD_ONES * '\\');
	d = v ^ (SIMD_ONES * 0x7f);
	return (v | ((v - SIMD_ONES * 0x20) & ~v) | ((q - SIMD_ONES) & ~q) |
	    ((b - SIMD_ONES) & ~b) | ((d - SIMD_ONES) & ~d)) & SIMD_HIGHS;
}


/* the first byte in [p, end) json_plain[] does not pass, or end (valid
 * two-byte UTF-8 but C1 controls may be passed too) */
static inline const unsigned char *
skip_plain(const unsigned char *p, const unsigned char *end)
{
	uint64_t m;

#ifdef CRIER_SSE2
	/* 16 at a time: control and non-ASCII (signed < 0x20), '"', '\\' */
	while (end - p >= 16) {
		__m128i	v = _mm_loadu_si128((const void *)p);
		__m128i	f = _mm_or_si128(
		    _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
		    _mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f))),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
		int	k = _mm_movemask_epi8(f);

		if (k != 0 && !simd_utf8_block2(v, _mm_cmpeq_epi8(f,
		    _mm_setzero_si128()), 1))
			return p + __builtin_ctz((unsigned)k);
		p += 16;
	}
#endif
	while (end - p >= 8) {
		if ((m = unplain8(p)) != 0) {
			p += simd_skip8(m);
			break;
		}
		p += 8;
	}
	while (p < end && json_plain[*p])
		p++;
	return p;
}

void
json_str(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run;
	char	 esc[6];
	size_t	 n;

	/* most strings need no escape: one allocation for all of it */
	(void)buf_grow(b, len + 2);
	buf_addc(b, '"');
	while (p < end) {
		run = p;
		for (;;) {
			p = skip_plain(p, end);
			/* valid UTF-8 stays in the run, often several */
			while (p < end && *p >= 0x80 &&
			    (n = utf8_seq(p, (size_t)(end - p))) != 0 &&
			    !(n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
				p += n;
			if (p >= end || !json_plain[*p])
				break;
		}
		buf_add(b, run, (size_t)(p - run));
		if (p >= end)
			break;
		if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 && p[1] < 0xa0)
			p++;	/* C1 control: escaped as \u0080-\u009f below */
		else if (*p >= 0x80) {
			buf_add(b, "\xef\xbf\xbd", 3);
			p++;
			continue;
		}
		switch (*p) {
		case '"':  buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			buf_add(b, esc, 6);
		}
		p++;
	}
	buf_addc(b, '"');
}

void
json_strz(struct buf *b, const char *s)
{
	json_str(b, s, strlen(s));
}

/*
 * NOTE: keys and numbers are written as they are, not through json_str()
 * and snprintf(): `list --json` and the JSON digest write a dozen keys an
 * item, and the two would be half of the JSON's cost
 */
void
json_obj_key(struct buf *b, int *first, const char *key)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	buf_addc(b, '"');
	buf_adds(b, key);
	buf_add(b, "\":", 2);
}

void
json_obj_str(struct buf *b, int *first, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	json_obj_key(b, first, key);
	json_strz(b, v);
}

void
json_obj_int(struct buf *b, int *first, const char *key, long long v)
{
	char			 num[24], *e = num + sizeof(num);
	unsigned long long	 u;

	json_obj_key(b, first, key);
	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--e = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--e = '-';
	buf_add(b, e, (size_t)(num + sizeof(num) - e));
}

void
json_obj_bool(struct buf *b, int *first, const char *key, int v)
{
	json_obj_key(b, first, key);
	buf_adds(b, v ? "true" : "false");
}

void
json_obj_time(struct buf *b, int *first, const char *key, long long t)
{
	char tmp[32];

	if (t == TIME_NONE)
		return;
	if (time_rfc3339((time_t)t, tmp, sizeof(tmp)) == -1)
		return;
	json_obj_key(b, first, key);
	buf_addc(b, '"');
	buf_add(b, tmp, 20);
	buf_addc(b, '"');
}

void
json_strv(struct buf *b, char *const *v, size_t n)
{
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		json_strz(b, v[i]);
	}
	buf_addc(b, ']');
}
