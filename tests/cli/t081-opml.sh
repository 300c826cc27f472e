#!/bin/sh
# t081-opml.sh: `crier import-opml` reads the OPML shapes newsboat,
# FreshRSS, miniflux and Feedly write (title or text, nested folders,
# category paths), appends [feed] sections, skips feeds already there
# and invalid URLs, and says how many; `crier export-opml` writes OPML
# 2.0 that imports back to the same titles, URLs and tags.
. "$top_srcdir/tests/cli/lib.sh"

O="$top_srcdir/tests/data/opml"
write_conf <<'EOF2'
# mine
[crier]
	jobs = 2
EOF2
cp "$CRIER_CONFIG" orig.conf

test_expect 'newsboat: title, text, entities; text that is the URL is no title' '
	crier import-opml "$O/newsboat.opml" >out &&
	grep "^2 feeds added to .*, 0 skipped" out &&
	crier export-opml >e &&
	grep -F "text=\"Alpha &amp; Omega\" title=\"Alpha &amp; Omega\" xmlUrl=\"https://alpha.example.org/feed/\"" e &&
	grep -F "<outline type=\"rss\" text=\"https://beta.example.net/rss.xml\" xmlUrl=" e
'
test_expect 'the config keeps its first lines byte for byte' '
	head -c $(wc -c <orig.conf) "$CRIER_CONFIG" | cmp - orig.conf
'
test_expect 'FreshRSS: folders become tags' '
	crier import-opml "$O/freshrss.opml" >out &&
	grep "^3 feeds added" out &&
	crier export-opml | grep -F "text=\"Gamma Watch\" title=\"Gamma Watch\" xmlUrl=\"https://gamma.example.org/feed.atom\" category=\"/digital-rights\""
'
test_expect 'miniflux: a feed already there (another spelling) is skipped' '
	crier import-opml "$O/miniflux.opml" >out &&
	grep "^2 feeds added to .*, 1 skipped (already subscribed)\$" out &&
	test $(grep -c "alpha.example.org" "$CRIER_CONFIG") = 1
'
test_expect 'Feedly: category paths, an invalid URL skipped' '
	crier import-opml "$O/feedly.opml" >out 2>err &&
	grep "^2 feeds added to .*, 0 skipped (already subscribed), 1 invalid\$" out &&
	grep "^crier: javascript:alert(1): skipped" err &&
	crier export-opml | grep -F "xmlUrl=\"http://kappa.example.net/feed\" category=\"/policy,/events,/calls\""
'
test_expect 'importing the same file again adds nothing' '
	cp "$CRIER_CONFIG" before &&
	crier import-opml "$O/feedly.opml" >out 2>/dev/null &&
	grep "^0 feeds added to .*, 2 skipped" out &&
	cmp before "$CRIER_CONFIG"
'
test_expect 'round trip: export, import elsewhere, export again' '
	crier export-opml >one.opml &&
	printf "[crier]\n" >two.conf &&
	crier -c two.conf import-opml one.opml >out &&
	grep "^9 feeds added" out &&
	crier -c two.conf export-opml >two.opml &&
	cmp one.opml two.opml &&
	crier -c two.conf feeds | grep -c . | grep -x 9
'
test_expect 'export is well-formed XML' '
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout one.opml
	else
		crier import-opml one.opml >/dev/null
	fi
'
test_expect 'export names the site of a polled feed (htmlUrl)' '
	D=$(cd "$top_srcdir/tests/data/verbs" && pwd) &&
	printf "[feed \"file://%s/feed.xml\"]\n" "$D" >h.conf &&
	crier -c h.conf -d h.db export-opml >h1 && ! test -e h.db &&
	! grep htmlUrl h1 &&
	crier -c h.conf -d h.db poll >/dev/null &&
	crier -c h.conf -d h.db export-opml >h2 &&
	grep -F "xmlUrl=\"file://$D/feed.xml\" htmlUrl=\"https://small.example/\"" h2
'
test_expect_code 2 'a file that is no OPML is an error' '
	printf "<rss/>" >x.xml && crier import-opml x.xml
'
test_expect_code 2 'a missing file is an error' 'crier import-opml nope.opml'
test_expect_code 2 'import-opml needs a FILE' 'crier import-opml'
test_expect_code 2 'export-opml takes no argument' 'crier export-opml x'
test_done
