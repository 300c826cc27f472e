/*
 * conf-edit.h: changes to feeds.conf as text, for add, remove and
 * import-opml.  A [feed] section is appended or cut out; every other
 * byte of the file (comments, blank lines, indentation) stays as it was.
 * The file is replaced atomically, keeping its mode.
 */
#ifndef CRIER_CONF_EDIT_H
#define CRIER_CONF_EDIT_H

#include <stddef.h>

#include "util/buf.h"

struct conf_edit_feed {
	const char	*url;
	const char	*title;		/* NULL: none */
	char		**tags;
	size_t		 ntags;
};

/*
 * Appends a [feed "URL"] section to the file text in b, after a blank
 * line, indented as the file's first indented key (else a tab).
 */
void	conf_edit_add_feed(struct buf *b, const struct conf_edit_feed *);
/*
 * Copies text[0..len) to out without each [feed] section whose URL is
 * url (conf_edit_same_url()): its header, its keys and the comments in
 * it; comment lines at the left margin right before the next section
 * are that section's and stay.  Returns how many sections went.
 */
size_t	conf_edit_remove_feed(const char *text, size_t len, const char *url,
	    struct buf *out);
/* 1 when the two feed URLs are the same once made canonical */
int	conf_edit_same_url(const char *a, const char *b);
/*
 * Reads path into b.  Returns 0, 1 when there is no such file (b left
 * empty), -1 with a malloc'd *cause.
 */
int	conf_edit_read(const char *path, struct buf *b, char **cause);
/*
 * Replaces path by s[0..len): a temporary file beside it, written,
 * synced and renamed over it, with the old file's mode (else 0666 less
 * the umask).  A symbolic link is followed: its target is replaced.
 * Returns 0, or -1 with a malloc'd *cause (path is then unchanged).
 */
int	conf_edit_write(const char *path, const char *s, size_t len,
	    char **cause);

#endif
