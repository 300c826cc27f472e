/*
 * store/store.c: opening the database, the writer lock, schema versions
 * and transactions.  The schema is an ordered list of migration steps,
 * as newsboat keeps its cache's; PRAGMA user_version counts the steps
 * applied, and each step runs in its own transaction.  WAL lets readers
 * (list, show, read) work beside the one writer (poll, daemon); the
 * writer lock (flock on DB.lock) keeps a second writer out instead of
 * letting two polls interleave.  Statements are prepared once and kept.
 * Limits: one connection per struct store, one thread.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/time.h"
#include "util/xmalloc.h"

#ifndef STORE_PAGE_SIZE
#define STORE_PAGE_SIZE	"4096"
#endif

/*
 * NOTE: append only.  A released database has applied a prefix of this
 * list; changing a step that shipped breaks it.  Times are INTEGER unix
 * seconds (NULL: unknown).  To stay small: the item's link is stored only
 * when it differs from its canonical form, its guid only when the dedup
 * key does not already spell it, the summary only when it differs from
 * the content; the search index is contentless (content='') and indexes
 * text with the markup stripped.
 */
/*
 * The items' indexes and the search index's delete and update triggers:
 * made by step 1 and made again by step 3, which rebuilds the table.
 * NOTE: a migration that has shipped never changes, so neither may these;
 * a new index or trigger is a new step.
 */
#define ITEMS_INDEXES \
	"CREATE INDEX items_canonical ON items(canonical_link);" \
	"CREATE INDEX items_first_seen ON items(first_seen);"
#define ITEMS_FTS_AD \
	"CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN" \
	" INSERT INTO items_fts(items_fts, rowid, title, body) VALUES" \
	"  ('delete', old.id, crier_fts_text(old.title)," \
	"  crier_fts_text(coalesce(old.content, old.summary)));" \
	" END;"
#define ITEMS_FTS_AU \
	"CREATE TRIGGER items_fts_au AFTER UPDATE OF title, summary, content" \
	" ON items BEGIN" \
	" INSERT INTO items_fts(items_fts, rowid, title, body) VALUES" \
	"  ('delete', old.id, crier_fts_text(old.title)," \
	"  crier_fts_text(coalesce(old.content, old.summary)));" \
	" INSERT INTO items_fts(rowid, title, body) VALUES (new.id," \
	"  crier_fts_text(new.title)," \
	"  crier_fts_text(coalesce(new.content, new.summary)));" \
	" END;"

/*
 * The search index made again, with tokenizer tok, and filled from the
 * items (steps 4 and 6; shipped, so never changed, as above).
 */
#define ITEMS_FTS_REMAKE(tok) \
	"DROP TRIGGER items_fts_ad;" \
	"DROP TRIGGER items_fts_au;" \
	"DROP TABLE items_fts;" \
	"CREATE VIRTUAL TABLE items_fts USING fts5(title, body, content=''," \
	" tokenize='" tok "', detail=column);" \
	"INSERT INTO items_fts(rowid, title, body)" \
	" SELECT id, crier_fts_text(title)," \
	" crier_fts_text(coalesce(content, summary)) FROM items;"
/* a row's old texts, as the index got them, wait for crier (step 6) */
#define ITEMS_FTS_STALE_OLD \
	" INSERT INTO items_fts_stale(id, title, body)" \
	"  VALUES (old.id, old.title, coalesce(old.content, old.summary));" \
	" END;"

/*
 * A rebuild of items (steps 3 and 5): the new table's columns before and
 * after those a step adds, the copy's leading column lists, and the swap
 * that ends it (the old rows, the table, then the indexes and triggers
 * of steps 1 and 2 again).  NOTE: shipped, so never changed, as above.
 */
#define ITEMS_NEW_HEAD \
	"CREATE TABLE items_new (" \
	" id INTEGER PRIMARY KEY," \
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE," \
	" content_hash INTEGER NOT NULL," \
	" published INTEGER, updated INTEGER," \
	" first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL," \
	" changed_at INTEGER," \
	" unread INTEGER NOT NULL DEFAULT 1," \
	" event_start INTEGER, event_end INTEGER," \
	" event_allday INTEGER NOT NULL DEFAULT 0," \
	" key TEXT NOT NULL," \
	" guid TEXT,"			/* NULL: the key's "g:" tail */ \
	" title TEXT," \
	" link TEXT,"			/* NULL: same as canonical_link */ \
	" canonical_link TEXT," \
	" author TEXT,"
#define ITEMS_NEW_TAIL \
	" categories TEXT,"		/* \\x1f-joined */ \
	" enclosures TEXT,"		/* url, type, length */ \
	" summary TEXT, content TEXT," \
	" UNIQUE (feed_id, key));"
#define ITEMS_COPY_INTO \
	"INSERT OR ROLLBACK INTO items_new(id, feed_id, content_hash," \
	" published, updated, first_seen, last_seen, changed_at, unread," \
	" event_start, event_end, event_allday, key, guid, title, link,"
#define ITEMS_COPY_SELECT \
	" SELECT id, feed_id, content_hash, published, updated," \
	" first_seen, last_seen, changed_at, unread, event_start, event_end," \
	" event_allday, key, guid, title, link, canonical_link, author,"
#define ITEMS_SWAP \
	"DROP TRIGGER items_fts_ad;" \
	"DROP TRIGGER items_fts_au;" \
	"DELETE FROM items;" \
	"DROP TABLE items;" \
	"ALTER TABLE items_new RENAME TO items;" \
	ITEMS_INDEXES \
	ITEMS_FTS_AD \
	ITEMS_FTS_AU

struct migration {
	const char	*sql;
	int		 rebuild;	/* rebuilds a table: foreign keys off
					   around it, checked before commit */
};

