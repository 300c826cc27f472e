# mk/tag.mk: tag rules, event extraction and the zone files it reads
libcrier_a_SOURCES += \
	src/tag.c src/tag.h \
	src/event.c src/event.h \
	src/util/tz.c src/util/tz.h

unit_tests += tests/unit/t-tag tests/unit/t-event tests/unit/t-tag-eval \
	tests/unit/t-tag-literal tests/unit/t-tag-holdout tests/unit/t-tz
tests_unit_t_tag_literal_SOURCES = tests/unit/t-tag-literal.c tests/tap.h
tests_unit_t_tag_SOURCES = tests/unit/t-tag.c tests/tap.h
tests_unit_t_event_SOURCES = tests/unit/t-event.c tests/tap.h
tests_unit_t_tz_SOURCES = tests/unit/t-tz.c tests/tap.h
tests_unit_t_tag_eval_SOURCES = tests/unit/t-tag-eval.c tests/tap.h
# t-tag-holdout.c includes t-tag-eval.c with another set and floors
tests_unit_t_tag_holdout_SOURCES = tests/unit/t-tag-holdout.c tests/tap.h
EXTRA_DIST += tests/data/labelled/posts.tsv \
	tests/data/labelled/holdout.tsv tests/unit/t-tag-eval.c
