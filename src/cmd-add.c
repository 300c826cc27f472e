/*
 * cmd-add.c: `crier add URL [--tag T]... [--title S]` and `crier remove
 * URL [--purge]`: subscriptions changed in the config file itself
 * (conf-edit.c keeps the rest of it byte for byte).  add fetches URL
 * first: a feed is added as it is; a web page is searched for the feeds
 * it links (discover.c), then for the usual feed paths of its site, and
 * the first that parses is added.  remove takes the [feed] section out,
 * and with --purge the feed's items out of the database.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "conf-edit.h"
#include "discover.h"
#include "fetch.h"
#include "parse/parse.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define ADD_MAX_CANDIDATES	16

int
cmd_conf_edit_begin(struct cmd_ctx *ctx, char **path, struct buf *text)
{
	char	*cause = NULL;
	int	 rc;

	*path = cmd_config_path(ctx);
	if ((rc = conf_edit_read(*path, text, &cause)) == -1) {
		log_errorx("%s", cause);
		free(cause);
		goto fail;
	}
	if (ctx->config_loaded)
		config_release(&ctx->config);
	config_init(&ctx->config);
	ctx->config_loaded = 1;
	/* NOTE: a config with an error is never rewritten: the edit
	 * could only be appended to something crier cannot read */
	if (rc == 0 && config_parse(&ctx->config, *path, text->s,
	    text->len) == -1)
		goto fail;
	return 0;
fail:
	free(*path);
	*path = NULL;
	return -1;
}

