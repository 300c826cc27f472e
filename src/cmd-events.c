/*
 * cmd-events.c: `crier events [--format text|json|ics] [--all]`: the
 * events announced in stored items (community calls and others),
 * soonest first, from a day ago on (--all: past ones too).  text gives
 * each time in UTC and in the machine's zone (TZ); json the `list
 * --json` objects of crier(1), one per line; ics an RFC 5545 calendar
 * (render-ics.c).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "render/render.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define EVENTS_PAST	(24 * 3600)	/* still shown a day after */

static void
text_event(struct buf *out, const struct store_item *it, const char *ft)
{
	struct buf	t = BUF_INIT;

	render_event(out, it, RENDER_EVENT_UTC | RENDER_EVENT_LOCAL);
	buf_addc(out, '\n');
	render_inline(&t, it->title && *it->title ? it->title :
	    _("(untitled)"));
	buf_addf(out, "  %s\n", t.s);
	buf_reset(&t);
	render_inline(&t, ft && *ft ? ft : it->feed_url);
	buf_addf(out, "  %s\n", t.s);
	if (it->link) {
		buf_reset(&t);
		str_term_safe(&t, it->link, strlen(it->link));
		buf_addf(out, "  %s\n", t.s);
	}
	buf_addc(out, '\n');
	buf_release(&t);
}

int
cmd_events(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store_item	*items = NULL;
	const struct store_item	**ptrs = NULL;
	const char		**titles = NULL;
	struct render_opts	 ro;
	struct store		*st;
	struct buf		 out = BUF_INIT;
	const char		*format = "text";
	long long		*ids = NULL;
	size_t			 nids = 0, n = 0, i;
	time_t			 now = time(NULL);
	int			 ch, all = 0, rc = EXIT_OK, r;

	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'F':
			format = optarg;
			break;
		case 'a':
			all = 1;
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx);
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "ics") != 0) {
		log_errorx(_("unknown events format '%s' (text, json, ics)"),
		    format);
		return EXIT_USAGE;
	}
	if (cmd_load_config(ctx, 1) == -1)
		return EXIT_USAGE;
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	if (store_event_ids(st, all ? TIME_NONE : now - EVENTS_PAST, &ids,
	    &nids) == -1) {
		log_errorx("%s", store_error(st));
		store_close(st);
		return EXIT_FEEDS_FAILED;
	}
	items = xcalloc(nids + 1, sizeof(*items));
	ptrs = xcalloc(nids + 1, sizeof(*ptrs));
	titles = xcalloc(nids + 1, sizeof(*titles));
	for (i = 0; i < nids; i++) {
		if ((r = store_item_get(st, ids[i], &items[n])) == -1) {
			log_errorx("%s", store_error(st));
			rc = EXIT_FEEDS_FAILED;
			goto out;
		}
		if (r == 1)
			continue;	/* deleted meanwhile */
		ptrs[n] = &items[n];
		titles[n] = cmd_feed_title(ctx, &items[n]);
		n++;
	}
	if (strcmp(format, "ics") == 0) {
		memset(&ro, 0, sizeof(ro));
		ro.now = now;
		render_ics(&out, ptrs, titles, n, &ro);
	} else if (strcmp(format, "json") == 0) {
		for (i = 0; i < n; i++)
			render_item_json(&out, ptrs[i], titles[i]);
	} else if (n == 0)
		buf_addf(&out, "%s\n", all ? _("no events") :
		    _("no upcoming events"));
	else {
		for (i = 0; i < n; i++)
			text_event(&out, ptrs[i], titles[i]);
	}
	if (fwrite(out.s, 1, out.len, stdout) != out.len) {
		log_error("%s", _("cannot write to standard output"));
		rc = EXIT_FEEDS_FAILED;
	}
out:
	for (i = 0; i < nids; i++)
		store_item_release(&items[i]);
	free(items);
	free(ptrs);
	free(titles);
	free(ids);
	buf_release(&out);
	store_close(st);
	return rc;
}