static const struct migration migrations[] = {
	/* 1: feeds, items, tags, digest marks, search */
	{
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
	" guid TEXT,"			/* NULL: the key's "g:" tail */
	" title TEXT,"
	" link TEXT,"			/* NULL: same as canonical_link */
	" canonical_link TEXT,"
	" published INTEGER, updated INTEGER,"
	" author TEXT, summary TEXT, content TEXT,"
	" categories TEXT,"		/* \\x1f-joined */
	" enclosures TEXT,"		/* url \\x1f type \\x1f length \\x1e ... */
	" content_hash INTEGER NOT NULL,"
	" first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
	" changed_at INTEGER,"
	" unread INTEGER NOT NULL DEFAULT 1,"
	" event_start INTEGER, event_end INTEGER,"
	" event_allday INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (feed_id, key));"
	ITEMS_INDEXES
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
	"CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN"
	" INSERT INTO items_fts(rowid, title, body) VALUES (new.id,"
	"  crier_fts_text(new.title),"
	"  crier_fts_text(coalesce(new.content, new.summary)));"
	" END;"
	ITEMS_FTS_AD
	ITEMS_FTS_AU, 0 },
	/*
	 * 2: new items reach the search index in one statement per merged
	 * feed (store_items_merge()) instead of a trigger per row: FTS5
	 * flushes its pending terms to a new segment at every statement
	 * savepoint, so the per-row trigger wrote one tiny segment per item
	 * and merged them again (a sixth of a cold poll's CPU).  The update
	 * and delete triggers stay: they are rare.
	 */
	{ "DROP TRIGGER IF EXISTS items_fts_ai;", 0 },
	/*
	 * 3: items rebuilt with the small columns first and the long texts
	 * last.  A row is mostly summary and content, so with 1 KiB pages it
	 * spills into a chain of overflow pages; SQLite reaches a column by
	 * walking the chain up to it, so first_seen, unread and the event
	 * times behind the content cost the whole chain on every read (a
	 * digest of 100,000 items read 600 MB to show titles), and the
	 * upsert's content_hash test read it again on every poll.  SQLite's
	 * table rebuild: new table, copy, drop, rename, then the indexes and
	 * the triggers of steps 1 and 2 again, with foreign keys off (the
	 * drop would else cascade into tags and marks).  The ids stay, so
	 * the search index (keyed by id) stays valid.  NOTE: the old rows go
	 * by a DELETE without triggers first: SQLite then truncates the
	 * table without a statement journal, where DROP TABLE keeps one with
	 * every freed page (with temp_store = MEMORY, 530 MB of RAM for
	 * 100,000 items); OR ROLLBACK spares the copy its statement journal
	 * too (a failure rolls the whole step back anyway).
	 */
	{
	ITEMS_NEW_HEAD
	ITEMS_NEW_TAIL
	ITEMS_COPY_INTO
	" canonical_link, author, categories, enclosures, summary, content)"
	ITEMS_COPY_SELECT
	" categories, enclosures, summary, content FROM items ORDER BY id;"
	ITEMS_SWAP, 1 },
	/*
	 * 4: the search index keeps which column a term is in, not where
	 * (detail=column): a third of the size and of the writing.  Words,
	 * prefixes, AND/OR/NOT and column filters still work; FTS5 refuses
	 * a phrase of several words, so a phrase search must match the
	 * words, then the text.  Contentless, so it is filled again from
	 * the items.  Its tokenizer was our "crier", the tokens of unicode61
	 * remove_diacritics 2 made faster; step 6 left it, and "crier" is
	 * now a plain alias of unicode61 (store-fts.c).
	 */
	{
	ITEMS_FTS_REMAKE("crier")
	ITEMS_FTS_AD
	ITEMS_FTS_AU, 0 },
	/*
	 * 5: items get brief, the excerpt a digest shows (htmltext_brief()
	 * of the summary, else the content), made by the poll, so a digest
	 * of many items reads no bodies: a text digest of 100,000 items
	 * read 4 KiB of markup an item and rendered it again on every run.
	 * It sits before the long texts, like the other small columns (see
	 * step 3), in a rebuild as step 3's.  NOTE: this step filled the
	 * briefs of the rows it copied; it now leaves them NULL (no text),
	 * so that the store makes no text of its own (the poll makes the
	 * brief, pipeline.c).  No crier was ever released (0.1.0 has no
	 * tag), so a database of schema 4 or older is a developer's from
	 * before 2026-11-27: its old items show no excerpt in a text digest
	 * until their feed edits them.  The schema it makes is the same.
	 */
	{
	ITEMS_NEW_HEAD
	" brief TEXT,"			/* NULL: no text */
	ITEMS_NEW_TAIL
	ITEMS_COPY_INTO
	" canonical_link, author, brief, categories, enclosures, summary,"
	" content)"
	ITEMS_COPY_SELECT
	" NULL,"
	" categories, enclosures, summary, content FROM items ORDER BY id;"
	ITEMS_SWAP, 1 },
	/*
	 * 6: the search index with SQLite's own tokenizer, so that the
	 * sqlite3 shell (or any program with SQLite) can read the database
	 * and change it: "crier" (step 4) gave the same tokens, a few
	 * percent of a cold poll faster, but no other program could open
	 * the index, and the triggers called crier_fts_text(), so even a
	 * DELETE FROM items failed outside crier.  The triggers are plain
	 * SQL now: a deleted or edited row's old texts wait in
	 * items_fts_stale for crier's next write (store-fts.c).  Filled
	 * again from the items, whose ids stay.
	 */
	{
	ITEMS_FTS_REMAKE("unicode61 remove_diacritics 2")
	"CREATE TABLE items_fts_stale ("
	" seq INTEGER PRIMARY KEY,"
	" id INTEGER NOT NULL,"		/* items.id, maybe gone */
	" title TEXT, body);"		/* as the index got them */
	"CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN"
	ITEMS_FTS_STALE_OLD
	"CREATE TRIGGER items_fts_au AFTER UPDATE OF title, summary, content"
	" ON items BEGIN"
	ITEMS_FTS_STALE_OLD, 0 },
	/*
	 * 7: the items by date, newest first, as list and the reader show
	 * them: a page of a store_cursor (store-item.c) is then a walk of
	 * so many index entries from where the last one ended, not a sort
	 * of every item.  NOTE: the expression is ITEM_DATE's, word for
	 * word, or SQLite does not use the index.
	 */
	{ "CREATE INDEX items_date ON items(coalesce(published, updated,"
	  " first_seen), id);", 0 },
	/*
	 * 8: what the server said of a feed's freshness, in seconds (NULL:
	 * nothing), so that the next poll's due time keeps to it: from the
	 * last document (RSS <ttl>, sy:updatePeriod) and from the last
	 * successful response's headers (Cache-Control: max-age, Expires).
	 */
	{ "ALTER TABLE feeds ADD COLUMN hint_feed INTEGER;"
	  "ALTER TABLE feeds ADD COLUMN hint_http INTEGER;", 0 },
	/*
	 * 9: a feed the server said is gone (410), with a fingerprint of
	 * its [feed] section then (polled again once that changes), and
	 * the URL it moved to: moved_to after moved_count 301/308s in a
	 * row, url_effective once that made it certain.
	 */
	{ "ALTER TABLE feeds ADD COLUMN gone_conf INTEGER;"
	  "ALTER TABLE feeds ADD COLUMN url_effective TEXT;"
	  "ALTER TABLE feeds ADD COLUMN moved_to TEXT;"
	  "ALTER TABLE feeds ADD COLUMN moved_count INTEGER NOT NULL"
	  " DEFAULT 0;", 0 },
	/*
	 * 10: a failing feed's error class (dns, connect, tls, timeout,
	 * "http 503", not-a-feed, parse, too-large, redirect, ...) and when
	 * its failure streak (error_count) began: a poll reports a failure
	 * when it becomes persistent and when it clears.
	 */
	{ "ALTER TABLE feeds ADD COLUMN error_class TEXT;"
	  "ALTER TABLE feeds ADD COLUMN failing_since INTEGER;", 0 },
	/*
	 * 11: the items by read state, then feed, for the reader's counts
	 * (store_counts()): unread items per feed and the set of unread
	 * ids come from this small index instead of the rows.
	 */
	{ "CREATE INDEX items_unread ON items(unread, feed_id);", 0 },
	/*
	 * 12: the keys of items in their identity form (issue 13): a guid
	 * that is a http(s) URL and a link key without the scheme, a
	 * leading "www." and a trailing '/' (url_identity()), so a site's
	 * move to https, to or from www. or to a trailing slash keeps its
	 * items.  The guid a key no longer spells is kept in its column.
	 * NOTE: OR IGNORE: two rows of one feed that the old keys kept
	 * apart keep their old keys (and ids); ids, read states, marks and
	 * the search index (by id, texts unchanged) stay as they were.
	 */
	{ "UPDATE OR IGNORE items SET"
	  " guid = CASE WHEN guid IS NULL AND substr(key, 1, 2) = 'g:'"
	  "  THEN substr(key, 3) ELSE guid END,"
	  " key = crier_rekey(key, guid, canonical_link)"
	  " WHERE key <> crier_rekey(key, guid, canonical_link);", 0 },
};

