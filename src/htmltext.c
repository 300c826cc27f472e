/*
 * htmltext.c: HTML to terminal text for `crier show` and the text digest.
 *
 * Callbacks on the HTML tokenizer (parse/html-tok.c): inline text
 * collects in a paragraph buffer (whitespace collapsed, '\n' marking a
 * <br>), and every block boundary flushes it, wrapped, with the indent
 * and bullet of the block it is in.  The input is normally sanitized HTML
 * (html_clean), but nothing here relies on that: unknown tags are
 * ignored, the content of script, style and the other raw-text elements
 * never arrives, head and template are skipped, and all text passes
 * str_term_safe before it is measured, so no control character or escape
 * sequence reaches the terminal.
 *
 * Widths are display columns (util/term.h): wide CJK characters count
 * two, combining marks none; a line never breaks a character.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmltext.h"
#include "parse/html-tok.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/term.h"
#include "util/xmalloc.h"

#define HT_LISTS	16	/* nested lists tracked */
#define HT_MIN_COLS	20	/* narrowest text column after the indent */

struct ht {
	struct buf		*out;
	size_t			 start;		/* out->len when we began */
	struct htmltext_links	*links;
	int			 width;
	struct buf		 para;		/* text of the current block */
	struct buf		 tmp;		/* scratch */
	int			 gap;		/* blank lines before next block */
	int			 pre;		/* inside <pre> */
	int			 skip;		/* inside head/template */
	int			 quote;		/* blockquote depth */
	int			 dd;		/* <dd> depth */
	int			 heading;	/* <hN> level, 0 outside */
	int			 nlist;		/* list depth */
	struct {
		int	ordered;
		long	n;
	}			 list[HT_LISTS];
	char			 bullet[24];	/* for the next line, or "" */
	size_t			 link;		/* number of the open <a>, 0 */
	size_t			 nonspace;	/* bytes of non-blank text */
	size_t			 max;		/* stop at this nonspace */
};

static int
ht_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* display columns of s[0..len): wide characters two, combining none */
static size_t
cp_count(const char *s, size_t len)
{
	return term_width(s, len);
}

/* bytes of s[0..len) that take at most n columns (none when a wide
 * character needs two and n is 1: it goes to the next line, which has
 * at least HT_MIN_COLS) */
static size_t
cp_bytes(const char *s, size_t len, size_t n)
{
	return term_cut(s, len, n, NULL);
}

static void
add_spaces(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_addc(b, ' ');
}

/* columns for text after a prefix pw wide, never fewer than HT_MIN_COLS */
static size_t
cols_after(int width, size_t pw)
{
	return (size_t)width > pw + HT_MIN_COLS ?
	    (size_t)width - pw : HT_MIN_COLS;
}

/* ends the line, starts the next with prefix; returns its width */
static size_t
next_line(struct buf *out, const char *prefix)
{
	buf_addc(out, '\n');
	buf_adds(out, prefix);
	return cp_count(prefix, strlen(prefix));
}

/*
 * Wraps s[0..len): words split at ' ', lines at '\n'.  The first line
 * starts with first, the others with rest.
 */
