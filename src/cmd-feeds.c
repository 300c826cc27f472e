/* cmd-feeds.c: placeholder until the command lands */
#include "cmd.h"
#include "util/log.h"

int
cmd_feeds(int argc, char **argv, struct cmd_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	log_errorx("feeds: not implemented yet");
	return EXIT_USAGE;
}
