/*
 * parse/html-clean.c: the HTML sanitizer.  One pass over the bytes, no
 * tree: the tokenizer (html-tok.c) calls back with text, character
 * references and start and end tags, and an allow-list filter writes the
 * kept markup straight into the caller's buffer.
 *
 * The model is feedparser's sanitizer, because feeds are judged by what it
 * produces: the same lists of elements, attributes, CSS properties and URI
 * schemes, and the same quirks where they matter (text inside applet is
 * dropped, but tags in it are still parsed; a style attribute survives
 * only if every declaration in it passes).  Where feedparser keeps markup
 * a browser could misread or that acts, we are stricter: the content of
 * script, style and the other raw-text elements is never read as markup
 * (html-tok.c); forms and their controls are not on the list; SVG
 * animation elements may not set an attribute to a URL (attributeName
 * href); every URL attribute has its scheme checked after character
 * references and whitespace are removed; stray end tags are dropped and
 * open elements are closed at the end.
 *
 * Limits: nesting deeper than HC_DEPTH drops the extra tags (their text
 * stays), a tag keeps at most HTML_TOK_ATTRS attributes, names longer
 * than HTML_TOK_NAME are unknown.  Output is valid UTF-8: invalid bytes
 * become U+FFFD and control characters other than tab and newline are
 * removed.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/entities.h"
#include "parse/html-clean.h"
#include "parse/html-tok.h"
#include "parse/url.h"
#include "util/buf.h"
#include "util/simd.h"
#include "util/str.h"
#include "util/xmalloc.h"

#define is_space(c)	html_is_space(c)
#define to_lower(c)	html_to_lower(c)

#define HC_DEPTH	256	/* open elements kept */
#define HC_NAME		HTML_TOK_NAME
#define HC_STYLE	4096	/* longest style attribute checked */

#define NS_SVG		"http://www.w3.org/2000/svg"
#define NS_MATHML	"http://www.w3.org/1998/Math/MathML"
#define NS_XLINK	"http://www.w3.org/1999/xlink"

/*
 * NOTE: every table is sorted by its lower-cased names (bsearch).
 * html_elements is feedparser's acceptable_elements without forms and
 * the controls that send or take input (form, input, button, select,
 * option, optgroup, textarea, datalist, keygen): a feed item has nothing
 * to submit, and a form in it can only phish.
 */
static const char *const html_elements[] = {
	"a", "abbr", "acronym", "address", "area", "article", "aside",
	"audio", "b", "big", "blockquote", "br", "canvas", "caption",
	"center", "cite", "code", "col", "colgroup", "command",
	"datagrid", "dd", "del", "details", "dfn", "dialog", "dir",
	"div", "dl", "dt", "em", "event-source", "fieldset",
	"figcaption", "figure", "font", "footer", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
	"label", "legend", "li", "m", "map", "menu", "meter",
	"multicol", "nav", "nextid", "noscript", "ol", "output", "p",
	"pre", "progress", "q", "s", "samp", "section", "small",
	"sound", "source", "spacer", "span", "strike", "strong", "sub",
	"sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
	"tr", "tt", "u", "ul", "var", "video",
};

static const char *const html_attributes[] = {
	"abbr", "accept", "accept-charset", "accesskey", "action", "align",
	"alt", "autocomplete", "autofocus", "axis", "background", "balance",
	"bgcolor", "bgproperties", "border", "bordercolor",
	"bordercolordark", "bordercolorlight", "bottompadding",
	"cellpadding", "cellspacing", "ch", "challenge", "char", "charoff",
	"charset", "checked", "choff", "cite", "class", "clear", "color",
	"cols", "colspan", "compact", "contenteditable", "controls",
	"coords", "data", "datafld", "datapagesize", "datasrc", "datetime",
	"default", "delay", "dir", "disabled", "draggable", "dynsrc",
	"enctype", "end", "face", "for", "form", "frame", "galleryimg",
	"gutter", "headers", "height", "hidden", "hidefocus", "high", "href",
	"hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype",
	"label", "lang", "leftspacing", "list", "longdesc", "loop",
	"loopcount", "loopend", "loopstart", "low", "lowsrc", "max",
	"maxlength", "media", "method", "min", "multiple", "name", "nohref",
	"noshade", "nowrap", "open", "optimum", "pattern", "ping",
	"point-size", "poster", "pqg", "preload", "prompt", "radiogroup",
	"readonly", "rel", "repeat-max", "repeat-min", "replace", "required",
	"rev", "rightspacing", "rows", "rowspan", "rules", "scope",
	"selected", "shape", "size", "span", "src", "start", "step", "style",
	"summary", "suppress", "tabindex", "target", "template", "title",
	"toppadding", "type", "unselectable", "urn", "usemap", "valign",
	"value", "variable", "volume", "vrml", "vspace", "width", "wrap",
	"xml:lang",
};

static const char *const mathml_elements[] = {
	"annotation", "annotation-xml", "maction", "maligngroup",
	"malignmark", "math", "menclose", "merror", "mfenced", "mfrac",
	"mglyph", "mi", "mlabeledtr", "mlongdiv", "mmultiscripts", "mn",
	"mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow",
	"ms", "mscarries", "mscarry", "msgroup", "msline", "mspace", "msqrt",
	"msrow", "mstack", "mstyle", "msub", "msubsup", "msup", "mtable",
	"mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics",
};

