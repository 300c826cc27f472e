#!/bin/sh
# t080-add-remove.sh: `crier add` subscribes to a feed or to the feeds a
# page links (file:// and loopback HTTP, with the usual paths as a
# fallback), appending a [feed] section and keeping the rest of the file
# byte for byte; it refuses a URL already there.  `crier remove` takes
# the section out again, and with --purge the feed's items; `feeds`
# marks feeds the config no longer has.
. "$top_srcdir/tests/cli/lib.sh"

D="$top_srcdir/tests/data/verbs"
D=$(cd "$D" && pwd)
PAGE="file://$D/page.html"
FEED="file://$D/feed.xml"
ATOM="file://$D/other.atom"
write_conf <<'EOF2'
# my feeds: the comments, the order and the odd spacing stay
[crier]
    jobs = 2   ; two at once

# keep me
[feed "file:///nonexistent/x.xml"]
    title = X
EOF2
cp "$CRIER_CONFIG" orig.conf
chmod 640 "$CRIER_CONFIG"

test_expect 'add a page: its first linked feed, the others named' '
	crier add "$PAGE" --tag site --tag small >out &&
	grep "^added $FEED (Small site posts)\$" out &&
	grep "^also found: $ATOM\$" out &&
	! grep missing.xml out &&
	tail -n 3 "$CRIER_CONFIG" >tail &&
	printf "\n[feed \"%s\"]\n    tags = site small\n" "$FEED" | cmp - tail
'
test_expect 'the rest of the file is byte for byte, the mode kept' '
	head -c $(wc -c <orig.conf) "$CRIER_CONFIG" | cmp - orig.conf &&
	ls -l "$CRIER_CONFIG" | grep "^-rw-r-----"
'
test_expect_code 1 'add refuses a URL already there (canonical form)' '
	crier add "$FEED#again" 2>err; rc=$?; cat err;
	grep "^crier: $FEED#again: already in" err || rc=99; exit $rc
'
test_expect 'add a feed URL with a title that needs quoting' '
	crier add "$ATOM" --title "Comments; \"all\"" >out &&
	grep "^added $ATOM (Small site comments)" out &&
	grep -F "title = \"Comments; \\\"all\\\"\"" "$CRIER_CONFIG" &&
	crier feeds | grep -F "title=\"Comments; \\\"all\\\"\""
'
test_expect_code 2 'add: a bad tag is a usage error' 'crier add --tag "a b" "$FEED"'
test_expect_code 2 'add: a non-feed scheme is a usage error' 'crier add "ftp://x.example/f"'
test_expect_code 2 'add: no URL is a usage error' 'crier add'
test_expect_code 1 'add: a page without feeds says so' '
	printf "<html><p>nothing</p></html>" >plain.html &&
	crier add "file://$TMP/plain.html" 2>err; rc=$?; cat err;
	grep "no feed found" err || rc=99; exit $rc
'
test_expect 'poll, then remove --purge deletes items and the section' '
	crier poll "$FEED" "$ATOM" >/dev/null &&
	crier list | grep -q "First post" &&
	crier remove --purge "$FEED" >out &&
	grep "^removed $FEED" out && grep "^deleted 2 items\$" out &&
	! crier list | grep -q "First post" &&
	! grep -F "$FEED" "$CRIER_CONFIG" &&
	! crier feeds | grep -F "$FEED"
'
if command -v sqlite3 >/dev/null 2>&1; then
	test_expect 'purge leaves the search index in step with the items' '
		test "$(sqlite3 "$CRIER_DB" "SELECT count(*) FROM items_fts_stale")" = 0 &&
		test "$(sqlite3 "$CRIER_DB" "SELECT count(*) FROM items_fts")" = \
		    "$(sqlite3 "$CRIER_DB" "SELECT count(*) FROM items")" &&
		test "$(sqlite3 "$CRIER_DB" "SELECT count(*) FROM items_fts WHERE items_fts MATCH '"'"'post'"'"'")" = 0
	'
fi
test_expect 'remove without --purge keeps the items; feeds marks it' '
	crier remove "$ATOM" >out &&
	crier list | grep -q "A comment" &&
	crier feeds | grep -F "$ATOM" | grep " subscribed=no\$" &&
	! crier feeds | grep -F "x.xml" | grep subscribed=no &&
	cmp "$CRIER_CONFIG" orig.conf
'
test_expect 'remove --purge of a feed only in the database' '
	crier remove --purge "$ATOM" >out && grep "^deleted 1 item\$" out &&
	! crier feeds | grep -F "$ATOM" && ! crier list | grep -q .
'
test_expect_code 1 'remove of an unknown feed fails' 'crier remove "$FEED"'
test_expect 'add creates the XDG config when there is none' '
	mkdir empty && cd empty && (unset CRIER_CONFIG; crier add "$FEED" >out) &&
	grep -F "[feed \"$FEED\"]" "$XDG_CONFIG_HOME/crier/feeds.conf"
'
test_expect 'add through a symbolic link edits its target' '
	cp orig.conf real.conf && ln -s real.conf link.conf &&
	crier -c link.conf add "$FEED" >/dev/null &&
	test -L link.conf && grep -F "$FEED" real.conf
'

# loopback HTTP: a page whose feed is at one of the usual paths
if command -v "$PYTHON" >/dev/null 2>&1; then
	mkdir -p www/top www/site
	cp "$D/other.atom" www/top/atom.xml
	printf "<html><head><title>no links</title></head></html>" \
		>www/site/index.html
	cp "$D/page.html" "$D/feed.xml" www/site/
	"$PYTHON" "$top_srcdir/tests/cli/httpd.py" --root www --port-file port \
		--log req.log --lifetime 60 &
	httpd_pid=$!
	test_cleanup "kill $httpd_pid 2>/dev/null"
	i=0
	while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	U="http://127.0.0.1:$(cat port)"
	write_conf <<EOF2
[crier]
	timeout = 10s
EOF2
	test_expect 'http: a page that links no feed: the usual paths' '
		crier add "$U/plain/site/index.html" >out &&
		grep "^added $U/atom.xml (Small site comments)\$" out &&
		grep -F "[feed \"$U/atom.xml\"]" "$CRIER_CONFIG"
	'
	test_expect 'http: a linked feed resolved against the page' '
		crier add "$U/plain/site/page.html" >out &&
		grep "^added $U/plain/site/feed.xml (Small site posts)\$" out
	'
fi
test_done
