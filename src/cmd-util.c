/*
 * cmd-util.c: what every command shares: finding and loading the config,
 * resolving and opening the database (crier(1), FILES).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "render/render.h"
#include "tag.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xmalloc.h"

static char *
xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char	*base = getenv(var), *home;
	char		*p;

	if (base && *base) {
		xasprintf(&p, "%s/crier/%s", base, leaf);
		return p;
	}
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		return NULL;
	xasprintf(&p, "%s/%s/crier/%s", home, fallback, leaf);
	return p;
}

int
cmd_load_config(struct cmd_ctx *ctx, int optional)
{
	const char	*env;
	char		*p = NULL;
	int		 rc;

	if (ctx->config_error)
		return -1;
	if (ctx->config_loaded)
		return 0;
	config_init(&ctx->config);
	if (ctx->config_path == NULL) {
		env = getenv("CRIER_CONFIG");
		if (env && *env)
			ctx->config_path = env;
	}
	if (ctx->config_path) {
		rc = config_load(&ctx->config, ctx->config_path);
	} else {
		p = xdg_path("XDG_CONFIG_HOME", ".config", "feeds.conf");
		if (p && access(p, F_OK) == 0)
			rc = config_load(&ctx->config, p);
		else if (access("feeds.conf", F_OK) == 0)
			rc = config_load(&ctx->config, "feeds.conf");
		else if (optional)
			rc = 0;
		else {
			log_errorx(_("no configuration: pass -c FILE, set "
			    "CRIER_CONFIG or create '%s'"),
			    p ? p : "~/.config/crier/feeds.conf");
			rc = -1;
		}
		free(p);
	}
	/*
	 * NOTE: a bad regex is an error for list and tags as well as for
	 * poll.  A command that tags gets the rules compiled here, once
	 * (cmd_tagger()); the others only check that they compile, which
	 * costs a fraction of it.
	 */
	if (rc == 0 && ctx->config.path) {
		if (!ctx->need_tagger)
			rc = tagger_check(&ctx->config);
		else if ((ctx->tagger = tagger_new(&ctx->config)) == NULL)
			rc = -1;
	}
	if (rc == -1) {
		config_release(&ctx->config);
		ctx->config_error = 1;
		return -1;
	}
	ctx->config_loaded = 1;
	return 0;
}

char *
cmd_config_path(struct cmd_ctx *ctx)
{
	const char	*env;
	char		*p;

	if (ctx->config_path)
		return xstrdup(ctx->config_path);
	if ((env = getenv("CRIER_CONFIG")) != NULL && *env)
		return xstrdup(env);
	p = xdg_path("XDG_CONFIG_HOME", ".config", "feeds.conf");
	if (p && access(p, F_OK) == 0)
		return p;
	if (access("feeds.conf", F_OK) == 0 || p == NULL) {
		free(p);
		return xstrdup("feeds.conf");
	}
	return p;
}

int
cmd_mkdir_parents(const char *path)
{
	char	*dir = xstrdup(path), *s;

	for (s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*s = '/';
	}
	free(dir);
	return 0;
}

const char *
cmd_db_path(struct cmd_ctx *ctx)
{
	const char *env;

	if (ctx->db_resolved)
		return ctx->db_resolved;
	if (ctx->db_path)
		ctx->db_resolved = xstrdup(ctx->db_path);
	else if ((env = getenv("CRIER_DB")) != NULL && *env)
		ctx->db_resolved = xstrdup(env);
	else if (ctx->config_loaded && ctx->config.database)
		ctx->db_resolved = xstrdup(ctx->config.database);
	else
		ctx->db_resolved = xdg_path("XDG_DATA_HOME", ".local/share",
		    "crier.db");
	if (ctx->db_resolved == NULL)
		ctx->db_resolved = xstrdup("crier.db");
	return ctx->db_resolved;
}

struct store *
cmd_open_store(struct cmd_ctx *ctx, int flags)
{
	return cmd_open_store_wait(ctx, flags, 0);
}

/* -v: why the store is not open yet */
static void
lock_waiting(const char *cause, void *arg)
{
	log_info(_("%s: waiting up to %d s for it to finish"), cause,
	    *(int *)arg);
}

struct store *
cmd_open_store_wait(struct cmd_ctx *ctx, int flags, int wait)
{
	const char	*path;
	struct store	*st;
	char		*cause = NULL;

	/* the config may name the database; a missing config is fine here */
	if (!ctx->config_loaded && cmd_load_config(ctx, 1) == -1)
		return NULL;
	path = cmd_db_path(ctx);
	if (!(flags & STORE_READONLY) && cmd_mkdir_parents(path) == -1) {
		log_error(_("cannot create the directory of '%s'"), path);
		return NULL;
	}
	st = store_open_wait(path, flags, wait, lock_waiting, &wait, &cause);
	if (st == NULL) {
		log_errorx("%s: %s", path, cause ? cause : _("cannot open"));
		free(cause);
	}
	return st;
}

struct tagger *
cmd_tagger(struct cmd_ctx *ctx)
{
	struct tagger *t = ctx->tagger;

	ctx->tagger = NULL;
	return t != NULL ? t : tagger_new(&ctx->config);
}

void
cmd_ctx_release(struct cmd_ctx *ctx)
{
	tagger_free(ctx->tagger);
	ctx->tagger = NULL;
	if (ctx->config_loaded)
		config_release(&ctx->config);
	free(ctx->db_resolved);
	ctx->db_resolved = NULL;
	ctx->config_loaded = 0;
	cmd_set(ctx, NULL);
}

