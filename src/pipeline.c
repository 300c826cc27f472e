/*
 * pipeline.c: one poll round, the chain config -> sched -> fetch -> parse
 * -> store (dedup) -> tag -> store, shared by `crier poll` and the daemon.
 *
 * Everything runs in the caller's thread: fetch_run() calls done() for
 * each finished transfer and done() parses the body, merges the entries
 * and records the feed's state in one transaction, tagging each new or
 * changed item from the merge callback.  So SQLite has one writer, a
 * feed is stored whole or not at all, and a body is freed as soon as its
 * feed is stored (peak memory is about --jobs bodies).  A 304 costs no
 * parse and no item write, only the feed's state.
 *
 * A feed that fails is reported as "crier: URL: message", its error is
 * stored for `crier feeds` and it backs off (sched.c); the others go on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/i18n.h"
#include "pipeline.h"
#include "event.h"
#include "fetch.h"
#include "parse/parse.h"
#include "sched.h"
#include "util/log.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define PIPELINE_PER_HOST	2
/*
 * NOTE: feeds are committed in groups (each in its own savepoint, so a
 * feed is still stored whole or not at all): a commit writes every page
 * it dirtied to the WAL, and the pages every feed touches (b-tree
 * interiors, the search index's structure, the feeds table) were written
 * once per feed.  A crash loses at most the group, whose feeds keep
 * their old state and are fetched again.  The group closes after this
 * many feeds or this many seconds, whichever comes first, and at the end.
 */
#define PIPELINE_GROUP_FEEDS	64
#define PIPELINE_GROUP_SECS	2

/* items with one of these tags are searched for an announced event */
static const char *event_tags[] = { "community-call", "event" };

struct job {
	const struct config_feed	*cf;
	struct store_feed		 sf;
	long long			 interval;
};

struct run {
	struct store			*st;
	const struct config		*c;
	const struct tagger		*tagger;
	const struct pipeline_opts	*o;
	struct pipeline_stats		*stats;
	const char			*url;	/* the feed being stored */
	time_t				 now;
	int				 in_tx;	/* a group is open */
	int				 ngroup; /* feeds in it */
	time_t				 group_start;
	int				 db_failed;
};

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
		log_errorx(_("database: %s"), store_error(r->st));
		store_rollback(r->st);
		r->db_failed = 1;
	}
}

