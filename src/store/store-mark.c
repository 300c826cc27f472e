/*
 * store/store-mark.c: marks: what each named digest has sent, so
 * `digest --unsent NAME` sends every item once (issue 4), and the read
 * state of items (`crier mark`, the reader), with the unread counts the
 * reader shows per feed and tag.  Setting unread touches no text, so the
 * search index's triggers stay quiet.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
store_mark_sent(struct store *st, const char *digest, const long long *ids,
    size_t n, time_t now)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc, own;

	if (store_own_begin(st, &own) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, STMT_MARK_INSERT)) == NULL)
			break;
		store_bind_text(s, 1, digest);
		sqlite3_bind_int64(s, 2, ids[i]);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)now);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			store_fail(st, _("cannot record the digest as sent"));
			break;
		}
	}
	return store_own_end(st, own, i == n);
}

int
store_items_set_read(struct store *st, const long long *ids, size_t n,
    int read, long long *missing)
{
	size_t	i;
	int	own;

	if (store_own_begin(st, &own) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (store_item_set_read(st, ids[i], read) == -1)
			break;
		if (sqlite3_changes(st->db) == 0) {
			*missing = ids[i];
			store_own_end(st, own, 0);
			return 1;
		}
	}
	return store_own_end(st, own, i == n);
}

int
store_query_set_read(struct store *st, const struct store_query *q,
    int read, long long *changed)
{
	struct buf	 sql = BUF_INIT;
	sqlite3_stmt	*s;
	int		 rc;

	/* NOTE: only the rows that change are written (and counted) */
	buf_adds(&sql, "UPDATE items AS i SET unread = ?1 WHERE unread <> ?1");
	store_query_filters(&sql, q, 0);
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return store_fail(st, _("cannot update an item"));
	sqlite3_bind_int(s, 1, read ? 0 : 1);
	store_query_bind(s, 2, q);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("cannot update an item"));
	if (changed)
		*changed = sqlite3_changes(st->db);
	return 0;
}

int
store_counts(struct store *st, enum store_count_kind kind,
    int (*cb)(const struct store_count *, void *), void *arg)
{
	static const char *const sql[] = {
		/* NOTE: the unread count from the index of migration 10 */
		[STORE_COUNT_FEEDS] =
		"SELECT f.url, f.title, (SELECT count(*) FROM items"
		" WHERE feed_id = f.id), (SELECT count(*) FROM items"
		" WHERE unread = 1 AND feed_id = f.id) FROM feeds f"
		" ORDER BY f.id",
		[STORE_COUNT_TAGS] =
		"SELECT tag, NULL, count(*), -1 FROM item_tags"
		" GROUP BY tag ORDER BY tag",
		[STORE_COUNT_TAGS_UNREAD] =
		"SELECT tag, NULL, count(*), sum(item_id IN"
		" (SELECT id FROM items WHERE unread = 1)) FROM item_tags"
		" GROUP BY tag ORDER BY tag",
	};
	struct store_count	 c;
	sqlite3_stmt		*s;
	int			 rc;

	if (sqlite3_prepare_v2(st->db, sql[kind], -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the items"));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c.key = (const char *)sqlite3_column_text(s, 0);
		c.title = (const char *)sqlite3_column_text(s, 1);
		c.total = sqlite3_column_int64(s, 2);
		c.unread = sqlite3_column_int64(s, 3);
		if (c.key == NULL)
			continue;
		if (cb(&c, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("cannot read the items"));
	return 0;
}

