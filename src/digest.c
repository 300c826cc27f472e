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

/*
 * Strings several entries share (feed URLs and titles, tag names and
 * sources) are kept once, in a hash table that lives as long as the
 * digest; each entry's own strings are one allocation (de->strs).
 */
struct intern {
	char		**slot;
	size_t		  cap;		/* a power of two */
	size_t		  n;
};

struct digest_priv {
	struct intern	  strs;
};

static size_t
intern_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = (h * 33) ^ (unsigned char)*s;
	return h;
}

static const char *
intern(struct intern *in, const char *s)
{
	char	**old;
	size_t	  i, h, ocap;

	if (s == NULL)
		return NULL;
	if (2 * (in->n + 1) > in->cap) {
		old = in->slot;
		ocap = in->cap;
		in->cap = in->cap ? in->cap * 2 : 64;
		in->slot = xcalloc(in->cap, sizeof(*in->slot));
		for (i = 0; i < ocap; i++) {
			if (old[i] == NULL)
				continue;
			h = intern_hash(old[i]) & (in->cap - 1);
			while (in->slot[h])
				h = (h + 1) & (in->cap - 1);
			in->slot[h] = old[i];
		}
		free(old);
	}
	h = intern_hash(s) & (in->cap - 1);
	while (in->slot[h]) {
		if (strcmp(in->slot[h], s) == 0)
			return in->slot[h];
		h = (h + 1) & (in->cap - 1);
	}
	in->n++;
	return in->slot[h] = xstrdup(s);
}

static void
intern_release(struct intern *in)
{
	size_t i;

	for (i = 0; i < in->cap; i++)
		free(in->slot[i]);
	free(in->slot);
	memset(in, 0, sizeof(*in));
}

struct collect {
	struct digest		*d;
	size_t			 cap;
	const struct config	*config;
	/* feed_id -> (url, title to show), so each feed is looked up once */
	long long		*fids;
	const char		**furls;
	const char		**ftitles;
	size_t			 nf;
	/* config feeds by URL: index + 1 (0: empty), made on first use */
	size_t			*cfslot;
	size_t			 cfcap;
};

/*
 * the config's [feed] of url, as config_find_feed() finds it (the first
 * of that URL), through a hash: the linear search for each of 4,000
 * feeds was a twentieth of a digest's reading
 */
static const struct config_feed *
find_config_feed(struct collect *c, const char *url)
{
	const struct config	*cf = c->config;
	size_t			 i, h;

	if (c->cfslot == NULL) {
		for (c->cfcap = 64; c->cfcap < 2 * cf->nfeeds + 2;)
			c->cfcap *= 2;
		c->cfslot = xcalloc(c->cfcap, sizeof(*c->cfslot));
		for (i = 0; i < cf->nfeeds; i++) {
			if (cf->feeds[i].url == NULL)
				continue;
			h = intern_hash(cf->feeds[i].url) & (c->cfcap - 1);
			while (c->cfslot[h] != 0) {
				if (strcmp(cf->feeds[c->cfslot[h] - 1].url,
				    cf->feeds[i].url) == 0)
					break;
				h = (h + 1) & (c->cfcap - 1);
			}
			if (c->cfslot[h] == 0)
				c->cfslot[h] = i + 1;
		}
	}
	h = intern_hash(url) & (c->cfcap - 1);
	while (c->cfslot[h] != 0) {
		if (strcmp(cf->feeds[c->cfslot[h] - 1].url, url) == 0)
			return &cf->feeds[c->cfslot[h] - 1];
		h = (h + 1) & (c->cfcap - 1);
	}
	return NULL;
}

