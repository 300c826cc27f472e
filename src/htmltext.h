/*
 * htmltext.h: (sanitized) HTML rendered as readable text for a terminal:
 * `crier show`, the text digest.  Paragraphs, line breaks, headings,
 * lists, indented blockquotes, <pre> kept, images as "[image: alt]",
 * links as "text[N]" with a numbered list of their URLs, entities decoded,
 * whitespace collapsed, lines wrapped at a width counted in code points.
 * Control characters and terminal escape sequences never reach the output.
 */
#ifndef CRIER_HTMLTEXT_H
#define CRIER_HTMLTEXT_H

#include <stddef.h>

#include "util/buf.h"

/* the URLs of the links met, numbered from 1 (url[0] is "[1]") */
struct htmltext_links {
	char	**url;		/* malloc'd strings */
	size_t	  n;		/* entries used */
	size_t	  cap;		/* entries allocated */
};

#define HTMLTEXT_LINKS_INIT { NULL, 0, 0 }

/*
 * Appends html[0..len) as text to out, wrapped at width columns (no
 * wrapping when width <= 0), ending with a newline unless empty.  When
 * links is not NULL, each link is marked "[N]" after its text and its URL
 * added to links (a URL met again keeps its number; links already in the
 * list keep theirs, so several bodies can share one list).  When links is
 * NULL, links are shown as their text only.
 */
void	htmltext_render(struct buf *out, const char *html, size_t len,
	    int width, struct htmltext_links *links);
/*
 * As htmltext_render(), but stops once max bytes of text other than
 * whitespace were produced (an excerpt needs no more): the output is then
 * what the whole would give up to there, with its last word perhaps cut
 * short and the open block ended.  Returns 1 when it stopped early.
 */
int	htmltext_render_max(struct buf *out, const char *html, size_t len,
	    int width, struct htmltext_links *links, size_t max);
/*
 * The excerpt a digest shows of an item: the text of html (the summary,
 * else the content) on one line, whitespace runs as one space, cut at a
 * word before max bytes with " ..." added when longer; nothing when html
 * is NULL or has no text.  Looks at no more than HTMLTEXT_BRIEF_HTML
 * bytes of html.  The poll stores it (items.brief) so that a digest of
 * many items never reads their bodies.
 */
#define HTMLTEXT_BRIEF_HTML	16384
#define HTMLTEXT_BRIEF_MAX	400	/* the max of the stored excerpt */
void	htmltext_brief(struct buf *out, const char *html, size_t max);
/* appends "[N] URL\n" for each link, terminal-safe */
void	htmltext_links_print(struct buf *out,
	    const struct htmltext_links *links);
/* frees the URLs; the struct is left empty and reusable */
void	htmltext_links_release(struct htmltext_links *links);
/*
 * Appends plain text[0..len) wrapped at width code points, each line
 * starting with indent (may be NULL); whitespace runs are collapsed, a
 * newline in text is kept as a line break, a word longer than a line is
 * split between code points.  Control characters and escape sequences
 * are removed.  Every line ends with '\n'.
 */
void	htmltext_wrap(struct buf *out, const char *text, size_t len,
	    int width, const char *indent);

#endif
