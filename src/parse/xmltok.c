/*
 * xmltok.c: a small, fast, non-validating XML reader for well-formed
 * documents, building the light tree of xmltree.h.
 *
 * It reads what feeds are: UTF-8 (encoding.c made it so), the five
 * predefined entities and character references (xml_fix_entities has
 * rewritten the HTML ones), comments, processing instructions, a DOCTYPE
 * without internal subset, namespaces with scoping.  Text and CDATA are
 * scanned with a byte-class table, not a function call per character, and
 * point into the document unless they hold a reference or a CR.
 *
 * Whatever it does not read exactly as libxml2 would (an internal subset,
 * a mismatched or unclosed tag, a stray '<', an undeclared prefix, a
 * character XML does not allow, a name outside ASCII, too deep or too
 * big) makes it give up: the caller then hands the document to libxml2
 * with recovery.  The document is never modified.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/xml.h"
#include "parse/xmltree.h"
#include "util/simd.h"
#include "util/xmalloc.h"

#define MAX_DEPTH	200		/* libxml2 stops at 256 */
#define MAX_TEXT	9999999		/* libxml2's XML_MAX_TEXT_LENGTH */
#define MAX_NAME	50000
#define MAX_ATTRS	512
#define MAX_NS		4096		/* bindings in scope */

/* byte classes */
enum {
	K_OK,
	K_LT,		/* '<' */
	K_AMP,		/* '&' */
	K_CR,		/* '\r': line ends are normalized */
	K_RB,		/* ']': "]]>" */
	K_BAD,		/* a control character XML does not allow */
	K_CHK,		/* 0xed, 0xef: surrogates, U+FFFE, U+FFFF */
	K_WS,		/* '\t', '\n': attribute values normalize them */
	K_Q,		/* '"', '\'' */
};

#define B K_BAD
/* text and CDATA */
static const unsigned char tcls[256] = {
	B, B, B, B, B, B, B, B, B, 0, 0, B, B, K_CR, B, B,
	B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
	0, 0, 0, 0, 0, 0, K_AMP, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, K_LT, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, K_RB, 0, 0,
	[0xed] = K_CHK, [0xef] = K_CHK,
};
/* attribute values */
static const unsigned char acls[256] = {
	B, B, B, B, B, B, B, B, B, K_WS, K_WS, B, B, K_CR, B, B,
	B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
	0, 0, K_Q, 0, 0, 0, K_AMP, K_Q, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, K_LT, 0, 0, 0,
	[0xed] = K_CHK, [0xef] = K_CHK,
};
#undef B

