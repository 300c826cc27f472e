/*
 * render/render-html.c: the `html` digest: one complete HTML5 document
 * (charset declared) that reads the same in a browser and a mail client,
 * so styles are inline attributes only (mail clients drop <style> and
 * external sheets) and the layout is a single centred column.  Item
 * bodies go through html_clean() again (allow-listed elements and
 * attributes, no script or event handlers); every other string from a
 * feed is plain text, escaped.  Links are kept only for http(s).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/html-clean.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define HTML_SUMMARY_MAX 600

#define CSS_BODY	"margin:0;padding:16px;background:#f4f4f4;" \
	"color:#222;font-family:Helvetica,Arial,sans-serif;" \
	"font-size:15px;line-height:1.45;"
#define CSS_PAGE	"max-width:680px;margin:0 auto;background:#ffffff;" \
	"padding:16px 24px;border:1px solid #dddddd;"
#define CSS_H1		"font-size:22px;margin:8px 0 4px 0;"
#define CSS_META	"color:#666666;font-size:13px;margin:0 0 8px 0;"
#define CSS_H2		"font-size:18px;margin:24px 0 8px 0;padding:4px 8px;" \
	"background:#eef2f7;border-left:4px solid #3a6ea5;"
#define CSS_H3		"font-size:16px;margin:16px 0 6px 0;color:#333333;"
#define CSS_ITEM	"margin:0 0 14px 0;padding:0 0 10px 0;" \
	"border-bottom:1px solid #eeeeee;"
#define CSS_TITLE	"font-weight:bold;color:#1a4f8b;text-decoration:none;"
#define CSS_EVENT	"color:#8a4b00;font-size:14px;font-weight:bold;" \
	"margin:0 0 6px 0;"
#define CSS_UP		"margin:0 0 6px 0;padding:0;list-style:none;"
#define CSS_TEXT	"margin:6px 0 0 0;overflow-wrap:break-word;"

/* appends html (a title) as escaped plain text */
static void
html_inline(struct buf *out, const char *html)
{
	struct buf t = BUF_INIT;

	render_inline(&t, html);
	render_xml_escape(out, t.s);
	buf_release(&t);
}

static int
safe_link(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 ||
	    strncmp(s, "https://", 8) == 0);
}

/* the anchor of an entry: its place among the digest's entries */
static void
html_anchor(struct buf *out, const struct digest *d,
    const struct digest_entry *de)
{
	buf_addf(out, "item-%zu", (size_t)(de - d->entries));
}

