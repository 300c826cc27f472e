/*
 * pipeline.c: one poll round, the chain config -> sched -> fetch -> parse
 * -> store (dedup) -> tag -> store, shared by `crier poll` and the daemon.
 *
 * Three threads.  A fetch thread runs the transfers (fetch_run()); a parse
 * thread does the pure work on each body: parse it, tag every entry, look
 * for the events of the entries tagged as such, make the rows to store
 * (dedup keys, hashes, the text for the search index:
 * store_items_prepare(), no SQL).  NOTE: parsing has a thread of its own
 * so that a slow document never holds up the transfers and their
 * timeouts; each parse has a CPU budget (PARSE_CPU_BUDGET) and gives up
 * when the stop flag is set.  The caller's thread is
 * the writer, the only one that touches the store (SQLite has one writer,
 * one connection): it merges each parsed feed and records the feed's
 * state in its own savepoint, so a feed is stored whole or not at all,
 * while the parse thread already parses the next ones.  A bounded queue
 * of finished transfers waits for the writer (PIPELINE_INFLIGHT: peak
 * memory is about --jobs bodies in the transfers plus those), and a body
 * is freed as soon as it is parsed.  A 304 costs no parse and no item write, only
 * the feed's state.  Without a thread, everything runs in the caller's.
 *
 * A feed that fails is reported as "crier: URL: message", its error is
 * stored for `crier feeds` and it backs off (sched.c); the others go on.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/i18n.h"
#include "pipeline.h"
#include "event.h"
#include "fetch.h"
#include "htmltext.h"
#include "parse/parse.h"
#include "retag.h"
#include "schedule.h"
#include "util/log.h"
#include "util/time.h"
#include "util/xmalloc.h"

/* a 301 or 308 seen on so many polls in a row moves the feed */
#define PIPELINE_MOVED_POLLS	3
/*
 * NOTE: feeds are committed in groups (each in its own savepoint, so a
 * feed is still stored whole or not at all): a commit writes every page
 * it dirtied to the WAL, and the pages every feed touches (b-tree
 * interiors, the search index's structure, the feeds table) were written
 * once per feed.  A crash loses at most the group, whose feeds keep
 * their old state and are fetched again.  The group closes after this
 * many feeds or this many seconds, whichever comes first, and at the end.
 * Its new items reach the search index at its commit, in one statement
 * (store_set_fts_batch()): FTS5 writes a segment per flush and merges
 * them later, a fifth of the writer's CPU when it was one per feed.  32
 * feeds keep the group's dirty pages within the page cache (store.c).
 */
#define PIPELINE_GROUP_FEEDS	32
#define PIPELINE_GROUP_SECS	2
/*
 * Finished transfers handed to the writer and not yet stored, at most so
 * many and, past the first, of so many body bytes (a parsed feed with its
 * rows takes about twice its body).  The writer works in bursts (a
 * group's commit indexes the group's items for search), and the fetch
 * thread should go on meanwhile: at 4 the writer waited for it for half
 * of its time.
 */
#define PIPELINE_INFLIGHT	32
#define PIPELINE_INFLIGHT_BYTES	(3 * 1024 * 1024)

/* items with one of these tags are searched for an announced event */
static const char *event_tags[] = { "community-call", "event" };

struct job {
	const struct config_feed	*cf;
	struct store_feed		 sf;
	const char			*url;	/* fetched: where it moved,
						   else cf->url */
	long long			 interval;
	long long			 conf;	/* conf_fingerprint(cf) */
};

/* a finished transfer on its way from the fetch thread to the writer */
enum work_kind {
	WORK_FAILED,		/* transfer or HTTP error */
	WORK_NOT_MODIFIED,	/* 304 */
	WORK_FEED,		/* a body, parsed (or not: cause) */
};

struct work {
	struct work		*next;
	struct job		*j;
	int			 kind;
	long			 status;
	long			 retry_after;
	long long		 hint_http;	/* s, from the headers */
	long long		 hint_feed;	/* s, from the body */
	int			 permanent;	/* its redirects were 301/308 */
	char			*error;		/* WORK_FAILED */
	const char		*error_class;	/* its class (static) */
	char			*etag;
	char			*last_modified;
	char			*effective_url;
	char			*content_type;
	struct buf		 body;
	size_t			 size;		/* of the body */
	/* WORK_FEED, from the parse */
	struct feed		*feed;		/* NULL: see cause */
	struct store_prep	*prep;		/* its rows, made ahead */
	char			*cause;
	struct tag_result	*tags;		/* per entry; NULL: no tagger */
	int			*tag_rc;
	struct event		*ev;
	signed char		*evst;		/* 1 event, 0 none */
};

struct workq {
	struct work	*head;
	struct work	*tail;
};

