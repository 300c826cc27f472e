/*
 * tests/unit/t-store.c: opening the store: migrations from empty, a
 * reopen, the writer lock (a second writer is refused and told the pid,
 * a reader still works), a reader on a missing database, feed state,
 * tags, digest marks and search; a version 2 database upgraded in place.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse/feed.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

/* the schema version of a database made or upgraded by this store */
#define SCHEMA_LATEST	12

static char	dir[] = "/tmp/crier-store.XXXXXX";

static long long
sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	long long	 v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

static int
count_cb(const struct store_item *it, void *arg)
{
	(void)it;
	(*(long long *)arg)++;
	return 0;
}

static long long
nquery(struct store *st, struct store_query *q)
{
	long long n = 0;

	if (store_items_query(st, q, count_cb, &n) == -1)
		return -1;
	return n;
}

/* the rows of the search index that the FTS5 query m matches, read as
 * any program with SQLite would */
static long long
nmatch(const char *path, const char *m)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM items_fts WHERE"
	    " items_fts MATCH '%s'", m);
	return sql_int(path, sql);
}

static int
tag_cb(const char *tag, long long n, void *arg)
{
	char	*out = arg;
	size_t	 len = strlen(out);

	snprintf(out + len, 128 - len, "%s=%lld;", tag, n);
	return 0;
}

