/*
 * tests/unit/t-tag-holdout.c: the shipped feeds.conf rules measured on
 * tests/data/labelled/holdout.tsv, a labelled set written without looking
 * at the rules (the rules were tuned on posts.tsv, so t-tag-eval's figures
 * are optimistic).  The rules were then fixed (general patterns) on the
 * failures it showed, so it is no longer fully held out either: the first
 * figures below are the honest ones.  The floors are the figures measured
 * after the fixes, rounded down: they catch a regression.
 */
#define TAG_EVAL_SET	"holdout.tsv"
#define FLOOR_EVENT	0.95	/* measured 31/31 */
/*
 * Precision and recall floors, in the order of tags[] in t-tag-eval.c
 * (community-call, event, report, job, funding, consultation).  First
 * held-out measure, before the rules were fixed on its failures:
 * precision .966 .971 .667 1 .8 .833, recall .903 .892 .889 .833 .8 1,
 * event times 31/31.  After the fixes: all 1.000 but report precision
 * .818 (9/11).  The floors leave one post of slack on the larger tags.
 */
static const double floor_prec[] = { 0.95, 0.95, 0.80, 0.80, 0.80, 0.80 };
static const double floor_rec[] = { 0.95, 0.95, 0.85, 0.80, 0.80, 0.80 };

#include "t-tag-eval.c"
