/*
 * cmd-parse.c: `crier parse [--json] [--base URL] FILE`: the parse stage
 * alone, with no config, network or database, for debugging feeds and for
 * the conformance runner.  Exit 0 on a feed, 1 when FILE is no feed or
 * cannot be read, 2 on usage errors.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>
#include <sys/stat.h>

#include "cmd.h"
#include "parse/parse.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include "util/xmalloc.h"

#define PARSE_MAX_FILE (256UL * 1024 * 1024)

/* the document: mapped from a regular file, or read into a buffer */
struct input {
	const char	*s;
	size_t		 len;
	void		*map;		/* NULL when read */
	struct buf	 b;
};

/*
 * Reads the whole of fd into b.  Fails with EFBIG past PARSE_MAX_FILE.
 */
static int
read_fd(int fd, struct buf *b)
{
	ssize_t	n = 0;
	size_t	room;
	char	c;

	for (;;) {
		if (b->len == b->max) {
			/* at the ceiling: one byte more is too many */
			while ((n = read(fd, &c, 1)) == -1 && errno == EINTR)
				;
			if (n > 0) {
				errno = EFBIG;
				n = -1;
			}
			break;
		}
		if (b->cap - b->len <= 1) {
			room = b->cap ? b->cap : 65536;
			if (room > b->max - b->len)
				room = b->max - b->len;
			if (buf_grow(b, room) == -1) {
				errno = EFBIG;
				n = -1;
				break;
			}
		}
		room = b->cap - b->len - 1;
		if (room > b->max - b->len)
			room = b->max - b->len;
		n = read(fd, b->s + b->len, room);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		b->len += (size_t)n;
		b->s[b->len] = '\0';
	}
	return n < 0 ? -1 : 0;
}

/*
 * A regular file is mapped, its pages populated at once from the page
 * cache: no copy and no page fault per 4 KiB.  Anything else (a pipe,
 * "-", an empty file, a failed mmap) is read.
 */
static int
input_open(const char *path, struct input *in)
{
	struct stat	st;
	int		fd, rc = 0;

	memset(in, 0, sizeof(*in));
	buf_init(&in->b, PARSE_MAX_FILE);
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	if (fd != STDIN_FILENO && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (unsigned long long)st.st_size <= PARSE_MAX_FILE) {
		in->map = mmap(NULL, (size_t)st.st_size, PROT_READ,
		    MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (in->map == MAP_FAILED)
			in->map = NULL;
		else {
			in->s = in->map;
			in->len = (size_t)st.st_size;
		}
	}
	if (in->map == NULL) {
		rc = read_fd(fd, &in->b);
		in->s = in->b.s;
		in->len = in->b.len;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

/*
 * Parsing needs a few times the document in heap memory.  Faulting it in
 * at once, with the M_TRIM_THRESHOLD above keeping it, costs less than a
 * page fault for every 4 KiB that the parser first touches.
 */
static void
heap_prefault(size_t len)
{
#if defined(MADV_POPULATE_WRITE) && defined(M_MMAP_THRESHOLD)
	size_t		 n, pg = 4096;
	uintptr_t	 a, e;
	char		*p;

	if (len > 16 * 1024 * 1024)
		return;
	n = 4 * len + 64 * 1024;
	if ((p = malloc(n)) == NULL)
		return;
	a = ((uintptr_t)p + pg - 1) & ~(uintptr_t)(pg - 1);
	e = ((uintptr_t)p + n) & ~(uintptr_t)(pg - 1);
	if (e > a)
		(void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
	free(p);
#else
	(void)len;
#endif
}

static void
input_close(struct input *in)
{
	if (in->map != NULL)
		munmap(in->map, in->len);
	buf_release(&in->b);
	memset(in, 0, sizeof(*in));
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
	buf_addf(out, Q_("%zu entry\n", "%zu entries\n", f->nentries),
	    f->nentries);
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
	struct input		 in;
	struct buf		 out = BUF_INIT;
	char			*cause = NULL;
	int			 ch, json = 0, rc = EXIT_OK;

	memset(&opts, 0, sizeof(opts));
	while ((ch = cmd_getopt(ctx, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'b':
			opts.base = optarg;
			break;
		case CMD_LONG | 'C':
			opts.charset = optarg;
			break;
		case CMD_LONG | 'L':
			opts.libxml2 = 1;
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cmd_usage(ctx);
#ifdef M_MMAP_THRESHOLD
	/*
	 * One document in a short-lived process: its big buffers (the file,
	 * the rewritten copy, the JSON) come from the heap, where a freed one
	 * is reused, rather than from fresh mappings that fault in page by
	 * page and are unmapped again.
	 */
	mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
	if (input_open(argv[0], &in) == -1) {
		log_error(_("%s: cannot read"), argv[0]);
		input_close(&in);
		return EXIT_FEEDS_FAILED;
	}
	heap_prefault(in.len);
	f = parse_feed(in.s, in.len, &opts, &cause);
	input_close(&in);
	if (f == NULL) {
		log_errorx("%s: %s", argv[0], cause);
		free(cause);
		return EXIT_FEEDS_FAILED;
	}
	if (json) {
		/* written as it is made: memory bounded by the feed alone */
		if (feed_write_json(f, stdout) == -1)
			rc = EXIT_FEEDS_FAILED;
	} else {
		summary(f, &out);
		if (fwrite(out.s, 1, out.len, stdout) != out.len)
			rc = EXIT_FEEDS_FAILED;
	}
	buf_release(&out);
	feed_free(f);
	return rc;
}
