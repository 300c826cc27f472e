/*
 * store/store-search.c: `crier search` and the reader's `/`: the user's
 * words made into a query of the search index, the matches ranked, and
 * an excerpt of each with the words found marked.
 *
 * The index (items_fts, store.c migration 6) is contentless and keeps
 * which column a term is in, not where (detail=column).  So FTS5 refuses
 * phrases (a quoted phrase matches its words here, then the item's text
 * is checked for them in a row), its highlight() and snippet() have no
 * text to work on (the caller hands us the text), and its bm25() scores
 * every row 0 (it counts term instances, which the index does not
 * keep): crier_rank() below is BM25 with each term counted once per
 * column it is in.  Terms are tokens of the index's own tokenizer,
 * unicode61 remove_diacritics 2, so "Café" finds "cafe".
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define SEARCH_TITLE_WEIGHT	4.0	/* a word in the title counts so much
					   more than one in the body */

struct search_term {
	char	*tok;		/* folded */
	size_t	 len;
	int	 prefix;	/* word* */
};

struct search_phrase {
	char	**toks;
	size_t	  n;
};

struct store_search {
	struct store		*st;
	struct buf		 expr;		/* the FTS5 query */
	struct search_term	*terms;
	size_t			 nterms;
	struct search_phrase	*phrases;	/* to check in the text */
	size_t			 nphrases;
	int			 has_or;	/* OR or NOT: no phrase check */
	int			 nwords;	/* terms in expr */
	char			**authors;	/* author:NAME, each a filter */
	size_t			 nauthors;
	fts5_tokenizer		 tk;
	Fts5Tokenizer		*tok;
};

/* ---- the tokenizer ---- */

struct tok_out {
	struct search_term	*v;
	size_t			 n;
	const char		*text;
	int			*starts;	/* byte offsets, when wanted */
	int			*ends;
};

static int
tok_cb(void *ctx, int flags, const char *t, int n, int start, int end)
{
	struct tok_out *o = ctx;

	(void)flags;
	if (n <= 0)
		return SQLITE_OK;
	o->v = xreallocarray(o->v, o->n + 1, sizeof(*o->v));
	o->v[o->n].tok = xstrndup(t, (size_t)n);
	o->v[o->n].len = (size_t)n;
	o->v[o->n].prefix = 0;
	if (o->starts) {
		o->starts = xreallocarray(o->starts, o->n + 1, sizeof(int));
		o->ends = xreallocarray(o->ends, o->n + 1, sizeof(int));
		o->starts[o->n] = start;
		o->ends[o->n] = end;
	}
	o->n++;
	return SQLITE_OK;
}

static void
tok_release(struct tok_out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->v[i].tok);
	free(o->v);
	free(o->starts);
	free(o->ends);
	memset(o, 0, sizeof(*o));
}

static void
tokenize(struct store_search *ss, const char *s, size_t len,
    struct tok_out *o, int offsets)
{
	memset(o, 0, sizeof(*o));
	if (offsets) {
		o->starts = xcalloc(1, sizeof(int));
		o->ends = xcalloc(1, sizeof(int));
	}
	if (len == 0 || len > (size_t)0x7fffffff)
		return;
	(void)ss->tk.xTokenize(ss->tok, o, FTS5_TOKENIZE_DOCUMENT, s,
	    (int)len, tok_cb);
}

/* ---- the rank ---- */

struct rank_data {
	double	*idf;		/* per phrase */
	double	 avg[2];	/* average tokens per column */
};

static int
count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)arg)++;
	return SQLITE_OK;
}

static void
rank_data_free(void *p)
{
	struct rank_data *d = p;

	if (d) {
		free(d->idf);
		free(d);
	}
}

