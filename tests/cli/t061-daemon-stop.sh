#!/bin/sh
# t061-daemon-stop.sh: SIGTERM while a transfer hangs (tests/cli/httpd.py
# /slow/, a byte every 0.3 s): the feeds of the round already fetched are
# committed, and visible to a reader, before the round ends (the write
# transaction is not held while the network is waited on); the daemon
# exits 0 within 5 s of SIGTERM, and does so again with SIGINT.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

. "$top_srcdir/tests/cli/lib-daemon.sh"
cp "$top_srcdir/tests/data/poll-a.xml" www/a.xml
cp "$top_srcdir/tests/data/poll-b.atom" www/b.atom

write_conf <<EOF
[crier]
	interval = 1h
	timeout = 60s
[feed "$U/plain/a.xml"]
[feed "$U/slow/b.atom"]
EOF

test_run 'the fast feed is committed while the slow one still drips' '
	"$CRIER" daemon -v 2>daemon.log &
	daemon_pid=$! &&
	wait_for 20 "test \$(nreq /slow/b.atom) = 1" &&
	wait_for 10 "test \$(nitems) = 3"
'
test_run 'SIGTERM in the middle of the transfer: exit 0 within 5 s' '
	kill -0 $daemon_pid &&
	stop_within_5s TERM $daemon_pid && daemon_pid= &&
	grep "notice: crier: stopped" daemon.log && test "$(nitems)" = 3
'
test_run 'SIGINT while it sleeps: exit 0 within 5 s' '
	"$CRIER" daemon 2>daemon2.log &
	daemon_pid=$! &&
	wait_for 10 "grep -q started daemon2.log" &&
	stop_within_5s INT $daemon_pid && daemon_pid=
'
test_done
