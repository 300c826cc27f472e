/*
 * tests/unit/t-tag-eval.c: the shipped feeds.conf rules measured on a
 * labelled set of posts (tests/data/labelled/posts.tsv): precision and
 * recall per tag, and the event times of the community calls.  Fails
 * under the floors below.  Each mismatch is printed as a TAP comment.
 *
 * posts.tsv: posted<TAB>tags<TAB>event<TAB>title<TAB>summary, tags
 * comma-separated or "-", event "-", "YYYY-MM-DD" (date only),
 * "START" or "START..END" (RFC 3339 UTC).
 *
 * tests/unit/t-tag-holdout.c includes this file with TAG_EVAL_SET and
 * TAG_EVAL_FLOORS defined to measure the same rules on a second set
 * written without looking at the rules (holdout.tsv), with its own floors.
 * Events are checked on every post whose event column is not "-": the
 * floor applies to the community calls, the other events are reported.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "event.h"
#include "parse/feed.h"
#include "tag.h"
#include "util/buf.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

static const char *const tags[] = { "community-call", "event", "report",
	"job", "funding", "consultation" };

#ifndef TAG_EVAL_SET
#define TAG_EVAL_SET	"posts.tsv"
#define FLOOR_EVENT	0.85	/* event times right among the calls */
/* precision and recall floors, in the order of tags[] */
static const double floor_prec[] = { 0.90, 0.80, 0.80, 0.80, 0.80, 0.80 };
static const double floor_rec[] = { 0.90, 0.80, 0.80, 0.80, 0.80, 0.80 };
#endif

static int
has_tag(const char *list, const char *tag)
{
	size_t		 n = strlen(tag);
	const char	*p = list;

	while ((p = strstr(p, tag)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' ||
		    p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static int
got_tag(const struct tag_result *r, const char *tag)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->names[i], tag) == 0)
			return 1;
	return 0;
}

static time_t
parse_utc(const char *s)
{
	int	y, mo, d, h, mi, sec;
	time_t	t;

	if (sscanf(s, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6 ||
	    time_from_utc(y, mo, d, h, mi, sec, &t) == -1)
		return TIME_NONE;
	return t;
}

static void
fmt_event(const struct event *ev, char *out, size_t len)
{
	char a[32] = "", b[32] = "";

	time_rfc3339(ev->start, a, sizeof(a));
	if (ev->allday)
		snprintf(out, len, "%.10s", a);
	else if (ev->end != TIME_NONE) {
		time_rfc3339(ev->end, b, sizeof(b));
		snprintf(out, len, "%s..%s", a, b);
	} else
		snprintf(out, len, "%s", a);
}

int
main(void)
{
	struct config	 c;
	struct tagger	*t;
	struct buf	 path = BUF_INIT;
	const char	*top = getenv("top_srcdir");
	char		 line[8192];
	FILE		*f;
	size_t		 i, nposts = 0, tp[nitems(tags)], fp[nitems(tags)],
			 fn[nitems(tags)], ev_total = 0, ev_right = 0,
			 oev_total = 0, oev_right = 0;

	memset(tp, 0, sizeof(tp));
	memset(fp, 0, sizeof(fp));
	memset(fn, 0, sizeof(fn));
	if (top == NULL)
		top = ".";
	plan(3 + 2 * (int)nitems(tags) + 1);

	config_init(&c);
	buf_addf(&path, "%s/feeds.conf", top);
	is_int(config_load(&c, path.s), 0, "the shipped feeds.conf loads");
	ok(c.ntags == nitems(tags) && c.nfeeds >= 40,
	    "it has the %zu tag rules and the feeds (%zu rules, %zu feeds)",
	    nitems(tags), c.ntags, c.nfeeds);
	t = tagger_new(&c);
	ok(t != NULL, "every rule of feeds.conf compiles");
	if (t == NULL)
		return done_testing();

	buf_reset(&path);
	buf_addf(&path, "%s/tests/data/labelled/%s", top, TAG_EVAL_SET);
	if ((f = fopen(path.s, "r")) == NULL) {
		perror(path.s);
		return 1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char		*fld[5], *p = line;
		struct entry	 e;
		struct tag_result r;
		size_t		 k;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (k = 0; k < 5; k++) {
			fld[k] = p;
			if (k < 4) {
				if ((p = strchr(p, '\t')) == NULL)
					break;
				*p++ = '\0';
			}
		}
		if (k < 5) {
			printf("# bad line: %s\n", line);
			continue;
		}
		nposts++;
		memset(&e, 0, sizeof(e));
		e.title = fld[3];
		e.summary = fld[4];
		e.published = e.updated = parse_utc(fld[0]);
		tagger_apply(t, NULL, &e, &r);
		for (k = 0; k < nitems(tags); k++) {
			int want = has_tag(fld[1], tags[k]);
			int got = got_tag(&r, tags[k]);

			if (want && got)
				tp[k]++;
			else if (got) {
				fp[k]++;
				printf("# false %s: %s\n", tags[k], fld[3]);
			} else if (want) {
				fn[k]++;
				printf("# missed %s: %s\n", tags[k], fld[3]);
			}
		}
		if (strcmp(fld[2], "-") != 0) {
			struct event	ev;
			char		got[80] = "-";
			int		call = has_tag(fld[1], "community-call");

			if (call)
				ev_total++;
			else
				oev_total++;
			if (event_extract(&e, e.published, &ev))
				fmt_event(&ev, got, sizeof(got));
			if (strcmp(got, fld[2]) == 0) {
				if (call)
					ev_right++;
				else
					oev_right++;
			} else
				printf("# event of '%s': got %s, want %s\n",
				    fld[3], got, fld[2]);
		}
		tag_result_release(&r);
	}
	fclose(f);
	printf("# %s: %zu labelled posts\n", TAG_EVAL_SET, nposts);
	for (i = 0; i < nitems(tags); i++) {
		double	prec = tp[i] + fp[i] ? (double)tp[i] / (tp[i] + fp[i]) : 1;
		double	rec = tp[i] + fn[i] ? (double)tp[i] / (tp[i] + fn[i]) : 1;

		printf("# %-15s precision %.3f (%zu/%zu) recall %.3f (%zu/%zu)\n",
		    tags[i], prec, tp[i], tp[i] + fp[i], rec, tp[i],
		    tp[i] + fn[i]);
		ok(prec >= floor_prec[i], "%s precision %.3f >= %.2f", tags[i],
		    prec, floor_prec[i]);
		ok(rec >= floor_rec[i], "%s recall %.3f >= %.2f", tags[i], rec,
		    floor_rec[i]);
	}
	if (oev_total > 0)
		printf("# event times of the other events: %zu/%zu right\n",
		    oev_right, oev_total);
	ok(ev_total > 0 && (double)ev_right / ev_total >= FLOOR_EVENT,
	    "event times of community calls: %zu/%zu right (>= %.2f)",
	    ev_right, ev_total, FLOOR_EVENT);
	tagger_free(t);
	config_release(&c);
	buf_release(&path);
	return done_testing();
}
