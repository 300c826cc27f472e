/*
 * store/store-int.h: what the store's files share and nobody else sees:
 * the opaque struct store, its cache of prepared statements and the
 * error helpers.  Every statement is prepared once, on first use, and
 * reset before it is handed out again.
 */
#ifndef CRIER_STORE_STORE_INT_H
#define CRIER_STORE_STORE_INT_H

#include <stdint.h>
#include <sqlite3.h>

#include "store/store.h"

struct buf;
struct store_ckpt;

/* a feed row's columns, as feed_from_row() (store-feed.c) reads them */
#define STORE_FEED_COLUMNS \
	"id, url, title, link, etag, last_modified, last_status," \
	" last_error, error_count, last_poll, last_success, next_poll," \
	" (SELECT count(*) FROM items WHERE feed_id = feeds.id)," \
	" hint_feed, hint_http, gone_conf, url_effective, moved_to," \
	" moved_count, error_class, failing_since"

/* what rekey_moved() (store-item.c) reads of a candidate row */
#define STORE_MOVED_COLUMNS \
	"id, key, coalesce(published, updated), content_hash," \
	" coalesce(guid, CASE WHEN substr(key, 1, 2) = 'g:'" \
	"  THEN substr(key, 3) END), coalesce(link, canonical_link), last_seen"

enum store_stmt_id {
	STMT_FEED_INSERT,
	STMT_FEED_SELECT,
	STMT_FEED_STATE_OK,
	STMT_FEED_STATE_ERR,
	STMT_FEED_GONE,
	STMT_FEED_MOVED,
	STMT_ITEM_UPSERT,
	STMT_ITEM_SEEN,
	STMT_ITEM_ANY,
	STMT_ITEM_UNSEEN,
	STMT_ITEM_KEYS,
	STMT_ITEM_BY_LINK,
	STMT_ITEM_BY_TITLE,
	STMT_ITEM_REKEY,
	STMT_ITEM_REKEY_QUIET,
	STMT_TAGS_DELETE,
	STMT_TAGS_INSERT,
	STMT_ITEM_EVENT,
	STMT_ITEM_READ,
	STMT_MARK_INSERT,
	STMT_ITEM_TAGS,
	STMT_FTS_ADD,
	STMT_FTS_ADD_PRE,
	STMT_FTS_STALE_ANY,
	STMT_FTS_STALE_FORGET,
	STMT_FTS_STALE_ADD,
	STMT_FTS_STALE_CLEAR,
	STMT__COUNT
};

struct store {
	sqlite3		*db;
	int		 flags;		/* enum store_flags */
	int		 lockfd;	/* writer lock, -1 when not held */
	int		 lock_wait;	/* s to wait for it (store_open_wait) */
	void		(*waiting)(const char *, void *);
	void		*waiting_arg;
	int		 pollfd;	/* poll lock (STORE_POLLER), -1 */
	int		 depth;		/* store_begin() nesting */
	int		 empty;		/* no database file yet (read-only) */
	char		*path;
	char		*error;		/* last error, for store_error() */
	sqlite3_stmt	*stmts[STMT__COUNT];
	/* store_set_fts_batch(): new items not yet in the search index */
	int		 fts_batch;
	long long	*fts_ids;
	char		**fts_texts;	/* title and body of each, made ahead */
	size_t		 nfts, fts_cap, fts_mark;
	long long	*fts_feeds;	/* the feeds they came from */
	size_t		 nfts_feeds, fts_feeds_cap, fts_feeds_mark;
	long long	 new_item;	/* the merge's callback runs for this
					   new row: it has no tags yet */
	sqlite3_stmt	*tags_multi[8];	/* tags insert of 2..8 rows */
	struct store_ckpt *ckpt;	/* store_checkpoint_thread() */
	sqlite3_stmt	*copies;	/* store_item_copies() for copies_q */
	const struct store_query *copies_q;
	/* store_item_copies(): after COPIES_INDEX_AFTER calls, the sorted
	 * link identities several feeds carry (shared_read), as of the
	 * database's data version shared_version */
	size_t		 ncopy_calls;
	uint64_t	*shared;	/* hashes of identities */
	size_t		 nshared;
	int		 shared_read;
	unsigned int	 shared_version;
};

/* WAL bytes after which a checkpoint runs (SQLite's or the thread's) */
#define STORE_CHECKPOINT_BYTES	(16 * 1024 * 1024)
/* STORE_CHECKPOINT_BYTES in WAL frames of this database's pages; -1 */
int		 store_checkpoint_frames(struct store *);
/* SQLite's own checkpoints every STORE_CHECKPOINT_BYTES; the WAL is cut
 * back to 32 MB after one */
