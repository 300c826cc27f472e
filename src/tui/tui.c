/*
 * tui/tui.c: the terminal browser of `crier read`.  Three views on a
 * stack, as in newsboat: the sources (all items, unread items, each tag
 * and each feed, with unread counts), the items of one (date, feed,
 * title, tags; unread in bold), and one item in full (its HTML as
 * wrapped text by htmltext.c, links numbered and listed, enclosures).
 *
 * A list of items is read a page at a time through a store_cursor, as
 * far as the user scrolls, so a million items open at once.  Every
 * string from a feed goes through str_term_safe() before it is
 * drawn (no escape sequence, control or bidi override reaches the
 * terminal), and is drawn by display columns (wcwidth: wide and
 * combining characters).  Read state is written by a writer store
 * opened for the moment of the write; when another writer holds the
 * lock the change waits and is tried again.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

/* the wide-character API of ncursesw (get_wch, addnwstr) */
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "cmd.h"
#include "htmltext.h"
#include "render/render.h"
#include "tui/tui.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define SEARCH_MAX	500	/* search results shown */
#define PROMPT_MAX	256	/* characters typed at a prompt */

enum view_kind {
	V_SOURCES,
	V_ITEMS,
	V_ARTICLE,
	V_HELP,
};

enum src_kind {
	SRC_ALL,
	SRC_UNREAD,
	SRC_HEAD,	/* a heading: "Tags", "Feeds" */
	SRC_TAG,
	SRC_FEED,
};

struct src_row {
	enum src_kind	 kind;
	char		*key;		/* tag or feed URL */
	char		*label;		/* safe for the terminal */
	long long	 total, unread;
};

struct item_row {
	long long	 id;
	time_t		 date;
	char		*title;		/* safe for the terminal */
	char		*feed;
	char		*tags;
	char		*snip;		/* search results: the excerpt, safe,
					   words between STORE_HL_ON/OFF */
	int		 unread;
};

struct view {
	enum view_kind	  kind;
	char		 *label;	/* the title bar */
	size_t		  sel, top;
	/* V_SOURCES */
	struct src_row	 *src;
	size_t		  nsrc;
	/* V_ITEMS */
	struct store_query q;
	char		 *qtag, *qfeed;
	struct store_cursor *cur;
	int		  done;		/* the cursor gave its last */
	struct store_search *ss;	/* the search these are results of */
	struct item_row	 *rows;
	size_t		  nrows;
	/* V_ARTICLE, V_HELP */
	char		**lines;
	size_t		  nlines;
	char		**links;
	size_t		  nlinks;
	long long	  item;
	int		  width;	/* rendered for */
	int		  tags_pending;	/* tags' unread counts not read */
	struct view	 *up;
};

struct pending {
	long long	id;
	int		read;
};

struct tui {
	const struct tui_opts	*o;
	struct view		*v;		/* the top of the stack */
	char			 status[512];
	struct pending		*pend;		/* read states to write */
	size_t			 npend;
	char			*last_search;
	int			 color;
};

/* ---- text ---- */

/* s made safe for the terminal, on one line */
static char *
safe_line(const char *s)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	if (s == NULL)
		return xstrdup("");
	str_term_safe(&b, s, strlen(s));
	for (i = 0; i < b.len; i++)
		if (b.s[i] == '\t' || b.s[i] == '\n' || b.s[i] == '\r')
			b.s[i] = ' ';
	return buf_detach(&b, NULL);
}

/* html (a title) as one safe line: markup out, entities decoded */
static char *
safe_html_line(const char *html)
{
	struct buf	b = BUF_INIT;
	char		*s;

	if (html == NULL)
		return xstrdup("");
	htmltext_render(&b, html, strlen(html), 0, NULL);
	s = safe_line(b.s);
	buf_release(&b);
	str_squeeze(s);
	return s;
}

/*
 * Draws s at (y, x) in at most cols display columns; returns the columns
 * used.  Characters that are not printable are skipped (s is safe
 * already: this is the last line of defence).
 */
static int
put_text(int y, int x, const char *s, int cols)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 n, len = strlen(s);
	int		 w, used = 0;

	memset(&ps, 0, sizeof(ps));
	move(y, x);
	while (len > 0 && used <= cols) {
		n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			/* not a character in this locale (LC_ALL=C): '?' */
			memset(&ps, 0, sizeof(ps));
			s++;
			len--;
			if (used + 1 > cols)
				break;
			addch('?');
			used++;
			continue;
		}
		if (n == 0)
			break;
		s += n;
		len -= n;
		w = wcwidth(wc);
		if (w < 0)
			continue;
		if (used + w > cols)
			break;
		addnwstr(&wc, 1);
		used += w;
	}
	return used;
}

/* the display columns of s */
static int
text_cols(const char *s, size_t len)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 n;
	int		 w, cols = 0;

	memset(&ps, 0, sizeof(ps));
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof(ps));
			s++;
			len--;
			cols++;		/* drawn as '?' */
			continue;
		}
		if (n == 0)
			break;
		s += n;
		len -= n;
		if ((w = wcwidth(wc)) > 0)
			cols += w;
	}
	return cols;
}

/* the byte length of s's longest prefix that fits cols columns (> 0) */
static size_t
fit_bytes(const char *s, size_t len, int cols)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 n, at = 0;
	int		 w, used = 0;

	memset(&ps, 0, sizeof(ps));
	while (at < len) {
		n = mbrtowc(&wc, s + at, len - at, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof(ps));
			n = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0)
			w = 0;
		if (used + w > cols)
			break;
		used += w;
		at += n;
	}
	return at > 0 ? at : len > 0 ? 1 : 0;
}

