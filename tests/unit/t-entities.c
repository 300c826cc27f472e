/*
 * tests/unit/t-entities.c: named character references resolve to their
 * UTF-8 text; unknown, partial and wrongly cased names do not.
 */
#include "config.h"

#include <string.h>

#include "parse/entities.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char *name, *want;
} cases[] = {
	{ "amp", "&" },
	{ "lt", "<" },
	{ "quot", "\"" },
	{ "apos", "'" },
	{ "nbsp", "\xc2\xa0" },
	{ "rsquo", "\xe2\x80\x99" },
	{ "hellip", "\xe2\x80\xa6" },
	{ "AElig", "\xc3\x86" },
	{ "aelig", "\xc3\xa6" },
	{ "euro", "\xe2\x82\xac" },
	{ "NotEqualTilde", "\xe2\x89\x82\xcc\xb8" },	/* two code points */
	{ "CounterClockwiseContourIntegral", "\xe2\x88\xb3" },	/* longest */
	{ "zwnj", "\xe2\x80\x8c" },
	{ "lang", "\xe2\x8c\xa9" },			/* HTML 4 value */
	{ "Aacute", "\xc3\x81" },			/* first of the table */
	{ "NBSP", NULL },				/* case matters */
	{ "nbs", NULL },				/* a prefix */
	{ "nbspx", NULL },
	{ "nbsp;", NULL },				/* no ';' form */
	{ "bogus", NULL },
	{ "", NULL },
};

int
main(void)
{
	size_t i;

	plan((int)nitems(cases) + 2);
	for (i = 0; i < nitems(cases); i++)
		is_str(entity_lookup(cases[i].name, strlen(cases[i].name)),
		    cases[i].want, "entity '%s'", cases[i].name);
	/* the length bounds the name: "ampxyz" read as "amp" */
	is_str(entity_lookup("ampxyz", 3), "&", "length bounds the name");
	ok(entity_lookup(NULL, 0) == NULL, "NULL name");
	return done_testing();
}
