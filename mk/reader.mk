# mk/reader.mk: the terminal reader (issue 11): search, read state and
# `crier read`
libcrier_a_SOURCES += \
	src/store/store-search.c \
	src/cmd-search.c src/cmd-mark.c src/cmd-read.c \
	src/tui/tui.c src/tui/tui.h

unit_tests += tests/unit/t-search
tests_unit_t_search_SOURCES = tests/unit/t-search.c tests/tap.h
cli_tests += tests/cli/t070-search.sh tests/cli/t071-mark.sh \
	tests/cli/t072-read-tui.sh
