/*
 * store/store-digest.c: what digests, events and retag need from the
 * store beyond items and marks: the ids of items with an event, soonest
 * first, and a small key/value table (crier_meta) for bookkeeping such as
 * the hash of the tag rules last applied.  The table is made on the first
 * write, so read-only opens of older databases see "no value".
 */
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
