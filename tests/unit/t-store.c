/*
 * tests/unit/t-store.c: opening the store: migrations from empty, a
 * reopen, the writer lock (a second writer is refused and told the pid,
 * a reader still works), a reader on a missing database, feed state,
 * tags, digest marks and search.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed.h"
#include "store/store.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

static char	dir[] = "/tmp/crier-store.XXXXXX";

static long long
sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	long long	 v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

static int
count_cb(const struct store_item *it, void *arg)
{
	(void)it;
	(*(long long *)arg)++;
	return 0;
}

static long long
nquery(struct store *st, struct store_query *q)
{
	long long n = 0;

	if (store_items_query(st, q, count_cb, &n) == -1)
		return -1;
	return n;
}

static int
tag_cb(const char *tag, long long n, void *arg)
{
	char	*out = arg;
	size_t	 len = strlen(out);

	snprintf(out + len, 128 - len, "%s=%lld;", tag, n);
	return 0;
}

static void
cleanup(const char *path)
{
	static const char *sfx[] = { "", "-wal", "-shm", ".lock" };
	size_t	i;
	char	*p;

	for (i = 0; i < nitems(sfx); i++) {
		xasprintf(&p, "%s%s", path, sfx[i]);
		unlink(p);
		free(p);
	}
}

int
main(void)
{
	struct store_fetch_state	 fs;
	struct store_feed		 sf, sf2;
	struct store_query		 q;
	struct store_item		 it;
	struct feed			*f;
	struct entry			*e;
	struct store			*w, *w2, *r;
	char				*path, *missing, *cause = NULL, pid[32];
	char				 tags[128] = "";
	const char			*names[] = { "report", "event" };
	const char			*srcs[] = { "rule report: title",
					    "feed" };
	long long			 ids[1];
	struct stat			 sb;

	plan(26);
	if (mkdtemp(dir) == NULL)
		return 1;
	xasprintf(&path, "%s/crier.db", dir);
	xasprintf(&missing, "%s/none/crier.db", dir);

	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "writer opens a new database");
	if (w == NULL) {
		printf("# %s\n", cause);
		return 1;
	}
	ok(sql_int(path, "PRAGMA user_version") >= 1,
	    "migrated from empty (user_version %lld)",
	    sql_int(path, "PRAGMA user_version"));
	is_int(sql_int(path, "SELECT count(*) FROM sqlite_master WHERE name"
	    " IN ('feeds','items','item_tags','digest_marks','items_fts')"),
	    5, "every table exists");
	is_int(sql_int(path, "SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'"), 1, "the database is in WAL mode");

	/* the writer lock */
	w2 = store_open(path, STORE_WRITER, &cause);
	ok(w2 == NULL && cause != NULL, "a second writer is refused");
	snprintf(pid, sizeof(pid), "pid %ld", (long)getpid());
	ok(cause && strstr(cause, pid) != NULL, "the cause names the pid: %s",
	    cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	store_close(w2);

	/* feed state */
	ok(store_feed_get(w, "https://example.org/feed", &sf) == 0 &&
	    sf.last_status == 0 && sf.last_poll == TIME_NONE,
	    "a new feed was never fetched");
	memset(&fs, 0, sizeof(fs));
	fs.status = 200;
	fs.etag = "\"v1\"";
	fs.last_modified = "Thu, 20 Oct 2022 09:00:00 GMT";
	fs.now = 1000;
	fs.next_poll = 4600;
	fs.title = "Example";
	ok(store_feed_set_state(w, sf.id, &fs) == 0, "state after a 200");
	memset(&fs, 0, sizeof(fs));
	fs.status = 500;
	fs.error = "HTTP 500";
	fs.now = 2000;
	fs.next_poll = 2600;
	ok(store_feed_set_state(w, sf.id, &fs) == 0, "state after a 500");
	ok(store_feed_get(w, "https://example.org/feed", &sf2) == 0 &&
	    sf2.id == sf.id && sf2.last_status == 500 &&
	    sf2.error_count == 1 && sf2.etag &&
	    strcmp(sf2.etag, "\"v1\"") == 0 && sf2.last_success == 1000 &&
	    sf2.last_poll == 2000 && sf2.title &&
	    strcmp(sf2.title, "Example") == 0 && sf2.last_error &&
	    strcmp(sf2.last_error, "HTTP 500") == 0,
	    "an error keeps the validators and counts");
	store_feed_release(&sf2);

	/* an item, tags, an event */
	f = feed_new();
	e = feed_add_entry(f);
	e->id = xstrdup("x1");
	e->title = xstrdup("Annual report on <b>privacy</b>");
	e->link = xstrdup("https://example.org/r?utm_source=x");
	e->content = xstrdup("<p>The report covers surveillance.</p>");
	e->summary = xstrdup("<p>The report covers surveillance.</p>");
	e->published = 1500;
	entry_add_category(e, "Reports");
	entry_add_category(e, "Privacy");
	ok(store_items_merge(w, sf.id, f, 1000, NULL, NULL, NULL) == 0,
	    "merge one item");
	ok(store_item_set_tags(w, 1, names, srcs, 2) == 0, "set tags");
	ok(store_item_set_event(w, 1, 5000, 8600, 0) == 0, "set an event");
	ok(store_item_get(w, 1, &it) == 0 && it.ntags == 2 &&
	    strcmp(it.tags[0], "event") == 0 && it.tag_sources[0] &&
	    strcmp(it.tag_sources[0], "feed") == 0 &&
	    it.ncategories == 2 && strcmp(it.categories[1], "Privacy") == 0 &&
	    it.event_start == 5000 && it.event_end == 8600 &&
	    it.content && it.link &&
	    strcmp(it.link, "https://example.org/r?utm_source=x") == 0 &&
	    it.canonical_link &&
	    strcmp(it.canonical_link, "https://example.org/r") == 0,
	    "item reads back with tags, sources, categories, event, links");
	store_item_release(&it);
	is_int(sql_int(path, "SELECT count(*) FROM items WHERE summary IS NULL"),
	    1, "a summary equal to the content is not stored twice");
	store_tags_each(w, tag_cb, tags);
	is_str(tags, "event=1;report=1;", "tag counts");

	/* search and marks */
	store_query_init(&q);
	q.search = "surveillance";
	is_int(nquery(w, &q), 1, "search finds a body word");
	q.search = "p";
	is_int(nquery(w, &q), 0, "markup is not indexed");
	store_query_init(&q);
	q.unsent = "weekly";
	is_int(nquery(w, &q), 1, "unsent before marking");
	ids[0] = 1;
	ok(store_mark_sent(w, "weekly", ids, 1, 3000) == 0, "mark sent");
	is_int(nquery(w, &q), 0, "nothing unsent after marking");

	/* a reader while the writer holds the lock */
	r = store_open(path, STORE_READONLY, &cause);
	ok(r != NULL, "a reader opens beside the writer%s%s",
	    cause ? ": " : "", cause ? cause : "");
	store_query_init(&q);
	is_int(r ? nquery(r, &q) : -1, 1, "the reader sees the item");
	store_close(r);

	store_close(w);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL && store_feed_get(w, "https://example.org/feed", &sf2) ==
	    0 && sf2.nitems == 1, "reopen after close keeps the data and "
	    "the lock was released");
	store_feed_release(&sf2);
	store_close(w);

	r = store_open(missing, STORE_READONLY, &cause);
	ok(r != NULL && store_is_empty(r), "a reader on a missing database "
	    "gets an empty one");
	store_query_init(&q);
	ok(r && nquery(r, &q) == 0 && stat(missing, &sb) == -1,
	    "it lists nothing and creates no file");
	store_close(r);

	feed_free(f);
	store_feed_release(&sf);
	cleanup(path);
	free(path);
	free(missing);
	rmdir(dir);
	return done_testing();
}
