/*
 * digest.c: choosing the items of a digest and grouping them: by tag,
 * then by feed, newest first, each item once, and one entry for an item
 * several feeds carry (same canonical link: the newest copy stays, the
 * other feeds are named in also_in and their tags count for grouping).
 * Sorting, not searching, keeps 100,000 items well under a second.
 * Rendering is left to render/.
 */
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "util/xmalloc.h"
#include "util/time.h"

struct collect {
	struct digest		*d;
	size_t			 cap;
	const struct config	*config;
	/* feed_id -> config title, so each feed is looked up once */
	long long		*fids;
	const char		**ftitles;
	size_t			 nf;
};

/* the config's title for the feed, looked up once per feed */
static const char *
config_title(struct collect *c, const struct store_item *it)
{
	const struct config_feed	*cf;
	const char			*t = NULL;
	size_t				 lo = 0, hi = c->nf, mid;

	/* fids is sorted: binary search, insert when new */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->fids[mid] == it->feed_id)
			return c->ftitles[mid];
		if (c->fids[mid] < it->feed_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (it->feed_url &&
	    (cf = config_find_feed(c->config, it->feed_url)) != NULL)
		t = cf->title;
	c->fids = xreallocarray(c->fids, c->nf + 1, sizeof(*c->fids));
	c->ftitles = xreallocarray(c->ftitles, c->nf + 1,
	    sizeof(*c->ftitles));
	memmove(c->fids + lo + 1, c->fids + lo, (c->nf - lo) *
	    sizeof(*c->fids));
	memmove(c->ftitles + lo + 1, c->ftitles + lo, (c->nf - lo) *
	    sizeof(*c->ftitles));
	c->fids[lo] = it->feed_id;
	c->ftitles[lo] = t;
	c->nf++;
	return t;
}

static int
collect_cb(const struct store_item *it, void *arg)
{
	struct collect		*c = arg;
	struct digest		*d = c->d;
	struct digest_entry	*de;
	const char		*title;

	if (d->nentries == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		d->entries = xreallocarray(d->entries, c->cap,
		    sizeof(*d->entries));
	}
	de = &d->entries[d->nentries++];
	memset(de, 0, sizeof(*de));
	/* NOTE: takes the row's contents; store_items_query allows it */
	de->item = *it;
	memset((struct store_item *)it, 0, sizeof(*it));
	if (c->config && (title = config_title(c, &de->item)) != NULL) {
		free(de->item.feed_title);
		de->item.feed_title = xstrdup(title);
	}
	return 0;
}

static const struct digest	*sort_d;

static int
canon_cmp(const void *a, const void *b)
{
	const struct digest_entry *x = &sort_d->entries[*(const size_t *)a];
	const struct digest_entry *y = &sort_d->entries[*(const size_t *)b];
	int c = strcmp(x->item.canonical_link, y->item.canonical_link);

	if (c)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int
has_str(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i], s) == 0)
			return 1;
	}
	return 0;
}

/* one entry per canonical link across feeds */
static void
merge_copies(struct digest *d)
{
	struct digest_entry	*p, *o;
	size_t			*idx, n = 0, i, j, k;

	idx = xreallocarray(NULL, d->nentries + 1, sizeof(*idx));
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].item.canonical_link)
			idx[n++] = i;
	}
	sort_d = d;
	qsort(idx, n, sizeof(*idx), canon_cmp);
	for (i = 0; i < n; i = j) {
		p = &d->entries[idx[i]];	/* the newest copy */
		for (j = i + 1; j < n && strcmp(d->entries[idx[j]].item.
		    canonical_link, p->item.canonical_link) == 0; j++) {
			o = &d->entries[idx[j]];
			if (o->item.feed_id == p->item.feed_id)
				continue;	/* two items of one feed */
			o->merged = 1;
			if (o->item.feed_title && !has_str(p->also_in,
			    p->nalso, o->item.feed_title)) {
				p->also_in = xreallocarray(p->also_in,
				    p->nalso + 1, sizeof(*p->also_in));
				p->also_in[p->nalso++] =
				    xstrdup(o->item.feed_title);
			}
			for (k = 0; k < o->item.ntags; k++) {
				if (has_str(p->item.tags, p->item.ntags,
				    o->item.tags[k]))
					continue;
				p->item.tags = xreallocarray(p->item.tags,
				    p->item.ntags + 1, sizeof(char *));
				p->item.tag_sources = xreallocarray(
				    p->item.tag_sources, p->item.ntags + 1,
				    sizeof(char *));
				p->item.tags[p->item.ntags] =
				    xstrdup(o->item.tags[k]);
				p->item.tag_sources[p->item.ntags++] = NULL;
			}
		}
	}
	free(idx);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct slot {
	size_t		 pos;		/* index into entries */
	int		 group;
	long long	 feed_id;
	size_t		 rank;		/* position of the feed's newest */
};