static const char *const stmt_sql[STMT__COUNT] = {
	[STMT_FEED_INSERT] =
	    "INSERT INTO feeds(url) VALUES (?1) ON CONFLICT(url) DO NOTHING",
	[STMT_FEED_SELECT] =
	    "SELECT " STORE_FEED_COLUMNS " FROM feeds WHERE url = ?1",
	[STMT_FEED_STATE_OK] =
	    "UPDATE feeds SET last_status = ?2, last_error = NULL,"
	    " error_class = NULL, failing_since = NULL,"
	    " error_count = 0, last_poll = ?3, last_success = ?3,"
	    " next_poll = ?4, etag = coalesce(?5, etag),"
	    " last_modified = coalesce(?6, last_modified),"
	    " title = coalesce(?7, title), link = coalesce(?8, link),"
	    " hint_http = ?10, hint_feed = CASE WHEN ?11 < 0 THEN hint_feed"
	    " ELSE ?11 END"
	    " WHERE id = ?1",
	[STMT_FEED_GONE] =
	    "UPDATE feeds SET gone_conf = ?2 WHERE id = ?1",
	[STMT_FEED_MOVED] =
	    "UPDATE feeds SET url_effective = ?2, moved_to = ?3,"
	    " moved_count = ?4 WHERE id = ?1",
	[STMT_FEED_STATE_ERR] =
	    "UPDATE feeds SET last_status = ?2, last_error = ?9,"
	    " error_class = ?12, failing_since = CASE WHEN error_count = 0"
	    " OR failing_since IS NULL THEN ?3 ELSE failing_since END,"
	    " error_count = error_count + 1, last_poll = ?3,"
	    " next_poll = ?4 WHERE id = ?1",
	/*
	 * NOTE: the WHERE on DO UPDATE makes an unchanged item a no-op: no
	 * row is written and RETURNING gives nothing.  A new row comes back
	 * with changed_at NULL, an edited one with changed_at set.
	 */
	[STMT_ITEM_UPSERT] =
	    "INSERT INTO items(feed_id, key, guid, title, link,"
	    " canonical_link, published, updated, author, summary, content,"
	    " categories, enclosures, content_hash, first_seen, last_seen,"
	    " brief)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?15, ?16)"
	    " ON CONFLICT(feed_id, key) DO UPDATE SET"
	    " guid = excluded.guid, title = excluded.title,"
	    " link = excluded.link, canonical_link = excluded.canonical_link,"
	    " published = excluded.published, updated = excluded.updated,"
	    " author = excluded.author, brief = excluded.brief,"
	    " summary = excluded.summary,"
	    " content = excluded.content, categories = excluded.categories,"
	    " enclosures = excluded.enclosures,"
	    " content_hash = excluded.content_hash,"
	    " last_seen = excluded.last_seen, changed_at = excluded.last_seen"
	    " WHERE items.content_hash <> excluded.content_hash"
	    " RETURNING id, changed_at",
	[STMT_ITEM_SEEN] =
	    "UPDATE items SET last_seen = ?1 WHERE feed_id = ?2"
	    " AND last_seen < ?1"
	    " AND key IN (SELECT value FROM json_each(?3))",
	/* the same post under a new key (store-item.c, rekey_moved()) */
	[STMT_ITEM_ANY] =
	    "SELECT EXISTS (SELECT 1 FROM items WHERE feed_id = ?1)",
	[STMT_ITEM_UNSEEN] =
	    "SELECT key FROM json_each(?2) WHERE NOT EXISTS"
	    " (SELECT 1 FROM items WHERE feed_id = ?1 AND key = value)",
	[STMT_ITEM_KEYS] =
	    "SELECT key FROM items WHERE feed_id = ?1 LIMIT ?2",
	[STMT_ITEM_BY_LINK] =
	    "SELECT " STORE_MOVED_COLUMNS " FROM items"
	    " WHERE canonical_link IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " AND feed_id = ?1 LIMIT 3",
	/* NOTE: the date as items_date has it, so that index serves */
	[STMT_ITEM_BY_TITLE] =
	    "SELECT " STORE_MOVED_COLUMNS " FROM items"
	    " WHERE coalesce(published, updated, first_seen) = ?2"
	    " AND feed_id = ?1 AND title = ?3"
	    " AND (published IS NOT NULL OR updated IS NOT NULL) LIMIT 3",
	[STMT_ITEM_REKEY] =
	    "UPDATE items SET key = ?2 WHERE id = ?1",
	[STMT_ITEM_REKEY_QUIET] =
	    "UPDATE items SET key = ?2, guid = ?3, link = ?4,"
	    " canonical_link = ?5, content_hash = ?6, last_seen = ?7"
	    " WHERE id = ?1",
	[STMT_TAGS_DELETE] =
	    "DELETE FROM item_tags WHERE item_id = ?1",
	[STMT_TAGS_INSERT] =
	    "INSERT INTO item_tags(item_id, tag, source) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT(item_id, tag) DO NOTHING",
	[STMT_ITEM_EVENT] =
	    "UPDATE items SET event_start = ?2, event_end = ?3,"
	    " event_allday = ?4 WHERE id = ?1",
	[STMT_ITEM_READ] =
	    "UPDATE items SET unread = ?2 WHERE id = ?1",
	[STMT_MARK_INSERT] =
	    "INSERT INTO digest_marks(digest, item_id, sent_at)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT(digest, item_id) DO NOTHING",
	[STMT_ITEM_TAGS] =
	    "SELECT tag, source FROM item_tags WHERE item_id = ?1 ORDER BY tag",
	[STMT_FTS_ADD] =
	    "INSERT INTO items_fts(rowid, title, body)"
	    " SELECT id, crier_fts_text(title),"
	    " crier_fts_text(coalesce(content, summary)) FROM items"
	    " WHERE id IN (SELECT value FROM json_each(?1))",
	/* the same with the texts made ahead (store_items_prepare()):
	 * ?1 is the JSON array of the batched ids, key their index */
	[STMT_FTS_ADD_PRE] =
	    "INSERT INTO items_fts(rowid, title, body)"
	    " SELECT value, crier_fts_pre(key, 0), crier_fts_pre(key, 1)"
	    " FROM json_each(?1)",
	/* items_fts_stale (store-fts.c): the first copy of a row is what
	 * the index holds */
	[STMT_FTS_STALE_ANY] =
	    "SELECT 1 FROM items_fts_stale LIMIT 1",
	[STMT_FTS_STALE_FORGET] =
	    "INSERT INTO items_fts(items_fts, rowid, title, body)"
	    " SELECT 'delete', id, crier_fts_text(title), crier_fts_text(body)"
	    " FROM items_fts_stale WHERE seq IN"
	    " (SELECT min(seq) FROM items_fts_stale GROUP BY id)",
	[STMT_FTS_STALE_ADD] =
	    "INSERT INTO items_fts(rowid, title, body)"
	    " SELECT id, crier_fts_text(title),"
	    " crier_fts_text(coalesce(content, summary)) FROM items"
	    " WHERE id IN (SELECT id FROM items_fts_stale)",
	[STMT_FTS_STALE_CLEAR] =
	    "DELETE FROM items_fts_stale",
};

