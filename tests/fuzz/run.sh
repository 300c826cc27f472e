#!/bin/sh
# tests/fuzz/run.sh TARGET SECONDS [BUILDDIR]: runs one libFuzzer target
# (fuzz-date, fuzz-url, fuzz-feed, fuzz-html, fuzz-htmltext, fuzz-config,
# fuzz-event, fuzz-opml, fuzz-tag) for SECONDS, seeded from the test
# fixtures and the unit-test tables, in a fresh corpus directory.
# BUILDDIR defaults to the current directory; the build must come from
# `CC=clang ./configure --enable-fuzzing`.  Exits non-zero on a crash,
# leak or sanitizer report; the reproducer is left in the current
# directory as crash-* / leak-*.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 TARGET SECONDS [BUILDDIR]" >&2
	exit 2
fi
target=$1
secs=$2
builddir=${3:-.}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
bin=$builddir/tests/fuzz/$target
if [ ! -x "$bin" ]; then
	echo "$0: no $bin (configure with --enable-fuzzing)" >&2
	exit 2
fi

corpus=$(mktemp -d "${TMPDIR:-/tmp}/crier-$target.XXXXXX")
trap 'rm -rf "$corpus"' EXIT INT TERM

n=0
seed_file() {
	n=$((n + 1))
	cp "$1" "$corpus/seed-$n"
}
seed_text() {
	n=$((n + 1))
	printf '%b' "$1" >"$corpus/seed-$n"
}
# the first string literal of each "{ "..." row of a unit-test table
seed_table() {
	[ -f "$1" ] || return 0
	sed -n 's/^[[:space:]]*{ "\(\([^"\\]\|\\.\)*\)".*/\1/p' "$1" >"$corpus/lines"
	while IFS= read -r line; do
		seed_text "$line"
	done <"$corpus/lines"
	rm -f "$corpus/lines"
}
seed_files() {
	for f in $(find "$@" -type f \( -name '*.xml' -o -name '*.json' \
	    -o -name '*.rss' -o -name '*.atom' -o -name '*.html' \
	    -o -name '*.conf' \) 2>/dev/null | sort | head -n 500); do
		seed_file "$f"
	done
}

case $target in
fuzz-date)
	seed_table "$srcdir/tests/unit/t-date.c"
	;;
fuzz-url)
	# "BASE\nREF" pairs and single URLs
	sed -n 's/^[[:space:]]*{ \(RFC_BASE\|"[^"]*"\), "\([^"]*\)", "[^"]*" },.*/\1\n\2/p' \
	    "$srcdir/tests/unit/t-url.c" |
	    sed 's/^RFC_BASE$/"http:\/\/a\/b\/c\/d;p?q"/; s/^"\(.*\)"$/\1/' \
	    >"$corpus/lines"
	while IFS= read -r b && IFS= read -r r; do
		seed_text "$b\n$r"
	done <"$corpus/lines"
	rm -f "$corpus/lines"
	seed_table "$srcdir/tests/unit/t-url.c"
	;;
fuzz-feed|fuzz-html|fuzz-htmltext)
	seed_files "$srcdir/tests/parse" "$srcdir/tests/data"
	;;
fuzz-config)
	seed_file "$srcdir/feeds.conf"
	seed_files "$srcdir/tests/data" "$srcdir/tests/cli"
	;;
fuzz-event)
	# the unit tests' announcements, and zone files for the TZif reader
	grep -o '"\([^"\\]\|\\.\)\{8,\}"' "$srcdir/tests/unit/t-event.c" |
	    sed 's/^"//; s/"$//' >"$corpus/lines"
	while IFS= read -r line; do
		seed_text "$line"
	done <"$corpus/lines"
	rm -f "$corpus/lines"
	for z in America/New_York Europe/Dublin Australia/Lord_Howe; do
		if [ -f "${TZDIR:-/usr/share/zoneinfo}/$z" ]; then
			seed_file "${TZDIR:-/usr/share/zoneinfo}/$z"
		fi
	done
	;;
fuzz-opml)
	for f in "$srcdir"/tests/data/opml/*.opml; do
		seed_file "$f"
	done
	seed_text '<opml><body><outline text="a"><outline xmlUrl="https://a.example/" category="/x,/y/z"/></outline></body></opml>'
	;;
fuzz-tag)
	# the shipped rules' patterns, each over a post that could match
	sed -n 's/^[[:space:]]*\(match\|exclude\) = //p' "$srcdir/feeds.conf" \
	    >"$corpus/lines"
	while IFS= read -r line; do
		seed_text "$line\nJoin our community call: new report on 5 June\nWe publish our survey; funding for the 2025 index"
	done <"$corpus/lines"
	rm -f "$corpus/lines"
	seed_text 'colou?r|(a|b(c|d))e|gu(\303\255|i)a\nthe colour guia\nbce'
	;;
*)
	echo "$0: unknown target '$target'" >&2
	exit 2
	;;
esac
[ "$n" -gt 0 ] || seed_text "x"

echo "$target: $n seeds, $secs seconds"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
	"$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 "$corpus"
