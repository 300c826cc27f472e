/*
 * retag.c: the current tag rules over every stored item.  The items are
 * read in one query (tags included), tagged in memory by a thread per
 * CPU, and only the changes are written afterwards, in one transaction:
 * SQLite leaves the result of a SELECT undefined when its own connection
 * writes to the tables under it.  The rules' hash covers every [tag] setting and
 * every feed's tags, so editing either triggers a retag on the next
 * poll (retag_if_changed()).
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "retag.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define RETAG_META_KEY	"tag-rules-hash"
/* bump when tagging or event extraction changes meaning */
#define RETAG_VERSION	"2"

static const char *const event_tags[] = { "community-call", "event" };

static void
hash_strs(struct buf *b, const char *what, char **v, size_t n)
{
	size_t i;

	buf_addf(b, "%s:%zu", what, n);
	for (i = 0; i < n; i++)
		buf_addf(b, "\x1f%s", v[i] ? v[i] : "");
	buf_addc(b, '\x1e');
}

static void
hash_cstrs(struct buf *b, const char *what, const struct config_str *v,
    size_t n)
{
	size_t i;

	buf_addf(b, "%s:%zu", what, n);
	for (i = 0; i < n; i++)
		buf_addf(b, "\x1f%s", v[i].s ? v[i].s : "");
	buf_addc(b, '\x1e');
}

void
retag_rules_hash(const struct config *c, char out[17])
{
	struct buf	b = BUF_INIT;
	size_t		i;

	buf_adds(&b, "crier-retag-" RETAG_VERSION "\x1e");
	for (i = 0; i < c->ntags; i++) {
		const struct config_tag *t = &c->tags[i];

		buf_addf(&b, "tag\x1f%s\x1f%u\x1e", t->name ? t->name : "",
		    t->fields);
		hash_cstrs(&b, "match", t->match, t->nmatch);
		hash_cstrs(&b, "exclude", t->exclude, t->nexclude);
		hash_strs(&b, "feeds", t->feeds, t->nfeeds);
		hash_strs(&b, "feed-tags", t->feed_tags, t->nfeed_tags);
	}
	for (i = 0; i < c->nfeeds; i++) {
		if (c->feeds[i].ntags == 0)
			continue;
		buf_addf(&b, "feed\x1f%s\x1e", c->feeds[i].url);
		hash_strs(&b, "tags", c->feeds[i].tags, c->feeds[i].ntags);
	}
	str_hash64(b.s, b.len, out);
	buf_release(&b);
}

struct change {
	long long	 id;
	char		**names;	/* NULL when the tags stay */
	char		**sources;
	size_t		 n;
	int		 tags;		/* write the tags */
	int		 event;		/* write the event */
	struct event	 ev;		/* start TIME_NONE: none */
};

struct pool;

struct walk {
	struct pool		*pool;	/* the threads, or NULL */
	const struct tagger	*tagger;
	struct tag_texts	 tt;	/* an item's texts, for tags and event */
	time_t			 now;
	struct change		*ch;
	size_t			 nch, cap;
	struct retag_stats	*stats;
	int			 error;
};

static int
same_tags(const struct store_item *it, const struct tag_result *tr)
{
	size_t i, j;

	if (it->ntags != tr->n)
		return 0;
	for (i = 0; i < tr->n; i++) {
		for (j = 0; j < it->ntags; j++) {
			if (strcmp(it->tags[j], tr->names[i]) != 0)
				continue;
			if ((it->tag_sources[j] == NULL) !=
			    (tr->sources[i] == NULL || *tr->sources[i] == '\0'))
				return 0;
			if (it->tag_sources[j] &&
			    strcmp(it->tag_sources[j], tr->sources[i]) != 0)
				return 0;
			break;
		}
		if (j == it->ntags)
			return 0;
	}
	return 1;
}

