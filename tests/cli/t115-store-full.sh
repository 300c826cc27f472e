#!/bin/sh
# t115-store-full.sh: a database that cannot be written (a full disk,
# played by a file size limit of 1 kB with SIGXFSZ ignored, which works
# for root too; a read-only file when not root) is reported with its
# path, nothing is half written, and the daemon keeps running and
# retries: once the limit is lifted (prlimit), SIGUSR1 stores the round.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/lib-daemon.sh"

"$PYTHON" "$top_srcdir/tests/cli/hostile.py" --port-file hport \
	--log hreq.log --lifetime 60 &
hostile_pid=$!
test_cleanup 'kill $hostile_pid 2>/dev/null'
i=0
while [ ! -s hport ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s hport ] || test_skip_all "hostile.py did not start"
H="http://127.0.0.1:$(cat hport)"
write_conf <<EOF
[crier]
	timeout = 5s
	interval = 1h
[feed "$H/moving/1"]
[feed "$H/moving/2"]
EOF
sql() { sqlite3 "$CRIER_DB" "$1"; }
command -v sqlite3 >/dev/null || test_skip_all "no sqlite3"

# runs crier ARGS unable to grow any file past 1 kB; its stderr and
# "rc=N" go to ./out through a pipe (a file would be limited too)
crier_full() {
	{ (trap '' XFSZ; ulimit -f 1 && exec "$CRIER" "$@") 2>&1; echo "rc=$?"; } |
	    cat >out
}

test_expect 'a first poll stores both feeds' '
	crier poll && test "$(sql "select count(*) from items")" = 60
'
sleep 0.5	# new items on the server
test_run 'a full disk: the poll fails naming the database file' '
	n0=$(sql "select count(*) from items");
	s0=$(sql "select group_concat(last_poll) from feeds");
	crier_full poll --force; cat out;
	grep "^rc=1$" out && grep -F "$CRIER_DB" out &&
	grep "File too large" out
'
test_expect 'nothing was half written' '
	test "$(sql "PRAGMA integrity_check")" = ok &&
	test "$(sql "select count(*) from items")" = "$n0" &&
	test "$(sql "select group_concat(last_poll) from feeds")" = "$s0"
'
if command -v prlimit >/dev/null 2>&1; then
	# the daemon starts with room, then its disk fills (prlimit on its
	# pid) and empties again; it logs to a pipe, which no limit stops
	test_run 'a running daemon whose disk fills reports it, keeps running' '
		mkfifo logpipe
		cat logpipe >daemon.log &
		(trap "" XFSZ; exec "$CRIER" daemon 2>logpipe) &
		daemon_pid=$!
		wait_for 10 "grep -F started daemon.log" &&
		prlimit --pid $daemon_pid --fsize=1024:unlimited &&
		kill -USR1 $daemon_pid &&
		wait_for 10 "grep -F \"the round failed\" daemon.log" &&
		grep -F "$CRIER_DB" daemon.log && sleep 1 &&
		kill -0 $daemon_pid &&
		test "$(sql "select count(*) from items")" = "$n0"
	'
	test_expect 'room again: SIGUSR1 and the daemon stores the round' '
		prlimit --pid $daemon_pid --fsize=unlimited:unlimited &&
		kill -USR1 $daemon_pid &&
		wait_for 15 "test \$(sql \"select count(*) from items\") -gt $n0" &&
		kill -0 $daemon_pid
	'
	test_run 'SIGTERM: the daemon exits 0, the database is whole' '
		cat daemon.log;
		stop_within_5s TERM $daemon_pid; rc=$?; test $rc = 0 &&
		test "$(sql "PRAGMA integrity_check")" = ok
	'
	daemon_pid=
else
	test_count=$((test_count + 1))
	echo "ok $test_count # SKIP no prlimit to fill a running daemon's disk"
fi
if [ "$(id -u)" = 0 ]; then
	# NOTE: chmod does not stop root; the full disk above covers the path
	test_count=$((test_count + 1))
	echo "ok $test_count # SKIP read-only file: running as root"
else
	sleep 0.5
	test_expect 'a read-only database file is reported with its path' '
		chmod 444 "$CRIER_DB" && n0=$(sql "select count(*) from items") &&
		{ crier poll --force 2>err; test $? != 0; }; cat err;
		grep -F "$CRIER_DB" err &&
		test "$(sql "select count(*) from items")" = "$n0"
	'
	chmod 644 "$CRIER_DB"
fi
test_done
