/*
 * store/store-digest.c: what digests, events and retag need from the
 * store beyond items and marks: the ids of items with an event, soonest
 * first, and a small key/value table (crier_meta) for bookkeeping such as
 * the hash of the tag rules last applied.  The table is made on the first
 * write, so read-only opens of older databases see "no value".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/time.h"
#include "util/xmalloc.h"

int
store_event_ids(struct store *st, time_t from, long long **ids, size_t *n)
{
	sqlite3_stmt	*s;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT id FROM items"
	    " WHERE event_start IS NOT NULL AND event_start >= ?1"
	    " ORDER BY event_start, id", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the events"));
	sqlite3_bind_int64(s, 1, from == TIME_NONE ? INT64_MIN :
	    (sqlite3_int64)from);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(st, _("cannot read the events"));
	}
	return 0;
}

static int
meta_exists(struct store *st)
{
	sqlite3_stmt	*s;
	int		 found = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master"
	    " WHERE type = 'table' AND name = 'crier_meta'", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		found = 1;
	sqlite3_finalize(s);
	return found;
}

int
store_meta_get(struct store *st, const char *key, char **value)
{
	sqlite3_stmt	*s;
	int		 rc;

	*value = NULL;
	switch (meta_exists(st)) {
	case -1:
		return store_fail(st, _("cannot read the database"));
	case 0:
		return 1;
	}
	if (sqlite3_prepare_v2(st->db, "SELECT value FROM crier_meta"
	    " WHERE key = ?1", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the database"));
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = store_col_text(s, 0);
		rc = *value ? 0 : 1;
	} else if (rc == SQLITE_DONE)
		rc = 1;
	else
		rc = store_fail(st, _("cannot read the database"));
	sqlite3_finalize(s);
	return rc;
}

int
store_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (sqlite3_exec(st->db, "CREATE TABLE IF NOT EXISTS crier_meta ("
	    " key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(st, _("cannot write to the database"));
	if (sqlite3_prepare_v2(st->db, "INSERT INTO crier_meta(key, value)"
	    " VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET"
	    " value = excluded.value", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot write to the database"));
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, value);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("cannot write to the database"));
	return 0;
}

int
store_items_briefs(struct store *st, const long long *ids, size_t n,
    size_t max, int (*cb)(long long, const char *, void *), void *arg)
{
	sqlite3_stmt	*s;
	struct buf	 list = BUF_INIT;
	size_t		 i;
	int		 rc, stop = 0;

	if (n == 0)
		return 0;
	buf_addc(&list, '[');
	for (i = 0; i < n; i++)
		buf_addf(&list, i ? ",%lld" : "%lld", ids[i]);
	buf_addc(&list, ']');
	/* NOTE: substr counts characters, so no UTF-8 sequence is cut */
	if (sqlite3_prepare_v2(st->db, "SELECT id, coalesce(nullif(summary,"
	    " ''), substr(content, 1, ?2)) FROM items WHERE id IN"
	    " (SELECT value FROM json_each(?1))", -1, &s, NULL) !=
	    SQLITE_OK) {
		buf_release(&list);
		return store_fail(st, _("cannot read the items"));
	}
	sqlite3_bind_text(s, 1, list.s, (int)list.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = cb(sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1), arg);
	sqlite3_finalize(s);
	buf_release(&list);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, _("cannot read the items"));
	return 0;
}

/*
 * the WHERE clause of a digest's items (alias i); binds with
 * store_query_bind().  scan: the time bounds do not use the first_seen
 * index (see digest_scan())
 */
static void
digest_where(struct buf *sql, const struct store_query *q, int scan)
{
	buf_adds(sql, " WHERE 1");
	store_query_filters(sql, q, scan);
}

/* the tags of the digest's items: (item, offsets into names), by item */
struct dtag {
	long long	 item;
	size_t		 tag;		/* offset in names */
	size_t		 source;	/* offset in names; (size_t)-1: none */
};

/*
 * NOTE: a digest of most of the items reads them all in rowid order, the
 * table's own order, instead of through the first_seen index, which
 * visits the rows in time order and so seeks once a row, all over the
 * file (bench, 100,000 items all in the window: read and grouped in
 * 510 ms of CPU instead of 565).  With no other filter the tags are
 * then read whole too, without the list of ids.  Two counts on the
 * index tell which; a quarter is the bar.
 */
