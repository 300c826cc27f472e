#!/bin/sh
# t130-tag-signals.sh: the shipped rules tag an announced community call
# and not the thanks for joining it; `show` names the signals behind each
# tag; a user's exclude line vetoes the decision on `retag`; an unknown
# `signals` value is a config error naming file and line.
. "$top_srcdir/tests/cli/lib.sh"

mkdir -p www
{
	echo '<?xml version="1.0" encoding="utf-8"?>'
	echo '<rss version="2.0"><channel><title>Field</title>'
	echo '<item><guid>call</guid><title>Community call: digital ID</title>'
	echo '<pubDate>Mon, 01 Jul 2030 10:00:00 +0000</pubDate>'
	echo '<category>Events</category>'
	echo '<description>Join us on 10 July 2030 at 15:00 UTC. &lt;a href="https://zoom.us/j/1"&gt;Register&lt;/a&gt;</description></item>'
	echo '<item><guid>recap</guid><title>Recording: community call on digital ID</title>'
	echo '<pubDate>Fri, 12 Jul 2030 10:00:00 +0000</pubDate>'
	echo '<description>Thanks to everyone who joined on 10 July 2030.</description></item>'
	echo '</channel></rss>'
} >www/field.xml
F="file://$TEST_TMP/www/field.xml"
{
	printf '[feed "%s"]\n' "$F"
	# the shipped tag rules, as they are
	sed -n '/^\[tag /,$p' "$top_srcdir/feeds.conf"
} | write_conf

id_of() {
	crier list | grep "$1" | cut -f4
}

test_expect 'the shipped rules tag the call, not its recording' '
	crier poll &&
	crier list --tag community-call >l &&
	grep "Community call: digital ID" l &&
	! grep "Recording" l
'
test_expect 'show names the signals and the event' '
	crier show $(id_of "Community call: digital ID") >s &&
	grep "^Tags: *community-call (community-call: signals: +format .community call., +in the title, +invitation .join us., +link .zoom.us/., +category .Events., +date ahead .2030-07-10T15:00:00Z. (score 6))" s &&
	grep "^Event: .*15:00.* UTC" s
'
{
	printf '[feed "%s"]\n' "$F"
	printf '[tag "community-call"]\n\tsignals = community-call\n'
	printf '\texclude = digital id\n'
	printf '[tag "event"]\n\tsignals = event\n'
} | write_conf
test_expect 'an exclude line vetoes the decision' '
	crier retag &&
	crier list --tag community-call >l2 && ! grep "digital ID" l2 &&
	crier list --tag event >l3 && grep "Community call: digital ID" l3
'
printf '[tag "x"]\n\tsignals = maybe\n' | write_conf
test_expect_code 2 'an unknown signals value is a config error' '
	crier poll 2>err; rc=$?; cat err;
	grep "^crier: .*feeds.conf:2: unknown signals .maybe." err && exit $rc
'
test_done
