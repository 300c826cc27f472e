/*
 * parse/html-tok.c: the HTML tokenizer every reader of HTML calls back
 * from (html-tok.h): one pass over the bytes, no tree, no copy of the
 * text.
 *
 * What is markup follows feedparser's reading of HTML, because feeds are
 * judged by what it produces (html-clean.c): a start tag is '<' and a
 * letter, and ends at the first '<' or '>' outside quotes; an end tag
 * "</" and a letter ends at the first '<' or '>'; a comment ends at the
 * first "--" followed by blanks and '>', else at the '>' after a "--",
 * else it swallows the rest; "<![CDATA[" is text; "<![...]>",
 * "<!DOCTYPE ...>" and "<?...>" are dropped; any other '<' is text.  A
 * name is letters, digits and "-_.:", lower-cased; a longer one than
 * HTML_TOK_NAME makes the tag unknown (dropped).  Character references
 * are decoded by entity_ref() (entities.c), the one decoder.
 *
 * Raw text.  The content of these elements is never markup and never
 * text: it goes to no callback, whatever it looks like, up to the end tag
 * of the element ("</name" then a blank, '/' or '>'), or to the end of
 * the input when there is none:
 *   - script, style: code, raw text in HTML;
 *   - xmp: raw text in HTML, an obsolete way to show markup as it is;
 *   - textarea, title: escapable raw text in HTML; a form field's value
 *     and a document's title are no part of an item's body.  A <title>
 *     inside <svg> or <math> is SVG's, and its text is kept;
 *   - plaintext: everything after it.
 * The content HTML keeps for readers without scripts, frames or plugins
 * (noscript, noframes, noembed, and iframe, whose content HTML 4 shows
 * where frames are not supported) is read as ordinary markup, as HTML
 * does with scripting off: crier is such a reader, and feedparser, whose
 * output feeds are judged by, keeps that content too.  A "/>" closes a
 * raw-text element at once, as in XML, where HTML would ignore the '/':
 * feeds are often written by XML tools, which serialize an empty
 * <script src="..."></script> as <script src="..."/>, and reading the rest
 * of the item as script would hide all of it.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "parse/entities.h"
#include "parse/html-tok.h"
#include "util/buf.h"
#include "util/simd.h"
#include "util/str.h"

#define is_space(c)	html_is_space(c)
#define to_lower(c)	html_to_lower(c)

#define FNV_INIT	2166136261u
#define FNV_STEP(h, c)	(((h) ^ (unsigned)(c)) * 16777619u)

struct tok {
	const struct html_tok_ops	*ops;
	void				*ud;
	int				 foreign;	/* open svg and math */
	struct html_tag			 tag;
	struct buf			 ref;
};



uint32_t
html_tok_hash(const char *s, size_t len)
{
	uint32_t	h = FNV_INIT;
	size_t		i;

	for (i = 0; i < len; i++)
		h = FNV_STEP(h, (unsigned char)s[i]);
	return h;
}

/*
 * the raw-text elements (the comment at the top), by length; the
 * foreign-content exception for title is the caller's
 */
int
html_tok_is_raw(const char *name, size_t len)
{
	switch (len) {
	case 3:
		return memcmp(name, "xmp", 3) == 0;
	case 5:
		return memcmp(name, "style", 5) == 0 ||
		    memcmp(name, "title", 5) == 0;
	case 6:
		return memcmp(name, "script", 6) == 0;
	case 8:
		return memcmp(name, "textarea", 8) == 0;
	case 9:
		return memcmp(name, "plaintext", 9) == 0;
	}
	return 0;
}

/* the lower-cased name at s into name, *hp its hash; 0 if too long */
static size_t
tag_name(const char *s, size_t len, char name[HTML_TOK_NAME], uint32_t *hp)
{
	size_t		i = 0;
	uint32_t	h = FNV_INIT;
	int		c;

	while (i < len && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') ||
	    s[i] == '-' || s[i] == '_' || s[i] == '.' || s[i] == ':')) {
		if (i + 1 >= HTML_TOK_NAME)
			return 0;
		c = to_lower(s[i]);
		name[i] = (char)c;
		h = FNV_STEP(h, c);
		i++;
	}
	name[i] = '\0';
	*hp = h;
	return i;
}

