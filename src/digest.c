/*
 * digest.c: choosing the items of a digest and grouping them: by tag,
 * then by feed, newest first, each item once, and one entry for an item
 * several feeds carry (same canonical link: the newest copy stays, the
 * other feeds are named in also_in and their tags count for grouping).
 * One sort and hash tables (copies, groups, feeds), no search per item,
 * keep 100,000 items well under a second.
 * Rendering is left to render/.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "parse/url.h"
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

/*
 * NOTE: the entries' own strings and tag arrays are carved from big
 * blocks, freed at once: a malloc per item and per tag array, and
 * freeing them one by one (5% of a text digest of 100,000 items),
 * cost more than copying the strings.
 */
#define ARENA_BLOCK	(1024 * 1024)

struct arena_block {
	struct arena_block	*next;
	long long		 align;		/* what follows is aligned */
};

struct arena {
	struct arena_block	*blocks;
	char			*p;		/* free room in the newest */
	size_t			 left;
};

struct digest_priv {
	struct intern		  strs;
	struct arena		  arena;
	struct digest_entry	**shown;	/* the feeds' entries */
};

/* a size that overflows: out of memory, as xreallocarray() says it */
static void __attribute__((noreturn))
oom(void)
{
	(void)xmalloc(SIZE_MAX);
	abort();
}

/* n bytes aligned for pointers, freed by arena_release() */
static void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b;
	size_t			 pad, size;
	void			*r;

	pad = (size_t)(-(uintptr_t)a->p & (sizeof(void *) - 1));
	if (a->p != NULL && n <= a->left && pad <= a->left - n) {
		r = a->p + pad;
		a->p += pad + n;
		a->left -= pad + n;
		return r;
	}
	if (n > SIZE_MAX - 2 * sizeof(*b) - ARENA_BLOCK)
		oom();
	if (n > ARENA_BLOCK / 4) {
		/* a big one gets a block of its own behind the newest */
		b = xmalloc(sizeof(*b) + n);
		if (a->blocks) {
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = NULL;
			a->blocks = b;
		}
		return b + 1;
	}
	size = ARENA_BLOCK;
	b = xmalloc(sizeof(*b) + size);
	b->next = a->blocks;
	a->blocks = b;
	r = b + 1;
	a->p = (char *)r + n;
	a->left = size - n;
	return r;
}

static void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(a, 0, sizeof(*a));
}

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
	/* intern_tag()'s cache: the store's string, its interned copy */
	const char		*tkey[64];
	const char		*tval[64];
	/* the --tag names, interned */
	const char		**otags;
	size_t			 notags;
	/*
	 * NOTE: by entry, made while its strings are in the cache, kept
	 * in the entries' order: the hash of its canonical link and its
	 * group tag (entry_tag()); reading them again from 100,000
	 * entries afterwards was mostly cache misses
	 */
	size_t			*chash;
	const char		**etag;
};

/*
 * The post a canonical link names, as the store takes it across feeds
 * (url_identity(): the scheme, "www." and a trailing '/' aside): its
 * hash, and whether two links name one post.
 */
static size_t
post_hash(const char *canon)
{
	const char	*hp, *q;
	size_t		 h = 5381, n, i;

	if (!url_identity_view(canon, &hp, &n, &q))
		return intern_hash(canon);
	for (i = 0; i < n; i++)
		h = (h * 33) ^ (unsigned char)hp[i];
	for (; *q; q++)
		h = (h * 33) ^ (unsigned char)*q;
	return h;
}

static int
same_post(const char *a, const char *b)
{
	const char	*ha, *qa, *hb, *qb;
	size_t		 na, nb;

	if (!url_identity_view(a, &ha, &na, &qa) ||
	    !url_identity_view(b, &hb, &nb, &qb))
		return strcmp(a, b) == 0;
	return na == nb && memcmp(ha, hb, na) == 0 && strcmp(qa, qb) == 0;
}

static const char *entry_tag(const struct digest_entry *,
    const char *const *, size_t);

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

/*
 * the interned copy of s, a tag name or source: the store hands the same
 * few strings over and over, so a small cache by address saves hashing
 * them; the contents are still compared
 */
static char *
intern_tag(struct collect *c, const char *s)
{
	size_t k;

	if (s == NULL)
		return NULL;
	k = ((uintptr_t)s >> 3) & (nitems(c->tkey) - 1);
	if (c->tkey[k] != s || strcmp(c->tval[k], s) != 0) {
		c->tkey[k] = s;
		c->tval[k] = intern(&c->d->priv->strs, s);
	}
	return (char *)c->tval[k];
}