static int
walk_item(struct walk *w, const struct store_item *it)
{
	struct entry		 e;
	struct tag_result	 tr;
	struct event		 ev;
	struct change		 c;
	time_t			 posted;
	size_t			 i, j;
	int			 is_event = 0;

	w->stats->items++;
	memset(&e, 0, sizeof(e));
	/* NOTE: borrowed pointers; e is never released */
	e.id = it->guid;
	e.title = it->title;
	e.link = it->link;
	e.published = it->published;
	e.updated = it->updated;
	e.author = it->author;
	e.summary = it->summary;
	e.content = it->content;
	e.categories = it->categories;
	e.ncategories = it->ncategories;
	memset(&tr, 0, sizeof(tr));
	tag_texts_reset(&w->tt, &e);
	if (tagger_apply_texts(w->tagger, it->feed_url, &w->tt, &tr) == -1) {
		w->error = 1;
		return 1;
	}
	memset(&c, 0, sizeof(c));
	c.id = it->id;
	c.ev.start = TIME_NONE;
	c.ev.end = TIME_NONE;
	if (!same_tags(it, &tr)) {
		c.tags = 1;
		c.names = tr.names;
		c.sources = tr.sources;
		c.n = tr.n;
		tr.names = tr.sources = NULL;
		tr.n = 0;
	}
	for (i = 0; i < (c.tags ? c.n : tr.n) && !is_event; i++) {
		const char *nm = c.tags ? c.names[i] : tr.names[i];

		for (j = 0; j < nitems(event_tags); j++) {
			if (strcmp(nm, event_tags[j]) == 0)
				is_event = 1;
		}
	}
	tag_result_release(&tr);
	/* every post's event: a time stated ahead is kept untagged too */
	posted = it->published != TIME_NONE ? it->published :
	    it->updated != TIME_NONE ? it->updated :
	    it->first_seen != TIME_NONE ? it->first_seen : w->now;
	if (event_extract_texts(&w->tt, posted, &ev) == 1 &&
	    (is_event || event_stated(&ev, posted)))
		c.ev = ev;
	if (c.ev.start == TIME_NONE)
		c.ev.end = TIME_NONE;
	if (c.ev.start != it->event_start ||
	    (c.ev.start != TIME_NONE && (c.ev.end != it->event_end ||
	    (c.ev.allday ? 1 : 0) != (it->event_allday ? 1 : 0))))
		c.event = 1;
	if (!c.tags && !c.event)
		return 0;
	if (w->nch == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->ch = xreallocarray(w->ch, w->cap, sizeof(*w->ch));
	}
	w->ch[w->nch++] = c;
	return 0;
}

/*
 * Tagging is nearly all of a retag's time, and each item's is its own:
 * the items read by the query are handed to a thread per CPU, each with
 * its texts and its list of changes, through a small queue.  The query
 * and the writes stay on the caller's thread and connection.
 */
#define RETAG_THREADS_MAX	8
#define RETAG_QUEUE		64
#define RETAG_BATCH		8
#define RETAG_GONE		(RETAG_QUEUE + RETAG_THREADS_MAX * RETAG_BATCH)

struct pool {
	pthread_mutex_t		 mu;
	pthread_cond_t		 can_put, can_get;
	struct store_item	 q[RETAG_QUEUE];
	size_t			 head, n;
	int			 done;
	int			 putter;	/* the reader waits for room */
	size_t			 getters;	/* threads wait for items */
	struct store_item	 gone[RETAG_GONE];	/* tagged, to free */
	struct store_item	 pend[RETAG_BATCH];	/* read, to queue */
	size_t			 npend;
	size_t			 ngone;
	struct walk		 w[RETAG_THREADS_MAX];
	struct retag_stats	 st[RETAG_THREADS_MAX];
	pthread_t		 th[RETAG_THREADS_MAX];
	size_t			 nth;
};

/*
 * The threads tag far slower than the query reads, so the queue is
 * mostly full: the reader, once it finds it full, sleeps until it is half
 * empty, not until one item is taken, and a thread is woken only when
 * one waits.  A wakeup per item cost more than the queue saved.
 *
 * The reader also frees the items the threads are done with: glibc frees
 * a block into the arena it came from, under that arena's lock, and the
 * threads freeing the reader's blocks while it allocated more made the
 * two wait on each other at every item.
 */