static void
add_line(struct view *v, const char *s, size_t len)
{
	v->lines = xreallocarray(v->lines, v->nlines + 1, sizeof(*v->lines));
	v->lines[v->nlines++] = xstrndup(s, len);
}

/* text split into lines of at most cols columns (a longer one is cut
 * between characters: htmltext counts code points, not columns) */
static void
add_lines(struct view *v, const char *text, int cols)
{
	const char	*p = text, *nl;
	size_t		 len, n;

	while (*p) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 0)
			add_line(v, "", 0);
		while (len > 0) {
			n = text_cols(p, len) <= cols ? len :
			    fit_bytes(p, len, cols);
			add_line(v, p, n);
			p += n;
			len -= n;
		}
		p = nl ? nl + 1 : p + len;
	}
}

enum date_form {
	D_DAY,		/* 2026-12-07 */
	D_TIME,		/* 2026-12-07 14:00 CET */
	D_HOUR,		/* 14:00 CET */
};

/* t in the local zone (the reader's own), or "" */
static void
local_date(char *out, size_t len, time_t t, enum date_form f)
{
	struct tm	tm;
	size_t		n = 0;

	if (t != TIME_NONE && localtime_r(&t, &tm) != NULL) {
		if (f == D_DAY)
			n = strftime(out, len, "%Y-%m-%d", &tm);
		else if (f == D_TIME)
			n = strftime(out, len, "%Y-%m-%d %H:%M %Z", &tm);
		else
			n = strftime(out, len, "%H:%M %Z", &tm);
	}
	if (n == 0 && len > 0)
		out[0] = '\0';
}

/* ---- views ---- */

static void
view_free(struct view *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nsrc; i++) {
		free(v->src[i].key);
		free(v->src[i].label);
	}
	free(v->src);
	store_cursor_close(v->cur);
	store_search_free(v->ss);
	for (i = 0; i < v->nrows; i++) {
		free(v->rows[i].title);
		free(v->rows[i].feed);
		free(v->rows[i].tags);
		free(v->rows[i].snip);
	}
	free(v->rows);
	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	for (i = 0; i < v->nlinks; i++)
		free(v->links[i]);
	free(v->links);
	free(v->qtag);
	free(v->qfeed);
	free(v->label);
	free(v);
}

static void
push(struct tui *t, struct view *v)
{
	v->up = t->v;
	t->v = v;
}

static void
pop(struct tui *t)
{
	struct view *v = t->v;

	t->v = v->up;
	view_free(v);
}

static size_t
view_len(const struct view *v)
{
	switch (v->kind) {
	case V_SOURCES:
		return v->nsrc;
	case V_ITEMS:
		return v->nrows;
	default:
		return v->nlines;
	}
}

/* ---- sources ---- */

static void
add_src(struct view *v, enum src_kind k, const char *key, char *label,
    long long total, long long unread)
{
	struct src_row *r;

	v->src = xreallocarray(v->src, v->nsrc + 1, sizeof(*v->src));
	r = &v->src[v->nsrc++];
	r->kind = k;
	r->key = key ? xstrdup(key) : NULL;
	r->label = label;
	r->total = total;
	r->unread = unread;
}

struct counts_arg {
	struct tui	*t;
	struct view	*v;
	enum src_kind	 kind;
	long long	 total, unread;
};

static int
counts_cb(const struct store_count *c, void *arg)
{
	struct counts_arg	*ca = arg;
	const char		*title = NULL;

	if (ca->kind == SRC_FEED) {
		if (ca->t->o->feed_title)
			title = ca->t->o->feed_title(c->key, ca->t->o->arg);
		if (title == NULL || *title == '\0')
			title = c->title && *c->title ? c->title : c->key;
		ca->total += c->total;
		ca->unread += c->unread;
	} else
		title = c->key;
	add_src(ca->v, ca->kind, c->key, ca->kind == SRC_FEED ?
	    safe_html_line(title) : safe_line(title), c->total, c->unread);
	return 0;
}

/* (re)reads the sources with their counts; the selection stays put */
static int
sources_load(struct tui *t, struct view *v)
{
	struct counts_arg	 ca;
	struct view		 tmp;
	size_t			 i;

	memset(&tmp, 0, sizeof(tmp));
	memset(&ca, 0, sizeof(ca));
	ca.t = t;
	ca.v = &tmp;
	add_src(&tmp, SRC_ALL, NULL, NULL, 0, 0);
	add_src(&tmp, SRC_UNREAD, NULL, NULL, 0, 0);
	add_src(&tmp, SRC_HEAD, NULL, xstrdup(_("Tags")), 0, 0);
	ca.kind = SRC_TAG;
	/* NOTE: the tags' unread counts come after the first screen
	 * (tags_unread()): on a million items they take a while */
	if (store_counts(t->o->st, STORE_COUNT_TAGS, counts_cb, &ca) == -1)
		goto fail;
	add_src(&tmp, SRC_HEAD, NULL, xstrdup(_("Feeds")), 0, 0);
	ca.kind = SRC_FEED;
	ca.total = ca.unread = 0;
	if (store_counts(t->o->st, STORE_COUNT_FEEDS, counts_cb, &ca) == -1)
		goto fail;
	tmp.src[0].label = xstrdup(_("All items"));
	tmp.src[0].total = ca.total;
	tmp.src[0].unread = ca.unread;
	tmp.src[1].label = xstrdup(_("Unread items"));
	tmp.src[1].total = ca.unread;
	tmp.src[1].unread = ca.unread;
	for (i = 0; i < v->nsrc; i++) {
		free(v->src[i].key);
		free(v->src[i].label);
	}
	free(v->src);
	v->src = tmp.src;
	v->nsrc = tmp.nsrc;
	if (v->sel >= v->nsrc)
		v->sel = 0;
	v->tags_pending = 1;
	return 0;
fail:
	snprintf(t->status, sizeof(t->status), "%s",
	    store_error(t->o->st));
	for (i = 0; i < tmp.nsrc; i++) {
		free(tmp.src[i].key);
		free(tmp.src[i].label);
	}
	free(tmp.src);
	return -1;
}

