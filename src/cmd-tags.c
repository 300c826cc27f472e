/*
 * cmd-tags.c: `crier tags [--json]`: every tag with its item count, by
 * tag name.  Piped, one line per tag as TAG TAB COUNT; on a terminal,
 * aligned columns fitted to its width; --json, one object per line,
 * {"tag": "...", "count": N}.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "util/json.h"
#include "util/log.h"
#include "util/str.h"
#include "util/term.h"
#include "util/xmalloc.h"


enum tags_mode {
	TAGS_TSV,
	TAGS_TABLE,
	TAGS_JSON,
};

struct tags_arg {
	enum tags_mode		 mode;
	struct term_table	 table;
	struct buf		 out;
};

static const struct term_col tags_cols[] = {
	{ TERM_COL_SHRINK,	8,	0,	NULL },
	{ TERM_COL_RIGHT,	0,	0,	"33" },
};

static int
tag_cb(const char *tag, long long n, void *arg)
{
	struct tags_arg	*ta = arg;
	const char	*cells[nitems(tags_cols)];
	char		 count[24];
	int		 first = 1;

	switch (ta->mode) {
	case TAGS_JSON:
		buf_addc(&ta->out, '{');
		json_obj_str(&ta->out, &first, "tag", tag);
		json_obj_int(&ta->out, &first, "count", n);
		buf_adds(&ta->out, "}\n");
		break;
	case TAGS_TABLE:
		snprintf(count, sizeof(count), "%lld", n);
		cells[0] = tag;
		cells[1] = count;
		term_table_add(&ta->table, &ta->out, cells, NULL);
		break;
	case TAGS_TSV:
		str_term_safe(&ta->out, tag, strlen(tag));
		buf_addf(&ta->out, "\t%lld\n", n);
		break;
	}
	return 0;
}

int
cmd_tags(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct store	*st;
	struct tags_arg	 ta;
	int		 ch, rc = EXIT_OK;

	memset(&ta, 0, sizeof(ta));
	buf_init(&ta.out, 0);
	ta.mode = term_isatty(STDOUT_FILENO) ? TAGS_TABLE : TAGS_TSV;
	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			ta.mode = TAGS_JSON;
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx);
	if ((st = cmd_open_store(ctx, STORE_READONLY)) == NULL)
		return EXIT_FEEDS_FAILED;
	if (ta.mode == TAGS_TABLE)
		term_table_init(&ta.table, tags_cols, nitems(tags_cols),
		    (size_t)term_columns(STDOUT_FILENO),
		    term_color(STDOUT_FILENO));
	if (store_tags_each(st, tag_cb, &ta) == -1) {
		log_errorx("%s", store_error(st));
		rc = EXIT_FEEDS_FAILED;
	}
	if (ta.mode == TAGS_TABLE) {
		term_table_flush(&ta.table, &ta.out);
		term_table_release(&ta.table);
	}
	fwrite(ta.out.s, 1, ta.out.len, stdout);
	buf_release(&ta.out);
	store_close(st);
	return rc;
}
