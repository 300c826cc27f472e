#!/bin/sh
# t051-digest-pipe.sh: "exactly once" for cron: `digest --unsent NAME
# --pipe CMD` marks what it sent only when CMD exited 0, so a run whose
# command fails re-sends next time and a run that worked never re-sends:
# over several runs, with failures between, every item is delivered
# once.  Also --mark to a stdout that cannot be written marks nothing.
. "$top_srcdir/tests/cli/lib.sh"

mkdir -p www
item() {	# item N: one RSS item
	printf '<item><guid>item-%s</guid><title>Item number %s</title>' "$1" "$1"
	printf '<link>https://x.example/%s</link>' "$1"
	printf '<pubDate>Mon, 02 Oct 2023 09:%02d:00 +0000</pubDate>' "$1"
	printf '<description>Body %s.</description></item>\n' "$1"
}
feed() {	# feed N: items 1..N
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel>'
		printf '<title>Pipe feed</title><link>https://x.example/</link>\n'
		i=1
		while [ "$i" -le "$1" ]; do item "$i"; i=$((i + 1)); done
		printf '</channel></rss>\n'
	} >www/f.xml
}
F="file://$TMP/www/f.xml"
write_conf <<EOF
[feed "$F"]
[digest "weekly"]
	to = team@example.org
EOF

# the delivery command: reads the message, then fails while the file
# "fail" holds a number > 0 (counting down), else appends it to "mbox"
cat >deliver.sh <<'EOF'
#!/bin/sh
msg=$(cat)
n=$(cat fail 2>/dev/null || echo 0)
if [ "$n" -gt 0 ]; then
	echo $((n - 1)) >fail
	exit 75
fi
printf '%s\n' "$msg" >>mbox
EOF
chmod +x deliver.sh
SEND="crier digest --unsent weekly --pipe ./deliver.sh"

test_expect 'poll three items' 'feed 3 && crier poll'
test_run 'a failing command: exit 1, nothing delivered, nothing marked' '
	echo 1 >fail &&
	{ $SEND 2>err; test $? = 1; } &&
	grep "exit status 75" err && test ! -e mbox &&
	crier digest --unsent weekly | grep "3 items"
'
test_run 'the next run delivers all three' '
	$SEND && test $(grep -c "Item number" mbox) = 3
'
test_run 'a run with nothing new sends nothing' '
	$SEND && test $(grep -c "Item number" mbox) = 3
'
test_run 'new items, two failures, then success: each once' '
	feed 6 && crier poll --force &&
	echo 2 >fail &&
	{ $SEND 2>/dev/null; test $? = 1; } &&
	{ $SEND 2>/dev/null; test $? = 1; } &&
	$SEND &&
	i=1 && while [ $i -le 6 ]; do
		test $(grep -c "Item number $i\$" mbox) = 1 || exit 1
		i=$((i + 1))
	done
'
test_run 'a command killed by a signal marks nothing' '
	feed 7 && crier poll --force &&
	{ crier digest --unsent weekly --pipe "cat >/dev/null; kill -TERM \$\$" 2>err; test $? = 1; } &&
	grep -i "signal" err &&
	$SEND && test $(grep -c "Item number 7\$" mbox) = 1 &&
	test $(grep -c "Item number" mbox) = 7
'
test_run 'email through the pipe: a whole message per run' '
	feed 8 && crier poll --force &&
	crier digest --unsent weekly --format email --pipe "cat >mail.eml" &&
	grep -q "^Subject: crier digest weekly: 1 item" mail.eml &&
	grep -q "Item number 8" mail.eml
'
if [ -w /dev/full ]; then
	test_run '--mark: a stdout that cannot be written marks nothing' '
		feed 9 && crier poll --force &&
		{ crier digest --unsent weekly --mark weekly >/dev/full 2>err; test $? = 1; } &&
		crier digest --unsent weekly --mark weekly >out &&
		grep "Item number 9" out &&
		crier digest --unsent weekly >out2 && grep "nothing new" out2
	'
fi
test_done