/* per query, as bm25() does: each phrase's IDF, each column's average */
static struct rank_data *
rank_data(const Fts5ExtensionApi *api, Fts5Context *fts)
{
	struct rank_data	*d;
	sqlite3_int64		 nrow = 0, tot, hits;
	int			 i, np = api->xPhraseCount(fts);

	if ((d = api->xGetAuxdata(fts, 0)) != NULL)
		return d;
	d = xcalloc(1, sizeof(*d));
	d->idf = xcalloc(np > 0 ? (size_t)np : 1, sizeof(double));
	api->xRowCount(fts, &nrow);
	for (i = 0; i < 2 && i < api->xColumnCount(fts); i++) {
		tot = 0;
		api->xColumnTotalSize(fts, i, &tot);
		d->avg[i] = nrow > 0 ? (double)tot / (double)nrow : 1.0;
		if (d->avg[i] <= 0)
			d->avg[i] = 1.0;
	}
	for (i = 0; i < np; i++) {
		hits = 0;
		api->xQueryPhrase(fts, i, &hits, count_cb);
		d->idf[i] = log(((double)nrow - (double)hits + 0.5) /
		    ((double)hits + 0.5));
		if (d->idf[i] <= 1e-6)
			d->idf[i] = 1e-6;
	}
	if (api->xSetAuxdata(fts, d, rank_data_free) != SQLITE_OK) {
		rank_data_free(d);
		return NULL;
	}
	return d;
}

/*
 * crier_rank(items_fts): minus the BM25 (k1 1.2, b 0.75) of the row,
 * each phrase counted once in each column it is in (detail=column keeps
 * no more), the title weighted SEARCH_TITLE_WEIGHT: lower is better, as
 * with bm25().
 */
static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	static const double	 k1 = 1.2, b = 0.75;
	struct rank_data	*d;
	Fts5PhraseIter		 it;
	double			 score = 0, w;
	int			 i, col, len;

	(void)nval;
	(void)val;
	if ((d = rank_data(api, fts)) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	for (i = 0; i < api->xPhraseCount(fts); i++) {
		if (api->xPhraseFirstColumn(fts, i, &it, &col) != SQLITE_OK)
			continue;
		for (; col >= 0; api->xPhraseNextColumn(fts, &it, &col)) {
			if (col > 1)
				continue;
			len = 0;
			api->xColumnSize(fts, col, &len);
			w = col == 0 ? SEARCH_TITLE_WEIGHT : 1.0;
			score += d->idf[i] * w * (k1 + 1) /
			    (1 + k1 * (1 - b + b * (double)len / d->avg[col]));
		}
	}
	sqlite3_result_double(ctx, -score);
}

/* ---- compiling the query ---- */

static void
add_term(struct store_search *ss, const struct search_term *t)
{
	ss->terms = xreallocarray(ss->terms, ss->nterms + 1,
	    sizeof(*ss->terms));
	ss->terms[ss->nterms] = *t;
	ss->terms[ss->nterms].tok = xstrdup(t->tok);
	ss->nterms++;
}