static void
attr_add(struct html_tag *t, const char *name, size_t nlen, const char *val,
    size_t vlen)
{
	struct html_attr	*a;
	size_t			 i;
	uint32_t		 h = FNV_INIT;
	int			 c;

	if (nlen == 0 || nlen >= HTML_TOK_NAME || t->nattrs >= HTML_TOK_ATTRS)
		return;
	a = &t->attrs[t->nattrs++];
	for (i = 0; i < nlen; i++) {
		c = to_lower((unsigned char)name[i]);
		a->name[i] = (char)c;
		h = FNV_STEP(h, c);
	}
	a->name[nlen] = '\0';
	a->nlen = nlen;
	a->h = h;
	a->val = val;
	a->vlen = vlen;
}

/* the attributes in s[0..len) into t */
static void
attrs_parse(struct html_tag *t, const char *s, size_t len)
{
	size_t	 i = 0, n0, n1, v0, v1;
	char	 q;

	t->nattrs = 0;
	while (i < len) {
		while (i < len && (is_space((unsigned char)s[i]) || s[i] == '/'))
			i++;
		if (i >= len)
			break;
		n0 = i++;
		while (i < len && !is_space((unsigned char)s[i]) &&
		    s[i] != '/' && s[i] != '=')
			i++;
		n1 = i;
		while (i < len && is_space((unsigned char)s[i]))
			i++;
		if (i >= len || s[i] != '=') {
			/* <input checked>: the value is the name (sgmllib) */
			attr_add(t, s + n0, n1 - n0, s + n0, n1 - n0);
			continue;
		}
		i++;
		while (i < len && is_space((unsigned char)s[i]))
			i++;
		if (i < len && (s[i] == '"' || s[i] == '\'')) {
			const char *e;

			q = s[i++];
			v0 = i;
			e = memchr(s + i, q, len - i);
			i = e != NULL ? (size_t)(e - s) : len;
			v1 = i;
			if (i < len)
				i++;
		} else {
			v0 = i;
			while (i < len && !is_space((unsigned char)s[i]))
				i++;
			v1 = i;
		}
		attr_add(t, s + n0, n1 - n0, s + v0, v1 - v0);
	}
}

const struct html_attr *
html_tag_attr(const struct html_tag *t, const char *name)
{
	size_t i;

	for (i = t->nattrs; i-- > 0; )
		if (strcmp(t->attrs[i].name, name) == 0)
			return &t->attrs[i];
	return NULL;
}

void
html_attr_decode(struct buf *b, const char *s, size_t len)
{
	const char	*amp;
	size_t		 i = 0, n;

	while (i < len) {
		amp = memchr(s + i, '&', len - i);
		n = amp != NULL ? (size_t)(amp - s) : len;
		buf_add(b, s + i, n - i);
		if ((i = n) >= len)
			break;
		n = entity_ref(b, s + i, len - i, 1);
		if (n == 0) {
			buf_addc(b, '&');
			n = 1;
		}
		i += n;
	}
}

void
html_text_squeeze(struct buf *b, const char *s, size_t len)
{
	size_t	 i, run;
	char	*o;

	/* the output is never longer than the input: one pass, no appends */
	if (buf_grow(b, len) == 0) {
		o = b->s + b->len;
		for (i = 0; i < len; i++) {
#ifdef CRIER_SSE2
			/* sixteen bytes with no blank but single spaces, the
			 * first not after a space: as they are */
			if (len - i >= 16) {
				__m128i	 v = _mm_loadu_si128((const __m128i *)
				    (const void *)(s + i));

				/* \t \n \v \f \r are 9 to 13 */
				if (simd_in16(v, 9, 13) == 0 &&
				    simd_single_spaces(simd_eq16(v, ' '),
				    o == b->s || o[-1] == ' ')) {
					_mm_storeu_si128((__m128i *)(void *)o,
					    v);
					o += 16;
					i += 15;
					continue;
				}
			}
#endif
			if (!is_space((unsigned char)s[i]))
				*o++ = s[i];
			else if (o > b->s && o[-1] != ' ')
				*o++ = ' ';
		}
		*o = '\0';
		b->len = (size_t)(o - b->s);
		return;
	}
	/* near the buffer's ceiling: word by word, as far as it goes */
	for (i = 0; i < len; ) {
		for (run = i; i < len && !is_space((unsigned char)s[i]); i++)
			;
		buf_add(b, s + run, i - run);
		if (i < len && b->len > 0 && b->s[b->len - 1] != ' ')
			buf_addc(b, ' ');
		while (i < len && is_space((unsigned char)s[i]))
			i++;
	}
}

