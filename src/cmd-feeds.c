/*
 * cmd-feeds.c: `crier feeds [--json|--table]`: every feed with its state.
 * Piped (not a terminal), one line each as ever: URL, then key=value
 * fields (not translated: scripts read them): last fetch, HTTP status,
 * next poll, error count, item count, title, where it moved, the last
 * error, its class and since when it fails, and gone.  On a terminal (or
 * with --table) an aligned table fitted to its width (util/term.h), a
 * feed's error (since when, in the local zone) and move on an indented
 * line below it.  --json: one object per feed and
 * line, for scripts.  Feeds in the config that were never polled are
 * listed too, with status 0; feeds in the database that the config no
 * longer has say so (subscribed=no).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "pipeline.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include "util/term.h"
#include "util/time.h"
#include "util/xmalloc.h"


enum feeds_style {
	FEEDS_LINES,		/* key=value, the historic output */
	FEEDS_TABLE,		/* aligned for a terminal */
	FEEDS_JSON,
};

struct feeds_arg {
	struct cmd_ctx	*ctx;
	struct buf	 out;
	char		*seen;		/* config feeds found in the store */
	int		 style;
	struct term_table table;	/* FEEDS_TABLE */
	time_t		 now;
};

/* ---- key=value lines ------------------------------------------------ */

static void
stamp(struct buf *b, const char *key, time_t t)
{
	char rfc[32];

	if (t == TIME_NONE || time_rfc3339(t, rfc, sizeof(rfc)) == -1)
		buf_addf(b, " %s=-", key);
	else
		buf_addf(b, " %s=%s", key, rfc);
}

/* s for one line of a terminal: no controls, no tabs or newlines */
static void
term_line(struct buf *b, const char *s)
{
	size_t start = b->len, i;

	str_term_safe(b, s, strlen(s));
	for (i = start; i < b->len; i++)
		if (b->s[i] == '\n' || b->s[i] == '\t')
			b->s[i] = ' ';
}

static void
quoted(struct buf *b, const char *key, const char *v)
{
	struct buf	s = BUF_INIT;
	size_t		i;

	if (v == NULL || *v == '\0')
		return;
	term_line(&s, v);
	buf_addf(b, " %s=\"", key);
	for (i = 0; i < s.len; i++) {
		if (s.s[i] == '"' || s.s[i] == '\\')
			buf_addc(b, '\\');
		buf_addc(b, s.s[i]);
	}
	buf_addc(b, '"');
	buf_release(&s);
}

static void
feed_line(struct buf *b, const struct store_feed *f, const char *title,
    int gone, int unsubscribed)
{
	str_term_safe(b, f->url, strlen(f->url));
	stamp(b, "last", f->last_poll);
	buf_addf(b, " status=%ld", f->last_status);
	stamp(b, "next", f->next_poll);
	buf_addf(b, " errors=%d items=%lld", f->error_count, f->nitems);
	quoted(b, "title", title);
	quoted(b, "moved", f->url_effective);
	quoted(b, "error", f->last_error);
	if (f->error_count > 0) {
		quoted(b, "class", f->error_class);
		if (f->failing_since != TIME_NONE)
			stamp(b, "since", f->failing_since);
	}
	if (gone)
		buf_adds(b, " gone=yes");
	/* in the database, no longer in the config (crier remove) */
	if (unsubscribed)
		buf_adds(b, " subscribed=no");
	buf_addc(b, '\n');
}

/* ---- JSON ------------------------------------------------------------ */

static void
feed_json(struct buf *b, const struct store_feed *f, const char *title,
    int gone, int unsubscribed)
{
	int first = 1;

	buf_addc(b, '{');
	json_obj_str(b, &first, "url", f->url);
	json_obj_str(b, &first, "effective_url", f->url_effective);
	json_obj_str(b, &first, "title", title);
	json_obj_int(b, &first, "status", f->last_status);
	json_obj_str(b, &first, "error", f->last_error);
	if (f->error_count > 0) {
		json_obj_str(b, &first, "error_class", f->error_class);
		json_obj_time(b, &first, "failing_since", f->failing_since);
	}
	json_obj_int(b, &first, "streak", f->error_count);
	json_obj_time(b, &first, "last_poll", f->last_poll);
	json_obj_time(b, &first, "last_success", f->last_success);
	if (!gone)
		json_obj_time(b, &first, "next_poll", f->next_poll);
	json_obj_int(b, &first, "items", f->nitems);
	json_obj_bool(b, &first, "gone", gone);
	json_obj_bool(b, &first, "subscribed", !unsubscribed);
	if (f->moved_to && f->moved_count > 0) {
		json_obj_str(b, &first, "moved_to", f->moved_to);
		json_obj_int(b, &first, "moved_count", f->moved_count);
	}
	buf_adds(b, "}\n");
}