static int
tag_unread_cb(const struct store_count *c, void *arg)
{
	struct view	*v = arg;
	size_t		 i;

	for (i = 0; i < v->nsrc; i++)
		if (v->src[i].kind == SRC_TAG &&
		    strcmp(v->src[i].key, c->key) == 0) {
			v->src[i].unread = c->unread;
			v->src[i].total = c->total;
		}
	return 0;
}

/* the unread counts of the tags, after the sources are on the screen */
static void
tags_unread(struct tui *t, struct view *v)
{
	v->tags_pending = 0;
	if (store_counts(t->o->st, STORE_COUNT_TAGS_UNREAD, tag_unread_cb,
	    v) == -1)
		snprintf(t->status, sizeof(t->status), "%s",
		    store_error(t->o->st));
}

/* ---- items ---- */

static void
row_from_item(struct tui *t, struct item_row *r, const struct store_item *it)
{
	const char	*ft = NULL;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	memset(r, 0, sizeof(*r));
	r->id = it->id;
	r->date = it->published != TIME_NONE ? it->published :
	    it->updated != TIME_NONE ? it->updated : it->first_seen;
	r->title = safe_html_line(it->title && *it->title ? it->title :
	    _("(untitled)"));
	if (t->o->feed_title && it->feed_url)
		ft = t->o->feed_title(it->feed_url, t->o->arg);
	if (ft == NULL || *ft == '\0')
		ft = it->feed_title && *it->feed_title ? it->feed_title :
		    it->feed_url;
	r->feed = safe_html_line(ft);
	for (i = 0; i < it->ntags; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, it->tags[i]);
	}
	r->tags = safe_line(b.s);
	buf_release(&b);
	r->unread = it->unread;
}

/* reads items from the cursor until there are want rows (or no more) */
static void
items_fill(struct tui *t, struct view *v, size_t want)
{
	struct store_item	it;
	int			rc;

	while (v->cur && !v->done && v->nrows < want) {
		rc = store_cursor_next(v->cur, &it);
		if (rc == 1) {
			v->rows = xreallocarray(v->rows, v->nrows + 1,
			    sizeof(*v->rows));
			row_from_item(t, &v->rows[v->nrows++], &it);
			store_item_release(&it);
			continue;
		}
		if (rc == -1)
			snprintf(t->status, sizeof(t->status), "%s",
			    store_error(t->o->st));
		v->done = 1;
	}
}

static struct view *
items_new(struct tui *t, const char *label, const char *tag,
    const char *feed, int unread)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->kind = V_ITEMS;
	v->label = safe_line(label);
	store_query_init(&v->q);
	if (tag) {
		v->qtag = xstrdup(tag);
		v->q.tags = (const char **)&v->qtag;
		v->q.ntags = 1;
	}
	if (feed) {
		v->qfeed = xstrdup(feed);
		v->q.feeds = (const char **)&v->qfeed;
		v->q.nfeeds = 1;
	}
	v->q.unread_only = unread;
	if (store_cursor_open(t->o->st, &v->q, &v->cur) == -1) {
		snprintf(t->status, sizeof(t->status), "%s",
		    store_error(t->o->st));
		v->done = 1;
	}
	items_fill(t, v, (size_t)LINES * 2);
	return v;
}

static int
search_cb(const struct store_item *it, void *arg)
{
	void		**a = arg;
	struct tui	*t = a[0];
	struct view	*v = a[1];

	v->rows = xreallocarray(v->rows, v->nrows + 1, sizeof(*v->rows));
	row_from_item(t, &v->rows[v->nrows++], it);
	return 0;
}

/* the results of query as a list, best first; NULL when it is invalid */
static struct view *
search_new(struct tui *t, const char *query)
{
	struct view	*v;
	char		*cause = NULL, *label;
	void		*a[2];

	v = xcalloc(1, sizeof(*v));
	v->kind = V_ITEMS;
	v->done = 1;
	store_query_init(&v->q);
	if (store_search_new(t->o->st, query, &v->ss, &cause) == -1) {
		snprintf(t->status, sizeof(t->status), "%s", cause);
		free(cause);
		view_free(v);
		return NULL;
	}
	xasprintf(&label, _("Search: %s"), query);
	v->label = safe_line(label);
	free(label);
	a[0] = t;
	a[1] = v;
	if (store_search_run(t->o->st, v->ss, &v->q, SEARCH_MAX, search_cb,
	    a) == -1)
		snprintf(t->status, sizeof(t->status), "%s",
		    store_error(t->o->st));
	else
		snprintf(t->status, sizeof(t->status), Q_("%zu match",
		    "%zu matches", v->nrows), v->nrows);
	return v;
}

/* ---- read state ---- */

/*
 * writes the pending read states: 0 done (or nothing to do), -1 later;
 * wait: STORE_WAIT, for the last try at the exit
 */
static int
flush_marks(struct tui *t, int wait)
{
	struct store	*w;
	char		*cause = NULL;
	size_t		 i;
	int		 rc = 0;

	if (t->npend == 0)
		return 0;
	if ((w = store_open(t->o->db_path, STORE_WRITER | wait, &cause)) ==
	    NULL) {
		snprintf(t->status, sizeof(t->status), _("read state not "
		    "saved yet: %s"), cause ? cause : "");
		free(cause);
		return -1;
	}
	if (store_begin(w) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < t->npend; i++)
		rc = store_item_set_read(w, t->pend[i].id, t->pend[i].read);
	if (rc == 0 && store_commit(w) == -1)
		rc = -1;
	if (rc == -1) {
		snprintf(t->status, sizeof(t->status), "%s", store_error(w));
		store_rollback(w);
	} else
		t->npend = 0;
	store_close(w);
	return rc;
}

