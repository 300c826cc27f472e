#!/bin/sh
# t053-retag.sh: a rule change applies to stored items: `crier retag`
# recomputes every item's tags with the current rules (new rules, a new
# exclude, feed tags); an item's announced time is its event whether a
# rule tags it or not, so rules that come and go leave it be; a second
# retag changes nothing; a rule on the categories alone tags the same
# on retag as on the poll.
. "$top_srcdir/tests/cli/lib.sh"

D="$top_srcdir/tests/data/digest"
A="file://$D/alpha.xml"
B="file://$D/beta.atom"
write_conf <<EOF
[feed "$A"]
[feed "$B"]
[tag "report"]
	match = report
EOF

test_expect 'poll with the first rules' '
	crier poll && crier tags >t1 &&
	printf "report\t2\n" | cmp - t1 &&
	crier events --all >e1 && grep "^2023-10-27 13:00 UTC" e1
'
write_conf <<EOF
[feed "$A"]
[feed "$B"]
	tags = beta
[tag "report"]
	match = report
	exclude = relayed
[tag "community-call"]
	match = community call
EOF
test_expect 'retag applies new rules, excludes and feed tags' '
	crier retag >r1 &&
	grep "^5 items retagged: 3 changed, 0 events changed\$" r1 &&
	crier tags >t2 &&
	printf "beta\t2\ncommunity-call\t1\nreport\t1\n" | cmp - t2 &&
	crier show $(crier list --feed "$B" | grep "relayed" | cut -f4) |
	    grep "^Tags: *beta"
'
test_expect 'the community call keeps its event' '
	crier events --all >e2 && grep "^2023-10-27 13:00 UTC" e2
'
test_expect 'a second retag changes nothing' '
	crier retag >r2 && grep "^5 items retagged: 0 changed" r2
'
write_conf <<EOF
[feed "$A"]
[feed "$B"]
[tag "report"]
	match = report
EOF
test_expect 'retag drops tags a rule no longer gives, not a stated time' '
	crier retag >r3 && grep "3 changed, 0 events changed" r3 &&
	crier tags >t3 && printf "report\t2\n" | cmp - t3 &&
	crier events --all | grep "^2023-10-27 13:00 UTC"
'
# the poll that follows a rule change re-tags stored items
write_conf <<EOF
[feed "$A"]
[feed "$B"]
[tag "report"]
	match = report
[tag "funding"]
	match = funding
EOF
test_expect 'the next poll after a rule change re-tags stored items' '
	crier poll && crier tags >t4 &&
	printf "funding\t1\nreport\t2\n" | cmp - t4
'
# a rule on the categories alone: retag reads them as the poll did
S="file://$top_srcdir/tests/data/samples/engineroom.xml"
write_conf <<EOF
[feed "$S"]
[tag "biometrics"]
	match = ^biometrics$
	fields = categories
EOF
test_expect 'retag reads the categories the poll tagged by' '
	crier poll && crier tags >t5 && printf "biometrics\t1\n" | cmp - t5 &&
	crier retag >r5 && grep "^8 items retagged: 0 changed" r5 &&
	crier tags >t6 && cmp t5 t6
'
test_done
