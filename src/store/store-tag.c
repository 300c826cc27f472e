/*
 * store/store-tag.c: an item's tags, each with the rule or source that
 * gave it (so `show` can say why), and the tag counts for `tags`.
 */
#include "config.h"

#include <stdlib.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* "INSERT ... VALUES (?1, ?2, ?3), (?1, ?4, ?5), ..." for n rows */
static sqlite3_stmt *
tags_insert(struct store *st, size_t n)
{
	struct buf	 sql = BUF_INIT;
	sqlite3_stmt	*s;
	size_t		 i;

	if (n < 2 || n - 2 >= nitems(st->tags_multi))
		return store_stmt(st, STMT_TAGS_INSERT);
	if ((s = st->tags_multi[n - 2]) != NULL) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	buf_adds(&sql, "INSERT INTO item_tags(item_id, tag, source) VALUES");
	for (i = 0; i < n; i++)
		buf_addf(&sql, "%s(?1, ?%zu, ?%zu)", i ? ", " : " ", 2 + 2 * i,
		    3 + 2 * i);
	buf_adds(&sql, " ON CONFLICT(item_id, tag) DO NOTHING");
	if (sqlite3_prepare_v3(st->db, sql.s, -1, SQLITE_PREPARE_PERSISTENT,
	    &s, NULL) != SQLITE_OK) {
		buf_release(&sql);
		store_fail(st, _("cannot prepare a statement"));
		return NULL;
	}
	buf_release(&sql);
	st->tags_multi[n - 2] = s;
	return s;
}

int
store_item_set_tags(struct store *st, long long item_id, const char **names,
    const char **sources, size_t n)
{
	sqlite3_stmt	*s;
	size_t		 i, k, m;
	int		 rc, own;

	if (store_own_begin(st, &own) == -1)
		return -1;
	/* NOTE: a row the merge just inserted has no tags to delete */
	if (item_id != st->new_item) {
		if ((s = store_stmt(st, STMT_TAGS_DELETE)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, item_id);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			goto fail_sql;
	}
	/* the tags in statements of up to 9 rows (fewer statements) */
	for (i = 0; i < n; i = k) {
		for (m = 0, k = i; k < n && m < nitems(st->tags_multi) + 1;
		    k++) {
			if (names[k] != NULL && *names[k] != '\0')
				m++;
		}
		if (m == 0)
			continue;
		if ((s = tags_insert(st, m)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, item_id);
		for (m = 0; i < k; i++) {
			if (names[i] == NULL || *names[i] == '\0')
				continue;
			store_bind_text(s, 2 + 2 * (int)m, names[i]);
			store_bind_text(s, 3 + 2 * (int)m,
			    sources ? sources[i] : NULL);
			m++;
		}
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			goto fail_sql;
	}
	return store_own_end(st, own, 1);

fail_sql:
	store_fail(st, _("cannot store the tags"));
fail:
	return store_own_end(st, own, 0);
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
