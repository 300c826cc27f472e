/*
 * tests/unit/t-html.c: the HTML sanitizer keeps allowed markup, drops the
 * rest, decodes and re-escapes text, checks URL schemes and resolves
 * relative links.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "htmltext.h"
#include "parse/html-clean.h"
#include "parse/html-tok.h"
#include "parse/xml.h"
#include "render/render.h"
#include "tag.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const struct {
	const char *name, *in, *base, *want;
} cases[] = {
	{ "plain text", "hello world", NULL, "hello world" },
	{ "trimmed", "  \n hello \n ", NULL, "hello" },
	{ "allowed element kept", "<p>a <b>b</b></p>", NULL,
	    "<p>a <b>b</b></p>" },
	{ "tag names lower-cased", "<P CLASS=x>a</P>", NULL,
	    "<p class=\"x\">a</p>" },
	{ "script dropped with its text",
	    "safe<script>alert(1)</script> text", NULL, "safe text" },
	{ "style element dropped with its text",
	    "a<style>b{color:red}</style>c", NULL, "ac" },
	{ "applet dropped with its text", "a<applet>x</applet>b", NULL, "ab" },
	{ "iframe dropped, text kept",
	    "safe<iframe src=\"http://x/\"> <b>d</b></iframe>", NULL,
	    "safe <b>d</b>" },
	{ "unknown element dropped, text kept",
	    "<blink>safe</blink> text", NULL, "safe text" },
	{ "object and embed dropped", "<object><embed src=x>a</object>",
	    NULL, "a" },
	{ "event handler dropped",
	    "<img src=\"http://a/i.png\" onerror=\"x()\">", NULL,
	    "<img src=\"http://a/i.png\" />" },
	{ "unknown attribute dropped", "<span foo=bar id=x>a</span>", NULL,
	    "<span id=\"x\">a</span>" },
	{ "scheme longer than any known one refused (fuzz-html crash)",
	    "<a href=\"abcdefghijklmnopqrstuvwxyzabcdef:x\">y</a>", NULL,
	    "<a href=\"\">y</a>" },
	{ "javascript href emptied",
	    "<a href=\"javascript:alert(1)\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "javascript with upper case and spaces",
	    "<a href=\"  JavaScript:alert(1)\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "javascript split by a tab",
	    "<a href=\"java\tscript:alert(1)\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "javascript split by an encoded newline",
	    "<a href=\"java&#10;script:alert(1)\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "javascript entity-encoded",
	    "<a href=\"&#106;&#97;vascript&#x3A;alert(1)\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "javascript with a named colon",
	    "<a href=\"javascript&colon;alert(1)\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "vbscript src emptied", "<img src=\"vbscript:msgbox\">", NULL,
	    "<img src=\"\" />" },
	{ "data URL emptied",
	    "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", NULL,
	    "<a href=\"\">x</a>" },
	{ "mailto kept", "<a href=\"mailto:a@b.c\">m</a>", NULL,
	    "<a href=\"mailto:a@b.c\">m</a>" },
	{ "relative href resolved", "<a href=\"/x?a=1&amp;b=2\">x</a>",
	    "http://example.com/dir/feed.xml",
	    "<a href=\"http://example.com/x?a=1&amp;b=2\">x</a>" },
	{ "relative img src resolved", "<img src=\"i.png\" alt=\"\">",
	    "http://example.com/dir/feed.xml",
	    "<img src=\"http://example.com/dir/i.png\" alt=\"\" />" },
	{ "blockquote cite resolved", "<blockquote cite=\"q\">x</blockquote>",
	    "http://example.com/a/",
	    "<blockquote cite=\"http://example.com/a/q\">x</blockquote>" },
	{ "absolute href untouched by base",
	    "<a href=\"https://other.org/\">x</a>", "http://example.com/",
	    "<a href=\"https://other.org/\">x</a>" },
	{ "relative href without base kept", "<a href=\"x.html\">x</a>", NULL,
	    "<a href=\"x.html\">x</a>" },
	{ "style property allowed", "<span style=\"color: red\">a</span>",
	    NULL, "<span style=\"color: red;\">a</span>" },
	{ "style url() and position dropped",
	    "<a style=\"display:block; position:absolute; "
	    "background-image:url(http://x/i.jpg); width:100%\">a</a>", NULL,
	    "<a style=\"display: block; width: 100%;\">a</a>" },
	{ "style expression dropped whole",
	    "<span style=\"width: expression(alert(1))\">a</span>", NULL,
	    "<span>a</span>" },
	{ "style margin with a huge value dropped",
	    "<span style=\"margin: 99999em\">a</span>", NULL,
	    "<span>a</span>" },
	{ "style border keywords kept",
	    "<span style=\"border: 1px solid #ccc\">a</span>", NULL,
	    "<span style=\"border: 1px solid #ccc;\">a</span>" },
	{ "comment dropped", "a<!-- <script>x</script> -->b", NULL, "ab" },
	{ "malicious comment", "sa<!-- -- x >fe", NULL, "safe" },
	{ "unclosed comment swallows the rest", "safe<!-- <b>x</b>", NULL,
	    "safe" },
	{ "doctype dropped", "<!DOCTYPE html><p>a</p>", NULL, "<p>a</p>" },
	{ "processing instruction dropped", "<?php echo 1 ?>a", NULL, "a" },
	{ "CDATA shown as text", "<![CDATA[x]]>", NULL,
	    "&lt;![CDATA[x]]&gt;" },
	{ "named entities decoded", "caf&eacute; &rsquo;n&rsquo; &nbsp;x",
	    NULL, "caf\xc3\xa9 \xe2\x80\x99n\xe2\x80\x99 \xc2\xa0x" },
	{ "HTML 5 entity decoded", "&NotEqualTilde;", NULL,
	    "\xe2\x89\x82\xcc\xb8" },
	{ "numeric references decoded", "&#65;&#x42;&#x1F600;", NULL,
	    "AB\xf0\x9f\x98\x80" },
	{ "C1 reference read as windows-1252", "&#147;q&#148;", NULL,
	    "\xe2\x80\x9cq\xe2\x80\x9d" },
	{ "invalid reference is U+FFFD", "a&#0;b&#xD800;c", NULL,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c" },
	{ "text re-escaped", "1 &lt; 2 &amp;&amp; 3 &gt; 2 & x", NULL,
	    "1 &lt; 2 &amp;&amp; 3 &gt; 2 &amp; x" },
	{ "unknown entity literal", "&bogus; &", NULL, "&amp;bogus; &amp;" },
	{ "stray less-than", "a < b <3", NULL, "a &lt; b &lt;3" },
	{ "attribute re-escaped", "<img alt='a \"b\" &lt;c&gt; &amp; d'>",
	    NULL, "<img alt=\"a &quot;b&quot; &lt;c&gt; &amp; d\" />" },
	{ "quoted '>' inside attribute", "<img alt=\"a>b\" src=x>t", NULL,
	    "<img alt=\"a&gt;b\" src=\"x\" />t" },
	{ "repeated attribute: last wins", "<b id=1 id=2>x</b>", NULL,
	    "<b id=\"2\">x</b>" },
	{ "attribute without value", "<td nowrap>x</td>", NULL,
	    "<td nowrap=\"nowrap\">x</td>" },
	{ "void element written once", "<br><br/><hr></hr>", NULL,
	    "<br /><br /><hr />" },
	{ "bare self-closing element closed", "<span/>x", NULL,
	    "<span></span>x" },
	{ "unclosed elements closed at end", "<div><p><b>x", NULL,
	    "<div><p><b>x</b></p></div>" },
	{ "stray end tag dropped", "a</b></div>b", NULL, "ab" },
	{ "end tag closes inner elements", "<div><b>x</div>y", NULL,
	    "<div><b>x</div>y" },
	{ "invalid UTF-8 replaced", "a\xff" "b\xc3", NULL,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" },
	{ "control characters dropped", "a\x01\x1b[31mb\r\nc", NULL,
	    "a[31mb\nc" },
	{ "rel lower-cased", "<a rel=\"NoFollow\" href=\"http://x/\">x</a>",
	    NULL, "<a rel=\"nofollow\" href=\"http://x/\">x</a>" },
	{ "svg gets its namespace",
	    "<svg width=\"10\"><circle r=\"5\" onload=\"x\"/></svg>", NULL,
	    "<svg width=\"10\" xmlns=\"http://www.w3.org/2000/svg\">"
	    "<circle r=\"5\"></svg>" },
	{ "mathml kept",
	    "<math><mi>a</mi><mo>+</mo></math>", NULL,
	    "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>a</mi>"
	    "<mo>+</mo></math>" },
	{ "unterminated tag is text", "a <b", NULL, "a &lt;b" },
	/* one name lookup gives element, void, attribute, URL, pair */
	{ "absolute href with dot segments resolved",
	    "<a href=\"http://x/a/../b/./c\">x</a>", "http://b/",
	    "<a href=\"http://x/b/c\">x</a>" },
	{ "absolute href with a tab inside cleaned",
	    "<a href=\"http://x/a\tb\">x</a>", "http://b/",
	    "<a href=\"http://x/ab\">x</a>" },
	{ "absolute href without dots kept as written",
	    "<a href=\" HTTP://X.org/a.b/c?d/../e#f \">x</a>", "http://b/",
	    "<a href=\"HTTP://X.org/a.b/c?d/../e#f\">x</a>" },
	{ "upper-case tag and attribute resolved",
	    "<A HREF=\"/p\">x</A>", "http://a/b/",
	    "<a href=\"http://a/p\">x</a>" },
	{ "img src resolved, void element closed",
	    "<IMG SRC=\"i.png\" ALT=\"A\">", "http://a/b/",
	    "<img src=\"http://a/b/i.png\" alt=\"A\" />" },
	{ "URL attribute outside relative_uris not resolved",
	    "<td background=\"x.png\">a</td>", "http://a/",
	    "<td background=\"x.png\">a</td>" },
	{ "mathml href not resolved",
	    "<math><mi href=\"x\">a</mi></math>", "http://a/",
	    "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
	    "<mi href=\"x\">a</mi></math>" },
	{ "https in any case passes, a look-alike scheme does not",
	    "<a href=\"HtTpS://x/\">a</a><a href=\"httpx://x/\">b</a>", NULL,
	    "<a href=\"HtTpS://x/\">a</a><a href=\"\">b</a>" },
	{ "style and type attributes", "<p style=\"color: red\">"
	    "<a type=\"TEXT/HTML\">a</a></p>", NULL,
	    "<p style=\"color: red;\"><a type=\"text/html\">a</a></p>" },
	{ "void end tag dropped, stray end tag dropped",
	    "a</br></b><br>b", NULL, "a<br />b" },
	{ "empty input", "", NULL, "" },

	/* raw text (parse/html-tok.c): never markup, never text */
	{ "markup written by a script leaves no element",
	    "a<script>document.write('<img src=\"http://track.example/x.gif\">"
	    "<a href=x>y</a>')</script>b", NULL, "ab" },
	{ "a script ends only at its own end tag",
	    "<SCRIPT>var s = '</b><img src=x>';</ScRiPt >c", NULL, "c" },
	{ "style text is no markup", "<style>p{}<b>x</b></style>y", NULL, "y" },
	{ "a script with no end tag hides the rest",
	    "a<script>x<p>b</p>", NULL, "a" },
	{ "title, textarea and xmp content dropped",
	    "<title><b>t</b></title><textarea><i>u</i></textarea>"
	    "<xmp><img src=a></xmp>v", NULL, "v" },
	{ "plaintext hides all after it", "a<plaintext><b>b</b>", NULL, "a" },
	{ "a self-closed script closes at once (XML tools)",
	    "<script src=\"http://a/s.js\"/><b>x</b>", NULL, "<b>x</b>" },
	{ "a stray script end tag hides nothing", "a</script>b", NULL, "ab" },
	{ "noscript content read as markup, sanitized",
	    "<noscript><img src=\"http://a/i.png\" onload=x></noscript>", NULL,
	    "<noscript><img src=\"http://a/i.png\" /></noscript>" },
	{ "svg title text kept",
	    "<svg><title>t</title></svg>", NULL,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title>t</title></svg>" },

	/* forms are not on the allow-list */
	{ "form and its controls dropped, their text kept",
	    "<form action=\"http://evil/\"><input name=p type=password>"
	    "<button>Go</button><select><option>o</option></select></form>",
	    NULL, "Goo" },

	/* SVG animation of a link */
	{ "svg set of href dropped",
	    "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/>"
	    "<text>x</text></a></svg>", NULL,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"><a><text>x</text></a>"
	    "</svg>" },
	{ "svg animate of xlink:href dropped (references decoded)",
	    "<svg><animate attributeName=\"xlink:&#104;ref\" "
	    "values=\"javascript:alert(1)\"/></svg>", NULL,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" },
	{ "svg animateMotion and animateTransform of href dropped",
	    "<svg><animateMotion attributeName=HREF/>"
	    "<animateTransform attributeName=href></animateTransform></svg>",
	    NULL, "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" },
	{ "svg animate of another attribute kept",
	    "<svg><animate attributeName=\"r\" to=\"5\"/></svg>", NULL,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\">"
	    "<animate attributeName=\"r\" to=\"5\"></svg>" },
};

/*
 * Every reader of HTML agrees (they all call back from parse/html-tok.c):
 * the sanitizer, the terminal text, the one-line titles and the tagger's
 * text keep the same words of html, want, and nothing of its scripts.
 */
static void
readers_agree(const char *html, const char *want)
{
	struct buf	 b = BUF_INIT;

	html_clean(&b, html, strlen(html), NULL);
	is_str(b.s, want, "sanitizer: %s", want);
	buf_reset(&b);
	htmltext_render(&b, html, strlen(html), 0, NULL);
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		buf_truncate(&b, b.len - 1);
	is_str(b.s, want, "terminal text: %s", want);
	buf_reset(&b);
	render_inline(&b, html);
	is_str(b.s, want, "one-line title: %s", want);
	buf_reset(&b);
	tag_text(&b, html, strlen(html), TAG_TEXT_HTML | TAG_TEXT_KEEPCASE,
	    4096);
	is_str(b.s, want, "tagger text: %s", want);
	buf_release(&b);
}

/*
 * parse_looks_like_html() is feedparser's regular expressions over the
 * bytes, not a reading of HTML (xml.c): tags and references count where
 * the tokenizer would see text, a comment or an attribute value.
 */
static const struct {
	const char	*s;
	int		 html;
} guesses[] = {
	{ "Tom &amp; Jerry", 1 },
	{ "<b>bold</b>", 1 },
	{ "a &#x41; b", 1 },
	{ "<b>bold", 0 },
	{ "a &nbsp b", 0 },
	{ "Using <vector> in C++ &amp; more", 0 },
	{ "I <3 it &amp; more", 0 },
	{ "<_x> &amp;", 0 },
	{ "<!-- <vector> --> &amp;", 0 },
	{ "<a title=\"&bogus;\">a</a>", 0 },
	{ "<b title=\"<vector>\">x</b>", 0 },
	{ "<b >x</b >", 0 },
};

/* html_text_squeeze(), byte by byte: blanks become one space, none at
 * the buffer's start or after a space */
static void
squeeze_ref(struct buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (!html_is_space((unsigned char)s[i]))
			buf_addc(b, s[i]);
		else if (b->len > 0 && b->s[b->len - 1] != ' ')
			buf_addc(b, ' ');
	}
}

