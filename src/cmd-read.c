/*
 * cmd-read.c: `crier read`: the terminal browser (tui/tui.c) on the
 * database, with the config's feed titles.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/log.h"


static const char *
feed_title(const char *url, void *arg)
{
	struct cmd_ctx			*ctx = arg;
	const struct config_feed	*cf;

	if (ctx->config_loaded &&
	    (cf = config_find_feed(&ctx->config, url)) != NULL)
		return cf->title;
	return NULL;
}

int
cmd_read(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct tui_opts	 o;
	struct store	*st;
	int		 ch, rc;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		log_errorx("%s", _("read: standard input and output must be "
		    "a terminal"));
		return EXIT_USAGE;
	}
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	o.st = st;
	o.db_path = cmd_db_path(ctx);
	o.feed_title = feed_title;
	o.arg = ctx;
	rc = tui_run(&o);
	store_close(st);
	return rc == 0 ? EXIT_OK : EXIT_FEEDS_FAILED;
}
