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
 * Each command's help: its synopsis and its options, one per line, made
 * from the same table as getopt_long()'s arguments (cmd_getopt()), so the
 * help names every option a command takes.  main() answers -h and
 * --help for every command here, before the command parses its
 * arguments, so that no command can forget them.
 */
#define OPT_JOBS \
	{ "jobs",	'j',	"N",	N_("transfers at once (1 to 1000)") }
#define OPT_QUIET \
	{ "quiet",	'q',	NULL,	N_("errors only") }, \
	{ "verbose",	'v',	NULL,	N_("more detail (twice: debugging)") }
#define OPT_JSON(what) \
	{ "json",	'j',	NULL,	what }
#define OPT_TAG(what) \
	{ "tag",	't',	"T",	what }
#define OPT_FEED(what) \
	{ "feed",	'f',	"URL",	what }
#define OPT_UNREAD \
	{ "unread",	'u',	NULL,	N_("only unread items") }
#define OPT_END		{ NULL, 0, NULL, NULL }

static const struct cmd_opt global_opts[] = {
	{ "config",	'c',	"FILE",
	  N_("the config file (default: $CRIER_CONFIG,\n"
	    "else ~/.config/crier/feeds.conf, else ./feeds.conf)") },
	{ "database",	'd',	"FILE",
	  N_("the database (default: $CRIER_DB, else the\n"
	    "config's database, else ~/.local/share/crier/crier.db)") },
	OPT_QUIET,
	{ "help",	'h',	NULL,	N_("this help") },
	{ "version",	'V',	NULL,	N_("the version") },
	OPT_END
}, poll_opts[] = {
	{ "force",	'f',	NULL,	N_("fetch every feed, due or not") },
	OPT_JOBS,
	{ "transient-ok", CMD_LONG | 't', NULL,
	  N_("exit 1 only for persistent failures and feeds gone") },
	OPT_QUIET,
	OPT_END
}, daemon_opts[] = {
	{ "syslog",	CMD_LONG | 's', NULL,
	  N_("log to syslog instead of standard error") },
	OPT_JOBS,
	OPT_QUIET,
	OPT_END
}, parse_opts[] = {
	OPT_JSON(N_("print the feed as one JSON object")),
	{ "base",	'b',	"URL",
	  N_("resolve relative links against URL") },
	{ "charset",	CMD_LONG | 'C', "C",
	  N_("the charset the server would have sent") },
	{ "libxml2",	CMD_LONG | 'L', NULL,
	  N_("read XML with libxml2 alone") },
	OPT_END
}, list_opts[] = {
	OPT_TAG(N_("only items with tag T")),
	OPT_FEED(N_("only items of that feed")),
	OPT_UNREAD,
	{ "limit",	'n',	"N",	N_("at most N items") },
	OPT_JSON(N_("one JSON object per line")),
	OPT_END
}, show_opts[] = {
	OPT_JSON(N_("the item as one JSON object")),
	OPT_END
}, search_opts[] = {
	OPT_JSON(N_("one JSON object per line, with its excerpt")),
	{ "limit",	'n',	"N",
	  N_("at most N results (default 50, 0: all)") },
	OPT_TAG(N_("only items with tag T")),
	OPT_FEED(N_("only items of that feed")),
	OPT_UNREAD,
	OPT_END
}, mark_opts[] = {
	{ "all",	'a',	NULL,	N_("every item") },
	OPT_FEED(N_("the items of that feed")),
	OPT_TAG(N_("the items with tag T")),
	OPT_END
}, feeds_opts[] = {
	OPT_JSON(N_("one JSON object per feed")),
	{ "table",	't',	NULL,
	  N_("an aligned table, even into a pipe") },
	OPT_END
}, digest_opts[] = {
	{ "since",	's',	"DUR",
	  N_("items of the last DUR (default 7d)") },
	{ "unsent",	'u',	"NAME",
	  N_("items digest NAME has not sent yet") },
	OPT_TAG(N_("only items with tag T (repeatable)")),
	OPT_FEED(N_("only items of that feed (repeatable)")),
	{ "format",	'F',	"F",
	  N_("text, markdown, html, email, json or atom") },
	{ "mark",	'm',	"NAME",
	  N_("record the items as sent by digest NAME") },
	{ "width",	'w',	"N",	N_("wrap text at N columns") },
	{ "pipe",	'p',	"CMD",
	  N_("send the digest to CMD's standard input") },
	{ "from",	'r',	"ADDR",	N_("email From:") },
	{ "to",		'T',	"ADDR",	N_("email To:") },
	{ "subject",	'S',	"TEXT",	N_("email Subject:") },
	{ "wait",	'W',	"DUR",
	  N_("with --mark, wait up to DUR for a poll round (default 5m)") },
	OPT_END
}, tags_opts[] = {
	OPT_JSON(N_("one JSON object per tag")),
	OPT_END
}, events_opts[] = {
	{ "format",	'F',	"F",	N_("text, json or ics") },
	{ "all",	'a',	NULL,	N_("past events too") },
	OPT_END
}, add_opts[] = {
	OPT_TAG(N_("give the feed's items tag T (repeatable)")),
	{ "title",	'T',	"S",	N_("show the feed as S") },
	OPT_END
}, remove_opts[] = {
	{ "purge",	'p',	NULL,
	  N_("delete the feed's items from the database too") },
	OPT_END
}, no_opts[] = {
	OPT_END
};

