/*
 * store/store-feed.c: the feeds table: one row per feed URL with its
 * fetch state (ETag, Last-Modified, last status and error, consecutive
 * errors, last and next poll, the server's freshness hints).  Rows are
 * made on first use.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"
#include "util/time.h"
#include "util/xmalloc.h"

void
store_feed_release(struct store_feed *f)
{
	free(f->url);
	free(f->title);
	free(f->link);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->url_effective);
	free(f->moved_to);
	free(f->error_class);
	memset(f, 0, sizeof(*f));
}

static void
feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(s, 0);
	f->url = store_col_text(s, 1);
	f->title = store_col_text(s, 2);
	f->link = store_col_text(s, 3);
	f->etag = store_col_text(s, 4);
	f->last_modified = store_col_text(s, 5);
	f->last_status = (long)sqlite3_column_int64(s, 6);
	f->last_error = store_col_text(s, 7);
	f->error_count = sqlite3_column_int(s, 8);
	f->last_poll = store_col_time(s, 9);
	f->last_success = store_col_time(s, 10);
	f->next_poll = store_col_time(s, 11);
	f->nitems = sqlite3_column_int64(s, 12);
	f->hint_feed = sqlite3_column_int64(s, 13);
	f->hint_http = sqlite3_column_int64(s, 14);
	f->gone_conf = sqlite3_column_int64(s, 15);
	f->url_effective = store_col_text(s, 16);
	f->moved_to = store_col_text(s, 17);
	f->moved_count = sqlite3_column_int(s, 18);
	f->error_class = store_col_text(s, 19);
	f->failing_since = store_col_time(s, 20);
}

int
store_feed_find(struct store *st, const char *url, struct store_feed *out)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, STMT_FEED_SELECT)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		feed_from_row(s, out);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 1;
	return store_fail(st, _("cannot read a feed"));
}

int
store_feed_get(struct store *st, const char *url, struct store_feed *out)
{
	sqlite3_stmt	*s;
	int		 rc;

	rc = store_feed_find(st, url, out);
	if (rc != 1)
		return rc;
	if ((s = store_stmt(st, STMT_FEED_INSERT)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	if (store_step_done(st, s, N_("cannot add a feed")) == -1)
		return -1;
	rc = store_feed_find(st, url, out);
	if (rc == 1)
		return store_failx(st, "%s", _("cannot add a feed"));
	return rc;
}

int
store_feed_each(struct store *st,
    int (*cb)(const struct store_feed *, void *), void *arg)
{
	sqlite3_stmt		*s;
	struct store_feed	 f;
	int			 rc, stop = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT " STORE_FEED_COLUMNS
	    " FROM feeds ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the feeds"));
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		feed_from_row(s, &f);
		stop = cb(&f, arg);
		store_feed_release(&f);
	}
	if (!stop && rc != SQLITE_DONE) {
		store_fail(st, _("cannot read the feeds"));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
store_feed_set_state(struct store *st, long long feed_id,
    const struct store_fetch_state *fs)
{
	sqlite3_stmt	*s;

	s = store_stmt(st, fs->error ? STMT_FEED_STATE_ERR :
	    STMT_FEED_STATE_OK);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, fs->status);
	store_bind_time(s, 3, fs->now);
	store_bind_time(s, 4, fs->next_poll);
	if (fs->error) {
		store_bind_text(s, 9, fs->error);
		store_bind_text(s, 12, fs->error_class);
	} else {
		/* empty strings would be sent back as empty validators */
		store_bind_text(s, 5, fs->etag && *fs->etag ? fs->etag : NULL);
		store_bind_text(s, 6, fs->last_modified &&
		    *fs->last_modified ? fs->last_modified : NULL);
		store_bind_text(s, 7, fs->title && *fs->title ? fs->title :
		    NULL);
		store_bind_text(s, 8, fs->link && *fs->link ? fs->link : NULL);
		if (fs->hint_http > 0)
			sqlite3_bind_int64(s, 10, fs->hint_http);
		else
			sqlite3_bind_null(s, 10);
		sqlite3_bind_int64(s, 11, fs->hint_feed);
	}
	return store_step_done(st, s, N_("cannot record a feed's state"));
}

int
store_feed_set_gone(struct store *st, long long feed_id, long long gone_conf)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, STMT_FEED_GONE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	if (gone_conf != 0)
		sqlite3_bind_int64(s, 2, gone_conf);
	else
		sqlite3_bind_null(s, 2);
	return store_step_done(st, s, N_("cannot record a feed's state"));
}

int
store_feed_set_moved(struct store *st, long long feed_id,
    const char *url_effective, const char *moved_to, int moved_count)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, STMT_FEED_MOVED)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	store_bind_text(s, 2, url_effective);
	store_bind_text(s, 3, moved_to);
	sqlite3_bind_int(s, 4, moved_count);
	return store_step_done(st, s, N_("cannot record a feed's state"));
}

int
store_feed_purge(struct store *st, const char *url, long long *nitems)
{
	struct store_feed	 f;
	sqlite3_stmt		*s = NULL;
	int			 rc;

	*nitems = 0;
	if (store_begin(st) == -1)
		return -1;
	if ((rc = store_feed_find(st, url, &f)) != 0) {
		store_rollback(st);
		return rc;
	}
	*nitems = f.nitems;
	/* NOTE: ON DELETE CASCADE takes the items, their tags and digest
	 * marks; the items' delete trigger queues their search entries in
	 * items_fts_stale, which store_commit() takes out of the index */
	if (sqlite3_prepare_v2(st->db, "DELETE FROM feeds WHERE id = ?", -1,
	    &s, NULL) != SQLITE_OK) {
		store_fail(st, _("cannot delete a feed"));
		goto fail;
	}
	sqlite3_bind_int64(s, 1, f.id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, _("cannot delete a feed"));
		goto fail;
	}
	store_feed_release(&f);
	return store_commit(st) == -1 ? (store_rollback(st), -1) : 0;
fail:
	store_feed_release(&f);
	store_rollback(st);
	return -1;
}