static void	fts_forget(struct store *, int);

/* crier_rekey(key, guid, canonical_link): migration 10's new key */
static void
rekey_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *k;

	(void)argc;
	k = store_item_rekey((const char *)sqlite3_value_text(argv[0]),
	    (const char *)sqlite3_value_text(argv[1]),
	    (const char *)sqlite3_value_text(argv[2]));
	if (k == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, k, -1, free);
}

int
store_failx(struct store *st, const char *fmt, ...)
{
	va_list		ap;
	struct buf	b = BUF_INIT;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(st->error);
	st->error = buf_detach(&b, NULL);
	return -1;
}

int
store_fail(struct store *st, const char *what)
{
	int rc = sqlite3_errcode(st->db) & 0xff;
	int eno = sqlite3_system_errno(st->db);

	/* a full disk, a read-only file: what the system said */
	if ((rc == SQLITE_IOERR || rc == SQLITE_FULL ||
	    rc == SQLITE_CANTOPEN) && eno != 0)
		return store_failx(st, "%s: %s (%s)", what,
		    sqlite3_errmsg(st->db), strerror(eno));
	return store_failx(st, "%s: %s", what, sqlite3_errmsg(st->db));
}

const char *
store_path(struct store *st)
{
	return st != NULL && st->path != NULL ? st->path : "";
}