/* the fetch thread and what it shares with the writer */
struct feeder {
	pthread_t		 thread;
	pthread_t		 pthread;	/* the parse thread */
	int			 running;	/* the thread was started */
	int			 parsing;	/* the parse thread was */
	pthread_mutex_t		 mu;		/* everything below */
	pthread_cond_t		 ready_cv;	/* a work, or finished */
	pthread_cond_t		 space_cv;	/* inflight fell */
	pthread_cond_t		 parse_cv;	/* a body, or finished */
	struct workq		 q;		/* to store */
	struct workq		 pq;		/* to parse */
	int			 all_done;	/* nothing more for q */
	int			 inflight;	/* handed over, not stored */
	size_t			 inflight_bytes; /* their bodies */
	int			 finished;	/* fetch_run() returned */
	int			 frc;		/* what it returned */
	double			 cpu;		/* the thread's, at its end */
	double			 fetch_wait;	/* s the fetch thread waited */
	double			 write_wait;	/* s the writer waited */
	const struct fetch_req	*reqs;
	size_t			 nreqs;
	const struct fetch_opts	*fo;
};

struct run {
	struct store			*st;
	const struct config		*c;
	const struct tagger		*tagger;
	const struct pipeline_opts	*o;
	struct pipeline_stats		*stats;
	struct feeder			*f;
	struct work			*w;	/* the feed being stored */
	time_t				 now;
	int				 in_tx;	/* a group is open */
	int				 ngroup; /* feeds in it */
	time_t				 group_start;
	int				 db_failed;
};

/*
 * The interval a feed is polled at: its own or the default, raised by
 * what the server said (the longer of its hints) up to max-interval.
 */
static long long
feed_interval(const struct config *c, const struct config_feed *cf,
    long long hint_feed, long long hint_http)
{
	return sched_effective_interval(sched_interval(c, cf),
	    hint_feed > hint_http ? hint_feed : hint_http, c->max_interval);
}

/*
 * A fingerprint of a [feed] section: a feed that is gone (410) is polled
 * again once its section changed.  Never 0 (0: not gone).
 */
static long long
conf_fingerprint(const struct config_feed *cf)
{
	unsigned long long	h;
	size_t			i;

	h = sched_seed(cf->url, (time_t)cf->interval);
	h ^= sched_seed(cf->title ? cf->title : "", (time_t)cf->disabled);
	for (i = 0; i < cf->ntags; i++)
		h = h * 31 + sched_seed(cf->tags[i], (time_t)i);
	return h == 0 ? 1 : (long long)h;
}

/* 1 when the feed is gone (410) and its section has not changed since */
static int
is_gone(const struct job *j)
{
	return j->sf.gone_conf != 0 && j->sf.gone_conf == j->conf;
}

int
pipeline_feed_gone(const struct config_feed *cf, const struct store_feed *sf)
{
	return sf->gone_conf != 0 && (cf == NULL ||
	    sf->gone_conf == conf_fingerprint(cf));
}

/* opens a group transaction if none is; -1 on error */
static int
group_open(struct run *r)
{
	if (r->in_tx)
		return 0;
	if (store_begin(r->st) == -1)
		return -1;
	r->in_tx = 1;
	r->ngroup = 0;
	r->group_start = time(NULL);
	return 0;
}

/* commits the open group; with force == 0 only when it is big or old */
static void
group_close(struct run *r, int force)
{
	if (!r->in_tx)
		return;
	if (!force && r->ngroup < PIPELINE_GROUP_FEEDS &&
	    time(NULL) - r->group_start < PIPELINE_GROUP_SECS)
		return;
	r->in_tx = 0;
	if (store_commit(r->st) == -1) {
		log_errorx(_("database '%s': %s"), store_path(r->st),
		    store_error(r->st));
		store_rollback(r->st);
		r->db_failed = 1;
	}
}

/* the group went away under us (SQLite rolled it back) */
static void
group_lost(struct run *r)
{
	log_errorx(_("database '%s': %s"), store_path(r->st),
	    store_error(r->st));
	store_rollback(r->st);
	r->in_tx = 0;
	r->db_failed = 1;
}

/* "text/xml; charset="utf-8"" -> "utf-8", malloc'd, or NULL */
static char *
content_charset(const char *ct)
{
	const char	*p;
	size_t		 len;

	if (ct == NULL)
		return NULL;
	for (p = ct; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"')
			p++;
		len = strcspn(p, "\"; \t");
		if (len == 0 || len > 40)
			return NULL;
		return xstrndup(p, len);
	}
	return NULL;
}

static int
is_event(const struct tag_result *tr)
{
	size_t i, j;

	for (i = 0; i < tr->n; i++)
		for (j = 0; j < nitems(event_tags); j++)
			if (strcmp(tr->names[i], event_tags[j]) == 0)
				return 1;
	return 0;
}

static time_t
posted_at(const struct entry *e, time_t now)
{
	return e->published != TIME_NONE ? e->published :
	    e->updated != TIME_NONE ? e->updated : now;
}

/* the excerpt a digest shows of each entry: its summary's text, else its
 * content's (the store keeps it as given) */