/* ---- the table -------------------------------------------------------- */

/* "45s", "12m", "3h", "5d" */
static void
span(char *out, size_t sz, long long s)
{
	if (s < 0)
		s = -s;
	if (s < 120)
		snprintf(out, sz, "%llds", s);
	else if (s < 7200)
		snprintf(out, sz, "%lldm", s / 60);
	else if (s < 3 * 86400)
		snprintf(out, sz, "%lldh", s / 3600);
	else
		snprintf(out, sz, "%lldd", s / 86400);
}

/* STATE FAILS LAST-OK NEXT ITEMS FEED: the feed gives room first */
static const struct term_col feeds_cols[] = {
	{ TERM_COL_SHRINK,	6,	14,	NULL },
	{ TERM_COL_RIGHT,	0,	0,	NULL },
	{ 0,			0,	0,	"2" },
	{ 0,			0,	0,	"2" },
	{ TERM_COL_RIGHT,	0,	0,	"33" },
	{ TERM_COL_SHRINK,	20,	0,	NULL },
};

static void
table_head(struct feeds_arg *fa)
{
	const char *cells[nitems(feeds_cols)];

	cells[0] = _("STATE");
	cells[1] = _("FAILS");
	cells[2] = _("LAST OK");
	cells[3] = _("NEXT");
	cells[4] = _("ITEMS");
	cells[5] = _("FEED");
	term_table_add(&fa->table, &fa->out, cells, "1");
}

/* an indented line under a feed: label and text */
static void
table_note(struct feeds_arg *fa, const char *label, const char *text,
    const char *sgr)
{
	struct buf t = BUF_INIT;

	buf_addf(&t, "%s %s", label, text);
	term_table_note(&fa->table, &fa->out, t.s, sgr);
	buf_release(&t);
}

static void
feed_row(struct feeds_arg *fa, const struct store_feed *f, const char *title,
    int gone, int off)
{
	struct buf	 t = BUF_INIT;
	const char	*cells[nitems(feeds_cols)], *sgr = NULL;
	char		 state[64], fails[24], ok[32], next[32], items[24];
	char		 d[32], since[64];

	if (gone || off) {
		snprintf(state, sizeof(state), "%s", gone ? _("gone") :
		    _("off"));
		sgr = "2";
	} else if (f->error_count > 0) {
		snprintf(state, sizeof(state), "%s", f->error_class ?
		    f->error_class : _("failed"));
		sgr = "31";
	} else if (f->last_poll == TIME_NONE)
		snprintf(state, sizeof(state), "%s", _("new"));
	else
		snprintf(state, sizeof(state), "ok %ld", f->last_status);
	if (f->error_count > 0)
		snprintf(fails, sizeof(fails), "%d", f->error_count);
	else
		snprintf(fails, sizeof(fails), "-");
	if (f->last_success == TIME_NONE)
		snprintf(ok, sizeof(ok), "%s", _("never"));
	else {
		span(d, sizeof(d), (long long)(fa->now - f->last_success));
		snprintf(ok, sizeof(ok), _("%s ago"), d);
	}
	if (gone || off)
		snprintf(next, sizeof(next), "%s", _("never"));
	else if (f->next_poll == TIME_NONE || f->next_poll <= fa->now)
		snprintf(next, sizeof(next), "%s", _("now"));
	else {
		span(d, sizeof(d), (long long)(f->next_poll - fa->now));
		snprintf(next, sizeof(next), _("in %s"), d);
	}
	snprintf(items, sizeof(items), "%lld", f->nitems);
	if (title && *title)
		buf_addf(&t, "%s <%s>", title, f->url);
	else
		buf_adds(&t, f->url);
	cells[0] = state;
	cells[1] = fails;
	cells[2] = ok;
	cells[3] = next;
	cells[4] = items;
	cells[5] = t.s;
	term_table_add(&fa->table, &fa->out, cells, sgr);
	buf_reset(&t);
	if (f->url_effective)
		table_note(fa, _("moved to"), f->url_effective, NULL);
	if (f->error_count > 0 && f->last_error) {
		since[0] = '\0';
		if (f->failing_since != TIME_NONE)
			term_date(since, sizeof(since), f->failing_since);
		if (*since) {
			buf_addf(&t, _("since %s: "), since);
			buf_adds(&t, f->last_error);
			table_note(fa, _("error"), t.s, "31");
		} else
			table_note(fa, _("error"), f->last_error, "31");
	}
	buf_release(&t);
}