/* the feed's URL and title to show (the config's, else its own), once */
static void
feed_strings(struct collect *c, const struct store_item *it,
    const char **url, const char **title)
{
	struct intern			*in = &c->d->priv->strs;
	const struct config_feed	*cf;
	const char			*t;
	size_t				 lo = 0, hi = c->nf, mid;

	/* fids is sorted: binary search, insert when new */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->fids[mid] == it->feed_id) {
			*url = c->furls[mid];
			*title = c->ftitles[mid];
			return;
		}
		if (c->fids[mid] < it->feed_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	t = it->feed_title;
	if (c->config && it->feed_url &&
	    (cf = find_config_feed(c, it->feed_url)) != NULL &&
	    cf->title)
		t = cf->title;
	*url = intern(in, it->feed_url);
	*title = intern(in, t);
	c->fids = xreallocarray(c->fids, c->nf + 1, sizeof(*c->fids));
	c->furls = xreallocarray(c->furls, c->nf + 1, sizeof(*c->furls));
	c->ftitles = xreallocarray(c->ftitles, c->nf + 1,
	    sizeof(*c->ftitles));
	memmove(c->fids + lo + 1, c->fids + lo, (c->nf - lo) *
	    sizeof(*c->fids));
	memmove(c->furls + lo + 1, c->furls + lo, (c->nf - lo) *
	    sizeof(*c->furls));
	memmove(c->ftitles + lo + 1, c->ftitles + lo, (c->nf - lo) *
	    sizeof(*c->ftitles));
	c->fids[lo] = it->feed_id;
	c->furls[lo] = *url;
	c->ftitles[lo] = *title;
	c->nf++;
}

/* copies s to *p, advancing it; NULL stays NULL */
static char *
put_str(char **p, const char *s, size_t len)
{
	char *r;

	if (s == NULL)
		return NULL;
	r = *p;
	memcpy(r, s, len + 1);
	*p += len + 1;
	return r;
}

static int
collect_cb(const struct store_item *it, void *arg)
{
	struct collect		*c = arg;
	struct digest		*d = c->d;
	struct digest_entry	*de;
	struct store_item	*ni;
	const char		*url, *title;
	const char		*src[8];
	size_t			 len[8], total = 0, i;
	char			*p;

	if (d->nentries == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		d->entries = xreallocarray(d->entries, c->cap,
		    sizeof(*d->entries));
	}
	de = &d->entries[d->nentries++];
	memset(de, 0, sizeof(*de));
	ni = &de->item;
	*ni = *it;
	feed_strings(c, it, &url, &title);
	ni->feed_url = (char *)url;
	ni->feed_title = (char *)title;
	/* the item's own strings: one allocation */
	src[0] = it->guid;
	src[1] = it->title;
	src[2] = it->link;
	src[3] = it->canonical_link;
	src[4] = it->author;
	src[5] = it->summary;
	src[6] = it->content;
	src[7] = it->brief;
	for (i = 0; i < nitems(src); i++) {
		len[i] = src[i] ? strlen(src[i]) : 0;
		if (src[i])
			total += len[i] + 1;
	}
	p = de->strs = total ? xmalloc(total) : NULL;
	ni->guid = put_str(&p, src[0], len[0]);
	ni->title = put_str(&p, src[1], len[1]);
	ni->link = put_str(&p, src[2], len[2]);
	ni->canonical_link = put_str(&p, src[3], len[3]);
	ni->author = put_str(&p, src[4], len[4]);
	ni->summary = put_str(&p, src[5], len[5]);
	ni->content = put_str(&p, src[6], len[6]);
	ni->brief = put_str(&p, src[7], len[7]);
	ni->categories = NULL;
	ni->ncategories = 0;
	if (it->ntags > 0) {
		/* tags and tag_sources: one array, names interned */
		ni->tags = xreallocarray(NULL, 2 * it->ntags,
		    sizeof(*ni->tags));
		ni->tag_sources = ni->tags + it->ntags;
		for (i = 0; i < it->ntags; i++) {
			ni->tags[i] = (char *)intern(&d->priv->strs,
			    it->tags[i]);
			ni->tag_sources[i] = (char *)intern(&d->priv->strs,
			    it->tag_sources[i]);
		}
	} else {
		ni->tags = ni->tag_sources = NULL;
		ni->ntags = 0;
	}
	return 0;
}

/* newest first (published, else updated, else first seen), then by id */
struct order {
	long long	 t;
	long long	 id;
	size_t		 pos;
};

static int
order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->t != y->t)
		return x->t > y->t ? -1 : 1;
	if (x->id != y->id)
		return x->id > y->id ? -1 : 1;
	return 0;
}

