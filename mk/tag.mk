# mk/tag.mk: tag rules and event extraction
libcrier_a_SOURCES += \
	src/tag.c src/tag.h \
	src/event.c src/event.h

unit_tests += tests/unit/t-tag tests/unit/t-event tests/unit/t-tag-eval \
	tests/unit/t-tag-literal
tests_unit_t_tag_literal_SOURCES = tests/unit/t-tag-literal.c tests/tap.h
tests_unit_t_tag_SOURCES = tests/unit/t-tag.c tests/tap.h
tests_unit_t_event_SOURCES = tests/unit/t-event.c tests/tap.h
tests_unit_t_tag_eval_SOURCES = tests/unit/t-tag-eval.c tests/tap.h
EXTRA_DIST += tests/data/labelled/posts.tsv
