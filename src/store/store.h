/*
 * store.h: every SQL statement lives behind this header.  SQLite in WAL
 * mode with a busy timeout; schema versions by PRAGMA user_version and an
 * ordered list of migrations; dedup and change detection; digest marks.
 * A reader (list, show, read) and the writer (poll, daemon) share it.
 * Functions return 0 or -1; on -1 store_error() tells why.
 */
#ifndef CRIER_STORE_H
#define CRIER_STORE_H

#include <stddef.h>
#include <time.h>

#include "parse/feed.h"

struct buf;

struct store;

enum store_flags {
	STORE_READONLY	= 1 << 0,	/* list/show: never writes */
	STORE_WRITER	= 1 << 1,	/* poll/daemon: takes the writer lock */
	STORE_POLLER	= 1 << 2,	/* poll/daemon: one at a time, for
					   their whole run (the poll lock) */
	STORE_WAIT	= 1 << 3,	/* with STORE_WRITER: wait up to
					   STORE_WAIT_SECS for the writer
					   lock instead of failing at once
					   (mark, beside a daemon's round) */
};

#define STORE_WAIT_SECS	10

/*
 * Opens (and creates, migrates) the database at path.  With STORE_WRITER
 * it takes an exclusive writer lock (a second writer gets NULL with a cause
 * naming the other pid).  NULL and *cause on failure.
 */
struct store	*store_open(const char *path, int flags, char **cause);
/*
 * store_open(), but a writer lock that another process holds is waited
 * for, at most wait seconds (a digest marking beside a poll round);
 * waiting(cause naming the holder, arg) is called once if it must wait.
 */
struct store	*store_open_wait(const char *path, int flags, int wait,
		    void (*waiting)(const char *, void *), void *arg,
		    char **cause);
/*
 * The daemon between rounds: lets the writer lock go (a digest may mark
 * meanwhile; the poll lock keeps other polls out) and takes it again,
 * -1 and *cause (naming the holder) when another writer has it.
 */
int		 store_writer_unlock(struct store *);
int		 store_writer_lock(struct store *, char **cause);
void		 store_close(struct store *);
/*
 * The pid of the poll or daemon polling the database at path (it holds
 * the poll lock), or 0 when none does.
 */
long		 store_poller_pid(const char *path);
const char	*store_error(struct store *);
/* the database file's path, as opened */
const char	*store_path(struct store *);
/*
 * The path a second connection opens to read what this one sees, or
 * NULL: a database in memory, or a transaction of this one open.
 */
const char	*store_reader_path(struct store *);
int		 store_begin(struct store *);
int		 store_commit(struct store *);
int		 store_rollback(struct store *);
/*
 * Inside a transaction: a savepoint that store_release() keeps and
 * store_rollback_to() undoes (and drops), leaving the transaction open,
 * so one transaction can hold several feeds, each stored whole or not.
 */
int		 store_savepoint(struct store *);
int		 store_release(struct store *);
int		 store_rollback_to(struct store *);

/* ---- feeds ---- */
struct store_feed {
	long long	 id;
	char		*url;
	char		*title;		/* the feed's own title */
	char		*link;
	char		*etag;
	char		*last_modified;
	long		 last_status;	/* 0: never fetched */
	char		*last_error;
	int		 error_count;	/* consecutive failures */
	time_t		 last_poll;	/* TIME_NONE if never */
	time_t		 last_success;
	time_t		 next_poll;
	long long	 nitems;
	long long	 hint_feed;	/* s, from the last document; 0 */
	long long	 hint_http;	/* s, from the last response; 0 */
	long long	 gone_conf;	/* 410: the [feed] section's
					   fingerprint then; 0: not gone */
	char		*url_effective;	/* polled here (moved); NULL */
	char		*moved_to;	/* 301/308 target seen ... */
	int		 moved_count;	/* ... on so many polls in a row */
	char		*error_class;	/* of the last failure; NULL */
	time_t		 failing_since;	/* the streak's first failure;
					   TIME_NONE when not failing */
};

