# tests/cli/lib.sh: a small TAP library for the CLI tests, after git's
# t/test-lib.sh.  Source it, call test_expect for each case, end with
# test_done.
#
#   test_expect 'title' 'commands'	runs commands (eval'd in a subshell,
#					in $TMP) and prints ok / not ok;
#					their output is shown only on failure
#   test_run 'title' 'commands'	the same in the current shell, so that
#					variables it sets stay set
#   test_cleanup 'command'		runs command when the script exits
#   test_expect_code N 'title' 'cmds'	the same, passing when cmds exit N
#   test_skip_all 'reason'		skips the whole script
#   test_done				prints the plan, sets the exit status
#   write_conf [FILE] <<EOF ... EOF	writes a feeds.conf (default
#					$TMP/feeds.conf) and points
#					CRIER_CONFIG at it (unset before);
#					CRIER_DB is $TMP/crier.db
#   crier ARGS				runs "$CRIER" ARGS
#
# The script runs in $TMP (also $TEST_TMP), a fresh directory removed at
# exit; HOME and the XDG directories point into it.
# Environment from the test harness: $CRIER (the binary), $top_srcdir,
# $top_builddir, $PYTHON, LC_ALL=C, TZ=UTC.

: "${CRIER:=crier}"
: "${top_srcdir:=.}"
: "${top_builddir:=.}"

test_count=0
test_failed=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/crier-test.XXXXXX") || exit 99
TMP=$TEST_TMP
test_cleanup_cmds_=
trap 'eval "$test_cleanup_cmds_"; cd /; rm -rf "$TEST_TMP"' EXIT
cd "$TMP" || exit 99
CRIER_DB="$TEST_TMP/crier.db"
HOME="$TEST_TMP"
XDG_CONFIG_HOME="$TEST_TMP/config"
XDG_DATA_HOME="$TEST_TMP/data"
unset CRIER_CONFIG
export CRIER CRIER_DB HOME XDG_CONFIG_HOME XDG_DATA_HOME

test_result_() {
	test_count=$((test_count + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $test_count - $2"
	else
		echo "not ok $test_count - $2"
		sed 's/^/# /' "$TEST_TMP/.test-output"
		test_failed=$((test_failed + 1))
	fi
}

test_expect() {
	(eval "$2") >"$TEST_TMP/.test-output" 2>&1
	test_result_ $? "$1"
}

test_run() {
	eval "$2" >"$TEST_TMP/.test-output" 2>&1
	test_result_ $? "$1"
}

test_cleanup() {
	test_cleanup_cmds_="$1; $test_cleanup_cmds_"
}

crier() {
	"$CRIER" "$@"
}

test_expect_code() {
	want=$1
	(eval "$3") >"$TEST_TMP/.test-output" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "exit status $got, expected $want" >>"$TEST_TMP/.test-output"
		test_result_ 1 "$2"
	else
		test_result_ 0 "$2"
	fi
}

test_skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

write_conf() {
	CRIER_CONFIG=${1:-$TEST_TMP/feeds.conf}
	export CRIER_CONFIG
	cat >"$CRIER_CONFIG"
}
