/*
 * entities.h: the HTML named character references (&nbsp;, &rsquo;, ...)
 * and the decoding of every character reference, named or numeric, as
 * HTML reads it.
 */
#ifndef CRIER_ENTITIES_H
#define CRIER_ENTITIES_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Looks up name[0..len) (without '&' and ';').  Returns the UTF-8 text
 * (a static string) or NULL when the name is unknown.
 */
const char	*entity_lookup(const char *name, size_t len);
/*
 * Decodes the character reference at s[0] == '&' and appends its UTF-8
 * text to b.  Returns the bytes used, 0 when s starts no reference we
 * know (the '&' is then literal).  Numeric references map the C1 range
 * as windows-1252 and give U+FFFD for NUL, controls and code points out
 * of range; named ones need no ';' (HTML decodes the legacy ones
 * without it), except when in_attr and the name is followed by '='.
 */
size_t		 entity_ref(struct buf *b, const char *s, size_t len,
		    int in_attr);

#endif
