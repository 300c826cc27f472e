/*
 * render/render-text.c: the `text` digest, wrapped for a terminal, and
 * the text helpers the reading commands share (dates, one-line titles,
 * wrapping, HTML bodies as text with numbered links).  Every string from
 * a feed goes through str_term_safe() before it is printed, or through
 * a check that it would leave the string as it is (inline_plain()).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmltext.h"
#include "parse/html-tok.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define SUMMARY_MAX	HTMLTEXT_BRIEF_MAX /* bytes of summary text shown */

void
render_date(char *out, size_t len, time_t t)
{
	char	s[21];
	size_t	n;

	if (len == 0)
		return;
	if (time_rfc3339(t, s, sizeof(s)) == -1) {
		snprintf(out, len, "-");
		return;
	}
	/* 2022-10-20T09:00:00Z -> 2022-10-20 09:00 */
	s[10] = ' ';
	s[16] = '\0';
	n = len - 1 < 16 ? len - 1 : 16;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* "2022-10-27 13:00" in UTC (utc) or the local zone, with the zone */
static void
event_when(struct buf *out, time_t t, int utc, int date_only)
{
	struct tm	tm;
	char		s[64];

	if (utc ? gmtime_r(&t, &tm) == NULL : localtime_r(&t, &tm) == NULL)
		return;
	if (strftime(s, sizeof(s), date_only ? "%Y-%m-%d" : utc ?
	    "%Y-%m-%d %H:%M UTC" : "%Y-%m-%d %H:%M %Z", &tm) > 0)
		buf_adds(out, s);
}

static void
event_span(struct buf *out, const struct store_item *it, int utc,
    int date_only)
{
	event_when(out, it->event_start, utc, date_only);
	if (it->event_end != TIME_NONE && it->event_end > it->event_start) {
		buf_adds(out, " - ");
		event_when(out, it->event_end, utc, date_only);
	}
}

void
render_event(struct buf *out, const struct store_item *it, int how)
{
	struct tm	tm;
	int		local;

	if (it->event_start == TIME_NONE)
		return;
	if (it->event_allday) {
		event_span(out, it, 1, 1);
		buf_addf(out, "  %s", _("(time not announced)"));
		return;
	}
	local = (how & RENDER_EVENT_LOCAL) &&
	    localtime_r(&it->event_start, &tm) != NULL && tm.tm_gmtoff != 0;
	if (how & RENDER_EVENT_UTC) {
		event_span(out, it, 1, 0);
		if (!local)
			return;
		buf_adds(out, "  (");
		event_span(out, it, 0, 0);
		buf_addc(out, ')');
	} else if (local)
		event_span(out, it, 0, 0);
}

void
render_window(struct buf *out, const struct digest *d)
{
	char	since[32], until[32];

	render_date(since, sizeof(since), d->since);
	render_date(until, sizeof(until), d->until);
	if (d->since != TIME_NONE)
		/* TRANSLATORS: "N items from DATE to DATE (UTC)" */
		buf_addf(out, Q_("%zu item from %s to %s (UTC)",
		    "%zu items from %s to %s (UTC)", d->nshown), d->nshown,
		    since, until);
	else
		buf_addf(out, Q_("%zu item", "%zu items", d->nshown),
		    d->nshown);
}

/* ---- HTML to one line of text ---- */

/* callbacks on the tokenizer (parse/html-tok.c) that write the text of
 * HTML on one line: every tag is a space, blanks runs of one */
static int
line_tag(void *ud, const struct html_tag *t)
{
	struct buf *b = ud;

	(void)t;
	if (b->len > 0 && b->s[b->len - 1] != ' ')
		buf_addc(b, ' ');
	return 0;
}

static int
line_text(void *ud, const char *s, size_t len)
{
	html_text_squeeze(ud, s, len);
	return 0;
}

static int
line_ref(void *ud, const char *s, size_t len)
{
	buf_add(ud, s, len);
	return 0;
}

static const struct html_tok_ops line_ops = {
	line_tag, line_tag, line_text, line_ref, NULL, 1,
};

/*
 * 1 when line_ops, str_term_safe() and the squeezing in
 * render_inline() leave html as it is: no markup, no entity, no control,
 * valid UTF-8 without C1 or bidi controls, no space that isspace() sees but
 * single ones between words.  Nearly every title is like that.
 */
static int
inline_plain(const char *html, size_t *lenp)
{
	/*
	 * ASCII: 0 kept as it is, 1 a space, 2 anything else (markup, an
	 * entity, a control); a byte from 0x80 starts a UTF-8 sequence.
	 * NOTE: isspace() is the same in every locale for ASCII.
	 */
	static const unsigned char cls[128] = {
		2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
		2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
		1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
	};
	const unsigned char	*p = (const unsigned char *)html, *q;
	size_t			 n;

	if (*p == ' ')
		return 0;
	for (;;) {
		while (*p && *p < 0x80 && cls[*p] == 0)
			p++;
		if (*p == '\0')
			break;
		if (*p < 0x80) {
			if (cls[*p] == 2 || p[1] == ' ' || p[1] == '\0')
				return 0;
			p++;		/* a single space between words */
			continue;
		}
		/* NOTE: utf8_seq() stops at the first byte that does not
		 * continue the sequence, the NUL too: 4 is a safe bound */
		n = utf8_seq(p, 4);
		if (n == 0 || utf8_term_control(p, n))
			return 0;
		for (q = p; q < p + n; q++) {
			if (isspace(*q))
				return 0;
		}
		p += n;
	}
	*lenp = (size_t)(p - (const unsigned char *)html);
	return 1;
}

void
render_inline(struct buf *out, const char *html)
{
	struct buf	plain = BUF_INIT;
	size_t		i, start = out->len;
	char		*s;

	if (html == NULL)
		return;
	if (inline_plain(html, &i)) {
		buf_add(out, html, i);
		return;
	}
	html_tok(html, strlen(html), &line_ops, &plain);
	/* NOTE: made safe, then squeezed, in place at the end of out */
	str_term_safe(out, plain.s, plain.len);
	s = out->s + start;
	for (i = 0; i < out->len - start; i++) {
		if (s[i] == '\n' || s[i] == '\t')
			s[i] = ' ';
	}
	if (out->len > start) {
		str_squeeze(s);
		out->len = start + strlen(s);
	}
	buf_release(&plain);
}

/*
 * the columns of len bytes of UTF-8: the bytes that are not
 * continuation bytes (10xxxxxx), counted eight at a time
 */
static size_t
ncols(const char *s, size_t len)
{
	uint64_t	x, m;
	size_t		i = 0, cont = 0;

	for (; len - i >= 8; i += 8) {
		memcpy(&x, s + i, 8);
		/* bit 7 of each byte: set when bit 7 is and bit 6 is not */
		m = x & ~(x << 1) & 0x8080808080808080ULL;
		cont += (size_t)(((m >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++)
		cont += ((unsigned char)s[i] & 0xc0) == 0x80;
	return len - cont;
}

/*
 * NOTE: the room a line can take is made first and the words are
 * copied into it as they are measured, in one pass.  A line of n bytes
 * has at most (n + 1) / 2 words, each after a space or a newline and an
 * indent.
 */
void
render_wrap(struct buf *out, const char *text, int width, const char *indent)
{
	const char	*p = text, *eol, *w, *we;
	size_t		 col, il = strlen(indent), ind = ncols(indent, il);
	size_t		 n, wl, room, fit;
	char		*o;
	int		 single;

	if (width <= 0)
		width = 72;
	/* NOTE: runs of spaces are squeezed word by word */
	single = strstr(text, "  ") == NULL;
	while (*p) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		n = (size_t)(eol - p);
		room = n / 2 + 1;
		/* NOTE: only a bounded buffer (none renders) can refuse */
		if (n > SIZE_MAX / 8 || il > SIZE_MAX / 8 ||
		    room > SIZE_MAX / 4 / (il + 1) ||
		    buf_grow(out, il + n + room * (il + 1) + 1) == -1)
			return;
		o = out->s + out->len;
		memcpy(o, indent, il);
		o += il;
		col = ind;
		for (w = p; w < eol; w = we) {
			while (w < eol && *w == ' ')
				w++;
			if (w == eol)
				break;
			/*
			 * After a word, the words in the next width - col - 1
			 * bytes fit, as they take no more columns than
			 * bytes: copied at once, as they are when their
			 * spaces are single ones
			 */
			if (single && col > ind && (size_t)width > col + 1) {
				fit = (size_t)width - col - 1;
				if ((size_t)(eol - w) <= fit) {
					we = eol;
					while (we > w && we[-1] == ' ')
						we--;
				} else
					for (we = w + fit; we > w && *we != ' ';
					    we--)
						;
				if (we > w) {
					*o++ = ' ';
					memcpy(o, w, (size_t)(we - w));
					o += we - w;
					col += 1 + ncols(w, (size_t)(we - w));
					continue;
				}
			}
			wl = 0;
			for (we = w; we < eol && *we != ' '; we++)
				wl += ((unsigned char)*we & 0xc0) != 0x80;
			if (col > ind && col + 1 + wl > (size_t)width) {
				*o++ = '\n';
				memcpy(o, indent, il);
				o += il;
				col = ind;
			} else if (col > ind) {
				*o++ = ' ';
				col++;
			}
			memcpy(o, w, (size_t)(we - w));
			o += we - w;
			col += wl;
		}
		*o++ = '\n';
		*o = '\0';
		out->len = (size_t)(o - out->s);
		p = *eol ? eol + 1 : eol;
	}
}

void
render_body(struct buf *out, const char *html, int width, struct buf *links)
{
	struct htmltext_links lk = HTMLTEXT_LINKS_INIT;

	if (html == NULL)
		return;
	htmltext_render(out, html, strlen(html), width, links ? &lk : NULL);
	if (links)
		htmltext_links_print(links, &lk);
	htmltext_links_release(&lk);
}

/* ---- SPEC.md `list --json` ---- */

/* "enclosures": [{"url", "type", "length"}...] as in `parse --json` */
static void
json_enclosures(struct buf *b, int *first, const char *stored)
{
	struct render_enclosure	 e = RENDER_ENCLOSURE_INIT;
	const char		*p = stored;
	int			 efirst, n = 0;

	json_obj_key(b, first, "enclosures");
	buf_addc(b, '[');
	while (render_enclosure_next(&p, &e)) {
		if (e.url.len == 0)
			continue;
		buf_adds(b, n++ ? ",{" : "{");
		efirst = 1;
		json_obj_str(b, &efirst, "url", e.url.s);
		json_obj_str(b, &efirst, "type", e.type.s);
		if (e.length >= 0)
			json_obj_int(b, &efirst, "length", e.length);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
	buf_release(&e.url);
	buf_release(&e.type);
}

void
render_item_json(struct buf *b, const struct store_item *it,
    const char *ftitle)
{
	int	first = 1, efirst = 1;

	buf_addc(b, '{');
	json_obj_int(b, &first, "id", it->id);
	json_obj_str(b, &first, "guid", it->guid);
	json_obj_str(b, &first, "feed", it->feed_url);
	json_obj_str(b, &first, "feed_title", ftitle);
	json_obj_str(b, &first, "title", it->title);
	json_obj_str(b, &first, "link", it->link);
	json_obj_time(b, &first, "published", it->published);
	json_obj_time(b, &first, "updated", it->updated);
	json_obj_time(b, &first, "first_seen", it->first_seen);
	json_obj_key(b, &first, "tags");
	json_strv(b, it->tags, it->ntags);
	json_obj_bool(b, &first, "unread", it->unread);
	if (it->event_start != TIME_NONE) {
		json_obj_key(b, &first, "event");
		buf_addc(b, '{');
		json_obj_time(b, &efirst, "start", it->event_start);
		json_obj_time(b, &efirst, "end", it->event_end);
		buf_addc(b, '}');
	}
	if (it->enclosures && *it->enclosures)
		json_enclosures(b, &first, it->enclosures);
	buf_adds(b, "}\n");
}

/* ---- the text digest ---- */

static void
text_entry(struct buf *out, const struct digest_entry *de, int width,
    struct buf *t, struct buf *body)
{
	const struct store_item	*it = &de->item;
	char			 date[32];
	size_t			 i;

	/* NOTE: t and body are the caller's, reused: no malloc per item */
	buf_reset(t);
	render_inline(t, it->title && *it->title ? it->title :
	    _("(untitled)"));
	buf_adds(out, "  * ");
	/* wrapped with the indent of the lines after, less the first's */
	buf_reset(body);
	render_wrap(body, t->len ? t->s : "", width, "    ");
	if (body->len > 4)
		buf_add(out, body->s + 4, body->len - 4);
	render_date(date, sizeof(date), it->published != TIME_NONE ?
	    it->published : it->updated != TIME_NONE ? it->updated :
	    it->first_seen);
	buf_adds(out, "    ");
	buf_adds(out, date);
	if (it->link) {
		buf_adds(out, "  ");
		str_term_safe(out, it->link, strlen(it->link));
	}
	buf_addc(out, '\n');
	if (it->event_start != TIME_NONE) {
		buf_reset(t);
		buf_addf(t, "%s ", _("event:"));
		render_event(t, it, RENDER_EVENT_UTC);
		render_wrap(out, t->s, width, "    ");
		/* the local times on a line of their own, under the UTC */
		buf_reset(t);
		render_event(t, it, RENDER_EVENT_LOCAL);
		if (t->len > 0 && !it->event_allday) {
			/* NOTE: columns, not bytes: "événement :" */
			buf_addf(out, "    %*s", (int)ncols(_("event:"),
			    strlen(_("event:"))), "");
			buf_addf(out, " %s\n", t->s);
		}
	}
	if (de->nalso > 0) {
		buf_reset(t);
		buf_addf(t, "%s ", _("also in:"));
		for (i = 0; i < de->nalso; i++) {
			if (i)
				buf_adds(t, ", ");
			render_inline(t, de->also_in[i]);
		}
		render_wrap(out, t->s, width, "    ");
	}
	if (it->brief != NULL)
		/* NOTE: render_summary() would copy it as it is */
		render_wrap(out, render_brief(it, body), width, "    ");
	else {
		buf_reset(body);
		render_summary(body, it, SUMMARY_MAX);
		if (body->len > 0)
			render_wrap(out, body->s, width, "    ");
	}
	buf_addc(out, '\n');
}

/* the events of the coming days, soonest first, before the groups */
static void
text_upcoming(struct buf *out, const struct digest *d,
    const struct render_opts *o, int width, struct buf *t)
{
	const struct digest_entry	**up;
	size_t				  i, n;

	if ((up = render_upcoming(d, o->now, &n)) == NULL)
		return;
	buf_addf(out, "\n== %s ==\n\n", _("Upcoming"));
	for (i = 0; i < n; i++) {
		const struct store_item *it = &up[i]->item;

		buf_reset(t);
		render_event(t, it, RENDER_EVENT_UTC);
		buf_addf(out, "  * %s\n", t->s);
		/* the local times under the UTC ones: a line fits in 72 */
		buf_reset(t);
		render_event(t, it, RENDER_EVENT_LOCAL);
		if (t->len > 0 && !it->event_allday)
			buf_addf(out, "    (%s)\n", t->s);
		buf_reset(t);
		render_inline(t, it->title && *it->title ? it->title :
		    _("(untitled)"));
		render_wrap(out, t->s, width, "    ");
		if (it->link) {
			buf_adds(out, "    ");
			str_term_safe(out, it->link, strlen(it->link));
			buf_addc(out, '\n');
		}
	}
	free(up);
}

static int
text_digest(struct buf *out, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	struct buf	 t = BUF_INIT, body = BUF_INIT;
	size_t		 g, f, i, n;
	int		 width = o->width > 0 ? o->width : 72;

	(void)cause;
	if (o->title)
		render_inline(&t, o->title);
	else
		buf_adds(&t, _("crier digest"));
	buf_addf(out, "%s\n", t.s);
	render_window(out, d);
	buf_addc(out, '\n');
	if (d->nshown == 0) {
		buf_addf(out, "\n%s\n", _("nothing new"));
		buf_release(&t);
		return 0;
	}
	text_upcoming(out, d, o, width, &t);
	for (g = 0; g < d->ngroups; g++) {
		const struct digest_group *gr = &d->groups[g];

		buf_reset(&t);
		if (gr->tag)
			str_term_safe(&t, gr->tag, strlen(gr->tag));
		else
			buf_adds(&t, _("untagged"));
		buf_addf(out, "%s== %s ==\n", g > 0 ? "" : "\n", t.s);
		for (f = 0; f < gr->nfeeds; f++) {
			const struct digest_feed *fd = &gr->feeds[f];

			buf_reset(&t);
			render_inline(&t, fd->title && *fd->title ?
			    fd->title : fd->url);
			buf_addf(out, "\n  %s\n  ", t.s);
			n = ncols(t.s, t.len);
			for (i = 0; i < n && i < (size_t)width - 2; i++)
				buf_addc(out, '-');
			buf_addc(out, '\n');
			for (i = 0; i < fd->nentries; i++) {
				text_entry(out, fd->entries[i], width, &t,
				    &body);
				render_flush(out, o, 0);
			}
		}
	}
	buf_release(&t);
	buf_release(&body);
	return 0;
}

const struct render_ops render_text_ops = {
	"text",
	text_digest,
	RENDER_BRIEF | RENDER_NO_IDS,
};
