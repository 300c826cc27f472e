# mk/digest.mk: digests and their formats, events, retag
libcrier_a_SOURCES += \
	src/digest.c src/digest.h \
	src/retag.c src/retag.h \
	src/store/store-digest.c \
	src/render/render.h src/render/render.c src/render/render-text.c \
	src/render/render-markdown.c src/render/render-html.c \
	src/render/render-json.c src/render/render-atom.c \
	src/render/render-email.c src/render/render-ics.c \
	src/cmd-digest.c src/cmd-events.c src/cmd-retag.c

unit_tests += tests/unit/t-render tests/unit/t-render-text \
	tests/unit/t-mailaddr
tests_unit_t_mailaddr_SOURCES = tests/unit/t-mailaddr.c tests/tap.h
tests_unit_t_render_SOURCES = tests/unit/t-render.c tests/tap.h
tests_unit_t_render_text_SOURCES = tests/unit/t-render-text.c tests/tap.h
cli_tests += tests/cli/t050-digest-formats.sh tests/cli/t051-digest-pipe.sh \
	tests/cli/t052-events.sh tests/cli/t053-retag.sh \
	tests/cli/t131-digest-upcoming.sh \
	tests/cli/t064-digest-beside-poll.sh \
	tests/cli/t110-digest-addresses.sh
EXTRA_DIST += tests/data/digest/alpha.xml tests/data/digest/beta.atom \
	tests/data/digest/hostile.xml tests/data/digest/check_formats.py