static int
digest_scan(struct store *st, const struct store_query *q)
{
	sqlite3_stmt	*s;
	struct buf	 sql = BUF_INIT;
	long long	 in = 0, all = 0;
	int		 n = 1;

	if (q->since == TIME_NONE && (q->until == TIME_NONE || q->until == 0))
		return 1;
	buf_adds(&sql, "SELECT (SELECT count(*) FROM items i WHERE 1");
	if (q->since != TIME_NONE)
		buf_adds(&sql, " AND i.first_seen >= ?");
	if (q->until != TIME_NONE && q->until != 0)
		buf_adds(&sql, " AND i.first_seen < ?");
	buf_adds(&sql, "), (SELECT count(*) FROM items)");
	if (sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL) != SQLITE_OK) {
		buf_release(&sql);
		return 0;
	}
	buf_release(&sql);
	if (q->since != TIME_NONE)
		store_bind_time(s, n++, q->since);
	if (q->until != TIME_NONE && q->until != 0)
		store_bind_time(s, n++, q->until);
	if (sqlite3_step(s) == SQLITE_ROW) {
		in = sqlite3_column_int64(s, 0);
		all = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return in > 0 && in >= all / 4;
}

/* all: the tags of every item, the digest's among them */
static int
digest_tags(struct store *st, const struct store_query *q, int all,
    struct dtag **tags, size_t *ntags, struct buf *names)
{
	sqlite3_stmt	*s;
	struct buf	 sql = BUF_INIT;
	struct dtag	*t;
	const char	*v;
	size_t		 cap = 0;
	int		 rc;

	*tags = NULL;
	*ntags = 0;
	buf_adds(&sql, "SELECT t.item_id, t.tag, t.source FROM item_tags t");
	if (!all) {
		buf_adds(&sql, " WHERE t.item_id IN (SELECT i.id FROM items i");
		digest_where(&sql, q, 0);
		buf_adds(&sql, ")");
	}
	buf_adds(&sql, " ORDER BY t.item_id, t.tag");
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return store_fail(st, _("cannot read the items"));
	if (!all)
		store_query_bind(s, 1, q);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*ntags == cap) {
			cap = cap ? cap * 2 : 256;
			*tags = xreallocarray(*tags, cap, sizeof(**tags));
		}
		t = &(*tags)[(*ntags)++];
		t->item = sqlite3_column_int64(s, 0);
		v = (const char *)sqlite3_column_text(s, 1);
		t->tag = names->len;
		buf_add(names, v ? v : "", (v ? strlen(v) : 0) + 1);
		v = (const char *)sqlite3_column_text(s, 2);
		t->source = (size_t)-1;
		if (v && *v) {
			t->source = names->len;
			buf_add(names, v, strlen(v) + 1);
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*tags);
		*tags = NULL;
		*ntags = 0;
		return store_fail(st, _("cannot read the items"));
	}
	return 0;
}

/*
 * NOTE: 0: no map.  Measured on 100,000 items: a 256 MiB map saved no
 * time (the rows are read once) and added its 256 MiB to the peak RSS.
 */
#define DIGEST_MMAP	0LL	/* bytes of the file mapped */

