#!/bin/sh
# t069-kill9.sh: `crier poll` and `crier daemon` killed with SIGKILL at
# random moments, at least 50 times, against 40 loopback feeds whose items change
# four times a second (tests/cli/hostile.py /moving/N): the database
# stays intact (PRAGMA integrity_check), no item is stored twice, and the
# next round completes the rest.
. "$top_srcdir/tests/cli/lib.sh"

command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all "no $PYTHON"
command -v sqlite3 >/dev/null 2>&1 || test_skip_all "no sqlite3"
"$PYTHON" "$top_srcdir/tests/cli/hostile.py" --port-file port \
	--log req.log --lifetime 400 &
httpd_pid=$!
victim=
test_cleanup 'kill $httpd_pid 2>/dev/null; test -n "$victim" && kill -9 $victim 2>/dev/null'
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || test_skip_all "hostile.py did not start"
U="http://127.0.0.1:$(cat port)"
NFEEDS=40
{
	printf '[crier]\n\ttimeout = 5s\n\tjobs = 16\n\tper-host = 16\n\tinterval = 1s\n'
	i=1
	while [ $i -le $NFEEDS ]; do
		printf '[feed "%s/moving/%d"]\n' "$U" $i
		i=$((i + 1))
	done
} | write_conf

db=$CRIER_DB
sql() { sqlite3 "$db" "$1"; }
ms() { echo $(($(date +%s%N) / 1000000)); }

# a first round seeds the database; the second, timed, sets the range
# of the kill moments: 0 to 1.3 times a round (0.2 to 4 s), so that
# some land while a round commits, on a fast or a loaded machine; a
# process that ended before its moment is started again (at most 300)
test_run 'two whole rounds, the second timed' '
	crier poll --force && t0=$(ms) && crier poll --force &&
	round=$(($(ms) - t0)) && echo "a round: $round ms" &&
	range=$((round * 13 / 10)) &&
	{ [ $range -ge 200 ] || range=200; } &&
	{ [ $range -le 4000 ] || range=4000; } &&
	n0=$(sql "select count(*) from items") && test "$n0" -gt 0
'
seed=$$
delay() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	d=$(( (seed / 65536) % range ))
	printf '%d.%03d' $((d / 1000)) $((d % 1000))
}

test_run 'poll and daemon killed -9 at 50 random moments' '
	kills=0; n=0
	while [ $kills -lt 50 ] && [ $n -lt 300 ]; do
		if [ $((n % 3)) = 2 ]; then
			# interval = 1s: each start finds feeds due
			"$CRIER" daemon 2>>daemon.err &
			victim=$!
		else
			"$CRIER" poll --force 2>>poll.err &
			victim=$!
		fi
		sleep "$(delay)"
		kill -9 $victim 2>/dev/null && kills=$((kills + 1))
		wait $victim 2>/dev/null
		victim=
		n=$((n + 1))
	done
	echo "$kills of $n processes were killed while running"
	test $kills -ge 50
'
test_expect 'PRAGMA integrity_check says ok' '
	test "$(sql "PRAGMA integrity_check")" = ok
'
test_expect 'no item is stored twice' '
	sql "select count(*), count(distinct feed_id || char(31) || title) from items" >counts &&
	cat counts && test "$(cut -d"|" -f1 counts)" = "$(cut -d"|" -f2 counts)"
'
test_expect 'no stray error: the kills were the only trouble' '
	cat poll.err daemon.err | grep -v " notice: \| info: " |
	    grep -v "crier: .*\(running\|locked\)" >stray; cat stray;
	! test -s stray
'
test_expect 'the next round completes every feed' '
	crier poll --force 2>err; rc=$?; cat err; test $rc = 0 &&
	test "$(sql "select count(*) from feeds where last_status = 200 and error_count = 0")" = $NFEEDS &&
	test "$(sql "select count(distinct feed_id) from items")" = $NFEEDS
'
test_expect 'the database is intact after it' '
	test "$(sql "PRAGMA integrity_check")" = ok &&
	sql "select count(*), count(distinct feed_id || char(31) || title) from items" >counts &&
	test "$(cut -d"|" -f1 counts)" = "$(cut -d"|" -f2 counts)"
'
test_done
