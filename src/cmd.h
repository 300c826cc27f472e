/*
 * cmd.h: the command table's functions and what they share: global
 * options, loading the config and opening the store.  Only main.c and
 * cmd-*.c exit; a command returns its exit status.
 */
#ifndef CRIER_CMD_H
#define CRIER_CMD_H

#include "conf.h"
#include "store/store.h"

enum {
	EXIT_OK = 0,
	EXIT_FEEDS_FAILED = 1,
	EXIT_USAGE = 2,
};

struct cmd_ctx {
	const char	*config_path;	/* -c, else the SPEC default */
	const char	*db_path;	/* -d, else $CRIER_DB, database=, XDG */
	struct config	 config;
	int		 config_loaded;
	char		*db_resolved;
};

/*
 * Loads the configuration (once).  Returns 0, or -1 after printing the
 * error (the command then exits EXIT_USAGE).  With optional set, a missing
 * default config is not an error.
 */
int	 cmd_load_config(struct cmd_ctx *, int optional);
/* opens the store at the resolved path; prints the error, NULL on failure */
struct store *cmd_open_store(struct cmd_ctx *, int flags);
/* the resolved database path (malloc'd once, owned by ctx) */
const char *cmd_db_path(struct cmd_ctx *);
void	 cmd_ctx_release(struct cmd_ctx *);
/* the feed's title for display: the config's title =, else the stored one */
const char *cmd_feed_title(struct cmd_ctx *, const struct store_item *);
/* the same for another feed's copy of an item; its URL when untitled */
const char *cmd_copy_title(struct cmd_ctx *, const struct store_copy *);
/* --jobs N (1 to 1000) into *jobs; -1 after printing why */
int	 cmd_jobs_arg(const char *arg, int *jobs);
/* prints "usage: crier COMMAND ..." for the named command, returns 2 */
int	 cmd_usage(const char *usage);
/* -q (quiet) or -v (once more verbose, after a -q from 1) */
void	 cmd_verbosity(int ch);

int	cmd_poll(int, char **, struct cmd_ctx *);
int	cmd_daemon(int, char **, struct cmd_ctx *);
int	cmd_parse(int, char **, struct cmd_ctx *);
int	cmd_list(int, char **, struct cmd_ctx *);
int	cmd_show(int, char **, struct cmd_ctx *);
int	cmd_feeds(int, char **, struct cmd_ctx *);
int	cmd_digest(int, char **, struct cmd_ctx *);
int	cmd_tags(int, char **, struct cmd_ctx *);
int	cmd_events(int, char **, struct cmd_ctx *);
int	cmd_retag(int, char **, struct cmd_ctx *);

#endif