static void
prepare_briefs(const struct feed *f, struct store_prep *prep)
{
	const struct entry	*e;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	for (i = 0; i < f->nentries; i++) {
		e = &f->entries[i];
		htmltext_brief(&b, e->summary && *e->summary ? e->summary :
		    e->content, HTMLTEXT_BRIEF_MAX);
		if (b.len > 0)
			store_prep_set_brief(prep, i, buf_detach(&b, NULL));
		buf_reset(&b);
	}
	buf_release(&b);
}

/*
 * The parse thread's share of a body: parse it, tag each entry, look for
 * its event.
 */
static void
work_parse(const struct tagger *tagger, time_t now,
    volatile sig_atomic_t *stop, struct work *w)
{
	struct parse_opts	 po;
	const struct entry	*e;
	struct tag_texts	 tt;
	char			*charset;
	size_t			 i, n;

	memset(&po, 0, sizeof(po));
	po.base = w->effective_url;
	charset = content_charset(w->content_type);
	po.charset = charset;
	po.cpu_budget = PARSE_CPU_BUDGET;
	po.stop = stop;
	w->feed = parse_feed(w->body.s, w->body.len, &po, &w->cause);
	free(charset);
	buf_release(&w->body);	/* keep the peak low */
	if (w->feed == NULL)
		return;
	w->hint_feed = sched_feed_hint(w->feed->ttl, w->feed->sy_period,
	    w->feed->sy_frequency);
	/* the store and the tagger read HTML */
	feed_text_to_html(w->feed);
	w->prep = store_items_prepare(w->feed);
	prepare_briefs(w->feed, w->prep);
	if (tagger == NULL)
		return;
	n = w->feed->nentries ? w->feed->nentries : 1;
	w->tags = xcalloc(n, sizeof(*w->tags));
	w->tag_rc = xcalloc(n, sizeof(*w->tag_rc));
	w->ev = xcalloc(n, sizeof(*w->ev));
	w->evst = xcalloc(n, sizeof(*w->evst));
	/* an entry's texts are made once, for its tags and its event */
	tag_texts_init(&tt, NULL);
	for (i = 0; i < w->feed->nentries; i++) {
		e = &w->feed->entries[i];
		tag_texts_reset(&tt, e);
		w->tag_rc[i] = tagger_apply_texts(tagger, w->j->cf->url, &tt,
		    &w->tags[i]);
		if (w->tag_rc[i] == -1)
			continue;
		/* every post's: a time stated ahead is kept untagged too */
		w->evst[i] = (signed char)event_extract_texts(&tt,
		    posted_at(e, now), &w->ev[i]);
		if (w->evst[i] == 1 && !is_event(&w->tags[i]) &&
		    !event_stated(&w->ev[i], posted_at(e, now)))
			w->evst[i] = 0;
	}
	tag_texts_release(&tt);
}

static void
work_free(struct work *w)
{
	size_t i;

	if (w == NULL)
		return;
	if (w->tags && w->feed) {
		for (i = 0; i < w->feed->nentries; i++)
			tag_result_release(&w->tags[i]);
	}
	free(w->tags);
	free(w->tag_rc);
	free(w->ev);
	free(w->evst);
	store_prep_free(w->prep);
	if (w->feed)
		feed_free(w->feed);
	free(w->cause);
	free(w->error);
	buf_release(&w->body);
	free(w->etag);
	free(w->last_modified);
	free(w->effective_url);
	free(w->content_type);
	free(w);
}

/* a new or edited item was written: its tags and event, as parsed */
static int
item_cb(struct store *st, long long item_id, const struct entry *e,
    void *arg)
{
	struct run		*r = arg;
	struct work		*w = r->w;
	struct tag_result	*tr;
	size_t			 k;

	if (r->tagger == NULL || w->tags == NULL)
		return 0;
	k = (size_t)(e - w->feed->entries);
	if (k >= w->feed->nentries || w->tag_rc[k] == -1)
		return -1;
	tr = &w->tags[k];
	if (store_item_set_tags(st, item_id, (const char **)tr->names,
	    (const char **)tr->sources, tr->n) == -1)
		return -1;
	if (w->evst[k] == 1 && store_item_set_event(st, item_id,
	    w->ev[k].start, w->ev[k].end, w->ev[k].allday) == -1)
		return -1;
	return 0;
}

/* stores a failure: its error, class and streak, and the next try */
static void
feed_fail_record(struct run *r, struct job *j, long status,
    const char *error, long retry_after, const char *class)
{
	struct store_fetch_state fs;

	r->stats->failed++;
	memset(&fs, 0, sizeof(fs));
	fs.status = status;
	fs.error = error;
	fs.error_class = class;
	fs.now = r->now;
	fs.next_poll = sched_next_poll(r->now, j->interval,
	    j->sf.error_count + 1, retry_after, r->c->max_interval,
	    sched_seed(j->cf->url, r->now));
	if (group_open(r) == -1 ||
	    store_feed_set_state(r->st, j->sf.id, &fs) == -1)
		log_feed(j->cf->url, _("cannot record the error in '%s': "
		    "%s"), store_path(r->st), store_error(r->st));
	else
		r->ngroup++;
}