void	store_feed_release(struct store_feed *);
/* finds or creates the feed row for url, fills *out (id, state) */
int	store_feed_get(struct store *, const char *url, struct store_feed *out);
/* every feed row, in id order; cb returns non-zero to stop */
int	store_feed_each(struct store *,
	    int (*cb)(const struct store_feed *, void *), void *arg);

struct store_fetch_state {
	long		 status;
	const char	*error;		/* NULL on success */
	const char	*error_class;	/* with error: "timeout", "http 404" */
	const char	*etag;		/* NULL: keep the stored one */
	const char	*last_modified;
	time_t		 now;
	time_t		 next_poll;
	const char	*title;		/* feed title from the parse, or NULL */
	const char	*link;
	long long	 hint_http;	/* s, 0: none (on success) */
	long long	 hint_feed;	/* s, 0: none, -1: keep the stored one */
};
/* records the outcome of one fetch (error count reset on success) */
int	store_feed_set_state(struct store *, long long feed_id,
	    const struct store_fetch_state *);
/* marks the feed gone (410) with its config's fingerprint; 0: not gone */
int	store_feed_set_gone(struct store *, long long feed_id,
	    long long gone_conf);
/* where the feed moved: url_effective (NULL: its own URL), the candidate
 * moved_to (NULL: none) and how many polls in a row saw it */
int	store_feed_set_moved(struct store *, long long feed_id,
	    const char *url_effective, const char *moved_to, int moved_count);

/* ---- items ---- */
struct store_merge_stats {
	int	added;
	int	updated;
	int	unchanged;
	int	moved;		/* known under a new key (counted above too) */
};

/*
 * Called for each new or changed item after it was written, inside the
 * merge's transaction, so the caller can tag it.
 */
typedef int store_item_fn(struct store *, long long item_id,
	    const struct entry *, void *arg);

/*
 * Merges the entries of a parsed feed into the store (one transaction
 * per call unless the caller holds one).  Dedup key: guid, else the
 * link's identity (url_identity()), else hash of title and date; a new
 * key may take over the row of the same post under an old key (link
 * identity, else title and date; stats->moved).  New items are
 * inserted; changed ones (title, body, date) updated in place and
 * flagged; the rest get last_seen = now.
 */
int	store_items_merge(struct store *, long long feed_id,
	    const struct feed *, time_t now, store_item_fn *, void *arg,
	    struct store_merge_stats *);
/* the dedup key of an entry, malloc'd ("g:...", "l:...", "h:...") */
char	*store_item_key(const struct entry *);

struct store_item {
	long long	 id;
	long long	 feed_id;
	char		*feed_url;
	char		*feed_title;	/* config title, else the feed's */
	char		*guid;
	char		*title;
	char		*link;
	char		*canonical_link;
	time_t		 published;
	time_t		 updated;
	time_t		 first_seen;
	time_t		 last_seen;
	char		*author;
	char		*summary;
	char		*content;
	char		*brief;		/* read by STORE_BODY_BRIEF only, then
					 * "" for no text; else NULL */
	char		**categories;
	size_t		 ncategories;
	char		**tags;
	size_t		 ntags;
	char		**tag_sources;	/* parallel to tags; NULL entries */
	int		 unread;
	int		 changed;	/* edited after first seen */
	time_t		 event_start;	/* TIME_NONE: no event */
	time_t		 event_end;
	int		 event_allday;
	char		*enclosures;	/* as stored: url \x1f type \x1f
					 * length, \x1e between; NULL: none
					 * (render_enclosure_next() reads it) */
	char		*key;		/* the dedup key, store_item_key() */
};
void	store_item_release(struct store_item *);

struct store_query;

/*
 * Another feed's copy of an item: the same post, as its link's identity
 * (url_identity(): scheme, "www.", trailing '/', tracking parameters
 * aside) says; guids are a feed's own and never match across feeds.
 */
