#!/bin/sh
# t068-private-redirect.sh: a redirect from a public address into a
# private one (loopback, by address, by name, IPv6 and IPv4-mapped) is
# refused at connect time, unless the configured URL is private itself or
# allow-private is set for the feed or in [crier].
#
# Loopback only: tests/cli/hostile.py listens on 127.0.0.1 and 127.0.0.2,
# and CRIER_TEST_PUBLIC_ADDRS=127.0.0.2 makes crier take 127.0.0.2 for a
# public server.  So "$B" plays a public feed and "$A" a private address;
# a refused connection is never opened (no request reaches the server),
# and the rule for other ranges (10/8, 169.254.169.254, fc00::/7 ...) is
# checked as a function by tests/unit/t-fetch-addr.
. "$top_srcdir/tests/cli/lib.sh"

command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all "no $PYTHON"
"$PYTHON" "$top_srcdir/tests/cli/hostile.py" --port-file port \
	--log req.log --lifetime 60 --also 127.0.0.2 &
httpd_pid=$!
test_cleanup 'kill $httpd_pid 2>/dev/null'
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || test_skip_all "hostile.py did not start (127.0.0.2?)"
P=$(cat port)
A="http://127.0.0.1:$P"
B="http://127.0.0.2:$P"
CRIER_TEST_PUBLIC_ADDRS=127.0.0.2
export CRIER_TEST_PUBLIC_ADDRS

write_conf <<EOF
[crier]
	timeout = 5s
[feed "$B/redir?to=$A/ok/lo"]
[feed "$B/redir?to=http://localhost:$P/ok/name"]
[feed "$B/redir?to=http://[::1]:$P/ok/v6"]
[feed "$B/redir?to=http://[::ffff:127.0.0.1]:$P/ok/mapped"]
[feed "$B/redir?to=$B/ok/pub"]
[feed "$A/redir?to=$A/ok/conf"]
[feed "$B/redir?to=$A/ok/allowed"]
	allow-private = true
EOF

test_expect 'the round stores the allowed feeds and refuses the others' '
	{ crier poll 2>err; test $? = 1; } && cat err &&
	crier list --json >list && cat list &&
	grep "healthy pub" list && grep "healthy conf" list &&
	grep "healthy allowed" list && test "$(wc -l <list)" = 9
'
test_expect 'a redirect to 127.0.0.1 is refused, naming the address' '
	grep -F "crier: $B/redir?to=$A/ok/lo: " err | grep -F "redirect to the private address 127.0.0.1 refused"
'
test_expect 'a name that resolves to loopback is refused too' '
	grep -F "crier: $B/redir?to=http://localhost:$P/ok/name: " err | grep -F "redirect to the private address"
'
test_expect '::1 and ::ffff:127.0.0.1 are refused' '
	grep -F "crier: $B/redir?to=http://[::1]:$P/ok/v6: " err | grep -F "redirect to the private address ::1 refused" &&
	grep -F "crier: $B/redir?to=http://[::ffff:127.0.0.1]:$P/ok/mapped: " err | grep -F "redirect to the private address ::ffff:127.0.0.1 refused"
'
test_expect 'exactly the four refused feeds failed' '
	test "$(grep -c "^crier: " err)" = 4
'
test_expect 'no refused request reached the server' '
	! grep "\"path\": \"/ok/\(lo\|name\|v6\|mapped\)\"" req.log &&
	grep "\"path\": \"/ok/allowed\"" req.log
'
test_expect '[crier] allow-private = true lets them through' '
	sed "s/^\[crier\]/[crier]\n\tallow-private = yes/" "$CRIER_CONFIG" >c2 &&
	CRIER_CONFIG=$TMP/c2 crier poll --force 2>err2; cat err2;
	crier list --json >list2 && grep "healthy lo" list2 &&
	grep "healthy name" list2
'
test_expect 'allow-private = false in a feed wins over [crier]' '
	printf "[crier]\n\tallow-private = true\n[feed \"%s\"]\n\tallow-private = false\n" \
	    "$B/redir?to=$A/ok/lo2" >c3 &&
	{ CRIER_CONFIG=$TMP/c3 crier poll 2>err3; test $? = 1; } &&
	grep "private address 127.0.0.1 refused" err3
'
test_expect_code 2 'a bad allow-private value is a config error' '
	printf "[crier]\n\tallow-private = maybe\n" >c4 &&
	CRIER_CONFIG=$TMP/c4 crier poll 2>err4; rc=$?; cat err4;
	grep "c4:2: invalid boolean for .allow-private." err4 && exit $rc
'
test_done
