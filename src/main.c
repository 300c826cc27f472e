/*
 * main.c: locale and gettext set-up, global options, the command table
 * and the exit status.  Everything else lives in libcrier.a.
 */

#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xmalloc.h"

/*
 * Each command's help: its synopsis and its options, one per line.
 * main() answers -h and --help for every command here, before the
 * command parses its arguments, so that no command can forget them.
 */
static const struct command {
	const char	*name;
	int		(*fn)(int, char **, struct cmd_ctx *);
	const char	*help;
	const char	*synopsis;	/* after "crier " */
	const char	*options;	/* NULL: none */
} commands[] = {
	{ "poll",	cmd_poll,	N_("fetch the feeds that are due and store new items"),
	  "poll [--force] [--jobs N] [-q|-v] [FEED-URL...]",
	  N_("  -f, --force      fetch every feed, due or not\n"
	     "  -j, --jobs N     transfers at once (1 to 1000)\n") },
	{ "daemon",	cmd_daemon,	N_("poll each feed on its schedule until stopped"),
	  "daemon [--syslog] [--jobs N] [-q|-v]",
	  N_("      --syslog     log to syslog instead of standard error\n"
	     "  -j, --jobs N     transfers at once (1 to 1000)\n") },
	{ "parse",	cmd_parse,	N_("parse one local feed file and print it"),
	  "parse [--json] [--base URL] [--libxml2] FILE",
	  N_("  -j, --json       print the feed as one JSON object\n"
	     "  -b, --base URL   resolve relative links against URL\n"
	     "      --charset C  the charset the server would have sent\n"
	     "      --libxml2    read XML with libxml2 alone\n") },
	{ "list",	cmd_list,	N_("one line per stored item, newest first"),
	  "list [--tag T] [--feed URL] [--unread] [--limit N] [--json]",
	  N_("  -t, --tag T      only items with tag T\n"
	     "  -f, --feed URL   only items of that feed\n"
	     "  -u, --unread     only unread items\n"
	     "  -n, --limit N    at most N items\n"
	     "  -j, --json       one JSON object per line\n") },
	{ "show",	cmd_show,	N_("one item in full"),
	  "show ID", NULL },
	{ "search",	cmd_search,	N_("full-text search over stored items, ranked"),
	  "search [--json] [--limit N] [--tag T] [--feed URL] [--unread] QUERY...",
	  N_("  -j, --json       one JSON object per line, with its excerpt\n"
	     "  -n, --limit N    at most N results (default 50, 0: all)\n"
	     "  -t, --tag T      only items with tag T\n"
	     "  -f, --feed URL   only items of that feed\n"
	     "  -u, --unread     only unread items\n") },
	{ "mark",	cmd_mark,	N_("set items read or unread"),
	  "mark read|unread ID... | --all | --feed URL | --tag T",
	  N_("  -a, --all        every item\n"
	     "  -f, --feed URL   the items of that feed\n"
	     "  -t, --tag T      the items with tag T\n") },
	{ "read",	cmd_read,	N_("browse and read items in the terminal"),
	  "read", NULL },
	{ "feeds",	cmd_feeds,	N_("every feed with its state"),
	  "feeds", NULL },
	{ "digest",	cmd_digest,	N_("the items of a time window, grouped"),
	  "digest [--since DUR|--unsent NAME] [--tag T]... [--feed URL]... "
	  "[--format F] [--mark NAME] [--pipe CMD] [--from ADDR] [--to ADDR] "
	  "[--subject TEXT]",
	  N_("  -s, --since DUR      items of the last DUR (default 7d)\n"
	     "  -u, --unsent NAME    items digest NAME has not sent yet\n"
	     "  -t, --tag T          only items with tag T (repeatable)\n"
	     "  -f, --feed URL       only items of that feed (repeatable)\n"
	     "  -F, --format F       text, markdown, html, email, json or atom\n"
	     "  -m, --mark NAME      record the items as sent by digest NAME\n"
	     "  -w, --width N        wrap text at N columns\n"
	     "  -p, --pipe CMD       send the digest to CMD's standard input\n"
	     "  -r, --from ADDR      email From:\n"
	     "  -T, --to ADDR        email To:\n"
	     "  -S, --subject TEXT   email Subject:\n") },
	{ "tags",	cmd_tags,	N_("every tag with its item count"),
	  "tags", NULL },
	{ "events",	cmd_events,	N_("announced events, upcoming first"),
	  "events [--format text|json|ics] [--all]",
	  N_("  -F, --format F   text, json or ics\n"
	     "  -a, --all        past events too\n") },
	{ "retag",	cmd_retag,	N_("apply the current tag rules to every stored item"),
	  "retag", NULL },
	{ "add",	cmd_add,	N_("subscribe to a feed, or to the feed a web page links"),
	  "add URL [--tag T]... [--title S]",
	  N_("  -t, --tag T      give the feed's items tag T (repeatable)\n"
	     "  -T, --title S    show the feed as S\n") },
	{ "remove",	cmd_remove,	N_("unsubscribe from a feed"),
	  "remove URL [--purge]",
	  N_("  -p, --purge      delete the feed's items from the database too\n") },
	{ "import-opml", cmd_import_opml, N_("subscribe to the feeds of an OPML file"),
	  "import-opml FILE", NULL },
	{ "export-opml", cmd_export_opml, N_("print the subscriptions as OPML"),
	  "export-opml", NULL },
	{ "help",	NULL,		N_("show the help of a command"),
	  "help [COMMAND]", NULL },
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "%s", _("usage: crier [-c CONFIG] [-d DATABASE] [-q|-v] COMMAND [ARGS...]\n"));
	if (fp == stdout)
		fprintf(fp, "\n%s", _("options:\n"
		    "  -c, --config FILE    the config file (default: $CRIER_CONFIG,\n"
		    "                       else ~/.config/crier/feeds.conf, else ./feeds.conf)\n"
		    "  -d, --database FILE  the database (default: $CRIER_DB, else the\n"
		    "                       config's database, else ~/.local/share/crier/crier.db)\n"
		    "  -q, --quiet          errors only\n"
		    "  -v, --verbose        more detail (twice: debugging)\n"
		    "  -h, --help           this help\n"
		    "  -V, --version        the version\n"));
	fprintf(fp, "\n%s\n", _("commands:"));
	for (i = 0; i < nitems(commands); i++)
		fprintf(fp, "  %-12s %s\n", commands[i].name,
		    _(commands[i].help));
	if (fp == stdout)
		fprintf(fp, "\n%s\n", _("'crier help COMMAND' or 'crier COMMAND --help' "
		    "describes a command."));
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(commands); i++) {
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	}
	return NULL;
}