static int
collect_cb(const struct store_item *it, void *arg)
{
	struct collect		*c = arg;
	struct digest		*d = c->d;
	struct digest_entry	*de;
	struct store_item	*ni;
	const char		*url, *title;
	const char		*src[9];
	size_t			 len[9], total = 0, i;
	char			*p;

	if (d->nentries == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		d->entries = xreallocarray(d->entries, c->cap,
		    sizeof(*d->entries));
		c->chash = xreallocarray(c->chash, c->cap,
		    sizeof(*c->chash));
		c->etag = xreallocarray(c->etag, c->cap, sizeof(*c->etag));
	}
	de = &d->entries[d->nentries++];
	memset(de, 0, sizeof(*de));
	ni = &de->item;
	*ni = *it;
	feed_strings(c, it, &url, &title);
	ni->feed_url = (char *)url;
	ni->feed_title = (char *)title;
	/* the item's own strings, one after the other in the arena */
	src[0] = it->guid;
	src[1] = it->title;
	src[2] = it->link;
	/* NOTE: most often the link itself: kept once */
	src[3] = it->canonical_link && it->link &&
	    strcmp(it->canonical_link, it->link) == 0 ? NULL :
	    it->canonical_link;
	src[4] = it->author;
	src[5] = it->summary;
	src[6] = it->content;
	src[7] = it->brief;
	src[8] = it->enclosures;
	for (i = 0; i < nitems(src); i++) {
		len[i] = src[i] ? strlen(src[i]) : 0;
		if (src[i])
			total += len[i] + 1;
	}
	p = total ? arena_alloc(&d->priv->arena, total) : NULL;
	ni->guid = put_str(&p, src[0], len[0]);
	ni->title = put_str(&p, src[1], len[1]);
	ni->link = put_str(&p, src[2], len[2]);
	ni->canonical_link = src[3] == NULL && it->canonical_link ?
	    ni->link : put_str(&p, src[3], len[3]);
	ni->author = put_str(&p, src[4], len[4]);
	ni->summary = put_str(&p, src[5], len[5]);
	ni->content = put_str(&p, src[6], len[6]);
	ni->brief = put_str(&p, src[7], len[7]);
	ni->enclosures = put_str(&p, src[8], len[8]);
	ni->categories = NULL;
	ni->ncategories = 0;
	if (it->ntags > 0) {
		/* tags and tag_sources: one array, names interned */
		if (it->ntags > SIZE_MAX / (2 * sizeof(*ni->tags)))
			oom();
		ni->tags = arena_alloc(&d->priv->arena, 2 * it->ntags *
		    sizeof(*ni->tags));
		ni->tag_sources = ni->tags + it->ntags;
		for (i = 0; i < it->ntags; i++) {
			ni->tags[i] = intern_tag(c, it->tags[i]);
			ni->tag_sources[i] = intern_tag(c, it->tag_sources[i]);
		}
	} else {
		ni->tags = ni->tag_sources = NULL;
		ni->ntags = 0;
	}
	c->chash[d->nentries - 1] = ni->canonical_link ?
	    post_hash(ni->canonical_link) : 0;
	c->etag[d->nentries - 1] = entry_tag(de, c->otags, c->notags);
	return 0;
}

/* newest first (published, else updated, else first seen), then by id */
struct order {
	long long	 t;
	long long	 id;
	size_t		 pos;
};

/* 1 when x comes before y */
static inline int
order_before(const struct order *x, const struct order *y)
{
	if (x->t != y->t)
		return x->t > y->t;
	return x->id > y->id;
}

/*
 * sorts v[0..n) by order_before(), tmp: room for n / 2 + 1; a merge
 * sort with the comparison inline, which a digest of a large window
 * sorts in half the time qsort() takes with a call per comparison
 */
static void
order_sort(struct order *v, struct order *tmp, size_t n)
{
	struct order	 x;
	size_t		 i, j, k, h;

	if (n <= 16) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && order_before(&x, &v[j - 1]); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	h = n / 2;
	order_sort(v, tmp, h);
	order_sort(v + h, tmp, n - h);
	if (!order_before(&v[h], &v[h - 1]))
		return;		/* already in order */
	memcpy(tmp, v, h * sizeof(*v));
	for (i = 0, j = h, k = 0; i < h && j < n;) {
		if (order_before(&v[j], &tmp[i]))
			v[k++] = v[j++];
		else
			v[k++] = tmp[i++];
	}
	while (i < h)
		v[k++] = tmp[i++];
}

