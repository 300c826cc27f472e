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

#define SEARCH_USAGE "search [--json] [--limit N] [--tag T] [--feed URL] " \
	"[--unread] QUERY..."
#define SEARCH_LIMIT	50	/* results without --limit */
#define SNIPPET_MAX	160	/* bytes of excerpt */
#define SNIPPET_HTML	65536	/* bytes of body text looked at */

struct search_arg {
	struct cmd_ctx		*ctx;
	struct store_search	*ss;
	int			 json;
	int			 tty;		/* aligned columns */
	struct term_table	 table;
	struct buf		 out;
	struct buf		 feed, title;	/* scratch */
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
	const char	*cells[CMD_ITEM_NCOLS];
	char		 id[24], date[64];
	size_t		 i;

	cmd_item_cells(it, ft, id, date, &sa->feed, &sa->title, cells);
	term_table_add(&sa->table, &sa->out, cells, it->unread ? "1" : NULL);
	if (snip->len == 0)
		return;
	/* the words found, bold in the table's colour */
	for (i = 0; i < snip->len; i++)
		if (snip->s[i] == STORE_HL_ON)
			snip->s[i] = TERM_BOLD_ON;
		else if (snip->s[i] == STORE_HL_OFF)
			snip->s[i] = TERM_BOLD_OFF;
	term_table_note(&sa->table, &sa->out, snip->s, NULL);
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
	const char		*ft = cmd_feed_title(sa->ctx, it);
	char			 date[32];
	size_t			 i, j;

	cmd_search_snippet(sa->ss, it, SNIPPET_MAX, &snip);
	if (sa->json) {
		render_item_json(&sa->out, it, ft);
		/* NOTE: "snippet" goes in before the object's closing brace */
		if (sa->out.len >= 2 && sa->out.s[sa->out.len - 1] == '\n' &&
		    sa->out.s[sa->out.len - 2] == '}') {
			buf_truncate(&sa->out, sa->out.len - 2);
			for (i = j = 0; i < snip.len; i++)
				if (snip.s[i] != STORE_HL_ON &&
				    snip.s[i] != STORE_HL_OFF)
					snip.s[j++] = snip.s[i];
			buf_adds(&sa->out, ",\"snippet\":");
			json_str(&sa->out, snip.s, j);
			buf_adds(&sa->out, "}\n");
		}
	} else {
		render_date(date, sizeof(date), render_item_time(it));
		if (sa->tty)
			search_row(sa, it, ft, &snip);
		else {
			buf_addf(&sa->out, "%s\t", date);
			add_inline(&sa->out, ft && *ft ? ft : it->feed_url);
			buf_addc(&sa->out, '\t');
			add_inline(&sa->out, it->title && *it->title ?
			    it->title : _("(untitled)"));
			buf_addf(&sa->out, "\t%lld\t", it->id);
			add_snippet(&sa->out, snip.s, snip.len);
			buf_addc(&sa->out, '\n');
		}
	}
	buf_release(&snip);
	if (sa->out.len > 65536) {
		fwrite(sa->out.s, 1, sa->out.len, stdout);
		buf_reset(&sa->out);
	}
	return 0;
}

int
cmd_search(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json",	no_argument,		NULL, 'j' },
		CMD_FILTER_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct store_query	 q;
	struct search_arg	 sa;
	struct store		*st;
	struct buf		 query = BUF_INIT;
	struct cmd_filter	 f;
	char			*cause = NULL;
	long long		 limit = SEARCH_LIMIT;
	int			 ch, r, i, rc = EXIT_OK;

	store_query_init(&q);
	memset(&sa, 0, sizeof(sa));
	sa.ctx = ctx;
	cmd_filter_init(&f);
	while ((ch = getopt_long(argc, argv, "jn:t:f:u", opts, NULL)) != -1) {
		if ((r = cmd_filter_opt(&f, ch, optarg)) == -1)
			return cmd_usage(SEARCH_USAGE);
		if (r == 1)
			continue;
		if (ch != 'j')
			return cmd_usage(SEARCH_USAGE);
		sa.json = 1;
	}
	if (f.limit >= 0)
		limit = f.limit;
	if (optind == argc)
		return cmd_usage(SEARCH_USAGE);
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
	if (!sa.json && term_isatty(STDOUT_FILENO)) {
		sa.tty = 1;
		term_table_init(&sa.table, cmd_item_cols, CMD_ITEM_NCOLS,
		    (size_t)term_columns(STDOUT_FILENO),
		    term_color(STDOUT_FILENO));
	}
	buf_init(&sa.out, 0);
	buf_init(&sa.feed, 0);
	buf_init(&sa.title, 0);
	if (store_search_run(st, sa.ss, &q, limit, search_item, &sa) == -1) {
		log_errorx("%s", store_error(st));
		rc = EXIT_FEEDS_FAILED;
	}
	if (sa.tty) {
		term_table_flush(&sa.table, &sa.out);
		term_table_release(&sa.table);
	}
	fwrite(sa.out.s, 1, sa.out.len, stdout);
	buf_release(&sa.out);
	buf_release(&sa.feed);
	buf_release(&sa.title);
	buf_release(&query);
	store_search_free(sa.ss);
	store_close(st);
	return rc;
}