const char *
store_reader_path(struct store *st)
{
	if (st->path == NULL || strcmp(st->path, ":memory:") == 0 ||
	    st->empty || st->depth > 0)
		return NULL;
	return st->path;
}

int
store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _(what));
	return 0;
}

const char *
store_error(struct store *st)
{
	if (st == NULL)
		return _("no database");
	return st->error ? st->error : _("unknown database error");
}

sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt_id id)
{
	sqlite3_stmt *s = st->stmts[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
			store_fail(st, _("cannot prepare a statement"));
			return NULL;
		}
		st->stmts[id] = s;
		return s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

int
store_bind_time(sqlite3_stmt *s, int i, time_t t)
{
	if (t == TIME_NONE)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, (sqlite3_int64)t);
}

char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v ? xstrdup((const char *)v) : NULL;
}

time_t
store_col_time(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return TIME_NONE;
	return (time_t)sqlite3_column_int64(s, i);
}

/*
 * crier_fts_text(html): the text the search index sees: tags dropped
 * (each as a space), so markup never becomes search terms.  Entities
 * are left; the tokenizer splits "&amp;" into one harmless term.
 */
size_t
store_fts_strip(const char *s, size_t n, char *out)
{
	const char	*p = s, *end = s + n, *lt, *gt;
	size_t		 j = 0;

	/* the text between tags as is; each tag becomes one space */
	while (p < end) {
		lt = memchr(p, '<', (size_t)(end - p));
		if (lt == NULL)
			lt = end;
		memcpy(out + j, p, (size_t)(lt - p));
		j += (size_t)(lt - p);
		if (lt == end)
			break;
		if (j > 0 && out[j - 1] != ' ')
			out[j++] = ' ';
		gt = memchr(lt + 1, '>', (size_t)(end - lt - 1));
		if (gt == NULL)
			break;
		p = gt + 1;
	}
	out[j] = '\0';
	return j;
}

static void
fts_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s;
	char		*tofree, *out;
	int		 n;
	size_t		 j;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if ((s = store_value_text(argv[0], &tofree, &n)) == NULL) {
		sqlite3_result_error(ctx, "crier_fts_text: a damaged body", -1);
		return;
	}
	if (memchr(s, '<', (size_t)n) == NULL) {
		if (tofree)
			sqlite3_result_text(ctx, tofree, n, free);
		else
			sqlite3_result_value(ctx, argv[0]);
		return;
	}
	out = sqlite3_malloc(n + 1);
	if (out == NULL) {
		free(tofree);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	j = store_fts_strip(s, (size_t)n, out);
	free(tofree);
	sqlite3_result_text(ctx, out, (int)j, sqlite3_free);
}

/*
 * crier_fts_pre(i, col): the title (col 0) or body (1) of the i-th row of
 * the search index batch, as crier_fts_text() would make it.
 */
static void
fts_pre(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store	*st = sqlite3_user_data(ctx);
	sqlite3_int64	 i = sqlite3_value_int64(argv[0]);
	int		 col = sqlite3_value_int(argv[1]);
	const char	*t;

	(void)argc;
	if (i < 0 || (size_t)i >= st->nfts || col < 0 || col > 1 ||
	    st->fts_texts == NULL) {
		sqlite3_result_error(ctx, "crier_fts_pre: no such row", -1);
		return;
	}
	t = st->fts_texts[2 * (size_t)i + (size_t)col];
	if (t == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, t, -1, SQLITE_STATIC);
}

static int
exec(struct store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, _("database error"));
	return 0;
}

/*
 * The same for a statement that needs the file to itself (journal_mode):
 * SQLite's busy handler does not wait for it, so a reader that opened
 * the file a moment before would fail it.  Tries for up to 10 s.
 */
static int
exec_waiting(struct store *st, const char *sql)
{
	struct timespec	 ts = { 0, 50 * 1000 * 1000 };
	int		 i, rc;

	for (i = 0; i < 200; i++) {
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		nanosleep(&ts, NULL);
	}
	if (rc != SQLITE_OK)
		return store_fail(st, _("database error"));
	return 0;
}

static int
user_version(struct store *st, int *v)
{
	sqlite3_stmt	*s;
	int		 rc = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the schema version"));
	if (sqlite3_step(s) == SQLITE_ROW) {
		*v = sqlite3_column_int(s, 0);
		rc = 0;
	} else
		store_fail(st, _("cannot read the schema version"));
	sqlite3_finalize(s);
	return rc;
}

/* PRAGMA foreign_key_check finds nothing */
static int
fk_check(struct store *st)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s,
	    NULL) != SQLITE_OK)
		return store_fail(st, _("database error"));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return store_failx(st, "%s", _("the schema upgrade broke a "
		    "foreign key"));
	if (rc != SQLITE_DONE)
		return store_fail(st, _("database error"));
	return 0;
}

