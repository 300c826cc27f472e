#!/bin/sh
# t140-po.sh: the translations are complete.  Every language of
# po/LINGUAS compiles with msgfmt --check (formats, plurals, header) and
# has no fuzzy or untranslated message, and every message the sources
# mark for translation (xgettext over po/POTFILES.in) is in it, so a new
# message without its translations fails here, not in a user's terminal.
. "$top_srcdir/tests/cli/lib.sh"
TMP=$TEST_TMP
cd "$TMP" || exit 99

command -v msgfmt >/dev/null 2>&1 || test_skip_all "no msgfmt (gettext)"
command -v xgettext >/dev/null 2>&1 || test_skip_all "no xgettext (gettext)"

PO=$top_srcdir/po
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --keyword=Q_:1,2 \
    --from-code=UTF-8 -C -o "$TMP/sources.pot" $(cat po/POTFILES.in)) ||
	exit 99
# msgids: every message's msgid, one per line (continuations joined)
msgids() {
	msgcat --no-wrap --sort-output "$1" | awk '
	/^msgid / { s = substr($0, 7); m = 1; next }
	/^"/ && m { s = s $0; next }
	m { if (s != "\"\"") print s; m = 0 }'
}
msgids "$TMP/sources.pot" | sort >want

for lang in $(cat "$PO/LINGUAS"); do
	test_expect "$lang: msgfmt --check, nothing fuzzy or untranslated" "
		msgfmt --check --statistics -o /dev/null '$PO/$lang.po' 2>stat &&
		cat stat && ! grep -E 'fuzzy|untranslated' stat
	"
	test_expect "$lang: every message of the sources is translated" "
		msgids '$PO/$lang.po' | sort >have &&
		comm -23 want have >missing && cat missing && ! test -s missing
	"
done
test_done
