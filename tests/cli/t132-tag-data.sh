#!/bin/sh
# t132-tag-data.sh: the labelled posts of tests/data/tagging are well
# formed (tests/data/tagging/check.py: the keys, known tags and shapes, a
# community call is an event, an event's words are in the post and its
# date near the post's), and the checker refuses a post that is not.
. "$top_srcdir/tests/cli/lib.sh"

: "${PYTHON:=python3}"
command -v "$PYTHON" >/dev/null 2>&1 || test_skip_all 'no python3'
check=$top_srcdir/tests/data/tagging/check.py

test_expect 'every labelled post is well formed' '
	"$PYTHON" "$check" "$top_srcdir"/tests/data/tagging/*.jsonl
'

test_expect 'a call that is no event is refused' '
	head -n 1 "$top_srcdir"/tests/data/tagging/d-probe.jsonl |
	    sed "s/\"tags\": \[[^]]*\]/\"tags\": [\"community-call\"]/" >bad.jsonl &&
	grep -q "\"tags\": \[\"community-call\"\]" bad.jsonl &&
	! "$PYTHON" "$check" bad.jsonl >out &&
	grep -q "community-call without event" out
'

test_done
