#!/bin/sh
# t071-mark.sh: `crier mark read|unread` by id, --all, --feed and --tag,
# as `list --unread` shows it; usage errors exit 2, an unknown id 1;
# beside a writer holding the lock (a poll's round) it waits for the
# lock instead of failing.
. "$top_srcdir/tests/cli/lib.sh"

: "${PYTHON:=python3}"
command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all 'no python3'

mkdir -p www
for f in a b; do
	cat > www/$f.xml <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed $f</title>
<link>https://$f.example/</link>
<item><guid>${f}1</guid><title>$f one report</title>
<link>https://$f.example/1</link></item>
<item><guid>${f}2</guid><title>$f two</title>
<link>https://$f.example/2</link></item>
</channel></rss>
XML
done
A="file://$TMP/www/a.xml"
B="file://$TMP/www/b.xml"
write_conf <<EOF
[feed "$A"]
[feed "$B"]
[tag "report"]
	match = report
EOF

unread() { crier list --unread | wc -l; }

test_expect 'poll fills the database' 'crier poll && test $(unread) = 4'
test_expect 'mark read ID... drops them from list --unread' '
	ids=$(crier list --feed "$A" | cut -f4) &&
	crier mark read $ids && test $(unread) = 2 &&
	! crier list --unread | grep "	a "
'
test_expect 'mark unread ID brings one back, list --json says so' '
	id=$(crier list --feed "$A" --limit 1 | cut -f4) &&
	crier mark unread "$id" && test $(unread) = 3 &&
	crier list --json --feed "$A" | grep "\"id\":$id," | grep "\"unread\":true"
'
test_expect 'mark read --all, unread --feed, read --tag' '
	crier mark read --all && test $(unread) = 0 &&
	crier mark unread --feed "$B" && test $(unread) = 2 &&
	crier mark read --tag report && test $(unread) = 1 &&
	test "$(crier list --unread | cut -f3)" = "b two"
'
test_expect_code 1 'an unknown id: nothing changes' '
	crier mark read 1 999 2>err; rc=$?;
	grep "no item 999" err && test $(unread) = 1; exit $rc
'
test_expect_code 2 'read or unread is needed' 'crier mark done 1'
test_expect_code 2 'ids and --all do not mix' 'crier mark read 1 --all'
test_expect_code 2 'a bad id' 'crier mark read x'
test_expect_code 2 'nothing to mark' 'crier mark read'
test_expect 'mark -h prints its usage and exits 0' '
	crier mark -h | grep "usage: crier mark"
'

# holds the writer lock as a poll's round does, for a moment
cat > hold.py <<'PY'
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, b"%d\n" % os.getpid())
open("held", "w").close()
time.sleep(1.5)
PY
test_expect 'beside a writer it waits for the lock, then marks' '
	rm -f held &&
	{ "$PYTHON" hold.py "$CRIER_DB" & } &&
	i=0 && while [ ! -e held ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1)); done && test -e held &&
	crier mark read --all 2>err && test $(unread) = 0 &&
	! grep -i "locked" err && wait
'
test_done
