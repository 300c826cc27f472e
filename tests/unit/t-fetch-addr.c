/*
 * t-fetch-addr.c: the addresses a redirect from a public feed may not
 * lead to (fetch_addr_private()): loopback, private, shared, link-local
 * (the cloud metadata address among them), "this network", multicast
 * and reserved, in IPv4 and every IPv6 form that carries an IPv4 address;
 * public addresses next to each range's edges stay allowed.
 */
#include "config.h"

#include "fetch.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char	*ip;
	int		 want;
} cases[] = {
	{ "127.0.0.1",		1 },
	{ "127.255.255.254",	1 },
	{ "10.0.0.1",		1 },
	{ "10.255.255.255",	1 },
	{ "172.16.0.1",		1 },
	{ "172.31.255.255",	1 },
	{ "192.168.1.1",	1 },
	{ "169.254.169.254",	1 },	/* cloud metadata */
	{ "169.254.0.1",	1 },
	{ "0.0.0.0",		1 },
	{ "0.1.2.3",		1 },
	{ "100.64.0.1",		1 },
	{ "100.127.255.255",	1 },
	{ "192.0.0.8",		1 },
	{ "198.18.0.1",		1 },
	{ "198.19.255.255",	1 },
	{ "224.0.0.1",		1 },
	{ "239.255.255.250",	1 },
	{ "240.0.0.1",		1 },
	{ "255.255.255.255",	1 },
	{ "::1",		1 },
	{ "::",			1 },
	{ "fc00::1",		1 },
	{ "fd12:3456:789a::1",	1 },
	{ "fe80::1",		1 },
	{ "febf::1",		1 },
	{ "fec0::1",		1 },
	{ "ff02::1",		1 },
	{ "::ffff:127.0.0.1",	1 },
	{ "::ffff:7f00:1",	1 },
	{ "::ffff:169.254.169.254", 1 },
	{ "::ffff:10.1.2.3",	1 },
	{ "::127.0.0.1",	1 },
	{ "64:ff9b::a9fe:a9fe",	1 },	/* NAT64 of 169.254.169.254 */
	{ "64:ff9b::192.168.0.1", 1 },
	{ "8.8.8.8",		0 },
	{ "1.1.1.1",		0 },
	{ "9.255.255.255",	0 },
	{ "11.0.0.0",		0 },
	{ "100.63.255.255",	0 },
	{ "100.128.0.0",	0 },
	{ "126.255.255.255",	0 },
	{ "128.0.0.0",		0 },
	{ "169.253.255.255",	0 },
	{ "169.255.0.0",	0 },
	{ "172.15.255.255",	0 },
	{ "172.32.0.0",		0 },
	{ "192.167.255.255",	0 },
	{ "192.169.0.0",	0 },
	{ "198.17.255.255",	0 },
	{ "198.20.0.0",		0 },
	{ "223.255.255.255",	0 },
	{ "2001:db8::1",	0 },
	{ "2606:4700:4700::1111", 0 },
	{ "::ffff:8.8.8.8",	0 },
	{ "64:ff9b::8.8.8.8",	0 },
	{ "fbff::1",		0 },
	{ "fe00::1",		0 },
	{ "localhost",		-1 },
	{ "127.1",		-1 },	/* inet_pton: no short forms */
	{ "",			-1 },
	{ "1.2.3.4.5",		-1 },
};

int
main(void)
{
	size_t i;

	plan((int)nitems(cases));
	for (i = 0; i < nitems(cases); i++)
		is_int(fetch_addr_private(cases[i].ip), cases[i].want,
		    "'%s'", cases[i].ip);
	return done_testing();
}