static void
command_help(const struct command *c)
{
	/* NOTE: a row without a synopsis still helps: its name */
	printf("%s%s\n\n%s\n", _("usage: crier "),
	    c->synopsis ? c->synopsis : c->name, _(c->help));
	if (c->options)
		printf("\n%s\n%s", _("options:"), _(c->options));
}

/* 1 when args (before a "--") ask for help */
static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

static int
cmd_help(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc > 2)
		return cmd_usage("help [COMMAND]");
	if ((c = find_command(argv[1])) == NULL) {
		log_errorx(_("unknown command '%s'"), argv[1]);
		return EXIT_USAGE;
	}
	command_help(c);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	const struct command	*c;
	struct cmd_ctx		 ctx;
	int			 ch, rc;
	static const struct option longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "database",	required_argument,	NULL, 'd' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	setlocale(LC_ALL, "");
#if defined(ENABLE_NLS) && ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	memset(&ctx, 0, sizeof(ctx));

	/* NOTE: '+' stops at the command name; its options are its own */
	while ((ch = getopt_long(argc, argv, "+c:d:qvhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			ctx.config_path = optarg;
			break;
		case 'd':
			ctx.db_path = optarg;
			break;
		case 'q':
		case 'v':
			cmd_verbosity(ch);
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("crier %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((c = find_command(argv[0])) == NULL) {
		log_errorx(_("unknown command '%s'"), argv[0]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (wants_help(argc, argv)) {
		command_help(c);
		return EXIT_OK;
	}
	if (c->fn == NULL)
		return cmd_help(argc, argv);
	/* parse prints data, never dates, numbers or order in the user's style */
	if (c->fn == cmd_parse) {
		setlocale(LC_COLLATE, "C");
		setlocale(LC_NUMERIC, "C");
		setlocale(LC_TIME, "C");
	}
	optind = 0;	/* glibc: reset getopt for the command's own options */
	rc = c->fn(argc, argv, &ctx);
	/* NOTE: a configuration error is a usage error in every command,
	 * whatever path reported it (cmd_open_store() loads it too) */
	if (ctx.config_error)
		rc = EXIT_USAGE;
	cmd_ctx_release(&ctx);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_error("%s", _("cannot write to standard output"));
		if (rc == EXIT_OK)
			rc = EXIT_FEEDS_FAILED;
	}
	return rc;
}
