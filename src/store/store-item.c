/*
 * store/store-item.c: items: the dedup key, merging a parsed feed into
 * the store with change detection, and reading items back.
 *
 * Dedup (issues 2 and 13): an item's key is its guid/id when the feed
 * gives one ("g:"; a guid that is a http(s) URL in its identity form,
 * url_identity(), fragment kept), else its link's identity ("l:"), else
 * a hash of its title and date ("h:").  An entry under a key the feed
 * never gave may take over the recent row of the same post (rekey_moved()).
 * The key is unique per feed, so an item
 * that leaves the feed and comes back is the same row.  A content hash
 * over every stored field tells an edit from a re-poll: one
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE hash differs per entry, so
 * an unchanged item costs no write but a last_seen bump, done for the
 * whole feed in one UPDATE.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/url.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define KEY_MAX		512	/* longer guids are cut and hashed */

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	}
	return 1;
}

/* s without leading and trailing whitespace, as [p, p + len) */
static const char *
trimmed(const char *s, size_t *len)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

static char *
key_bounded(const char *prefix, const char *s, size_t len)
{
	struct buf	b = BUF_INIT;
	char		h[17];

	buf_adds(&b, prefix);
	if (len <= KEY_MAX)
		buf_add(&b, s, len);
	else {
		str_hash64(s, len, h);
		buf_add(&b, s, KEY_MAX - 17);
		buf_addf(&b, "#%s", h);
	}
	return buf_detach(&b, NULL);
}

/*
 * The identity key of a canonical link c (url_identity_view()) after
 * prefix, then tail[0, tlen); NULL if c is not a http(s) URL.
 */
static char *
key_view(const char *prefix, const char *c, const char *tail, size_t tlen)
{
	struct buf	 b = BUF_INIT;
	const char	*hp, *q;
	char		*key;
	size_t		 n;

	if (!url_identity_view(c, &hp, &n, &q))
		return NULL;
	buf_add(&b, hp, n);
	buf_adds(&b, q);
	buf_add(&b, tail, tlen);
	key = key_bounded(prefix, b.s, b.len);
	buf_release(&b);
	return key;
}

/*
 * The "g:" key of a guid [s, s + len): a guid that is a http(s) URL (a
 * permalink, or WordPress's "?p=123") in its identity form, its
 * fragment kept (a guid is an id: "#v1" and "#v2" name two entries);
 * any other guid as it is.  canon: url_canonical() of the entry's link,
 * or NULL; it spares a second one where the guid is the link.
 */
static char *
key_guid(const char *s, size_t len, const char *link, const char *canon)
{
	const char	*frag, *l;
	char		*g, *c, *key;
	size_t		 llen;

	if (!(len > 7 && strncasecmp(s, "http://", 7) == 0) &&
	    !(len > 8 && strncasecmp(s, "https://", 8) == 0))
		return key_bounded("g:", s, len);
	if (canon != NULL && link != NULL && (l = trimmed(link, &llen)) &&
	    llen == len && memcmp(l, s, len) == 0)
		c = (char *)canon;
	else {
		g = xstrndup(s, len);
		c = url_canonical(g);
		free(g);
	}
	frag = memchr(s, '#', len);
	key = key_view("g:", c, frag ? frag : "", frag ?
	    (size_t)(s + len - frag) : 0);
	if (c != canon)
		free(c);
	return key ? key : key_bounded("g:", s, len);
}

/* the "l:" key of a link's canonical form; NULL for "" */
static char *
key_link(const char *canon)
{
	char *key;

	if (canon == NULL || *canon == '\0')
		return NULL;
	if ((key = key_view("l:", canon, "", 0)) != NULL)
		return key;
	return key_bounded("l:", canon, strlen(canon));	/* not http(s) */
}

/* store_item_key(); canon: url_canonical() of e's link, or NULL */
static char *
entry_key(const struct entry *e, const char *canon)
{
	struct buf	 b = BUF_INIT;
	const char	*s;
	char		*key, h[17], date[32] = "";
	size_t		 len;
	time_t		 t;

	if (!blank(e->id)) {
		s = trimmed(e->id, &len);
		return key_guid(s, len, e->link, canon);
	}
	if ((key = key_link(canon)) != NULL)
		return key;
	/* NOTE: without title and date the body is all that tells apart */
	t = e->published != TIME_NONE ? e->published : e->updated;
	if (t != TIME_NONE)
		time_rfc3339(t, date, sizeof(date));
	if (e->title && (e->text & (ENTRY_TITLE_TEXT | ENTRY_ESCAPED)) ==
	    (ENTRY_TITLE_TEXT | ENTRY_ESCAPED))
		feed_text_unescape(&b, e->title);	/* the key it had */
	else if (e->title)
		buf_adds(&b, e->title);
	buf_addc(&b, '\x1f');
	buf_adds(&b, date);
	if (blank(e->title) && date[0] == '\0') {
		buf_addc(&b, '\x1f');
		buf_adds(&b, e->content ? e->content : "");
		buf_addc(&b, '\x1f');
		buf_adds(&b, e->summary ? e->summary : "");
	}
	str_hash64(b.s, b.len, h);
	buf_release(&b);
	xasprintf(&key, "h:%s", h);
	return key;
}

/* a blank link has no canonical form */
static char *
link_canonical(const struct entry *e)
{
	return blank(e->link) ? NULL : url_canonical(e->link);
}

char *
store_item_key(const struct entry *e)
{
	char *canon = link_canonical(e), *key;

	key = entry_key(e, canon);
	free(canon);
	return key;
}

char *
store_item_rekey(const char *key, const char *guid, const char *canon)
{
	const char	*s;
	char		*k = NULL;
	size_t		 len;

	if (key == NULL)
		return NULL;
	if (strncmp(key, "g:", 2) == 0) {
		/* the guid column, else the key spelt it; NOTE: any other
		 * guid keeps the key it had, whatever it is */
		s = trimmed(guid ? guid : key + 2, &len);
		if ((len > 7 && strncasecmp(s, "http://", 7) == 0) ||
		    (len > 8 && strncasecmp(s, "https://", 8) == 0))
			k = key_guid(s, len, NULL, NULL);
	} else if (strncmp(key, "l:", 2) == 0 && canon != NULL)
		k = key_link(canon);	/* canonical already: a fixed point */
	return k ? k : xstrdup(key);
}

/* ---- merge ---- */

struct hash {
	uint64_t h;
};

static void
hash_bytes(struct hash *hs, int tag, const void *p, size_t len)
{
	unsigned char	 head[1 + sizeof(len)];
	size_t		 i;

	/* the tag and length keep ("ab","c") apart from ("a","bc") */
	head[0] = (unsigned char)tag;
	for (i = 0; i < sizeof(len); i++)
		head[1 + i] = (unsigned char)(len >> (8 * i));
	hs->h = str_fnv1a(str_fnv1a(hs->h, head, sizeof(head)), p, len);
}