/* the words of s as FTS5 strings: one, or several ANDed (a phrase) */
static int
add_words(struct store_search *ss, const char *s, size_t len, int prefix)
{
	struct tok_out	o;
	size_t		i;

	tokenize(ss, s, len, &o, 0);
	if (o.n == 0) {
		tok_release(&o);
		return 0;
	}
	if (o.n > 1)
		buf_addc(&ss->expr, '(');
	for (i = 0; i < o.n; i++) {
		/* NOTE: a token has no '"' (unicode61 splits on it) */
		buf_addf(&ss->expr, "%s\"%s\"%s", i ? " AND " : "", o.v[i].tok,
		    prefix && i == o.n - 1 ? "*" : "");
		o.v[i].prefix = prefix && i == o.n - 1;
		add_term(ss, &o.v[i]);
	}
	/* NOTE: "e-mail" is two tokens, a phrase as "a phrase" is */
	if (o.n > 1) {
		struct search_phrase *p;

		buf_addc(&ss->expr, ')');
		ss->phrases = xreallocarray(ss->phrases, ss->nphrases + 1,
		    sizeof(*ss->phrases));
		p = &ss->phrases[ss->nphrases++];
		p->n = o.n;
		p->toks = xcalloc(o.n, sizeof(*p->toks));
		for (i = 0; i < o.n; i++) {
			p->toks[i] = o.v[i].tok;
			o.v[i].tok = NULL;
		}
	}
	buf_addc(&ss->expr, ' ');
	tok_release(&o);
	return 1;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
compile(struct store_search *ss, const char *q, char **cause)
{
	const char	*p = q, *w;
	size_t		 n;
	int		 words = 0, depth = 0;

	while (*p) {
		if (is_space((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*p == '(' || *p == ')') {
			depth += *p == '(' ? 1 : -1;
			if (depth < 0)
				goto bad;
			buf_addc(&ss->expr, *p++);
			buf_addc(&ss->expr, ' ');
			continue;
		}
		if (*p == '"') {
			w = ++p;
			while (*p && *p != '"')
				p++;
			if (*p != '"')
				goto bad;
			words += add_words(ss, w, (size_t)(p - w), 0);
			p++;
			continue;
		}
		w = p;
		while (*p && !is_space((unsigned char)*p) && *p != '(' &&
		    *p != ')' && *p != '"')
			p++;
		n = (size_t)(p - w);
		if ((n == 3 && memcmp(w, "AND", 3) == 0) ||
		    (n == 2 && memcmp(w, "OR", 2) == 0) ||
		    (n == 3 && memcmp(w, "NOT", 3) == 0)) {
			if (*w != 'A')
				ss->has_or = 1;
			buf_add(&ss->expr, w, n);
			buf_addc(&ss->expr, ' ');
			continue;
		}
		/* author:name, author:"a name": the index has no author,
		 * so a filter on the items (in every result) */
		if (n >= 7 && memcmp(w, "author:", 7) == 0) {
			const char *a = w + 7, *e = p;

			if (a == e) {		/* author:"a name" */
				if (*p != '"')
					goto bad;
				a = ++p;
				while (*p && *p != '"')
					p++;
				if (*p != '"')
					goto bad;
				e = p++;
			}
			if (e == a)
				goto bad;
			ss->authors = xreallocarray(ss->authors,
			    ss->nauthors + 1, sizeof(*ss->authors));
			ss->authors[ss->nauthors++] = xstrndup(a,
			    (size_t)(e - a));
			continue;
		}
		/* a column filter: title:word, body:"a phrase" */
		if ((n >= 6 && memcmp(w, "title:", 6) == 0) ||
		    (n >= 5 && memcmp(w, "body:", 5) == 0)) {
			size_t c = *w == 't' ? 6 : 5;

			buf_add(&ss->expr, w, c - 1);
			buf_adds(&ss->expr, " : ");
			p = w + c;
			continue;
		}
		if (n > 1 && w[n - 1] == '*')
			words += add_words(ss, w, n - 1, 1);
		else
			words += add_words(ss, w, n, 0);
	}
	if (depth != 0)
		goto bad;
	ss->nwords = words;
	if (words == 0 && ss->nauthors == 0) {
		xasprintf(cause, _("the search query '%s' has no words"), q);
		return -1;
	}
	return 0;
bad:
	xasprintf(cause, _("invalid search query '%s': unbalanced "
	    "parentheses or quotes"), q);
	return -1;
}

int
store_search_new(struct store *st, const char *query,
    struct store_search **out, char **cause)
{
	static const char	*u61_args[] = { "remove_diacritics", "2" };
	struct store_search	*ss;
	fts5_api		*api;
	sqlite3_stmt		*s;
	void			*ud = NULL;
	int			 rc;

	*out = NULL;
	*cause = NULL;
	if ((api = store_fts5_api(st->db)) == NULL ||
	    api->xCreateFunction(api, "crier_rank", NULL, rank_fn, NULL) !=
	    SQLITE_OK) {
		xasprintf(cause, "%s", _("the search index is not available"));
		return -1;
	}
	ss = xcalloc(1, sizeof(*ss));
	ss->st = st;
	buf_init(&ss->expr, 0);
	if (api->xFindTokenizer(api, "unicode61", &ud, &ss->tk) !=
	    SQLITE_OK || ss->tk.xCreate(ud, u61_args, 2, &ss->tok) !=
	    SQLITE_OK) {
		ss->tok = NULL;
		store_search_free(ss);
		xasprintf(cause, "%s", _("the search index is not available"));
		return -1;
	}
	if (compile(ss, query, cause) == -1) {
		store_search_free(ss);
		return -1;
	}
	/* what FTS5 still refuses (a dangling AND, "OR OR") is the user's:
	 * say so in our words, not SQLite's */
	if (ss->nwords == 0) {
		*out = ss;
		return 0;
	}
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM items_fts WHERE"
	    " items_fts MATCH ?1 LIMIT 1", -1, &s, NULL) != SQLITE_OK) {
		store_search_free(ss);
		xasprintf(cause, "%s", _("the search index is not available"));
		return -1;
	}
	store_bind_text(s, 1, ss->expr.s);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_search_free(ss);
		xasprintf(cause, _("invalid search query '%s': an operator "
		    "(AND, OR, NOT) or a column filter (title:, body:) "
		    "without a word"), query);
		return -1;
	}
	*out = ss;
	return 0;
}

