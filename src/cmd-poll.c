/* cmd-poll.c: placeholder until the command lands */
#include "cmd.h"
#include "util/log.h"

int
cmd_poll(int argc, char **argv, struct cmd_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	log_errorx("poll: not implemented yet");
	return EXIT_USAGE;
}