static void
hash_str(struct hash *hs, int tag, const char *s)
{
	if (s == NULL)
		hash_bytes(hs, tag, "", 0);
	else
		hash_bytes(hs, tag | 0x80, s, strlen(s));
}

static void
hash_time(struct hash *hs, int tag, time_t t)
{
	long long v = t == TIME_NONE ? INT64_MIN : (long long)t;

	hash_bytes(hs, tag, &v, sizeof(v));
}

/* appends s with the separators \x1e and \x1f turned into spaces */
static void
add_field(struct buf *b, const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		if (*p == '\x1e' || *p == '\x1f')
			buf_addc(b, ' ');
		else
			buf_addc(b, *p);
	}
}

struct row {
	char	*key;
	char	*guid;		/* NULL when the key spells it */
	char	*link;		/* NULL when equal to canon */
	char	*canon;
	char	*categories;
	char	*enclosures;
	const char *summary;	/* NULL when equal to the content */
	char	*zsummary;	/* store_body_pack() of summary, content; */
	char	*zcontent;	/* NULL: kept as text */
	size_t	 zsummary_len;
	size_t	 zcontent_len;
	int64_t	 hash;
	char	*fts_title;	/* crier_fts_text() of the title and body, */
	char	*fts_body;	/* made ahead for a batched search index */
	char	*brief;		/* store_prep_set_brief(), or NULL */
};

/* an entry's rows, made ahead of the merge (store_items_prepare()) */
struct store_prep {
	size_t		 n;
	char		*keep;		/* the copy of a key to store */
	struct row	*rows;		/* filled where keep[i] */
	int		 with_fts;	/* fts_title and fts_body made */
};

static void
row_release(struct row *r)
{
	free(r->key);
	free(r->guid);
	free(r->link);
	free(r->canon);
	free(r->categories);
	free(r->enclosures);
	free(r->zsummary);
	free(r->zcontent);
	free(r->fts_title);
	free(r->fts_body);
	free(r->brief);
}

/* the content hash of e as if its guid were id and its link link */
static int64_t
entry_hash(const struct entry *e, const char *id, const char *link,
    const struct row *r)
{
	struct hash hs = { STR_FNV_BASIS };

	hash_str(&hs, 1, id);
	hash_str(&hs, 2, e->title);
	hash_str(&hs, 3, link);
	hash_time(&hs, 4, e->published);
	hash_time(&hs, 5, e->updated);
	hash_str(&hs, 6, e->author);
	hash_str(&hs, 7, e->summary);
	hash_str(&hs, 8, e->content);
	hash_str(&hs, 9, r->categories);
	hash_str(&hs, 10, r->enclosures);
	return (int64_t)hs.h;
}

/* fills r for e; r->canon (link_canonical()) is made ahead */
static void
row_fill(struct row *r, const struct entry *e)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	if (strncmp(r->key, "g:", 2) == 0 &&
	    (e->id == NULL || strcmp(r->key + 2, e->id) != 0))
		r->guid = e->id ? xstrdup(e->id) : NULL;
	if (!blank(e->link) &&
	    (r->canon == NULL || strcmp(r->canon, e->link) != 0))
		r->link = xstrdup(e->link);
	for (i = 0; i < e->ncategories; i++) {
		if (e->categories[i] == NULL)
			continue;
		if (b.len)
			buf_addc(&b, '\x1f');
		add_field(&b, e->categories[i]);
	}
	r->categories = b.len ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	for (i = 0; i < e->nenclosures; i++) {
		const struct enclosure *en = &e->enclosures[i];

		if (en->url == NULL)
			continue;
		if (b.len)
			buf_addc(&b, '\x1e');
		add_field(&b, en->url);
		buf_addc(&b, '\x1f');
		if (en->type)
			add_field(&b, en->type);
		buf_addc(&b, '\x1f');
		if (en->length >= 0)
			buf_addf(&b, "%lld", en->length);
	}
	r->enclosures = b.len ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	r->summary = e->summary;
	if (e->summary && e->content && strcmp(e->summary, e->content) == 0)
		r->summary = NULL;
	if (r->summary)
		store_body_pack(r->summary, strlen(r->summary), &r->zsummary,
		    &r->zsummary_len);
	if (e->content)
		store_body_pack(e->content, strlen(e->content), &r->zcontent,
		    &r->zcontent_len);

	r->hash = entry_hash(e, e->id, e->link, r);
}