/* name characters: 1 may start a name, 2 may follow */
static const unsigned char ncls[256] = {
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1, ['_'] = 1, [':'] = 1,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
	['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2, ['.'] = 2, ['-'] = 2,
};

#define IS_WS(c) ((c) == ' ' || (c) == '\n' || (c) == '\t' || (c) == '\r')

struct binding {
	const char	*prefix;	/* NULL: the default namespace */
	size_t		 plen;
	const char	*uri;		/* NULL: none (xmlns="") */
};

struct open {
	struct xnode	*el;
	struct xnode	**tail;		/* where the next child goes */
	const char	*qname;		/* in the document, for the end tag */
	size_t		 qlen;
	size_t		 nbind;		/* bindings in scope outside it */
};

struct rawattr {
	const char	*q;		/* qualified name, in the document */
	size_t		 qlen, colon;	/* colon: offset of ':' or 0 */
	char		*v;		/* decoded value, in the arena */
};

struct tok {
	struct xtree	*t;
	const char	*p, *end;
	struct open	 stack[MAX_DEPTH];
	int		 depth;
	struct binding	*bind;
	size_t		 nbind, bindcap;
	struct rawattr	*att;
	size_t		 attcap;
};

static int
is_xml_char(unsigned long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/* the byte at p is K_CHK: is the character it starts allowed? */
static int
chk_ok(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;

	if (end - p < 3)
		return 0;
	if (u[0] == 0xed)
		return u[1] < 0xa0;
	return !(u[1] == 0xbf && (u[2] == 0xbe || u[2] == 0xbf));
}

/* are p[0..n) all characters XML allows? */
static int
chars_ok(const char *p, size_t n)
{
	const char *end = p + n;

	for (; p < end; p++) {
		unsigned char k = tcls[(unsigned char)*p];

		if (k == K_BAD || (k == K_CHK && !chk_ok(p, end)))
			return 0;
	}
	return 1;
}

static size_t
put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decodes the reference at p[0] == '&' into o (never longer than the
 * reference).  Returns the bytes consumed, 0 if it is not one of ours.
 */
static size_t
decode_ref(const char *p, const char *end, char *o, size_t *olen)
{
	const char	*q = p + 1;
	unsigned long	 cp = 0;
	int		 digits = 0;

	if (q < end && *q == '#') {
		q++;
		if (q < end && *q == 'x') {
			for (q++; q < end && digits < 8; q++, digits++) {
				unsigned char c = (unsigned char)*q;

				if (c >= '0' && c <= '9')
					cp = cp * 16 + (c - '0');
				else if (c >= 'a' && c <= 'f')
					cp = cp * 16 + (c - 'a' + 10);
				else if (c >= 'A' && c <= 'F')
					cp = cp * 16 + (c - 'A' + 10);
				else
					break;
			}
		} else {
			for (; q < end && digits < 8; q++, digits++) {
				if (*q >= '0' && *q <= '9')
					cp = cp * 10 + (unsigned long)(*q - '0');
				else
					break;
			}
		}
		if (digits == 0 || q >= end || *q != ';' || !is_xml_char(cp))
			return 0;
		*olen = put_utf8(o, cp);
		return (size_t)(q + 1 - p);
	}
#define NAMED(s, c) \
	if ((size_t)(end - q) >= sizeof(s) - 1 && \
	    memcmp(q, s, sizeof(s) - 1) == 0) { \
		*o = c; \
		*olen = 1; \
		return sizeof(s); \
	}
	NAMED("lt;", '<')
	NAMED("gt;", '>')
	NAMED("amp;", '&')
	NAMED("quot;", '"')
	NAMED("apos;", '\'')
#undef NAMED
	return 0;
}

static struct xnode *
new_node(struct tok *k, enum xkind kind)
{
	struct xnode *n = xtree_alloc(k->t, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

static void
append(struct tok *k, struct xnode *n)
{
	struct open *o = &k->stack[k->depth - 1];

	*o->tail = n;
	o->tail = &n->next;
}

/* skips bytes of class K_OK in [p, end), eight at a time */
static const char *
skip_ok(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;

#ifdef CRIER_SSE2
	/* 16 at a time: below 0x20, '&', '<', ']', 0xed or 0xef (| 0x02);
	 * a tab or newline found is stepped over */
	while (end - (const char *)u >= 16) {
		__m128i	v = _mm_loadu_si128((const void *)u);
		int	k = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v),
		    _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x02)),
		    _mm_set1_epi8((char)0xef))), _mm_or_si128(
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('&')), _mm_or_si128(
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('<')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))))));

		if (k == 0) {
			u += 16;
			continue;
		}
		u += __builtin_ctz((unsigned)k);
		if (tcls[*u] != K_OK)
			return (const char *)u;
		u++;
	}
#endif
	while (end - (const char *)u >= 8) {
		if (tcls[u[0]] | tcls[u[1]] | tcls[u[2]] | tcls[u[3]] |
		    tcls[u[4]] | tcls[u[5]] | tcls[u[6]] | tcls[u[7]])
			break;
		u += 8;
	}
	while ((const char *)u < end && tcls[*u] == K_OK)
		u++;
	return (const char *)u;
}

/*
 * Character data from p up to the next '<' (or the end), in one pass:
 * it points into the document unless a reference or a CR needs decoding.
 * Returns 0, or -1 if it holds what XML does not allow.
 */
