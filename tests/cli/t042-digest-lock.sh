#!/bin/sh
# t042-digest-lock.sh: `digest --mark` is a writer, as poll is: with --wait 0, beside a
# running poll (a process holding the writer lock) it refuses with a
# message naming the holder's pid, sends and marks nothing, and fails
# with no "database is locked"; once the lock is free it marks.  A digest
# without --mark reads beside the writer.
. "$top_srcdir/tests/cli/lib.sh"

: "${PYTHON:=python3}"
command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all 'no python3'

mkdir -p www
cat > www/a.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A</title>
<link>https://a.example/</link>
<item><guid>a1</guid><title>First story</title>
<link>https://a.example/1</link>
<description>One.</description></item>
<item><guid>a2</guid><title>Second story</title>
<link>https://a.example/2</link>
<description>Two.</description></item>
</channel></rss>
XML
write_conf <<EOF
[feed "file://$TMP/www/a.xml"]
[digest "weekly"]
EOF

# holds the writer lock as a poll does (flock, its pid in the file) until
# the file "release" appears; prints "held" once it has it
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

test_expect 'poll fills the database' '
	crier poll && test "$(crier list | wc -l)" = 2
'
test_run 'a writer holds the lock' '
	rm -f held release &&
	{ "$PYTHON" hold.py "$CRIER_DB" & holder=$!; } &&
	i=0 && while [ ! -e held ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1)); done && test -e held
'
test_cleanup 'touch "$TEST_TMP/release"'
test_expect 'digest --mark beside it refuses, naming the holder' '
	{ crier digest --unsent weekly --mark weekly --wait 0 >out 2>err; test $? = 1; } &&
	grep "pid $holder" err && ! grep -i "database is locked" err &&
	test ! -s out
'
test_expect 'a digest without --mark reads beside it' '
	crier digest --unsent weekly >out && grep "First story" out
'
test_run 'the writer ends' '
	touch release && wait $holder
'
test_expect 'nothing was marked; now --mark marks' '
	crier digest --unsent weekly --mark weekly >out &&
	grep "Second story" out &&
	crier digest --unsent weekly >out2 && ! grep "story" out2
'
test_done
