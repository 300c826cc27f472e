/*
 * encoding.h: feed bytes in any charset -> valid UTF-8.
 */
#ifndef CRIER_PARSE_ENCODING_H
#define CRIER_PARSE_ENCODING_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Appends data[0..len) converted to UTF-8 to out.  The charset is taken
 * from, in that order of trust: a byte order mark, http_charset (the HTTP
 * Content-Type parameter, may be NULL), the XML declaration (or a UTF-16/32
 * pattern of "<?xml").  The BOM is dropped.  Bytes that are not valid in
 * that charset are recovered: in UTF-8 and ISO-8859-1 as windows-1252, in
 * others as U+FFFD.  The output is always valid UTF-8.
 */
void	encoding_to_utf8(struct buf *out, const char *data, size_t len,
	    const char *http_charset);
/*
 * 1 when encoding_to_utf8() would append data[0..len) unchanged (UTF-8
 * without a BOM, valid, no NUL): the caller may use the bytes in place.
 */
int	encoding_is_utf8(const char *data, size_t len,
	    const char *http_charset);

/*
 * Repairs what feedparser repairs in every value of a feed, in place: UTF-8
 * that was read as ISO-8859-1 and encoded again (all code points below
 * 256 whose bytes form valid UTF-8), then C1 controls that stand for
 * windows-1252 characters ("don\x92t").  b holds valid UTF-8.
 */
void	encoding_fix_text(struct buf *b);

#endif
