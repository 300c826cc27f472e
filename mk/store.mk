# mk/store.mk: the SQLite store and the reading commands
libcrier_a_SOURCES += \
	src/store/store.c src/store/store.h src/store/store-int.h \
	src/store/store-fts.c src/store/store-body.c \
	src/store/store-feed.c src/store/store-item.c \
	src/store/store-tag.c src/store/store-mark.c src/store/store-ckpt.c \
	src/cmd-list.c src/cmd-show.c src/cmd-feeds.c \
	src/cmd-tags.c

unit_tests += tests/unit/t-dedup tests/unit/t-store tests/unit/t-fts \
	tests/unit/t-cursor
tests_unit_t_dedup_SOURCES = tests/unit/t-dedup.c tests/tap.h
tests_unit_t_store_SOURCES = tests/unit/t-store.c tests/tap.h
tests_unit_t_fts_SOURCES = tests/unit/t-fts.c tests/tap.h
tests_unit_t_cursor_SOURCES = tests/unit/t-cursor.c tests/tap.h
cli_tests += tests/cli/t040-read.sh tests/cli/t041-sqlite-shell.sh \
	tests/cli/t042-digest-lock.sh
# made by crier before migration 6 (tests/unit/t-store.c)
EXTRA_DIST += tests/data/store/crier-v5.db
# made by crier of schema 9, before issue 13 (tests/unit/t-store.c)
EXTRA_DIST += tests/data/store/crier-v9.db
# deduplication as readers see it (issue 13)
cli_tests += tests/cli/t120-dedup-moves.sh tests/cli/t121-dedup-cross-feed.sh
