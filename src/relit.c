/*
 * relit.c: the literal strings a POSIX extended regex needs (relit.h).
 *
 * Each part of the regex is read into what it is known to match:
 *   - exactly one of a few strings ("webinar", "(é|e)tude", "[ao]"), or
 *   - a conjunction of sets, each holding a string every match holds.
 * A sequence multiplies the exact strings of its parts while they stay
 * few ("gu(í|i)a" is "guía" or "guia"); a part that may be absent or is
 * not exact ends the run, whose strings then become one required set.
 * An alternation of exact branches is the union of their strings; of
 * others, the union of each branch's best set, and nothing if a branch
 * has none.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "relit.h"
#include "util/xmalloc.h"

#define SET_MAX		64	/* strings a product may make */
#define LEN_MAX		128	/* and their length */
#define NSET_MAX	8	/* sets a regex keeps */

struct sset {
	char	**s;
	size_t	 *len;
	size_t	  n;
};

struct node {
	int		 exact;		/* matches exactly the strings of x */
	struct sset	 x;
	struct sset	*req;		/* each is needed */
	size_t		 nreq;
};

struct reader {
	const char	*p;
	int		 bad;		/* something not understood */
	int		 odd;		/* a collating element or an
					 * equivalence class */
};

static void
sset_free(struct sset *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->s[i]);
	free(a->s);
	free(a->len);
	memset(a, 0, sizeof(*a));
}

static void
sset_add(struct sset *a, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->len[i] == len && memcmp(a->s[i], s, len) == 0)
			return;
	a->s = xreallocarray(a->s, a->n + 1, sizeof(*a->s));
	a->len = xreallocarray(a->len, a->n + 1, sizeof(*a->len));
	a->s[a->n] = xmalloc(len + 1);
	memcpy(a->s[a->n], s, len);
	a->s[a->n][len] = '\0';
	a->len[a->n++] = len;
}

/* the set of the empty string: the start of a run */
static void
sset_empty(struct sset *a)
{
	memset(a, 0, sizeof(*a));
	sset_add(a, "", 0);
}

static void
sset_union(struct sset *a, const struct sset *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		sset_add(a, b->s[i], b->len[i]);
}

static size_t
sset_min(const struct sset *a)
{
	size_t i, m = (size_t)-1;

	for (i = 0; i < a->n; i++)
		if (a->len[i] < m)
			m = a->len[i];
	return a->n ? m : 0;
}

/* *a = *a x b, unless it would be too big: then -1, *a as it was */
static int
sset_product(struct sset *a, const struct sset *b)
{
	struct sset	 out = { NULL, NULL, 0 };
	char		 tmp[2 * LEN_MAX];
	size_t		 i, j;

	if (a->n * b->n > SET_MAX)
		return -1;
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (a->len[i] + b->len[j] > LEN_MAX) {
				sset_free(&out);
				return -1;
			}
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			memcpy(tmp, a->s[i], a->len[i]);
			memcpy(tmp + a->len[i], b->s[j], b->len[j]);
			sset_add(&out, tmp, a->len[i] + b->len[j]);
		}
	sset_free(a);
	*a = out;
	return 0;
}

static void
node_free(struct node *nd)
{
	size_t i;

	sset_free(&nd->x);
	for (i = 0; i < nd->nreq; i++)
		sset_free(&nd->req[i]);
	free(nd->req);
	memset(nd, 0, sizeof(*nd));
}

/* a copy of set a needed by nd, if no match can do without it */
static void
node_need(struct node *nd, const struct sset *a)
{
	struct sset c = { NULL, NULL, 0 };

	if (a->n == 0 || sset_min(a) == 0)
		return;
	sset_union(&c, a);
	nd->req = xreallocarray(nd->req, nd->nreq + 1, sizeof(*nd->req));
	nd->req[nd->nreq++] = c;
}

/* nd's most telling set: the longest shortest string, then the fewest */
static const struct sset *
node_best(const struct node *nd)
{
	const struct sset	*b = NULL;
	size_t			 i;

	for (i = 0; i < nd->nreq; i++)
		if (b == NULL || sset_min(&nd->req[i]) > sset_min(b) ||
		    (sset_min(&nd->req[i]) == sset_min(b) &&
		    nd->req[i].n < b->n))
			b = &nd->req[i];
	return b;
}

