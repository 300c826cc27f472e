#!/bin/sh
# t083-completion.sh: contrib/crier.bash-completion, sourced in bash,
# completes commands, a command's options, option values (tags from
# `crier tags`, feed URLs from `crier feeds`, formats) and feed URLs
# after remove, with ':' a word break as in an interactive bash.
. "$top_srcdir/tests/cli/lib.sh"

command -v bash >/dev/null 2>&1 || test_skip_all "no bash"
D=$(cd "$top_srcdir/tests/data/verbs" && pwd)
write_conf <<EOF2
[feed "file://$D/feed.xml"]
	tags = site small
[feed "file://$D/other.atom"]
EOF2
crier poll >/dev/null 2>&1

# complete WORDS...: the replies for the last word, one per line
cat >complete.sh <<'EOF2'
. "$top_srcdir/contrib/crier.bash-completion"
COMP_WORDBREAKS=${COMP_WORDBREAKS:-$' \t\n"'"'"'><=;|&(:'}
line="$*"
# split as bash would, ':' apart
read -r -a COMP_WORDS <<<"$(printf '%s' "$line" | sed 's/:/ : /g')"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_WORDS[0]=$CRIER
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_crier
printf '%s\n' "${COMPREPLY[@]}"
EOF2
complete() { bash complete.sh "$@"; }

test_expect 'commands' '
	complete "crier im" >out && printf "import-opml\n" | cmp - out &&
	complete "crier -c x.conf re" | sort >out &&
	printf "read\nremove\nretag\n" | cmp - out
'
test_expect 'a command'"'"'s options' '
	complete "crier add --t" | sort >out &&
	printf -- "--tag\n--title\n" | cmp - out &&
	complete "crier remove -" | grep -x -- --purge
'
test_expect 'global options' '
	complete "crier --ver" | sort >out &&
	printf -- "--verbose\n--version\n" | cmp - out
'
test_expect 'tag names after --tag' '
	complete "crier list --tag " | sort >out &&
	printf "site\nsmall\n" | cmp - out &&
	complete "crier digest --tag si" >out && printf "site\n" | cmp - out
'
test_expect 'feed URLs after remove and --feed, across the colon' '
	complete "crier remove " | sort >out &&
	printf "file://%s/feed.xml\nfile://%s/other.atom\n" "$D" "$D" | cmp - out &&
	complete "crier list --feed file://$D/o" >out &&
	printf "//%s/other.atom\n" "$D" | cmp - out
'
test_expect 'formats, and nothing after an option that takes text' '
	complete "crier digest --format m" >out && printf "markdown\n" | cmp - out &&
	complete "crier events -F " | sort >out && printf "ics\njson\ntext\n" | cmp - out &&
	complete "crier add --title " >out && ! grep . out
'
test_done
