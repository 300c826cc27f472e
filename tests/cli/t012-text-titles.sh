#!/bin/sh
# t012-text-titles.sh: titles and summaries a feed gives as plain text (an
# Atom type="text" construct, an RSS title that is not HTML) keep their
# "<" and "&" through the store: `list` and every digest show
# "Using <vector>", where an HTML reading would drop "<vector>" as an
# unknown tag; titles that are HTML still lose their tags.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

A="file://$top_srcdir/tests/data/text-titles.atom"
R="file://$top_srcdir/tests/parse/rss20-title-brackets.xml"
J="file://$top_srcdir/tests/data/jsonfeed-titles.json"
write_conf <<EOF
[feed "$A"]
[feed "$R"]
[feed "$J"]
EOF

crier() { "$CRIER" "$@"; }

test_expect 'the feeds are stored' '
	crier poll 2>log && test "$(crier list --json | wc -l)" -eq 7
'
test_expect 'list shows text titles with their brackets' '
	crier list >list &&
	grep "Using <vector> without <algorithm>" list &&
	grep "Atelier: <comme> &mdash; mardi" list &&
	grep "Notes on <C++> & more" list
'
test_expect 'an HTML title loses its tags, not its text' '
	grep "Bold news" list && ! grep "<b>" list
'
test_expect 'JSON Feed titles: HTML when they look like it, else text' '
	grep "Tom & Jerry	The real deal" list &&
	grep "Why <vector> & <list> differ" list
'
test_expect 'the text digest keeps text titles and summaries as they are' '
	crier digest --since 36500d >digest.txt &&
	grep "Using <vector> without <algorithm>" digest.txt &&
	grep "Notes on <C++>" digest.txt &&
	grep "A summary about <algorithm> and 1 < 2" digest.txt &&
	grep "Compare 1 < 2 with <blink>3</blink>" digest.txt
'
test_expect 'the HTML digest escapes them' '
	crier digest --since 36500d --format html >digest.html &&
	grep "Using &lt;vector&gt; without &lt;algorithm&gt;" digest.html &&
	grep "Atelier: &lt;comme&gt; &amp;mdash; mardi" digest.html &&
	! grep "<vector>" digest.html
'
test_expect 'parse --json gives the text as feedparser does' '
	crier parse --json "$top_srcdir/tests/data/text-titles.atom" >p.json &&
	grep -F "\"title\":\"Using <vector> &mdash; & more\"" p.json
'
test_done
