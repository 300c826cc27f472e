#!/bin/sh
# t002-parse-fixtures.sh: every tests/parse/NAME.{xml,json} parses to
# exactly NAME.expected.json (`crier parse --json`, compared with diff -u),
# or fails with exit 1 and the message in NAME.expected.err.  NAME.base,
# when present, holds the --base URL.
. "$top_srcdir/tests/cli/lib.sh"

dir="$top_srcdir/tests/parse"
for f in "$dir"/*.xml "$dir"/*.json; do
	case $f in *.expected.json) continue ;; esac
	[ -f "$f" ] || continue
	n=${f%.*}
	name=${n##*/}
	base=
	[ -f "$n.base" ] && base=$(cat "$n.base")
	if [ -f "$n.expected.err" ]; then
		test_expect "$name: fails with '$(cat "$n.expected.err")'" '
			{ crier parse --json ${base:+--base "$base"} "$f" >out 2>err; test $? = 1; } &&
			test ! -s out &&
			grep -F "crier: $f: $(cat "$n.expected.err")" err
		'
	else
		test_expect "$name: parses as expected" '
			crier parse --json ${base:+--base "$base"} "$f" >out &&
			diff -u "$n.expected.json" out
		'
	fi
done
test_done
