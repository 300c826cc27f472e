# mk/tag.mk: tag rules, event extraction and the zone files it reads
libcrier_a_SOURCES += \
	src/tag.c src/tag.h src/relit.c src/relit.h \
	src/announce.c src/announce.h \
	src/event.c src/event.h \
	src/util/tz.c src/util/tz.h

unit_tests += tests/unit/t-tag tests/unit/t-event tests/unit/t-tag-eval \
	tests/unit/t-tag-literal tests/unit/t-tz tests/unit/t-announce
tests_unit_t_announce_SOURCES = tests/unit/t-announce.c tests/tap.h
tests_unit_t_tag_literal_SOURCES = tests/unit/t-tag-literal.c tests/tap.h
tests_unit_t_tag_SOURCES = tests/unit/t-tag.c tests/tap.h
tests_unit_t_event_SOURCES = tests/unit/t-event.c tests/tap.h
tests_unit_t_tz_SOURCES = tests/unit/t-tz.c tests/tap.h
# the scorer of the labelled posts: `make eval` prints its table,
# t-tag-eval holds floors under it
tests_unit_t_tag_eval_SOURCES = tests/unit/t-tag-eval.c tests/tap.h \
	tests/eval/eval.c tests/eval/eval.h
EXTRA_PROGRAMS = tests/eval/crier-eval
tests_eval_crier_eval_SOURCES = tests/eval/crier-eval.c tests/eval/eval.c \
	tests/eval/eval.h
EXTRA_DIST += tests/data/tagging/a-en.jsonl tests/data/tagging/a-tsv.jsonl \
	tests/data/tagging/b-en-tricky.jsonl tests/data/tagging/b-es.jsonl \
	tests/data/tagging/b-fr.jsonl tests/data/tagging/c-probe.jsonl \
	tests/data/tagging/d-probe.jsonl tests/data/tagging/e-probe.jsonl \
	tests/data/tagging/f-probe.jsonl tests/data/tagging/g-probe.jsonl \
	tests/data/tagging/h-probe.jsonl tests/data/tagging/i-probe.jsonl \
	tests/data/tagging/j-probe.jsonl tests/data/tagging/k-probe.jsonl \
	tests/data/tagging/l-probe.jsonl tests/data/tagging/m-probe.jsonl \
	tests/data/tagging/n-probe.jsonl tests/data/tagging/o-probe.jsonl \
	tests/data/tagging/p-probe.jsonl tests/data/tagging/q-probe.jsonl \
	tests/data/tagging/r-probe.jsonl tests/data/tagging/s-probe.jsonl \
	tests/data/tagging/t-probe.jsonl tests/data/tagging/u-probe.jsonl \
	tests/data/tagging/v-probe.jsonl tests/data/tagging/w-probe.jsonl \
	tests/data/tagging/check.py

eval: tests/eval/crier-eval$(EXEEXT)
	top_srcdir='$(abs_top_srcdir)' LC_ALL=C TZ=UTC \
	    tests/eval/crier-eval$(EXEEXT) $(EVAL_FLAGS)
.PHONY: eval
cli_tests += tests/cli/t130-tag-signals.sh tests/cli/t132-tag-data.sh
unit_tests += tests/unit/t-relit
tests_unit_t_relit_SOURCES = tests/unit/t-relit.c tests/tap.h
unit_tests += tests/unit/t-wordlist
tests_unit_t_wordlist_SOURCES = tests/unit/t-wordlist.c tests/tap.h
