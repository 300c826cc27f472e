/*
 * tests/unit/t-config.c: feeds.conf syntax (git-config), defaults,
 * durations, sizes, repeated keys, merged sections, and the line of each
 * error.  Cases are run through config_parse(); stderr carries the
 * messages, the checks read the struct.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "conf.h"
#include "util/log.h"
#include "util/xmalloc.h"
#include "../tap.h"

/* inputs that must be rejected, with the line the error names */
static const struct {
	const char	*name;
	const char	*text;
	int		 line;
} bad[] = {
	{ "key before any section", "interval = 1h\n", 1 },
	{ "unclosed header", "[crier\ninterval = 1h\n", 1 },
	{ "garbage after header", "[crier] x\n", 1 },
	{ "bad duration", "[crier]\n\tinterval = 1 fortnight\n", 2 },
	{ "bad max-interval", "[crier]\nmax-interval = soon\n", 2 },
	{ "per-host 0", "[crier]\n\nper-host = 0\n", 3 },
	{ "zero duration", "[crier]\ninterval = 0\n", 2 },
	{ "negative jobs", "[crier]\njobs = -3\n", 2 },
	{ "jobs not a number", "[crier]\n\n; c\njobs = many\n", 4 },
	{ "bad size", "[crier]\nmax-size = 16X\n", 2 },
	{ "feed without URL", "[feed]\ntitle = x\n", 1 },
	{ "ftp feed", "[crier]\n[feed \"ftp://example.org/f\"]\n", 2 },
	{ "relative feed URL", "[feed \"example.org/feed\"]\n", 1 },
	{ "unterminated quote", "[feed \"http://a/\"]\ntitle = \"abc\n", 2 },
	{ "unterminated section name", "[feed \"http://a/]\n", 1 },
	{ "bad escape", "[feed \"http://a/\"]\n\ntitle = a\\qb\n", 3 },
	{ "missing =", "[crier]\njobs 4\n", 2 },
	{ "missing value", "[crier]\ntimeout\n", 2 },
	{ "bad boolean", "[feed \"http://a/\"]\nenabled = maybe\n", 2 },
	{ "tag name with space", "[tag \"a b\"]\nmatch = x\n", 1 },
	{ "unknown tag field", "[tag \"t\"]\nmatch = x\nfields = title body\n",
	    3 },
	{ "unknown digest format", "[digest \"w\"]\nformat = pdf\n", 2 },
	{ "bad digest since", "[digest \"w\"]\nsince = soon\n", 2 },
	{ "stray line", "[crier]\n= 3\n", 2 },
	{ "crier with a name", "[crier \"x\"]\n", 1 },
	{ "continued line counts", "[feed \"http://a/\"]\ntitle = a \\\n b\n"
	    "interval = x\n", 4 },
	{ "invalid UTF-8", "[feed \"http://a/\"]\ntitle = \xff\xfe\n", 2 },
	{ "empty user-agent", "[crier]\nuser-agent =\n", 2 },
};

static int
parse(struct config *c, const char *text)
{
	config_init(c);
	return config_parse(c, "test.conf", text, strlen(text));
}

static void
test_bad(void)
{
	struct config	c;
	size_t		i;
	int		rc;

	for (i = 0; i < nitems(bad); i++) {
		rc = parse(&c, bad[i].text);
		ok(rc == -1 && c.error_line == bad[i].line,
		    "rejects %s at line %d (rc %d, line %d)", bad[i].name,
		    bad[i].line, rc, c.error_line);
		config_release(&c);
	}
}

