#!/bin/sh
# t064-digest-beside-poll.sh: exactly once beside a running poll.  A poll
# round is held up by a feed that drips a byte every 0.3 s on loopback;
# `digest --unsent weekly --pipe CMD` started during the round waits for
# the round's writer lock (told at -v), then sends and marks: a second
# digest sends nothing, and no "database is locked" anywhere.  With a
# --wait shorter than the round it stops, naming the poll, sending
# nothing.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99
: "${PYTHON:=python3}"

. "$top_srcdir/tests/cli/lib-daemon.sh"

cat > www/a.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A</title>
<link>https://a.example/</link>
<item><guid>a1</guid><title>First story</title>
<link>https://a.example/1</link><description>One.</description></item>
<item><guid>a2</guid><title>Second story</title>
<link>https://a.example/2</link><description>Two.</description></item>
</channel></rss>
XML
# longer than the drip's 100 bytes: the slow feed never completes
{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel>'
	printf '<title>Slow</title><item><guid>s1</guid><title>Slow'
	printf ' one</title></item></channel></rss>\n'
} > www/s.xml
write_conf <<EOF
[crier]
	timeout = 6s
[feed "$U/plain/a.xml"]
[feed "$U/slow/s.xml"]
[digest "weekly"]
	format = text
EOF

test_run 'a poll round is held up by a dripping feed' '
	{ "$CRIER" poll 2>poll.err & poll_pid=$!; } &&
	wait_for 10 "test \$(nreq /slow/s.xml) -ge 1"
'
test_expect 'the round holds the writer lock' '
	kill -0 $poll_pid && grep -x "$poll_pid" "$CRIER_DB.lock"
'
test_expect_code 1 'digest with a short --wait stops, naming the poll' '
	"$CRIER" digest --unsent weekly --pipe "cat >short.out" \
	    --wait 1s 2>short.err
'
test_expect 'it sent nothing and named the pid' '
	test ! -e short.out && grep "pid $poll_pid" short.err &&
	! grep -i "database is locked" short.err
'
test_expect 'digest --pipe during the round waits, sends and marks' '
	start=$(date +%s) &&
	"$CRIER" -v digest --unsent weekly --pipe "cat >sent1" 2>d1.err &&
	end=$(date +%s) && cat d1.err &&
	echo "start=$start end=$end" >times &&
	grep "waiting up to 300 s" d1.err &&
	grep "First story" sent1 && grep "Second story" sent1 &&
	! grep -i "database is locked" d1.err
'
# the round records the slow feed's failure at its end, after its timeout
test_expect 'the digest ran only once the round had ended' '
	"$CRIER" feeds >feeds.out && grep "/slow/s.xml.* errors=1" feeds.out &&
	. ./times && test $((end - start)) -ge 2
'
test_run 'the poll ends (the slow feed timed out)' '
	wait $poll_pid; test $? -le 1
'
test_expect 'a second digest sends nothing' '
	"$CRIER" digest --unsent weekly --pipe "cat >sent2" 2>d2.err &&
	test ! -e sent2 && ! grep -i "locked" d2.err
'
test_expect 'a new item is sent once' '
	sed "s|</channel>|<item><guid>a3</guid><title>Third story</title></item></channel>|" www/a.xml >www/a.new && mv www/a.new www/a.xml &&
	"$CRIER" poll --force "$U/plain/a.xml" &&
	"$CRIER" digest --unsent weekly --pipe "cat >sent3" &&
	grep "Third story" sent3 && ! grep "First story" sent3 &&
	"$CRIER" digest --unsent weekly --pipe "cat >sent4" && test ! -e sent4
'
test_done