static void *
pool_main(void *arg)
{
	struct walk		*w = arg;
	struct pool		*p = w->pool;
	struct store_item	 it[RETAG_BATCH];
	size_t			 i, n = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		/* the last batch, to the reader to free */
		for (i = 0; i < n && p->ngone < RETAG_GONE; i++)
			p->gone[p->ngone++] = it[i];
		if (i < n) {
			pthread_mutex_unlock(&p->mu);
			for (; i < n; i++)
				store_item_release(&it[i]);
			pthread_mutex_lock(&p->mu);
		}
		while (p->n == 0 && !p->done) {
			p->getters++;
			pthread_cond_wait(&p->can_get, &p->mu);
			p->getters--;
		}
		if (p->n == 0) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		/* a few at a time, leaving some for the others */
		n = p->n / 4;
		n = n < 1 ? 1 : n > RETAG_BATCH ? RETAG_BATCH : n;
		for (i = 0; i < n; i++) {
			it[i] = p->q[p->head];
			p->head = (p->head + 1) % RETAG_QUEUE;
		}
		p->n -= n;
		if (p->putter && p->n <= RETAG_QUEUE / 2) {
			p->putter = 0;
			pthread_cond_signal(&p->can_put);
		}
		pthread_mutex_unlock(&p->mu);
		for (i = 0; i < n; i++)
			if (!w->error)
				walk_item(w, &it[i]);
	}
	return NULL;
}

/* frees the items the threads are done with; p->mu held on entry, not
 * on return */
static void
pool_free_gone(struct pool *p)
{
	struct store_item	 v[RETAG_GONE];
	size_t			 i, n = p->ngone;

	memcpy(v, p->gone, n * sizeof(v[0]));
	p->ngone = 0;
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < n; i++)
		store_item_release(&v[i]);
}

/* the reader's batch to the queue */
static void
pool_put(struct pool *p)
{
	size_t i;

	pthread_mutex_lock(&p->mu);
	while (RETAG_QUEUE - p->n < p->npend) {
		p->putter = 1;
		pthread_cond_wait(&p->can_put, &p->mu);
	}
	for (i = 0; i < p->npend; i++)
		p->q[(p->head + p->n++) % RETAG_QUEUE] = p->pend[i];
	p->npend = 0;
	if (p->getters > 0)
		pthread_cond_broadcast(&p->can_get);
	pool_free_gone(p);
}

static int
walk_cb(const struct store_item *it, void *arg)
{
	struct walk	*w = arg;
	struct pool	*p = w->pool;

	if (p == NULL)
		return walk_item(w, it);
	/* the item's strings go to the queue: store_items_query() lets a
	 * callback take them, zeroing the item */
	p->pend[p->npend++] = *it;
	memset((struct store_item *)(uintptr_t)it, 0, sizeof(*it));
	if (p->npend == RETAG_BATCH)
		pool_put(p);
	return 0;
}

/* the threads, one per CPU up to RETAG_THREADS_MAX; NULL: tag inline */
static struct pool *
pool_start(const struct walk *proto)
{
	struct pool	*p;
	long		 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t		 i;

	if (ncpu < 2)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->can_put, NULL);
	pthread_cond_init(&p->can_get, NULL);
	for (i = 0; i < (size_t)ncpu && i < RETAG_THREADS_MAX; i++) {
		p->w[i] = *proto;
		p->w[i].pool = p;
		p->w[i].stats = &p->st[i];
		tag_texts_init(&p->w[i].tt, NULL);
		if (pthread_create(&p->th[i], NULL, pool_main, &p->w[i]) != 0)
			break;
		p->nth++;
	}
	if (p->nth == 0) {
		tag_texts_release(&p->w[0].tt);
		pthread_cond_destroy(&p->can_get);
		pthread_cond_destroy(&p->can_put);
		pthread_mutex_destroy(&p->mu);
		free(p);
		return NULL;
	}
	return p;
}