int		 store_set_autocheckpoint(struct store *);

/* the batched new items into the search index (inside a transaction) */
int		 store_fts_flush(struct store *);
/* the rows deleted or edited since (items_fts_stale, store-fts.c) out of
 * the search index, and the edited ones in again (inside a transaction;
 * a no-op for a read-only store) */
int		 store_fts_catch_up(struct store *);
/* crier_fts_text(): s[0, n) without markup into out (n + 1 bytes);
 * returns the length written */
size_t		 store_fts_strip(const char *s, size_t n, char *out);

/*
 * An item's summary or content as kept (store-body.c): store_body_pack()
 * gives 1 and the BLOB to keep in *out (malloc'd) when compressing pays,
 * 0 when the text is kept as it is; store_body_unpack() makes the text
 * of such a BLOB (malloc'd, NUL-terminated), -1 when it is damaged.
 * store_value_text() is the text of a value either way (*tofree to free
 * after, NULL for a value that needed no copy), NULL when damaged;
 * store_text_fn() is SQL's crier_text(body).
 */
int		 store_body_pack(const char *, size_t, char **out,
		    size_t *outn);
int		 store_body_unpack(const void *, size_t, char **out,
		    size_t *outn);
const char	*store_value_text(sqlite3_value *, char **tofree, int *len);
void		 store_text_fn(sqlite3_context *, int, sqlite3_value **);

/* registers "crier", the tokenizer of the search index of schema 5 and
 * older, as an alias of unicode61 remove_diacritics 2 (store-fts.c), so
 * migrations can drop that index; SQLITE_OK or an SQLite error code */
int		 store_fts_register(sqlite3 *db);
/*
 * The key an item stored under key (with its guid and canonical_link
 * columns) has under today's rule (store_item_key()), for migration 10:
 * malloc'd, a copy of key when it is unchanged.
 */
char		*store_item_rekey(const char *key, const char *guid,
		    const char *canonical_link);
/* the connection's fts5_api (https://sqlite.org/fts5.html, section 7),
 * or NULL */
fts5_api	*store_fts5_api(sqlite3 *db);

/* the cached statement id, reset and with its bindings cleared; NULL on
 * error (store_error() says why) */
sqlite3_stmt	*store_stmt(struct store *, enum store_stmt_id);
/* records "what: sqlite message" as the store's error; returns -1 */
int		 store_fail(struct store *, const char *what);
/* frees store_item_copies()'s set of shared link identities */
void		 store_shared_free(struct store *);
/* records a message of our own */
int		 store_failx(struct store *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/*
 * A string of parts (categories, tags) split on sep, in a buffer kept
 * from call to call: v[0..n) point into s, each part NUL-ended; "a" sep
 * is "a" and "".  store_split() returns n.
 */
struct store_parts {
	struct buf	  s;
	char		**v;
	size_t		  cap;
};
size_t		 store_split(struct store_parts *, const char *s, size_t len,
		    int sep);
void		 store_parts_release(struct store_parts *);
/*
 * A write that may run inside the caller's transaction: store_own_begin()
 * begins one only when none is open (*own says so); store_own_end()
 * commits it when ok, else rolls it back, and leaves the caller's own to
 * the caller.  0, or -1 (not ok, or the begin or commit failed).
 */
int		 store_own_begin(struct store *, int *own);
int		 store_own_end(struct store *, int own, int ok);
/*
 * steps s, which returns no rows, and resets it; else store_fail() with
 * what, an N_() message translated only then
 */
int		 store_step_done(struct store *, sqlite3_stmt *,
		    const char *what);

/* binding helpers: NULL text and TIME_NONE bind as SQL NULL */
int	store_bind_text(sqlite3_stmt *, int, const char *);
/*
 * The filters of a store_query (tags, feeds, time window, unread, unsent)
 * as " AND ..." terms on items aliased i; scan keeps the time bounds off
 * the first_seen index.  store_query_bind() binds them from parameter n
 * in the same order and returns the next free parameter.
 */
void	store_query_filters(struct buf *, const struct store_query *, int scan);
int	store_query_bind(sqlite3_stmt *, int n, const struct store_query *);
int	store_bind_time(sqlite3_stmt *, int, time_t);
char	*store_col_text(sqlite3_stmt *, int);	/* malloc'd or NULL */
time_t	 store_col_time(sqlite3_stmt *, int);	/* TIME_NONE for NULL */

#endif
