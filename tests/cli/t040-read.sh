#!/bin/sh
# t040-read.sh: the reading commands on a database `crier poll` filled
# from file:// feeds: list (text, --json, --tag, --feed, --limit),
# show (fields, tag sources, numbered links), feeds, tags, digest
# (groups, "also in:", --tag, marks), a reader on a missing database
# and beside a writer, and a second writer refused.
. "$top_srcdir/tests/cli/lib.sh"

mkdir -p www
cat > www/a.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A own title</title>
<link>https://a.example/</link>
<item><guid>a1</guid><title>Community call on privacy</title>
<link>https://news.example/story?utm_source=feed</link>
<pubDate>Thu, 20 Oct 2022 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Join the &lt;a href="https://a.example/call"&gt;call&lt;/a&gt;
on &lt;b&gt;Thursday&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Bring
&lt;a href="https://a.example/notes"&gt;notes&lt;/a&gt;.&lt;/p&gt;</description></item>
<item><guid>a2</guid><title>Annual report 2022</title>
<link>https://a.example/report</link>
<pubDate>Fri, 21 Oct 2022 09:00:00 GMT</pubDate>
<description>The yearly report.</description></item>
<item><guid>a3</guid><title>Plain news</title>
<link>https://a.example/news</link>
<pubDate>Sat, 22 Oct 2022 09:00:00 GMT</pubDate>
<description>Nothing to tag.</description></item>
</channel></rss>
XML
cat > www/b.atom <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed B</title>
<id>urn:b</id><updated>2022-10-22T00:00:00Z</updated>
<entry><id>urn:b:1</id><title>The same story, relayed</title>
<link href="https://NEWS.example/story#top"/>
<updated>2022-10-19T10:00:00Z</updated><summary>A copy.</summary></entry>
</feed>
XML
A="file://$TMP/www/a.xml"
B="file://$TMP/www/b.atom"
M="file://$TMP/www/missing.xml"
write_conf <<EOF
[feed "$A"]
	title = Alpha Org
[feed "$B"]
[feed "$M"]
[tag "community-call"]
	match = community call
[tag "report"]
	match = report
[digest "weekly"]
EOF

test_expect 'poll fills the database (one feed missing: exit 1)' '
	{ crier poll 2>err; test $? = 1; } &&
	grep "missing.xml" err
'
test_expect 'list prints one line per post, newest first, copies once' '
	crier list >list.out &&
	test $(wc -l <list.out) = 3 &&
	head -n 1 list.out | grep "^2022-10-22 09:00	Alpha Org	Plain news	[0-9][0-9]*\$" &&
	tail -n 1 list.out | grep "Community call on privacy	[0-9]*	also in: Feed B\$" &&
	! grep "The same story, relayed" list.out &&
	sed -n 2p list.out | grep "Annual report 2022"
'
test_expect 'list --json: one valid object per line as SPEC.md says' '
	crier list --json >list.json &&
	test $(wc -l <list.json) = 4 &&
	$PYTHON -c "