static void
cleanup(const char *path)
{
	static const char *sfx[] = { "", "-wal", "-shm", ".lock" };
	size_t	i;
	char	*p;

	for (i = 0; i < nitems(sfx); i++) {
		xasprintf(&p, "%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

/* the first row's first column of sql on the database at path, as text
 * (malloc'd), or NULL */
static char *
sql_text(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	char		*v = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW &&
		    sqlite3_column_text(s, 0) != NULL)
			v = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

/* runs sql on its own connection; 0, or -1 */
static int
sql_exec(const char *path, const char *sql)
{
	sqlite3	*db;
	int	 rc;

	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 5000);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * A database as crier left it at schema version 2 (steps 1 and 2 as they
 * shipped: items with the long texts before the times), with two feeds,
 * three items (one body long enough for a chain of overflow pages), tags,
 * a mark and the search index.
 */
static const char v2_schema[] =
	"PRAGMA page_size = 1024;"
	"PRAGMA journal_mode = WAL;"
	"CREATE TABLE feeds ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" title TEXT, link TEXT, etag TEXT, last_modified TEXT,"
	" last_status INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" error_count INTEGER NOT NULL DEFAULT 0,"
	" last_poll INTEGER, last_success INTEGER, next_poll INTEGER);"
	"CREATE TABLE items ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL,"
	" guid TEXT,"
	" title TEXT,"
	" link TEXT,"
	" canonical_link TEXT,"
	" published INTEGER, updated INTEGER,"
	" author TEXT, summary TEXT, content TEXT,"
	" categories TEXT,"
	" enclosures TEXT,"
	" content_hash INTEGER NOT NULL,"
	" first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
	" changed_at INTEGER,"
	" unread INTEGER NOT NULL DEFAULT 1,"
	" event_start INTEGER, event_end INTEGER,"
	" event_allday INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (feed_id, key));"
	"CREATE INDEX items_canonical ON items(canonical_link);"
	"CREATE INDEX items_first_seen ON items(first_seen);"
	"CREATE TABLE item_tags ("
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" tag TEXT NOT NULL, source TEXT,"
	" PRIMARY KEY (item_id, tag)) WITHOUT ROWID;"
	"CREATE INDEX item_tags_tag ON item_tags(tag);"
	"CREATE TABLE digest_marks ("
	" digest TEXT NOT NULL,"
	" item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
	" sent_at INTEGER NOT NULL,"
	" PRIMARY KEY (digest, item_id)) WITHOUT ROWID;"
	"CREATE INDEX digest_marks_item ON digest_marks(item_id);"
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, body, content='',"
	" tokenize='unicode61 remove_diacritics 2');"
	"CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN"
	" INSERT INTO items_fts(items_fts, rowid, title, body) VALUES"
	"  ('delete', old.id, crier_fts_text(old.title),"
	"  crier_fts_text(coalesce(old.content, old.summary)));"
	" END;"
	"CREATE TRIGGER items_fts_au AFTER UPDATE OF title, summary, content"
	" ON items BEGIN"
	" INSERT INTO items_fts(items_fts, rowid, title, body) VALUES"
	"  ('delete', old.id, crier_fts_text(old.title),"
	"  crier_fts_text(coalesce(old.content, old.summary)));"
	" INSERT INTO items_fts(rowid, title, body) VALUES (new.id,"
	"  crier_fts_text(new.title),"
	"  crier_fts_text(coalesce(new.content, new.summary)));"
	" END;"
	"INSERT INTO feeds(id, url, title, last_status) VALUES"
	" (1, 'https://a.example/feed', 'A', 200),"
	" (2, 'https://b.example/feed', 'B', 200);"
	/* item 1's body is ~6 KB: overflow pages with 1 KiB pages */
	"INSERT INTO items(id, feed_id, key, guid, title, link, canonical_link,"
	" published, updated, author, summary, content, categories,"
	" enclosures, content_hash, first_seen, last_seen, changed_at, unread,"
	" event_start, event_end, event_allday) VALUES"
	" (1, 1, 'g:a1', NULL, 'Community call on encryption', NULL,"
	"  'https://a.example/1', 1500, NULL, 'Ann', NULL,"
	"  '<p>' || replace(hex(zeroblob(1500)), '00', 'bla ') ||"
	"  ' keyword</p>', 'Calls' || char(31) || 'Tech',"
	"  'https://a.example/1.mp3' || char(31) || 'audio/mpeg' || char(31)"
	"  || '123', 11, 1000, 1100, NULL, 1, 5000, 8600, 0),"
	" (2, 1, 'g:a2', 'urn:a2', 'Annual report', 'https://a.example/2?x=1',"
	"  'https://a.example/2', 1600, 1700, NULL, 'Short summary',"
	"  '<p>Long report text</p>', NULL, NULL, 22, 1001, 1101, 1050, 0,"
	"  NULL, NULL, 0),"
	" (3, 2, 'l:https://b.example/3', NULL, 'Town hall', NULL,"
	"  'https://b.example/3', NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	"  33, 1002, 1102, NULL, 1, 7000, NULL, 1);"
	"INSERT INTO item_tags(item_id, tag, source) VALUES"
	" (1, 'community-call', 'rule community-call: title'),"
	" (1, 'security', NULL), (2, 'report', 'feed'),"
	" (3, 'community-call', 'rule community-call: title');"
	"INSERT INTO digest_marks(digest, item_id, sent_at) VALUES"
	" ('weekly', 2, 3000);"
	"INSERT INTO items_fts(rowid, title, body) VALUES"
	" (1, 'Community call on encryption',"
	"  replace(hex(zeroblob(1500)), '00', 'bla ') || ' keyword'),"
	" (2, 'Annual report', 'Long report text'),"
	" (3, 'Town hall', NULL);"
	"PRAGMA user_version = 2;";

/*
 * every stored value of items, tags and marks, in one string; the key
 * as the guid it spells (migration 10 writes keys in their identity
 * form: the guid shown stays)
 */
#define ITEMS_DUMP \
	"SELECT group_concat(r, '|') FROM (SELECT quote(id) || quote(feed_id)" \
	" || quote(coalesce(guid, CASE WHEN substr(key, 1, 2) = 'g:'" \
	" THEN substr(key, 3) END)) || quote(title) || quote(link) ||" \
	" quote(canonical_link) || quote(published) || quote(updated) ||" \
	" quote(author) || quote(summary) || quote(content) ||" \
	" quote(categories) || quote(enclosures) || quote(content_hash) ||" \
	" quote(first_seen) || quote(last_seen) || quote(changed_at) ||" \
	" quote(unread) || quote(event_start) || quote(event_end) ||" \
	" quote(event_allday) AS r FROM items ORDER BY id)"
#define LINKS_DUMP \
	"SELECT (SELECT group_concat(item_id || tag || quote(source), '|')" \
	" FROM item_tags) || '/' || (SELECT group_concat(digest || item_id" \
	" || sent_at, '|') FROM digest_marks)"
#define SCHEMA_DUMP \
	"SELECT group_concat(type || name || tbl_name || quote(sql), '|')" \
	" FROM (SELECT * FROM sqlite_master ORDER BY name)"

/* 20 tests: a version 2 database upgrades in place, keeping every row */
static void
test_upgrade(void)
{
	struct store_query	 q;
	struct store_item	 it;
	struct feed		*f;
	struct entry		*e;
	struct store		*w;
	struct store_prep	*prep;
	sqlite3			*db;
	char			*path, *fresh, *cause = NULL, *items, *links;
	char			*v, *schema;
	int			 rc;

	xasprintf(&path, "%s/v2.db", dir);
	xasprintf(&fresh, "%s/fresh.db", dir);
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, v2_schema, NULL, NULL, NULL);
	ok(rc == SQLITE_OK, "a version 2 database made by hand%s%s",
	    rc ? ": " : "", rc ? sqlite3_errmsg(db) : "");
	sqlite3_close(db);
	items = sql_text(path, ITEMS_DUMP);
	links = sql_text(path, LINKS_DUMP);

	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "the store opens it%s%s", cause ? ": " : "",
	    cause ? cause : "");
	if (w == NULL) {
		free(cause);
		return;
	}
	is_int(sql_int(path, "PRAGMA user_version"), SCHEMA_LATEST,
	    "it is upgraded");
	v = sql_text(path, ITEMS_DUMP);
	ok(items && v && strcmp(items, v) == 0, "every item value is kept");
	free(v);
	v = sql_text(path, LINKS_DUMP);
	ok(links && v && strcmp(links, v) == 0, "every tag and mark is kept");
	free(v);
	v = sql_text(path, "SELECT group_concat(name, ',') FROM"
	    " (SELECT name FROM pragma_table_info('items') ORDER BY cid)");
	ok(v && strncmp(v, "id,feed_id,content_hash,", 24) == 0 &&
	    strlen(v) > 24 && strcmp(v + strlen(v) - 16, ",summary,content")
	    == 0, "small columns first, the bodies last: %s", v ? v : "-");
	free(v);
	/* migration 5 no longer makes text: the store keeps what it is
	 * given, and the poll gives the excerpts of new and edited items */
	is_int(sql_int(path, "SELECT count(brief) FROM items"), 0,
	    "the old items have no excerpt");
	v = sql_text(path, "PRAGMA integrity_check");
	ok(v && strcmp(v, "ok") == 0 && sql_int(path, "SELECT count(*) FROM"
	    " pragma_foreign_key_check") == 0, "integrity and foreign keys");
	free(v);
	v = sql_text(path, "SELECT group_concat(key, ' ') FROM"
	    " (SELECT key FROM items ORDER BY id)");
	is_str(v ? v : "-", "g:a1 g:a2 l:b.example/3",
	    "a link key in its identity form (migration 10)");
	free(v);

	/* through the store: tags, event, marks, search */
	ok(store_item_get(w, 1, &it) == 0 && it.ntags == 2 &&
	    strcmp(it.tags[0], "community-call") == 0 &&
	    it.event_start == 5000 && it.ncategories == 2 &&
	    it.first_seen == 1000 && it.unread == 1,
	    "an item reads back with its tags, event and categories");
	store_item_release(&it);
	store_query_init(&q);
	q.unsent = "weekly";
	is_int(nquery(w, &q), 2, "the mark still counts");
	is_int(nmatch(path, "keyword"), 1,
	    "the search index still finds a body word");
	v = sql_text(path, "SELECT sql FROM sqlite_master WHERE name ="
	    " 'items_fts'");
	ok(v && strstr(v, "detail=column") != NULL,
	    "the search index keeps columns, not positions: %s", v ? v : "-");
	free(v);
	is_int(nmatch(path, "title:keyword"), 0,
	    "a column filter works on it");
	is_int(nmatch(path, "keyw*"), 1, "so does a prefix");

	/* the update trigger is back: an edited item is indexed again */
	f = feed_new();
	e = feed_add_entry(f);
	e->id = xstrdup("a1");
	e->title = xstrdup("Community call moved");
	e->content = xstrdup("<p>Now about elephants</p>");
	e->published = 1500;
	prep = store_items_prepare(f);
	store_prep_set_brief(prep, 0, xstrdup("Now about elephants"));
	ok(store_items_merge_prep(w, 1, f, prep, 2000, NULL, NULL,
	    NULL) == 0 && sql_int(path, "SELECT count(*) FROM items") == 3,
	    "an edit merges into the upgraded table");
	store_prep_free(prep);
	is_int(nmatch(path, "elephants") * 10 + nmatch(path, "keyword"), 10,
	    "the search index follows the edit");
	v = sql_text(path, "SELECT brief FROM items WHERE id = 1");
	ok(v && strcmp(v, "Now about elephants") == 0,
	    "so does the excerpt it was given: %s", v ? v : "-");
	free(v);
	feed_free(f);
	store_close(w);

	/* a new database ends with the same schema */
	w = store_open(fresh, STORE_WRITER, &cause);
	store_close(w);
	schema = sql_text(path, SCHEMA_DUMP);
	v = sql_text(fresh, SCHEMA_DUMP);
	ok(schema && v && strcmp(schema, v) == 0,
	    "a new database has the upgraded one's schema");
	free(v);
	free(schema);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL && sql_int(path, "PRAGMA user_version") == SCHEMA_LATEST,
	    "reopening the upgraded database changes nothing");
	store_close(w);
	free(cause);
	free(items);
	free(links);
	cleanup(path);
	cleanup(fresh);
	free(path);
	free(fresh);
}

