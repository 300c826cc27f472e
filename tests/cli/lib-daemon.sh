# tests/cli/lib-daemon.sh: what the daemon's tests (t06x-daemon*.sh) share,
# sourced after lib.sh: a loopback tests/cli/httpd.py serving www/ and
# logging to req.log ($U is its base URL), waits with deadlines, and
# clean-up of the daemon a test leaves running ($daemon_pid).
#
#   wait_for SECONDS 'COMMAND'	until COMMAND succeeds, at most SECONDS
#   stop_within_5s SIGNAL PID	signals PID and reaps it; its exit status,
#				137 when it was still running after 5 s
#   nitems			the number of stored items
#   nreq PATH			requests for PATH the server saw

command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all "no $PYTHON"
mkdir -p www
"$PYTHON" "$top_srcdir/tests/cli/httpd.py" --root www --port-file port \
	--log req.log --lifetime 120 &
httpd_pid=$!
daemon_pid=
trap 'kill $httpd_pid 2>/dev/null; test -n "$daemon_pid" && kill -9 $daemon_pid 2>/dev/null; cd /; rm -rf "$TEST_TMP"' EXIT
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || test_skip_all "httpd.py did not start"
U="http://127.0.0.1:$(cat port)"

wait_for() {
	n=$(($1 * 10))
	shift
	while [ "$n" -gt 0 ]; do
		eval "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "timed out waiting for: $1"
	return 1
}

stop_within_5s() {
	( sleep 5; kill -9 "$2" 2>/dev/null ) &
	watchdog=$!
	kill -"$1" "$2"
	wait "$2"
	rc=$?
	kill "$watchdog" 2>/dev/null
	return $rc
}

nitems() { "$CRIER" list --json 2>/dev/null | wc -l | tr -d ' '; }
nreq() { grep -c "\"path\": \"$1\"" req.log; }
