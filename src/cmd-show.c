/*
 * cmd-show.c: `crier show ID`: one item in full: its header fields, the
 * tags with the rule or source that gave each, then the HTML body as
 * terminal text with its links numbered and listed at the end.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"

#define SHOW_USAGE "show ID"

static void
field(struct buf *b, const char *name, const char *html)
{
	if (html == NULL || *html == '\0')
		return;
	buf_addf(b, "%-11s ", name);
	render_inline(b, html);
	buf_addc(b, '\n');
}

static void
field_raw(struct buf *b, const char *name, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	buf_addf(b, "%-11s ", name);
	str_term_safe(b, s, strlen(s));
	buf_addc(b, '\n');
}

static void
field_date(struct buf *b, const char *name, time_t t)
{
	char date[32];

	if (t == TIME_NONE)
		return;
	render_date(date, sizeof(date), t);
	buf_addf(b, "%-11s %s UTC\n", name, date);
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
	buf_addf(b, "%-11s ", _("Key:"));
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
	char				*ep, d1[32], d2[32];
	long long			 id;
	size_t				 i;
	int				 rc;

	if (argc != 2 || (argc > 1 && argv[1][0] == '-'))
		return cmd_usage(SHOW_USAGE);
	id = strtoll(argv[1], &ep, 10);
	if (argv[1][0] == '\0' || *ep != '\0' || id <= 0) {
		log_errorx(_("invalid item id '%s'"), argv[1]);
		return cmd_usage(SHOW_USAGE);
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
		buf_addf(&b, "%-11s ", _("Categories:"));
		for (i = 0; i < it.ncategories; i++) {
			if (i)
				buf_adds(&b, ", ");
			render_inline(&b, it.categories[i]);
		}
		buf_addc(&b, '\n');
	}
	for (i = 0; i < it.ntags; i++) {
		buf_addf(&b, "%-11s ", i == 0 ? _("Tags:") : "");
		str_term_safe(&b, it.tags[i], strlen(it.tags[i]));
		if (it.tag_sources && it.tag_sources[i]) {
			buf_adds(&b, " (");
			str_term_safe(&b, it.tag_sources[i],
			    strlen(it.tag_sources[i]));
			buf_addc(&b, ')');
		}
		buf_addc(&b, '\n');
	}
	if (it.event_start != TIME_NONE) {
		render_date(d1, sizeof(d1), it.event_start);
		if (it.event_allday)
			d1[10] = '\0';
		buf_addf(&b, "%-11s %s", _("Event:"), d1);
		if (it.event_end != TIME_NONE) {
			render_date(d2, sizeof(d2), it.event_end);
			if (it.event_allday)
				d2[10] = '\0';
			buf_addf(&b, " - %s", d2);
		}
		buf_addf(&b, "%s\n", it.event_allday ? "" : " UTC");
	}
	if (it.changed)
		buf_addf(&b, "%-11s %s\n", _("Status:"),
		    _("edited since first seen"));
	show_key(&b, &it);
	if (store_item_copies(st, &it, NULL, &copies, &ncopies) == -1)
		log_warnx("%s", store_error(st));
	for (i = 0; i < ncopies; i++) {
		buf_addf(&b, "%-11s ", i == 0 ? _("Also in:") : "");
		render_inline(&b, cmd_copy_title(ctx, &copies[i]));
		/* TRANSLATORS: another feed's copy of the item, its id */
		buf_addf(&b, " (%s %lld)\n", _("id"), copies[i].id);
	}
	store_copies_free(copies, ncopies);
	buf_addf(&b, "%-11s %lld\n", _("Id:"), it.id);
	buf_addc(&b, '\n');
	if (it.content || it.summary)
		render_body(&b, it.content ? it.content : it.summary, 72,
		    &links);
	if (links.len > 0) {
		buf_addf(&b, "\n%s\n", _("Links:"));
		buf_add(&b, links.s, links.len);
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
	buf_release(&links);
	store_item_release(&it);
	store_close(st);
	return EXIT_OK;
}