/*
 * 4 tests: with the checkpoint thread on, the WAL reaches the database
 * file while the writer goes on, the thread stops cleanly, and nothing
 * is lost.
 */
static void
test_checkpoint_thread(void)
{
	struct store_feed sf;
	struct feed	*f;
	struct entry	*e;
	struct store	*w;
	struct stat	 sb;
	char		*path, *cause = NULL, body[4096 + 1];
	off_t		 before = 0;
	int		 i, j, rc = 0, grew = 0;

	memset(&sf, 0, sizeof(sf));
	xasprintf(&path, "%s/ckpt.db", dir);
	w = store_open(path, STORE_WRITER, &cause);
	if (w == NULL) {
		ok(0, "a writer opens: %s", cause);
		free(cause);
		free(path);
		return;
	}
	if (store_feed_get(w, "https://ckpt.example/feed", &sf) == -1)
		memset(&sf, 0, sizeof(sf));
	is_int(store_checkpoint_thread(w, 1), 0, "the thread starts");
	if (stat(path, &sb) == 0)
		before = sb.st_size;
	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	/* 24 MB of items, one feed of 200 a commit */
	for (i = 0; i < 30 && rc == 0; i++) {
		f = feed_new();
		for (j = 0; j < 200; j++) {
			e = feed_add_entry(f);
			xasprintf(&e->id, "ckpt-%d-%d", i, j);
			e->title = xstrdup("Checkpoint test");
			body[j % 4000] = (char)('a' + i % 26);
			e->content = xstrdup(body);
		}
		rc = store_items_merge(w, sf.id, f, 1000 + i, NULL, NULL,
		    NULL);
		feed_free(f);
	}
	if (rc != 0)
		printf("# merge: %s\n", store_error(w));
	/* the thread works on its own time: wait for it (10 s at most) */
	for (i = 0; i < 1000 && !grew; i++) {
		if (stat(path, &sb) == 0 && sb.st_size > before + 8 * 1024 *
		    1024)
			grew = 1;
		else
			usleep(10000);
	}
	ok(rc == 0 && grew, "the database file grew while the writer wrote"
	    " (%lld -> %lld bytes)", (long long)before,
	    (long long)sb.st_size);
	is_int(store_checkpoint_thread(w, 0), 0, "the thread stops");
	store_close(w);
	is_int(sql_int(path, "SELECT count(*) FROM items"), 6000,
	    "every item is there after the close");
	store_feed_release(&sf);
	cleanup(path);
	free(path);
}