/*
 * A failure is told when it starts (a notice: most clear by the next
 * poll), as an error once it is persistent (SCHED_FAIL_POLLS polls in a
 * row, or a day: what cron mails, once) and when it clears
 * (feed_recovered()); meanwhile each poll's failure is a notice.
 */
static void
feed_failed(struct run *r, struct job *j, long status, const char *error,
    long retry_after, const char *class)
{
	char		 since[32], cbuf[32];
	time_t		 first;
	int		 streak = j->sf.error_count + 1;

	if (class == NULL) {
		if (status >= 400)
			snprintf(cbuf, sizeof(cbuf), "http %ld", status);
		else
			snprintf(cbuf, sizeof(cbuf), "transfer");
		class = cbuf;
	}
	first = j->sf.error_count > 0 && j->sf.failing_since != TIME_NONE ?
	    j->sf.failing_since : r->now;
	if (sched_failing(streak, first, r->now)) {
		r->stats->persistent++;
		if (time_rfc3339(first, since, sizeof(since)) == -1)
			snprintf(since, sizeof(since), "?");
		/* persistent at the previous poll already: said then */
		if (j->sf.last_poll == TIME_NONE || !sched_failing(
		    j->sf.error_count, first, j->sf.last_poll))
			log_feed(j->cf->url, _("failing since %s, %d polls in "
			    "a row (%s): %s"), since, streak, class, error);
		else
			log_notice(_("%s: still failing since %s, %d polls in "
			    "a row (%s): %s"), j->cf->url, since, streak,
			    class, error);
	} else if (j->sf.error_count == 0)
		log_notice(_("%s: failed (%s): %s"), j->cf->url, class, error);
	else
		log_notice(_("%s: failed again, %d polls in a row (%s): %s"),
		    j->cf->url, streak, class, error);
	feed_fail_record(r, j, status, error, retry_after, class);
}

/* a success after a failure streak: told as loudly as its start was */
static void
feed_recovered(struct job *j)
{
	char since[32];

	if (j->sf.error_count == 0)
		return;
	if (j->sf.failing_since == TIME_NONE ||
	    time_rfc3339(j->sf.failing_since, since, sizeof(since)) == -1)
		snprintf(since, sizeof(since), "?");
	if (sched_failing(j->sf.error_count, j->sf.failing_since,
	    j->sf.last_poll))
		log_report(_("%s: recovered, after %d failed polls since %s "
		    "(%s)"), j->cf->url, j->sf.error_count, since,
		    j->sf.error_class ? j->sf.error_class : "?");
	else
		log_notice(_("%s: recovered (%s)"), j->cf->url,
		    j->sf.error_class ? j->sf.error_class : "?");
}

/* 410: no more polls of it until its [feed] section changes */
static void
feed_gone(struct run *r, struct job *j)
{
	const char *msg = _("HTTP 410 Gone: no longer polled; edit its "
	    "[feed] section, or poll it by URL, to try again");

	/* NOTE: an error at once: gone is no transient state */
	log_feed(j->cf->url, "%s", msg);
	r->stats->persistent++;
	feed_fail_record(r, j, 410, msg, 0, "http 410");
	if (group_open(r) == -1 ||
	    store_feed_set_gone(r->st, j->sf.id, j->conf) == -1)
		log_feed(j->cf->url, _("cannot record the error in '%s': "
		    "%s"), store_path(r->st), store_error(r->st));
}

/*
 * After a success: where the feed's redirects say it lives.  A 301 or
 * 308 to the same URL on PIPELINE_MOVED_POLLS polls in a row makes that
 * URL the one polled (kept in the database, never in feeds.conf); any
 * other answer starts the count again.  A feed that was gone is no more.
 * -1 when the store failed.
 */
static int
track_move(struct run *r, struct work *w)
{
	struct job	*j = w->j;
	const char	*eff = j->sf.url_effective, *to = j->sf.moved_to;
	const char	*target = NULL;
	int		 count = j->sf.moved_count;

	if (j->sf.gone_conf != 0 &&
	    store_feed_set_gone(r->st, j->sf.id, 0) == -1)
		return -1;
	if (w->permanent && w->effective_url != NULL &&
	    strcmp(w->effective_url, j->url) != 0)
		target = w->effective_url;
	if (target == NULL) {
		if (to == NULL && count == 0)
			return 0;
		to = NULL;
		count = 0;
	} else if (to != NULL && strcmp(to, target) == 0)
		count++;
	else {
		to = target;
		count = 1;
	}
	if (count >= PIPELINE_MOVED_POLLS) {
		log_notice(_("%s: moved permanently to %s (seen on %d polls in "
		    "a row): polled there from now on"), j->cf->url, to,
		    count);
		eff = to;
		to = NULL;
		count = 0;
	}
	return store_feed_set_moved(r->st, j->sf.id, eff, to, count);
}