/* step v in its own transaction; 1: another process has done it */
static int
migrate_step(struct store *st, int v)
{
	char	 sql[64];
	char	*keep;
	int	 cur = -1;

	if (exec(st, "BEGIN IMMEDIATE") == -1)
		return -1;
	/* another process may have migrated meanwhile */
	if (user_version(st, &cur) == -1 || cur != v) {
		exec(st, "ROLLBACK");
		return cur > v ? 1 : -1;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
	if (exec(st, migrations[v].sql) == -1 ||
	    (migrations[v].rebuild && fk_check(st) == -1) ||
	    exec(st, sql) == -1) {
		keep = st->error;
		st->error = NULL;
		exec(st, "ROLLBACK");
		free(st->error);
		st->error = keep;
		return -1;
	}
	return exec(st, "COMMIT");
}

/*
 * After a table rebuild the old rows' pages are free, and the file twice
 * the size it was until new items fill them.  VACUUM gives them back
 * (for 100,000 items, half the file, in seconds).  Best effort:
 * the data is upgraded anyway.  NOTE: VACUUM builds the copy in the temp
 * store, so for it that is a file, not memory.
 */
static void
vacuum_after_rebuild(struct store *st)
{
	sqlite3_stmt	*s;
	long long	 nfree = 0, npages = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT * FROM pragma_freelist_count,"
	    " pragma_page_count", -1, &s, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(s) == SQLITE_ROW) {
		nfree = sqlite3_column_int64(s, 0);
		npages = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	/* a new or small database has little to give back */
	if (nfree < 4096 || nfree < npages / 4)
		return;
	sqlite3_exec(st->db, "PRAGMA temp_store = FILE; VACUUM", NULL, NULL,
	    NULL);
	sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}

/*
 * applies the steps past user_version, each in its own transaction.
 * NOTE: PRAGMA foreign_keys is a no-op inside a transaction, so for a
 * step that rebuilds a table it goes off before the BEGIN and back on
 * after the COMMIT or ROLLBACK.
 */
static int
migrate(struct store *st)
{
	int	 v, n = (int)nitems(migrations), rc, rebuilt = 0;

	if (user_version(st, &v) == -1)
		return -1;
	if (v > n)
		return store_failx(st, _("the database is from a newer crier "
		    "(schema %d, this one knows %d)"), v, n);
	while (v < n) {
		if (migrations[v].rebuild &&
		    exec(st, "PRAGMA foreign_keys = OFF") == -1)
			return -1;
		rc = migrate_step(st, v);
		if (migrations[v].rebuild &&
		    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL,
		    NULL, NULL) != SQLITE_OK && rc == 0)
			return store_fail(st, _("database error"));
		if (rc == -1)
			return -1;
		if (rc == 0 && migrations[v].rebuild)
			rebuilt = 1;
		/* done here or by another process: read where it is now */
		if (user_version(st, &v) == -1)
			return -1;
	}
	if (rebuilt && st->path != NULL && strcmp(st->path, ":memory:") != 0)
		vacuum_after_rebuild(st);
	return 0;
}

int
store_checkpoint_frames(struct store *st)
{
	sqlite3_stmt	*s;
	int		 psz = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA page_size", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0)
		psz = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return psz > 0 ? STORE_CHECKPOINT_BYTES / psz : -1;
}

int
store_set_autocheckpoint(struct store *st)
{
	int frames;

	if ((frames = store_checkpoint_frames(st)) == -1 ||
	    sqlite3_wal_autocheckpoint(st->db, frames) != SQLITE_OK)
		return store_fail(st, _("database error"));
	return exec(st, "PRAGMA journal_size_limit = 33554432");
}

/* why the lock at fd (PATH, lpath) is not ours: who holds it, malloc'd */
static char *
lock_holder(int fd, int poll_lock, const char *lpath)
{
	char	 pidbuf[32], *cause;
	ssize_t	 n;

	n = pread(fd, pidbuf, sizeof(pidbuf) - 1, 0);
	pidbuf[n > 0 ? n : 0] = '\0';
	pidbuf[strcspn(pidbuf, "\n")] = '\0';
	if (pidbuf[0] == '\0' ||
	    strspn(pidbuf, "0123456789") != strlen(pidbuf))
		xasprintf(&cause, poll_lock ?
		    _("another crier poll or daemon is polling "
		    "this database (lock '%s')") :
		    _("another crier is writing "
		    "to this database (lock '%s')"), lpath);
	else if (poll_lock)
		xasprintf(&cause, _("another crier poll or "
		    "daemon (pid %s) is polling this database "
		    "(lock '%s')"), pidbuf, lpath);
	else
		xasprintf(&cause, _("another crier (pid %s) is "
		    "writing to this database (lock '%s')"),
		    pidbuf, lpath);
	return cause;
}

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * flock on PATH.lock (the writer lock: one writer at a time) or on
 * PATH.poll.lock (the poll lock: one poll or daemon at a time, for its
 * whole run); the holder's pid is written into it.  A lock held by
 * another process is waited for up to st->lock_wait seconds (polled:
 * flock has no timeout), st->waiting told once.  The fd, or -1.
 */
static int
take_lock(struct store *st, int poll_lock, char **cause)
{
	struct timespec	 nap = { 0, 100 * 1000 * 1000 };
	char		*lpath, pidbuf[32];
	double		 deadline = 0;
	ssize_t		 n;
	int		 fd, e;

	xasprintf(&lpath, poll_lock ? "%s.poll.lock" : "%s.lock", st->path);
	fd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		xasprintf(cause, _("cannot open '%s': %s"), lpath,
		    strerror(errno));
		free(lpath);
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		e = errno;
		if (e == EINTR)
			continue;
		if (e != EWOULDBLOCK) {
			xasprintf(cause, _("cannot lock '%s': %s"), lpath,
			    strerror(e));
			goto fail;
		}
		if (poll_lock || st->lock_wait <= 0 ||
		    (deadline != 0 && mono_s() >= deadline)) {
			*cause = lock_holder(fd, poll_lock, lpath);
			goto fail;
		}
		if (deadline == 0) {
			deadline = mono_s() + st->lock_wait;
			if (st->waiting) {
				char *who = lock_holder(fd, 0, lpath);

				st->waiting(who, st->waiting_arg);
				free(who);
			}
		}
		nanosleep(&nap, NULL);
	}
	snprintf(pidbuf, sizeof(pidbuf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0) {
		n = pwrite(fd, pidbuf, strlen(pidbuf), 0);
		(void)n;	/* the pid is informative only */
	}
	free(lpath);
	return fd;
fail:
	close(fd);
	free(lpath);
	return -1;
}