struct store_copy {
	long long	 id;
	long long	 feed_id;
	char		*feed_url;
	char		*feed_title;	/* the feed's own, or NULL */
	time_t		 date;		/* as lists order: published, else
					 * updated, else first_seen */
};
/*
 * The copies of it other feeds carry, in the lists' order (newest
 * first), only those q selects when q is not NULL (its feeds aside: a
 * copy is in another feed).  q must stay unchanged between calls that
 * pass it (the statement is kept).  *out is malloc'd (NULL for none):
 * store_copies_free().  0 done, -1 error.
 */
int	store_item_copies(struct store *, const struct store_item *it,
	    const struct store_query *q, struct store_copy **out, size_t *n);
void	store_copies_free(struct store_copy *, size_t);
/*
 * 1 if copy c comes before it in the lists' order (so a list that
 * shows each post once shows c, not it)
 */
int	store_copy_first(const struct store_copy *c,
	    const struct store_item *it);

struct store_query {
	const char	**tags;		/* any of */
	size_t		 ntags;
	const char	**feeds;	/* any of (URLs) */
	size_t		 nfeeds;
	time_t		 since;		/* first_seen >= since; TIME_NONE: all */
	int		 unread_only;
	long long	 limit;		/* 0: no limit */
	const char	*unsent;	/* digest name: not yet marked sent */
	int		 with_body;	/* also load summary/content */
	time_t		 until;		/* first_seen < until; 0 or TIME_NONE:
					 * no bound */
	long long	 id_min;	/* id >= id_min; 0: no bound */
	long long	 id_max;	/* id <= id_max; 0: no bound */
};
/* a query with every filter off (since/until TIME_NONE) */
void	store_query_init(struct store_query *);

/*
 * items newest first (published, else updated, else first_seen); cb
 * non-zero stops.
 * The callback may take the row's strings: it then zeroes *item (it is
 * released right after the callback returns).
 */
int	store_items_query(struct store *, const struct store_query *,
	    int (*cb)(const struct store_item *, void *), void *arg);
/* 0 found, 1 no such item, -1 error */
int	store_item_get(struct store *, long long id, struct store_item *out);

/*
 * A cursor over the items of q, in store_items_query()'s order (newest
 * first, then by id), for a caller that takes them a few at a time, as a
 * terminal reader pages through a million items: open, then next until
 * it gives 0, then close (like sqlite3_prepare(), sqlite3_step() and
 * sqlite3_finalize()).  q (and what it points to) must stay unchanged
 * until the close.
 *
 * It reads pages of a few dozen items, each page by one short statement
 * that starts after the last item read (keyset pagination on the items'
 * date index, migration 7), so the first item comes at once, memory
 * stays bounded, and no read transaction stays open between two calls.
 * So beside a writer (WAL) each page sees the database as last
 * committed: an item committed after the open is returned if it sorts
 * after the cursor's position, and never if it sorts before it; an item
 * deleted before its page is read is not returned; an item whose date a
 * writer changes may move past the position (seen twice, or not at
 * all).  Every item that stays unchanged is returned exactly once, in
 * order.
 *
 * open: 0 and *out, or -1 (store_error()).  next: 1 and the item in
 * *out (the caller owns it: store_item_release()), 0 at the end, -1 on
 * error.
 */
struct store_cursor;
int	store_cursor_open(struct store *, const struct store_query *q,
	    struct store_cursor **out);
int	store_cursor_next(struct store_cursor *, struct store_item *out);
void	store_cursor_close(struct store_cursor *);

/* ---- tags, events, marks ---- */
/* replaces the item's tags: names[i] came from rule/field sources[i] */
int	store_item_set_tags(struct store *, long long item_id,
	    const char **names, const char **sources, size_t n);
int	store_item_set_event(struct store *, long long item_id,
	    time_t start, time_t end, int allday);
int	store_item_set_read(struct store *, long long item_id, int read);
/* records items as sent by digest name */
int	store_mark_sent(struct store *, const char *digest,
	    const long long *ids, size_t n, time_t now);

/* ---- additions (store extensions) ---- */
/* 1 when a read-only open found no database file (an empty one is used) */
int	store_is_empty(struct store *);
/* every tag with its item count, by tag name; cb non-zero stops */
int	store_tags_each(struct store *,
	    int (*cb)(const char *tag, long long count, void *), void *arg);
