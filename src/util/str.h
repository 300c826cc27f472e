/*
 * str.h: string helpers for untrusted text.
 */
#ifndef CRIER_STR_H
#define CRIER_STR_H

#include <stddef.h>

#include "util/buf.h"

/* length of the valid UTF-8 sequence at p (1-4), 0 if invalid */
size_t	utf8_valid_prefix(const unsigned char *p, size_t len);
/* append the UTF-8 encoding of a code point (invalid ones as U+FFFD) */
void	utf8_put(struct buf *, unsigned long cp);
/* append s with invalid UTF-8 replaced by U+FFFD */
void	utf8_sanitize(struct buf *, const char *s, size_t len);
/* append s for a terminal: C0/C1 controls and escape sequences removed,
 * tabs and newlines kept, invalid UTF-8 replaced */
void	str_term_safe(struct buf *, const char *s, size_t len);
/* trim leading and trailing ASCII whitespace in place, returns s */
char	*str_trim(char *s);
/* collapse runs of whitespace into one space, trim; in place */
char	*str_squeeze(char *s);
int	str_casecmp_prefix(const char *s, const char *prefix);
/* FNV-1a 64-bit hash as 16 hex digits into out[17] */
void	str_hash64(const void *, size_t, char out[17]);

#endif
