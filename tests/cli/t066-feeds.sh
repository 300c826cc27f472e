#!/bin/sh
# t066-feeds.sh: `crier feeds` per feed: URL (and where it moved), title,
# last status and error class, failure streak and since when, last
# success, next poll, gone.  Piped: the key=value lines; --table (what a
# terminal gets): aligned columns fitted to $COLUMNS, hostile titles made
# safe; --json: one object per line with the same facts.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99
: "${PYTHON:=python3}"
. "$top_srcdir/tests/cli/lib-daemon.sh"
cp "$top_srcdir/tests/data/poll-a.xml" www/a.xml
# a title with an escape sequence and a very long run of text
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Evil \033[31mred\033[0m %s</title><item><guid>e1</guid><title>x</title></item></channel></rss>\n' \
    "$(printf 'long%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)" >www/evil.xml

write_conf <<EOF
[crier]
	timeout = 5s
[feed "$U/plain/a.xml"]
	title = Feed A
[feed "$U/moved/plain/evil.xml"]
[feed "$U/status/503"]
[feed "$U/status/410"]
[feed "$U/plain/never.xml"]
	enabled = no
EOF

test_run 'three polls (the 301 moves the feed after 3)' '
	for k in 1 2 3; do "$CRIER" -q poll --force 2>/dev/null; done; true
'
test_expect 'piped: the key=value lines, with class, since and gone' '
	"$CRIER" feeds >lines && cat lines &&
	grep "^$U/plain/a.xml last=20.* status=200 .*errors=0 items=3 title=\"Feed A\"\$" lines &&
	grep "^$U/status/503 .*status=503 .*errors=3 .*error=\"HTTP 503\" class=\"http 503\" since=20[-0-9T:]*Z\$" lines &&
	grep "^$U/status/410 .*status=410.* gone=yes\$" lines &&
	grep "^$U/moved/plain/evil.xml .*moved=\"$U/plain/evil.xml\"" lines &&
	! grep "$(printf "\033")" lines
'
test_expect '--table: a head and one row per feed, fitted to COLUMNS' '
	COLUMNS=70 "$CRIER" feeds --table >table && cat table &&
	head -n 1 table | grep "^STATE  *FAILS  *LAST OK  *NEXT  *ITEMS  *FEED" &&
	"$PYTHON" -c "
import sys
lines = open(\"table\", encoding=\"utf-8\").read().splitlines()
sys.exit(0 if lines and max(len(l) for l in lines) <= 70 else 1)" &&
	! grep "$(printf "\033")" table
'
test_expect '--table: state, streak, last success, next poll' '
	COLUMNS=200 TZ=Europe/Paris "$CRIER" feeds --table >wide && cat wide &&
	grep "^ok 200  *-  *[0-9]*s ago  *in [0-9]*m  *3  *Feed A <$U/plain/a.xml>\$" wide &&
	grep "^http 503  *3  *never  *in [0-9]*[smh]  *0  *$U/status/503\$" wide &&
	grep "^gone  *1  *never  *never  *0  *$U/status/410\$" wide &&
	grep "^    error since 20[0-9]*-[0-9]*-[0-9]* [0-9]*:[0-9]* CES*T: HTTP 503\$" wide &&
	grep "^    moved to $U/plain/evil.xml\$" wide &&
	grep "^off  *-  *never  *never  *0  *$U/plain/never.xml\$" wide &&
	grep "^ok 200 .* Evil .*red.* \(long\)\{20\} <$U/moved/plain/evil.xml>\$" wide
'
test_expect '--table: a narrow terminal cuts the feed column' '
	grep "^ok 200 .* Evil .*…\$" table &&
	test "$(grep -c "…\$" table)" -ge 4
'
test_expect '--json: one object per feed with the same facts' '
	"$CRIER" feeds --json >json && cat json &&
	"$PYTHON" - "$U" <<EOF
import json, sys
u = sys.argv[1]
feeds = {}
for l in open("json"):
    o = json.loads(l)
    feeds[o["url"]] = o
assert len(feeds) == 5, feeds.keys()
a = feeds[u + "/plain/a.xml"]
assert a["title"] == "Feed A" and a["status"] == 200 and a["streak"] == 0
assert a["items"] == 3 and a["gone"] is False and "error" not in a
assert "last_success" in a and "next_poll" in a
b = feeds[u + "/status/503"]
assert b["error_class"] == "http 503" and b["streak"] == 3, b
assert b["failing_since"].endswith("Z") and "last_success" not in b
g = feeds[u + "/status/410"]
assert g["gone"] is True and "next_poll" not in g, g
m = feeds[u + "/moved/plain/evil.xml"]
assert m["effective_url"] == u + "/plain/evil.xml", m
n = feeds[u + "/plain/never.xml"]
assert n["status"] == 0 and n["streak"] == 0
EOF
'
# a terminal: script(1) runs crier on a pty
if script -qc true /dev/null </dev/null >/dev/null 2>&1; then
	E=$(printf "\033")
	test_expect 'on a terminal: the table in colour, a bold head' '
		COLUMNS=90 script -qc "$CRIER feeds" /dev/null </dev/null |
			tr -d "\r" >tty && cat tty &&
		head -n 1 tty | grep "^$E\[1mSTATE" &&
		grep "^$E\[31mhttp 503" tty &&
		grep "^    $E\[31merror since .* UTC: HTTP 503$E\[m\$" tty &&
		grep "^    moved to $U/plain/evil.xml\$" tty &&
		! grep "$E\[3[0-9]mred" tty
	'
	test_expect 'on a terminal with NO_COLOR: plain, fitted' '
		COLUMNS=70 NO_COLOR=1 script -qc "$CRIER feeds" /dev/null \
			</dev/null | tr -d "\r" >tty2 && cat tty2 &&
		head -n 1 tty2 | grep "^STATE  *FAILS  *LAST OK  *NEXT  *ITEMS  *FEED\$" &&
		! grep "$E" tty2 &&
		test $(sed "s/…/./g" tty2 | awk "{ print length }" | sort -n | tail -n 1) -le 70 &&
		grep "^ok 200  *-  *[0-9]*s ago  *in [0-9]*m  *3  *Feed A <" tty2
	'
else
	echo "# script(1) not usable: the terminal cases are not run"
fi
test_expect_code 2 'an unknown option is a usage error' '
	"$CRIER" feeds --bogus
'
test_done