/* waits for the threads and gathers their changes and counts into *w */
static void
pool_finish(struct pool *p, struct walk *w)
{
	size_t i, k;

	if (p->npend > 0)
		pool_put(p);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_cond_broadcast(&p->can_get);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nth; i++) {
		struct walk *pw = &p->w[i];

		pthread_join(p->th[i], NULL);
		tag_texts_release(&pw->tt);
		if (i + 1 == p->nth) {
			pthread_mutex_lock(&p->mu);
			pool_free_gone(p);
		}
		w->error |= pw->error;
		w->stats->items += p->st[i].items;
		for (k = 0; k < pw->nch; k++) {
			if (w->nch == w->cap) {
				w->cap = w->cap ? w->cap * 2 : 64;
				w->ch = xreallocarray(w->ch, w->cap,
				    sizeof(*w->ch));
			}
			w->ch[w->nch++] = pw->ch[k];
		}
		free(pw->ch);
	}
	pthread_cond_destroy(&p->can_get);
	pthread_cond_destroy(&p->can_put);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

static void
change_release(struct change *c)
{
	struct tag_result tr;

	tr.names = c->names;
	tr.sources = c->sources;
	tr.n = c->n;
	tag_result_release(&tr);
}

int
retag_run(struct store *st, const struct config *c,
    const struct tagger *tagger, time_t now, struct retag_stats *stats,
    char **cause)
{
	struct store_query	 q;
	struct walk		 w;
	struct pool		*pool = NULL;
	char			 h[17];
	size_t			 i;
	int			 r, rc = -1;

	memset(stats, 0, sizeof(*stats));
	memset(&w, 0, sizeof(w));
	w.tagger = tagger;
	w.now = now;
	w.stats = stats;
	tag_texts_init(&w.tt, NULL);
	store_query_init(&q);
	q.with_body = 1;
	if (tagger != NULL)
		pool = pool_start(&w);
	w.pool = pool;
	r = store_items_query(st, &q, walk_cb, &w);
	if (pool != NULL)
		pool_finish(pool, &w);
	tag_texts_release(&w.tt);
	if (r == -1) {
		*cause = xstrdup(store_error(st));
		goto out;
	}
	if (w.error) {
		*cause = xstrdup(_("cannot apply the tag rules"));
		goto out;
	}
	if (store_begin(st) == -1) {
		*cause = xstrdup(store_error(st));
		goto out;
	}
	for (i = 0; i < w.nch; i++) {
		struct change *ch = &w.ch[i];

		if (ch->tags && store_item_set_tags(st, ch->id,
		    (const char **)ch->names, (const char **)ch->sources,
		    ch->n) == -1)
			break;
		if (ch->event && store_item_set_event(st, ch->id,
		    ch->ev.start, ch->ev.end, ch->ev.allday) == -1)
			break;
		stats->changed++;
		if (ch->event)
			stats->events++;
	}
	retag_rules_hash(c, h);
	if (i < w.nch || store_meta_set(st, RETAG_META_KEY, h) == -1 ||
	    store_commit(st) == -1) {
		*cause = xstrdup(store_error(st));
		store_rollback(st);
		stats->changed = stats->events = 0;
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < w.nch; i++)
		change_release(&w.ch[i]);
	free(w.ch);
	return rc;
}

int
retag_if_changed(struct store *st, const struct config *c,
    const struct tagger *tagger, time_t now, struct retag_stats *stats,
    char **cause)
{
	char	 h[17], *stored = NULL;
	int	 r;

	memset(stats, 0, sizeof(*stats));
	retag_rules_hash(c, h);
	if ((r = store_meta_get(st, RETAG_META_KEY, &stored)) == -1) {
		*cause = xstrdup(store_error(st));
		return -1;
	}
	if (r == 0 && strcmp(stored, h) == 0) {
		free(stored);
		return 0;
	}
	free(stored);
	if (retag_run(st, c, tagger, now, stats, cause) == -1)
		return -1;
	return 1;
}
