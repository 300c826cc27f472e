/*
 * digest.h: choosing and grouping the items of a digest.  The window is
 * first_seen in [since, until) (or what digest NAME has not sent); items
 * are grouped by tag, then by feed, newest first.  An item several feeds
 * carry (same canonical link) is shown once, with the other feeds in
 * also_in.  Each item appears once: under the first of its tags in the
 * --tag order, else the alphabetically first; items without a tag go to
 * a last group whose tag is NULL.  Renderers (render/render.h) print it.
 */
#ifndef CRIER_DIGEST_H
#define CRIER_DIGEST_H

#include <stddef.h>
#include <time.h>

#include "conf.h"
#include "store/store.h"

struct digest_entry {
	struct store_item	  item;		/* feed_title as resolved; its
						 * strings and tags belong to
						 * the digest */
	char			**also_in;	/* titles of the other feeds */
	size_t			  nalso;
	int			  merged;	/* shown under another entry */
	int			  group;	/* index into groups */
};

struct digest_priv;

struct digest_feed {
	const char		 *title;	/* borrowed from an entry */
	const char		 *url;
	long long		  id;
	struct digest_entry	**entries;	/* newest first; belongs to
						 * the digest */
	size_t			  nentries;
};

struct digest_group {
	char			*tag;		/* NULL: untagged */
	struct digest_feed	*feeds;		/* newest item first */
	size_t			 nfeeds;
};

struct digest {
	time_t			 since;		/* TIME_NONE: not a window */
	time_t			 until;
	struct digest_entry	*entries;	/* every item read, newest first */
	size_t			 nentries;
	size_t			 nshown;	/* entries not merged away */
	struct digest_group	*groups;
	size_t			 ngroups;
	struct digest_priv	*priv;		/* shared strings */
};

struct digest_opts {
	const char		**tags;		/* any of; also the group order */
	size_t			  ntags;
	const char		**feeds;	/* any of (URLs) */
	size_t			  nfeeds;
	time_t			  since;	/* TIME_NONE: no lower bound */
	time_t			  until;	/* TIME_NONE: no upper bound */
	const char		 *unsent;	/* digest name, or NULL */
	const struct config	 *config;	/* feed titles; may be NULL */
	int			  body;		/* enum store_body: none; one
						 * in item.summary: the
						 * summary's first smax
						 * characters, else the
						 * content's first cmax; or
						 * both whole; the brief;
						 * | STORE_BODY_NO_IDS: no
						 * guid, no author */
	size_t			  smax;
	size_t			  cmax;
};

/* reads and groups; 0, or -1 with *cause (malloc'd) */
int	digest_build(struct store *, const struct digest_opts *,
	    struct digest *, char **cause);
/* the ids of every item in the digest, merged ones included (for marks) */
long long *digest_ids(const struct digest *, size_t *n);
void	digest_release(struct digest *);

#endif