/*
 * 9 tests: bodies are kept LZ4-compressed when that pays, read back
 * whole, and a damaged one is refused; rows of text (as an older crier
 * wrote them) read as they are.
 */
static void
test_bodies(void)
{
	struct store_feed sf;
	struct store_item it;
	struct feed	*f;
	struct entry	*e;
	struct store	*w;
	struct buf	 html = BUF_INIT;
	char		*path, *cause = NULL, *z = NULL, *t = NULL, *v = NULL;
	size_t		 zn = 0, tn = 0, i;
	unsigned int	 seed = 7;
	int		 packed;
	char		 noise[600];

	for (i = 0; i < 200; i++)
		buf_addf(&html, "<p>Paragraph %zu about digital rights and"
		    " humanitarian data.</p>", i);
	/* NOTE: packed first: ok()'s arguments are read in any order */
	packed = store_body_pack(html.s, html.len, &z, &zn);
	ok(packed == 1 && zn <
	    html.len / 2 && store_body_unpack(z, zn, &t, &tn) == 0 &&
	    tn == html.len && strcmp(t, html.s) == 0,
	    "a long body is packed to less than half and unpacked whole"
	    " (%zu -> %zu bytes)", html.len, zn);
	free(t);
	z[zn - 3] ^= 0x55;
	z[1] ^= 0x01;
	ok(store_body_unpack(z, zn, &t, &tn) == -1 && t == NULL,
	    "a damaged one is refused");
	ok(store_body_unpack(z, 3, &t, &tn) == -1, "so is a cut one");
	free(z);
	ok(store_body_pack("<p>short</p>", 12, &z, &zn) == 0 && z == NULL,
	    "a short body stays text");
	for (i = 0; i < sizeof(noise) - 1; i++)
		noise[i] = (char)(33 + rand_r(&seed) % 90);
	noise[sizeof(noise) - 1] = '\0';
	ok(store_body_pack(noise, strlen(noise), &z, &zn) == 0,
	    "so does one that does not compress");

	memset(&sf, 0, sizeof(sf));
	xasprintf(&path, "%s/bodies.db", dir);
	w = store_open(path, STORE_WRITER, &cause);
	if (w == NULL || store_feed_get(w, "https://b.example/feed", &sf)
	    == -1) {
		ok(0, "a writer opens: %s", cause ? cause : "-");
		free(cause);
		free(path);
		buf_release(&html);
		return;
	}
	f = feed_new();
	e = feed_add_entry(f);
	e->id = xstrdup("long");
	e->title = xstrdup("Long");
	e->content = xstrdup(html.s);
	e->summary = xstrdup(noise);
	ok(store_items_merge(w, sf.id, f, 1000, NULL, NULL, NULL) == 0 &&
	    (v = sql_text(path, "SELECT typeof(content) || ' ' ||"
	    " typeof(summary) FROM items")) != NULL &&
	    strcmp(v, "blob text") == 0, "stored as a blob and as text");
	free(v);
	feed_free(f);
	ok(store_item_get(w, 1, &it) == 0 && it.content &&
	    strcmp(it.content, html.s) == 0 && it.summary &&
	    strcmp(it.summary, noise) == 0, "both read back as they were");
	store_item_release(&it);
	is_int(nmatch(path, "humanitarian"), 1, "the search index has the"
	    " packed body's words");
	/* an older crier's row: text, whatever its length */
	ok(sql_exec(path, "INSERT INTO items(feed_id, key, title, content,"
	    " content_hash, first_seen, last_seen) VALUES (1, 'g:old', 'Old',"
	    " '<p>' || hex(zeroblob(300)) || '</p>', 1, 1, 1)") == 0 &&
	    store_item_get(w, 2, &it) == 0 && it.content &&
	    strlen(it.content) == 607, "a row of text reads as it is");
	store_item_release(&it);
	store_feed_release(&sf);
	store_close(w);
	cleanup(path);
	free(path);
	buf_release(&html);
}

