#!/bin/sh
# t111-host-spacing.sh: politeness to one server, on loopback: with
# host-spacing set, two requests to one host start at least that far
# apart (and never more than per-host at once); unset, a loopback host
# (the tests' and the bench's) gets none; a bad value is a config error.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99
: "${PYTHON:=python3}"
. "$top_srcdir/tests/cli/lib-daemon.sh"
cp "$top_srcdir/tests/data/poll-a.xml" www/a.xml

# gaps PATTERN: the start times of the requests matching PATTERN, as the
# gaps between consecutive ones in ms, one per line
gaps() {
	grep "\"path\": \"$1" req.log | "$PYTHON" -c "
import json, sys
t = sorted(json.loads(l)[\"t\"] for l in sys.stdin)
for a, b in zip(t, t[1:]):
    print(int((b - a) * 1000))"
}

write_conf <<EOF
[crier]
	host-spacing = 700ms
	per-host = 2
	jobs = 8
[feed "$U/plain/a.xml?1"]
[feed "$U/plain/a.xml?2"]
[feed "$U/plain/a.xml?3"]
[feed "$U/plain/a.xml?4"]
EOF
test_expect 'host-spacing: the requests to one host are spaced' '
	start=$(date +%s) && "$CRIER" -q poll && end=$(date +%s) &&
	test "$(gaps "/plain/a.xml?")" != "" && gaps "/plain/a.xml?" >g &&
	cat g && test "$(wc -l <g)" = 3 &&
	! awk "\$1 < 650 { bad = 1 } END { exit !bad }" g &&
	test $((end - start)) -ge 2 && test $((end - start)) -lt 10
'
test_expect 'all four were stored' '
	test "$("$CRIER" list | wc -l)" -ge 1 &&
	"$CRIER" feeds | grep -c "status=200" | grep -x 4
'
write_conf <<EOF
[crier]
	per-host = 2
	jobs = 8
[feed "$U/plain/a.xml?5"]
[feed "$U/plain/a.xml?6"]
[feed "$U/plain/a.xml?7"]
EOF
test_expect 'unset: no spacing to a loopback host' '
	"$CRIER" -q poll && gaps "/plain/a.xml?[567]" >g2 && cat g2 &&
	test "$(wc -l <g2)" = 2 && awk "\$1 < 500 { ok = 1 } END { exit !ok }" g2
'
for bad in -1s 2m 5x 10xms; do
	write_conf <<EOF
[crier]
	host-spacing = $bad
EOF
	test_expect_code 2 "host-spacing = $bad is a config error" '
		"$CRIER" poll 2>err
	'
done
test_expect 'naming the line and the key' '
	grep "feeds.conf:2: invalid duration for .host-spacing." err
'
test_done