/*
 * A bracket expression at rd->p ('['): its bytes into *x when it is a
 * short list of ASCII bytes (no range, class or negation); 0 then, 1
 * for another one, -1 if it does not end.
 */
static int
read_bracket(struct reader *rd, struct sset *x)
{
	const char	*q = rd->p + 1, *from;
	int		 plain = 1;
	char		 c;

	memset(x, 0, sizeof(*x));
	if (*q == '^') {
		plain = 0;
		q++;
	}
	from = q;
	if (*q == ']')
		q++;
	while (*q && *q != ']') {
		if (*q == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
			char end[3] = { q[1], ']', '\0' };

			plain = 0;
			if (q[1] != ':')
				rd->odd = 1;
			if ((q = strstr(q + 2, end)) == NULL)
				return -1;
			q += 2;
		} else {
			if (*q == '-' && q != from && q[1] != ']')
				plain = 0;	/* a range */
			if ((unsigned char)*q >= 0x80)
				plain = 0;
			q++;
		}
	}
	if (*q != ']')
		return -1;
	if (plain && q - from <= 8)
		for (; from < q; from++) {
			c = *from;
			sset_add(x, &c, 1);
		}
	else
		plain = 0;
	rd->p = q + 1;
	if (!plain)
		sset_free(x);
	return plain ? 0 : 1;
}

/*
 * The repeats after an atom: *need 1 when the atom must be there, *many
 * 1 when it may be there more than once.
 */
static void
read_repeat(struct reader *rd, int *need, int *many)
{
	long	lo, hi;
	char	*end;

	*need = 1;
	*many = 0;
	for (;;) {
		switch (*rd->p) {
		case '?':
			*need = 0;
			break;
		case '*':
			*need = 0;
			*many = 1;
			break;
		case '+':
			*many = 1;
			break;
		case '{':
			if (!isdigit((unsigned char)rd->p[1])) {
				rd->bad = 1;
				return;
			}
			lo = strtol(rd->p + 1, &end, 10);
			hi = lo;
			if (*end == ',') {
				hi = isdigit((unsigned char)end[1]) ?
				    strtol(end + 1, &end, 10) : -1;
				if (hi == -1)
					end++;
			}
			if (*end != '}') {
				rd->bad = 1;
				return;
			}
			if (lo == 0)
				*need = 0;
			if (hi != 1)
				*many = 1;
			rd->p = end;
			break;
		default:
			return;
		}
		rd->p++;
	}
}

static void	read_alt(struct reader *, struct node *, int);

/* ends the run *cur: its strings are needed, and a new one starts */
static void
run_end(struct node *nd, struct sset *cur)
{
	node_need(nd, cur);
	sset_free(cur);
	sset_empty(cur);
}

static void
read_seq(struct reader *rd, struct node *nd, int depth)
{
	struct sset	 cur, ax;
	struct node	 sub;
	size_t		 i;
	int		 need, many, exact, kind;
	char		 c;

	memset(nd, 0, sizeof(*nd));
	sset_empty(&cur);
	nd->exact = 1;
	while (!rd->bad && *rd->p && *rd->p != '|' && *rd->p != ')') {
		/* the atom: exact strings in ax, or needed sets in sub */
		memset(&ax, 0, sizeof(ax));
		memset(&sub, 0, sizeof(sub));
		exact = 0;
		switch (*rd->p) {
		case '(':
			rd->p++;
			read_alt(rd, &sub, depth + 1);
			if (rd->bad || *rd->p != ')') {
				rd->bad = 1;
				break;
			}
			rd->p++;
			if (sub.exact) {
				exact = 1;
				ax = sub.x;
				memset(&sub.x, 0, sizeof(sub.x));
			}
			break;
		case '[':
			if ((kind = read_bracket(rd, &ax)) < 0)
				rd->bad = 1;
			exact = kind == 0;
			break;
		case '.':
		case '^':
		case '$':
			rd->p++;
			break;
		case '*':
		case '+':
		case '?':
		case '{':
			rd->bad = 1;
			break;
		case '\\':
			if (rd->p[1] == '\0' ||
			    isalnum((unsigned char)rd->p[1])) {
				rd->bad = 1;
				break;
			}
			rd->p++;
			/* FALLTHROUGH */
		default:
			c = *rd->p++;
			sset_add(&ax, &c, 1);
			exact = 1;
			break;
		}
		if (rd->bad) {
			sset_free(&ax);
			node_free(&sub);
			break;
		}
		read_repeat(rd, &need, &many);
		if (need && exact) {
			if (sset_product(&cur, &ax) < 0) {
				/* too many: a new run from this atom */
				nd->exact = 0;
				run_end(nd, &cur);
				sset_free(&cur);
				cur = ax;
				memset(&ax, 0, sizeof(ax));
			}
			if (many) {
				nd->exact = 0;
				run_end(nd, &cur);
			}
		} else {
			nd->exact = 0;
			run_end(nd, &cur);
			for (i = 0; need && i < sub.nreq; i++)
				node_need(nd, &sub.req[i]);
		}
		sset_free(&ax);
		node_free(&sub);
	}
	if (depth == 0 && *rd->p == ')')
		rd->bad = 1;
	if (rd->bad) {
		nd->exact = 0;
		sset_free(&cur);
	} else if (nd->exact) {
		nd->x = cur;
		node_need(nd, &nd->x);
	} else {
		node_need(nd, &cur);
		sset_free(&cur);
	}
}

