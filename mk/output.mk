# mk/output.mk: output a person reads: terminal width, colour and aligned
# columns (util/term.c), shared by list, tags, show and the other commands
libcrier_a_SOURCES += src/util/term.c src/util/term.h

unit_tests += tests/unit/t-term
tests_unit_t_term_SOURCES = tests/unit/t-term.c tests/tap.h
cli_tests += tests/cli/t100-output.sh
EXTRA_DIST += mk/output.mk
