/*
 * tests/unit/t-dedup.c: dedup keys and merge semantics: an unchanged
 * re-poll adds nothing, an edit updates in place and is flagged, a
 * re-ordered feed adds nothing, an item that left and came back is the
 * same row, duplicate keys inside one document are stored once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/feed.h"
#include "store/store.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char	*name;
	const char	*id, *link, *title;
	time_t		 date;
	const char	*want;		/* exact key, or a prefix ending in ':' */
} keys[] = {
	{ "guid wins over link", "urn:x:1", "https://a.example/p", "T", 1,
	    "g:urn:x:1" },
	{ "guid is trimmed", "  urn:x:1\n", NULL, NULL, TIME_NONE,
	    "g:urn:x:1" },
	{ "blank guid falls back to link", "  ", "https://a.example/p", NULL,
	    TIME_NONE, "l:" },
	{ "no guid, no link: hash", NULL, NULL, "Hello", 1666256400, "h:" },
	{ "permalink guid in identity form", "http://www.a.example/p/",
	    NULL, NULL, TIME_NONE, "g:a.example/p" },
	{ "https permalink guid: the same key", "https://a.example/p", NULL,
	    NULL, TIME_NONE, "g:a.example/p" },
	{ "a guid keeps its fragment", "https://a.example/log#v2", NULL,
	    NULL, TIME_NONE, "g:a.example/log#v2" },
	{ "a guid keeps its parameters", "http://a.example/?p=123", NULL,
	    NULL, TIME_NONE, "g:a.example?p=123" },
	{ "other guids as they are", "urn:uuid:X-1", NULL, NULL, TIME_NONE,
	    "g:urn:uuid:X-1" },
	{ "link key in identity form", NULL, "http://www.a.example/p/?utm_"
	    "source=rss", NULL, TIME_NONE, "l:a.example/p" },
	{ "nothing at all: hash", NULL, NULL, NULL, TIME_NONE, "h:" },
};

/* links that must give the same key as the first */
static const char *same_links[] = {
	"https://example.org/post/1",
	"https://example.org/post/1?utm_source=rss&utm_medium=feed",
	"https://example.org/post/1#comments",
	"HTTPS://Example.ORG/post/1",
	"https://example.org:443/post/1?fbclid=abc",
};

static struct entry *
add(struct feed *f, const char *id, const char *title, const char *body,
    time_t date)
{
	struct entry *e = feed_add_entry(f);

	e->id = id ? xstrdup(id) : NULL;
	e->title = title ? xstrdup(title) : NULL;
	e->content = body ? xstrdup(body) : NULL;
	e->published = date;
	return e;
}

struct tally {
	long long	n, changed;
	char		titles[512];
};

static int
tally_cb(const struct store_item *it, void *arg)
{
	struct tally *t = arg;

	t->n++;
	if (it->changed)
		t->changed++;
	if (strlen(t->titles) + 40 < sizeof(t->titles)) {
		if (t->titles[0])
			strncat(t->titles, ",", 2);
		strncat(t->titles, it->title ? it->title : "-", 32);
	}
	return 0;
}

static struct tally
tally(struct store *st)
{
	struct store_query	q;
	struct tally		t;

	memset(&t, 0, sizeof(t));
	store_query_init(&q);
	store_items_query(st, &q, tally_cb, &t);
	return t;
}

static int ncalls;

static int
fail_cb(struct store *st, long long id, const struct entry *e, void *arg)
{
	(void)st; (void)id; (void)e; (void)arg;
	return -1;
}

static int
count_cb(struct store *st, long long id, const struct entry *e, void *arg)
{
	(void)st; (void)id; (void)e; (void)arg;
	ncalls++;
	return 0;
}

