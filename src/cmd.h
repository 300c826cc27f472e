/*
 * cmd.h: the command table's functions and what they share: global
 * options, loading the config and opening the store.  Only main.c and
 * cmd-*.c exit; a command returns its exit status.
 */
#ifndef CRIER_CMD_H
#define CRIER_CMD_H

#include "conf.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/term.h"

struct tagger;

enum {
	EXIT_OK = 0,
	EXIT_FEEDS_FAILED = 1,
	EXIT_USAGE = 2,
};

/*
 * A command's option: its long name; its key, the short letter too, or
 * CMD_LONG | a letter for a long option alone; the name of its argument
 * (NULL: it takes none); its help (N_()).  A table of them ends with a
 * NULL name.
 */
struct cmd_opt {
	const char	*name;
	int		 key;
	const char	*arg;
	const char	*help;
};
#define CMD_LONG	0x100

struct cmd_ctx;

/* a row of main.c's command table */
struct command {
	const char		*name;
	int			(*fn)(int, char **, struct cmd_ctx *);
	const char		*help;
	const char		*synopsis;	/* after "crier " */
	const struct cmd_opt	*opts;
	int			 flags;
};
#define CMD_IN_ORDER	0x1	/* the first operand ends the options */

struct option;

struct cmd_ctx {
	const struct command *cmd;	/* the one running (cmd_set()) */
	const char	*config_path;	/* -c, else the SPEC default */
	const char	*db_path;	/* -d, else $CRIER_DB, database=, XDG */
	struct config	 config;
	int		 config_loaded;
	int		 config_error;	/* a load failed: main() exits 2 */
	char		*db_resolved;
	int		 need_tagger;	/* the command tags: compile it all */
	struct tagger	*tagger;	/* the load's, for cmd_tagger() */
	struct option	*longopts;	/* cmd_getopt()'s, made from cmd */
	char		*optstring;
};


/*
 * Loads the configuration (once) and checks its [tag] rules compile, so
 * a bad regex stops every command, not only poll.  Returns 0, or -1
 * after printing the error and setting config_error (main() then exits
 * EXIT_USAGE whatever the command returns).  With optional set, a
 * missing default config is not an error.
 */
int	 cmd_load_config(struct cmd_ctx *, int optional);
/*
 * The tagger of the loaded configuration, the caller's to free: the one
 * the load compiled when need_tagger was set before it, else a new one
 * (NULL after an error is printed).
 */
struct tagger *cmd_tagger(struct cmd_ctx *);
/*
 * The config file that add, remove and import-opml change: -c,
 * $CRIER_CONFIG, the XDG file or ./feeds.conf that exists, else the XDG
 * path (to be made).  Malloc'd.
 */
char	*cmd_config_path(struct cmd_ctx *);
/* makes the directories above path (mode 0700); -1 with errno */
int	 cmd_mkdir_parents(const char *path);
/*
 * For commands that edit the config file (cmd-add.c): reads it (a
 * missing file is empty) into text and ctx->config, its path into
 * *path (malloc'd).  -1 after printing the error (a config crier cannot
 * read is never rewritten).
 */
int	 cmd_conf_edit_begin(struct cmd_ctx *, char **path, struct buf *text);
/* writes text to path atomically; -1 after printing the error */
int	 cmd_conf_edit_commit(const char *path, const struct buf *text);
/* the [feed] of ctx's config with url's canonical form, or NULL */
const struct config_feed *cmd_conf_has_feed(const struct cmd_ctx *,
	    const char *url);
/* opens the store at the resolved path; prints the error, NULL on failure */
struct store *cmd_open_store(struct cmd_ctx *, int flags);
/* the same, waiting up to wait s for another writer (told at -v) */
struct store *cmd_open_store_wait(struct cmd_ctx *, int flags, int wait);
/* the resolved database path (malloc'd once, owned by ctx) */
const char *cmd_db_path(struct cmd_ctx *);
void	 cmd_ctx_release(struct cmd_ctx *);
/* the feed's title for display: the config's title =, else the stored one */
const char *cmd_feed_title(struct cmd_ctx *, const struct store_item *);
/* the same for another feed's copy of an item; its URL when untitled */
const char *cmd_copy_title(struct cmd_ctx *, const struct store_copy *);
/* --jobs N (1 to 1000) into *jobs; -1 after printing why */
int	 cmd_jobs_arg(const char *arg, int *jobs);
/* makes c the running command, for cmd_getopt() and cmd_usage() */
void	 cmd_set(struct cmd_ctx *, const struct command *c);
/* getopt_long() over the running command's options */
int	 cmd_getopt(struct cmd_ctx *, int argc, char **argv);
/* prints "usage: crier SYNOPSIS" of the running command, returns 2 */
int	 cmd_usage(const struct cmd_ctx *);
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
int	cmd_add(int, char **, struct cmd_ctx *);
int	cmd_remove(int, char **, struct cmd_ctx *);
int	cmd_import_opml(int, char **, struct cmd_ctx *);
int	cmd_export_opml(int, char **, struct cmd_ctx *);

/* the filters of list, search and mark */
struct cmd_filter {
	const char	*tag, *feed;
	int		 unread;
	long long	 limit;		/* -1: not given; 0: all */
};
/*
 * The options of list, search and mark: the filters (-t, -f, -u, -n)
 * into f, and the command's own option flag (--json, --all) into *on.
 * -1 after printing why and the usage.
 */
int	cmd_filter_args(struct cmd_ctx *, int argc, char **argv,
	    struct cmd_filter *f, int flag, int *on);
/* the tag, feed and unread filters into q, which must not outlive f */
void	cmd_filter_query(struct cmd_filter *f, struct store_query *q);

/*
 * The rows of list and search: a JSON object per line (json), else ID,
 * DATE, FEED, TITLE, in aligned columns on a terminal (the title gives
 * room first) or tab-separated.  cmd_rows_cells() fills a row's cells
 * (id and date in the arrays; ft, the feed's title, or NULL);
 * cmd_rows_finish() writes out what is left and releases r.
 */
#define CMD_ROW_NCOLS	4
struct cmd_rows {
	struct cmd_ctx		*ctx;
	int			 json;
	int			 tty;		/* aligned columns */
	struct term_table	 table;
	struct buf		 out;
	struct buf		 feed, title;	/* scratch */
};
void	cmd_rows_init(struct cmd_rows *, struct cmd_ctx *, int json);
void	cmd_rows_cells(struct cmd_rows *, const struct store_item *it,
	    const char *ft, char id[24], char date[64],
	    const char *cells[CMD_ROW_NCOLS]);
void	cmd_rows_finish(struct cmd_rows *);
/* reopens the JSON object r->out ends with ("}\n") for more members; 0
 * when it ends otherwise */
int	cmd_rows_json_open(struct cmd_rows *);

int	cmd_search(int, char **, struct cmd_ctx *);
int	cmd_mark(int, char **, struct cmd_ctx *);
int	cmd_read(int, char **, struct cmd_ctx *);

/*
 * The excerpt `search` and the reader show of an item: its summary's
 * text, else its content's, around the first word of ss found, at most
 * max bytes, the words between STORE_HL_ON and STORE_HL_OFF (cmd-search.c)
 */
void	cmd_search_snippet(struct store_search *, const struct store_item *,
	    size_t max, struct buf *out);

#endif
