/*
 * feed.c: struct feed lifecycle and its JSON form (SPEC.md, parse --json).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/entities.h"
#include "parse/feed.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/time.h"
#include "util/xmalloc.h"

struct feed *
feed_new(void)
{
	struct feed *f = xcalloc(1, sizeof(*f));

	f->updated = TIME_NONE;
	return f;
}

void
entry_release(struct entry *e)
{
	size_t i;

	free(e->id);
	free(e->title);
	free(e->link);
	free(e->author);
	free(e->summary);
	free(e->content);
	strv_free(e->categories, e->ncategories);
	for (i = 0; i < e->nenclosures; i++) {
		free(e->enclosures[i].url);
		free(e->enclosures[i].type);
	}
	free(e->enclosures);
	memset(e, 0, sizeof(*e));
}

void
feed_free(struct feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nentries; i++)
		entry_release(&f->entries[i]);
	free(f->entries);
	free(f->title);
	free(f->link);
	free(f->id);
	free(f->subtitle);
	free(f->language);
	free(f->author);
	free(f);
}

struct entry *
feed_add_entry(struct feed *f)
{
	struct entry *e;

	if (f->nentries == f->centries) {
		f->centries = f->centries ? f->centries * 2 : 16;
		f->entries = xreallocarray(f->entries, f->centries,
		    sizeof(*f->entries));
	}
	e = &f->entries[f->nentries++];
	memset(e, 0, sizeof(*e));
	e->published = e->updated = TIME_NONE;
	return e;
}

void
entry_add_category(struct entry *e, const char *s)
{
	e->categories = xreallocarray(e->categories, e->ncategories + 1,
	    sizeof(*e->categories));
	e->categories[e->ncategories++] = xstrdup(s);
}

struct enclosure *
entry_add_enclosure(struct entry *e)
{
	struct enclosure *x;

	e->enclosures = xreallocarray(e->enclosures, e->nenclosures + 1,
	    sizeof(*e->enclosures));
	x = &e->enclosures[e->nenclosures++];
	memset(x, 0, sizeof(*x));
	x->length = -1;
	return x;
}

const char *
feed_format_name(enum feed_format fmt)
{
	switch (fmt) {
	case FEED_FORMAT_RSS09X:	return "rss0.9x";
	case FEED_FORMAT_RSS10:		return "rss1.0";
	case FEED_FORMAT_RSS20:		return "rss2.0";
	case FEED_FORMAT_ATOM03:	return "atom0.3";
	case FEED_FORMAT_ATOM10:	return "atom1.0";
	case FEED_FORMAT_JSONFEED:	return "jsonfeed";
	default:			return "unknown";
	}
}

static void
entry_to_json(const struct entry *e, struct buf *b)
{
	int	first = 1;
	size_t	i;

	buf_addc(b, '{');
	json_obj_str(b, &first, "id", e->id);
	json_obj_str(b, &first, "title", e->title);
	json_obj_str(b, &first, "link", e->link);
	json_obj_time(b, &first, "published", e->published);
	json_obj_time(b, &first, "updated", e->updated);
	json_obj_str(b, &first, "author", e->author);
	json_obj_str(b, &first, "summary", e->summary);
	json_obj_str(b, &first, "content", e->content);
	if (e->ncategories) {
		json_obj_key(b, &first, "categories");
		json_strv(b, e->categories, e->ncategories);
	}
	if (e->nenclosures) {
		json_obj_key(b, &first, "enclosures");
		buf_addc(b, '[');
		for (i = 0; i < e->nenclosures; i++) {
			const struct enclosure *x = &e->enclosures[i];
			int f2 = 1;

			if (i)
				buf_addc(b, ',');
			buf_addc(b, '{');
			json_obj_str(b, &f2, "url", x->url);
			json_obj_str(b, &f2, "type", x->type);
			if (x->length >= 0)
				json_obj_int(b, &f2, "length", x->length);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	buf_addc(b, '}');
}

#define JSON_CHUNK	(64 * 1024)

/* appends the JSON of f to b; with fp, writes b out as it grows */
static int
feed_json(const struct feed *f, struct buf *b, FILE *fp)
{
	int	first = 1, ff = 1, rc = 0;
	size_t	i;

	buf_addc(b, '{');
	json_obj_str(b, &first, "format", feed_format_name(f->format));
	json_obj_key(b, &first, "feed");
	buf_addc(b, '{');
	json_obj_str(b, &ff, "title", f->title);
	json_obj_str(b, &ff, "link", f->link);
	json_obj_str(b, &ff, "id", f->id);
	json_obj_str(b, &ff, "subtitle", f->subtitle);
	json_obj_time(b, &ff, "updated", f->updated);
	json_obj_str(b, &ff, "language", f->language);
	json_obj_str(b, &ff, "author", f->author);
	buf_addc(b, '}');
	json_obj_key(b, &first, "entries");
	buf_addc(b, '[');
	for (i = 0; i < f->nentries; i++) {
		if (i)
			buf_addc(b, ',');
		entry_to_json(&f->entries[i], b);
		if (fp != NULL && b->len >= JSON_CHUNK) {
			if (fwrite(b->s, 1, b->len, fp) != b->len)
				rc = -1;
			buf_reset(b);
		}
	}
	buf_adds(b, "]}\n");
	if (fp != NULL) {
		if (fwrite(b->s, 1, b->len, fp) != b->len)
			rc = -1;
		buf_reset(b);
	}
	return rc;
}