int
main(void)
{
	struct store_merge_stats	 ms;
	struct store_feed		 sf;
	struct store_item		 it;
	struct feed			*f;
	struct tally			 t;
	struct entry			 e;
	struct store			*st;
	char				 dir[] = "/tmp/crier-dedup.XXXXXX";
	char				*path, *cause = NULL, *k, *k0;
	size_t				 i;

	plan(48);

	/* ---- keys ---- */
	for (i = 0; i < nitems(keys); i++) {
		memset(&e, 0, sizeof(e));
		e.id = (char *)keys[i].id;
		e.link = (char *)keys[i].link;
		e.title = (char *)keys[i].title;
		e.published = keys[i].date;
		e.updated = TIME_NONE;
		k = store_item_key(&e);
		if (keys[i].want[strlen(keys[i].want) - 1] == ':')
			ok(k && strncmp(k, keys[i].want, 2) == 0 &&
			    strlen(k) > 2, "key: %s (%s)", keys[i].name, k);
		else
			is_str(k, keys[i].want, "key: %s", keys[i].name);
		free(k);
	}
	memset(&e, 0, sizeof(e));
	e.published = e.updated = TIME_NONE;
	e.link = (char *)same_links[0];
	k0 = store_item_key(&e);
	for (i = 1; i < nitems(same_links); i++) {
		e.link = (char *)same_links[i];
		k = store_item_key(&e);
		is_str(k, k0, "key: '%s' same as the plain link", same_links[i]);
		free(k);
	}
	e.link = (char *)"https://example.org/post/2";
	k = store_item_key(&e);
	ok(strcmp(k, k0) != 0, "key: another path is another item");
	free(k);
	free(k0);

	memset(&e, 0, sizeof(e));
	e.title = (char *)"Same title";
	e.published = 1000;
	e.updated = TIME_NONE;
	k0 = store_item_key(&e);
	e.published = 2000;
	k = store_item_key(&e);
	ok(strcmp(k, k0) != 0, "key: hash differs with the date");
	free(k);
	e.published = 1000;
	k = store_item_key(&e);
	is_str(k, k0, "key: hash is stable");
	free(k);
	free(k0);

	/* a text title the poll escapes for the store keeps its key */
	{
		struct feed	*tf = feed_new();
		struct entry	*te = feed_add_entry(tf);

		te->title = xstrdup("Q&A <live> & more &amp;");
		te->text = ENTRY_TITLE_TEXT;
		te->published = 1000;
		k0 = store_item_key(te);
		feed_text_to_html(tf);
		is_str(te->title, "Q&A &lt;live> & more &amp;amp;",
		    "text title escaped for the store");
		k = store_item_key(te);
		is_str(k, k0, "key: a text title keeps its key once escaped");
		free(k);
		/* an HTML title is keyed as it is */
		te->text = 0;
		k = store_item_key(te);
		ok(strcmp(k, k0) != 0, "key: an HTML title is not unescaped");
		free(k);
		free(k0);
		feed_free(tf);
	}

	/* ---- merge ---- */
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	xasprintf(&path, "%s/t.db", dir);
	st = store_open(path, STORE_WRITER, &cause);
	ok(st != NULL, "open a new database%s%s", cause ? ": " : "",
	    cause ? cause : "");
	if (st == NULL)
		return 1;
	ok(store_feed_get(st, "file:///feed.xml", &sf) == 0 && sf.id > 0,
	    "feed row made on first use");

	f = feed_new();
	add(f, "a", "Alpha", "<p>a</p>", 1000);
	add(f, "b", "Beta", "<p>b</p>", 2000);
	add(f, "c", "Gamma", "<p>c</p>", 3000);
	ncalls = 0;
	ok(store_items_merge(st, sf.id, f, 100, count_cb, NULL, &ms) == 0 &&
	    ms.added == 3 && ms.updated == 0, "first merge adds 3");
	is_int(ncalls, 3, "callback called for each new item");
	t = tally(st);
	is_str(t.titles, "Gamma,Beta,Alpha", "newest first");

	ncalls = 0;
	ok(store_items_merge(st, sf.id, f, 200, count_cb, NULL, &ms) == 0 &&
	    ms.added == 0 && ms.updated == 0 && ms.unchanged == 3,
	    "unchanged re-merge: 0 added, 0 updated, 3 unchanged");
	is_int(ncalls, 0, "no callback for unchanged items");
	t = tally(st);
	is_int(t.n, 3, "still 3 rows");

	/* edit the title of b */
	free(f->entries[1].title);
	f->entries[1].title = xstrdup("Beta, edited");
	ncalls = 0;
	ok(store_items_merge(st, sf.id, f, 300, count_cb, NULL, &ms) == 0 &&
	    ms.added == 0 && ms.updated == 1 && ms.unchanged == 2,
	    "edited title: 1 updated");
	is_int(ncalls, 1, "callback for the changed item");
	t = tally(st);
	ok(t.n == 3 && t.changed == 1, "edit in place, flagged changed "
	    "(%lld rows, %lld changed)", t.n, t.changed);
	is_str(t.titles, "Gamma,Beta, edited,Alpha", "the new title is stored");

	/* an edited body */
	free(f->entries[2].content);
	f->entries[2].content = xstrdup("<p>c, longer</p>");
	ok(store_items_merge(st, sf.id, f, 310, NULL, NULL, &ms) == 0 &&
	    ms.updated == 1 && ms.added == 0, "edited body: 1 updated");

	/* re-ordered */
	{
		struct entry tmp = f->entries[0];

		f->entries[0] = f->entries[2];
		f->entries[2] = tmp;
	}
	ok(store_items_merge(st, sf.id, f, 400, NULL, NULL, &ms) == 0 &&
	    ms.added == 0 && ms.updated == 0 && ms.unchanged == 3,
	    "re-ordered feed adds nothing");

	/* b leaves the feed, then comes back */
	{
		struct feed *g = feed_new();
		struct feed *h = feed_new();

		add(g, "a", "Alpha", "<p>a</p>", 1000);
		ok(store_items_merge(st, sf.id, g, 500, NULL, NULL, &ms) == 0 &&
		    ms.added == 0, "a feed with fewer items adds nothing");
		add(h, "b", "Beta, edited", "<p>b</p>", 2000);
		ok(store_items_merge(st, sf.id, h, 600, NULL, NULL, &ms) == 0 &&
		    ms.added == 0 && ms.unchanged == 1,
		    "an item that left and came back is the same item");
		feed_free(g);
		feed_free(h);
	}
	t = tally(st);
	is_int(t.n, 3, "3 rows after all that");

	/* duplicate keys inside one document */
	{
		struct feed *d = feed_new();

		add(d, "dup", "Old copy", "x", 5000);
		add(d, "dup", "New copy", "y", 6000);
		add(d, "dup", "Old copy", "x", 5000);
		ok(store_items_merge(st, sf.id, d, 700, NULL, NULL, &ms) == 0 &&
		    ms.added == 1 && ms.updated == 0,
		    "duplicate keys in one document: stored once");
		ok(store_items_merge(st, sf.id, d, 800, NULL, NULL, &ms) == 0 &&
		    ms.added == 0 && ms.updated == 0 && ms.unchanged == 1,
		    "duplicate keys: stable on re-merge");
		feed_free(d);
	}
	t = tally(st);
	ok(t.n == 4 && strncmp(t.titles, "New copy,", 9) == 0,
	    "the newest copy of a duplicate is kept (%s)", t.titles);

	/* the item carries its key data */
	{
		struct store_query	 q;
		struct store_feed	 again;

		store_query_init(&q);
		ok(store_feed_get(st, "file:///feed.xml", &again) == 0 &&
		    again.id == sf.id && again.nitems == 4,
		    "feed row found again with 4 items");
		store_feed_release(&again);
	}
	i = (size_t)store_item_get(st, 1, &it);
	ok(i == 0 && it.guid &&
	    strcmp(it.guid, "a") == 0 && it.first_seen == 100 &&
	    it.last_seen == 500, "guid kept, first_seen and last_seen "
	    "(%lld, %lld)", (long long)it.first_seen,
	    (long long)it.last_seen);
	store_item_release(&it);
	is_int(store_item_get(st, 99999, &it), 1, "no such item");

	/* a callback failure rolls the merge back */
	{
		struct feed *r = feed_new();

		add(r, "new1", "N1", "n", 9000);
		ok(store_items_merge(st, sf.id, r, 900, fail_cb, NULL, &ms) ==
		    -1, "a failing callback fails the merge");
		t = tally(st);
		is_int(t.n, 4, "and rolls it back");
		ok(store_items_merge(st, sf.id, r, 900, count_cb, NULL, &ms) ==
		    0 && ms.added == 1, "the same merge then succeeds");
		feed_free(r);
	}
	t = tally(st);
	is_int(t.n, 5, "5 rows");

	feed_free(f);
	store_feed_release(&sf);
	store_close(st);
	{
		char *p;

		unlink(path);
		xasprintf(&p, "%s-wal", path);
		unlink(p);
		free(p);
		xasprintf(&p, "%s-shm", path);
		unlink(p);
		free(p);
		xasprintf(&p, "%s.lock", path);
		unlink(p);
		free(p);
		rmdir(dir);
	}
	free(path);
	return done_testing();
}
