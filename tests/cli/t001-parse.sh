#!/bin/sh
# t001-parse.sh: `crier parse` as a command: exit 0 and output on a feed,
# exit 1 with "crier: FILE: cause" on a file that is no feed or cannot be
# read, exit 2 on usage errors; no config or database is touched.
. "$top_srcdir/tests/cli/lib.sh"

cat >feed.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>T1 feed</title>
<link>https://example.org/</link>
<item><title>only item</title><link>/one</link>
<pubDate>Thu, 20 Oct 2022 11:00:00 +0200</pubDate></item>
</channel></rss>
XML
printf '' >empty.xml
printf '   \n\n' >blank.xml
printf '\x89PNG\r\n\x1a\n\0\0\0binary' >garbage.xml
printf '<?xml version="1.0"?><opml version="2.0"><body/></opml>' >opml.xml
printf '{"hello": "world"}' >plain.json
printf '<!DOCTYPE html><html><body><p>page</p></body></html>' >page.html

test_expect 'a feed parses: exit 0, one JSON object' '
	crier parse --json feed.xml >out 2>err &&
	test ! -s err &&
	grep "^{\"format\":\"rss2.0\",\"feed\":{\"title\":\"T1 feed\"" out &&
	test "$(wc -l <out)" = 1
'
test_expect '--base resolves relative links' '
	crier parse --json --base https://example.org/f.xml feed.xml >out &&
	grep "\"link\":\"https://example.org/one\"" out &&
	crier parse --json feed.xml >out2 &&
	grep "\"link\":\"/one\"" out2
'
test_expect 'the dates are RFC 3339 UTC' '
	crier parse --json feed.xml | grep "\"published\":\"2022-10-20T09:00:00Z\""
'
test_expect 'without --json a readable summary' '
	crier parse feed.xml >out &&
	grep "T1 feed" out && grep "1 entry" out && grep "only item" out &&
	! grep "{" out
'
test_expect 'no config and no database are needed or made' '
	CRIER_CONFIG=/nonexistent/feeds.conf CRIER_DB=$TMP/no.db \
	    crier parse feed.xml >/dev/null && test ! -e no.db
'
for f in empty.xml blank.xml garbage.xml opml.xml plain.json page.html; do
	test_expect_code 1 "$f is no feed: exit 1 and 'crier: FILE: cause'" "
		crier parse --json $f >out 2>err
		rc=\$?
		test ! -s out && grep '^crier: $f: not a feed' err && exit \$rc
	"
done
test_expect 'the HTML page is named as such' '
	crier parse page.html 2>err; grep "HTML document" err
'
test_expect 'the empty file is named as such' '
	crier parse empty.xml 2>err; grep "empty document" err
'
test_expect_code 1 'a missing file: exit 1 with its name' '
	crier parse nosuch.xml 2>err; rc=$?
	grep "^crier: nosuch.xml" err && exit $rc
'
test_expect_code 2 'no FILE is a usage error' 'crier parse 2>err'
test_expect_code 2 'two FILEs are a usage error' 'crier parse feed.xml feed.xml'
test_expect_code 2 'an unknown option is a usage error' \
	'crier parse --frobnicate feed.xml'
test_expect_code 2 '--base without a URL is a usage error' \
	'crier parse feed.xml --base'
test_expect 'the usage message names the command' '
	crier parse 2>err; grep "usage: crier parse" err
'
test_done