static const char *
find(const char *s, size_t len, const char *pat)
{
	size_t		 n = strlen(pat);
	const char	*p = s, *end = s + len;

	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, pat[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, pat, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* end of a comment starting at s ("<!--"), as feedparser finds it; *in
 * the length of its inside */
static size_t
comment_end(const char *s, size_t len, size_t *in)
{
	const char *p = s + 4, *end = s + len, *q;

	/* "--" then optional whitespace then ">" */
	for (q = p; (q = find(q, (size_t)(end - q), "--")) != NULL; q++) {
		const char *r = q + 2;

		while (r < end && is_space((unsigned char)*r))
			r++;
		if (r < end && *r == '>') {
			*in = (size_t)(q - p);
			return (size_t)(r + 1 - s);
		}
	}
	/* a "--" followed by anything up to ">" */
	q = find(p, (size_t)(end - p), "--");
	if (q != NULL && memchr(q, '>', (size_t)(end - q)) != NULL) {
		*in = (size_t)(q - p);
		return (size_t)((const char *)memchr(q, '>',
		    (size_t)(end - q)) + 1 - s);
	}
	/* unclosed: the rest is dropped */
	*in = len - 4;
	return len;
}

/*
 * The content of raw-text element name[0..n) starting at s: returns
 * where its end tag starts ("</name" then a blank, '/', '>' or the end),
 * len when there is none.
 */
static size_t
raw_end(const char *s, size_t len, const char *name, size_t n)
{
	const char	*p = s, *end = s + len;
	size_t		 k;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) >= n + 2 && p[1] == '/') {
			for (k = 0; k < n && to_lower(p[2 + k]) == name[k]; k++)
				;
			if (k == n && ((size_t)(end - p) == n + 2 ||
			    is_space((unsigned char)p[n + 2]) ||
			    p[n + 2] == '/' || p[n + 2] == '>'))
				return (size_t)(p - s);
		}
		p++;
	}
	return len;
}

/* where the end tag at s ("</" and a letter) ends: after its '>', at a
 * '<' in it, or 0 when it has neither (it is then text) */
static size_t
end_tag_end(const char *s, size_t len, size_t *j)
{
	for (*j = 2; *j < len && s[*j] != '<' && s[*j] != '>'; (*j)++)
		;
	if (*j >= len)
		return 0;
	return s[*j] == '>' ? *j + 1 : *j;
}

static int
is_foreign_root(const struct html_tag *t)
{
	return (t->nlen == 3 && memcmp(t->name, "svg", 3) == 0) ||
	    (t->nlen == 4 && memcmp(t->name, "math", 4) == 0);
}

/*
 * Markup at s[0] == '<'.  Returns the bytes consumed, 0 when the '<' is
 * text; *stop set when a callback asked to stop.
 */