static void
html_entry(struct buf *out, const struct digest *d,
    const struct digest_entry *de)
{
	const struct store_item	*it = &de->item;
	const char		*body;
	struct buf		 t = BUF_INIT;
	char			 date[32];
	size_t			 i;

	buf_adds(out, "<div id=\"");
	html_anchor(out, d, de);
	buf_adds(out, "\" style=\"" CSS_ITEM "\">\n");
	if (safe_link(it->link)) {
		buf_adds(out, "<a style=\"" CSS_TITLE "\" href=\"");
		render_xml_escape(out, it->link);
		buf_adds(out, "\">");
		html_inline(out, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_adds(out, "</a>\n");
	} else {
		buf_adds(out, "<span style=\"" CSS_TITLE "\">");
		html_inline(out, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_adds(out, "</span>\n");
	}
	render_date(date, sizeof(date), render_item_time(it));
	buf_addf(out, "<div style=\"" CSS_META "\">%s UTC", date);
	if (de->nalso > 0) {
		buf_addf(out, " &middot; %s ", _("also in:"));
		for (i = 0; i < de->nalso; i++) {
			if (i)
				buf_adds(out, ", ");
			html_inline(out, de->also_in[i]);
		}
	}
	buf_adds(out, "</div>\n");
	if (it->event_start != TIME_NONE) {
		buf_adds(out, "<div style=\"" CSS_EVENT "\">");
		render_xml_escape(out, _("event:"));
		buf_addc(out, ' ');
		render_event(&t, it, RENDER_EVENT_UTC);
		render_xml_escape(out, t.s);
		buf_reset(&t);
		buf_adds(out, "</div>\n");
	}
	body = it->summary && *it->summary ? it->summary : it->content;
	if (body && *body) {
		buf_adds(out, "<div style=\"" CSS_TEXT "\">");
		if (strlen(body) <= RENDER_HTML_BODY_MAX)
			html_clean(out, body, strlen(body), it->link);
		else {
			render_summary(&t, it, HTML_SUMMARY_MAX);
			render_xml_escape(out, t.s);
		}
		buf_adds(out, "</div>\n");
	}
	buf_adds(out, "</div>\n");
	buf_release(&t);
}

/* the events of the coming days, soonest first, each linking to its
 * entry below */
static void
html_upcoming(struct buf *out, const struct digest *d,
    const struct render_opts *o)
{
	const struct digest_entry	**up;
	struct buf			  t = BUF_INIT;
	size_t				  i, n;

	if ((up = render_upcoming(d, o->now, &n)) == NULL)
		return;
	buf_adds(out, "<h2 style=\"" CSS_H2 "\">");
	render_xml_escape(out, _("Upcoming"));
	buf_adds(out, "</h2>\n<ul style=\"" CSS_UP "\">\n");
	for (i = 0; i < n; i++) {
		const struct store_item *it = &up[i]->item;

		buf_adds(out, "<li style=\"" CSS_ITEM "\">"
		    "<span style=\"" CSS_EVENT "\">");
		buf_reset(&t);
		render_event(&t, it, RENDER_EVENT_UTC);
		render_xml_escape(out, t.s);
		buf_adds(out, "</span><br>\n<a style=\"" CSS_TITLE
		    "\" href=\"#");
		html_anchor(out, d, up[i]);
		buf_adds(out, "\">");
		html_inline(out, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_adds(out, "</a></li>\n");
	}
	buf_adds(out, "</ul>\n");
	buf_release(&t);
	free(up);
}

static int
html_digest(struct buf *out, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	struct buf	 title = BUF_INIT;
	size_t		 g, f, i;

	(void)cause;
	if (o->title)
		html_inline(&title, o->title);
	else
		render_xml_escape(&title, _("crier digest"));
	buf_adds(out, "<!DOCTYPE html>\n<html>\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	buf_addf(out, "<title>%s</title>\n</head>\n", title.s);
	buf_adds(out, "<body style=\"" CSS_BODY "\">\n"
	    "<div style=\"" CSS_PAGE "\">\n");
	buf_addf(out, "<h1 style=\"" CSS_H1 "\">%s</h1>\n", title.s);
	buf_adds(out, "<p style=\"" CSS_META "\">");
	buf_reset(&title);
	render_window(&title, d);
	render_xml_escape(out, title.s);
	buf_adds(out, "</p>\n");
	if (d->nshown == 0) {
		buf_adds(out, "<p>");
		render_xml_escape(out, _("nothing new"));
		buf_adds(out, "</p>\n");
	}
	html_upcoming(out, d, o);
	for (g = 0; g < d->ngroups; g++) {
		const struct digest_group *gr = &d->groups[g];

		buf_adds(out, "<h2 style=\"" CSS_H2 "\">");
		render_xml_escape(out, gr->tag ? gr->tag : _("untagged"));
		buf_adds(out, "</h2>\n");
		for (f = 0; f < gr->nfeeds; f++) {
			const struct digest_feed *fd = &gr->feeds[f];

			buf_adds(out, "<h3 style=\"" CSS_H3 "\">");
			html_inline(out, fd->title && *fd->title ? fd->title :
			    fd->url);
			buf_adds(out, "</h3>\n");
			for (i = 0; i < fd->nentries; i++) {
				html_entry(out, d, fd->entries[i]);
				render_flush(out, o, 0);
			}
		}
	}
	buf_adds(out, "</div>\n</body>\n</html>\n");
	buf_release(&title);
	return 0;
}

const struct render_ops render_html_ops = {
	"html",
	html_digest,
	RENDER_ONE_BODY | RENDER_NO_IDS,
};
