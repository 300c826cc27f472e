#!/bin/sh
# t050-digest-formats.sh: every `digest --format` on a database `crier
# poll` filled from file:// fixtures: markdown, html, json, atom and
# email checked with Python's standard parsers (json, html.parser,
# xml.etree, email), hostile feed text kept out of the email headers.
. "$top_srcdir/tests/cli/lib.sh"

command -v "${PYTHON:-python3}" >/dev/null 2>&1 ||
	test_skip_all 'no python3'
PY="${PYTHON:-python3}"
D="$top_srcdir/tests/data/digest"
CHECK="$PY $D/check_formats.py"
A="file://$D/alpha.xml"
B="file://$D/beta.atom"
E="file://$D/hostile.xml"
write_conf <<EOF
[feed "$A"]
	title = Alpha Org
[feed "$B"]
[feed "$E"]
[tag "community-call"]
	match = community call
[tag "report"]
	match = report
[tag "funding"]
	match = funding
[digest "weekly"]
	to = Équipe <team@example.org>, other@example.org
	from = Crier Bot <crier@digest.example.org>
	subject = Digital rights weekly — ¡novedades! und mehr Text, damit die Zeile gefaltet wird
EOF

test_expect 'poll fills the database' 'crier poll'
test_expect 'markdown: headings, escaped text, links' '
	crier digest --format markdown >d.md &&
	$CHECK markdown d.md "want=## community-call|### Alpha Org|\\*stars\\*|](https://alpha.example.org/call)|also in: Beta Network" &&
	! grep -i "javascript" d.md
'
test_expect 'html: a complete, balanced, sanitized document' '
	crier digest --format html >d.html &&
	$CHECK html d.html "want=Community call: privacy & you|Alpha Org|also in:" &&
	! grep -i "<script\|onclick\|onmouseover\|<iframe" d.html
'
test_expect 'json: one document with groups and list --json items' '
	crier digest --format json >d.json &&
	$CHECK json d.json count=5 "also=Beta Network"
'
test_expect 'atom: a valid merged Atom 1.0 feed' '
	crier digest --format atom --unsent weekly >d.atom &&
	$CHECK atom d.atom count=5 category=report &&
	test $(grep -c "<source>" d.atom) = 5
'
test_expect 'email: MIME alternative, headers encoded and folded' '
	crier digest --unsent weekly --format email >m.eml &&
	$CHECK email m.eml events=1 \
		"subject=Digital rights weekly — ¡novedades! und mehr Text, damit die Zeile gefaltet wird" \
		"to=Équipe <team@example.org>, other@example.org" \
		"from=Crier Bot <crier@digest.example.org>" \
		"want=Community call: privacy & you|Alpha Org|also in: Beta Network"
'
test_expect 'email: the same digest has the same Message-ID' '
	crier digest --unsent weekly --format email >m2.eml &&
	test "$(grep "^Message-ID:" m.eml)" = "$(grep "^Message-ID:" m2.eml)" &&
	grep "^Message-ID: <crier\.[0-9a-f]*@digest\.example\.org>" m.eml &&
	grep "^List-Id: crier digest <weekly\.crier\.digest\.example\.org>" m.eml
'
test_expect 'email: no event, no calendar; defaults for From and To' '
	crier digest --tag funding --format email >m3.eml &&
	$CHECK email m3.eml events=0 "want=Funding opportunity"
'
test_expect 'email: CR/LF in a subject adds no header' '
	crier digest --format email --subject "$(printf "Hi\r\nBcc: x@example.org")" \
		>m4.eml &&
	$CHECK email m4.eml events=1 "subject=Hi Bcc: x@example.org" &&
	! grep -i "^bcc" m4.eml
'
# an address is never cut or dropped: t110-digest-addresses.sh
test_expect_code 2 'email: CR/LF in an address is refused' '
	crier digest --format email \
		--to "$(printf "a@example.org\r\nBcc: y@example.org")" >m5.eml
'
test_expect 'email: a hostile feed title stays in the body' '
	$PY - m.eml <<PYEOF
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
                             policy=email.policy.default)
assert "Bcc" not in m, "Bcc"
text = m.get_body(("plain",)).get_content()
assert "Evil Bcc: victim@example.org" in text, text
assert "Report Bcc: victim@example.org body" in text, text
PYEOF
'
# the clock may tick between the two runs: the window's times are left out
test_expect 'the formats are not translated: same bytes under another locale' '
	LC_ALL=fr_FR.UTF-8 LANGUAGE=fr crier digest --format json 2>/dev/null |
		sed -E "1s/\"(generated|since|until)\":\"[^\"]*\"//g" >fr.json &&
	crier digest --format json |
		sed -E "1s/\"(generated|since|until)\":\"[^\"]*\"//g" >c.json &&
	grep -q "\"count\":5" c.json && cmp c.json fr.json
'
test_done