struct keyed {
	char	*key;
	size_t	 idx;
	time_t	 date;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static time_t
entry_date(const struct entry *e)
{
	time_t p = e->published, u = e->updated;

	if (u != TIME_NONE && (p == TIME_NONE || u > p))
		return u;
	return p;
}

/*
 * Decides which entries to store: for a key that repeats inside one
 * document, the copy with the latest date (the first on a tie).  Fills
 * keep[i], keys[i] and canons[i] (link_canonical()).
 */
static void
pick_entries(const struct feed *f, char **keys, char **canons, char *keep)
{
	struct keyed	*k;
	size_t		 i, j, best;

	k = xreallocarray(NULL, f->nentries ? f->nentries : 1, sizeof(*k));
	for (i = 0; i < f->nentries; i++) {
		canons[i] = link_canonical(&f->entries[i]);
		keys[i] = entry_key(&f->entries[i], canons[i]);
		k[i].key = keys[i];
		k[i].idx = i;
		k[i].date = entry_date(&f->entries[i]);
		keep[i] = 0;
	}
	qsort(k, f->nentries, sizeof(*k), keyed_cmp);
	for (i = 0; i < f->nentries; i = j) {
		best = i;
		for (j = i + 1; j < f->nentries &&
		    strcmp(k[j].key, k[i].key) == 0; j++) {
			if (k[j].date != TIME_NONE && (k[best].date ==
			    TIME_NONE || k[j].date > k[best].date))
				best = j;
		}
		keep[k[best].idx] = 1;
	}
	free(k);
}

/* a body as store_body_pack() made it (z), else as text */
static void
bind_body(sqlite3_stmt *s, int i, const char *text, const char *z,
    size_t zlen)
{
	if (z != NULL)
		sqlite3_bind_blob(s, i, z, (int)zlen, SQLITE_STATIC);
	else
		store_bind_text(s, i, text);
}

/* crier_fts_text() of s, malloc'd; NULL for NULL */
static char *
fts_text_dup(const char *s)
{
	size_t	 n;
	char	*out;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	out = xmalloc(n + 1);
	store_fts_strip(s, n, out);
	return out;
}

static struct store_prep *
prepare(const struct feed *f, int with_fts)
{
	struct store_prep	*p;
	const struct entry	*e;
	char			**keys, **canons;
	size_t			 i, n = f->nentries ? f->nentries : 1;

	p = xcalloc(1, sizeof(*p));
	p->n = f->nentries;
	p->with_fts = with_fts;
	p->keep = xcalloc(n, 1);
	p->rows = xcalloc(n, sizeof(*p->rows));
	keys = xcalloc(n, sizeof(*keys));
	canons = xcalloc(n, sizeof(*canons));
	pick_entries(f, keys, canons, p->keep);
	for (i = 0; i < f->nentries; i++) {
		e = &f->entries[i];
		p->rows[i].key = keys[i];
		if (!p->keep[i]) {
			free(canons[i]);
			continue;
		}
		p->rows[i].canon = canons[i];
		row_fill(&p->rows[i], e);
		if (with_fts) {
			/* NOTE: what the index sees of a new row: the title,
			 * coalesce(content, summary) as stored */
			p->rows[i].fts_title = fts_text_dup(e->title);
			p->rows[i].fts_body = fts_text_dup(e->content ?
			    e->content : e->summary);
		}
	}
	free(keys);
	free(canons);
	return p;
}

struct store_prep *
store_items_prepare(const struct feed *f)
{
	return prepare(f, 1);
}

void
store_prep_set_brief(struct store_prep *p, size_t i, char *brief)
{
	if (i >= p->n) {
		free(brief);
		return;
	}
	free(p->rows[i].brief);
	p->rows[i].brief = brief != NULL && *brief != '\0' ? brief : NULL;
	if (p->rows[i].brief == NULL)
		free(brief);
}

void
store_prep_free(struct store_prep *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		row_release(&p->rows[i]);
	free(p->rows);
	free(p->keep);
	free(p);
}

static int
fts_batch_has(struct store *st, long long feed_id)
{
	size_t i;

	for (i = 0; i < st->nfts_feeds; i++)
		if (st->fts_feeds[i] == feed_id)
			return 1;
	return 0;
}

/* the new row id waits for the search index; its texts are taken */
static void
fts_batch_add(struct store *st, long long id, struct row *r)
{
	if (st->nfts == st->fts_cap) {
		st->fts_cap = st->fts_cap ? st->fts_cap * 2 : 256;
		st->fts_ids = xreallocarray(st->fts_ids, st->fts_cap,
		    sizeof(*st->fts_ids));
		st->fts_texts = xreallocarray(st->fts_texts, st->fts_cap,
		    2 * sizeof(*st->fts_texts));
	}
	st->fts_ids[st->nfts] = id;
	st->fts_texts[2 * st->nfts] = r->fts_title;
	st->fts_texts[2 * st->nfts + 1] = r->fts_body;
	r->fts_title = r->fts_body = NULL;
	st->nfts++;
}

static void
fts_batch_feed(struct store *st, long long feed_id)
{
	if (st->nfts_feeds == st->fts_feeds_cap) {
		st->fts_feeds_cap = st->fts_feeds_cap ? st->fts_feeds_cap * 2 :
		    64;
		st->fts_feeds = xreallocarray(st->fts_feeds,
		    st->fts_feeds_cap, sizeof(*st->fts_feeds));
	}
	st->fts_feeds[st->nfts_feeds++] = feed_id;
}

int
store_items_merge(struct store *st, long long feed_id, const struct feed *f,
    time_t now, store_item_fn *cb, void *arg, struct store_merge_stats *stats)
{
	struct store_prep	*p;
	int			 rc;

	p = prepare(f, st->fts_batch);
	rc = store_items_merge_prep(st, feed_id, f, p, now, cb, arg, stats);
	store_prep_free(p);
	return rc;
}

/* ---- the same post under a new key ---- */

#define MOVED_RECENT	(60 * 86400)	/* a candidate seen this recently */
#define MOVED_SKEW	(14 * 3600)	/* dates this close are one date */

struct moved {
	long long	 id;
	char		*key;
	time_t		 date;
	int64_t		 hash;
	char		*guid;		/* as the feed gave them */
	char		*link;
	time_t		 last_seen;
};

static void
moved_release(struct moved *m)
{
	free(m->key);
	free(m->guid);
	free(m->link);
	memset(m, 0, sizeof(*m));
}

/* 1 if link's identity is another than ident */
static int
other_link(const char *link, const char *ident)
{
	char	*id = url_identity(link);
	int	 other = id != NULL && strcmp(id, ident) != 0;

	free(id);
	return other;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if key is one of the n sorted keys */
static int
has_key(char **sorted, size_t n, const char *key)
{
	return bsearch(&key, sorted, n, sizeof(*sorted), strp_cmp) != NULL;
}

/*
 * The one row a lookup (bound, ready to step) finds, in *m, if it is a
 * candidate: the only match in the feed, not carried under its own key
 * by this document, seen recently, and of a date near enough.  1 found,
 * 0 none, -1 error.
 */
static int
moved_row(struct store *st, sqlite3_stmt *s, char **sorted, size_t nkeys,
    time_t date, time_t now, struct moved *m)
{
	int rc, n = 0;

	memset(m, 0, sizeof(*m));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ > 0)
			continue;
		m->id = sqlite3_column_int64(s, 0);
		m->key = store_col_text(s, 1);
		m->date = store_col_time(s, 2);
		m->hash = sqlite3_column_int64(s, 3);
		m->guid = store_col_text(s, 4);
		m->link = store_col_text(s, 5);
		m->last_seen = store_col_time(s, 6);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, _("cannot store an item"));
	/* NOTE: several rows share it: it names no one post */
	if (n != 1 || m->key == NULL || has_key(sorted, nkeys, m->key) ||
	    m->last_seen < now - MOVED_RECENT ||
	    (date != TIME_NONE && m->date != TIME_NONE &&
	    (date > m->date + MOVED_SKEW || m->date > date + MOVED_SKEW))) {
		moved_release(m);
		return 0;
	}
	return 1;
}

/* binds the canonical forms url_identity() maps to ident, from ?first */
static void
bind_variants(sqlite3_stmt *s, int first, const char *ident)
{
	static const char *const scheme[] = { "http://", "https://" };
	const char	*path, *q;
	struct buf	 b = BUF_INIT;
	size_t		 i, w, t;
	int		 n = first;

	path = ident + strcspn(ident, "/?");
	q = path + strcspn(path, "?");
	for (i = 0; i < 2; i++)
		for (w = 0; w < 2; w++)
			for (t = 0; t < 2; t++) {
				buf_reset(&b);
				buf_adds(&b, scheme[i]);
				if (w)
					buf_adds(&b, "www.");
				buf_add(&b, ident, (size_t)(path - ident));
				buf_add(&b, path, (size_t)(q - path));
				/* url_canonical() spells an empty path "/" */
				if (t || path == q)
					buf_addc(&b, '/');
				buf_adds(&b, q);
				sqlite3_bind_text(s, n++, b.s, (int)b.len,
				    SQLITE_TRANSIENT);
			}
	buf_release(&b);
}