static const struct command commands[] = {
	{ "poll",	cmd_poll,	N_("fetch the feeds that are due and store new items"),
	  "poll [--force] [--jobs N] [--transient-ok] [-q|-v] [FEED-URL...]",
	  poll_opts, 0 },
	{ "daemon",	cmd_daemon,	N_("poll each feed on its schedule until stopped"),
	  "daemon [--syslog] [--jobs N] [-q|-v]", daemon_opts, 0 },
	/* NOTE: in order: what follows the file is not an option */
	{ "parse",	cmd_parse,	N_("parse one local feed file and print it"),
	  "parse [--json] [--base URL] [--charset C] [--libxml2] FILE",
	  parse_opts,
	  CMD_IN_ORDER },
	{ "list",	cmd_list,	N_("one line per stored item, newest first"),
	  "list [--tag T] [--feed URL] [--unread] [--limit N] [--json]",
	  list_opts, 0 },
	{ "show",	cmd_show,	N_("one item in full"),
	  "show [--json] ID", show_opts, 0 },
	{ "search",	cmd_search,	N_("full-text search over stored items, ranked"),
	  "search [--json] [--limit N] [--tag T] [--feed URL] [--unread] QUERY...",
	  search_opts, 0 },
	{ "mark",	cmd_mark,	N_("set items read or unread"),
	  "mark read|unread ID... | --all | --feed URL | --tag T",
	  mark_opts, 0 },
	{ "read",	cmd_read,	N_("browse and read items in the terminal"),
	  "read", no_opts, 0 },
	{ "feeds",	cmd_feeds,	N_("every feed with its state"),
	  "feeds [--json|--table]", feeds_opts, 0 },
	{ "digest",	cmd_digest,	N_("the items of a time window, grouped"),
	  "digest [--since DUR|--unsent NAME] [--tag T]... [--feed URL]... "
	  "[--format F] [--mark NAME] [--pipe CMD] [--from ADDR] [--to ADDR] "
	  "[--subject TEXT] [--wait DUR]", digest_opts, 0 },
	{ "tags",	cmd_tags,	N_("every tag with its item count"),
	  "tags [--json]", tags_opts, 0 },
	{ "events",	cmd_events,	N_("announced events, upcoming first"),
	  "events [--format text|json|ics] [--all]", events_opts, 0 },
	{ "retag",	cmd_retag,	N_("apply the current tag rules to every stored item"),
	  "retag", no_opts, 0 },
	{ "add",	cmd_add,	N_("subscribe to a feed, or to the feed a web page links"),
	  "add URL [--tag T]... [--title S]", add_opts, 0 },
	{ "remove",	cmd_remove,	N_("unsubscribe from a feed"),
	  "remove URL [--purge]", remove_opts, 0 },
	{ "import-opml", cmd_import_opml, N_("subscribe to the feeds of an OPML file"),
	  "import-opml FILE", no_opts, 0 },
	{ "export-opml", cmd_export_opml, N_("print the subscriptions as OPML"),
	  "export-opml", no_opts, 0 },
	{ "help",	NULL,		N_("show the help of a command"),
	  "help [COMMAND]", no_opts, 0 },
}, global = {
	/* NOTE: in order: the command name ends the global options */
	NULL, NULL, NULL,
	N_("[-c CONFIG] [-d DATABASE] [-q|-v] COMMAND [ARGS...]"),
	global_opts, CMD_IN_ORDER
};