/* the item's row in every list on the stack gets state */
static void
rows_set(struct tui *t, long long id, int unread)
{
	struct view	*v;
	size_t		 i;

	for (v = t->v; v; v = v->up)
		for (i = 0; i < v->nrows; i++)
			if (v->rows[i].id == id)
				v->rows[i].unread = unread;
}

/* the item's state waits in t->pend until flush_marks() */
static void
pend_read(struct tui *t, long long id, int read)
{
	size_t i;

	for (i = 0; i < t->npend; i++)
		if (t->pend[i].id == id)
			break;
	if (i == t->npend) {
		t->pend = xreallocarray(t->pend, t->npend + 1,
		    sizeof(*t->pend));
		t->npend++;
	}
	t->pend[i].id = id;
	t->pend[i].read = read;
	rows_set(t, id, !read);
}

static void
set_read(struct tui *t, long long id, int read)
{
	pend_read(t, id, read);
	flush_marks(t, 0);
}

/* A: every item of the list (its query, not just the rows read yet) */
static void
mark_all(struct tui *t, const struct store_query *q)
{
	struct store	*w;
	struct view	*v;
	char		*cause = NULL;
	long long	 n = 0;
	size_t		 i;

	if ((w = store_open(t->o->db_path, STORE_WRITER, &cause)) == NULL) {
		snprintf(t->status, sizeof(t->status), "%s",
		    cause ? cause : "");
		free(cause);
		return;
	}
	if (store_query_set_read(w, q, 1, &n) == -1)
		snprintf(t->status, sizeof(t->status), "%s", store_error(w));
	else {
		snprintf(t->status, sizeof(t->status), Q_("%lld item marked "
		    "read", "%lld items marked read", n), n);
		for (v = t->v; v; v = v->up)
			if (v->kind == V_ITEMS && &v->q == q)
				for (i = 0; i < v->nrows; i++)
					v->rows[i].unread = 0;
	}
	store_close(w);
}

/* ---- the article ---- */

static void
field(struct buf *b, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_addf(b, "%s %s\n", name, value);
}

/* (re)renders item id for the screen's width */
static int
article_render(struct tui *t, struct view *v)
{
	struct htmltext_links	 links = HTMLTEXT_LINKS_INIT;
	struct store_item	 it;
	struct buf		 b = BUF_INIT, safe = BUF_INIT;
	const char		*ft = NULL, *body;
	char			*s, d1[64], d2[64];
	int			 width = COLS - 2 > 20 ? COLS - 2 : 20, rc;
	size_t			 i;

	if ((rc = store_item_get(t->o->st, v->item, &it)) != 0) {
		if (rc == 1)
			snprintf(t->status, sizeof(t->status),
			    _("no item %lld"), v->item);
		else
			snprintf(t->status, sizeof(t->status), "%s",
			    store_error(t->o->st));
		return -1;
	}
	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	v->nlines = 0;
	for (i = 0; i < v->nlinks; i++)
		free(v->links[i]);
	v->nlinks = 0;
	v->width = COLS;

	s = safe_html_line(it.title && *it.title ? it.title :
	    _("(untitled)"));
	field(&b, _("Title:"), s);
	free(s);
	if (t->o->feed_title && it.feed_url)
		ft = t->o->feed_title(it.feed_url, t->o->arg);
	s = safe_html_line(ft && *ft ? ft : it.feed_title && *it.feed_title ?
	    it.feed_title : it.feed_url);
	field(&b, _("Feed:"), s);
	free(s);
	s = safe_html_line(it.author);
	field(&b, _("Author:"), s);
	free(s);
	local_date(d1, sizeof(d1), it.published != TIME_NONE ? it.published :
	    it.updated != TIME_NONE ? it.updated : it.first_seen, D_TIME);
	field(&b, _("Date:"), d1);
	if (it.event_start != TIME_NONE) {
		/* NOTE: an event's time in the reader's own zone */
		local_date(d1, sizeof(d1), it.event_start, it.event_allday ?
		    D_DAY : D_TIME);
		local_date(d2, sizeof(d2), it.event_end, it.event_allday ?
		    D_DAY : D_HOUR);
		if (it.event_end != TIME_NONE)
			buf_addf(&b, "%s %s - %s\n", _("Event:"), d1, d2);
		else
			field(&b, _("Event:"), d1);
	}
	if (it.ntags > 0) {
		buf_adds(&b, _("Tags:"));
		for (i = 0; i < it.ntags; i++)
			buf_addf(&b, " %s", it.tags[i]);
		buf_addc(&b, '\n');
	}
	field(&b, _("Link:"), it.link);
	buf_addc(&b, '\n');
	body = it.content && *it.content ? it.content : it.summary;
	if (body)
		htmltext_render(&b, body, strlen(body), width, &links);
	if (it.enclosures && *it.enclosures) {
		struct render_enclosure	 e = RENDER_ENCLOSURE_INIT;
		const char		*p = it.enclosures;

		buf_addf(&b, "\n%s\n", _("Enclosures:"));
		while (render_enclosure_next(&p, &e)) {
			buf_adds(&b, "  ");
			str_term_safe(&b, e.url.s, e.url.len);
			if (e.type.len > 0) {
				buf_adds(&b, " (");
				str_term_safe(&b, e.type.s, e.type.len);
			}
			if (e.length > 0)
				buf_addf(&b, "%s%lld bytes", e.type.len > 0 ?
				    ", " : " (", e.length);
			if (e.type.len > 0 || e.length > 0)
				buf_addc(&b, ')');
			buf_addc(&b, '\n');
		}
		buf_release(&e.url);
		buf_release(&e.type);
	}
	if (links.n > 0) {
		buf_addf(&b, "\n%s\n", _("Links:"));
		htmltext_links_print(&b, &links);
		v->links = xcalloc(links.n, sizeof(*v->links));
		for (i = 0; i < links.n; i++)
			v->links[i] = xstrdup(links.url[i]);
		v->nlinks = links.n;
	}
	/* the item's own link is link 0, for o */
	if (it.link) {
		v->links = xreallocarray(v->links, v->nlinks + 1,
		    sizeof(*v->links));
		memmove(v->links + 1, v->links, v->nlinks * sizeof(*v->links));
		v->links[0] = xstrdup(it.link);
		v->nlinks++;
	} else {
		v->links = xreallocarray(v->links, v->nlinks + 1,
		    sizeof(*v->links));
		memmove(v->links + 1, v->links, v->nlinks * sizeof(*v->links));
		v->links[0] = NULL;
		v->nlinks++;
	}
	str_term_safe(&safe, b.s, b.len);
	add_lines(v, safe.s, COLS > 1 ? COLS - 1 : 1);
	buf_release(&safe);
	buf_release(&b);
	htmltext_links_release(&links);
	store_item_release(&it);
	return 0;
}

