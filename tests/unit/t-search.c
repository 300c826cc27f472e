/*
 * tests/unit/t-search.c: the search (store-search.c) and read state
 * (store-mark.c): a title match ranks above a body match, words fold
 * case and diacritics, prefixes and phrases work on the detail=column
 * index, a bad query is our error, the excerpt marks the words found
 * and is cut around them; author: filters; marks by id and by query,
 * and the counts.
 */
#include "config.h"

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

static char	dir[] = "/tmp/crier-search.XXXXXX";

static const struct {
	const char	*id, *title, *body;
} entries[] = {
	{ "1", "Weekly notes", "A long body that mentions privacy once." },
	{ "2", "Privacy in the city", "Nothing else here." },
	{ "3", "Café culture", "<p>Coffee and <b>data protection</b>.</p>" },
	{ "4", "Other", "protection of data is not the phrase" },
	{ "5", "Prefixes", "surveillance surveys surfing" },
};

static int
ids_cb(const struct store_item *it, void *arg)
{
	buf_addf(arg, "%lld,", it->id);
	return 0;
}

/* the ids the query finds, best first, "error" or the cause */
static char *
search(struct store *st, const char *query, int unread)
{
	struct store_search	*ss;
	struct store_query	 q;
	struct buf		 b = BUF_INIT;
	char			*cause = NULL;

	if (store_search_new(st, query, &ss, &cause) == -1) {
		buf_adds(&b, "cause");
		free(cause);
		return buf_detach(&b, NULL);
	}
	store_query_init(&q);
	q.unread_only = unread;
	if (store_search_run(st, ss, &q, 0, ids_cb, &b) == -1)
		buf_adds(&b, "error");
	store_search_free(ss);
	return buf_detach(&b, NULL);
}

static char *
snippet(struct store *st, const char *query, const char *text, size_t max)
{
	struct store_search	*ss;
	struct buf		 b = BUF_INIT;
	char			*cause = NULL;
	size_t			 i;

	if (store_search_new(st, query, &ss, &cause) == -1) {
		free(cause);
		return xstrdup("cause");
	}
	store_search_snippet(ss, text, strlen(text), max, &b);
	store_search_free(ss);
	for (i = 0; i < b.len; i++)
		if (b.s[i] == STORE_HL_ON)
			b.s[i] = '[';
		else if (b.s[i] == STORE_HL_OFF)
			b.s[i] = ']';
	return buf_detach(&b, NULL);
}

static const struct {
	const char *query, *want;
} queries[] = {
	{ "privacy",		"2,1," },	/* the title first */
	{ "PRIVACY",		"2,1," },
	{ "cafe",		"3," },		/* diacritics folded */
	{ "café",		"3," },
	{ "surv*",		"5," },
	{ "\"data protection\"", "3," },	/* not 4: not in a row */
	{ "data protection",	"3,4," },	/* words: both */
	{ "privacy OR coffee",	NULL },		/* three, any order */
	{ "privacy NOT city",	"1," },
	{ "title:privacy",	"2," },
	{ "e-mail",		"" },
	{ "foo AND",		"cause" },
	{ "(privacy",		"cause" },
	{ "\"open",		"cause" },
	{ "...",		"cause" },
	{ "author:alice",	"1," },		/* a filter, not indexed */
	{ "privacy author:MARTIN", "1," },
	{ "author:\"alice martin\"", "1," },
	{ "city author:alice",	"" },
	{ "author:",		"cause" },
};

static int
count_cb(const struct store_count *c, void *arg)
{
	buf_addf(arg, "%s:%lld/%lld,", c->key, c->unread, c->total);
	return 0;
}

