/*
 * cmd-mark.c: `crier mark read|unread ID... | --all | --feed URL |
 * --tag T`: sets items' read state, what `list --unread` and the reader
 * show.  It writes, so it takes the writer lock as `digest --mark` does,
 * waiting for a poll's round to end (STORE_WAIT) rather than failing.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xmalloc.h"


int
cmd_mark(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store_query	 q;
	struct store		*st;
	struct cmd_filter	 f;
	long long		*ids = NULL, missing = 0, changed = 0;
	char			*ep;
	size_t			 nids = 0;
	int			 all, read, i, rc;

	store_query_init(&q);
	if (cmd_filter_args(ctx, argc, argv, &f, 'a', &all) == -1)
		return EXIT_USAGE;
	if (optind == argc)
		return cmd_usage(ctx);
	if (strcmp(argv[optind], "read") == 0)
		read = 1;
	else if (strcmp(argv[optind], "unread") == 0)
		read = 0;
	else {
		log_errorx(_("mark: '%s' is neither 'read' nor 'unread'"),
		    argv[optind]);
		return cmd_usage(ctx);
	}
	for (i = optind + 1; i < argc; i++) {
		long long id = strtoll(argv[i], &ep, 10);

		if (argv[i][0] == '\0' || *ep != '\0' || id <= 0) {
			log_errorx(_("invalid item id '%s'"), argv[i]);
			free(ids);
			return cmd_usage(ctx);
		}
		ids = xreallocarray(ids, nids + 1, sizeof(*ids));
		ids[nids++] = id;
	}
	/* exactly one of: ids, --all, --feed/--tag (which may combine) */
	if ((nids > 0) + all + (f.feed || f.tag) != 1) {
		log_errorx("%s", _("mark: give item ids, --all, or --feed "
		    "and --tag"));
		free(ids);
		return cmd_usage(ctx);
	}
	cmd_filter_query(&f, &q);
	if ((st = cmd_open_store(ctx, STORE_WRITER | STORE_WAIT)) == NULL) {
		free(ids);
		return EXIT_FEEDS_FAILED;
	}
	if (nids > 0) {
		rc = store_items_set_read(st, ids, nids, read, &missing);
		if (rc == 1) {
			log_errorx(_("no item %lld"), missing);
			rc = -1;
		} else if (rc == -1)
			log_errorx("%s", store_error(st));
	} else if ((rc = store_query_set_read(st, &q, read, &changed)) == -1)
		log_errorx("%s", store_error(st));
	else
		log_info(read ? _("%lld items marked read") :
		    _("%lld items marked unread"), changed);
	free(ids);
	store_close(st);
	return rc == 0 ? EXIT_OK : EXIT_FEEDS_FAILED;
}