static void
article_open(struct tui *t, struct view *list, size_t idx)
{
	struct view	*v = xcalloc(1, sizeof(*v));
	struct item_row	*r = &list->rows[idx];

	v->kind = V_ARTICLE;
	v->item = r->id;
	v->label = xstrdup(r->title);
	if (article_render(t, v) == -1) {
		view_free(v);
		return;
	}
	push(t, v);
	/* NOTE: opening an item reads it, in the database too */
	if (r->unread)
		set_read(t, r->id, 1);
}

/* ---- opening links ---- */

static int
url_ok(const char *u)
{
	const unsigned char *p;

	if (u == NULL || (strncasecmp(u, "http://", 7) != 0 &&
	    strncasecmp(u, "https://", 8) != 0))
		return 0;
	for (p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* $BROWSER (its first program) else xdg-open, with the URL as its one
 * argument: no shell sees it */
static void
open_url(struct tui *t, const char *url)
{
	const char	*env = getenv("BROWSER");
	char		*prog;
	pid_t		 pid;
	int		 fd;

	if (!url_ok(url)) {
		snprintf(t->status, sizeof(t->status), "%s",
		    _("not an http(s) link: not opened"));
		return;
	}
	prog = env && *env ? xstrndup(env, strcspn(env, ":")) :
	    xstrdup("xdg-open");
	pid = fork();
	if (pid == -1) {
		snprintf(t->status, sizeof(t->status), "fork: %s",
		    strerror(errno));
		free(prog);
		return;
	}
	if (pid == 0) {
		char *argv[3];

		argv[0] = prog;
		argv[1] = (char *)url;
		argv[2] = NULL;
		/* the browser's chatter must not draw over the screen */
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		setsid();
		execvp(prog, argv);
		_exit(127);
	}
	snprintf(t->status, sizeof(t->status), _("opened with %s"), prog);
	free(prog);
}

/* ---- poll now ---- */

/* pid runs `crier daemon` (Linux /proc; elsewhere not known: no) */
static int
is_daemon(long pid)
{
	char	 path[64], buf[4096];
	ssize_t	 n, i;
	int	 fd;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (i = 0; i < n; i += (ssize_t)strlen(buf + i) + 1)
		if (strcmp(buf + i, "daemon") == 0)
			return 1;
	return 0;
}

static void
poll_now(struct tui *t)
{
	long pid = store_poller_pid(t->o->db_path);

	/* NOTE: only a daemon takes SIGUSR1 as "poll now"; a one-off poll
	 * would die of it */
	if (pid > 0 && is_daemon(pid) && kill((pid_t)pid, SIGUSR1) == 0)
		snprintf(t->status, sizeof(t->status), _("asked the daemon "
		    "(pid %ld) to poll every feed now"), pid);
	else if (pid > 0)
		snprintf(t->status, sizeof(t->status), _("a poll (pid %ld) "
		    "is running already"), pid);
	else
		snprintf(t->status, sizeof(t->status), "%s", _("no daemon is "
		    "running: run 'crier poll' or 'crier daemon'"));
}

/* ---- drawing ---- */

static void
draw_bar(int y, const char *left, const char *right)
{
	int w;

	attron(A_REVERSE);
	move(y, 0);
	clrtoeol();
	mvhline(y, 0, ' ', COLS);
	w = put_text(y, 0, left, COLS);
	if (right && *right && w + text_cols(right, strlen(right)) + 2 <
	    COLS)
		put_text(y, COLS - text_cols(right, strlen(right)) - 1, right,
		    COLS);
	attroff(A_REVERSE);
}

static void
draw_sources(struct tui *t, struct view *v, int y, size_t i)
{
	struct src_row	*r = &v->src[i];
	char		 n[64];
	int		 x = 2;

	(void)t;
	if (r->kind == SRC_HEAD) {
		attron(A_UNDERLINE);
		put_text(y, 0, r->label, COLS);
		attroff(A_UNDERLINE);
		return;
	}
	if (r->unread < 0)
		snprintf(n, sizeof(n), "(?/%lld)", r->total);
	else
		snprintf(n, sizeof(n), "(%lld/%lld)", r->unread, r->total);
	if (r->unread > 0)
		attron(A_BOLD);
	x += put_text(y, x, n, COLS - x);
	x++;
	put_text(y, x, r->label, COLS - x - 1);
	if (r->unread > 0)
		attroff(A_BOLD);
}

static void
draw_item(struct tui *t, struct item_row *r, int y)
{
	char	 d[32];
	int	 x = 0, fw = COLS / 5 > 20 ? 20 : COLS / 5, w;

	(void)t;
	if (r->unread)
		attron(A_BOLD);
	put_text(y, x, r->unread ? "N" : " ", 1);
	x = 2;
	local_date(d, sizeof(d), r->date, D_DAY);
	x += put_text(y, x, d, COLS - x) + 2;
	if (x >= COLS)
		goto out;
	w = put_text(y, x, r->feed, fw);
	x += fw + 2;
	if (x >= COLS)
		goto out;
	(void)w;
	w = put_text(y, x, r->title, COLS - x - 1);
	x += w + 2;
	if (*r->tags && x + 2 < COLS) {
		if (r->unread)
			attroff(A_BOLD);
		if (t->color)
			attron(COLOR_PAIR(1));
		put_text(y, x - 1, "[", 1);
		w = put_text(y, x, r->tags, COLS - x - 2);
		put_text(y, x + w, "]", 1);
		if (t->color)
			attroff(COLOR_PAIR(1));
	}
out:
	attroff(A_BOLD);
}

static const char *row_snippet(struct tui *, struct view *,
    struct item_row *);
static void	draw_snippet(int, const char *);

static void
draw(struct tui *t)
{
	struct view	*v = t->v;
	size_t		 i, n, rows = LINES > 2 ? (size_t)LINES - 2 : 1;
	char		 right[64];
	int		 y;

	erase();
	if (v->kind == V_ITEMS)
		items_fill(t, v, v->top + rows * 2);
	n = view_len(v);
	if (v->kind == V_ITEMS || v->kind == V_SOURCES) {
		if (v->sel >= n && n > 0)
			v->sel = n - 1;
		if (v->sel < v->top)
			v->top = v->sel;
		if (v->sel >= v->top + rows)
			v->top = v->sel - rows + 1;
		snprintf(right, sizeof(right), "%zu/%zu%s", n ? v->sel + 1 : 0,
		    n, v->kind == V_ITEMS && !v->done ? "+" : "");
	} else {
		if (n > rows && v->top > n - rows)
			v->top = n - rows;
		if (n <= rows)
			v->top = 0;
		snprintf(right, sizeof(right), "%zu%%", n <= rows ? 100 :
		    (v->top + rows) * 100 / n);
	}
	draw_bar(0, v->label, right);
	for (i = v->top, y = 1; i < n && y <= (int)rows; i++, y++) {
		int sel = (v->kind == V_ITEMS || v->kind == V_SOURCES) &&
		    i == v->sel;

		if (sel) {
			attron(A_REVERSE);
			mvhline(y, 0, ' ', COLS);
		}
		switch (v->kind) {
		case V_SOURCES:
			draw_sources(t, v, y, i);
			break;
		case V_ITEMS:
			draw_item(t, &v->rows[i], y);
			break;
		default:
			put_text(y, 0, v->lines[i], COLS);
			break;
		}
		if (sel)
			attroff(A_REVERSE);
	}
	if (v->kind == V_ITEMS && n == 0)
		put_text(1, 0, _("no items"), COLS);
	move(LINES - 1, 0);
	clrtoeol();
	if (t->status[0])
		put_text(LINES - 1, 0, t->status, COLS - 1);
	else if (v->kind == V_ITEMS && v->ss && v->sel < v->nrows)
		draw_snippet(LINES - 1, row_snippet(t, v, &v->rows[v->sel]));
	else
		put_text(LINES - 1, 0, _("q:back  Enter:open  /:search  "
		    "r:read/unread  A:all read  t:tag  R:poll  ?:help"),
		    COLS - 1);
	refresh();
}

/* the search result's excerpt, made once and kept */
static const char *
row_snippet(struct tui *t, struct view *v, struct item_row *r)
{
	struct store_item	 it;
	struct buf		 raw = BUF_INIT, b = BUF_INIT;
	const char		*p, *q, *end;

	if (r->snip)
		return r->snip;
	if (store_item_get(t->o->st, r->id, &it) == 0) {
		cmd_search_snippet(v->ss, &it, (size_t)COLS * 2, &raw);
		store_item_release(&it);
	}
	/* each piece made safe, the marks kept */
	for (p = raw.s, end = raw.s + raw.len; p < end; p = q + 1) {
		for (q = p; q < end && *q != STORE_HL_ON && *q != STORE_HL_OFF;
		    q++)
			;
		str_term_safe(&b, p, (size_t)(q - p));
		if (q == end)
			break;
		buf_addc(&b, *q);
	}
	buf_release(&raw);
	r->snip = buf_detach(&b, NULL);
	return r->snip;
}

/* the excerpt on line y, the words found in bold */
static void
draw_snippet(int y, const char *s)
{
	char	*copy = xstrdup(s), *p = copy, *q;
	int	 x = 0;

	move(y, 0);
	clrtoeol();
	while (*p && x < COLS - 1) {
		for (q = p; *q && *q != STORE_HL_ON && *q != STORE_HL_OFF; q++)
			;
		if (*q == STORE_HL_ON || *q == STORE_HL_OFF) {
			int on = *q == STORE_HL_ON;

			*q = '\0';
			x += put_text(y, x, p, COLS - 1 - x);
			if (on)
				attron(A_BOLD | A_UNDERLINE);
			else
				attroff(A_BOLD | A_UNDERLINE);
			p = q + 1;
		} else {
			x += put_text(y, x, p, COLS - 1 - x);
			break;
		}
	}
	attroff(A_BOLD | A_UNDERLINE);
	free(copy);
}

/* a line typed at the bottom; NULL when cancelled (Esc) */
static char *
prompt(struct tui *t, const char *label)
{
	wchar_t		 line[PROMPT_MAX + 1];
	size_t		 n = 0, need;
	wint_t		 c;
	char		*out;
	int		 rc;

	line[0] = L'\0';
	curs_set(1);
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		put_text(LINES - 1, 0, label, COLS - 1);
		addnwstr(line, (int)n);
		refresh();
		rc = get_wch(&c);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (c == KEY_BACKSPACE && n > 0)
				n--;
			else if (c == KEY_ENTER)
				break;
			continue;
		}
		if (c == 27) {
			curs_set(0);
			return NULL;
		}
		if (c == L'\n' || c == L'\r')
			break;
		if ((c == 127 || c == 8) && n > 0) {
			n--;
			continue;
		}
		if (c == 21) {		/* ^U */
			n = 0;
			continue;
		}
		if (iswprint(c) && n < PROMPT_MAX)
			line[n++] = (wchar_t)c;
	}
	curs_set(0);
	line[n] = L'\0';
	need = wcstombs(NULL, line, 0);
	if (need == (size_t)-1)
		return NULL;
	out = xmalloc(need + 1);
	wcstombs(out, line, need + 1);
	(void)t;
	return out;
}

