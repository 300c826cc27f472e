/*
 * xml-repair.c: tag-soup repair before libxml2 reads a document
 * (xml_fix_markup() in xml.h).
 *
 * Feeds that are not well formed are mostly HTML written into XML: "<br>",
 * unquoted attribute values, end tags that close what HTML would close.
 * libxml2's recovery reads such markup as XML and puts the rest of an item
 * inside the first unclosed element, so the markup is made XML first.
 * Which HTML elements are void comes from html-clean.c.
 *
 * The tags are found here, not with html_tok(): this is XML's syntax,
 * not HTML's.  Names are XML names ("<_x" and "<é" are tags; HTML
 * makes text of the first and last), kept in their case and at any
 * length, for the end tags written back; comments, CDATA sections,
 * processing instructions and the DOCTYPE are copied whole; and the
 * content of <title> (escapable raw text to the tokenizer, which hides
 * it) and <script> is a feed's markup like any other.  Bending the
 * tokenizer to all of that would take more than this scan.
 */

#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/html-clean.h"
#include "parse/xml.h"
#include "util/buf.h"

/*
 * HTML's void elements, which feeds put unescaped into their XML as HTML
 * writes them ("<br>", "<img src=x>").  Not link and source: RSS has
 * elements of those names, with text.
 */
static int
is_void_name(const char *s, size_t n)
{
	return html_is_void(s, n) &&
	    !(n == 4 && strncasecmp(s, "link", 4) == 0) &&
	    !(n == 6 && strncasecmp(s, "source", 6) == 0);
}

#define MARKUP_DEPTH	256	/* open elements xml_fix_markup() follows */

/* can c start an XML name?  (bytes of UTF-8 beyond ASCII can) */
static int
is_name_start(int c)
{
	return isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}

static int
is_name_char(int c)
{
	return is_name_start(c) || isdigit(c) || c == '-' || c == '.';
}

/*
 * Writes the attributes of a start tag, p[0..len) after its name, with
 * every value quoted as XML wants it: href=/a -> href="/a", a bare
 * "checked" -> checked="checked".  Quoted values are copied as they are.
 * Returns 1 if it changed something.
 */
static int
fix_attrs(struct buf *out, const char *p, size_t len)
{
	const char	*end = p + len, *n0, *v0, *q;
	int		 changed = 0;

	while (p < end) {
		if (isspace((unsigned char)*p) || *p == '/') {
			buf_addc(out, *p++);
			continue;
		}
		for (n0 = p; p < end && !isspace((unsigned char)*p) &&
		    *p != '=' && *p != '/'; p++)
			;
		if (p == n0) {		/* a stray '=' */
			p++;
			changed = 1;
			continue;
		}
		buf_add(out, n0, (size_t)(p - n0));
		for (q = p; q < end && isspace((unsigned char)*q); q++)
			;
		if (q >= end || *q != '=') {
			buf_adds(out, "=\"");
			buf_add(out, n0, (size_t)(p - n0));
			buf_addc(out, '"');
			changed = 1;
			continue;
		}
		for (q++; q < end && isspace((unsigned char)*q); q++)
			;
		if (q < end && (*q == '"' || *q == '\'')) {
			const char *e = memchr(q + 1, *q, (size_t)(end - q - 1));

			e = e != NULL ? e + 1 : end;
			buf_add(out, p, (size_t)(e - p));
			p = e;
			continue;
		}
		for (v0 = q; q < end && !isspace((unsigned char)*q); q++)
			;
		buf_adds(out, "=\"");
		for (; v0 < q; v0++) {
			if (*v0 == '"')
				buf_adds(out, "&quot;");
			else
				buf_addc(out, *v0);
		}
		buf_addc(out, '"');
		p = q;
		changed = 1;
	}
	return changed;
}

struct open_el {
	const char	*name;
	size_t		 n;
};

/* the innermost of the open[0..depth) elements named name[0..n) in any
 * case, plus one; 0 if none is */
static size_t
open_find(const struct open_el *open, size_t depth, const char *name,
    size_t n)
{
	for (; depth > 0; depth--)
		if (open[depth - 1].n == n &&
		    strncasecmp(open[depth - 1].name, name, n) == 0)
			break;
	return depth;
}

/* writes the end tags of open[i - 1..depth), innermost first; the new
 * depth */
static size_t
open_close(struct buf *out, const struct open_el *open, size_t depth,
    size_t i)
{
	for (; depth >= i && depth > 0; depth--) {
		buf_add(out, "</", 2);
		buf_add(out, open[depth - 1].name, open[depth - 1].n);
		buf_addc(out, '>');
	}
	return depth;
}

