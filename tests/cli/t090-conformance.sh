#!/bin/sh
# t090-conformance.sh: the shared conformance runner on the feedparser
# corpus, read in place from ../shared (never copied here).  Fails if a
# case fails that is not one crier fails on purpose; skipped where ../shared or Python is
# absent (a user's clone).
. "$top_srcdir/tests/cli/lib.sh"

# The cases crier fails on purpose, and nothing else.  feedparser keeps
# form controls and shows the text of <script> and <title> written in
# content; crier's sanitizer drops both (crier(1), SANITIZING).
# item_description_not_a_doctype expects a "<!DOCTYPE" written in a
# description to be dropped as one; crier keeps the text it is.
allowed='wellformed/rss/item_description_not_a_doctype.xml
wellformed/sanitize/acceptable_element_button.xml
wellformed/sanitize/acceptable_element_datalist.xml
wellformed/sanitize/acceptable_element_form.xml
wellformed/sanitize/acceptable_element_input.xml
wellformed/sanitize/acceptable_element_keygen.xml
wellformed/sanitize/acceptable_element_optgroup.xml
wellformed/sanitize/acceptable_element_option.xml
wellformed/sanitize/acceptable_element_select.xml
wellformed/sanitize/acceptable_element_textarea.xml
wellformed/sanitize/entry_content_crazy.xml
wellformed/sanitize/entry_summary_crazy.xml
wellformed/sanitize/entry_title_crazy.xml
wellformed/sanitize/feed_subtitle_crazy.xml
wellformed/sanitize/feed_tagline_crazy.xml
wellformed/sanitize/feed_title_crazy.xml
wellformed/sanitize/item_content_encoded_crazy.xml
wellformed/sanitize/item_description_crazy.xml'
FLOOR=1405

shared="$top_srcdir/../shared"
runner="$shared/conformance/run.py"
command -v "${PYTHON:-python3}" >/dev/null 2>&1 || test_skip_all "no python3"
[ -f "$runner" ] && [ -f "$shared/corpus/feedparser/expected.jsonl" ] ||
	test_skip_all "no ../shared conformance corpus"

failed_cases() {	# REPORT.json -> the failing cases, one a line
	"${PYTHON:-python3}" -c '
import json, sys
for t in json.load(open(sys.argv[1]))["tests"]:
    if t["status"] != "pass":
        print(t["file"])' "$1"
}

test_expect "conformance: at least $FLOOR tests pass, none but the known fail" '
	"${PYTHON:-python3}" "$runner" --corpus "$shared/corpus/feedparser" \
	    --cmd "$CRIER parse --json --base {base} {file}" \
	    --json-report report.json >report 2>&1
	tail -n 1 report
	passed=$(tail -n 1 report | sed -n "s/^\([0-9]*\) passed.*/\1/p")
	failed_cases report.json >failed &&
	printf "%s\n" "$allowed" >allowed &&
	! grep -vxF -f allowed failed &&
	test -n "$passed" && test "$passed" -ge $FLOOR
'
# the fast reader and the libxml2 fallback must agree: the same count
test_expect "conformance: libxml2 alone passes as many" '
	passed=$(tail -n 1 report | sed -n "s/^\([0-9]*\) passed.*/\1/p")
	"${PYTHON:-python3}" "$runner" \
	    --corpus "$shared/corpus/feedparser" \
	    --cmd "$CRIER parse --json --libxml2 --base {base} {file}" \
	    >report2 2>&1
	tail -n 1 report2
	passed2=$(tail -n 1 report2 | sed -n "s/^\([0-9]*\) passed.*/\1/p")
	test -n "$passed2" && test "$passed2" -eq "$passed"
'
test_done