static const char *const mathml_attributes[] = {
	"accent", "accentunder", "actiontype", "align", "alignmentscope",
	"altimg", "altimg-height", "altimg-valign", "altimg-width",
	"alttext", "bevelled", "charalign", "close", "columnalign",
	"columnlines", "columnspacing", "columnspan", "columnwidth",
	"crossout", "decimalpoint", "denomalign", "depth", "dir", "display",
	"displaystyle", "edge", "encoding", "equalcolumns", "equalrows",
	"fence", "fontstyle", "fontweight", "form", "frame", "framespacing",
	"groupalign", "height", "href", "id", "indentalign",
	"indentalignfirst", "indentalignlast", "indentshift",
	"indentshiftfirst", "indentshiftlast", "indenttarget",
	"infixlinebreakstyle", "largeop", "length", "linebreak",
	"linebreakmultchar", "linebreakstyle", "lineleading",
	"linethickness", "location", "longdivstyle", "lquote", "lspace",
	"mathbackground", "mathcolor", "mathsize", "mathvariant", "maxsize",
	"minlabelspacing", "minsize", "movablelimits", "notation",
	"numalign", "open", "other", "overflow", "position", "rowalign",
	"rowlines", "rowspacing", "rowspan", "rquote", "rspace",
	"scriptlevel", "scriptminsize", "scriptsizemultiplier", "selection",
	"separator", "separators", "shift", "side", "src", "stackalign",
	"stretchy", "subscriptshift", "superscriptshift", "symmetric",
	"voffset", "width", "xlink:href", "xlink:show", "xlink:type",
	"xmlns", "xmlns:xlink",
};

static const char *const svg_elements[] = {
	"a", "animate", "animateColor", "animateMotion", "animateTransform",
	"circle", "defs", "desc", "ellipse", "font-face", "font-face-name",
	"font-face-src", "foreignObject", "g", "glyph", "hkern", "line",
	"linearGradient", "marker", "metadata", "missing-glyph", "mpath",
	"path", "polygon", "polyline", "radialGradient", "rect", "set",
	"stop", "svg", "switch", "text", "title", "tspan", "use",
};

static const char *const svg_attributes[] = {
	"accent-height", "accumulate", "additive", "alphabetic",
	"arabic-form", "ascent", "attributeName", "attributeType",
	"baseProfile", "bbox", "begin", "by", "calcMode", "cap-height",
	"class", "color", "color-rendering", "content", "cx", "cy", "d",
	"descent", "display", "dur", "dx", "dy", "end", "fill",
	"fill-opacity", "fill-rule", "font-family", "font-size",
	"font-stretch", "font-style", "font-variant", "font-weight", "from",
	"fx", "fy", "g1", "g2", "glyph-name", "gradientUnits", "hanging",
	"height", "horiz-adv-x", "horiz-origin-x", "id", "ideographic", "k",
	"keyPoints", "keySplines", "keyTimes", "lang", "marker-end",
	"marker-mid", "marker-start", "markerHeight", "markerUnits",
	"markerWidth", "mathematical", "max", "min", "name", "offset",
	"opacity", "orient", "origin", "overline-position",
	"overline-thickness", "panose-1", "path", "pathLength", "points",
	"preserveAspectRatio", "r", "refX", "refY", "repeatCount",
	"repeatDur", "requiredExtensions", "requiredFeatures", "restart",
	"rotate", "rx", "ry", "slope", "stemh", "stemv", "stop-color",
	"stop-opacity", "strikethrough-position", "strikethrough-thickness",
	"stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap",
	"stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
	"stroke-width", "systemLanguage", "target", "text-anchor", "to",
	"transform", "type", "u1", "u2", "underline-position",
	"underline-thickness", "unicode", "unicode-range", "units-per-em",
	"values", "version", "viewBox", "visibility", "width", "widths", "x",
	"x-height", "x1", "x2", "xlink:actuate", "xlink:arcrole",
	"xlink:href", "xlink:role", "xlink:show", "xlink:title",
	"xlink:type", "xml:base", "xml:lang", "xml:space", "xmlns",
	"xmlns:xlink", "y", "y1", "y2", "zoomAndPan",
};

static const char *const css_properties[] = {
	"azimuth", "background-color", "border-bottom-color",
	"border-collapse", "border-color", "border-left-color",
	"border-right-color", "border-top-color", "clear", "color", "cursor",
	"direction", "display", "elevation", "float", "font", "font-family",
	"font-size", "font-style", "font-variant", "font-weight", "height",
	"letter-spacing", "line-height", "overflow", "pause", "pause-after",
	"pause-before", "pitch", "pitch-range", "richness", "speak",
	"speak-header", "speak-numeral", "speak-punctuation", "speech-rate",
	"stress", "text-align", "text-decoration", "text-indent",
	"unicode-bidi", "vertical-align", "voice-family", "volume",
	"white-space", "width",
};

static const char *const css_keywords[] = {
	"!important", "aqua", "auto", "black", "block", "blue", "bold",
	"both", "bottom", "brown", "center", "collapse", "dashed", "dotted",
	"fuchsia", "gray", "green", "italic", "left", "lime", "maroon",
	"medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
	"purple", "red", "right", "silver", "solid", "teal", "top",
	"transparent", "underline", "white", "yellow",
};

static const char *const svg_css_properties[] = {
	"fill", "fill-opacity", "fill-rule", "stroke", "stroke-linecap",
	"stroke-linejoin", "stroke-opacity", "stroke-width",
};

static const char *const uri_schemes[] = {
	"aim", "callto", "cvs", "facetime", "feed", "file", "ftp", "git",
	"gopher", "gtalk", "h323", "hdl", "http", "https", "imap", "irc",
	"irc6", "ircs", "itms", "magnet", "mailto", "mms", "msnim", "news",
	"nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip",
	"sips", "skype", "smb", "snews", "ssh", "svn", "svn+ssh", "telnet",
	"wais", "ymsg",
};

/* elements that never have content (HTML 5 "void elements") */
static const char *const void_elements[] = {
	"area", "base", "basefont", "br", "col", "command", "embed", "frame",
	"hr", "img", "input", "isindex", "keygen", "link", "meta", "param",
	"source", "track", "wbr",
};

/* attributes whose value is a URL: the scheme is checked */
static const char *const url_attributes[] = {
	"action", "background", "cite", "data", "dynsrc", "href", "icon",
	"longdesc", "lowsrc", "ping", "poster", "src", "usemap", "xlink:href",
};

/* element/attribute pairs resolved against the base URL */
static const char *const relative_uris[] = {
	"a/href", "area/href", "audio/src", "blockquote/cite", "del/cite",
	"form/action", "img/longdesc", "img/src", "img/usemap", "input/src",
	"input/usemap", "ins/cite", "q/cite", "source/src", "video/poster",
	"video/src",
};