/* an alternation, up to ')' or the end */
static void
read_alt(struct reader *rd, struct node *nd, int depth)
{
	struct node		 br;
	struct sset		 any = { NULL, NULL, 0 };
	const struct sset	*b;
	int			 none = 0;

	memset(nd, 0, sizeof(*nd));
	nd->exact = 1;
	read_seq(rd, &br, depth);
	if (rd->bad || *rd->p != '|') {
		/* one branch: all it needs */
		*nd = br;
		return;
	}
	for (;;) {
		if (!br.exact)
			nd->exact = 0;
		else
			sset_union(&nd->x, &br.x);
		if ((b = node_best(&br)) == NULL)
			none = 1;
		else if (!none)
			sset_union(&any, b);
		node_free(&br);
		if (rd->bad || *rd->p != '|')
			break;
		rd->p++;
		read_seq(rd, &br, depth);
	}
	if (nd->exact && nd->x.n > SET_MAX)
		nd->exact = 0;
	if (!nd->exact)
		sset_free(&nd->x);
	if (nd->exact)
		node_need(nd, &nd->x);
	else if (!none)
		node_need(nd, &any);
	sset_free(&any);
}

static int
set_cmp(const void *a, const void *b)
{
	const struct relit_set *x = a, *y = b;

	if (x->min != y->min)
		return x->min > y->min ? -1 : 1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return strcmp(x->s[0], y->s[0]);
}

void
relit_read(struct relit *rl, const char *ere)
{
	struct reader	 rd = { ere, 0, 0 };
	struct node	 top;
	size_t		 i, j;

	memset(rl, 0, sizeof(*rl));
	read_alt(&rd, &top, 0);
	rl->plain = !rd.bad && !rd.odd && *rd.p == '\0';
	if (rd.bad || *rd.p != '\0' || top.nreq == 0) {
		node_free(&top);
		return;
	}
	rl->exact = top.exact && sset_min(&top.x) > 0;
	rl->nset = top.nreq < NSET_MAX ? top.nreq : NSET_MAX;
	if (rl->exact)
		rl->nset = 1;
	rl->set = xcalloc(top.nreq, sizeof(*rl->set));
	for (i = 0; i < top.nreq; i++) {
		rl->set[i].s = top.req[i].s;
		rl->set[i].len = top.req[i].len;
		rl->set[i].n = top.req[i].n;
		rl->set[i].min = sset_min(&top.req[i]);
		memset(&top.req[i], 0, sizeof(top.req[i]));
	}
	if (!rl->exact)
		qsort(rl->set, top.nreq, sizeof(*rl->set), set_cmp);
	/* the sets past the kept ones */
	for (i = rl->nset; i < top.nreq; i++) {
		for (j = 0; j < rl->set[i].n; j++)
			free(rl->set[i].s[j]);
		free(rl->set[i].s);
		free(rl->set[i].len);
	}
	node_free(&top);
}

void
relit_release(struct relit *rl)
{
	size_t i, j;

	for (i = 0; i < rl->nset; i++) {
		for (j = 0; j < rl->set[i].n; j++)
			free(rl->set[i].s[j]);
		free(rl->set[i].s);
		free(rl->set[i].len);
	}
	free(rl->set);
	memset(rl, 0, sizeof(*rl));
}
