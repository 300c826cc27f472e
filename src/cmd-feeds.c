/*
 * cmd-feeds.c: `crier feeds [--json|--table]`: every feed with its state.
 * Piped (not a terminal), one line each as ever: URL, then key=value
 * fields (not translated: scripts read them): last fetch, HTTP status,
 * next poll, error count, item count, title, where it moved, the last
 * error, its class and since when it fails, and gone.  On a terminal (or
 * with --table) an aligned table fitted to its width, a feed's error and
 * move on an indented line below it.  --json: one object per feed and
 * line, for scripts.  Feeds in the config that were never polled are
 * listed too, with status 0; feeds in the database that the config no
 * longer has say so (subscribed=no).
 */
#include "config.h"

#include <sys/ioctl.h>

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
#include "util/time.h"
#include "util/xmalloc.h"

#define FEEDS_USAGE	"feeds [--json|--table]"

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
	int		 width;		/* columns, FEEDS_TABLE */
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

/* columns of UTF-8 text: its code points (wide characters count one) */
static size_t
cols(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* s cut to at most w columns (an ellipsis where cut), padded with pad */
static void
cell(struct buf *b, const char *s, size_t w, int pad)
{
	size_t len = strlen(s), n = cols(s, len), i, c;

	if (n > w) {
		for (i = 0, c = 0; i < len; i++) {
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    ++c > w - 1)
				break;
		}
		buf_add(b, s, i);
		buf_adds(b, "\xe2\x80\xa6");	/* U+2026 */
		n = w;
	} else
		buf_add(b, s, len);
	for (; pad && n < w; n++)
		buf_addc(b, ' ');
}

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

#define COL_STATE	10
#define COL_FAILS	5
#define COL_WHEN	8
#define COL_ITEMS	6
#define COL_FIXED	(COL_STATE + COL_FAILS + 2 * COL_WHEN + COL_ITEMS + 5)
#define COL_FEED_MIN	20

static void
table_head(struct feeds_arg *fa)
{
	struct buf *b = &fa->out;

	cell(b, _("STATE"), COL_STATE, 1);
	buf_addc(b, ' ');
	cell(b, _("FAILS"), COL_FAILS, 1);
	buf_addc(b, ' ');
	cell(b, _("LAST OK"), COL_WHEN, 1);
	buf_addc(b, ' ');
	cell(b, _("NEXT"), COL_WHEN, 1);
	buf_addc(b, ' ');
	cell(b, _("ITEMS"), COL_ITEMS, 1);
	buf_addc(b, ' ');
	cell(b, _("FEED"), (size_t)fa->width - COL_FIXED, 0);
	buf_addc(b, '\n');
}

/* an indented line under a feed: label and text, cut to the width */
static void
table_note(struct feeds_arg *fa, const char *label, const char *text)
{
	struct buf t = BUF_INIT;

	buf_adds(&t, label);
	buf_adds(&t, " ");
	term_line(&t, text);
	buf_adds(&fa->out, "    ");
	cell(&fa->out, t.s, (size_t)fa->width - 4, 0);
	buf_addc(&fa->out, '\n');
	buf_release(&t);
}

