/*
 * tests/fuzz/fuzz-tag.c: a tag rule against a post, both from the input:
 * the first line is the rule's regex, the rest the post's title (its
 * first line) and summary.  The tagger's fast paths (the strings a regex
 * needs, relit.c, looked for in one pass or each alone, as the input's
 * length is odd or even; PCRE2's JIT) must tag exactly as regexec()
 * alone does.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "parse/feed.h"
#include "tag.h"
#include "util/buf.h"
#include "util/log.h"
#include "fuzz.h"

/* the tags of e by t, as one string */
static void
tags(const struct tagger *t, const struct entry *e, struct buf *out)
{
	struct tag_result	r;
	size_t			i;

	buf_reset(out);
	tagger_apply(t, NULL, e, &r);
	for (i = 0; i < r.n; i++)
		buf_addf(out, "%s=%s;", r.names[i], r.sources[i] ?
		    r.sources[i] : "");
	tag_result_release(&r);
}

/*
 * Whether p stacks quantifiers ("e+++", "a*?*"): glibc's regcomp()
 * copies the tree once per quantifier, so a few dozen exhaust memory;
 * that is the C library's limit, not the tagger's.
 */
static int
stacked(const char *p)
{
	for (; p[0] != '\0' && p[1] != '\0'; p++)
		if (strchr("*+?}", p[0]) != NULL && strchr("*+?{", p[1]) != NULL)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c;
	struct tagger	*fast = NULL, *slow = NULL;
	struct entry	 e;
	struct buf	 conf = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	char		*copy, *nl, *body, *nl2;

	if (size > 4096)
		return 0;
	if ((copy = fuzz_copy(data, size, 1)) == NULL)
		return 0;
	log_verbose = -1;
	if ((nl = strchr(copy, '\n')) == NULL) {
		free(copy);
		return 0;
	}
	*nl = '\0';
	body = nl + 1;
	/* a pattern the file format keeps as it is, on one line */
	if (*copy == '\0' || strpbrk(copy, "\\\"#;\r") != NULL ||
	    stacked(copy)) {
		free(copy);
		return 0;
	}
	buf_addf(&conf, "[tag \"x\"]\n\tmatch = %s\n\tfields = title summary\n",
	    copy);
	config_init(&c);
	if (config_parse(&c, "fuzz.conf", conf.s, conf.len) == 0 &&
	    (fast = tagger_new(&c)) != NULL && (slow = tagger_new(&c)) !=
	    NULL) {
		/* one pass over the text, or each string, against regexec */
		tagger_set_literal(fast, size % 2 ? TAG_LIT_ONE_PASS :
		    TAG_LIT_EACH);
		tagger_set_literal(slow, TAG_LIT_NONE);
		memset(&e, 0, sizeof(e));
		e.title = body;
		if ((nl2 = strchr(body, '\n')) != NULL) {
			*nl2 = '\0';
			e.summary = nl2 + 1;
		}
		tags(fast, &e, &a);
		tags(slow, &e, &b);
		if (strcmp(a.s, b.s) != 0)
			abort();
	}
	tagger_free(fast);
	tagger_free(slow);
	config_release(&c);
	buf_release(&conf);
	buf_release(&a);
	buf_release(&b);
	free(copy);
	return 0;
}
