#!/bin/sh
# t100-output.sh: output a person reads: list and tags piped (the stable
# TSV) and on a terminal (aligned, fitted, local dates; under script(1)),
# tags --json, show --json and its enclosures, bidi controls stripped,
# C1 controls escaped in JSON, digest groups under a rule's tag before
# the feed's, digest --unsent NAME checked, exit 2 for every
# configuration error.
. "$top_srcdir/tests/cli/lib.sh"

mkdir -p www
# U+202E (RLO) in a title, U+0085 (a C1 control) in another, a podcast
printf '%s\n' '<?xml version="1.0" encoding="utf-8"?>' \
'<rss version="2.0"><channel><title>Rights Watch</title>' \
'<link>https://r.example/</link>' \
'<item><guid>r1</guid><title>Annual report on privacy</title>' \
'<link>https://r.example/report</link>' \
'<pubDate>Thu, 20 Oct 2022 09:00:00 GMT</pubDate>' \
'<enclosure url="https://r.example/report.pdf" type="application/pdf" length="123456"/>' \
'<description>The report.</description></item>' \
"<item><guid>r2</guid><title>evil $(printf '\342\200\256')txt.exe</title>" \
'<link>https://r.example/evil</link>' \
'<pubDate>Fri, 21 Oct 2022 09:00:00 GMT</pubDate>' \
"<description>x$(printf '\302\205')y</description></item>" \
'<item><guid>r3</guid><title>A very long title that will not fit in a narrow terminal at all, surely</title>' \
'<link>https://r.example/long</link>' \
'<pubDate>Sat, 22 Oct 2022 09:00:00 GMT</pubDate>' \
'<description>Long.</description></item>' \
'</channel></rss>' >www/r.xml
R="file://$TMP/www/r.xml"
write_conf <<EOF
[feed "$R"]
	tags = digital-rights
[tag "report"]
	match = report
[digest "weekly"]
	format = text
[digest "monthly"]
EOF

test_expect 'poll stores the feed' 'crier poll'

test_expect 'list piped: the stable tab-separated form' '
	crier list >l.out &&
	test $(wc -l <l.out) = 3 &&
	head -n 1 l.out | grep "^2022-10-22 09:00	Rights Watch	A very long title that will not fit in a narrow terminal at all, surely	[0-9]*\$" &&
	test $(awk -F "	" "NF != 4" l.out | wc -l) = 0
'
test_expect 'list and show strip bidi overrides from feed text' '
	grep "evil txt.exe" l.out >/dev/null || grep "eviltxt.exe" l.out &&
	! grep "$(printf "\342\200\256")" l.out &&
	id=$(grep evil l.out | cut -f4) &&
	crier show "$id" >s.out &&
	! grep "$(printf "\342\200\256")" s.out &&
	! grep "$(printf "\302\205")" s.out
'
test_expect 'list --json escapes C1 controls, lists enclosures' '
	crier list --json >l.json &&
	! grep "$(printf "\302\205")" l.json &&
	$PYTHON -c "
