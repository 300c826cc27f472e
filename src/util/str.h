/*
 * str.h: string helpers for untrusted text.
 */
#ifndef CRIER_STR_H
#define CRIER_STR_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* ASCII only, whatever the locale */
static inline int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The length of the valid UTF-8 sequence at p[0..len) when p[0] >= 0x80
 * (2-4), 0 if invalid: no overlong forms, surrogates or code points above
 * U+10FFFF.  Inline for the parser's byte-scanning loops.
 */
static inline size_t
utf8_seq(const unsigned char *p, size_t len)
{
	unsigned c = p[0];

	if (c >= 0xc2 && c <= 0xdf)
		return len >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (len < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
			return 0;	/* overlong, surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (len < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
			return 0;	/* overlong, above U+10FFFF */
		return 4;
	}
	return 0;
}

/*
 * 1 when the valid n-byte UTF-8 sequence at p is a character no feed may
 * send to a terminal: a C1 control (U+0080-U+009F) or a bidirectional
 * override, isolate or mark (U+202A-U+202E, U+2066-U+2069, U+200E,
 * U+200F, U+061C), which reorder what a reader sees around them.
 */
static inline int
utf8_term_control(const unsigned char *p, size_t n)
{
	if (n == 2)
		return (p[0] == 0xc2 && p[1] < 0xa0) ||
		    (p[0] == 0xd8 && p[1] == 0x9c);
	if (n != 3 || p[0] != 0xe2)
		return 0;
	if (p[1] == 0x80)
		return p[2] == 0x8e || p[2] == 0x8f ||
		    (p[2] >= 0xaa && p[2] <= 0xae);
	return p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9;
}

/* length of the valid UTF-8 sequence at p (1-4), 0 if invalid */
size_t	utf8_valid_prefix(const unsigned char *p, size_t len);
/* append the UTF-8 encoding of a code point (invalid ones as U+FFFD) */
void	utf8_put(struct buf *, unsigned long cp);
/* append s with invalid UTF-8 replaced by U+FFFD */
void	utf8_sanitize(struct buf *, const char *s, size_t len);
/* append s for a terminal: C0/C1 controls, escape sequences and bidi
 * controls (utf8_term_control()) removed, tabs and newlines kept,
 * invalid UTF-8 replaced.  The one sanitizer every terminal output uses. */
void	str_term_safe(struct buf *, const char *s, size_t len);
/* 1 when s[0..len) holds what str_term_safe() removes or replaces
 * (tabs and newlines aside): a cheap test before copying */
int	str_term_unsafe(const char *s, size_t len);
/* trim leading and trailing ASCII whitespace in place, returns s */
char	*str_trim(char *s);
/* collapse runs of whitespace into one space, trim; in place */
char	*str_squeeze(char *s);
/* an addr-spec we write into a header: local@domain, printable ASCII,
 * no specials or spaces, one '@', a domain of dot-separated labels */
int	str_mail_addr_ok(const char *a, size_t len);
/*
 * A mail address list as --to/--from and [digest] to/from take it: one
 * or more, comma-separated, each "addr" or "Name <addr>".  0, or -1 with
 * a malloc'd *cause naming the problem (a line break, a control
 * character, an empty list, which address is not valid).
 */
int	str_mail_list_check(const char *s, char **cause);
/* FNV-1a 64-bit: STR_FNV_BASIS, then h = str_fnv1a(h, p, len) per part */
#define STR_FNV_BASIS	0xcbf29ce484222325ULL
uint64_t str_fnv1a(uint64_t h, const void *p, size_t len);
/* FNV-1a 64-bit hash as 16 hex digits into out[17] */
void	str_hash64(const void *, size_t, char out[17]);
/* qsort() and bsearch() order of two uint64_t */
int	str_u64_cmp(const void *, const void *);
/* the first index of v[0..n) (ascending) whose value is not below k */
size_t	str_u32_lower(const uint32_t *v, size_t n, uint32_t k);

#endif
