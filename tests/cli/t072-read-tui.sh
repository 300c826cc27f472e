#!/bin/sh
# t072-read-tui.sh: `crier read` driven in tmux (a server of its own, a
# fixed 100x24 window): keys sent, screens captured.  The sources with
# unread counts, the items (an escape sequence and a bidi override in a
# feed's title never reach the terminal; wide characters), an item
# opened (its links numbered, enclosures, and `list --unread` drops
# it), r, / search (an excerpt, the words in bold) and n, o and 1-9
# opening links with $BROWSER (a javascript: link never), A, ? help, a
# resize, a change of read state made while a writer holds the lock
# (saved once it is free), q to quit.
. "$top_srcdir/tests/cli/lib.sh"

command -v tmux >/dev/null 2>&1 || test_skip_all 'no tmux'

mkdir -p www
cat > www/a.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A</title>
<link>https://a.example/</link>
<item><guid>a1</guid><title>Community call on privacy</title>
<link>https://a.example/call</link>
<pubDate>Thu, 20 Oct 2022 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Join the &lt;a href="https://a.example/agenda"&gt;call&lt;/a&gt;
on Thursday.&lt;/p&gt;</description>
<enclosure url="https://a.example/call.mp3" type="audio/mpeg" length="12345"/></item>
<item><guid>a2</guid><title>日本語のニュース wide</title>
<link>javascript:alert(1)</link>
<pubDate>Fri, 21 Oct 2022 09:00:00 GMT</pubDate>
<description>東京</description></item>
</channel></rss>
XML
# JSON Feed keeps a raw ESC and C1 CSI in a title as the store has them
printf '%s' '{"version":"https://jsonfeed.org/version/1.1","title":"Feed J",
"items":[{"id":"j1","title":"Evil \u001b[31mRED\u001b[0m \u009b32mGREEN \u202etxet",
"url":"https://j.example/1","date_published":"2022-10-22T09:00:00Z",
"content_text":"privacy matters"}]}' > www/j.json
write_conf <<EOF
[feed "file://$TMP/www/a.xml"]
	tags = news
[feed "file://$TMP/www/j.json"]
[tag "privacy"]
	match = privacy
	fields = title summary content
EOF
cat > browser.sh <<EOF
#!/bin/sh
printf '%s\n' "\$@" >>"$TMP/opened"
EOF
chmod +x browser.sh

S="crier-t072-$$"
tm() { tmux -L "$S" -f /dev/null "$@"; }
test_cleanup 'tmux -L "$S" kill-server 2>/dev/null'
screen() { tm capture-pane -p -t t; }
# waits (10 s at most) until the screen has the fixed string $1
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "screen has no '$1':"; screen
	return 1
}
keys() { tm send-keys -t t "$@"; sleep 0.2; }

test_expect 'poll fills the database' '
	crier poll && test $(crier list --unread | wc -l) = 3
'
test_run 'crier read starts in a 100x24 terminal' '
	tm new-session -d -s t -x 100 -y 24 \
	    "env LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC \
	    BROWSER=$TMP/browser.sh CRIER_CONFIG=$CRIER_CONFIG \
	    CRIER_DB=$CRIER_DB $CRIER read 2>$TMP/read.err; \
	    echo exit=\$? >$TMP/read.done; sleep 30" &&
	wait_for "All items"
'
test_expect 'the sources: all, unread, tags and feeds with counts' '
	screen >s1 &&
	grep -F "(3/3) All items" s1 && grep -F "(3/3) Unread items" s1 &&
	grep -F "(2/2) news" s1 && grep -F "(2/2) privacy" s1 &&
	grep -F "(2/2) Feed A" s1 && grep -F "(1/1) Feed J" s1
'
test_expect 'the items: no escape sequence or bidi override passes' '
	keys Enter && wait_for "Evil" &&
	tm capture-pane -p -e -t t >s2e && screen >s2 &&
	grep -F "Evil RED" s2 && grep -F "GREEN" s2 &&
	! grep "$(printf "\033")\[3[12]m" s2e &&
	! grep "$(printf "\302\233")" s2e &&
	! grep "$(printf "\342\200\256")" s2e &&
	grep -F "日本語のニュース wide [news]" s2 &&
	grep "^N 2022-10-20  Feed A  *Community call on privacy \[news privacy\]" s2