static size_t
markup(struct tok *k, const char *s, size_t len, int *stop)
{
	struct html_tag	*t = &k->tag;
	const char	*p, *q;
	size_t		 j, n, aend, in, e;

	if (len < 2)
		return 0;
	if (s[1] == '!') {
		if (len >= 4 && s[2] == '-' && s[3] == '-') {
			n = comment_end(s, len, &in);
			if (k->ops->comment != NULL)
				*stop = k->ops->comment(k->ud, s + 4, in);
			return n;
		}
		if (len >= 9 && memcmp(s + 2, "[CDATA[", 7) == 0)
			return 0;	/* feedparser shows it as text */
		if (len >= 3 && s[2] == '[') {
			p = find(s, len, "]>");
			return p != NULL ? (size_t)(p + 2 - s) : 0;
		}
		if (len >= 9 && strncasecmp(s + 2, "DOCTYPE", 7) == 0) {
			p = memchr(s, '>', len);
			return p != NULL ? (size_t)(p + 1 - s) : 0;
		}
		return 0;
	}
	if (s[1] == '?') {
		p = memchr(s, '>', len);
		return p != NULL ? (size_t)(p + 1 - s) : 0;
	}
	if (s[1] == '/') {
		if (len < 3 || !is_alpha(s[2]))
			return 0;
		if ((e = end_tag_end(s, len, &j)) == 0)
			return 0;
		if ((t->nlen = tag_name(s + 2, j - 2, t->name, &t->h)) > 0) {
			t->nattrs = 0;
			t->selfclose = 0;
			if (k->foreign > 0 && is_foreign_root(t))
				k->foreign--;
			if (k->ops->end != NULL)
				*stop = k->ops->end(k->ud, t);
		}
		return e;
	}
	if (!is_alpha(s[1]))
		return 0;
	/* the tag ends at the first '<' or '>' outside quotes */
	for (j = 1; j < len && s[j] != '<' && s[j] != '>'; j++) {
		if (s[j] == '"' || s[j] == '\'') {
			q = memchr(s + j + 1, s[j], len - j - 1);
			if (q == NULL) {
				/* unbalanced: the first bracket ends it */
				for (j = 1; j < len && s[j] != '<' &&
				    s[j] != '>'; j++)
					;
				break;
			}
			j = (size_t)(q - s);
		}
	}
	if (j >= len)
		return 0;
	aend = j;
	t->selfclose = 0;
	if (s[j] == '>' && s[j - 1] == '/') {
		t->selfclose = 1;
		aend = j - 1;
	}
	e = s[j] == '>' ? j + 1 : j;
	n = tag_name(s + 1, aend - 1, t->name, &t->h);
	if (n == 0)
		return e;
	t->nlen = n;
	if (k->ops->noattrs)
		t->nattrs = 0;
	else
		attrs_parse(t, s + 1 + n, aend - 1 - n);
	if (k->ops->start != NULL && (*stop = k->ops->start(k->ud, t)) != 0)
		return e;
	if (t->selfclose || n < 3 || n > 9)
		return e;	/* no svg, math nor raw-text element */
	if (is_foreign_root(t)) {
		k->foreign++;
		return e;
	}
	if (!html_tok_is_raw(t->name, n) ||
	    (k->foreign > 0 && n == 5 && memcmp(t->name, "title", 5) == 0))
		return e;
	/* raw text: skipped, then its end tag */
	if (n == 9)	/* plaintext */
		return len;
	e += raw_end(s + e, len - e, t->name, n);
	if (e >= len)
		return len;
	n = end_tag_end(s + e, len - e, &j);
	t->nattrs = 0;
	t->selfclose = 0;
	if (k->ops->end != NULL)
		*stop = k->ops->end(k->ud, t);
	return n == 0 ? len : e + n;
}

int
html_tok(const char *html, size_t len, const struct html_tok_ops *ops,
    void *ud)
{
	struct tok	 k;
	size_t		 i = 0, run, n, lt = 0, amp = 0;
	const char	*q;
	int		 stop = 0;

	k.ops = ops;
	k.ud = ud;
	k.foreign = 0;
	k.tag.nattrs = 0;
	buf_init(&k.ref, 0);
	while (i < len && !stop) {
		run = i;
		/* the next '<' and '&', each found again once passed */
		if (lt < i || i == 0) {
			q = memchr(html + i, '<', len - i);
			lt = q != NULL ? (size_t)(q - html) : len;
		}
		if (amp < i || i == 0) {
			q = memchr(html + i, '&', len - i);
			amp = q != NULL ? (size_t)(q - html) : len;
		}
		i = lt < amp ? lt : amp;
		if (i > run && ops->text != NULL &&
		    (stop = ops->text(ud, html + run, i - run)) != 0)
			break;
		if (i >= len)
			break;
		if (html[i] == '<') {
			n = markup(&k, html + i, len - i, &stop);
			if (n == 0) {
				if (ops->text != NULL)
					stop = ops->text(ud, "<", 1);
				n = 1;
			}
		} else {
			buf_reset(&k.ref);
			n = entity_ref(&k.ref, html + i, len - i, 0);
			if (n == 0) {
				if (ops->text != NULL)
					stop = ops->text(ud, "&", 1);
				n = 1;
			} else if (ops->ref != NULL)
				stop = ops->ref(ud, k.ref.s, k.ref.len);
			else if (ops->text != NULL)
				stop = ops->text(ud, k.ref.s, k.ref.len);
		}
		i += n;
	}
	buf_release(&k.ref);
	return stop != 0;
}
