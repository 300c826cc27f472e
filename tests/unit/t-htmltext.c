/*
 * tests/unit/t-htmltext.c: HTML renders as wrapped terminal text with
 * numbered links; plain text wraps by code points; nothing unsafe for a
 * terminal gets through.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char	*name, *html;
	int		 width;
	const char	*want;
} render[] = {
	{ "empty", "", 40, "" },
	/* raw text (parse/html-tok.c): never markup, never shown */
	{ "script text and the markup it writes never shown",
	    "<p>a<script>document.write('<p>x</p><a href=\"http://t/\">y</a>')"
	    "</script>b</p>", 40, "ab\n" },
	{ "style, title and textarea text never shown",
	    "<style>p { x }</style><title>T</title>a<textarea>u</textarea>", 40,
	    "a\n" },
	{ "a script without its end tag hides the rest", "a<script>b<p>c",
	    40, "a\n" },
	{ "head skipped, comments dropped", "<head><b>h</b></head>a<!-- c -->b",
	    40, "ab\n" },
	{ "paragraphs separated by a blank line", "<p>one</p><p>two</p>", 40,
	    "one\n\ntwo\n" },
	{ "whitespace collapsed", "  a \n\t b   c  ", 40, "a b c\n" },
	{ "line break kept", "a<br>b<br/>c", 40, "a\nb\nc\n" },
	{ "wrapped at the width",
	    "<p>aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn "
	    "ooo ppp qqq rrr sss ttt</p>", 24,
	    "aaa bbb ccc ddd eee fff\nggg hhh iii jjj kkk lll\n"
	    "mmm nnn ooo ppp qqq rrr\nsss ttt\n" },
	{ "no wrapping at width 0", "<p>a b c d e f g h</p>", 0,
	    "a b c d e f g h\n" },
	{ "entities decoded", "caf&eacute; &amp; &lt;tag&gt; &#8217;", 40,
	    "caf\xc3\xa9 & <tag> \xe2\x80\x99\n" },
	{ "heading underlined", "<h1>Title</h1><p>x</p>", 40,
	    "Title\n=====\n\nx\n" },
	{ "h2 underlined with dashes", "<h2>Sub</h2>", 40, "Sub\n---\n" },
	{ "unordered list", "<ul><li>one</li><li>two</li></ul>", 40,
	    "* one\n* two\n" },
	{ "ordered list with start", "<ol start=\"3\"><li>a</li><li>b</li></ol>",
	    40, "3. a\n4. b\n" },
	{ "list item wraps under its text",
	    "<ul><li>aaaa bbbb cccc dddd eeee ffff gggg</li></ul>", 22,
	    "* aaaa bbbb cccc dddd\n  eeee ffff gggg\n" },
	{ "nested list indented",
	    "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", 40,
	    "* a\n  * b\n* c\n" },
	{ "blockquote indented", "<p>x</p><blockquote><p>q</p></blockquote>",
	    40, "x\n\n    q\n" },
	{ "pre kept as written", "<pre>  a  b\n\n c</pre>", 40,
	    "  a  b\n\n c\n" },
	{ "image with alt", "see <img src=\"x.png\" alt=\"a cat\"> here", 40,
	    "see [image: a cat] here\n" },
	{ "image without alt", "<img src=\"x.png\">", 40, "[image]\n" },
	{ "links numbered, repeated URL keeps its number",
	    "<a href=\"http://a/\">A</a>, <a href=\"http://b/\">B</a> "
	    "<a href=\"http://a/\">A2</a>", 40, "A[1], B[2] A2[1]\n" },
	{ "fragment link not numbered", "<a href=\"#top\">up</a>", 40,
	    "up\n" },
	{ "script and style skipped",
	    "a<script>x()</script>b<style>p{}</style>c", 40, "abc\n" },
	{ "escape sequences removed", "red\x1b[31mtext\x07 &#27;x", 40,
	    "redtext \xef\xbf\xbdx\n" },
	{ "table cells on one line, separated", "<table><tr><td>a</td><td>b</td></tr>"
	    "<tr><td>c</td></tr></table>", 40, "a | b\nc\n" },
	{ "comment ignored", "a<!-- b -->c", 40, "ac\n" },
	{ "multibyte text wrapped by code points",
	    "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9 "
	    "\xc3\xa9\xc3\xa9\xc3\xa9", 21,
	    "\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9 "
	    "\xc3\xa9\xc3\xa9\xc3\xa9\n" },
};

static const struct {
	const char	*name, *text, *indent;
	int		 width;
	const char	*want;
} wrapc[] = {
	{ "plain wrap", "one two three four five six seven eight nine ten "
	    "eleven", NULL, 20,
	    "one two three four\nfive six seven eight\nnine ten eleven\n" },
	{ "indent on every line", "aa bb cc dd ee ff gg hh ii jj kk ll mm",
	    "  ", 24, "  aa bb cc dd ee ff gg\n  hh ii jj kk ll mm\n" },
	{ "newline kept", "a\nb", NULL, 20, "a\nb\n" },
	{ "long word split between code points",
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	    NULL, 20,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n\xc3\xa9\xc3\xa9\n" },
	{ "controls stripped", "a\x1b]0;title\x07" "b\x01" "c", NULL, 20,
	    "abc\n" },
	{ "empty text gives nothing", "   ", NULL, 20, "" },
};

int
main(void)
{
	struct htmltext_links	 links = HTMLTEXT_LINKS_INIT;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	plan((int)(nitems(render) + nitems(wrapc)) + 4);
	for (i = 0; i < nitems(render); i++) {
		buf_reset(&b);
		htmltext_render(&b, render[i].html, strlen(render[i].html),
		    render[i].width, &links);
		htmltext_links_release(&links);
		is_str(b.s, render[i].want, "render: %s", render[i].name);
	}
	for (i = 0; i < nitems(wrapc); i++) {
		buf_reset(&b);
		htmltext_wrap(&b, wrapc[i].text, strlen(wrapc[i].text),
		    wrapc[i].width, wrapc[i].indent);
		is_str(b.s, wrapc[i].want, "wrap: %s", wrapc[i].name);
	}

	/* the link list, terminal-safe */
	buf_reset(&b);
	{
		const char *h = "<a href=\"http://a/\">A</a> "
		    "<a href=\"http://b/&#27;[2J\">B</a>";

		htmltext_render(&b, h, strlen(h), 40, &links);
	}
	is_int((long long)links.n, 2, "two links collected");
	buf_reset(&b);
	htmltext_links_print(&b, &links);
	is_str(b.s, "[1] http://a/\n[2] http://b/\xef\xbf\xbd[2J\n",
	    "link list printed");
	htmltext_links_release(&links);
	ok(links.n == 0 && links.url == NULL, "links released");

	/* without a link list, links are their text */
	buf_reset(&b);
	htmltext_render(&b, "<a href=\"http://a/\">A</a>", 25, 40, NULL);
	is_str(b.s, "A\n", "no link list: text only");
	buf_release(&b);
	return done_testing();
}