/* FNV-1a 64 of s[0, n), going on from h (FNV_BASIS to start) */
#define FNV_BASIS	14695981039346656037ULL
static uint64_t
fnv64(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/*
 * 1 when the feed's rows have every key of the document (a re-poll of
 * an unchanged feed: nothing can have moved), by the keys' hashes: one
 * read of the feed's keys instead of a lookup each.  0 when a key is
 * new, or the feed keeps too many rows to read them all; -1 error.
 */
static int
keys_known(struct store *st, long long feed_id, const struct store_prep *p)
{
	sqlite3_stmt	*s;
	uint64_t	*have, h;
	size_t		 n = 0, max = 2 * p->n + 64, i;
	int		 step, rc = 1;

	if ((s = store_stmt(st, STMT_ITEM_KEYS)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max + 1);
	have = xreallocarray(NULL, max + 1, sizeof(*have));
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		have[n++] = fnv64(FNV_BASIS,
		    (const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		free(have);
		return store_fail(st, _("cannot store an item"));
	}
	if (n > max)
		rc = 0;
	else
		qsort(have, n, sizeof(*have), str_u64_cmp);
	for (i = 0; rc == 1 && i < p->n; i++) {
		if (!p->keep[i])
			continue;
		h = fnv64(FNV_BASIS, p->rows[i].key, strlen(p->rows[i].key));
		if (bsearch(&h, have, n, sizeof(*have), str_u64_cmp) == NULL)
			rc = 0;
	}
	free(have);
	return rc;
}

/*
 * Issue 13: an entry whose key the feed's rows do not have may be a post
 * the feed carried under another key (a CMS that gave every post a new
 * guid, a link that moved).  Such a row takes the entry's key, so the
 * upsert then updates it in place: its id, read state, digest marks and
 * first_seen stay.  It is found by the identity of the entry's link
 * (url_identity()), else by its title and date.  Look-alikes stay apart:
 * a link several entries of the document share, or the feed's home page,
 * names no post; a row this document still carries is another post; a
 * date more than MOVED_SKEW away is another day's post.  Where only the
 * guid or link changed, the row takes them too and stays unchanged (no
 * "edited" flag).  NOTE: a feed with no rows (a first poll) costs one
 * lookup, a feed with no new key one statement.
 */
static int
rekey_moved(struct store *st, long long feed_id, const struct feed *f,
    struct store_prep *p, time_t now, struct store_merge_stats *stats)
{
	struct buf	  keys = BUF_INIT;
	sqlite3_stmt	 *s;
	size_t		 *map = NULL, *unseen = NULL, nunseen = 0, nkept = 0;
	size_t		  i, j, nsorted = 0, nident = 0;
	char		**sorted = NULL, **ident = NULL, **isort = NULL;
	char		 *home = NULL;
	int		  rc = -1, any, step;

	if ((s = store_stmt(st, STMT_ITEM_ANY)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed_id);
	step = sqlite3_step(s);
	any = step == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (step != SQLITE_ROW)
		return store_fail(st, _("cannot store an item"));
	if (!any || p->n == 0)
		return 0;
	if ((step = keys_known(st, feed_id, p)) != 0)
		return step == 1 ? 0 : -1;

	map = xreallocarray(NULL, p->n, sizeof(*map));
	buf_addc(&keys, '[');
	for (i = 0; i < p->n; i++) {
		if (!p->keep[i])
			continue;
		if (nkept)
			buf_addc(&keys, ',');
		json_strz(&keys, p->rows[i].key);
		map[nkept++] = i;
	}
	buf_addc(&keys, ']');
	if ((s = store_stmt(st, STMT_ITEM_UNSEEN)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_text(s, 2, keys.s, (int)keys.len, SQLITE_STATIC);
	unseen = xreallocarray(NULL, p->n, sizeof(*unseen));
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_int64 k = sqlite3_column_int64(s, 0);

		if (k >= 0 && (size_t)k < nkept)
			unseen[nunseen++] = map[k];
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		store_fail(st, _("cannot store an item"));
		goto out;
	}
	if (nunseen == 0) {
		rc = 0;
		goto out;
	}

	/* the document's keys, and its links' identities, sorted */
	sorted = xreallocarray(NULL, p->n, sizeof(*sorted));
	ident = xcalloc(p->n, sizeof(*ident));
	isort = xreallocarray(NULL, p->n, sizeof(*isort));
	for (i = j = 0; i < p->n; i++) {
		sorted[i] = p->rows[i].key;
		if (!blank(f->entries[i].link) &&
		    (ident[i] = url_identity(f->entries[i].link)) != NULL)
			isort[j++] = ident[i];
	}
	nident = j;
	nsorted = p->n;
	qsort(sorted, nsorted, sizeof(*sorted), strp_cmp);
	qsort(isort, nident, sizeof(*isort), strp_cmp);
	home = f->link ? url_identity(f->link) : NULL;

	for (j = 0; j < nunseen; j++) {
		const struct entry	*e;
		struct row		*r;
		struct moved		 m;
		const char		*id;
		char			**hit;
		time_t			 date;
		size_t			 k;
		long long		 mid;
		int			 found = 0, shared = 0;

		i = unseen[j];
		e = &f->entries[i];
		r = &p->rows[i];
		date = e->published != TIME_NONE ? e->published : e->updated;
		id = ident[i];
		if (id != NULL) {
			/* how many of the document's links are this one */
			hit = bsearch(&id, isort, nident, sizeof(*isort),
			    strp_cmp);
			for (k = hit ? (size_t)(hit - isort) : nident;
			    k > 0 && strcmp(isort[k - 1], id) == 0; k--)
				;
			for (; k < nident && strcmp(isort[k], id) == 0; k++)
				shared++;
		}
		if (id != NULL && shared == 1 && id[strcspn(id, "/?")] &&
		    (home == NULL || strcmp(home, id) != 0)) {
			if ((s = store_stmt(st, STMT_ITEM_BY_LINK)) == NULL)
				goto out;
			sqlite3_bind_int64(s, 1, feed_id);
			bind_variants(s, 2, id);
			if ((found = moved_row(st, s, sorted, nsorted, date,
			    now, &m)) == -1)
				goto out;
		}
		if (!found && !blank(e->title) && date != TIME_NONE &&
		    r->key[0] != 'h') {
			if ((s = store_stmt(st, STMT_ITEM_BY_TITLE)) == NULL)
				goto out;
			sqlite3_bind_int64(s, 1, feed_id);
			store_bind_time(s, 2, date);
			store_bind_text(s, 3, e->title);
			if ((found = moved_row(st, s, sorted, nsorted, date,
			    now, &m)) == -1)
				goto out;
			/* two links that name two posts: two posts */
			if (found && id != NULL && m.link != NULL &&
			    other_link(m.link, id)) {
				moved_release(&m);
				found = 0;
			}
		}
		if (!found)
			continue;
		/* only the guid or the link changed: quietly */
		if (entry_hash(e, m.guid, m.link, r) == m.hash) {
			s = store_stmt(st, STMT_ITEM_REKEY_QUIET);
			if (s != NULL) {
				store_bind_text(s, 3, r->guid);
				store_bind_text(s, 4, r->link);
				store_bind_text(s, 5, r->canon);
				sqlite3_bind_int64(s, 6, r->hash);
				sqlite3_bind_int64(s, 7, (sqlite3_int64)now);
			}
		} else
			s = store_stmt(st, STMT_ITEM_REKEY);
		mid = m.id;
		moved_release(&m);
		if (s == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, mid);
		store_bind_text(s, 2, r->key);
		if (store_step_done(st, s, N_("cannot store an item")) == -1)
			goto out;
		stats->moved++;
	}
	rc = 0;
out:
	if (ident != NULL)
		for (i = 0; i < p->n; i++)
			free(ident[i]);
	free(ident);
	free(isort);
	free(sorted);
	free(home);
	free(unseen);
	free(map);
	buf_release(&keys);
	return rc;
}

int
store_items_merge_prep(struct store *st, long long feed_id,
    const struct feed *f, struct store_prep *p, time_t now,
    store_item_fn *cb, void *arg, struct store_merge_stats *stats)
{
	struct store_merge_stats	 local;
	sqlite3_stmt			*s;
	struct buf			 seen = BUF_INIT;
	struct buf			 fresh = BUF_INIT;	/* new ids */
	size_t				 i, nseen = 0, nfresh = 0;
	int				 rc = -1, own = 0, step, batch;

	if (stats == NULL)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	if (p->n != f->nentries)
		return store_failx(st, "%s", _("cannot store an item"));

	if (store_own_begin(st, &own) == -1)
		goto out;
	/* new rows wait for the index until the commit (store_set_fts_batch) */
	batch = st->fts_batch && p->with_fts;
	/*
	 * NOTE: an item of this feed may be waiting for the search index
	 * (the same feed merged twice in one transaction): index it before
	 * the update trigger deletes its old terms from the index.
	 */
	if (fts_batch_has(st, feed_id) && store_fts_flush(st) == -1)
		goto out;
	if (rekey_moved(st, feed_id, f, p, now, stats) == -1)
		goto out;
	buf_addc(&seen, '[');
	buf_addc(&fresh, '[');
	for (i = 0; i < f->nentries; i++) {
		const struct entry	*e = &f->entries[i];
		struct row		*r = &p->rows[i];
		long long		 id;
		int			 changed;

		if (!p->keep[i])
			continue;
		if ((s = store_stmt(st, STMT_ITEM_UPSERT)) == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, feed_id);
		store_bind_text(s, 2, r->key);
		store_bind_text(s, 3, r->guid);
		store_bind_text(s, 4, e->title);
		store_bind_text(s, 5, r->link);
		store_bind_text(s, 6, r->canon);
		store_bind_time(s, 7, e->published);
		store_bind_time(s, 8, e->updated);
		store_bind_text(s, 9, e->author);
		bind_body(s, 10, r->summary, r->zsummary, r->zsummary_len);
		bind_body(s, 11, e->content, r->zcontent, r->zcontent_len);
		store_bind_text(s, 12, r->categories);
		store_bind_text(s, 13, r->enclosures);
		sqlite3_bind_int64(s, 14, r->hash);
		sqlite3_bind_int64(s, 15, (sqlite3_int64)now);
		store_bind_text(s, 16, r->brief);
		step = sqlite3_step(s);
		if (step == SQLITE_DONE) {
			/* unchanged: only last_seen, below, for all at once */
			sqlite3_reset(s);
			stats->unchanged++;
			if (nseen++)
				buf_addc(&seen, ',');
			json_strz(&seen, r->key);
			continue;
		}
		if (step != SQLITE_ROW) {
			store_fail(st, _("cannot store an item"));
			sqlite3_reset(s);
			goto out;
		}
		id = sqlite3_column_int64(s, 0);
		changed = sqlite3_column_type(s, 1) != SQLITE_NULL;
		/* NOTE: RETURNING rows are final only once stepped to DONE */
		while ((step = sqlite3_step(s)) == SQLITE_ROW)
			;
		sqlite3_reset(s);
		if (step != SQLITE_DONE) {
			store_fail(st, _("cannot store an item"));
			goto out;
		}
		if (changed)
			stats->updated++;
		else {
			stats->added++;
			if (batch)
				fts_batch_add(st, id, r);
			else
				buf_addf(&fresh, nfresh ? ",%lld" : "%lld",
				    id);
			nfresh++;
		}
		/* a new row has no tags to replace */
		st->new_item = changed ? 0 : id;
		if (cb && cb(st, id, e, arg) < 0) {
			st->new_item = 0;
			if (st->error == NULL)
				store_failx(st, "%s",
				    _("storing an item was aborted"));
			goto out;
		}
		st->new_item = 0;
	}
	buf_addc(&seen, ']');
	buf_addc(&fresh, ']');
	/*
	 * NOTE: the new rows reach the search index here, all at once (see
	 * migration 2), before anything can update or delete them; or, in
	 * a batch, at the commit.
	 */
	if (nfresh > 0 && batch)
		fts_batch_feed(st, feed_id);
	else if (nfresh > 0) {
		if ((s = store_stmt(st, STMT_FTS_ADD)) == NULL)
			goto out;
		sqlite3_bind_text(s, 1, fresh.s, (int)fresh.len,
		    SQLITE_STATIC);
		step = sqlite3_step(s);
		sqlite3_reset(s);
		if (step != SQLITE_DONE) {
			store_fail(st, _("cannot index an item"));
			goto out;
		}
	}
	if (nseen > 0) {
		if ((s = store_stmt(st, STMT_ITEM_SEEN)) == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
		sqlite3_bind_int64(s, 2, feed_id);
		sqlite3_bind_text(s, 3, seen.s, (int)seen.len, SQLITE_STATIC);
		step = sqlite3_step(s);
		sqlite3_reset(s);
		if (step != SQLITE_DONE) {
			store_fail(st, _("cannot store an item"));
			goto out;
		}
	}
	rc = 0;
out:
	if (store_own_end(st, own, rc == 0) == -1)
		rc = -1;
	buf_release(&seen);
	buf_release(&fresh);
	return rc;
}

/* ---- reading ---- */

void
store_query_init(struct store_query *q)
{
	memset(q, 0, sizeof(*q));
	q->since = TIME_NONE;
	q->until = TIME_NONE;
}

void
store_item_release(struct store_item *it)
{
	free(it->feed_url);
	free(it->feed_title);
	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->canonical_link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->brief);
	free(it->enclosures);
	free(it->key);
	strv_free(it->categories, it->ncategories);
	strv_free(it->tags, it->ntags);
	strv_free(it->tag_sources, it->ntags);
	memset(it, 0, sizeof(*it));
}

size_t
store_split(struct store_parts *sp, const char *s, size_t len, int sep)
{
	char	*p, *end, *q;
	size_t	 n = 1;

	buf_reset(&sp->s);
	buf_add(&sp->s, s, len);
	buf_addc(&sp->s, '\0');
	for (p = sp->s.s, end = p + len; (p = memchr(p, sep,
	    (size_t)(end - p))) != NULL; p++)
		n++;
	if (n > sp->cap) {
		sp->cap = n * 2;
		sp->v = xreallocarray(sp->v, sp->cap, sizeof(*sp->v));
	}
	n = 0;
	for (p = sp->s.s;; p = q + 1) {
		sp->v[n++] = p;
		if ((q = memchr(p, sep, (size_t)(end - p))) == NULL)
			break;
		*q = '\0';
	}
	return n;
}

void
store_parts_release(struct store_parts *sp)
{
	buf_release(&sp->s);
	free(sp->v);
	sp->v = NULL;
	sp->cap = 0;
}

/* splits s on sep into a malloc'd vector of malloc'd strings */
static char **
split(const char *s, int sep, size_t *n)
{
	struct store_parts	 sp = { BUF_INIT, NULL, 0 };
	char			**v;
	size_t			  i;

	*n = 0;
	if (s == NULL || *s == '\0')
		return NULL;
	*n = store_split(&sp, s, strlen(s), sep);
	v = xreallocarray(NULL, *n, sizeof(*v));
	for (i = 0; i < *n; i++)
		v[i] = xstrdup(sp.v[i]);
	store_parts_release(&sp);
	return v;
}

#define ITEM_COLUMNS \
	"i.id, i.feed_id, f.url, f.title," \
	" coalesce(i.guid, CASE WHEN substr(i.key, 1, 2) = 'g:'" \
	"  THEN substr(i.key, 3) END)," \
	" i.title, coalesce(i.link, i.canonical_link), i.canonical_link," \
	" i.published, i.updated, i.first_seen, i.last_seen, i.author," \
	" %s, i.categories," \
	" (SELECT group_concat(x, char(30)) FROM (SELECT" \
	"  tag || char(31) || coalesce(source, '') AS x FROM item_tags" \
	"  WHERE item_id = i.id ORDER BY tag))," \
	" i.unread, i.changed_at, i.event_start, i.event_end," \
	" i.event_allday, i.enclosures, i.key"
/* how many ITEM_COLUMNS are: a column selected after them is this one */
#define ITEM_NCOLUMNS	24

/* an item's date for the order of lists: NOTE: migration 7's index
 * (items_date) is on this very expression */
#define ITEM_DATE	"coalesce(i.published, i.updated, i.first_seen)"

static void
item_from_row(sqlite3_stmt *s, struct store_item *it)
{
	char	**pairs, *sep;
	size_t	  n, k;

	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(s, 0);
	it->feed_id = sqlite3_column_int64(s, 1);
	it->feed_url = store_col_text(s, 2);
	it->feed_title = store_col_text(s, 3);
	it->guid = store_col_text(s, 4);
	it->title = store_col_text(s, 5);
	it->link = store_col_text(s, 6);
	it->canonical_link = store_col_text(s, 7);
	it->published = store_col_time(s, 8);
	it->updated = store_col_time(s, 9);
	it->first_seen = store_col_time(s, 10);
	it->last_seen = store_col_time(s, 11);
	it->author = store_col_text(s, 12);
	it->summary = store_col_text(s, 13);
	it->content = store_col_text(s, 14);
	it->categories = split((const char *)sqlite3_column_text(s, 15),
	    '\x1f', &it->ncategories);
	pairs = split((const char *)sqlite3_column_text(s, 16), '\x1e', &n);
	if (n > 0) {
		it->tags = xcalloc(n, sizeof(*it->tags));
		it->tag_sources = xcalloc(n, sizeof(*it->tag_sources));
		for (k = 0; k < n; k++) {
			sep = strchr(pairs[k], '\x1f');
			if (sep) {
				*sep++ = '\0';
				if (*sep)
					it->tag_sources[k] = xstrdup(sep);
			}
			it->tags[k] = pairs[k];
		}
		free(pairs);
		it->ntags = n;
	}
	it->unread = sqlite3_column_int(s, 17);
	it->changed = sqlite3_column_type(s, 18) != SQLITE_NULL;
	it->event_start = store_col_time(s, 19);
	it->event_end = store_col_time(s, 20);
	it->event_allday = sqlite3_column_int(s, 21);
	it->enclosures = store_col_text(s, 22);
	it->key = store_col_text(s, 23);
}

static void
add_in(struct buf *sql, size_t n)
{
	size_t i;

	buf_addc(sql, '(');
	for (i = 0; i < n; i++)
		buf_adds(sql, i ? ", ?" : "?");
	buf_addc(sql, ')');
}

void
store_query_filters(struct buf *sql, const struct store_query *q, int scan)
{
	/*
	 * NOTE: EXISTS, not i.id IN (SELECT item_id ...): with IN, SQLite
	 * reads every item of the tag and sorts them, long texts and all,
	 * before the first page (list --tag of a tag on 21,000 of 25,000
	 * items: 4.7 s); with EXISTS it walks the items in date order
	 * (items_date) and asks item_tags' primary key of each, so a page
	 * costs a page (0.02 s), and a tag no item has a scan of the index.
	 */
	if (q->ntags > 0) {
		buf_adds(sql, " AND EXISTS (SELECT 1 FROM item_tags t"
		    " WHERE t.item_id = i.id AND t.tag IN ");
		add_in(sql, q->ntags);
		buf_addc(sql, ')');
	}
	if (q->nfeeds > 0) {
		buf_adds(sql, " AND i.feed_id IN (SELECT id FROM feeds"
		    " WHERE url IN ");
		add_in(sql, q->nfeeds);
		buf_addc(sql, ')');
	}
	if (q->since != TIME_NONE)
		buf_adds(sql, scan ? " AND +i.first_seen >= ?" :
		    " AND i.first_seen >= ?");
	if (q->until != TIME_NONE && q->until != 0)
		buf_adds(sql, scan ? " AND +i.first_seen < ?" :
		    " AND i.first_seen < ?");
	if (q->id_min > 0)
		buf_adds(sql, " AND i.id >= ?");
	if (q->id_max > 0)
		buf_adds(sql, " AND i.id <= ?");
	if (q->unread_only)
		buf_adds(sql, " AND i.unread = 1");
	if (q->unsent)
		buf_adds(sql, " AND NOT EXISTS (SELECT 1 FROM digest_marks"
		    " WHERE digest = ? AND item_id = i.id)");
}

int
store_query_bind(sqlite3_stmt *s, int n, const struct store_query *q)
{
	size_t i;

	for (i = 0; i < q->ntags; i++)
		store_bind_text(s, n++, q->tags[i]);
	for (i = 0; i < q->nfeeds; i++)
		store_bind_text(s, n++, q->feeds[i]);
	if (q->since != TIME_NONE)
		store_bind_time(s, n++, q->since);
	if (q->until != TIME_NONE && q->until != 0)
		store_bind_time(s, n++, q->until);
	if (q->id_min > 0)
		sqlite3_bind_int64(s, n++, q->id_min);
	if (q->id_max > 0)
		sqlite3_bind_int64(s, n++, q->id_max);
	if (q->unsent)
		store_bind_text(s, n++, q->unsent);
	return n;
}

static int
query_run(struct store *st, const struct store_query *q, long long id,
    int (*cb)(const struct store_item *, void *), void *arg)
{
	struct buf		 sql = BUF_INIT;
	sqlite3_stmt		*s = NULL;
	struct store_item	 it;
	int			 n = 1, rc, stop = 0;

	buf_addf(&sql, "SELECT " ITEM_COLUMNS " FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id WHERE 1",
	    q->with_body ? "crier_text(i.summary), crier_text(i.content)" :
	    "NULL, NULL");
	if (id > 0)
		buf_adds(&sql, " AND i.id = ?");
	store_query_filters(&sql, q, 0);
	buf_adds(&sql, " ORDER BY " ITEM_DATE " DESC, i.id DESC");
	if (q->limit > 0)
		buf_adds(&sql, " LIMIT ?");

	if (sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL) != SQLITE_OK) {
		buf_release(&sql);
		return store_fail(st, _("cannot read the items"));
	}
	buf_release(&sql);
	if (id > 0)
		sqlite3_bind_int64(s, n++, id);
	n = store_query_bind(s, n, q);
	if (q->limit > 0)
		sqlite3_bind_int64(s, n++, q->limit);

	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		item_from_row(s, &it);
		stop = cb(&it, arg);
		store_item_release(&it);
	}
	if (!stop && rc != SQLITE_DONE) {
		store_fail(st, _("cannot read the items"));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
store_items_query(struct store *st, const struct store_query *q,
    int (*cb)(const struct store_item *, void *), void *arg)
{
	return query_run(st, q, 0, cb, arg);
}

/* ---- the cursor ---- */

#define CURSOR_PAGE	64	/* items read in one statement */

struct store_cursor {
	struct store		*st;
	const struct store_query *q;
	sqlite3_stmt		*first;		/* the first page */
	sqlite3_stmt		*next;		/* a page after (date, id) */
	struct store_item	 page[CURSOR_PAGE];
	size_t			 n, pos;
	time_t			 date;		/* the last item read's key */
	long long		 id;
	long long		 left;		/* of q->limit; -1: no limit */
	int			 started, done;
};

static sqlite3_stmt *
cursor_prepare(struct store *st, const struct store_query *q, int after)
{
	struct buf	 sql = BUF_INIT;
	sqlite3_stmt	*s = NULL;

	buf_addf(&sql, "SELECT " ITEM_COLUMNS ", " ITEM_DATE " FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id WHERE 1",
	    q->with_body ? "crier_text(i.summary), crier_text(i.content)" :
	    "NULL, NULL");
	store_query_filters(&sql, q, 0);
	/* NOTE: (date, id) < (?, ?) spelt out: SQLite seeks the index for
	 * the date bound, where it would scan it from the top for the row
	 * value (a page deep in a million items then read them all) */
	if (after)
		buf_adds(&sql, " AND " ITEM_DATE " <= ?1000 AND (" ITEM_DATE
		    " < ?1000 OR i.id < ?1001)");
	buf_adds(&sql, " ORDER BY " ITEM_DATE " DESC, i.id DESC LIMIT ?1002");
	if (sqlite3_prepare_v3(st->db, sql.s, -1, SQLITE_PREPARE_PERSISTENT,
	    &s, NULL) != SQLITE_OK) {
		store_fail(st, _("cannot read the items"));
		s = NULL;
	}
	buf_release(&sql);
	return s;
}

int
store_cursor_open(struct store *st, const struct store_query *q,
    struct store_cursor **out)
{
	struct store_cursor *c;

	*out = NULL;
	c = xcalloc(1, sizeof(*c));
	c->st = st;
	c->q = q;
	c->left = q->limit > 0 ? q->limit : -1;
	if ((c->first = cursor_prepare(st, q, 0)) == NULL ||
	    (c->next = cursor_prepare(st, q, 1)) == NULL) {
		store_cursor_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

/* reads the next page into c->page, in one statement, reset after */
static int
cursor_page(struct store_cursor *c)
{
	sqlite3_stmt	*s = c->started ? c->next : c->first;
	long long	 want = CURSOR_PAGE;
	int		 rc;

	if (c->left >= 0 && c->left < want)
		want = c->left;
	c->n = c->pos = 0;
	if (want == 0) {
		c->done = 1;
		return 0;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	store_query_bind(s, 1, c->q);
	if (c->started) {
		sqlite3_bind_int64(s, 1000, (sqlite3_int64)c->date);
		sqlite3_bind_int64(s, 1001, c->id);
	}
	sqlite3_bind_int64(s, 1002, want);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		item_from_row(s, &c->page[c->n]);
		c->date = (time_t)sqlite3_column_int64(s, ITEM_NCOLUMNS);
		c->id = c->page[c->n].id;
		c->n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(c->st, _("cannot read the items"));
	c->started = 1;
	if (c->left >= 0)
		c->left -= (long long)c->n;
	if ((long long)c->n < want)
		c->done = 1;
	return 0;
}

int
store_cursor_next(struct store_cursor *c, struct store_item *out)
{
	memset(out, 0, sizeof(*out));
	if (c->pos == c->n) {
		if (c->done)
			return 0;
		if (cursor_page(c) == -1)
			return -1;
		if (c->n == 0)
			return 0;
	}
	/* the page's item is handed over, not copied */
	*out = c->page[c->pos];
	memset(&c->page[c->pos], 0, sizeof(c->page[c->pos]));
	c->pos++;
	return 1;
}

void
store_cursor_close(struct store_cursor *c)
{
	if (c == NULL)
		return;
	for (; c->pos < c->n; c->pos++)
		store_item_release(&c->page[c->pos]);
	sqlite3_finalize(c->first);
	sqlite3_finalize(c->next);
	free(c);
}

struct get_arg {
	struct store_item	*out;
	int			 found;
};

static int
get_cb(const struct store_item *it, void *arg)
{
	struct get_arg *ga = arg;

	/* NOTE: a shallow copy; the caller's row is released right after,
	 * so take its pointers and leave it zeroed */
	*ga->out = *it;
	memset((struct store_item *)it, 0, sizeof(*it));
	ga->found = 1;
	return 1;
}

int
store_item_get(struct store *st, long long id, struct store_item *out)
{
	struct store_query	q;
	struct get_arg		ga = { out, 0 };

	memset(out, 0, sizeof(*out));
	if (id <= 0)
		return 1;
	store_query_init(&q);
	q.with_body = 1;
	if (query_run(st, &q, id, get_cb, &ga) == -1)
		return -1;
	return ga.found ? 0 : 1;
}

/* ---- copies in other feeds ---- */

int
store_copy_first(const struct store_copy *c, const struct store_item *it)
{
	time_t d = it->published != TIME_NONE ? it->published :
	    it->updated != TIME_NONE ? it->updated : it->first_seen;

	return c->date > d || (c->date == d && c->id > it->id);
}

void
store_copies_free(struct store_copy *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].feed_url);
		free(v[i].feed_title);
	}
	free(v);
}

/*
 * A list asks for the copies of every item it shows: past this many
 * calls, one pass over the items reads which link identities several
 * feeds carry, and only items with such an identity cost a query.
 */
#define COPIES_INDEX_AFTER	64

struct shared_link {
	uint64_t	 h;
	long long	 feed_id;
};

/*
 * The hash of a canonical link's identity (url_identity_view()), 0 for
 * a link with none.  Two identities of one hash only cost a query.
 */
static uint64_t
identity_hash(const char *canon)
{
	const char	*hp, *q;
	uint64_t	 h;
	size_t		 n;

	if (canon == NULL || !url_identity_view(canon, &hp, &n, &q))
		return 0;
	h = fnv64(fnv64(FNV_BASIS, hp, n), q, strlen(q));
	return h ? h : 1;
}

static int
shared_link_cmp(const void *a, const void *b)
{
	const struct shared_link *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->feed_id < y->feed_id ? -1 : x->feed_id > y->feed_id;
}

void
store_shared_free(struct store *st)
{
	free(st->shared);
	st->shared = NULL;
	st->nshared = 0;
	st->shared_read = 0;
}

/* the database's data version (any connection's commits change it) */
static unsigned int
data_version(struct store *st)
{
	unsigned int v = 0;

	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_DATA_VERSION,
	    &v) != SQLITE_OK)
		return 0;
	return v;
}

/* st->shared: the identities of links more than one feed carries */
static int
shared_read(struct store *st)
{
	struct shared_link	*v = NULL;
	size_t			 n = 0, cap = 0, i, j;
	sqlite3_stmt		*s;
	int			 rc;

	store_shared_free(st);
	if (sqlite3_prepare_v2(st->db, "SELECT feed_id, canonical_link"
	    " FROM items WHERE canonical_link IS NOT NULL", -1, &s,
	    NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the items"));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		uint64_t h;

		h = identity_hash((const char *)sqlite3_column_text(s, 1));
		if (h == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].h = h;
		v[n++].feed_id = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, _("cannot read the items"));
	}
	qsort(v, n, sizeof(*v), shared_link_cmp);
	/* sorted by feed too: a group's first and last feeds differ when
	 * several feeds carry it */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].h == v[i].h; j++)
			;
		if (v[j - 1].feed_id == v[i].feed_id)
			continue;
		st->shared = xreallocarray(st->shared, st->nshared + 1,
		    sizeof(*st->shared));
		st->shared[st->nshared++] = v[i].h;
	}
	free(v);
	st->shared_read = 1;
	st->shared_version = data_version(st);
	return 0;
}

