/*
 * tests/unit/t-conf-edit.c: add and remove change only their [feed]
 * section, byte for byte elsewhere, and conf.c reads the result back;
 * the file is replaced atomically with its mode.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "conf-edit.h"
#include "util/log.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char *name, *in, *url, *want;
	size_t n;
} removes[] = {
	{ "middle section, comments of the next stay",
	  "# top\n[crier]\n\tjobs = 4\n\n[feed \"https://a.example/f\"]\n"
	  "\ttitle = A ; mine\n\t# inside\n\n# B blog\n[feed \"https://b.example/\"]\n",
	  "https://a.example/f",
	  "# top\n[crier]\n\tjobs = 4\n\n# B blog\n[feed \"https://b.example/\"]\n", 1 },
	{ "last section, its blank lines above go",
	  "[feed \"https://b.example/\"]\n\n[feed \"https://a.example/f\"]\n"
	  "    tags = x y\n",
	  "https://a.example/f",
	  "[feed \"https://b.example/\"]\n", 1 },
	{ "canonical match: host case, default port, fragment",
	  "[feed \"https://A.example:443/f#x\"]\n\ttitle = A\n[tag \"t\"]\n\tmatch = a\n",
	  "https://a.example/f",
	  "[tag \"t\"]\n\tmatch = a\n", 1 },
	{ "every section of the URL",
	  "[feed \"https://a.example/f\"]\n[feed \"https://c.example/\"]\n"
	  "[FEED \"https://a.example/f\"]\n\tinterval = 2h\n",
	  "https://a.example/f",
	  "[feed \"https://c.example/\"]\n", 2 },
	{ "a continued value starting with '[' is no header",
	  "[feed \"https://c.example/\"]\n\ttitle = a \\\n[feed \"https://a.example/f\"]\n",
	  "https://a.example/f",
	  "[feed \"https://c.example/\"]\n\ttitle = a \\\n[feed \"https://a.example/f\"]\n", 0 },
	{ "escaped quote in the section name",
	  "[feed \"https://a.example/q\\\"x\"]\n[crier]\n",
	  "https://a.example/q\"x",
	  "[crier]\n", 1 },
	{ "no such feed: unchanged, CRLF kept",
	  "[feed \"https://c.example/\"]\r\n\ttitle = C\r\n",
	  "https://a.example/f",
	  "[feed \"https://c.example/\"]\r\n\ttitle = C\r\n", 0 },
	{ "no final newline",
	  "[crier]\n[feed \"https://a.example/f\"]",
	  "https://a.example/f", "[crier]\n", 1 },
};

static const struct {
	const char *name, *in, *url, *title, *tag, *want;
} adds[] = {
	{ "empty file", "", "https://a.example/f", NULL, NULL,
	  "[feed \"https://a.example/f\"]\n" },
	{ "no final newline, indentation as the file's",
	  "[crier]\n    jobs = 2", "https://a.example/f", "A", "x",
	  "[crier]\n    jobs = 2\n\n[feed \"https://a.example/f\"]\n"
	  "    title = A\n    tags = x\n" },
	{ "title quoted when it needs it",
	  "# c\n\n", "https://a.example/f", "A; \"B\" # \\", NULL,
	  "# c\n\n[feed \"https://a.example/f\"]\n"
	  "\ttitle = \"A; \\\"B\\\" # \\\\\"\n" },
};

int
main(void)
{
	struct config		 c;
	struct conf_edit_feed	 ef;
	struct buf		 b = BUF_INIT;
	struct stat		 sb;
	char			*tags[1], dir[] = "/tmp/t-conf-edit.XXXXXX";
	char			 path[256], *cause = NULL;
	size_t			 i, n;
	FILE			*fp;

	plan((int)(nitems(removes) * 2 + nitems(adds) * 2 + 6));
	log_verbose = -1;
	for (i = 0; i < nitems(removes); i++) {
		buf_reset(&b);
		n = conf_edit_remove_feed(removes[i].in, strlen(removes[i].in),
		    removes[i].url, &b);
		is_str(b.s, removes[i].want, "remove: %s", removes[i].name);
		is_int((long long)n, (long long)removes[i].n,
		    "remove: %s: count", removes[i].name);
	}
	for (i = 0; i < nitems(adds); i++) {
		buf_reset(&b);
		buf_adds(&b, adds[i].in);
		memset(&ef, 0, sizeof(ef));
		ef.url = adds[i].url;
		ef.title = adds[i].title;
		if (adds[i].tag) {
			tags[0] = (char *)adds[i].tag;
			ef.tags = tags;
			ef.ntags = 1;
		}
		conf_edit_add_feed(&b, &ef);
		is_str(b.s, adds[i].want, "add: %s", adds[i].name);
		config_init(&c);
		ok(config_parse(&c, "t", b.s, b.len) == 0 && c.nfeeds == 1 &&
		    strcmp(c.feeds[0].url, adds[i].url) == 0 &&
		    (adds[i].title == NULL ? c.feeds[0].title == NULL :
		    strcmp(c.feeds[0].title, adds[i].title) == 0),
		    "add: %s: conf.c reads it back", adds[i].name);
		config_release(&c);
	}

	ok(mkdtemp(dir) != NULL, "temp dir");
	snprintf(path, sizeof(path), "%s/feeds.conf", dir);
	ok(conf_edit_read(path, &b, &cause) == 1 && b.len == 0,
	    "read: a missing file is empty");
	fp = fopen(path, "w");
	fputs("old\n", fp);
	fclose(fp);
	chmod(path, 0640);
	ok(conf_edit_write(path, "new\n", 4, &cause) == 0, "write");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 07777) == 0640,
	    "write keeps the mode");
	ok(conf_edit_read(path, &b, &cause) == 0 && strcmp(b.s, "new\n") == 0,
	    "write replaces the contents");
	snprintf(path, sizeof(path), "%s/no/such/dir/feeds.conf", dir);
	ok(conf_edit_write(path, "x", 1, &cause) == -1 && cause != NULL,
	    "write: an error says why");
	free(cause);
	snprintf(path, sizeof(path), "%s/feeds.conf", dir);
	unlink(path);
	rmdir(dir);
	buf_release(&b);
	return done_testing();
}
