/*
 * render/render.c: the table of digest formats for render_find() and
 * the helpers several formats share: the date an item is shown with,
 * XML escaping (html, atom), a plain-text summary (text, markdown, ics).
 */
#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "render/render.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define SUMMARY_HTML_MAX	16384	/* bytes of HTML looked at */

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
render_xml_escape(struct buf *out, const char *s)
{
	struct buf	 u = BUF_INIT;
	const char	*p, *run;

	if (s == NULL)
		return;
	utf8_sanitize(&u, s, strlen(s));
	/* NOTE: runs of plain bytes are copied at once: digests are big */
	for (p = run = u.s; *p; p++) {
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
	struct buf	 body = BUF_INIT;
	const char	*html = it->summary && *it->summary ? it->summary :
			    it->content;
	size_t		 len, i, cut;

	if (html == NULL)
		return;
	/* NOTE: a bounded prefix: a digest of long posts stays fast */
	len = strlen(html);
	if (len > SUMMARY_HTML_MAX)
		len = SUMMARY_HTML_MAX;
	htmltext_render(&body, html, len, 0, NULL);
	for (i = 0; i < body.len; i++) {
		if (body.s[i] == '\n' || body.s[i] == '\t')
			body.s[i] = ' ';
	}
	str_squeeze(body.s);
	body.len = strlen(body.s);
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