static const char *const help_lines[] = {
	N_("crier read: keys"),
	"",
	N_("  j, Down        next line"),
	N_("  k, Up          previous line"),
	N_("  PgDn, Space    next page"),
	N_("  PgUp, b        previous page"),
	N_("  g, Home        first line"),
	N_("  G, End         last line"),
	N_("  Enter          open the tag, feed or item"),
	N_("  q              back; quit from the first view"),
	N_("  /              search: words, \"a phrase\", OR, NOT, title:,"
	    " author:"),
	N_("  n, N           next, previous item of the list (of the search)"),
	N_("  r              toggle the item read or unread"),
	N_("  A              mark every item of the list read"),
	N_("  o              open the item's link in $BROWSER (or xdg-open)"),
	N_("  1-9            open link N of the item"),
	N_("  t              the items of a tag"),
	N_("  R              poll now (asks a running daemon)"),
	N_("  ?              this help"),
	"",
	N_("Opening an item marks it read, as 'crier mark read' does."),
};

static void
help_open(struct tui *t)
{
	struct view	*v = xcalloc(1, sizeof(*v));
	size_t		 i;

	v->kind = V_HELP;
	v->label = xstrdup(_("Help"));
	for (i = 0; i < nitems(help_lines); i++) {
		const char *s = help_lines[i][0] ? _(help_lines[i]) : "";

		if (*s)
			add_lines(v, s, COLS > 1 ? COLS - 1 : 1);
		else
			add_line(v, "", 0);
	}
	push(t, v);
}