static void
test_defaults(void)
{
	struct config c;

	is_int(parse(&c, "# nothing\n\n; at all\n"), 0, "empty config");
	is_int(c.interval, 3600, "default interval 1h");
	is_int(c.max_interval, 86400, "default max-interval 1d");
	is_int(c.jobs, 16, "default jobs 16");
	is_int(c.timeout, 30, "default timeout 30s");
	is_int(c.connect_timeout, 10, "default connect timeout 10s");
	is_int(c.max_size, 16LL * 1024 * 1024, "default max-size 16M");
	ok(c.user_agent && strncmp(c.user_agent, "crier/", 6) == 0,
	    "default user-agent crier/VERSION");
	ok(c.database == NULL, "no database by default");
	is_int((long long)c.nfeeds, 0, "no feeds");
	is_int(c.per_host, 2, "default per-host 2");
	config_release(&c);
	is_int(parse(&c, "[crier]\n\tmax-interval = 12h\n\tper-host = 4\n"),
	    0, "max-interval and per-host parse");
	is_int(c.max_interval, 12 * 3600, "max-interval 12h");
	is_int(c.per_host, 4, "per-host 4");
	config_release(&c);
}

static const char good[] =
	"# a comment\n"
	"[Crier]\n"
	"\tInterval = 6h   ; trailing comment\n"
	"\tjobs = 4\n"
	"\ttimeout = 45s\n"
	"\tconnect-timeout = 2m\n"
	"\tmax-size = 512k\n"
	"\tuser-agent = \"crier/1.0 (+https://example.org/crier; x)\" # c\n"
	"\tdatabase = /tmp/x.db\n"
	"\n"
	"[feed \"https://www.theengineroom.org/feed/\"]\n"
	"    title = The Engine Room  ; optional\n"
	"    tags = humanitarian digital-rights\n"
	"    interval = 30m\n"
	"[feed \"file:///tmp/a.xml\"]\n"
	"    title = \"Quote \\\"me\\\" and \\\\ tab\\there\"\n"
	"    tags = a, b\n"
	"    tags = c a\n"
	"    enabled = no\n"
	"[tag \"community-call\"]\n"
	"    match = community call   ; regex\n"
	"    match = webinar|town hall\n"
	"    exclude = recording|recap\n"
	"    fields = title summary\n"
	"    fields = content\n"
	"    feeds = https://www.theengineroom.org/feed/\n"
	"    feed-tags = humanitarian\n"
	"[digest \"weekly\"]\n"
	"    tags = community-call report\n"
	"    format = email\n"
	"    to = team@example.org\n"
	"    from = crier@example.org\n"
	"    subject = Digital rights weekly\n"
	"    since = 7d\n"
	"[feed \"https://www.theengineroom.org/feed/\"]\n"
	"    tags = merged\n"
	"    title = Second wins\n";

static void
test_good(void)
{
	struct config			 c;
	const struct config_feed	*f;
	const struct config_tag		*t;
	const struct config_digest	*d;

	is_int(parse(&c, good), 0, "full example parses");
	is_int(c.interval, 6 * 3600, "interval 6h (key case-insensitive)");
	is_int(c.jobs, 4, "jobs");
	is_int(c.timeout, 45, "timeout 45s");
	is_int(c.connect_timeout, 120, "connect-timeout 2m");
	is_int(c.max_size, 512 * 1024, "max-size 512k");
	is_str(c.user_agent, "crier/1.0 (+https://example.org/crier; x)",
	    "quoted value keeps ';' and drops the trailing comment");
	is_str(c.database, "/tmp/x.db", "database");
	is_int((long long)c.nfeeds, 2, "two feeds (repeated section merged)");
	f = config_find_feed(&c, "https://www.theengineroom.org/feed/");
	ok(f != NULL, "feed found by URL");
	if (f != NULL) {
		is_str(f->title, "Second wins", "later title wins on merge");
		is_int(f->interval, 1800, "feed interval 30m");
		is_int((long long)f->ntags, 3, "feed tags accumulate");
		is_str(f->ntags == 3 ? f->tags[2] : NULL, "merged",
		    "merged section's tag");
		is_int(f->line, 11, "feed line is its first header");
		is_int(f->disabled, 0, "enabled by default");
	}
	f = config_find_feed(&c, "file:///tmp/a.xml");
	ok(f != NULL, "file:// feed");
	if (f != NULL) {
		is_str(f->title, "Quote \"me\" and \\ tab\there",
		    "escapes in quotes");
		is_int((long long)f->ntags, 3, "tags split on commas, "
		    "no repeats");
		is_int(f->disabled, 1, "enabled = no");
		is_int(f->interval, 0, "no own interval");
	}
	is_int((long long)c.ntags, 1, "one tag");
	t = c.ntags ? &c.tags[0] : NULL;
	if (t != NULL) {
		is_str(t->name, "community-call", "tag name");
		is_int((long long)t->nmatch, 2, "match repeats");
		is_str(t->match[0].s, "community call", "match trimmed");
		is_int(t->match[1].line, 22, "match line kept");
		is_str(t->match[1].s, "webinar|town hall", "second match");
		is_int((long long)t->nexclude, 1, "exclude");
		is_int(t->fields, TAG_FIELD_TITLE | TAG_FIELD_SUMMARY |
		    TAG_FIELD_CONTENT, "fields accumulate");
		is_int((long long)t->nfeeds, 1, "tag feeds");
		is_int((long long)t->nfeed_tags, 1, "tag feed-tags");
	}
	d = config_find_digest(&c, "weekly");
	ok(d != NULL, "digest found");
	if (d != NULL) {
		is_int((long long)d->ntags, 2, "digest tags");
		is_str(d->format, "email", "digest format");
		is_str(d->to, "team@example.org", "digest to");
		is_str(d->subject, "Digital rights weekly", "digest subject");
		is_str(d->since, "7d", "digest since");
	}
	is_int(c.nwarnings, 0, "no warnings");
	config_release(&c);
}

