#!/bin/sh
# t121-dedup-cross-feed.sh: a post two feeds carry (a mirror on another
# scheme and www., an aggregator linking to the original with tracking
# parameters) is listed and digested once, with "also in"; `show` says
# the key an item is known by and the other feeds that carry it.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99
mkdir -p www

cat > www/site.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Site</title>
<link>https://example.org/</link>
<item><title>Original post</title>
<guid isPermaLink="true">https://example.org/2026/post/</guid>
<link>https://example.org/2026/post/</link>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<description>The post.</description></item>
<item><title>Only here</title><link>https://example.org/2026/other</link>
<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate>
<description>Other.</description></item>
</channel></rss>
XML
cat > www/mirror.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Mirror</title>
<link>https://mirror.example/</link>
<item><title>Original post (mirrored)</title><guid>urn:mirror:1</guid>
<link>http://www.example.org/2026/post</link>
<pubDate>Mon, 02 Nov 2026 12:00:00 GMT</pubDate>
<description>The post.</description></item>
</channel></rss>
XML
cat > www/agg.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Aggregator</title>
<link>https://agg.example/</link>
<item><title>Worth reading: Original post</title><guid>agg-77</guid>
<link>https://example.org/2026/post/?utm_source=agg&amp;utm_medium=rss</link>
<pubDate>Mon, 02 Nov 2026 11:00:00 GMT</pubDate>
<description>Linked.</description></item>
<item><title>Weekly update</title>
<link>https://example.org/2026/post/?page=2</link>
<pubDate>Mon, 02 Nov 2026 11:30:00 GMT</pubDate>
<description>Another page: another post.</description></item>
</channel></rss>
XML
S="file://$TMP/www/site.xml"
M="file://$TMP/www/mirror.xml"
G="file://$TMP/www/agg.xml"
write_conf <<EOF
[feed "$S"]
[feed "$M"]
[feed "$G"]
	title = Agg
EOF

test_expect 'poll stores every copy' '
	crier poll &&
	test "$(crier list --feed "$S" | wc -l)" = 2 &&
	test "$(crier list --feed "$M" | wc -l)" = 1 &&
	test "$(crier list --feed "$G" | wc -l)" = 2
'
test_expect 'list shows the post once, the newest copy, with also in' '
	crier list >l &&
	test "$(wc -l <l)" = 3 &&
	test "$(grep -c "Original post" l)" = 1 &&
	grep "Mirror	Original post (mirrored)	[0-9]*	also in: Agg, Site\$" l &&
	grep "	Weekly update	" l && grep "	Only here	" l
'
test_expect 'list --json: every item, copies with also_in and copy_of' '
	crier list --json >j &&
	test "$(wc -l <j)" = 5 &&
	first=$(grep "\"title\":\"Original post (mirrored)\"" j |
	    sed "s/^{\"id\":\\([0-9]*\\),.*/\\1/") &&
	grep "\"title\":\"Original post (mirrored)\".*\"also_in\":\\[\"Agg\",\"Site\"\\]}\$" j &&
	grep "\"title\":\"Original post\".*\"also_in\":\\[\"Mirror\",\"Agg\"\\],\"copy_of\":$first}" j &&
	grep "\"title\":\"Worth reading: Original post\".*\"copy_of\":$first}" j &&
	! grep "\"title\":\"Only here\".*also_in" j
'
test_expect 'list --limit counts the posts shown' '
	test "$(crier list --limit 2 | wc -l)" = 2 &&
	test "$(crier list --limit 3 | wc -l)" = 3
'
test_expect 'digest shows the post once, with also in' '
	crier digest --since 100d >d &&
	test "$(grep -c "Original post" d)" = 1 &&
	grep "also in:" d | grep Agg | grep Site &&
	grep "Weekly update" d
'
test_expect 'show says the key and the other feeds' '
	id=$(grep "Only here" l | cut -f4) &&
	crier show "$id" >s1 && grep "^Key: *link example.org/2026/other\$" s1 &&
	! grep "^Also in:" s1 &&
	id=$(grep "Original post" l | cut -f4) &&
	crier show "$id" >s2 && grep "^Key: *guid urn:mirror:1\$" s2 &&
	grep "^Also in: *Agg (id [0-9]*)\$" s2 && grep "Site (id [0-9]*)\$" s2
'
test_expect 'show of a permalink guid: the guid as the feed gave it' '
	id=$(crier list --json --feed "$S" | grep "Original post" |
	    sed "s/^{\"id\":\\([0-9]*\\),.*/\\1/") &&
	crier show "$id" >s3 &&
	grep "^Key: *guid https://example.org/2026/post/\$" s3 &&
	grep "^Also in: *Mirror" s3
'
test_expect 'show of an item without guid or link: title and date' '
	cat > www/site.xml <<XML &&
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Site</title>
<item><title>Bare</title><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
<description>No link.</description></item></channel></rss>
XML
	crier poll --force "$S" &&
	id=$(crier list --feed "$S" | grep Bare | cut -f4) &&
	crier show "$id" | grep "^Key: *title and date\$"
'
# past 64 items the list reads the shared links once (store_item_copies())
test_expect 'a long list: every shared post once, with also in' '
	i=0 && { echo "<rss version=\"2.0\"><channel><title>Big</title>" &&
	while [ $i -lt 90 ]; do
		echo "<item><title>Big $i</title><guid>big-$i</guid>" &&
		echo "<link>https://big.example/p/$i/</link>" &&
		echo "<pubDate>Mon, 02 Nov 2026 09:$((i % 60)):00 GMT</pubDate>" &&
		echo "</item>" && i=$((i + 1)); done &&
	echo "<item><title>Big alone</title><link>https://big.example/alone</link>" &&
	echo "<pubDate>Sun, 01 Nov 2026 09:00:00 GMT</pubDate></item>" &&
	echo "</channel></rss>"; } > www/big.xml &&
	sed -e "s,https://big,http://www.big,; s,<guid>big,<guid>bigm," \
	    -e "/Big alone/d; /Sun, 01 Nov/d; s,<title>Big,<title>Mirror big," \
	    www/big.xml > www/bigm.xml &&
	printf "[feed \"file://%s\"]\n" "$TMP/www/big.xml" "$TMP/www/bigm.xml" \
	    >>"$CRIER_CONFIG" &&
	crier poll &&
	crier list --json >bj &&
	test "$(grep -ci "Big [0-9]" bj)" -eq 180 &&
	test "$(grep -i "Big [0-9]" bj | grep -c "\"also_in\":\\[")" -eq 180 &&
	test "$(grep -i "Big [0-9]" bj | grep -c "\"copy_of\":")" -eq 90 &&
	! grep "Big alone" bj | grep also_in &&
	crier list >bl &&
	test "$(grep -ci "Big [0-9]" bl)" -eq 90 &&
	test "$(grep -i "Big [0-9]" bl | grep -c "also in:")" -eq 90 &&
	grep "Big alone" bl | grep -v "also in"
'
test_expect 'a re-poll of the unchanged feeds adds nothing' '
	crier poll --force && crier list --json >bj2 && cmp bj bj2
'
test_done
