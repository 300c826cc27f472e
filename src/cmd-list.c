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

static void
list_row(const struct store_item *it, struct cmd_rows *rows, const char *ft,
    const struct store_copy *c, size_t nc)
{
	size_t		 i;
	const char	*cells[CMD_ROW_NCOLS];
	char		 id[24], date[64];

	cmd_rows_cells(rows, it, ft, id, date, cells);
	/* the other feeds that carry it, after the title */
	for (i = 0; i < nc; i++) {
		buf_adds(&rows->title, i == 0 ? " (" : ", ");
		if (i == 0)
			buf_addf(&rows->title, "%s ", _("also in:"));
		render_inline(&rows->title, cmd_copy_title(rows->ctx, &c[i]));
	}
	if (nc > 0)
		buf_addc(&rows->title, ')');
	cells[3] = rows->title.s;
	term_table_add(&rows->table, &rows->out, cells,
	    it->unread ? "1" : NULL);
}

/*
 * "also_in" (JSON) or a fifth field "also in: A, B" (text); first: the
 * id of the copy a text list shows instead of this one, or 0
 */
static void
list_also(struct cmd_rows *rows, const struct store_copy *c, size_t n,
    long long first)
{
	size_t i;

	if (rows->json) {
		if (!cmd_rows_json_open(rows))
			return;
		buf_adds(&rows->out, ",\"also_in\":[");
		for (i = 0; i < n; i++) {
			if (i)
				buf_addc(&rows->out, ',');
			json_strz(&rows->out, cmd_copy_title(rows->ctx, &c[i]));
		}
		buf_addc(&rows->out, ']');
		if (first > 0)
			buf_addf(&rows->out, ",\"copy_of\":%lld", first);
		buf_adds(&rows->out, "}\n");
		return;
	}
	/* NOTE: after the id, so that scripts cutting fields 1-4 go on */
	buf_truncate(&rows->out, rows->out.len - 1);
	buf_addf(&rows->out, "\t%s ", _("also in:"));
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&rows->out, ", ");
		render_inline(&rows->out, cmd_copy_title(rows->ctx, &c[i]));
	}
	buf_addc(&rows->out, '\n');
}

static void
list_item(const struct store_item *it, struct cmd_rows *rows,
    const struct store_copy *c, size_t nc, long long first)
{
	const char	*ft = cmd_feed_title(rows->ctx, it);
	char		 date[32];

	if (rows->json)
		render_item_json(&rows->out, it, ft);
	else if (rows->tty)
		list_row(it, rows, ft, c, nc);
	else {
		render_date(date, sizeof(date), it->published != TIME_NONE ?
		    it->published : it->updated != TIME_NONE ? it->updated :
		    it->first_seen);
		buf_addf(&rows->out, "%s\t", date);
		render_inline(&rows->out, ft && *ft ? ft : it->feed_url);
		buf_addc(&rows->out, '\t');
		render_inline(&rows->out, it->title && *it->title ? it->title :
		    _("(untitled)"));
		buf_addf(&rows->out, "\t%lld\n", it->id);
	}
	if (nc > 0 && !rows->tty)
		list_also(rows, c, nc, first);
	/* NOTE: flush in chunks: 100,000 items need not sit in memory */
	if (rows->out.len > 65536) {
		fwrite(rows->out.s, 1, rows->out.len, stdout);
		buf_reset(&rows->out);
	}
}

int
cmd_list(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store_query	 q;
	struct store_item	 it;
	struct store_cursor	*cur;
	struct cmd_rows		 rows;
	struct store		*st;
	struct cmd_filter	 f;
	struct store_copy	*c;
	size_t			 nc, k;
	long long		 left;
	int			 n = 0, json, rc = EXIT_OK;

	store_query_init(&q);
	if (cmd_filter_args(ctx, argc, argv, &f, 'j', &json) == -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cmd_usage(ctx);
	cmd_filter_query(&f, &q);
	if (f.limit > 0)
		q.limit = f.limit;
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	cmd_rows_init(&rows, ctx, json);
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
			if (rows.json || q.nfeeds > 0 || k == nc) {
				list_item(&it, &rows, c, nc,
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
	cmd_rows_finish(&rows);
	store_close(st);
	return rc;
}