/* "  -k, --name ARG" of o, or "      --name ARG" for a long one alone */
static int
option_left(const struct cmd_opt *o, char *left, size_t size)
{
	if (o->key & CMD_LONG)
		return snprintf(left, size, "      --%s%s%s", o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "");
	return snprintf(left, size, "  -%c, --%s%s%s", o->key, o->name,
	    o->arg ? " " : "", o->arg ? o->arg : "");
}

/*
 * Prints a table of options, each option's left part then its help (in
 * the column after the longest, each further line of it too).
 */
static void
options_help(FILE *fp, const struct cmd_opt *opts)
{
	const struct cmd_opt	*o;
	const char		*h, *nl;
	char			 left[64];
	int			 w, col = 0;

	for (o = opts; o->name != NULL; o++)
		if ((w = option_left(o, left, sizeof(left))) > col)
			col = w;
	col += 2;
	if (col < 19)
		col = 19;
	for (o = opts; o->name != NULL; o++) {
		option_left(o, left, sizeof(left));
		fprintf(fp, "%-*s", col, left);
		for (h = _(o->help); (nl = strchr(h, '\n')) != NULL;
		    h = nl + 1)
			fprintf(fp, "%.*s\n%*s", (int)(nl - h), h, col, "");
		fprintf(fp, "%s\n", h);
	}
}

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "%s%s\n", _("usage: crier "), _(global.synopsis));
	if (fp == stdout) {
		fprintf(fp, "\n%s\n", _("options:"));
		options_help(fp, global.opts);
	}
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
	printf("%s%s\n\n%s\n", _("usage: crier "), c->synopsis, _(c->help));
	if (c->opts[0].name != NULL) {
		printf("\n%s\n", _("options:"));
		options_help(stdout, c->opts);
	}
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
cmd_help(int argc, char **argv, struct cmd_ctx *ctx)
{
	const struct command *c;

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc > 2)
		return cmd_usage(ctx);
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
	int			 ch, rc = EXIT_USAGE;

	setlocale(LC_ALL, "");
#if defined(ENABLE_NLS) && ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	memset(&ctx, 0, sizeof(ctx));
	cmd_set(&ctx, &global);

	while ((ch = cmd_getopt(&ctx, argc, argv)) != -1) {
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
			rc = EXIT_OK;
			goto out;
		case 'V':
			printf("crier %s\n", PACKAGE_VERSION);
			rc = EXIT_OK;
			goto out;
		default:
			usage(stderr);
			goto out;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		goto out;
	}
	if ((c = find_command(argv[0])) == NULL) {
		log_errorx(_("unknown command '%s'"), argv[0]);
		usage(stderr);
		goto out;
	}
	cmd_set(&ctx, c);
	if (wants_help(argc, argv)) {
		command_help(c);
		rc = EXIT_OK;
		goto out;
	}
	if (c->fn == NULL) {
		rc = cmd_help(argc, argv, &ctx);
		goto out;
	}
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
out:
	cmd_ctx_release(&ctx);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_error("%s", _("cannot write to standard output"));
		if (rc == EXIT_OK)
			rc = EXIT_FEEDS_FAILED;
	}
	return rc;
}