long
store_poller_pid(const char *path)
{
	char	*lpath, pidbuf[32], *ep;
	ssize_t	 n;
	long	 pid = 0;
	int	 fd;

	xasprintf(&lpath, "%s.poll.lock", path);
	fd = open(lpath, O_RDONLY | O_CLOEXEC);
	free(lpath);
	if (fd == -1)
		return 0;
	/* NOTE: a shared lock we get means nobody holds the exclusive one:
	 * the pid in the file is then a finished poll's */
	if (flock(fd, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK) {
		n = pread(fd, pidbuf, sizeof(pidbuf) - 1, 0);
		pidbuf[n > 0 ? n : 0] = '\0';
		pid = strtol(pidbuf, &ep, 10);
		if (ep == pidbuf || (*ep != '\n' && *ep != '\0') || pid <= 0)
			pid = 0;
	}
	close(fd);
	return pid;
}

int
store_writer_unlock(struct store *st)
{
	if (!(st->flags & STORE_WRITER) || st->lockfd == -1)
		return 0;
	if (st->depth > 0)
		return store_failx(st, "%s", _("a transaction is open"));
	close(st->lockfd);	/* releases the flock */
	st->lockfd = -1;
	return 0;
}

int
store_writer_lock(struct store *st, char **cause)
{
	*cause = NULL;
	if (!(st->flags & STORE_WRITER) || st->lockfd != -1 ||
	    strcmp(st->path, ":memory:") == 0)
		return 0;
	st->lockfd = take_lock(st, 0, cause);
	return st->lockfd == -1 ? -1 : 0;
}

struct store *
store_open(const char *path, int flags, char **cause)
{
	return store_open_wait(path, flags, 0, NULL, NULL, cause);
}

struct store *
store_open_wait(const char *path, int flags, int wait,
    void (*waiting)(const char *, void *), void *arg, char **cause)
{
	struct store	*st;
	struct stat	 sb;
	int		 oflags, memory, rc;

	*cause = NULL;
	st = xcalloc(1, sizeof(*st));
	/* STORE_WAIT: a writer's round or a digest's marking is short */
	st->lock_wait = wait == 0 && (flags & STORE_WAIT) ? STORE_WAIT_SECS :
	    wait;
	st->waiting = waiting;
	st->waiting_arg = arg;
	st->lockfd = -1;
	st->pollfd = -1;
	st->flags = flags;
	st->path = xstrdup(path);
	memory = strcmp(path, ":memory:") == 0;

	/* NOTE: the poll lock first, so a poll refused beside a daemon
	 * names the daemon whether or not it writes just now */
	if (!memory && (flags & STORE_POLLER) &&
	    (st->pollfd = take_lock(st, 1, cause)) == -1)
		goto fail;
	if (!memory && (flags & STORE_WRITER) &&
	    (st->lockfd = take_lock(st, 0, cause)) == -1)
		goto fail;
	/*
	 * NOTE: a reader never creates the file (its directory may not even
	 * exist): with no database yet it gets an empty one in memory, so
	 * list and friends print nothing instead of failing.
	 */
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX;
	if ((flags & STORE_READONLY) && !memory && stat(path, &sb) == -1 &&
	    errno == ENOENT) {
		st->empty = 1;
		path = ":memory:";
		memory = 1;
	}
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s", st->db ? sqlite3_errmsg(st->db) :
		    _("out of memory"));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);
	if (sqlite3_create_function(st->db, "crier_fts_text", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    fts_text, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "crier_fts_pre", 2,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, st, fts_pre, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "crier_rekey", 3,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    rekey_fn, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "crier_text", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    store_text_fn, NULL, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s", sqlite3_errmsg(st->db));
		goto fail;
	}
	/* the old search index's tokenizer, for migrations 4 and 6 */
	if ((rc = store_fts_register(st->db)) != SQLITE_OK) {
		xasprintf(cause, _("cannot register the search tokenizer: %s"),
		    sqlite3_errstr(rc));
		goto fail;
	}
	/*
	 * NOTE: page size, for a new file only (it must come before WAL and
	 * the first table; an existing database keeps its own).  With
	 * bodies compressed (store-body.c) most rows fit a 4 KB page, and
	 * the WAL then takes a quarter of the frames of 1 KB pages, each one
	 * or two system calls, for a file a little larger.
	 */
	if (!memory && !(flags & STORE_READONLY) &&
	    exec(st, "PRAGMA page_size = " STORE_PAGE_SIZE) == -1)
		goto fail_err;
	/* WAL persists in the file; a read-only file keeps its mode */
	if (!memory && !(flags & STORE_READONLY) &&
	    exec_waiting(st, "PRAGMA journal_mode = WAL") == -1)
		goto fail_err;
	/*
	 * NOTE: synchronous = NORMAL in WAL mode syncs only at checkpoints,
	 * not at every feed's commit; a crash may lose the last feeds of a
	 * poll (polled again next time) but never corrupts.  The page cache
	 * is 12 MB: a poll touches the b-tree interior pages of items, their
	 * indexes and the search index over and over, and a group of feeds
	 * (pipeline.c) dirties a few MB that would else be spilled to the
	 * WAL one page at a time before the commit.
	 */
	if (exec(st, "PRAGMA synchronous = NORMAL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA temp_store = MEMORY;"
	    "PRAGMA cache_size = -12288") == -1)
		goto fail_err;
	/*
	 * NOTE: checkpoint every 16 MB of WAL instead of SQLite's 1000
	 * pages (1 MB with our pages): each checkpoint costs two fsyncs and
	 * rewrites into the database the pages a poll keeps dirtying; after
	 * one, the WAL file is cut back to 32 MB.
	 */
	if (!memory && !(flags & STORE_READONLY) &&
	    store_set_autocheckpoint(st) == -1)
		goto fail_err;
	if (migrate(st) == -1)
		goto fail_err;
	if ((flags & STORE_READONLY) && exec(st, "PRAGMA query_only = ON") == -1)
		goto fail_err;
	return st;

fail_err:
	xasprintf(cause, "%s", st->error);
fail:
	store_close(st);
	return NULL;
}

