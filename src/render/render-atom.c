/*
 * render/render-atom.c: the `atom` digest: one merged Atom 1.0 feed
 * (RFC 4287) of the items in the window, newest first, each once.  The
 * feed and entry ids are tag: URIs (RFC 4151) made from the host, the
 * digest name and a hash of the item's feed and guid, so they stay the
 * same from one run to the next.  Each entry names its tags as
 * categories and its original feed in atom:source (4.2.11).  Titles are
 * plain text; summary and content are sanitized HTML (type="html").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/html-clean.h"
#include "render/render.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define ATOM_TAG_DATE	"2024"

static void
atom_time(struct buf *out, const char *elem, time_t t)
{
	char d[32];

	if (t == TIME_NONE || time_rfc3339(t, d, sizeof(d)) == -1)
		return;
	buf_addf(out, "<%s>%s</%s>\n", elem, d, elem);
}

/* a tag: URI specific part: only characters safe in a URI */
static void
atom_safe(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' ||
		    *s == '_')
			buf_addc(out, *s);
		else
			buf_addc(out, '-');
	}
}

static int
safe_link(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 ||
	    strncmp(s, "https://", 8) == 0);
}

static time_t
entry_updated(const struct store_item *it)
{
	if (it->updated != TIME_NONE)
		return it->updated;
	return render_item_time(it);
}

static void
atom_html(struct buf *out, const char *elem, const char *html,
    const char *base)
{
	struct buf clean = BUF_INIT;

	html_clean(&clean, html, strlen(html), base);
	buf_addf(out, "<%s type=\"html\">", elem);
	render_xml_escape(out, clean.s);
	buf_addf(out, "</%s>\n", elem);
	buf_release(&clean);
}

/* RFC 4287 4.2.7.2: rel="enclosure", length a hint in octets */
static void
atom_enclosures(struct buf *out, const char *stored)
{
	struct render_enclosure	 e = RENDER_ENCLOSURE_INIT;
	const char		*p = stored;

	while (render_enclosure_next(&p, &e)) {
		if (!safe_link(e.url.s))
			continue;
		buf_adds(out, "<link rel=\"enclosure\" href=\"");
		render_xml_escape(out, e.url.s);
		buf_addc(out, '"');
		if (e.type.len > 0) {
			buf_adds(out, " type=\"");
			render_xml_escape(out, e.type.s);
			buf_addc(out, '"');
		}
		if (e.length >= 0)
			buf_addf(out, " length=\"%lld\"", e.length);
		buf_adds(out, "/>\n");
	}
	buf_release(&e.url);
	buf_release(&e.type);
}

static void
atom_entry(struct buf *out, const struct digest_entry *de,
    const struct render_opts *o)
{
	const struct store_item	*it = &de->item;
	struct buf		 t = BUF_INIT;
	char			 h[17];
	size_t			 i;

	buf_adds(out, "<entry>\n<id>tag:");
	atom_safe(out, render_host(o));
	render_item_hash(it, h);
	buf_addf(out, "," ATOM_TAG_DATE ":crier:item:%s</id>\n", h);
	render_inline(&t, it->title && *it->title ? it->title : "(untitled)");
	buf_adds(out, "<title type=\"text\">");
	render_xml_escape(out, t.s);
	buf_adds(out, "</title>\n");
	if (safe_link(it->link)) {
		buf_adds(out, "<link rel=\"alternate\" href=\"");
		render_xml_escape(out, it->link);
		buf_adds(out, "\"/>\n");
	}
	atom_time(out, "updated", entry_updated(it));
	atom_time(out, "published", it->published);
	if (it->author && *it->author) {
		buf_reset(&t);
		render_inline(&t, it->author);
		if (t.len) {
			buf_adds(out, "<author><name>");
			render_xml_escape(out, t.s);
			buf_adds(out, "</name></author>\n");
		}
	}
	for (i = 0; i < it->ntags; i++) {
		buf_adds(out, "<category term=\"");
		render_xml_escape(out, it->tags[i]);
		buf_adds(out, "\"/>\n");
	}
	atom_enclosures(out, it->enclosures);
	if (it->summary && *it->summary)
		atom_html(out, "summary", it->summary, it->link);
	if (it->content && *it->content && (it->summary == NULL ||
	    strcmp(it->summary, it->content) != 0))
		atom_html(out, "content", it->content, it->link);
	buf_adds(out, "<source>\n");
	if (it->feed_url) {
		buf_adds(out, "<id>");
		render_xml_escape(out, it->feed_url);
		buf_adds(out, "</id>\n");
	}
	if (it->feed_title && *it->feed_title) {
		buf_reset(&t);
		render_inline(&t, it->feed_title);
		buf_adds(out, "<title type=\"text\">");
		render_xml_escape(out, t.s);
		buf_adds(out, "</title>\n");
	}
	if (it->feed_url) {
		buf_adds(out, "<link rel=\"self\" href=\"");
		render_xml_escape(out, it->feed_url);
		buf_adds(out, "\"/>\n");
	}
	buf_adds(out, "</source>\n</entry>\n");
	buf_release(&t);
}

static int
atom_digest(struct buf *out, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	struct buf	t = BUF_INIT;
	time_t		updated = TIME_NONE, u;
	size_t		i;

	(void)cause;
	for (i = 0; i < d->nentries; i++) {
		if (d->entries[i].merged)
			continue;
		u = entry_updated(&d->entries[i].item);
		if (u != TIME_NONE && (updated == TIME_NONE || u > updated))
			updated = u;
	}
	if (updated == TIME_NONE)
		updated = o->now;
	buf_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>tag:");
	atom_safe(out, render_host(o));
	buf_adds(out, "," ATOM_TAG_DATE ":crier:digest:");
	atom_safe(out, o->name ? o->name : "all");
	buf_adds(out, "</id>\n<title type=\"text\">");
	if (o->title)
		render_inline(&t, o->title);
	else if (o->name)
		buf_addf(&t, "crier digest %s", o->name);
	else
		buf_adds(&t, "crier digest");
	render_xml_escape(out, t.s);
	buf_adds(out, "</title>\n");
	atom_time(out, "updated", updated);
	buf_adds(out, "<author><name>crier</name></author>\n"
	    "<generator>crier</generator>\n");
	if (o->self && safe_link(o->self)) {
		buf_adds(out, "<link rel=\"self\" href=\"");
		render_xml_escape(out, o->self);
		buf_adds(out, "\"/>\n");
	}
	/* NOTE: flat, newest first; tags are categories, not sections */
	for (i = 0; i < d->nentries; i++) {
		if (!d->entries[i].merged) {
			atom_entry(out, &d->entries[i], o);
			render_flush(out, o, 0);
		}
	}
	buf_adds(out, "</feed>\n");
	buf_release(&t);
	return 0;
}

const struct render_ops render_atom_ops = {
	"atom",
	atom_digest,
	0,
};