/* names_build() gives each attribute of relative_uris a bit of 32 */
_Static_assert(nitems(relative_uris) <= 32, "relative_uris: too many pairs");

struct hc {
	struct buf	*out;
	const char	*base;		/* NULL when none */
	int		 unacceptable;	/* inside applet */
	int		 svg, mathml;	/* inside <svg>, <math> */
	int		 xml;		/* "/>" always closes */
	size_t		 depth;
	const char	*stack[HC_DEPTH];	/* open elements, output names */
	struct buf	 val, tmp, css;	/* scratch, reused for every tag */
};

static int
lower_cmp(const void *a, const void *b)
{
	const unsigned char *k = a;
	const unsigned char *t = (const unsigned char *)*(const char *const *)b;

	for (;; k++, t++) {
		int ck = *k, ct = *t;

		if (ct >= 'A' && ct <= 'Z')
			ct += 'a' - 'A';
		if (ck != ct || ck == '\0')
			return ck - ct;
	}
}

/*
 * The tables are looked up by hash: each gets, on first use, an open
 * addressing index of its entries by lower-cased name (at most a quarter
 * full).  Built once per process; a thread that loses the race to publish
 * its index frees it.
 */
struct tbl_index {
	const char *const	*tbl;
	size_t			 n;
	unsigned short		*slot;	/* entry + 1, 0 for empty */
	size_t			 mask;
};

#define TBL_INDEX(t) \
	static struct tbl_index t##_ix = { t, nitems(t), NULL, 0 }
/* html_elements, html_attributes, void_elements, url_attributes,
 * relative_uris: names_ix */
TBL_INDEX(uri_schemes);
TBL_INDEX(css_properties);
TBL_INDEX(css_keywords);
TBL_INDEX(svg_css_properties);
TBL_INDEX(mathml_elements);
TBL_INDEX(mathml_attributes);
TBL_INDEX(svg_elements);
TBL_INDEX(svg_attributes);
#undef TBL_INDEX

