/*
 * entities.h: the HTML 4/5 named character references that XML does not
 * define (&nbsp;, &rsquo;, ...).
 */
#ifndef CRIER_ENTITIES_H
#define CRIER_ENTITIES_H

#include <stddef.h>

/*
 * Looks up name[0..len) (without '&' and ';').  Returns the UTF-8 text
 * (a static string) or NULL when the name is unknown.
 */
const char	*entity_lookup(const char *name, size_t len);

#endif