static int
text(struct tok *k)
{
	const char	*p = k->p, *s = p, *run = p, *e;
	char		*o = NULL, *w = NULL;
	size_t		 m, used;
	struct xnode	*n;

	e = memchr(p, '<', (size_t)(k->end - p));
	if (e == NULL)
		e = k->end;
	if (e - s > MAX_TEXT)
		return -1;
	if (k->depth == 0) {
		/* outside the root: whitespace only */
		for (; p < e; p++)
			if (!IS_WS(*p))
				return -1;
		k->p = e;
		return 0;
	}
	for (;;) {
		p = skip_ok(p, e);
		if (p >= e)
			break;
		switch (tcls[(unsigned char)*p]) {
		case K_AMP:
		case K_CR:
			if (o == NULL)
				o = w = xtree_alloc(k->t, (size_t)(e - s) + 1);
			memcpy(w, run, (size_t)(p - run));
			w += p - run;
			if (*p == '\r') {
				*w++ = '\n';
				if (++p < e && *p == '\n')
					p++;
			} else {
				if ((used = decode_ref(p, e, w, &m)) == 0)
					return -1;
				p += used;
				w += m;
			}
			run = p;
			break;
		case K_RB:
			if (e - p >= 3 && p[1] == ']' && p[2] == '>')
				return -1;
			p++;
			break;
		case K_CHK:
			if (!chk_ok(p, e))
				return -1;
			p++;
			break;
		default:
			return -1;
		}
	}
	k->p = e;
	n = new_node(k, XN_TEXT);
	if (o == NULL) {
		n->s = s;
		n->len = (size_t)(e - s);
	} else {
		memcpy(w, run, (size_t)(e - run));
		w += e - run;
		*w = '\0';
		n->s = o;
		n->len = (size_t)(w - o);
	}
	append(k, n);
	return 0;
}

/* "<![CDATA[" at k->p */
static int
cdata(struct tok *k)
{
	const char	*p = k->p + 9, *end = k->end, *s = p;
	int		 cr = 0;
	struct xnode	*n;

	if (k->depth == 0)
		return -1;
	for (;;) {
		p = skip_ok(p, end);
		if (p >= end)
			return -1;
		switch (tcls[(unsigned char)*p]) {
		case K_LT:
		case K_AMP:
			p++;
			break;
		case K_RB:
			if (end - p >= 3 && p[1] == ']' && p[2] == '>')
				goto done;
			p++;
			break;
		case K_CR:
			cr = 1;
			p++;
			break;
		case K_CHK:
			if (!chk_ok(p, end))
				return -1;
			p++;
			break;
		default:
			return -1;
		}
	}
done:
	k->p = p + 3;
	if (p - s > MAX_TEXT)
		return -1;
	n = new_node(k, XN_CDATA);
	if (!cr) {
		n->s = s;
		n->len = (size_t)(p - s);
	} else {
		char *o = xtree_alloc(k->t, (size_t)(p - s) + 1), *w = o;

		while (s < p) {
			if (*s == '\r') {
				*w++ = '\n';
				if (++s < p && *s == '\n')
					s++;
			} else
				*w++ = *s++;
		}
		*w = '\0';
		n->s = o;
		n->len = (size_t)(w - o);
	}
	append(k, n);
	return 0;
}