static void
sort_entries(struct digest *d)
{
	struct digest_entry	*sorted;
	struct order		*ord;
	const struct store_item	*it;
	size_t			 i;

	if (d->nentries < 2)
		return;
	ord = xreallocarray(NULL, d->nentries, sizeof(*ord));
	for (i = 0; i < d->nentries; i++) {
		it = &d->entries[i].item;
		ord[i].t = it->published != TIME_NONE ? it->published :
		    it->updated != TIME_NONE ? it->updated : it->first_seen;
		ord[i].id = it->id;
		ord[i].pos = i;
	}
	qsort(ord, d->nentries, sizeof(*ord), order_cmp);
	sorted = xreallocarray(NULL, d->nentries, sizeof(*sorted));
	for (i = 0; i < d->nentries; i++)
		sorted[i] = d->entries[ord[i].pos];
	free(d->entries);
	d->entries = sorted;
	free(ord);
}

struct canon {
	size_t		 hash;
	const char	*link;
	size_t		 pos;
};

/* by hash, then link, then position: copies together, newest first */
static int
canon_cmp(const void *a, const void *b)
{
	const struct canon *x = a, *y = b;
	int c;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if ((c = strcmp(x->link, y->link)) != 0)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
has_str(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i], s) == 0)
			return 1;
	}
	return 0;
}

/* adds tag (interned) to the item's tags, with no source */
static void
add_tag(struct store_item *it, char *tag)
{
	char	**v;
	size_t	  i;

	v = xreallocarray(NULL, 2 * (it->ntags + 1), sizeof(*v));
	for (i = 0; i < it->ntags; i++) {
		v[i] = it->tags[i];
		v[it->ntags + 1 + i] = it->tag_sources[i];
	}
	v[it->ntags] = tag;
	v[2 * it->ntags + 1] = NULL;
	free(it->tags);
	it->tags = v;
	it->tag_sources = v + it->ntags + 1;
	it->ntags++;
}

/* one entry per canonical link across feeds */
static void
merge_copies(struct digest *d)
{
	struct digest_entry	*p, *o;
	struct canon		*idx;
	size_t			 n = 0, i, j, k;

	idx = xreallocarray(NULL, d->nentries + 1, sizeof(*idx));
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].item.canonical_link) {
			idx[n].link = d->entries[i].item.canonical_link;
			idx[n].hash = intern_hash(idx[n].link);
			idx[n++].pos = i;
		}
	}
	qsort(idx, n, sizeof(*idx), canon_cmp);
	for (i = 0; i < n; i = j) {
		p = &d->entries[idx[i].pos];	/* the newest copy */
		for (j = i + 1; j < n && idx[j].hash == idx[i].hash &&
		    strcmp(idx[j].link, idx[i].link) == 0; j++) {
			o = &d->entries[idx[j].pos];
			if (o->item.feed_id == p->item.feed_id)
				continue;	/* two items of one feed */
			o->merged = 1;
			if (o->item.feed_title && !has_str(p->also_in,
			    p->nalso, o->item.feed_title)) {
				p->also_in = xreallocarray(p->also_in,
				    p->nalso + 1, sizeof(*p->also_in));
				/* interned: lives as long as the digest */
				p->also_in[p->nalso++] = o->item.feed_title;
			}
			for (k = 0; k < o->item.ntags; k++) {
				if (has_str(p->item.tags, p->item.ntags,
				    o->item.tags[k]))
					continue;
				add_tag(&p->item, o->item.tags[k]);
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

int
digest_build(struct store *st, const struct digest_opts *o,
    struct digest *d, char **cause)
{
	struct store_query	q;
	struct collect		c;
	int			rc;

	memset(d, 0, sizeof(*d));
	d->since = o->since;
	d->until = o->until;
	d->priv = xcalloc(1, sizeof(*d->priv));
	store_query_init(&q);
	q.tags = o->tags;
	q.ntags = o->ntags;
	q.feeds = o->feeds;
	q.nfeeds = o->nfeeds;
	q.since = o->since;
	q.until = o->until;
	q.unsent = o->unsent;
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.config = o->config;
	rc = store_items_digest(st, &q, o->body, o->smax, o->cmax,
	    collect_cb, &c);
	free(c.fids);
	free(c.furls);
	free(c.ftitles);
	free(c.cfslot);
	if (rc == -1) {
		*cause = xstrdup(store_error(st));
		digest_release(d);
		return -1;
	}
	sort_entries(d);
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
		free(d->entries[i].strs);
		free(d->entries[i].item.tags);
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
	if (d->priv) {
		intern_release(&d->priv->strs);
		free(d->priv);
	}
	memset(d, 0, sizeof(*d));
}