static void
store_not_modified(struct run *r, struct work *w)
{
	struct store_fetch_state	 fs;
	struct job			*j = w->j;

	memset(&fs, 0, sizeof(fs));
	fs.status = 304;
	fs.etag = w->etag;
	fs.last_modified = w->last_modified;
	fs.now = r->now;
	fs.hint_http = w->hint_http;
	fs.hint_feed = -1;
	fs.next_poll = sched_next_poll(r->now, feed_interval(r->c, j->cf,
	    j->sf.hint_feed, w->hint_http), 0, w->retry_after,
	    r->c->max_interval, sched_seed(j->cf->url, r->now));
	if (group_open(r) == -1 ||
	    store_feed_set_state(r->st, j->sf.id, &fs) == -1) {
		feed_failed(r, j, 304, store_error(r->st), 0, "store");
		return;
	}
	feed_recovered(j);
	if (track_move(r, w) == -1)
		log_feed(j->cf->url, _("cannot record the feed's state in "
		    "'%s': %s"), store_path(r->st), store_error(r->st));
	r->ngroup++;
	r->stats->not_modified++;
	log_info(_("%s: not modified"), j->cf->url);
}

static void
store_feed(struct run *r, struct work *w)
{
	struct store_fetch_state	 fs;
	struct store_merge_stats	 ms;
	struct job			*j = w->j;
	struct feed			*feed = w->feed;

	if (feed == NULL) {
		feed_failed(r, j, w->status, w->cause ? w->cause :
		    _("cannot parse the feed"), 0, w->cause &&
		    parse_cause_not_feed(w->cause) ? "not-a-feed" : "parse");
		return;
	}
	memset(&fs, 0, sizeof(fs));
	fs.status = w->status;
	fs.etag = w->etag;
	fs.last_modified = w->last_modified;
	fs.now = r->now;
	fs.hint_http = w->hint_http;
	fs.hint_feed = w->hint_feed;
	fs.next_poll = sched_next_poll(r->now, feed_interval(r->c, j->cf,
	    w->hint_feed, w->hint_http), 0, w->retry_after,
	    r->c->max_interval, sched_seed(j->cf->url, r->now));
	fs.title = feed->title;
	fs.link = feed->link;
	r->w = w;
	memset(&ms, 0, sizeof(ms));
	if (group_open(r) == -1 || store_savepoint(r->st) == -1) {
		group_lost(r);
		feed_failed(r, j, w->status, store_error(r->st), 0, "store");
		return;
	}
	if (store_items_merge_prep(r->st, j->sf.id, feed, w->prep, r->now,
	    item_cb, r, &ms) == -1 ||
	    store_feed_set_state(r->st, j->sf.id, &fs) == -1 ||
	    track_move(r, w) == -1 || store_release(r->st) == -1) {
		char *msg;

		xasprintf(&msg, _("cannot store the feed in '%s': %s"),
		    store_path(r->st), store_error(r->st));
		if (store_rollback_to(r->st) == -1)
			group_lost(r);
		feed_failed(r, j, w->status, msg, 0, "store");
		free(msg);
		return;
	}
	feed_recovered(j);
	r->ngroup++;
	r->stats->ok++;
	r->stats->added += ms.added;
	r->stats->updated += ms.updated;
	log_info(_("%s: %ld, %zu items, %d new, %d updated"), j->cf->url,
	    w->status, feed->nentries, ms.added, ms.updated);
}

/* the writer's share of a finished transfer */
static void
store_work(struct run *r, struct work *w)
{
	switch (w->kind) {
	case WORK_FAILED:
		if (w->status == 410) {
			feed_gone(r, w->j);
			break;
		}
		feed_failed(r, w->j, w->status, w->error ? w->error :
		    _("transfer failed"), w->retry_after, w->error_class);
		break;
	case WORK_NOT_MODIFIED:
		store_not_modified(r, w);
		break;
	default:
		store_feed(r, w);
		break;
	}
	group_close(r, 0);
}

/* ---- the fetch thread ---------------------------------------------- */

static void
q_push(struct workq *q, struct work *w)
{
	w->next = NULL;
	if (q->tail)
		q->tail->next = w;
	else
		q->head = w;
	q->tail = w;
}

/* seconds on clock id (the calling thread's CPU, monotonic), for -v */
static double
clock_s(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) == -1)
		return 0;
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* with f->mu held: must the fetch thread wait for the writer? */
static int
inflight_full(const struct feeder *f)
{
	return f->inflight >= PIPELINE_INFLIGHT || (f->inflight > 1 &&
	    f->inflight_bytes >= PIPELINE_INFLIGHT_BYTES);
}

/* hands w to the writer: stores it here without a fetch thread, else
 * queues it, and waits while the queue is full */
static void
hand(struct run *r, struct work *w)
{
	struct feeder	*f = r->f;
	double		 t;

	if (!f->running || (w->kind == WORK_FEED && !f->parsing))
		work_parse(r->tagger, r->now, r->o->stop, w);
	if (!f->running) {
		store_work(r, w);
		work_free(w);
		return;
	}
	pthread_mutex_lock(&f->mu);
	f->inflight++;
	f->inflight_bytes += w->size;
	if (w->kind == WORK_FEED && f->parsing) {
		q_push(&f->pq, w);
		pthread_cond_signal(&f->parse_cv);
	} else {
		q_push(&f->q, w);
		pthread_cond_signal(&f->ready_cv);
	}
	if (!inflight_full(f)) {
		pthread_mutex_unlock(&f->mu);
		return;
	}
	t = clock_s(CLOCK_MONOTONIC);
	while (inflight_full(f))
		pthread_cond_wait(&f->space_cv, &f->mu);
	f->fetch_wait += clock_s(CLOCK_MONOTONIC) - t;
	pthread_mutex_unlock(&f->mu);
}

