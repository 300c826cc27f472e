/*
 * retag.c: the current tag rules over every stored item.  The items are
 * read (tags and categories included) and tagged by a thread per CPU,
 * and only the changes are written afterwards, in one transaction:
 * SQLite leaves the result of a SELECT undefined when its own connection
 * writes to the tables under it.  The rules' hash covers every [tag]
 * setting and every feed's tags, so editing either triggers a retag on
 * the next poll (retag_if_changed()).
 */
#include "config.h"

#include <pthread.h>
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
	for (i = 0; i < n; i++) {
		buf_addc(b, '\x1f');
		buf_adds(b, v[i] ? v[i] : "");
	}
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
		buf_adds(&b, "feed\x1f");
		buf_adds(&b, c->feeds[i].url);
		buf_addc(&b, '\x1e');
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

struct ranges;

/* a thread's walk over the items: what it reads, tags and finds */
struct walk {
	struct ranges		*ranges;	/* the ids still to read */
	struct store		*st;	/* read from; NULL: open path */
	const char		*path;
	const struct tagger	*tagger;
	struct tag_texts	 tt;	/* an item's texts, for tags and event */
	time_t			 now;
	struct change		*ch;
	size_t			 nch, cap;
	struct retag_stats	 stats;
	char			*cause;	/* the store failed */
	int			 error;	/* the rules failed */
	pthread_t		 th;
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

	w->stats.items++;
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
 * Tagging is nearly all of a retag's time, and each item's is its own: a
 * thread per CPU reads items through a read connection of its own, a
 * range of ids at a time, taking the ranges in turn, and tags each item
 * where SQLite holds its strings.  Reading on one thread and handing
 * the items over cost a third of the CPU in copies, frees and wakeups.
 * The writes stay on the caller's connection, after the threads.
 */
#define RETAG_THREADS_MAX	8
#define RETAG_RANGES		32	/* per thread: the last one is short */
#define RETAG_RANGE_MIN		256	/* ids */

struct ranges {
	pthread_mutex_t	 mu;
	long long	 next, last, step;
};

/* the next range of ids into q; 0 when none is left */
static int
ranges_take(struct ranges *r, struct store_query *q)
{
	long long	first;
	int		ok;

	pthread_mutex_lock(&r->mu);
	first = r->next;
	ok = r->next <= r->last;
	if (ok) {
		q->id_min = first;
		q->id_max = r->last - first < r->step ? r->last :
		    first + r->step - 1;
		r->next = q->id_max + 1;
	}
	pthread_mutex_unlock(&r->mu);
	return ok;
}

static int
walk_cb(const struct store_item *it, void *arg)
{
	return walk_item(arg, it);
}

static void *
walk_main(void *arg)
{
	struct walk		*w = arg;
	struct store		*st = w->st;
	struct store_query	 q;
	char			*cause;

	if (st == NULL &&
	    (st = store_open(w->path, STORE_READONLY, &cause)) == NULL) {
		w->cause = cause;
		return NULL;
	}
	store_query_init(&q);
	while (!w->error && w->cause == NULL && ranges_take(w->ranges, &q))
		if (store_items_digest(st, &q, STORE_BODY_FULL, 0, 0, walk_cb,
		    w) == -1)
			w->cause = xstrdup(store_error(st));
	if (st != w->st)
		store_close(st);
	return NULL;
}

/*
 * Every item through walk_item(), by nw threads with their own
 * connections to path, or on the caller's thread with st when path is
 * NULL or nw is 1; w[0] gathers the changes and counts.
 */
static void
walk_all(struct store *st, const char *path, struct walk *w, size_t nw,
    long long min, long long max)
{
	struct ranges	r;
	size_t		i, nth = 0;

	pthread_mutex_init(&r.mu, NULL);
	r.next = min;
	r.last = max;
	r.step = (max - min) / (long long)(nw * RETAG_RANGES) + 1;
	if (r.step < RETAG_RANGE_MIN)
		r.step = RETAG_RANGE_MIN;
	for (i = 0; i < nw; i++) {
		w[i].ranges = &r;
		w[i].path = path;
		w[i].st = path == NULL || nw == 1 ? st : NULL;
		tag_texts_init(&w[i].tt, NULL);
	}
	if (nw > 1)
		for (; nth < nw; nth++)
			if (pthread_create(&w[nth].th, NULL, walk_main,
			    &w[nth]) != 0)
				break;
	if (nth == 0) {
		w[0].st = st;
		walk_main(&w[0]);
	}
	for (i = 0; i < nw; i++) {
		if (i < nth)
			pthread_join(w[i].th, NULL);
		tag_texts_release(&w[i].tt);
		if (i == 0)
			continue;
		w[0].error |= w[i].error;
		if (w[0].cause == NULL) {
			w[0].cause = w[i].cause;
			w[i].cause = NULL;
		}
		free(w[i].cause);
		w[0].stats.items += w[i].stats.items;
		if (w[i].nch > 0) {
			w[0].cap = w[0].nch + w[i].nch;
			w[0].ch = xreallocarray(w[0].ch, w[0].cap,
			    sizeof(*w[0].ch));
			memcpy(w[0].ch + w[0].nch, w[i].ch,
			    w[i].nch * sizeof(*w[i].ch));
			w[0].nch += w[i].nch;
		}
		free(w[i].ch);
	}
	pthread_mutex_destroy(&r.mu);
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
	struct walk		 ws[RETAG_THREADS_MAX], *w = &ws[0];
	const char		*path;
	long			 ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	long long		 min, max;
	char			 h[17];
	size_t			 i, nw;
	int			 rc = -1;

	memset(stats, 0, sizeof(*stats));
	memset(ws, 0, sizeof(ws));
	if (store_item_ids(st, &min, &max) == -1) {
		*cause = xstrdup(store_error(st));
		return -1;
	}
	nw = ncpu < 1 ? 1 : ncpu > RETAG_THREADS_MAX ? RETAG_THREADS_MAX :
	    (size_t)ncpu;
	if ((path = store_reader_path(st)) == NULL)
		nw = 1;
	for (i = 0; i < nw; i++) {
		ws[i].tagger = tagger;
		ws[i].now = now;
	}
	if (max > 0)
		walk_all(st, path, ws, nw, min, max);
	*stats = w->stats;
	if (w->cause != NULL) {
		*cause = w->cause;
		w->cause = NULL;
		goto out;
	}
	if (w->error) {
		*cause = xstrdup(_("cannot apply the tag rules"));
		goto out;
	}
	if (store_begin(st) == -1) {
		*cause = xstrdup(store_error(st));
		goto out;
	}
	for (i = 0; i < w->nch; i++) {
		struct change *ch = &w->ch[i];

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
	if (i < w->nch || store_meta_set(st, RETAG_META_KEY, h) == -1 ||
	    store_commit(st) == -1) {
		*cause = xstrdup(store_error(st));
		store_rollback(st);
		stats->changed = stats->events = 0;
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < w->nch; i++)
		change_release(&w->ch[i]);
	free(w->ch);
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
