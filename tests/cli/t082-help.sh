#!/bin/sh
# t082-help.sh: every command answers -h and --help (its usage and
# options on stdout, exit 0, nothing read or written); `crier --help`
# explains the global options and lists the commands; `crier help CMD`
# is the same as CMD --help; usage errors exit 2 with "crier: ".
. "$top_srcdir/tests/cli/lib.sh"

test_expect 'crier --help: global options and commands' '
	crier --help >out &&
	grep "^usage: crier " out &&
	for o in --config --database --quiet --verbose --version --help; do
		grep -e "$o" out || exit 1
	done &&
	grep "^commands:" out
'
cmds=$("$CRIER" --help | sed -n "/^commands:/,/^\$/p" | awk "NR > 1 && NF { print \$1 }")
test_expect 'the command list is not empty and has the verbs' '
	echo "$cmds" | grep -x add && echo "$cmds" | grep -x remove &&
	echo "$cmds" | grep -x import-opml && echo "$cmds" | grep -x poll
'
for c in $cmds; do
	test_expect "$c --help and -h: usage, exit 0, no database made" '
		crier '"$c"' --help >out 2>err && grep -i "usage" out &&
		grep "^usage: crier '"$c"'" out && ! test -s err &&
		crier '"$c"' -h >out2 && cmp out out2 &&
		crier help '"$c"' >out3 && cmp out out3 &&
		! test -e "$CRIER_DB"
	'
done
# NOTE: the help and getopt_long() come from one table (main.c); these
# options were once taken but missing from the help
test_expect 'the help names every option a command takes' '
	crier feeds --help | grep -e "-j, --json" &&
	crier feeds --help | grep -e "-t, --table" &&
	crier digest --help | grep -e "-W, --wait DUR" &&
	crier show --help | grep -e "-j, --json" &&
	crier tags --help | grep -e "-j, --json" &&
	crier poll --help | grep -e "    --transient-ok" &&
	crier parse --help | grep -e "    --charset C"
'
test_expect_code 2 'a long option alone has no short form' '
	crier poll -t 2>err; rc=$?; grep "invalid option" err || rc=99
	exit $rc
'
test_expect 'help after other arguments still helps' '
	crier list --tag x --help | grep "^usage: crier list"
'
test_expect_code 2 'help of an unknown command' 'crier help nope'
test_expect_code 2 'an unknown option is a usage error with crier:' '
	crier list --bogus 2>err; rc=$?; grep "^crier: " err || rc=99; exit $rc
'
test_expect_code 2 'no command is a usage error' 'crier'
test_expect 'crier --version' 'crier --version | grep "^crier [0-9]"'
test_done
