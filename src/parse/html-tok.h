/*
 * html-tok.h: the one HTML tokenizer.  Every reader of HTML in crier (the
 * sanitizer, the terminal text, the tagger's text, the one-line titles of
 * the digests) is a set of callbacks on it, so that all of them agree on
 * what a tag, an attribute, a comment, a character reference and the
 * content of a raw-text element such as <script> are.
 */
#ifndef CRIER_HTML_TOK_H
#define CRIER_HTML_TOK_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define HTML_TOK_NAME	64	/* longest tag or attribute name + 1 */
#define HTML_TOK_ATTRS	64	/* attributes kept per tag */

struct html_attr {
	char		 name[HTML_TOK_NAME];	/* lower-cased */
	size_t		 nlen;
	uint32_t	 h;		/* html_tok_hash() of name */
	const char	*val;		/* raw: references not decoded */
	size_t		 vlen;
};

struct html_tag {
	char		 name[HTML_TOK_NAME];	/* lower-cased */
	size_t		 nlen;
	uint32_t	 h;		/* html_tok_hash() of name */
	int		 selfclose;	/* written "<name .../>" */
	size_t		 nattrs;	/* 0 for an end tag */
	struct html_attr attrs[HTML_TOK_ATTRS];
};

/*
 * The callbacks; any may be NULL.  A nonzero return stops the tokenizer.
 * text() gets the bytes between markup as they are (never a '<' that
 * starts markup, never a '&' that starts a reference); ref() the UTF-8
 * text of a character reference (to text() when ref is NULL); comment()
 * the inside of a comment.  After the start tag of a raw-text element
 * its content is skipped, and end() is called for its end tag.
 */
struct html_tok_ops {
	int	(*start)(void *, const struct html_tag *);
	int	(*end)(void *, const struct html_tag *);
	int	(*text)(void *, const char *, size_t);
	int	(*ref)(void *, const char *, size_t);
	int	(*comment)(void *, const char *, size_t);
	int	  noattrs;	/* 1: start tags come with no attributes
				 * (faster, for readers of text alone) */
};

/*
 * Tokenizes html[0..len), calling ops with ud.  Returns 1 when a
 * callback stopped it, else 0.
 */
int	html_tok(const char *html, size_t len,
	    const struct html_tok_ops *ops, void *ud);
/* the last attribute of t named name (lower case), or NULL */
const struct html_attr *html_tag_attr(const struct html_tag *t,
	    const char *name);
/* appends an attribute value s[0..len) with its references decoded */
void	html_attr_decode(struct buf *b, const char *s, size_t len);
/* HTML's blanks (and '\v'), as the tokenizer reads them */
static inline int
html_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static inline int
html_to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

/*
 * Appends text s[0..len) to b with each run of blanks as one space, and
 * none at the start of b or after a space (text on one line).
 */
void	html_text_squeeze(struct buf *b, const char *s, size_t len);
/* the hash of the names (FNV-1a of the bytes) */
uint32_t html_tok_hash(const char *s, size_t len);
/* is name[0..len) (lower case) a raw-text element (never in foreign
 * content, see html-tok.c)? */
int	html_tok_is_raw(const char *name, size_t len);

#endif