/* copies the file at from to to; -1 on failure */
static int
copy_file(const char *from, const char *to)
{
	FILE	*in, *out;
	char	 b[8192];
	size_t	 n;
	int	 rc = 0;

	if ((in = fopen(from, "rb")) == NULL)
		return -1;
	if ((out = fopen(to, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(b, 1, sizeof(b), in)) > 0)
		if (fwrite(b, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

/*
 * 9 tests: tests/data/store/crier-v5.db, made by crier before migration
 * 6 (its search index uses the old "crier" tokenizer; 5 items of two
 * feeds polled from the feeds of tests/cli/t040-read.sh and one more
 * with accents, digest "weekly" marked on items 1-4, items 2 and 4
 * read), upgrades keeping every id, read state, mark and excerpt, and
 * its index then needs nothing of crier's.
 */
static void
test_upgrade_v5(void)
{
	const char		*top = getenv("top_srcdir");
	struct store		*w;
	sqlite3			*db;
	char			*src, *path, *cause = NULL, *v, *before;
	int			 rc;

	if (top == NULL) {
		for (rc = 0; rc < 9; rc++)
			ok(1, "# SKIP top_srcdir not set");
		return;
	}
	xasprintf(&src, "%s/tests/data/store/crier-v5.db", top);
	xasprintf(&path, "%s/v5.db", dir);
	ok(copy_file(src, path) == 0 && sql_int(path, "PRAGMA user_version")
	    == 5, "a version 5 database made by the old crier");
	before = sql_text(path, "SELECT group_concat(id || ':' || unread ||"
	    " ':' || quote(brief), '|') FROM (SELECT * FROM items ORDER BY id)");
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "the store opens it%s%s", cause ? ": " : "",
	    cause ? cause : "");
	if (w == NULL) {
		for (rc = 0; rc < 7; rc++)
			ok(0, "no store");
		goto out;
	}
	is_int(sql_int(path, "PRAGMA user_version"), SCHEMA_LATEST,
	    "it is upgraded");
	v = sql_text(path, "SELECT group_concat(id || ':' || unread || ':' ||"
	    " quote(brief), '|') FROM (SELECT * FROM items ORDER BY id)");
	ok(before && v && strcmp(before, v) == 0 && strstr(v, "1:1:") == v &&
	    strstr(v, "|4:0:'Über die Straße") != NULL,
	    "ids, read states and excerpts are kept: %.60s...", v ? v : "-");
	free(v);
	v = sql_text(path, "SELECT group_concat(digest || item_id, ',') FROM"
	    " (SELECT * FROM digest_marks ORDER BY item_id)");
	is_str(v ? v : "-", "weekly1,weekly2,weekly3,weekly4",
	    "the digest marks are kept");
	free(v);
	is_int(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE"
	    " sql LIKE '%crier%' AND name <> 'crier_meta'"), 0,
	    "nothing in the schema names crier's tokenizer or functions");
	is_int(nmatch(path, "cafe istanbul resume") * 10 +
	    nmatch(path, "community OR relayed"), 12,
	    "the rebuilt index finds the old items, accents or not");
	store_close(w);
	/* a plain connection, as the sqlite3 shell: no crier functions */
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "DELETE FROM items WHERE id = 1", NULL,
		    NULL, NULL);
	ok(rc == SQLITE_OK, "a plain connection deletes an item%s%s",
	    rc ? ": " : "", rc ? sqlite3_errmsg(db) : "");
	sqlite3_close(db);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL && store_begin(w) == 0 && store_commit(w) == 0 &&
	    sql_int(path, "SELECT count(*) FROM items_fts_stale") == 0 &&
	    nmatch(path, "community") == 0,
	    "crier's next write takes it out of the index");
	store_close(w);
out:
	free(before);
	free(cause);
	cleanup(path);
	free(path);
	free(src);
}

