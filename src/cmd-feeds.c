/*
 * cmd-feeds.c: `crier feeds`: every feed with its state, one line each:
 * URL, then key=value fields (not translated: scripts read them): last
 * fetch, HTTP status, next poll, error count, item count, title and the
 * last error.  Feeds in the config that were never polled are listed
 * too, with status=0; feeds in the database that the config no longer
 * has end with subscribed=no.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render/render.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

struct feeds_arg {
	struct cmd_ctx	*ctx;
	struct buf	 out;
	char		*seen;		/* config feeds found in the store */
};

static void
stamp(struct buf *b, const char *key, time_t t)
{
	char rfc[32];

	if (t == TIME_NONE || time_rfc3339(t, rfc, sizeof(rfc)) == -1)
		buf_addf(b, " %s=-", key);
	else
		buf_addf(b, " %s=%s", key, rfc);
}

static void
quoted(struct buf *b, const char *key, const char *v)
{
	struct buf	s = BUF_INIT;
	size_t		i;

	if (v == NULL || *v == '\0')
		return;
	str_term_safe(&s, v, strlen(v));
	buf_addf(b, " %s=\"", key);
	for (i = 0; i < s.len; i++) {
		if (s.s[i] == '"' || s.s[i] == '\\')
			buf_addc(b, '\\');
		buf_addc(b, s.s[i] == '\n' || s.s[i] == '\t' ? ' ' : s.s[i]);
	}
	buf_addc(b, '"');
	buf_release(&s);
}

static void
feed_line(struct buf *b, const struct store_feed *f, const char *title,
    int unsubscribed)
{
	str_term_safe(b, f->url, strlen(f->url));
	stamp(b, "last", f->last_poll);
	buf_addf(b, " status=%ld", f->last_status);
	stamp(b, "next", f->next_poll);
	buf_addf(b, " errors=%d items=%lld", f->error_count, f->nitems);
	quoted(b, "title", title);
	quoted(b, "moved", f->url_effective);
	quoted(b, "error", f->last_error);
	/* in the database, no longer in the config (crier remove) */
	if (unsubscribed)
		buf_adds(b, " subscribed=no");
	buf_addc(b, '\n');
}

static int
feeds_cb(const struct store_feed *f, void *arg)
{
	struct feeds_arg		*fa = arg;
	const struct config_feed	*cf = NULL;
	const char			*title = f->title;

	if (fa->ctx->config_loaded &&
	    (cf = config_find_feed(&fa->ctx->config, f->url)) != NULL) {
		fa->seen[cf - fa->ctx->config.feeds] = 1;
		if (cf->title)
			title = cf->title;
	}
	feed_line(&fa->out, f, title, fa->ctx->config_loaded &&
	    fa->ctx->config.path != NULL && cf == NULL);
	return 0;
}

int
cmd_feeds(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct feeds_arg	 fa;
	struct store_feed	 f;
	struct store		*st;
	size_t			 i, n;
	int			 rc = EXIT_OK;

	(void)argv;
	if (argc != 1)
		return cmd_usage("feeds");
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	memset(&fa, 0, sizeof(fa));
	fa.ctx = ctx;
	buf_init(&fa.out, 0);
	n = ctx->config_loaded ? ctx->config.nfeeds : 0;
	fa.seen = xcalloc(n + 1, 1);
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
		feed_line(&fa.out, &f, ctx->config.feeds[i].title, 0);
	}
	fwrite(fa.out.s, 1, fa.out.len, stdout);
	buf_release(&fa.out);
	free(fa.seen);
	store_close(st);
	return rc;
}