void
store_search_free(struct store_search *ss)
{
	size_t i, j;

	if (ss == NULL)
		return;
	for (i = 0; i < ss->nterms; i++)
		free(ss->terms[i].tok);
	free(ss->terms);
	for (i = 0; i < ss->nphrases; i++) {
		for (j = 0; j < ss->phrases[i].n; j++)
			free(ss->phrases[i].toks[j]);
		free(ss->phrases[i].toks);
	}
	free(ss->phrases);
	for (i = 0; i < ss->nauthors; i++)
		free(ss->authors[i]);
	free(ss->authors);
	if (ss->tok)
		ss->tk.xDelete(ss->tok);
	buf_release(&ss->expr);
	free(ss);
}

/* ---- phrases ---- */

/* the phrase's tokens in a row among o's */
static int
has_phrase(const struct tok_out *o, const struct search_phrase *p)
{
	size_t i, j;

	for (i = 0; i + p->n <= o->n; i++) {
		for (j = 0; j < p->n; j++)
			if (strcmp(o->v[i + j].tok, p->toks[j]) != 0)
				break;
		if (j == p->n)
			return 1;
	}
	return 0;
}

/*
 * 1 when the item matches the query's phrases (always, when it has
 * none): the index finds their words only.
 */
static int
item_ok(struct store_search *ss, const struct store_item *it)
{
	struct tok_out	 t, bd;
	const char	*body;
	char		*strip;
	size_t		 i, n;
	int		 ok = 1;

	if (ss->nphrases == 0 || ss->has_or)
		return 1;
	/* the text the index saw: markup out (crier_fts_text()) */
	n = it->title ? strlen(it->title) : 0;
	strip = xmalloc(n + 1);
	n = store_fts_strip(it->title ? it->title : "", n, strip);
	tokenize(ss, strip, n, &t, 0);
	free(strip);
	body = it->content ? it->content : it->summary ? it->summary : "";
	n = strlen(body);
	strip = xmalloc(n + 1);
	n = store_fts_strip(body, n, strip);
	tokenize(ss, strip, n, &bd, 0);
	free(strip);
	for (i = 0; i < ss->nphrases && ok; i++)
		ok = has_phrase(&t, &ss->phrases[i]) ||
		    has_phrase(&bd, &ss->phrases[i]);
	tok_release(&t);
	tok_release(&bd);
	return ok;
}

/* ---- running it ---- */

