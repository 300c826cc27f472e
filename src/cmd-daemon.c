/*
 * cmd-daemon.c: `crier daemon [--syslog] [--jobs N] [-q|-v]`: polls each
 * feed on its own schedule, in the foreground, until SIGTERM or SIGINT.
 *
 * One thread waits in poll(2) on a self-pipe until the earliest next poll
 * of the feeds (pipeline_next_wakeup(), from the store's per-feed state),
 * then runs a round of the same pipeline `crier poll` runs over the feeds
 * that are due.  Between rounds it uses no CPU.  Signal handlers only
 * write the signal's number into the pipe (and, for SIGTERM and SIGINT,
 * set the stop flag the transfers watch); the loop does the work:
 *
 *	SIGHUP		reload feeds.conf; a broken one is reported with its
 *			FILE:LINE and the old one stays in force
 *	SIGUSR1		poll every feed now
 *	SIGTERM SIGINT	no new transfer; the feeds already fetched are
 *			stored and committed; exit 0
 *
 * The store's poll lock, held for the whole run, keeps a second daemon
 * or a `poll` out, with a message naming this process.  The writer lock
 * is held only during a round, so a digest may mark what it sent between
 * rounds; a round that finds it taken waits a few seconds.  Readers work
 * beside it (WAL).  Events are logged one per line on stderr with a time
 * and a level, or to syslog with --syslog.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "cmd.h"
#include "fetch.h"
#include "pipeline.h"
#include "tag.h"
#include "util/log.h"
#include "util/time.h"
#include "util/xmalloc.h"

/*
 * The longest single sleep.  poll(2) counts on the monotonic clock, which
 * stops while a laptop is suspended: a wake-up now and then looks at the
 * wall clock again.  It costs nothing measurable.
 */
#define DAEMON_MAX_SLEEP	300
/*
 * A round takes the feeds due within so many seconds, not cron's slack
 * of up to 5 minutes: the jitter of each next poll (sched_next_poll())
 * then spreads feeds that share an interval over a few rounds instead of
 * firing them in one burst.  The first round after a start polls every
 * feed due at once, paced by --jobs and the per-host limit and spacing
 * (fetch.c): holding feeds back would only delay a fresh database's
 * first read, and each feed's jitter parts them from the next round on.
 */
#define DAEMON_WINDOW		30
/* after a round that could not record its feeds (the disk is full, the
 * database read-only): the pause before trying again */
#define DAEMON_RETRY_PAUSE	30
/* a round that finds the writer lock taken (a digest marking) waits so
 * long, and warns once it waited DAEMON_BUSY_WARN */
#define DAEMON_BUSY_PAUSE	5
#define DAEMON_BUSY_WARN	300
/*
 * SQLite's page cache for the daemon: 8 MiB, not poll's 12.  Past its
 * first round the daemon's rounds are mostly 304s, which touch little
 * but the feeds table, so a smaller cache costs only the cold first
 * round a little CPU and keeps a daemon that runs for months smaller
 * (contrib/bench-daemon.sh measures it).
 */
#define DAEMON_CACHE_KIB	8192

static int			sigpipe_fd[2] = { -1, -1 };
static volatile sig_atomic_t	daemon_stop;

static void
on_signal(int sig)
{
	unsigned char	b = (unsigned char)sig;
	int		saved = errno;
	ssize_t		n;

	if (sig == SIGTERM || sig == SIGINT)
		daemon_stop = 1;
	n = write(sigpipe_fd[1], &b, 1);	/* full: a wake-up is pending */
	(void)n;
	errno = saved;
}

struct daemon {
	struct cmd_ctx	*ctx;
	struct store	*st;
	struct tagger	*tagger;
	int		 jobs;
	int		 reload;	/* SIGHUP seen */
	int		 poll_all;	/* SIGUSR1 seen */
	int		 retag;		/* the rules may have changed */
	time_t		 busy_since;	/* writer lock taken, TIME_NONE */
};

