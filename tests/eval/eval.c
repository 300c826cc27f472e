/*
 * tests/eval/eval.c: scores the tagger and the event extraction on the
 * labelled posts (eval.h).  A post becomes an entry as parse and
 * feed_text_to_html() would leave it (the title plain text, escaped; the
 * summary HTML), of the config's feed with that title when there is one,
 * so feed tags and feed-scoped rules apply as in poll.
 *
 * Event times are scored on every post whose label states a time,
 * whatever its tags: the extraction is measured by itself, not through
 * the tagger's mistakes.
 */
#include "config.h"

#include <dirent.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "event.h"
#include "parse/date.h"
#include "parse/feed.h"
#include "tag.h"
#include "util/buf.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "eval.h"

const char *const eval_tags[EVAL_NTAGS] = { "community-call", "event",
	"report", "job", "funding", "consultation" };

static const char *
jstr(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int
jhas(struct json_object *o, const char *key, const char *want)
{
	struct json_object	*v;
	size_t			 i;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_array))
		return 0;
	for (i = 0; i < json_object_array_length(v); i++) {
		const char *s = json_object_get_string(
		    json_object_array_get_idx(v, i));

		if (s && strcmp(s, want) == 0)
			return 1;
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

static const char *
feed_url(const struct config *c, const char *title)
{
	size_t i;

	for (i = 0; title && i < c->nfeeds; i++)
		if (c->feeds[i].title && strcmp(c->feeds[i].title, title) == 0)
			return c->feeds[i].url;
	return NULL;
}

static void
log_tags(FILE *log, const struct tag_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		fprintf(log, "%s%s [%s]", i ? ", " : "", r->names[i],
		    r->sources[i] ? r->sources[i] : "");
	fputc('\n', log);
}

/* one labelled post */
static void
eval_post(const struct config *c, const struct tagger *t,
    struct json_object *o, struct eval *ev, FILE *log)
{
	struct feed		*f = feed_new();
	struct entry		*e = feed_add_entry(f);
	struct json_object	*cats, *evo;
	struct tag_result	 r;
	struct tag_texts	 tt;
	struct eval_set		*s;
	struct event		 got;
	const char		*id = jstr(o, "id"), *split = jstr(o, "split");
	const char		*sp;
	const char		*start = NULL, *pub;
	size_t			 i;
	int			 found, bad = 0, allday = 0;
	time_t			 want = TIME_NONE;

	s = &ev->set[split && strcmp(split, "held") == 0 ? EVAL_HELD :
	    EVAL_DEV];
	s->nposts++;
	sp = s == &ev->set[EVAL_HELD] ? "held" : "dev";
	e->title = xstrdup(jstr(o, "title") ? jstr(o, "title") : "");
	e->text |= ENTRY_TITLE_TEXT;
	e->summary = xstrdup(jstr(o, "summary") ? jstr(o, "summary") : "");
	if (jstr(o, "link"))
		e->link = xstrdup(jstr(o, "link"));
	if ((pub = jstr(o, "published")) != NULL)
		date_parse(pub, &e->published);
	if (json_object_object_get_ex(o, "categories", &cats) &&
	    json_object_is_type(cats, json_type_array))
		for (i = 0; i < json_object_array_length(cats); i++)
			entry_add_category(e, json_object_get_string(
			    json_object_array_get_idx(cats, i)));
	feed_text_to_html(f);

	tag_texts_init(&tt, e);
	tagger_apply_texts(t, feed_url(c, jstr(o, "feed")), &tt, &r);
	for (i = 0; i < EVAL_NTAGS; i++) {
		int want_tag = jhas(o, "tags", eval_tags[i]);
		int got_it = got_tag(&r, eval_tags[i]);

		if (want_tag && got_it)
			s->tp[i]++;
		else if (got_it) {
			s->fp[i]++;
			bad = 1;
			if (log)
				fprintf(log, "%s: false %s: %s %s\n", sp,
				    eval_tags[i], id, e->title);
		} else if (want_tag) {
			s->fn[i]++;
			bad = 1;
			if (log)
				fprintf(log, "%s: missed %s: %s %s\n", sp,
				    eval_tags[i], id, e->title);
		}
	}
	if (bad && log) {
		fprintf(log, "%s:   got: ", sp);
		log_tags(log, &r);
	}

	if (json_object_object_get_ex(o, "event", &evo) &&
	    json_object_is_type(evo, json_type_object)) {
		struct json_object *ad;

		start = jstr(evo, "start");
		/* a date-only event: "2025-05-31", or "allday": true */
		if (start && json_object_object_get_ex(evo, "allday", &ad) &&
		    json_object_get_boolean(ad))
			allday = 1;
		if (start && strlen(start) == 10)
			allday = 1;
	}
	found = event_extract_texts(&tt, e->published, &got);
	if (start && !allday && date_parse(start, &want) == 0) {
		int call = jhas(o, "tags", "community-call");

		s->time_total++;
		s->call_total += call;
		if (found && !got.allday && got.start == want) {
			s->time_right++;
			s->call_right += call;
		} else if (log) {
			char a[32] = "-";

			if (found)
				time_rfc3339(got.start, a, sizeof(a));
			fprintf(log, "%s: event of %s %s: got %s%s, want %s\n",
			    sp, id, e->title, a, found && got.allday ? " (date)" : "",
			    start);
		}
	} else if (start && allday) {
		char a[32] = "";

		s->day_total++;
		if (found)
			time_rfc3339(got.start, a, sizeof(a));
		if (found && strncmp(a, start, 10) == 0)
			s->day_right++;
	}
	tag_result_release(&r);
	tag_texts_release(&tt);
	feed_free(f);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
eval_run(const char *conf, const char *dir, struct eval *ev, FILE *log,
    char **cause)
{
	struct config	 c;
	struct tagger	*t = NULL;
	struct buf	 path = BUF_INIT;
	char		**names = NULL, line[65536];
	size_t		 n = 0, i, lineno;
	DIR		*d = NULL;
	struct dirent	*de;
	FILE		*f;
	int		 rc = -1;

	memset(ev, 0, sizeof(*ev));
	*cause = NULL;
	config_init(&c);
	if (config_load(&c, conf) == -1) {
		xasprintf(cause, "cannot load %s", conf);
		goto out;
	}
	if ((t = tagger_new(&c)) == NULL) {
		xasprintf(cause, "the rules of %s do not compile", conf);
		goto out;
	}
	if ((d = opendir(dir)) == NULL) {
		xasprintf(cause, "cannot open %s", dir);
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 6 && strcmp(de->d_name + len - 6, ".jsonl") == 0) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	}
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, names[i]);
		if ((f = fopen(path.s, "r")) == NULL) {
			xasprintf(cause, "cannot open %s", path.s);
			goto out;
		}
		ev->nfiles++;
		lineno = 0;
		while (fgets(line, sizeof(line), f) != NULL) {
			struct json_object *o;

			lineno++;
			if (line[strspn(line, " \t\r\n")] == '\0')
				continue;
			o = json_tokener_parse(line);
			if (o == NULL || !json_object_is_type(o,
			    json_type_object)) {
				xasprintf(cause, "%s:%zu: not a JSON object",
				    path.s, lineno);
				json_object_put(o);
				fclose(f);
				goto out;
			}
			eval_post(&c, t, o, ev, log);
			json_object_put(o);
		}
		fclose(f);
	}
	rc = 0;
