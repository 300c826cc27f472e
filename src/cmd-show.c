/*
 * cmd-show.c: `crier show [--json] ID`: one item in full: its header
 * fields (dates in the local zone, the zone shown), the tags with the
 * rule or source that gave each, its enclosures, then the HTML body as
 * terminal text wrapped to the terminal's width (72 columns when piped)
 * with its links numbered and listed at the end.  --json: the `list
 * --json` object with the author, categories, tag sources, summary and
 * content added.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include "util/term.h"
#include "util/time.h"

#define SHOW_WIDTH	72	/* piped: the width of a digest */

/* a field's name, padded to 11 columns and a space: by display width,
 * so a translated name with accents lines up too */
static void
label(struct buf *b, const char *name)
{
	size_t w = term_fit(b, name, strlen(name), (size_t)-1);

	do
		buf_addc(b, ' ');
	while (++w < 12);
}

static void
field(struct buf *b, const char *name, const char *html)
{
	if (html == NULL || *html == '\0')
		return;
	label(b, name);
	render_inline(b, html);
	buf_addc(b, '\n');
}

static void
field_raw(struct buf *b, const char *name, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	label(b, name);
	str_term_safe(b, s, strlen(s));
	buf_addc(b, '\n');
}

static void
field_date(struct buf *b, const char *name, time_t t)
{
	char date[64];

	if (t == TIME_NONE)
		return;
	term_date(date, sizeof(date), t);
	label(b, name);
	buf_addf(b, "%s\n", date);
}

/* "Enclosure:  URL (type, N bytes)", one line each */
static void
field_enclosures(struct buf *b, const char *stored)
{
	struct render_enclosure	 e = RENDER_ENCLOSURE_INIT;
	const char		*p = stored;

	while (render_enclosure_next(&p, &e)) {
		if (e.url.len == 0)
			continue;
		label(b, _("Enclosure:"));
		str_term_safe(b, e.url.s, e.url.len);
		if (e.type.len > 0 || e.length >= 0) {
			buf_adds(b, " (");
			str_term_safe(b, e.type.s, e.type.len);
			if (e.type.len > 0 && e.length >= 0)
				buf_adds(b, ", ");
			if (e.length >= 0)
				buf_addf(b, _("%lld bytes"), e.length);
			buf_addc(b, ')');
		}
		buf_addc(b, '\n');
	}
	buf_release(&e.url);
	buf_release(&e.type);
}

/* the `list --json` object, reopened for what only show gives */
static void
show_json(struct buf *b, const struct store_item *it, const char *ft)
{
	size_t	i;
	int	first = 0;

	render_item_json(b, it, ft);
	if (b->len >= 2 && b->s[b->len - 1] == '\n')
		buf_truncate(b, b->len - 2);
	json_obj_str(b, &first, "author", it->author);
	if (it->ncategories > 0) {
		json_obj_key(b, &first, "categories");
		json_strv(b, it->categories, it->ncategories);
	}
	if (it->ntags > 0) {
		json_obj_key(b, &first, "tag_sources");
		buf_addc(b, '{');
		for (i = 0; i < it->ntags; i++) {
			if (i)
				buf_addc(b, ',');
			json_strz(b, it->tags[i]);
			buf_addc(b, ':');
			if (it->tag_sources && it->tag_sources[i])
				json_strz(b, it->tag_sources[i]);
			else
				buf_adds(b, "null");
		}
		buf_addc(b, '}');
	}
	json_obj_str(b, &first, "summary", it->summary);
	json_obj_str(b, &first, "content", it->content);
	json_obj_bool(b, &first, "changed", it->changed);
	buf_adds(b, "}\n");
}

/*
 * which key the item is known by (store_item_key()), so that a reader
 * sees why two items were, or were not, taken for one
 */
static void
show_key(struct buf *b, const struct store_item *it)
{
	if (it->key == NULL)
		return;
	label(b, _("Key:"));
	if (strncmp(it->key, "g:", 2) == 0) {
		/* TRANSLATORS: the item is known by its guid, shown after */
		buf_addf(b, "%s ", _("guid"));
		str_term_safe(b, it->guid ? it->guid : it->key + 2,
		    strlen(it->guid ? it->guid : it->key + 2));
	} else if (strncmp(it->key, "l:", 2) == 0) {
		/* TRANSLATORS: known by its link, in the form compared */
		buf_addf(b, "%s ", _("link"));
		str_term_safe(b, it->key + 2, strlen(it->key + 2));
	} else
		/* TRANSLATORS: known by a hash of its title and date */
		buf_adds(b, _("title and date"));
	buf_addc(b, '\n');
}

