/*
 * tests/eval/eval.h: the tag and event-time scorer over the labelled
 * posts of the .jsonl files of tests/data/tagging (one JSON object a line: title,
 * summary, categories, published, feed, the tags a person gave it, the
 * event's start and end in UTC, and "split": "dev" or "held").
 *
 * Each post is tagged the way poll tags it (the shipped feeds.conf
 * rules, tagger_apply_texts() on the entry as the store keeps it) and
 * its event is extracted from the same texts.  `make eval` prints the
 * table; tests/unit/t-tag-eval.c holds floors under it.
 */
#ifndef CRIER_EVAL_H
#define CRIER_EVAL_H

#include <stddef.h>
#include <stdio.h>

#define EVAL_NTAGS	6
extern const char *const eval_tags[EVAL_NTAGS];

enum {
	EVAL_DEV,
	EVAL_HELD,
	EVAL_NSETS
};

struct eval_set {
	size_t	nposts;
	size_t	tp[EVAL_NTAGS], fp[EVAL_NTAGS], fn[EVAL_NTAGS];
	size_t	time_total, time_right;	/* posts that state a time */
	size_t	call_total, call_right;	/* ... that are community calls */
	size_t	day_total, day_right;	/* events that state a date only */
};

struct eval {
	struct eval_set	set[EVAL_NSETS];
	size_t		nfiles;
};

/*
 * Scores the rules of the config file conf on every *.jsonl file of dir.
 * Each mistake is written to log (NULL: none), with the sources the
 * tagger gave.  Returns 0, or -1 with *cause set (caller frees).
 */
int	eval_run(const char *conf, const char *dir, struct eval *ev,
	    FILE *log, char **cause);
/* F1 of tag i in s (precision and recall in *prec, *rec when not NULL) */
double	eval_f1(const struct eval_set *s, int i, double *prec, double *rec);
double	eval_macro_f1(const struct eval_set *s);
/* the share of posts stating a time whose start came out right */
double	eval_time_acc(const struct eval_set *s);
void	eval_print(const struct eval *ev, FILE *fp);

#endif
