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

static const struct command {
	const char	*name;
	int		(*fn)(int, char **, struct cmd_ctx *);
	const char	*help;
} commands[] = {
	{ "poll",	cmd_poll,	N_("fetch the feeds that are due and store new items") },
	{ "daemon",	cmd_daemon,	N_("poll each feed on its schedule until stopped") },
	{ "parse",	cmd_parse,	N_("parse one local feed file and print it") },
	{ "list",	cmd_list,	N_("one line per stored item, newest first") },
	{ "show",	cmd_show,	N_("one item in full") },
	{ "search",	cmd_search,	N_("full-text search over stored items, ranked") },
	{ "mark",	cmd_mark,	N_("set items read or unread") },
	{ "read",	cmd_read,	N_("browse and read items in the terminal") },
	{ "feeds",	cmd_feeds,	N_("every feed with its state") },
	{ "digest",	cmd_digest,	N_("the items of a time window, grouped") },
	{ "tags",	cmd_tags,	N_("every tag with its item count") },
	{ "events",	cmd_events,	N_("announced events, upcoming first") },
	{ "retag",	cmd_retag,	N_("apply the current tag rules to every stored item") },
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "%s", _("usage: crier [-c CONFIG] [-d DATABASE] [-q|-v] COMMAND [ARGS...]\n"));
	fprintf(fp, "\n%s\n", _("commands:"));
	for (i = 0; i < nitems(commands); i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name,
		    _(commands[i].help));
}

int
main(int argc, char **argv)
{
	struct cmd_ctx	ctx;
	size_t		i;
	int		ch, rc;
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
	for (i = 0; i < nitems(commands); i++) {
		if (strcmp(argv[0], commands[i].name) == 0)
			break;
	}
	if (i == nitems(commands)) {
		log_errorx(_("unknown command '%s'"), argv[0]);
		usage(stderr);
		return EXIT_USAGE;
	}
	/* parse prints data, never dates, numbers or order in the user's style */
	if (commands[i].fn == cmd_parse) {
		setlocale(LC_COLLATE, "C");
		setlocale(LC_NUMERIC, "C");
		setlocale(LC_TIME, "C");
	}
	optind = 0;	/* glibc: reset getopt for the command's own options */
	rc = commands[i].fn(argc, argv, &ctx);
	cmd_ctx_release(&ctx);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_error("%s", _("cannot write to standard output"));
		if (rc == EXIT_OK)
			rc = EXIT_FEEDS_FAILED;
	}
	return rc;
}
