#!/bin/sh
# t020-http.sh: `crier poll` against tests/cli/httpd.py on loopback:
# 200 then 304 with ETag and with Last-Modified (validators sent, nothing
# stored, one request per feed), 301 followed, 404 and 500 reported with
# the URL beside a stored feed, gzip, the timeout, the body cap, redirect
# limits, at most 2 transfers per host, and a second writer refused.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all "no $PYTHON"
data="$top_srcdir/tests/data"
mkdir -p www
cp "$data/poll-a.xml" www/a.xml
cp "$data/poll-b.atom" www/b.atom
cp "$data/poll-a.xml" www/m.xml
cp "$data/poll-a.xml" www/g.xml

"$PYTHON" "$top_srcdir/tests/cli/httpd.py" --root www --port-file port \
	--log req.log --lifetime 120 &
httpd_pid=$!
trap 'kill $httpd_pid 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || test_skip_all "httpd.py did not start"
U="http://127.0.0.1:$(cat port)"

write_conf <<EOF
[crier]
	user-agent = crier-test/1 (+https://example.org/t)
	timeout = 10s
[feed "$U/etag/a.xml"]
[feed "$U/lm/b.atom"]
[feed "$U/moved/both/m.xml"]
[feed "$U/gzip/g.xml"]
[feed "$U/status/404"]
[feed "$U/status/500"]
EOF

crier() { "$CRIER" "$@"; }
nitems() { crier list --json | wc -l | tr -d ' '; }
# requests for PATH in the log (all, or after line $mark)
nreq() { tail -n +$((${mark:-0} + 1)) req.log | grep -c "\"path\": \"$1\""; }
# the last log line for PATH
lastreq() { grep "\"path\": \"$1\"" req.log | tail -n 1; }

mark=0
test_expect 'first poll stores the good feeds, reports 404 and 500, exits 1' '
	{ crier poll 2>err; test $? = 1; } &&
	grep "^crier: $U/status/404: failed (http 404): HTTP 404\$" err &&
	grep "^crier: $U/status/500: failed (http 500): HTTP 500\$" err &&
	test "$(grep -c "^crier: $U.*HTTP" err)" = 2 &&
	test "$(nitems)" = 11
'
test_expect 'one request per feed, the redirect followed once' '
	test "$(nreq /etag/a.xml)" = 1 && test "$(nreq /lm/b.atom)" = 1 &&
	test "$(nreq /moved/both/m.xml)" = 1 &&
	test "$(nreq /both/m.xml)" = 1 && test "$(nreq /gzip/g.xml)" = 1 &&
	test "$(nreq /status/404)" = 1 && test "$(nreq /status/500)" = 1 &&
	test "$(wc -l <req.log)" = 7
'
test_expect 'the configured User-Agent is sent' '
	lastreq /etag/a.xml | grep "\"user_agent\": \"crier-test/1 (+https://example.org/t)\""
'
test_expect 'gzip is accepted and a gzip body is decoded and stored' '
	lastreq /gzip/g.xml | grep "\"encoding\": \"gzip\"" &&
	crier list --json --feed "$U/gzip/g.xml" >g && test "$(wc -l <g)" = 3
'
test_expect 'the items of the 301 feed are stored under the configured URL' '
	crier list --json --feed "$U/moved/both/m.xml" >m &&
	test "$(wc -l <m)" = 3
'
mark=$(wc -l <req.log)
test_expect 'second poll --force: validators sent, 304s, nothing stored' '
	{ crier -v poll --force 2>log; test $? = 1; } &&
	test "$(nitems)" = 11 &&
	grep "$U/etag/a.xml: not modified" log &&
	grep "$U/lm/b.atom: not modified" log &&
	grep "0 new items, 0 updated" log
'
test_expect 'If-None-Match carries the stored ETag' '
	lastreq /etag/a.xml | grep -F "\"if_none_match\": \"\\\"" &&
	lastreq /etag/a.xml | grep "\"status\": 304"
'
test_expect 'If-Modified-Since carries the stored Last-Modified' '
	lastreq /lm/b.atom | grep "\"if_modified_since\": \"[A-Z][a-z][a-z], " &&
	lastreq /lm/b.atom | grep "\"status\": 304"
'
test_expect 'validators are sent after a redirect too' '
	lastreq /both/m.xml | grep "\"status\": 304"
'
test_expect 'the second poll cost one request per feed' '
	test "$(tail -n +$((mark + 1)) req.log | wc -l)" = 7 &&
	test "$(nreq /etag/a.xml)" = 1 && test "$(nreq /gzip/g.xml)" = 1
'
mark=$(wc -l <req.log)
test_expect 'a changed feed behind an ETag is fetched again and updated' '
	cp "$data/poll-a2.xml" www/a.xml &&
	{ crier -v poll --force 2>log; test $? = 1; } &&
	grep "$U/etag/a.xml: 200, 3 items, 0 new, 1 updated" log &&
	test "$(nitems)" = 11 &&
	crier list --json --feed "$U/etag/a.xml" >a &&
	grep "Second post, edited" a
'
test_expect 'the failed feeds do not stop the others: still exit 1 only' '
	grep "^crier: $U/status/404: .*(http 404): HTTP 404" log
'

# a second configuration for the failure modes
mkdir -p two
cat >two/feeds.conf <<EOF
[crier]
	timeout = 2s
	max-size = 64k
[feed "$U/slow/a.xml"]
[feed "$U/huge/300000"]
[feed "$U/hugechunk/300000"]
[feed "$U/loop/0"]
[feed "$U/tofile/etc/passwd"]
[feed "$U/etag/b.atom"]
EOF
crier2() { "$CRIER" -c two/feeds.conf -d two/crier.db "$@"; }

test_expect 'timeouts, caps and bad redirects are reported per feed' '
	start=$(date +%s) &&
	{ crier2 poll 2>err2; test $? = 1; } &&
	end=$(date +%s) && test $((end - start)) -lt 8
'
test_expect 'a slow server hits the timeout' '
	grep "^crier: $U/slow/a.xml: failed (timeout): timed out after 2 s" err2
'
test_expect 'a body over max-size is refused (Content-Length)' '
	grep "^crier: $U/huge/300000: failed (too-large): body larger than 65536 bytes" err2
'
test_expect 'a body over max-size is refused (chunked)' '
	grep "^crier: $U/hugechunk/300000: failed (too-large): body larger than 65536 bytes" err2
'
test_expect 'more than 5 redirects are refused' '
	grep "^crier: $U/loop/0: failed (redirect): too many redirects" err2 &&
	test "$(grep -c "\"path\": \"/loop/" req.log)" = 6
