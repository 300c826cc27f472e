/*
 * cmd-digest.c: `crier digest [--since DUR|--unsent NAME] [--tag T]...
 * [--feed URL]... [--format F] [--mark NAME] [--pipe CMD] [--from A]
 * [--to A] [--subject S]`: the items of a window (default the last 7
 * days), grouped by digest.c and printed by the renderer for --format.
 *
 * Exactly once for cron: the output is streamed as it is rendered
 * (memory is bounded by the items' metadata, not their bodies); --mark
 * NAME records the items as sent only once all of it was written to
 * stdout (every write, fflush and ferror checked), or, with --pipe CMD,
 * only once CMD (run by /bin/sh -c with the digest on its stdin) exited
 * 0 after reading all of it.  With --pipe, --unsent NAME implies --mark NAME.  A failed run
 * marks nothing, so the next run sends the same items again; a run that
 * worked marks exactly the items it sent.  [digest "NAME"] in the
 * config gives defaults for --unsent (tags, format, to, from, subject).
 */
#include "config.h"

#include <sys/wait.h>

#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "digest.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define DIGEST_DEFAULT_SINCE	(7LL * 24 * 3600)
/*
 * NOTE: how long a digest that marks waits for a running poll round (the
 * writer lock) by default: a round is bounded by the transfers' timeout
 * per --jobs batch, a few minutes even when many feeds are slow
 */
#define DIGEST_DEFAULT_WAIT	(5 * 60)
/* and how long the marking itself is tried again after the pipe worked */
#define DIGEST_MARK_TRIES	5

/* milliseconds of CPU time, for -vv timings */
static double
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* a host name fit for ids: letters, digits, '-' and '.', else NULL */
static char *
host_clean(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 253)
		return NULL;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '.'))
			return NULL;
	}
	return xstrndup(s, len);
}

/* the domain of the From address, else this machine's name */
static char *
digest_host(const char *from)
{
	const char	*at;
	char		 name[256], *h;

	if (from && (at = strrchr(from, '@')) != NULL &&
	    (h = host_clean(at + 1, strcspn(at + 1, "> \t,"))) != NULL)
		return h;
	if (gethostname(name, sizeof(name)) == 0) {
		name[sizeof(name) - 1] = '\0';
		return host_clean(name, strlen(name));
	}
	return NULL;
}

/* login@host for the default To: the local user, as cron mails */
static char *
default_to(const char *host)
{
	struct passwd	*pw;
	const char	*login = NULL;
	char		*s, *h;
	size_t		 i;

	if ((pw = getpwuid(getuid())) != NULL)
		login = pw->pw_name;
	if (login == NULL || *login == '\0')
		login = "root";
	for (i = 0; login[i]; i++) {
		if (strchr("<>()[],;:\"\\@ ", login[i]) ||
		    (unsigned char)login[i] < 0x21 ||
		    (unsigned char)login[i] > 0x7e)
			login = "root";
	}
	h = host && *host ? xstrdup(host) : xstrdup("localhost");
	xasprintf(&s, "%s@%s", login, h);
	free(h);
	return s;
}

/* where the digest goes: stdout, or the --pipe command's stdin */
struct sink {
	FILE			*fp;
	int			 failed;	/* a write failed */
	struct sigaction	 old;		/* SIGPIPE's, with --pipe */
};

/* render_opts.write: the rest is dropped after a failure */
static int
sink_write(const char *s, size_t len, void *arg)
{
	struct sink *k = arg;

	if (k->failed)
		return -1;
	if (fwrite(s, 1, len, k->fp) != len) {
		k->failed = 1;
		return -1;
	}
	return 0;
}

/*
 * Starts cmd by /bin/sh -c, the digest to go to its stdin.  SIGPIPE is
 * ignored until pipe_close(), so a command that stops reading gives a
 * write error, not our death.
 */
static int
pipe_open(struct sink *k, const char *cmd)
{
	struct sigaction sa;

	if (fflush(stdout) != 0) {
		log_error("%s", _("cannot write to standard output"));
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &k->old);
	if ((k->fp = popen(cmd, "w")) == NULL) {
		log_error(_("cannot run '%s'"), cmd);
		sigaction(SIGPIPE, &k->old, NULL);
		return -1;
	}
	return 0;
}

