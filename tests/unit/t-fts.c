/*
 * tests/unit/t-fts.c: the search index: words found with and without
 * their accents, in the title or the body, never in the markup; an edit
 * replaces an item's words; and a program that is not crier (a plain
 * SQLite connection, as the sqlite3 shell) can delete and edit items,
 * after which crier's next write brings the index up to date, even when
 * a new item takes the id of a deleted one.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/feed.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

/* the items the FTS5 query finds, on the store's own connection */
static long long
nsearch(struct store *st, const char *query)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM items_fts"
	    " JOIN items ON items.id = items_fts.rowid"
	    " WHERE items_fts MATCH ?1", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static const struct {
	const char	*title, *content;
} items[] = {
	{ "Café society", "<p>Über die Straße nach İstanbul</p>" },
	{ "Plain English title", "<p>A resume of the naive facade</p>" },
	{ "Москва news", "<p>ПРАГА and <b>Ἀθῆναι</b></p>" },
};

static const struct {
	const char	*query;
	long long	 want;
} searches[] = {
	{ "cafe", 1 },			/* unaccented query, accented text */
	{ "CAFÉ", 1 },
	{ "résumé", 1 },		/* accented query, unaccented text */
	{ "naïve", 1 },
	{ "uber", 1 },
	{ "strasse", 0 },		/* ß is not ss */
	{ "straße", 1 },
	{ "title:plain", 1 },		/* a title word */
	{ "title:resume", 0 },		/* a body word is not in the title */
	{ "body:facade", 1 },
	{ "plai*", 1 },			/* prefixes */
	{ "caf*", 1 },
	{ "fa*", 1 },
	{ "москва", 1 },
	{ "прага", 1 },
	{ "ἀθῆναι", 1 },
	{ "english OR news", 2 },
	{ "p", 0 },			/* markup is not indexed */
	{ "b", 0 },
};

/* runs sql on a connection of its own, with none of crier's functions */
static int
plain_exec(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*msg = NULL;
	int	 rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 5000);
	rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		printf("# %s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static long long
nstale(struct store *st)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM items_fts_stale",
	    -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* one new item, "i<n>", merged by w */
static int
merge_one(struct store *w, long long feed_id, int n, const char *title,
    const char *content, time_t now)
{
	struct feed	*f = feed_new();
	struct entry	*e = feed_add_entry(f);
	char		 id[16];
	int		 rc;

	snprintf(id, sizeof(id), "i%d", n);
	e->id = xstrdup(id);
	e->title = xstrdup(title);
	e->content = xstrdup(content);
	e->published = 1000 + n;
	rc = store_items_merge(w, feed_id, f, now, NULL, NULL, NULL);
	feed_free(f);
	return rc;
}

static void
test_foreign(const char *path, long long feed_id)
{
	struct store	*w;
	char		*cause = NULL;

	ok(plain_exec(path, "SELECT count(*) FROM items_fts"
	    " WHERE items_fts MATCH 'cafe OR creme'") == 0,
	    "a plain connection searches the index");
	/* i2 (Москва) has the highest id: a new row takes it again */
	ok(plain_exec(path, "DELETE FROM items WHERE id = 3;"
	    "UPDATE items SET title = 'Rewritten elsewhere' WHERE id = 2") == 0,
	    "a plain connection deletes and edits items");
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "crier opens it again%s%s", cause ? ": " : "",
	    cause ? cause : "");
	if (w == NULL) {
		printf("Bail out! cannot open the store\n");
		exit(1);
	}
	is_int(nstale(w), 2, "the two old texts wait for crier");
	is_int(nsearch(w, "москва"), 0, "a deleted item is not found");
	ok(merge_one(w, feed_id, 9, "Zanzibar", "<p>Quietly new</p>",
	    4000) == 0, "a new item is merged");
	is_int(nstale(w), 0, "the write caught up");
	is_int(nsearch(w, "zanzibar") * 100 + nsearch(w, "москва") * 10 +
	    nsearch(w, "прага"), 100,
	    "the new item has the deleted one's id, and only its own words");
	is_int(nsearch(w, "rewritten") * 10 + nsearch(w, "plain"), 10,
	    "the edited title is found by its new words only");
	store_close(w);
	free(cause);
}

static void
test_store(void)
{
	static char		 dir[] = "/tmp/crier-fts.XXXXXX";
	static const char	*sfx[] = { "", "-wal", "-shm", ".lock" };
	struct store		*w, *r;
	struct store_feed	 sf;
	struct feed		*f;
	struct entry		*e;
	char			*path, *cause = NULL, id[8];
	size_t			 i;
	long long		 n;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		exit(1);
	}
	xasprintf(&path, "%s/crier.db", dir);
	w = store_open(path, STORE_WRITER, &cause);
	ok(w != NULL, "a new database opens%s%s",
	    cause ? ": " : "", cause ? cause : "");
	if (w == NULL || store_feed_get(w, "https://example.org/f", &sf) == -1) {
		printf("Bail out! cannot make a store\n");
		exit(1);
	}
	f = feed_new();
	for (i = 0; i < nitems(items); i++) {
		e = feed_add_entry(f);
		snprintf(id, sizeof(id), "i%zu", i);
		e->id = xstrdup(id);
		e->title = xstrdup(items[i].title);
		e->content = xstrdup(items[i].content);
		e->published = 1000 + (time_t)i;
	}
	ok(store_items_merge(w, sf.id, f, 2000, NULL, NULL, NULL) == 0,
	    "three items merge");
	feed_free(f);
	for (i = 0; i < nitems(searches); i++)
		is_int(nsearch(w, searches[i].query), searches[i].want,
		    "search '%s'", searches[i].query);

	/* an edit goes through the delete and update triggers, which must
	 * see the tokens the insert made */
	f = feed_new();
	e = feed_add_entry(f);
	e->id = xstrdup("i0");
	e->title = xstrdup("Crème society");
	e->content = xstrdup("<p>Nothing else</p>");
	e->published = 1000;
	ok(store_items_merge(w, sf.id, f, 3000, NULL, NULL, NULL) == 0,
	    "an edit merges");
	feed_free(f);
	n = nsearch(w, "cafe") * 100 + nsearch(w, "uber") * 10 +
	    nsearch(w, "creme");
	is_int(n, 1, "after the edit: the old words are gone, the new found");

	/* a reader searches it too */
	r = store_open(path, STORE_READONLY, &cause);
	ok(r != NULL && nsearch(r, "creme") == 1 && nsearch(r, "plain") == 1,
	    "a reader searches the index");
	store_close(r);
	store_close(w);
	test_foreign(path, sf.id);
	store_feed_release(&sf);
	free(cause);
	for (i = 0; i < nitems(sfx); i++) {
		xasprintf(&cause, "%s%s", path, sfx[i]);
		unlink(cause);
		free(cause);
	}
	rmdir(dir);
	free(path);
}

int
main(void)
{
	plan((int)nitems(searches) + 5 + 9);
	test_store();
	return done_testing();
}