/* adds an RSS-like entry to f */
static void
v9_entry(struct feed *f, const char *guid, const char *link,
    const char *title, time_t date, const char *body)
{
	struct entry *e = feed_add_entry(f);

	e->id = guid ? xstrdup(guid) : NULL;
	e->link = xstrdup(link);
	e->title = xstrdup(title);
	e->published = date;
	e->summary = xstrdup(body);
}

/*
 * 9 tests: tests/data/store/crier-v9.db, made by the crier of schema 9
 * (the release before issue 13) polling two file:// feeds: site A's
 * items 1-4 on http (1 and 2 with permalink guids, 3 by its link
 * "http://www.example.org/a/", 4 with guid urn:x:4), mirror B's item 5
 * linking to https://example.org/p/1; items 1 and 3 read, digest
 * "weekly" marked on 1-4.  Upgraded, every id, read state and mark
 * stays, the keys are in identity form, and site A moved to https
 * without www. or slash is the same four items.
 */
static void
test_upgrade_v9(void)
{
	const char			*top = getenv("top_srcdir");
	struct store_merge_stats	 ms;
	struct store_item		 it;
	struct store_copy		*c = NULL;
	struct feed			*f;
	struct store			*w;
	char				*src, *path, *cause = NULL, *v, *before;
	size_t				 nc = 0;
	int				 rc;

	if (top == NULL) {
		for (rc = 0; rc < 9; rc++)
			ok(1, "# SKIP top_srcdir not set");
		return;
	}
	xasprintf(&src, "%s/tests/data/store/crier-v9.db", top);
	xasprintf(&path, "%s/v9.db", dir);
	ok(copy_file(src, path) == 0 && sql_int(path, "PRAGMA user_version")
	    == 9, "a version 9 database made by the last release");
#define V9_STATE "SELECT group_concat(id || ':' || unread || ':' ||" \
	" first_seen || ':' || coalesce((SELECT group_concat(digest) FROM" \
	" digest_marks WHERE item_id = items.id), '-'), '|') FROM" \
	" (SELECT * FROM items ORDER BY id) AS items"
	before = sql_text(path, V9_STATE);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "the store opens it%s%s", cause ? ": " : "",
	    cause ? cause : "");
	if (w == NULL) {
		for (rc = 0; rc < 7; rc++)
			ok(0, "no store");
		goto out;
	}
	is_int(sql_int(path, "PRAGMA user_version"), SCHEMA_LATEST,
	    "it is upgraded");
	v = sql_text(path, V9_STATE);
	ok(before && v && strcmp(before, v) == 0 && strncmp(v, "1:0:", 4) ==
	    0 && strstr(v, "weekly|5:1:") != NULL,
	    "ids, read states, first_seen and digest marks kept: %.70s", v ?
	    v : "-");
	free(v);
	v = sql_text(path, "SELECT group_concat(key || ' ' || quote(guid),"
	    " ' | ') FROM (SELECT * FROM items ORDER BY id)");
	is_str(v ? v : "-", "g:example.org/p/1 'http://example.org/p/1' | "
	    "g:example.org/p/2 'http://example.org/p/2' | "
	    "l:example.org/a NULL | g:urn:x:4 NULL | g:urn:b:1 NULL",
	    "keys in identity form, the guids as the feed gave them");
	free(v);

	/* site A moves to https, drops www. and the trailing slash */
	f = feed_new();
	f->link = xstrdup("https://example.org/");
	v9_entry(f, "https://example.org/p/1", "https://example.org/p/1",
	    "One", 1793613600, "Body one");
	v9_entry(f, "https://example.org/p/2", "https://example.org/p/2",
	    "Two", 1793700000, "Body two");
	v9_entry(f, NULL, "https://example.org/a", "Three", 1793786400,
	    "Body three");
	v9_entry(f, "urn:x:4", "https://example.org/p/4", "Four", 1793872800,
	    "Body four");
	rc = store_items_merge(w, 1, f, time(NULL), NULL, NULL, &ms);
	ok(rc == 0 && ms.added == 0 && sql_int(path, "SELECT count(*) FROM"
	    " items") == 5, "the move adds nothing (%d new, %d updated)",
	    ms.added, ms.updated);
	v = sql_text(path, "SELECT group_concat(id || ':' || unread || ':' ||"
	    " coalesce(link, canonical_link), ' ') FROM (SELECT * FROM items"
	    " WHERE feed_id = 1 ORDER BY id)");
	is_str(v ? v : "-", "1:0:https://example.org/p/1 "
	    "2:1:https://example.org/p/2 3:0:https://example.org/a "
	    "4:1:https://example.org/p/4",
	    "same ids and read states, the newest links");
	free(v);
	feed_free(f);
	ok(store_item_get(w, 5, &it) == 0 && store_item_copies(w, &it, NULL,
	    &c, &nc) == 0 && nc == 1 && c[0].id == 1 &&
	    store_copy_first(&c[0], &it) == 0,
	    "the mirror's copy is found in site A, the mirror's is newer");
	store_copies_free(c, nc);
	store_item_release(&it);
	ok(store_item_get(w, 1, &it) == 0 && it.key &&
	    strcmp(it.key, "g:example.org/p/1") == 0 &&
	    it.guid && strcmp(it.guid, "https://example.org/p/1") == 0,
	    "the item says its key, its guid the newest");
	store_item_release(&it);
	store_close(w);
