#!/bin/sh
# t090-conformance.sh: the shared conformance runner on the feedparser
# corpus, read in place from ../shared (never copied here).  Fails if the
# pass count drops below the floor; skipped where ../shared or Python is
# absent (a user's clone).
. "$top_srcdir/tests/cli/lib.sh"

# what the parser reached (1422 of 1423), minus a small margin
FLOOR=1415

shared="$top_srcdir/../shared"
runner="$shared/conformance/run.py"
command -v "${PYTHON:-python3}" >/dev/null 2>&1 || test_skip_all "no python3"
[ -f "$runner" ] && [ -f "$shared/corpus/feedparser/expected.jsonl" ] ||
	test_skip_all "no ../shared conformance corpus"

test_expect "conformance: at least $FLOOR tests pass" '
	"${PYTHON:-python3}" "$runner" --corpus "$shared/corpus/feedparser" \
	    --cmd "$CRIER parse --json --base {base} {file}" >report 2>&1
	cat report
	passed=$(tail -n 1 report | sed -n "s/^\([0-9]*\) passed.*/\1/p")
	test -n "$passed" && test "$passed" -ge $FLOOR
'
# the fast reader and the libxml2 fallback must agree: the same count
test_expect "conformance: libxml2 alone passes as many" '
	passed=$(tail -n 1 report | sed -n "s/^\([0-9]*\) passed.*/\1/p")
	CRIER_XML_READER=libxml2 "${PYTHON:-python3}" "$runner" \
	    --corpus "$shared/corpus/feedparser" \
	    --cmd "$CRIER parse --json --base {base} {file}" >report2 2>&1
	tail -n 1 report2
	passed2=$(tail -n 1 report2 | sed -n "s/^\([0-9]*\) passed.*/\1/p")
	test -n "$passed2" && test "$passed2" -eq "$passed"
'
test_done
