#!/bin/sh
# t120-dedup-moves.sh: a feed polled before and after a site's move keeps
# its items (issue 13): links and permalink guids from http to https,
# www. added or dropped, a trailing slash, tracking parameters, every
# guid new (a CMS migration).  Each case: the count of items, the link
# shown (the newest the feed gave), the read state and ids kept.  And
# posts that only look alike stay apart: items that all link to the
# home page, a series that reuses one title on other days.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99
mkdir -p www

# mkfeed FILE HOME 'guid|link|title|date' ...: an RSS 2.0 file; an empty
# guid or link is left out, a guid "P:url" is a permalink
mkfeed() {
	file=$1 home=$2
	shift 2
	{
		printf '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n'
		printf '<title>T</title>\n'
		[ -n "$home" ] && printf '<link>%s</link>\n' "$home"
		for it in "$@"; do
			IFS='|' read -r g l t d <<EOI
$it
EOI
			printf '<item><title>%s</title>' "$t"
			case $g in
			P:*) printf '<guid isPermaLink="true">%s</guid>' \
			    "${g#P:}" ;;
			?*) printf '<guid isPermaLink="false">%s</guid>' "$g" ;;
			esac
			[ -n "$l" ] && printf '<link>%s</link>' "$l"
			printf '<pubDate>%s</pubDate>' "$d"
			printf '<description>Body of %s</description></item>\n' "$t"
		done
		printf '</channel></rss>\n'
	} >"$file"
}

D1='Mon, 02 Nov 2026 10:00:00 GMT'
D2='Tue, 03 Nov 2026 10:00:00 GMT'
D3='Wed, 04 Nov 2026 10:00:00 GMT'
D4='Thu, 05 Nov 2026 10:00:00 GMT'

# start NAME: a fresh database and a config with the one feed www/NAME.xml
start() {
	CRIER_DB="$TMP/$1.db"
	export CRIER_DB
	F="file://$TMP/www/$1.xml"
	write_conf <<EOF
[digest "weekly"]
[feed "$F"]
EOF
}
count() { crier list --json | wc -l | tr -d ' '; }
ids() { crier list --json | sed 's/^{"id":\([0-9]*\),.*/\1/' | sort -n | tr '\n' ' '; }
# what list --json says of the item with this title
field() {
	crier list --json | grep "\"title\":\"$1\"" |
	    sed "s/.*\"$2\":\\([^,}]*\\).*/\\1/"
}
# marks the item with this title read: `crier mark` where there is one,
# else the sqlite3 shell
if "$CRIER" mark 2>&1 | grep "unknown command" >/dev/null; then
	command -v sqlite3 >/dev/null 2>&1 ||
	    test_skip_all 'neither crier mark nor the sqlite3 shell'
	mark_read() { sqlite3 "$CRIER_DB" "UPDATE items SET unread = 0 WHERE id = $1"; }
else
	mark_read() { crier mark read "$1"; }
fi
readit() {
	mark_read "$(crier list --json | grep "\"title\":\"$1\"" |
	    sed 's/^{"id":\([0-9]*\),.*/\1/')"
}

test_expect 'http to https: links and permalink guids, one copy' '
	start https &&
	mkfeed www/https.xml http://example.org/ \
	    "P:http://example.org/p/1|http://example.org/p/1|One|$D1" \
	    "P:http://example.org/p/2|http://example.org/p/2|Two|$D2" &&
	crier poll && readit One && before=$(ids) &&
	mkfeed www/https.xml https://example.org/ \
	    "P:https://example.org/p/1|https://example.org/p/1|One|$D1" \
	    "P:https://example.org/p/2|https://example.org/p/2|Two|$D2" &&
	crier -v poll --force 2>log && cat log &&
	test "$(count)" = 2 && test "$(ids)" = "$before" &&
	test "$(field One link)" = "\"https://example.org/p/1\"" &&
	test "$(field One unread)" = false &&
	test "$(field Two unread)" = true
'
test_expect 'http to https: links only, no guid' '
	start https2 &&
	mkfeed www/https2.xml "" "|http://example.org/a|A|$D1" &&
	crier poll && readit A && before=$(ids) &&
	mkfeed www/https2.xml "" "|https://example.org/a|A|$D1" &&
	crier poll --force && test "$(count)" = 1 &&
	test "$(ids)" = "$before" &&
	test "$(field A link)" = "\"https://example.org/a\"" &&
	test "$(field A unread)" = false
'
test_expect 'www. added, then dropped: one copy, the newest link' '
	start www &&
	mkfeed www/www.xml "" "|https://example.org/a|A|$D1" \
	    "P:https://example.org/b|https://example.org/b|B|$D2" &&
	crier poll && readit A && readit B && before=$(ids) &&
	mkfeed www/www.xml "" "|https://www.example.org/a|A|$D1" \
	    "P:https://www.example.org/b|https://www.example.org/b|B|$D2" &&
	crier poll --force && test "$(count)" = 2 &&
	test "$(field A link)" = "\"https://www.example.org/a\"" &&
	test "$(field B link)" = "\"https://www.example.org/b\"" &&
	mkfeed www/www.xml "" "|https://example.org/a|A|$D1" \
	    "P:https://example.org/b|https://example.org/b|B|$D2" &&
	crier poll --force && test "$(count)" = 2 &&
	test "$(ids)" = "$before" &&
	test "$(field A link)" = "\"https://example.org/a\"" &&
	test "$(field A unread)" = false && test "$(field B unread)" = false