static void
feed_out(struct feeds_arg *fa, const struct store_feed *f,
    const struct config_feed *cf)
{
	const char	*title = cf && cf->title ? cf->title : f->title;
	int		 gone = f->id != 0 && pipeline_feed_gone(cf, f);
	int		 unsub = fa->ctx->config_loaded &&
			    fa->ctx->config.path != NULL && cf == NULL;

	switch (fa->style) {
	case FEEDS_JSON:
		feed_json(&fa->out, f, title, gone, unsub);
		break;
	case FEEDS_TABLE:
		feed_row(fa, f, title, gone, cf != NULL && cf->disabled);
		if (unsub)
			table_note(fa, _("note"),
			    _("not in the configuration (crier remove)"), "2");
		break;
	default:
		feed_line(&fa->out, f, title, gone, unsub);
		break;
	}
}

static int
feeds_cb(const struct store_feed *f, void *arg)
{
	struct feeds_arg		*fa = arg;
	const struct config_feed	*cf = NULL;

	if (fa->ctx->config_loaded &&
	    (cf = config_find_feed(&fa->ctx->config, f->url)) != NULL)
		fa->seen[cf - fa->ctx->config.feeds] = 1;
	feed_out(fa, f, cf);
	return 0;
}

int
cmd_feeds(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct feeds_arg	 fa;
	struct store_feed	 f;
	struct store		*st;
	size_t			 i, n;
	int			 ch, rc = EXIT_OK, style = -1;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			style = FEEDS_JSON;
			break;
		case 't':
			style = FEEDS_TABLE;
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx);
	if (style == -1)
		style = term_isatty(STDOUT_FILENO) ? FEEDS_TABLE :
		    FEEDS_LINES;
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	memset(&fa, 0, sizeof(fa));
	fa.ctx = ctx;
	fa.style = style;
	fa.now = time(NULL);
	buf_init(&fa.out, 0);
	n = ctx->config_loaded ? ctx->config.nfeeds : 0;
	fa.seen = xcalloc(n + 1, 1);
	if (style == FEEDS_TABLE) {
		term_table_init(&fa.table, feeds_cols, nitems(feeds_cols),
		    (size_t)term_columns(STDOUT_FILENO),
		    term_color(STDOUT_FILENO));
		table_head(&fa);
	}
	if (store_feed_each(st, feeds_cb, &fa) == -1) {
		log_errorx("%s", store_error(st));
		rc = EXIT_FEEDS_FAILED;
	}
	for (i = 0; rc == EXIT_OK && i < n; i++) {
		if (fa.seen[i])
			continue;
		memset(&f, 0, sizeof(f));
		f.url = ctx->config.feeds[i].url;
		f.last_poll = f.last_success = f.next_poll = TIME_NONE;
		f.failing_since = TIME_NONE;
		feed_out(&fa, &f, &ctx->config.feeds[i]);
	}
	if (style == FEEDS_TABLE) {
		term_table_flush(&fa.table, &fa.out);
		term_table_release(&fa.table);
	}
	if (fwrite(fa.out.s, 1, fa.out.len, stdout) != fa.out.len ||
	    fflush(stdout) != 0) {
		log_error("%s", _("cannot write the feeds"));
		rc = EXIT_FEEDS_FAILED;
	}
	buf_release(&fa.out);
	free(fa.seen);
	store_close(st);
	return rc;
}