void
feed_to_json(const struct feed *f, struct buf *b)
{
	(void)feed_json(f, b, NULL);
}

int
feed_write_json(const struct feed *f, FILE *fp)
{
	struct buf	b = BUF_INIT;
	int		rc;

	/* one chunk's worth of memory, however long the feed */
	(void)buf_grow(&b, 2 * JSON_CHUNK);
	rc = feed_json(f, &b, fp);
	buf_release(&b);
	return rc;
}

/* does the '&' at p start a reference the sanitizer would decode? */
static int
starts_ref(const char *p, const char *end)
{
	struct buf	scratch = BUF_INIT;
	size_t		n = entity_ref(&scratch, p, (size_t)(end - p), 0);

	buf_release(&scratch);
	return n > 0;
}

/*
 * *field, plain text, as HTML that reads back as the same text: only a
 * '<' that would open markup and a '&' that would start a reference are
 * escaped, so "Tom & Jerry", "AT&T" and "1 < 2" are stored as they are
 * and "Using <vector>" as "Using &lt;vector>".
 */
static void
text_to_html(char **field)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *run, *end;
	int		 changed = 0;

	if (*field == NULL || strpbrk(*field, "&<") == NULL)
		return;
	end = *field + strlen(*field);
	for (p = run = *field; p < end; p++) {
		if (*p == '&' && starts_ref(p, end)) {
			buf_add(&b, run, (size_t)(p - run));
			buf_adds(&b, "&amp;");
		} else if (*p == '<' && (isalpha((unsigned char)p[1]) ||
		    p[1] == '/' || p[1] == '!' || p[1] == '?')) {
			buf_add(&b, run, (size_t)(p - run));
			buf_adds(&b, "&lt;");
		} else
			continue;
		run = p + 1;
		changed = 1;
	}
	if (!changed) {
		buf_release(&b);
		return;
	}
	buf_add(&b, run, (size_t)(end - run));
	free(*field);
	*field = buf_detach(&b, NULL);
}

void
feed_text_unescape(struct buf *b, const char *s)
{
	const char *amp;

	while ((amp = strchr(s, '&')) != NULL) {
		buf_add(b, s, (size_t)(amp - s));
		if (strncmp(amp, "&amp;", 5) == 0) {
			buf_addc(b, '&');
			s = amp + 5;
		} else if (strncmp(amp, "&lt;", 4) == 0) {
			buf_addc(b, '<');
			s = amp + 4;
		} else {
			buf_addc(b, '&');
			s = amp + 1;
		}
	}
	buf_adds(b, s);
}

void
feed_text_to_html(struct feed *f)
{
	size_t	i;

	if (f->text & FEED_TITLE_TEXT)
		text_to_html(&f->title);
	if (f->text & FEED_SUBTITLE_TEXT)
		text_to_html(&f->subtitle);
	f->text = 0;
	for (i = 0; i < f->nentries; i++) {
		struct entry *e = &f->entries[i];

		if (e->text & ENTRY_ESCAPED)
			continue;
		if (e->text & ENTRY_TITLE_TEXT)
			text_to_html(&e->title);
		if (e->text & ENTRY_SUMMARY_TEXT)
			text_to_html(&e->summary);
		if (e->text & ENTRY_CONTENT_TEXT)
			text_to_html(&e->content);
		e->text |= ENTRY_ESCAPED;
	}
}