'
test_expect 'opening an item shows it and marks it read' '
	keys j j Enter && wait_for "Title: Community call on privacy" &&
	screen >s3 &&
	grep -F "Join the call[1] on Thursday." s3 &&
	grep -F "[1] https://a.example/agenda" s3 &&
	grep -F "https://a.example/call.mp3 (audio/mpeg, 12345 bytes)" s3 &&
	test $(crier list --unread | wc -l) = 2 &&
	! crier list --unread | grep -F "Community call"
'
test_expect 'o and 1 open the links with $BROWSER, as one argument' '
	rm -f opened && keys o && keys 1 &&
	i=0; while [ $(cat opened 2>/dev/null | wc -l) -lt 2 ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1)); done;
	printf "https://a.example/call\nhttps://a.example/agenda\n" | cmp - opened
'
test_expect 'a javascript: link is never opened' '
	rm -f opened && keys q k Enter && wait_for "Title: 日本語" &&
	keys o && wait_for "not an http(s) link" && test ! -e opened
'
test_expect 'r toggles the read state in the list and the database' '
	keys q && wait_for "All items" &&
	test $(crier list --unread | wc -l) = 1 &&
	keys r && wait_for "marked unread" &&
	test $(crier list --unread | wc -l) = 2
'
test_expect '/ searches: the results, best first; n opens the next' '
	keys / privacy Enter && wait_for "Search: privacy" &&
	screen >s4 && grep -F "2 matches" s4 &&
	sed -n 2p s4 | grep -F "Community call on privacy" &&
	sed -n 3p s4 | grep -F "Evil" &&
	keys j && wait_for "privacy matters" &&
	tm capture-pane -p -e -t t >s4e && e=$(printf "\033") &&
	grep "matters" s4e |
	    grep -E "$e\[([0-9]+;)*1(;[0-9]+)*m($e\[[0-9;]*m)*privacy" &&
	keys k && keys Enter && wait_for "Title: Community call" &&
	keys n && wait_for "Title: Evil" &&
	test $(crier list --unread | wc -l) = 1
'
test_expect 'a resize lays the article out again' '
	tm resize-window -t t -x 40 -y 12 && sleep 0.3 &&
	wait_for "Title: Evil" && screen >s5 &&
	test $(awk "{ if (length(\$0) > m) m = length(\$0) } END { print m }" s5) -le 40
'
test_expect 'A marks every item of the list read' '
	tm resize-window -t t -x 100 -y 24 && keys q q q &&
	wait_for "Unread items" && keys Enter && wait_for "N 2022" && keys A &&
	wait_for "marked read" &&
	test $(crier list --unread | wc -l) = 0
'
test_expect '? shows the help' '
	keys "?" && wait_for "crier read: keys" && keys q
'
# holds the writer lock as a poll's round does, until "release" appears
cat > hold.py <<'PY'
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, b"%d\n" % os.getpid())
open("held", "w").close()
while not os.path.exists("release"):
	time.sleep(0.05)
PY
test_expect 'beside a writer a change waits, then is saved' '
	command -v "${PYTHON:-python3}" >/dev/null || { echo no python; exit 1; }
	rm -f held release &&
	{ "${PYTHON:-python3}" hold.py "$CRIER_DB" & } &&
	i=0 && while [ ! -e held ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1)); done && test -e held &&
	keys r && wait_for "read state not saved yet" &&
	test $(crier list --unread | wc -l) = 0 &&
	touch release && wait &&
	i=0 && while [ $(crier list --unread | wc -l) = 0 ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1)); done &&
	test $(crier list --unread | wc -l) = 1
'
test_expect 'q from the first view quits, exit 0' '
	keys q q &&
	i=0; while [ ! -e read.done ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1)); done;
	grep -x "exit=0" read.done && test ! -s read.err
'
test_done