/* ---- keys ---- */

/* at moved by d, not below 0 */
static size_t
step(size_t at, long d)
{
	if (d >= 0)
		return at + (size_t)d;
	return (size_t)-d > at ? 0 : at - (size_t)-d;
}

static void
move_sel(struct view *v, long d)
{
	size_t n = view_len(v);

	if (v->kind == V_ARTICLE || v->kind == V_HELP) {
		v->top = step(v->top, d);
		if (n == 0 || v->top >= n)
			v->top = n ? n - 1 : 0;
		return;
	}
	v->sel = step(v->sel, d);
	if (v->kind == V_SOURCES) {
		/* headings are not selectable: step over them */
		while (v->sel < n && v->src[v->sel].kind == SRC_HEAD)
			v->sel += d < 0 && v->sel > 0 ? (size_t)-1 : 1;
	}
	if (n > 0 && v->sel >= n)
		v->sel = n - 1;
}

static void
enter(struct tui *t)
{
	struct view	*v = t->v, *nv = NULL;
	struct src_row	*r;

	if (v->kind == V_SOURCES && v->sel < v->nsrc) {
		r = &v->src[v->sel];
		switch (r->kind) {
		case SRC_ALL:
			nv = items_new(t, r->label, NULL, NULL, 0);
			break;
		case SRC_UNREAD:
			nv = items_new(t, r->label, NULL, NULL, 1);
			break;
		case SRC_TAG:
			nv = items_new(t, r->label, r->key, NULL, 0);
			break;
		case SRC_FEED:
			nv = items_new(t, r->label, NULL, r->key, 0);
			break;
		default:
			return;
		}
		push(t, nv);
	} else if (v->kind == V_ITEMS && v->sel < v->nrows)
		article_open(t, v, v->sel);
}

/* n/N: the next or previous item of the list the article came from */
static void
next_item(struct tui *t, int d)
{
	struct view *v = t->v, *list;

	if (v->kind == V_ITEMS) {
		move_sel(v, d);
		return;
	}
	if (v->kind != V_ARTICLE || (list = v->up) == NULL ||
	    list->kind != V_ITEMS)
		return;
	if (d > 0)
		items_fill(t, list, list->sel + 2);
	if ((d < 0 && list->sel == 0) ||
	    (d > 0 && list->sel + 1 >= list->nrows)) {
		snprintf(t->status, sizeof(t->status), "%s", d > 0 ?
		    _("no next item") : _("no previous item"));
		return;
	}
	list->sel += d > 0 ? 1 : (size_t)-1;
	pop(t);
	article_open(t, list, list->sel);
}

static long long
current_item(struct tui *t, int *unread)
{
	struct view	*v = t->v;
	size_t		 i;

	if (v->kind == V_ITEMS && v->sel < v->nrows) {
		*unread = v->rows[v->sel].unread;
		return v->rows[v->sel].id;
	}
	if (v->kind == V_ARTICLE) {
		*unread = 0;
		for (i = 0; v->up && i < v->up->nrows; i++)
			if (v->up->rows[i].id == v->item)
				*unread = v->up->rows[i].unread;
		return v->item;
	}
	return 0;
}