static int
slot_feed_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->feed_id != y->feed_id)
		return x->feed_id < y->feed_id ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
slot_rank_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* the group tag of an entry: first in the --tag order, else by name */
static const char *
entry_tag(const struct digest_entry *de, const struct digest_opts *o)
{
	const char	*best = NULL;
	size_t		 i;

	for (i = 0; i < o->ntags; i++) {
		if (has_str(de->item.tags, de->item.ntags, o->tags[i]))
			return o->tags[i];
	}
	for (i = 0; i < de->item.ntags; i++) {
		if (best == NULL || strcmp(de->item.tags[i], best) < 0)
			best = de->item.tags[i];
	}
	return best;
}

static void
group_entries(struct digest *d, const struct digest_opts *o)
{
	char		**names = NULL;
	const char	 *tag;
	struct slot	 *sl;
	size_t		  nnames = 0, i, j, ns = 0;
	int		  g, untagged;

	/* the group names: --tag order, else sorted; untagged last */
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].merged)
			continue;
		tag = entry_tag(&d->entries[i], o);
		if (tag && !has_str(names, nnames, tag)) {
			names = xreallocarray(names, nnames + 1,
			    sizeof(*names));
			names[nnames++] = xstrdup(tag);
		}
	}
	if (o->ntags == 0 && nnames > 1)
		qsort(names, nnames, sizeof(*names), str_cmp);
	else {
		/* keep the --tag order */
		size_t w = 0;

		for (i = 0; i < o->ntags; i++) {
			for (j = w; j < nnames; j++) {
				if (strcmp(names[j], o->tags[i]) == 0) {
					char *t = names[w];

					names[w++] = names[j];
					names[j] = t;
					break;
				}
			}
		}
	}
	untagged = (int)nnames;

	sl = xreallocarray(NULL, d->nentries + 1, sizeof(*sl));
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].merged)
			continue;
		tag = entry_tag(&d->entries[i], o);
		g = untagged;
		for (j = 0; tag && j < nnames; j++) {
			if (strcmp(names[j], tag) == 0) {
				g = (int)j;
				break;
			}
		}
		d->entries[i].group = g;
		sl[ns].pos = i;
		sl[ns].group = g;
		sl[ns].feed_id = d->entries[i].item.feed_id;
		ns++;
	}
	d->nshown = ns;
	qsort(sl, ns, sizeof(*sl), slot_feed_cmp);
	for (i = 0; i < ns; i = j) {
		for (j = i; j < ns && sl[j].group == sl[i].group &&
		    sl[j].feed_id == sl[i].feed_id; j++)
			sl[j].rank = sl[i].pos;
	}
	qsort(sl, ns, sizeof(*sl), slot_rank_cmp);

	d->groups = xcalloc(nnames + 1, sizeof(*d->groups));
	for (i = 0; i < ns; i++) {
		struct digest_group	*gr;
		struct digest_feed	*fd;
		struct digest_entry	*de = &d->entries[sl[i].pos];

		if (i == 0 || sl[i - 1].group != sl[i].group) {
			gr = &d->groups[d->ngroups++];
			gr->tag = sl[i].group == untagged ? NULL :
			    xstrdup(names[sl[i].group]);
		}
		gr = &d->groups[d->ngroups - 1];
		if (gr->nfeeds == 0 ||
		    gr->feeds[gr->nfeeds - 1].id != sl[i].feed_id) {
			gr->feeds = xreallocarray(gr->feeds, gr->nfeeds + 1,
			    sizeof(*gr->feeds));
			fd = &gr->feeds[gr->nfeeds++];
			memset(fd, 0, sizeof(*fd));
			fd->id = sl[i].feed_id;
			fd->title = de->item.feed_title;
			fd->url = de->item.feed_url;
		}
		fd = &gr->feeds[gr->nfeeds - 1];
		fd->entries = xreallocarray(fd->entries, fd->nentries + 1,
		    sizeof(*fd->entries));
		fd->entries[fd->nentries++] = de;
	}
	free(sl);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
}