static void
wrap(struct buf *out, const char *s, size_t len, int width,
    const char *first, const char *rest)
{
	const char	*prefix = first;
	size_t		 i = 0, col, w, avail, pw, cut;
	int		 empty;

	while (i <= len) {
		/* one hard line: s[i..e) */
		size_t e = i;

		while (e < len && s[e] != '\n')
			e++;
		buf_adds(out, prefix);
		/*
		 * NOTE: unwrapped, a line is its words with one space
		 * between: copied in runs, not word by word with their
		 * widths counted (the digest excerpts of a poll)
		 */
		if (width <= 0) {
			while (i < e && s[i] == ' ')
				i++;
			while (i < e) {
				size_t r = i;

				while (i < e && s[i] != ' ')
					i++;
				while (i + 1 < e && s[i] == ' ' &&
				    s[i + 1] != ' ')
					for (i++; i < e && s[i] != ' '; i++)
						;
				buf_add(out, s + r, i - r);
				while (i < e && s[i] == ' ')
					i++;
				if (i < e)
					buf_addc(out, ' ');
			}
			i = e;
		}
		pw = cp_count(prefix, strlen(prefix));
		col = pw;
		empty = 1;
		while (i < e) {
			size_t w0;

			while (i < e && s[i] == ' ')
				i++;
			if (i >= e)
				break;
			w0 = i;
			while (i < e && s[i] != ' ')
				i++;
			w = cp_count(s + w0, i - w0);
			if (width <= 0) {
				if (!empty)
					buf_addc(out, ' ');
				buf_add(out, s + w0, i - w0);
				empty = 0;
				continue;
			}
			avail = cols_after(width, pw);
			if (!empty && col + 1 + w > pw + avail) {
				prefix = rest;
				col = pw = next_line(out, prefix);
				avail = cols_after(width, pw);
				empty = 1;
			}
			if (!empty) {
				buf_addc(out, ' ');
				col++;
			}
			/* a word longer than the line is split */
			while (w > avail - (col - pw)) {
				cut = cp_bytes(s + w0, i - w0,
				    avail - (col - pw));
				buf_add(out, s + w0, cut);
				prefix = rest;
				col = pw = next_line(out, prefix);
				avail = cols_after(width, pw);
				w0 += cut;
				w = cp_count(s + w0, i - w0);
			}
			buf_add(out, s + w0, i - w0);
			col += w;
			empty = 0;
		}
		/* no trailing blanks from an empty prefix line */
		while (out->len > 0 && out->s[out->len - 1] == ' ')
			buf_truncate(out, out->len - 1);
		buf_addc(out, '\n');
		prefix = rest;
		i = e + 1;
	}
}

void
htmltext_wrap(struct buf *out, const char *text, size_t len, int width,
    const char *indent)
{
	struct buf	 safe = BUF_INIT, col = BUF_INIT;
	size_t		 i;
	int		 c;

	if (indent == NULL)
		indent = "";
	str_term_safe(&safe, text, len);
	for (i = 0; i < safe.len; i++) {
		c = (unsigned char)safe.s[i];
		if (c == '\n') {
			while (col.len > 0 && col.s[col.len - 1] == ' ')
				buf_truncate(&col, col.len - 1);
			buf_addc(&col, '\n');
		} else if (ht_space(c)) {
			if (col.len > 0 && col.s[col.len - 1] != ' ' &&
			    col.s[col.len - 1] != '\n')
				buf_addc(&col, ' ');
		} else
			buf_addc(&col, c);
	}
	while (col.len > 0 && (col.s[col.len - 1] == ' ' ||
	    col.s[col.len - 1] == '\n'))
		buf_truncate(&col, col.len - 1);
	if (col.len > 0)
		wrap(out, col.s, col.len, width, indent, indent);
	buf_release(&safe);
	buf_release(&col);
}

/* ---- rendering ---- */

static size_t
indent_of(const struct ht *ht)
{
	return (size_t)ht->quote * 4 + (size_t)ht->dd * 4 +
	    (ht->nlist > 1 ? (size_t)(ht->nlist - 1) * 2 : 0);
}

/* writes the pending paragraph */
static void
flush(struct ht *ht)
{
	struct buf	 first = BUF_INIT, rest = BUF_INIT;
	struct buf	*p = &ht->para;
	size_t		 ind, i, e;
	int		 ul;

	while (p->len > 0 && (p->s[p->len - 1] == ' ' ||
	    p->s[p->len - 1] == '\n'))
		buf_truncate(p, p->len - 1);
	if (p->len == 0 && ht->bullet[0] == '\0') {
		buf_reset(p);
		return;
	}
	if (ht->out->len > ht->start && ht->gap > 0)
		buf_addc(ht->out, '\n');
	ht->gap = 0;
	ind = indent_of(ht);
	add_spaces(&first, ind);
	buf_adds(&first, ht->bullet);
	add_spaces(&rest, ind + strlen(ht->bullet));
	ht->bullet[0] = '\0';
	if (ht->pre) {
		/* kept as written, only indented */
		for (i = 0; i <= p->len; i = e + 1) {
			for (e = i; e < p->len && p->s[e] != '\n'; e++)
				;
			buf_adds(ht->out, i == 0 ? first.s : rest.s);
			buf_add(ht->out, p->s + i, e - i);
			buf_addc(ht->out, '\n');
		}
	} else if (p->len > 0) {
		wrap(ht->out, p->s, p->len, ht->width, first.s, rest.s);
		if (ht->heading == 1 || ht->heading == 2) {
			ul = ht->heading == 1 ? '=' : '-';
			e = cp_count(p->s, p->len);
			if (ht->width > 0 && e > (size_t)ht->width - ind &&
			    (size_t)ht->width > ind)
				e = (size_t)ht->width - ind;
			add_spaces(ht->out, ind);
			for (i = 0; i < e; i++)
				buf_addc(ht->out, ul);
			buf_addc(ht->out, '\n');
		}
	} else
		wrap(ht->out, "", 0, ht->width, first.s, rest.s);
	buf_reset(p);
	buf_release(&first);
	buf_release(&rest);
}

