/*
 * jsonfeed.c: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)
 * through json-c.  content_html and HTML summaries are sanitized like
 * the XML formats' HTML; URLs are resolved against the document base.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "parse/date.h"
#include "parse/url.h"
#include "parse/xml.h"
#include "util/str.h"
#include "util/time.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *
jstr(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static char *
text(struct json_object *o, const char *key)
{
	const char *s = jstr(o, key);

	return s ? parse_text(s, strlen(s)) : NULL;
}

/*
 * A title or summary: plain text by the JSON Feed spec, but feeds put
 * HTML there ("Tom &amp; Jerry", "<em>"), so it is read as HTML when it
 * looks like it, as an RSS title is.  *text says which.
 */
static char *
guessed(const char *s, const char *base, int *text)
{
	*text = 0;
	return s != NULL ? parse_guessed(s, strlen(s), base, text) : NULL;
}

static char *
url(struct json_object *o, const char *key, const char *base)
{
	char *t = text(o, key), *r;

	if (t == NULL)
		return NULL;
	r = url_resolve(base, t);
	free(t);
	return r;
}

static time_t
date(struct json_object *o, const char *key)
{
	const char	*s = jstr(o, key);
	time_t		 t;

	if (s == NULL || date_parse(s, &t) == -1)
		return TIME_NONE;
	return t;
}

/* 1.1 "authors": [{name}], 1.0 "author": {name} */
static char *
author(struct json_object *o)
{
	struct json_object *a;

	if (json_object_object_get_ex(o, "authors", &a) &&
	    json_object_is_type(a, json_type_array) &&
	    json_object_array_length(a) > 0) {
		char *n = text(json_object_array_get_idx(a, 0), "name");

		if (n != NULL)
			return n;
	}
	if (json_object_object_get_ex(o, "author", &a) &&
	    json_object_is_type(a, json_type_object))
		return text(a, "name");
	return NULL;
}

static void
parse_item(struct feed *f, struct json_object *it, const char *base)
{
	struct entry		*e;
	struct json_object	*v;
	const char		*s;
	size_t			 i, n;
	int			 istext;

	if (!json_object_is_type(it, json_type_object))
		return;
	e = feed_add_entry(f);
	/* a string; numbers (and booleans) as written; never an object
	 * or an array */
	if (json_object_object_get_ex(it, "id", &v) &&
	    !json_object_is_type(v, json_type_null) &&
	    !json_object_is_type(v, json_type_object) &&
	    !json_object_is_type(v, json_type_array)) {
		s = json_object_get_string(v);
		if (s != NULL)
			e->id = parse_text(s, strlen(s));
	}
	e->title = guessed(jstr(it, "title"), base, &istext);
	if (istext)
		e->text |= ENTRY_TITLE_TEXT;
	e->link = url(it, "url", base);
	if (e->link == NULL)
		e->link = url(it, "external_url", base);
	e->published = date(it, "date_published");
	e->updated = date(it, "date_modified");
	e->author = author(it);
	e->summary = guessed(jstr(it, "summary"), base, &istext);
	if (istext)
		e->text |= ENTRY_SUMMARY_TEXT;
	if ((s = jstr(it, "content_html")) != NULL)
		e->content = parse_html(s, strlen(s), base);
	else if ((s = jstr(it, "content_text")) != NULL) {
		e->content = parse_text(s, strlen(s));
		e->text |= ENTRY_CONTENT_TEXT;
	}
	if (json_object_object_get_ex(it, "tags", &v) &&
	    json_object_is_type(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			struct json_object *t = json_object_array_get_idx(v, i);
			char *c;

			if (!json_object_is_type(t, json_type_string))
				continue;
			c = parse_text(json_object_get_string(t),
			    strlen(json_object_get_string(t)));
			if (c != NULL) {
				entry_add_category(e, c);
				free(c);
			}
		}
	}
	if (json_object_object_get_ex(it, "attachments", &v) &&
	    json_object_is_type(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			struct json_object	*a, *sz;
			struct enclosure	*x;
			char			*u;

			a = json_object_array_get_idx(v, i);
			if (!json_object_is_type(a, json_type_object) ||
			    (u = url(a, "url", base)) == NULL)
				continue;
			x = entry_add_enclosure(e);
			x->url = u;
			x->type = text(a, "mime_type");
			if (json_object_object_get_ex(a, "size_in_bytes", &sz) &&
			    (json_object_is_type(sz, json_type_int) ||
			    json_object_is_type(sz, json_type_double)) &&
			    json_object_get_int64(sz) >= 0)
				x->length = json_object_get_int64(sz);
		}
	}
}

struct feed *
jsonfeed_parse(const char *utf8, size_t len, const char *base, char **cause)
{
	struct json_tokener	*tok;
	struct json_object	*root, *items;
	struct feed		*f = NULL;
	const char		*v;
	size_t			 i, n;
	int			 t;

	if (len > INT32_MAX) {
		*cause = xstrdup(_("document too large"));
		return NULL;
	}
	tok = json_tokener_new_ex(64);
	if (tok == NULL) {
		*cause = xstrdup(_("out of memory"));
		return NULL;
	}
	root = json_tokener_parse_ex(tok, utf8, (int)len);
	if (root == NULL ||
	    json_tokener_get_error(tok) != json_tokener_success) {
		*cause = xstrdup(_("invalid JSON"));
		goto out;
	}
	/* NOTE: a JSON Feed that forgot its version still has its items */
	v = jstr(root, "version");
	if (!json_object_is_type(root, json_type_object) ||
	    ((v == NULL || strstr(v, "jsonfeed.org/version/") == NULL) &&
	    !(json_object_object_get_ex(root, "items", &items) &&
	    json_object_is_type(items, json_type_array)))) {
		*cause = xstrdup(_("not a feed: JSON but not a JSON Feed"));
		goto out;
	}
	f = feed_new();
	f->format = FEED_FORMAT_JSONFEED;
	f->title = guessed(jstr(root, "title"), base, &t);
	f->text = t ? FEED_TITLE_TEXT : 0;
	f->link = url(root, "home_page_url", base);
	f->subtitle = guessed(jstr(root, "description"), base, &t);
	f->text |= t ? FEED_SUBTITLE_TEXT : 0;
	f->language = text(root, "language");
	f->author = author(root);
	if (json_object_object_get_ex(root, "items", &items) &&
	    json_object_is_type(items, json_type_array)) {
		n = json_object_array_length(items);
		for (i = 0; i < n; i++)
			parse_item(f, json_object_array_get_idx(items, i),
			    base);
	}
out:
	if (root != NULL)
		json_object_put(root);
	json_tokener_free(tok);
	return f;
}
