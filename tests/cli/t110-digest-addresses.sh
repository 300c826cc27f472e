#!/bin/sh
# t110-digest-addresses.sh: --to/--from and [digest] to/from with a line
# break or not a valid address are an error (exit 2) naming the problem,
# before anything is rendered, sent or marked; valid ones, with a display
# name or several, reach the headers as given.  Never silently replaced.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

cp "$top_srcdir/tests/data/poll-a.xml" a.xml
write_conf <<EOF
[feed "file://$TMP/a.xml"]
[digest "weekly"]
	format = email
EOF
test_expect 'poll fills the database' '
	crier -q poll && test "$(crier list | wc -l)" -ge 1
'
test_expect_code 2 '--to with CR LF and a header is refused' '
	crier digest --unsent weekly --pipe "cat >sent" \
	    --to "$(printf "a@b.org\r\nBcc: evil@x.org")" 2>err
'
test_expect 'it names the problem and sends nothing' '
	grep "^crier: invalid --to: contains a line break\$" err &&
	test ! -e sent
'
test_expect_code 2 '--from that is no address is refused' '
	crier digest --format email --from "crier" 2>err >out
'
test_expect 'it names the value and prints no message' '
	grep "invalid --from: .crier. is not a valid address" err &&
	test ! -s out
'
test_expect_code 2 '--to with a bad second address is refused' '
	crier digest --format email --to "ok@example.org, bad address" 2>err
'
test_expect 'nothing was marked by the refused runs' '
	crier digest --unsent weekly --pipe "cat >sent" \
	    --to "Team <team@example.org>, b@example.org" \
	    --from "Crier Bot <bot@example.org>" &&
	grep "^To: \"Team\" <team@example.org>, b@example.org" sent &&
	grep "^From: \"Crier Bot\" <bot@example.org>" sent &&
	! grep -i "^Bcc" sent
'
write_conf <<EOF
[feed "file://$TMP/a.xml"]
[digest "weekly"]
	format = email
	to = team@example.org
	from = crier
EOF
test_expect_code 2 '[digest] from that is no address: a config error' '
	crier digest --unsent weekly 2>err
'
test_expect 'it names the file, the line and the value' '
	grep "^crier: $CRIER_CONFIG:5: invalid address for .from.: .crier. is not a valid address" err
'
write_conf <<EOF
[feed "file://$TMP/a.xml"]
[digest "weekly"]
	to = Name <a@b.org
EOF
test_expect_code 2 '[digest] to without its closing bracket: refused' '
	crier digest --unsent weekly 2>err
'
test_done
