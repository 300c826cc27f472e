#!/bin/sh
# t041-sqlite-shell.sh: the database is SQLite's own: the sqlite3 shell
# deletes and edits items of a database `crier poll` made (no custom
# tokenizer or function in its schema), crier reads it after, and its
# next write brings the search index up to date.
. "$top_srcdir/tests/cli/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || test_skip_all 'no sqlite3 shell'

mkdir -p www
cat > www/a.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed A</title>
<link>https://a.example/</link>
<item><guid>a1</guid><title>Community call on privacy</title>
<link>https://a.example/1</link>
<pubDate>Thu, 20 Oct 2022 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Join the &lt;b&gt;call&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><guid>a2</guid><title>Café report</title>
<link>https://a.example/2</link>
<pubDate>Fri, 21 Oct 2022 09:00:00 GMT</pubDate>
<description>A naïve résumé.</description></item>
<item><guid>a3</guid><title>Plain news</title>
<link>https://a.example/3</link>
<pubDate>Sat, 22 Oct 2022 09:00:00 GMT</pubDate>
<description>Nothing else.</description></item>
</channel></rss>
XML
write_conf <<EOF
[feed "file://$TMP/www/a.xml"]
EOF
DB="$CRIER_DB"
fts() {
	sqlite3 "$DB" "SELECT group_concat(rowid, ',') FROM items_fts
	    WHERE items_fts MATCH '$1'"
}

test_expect 'poll fills the database' '
	crier poll &&
	test "$(crier list | wc -l)" = 3
'
test_expect 'the sqlite3 shell searches the index, accents or not' '
	test "$(fts cafe)" = 2 && test "$(fts "resume AND naive")" = 2
'
test_expect 'the sqlite3 shell deletes an item' '
	sqlite3 "$DB" "DELETE FROM items WHERE id = 1" &&
	test "$(sqlite3 "$DB" "SELECT count(*) FROM items")" = 2
'
test_expect 'the sqlite3 shell edits a title' '
	sqlite3 "$DB" "UPDATE items SET title = '"'Zebra report'"' WHERE id = 2"
'
test_expect 'crier reads the database after' '
	crier list >list.out &&
	test $(wc -l <list.out) = 2 &&
	grep "Zebra report" list.out && ! grep Community list.out &&
	crier show 2 | grep "Zebra report"
'
test_expect 'the next poll catches the index up (the edit stays: the feed did not change)' '
	crier poll --force &&
	test "$(sqlite3 "$DB" "SELECT count(*) FROM items_fts_stale")" = 0 &&
	test -z "$(fts cafe)" && test "$(fts zebra)" = 2 &&
	test "$(fts "title:community")" = 4
'
test_expect 'the index is sound after' '
	test "$(crier list | wc -l)" = 3 &&
	test "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok &&
	sqlite3 "$DB" "INSERT INTO items_fts(items_fts) VALUES ('"'integrity-check'"')"
'
test_done
