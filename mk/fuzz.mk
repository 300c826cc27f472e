# mk/fuzz.mk: libFuzzer targets, one per parser of untrusted bytes
# (STYLE.md 4.5).  Build with `CC=clang ./configure --enable-fuzzing`,
# run with tests/fuzz/run.sh TARGET SECONDS.
fuzz_sources = \
	tests/fuzz/fuzz-date.c tests/fuzz/fuzz-url.c \
	tests/fuzz/fuzz-feed.c tests/fuzz/fuzz-html.c \
	tests/fuzz/fuzz-htmltext.c \
	tests/fuzz/fuzz-config.c tests/fuzz/fuzz-event.c \
	tests/fuzz/fuzz-opml.c tests/fuzz/fuzz-tag.c
EXTRA_DIST += mk/fuzz.mk tests/fuzz/run.sh tests/fuzz/fuzz.h $(fuzz_sources)

if ENABLE_FUZZING
noinst_PROGRAMS = \
	tests/fuzz/fuzz-date tests/fuzz/fuzz-url \
	tests/fuzz/fuzz-feed tests/fuzz/fuzz-html \
	tests/fuzz/fuzz-htmltext \
	tests/fuzz/fuzz-config tests/fuzz/fuzz-event \
	tests/fuzz/fuzz-opml tests/fuzz/fuzz-tag
tests_fuzz_fuzz_date_SOURCES = tests/fuzz/fuzz-date.c
tests_fuzz_fuzz_date_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_url_SOURCES = tests/fuzz/fuzz-url.c
tests_fuzz_fuzz_url_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_feed_SOURCES = tests/fuzz/fuzz-feed.c
tests_fuzz_fuzz_feed_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz-html.c
tests_fuzz_fuzz_html_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_htmltext_SOURCES = tests/fuzz/fuzz-htmltext.c
tests_fuzz_fuzz_htmltext_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz-config.c
tests_fuzz_fuzz_config_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_event_SOURCES = tests/fuzz/fuzz-event.c
tests_fuzz_fuzz_event_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_opml_SOURCES = tests/fuzz/fuzz-opml.c
tests_fuzz_fuzz_opml_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_tag_SOURCES = tests/fuzz/fuzz-tag.c
tests_fuzz_fuzz_tag_LDFLAGS = $(FUZZ_LDFLAGS)
endif
