/*
 * tests/eval/crier-eval.c: `make eval`: the tag and event-time scores of
 * the shipped rules on the labelled posts, dev and held-out apart.
 *
 *	crier-eval [-dv] [-c FEEDS.CONF] [DIR]
 *
 * -v lists every mistake with the sources the tagger gave; -d lists only
 * those of the dev posts, so that tuning never reads the held-out ones.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "eval.h"

/* writes the lines of the log text that start with "dev:" */
static void
print_dev(const char *text)
{
	const char	*nl;
	size_t		 len;

	for (; *text != '\0'; text += len) {
		nl = strchr(text, '\n');
		len = nl ? (size_t)(nl - text) + 1 : strlen(text);
		if (strncmp(text, "dev:", 4) == 0)
			fwrite(text, 1, len, stdout);
	}
}

int
main(int argc, char **argv)
{
	struct eval	 ev;
	struct buf	 conf = BUF_INIT, dir = BUF_INIT;
	const char	*top = getenv("top_srcdir");
	FILE		*log = NULL;
	char		*cause, *text = NULL;
	size_t		 textlen = 0;
	int		 ch, verbose = 0, devonly = 0, rc;

	if (top == NULL)
		top = ".";
	buf_addf(&conf, "%s/feeds.conf", top);
	while ((ch = getopt(argc, argv, "c:dv")) != -1) {
		switch (ch) {
		case 'c':
			buf_reset(&conf);
			buf_adds(&conf, optarg);
			break;
		case 'd':
			devonly = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			fprintf(stderr, "usage: crier-eval [-dv] [-c FEEDS.CONF] "
			    "[DIR]\n");
			return 2;
		}
	}
	if (optind < argc)
		buf_adds(&dir, argv[optind]);
	else
		buf_addf(&dir, "%s/tests/data/tagging", top);
	if (verbose && devonly) {
		if ((log = open_memstream(&text, &textlen)) == NULL) {
			perror("crier-eval");
			return 1;
		}
	} else if (verbose)
		log = stdout;
	rc = eval_run(conf.s, dir.s, &ev, log, &cause);
	if (log != NULL && log != stdout) {
		fclose(log);
		print_dev(text);
		free(text);
	}
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