/* the group went away under us (SQLite rolled it back) */
static void
group_lost(struct run *r)
{
	log_errorx(_("database: %s"), store_error(r->st));
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
item_cb(struct store *st, long long item_id, const struct entry *e,
    void *arg)
{
	struct run		*r = arg;
	struct tag_result	 tr;
	struct event		 ev;
	time_t			 posted;
	size_t			 i, j;
	int			 rc = 0, is_event = 0;

	if (r->tagger == NULL)
		return 0;
	memset(&tr, 0, sizeof(tr));
	if (tagger_apply(r->tagger, r->url, e, &tr) == -1)
		return -1;
	if (store_item_set_tags(st, item_id, (const char **)tr.names,
	    (const char **)tr.sources, tr.n) == -1)
		rc = -1;
	for (i = 0; i < tr.n && !is_event; i++) {
		for (j = 0; j < nitems(event_tags); j++) {
			if (strcmp(tr.names[i], event_tags[j]) == 0)
				is_event = 1;
		}
	}
	tag_result_release(&tr);
	if (rc == 0 && is_event) {
		posted = e->published != TIME_NONE ? e->published :
		    e->updated != TIME_NONE ? e->updated : r->now;
		if (event_extract(e, posted, &ev) == 1 &&
		    store_item_set_event(st, item_id, ev.start, ev.end,
		    ev.allday) == -1)
			rc = -1;
	}
	return rc;
}

static void
feed_failed(struct run *r, struct job *j, long status, const char *error,
    long retry_after)
{
	struct store_fetch_state fs;

	log_feed(j->cf->url, "%s", error);
	r->stats->failed++;
	memset(&fs, 0, sizeof(fs));
	fs.status = status;
	fs.error = error;
	fs.now = r->now;
	fs.next_poll = sched_next_poll(r->now, j->interval,
	    j->sf.error_count + 1, retry_after, sched_seed(j->cf->url,
	    r->now));
	if (group_open(r) == -1 ||
	    store_feed_set_state(r->st, j->sf.id, &fs) == -1)
		log_feed(j->cf->url, _("cannot record the error: %s"),
		    store_error(r->st));
	else
		r->ngroup++;
}

static void
store_feed(struct run *r, struct job *j, struct fetch_result *res)
{
	struct store_fetch_state	 fs;
	struct store_merge_stats	 ms;
	struct parse_opts		 po;
	struct feed			*feed;
	char				*cause = NULL, *charset;

	memset(&po, 0, sizeof(po));
	po.base = res->effective_url;
	charset = content_charset(res->content_type);
	po.charset = charset;
	feed = parse_feed(res->body.s, res->body.len, &po, &cause);
	free(charset);
	buf_release(&res->body);	/* keep the peak low */
	if (feed == NULL) {
		feed_failed(r, j, res->status, cause ? cause :
		    _("cannot parse the feed"), 0);
		free(cause);
		return;
	}
	memset(&fs, 0, sizeof(fs));
	fs.status = res->status;
	fs.etag = res->etag;
	fs.last_modified = res->last_modified;
	fs.now = r->now;
	fs.next_poll = sched_next_poll(r->now, j->interval, 0,
	    res->retry_after, 0);
	fs.title = feed->title;
	fs.link = feed->link;
	r->url = j->cf->url;
	memset(&ms, 0, sizeof(ms));
	if (group_open(r) == -1 || store_savepoint(r->st) == -1) {
		group_lost(r);
		feed_failed(r, j, res->status, store_error(r->st), 0);
		feed_free(feed);
		return;
	}
	if (store_items_merge(r->st, j->sf.id, feed, r->now, item_cb, r,
	    &ms) == -1 ||
	    store_feed_set_state(r->st, j->sf.id, &fs) == -1 ||
	    store_release(r->st) == -1) {
		char *msg;

		xasprintf(&msg, _("cannot store the feed: %s"),
		    store_error(r->st));
		if (store_rollback_to(r->st) == -1)
			group_lost(r);
		feed_failed(r, j, res->status, msg, 0);
		free(msg);
		feed_free(feed);
		return;
	}
	r->ngroup++;
	r->stats->ok++;
	r->stats->added += ms.added;
	r->stats->updated += ms.updated;
	log_info(_("%s: %ld, %zu items, %d new, %d updated"), j->cf->url,
	    res->status, feed->nentries, ms.added, ms.updated);
	feed_free(feed);
}

static void
done(struct fetch_result *res, void *arg)
{
	struct run			*r = arg;
	struct job			*j = res->req->udata;
	struct store_fetch_state	 fs;

	if (res->permanent_redirect && res->effective_url &&
	    strcmp(res->effective_url, j->cf->url) != 0)
		log_warnx(_("%s: moved permanently to %s: update the feed's "
		    "URL in '%s'"), j->cf->url, res->effective_url,
		    r->c->path ? r->c->path : "feeds.conf");
	if (!res->ok || res->error != NULL) {
		feed_failed(r, j, res->status, res->error ? res->error :
		    _("transfer failed"), res->retry_after);
		group_close(r, 0);
		return;
	}
	if (res->status == 304) {
		memset(&fs, 0, sizeof(fs));
		fs.status = 304;
		fs.etag = res->etag;
		fs.last_modified = res->last_modified;
		fs.now = r->now;
		fs.next_poll = sched_next_poll(r->now, j->interval, 0,
		    res->retry_after, 0);
		if (group_open(r) == -1 ||
		    store_feed_set_state(r->st, j->sf.id, &fs) == -1) {
			feed_failed(r, j, 304, store_error(r->st), 0);
			group_close(r, 0);
			return;
		}
		r->ngroup++;
		r->stats->not_modified++;
		log_info(_("%s: not modified"), j->cf->url);
		group_close(r, 0);
		return;
	}
	store_feed(r, j, res);
	group_close(r, 0);
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
	size_t			 i, n = 0;
	int			 rc = -1, due;

	if (stats == NULL)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
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
		j->interval = sched_interval(c, cf);
		due = o->force || o->nurls > 0 || sched_due(o->now,
		    j->sf.last_poll, j->sf.next_poll, j->sf.error_count,
		    j->interval);
		if (!due) {
			log_debug("%s: not due", cf->url);
			store_feed_release(&j->sf);
			memset(j, 0, sizeof(*j));
			continue;
		}
		reqs[n].url = cf->url;
		reqs[n].etag = j->sf.etag;
		reqs[n].last_modified = j->sf.last_modified;
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
	fo.per_host = PIPELINE_PER_HOST;
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
	if (fetch_run(reqs, n, &fo, done, &r) == -1) {
		group_close(&r, 1);
		log_errorx("%s", _("cannot set up the transfers (libcurl)"));
		goto out;
	}
	group_close(&r, 1);
	if (r.db_failed)
		goto out;
	if (o->stop && *o->stop)
		stats->interrupted = 1;
	rc = 0;
	goto out;
fail:
	log_errorx(_("database: %s"), store_error(st));
out:
	for (i = 0; i < n; i++)
		store_feed_release(&jobs[i].sf);
	free(jobs);
	free(reqs);
	return rc;
}

time_t
pipeline_next_wakeup(struct store *st, const struct config *c, time_t now)
{
	struct store_feed	 sf;
	time_t			 best = TIME_NONE, t;
	long long		 interval;
	size_t			 i;

	for (i = 0; i < c->nfeeds; i++) {
		if (c->feeds[i].disabled)
			continue;
		memset(&sf, 0, sizeof(sf));
		if (store_feed_get(st, c->feeds[i].url, &sf) == -1)
			return now;
		interval = sched_interval(c, &c->feeds[i]);
		if (sched_due(now, sf.last_poll, sf.next_poll, sf.error_count,
		    interval))
			t = now;
		else {
			t = sf.next_poll;
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
