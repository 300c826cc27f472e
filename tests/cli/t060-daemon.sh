#!/bin/sh
# t060-daemon.sh: `crier daemon` on loopback feeds (tests/cli/httpd.py):
# the first round stores the items; SIGUSR1 polls again and stores a new
# item; an edited config and SIGHUP bring a new feed in; a broken config
# and SIGHUP are reported with FILE:LINE and the daemon goes on; a second
# daemon and a poll beside it are refused with the daemon's pid; readers
# work while it runs; a digest marks what it sent between rounds, and a
# round waits for it; it uses no CPU while it sleeps; SIGTERM ends it
# with 0.  Every wait polls for its condition with a deadline.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

. "$top_srcdir/tests/cli/lib-daemon.sh"

# rss TITLE N: an RSS feed of items 1..N
rss() {
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel>'
	printf '<title>%s</title><link>http://example.org/</link>' "$1"
	i=1
	while [ "$i" -le "$2" ]; do
		printf '<item><title>%s %d</title><guid>%s-%d</guid>' \
		    "$1" "$i" "$1" "$i"
		printf '<link>http://example.org/%s/%d</link></item>' "$1" "$i"
		i=$((i + 1))
	done
	printf '</channel></rss>\n'
}
rss one 2 >www/one.xml
rss two 1 >www/two.xml
rss three 3 >www/three.xml

# CPU ticks (user + system) of a pid
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

write_conf <<EOF
[crier]
	interval = 1h
	timeout = 10s
[digest "weekly"]
[feed "$U/etag/one.xml"]
[feed "$U/plain/two.xml"]
EOF

test_run 'the daemon starts and its first round stores the items' '
	"$CRIER" daemon -v 2>daemon.log &
	daemon_pid=$! &&
	wait_for 20 "test \$(nitems) = 3" &&
	grep "notice: crier: started (pid $daemon_pid)" daemon.log
'
test_expect 'its log lines carry a time and a level' '
	wait_for 10 "grep -q \"feeds polled\" daemon.log" &&
	grep -E "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[-+][0-9]{4} notice: crier: 2 feeds polled: 2 stored" daemon.log
'
test_expect 'readers work while it runs' '
	"$CRIER" list >out && test "$(wc -l <out)" = 3 &&
	"$CRIER" feeds >out && grep one.xml out
'
test_expect_code 1 'a second daemon is refused, naming the running one' '
	timeout 20 "$CRIER" daemon 2>err; rc=$?; cat err;
	grep "pid $daemon_pid" err && exit $rc
'
test_expect_code 1 'a poll beside it is refused, naming the daemon' '
	"$CRIER" poll --force 2>err; rc=$?; cat err;
	grep "pid $daemon_pid" err && exit $rc
'
test_expect 'a digest marks what it sent while the daemon sleeps' '
	"$CRIER" digest --unsent weekly --pipe "cat >sent" &&
	grep "one 1" sent && rm sent &&
	"$CRIER" digest --unsent weekly --pipe "cat >sent" && test ! -e sent
'
test_expect 'a round waits while a digest holds the writer lock' '
	before=$(nreq /etag/one.xml) &&
	{ "$CRIER" digest --since 7d --mark other \
	    --pipe "sleep 2; cat >/dev/null" & } &&
	dpid=$! &&
	wait_for 10 "grep -qx $dpid \"\$CRIER_DB.lock\"" &&
	kill -USR1 $daemon_pid &&
	wait_for 10 "grep -q \"(pid $dpid) is writing.*the round waits\" daemon.log" &&
	test "$(nreq /etag/one.xml)" = "$before" &&
	wait $dpid &&
	wait_for 20 "test \$(nreq /etag/one.xml) -gt $before"
'
test_expect 'it sleeps: no CPU while no feed is due' '
	kill -0 $daemon_pid && a=$(ticks $daemon_pid) && sleep 2 &&
	b=$(ticks $daemon_pid) && echo "$a -> $b" && test $((b - a)) -le 1
'
test_expect 'SIGUSR1 polls every feed now: the new item is stored' '
	rss two 2 >www/two.xml &&
	before=$(nreq /plain/two.xml) &&
	kill -USR1 $daemon_pid &&
	wait_for 20 "test \$(nitems) = 4" &&
	test "$(nreq /plain/two.xml)" -gt "$before" &&
	"$CRIER" list | grep "two 2"
'
test_expect 'SIGHUP with a broken config: FILE:LINE, the old one stays' '
	cp "$CRIER_CONFIG" good.conf &&
	printf "[feed \"%s\"]\n\tinterval = soon\n" "$U/plain/three.xml" \
	    >>"$CRIER_CONFIG" &&
	kill -HUP $daemon_pid &&
	wait_for 20 "grep -q \"not reloaded\" daemon.log" &&
	grep "error: crier: $CRIER_CONFIG:8: " daemon.log &&
	kill -0 $daemon_pid &&
	test "$(nreq /plain/three.xml)" = 0
'
test_expect 'after it, SIGUSR1 still polls the old feeds' '
	before=$(nreq /etag/one.xml) &&
	kill -USR1 $daemon_pid &&
	wait_for 20 "test \$(nreq /etag/one.xml) -gt $before" &&
	test "$(nreq /plain/three.xml)" = 0
'
test_expect 'SIGHUP with a new feed: it is polled, without SIGUSR1' '
	cp good.conf "$CRIER_CONFIG" &&
	printf "[feed \"%s\"]\n" "$U/plain/three.xml" >>"$CRIER_CONFIG" &&
	kill -HUP $daemon_pid &&
	wait_for 20 "test \$(nitems) = 7" &&
	grep "reloaded: 3 feeds" daemon.log
'
test_expect 'SIGHUP with a feed removed: it is polled no more' '
	cp good.conf "$CRIER_CONFIG" &&
	kill -HUP $daemon_pid &&
	wait_for 20 "test \$(grep -c \"reloaded: 2 feeds\" daemon.log) = 1" &&
	before=$(nreq /plain/three.xml) && one=$(nreq /etag/one.xml) &&
	kill -USR1 $daemon_pid &&
	wait_for 20 "test \$(nreq /etag/one.xml) -gt $one" &&
	test "$(nreq /plain/three.xml)" = "$before"
'
test_run 'SIGTERM: exit 0 within 5 s' '
	stop_within_5s TERM $daemon_pid && daemon_pid= &&
	grep "notice: crier: stopped" daemon.log
'
test_expect 'the database is whole afterwards, and poll may write again' '
	"$CRIER" poll --force && test "$(nitems)" -ge 4
'
test_done