static void
done(struct fetch_result *res, void *arg)
{
	struct run	*r = arg;
	struct job	*j = res->req->udata;
	struct work	*w;

	if (res->permanent_redirect && res->effective_url &&
	    strcmp(res->effective_url, j->cf->url) != 0)
		log_warnx(_("%s: moved permanently to %s: update the feed's "
		    "URL in '%s'"), j->cf->url, res->effective_url,
		    r->c->path ? r->c->path : "feeds.conf");
	w = xcalloc(1, sizeof(*w));
	w->j = j;
	w->status = res->status;
	w->retry_after = res->retry_after;
	w->permanent = res->permanent_redirect;
	w->hint_http = sched_http_hint(res->cache_control, res->expires,
	    res->date, r->now);
	if (!res->ok || res->error != NULL) {
		w->kind = WORK_FAILED;
		w->error = res->error;
		w->error_class = res->error_class;
		res->error = NULL;
		hand(r, w);
		return;
	}
	w->kind = res->status == 304 ? WORK_NOT_MODIFIED : WORK_FEED;
	w->etag = res->etag;
	w->last_modified = res->last_modified;
	w->effective_url = res->effective_url;
	w->content_type = res->content_type;
	res->etag = res->last_modified = NULL;
	res->effective_url = res->content_type = NULL;
	if (w->kind == WORK_FEED) {
		w->body = res->body;	/* taken: res keeps an empty one */
		w->size = w->body.len;
		buf_init(&res->body, 0);
	}
	hand(r, w);
}

