#!/bin/sh
# t010-poll-file.sh: `crier poll` on file:// feeds: items stored once,
# re-polls add nothing, an edited item is updated in place, a re-ordered
# feed is nothing new, only due feeds without --force, named feeds, a
# missing file reported with its URL while the other feeds are stored.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

data="$top_srcdir/tests/data"
mkdir -p www
cp "$data/poll-a.xml" www/a.xml
cp "$data/poll-b.atom" www/b.atom
A="file://$TMP/www/a.xml"
B="file://$TMP/www/b.atom"
write_conf <<EOF
[crier]
	interval = 1h
[feed "$A"]
	tags = alpha
[feed "$B"]
	title = Bee
[tag "community-call"]
	match = community call
	fields = title summary
EOF

crier() { "$CRIER" "$@"; }
nitems() { crier list --json | wc -l | tr -d ' '; }

test_expect 'first poll stores every item and exits 0' '
	crier -v poll 2>log &&
	grep "$A: 200, 3 items, 3 new" log &&
	grep "$B: 200, 2 items, 2 new" log &&
	test "$(nitems)" = 5
'
test_expect 'a second poll finds nothing due and fetches nothing' '
	crier -v poll 2>log &&
	grep "0 feeds polled" log &&
	test "$(nitems)" = 5
'
test_expect 'poll --force of unchanged feeds adds nothing' '
	crier -v poll --force 2>log &&
	grep "2 feeds polled" log && grep "0 new items, 0 updated" log &&
	test "$(nitems)" = 5
'
test_expect 'an edited item is updated in place, still one row' '
	cp "$data/poll-a2.xml" www/a.xml &&
	crier -v poll --force 2>log &&
	grep "$A: 200, 3 items, 0 new, 1 updated" log &&
	test "$(nitems)" = 5 &&
	crier list --json >list &&
	grep "Second post, edited" list &&
	! grep "\"Second post\"" list
'
test_expect 'a re-ordered feed is nothing new' '
	cp "$data/poll-a3.xml" www/a.xml &&
	crier -v poll --force 2>log &&
	grep "$A: 200, 3 items, 0 new, 0 updated" log &&
	test "$(nitems)" = 5
'
test_expect 'items are tagged: feed tags and tag rules' '
	crier list --json --tag alpha >alpha &&
	test "$(wc -l <alpha)" = 3 &&
	crier list --json --tag community-call >cc &&
	test "$(wc -l <cc)" = 1 && grep "community call" cc
'
test_expect 'the feed title from the config is used' '
	crier list --json --feed "$B" >b && test "$(wc -l <b)" = 2 &&
	grep "\"feed_title\": *\"Bee\"" b
'
test_expect 'a named feed is polled alone, due or not' '
	crier -v poll "$B" 2>log &&
	grep "1 feeds polled" log && grep "$B: 200" log && ! grep "$A" log
'
test_expect 'a URL that is not in the configuration is a usage error' '
	crier poll file:///nowhere.xml 2>err; test $? = 2 &&
	grep "^crier: file:///nowhere.xml: " err
'
test_expect 'a missing file fails, the other feeds are stored' '
	printf "[feed \"%s\"]\n[feed \"%s\"]\n" "file://$TMP/www/missing.xml" \
		"file://$TMP/www/c.xml" >>feeds.conf &&
	cp "$data/poll-a.xml" www/c.xml &&
	{ crier poll 2>err; test $? = 1; } &&
	test "$(crier list --feed "file://$TMP/www/c.xml" | wc -l)" = 3 &&
	test "$(nitems)" = 8 && test "$(crier list | wc -l)" = 5 &&
	test "$(crier list | grep -c "also in:")" = 3
'
test_expect 'the failure message names the feed, once' '
	{ crier poll --force 2>err; test $? = 1; } &&
	grep "^crier: file://$TMP/www/missing.xml: " err &&
	test "$(grep -c "^crier: " err)" = 1
'
test_expect 'a disabled feed is not polled' '
	printf "[feed \"%s\"]\n\tenabled = false\n" \
		"file://$TMP/www/missing.xml" >>feeds.conf &&
	crier -v poll --force 2>log && grep "3 feeds polled" log
'
test_expect 'a file that is no feed fails with a reason' '
	echo "<html><body>hello</body></html>" >www/c.xml &&
	{ crier poll --force 2>err; test $? = 1; } &&
	grep "^crier: file://$TMP/www/c.xml: ." err
'
test_expect '--jobs must be a positive number' '
	{ crier poll --jobs 0 2>err; test $? = 2; } && grep jobs err
'
test_expect '--jobs 1 polls the feeds one at a time' '
	cp "$data/poll-a.xml" www/c.xml &&
	crier -v poll --force --jobs 1 2>log && grep "3 feeds polled" log
'
test_done
