#!/bin/sh
# t030-config.sh: configuration errors from the command line: FILE:LINE
# and exit 2 before anything is fetched or stored; unknown keys warned
# about with their line; the shipped feeds.conf loads without a warning.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

cp "$top_srcdir/tests/data/poll-a.xml" a.xml

test_expect 'a bad duration names FILE:LINE and exits 2' '
	printf "[crier]\n\tinterval = 1h\n\ttimeout = soon\n" >bad.conf &&
	{ "$CRIER" -c bad.conf -d db poll 2>err; test $? = 2; } &&
	grep "^crier: bad.conf:3: invalid duration for .timeout." err &&
	test ! -e db
'
test_expect 'a feed URL that is not http, https or file is an error' '
	printf "[feed \"ftp://example.org/feed\"]\n" >bad.conf &&
	{ "$CRIER" -c bad.conf -d db poll 2>err; test $? = 2; } &&
	grep "^crier: bad.conf:1: invalid feed URL" err
'
test_expect 'an unterminated quote is an error with its line' '
	printf "[crier]\n\n\tuser-agent = \"crier\n" >bad.conf &&
	{ "$CRIER" -c bad.conf -d db poll 2>err; test $? = 2; } &&
	grep "^crier: bad.conf:3: unterminated quoted value" err
'
test_expect 'a tag regex that does not compile names its line' '
	printf "[feed \"file://%s/a.xml\"]\n[tag \"t\"]\n\tmatch = (unclosed\n" \
		"$TMP" >bad.conf &&
	{ "$CRIER" -c bad.conf -d db poll 2>err; test $? = 2; } &&
	grep "^crier: bad.conf:3: " err
'
test_expect 'a missing configuration file exits 2' '
	{ "$CRIER" -c nowhere.conf -d db poll 2>err; test $? = 2; } &&
	grep "nowhere.conf" err
'
test_expect 'unknown keys and sections are warned about, not fatal' '
	printf "[crier]\n\tintervall = 2h\n[feed \"file://%s/a.xml\"]\n\tcolour = red\n[colours]\n\tfg = 1\n" \
		"$TMP" >warn.conf &&
	"$CRIER" -c warn.conf -d db poll 2>err &&
	grep "^crier: warn.conf:2: .*intervall" err &&
	grep "^crier: warn.conf:4: .*colour" err &&
	grep "^crier: warn.conf:5: .*colours" err &&
	test "$("$CRIER" -c warn.conf -d db list --json | wc -l)" = 3
'
test_expect 'trailing comments and quoted values are read as git does' '
	printf "[crier]\n\tjobs = 2 ; two\n[feed \"file://%s/a.xml\"] # the feed\n\ttitle = \"A ; not a comment\" # but this is\n" \
		"$TMP" >ok.conf &&
	"$CRIER" -c ok.conf -d db2 poll &&
	"$CRIER" -c ok.conf -d db2 list --json >l &&
	grep "\"feed_title\": *\"A ; not a comment\"" l
'
test_expect 'the shipped feeds.conf loads without a warning' '
	test -f "$top_srcdir/feeds.conf" || exit 0
	printf "[crier]\n" >empty.conf &&
	"$CRIER" -c "$top_srcdir/feeds.conf" -d db3 poll file:///not-there \
		2>err; test $? = 2 &&
	! grep -v "file:///not-there" err
'
test_done