/* the squeeze against squeeze_ref() on made-up texts, sixteen-byte
 * blocks and their ends included; returns how many differ */
static int
squeeze_differs(void)
{
	static const char *const pieces[] = {
		"word", " ", "  ", "\t", "\n", "\r\n", "abcdefghijklmnop",
		"x", "\xc3\xa9t\xc3\xa9", ".", "\f", "\v", "AB CD EF GH",
	};
	struct buf	 text = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	unsigned	 seed = 7;
	int		 n, k, bad = 0;
	size_t		 len;

	for (n = 0; n < 20000; n++) {
		buf_reset(&text);
		seed = seed * 1103515245u + 12345u;
		len = 1 + (seed >> 8) % 24;
		for (k = 0; k < (int)len; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_adds(&text, pieces[(seed >> 8) % nitems(pieces)]);
		}
		buf_reset(&got);
		buf_reset(&want);
		/* before: nothing, a word, a space */
		if (n % 3) {
			buf_adds(&got, n % 3 == 1 ? "pre" : "pre ");
			buf_adds(&want, n % 3 == 1 ? "pre" : "pre ");
		}
		html_text_squeeze(&got, text.s, text.len);
		squeeze_ref(&want, text.s, text.len);
		if (got.len != want.len || memcmp(got.s, want.s, got.len) != 0)
			bad++;
	}
	buf_release(&text);
	buf_release(&got);
	buf_release(&want);
	return bad;
}