/* reads what the handlers wrote; the flags they stand for */
static void
drain_signals(struct daemon *d)
{
	unsigned char	buf[64];
	ssize_t		n, i;

	while ((n = read(sigpipe_fd[0], buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			if (buf[i] == SIGHUP)
				d->reload = 1;
			else if (buf[i] == SIGUSR1)
				d->poll_all = 1;
		}
	}
}

static int
setup_signals(void)
{
	struct sigaction	sa;
	int			i;
	static const int	sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGUSR1 };

	if (pipe(sigpipe_fd) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		if (fcntl(sigpipe_fd[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(sigpipe_fd[i], F_SETFD, FD_CLOEXEC) == -1)
			return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < (int)nitems(sigs); i++) {
		if (sigaction(sigs[i], &sa, NULL) == -1)
			return -1;
	}
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

static void
restore_signals(void)
{
	struct sigaction	sa;
	int			i;
	static const int	sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGUSR1,
				    SIGPIPE };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < (int)nitems(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	for (i = 0; i < 2; i++) {
		if (sigpipe_fd[i] != -1)
			close(sigpipe_fd[i]);
		sigpipe_fd[i] = -1;
	}
}

/*
 * SIGHUP: the configuration read again from the file it came from.  It
 * replaces the one in force only when it loads and its tag rules compile;
 * otherwise the errors were logged (FILE:LINE) and nothing changes.
 */
static void
reload(struct daemon *d)
{
	struct config	 nc, *c = &d->ctx->config;
	struct tagger	*nt;
	char		*path;

	if (c->path == NULL && d->ctx->config_path == NULL) {
		log_warnx("%s", _("SIGHUP: no configuration file to reload"));
		return;
	}
	path = xstrdup(c->path ? c->path : d->ctx->config_path);
	config_init(&nc);
	if (config_load(&nc, path) == -1 || (nt = tagger_new(&nc)) == NULL) {
		config_release(&nc);
		log_errorx(_("%s: not reloaded: the previous configuration "
		    "stays in force"), path);
		free(path);
		return;
	}
	if ((nc.database == NULL) != (c->database == NULL) ||
	    (nc.database && strcmp(nc.database, c->database) != 0))
		log_warnx(_("%s: a new 'database' takes effect when the "
		    "daemon is restarted"), path);
	tagger_free(d->tagger);
	d->tagger = nt;
	/* the database stays: it is the one this process has open */
	free(nc.database);
	nc.database = c->database;
	c->database = NULL;
	config_release(c);
	*c = nc;
	log_notice(_("%s: reloaded: %zu feeds"), path, c->nfeeds);
	free(path);
	d->retag = 1;	/* at the next round, under the writer lock */
}

/*
 * Takes the writer lock for a round: 0, or -1 when another writer (a
 * digest marking, a retag) has it, after logging who.
 */
static int
round_lock(struct daemon *d)
{
	char	*cause = NULL;
	time_t	 now = time(NULL);

	if (store_writer_lock(d->st, &cause) == 0) {
		d->busy_since = TIME_NONE;
		return 0;
	}
	if (d->busy_since == TIME_NONE)
		d->busy_since = now;
	if (now - d->busy_since >= DAEMON_BUSY_WARN) {
		log_warnx(_("%s: no round for %lld s"), cause,
		    (long long)(now - d->busy_since));
		d->busy_since = now;
	} else
		log_info(_("%s: the round waits"), cause);
	free(cause);
	return -1;
}

/* one round over the due feeds (every enabled feed with all) */
static int
round_run(struct daemon *d, int all)
{
	struct pipeline_opts	po;
	struct pipeline_stats	stats;
	int			rc;

	if (d->retag) {
		d->retag = 0;
		pipeline_retag(d->st, &d->ctx->config, d->tagger, time(NULL));
	}
	log_debug("round: %s", all ? "every feed" : "the feeds due");
	memset(&po, 0, sizeof(po));
	po.force = all;
	po.jobs = d->jobs;
	po.now = time(NULL);
	po.window = DAEMON_WINDOW;
	po.stop = &daemon_stop;
	rc = pipeline_poll(d->st, &d->ctx->config, d->tagger, &po, &stats);
	if (rc == -1)
		return -1;
	if (stats.added > 0 || stats.updated > 0 || stats.failed > 0 || all)
		log_notice(_("%d feeds polled: %d stored, %d not modified, "
		    "%d failed; %d new items, %d updated"), stats.due,
		    stats.ok, stats.not_modified, stats.failed,
		    stats.added, stats.updated);
	else
		log_info(_("%d feeds polled: %d stored, %d not modified, "
		    "%d failed; %d new items, %d updated"), stats.due,
		    stats.ok, stats.not_modified, stats.failed,
		    stats.added, stats.updated);
	return 0;
}

/*
 * After a round, what it freed goes back to the system: glibc keeps freed
 * memory in each thread's arena for reuse, and SQLite its page cache, so
 * a daemon would otherwise hold its biggest round's memory (the first,
 * cold one) for months.  The next round reads the pages again from the
 * file, in the OS's cache; each round then needs only its own peak.
 */
static void
round_release(struct daemon *d)
{
	store_release_memory(d->st);
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
}

/* sleeps until t (TIME_NONE: until a signal), or a signal comes */
static void
sleep_until(time_t t)
{
	struct pollfd	pfd;
	time_t		now = time(NULL);
	long long	secs;
	int		ms;

	secs = t == TIME_NONE ? DAEMON_MAX_SLEEP : (long long)(t - now);
	if (secs > DAEMON_MAX_SLEEP)
		secs = DAEMON_MAX_SLEEP;
	if (secs <= 0)
		return;
	ms = (int)secs * 1000;
	log_debug("sleeping %llds", secs);
	pfd.fd = sigpipe_fd[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, ms) == -1 && errno != EINTR)
		log_warn("poll");
}

/*
 * The loop: signals, then a round when a feed is due (every feed after
 * SIGUSR1), else sleep until one is.  not_before holds rounds back after
 * a failed one (SIGUSR1 overrides it); busy_until while another writer
 * has the lock (SIGUSR1 waits for it too).
 */
static int
daemon_loop(struct daemon *d)
{
	time_t	next, now, not_before = TIME_NONE, busy_until = TIME_NONE;
	int	all, rc;

	for (;;) {
		drain_signals(d);
		if (daemon_stop)
			break;
		if (d->reload) {
			d->reload = 0;
			reload(d);
		}
		now = time(NULL);
		if (busy_until != TIME_NONE && now < busy_until) {
			sleep_until(busy_until);
			continue;
		}
		busy_until = TIME_NONE;
		all = d->poll_all;
		if (!all && not_before != TIME_NONE && now < not_before) {
			sleep_until(not_before);
			continue;
		}
		not_before = TIME_NONE;
		next = all ? now : pipeline_next_wakeup(d->st,
		    &d->ctx->config, now, DAEMON_WINDOW);
		if (next == TIME_NONE || next > now) {
			sleep_until(next);
			continue;
		}
		if (round_lock(d) == -1) {
			busy_until = time(NULL) + DAEMON_BUSY_PAUSE;
			continue;
		}
		d->poll_all = 0;
		if (all)
			log_notice("%s", _("SIGUSR1: polling every feed"));
		rc = round_run(d, all);
		if (store_writer_unlock(d->st) == -1)
			log_warnx("%s", store_error(d->st));
		round_release(d);
		if (rc == -1) {
			log_errorx(_("the round failed; trying again in %d s"),
			    DAEMON_RETRY_PAUSE);
			not_before = time(NULL) + DAEMON_RETRY_PAUSE;
			continue;
		}
		/* a feed whose state could not be recorded stays due: no spin */
		now = time(NULL);
		if (!daemon_stop && pipeline_next_wakeup(d->st,
		    &d->ctx->config, now, DAEMON_WINDOW) <= now)
			not_before = now + DAEMON_RETRY_PAUSE;
	}
	return 0;
}

int
cmd_daemon(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct daemon	 d;
	int		 ch, use_syslog = 0, rc = EXIT_OK;

	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			if (cmd_jobs_arg(optarg, &d.jobs) == -1)
				return EXIT_USAGE;
			break;
		case CMD_LONG | 's':
			use_syslog = 1;
			break;
		case 'q':
		case 'v':
			cmd_verbosity(ch);
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx);
	if (use_syslog)
		log_to_syslog(1);
	else
		log_set_stamp(1);

	ctx->need_tagger = 1;
	if (cmd_load_config(ctx, 0) == -1)
		return EXIT_USAGE;
	if ((d.tagger = cmd_tagger(ctx)) == NULL)
		return EXIT_USAGE;
	d.busy_since = TIME_NONE;
	if ((d.st = cmd_open_store(ctx, STORE_WRITER | STORE_POLLER)) ==
	    NULL) {
		tagger_free(d.tagger);
		return EXIT_FEEDS_FAILED;
	}
	if (store_set_cache_kib(d.st, DAEMON_CACHE_KIB) == -1)
		log_warnx("%s", store_error(d.st));
	if (fetch_global_init() == -1) {
		log_errorx("%s", _("cannot initialise libcurl"));
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	daemon_stop = 0;
	if (setup_signals() == -1) {
		log_error("%s", _("cannot set up the signal handlers"));
		restore_signals();
		fetch_global_cleanup();
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	log_notice(_("started (pid %ld): %zu feeds, database '%s'"),
	    (long)getpid(), ctx->config.nfeeds, cmd_db_path(ctx));
	pipeline_retag(d.st, &ctx->config, d.tagger, time(NULL));
	if (store_writer_unlock(d.st) == -1)
		log_warnx("%s", store_error(d.st));
	rc = daemon_loop(&d);
	log_notice("%s", _("stopped"));
	restore_signals();
	fetch_global_cleanup();
out:
	store_close(d.st);
	tagger_free(d.tagger);
	return rc;
}