/* 0 go on, 1 quit */
static int
key(struct tui *t, int c)
{
	struct view	*v = t->v, *nv;
	long		 page = LINES > 3 ? LINES - 3 : 1;
	long long	 id;
	char		*s;
	int		 unread;

	t->status[0] = '\0';
	switch (c) {
	case 'q':
		if (v->up == NULL)
			return 1;
		pop(t);
		if (t->v->kind == V_SOURCES)
			sources_load(t, t->v);
		break;
	case 'j':
	case KEY_DOWN:
		move_sel(v, 1);
		break;
	case 'k':
	case KEY_UP:
		move_sel(v, -1);
		break;
	case ' ':
	case KEY_NPAGE:
		move_sel(v, page);
		break;
	case 'b':
	case KEY_PPAGE:
		move_sel(v, -page);
		break;
	case 'g':
	case KEY_HOME:
		move_sel(v, -(long)view_len(v));
		break;
	case 'G':
	case KEY_END:
		if (v->kind == V_ITEMS)
			snprintf(t->status, sizeof(t->status), "%s",
			    _("the end of a long list: page down to it"));
		else
			move_sel(v, (long)view_len(v));
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
		enter(t);
		break;
	case KEY_LEFT:
		if (v->up) {
			pop(t);
			if (t->v->kind == V_SOURCES)
				sources_load(t, t->v);
		}
		break;
	case '?':
		if (v->kind != V_HELP)
			help_open(t);
		break;
	case '/':
		if ((s = prompt(t, "/")) == NULL || *s == '\0') {
			free(s);
			break;
		}
		if ((nv = search_new(t, s)) != NULL) {
			free(t->last_search);
			t->last_search = s;
			/* a new search replaces the results of the last */
			if (v->kind == V_ITEMS && v->ss)
				pop(t);
			push(t, nv);
		} else
			free(s);
		break;
	case 'n':
		next_item(t, 1);
		break;
	case 'N':
		next_item(t, -1);
		break;
	case 't':
		if ((s = prompt(t, _("tag: "))) != NULL && *s) {
			nv = items_new(t, s, s, NULL, 0);
			push(t, nv);
		}
		free(s);
		break;
	case 'r':
		if ((id = current_item(t, &unread)) > 0) {
			set_read(t, id, unread);
			if (t->status[0] == '\0')
				snprintf(t->status, sizeof(t->status), "%s",
				    unread ? _("marked read") :
				    _("marked unread"));
		}
		break;
	case 'A':
		if (v->kind == V_ITEMS && v->ss) {
			/* search results: the items listed */
			size_t i;

			for (i = 0; i < v->nrows; i++)
				if (v->rows[i].unread)
					pend_read(t, v->rows[i].id, 1);
			if (flush_marks(t, 0) == 0)
				snprintf(t->status, sizeof(t->status), "%s",
				    _("every item listed marked read"));
		} else if (v->kind == V_ITEMS)
			mark_all(t, &v->q);
		else if (v->kind == V_SOURCES && v->sel < v->nsrc &&
		    v->src[v->sel].kind != SRC_HEAD) {
			struct store_query	q;
			const char		*k = v->src[v->sel].key;

			store_query_init(&q);
			if (v->src[v->sel].kind == SRC_TAG) {
				q.tags = &k;
				q.ntags = 1;
			} else if (v->src[v->sel].kind == SRC_FEED) {
				q.feeds = &k;
				q.nfeeds = 1;
			}
			mark_all(t, &q);
			sources_load(t, v);
		}
		break;
	case 'o':
		if (v->kind == V_ARTICLE && v->nlinks > 0 && v->links[0])
			open_url(t, v->links[0]);
		else if (v->kind == V_ARTICLE)
			snprintf(t->status, sizeof(t->status), "%s",
			    _("the item has no link"));
		break;
	case 'R':
		poll_now(t);
		break;
	case KEY_RESIZE:
		break;
	default:
		if (c >= '1' && c <= '9' && v->kind == V_ARTICLE) {
			size_t i = (size_t)(c - '0');

			if (i < v->nlinks)
				open_url(t, v->links[i]);
			else
				snprintf(t->status, sizeof(t->status),
				    _("no link %zu"), i);
		}
		break;
	}
	return 0;
}

int
tui_run(const struct tui_opts *o)
{
	struct tui	 t;
	struct view	*v;
	const char	*nc = getenv("NO_COLOR");
	int		 c, quit = 0;

	memset(&t, 0, sizeof(t));
	t.o = o;
	if (initscr() == NULL)
		return -1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	timeout(1000);
	if (has_colors() && (nc == NULL || *nc == '\0')) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_CYAN, -1);
		t.color = 1;
	}

	v = xcalloc(1, sizeof(*v));
	v->kind = V_SOURCES;
	v->label = xstrdup("crier");
	push(&t, v);
	sources_load(&t, v);
	v->sel = 0;

	while (!quit) {
		/* an article is laid out again for a new width */
		if (t.v->kind == V_ARTICLE && t.v->width != COLS)
			article_render(&t, t.v);
		draw(&t);
		if (t.v->kind == V_SOURCES && t.v->tags_pending) {
			tags_unread(&t, t.v);
			continue;
		}
		c = getch();
		if (c == ERR) {
			/* idle: retry waiting read states, reap browsers */
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
			if (t.npend > 0)
				flush_marks(&t, 0);
			continue;
		}
		quit = key(&t, c);
	}
	if (t.npend > 0 && flush_marks(&t, STORE_WAIT) == -1) {
		endwin();
		fprintf(stderr, "crier: %s\n", t.status);
	} else
		endwin();
	while (t.v)
		pop(&t);
	free(t.pend);
	free(t.last_search);
	return 0;
}