out:
	if (d)
		closedir(d);
	strv_free(names, n);
	tagger_free(t);
	config_release(&c);
	buf_release(&path);
	return rc;
}

double
eval_f1(const struct eval_set *s, int i, double *prec, double *rec)
{
	double p, r;

	p = s->tp[i] + s->fp[i] ? (double)s->tp[i] / (s->tp[i] + s->fp[i]) : 1;
	r = s->tp[i] + s->fn[i] ? (double)s->tp[i] / (s->tp[i] + s->fn[i]) : 1;
	if (prec)
		*prec = p;
	if (rec)
		*rec = r;
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

double
eval_macro_f1(const struct eval_set *s)
{
	double	sum = 0;
	int	i;

	for (i = 0; i < EVAL_NTAGS; i++)
		sum += eval_f1(s, i, NULL, NULL);
	return sum / EVAL_NTAGS;
}

double
eval_time_acc(const struct eval_set *s)
{
	return s->time_total ? (double)s->time_right / s->time_total : 0;
}

void
eval_print(const struct eval *ev, FILE *fp)
{
	static const char *const names[] = { "dev", "held" };
	int	k, i;

	for (k = 0; k < EVAL_NSETS; k++) {
		const struct eval_set *s = &ev->set[k];

		fprintf(fp, "%s: %zu posts\n", names[k], s->nposts);
		fprintf(fp, "  %-15s %9s %9s %6s %5s\n", "tag", "precision",
		    "recall", "F1", "n");
		for (i = 0; i < EVAL_NTAGS; i++) {
			double p, r, f1 = eval_f1(s, i, &p, &r);

			fprintf(fp, "  %-15s %9.3f %9.3f %6.3f %5zu\n",
			    eval_tags[i], p, r, f1, s->tp[i] + s->fn[i]);
		}
		fprintf(fp, "  %-15s %26.3f\n", "macro F1", eval_macro_f1(s));
		fprintf(fp, "  event start right: %zu/%zu (%.3f); of the "
		    "community calls %zu/%zu; date-only events %zu/%zu\n",
		    s->time_right, s->time_total, eval_time_acc(s),
		    s->call_right, s->call_total, s->day_right, s->day_total);
	}
}
