/*
 * render/render.h: digests and items made readable.  One renderer per
 * --format, each a struct render_ops (OpenSMTPD's queue backends), found
 * by name with render_find(): text, markdown, html, email, json, atom
 * (and ics for `crier events`).  A renderer appends its output to a
 * struct buf; when the caller set render_opts.write, the renderer hands
 * it what it has (render_flush) after each entry, so a digest of 100,000
 * items is streamed instead of held in memory; the caller writes what is
 * left and checks that all of it was written before marking anything
 * sent.  Plus the small text helpers the reading commands share: dates,
 * one-line titles, wrapping.
 */
#ifndef CRIER_RENDER_RENDER_H
#define CRIER_RENDER_RENDER_H

#include <stddef.h>
#include <time.h>

#include "digest.h"
#include "util/buf.h"

struct render_opts {
	int		 width;		/* columns for text; 0: 72 */
	time_t		 now;
	const char	*title;		/* digest title, or NULL */
	const char	*name;		/* digest name (--unsent/--mark), or NULL */
	const char	*from;		/* email: From, To; NULL: defaults */
	const char	*to;
	const char	*host;		/* email/ics: host part of ids, or NULL */
	const char	*self;		/* atom: the feed's own URL, or NULL */
	/*
	 * NULL: the renderer leaves all of its output in out.  Else
	 * render_flush() hands out's contents to it as they come; it
	 * returns -1 when it could not write them (the caller remembers;
	 * rendering goes on).
	 */
	int		(*write)(const char *, size_t, void *);
	void		 *write_arg;
};

/* bytes gathered before render_flush() hands them on */
#define RENDER_CHUNK	(64 * 1024)

struct render_ops {
	const char	*name;		/* the --format value */
	/* the digest, appended to out; 0, or -1 with *cause */
	int		(*digest)(struct buf *out, const struct digest *,
			    const struct render_opts *, char **cause);
	int		  flags;	/* enum render_flags */
};

enum render_flags {
	RENDER_NO_BODY	= 1 << 0,	/* never shows summary or content */
	RENDER_BRIEF	= 1 << 1,	/* shows render_summary() only, of
					 * HTMLTEXT_BRIEF_MAX: the stored
					 * brief */
	RENDER_ONE_BODY	= 1 << 2,	/* shows the summary, else the
					 * content, of at most
					 * RENDER_HTML_BODY_MAX bytes (a
					 * longer one by render_summary()) */
	RENDER_NO_IDS	= 1 << 3,	/* never shows guid or author */
};

/* bytes of a RENDER_ONE_BODY format's body shown whole */
#define RENDER_HTML_BODY_MAX	32768

extern const struct render_ops render_text_ops;
extern const struct render_ops render_markdown_ops;
extern const struct render_ops render_html_ops;
extern const struct render_ops render_json_ops;
extern const struct render_ops render_atom_ops;
extern const struct render_ops render_email_ops;

/*
 * With o->write set and at least RENDER_CHUNK bytes (any, when all) in
 * out: hands them to o->write and empties out.  Renderers call it
 * between entries, where nothing they wrote is looked at again.
 */
void	render_flush(struct buf *out, const struct render_opts *o, int all);

/* the renderer for a --format name, NULL if there is none */
const struct render_ops *render_find(const char *name);

/* "2022-10-20 09:00" in UTC; "-" for TIME_NONE */
void	render_date(char *out, size_t len, time_t);
/* appends "N items from DATE to DATE (UTC)", or "N items" (translated) */
void	render_window(struct buf *out, const struct digest *d);
/*
 * Appends html (a title, an author) as one line of plain text: markup
 * dropped, entities decoded, whitespace collapsed, terminal-safe.
 */
void	render_inline(struct buf *out, const char *html);
/*
 * Appends text wrapped at width columns, every line starting with
 * indent; existing newlines are kept.  Widths count code points.
 */