int
cmd_conf_edit_commit(const char *path, const struct buf *text)
{
	char *cause = NULL;

	if (strchr(path, '/') != NULL && cmd_mkdir_parents(path) == -1) {
		log_error(_("cannot create the directory of '%s'"), path);
		return -1;
	}
	if (conf_edit_write(path, text->s, text->len, &cause) == -1) {
		log_errorx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

const struct config_feed *
cmd_conf_has_feed(const struct cmd_ctx *ctx, const char *url)
{
	size_t i;

	for (i = 0; i < ctx->config.nfeeds; i++) {
		if (conf_edit_same_url(ctx->config.feeds[i].url, url))
			return &ctx->config.feeds[i];
	}
	return NULL;
}

/* ---- fetching ---- */

struct got {
	int		 ok;		/* fetched, status < 400 */
	char		*error;
	struct buf	 body;
	char		*url;		/* effective */
};

static void
got_cb(struct fetch_result *r, void *arg)
{
	struct got *g = (struct got *)arg + (size_t)r->req->udata;

	if (!r->ok || r->status >= 400) {
		if (r->error)
			g->error = xstrdup(r->error);
		else
			xasprintf(&g->error, _("HTTP status %ld"), r->status);
		return;
	}
	g->ok = 1;
	g->body = r->body;
	buf_init(&r->body, 0);
	g->url = xstrdup(r->effective_url ? r->effective_url :
	    r->req->url);
}

/* fetches urls[0..n) at once into got[0..n); -1 when curl fails */
static int
fetch_all(const struct config *c, char **urls, size_t n, struct got *got)
{
	struct fetch_req	*reqs;
	struct fetch_opts	 fo;
	size_t			 i;
	int			 rc;

	reqs = xcalloc(n, sizeof(*reqs));
	for (i = 0; i < n; i++) {
		reqs[i].url = urls[i];
		reqs[i].udata = (void *)i;
		buf_init(&got[i].body, 0);
	}
	memset(&fo, 0, sizeof(fo));
	fo.jobs = n < 4 ? (int)n : 4;
	fo.per_host = c->per_host > 0 ? c->per_host : CONFIG_DEFAULT_PER_HOST;
	fo.timeout = (long)c->timeout;
	fo.connect_timeout = (long)c->connect_timeout;
	fo.low_speed_time = c->timeout > 1 ? (long)c->timeout / 2 : 1;
	fo.max_size = (size_t)c->max_size;
	fo.user_agent = c->user_agent;
	rc = fetch_run(reqs, n, &fo, got_cb, got);
	free(reqs);
	return rc;
}

static void
got_release(struct got *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(g[i].error);
		free(g[i].url);
		buf_release(&g[i].body);
	}
}

/* parses g's body: the feed, or NULL with *cause */
static struct feed *
got_feed(const struct got *g, char **cause)
{
	struct parse_opts po;

	memset(&po, 0, sizeof(po));
	po.base = g->url;
	return parse_feed(g->body.s, g->body.len, &po, cause);
}

static void
print_added(const char *url, const struct feed *f)
{
	struct buf b = BUF_INIT;

	str_term_safe(&b, url, strlen(url));
	if (f && f->title && *f->title) {
		buf_adds(&b, " (");
		str_term_safe(&b, f->title, strlen(f->title));
		buf_adds(&b, ")");
	}
	/* TRANSLATORS: %s is a feed URL, maybe followed by its title */
	printf(_("added %s\n"), b.s);
	buf_release(&b);
}

/*
 * Finds the feed behind url: url itself, or the first feed of the page
 * that parses.  Returns the feed's URL (malloc'd) and its parse in
 * *feed, the other feeds found in *others; NULL after printing why.
 */
static char *
find_feed(struct cmd_ctx *ctx, const char *url, struct feed **feed,
    char ***others, size_t *nothers)
{
	struct got	 page, *cand = NULL;
	char		*u = (char *)url, **urls = NULL, *cause = NULL, *found = NULL;
	char		*why = NULL;
	size_t		 n = 0, i;
	struct feed	*f;

	*feed = NULL;
	*others = NULL;
	*nothers = 0;
	memset(&page, 0, sizeof(page));
	if (fetch_all(&ctx->config, &u, 1, &page) == -1) {
		log_errorx("%s", _("cannot set up the transfers (libcurl)"));
		return NULL;
	}
	if (!page.ok) {
		log_feed(url, "%s", page.error ? page.error : _("cannot fetch"));
		got_release(&page, 1);
		return NULL;
	}
	if ((f = got_feed(&page, &cause)) != NULL) {
		*feed = f;
		got_release(&page, 1);
		return xstrdup(url);
	}
	why = cause;
	cause = NULL;
	n = discover_feeds(page.body.s, page.body.len, page.url, 1, &urls);
	if (n > ADD_MAX_CANDIDATES) {
		for (i = ADD_MAX_CANDIDATES; i < n; i++)
			free(urls[i]);
		n = ADD_MAX_CANDIDATES;
	}
	got_release(&page, 1);
	cand = xcalloc(n + 1, sizeof(*cand));
	if (n > 0 && fetch_all(&ctx->config, urls, n, cand) == -1) {
		log_errorx("%s", _("cannot set up the transfers (libcurl)"));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!cand[i].ok) {
			log_info("%s: %s", urls[i], cand[i].error ?
			    cand[i].error : _("cannot fetch"));
			continue;
		}
		if ((f = got_feed(&cand[i], &cause)) == NULL) {
			log_info("%s: %s", urls[i], cause);
			free(cause);
			cause = NULL;
			continue;
		}
		if (found == NULL) {
			found = xstrdup(urls[i]);
			*feed = f;
			continue;
		}
		feed_free(f);
		*others = xreallocarray(*others, *nothers + 1,
		    sizeof(**others));
		(*others)[(*nothers)++] = xstrdup(urls[i]);
	}
	if (found == NULL)
		/* TRANSLATORS: %s says why the page is no feed */
		log_feed(url, _("no feed found (%s), and none it links or at "
		    "the usual paths"), why);
out:
	free(why);
	got_release(cand, n);
	free(cand);
	strv_free(urls, n);
	return found;
}

