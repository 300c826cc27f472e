#!/bin/sh
# t065-poll-failures.sh: each failed feed gets a class (http NNN, connect,
# not-a-feed, parse, timeout ...) stored with its failure streak and since
# when; a first failure is a notice (quiet under -q), a failure that
# became persistent (3 polls in a row) an error told once, its end a
# "recovered" line that -q shows too.  `poll` exits 1 when a feed failed
# (SPEC); with --transient-ok only for persistent failures.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99
: "${PYTHON:=python3}"

. "$top_srcdir/tests/cli/lib-daemon.sh"

cat > www/a.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Good</title>
<item><guid>a1</guid><title>Good story</title></item></channel></rss>
XML
printf '<!DOCTYPE html><html><body>a web page</body></html>\n' >www/flip.xml
printf '{"version": "https://jsonfeed.org/version/1.1", "title": ' >www/bad.json
write_conf <<EOF
[crier]
	timeout = 5s
[feed "$U/plain/a.xml"]
[feed "$U/plain/flip.xml"]
[feed "$U/plain/bad.json"]
[feed "$U/status/500"]
[feed "http://127.0.0.1:1/feed"]
EOF

# state URL: error_class|error_count|failing_since set? of the feed
state() {
	"$PYTHON" - "$CRIER_DB" "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
r = db.execute("SELECT error_class, error_count, failing_since IS NOT NULL"
               " FROM feeds WHERE url = ?", (sys.argv[2],)).fetchone()
print("%s|%d|%d" % (r[0] if r[0] is not None else "-", r[1], r[2]))
EOF
}

test_expect_code 1 'a first poll with failures exits 1 (SPEC)' '
	"$CRIER" poll 2>err1
'
test_expect 'each failure is told once, with its class' '
	cat err1 &&
	grep "^crier: $U/status/500: failed (http 500): HTTP 500\$" err1 &&
	grep "^crier: $U/plain/flip.xml: failed (not-a-feed): not a feed: HTML" err1 &&
	grep "^crier: $U/plain/bad.json: failed (parse): invalid JSON" err1 &&
	grep "^crier: http://127.0.0.1:1/feed: failed (connect): " err1 &&
	test "$(grep -c "^crier: " err1)" = 4
'
test_expect 'the classes, streaks and start times are stored' '
	test "$(state $U/status/500)" = "http 500|1|1" &&
	test "$(state $U/plain/flip.xml)" = "not-a-feed|1|1" &&
	test "$(state $U/plain/bad.json)" = "parse|1|1" &&
	test "$(state http://127.0.0.1:1/feed)" = "connect|1|1" &&
	test "$(state $U/plain/a.xml)" = "-|0|0"
'
test_expect 'a second failure: quiet under -q, exit 0 with --transient-ok' '
	"$CRIER" -q poll --force --transient-ok 2>err2 &&
	test ! -s err2 && test "$(state $U/status/500)" = "http 500|2|1"
'
test_expect_code 1 'the third: persistent, exit 1 even with --transient-ok' '
	"$CRIER" -q poll --force --transient-ok 2>err3
'
test_expect 'a persistent failure is an error, told once with its class' '
	cat err3 &&
	grep "^crier: $U/status/500: failing since 20[0-9-]*T[0-9:]*Z, 3 polls in a row (http 500): HTTP 500\$" err3 &&
	grep "^crier: $U/plain/flip.xml: failing since .* (not-a-feed)" err3 &&
	test "$(grep -c "^crier: " err3)" = 4
'
test_expect_code 1 'the fourth: still failing, nothing new to tell under -q' '
	"$CRIER" -q poll --force --transient-ok 2>err4 ||
	    { test ! -s err4 && exit 1; exit 3; }
'
test_expect 'at the default level each failure is a notice' '
	"$CRIER" poll --force --transient-ok 2>err5; test $? = 1 &&
	grep "^crier: $U/status/500: still failing since .*, 5 polls in a row (http 500)" err5
'
test_run 'the page becomes a feed' '
	cp www/a.xml www/flip.xml
'
test_expect 'its recovery is told under -q, and its state cleared' '
	{ "$CRIER" -q poll --force --transient-ok 2>err6; test $? = 1; } &&
	cat err6 &&
	grep "^crier: $U/plain/flip.xml: recovered, after 5 failed polls since .* (not-a-feed)\$" err6 &&
	test "$(grep -c "^crier: " err6)" = 1 &&
	test "$(state $U/plain/flip.xml)" = "-|0|0"
'
write_conf <<EOF
[feed "$U/plain/a.xml"]
[feed "$U/plain/flip.xml"]
EOF
test_expect 'healthy feeds only: exit 0' '
	"$CRIER" -q poll --force --transient-ok 2>err7 && test ! -s err7 &&
	"$CRIER" -q poll --force 2>err8 && test ! -s err8
'
test_done