'
test_expect 'a trailing slash added: one copy' '
	start slash &&
	mkfeed www/slash.xml "" "|https://example.org/a|A|$D1" \
	    "g1|https://example.org/b|B|$D2" &&
	crier poll && readit A && before=$(ids) &&
	mkfeed www/slash.xml "" "|https://example.org/a/|A|$D1" \
	    "g1|https://example.org/b/|B|$D2" &&
	crier poll --force && test "$(count)" = 2 &&
	test "$(ids)" = "$before" &&
	test "$(field A link)" = "\"https://example.org/a/\"" &&
	test "$(field A unread)" = false
'
test_expect 'tracking parameters added: one copy, other parameters kept' '
	start utm &&
	mkfeed www/utm.xml "" "|https://example.org/?p=1|P1|$D1" \
	    "|https://example.org/?id=5|ID5|$D1" &&
	crier poll && test "$(count)" = 2 && readit P1 && before=$(ids) &&
	mkfeed www/utm.xml "" \
	    "|https://example.org/?p=1&utm_source=rss&fbclid=x|P1|$D1" \
	    "|https://example.org/?id=5&utm_medium=feed&mc_cid=1&_hsenc=2|ID5|$D1" &&
	crier poll --force && test "$(count)" = 2 &&
	test "$(ids)" = "$before" && test "$(field P1 unread)" = false
'
test_expect 'every guid new, links the same: one round, nothing new' '
	start cms &&
	mkfeed www/cms.xml https://example.org/ \
	    "urn:old:1|https://example.org/2026/one|One|$D1" \
	    "urn:old:2|https://example.org/2026/two|Two|$D2" \
	    "urn:old:3|https://example.org/2026/three|Three|$D3" &&
	crier poll && readit One && readit Two &&
	crier digest --mark weekly >/dev/null && before=$(ids) &&
	mkfeed www/cms.xml https://example.org/ \
	    "https://example.org/?p=101|https://example.org/2026/one|One|$D1" \
	    "https://example.org/?p=102|https://example.org/2026/two|Two|$D2" \
	    "https://example.org/?p=103|https://example.org/2026/three|Three|$D3" &&
	crier -v poll --force 2>log && cat log &&
	grep "0 new" log &&
	test "$(count)" = 3 && test "$(ids)" = "$before" &&
	test "$(field One unread)" = false &&
	test "$(field Two unread)" = false &&
	test "$(field Three unread)" = true &&
	test "$(field One guid)" = "\"https://example.org/?p=101\"" &&
	crier digest --unsent weekly >d && ! grep -E "One|Two|Three" d &&
	crier show "$(field One id)" >s &&
	grep "^Key: *guid https://example.org/?p=101\$" s &&
	! grep "^Status:" s
'
test_expect 'a new guid and title, same date, no link: by title and date' '
	start td &&
	mkfeed www/td.xml "" "a1||Notes|$D1" "a2||Other|$D2" &&
	crier poll && readit Notes && before=$(ids) &&
	mkfeed www/td.xml "" "b1||Notes|$D1" "b2||Other|$D2" &&
	crier poll --force && test "$(count)" = 2 &&
	test "$(ids)" = "$before" && test "$(field Notes unread)" = false
'
test_expect 'look-alikes: items that all link to the home page stay apart' '
	start home &&
	mkfeed www/home.xml https://example.org/ \
	    "h1|https://example.org/|First|$D1" \
	    "h2|https://example.org/|Second|$D2" &&
	crier poll && test "$(count)" = 2 &&
	mkfeed www/home.xml https://example.org/ \
	    "h3|https://example.org/|Third|$D3" \
	    "h4|https://example.org/|Fourth|$D4" &&
	crier poll --force && test "$(count)" = 4
'
test_expect 'look-alikes: one shared link, no home link, new guids apart' '
	start shared &&
	mkfeed www/shared.xml "" \
	    "s1|https://example.org/news|Monday|$D1" \
	    "s2|https://example.org/news|Tuesday|$D2" &&
	crier poll && test "$(count)" = 2 &&
	mkfeed www/shared.xml "" "s3|https://example.org/news|Wednesday|$D3" &&
	crier poll --force && test "$(count)" = 3 &&
	mkfeed www/shared.xml "" "s4|https://example.org/news|Thursday|$D4" &&
	crier poll --force && test "$(count)" = 4
'
test_expect 'look-alikes: a series reusing one title on other days' '
	start series &&
	mkfeed www/series.xml "" "w1||Weekly update|$D1" &&
	crier poll && test "$(count)" = 1 &&
	mkfeed www/series.xml "" "w2||Weekly update|$D2" &&
	crier poll --force && test "$(count)" = 2 &&
	mkfeed www/series.xml "" "|https://example.org/news|Weekly update|$D3" \
	    "|https://example.org/news2|Weekly update|$D4" &&
	crier poll --force && test "$(count)" = 4
'
test_expect 'look-alikes: links that differ in a parameter stay apart' '
	start param &&
	mkfeed www/param.xml "" "x1|https://example.org/?p=123|A|$D1" &&
	crier poll &&
	mkfeed www/param.xml "" "x2|https://example.org/?id=5|A|$D1" &&
	crier poll --force && test "$(count)" = 2
'
test_done