int
cmd_show(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store_item		 it;
	struct store			*st;
	struct buf			 b = BUF_INIT, links = BUF_INIT;
	struct store_copy		*copies = NULL;
	size_t				 ncopies = 0;
	const char			*ft;
	char				*ep;
	long long			 id;
	size_t				 i;
	int				 ch, rc, json = 0, width = SHOW_WIDTH;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != argc - 1)
		return cmd_usage(ctx);
	id = strtoll(argv[optind], &ep, 10);
	if (argv[optind][0] == '\0' || *ep != '\0' || id <= 0) {
		log_errorx(_("invalid item id '%s' (a number that list "
		    "shows)"), argv[optind]);
		return cmd_usage(ctx);
	}
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	rc = store_item_get(st, id, &it);
	if (rc == -1) {
		log_errorx("%s", store_error(st));
		store_close(st);
		return EXIT_FEEDS_FAILED;
	}
	if (rc == 1) {
		log_errorx(_("no item %lld"), id);
		store_close(st);
		return EXIT_FEEDS_FAILED;
	}
	ft = cmd_feed_title(ctx, &it);
	if (json) {
		show_json(&b, &it, ft);
		goto print;
	}
	if (term_isatty(STDOUT_FILENO))
		width = term_columns(STDOUT_FILENO);

	/* NOTE: field names are labels people read, so translated */
	field(&b, _("Title:"), it.title && *it.title ? it.title :
	    _("(untitled)"));
	field(&b, _("Feed:"), ft);
	field_raw(&b, _("Feed URL:"), it.feed_url);
	field_raw(&b, _("Link:"), it.link);
	field_date(&b, _("Published:"), it.published);
	field_date(&b, _("Updated:"), it.updated);
	field_date(&b, _("First seen:"), it.first_seen);
	field(&b, _("Author:"), it.author);
	if (it.ncategories > 0) {
		label(&b, _("Categories:"));
		for (i = 0; i < it.ncategories; i++) {
			if (i)
				buf_adds(&b, ", ");
			render_inline(&b, it.categories[i]);
		}
		buf_addc(&b, '\n');
	}
	for (i = 0; i < it.ntags; i++) {
		label(&b, i == 0 ? _("Tags:") : "");
		str_term_safe(&b, it.tags[i], strlen(it.tags[i]));
		if (it.tag_sources && it.tag_sources[i]) {
			buf_adds(&b, " (");
			str_term_safe(&b, it.tag_sources[i],
			    strlen(it.tag_sources[i]));
			buf_addc(&b, ')');
		}
		buf_addc(&b, '\n');
	}
	field_enclosures(&b, it.enclosures);
	if (it.event_start != TIME_NONE) {
		/* as the text digest shows it: UTC, and the local time */
		label(&b, _("Event:"));
		render_event(&b, &it, RENDER_EVENT_UTC | RENDER_EVENT_LOCAL);
		buf_addc(&b, '\n');
	}
	if (it.changed) {
		label(&b, _("Status:"));
		buf_addf(&b, "%s\n", _("edited since first seen"));
	}
	show_key(&b, &it);
	if (store_item_copies(st, &it, NULL, &copies, &ncopies) == -1)
		log_warnx("%s", store_error(st));
	for (i = 0; i < ncopies; i++) {
		label(&b, i == 0 ? _("Also in:") : "");
		render_inline(&b, cmd_copy_title(ctx, &copies[i]));
		/* TRANSLATORS: another feed's copy of the item, its id */
		buf_addf(&b, " (%s %lld)\n", _("id"), copies[i].id);
	}
	store_copies_free(copies, ncopies);
	label(&b, _("Id:"));
	buf_addf(&b, "%lld\n", it.id);
	buf_addc(&b, '\n');
	if (it.content || it.summary)
		render_body(&b, it.content ? it.content : it.summary, width,
		    &links);
	if (links.len > 0) {
		buf_addf(&b, "\n%s\n", _("Links:"));
		buf_add(&b, links.s, links.len);
	}
print:
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
	buf_release(&links);
	store_item_release(&it);
	store_close(st);
	return EXIT_OK;
}