int
cmd_add(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct conf_edit_feed	 ef;
	struct buf		 text = BUF_INIT;
	struct feed		*feed = NULL;
	char			*path = NULL, *url = NULL, **others = NULL;
	const char		*s;
	size_t			 nothers = 0, i;
	int			 ch, rc = EXIT_USAGE;

	memset(&ef, 0, sizeof(ef));
	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 't':
			if (!config_tag_name_ok(optarg)) {
				log_errorx(_("invalid tag '%s' (no blanks, "
				    "commas or control characters)"), optarg);
				goto out;
			}
			ef.tags = xreallocarray(ef.tags, ef.ntags + 1,
			    sizeof(*ef.tags));
			ef.tags[ef.ntags++] = optarg;
			break;
		case 'T':
			for (s = optarg; *s; s++) {
				if ((unsigned char)*s < 0x20 || *s == 0x7f) {
					log_errorx("%s", _("control character "
					    "in the title"));
					goto out;
				}
			}
			ef.title = *optarg ? optarg : NULL;
			break;
		default:
			cmd_usage(ctx);
			goto out;
		}
	}
	if (optind + 1 != argc) {
		cmd_usage(ctx);
		goto out;
	}
	if (!config_feed_url_ok(argv[optind])) {
		log_feed(argv[optind], "%s", _("not an http, https or file "
		    "URL"));
		goto out;
	}
	if (cmd_conf_edit_begin(ctx, &path, &text) == -1)
		goto out;
	rc = EXIT_FEEDS_FAILED;
	if (cmd_conf_has_feed(ctx, argv[optind])) {
		log_feed(argv[optind], _("already in '%s'"), path);
		goto out;
	}
	if (fetch_global_init() == -1) {
		log_errorx("%s", _("cannot initialize libcurl"));
		goto out;
	}
	url = find_feed(ctx, argv[optind], &feed, &others, &nothers);
	fetch_global_cleanup();
	if (url == NULL)
		goto out;
	if (cmd_conf_has_feed(ctx, url)) {
		log_feed(url, _("already in '%s'"), path);
		goto out;
	}
	ef.url = url;
	conf_edit_add_feed(&text, &ef);
	if (cmd_conf_edit_commit(path, &text) == -1)
		goto out;
	print_added(url, feed);
	for (i = 0; i < nothers; i++) {
		struct buf b = BUF_INIT;

		str_term_safe(&b, others[i], strlen(others[i]));
		printf(_("also found: %s\n"), b.s);
		buf_release(&b);
	}
	rc = EXIT_OK;
out:
	if (feed)
		feed_free(feed);
	strv_free(others, nothers);
	free(ef.tags);
	free(url);
	free(path);
	buf_release(&text);
	return rc;
}

int
cmd_remove(int argc, char **argv, struct cmd_ctx *ctx)
{
	const struct config_feed *cf;
	struct buf	 text = BUF_INIT, out = BUF_INIT;
	struct store	*st;
	char		*path = NULL, *stored = NULL;
	long long	 nitems = 0;
	size_t		 n;
	int		 ch, purge = 0, rc = EXIT_USAGE, prc;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		if (ch != 'p')
			return cmd_usage(ctx);
		purge = 1;
	}
	if (optind + 1 != argc)
		return cmd_usage(ctx);
	if (cmd_conf_edit_begin(ctx, &path, &text) == -1)
		goto out;
	rc = EXIT_FEEDS_FAILED;
	/* the URL as the config spells it: the store keeps that one */
	cf = cmd_conf_has_feed(ctx, argv[optind]);
	stored = xstrdup(cf ? cf->url : argv[optind]);
	n = conf_edit_remove_feed(text.s, text.len, argv[optind], &out);
	if (n == 0 && !purge) {
		log_feed(argv[optind], _("not in '%s'"), path);
		goto out;
	}
	if (n > 0) {
		if (cmd_conf_edit_commit(path, &out) == -1)
			goto out;
		printf(_("removed %s from '%s'\n"), stored, path);
	}
	if (purge) {
		if ((st = cmd_open_store(ctx, 0)) == NULL)
			goto out;
		prc = store_feed_purge(st, stored, &nitems);
		if (prc == 1 && strcmp(stored, argv[optind]) != 0)
			prc = store_feed_purge(st, argv[optind], &nitems);
		if (prc == -1)
			log_errorx(_("database: %s"), store_error(st));
		store_close(st);
		if (prc == -1)
			goto out;
		if (prc == 1 && n == 0) {
			log_feed(argv[optind], _("not in '%s' nor in the "
			    "database"), path);
			goto out;
		}
		printf(Q_("deleted %lld item\n", "deleted %lld items\n",
		    (unsigned long)nitems), nitems);
	}
	rc = EXIT_OK;
out:
	free(stored);
	free(path);
	buf_release(&text);
	buf_release(&out);
	return rc;
}
