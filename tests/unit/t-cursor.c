/*
 * tests/unit/t-cursor.c: store_cursor pages through the items in
 * store_items_query()'s order, every item once, over many pages and with
 * dates that tie; with a limit and filters; and beside a writer
 * that commits between two calls (WAL), as store.h says: a new item
 * older than the position comes, a newer one does not, a deleted one
 * does not.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/feed.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

#define NITEMS	300

static char	dir[] = "/tmp/crier-cursor.XXXXXX";

/* ids joined by ',' */
static int
query_cb(const struct store_item *it, void *arg)
{
	buf_addf(arg, "%lld,", it->id);
	return 0;
}

static char *
by_query(struct store *st, const struct store_query *q)
{
	struct buf b = BUF_INIT;

	if (store_items_query(st, q, query_cb, &b) == -1) {
		buf_release(&b);
		return xstrdup("error");
	}
	return buf_detach(&b, NULL);
}

static char *
by_cursor(struct store *st, const struct store_query *q)
{
	struct store_cursor	*c;
	struct store_item	 it;
	struct buf		 b = BUF_INIT;
	int			 rc;

	if (store_cursor_open(st, q, &c) == -1)
		return xstrdup("error");
	while ((rc = store_cursor_next(c, &it)) == 1) {
		buf_addf(&b, "%lld,", it.id);
		store_item_release(&it);
	}
	store_cursor_close(c);
	if (rc == -1) {
		buf_release(&b);
		return xstrdup("error");
	}
	return buf_detach(&b, NULL);
}

static size_t
count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == ',';
	return n;
}

/* entries "prefix<i>" for i in [from, to), published at date(i) */
static int
merge(struct store *w, long long feed_id, const char *prefix, int from,
    int to, time_t (*date)(int), time_t now)
{
	struct feed	*f = feed_new();
	struct entry	*e;
	char		 id[32];
	int		 i, rc;

	for (i = from; i < to; i++) {
		e = feed_add_entry(f);
		snprintf(id, sizeof(id), "%s%d", prefix, i);
		e->id = xstrdup(id);
		e->title = xstrdup("plain title");
		e->published = date(i);
	}
	rc = store_items_merge(w, feed_id, f, now, NULL, NULL, NULL);
	feed_free(f);
	return rc;
}

/* many ties: every 10 items share a date; some have none (first_seen) */
static time_t
date_tied(int i)
{
	return i % 7 == 0 ? TIME_NONE : 100000 + (time_t)(i / 10) * 60;
}

static time_t
date_new(int i)
{
	return i == 0 ? 900000 : 1000;		/* newest, oldest of all */
}

int
main(void)
{
	struct store_query	 q;
	struct store_feed	 sf;
	struct store_cursor	*c;
	struct store_item	 it;
	struct store		*w, *r;
	char			*path, *cause = NULL, *a, *b, *p;
	const char		*tag = "nothing";
	sqlite3			*db;
	long long		 first_id = 0, del_id = 0, got_old = 0;
	int			 rc, n, seen_del = 0, seen_new = 0;

	plan(12);
	if (mkdtemp(dir) == NULL)
		return 1;
	xasprintf(&path, "%s/crier.db", dir);
	w = store_open(path, STORE_WRITER, &cause);
	if (w == NULL || store_feed_get(w, "https://example.org/f", &sf) == -1 ||
	    merge(w, sf.id, "x", 0, NITEMS, date_tied, 50000) == -1) {
		printf("Bail out! %s\n", cause ? cause : store_error(w));
		return 1;
	}
	r = store_open(path, STORE_READONLY, &cause);
	if (r == NULL) {
		printf("Bail out! %s\n", cause ? cause : "?");
		return 1;
	}

	store_query_init(&q);
	a = by_query(r, &q);
	b = by_cursor(r, &q);
	ok(count(b) == NITEMS && strcmp(a, b) == 0,
	    "every item once, in the query's order, over %d pages",
	    NITEMS / 64 + 1);
	free(a);
	free(b);

	q.limit = 130;
	a = by_query(r, &q);
	b = by_cursor(r, &q);
	ok(count(b) == 130 && strcmp(a, b) == 0, "a limit across pages");
	free(a);
	free(b);
	q.limit = 64;
	b = by_cursor(r, &q);
	is_int((long long)count(b), 64, "a limit of exactly one page");
	free(b);

	store_query_init(&q);
	q.tags = &tag;
	q.ntags = 1;
	b = by_cursor(r, &q);
	is_str(b, "", "a filter that matches nothing");
	free(b);

	/* beside a writer: read one page, let it commit, read on */
	store_query_init(&q);
	ok(store_cursor_open(r, &q, &c) == 0, "open");
	for (n = 0; n < 70 && (rc = store_cursor_next(c, &it)) == 1; n++) {
		if (n == 0)
			first_id = it.id;
		store_item_release(&it);
	}
	is_int(n, 70, "70 items read (past the first page)");
	/* an item not read yet: the oldest of all (first_seen dated) */
	a = by_query(w, &q);
	p = strrchr(a, ',');
	*p = '\0';
	p = strrchr(a, ',');
	del_id = strtoll(p ? p + 1 : a, NULL, 10);
	free(a);
	rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK) {
		char sql[64];

		snprintf(sql, sizeof(sql), "DELETE FROM items WHERE id = %lld",
		    del_id);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	sqlite3_close(db);
	ok(rc == SQLITE_OK && merge(w, sf.id, "new", 0, 2, date_new,
	    60000) == 0, "the writer deletes one item, adds a newest and an "
	    "oldest one");
	while ((rc = store_cursor_next(c, &it)) == 1) {
		n++;
		seen_del += it.id == del_id;
		seen_new += it.published == 900000;
		if (it.published == 1000)
			got_old = it.id;
		store_item_release(&it);
	}
	store_cursor_close(c);
	ok(rc == 0 && n == NITEMS - 1 + 1, "the cursor ends: %d items", n);
	ok(seen_del == 0, "the deleted item is not returned");
	ok(seen_new == 0, "the item newer than the position is not");
	ok(got_old > 0, "the older one is, in its place");
	b = by_cursor(r, &q);
	ok(count(b) == NITEMS - 1 + 2 && first_id > 0,
	    "a new cursor sees them all");
	free(b);

	store_close(r);
	store_feed_release(&sf);
	store_close(w);
	free(cause);
	{
		static const char *sfx[] = { "", "-wal", "-shm", ".lock" };
		size_t i;

		for (i = 0; i < nitems(sfx); i++) {
			xasprintf(&cause, "%s%s", path, sfx[i]);
			unlink(cause);
			free(cause);
		}
	}
	rmdir(dir);
	free(path);
	return done_testing();
}