/* a block boundary: flush, and ask for a blank line when gap */
static void
block(struct ht *ht, int gap)
{
	flush(ht);
	if (gap > ht->gap)
		ht->gap = gap;
}

/* 1 when s[0..len) is printable ASCII: str_term_safe would copy it */
static int
plain_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * inline text: made terminal-safe, whitespace collapsed outside <pre>.
 * NOTE: runs of bytes are appended at once: this is most of a digest.
 */
static void
text(struct ht *ht, const char *s, size_t len)
{
	struct buf	*p = &ht->para;
	const char	*t, *end, *run;
	size_t		 i;

	if (ht->skip || len == 0)
		return;
	if (plain_ascii(s, len))
		t = s;
	else {
		buf_reset(&ht->tmp);
		str_term_safe(&ht->tmp, s, len);
		t = ht->tmp.s;
		len = ht->tmp.len;
	}
	end = t + len;
	if (ht->pre) {
		while (t < end) {
			for (run = t; t < end && *t != '\r' && *t != '\t'; t++)
				;
			buf_add(p, run, (size_t)(t - run));
			for (i = 0; run + i < t; i++)
				if (!ht_space((unsigned char)run[i]))
					ht->nonspace++;
			if (t < end) {
				if (*t == '\t')
					buf_adds(p, "    ");
				t++;
			}
		}
		return;
	}
	while (t < end) {
		if (ht_space((unsigned char)*t)) {
			while (t < end && ht_space((unsigned char)*t))
				t++;
			if (p->len > 0 && p->s[p->len - 1] != ' ' &&
			    p->s[p->len - 1] != '\n')
				buf_addc(p, ' ');
			continue;
		}
		for (run = t; t < end && !ht_space((unsigned char)*t); t++)
			;
		buf_add(p, run, (size_t)(t - run));
		ht->nonspace += (size_t)(t - run);
	}
}

static void
line_break(struct ht *ht)
{
	struct buf *p = &ht->para;

	while (p->len > 0 && p->s[p->len - 1] == ' ')
		buf_truncate(p, p->len - 1);
	buf_addc(p, '\n');
}

/* the value of attribute name of t, decoded, into b; -1 if none */
static int
attr(const struct html_tag *t, const char *name, struct buf *b)
{
	const struct html_attr *a;

	buf_reset(b);
	if ((a = html_tag_attr(t, name)) == NULL)
		return -1;
	html_attr_decode(b, a->val, a->vlen);
	return 0;
}

static size_t
link_number(struct htmltext_links *l, const char *url)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->url[i], url) == 0)
			return i + 1;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->url = xreallocarray(l->url, l->cap, sizeof(*l->url));
	}
	l->url[l->n++] = xstrdup(url);
	return l->n;
}

static int
is(const char *name, const char *a)
{
	return strcmp(name, a) == 0;
}

static int
is_heading(const char *name)
{
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0';
}

/* gap 1 (a blank line) around these, 0 (a new line) around the others */
static int
block_gap(const char *name)
{
	static const char *const para[] = {
		"address", "article", "aside", "blockquote", "center",
		"details", "dl", "fieldset", "figure", "footer", "form",
		"header", "hr", "nav", "ol", "p", "pre", "section", "table",
		"ul",
	};
	static const char *const line[] = {
		"caption", "dd", "dialog", "div", "dt", "figcaption",
		"legend", "li", "main", "summary", "tr",
	};
	size_t i;

	if (is_heading(name))
		return 1;
	for (i = 0; i < sizeof(para) / sizeof(para[0]); i++)
		if (is(name, para[i]))
			return 1;
	for (i = 0; i < sizeof(line) / sizeof(line[0]); i++)
		if (is(name, line[i]))
			return 0;
	return -1;
}

