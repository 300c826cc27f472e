/*
 * store/store-tag.c: an item's tags, each with the rule or source that
 * gave it (so `show` can say why), and the tag counts for `tags`.
 */
#include <stdlib.h>

#include "store/store-int.h"
#include "util/i18n.h"

int
store_item_set_tags(struct store *st, long long item_id, const char **names,
    const char **sources, size_t n)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc, own = 0;

	if (st->depth == 0) {
		if (store_begin(st) == -1)
			return -1;
		own = 1;
	}
	if ((s = store_stmt(st, STMT_TAGS_DELETE)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, item_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto fail_sql;
	for (i = 0; i < n; i++) {
		if (names[i] == NULL || *names[i] == '\0')
			continue;
		if ((s = store_stmt(st, STMT_TAGS_INSERT)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, item_id);
		store_bind_text(s, 2, names[i]);
		store_bind_text(s, 3, sources ? sources[i] : NULL);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			goto fail_sql;
	}
	if (own && store_commit(st) == -1)
		goto fail;
	return 0;

fail_sql:
	store_fail(st, _("cannot store the tags"));
fail:
	if (own)
		store_rollback(st);
	return -1;
}

int
store_tags_each(struct store *st,
    int (*cb)(const char *, long long, void *), void *arg)
{
	sqlite3_stmt	*s;
	int		 rc, stop = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT tag, count(*) FROM item_tags"
	    " GROUP BY tag ORDER BY tag", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the tags"));
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = cb((const char *)sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1), arg);
	sqlite3_finalize(s);
	if (!stop && rc != SQLITE_DONE)
		return store_fail(st, _("cannot read the tags"));
	return 0;
}
