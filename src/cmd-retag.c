/*
 * cmd-retag.c: `crier retag`: the current [tag] rules and feed tags
 * applied to every stored item (retag.c), events re-extracted; prints
 * how many items changed.  Takes the writer lock like poll.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "retag.h"
#include "tag.h"
#include "util/i18n.h"
#include "util/log.h"


int
cmd_retag(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct retag_stats	 stats;
	struct tagger		*tagger;
	struct store		*st;
	char			*cause = NULL;
	int			 ch, rc = EXIT_OK;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1)
		return cmd_usage(ctx);
	if (optind != argc)
		return cmd_usage(ctx);
	ctx->need_tagger = 1;
	if (cmd_load_config(ctx, 0) == -1)
		return EXIT_USAGE;
	if ((tagger = cmd_tagger(ctx)) == NULL)
		return EXIT_USAGE;
	if ((st = cmd_open_store(ctx, STORE_WRITER)) == NULL) {
		tagger_free(tagger);
		return EXIT_FEEDS_FAILED;
	}
	if (retag_run(st, &ctx->config, tagger, time(NULL), &stats,
	    &cause) == -1) {
		log_errorx(_("cannot retag: %s"), cause);
		free(cause);
		rc = EXIT_FEEDS_FAILED;
	} else
		/* TRANSLATORS: "retagged N items: M changed, K events" */
		printf(Q_("%lld item retagged: %lld changed, %lld events "
		    "changed\n", "%lld items retagged: %lld changed, "
		    "%lld events changed\n", (unsigned long)stats.items),
		    stats.items, stats.changed, stats.events);
	store_close(st);
	tagger_free(tagger);
	return rc;
}