static void
sort_entries(struct digest *d, struct collect *c)
{
	struct digest_entry	 tmp;
	const char		*tmpt;
	size_t			 tmph;
	struct order		*ord, *tmpo;
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
	tmpo = xreallocarray(NULL, d->nentries / 2 + 1, sizeof(*tmpo));
	order_sort(ord, tmpo, d->nentries);
	free(tmpo);
	/*
	 * NOTE: moved in place, one cycle of the permutation at a time:
	 * a sorted copy was another 23 MB for 100,000 items
	 */
	for (i = 0; i < d->nentries; i++) {
		size_t j = i, k;

		if (ord[i].pos == i)
			continue;
		tmp = d->entries[i];
		tmph = c->chash[i];
		tmpt = c->etag[i];
		while ((k = ord[j].pos) != i) {
			d->entries[j] = d->entries[k];
			c->chash[j] = c->chash[k];
			c->etag[j] = c->etag[k];
			ord[j].pos = j;
			j = k;
		}
		d->entries[j] = tmp;
		c->chash[j] = tmph;
		c->etag[j] = tmpt;
		ord[j].pos = j;
	}
	free(ord);
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

/* 1 when the interned s is in v (interned too): by address */
static int
has_ptr(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i] == s)
			return 1;
	}
	return 0;
}

/* adds tag (interned) to the item's tags, with its source (interned or
 * NULL), which entry_tag() weighs */
static void
add_tag(struct digest *d, struct store_item *it, char *tag, char *source)
{
	char	**v;
	size_t	  i;

	if (it->ntags >= SIZE_MAX / (2 * sizeof(*v)) - 1)
		oom();
	/* NOTE: the old array stays in the arena until the digest goes */
	v = arena_alloc(&d->priv->arena, 2 * (it->ntags + 1) * sizeof(*v));
	for (i = 0; i < it->ntags; i++) {
		v[i] = it->tags[i];
		v[it->ntags + 1 + i] = it->tag_sources[i];
	}
	v[it->ntags] = tag;
	v[2 * it->ntags + 1] = source;
	it->tags = v;
	it->tag_sources = v + it->ntags + 1;
	it->ntags++;
}

/*
 * one entry per post (same_post()) across feeds: the first copy in the
 * newest-first order stays, the later ones (in that order) are merged
 * into it, found through a hash table of the links seen
 */