/* FNV-1a of s lower-cased */
static inline uint32_t
tbl_hash(const char *s)
{
	uint32_t	h = 2166136261u;
	unsigned	c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/* tbl_hash() of a lower-case s */
static inline uint32_t
tbl_hash_raw(const char *s)
{
	uint32_t	h = 2166136261u;
	unsigned	c;

	for (; (c = (unsigned char)*s) != '\0'; s++)
		h = (h ^ c) * 16777619u;
	return h;
}

/* x's slots, built on first use */
static __attribute__((noinline)) unsigned short *
tbl_build(struct tbl_index *x)
{
	unsigned short	*slot, *cur = NULL;
	size_t		 size = 16, i, j;

	while (size < 4 * x->n)
		size *= 2;
	slot = xcalloc(size, sizeof(*slot));
	for (i = 0; i < x->n; i++) {
		for (j = tbl_hash(x->tbl[i]) & (size - 1); slot[j] != 0;
		    j = (j + 1) & (size - 1))
			;
		slot[j] = (unsigned short)(i + 1);
	}
	/* the mask first: a thread that sees slot sees it */
	__atomic_store_n(&x->mask, size - 1, __ATOMIC_RELAXED);
	if (__atomic_compare_exchange_n(&x->slot, &cur, slot, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return slot;
	free(slot);
	return cur;
}

/* the entry of x's table equal to the lower-case name, or NULL */
static const char *
tbl_find(struct tbl_index *x, const char *name)
{
	unsigned short	*slot;
	size_t		 i, mask;
	const char	*e;

	if ((slot = __atomic_load_n(&x->slot, __ATOMIC_ACQUIRE)) == NULL)
		slot = tbl_build(x);
	mask = __atomic_load_n(&x->mask, __ATOMIC_RELAXED);
	/* NOTE: a name with an upper-case letter is in no table (lower_cmp()
	 * lowers the entry only), so it need not be lowered to be hashed */
	for (i = tbl_hash_raw(name) & mask; slot[i] != 0;
	    i = (i + 1) & mask) {
		e = x->tbl[slot[i] - 1];
		if (lower_cmp(name, &e) == 0)
			return e;
	}
	return NULL;
}

#define IN(tbl, name)	tbl_find(&tbl##_ix, (name))

/*
 * What every tag and every attribute is looked up in: one index of the
 * names of html_elements, void_elements, html_attributes and
 * url_attributes (all lower case) gives, in one probe, the tables a
 * name is in and what attr_write() does with it.  The hash is the
 * tbl_hash_raw() that the tokenizer (html-tok.c) computes as it lowers
 * the name.  Built on first use like the tables above.
 */
#define NF_ELEM		0x01	/* html_elements */
#define NF_VOID		0x02	/* void_elements */
#define NF_ATTR		0x04	/* html_attributes */
#define NF_URL		0x08	/* url_attributes */
#define NF_STYLE	0x10	/* "style" */
#define NF_LOWER	0x20	/* "rel", "type": the value lower-cased */
#define NF_REL		0x40	/* attr_write(): relative_uris has the pair */

struct name_ent {
	const char	*name;	/* the tables' entry, NUL after len bytes
				 * unless it came from relative_uris only */
	size_t		 len;
	unsigned	 flags;	/* NF_* */
	uint32_t	 relmask; /* element: its relbits in relative_uris */
	uint32_t	 relbit;  /* attribute: its bit in those masks */
};

struct name_index {
	struct name_ent	*ent;
	unsigned short	*slot;	/* entry + 1, 0 for empty */
	size_t		 mask;
};

static struct name_index *names_ix;

#define FNV_INIT	2166136261u
#define FNV_STEP(h, c)	(((h) ^ (unsigned)(c)) * 16777619u)

/* the entry of name[0..len) in x, added with no flags when missing */
static struct name_ent *
names_add(struct name_index *x, size_t *n, const char *name, size_t len)
{
	struct name_ent	*e;
	uint32_t	 h = FNV_INIT;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = FNV_STEP(h, (unsigned char)name[i]);
	for (i = h & x->mask; x->slot[i] != 0; i = (i + 1) & x->mask) {
		e = &x->ent[x->slot[i] - 1];
		if (e->len == len && memcmp(e->name, name, len) == 0)
			return e;
	}
	e = &x->ent[*n];
	e->name = name;
	e->len = len;
	x->slot[i] = (unsigned short)(++*n);
	return e;
}

static __attribute__((noinline)) struct name_index *
names_build(void)
{
	static const struct {
		const char *const	*tbl;
		size_t			 n;
		unsigned		 flag;
	} src[] = {
		{ html_elements, nitems(html_elements), NF_ELEM },
		{ void_elements, nitems(void_elements), NF_VOID },
		{ html_attributes, nitems(html_attributes), NF_ATTR },
		{ url_attributes, nitems(url_attributes), NF_URL },
	};
	struct name_index	*x, *cur = NULL;
	struct name_ent		*t, *a;
	const char		*sl;
	size_t			 total = 0, size = 16, n = 0, i, k;
	uint32_t		 nbits = 0;

	/* each pair adds at most a name on either side of the '/', then
	 * style, rel and type */
	total = 2 * nitems(relative_uris) + 3;
	for (k = 0; k < nitems(src); k++)
		total += src[k].n;
	while (size < 2 * total)
		size *= 2;
	x = xmalloc(sizeof(*x));
	x->ent = xcalloc(total, sizeof(*x->ent));
	x->slot = xcalloc(size, sizeof(*x->slot));
	x->mask = size - 1;
	for (k = 0; k < nitems(src); k++)
		for (i = 0; i < src[k].n; i++)
			names_add(x, &n, src[k].tbl[i],
			    strlen(src[k].tbl[i]))->flags |= src[k].flag;
	/* "tag/attr": a bit for each attribute, a mask of them per tag */
	for (i = 0; i < nitems(relative_uris); i++) {
		sl = strchr(relative_uris[i], '/');
		t = names_add(x, &n, relative_uris[i],
		    (size_t)(sl - relative_uris[i]));
		a = names_add(x, &n, sl + 1, strlen(sl + 1));
		if (a->relbit == 0)
			a->relbit = UINT32_C(1) << nbits++;
		t->relmask |= a->relbit;
	}
	names_add(x, &n, "style", 5)->flags |= NF_STYLE;
	names_add(x, &n, "rel", 3)->flags |= NF_LOWER;
	names_add(x, &n, "type", 4)->flags |= NF_LOWER;
	if (__atomic_compare_exchange_n(&names_ix, &cur, x, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return x;
	free(x->ent);
	free(x->slot);
	free(x);
	return cur;
}

/* the entry of the lower-case name[0..len), h its tbl_hash_raw(); NULL
 * when it is in none of the tables */
static inline const struct name_ent *
names_find(const char *name, size_t len, uint32_t h)
{
	const struct name_index	*x;
	const struct name_ent	*e;
	size_t			 i, k;

	if ((x = __atomic_load_n(&names_ix, __ATOMIC_ACQUIRE)) == NULL)
		x = names_build();
	for (i = h & x->mask; x->slot[i] != 0; i = (i + 1) & x->mask) {
		e = &x->ent[x->slot[i] - 1];
		if (e->len == len) {
			/* names are short: no call to memcmp() */
			for (k = 0; k < len && e->name[k] == name[k]; k++)
				;
			if (k == len)
				return e;
		}
	}
	return NULL;
}


static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c);
}


/* 1 for the bytes html_escape() looks at */
static const unsigned char esc_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};


#ifdef CRIER_SSE2

/* 0xff for the bytes of w that need no escape (ASCII only) */
static inline __m128i
ok_ascii(__m128i w)
{
	__m128i f = _mm_or_si128(_mm_or_si128(
	    _mm_cmplt_epi8(w, _mm_set1_epi8(0x20)),
	    _mm_cmpeq_epi8(w, _mm_set1_epi8(0x7f))), _mm_or_si128(
	    _mm_cmpeq_epi8(_mm_or_si128(w, _mm_set1_epi8(0x04)),
	    _mm_set1_epi8(0x26)),
	    _mm_cmpeq_epi8(_mm_or_si128(w, _mm_set1_epi8(0x02)),
	    _mm_set1_epi8(0x3e))));

	return _mm_cmpeq_epi8(f, _mm_setzero_si128());
}
#endif

/*
 * The first byte in [p, end) with esc_class[] 1, or end (valid two-byte
 * UTF-8 but C1 controls may be passed too).  Eight bytes at
 * a time: bit 7 of each byte of the mask says control, DEL or above,
 * '"' or '&', '<' or '>'; the lowest flagged byte is exact.
 */
static inline const unsigned char *
skip_unescaped(const unsigned char *p, const unsigned char *end)
{
	uint64_t v, m, x, y;

#ifdef CRIER_SSE2
	/* 16 at a time: control and non-ASCII (signed < 0x20), DEL, '"' or
	 * '&' (| 0x04 == '&'), '<' or '>' (| 0x02 == '>') */
	while (end - p >= 16) {
		__m128i	w = _mm_loadu_si128((const void *)p);
		int	k = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmplt_epi8(w, _mm_set1_epi8(0x20)),
		    _mm_cmpeq_epi8(w, _mm_set1_epi8(0x7f))), _mm_or_si128(
		    _mm_cmpeq_epi8(_mm_or_si128(w, _mm_set1_epi8(0x04)),
		    _mm_set1_epi8(0x26)),
		    _mm_cmpeq_epi8(_mm_or_si128(w, _mm_set1_epi8(0x02)),
		    _mm_set1_epi8(0x3e)))));

		if (k != 0 && !simd_utf8_block2(w, ok_ascii(w), 1))
			return p + __builtin_ctz((unsigned)k);
		p += 16;
	}
