#!/bin/sh
# t062-daemon-sched.sh: each feed's next poll, as the daemon and poll set
# it, on loopback: the configured interval; raised by Cache-Control:
# max-age, by Expires, by RSS <ttl> and by sy:updatePeriod; capped by
# max-interval; never lowered by a shorter hint; a failed feed retried
# within minutes, not after its whole interval; Retry-After obeyed.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

. "$top_srcdir/tests/cli/lib-daemon.sh"

# feed TITLE [HEAD]: an RSS feed of one item, HEAD inside its channel
feed() {
	printf '<?xml version="1.0"?>\n<rss version="2.0" '
	printf 'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
	printf '<channel><title>%s</title>%s<item><title>%s</title>' \
	    "$1" "$2" "$1"
	printf '<guid>%s</guid></item></channel></rss>\n' "$1"
}
feed plain >www/plain.xml
feed ttl '<ttl>180</ttl>' >www/ttl.xml
feed sy '<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>' >www/sy.xml
feed short '<ttl>1</ttl>' >www/short.xml
feed long '<ttl>100000</ttl>' >www/long.xml

# gap URL: next_poll - last_poll of the feed, in seconds
gap() {
	"$PYTHON" - "$CRIER_DB" "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT next_poll - last_poll FROM feeds WHERE url = ?",
                 (sys.argv[2],)).fetchone()
print(row[0] if row and row[0] is not None else "none")
EOF
}
# within N LO HI: LO <= N <= HI
within() { echo "$1 in [$2, $3]"; [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

write_conf <<EOF
[crier]
	interval = 1h
	max-interval = 10h
	timeout = 10s
[feed "$U/plain/plain.xml"]
[feed "$U/cc/7200/plain.xml"]
[feed "$U/cc/60/plain.xml"]
[feed "$U/expires/10800/plain.xml"]
[feed "$U/plain/ttl.xml"]
[feed "$U/plain/sy.xml"]
[feed "$U/plain/short.xml"]
[feed "$U/plain/long.xml"]
[feed "$U/status/500"]
	interval = 6h
[feed "$U/retry/503"]
EOF

test_run 'the daemon polls every feed once' '
	"$CRIER" daemon 2>daemon.log &
	daemon_pid=$! &&
	wait_for 20 "test \$(nreq /retry/503) = 1 && test \$(nitems) = 8" &&
	wait_for 10 "test \"\$(gap $U/retry/503)\" != none" &&
	stop_within_5s TERM $daemon_pid && daemon_pid=
'
# a success's next poll is up to 5% (at most 180 s) later: the jitter
test_expect 'no hint: the configured interval' '
	within "$(gap $U/plain/plain.xml)" 3600 3780
'
test_expect 'Cache-Control: max-age raises it' '
	within "$(gap $U/cc/7200/plain.xml)" 7200 7380
'
test_expect 'a shorter max-age never lowers it' '
	within "$(gap $U/cc/60/plain.xml)" 3600 3780
'
test_expect 'Expires raises it' '
	within "$(gap $U/expires/10800/plain.xml)" 10790 10990
'
test_expect 'RSS <ttl> raises it' '
	within "$(gap $U/plain/ttl.xml)" 10800 10980
'
test_expect 'sy:updatePeriod / sy:updateFrequency raise it' '
	within "$(gap $U/plain/sy.xml)" 21600 21780
'
test_expect 'a shorter <ttl> never lowers it' '
	within "$(gap $U/plain/short.xml)" 3600 3780
'
test_expect 'a hint is capped by max-interval, the jitter too' '
	test "$(gap $U/plain/long.xml)" = 36000
'
# three feeds of 1 h polled in one round: one gap for all three has a
# chance of 1 in 181^2
test_expect 'feeds of one interval drift apart' '
	a=$(gap $U/plain/plain.xml) && b=$(gap $U/cc/60/plain.xml) &&
	c=$(gap $U/plain/short.xml) && echo "$a $b $c" &&
	! { test "$a" = "$b" && test "$b" = "$c"; }
'
test_expect 'a failed 6 h feed is retried within minutes' '
	within "$(gap $U/status/500)" 240 360
'
test_expect 'Retry-After is obeyed' '
	test "$(gap $U/retry/503)" = 7200
'
test_expect 'the hints hold: a poll right after polls nothing' '
	mark=$(wc -l <req.log) && "$CRIER" -v poll 2>log; rc=$?;
	cat log; test $rc = 0 && test "$(wc -l <req.log)" = "$mark"
'
test_done