int
main(void)
{
	struct buf	 b = BUF_INIT;
	char		*deep, *s;
	size_t		 i, n, opens;

	plan((int)nitems(cases) + (int)nitems(guesses) + 6 + 3 * 4);
	n = (size_t)squeeze_differs();
	ok(n == 0, "html_text_squeeze as byte by byte on 20000 texts (%zu "
	    "differ)", n);
	for (i = 0; i < nitems(guesses); i++)
		ok(parse_looks_like_html(guesses[i].s,
		    strlen(guesses[i].s)) == guesses[i].html, "%s: %s",
		    guesses[i].html ? "HTML" : "text", guesses[i].s);
	readers_agree("Webcast<script>document.write('<img src=\"http://t/x."
	    "gif\">spy')</script>", "Webcast");
	readers_agree("Webcast<STYLE>b{}</style ><title>x</title>",
	    "Webcast");
	readers_agree("Caf&eacute; &#x263A;<!-- <b>x</b> -->",
	    "Caf\xc3\xa9 \xe2\x98\xba");
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		html_clean(&b, cases[i].in, strlen(cases[i].in),
		    cases[i].base);
		is_str(b.s, cases[i].want, "%s", cases[i].name);
	}

	/* nesting is bounded: 10000 <div> give at most 256 open and closed */
	n = 10000;
	deep = xmalloc(n * 5 + 2);
	for (i = 0; i < n; i++)
		memcpy(deep + i * 5, "<div>", 5);
	deep[n * 5] = 'x';
	deep[n * 5 + 1] = '\0';
	buf_reset(&b);
	html_clean(&b, deep, n * 5 + 1, NULL);
	for (opens = 0, s = b.s; (s = strstr(s, "<div>")) != NULL; s++)
		opens++;
	ok(opens == 256, "nesting bounded (%zu open tags)", opens);
	ok(b.len == 256 * 11 + 1, "every kept element closed (%zu bytes)",
	    b.len);
	free(deep);

	/* appends to what the buffer holds */
	buf_reset(&b);
	buf_adds(&b, "pre:");
	html_clean(&b, " <i>x</i> ", 10, NULL);
	is_str(b.s, "pre:<i>x</i>", "appends after existing contents");

	/*
	 * markup cut short at the end of the input is never read past (a
	 * fuzz-html crash: "<!" as the last two bytes); the copy has no
	 * terminating NUL, so AddressSanitizer sees any over-read
	 */
	s = xmalloc(3);
	memcpy(s, "a<!", 3);
	buf_reset(&b);
	html_clean(&b, s, 3, NULL);
	is_str(b.s, "a&lt;!", "a document ending in \"<!\" is text");
	free(s);

	s = html_clean_str("<p onclick=x>y", "http://a/");
	is_str(s, "<p>y</p>", "html_clean_str");
	free(s);
	buf_release(&b);
	return done_testing();
}