static void
merge_copies(struct digest *d, struct collect *c)
{
	struct digest_entry	*p, *o;
	size_t			*slot, cap, h, i, k, n;

	for (cap = 64; cap < 2 * d->nentries + 2;)
		cap *= 2;
	slot = xcalloc(cap, sizeof(*slot));	/* index + 1; 0: empty */
	for (i = 0; i < d->nentries; i++) {
		o = &d->entries[i];
		if (o->item.canonical_link == NULL)
			continue;
		h = c->chash[i] & (cap - 1);
		while (slot[h] != 0 && (c->chash[slot[h] - 1] != c->chash[i] ||
		    !same_post(d->entries[slot[h] - 1].item.canonical_link,
		    o->item.canonical_link)))
			h = (h + 1) & (cap - 1);
		if (slot[h] == 0) {
			slot[h] = i + 1;
			continue;
		}
		p = &d->entries[slot[h] - 1];	/* the newest copy */
		if (o->item.feed_id == p->item.feed_id)
			continue;	/* two items of one feed */
		o->merged = 1;
		if (o->item.feed_title && !has_str(p->also_in, p->nalso,
		    o->item.feed_title)) {
			p->also_in = xreallocarray(p->also_in, p->nalso + 1,
			    sizeof(*p->also_in));
			/* interned: lives as long as the digest */
			p->also_in[p->nalso++] = o->item.feed_title;
		}
		n = p->item.ntags;
		for (k = 0; k < o->item.ntags; k++) {
			if (has_ptr(p->item.tags, p->item.ntags,
			    o->item.tags[k]))
				continue;
			add_tag(d, &p->item, o->item.tags[k],
			    o->item.tag_sources ? o->item.tag_sources[k] :
			    NULL);
		}
		if (p->item.ntags != n)
			c->etag[slot[h] - 1] = entry_tag(p, c->otags,
			    c->notags);
	}
	free(slot);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A map from interned strings (by address) or (group, feed) pairs to an
 * index: open addressing, grown when half full.
 */
struct imap {
	uintptr_t	*key;		/* 0: empty */
	long long	*key2;
	size_t		*val;
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

static void
imap_alloc(struct imap *m, size_t cap)
{
	m->cap = cap;
	m->key = xcalloc(m->cap, sizeof(*m->key));
	m->key2 = xcalloc(m->cap, sizeof(*m->key2));
	m->val = xreallocarray(NULL, m->cap, sizeof(*m->val));
}

static void
imap_init(struct imap *m)
{
	memset(m, 0, sizeof(*m));
	imap_alloc(m, 64);
}

static size_t
imap_hash(const struct imap *m, uintptr_t k, long long k2)
{
	return (size_t)((k ^ (k >> 7) ^ ((uintptr_t)k2 * 0x9e3779b9u)) *
	    0x9e3779b97f4a7c15ULL >> 17) & (m->cap - 1);
}

/* the value slot of (k, k2), k non-zero; *isnew when just added */
static size_t *
imap_get(struct imap *m, uintptr_t k, long long k2, int *isnew)
{
	struct imap	 old;
	size_t		 h, i;

	if (2 * (m->n + 1) > m->cap) {
		old = *m;
		if (old.cap > SIZE_MAX / 4)
			oom();
		imap_alloc(m, old.cap * 2);
		for (i = 0; i < old.cap; i++) {
			if (old.key[i] == 0)
				continue;
			h = imap_hash(m, old.key[i], old.key2[i]);
			while (m->key[h] != 0)
				h = (h + 1) & (m->cap - 1);
			m->key[h] = old.key[i];
			m->key2[h] = old.key2[i];
			m->val[h] = old.val[i];
		}
		free(old.key);
		free(old.key2);
		free(old.val);
	}
	h = imap_hash(m, k, k2);
	while (m->key[h] != 0) {
		if (m->key[h] == k && m->key2[h] == k2) {
			*isnew = 0;
			return &m->val[h];
		}
		h = (h + 1) & (m->cap - 1);
	}
	m->key[h] = k;
	m->key2[h] = k2;
	m->n++;
	*isnew = 1;
	return &m->val[h];
}

static void
imap_release(struct imap *m)
{
	free(m->key);
	free(m->key2);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

/* 1 when the tag came from a [tag] rule, 0 from the feed's tags = (or
 * a source not recorded) */
static int
tag_from_rule(const char *source)
{
	return source != NULL && *source != '\0' &&
	    strcmp(source, "feed") != 0;
}

/*
 * the group tag of an entry: first in the --tag order (otags: interned),
 * else its most telling tag: one a rule gave (it says what the item is
 * about) before the feed's own (what every item of the feed gets), by
 * name among equals; every tag is interned, so compared by address
 */
static const char *
entry_tag(const struct digest_entry *de, const char *const *otags,
    size_t notags)
{
	const char	*best = NULL;
	size_t		 i;
	int		 rule, best_rule = 0;

	for (i = 0; i < notags; i++) {
		if (has_ptr(de->item.tags, de->item.ntags, otags[i]))
			return otags[i];
	}
	for (i = 0; i < de->item.ntags; i++) {
		rule = de->item.tag_sources != NULL &&
		    tag_from_rule(de->item.tag_sources[i]);
		if (best == NULL || rule > best_rule || (rule == best_rule &&
		    strcmp(de->item.tags[i], best) < 0)) {
			best = de->item.tags[i];
			best_rule = rule;
		}
	}
	return best;
}

/* a feed in a group, as the entries are met newest first */
struct fslot {
	int			 group;
	size_t			 n;		/* its entries */
	struct digest_entry	*first;		/* the newest */
	struct digest_feed	*fd;
};

/*
 * NOTE: no sorting: the entries are met newest first, so a group's
 * feeds come in the order of their newest entry when each is added as
 * it is first met, and each feed's entries are in order as they are
 * appended (two sorts of 100,000 slots and a realloc per entry before)
 */
static void
group_entries(struct digest *d, const struct digest_opts *o,
    struct collect *c)
{
	const char	**names = NULL, **otags = c->otags, **etag = c->etag;
	struct imap	  tmap, fmap;
	struct fslot	 *fs;
	struct digest_group *gr;
	struct digest_feed *fd;
	size_t		 *eslot, *gi, *v, nnames = 0, nfs = 0, off = 0;
	size_t		  i, j, ns = 0;
	int		  isnew, g, untagged;

	imap_init(&tmap);

	/* the group names: --tag order, else sorted; untagged last */
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].merged || etag[i] == NULL)
			continue;
		v = imap_get(&tmap, (uintptr_t)etag[i], 0, &isnew);
		if (isnew) {
			names = xreallocarray(names, nnames + 1,
			    sizeof(*names));
			names[nnames++] = etag[i];
		}
	}
	if (o->ntags == 0 && nnames > 1)
		qsort(names, nnames, sizeof(*names), str_cmp);
	else {
		/* keep the --tag order */
		size_t w = 0;

		for (i = 0; i < o->ntags; i++) {
			for (j = w; j < nnames; j++) {
				if (names[j] == otags[i]) {
					const char *t = names[w];

					names[w++] = names[j];
					names[j] = t;
					break;
				}
			}
		}
	}
	untagged = (int)nnames;
	for (i = 0; i < nnames; i++)
		*imap_get(&tmap, (uintptr_t)names[i], 0, &isnew) = i;

	/* the feeds of each group, in the order they are met */
	eslot = xreallocarray(NULL, d->nentries + 1, sizeof(*eslot));
	fs = xreallocarray(NULL, d->nentries + 1, sizeof(*fs));
	imap_init(&fmap);
	for (i = 0; i < d->nentries; i++) {
		struct digest_entry *de = &d->entries[i];

		if (de->merged)
			continue;
		g = etag[i] == NULL ? untagged : (int)*imap_get(&tmap,
		    (uintptr_t)etag[i], 0, &isnew);
		de->group = g;
		ns++;
		/* NOTE: key 1 + group: 0 is the empty key */
		v = imap_get(&fmap, (uintptr_t)g + 1, de->item.feed_id,
		    &isnew);
		if (isnew) {
			*v = nfs;
			fs[nfs].group = g;
			fs[nfs].n = 0;
			fs[nfs].first = de;
			nfs++;
		}
		fs[*v].n++;
		eslot[i] = *v;
	}
	d->nshown = ns;

	/* the groups that have entries, in order, and room for their feeds */
	gi = xcalloc(nnames + 1, sizeof(*gi));
	for (i = 0; i < nfs; i++)
		gi[fs[i].group]++;
	d->groups = xcalloc(nnames + 1, sizeof(*d->groups));
	for (j = 0; j <= nnames; j++) {
		if (gi[j] == 0)
			continue;
		gr = &d->groups[d->ngroups];
		gr->tag = (int)j == untagged ? NULL : xstrdup(names[j]);
		gr->feeds = xcalloc(gi[j], sizeof(*gr->feeds));
		gi[j] = d->ngroups++;
	}
	/* one array holds every feed's entries, a run each */
	d->priv->shown = xreallocarray(NULL, ns + 1,
	    sizeof(*d->priv->shown));
	for (i = 0; i < nfs; i++) {
		gr = &d->groups[gi[fs[i].group]];
		fd = &gr->feeds[gr->nfeeds++];
		fd->id = fs[i].first->item.feed_id;
		fd->title = fs[i].first->item.feed_title;
		fd->url = fs[i].first->item.feed_url;
		fd->entries = d->priv->shown + off;
		off += fs[i].n;
		fs[i].fd = fd;
	}
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].merged)
			continue;
		fd = fs[eslot[i]].fd;
		fd->entries[fd->nentries++] = &d->entries[i];
	}
	imap_release(&tmap);
	imap_release(&fmap);
	free(gi);
	free(fs);
	free(eslot);
	free(names);
}

