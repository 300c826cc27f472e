/*
 * cmd-parse.c: `crier parse [--json] [--base URL] FILE`: the parse stage
 * alone, with no config, network or database, for debugging feeds and for
 * the conformance runner.  Exit 0 on a feed, 1 when FILE is no feed or
 * cannot be read, 2 on usage errors.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "parse/parse.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define PARSE_USAGE "parse [--json] [--base URL] FILE"
#define PARSE_MAX_FILE (256UL * 1024 * 1024)

static int
read_file(const char *path, struct buf *b)
{
	char	tmp[65536];
	ssize_t	n;
	int	fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	buf_init(b, PARSE_MAX_FILE);
	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (buf_add(b, tmp, (size_t)n) == -1) {
			errno = EFBIG;
			n = -1;
			break;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return n < 0 ? -1 : 0;
}

static void
summary(const struct feed *f, struct buf *out)
{
	size_t	i;
	char	date[32];

	buf_addf(out, "%s: ", feed_format_name(f->format));
	str_term_safe(out, f->title ? f->title : "", f->title ?
	    strlen(f->title) : 0);
	buf_addc(out, '\n');
	if (f->link != NULL) {
		str_term_safe(out, f->link, strlen(f->link));
		buf_addc(out, '\n');
	}
	buf_addf(out, "%zu %s\n", f->nentries, f->nentries == 1 ?
	    "entry" : "entries");
	for (i = 0; i < f->nentries; i++) {
		const struct entry *e = &f->entries[i];
		time_t t = e->published != TIME_NONE ? e->published :
		    e->updated;
		const char *title = e->title ? e->title :
		    (e->link ? e->link : "");

		if (t == TIME_NONE || time_rfc3339(t, date, sizeof(date)))
			memcpy(date, "-", 2);
		buf_addf(out, "  %-20s ", date);
		str_term_safe(out, title, strlen(title));
		buf_addc(out, '\n');
	}
}

int
cmd_parse(int argc, char **argv, struct cmd_ctx *ctx)
{
	struct parse_opts	 opts;
	struct feed		*f;
	struct buf		 in = BUF_INIT, out = BUF_INIT;
	char			*cause = NULL;
	int			 ch, json = 0, rc = EXIT_OK;
	static const struct option longopts[] = {
		{ "json",	no_argument,		NULL, 'j' },
		{ "base",	required_argument,	NULL, 'b' },
		{ "charset",	required_argument,	NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};

	(void)ctx;
	memset(&opts, 0, sizeof(opts));
	while ((ch = getopt_long(argc, argv, "+jb:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'b':
			opts.base = optarg;
			break;
		case 'C':
			opts.charset = optarg;
			break;
		default:
			return cmd_usage(PARSE_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cmd_usage(PARSE_USAGE);
	if (read_file(argv[0], &in) == -1) {
		log_error(_("%s: cannot read"), argv[0]);
		buf_release(&in);
		return EXIT_FEEDS_FAILED;
	}
	f = parse_feed(in.s, in.len, &opts, &cause);
	buf_release(&in);
	if (f == NULL) {
		log_errorx("%s: %s", argv[0], cause);
		free(cause);
		return EXIT_FEEDS_FAILED;
	}
	if (json)
		feed_to_json(f, &out);
	else
		summary(f, &out);
	if (fwrite(out.s, 1, out.len, stdout) != out.len)
		rc = EXIT_FEEDS_FAILED;
	buf_release(&out);
	feed_free(f);
	return rc;
}
