/*
 * tui/tui.h: `crier read`, the terminal browser (ncursesw).  It reads
 * through store/ only: a read-only store for browsing, paged by a
 * store_cursor, and a writer store opened for each change of read state
 * (the writer lock held for that moment only, so a daemon's rounds go
 * on beside it).
 */
#ifndef CRIER_TUI_TUI_H
#define CRIER_TUI_TUI_H

#include "store/store.h"

struct tui_opts {
	struct store	*st;		/* read-only, for browsing */
	const char	*db_path;	/* for the writer and the poll lock */
	/* the feed title to show for an item's feed URL (the config's
	 * title =), or NULL for the stored one */
	const char	*(*feed_title)(const char *url, void *arg);
	void		*arg;
};

/* runs until the user quits: 0, or -1 after printing why */
int	tui_run(const struct tui_opts *);

#endif
