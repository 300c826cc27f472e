/*
 * cmd-poll.c: `crier poll [--force] [--jobs N] [--transient-ok]
 * [FEED-URL...]`: one round
 * of the pipeline over the feeds that are due (all with --force), or over
 * the named feeds, which must be in the configuration and are polled
 * whether due or not.  Exit 0 when every feed worked, 1 when some failed
 * (the rest were stored), the poll was interrupted or the database
 * could not be opened (another writer holds it); with --transient-ok
 * (for cron) a failure counts only once it is persistent (3 polls in a
 * row or a day: sched_failing()) or the feed is gone; 2 on usage and
 * configuration errors.  SIGINT and SIGTERM only set a flag:
 * no new transfer starts, the feed being stored is committed, and poll
 * exits.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "cmd.h"
#include "fetch.h"
#include "pipeline.h"
#include "tag.h"
#include "util/log.h"

static volatile sig_atomic_t poll_stop;

static void
on_signal(int sig)
{
	(void)sig;
	poll_stop = 1;
}

int
cmd_jobs_arg(const char *arg, int *jobs)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > 1000) {
		log_errorx(_("invalid --jobs '%s' (1 to 1000)"), arg);
		return -1;
	}
	*jobs = (int)n;
	return 0;
}

int
cmd_poll(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct pipeline_opts	 po;
	struct pipeline_stats	 stats;
	struct sigaction	 sa, old_int, old_term;
	struct tagger		*tagger = NULL;
	struct store		*st = NULL;
	int			 ch, rc, transient_ok = 0;

	memset(&po, 0, sizeof(po));
	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'f':
			po.force = 1;
			break;
		case CMD_LONG | 't':
			transient_ok = 1;
			break;
		case 'j':
			if (cmd_jobs_arg(optarg, &po.jobs) == -1)
				return EXIT_USAGE;
			break;
		case 'q':	/* the global -q and -v, also after "poll" */
		case 'v':
			cmd_verbosity(ch);
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	po.urls = (const char **)(argv + optind);
	po.nurls = (size_t)(argc - optind);

	ctx->need_tagger = 1;
	if (cmd_load_config(ctx, 0) == -1)
		return EXIT_USAGE;
	if ((tagger = cmd_tagger(ctx)) == NULL)
		return EXIT_USAGE;
	/* NOTE: a second poll, a daemon or another writer is refused
	 * here, before any transfer */
	if ((st = cmd_open_store(ctx, STORE_WRITER | STORE_POLLER)) == NULL) {
		tagger_free(tagger);
		return EXIT_FEEDS_FAILED;
	}
	if (fetch_global_init() == -1) {
		log_errorx("%s", _("cannot initialise libcurl"));
		store_close(st);
		tagger_free(tagger);
		return EXIT_FEEDS_FAILED;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	poll_stop = 0;
	po.stop = &poll_stop;
	po.now = time(NULL);

	/* rules edited since the last poll apply to the stored items too */
	pipeline_retag(st, &ctx->config, tagger, po.now);

	if (pipeline_poll(st, &ctx->config, tagger, &po, &stats) == -1)
		rc = po.nurls > 0 ? EXIT_USAGE : EXIT_FEEDS_FAILED;
	else if (stats.interrupted || (transient_ok ? stats.persistent > 0 :
	    stats.failed > 0))
		rc = EXIT_FEEDS_FAILED;
	else
		rc = EXIT_OK;
	if (stats.interrupted)
		log_warnx("%s", _("interrupted: the remaining feeds were not "
		    "polled"));
	log_info(_("%d feeds polled: %d stored, %d not modified, %d failed; "
	    "%d new items, %d updated"), stats.due, stats.ok,
	    stats.not_modified, stats.failed, stats.added, stats.updated);

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	fetch_global_cleanup();
	store_close(st);
	tagger_free(tagger);
	return rc;
}
