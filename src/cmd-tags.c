/*
 * cmd-tags.c: `crier tags`: every tag with its item count, one per line
 * as TAG TAB COUNT, by tag name.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "util/log.h"
#include "util/str.h"
#include "util/xmalloc.h"

static int
tag_cb(const char *tag, long long n, void *arg)
{
	struct buf *b = arg;

	str_term_safe(b, tag, strlen(tag));
	buf_addf(b, "\t%lld\n", n);
	return 0;
}

int
cmd_tags(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store	*st;
	struct buf	 b = BUF_INIT;
	int		 rc = EXIT_OK;

	(void)argv;
	if (argc != 1)
		return cmd_usage("tags");
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	if (store_tags_each(st, tag_cb, &b) == -1) {
		log_errorx("%s", store_error(st));
		rc = EXIT_FEEDS_FAILED;
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
	store_close(st);
	return rc;
}
