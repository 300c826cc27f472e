/*
 * tests/eval/crier-eval.c: `make eval`: the tag and event-time scores of
 * the shipped rules on the labelled posts, dev and held-out apart.
 *
 *	crier-eval [-v] [-c FEEDS.CONF] [DIR]
 *
 * -v lists every mistake with the sources the tagger gave.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/buf.h"
#include "eval.h"

int
main(int argc, char **argv)
{
	struct eval	 ev;
	struct buf	 conf = BUF_INIT, dir = BUF_INIT;
	const char	*top = getenv("top_srcdir");
	char		*cause;
	int		 ch, verbose = 0, rc;

	if (top == NULL)
		top = ".";
	buf_addf(&conf, "%s/feeds.conf", top);
	while ((ch = getopt(argc, argv, "c:v")) != -1) {
		switch (ch) {
		case 'c':
			buf_reset(&conf);
			buf_adds(&conf, optarg);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			fprintf(stderr, "usage: crier-eval [-v] [-c FEEDS.CONF] "
			    "[DIR]\n");
			return 2;
		}
	}
	if (optind < argc)
		buf_adds(&dir, argv[optind]);
	else
		buf_addf(&dir, "%s/tests/data/tagging", top);
	rc = eval_run(conf.s, dir.s, &ev, verbose ? stdout : NULL, &cause);
	if (rc == -1) {
		fprintf(stderr, "crier-eval: %s\n", cause);
		free(cause);
	} else {
		printf("%s: %zu files\n", dir.s, ev.nfiles);
		eval_print(&ev, stdout);
	}
	buf_release(&conf);
	buf_release(&dir);
	return rc == -1 ? 1 : 0;
}