static void *
feeder_main(void *arg)
{
	struct run	*r = arg;
	struct feeder	*f = r->f;
	int		 rc;

	rc = fetch_run(f->reqs, f->nreqs, f->fo, done, r);
	pthread_mutex_lock(&f->mu);
	f->cpu = clock_s(CLOCK_THREAD_CPUTIME_ID);
	f->frc = rc;
	f->finished = 1;
	if (!f->parsing)
		f->all_done = 1;
	pthread_cond_signal(&f->ready_cv);
	pthread_cond_signal(&f->parse_cv);
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

/*
 * The parse thread: parses what the fetch thread hands over, in order,
 * and passes it on to the writer.  Once the stop flag is set, what is
 * left is dropped, not stored: those feeds keep their state and are
 * polled again.
 */
static void *
parser_main(void *arg)
{
	struct run		*r = arg;
	struct feeder		*f = r->f;
	volatile sig_atomic_t	*stop = r->o->stop;
	struct work		*w;

	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (f->pq.head == NULL && !f->finished)
			pthread_cond_wait(&f->parse_cv, &f->mu);
		if ((w = f->pq.head) == NULL)
			break;
		if ((f->pq.head = w->next) == NULL)
			f->pq.tail = NULL;
		pthread_mutex_unlock(&f->mu);
		if (stop == NULL || !*stop)
			work_parse(r->tagger, r->now, stop, w);
		pthread_mutex_lock(&f->mu);
		if (stop != NULL && *stop) {
			f->inflight--;
			f->inflight_bytes -= w->size;
			pthread_cond_broadcast(&f->space_cv);
			pthread_mutex_unlock(&f->mu);
			log_debug("%s: not stored: stopping", w->j->cf->url);
			work_free(w);
			pthread_mutex_lock(&f->mu);
			continue;
		}
		q_push(&f->q, w);
		pthread_cond_signal(&f->ready_cv);
	}
	f->all_done = 1;
	pthread_cond_signal(&f->ready_cv);
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

/*
 * With f->mu held and a group open: waits for a work until the group is
 * PIPELINE_GROUP_SECS old.  0 when woken, -1 at the deadline.
 */
static int
group_wait(struct feeder *f, struct run *r)
{
	struct timespec	ts;

	ts.tv_sec = r->group_start + PIPELINE_GROUP_SECS;
	ts.tv_nsec = 0;
	return pthread_cond_timedwait(&f->ready_cv, &f->mu, &ts) == 0 ? 0 :
	    -1;
}

/*
 * Runs the transfers in a fetch thread and stores what it hands over in
 * this one; without a thread, all in this one.  Returns fetch_run()'s.
 */
static int
fetch_and_store(struct run *r, const struct fetch_req *reqs, size_t n,
    struct fetch_opts *fo)
{
	struct feeder	*f = r->f;
	struct work	*w;
	sigset_t	 all, old;
	double		 t;
	int		 rc;

	memset(f, 0, sizeof(*f));
	f->reqs = reqs;
	f->nreqs = n;
	f->fo = fo;
	if (n == 0)
		return fetch_run(reqs, n, fo, done, r);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->ready_cv, NULL);
	pthread_cond_init(&f->space_cv, NULL);
	pthread_cond_init(&f->parse_cv, NULL);
	/* signals (SIGINT, SIGTERM) stay with this thread; fetch_run()
	 * sees the stop flag within its poll timeout, a parse at once */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	f->parsing = 1;
	rc = pthread_create(&f->pthread, NULL, parser_main, r);
	if (rc != 0) {
		log_debug("pthread_create: %s", strerror(rc));
		f->parsing = 0;	/* the fetch thread parses */
	}
	f->running = 1;
	rc = pthread_create(&f->thread, NULL, feeder_main, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_debug("pthread_create: %s", strerror(rc));
		f->running = 0;
		if (f->parsing) {
			pthread_mutex_lock(&f->mu);
			f->finished = 1;
			pthread_cond_signal(&f->parse_cv);
			pthread_mutex_unlock(&f->mu);
			pthread_join(f->pthread, NULL);
			f->parsing = 0;
		}
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->ready_cv);
		pthread_cond_destroy(&f->space_cv);
		pthread_cond_destroy(&f->parse_cv);
		f->finished = 0;
		return fetch_run(reqs, n, fo, done, r);
	}
	for (;;) {
		t = clock_s(CLOCK_MONOTONIC);
		pthread_mutex_lock(&f->mu);
		while (f->q.head == NULL && !f->all_done) {
			if (!r->in_tx) {
				pthread_cond_wait(&f->ready_cv, &f->mu);
				continue;
			}
			/* NOTE: an open group holds SQLite's write lock;
			 * while the transfers are slow to finish, it is
			 * committed at its age limit, not at the next feed */
			if (group_wait(f, r) == 0)
				continue;
			pthread_mutex_unlock(&f->mu);
			group_close(r, 1);
			pthread_mutex_lock(&f->mu);
		}
		f->write_wait += clock_s(CLOCK_MONOTONIC) - t;
		if ((w = f->q.head) == NULL) {
			pthread_mutex_unlock(&f->mu);
			break;
		}
		if ((f->q.head = w->next) == NULL)
			f->q.tail = NULL;
		pthread_mutex_unlock(&f->mu);
		store_work(r, w);
		pthread_mutex_lock(&f->mu);
		f->inflight--;
		f->inflight_bytes -= w->size;
		pthread_cond_broadcast(&f->space_cv);
		pthread_mutex_unlock(&f->mu);
		work_free(w);
	}
	pthread_join(f->thread, NULL);
	if (f->parsing)
		pthread_join(f->pthread, NULL);
	log_debug("poll: CPU %.2fs in the writer's thread, %.2fs in the "
	    "fetch thread; waits %.2fs and %.2fs",
	    clock_s(CLOCK_THREAD_CPUTIME_ID), f->cpu, f->write_wait,
	    f->fetch_wait);
	rc = f->frc;
	f->running = 0;
	f->parsing = 0;
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->ready_cv);
	pthread_cond_destroy(&f->space_cv);
	pthread_cond_destroy(&f->parse_cv);
	return rc;
}

static int
wanted(const struct pipeline_opts *o, const char *url)
{
	size_t i;

	for (i = 0; i < o->nurls; i++) {
		if (strcmp(o->urls[i], url) == 0)
			return 1;
	}
	return 0;
}

int
pipeline_poll(struct store *st, const struct config *c,
    const struct tagger *tagger, const struct pipeline_opts *o,
    struct pipeline_stats *stats)
{
	struct pipeline_stats	 local;
	struct fetch_opts	 fo;
	struct fetch_req	*reqs = NULL;
	struct job		*jobs = NULL;
	struct run		 r;
	struct feeder		 feeder;
	size_t			 i, n = 0;
	int			 rc = -1, due, frc;

