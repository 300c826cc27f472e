/*
 * cmd-search.c: `crier search [--json] [--limit N] [--tag T] [--feed URL]
 * [--unread] QUERY...`: the items whose title or body match, best
 * first, each with an excerpt around the words found (store-search.c
 * has the query language).  On a terminal: list's aligned columns (id,
 * local date, feed, title; util/term.h), then an indented excerpt with
 * the words in bold (plain with NO_COLOR); piped: DATE TAB FEED TAB TITLE TAB ID TAB EXCERPT; --json: the `list
 * --json` objects with "snippet" added.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "htmltext.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include "util/term.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define SEARCH_LIMIT	50	/* results without --limit */
#define SNIPPET_MAX	160	/* bytes of excerpt */
#define SNIPPET_HTML	65536	/* bytes of body text looked at */

struct search_arg {
	struct cmd_rows		 r;
	struct store_search	*ss;
};

void
cmd_search_snippet(struct store_search *ss, const struct store_item *it,
    size_t max, struct buf *out)
{
	struct buf	 text = BUF_INIT;
	const char	*body = it->summary && *it->summary ? it->summary :
			    it->content;

	/* NOTE: the summary first: it is short and says what the item is;
	 * the content when the words are not in it */
	if (body)
		htmltext_render_max(&text, body, strlen(body), 0, NULL,
		    SNIPPET_HTML);
	if (it->content && body != it->content) {
		struct buf	 o = BUF_INIT;

		store_search_snippet(ss, text.s, text.len, max, &o);
		if (memchr(o.s, STORE_HL_ON, o.len) == NULL) {
			buf_reset(&text);
			htmltext_render_max(&text, it->content,
			    strlen(it->content), 0, NULL, SNIPPET_HTML);
		}
		buf_release(&o);
	}
	store_search_snippet(ss, text.s, text.len, max, out);
	buf_release(&text);
}

/* the snippet without its marks; terminal-safe */
static void
add_snippet(struct buf *out, const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *q;

	while (p < end) {
		q = p;
		while (q < end && *q != STORE_HL_ON && *q != STORE_HL_OFF)
			q++;
		str_term_safe(out, p, (size_t)(q - p));
		p = q < end ? q + 1 : q;
	}
}

/* a result on a terminal: a row, the excerpt as a note under it */
static void
search_row(struct search_arg *sa, const struct store_item *it,
    const char *ft, struct buf *snip)
{
	const char	*cells[CMD_ROW_NCOLS];
	char		 id[24], date[64];
	size_t		 i;

	cmd_rows_cells(&sa->r, it, ft, id, date, cells);
	term_table_add(&sa->r.table, &sa->r.out, cells,
	    it->unread ? "1" : NULL);
	if (snip->len == 0)
		return;
	/* the words found, bold in the table's colour */
	for (i = 0; i < snip->len; i++)
		if (snip->s[i] == STORE_HL_ON)
			snip->s[i] = TERM_BOLD_ON;
		else if (snip->s[i] == STORE_HL_OFF)
			snip->s[i] = TERM_BOLD_OFF;
	term_table_note(&sa->r.table, &sa->r.out, snip->s, NULL);
}

/* a one-line field: markup out, no tabs or newlines, no bidi controls */
static void
add_inline(struct buf *out, const char *html)
{
	struct buf	t = BUF_INIT;
	size_t		i, start = out->len;

	render_inline(&t, html);
	str_term_safe(out, t.s, t.len);
	for (i = start; i < out->len; i++)
		if (out->s[i] == '\t' || out->s[i] == '\n')
			out->s[i] = ' ';
	buf_release(&t);
}

static int
search_item(const struct store_item *it, void *arg)
{
	struct search_arg	*sa = arg;
	struct buf		 snip = BUF_INIT;
	const char		*ft = cmd_feed_title(sa->r.ctx, it);
	char			 date[32];
	size_t			 i, j;

	cmd_search_snippet(sa->ss, it, SNIPPET_MAX, &snip);
	if (sa->r.json) {
		render_item_json(&sa->r.out, it, ft);
		if (cmd_rows_json_open(&sa->r)) {
			for (i = j = 0; i < snip.len; i++)
				if (snip.s[i] != STORE_HL_ON &&
				    snip.s[i] != STORE_HL_OFF)
					snip.s[j++] = snip.s[i];
			buf_adds(&sa->r.out, ",\"snippet\":");
			json_str(&sa->r.out, snip.s, j);
			buf_adds(&sa->r.out, "}\n");
		}
	} else {
		render_date(date, sizeof(date), render_item_time(it));
		if (sa->r.tty)
			search_row(sa, it, ft, &snip);
		else {
			buf_addf(&sa->r.out, "%s\t", date);
			add_inline(&sa->r.out, ft && *ft ? ft : it->feed_url);
			buf_addc(&sa->r.out, '\t');
			add_inline(&sa->r.out, it->title && *it->title ?
			    it->title : _("(untitled)"));
			buf_addf(&sa->r.out, "\t%lld\t", it->id);
			add_snippet(&sa->r.out, snip.s, snip.len);
			buf_addc(&sa->r.out, '\n');
		}
	}
	buf_release(&snip);
	if (sa->r.out.len > 65536) {
		fwrite(sa->r.out.s, 1, sa->r.out.len, stdout);
		buf_reset(&sa->r.out);
	}
	return 0;
}

int
cmd_search(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store_query	 q;
	struct search_arg	 sa;
	struct store		*st;
	struct buf		 query = BUF_INIT;
	struct cmd_filter	 f;
	char			*cause = NULL;
	long long		 limit = SEARCH_LIMIT;
	int			 i, json, rc = EXIT_OK;

	store_query_init(&q);
	memset(&sa, 0, sizeof(sa));
	if (cmd_filter_args(ctx, argc, argv, &f, 'j', &json) == -1)
		return EXIT_USAGE;
	if (f.limit >= 0)
		limit = f.limit;
	if (optind == argc)
		return cmd_usage(ctx);
	/* several arguments are one query, as a shell user types it */
	for (i = optind; i < argc; i++) {
		if (i > optind)
			buf_addc(&query, ' ');
		buf_adds(&query, argv[i]);
	}
	cmd_filter_query(&f, &q);
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL) {
		buf_release(&query);
		return EXIT_FEEDS_FAILED;
	}
	if (store_search_new(st, query.s, &sa.ss, &cause) == -1) {
		log_errorx("%s", cause);
		free(cause);
		buf_release(&query);
		store_close(st);
		return EXIT_USAGE;
	}
	cmd_rows_init(&sa.r, ctx, json);
	if (store_search_run(st, sa.ss, &q, limit, search_item, &sa) == -1) {
		log_errorx("%s", store_error(st));
		rc = EXIT_FEEDS_FAILED;
	}
	cmd_rows_finish(&sa.r);
	buf_release(&query);
	store_search_free(sa.ss);
	store_close(st);
	return rc;
}