out:
	free(before);
	free(cause);
	cleanup(path);
	free(path);
	free(src);
}

int
main(void)
{
	struct store_fetch_state	 fs;
	struct store_feed		 sf, sf2;
	struct store_query		 q;
	struct store_item		 it;
	struct feed			*f;
	struct entry			*e;
	struct store			*w, *w2, *r;
	char				*path, *missing, *cause = NULL, pid[32];
	char				 tags[128] = "";
	const char			*names[] = { "report", "event" };
	const char			*srcs[] = { "rule report: title",
					    "feed" };
	long long			 ids[1];
	struct stat			 sb;

	plan(77);
	if (mkdtemp(dir) == NULL)
		return 1;
	xasprintf(&path, "%s/crier.db", dir);
	xasprintf(&missing, "%s/none/crier.db", dir);

	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "writer opens a new database");
	if (w == NULL) {
		printf("# %s\n", cause);
		return 1;
	}
	ok(sql_int(path, "PRAGMA user_version") >= 1,
	    "migrated from empty (user_version %lld)",
	    sql_int(path, "PRAGMA user_version"));
	is_int(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name"
	    " IN ('feeds','items','item_tags','digest_marks','items_fts')"),
	    5, "every table exists");
	is_int(sql_int(path, "SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'"), 1, "the database is in WAL mode");

	/* the writer lock */
	w2 = store_open(path, STORE_WRITER, &cause);
	ok(w2 == NULL && cause != NULL, "a second writer is refused");
	snprintf(pid, sizeof(pid), "pid %ld", (long)getpid());
	ok(cause && strstr(cause, pid) != NULL, "the cause names the pid: %s",
	    cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	store_close(w2);

	/* feed state */
	ok(store_feed_get(w, "https://example.org/feed", &sf) == 0 &&
	    sf.last_status == 0 && sf.last_poll == TIME_NONE,
	    "a new feed was never fetched");
	memset(&fs, 0, sizeof(fs));
	fs.status = 200;
	fs.etag = "\"v1\"";
	fs.last_modified = "Thu, 20 Oct 2022 09:00:00 GMT";
	fs.now = 1000;
	fs.next_poll = 4600;
	fs.title = "Example";
	ok(store_feed_set_state(w, sf.id, &fs) == 0, "state after a 200");
	memset(&fs, 0, sizeof(fs));
	fs.status = 500;
	fs.error = "HTTP 500";
	fs.now = 2000;
	fs.next_poll = 2600;
	ok(store_feed_set_state(w, sf.id, &fs) == 0, "state after a 500");
	ok(store_feed_get(w, "https://example.org/feed", &sf2) == 0 &&
	    sf2.id == sf.id && sf2.last_status == 500 &&
	    sf2.error_count == 1 && sf2.etag &&
	    strcmp(sf2.etag, "\"v1\"") == 0 && sf2.last_success == 1000 &&
	    sf2.last_poll == 2000 && sf2.title &&
	    strcmp(sf2.title, "Example") == 0 && sf2.last_error &&
	    strcmp(sf2.last_error, "HTTP 500") == 0,
	    "an error keeps the validators and counts");
	store_feed_release(&sf2);

	/* an item, tags, an event */
	f = feed_new();
	e = feed_add_entry(f);
	e->id = xstrdup("x1");
	e->title = xstrdup("Annual report on <b>privacy</b>");
	e->link = xstrdup("https://example.org/r?utm_source=x");
	e->content = xstrdup("<p>The report covers surveillance.</p>");
	e->summary = xstrdup("<p>The report covers surveillance.</p>");
	e->published = 1500;
	entry_add_category(e, "Reports");
	entry_add_category(e, "Privacy");
	ok(store_items_merge(w, sf.id, f, 1000, NULL, NULL, NULL) == 0,
	    "merge one item");
	ok(store_item_set_tags(w, 1, names, srcs, 2) == 0, "set tags");
	ok(store_item_set_event(w, 1, 5000, 8600, 0) == 0, "set an event");
	ok(store_item_get(w, 1, &it) == 0 && it.ntags == 2 &&
	    strcmp(it.tags[0], "event") == 0 && it.tag_sources[0] &&
	    strcmp(it.tag_sources[0], "feed") == 0 &&
	    it.ncategories == 2 && strcmp(it.categories[1], "Privacy") == 0 &&
	    it.event_start == 5000 && it.event_end == 8600 &&
	    it.content && it.link &&
	    strcmp(it.link, "https://example.org/r?utm_source=x") == 0 &&
	    it.canonical_link &&
	    strcmp(it.canonical_link, "https://example.org/r") == 0,
	    "item reads back with tags, sources, categories, event, links");
	store_item_release(&it);
	is_int(sql_int(path, "SELECT count(*) FROM items WHERE summary IS NULL"),
	    1, "a summary equal to the content is not stored twice");
	store_tags_each(w, tag_cb, tags);
	is_str(tags, "event=1;report=1;", "tag counts");

	/* search and marks */
	is_int(nmatch(path, "surveillance"), 1, "search finds a body word");
	is_int(nmatch(path, "p"), 0, "markup is not indexed");
	store_query_init(&q);
	q.unsent = "weekly";
	is_int(nquery(w, &q), 1, "unsent before marking");
	ids[0] = 1;
	ok(store_mark_sent(w, "weekly", ids, 1, 3000) == 0, "mark sent");
	is_int(nquery(w, &q), 0, "nothing unsent after marking");

	/* a reader while the writer holds the lock */
	r = store_open(path, STORE_READONLY, &cause);
	ok(r != NULL, "a reader opens beside the writer%s%s",
	    cause ? ": " : "", cause ? cause : "");
	store_query_init(&q);
	is_int(r ? nquery(r, &q) : -1, 1, "the reader sees the item");
	store_close(r);

	store_close(w);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL && store_feed_get(w, "https://example.org/feed", &sf2) ==
	    0 && sf2.nitems == 1, "reopen after close keeps the data and "
	    "the lock was released");
	store_feed_release(&sf2);
	store_close(w);

	r = store_open(missing, STORE_READONLY, &cause);
	ok(r != NULL && store_is_empty(r), "a reader on a missing database "
	    "gets an empty one");
	store_query_init(&q);
	ok(r && nquery(r, &q) == 0 && stat(missing, &sb) == -1,
	    "it lists nothing and creates no file");
	store_close(r);

	test_upgrade();
	test_upgrade_v5();
	test_upgrade_v9();
	test_checkpoint_thread();
	test_bodies();

	feed_free(f);
	store_feed_release(&sf);
	cleanup(path);
	free(path);
	free(missing);
	rmdir(dir);
	return done_testing();
}
