#!/bin/sh
# t052-events.sh: `crier events`: upcoming events soonest first (a past
# one only with --all), times in UTC and in the local zone (TZ), json as
# `list --json` objects, and RFC 5545 iCalendar: CRLF, folded at 75
# octets, escaped text, UTC or date-only times.
. "$top_srcdir/tests/cli/lib.sh"

PY="${PYTHON:-python3}"
D="$top_srcdir/tests/data/digest"
now=$(date -u +%s)
# GNU date or BSD date for "in N days"
days() {
	date -u -d "@$((now + $1 * 86400))" "$2" 2>/dev/null ||
	date -u -r "$((now + $1 * 86400))" "$2"
}
D1=$(days 20 '+%d %B %Y') && D2=$(days 40 '+%d %B %Y') &&
	Y1=$(days 20 '+%Y%m%d') && Y2=$(days 40 '+%Y%m%d') &&
	PUB=$(date -u '+%a, %d %b %Y %H:%M:%S +0000') ||
	test_skip_all 'date(1) cannot compute dates'
mkdir -p www
cat >www/ev.xml <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Events, Inc; the org</title>
<link>https://ev.example/</link>
<item><guid>later</guid><title>Community call: the later one</title>
<link>https://ev.example/later</link><pubDate>$PUB</pubDate>
<description>Our next community call is on $D2.</description></item>
<item><guid>sooner</guid><title>Community call, sooner; with specials \\ and a very long title that needs folding in iCalendar output é é é</title>
<link>https://ev.example/sooner</link><pubDate>$PUB</pubDate>
<description>Join us for the community call on $D1, 13:00-14:00 UTC.</description></item>
</channel></rss>
EOF
E="file://$TMP/www/ev.xml"
P="file://$D/alpha.xml"
write_conf <<EOF
[feed "$E"]
[feed "$P"]
[tag "community-call"]
	match = community call
EOF

test_expect 'poll' 'crier poll'
test_expect 'events: upcoming only, soonest first, in UTC' '
	crier events >ev.out &&
	test $(grep -c "^  Community call" ev.out) = 2 &&
	head -n 1 ev.out | grep "13:00 UTC - .* 14:00 UTC\$" &&
	sed -n 2p ev.out | grep "sooner" &&
	grep "later one" ev.out && ! grep "privacy" ev.out
'
test_expect 'events: the local zone too' '
	TZ=America/New_York crier events >ny.out &&
	head -n 1 ny.out | grep "UTC  (.* 0[89]:00 E[SD]T - .*E[SD]T)\$"
'
test_expect 'events --all: past events as well' '
	crier events --all >all.out &&
	grep "privacy" all.out &&
	head -n 1 all.out | grep "^2023-10-27 13:00 UTC"
'
test_expect 'events --format json: list --json objects with event' '
	crier events --format json >ev.json &&
	$PY -c "
import json
rows = [json.loads(l) for l in open(\"ev.json\")]
assert len(rows) == 2, rows
assert rows[0][\"event\"][\"start\"].endswith(\"T13:00:00Z\"), rows[0]
assert rows[0][\"event\"][\"end\"].endswith(\"T14:00:00Z\"), rows[0]
assert \"end\" not in rows[1][\"event\"], rows[1]
assert rows[0][\"feed\"] == \"$E\"
"
'
test_expect 'events --format ics: valid RFC 5545' '
	crier events --all --format ics >ev.ics &&
	$PY "$D/check_formats.py" ics ev.ics count=3 &&
	grep -q "^DTSTART:${Y1}T130000Z" ev.ics &&
	grep -q "^DTSTART;VALUE=DATE:$Y2" ev.ics &&
	tr -d "\r\n " <ev.ics | grep -q "SUMMARY:Communitycall\\\\,sooner\\\\;withspecials\\\\\\\\and"
'
test_expect 'events --format ics: UIDs stay the same' '
	crier events --all --format ics | grep "^UID" >uid1 &&
	grep "^UID" ev.ics | cmp - uid1
'
test_expect 'an untagged post with a time ahead keeps its event' '
	cat >www/un.xml <<XML &&
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Untagged</title>
<link>https://un.example/</link>
<item><guid>hearing</guid><title>Public hearing on the data bill</title>
<link>https://un.example/hearing</link><pubDate>$PUB</pubDate>
<description>The committee hears witnesses on $D1 at 10:00 UTC.</description></item>
<item><guid>past</guid><title>What the court said</title>
<link>https://un.example/past</link><pubDate>$PUB</pubDate>
<description>The ruling came on 3 March 2021 at 10:00 UTC.</description></item>
<item><guid>dateonly</guid><title>A date alone</title>
<link>https://un.example/dateonly</link><pubDate>$PUB</pubDate>
<description>The consultation closes on $D2.</description></item>
</channel></rss>
XML
	{ cat "$CRIER_CONFIG"; echo "[feed \"file://$TMP/www/un.xml\"]"; } \
	    >un.conf && CRIER_CONFIG=un.conf crier poll &&
	CRIER_CONFIG=un.conf crier events --all --format json >un.json &&
	$PY -c "
import json
rows = [json.loads(l) for l in open(\"un.json\")]
mine = [r for r in rows if r[\"link\"].startswith(\"https://un.example/\")]
assert [r[\"link\"] for r in mine] == [\"https://un.example/hearing\"], mine
assert mine[0][\"event\"][\"start\"].endswith(\"T10:00:00Z\"), mine
assert not mine[0].get(\"tags\"), mine
"
'
test_expect 'events rejects an unknown format' '
	{ crier events --format xml; test $? = 2; }
'
test_done