/* 0 when all of the digest was written and cmd exited 0 */
static int
pipe_close(struct sink *k, const char *cmd)
{
	int status, wrote;

	wrote = !k->failed && fflush(k->fp) == 0 && !ferror(k->fp);
	status = pclose(k->fp);
	k->fp = NULL;
	sigaction(SIGPIPE, &k->old, NULL);
	if (status == -1) {
		log_error(_("cannot run '%s'"), cmd);
		return -1;
	}
	if (WIFSIGNALED(status)) {
		log_errorx(_("'%s' was killed by signal %d; nothing marked "
		    "as sent"), cmd, WTERMSIG(status));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		log_errorx(_("'%s' failed with exit status %d; nothing marked "
		    "as sent"), cmd, WIFEXITED(status) ?
		    WEXITSTATUS(status) : -1);
		return -1;
	}
	if (!wrote) {
		log_errorx(_("cannot write the digest to '%s'; nothing "
		    "marked as sent"), cmd);
		return -1;
	}
	return 0;
}

/*
 * Runs cmd with the whole rendered digest, kept in the temporary file in,
 * on its stdin.  The command starts only once the digest is complete, so
 * a crier that dies while rendering never hands `sendmail -t` half a
 * message.
 */
static int
pipe_run(FILE *in, const char *cmd)
{
	struct sink	 k;
	char		 chunk[65536];
	size_t		 n;

	memset(&k, 0, sizeof(k));
	if (fseek(in, 0, SEEK_SET) != 0) {
		log_error("%s", _("cannot read the digest back"));
		return -1;
	}
	if (pipe_open(&k, cmd) == -1)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (sink_write(chunk, n, &k) == -1)
			break;
	if (ferror(in)) {
		log_error("%s", _("cannot read the digest back"));
		k.failed = 1;
	}
	return pipe_close(&k, cmd);
}

/* `--unsent NAME` with no [digest "NAME"]: say which ones there are */
static void
unknown_digest(struct cmd_ctx *ctx, const char *name)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; ctx->config_loaded && i < ctx->config.ndigests; i++) {
		if (i)
			buf_adds(&b, ", ");
		buf_adds(&b, ctx->config.digests[i].name);
	}
	if (b.len)
		log_errorx(_("no [digest \"%s\"] in the configuration "
		    "(defined: %s)"), name, b.s);
	else
		log_errorx(_("no [digest \"%s\"] in the configuration (it "
		    "defines no digest)"), name);
	buf_release(&b);
}

/*
 * The window of `--unsent NAME`: its first run starts `since` (window
 * seconds) ago, not at the whole backlog; later runs send every item not
 * yet sent from that same start on, so a missed cron run loses nothing
 * and an item older than the first window never comes up.
 */
static int
digest_window(struct store *st, const char *name, time_t now,
    long long window, time_t *since)
{
	time_t first;

	if (store_digest_first_sent(st, name, &first) == -1)
		return -1;
	*since = (first == TIME_NONE ? now : first) - (time_t)window;
	return 0;
}

