/*
 * render/render-markdown.c: the `markdown` digest (CommonMark): a title,
 * a "##" heading per tag and "###" per feed, one list item per entry with
 * its title linked, date, "also in:" and a short plain-text summary.
 * Text from feeds has the characters Markdown would read as markup
 * backslash-escaped, and link destinations are percent-encoded where
 * they could end the link, so a feed cannot inject links or HTML.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define MD_SUMMARY_MAX	HTMLTEXT_BRIEF_MAX

/*
 * appends plain text with what Markdown would read as markup escaped:
 * emphasis, code, links, raw HTML, entities, tables anywhere; list,
 * heading and quote markers where the text starts
 */
/* the bytes md_text() escapes wherever they are */
static const unsigned char md_special[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
	['<'] = 1, ['>'] = 1, ['|'] = 1, ['~'] = 1, ['&'] = 2,
};

static void
md_text(struct buf *out, const char *s)
{
	const char *p = s, *run;

	if (strchr("-+#>=", *p) != NULL && *p)
		buf_addc(out, '\\');
	else if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			buf_addc(out, *p++);
		if (*p == '.' || *p == ')')
			buf_addc(out, '\\');
	}
	/* NOTE: runs that need no escape are copied at once */
	for (run = p; *p; p++) {
		switch (md_special[(unsigned char)*p]) {
		case 0:
			continue;
		case 2:
			if (!(p[1] == '#' || (p[1] >= 'a' && p[1] <= 'z') ||
			    (p[1] >= 'A' && p[1] <= 'Z')))
				continue;
			break;
		}
		buf_add(out, run, (size_t)(p - run));
		buf_addc(out, '\\');
		run = p;
	}
	buf_add(out, run, (size_t)(p - run));
}

/* t: the caller's, reused */
static void
md_inline(struct buf *out, struct buf *t, const char *html)
{
	buf_reset(t);
	render_inline(t, html);
	md_text(out, t->s);
}

static void
md_url(struct buf *out, const char *s)
{
	const unsigned char *p, *run;

	for (p = run = (const unsigned char *)s; *p; p++) {
		if (*p > 0x20 && *p != 0x7f && *p != '(' && *p != ')' &&
		    *p != '<' && *p != '>' && *p != '\\' && *p != '"' &&
		    *p != '`')
			continue;
		buf_add(out, run, (size_t)(p - run));
		run = p + 1;
		if (*p <= 0x20 || *p == 0x7f)
			continue;
		buf_addf(out, "%%%02X", *p);
	}
	buf_add(out, run, (size_t)(p - run));
}

static int
safe_scheme(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 ||
	    strncmp(s, "https://", 8) == 0);
}

/* t: the caller's, reused: no malloc per entry */
static void
md_entry(struct buf *out, const struct digest_entry *de, struct buf *t)
{
	const struct store_item	*it = &de->item;
	char			 date[32];
	size_t			 i;

	buf_adds(out, "- ");
	if (safe_scheme(it->link)) {
		buf_addc(out, '[');
		md_inline(out, t, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_adds(out, "](");
		md_url(out, it->link);
		buf_addc(out, ')');
	} else {
		buf_adds(out, "**");
		md_inline(out, t, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_adds(out, "**");
	}
	render_date(date, sizeof(date), render_item_time(it));
	buf_adds(out, " (");
	buf_adds(out, date);
	buf_adds(out, ")\n");
	if (it->event_start != TIME_NONE) {
		buf_reset(t);
		render_event(t, it, RENDER_EVENT_UTC);
		buf_addf(out, "  *%s ", _("event:"));
		md_text(out, t->s);
		buf_adds(out, "*\n");
	}
	if (de->nalso > 0) {
		buf_addf(out, "  *%s ", _("also in:"));
		for (i = 0; i < de->nalso; i++) {
			if (i)
				buf_adds(out, ", ");
			md_inline(out, t, de->also_in[i]);
		}
		buf_adds(out, "*\n");
	}
	buf_reset(t);
	if (it->brief == NULL)
		render_summary(t, it, MD_SUMMARY_MAX);
	/* NOTE: render_summary() would copy the stored brief as it is */
	if (it->brief != NULL ? *it->brief != '\0' : t->len > 0) {
		buf_adds(out, "\n  ");
		md_text(out, it->brief != NULL ? render_brief(it, t) : t->s);
		buf_addc(out, '\n');
	}
	buf_addc(out, '\n');
}

/* the events of the coming days, soonest first, before the groups */
static void
md_upcoming(struct buf *out, const struct digest *d,
    const struct render_opts *o, struct buf *t)
{
	const struct digest_entry	**up;
	size_t				  i, n;

	if ((up = render_upcoming(d, o->now, &n)) == NULL)
		return;
	buf_adds(out, "## ");
	md_text(out, _("Upcoming"));
	buf_adds(out, "\n\n");
	for (i = 0; i < n; i++) {
		const struct store_item *it = &up[i]->item;

		buf_reset(t);
		render_event(t, it, RENDER_EVENT_UTC);
		buf_adds(out, "- **");
		md_text(out, t->s);
		buf_adds(out, "** ");
		if (safe_scheme(it->link)) {
			buf_addc(out, '[');
			md_inline(out, t, it->title && *it->title ?
			    it->title : _("(untitled)"));
			buf_adds(out, "](");
			md_url(out, it->link);
			buf_addc(out, ')');
		} else
			md_inline(out, t, it->title && *it->title ?
			    it->title : _("(untitled)"));
		buf_addc(out, '\n');
	}
	buf_addc(out, '\n');
	free(up);
}

static int
md_digest(struct buf *out, const struct digest *d,
    const struct render_opts *o, char **cause)
{
	struct buf	t = BUF_INIT;
	size_t		g, f, i;

	(void)cause;
	buf_adds(out, "# ");
	if (o->title)
		md_inline(out, &t, o->title);
	else
		md_text(out, _("crier digest"));
	buf_adds(out, "\n\n");
	render_window(out, d);
	buf_adds(out, "\n\n");
	if (d->nshown == 0) {
		buf_addf(out, "%s\n", _("nothing new"));
		buf_release(&t);
		return 0;
	}
	md_upcoming(out, d, o, &t);
	for (g = 0; g < d->ngroups; g++) {
		const struct digest_group *gr = &d->groups[g];

		buf_adds(out, "## ");
		md_text(out, gr->tag ? gr->tag : _("untagged"));
		buf_adds(out, "\n\n");
		for (f = 0; f < gr->nfeeds; f++) {
			const struct digest_feed *fd = &gr->feeds[f];

			buf_adds(out, "### ");
			md_inline(out, &t, fd->title && *fd->title ?
			    fd->title : fd->url);
			buf_adds(out, "\n\n");
			for (i = 0; i < fd->nentries; i++) {
				md_entry(out, fd->entries[i], &t);
				render_flush(out, o, 0);
			}
		}
	}
	buf_release(&t);
	return 0;
}

const struct render_ops render_markdown_ops = {
	"markdown",
	md_digest,
	RENDER_BRIEF | RENDER_NO_IDS,
};