static const char *
find2(const char *p, const char *end, char a, char b)
{
	while (p + 1 < end) {
		const char *q = memchr(p, a, (size_t)(end - p - 1));

		if (q == NULL)
			return NULL;
		if (q[1] == b)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* "<!--" at k->p */
static int
comment(struct tok *k)
{
	const char *s = k->p + 4, *q;

	q = find2(s, k->end, '-', '-');
	if (q == NULL || q + 2 >= k->end || q[2] != '>' ||
	    q - s > MAX_TEXT || !chars_ok(s, (size_t)(q - s)) ||
	    (q > s && q[-1] == '-'))
		return -1;
	k->p = q + 3;
	return 0;
}

/* a name at k->p: its length (0: none), *colon the offset of ':' or 0 */
static size_t
name(struct tok *k, size_t *colon)
{
	const unsigned char	*p = (const unsigned char *)k->p;
	const unsigned char	*end = (const unsigned char *)k->end, *s = p;
	size_t			 n;

	*colon = 0;
	if (p >= end || ncls[*p] != 1)
		return 0;
	for (p++; p < end && ncls[*p] != 0; p++) {
		if (*p == ':') {
			if (*colon != 0)
				return 0;	/* two colons */
			*colon = (size_t)(p - s);
		}
	}
	n = (size_t)(p - s);
	if (n > MAX_NAME || (p < end && *p >= 0x80))
		return 0;
	if (*s == ':' || (*colon != 0 && *colon + 1 == n))
		return 0;	/* ":x", "x:" */
	if (*colon == 0 && s[0] == ':')
		return 0;
	return n;
}

/* "<?" at k->p; first: at the very start of the document */
static int
pi(struct tok *k, int first)
{
	const char	*s = k->p + 2, *q;
	size_t		 n, colon;

	k->p = s;
	n = name(k, &colon);
	if (n == 0 || colon != 0)
		return -1;
	if (n == 3 && (s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'm' &&
	    (s[2] | 0x20) == 'l') {
		/* the XML declaration, version 1.0 only */
		if (!first || memcmp(s, "xml", 3) != 0 ||
		    k->end - s < 16 || !IS_WS(s[3]))
			return -1;
		q = s + 4;
		while (q < k->end && IS_WS(*q))
			q++;
		if (k->end - q < 13 || (memcmp(q, "version=\"1.0\"", 13) != 0 &&
		    memcmp(q, "version='1.0'", 13) != 0))
			return -1;
	} else if (s + n < k->end && !IS_WS(s[n]) && s[n] != '?')
		return -1;
	q = find2(s + n, k->end, '?', '>');
	if (q == NULL || q - s > MAX_TEXT || !chars_ok(s, (size_t)(q - s)))
		return -1;
	k->p = q + 2;
	return 0;
}

/* "<!DOCTYPE" at k->p: without an internal subset */
static int
doctype(struct tok *k)
{
	const char	*p = k->p + 9, *end = k->end;
	char		 quote = 0;

	if (p >= end || !IS_WS(*p))
		return -1;
	for (; p < end; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '[' || *p == '<')
			return -1;
		else if (*p == '>')
			break;
	}
	if (p >= end || !chars_ok(k->p, (size_t)(p - k->p)))
		return -1;
	k->p = p + 1;
	return 0;
}

/* an attribute value at k->p (the quote), decoded into the arena */
static char *
att_value(struct tok *k)
{
	const char	*p = k->p, *end = k->end, *s;
	char		 quote = *p, *o, *w;
	size_t		 m;

	s = ++p;
	for (;;) {
		while (p < end && acls[(unsigned char)*p] == K_OK)
			p++;
		if (p >= end)
			return NULL;
		if (*p == quote)
			break;
		switch (acls[(unsigned char)*p]) {
		case K_Q:
		case K_AMP:
		case K_CR:
		case K_WS:
			p++;
			break;
		case K_CHK:
			if (!chk_ok(p, end))
				return NULL;
			p++;
			break;
		default:	/* '<', a control */
			return NULL;
		}
	}
	if (p - s > MAX_TEXT)
		return NULL;
	k->p = p + 1;
	o = w = xtree_alloc(k->t, (size_t)(p - s) + 1);
	while (s < p) {
		switch (acls[(unsigned char)*s]) {
		case K_AMP: {
			size_t used = decode_ref(s, p, w, &m);

			if (used == 0)
				return NULL;
			s += used;
			w += m;
			break;
		}
		case K_CR:
			*w++ = ' ';
			if (++s < p && *s == '\n')
				s++;
			break;
		case K_WS:
			*w++ = ' ';
			s++;
			break;
		default:
			*w++ = *s++;
		}
	}
	*w = '\0';
	return o;
}

/* the URI a prefix (NULL: the default) is bound to; *found if bound */
static const char *
lookup(struct tok *k, const char *prefix, size_t plen, int *found)
{
	size_t i;

	*found = 1;
	if (prefix != NULL && plen == 3 && memcmp(prefix, "xml", 3) == 0)
		return XML_NS_URI;
	for (i = k->nbind; i-- > 0; ) {
		const struct binding *b = &k->bind[i];

		if (prefix == NULL ? b->prefix == NULL : (b->prefix != NULL &&
		    b->plen == plen && memcmp(b->prefix, prefix, plen) == 0))
			return b->uri;
	}
	*found = 0;
	return NULL;
}

static int
is_xmlns(const struct rawattr *a)
{
	return (a->colon == 0 && a->qlen == 5 && memcmp(a->q, "xmlns", 5) == 0) ||
	    (a->colon == 5 && memcmp(a->q, "xmlns", 5) == 0);
}

/* a start tag at k->p ('<' + a name start) */
static int
start_tag(struct tok *k)
{
	struct xnode	*el;
	struct xattr	**at;
	struct xnsdef	**dt;
	const char	*q, *uri;
	size_t		 qlen, colon, nattr = 0, i, j, nbind0 = k->nbind;
	int		 empty = 0, found;
	struct open	*o;

	if (k->depth >= MAX_DEPTH)
		return -1;
	k->p++;
	q = k->p;
	if ((qlen = name(k, &colon)) == 0)
		return -1;
	k->p += qlen;
	for (;;) {
		const char	*p0 = k->p;
		struct rawattr	*a;
		size_t		 an, acolon;

		while (k->p < k->end && IS_WS(*k->p))
			k->p++;
		if (k->p >= k->end)
			return -1;
		if (*k->p == '>') {
			k->p++;
			break;
		}
		if (*k->p == '/') {
			if (k->p + 1 >= k->end || k->p[1] != '>')
				return -1;
			k->p += 2;
			empty = 1;
			break;
		}
		if (k->p == p0 || nattr >= MAX_ATTRS)
			return -1;	/* no space before the attribute */
		if ((an = name(k, &acolon)) == 0)
			return -1;
		if (nattr == k->attcap) {
			k->attcap = k->attcap ? k->attcap * 2 : 16;
			k->att = xreallocarray(k->att, k->attcap,
			    sizeof(*k->att));
		}
		a = &k->att[nattr];
		a->q = k->p;
		a->qlen = an;
		a->colon = acolon;
		k->p += an;
		while (k->p < k->end && IS_WS(*k->p))
			k->p++;
		if (k->p >= k->end || *k->p != '=')
			return -1;
		k->p++;
		while (k->p < k->end && IS_WS(*k->p))
			k->p++;
		if (k->p >= k->end || (*k->p != '"' && *k->p != '\''))
			return -1;
		if ((a->v = att_value(k)) == NULL)
			return -1;
		/* a duplicate name is an error */
		for (j = 0; j < nattr; j++) {
			if (k->att[j].qlen == an &&
			    memcmp(k->att[j].q, a->q, an) == 0)
				return -1;
		}
		nattr++;
	}

	el = new_node(k, XN_ELEM);
	/* namespace declarations first: they scope the element itself */
	dt = &el->nsdefs;
	for (i = 0; i < nattr; i++) {
		struct rawattr	*a = &k->att[i];
		struct binding	*b;

		if (!is_xmlns(a))
			continue;
		if (a->colon != 0) {
			const char *pf = a->q + 6;
			size_t pl = a->qlen - 6;

			if (a->v[0] == '\0' ||
			    (pl == 3 && memcmp(pf, "xml", 3) == 0) ||
			    (pl == 5 && memcmp(pf, "xmlns", 5) == 0))
				return -1;
		}
		if (k->nbind == MAX_NS)
			return -1;
		if (k->nbind == k->bindcap) {
			k->bindcap = k->bindcap ? k->bindcap * 2 : 16;
			k->bind = xreallocarray(k->bind, k->bindcap,
			    sizeof(*k->bind));
		}
		b = &k->bind[k->nbind++];
		*dt = xtree_alloc(k->t, sizeof(**dt));
		(*dt)->next = NULL;
		(*dt)->uri = a->v;
		if (a->colon == 0) {
			b->prefix = NULL;
			b->plen = 0;
			(*dt)->prefix = NULL;
		} else {
			b->prefix = a->q + 6;
			b->plen = a->qlen - 6;
			(*dt)->prefix = xtree_strdup(k->t, b->prefix, b->plen);
		}
		b->uri = a->v[0] != '\0' ? a->v : NULL;
		dt = &(*dt)->next;
	}
	if (colon != 0) {
		if ((colon == 3 && memcmp(q, "xml", 3) == 0) ||
		    (colon == 5 && memcmp(q, "xmlns", 5) == 0))
			return -1;
		uri = lookup(k, q, colon, &found);
		if (!found)
			return -1;
		el->prefix = xtree_strdup(k->t, q, colon);
		el->name = xtree_strdup(k->t, q + colon + 1, qlen - colon - 1);
	} else {
		if (qlen == 5 && memcmp(q, "xmlns", 5) == 0)
			return -1;
		uri = lookup(k, NULL, 0, &found);
		el->name = xtree_strdup(k->t, q, qlen);
	}
	el->uri = uri;
	el->lang = k->depth > 0 ? k->stack[k->depth - 1].el->lang : NULL;
	at = &el->attrs;
	for (i = 0; i < nattr; i++) {
		struct rawattr	*a = &k->att[i];
		struct xattr	*x;

		if (is_xmlns(a))
			continue;
		x = xtree_alloc(k->t, sizeof(*x));
		x->next = NULL;
		x->value = a->v;
		if (a->colon != 0) {
			x->uri = lookup(k, a->q, a->colon, &found);
			if (!found || x->uri == NULL)
				return -1;
			x->prefix = xtree_strdup(k->t, a->q, a->colon);
			x->name = xtree_strdup(k->t, a->q + a->colon + 1,
			    a->qlen - a->colon - 1);
			/* the same expanded name twice is an error */
			for (j = 0; j < i; j++) {
				const struct rawattr *b = &k->att[j];

				const char *bu;

				if (b->colon == 0 || is_xmlns(b) ||
				    b->qlen - b->colon != a->qlen - a->colon ||
				    memcmp(b->q + b->colon, a->q + a->colon,
				    a->qlen - a->colon) != 0)
					continue;
				bu = lookup(k, b->q, b->colon, &found);
				if (bu != NULL && strcmp(bu, x->uri) == 0)
					return -1;
			}
			if (strcmp(x->uri, XML_NS_URI) == 0 &&
			    strcmp(x->name, "lang") == 0)
				el->lang = x->value;
		} else {
			x->prefix = x->uri = NULL;
			x->name = xtree_strdup(k->t, a->q, a->qlen);
		}
		*at = x;
		at = &x->next;
	}

	if (k->depth == 0) {
		if (xtree_root(k->t) != NULL)
			return -1;	/* a second root */
		xtree_set_root(k->t, el);
	} else
		append(k, el);
	if (empty) {
		k->nbind = nbind0;
		return 0;
	}
	o = &k->stack[k->depth++];
	o->el = el;
	o->tail = &el->children;
	o->qname = q;
	o->qlen = qlen;
	o->nbind = nbind0;
	return 0;
}

/* "</" at k->p */
static int
end_tag(struct tok *k)
{
	struct open *o;

	if (k->depth == 0)
		return -1;
	o = &k->stack[k->depth - 1];
	k->p += 2;
	if (k->end - k->p < (ptrdiff_t)o->qlen ||
	    memcmp(k->p, o->qname, o->qlen) != 0)
		return -1;
	k->p += o->qlen;
	while (k->p < k->end && IS_WS(*k->p))
		k->p++;
	if (k->p >= k->end || *k->p != '>')
		return -1;
	k->p++;
	k->nbind = o->nbind;
	k->depth--;
	return 0;
}

static int
read_doc(struct tok *k)
{
	const char	*start = k->p;
	int		 seen_doctype = 0, rc;

	while (k->p < k->end) {
		const char *p = k->p;

		if (*p != '<') {
			if (text(k) == -1)
				return -1;
			continue;
		}
		if (k->end - p < 2)
			return -1;
		switch (p[1]) {
		case '/':
			rc = end_tag(k);
			break;
		case '?':
			rc = pi(k, p == start);
			break;
		case '!':
			if (k->end - p >= 4 && memcmp(p, "<!--", 4) == 0)
				rc = comment(k);
			else if (k->end - p >= 9 &&
			    memcmp(p, "<![CDATA[", 9) == 0)
				rc = cdata(k);
			else if (k->end - p >= 9 &&
			    memcmp(p, "<!DOCTYPE", 9) == 0 && !seen_doctype &&
			    k->depth == 0 && xtree_root(k->t) == NULL) {
				seen_doctype = 1;
				rc = doctype(k);
			} else
				rc = -1;
			break;
		default:
			rc = parse_guard_tripped() ? -1 : start_tag(k);
			break;
		}
		if (rc == -1)
			return -1;
	}
	return k->depth == 0 && xtree_root(k->t) != NULL ? 0 : -1;
}

struct xtree *
xtok_read(const char *s, size_t len)
{
	struct tok	 *k;
	struct xtree	 *t;

	k = xcalloc(1, sizeof(*k));
	k->t = t = xtree_new();
	k->p = s;
	k->end = s + len;
	if (read_doc(k) == -1) {
		xtree_free(t);
		t = NULL;
	}
	free(k->bind);
	free(k->att);
	free(k);
	return t;
}
