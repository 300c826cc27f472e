#!/bin/sh
# t021-poll-events.sh: `crier poll` finds the events of the items it
# stores (of tagged ones, a date alone too; of others, a date and time
# ahead of the post), with every kind of zone: a fixed abbreviation, an
# offset, and the zones that need the system's zone data (a city, a
# generic "ET"), which util/tz.c reads from the system's zone files in
# whichever thread extracts the events; and the same events come out of
# a poll of many feeds at once.
. "$top_srcdir/tests/cli/lib.sh"

PY="${PYTHON:-python3}"
for z in Europe/Paris America/New_York; do
	test -r "${TZDIR:-/usr/share/zoneinfo}/$z" ||
		test_skip_all "no zone data for $z"
done
mkdir -p www
item() {	# GUID TITLE TEXT
	printf '<item><guid>%s</guid><title>%s</title>' "$1" "$2"
	printf '<pubDate>Mon, 01 Jul 2030 10:00:00 +0000</pubDate>'
	printf '<description>%s</description></item>\n' "$3"
}
i=0
while [ $i -lt 40 ]; do
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo "<rss version=\"2.0\"><channel><title>Feed $i</title>"
		item "paris-$i" "Community call $i" \
		    "Rendez-vous le 5 décembre 2030 à 15h (heure de Paris)."
		item "et-$i" "Webinar $i" \
		    "Join the community call on July 10, 2030 at 3pm ET."
		item "est-$i" "Community call, fixed $i" \
		    "On 27 October 2030, 9-10AM EST/ 3-4 PM CET."
		item "none-$i" "Community call without a time $i" \
		    "See you on 12 November 2030."
		item "plain-$i" "Nothing to see $i" "On 12 November 2030 at 3pm ET."
		echo '</channel></rss>'
	} >www/f$i.xml
	i=$((i + 1))
done
{
	i=0
	while [ $i -lt 40 ]; do
		echo "[feed \"file://$TMP/www/f$i.xml\"]"
		i=$((i + 1))
	done
	printf '[tag "community-call"]\n\tmatch = community call|webinar\n'
} | write_conf

test_expect 'poll 40 feeds' 'crier poll'
test_expect 'every event, with its zone' '
	crier events --all --format json >ev.json &&
	$PY - <<PYEOF
import json, collections
rows = [json.loads(l) for l in open("ev.json")]
by = collections.defaultdict(list)
for r in rows:
    by[r["guid"].split("-")[0]].append(r["event"])
assert sorted(by) == ["est", "et", "none", "paris", "plain"], sorted(by)
for k, n in by.items():
    assert len(n) == 40, (k, len(n))
assert all(e["start"] == "2030-12-05T14:00:00Z" for e in by["paris"]), by["paris"][0]
assert all(e["start"] == "2030-07-10T19:00:00Z" for e in by["et"]), by["et"][0]
# 27 October 2030: New York is on EDT, Paris back on CET; the zones
# disagree and the first stated wins
assert all(e["start"] == "2030-10-27T13:00:00Z" and
           e["end"] == "2030-10-27T14:00:00Z" for e in by["est"]), by["est"][0]
assert all(e["start"].startswith("2030-11-12") for e in by["none"]), by["none"][0]
# untagged, with a time ahead: kept; 12 November is back on EST
assert all(e["start"] == "2030-11-12T20:00:00Z" for e in by["plain"]), by["plain"][0]
PYEOF
'
test_expect 'the untagged items are stored too' '
	crier list --json >all.json &&
	test $(grep -c "\"guid\":\"plain-" all.json) = 40
'
test_done
