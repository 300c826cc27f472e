/*
 * conf.h: feeds.conf (git-config syntax, crier-feeds.conf(5)) -> struct config.
 * config owns the syntax, defaults, durations and FILE:LINE messages; it
 * never touches the database or the network.  Tag regexes are kept as
 * text with their line numbers; tag.c compiles them.
 */
#ifndef CRIER_CONF_H
#define CRIER_CONF_H

#include <stddef.h>

struct config_str {
	char	*s;
	int	 line;
};

struct config_feed {
	char		*url;
	char		*title;		/* NULL: use the feed's own */
	char		**tags;		/* feed tags (split on whitespace/commas) */
	size_t		 ntags;
	long long	 interval;	/* seconds; 0: the [crier] default */
	int		 line;
	int		 disabled;	/* enabled = false: never polled */
	int		 allow_private;	/* allow-private: 1 true, -1 false,
					   0 the [crier] value */
};

enum tag_field {
	TAG_FIELD_TITLE		= 1 << 0,
	TAG_FIELD_SUMMARY	= 1 << 1,
	TAG_FIELD_CONTENT	= 1 << 2,
	TAG_FIELD_CATEGORIES	= 1 << 3,
	TAG_FIELD_AUTHOR	= 1 << 4,
	TAG_FIELD_LINK		= 1 << 5,
};

/* `signals =`: the built-in decision a [tag] rule gives (announce.h) */
enum config_signals {
	CONFIG_SIGNALS_NONE = 0,
	CONFIG_SIGNALS_CALL,		/* community-call */
	CONFIG_SIGNALS_EVENT,		/* event */
};

/* may the redirects of cf lead to private addresses? */
#define CONFIG_ALLOW_PRIVATE(c, cf) \
	((cf)->allow_private != 0 ? (cf)->allow_private > 0 : \
	    (c)->allow_private)

struct config_tag {
	char			*name;
	struct config_str	*match;		/* POSIX ERE, case-insensitive */
	size_t			 nmatch;
	struct config_str	*exclude;	/* vetoes */
	size_t			 nexclude;
	unsigned		 fields;	/* enum tag_field; 0: default */
	char			**feeds;	/* scope: feed URLs */
	size_t			 nfeeds;
	char			**feed_tags;	/* scope: feeds with these tags */
	size_t			 nfeed_tags;
	int			 signals;	/* enum config_signals */
	int			 line;
};

struct config_digest {
	char	*name;
	char	**tags;
	size_t	 ntags;
	char	*format;
	char	*to;
	char	*from;
	char	*subject;
	char	*since;		/* duration text, NULL if unset */
	int	 line;
};

struct config {
	char			*path;		/* file it was read from */
	long long		 interval;	/* default poll interval, s */
	long long		 max_interval;	/* what server hints and the
						   back-off stretch it to */
	int			 jobs;
	int			 per_host;	/* transfers to one host */
	long long		 host_spacing_ms; /* between starts to one
						   host, 0: none, -1: the
						   default (fetch.h) */
	long long		 timeout;	/* total transfer timeout, s */
	long long		 connect_timeout;
	long long		 max_size;	/* body cap, bytes */
	char			*user_agent;
	char			*database;	/* NULL: default location */
	int			 allow_private;	/* redirects may lead to
						   private addresses */
	struct config_feed	*feeds;
	size_t			 nfeeds;
	struct config_tag	*tags;
	size_t			 ntags;
	struct config_digest	*digests;
	size_t			 ndigests;
	int			 error_line;	/* line of the first error, 0 */
	int			 nwarnings;	/* unknown keys etc. warned */
};

#define CONFIG_DEFAULT_INTERVAL		3600
#define CONFIG_DEFAULT_MAX_INTERVAL	86400
#define CONFIG_DEFAULT_JOBS		16
#define CONFIG_DEFAULT_PER_HOST		2
#define CONFIG_MAX_HOST_SPACING_MS	60000
#define CONFIG_MAX_PER_HOST		16
#define CONFIG_DEFAULT_TIMEOUT		30
#define CONFIG_DEFAULT_CONNECT_TIMEOUT	10
#define CONFIG_DEFAULT_MAX_SIZE		(16LL * 1024 * 1024)

/* fills c with defaults */
void	config_init(struct config *c);
/*
 * Reads path into c (which config_init set up).  Errors are printed as
 * "crier: FILE:LINE: message" and return -1; unknown keys and sections
 * are warned about.  A missing file is an error.
 */
int	config_load(struct config *c, const char *path);
/* the same from memory; name is used in messages */
int	config_parse(struct config *c, const char *name, const char *text,
	    size_t len);
void	config_release(struct config *c);
const struct config_feed *config_find_feed(const struct config *,
	    const char *url);
/* 1 when url is a feed URL a [feed] section takes (http, https, file) */
int	config_feed_url_ok(const char *url);
/* 1 when name is a tag name a tags = list keeps whole */
int	config_tag_name_ok(const char *name);
const struct config_digest *config_find_digest(const struct config *,
	    const char *name);

#endif