/* 1 once the text asked for is there (htmltext_render_max()) */
static int
full(const struct ht *ht)
{
	return ht->nonspace >= ht->max;
}

static int
start_tag(void *ud, const struct html_tag *t)
{
	struct ht	*ht = ud;
	const char	*name = t->name;
	struct buf	 v = BUF_INIT;
	long		 start;
	int		 gap;
	char		*end;

	if (is(name, "head") || is(name, "template")) {
		ht->skip++;
		return 0;
	}
	if (is(name, "br")) {
		line_break(ht);
		return 0;
	}
	if (is(name, "img")) {
		if (attr(t, "alt", &v) == 0 && v.len > 0) {
			text(ht, " [image: ", 9);
			text(ht, v.s, v.len);
			text(ht, "] ", 2);
		} else
			text(ht, " [image] ", 9);
		buf_release(&v);
		return full(ht);
	}
	if (is(name, "a")) {
		ht->link = 0;
		if (ht->links != NULL && attr(t, "href", &v) == 0) {
			buf_reset(&ht->tmp);
			str_term_safe(&ht->tmp, v.s, v.len);
			if (ht->tmp.len > 0 && ht->tmp.s[0] != '#')
				ht->link = link_number(ht->links, ht->tmp.s);
		}
		buf_release(&v);
		return 0;
	}
	if (is(name, "td") || is(name, "th")) {
		if (ht->para.len > 0 && !ht->skip) {
			while (ht->para.len > 0 &&
			    ht->para.s[ht->para.len - 1] == ' ')
				buf_truncate(&ht->para, ht->para.len - 1);
			buf_adds(&ht->para, " | ");
		}
		return 0;
	}
	gap = block_gap(name);
	if (gap < 0)
		return 0;
	if ((is(name, "ul") || is(name, "ol")) && ht->nlist > 0)
		gap = 0;	/* a nested list follows its item */
	block(ht, gap);
	if (is(name, "hr")) {
		size_t n = ht->width > 0 ? (size_t)ht->width : 40;

		if (n > indent_of(ht) + 40)
			n = indent_of(ht) + 40;
		if (ht->out->len > ht->start)
			buf_addc(ht->out, '\n');
		add_spaces(ht->out, indent_of(ht));
		while (n-- > indent_of(ht))
			buf_addc(ht->out, '-');
		buf_addc(ht->out, '\n');
		ht->gap = 1;
	} else if (is(name, "pre")) {
		ht->pre++;
	} else if (is(name, "blockquote")) {
		ht->quote++;
	} else if (is(name, "dd")) {
		ht->dd++;
	} else if (is_heading(name)) {
		ht->heading = name[1] - '0';
	} else if (is(name, "ul") || is(name, "ol")) {
		if (ht->nlist < HT_LISTS) {
			ht->list[ht->nlist].ordered = is(name, "ol");
			start = 1;
			if (attr(t, "start", &v) == 0) {
				start = strtol(v.s, &end, 10);
				if (end == v.s || start < -99999 ||
				    start > 99999)
					start = 1;
			}
			ht->list[ht->nlist].n = start;
		}
		ht->nlist++;
		buf_release(&v);
	} else if (is(name, "li")) {
		if (ht->nlist > 0 && ht->nlist <= HT_LISTS &&
		    ht->list[ht->nlist - 1].ordered)
			snprintf(ht->bullet, sizeof(ht->bullet), "%ld. ",
			    ht->list[ht->nlist - 1].n++);
		else
			snprintf(ht->bullet, sizeof(ht->bullet), "* ");
	}
	return 0;
}

