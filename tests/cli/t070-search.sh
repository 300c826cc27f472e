#!/bin/sh
# t070-search.sh: `crier search` on a database `crier poll` filled from
# file:// feeds: ranked (a title match first), words folded (case,
# diacritics), prefixes, a "phrase" kept to its words in a row, the
# filters, the tab-separated lines with an excerpt, --json (the list
# objects with "snippet"), --limit, and a bad query as our error (2).
. "$top_srcdir/tests/cli/lib.sh"

: "${PYTHON:=python3}"

mkdir -p www
cat > www/a.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A</title>
<link>https://a.example/</link>
<item><guid>a1</guid><title>Weekly notes</title>
<link>https://a.example/1</link><author>alice@example.org (Alice Martin)</author>
<pubDate>Thu, 20 Oct 2022 09:00:00 GMT</pubDate>
<description>&lt;p&gt;A long body that mentions &lt;b&gt;privacy&lt;/b&gt; once.&lt;/p&gt;</description></item>
<item><guid>a2</guid><title>Privacy in the city</title>
<link>https://a.example/2</link>
<pubDate>Fri, 21 Oct 2022 09:00:00 GMT</pubDate>
<description>Nothing else here.</description></item>
<item><guid>a3</guid><title>Café culture</title>
<link>https://a.example/3</link>
<pubDate>Sat, 22 Oct 2022 09:00:00 GMT</pubDate>
<description>Coffee and data protection.</description></item>
<item><guid>a4</guid><title>Other</title>
<link>https://a.example/4</link>
<pubDate>Sun, 23 Oct 2022 09:00:00 GMT</pubDate>
<description>protection of data, not the phrase</description></item>
</channel></rss>
XML
write_conf <<EOF
[feed "file://$TMP/www/a.xml"]
[tag "city"]
	match = city
EOF

test_expect 'poll fills the database' '
	crier poll && test "$(crier list | wc -l)" = 4
'
test_expect 'a title match ranks first; lines are DATE FEED TITLE ID EXCERPT' '
	crier search privacy >out &&
	test $(wc -l <out) = 2 &&
	head -n 1 out | cut -f3 | grep -x "Privacy in the city" &&
	sed -n 2p out | cut -f3 | grep -x "Weekly notes" &&
	sed -n 2p out | cut -f5 | grep -x "A long body that mentions privacy once." &&
	! grep "<b>" out && ! grep "$(printf "\033")" out
'
test_expect 'case and diacritics fold; a prefix matches' '
	test "$(crier search CAFE | cut -f3)" = "Café culture" &&
	test "$(crier search café | cut -f3)" = "Café culture" &&
	test "$(crier search "cof*" | cut -f3)" = "Café culture"
'
test_expect 'a quoted phrase needs its words in a row' '
	test "$(crier search "\"data protection\"" | cut -f3)" = "Café culture" &&
	test $(crier search data protection | wc -l) = 2
'
test_expect 'OR, NOT, title: and the filters' '
	test $(crier search "privacy OR coffee" | wc -l) = 3 &&
	test "$(crier search "privacy NOT city" | cut -f3)" = "Weekly notes" &&
	test "$(crier search "title:privacy" | cut -f3)" = "Privacy in the city" &&
	test "$(crier search --tag city privacy | cut -f3)" = "Privacy in the city" &&
	test $(crier search --limit 1 privacy | wc -l) = 1
'
test_expect 'author: filters by the author' '
	test "$(crier search author:alice | cut -f3)" = "Weekly notes" &&
	test "$(crier search privacy author:martin | cut -f3)" = "Weekly notes" &&
	test -z "$(crier search city author:alice)"
'
test_expect '--json: the list objects with a plain snippet' '
	crier search --json privacy >out.json &&
	test $(wc -l <out.json) = 2 &&
	$PYTHON -c "
import json
rows = [json.loads(l) for l in open(\"out.json\")]
assert rows[0][\"title\"] == \"Privacy in the city\", rows
assert rows[1][\"snippet\"] == \"A long body that mentions privacy once.\", rows
for r in rows:
    assert isinstance(r[\"id\"], int) and r[\"unread\"] is True, r
"
'
# a terminal: script(1) runs crier on a pty
if script -qc true /dev/null </dev/null >/dev/null 2>&1; then
	E=$(printf "\033")
	test_expect 'on a terminal: aligned rows, local dates, an excerpt' '
		COLUMNS=60 NO_COLOR=1 TZ=Europe/Paris script -qc \
			"$CRIER search privacy" /dev/null </dev/null |
			tr -d "\r" >tty.out && cat tty.out &&
		test $(wc -l <tty.out) = 4 &&
		! grep "	" tty.out && ! grep "$E" tty.out &&
		sed -n 1p tty.out | grep "^ *[0-9]*  2022-10-21 11:00 CEST  Feed A  Privacy in the city\$" &&
		sed -n 2p tty.out | grep "^    Nothing else here.\$" &&
		sed -n 3p tty.out | grep "^ *[0-9]*  2022-10-20 11:00 CEST  Feed A  Weekly notes\$" &&
		sed -n 4p tty.out | grep "^    A long body that mentions privacy once.\$" &&
		test $(sed "s/…/./g" tty.out | awk "{ print length }" | sort -n | tail -n 1) -le 60
	'
	test_expect 'on a terminal: the words found in bold, unless NO_COLOR' '
		COLUMNS=80 script -qc "$CRIER search privacy" /dev/null \
			</dev/null | tr -d "\r" >c.out && cat -v c.out &&
		grep "^    A long body that mentions $E\[1mprivacy$E\[m once.\$" c.out &&
		grep "^    Nothing else here.\$" c.out &&
		grep "$E\[1;36mFeed A" c.out
	'
	test_expect 'on a terminal: a narrow one cuts the title' '
		COLUMNS=50 NO_COLOR=1 script -qc "$CRIER search privacy" \
			/dev/null </dev/null | tr -d "\r" >n.out && cat n.out &&
		grep "  Feed A  Privacy in the c…\$" n.out &&
		test $(sed "s/…/./g" n.out | awk "{ print length }" | sort -n | tail -n 1) -le 50
	'
else
	echo "# script(1) not usable: the terminal cases are not run"
fi
test_expect '--unread leaves read items out' '
	id=$(crier search "title:privacy" | cut -f4) &&
	crier mark read "$id" &&
	test "$(crier search --unread privacy | cut -f3)" = "Weekly notes"
'
test_expect_code 2 'a bad query is a crier error, not SQLite'"'"'s' '
	crier search "privacy AND" 2>err; rc=$?;
	grep "^crier: invalid search query" err && ! grep -i "fts5\|sqlite" err;
	exit $rc
'
test_expect_code 2 'unbalanced quotes' 'crier search "\"open"'
test_expect_code 2 'no words' 'crier search "..."'
test_expect_code 2 'no query' 'crier search'
test_expect 'search -h prints its usage and exits 0' '
	crier search -h | grep "usage: crier search"
'
test_done