int
store_search_run(struct store *st, struct store_search *ss,
    const struct store_query *q, long long limit,
    int (*cb)(const struct store_item *, void *), void *arg)
{
	struct buf		 sql = BUF_INIT;
	struct store_item	 it;
	sqlite3_stmt		*s;
	long long		*ids = NULL, got = 0;
	size_t			 nids = 0, i;
	int			 n, rc, check;

	check = ss->nphrases > 0 && !ss->has_or;
	/* NOTE: the ids first, whole, then each item: the statement is done
	 * before the callbacks run (the reader writes read states there) */
	if (ss->nwords > 0)
		buf_adds(&sql, "SELECT m.id FROM (SELECT rowid AS id,"
		    " crier_rank(items_fts) AS r FROM items_fts"
		    " WHERE items_fts MATCH ?1) m JOIN items i ON i.id = m.id"
		    " WHERE 1");
	else
		buf_adds(&sql, "SELECT i.id FROM items i WHERE 1");
	store_query_filters(&sql, q, ss->nwords > 0);
	for (i = 0; i < ss->nauthors; i++)
		buf_adds(&sql, " AND instr(lower(i.author), lower(?)) > 0");
	/* NOTE: an author alone ranks nothing: newest first */
	buf_addf(&sql, " ORDER BY %scoalesce(i.published, i.updated,"
	    " i.first_seen) DESC, i.id DESC", ss->nwords > 0 ? "m.r, " : "");
	if (limit > 0 && !check)
		buf_adds(&sql, " LIMIT ?1000");
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &s, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return store_fail(st, _("cannot search the items"));
	if (ss->nwords > 0)
		store_bind_text(s, 1, ss->expr.s);
	n = store_query_bind(s, ss->nwords > 0 ? 2 : 1, q);
	for (i = 0; i < ss->nauthors; i++)
		store_bind_text(s, n++, ss->authors[i]);
	if (limit > 0 && !check)
		sqlite3_bind_int64(s, 1000, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = xreallocarray(ids, nids + 1, sizeof(*ids));
		ids[nids++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_fail(st, _("cannot search the items"));
	}
	for (i = 0; i < nids && (limit <= 0 || got < limit); i++) {
		rc = store_item_get(st, ids[i], &it);
		if (rc == 1)
			continue;	/* deleted meanwhile */
		if (rc == -1) {
			free(ids);
			return -1;
		}
		if (check && !item_ok(ss, &it)) {
			store_item_release(&it);
			continue;
		}
		got++;
		rc = cb(&it, arg);
		store_item_release(&it);
		if (rc)
			break;
	}
	free(ids);
	return 0;
}

/* ---- the excerpt ---- */

static int
term_hit(const struct store_search *ss, const char *tok, size_t len)
{
	size_t i;

	for (i = 0; i < ss->nterms; i++) {
		const struct search_term *t = &ss->terms[i];

		if (t->prefix ? len >= t->len &&
		    memcmp(tok, t->tok, t->len) == 0 :
		    len == t->len && memcmp(tok, t->tok, len) == 0)
			return 1;
	}
	return 0;
}

/* text[a, b) on one line: controls dropped, whitespace runs one space */
static void
add_plain(struct buf *out, const char *text, size_t a, size_t b)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i;

	for (i = a; i < b; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f) {
			if (is_space(p[i]) && out->len > 0 &&
			    out->s[out->len - 1] != ' ')
				buf_addc(out, ' ');
			continue;
		}
		if (p[i] == ' ' && out->len > 0 &&
		    out->s[out->len - 1] == ' ')
			continue;
		buf_addc(out, p[i]);
	}
}

/* back from i to the start of a UTF-8 sequence */
static size_t
utf8_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

void
store_search_snippet(struct store_search *ss, const char *text, size_t len,
    size_t max, struct buf *out)
{
	struct tok_out	o;
	size_t		i, first = 0, a, b, pos;
	int		found = 0;

	if (len == 0)
		return;
	tokenize(ss, text, len, &o, 1);
	for (i = 0; i < o.n; i++) {
		if (term_hit(ss, o.v[i].tok, o.v[i].len)) {
			first = i;
			found = 1;
			break;
		}
	}
	/* the window: a little before the first hit, then max bytes */
	a = 0;
	if (found && (size_t)o.ends[first] > max * 3 / 4) {
		a = utf8_start(text, (size_t)o.starts[first] - max / 4);
		while (a < (size_t)o.starts[first] && !is_space(text[a]))
			a++;
	}
	b = a + max < len ? utf8_start(text, a + max) : len;
	if (b < len) {
		pos = b;
		while (pos > a && !is_space(text[pos]))
			pos--;
		if (pos > a)
			b = pos;
	}
	if (a > 0)
		buf_adds(out, "...");
	pos = a;
	for (i = 0; i < o.n; i++) {
		size_t s0 = (size_t)o.starts[i], e0 = (size_t)o.ends[i];

		if (s0 < a || e0 > b || !term_hit(ss, o.v[i].tok, o.v[i].len))
			continue;
		add_plain(out, text, pos, s0);
		buf_addc(out, STORE_HL_ON);
		add_plain(out, text, s0, e0);
		buf_addc(out, STORE_HL_OFF);
		pos = e0;
	}
	add_plain(out, text, pos, b);
	while (out->len > 0 && out->s[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
	if (b < len)
		buf_adds(out, " ...");
	tok_release(&o);
}
