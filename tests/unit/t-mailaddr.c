/*
 * tests/unit/t-mailaddr.c: the addresses --to/--from and [digest] to/from
 * take: "addr" or "Name <addr>", comma-separated; a line break, a control
 * character, an empty list or an address that is no local@domain is an
 * error naming the problem (never dropped or replaced when mailing).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "../tap.h"

static const struct {
	const char	*in;
	const char	*want;	/* NULL: valid, else a part of the cause */
} cases[] = {
	{ "team@example.org", NULL },
	{ "Crier Bot <bot@example.org>", NULL },
	{ "\"Team\" <t@example.org>", NULL },
	{ "a@b.org, c@d.org", NULL },
	{ "  a@b.org ,Name <c@d.org>  ", NULL },
	{ "Caf\xc3\xa9 <c@d.org>", NULL },
	{ "a@b.org\r\nBcc: evil@x.org", "line break" },
	{ "a@b.org\nBcc: evil@x.org", "line break" },
	{ "Name <a@b.org>\r", "line break" },
	{ "a@b.org\tx", "control character" },
	{ "a\033@b.org", "control character" },
	{ "", "no address" },
	{ " , ", "no address" },
	{ "bob", "'bob' is not a valid address" },
	{ "@example.org", "not a valid address" },
	{ "bob@", "not a valid address" },
	{ "a@b@c.org", "not a valid address" },
	{ "a b@c.org", "not a valid address" },
	{ "a@.org", "not a valid address" },
	{ "a@b..org", "not a valid address" },
	{ "a@b.org.", "not a valid address" },
	{ "Name <a@b.org", "not a valid address" },
	{ "Name <a@b.org> trailing", "not a valid address" },
	{ "Name <a@b.org>>", "not a valid address" },
	{ "Name <>", "not a valid address" },
	{ "a@b.org, <x>", "'<x>' is not a valid address" },
	{ "\"a,b\"@c.org", "not a valid address" },
	{ "a@b.org;c@d.org", "not a valid address" },
};

int
main(void)
{
	char	*cause;
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cause = NULL;
		rc = str_mail_list_check(cases[i].in, &cause);
		if (cases[i].want == NULL)
			ok(rc == 0 && cause == NULL, "valid: case %zu", i);
		else
			ok(rc == -1 && cause != NULL &&
			    strstr(cause, cases[i].want) != NULL,
			    "invalid (%s): case %zu: %s", cases[i].want, i,
			    cause ? cause : "(no cause)");
		free(cause);
	}
	ok(str_mail_addr_ok("a@b", 3), "addr: a@b");
	ok(!str_mail_addr_ok("a@b", 2), "addr: its length counts");
	return done_testing();
}
