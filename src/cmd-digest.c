/*
 * cmd-digest.c: `crier digest [--since DUR|--unsent NAME] [--tag T]...
 * [--feed URL]... [--format F] [--mark NAME]`: the items of a window
 * (default the last 7 days), grouped by digest.c and printed by the
 * renderer for --format.  The whole output is rendered into memory
 * first, so --mark records items as sent only once all of it was
 * written.  [digest "NAME"] in the config gives defaults for --unsent.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "digest.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define DIGEST_USAGE "digest [--since DUR|--unsent NAME] [--tag T]... " \
	"[--feed URL]... [--format F] [--mark NAME]"
#define DIGEST_DEFAULT_SINCE	(7LL * 24 * 3600)

int
cmd_digest(int argc, char **argv, struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "since",	required_argument,	NULL, 's' },
		{ "unsent",	required_argument,	NULL, 'u' },
		{ "tag",	required_argument,	NULL, 't' },
		{ "feed",	required_argument,	NULL, 'f' },
		{ "format",	required_argument,	NULL, 'F' },
		{ "mark",	required_argument,	NULL, 'm' },
		{ "width",	required_argument,	NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const struct config_digest	*cd = NULL;
	const struct render_ops		*ro;
	struct digest_opts		 o;
	struct render_opts		 ropts;
	struct digest			 d;
	struct store			*st;
	struct buf			 out = BUF_INIT;
	const char			*since = NULL, *format = NULL;
	const char			*mark = NULL, *unsent = NULL;
	const char			**tags = NULL, **feeds = NULL;
	char				*cause = NULL, *ep;
	long long			 secs, *ids;
	size_t				 ntags = 0, nfeeds = 0, nids;
	time_t				 now = time(NULL);
	int				 ch, rc = EXIT_OK, width = 72;

	while ((ch = getopt_long(argc, argv, "s:u:t:f:F:m:w:", opts,
	    NULL)) != -1) {
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
		case 'w':
			width = (int)strtol(optarg, &ep, 10);
			if (*ep != '\0' || width < 20 || width > 1000) {
				log_errorx(_("invalid --width '%s'"), optarg);
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		default:
			rc = cmd_usage(DIGEST_USAGE);
			goto out;
		}
	}
	if (optind != argc) {
		rc = cmd_usage(DIGEST_USAGE);
		goto out;
	}
	if (since && unsent) {
		log_errorx("%s", _("--since and --unsent exclude each other"));
		rc = cmd_usage(DIGEST_USAGE);
		goto out;
	}
	if (cmd_load_config(ctx, 1) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (unsent && ctx->config_loaded)
		cd = config_find_digest(&ctx->config, unsent);
	if (cd) {
		/* the [digest "NAME"] settings fill what the options leave */
		if (ntags == 0 && cd->ntags > 0) {
			tags = xreallocarray(tags, cd->ntags, sizeof(*tags));
			for (ntags = 0; ntags < cd->ntags; ntags++)
				tags[ntags] = cd->tags[ntags];
		}
		if (format == NULL)
			format = cd->format;
	}
	if (format == NULL)
		format = "text";
	if ((ro = render_find(format)) == NULL) {
		log_errorx(_("unknown or unsupported digest format '%s'"),
		    format);
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
	if (unsent == NULL) {
		secs = DIGEST_DEFAULT_SINCE;
		if (since && (time_parse_duration(since, &secs) == -1 ||
		    secs < 0)) {
			log_errorx(_("invalid duration '%s'"), since);
			rc = cmd_usage(DIGEST_USAGE);
			goto out;
		}
		o.since = now - (time_t)secs;
	} else if (cd && cd->since && time_parse_duration(cd->since,
	    &secs) == 0)
		o.since = now - (time_t)secs;

	/* NOTE: marking writes; without --mark the digest only reads */
	if ((st = cmd_open_store(ctx, mark ? 0 : STORE_READONLY)) == NULL) {
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	if (digest_build(st, &o, &d, &cause) == -1) {
		log_errorx("%s", cause);
		free(cause);
		store_close(st);
		rc = EXIT_FEEDS_FAILED;
		goto out;
	}
	memset(&ropts, 0, sizeof(ropts));
	ropts.width = width;
	ropts.now = now;
	ropts.name = unsent ? unsent : mark;
	ropts.title = cd ? cd->subject : NULL;
	if (ro->digest(&out, &d, &ropts, &cause) == -1) {
		log_errorx("%s", cause ? cause : _("cannot render the digest"));
		free(cause);
		rc = EXIT_FEEDS_FAILED;
	} else if (fwrite(out.s, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		log_error("%s", _("cannot write the digest"));
		rc = EXIT_FEEDS_FAILED;
	} else if (mark) {
		ids = digest_ids(&d, &nids);
		if (store_mark_sent(st, mark, ids, nids, now) == -1) {
			log_errorx("%s", store_error(st));
			rc = EXIT_FEEDS_FAILED;
		}
		free(ids);
	}
	digest_release(&d);
	store_close(st);
out:
	buf_release(&out);
	free(tags);
	free(feeds);
	return rc;
}