void
cmd_set(struct cmd_ctx *ctx, const struct command *c)
{
	ctx->cmd = c;
	free(ctx->longopts);
	free(ctx->optstring);
	ctx->longopts = NULL;
	ctx->optstring = NULL;
}

int
cmd_getopt(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_opt	*o, *opts = ctx->cmd->opts;
	struct option		*lo;
	char			*p;
	size_t			 n;

	if (ctx->longopts == NULL) {
		for (n = 0; opts[n].name != NULL; n++)
			;
		lo = ctx->longopts = xcalloc(n + 1, sizeof(*lo));
		p = ctx->optstring = xmalloc(2 * n + 2);
		if (ctx->cmd->flags & CMD_IN_ORDER)
			*p++ = '+';
		for (o = opts; o->name != NULL; o++, lo++) {
			lo->name = o->name;
			lo->has_arg = o->arg ? required_argument : no_argument;
			lo->val = o->key;
			if (o->key & CMD_LONG)
				continue;
			*p++ = (char)o->key;
			if (o->arg)
				*p++ = ':';
		}
		*p = '\0';
	}
	return getopt_long(argc, argv, ctx->optstring, ctx->longopts, NULL);
}

int
cmd_usage(const struct cmd_ctx *ctx)
{
	log_errorx("%s%s", _("usage: crier "), ctx->cmd->synopsis);
	return EXIT_USAGE;
}

void
cmd_verbosity(int ch)
{
	if (ch == 'q')
		log_verbose = -1;
	else if (log_verbose < 0)
		log_verbose = 1;
	else
		log_verbose++;
}

const char *
cmd_feed_title(struct cmd_ctx *ctx, const struct store_item *it)
{
	const struct config_feed *cf;

	if (ctx->config_loaded && it->feed_url &&
	    (cf = config_find_feed(&ctx->config, it->feed_url)) != NULL &&
	    cf->title)
		return cf->title;
	return it->feed_title;
}

const char *
cmd_copy_title(struct cmd_ctx *ctx, const struct store_copy *c)
{
	struct store_item	it;
	const char		*t;

	memset(&it, 0, sizeof(it));
	it.feed_url = c->feed_url;
	it.feed_title = c->feed_title;
	t = cmd_feed_title(ctx, &it);
	return t && *t ? t : c->feed_url;
}

int
cmd_filter_args(struct cmd_ctx *ctx, int argc, char **argv,
    struct cmd_filter *f, int flag, int *on)
{
	char	*ep;
	int	 ch;

	memset(f, 0, sizeof(*f));
	f->limit = -1;
	*on = 0;
	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 't':
			f->tag = optarg;
			break;
		case 'f':
			f->feed = optarg;
			break;
		case 'u':
			f->unread = 1;
			break;
		case 'n':
			f->limit = strtoll(optarg, &ep, 10);
			if (*optarg == '\0' || *ep != '\0' || f->limit < 0) {
				log_errorx(_("invalid --limit '%s' (a number, "
				    "0 for all)"), optarg);
				cmd_usage(ctx);
				return -1;
			}
			break;
		default:
			if (ch != flag) {
				cmd_usage(ctx);
				return -1;
			}
			*on = 1;
		}
	}
	return 0;
}

void
cmd_filter_query(struct cmd_filter *f, struct store_query *q)
{
	if (f->tag) {
		q->tags = &f->tag;
		q->ntags = 1;
	}
	if (f->feed) {
		q->feeds = &f->feed;
		q->nfeeds = 1;
	}
	if (f->unread)
		q->unread_only = 1;
}

static const struct term_col row_cols[CMD_ROW_NCOLS] = {
	{ TERM_COL_RIGHT,	0,	0,	"33" },
	{ 0,			0,	0,	"2" },
	{ TERM_COL_SHRINK,	8,	24,	"36" },
	{ TERM_COL_SHRINK,	16,	0,	NULL },
};

void
cmd_rows_init(struct cmd_rows *r, struct cmd_ctx *ctx, int json)
{
	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->json = json;
	buf_init(&r->out, 0);
	buf_init(&r->feed, 0);
	buf_init(&r->title, 0);
	if (!json && term_isatty(STDOUT_FILENO)) {
		r->tty = 1;
		term_table_init(&r->table, row_cols, CMD_ROW_NCOLS,
		    (size_t)term_columns(STDOUT_FILENO),
		    term_color(STDOUT_FILENO));
	}
}

void
cmd_rows_cells(struct cmd_rows *r, const struct store_item *it,
    const char *ft, char id[24], char date[64],
    const char *cells[CMD_ROW_NCOLS])
{
	snprintf(id, 24, "%lld", it->id);
	term_date(date, 64, render_item_time(it));
	buf_reset(&r->feed);
	render_inline(&r->feed, ft && *ft ? ft : it->feed_url);
	buf_reset(&r->title);
	render_inline(&r->title, it->title && *it->title ? it->title :
	    _("(untitled)"));
	cells[0] = id;
	cells[1] = date;
	cells[2] = r->feed.s;
	cells[3] = r->title.s;
}

int
cmd_rows_json_open(struct cmd_rows *r)
{
	if (r->out.len < 2 || r->out.s[r->out.len - 1] != '\n' ||
	    r->out.s[r->out.len - 2] != '}')
		return 0;
	buf_truncate(&r->out, r->out.len - 2);
	return 1;
}

void
cmd_rows_finish(struct cmd_rows *r)
{
	if (r->tty) {
		term_table_flush(&r->table, &r->out);
		term_table_release(&r->table);
	}
	fwrite(r->out.s, 1, r->out.len, stdout);
	buf_release(&r->out);
	buf_release(&r->feed);
	buf_release(&r->title);
}
