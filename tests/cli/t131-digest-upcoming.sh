#!/bin/sh
# t131-digest-upcoming.sh: digests show each item's event (UTC, and the
# local zone in text) and open with an Upcoming section: the events of
# the next 14 days, soonest first, each once, not past or far ones,
# linking to the item; a digest with none has no Upcoming heading.
. "$top_srcdir/tests/cli/lib.sh"

D="$top_srcdir/tests/data/digest"
now=$(date -u +%s)
# GNU date or BSD date for "in N days"
days() {
	date -u -d "@$((now + $1 * 86400))" "$2" 2>/dev/null ||
	date -u -r "$((now + $1 * 86400))" "$2"
}
D3=$(days 3 '+%d %B %Y') && D6=$(days 6 '+%d %B %Y') &&
	D30=$(days 30 '+%d %B %Y') && Y3=$(days 3 '+%Y-%m-%d') &&
	PUB=$(date -u '+%a, %d %b %Y %H:%M:%S +0000') ||
	test_skip_all 'date(1) cannot compute dates'

mkdir -p www
cat >www/ev.xml <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Events Org</title>
<link>https://ev.example/</link>
<item><guid>later</guid><title>Community call: the later one</title>
<link>https://ev.example/later</link><pubDate>$PUB</pubDate>
<description>Our next community call is on $D6, 15:00-16:00 UTC.</description></item>
<item><guid>sooner</guid><title>Community call: the sooner one</title>
<link>https://ev.example/sooner</link><pubDate>$PUB</pubDate>
<description>Join us for the community call on $D3, 13:00-14:00 UTC.</description></item>
<item><guid>far</guid><title>Community call: the far one</title>
<link>https://ev.example/far</link><pubDate>$PUB</pubDate>
<description>A community call on $D30, 13:00-14:00 UTC.</description></item>
</channel></rss>
EOF
write_conf <<EOF
[feed "file://$TMP/www/ev.xml"]
[feed "file://$D/alpha.xml"]
[tag "community-call"]
	match = community call
EOF

test_expect 'poll' 'crier poll'
test_expect 'text: Upcoming first, soonest first, each once' '
	TZ=America/New_York crier digest --since 100000d >d.txt &&
	up=$(grep -n "^== Upcoming ==" d.txt | cut -d: -f1) &&
	gr=$(grep -n "^== community-call ==" d.txt | cut -d: -f1) &&
	test -n "$up" && test "$up" -lt "$gr" &&
	sed -n "${up},${gr}p" d.txt >up.txt &&
	test $(grep -c "the sooner one" up.txt) = 1 &&
	test $(grep -c "the later one" up.txt) = 1 &&
	test $(grep -n "the sooner one" up.txt | cut -d: -f1) -lt \
		$(grep -n "the later one" up.txt | cut -d: -f1) &&
	! grep "the far one\|privacy" up.txt &&
	grep "^    https://ev.example/sooner\$" up.txt &&
	grep -A1 "^  \* $Y3 13:00 UTC - $Y3 14:00 UTC\$" up.txt |
		grep "^    (.* 0[89]:00 E[SD]T - .* E[SD]T)\$"
'
test_expect 'text: each item shows its start and end, UTC and local' '
	grep "^    event: 2023-10-27 13:00 UTC - 2023-10-27 14:00 UTC\$" d.txt &&
	grep "^           2023-10-27 09:00 EDT - 2023-10-27 10:00 EDT\$" d.txt
'
test_expect 'html: Upcoming links to the entries, which show the times' '
	crier digest --since 100000d --format html >d.html &&
	grep ">Upcoming</h2>" d.html &&
	a=$(grep -o "href=\"#item-[0-9]*\">Community call: the sooner" d.html |
		sed "s/.*#\\(item-[0-9]*\\).*/\\1/") &&
	test -n "$a" && grep "<div id=\"$a\"" d.html &&
	test $(grep -c "href=\"#item-" d.html) = 2 &&
	grep "event: $Y3 13:00 UTC - $Y3 14:00 UTC</div>" d.html
'
test_expect 'markdown and email: Upcoming too' '
	crier digest --since 100000d --format markdown >d.md &&
	grep "^## Upcoming\$" d.md &&
	grep "^- \*\*$Y3 13:00 UTC - $Y3 14:00 UTC\*\* \[Community call: the sooner one\](https://ev.example/sooner)\$" d.md &&
	crier digest --since 100000d --format email >m.eml &&
	grep -c "Upcoming" m.eml >n && test $(cat n) -ge 2
'
write_conf <<EOF
[feed "file://$D/alpha.xml"]
[tag "community-call"]
	match = community call
EOF
test_expect 'no event to come: no Upcoming heading' '
	CRIER_DB="$CRIER_DB.2" && export CRIER_DB && crier poll &&
	crier digest --since 100000d >p.txt &&
	grep "event: 2023-10-27" p.txt &&
	! grep Upcoming p.txt &&
	crier digest --since 100000d --format html >p.html &&
	! grep Upcoming p.html
'
test_done