void	render_wrap(struct buf *out, const char *text, int width,
	    const char *indent);
/*
 * Appends the HTML body as terminal text (htmltext.h) wrapped at width
 * (no wrapping when width <= 0), links
 * numbered [n] in the text and listed in *links ("[n] URL\n").  Output
 * is terminal-safe.
 */
void	render_body(struct buf *out, const char *html, int width,
	    struct buf *links);

/*
 * Appends SPEC.md's `list --json` object for it, with a newline:
 * feed_title is the one to show (config title, else the feed's).
 */
void	render_item_json(struct buf *out, const struct store_item *it,
	    const char *feed_title);

enum render_event_how {
	RENDER_EVENT_UTC	= 1 << 0,	/* start - end in UTC */
	RENDER_EVENT_LOCAL	= 1 << 1,	/* in the local zone (TZ), named,
						 * unless it is UTC; in ( )
						 * after the UTC ones */
};
/*
 * Appends the item's event as how says, nothing when it has none; an
 * all-day one as dates and "(time not announced)" whatever how.  One
 * way for `crier events` and the digests.
 */
void	render_event(struct buf *out, const struct store_item *, int how);

/* days from now the Upcoming section of a digest looks ahead */
#define RENDER_UPCOMING_DAYS	14
/*
 * The entries of d shown (not merged) whose event starts in [now, now +
 * RENDER_UPCOMING_DAYS days) (an all-day one: whose day has not
 * ended), soonest first, each once: a malloc'd
 * array of *n (NULL when none) the caller frees.
 */
const struct digest_entry **render_upcoming(const struct digest *d,
	    time_t now, size_t *n);

/* the date an item is shown with: published, else updated, else first seen */
time_t	render_item_time(const struct store_item *);
/*
 * Appends s as XML/HTML character data or attribute value: invalid
 * UTF-8 replaced, characters XML 1.0 forbids dropped, & < > " ' escaped.
 */
void	render_xml_escape(struct buf *out, const char *s);
/*
 * Appends the item's summary (else content) as one paragraph of plain
 * text, at most max bytes (cut between words, "..." added), never
 * cutting a UTF-8 sequence.  Terminal-safe.
 */
void	render_summary(struct buf *out, const struct store_item *, size_t max);
/*
 * Appends an RFC 5545 VCALENDAR (METHOD:PUBLISH, CRLF line endings,
 * lines folded at 75 octets) with one VEVENT per item that has an event.
 * feed_titles[i] (may be NULL, or hold NULLs) names the feed of items[i].
 */
void	render_ics(struct buf *out, const struct store_item *const *items,
	    const char *const *feed_titles, size_t n,
	    const struct render_opts *);
/* one enclosure of store_item.enclosures, as render_enclosure_next()
 * reads it: url and type (may be "") NUL-terminated, length -1 unknown */
struct render_enclosure {
	struct buf	 url;
	struct buf	 type;
	long long	 length;
};
#define RENDER_ENCLOSURE_INIT	{ BUF_INIT, BUF_INIT, -1 }
/*
 * Reads the next enclosure of the stored list at *p (url \x1f type \x1f
 * length, \x1e between; NULL or "" for none) into e and moves *p on.
 * Returns 1, or 0 at the end.  The caller releases e's bufs.
 */
int	render_enclosure_next(const char **p, struct render_enclosure *e);

/*
 * The item's stored brief (NULL when none was read), made terminal-safe
 * again in tmp when it holds a control: one stored before the sanitizer
 * dropped bidi controls.  Borrowed from it or tmp.
 */
const char *render_brief(const struct store_item *, struct buf *tmp);

/* the host part for generated ids: o->host, else "crier.invalid" */
const char *render_host(const struct render_opts *);
/* h: a hash of the item's feed and guid (else link, else id), the same
 * across polls and databases */
void	render_item_hash(const struct store_item *, char h[17]);

#endif
