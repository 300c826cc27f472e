/*
 * cmd-list.c: `crier list [--tag T] [--feed URL] [--unread] [--limit N]
 * [--json]`: one line per item, newest first.  Piped, the text line is
 * DATE TAB FEED TAB TITLE TAB ID (fields not translated: scripts cut
 * them); on a terminal the same fields are aligned columns fitted to its
 * width (ID first, dates in the local zone, unread in bold when in
 * colour); --json prints SPEC.md's objects, one per line.  A post several
 * feeds carry (store_item_copies()) is listed once, as its first copy,
 * with the other feeds in a fifth field "also in: ..."; with --feed,
 * each of that feed's items.  NOTE: --json gives every stored item, as
 * SPEC.md's "all items" (scripts count and join on ids), each copy with
 * "also_in" and, where the text shows another copy, "copy_of": its id.
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
#include "util/term.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define LIST_USAGE "list [--tag T] [--feed URL] [--unread] [--limit N] [--json]"

struct list_arg {
	struct cmd_ctx		*ctx;
	int			 json;
	int			 tty;		/* aligned columns */
	struct term_table	 table;
	struct buf		 out;
	struct buf		 feed, title;	/* scratch */
};

static void
list_row(const struct store_item *it, struct list_arg *la, const char *ft,
    const struct store_copy *c, size_t nc)
{
	size_t		 i;
	const char	*cells[CMD_ITEM_NCOLS];
	char		 id[24], date[64];

	cmd_item_cells(it, ft, id, date, &la->feed, &la->title, cells);
	/* the other feeds that carry it, after the title */
	for (i = 0; i < nc; i++) {
		buf_adds(&la->title, i == 0 ? " (" : ", ");
		if (i == 0)
			buf_addf(&la->title, "%s ", _("also in:"));
		render_inline(&la->title, cmd_copy_title(la->ctx, &c[i]));
	}
	if (nc > 0)
		buf_addc(&la->title, ')');
	cells[3] = la->title.s;
	term_table_add(&la->table, &la->out, cells, it->unread ? "1" : NULL);
}

/*
 * "also_in" (JSON) or a fifth field "also in: A, B" (text); first: the
 * id of the copy a text list shows instead of this one, or 0
 */
static void
list_also(struct list_arg *la, const struct store_copy *c, size_t n,
    long long first)
{
	size_t i;

	if (la->json) {
		/* NOTE: reopen the object render_item_json closed ("}\n") */
		if (la->out.len >= 2)
			buf_truncate(&la->out, la->out.len - 2);
		buf_adds(&la->out, ",\"also_in\":[");
		for (i = 0; i < n; i++) {
			if (i)
				buf_addc(&la->out, ',');
			json_strz(&la->out, cmd_copy_title(la->ctx, &c[i]));
		}
		buf_addc(&la->out, ']');
		if (first > 0)
			buf_addf(&la->out, ",\"copy_of\":%lld", first);
		buf_adds(&la->out, "}\n");
		return;
	}
	/* NOTE: after the id, so that scripts cutting fields 1-4 go on */
	buf_truncate(&la->out, la->out.len - 1);
	buf_addf(&la->out, "\t%s ", _("also in:"));
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&la->out, ", ");
		render_inline(&la->out, cmd_copy_title(la->ctx, &c[i]));
	}
	buf_addc(&la->out, '\n');
}

static void
list_item(const struct store_item *it, struct list_arg *la,
    const struct store_copy *c, size_t nc, long long first)
{
	const char	*ft = cmd_feed_title(la->ctx, it);
	char		 date[32];

	if (la->json)
		render_item_json(&la->out, it, ft);
	else if (la->tty)
		list_row(it, la, ft, c, nc);
	else {
		render_date(date, sizeof(date), it->published != TIME_NONE ?
		    it->published : it->updated != TIME_NONE ? it->updated :
		    it->first_seen);
		buf_addf(&la->out, "%s\t", date);
		render_inline(&la->out, ft && *ft ? ft : it->feed_url);
		buf_addc(&la->out, '\t');
		render_inline(&la->out, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_addf(&la->out, "\t%lld\n", it->id);
	}
	if (nc > 0 && !la->tty)
		list_also(la, c, nc, first);
	/* NOTE: flush in chunks: 100,000 items need not sit in memory */
	if (la->out.len > 65536) {
		fwrite(la->out.s, 1, la->out.len, stdout);
		buf_reset(&la->out);
	}
}

int
cmd_list(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		CMD_FILTER_OPTIONS,
		{ "json",	no_argument,		NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_query	 q;
	struct store_item	 it;
	struct store_cursor	*cur;
	struct list_arg		 la;
	struct store		*st;
	struct cmd_filter	 f;
	struct store_copy	*c;
	size_t			 nc, k;
	long long		 left;
	int			 ch, r, n = 0, rc = EXIT_OK;

	store_query_init(&q);
	memset(&la, 0, sizeof(la));
	la.ctx = ctx;
	buf_init(&la.out, 0);
	buf_init(&la.feed, 0);
	buf_init(&la.title, 0);
	cmd_filter_init(&f);
	while ((ch = getopt_long(argc, argv, "t:f:un:j", opts, NULL)) != -1) {
		if ((r = cmd_filter_opt(&f, ch, optarg)) == -1)
			return cmd_usage(LIST_USAGE);
		if (r == 1)
			continue;
		if (ch != 'j')
			return cmd_usage(LIST_USAGE);
		la.json = 1;
	}
	if (optind != argc)
		return cmd_usage(LIST_USAGE);
	cmd_filter_query(&f, &q);
	if (f.limit > 0)
		q.limit = f.limit;
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	if (!la.json && term_isatty(STDOUT_FILENO)) {
		la.tty = 1;
		term_table_init(&la.table, cmd_item_cols, CMD_ITEM_NCOLS,
		    (size_t)term_columns(STDOUT_FILENO),
		    term_color(STDOUT_FILENO));
	}
	/* the limit counts the lines shown, not the copies left out */
	left = q.limit > 0 ? q.limit : -1;
	q.limit = 0;
	/* NOTE: a page at a time (store_cursor): the first line comes at
	 * once, whatever the number of items */
	if (store_cursor_open(st, &q, &cur) == -1)
		n = -1;
	else {
		while (left != 0 && (n = store_cursor_next(cur, &it)) == 1) {
			if (store_item_copies(st, &it, &q, &c, &nc) == -1) {
				n = -1;
				store_item_release(&it);
				break;
			}
			/* a post several feeds carry: once, the first copy */
			for (k = 0; k < nc; k++)
				if (store_copy_first(&c[k], &it))
					break;
			if (la.json || q.nfeeds > 0 || k == nc) {
				list_item(&it, &la, c, nc,
				    k < nc ? c[k].id : 0);
				if (left > 0)
					left--;
			}
			store_copies_free(c, nc);
			store_item_release(&it);
		}
		store_cursor_close(cur);
	}
	if (n == -1) {
		log_errorx("%s", store_error(st));
		rc = EXIT_FEEDS_FAILED;
	}
	if (la.tty) {
		term_table_flush(&la.table, &la.out);
		term_table_release(&la.table);
	}
	fwrite(la.out.s, 1, la.out.len, stdout);
	buf_release(&la.out);
	buf_release(&la.feed);
	buf_release(&la.title);
	store_close(st);
	return rc;
}