int
main(void)
{
	struct store_feed	 sf;
	struct store_query	 q;
	struct store		*st;
	struct feed		*f;
	struct entry		*e;
	struct buf		 b = BUF_INIT;
	const char		*tag = "t";
	const char		*names[] = { "t" };
	char			*path, *cause = NULL, *got;
	long long		 ids[] = { 1, 2 }, bad[] = { 1, 99 }, missing = 0;
	long long		 n = -1;
	size_t			 i;

	plan((int)nitems(queries) + 12);
	if (mkdtemp(dir) == NULL)
		return 1;
	xasprintf(&path, "%s/crier.db", dir);
	st = store_open(path, STORE_WRITER, &cause);
	if (st == NULL || store_feed_get(st, "https://example.org/f",
	    &sf) == -1) {
		printf("Bail out! %s\n", cause ? cause : store_error(st));
		return 1;
	}
	f = feed_new();
	for (i = 0; i < nitems(entries); i++) {
		e = feed_add_entry(f);
		e->id = xstrdup(entries[i].id);
		e->title = xstrdup(entries[i].title);
		e->content = xstrdup(entries[i].body);
		if (i == 0)
			e->author = xstrdup("Alice Martin");
		e->published = 1000000 + (time_t)i * 60;
	}
	if (store_items_merge(st, sf.id, f, 2000000, NULL, NULL,
	    NULL) == -1) {
		printf("Bail out! %s\n", store_error(st));
		return 1;
	}
	feed_free(f);
	store_feed_release(&sf);

	for (i = 0; i < nitems(queries); i++) {
		got = search(st, queries[i].query, 0);
		if (queries[i].want)
			is_str(got, queries[i].want, "search '%s'",
			    queries[i].query);
		else
			ok(strlen(got) == 6 && strstr(got, "1,") &&
			    strstr(got, "2,") && strstr(got, "3,"),
			    "search '%s': %s", queries[i].query, got);
		free(got);
	}

	got = snippet(st, "privacy", "A long body that mentions privacy "
	    "once.", 200);
	is_str(got, "A long body that mentions [privacy] once.",
	    "the excerpt marks the word");
	free(got);
	got = snippet(st, "surv*", "one two three four five six seven "
	    "eight nine ten eleven twelve surveys and more words after it "
	    "to be cut", 40);
	is_str(got, "... twelve [surveys] and more words after it ...",
	    "the excerpt is cut around the first word found");
	free(got);
	got = snippet(st, "nothing", "no\x1b[31m match\t here", 200);
	is_str(got, "no[31m match here", "no controls in the excerpt");
	free(got);

	/* read state by id */
	is_int(store_items_set_read(st, ids, 2, 1, &missing), 0,
	    "items 1 and 2 marked read");
	got = search(st, "privacy", 1);
	is_str(got, "", "the search's --unread leaves them out");
	free(got);
	is_int(store_items_set_read(st, bad, 2, 0, &missing), 1,
	    "an id that names no item is refused");
	is_int(missing, 99, "and named");
	got = search(st, "privacy", 1);
	is_str(got, "", "and nothing changed");
	free(got);

	/* by query */
	store_query_init(&q);
	is_int(store_query_set_read(st, &q, 1, &n), 0, "all marked read");
	is_int(n, 3, "three of them changed");
	store_item_set_tags(st, 3, names, names, 1);
	store_query_init(&q);
	q.tags = &tag;
	q.ntags = 1;
	store_query_set_read(st, &q, 0, &n);
	is_int(n, 1, "one item of tag t marked unread");
	store_counts(st, STORE_COUNT_TAGS_UNREAD, count_cb, &b);
	store_counts(st, STORE_COUNT_TAGS, count_cb, &b);
	store_counts(st, STORE_COUNT_FEEDS, count_cb, &b);
	is_str(b.s, "t:1/1,t:-1/1,https://example.org/f:1/5,",
	    "counts per tag and feed");
	buf_release(&b);

	store_close(st);
	unlink(path);
	free(path);
	xasprintf(&path, "rm -rf %s", dir);
	if (system(path) != 0)
		return 1;
	free(path);
	return done_testing();
}