#endif
	while (end - p >= 8) {
		memcpy(&v, p, sizeof(v));
		x = (v | SIMD_ONES * 0x04) ^ SIMD_ONES * 0x26;	/* '"', '&' */
		y = (v | SIMD_ONES * 0x02) ^ SIMD_ONES * 0x3e;	/* '<', '>' */
		m = ((((v & ~SIMD_HIGHS) + SIMD_ONES) | v) |
		    ((v - SIMD_ONES * 0x20) & ~v) | ((x - SIMD_ONES) & ~x) |
		    ((y - SIMD_ONES) & ~y)) & SIMD_HIGHS;
		if (m != 0) {
			p += simd_skip8(m);
			break;
		}
		p += 8;
	}
	while (p < end && esc_class[*p] == 0)
		p++;
	return p;
}

void
html_escape(struct buf *b, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run;
	size_t n;

	while (p < end) {
		run = p;
		for (;;) {
			p = skip_unescaped(p, end);
			if (p >= end)
				break;
			if (*p == '\t' || *p == '\n' || (*p == '"' && !attr)) {
				p++;
				continue;
			}
			if (*p < 0x80)
				break;
			/* valid UTF-8 but C1 controls stays in the run */
			n = utf8_seq(p, (size_t)(end - p));
			if (n == 0 || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
				break;
			p += n;
			/* text that is not ASCII: characters in a row */
			while (p < end && *p >= 0x80 &&
			    (n = utf8_seq(p, (size_t)(end - p))) != 0 &&
			    !(n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
				p += n;
		}
		buf_add(b, run, (size_t)(p - run));
		if (p >= end)
			break;
		switch (*p) {
		case '&':
			buf_add(b, "&amp;", 5);
			break;
		case '<':
			buf_add(b, "&lt;", 4);
			break;
		case '>':
			buf_add(b, "&gt;", 4);
			break;
		case '"':
			if (attr)
				buf_add(b, "&quot;", 6);
			else
				buf_addc(b, '"');
			break;
		case '\t':
		case '\n':
			buf_addc(b, *p);
			break;
		case '\r':
			if (p + 1 >= end || p[1] != '\n')
				buf_addc(b, '\n');
			break;
		default:
			if (*p < 0x80)
				break;	/* C0 control or DEL */
			n = utf8_seq(p, (size_t)(end - p));
			if (n == 0) {
				buf_add(b, "\xef\xbf\xbd", 3);
			} else {
				/* C1 controls U+0080..U+009F are dropped */
				if (!(n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
					buf_add(b, p, n);
				p += n;
				continue;
			}
			break;
		}
		p++;
	}
}

/*
 * 1 if the URL may be kept: no scheme, or one of uri_schemes.  Browsers
 * ignore ASCII whitespace and controls inside a URL, so they are skipped
 * here too ("java\tscript:" is "javascript:").  A ':' before any '/', '?'
 * or '#' makes the text before it a scheme, which must be on the list.
 */
static int
url_scheme_ok(const char *s, size_t len)
{
	char	 scheme[24];
	size_t	 i, n = 0;
	int	 c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			continue;
		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (c == ':') {
			/* n == sizeof(scheme): longer than any known scheme */
			if (n == 0 || n >= sizeof(scheme))
				return 0;
			scheme[n] = '\0';
			/* the usual ones without a lookup */
			if ((n == 4 || n == 5) && memcmp(scheme, "http", 4) == 0 &&
			    (n == 4 || scheme[4] == 's'))
				return 1;
			return IN(uri_schemes, scheme) != NULL;
		}
		if (n + 1 >= sizeof(scheme))
			n = sizeof(scheme);	/* too long for a known one */
		else
			scheme[n++] = (char)to_lower(c);
	}
	return 1;
}

/* ---- style attributes ---- */

static int
css_word(int c)
{
	return is_alnum(c) || c == '_' || c >= 0x80;
}

/*
 * feedparser's "gauntlet": the whole value is made of harmless
 * characters, words joined by '-', quoted words and parenthesised
 * numbers.  reach[i] says whether s[0..i) can be matched.
 */
static int
css_gauntlet(const char *s, size_t len)
{
	unsigned char	 reach[HC_STYLE + 1];
	size_t		 i, j;
	int		 c;

	memset(reach, 0, len + 1);
	reach[0] = 1;
	for (i = 0; i < len; i++) {
		if (!reach[i])
			continue;
		c = (unsigned char)s[i];
		if (strchr(":,;#%.!", c) != NULL || is_alnum(c) || is_space(c))
			reach[i + 1] = 1;
		if (i + 2 < len && css_word(c) && s[i + 1] == '-' &&
		    css_word((unsigned char)s[i + 2]))
			reach[i + 3] = 1;
		if (c == '\'' || c == '"') {
			for (j = i + 1; j < len && s[j] != c &&
			    (css_word((unsigned char)s[j]) ||
			    is_space((unsigned char)s[j])); j++)
				;
			if (j < len && s[j] == c && j > i + 1)
				reach[j + 1] = 1;
		}
		if (c == '(') {
			for (j = i + 1; j < len && (is_digit(s[j]) ||
			    s[j] == ',' || is_space((unsigned char)s[j])); j++)
				;
			if (j < len && s[j] == ')' && j > i + 1)
				reach[j + 1] = 1;
		}
	}
	return reach[len];
}

/*
 * Matches "\s*[-\w]+\s*:\s*[^:;]*" at s[i]: the property and the value
 * (from its first non-space byte to ':', ';' or the end).  Returns the
 * end of the match, 0 if there is none.
 */
static size_t
css_decl(const char *s, size_t len, size_t i, size_t *p0, size_t *p1,
    size_t *v0, size_t *v1)
{
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	*p0 = i;
	while (i < len && (css_word((unsigned char)s[i]) || s[i] == '-'))
		i++;
	*p1 = i;
	if (*p1 == *p0)
		return 0;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	if (i >= len || s[i] != ':')
		return 0;
	i++;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	*v0 = i;
	while (i < len && s[i] != ':' && s[i] != ';')
		i++;
	*v1 = i;
	return i;
}

/* past the digits and a '%' at k[i] */
static size_t
skip_num_pct(const char *k, size_t n, size_t i)
{
	while (i < n && is_digit(k[i]))
		i++;
	if (i < n && k[i] == '%')
		i++;
	return i;
}

/* valid_css_values: a colour, rgb(...) piece or a small length */
static int
css_value_ok(const char *k, size_t n)
{
	static const char *const units[] = {
		"cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")",
	};
	size_t i = 0, d, u;

	if (n > 1 && k[0] == '#') {
		for (i = 1; i < n; i++)
			if (!is_digit(k[i]) && !(k[i] >= 'a' && k[i] <= 'f'))
				return 0;
		return 1;
	}
	if (n >= 5 && memcmp(k, "rgb(", 4) == 0) {
		/* rgb\(\d+%?,\d*%?,?\d*%?\)? */
		if (!is_digit(k[4]))
			return 0;
		i = skip_num_pct(k, n, 4);
		if (i >= n || k[i] != ',')
			return 0;
		i = skip_num_pct(k, n, i + 1);
		if (i < n && k[i] == ',')
			i++;
		i = skip_num_pct(k, n, i);
		if (i < n && k[i] == ')')
			i++;
		return i == n;
	}
	/* \d{0,2}\.?\d{0,2}(unit)? */
	for (d = 0; i < n && d < 2 && is_digit(k[i]); i++)
		d++;
	if (i < n && k[i] == '.')
		i++;
	for (d = 0; i < n && d < 2 && is_digit(k[i]); i++)
		d++;
	if (i == n)
		return 1;
	for (u = 0; u < nitems(units); u++)
		if (strlen(units[u]) == n - i &&
		    memcmp(k + i, units[u], n - i) == 0)
			return 1;
	return 0;
}

static int
css_keywords_ok(const char *v, size_t len)
{
	char	 kw[32];
	size_t	 i = 0, k;

	while (i < len) {
		while (i < len && is_space((unsigned char)v[i]))
			i++;
		if (i >= len)
			break;
		for (k = i; i < len && !is_space((unsigned char)v[i]); i++)
			;
		if (i - k < sizeof(kw)) {
			memcpy(kw, v + k, i - k);
			kw[i - k] = '\0';
			/* NOTE: case matters here, as in feedparser */
			if (bsearch(kw, css_keywords, nitems(css_keywords),
			    sizeof(*css_keywords), lower_cmp) != NULL &&
			    strcmp(IN(css_keywords, kw), kw) == 0)
				continue;
		}
		if (!css_value_ok(v + k, i - k))
			return 0;
	}
	return 1;
}

/*
 * Appends to b the allowed declarations of the style s[0..len) as
 * "prop: value;" joined by spaces; nothing when any part fails.
 */
static void
css_sanitize(struct hc *hc, struct buf *b, const char *s, size_t len)
{
	struct buf	*t = &hc->tmp;
	size_t		 i, j, e, p0, p1, v0, v1;
	char		 prop[HC_NAME];
	const char	*dash;

	/* url(...) is removed first */
	buf_reset(t);
	for (i = 0; i < len; ) {
		if (len - i >= 3 && to_lower(s[i]) == 'u' &&
		    to_lower(s[i + 1]) == 'r' && to_lower(s[i + 2]) == 'l') {
			j = i + 3;
			while (j < len && is_space((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == '(') {
				e = j + 1;
				while (e < len && s[e] != ')')
					e++;
				if (e < len) {
					e++;
					while (e < len &&
					    is_space((unsigned char)s[e]))
						e++;
					buf_addc(t, ' ');
					i = e;
					continue;
				}
			}
		}
		buf_addc(t, s[i]);
		i++;
	}
	s = t->s;
	len = t->len;
	if (len > HC_STYLE || !css_gauntlet(s, len))
		return;
	/* nothing but declarations */
	for (i = 0; i < len; ) {
		e = css_decl(s, len, i, &p0, &p1, &v0, &v1);
		if (e != 0) {
			i = e;
			if (i < len && s[i] == ';')
				i++;
			continue;
		}
		if (!is_space((unsigned char)s[i]))
			return;
		i++;
	}
	for (i = 0; i < len; ) {
		e = css_decl(s, len, i, &p0, &p1, &v0, &v1);
		if (e == 0) {
			i++;
			continue;
		}
		i = e;
		if (v1 == v0 || p1 - p0 >= sizeof(prop))
			continue;
		for (j = 0; j < p1 - p0; j++)
			prop[j] = (char)to_lower(s[p0 + j]);
		prop[j] = '\0';
		if (IN(css_properties, prop) == NULL) {
			dash = strchr(prop, '-');
			if (dash != NULL)
				prop[dash - prop] = '\0';
			if (strcmp(prop, "background") == 0 ||
			    strcmp(prop, "border") == 0 ||
			    strcmp(prop, "margin") == 0 ||
			    strcmp(prop, "padding") == 0) {
				if (!css_keywords_ok(s + v0, v1 - v0))
					continue;
			} else {
				if (dash != NULL)
					prop[dash - prop] = '-';
				if (!hc->svg ||
				    IN(svg_css_properties, prop) == NULL)
					continue;
			}
		}
		if (b->len > 0)
			buf_addc(b, ' ');
		buf_add(b, s + p0, p1 - p0);
		buf_add(b, ": ", 2);
		buf_add(b, s + v0, v1 - v0);
		buf_addc(b, ';');
	}
}

/* ---- tags ---- */

/* ' name="' (printf costs more than the rest of the tag) */
static void
put_attr_name(struct buf *b, const char *name)
{
	buf_addc(b, ' ');
	buf_adds(b, name);
	buf_add(b, "=\"", 2);
}

static void
put_end_tag(struct buf *b, const char *tag)
{
	buf_add(b, "</", 2);
	buf_adds(b, tag);
	buf_addc(b, '>');
}

/* writes one kept attribute: name="value" with the value cleaned; flags:
 * the NF_* of name */
static void
attr_write(struct hc *hc, const char *name, unsigned flags, const char *val,
    size_t vlen, int raw)
{
	struct buf	*v = &hc->val;
	const char	*s;
	size_t		 len, i;
	char		*abs;

	buf_reset(v);
	if (raw)
		buf_add(v, val, vlen);
	else
		html_attr_decode(v, val, vlen);
	s = v->s;
	len = v->len;
	if (flags & NF_STYLE) {
		buf_reset(&hc->css);
		css_sanitize(hc, &hc->css, s, len);
		if (hc->css.len > 0) {
			buf_adds(hc->out, " style=\"");
			html_escape(hc->out, hc->css.s, hc->css.len, 1);
			buf_addc(hc->out, '"');
		}
		return;
	}
	if (flags & NF_URL) {
		while (len > 0 && ((unsigned char)*s <= 0x20 || *s == 0x7f)) {
			s++;
			len--;
		}
		while (len > 0 && ((unsigned char)s[len - 1] <= 0x20 ||
		    s[len - 1] == 0x7f))
			len--;
		abs = NULL;
		/* NOTE: an absolute URL without dot segments resolves to
		 * itself: no copies */
		if (hc->base != NULL && *hc->base != '\0' &&
		    (flags & NF_REL) && !url_is_resolved(s, len) &&
		    memchr(s, '\0', len) == NULL) {
			char *ref = xstrndup(s, len);

			abs = url_resolve(hc->base, ref);
			free(ref);
			if (abs != NULL) {
				s = abs;
				len = strlen(abs);
			}
		}
		if (!url_scheme_ok(s, len))
			len = 0;
		put_attr_name(hc->out, name);
		html_escape(hc->out, s, len, 1);
		buf_addc(hc->out, '"');
		free(abs);
		return;
	}
	put_attr_name(hc->out, name);
	if (flags & NF_LOWER) {
		for (i = 0; i < len; i++)
			v->s[i] = (char)to_lower(v->s[i]);
	}
	html_escape(hc->out, s, len, 1);
	buf_addc(hc->out, '"');
}

static int
ns_is(const struct html_attr *a, const char *ns)
{
	return a->vlen == strlen(ns) && memcmp(a->val, ns, a->vlen) == 0;
}

/* a start tag named lname (lower case) with its attributes parsed */
/*
 * The NF_* flags of name, an entry of some table, given ne, the entry of
 * its lower-cased form in names_ix (NULL if none): the lookups of the
 * tables compare the name as it is with their lower-case entries.
 */
static unsigned
name_flags(const char *name, const struct name_ent *ne)
{
	if (ne == NULL)
		return 0;
	return name == ne->name || (strncmp(name, ne->name, ne->len) == 0 &&
	    name[ne->len] == '\0') ? ne->flags : 0;
}

/*
 * 1 for an SVG animation element that sets a link: <set attributeName=
 * "href" to="javascript:..."> would make a safe <a> run script, and its
 * to, from and values are no URL attributes to check.  Such an element
 * is dropped whatever the value.
 */
static int
svg_animates_href(struct hc *hc, const struct html_tag *t)
{
	const struct html_attr	*a;
	const char		*s;
	size_t			 len;

	if (strcmp(t->name, "set") != 0 &&
	    strncmp(t->name, "animate", 7) != 0)
		return 0;
	if ((a = html_tag_attr(t, "attributename")) == NULL)
		return 0;
	buf_reset(&hc->val);
	html_attr_decode(&hc->val, a->val, a->vlen);
	s = hc->val.s;
	len = hc->val.len;
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	return len >= 4 && strncasecmp(s + len - 4, "href", 4) == 0;
}

static int
start_tag(void *ud, const struct html_tag *t)
{
	struct hc		*hc = ud;
	struct tbl_index	*atbl = NULL;	/* NULL: html_attributes */
	const char		*tag, *an, *xmlns = NULL, *xlink = NULL;
	const char		*lname = t->name;
	const struct html_attr	*a;
	const struct name_ent	*ne, *te;
	size_t			 i, j;
	unsigned		 fl;
	int			 foreign = 0, dup, isvoid;
	/*
	 * NOTE: in HTML, "<span class=x/>" opens a span (the '/' is
	 * ignored, as feedparser and browsers do); only a bare "<span/>" is
	 * closed at once.  In XML every "/>" closes.
	 */
	int			 selfclose = t->selfclose &&
				    (hc->xml || t->nattrs == 0);

	te = ne = names_find(lname, t->nlen, t->h);
	tag = ne != NULL && (ne->flags & NF_ELEM) ? ne->name : NULL;
	if (tag == NULL || hc->svg) {
		if (strcmp(lname, "applet") == 0)
			hc->unacceptable++;
		/* inline SVG and MathML, namespace implied as in HTML 5 */
		if (strcmp(lname, "math") == 0) {
			a = html_tag_attr(t, "xmlns");
			if (a == NULL || ns_is(a, NS_MATHML)) {
				hc->mathml++;
				xmlns = a == NULL ? NS_MATHML : NULL;
			}
		} else if (strcmp(lname, "svg") == 0) {
			a = html_tag_attr(t, "xmlns");
			if (a == NULL || ns_is(a, NS_SVG)) {
				hc->svg++;
				xmlns = a == NULL ? NS_SVG : NULL;
			}
		}
		if (hc->mathml && (an = IN(mathml_elements, lname)) != NULL) {
			tag = an;
			atbl = &mathml_attributes_ix;
			foreign = 1;
		} else if (hc->svg && (an = IN(svg_elements, lname)) != NULL) {
			tag = an;
			atbl = &svg_attributes_ix;
			foreign = 1;
		} else if (tag == NULL)
			return 0;
		if (hc->svg && svg_animates_href(hc, t))
			return 0;
	}
	isvoid = (name_flags(tag, ne) & NF_VOID) != 0;
	if (!selfclose && !isvoid && hc->depth >= HC_DEPTH)
		return 0;	/* too deep: the tag goes, its text stays */

	if (foreign && html_tag_attr(t, "xmlns:xlink") == NULL) {
		for (i = 0; i < t->nattrs; i++)
			if (strncmp(t->attrs[i].name, "xlink:", 6) == 0)
				xlink = NS_XLINK;
	}

	buf_addc(hc->out, '<');
	buf_adds(hc->out, tag);
	for (i = 0; i < t->nattrs; i++) {
		a = &t->attrs[i];
		/* the last of repeated attributes wins */
		for (dup = 0, j = i + 1; j < t->nattrs && !dup; j++)
			dup = strcmp(a->name, t->attrs[j].name) == 0;
		if (dup)
			continue;
		ne = names_find(a->name, a->nlen, a->h);
		if (atbl == NULL)
			an = ne != NULL && (ne->flags & NF_ATTR) ? ne->name :
			    NULL;
		else
			an = tbl_find(atbl, a->name);
		if (an == NULL)
			continue;
		fl = name_flags(an, ne);
		/* lname/an in relative_uris (only URL attributes ask) */
		if ((fl & NF_URL) && te != NULL &&
		    (te->relmask & ne->relbit) != 0)
			fl |= NF_REL;
		attr_write(hc, an, fl, a->val, a->vlen, 0);
	}
	/* NOTE: neither xmlns nor xmlns:xlink is a URL or style attribute */
	if (xmlns != NULL)
		attr_write(hc, "xmlns", 0, xmlns, strlen(xmlns), 1);
	if (xlink != NULL)
		attr_write(hc, "xmlns:xlink", 0, xlink, strlen(xlink),
		    1);

	if (isvoid) {
		buf_adds(hc->out, " />");
	} else if (selfclose) {
		buf_add(hc->out, "></", 3);
		buf_adds(hc->out, tag);
		buf_addc(hc->out, '>');
		if (strcmp(lname, "svg") == 0 && hc->svg)
			hc->svg--;
		if (strcmp(lname, "math") == 0 && hc->mathml)
			hc->mathml--;
	} else {
		buf_addc(hc->out, '>');
		hc->stack[hc->depth++] = tag;
	}
	return 0;
}

static int
end_tag(void *ud, const struct html_tag *t)
{
	struct hc		*hc = ud;
	const char		*tag, *an, *lname = t->name;
	const struct name_ent	*ne;
	size_t			 i;

	ne = names_find(lname, t->nlen, t->h);
	tag = ne != NULL && (ne->flags & NF_ELEM) ? ne->name : NULL;
	if (tag == NULL) {
		if (strcmp(lname, "applet") == 0)
			hc->unacceptable--;	/* NOTE: may go negative */
		if (hc->mathml && (an = IN(mathml_elements, lname)) != NULL) {
			tag = an;
			if (strcmp(lname, "math") == 0)
				hc->mathml--;
		} else if (hc->svg && (an = IN(svg_elements, lname)) != NULL) {
			tag = an;
			if (strcmp(lname, "svg") == 0)
				hc->svg--;
		} else
			return 0;
	}
	if (name_flags(tag, ne) & NF_VOID)
		return 0;
	/* close it and, implicitly, what was opened inside it */
	for (i = hc->depth; i-- > 0; ) {
		if (strcmp(hc->stack[i], tag) == 0) {
			hc->depth = i;
			put_end_tag(hc->out, tag);
			return 0;
		}
	}
	/* a stray end tag is dropped */
	return 0;
}

static int
text(void *ud, const char *s, size_t len)
{
	struct hc *hc = ud;

	if (hc->unacceptable == 0)
		html_escape(hc->out, s, len, 0);
	return 0;
}

static const struct html_tok_ops clean_ops = {
	start_tag, end_tag, text, NULL, NULL, 0,
};

static void
clean(struct buf *out, const char *html, size_t len, const char *base,
    int xml)
{
	struct hc	 hc;
	size_t		 n, start, end;

	/* the stack is written before it is read: not cleared */
	hc.out = out;
	hc.base = base;
	hc.unacceptable = 0;
	hc.svg = 0;
	hc.mathml = 0;
	hc.xml = xml;
	hc.depth = 0;
	buf_init(&hc.val, 0);
	buf_init(&hc.tmp, 0);
	buf_init(&hc.css, 0);
	start = out->len;
	html_tok(html, len, &clean_ops, &hc);
	/* trim like feedparser, then close what is still open */
	end = out->len;
	while (end > start && is_space((unsigned char)out->s[end - 1]))
		end--;
	buf_truncate(out, end);
	for (n = start; n < out->len && is_space((unsigned char)out->s[n]); n++)
		;
	if (n > start) {
		memmove(out->s + start, out->s + n, out->len - n);
		buf_truncate(out, out->len - (n - start));
	}
	while (hc.depth > 0)
		put_end_tag(out, hc.stack[--hc.depth]);
	buf_release(&hc.val);
	buf_release(&hc.tmp);
	buf_release(&hc.css);
}

void
html_clean(struct buf *out, const char *html, size_t len, const char *base)
{
	clean(out, html, len, base, 0);
}

void
html_clean_xml(struct buf *out, const char *html, size_t len,
    const char *base)
{
	clean(out, html, len, base, 1);
}

char *
html_clean_str(const char *html, const char *base)
{
	struct buf b = BUF_INIT;

	if (html == NULL)
		return NULL;
	html_clean(&b, html, strlen(html), base);
	return buf_detach(&b, NULL);
}

/* the NF_* flags of name[0..len), in any case, from the name index */
static unsigned
lookup_flags(const char *name, size_t len)
{
	char	low[HC_NAME];
	size_t	i;

	if (len == 0 || len >= HC_NAME)
		return 0;
	for (i = 0; i < len; i++)
		low[i] = (char)to_lower((unsigned char)name[i]);
	low[len] = '\0';
	return name_flags(low, names_find(low, len, html_tok_hash(low, len)));
}

/* is name[0..len) one of the elements the sanitizer keeps (any case)? */
int
html_is_element(const char *name, size_t len)
{
	return (lookup_flags(name, len) & NF_ELEM) != 0;
}

/* is name[0..len) one of HTML's void elements (any case)? */
int
html_is_void(const char *name, size_t len)
{
	return (lookup_flags(name, len) & NF_VOID) != 0;
}