void
store_release_memory(struct store *st)
{
	if (st != NULL && st->db != NULL)
		sqlite3_db_release_memory(st->db);
}

int
store_set_cache_kib(struct store *st, int kib)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	return exec(st, sql);
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	for (i = 0; i < nitems(st->tags_multi); i++)
		sqlite3_finalize(st->tags_multi[i]);
	sqlite3_finalize(st->copies);
	store_shared_free(st);
	store_checkpoint_thread(st, 0);
	if (st->db) {
		if (st->depth > 0)
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(st->db);
	}
	if (st->lockfd != -1)
		close(st->lockfd);	/* releases the flock */
	if (st->pollfd != -1)
		close(st->pollfd);
	fts_forget(st, 1);
	free(st->fts_ids);
	free(st->fts_texts);
	free(st->fts_feeds);
	free(st->path);
	free(st->error);
	free(st);
}

int
store_is_empty(struct store *st)
{
	return st->empty;
}

void
store_set_fts_batch(struct store *st, int on)
{
	st->fts_batch = on;
}

/* forgets the batched items past the marks (their rows are gone), or
 * all of them */
static void
fts_forget(struct store *st, int all)
{
	size_t i;

	if (all)
		st->fts_mark = st->fts_feeds_mark = 0;
	for (i = 2 * st->fts_mark; i < 2 * st->nfts; i++)
		free(st->fts_texts[i]);
	st->nfts = st->fts_mark;
	st->nfts_feeds = st->fts_feeds_mark;
}

int
store_fts_flush(struct store *st)
{
	struct buf	 ids = BUF_INIT;
	sqlite3_stmt	*s;
	size_t		 i;
	int		 step;

	if (st->nfts == 0) {
		st->nfts_feeds = st->fts_feeds_mark = 0;
		return 0;
	}
	buf_addc(&ids, '[');
	for (i = 0; i < st->nfts; i++)
		buf_addf(&ids, i ? ",%lld" : "%lld", st->fts_ids[i]);
	buf_addc(&ids, ']');
	if ((s = store_stmt(st, STMT_FTS_ADD_PRE)) == NULL) {
		buf_release(&ids);
		return -1;
	}
	sqlite3_bind_text(s, 1, ids.s, (int)ids.len, SQLITE_STATIC);
	step = sqlite3_step(s);
	sqlite3_reset(s);
	buf_release(&ids);
	if (step != SQLITE_DONE)
		return store_fail(st, _("cannot index an item"));
	fts_forget(st, 1);
	return 0;
}

/*
 * Transactions nest by counting: only the outermost begin and commit
 * reach SQLite.  A rollback at any depth rolls everything back.
 */
int
store_begin(struct store *st)
{
	if (st->depth == 0 && exec(st, "BEGIN IMMEDIATE") == -1)
		return -1;
	if (st->depth == 0) {
		fts_forget(st, 1);
		/* NOTE: before anything is written: a row another program
		 * deleted may give its id to a new one */
		if (store_fts_catch_up(st) == -1) {
			exec(st, "ROLLBACK");
			return -1;
		}
	}
	st->depth++;
	return 0;
}

int
store_commit(struct store *st)
{
	if (st->depth == 0)
		return store_failx(st, "%s", _("commit outside a transaction"));
	if (st->depth == 1 && (store_fts_flush(st) == -1 ||
	    store_fts_catch_up(st) == -1 || exec(st, "COMMIT") == -1))
		return -1;
	st->depth--;
	return 0;
}

int
store_own_begin(struct store *st, int *own)
{
	*own = 0;
	if (st->depth > 0)
		return 0;
	if (store_begin(st) == -1)
		return -1;
	*own = 1;
	return 0;
}

int
store_own_end(struct store *st, int own, int ok)
{
	if (ok && (!own || store_commit(st) == 0))
		return 0;
	if (own)
		store_rollback(st);
	return -1;
}

int
store_rollback(struct store *st)
{
	fts_forget(st, 1);
	if (st->depth == 0)
		return 0;
	st->depth = 0;
	return exec(st, "ROLLBACK");
}

int
store_savepoint(struct store *st)
{
	if (st->depth == 0)
		return store_failx(st, "%s", _("savepoint outside a "
		    "transaction"));
	if (exec(st, "SAVEPOINT crier_sp") == -1)
		return -1;
	st->fts_mark = st->nfts;
	st->fts_feeds_mark = st->nfts_feeds;
	return 0;
}

int
store_release(struct store *st)
{
	return exec(st, "RELEASE crier_sp");
}

int
store_rollback_to(struct store *st)
{
	char *keep = st->error;
	int rc;

	/* keep the error that made us roll back */
	st->error = NULL;
	fts_forget(st, 0);
	rc = exec(st, "ROLLBACK TO crier_sp; RELEASE crier_sp");
	if (rc == 0) {
		free(st->error);
		st->error = keep;
	} else
		free(keep);
	return rc;
}
