/*
 * xml-subset.c: the entity pass before an XML document is read
 * (xml_fix_entities() in xml.h).
 *
 * Neither XML reader loads a DTD, so the references a feed uses without
 * declaring them are rewritten here: HTML's named references (the table
 * of entities.c) become their characters, a bare '&' becomes "&amp;", and
 * the general entities a DOCTYPE's internal subset declares are expanded
 * as text, within a depth and a byte budget ("billion laughs"); an
 * external entity is never loaded, its reference stays as text.  Most
 * documents need none of it, and are then read where they lie.
 */

#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/entities.h"
#include "parse/xml.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/xmalloc.h"

static const char *
find(const char *s, const char *end, const char *pat)
{
	size_t n = strlen(pat);

	while (s + n <= end) {
		const char *p = memchr(s, pat[0], (size_t)(end - s));

		if (p == NULL || p + n > end)
			return NULL;
		if (memcmp(p, pat, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

/*
 * The internal subset of the DOCTYPE, and what is left of the bytes its
 * entities may add to the document: replacement texts nest ("billion
 * laughs"), so every expansion is charged to one budget.
 */
struct subset_ent {
	const char	*name;
	size_t		 nlen;
	const char	*v;		/* NULL: an external entity */
	size_t		 vlen;
	size_t		 pos;		/* declarations in document order */
};

struct subset {
	const char		*s;
	size_t			 len;
	size_t			 budget;
	int			 failed;	/* ran out of budget or depth */
	const char		*indexed;	/* the s that ents were made of */
	struct subset_ent	*ents;		/* sorted by name, then pos */
	size_t			 nents;
};

#define ENTITY_DEPTH	8	/* entities within entities within ... */
#define ENTITY_DECLS	4096	/* declarations read from one subset */

enum { ENT_NONE, ENT_INTERNAL, ENT_EXTERNAL };

static int
subset_ent_cmp(const void *a, const void *b)
{
	const struct subset_ent *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, n);

	if (c != 0)
		return c;
	if (x->nlen != y->nlen)
		return x->nlen < y->nlen ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* the general entities the subset declares, read once, sorted */
static void
subset_index(struct subset *sub)
{
	const char	*p = sub->s, *end = sub->s + sub->len, *name, *q;
	struct subset_ent *e;

	free(sub->ents);
	sub->ents = NULL;
	sub->nents = 0;
	sub->indexed = sub->s;
	while (sub->nents < ENTITY_DECLS &&
	    (p = find(p, end, "<!ENTITY")) != NULL) {
		for (p += 8; p < end && isspace((unsigned char)*p); p++)
			;
		for (name = p; p < end && !isspace((unsigned char)*p); p++)
			;
		if (p == name || *name == '%')
			continue;	/* a parameter entity */
		sub->ents = xreallocarray(sub->ents, sub->nents + 1,
		    sizeof(*sub->ents));
		e = &sub->ents[sub->nents];
		e->name = name;
		e->nlen = (size_t)(p - name);
		e->pos = sub->nents++;
		e->v = NULL;
		e->vlen = 0;
		for (; p < end && isspace((unsigned char)*p); p++)
			;
		if (p < end && (*p == '"' || *p == '\'') &&
		    (q = memchr(p + 1, *p, (size_t)(end - p - 1))) != NULL) {
			e->v = p + 1;
			e->vlen = (size_t)(q - p - 1);
			p = q;
		}
	}
	if (sub->nents > 1)
		qsort(sub->ents, sub->nents, sizeof(*sub->ents),
		    subset_ent_cmp);
}

/*
 * How the internal subset declares the general entity name[0..n): not at
 * all, with a replacement text (*v, *vlen: between its quotes), or as
 * an external entity, which is never loaded.  The first declaration
 * counts (XML 1.0 4.2).
 */
static int
subset_entity(struct subset *sub, const char *name, size_t n,
    const char **v, size_t *vlen)
{
	struct subset_ent	 key, *e;
	size_t			 lo = 0, hi;

	if (sub->indexed != sub->s)
		subset_index(sub);
	key.name = name;
	key.nlen = n;
	key.pos = 0;
	/* the first entry not below (name, 0): the first declaration */
	for (hi = sub->nents; lo < hi; ) {
		size_t mid = lo + (hi - lo) / 2;

		if (subset_ent_cmp(&sub->ents[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= sub->nents)
		return ENT_NONE;
	e = &sub->ents[lo];
	if (e->nlen != n || memcmp(e->name, name, n) != 0)
		return ENT_NONE;
	if (e->v == NULL)
		return ENT_EXTERNAL;
	*v = e->v;
	*vlen = e->vlen;
	return ENT_INTERNAL;
}

static int
is_xml_char(unsigned long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/* emits a character as text safe anywhere outside markup */
static void
put_char(struct buf *out, unsigned long cp)
{
	switch (cp) {
	case '<': buf_adds(out, "&#60;"); break;
	case '>': buf_adds(out, "&#62;"); break;
	case '&': buf_adds(out, "&#38;"); break;
	case '"': buf_adds(out, "&#34;"); break;
	case '\'': buf_adds(out, "&#39;"); break;
	default:
		utf8_put(out, is_xml_char(cp) ? cp : 0xfffd);
	}
}

static size_t	fix_ref(struct buf *, const char *, size_t, struct subset *,
		    int);

/*
 * Writes the replacement text v[0..vlen) of an entity of the internal
 * subset, its references handled as in the document.  It is written as
 * text: markup and quotes become character references, so that an
 * entity can neither open an element nor end an attribute value.
 */
static void
expand_entity(struct buf *out, const char *v, size_t vlen,
    struct subset *sub, int depth)
{
	size_t	i = 0;

	while (i < vlen) {
		switch (v[i]) {
		case '&':
			i += fix_ref(out, v + i, vlen - i, sub, depth);
			continue;
		case '<':
			buf_adds(out, "&#60;");
			break;
		case '"':
			buf_adds(out, "&#34;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		default:
			buf_addc(out, v[i]);
		}
		i++;
	}
}

/*
 * Handles the reference at s[0] == '&'; returns the bytes consumed.  An
 * entity of the internal subset is expanded here, within depth and the
 * subset's budget; past them, and for an external entity, the reference
 * stays as text, as feedparser shows an entity it cannot expand.
 */
static size_t
fix_ref(struct buf *out, const char *s, size_t len, struct subset *sub,
    int depth)
{
	const char	*v = NULL;
	size_t		 i = 1, n, vlen = 0;
	int		 kind;

	if (i < len && s[i] == '#') {
		unsigned long	cp = 0;
		int		hex = 0, digits = 0;

		i++;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < len && digits < 10; i++, digits++) {
			unsigned char c = (unsigned char)s[i];

			if (isdigit(c))
				cp = cp * (hex ? 16 : 10) + (c - '0');
			else if (hex && isxdigit(c))
				cp = cp * 16 + (unsigned long)(tolower(c) - 'a' + 10);
			else
				break;
		}
		if (digits == 0 || (i < len && isalnum((unsigned char)s[i]))) {
			buf_adds(out, "&amp;");
			return 1;
		}
		if (i < len && s[i] == ';')
			i++;
		/* NOTE: C1 code points are mapped per field (fix_text) */
		put_char(out, cp);
		return i;
	}
	for (n = 0; i + n < len && n < 40 && isalnum((unsigned char)s[i + n]);
	    n++)
		;
	if (n == 0 || n == 40 || i + n >= len || s[i + n] != ';' ||
	    !isalpha((unsigned char)s[i])) {
		buf_adds(out, "&amp;");
		return 1;
	}
	if ((n == 2 && (memcmp(s + 1, "lt", 2) == 0 ||
	    memcmp(s + 1, "gt", 2) == 0)) ||
	    (n == 3 && memcmp(s + 1, "amp", 3) == 0) ||
	    (n == 4 && (memcmp(s + 1, "quot", 4) == 0 ||
	    memcmp(s + 1, "apos", 4) == 0))) {
		buf_add(out, s, n + 2);
		return n + 2;
	}
	kind = sub != NULL && sub->len > 0 ?
	    subset_entity(sub, s + 1, n, &v, &vlen) : ENT_NONE;
	if (kind != ENT_NONE) {
		size_t start = out->len;

		if (kind == ENT_EXTERNAL || depth >= ENTITY_DEPTH ||
		    vlen > sub->budget) {
			sub->failed |= kind == ENT_INTERNAL;
			buf_adds(out, "&amp;");
			return 1;
		}
		sub->budget -= vlen;
		expand_entity(out, v, vlen, sub, depth + 1);
		if (depth == 0 && sub->failed) {
			/* all of it or none: the reference stays as text,
			 * and the budget stays spent */
			sub->failed = 0;
			buf_truncate(out, start);
			buf_adds(out, "&amp;");
			return 1;
		}
		return n + 2;
	} else {
		size_t start = out->len;

		/* HTML's names, read as HTML reads them, ';' required here */
		if (entity_ref(out, s, n + 2, 0) != n + 2) {
			buf_truncate(out, start);
			buf_adds(out, "&amp;");	/* keep "&name;" as text */
			return 1;
		}
		if (out->len == start + 1 && out->s[start] != '\0' &&
		    strchr("<>&\"'", out->s[start]) != NULL) {
			unsigned char c = (unsigned char)out->s[start];

			buf_truncate(out, start);
			put_char(out, c);
		}
		return n + 2;
	}
}

/* 1 for '&' and '<' */
static const unsigned char amp_lt[256] = { ['&'] = 1, ['<'] = 1 };

static const char *
skip_text(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;

	while (end - (const char *)u >= 8) {
		if (amp_lt[u[0]] | amp_lt[u[1]] | amp_lt[u[2]] |
		    amp_lt[u[3]] | amp_lt[u[4]] | amp_lt[u[5]] |
		    amp_lt[u[6]] | amp_lt[u[7]])
			break;
		u += 8;
	}
	while ((const char *)u < end && !amp_lt[*u])
		u++;
	return (const char *)u;
}

/*
 * The markup at p[0] == '<' the entity pass copies as it is: returns the
 * first byte after it (p + 1 for a tag).  A DOCTYPE's internal subset is
 * noted in *sub, *sublen.
 */
const char *
xml_skip_markup(const char *p, const char *end, const char **sub,
    size_t *sublen)
{
	const char *q = NULL;

	if (p + 1 >= end)
		return p + 1;
	if (p[1] == '?') {
		q = find(p + 2, end, "?>");
		q = q ? q + 2 : end;
	} else if (p[1] == '!') {
		if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = find(p + 4, end, "-->");
			q = q ? q + 3 : end;
		} else if ((size_t)(end - p) >= 9 &&
		    memcmp(p, "<![CDATA[", 9) == 0) {
			q = find(p + 9, end, "]]>");
			q = q ? q + 3 : end;
		} else if ((size_t)(end - p) >= 9 &&
		    strncasecmp(p, "<!DOCTYPE", 9) == 0) {
			const char *gt, *lb;

			gt = memchr(p, '>', (size_t)(end - p));
			lb = memchr(p, '[', (size_t)(end - p));
			if (lb != NULL && (gt == NULL || lb < gt)) {
				q = find(lb, end, "]");
				while (q != NULL && q + 1 < end) {
					const char *r = q + 1;

					while (r < end &&
					    isspace((unsigned char)*r))
						r++;
					if (r < end && *r == '>')
						break;
					q = find(q + 1, end, "]");
				}
				if (q != NULL) {
					*sub = lb;
					*sublen = (size_t)(q - lb);
					gt = memchr(q, '>',
					    (size_t)(end - q));
				}
			}
			q = gt ? gt + 1 : end;
		}
	}
	return q ? q : p + 1;
}

/*
 * The bytes fix_ref() consumes at s[0] == '&' when it writes them back
 * unchanged, 0 when it would change them.  tmp is scratch.
 */
static size_t
ref_same_slow(const char *s, size_t len, struct subset *sub,
    struct buf *tmp)
{
	size_t	k, budget = sub->budget;

	buf_truncate(tmp, 0);
	k = fix_ref(tmp, s, len, sub, 0);
	sub->budget = budget;	/* a look, not an expansion */
	sub->failed = 0;
	return tmp->len == k && memcmp(tmp->s, s, k) == 0 ? k : 0;
}

static inline size_t
ref_same(const char *s, const char *end, struct subset *sub, struct buf *tmp)
{
	size_t	len = (size_t)(end - s);

	/* the predefined five, by far the most frequent */
	if (len >= 4 && (s[1] == 'l' || s[1] == 'g') && s[2] == 't' &&
	    s[3] == ';')
		return 4;
	if (len >= 5 && memcmp(s + 1, "amp;", 4) == 0)
		return 5;
	if (len >= 6 && (memcmp(s + 1, "quot;", 5) == 0 ||
	    memcmp(s + 1, "apos;", 5) == 0))
		return 6;
	return ref_same_slow(s, len, sub, tmp);
}

int
xml_fix_entities(struct buf *out, const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *run, *ctx = s, *a;
	const char	*sub = NULL;
	size_t		 sublen = 0, k;
	struct buf	 tmp = BUF_INIT;
	struct subset	 ss;

	/* what entities may add: a few times the document */
	ss.s = NULL;
	ss.len = 0;
	ss.budget = 4 * len + 65536;
	ss.failed = 0;
	ss.indexed = NULL;
	ss.ents = NULL;
	ss.nents = 0;

	/*
	 * Most documents need nothing fixed: each '&' is checked where it
	 * is, and the markup that would keep it as it is (comments, CDATA
	 * ...) is looked at only when one would change.  Everything before
	 * ctx has been scanned as the rewriting loop below scans it.
	 */
	for (;;) {
		a = memchr(p, '&', (size_t)(end - p));
		if (a == NULL) {
			buf_release(&tmp);
			free(ss.ents);
			return 0;
		}
		if ((k = ref_same(a, end, &ss, &tmp)) > 0) {
			p = a + k;
			continue;
		}
		while (ctx < a && (ctx = skip_text(ctx, end)) < a) {
			if (*ctx == '&')
				ctx++;	/* unchanged, checked above */
			else if (*ctx != '<')
				ctx++;
			else
				ctx = xml_skip_markup(ctx, end, &sub, &sublen);
			ss.s = sub;
			ss.len = sublen;
		}
		if (ctx > a) {
			p = ctx;	/* inside markup kept as it is */
			continue;
		}
		/* ctx == a: outside markup, with the subset now known */
		if ((k = ref_same(a, end, &ss, &tmp)) > 0) {
			p = a + k;
			continue;
		}
		break;
	}
	buf_release(&tmp);
	buf_grow(out, len + 16);
	buf_add(out, s, (size_t)(a - s));
	p = run = a;
	while ((p = skip_text(p, end)) < end) {
		if (*p == '&') {
			buf_add(out, run, (size_t)(p - run));
			p += fix_ref(out, p, (size_t)(end - p), &ss, 0);
			run = p;
			continue;
		}
		if (*p != '<') {
			p++;
			continue;
		}
		p = xml_skip_markup(p, end, &sub, &sublen);
		ss.s = sub;
		ss.len = sublen;
	}
	buf_add(out, run, (size_t)(end - run));
	free(ss.ents);
	return 1;
}