import json, sys
rows = [json.loads(l) for l in open(\"list.json\")]
for r in rows:
    assert isinstance(r[\"id\"], int), r
    assert isinstance(r[\"tags\"], list), r
    assert r[\"unread\"] is True, r
    assert \"event\" not in r, r
    assert r[\"first_seen\"].endswith(\"Z\"), r
    for k, v in r.items():
        assert v is not None and v != \"\", (k, r)
cc = [r for r in rows if r[\"guid\"] == \"a1\"][0]
assert cc[\"feed\"] == \"$A\", cc
assert cc[\"feed_title\"] == \"Alpha Org\", cc
assert cc[\"tags\"] == [\"community-call\"], cc
assert cc[\"published\"] == \"2022-10-20T09:00:00Z\", cc
assert cc[\"link\"] == \"https://news.example/story?utm_source=feed\", cc
assert cc[\"also_in\"] == [\"Feed B\"] and \"copy_of\" not in cc, cc
b = [r for r in rows if r[\"guid\"] == \"urn:b:1\"][0]
assert b[\"feed_title\"] == \"Feed B\" and \"published\" not in b, b
assert b[\"also_in\"] == [\"Alpha Org\"] and b[\"copy_of\"] == cc[\"id\"], b
"
'
test_expect 'list --tag, --feed, --limit, --unread filter' '
	test "$(crier list --tag report | cut -f3)" = "Annual report 2022" &&
	test $(crier list --feed "$B" | wc -l) = 1 &&
	test "$(crier list --limit 1 | cut -f3)" = "Plain news" &&
	test $(crier list --unread | wc -l) = 3 &&
	test -z "$(crier list --tag nosuchtag)"
'
test_expect 'list rejects a bad --limit' '
	{ crier list --limit x; test $? = 2; }
'
id=$(grep "	Community call on privacy	" list.out | cut -f4)
test_expect 'show: fields, tag with its source, body with numbered links' '
	crier show "$id" >show.out &&
	grep "^Title: *Community call on privacy\$" show.out &&
	grep "^Feed: *Alpha Org\$" show.out &&
	grep "^Published: *2022-10-20 09:00 UTC\$" show.out &&
	grep "^Tags: *community-call (" show.out &&
	grep "Join the call\[1\] on Thursday\." show.out &&
	grep "^\[1\] https://a.example/call\$" show.out &&
	grep "^\[2\] https://a.example/notes\$" show.out &&
	! grep "<b>" show.out
'
test_expect 'show of an unknown id fails clearly' '
	! crier show 9999 2>err && grep "9999" err &&
	{ crier show abc; test $? = 2; }
'
test_expect 'feeds: every feed with status, counts and last error' '
	crier feeds >feeds.out &&
	test $(wc -l <feeds.out) = 3 &&
	grep "^$A last=.* status=200 next=.* errors=0 items=3 title=\"Alpha Org\"" feeds.out &&
	grep "^$B .*status=200 .*items=1" feeds.out &&
	grep "^$M .*errors=1 items=0.* error=\"" feeds.out
'
test_expect 'tags: each tag with its count' '
	crier tags >tags.out &&
	printf "community-call\t1\nreport\t1\n" | cmp - tags.out
'
test_expect 'digest: by tag, then feed; a shared link once, with also in' '
	crier digest --since 7d --format text >digest.out &&
	grep -n "^== " digest.out >groups &&
	sed -n 1p groups | grep "== community-call ==" &&
	sed -n 2p groups | grep "== report ==" &&
	sed -n 3p groups | grep "== untagged ==" &&
	test $(grep -c "same story, relayed\|Community call on privacy" digest.out) = 1 &&
	grep "also in: Feed B" digest.out &&
	grep "Plain news" digest.out
'
test_expect 'digest: default window, --tag selects, wraps at 72 columns' '
	crier digest >d2.out &&
	test $(awk "length > 72" d2.out | wc -l) = 0 &&
	crier digest --tag report >d3.out &&
	grep "Annual report 2022" d3.out && ! grep "Plain news" d3.out
'
test_expect 'digest: an empty window says so' '
	crier digest --feed "$M" >d4.out && grep "nothing new" d4.out
'
test_expect 'digest --unsent --mark sends each item once' '
	crier digest --unsent weekly --mark weekly >m1.out &&
	grep "Annual report 2022" m1.out &&
	crier digest --unsent weekly --mark weekly >m2.out &&
	grep "nothing new" m2.out
'
test_expect 'digest rejects a bad duration and an unknown format' '
	{ crier digest --since soon; test $? = 2; } &&
	{ crier digest --format nosuch; test $? = 2; }
'
test_expect 'a read command on a missing database prints nothing' '
	"$CRIER" -d "$TMP/none/crier.db" list >none.out &&
	test ! -s none.out && test ! -e "$TMP/none"
'
if command -v flock >/dev/null 2>&1; then
	test_expect 'readers work while another writer holds the lock' '
		flock -n crier.db.lock sh -c "
			echo 4242 >crier.db.lock
			\"$CRIER\" -c feeds.conf -d crier.db list >locked.out &&
			! \"$CRIER\" -c feeds.conf -d crier.db poll --force 2>lock.err
		" &&
		test $(wc -l <locked.out) = 3 &&
		grep "another crier (pid 4242) is writing" lock.err
	'
else
	test_skip 'readers beside a writer' 'no flock(1)'
fi
test_done