static void
test_warnings(void)
{
	struct config c;

	is_int(parse(&c, "[crier]\nintervall = 1h\n[colors]\nfg = red\n"
	    "[feed \"http://a/\"]\ncolour = x\n"), 0,
	    "unknown keys and sections are not errors");
	is_int(c.nwarnings, 3, "but each is warned about");
	is_int(c.interval, 3600, "misspelt key ignored");
	config_release(&c);

	is_int(parse(&c, "[crier]\r\njobs = 3\r\n"), 0, "CRLF lines");
	is_int(c.jobs, 3, "CRLF value");
	config_release(&c);

	is_int(parse(&c, "[feed \"http://a/\"]\ntitle = a \\\n  b\n"), 0,
	    "continuation line");
	is_str(c.nfeeds ? c.feeds[0].title : NULL, "a   b",
	    "continuation joins the lines");
	config_release(&c);

	is_int(parse(&c, "[feed \"http://a/\"]\ntitle = \"  padded  \"\n"),
	    0, "quoted blanks");
	is_str(c.nfeeds ? c.feeds[0].title : NULL, "  padded  ",
	    "blanks inside quotes kept");
	config_release(&c);

	is_int(parse(&c, "[crier]\nmax-size = 2MiB\n"), 0, "MiB suffix");
	is_int(c.max_size, 2 * 1024 * 1024, "2MiB");
	config_release(&c);

	is_int(parse(&c, "[feed \"http://a/\"]\nenabled\n"), 0,
	    "bare key is true");
	config_release(&c);
}

/* the example shipped in ../shared, when present, parses cleanly */
static void
test_example(void)
{
	const char	*top = getenv("top_srcdir");
	char		*path;
	struct config	 c;

	if (top == NULL) {
		ok(1, "# SKIP top_srcdir not set");
		ok(1, "# SKIP top_srcdir not set");
		return;
	}
	xasprintf(&path, "%s/../shared/feeds.conf.example", top);
	config_init(&c);
	if (access(path, R_OK) != 0) {
		printf("ok %d # SKIP no ../shared\n", ++tap_n);
		printf("ok %d # SKIP no ../shared\n", ++tap_n);
	} else {
		is_int(config_load(&c, path), 0, "feeds.conf.example loads");
		ok(c.nfeeds > 10 && c.ntags > 3 && c.nwarnings == 0,
		    "example: %zu feeds, %zu tags, %d warnings", c.nfeeds,
		    c.ntags, c.nwarnings);
	}
	config_release(&c);
	free(path);
}

int
main(void)
{
	log_verbose = -1;	/* keep the expected messages quiet */
	test_bad();
	test_defaults();
	test_good();
	test_warnings();
	test_example();
	return done_testing();
}