'
test_expect 'a redirect to file:// is refused' '
	grep "^crier: $U/tofile/etc/passwd: failed (redirect): redirect to a protocol" err2
'
test_expect 'the good feed of that poll was stored' '
	"$CRIER" -c two/feeds.conf -d two/crier.db list --json >b &&
	test "$(wc -l <b)" = 2 && test "$(grep -c "^crier: " err2)" = 5
'
test_expect 'a refused connection is reported' '
	printf "[feed \"http://127.0.0.1:1/feed\"]\n" >three.conf &&
	{ "$CRIER" -c three.conf -d three.db poll 2>err3; test $? = 1; } &&
	grep "^crier: http://127.0.0.1:1/feed: failed (connect): connection refused" err3
'

# at most 2 transfers to one host: three slow feeds, 1 s timeout each
cat >four.conf <<EOF
[crier]
	timeout = 1s
	jobs = 8
[feed "$U/slow/a.xml?1"]
[feed "$U/slow/a.xml?2"]
[feed "$U/slow/a.xml?3"]
EOF
test_expect 'at most two transfers run at once to one host' '
	{ "$CRIER" -c four.conf -d four.db poll 2>err4; test $? = 1; } &&
	test "$(grep -c "timed out" err4)" = 3 &&
	grep "\"path\": \"/slow/a.xml?[123]\"" req.log | "$PYTHON" -c "
import json, sys
t = sorted(json.loads(l)[\"t\"] for l in sys.stdin)
sys.exit(0 if len(t) == 3 and t[2] - t[0] >= 0.8 and t[1] - t[0] < 0.5 else 1)"
'

# a second writer: hold the database with a poll of a slow feed
cat >five.conf <<EOF
[crier]
	timeout = 3s
[feed "$U/slow/b.atom?writer"]
EOF
test_expect 'a second concurrent writer is refused with a clear message' '
	"$CRIER" -c five.conf -d five.db poll 2>/dev/null &
	first=$!
	i=0
	while ! grep -q "writer" req.log && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	"$CRIER" -c five.conf -d five.db poll --force 2>err5; rc=$?
	wait $first
	test $rc -ne 0 && grep -i "another crier\|writ\|lock" err5 &&
	test "$(grep -c "writer" req.log)" = 1
'
test_done