static long long
mmap_get(struct store *st)
{
	sqlite3_stmt	*s;
	long long	 v = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA mmap_size", -1, &s,
	    NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* best effort: a build without mmap just reads */
static void
mmap_set(struct store *st, long long v)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA mmap_size = %lld", v);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

static const char *
col_str(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int
store_items_digest(struct store *st, const struct store_query *q,
    int body, size_t smax, size_t cmax,
    int (*cb)(const struct store_item *, void *), void *arg)
{
	sqlite3_stmt		*s;
	struct buf		 sql = BUF_INIT, names = BUF_INIT;
	struct store_item	 it;
	struct dtag		*tags;
	char			**tv = NULL;
	size_t			 ntags, nt, cap = 0, lo, hi, mid, k;
	long long		 old_mmap;
	int			 rc, stop = 0, n = 1, scan;

	old_mmap = mmap_get(st);
	/* NOTE: reading through a map saves a pread() per 1 KiB page */
	mmap_set(st, DIGEST_MMAP);
	scan = digest_scan(st, q);
	rc = digest_tags(st, q, scan && q->ntags == 0 && q->nfeeds == 0 &&
	    q->unsent == NULL && !q->unread_only, &tags, &ntags, &names);
	if (rc == -1) {
		mmap_set(st, old_mmap);
		return -1;
	}
	buf_adds(&sql, "SELECT i.id, i.feed_id, f.url, f.title,"
	    " coalesce(i.guid, CASE WHEN substr(i.key, 1, 2) = 'g:'"
	    " THEN substr(i.key, 3) END), i.title,"
	    " coalesce(i.link, i.canonical_link), i.canonical_link,"
	    " i.published, i.updated, i.first_seen, i.author, i.unread,"
	    " i.event_start, i.event_end, i.event_allday, ");
	switch (body) {
	case STORE_BODY_NONE:
		buf_adds(&sql, "NULL, NULL");
		break;
	case STORE_BODY_ONE:
		/* NOTE: substr counts characters, so no UTF-8 sequence is
		 * cut and max characters are at least max bytes */
		buf_adds(&sql, "CASE WHEN i.summary <> '' THEN"
		    " substr(i.summary, 1, ?1) ELSE substr(i.content, 1, ?2)"
		    " END, NULL");
		n = 3;
		break;
	case STORE_BODY_BRIEF:
		buf_adds(&sql, "NULL, NULL, coalesce(i.brief, '')");
		break;
	default:
		buf_adds(&sql, "i.summary, i.content");
		break;
	}
	if (body != STORE_BODY_BRIEF)
		buf_adds(&sql, ", NULL");
	buf_adds(&sql, " FROM items i JOIN feeds f ON f.id = i.feed_id");
	digest_where(&sql, q, scan);
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK) {
		mmap_set(st, old_mmap);
		free(tags);
		buf_release(&names);
		return store_fail(st, _("cannot read the items"));
	}
	if (body == STORE_BODY_ONE) {
		sqlite3_bind_int64(s, 1, smax > INT64_MAX ? INT64_MAX :
		    (sqlite3_int64)smax);
		sqlite3_bind_int64(s, 2, cmax > INT64_MAX ? INT64_MAX :
		    (sqlite3_int64)cmax);
	}
	store_query_bind(s, n, q);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&it, 0, sizeof(it));
		it.id = sqlite3_column_int64(s, 0);
		it.feed_id = sqlite3_column_int64(s, 1);
		it.feed_url = (char *)col_str(s, 2);
		it.feed_title = (char *)col_str(s, 3);
		it.guid = (char *)col_str(s, 4);
		it.title = (char *)col_str(s, 5);
		it.link = (char *)col_str(s, 6);
		it.canonical_link = (char *)col_str(s, 7);
		it.published = store_col_time(s, 8);
		it.updated = store_col_time(s, 9);
		it.first_seen = store_col_time(s, 10);
		it.author = (char *)col_str(s, 11);
		it.unread = sqlite3_column_int(s, 12);
		it.event_start = store_col_time(s, 13);
		it.event_end = store_col_time(s, 14);
		it.event_allday = sqlite3_column_int(s, 15);
		it.summary = (char *)col_str(s, 16);
		it.content = (char *)col_str(s, 17);
		it.brief = (char *)col_str(s, 18);
		it.last_seen = TIME_NONE;
		/* the item's tags: a run of the sorted list */
		lo = 0;
		hi = ntags;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (tags[mid].item < it.id)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (nt = 0; lo + nt < ntags && tags[lo + nt].item == it.id;
		    nt++)
			;
		if (nt > 0) {
			if (2 * nt > cap) {
				cap = 2 * nt;
				tv = xreallocarray(tv, cap, sizeof(*tv));
			}
			for (k = 0; k < nt; k++) {
				tv[k] = names.s + tags[lo + k].tag;
				tv[nt + k] = tags[lo + k].source ==
				    (size_t)-1 ? NULL : names.s +
				    tags[lo + k].source;
			}
			it.tags = tv;
			it.tag_sources = tv + nt;
			it.ntags = nt;
		}
		stop = cb(&it, arg);
	}
	sqlite3_finalize(s);
	mmap_set(st, old_mmap);
	free(tags);
	free(tv);
	buf_release(&names);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, _("cannot read the items"));
	return 0;
}