static int
end_tag(void *ud, const struct html_tag *t)
{
	struct ht	*ht = ud;
	const char	*name = t->name;
	char		 mark[32];
	int		 gap;

	if (is(name, "head") || is(name, "template")) {
		if (ht->skip > 0)
			ht->skip--;
		return 0;
	}
	if (is(name, "a")) {
		if (ht->link > 0) {
			snprintf(mark, sizeof(mark), "[%zu]", ht->link);
			while (ht->para.len > 0 &&
			    ht->para.s[ht->para.len - 1] == ' ')
				buf_truncate(&ht->para, ht->para.len - 1);
			buf_adds(&ht->para, mark);
		}
		ht->link = 0;
		return 0;
	}
	if (is(name, "tr")) {
		block(ht, 0);
		return 0;
	}
	gap = block_gap(name);
	if (gap < 0)
		return 0;
	if ((is(name, "ul") || is(name, "ol")) && ht->nlist > 1)
		gap = 0;
	block(ht, gap);
	if (is(name, "pre") && ht->pre > 0)
		ht->pre--;
	else if (is(name, "blockquote") && ht->quote > 0)
		ht->quote--;
	else if (is(name, "dd") && ht->dd > 0)
		ht->dd--;
	else if (is_heading(name))
		ht->heading = 0;
	else if ((is(name, "ul") || is(name, "ol")) && ht->nlist > 0)
		ht->nlist--;
	else if (is(name, "li"))
		ht->bullet[0] = '\0';
	return 0;
}

static int
text_cb(void *ud, const char *s, size_t len)
{
	struct ht *ht = ud;

	text(ht, s, len);
	return full(ht);
}

static const struct html_tok_ops ht_ops = {
	start_tag, end_tag, text_cb, NULL, NULL, 0,
};

void
htmltext_render(struct buf *out, const char *html, size_t len, int width,
    struct htmltext_links *links)
{
	htmltext_render_max(out, html, len, width, links, (size_t)-1);
}

int
htmltext_render_max(struct buf *out, const char *html, size_t len,
    int width, struct htmltext_links *links, size_t max)
{
	struct ht	 ht;
	int		 stopped;

	memset(&ht, 0, sizeof(ht));
	ht.out = out;
	ht.start = out->len;
	ht.links = links;
	ht.width = width;
	ht.max = max;
	buf_init(&ht.para, 0);
	buf_init(&ht.tmp, 0);
	/*
	 * NOTE: stopped between callbacks: all the text so far is in para
	 * or out, in the order the whole would have it
	 */
	stopped = len > 0 && (max == 0 || html_tok(html, len, &ht_ops, &ht));
	flush(&ht);
	buf_release(&ht.para);
	buf_release(&ht.tmp);
	return stopped;
}

void
htmltext_links_print(struct buf *out, const struct htmltext_links *links)
{
	size_t i;

	for (i = 0; i < links->n; i++) {
		buf_addf(out, "[%zu] ", i + 1);
		str_term_safe(out, links->url[i], strlen(links->url[i]));
		buf_addc(out, '\n');
	}
}

void
htmltext_links_release(struct htmltext_links *links)
{
	size_t i;

	for (i = 0; i < links->n; i++)
		free(links->url[i]);
	free(links->url);
	links->url = NULL;
	links->n = links->cap = 0;
}

void
htmltext_brief(struct buf *out, const char *html, size_t max)
{
	struct buf	 body = BUF_INIT;
	char		*r, *w;
	size_t		 len, cut;
	int		 sp = 0;

	if (html == NULL)
		return;
	/* NOTE: a bounded prefix: a digest of long posts stays fast */
	len = strnlen(html, HTMLTEXT_BRIEF_HTML);
	/*
	 * NOTE: only the text the cut below looks at is made: with max + 1
	 * bytes that are not blanks the squeezed text holds body.s[0..max]
	 * as the whole would, so the result is the same
	 */
	htmltext_render_max(&body, html, len, 0, NULL, max + 1);
	if (body.len == 0) {
		buf_release(&body);
		return;
	}
	/* newlines and tabs as spaces, runs squeezed (str_squeeze) */
	for (r = w = body.s; *r; r++) {
		if (isspace((unsigned char)*r)) {
			sp = 1;
			continue;
		}
		if (sp && w != body.s)
			*w++ = ' ';
		sp = 0;
		*w++ = *r;
	}
	*w = '\0';
	body.len = (size_t)(w - body.s);
	if (body.len > max) {
		cut = max;
		while (cut > 0 && body.s[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = max;
		/* never cut a UTF-8 sequence */
		while (cut > 0 &&
		    ((unsigned char)body.s[cut] & 0xc0) == 0x80)
			cut--;
		buf_truncate(&body, cut);
		buf_adds(&body, " ...");
	}
	buf_add(out, body.s, body.len);
	buf_release(&body);
}