/*
 * For the libxml2 reader, which gets the documents that are not well
 * formed, the HTML that feeds write into their XML is made XML first,
 * so that libxml2's recovery keeps what follows it:
 * - a '<' that starts no markup ("a < b") is escaped;
 * - attribute values are quoted (url=http://a/b.mp3);
 * - each start tag of a void element is closed where it stands ("<br>"
 *   -> "<br/>") and their end tags are dropped: libxml2 would keep the
 *   element open, and an item's other elements would go inside it;
 * - an end tag closes what is still open inside its element, as HTML's
 *   implied end tags do, matches its start tag in any case, and is
 *   dropped when it closes nothing: libxml2 takes an end tag to close
 *   the innermost element, whatever its name.
 * Comments, CDATA sections, processing instructions and the DOCTYPE are
 * copied as they are.  Returns 0 when there was nothing to change.
 */
int
xml_fix_markup(struct buf *out, const char *s, size_t len)
{
	const char	*p = s, *end = s + len, *run = s, *q, *name, *sub;
	size_t		 n, at, sublen, depth = 0, i;
	int		 changed = 0, close, isvoid, overflow = 0;
	struct open_el	 open[MARKUP_DEPTH];

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && (p[1] == '!' || p[1] == '?')) {
			p = xml_skip_markup(p, end, &sub, &sublen);
			continue;
		}
		close = p + 1 < end && p[1] == '/';
		name = p + 1 + close;
		if (name >= end || !is_name_start((unsigned char)*name)) {
			buf_add(out, run, (size_t)(p - run));
			buf_adds(out, "&lt;");
			changed = 1;
			p = run = p + 1;
			continue;
		}
		for (q = name; q < end && is_name_char((unsigned char)*q); q++)
			;
		n = (size_t)(q - name);
		isvoid = is_void_name(name, n);
		/* the end of the tag: the first '>' outside quoted values */
		for (at = (size_t)(q - s); q < end && *q != '>' && *q != '<';
		    q++) {
			if ((*q == '"' || *q == '\'') && q[-1] == '=') {
				const char *e = memchr(q + 1, *q,
				    (size_t)(end - q - 1));

				if (e == NULL)
					break;
				q = e;
			}
		}
		if (q >= end || *q != '>') {
			p = q;
			continue;
		}
		if (close && (isvoid || overflow)) {
			if (isvoid) {
				buf_add(out, run, (size_t)(p - run));
				changed = 1;
				run = q + 1;
			}
			p = q + 1;
			continue;
		}
		if (close) {
			i = open_find(open, depth, name, n);
			if (i == depth && i > 0 &&
			    memcmp(open[i - 1].name, name, n) == 0) {
				depth--;	/* as XML wants it */
				p = q + 1;
				continue;
			}
			/*
			 * HTML's implied end tags: what is still open inside
			 * it ("<p>one<p>two</description>") closes with it,
			 * and "</title>" closes "<Title>".  An end tag that
			 * closes nothing is dropped.
			 */
			buf_add(out, run, (size_t)(p - run));
			if (i > 0)
				depth = open_close(out, open, depth, i);
			changed = 1;
			p = run = q + 1;
			continue;
		}
		/*
		 * Items never nest: an item (entry) that starts while one
		 * is open ends it, and what is open inside it, as a <p>
		 * ends a <p> in HTML.
		 */
		if (!overflow && ((n == 4 && strncasecmp(name, "item", 4) == 0) ||
		    (n == 5 && strncasecmp(name, "entry", 5) == 0))) {
			if ((i = open_find(open, depth, name, n)) > 0) {
				buf_add(out, run, (size_t)(p - run));
				depth = open_close(out, open, depth, i);
				changed = 1;
				run = p;
			}
		}
		buf_add(out, run, at - (size_t)(run - s));
		{
			const char	*a = s + at, *ae = q;
			int		 self = ae > a && ae[-1] == '/';

			/*
			 * "<a href=/x/>": HTML ends an unquoted value at the
			 * '>', so the '/' is the value's; in a feed's own
			 * element ("<enclosure type=audio/mpeg/>") it closes
			 * the tag.
			 */
			if (self && ae - 1 > a &&
			    !isspace((unsigned char)ae[-2]) && ae[-2] != '"' &&
			    ae[-2] != '\'' && !isvoid &&
			    html_is_element(name, n))
				self = 0;
			if (self)
				ae--;
			changed |= fix_attrs(out, a, (size_t)(ae - a));
			if (self || isvoid) {
				buf_adds(out, "/>");
				changed |= !self;
			} else {
				buf_addc(out, '>');
				if (depth < MARKUP_DEPTH) {
					open[depth].name = name;
					open[depth++].n = n;
				} else
					overflow = 1;	/* end tags as they are */
			}
		}
		p = run = q + 1;
	}
	if (!changed)
		return 0;
	buf_add(out, run, (size_t)(end - run));
	return 1;
}
