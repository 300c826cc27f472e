#!/bin/sh
# t063-poll-gone-moved.sh: what poll and the daemon do with 410 and with
# permanent redirects, on loopback: a 410 stops the polls of that feed,
# `feeds` says so, and a change to its [feed] section (or a poll naming
# it) tries again; a 301 or 308 seen on 3 polls in a row becomes the URL
# polled (kept in the database, shown by `feeds`; feeds.conf untouched),
# a 302 never does.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/lib-daemon.sh"
cp "$top_srcdir/tests/data/poll-a.xml" www/a.xml
cp "$top_srcdir/tests/data/poll-b.atom" www/b.atom

write_conf <<EOF
[crier]
	timeout = 10s
[feed "$U/moved/plain/a.xml"]
[feed "$U/perm308/plain/b.atom"]
[feed "$U/found/plain/a.xml"]
[feed "$U/status/410"]
EOF
cp "$CRIER_CONFIG" conf.orig

# poll_n N: N rounds of poll --force (a 410 makes each exit 1)
poll_n() {
	k=0
	while [ "$k" -lt "$1" ]; do
		"$CRIER" poll --force 2>>poll.err
		k=$((k + 1))
	done
	return 0
}

test_expect 'a 410: reported, and not polled again' '
	poll_n 1 && grep "status/410: HTTP 410 Gone: no longer polled" poll.err &&
	poll_n 1 && test "$(nreq /status/410)" = 1
'
test_expect 'feeds says it is gone' '
	"$CRIER" feeds >out && grep "status/410 .*status=410.*HTTP 410 Gone" out
'
test_expect 'a poll naming it tries it again' '
	"$CRIER" poll "$U/status/410"; test "$(nreq /status/410)" = 2
'
test_expect 'an edit of its [feed] section: polled again' '
	printf "\ttitle = Gone?\n" >>"$CRIER_CONFIG" &&
	poll_n 1 && test "$(nreq /status/410)" = 3 &&
	poll_n 1 && test "$(nreq /status/410)" = 3
'
test_expect '301 and 308 on 3 polls in a row: polled at the new URL' '
	test "$(nreq /moved/plain/a.xml)" = 3 &&
	test "$(nreq /perm308/plain/b.atom)" = 3 &&
	poll_n 1 && test "$(nreq /moved/plain/a.xml)" = 3 &&
	test "$(nreq /perm308/plain/b.atom)" = 3 &&
	grep "moved/plain/a.xml: moved permanently to $U/plain/a.xml (seen on 3 polls" poll.err
'
test_expect 'feeds shows where it moved; feeds.conf is untouched' '
	"$CRIER" feeds >out &&
	grep "^$U/moved/plain/a.xml .*moved=\"$U/plain/a.xml\"" out &&
	grep "^$U/perm308/plain/b.atom .*moved=\"$U/plain/b.atom\"" out &&
	! grep "found/plain/a.xml .*moved=" out &&
	head -n 6 "$CRIER_CONFIG" | cmp - conf.orig
'
test_expect 'a 302 never moves a feed' '
	test "$(nreq /found/plain/a.xml)" = 5
'
test_expect 'the items stay under the configured URL' '
	"$CRIER" list --json --feed "$U/moved/plain/a.xml" >m &&
	test "$(wc -l <m)" = 3
'
test_done
