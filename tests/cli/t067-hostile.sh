#!/bin/sh
# t067-hostile.sh: one `crier poll` round against tests/cli/hostile.py, a
# fault-injecting server on loopback, beside two healthy feeds: a slow
# drip, a reset, a short body, 6 GB bodies, a gzip bomb, a redirect loop,
# redirects to file:// and ftp://, 500/503/429, an HTML page, an empty
# 200, invalid XML, billion laughs, an XXE naming a local file, an
# external DTD, a 50 MB feed, an endless feed and an element with 200,000
# attributes.  Each gives its own error or is read within bounds, nothing
# crashes or outlives its timeout, no local file and no DTD is read, the
# peak RSS stays under 100 MB and the healthy feeds are stored.
. "$top_srcdir/tests/cli/lib.sh"

command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all "no $PYTHON"
"$PYTHON" "$top_srcdir/tests/cli/hostile.py" --port-file port \
	--log req.log --lifetime 120 &
httpd_pid=$!
test_cleanup 'kill $httpd_pid 2>/dev/null'
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || test_skip_all "hostile.py did not start"
U="http://127.0.0.1:$(cat port)"

# a local file whose bytes must never reach the database
secret="$TMP/secret.txt"
echo "LOCAL-SECRET-$$-CONTENT" >"$secret"

# URL path and the error expected for it ('' : parsed or an error, both
# fine, but never the secret)
cat >cases <<EOF
drip	timed out
reset	.
short	.
huge	body larger than
hugechunk	body larger than\|timed out
bomb	body larger than
big	body larger than\|timed out
endless	timed out\|body larger than
loop/0	too many redirects
tofile	redirect to a protocol
toftp	redirect to a protocol
status/500	HTTP 500
status/503	HTTP 503
status/429	HTTP 429
html	not a feed: HTML document
empty	not a feed: empty document
invalid	not a feed
attrs/200000	more than 512 attributes
laughs	
xxe?f=$secret	
dtd	
EOF
{
	printf '[crier]\n\ttimeout = 10s\n\tconnect-timeout = 5s\n'
	printf '\tjobs = 24\n\tper-host = 16\n'
	printf '[feed "%s/ok/1"]\n[feed "%s/ok/2"]\n' "$U" "$U"
	cut -f1 cases | while read -r p; do printf '[feed "%s/%s"]\n' "$U" "$p"; done
} | write_conf

# runs crier poll; its peak RSS in kB goes to ./rss: GNU time's %M, else
# the last VmHWM read from /proc while it ran
poll_measured() {
	if [ -x /usr/bin/time ] &&
	    /usr/bin/time -f %M true >/dev/null 2>&1; then
		/usr/bin/time -o rss -f %M "$CRIER" poll 2>err
		return $?
	fi
	"$CRIER" poll 2>err &
	pid=$!
	while kill -0 $pid 2>/dev/null; do
		sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$pid/status \
			>rss.new 2>/dev/null && [ -s rss.new ] && mv rss.new rss
		sleep 0.05
	done
	wait $pid
}

start=$(date +%s)
test_run 'the round ends with exit 1, no crash, within 40 s' '
	poll_measured; rc=$?; end=$(date +%s);
	echo "exit $rc after $((end - start)) s"; cat err;
	test $rc = 1 && test $((end - start)) -le 40
'
test_expect 'the two healthy feeds are stored' '
	crier list >list &&
	test "$(grep -c "healthy 1" list)" = 3 &&
	test "$(grep -c "healthy 2" list)" = 3 &&
	! grep "ok/" err
'
test_expect 'each hostile feed gives its own error' '
	fail=0
	while IFS="	" read -r p want; do
		test -n "$want" || continue
		grep -F "crier: $U/$p: " err >line || { echo "no error for $p"; fail=1; continue; }
		grep -q "$want" line || { echo "$p: want $want:"; cat line; fail=1; }
	done <cases
	test $fail = 0
'
test_expect 'one line per failed feed, each naming its URL' '
	test "$(grep -c "^crier: $U/" err)" = "$(grep -c "^crier: " err)" &&
	test "$(grep -c "^crier: $U/" err)" -ge 18
'
test_expect 'no local file content is stored' '
	! grep -a "LOCAL-SECRET" crier.db* &&
	! crier list | grep "LOCAL-SECRET"
'
test_expect 'the external DTD is never fetched, its entity never used' '
	test -s req.log && ! grep "evil.dtd" req.log &&
	! grep -a "FETCHED-DTD" crier.db*
'
# NOTE: AddressSanitizer's shadow memory and quarantine add their own
asan_kb=0
ldd "$CRIER" 2>/dev/null | grep -q libasan && asan_kb=307200
test_expect 'peak RSS stays under 100 MB' '
	kb=$(tail -n 1 rss); echo "$kb kB (ASan allowance $asan_kb kB)";
	test -n "$kb" && test "$kb" -lt $((102400 + asan_kb))
'
test_expect 'every hostile feed but the parsed ones has an error stored' '
	command -v sqlite3 >/dev/null || { echo "no sqlite3"; exit 1; }
	test "$(sqlite3 crier.db "select count(*) from feeds where
	    error_count > 0 and length(last_error) > 0")" = \
	    "$(grep -c "^crier: $U/" err)"
'
test_done