/* the feed row for url without creating it: 0 found, 1 none, -1 error */
int	store_feed_find(struct store *, const char *url,
	    struct store_feed *out);
/*
 * Deletes the feed row for url with its items, their tags, digest marks
 * and search entries, in one transaction; *nitems gets how many items
 * went.  0 done, 1 no such feed, -1 error.
 */
int	store_feed_purge(struct store *, const char *url, long long *nitems);

/*
 * With on, the items store_items_merge() adds reach the search index when
 * the outermost transaction commits, in one statement, instead of at the
 * end of each merge: FTS5 writes a segment per flush, so a poll of many
 * feeds in one transaction makes a few big segments instead of one per
 * feed.  A search inside the transaction does not see them yet.
 */
void	store_set_fts_batch(struct store *, int on);
/*
 * With on, a writer's WAL checkpoints run in a thread of their own, on a
 * connection of their own, while this one goes on writing; off (and
 * store_close()) stops it and gives the checkpoints back to SQLite.
 * A store that cannot have one (read-only, in memory) keeps SQLite's.
 * 0, or -1 when SQLite's could not be set again.
 */
int	store_checkpoint_thread(struct store *, int on);
/*
 * Drops the pages SQLite caches for this connection that are not in use
 * (between the daemon's rounds: they are read again from the file).
 */
void	store_release_memory(struct store *);
/* SQLite's page cache of this connection, in KiB (store_open(): 12 MiB) */
int	store_set_cache_kib(struct store *, int kib);
/*
 * store_items_merge() in two halves, so the first can run in another
 * thread: store_items_prepare() touches no store (dedup keys, canonical
 * links, content hashes, the text for the search index of each entry of
 * f) and store_items_merge_prep() writes them as store_items_merge()
 * does.  f must not change in between; free with store_prep_free().
 */
struct store_prep;
struct store_prep *store_items_prepare(const struct feed *f);
/*
 * The plain-text excerpt a digest shows of entry i of the prepared feed
 * (htmltext_brief() of its summary, else its content, made by the
 * caller: the store makes no text of its own); the prep takes brief
 * (malloc'd; NULL or "" for none).  An entry given none is stored with
 * none, as are the entries of store_items_merge().
 */
void	store_prep_set_brief(struct store_prep *, size_t i, char *brief);
int	store_items_merge_prep(struct store *, long long feed_id,
	    const struct feed *f, struct store_prep *, time_t now,
	    store_item_fn *, void *arg, struct store_merge_stats *);
void	store_prep_free(struct store_prep *);

/* ---- additions (digests, events, retag: store-digest.c) ---- */
/*
 * The ids of the items with an event starting at or after from
 * (TIME_NONE: every event), soonest first, into *ids (malloc'd, the
 * caller frees) and *n.
 */
int	store_event_ids(struct store *, time_t from, long long **ids,
	    size_t *n);
/*
 * A small key/value table for the store's own bookkeeping (the hash of
 * the tag rules last applied).  get: 0 found (*value malloc'd), 1 none,
 * -1 error.  set needs a writable store.
 */
int	store_meta_get(struct store *, const char *key, char **value);
/* when the digest NAME first marked items as sent, TIME_NONE if never
 * (its first run is still to come); 0 or -1 */
int	store_digest_first_sent(struct store *, const char *digest,
	    time_t *when);
int	store_meta_set(struct store *, const char *key, const char *value);
/*
 * The items of a digest, in no particular order: q's tags, feeds, since,
 * until, ids, unread_only and unsent (search, limit and with_body are
 * ignored), each with its tags (by name) and, by body: STORE_BODY_NONE
 * no summary or content; STORE_BODY_ONE in summary the summary's first
 * smax characters, else (summary NULL or empty) the content's first cmax;
 * STORE_BODY_BRIEF no summary or content but brief, the excerpt the poll
 * stored (store_prep_set_brief()); STORE_BODY_FULL
 * both whole, and the categories.  With STORE_BODY_NO_IDS or'd in, guid and author are not
 * read (NULL).  Every string of the item is borrowed:
 * valid only during the callback.  cb non-zero stops.
 */