int
cmd_digest(int argc, char **argv, struct cmd_ctx *ctx)
{
	const struct config_digest	*cd = NULL;
	const struct render_ops		*ro;
	struct digest_opts		 o;
	struct render_opts		 ropts;
	struct digest			 d;
	struct store			*st;
	struct buf			 out = BUF_INIT;
	struct sink			 sink;
	const char			*since = NULL, *format = NULL;
	const char			*mark = NULL, *unsent = NULL;
	const char			*pipe_cmd = NULL, *from = NULL;
	const char			*to = NULL, *subject = NULL;
	const char			*wait_arg = NULL;
	char				*host = NULL, *dto = NULL;
	const char			**tags = NULL, **feeds = NULL;
	char				*cause = NULL, *ep;
	long long			 secs, *ids;
	size_t				 ntags = 0, nfeeds = 0, nids;
	time_t				 now = time(NULL);
	double				 t0, t1, t2 = 0;
	int				 ch, rc = EXIT_OK, width = 72;
	int				 rendered, wait, tries;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 's':
			since = optarg;
			break;
		case 'u':
			unsent = optarg;
			break;
		case 't':
			tags = xreallocarray(tags, ntags + 1, sizeof(*tags));
			tags[ntags++] = optarg;
			break;
		case 'f':
			feeds = xreallocarray(feeds, nfeeds + 1,
			    sizeof(*feeds));
			feeds[nfeeds++] = optarg;
			break;
		case 'F':
			format = optarg;
			break;
		case 'm':
			mark = optarg;
			break;
		case 'p':
			pipe_cmd = optarg;
			break;
		case 'r':
			from = optarg;
			break;
		case 'T':
			to = optarg;
			break;
		case 'S':
			subject = optarg;
			break;
		case 'W':
			wait_arg = optarg;
			break;
		case 'w':
			width = (int)strtol(optarg, &ep, 10);
			if (*ep != '\0' || width < 20 || width > 1000) {
				log_errorx(_("invalid --width '%s' (20 to "
				    "1000)"), optarg);
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		default:
			rc = cmd_usage(ctx);
			goto out;
		}
	}
	if (optind != argc) {
		rc = cmd_usage(ctx);
		goto out;
	}
	if (since && unsent) {
		log_errorx("%s", _("--since and --unsent exclude each other"));
		rc = cmd_usage(ctx);
		goto out;
	}
	if (from && str_mail_list_check(from, &cause) == -1) {
		log_errorx(_("invalid --from: %s"), cause);
		free(cause);
		rc = EXIT_USAGE;
		goto out;
	}
	if (to && str_mail_list_check(to, &cause) == -1) {
		log_errorx(_("invalid --to: %s"), cause);
		free(cause);
		rc = EXIT_USAGE;
		goto out;
	}
	secs = DIGEST_DEFAULT_WAIT;
	if (wait_arg && (time_parse_duration(wait_arg, &secs) == -1 ||
	    secs < 0 || secs > 24 * 3600)) {
		log_errorx(_("invalid --wait '%s'"), wait_arg);
		rc = cmd_usage(ctx);
		goto out;
	}
	wait = (int)secs;
	if (cmd_load_config(ctx, 1) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (unsent && ctx->config_loaded)
		cd = config_find_digest(&ctx->config, unsent);
	if (unsent && cd == NULL) {
		/* NOTE: a typo in a cron line must not mail (and mark) the
		 * whole backlog under a new name */
		unknown_digest(ctx, unsent);
		rc = EXIT_USAGE;
		goto out;
	}
	if (cd) {
		/* the [digest "NAME"] settings fill what the options leave */
		if (ntags == 0 && cd->ntags > 0) {
			tags = xreallocarray(tags, cd->ntags, sizeof(*tags));
			for (ntags = 0; ntags < cd->ntags; ntags++)
				tags[ntags] = cd->tags[ntags];
		}
		if (format == NULL)
			format = cd->format;
		if (from == NULL)
			from = cd->from;
		if (to == NULL)
			to = cd->to;
		if (subject == NULL)
			subject = cd->subject;
	}
	/* NOTE: with --pipe the run is the sending: mark what was sent */
	if (pipe_cmd && mark == NULL && unsent)
		mark = unsent;
	if (format == NULL)
		format = "text";
	if ((ro = render_find(format)) == NULL) {
		log_errorx(_("unknown digest format '%s' (text, markdown, "
		    "html, email, json, atom)"), format);
		rc = EXIT_USAGE;
		goto out;
	}

	memset(&o, 0, sizeof(o));
	o.tags = tags;
	o.ntags = ntags;
	o.feeds = feeds;
	o.nfeeds = nfeeds;
	o.unsent = unsent;
	o.until = now + 1;
	o.since = TIME_NONE;
	o.config = ctx->config_loaded ? &ctx->config : NULL;
	/* NOTE: only what the format shows is read: 100,000 whole bodies
	 * would be most of a digest's time and memory */
	if (ro->flags & RENDER_NO_BODY)
		o.body = STORE_BODY_NONE;
	else if (ro->flags & RENDER_BRIEF)
		/* the excerpts the poll made: no body is read */
		o.body = STORE_BODY_BRIEF;
	else if (ro->flags & RENDER_ONE_BODY) {
		/* one character more tells a longer body */
		o.body = STORE_BODY_ONE;
		o.smax = o.cmax = RENDER_HTML_BODY_MAX + 1;
	} else
		o.body = STORE_BODY_FULL;
	/* NOTE: no guid or author for a format that never shows them */
	if (ro->flags & RENDER_NO_IDS)
		o.body |= STORE_BODY_NO_IDS;
	secs = DIGEST_DEFAULT_SINCE;
	if (since && (time_parse_duration(since, &secs) == -1 ||
	    secs < 0)) {
		log_errorx(_("invalid duration '%s' (a number with s, m, h or "
		    "d: 90, 30s, 15m, 6h, 1d)"), since);
		rc = cmd_usage(ctx);
		goto out;
	}
	if (unsent == NULL)
		o.since = now - (time_t)secs;
	else if (cd->since && time_parse_duration(cd->since, &secs) == -1)
		secs = DIGEST_DEFAULT_SINCE;	/* config_load checked it */

	/*
	 * NOTE: marking writes, so it takes the writer lock as poll does,
	 * before anything is read or sent: beside a running poll round it
	 * waits (up to --wait) for the round to end, then reads, sends and
	 * marks with no writer beside it, so what it sent is marked and a
	 * second digest cannot send the same items; past the wait it stops
	 * here, naming the poll's pid, with nothing sent.  Without --mark
	 * the digest only reads.
	 */
	if ((st = cmd_open_store_wait(ctx, mark ? STORE_WRITER :
	    STORE_READONLY, wait)) == NULL) {
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	if (unsent && digest_window(st, unsent, now, secs, &o.since) == -1) {
		log_errorx("%s", store_error(st));
		store_close(st);
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	t0 = ms_now();
	if (digest_build(st, &o, &d, &cause) == -1) {
		log_errorx("%s", cause);
		free(cause);
		store_close(st);
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	t1 = ms_now();
	host = digest_host(from);
	if (to == NULL)
		to = dto = default_to(host);
	memset(&ropts, 0, sizeof(ropts));
	ropts.width = width;
	ropts.now = now;
	ropts.name = unsent ? unsent : mark;
	ropts.title = subject;
	ropts.from = from;
	ropts.to = to;
	ropts.host = host;
	memset(&sink, 0, sizeof(sink));
	sink.fp = stdout;
	/* NOTE: streamed: memory is bounded by the items' metadata */
	ropts.write = sink_write;
	ropts.write_arg = &sink;
	if (pipe_cmd && d.nshown == 0) {
		/* nothing to send: cron stays quiet */
		log_info("%s", _("nothing new: the command was not run"));
		t2 = ms_now();
		goto done;
	}
	/* NOTE: with --pipe, rendered whole into an unlinked file first */
	if (pipe_cmd && (sink.fp = tmpfile()) == NULL) {
		log_error("%s", _("cannot create a temporary file"));
		rc = EXIT_FEEDS_FAILED;
		t2 = ms_now();
		goto done;
	}
	rendered = ro->digest(&out, &d, &ropts, &cause);
	if (rendered == 0)
		render_flush(&out, &ropts, 1);
	t2 = ms_now();
	if (rendered == -1) {
		log_errorx("%s", cause ? cause : _("cannot render the digest"));
		free(cause);
		rc = EXIT_FEEDS_FAILED;
		sink.failed = 1;
	}
	if (pipe_cmd) {
		if (rendered == 0 && (sink.failed || fflush(sink.fp) != 0 ||
		    ferror(sink.fp))) {
			log_error("%s", _("cannot write the digest to a "
			    "temporary file; the command was not run"));
			rc = EXIT_FEEDS_FAILED;
		} else if (rendered == 0 && pipe_run(sink.fp, pipe_cmd) == -1)
			rc = EXIT_FEEDS_FAILED;
		fclose(sink.fp);
		sink.fp = NULL;
	} else if (rendered == 0 && (sink.failed || fflush(stdout) != 0 ||
	    ferror(stdout))) {
		log_error("%s", _("cannot write the digest"));
		rc = EXIT_FEEDS_FAILED;
	}
	/* NOTE: marked only once all of it was written (and cmd exited 0) */
	if (rc == EXIT_OK && mark && d.nentries > 0) {
		ids = digest_ids(&d, &nids);
		/* NOTE: what was sent must be marked: SQLite's busy timeout
		 * is per try, a checkpoint or a stray reader may outlast one */
		for (tries = 1; store_mark_sent(st, mark, ids, nids, now) ==
		    -1; tries++) {
			if (tries < DIGEST_MARK_TRIES) {
				log_warnx(_("cannot mark the digest as sent "
				    "(%s); trying again"), store_error(st));
				continue;
			}
			log_errorx(_("the digest was sent but could NOT be "
			    "marked as sent as '%s': %s; the next run will "
			    "send these %zu items again"), mark,
			    store_error(st), nids);
			rc = EXIT_FEEDS_FAILED;
			break;
		}
		free(ids);
	}
done:
	log_debug("digest: %zu items; CPU time: read and grouped %.0f ms, "
	    "rendered and written %.0f ms, marked %.0f ms", d.nentries,
	    t1 - t0, t2 - t1, ms_now() - t2);
	digest_release(&d);
	store_close(st);
out:
	buf_release(&out);
	free(host);
	free(dto);
	free(tags);
	free(feeds);
	return rc;
}
