/*
 * render/render.c: the table of digest formats for render_find() and
 * the helpers several formats share: the date an item is shown with,
 * XML escaping (html, atom), a plain-text summary (text, markdown, ics).
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "render/render.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"


static const struct render_ops *const renderers[] = {
	&render_text_ops,
	&render_markdown_ops,
	&render_html_ops,
	&render_email_ops,
	&render_json_ops,
	&render_atom_ops,
};

const struct render_ops *
render_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(renderers); i++) {
		if (strcmp(renderers[i]->name, name) == 0)
			return renderers[i];
	}
	return NULL;
}

void
render_flush(struct buf *out, const struct render_opts *o, int all)
{
	if (o == NULL || o->write == NULL || out->len == 0 ||
	    (!all && out->len < RENDER_CHUNK))
		return;
	(void)o->write(out->s, out->len, o->write_arg);
	buf_reset(out);
}

/* soonest first; by id between events that start together */
static int
upcoming_cmp(const void *a, const void *b)
{
	const struct digest_entry *x = *(const struct digest_entry *const *)a;
	const struct digest_entry *y = *(const struct digest_entry *const *)b;

	if (x->item.event_start != y->item.event_start)
		return x->item.event_start < y->item.event_start ? -1 : 1;
	return (x->item.id > y->item.id) - (x->item.id < y->item.id);
}

const struct digest_entry **
render_upcoming(const struct digest *d, time_t now, size_t *n)
{
	const struct digest_entry	**v = NULL;
	time_t				  end = now +
					      RENDER_UPCOMING_DAYS * 86400;
	size_t				  i;

	*n = 0;
	/* NOTE: d->entries holds each item once; merged ones are shown
	 * under another entry */
	for (i = 0; i < d->nentries; i++) {
		const struct digest_entry *de = &d->entries[i];

		if (de->merged || de->item.event_start == TIME_NONE ||
		    de->item.event_start >= end)
			continue;
		/* an all-day event is still to come on its day */
		if (de->item.event_allday ?
		    de->item.event_start + 86400 <= now :
		    de->item.event_start < now)
			continue;
		v = xreallocarray(v, *n + 1, sizeof(*v));
		v[(*n)++] = de;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), upcoming_cmp);
	return v;
}

time_t
render_item_time(const struct store_item *it)
{
	if (it->published != TIME_NONE)
		return it->published;
	if (it->updated != TIME_NONE)
		return it->updated;
	return it->first_seen;
}

const char *
render_host(const struct render_opts *o)
{
	return o && o->host && *o->host ? o->host : "crier.invalid";
}

void
render_item_hash(const struct store_item *it, char h[17])
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, it->feed_url ? it->feed_url : "");
	buf_addc(&b, '\n');
	if (it->guid)
		buf_adds(&b, it->guid);
	else if (it->canonical_link)
		buf_adds(&b, it->canonical_link);
	else
		buf_addf(&b, "%lld", it->id);
	str_hash64(b.s, b.len, h);
	buf_release(&b);
}

/* 1 when the string is valid UTF-8 (utf8_sanitize would copy it) */
static int
utf8_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	for (;;) {
		while (*p != 0 && *p < 0x80)
			p++;
		if (*p == 0)
			return 1;
		/* NOTE: a sequence never holds a NUL: the bound is safe */
		n = utf8_valid_prefix(p, strnlen((const char *)p, 4));
		if (n == 0)
			return 0;
		p += n;
	}
}

void
render_xml_escape(struct buf *out, const char *s)
{
	struct buf	 u = BUF_INIT;
	const char	*p, *run;

	if (s == NULL)
		return;
	/* NOTE: valid UTF-8 (nearly always) is escaped without a copy */
	if (!utf8_valid(s)) {
		utf8_sanitize(&u, s, strlen(s));
		s = u.s;
	}
	/* NOTE: runs of plain bytes are copied at once: digests are big */
	for (p = run = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c != '&' && c != '<' && c != '>' && c != '"' &&
		    c != '\'' && (c >= 0x20 || c == '\t' || c == '\n' ||
		    c == '\r') && c != 0xef)
			continue;
		buf_add(out, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		case 0xef:
			/* U+FFFE and U+FFFF are not XML characters */
			if ((unsigned char)p[1] == 0xbf &&
			    ((unsigned char)p[2] == 0xbe ||
			    (unsigned char)p[2] == 0xbf))
				p += 2;
			else
				buf_addc(out, *p);
			run = p + 1;
			break;
		default:
			/* XML 1.0 2.2: no C0 controls but tab, CR, LF */
			break;
		}
	}
	buf_add(out, run, (size_t)(p - run));
	buf_release(&u);
}

void
render_summary(struct buf *out, const struct store_item *it, size_t max)
{
	/* NOTE: the stored excerpt is this one: no body was read */
	if (it->brief != NULL && max == HTMLTEXT_BRIEF_MAX) {
		str_term_safe(out, it->brief, strlen(it->brief));
		return;
	}
	htmltext_brief(out, it->summary && *it->summary ? it->summary :
	    it->content, max);
}

int
render_enclosure_next(const char **p, struct render_enclosure *e)
{
	const char	*s = *p, *f;
	size_t		 n;
	long long	 len = 0;

	buf_reset(&e->url);
	buf_reset(&e->type);
	e->length = -1;
	while (s && *s == '\x1e')
		s++;
	if (s == NULL || *s == '\0')
		return 0;
	n = strcspn(s, "\x1f\x1e");
	buf_add(&e->url, s, n);
	s += n;
	if (*s == '\x1f') {
		n = strcspn(++s, "\x1f\x1e");
		buf_add(&e->type, s, n);
		s += n;
	}
	if (*s == '\x1f') {
		/* digits only, as the store wrote them; else unknown */
		for (f = ++s; is_digit(*s) && len < LLONG_MAX / 10; s++)
			len = len * 10 + (*s - '0');
		if (s > f && (*s == '\0' || *s == '\x1e'))
			e->length = len;
		s += strcspn(s, "\x1e");
	}
	*p = s;
	return 1;
}

const char *
render_brief(const struct store_item *it, struct buf *tmp)
{
	size_t len;

	if (it->brief == NULL)
		return NULL;
	len = strlen(it->brief);
	if (!str_term_unsafe(it->brief, len))
		return it->brief;
	buf_reset(tmp);
	str_term_safe(tmp, it->brief, len);
	return tmp->s;
}