struct brief {
	long long	 id;
	size_t		 pos;
};

static int
brief_cmp(const void *a, const void *b)
{
	const struct brief *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

struct brief_arg {
	struct digest	*d;
	struct brief	*by_id;
	size_t		 n;
};

static int
brief_cb(long long id, const char *text, void *arg)
{
	struct brief_arg	*ba = arg;
	struct brief		 key, *b;

	key.id = id;
	b = bsearch(&key, ba->by_id, ba->n, sizeof(*ba->by_id), brief_cmp);
	if (b && text) {
		free(ba->d->entries[b->pos].item.summary);
		ba->d->entries[b->pos].item.summary = xstrdup(text);
	}
	return 0;
}

/* the summaries (or content prefixes) of every entry, in one query */
static int
load_briefs(struct store *st, struct digest *d, size_t max)
{
	struct brief_arg	 ba;
	long long		*ids;
	size_t			 i;
	int			 rc;

	ba.d = d;
	ba.n = d->nentries;
	ba.by_id = xreallocarray(NULL, d->nentries + 1, sizeof(*ba.by_id));
	ids = xreallocarray(NULL, d->nentries + 1, sizeof(*ids));
	for (i = 0; i < d->nentries; i++) {
		ba.by_id[i].id = ids[i] = d->entries[i].item.id;
		ba.by_id[i].pos = i;
	}
	qsort(ba.by_id, ba.n, sizeof(*ba.by_id), brief_cmp);
	rc = store_items_briefs(st, ids, d->nentries, max, brief_cb, &ba);
	free(ids);
	free(ba.by_id);
	return rc;
}

int
digest_build(struct store *st, const struct digest_opts *o,
    struct digest *d, char **cause)
{
	struct store_query	q;
	struct collect		c;

	memset(d, 0, sizeof(*d));
	d->since = o->since;
	d->until = o->until;
	store_query_init(&q);
	q.tags = o->tags;
	q.ntags = o->ntags;
	q.feeds = o->feeds;
	q.nfeeds = o->nfeeds;
	q.since = o->since;
	q.until = o->until;
	q.unsent = o->unsent;
	q.with_body = !o->no_body && o->brief == 0;
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.config = o->config;
	if (store_items_query(st, &q, collect_cb, &c) == -1) {
		*cause = xstrdup(store_error(st));
		free(c.fids);
		free(c.ftitles);
		digest_release(d);
		return -1;
	}
	free(c.fids);
	free(c.ftitles);
	if (!o->no_body && o->brief > 0 && load_briefs(st, d, o->brief) == -1) {
		*cause = xstrdup(store_error(st));
		digest_release(d);
		return -1;
	}
	merge_copies(d);
	group_entries(d, o);
	return 0;
}

long long *
digest_ids(const struct digest *d, size_t *n)
{
	long long	*ids;
	size_t		 i;

	ids = xreallocarray(NULL, d->nentries + 1, sizeof(*ids));
	for (i = 0; i < d->nentries; i++)
		ids[i] = d->entries[i].item.id;
	*n = d->nentries;
	return ids;
}

void
digest_release(struct digest *d)
{
	size_t i, j;

	for (i = 0; i < d->nentries; i++) {
		store_item_release(&d->entries[i].item);
		for (j = 0; j < d->entries[i].nalso; j++)
			free(d->entries[i].also_in[j]);
		free(d->entries[i].also_in);
	}
	free(d->entries);
	for (i = 0; i < d->ngroups; i++) {
		for (j = 0; j < d->groups[i].nfeeds; j++)
			free(d->groups[i].feeds[j].entries);
		free(d->groups[i].feeds);
		free(d->groups[i].tag);
	}
	free(d->groups);
	memset(d, 0, sizeof(*d));
}