	if (stats == NULL)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	memset(&feeder, 0, sizeof(feeder));
	for (i = 0; i < o->nurls; i++) {
		if (config_find_feed(c, o->urls[i]) == NULL) {
			log_feed(o->urls[i], "%s", _("not a feed of the "
			    "configuration (add a [feed] section)"));
			return -1;
		}
	}
	jobs = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*jobs));
	reqs = xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof(*reqs));

	/* NOTE: one transaction, or each new feed row would be synced */
	if (store_begin(st) == -1)
		goto fail;
	for (i = 0; i < c->nfeeds; i++) {
		const struct config_feed *cf = &c->feeds[i];
		struct job *j = &jobs[n];

		if (o->nurls > 0 ? !wanted(o, cf->url) : cf->disabled)
			continue;
		if (store_feed_get(st, cf->url, &j->sf) == -1) {
			store_rollback(st);
			goto fail;
		}
		j->cf = cf;
		j->url = j->sf.url_effective ? j->sf.url_effective : cf->url;
		j->conf = conf_fingerprint(cf);
		j->interval = feed_interval(c, cf, j->sf.hint_feed,
		    j->sf.hint_http);
		if (o->nurls == 0 && is_gone(j)) {
			log_debug("%s: gone (HTTP 410), not polled", cf->url);
			store_feed_release(&j->sf);
			memset(j, 0, sizeof(*j));
			continue;
		}
		/* gone, and its section changed since: at once */
		due = o->force || o->nurls > 0 || j->sf.gone_conf != 0 ||
		    sched_due_within(o->now, j->sf.last_poll,
		    j->sf.next_poll, j->sf.error_count, j->interval,
		    o->window > 0 ? o->window : -1);
		if (!due) {
			log_debug("%s: not due", cf->url);
			store_feed_release(&j->sf);
			memset(j, 0, sizeof(*j));
			continue;
		}
		reqs[n].url = j->url;
		reqs[n].etag = j->sf.etag;
		reqs[n].last_modified = j->sf.last_modified;
		reqs[n].allow_private = CONFIG_ALLOW_PRIVATE(c, cf);
		reqs[n].udata = j;
		n++;
	}
	if (store_commit(st) == -1)
		goto fail;
	stats->due = (int)n;

	memset(&fo, 0, sizeof(fo));
	fo.jobs = o->jobs > 0 ? o->jobs : c->jobs;
	if (fo.jobs < 1)
		fo.jobs = 1;
	if ((size_t)fo.jobs > n && n > 0)
		fo.jobs = (int)n;
	fo.per_host = c->per_host > 0 ? c->per_host :
	    CONFIG_DEFAULT_PER_HOST;
	fo.host_spacing_ms = c->host_spacing_ms;
	fo.timeout = (long)c->timeout;
	fo.connect_timeout = (long)c->connect_timeout;
	/* a stalled transfer (under 1 byte/s) gives up at half the timeout */
	fo.low_speed_time = c->timeout > 1 ? (long)c->timeout / 2 : 1;
	fo.max_size = (size_t)c->max_size;
	fo.user_agent = c->user_agent;
	fo.stop = o->stop;

	memset(&r, 0, sizeof(r));
	r.st = st;
	r.c = c;
	r.tagger = tagger;
	r.o = o;
	r.stats = stats;
	r.now = o->now;
	r.f = &feeder;
	store_set_fts_batch(st, 1);
	store_checkpoint_thread(st, 1);
	frc = fetch_and_store(&r, reqs, n, &fo);
	group_close(&r, 1);
	store_set_fts_batch(st, 0);
	if (store_checkpoint_thread(st, 0) == -1)
		log_warnx("%s", store_error(st));
	if (frc == -1) {
		log_errorx("%s", _("cannot set up the transfers (libcurl)"));
		goto out;
	}
	if (r.db_failed)
		goto out;
	if (o->stop && *o->stop)
		stats->interrupted = 1;
	rc = 0;
	goto out;
fail:
	log_errorx(_("database '%s': %s"), store_path(st), store_error(st));
out:
	for (i = 0; i < n; i++)
		store_feed_release(&jobs[i].sf);
	free(jobs);
	free(reqs);
	return rc;
}

void
pipeline_retag(struct store *st, const struct config *c,
    const struct tagger *tagger, time_t now)
{
	struct retag_stats	 rs;
	char			*cause = NULL;
	int			 r;

	r = retag_if_changed(st, c, tagger, now, &rs, &cause);
	if (r == -1) {
		log_warnx("%s", cause);
		free(cause);
	} else if (r == 1 && rs.changed > 0)
		log_info(_("tag rules changed: %lld of %lld stored items "
		    "re-tagged"), rs.changed, rs.items);
}

time_t
pipeline_next_wakeup(struct store *st, const struct config *c, time_t now,
    long long window)
{
	struct store_feed	 sf;
	time_t			 best = TIME_NONE, t;
	long long		 interval;
	size_t			 i;
	int			 rc;

	for (i = 0; i < c->nfeeds; i++) {
		if (c->feeds[i].disabled)
			continue;
		memset(&sf, 0, sizeof(sf));
		/* NOTE: reads only: the daemon may not hold the writer lock */
		if ((rc = store_feed_find(st, c->feeds[i].url, &sf)) != 0)
			return now;	/* a new feed (or an error): at once */
		interval = feed_interval(c, &c->feeds[i], sf.hint_feed,
		    sf.hint_http);
		if (sf.gone_conf != 0 &&
		    sf.gone_conf == conf_fingerprint(&c->feeds[i])) {
			store_feed_release(&sf);
			continue;
		}
		if (sf.gone_conf != 0 || sched_due_within(now, sf.last_poll,
		    sf.next_poll, sf.error_count, interval,
		    window > 0 ? window : -1))
			t = now;
		else {
			t = sf.next_poll;
			interval += sched_jitter_max(interval);
			if (sf.error_count == 0 && sf.last_poll != TIME_NONE &&
			    (long long)sf.last_poll + interval < (long long)t)
				t = (time_t)((long long)sf.last_poll +
				    interval);
		}
		store_feed_release(&sf);
		if (best == TIME_NONE || t < best)
			best = t;
	}
	return best;
}