int
digest_build(struct store *st, const struct digest_opts *o,
    struct digest *d, char **cause)
{
	struct store_query	q;
	struct collect		c;
	size_t			i;
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
	c.otags = xreallocarray(NULL, o->ntags + 1, sizeof(*c.otags));
	for (i = 0; i < o->ntags; i++)
		c.otags[i] = intern(&d->priv->strs, o->tags[i]);
	c.notags = o->ntags;
	rc = store_items_digest(st, &q, o->body, o->smax, o->cmax,
	    collect_cb, &c);
	free(c.fids);
	free(c.furls);
	free(c.ftitles);
	free(c.cfslot);
	if (rc == -1) {
		*cause = xstrdup(store_error(st));
		digest_release(d);
	} else {
		sort_entries(d, &c);
		merge_copies(d, &c);
		group_entries(d, o, &c);
	}
	free(c.otags);
	free(c.chash);
	free(c.etag);
	return rc == -1 ? -1 : 0;
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
	size_t i;

	for (i = 0; i < d->nentries; i++)
		free(d->entries[i].also_in);
	free(d->entries);
	for (i = 0; i < d->ngroups; i++) {
		free(d->groups[i].feeds);
		free(d->groups[i].tag);
	}
	free(d->groups);
	if (d->priv) {
		intern_release(&d->priv->strs);
		arena_release(&d->priv->arena);
		free(d->priv->shown);
		free(d->priv);
	}
	memset(d, 0, sizeof(*d));
}
