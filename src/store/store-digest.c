/*
 * store/store-digest.c: what digests, events and retag need from the
 * store beyond items and marks: the ids of items with an event, soonest
 * first, and a small key/value table (crier_meta) for bookkeeping such as
 * the hash of the tag rules last applied.  The table is made on the first
 * write, so read-only opens of older databases see "no value".
 */
#include "config.h"

#include <stdint.h>
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

int
store_item_ids(struct store *st, long long *min, long long *max)
{
	sqlite3_stmt	*s;
	int		 rc;

	*min = *max = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT min(id), max(id) FROM items",
	    -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the items"));
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*min = sqlite3_column_int64(s, 0);
		*max = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, _("cannot read the items"));
	return 0;
}

int
store_digest_first_sent(struct store *st, const char *digest, time_t *when)
{
	sqlite3_stmt	*s;
	int		 rc;

	*when = TIME_NONE;
	if (sqlite3_prepare_v2(st->db, "SELECT min(sent_at) FROM digest_marks"
	    " WHERE digest = ?1", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the database"));
	store_bind_text(s, 1, digest);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*when = store_col_time(s, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_fail(st, _("cannot read the database"));
	sqlite3_finalize(s);
	return rc;
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
	uint32_t	 tag;		/* offset in names */
	uint32_t	 source;	/* offset in names; DTAG_NONE: none */
};

#define DTAG_NONE	UINT32_MAX

/*
 * The distinct strings of a digest's tags (names and sources: a few
 * dozen for 400,000 rows), each kept once in names.
 */
struct dnames {
	struct buf	 names;
	uint32_t	*slot;		/* offset + 1; 0: empty */
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

/* NOTE: the length and up to 16 bytes of the ends: 400,000 cheap ones */
static size_t
dnames_hash(const char *s, size_t len)
{
	uint64_t	a = 0, b = 0;

	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	} else
		memcpy(&a, s, len);
	a = (a ^ (b * 0x9e3779b97f4a7c15ULL) ^ len) * 0xff51afd7ed558ccdULL;
	return (size_t)(a ^ (a >> 29));
}

/* the offset of s (len bytes, no NUL in it) in names, added once */
static int
dnames_add(struct dnames *d, const char *s, size_t len, uint32_t *off)
{
	uint32_t	*old;
	size_t		 i, h, ocap;
	const char	*t;

	if (2 * (d->n + 1) > d->cap) {
		old = d->slot;
		ocap = d->cap;
		d->cap = d->cap ? d->cap * 2 : 64;
		d->slot = xcalloc(d->cap, sizeof(*d->slot));
		for (i = 0; i < ocap; i++) {
			if (old[i] == 0)
				continue;
			t = d->names.s + old[i] - 1;
			h = dnames_hash(t, strlen(t)) & (d->cap - 1);
			while (d->slot[h])
				h = (h + 1) & (d->cap - 1);
			d->slot[h] = old[i];
		}
		free(old);
	}
	h = dnames_hash(s, len) & (d->cap - 1);
	while (d->slot[h]) {
		t = d->names.s + d->slot[h] - 1;
		if (strncmp(t, s, len) == 0 && t[len] == '\0') {
			*off = d->slot[h] - 1;
			return 0;
		}
		h = (h + 1) & (d->cap - 1);
	}
	/* NOTE: offsets and offset + 1 fit in 32 bits, short of DTAG_NONE */
	if (d->names.len >= UINT32_MAX - 2 ||
	    len >= UINT32_MAX - 2 - d->names.len)
		return -1;
	*off = (uint32_t)d->names.len;
	buf_add(&d->names, s, len);
	buf_addc(&d->names, '\0');
	d->slot[h] = *off + 1;
	d->n++;
	return 0;
}

static void
dnames_release(struct dnames *d)
{
	buf_release(&d->names);
	free(d->slot);
	memset(d, 0, sizeof(*d));
}

/* the text of column i, "" for NULL, and its length */
static const char *
col_text_len(sqlite3_stmt *s, int i, size_t *len)
{
	const char *v;

	v = (const char *)sqlite3_column_text(s, i);
	if (v == NULL) {
		*len = 0;
		return NULL;
	}
	*len = (size_t)sqlite3_column_bytes(s, i);
	/* NOTE: a NUL inside the text ends it, as for a C string */
	*len = strnlen(v, *len);
	return v;
}

/*
 * NOTE: a digest of most of the items reads them all in rowid order, the
 * table's own order, instead of through the first_seen index, which
 * visits the rows in time order and so seeks once a row, all over the
 * file.  With no other filter the tags are
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

/* all: the tags of every item (in q's range of ids), the digest's among
 * them */
static int
digest_tags(struct store *st, const struct store_query *q, int all,
    struct dtag **tags, size_t *ntags, struct dnames *names)
{
	sqlite3_stmt	*s;
	struct buf	 sql = BUF_INIT;
	struct dtag	*t;
	const char	*v;
	size_t		 cap = 0, len;
	int		 rc, n;

	*tags = NULL;
	*ntags = 0;
	buf_adds(&sql, "SELECT t.item_id, t.tag, t.source FROM item_tags t"
	    " WHERE 1");
	/* (a range of ids: a range of item_tags' primary key) */
	if (q->id_min > 0)
		buf_adds(&sql, " AND t.item_id >= ?");
	if (q->id_max > 0)
		buf_adds(&sql, " AND t.item_id <= ?");
	if (!all) {
		buf_adds(&sql, " AND t.item_id IN (SELECT i.id FROM items i");
		digest_where(&sql, q, 0);
		buf_adds(&sql, ")");
	}
	buf_adds(&sql, " ORDER BY t.item_id, t.tag");
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return store_fail(st, _("cannot read the items"));
	n = 1;
	if (q->id_min > 0)
		sqlite3_bind_int64(s, n++, q->id_min);
	if (q->id_max > 0)
		sqlite3_bind_int64(s, n++, q->id_max);
	if (!all)
		store_query_bind(s, n, q);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*ntags == cap) {
			cap = cap ? cap * 2 : 256;
			*tags = xreallocarray(*tags, cap, sizeof(**tags));
		}
		t = &(*tags)[(*ntags)++];
		t->item = sqlite3_column_int64(s, 0);
		v = col_text_len(s, 1, &len);
		if (dnames_add(names, v ? v : "", len, &t->tag) == -1)
			break;
		v = col_text_len(s, 2, &len);
		t->source = DTAG_NONE;
		if (v && *v && dnames_add(names, v, len, &t->source) == -1)
			break;
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

/* the feeds: id, URL and title, by id */
struct dfeeds {
	long long	*ids;
	size_t		*url;		/* offsets in strs */
	size_t		*title;		/* offsets in strs; (size_t)-1: NULL */
	size_t		 n;
	struct buf	 strs;
};

/*
 * NOTE: read once instead of joined to each item: the join cost
 * 0.04 s of reading 100,000 items
 */
static int
digest_feeds(struct store *st, struct dfeeds *f)
{
	sqlite3_stmt	*s;
	const char	*v;
	size_t		 cap = 0, len;
	int		 rc;

	if (sqlite3_prepare_v2(st->db, "SELECT id, url, title FROM feeds"
	    " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the items"));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->n == cap) {
			cap = cap ? cap * 2 : 64;
			f->ids = xreallocarray(f->ids, cap, sizeof(*f->ids));
			f->url = xreallocarray(f->url, cap, sizeof(*f->url));
			f->title = xreallocarray(f->title, cap,
			    sizeof(*f->title));
		}
		f->ids[f->n] = sqlite3_column_int64(s, 0);
		v = col_text_len(s, 1, &len);
		f->url[f->n] = f->strs.len;
		buf_add(&f->strs, v ? v : "", len);
		buf_addc(&f->strs, '\0');
		v = col_text_len(s, 2, &len);
		f->title[f->n] = (size_t)-1;
		if (v) {
			f->title[f->n] = f->strs.len;
			buf_add(&f->strs, v, len);
			buf_addc(&f->strs, '\0');
		}
		f->n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("cannot read the items"));
	return 0;
}

/* the index of feed id in f, or (size_t)-1; hint: the last one found */
static size_t
dfeeds_find(const struct dfeeds *f, long long id, size_t hint)
{
	size_t lo = 0, hi = f->n, mid;

	if (hint < f->n && f->ids[hint] == id)
		return hint;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->n && f->ids[lo] == id ? lo : (size_t)-1;
}

static void
dfeeds_release(struct dfeeds *f)
{
	free(f->ids);
	free(f->url);
	free(f->title);
	buf_release(&f->strs);
	memset(f, 0, sizeof(*f));
}

/*
 * NOTE: 0: no map.  Measured on 100,000 items: a 256 MiB map saved no
 * time (the rows are read once) and added its 256 MiB to the peak RSS.
 */
#define DIGEST_MMAP	0LL	/* bytes of the file mapped */

/* PRAGMA name's value; 0 when unknown */
static long long
pragma_get(struct store *st, const char *name)
{
	sqlite3_stmt	*s;
	char		 sql[64];
	long long	 v = 0;

	snprintf(sql, sizeof(sql), "PRAGMA %s", name);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* best effort (a build without mmap just reads) */
static void
pragma_set(struct store *st, const char *name, long long v)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA %s = %lld", name, v);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/*
 * NOTE: the digest reads each page once, so the store's page cache,
 * sized for the poll's writes, only held pages it would not read
 * again: 2 MiB keeps the b-tree's upper pages, the reads stay the same
 * (1 MiB read 1% more pages) and the peak RSS is 12 MB less (100,000
 * items).
 */
#define DIGEST_CACHE_KIB	2048LL

/* the map and cache sizes as they were before the read */
static void
pragmas_restore(struct store *st, long long map_size, long long cache_size)
{
	pragma_set(st, "mmap_size", map_size);
	if (cache_size != 0)
		pragma_set(st, "cache_size", cache_size);
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
	struct buf		 sql = BUF_INIT;
	struct dnames		 names;
	struct dfeeds		 feeds;
	struct store_item	 it;
	struct dtag		*tags;
	char			**tv = NULL;
	size_t			 ntags, nt, cap = 0, lo, hi, mid, k, fi = 0;
	size_t			 next = 0, len;
	struct store_parts	 cats = { BUF_INIT, NULL, 0 };
	const char		*v;
	long long		 old_mmap, old_cache;
	int			 rc, stop = 0, n = 1, scan, ids;

	memset(&names, 0, sizeof(names));
	buf_init(&names.names, 0);
	memset(&feeds, 0, sizeof(feeds));
	buf_init(&feeds.strs, 0);
	old_mmap = pragma_get(st, "mmap_size");
	/* NOTE: reading through a map saves a pread() per 1 KiB page */
	pragma_set(st, "mmap_size", DIGEST_MMAP);
	old_cache = pragma_get(st, "cache_size");
	pragma_set(st, "cache_size", -DIGEST_CACHE_KIB);
	scan = digest_scan(st, q);
	if (digest_feeds(st, &feeds) == -1) {
		pragmas_restore(st, old_mmap, old_cache);
		dfeeds_release(&feeds);
		return -1;
	}
	rc = digest_tags(st, q, scan && q->ntags == 0 && q->nfeeds == 0 &&
	    q->unsent == NULL && !q->unread_only, &tags, &ntags, &names);
	if (rc == -1) {
		pragmas_restore(st, old_mmap, old_cache);
		dfeeds_release(&feeds);
		dnames_release(&names);
		return -1;
	}
	/*
	 * NOTE: without ids (text, markdown, html) neither the guid, made
	 * from the key for most items (a tenth of SQLite's work), nor the
	 * author is read
	 */
	ids = !(body & STORE_BODY_NO_IDS);
	body &= ~STORE_BODY_NO_IDS;
	buf_adds(&sql, "SELECT i.id, i.feed_id,");
	buf_adds(&sql, ids ? " coalesce(i.guid, CASE WHEN substr(i.key, 1, 2)"
	    " = 'g:' THEN substr(i.key, 3) END)," : " NULL,");
	buf_adds(&sql, " i.title, coalesce(i.link, i.canonical_link),"
	    " i.canonical_link, i.published, i.updated, i.first_seen,");
	buf_adds(&sql, ids ? " i.author," : " NULL,");
	buf_adds(&sql, " i.unread, i.event_start, i.event_end,"
	    " i.event_allday, ");
	switch (body) {
	case STORE_BODY_NONE:
		buf_adds(&sql, "NULL, NULL");
		break;
	case STORE_BODY_ONE:
		/* NOTE: substr counts characters, so no UTF-8 sequence is
		 * cut and max characters are at least max bytes */
		buf_adds(&sql, "CASE WHEN i.summary <> '' THEN"
		    " substr(crier_text(i.summary), 1, ?1)"
		    " ELSE substr(crier_text(i.content), 1, ?2)"
		    " END, NULL");
		n = 3;
		break;
	case STORE_BODY_BRIEF:
		buf_adds(&sql, "NULL, NULL, coalesce(i.brief, '')");
		break;
	default:
		buf_adds(&sql, "crier_text(i.summary), crier_text(i.content)");
		break;
	}
	if (body != STORE_BODY_BRIEF)
		buf_adds(&sql, ", NULL");
	/* NOTE: the formats with ids (json, atom) show the enclosures */
	buf_adds(&sql, ids ? ", i.enclosures" : ", NULL");
	buf_adds(&sql, body == STORE_BODY_FULL ? ", i.categories" : ", NULL");
	/* NOTE: no join: the feeds were read above (an item without its
	 * feed, which the join dropped, is skipped below) */
	buf_adds(&sql, " FROM items i");
	digest_where(&sql, q, scan);
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK) {
		pragmas_restore(st, old_mmap, old_cache);
		free(tags);
		dnames_release(&names);
		dfeeds_release(&feeds);
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
		if ((fi = dfeeds_find(&feeds, it.feed_id, fi)) == (size_t)-1) {
			fi = 0;
			continue;
		}
		it.feed_url = feeds.strs.s + feeds.url[fi];
		it.feed_title = feeds.title[fi] == (size_t)-1 ? NULL :
		    feeds.strs.s + feeds.title[fi];
		it.guid = (char *)col_str(s, 2);
		it.title = (char *)col_str(s, 3);
		it.link = (char *)col_str(s, 4);
		it.canonical_link = (char *)col_str(s, 5);
		it.published = store_col_time(s, 6);
		it.updated = store_col_time(s, 7);
		it.first_seen = store_col_time(s, 8);
		it.author = (char *)col_str(s, 9);
		it.unread = sqlite3_column_int(s, 10);
		it.event_start = store_col_time(s, 11);
		it.event_end = store_col_time(s, 12);
		it.event_allday = sqlite3_column_int(s, 13);
		it.summary = (char *)col_str(s, 14);
		it.content = (char *)col_str(s, 15);
		it.brief = (char *)col_str(s, 16);
		it.enclosures = (char *)col_str(s, 17);
		it.last_seen = TIME_NONE;
		if ((v = col_text_len(s, 18, &len)) != NULL && len > 0) {
			it.ncategories = store_split(&cats, v, len, '\x1f');
			it.categories = cats.v;
		}
		/*
		 * the item's tags: a run of the sorted list; in a scan the
		 * items come in id order, so the run is most often where
		 * the last one ended
		 */
		if (next < ntags && tags[next].item == it.id &&
		    (next == 0 || tags[next - 1].item < it.id))
			lo = next;
		else {
			lo = 0;
			hi = ntags;
			while (lo < hi) {
				mid = lo + (hi - lo) / 2;
				if (tags[mid].item < it.id)
					lo = mid + 1;
				else
					hi = mid;
			}
		}
		for (nt = 0; lo + nt < ntags && tags[lo + nt].item == it.id;
		    nt++)
			;
		next = lo + nt;
		if (nt > 0) {
			if (2 * nt > cap) {
				cap = 2 * nt;
				tv = xreallocarray(tv, cap, sizeof(*tv));
			}
			for (k = 0; k < nt; k++) {
				tv[k] = names.names.s + tags[lo + k].tag;
				tv[nt + k] = tags[lo + k].source ==
				    DTAG_NONE ? NULL : names.names.s +
				    tags[lo + k].source;
			}
			it.tags = tv;
			it.tag_sources = tv + nt;
			it.ntags = nt;
		}
		stop = cb(&it, arg);
	}
	sqlite3_finalize(s);
	pragmas_restore(st, old_mmap, old_cache);
	free(tags);
	free(tv);
	store_parts_release(&cats);
	dnames_release(&names);
	dfeeds_release(&feeds);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, _("cannot read the items"));
	return 0;
}