/* 0 when no other feed carries a link like canon, 1 maybe, -1 error */
static int
shared_maybe(struct store *st, const char *canon)
{
	uint64_t h;

	if (++st->ncopy_calls <= COPIES_INDEX_AFTER)
		return 1;
	if ((h = identity_hash(canon)) == 0)
		return 1;
	if (!st->shared_read || st->shared_version != data_version(st))
		if (shared_read(st) == -1)
			return -1;
	return bsearch(&h, st->shared, st->nshared, sizeof(*st->shared),
	    str_u64_cmp) != NULL;
}

int
store_item_copies(struct store *st, const struct store_item *it,
    const struct store_query *q, struct store_copy **out, size_t *n)
{
	struct store_query	 any;
	struct buf		 sql = BUF_INIT;
	sqlite3_stmt		*s;
	char			*id;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (st->empty || it->canonical_link == NULL)
		return 0;
	if ((rc = shared_maybe(st, it->canonical_link)) != 1)
		return rc;
	if ((id = url_identity(it->canonical_link)) == NULL)
		return 0;
	/* NOTE: a copy is in another feed: q's feeds do not apply */
	if (q == NULL)
		store_query_init(&any);
	else
		any = *q;
	any.nfeeds = 0;
	if (st->copies == NULL || st->copies_q != q || q == NULL) {
		sqlite3_finalize(st->copies);
		st->copies = NULL;
		/* NOTE: the filters' "?" first: they number from 1 */
		buf_adds(&sql, "SELECT i.id, i.feed_id, f.url, f.title, "
		    ITEM_DATE " FROM items i JOIN feeds f ON f.id = i.feed_id"
		    " WHERE 1");
		store_query_filters(&sql, &any, 0);
		buf_adds(&sql, " AND i.canonical_link IN (?1001, ?1002,"
		    " ?1003, ?1004, ?1005, ?1006, ?1007, ?1008)"
		    " AND i.feed_id <> ?1009");
		buf_adds(&sql, " ORDER BY " ITEM_DATE " DESC, i.id DESC");
		rc = sqlite3_prepare_v3(st->db, sql.s, -1,
		    SQLITE_PREPARE_PERSISTENT, &st->copies, NULL);
		buf_release(&sql);
		if (rc != SQLITE_OK) {
			st->copies = NULL;
			free(id);
			return store_fail(st, _("cannot read the items"));
		}
		st->copies_q = q;
	}
	s = st->copies;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	store_query_bind(s, 1, &any);
	bind_variants(s, 1001, id);
	sqlite3_bind_int64(s, 1009, it->feed_id);
	free(id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_copy *c;

		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		c = &(*out)[(*n)++];
		c->id = sqlite3_column_int64(s, 0);
		c->feed_id = sqlite3_column_int64(s, 1);
		c->feed_url = store_col_text(s, 2);
		c->feed_title = store_col_text(s, 3);
		c->date = store_col_time(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_copies_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, _("cannot read the items"));
	}
	return 0;
}

int
store_item_set_event(struct store *st, long long item_id, time_t start,
    time_t end, int allday)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, STMT_ITEM_EVENT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_time(s, 2, start);
	store_bind_time(s, 3, start == TIME_NONE ? TIME_NONE : end);
	sqlite3_bind_int(s, 4, start != TIME_NONE && allday ? 1 : 0);
	return store_step_done(st, s, N_("cannot update an item"));
}

int
store_item_set_read(struct store *st, long long item_id, int read)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, STMT_ITEM_READ)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	sqlite3_bind_int(s, 2, read ? 0 : 1);
	return store_step_done(st, s, N_("cannot update an item"));
}
