/*
 * str.h: string helpers for untrusted text.
 */
#ifndef CRIER_STR_H
#define CRIER_STR_H

#include <stddef.h>

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

/* length of the valid UTF-8 sequence at p (1-4), 0 if invalid */
size_t	utf8_valid_prefix(const unsigned char *p, size_t len);
/* append the UTF-8 encoding of a code point (invalid ones as U+FFFD) */
void	utf8_put(struct buf *, unsigned long cp);
/* append s with invalid UTF-8 replaced by U+FFFD */
void	utf8_sanitize(struct buf *, const char *s, size_t len);
/* append s for a terminal: C0/C1 controls and escape sequences removed,
 * tabs and newlines kept, invalid UTF-8 replaced */
void	str_term_safe(struct buf *, const char *s, size_t len);
/*
 * str_term_safe(), and bidirectional overrides, embeddings, isolates and
 * marks removed too (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C),
 * so feed text cannot reorder what a terminal shows (the reader, search)
 */
void	str_term_safe_bidi(struct buf *, const char *s, size_t len);
/* trim leading and trailing ASCII whitespace in place, returns s */
char	*str_trim(char *s);
/* collapse runs of whitespace into one space, trim; in place */
char	*str_squeeze(char *s);
int	str_casecmp_prefix(const char *s, const char *prefix);
/* FNV-1a 64-bit hash as 16 hex digits into out[17] */
void	str_hash64(const void *, size_t, char out[17]);

#endif