static void
feed_row(struct feeds_arg *fa, const struct store_feed *f, const char *title,
    int gone, int off)
{
	struct buf	*b = &fa->out, t = BUF_INIT;
	char		 s[64], d[32], since[32];

	if (gone)
		snprintf(s, sizeof(s), "%s", _("gone"));
	else if (off)
		snprintf(s, sizeof(s), "%s", _("off"));
	else if (f->error_count > 0)
		snprintf(s, sizeof(s), "%s", f->error_class ? f->error_class :
		    _("failed"));
	else if (f->last_poll == TIME_NONE)
		snprintf(s, sizeof(s), "%s", _("new"));
	else
		snprintf(s, sizeof(s), "ok %ld", f->last_status);
	cell(b, s, COL_STATE, 1);
	buf_addc(b, ' ');
	if (f->error_count > 0)
		snprintf(s, sizeof(s), "%d", f->error_count);
	else
		snprintf(s, sizeof(s), "-");
	cell(b, s, COL_FAILS, 1);
	buf_addc(b, ' ');
	if (f->last_success == TIME_NONE)
		snprintf(s, sizeof(s), "%s", _("never"));
	else {
		span(d, sizeof(d), (long long)(fa->now - f->last_success));
		snprintf(s, sizeof(s), _("%s ago"), d);
	}
	cell(b, s, COL_WHEN, 1);
	buf_addc(b, ' ');
	if (gone || off)
		snprintf(s, sizeof(s), "%s", _("never"));
	else if (f->next_poll == TIME_NONE || f->next_poll <= fa->now)
		snprintf(s, sizeof(s), "%s", _("now"));
	else {
		span(d, sizeof(d), (long long)(f->next_poll - fa->now));
		snprintf(s, sizeof(s), _("in %s"), d);
	}
	cell(b, s, COL_WHEN, 1);
	buf_addc(b, ' ');
	snprintf(s, sizeof(s), "%lld", f->nitems);
	cell(b, s, COL_ITEMS, 1);
	buf_addc(b, ' ');
	if (title && *title) {
		term_line(&t, title);
		buf_adds(&t, " <");
		term_line(&t, f->url);
		buf_addc(&t, '>');
	} else
		term_line(&t, f->url);
	cell(b, t.s, (size_t)fa->width - COL_FIXED, 0);
	buf_addc(b, '\n');
	buf_release(&t);
	if (f->url_effective)
		table_note(fa, _("moved to"), f->url_effective);
	if (f->error_count > 0 && f->last_error) {
		if (f->failing_since != TIME_NONE &&
		    time_rfc3339(f->failing_since, since, sizeof(since)) == 0) {
			buf_init(&t, 0);
			buf_addf(&t, _("since %s: "), since);
			buf_adds(&t, f->last_error);
			table_note(fa, _("error"), t.s);
			buf_release(&t);
		} else
			table_note(fa, _("error"), f->last_error);
	}
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
			    _("not in the configuration (crier remove)"));
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

/* the terminal's columns (else $COLUMNS, else 80), at least room enough */
static int
term_width(void)
{
	struct winsize	 ws;
	const char	*e;
	long		 w = 0;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	else if ((e = getenv("COLUMNS")) != NULL)
		w = strtol(e, NULL, 10);
	if (w <= 0)
		w = 80;
	if (w < COL_FIXED + COL_FEED_MIN)
		w = COL_FIXED + COL_FEED_MIN;
	return w > 1000 ? 1000 : (int)w;
}

int
cmd_feeds(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json",	no_argument,	NULL, 'j' },
		{ "table",	no_argument,	NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct feeds_arg	 fa;
	struct store_feed	 f;
	struct store		*st;
	size_t			 i, n;
	int			 ch, rc = EXIT_OK, style = -1;

	while ((ch = getopt_long(argc, argv, "jt", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			style = FEEDS_JSON;
			break;
		case 't':
			style = FEEDS_TABLE;
			break;
		default:
			return cmd_usage(FEEDS_USAGE);
		}
	}
	if (optind != argc)
		return cmd_usage(FEEDS_USAGE);
	if (style == -1)
		style = isatty(STDOUT_FILENO) ? FEEDS_TABLE : FEEDS_LINES;
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	memset(&fa, 0, sizeof(fa));
	fa.ctx = ctx;
	fa.style = style;
	fa.now = time(NULL);
	fa.width = style == FEEDS_TABLE ? term_width() : 0;
	buf_init(&fa.out, 0);
	n = ctx->config_loaded ? ctx->config.nfeeds : 0;
	fa.seen = xcalloc(n + 1, 1);
	if (style == FEEDS_TABLE)
		table_head(&fa);
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