import json
rows = [json.loads(l) for l in open(\"l.json\")]
r = [x for x in rows if x[\"guid\"] == \"r1\"][0]
assert r[\"enclosures\"] == [{\"url\": \"https://r.example/report.pdf\", \"type\": \"application/pdf\", \"length\": 123456}], r
assert \"enclosures\" not in [x for x in rows if x[\"guid\"] == \"r3\"][0]
"
'
test_expect 'show --json: the list object, the body and tag sources' '
	id=$(grep "Annual report" l.out | cut -f4) &&
	crier show --json "$id" >s.json &&
	$PYTHON -c "
import json
o = json.load(open(\"s.json\"))
assert o[\"guid\"] == \"r1\", o
assert o[\"summary\"] == \"The report.\", o
assert o[\"tag_sources\"] == {\"digital-rights\": \"feed\", \"report\": \"report: title\"}, o
assert o[\"enclosures\"][0][\"length\"] == 123456, o
"
'
test_expect 'show: enclosures with type and size' '
	id=$(grep "Annual report" l.out | cut -f4) &&
	crier show "$id" >s2.out &&
	grep "^Enclosure: *https://r.example/report.pdf (application/pdf, 123456 bytes)\$" s2.out
'
test_expect 'tags piped and --json' '
	crier tags >t.out &&
	printf "digital-rights\t3\nreport\t1\n" | cmp - t.out &&
	crier tags --json >t.json &&
	printf "{\"tag\":\"digital-rights\",\"count\":3}\n{\"tag\":\"report\",\"count\":1}\n" | cmp - t.json
'
test_expect 'digest: an item under its rule tag, before the feed tag' '
	crier digest --since 3650d >d.out &&
	grep -n "^== " d.out >groups &&
	sed -n 1p groups | grep "== digital-rights ==" &&
	sed -n 2p groups | grep "== report ==" &&
	awk "/^== report ==/ { r = 1 } r && /Annual report/ { f = 1 } END { exit !f }" d.out
'
test_expect 'json and atom digests carry enclosures' '
	crier digest --since 3650d --format json >d.json &&
	grep "\"enclosures\":\[{\"url\":\"https://r.example/report.pdf\"" d.json &&
	crier digest --since 3650d --format atom >d.atom &&
	grep "<link rel=\"enclosure\" href=\"https://r.example/report.pdf\" type=\"application/pdf\" length=\"123456\"/>" d.atom
'
test_expect_code 2 'digest --unsent with an undefined name is an error' '
	crier digest --unsent weekyl --mark weekyl >u.out 2>u.err
'
test_expect 'the error names the defined digests; nothing printed' '
	crier digest --unsent weekyl >u.out 2>u.err; test $? = 2 &&
	grep "^crier: .*weekyl.*weekly, monthly" u.err && test ! -s u.out
'
if command -v sqlite3 >/dev/null 2>&1; then
	# r3 first seen 30 days ago: before the first run's 7 days
	sqlite3 crier.db "UPDATE items SET first_seen = first_seen - 30 * 86400 WHERE title LIKE 'A very long%'" &&
	# a C1 control (U+0085) and DEL in a stored title
	sqlite3 crier.db "UPDATE items SET title = 'c1' || char(133) || 'x' || char(127) || 'y' WHERE title LIKE 'Annual%'"
	test_expect 'JSON escapes a C1 control and DEL; list strips them' '
		crier list --json >c1.json &&
		grep "\"title\":\"c1\\\\u0085x\\\\u007fy\"" c1.json &&
		crier list >c1.out && grep "	c1xy	" c1.out
	'
	test_expect 'a digest first run starts from its since (7 days)' '
		crier digest --unsent weekly --mark weekly >w.out &&
		grep "c1xy" w.out && ! grep "A very long title" w.out &&
		crier digest --unsent weekly >w2.out &&
		grep "nothing new" w2.out
	'
fi
test_expect 'an unknown format lists the formats' '
	crier digest --format nosuch 2>f.err; test $? = 2 &&
	grep "^crier: .*text, markdown, html, email, json, atom" f.err &&
	crier digest --since 3x 2>f2.err; test $? = 2 &&
	grep "^crier: .*s, m, h or d" f2.err
'
printf '[tag "x"]\n\tmatch = a(b\n' >bad.conf
for cmd in list tags feeds "show 1" events digest retag; do
	test_expect "a bad regex is exit 2 in $cmd" "
		crier -c bad.conf $cmd >/dev/null 2>err; test \$? = 2 &&
		grep '^crier: .*bad.conf:2: bad regex' err
	"
done
for cmd in list tags feeds "show 1"; do
	test_expect "a missing -c file is exit 2 in $cmd" "
		crier -c nosuch.conf $cmd >/dev/null 2>err; test \$? = 2 &&
		grep '^crier: ' err
	"
done

# a terminal: script(1) runs crier on a pty
if script -qc true /dev/null </dev/null >/dev/null 2>&1; then
	test_expect 'list on a terminal: aligned columns fitted to COLUMNS' '
		COLUMNS=60 NO_COLOR=1 TZ=Europe/Paris script -qc "$CRIER list" /dev/null </dev/null |
			tr -d "\r" >tty.out &&
		test $(wc -l <tty.out) = 3 &&
		! grep "	" tty.out &&
		test $(sed "s/…/./g" tty.out | awk "{ print length }" | sort -n | tail -n 1) = 60 &&
		grep "2022-10-22 11:00 CEST  Rights Watch  A very long title.*…\$" tty.out &&
		! grep "$(printf "\033")" tty.out
	'
	test_expect 'list on a terminal: colour unless NO_COLOR' '
		COLUMNS=80 script -qc "$CRIER list" /dev/null </dev/null >c.out &&
		grep "$(printf "\033")\[" c.out &&
		COLUMNS=80 TERM=dumb script -qc "$CRIER list" /dev/null </dev/null >c2.out &&
		! grep "$(printf "\033")" c2.out
	'
	test_expect 'tags on a terminal: aligned' '
		COLUMNS=40 NO_COLOR=1 script -qc "$CRIER tags" /dev/null </dev/null |
			tr -d "\r" >tt.out &&
		grep "^digital-rights  3\$" tt.out && grep "^report          1\$" tt.out
	'
else
	echo "# script(1) not usable: the terminal cases are not run"
fi
test_done