enum store_body {
	STORE_BODY_NONE,
	STORE_BODY_ONE,
	STORE_BODY_BRIEF,
	STORE_BODY_FULL,
	STORE_BODY_NO_IDS = 1 << 8,	/* a flag: no guid, no author */
};
int	store_items_digest(struct store *, const struct store_query *,
	    int body, size_t smax, size_t cmax,
	    int (*cb)(const struct store_item *, void *), void *arg);
/* the least and the greatest item id; 0 and 0 when there is none */
int	store_item_ids(struct store *, long long *min, long long *max);

/* ---- read state, search, counts (store-mark.c, store-search.c) ---- */
/*
 * Sets the read state of the items ids[0, n) in one transaction.  0, or
 * 1 with *missing the first id that names no item (nothing changed), or
 * -1 (store_error()).
 */
int	store_items_set_read(struct store *, const long long *ids, size_t n,
	    int read, long long *missing);
/*
 * Sets the read state of every item of q (tags, feeds, unread_only,
 * search; the other fields ignored) in one statement; *changed (may be
 * NULL) is the number of items whose state changed.
 */
int	store_query_set_read(struct store *, const struct store_query *q,
	    int read, long long *changed);

/* a feed or a tag with its item counts (store_counts()) */
struct store_count {
	const char	*key;		/* the feed's URL, or the tag */
	const char	*title;		/* the feed's stored title; NULL */
	long long	 total;
	long long	 unread;
};
/*
 * Every feed that has a row (by id) or every tag (by name) with its
 * total and unread item counts.  STORE_COUNT_TAGS gives unread -1 (not
 * counted): the unread items of each tag take a pass over every tag
 * row (2 s for a million items), so a reader shows the tags first and
 * asks STORE_COUNT_TAGS_UNREAD after.  Strings are borrowed for the
 * callback only; cb non-zero stops.
 */
enum store_count_kind {
	STORE_COUNT_FEEDS,
	STORE_COUNT_TAGS,
	STORE_COUNT_TAGS_UNREAD,
};
int	store_counts(struct store *, enum store_count_kind,
	    int (*cb)(const struct store_count *, void *), void *arg);

/*
 * A search query compiled from the user's words into the FTS5 language
 * of the search index (title and body; detail=column, so no phrases):
 * words (a word* is a prefix), AND, OR, NOT, parentheses, title: and
 * body: filters, and "quoted phrases", which match their words and then
 * (when the query has no OR or NOT) only items whose text has those
 * words in a row.  Terms are folded as the index folds them (case,
 * diacritics).  store_search_new(): 0 and *out, or -1 and *cause (a
 * message for the user: the query is invalid or has no words).
 */
struct store_search;
int	store_search_new(struct store *, const char *query,
	    struct store_search **out, char **cause);
void	store_search_free(struct store_search *);
/*
 * The matching items of q's filters (tags, feeds, unread_only) best
 * first (a BM25 of title and body, the title weighted higher; ties
 * newest first), with their bodies, at most limit (0: all).  cb gets
 * each item as store_items_query()'s does; non-zero stops.
 */
int	store_search_run(struct store *, struct store_search *,
	    const struct store_query *q, long long limit,
	    int (*cb)(const struct store_item *, void *), void *arg);
/*
 * A one-line excerpt of text[0, len) (plain text, as htmltext renders a
 * body) of at most max bytes around the first term of the query found
 * in it, appended to out, each term found wrapped in
 * STORE_HL_ON ... STORE_HL_OFF; other control characters are dropped,
 * whitespace runs are one space, "..." marks a cut.  Nothing when the
 * text is empty.
 */
#define STORE_HL_ON	'\x01'
#define STORE_HL_OFF	'\x02'
void	store_search_snippet(struct store_search *, const char *text,
	    size_t len, size_t max, struct buf *out);

#endif
